/* The C side of `npm run bench:codegen`: what every kernel program needs.
 * Kernels are `NOINLINE` (no inlining into main, no cloning specialised on
 * main's arguments), so the code measured is the kernel as written, called
 * like the Orizon kernel is. The markers live in startup.c, another
 * translation unit, so no optimisation level can remove the calls. */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>
#include <stdbool.h>

#define NOINLINE __attribute__((noinline, noclone))

/* Counting starts at bench_start's first instruction and stops at bench_end's. */
void bench_start(void);
void bench_end(void);

/* Semihosting console output (what Orizon's println! uses under QEMU). */
void print_u32(uint32_t v);
#endif
