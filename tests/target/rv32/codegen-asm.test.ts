// RV32 inline assembly, naked functions, the runtime's trap handler and
// interrupt dispatch (CLINT software interrupt, PLIC external interrupt from
// the virt UART), constant (MMIO) addresses, `--emit asm` re-assembled by GNU
// as to the same bytes, and DWARF line rows gdb can use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { Function, Module, Ty, Value } from '../../../sdk/src/ir/ir.ts';
import { rv32Backend } from '../../../sdk/src/target/rv32/backend.ts';
import { BackendError } from '../../../sdk/src/driver/backend.ts';
import { loadBoard } from '../../../sdk/src/boards/board.ts';
import { FAULT_STATUS } from '../../../sdk/src/target/rv32/runtime.ts';
import { tool } from '../../helpers/tools.ts';
import { readElf } from '../../link/helpers/elf-read.ts';
import { gdbInfoLine } from '../../link/helpers/gdb.ts';
import { buildElf, conv, mainFn, module, print, putHex, run } from './codegen-harness.ts';

interface AsmSpec {
  text: string;
  inputs?: { reg: string | null; value: Value }[];
  outputs?: { reg: string | null; ty: Ty }[];
  clobbers?: string[];
}

function asm(b: FunctionBuilder, s: AsmSpec): Value[] {
  const outputs = (s.outputs ?? []).map((o) => ({ reg: o.reg, ty: o.ty, dst: b.newValue(o.ty) }));
  b.emit({ op: 'asm', text: s.text, inputs: s.inputs ?? [], outputs, clobbers: s.clobbers ?? [], volatile: true });
  return outputs.map((o) => o.dst);
}

const store32 = (b: FunctionBuilder, addr: number, v: number) => b.store('i32', b.iconst('ptr', addr), b.iconst('i32', v));

test('inline asm: register operands, fixed registers, clobbers, CSRs, local labels; naked functions; MMIO constants', async () => {
  const naked = new FunctionBuilder('naked_add', ['i32', 'i32'], ['i32'], { naked: true });
  asm(naked, { text: 'add a0, a0, a1\nret' });
  naked.terminate({ op: 'unreachable' });
  const f = new FunctionBuilder('asm_ops', ['i32', 'i32'], ['i32']);
  const [x, y] = f.fn.params as [Value, Value];
  // {0}, {1}: inputs; {2}: the output (inputs first, then outputs).
  const [sum] = asm(f, { text: 'add {2}, {0}, {1}', inputs: [{ reg: null, value: x }, { reg: null, value: y }], outputs: [{ reg: null, ty: 'i32' }] });
  // Early clobber: the output is written before the input is read again.
  const [tw] = asm(f, { text: 'li {1}, 3\nadd {1}, {1}, {0}\nadd {1}, {1}, {0}', inputs: [{ reg: null, value: sum! }], outputs: [{ reg: null, ty: 'i32' }] });
  // Fixed registers and a callee-saved clobber.
  const [fx] = asm(f, { text: 'mv a1, a0\naddi a1, a1, 5\nli s2, 99', inputs: [{ reg: 'a0', value: tw! }], outputs: [{ reg: 'a1', ty: 'i32' }], clobbers: ['s2', 'memory'] });
  // A loop with local labels.
  const [cnt] = asm(f, { text: 'li {1}, 0\n1:\naddi {1}, {1}, 1\nbltu {1}, {0}, 1b', inputs: [{ reg: null, value: f.iconst('i32', 10) }], outputs: [{ reg: null, ty: 'i32' }] });
  const [hart] = asm(f, { text: 'csrr {0}, mhartid', outputs: [{ reg: null, ty: 'i32' }] });
  // A read-write operand (`inout(reg)`): output 0 tied to input 0, read and written in place.
  const tiedOut = f.newValue('i32');
  f.emit({ op: 'asm', text: 'slli {0}, {0}, 1', inputs: [{ reg: null, value: cnt! }], outputs: [{ reg: null, dst: tiedOut, ty: 'i32', tied: 0 } as never], clobbers: [], volatile: true });
  f.ret([f.binary('add', 'i32', f.binary('add', 'i32', f.binary('add', 'i32', fx!, cnt!), hart!), tiedOut)]);
  const m = module([putHex(), naked.finish(), f.finish(), mainFn((b) => {
    print(b, 'i32', b.call('naked_add', [b.iconst('i32', 40), b.iconst('i32', 2)], ['i32'])[0]!);
    print(b, 'i32', b.call('asm_ops', [b.iconst('i32', 100), b.iconst('i32', 20)], ['i32'])[0]!);
    // The virt UART's transmit register, through a constant address.
    b.store('i8', b.iconst('ptr', 0x1000_0000), b.iconst('i8', 0x55), 0, true);
    b.store('i8', b.iconst('ptr', 0x1000_0000), b.iconst('i8', 0x0a), 0, true);
  })]);
  const r = await run(m);
  // naked_add = 42; asm_ops: sum 120, tw = 3 + 240 = 243, fx = 248, cnt = 10, hart 0, tied 20.
  assert.equal(r.output, '0000002a\n00000116\nU\n');
  assert.equal(r.status, 0);
  assert.match(r.asm, /naked_add:\n\tadd a0, a0, a1\n\tret\n\t\.size/, 'a naked function is exactly its assembly');
  assert.match(r.asm, /asm_ops:\n\taddi\tsp, sp, -16\n(\tsw\t.*\n)*\tsw\ts2, /, 's2 (clobbered) is saved');
});

/** The runtime: an exception reports mcause/mepc and exits with FAULT_STATUS. */
for (const [what, cause] of [['unreachable (illegal instruction)', 2], ['a load from unmapped memory', 5]] as const) {
  test(`${what} traps: mcause and mepc on stderr, exit status ${FAULT_STATUS}`, async () => {
    const data: Module['data'] = [];
    const m = module([mainFn((b) => {
      say(b, 'before\n', 'm_before', data);
      if (cause === 2) b.terminate({ op: 'unreachable' });
      else b.call('put_hex', [b.load('i32', b.iconst('ptr', 0xf000_0000), 0, false, true)], []);
    }), putHex()], data);
    const r = await run(m);
    assert.equal(r.output, 'before\n');
    assert.match(r.stderr, new RegExp(`^trap: mcause=0x0000000${cause} mepc=0x8[0-9a-f]{7}\n$`));
    assert.equal(r.status, FAULT_STATUS);
  });
}

function symAddr(b: FunctionBuilder, symbol: string): Value {
  const dst = b.newValue('ptr');
  b.emit({ op: 'symAddr', dst, symbol, offset: 0 });
  return dst;
}

function say(b: FunctionBuilder, text: string, name: string, data: Module['data']): void {
  data.push({ name, exported: false, size: text.length, align: 1, readonly: true, init: [{ kind: 'bytes', bytes: new TextEncoder().encode(text) }] });
  b.call('__orizon_write', [b.iconst('i32', 1), symAddr(b, name), b.iconst('i32', text.length)], []);
}

test('interrupts: a CLINT software interrupt and a PLIC source (the virt UART) reach their #[interrupt] handlers', async () => {
  const data: Module['data'] = [];
  const soft = new FunctionBuilder('on_soft', [], [], { exported: true });
  store32(soft, 0x0200_0000, 0); // msip = 0: acknowledge
  say(soft, 'soft interrupt\n', 'm_soft', data);
  soft.ret();
  const uart = new FunctionBuilder('on_uart', [], [], { exported: true });
  uart.store('i8', uart.iconst('ptr', 0x1000_0001), uart.iconst('i8', 0), 0, true); // IER = 0: no more THR-empty interrupts
  say(uart, 'uart interrupt\n', 'm_uart', data);
  uart.ret();
  const main = mainFn((b) => {
    asm(b, { text: 'li t0, 0x808\ncsrs mie, t0\ncsrsi mstatus, 8', clobbers: ['t0'] }); // MSIE, MEIE; MIE
    store32(b, 0x0200_0000, 1); // msip = 1: software interrupt now
    say(b, 'after soft\n', 'm_after1', data);
    store32(b, 0x0c00_0000 + 4 * 10, 1); // PLIC: priority of source 10 (UART0)
    store32(b, 0x0c00_2000, 1 << 10); // enable it for hart 0, machine mode
    store32(b, 0x0c20_0000, 0); // threshold 0
    b.store('i8', b.iconst('ptr', 0x1000_0001), b.iconst('i8', 2), 0, true); // UART IER: THR empty
    // Wait until the handler has switched the interrupt off again.
    const wait = b.newBlock(), done = b.newBlock();
    b.jump(wait);
    b.switchTo(wait);
    const ier = b.load('i8', b.iconst('ptr', 0x1000_0001), 0, false, true);
    b.branch(b.cmp('ne', 'i8', ier, b.iconst('i8', 0)), { block: wait, args: [] }, { block: done, args: [] });
    b.switchTo(done);
    say(b, 'after uart\n', 'm_after2', data);
  });
  const m = module([soft.finish(), uart.finish(), main], data);
  m.interrupts.push({ name: 'MachineSoft', func: 'on_soft' }, { name: 'UART0', func: 'on_uart' });
  const r = await run(m);
  assert.equal(r.output, 'soft interrupt\nafter soft\nuart interrupt\nafter uart\n');
  assert.equal(r.status, 0);
});

test('--emit asm re-assembles with GNU as (-march=rv32imac -mabi=ilp32) to the same bytes, section by section', () => {
  const fns: Function[] = [putHex()];
  const b = new FunctionBuilder('mix', ['i64', 'i32', 'i8'], ['i64']);
  const [w, x, c] = b.fn.params as [Value, Value, Value];
  const slot = b.slotAddr(b.addSlot(40, 8));
  b.store('i64', slot, w, 8);
  const s = b.binary('sdiv', 'i32', x, conv(b, 'sext', 'i8', 'i32', c));
  b.call('put_hex', [s], []);
  b.emit({ op: 'zero', addr: slot, size: 16, align: 8 });
  b.ret([b.binary('mul', 'i64', b.load('i64', slot, 8), conv(b, 'zext', 'i32', 'i64', s))]);
  fns.push(b.finish(), mainFn((m) => print(m, 'i64', m.call('mix', [m.iconst('i64', 5), m.iconst('i32', 100), m.iconst('i8', -3)], ['i64'])[0]!)));
  const m = module(fns, [{ name: 'table', exported: true, size: 12, align: 4, readonly: true, init: [{ kind: 'symbol', symbol: 'mix', offset: 0 }, { kind: 'bytes', bytes: Uint8Array.of(1, 2, 3) }] }]);
  const dir = mkdtempSync(join(tmpdir(), 'orizon-rv-emit-'));
  try {
    const out = rv32Backend('rv32imac').compileModule(m, { target: 'rv32imac', release: false, sourceName: 'emit.oriz', wantAsm: true });
    writeFileSync(join(dir, 'out.s'), out.asm!);
    const r = spawnSync(tool('rv-as'), ['-march=rv32imac_zicsr', '-mabi=ilp32', '-o', join(dir, 'out.o'), join(dir, 'out.s')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const gnu = readElf(readFileSync(join(dir, 'out.o')));
    let compared = 0;
    for (const s of out.object.sections) {
      const g = gnu.sections.find((x) => x.name === s.name);
      assert.ok(g, `GNU as has no section ${s.name}`);
      assert.deepEqual([...g.data], [...s.data], `section ${s.name} differs`);
      compared++;
    }
    assert.ok(compared >= 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DWARF line rows: gdb maps source lines of hand-built IR to their code', () => {
  const b = new FunctionBuilder('main', [], [], { exported: true, loc: { file: 'lines.oriz', line: 1, col: 1 } });
  b.setLoc({ file: 'lines.oriz', line: 3, col: 5 });
  const v = b.binary('mul', 'i32', b.load('i32', symAddr(b, 'six')), b.iconst('i32', 7));
  b.setLoc({ file: 'lines.oriz', line: 4, col: 5 });
  b.call('put_hex', [v], []);
  b.setLoc({ file: 'lines.oriz', line: 5, col: 1 });
  b.ret();
  const dir = mkdtempSync(join(tmpdir(), 'orizon-rv-dwarf-'));
  try {
    const six = { name: 'six', exported: false, size: 4, align: 4, readonly: true, init: [{ kind: 'bytes' as const, bytes: Uint8Array.of(6, 0, 0, 0) }] };
    const { elf } = buildElf(module([putHex(), b.finish()], [six]), { dir });
    const l3 = gdbInfoLine(elf, 'lines.oriz:3');
    const l4 = gdbInfoLine(elf, 'lines.oriz:4');
    assert.ok(l3.address !== undefined, l3.text);
    assert.ok(l4.address !== undefined && l4.address > l3.address!, l4.text);
    const main = readElf(readFileSync(elf)).symbol('main');
    assert.ok(l3.address! >= main.value && l4.address! < main.value + main.size);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inline assembly the encoder rejects is a BackendError at the asm! location; `{}` numbers operands in order', () => {
  const b = new FunctionBuilder('bad', ['i32'], ['i32']);
  b.setLoc({ file: 'bad.oriz', line: 7, col: 9 });
  const [r] = asm(b, { text: 'mul {}, {}, {}', inputs: [{ reg: null, value: b.fn.params[0]! }, { reg: null, value: b.fn.params[0]! }], outputs: [{ reg: null, ty: 'i32' }] });
  b.ret([r!]);
  const m = module([b.finish()]);
  const ok = rv32Backend('rv32imac').compileModule(m, { target: 'rv32imac', release: false, sourceName: 'bad.oriz', wantAsm: true });
  assert.match(ok.asm!, /\tmul a\d, a\d, a\d\n/);
  assert.throws(() => rv32Backend('rv32i').compileModule(m, { target: 'rv32i', release: false, sourceName: 'bad.oriz', wantAsm: false }), (e: unknown) => {
    assert.ok(e instanceof BackendError, String(e));
    assert.match(e.message, /inline assembly: .*mul/);
    assert.deepEqual(e.loc, { file: 'bad.oriz', line: 7, col: 9 });
    return true;
  });
  assert.throws(() => rv32Backend('rv32imac').runtime({ target: 'rv32imac', board: loadBoard('riscv-virt'), interrupts: [{ name: 'TIMER0', func: 'f' }] }), /`TIMER0` is not an interrupt of board `riscv-virt`; valid names: VIRTIO0, UART0, RTC, MachineSoft, MachineTimer/);
});
