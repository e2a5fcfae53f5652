// Constant evaluation over the typed HIR: const items, static initialisers,
// array lengths and enum discriminants. Integer arithmetic is checked as in
// Rust's const evaluator: overflow, division by zero and out-of-bounds indexing
// in a constant are compile errors (E0602/E0603).
//
// Values are ConstValue (hir.ts). An expression outside the evaluable subset
// (calls to non-intrinsic fns, raw pointers, ...) yields null: fine for const
// items (the back end emits their HIR), an error where a value is required
// (array lengths, discriminants).
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { Ctx } from './ctx.ts';
import type { ConstValue, HirExpr, HirBlock, LitValue } from './hir.ts';
import { intMax, intMin, wrapInt, intBits, intSigned, displayTy, type IntKind, type Ty } from './types.ts';
import type { AdtDef, ConstDef } from './defs.ts';
import { findGenericParam, type TypeScope } from './lower.ts';
import { checkConstExpr, constItemHir } from './body.ts';

/** Thrown inside the evaluator to abandon an expression that is not evaluable. */
class NotConst {
  constructor(readonly span: Span, readonly why: string) {}
}

/** Thrown for a reported error (overflow, ...): the caller stops quietly. */
class Reported {}

type Env = Map<number, ConstValue>;

export class ConstEvaluator {
  private readonly inProgress = new Set<ConstDef>();

  constructor(readonly ctx: Ctx) {}

  /** Value of a const item, memoised; null if not evaluable. */
  constValue(c: ConstDef): ConstValue | null {
    const memo = this.ctx.constValues.get(c);
    if (memo !== undefined) return memo;
    if (this.inProgress.has(c)) {
      this.ctx.diags.error('E0603', `cycle detected when evaluating constant \`${c.name}\``, c.span, 'this constant refers to itself');
      this.ctx.constValues.set(c, null);
      return null;
    }
    this.inProgress.add(c);
    const hir = constItemHir(this.ctx, c);
    let v: ConstValue | null = null;
    if (hir) v = this.tryEval(hir.value);
    this.inProgress.delete(c);
    this.ctx.constValues.set(c, v);
    if (hir) hir.evaluated = v;
    return v;
  }

  /** Evaluates, reporting overflow; null when not evaluable or after an error. */
  tryEval(e: HirExpr): ConstValue | null {
    try {
      return this.eval(e, new Map());
    } catch (x) {
      if (x instanceof NotConst || x instanceof Reported) return null;
      throw x;
    }
  }

  /** Like tryEval, but explains why a value is not a constant (for array lengths). */
  evalRequired(e: HirExpr, what: string): ConstValue | null {
    try {
      return this.eval(e, new Map());
    } catch (x) {
      if (x instanceof Reported) return null;
      if (x instanceof NotConst) {
        this.ctx.diags.error('E0603', `${what} must be a constant expression`, x.span, x.why)
          .note('constant expressions are literals, constants, arithmetic, casts and aggregates of them');
        return null;
      }
      throw x;
    }
  }

  private overflow(span: Span, text: string): never {
    this.ctx.diags.error('E0602', 'evaluation of constant value failed', span, `attempt to compute \`${text}\`, which would overflow`)
      .note('overflow in a constant is a compile error, as in Rust; use `wrapping_*` methods for wrap-around arithmetic');
    throw new Reported();
  }

  private intOf(v: ConstValue, span: Span): bigint {
    if (v.kind === 'int') return v.value;
    if (v.kind === 'char') return BigInt(v.value);
    if (v.kind === 'bool') return v.value ? 1n : 0n;
    throw new NotConst(span, 'not an integer');
  }

  private eval(e: HirExpr, env: Env): ConstValue {
    switch (e.kind) {
      case 'lit': return litValue(e.value);
      case 'const': {
        const v = this.constValue(e.def);
        if (!v) throw new NotConst(e.span, `constant \`${e.def.name}\` has no compile-time value`);
        return v;
      }
      case 'local': {
        const v = env.get(e.local.id);
        if (!v) throw new NotConst(e.span, 'not a constant');
        return v;
      }
      case 'unary': {
        const v = this.eval(e.operand, env);
        if (e.op === 'not') {
          if (v.kind === 'bool') return { kind: 'bool', value: !v.value };
          const k = intKind(e.ty, e.span);
          return { kind: 'int', value: wrapInt(~this.intOf(v, e.span), k) };
        }
        const k = intKind(e.ty, e.span);
        const r = -this.intOf(v, e.span);
        if (r < intMin(k) || r > intMax(k)) this.overflow(e.span, `-(${this.intOf(v, e.span)}_${k})`);
        return { kind: 'int', value: r };
      }
      case 'binary': return this.binary(e, env);
      case 'cast': {
        const v = this.eval(e.operand, env);
        if (e.ty.kind === 'int') return { kind: 'int', value: wrapInt(this.intOf(v, e.span), e.ty.int) };
        if (e.ty.kind === 'char') return { kind: 'char', value: Number(this.intOf(v, e.span)) };
        if (e.ty.kind === 'bool' && v.kind === 'bool') return v;
        throw new NotConst(e.span, 'cast not evaluable at compile time');
      }
      case 'coerce': return this.eval(e.operand, env);
      case 'tuple': return e.elems.length === 0 ? { kind: 'unit' } : { kind: 'tuple', elems: e.elems.map((x) => this.eval(x, env)) };
      case 'array': return { kind: 'array', elems: e.elems.map((x) => this.eval(x, env)) };
      case 'arrayRepeat': {
        const v = this.eval(e.elem, env);
        if (e.len === null) throw new NotConst(e.span, 'array length is a generic parameter');
        return { kind: 'array', elems: new Array<ConstValue>(e.len).fill(v) };
      }
      case 'adt': {
        if (e.base) throw new NotConst(e.span, '`..base` is not evaluated at compile time');
        return { kind: 'adt', adt: e.adt, variant: e.variant, fields: e.fields.map((f) => this.eval(f!, env)) };
      }
      case 'tupleField': {
        const v = this.eval(e.base, env);
        if (v.kind === 'tuple') return v.elems[e.index]!;
        throw new NotConst(e.span, 'not a constant');
      }
      case 'field': {
        const v = this.eval(e.base, env);
        if (v.kind === 'adt') return v.fields[e.index]!;
        throw new NotConst(e.span, 'not a constant');
      }
      case 'index': {
        const base = this.eval(e.base, env);
        const i = this.intOf(this.eval(e.index, env), e.index.span);
        if (base.kind !== 'array') throw new NotConst(e.span, 'not a constant');
        if (i < 0n || i >= BigInt(base.elems.length)) {
          this.ctx.diags.error('E0604', 'evaluation of constant value failed', e.span,
            `index out of bounds: the length is ${base.elems.length} but the index is ${i}`);
          throw new Reported();
        }
        return base.elems[Number(i)]!;
      }
      case 'block': return this.block(e.block, env);
      case 'if': {
        const c = this.eval(e.cond, env);
        if (c.kind !== 'bool') throw new NotConst(e.cond.span, 'not a constant condition');
        if (c.value) return this.eval(e.then, env);
        return e.else ? this.eval(e.else, env) : { kind: 'unit' };
      }
      case 'call': {
        if (e.callee.kind === 'builtin') return this.builtinCall(e, env);
        throw new NotConst(e.span, 'calls to functions are not evaluated at compile time in Orizon v0.1');
      }
      default:
        throw new NotConst(e.span, 'this expression is not evaluated at compile time');
    }
  }

  private block(b: HirBlock, outer: Env): ConstValue {
    const env = new Map(outer);
    for (const s of b.stmts) {
      if (s.kind === 'let' && s.init && s.pat.kind === 'binding' && !s.pat.sub) {
        env.set(s.pat.local.id, this.eval(s.init, env));
      } else if (s.kind === 'expr') {
        this.eval(s.expr, env);
      } else {
        throw new NotConst(s.span, 'statement not evaluated at compile time');
      }
    }
    return b.tail ? this.eval(b.tail, env) : { kind: 'unit' };
  }

  private builtinCall(e: HirExpr & { kind: 'call' }, env: Env): ConstValue {
    const callee = e.callee as { kind: 'builtin'; name: string; selfTy: Ty };
    const args = e.args.map((a) => this.eval(a, env));
    if (callee.selfTy.kind !== 'int') throw new NotConst(e.span, 'not evaluated at compile time');
    const k = callee.selfTy.int;
    const a = this.intOf(args[0]!, e.span);
    const b = args[1] ? this.intOf(args[1], e.span) : 0n;
    const w = (v: bigint): ConstValue => ({ kind: 'int', value: wrapInt(v, k) });
    switch (callee.name) {
      case 'wrapping_add': return w(a + b);
      case 'wrapping_sub': return w(a - b);
      case 'wrapping_mul': return w(a * b);
      case 'min': return { kind: 'int', value: a < b ? a : b };
      case 'max': return { kind: 'int', value: a > b ? a : b };
      case 'pow': {
        const r = a ** b;
        if (r < intMin(k) || r > intMax(k)) this.overflow(e.span, `${a}_${k}.pow(${b})`);
        return { kind: 'int', value: r };
      }
      case 'count_ones': { let n = 0n; let x = BigInt.asUintN(intBits(k), a); while (x) { n += x & 1n; x >>= 1n; } return { kind: 'int', value: n }; }
      default: throw new NotConst(e.span, `\`${callee.name}\` is not evaluated at compile time`);
    }
  }

  private binary(e: HirExpr & { kind: 'binary' }, env: Env): ConstValue {
    const op = e.op;
    if (op === '&&' || op === '||') {
      const l = this.eval(e.left, env);
      if (l.kind !== 'bool') throw new NotConst(e.span, 'not a constant');
      if (op === '&&' && !l.value) return l;
      if (op === '||' && l.value) return l;
      return this.eval(e.right, env);
    }
    const l = this.eval(e.left, env);
    const r = this.eval(e.right, env);
    if (l.kind === 'bool' && r.kind === 'bool') {
      switch (op) {
        case '==': return { kind: 'bool', value: l.value === r.value };
        case '!=': return { kind: 'bool', value: l.value !== r.value };
        case '&': return { kind: 'bool', value: l.value && r.value };
        case '|': return { kind: 'bool', value: l.value || r.value };
        case '^': return { kind: 'bool', value: l.value !== r.value };
        default: break;
      }
    }
    const a = this.intOf(l, e.left.span);
    const b = this.intOf(r, e.right.span);
    switch (op) {
      case '==': return { kind: 'bool', value: a === b };
      case '!=': return { kind: 'bool', value: a !== b };
      case '<': return { kind: 'bool', value: a < b };
      case '<=': return { kind: 'bool', value: a <= b };
      case '>': return { kind: 'bool', value: a > b };
      case '>=': return { kind: 'bool', value: a >= b };
      default: break;
    }
    const k = intKind(e.ty, e.span);
    const sfx = `_${k}`;
    const check = (v: bigint, sym: string): ConstValue => {
      if (v < intMin(k) || v > intMax(k)) this.overflow(e.span, `${a}${sfx} ${sym} ${b}${sfx}`);
      return { kind: 'int', value: v };
    };
    switch (op) {
      case '+': return check(a + b, '+');
      case '-': return check(a - b, '-');
      case '*': return check(a * b, '*');
      case '/': case '%': {
        if (b === 0n) {
          this.ctx.diags.error('E0603', 'evaluation of constant value failed', e.span,
            `attempt to ${op === '/' ? 'divide' : 'calculate the remainder of'} \`${a}${sfx}\` ${op === '/' ? 'by' : 'with a divisor of'} zero`);
          throw new Reported();
        }
        if (intSigned(k) && a === intMin(k) && b === -1n) this.overflow(e.span, `${a}${sfx} ${op} -1${sfx}`);
        return { kind: 'int', value: op === '/' ? a / b : a % b };
      }
      case '&': return { kind: 'int', value: wrapInt(a & b, k) };
      case '|': return { kind: 'int', value: wrapInt(a | b, k) };
      case '^': return { kind: 'int', value: wrapInt(a ^ b, k) };
      case '<<': case '>>': {
        if (b < 0n || b >= BigInt(intBits(k))) this.overflow(e.span, `${a}${sfx} ${op} ${b}`);
        return { kind: 'int', value: op === '<<' ? wrapInt(a << b, k) : a >> b };
      }
      default: throw new NotConst(e.span, 'not a constant');
    }
  }
}

function intKind(t: Ty, span: Span): IntKind {
  if (t.kind === 'int') return t.int;
  throw new NotConst(span, `\`${displayTy(t)}\` values are not evaluated at compile time`);
}

export function litValue(v: LitValue): ConstValue {
  switch (v.kind) {
    case 'int': return { kind: 'int', value: v.value };
    case 'bool': return { kind: 'bool', value: v.value };
    case 'char': return { kind: 'char', value: v.value };
    case 'str': return { kind: 'str', value: v.value };
    case 'byteStr': return { kind: 'array', elems: v.value.map((b) => ({ kind: 'int', value: BigInt(b) })) };
  }
}

/** Length of an array type `[T; len]`: a usize constant (`constVal`), or a const generic parameter. */
export function evalArrayLen(ctx: Ctx, scope: TypeScope, len: ast.Expr): Ty | null {
  // Fast path: a plain literal.
  if (len.kind === 'lit' && len.lit.kind === 'int' && (len.lit.suffix === null || len.lit.suffix === 'usize')) return ctx.types.constVal(len.lit.value);
  if (len.kind === 'path' && len.path.segments.length === 1 && !len.path.global) {
    const gp = findGenericParam(scope.generics, len.path.segments[0]!.ident.name);
    if (gp?.isConst) return ctx.types.param(gp.index, gp.name);
  }
  const hir = checkConstExpr(ctx, scope, len, ctx.types.usize);
  if (!hir) return null;
  const v = ctx.consteval.evalRequired(hir, 'array length');
  if (!v || v.kind !== 'int') return null;
  return ctx.types.constVal(v.value);
}

/** Explicit enum discriminant `A = 3`. */
export function evalDiscriminant(ctx: Ctx, adt: AdtDef, e: ast.Expr): bigint | null {
  const reprTy = reprIntTy(ctx, adt);
  const hir = checkConstExpr(ctx, { module: adt.module, generics: null, selfTy: null, infer: null }, e, reprTy);
  if (!hir) return null;
  const v = ctx.consteval.evalRequired(hir, 'enum discriminant');
  return v && v.kind === 'int' ? v.value : null;
}

/** The integer type of a fieldless enum's discriminant: `#[repr(u8)]` or isize. */
export function reprIntTy(ctx: Ctx, adt: AdtDef): Ty {
  const r = adt.repr?.split(',').map((s) => s.trim()).find((s) => /^[iu](8|16|32|64|size)$/.test(s));
  return r ? ctx.types.int(r as IntKind) : ctx.types.int('isize');
}
