// Runtime helpers the Thumb code generator calls, written as IR and compiled
// by this back end (so one definition serves every profile, and the IR
// interpreter can check them):
//
//   __aeabi_uidiv(n, d) → q             __aeabi_uidivmod(n, d) → (q, r)
//   __aeabi_idiv(n, d) → q              __aeabi_idivmod(n, d) → (q, r)
//   __aeabi_uldivmod(n, d) → (q, r)     __aeabi_ldivmod(n, d) → (q, r)   (i64)
//   __aeabi_lmul(a, b) → a·b (i64)      __aeabi_llsl / llsr / lasr(x: i64, n) → i64
//   __aeabi_memcpy(d, s, n), __aeabi_memcpy4, __aeabi_memclr(d, n), __aeabi_memclr4
//   __orizon_clz32 / ctz32 / popcount32 (i32 → i32), *64 (i64 → i32)
//
// Names and register conventions are the ARM run-time ABI's (RTABI), so C
// objects compiled by GCC find the same helpers. The callers guarantee a
// non-zero divisor and shift amounts below the width. None of these helpers
// may use an operation that itself becomes a helper call on ARMv6-M (division,
// i64 multiply or variable i64 shifts): they are built from 32-bit operations.
import type { Function, Inst, Module, Ty, Value } from '../../ir/ir.ts';
import { FunctionBuilder } from '../../ir/builder.ts';
import type { Profile } from './profile.ts';

type B = FunctionBuilder;

function def(name: string, params: Ty[], rets: Ty[], body: (b: B, p: Value[]) => void): Function {
  const b = new FunctionBuilder(name, params, rets, { exported: true });
  body(b, b.fn.params);
  return b.finish();
}

const sel = (b: B, ty: Ty, cond: Value, x: Value, y: Value): Value => {
  const dst = b.newValue(ty);
  b.emit({ op: 'select', dst, ty, cond, a: x, b: y });
  return dst;
};
const conv = (b: B, kind: 'sext' | 'zext' | 'trunc', from: Ty, to: Ty, a: Value): Value => {
  const dst = b.newValue(to);
  b.emit({ op: 'conv', kind, dst, from, to, a });
  return dst;
};
const un = (b: B, kind: Extract<Inst, { op: 'unary' }>['kind'], ty: Ty, a: Value): Value => {
  const dst = b.newValue(ty);
  b.emit({ op: 'unary', kind, dst, ty, a });
  return dst;
};
const c32 = (b: B, v: number) => b.iconst('i32', v >>> 0);
const lo = (b: B, x: Value) => conv(b, 'trunc', 'i64', 'i32', x);
const hi = (b: B, x: Value) => conv(b, 'trunc', 'i64', 'i32', b.binary('lshr', 'i64', x, b.iconst('i64', 32)));
const pair = (b: B, l: Value, h: Value) =>
  b.binary('or', 'i64', conv(b, 'zext', 'i32', 'i64', l), b.binary('shl', 'i64', conv(b, 'zext', 'i32', 'i64', h), b.iconst('i64', 32)));

/** Restoring division, one quotient bit per iteration, numerator shifted out at the top. */
function udivmod(b: B, ty: 'i32' | 'i64', n: Value, d: Value): void {
  const bits = ty === 'i32' ? 32 : 64;
  const k = (v: number | bigint) => b.iconst(ty, v);
  const loop = b.newBlock([ty, 'i32', ty, ty]); // (n, i, q, r)
  const body = b.newBlock();
  const done = b.newBlock();
  const small = b.newBlock();
  // n < d: q = 0, r = n.
  b.branch(b.cmp('ult', ty, n, d), { block: small, args: [] }, { block: loop, args: [n, c32(b, bits), k(0), k(0)] });
  b.switchTo(small);
  b.ret([k(0), n]);
  const [ln, li, lq, lr] = b.blockParams(loop);
  b.switchTo(loop);
  b.branch(b.cmp('ne', 'i32', li!, c32(b, 0)), { block: body, args: [] }, { block: done, args: [] });
  b.switchTo(body);
  const top = b.binary('lshr', ty, lr!, k(bits - 1));          // bit shifted out of r
  const bit = b.binary('lshr', ty, ln!, k(bits - 1));          // next numerator bit
  const r1 = b.binary('or', ty, b.binary('shl', ty, lr!, k(1)), bit);
  const ge = b.binary('or', 'i8', b.cmp('ne', ty, top, k(0)), b.cmp('uge', ty, r1, d));
  const r2 = sel(b, ty, ge, b.binary('sub', ty, r1, d), r1);
  const q1 = b.binary('or', ty, b.binary('shl', ty, lq!, k(1)), conv(b, 'zext', 'i8', ty, ge));
  b.jump(loop, [b.binary('shl', ty, ln!, k(1)), b.binary('sub', 'i32', li!, c32(b, 1)), q1, r2]);
  b.switchTo(done);
  b.ret([lq!, lr!]);
}

/** Signed division through the unsigned one: quotient negative when signs differ, remainder takes n's sign. */
function sdivmod(b: B, ty: 'i32' | 'i64', n: Value, d: Value, unsignedFn: string, want: 'q' | 'r' | 'qr'): void {
  const zero = b.iconst(ty, 0);
  const nn = b.cmp('slt', ty, n, zero), dn = b.cmp('slt', ty, d, zero);
  const un1 = sel(b, ty, nn, un(b, 'neg', ty, n), n);
  const ud = sel(b, ty, dn, un(b, 'neg', ty, d), d);
  const [q, r] = b.call(unsignedFn, [un1, ud], [ty, ty]);
  const qs = sel(b, ty, b.cmp('ne', 'i8', nn, dn), un(b, 'neg', ty, q!), q!);
  const rs = sel(b, ty, nn, un(b, 'neg', ty, r!), r!);
  b.ret(want === 'q' ? [qs] : want === 'r' ? [rs] : [qs, rs]);
}

function uldivmod(b: B, n: Value, d: Value): void {
  // Both fit 32 bits: the (much shorter) 32-bit loop.
  const fast = b.newBlock();
  const slow = b.newBlock();
  const both = b.binary('or', 'i32', hi(b, n), hi(b, d));
  b.branch(b.cmp('eq', 'i32', both, c32(b, 0)), { block: fast, args: [] }, { block: slow, args: [] });
  b.switchTo(fast);
  const [q, r] = b.call('__aeabi_uidivmod', [lo(b, n), lo(b, d)], ['i32', 'i32']);
  b.ret([conv(b, 'zext', 'i32', 'i64', q!), conv(b, 'zext', 'i32', 'i64', r!)]);
  b.switchTo(slow);
  udivmod(b, 'i64', n, d);
}

/** 64-bit product from 16-bit pieces (ARMv6-M has only a 32×32→32 multiply). */
function lmul(b: B, x: Value, y: Value): void {
  const al = lo(b, x), ah = hi(b, x), bl = lo(b, y), bh = hi(b, y);
  const m16 = c32(b, 0xffff), s16 = c32(b, 16);
  const a0 = b.binary('and', 'i32', al, m16), a1 = b.binary('lshr', 'i32', al, s16);
  const b0 = b.binary('and', 'i32', bl, m16), b1 = b.binary('lshr', 'i32', bl, s16);
  const p00 = b.binary('mul', 'i32', a0, b0), p01 = b.binary('mul', 'i32', a0, b1);
  const p10 = b.binary('mul', 'i32', a1, b0), p11 = b.binary('mul', 'i32', a1, b1);
  const mid = b.binary('add', 'i32', p01, p10);
  const midc = conv(b, 'zext', 'i8', 'i32', b.cmp('ult', 'i32', mid, p01));
  const low = b.binary('add', 'i32', p00, b.binary('shl', 'i32', mid, s16));
  const c1 = conv(b, 'zext', 'i8', 'i32', b.cmp('ult', 'i32', low, p00));
  let high = b.binary('add', 'i32', p11, b.binary('lshr', 'i32', mid, s16));
  high = b.binary('add', 'i32', high, b.binary('shl', 'i32', midc, s16));
  high = b.binary('add', 'i32', high, c1);
  high = b.binary('add', 'i32', high, b.binary('mul', 'i32', al, bh));
  high = b.binary('add', 'i32', high, b.binary('mul', 'i32', ah, bl));
  b.ret([pair(b, low, high)]);
}

/** Variable 64-bit shifts from 32-bit ones: three cases, n = 0, n < 32, n ≥ 32. */
function lshift(b: B, kind: 'shl' | 'lshr' | 'ashr', x: Value, n: Value): void {
  const l = lo(b, x), h = hi(b, x);
  const zeroB = b.newBlock(), bigB = b.newBlock(), smallB = b.newBlock(), notZero = b.newBlock();
  b.branch(b.cmp('eq', 'i32', n, c32(b, 0)), { block: zeroB, args: [] }, { block: notZero, args: [] });
  b.switchTo(zeroB);
  b.ret([x]);
  b.switchTo(notZero);
  b.branch(b.cmp('uge', 'i32', n, c32(b, 32)), { block: bigB, args: [] }, { block: smallB, args: [] });
  b.switchTo(bigB);
  const m = b.binary('sub', 'i32', n, c32(b, 32));
  if (kind === 'shl') b.ret([pair(b, c32(b, 0), b.binary('shl', 'i32', l, m))]);
  else if (kind === 'lshr') b.ret([pair(b, b.binary('lshr', 'i32', h, m), c32(b, 0))]);
  else b.ret([pair(b, b.binary('ashr', 'i32', h, m), b.binary('ashr', 'i32', h, c32(b, 31)))]);
  b.switchTo(smallB);
  const inv = b.binary('sub', 'i32', c32(b, 32), n);
  if (kind === 'shl') {
    b.ret([pair(b, b.binary('shl', 'i32', l, n), b.binary('or', 'i32', b.binary('shl', 'i32', h, n), b.binary('lshr', 'i32', l, inv)))]);
  } else {
    const nl = b.binary('or', 'i32', b.binary('lshr', 'i32', l, n), b.binary('shl', 'i32', h, inv));
    b.ret([pair(b, nl, b.binary(kind, 'i32', h, n))]);
  }
}

/** Byte or word loops; `words` copies 4 bytes at a time first (4-aligned pointers). */
function memLoop(b: B, dst: Value, src: Value | null, n: Value, words: boolean): void {
  const one = c32(b, 1), four = c32(b, 4);
  const wordLoop = b.newBlock(['ptr', 'ptr', 'i32']);
  const wordBody = b.newBlock();
  const byteLoop = b.newBlock(['ptr', 'ptr', 'i32']);
  const byteBody = b.newBlock();
  const done = b.newBlock();
  const s0 = src ?? dst;
  if (words) b.jump(wordLoop, [dst, s0, n]);
  else b.jump(byteLoop, [dst, s0, n]);
  {
    const [d, s, k] = b.blockParams(wordLoop);
    b.switchTo(wordLoop);
    b.branch(b.cmp('uge', 'i32', k!, four), { block: wordBody, args: [] }, { block: byteLoop, args: [d!, s!, k!] });
    b.switchTo(wordBody);
    const v = src === null ? c32(b, 0) : b.load('i32', s!);
    b.store('i32', d!, v);
    b.jump(wordLoop, [b.binary('add', 'ptr', d!, four), b.binary('add', 'ptr', s!, four), b.binary('sub', 'i32', k!, four)]);
  }
  {
    const [d, s, k] = b.blockParams(byteLoop);
    b.switchTo(byteLoop);
    b.branch(b.cmp('ne', 'i32', k!, c32(b, 0)), { block: byteBody, args: [] }, { block: done, args: [] });
    b.switchTo(byteBody);
    const v = src === null ? b.iconst('i8', 0) : b.load('i8', s!);
    b.store('i8', d!, v);
    b.jump(byteLoop, [b.binary('add', 'ptr', d!, one), b.binary('add', 'ptr', s!, one), b.binary('sub', 'i32', k!, one)]);
  }
  b.switchTo(done);
  b.ret([]);
}

/** Leading zeros by binary search (x ≠ 0 after the first test). */
function clz32(b: B, x0: Value): void {
  const zero = b.newBlock(), nz = b.newBlock();
  b.branch(b.cmp('eq', 'i32', x0, c32(b, 0)), { block: zero, args: [] }, { block: nz, args: [] });
  b.switchTo(zero);
  b.ret([c32(b, 32)]);
  b.switchTo(nz);
  let x = x0, n = c32(b, 0);
  for (const [limit, sh] of [[0xffff, 16], [0xffffff, 8], [0xfffffff, 4], [0x3fffffff, 2], [0x7fffffff, 1]] as const) {
    const small = b.cmp('ule', 'i32', x, c32(b, limit));
    n = sel(b, 'i32', small, b.binary('add', 'i32', n, c32(b, sh)), n);
    x = sel(b, 'i32', small, b.binary('shl', 'i32', x, c32(b, sh)), x);
  }
  b.ret([n]);
}

function popcount32(b: B, x: Value): Value {
  const k = (v: number) => c32(b, v);
  let v = b.binary('sub', 'i32', x, b.binary('and', 'i32', b.binary('lshr', 'i32', x, k(1)), k(0x55555555)));
  v = b.binary('add', 'i32', b.binary('and', 'i32', v, k(0x33333333)), b.binary('and', 'i32', b.binary('lshr', 'i32', v, k(2)), k(0x33333333)));
  v = b.binary('and', 'i32', b.binary('add', 'i32', v, b.binary('lshr', 'i32', v, k(4))), k(0x0f0f0f0f));
  return b.binary('lshr', 'i32', b.binary('mul', 'i32', v, k(0x01010101)), k(24));
}

export function helperFunctions(): Function[] {
  return [
    def('__aeabi_uidivmod', ['i32', 'i32'], ['i32', 'i32'], (b, [n, d]) => udivmod(b, 'i32', n!, d!)),
    def('__aeabi_uidiv', ['i32', 'i32'], ['i32'], (b, [n, d]) => { b.ret([b.call('__aeabi_uidivmod', [n!, d!], ['i32', 'i32'])[0]!]); }),
    def('__aeabi_idivmod', ['i32', 'i32'], ['i32', 'i32'], (b, [n, d]) => sdivmod(b, 'i32', n!, d!, '__aeabi_uidivmod', 'qr')),
    def('__aeabi_idiv', ['i32', 'i32'], ['i32'], (b, [n, d]) => sdivmod(b, 'i32', n!, d!, '__aeabi_uidivmod', 'q')),
    def('__aeabi_uldivmod', ['i64', 'i64'], ['i64', 'i64'], (b, [n, d]) => uldivmod(b, n!, d!)),
    def('__aeabi_ldivmod', ['i64', 'i64'], ['i64', 'i64'], (b, [n, d]) => sdivmod(b, 'i64', n!, d!, '__aeabi_uldivmod', 'qr')),
    def('__aeabi_lmul', ['i64', 'i64'], ['i64'], (b, [x, y]) => lmul(b, x!, y!)),
    def('__aeabi_llsl', ['i64', 'i32'], ['i64'], (b, [x, n]) => lshift(b, 'shl', x!, n!)),
    def('__aeabi_llsr', ['i64', 'i32'], ['i64'], (b, [x, n]) => lshift(b, 'lshr', x!, n!)),
    def('__aeabi_lasr', ['i64', 'i32'], ['i64'], (b, [x, n]) => lshift(b, 'ashr', x!, n!)),
    def('__aeabi_memcpy', ['ptr', 'ptr', 'i32'], [], (b, [d, s, n]) => memLoop(b, d!, s!, n!, false)),
    def('__aeabi_memcpy4', ['ptr', 'ptr', 'i32'], [], (b, [d, s, n]) => memLoop(b, d!, s!, n!, true)),
    def('__aeabi_memclr', ['ptr', 'i32'], [], (b, [d, n]) => memLoop(b, d!, null, n!, false)),
    def('__aeabi_memclr4', ['ptr', 'i32'], [], (b, [d, n]) => memLoop(b, d!, null, n!, true)),
    def('__orizon_clz32', ['i32'], ['i32'], (b, [x]) => clz32(b, x!)),
    def('__orizon_ctz32', ['i32'], ['i32'], (b, [x]) => {
      const zero = b.newBlock(), nz = b.newBlock();
      b.branch(b.cmp('eq', 'i32', x!, c32(b, 0)), { block: zero, args: [] }, { block: nz, args: [] });
      b.switchTo(zero);
      b.ret([c32(b, 32)]);
      b.switchTo(nz);
      const low = b.binary('and', 'i32', x!, un(b, 'neg', 'i32', x!));
      const [z] = b.call('__orizon_clz32', [low], ['i32']);
      b.ret([b.binary('sub', 'i32', c32(b, 31), z!)]);
    }),
    def('__orizon_popcount32', ['i32'], ['i32'], (b, [x]) => { b.ret([popcount32(b, x!)]); }),
    def('__orizon_clz64', ['i64'], ['i32'], (b, [x]) => {
      const h = hi(b, x!), l = lo(b, x!);
      const [ch] = b.call('__orizon_clz32', [h], ['i32']);
      const [cl] = b.call('__orizon_clz32', [l], ['i32']);
      b.ret([sel(b, 'i32', b.cmp('ne', 'i32', h, c32(b, 0)), ch!, b.binary('add', 'i32', cl!, c32(b, 32)))]);
    }),
    def('__orizon_ctz64', ['i64'], ['i32'], (b, [x]) => {
      const h = hi(b, x!), l = lo(b, x!);
      const [ch] = b.call('__orizon_ctz32', [h], ['i32']);
      const [cl] = b.call('__orizon_ctz32', [l], ['i32']);
      b.ret([sel(b, 'i32', b.cmp('ne', 'i32', l, c32(b, 0)), cl!, b.binary('add', 'i32', ch!, c32(b, 32)))]);
    }),
    def('__orizon_popcount64', ['i64'], ['i32'], (b, [x]) => { b.ret([b.binary('add', 'i32', popcount32(b, lo(b, x!)), popcount32(b, hi(b, x!)))]); }),
  ];
}

export function helperModule(prof: Profile): Module {
  void prof;
  return { functions: helperFunctions(), data: [], externs: [], interrupts: [] };
}
