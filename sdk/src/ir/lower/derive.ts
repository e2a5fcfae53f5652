// Structural equality and ordering — `==`/`<` on tuples, arrays, slices, str
// and references, and the derived PartialEq/PartialOrd/Ord impls — as inline
// code for scalars and one generated helper function per aggregate type:
//   __eq.<type>(a: ptr, b: ptr) -> i8          (slices: (a, alen, b, blen))
//   __cmp.<type>(a: ptr, b: ptr) -> i8 (-1/0/1) (slices likewise)
// A field whose type has a user `impl PartialEq`/`PartialOrd` calls that impl.
// Derived Clone is a bitwise copy (every Orizon type is plain data).
import type { Ty as IrTy, Value } from '../ir.ts';
import { arrayLen, displayTy, type Ty } from '../../check/types.ts';
import { isUnsized } from '../layout.ts';
import { FnLower, type Val } from './fn.ts';
import { mangle } from './module.ts';

/** An operand of a comparison: the address of the value (+ length when unsized). */
export interface Operand {
  addr: Value;
  len: Value | null;
  val?: Val;
}

export function structuralEq(fx: FnLower, t: Ty, a: Operand, b: Operand): Value {
  return eqAt(fx, t, a.addr, b.addr, a.len, b.len);
}

export function structuralCmp(fx: FnLower, t: Ty, a: Operand, b: Operand): Value {
  return cmpAt(fx, t, a.addr, b.addr, a.len, b.len);
}

function scalarAbi(fx: FnLower, t: Ty): { ty: IrTy; signed: boolean } | null {
  if (isUnsized(t)) return null;
  const abi = fx.layout(t).abi;
  return abi.kind === 'scalar' ? abi : null;
}

/** User impl of a comparison trait method for an ADT (null when derived/built-in). */
function userImpl(fx: FnLower, t: Ty, trait: 'PartialEq' | 'PartialOrd', method: 'eq' | 'partial_cmp'): string | null {
  if (t.kind !== 'adt' || t.def.derives.has(trait)) return null;
  const tr = fx.m.langTrait(trait);
  const m = tr?.methods.get(method);
  if (!m) return null;
  const r = fx.m.prog.resolveInstance({ fn: m, args: [t] });
  return r.kind === 'fn' ? fx.m.requestFn(r.ref) : null;
}

function eqAt(fx: FnLower, t: Ty, a: Value, b: Value, la: Value | null, lb: Value | null): Value {
  const sc = scalarAbi(fx, t);
  if (sc && t.kind !== 'ref') return fx.cmp('eq', sc.ty, fx.b.load(sc.ty, a), fx.b.load(sc.ty, b));
  if (t.kind === 'str' || t.kind === 'slice') {
    const sym = helper(fx, 'eq', t, ['ptr', 'i32', 'ptr', 'i32']);
    return fx.b.call(sym, [a, la!, b, lb!], ['i8'])[0]!;
  }
  const l = fx.layout(t);
  if (t.kind === 'ref') {
    const inner = t.inner;
    if (isUnsized(inner)) return eqAt(fx, inner, fx.b.load('ptr', a), fx.b.load('ptr', b), fx.b.load('i32', a, 4), fx.b.load('i32', b, 4));
    return eqAt(fx, inner, fx.b.load('ptr', a), fx.b.load('ptr', b), null, null);
  }
  if (l.abi.kind === 'pair') {
    const x = fx.cmp('eq', 'ptr', fx.b.load('ptr', a), fx.b.load('ptr', b));
    return fx.bin('and', 'i8', x, fx.cmp('eq', 'i32', fx.b.load('i32', a, 4), fx.b.load('i32', b, 4)));
  }
  if (l.size === 0) return fx.c('i8', 1);
  const user = userImpl(fx, t, 'PartialEq', 'eq');
  if (user) return fx.b.call(user, [a, b], ['i8'])[0]!;
  return fx.b.call(helper(fx, 'eq', t, ['ptr', 'ptr']), [a, b], ['i8'])[0]!;
}

function cmpAt(fx: FnLower, t: Ty, a: Value, b: Value, la: Value | null, lb: Value | null): Value {
  const sc = scalarAbi(fx, t);
  if (sc && t.kind !== 'ref') {
    const signed = t.kind === 'int' ? sc.signed : t.kind === 'adt' ? sc.signed : false;
    return cmpScalars(fx, sc.ty, signed, fx.b.load(sc.ty, a), fx.b.load(sc.ty, b));
  }
  if (t.kind === 'ref') {
    const inner = t.inner;
    if (isUnsized(inner)) return cmpAt(fx, inner, fx.b.load('ptr', a), fx.b.load('ptr', b), fx.b.load('i32', a, 4), fx.b.load('i32', b, 4));
    return cmpAt(fx, inner, fx.b.load('ptr', a), fx.b.load('ptr', b), null, null);
  }
  if (t.kind === 'str' || t.kind === 'slice') {
    return fx.b.call(helper(fx, 'cmp', t, ['ptr', 'i32', 'ptr', 'i32']), [a, la!, b, lb!], ['i8'])[0]!;
  }
  if (fx.layout(t).size === 0) return fx.c('i8', 0);
  const user = userImpl(fx, t, 'PartialOrd', 'partial_cmp');
  if (user) {
    // partial_cmp returns Option<Ordering>: Some(o) → o, None → 2 (unordered).
    const optTy = fx.m.optionAdt();
    if (!optTy) return fx.err('internal: Option not found');
    const ord = fx.m.orderingAdt();
    const oTy = fx.m.T.adt(optTy, [ord ? fx.m.T.adt(ord, []) : fx.m.T.i32]);
    const l = fx.layout(oTy);
    const tmp = fx.temp(oTy, 'partial_cmp');
    fx.b.call(user, [tmp, a, b], []);
    const some = l.variants!.findIndex((_, k) => optTy.variants[k]!.name === 'Some');
    const isSome = fx.cmp('eq', l.tag!.ty, fx.b.load(l.tag!.ty, tmp), fx.c(l.tag!.ty, l.variants![some]!.discriminant));
    const o = fx.resize(fx.m.layouts.irTys(l.variants![some]!.tys[0]!)[0] ?? 'i8', 'i8', true, fx.b.load('i8', tmp, l.variants![some]!.offsets[0]!));
    return fx.select('i8', isSome, o, fx.c('i8', 2));
  }
  return fx.b.call(helper(fx, 'cmp', t, ['ptr', 'ptr']), [a, b], ['i8'])[0]!;
}

function cmpScalars(fx: FnLower, ty: IrTy, signed: boolean, x: Value, y: Value): Value {
  const lt = fx.cmp(signed ? 'slt' : 'ult', ty, x, y);
  const gt = fx.cmp(signed ? 'sgt' : 'ugt', ty, x, y);
  return fx.select('i8', lt, fx.c('i8', -1), fx.select('i8', gt, fx.c('i8', 1), fx.c('i8', 0)));
}

/** The helper for `kind` on type `t` (built on first use). */
function helper(fx: FnLower, kind: 'eq' | 'cmp', t: Ty, params: IrTy[]): string {
  const m = fx.m;
  const key = `${kind}:${t.id}`;
  const have = m.helpers.get(key);
  if (have) return have;
  const name = m.uniqueSymbol(`__${kind}.${mangle(displayTy(t))}`);
  m.helpers.set(key, name);
  const h = FnLower.synthetic(m, name, params, ['i8']);
  const ps = h.b.fn.params;
  if (kind === 'eq') buildEq(h, t, ps);
  else buildCmp(h, t, ps);
  m.functions.push(h.finish());
  return name;
}

/** Parts of an aggregate to compare in order: (type, offset a, offset b) lists, or per-variant lists for enums. */
function fields(fx: FnLower, t: Ty): { tys: Ty[]; offs: number[] } | null {
  const l = fx.layout(t);
  if (t.kind === 'tuple' || (t.kind === 'adt' && !l.tag) || t.kind === 'builtin') return { tys: l.tys ?? [], offs: l.offsets ?? [] };
  return null;
}

function buildEq(h: FnLower, t: Ty, ps: Value[]): void {
  const b = h.b;
  const fail = b.newBlock();
  const retFalse = () => { b.switchTo(fail); b.ret([h.c('i8', 0)]); };
  const andThen = (eq: Value) => {
    const next = b.newBlock();
    b.branch(eq, { block: next, args: [] }, { block: fail, args: [] });
    b.switchTo(next);
  };
  if (t.kind === 'str' || t.kind === 'slice') {
    const [a, la, bb, lb] = ps as [Value, Value, Value, Value];
    andThen(h.cmp('eq', 'i32', la, lb));
    if (t.kind === 'str') {
      const [r] = b.call(h.m.requireRuntime('__orizon_memeq'), [a, bb, la], ['i8']);
      b.ret([r!]);
    } else {
      const stride = h.layout(t.elem).size;
      elementLoop(h, la, (k) => andThen(eqAt(h, t.elem, h.index(a, k, stride), h.index(bb, k, stride), null, null)));
      b.ret([h.c('i8', 1)]);
    }
    retFalse();
    return;
  }
  const [a, bb] = ps as [Value, Value];
  const l = h.layout(t);
  if (t.kind === 'array') {
    const n = arrayLen(t)!;
    const stride = h.layout(t.elem).size;
    elementLoop(h, h.c('i32', n), (k) => andThen(eqAt(h, t.elem, h.index(a, k, stride), h.index(bb, k, stride), null, null)));
    b.ret([h.c('i8', 1)]);
    retFalse();
    return;
  }
  const fs = fields(h, t);
  if (fs) {
    fs.tys.forEach((ft, k) => andThen(eqAt(h, ft, h.offset(a, fs.offs[k]!), h.offset(bb, fs.offs[k]!), null, null)));
    b.ret([h.c('i8', 1)]);
    retFalse();
    return;
  }
  // Enum: same tag, then the variant's fields.
  const tag = l.tag!;
  const ta = b.load(tag.ty, a);
  andThen(h.cmp('eq', tag.ty, ta, b.load(tag.ty, bb)));
  variantSwitch(h, tag.ty, ta, l.variants!, (vl) => {
    vl.tys.forEach((ft, k) => andThen(eqAt(h, ft, h.offset(a, vl.offsets[k]!), h.offset(bb, vl.offsets[k]!), null, null)));
    b.ret([h.c('i8', 1)]);
  });
  retFalse();
}

function buildCmp(h: FnLower, t: Ty, ps: Value[]): void {
  const b = h.b;
  const zero = () => h.c('i8', 0);
  /** Returns c unless it is 0 (then continues). */
  const orNext = (c: Value) => {
    const next = b.newBlock();
    const out = b.newBlock();
    b.branch(h.cmp('ne', 'i8', c, zero()), { block: out, args: [] }, { block: next, args: [] });
    b.switchTo(out);
    b.ret([c]);
    b.switchTo(next);
  };
  if (t.kind === 'str' || t.kind === 'slice') {
    const [a, la, bb, lb] = ps as [Value, Value, Value, Value];
    const n = h.select('i32', h.cmp('ult', 'i32', la, lb), la, lb);
    const elem = t.kind === 'str' ? h.m.T.u8 : t.elem;
    const stride = h.layout(elem).size;
    elementLoop(h, n, (k) => orNext(cmpAt(h, elem, h.index(a, k, stride), h.index(bb, k, stride), null, null)));
    b.ret([cmpScalars(h, 'i32', false, la, lb)]);
    return;
  }
  const [a, bb] = ps as [Value, Value];
  const l = h.layout(t);
  if (t.kind === 'array') {
    const stride = h.layout(t.elem).size;
    elementLoop(h, h.c('i32', arrayLen(t)!), (k) => orNext(cmpAt(h, t.elem, h.index(a, k, stride), h.index(bb, k, stride), null, null)));
    b.ret([zero()]);
    return;
  }
  const fs = fields(h, t);
  if (fs) {
    fs.tys.forEach((ft, k) => orNext(cmpAt(h, ft, h.offset(a, fs.offs[k]!), h.offset(bb, fs.offs[k]!), null, null)));
    b.ret([zero()]);
    return;
  }
  const tag = l.tag!;
  const ta = b.load(tag.ty, a);
  orNext(cmpScalars(h, tag.ty, tag.signed, ta, b.load(tag.ty, bb)));
  variantSwitch(h, tag.ty, ta, l.variants!, (vl) => {
    vl.tys.forEach((ft, k) => orNext(cmpAt(h, ft, h.offset(a, vl.offsets[k]!), h.offset(bb, vl.offsets[k]!), null, null)));
    b.ret([zero()]);
  });
}

/** switch on the tag; `body` emits each variant's code (ending its block). */
export function variantSwitch(h: FnLower, ty: IrTy, tag: Value, variants: { discriminant: bigint; offsets: number[]; tys: Ty[] }[], body: (v: { offsets: number[]; tys: Ty[] }, index: number) => void): void {
  const b = h.b;
  const blocks = variants.map(() => b.newBlock());
  const cases = variants.map((v, k) => ({ value: v.discriminant, to: { block: blocks[k]!, args: [] } }));
  const last = cases.pop()!;
  if (cases.length === 0) b.jump(last.to.block);
  else b.terminate({ op: 'switch', value: tag, ty, cases, default: last.to });
  variants.forEach((v, k) => {
    b.switchTo(blocks[k]!);
    body(v, k);
    if (b.isOpen) b.terminate({ op: 'unreachable' });
  });
  b.switchTo(b.newBlock());
}

/** for k in 0..n { body(k) } with k an i32; body may branch away (it must leave a block open to continue). */
export function elementLoop(h: FnLower, n: Value, body: (k: Value) => void): void {
  const b = h.b;
  const head = b.newBlock(['i32']);
  const bodyB = b.newBlock();
  const exit = b.newBlock();
  b.jump(head, [h.c('i32', 0)]);
  b.switchTo(head);
  const [k] = b.blockParams(head) as [Value];
  b.branch(h.cmp('ult', 'i32', k, n), { block: bodyB, args: [] }, { block: exit, args: [] });
  b.switchTo(bodyB);
  body(k);
  b.jump(head, [h.bin('add', 'i32', k, h.c('i32', 1))]);
  b.switchTo(exit);
}
