// Expression checking: the dispatcher, coercions, and the simple expression
// forms (literals, references, tuples, arrays, ranges, `?`, closures). The
// other forms live in ops.ts (operators, casts, assignment), path.ts (paths,
// calls, struct literals), method.ts (methods, fields, indexing), control.ts
// (blocks, if/match, loops, jumps) and macros.ts.
//
// `checkExpr(fx, e, expected)` treats `expected` as a hint (Rust's
// "expectation"): the caller still unifies or coerces the result, normally
// with coerceTo, which also makes the coercion explicit in the HIR.
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { FnCtx } from './body.ts';
import type { Ty } from './types.ts';
import type { FnDef, Generics } from './defs.ts';
import type { HirExpr, HirParam, LocalVar } from './hir.ts';
import { checkUnary, checkBinary, checkAssign, checkCast } from './ops.ts';
import { checkPathExpr, checkCall, checkStructLit } from './path.ts';
import { checkMethodCall, checkField, checkIndex } from './method.ts';
import { checkBlockExpr, checkIf, checkMatch, checkWhile, checkLoop, checkFor, checkBreak, checkContinue, checkReturn } from './control.ts';
import { checkMacro } from './macros.ts';
import { checkPat } from './pat.ts';
import { evalArrayLen } from './consteval.ts';
import { identityArgs } from './lower.ts';

export function checkExpr(fx: FnCtx, e: ast.Expr, expected: Ty | null): HirExpr {
  const h = dispatch(fx, e, expected);
  if (fx.res(h.ty).kind === 'never') fx.diverges = true;
  return h;
}

/** Check, then coerce to `target` (reporting a mismatch). */
export function checkCoerce(fx: FnCtx, e: ast.Expr, target: Ty): HirExpr {
  return coerceTo(fx, checkExpr(fx, e, target), target, e.span, false);
}

function dispatch(fx: FnCtx, e: ast.Expr, expected: Ty | null): HirExpr {
  switch (e.kind) {
    case 'lit': return checkLit(fx, e, e.lit, expected, false);
    case 'path': return checkPathExpr(fx, e, e.path, expected);
    case 'unary': return checkUnary(fx, e, expected);
    case 'ref': return checkRef(fx, e, expected);
    case 'binary': return checkBinary(fx, e, expected);
    case 'assign': return checkAssign(fx, e);
    case 'cast': return checkCast(fx, e);
    case 'call': return checkCall(fx, e, expected);
    case 'methodCall': return checkMethodCall(fx, e, expected);
    case 'field': case 'tupleField': return checkField(fx, e);
    case 'index': return checkIndex(fx, e);
    case 'range': return checkRange(fx, e, expected);
    case 'try': return checkTry(fx, e);
    case 'block': return checkBlockExpr(fx, e, expected);
    case 'if': return checkIf(fx, e, expected);
    case 'let':
      fx.ctx.diags.error('E0400', 'expected expression, found `let` statement', e.span, '`let` is only allowed in `if` and `while` conditions');
      return fx.errorExpr(e.span);
    case 'match': return checkMatch(fx, e, expected);
    case 'while': return checkWhile(fx, e);
    case 'loop': return checkLoop(fx, e, expected);
    case 'for': return checkFor(fx, e);
    case 'break': return checkBreak(fx, e);
    case 'continue': return checkContinue(fx, e);
    case 'return': return checkReturn(fx, e);
    case 'tuple': return checkTuple(fx, e, expected);
    case 'paren': return checkExpr(fx, e.expr, expected);
    case 'array': return checkArray(fx, e, expected);
    case 'arrayRepeat': return checkArrayRepeat(fx, e, expected);
    case 'struct': return checkStructLit(fx, e, expected);
    case 'closure': return checkClosure(fx, e, expected);
    case 'macro': return checkMacro(fx, e, expected);
    case 'error': return fx.errorExpr(e.span);
  }
}

// ---------------------------------------------------------------- coercion

/**
 * Coerces `e` to `target` at a coercion site (let with a type, arguments,
 * returns, fields, array elements): `!` to anything, `&mut T` to `&T`,
 * `&[T; N]` to `&[T]`, references to raw pointers, `*mut T` to `*const T`.
 * Otherwise the types must unify.
 */
export function coerceTo(fx: FnCtx, e: HirExpr, target: Ty, span: Span, _isReturn: boolean): HirExpr {
  const from = fx.res(e.ty);
  const to = fx.res(target);
  if (from === to) return e;
  const T = fx.T;
  if (from.kind === 'never') {
    if (to.kind === 'var') fx.infer.unify(to, T.never);
    return fx.mk({ kind: 'coerce', operand: e, coercion: 'never' }, target, e.span);
  }
  if (from.kind === 'ref' && to.kind === 'ref' && (from.mut || !to.mut)) {
    const fi = fx.res(from.inner);
    const ti = fx.res(to.inner);
    if (fi.kind === 'array' && ti.kind === 'slice') {
      if (!fx.infer.unify(fi.elem, ti.elem)) { fx.mismatch(span, to, from); return e; }
      return fx.mk({ kind: 'coerce', operand: e, coercion: 'unsize' }, target, e.span);
    }
    if (from.mut && !to.mut) {
      if (!fx.infer.unify(fi, ti)) { fx.mismatch(span, to, from); return e; }
      return fx.mk({ kind: 'coerce', operand: e, coercion: 'reborrow' }, target, e.span);
    }
  }
  if (from.kind === 'ref' && to.kind === 'ptr' && (from.mut || !to.mut)) {
    if (!fx.infer.unify(from.inner, to.inner)) { fx.mismatch(span, to, from); return e; }
    return fx.mk({ kind: 'coerce', operand: e, coercion: 'refToPtr' }, target, e.span);
  }
  if (from.kind === 'ptr' && to.kind === 'ptr' && from.mut && !to.mut) {
    if (!fx.infer.unify(from.inner, to.inner)) { fx.mismatch(span, to, from); return e; }
    return fx.mk({ kind: 'coerce', operand: e, coercion: 'mutToConstPtr' }, target, e.span);
  }
  if (!fx.infer.unify(from, to)) reportMismatch(fx, span, to, from, e);
  return e;
}

function reportMismatch(fx: FnCtx, span: Span, expected: Ty, found: Ty, e: HirExpr): void {
  const ex = fx.infer.resolve(expected);
  const fo = fx.infer.resolve(found);
  if ((ex.flags | fo.flags) & 4) return;
  const b = fx.ctx.diags.error('E0400', 'mismatched types', e.span.file === span.file && e.span.start >= span.start && e.span.end <= span.end ? e.span : span,
    `expected \`${fx.show(ex)}\`, found \`${fx.show(fo)}\``);
  if (ex.kind === 'ref' && fx.infer.tryUnify(ex.inner, fo)) b.help(`consider borrowing here: \`&${ex.mut ? 'mut ' : ''}...\``);
  else if (fo.kind === 'ref' && fx.infer.tryUnify(fo.inner, ex)) b.help('consider dereferencing the borrow: `*...`');
  else if (ex.kind === 'int' && fo.kind === 'int') b.help(`you can convert with \`as\`: \`... as ${ex.int}\``);
}

// ---------------------------------------------------------------- literals

export function checkLit(fx: FnCtx, e: { span: Span }, lit: ast.Lit, expected: Ty | null, negated: boolean): HirExpr {
  const T = fx.T;
  switch (lit.kind) {
    case 'int': {
      let ty: Ty;
      if (lit.suffix) {
        ty = T.ints[lit.suffix as keyof typeof T.ints] ?? T.error;
        if (ty === T.error) fx.ctx.diags.error('E0414', `invalid suffix \`${lit.suffix}\` for number literal`, e.span, 'invalid suffix')
          .help('the suffix must be one of the integral types (`u32`, `isize`, etc)');
      } else {
        const x = expected ? fx.res(expected) : null;
        ty = x && (x.kind === 'int' || x.kind === 'intVar') ? x : fx.infer.newIntVar();
      }
      const h = fx.mk({ kind: 'lit', value: { kind: 'int', value: lit.value } }, ty, e.span);
      fx.intLits.push({ e: h, value: lit.value, negated });
      return h;
    }
    case 'bool': return fx.mk({ kind: 'lit', value: { kind: 'bool', value: lit.value } }, T.bool, e.span);
    case 'char': return fx.mk({ kind: 'lit', value: { kind: 'char', value: lit.value } }, T.char, e.span);
    case 'byte': return fx.mk({ kind: 'lit', value: { kind: 'int', value: BigInt(lit.value) } }, T.u8, e.span);
    case 'str': return fx.mk({ kind: 'lit', value: { kind: 'str', value: lit.value } }, T.refStr, e.span);
    case 'byteStr': return fx.mk({ kind: 'lit', value: { kind: 'byteStr', value: lit.value } }, T.ref(false, T.array(T.u8, lit.value.length)), e.span);
  }
}

// ---------------------------------------------------------------- places and references

/** Is `e` a place expression (can be assigned or borrowed in place)? */
export function isPlace(e: HirExpr): boolean {
  switch (e.kind) {
    case 'local': case 'static': case 'deref': case 'index': case 'sliceRange': return true;
    case 'field': case 'tupleField': return isPlace(e.base);
    default: return false;
  }
}

function checkRef(fx: FnCtx, e: ast.Expr & { kind: 'ref' }, expected: Ty | null): HirExpr {
  const x = expected ? fx.res(expected) : null;
  let hint: Ty | null = null;
  if (x && (x.kind === 'ref' || x.kind === 'ptr')) {
    const inner = fx.res(x.inner);
    hint = inner.kind === 'slice' || inner.kind === 'str' ? null : inner;
  }
  const operand = checkExpr(fx, e.operand, hint);
  if (e.mut) requireMutablePlace(fx, operand, e.operand.span, 'borrow');
  markUsed(operand);
  return fx.mk({ kind: 'addrOf', mut: e.mut, operand, implicit: false }, fx.T.ref(e.mut, operand.ty), e.span);
}

/** Marks locals read through `e` as used. */
export function markUsed(e: HirExpr): void {
  if (e.kind === 'local') e.local.used = true;
}

/** The root local of a place (`a.b[3].c` → `a`), if any, and whether the path goes through a deref. */
function placeRoot(e: HirExpr): { local: LocalVar | null; throughDeref: HirExpr | null; isStatic: HirExpr | null } {
  switch (e.kind) {
    case 'local': return { local: e.local, throughDeref: null, isStatic: null };
    case 'static': return { local: null, throughDeref: null, isStatic: e };
    case 'deref': return { local: null, throughDeref: e, isStatic: null };
    case 'field': case 'tupleField': case 'index': case 'sliceRange': return placeRoot(e.base);
    default: return { local: null, throughDeref: null, isStatic: null };
  }
}

/**
 * Checks that `e` may be mutated (`what` = 'assign' or 'borrow'): a `mut`
 * local, a `static mut`, or a place behind `&mut` / `*mut`.
 */
export function requireMutablePlace(fx: FnCtx, e: HirExpr, span: Span, what: 'assign' | 'borrow'): void {
  if (e.ty.kind === 'error') return;
  if (!isPlace(e)) return; // temporaries may be mutated (`&mut [0; 4]`)
  const r = placeRoot(e);
  const verb = what === 'assign' ? 'assign to' : 'borrow';
  if (r.local) {
    const l = r.local;
    if (l.mut) { l.mutated = true; return; }
    if (what === 'assign' && l.deferredInit && e.kind === 'local') { l.mutated = true; return; }
    const whole = e.kind === 'local';
    const msg = what === 'assign'
      ? (whole ? `cannot assign twice to immutable variable \`${l.name}\`` : `cannot assign to \`${describePlace(e)}\`, as \`${l.name}\` is not declared as mutable`)
      : `cannot borrow \`${describePlace(e)}\` as mutable, as \`${l.name}\` is not declared as mutable`;
    fx.ctx.diags.error('E0450', msg, span, what === 'assign' ? 'cannot assign' : 'cannot borrow as mutable')
      .label(l.span, `help: consider making this binding mutable: \`mut ${l.name}\``)
      .suggest('make the binding mutable', { file: l.span.file, start: l.span.start, end: l.span.start }, 'mut ');
    return;
  }
  if (r.isStatic) {
    const s = r.isStatic as HirExpr & { kind: 'static' };
    if (!s.def.mut) fx.ctx.diags.error('E0450', `cannot ${verb} immutable static item \`${s.def.name}\``, span, `cannot ${verb}`)
      .help(`declare it \`static mut ${s.def.name}\` (accesses then need \`unsafe\`)`);
    return;
  }
  if (r.throughDeref) {
    const d = r.throughDeref as HirExpr & { kind: 'deref' };
    const pt = fx.res(d.operand.ty);
    if ((pt.kind === 'ref' || pt.kind === 'ptr') && !pt.mut) {
      const kind = pt.kind === 'ref' ? '`&` reference' : '`*const` pointer';
      fx.ctx.diags.error('E0452', `cannot ${verb} \`${describePlace(e)}\`${what === 'borrow' ? ' as mutable' : ''}, which is behind a ${kind}`, span,
        `\`${describePlace(e)}\` is behind a ${kind}, so the data it refers to cannot be ${what === 'assign' ? 'written' : 'borrowed as mutable'}`)
        .help(pt.kind === 'ref' ? 'consider changing this to be a mutable reference: `&mut`' : 'use a `*mut` pointer');
      return;
    }
    const root = placeRoot(d.operand);
    if (root.local && d.operand.kind === 'local') d.operand.local.used = true;
  }
}

function describePlace(e: HirExpr): string {
  switch (e.kind) {
    case 'local': return e.local.name;
    case 'static': return e.def.name;
    case 'deref': return e.implicit ? describePlace(e.operand) : `*${describePlace(e.operand)}`;
    case 'field': return `${describePlace(e.base)}.${e.name}`;
    case 'tupleField': return `${describePlace(e.base)}.${e.index}`;
    case 'index': return `${describePlace(e.base)}[..]`;
    case 'sliceRange': return `${describePlace(e.base)}[..]`;
    default: return 'value';
  }
}

// ---------------------------------------------------------------- aggregates

function checkTuple(fx: FnCtx, e: ast.Expr & { kind: 'tuple' }, expected: Ty | null): HirExpr {
  const x = expected ? fx.res(expected) : null;
  const hints = x && x.kind === 'tuple' && x.elems.length === e.elems.length ? x.elems : null;
  const elems = e.elems.map((el, i) => {
    const h = checkExpr(fx, el, hints?.[i] ?? null);
    return hints ? coerceTo(fx, h, hints[i]!, el.span, false) : h;
  });
  return fx.mk({ kind: 'tuple', elems }, fx.T.tuple(elems.map((el) => el.ty)), e.span);
}

function checkArray(fx: FnCtx, e: ast.Expr & { kind: 'array' }, expected: Ty | null): HirExpr {
  const x = expected ? fx.res(expected) : null;
  let elemTy: Ty = x && (x.kind === 'array' || x.kind === 'slice') ? x.elem : fx.newVar(e.span);
  const elems: HirExpr[] = [];
  for (const el of e.elems) {
    const h = checkExpr(fx, el, elemTy);
    elems.push(coerceTo(fx, h, elemTy, el.span, false));
  }
  elemTy = fx.res(elemTy);
  return fx.mk({ kind: 'array', elems }, fx.T.array(elemTy, elems.length), e.span);
}

function checkArrayRepeat(fx: FnCtx, e: ast.Expr & { kind: 'arrayRepeat' }, expected: Ty | null): HirExpr {
  const x = expected ? fx.res(expected) : null;
  const hint = x && (x.kind === 'array' || x.kind === 'slice') ? x.elem : null;
  const elem = checkExpr(fx, e.elem, hint);
  const lenTy = evalArrayLen(fx.ctx, fx.typeScope(), e.len) ?? fx.T.error;
  const len = lenTy.kind === 'constVal' ? Number(lenTy.value) : null;
  if ((len === null || len > 1) && fx.ctx.lang.copy && !(e.elem.kind === 'path')) fx.require(elem.ty, { trait: fx.ctx.lang.copy, args: [] }, e.elem.span, 'array repeat expressions copy the element');
  return fx.mk({ kind: 'arrayRepeat', elem, len }, fx.T.array(elem.ty, lenTy), e.span);
}

function checkRange(fx: FnCtx, e: ast.Expr & { kind: 'range' }, expected: Ty | null): HirExpr {
  const x = expected ? fx.res(expected) : null;
  let hint: Ty | null = x && x.kind === 'builtin' && x.args.length ? x.args[0]! : null;
  const lo = e.lo ? checkExpr(fx, e.lo, hint) : null;
  if (lo) hint = lo.ty;
  const hi = e.hi ? checkExpr(fx, e.hi, hint) : null;
  if (lo && hi) fx.expectEq(e.hi!.span, lo.ty, hi.ty);
  const elem = lo?.ty ?? hi?.ty;
  const T = fx.T;
  let ty: Ty;
  if (!elem) ty = T.builtin('RangeFull', []);
  else if (!lo) ty = T.builtin(e.inclusive ? 'RangeToInclusive' : 'RangeTo', [elem]);
  else if (!hi) ty = T.builtin('RangeFrom', [elem]);
  else ty = T.builtin(e.inclusive ? 'RangeInclusive' : 'Range', [elem]);
  return fx.mk({ kind: 'range', lo, hi, inclusive: e.inclusive }, ty, e.span);
}

// ---------------------------------------------------------------- `?`

/** `e?` desugars to `match e { Some(v) => v, None => return None }` (or Ok/Err). */
function checkTry(fx: FnCtx, e: ast.Expr & { kind: 'try' }): HirExpr {
  const inner = checkExpr(fx, e.expr, null);
  const t = fx.res(inner.ty);
  const { option, result } = fx.ctx.lang;
  if (t.kind === 'error') return fx.errorExpr(e.span);
  if (t.kind !== 'adt' || (t.def !== option && t.def !== result)) {
    fx.ctx.diags.error('E0409', `the \`?\` operator can only be applied to values that implement \`Try\``, e.span,
      `the \`?\` operator cannot be applied to type \`${fx.show(t)}\``)
      .note('`?` works on `Option` and `Result` values');
    return fx.errorExpr(e.span);
  }
  const ret = fx.retTy ? fx.res(fx.retTy) : null;
  if (!ret || ret.kind !== 'adt' || ret.def !== t.def) {
    const what = t.def === option ? 'Option' : 'Result';
    fx.ctx.diags.error('E0409', `the \`?\` operator can only be used in a function that returns \`Result\` or \`Option\``, e.span,
      `cannot use the \`?\` operator in a function that returns \`${ret ? fx.show(ret) : '()'}\``)
      .help(`change the return type to \`${what}<...>\``);
    return fx.errorExpr(e.span);
  }
  const T = fx.T;
  const valTy = t.args[0]!;
  const v = fx.newLocal('val', false, valTy, e.span);
  v.used = true;
  const okIdx = t.def === option ? 1 : 0;
  const errIdx = t.def === option ? 0 : 1;
  const okVariant = t.def.variants[okIdx]!;
  const errVariant = t.def.variants[errIdx]!;
  const okPat = fx.mkPat({ kind: 'adt', adt: t.def, variant: okVariant.index, fields: [fx.mkPat({ kind: 'binding', local: v, mode: 'move', sub: null }, valTy, e.span)] }, t, e.span);
  let errPat;
  let retVal: HirExpr;
  if (t.def === option) {
    errPat = fx.mkPat({ kind: 'adt', adt: t.def, variant: errVariant.index, fields: [] }, t, e.span);
    retVal = fx.mk({ kind: 'adt', adt: t.def, variant: errVariant.index, fields: [], base: null }, ret, e.span);
  } else {
    const errTy = t.args[1]!;
    if (!fx.infer.unify(ret.args[1]!, errTy)) {
      fx.ctx.diags.error('E0409', '`?` couldn\'t convert the error to the function\'s error type', e.span,
        `the error type \`${fx.show(errTy)}\` is not \`${fx.show(ret.args[1]!)}\``)
        .note('Orizon v0.1 has no `From` conversions: the error types must be the same');
    }
    const err = fx.newLocal('err', false, errTy, e.span);
    err.used = true;
    errPat = fx.mkPat({ kind: 'adt', adt: t.def, variant: errVariant.index, fields: [fx.mkPat({ kind: 'binding', local: err, mode: 'move', sub: null }, errTy, e.span)] }, t, e.span);
    retVal = fx.mk({ kind: 'adt', adt: t.def, variant: errVariant.index, fields: [fx.mk({ kind: 'local', local: err }, errTy, e.span)], base: null }, ret, e.span);
  }
  const arms = [
    { pat: okPat, guard: null, body: fx.mk({ kind: 'local', local: v }, valTy, e.span), span: e.span },
    { pat: errPat, guard: null, body: fx.mk({ kind: 'return', value: retVal }, T.never, e.span), span: e.span },
  ];
  return fx.mk({ kind: 'match', scrutinee: inner, arms }, valTy, e.span);
}

// ---------------------------------------------------------------- closures

/**
 * A non-capturing closure becomes its own function (lifted FnDef sharing the
 * enclosing generics); the expression is a `fnRef` of fn-pointer type.
 */
function checkClosure(fx: FnCtx, e: ast.Expr & { kind: 'closure' }, expected: Ty | null): HirExpr {
  const x = expected ? fx.res(expected) : null;
  const expFn = x && x.kind === 'fnPtr' && x.params.length === e.params.length ? x : null;
  const ctx = fx.ctx;
  const generics: Generics = fx.generics ?? { parent: null, own: [], offset: 0, preds: [], ast: null };
  const id = ctx.defs.nextId();
  const def: FnDef = {
    kind: 'fn', id, name: `{closure#${id}}`, span: e.span, module: fx.module, vis: { kind: 'private', module: fx.module },
    attrs: [], generics, sig: null, decl: { params: [], ret: null, isUnsafe: false, abi: null }, body: null,
    owner: fx.fnDef?.owner ?? null, selfKind: null, intrinsic: null, closureOf: fx.fnDef,
  };
  ctx.defs.add(def);
  ctx.fns.push(def);
  const saved = { ret: fx.retTy, diverges: fx.diverges, unsafeDepth: fx.unsafeDepth };
  fx.closureLevel++;
  const mark = fx.scopeMark();
  const localsBefore = fx.locals.length;
  const params: HirParam[] = [];
  e.params.forEach((p, i) => {
    const ty = p.type ? fx.lowerTy(p.type) : expFn?.params[i] ?? fx.newVar(p.pat.span);
    const news: LocalVar[] = [];
    const pat = checkPat(fx, p.pat, ty, news);
    for (const l of news) fx.declare(l);
    params.push({ pat, ty });
  });
  const ret = e.ret ? fx.lowerTy(e.ret) : expFn?.ret ?? fx.newVar(e.body.span);
  fx.retTy = ret;
  fx.diverges = false;
  const body = coerceTo(fx, checkExpr(fx, e.body, ret), ret, e.body.span, true);
  fx.scopeReset(mark);
  fx.closureLevel--;
  fx.retTy = saved.ret;
  fx.diverges = saved.diverges;
  fx.unsafeDepth = saved.unsafeDepth;
  def.sig = { params: params.map((p) => p.ty), ret };
  fx.closures.push({ def, params, ret, body, locals: fx.locals.slice(localsBefore) });
  const ref = fx.fnRef(def, identityArgs(ctx, generics));
  return fx.mk({ kind: 'fnRef', ref }, fx.T.fnPtr(def.sig.params, ret), e.span);
}
