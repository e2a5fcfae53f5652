// Diagnostics: an immediate, offset or branch that does not encode is an error
// naming the instruction and its line, never a wrong word; and GNU as rejects
// the same line. Also the programmatic encoder's errors and the API surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsmError, assemble, assembleOrThrow, encodeInst, imm, inst, mem, reg, regList, shifted } from '../../../sdk/src/target/thumb/index.ts';
import type { ProfileName } from '../../../sdk/src/target/thumb/profile.ts';
import { gas, PRELUDE } from './gas.ts';

/** [profile, source (the failing statement is on the last line), message fragment]. */
const CASES: readonly [ProfileName, string, string][] = [
  ['thumbv7m', 'mov r0, #0x12345', 'immediate 0x12345 is not a Thumb-2 modified immediate'],
  ['thumbv7m', 'add r0, r1, #0x12345', 'out of range (0..4095)'],
  ['thumbv7m', 'and r0, r1, #0x101', 'immediate 257 is not a Thumb-2 modified immediate'],
  ['thumbv7m', 'cmp r0, #0x1001', 'not a Thumb-2 modified immediate'],
  ['thumbv6m', 'adds r0, r1, #8', 'immediate 8 out of range (0..7)'],
  ['thumbv6m', 'movs r0, #256', 'immediate 256 out of range (0..255)'],
  ['thumbv6m', 'lsls r0, r1, #32', 'shift 32 out of range (0..31)'],
  ['thumbv7m', 'lsl r0, r1, #32', 'shift 32 out of range (0..31)'],
  ['thumbv7m', 'ror r0, r1, #32', 'shift 32 out of range (1..31)'],
  ['thumbv7m', 'ldr r0, [r1, #4096]', 'offset 4096 out of range'],
  ['thumbv7m', 'ldr r0, [r1, #-256]', 'offset 256 out of range (0..255)'],
  ['thumbv6m', 'ldr r0, [r1, #3]', 'offset 3 out of range (0..124, multiple of 4)'],
  ['thumbv6m', 'ldrh r0, [r1, #64]', 'offset 64 out of range (0..62, multiple of 2)'],
  ['thumbv7m', 'ldr r0, [r1, r2, lsl #4]', 'index shift 4 out of range (0..3)'],
  ['thumbv7m', 'ldrd r0, r1, [r2, #1024]', 'offset 1024 out of range (0..1020, multiple of 4)'],
  ['thumbv7m', 'add sp, sp, #0x1001', 'out of range (0..4095)'],
  ['thumbv7m', 'ssat r0, #33, r1', 'saturate bit 33 out of range (1..32)'],
  ['thumbv7m', 'usat r0, #32, r1', 'saturate bit 32 out of range (0..31)'],
  ['thumbv7m', 'ubfx r0, r1, #30, #4', 'bit field width 4 out of range (1..2)'],
  ['thumbv7m', 'svc #256', 'immediate 256 out of range (0..255)'],
  ['thumbv7m', 'bkpt #256', 'immediate 256 out of range (0..255)'],
  ['thumbv7m', 'sxtb r0, r1, ror #4', 'rotation must be ror #8, #16 or #24'],
  ['thumbv6m', 'sdiv r0, r1, r2', 'not available on thumbv6m'],
  ['thumbv6m', 'add r0, r1, r2', 'not available on thumbv6m'],
  ['thumbv6m', 'cbz r0, 1f\n1: nop', 'not available on thumbv6m'],
  ['thumbv6m', 'it eq\nmoveq r0, r1', 'not available on thumbv6m'],
  ['thumbv7m', 'qadd r0, r1, r2', 'needs the DSP extension'],
  ['thumbv7m', 'addeq r0, r1', 'conditional instruction outside an IT block'],
  ['thumbv7m', 'it eq\naddne r0, r1', 'condition does not match the IT block'],
  ['thumbv7m', 'it eq\ncbzeq r0, 1f\n1: nop', 'not allowed inside an IT block'],
  ['thumbv7m', 'itt eq\nbeq 1f\nmoveq r0, r1\n1: nop', 'must be the last instruction of an IT block'],
  ['thumbv7m', 'cbz r0, 1f\n.space 130\n1: nop', 'branch out of range (128 bytes; cbz/cbnz reach 0..126 forward)'],
  ['thumbv7m', '1: nop\ncbz r0, 1b', 'branch out of range'],
  ['thumbv6m', 'beq 1f\n.space 300\n1: nop', 'branch out of range (298 bytes)'],
  ['thumbv6m', 'b 1f\n.space 3000\n1: nop', 'branch out of range (2998 bytes)'],
  ['thumbv6m', 'ldr r0, =0x12345678\n.space 1100\n.ltorg', 'literal offset 1100 out of range'],
  ['thumbv6m', 'adr r0, 1f\nnop\nnop\n1: nop', 'offset 2 out of range (0..1020, multiple of 4)'],
  ['thumbv7m', 'push {sp}', 'register combination not encodable'],
  ['thumbv7m', 'pop {lr, pc}', 'register combination not encodable'],
  ['thumbv7m', 'frob r0, r1', "unknown instruction 'frob'"],
  ['thumbv7m', 'mov r0, r1, r2', 'expected 2 operands'],
];

/** UNPREDICTABLE forms GNU as accepts and Orizon rejects. */
const STRICTER: readonly [ProfileName, string, string][] = [
  ['thumbv7m', 'strex r0, r0, [r1]', 'the status register must differ from Rt and Rn'],
  ['thumbv7m', 'adds r0, pc, #4', 'no flag-setting (s) form'],
];

test('invalid operands are errors naming the instruction and line, as in GNU as', () => {
  const bad: string[] = [];
  for (const [profile, src, want] of CASES) {
    const r = assemble(src, { profile });
    const e = r.errors.find((x) => x.message.includes(want));
    if (!e) { bad.push(`${profile} '${src.replace(/\n/g, '; ')}': no error containing '${want}' (got ${JSON.stringify(r.errors.map((x) => x.message))})`); continue; }
    if (!e.message.includes(`'${e.text}'`)) bad.push(`${profile}: message does not quote the instruction: ${e.message}`);
    const g = gas(PRELUDE + src + '\n', profile);
    if (!g.errors.has(e.line + 2)) bad.push(`${profile} '${src.replace(/\n/g, '; ')}': GNU as accepts line ${e.line} (${[...g.errors].join(', ') || 'no errors'})`);
  }
  for (const [profile, src, want] of STRICTER) {
    const r = assemble(src, { profile });
    if (!r.errors.some((x) => x.message.includes(want))) bad.push(`${profile} '${src}': no error containing '${want}'`);
  }
  assert.deepEqual(bad, []);
});

test('assembleOrThrow reports every error with its line', () => {
  const src = 'movs r0, #1\nmov r0, #0x12345\nnop\nldr r0, [r1, #4096]\n';
  assert.throws(() => assembleOrThrow(src, { profile: 'thumbv7m' }), (e: unknown) => {
    assert.ok(e instanceof AsmError);
    assert.equal(e.diagnostics.length, 2);
    assert.match(e.message, /<asm>:2: error: .*'mov r0, #0x12345'/);
    assert.match(e.message, /<asm>:4: error: .*'ldr r0, \[r1, #4096\]'/);
    return true;
  });
});

test('the programmatic encoder matches the assembler', () => {
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  assert.equal(hex(encodeInst(inst('adds', reg(0), reg(1), imm(3)), 'thumbv6m')), 'c81c');
  assert.equal(hex(encodeInst(inst('add', reg(0), reg(1), shifted(2, 'lsl', 3)), 'thumbv7m')), '01ebc200');
  assert.equal(hex(encodeInst(inst('ldr', reg(0), mem(1, { reg: 2, lsl: 2 })), 'thumbv7m')), '51f82200');
  assert.equal(hex(encodeInst(inst('push', regList(4, 5, 6, 7, 14)), 'thumbv6m')), 'f0b5');
  assert.equal(hex(encodeInst(inst('moveq', reg(0), imm(1)), 'thumbv7m', 'last')), '0120');
  assert.throws(() => encodeInst(inst('mov', reg(0), imm(0x12345)), 'thumbv7m'), /not a Thumb-2 modified immediate.* -- 'mov'/);
  assert.throws(() => encodeInst(inst('udiv', reg(0), reg(1), reg(2)), 'thumbv6m'), /not available on thumbv6m/);
});

test('the object lists symbols and relocations for the ELF writer', () => {
  const o = assembleOrThrow([
    '.global main', '.thumb_func', 'main:', 'push {r4, lr}', 'ldr r0, =message', 'bl puts', 'movs r0, #0', 'pop {r4, pc}', '.ltorg',
    '.section .rodata', 'message: .asciz "hi"',
  ].join('\n'), { profile: 'thumbv7m' });
  const text = o.sections.find((s) => s.name === '.text')!;
  assert.deepEqual(text.symbols, [{ name: 'main', offset: 0, thumbFunc: true, global: true }]);
  assert.deepEqual(text.relocs, [
    { offset: 4, type: 'R_ARM_THM_CALL', symbol: 'puts', addend: -4 },
    { offset: 12, type: 'R_ARM_ABS32', symbol: '.rodata', addend: 0, sectionSymbol: true },
  ]);
  assert.deepEqual(o.undefinedSymbols, ['puts']);
  assert.equal(Buffer.from(o.sections.find((s) => s.name === '.rodata')!.bytes).toString(), 'hi\0');
});

test('statements built without text assemble like text', async () => {
  const { assembleStatements, label, reg, imm } = await import('../../../sdk/src/target/thumb/index.ts');
  const at = (text: string) => ({ line: 0, text });
  const stmts = [
    { k: 'label' as const, name: 'loop', ...at('loop:') },
    { k: 'inst' as const, inst: inst('subs', reg(0), imm(1)), ...at('subs r0, #1') },
    { k: 'inst' as const, inst: inst('bne', label('loop')), ...at('bne loop') },
    { k: 'inst' as const, inst: inst('ldr', reg(1), { kind: 'lit', expr: { k: 'num', v: 0x12345678 } }), ...at('ldr r1, =0x12345678') },
    { k: 'inst' as const, inst: inst('bx', reg(14)), ...at('bx lr') },
  ];
  const a = assembleStatements(stmts, { profile: 'thumbv6m' });
  const b = assemble('loop: subs r0, #1\nbne loop\nldr r1, =0x12345678\nbx lr', { profile: 'thumbv6m' });
  assert.deepEqual(a.errors, []);
  assert.deepEqual(a.object.sections[0]!.bytes, b.object.sections[0]!.bytes);
});
