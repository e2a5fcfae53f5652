/* CRC-32 (IEEE, reflected, polynomial 0xEDB88320), bit by bit, over 256 bytes: crc32.oriz in C. */
#include "runtime/bench.h"

NOINLINE uint32_t crc32(const uint8_t *data, uint32_t len) {
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) {
            uint32_t mask = -(crc & 1u);
            crc = (crc >> 1) ^ (0xEDB88320u & mask);
        }
    }
    return ~crc;
}

static uint8_t buf[256];

int main(void) {
    uint32_t x = 12345;
    for (int i = 0; i < 256; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    bench_start();
    uint32_t r = crc32(buf, 256);
    bench_end();
    print_u32(r);
    return 0;
}
