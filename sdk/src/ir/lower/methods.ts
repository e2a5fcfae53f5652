// Built-in methods other than integer arithmetic: len/is_empty/as_bytes/
// as_ptr, iterator constructors and `next`, range `contains`, char
// predicates and conversions, and the derived/primitive trait methods called
// as methods (clone, eq/ne, lt/le/gt/ge, cmp, partial_cmp).
import type { Value } from '../ir.ts';
import type { BuiltinMethod, HirExpr } from '../../check/hir.ts';
import { arrayLen, type Ty } from '../../check/types.ts';
import type { FnLower, Val } from './fn.ts';
import { NONE } from './fn.ts';
import { lowerExpr } from './expr.ts';
import type { Dest } from './control.ts';
import { intTy } from './arith.ts';
import { structuralEq, structuralCmp } from './derive.ts';
import { iterNext } from './next.ts';

/** Builds `Some(payload)` when `has`, else `None`, of the Option type `optTy`. */
export function makeOption(fx: FnLower, optTy: Ty, has: Value, payload: Val, dest: Dest): Val {
  if (optTy.kind !== 'adt') return fx.err('internal: Option expected');
  const l = fx.layout(optTy);
  const vs = optTy.def.variants;
  const some = vs.findIndex((v) => v.name === 'Some');
  const none = vs.findIndex((v) => v.name === 'None');
  const tag = l.tag!;
  const addr = dest ? fx.offset(dest.addr, dest.off) : fx.temp(optTy, 'option');
  const t = fx.select(tag.ty, has, fx.c(tag.ty, l.variants![some]!.discriminant), fx.c(tag.ty, l.variants![none]!.discriminant));
  fx.b.store(tag.ty, addr, t, 0);
  const pl = l.variants![some]!;
  fx.storeVal(addr, pl.offsets[0]!, pl.tys[0]!, payload);
  return { k: 'm', addr, off: 0 };
}

export function makeTuple(fx: FnLower, t: Ty, elems: Val[], dest: Dest): Val {
  if (t.kind !== 'tuple') return fx.err('internal: tuple expected');
  const l = fx.layout(t);
  const addr = dest ? fx.offset(dest.addr, dest.off) : fx.temp(t, 'tuple');
  elems.forEach((v, k) => fx.storeVal(addr, l.offsets![k]!, t.elems[k]!, v));
  return { k: 'm', addr, off: 0 };
}

/** Length of a slice/str/array reference value. */
function lenOf(fx: FnLower, v: Val, t: Ty): Value {
  if (v.k === 'p') return v.b;
  const inner = t.kind === 'ref' || t.kind === 'ptr' ? t.inner : t;
  const n = arrayLen(inner);
  if (n !== null) return fx.c('i32', n);
  return fx.err('internal: `len` of a value without a length');
}

export function lowerOtherBuiltin(fx: FnLower, name: BuiltinMethod, selfTy: Ty, e: HirExpr & { kind: 'call' }, dest: Dest, pre?: Val[]): Val {
  const argVals = pre ?? e.args.map((a) => lowerExpr(fx, a));
  const recv = argVals[0]!;
  const recvTy = fx.ty(e.args[0]!.ty);
  const resTy = fx.ty(e.ty);
  const s = (v: Value): Val => ({ k: 's', v });
  switch (name) {
    case 'len': return s(lenOf(fx, recv, recvTy));
    case 'is_empty': return s(fx.cmp('eq', 'i32', lenOf(fx, recv, recvTy), fx.c('i32', 0)));
    case 'as_bytes': return recv;
    case 'as_ptr': case 'as_mut_ptr': return s(recv.k === 'p' ? recv.a : fx.scalar(recv));
    case 'iter': case 'iter_mut': {
      const addr = dest ? fx.offset(dest.addr, dest.off) : fx.temp(resTy, 'iter');
      const ptr = recv.k === 'p' ? recv.a : fx.scalar(recv);
      fx.b.store('ptr', addr, ptr, 0);
      fx.b.store('i32', addr, lenOf(fx, recv, recvTy), 4);
      return { k: 'm', addr, off: 0 };
    }
    case 'into_iter': {
      if (recvTy.kind === 'array') return fx.err('`into_iter()` of an array outside a `for` loop is not supported', e.span);
      return recv;
    }
    case 'rev': return recv;
    case 'enumerate': case 'step_by': {
      const l = fx.layout(resTy);
      const addr = dest ? fx.offset(dest.addr, dest.off) : fx.temp(resTy, name);
      fx.storeVal(addr, l.offsets![0]!, recvTy, recv);
      if (name === 'enumerate') fx.b.store('i32', addr, fx.c('i32', 0), l.offsets![1]!);
      else {
        fx.b.store('i32', addr, fx.scalar(argVals[1]!), l.offsets![1]!);
        fx.b.store('i8', addr, fx.c('i8', 1), l.offsets![2]!);
      }
      return { k: 'm', addr, off: 0 };
    }
    case 'next': {
      const it = recvTy.kind === 'ref' ? recvTy.inner : recvTy;
      const r = iterNext(fx, fx.scalar(recv), it, e.span);
      const addr = dest ? fx.offset(dest.addr, dest.off) : fx.temp(resTy, 'next');
      const yes = fx.b.newBlock();
      const no = fx.b.newBlock();
      const join = fx.b.newBlock();
      fx.b.branch(r.has, { block: yes, args: [] }, { block: no, args: [] });
      fx.b.switchTo(yes);
      makeOption(fx, resTy, fx.c('i8', 1), r.item(), { addr, off: 0 });
      fx.b.jump(join);
      fx.b.switchTo(no);
      const l = fx.layout(resTy);
      const none = (resTy as Ty & { kind: 'adt' }).def.variants.findIndex((v) => v.name === 'None');
      fx.b.store(l.tag!.ty, addr, fx.c(l.tag!.ty, l.variants![none]!.discriminant), 0);
      fx.b.jump(join);
      fx.b.switchTo(join);
      return { k: 'm', addr, off: 0 };
    }
    case 'contains': return s(rangeContains(fx, recv, recvTy, argVals[1]!));
    case 'clone': {
      const inner = recvTy.kind === 'ref' ? recvTy.inner : recvTy;
      if (recvTy.kind !== 'ref') return recv;
      return fx.own(fx.loadVal(fx.scalar(recv), 0, inner), inner);
    }
    case 'eq': case 'ne': {
      const inner = recvTy.kind === 'ref' ? recvTy.inner : recvTy;
      const eq = structuralEq(fx, inner, refOperand(fx, recv), refOperand(fx, argVals[1]!));
      return s(name === 'eq' ? eq : fx.bin('xor', 'i8', eq, fx.c('i8', 1)));
    }
    case 'lt': case 'le': case 'gt': case 'ge': case 'cmp': case 'partial_cmp': {
      const inner = recvTy.kind === 'ref' ? recvTy.inner : recvTy;
      const c = structuralCmp(fx, inner, refOperand(fx, recv), refOperand(fx, argVals[1]!));
      const zero = fx.c('i8', 0);
      switch (name) {
        case 'lt': return s(fx.cmp('slt', 'i8', c, zero));
        case 'le': return s(fx.cmp('sle', 'i8', c, zero));
        case 'gt': return s(fx.cmp('sgt', 'i8', c, zero));
        case 'ge': return s(fx.cmp('sge', 'i8', c, zero));
        case 'cmp': return orderingVal(fx, resTy, c);
        default: {
          const ordTy = resTy.kind === 'adt' ? fx.m.layouts.fieldTys(resTy.def, resTy.args, resTy.def.variants.findIndex((v) => v.name === 'Some'))[0]! : resTy;
          return makeOption(fx, resTy, fx.c('i8', 1), orderingVal(fx, ordTy, c), dest);
        }
      }
    }
    default: break;
  }
  if (selfTy.kind === 'char') return charMethod(fx, name, fx.scalar(recv), argVals, resTy, dest, e);
  return fx.err(`the built-in method \`${name}\` on \`${selfTy.kind}\` is not supported yet`, e.span);
}

/** A reference operand of eq/cmp as an address (+ length when unsized). */
function refOperand(fx: FnLower, v: Val): { addr: Value; len: Value | null; val: Val } {
  if (v.k === 'p') return { addr: v.a, len: v.b, val: NONE };
  return { addr: fx.scalar(v), len: null, val: NONE };
}

/** Ordering value for a -1/0/1 comparison result (Ordering's discriminants are -1, 0, 1). */
function orderingVal(fx: FnLower, ordTy: Ty, c: Value): Val {
  const l = fx.layout(ordTy);
  if (l.abi.kind !== 'scalar') return fx.err('internal: Ordering is not a scalar enum');
  return { k: 's', v: fx.resize('i8', l.abi.ty, true, c) };
}

function rangeContains(fx: FnLower, recv: Val, recvTy: Ty, x: Val): Value {
  const rt = recvTy.kind === 'ref' ? recvTy.inner : recvTy;
  if (rt.kind !== 'builtin') return fx.err('internal: contains on a non-range');
  const et = rt.args[0]!;
  const it = intTy(fx, et);
  const l = fx.layout(rt);
  const addr = fx.scalar(recv);
  const v = fx.b.load(it.ir, fx.scalar(x), 0, it.signed);
  const ge = (lo: Value) => fx.cmp(it.signed ? 'sge' : 'uge', it.ir, v, lo);
  const lt = (hi: Value, incl: boolean) => fx.cmp(incl ? (it.signed ? 'sle' : 'ule') : (it.signed ? 'slt' : 'ult'), it.ir, v, hi);
  const f = (k: number) => fx.b.load(it.ir, addr, l.offsets?.[k] ?? 0, it.signed);
  switch (rt.name) {
    case 'Range': return fx.bin('and', 'i8', ge(f(0)), lt(f(1), false));
    case 'RangeInclusive': return fx.bin('and', 'i8', ge(f(0)), lt(f(1), true));
    case 'RangeFrom': return ge(f(0));
    case 'RangeTo': return lt(f(0), false);
    case 'RangeToInclusive': return lt(f(0), true);
    default: return fx.c('i8', 1);
  }
}

function charMethod(fx: FnLower, name: BuiltinMethod, c: Value, args: Val[], resTy: Ty, dest: Dest, e: HirExpr): Val {
  const s = (v: Value): Val => ({ k: 's', v });
  const k = (n: number) => fx.c('i32', n);
  const inR = (lo: number, hi: number) => (lo === hi ? fx.cmp('eq', 'i32', c, k(lo)) : fx.cmp('ule', 'i32', fx.bin('sub', 'i32', c, k(lo)), k(hi - lo)));
  const any = (...xs: Value[]) => xs.reduce((a, b) => fx.bin('or', 'i8', a, b));
  const upper = () => inR(65, 90);
  const lower = () => inR(97, 122);
  const digit = () => inR(48, 57);
  // Non-ASCII letters: Latin-1 letters and everything from U+0100 that is not
  // a space or punctuation block we know (an approximation of Unicode Alphabetic).
  const alphaHigh = () => any(inR(0xaa, 0xaa), inR(0xb5, 0xb5), inR(0xba, 0xba), inR(0xc0, 0xd6), inR(0xd8, 0xf6), inR(0xf8, 0x2ff), inR(0x370, 0x1fff), inR(0x3040, 0x9fff), inR(0xac00, 0xd7a3));
  const ws = () => any(inR(9, 13), inR(32, 32), inR(0x85, 0x85), inR(0xa0, 0xa0), inR(0x1680, 0x1680), inR(0x2000, 0x200a), inR(0x2028, 0x2029), inR(0x202f, 0x202f), inR(0x205f, 0x205f), inR(0x3000, 0x3000));
  switch (name) {
    case 'is_ascii': return s(fx.cmp('ult', 'i32', c, k(128)));
    case 'is_ascii_digit': return s(digit());
    case 'is_ascii_uppercase': return s(upper());
    case 'is_ascii_lowercase': return s(lower());
    case 'is_ascii_alphabetic': return s(any(upper(), lower()));
    case 'is_ascii_alphanumeric': return s(any(upper(), lower(), digit()));
    case 'is_ascii_whitespace': return s(any(inR(9, 10), inR(12, 13), inR(32, 32)));
    case 'is_alphabetic': return s(any(upper(), lower(), alphaHigh()));
    case 'is_alphanumeric': return s(any(upper(), lower(), digit(), alphaHigh()));
    case 'is_whitespace': return s(ws());
    case 'to_ascii_uppercase': return s(fx.select('i32', lower(), fx.bin('sub', 'i32', c, k(32)), c));
    case 'to_ascii_lowercase': return s(fx.select('i32', upper(), fx.bin('add', 'i32', c, k(32)), c));
    case 'to_digit': {
      const radix = fx.scalar(args[1]!);
      const dec = fx.bin('sub', 'i32', c, k(48));
      const lc = fx.bin('or', 'i32', c, k(0x20));
      const alpha = fx.bin('add', 'i32', fx.bin('sub', 'i32', lc, k(97)), k(10));
      const isAlpha = fx.cmp('ule', 'i32', fx.bin('sub', 'i32', lc, k(97)), k(25));
      const d0 = fx.select('i32', digit(), dec, fx.select('i32', isAlpha, alpha, k(0xff)));
      const ok = fx.cmp('ult', 'i32', d0, radix);
      return makeOption(fx, resTy, ok, s(d0), dest);
    }
    default: return fx.err(`the char method \`${name}\` is not supported yet`, e.span);
  }
}
