/* 12x12 integer matrix multiply, C = A * B, row-major in flat arrays: matmul.oriz in C. */
#include "runtime/bench.h"

#define N 12

NOINLINE void matmul(const int32_t *a, const int32_t *b, int32_t *c) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) s += a[i * N + k] * b[k * N + j];
            c[i * N + j] = s;
        }
    }
}

static int32_t a[N * N], b[N * N], c[N * N];

int main(void) {
    uint32_t x = 7;
    for (int i = 0; i < N * N; i++) {
        x = x * 1103515245u + 12345u;
        a[i] = (int32_t)((x >> 16) & 255) - 128;
        x = x * 1103515245u + 12345u;
        b[i] = (int32_t)((x >> 16) & 255) - 128;
    }
    bench_start();
    matmul(a, b, c);
    bench_end();
    uint32_t sum = 0;
    for (int i = 0; i < N * N; i++) sum = sum * 31u + (uint32_t)c[i];
    print_u32(sum);
    return 0;
}
