// Integer arithmetic, comparisons, conversions and select for RV32.
//
// 32-bit and narrower values use the base ISA directly, folding constants into
// 12-bit immediates (`addi`, `andi`, `slti`, `slli`...). Narrow values are
// extended only where their upper bits would be observed (see isel.ts).
// Without the M extension, multiplication and division call the libgcc-named
// helpers of the runtime (`__mulsi3`, `__divsi3`...). clz/ctz/popcount/bswap
// have no instruction in RV32IMAC and call helpers too.
//
// i64 values are register pairs:
//   add  lo = al + bl; carry = lo <u al; hi = ah + bh + carry
//   sub  lo = al - bl; borrow = al <u bl; hi = ah - bh - borrow
//   mul  lo = mul al,bl; hi = mulhu al,bl + al*bh + ah*bl  (M), else __muldi3
//   div/rem, variable shifts → __divdi3, __ashldi3, ... (runtime.ts)
//   compare  high words decide unless equal, then the low words unsigned.
import type { CmpOp, Inst, Ty, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import { ZERO } from './abi.ts';
import type { Selector } from './isel.ts';
import { type BranchMn, EXT_S, EXT_Z, fitsImm12, signedConst, unsignedConst } from './isel-inst.ts';
import { callHelper } from './isel-call.ts';

type Binary = Extract<Inst, { op: 'binary' }>;
type Unary = Extract<Inst, { op: 'unary' }>;
type Cmp = Extract<Inst, { op: 'cmp' }>;
type Conv = Extract<Inst, { op: 'conv' }>;
type Select = Extract<Inst, { op: 'select' }>;

const bitsOf = (ty: Ty): number => (ty === 'i8' ? 8 : ty === 'i16' ? 16 : ty === 'i64' ? 64 : 32);
const narrow = (ty: Ty): boolean => ty === 'i8' || ty === 'i16';

/** log2 of a positive power of two, else -1. */
function log2(c: bigint, bits: number): number {
  const u = BigInt.asUintN(bits, c);
  if (u === 0n || (u & (u - 1n)) !== 0n) return -1;
  return u.toString(2).length - 1;
}

export function selectAlu(s: Selector, i: Inst): void {
  const folded = fold(s, i);
  if (folded !== undefined) {
    // Every operand is a constant: so is the result, selected at its uses.
    const ty: Ty = i.op === 'cmp' ? 'i8' : (i as { ty: Ty }).ty;
    s.lazy.set((i as { dst: Value }).dst, { op: 'const', dst: (i as { dst: Value }).dst, ty, imm: folded });
    return;
  }
  switch (i.op) {
    case 'binary': return i.ty === 'i64' ? binary64(s, i) : binary32(s, i);
    case 'unary': return i.ty === 'i64' ? unary64(s, i) : unary32(s, i);
    case 'cmp': return s.define(i.dst, [i.ty === 'i64' ? cmp64(s, i) : cmp32(s, i)], EXT_Z | EXT_S);
    case 'conv': return conv(s, i);
    case 'select': return select(s, i);
    default: throw new Error(`internal: selectAlu(${i.op})`);
  }
}

// ---------------------------------------------------------------- 32-bit

function binary32(s: Selector, i: Binary): void {
  const { kind, ty, a, b, dst } = i;
  const bits = bitsOf(ty);
  const def = (r: Reg, ext = 0) => s.define(dst, [r], ext);
  let ca = s.constOf(a);
  let cb = s.constOf(b);
  let [x, y] = [a, b];
  const commutative = kind === 'add' || kind === 'mul' || kind === 'and' || kind === 'or' || kind === 'xor';
  if (commutative && cb === undefined && ca !== undefined) {
    [x, y] = [b, a];
    [ca, cb] = [cb, ca];
  }
  const extOf = (v: Value) => (s.constOf(v) !== undefined ? EXT_S : s.ext.get(v) ?? 0);
  switch (kind) {
    case 'add': case 'sub': {
      if (cb !== undefined) {
        const n = signedConst(ty, cb) * (kind === 'sub' ? -1 : 1);
        if (n === 0) return def(s.reg(x), extOf(x));
        if (fitsImm12(n)) return def(s.opi('addi', s.reg(x), n));
      }
      if (kind === 'sub' && ca === 0n) return def(s.op('neg', [s.reg(y)]));
      return def(s.op(kind, [s.reg(x), s.reg(y)]));
    }
    case 'mul': {
      if (cb !== undefined) {
        const k = log2(cb, bits);
        if (BigInt.asUintN(bits, cb) === 0n) return def(ZERO, EXT_Z | EXT_S);
        if (k === 0) return def(s.reg(x), extOf(x));
        if (k > 0) return def(s.opi('slli', s.reg(x), k));
      }
      if (s.hasM) return def(s.op('mul', [s.reg(x), s.reg(y)]));
      return def(callHelper(s, '__mulsi3', [s.reg(x), s.reg(y)], 1)[0]!);
    }
    case 'and': case 'or': case 'xor': {
      const mn = kind + 'i';
      if (cb !== undefined) {
        const u = unsignedConst(ty, cb), n = signedConst(ty, cb);
        // andi with a non-negative mask leaves the upper bits zero.
        // A non-negative mask keeps the bits above the width of x (and: clears them);
        // a negative one (sign bit of the width set) sets or flips them all.
        if (fitsImm12(u)) return def(s.opi(mn, s.reg(x), u), kind === 'and' ? EXT_Z : extOf(x) & EXT_Z);
        if (fitsImm12(n)) return def(s.opi(mn, s.reg(x), n), kind === 'and' ? extOf(x) : kind === 'or' ? EXT_S : extOf(x) & EXT_S);
      }
      const ext = kind === 'and' ? (extOf(x) | extOf(y)) & EXT_Z : extOf(x) & extOf(y);
      return def(s.op(kind, [s.reg(x), s.reg(y)]), ext);
    }
    case 'shl': {
      if (cb !== undefined) {
        const n = Number(BigInt.asUintN(32, cb)) & 31;
        return def(n === 0 ? s.reg(x) : s.opi('slli', s.reg(x), n), n === 0 ? extOf(x) : 0);
      }
      return def(s.op('sll', [s.reg(x), s.reg(y)]));
    }
    case 'lshr': case 'ashr': {
      const z = kind === 'lshr';
      if (cb !== undefined) {
        const n = Number(BigInt.asUintN(32, cb)) & 31;
        if (narrow(ty) && !((s.ext.get(x) ?? 0) & (z ? EXT_Z : EXT_S)) && s.constOf(x) === undefined) {
          // Extend and shift in two instructions: slli 24; srli/srai 24+n.
          const up = 32 - bits;
          return def(s.opi(z ? 'srli' : 'srai', s.opi('slli', s.reg(x), up), up + n), z ? EXT_Z : EXT_S);
        }
        const r = s.regExt(x, z ? 'z' : 's');
        return def(n === 0 ? r : s.opi(z ? 'srli' : 'srai', r, n), z ? EXT_Z : EXT_S);
      }
      return def(s.op(z ? 'srl' : 'sra', [s.regExt(x, z ? 'z' : 's'), s.reg(y)]), z ? EXT_Z : EXT_S);
    }
    case 'udiv': case 'urem': {
      const k = cb !== undefined ? log2(cb, bits) : -1;
      const r = s.regExt(x, 'z');
      if (k >= 0 && kind === 'udiv') return def(k === 0 ? r : s.opi('srli', r, k), EXT_Z);
      if (k >= 0 && fitsImm12(2 ** k - 1)) return def(s.opi('andi', r, 2 ** k - 1), EXT_Z);
      const q = s.regExt(y, 'z');
      if (s.hasM) return def(s.op(kind === 'udiv' ? 'divu' : 'remu', [r, q]), EXT_Z);
      return def(callHelper(s, kind === 'udiv' ? '__udivsi3' : '__umodsi3', [r, q], 1)[0]!, EXT_Z);
    }
    case 'sdiv': case 'srem': {
      const [r, q] = [s.regExt(x, 's'), s.regExt(y, 's')];
      const ext = kind === 'srem' ? EXT_S : 0;
      if (s.hasM) return def(s.op(kind === 'sdiv' ? 'div' : 'rem', [r, q]), ext);
      return def(callHelper(s, kind === 'sdiv' ? '__divsi3' : '__modsi3', [r, q], 1)[0]!, ext);
    }
  }
}

function unary32(s: Selector, i: Unary): void {
  const { kind, ty, a, dst } = i;
  const bits = bitsOf(ty);
  const def = (r: Reg, ext = 0) => s.define(dst, [r], ext);
  switch (kind) {
    case 'neg': return def(s.op('neg', [s.reg(a)]));
    case 'not': return def(s.op('not', [s.reg(a)]));
    case 'clz': {
      const r = callHelper(s, '__clzsi2', [s.regExt(a, 'z')], 1)[0]!;
      return def(bits === 32 ? r : s.opi('addi', r, bits - 32), EXT_Z);
    }
    case 'ctz': {
      // A bit just above the width makes ctz(0) = width.
      let r = s.reg(a);
      if (bits === 8) r = s.opi('ori', r, 0x100);
      if (bits === 16) r = s.op('or', [r, s.li(0x10000)]);
      return def(callHelper(s, '__ctzsi2', [r], 1)[0]!, EXT_Z);
    }
    case 'popcnt': return def(callHelper(s, '__popcountsi2', [s.regExt(a, 'z')], 1)[0]!, EXT_Z);
    case 'bswap': {
      if (bits === 8) return def(s.reg(a), s.ext.get(a) ?? 0);
      const r = callHelper(s, '__bswapsi2', [s.reg(a)], 1)[0]!;
      return def(bits === 16 ? s.opi('srli', r, 16) : r, bits === 16 ? EXT_Z : 0);
    }
  }
}

/** Result register of a 32-bit (or narrower) comparison, 0 or 1. */
function cmp32(s: Selector, i: Cmp): Reg {
  const { kind, ty } = i;
  const signed = kind[0] === 's';
  const get = (v: Value) => s.regExt(v, signed ? 's' : 'z');
  const constImm = (v: Value): number | undefined => {
    const c = s.constOf(v);
    return c === undefined ? undefined : signed ? signedConst(ty, c) : unsignedConst(ty, c);
  };
  const cb = constImm(i.b);
  switch (kind) {
    case 'eq': case 'ne': {
      const ca = constImm(i.a);
      const [x, c] = cb === undefined && ca !== undefined ? [i.b, ca] : [i.a, cb];
      const other = x === i.a ? i.b : i.a;
      let diff: Reg;
      if (c === 0) diff = get(x);
      else if (c !== undefined && fitsImm12(-(c | 0))) diff = s.opi('addi', get(x), -(c | 0));
      else diff = s.op('xor', [get(x), get(other)]);
      return s.op(kind === 'eq' ? 'seqz' : 'snez', [diff]);
    }
    default: {
      const slt = signed ? 'slt' : 'sltu';
      const slti = signed ? 'slti' : 'sltiu';
      // a < b, a > b = b < a, a <= b = !(b < a) or a < b+1, a >= b = !(a < b).
      const immOk = (c: number | undefined): c is number => c !== undefined && fitsImm12(c) && (signed || c >= 0);
      switch (kind.slice(1)) {
        case 'lt':
          if (immOk(cb)) return s.opi(slti, get(i.a), cb);
          return s.op(slt, [get(i.a), get(i.b)]);
        case 'gt': return s.op(slt, [get(i.b), get(i.a)]);
        case 'le':
          if (immOk(cb) && immOk(cb + 1)) return s.opi(slti, get(i.a), cb + 1);
          return s.opi('xori', s.op(slt, [get(i.b), get(i.a)]), 1);
        default: // ge
          if (immOk(cb)) return s.opi('xori', s.opi(slti, get(i.a), cb), 1);
          return s.opi('xori', s.op(slt, [get(i.a), get(i.b)]), 1);
      }
    }
  }
}

/** Branches to `then` when the comparison holds, else to `els` (ends the block). */
export function condBranch(s: Selector, i: Cmp, then: number, els: number): void {
  const { kind, ty } = i;
  const signed = kind[0] === 's';
  if (ty !== 'i64') {
    const a = s.regExt(i.a, signed ? 's' : 'z');
    const b = s.regExt(i.b, signed ? 's' : 'z');
    const lt: BranchMn = signed ? 'blt' : 'bltu', ge: BranchMn = signed ? 'bge' : 'bgeu';
    switch (kind) {
      case 'eq': return s.branch('beq', a, b, then, els);
      case 'ne': return s.branch('bne', a, b, then, els);
      case 'slt': case 'ult': return s.branch(lt, a, b, then, els);
      case 'sge': case 'uge': return s.branch(ge, a, b, then, els);
      case 'sgt': case 'ugt': return s.branch(lt, b, a, then, els);
      default: return s.branch(ge, b, a, then, els); // sle, ule
    }
  }
  const [al, ah] = s.pair(i.a);
  const [bl, bh] = s.pair(i.b);
  if (kind === 'eq') return s.branchChain([{ mn: 'bne', a: ah, b: bh, to: els }, { mn: 'beq', a: al, b: bl, to: then }], els);
  if (kind === 'ne') return s.branchChain([{ mn: 'bne', a: ah, b: bh, to: then }, { mn: 'bne', a: al, b: bl, to: then }], els);
  // Ordered: normalise to x < y or x <= y.
  const swap = kind.endsWith('gt') || kind.endsWith('ge');
  const strict = kind.endsWith('lt') || kind.endsWith('gt');
  const [xl, xh, yl, yh] = swap ? [bl, bh, al, ah] : [al, ah, bl, bh];
  s.branchChain([
    { mn: signed ? 'blt' : 'bltu', a: xh, b: yh, to: then },
    { mn: 'bne', a: xh, b: yh, to: els },
    strict ? { mn: 'bltu', a: xl, b: yl, to: then } : { mn: 'bgeu', a: yl, b: xl, to: then },
  ], els);
}

// ---------------------------------------------------------------- 64-bit

function binary64(s: Selector, i: Binary): void {
  const { kind, a, b, dst } = i;
  const def = (lo: Reg, hi: Reg) => s.define(dst, [lo, hi]);
  const [al, ah] = s.pair(a);
  const cb = s.constOf(b);
  switch (kind) {
    case 'add': {
      const [bl, bh] = s.pair(b);
      if (bl === ZERO) return def(al, add(s, ah, bh));
      const lo = s.op('add', [al, bl]);
      const carry = s.op('sltu', [lo, al]);
      return def(lo, add(s, add(s, ah, bh), carry));
    }
    case 'sub': {
      const [bl, bh] = s.pair(b);
      if (bl === ZERO) return def(al, bh === ZERO ? ah : s.op('sub', [ah, bh]));
      const borrow = s.op('sltu', [al, bl]);
      const lo = s.op('sub', [al, bl]);
      const hi = bh === ZERO ? ah : s.op('sub', [ah, bh]);
      return def(lo, s.op('sub', [hi, borrow]));
    }
    case 'and': case 'or': case 'xor': {
      const [bl, bh] = s.pair(b);
      const half = (x: Reg, y: Reg): Reg => {
        if (x === ZERO || y === ZERO) return kind === 'and' ? ZERO : x === ZERO ? y : x;
        return s.op(kind, [x, y]);
      };
      return def(half(al, bl), half(ah, bh));
    }
    case 'mul': {
      const [bl, bh] = s.pair(b);
      if (!s.hasM) {
        const [lo, hi] = callHelper(s, '__muldi3', [al, ah, bl, bh], 2);
        return def(lo!, hi!);
      }
      const lo = s.op('mul', [al, bl]);
      const h = s.op('mulhu', [al, bl]);
      const c1 = s.op('mul', [al, bh]);
      const c2 = s.op('mul', [ah, bl]);
      return def(lo, s.op('add', [s.op('add', [h, c1]), c2]));
    }
    case 'shl': case 'lshr': case 'ashr': {
      if (cb !== undefined) return shift64Const(s, kind, al, ah, Number(BigInt.asUintN(6, cb)), def);
      const helper = kind === 'shl' ? '__ashldi3' : kind === 'lshr' ? '__lshrdi3' : '__ashrdi3';
      const [lo, hi] = callHelper(s, helper, [al, ah, s.pair(b)[0]], 2);
      return def(lo!, hi!);
    }
    default: {
      const helper = { sdiv: '__divdi3', udiv: '__udivdi3', srem: '__moddi3', urem: '__umoddi3' }[kind];
      const [bl, bh] = s.pair(b);
      const [lo, hi] = callHelper(s, helper, [al, ah, bl, bh], 2);
      return def(lo!, hi!);
    }
  }
}

/** x + y, nothing when one is x0. */
function add(s: Selector, x: Reg, y: Reg): Reg {
  return y === ZERO ? x : x === ZERO ? y : s.op('add', [x, y]);
}

function shift64Const(s: Selector, kind: 'shl' | 'lshr' | 'ashr', al: Reg, ah: Reg, n: number, def: (lo: Reg, hi: Reg) => void): void {
  if (n === 0) return def(al, ah);
  if (kind === 'shl') {
    if (n >= 32) return def(ZERO, n === 32 ? al : s.opi('slli', al, n - 32));
    const hi = s.op('or', [s.opi('slli', ah, n), s.opi('srli', al, 32 - n)]);
    return def(s.opi('slli', al, n), hi);
  }
  const sr = kind === 'lshr' ? 'srli' : 'srai';
  if (n >= 32) {
    const lo = n === 32 ? ah : s.opi(sr, ah, n - 32);
    return def(lo, kind === 'lshr' ? ZERO : s.opi('srai', ah, 31));
  }
  const lo = s.op('or', [s.opi('srli', al, n), s.opi('slli', ah, 32 - n)]);
  return def(lo, s.opi(sr, ah, n));
}

function unary64(s: Selector, i: Unary): void {
  const [al, ah] = s.pair(i.a);
  const def = (lo: Reg, hi: Reg) => s.define(i.dst, [lo, hi]);
  switch (i.kind) {
    case 'neg': {
      const borrow = s.op('snez', [al]);
      return def(s.op('neg', [al]), s.op('sub', [s.op('neg', [ah]), borrow]));
    }
    case 'not': return def(s.op('not', [al]), s.op('not', [ah]));
    case 'clz': return def(callHelper(s, '__clzdi2', [al, ah], 1)[0]!, ZERO);
    case 'ctz': return def(callHelper(s, '__ctzdi2', [al, ah], 1)[0]!, ZERO);
    case 'popcnt': return def(callHelper(s, '__popcountdi2', [al, ah], 1)[0]!, ZERO);
    case 'bswap': {
      const [lo, hi] = callHelper(s, '__bswapdi2', [al, ah], 2);
      return def(lo!, hi!);
    }
  }
}

/** 0/1 register for an i64 comparison. */
function cmp64(s: Selector, i: Cmp): Reg {
  const [al, ah] = s.pair(i.a);
  const [bl, bh] = s.pair(i.b);
  const kind: CmpOp = i.kind;
  if (kind === 'eq' || kind === 'ne') {
    const diff = s.op('or', [s.op('xor', [al, bl]), s.op('xor', [ah, bh])]);
    return s.op(kind === 'eq' ? 'seqz' : 'snez', [diff]);
  }
  const signed = kind[0] === 's';
  const swap = kind.endsWith('gt') || kind.endsWith('le');
  const [xl, xh, yl, yh] = swap ? [bl, bh, al, ah] : [al, ah, bl, bh];
  // x < y  =  (xh < yh) | (xh == yh & xl <u yl)
  const hiLt = s.op(signed ? 'slt' : 'sltu', [xh, yh]);
  const hiEq = s.op('seqz', [s.op('xor', [xh, yh])]);
  const loLt = s.op('sltu', [xl, yl]);
  const lt = s.op('or', [hiLt, s.op('and', [hiEq, loLt])]);
  // le = !(y < x), ge = !(x < y)
  return kind.endsWith('le') || kind.endsWith('ge') ? s.opi('xori', lt, 1) : lt;
}

// ---------------------------------------------------------------- conversions, select

function conv(s: Selector, i: Conv): void {
  const { kind, from, to, a, dst } = i;
  const fb = bitsOf(from), tb = bitsOf(to);
  const c = s.constOf(a);
  if (c !== undefined) {
    // Fold: the result is a constant too, selected at its uses.
    const signedFrom = kind === 'sext' ? BigInt.asIntN(fb, c) : BigInt.asUintN(fb, c);
    s.lazy.set(dst, { op: 'const', dst, ty: to, imm: BigInt.asUintN(tb, signedFrom) });
    return;
  }
  if (tb === 64) {
    if (fb === 64) return s.define(dst, s.pair(a));
    if (kind === 'sext') {
      const lo = s.regExt(a, 's');
      return s.define(dst, [lo, s.opi('srai', lo, 31)]);
    }
    return s.define(dst, [s.regExt(a, 'z'), ZERO]);
  }
  if (fb === 64) return s.define(dst, [s.pair(a)[0]]);
  if (tb < fb || kind === 'trunc') {
    const ext = tb === fb ? s.ext.get(a) ?? 0 : 0;
    return s.define(dst, [s.reg(a)], ext);
  }
  if (kind === 'sext') return s.define(dst, [s.regExt(a, 's')], EXT_S);
  return s.define(dst, [s.regExt(a, 'z')], EXT_Z);
}

function select(s: Selector, i: Select): void {
  const { cond, a, b, dst } = i;
  const cc = s.constOf(cond);
  if (cc !== undefined || a === b) {
    const v = cc === undefined || BigInt.asUintN(8, cc) !== 0n ? a : b;
    return s.define(dst, s.regs(v), s.ext.get(v) ?? 0);
  }
  const c = s.regExt(cond, 'z');
  // mask = -c (all ones when c = 1): d = b ^ ((a ^ b) & mask); with b = 0,
  // d = a & mask; with a = 0, d = b & (c - 1).
  let mask: Reg | undefined, inv: Reg | undefined;
  const m = () => (mask ??= s.op('neg', [c]));
  const mi = () => (inv ??= s.opi('addi', c, -1));
  const ca = s.constOf(a), cb = s.constOf(b);
  if (i.ty !== 'i64' && ca !== undefined && cb !== undefined) {
    const mask = m();
    // Two constants: (a ^ b) is one too.
    const [x, y] = [signedConst(i.ty, ca), signedConst(i.ty, cb)];
    const t = fitsImm12(x ^ y) ? s.opi('andi', mask, x ^ y) : s.op('and', [mask, s.li(x ^ y)]);
    return s.define(dst, [fitsImm12(y) ? s.opi('xori', t, y) : s.op('xor', [t, s.li(y)])]);
  }
  const xs = s.regs(a), ys = s.regs(b);
  const words = xs.map((x, k) => {
    const y = ys[k]!;
    if (x === y) return x;
    if (y === ZERO) return s.op('and', [x, m()]);
    if (x === ZERO) return s.op('and', [y, mi()]);
    return s.op('xor', [s.op('and', [s.op('xor', [x, y]), m()]), y]);
  });
  const ext = i.ty === 'i64' ? 0 : (s.ext.get(a) ?? 0) & (s.ext.get(b) ?? 0);
  s.define(dst, words, ext);
}

// ---------------------------------------------------------------- constant folding

/**
 * The value of an instruction whose operands are all constants (IR
 * semantics, as the interpreter computes them), or undefined. Release builds
 * fold most of these before; debug builds and range loops leave plenty.
 */
export function fold(s: Selector, i: Inst): bigint | undefined {
  switch (i.op) {
    case 'binary': {
      const a = s.constOf(i.a), b = s.constOf(i.b);
      return a === undefined || b === undefined ? undefined : foldBinary(i.kind, i.ty, a, b);
    }
    case 'cmp': {
      const a = s.constOf(i.a), b = s.constOf(i.b);
      return a === undefined || b === undefined ? undefined : foldCmp(i.kind, i.ty, a, b) ? 1n : 0n;
    }
    case 'unary': {
      const a = s.constOf(i.a);
      if (a === undefined) return undefined;
      const bits = bitsOf(i.ty), u = BigInt.asUintN(bits, a);
      switch (i.kind) {
        case 'neg': return BigInt.asUintN(bits, -u);
        case 'not': return BigInt.asUintN(bits, ~u);
        default: return undefined; // bit counts: left to the helpers
      }
    }
    case 'select': {
      const c = s.constOf(i.cond), a = s.constOf(i.a), b = s.constOf(i.b);
      if (c === undefined) return undefined;
      return BigInt.asUintN(8, c) !== 0n ? a : b;
    }
    default: return undefined;
  }
}

function foldBinary(kind: Binary['kind'], ty: Ty, a: bigint, b: bigint): bigint | undefined {
  const bits = bitsOf(ty);
  const ua = BigInt.asUintN(bits, a), ub = BigInt.asUintN(bits, b);
  const sa = BigInt.asIntN(bits, a), sb = BigInt.asIntN(bits, b);
  const n = (x: bigint) => BigInt.asUintN(bits, x);
  switch (kind) {
    case 'add': return n(ua + ub);
    case 'sub': return n(ua - ub);
    case 'mul': return n(ua * ub);
    case 'and': return ua & ub;
    case 'or': return ua | ub;
    case 'xor': return ua ^ ub;
    case 'shl': return ub < BigInt(bits) ? n(ua << ub) : undefined;
    case 'lshr': return ub < BigInt(bits) ? ua >> ub : undefined;
    case 'ashr': return ub < BigInt(bits) ? n(sa >> ub) : undefined;
    case 'udiv': return ub === 0n ? undefined : ua / ub;
    case 'urem': return ub === 0n ? undefined : ua % ub;
    case 'sdiv': return sb === 0n ? undefined : n(sa / sb);
    case 'srem': return sb === 0n ? undefined : n(sa % sb);
  }
}

function foldCmp(kind: CmpOp, ty: Ty, a: bigint, b: bigint): boolean {
  const bits = bitsOf(ty);
  const signed = kind[0] === 's';
  const x = signed ? BigInt.asIntN(bits, a) : BigInt.asUintN(bits, a);
  const y = signed ? BigInt.asIntN(bits, b) : BigInt.asUintN(bits, b);
  switch (kind) {
    case 'eq': return x === y;
    case 'ne': return x !== y;
    case 'slt': case 'ult': return x < y;
    case 'sle': case 'ule': return x <= y;
    case 'sgt': case 'ugt': return x > y;
    default: return x >= y;
  }
}
