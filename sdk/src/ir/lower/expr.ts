// Expressions: the dispatcher over HIR expression kinds, literals, locals,
// constants, statics, aggregates (structs, enum variants, tuples, arrays,
// ranges), references and coercions. Control flow is in control.ts, calls in
// calls.ts, operators and casts in arith.ts, formatting in format.ts.
//
// `lowerExpr` returns a Val; `lowerInto` evaluates straight into memory (used
// for fresh destinations: new locals, call arguments, sret, aggregate fields).
import type { Value } from '../ir.ts';
import type { ConstValue, HirExpr, LitValue } from '../../check/hir.ts';
import type { ConstDef } from '../../check/defs.ts';
import { arrayLen, type Ty } from '../../check/types.ts';
import { NONE, type FnLower, type Val } from './fn.ts';
import { lowerPlace, readPlace, placeRef, writePlace, isPlaceExpr, type Place } from './place.ts';
import { lowerBinary, lowerUnary, lowerCast, intTy, scalarBinary } from './arith.ts';
import { lowerBlockExpr, lowerIf, lowerLoop, lowerWhile, lowerBreak, lowerContinue, lowerReturn, lowerLetCond } from './control.ts';
import { lowerMatch } from './match.ts';
import { lowerFor } from './iter.ts';
import { lowerCall } from './calls.ts';
import { lowerPrint, lowerPanic } from './format.ts';
import { lowerAsm } from './asm.ts';

export function lowerExpr(fx: FnLower, e: HirExpr): Val {
  switch (e.kind) {
    case 'lit': return lowerLit(fx, e.value, fx.ty(e.ty));
    case 'local': return fx.readLocal(e.local, e.span);
    case 'fnRef': return { k: 's', v: fx.sym(fx.m.requestFn(fnRefInstance(fx, e.ref))) };
    case 'const': return lowerConst(fx, e);
    case 'constParam': {
      const t = fx.args[e.index];
      if (!t || t.kind !== 'constVal') return fx.err(`internal: const parameter \`${e.name}\` without a value`, e.span);
      return { k: 's', v: fx.c(intTy(fx, fx.ty(e.ty)).ir, t.value) };
    }
    case 'static': case 'field': case 'tupleField': case 'index': case 'deref':
      return readPlace(fx, lowerPlace(fx, e));
    case 'sliceRange':
      return fx.err('internal: an unsized place used as a value', e.span);
    case 'addrOf': return placeRef(fx, lowerPlace(fx, e.operand));
    case 'adt': case 'tuple': case 'array': case 'arrayRepeat': case 'range': {
      const t = fx.ty(e.ty);
      const abi = fx.layout(t).abi;
      if (abi.kind === 'scalar' && e.kind === 'adt') {
        // Field-less enum variant (fields, if any, are ZSTs: evaluate them for effects).
        for (const f of e.fields) if (f) lowerExpr(fx, f);
        return { k: 's', v: fx.c(abi.ty, fx.layout(t).variants![e.variant]!.discriminant) };
      }
      if (abi.kind === 'zst') {
        evalAggregateForEffects(fx, e);
        return NONE;
      }
      const addr = fx.temp(t, e.kind);
      lowerInto(fx, e, addr, 0);
      return { k: 'm', addr, off: 0 };
    }
    case 'unary': return lowerUnary(fx, e);
    case 'binary': return lowerBinary(fx, e);
    case 'assign': lowerAssign(fx, e); return NONE;
    case 'cast': return lowerCast(fx, e);
    case 'coerce': return lowerCoerce(fx, e);
    case 'call': return lowerCall(fx, e, null);
    case 'block': return lowerBlockExpr(fx, e, null);
    case 'if': return lowerIf(fx, e, null);
    case 'let': return lowerLetCond(fx, e);
    case 'match': return lowerMatch(fx, e, null);
    case 'loop': return lowerLoop(fx, e);
    case 'while': return lowerWhile(fx, e);
    case 'for': return lowerFor(fx, e);
    case 'break': return lowerBreak(fx, e);
    case 'continue': return lowerContinue(fx, e);
    case 'return': return lowerReturn(fx, e);
    case 'print': lowerPrint(fx, e); return NONE;
    case 'panic': lowerPanic(fx, e); return fx.undef(fx.ty(e.ty));
    case 'asm': return lowerAsm(fx, e);
    case 'error': return fx.err('internal: erroneous expression reached lowering', e.span);
  }
  return fx.err(`internal: unknown expression kind ${(e as HirExpr).kind}`, (e as HirExpr).span);
}

/** Evaluates `e` into memory at addr + off (which must not alias anything `e` reads). */
export function lowerInto(fx: FnLower, e: HirExpr, addr: Value, off: number): void {
  const t = fx.ty(e.ty);
  const l = fx.layout(t);
  switch (e.kind) {
    case 'tuple':
      e.elems.forEach((x, k) => lowerInto(fx, x, addr, off + l.offsets![k]!));
      return;
    case 'array': {
      e.elems.forEach((x, k) => lowerInto(fx, x, addr, off + k * l.stride!));
      return;
    }
    case 'arrayRepeat': {
      const n = e.len ?? (t.kind === 'array' ? arrayLen(t) : null) ?? fx.err('internal: array repeat length', e.span);
      const v = fx.own(lowerExpr(fx, e.elem), fx.ty(e.elem.ty));
      const et = fx.ty(e.elem.ty);
      if (n <= 16) {
        for (let k = 0; k < n; k++) fx.storeVal(addr, off + k * l.stride!, et, v);
        return;
      }
      repeatLoop(fx, addr, off, l.stride!, n, (at) => fx.storeVal(at, 0, et, v));
      return;
    }
    case 'range': {
      const parts = [e.lo, e.hi].filter((x): x is HirExpr => x !== null);
      parts.forEach((x, k) => lowerInto(fx, x, addr, off + l.offsets![k]!));
      if (t.kind === 'builtin' && t.name === 'RangeInclusive') fx.b.store('i8', addr, fx.c('i8', 0), off + l.offsets![2]!);
      return;
    }
    case 'adt': {
      if (l.abi.kind === 'scalar' || l.abi.kind === 'zst') break;
      if (t.kind !== 'adt') break;
      let offsets: number[];
      let ftys: Ty[];
      if (l.tag) {
        const vl = l.variants![e.variant]!;
        fx.b.store(l.tag.ty, addr, fx.c(l.tag.ty, vl.discriminant), off);
        offsets = vl.offsets;
        ftys = vl.tys;
      } else {
        offsets = l.offsets!;
        ftys = l.tys!;
      }
      // Fields are evaluated in source order (the HIR lists them in declaration order), then `..base`.
      const order = e.fields.map((x, k) => k).filter((k) => e.fields[k]).sort((a, b) => e.fields[a]!.span.start - e.fields[b]!.span.start);
      for (const k of order) lowerInto(fx, e.fields[k]!, addr, off + offsets[k]!);
      if (e.base) {
        const base: Place = lowerPlace(fx, e.base);
        e.fields.forEach((x, k) => {
          if (!x && base.k === 'mem') fx.storeVal(addr, off + offsets[k]!, ftys[k]!, fx.loadVal(base.addr, base.off + offsets[k]!, ftys[k]!));
        });
      }
      return;
    }
    case 'call': {
      const v = lowerCall(fx, e, { addr, off });
      fx.storeVal(addr, off, t, v);
      return;
    }
    case 'block': fx.storeVal(addr, off, t, lowerBlockExpr(fx, e, { addr, off })); return;
    case 'if': fx.storeVal(addr, off, t, lowerIf(fx, e, { addr, off })); return;
    case 'match': fx.storeVal(addr, off, t, lowerMatch(fx, e, { addr, off })); return;
    default: break;
  }
  fx.storeVal(addr, off, t, lowerExpr(fx, e));
}

function evalAggregateForEffects(fx: FnLower, e: HirExpr): void {
  switch (e.kind) {
    case 'adt': for (const f of e.fields) if (f) lowerExpr(fx, f); if (e.base) lowerExpr(fx, e.base); return;
    case 'tuple': case 'array': for (const x of e.elems) lowerExpr(fx, x); return;
    case 'arrayRepeat': lowerExpr(fx, e.elem); return;
    case 'range': if (e.lo) lowerExpr(fx, e.lo); if (e.hi) lowerExpr(fx, e.hi); return;
    default: return;
  }
}

/** for k in 0..n: body(addr + off + k·stride) as an IR loop. */
export function repeatLoop(fx: FnLower, addr: Value, off: number, stride: number, n: number, body: (at: Value) => void): void {
  const head = fx.b.newBlock(['i32']);
  const bodyB = fx.b.newBlock();
  const exit = fx.b.newBlock();
  fx.b.jump(head, [fx.c('i32', 0)]);
  fx.b.switchTo(head);
  const [k] = fx.b.blockParams(head);
  fx.b.branch(fx.cmp('ult', 'i32', k!, fx.c('i32', n)), { block: bodyB, args: [] }, { block: exit, args: [] });
  fx.b.switchTo(bodyB);
  body(fx.index(fx.offset(addr, off), k!, stride));
  fx.b.jump(head, [fx.bin('add', 'i32', k!, fx.c('i32', 1))]);
  fx.b.switchTo(exit);
}

export function lowerLit(fx: FnLower, v: LitValue, t: Ty): Val {
  switch (v.kind) {
    case 'int': return { k: 's', v: fx.c(intTy(fx, t).ir, v.value) };
    case 'bool': return { k: 's', v: fx.c('i8', v.value ? 1 : 0) };
    case 'char': return { k: 's', v: fx.c('i32', v.value) };
    case 'str': {
      const s = fx.m.str(v.value);
      return { k: 'p', a: fx.sym(s.symbol), b: fx.c('i32', s.len) };
    }
    case 'byteStr': return { k: 's', v: fx.sym(fx.m.bytes(v.value)) };
  }
}

/** A FnRef from the HIR with the current instance's substitution applied. */
export function fnRefInstance(fx: FnLower, ref: { fn: import('../../check/defs.ts').FnDef; args: Ty[] }): { fn: import('../../check/defs.ts').FnDef; args: Ty[] } {
  const r = { fn: ref.fn, args: ref.args.map((a) => fx.ty(a)) };
  const res = fx.m.prog.resolveInstance(r);
  if (res.kind === 'fn') return res.ref;
  return fx.err(`taking the address of \`${ref.fn.name}\` (a built-in or intrinsic function) is not supported`, ref.fn.span);
}

function lowerConst(fx: FnLower, e: HirExpr & { kind: 'const' }): Val {
  const t = fx.ty(e.ty);
  const { def, args } = resolveConst(fx, e.def, e.args.map((a) => fx.ty(a)));
  const hc = fx.m.prog.consts.get(def);
  if (hc && hc.evaluated && args.length === 0) return constVal(fx, hc.evaluated, t, `${def.id}`);
  if (!hc) return fx.err(`constant \`${e.def.name}\` has no value`, e.span);
  // Generic associated constants (or values consteval could not fold): lower the expression in the const's substitution.
  const saved = fx.args;
  fx.args = args;
  try {
    return fx.own(lowerExpr(fx, hc.value), t);
  } finally {
    fx.args = saved;
  }
}

/** A trait's associated constant, resolved to the impl for the (concrete) Self type. */
function resolveConst(fx: FnLower, def: ConstDef, args: Ty[]): { def: ConstDef; args: Ty[] } {
  if (def.owner?.kind !== 'trait') return { def, args };
  const self = args[0];
  if (!self) return { def, args };
  for (const impl of def.owner.trait.impls) {
    const bind: Ty[] = [];
    if (!matchTy(impl.selfTy, self, bind)) continue;
    const c = impl.consts.get(def.name);
    if (c) return { def: c, args: bind };
    break;
  }
  return { def, args };
}

/** Does `pattern` (with generic params) match the concrete `t`? Binds the params in `out`. */
function matchTy(pattern: Ty, t: Ty, out: Ty[]): boolean {
  if (pattern.kind === 'param') {
    out[pattern.index] ??= t;
    return out[pattern.index] === t;
  }
  if (pattern === t) return true;
  if (pattern.kind !== t.kind) return false;
  const all = (a: readonly Ty[], b: readonly Ty[]) => a.length === b.length && a.every((x, k) => matchTy(x, b[k]!, out));
  switch (pattern.kind) {
    case 'tuple': return all(pattern.elems, (t as typeof pattern).elems);
    case 'array': return matchTy(pattern.elem, (t as typeof pattern).elem, out) && matchTy(pattern.len, (t as typeof pattern).len, out);
    case 'slice': return matchTy(pattern.elem, (t as typeof pattern).elem, out);
    case 'ref': case 'ptr': return pattern.mut === (t as typeof pattern).mut && matchTy(pattern.inner, (t as typeof pattern).inner, out);
    case 'adt': return pattern.def === (t as typeof pattern).def && all(pattern.args, (t as typeof pattern).args);
    case 'builtin': return pattern.name === (t as typeof pattern).name && all(pattern.args, (t as typeof pattern).args);
    case 'fnPtr': return all(pattern.params, (t as typeof pattern).params) && matchTy(pattern.ret, (t as typeof pattern).ret, out);
    default: return false;
  }
}

/** A compile-time value: scalars inline, aggregates promoted to read-only data. */
export function constVal(fx: FnLower, v: ConstValue, t: Ty, key: string): Val {
  const abi = fx.layout(t).abi;
  switch (abi.kind) {
    case 'zst': return NONE;
    case 'scalar':
      switch (v.kind) {
        case 'int': return { k: 's', v: fx.c(abi.ty, v.value) };
        case 'bool': return { k: 's', v: fx.c('i8', v.value ? 1 : 0) };
        case 'char': return { k: 's', v: fx.c('i32', v.value) };
        case 'adt': return { k: 's', v: fx.c(abi.ty, fx.layout(t).variants![v.variant]!.discriminant) };
        default: break;
      }
      break;
    case 'pair':
      if (v.kind === 'str') {
        const s = fx.m.str(v.value);
        return { k: 'p', a: fx.sym(s.symbol), b: fx.c('i32', s.len) };
      }
      break;
    case 'mem': return { k: 'm', addr: fx.sym(fx.m.promote(`${key}:${t.id}`, t, v)), off: 0 };
  }
  return fx.err(`internal: constant of kind ${v.kind} for a ${abi.kind} type`);
}

function lowerCoerce(fx: FnLower, e: HirExpr & { kind: 'coerce' }): Val {
  const v = lowerExpr(fx, e.operand);
  switch (e.coercion) {
    case 'unsize': {
      // &[T; N] → &[T] (also *const [T; N] → *const [T]).
      const from = fx.ty(e.operand.ty);
      const inner = from.kind === 'ref' || from.kind === 'ptr' ? from.inner : null;
      const n = inner ? arrayLen(inner) : null;
      if (n === null) return fx.err('internal: unsize coercion of a non-array reference', e.span);
      return { k: 'p', a: fx.scalar(v), b: fx.c('i32', n) };
    }
    case 'never': return fx.undef(fx.ty(e.ty));
    default: return v;
  }
}

/** `place = value` and compound assignments (`place op= value`). */
function lowerAssign(fx: FnLower, e: HirExpr & { kind: 'assign' }): void {
  if (e.op === '=') {
    const t = fx.ty(e.value.ty);
    // The value first (into a temporary when it is an aggregate built in place), then the place.
    const v = isPlaceExpr(e.value) ? fx.own(lowerExpr(fx, e.value), t) : lowerExpr(fx, e.value);
    const p = lowerPlace(fx, e.target);
    writePlace(fx, p, v);
    return;
  }
  // Primitive operands: the right operand is evaluated first (Rust reference, compound assignment).
  const rhs = fx.scalar(lowerExpr(fx, e.value));
  const p = lowerPlace(fx, e.target);
  const t = fx.ty(e.target.ty);
  const it = intTy(fx, t);
  const cur = fx.scalar(readPlace(fx, p));
  const op = e.op.slice(0, -1);
  writePlace(fx, p, { k: 's', v: scalarBinary(fx, op, it, cur, rhs, fx.ty(e.value.ty), e.span) });
}
