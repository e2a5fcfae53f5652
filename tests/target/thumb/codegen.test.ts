// The Thumb back end, checked by execution: one program of hand-built IR (see
// codegen-program.ts) compiled for each profile, linked with the runtime and
// run on QEMU. The IR interpreter runs the same module; output and exit status
// must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interpret } from '../../../sdk/src/ir/interp.ts';
import { loadBoard } from '../../../sdk/src/boards/board.ts';
import { thumbBackend } from '../../../sdk/src/target/thumb/backend.ts';
import { link, writeExecutable } from '../../../sdk/src/link/index.ts';
import { runCaptured } from '../../programs-run/run-qemu.ts';
import { buildProgram, lineInfo } from './codegen-program.ts';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { DataObject, Function, Module, Ty } from '../../../sdk/src/ir/ir.ts';

const BOARDS = ['mps2-an385', 'microbit', 'mps2-an386'] as const;
test('hand-built IR runs identically in the interpreter and on QEMU (every profile)', { timeout: 600_000 }, async (t) => {
  const m = buildProgram();
  const expected = interpret(m, { budget: 200_000_000 });
  assert.equal(expected.status, 3);
  const dir = mkdtempSync(join(tmpdir(), 'orizon-codegen-'));
  try {
    for (const id of BOARDS) {
      await t.test(id, async () => {
        const board = loadBoard(id);
        const be = thumbBackend(board.target);
        const c = be.compileModule(m, { target: board.target, release: false, sourceName: 'codegen.ir', wantAsm: false });
        const img = link([c.object, ...be.runtime({ target: board.target, board, interrupts: [] })], {
          layout: { flash: board.memory.flash, ram: board.memory.ram, stackSize: board.memory.stackSize }, entry: be.entry,
        });
        const elf = join(dir, `${id}.elf`);
        writeExecutable(img, elf);
        const r = await runCaptured(id, elf, 120_000);
        const got = r.output.split('\n');
        const want = expected.stdout.split('\n');
        const first = got.findIndex((l, k) => l !== want[k]);
        assert.equal(first, -1, `first difference at output line ${first + 1}, ${lineInfo[first]}: got ${got[first]}, want ${want[first]}`);
        assert.equal(r.exitCode, 3);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- inline assembly, naked functions, interrupts

/**
 * Inline assembly (placeholders, fixed registers, a tied in/out operand,
 * local labels), a naked function, and handlers bound through the vector
 * table: SysTick (a core exception) and TIMER0 (an external interrupt pended
 * by software through the NVIC). Expected values are written out: the
 * interpreter does not run assembly.
 */
function asmProgram(): Module {
  const fns: Function[] = [];
  const asm = (b: FunctionBuilder, text: string, inputs: { reg: string | null; value: number }[], outputs: { reg: string | null; ty: Ty }[]): number[] => {
    const dsts = outputs.map((o) => b.newValue(o.ty));
    b.emit({ op: 'asm', text, inputs, outputs: outputs.map((o, k) => ({ reg: o.reg, dst: dsts[k]!, ty: o.ty })), clobbers: [], volatile: true });
    return dsts;
  };
  const conv64 = (b: FunctionBuilder, v: number) => { const d = b.newValue('i64'); b.emit({ op: 'conv', kind: 'zext', dst: d, from: 'i32', to: 'i64', a: v }); return d; };
  // Handlers: count into a static.
  for (const [name, off] of [['tick', 0], ['timer0', 4]] as const) {
    const h = new FunctionBuilder(name, [], []);
    const p = h.newValue('ptr');
    h.emit({ op: 'symAddr', dst: p, symbol: 'counters', offset: off });
    h.store('i32', p, h.binary('add', 'i32', h.load('i32', p, 0, false, true), h.iconst('i32', 1)), 0, true);
    h.ret();
    fns.push(h.finish());
  }
  const nk = new FunctionBuilder('naked_add', ['i32', 'i32'], ['i32'], { naked: true });
  nk.emit({ op: 'asm', text: 'adds r0, r0, r1\nbx lr', inputs: [], outputs: [], clobbers: [], volatile: true });
  nk.terminate({ op: 'unreachable' });
  fns.push(nk.finish());

  const b = new FunctionBuilder('__orizon_start', [], [], { exported: true });
  const out = (v: number) => b.call('put', [conv64(b, v)], []);
  const a = b.iconst('i32', 1000), c = b.iconst('i32', 234);
  out(asm(b, 'adds {2}, {0}, {1}\nadds {2}, {2}, #3', [{ reg: null, value: a }, { reg: null, value: c }], [{ reg: null, ty: 'i32' }])[0]!); // 1237
  const n = b.binary('add', 'i32', a, b.iconst('i32', 0));
  const [z] = asm(b, '1:\nsubs {0}, {0}, #1\nbne 1b', [{ reg: null, value: n }], [{ reg: '{0}', ty: 'i32' }]);
  out(b.binary('add', 'i32', n, z!)); // 1000 (the input register was a copy)
  out(asm(b, 'adds r0, r0, r1', [{ reg: 'r0', value: a }, { reg: 'r1', value: c }], [{ reg: 'r0', ty: 'i32' }])[0]!); // 1234
  out(asm(b, 'mrs {}, PRIMASK', [], [{ reg: null, ty: 'i32' }])[0]!); // 0
  out(b.call('naked_add', [a, c], ['i32'])[0]!); // 1234
  // SysTick: reload 2000, clear, enable with interrupt; wait for three ticks.
  const mmio = (addr: number, v: number) => { const p = b.newValue('ptr'); b.emit({ op: 'const', dst: p, ty: 'ptr', imm: BigInt(addr) }); b.store('i32', p, b.iconst('i32', v), 0, true); };
  mmio(0xe000e014, 2000);
  mmio(0xe000e018, 0);
  mmio(0xe000e010, 7);
  const wait = b.newBlock(), done = b.newBlock();
  b.jump(wait);
  b.switchTo(wait);
  const cnt = b.newValue('ptr');
  b.emit({ op: 'symAddr', dst: cnt, symbol: 'counters', offset: 0 });
  b.branch(b.cmp('uge', 'i32', b.load('i32', cnt, 0, false, true), b.iconst('i32', 3)), { block: done, args: [] }, { block: wait, args: [] });
  b.switchTo(done);
  mmio(0xe000e010, 0);
  out(b.iconst('i32', 3)); // reached
  // TIMER0 (IRQ 8 on every board here): enable in the NVIC, then pend it by software.
  mmio(0xe000e100, 1 << 8);
  mmio(0xe000e200, 1 << 8);
  asm(b, 'dsb\nisb', [], []); // the pended interrupt is taken before the next instruction
  const cnt2 = b.newValue('ptr');
  b.emit({ op: 'symAddr', dst: cnt2, symbol: 'counters', offset: 4 });
  out(b.load('i32', cnt2, 0, false, true)); // 1
  b.call('__orizon_exit', [b.iconst('i32', 7)], [], true);
  b.terminate({ op: 'unreachable' });
  fns.push(b.finish());

  const put = buildProgram().functions.find((f) => f.name === 'put')!;
  const counters: DataObject = { name: 'counters', exported: false, size: 8, align: 4, readonly: false, init: [] };
  const outbuf: DataObject = { name: 'outbuf', exported: false, size: 20, align: 4, readonly: false, init: [] };
  return { functions: [put, ...fns], data: [counters, outbuf], externs: [], interrupts: [{ name: 'SysTick', func: 'tick' }, { name: 'TIMER0', func: 'timer0' }] };
}

test('inline assembly, naked functions and interrupt handlers run on QEMU (every profile)', { timeout: 300_000 }, async (t) => {
  const m = asmProgram();
  const hex = (v: number) => v.toString(16).padStart(16, '0');
  const want = [1237, 1000, 1234, 0, 1234, 3, 1].map(hex).join('\n') + '\n';
  const dir = mkdtempSync(join(tmpdir(), 'orizon-codegen-asm-'));
  try {
    for (const id of BOARDS) {
      await t.test(id, async () => {
        const board = loadBoard(id);
        const be = thumbBackend(board.target);
        const c = be.compileModule(m, { target: board.target, release: false, sourceName: 'asm.ir', wantAsm: false });
        const img = link([c.object, ...be.runtime({ target: board.target, board, interrupts: m.interrupts })], {
          layout: { flash: board.memory.flash, ram: board.memory.ram, stackSize: board.memory.stackSize }, entry: be.entry,
        });
        const elf = join(dir, `${id}.elf`);
        writeExecutable(img, elf);
        const r = await runCaptured(id, elf, 60_000);
        assert.equal(r.output, want, r.stderr);
        assert.equal(r.exitCode, 7);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
