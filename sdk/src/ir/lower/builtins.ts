// Built-in integer methods with Rust's exact semantics (wrapping_*, checked_*,
// saturating_*, overflowing_*, pow family, min/max/abs/signum, bit counting,
// rotations, byte order, euclidean division), and the dispatch of every
// other built-in method to methods.ts.
import type { Value } from '../ir.ts';
import type { BuiltinMethod, HirExpr } from '../../check/hir.ts';
import type { Ty } from '../../check/types.ts';
import type { FnLower, Val } from './fn.ts';
import { lowerExpr } from './expr.ts';
import type { Dest } from './control.ts';
import { intTy, addOvf, subOvf, mulOvf, divRem, divOverflows, minOf, maxOf, shiftAmount, type IntTy } from './arith.ts';
import { checkOrPanic, OVERFLOW_MSG } from './panic.ts';
import { lowerOtherBuiltin, makeOption, makeTuple } from './methods.ts';

export function lowerBuiltin(fx: FnLower, name: BuiltinMethod, selfTy: Ty, e: HirExpr & { kind: 'call' }, dest: Dest): Val {
  if (selfTy.kind === 'int') return intMethod(fx, name, intTy(fx, selfTy), e, dest);
  return lowerOtherBuiltin(fx, name, selfTy, e, dest);
}

function intMethod(fx: FnLower, name: BuiltinMethod, it: IntTy, e: HirExpr & { kind: 'call' }, dest: Dest): Val {
  const args = e.args.map((a) => fx.scalar(lowerExpr(fx, a)));
  const a = args[0]!;
  const b = args[1]!;
  const ir = it.ir;
  const k = (x: bigint | number) => fx.c(ir, x);
  const s = (v: Value): Val => ({ k: 's', v });
  const resTy = fx.ty(e.ty);
  const u32 = (v: Value): Val => s(fx.resize(ir, 'i32', false, v));
  switch (name) {
    case 'wrapping_add': return s(fx.bin('add', ir, a, b));
    case 'wrapping_sub': return s(fx.bin('sub', ir, a, b));
    case 'wrapping_mul': return s(fx.bin('mul', ir, a, b));
    case 'wrapping_div': case 'wrapping_rem': {
      checkOrPanic(fx, fx.cmp('eq', ir, b, k(0)), name === 'wrapping_div' ? OVERFLOW_MSG.div0 : OVERFLOW_MSG.rem0, e.span);
      const d = it.signed ? fx.select(ir, divOverflows(fx, it, a, b), k(1), b) : b;
      const kind = name === 'wrapping_div' ? (it.signed ? 'sdiv' : 'udiv') : (it.signed ? 'srem' : 'urem');
      return s(fx.bin(kind, ir, a, d));
    }
    case 'wrapping_neg': return s(fx.un('neg', ir, a));
    case 'wrapping_shl': case 'wrapping_shr': {
      const amt = shiftAmount(fx, it, b, { ir: 'i32', signed: false, bits: 32 }, 'mask', 'shl', null);
      return s(fx.bin(name === 'wrapping_shl' ? 'shl' : it.signed ? 'ashr' : 'lshr', ir, a, amt));
    }
    case 'checked_add': case 'checked_sub': case 'checked_mul': {
      const r = name === 'checked_add' ? addOvf(fx, it, a, b) : name === 'checked_sub' ? subOvf(fx, it, a, b) : mulOvf(fx, it, a, b);
      return makeOption(fx, resTy, fx.bin('xor', 'i8', r.ovf, fx.c('i8', 1)), s(r.r), dest);
    }
    case 'checked_div': case 'checked_rem': {
      let bad = fx.cmp('eq', ir, b, k(0));
      if (it.signed) bad = fx.bin('or', 'i8', bad, divOverflows(fx, it, a, b));
      const d = fx.select(ir, bad, k(1), b);
      const kind = name === 'checked_div' ? (it.signed ? 'sdiv' : 'udiv') : (it.signed ? 'srem' : 'urem');
      return makeOption(fx, resTy, fx.bin('xor', 'i8', bad, fx.c('i8', 1)), s(fx.bin(kind, ir, a, d)), dest);
    }
    case 'checked_neg': {
      const ok = it.signed ? fx.cmp('ne', ir, a, k(minOf(it))) : fx.cmp('eq', ir, a, k(0));
      return makeOption(fx, resTy, ok, s(fx.un('neg', ir, a)), dest);
    }
    case 'checked_shl': case 'checked_shr': {
      const ok = fx.cmp('ult', 'i32', b, fx.c('i32', it.bits));
      const amt = fx.resize('i32', ir, false, fx.bin('and', 'i32', b, fx.c('i32', it.bits - 1)));
      return makeOption(fx, resTy, ok, s(fx.bin(name === 'checked_shl' ? 'shl' : it.signed ? 'ashr' : 'lshr', ir, a, amt)), dest);
    }
    case 'saturating_add': case 'saturating_sub': case 'saturating_mul': {
      const r = name === 'saturating_add' ? addOvf(fx, it, a, b) : name === 'saturating_sub' ? subOvf(fx, it, a, b) : mulOvf(fx, it, a, b);
      let sat: Value;
      if (!it.signed) sat = k(name === 'saturating_sub' ? 0n : maxOf(it));
      else {
        const neg = name === 'saturating_mul' ? fx.cmp('slt', ir, fx.bin('xor', ir, a, b), k(0)) : fx.cmp('slt', ir, b, k(0));
        const lowIfNeg = name === 'saturating_sub' ? [k(maxOf(it)), k(minOf(it))] : [k(minOf(it)), k(maxOf(it))];
        sat = fx.select(ir, neg, lowIfNeg[0]!, lowIfNeg[1]!);
      }
      return s(fx.select(ir, r.ovf, sat, r.r));
    }
    case 'overflowing_add': case 'overflowing_sub': case 'overflowing_mul': {
      const r = name === 'overflowing_add' ? addOvf(fx, it, a, b) : name === 'overflowing_sub' ? subOvf(fx, it, a, b) : mulOvf(fx, it, a, b);
      return makeTuple(fx, resTy, [s(r.r), s(r.ovf)], dest);
    }
    case 'pow': case 'wrapping_pow': case 'checked_pow': case 'saturating_pow': return pow(fx, name, it, a, b, resTy, e, dest);
    case 'min': return s(fx.select(ir, fx.cmp(it.signed ? 'slt' : 'ult', ir, b, a), b, a));
    case 'max': return s(fx.select(ir, fx.cmp(it.signed ? 'sgt' : 'ugt', ir, b, a), b, a));
    case 'abs': {
      if (fx.m.opts.debug) checkOrPanic(fx, fx.cmp('eq', ir, a, k(minOf(it))), OVERFLOW_MSG.neg, e.span);
      return s(fx.select(ir, fx.cmp('slt', ir, a, k(0)), fx.un('neg', ir, a), a));
    }
    case 'signum': {
      const pos = fx.resize('i8', ir, false, fx.cmp('sgt', ir, a, k(0)));
      const neg = fx.resize('i8', ir, false, fx.cmp('slt', ir, a, k(0)));
      return s(fx.bin('sub', ir, pos, neg));
    }
    case 'is_positive': return s(fx.cmp('sgt', ir, a, k(0)));
    case 'is_negative': return s(fx.cmp('slt', ir, a, k(0)));
    case 'count_ones': return u32(fx.un('popcnt', ir, a));
    case 'count_zeros': return u32(fx.bin('sub', ir, k(it.bits), fx.un('popcnt', ir, a)));
    case 'leading_zeros': return u32(fx.un('clz', ir, a));
    case 'trailing_zeros': return u32(fx.un('ctz', ir, a));
    case 'leading_ones': return u32(fx.un('clz', ir, fx.un('not', ir, a)));
    case 'trailing_ones': return u32(fx.un('ctz', ir, fx.un('not', ir, a)));
    case 'rotate_left': case 'rotate_right': {
      const n = fx.resize('i32', ir, false, fx.bin('and', 'i32', b, fx.c('i32', it.bits - 1)));
      const m = fx.bin('and', ir, fx.bin('sub', ir, k(it.bits), n), k(it.bits - 1));
      const [l, r] = name === 'rotate_left' ? [n, m] : [m, n];
      return s(fx.bin('or', ir, fx.bin('shl', ir, a, l), fx.bin('lshr', ir, a, r)));
    }
    case 'swap_bytes': case 'to_be': case 'from_be': return s(it.bits === 8 ? a : fx.un('bswap', ir, a));
    case 'to_le': case 'from_le': return s(a);
    case 'reverse_bits': return s(reverseBits(fx, it, a));
    case 'is_power_of_two':
      return s(fx.bin('and', 'i8', fx.cmp('ne', ir, a, k(0)), fx.cmp('eq', ir, fx.bin('and', ir, a, fx.bin('sub', ir, a, k(1))), k(0))));
    case 'abs_diff': {
      const gt = fx.cmp(it.signed ? 'sgt' : 'ugt', ir, a, b);
      return s(fx.select(ir, gt, fx.bin('sub', ir, a, b), fx.bin('sub', ir, b, a)));
    }
    case 'rem_euclid': {
      const r = divRem(fx, 'rem', it, a, b, e.span);
      if (!it.signed) return s(r);
      const adj = fx.select(ir, fx.cmp('slt', ir, b, k(0)), fx.bin('sub', ir, r, b), fx.bin('add', ir, r, b));
      return s(fx.select(ir, fx.cmp('slt', ir, r, k(0)), adj, r));
    }
    case 'div_euclid': {
      const q = divRem(fx, 'div', it, a, b, e.span);
      if (!it.signed) return s(q);
      const r = fx.bin('srem', ir, a, fx.select(ir, divOverflows(fx, it, a, b), k(1), b));
      const adj = fx.select(ir, fx.cmp('sgt', ir, b, k(0)), fx.bin('sub', ir, q, k(1)), fx.bin('add', ir, q, k(1)));
      return s(fx.select(ir, fx.cmp('slt', ir, r, k(0)), adj, q));
    }
    default:
      return lowerOtherBuiltin(fx, name, fx.ty(e.args[0]!.ty), e, dest, args.map((v) => ({ k: 's', v })));
  }
}

function reverseBits(fx: FnLower, it: IntTy, a: Value): Value {
  const ir = it.ir;
  const mask = (pattern: bigint) => {
    let m = 0n;
    for (let i = 0; i < it.bits / 8; i++) m = (m << 8n) | pattern;
    return fx.c(ir, m);
  };
  let x = a;
  for (const [sh, pat] of [[1, 0x55n], [2, 0x33n], [4, 0x0fn]] as const) {
    const m = mask(pat);
    const amt = fx.c(ir, sh);
    x = fx.bin('or', ir, fx.bin('and', ir, fx.bin('lshr', ir, x, amt), m), fx.bin('shl', ir, fx.bin('and', ir, x, m), amt));
  }
  return it.bits === 8 ? x : fx.un('bswap', ir, x);
}

/**
 * The pow family, as Rust computes it (square-and-multiply that returns right
 * after the last needed multiplication, so no spurious overflow):
 *   if exp == 0 { return 1 } acc = 1; loop { if exp & 1 { acc *= base; if exp == 1 { return acc } } exp /= 2; base *= base }
 */
function pow(fx: FnLower, name: 'pow' | 'wrapping_pow' | 'checked_pow' | 'saturating_pow', it: IntTy, base0: Value, exp0: Value, resTy: Ty, e: HirExpr, dest: Dest): Val {
  const ir = it.ir;
  const k = (x: bigint | number) => fx.c(ir, x);
  const panics = name === 'pow' && fx.m.opts.debug;
  const wraps = name === 'wrapping_pow' || (name === 'pow' && !fx.m.opts.debug);
  // Loop state: (base, acc, exp, overflowed)
  const head = fx.b.newBlock([ir, ir, 'i32', 'i8']);
  const done = fx.b.newBlock([ir, 'i8']);
  const isZero = fx.cmp('eq', 'i32', exp0, fx.c('i32', 0));
  const start = fx.b.newBlock();
  fx.b.branch(isZero, { block: done, args: [k(1), fx.c('i8', 0)] }, { block: start, args: [] });
  fx.b.switchTo(start);
  fx.b.jump(head, [base0, k(1), exp0, fx.c('i8', 0)]);
  fx.b.switchTo(head);
  const [base, acc, exp, ovf] = fx.b.blockParams(head) as [Value, Value, Value, Value];
  const mul = (x: Value, y: Value, ovfIn: Value): [Value, Value] => {
    if (wraps) return [fx.bin('mul', ir, x, y), ovfIn];
    const r = mulOvf(fx, it, x, y);
    if (panics) { checkOrPanic(fx, r.ovf, OVERFLOW_MSG.mul, e.span); return [r.r, ovfIn]; }
    return [r.r, fx.bin('or', 'i8', ovfIn, r.ovf)];
  };
  const odd = fx.cmp('ne', 'i32', fx.bin('and', 'i32', exp, fx.c('i32', 1)), fx.c('i32', 0));
  const mulB = fx.b.newBlock();
  const square = fx.b.newBlock([ir, 'i8']);
  fx.b.branch(odd, { block: mulB, args: [] }, { block: square, args: [acc, ovf] });
  fx.b.switchTo(mulB);
  const [acc2, ovf2] = mul(acc, base, ovf);
  const last = fx.cmp('eq', 'i32', exp, fx.c('i32', 1));
  fx.b.branch(last, { block: done, args: [acc2, ovf2] }, { block: square, args: [acc2, ovf2] });
  fx.b.switchTo(square);
  const [acc3, ovf3] = fx.b.blockParams(square) as [Value, Value];
  const [base2, ovf4] = mul(base, base, ovf3);
  fx.b.jump(head, [base2, acc3, fx.bin('lshr', 'i32', exp, fx.c('i32', 1)), ovf4]);
  fx.b.switchTo(done);
  const [r, o] = fx.b.blockParams(done) as [Value, Value];
  if (name === 'checked_pow') return makeOption(fx, resTy, fx.bin('xor', 'i8', o, fx.c('i8', 1)), { k: 's', v: r }, dest);
  if (name === 'saturating_pow') {
    let sat = k(maxOf(it));
    if (it.signed) {
      const negResult = fx.bin('and', 'i8', fx.cmp('slt', ir, base0, k(0)), fx.conv('trunc', 'i32', 'i8', fx.bin('and', 'i32', exp0, fx.c('i32', 1))));
      sat = fx.select(ir, negResult, k(minOf(it)), sat);
    }
    return { k: 's', v: fx.select(ir, o, sat, r) };
  }
  return { k: 's', v: r };
}
