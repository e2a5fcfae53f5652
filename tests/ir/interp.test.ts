// The IR interpreter on hand-built IR: exact integer semantics per width,
// memory, calls, block parameters, switch, the native runtime functions, the
// traps for IR-level undefined behaviour, and the runtime library functions
// (formatting, panics) that lowering relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionBuilder } from '../../sdk/src/ir/builder.ts';
import type { BinaryOp, DataObject, Function, Module, Ty, UnaryOp } from '../../sdk/src/ir/ir.ts';
import { verifyModule } from '../../sdk/src/ir/verify.ts';
import { interpret, Machine, InterpError } from '../../sdk/src/ir/interp.ts';
import { RuntimeLib, encodeSpec, DEFAULT_SPEC, FLAG_ALT, FLAG_ZERO, FLAG_ALIGN_CENTER, FLAG_PLUS } from '../../sdk/src/ir/lower/runtime.ts';
import { Rt } from '../../sdk/src/ir/lower/rtbuild.ts';

function mod(functions: Function[], data: DataObject[] = []): Module {
  const m: Module = { functions, data, externs: [], interrupts: [] };
  assert.deepEqual(verifyModule(m), []);
  return m;
}

/** f(a, b) = a op b on type ty. */
function binFn(op: BinaryOp, ty: Ty): Function {
  const b = new FunctionBuilder('f', [ty, ty], [ty]);
  const [x, y] = b.fn.params as [number, number];
  b.ret([b.binary(op, ty, x, y)]);
  return b.finish();
}

function run1(f: Function, args: (number | bigint)[]): number | bigint {
  const m = new Machine(mod([f]));
  return m.call(f.name, args)![0]!;
}

test('binary ops wrap at the type width', () => {
  assert.equal(run1(binFn('add', 'i8'), [200, 100]), 44);
  assert.equal(run1(binFn('sub', 'i16'), [0, 1]), 0xffff);
  assert.equal(run1(binFn('mul', 'i32'), [0x10000, 0x10000]), 0);
  assert.equal(run1(binFn('mul', 'i32'), [0xffffffff, 0xffffffff]), 1);
  assert.equal(run1(binFn('add', 'i64'), [0xffffffffffffffffn, 2n]), 1n);
  assert.equal(run1(binFn('mul', 'i64'), [1n << 40n, 1n << 30n]), 1n << 70n & 0xffffffffffffffffn);
});

test('signed and unsigned division, remainder and shifts', () => {
  const m8 = (x: number) => x & 0xff;
  assert.equal(run1(binFn('sdiv', 'i8'), [m8(-7), 2]), m8(-3));
  assert.equal(run1(binFn('srem', 'i8'), [m8(-7), 2]), m8(-1));
  assert.equal(run1(binFn('udiv', 'i8'), [m8(-7), 2]), 124);
  assert.equal(run1(binFn('sdiv', 'i32'), [0x80000000, 0xffffffff]), 0x80000000); // MIN / -1 wraps
  assert.equal(run1(binFn('sdiv', 'i64'), [(1n << 64n) - 7n, 2n]), (1n << 64n) - 3n);
  assert.equal(run1(binFn('urem', 'i64'), [(1n << 64n) - 1n, 10n]), 5n);
  assert.equal(run1(binFn('ashr', 'i16'), [0x8000, 15]), 0xffff);
  assert.equal(run1(binFn('lshr', 'i16'), [0x8000, 15]), 1);
  assert.equal(run1(binFn('shl', 'i8'), [0x81, 1]), 2);
  assert.equal(run1(binFn('ashr', 'i64'), [1n << 63n, 63n]), (1n << 64n) - 1n);
});

test('unary ops per width', () => {
  const un = (op: UnaryOp, ty: Ty, x: number | bigint) => {
    const b = new FunctionBuilder('u', [ty], [ty]);
    const d = b.newValue(ty);
    b.emit({ op: 'unary', kind: op, dst: d, ty, a: b.fn.params[0]! });
    b.ret([d]);
    return run1(b.finish(), [x]);
  };
  assert.equal(un('clz', 'i8', 1), 7);
  assert.equal(un('clz', 'i32', 0), 32);
  assert.equal(un('ctz', 'i16', 0), 16);
  assert.equal(un('ctz', 'i64', 1n << 40n), 40n);
  assert.equal(un('popcnt', 'i32', 0xf0f0), 8);
  assert.equal(un('bswap', 'i32', 0x12345678), 0x78563412);
  assert.equal(un('bswap', 'i16', 0x1234), 0x3412);
  assert.equal(un('bswap', 'i64', 0x0102030405060708n), 0x0807060504030201n);
  assert.equal(un('neg', 'i8', 1), 0xff);
  assert.equal(un('not', 'i64', 0n), (1n << 64n) - 1n);
});

test('comparisons and conversions', () => {
  const b = new FunctionBuilder('c', ['i8', 'i8'], ['i8', 'i8', 'i32', 'i32', 'i64', 'i8']);
  const [x, y] = b.fn.params as [number, number];
  const conv = (kind: 'sext' | 'zext' | 'trunc', from: Ty, to: Ty, a: number) => {
    const d = b.newValue(to);
    b.emit({ op: 'conv', kind, dst: d, from, to, a });
    return d;
  };
  const slt = b.cmp('slt', 'i8', x, y);
  const ult = b.cmp('ult', 'i8', x, y);
  const s32 = conv('sext', 'i8', 'i32', x);
  const z32 = conv('zext', 'i8', 'i32', x);
  const s64 = conv('sext', 'i8', 'i64', x);
  const t8 = conv('trunc', 'i64', 'i8', s64);
  b.ret([slt, ult, s32, z32, s64, t8]);
  const m = new Machine(mod([b.finish()]));
  assert.deepEqual(m.call('c', [0xff, 1]), [1, 0, 0xffffffff, 0xff, (1n << 64n) - 1n, 0xff]);
});

test('memory is little-endian; slots, data objects and relocations', () => {
  const data: DataObject[] = [
    { name: 'table', exported: false, size: 8, align: 4, readonly: true, init: [{ kind: 'bytes', bytes: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }] },
    { name: 'ptr', exported: false, size: 4, align: 4, readonly: true, init: [{ kind: 'symbol', symbol: 'table', offset: 4 }] },
  ];
  const b = new FunctionBuilder('m', [], ['i32', 'i16', 'i8', 'i64']);
  const p = b.load('ptr', (() => { const d = b.newValue('ptr'); b.emit({ op: 'symAddr', dst: d, symbol: 'ptr', offset: 0 }); return d; })());
  const w = b.load('i32', p);
  const slot = b.slotAddr(b.addSlot(8, 8));
  b.store('i64', slot, b.iconst('i64', 0x1122334455667788n));
  const h = b.load('i16', slot, 2);
  const lo = b.load('i8', slot, 7);
  const whole = b.load('i64', slot);
  b.ret([w, h, lo, whole]);
  const m = new Machine(mod([b.finish()], data));
  assert.deepEqual(m.call('m'), [0x08070605, 0x5566, 0x11, 0x1122334455667788n]);
});

test('calls with several results, recursion, indirect calls, switch, block parameters', () => {
  // fib(n) recursive; divmod returns two values; apply calls through a pointer.
  const fib = new FunctionBuilder('fib', ['i32'], ['i32']);
  {
    const [n] = fib.fn.params as [number];
    const small = fib.newBlock();
    const big = fib.newBlock();
    fib.branch(fib.cmp('ult', 'i32', n, fib.iconst('i32', 2)), { block: small, args: [] }, { block: big, args: [] });
    fib.switchTo(small);
    fib.ret([n]);
    fib.switchTo(big);
    const [a] = fib.call('fib', [fib.binary('sub', 'i32', n, fib.iconst('i32', 1))], ['i32']);
    const [c] = fib.call('fib', [fib.binary('sub', 'i32', n, fib.iconst('i32', 2))], ['i32']);
    fib.ret([fib.binary('add', 'i32', a!, c!)]);
  }
  const dm = new FunctionBuilder('divmod', ['i32', 'i32'], ['i32', 'i32']);
  {
    const [x, y] = dm.fn.params as [number, number];
    dm.ret([dm.binary('udiv', 'i32', x, y), dm.binary('urem', 'i32', x, y)]);
  }
  const top = new FunctionBuilder('top', ['i32'], ['i32', 'i32', 'i32', 'i32']);
  {
    const [k] = top.fn.params as [number];
    const f = top.newValue('ptr');
    top.emit({ op: 'symAddr', dst: f, symbol: 'fib', offset: 0 });
    const r = top.newValue('i32');
    top.emit({ op: 'callIndirect', dsts: [r], retTys: ['i32'], callee: f, args: [top.iconst('i32', 10)], argTys: ['i32'] });
    const [q, rem] = top.call('divmod', [top.iconst('i32', 47), top.iconst('i32', 5)], ['i32', 'i32']);
    const join = top.newBlock(['i32']);
    const c1 = top.newBlock();
    top.terminate({ op: 'switch', value: k, ty: 'i32', cases: [{ value: 1n, to: { block: c1, args: [] } }, { value: 2n, to: { block: join, args: [top.iconst('i32', 20)] } }], default: { block: join, args: [top.iconst('i32', 99)] } });
    top.switchTo(c1);
    top.jump(join, [top.iconst('i32', 10)]);
    top.switchTo(join);
    top.ret([r, q!, rem!, top.blockParams(join)[0]!]);
  }
  const m = new Machine(mod([fib.finish(), dm.finish(), top.finish()]));
  assert.deepEqual(m.call('top', [1]), [55, 9, 2, 10]);
  assert.deepEqual(m.call('top', [2])!.slice(3), [20]);
  assert.deepEqual(m.call('top', [7])!.slice(3), [99]);
});

test('__orizon_write and __orizon_exit are native; the entry runs to completion', () => {
  const data: DataObject[] = [{ name: 'msg', exported: false, size: 3, align: 1, readonly: true, init: [{ kind: 'bytes', bytes: new TextEncoder().encode('hi\n') }] }];
  const b = new FunctionBuilder('__orizon_start', [], []);
  const p = b.newValue('ptr');
  b.emit({ op: 'symAddr', dst: p, symbol: 'msg', offset: 0 });
  b.call('__orizon_write', [b.iconst('i32', 1), p, b.iconst('i32', 3)], []);
  b.call('__orizon_write', [b.iconst('i32', 2), p, b.iconst('i32', 2)], []);
  b.call('__orizon_exit', [b.iconst('i32', 7)], [], true);
  b.terminate({ op: 'unreachable' });
  const r = interpret(mod([b.finish()], data));
  assert.deepEqual([r.stdout, r.stderr, r.status], ['hi\n', 'hi', 7]);
});

test('traps: budget, null access, division by zero, oversized shifts, unreachable, unknown calls', () => {
  const loop = new FunctionBuilder('spin', [], []);
  const head = loop.newBlock();
  loop.jump(head);
  loop.switchTo(head);
  loop.jump(head);
  assert.throws(() => interpret(mod([loop.finish()]), { entry: 'spin', budget: 1000 }), /budget of 1000 exhausted/);
  const nul = new FunctionBuilder('n', [], ['i32']);
  nul.ret([nul.load('i32', nul.iconst('ptr', 0))]);
  assert.throws(() => new Machine(mod([nul.finish()])).call('n'), /null pointer access/);
  assert.throws(() => run1(binFn('udiv', 'i32'), [1, 0]), InterpError);
  assert.throws(() => run1(binFn('shl', 'i32'), [1, 32]), /shl.i32 by 32/);
  const un = new FunctionBuilder('u', [], []);
  un.terminate({ op: 'unreachable' });
  assert.throws(() => new Machine(mod([un.finish()])).call('u'), /reached `unreachable`/);
  const ext = new FunctionBuilder('e', [], []);
  ext.call('nowhere', [], []);
  ext.ret([]);
  assert.throws(() => new Machine(mod([ext.finish()])).call('e'), /undefined function `nowhere`/);
});

test('deep recursion runs on the interpreter stack, not the JS stack', () => {
  const f = new FunctionBuilder('down', ['i32'], ['i32']);
  const [n] = f.fn.params as [number];
  const base = f.newBlock();
  const rec = f.newBlock();
  f.branch(f.cmp('eq', 'i32', n, f.iconst('i32', 0)), { block: base, args: [] }, { block: rec, args: [] });
  f.switchTo(base);
  f.ret([f.iconst('i32', 0)]);
  f.switchTo(rec);
  const [r] = f.call('down', [f.binary('sub', 'i32', n, f.iconst('i32', 1))], ['i32']);
  f.ret([f.binary('add', 'i32', r!, f.iconst('i32', 1))]);
  const m = new Machine(mod([f.finish()]));
  assert.deepEqual(m.call('down', [50_000]), [50_000]);
});

// ---------------------------------------------------------------- runtime library

/** Runs `body` (which calls runtime functions) as the program and returns stdout/stderr/status. */
function runRuntime(body: (r: Rt, lib: RuntimeLib, spec: (fill: number, width: number | null, prec: number | null, flags: number) => number) => void) {
  const lib = new RuntimeLib();
  const r = new Rt('__orizon_start', [], []);
  const data: DataObject[] = [];
  const spec = (fill: number, width: number | null, prec: number | null, flags: number) => {
    const name = `spec${data.length}`;
    data.push({ name, exported: false, size: 16, align: 4, readonly: true, init: [{ kind: 'bytes', bytes: encodeSpec(fill, width, prec, flags) }] });
    return r.sym(name);
  };
  r.call('__orizon_fmt_begin', [r.c('i32', 1)]);
  body(r, lib, spec);
  r.call('__orizon_fmt_end', []);
  const fns = [r.finish()];
  for (const b of fns[0]!.blocks) for (const i of b.insts) if (i.op === 'call') lib.require(i.callee);
  const m = mod([...fns, ...lib.functions()], [...lib.dataObjects(), ...data]);
  return interpret(m);
}

test('integer formatting: radix, sign, #, 0, width, fill and alignment', () => {
  const res = runRuntime((r, _lib, spec) => {
    const u32 = (v: number, neg: number, radix: number, sp: number) => r.call('__orizon_fmt_u32', [r.c('i32', v), r.c('i8', neg), r.c('i32', radix), sp]);
    u32(0, 0, 10, r.sym(DEFAULT_SPEC));
    r.call('__orizon_fmt_str', [r.sym(_lib.str('|')), r.c('i32', 1)]);
    u32(255, 0, 16 | 0x100, spec(32, null, null, FLAG_ALT));
    r.call('__orizon_fmt_str', [r.sym(_lib.str('|')), r.c('i32', 1)]);
    u32(5, 0, 2, spec(32, 8, null, FLAG_ZERO | FLAG_ALT));
    r.call('__orizon_fmt_str', [r.sym(_lib.str('|')), r.c('i32', 1)]);
    u32(12, 1, 10, spec(42, 7, null, FLAG_ALIGN_CENTER));
    r.call('__orizon_fmt_str', [r.sym(_lib.str('|')), r.c('i32', 1)]);
    u32(7, 0, 10, spec(32, 4, null, FLAG_PLUS | FLAG_ZERO));
    r.call('__orizon_fmt_str', [r.sym(_lib.str('|')), r.c('i32', 1)]);
    r.call('__orizon_fmt_u64', [r.c('i64', (1n << 64n) - 1n), r.c('i8', 0), r.c('i32', 10), r.sym(DEFAULT_SPEC)]);
  });
  assert.equal(res.stdout, '0|0xFF|0b000101|**-12**|+007|18446744073709551615');
});

test('string padding counts chars; precision truncates; Debug escapes strings and chars', () => {
  const res = runRuntime((r, lib, spec) => {
    const s = lib.str('héllo\n"\'');
    r.call('__orizon_fmt_pad', [r.sym(s), r.c('i32', 6), spec(0x2d, 8, null, 2), r.c('i32', 2)]);
    r.call('__orizon_fmt_pad', [r.sym(s), r.c('i32', 6), spec(32, null, 2, 0), r.c('i32', 2)]);
    r.call('__orizon_fmt_debug_str', [r.sym(s), r.c('i32', 9)]);
    r.call('__orizon_fmt_debug_char', [r.c('i32', 39)]);
    r.call('__orizon_fmt_debug_char', [r.c('i32', 1)]);
    r.call('__orizon_fmt_char', [r.c('i32', 0x1f600), spec(46, 3, null, 1)]);
  });
  assert.equal(res.stdout, '---hélloh' + 'é' + '"héllo\\n\\"\'"' + "'\\''" + "'\\u{1}'" + '😀..');
});
