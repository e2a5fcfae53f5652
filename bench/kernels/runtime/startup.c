/* A minimal mps2-an385 (Cortex-M3) runtime for the C kernels of
 * `npm run bench:codegen`: vector table, reset (copy .data, zero .bss, call
 * main), semihosting output and exit. Built with -nostdlib and link.ld. */
#include "bench.h"

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];
int main(void);

/* ARM semihosting: operation in r0, argument in r1, `bkpt 0xab` traps to QEMU. */
static void semihost(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

void print_u32(uint32_t v) {
    char buf[12];
    int i = 11;
    buf[i] = 0;
    buf[--i] = '\n';
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    semihost(0x04, &buf[i]); /* SYS_WRITE0 */
}

__attribute__((noinline)) void bench_start(void) { __asm__ volatile(""); }
__attribute__((noinline)) void bench_end(void) { __asm__ volatile(""); }

void reset_handler(void) {
    for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;) *d++ = *s++;
    for (uint32_t *d = __bss_start; d < __bss_end;) *d++ = 0;
    main();
    semihost(0x18, (const void *)0x20026); /* SYS_EXIT, ADP_Stopped_ApplicationExit: status 0 */
    for (;;) {}
}

static void default_handler(void) {
    for (;;) {}
}

__attribute__((section(".vectors"), used)) static const void *const vectors[16] = {
    __stack_top, reset_handler,
    default_handler, default_handler, default_handler, default_handler, default_handler, default_handler,
    default_handler, default_handler, default_handler, default_handler, default_handler, default_handler,
    default_handler, default_handler,
};
