// Label-dependent code checked against GNU as as whole sections: branch
// relaxation at the range boundaries, CBZ, ADR and LDR (literal) reach,
// literal pools (dedup, after functions, MOV/MOVW substitution), IT blocks
// around branches, TBB tables, and relocations for external symbols.
// Each scenario becomes its own section, so relaxation in one cannot shift another.
import type { ProfileName } from '../../../sdk/src/target/thumb/profile.ts';

export interface Scenario {
  readonly name: string;
  readonly src: string;
  readonly profiles: readonly ProfileName[];
}

const ALL: readonly ProfileName[] = ['thumbv6m', 'thumbv7m', 'thumbv7em'];
const T2: readonly ProfileName[] = ['thumbv7m', 'thumbv7em'];

export function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  const add = (name: string, profiles: readonly ProfileName[], ...lines: string[]): void => { out.push({ name, profiles, src: lines.join('\n') }); };

  // B: 16-bit reach is -2048..+2046 from PC (= instruction + 4).
  for (const s of [2042, 2044, 2046, 2048]) add(`b_fwd_${s}`, s <= 2048 ? ALL : T2, 'b 1f', `.space ${s}`, '1: nop');
  for (const s of [2050, 4096, 0x10000]) add(`b_fwd_${s}`, T2, 'b 1f', `.space ${s}`, '1: nop');
  for (const s of [2040, 2042]) add(`b_back_${s}`, ALL, '1: nop', `.space ${s}`, 'b 1b');
  for (const s of [2044, 2046, 0x8000]) add(`b_back_${s}`, T2, '1: nop', `.space ${s}`, 'b 1b');
  // B<c>: 16-bit reach -256..+254, then B<c>.W (+-1 MiB) on Thumb-2.
  for (const s of [250, 252, 254, 256]) add(`beq_fwd_${s}`, ALL, 'beq 1f', `.space ${s}`, '1: nop');
  for (const s of [258, 1000, 0x20000]) add(`bne_fwd_${s}`, T2, 'bne 1f', `.space ${s}`, '1: nop');
  for (const s of [248, 250]) add(`bgt_back_${s}`, ALL, '1: nop', `.space ${s}`, 'bgt 1b');
  for (const s of [252, 254, 0x20000]) add(`blt_back_${s}`, T2, '1: nop', `.space ${s}`, 'blt 1b');
  // All conditions, near and far.
  add('bcc_all', ALL, ...['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'hs', 'lo'].map((c) => `b${c} 1f`), '1: nop');
  add('bcc_all_far', T2, ...['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le'].map((c) => `b${c} 1f`), '.space 300', '1: nop');
  // A widened branch pushes an earlier one out of range (relaxation must iterate).
  for (const s of [2040, 2042, 2044]) add(`chain_${s}`, T2, 'b 2f', 'b 3f', `.space ${s}`, '2: nop', '.space 3000', '3: nop');
  add('chain_cond', T2, 'beq 2f', 'bne 3f', '.space 250', '2: nop', '.space 300', '3: nop');
  // Branches inside IT blocks use the unconditional encodings.
  for (const s of [100, 2046, 2048, 5000]) add(`it_b_${s}`, T2, 'cmp r0, #1', 'it eq', 'beq 1f', `.space ${s}`, '1: bx lr');
  add('ite_b', T2, 'ite ne', 'movne r0, #1', 'beq 1f', 'nop', '1: bx lr');
  // BL and explicit widths.
  add('bl_local', ALL, 'bl 1f', '.space 5000', '1: bx lr', 'bl 1b');
  add('b_w', T2, 'b.w 1f', 'beq.w 1f', 'b.n 1f', 'beq.n 1f', '1: nop');
  // CBZ/CBNZ: forward 0..126 only.
  for (const s of [2, 64, 124, 126, 128]) add(`cbz_${s}`, T2, 'cbz r0, 1f', `.space ${s}`, '1: nop');
  add('cbnz_loop', T2, '1: subs r0, #1', 'cbnz r0, 2f', 'b 1b', '2: bx lr');
  // LDR (literal) with a label: 16-bit reaches 0..1020 forward from Align(PC, 4) when aligned.
  for (const s of [1008, 1012, 1014, 1016, 1020]) add(`ldr_lit_${s}`, ALL, 'ldr r0, 1f', `.space ${s}`, '.balign 4', '1: .word 0x12345678');
  for (const s of [1022, 1024, 2000, 4090]) add(`ldr_lit_${s}`, T2, 'ldr r0, 1f', `.space ${s}`, '.balign 4', '1: .word 0x12345678');
  add('ldr_lit_back', T2, '1: .word 0x11223344', 'nop', 'ldr r1, 1b', 'ldrb r2, 1b', 'ldrsh r3, 1b', 'ldrh r4, 1b', 'ldrsb r5, 1b', 'ldr r8, 1b');
  add('ldr_lit_unaligned', T2, 'ldr r0, 1f', 'nop', '1: .short 1, 2');
  // ADR
  for (const s of [0, 2, 1016, 1020]) add(`adr_${s}`, ALL, 'adr r0, 1f', `.space ${s}`, '.balign 4', '1: .word 0');
  for (const s of [1022, 1024, 3000]) add(`adr_${s}`, T2, 'adr r0, 1f', `.space ${s}`, '.balign 4', '1: .word 0');
  add('adr_wide', T2, 'adr r0, 1f', 'nop', '1: nop', 'adr r1, 1b', 'adr r8, 1b');
  // Literal pools: dedup, MOV substitution on Thumb-2, symbols, pools after functions.
  add('pool_basic', ALL, 'ldr r0, =0x12345678', 'ldr r1, =0x12345678', 'ldr r2, =0xdeadbeef', 'ldr r3, =external_sym', 'ldr r4, =external_sym+4', 'ldr r5, =1', 'ldr r6, =0xff', 'ldr r7, =0x1234', 'bx lr', '.ltorg');
  add('pool_t2', T2, 'ldr r8, =0x12345678', 'ldr r9, =0xffffff00', 'ldr r10, =0xab00ab00', 'ldr r11, =0xffff', 'ldr.w r0, =0x87654321', 'bx lr', '.ltorg');
  add('pool_after_functions', ALL,
    '.global f1', '.thumb_func', 'f1:', 'push {r4, lr}', 'ldr r0, =0x11111111', 'ldr r1, =f2', 'bl f2', 'pop {r4, pc}', '.ltorg',
    '.global f2', '.type f2, %function', 'f2:', 'ldr r0, =0x22222222', 'ldr r1, =0x11111111', 'ldr r2, =f1', 'bx lr', '.pool');
  for (const s of [980, 1000, 1012, 1016, 1020]) add(`pool_reach_${s}`, ALL, 'ldr r0, =0x12345678', `.space ${s}`, 'bx lr', '.ltorg');
  for (const s of [1024, 3000]) add(`pool_reach_${s}`, T2, 'ldr r0, =0x12345678', `.space ${s}`, 'bx lr', '.ltorg');
  add('pool_end_of_section', ALL, 'ldr r0, =0xcafef00d', 'nop', 'bx lr');
  add('pool_two', ALL, 'ldr r0, =0xaaaaaaaa', '.ltorg', 'ldr r1, =0xaaaaaaaa', 'ldr r2, =0xbbbbbbbb', '.ltorg');
  // Switch tables.
  add('tbb', T2, 'tbb [pc, r0]', '1: .byte (2f - 1b) / 2, (3f - 1b) / 2, (4f - 1b) / 2, 0', '2: movs r0, #1', '3: movs r0, #2', '4: bx lr');
  add('tbh', T2, 'tbh [pc, r0, lsl #1]', '1: .short (2f - 1b) / 2, (3f - 1b) / 2', '2: movs r0, #1', '.space 600', '3: bx lr');
  // Relocations against undefined and global symbols.
  add('relocs', ALL, '.global gfun', '.thumb_func', 'gfun:', 'bl ext_fn', 'bl gfun', 'bl lfun', '.word ext_data', '.word ext_data + 8', '.word lfun', '.word ldata', '.thumb_func', 'lfun: bx lr', 'ldata: .word 7');
  add('relocs_t2', T2, '.global gfun2', 'gfun2:', 'b ext_fn', 'beq ext_fn', 'b gfun2', 'movw r0, #:lower16:ext_data', 'movt r0, #:upper16:ext_data', 'movw r1, #:lower16:ext_data + 4', 'bx lr');
  add('data_refs', ALL, '.thumb_func', 'dfun: bx lr', '.section .data.refs, "aw"', 'dptr: .word dfun', '.word dptr', '.word dlabel', '.word ext_sym', '.short 0x1234', '.byte 1, 2', '.align 2', '.section .text.data_refs_2', 'dlabel: nop');
  // Numeric and .L labels, .equ, expressions.
  add('labels', ALL, '.equ K, 12', '1: movs r0, #K', 'b 1f', '1: b 1b', '.Lx: adds r0, #(K * 2) + 1', 'b .Lx', 'b 1b');
  // RTOS port code: PendSV context switch for ARMv7-M (BASEPRI) and ARMv6-M (no STMDB, high registers via MOV).
  add('pendsv_v7m', T2,
    '.global PendSV_Handler', '.type PendSV_Handler, %function', 'PendSV_Handler:',
    'mrs r0, psp', 'isb', 'ldr r3, =current_tcb', 'ldr r2, [r3]', 'tst r14, #0x10', 'it eq', 'addeq r0, #0',
    'stmdb r0!, {r4-r11, r14}', 'str r0, [r2]', 'stmdb sp!, {r0, r3}', 'mov r0, #0x50', 'msr basepri, r0', 'dsb', 'isb',
    'bl vTaskSwitchContext', 'mov r0, #0', 'msr basepri, r0', 'ldmia sp!, {r0, r3}', 'ldr r1, [r3]', 'ldr r0, [r1]',
    'ldmia r0!, {r4-r11, r14}', 'msr psp, r0', 'isb', 'bx r14', '.ltorg');
  add('pendsv_v6m', ALL,
    '.global PendSV_Handler_m0', '.thumb_func', 'PendSV_Handler_m0:',
    'mrs r0, psp', 'ldr r3, =current_tcb', 'ldr r2, [r3]', 'subs r0, r0, #32', 'str r0, [r2]', 'stmia r0!, {r4-r7}',
    'mov r4, r8', 'mov r5, r9', 'mov r6, r10', 'mov r7, r11', 'stmia r0!, {r4-r7}', 'push {r3, r14}', 'cpsid i',
    'bl vTaskSwitchContext', 'cpsie i', 'pop {r2, r3}', 'ldr r1, [r2]', 'ldr r0, [r1]', 'adds r0, r0, #16',
    'ldmia r0!, {r4-r7}', 'mov r8, r4', 'mov r9, r5', 'mov r10, r6', 'mov r11, r7', 'msr psp, r0', 'subs r0, r0, #32',
    'ldmia r0!, {r4-r7}', 'bx r3', '.align 2', '.ltorg');
  add('svc_start', ALL, '.thumb_func', 'svc_start:', 'ldr r0, =0xE000ED08', 'ldr r0, [r0]', 'ldr r0, [r0]', 'msr msp, r0',
    'cpsie i', 'dsb', 'isb', 'svc #0', 'nop', 'b .', '.ltorg');
  add('critical', ALL, 'mrs r0, primask', 'cpsid i', 'dmb', 'ldrex_fallback:', 'msr primask, r0', 'bx lr');
  add('atomic_v7m', T2, '1: ldrex r2, [r0]', 'adds r2, r2, r1', 'strex r3, r2, [r0]', 'cmp r3, #0', 'bne 1b', 'dmb ish', 'mov r0, r2', 'bx lr');
  // Naked functions the compiler's runtime needs.
  add('naked_copy', T2, '.global copy_bytes', '.thumb_func', 'copy_bytes:', 'cbz r2, 2f', '1: ldrb r3, [r1], #1', 'strb r3, [r0], #1', 'subs r2, #1', 'bne 1b', '2: bx lr');
  add('naked_udiv_v6m', ALL, '.thumb_func', 'udiv_step:', 'movs r2, #0', '1: cmp r0, r1', 'bcc 2f', 'subs r0, r0, r1', 'adds r2, #1', 'b 1b', '2: mov r1, r0', 'mov r0, r2', 'bx lr');
  // ADR of a Thumb function carries bit 0; LDR of it does not.
  add('adr_thumb_func', T2, '.thumb_func', 'f: nop', 'bl f', 'b f', 'beq f', '.type g, %function', 'g: nop', 'bl g', 'adr r0, f', 'adr r1, g', '.align 2', '.thumb_func', 'h: nop', 'ldr r0, h');
  // A code section aligned to 4 ends on a 4-byte boundary.
  add('end_pad', ALL, '.align 3', 'nop');
  add('end_pad_pool', ALL, 'ldr r0, =0x12345678', 'nop', '.ltorg', 'nop');
  // Alignment padding in code.
  add('align', ALL, 'nop', '.align 3', 'nop', '.byte 1', '.align 2', '.balign 8', 'nop', '.p2align 4', 'bx lr', '.align 2, 0xff');
  return out;
}

/** All scenarios for a profile in one source, each in section `.text.<name>`. */
export function scenarioSource(profile: ProfileName): { src: string; names: string[] } {
  const list = scenarios().filter((s) => s.profiles.includes(profile));
  const src = list.map((s) => `.section .text.${s.name}, "ax", %progbits\n${s.src}\n`).join('');
  return { src, names: list.map((s) => `.text.${s.name}`) };
}
