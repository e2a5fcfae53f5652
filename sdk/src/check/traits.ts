// Trait selection: does type `T` implement trait `Tr`, and through which impl?
// Sources, in order: the where-clauses in scope (for type parameters), the
// built-in impls of the lang traits for primitive and structural types, then
// user and derived impls (matched by their header, then their own bounds).
//
// With inference variables the answer may be "ambiguous"; body checking
// defers such obligations until integer variables have defaulted to i32.
import type { Ctx, LangTraitName } from './ctx.ts';
import type { Infer } from './infer.ts';
import { genericsCount, type ImplDef, type Predicate, type TraitDef, type TraitRef, type FnDef } from './defs.ts';
import { displayTy, type Ty } from './types.ts';
import type { FnRef, ResolvedCallee, BuiltinMethod } from './hir.ts';
import { fnSig } from './collect.ts';

export type Selection =
  | { kind: 'impl'; impl: ImplDef; args: Ty[] }
  | { kind: 'param'; pred: Predicate }
  | { kind: 'builtin' }
  | { kind: 'none' }
  | { kind: 'ambiguous' };

function langKey(ctx: Ctx, t: TraitDef): LangTraitName | null {
  const l = ctx.lang;
  if (t === l.copy) return 'copy';
  if (t === l.clone) return 'clone';
  if (t === l.partialEq) return 'partialEq';
  if (t === l.eq) return 'eq';
  if (t === l.partialOrd) return 'partialOrd';
  if (t === l.ord) return 'ord';
  if (t === l.debug) return 'debug';
  if (t === l.display) return 'display';
  return null;
}

/** Built-in impls: null if none applies, else the types that must implement the trait too. */
function builtinImpl(key: LangTraitName, t: Ty): Ty[] | null {
  switch (t.kind) {
    case 'int': case 'bool': case 'char': return [];
    case 'never': return key === 'display' || key === 'debug' ? [] : [];
    case 'str': return key === 'copy' || key === 'clone' ? null : [];
    case 'tuple': return key === 'display' ? null : [...t.elems];
    case 'array': return key === 'display' ? null : [t.elem];
    case 'slice': return key === 'copy' || key === 'clone' || key === 'display' ? null : [t.elem];
    case 'ref':
      if (key === 'copy' || key === 'clone') return t.mut ? null : [];
      return [t.inner];
    case 'ptr': return key === 'display' ? null : [];
    case 'fnPtr': return key === 'display' ? null : [];
    case 'builtin': return key === 'clone' || key === 'debug' || key === 'partialEq' || key === 'eq' ? [...t.args] : null;
    default: return null;
  }
}

export class TraitSolver {
  constructor(readonly ctx: Ctx, readonly infer: Infer | null, readonly env: readonly Predicate[]) {}

  private res(t: Ty): Ty {
    return this.infer ? this.infer.resolveShallow(t) : t;
  }

  select(ty: Ty, tr: TraitRef, depth = 0): Selection {
    if (depth > 24) return { kind: 'none' };
    const t = this.res(ty);
    if (t.kind === 'error') return { kind: 'builtin' };
    if (t.kind === 'var') return { kind: 'ambiguous' };
    const key = langKey(this.ctx, tr.trait);
    if (t.kind === 'intVar') {
      if (key) return { kind: 'builtin' };
      return { kind: 'ambiguous' };
    }
    if (t.kind === 'param') {
      for (const p of this.env) {
        if (p.ty === t && p.trait.trait === tr.trait && this.argsMatch(p.trait.args, tr.args)) return { kind: 'param', pred: p };
      }
      // Lang traits implied by Copy: a `T: Copy` is also `T: Clone`.
      return { kind: 'none' };
    }
    if (key) {
      const subs = builtinImpl(key, t);
      if (subs) {
        for (const s of subs) {
          const r = this.select(s, tr, depth + 1);
          if (r.kind === 'none' || r.kind === 'ambiguous') return r;
        }
        return { kind: 'builtin' };
      }
    }
    let ambiguous = false;
    for (const impl of tr.trait.impls) {
      const r = this.matchImpl(impl, t, tr, depth);
      if (r === 'ambiguous') ambiguous = true;
      else if (r) return { kind: 'impl', impl, args: r };
    }
    return ambiguous ? { kind: 'ambiguous' } : { kind: 'none' };
  }

  private argsMatch(a: readonly Ty[], b: readonly Ty[]): boolean {
    if (a.length !== b.length) return false;
    if (!this.infer) return a.every((x, i) => x === b[i]);
    return a.every((x, i) => this.infer!.tryUnify(x, b[i]!));
  }

  /** Matches the impl header against `t`; returns the impl's args, null (no match) or 'ambiguous'. */
  private matchImpl(impl: ImplDef, t: Ty, tr: TraitRef, depth: number): Ty[] | null | 'ambiguous' {
    const n = genericsCount(impl.generics);
    const binds: (Ty | undefined)[] = new Array(n);
    const m = this.match(impl.selfTy, t, binds);
    if (m !== true) return m === 'ambiguous' ? 'ambiguous' : null;
    const implTr = impl.traitRef!;
    for (let i = 0; i < tr.args.length; i++) {
      const r = this.match(implTr.args[i]!, tr.args[i]!, binds);
      if (r !== true) return r === 'ambiguous' ? 'ambiguous' : null;
    }
    const args = binds.map((b) => b ?? this.ctx.types.error);
    for (const p of impl.generics.preds) {
      const pty = this.ctx.types.subst(p.ty, args);
      const ptr = { trait: p.trait.trait, args: p.trait.args.map((a) => this.ctx.types.subst(a, args)) };
      const r = this.select(pty, ptr, depth + 1);
      if (r.kind === 'none') return null;
      if (r.kind === 'ambiguous') return 'ambiguous';
    }
    return args;
  }

  /** Structural match of an impl-header type (with impl params) against a type. */
  match(pat: Ty, target: Ty, binds: (Ty | undefined)[]): true | false | 'ambiguous' {
    const t = this.res(target);
    if (pat.kind === 'param') {
      const prev = binds[pat.index];
      if (prev === undefined) { binds[pat.index] = t; return true; }
      return this.same(prev, t);
    }
    if (t.kind === 'error') return true;
    if (t.kind === 'var') return 'ambiguous';
    if (t.kind === 'intVar') return pat.kind === 'int' ? 'ambiguous' : false;
    if (pat.kind !== t.kind) return false;
    const sub = (ps: readonly Ty[], ts: readonly Ty[]): true | false | 'ambiguous' => {
      if (ps.length !== ts.length) return false;
      let amb = false;
      for (let i = 0; i < ps.length; i++) {
        const r = this.match(ps[i]!, ts[i]!, binds);
        if (r === false) return false;
        if (r === 'ambiguous') amb = true;
      }
      return amb ? 'ambiguous' : true;
    };
    switch (pat.kind) {
      case 'int': return pat === t;
      case 'tuple': return sub(pat.elems, (t as typeof pat).elems);
      case 'array': return sub([pat.elem, pat.len], [(t as typeof pat).elem, (t as typeof pat).len]);
      case 'slice': return sub([pat.elem], [(t as typeof pat).elem]);
      case 'ref': case 'ptr': return pat.mut === (t as typeof pat).mut ? sub([pat.inner], [(t as typeof pat).inner]) : false;
      case 'fnPtr': return sub([...pat.params, pat.ret], [...(t as typeof pat).params, (t as typeof pat).ret]);
      case 'adt': return pat.def === (t as typeof pat).def ? sub(pat.args, (t as typeof pat).args) : false;
      case 'builtin': return pat.name === (t as typeof pat).name ? sub(pat.args, (t as typeof pat).args) : false;
      default: return pat === t;
    }
  }

  private same(a: Ty, b: Ty): true | false | 'ambiguous' {
    if (this.infer) {
      const ra = this.infer.resolve(a);
      const rb = this.infer.resolve(b);
      if (ra === rb) return true;
      if ((ra.flags | rb.flags) & 1) return this.infer.tryUnify(ra, rb) ? true : false;
      return false;
    }
    return a === b;
  }

  implements(ty: Ty, trait: TraitDef | null): boolean {
    if (!trait) return true;
    const r = this.select(ty, { trait, args: [] });
    return r.kind !== 'none';
  }
}

/** Name of the built-in method a derived/primitive impl provides, or null. */
function builtinMethodName(name: string): BuiltinMethod | null {
  switch (name) {
    case 'clone': case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': case 'cmp': case 'partial_cmp': return name;
    default: return null;
  }
}

/**
 * Resolves a FnRef whose args are concrete: trait methods go to the impl's
 * method, the trait's default body, or a built-in implementation.
 */
export function resolveInstance(ctx: Ctx, ref: FnRef): ResolvedCallee {
  const f = ref.fn;
  if (f.intrinsic) return { kind: 'intrinsic', name: f.intrinsic, ref };
  if (!f.owner || f.owner.kind !== 'trait') return { kind: 'fn', ref };
  const trait = f.owner.trait;
  const traitCount = genericsCount(trait.generics);
  const selfTy = ref.args[0]!;
  const sel = new TraitSolver(ctx, null, []).select(selfTy, { trait, args: ref.args.slice(1, traitCount) });
  if (sel.kind === 'impl') {
    if (sel.impl.derived) {
      const b = builtinMethodName(f.name);
      if (b) return { kind: 'builtin', name: b, selfTy };
    }
    const m = sel.impl.methods.get(f.name);
    if (m) return m.intrinsic ? { kind: 'intrinsic', name: m.intrinsic, ref: { fn: m, args: [...sel.args, ...ref.args.slice(traitCount)] } }
      : { kind: 'fn', ref: { fn: m, args: [...sel.args, ...ref.args.slice(traitCount)] } };
    return { kind: 'fn', ref };
  }
  if (sel.kind === 'builtin') {
    const b = builtinMethodName(f.name);
    if (b) return { kind: 'builtin', name: b, selfTy };
    if (f.body) return { kind: 'fn', ref };
  }
  throw new Error(`resolveInstance: no impl of \`${trait.name}\` for \`${displayTy(selfTy)}\` (method \`${f.name}\`)`);
}

/** The `#[derive]` impls of `adt` (found through the derived traits' impl lists). */
function derivedImplsOf(ctx: Ctx, adt: import('./defs.ts').AdtDef): ImplDef[] {
  const out: ImplDef[] = [];
  for (const t of [ctx.lang.debug, ctx.lang.clone, ctx.lang.copy, ctx.lang.partialEq, ctx.lang.eq, ctx.lang.partialOrd, ctx.lang.ord]) {
    if (!t) continue;
    for (let i = t.impls.length - 1; i >= 0; i--) {
      const impl = t.impls[i]!;
      if (impl.derived && impl.selfTy.kind === 'adt' && impl.selfTy.def === adt) { out.push(impl); break; }
    }
  }
  return out;
}

/**
 * Resolves an associated const of a trait (`T::N`) once `args` (Self first)
 * are concrete: the impl's const, or the trait's default. Other consts are returned as they are.
 */
export function resolveConst(ctx: Ctx, def: import('./defs.ts').ConstDef, args: readonly Ty[]): { def: import('./defs.ts').ConstDef; args: Ty[] } {
  if (!def.owner || def.owner.kind !== 'trait') return { def, args: [...args] };
  const trait = def.owner.trait;
  const traitCount = genericsCount(trait.generics);
  const sel = new TraitSolver(ctx, null, []).select(args[0]!, { trait, args: args.slice(1, traitCount) });
  if (sel.kind === 'impl') {
    const c = sel.impl.consts.get(def.name);
    if (c) return { def: c, args: sel.args };
  }
  return { def, args: [...args] };
}

/** Checks that derived impls are possible: every field implements the derived trait; Copy needs Clone. */
export function checkDerives(ctx: Ctx, adts: readonly import('./defs.ts').AdtDef[] = ctx.adts): void {
  for (const adt of adts) {
    if (adt.derives.size === 0) continue;
    if (adt.derives.has('Copy') && !adt.derives.has('Clone')) {
      const solver = new TraitSolver(ctx, null, []);
      const selfTy = ctx.types.adt(adt, adt.generics.own.map((p) => ctx.types.param(p.index, p.name)));
      if (ctx.lang.clone && solver.select(selfTy, { trait: ctx.lang.clone, args: [] }).kind === 'none') {
        ctx.diags.error('E0500', `the trait bound \`${adt.name}: Clone\` is not satisfied`, adt.span, `the trait \`Clone\` is not implemented for \`${adt.name}\``)
          .note('`Copy` requires `Clone`: a type that is copied bit for bit can also be cloned')
          .help(`add \`Clone\` to the derive list: \`#[derive(Clone, Copy)]\``);
      }
    }
    for (const impl of derivedImplsOf(ctx, adt)) {
      const tr = impl.traitRef!;
      const env = impl.generics.preds;
      const solver = new TraitSolver(ctx, null, env);
      for (const v of adt.variants) {
        for (const f of v.fields) {
          const r = solver.select(f.ty, tr);
          if (r.kind === 'none') {
            ctx.diags.error('E0504', `the trait \`${tr.trait.name}\` cannot be derived for \`${adt.name}\`: field \`${f.name}\` of type \`${displayTy(f.ty)}\` does not implement \`${tr.trait.name}\``,
              f.span, `this field does not implement \`${tr.trait.name}\``)
              .help(`implement or derive \`${tr.trait.name}\` for \`${displayTy(f.ty)}\``);
          }
        }
      }
    }
  }
}

/** The method's FnSig with a substitution applied. */
export function instSig(ctx: Ctx, f: FnDef, args: readonly Ty[]): { params: Ty[]; ret: Ty } {
  const s = fnSig(ctx, f);
  return { params: s.params.map((p) => ctx.types.subst(p, args)), ret: ctx.types.subst(s.ret, args) };
}
