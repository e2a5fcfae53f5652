// Diagnostics: out-of-range or misaligned immediates, registers outside the
// compressed set, instructions the profile lacks, bad syntax. Each error names
// the line and quotes the instruction text; all bad lines are reported at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, AssemblyError } from '../../../sdk/src/target/rv32/assemble.ts';
import { RV32I, RV32IM, RV32IMAC, RV32IMC, type Profile } from '../../../sdk/src/target/rv32/profile.ts';

function errorsOf(src: string, profile: Profile = RV32IMAC): string[] {
  try {
    assemble(src, { profile, file: 't.s' });
  } catch (e) {
    if (e instanceof AssemblyError) return e.message.split('\n');
    throw e;
  }
  return [];
}

// [source line, expected message pattern]; every message must also quote the line.
const CASES: ReadonlyArray<readonly [string, RegExp]> = [
  ['addi a0, a0, 5000', /immediate 5000 out of range \(-2048\.\.2047\)/],
  ['addi a0, a0, -2049', /out of range \(-2048\.\.2047\)/],
  ['sw a0, 2048(sp)', /immediate 2048 out of range/],
  ['lw a0, -2049(a1)', /out of range/],
  ['jalr ra, 4096(a0)', /out of range/],
  ['slli a0, a0, 32', /improper shift amount \(32\)/],
  ['srai a0, a0, -1', /improper shift amount \(-1\)/],
  ['lui a0, 0x100000', /not in range 0\.\.1048575/],
  ['auipc a0, -1', /not in range 0\.\.1048575/],
  ['csrwi mstatus, 32', /improper CSR immediate \(32\)/],
  ['csrr a0, 0x1000', /improper CSR address \(4096\)/],
  ['csrr a0, nosuchcsr', /unknown CSR `nosuchcsr`/],
  ['c.lwsp a0, 3(sp)', /c\.lwsp offset 3 is not a multiple of 4/],
  ['c.lwsp a0, 256(sp)', /c\.lwsp offset 256 out of range \(0\.\.252\)/],
  ['c.swsp a0, 2(sp)', /not a multiple of 4/],
  ['c.addi16sp sp, 8', /c\.addi16sp immediate 8 is not a multiple of 16/],
  ['c.addi16sp sp, 0', /must not be zero/],
  ['c.addi4spn a0, sp, 0', /must not be zero/],
  ['c.lw a6, 0(a0)', /register a6 is not one of x8\.\.x15/],
  ['c.addi a0, 32', /6-bit signed immediate 32 out of range \(-32\.\.31\)/],
  ['c.lui a0, 0', /must not be zero/],
  ['beq a0, a1, 6', /branch target must be a symbol or label/],
  ['li a0, 0x100000000', /does not fit in 32 bits/],
  ['li a0, undefined_sym', /is not a constant/],
  ['fence rw, wr', /bad fence set `wr`/],
  ['foo a0, a1', /unknown instruction `foo`/],
  ['add a0, a1', /expected 3 operands, got 2/],
  ['lw a0, 4(a1', /.+/],
  ['mv a0, 5', /expected a register/],
  ['.byte 256', /value 256 does not fit in 1 byte/],
  ['.half -32769', /does not fit in 2 bytes/],
  ['.align 3, , 4', /max-skip/],
];

test('out-of-range, misaligned and malformed operands are errors naming the line and text', () => {
  for (const [line, pattern] of CASES) {
    const errs = errorsOf(`nop\n${line}\n`);
    assert.equal(errs.length, 1, `${line}: ${errs.join(' | ') || 'accepted'}`);
    assert.match(errs[0]!, /^t\.s:2: error: /, line);
    assert.match(errs[0]!, pattern, line);
    assert.ok(errs[0]!.includes(`\`${line}\``) || line.startsWith('.') || line.startsWith('foo'), `${errs[0]} should quote \`${line}\``);
  }
});

test('every bad line is reported, in line order', () => {
  const errs = errorsOf('addi a0, a0, 5000\nnop\nslli a0, a0, 99\n.word 1\nc.lw a6, 0(a0)\n');
  assert.equal(errs.length, 3);
  assert.deepEqual(errs.map((e) => e.split(':')[1]), ['1', '3', '5']);
});

test('instructions outside the profile are rejected with the missing extension', () => {
  const want: ReadonlyArray<readonly [string, Profile, RegExp]> = [
    ['mul a0, a1, a2', RV32I, /needs the M extension, which profile rv32i lacks/],
    ['lr.w a0, (a1)', RV32IMC, /needs the A extension/],
    ['amoadd.w a0, a1, (a2)', RV32IM, /needs the A extension/],
    ['c.nop', RV32IM, /needs the C extension/],
    ['c.addi a0, 1', RV32I, /needs the C extension/],
  ];
  for (const [line, profile, pattern] of want) {
    const errs = errorsOf(`${line}\n`, profile);
    assert.equal(errs.length, 1, line);
    assert.match(errs[0]!, pattern);
    assert.ok(errs[0]!.includes(`\`${line}\``));
  }
  assert.match(errorsOf('.option rvc\n', RV32IM)[0]!, /needs the C extension/);
  assert.match(errorsOf('.option norvc\nc.addi a0, 1\n')[0]!, /compressed instructions are disabled/);
});

test('jumps out of reach, undefined local labels and duplicate labels are errors', () => {
  assert.match(errorsOf('j 1f\n')[0]!, /t\.s:1: error: undefined local label `1f`/);
  assert.match(errorsOf('j 1b\n')[0]!, /undefined local label `1b`/);
  assert.match(errorsOf('a: nop\na: nop\n')[0]!, /t\.s:2: error: symbol `a` is already defined/);
  assert.match(errorsOf('jal far\n.space 0x100000\nfar: ret\n')[0]!, /t\.s:1: error: jump offset \(±1 MiB\) \d+ out of range .*`jal far`/);
  assert.match(errorsOf('.bss\nnop\n')[0]!, /not allowed in \.bss/);
});
