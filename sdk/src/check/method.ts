// Method calls, field access and indexing, with Rust's auto-deref/auto-ref.
//
// Method probing follows rustc: the receiver type is dereferenced step by
// step (`&&T`, `&T`, `T`, then `[T]` for arrays); candidates are collected
// from every step's type (inherent impl methods and built-ins first, then
// methods of traits in scope, or of the bounds of a type parameter). For each
// step, in order, the receiver is tried by value, then `&`, then `&mut`; the
// first candidate whose `self` type matches wins. The chosen adjustments
// become explicit `deref`/`addrOf`/`coerce` nodes on the receiver.
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { FnCtx } from './body.ts';
import type { Ty } from './types.ts';
import { isVisible, type ConstDef, type FnDef, type ImplDef, type ModuleDef, type TraitDef, type TraitRef } from './defs.ts';
import type { HirExpr } from './hir.ts';
import { headKey, constTy } from './collect.ts';
import { instSig } from './traits.ts';
import { checkExpr, coerceTo, markUsed, requireMutablePlace } from './expr.ts';
import { checkArgs } from './path.ts';
import { requireUnsafe } from './ops.ts';
import { builtinMethod, builtinSig, builtinMethodNames, type RecvMode } from './builtins.ts';
import { didYouMean } from './resolve.ts';
import { ensureFields } from './collect.ts';

// ---------------------------------------------------------------- lookup helpers

/** Inherent impl items named `name` whose impl matches `ty` (impl args as inference variables). */
export function inherentItems(fx: FnCtx, ty: Ty, name: string, commit = true): { impl: ImplDef; item: FnDef | ConstDef; implArgs: Ty[]; implSelf: Ty }[] {
  const key = headKey(ty);
  if (key === null) return [];
  const impls = fx.ctx.inherentImpls.get(key);
  if (!impls) return [];
  const out: { impl: ImplDef; item: FnDef | ConstDef; implArgs: Ty[]; implSelf: Ty }[] = [];
  for (const impl of impls) {
    const item = impl.methods.get(name) ?? impl.consts.get(name);
    if (!item) continue;
    const args = impl.generics.own.map(() => fx.T.freshVar());
    const implSelf = fx.T.subst(impl.selfTy, args);
    const snap = fx.infer.snapshot();
    if (!fx.infer.tryUnify(implSelf, ty)) continue;
    if (commit) {
      for (const a of args) fx.infer.origins.push({ v: a, span: item.span });
    } else {
      fx.infer.rollback(snap);
    }
    if (item.kind === 'const') constTy(fx.ctx, item);
    out.push({ impl, item, implArgs: args, implSelf });
  }
  return out;
}

/** Traits whose methods may be called from module `m`: declared or imported there (and in enclosing blocks), and the prelude's. */
export function traitsInScope(fx: FnCtx, m: ModuleDef): TraitDef[] {
  const memo = fx.ctx.traitsInScopeMemo.get(m);
  if (memo) return memo;
  const out = new Set<TraitDef>();
  const addModule = (mod: ModuleDef, seen: Set<ModuleDef>, from: ModuleDef): void => {
    if (seen.has(mod)) return;
    seen.add(mod);
    for (const b of mod.types.values()) if (b.def.kind === 'trait' && (mod === from || isVisible(b.vis, from))) out.add(b.def);
    for (const g of mod.globs) if (g.target.kind === 'mod') addModule(g.target, seen, from);
  };
  for (let cur: ModuleDef | null = m; cur; cur = cur.name === '{block}' ? cur.parent : null) addModule(cur, new Set(), cur);
  if (fx.ctx.prelude) addModule(fx.ctx.prelude, new Set(), fx.ctx.prelude);
  const list = [...out];
  fx.ctx.traitsInScopeMemo.set(m, list);
  return list;
}

/** Calling a trait's method uses the import that brought the trait into scope. */
export function markTraitImportUsed(fx: FnCtx, t: TraitDef): void {
  for (let m: ModuleDef | null = fx.module; m; m = m.name === '{block}' ? m.parent : null) {
    for (const b of m.types.values()) if (b.def === t && b.importOf) b.importOf.used = true;
    for (const g of m.globs) if (g.target.kind === 'mod' && [...g.target.types.values()].some((b) => b.def === t)) g.record.used = true;
  }
}

/** A trait item (method or const) named `name` applicable to `ty`: from bounds for parameters, else traits in scope. */
export function traitItemsFor(fx: FnCtx, ty: Ty, name: string): { trait: TraitDef; traitArgs: Ty[]; item: FnDef | ConstDef } | null {
  if (ty.kind === 'param') {
    for (const p of fx.env) {
      if (p.ty !== ty) continue;
      const item = p.trait.trait.methods.get(name) ?? p.trait.trait.consts.get(name);
      if (item) return { trait: p.trait.trait, traitArgs: [...p.trait.args], item };
    }
    return null;
  }
  for (const t of traitsInScope(fx, fx.module)) {
    const item = t.methods.get(name) ?? t.consts.get(name);
    if (!item) continue;
    const traitArgs = t.generics.own.slice(1).map(() => fx.T.freshVar());
    const sel = fx.solver.select(ty, { trait: t, args: traitArgs });
    if (sel.kind !== 'none') {
      fx.require(ty, { trait: t, args: traitArgs }, item.span, `required by \`${t.name}::${name}\``);
      return { trait: t, traitArgs, item };
    }
  }
  return null;
}

// ---------------------------------------------------------------- autoderef

interface Step {
  ty: Ty;
  derefs: number;
  /** The `[T; N]` → `[T]` step after the last deref. */
  unsize: boolean;
}

function autoderefSteps(fx: FnCtx, t: Ty): Step[] {
  const steps: Step[] = [{ ty: t, derefs: 0, unsize: false }];
  let cur = t;
  for (let i = 0; i < 8; i++) {
    if (cur.kind !== 'ref') break;
    cur = fx.res(cur.inner);
    steps.push({ ty: cur, derefs: i + 1, unsize: false });
  }
  if (cur.kind === 'array') steps.push({ ty: fx.T.slice(cur.elem), derefs: steps[steps.length - 1]!.derefs, unsize: true });
  return steps;
}

/** Applies `n` implicit derefs to `e`. */
function applyDerefs(fx: FnCtx, e: HirExpr, n: number): HirExpr {
  let cur = e;
  for (let i = 0; i < n; i++) {
    const t = fx.res(cur.ty);
    if (t.kind !== 'ref' && t.kind !== 'ptr') break;
    cur = fx.mk({ kind: 'deref', operand: cur, implicit: true }, t.inner, cur.span);
  }
  return cur;
}

// ---------------------------------------------------------------- method calls

type Candidate =
  /** `implSelf` (the inherent impl's self type) must also unify with `stepTy`. */
  | { kind: 'fn'; fn: FnDef; args: Ty[]; selfParam: Ty; trait: TraitRef | null; stepTy: Ty; implSelf: Ty | null }
  | { kind: 'builtin'; name: ReturnType<typeof builtinMethod> & object; selfParam: Ty; stepTy: Ty; implSelf: null };

function collectCandidates(fx: FnCtx, steps: Step[], name: string, span: Span): { inherent: Candidate[]; traits: Candidate[] } {
  const inherent: Candidate[] = [];
  const traits: Candidate[] = [];
  const T = fx.T;
  for (const s of steps) {
    for (const c of inherentItems(fx, s.ty, name, false)) {
      if (c.item.kind !== 'fn' || c.item.selfKind === null) continue;
      const args = [...c.implArgs];
      for (const p of c.item.generics.own) args[p.index] = fx.T.freshVar();
      const sig = instSig(fx.ctx, c.item, args);
      inherent.push({ kind: 'fn', fn: c.item, args, selfParam: sig.params[0]!, trait: null, stepTy: s.ty, implSelf: c.implSelf });
    }
    const b = builtinMethod(fx, s.ty, name, false);
    if (b) inherent.push({ kind: 'builtin', name: b, selfParam: recvType(fx, b.recv, s.ty), stepTy: s.ty, implSelf: null });
    const addTrait = (t: TraitDef, traitArgs: Ty[]): void => {
      const m = t.methods.get(name);
      if (!m || m.selfKind === null) return;
      if (traits.some((c) => c.kind === 'fn' && c.fn === m && c.stepTy === s.ty)) return;
      const args: Ty[] = [s.ty, ...traitArgs];
      for (const p of m.generics.own) args[p.index] = fx.T.freshVar();
      const sig = instSig(fx.ctx, m, args);
      traits.push({ kind: 'fn', fn: m, args, selfParam: sig.params[0]!, trait: { trait: t, args: traitArgs }, stepTy: s.ty, implSelf: null });
    };
    if (s.ty.kind === 'param') {
      for (const p of fx.env) if (p.ty === s.ty) addTrait(p.trait.trait, [...p.trait.args]);
    } else if (s.ty.kind !== 'var') {
      for (const t of traitsInScope(fx, fx.module)) {
        if (!t.methods.has(name)) continue;
        const traitArgs = t.generics.own.slice(1).map(() => T.freshVar());
        if (fx.solver.select(s.ty, { trait: t, args: traitArgs }).kind === 'none') continue;
        addTrait(t, traitArgs);
      }
    }
  }
  void span;
  return { inherent, traits };
}

function recvType(fx: FnCtx, mode: RecvMode, t: Ty): Ty {
  return mode === 'value' ? t : fx.T.ref(mode === 'refMut', t);
}

export function checkMethodCall(fx: FnCtx, e: ast.Expr & { kind: 'methodCall' }, expected: Ty | null): HirExpr {
  const T = fx.T;
  const recv = checkExpr(fx, e.receiver, null);
  markUsed(recv);
  const rt = fx.res(recv.ty);
  const name = e.method.name;
  const bail = (): HirExpr => {
    for (const a of e.args) checkExpr(fx, a, null);
    return fx.errorExpr(e.span);
  };
  if (rt.kind === 'error') return bail();
  if (rt.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', e.receiver.span, 'type must be known at this point')
      .note(`the type of the receiver must be known to call \`${name}\``);
    return bail();
  }
  if (rt.kind === 'intVar' && !intVarMethodOk(fx, name)) {
    fx.ctx.diags.error('E0413', `can't call method \`${name}\` on ambiguous numeric type \`{integer}\``, e.method.span, 'ambiguous numeric type')
      .help('you must specify a concrete type for this numeric value, like `i32` (e.g. `2_u32` or `let x: u32 = ...`)');
    return bail();
  }
  const steps = autoderefSteps(fx, rt);
  const cands = collectCandidates(fx, steps, name, e.method.span);
  for (const s of steps) {
    for (const mode of ['value', 'ref', 'refMut'] as const) {
      const adjusted = recvType(fx, mode, s.ty);
      for (const group of [cands.inherent, cands.traits]) {
        for (const c of group) {
          const snap = fx.infer.snapshot();
          if (c.implSelf && !fx.infer.unify(c.implSelf, c.stepTy) || !fx.infer.unify(c.selfParam, adjusted)) {
            fx.infer.rollback(snap);
            continue;
          }
          return finishMethodCall(fx, e, recv, s, mode, c, expected);
        }
      }
    }
  }
  reportNoMethod(fx, e, rt, steps);
  return bail();
}

/**
 * Trait methods (and `min`/`max`, which are `Ord` methods in Rust) may be called on
 * an integer literal whose type is not known yet; inherent integer methods may not.
 */
function intVarMethodOk(fx: FnCtx, name: string): boolean {
  if (name === 'min' || name === 'max') return true;
  return traitsInScope(fx, fx.module).some((t) => t.methods.has(name) && fx.solver.select(fx.T.i32, { trait: t, args: [] }).kind !== 'none');
}

function finishMethodCall(fx: FnCtx, e: ast.Expr & { kind: 'methodCall' }, recv: HirExpr, s: Step, mode: RecvMode, c: Candidate, expected: Ty | null): HirExpr {
  const T = fx.T;
  let r = applyDerefs(fx, recv, s.derefs);
  if (s.unsize) {
    // `[T; N]` → `[T]`: borrow the array and unsize the reference (mode is & or &mut here).
    const m = mode === 'refMut';
    if (m) requireMutablePlace(fx, r, e.receiver.span, 'borrow');
    const ref = fx.mk({ kind: 'addrOf', mut: m, operand: r, implicit: true }, T.ref(m, fx.res(r.ty)), r.span);
    r = fx.mk({ kind: 'coerce', operand: ref, coercion: 'unsize' }, T.ref(m, s.ty), r.span);
  } else if (mode !== 'value') {
    const m = mode === 'refMut';
    if (m) requireMutablePlace(fx, r, e.receiver.span, 'borrow');
    r = fx.mk({ kind: 'addrOf', mut: m, operand: r, implicit: true }, T.ref(m, s.ty), r.span);
  }
  if (c.kind === 'builtin') {
    const sig = builtinSig(fx, c.name.name, c.name.selfTy);
    const args = checkArgs(fx, sig.params, e.args, e.span, null);
    return fx.mk({ kind: 'call', callee: { kind: 'builtin', name: c.name.name, selfTy: c.name.selfTy }, args: [r, ...args] }, sig.ret, e.span);
  }
  const f = c.fn;
  const args = c.args;
  const written = e.generics;
  if (written) {
    const own = f.generics.own;
    if (written.length !== own.length) {
      fx.ctx.diags.error('E0311', `method takes ${own.length} generic argument${own.length === 1 ? '' : 's'} but ${written.length} ${written.length === 1 ? 'was' : 'were'} supplied`, e.method.span);
    } else {
      own.forEach((p, i) => fx.infer.unify(args[p.index]!, fx.lowerTy(written[i]!)));
    }
  }
  for (const a of args) fx.infer.origins.push({ v: a, span: e.method.span });
  const sig = instSig(fx.ctx, f, args);
  if (expected) fx.infer.tryUnify(sig.ret, expected);
  if (c.trait) {
    fx.require(c.stepTy, c.trait, e.method.span, `required by \`${c.trait.trait.name}::${f.name}\``);
    markTraitImportUsed(fx, c.trait.trait);
  }
  fx.requirePreds(f.generics, args, e.method.span, `required by a bound in \`${f.name}\``);
  if (f.decl.isUnsafe) requireUnsafe(fx, e.span, `call to unsafe method \`${f.name}\``);
  if (!isVisible(f.vis, fx.module)) {
    fx.ctx.diags.error('E0306', `method \`${f.name}\` is private`, e.method.span, 'private method').label(f.span, 'private method defined here');
  }
  const rest = checkArgs(fx, sig.params.slice(1), e.args, e.span, f.span);
  return fx.mk({ kind: 'call', callee: { kind: 'fn', ref: fx.fnRef(f, args) }, args: [r, ...rest] }, sig.ret, e.span);
}

function reportNoMethod(fx: FnCtx, e: ast.Expr & { kind: 'methodCall' }, rt: Ty, steps: Step[]): void {
  const name = e.method.name;
  const base = fx.res(steps[steps.length - 1]!.ty);
  const what = base.kind === 'adt' ? `${base.def.adtKind} \`${fx.show(base)}\`` : base.kind === 'param' ? `type parameter \`${base.name}\`` : `type \`${fx.show(rt)}\``;
  const b = fx.ctx.diags.error('E0404', `no method named \`${name}\` found for ${what} in the current scope`, e.method.span,
    `method not found in \`${fx.show(rt)}\``);
  // A field with that name?
  if (base.kind === 'adt' && base.def.adtKind === 'struct' && base.def.variants[0]!.fields.some((f) => f.name === name)) {
    b.help(`\`${name}\` is a field, not a method: to call a function stored in it, write \`(value.${name})(...)\``);
    return;
  }
  // A trait that has it but is not in scope, or a bound that is missing.
  const inScope = new Set(traitsInScope(fx, fx.module));
  for (const t of fx.ctx.traits) {
    if (!t.methods.has(name)) continue;
    if (base.kind === 'param') {
      b.help(`the trait \`${t.name}\` defines an item \`${name}\`; perhaps you need to restrict type parameter \`${base.name}\` with it: \`${base.name}: ${t.name}\``);
      return;
    }
    if (!inScope.has(t) && fx.solver.select(base, { trait: t, args: t.generics.own.slice(1).map(() => fx.T.freshVar()) }).kind !== 'none') {
      b.help(`trait \`${t.name}\` which provides \`${name}\` is implemented but not in scope; import it: \`import ${t.module.displayPath}::${t.name};\``);
      return;
    }
  }
  const names = new Set<string>();
  for (const s of steps) {
    for (const n of builtinMethodNames(fx.T, s.ty)) names.add(n);
    const key = headKey(s.ty);
    for (const impl of key ? fx.ctx.inherentImpls.get(key) ?? [] : []) for (const n of impl.methods.keys()) names.add(n);
  }
  for (const t of traitsInScope(fx, fx.module)) for (const n of t.methods.keys()) names.add(n);
  const help = didYouMean(name, names, 'method');
  if (help) b.help(help);
}

// ---------------------------------------------------------------- fields

export function checkField(fx: FnCtx, e: ast.Expr & ({ kind: 'field' } | { kind: 'tupleField' })): HirExpr {
  const base = checkExpr(fx, e.expr, null);
  markUsed(base);
  const bt = fx.res(base.ty);
  const name = e.kind === 'field' ? e.name.name : String(e.index);
  const nameSpan = e.kind === 'field' ? e.name.span : e.span;
  if (bt.kind === 'error') return fx.errorExpr(e.span);
  if (bt.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', e.expr.span, 'type must be known at this point');
    return fx.errorExpr(e.span);
  }
  const steps = autoderefSteps(fx, bt);
  for (const s of steps) {
    if (s.unsize) continue;
    const t = s.ty;
    if (t.kind === 'tuple' && e.kind === 'tupleField' && e.index < t.elems.length) {
      return fx.mk({ kind: 'tupleField', base: applyDerefs(fx, base, s.derefs), index: e.index }, t.elems[e.index]!, e.span);
    }
    if (t.kind === 'adt' && t.def.adtKind === 'struct') {
      ensureFields(fx.ctx, t.def);
      const v = t.def.variants[0]!;
      const idx = v.fields.findIndex((f) => f.name === name);
      if (idx < 0) continue;
      const fd = v.fields[idx]!;
      if (!isVisible(fd.vis, fx.module)) {
        fx.ctx.diags.error('E0306', `field \`${name}\` of struct \`${t.def.name}\` is private`, nameSpan, 'private field');
      }
      return fx.mk({ kind: 'field', base: applyDerefs(fx, base, s.derefs), variant: 0, index: idx, name }, fx.T.subst(fd.ty, t.args), e.span);
    }
  }
  const last = fx.res(steps[steps.length - 1]!.ty);
  const b = fx.ctx.diags.error('E0403', `no field \`${name}\` on type \`${fx.show(bt)}\``, nameSpan, 'unknown field');
  if (last.kind === 'adt' && last.def.adtKind === 'struct') {
    const fields = last.def.variants[0]!.fields.map((f) => f.name);
    const help = didYouMean(name, fields, 'field');
    if (help) b.help(help);
    else if (fields.length) b.note(`available fields are: ${fields.map((f) => `\`${f}\``).join(', ')}`);
    const key = headKey(last);
    if (key && (fx.ctx.inherentImpls.get(key) ?? []).some((i) => i.methods.has(name))) b.help(`\`${name}\` is a method: call it with parentheses: \`.${name}()\``);
  } else if (last.kind === 'adt' && last.def.adtKind === 'enum') {
    b.note('enum fields are reached by matching on the variant: `match value { Variant { field, .. } => ... }`');
  }
  return fx.errorExpr(e.span);
}

// ---------------------------------------------------------------- indexing

export function checkIndex(fx: FnCtx, e: ast.Expr & { kind: 'index' }): HirExpr {
  const T = fx.T;
  const base = checkExpr(fx, e.expr, null);
  markUsed(base);
  const bt = fx.res(base.ty);
  const isRange = e.index.kind === 'range';
  if (bt.kind === 'error') { checkExpr(fx, e.index, null); return fx.errorExpr(e.span); }
  const steps = autoderefSteps(fx, bt);
  for (const s of steps) {
    if (s.unsize) continue;
    const t = s.ty;
    const indexable = t.kind === 'array' || t.kind === 'slice' || (isRange && t.kind === 'str');
    if (!indexable) continue;
    const b = applyDerefs(fx, base, s.derefs);
    if (isRange) {
      const r = e.index as ast.Expr & { kind: 'range' };
      const lo = r.lo ? usizeIndex(fx, r.lo, t) : null;
      const hi = r.hi ? usizeIndex(fx, r.hi, t) : null;
      const ty = t.kind === 'str' ? T.str : T.slice((t as Ty & { elem: Ty }).elem);
      return fx.mk({ kind: 'sliceRange', base: b, lo, hi, inclusive: r.inclusive }, ty, e.span);
    }
    const index = usizeIndex(fx, e.index, t);
    return fx.mk({ kind: 'index', base: b, index, proof: null }, (t as Ty & { elem: Ty }).elem, e.span);
  }
  checkExpr(fx, e.index, null);
  if (bt.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', e.expr.span, 'type must be known at this point');
  } else {
    const b = fx.ctx.diags.error('E0405', `cannot index into a value of type \`${fx.show(bt)}\``, e.span, 'cannot be indexed');
    if (fx.res(steps[steps.length - 1]!.ty).kind === 'str') b.help('strings are indexed by ranges (`&s[1..3]`) or through `.as_bytes()[i]`');
  }
  return fx.errorExpr(e.span);
}

function usizeIndex(fx: FnCtx, idx: ast.Expr, container: Ty): HirExpr {
  const T = fx.T;
  const h = checkExpr(fx, idx, T.usize);
  markUsed(h);
  const t = fx.res(h.ty);
  if (t.kind === 'int' && t.int !== 'usize') {
    fx.ctx.diags.error('E0405', `the type \`${fx.show(container)}\` cannot be indexed by \`${t.int}\``, idx.span, 'slice indices are of type `usize`')
      .help(`convert the index with \`as usize\`: \`${'...'} as usize\``);
    return h;
  }
  return coerceTo(fx, h, T.usize, idx.span, false);
}

// ---------------------------------------------------------------- obligations

/** "the trait bound `T: Trait` is not satisfied", naming the missing impl. */
export function reportObligation(fx: FnCtx, ty: Ty, trait: TraitRef, span: Span, cause: string): void {
  const t = fx.infer.resolve(ty);
  if (t.flags & 4) return;
  const tn = trait.trait.name;
  const ts = fx.show(t);
  const b = fx.ctx.diags.error('E0500', `the trait bound \`${ts}: ${tn}\` is not satisfied`, span, `the trait \`${tn}\` is not implemented for \`${ts}\``);
  if (cause) b.note(cause);
  const derivable = ['Debug', 'Clone', 'Copy', 'PartialEq', 'Eq', 'PartialOrd', 'Ord'];
  if (t.kind === 'adt' && derivable.includes(tn) && trait.trait.module.crate.isLibrary) {
    b.help(`consider annotating \`${t.def.name}\` with \`#[derive(${tn === 'Copy' ? 'Clone, Copy' : tn === 'Eq' ? 'PartialEq, Eq' : tn})]\``);
  } else if (t.kind === 'param') {
    b.help(`consider restricting type parameter \`${t.name}\`: \`${t.name}: ${tn}\``);
  } else {
    b.help(`add the missing impl: \`impl ${tn} for ${ts} { ... }\``);
  }
}

export { coerceTo };
