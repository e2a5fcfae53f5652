/* Insertion sort of 64 pseudo-random u32 values, in place: insertion_sort.oriz in C. */
#include "runtime/bench.h"

NOINLINE void insertion_sort(uint32_t *a) {
    for (uint32_t i = 1; i < 64; i++) {
        uint32_t key = a[i];
        uint32_t j = i;
        while (j > 0 && a[j - 1] > key) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = key;
    }
}

static uint32_t a[64];

int main(void) {
    uint32_t x = 99;
    for (int i = 0; i < 64; i++) {
        x = x * 1103515245u + 12345u;
        a[i] = x >> 8;
    }
    bench_start();
    insertion_sort(a);
    bench_end();
    uint32_t sum = 0;
    for (int i = 0; i < 64; i++) sum = sum * 31u + a[i];
    print_u32(sum);
    return 0;
}
