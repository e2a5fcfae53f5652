// RV32 calls and the ILP32 calling convention: many arguments (registers, an
// i64 split between a7 and the stack, stack-passed i32/i64), i64 and multiple
// results, indirect calls, recursion — run against the IR interpreter; then the
// same signatures across the language boundary: an Orizon object (`--emit obj`
// style, written by the Orizon object writer) linked by GNU ld with C compiled
// by `riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32`, each side calling
// the other, on QEMU riscv-virt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { Function, Ty, Value } from '../../../sdk/src/ir/ir.ts';
import { loadBoard } from '../../../sdk/src/boards/board.ts';
import { writeObject } from '../../../sdk/src/link/index.ts';
import { rv32Backend } from '../../../sdk/src/target/rv32/backend.ts';
import { assignArgs } from '../../../sdk/src/target/rv32/abi.ts';
import { runOnBoard } from '../../helpers/qemu.ts';
import { tool } from '../../helpers/tools.ts';
import { conv, disassemble, mainFn, module, print, putHex, runAndCompare } from './codegen-harness.ts';

/** The argument mix of the tests: i32s, i64s in a register pair, split, and on the stack. */
const SIG: Ty[] = ['i32', 'i64', 'i32', 'i32', 'i32', 'i32', 'i64', 'i32', 'i64', 'i32', 'i64', 'i32'];
const WEIGHTS = [1, 3, 5, 7, 11, 13, 19, 23, 29, 31, 37, 41];
const ARGS = [1n, 0x1_0000_0002n, 3n, -4n, 5n, 6n, 0x8_0000_0008n, 9n, -10n, 0x7fff_ffffn, 0x1234_5678_9abc_def0n, -12n];

/** weighted(args...) = Σ weight·arg as i64 — every argument position matters. */
function weighted(name: string, exported = false): Function {
  const b = new FunctionBuilder(name, SIG, ['i64'], { exported });
  let acc = b.iconst('i64', 0);
  b.fn.params.forEach((p, k) => {
    const wide = SIG[k] === 'i64' ? p : conv(b, 'sext', 'i32', 'i64', p);
    acc = b.binary('add', 'i64', acc, b.binary('mul', 'i64', wide, b.iconst('i64', WEIGHTS[k]!)));
  });
  b.ret([acc]);
  return b.finish();
}

function expectedWeighted(): bigint {
  return BigInt.asUintN(64, ARGS.reduce((s, a, k) => s + BigInt.asIntN(64, a) * BigInt(WEIGHTS[k]!), 0n));
}

test('the ILP32 argument assignment follows the psABI (no even-pair alignment, split i64, 8-aligned stack i64)', () => {
  const l = assignArgs(SIG);
  assert.deepEqual(l.locs.slice(0, 7), [
    { k: 'reg', r: 10 }, { k: 'pair', lo: 11, hi: 12 }, { k: 'reg', r: 13 }, { k: 'reg', r: 14 }, { k: 'reg', r: 15 }, { k: 'reg', r: 16 },
    { k: 'split', lo: 17, off: 0 },
  ]);
  assert.deepEqual(l.locs.slice(7), [
    { k: 'stack', off: 4, size: 4 }, { k: 'stack', off: 8, size: 8 }, { k: 'stack', off: 16, size: 4 }, { k: 'stack', off: 24, size: 8 }, { k: 'stack', off: 32, size: 4 },
  ]);
  assert.equal(l.stackBytes, 48);
});

test('calls: many arguments, split i64, several results, indirect calls, recursion', async () => {
  // Two results: (x / 7, x % 7) on i64 and i32.
  const dm = new FunctionBuilder('divmod', ['i64', 'i32'], ['i64', 'i32', 'i64']);
  const [x, y] = dm.fn.params as [Value, Value];
  dm.ret([dm.binary('sdiv', 'i64', x, dm.iconst('i64', 7)), dm.binary('urem', 'i32', y, dm.iconst('i32', 7)), x]);
  // Recursion: fib(n) the slow way.
  const fib = new FunctionBuilder('fib', ['i32'], ['i32']);
  const n = fib.fn.params[0]!;
  const base = fib.newBlock(), rec = fib.newBlock();
  fib.branch(fib.cmp('ult', 'i32', n, fib.iconst('i32', 2)), { block: base, args: [] }, { block: rec, args: [] });
  fib.switchTo(base);
  fib.ret([n]);
  fib.switchTo(rec);
  const [f1] = fib.call('fib', [fib.binary('sub', 'i32', n, fib.iconst('i32', 1))], ['i32']);
  const [f2] = fib.call('fib', [fib.binary('sub', 'i32', n, fib.iconst('i32', 2))], ['i32']);
  fib.ret([fib.binary('add', 'i32', f1!, f2!)]);
  const fns = [putHex(), weighted('weighted'), dm.finish(), fib.finish(), mainFn((b) => {
    const args = ARGS.map((a, k) => b.iconst(SIG[k]!, a));
    print(b, 'i64', b.call('weighted', args, ['i64'])[0]!);
    // The same through a function pointer.
    const fp = b.newValue('ptr');
    b.emit({ op: 'symAddr', dst: fp, symbol: 'weighted', offset: 0 });
    const r = b.newValue('i64');
    b.emit({ op: 'callIndirect', dsts: [r], retTys: ['i64'], callee: fp, args, argTys: SIG });
    print(b, 'i64', r);
    const [q, m, same] = b.call('divmod', [b.iconst('i64', -1_000_000_000_007n), b.iconst('i32', 100)], ['i64', 'i32', 'i64']);
    print(b, 'i64', q!);
    print(b, 'i32', m!);
    print(b, 'i64', same!);
    print(b, 'i32', b.call('fib', [b.iconst('i32', 15)], ['i32'])[0]!);
  })];
  const r = await runAndCompare(module(fns));
  const w = expectedWeighted();
  assert.ok(r.output.startsWith(`${(w >> 32n).toString(16).padStart(8, '0')}\n${(w & 0xffff_ffffn).toString(16).padStart(8, '0')}\n`));
  assert.match(r.asm, /\tjalr\t/, 'indirect call');
});

const C_SOURCE = `
typedef long long i64;
extern void put_hex(unsigned);
extern i64 orz_weighted(int, i64, int, int, int, int, i64, int, i64, int, i64, int);
static const int W[12] = { 1, 3, 5, 7, 11, 13, 19, 23, 29, 31, 37, 41 };
i64 c_weighted(int a, i64 b, int c, int d, int e, int f, i64 g, int h, i64 i, int j, i64 k, int l) {
  return a * (i64)W[0] + b * W[1] + c * (i64)W[2] + d * (i64)W[3] + e * (i64)W[4] + f * (i64)W[5]
       + g * W[6] + h * (i64)W[7] + i * W[8] + j * (i64)W[9] + k * W[10] + l * (i64)W[11];
}
unsigned c_narrow(unsigned char a, signed char b, unsigned short c, short d) { return a + b + c + d; }
void c_calls_orizon(void) {
  i64 r = orz_weighted(1, 0x100000002LL, 3, -4, 5, 6, 0x800000008LL, 9, -10, 0x7fffffff, 0x123456789abcdef0LL, -12);
  put_hex((unsigned)(r >> 32));
  put_hex((unsigned)r);
}
`;

const GNU_LD_SCRIPT = `
ENTRY(_start)
MEMORY { FLASH (rx) : ORIGIN = 0x80000000, LENGTH = 4M  RAM (rwx) : ORIGIN = 0x80400000, LENGTH = 4M }
SECTIONS {
  .text : { KEEP(*(.text.start)) *(.text*) } > FLASH
  .rodata : { *(.rodata*) *(.srodata*) } > FLASH
  .data : { __data_start = .; *(.data*) *(.sdata*) . = ALIGN(4); __data_end = .; } > RAM AT > FLASH
  __data_load = LOADADDR(.data);
  .bss (NOLOAD) : { __bss_start = .; *(.bss*) *(.sbss*) *(COMMON) . = ALIGN(4); __bss_end = .; } > RAM
  __stack_top = ORIGIN(RAM) + LENGTH(RAM);
}
`;

test('C interop through GNU ld: Orizon calls GCC code and GCC code calls Orizon (ILP32, i64 split across a7 and the stack)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-rv-abi-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fns = [putHex(), weighted('orz_weighted', true), mainFn((b) => {
    const args = ARGS.map((a, k) => b.iconst(SIG[k]!, a));
    print(b, 'i64', b.call('c_weighted', args, ['i64'])[0]!);
    b.call('c_calls_orizon', [], []);
    print(b, 'i32', b.call('c_narrow', [b.iconst('i8', 200), b.iconst('i8', -3), b.iconst('i16', 60000), b.iconst('i16', -7)], ['i32'])[0]!);
  })];
  fns[0]!.exported = true;
  const m = module(fns);
  m.externs.push({ name: 'c_weighted', kind: 'func' }, { name: 'c_calls_orizon', kind: 'func' }, { name: 'c_narrow', kind: 'func' });
  const be = rv32Backend('rv32imac');
  const obj = be.compileModule(m, { target: 'rv32imac', release: false, sourceName: 'abi.oriz', wantAsm: false }).object;
  const [rt] = be.runtime({ target: 'rv32imac', board: loadBoard('riscv-virt'), interrupts: [] });
  writeObject(obj, join(dir, 'orizon.o'));
  writeObject(rt!, join(dir, 'runtime.o'));
  writeFileSync(join(dir, 'c.c'), C_SOURCE);
  writeFileSync(join(dir, 'link.ld'), GNU_LD_SCRIPT);
  const sh = (exe: string, args: string[]) => {
    const r = spawnSync(exe, args, { encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 0, `${exe} ${args.join(' ')}:\n${r.stderr}`);
  };
  sh(tool('rv-gcc'), ['-march=rv32imac', '-mabi=ilp32', '-O2', '-ffreestanding', '-c', 'c.c', '-o', 'c.o']);
  sh(tool('rv-ld'), ['-m', 'elf32lriscv', '-T', 'link.ld', '--no-warn-rwx-segments', '-o', 'abi.elf', 'orizon.o', 'runtime.o', 'c.o']);
  disassemble(join(dir, 'abi.elf'));
  const r = await runOnBoard('riscv-virt', join(dir, 'abi.elf'), { timeoutMs: 20_000 });
  const w = expectedWeighted();
  const hex = (x: bigint) => x.toString(16).padStart(8, '0');
  const pair = `${hex(w >> 32n)}\n${hex(w & 0xffff_ffffn)}\n`;
  // c_narrow: GCC relies on the caller extending u8/i8/u16/i16 — the known gap
  // (abi.ts): our constants are sign-extended, so 200 as u8 arrives as -56.
  assert.equal(r.output.slice(0, 2 * pair.length), pair + pair, 'c_weighted and orz_weighted agree with the psABI');
  assert.equal(r.exitCode, 0);
});
