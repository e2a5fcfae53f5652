// `--emit obj` interop fixtures: an Orizon object (function `orizon_main` that
// calls the C function `c_helper` twice — once with its own string literal, once
// with a C string found through the data word `orizon_table[0]`) and the C side
// (vector table / _start, c_helper printing on the UART, semihosting exit).
// The C side calls `orizon_main` through `orizon_table[1]`, a data relocation
// to an Orizon function: on ARM that pointer must carry the Thumb bit.
// Exit status: 15 ("orizon calls C\n") + 24 ("C data via orizon_table\n") = 39.
import type { AsmObject } from './helpers/asm.ts';

export const INTEROP_OUTPUT = 'orizon calls C\nC data via orizon_table\n';
export const INTEROP_STATUS = 39;

const C_COMMON = `
extern int orizon_main(void);
extern void *orizon_table[2];
const char c_message[] = "C data via orizon_table\\n";
int c_helper(const char *s) {
  int n = 0;
  uart_init();
  while (*s) { uart_put(*s++); n++; }
  return n;
}
`;

export const ARM_C = `
static volatile unsigned *const UART0 = (unsigned *)0x40004000;  /* CMSDK UART: DATA, STATE, CTRL */
static void uart_init(void) { UART0[2] = 1; }
static void uart_put(char c) { UART0[0] = (unsigned char)c; }
${C_COMMON}
static void semihost_exit(int code) {
  volatile unsigned block[2] = { 0x20026, (unsigned)code };   /* ADP_Stopped_ApplicationExit */
  register unsigned r0 __asm__("r0") = 0x20;                  /* SYS_EXIT_EXTENDED */
  register volatile unsigned *r1 __asm__("r1") = block;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  for (;;) {}
}
void reset(void) {
  int (*entry)(void) = (int (*)(void))orizon_table[1];
  semihost_exit(entry());
}
__attribute__((section(".vectors"), used)) static const void *const vectors[] = { (void *)0x20010000, (void *)reset };
`;

export const ARM_LD = `
ENTRY(reset)
MEMORY { FLASH (rx) : ORIGIN = 0, LENGTH = 4M
         RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 64K }
SECTIONS {
  .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) } > FLASH
  .data : { *(.data*) } > RAM
  .bss : { *(.bss*) *(COMMON) } > RAM
}
`;

export const RV_C = `
static volatile unsigned char *const UART = (unsigned char *)0x10000000;  /* 16550 THR */
static void uart_init(void) {}
static void uart_put(char c) { UART[0] = (unsigned char)c; }
${C_COMMON}
static void semihost_exit(int code) {
  volatile unsigned block[2] = { 0x20026, (unsigned)code };
  register unsigned a0 __asm__("a0") = 0x20;
  register volatile unsigned *a1 __asm__("a1") = block;
  __asm__ volatile(".option push\\n.option norvc\\n.balign 16\\nslli x0, x0, 0x1f\\nebreak\\nsrai x0, x0, 7\\n.option pop"
                   : "+r"(a0) : "r"(a1) : "memory");
  for (;;) {}
}
void c_start(void) {
  int (*entry)(void) = (int (*)(void))orizon_table[1];
  semihost_exit(entry());
}
__asm__(".section .text.start, \\"ax\\"\\n.globl _start\\n_start:\\n  la sp, __stack_top\\n  call c_start\\n1: j 1b\\n");
`;

export const RV_LD = `
ENTRY(_start)
MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 1M }
SECTIONS {
  .text : { KEEP(*(.text.start)) *(.text*) } > RAM
  .rodata : { *(.rodata*) *(.srodata*) } > RAM
  .data : { *(.data*) *(.sdata*) } > RAM
  .bss : { *(.bss*) *(.sbss*) *(COMMON) } > RAM
  __stack_top = ORIGIN(RAM) + LENGTH(RAM);
}
`;

export const armOrizon: AsmObject = {
  name: 'orizon.oriz',
  arch: 'arm',
  source: `
.syntax unified
.thumb
.section .text.orizon_main, "ax"
.thumb_func
orizon_main:
  push  {r4, lr}
  ldr   r0, lit_greeting
call_1:
  bl    c_helper
  mov   r4, r0
  ldr   r0, lit_table
  ldr   r0, [r0]
call_2:
  bl    c_helper
  adds  r0, r4
  pop   {r4, pc}
  .align 2
lit_greeting: .word 0
lit_table:    .word 0
.size orizon_main, . - orizon_main

.section .rodata.orizon, "a"
greeting: .asciz "orizon calls C\\n"

.section .data.orizon, "aw"
orizon_table: .word 0, 0
`,
  sections: {
    '.text.orizon_main': { kind: 'text', data: ['lit_greeting'] },
    '.rodata.orizon': { kind: 'rodata' },
    '.data.orizon': { kind: 'data' },
  },
  symbols: [
    { name: 'orizon_main' },
    { name: 'orizon_table', type: 'object', size: 8 },
  ],
  relocs: [
    { at: 'call_1', type: 'R_ARM_THM_CALL', target: 'c_helper', addend: -4 },
    { at: 'call_2', type: 'R_ARM_THM_CALL', target: 'c_helper', addend: -4 },
    { at: 'lit_greeting', type: 'R_ARM_ABS32', target: { section: '.rodata.orizon', label: 'greeting' } },
    { at: 'lit_table', type: 'R_ARM_ABS32', target: 'orizon_table' },
    { at: 'orizon_table', type: 'R_ARM_ABS32', target: 'c_message' },
    { at: 'orizon_table', delta: 4, type: 'R_ARM_ABS32', target: 'orizon_main' },
  ],
  lines: [
    { at: 'orizon_main', file: 'orizon.oriz', line: 1 },
    { at: 'call_1', file: 'orizon.oriz', line: 2, column: 5 },
    { at: 'call_2', file: 'orizon.oriz', line: 4, column: 5 },
  ],
};

export const rvOrizon: AsmObject = {
  name: 'orizon.oriz',
  arch: 'riscv32',
  source: `
.section .text.orizon_main, "ax"
orizon_main:
  addi  sp, sp, -16
  sw    ra, 12(sp)
  sw    s0, 8(sp)
greet_hi:
  auipc a0, %pcrel_hi(greeting)
greet_lo:
  addi  a0, a0, %pcrel_lo(greet_hi)
call_1:
  call  c_helper
  mv    s0, a0
table_hi:
  lui   a0, %hi(orizon_table)
table_lo:
  lw    a0, %lo(orizon_table)(a0)
call_2:
  call  c_helper
  add   a0, a0, s0
  lw    ra, 12(sp)
  lw    s0, 8(sp)
  addi  sp, sp, 16
  ret
.size orizon_main, . - orizon_main

.section .rodata.orizon, "a"
greeting: .asciz "orizon calls C\\n"

.section .data.orizon, "aw"
orizon_table: .word 0, 0
`,
  sections: {
    '.text.orizon_main': { kind: 'text' },
    '.rodata.orizon': { kind: 'rodata' },
    '.data.orizon': { kind: 'data' },
  },
  symbols: [
    { name: 'orizon_main' },
    { name: 'greet_hi', type: 'notype', binding: 'local' },
    { name: 'orizon_table', type: 'object', size: 8 },
  ],
  relocs: [
    { at: 'greet_hi', type: 'R_RISCV_PCREL_HI20', target: { section: '.rodata.orizon', label: 'greeting' } },
    { at: 'greet_lo', type: 'R_RISCV_PCREL_LO12_I', target: 'greet_hi' },
    { at: 'call_1', type: 'R_RISCV_CALL_PLT', target: 'c_helper' },
    { at: 'call_1', type: 'R_RISCV_RELAX', target: 'c_helper' },
    { at: 'table_hi', type: 'R_RISCV_HI20', target: 'orizon_table' },
    { at: 'table_lo', type: 'R_RISCV_LO12_I', target: 'orizon_table' },
    { at: 'call_2', type: 'R_RISCV_CALL_PLT', target: 'c_helper' },
    { at: 'orizon_table', type: 'R_RISCV_32', target: 'c_message' },
    { at: 'orizon_table', delta: 4, type: 'R_RISCV_32', target: 'orizon_main' },
  ],
  lines: [
    { at: 'orizon_main', file: 'orizon.oriz', line: 1 },
    { at: 'call_1', file: 'orizon.oriz', line: 2, column: 5 },
    { at: 'call_2', file: 'orizon.oriz', line: 4, column: 5 },
  ],
};
