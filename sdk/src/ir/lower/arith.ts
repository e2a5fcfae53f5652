// Integer arithmetic with Rust's semantics: overflow checks on + - * and
// negation in debug builds (wrapping in release), division and remainder
// checks always, shift-amount checks (debug) or masking (release), and `as`
// casts with Rust's truncation and sign/zero extension.
//
// Overflow detection without flags: unsigned add overflows iff r <u a;
// signed add iff (a^r)&(b^r) < 0; unsigned sub iff a <u b; signed sub iff
// (a^b)&(a^r) < 0; mul of ≤32-bit values is done in the next wider type and
// range-checked; 64-bit mul asks the runtime (__orizon_mul_ovf_[iu]64).
import type { Ty as IrTy, Value } from '../ir.ts';
import type { HirExpr } from '../../check/hir.ts';
import type { Span } from '../../diag/source.ts';
import { intBits, intSigned, type IntKind, type Ty } from '../../check/types.ts';
import { intIrTy } from '../layout.ts';
import type { FnLower, Val } from './fn.ts';
import { lowerExpr } from './expr.ts';
import { checkOrPanic, OVERFLOW_MSG } from './panic.ts';
import { structuralEq, structuralCmp } from './derive.ts';
import { lowerPlace, memPlace, isPlaceExpr } from './place.ts';

export interface IntTy {
  ir: IrTy;
  signed: boolean;
  bits: number;
}

/** Integer view of an int, bool, char or field-less-enum type. */
export function intTy(fx: FnLower, t: Ty): IntTy {
  switch (t.kind) {
    case 'int': return { ir: intIrTy(t.int), signed: intSigned(t.int), bits: intBits(t.int) };
    case 'bool': return { ir: 'i8', signed: false, bits: 8 };
    case 'char': return { ir: 'i32', signed: false, bits: 32 };
    default: {
      const a = fx.layout(t).abi;
      if (a.kind === 'scalar') return { ir: a.ty, signed: a.signed, bits: a.ty === 'ptr' ? 32 : irBits(a.ty) };
      return fx.err(`internal: ${t.kind} is not an integer type`);
    }
  }
}

export function kindTy(k: IntKind): IntTy {
  return { ir: intIrTy(k), signed: intSigned(k), bits: intBits(k) };
}

function irBits(t: IrTy): number {
  return t === 'i8' ? 8 : t === 'i16' ? 16 : t === 'i64' ? 64 : 32;
}

export function minOf(it: IntTy): bigint {
  return it.signed ? -(1n << BigInt(it.bits - 1)) : 0n;
}

export function maxOf(it: IntTy): bigint {
  return it.signed ? (1n << BigInt(it.bits - 1)) - 1n : (1n << BigInt(it.bits)) - 1n;
}

const wider = (it: IntTy): IrTy => (it.bits <= 16 ? 'i32' : 'i64');

/** a + b with an overflow flag (i8 0/1). */
export function addOvf(fx: FnLower, it: IntTy, a: Value, b: Value): { r: Value; ovf: Value } {
  const r = fx.bin('add', it.ir, a, b);
  if (!it.signed) return { r, ovf: fx.cmp('ult', it.ir, r, a) };
  const t = fx.bin('and', it.ir, fx.bin('xor', it.ir, a, r), fx.bin('xor', it.ir, b, r));
  return { r, ovf: fx.cmp('slt', it.ir, t, fx.c(it.ir, 0)) };
}

export function subOvf(fx: FnLower, it: IntTy, a: Value, b: Value): { r: Value; ovf: Value } {
  const r = fx.bin('sub', it.ir, a, b);
  if (!it.signed) return { r, ovf: fx.cmp('ult', it.ir, a, b) };
  const t = fx.bin('and', it.ir, fx.bin('xor', it.ir, a, b), fx.bin('xor', it.ir, a, r));
  return { r, ovf: fx.cmp('slt', it.ir, t, fx.c(it.ir, 0)) };
}

export function mulOvf(fx: FnLower, it: IntTy, a: Value, b: Value): { r: Value; ovf: Value } {
  if (it.bits === 64) {
    const r = fx.bin('mul', 'i64', a, b);
    const [ovf] = fx.b.call(fx.m.requireRuntime(it.signed ? '__orizon_mul_ovf_i64' : '__orizon_mul_ovf_u64'), [a, b], ['i8']);
    return { r, ovf: ovf! };
  }
  const w = wider(it);
  const ext = it.signed ? 'sext' : 'zext';
  const p = fx.bin('mul', w, fx.conv(ext, it.ir, w, a), fx.conv(ext, it.ir, w, b));
  const r = fx.conv('trunc', w, it.ir, p);
  const back = fx.conv(ext, it.ir, w, r);
  return { r, ovf: fx.cmp('ne', w, back, p) };
}

/** `a op b` for + - *: checked (panics) in debug builds, wrapping in release. */
export function arith(fx: FnLower, op: 'add' | 'sub' | 'mul', it: IntTy, a: Value, b: Value, span: Span): Value {
  if (!fx.m.opts.debug) return fx.bin(op, it.ir, a, b);
  const { r, ovf } = op === 'add' ? addOvf(fx, it, a, b) : op === 'sub' ? subOvf(fx, it, a, b) : mulOvf(fx, it, a, b);
  checkOrPanic(fx, ovf, OVERFLOW_MSG[op], span);
  return r;
}

/** MIN / -1 (signed only): the one overflowing division. */
export function divOverflows(fx: FnLower, it: IntTy, a: Value, b: Value): Value {
  return fx.bin('and', 'i8', fx.cmp('eq', it.ir, a, fx.c(it.ir, minOf(it))), fx.cmp('eq', it.ir, b, fx.c(it.ir, -1)));
}

/** `/` and `%`: division by zero and MIN / -1 panic in every build. */
export function divRem(fx: FnLower, op: 'div' | 'rem', it: IntTy, a: Value, b: Value, span: Span): Value {
  checkOrPanic(fx, fx.cmp('eq', it.ir, b, fx.c(it.ir, 0)), op === 'div' ? OVERFLOW_MSG.div0 : OVERFLOW_MSG.rem0, span);
  if (it.signed) checkOrPanic(fx, divOverflows(fx, it, a, b), op === 'div' ? OVERFLOW_MSG.divOvf : OVERFLOW_MSG.remOvf, span);
  const kind = op === 'div' ? (it.signed ? 'sdiv' : 'udiv') : (it.signed ? 'srem' : 'urem');
  return fx.bin(kind, it.ir, a, b);
}

/** The shift amount `rhs` (of type rt) as a value of the left type: checked in debug, masked in release (`mode` overrides). */
export function shiftAmount(fx: FnLower, it: IntTy, rhs: Value, rt: IntTy, mode: 'check' | 'mask', dir: 'shl' | 'shr', span: Span | null): Value {
  if (mode === 'check') {
    const tooBig = fx.cmp('uge', rt.ir, rhs, fx.c(rt.ir, it.bits));
    checkOrPanic(fx, tooBig, dir === 'shl' ? OVERFLOW_MSG.shl : OVERFLOW_MSG.shr, span);
  } else {
    rhs = fx.bin('and', rt.ir, rhs, fx.c(rt.ir, it.bits - 1));
  }
  return fx.resize(rt.ir, it.ir, false, rhs);
}

export function shift(fx: FnLower, dir: 'shl' | 'shr', it: IntTy, a: Value, rhs: Value, rt: IntTy, span: Span): Value {
  const amt = shiftAmount(fx, it, rhs, rt, fx.m.opts.debug ? 'check' : 'mask', dir, span);
  return fx.bin(dir === 'shl' ? 'shl' : it.signed ? 'ashr' : 'lshr', it.ir, a, amt);
}

const CMP = {
  '==': ['eq', 'eq'], '!=': ['ne', 'ne'], '<': ['slt', 'ult'], '<=': ['sle', 'ule'], '>': ['sgt', 'ugt'], '>=': ['sge', 'uge'],
} as const;

export function isScalarOpTy(t: Ty): boolean {
  return t.kind === 'int' || t.kind === 'bool' || t.kind === 'char';
}

export function lowerBinary(fx: FnLower, e: HirExpr & { kind: 'binary' }): Val {
  const op = e.op;
  if (op === '&&' || op === '||') return shortCircuit(fx, e);
  const opTy = fx.ty(e.opTy);
  if (!isScalarOpTy(opTy)) return nonIntBinary(fx, e, opTy);
  const it = intTy(fx, opTy);
  const a = fx.scalar(lowerExpr(fx, e.left));
  const bv = fx.scalar(lowerExpr(fx, e.right));
  return { k: 's', v: scalarBinary(fx, op, it, a, bv, fx.ty(e.right.ty), e.span) };
}

/** A binary operator on integer/bool/char operands. `rightTy` matters for shifts only. */
export function scalarBinary(fx: FnLower, op: string, it: IntTy, a: Value, b: Value, rightTy: Ty, span: Span): Value {
  switch (op) {
    case '+': return arith(fx, 'add', it, a, b, span);
    case '-': return arith(fx, 'sub', it, a, b, span);
    case '*': return arith(fx, 'mul', it, a, b, span);
    case '/': return divRem(fx, 'div', it, a, b, span);
    case '%': return divRem(fx, 'rem', it, a, b, span);
    case '&': return fx.bin('and', it.ir, a, b);
    case '|': return fx.bin('or', it.ir, a, b);
    case '^': return fx.bin('xor', it.ir, a, b);
    case '<<': case '>>': return shift(fx, op === '<<' ? 'shl' : 'shr', it, a, b, intTy(fx, rightTy), span);
    case '==': case '!=': case '<': case '<=': case '>': case '>=': {
      const [s, u] = CMP[op];
      return fx.cmp(it.signed ? s : u, it.ir, a, b);
    }
  }
  return fx.err(`internal: binary operator ${op}`, span);
}

function shortCircuit(fx: FnLower, e: HirExpr & { kind: 'binary' }): Val {
  const a = fx.scalar(lowerExpr(fx, e.left));
  const rhs = fx.b.newBlock();
  const join = fx.b.newBlock(['i8']);
  const [res] = fx.b.blockParams(join);
  if (e.op === '&&') fx.b.branch(a, { block: rhs, args: [] }, { block: join, args: [a] });
  else fx.b.branch(a, { block: join, args: [a] }, { block: rhs, args: [] });
  fx.b.switchTo(rhs);
  const bv = fx.scalar(lowerExpr(fx, e.right));
  fx.b.jump(join, [bv]);
  fx.b.switchTo(join);
  return { k: 's', v: res! };
}

/** Comparisons of pointers, fn pointers and aggregates (structural, by PartialEq/PartialOrd). */
function nonIntBinary(fx: FnLower, e: HirExpr & { kind: 'binary' }, opTy: Ty): Val {
  const a0 = fx.layout(opTy).abi;
  if ((opTy.kind === 'ptr' || opTy.kind === 'fnPtr') && (a0.kind === 'scalar' || a0.kind === 'pair')) {
    const l = lowerExpr(fx, e.left);
    const r = lowerExpr(fx, e.right);
    const [s, u] = CMP[e.op as keyof typeof CMP] ?? fx.err(`internal: operator ${e.op} on pointers`, e.span);
    void s;
    if (l.k === 'p' && r.k === 'p') {
      // Fat pointers: compare (addr, len) lexicographically.
      const eqA = fx.cmp('eq', 'ptr', l.a, r.a);
      if (e.op === '==' || e.op === '!=') {
        const both = fx.bin('and', 'i8', eqA, fx.cmp('eq', 'i32', l.b, r.b));
        return { k: 's', v: e.op === '==' ? both : fx.bin('xor', 'i8', both, fx.c('i8', 1)) };
      }
      return { k: 's', v: fx.select('i8', eqA, fx.cmp(u, 'i32', l.b, r.b), fx.cmp(u, 'ptr', l.a, r.a)) };
    }
    return { k: 's', v: fx.cmp(u, 'ptr', fx.scalar(l), fx.scalar(r)) };
  }
  const pa = operandPlace(fx, e.left);
  const pb = operandPlace(fx, e.right);
  if (e.op === '==' || e.op === '!=') {
    const eq = structuralEq(fx, opTy, pa, pb);
    return { k: 's', v: e.op === '==' ? eq : fx.bin('xor', 'i8', eq, fx.c('i8', 1)) };
  }
  // Ordering: cmp gives -1/0/1 as i8.
  const c = structuralCmp(fx, opTy, pa, pb);
  const zero = fx.c('i8', 0);
  const k = e.op === '<' ? 'slt' : e.op === '<=' ? 'sle' : e.op === '>' ? 'sgt' : 'sge';
  return { k: 's', v: fx.cmp(k, 'i8', c, zero) };
}

/** An operand of a structural comparison, as an address (+ length for unsized). */
export function operandPlace(fx: FnLower, e: HirExpr): { addr: Value; len: Value | null; val: Val } {
  if (isPlaceExpr(e)) {
    const p = memPlace(fx, lowerPlace(fx, e));
    return { addr: fx.offset(p.addr, p.off), len: p.len, val: fx.layout(p.ty).abi.kind === 'mem' || p.len ? { k: 'none' } : fx.loadVal(p.addr, p.off, p.ty) };
  }
  const t = fx.ty(e.ty);
  const v = lowerExpr(fx, e);
  const s = fx.spill(v, t);
  return { addr: fx.offset(s.addr, s.off), len: null, val: v };
}

export function lowerUnary(fx: FnLower, e: HirExpr & { kind: 'unary' }): Val {
  const t = fx.ty(e.ty);
  if (e.op === 'neg' && e.operand.kind === 'lit' && e.operand.value.kind === 'int') {
    // `-128i8` is a negative literal in Rust, not a run-time negation.
    return { k: 's', v: fx.c(intTy(fx, t).ir, -e.operand.value.value) };
  }
  const v = fx.scalar(lowerExpr(fx, e.operand));
  if (e.op === 'not') {
    if (t.kind === 'bool') return { k: 's', v: fx.bin('xor', 'i8', v, fx.c('i8', 1)) };
    return { k: 's', v: fx.un('not', intTy(fx, t).ir, v) };
  }
  const it = intTy(fx, t);
  if (fx.m.opts.debug && it.signed) checkOrPanic(fx, fx.cmp('eq', it.ir, v, fx.c(it.ir, minOf(it))), OVERFLOW_MSG.neg, e.span);
  return { k: 's', v: fx.un('neg', it.ir, v) };
}

/** `x as T` for every CastKind. */
export function lowerCast(fx: FnLower, e: HirExpr & { kind: 'cast' }): Val {
  const to = fx.ty(e.ty);
  const from = fx.ty(e.operand.ty);
  const v = lowerExpr(fx, e.operand);
  switch (e.cast) {
    case 'identity': case 'refToPtr': case 'fnToPtr': case 'arrayRefToPtr':
      return v;
    case 'ptrToPtr': {
      const toAbi = fx.layout(to).abi;
      if (v.k === 'p' && toAbi.kind === 'scalar') return { k: 's', v: v.a };
      return v;
    }
    case 'int': case 'boolToInt': case 'charToInt': case 'u8ToChar': {
      const a = intTy(fx, from), b = intTy(fx, to);
      return { k: 's', v: fx.resize(a.ir, b.ir, a.signed, fx.scalar(v)) };
    }
    case 'enumToInt': {
      const l = fx.layout(from);
      const tag = l.tag ?? fx.err('internal: enum cast of a non-enum', e.span);
      const raw = v.k === 's' ? v.v : fx.b.load(tag.ty, fx.memAddr(v), 0, tag.signed);
      return { k: 's', v: fx.resize(tag.ty, intTy(fx, to).ir, tag.signed, raw) };
    }
    case 'ptrToInt': case 'fnToInt': {
      const p = v.k === 'p' ? v.a : fx.scalar(v);
      const asInt = fx.conv('zext', 'ptr', 'i32', p);
      return { k: 's', v: fx.resize('i32', intTy(fx, to).ir, false, asInt) };
    }
    case 'intToPtr': {
      const a = intTy(fx, from);
      const w = fx.resize(a.ir, 'i32', a.signed, fx.scalar(v));
      return { k: 's', v: fx.conv('zext', 'i32', 'ptr', w) };
    }
  }
  return fx.err(`internal: cast kind ${e.cast as string}`, e.span);
}
