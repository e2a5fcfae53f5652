// The program of codegen.test.ts: hand-built IR (every
// width of arithmetic including i64, comparisons, branches, loops with block
// parameters including the swap case, calls with many arguments, register
// pressure, switch, copy/zero, loads and stores at awkward offsets, division,
// indirect calls) plus seeded random functions, compiled for each profile,
// linked with the runtime and run on QEMU. The IR interpreter runs the same
// module; output and exit status must be identical.
import assert from 'node:assert/strict';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { BinaryOp, CmpOp, DataObject, Function, Module, Ty, UnaryOp, Value } from '../../../sdk/src/ir/ir.ts';
import { verifyFunction } from '../../../sdk/src/ir/verify.ts';

type B = FunctionBuilder;

// ---------------------------------------------------------------- IR helpers

const conv = (b: B, kind: 'sext' | 'zext' | 'trunc', from: Ty, to: Ty, a: Value): Value => {
  if (from === to) return a;
  const dst = b.newValue(to);
  b.emit({ op: 'conv', kind, dst, from, to, a });
  return dst;
};
const un = (b: B, kind: UnaryOp, ty: Ty, a: Value): Value => {
  const dst = b.newValue(ty);
  b.emit({ op: 'unary', kind, dst, ty, a });
  return dst;
};
const sel = (b: B, ty: Ty, cond: Value, x: Value, y: Value): Value => {
  const dst = b.newValue(ty);
  b.emit({ op: 'select', dst, ty, cond, a: x, b: y });
  return dst;
};
const sym = (b: B, name: string, offset = 0): Value => {
  const dst = b.newValue('ptr');
  b.emit({ op: 'symAddr', dst, symbol: name, offset });
  return dst;
};
const bits = (t: Ty) => (t === 'i8' ? 8 : t === 'i16' ? 16 : t === 'i64' ? 64 : 32);

/** Widens any scalar to i64 (zero-extended) for printing. */
const toI64 = (b: B, ty: Ty, v: Value): Value => (ty === 'i64' ? v : conv(b, 'zext', ty === 'ptr' ? 'i32' : ty, 'i64', ty === 'ptr' ? conv(b, 'trunc', 'ptr', 'i32', v) : v));

/** put(x: i64): 16 hex digits and a newline on stdout. */
function putFn(): Function {
  const b = new FunctionBuilder('put', ['i64'], []);
  const [x] = b.fn.params;
  const loop = b.newBlock(['i32']);
  const body = b.newBlock();
  const done = b.newBlock();
  b.jump(loop, [b.iconst('i32', 0)]);
  b.switchTo(loop);
  const [i] = b.blockParams(loop);
  b.branch(b.cmp('ult', 'i32', i!, b.iconst('i32', 16)), { block: body, args: [] }, { block: done, args: [] });
  b.switchTo(body);
  const sh = conv(b, 'zext', 'i32', 'i64', b.binary('sub', 'i32', b.iconst('i32', 60), b.binary('shl', 'i32', i!, b.iconst('i32', 2))));
  const nib = conv(b, 'trunc', 'i64', 'i32', b.binary('and', 'i64', b.binary('lshr', 'i64', x!, sh), b.iconst('i64', 15)));
  const ch = sel(b, 'i32', b.cmp('ult', 'i32', nib, b.iconst('i32', 10)), b.binary('add', 'i32', nib, b.iconst('i32', 48)), b.binary('add', 'i32', nib, b.iconst('i32', 87)));
  const p = b.binary('add', 'ptr', sym(b, 'outbuf'), conv(b, 'zext', 'i32', 'ptr', i!));
  b.store('i8', p, conv(b, 'trunc', 'i32', 'i8', ch));
  b.jump(loop, [b.binary('add', 'i32', i!, b.iconst('i32', 1))]);
  b.switchTo(done);
  b.store('i8', sym(b, 'outbuf'), b.iconst('i8', 10), 16);
  b.call('__orizon_write', [b.iconst('i32', 1), sym(b, 'outbuf'), b.iconst('i32', 17)], []);
  b.ret();
  return b.finish();
}

// ---------------------------------------------------------------- hand-written cases

const BINOPS: BinaryOp[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'lshr', 'ashr', 'sdiv', 'udiv', 'srem', 'urem'];
const CMPOPS: CmpOp[] = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'];
const TYS: Ty[] = ['i8', 'i16', 'i32', 'i64'];
const PAIRS: [bigint, bigint][] = [[7n, 3n], [-7n, 3n], [200n, -3n], [0x12345678n, 0x9abcn], [-1n, 1n], [0x7fffn, 0x7fffn], [-0x80000000n, 7n], [0x123456789abcdefn, -0x55n], [255n, 256n], [4095n, 4096n]];
const IMMS: bigint[] = [0n, 1n, 7n, 8n, 255n, 256n, 4095n, 0xff00n, 0x12345678n, -1n, -256n, -4096n];

/** A binary operation, with register operands and with an immediate right operand. */
function binaryCase(op: BinaryOp, ty: Ty, imm: bigint | null): Function {
  const b = new FunctionBuilder(`bin_${op}_${ty}_${imm === null ? 'r' : 'i' + String(imm).replace('-', 'm')}`, [ty, ty], [ty]);
  const [x, y0] = b.fn.params;
  let y: Value = imm === null ? y0! : b.iconst(ty, BigInt.asUintN(bits(ty), imm));
  if (op === 'shl' || op === 'lshr' || op === 'ashr') y = b.binary('and', ty, y, b.iconst(ty, bits(ty) - 1));
  if (op === 'sdiv' || op === 'udiv' || op === 'srem' || op === 'urem') y = b.binary('or', ty, y, b.iconst(ty, 1));
  // Narrow operands with garbage above their width: recompute x as (x + 0x100..) truncated by the IR type.
  const x2 = ty === 'i8' || ty === 'i16' ? b.binary('add', ty, x!, b.iconst(ty, 0)) : x!;
  b.ret([b.binary(op, ty, x2, y)]);
  return b.finish();
}

function cmpCase(op: CmpOp, ty: Ty, imm: bigint | null): Function {
  const b = new FunctionBuilder(`cmp_${op}_${ty}_${imm === null ? 'r' : 'i' + String(imm).replace('-', 'm')}`, [ty, ty], ['i32', 'i32']);
  const [x, y0] = b.fn.params;
  const y = imm === null ? y0! : b.iconst(ty, BigInt.asUintN(bits(ty), imm));
  const c = b.cmp(op, ty, x!, y);
  // As a value, and fused into a branch.
  const yes = b.newBlock(), no = b.newBlock(), join = b.newBlock(['i32']);
  const c2 = b.cmp(op, ty, x!, y);
  b.branch(c2, { block: yes, args: [] }, { block: no, args: [] });
  b.switchTo(yes); b.jump(join, [b.iconst('i32', 10)]);
  b.switchTo(no); b.jump(join, [b.iconst('i32', 20)]);
  b.switchTo(join);
  b.ret([conv(b, 'zext', 'i8', 'i32', c), b.blockParams(join)[0]!]);
  return b.finish();
}

function unaryCase(op: UnaryOp, ty: Ty): Function {
  const b = new FunctionBuilder(`un_${op}_${ty}`, [ty], [ty]);
  b.ret([un(b, op, ty, b.fn.params[0]!)]);
  return b.finish();
}

function convCase(kind: 'sext' | 'zext' | 'trunc', from: Ty, to: Ty): Function {
  const b = new FunctionBuilder(`conv_${kind}_${from}_${to}`, [from], [to]);
  b.ret([conv(b, kind, from, to, b.fn.params[0]!)]);
  return b.finish();
}

/** fib by (a, b) → (b, a + b), and a pure swap loop: block parameters passed crosswise. */
function swapLoops(): Function {
  const b = new FunctionBuilder('swaps', ['i32', 'i32', 'i32'], ['i32', 'i32', 'i64']);
  const [n, x0, y0] = b.fn.params;
  const loop = b.newBlock(['i32', 'i32', 'i32', 'i64', 'i64']);
  const body = b.newBlock();
  const done = b.newBlock();
  b.jump(loop, [n!, x0!, y0!, b.iconst('i64', 0), b.iconst('i64', 1)]);
  b.switchTo(loop);
  const [k, x, y, fa, fb] = b.blockParams(loop);
  b.branch(b.cmp('ne', 'i32', k!, b.iconst('i32', 0)), { block: body, args: [] }, { block: done, args: [] });
  b.switchTo(body);
  b.jump(loop, [b.binary('sub', 'i32', k!, b.iconst('i32', 1)), y!, x!, fb!, b.binary('add', 'i64', fa!, fb!)]);
  b.switchTo(done);
  b.ret([x!, y!, fa!]);
  return b.finish();
}

/** Eight arguments (two i64, so both register pairs and 8-aligned stack slots), results through r0:r1. */
function manyArgs(): Function[] {
  const tys: Ty[] = ['i32', 'i64', 'i32', 'i64', 'i8', 'i32', 'i64', 'i16'];
  const c = new FunctionBuilder('many', tys, ['i64']);
  let acc = c.iconst('i64', 0);
  c.fn.params.forEach((p, k) => {
    const w = toI64(c, tys[k]!, p);
    acc = c.binary('add', 'i64', c.binary('mul', 'i64', acc, c.iconst('i64', 31)), w);
  });
  c.ret([acc]);
  const b = new FunctionBuilder('call_many', ['i32'], ['i64']);
  const [s] = b.fn.params;
  const args = tys.map((t, k) => (t === 'i64' ? b.binary('add', 'i64', conv(b, 'zext', 'i32', 'i64', s!), b.iconst('i64', 0x100000000n * BigInt(k + 1))) : conv(b, 'trunc', 'i32', t, b.binary('add', 'i32', s!, b.iconst('i32', k * 1000)))));
  const [r] = b.call('many', args, ['i64']);
  b.ret([r!]);
  return [c.finish(), b.finish()];
}

/** Forty values live at once, across a call: spills on every profile. */
function pressure(): Function {
  const b = new FunctionBuilder('pressure', ['i32'], ['i32']);
  const [s] = b.fn.params;
  const vals: Value[] = [];
  for (let k = 0; k < 40; k++) vals.push(b.binary('mul', 'i32', b.binary('add', 'i32', s!, b.iconst('i32', k * 7 + 1)), b.iconst('i32', k + 3)));
  const [r] = b.call('un_popcnt_i32', [vals[5]!], ['i32']);
  let acc = r!;
  for (let k = 0; k < 40; k++) acc = b.binary(k % 2 ? 'xor' : 'add', 'i32', b.binary('shl', 'i32', acc, b.iconst('i32', 1)), vals[k]!);
  b.ret([acc]);
  return b.finish();
}

function switchCase(dense: boolean, ty: Ty): Function {
  const b = new FunctionBuilder(`switch_${dense ? 'dense' : 'sparse'}_${ty}`, [ty], ['i32']);
  const [x] = b.fn.params;
  const values = dense ? [0n, 1n, 2n, 3n, 4n, 5n, 6n] : [3n, 100n, 1000n, 65535n, -1n, 0x12345n];
  const join = b.newBlock(['i32']);
  const cases = values.map((v, k) => ({ value: BigInt.asUintN(bits(ty), v), to: { block: join, args: [b.iconst('i32', k * 11 + 1)] } }));
  b.terminate({ op: 'switch', value: x!, ty, cases, default: { block: join, args: [b.iconst('i32', 999)] } });
  b.switchTo(join);
  b.ret([b.blockParams(join)[0]!]);
  return b.finish();
}

/** copy/zero between stack slots of several sizes and alignments, and loads at awkward offsets. */
function memoryCase(): Function {
  const b = new FunctionBuilder('memory', ['i32'], ['i64']);
  const [s] = b.fn.params;
  let acc = b.iconst('i64', 0);
  const mix = (v: Value, ty: Ty) => { acc = b.binary('add', 'i64', b.binary('mul', 'i64', acc, b.iconst('i64', 131)), toI64(b, ty, v)); };
  for (const [size, align] of [[3, 1], [8, 4], [13, 1], [30, 2], [64, 4], [100, 4], [301, 1]] as const) {
    const src = b.slotAddr(b.addSlot(size, align));
    const dst = b.slotAddr(b.addSlot(size, align));
    for (let k = 0; k < size; k++) b.store('i8', src, conv(b, 'trunc', 'i32', 'i8', b.binary('add', 'i32', s!, b.iconst('i32', k * 37))), k);
    b.emit({ op: 'zero', addr: dst, size, align });
    b.emit({ op: 'copy', dst_addr: dst, src_addr: src, size: size - 1, align });
    for (let k = 0; k < size; k += Math.max(1, Math.floor(size / 5))) mix(b.load('i8', dst, k), 'i8');
    mix(b.load('i8', dst, size - 1), 'i8');
  }
  // A big slot: offsets beyond every immediate range, signed narrow loads.
  const big = b.slotAddr(b.addSlot(5000, 8));
  for (const off of [0, 4, 124, 128, 1020, 1024, 4092, 4096, 4996]) {
    b.store('i32', big, b.binary('add', 'i32', s!, b.iconst('i32', off)), off);
    mix(b.load('i32', big, off), 'i32');
    mix(b.load('i16', big, off, true), 'i16');
    mix(conv(b, 'sext', 'i8', 'i32', b.load('i8', big, off + 1, true)), 'i32');
  }
  b.store('i64', big, b.binary('mul', 'i64', conv(b, 'sext', 'i32', 'i64', s!), b.iconst('i64', -3)), 2000);
  mix(b.load('i64', big, 2000), 'i64');
  // Global data through a pointer, with a large offset.
  const g = sym(b, 'gdata');
  b.store('i16', g, conv(b, 'trunc', 'i32', 'i16', s!), 300);
  mix(b.load('i16', g, 300, true), 'i16');
  mix(b.load('i32', sym(b, 'gdata', 8)), 'i32');
  b.ret([acc]);
  return b.finish();
}

/** A call through a function pointer, and recursion. */
function indirectCase(): Function[] {
  const f = new FunctionBuilder('fact', ['i64'], ['i64']);
  const [n] = f.fn.params;
  const base = f.newBlock(), rec = f.newBlock();
  f.branch(f.cmp('ule', 'i64', n!, f.iconst('i64', 1)), { block: base, args: [] }, { block: rec, args: [] });
  f.switchTo(base); f.ret([f.iconst('i64', 1)]);
  f.switchTo(rec);
  const [r] = f.call('fact', [f.binary('sub', 'i64', n!, f.iconst('i64', 1))], ['i64']);
  f.ret([f.binary('mul', 'i64', r!, n!)]);
  const b = new FunctionBuilder('indirect', ['i32'], ['i64']);
  const fp = sym(b, 'fact');
  const dst = b.newValue('i64');
  b.emit({ op: 'callIndirect', dsts: [dst], retTys: ['i64'], callee: fp, args: [conv(b, 'zext', 'i32', 'i64', b.fn.params[0]!)], argTys: ['i64'] });
  b.ret([dst]);
  return [f.finish(), b.finish()];
}

// ---------------------------------------------------------------- random functions

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s % n; };
}

/** Straight-line code over every width with selects, a diamond and a loop; returns a checksum of everything. */
export function randomFunction(seed: number): Function {
  const r = rng(seed);
  const b = new FunctionBuilder(`rand${seed}`, ['i32', 'i32', 'i64'], ['i64']);
  const pools: Record<string, Value[]> = { i8: [], i16: [], i32: [...b.fn.params.slice(0, 2)], i64: [b.fn.params[2]!] };
  const pick = (ty: Ty): Value => {
    const p = pools[ty]!;
    if (p.length === 0 || r(6) === 0) {
      const c = BigInt.asUintN(bits(ty), [0n, 1n, 3n, 255n, 0x80n, 0x1234n, -1n, -2n, 0x7fffffffn, 0x123456789n][r(10)]!);
      return b.iconst(ty, c);
    }
    return p[r(p.length)]!;
  };
  const tyOf = (): Ty => TYS[r(4)]!;
  const ops = 25 + r(25);
  for (let k = 0; k < ops; k++) {
    const ty = tyOf();
    const kind = r(10);
    let v: Value;
    if (kind < 5) {
      const op = BINOPS[r(BINOPS.length)]!;
      let y = pick(ty);
      if (op === 'shl' || op === 'lshr' || op === 'ashr') y = b.binary('and', ty, y, b.iconst(ty, bits(ty) - 1));
      if (op.endsWith('div') || op.endsWith('rem')) y = b.binary('or', ty, y, b.iconst(ty, 1));
      v = b.binary(op, ty, pick(ty), y);
    } else if (kind === 5) v = un(b, (['neg', 'not', 'bswap', 'clz', 'ctz', 'popcnt'] as UnaryOp[])[r(6)]!, ty, pick(ty));
    else if (kind === 6) {
      const c = b.cmp(CMPOPS[r(CMPOPS.length)]!, ty, pick(ty), pick(ty));
      v = sel(b, ty, c, pick(ty), pick(ty));
    } else if (kind === 7) {
      const from = tyOf();
      const src = pick(from);
      if (from === ty) continue;
      v = bits(from) > bits(ty) ? conv(b, 'trunc', from, ty, src) : conv(b, r(2) ? 'sext' : 'zext', from, ty, src);
    } else if (kind === 8) {
      // A diamond with a block parameter.
      const c = b.cmp(CMPOPS[r(CMPOPS.length)]!, ty, pick(ty), pick(ty));
      const t = b.newBlock(), e = b.newBlock(), j = b.newBlock([ty]);
      const x = pick(ty), y = pick(ty);
      b.branch(c, { block: t, args: [] }, { block: e, args: [] });
      b.switchTo(t); b.jump(j, [b.binary('add', ty, x, y)]);
      b.switchTo(e); b.jump(j, [b.binary('xor', ty, x, y)]);
      b.switchTo(j);
      v = b.blockParams(j)[0]!;
    } else {
      // A short loop rotating three values.
      const l = b.newBlock(['i32', ty, ty, ty]), body = b.newBlock(), out = b.newBlock();
      b.jump(l, [b.iconst('i32', 1 + r(5)), pick(ty), pick(ty), pick(ty)]);
      b.switchTo(l);
      const [n, p, q, s] = b.blockParams(l);
      b.branch(b.cmp('ne', 'i32', n!, b.iconst('i32', 0)), { block: body, args: [] }, { block: out, args: [] });
      b.switchTo(body);
      b.jump(l, [b.binary('sub', 'i32', n!, b.iconst('i32', 1)), q!, s!, b.binary('add', ty, p!, q!)]);
      b.switchTo(out);
      v = b.binary('sub', ty, p!, s!);
    }
    pools[ty]!.push(v);
  }
  let acc = b.iconst('i64', 0);
  for (const ty of TYS) for (const v of pools[ty]!) acc = b.binary('add', 'i64', b.binary('mul', 'i64', acc, b.iconst('i64', 1000003)), toI64(b, ty, v));
  b.ret([acc]);
  return b.finish();
}

// ---------------------------------------------------------------- the program

/** What each output line is (function and arguments), for failure messages. */
export const lineInfo: string[] = [];

export function buildProgram(): Module {
  const fns: Function[] = [putFn()];
  const calls: { name: string; args: { ty: Ty; v: bigint }[] }[] = [];
  for (const op of BINOPS) {
    for (const ty of TYS) {
      fns.push(binaryCase(op, ty, null));
      for (const [x, y] of PAIRS) calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: x }, { ty, v: y }] });
      for (const imm of IMMS) {
        fns.push(binaryCase(op, ty, imm));
        calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: 0x1234567890n }, { ty, v: 0n }] });
        calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: -77n }, { ty, v: 0n }] });
      }
    }
  }
  for (const op of CMPOPS) {
    for (const ty of TYS) {
      fns.push(cmpCase(op, ty, null));
      for (const [x, y] of [...PAIRS, [5n, 5n], [-5n, 5n]] as [bigint, bigint][]) calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: x }, { ty, v: y }] });
      for (const imm of [0n, 5n, 255n, 256n, -1n, 0x12345n]) {
        fns.push(cmpCase(op, ty, imm));
        for (const x of [0n, 5n, 256n, -1n, 0x12345n]) calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: x }, { ty, v: 0n }] });
      }
    }
  }
  for (const op of ['neg', 'not', 'clz', 'ctz', 'popcnt', 'bswap'] as UnaryOp[]) {
    for (const ty of TYS) {
      fns.push(unaryCase(op, ty));
      for (const x of [0n, 1n, 0x80n, 0x1234n, -1n, 0x40000000n, 0x123456789abcn]) calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: x }] });
    }
  }
  for (const from of TYS) for (const to of TYS) {
    if (from === to) continue;
    const kinds: ('sext' | 'zext' | 'trunc')[] = bits(from) > bits(to) ? ['trunc'] : ['sext', 'zext'];
    for (const k of kinds) {
      fns.push(convCase(k, from, to));
      for (const x of [0x7fn, 0x80n, 0xffffn, 0x8000n, -3n, 0x1234_5678_9abc_def0n]) calls.push({ name: fns.at(-1)!.name, args: [{ ty: from, v: x }] });
    }
  }
  fns.push(swapLoops());
  calls.push({ name: 'swaps', args: [{ ty: 'i32', v: 7n }, { ty: 'i32', v: 11n }, { ty: 'i32', v: 22n }] });
  calls.push({ name: 'swaps', args: [{ ty: 'i32', v: 90n }, { ty: 'i32', v: 1n }, { ty: 'i32', v: 2n }] });
  fns.push(...manyArgs());
  calls.push({ name: 'call_many', args: [{ ty: 'i32', v: 5n }] });
  fns.push(pressure());
  calls.push({ name: 'pressure', args: [{ ty: 'i32', v: 12345n }] });
  for (const ty of ['i8', 'i16', 'i32', 'i64'] as Ty[]) for (const dense of [true, false]) {
    fns.push(switchCase(dense, ty));
    for (const x of [0n, 3n, 6n, 7n, 100n, 1000n, 65535n, -1n, 0x12345n]) calls.push({ name: fns.at(-1)!.name, args: [{ ty, v: x }] });
  }
  fns.push(memoryCase());
  calls.push({ name: 'memory', args: [{ ty: 'i32', v: 0x5a5a5a5an }] });
  fns.push(...indirectCase());
  calls.push({ name: 'indirect', args: [{ ty: 'i32', v: 20n }] });
  for (let seed = 1; seed <= 60; seed++) {
    fns.push(randomFunction(seed));
    calls.push({ name: `rand${seed}`, args: [{ ty: 'i32', v: BigInt(seed * 7919) }, { ty: 'i32', v: -BigInt(seed) }, { ty: 'i64', v: BigInt(seed) * 0x1_0000_0001n }] });
  }

  // main calls every case (in chunks, so no function gets enormous) and prints every result.
  const byName = new Map(fns.map((f) => [f.name, f]));
  const chunks: Function[] = [];
  for (let c = 0; c * 64 < calls.length; c++) {
    const b = new FunctionBuilder(`chunk${c}`, [], []);
    for (const call of calls.slice(c * 64, c * 64 + 64)) {
      const f = byName.get(call.name)!;
      const args = call.args.map((a) => b.iconst(a.ty, BigInt.asUintN(bits(a.ty), a.v)));
      const res = b.call(f.name, args, f.retTys);
      res.forEach((v, k) => {
        b.call('put', [toI64(b, f.retTys[k]!, v)], []);
        lineInfo.push(`${f.name}(${call.args.map((a) => `${a.ty} ${a.v}`).join(', ')}) result ${k}`);
      });
    }
    b.ret();
    chunks.push(b.finish());
  }
  const start = new FunctionBuilder('__orizon_start', [], [], { exported: true });
  for (const c of chunks) start.call(c.name, [], []);
  start.call('__orizon_exit', [start.iconst('i32', 3)], [], true);
  start.terminate({ op: 'unreachable' });
  const all = [...fns, ...chunks, start.finish()];
  for (const f of all) {
    const errs = verifyFunction(f);
    assert.deepEqual(errs, [], `IR of ${f.name} is invalid`);
  }
  const gdata: DataObject = { name: 'gdata', exported: false, size: 512, align: 4, readonly: false, init: [{ kind: 'bytes', bytes: Uint8Array.from({ length: 512 }, (_, k) => (k * 13) & 0xff) }] };
  const outbuf: DataObject = { name: 'outbuf', exported: false, size: 20, align: 4, readonly: false, init: [] };
  return { functions: all, data: [gdata, outbuf], externs: [{ name: '__orizon_write', kind: 'func' }, { name: '__orizon_exit', kind: 'func' }], interrupts: [] };
}

