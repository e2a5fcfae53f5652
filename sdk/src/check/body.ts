// Body checking: one FnCtx per function body (or constant expression). It owns
// the inference state, the local scopes, the loop stack and the list of HIR
// nodes to "zonk" (replace inference variables by their final types) once the
// body is done. The expression, pattern, method and macro checkers are
// functions in their own files taking the FnCtx.
//
// Order inside a body: check top-down with expected types (bidirectional),
// unify as we go; at the end default integer variables to i32, re-run deferred
// trait obligations and casts, report unresolved variables, then zonk.
// Closures are checked inside their parent's FnCtx (they share inference) and
// become their own HirFn afterwards.
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { Ctx } from './ctx.ts';
import { Infer } from './infer.ts';
import { displayTy, F_VAR, intMax, intMin, type Ty, type TypeTable } from './types.ts';
import { genericsCount, hasAttr, type ConstDef, type FnDef, type Generics, type ModuleDef, type Predicate, type StaticDef, type TraitRef } from './defs.ts';
import type { FnRef, HirBlock, HirConst, HirExpr, HirExprKind, HirFn, HirPat, HirPatKind, HirStatic, LocalVar, HirParam } from './hir.ts';
import { TraitSolver } from './traits.ts';
import { constTy, envPreds, fnScope, fnSig } from './collect.ts';
import { lowerType, type TypeScope } from './lower.ts';
import { checkExpr, coerceTo } from './expr.ts';
import { checkPat } from './pat.ts';
import { checkDeferredCast } from './ops.ts';
import { reportObligation } from './method.ts';
import { allows } from './modules.ts';
import { walkExpr } from './visit.ts';

export interface LoopFrame {
  id: number;
  label: string | null;
  kind: 'loop' | 'while' | 'for' | 'block';
  /** Type of `break value` (loops and labelled blocks); null for while/for. */
  breakTy: Ty | null;
  hasBreak: boolean;
  /** Closure nesting level of the frame (a closure body cannot break out of its parent's loops). */
  closureLevel: number;
}

interface Obligation {
  ty: Ty;
  trait: TraitRef;
  span: Span;
  cause: string;
}

/** A closure checked inside this body, lifted to its own FnDef. */
interface ClosureBody {
  def: FnDef;
  params: HirParam[];
  ret: Ty;
  body: HirExpr;
  locals: LocalVar[];
}

export class FnCtx {
  readonly T: TypeTable;
  readonly infer: Infer;
  readonly solver: TraitSolver;
  readonly env: Predicate[];
  readonly locals: LocalVar[] = [];
  private readonly scope: { name: string; local: LocalVar; level: number }[] = [];
  readonly loops: LoopFrame[] = [];
  private nextLoopId = 0;
  /** Return type of the innermost function or closure; null in constant contexts. */
  retTy: Ty | null;
  unsafeDepth = 0;
  closureLevel = 0;
  /** Set when the last checked expression diverges (`!`): statements after it are unreachable. */
  diverges = false;
  readonly exprs: HirExpr[] = [];
  readonly pats: HirPat[] = [];
  readonly fnRefs: FnRef[] = [];
  readonly blocks: HirBlock[] = [];
  /** Other types to resolve at the end (opTy, itemTy, callee selfTy): objects and field names. */
  readonly extra: { obj: Record<string, unknown>; key: string }[] = [];
  readonly deferred: Obligation[] = [];
  readonly deferredCasts: HirExpr[] = [];
  /** Integer literals to range-check once their types are final. */
  readonly intLits: { e: HirExpr; value: bigint; negated: boolean }[] = [];
  readonly closures: ClosureBody[] = [];
  /** Module for name lookup (switches to a block module inside blocks with items). */
  module: ModuleDef;
  /** For or-patterns: bindings of the first alternative, reused by the others. */
  orBindings: Map<string, LocalVar> | null = null;
  /** Set while checking the variable on the left of `x = ...` (not a read). */
  assignTarget = false;

  constructor(
    readonly ctx: Ctx,
    module: ModuleDef,
    readonly generics: Generics | null,
    readonly selfTy: Ty | null,
    retTy: Ty | null,
    /** The function being checked (null for constants). */
    readonly fnDef: FnDef | null,
  ) {
    this.T = ctx.types;
    this.module = module;
    this.infer = new Infer(ctx.types);
    this.env = envPreds(ctx, generics);
    this.solver = new TraitSolver(ctx, this.infer, this.env);
    this.retTy = retTy;
  }

  // ------------------------------------------------------------ building HIR

  /** Completes a fresh node object (every call site passes a new literal, so it is extended in place). */
  mk<K extends HirExprKind>(kind: K, ty: Ty, span: Span): HirExpr {
    const e = kind as unknown as HirExpr & { ty: Ty; span: Span };
    e.ty = ty;
    e.span = span;
    this.exprs.push(e);
    return e;
  }

  mkPat<K extends HirPatKind>(kind: K, ty: Ty, span: Span): HirPat {
    const p = kind as unknown as HirPat & { ty: Ty; span: Span };
    p.ty = ty;
    p.span = span;
    this.pats.push(p);
    return p;
  }

  fnRef(fn: FnDef, args: Ty[]): FnRef {
    const r = { fn, args };
    this.fnRefs.push(r);
    return r;
  }

  /** Resolve `obj[key]` (a Ty) at the end of the body. */
  later(obj: object, key: string): void {
    this.extra.push({ obj: obj as Record<string, unknown>, key });
  }

  errorExpr(span: Span): HirExpr {
    return this.mk({ kind: 'error' }, this.T.error, span);
  }

  newLoopId(): number {
    return this.nextLoopId++;
  }

  // ------------------------------------------------------------ types

  res(t: Ty): Ty {
    return this.infer.resolveShallow(t);
  }

  show(t: Ty): string {
    return displayTy(t, (x) => this.infer.resolve(x));
  }

  newVar(span: Span): Ty {
    return this.infer.newVar(span);
  }

  typeScope(): TypeScope {
    return { module: this.module, generics: this.generics, selfTy: this.selfTy, infer: (s) => this.infer.newVar(s) };
  }

  lowerTy(t: ast.Type): Ty {
    return lowerType(this.ctx, this.typeScope(), t);
  }

  /** Reports "mismatched types" unless either side is erroneous. */
  mismatch(span: Span, expected: Ty, found: Ty, label?: string): void {
    const e = this.infer.resolve(expected);
    const f = this.infer.resolve(found);
    if (e.flags & 4 || f.flags & 4) return;
    this.ctx.diags.error('E0400', 'mismatched types', span, label ?? `expected \`${this.show(e)}\`, found \`${this.show(f)}\``)
      .note(`expected type \`${this.show(e)}\`\n   found type \`${this.show(f)}\``);
  }

  /** Unify or report a mismatch at `span`. */
  expectEq(span: Span, expected: Ty, found: Ty): boolean {
    if (this.infer.unify(expected, found)) return true;
    this.mismatch(span, expected, found);
    return false;
  }

  // ------------------------------------------------------------ scopes

  scopeMark(): number {
    return this.scope.length;
  }

  scopeReset(mark: number): void {
    this.scope.length = mark;
  }

  newLocal(name: string, mut: boolean, ty: Ty, span: Span): LocalVar {
    const l: LocalVar = { id: this.locals.length, name, mut, ty, span, used: false, mutated: false, deferredInit: false };
    this.locals.push(l);
    return l;
  }

  declare(l: LocalVar): void {
    this.scope.push({ name: l.name, local: l, level: this.closureLevel });
  }

  lookupLocal(name: string, span: Span): LocalVar | null {
    for (let i = this.scope.length - 1; i >= 0; i--) {
      const s = this.scope[i]!;
      if (s.name !== name) continue;
      if (s.level < this.closureLevel) {
        this.ctx.diags.error('E0313', `closures cannot capture local variables in Orizon v0.1: \`${name}\``, span, 'captured here')
          .label(s.local.span, `\`${name}\` is declared outside the closure`)
          .help('pass the value as a parameter, or use a `const`/`static`');
      }
      return s.local;
    }
    return null;
  }

  localNames(): string[] {
    return this.scope.map((s) => s.name);
  }

  // ------------------------------------------------------------ obligations

  /** Requires `ty: trait`; decided now when possible, else at the end of the body. */
  require(ty: Ty, trait: TraitRef, span: Span, cause: string): void {
    const r = this.solver.select(ty, trait);
    if (r.kind === 'ambiguous') this.deferred.push({ ty, trait, span, cause });
    else if (r.kind === 'none') reportObligation(this, ty, trait, span, cause);
  }

  /** Obligations for calling something with generics `g` instantiated by `args`. */
  requirePreds(g: Generics, args: readonly Ty[], span: Span, cause: string): void {
    for (let cur: Generics | null = g; cur; cur = cur.parent) {
      for (const p of cur.preds) {
        // A trait's implicit `Self: Trait` is satisfied by method resolution itself.
        if (cur.parent === null && p.ty.kind === 'param' && p.ty.index === 0 && p.trait.trait.generics === cur) continue;
        this.require(this.T.subst(p.ty, args), { trait: p.trait.trait, args: p.trait.args.map((a) => this.T.subst(a, args)) }, span, cause);
      }
    }
  }

  /** Fresh inference variables for every generic parameter of `g`. */
  freshArgs(g: Generics, span: Span): Ty[] {
    const out: Ty[] = new Array(genericsCount(g));
    for (let cur: Generics | null = g; cur; cur = cur.parent) for (const p of cur.own) out[p.index] = this.newVar(span);
    return out;
  }

  // ------------------------------------------------------------ finishing

  /** Defaults, deferred checks, then replaces every inference variable in the HIR. */
  finish(): void {
    this.infer.defaultIntVars();
    for (const o of this.deferred) {
      const r = this.solver.select(o.ty, o.trait);
      if (r.kind === 'none') reportObligation(this, o.ty, o.trait, o.span, o.cause);
    }
    for (const c of this.deferredCasts) checkDeferredCast(this, c);
    const u = this.infer.firstUnresolved();
    if (u && !this.ctx.diags.hasErrors) {
      this.ctx.diags.error('E0401', 'type annotations needed', u.span, 'cannot infer the type here')
        .help('give the variable or the generic argument an explicit type');
    }
    this.infer.bindRemainingToError();
    const z = (t: Ty): Ty => ((t.flags & F_VAR) === 0 ? t : this.infer.resolve(t));
    for (const e of this.exprs) {
      (e as { ty: Ty }).ty = z(e.ty);
      if (e.kind === 'binary') (e as { opTy: Ty }).opTy = z(e.opTy);
      else if (e.kind === 'for') (e as { itemTy: Ty }).itemTy = z(e.itemTy);
      else if (e.kind === 'call' && e.callee.kind === 'builtin') (e.callee as { selfTy: Ty }).selfTy = z(e.callee.selfTy);
      else if (e.kind === 'const') e.args = e.args.map(z);
    }
    for (const p of this.pats) (p as { ty: Ty }).ty = z(p.ty);
    for (const r of this.fnRefs) r.args = r.args.map(z);
    for (const b of this.blocks) b.ty = z(b.ty);
    for (const l of this.locals) l.ty = z(l.ty);
    for (const x of this.extra) x.obj[x.key] = z(x.obj[x.key] as Ty);
    for (const c of this.closures) {
      c.ret = z(c.ret);
      for (const p of c.params) p.ty = z(p.ty);
      c.def.sig = { params: c.def.sig!.params.map(z), ret: z(c.def.sig!.ret) };
    }
    this.checkIntLits();
  }

  private checkIntLits(): void {
    for (const { e, value, negated } of this.intLits) {
      const t = e.ty;
      if (t.kind !== 'int') continue;
      const v = negated ? -value : value;
      const max = intMax(t.int);
      // Like rustc: an unsigned literal written in hex/binary that fits the bit width is out of range only when it does not fit.
      if (v < intMin(t.int) || v > max) {
        this.ctx.diags.error('E0414', `literal out of range for \`${t.int}\``, e.span, `the literal \`${negated ? '-' : ''}${value}\` does not fit into the type \`${t.int}\` whose range is \`${intMin(t.int)}..=${max}\``)
          .note('`#[deny(overflowing_literals)]` on by default, as in Rust');
      }
    }
  }
}

// ---------------------------------------------------------------- entry points

function paramPats(fx: FnCtx, f: FnDef, sigParams: readonly Ty[]): HirParam[] {
  const out: HirParam[] = [];
  f.decl.params.forEach((p, i) => {
    const ty = sigParams[i] ?? fx.T.error;
    if (p.kind === 'self') {
      const l = fx.newLocal('self', p.mut && !p.byRef, ty, p.span);
      l.used = true;
      fx.declare(l);
      out.push({ pat: fx.mkPat({ kind: 'binding', local: l, mode: 'move', sub: null }, ty, p.span), ty });
      return;
    }
    const newLocals: LocalVar[] = [];
    const pat = checkPat(fx, p.pat, ty, newLocals);
    for (const l of newLocals) fx.declare(l);
    out.push({ pat, ty });
  });
  return out;
}

/** Type-checks one function body into a HirFn (also registers lifted closures). */
export function checkFnBody(ctx: Ctx, f: FnDef): HirFn | null {
  if (!f.body) return null;
  const done = ctx.fnHir.get(f);
  if (done) return done;
  const sig = fnSig(ctx, f);
  const scope = fnScope(ctx, f);
  const fx = new FnCtx(ctx, f.module, f.generics, scope.selfTy, sig.ret, f);
  if (f.decl.isUnsafe) fx.unsafeDepth++;
  const params = paramPats(fx, f, sig.params);
  const body = checkExpr(fx, { kind: 'block', block: f.body, unsafe: false, label: null, id: -1, span: f.body.span }, sig.ret);
  const coerced = coerceTo(fx, body, sig.ret, f.body.span, true);
  fx.finish();
  const hir: HirFn = { def: f, params, ret: sig.ret, body: coerced, locals: fx.locals.filter((l) => !closureLocal(fx, l)), genericCount: genericsCount(f.generics) };
  ctx.fnHir.set(f, hir);
  for (const c of fx.closures) {
    ctx.fnHir.set(c.def, { def: c.def, params: c.params, ret: c.ret, body: c.body, locals: c.locals, genericCount: genericsCount(c.def.generics) });
  }
  return hir;
}

function closureLocal(fx: FnCtx, l: LocalVar): boolean {
  for (const c of fx.closures) if (c.locals.includes(l)) return true;
  return false;
}

/** Type-checks a standalone constant expression (array length, discriminant) against `expected`. */
export function checkConstExpr(ctx: Ctx, scope: TypeScope, e: ast.Expr, expected: Ty): HirExpr | null {
  const fx = new FnCtx(ctx, scope.module, scope.generics, scope.selfTy, null, null);
  const errs = ctx.diags.errorCount;
  const hir = coerceTo(fx, checkExpr(fx, e, expected), expected, e.span, false);
  fx.finish();
  return ctx.diags.errorCount > errs ? null : hir;
}

/** The checked HIR of a const item (memoised; checked on first use). */
export function constItemHir(ctx: Ctx, c: ConstDef): HirConst | null {
  if (ctx.constHir.has(c)) return ctx.constHir.get(c)!;
  ctx.constHir.set(c, null);
  if (!c.value) return null;
  const ty = constTy(ctx, c);
  const owner = c.owner;
  const generics = owner ? (owner.kind === 'impl' ? owner.impl.generics : owner.trait.generics) : null;
  const selfTy = owner ? (owner.kind === 'impl' ? owner.impl.selfTy : ctx.types.param(0, 'Self')) : null;
  const fx = new FnCtx(ctx, c.module, generics, selfTy, null, null);
  const value = coerceTo(fx, checkExpr(fx, c.value, ty), ty, c.value.span, false);
  fx.finish();
  requireConstContext(ctx, value, 'constants');
  const hir: HirConst = { def: c, ty, value, evaluated: null };
  ctx.constHir.set(c, hir);
  return hir;
}

export function staticItemHir(ctx: Ctx, s: StaticDef): HirStatic | null {
  const done = ctx.staticHir.get(s);
  if (done) return done;
  if (!s.value) return null;
  const ty = s.ty ?? ctx.types.error;
  const fx = new FnCtx(ctx, s.module, null, null, null, null);
  const init = coerceTo(fx, checkExpr(fx, s.value, ty), ty, s.value.span, false);
  fx.finish();
  requireConstContext(ctx, init, 'statics');
  const hir: HirStatic = { def: s, ty, init, evaluated: ctx.consteval.tryEval(init) };
  ctx.staticHir.set(s, hir);
  return hir;
}

/** Constant initialisers may only call `const fn`s (and built-in methods), as in Rust (E0015). */
function requireConstContext(ctx: Ctx, e: HirExpr, what: string): void {
  walkExpr(e, {
    expr(x) {
      if (x.kind === 'call' && x.callee.kind === 'fn') {
        const f = x.callee.ref.fn;
        if (!f.decl.isConst && !f.intrinsic && !f.closureOf) {
          ctx.diags.error('E0603', `calls in ${what} are limited to constant functions`, x.span, `\`${f.name}\` is not a \`const fn\``)
            .help(`declare it \`const fn ${f.name}\` if it can run at compile time, or compute the value in \`main\``);
        }
      } else if (x.kind === 'call' && x.callee.kind === 'ptr') {
        ctx.diags.error('E0603', `function pointer calls are not allowed in ${what}`, x.span, 'not a constant function');
      } else if (x.kind === 'print') {
        ctx.diags.error('E0603', `printing is not allowed in ${what}`, x.span, 'not constant');
      }
    },
  });
}

/** Does `f` opt out of a lint with `#[allow(lint)]` (on itself, its impl/trait, or the crate)? */
export function fnAllows(f: FnDef, lint: string): boolean {
  if (allows(f.attrs, lint)) return true;
  if (f.owner?.kind === 'impl' && allows(f.owner.impl.attrs, lint)) return true;
  if (f.closureOf) return fnAllows(f.closureOf, lint);
  return false;
}

export { hasAttr };
