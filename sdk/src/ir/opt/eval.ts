// Exact integer evaluation of the IR's pure operations on constants, shared by
// constant folding (sccp.ts) and the algebraic simplifier (simplify.ts).
//
// Constants are bigints. On input any representative is accepted (the lowering
// writes `const.i32 -4` and `const.i32 4294967292` alike); results are
// normalised to the type's unsigned range [0, 2^bits), exactly as the IR
// interpreter (interp.ts) holds values. `ptr` is 32 bits on every target.
//
// Operations the IR leaves undefined are never folded (null is returned):
// division or remainder by zero and shifts by at least the width. The lowering
// guards them with a panic; folding them would hide a trap that the program
// never reaches anyway, and leaving them keeps the evaluator honest.
import type { BinaryOp, CmpOp, ConvOp, Ty, UnaryOp } from '../ir.ts';
import { tyBits } from '../ir.ts';

export const bitsOf = (ty: Ty): number => tyBits(ty, 32);

/** `x` reduced to the unsigned range of `ty`. */
export function norm(ty: Ty, x: bigint): bigint {
  return BigInt.asUintN(bitsOf(ty), x);
}

/** `x` read as a signed number of `ty`. */
export function sgn(ty: Ty, x: bigint): bigint {
  return BigInt.asIntN(bitsOf(ty), x);
}

/** The immediate written into a `const` instruction: signed, as the lowering writes them (readable IR). */
export function constImm(ty: Ty, x: bigint): bigint {
  return sgn(ty, x);
}

export function foldBinary(kind: BinaryOp, ty: Ty, a0: bigint, b0: bigint): bigint | null {
  const bits = bitsOf(ty);
  const a = norm(ty, a0), b = norm(ty, b0);
  switch (kind) {
    case 'add': return norm(ty, a + b);
    case 'sub': return norm(ty, a - b);
    case 'mul': return norm(ty, a * b);
    case 'and': return a & b;
    case 'or': return a | b;
    case 'xor': return a ^ b;
    case 'udiv': return b === 0n ? null : a / b;
    case 'urem': return b === 0n ? null : a % b;
    // BigInt division truncates toward zero, as Rust's and the targets' do.
    // MIN / -1 wraps to MIN (the lowering panics before it in every build).
    case 'sdiv': return b === 0n ? null : norm(ty, sgn(ty, a) / sgn(ty, b));
    case 'srem': return b === 0n ? null : norm(ty, sgn(ty, a) % sgn(ty, b));
    case 'shl': return b >= BigInt(bits) ? null : norm(ty, a << b);
    case 'lshr': return b >= BigInt(bits) ? null : a >> b;
    case 'ashr': return b >= BigInt(bits) ? null : norm(ty, sgn(ty, a) >> b);
  }
}

export function foldUnary(kind: UnaryOp, ty: Ty, a0: bigint): bigint {
  const bits = bitsOf(ty);
  const a = norm(ty, a0);
  switch (kind) {
    case 'neg': return norm(ty, -a);
    case 'not': return norm(ty, ~a);
    case 'clz': {
      let n = 0;
      for (let k = bits - 1; k >= 0 && ((a >> BigInt(k)) & 1n) === 0n; k--) n++;
      return BigInt(n);
    }
    case 'ctz': {
      if (a === 0n) return BigInt(bits);
      let n = 0;
      while (((a >> BigInt(n)) & 1n) === 0n) n++;
      return BigInt(n);
    }
    case 'popcnt': {
      let n = 0n;
      for (let x = a; x; x >>= 1n) n += x & 1n;
      return n;
    }
    case 'bswap': {
      let r = 0n;
      const bytes = bits / 8;
      for (let k = 0; k < bytes; k++) r |= ((a >> BigInt(8 * k)) & 0xffn) << BigInt(8 * (bytes - 1 - k));
      return r;
    }
  }
}

export function foldCmp(kind: CmpOp, ty: Ty, a0: bigint, b0: bigint): boolean {
  const signed = kind[0] === 's';
  const a = signed ? sgn(ty, a0) : norm(ty, a0);
  const b = signed ? sgn(ty, b0) : norm(ty, b0);
  switch (kind) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'slt': case 'ult': return a < b;
    case 'sle': case 'ule': return a <= b;
    case 'sgt': case 'ugt': return a > b;
    case 'sge': case 'uge': return a >= b;
  }
}

export function foldConv(kind: ConvOp, from: Ty, to: Ty, a: bigint): bigint {
  return norm(to, kind === 'sext' ? sgn(from, a) : norm(from, a));
}

/** log2 of a power of two (as an unsigned value of `ty`), else -1. */
export function log2Exact(ty: Ty, x0: bigint): number {
  const x = norm(ty, x0);
  if (x === 0n || (x & (x - 1n)) !== 0n) return -1;
  let k = 0;
  while ((1n << BigInt(k)) !== x) k++;
  return k;
}

/** The comparison that is true exactly when `kind` is false. */
export function invertCmp(kind: CmpOp): CmpOp {
  const inv: Record<CmpOp, CmpOp> = { eq: 'ne', ne: 'eq', slt: 'sge', sge: 'slt', sle: 'sgt', sgt: 'sle', ult: 'uge', uge: 'ult', ule: 'ugt', ugt: 'ule' };
  return inv[kind];
}

/** The comparison with its operands swapped (`a < b` ⇔ `b > a`). */
export function swapCmp(kind: CmpOp): CmpOp {
  const sw: Record<CmpOp, CmpOp> = { eq: 'eq', ne: 'ne', slt: 'sgt', sgt: 'slt', sle: 'sge', sge: 'sle', ult: 'ugt', ugt: 'ult', ule: 'uge', uge: 'ule' };
  return sw[kind];
}

/** Smallest and largest value of `ty` under a signed or unsigned reading. */
export function range(ty: Ty, signed: boolean): [bigint, bigint] {
  const bits = BigInt(bitsOf(ty));
  return signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}
