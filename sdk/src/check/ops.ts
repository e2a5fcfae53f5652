// Operators, assignment and `as` casts.
//
// Arithmetic and bitwise operators work on integers of one type (and `&`,
// `|`, `^` on bool); a `&int` operand is dereferenced implicitly, as Rust's
// `impl Add<&i32> for i32` allows. Shifts take any integer on the right.
// `==`/`!=` need PartialEq: primitive and structural (derived) equality stay
// a `binary` node; a user impl or a generic `T: PartialEq` becomes a call of
// the trait method, resolved per instance by the back end.
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { FnCtx } from './body.ts';
import type { Ty } from './types.ts';
import type { CastKind, HirExpr } from './hir.ts';
import type { TraitDef } from './defs.ts';
import { checkExpr, checkLit, coerceTo, isPlace, requireMutablePlace, markUsed } from './expr.ts';

const OP_VERB: Record<string, string> = {
  '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'calculate the remainder of',
  '&': 'apply `&` to', '|': 'apply `|` to', '^': 'apply `^` to', '<<': 'shift', '>>': 'shift',
};

function isIntish(t: Ty): boolean {
  return t.kind === 'int' || t.kind === 'intVar';
}

/** `&int` (or `&&int`) operand of an arithmetic operator: dereference it. */
function derefIntRef(fx: FnCtx, e: HirExpr): HirExpr {
  let cur = e;
  for (let t = fx.res(cur.ty); t.kind === 'ref' && (isIntish(fx.res(t.inner)) || fx.res(t.inner).kind === 'bool' || fx.res(t.inner).kind === 'ref'); t = fx.res(cur.ty)) {
    cur = fx.mk({ kind: 'deref', operand: cur, implicit: true }, t.inner, cur.span);
  }
  return cur;
}

export function checkUnary(fx: FnCtx, e: ast.Expr & { kind: 'unary' }, expected: Ty | null): HirExpr {
  const T = fx.T;
  if (e.op === '-' && e.operand.kind === 'lit' && e.operand.lit.kind === 'int') {
    const lit = checkLit(fx, e.operand, e.operand.lit, expected, true);
    const h = fx.mk({ kind: 'unary', op: 'neg', operand: lit }, lit.ty, e.span);
    fx.deferredCasts.push(h);
    return h;
  }
  if (e.op === '*') {
    const operand = checkExpr(fx, e.operand, null);
    markUsed(operand);
    const t = fx.res(operand.ty);
    if (t.kind === 'ref') return fx.mk({ kind: 'deref', operand, implicit: false }, t.inner, e.span);
    if (t.kind === 'ptr') {
      requireUnsafe(fx, e.span, 'dereference of raw pointer');
      return fx.mk({ kind: 'deref', operand, implicit: false }, t.inner, e.span);
    }
    if (t.kind === 'error') return fx.errorExpr(e.span);
    fx.ctx.diags.error('E0415', `type \`${fx.show(t)}\` cannot be dereferenced`, e.span, 'cannot be dereferenced');
    return fx.errorExpr(e.span);
  }
  const hint = expected && isIntish(fx.res(expected)) ? expected : null;
  const operand = derefIntRef(fx, checkExpr(fx, e.operand, hint));
  markUsed(operand);
  const t = fx.res(operand.ty);
  const op = e.op === '-' ? 'neg' : 'not';
  if (t.kind === 'error') return fx.errorExpr(e.span);
  if (op === 'not' && (t.kind === 'bool' || isIntish(t))) return fx.mk({ kind: 'unary', op, operand }, t, e.span);
  if (op === 'neg' && isIntish(t)) {
    const h = fx.mk({ kind: 'unary', op, operand }, t, e.span);
    if (t.kind === 'intVar') fx.deferredCasts.push(h);
    else checkNeg(fx, h);
    return h;
  }
  if (t.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', e.operand.span, 'type must be known at this point');
    return fx.errorExpr(e.span);
  }
  fx.ctx.diags.error('E0407', `cannot apply unary operator \`${e.op}\` to type \`${fx.show(t)}\``, e.span, `cannot apply unary operator \`${e.op}\``);
  return fx.errorExpr(e.span);
}

function checkNeg(fx: FnCtx, h: HirExpr): void {
  const t = fx.res(h.ty);
  if (t.kind === 'int' && t.int.startsWith('u')) {
    fx.ctx.diags.error('E0407', `cannot apply unary operator \`-\` to type \`${t.int}\``, h.span, `cannot apply unary operator \`-\``)
      .note('unsigned values cannot be negated');
  }
}

export function requireUnsafe(fx: FnCtx, span: Span, what: string): void {
  if (fx.unsafeDepth > 0) return;
  fx.ctx.diags.error('E0453', `${what} is unsafe and requires unsafe block`, span, what)
    .note('wrap the operation in `unsafe { ... }` after checking that it is sound');
}

function lang(fx: FnCtx, name: 'partialEq' | 'partialOrd'): TraitDef | null {
  return fx.ctx.lang[name];
}

export function checkBinary(fx: FnCtx, e: ast.Expr & { kind: 'binary' }, expected: Ty | null): HirExpr {
  const T = fx.T;
  const op = e.op;
  if (op === '&&' || op === '||') {
    const left = coerceTo(fx, checkExpr(fx, e.left, T.bool), T.bool, e.left.span, false);
    const savedDiv = fx.diverges;
    const right = coerceTo(fx, checkExpr(fx, e.right, T.bool), T.bool, e.right.span, false);
    fx.diverges = savedDiv;
    markUsed(left); markUsed(right);
    return fx.mk({ kind: 'binary', op, left, right, opTy: T.bool }, T.bool, e.span);
  }
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') return checkCompare(fx, e);
  const hint = expected && isIntish(fx.res(expected)) ? expected : null;
  const shift = op === '<<' || op === '>>';
  let left = derefIntRef(fx, checkExpr(fx, e.left, hint));
  let right = derefIntRef(fx, checkExpr(fx, e.right, shift ? null : left.ty));
  markUsed(left); markUsed(right);
  const r = arith(fx, op, left, right, e.span);
  left = r.left; right = r.right;
  return fx.mk({ kind: 'binary', op, left, right, opTy: r.ty }, r.ty, e.span);
}

/** Types an arithmetic/bitwise/shift operation; returns the result (= operand) type. */
function arith(fx: FnCtx, op: string, left: HirExpr, right: HirExpr, span: Span): { ty: Ty; left: HirExpr; right: HirExpr } {
  const T = fx.T;
  const lt = fx.res(left.ty);
  const rt = fx.res(right.ty);
  if (lt.kind === 'error' || rt.kind === 'error') return { ty: T.error, left, right };
  if (op === '<<' || op === '>>') {
    if (isIntish(lt) && isIntish(rt)) return { ty: lt, left, right };
  } else if (isIntish(lt) && isIntish(rt)) {
    if (!fx.infer.unify(lt, rt)) {
      fx.ctx.diags.error('E0400', 'mismatched types', right.span, `expected \`${fx.show(lt)}\`, found \`${fx.show(rt)}\``)
        .help(`convert one side with \`as\`, e.g. \`... as ${fx.show(lt)}\``)
        .label(left.span, `this is of type \`${fx.show(lt)}\``);
      return { ty: T.error, left, right };
    }
    return { ty: fx.res(lt), left, right };
  } else if ((op === '&' || op === '|' || op === '^') && lt.kind === 'bool' && rt.kind === 'bool') {
    return { ty: T.bool, left, right };
  } else if (lt.kind === 'var' || rt.kind === 'var') {
    if (fx.infer.unify(lt, rt)) return { ty: fx.res(lt), left, right };
  }
  if (lt.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', left.span, 'type must be known at this point');
    return { ty: T.error, left, right };
  }
  const verb = OP_VERB[op] ?? `apply \`${op}\` to`;
  const msg = op === '+' || op === '-' ? `cannot ${verb} \`${fx.show(rt)}\` ${op === '+' ? 'to' : 'from'} \`${fx.show(lt)}\`` : `cannot ${verb} \`${fx.show(lt)}\` by \`${fx.show(rt)}\``;
  fx.ctx.diags.error('E0406', msg, span, `no implementation for \`${fx.show(lt)} ${op} ${fx.show(rt)}\``)
    .note('arithmetic and bitwise operators work on integers of the same type (and `&`, `|`, `^` on `bool`)');
  return { ty: T.error, left, right };
}

const ORD_METHOD: Record<string, string> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '==': 'eq', '!=': 'ne' };

function checkCompare(fx: FnCtx, e: ast.Expr & { kind: 'binary' }): HirExpr {
  const left = checkExpr(fx, e.left, null);
  let right = checkExpr(fx, e.right, left.ty);
  markUsed(left); markUsed(right);
  right = coerceTo(fx, right, left.ty, e.right.span, false);
  return compareHir(fx, e.op, left, right, e);
}

/** `left op right` for a comparison operator, both operands already of one type. */
export function compareHir(fx: FnCtx, op: ast.BinOp, left: HirExpr, right: HirExpr, e: { span: Span; left: { span: Span } }): HirExpr {
  const T = fx.T;
  const t = fx.res(left.ty);
  if (t.kind === 'error') return fx.mk({ kind: 'binary', op, left, right, opTy: T.error }, T.bool, e.span);
  if (isIntish(t) || t.kind === 'bool' || t.kind === 'char') return fx.mk({ kind: 'binary', op, left, right, opTy: t }, T.bool, e.span);
  if (t.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', e.left.span, 'type must be known at this point');
    return fx.errorExpr(e.span);
  }
  const isEq = op === '==' || op === '!=';
  const trait = lang(fx, isEq ? 'partialEq' : 'partialOrd');
  if (!trait) return fx.mk({ kind: 'binary', op, left, right, opTy: t }, T.bool, e.span);
  const sel = fx.solver.select(t, { trait, args: [] });
  if (sel.kind === 'none') {
    const what = isEq ? `binary operation \`${op}\` cannot be applied to type \`${fx.show(t)}\`` : `binary operation \`${op}\` cannot be applied to type \`${fx.show(t)}\``;
    const b = fx.ctx.diags.error('E0406', what, e.span, `\`${fx.show(t)}\` does not implement \`${trait.name}\``);
    if (t.kind === 'adt') b.help(`consider annotating \`${t.def.name}\` with \`#[derive(${isEq ? 'PartialEq' : 'PartialEq, PartialOrd'})]\``);
    else if (t.kind === 'param') b.help(`consider restricting type parameter \`${t.name}\` with trait \`${trait.name}\`: \`${t.name}: ${trait.name}\``);
    return fx.mk({ kind: 'binary', op, left, right, opTy: T.error }, T.bool, e.span);
  }
  const userImpl = sel.kind === 'impl' && !sel.impl.derived;
  if (sel.kind === 'param' || userImpl) {
    const m = trait.methods.get(ORD_METHOD[op]!);
    if (m) {
      const ref = fx.fnRef(m, [t]);
      const args = [
        fx.mk({ kind: 'addrOf', mut: false, operand: left, implicit: true }, T.ref(false, t), left.span),
        fx.mk({ kind: 'addrOf', mut: false, operand: right, implicit: true }, T.ref(false, t), right.span),
      ];
      return fx.mk({ kind: 'call', callee: { kind: 'fn', ref }, args }, T.bool, e.span);
    }
  }
  if (sel.kind === 'ambiguous') fx.require(t, { trait, args: [] }, e.span, `required by \`${op}\``);
  return fx.mk({ kind: 'binary', op, left, right, opTy: t }, T.bool, e.span);
}

export function checkAssign(fx: FnCtx, e: ast.Expr & { kind: 'assign' }): HirExpr {
  const T = fx.T;
  // A plain assignment to a variable is not a read of it (for the unused-variable lint).
  fx.assignTarget = e.op === '=' && e.target.kind === 'path';
  const target = checkExpr(fx, e.target, null);
  fx.assignTarget = false;
  if (!isPlace(target) && target.ty.kind !== 'error') {
    fx.ctx.diags.error('E0454', 'invalid left-hand side of assignment', e.op === '=' ? e.target.span : e.span, 'cannot assign to this expression')
      .note('the left-hand side of an assignment must be a variable, field, index or dereference');
  } else {
    requireMutablePlace(fx, target, e.span, 'assign');
  }
  if (e.op === '=') {
    const value = coerceTo(fx, checkExpr(fx, e.value, target.ty), target.ty, e.value.span, false);
    markUsed(value);
    return fx.mk({ kind: 'assign', op: e.op, target, value }, T.unit, e.span);
  }
  markUsed(target);
  const bop = e.op.slice(0, -1);
  const shift = bop === '<<' || bop === '>>';
  const value = derefIntRef(fx, checkExpr(fx, e.value, shift ? null : target.ty));
  markUsed(value);
  arith(fx, bop, target, value, e.span);
  return fx.mk({ kind: 'assign', op: e.op, target, value }, T.unit, e.span);
}

export function checkCast(fx: FnCtx, e: ast.Expr & { kind: 'cast' }): HirExpr {
  const target = fx.lowerTy(e.type);
  const tt = fx.res(target);
  const isLit = (x: ast.Expr): boolean => x.kind === 'lit' && x.lit.kind === 'int' || x.kind === 'unary' && x.op === '-' && isLit(x.operand) || x.kind === 'paren' && isLit(x.expr);
  // rustc's cast hint for an unsuffixed literal: the integer type itself, u8 for `char`, usize for pointers.
  const hint = !isLit(e.expr) ? null : tt.kind === 'int' ? tt : tt.kind === 'char' ? fx.T.u8 : tt.kind === 'ptr' || tt.kind === 'fnPtr' ? fx.T.usize : null;
  const operand = checkExpr(fx, e.expr, hint);
  markUsed(operand);
  const h = fx.mk({ kind: 'cast', operand, cast: 'identity' }, target, e.span);
  const from = fx.res(operand.ty);
  if (from.kind === 'var' || from.kind === 'intVar' && tt.kind !== 'int') fx.deferredCasts.push(h);
  else classify(fx, h, true);
  return h;
}

/** Deferred checks, run after integer defaulting: casts from then-unknown types and negations. */
export function checkDeferredCast(fx: FnCtx, h: HirExpr): void {
  if (h.kind === 'cast') classify(fx, h, true);
  else if (h.kind === 'unary') checkNeg(fx, h);
}

function classify(fx: FnCtx, h: HirExpr, report: boolean): void {
  if (h.kind !== 'cast') return;
  const from = fx.infer.resolve(h.operand.ty);
  const to = fx.infer.resolve(h.ty);
  const k = castKind(fx, from, to);
  if (k) { (h as { cast: CastKind }).cast = k; return; }
  if (!report || from.kind === 'error' || to.kind === 'error') return;
  if (from.kind === 'var' || to.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', h.span, 'cannot infer the type of this cast');
    return;
  }
  if (to.kind === 'char' && (from.kind === 'int' || from.kind === 'intVar')) {
    fx.ctx.diags.error('E0408', `only \`u8\` can be cast as \`char\`, not \`${fx.show(from)}\``, h.span, 'invalid cast')
      .help('use `char::from_u32` for other integers (not available in Orizon v0.1), or cast through `u8`');
    return;
  }
  if (to.kind === 'bool' && (from.kind === 'int' || from.kind === 'intVar')) {
    fx.ctx.diags.error('E0408', `cannot cast \`${fx.show(from)}\` as \`bool\``, h.span, 'invalid cast')
      .help(`compare with zero instead: \`x != 0\``);
    return;
  }
  fx.ctx.diags.error('E0408', `non-primitive cast: \`${fx.show(from)}\` as \`${fx.show(to)}\``, h.span, 'an `as` expression can only be used to convert between primitive types or to coerce to a specific trait object');
}

function castKind(fx: FnCtx, from: Ty, to: Ty): CastKind | null {
  if (from === to) return 'identity';
  const intF = from.kind === 'int' || from.kind === 'intVar';
  switch (to.kind) {
    case 'int':
      if (intF) return 'int';
      if (from.kind === 'bool') return 'boolToInt';
      if (from.kind === 'char') return 'charToInt';
      if (from.kind === 'adt' && from.def.adtKind === 'enum' && from.def.variants.every((v) => v.fields.length === 0)) return 'enumToInt';
      if (from.kind === 'ptr') return 'ptrToInt';
      if (from.kind === 'fnPtr') return 'fnToInt';
      return null;
    case 'char':
      return from.kind === 'int' && from.int === 'u8' ? 'u8ToChar' : null;
    case 'ptr':
      if (from.kind === 'ref') {
        if (!from.mut && to.mut) return null;
        const inner = fx.res(from.inner);
        if (inner.kind === 'array' && fx.infer.tryUnify(inner.elem, to.inner)) return 'arrayRefToPtr';
        return 'refToPtr';
      }
      if (from.kind === 'ptr') return 'ptrToPtr';
      if (intF) return 'intToPtr';
      if (from.kind === 'fnPtr') return 'fnToPtr';
      return null;
    case 'fnPtr':
      return from.kind === 'fnPtr' && fx.infer.tryUnify(from, to) ? 'identity' : null;
    default:
      return fx.infer.tryUnify(from, to) ? 'identity' : null;
  }
}

export { isIntish };
