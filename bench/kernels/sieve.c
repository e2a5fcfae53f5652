/* Sieve of Eratosthenes: the primes below 2048: sieve.oriz in C. */
#include "runtime/bench.h"

#define N 2048

NOINLINE uint32_t sieve(bool *flags) {
    for (uint32_t i = 0; i < N; i++) flags[i] = true;
    flags[0] = false;
    flags[1] = false;
    for (uint32_t i = 2; i * i < N; i++) {
        if (flags[i]) {
            for (uint32_t j = i * i; j < N; j += i) flags[j] = false;
        }
    }
    uint32_t count = 0;
    for (uint32_t i = 0; i < N; i++) {
        if (flags[i]) count++;
    }
    return count;
}

static bool flags[N];

int main(void) {
    bench_start();
    uint32_t r = sieve(flags);
    bench_end();
    print_u32(r);
    return 0;
}
