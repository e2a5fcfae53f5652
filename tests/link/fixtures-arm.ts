// A two-object Cortex-M3 firmware for the mps2-an385 board, linked by the Orizon
// linker in the tests: `startup` (vector table, reset handler that copies .data
// from flash and clears .bss, UART output, semihosting exit) and `app` (main).
//
// What the run proves: the vector table is at 0 with SP = __stack_top and the
// Thumb bit on the reset vector; `.data` is loaded at its flash address and the
// copy to RAM works (counter = 40, a pointer in .data to .rodata); `.bss` is
// cleared exactly up to __bss_end (RAM is first filled with 0xA5 bytes, so a
// clear that stopped early or ran past the end shows); the linker's symbols
// and MOVW/MOVT, BL, B.W and ABS32 relocations are right. Output and exit
// status 42 (= counter + 2) are checked by the test.
import type { AsmObject } from './helpers/asm.ts';

export const EXPECTED_OUTPUT = 'Hello from the Orizon linker\npointer in .data ok\ndata ok\nbss ok\n';
export const EXPECTED_STATUS = 42;

export const MPS2_LAYOUT = {
  flash: { origin: 0x00000000, length: 0x400000 },
  ram: { origin: 0x20000000, length: 0x10000 },
  stackSize: 0x1000,
};

export const startup: AsmObject = {
  name: 'startup.oriz',
  arch: 'arm',
  source: `
.syntax unified
.thumb
.section .vectors, "a"
vectors:
  .word 0                       @ initial SP      <- __stack_top
  .word 0                       @ reset           <- reset (Thumb)
  .word 0                       @ NMI             <- fault
  .word 0                       @ HardFault       <- fault

.section .text.reset, "ax"
.thumb_func
reset:
  ldr   r0, lit_data_start      @ dirty RAM: 0xA5 from .data up to the heap start + 4
  ldr   r1, lit_heap_start
  adds  r1, #4
  movw  r2, #0xa5a5
  movt  r2, #0xa5a5
1:cmp   r0, r1
  bhs   2f
  str   r2, [r0], #4
  b     1b
2:ldr   r0, lit_data_load       @ copy .data from flash
  ldr   r1, lit_data_start
  ldr   r2, lit_data_end
3:cmp   r1, r2
  bhs   4f
  ldr   r3, [r0], #4
  str   r3, [r1], #4
  b     3b
4:ldr   r1, lit_bss_start       @ clear .bss
  ldr   r2, lit_bss_end
  movs  r3, #0
5:cmp   r1, r2
  bhs   call_main
  str   r3, [r1], #4
  b     5b
call_main:
  bl    main
jump_exit:
  b.w   exit                    @ status = main's result
  .align 2
lit_data_load:  .word 0
lit_data_start: .word 0
lit_data_end:   .word 0
lit_bss_start:  .word 0
lit_bss_end:    .word 0
lit_heap_start: .word 0
reset_end:

.section .text.uart, "ax"
.thumb_func
uart_puts:                      @ r0: NUL-terminated string
  movw  r1, #0x4000             @ CMSDK UART0 at 0x40004000
  movt  r1, #0x4000
  movs  r2, #1
  str   r2, [r1, #8]            @ CTRL: TX enable
1:ldrb  r2, [r0], #1
  cbz   r2, 2f
  str   r2, [r1]
  b     1b
2:bx    lr
.size uart_puts, . - uart_puts

.section .text.exit, "ax"
.thumb_func
exit:                           @ r0: status; semihosting SYS_EXIT_EXTENDED
  sub   sp, #8
  movw  r1, #0x0026             @ ADP_Stopped_ApplicationExit = 0x20026
  movt  r1, #0x0002
  str   r1, [sp]
  str   r0, [sp, #4]
  mov   r1, sp
  movs  r0, #0x20
  bkpt  0xab
  b     .
.thumb_func
fault:
  movs  r0, #99
  b     exit
.size exit, fault - exit
.size fault, . - fault

.section .text.unused, "ax"     @ unreachable: the linker drops it, and its
.thumb_func                     @ undefined reference is no error
unused:
  bl    nowhere
  bx    lr
`,
  sections: {
    '.vectors': { kind: 'vectors' },
    '.text.reset': { kind: 'text', data: ['lit_data_load'] },
    '.text.uart': { kind: 'text' },
    '.text.exit': { kind: 'text' },
    '.text.unused': { kind: 'text' },
  },
  symbols: [
    { name: 'reset', size: 0 },
    { name: 'uart_puts' },
    { name: 'exit' },
    { name: 'fault', binding: 'local' },
    { name: 'unused' },
    { name: 'vectors', type: 'object', binding: 'local', size: 16 },
  ],
  relocs: [
    { at: 'vectors', delta: 0, type: 'R_ARM_ABS32', target: '__stack_top' },
    { at: 'vectors', delta: 4, type: 'R_ARM_ABS32', target: 'reset' },
    { at: 'vectors', delta: 8, type: 'R_ARM_ABS32', target: 'fault' },
    { at: 'vectors', delta: 12, type: 'R_ARM_ABS32', target: 'fault' },
    { at: 'call_main', type: 'R_ARM_THM_CALL', target: 'main', addend: -4 },
    { at: 'jump_exit', type: 'R_ARM_THM_JUMP24', target: 'exit', addend: -4 },
    { at: 'lit_data_load', type: 'R_ARM_ABS32', target: '__data_load' },
    { at: 'lit_data_start', type: 'R_ARM_ABS32', target: '__data_start' },
    { at: 'lit_data_end', type: 'R_ARM_ABS32', target: '__data_end' },
    { at: 'lit_bss_start', type: 'R_ARM_ABS32', target: '__bss_start' },
    { at: 'lit_bss_end', type: 'R_ARM_ABS32', target: '__bss_end' },
    { at: 'lit_heap_start', type: 'R_ARM_ABS32', target: '__heap_start' },
    { at: 'unused', type: 'R_ARM_THM_CALL', target: 'nowhere', addend: -4 },
  ],
  lines: [
    { at: 'reset', file: 'startup.oriz', line: 3 },
    { at: 'call_main', file: 'startup.oriz', line: 10, column: 5 },
    { at: 'jump_exit', file: 'startup.oriz', line: 11, column: 5 },
  ],
};

export const app: AsmObject = {
  name: 'src/app.oriz',
  arch: 'arm',
  source: `
.syntax unified
.thumb
.section .text.main, "ax"
.thumb_func
main:
  push  {r4, lr}
set_banner:
  movw  r0, #0                  @ <- banner (MOVW/MOVT)
  movt  r0, #0
call_1:
  bl    uart_puts
  ldr   r0, lit_banner_ptr      @ the string a .data word points to
  ldr   r0, [r0]
call_2:
  bl    uart_puts
  ldr   r4, lit_counter
  ldr   r0, [r4]
  cmp   r0, #40                 @ .data initialised from flash?
  ite   eq
  ldreq r0, lit_data_ok
  ldrne r0, lit_data_bad
call_3:
  bl    uart_puts
  ldr   r1, lit_flag
  ldr   r0, [r1]                @ .bss cleared?
  ldr   r1, lit_bss_end
  ldr   r1, [r1]                @ ... and not a word further
  ldr   r2, lit_pattern
  cmp   r1, r2
  it    eq
  cmpeq r0, #0
  ite   eq
  ldreq r0, lit_bss_ok
  ldrne r0, lit_bss_bad
call_4:
  bl    uart_puts
  ldr   r0, [r4]
  adds  r0, #2                  @ RAM is writable: 40 + 2
  str   r0, [r4]
  ldr   r0, [r4]
  pop   {r4, pc}
  .align 2
lit_banner_ptr: .word 0
lit_counter:    .word 0
lit_data_ok:    .word 0
lit_data_bad:   .word 0
lit_flag:       .word 0
lit_bss_end:    .word 0
lit_bss_ok:     .word 0
lit_bss_bad:    .word 0
lit_pattern:    .word 0xa5a5a5a5
main_end:
.size main, main_end - main

.section .rodata.str, "a"
banner:   .asciz "Hello from the Orizon linker\\n"
ptr_msg:  .asciz "pointer in .data ok\\n"
data_ok:  .asciz "data ok\\n"
data_bad: .asciz "data BAD\\n"
bss_ok:   .asciz "bss ok\\n"
bss_bad:  .asciz "bss BAD\\n"

.section .data.app, "aw"
counter:    .word 40
banner_ptr: .word 0             @ <- ptr_msg

.section .bss.app, "aw", %nobits
flag:   .space 4
buffer: .space 60
`,
  sections: {
    '.text.main': { kind: 'text', data: ['lit_banner_ptr'] },
    '.rodata.str': { kind: 'rodata' },
    '.data.app': { kind: 'data' },
    '.bss.app': { kind: 'bss' },
  },
  symbols: [
    { name: 'main' },
    { name: 'banner', type: 'object', binding: 'local' },
    { name: 'counter', type: 'object', size: 4 },
    { name: 'banner_ptr', type: 'object', size: 4 },
    { name: 'flag', type: 'object', size: 4 },
    { name: 'buffer', type: 'object', size: 60, binding: 'local' },
  ],
  relocs: [
    { at: 'set_banner', type: 'R_ARM_THM_MOVW_ABS_NC', target: 'banner' },
    { at: 'set_banner', delta: 4, type: 'R_ARM_THM_MOVT_ABS', target: 'banner' },
    { at: 'call_1', type: 'R_ARM_THM_CALL', target: 'uart_puts', addend: -4 },
    { at: 'call_2', type: 'R_ARM_THM_CALL', target: 'uart_puts', addend: -4 },
    { at: 'call_3', type: 'R_ARM_THM_CALL', target: 'uart_puts', addend: -4 },
    { at: 'call_4', type: 'R_ARM_THM_CALL', target: 'uart_puts', addend: -4 },
    { at: 'lit_banner_ptr', type: 'R_ARM_ABS32', target: 'banner_ptr' },
    { at: 'lit_counter', type: 'R_ARM_ABS32', target: 'counter' },
    // String literals without symbols: section-relative, the addend is the offset.
    { at: 'lit_data_ok', type: 'R_ARM_ABS32', target: { section: '.rodata.str', label: 'data_ok' } },
    { at: 'lit_data_bad', type: 'R_ARM_ABS32', target: { section: '.rodata.str', label: 'data_bad' } },
    { at: 'lit_flag', type: 'R_ARM_ABS32', target: 'flag' },
    { at: 'lit_bss_end', type: 'R_ARM_ABS32', target: '__bss_end' },
    { at: 'lit_bss_ok', type: 'R_ARM_ABS32', target: { section: '.rodata.str', label: 'bss_ok' } },
    { at: 'lit_bss_bad', type: 'R_ARM_ABS32', target: { section: '.rodata.str', label: 'bss_bad' } },
    { at: 'banner_ptr', type: 'R_ARM_ABS32', target: { section: '.rodata.str', label: 'ptr_msg' } },
  ],
  lines: [
    { at: 'main', file: 'src/app.oriz', line: 1 },
    { at: 'set_banner', file: 'src/app.oriz', line: 2, column: 5 },
    { at: 'call_2', file: 'src/app.oriz', line: 3, column: 5 },
    { at: 'call_3', file: 'src/app.oriz', line: 5, column: 5 },
    { at: 'call_4', file: 'src/app.oriz', line: 7, column: 5 },
  ],
};
