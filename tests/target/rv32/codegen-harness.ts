// Shared pieces of the RV32 code-generation tests: build hand-written IR into
// an ELF for a board (the back end, its runtime, the Orizon linker), run it in
// QEMU, and compare with the IR interpreter; check that objdump decodes every
// emitted instruction. Helpers build IR for printing (`put_hex`) so tests can
// report many values through one stream.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadBoard, type TargetName } from '../../../sdk/src/boards/board.ts';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { DataObject, Function, Module, Ty, Value } from '../../../sdk/src/ir/ir.ts';
import { interpret } from '../../../sdk/src/ir/interp.ts';
import { verifyModule } from '../../../sdk/src/ir/verify.ts';
import { link, writeExecutable } from '../../../sdk/src/link/index.ts';
import { rv32Backend } from '../../../sdk/src/target/rv32/backend.ts';
import { runOnBoard } from '../../helpers/qemu.ts';
import { tool } from '../../helpers/tools.ts';

export interface RunResult {
  output: string;
  /** QEMU's stderr: semihosting writes to fd 2 (the `:tt` handle opened for append) land here. */
  stderr: string;
  status: number | null;
  asm: string;
  elf: string;
  disasm: string;
  /** objdump -D of the `.vectors` section (the reset stub). */
  vectors: string;
}

/** A module from functions and data; `__orizon_write`/`__orizon_exit` are the runtime's. */
export function module(functions: Function[], data: DataObject[] = []): Module {
  const m: Module = { functions, data, externs: [{ name: '__orizon_write', kind: 'func' }, { name: '__orizon_exit', kind: 'func' }], interrupts: [] };
  const errs = verifyModule(m);
  assert.deepEqual(errs, [], `invalid test IR:\n${errs.join('\n')}`);
  return m;
}

/** Compiles and links `m` for `board` (default riscv-virt) into a temporary ELF. */
export function buildElf(m: Module, opts: { board?: string; target?: TargetName; dir: string }): { elf: string; asm: string } {
  const board = loadBoard(opts.board ?? 'riscv-virt');
  const target = opts.target ?? (board.target as TargetName);
  const be = rv32Backend(target);
  const compiled = be.compileModule(m, { target, release: false, sourceName: 'test.oriz', wantAsm: true });
  const rt = be.runtime({ target, board, interrupts: m.interrupts });
  const image = link([compiled.object, ...rt], {
    layout: { flash: board.memory.flash, ram: board.memory.ram, stackSize: board.memory.stackSize },
    entry: be.entry,
  });
  const elf = join(opts.dir, 'test.elf');
  writeExecutable(image, elf);
  return { elf, asm: compiled.asm ?? '' };
}

/** objdump -d of an ELF, failing on anything it cannot decode. */
export function disassemble(elf: string): string {
  const r = spawnSync(tool('rv-objdump'), ['-d', elf], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /\.word|\.short|\.insn|unknown|\(bad\)/, 'objdump found bytes that are not instructions');
  return r.stdout;
}

/** Builds, disassembles and runs `m` in QEMU. */
export async function run(m: Module, opts: { board?: string; target?: TargetName } = {}): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-rv-cg-'));
  try {
    const { elf, asm } = buildElf(m, { ...opts, dir });
    const disasm = disassemble(elf);
    const vectors = spawnSync(tool('rv-objdump'), ['-D', '-j', '.vectors', elf], { encoding: 'utf8' }).stdout;
    const r = await runOnBoard(opts.board ?? 'riscv-virt', elf, { timeoutMs: 20_000 });
    assert.equal(r.timedOut, false, `QEMU timed out; output so far:\n${r.output}\n${r.stderr}`);
    return { output: r.output, stderr: r.stderr, status: r.exitCode, asm, elf, disasm, vectors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `m` on QEMU and in the IR interpreter; output and status must agree. Returns the QEMU result. */
export async function runAndCompare(m: Module, opts: { board?: string; target?: TargetName } = {}): Promise<RunResult> {
  const expected = interpret(m);
  const r = await run(m, opts);
  if (r.output !== expected.stdout) {
    const got = r.output.split('\n'), want = expected.stdout.split('\n');
    const k = want.findIndex((l, i) => got[i] !== l);
    assert.fail(`output differs from the IR interpreter at line ${k + 1}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(want[k])}` +
      ` (${got.length} lines, want ${want.length})\n${got.slice(Math.max(0, k - 3), k + 3).join('\n')}`);
  }
  assert.equal(r.status, expected.status, 'exit status differs from the IR interpreter');
  return r;
}

// ---------------------------------------------------------------- IR helpers

/**
 * `put_hex(x: i32)`: writes x as 8 hex digits and a newline to stdout, through
 * a stack buffer and `__orizon_write` — a loop, shifts, byte stores and a call.
 */
export function putHex(): Function {
  const b = new FunctionBuilder('put_hex', ['i32'], []);
  const [x] = b.fn.params as [Value];
  const buf = b.slotAddr(b.addSlot(12, 4, 'buf'));
  const loop = b.newBlock(['i32', 'i32']); // (value, index)
  const done = b.newBlock();
  b.jump(loop, [x, b.iconst('i32', 0)]);
  b.switchTo(loop);
  const [v, i] = b.blockParams(loop) as [Value, Value];
  const nib = b.binary('lshr', 'i32', v, b.iconst('i32', 28));
  const isDigit = b.cmp('ult', 'i32', nib, b.iconst('i32', 10));
  const ch = select(b, 'i32', isDigit, b.binary('add', 'i32', nib, b.iconst('i32', 48)), b.binary('add', 'i32', nib, b.iconst('i32', 87)));
  const at = b.binary('add', 'ptr', buf, conv(b, 'zext', 'i32', 'ptr', i));
  b.store('i8', at, conv(b, 'trunc', 'i32', 'i8', ch));
  const i2 = b.binary('add', 'i32', i, b.iconst('i32', 1));
  const more = b.cmp('ult', 'i32', i2, b.iconst('i32', 8));
  b.branch(more, { block: loop, args: [b.binary('shl', 'i32', v, b.iconst('i32', 4)), i2] }, { block: done, args: [] });
  b.switchTo(done);
  b.store('i8', buf, b.iconst('i8', 10), 8);
  b.call('__orizon_write', [b.iconst('i32', 1), buf, b.iconst('i32', 9)], []);
  b.ret();
  return b.finish();
}

export function select(b: FunctionBuilder, ty: Ty, cond: Value, x: Value, y: Value): Value {
  const dst = b.newValue(ty);
  b.emit({ op: 'select', dst, ty, cond, a: x, b: y });
  return dst;
}

export function conv(b: FunctionBuilder, kind: 'sext' | 'zext' | 'trunc', from: Ty, to: Ty, a: Value): Value {
  const dst = b.newValue(to);
  b.emit({ op: 'conv', kind, dst, from, to, a });
  return dst;
}

export function unary(b: FunctionBuilder, kind: 'neg' | 'not' | 'clz' | 'ctz' | 'popcnt' | 'bswap', ty: Ty, a: Value): Value {
  const dst = b.newValue(ty);
  b.emit({ op: 'unary', kind, dst, ty, a });
  return dst;
}

/** Prints a value of any type through put_hex (i64: high word, then low word; narrow: zero-extended). */
export function print(b: FunctionBuilder, ty: Ty, v: Value): void {
  if (ty === 'i64') {
    b.call('put_hex', [conv(b, 'trunc', 'i64', 'i32', b.binary('lshr', 'i64', v, b.iconst('i64', 32)))], []);
    b.call('put_hex', [conv(b, 'trunc', 'i64', 'i32', v)], []);
  } else if (ty === 'i8' || ty === 'i16') {
    b.call('put_hex', [conv(b, 'zext', ty, 'i32', v)], []);
  } else b.call('put_hex', [v], []);
}

/** `main` that calls `body` and returns; body prints with `print`. */
export function mainFn(body: (b: FunctionBuilder) => void): Function {
  const b = new FunctionBuilder('main', [], [], { exported: true });
  body(b);
  if (b.isOpen) b.ret();
  return b.finish();
}
