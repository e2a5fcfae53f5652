/* A tokenizer state machine over 512 bytes of text: state_machine.oriz in C. */
#include "runtime/bench.h"

enum state { IDLE, WORD, NUMBER };

NOINLINE uint32_t state_machine(const uint8_t *text) {
    enum state st = IDLE;
    uint32_t words = 0, nums = 0, value = 0, sum = 0;
    for (int i = 0; i < 512; i++) {
        uint8_t c = text[i];
        int class = c >= '0' && c <= '9' ? 1 : c >= 'a' && c <= 'z' ? 2 : 0;
        switch (st) {
        case IDLE:
            if (class == 1) { value = (uint32_t)(c - '0'); st = NUMBER; }
            else if (class == 2) { words++; st = WORD; }
            else st = IDLE;
            break;
        case WORD:
            if (class == 2) st = WORD;
            else if (class == 1) { value = (uint32_t)(c - '0'); st = NUMBER; }
            else st = IDLE;
            break;
        case NUMBER:
            if (class == 1) { value = value * 10u + (uint32_t)(c - '0'); st = NUMBER; }
            else {
                sum += value;
                nums++;
                if (class == 2) { words++; st = WORD; }
                else st = IDLE;
            }
            break;
        }
    }
    if (st == NUMBER) { sum += value; nums++; }
    return (words * 1000003u) ^ (nums * 7919u) ^ sum;
}

static const uint8_t alphabet[20] = "abcxyz 0123456789 ,.";
static uint8_t text[512];

int main(void) {
    uint32_t x = 5;
    for (int i = 0; i < 512; i++) {
        x = x * 1103515245u + 12345u;
        text[i] = alphabet[(x >> 16) % 20];
    }
    bench_start();
    uint32_t r = state_machine(text);
    bench_end();
    print_u32(r);
    return 0;
}
