/* A linked-list walk over a static array: list_walk.oriz in C. */
#include "runtime/bench.h"

struct node {
    uint32_t next;
    uint32_t value;
};

static const struct node nodes[64] = {
    { 6, 3187 },
    { 22, 60544 },
    { 9, 37998 },
    { 39, 18690 },
    { 11, 32894 },
    { 30, 39165 },
    { 50, 22317 },
    { 37, 29763 },
    { 53, 43595 },
    { 31, 28474 },
    { 7, 20545 },
    { 35, 10340 },
    { 32, 47793 },
    { 15, 13667 },
    { 61, 39823 },
    { 42, 62573 },
    { 48, 47275 },
    { 56, 11940 },
    { 57, 64101 },
    { 23, 1485 },
    { 40, 40201 },
    { 46, 19300 },
    { 33, 42239 },
    { 16, 2291 },
    { 47, 31958 },
    { 34, 8513 },
    { 51, 43221 },
    { 0, 30636 },
    { 8, 61068 },
    { 26, 26318 },
    { 19, 57258 },
    { 63, 28991 },
    { 28, 38394 },
    { 60, 28430 },
    { 12, 19285 },
    { 20, 63562 },
    { 10, 33521 },
    { 62, 57520 },
    { 14, 25166 },
    { 24, 12891 },
    { 29, 52914 },
    { 13, 42248 },
    { 25, 39160 },
    { 1, 1357 },
    { 17, 42007 },
    { 41, 51921 },
    { 36, 13232 },
    { 27, 11881 },
    { 45, 40580 },
    { 3, 55461 },
    { 54, 11673 },
    { 44, 44856 },
    { 58, 11147 },
    { 55, 52024 },
    { 4, 49190 },
    { 49, 11305 },
    { 59, 23393 },
    { 5, 47960 },
    { 18, 55140 },
    { 2, 39144 },
    { 38, 19461 },
    { 52, 59301 },
    { 43, 32525 },
    { 21, 20088 },
};

NOINLINE uint32_t list_walk(uint32_t start, uint32_t steps) {
    uint32_t i = start;
    uint32_t h = 0;
    for (uint32_t s = 0; s < steps; s++) {
        const struct node *n = &nodes[i];
        h = h * 31u + n->value;
        i = n->next;
    }
    return h;
}

int main(void) {
    volatile uint32_t start = 3; /* not a compile-time constant, as in list_walk.oriz */
    bench_start();
    uint32_t r = list_walk(start, 1024);
    bench_end();
    print_u32(r);
    return 0;
}
