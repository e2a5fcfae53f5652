// Signature collection: lowers everything outside bodies to types. Trait
// headers and supertraits, impl headers (registered in the impl indexes),
// `#[derive]` impls, bounds and where clauses, ADT fields and discriminants,
// const/static types and fn signatures (also on demand, via fnSig). Trait impls
// are checked against their trait (missing/extra methods, signatures).
import type * as ast from '../syntax/ast.ts';
import type { Ctx, LangTraitName } from './ctx.ts';
import type { Ty } from './types.ts';
import {
  genericsCount, type AdtDef, type DeriveName, type FnDef, type FnSig, type Generics, type ImplDef, type Predicate,
  type TraitDef, type TraitRef,
} from './defs.ts';
import { lowerType, lowerTraitRef, identityArgs, findGenericParam, type TypeScope } from './lower.ts';
import { newDerivedImpl } from './modules.ts';
import { lookupIn } from './resolve.ts';
import { evalDiscriminant } from './consteval.ts';
import { displayTy } from './types.ts';

const LANG_TRAITS: readonly [LangTraitName, string][] = [
  ['copy', 'Copy'], ['clone', 'Clone'], ['partialEq', 'PartialEq'], ['eq', 'Eq'], ['partialOrd', 'PartialOrd'], ['ord', 'Ord'],
  ['debug', 'Debug'], ['display', 'Display'],
];

const DERIVE_TRAIT: Partial<Record<DeriveName, LangTraitName>> = {
  Debug: 'debug', Clone: 'clone', Copy: 'copy', PartialEq: 'partialEq', Eq: 'eq', PartialOrd: 'partialOrd', Ord: 'ord',
};

function findLangItems(ctx: Ctx): void {
  const p = ctx.prelude;
  if (!p) return;
  const adt = (n: string): AdtDef | null => {
    const b = lookupIn(ctx, p, n, 'types');
    return b && b.def.kind === 'adt' ? b.def : null;
  };
  ctx.lang.option = adt('Option');
  ctx.lang.result = adt('Result');
  const std = ctx.externCrates.get('std')?.root;
  const fmtB = std ? lookupIn(ctx, std, 'fmt', 'types') : undefined;
  const fmt = fmtB && fmtB.def.kind === 'mod' ? fmtB.def : null;
  for (const [key, name] of LANG_TRAITS) {
    const home = (key === 'debug' || key === 'display') ? fmt : p;
    const b = home ? lookupIn(ctx, home, name, 'types') : undefined;
    ctx.lang[key] = b && b.def.kind === 'trait' ? b.def : null;
  }
}

/** Key of a type's "head" for the inherent-impl index; null for types that cannot have inherent impls. */
export function headKey(t: Ty): string | null {
  switch (t.kind) {
    case 'adt': return `a${t.def.id}`;
    case 'int': return t.int;
    case 'bool': case 'char': case 'str': case 'slice': case 'array': case 'ref': case 'ptr': case 'tuple': case 'fnPtr': case 'never':
      return t.kind;
    case 'builtin': return t.name;
    default: return null;
  }
}

/** Positions in the Ctx item lists; collect() handles the items added after them. */
export interface CollectMarks {
  traits: number;
  impls: number;
  adts: number;
  consts: number;
  statics: number;
  fns: number;
}

export function marks(ctx: Ctx): CollectMarks {
  return { traits: ctx.traits.length, impls: ctx.impls.length, adts: ctx.adts.length, consts: ctx.consts.length, statics: ctx.statics.length, fns: ctx.fns.length };
}

export function collect(ctx: Ctx, from: CollectMarks = { traits: 0, impls: 0, adts: 0, consts: 0, statics: 0, fns: 0 }): void {
  if (from.traits === 0 && from.fns === 0) findLangItems(ctx);
  const traits = ctx.traits.slice(from.traits);
  const impls = ctx.impls.slice(from.impls);
  const adts = ctx.adts.slice(from.adts);
  for (const t of traits) collectTrait(ctx, t);
  for (const impl of impls) if (impl.item) collectImpl(ctx, impl);
  for (const adt of adts) collectDerives(ctx, adt);
  for (const impl of impls) if (impl.item) lowerPreds(ctx, impl.generics, { module: impl.module, generics: impl.generics, selfTy: impl.selfTy, infer: null });
  for (const adt of adts) {
    lowerPreds(ctx, adt.generics, { module: adt.module, generics: adt.generics, selfTy: null, infer: null });
    ensureFields(ctx, adt);
  }
  for (const c of ctx.consts.slice(from.consts)) constTy(ctx, c);
  for (const s of ctx.statics.slice(from.statics)) {
    if (s.ty === null) s.ty = lowerType(ctx, { module: s.module, generics: null, selfTy: null, infer: null }, s.typeAst);
  }
  for (const f of ctx.fns.slice(from.fns)) {
    if (f.closureOf) continue;
    fnSig(ctx, f);
    lowerPreds(ctx, f.generics, fnScope(ctx, f));
  }
  for (const impl of impls) if (impl.traitRef && impl.item) checkTraitImpl(ctx, impl);
}

function selfTyOfOwner(ctx: Ctx, f: FnDef): Ty | null {
  if (!f.owner) return null;
  return f.owner.kind === 'impl' ? f.owner.impl.selfTy : ctx.types.param(0, 'Self');
}

export function fnScope(ctx: Ctx, f: FnDef): TypeScope {
  return { module: f.module, generics: f.generics, selfTy: selfTyOfOwner(ctx, f), infer: null };
}

export function constTy(ctx: Ctx, c: import('./defs.ts').ConstDef): Ty {
  if (c.ty === null) {
    c.ty = ctx.types.error;
    const owner = c.owner;
    const generics = owner ? (owner.kind === 'impl' ? owner.impl.generics : owner.trait.generics) : null;
    const selfTy = owner ? (owner.kind === 'impl' ? owner.impl.selfTy : ctx.types.param(0, 'Self')) : null;
    c.ty = lowerType(ctx, { module: c.module, generics, selfTy, infer: null }, c.typeAst);
  }
  return c.ty;
}

function collectTrait(ctx: Ctx, t: TraitDef): void {
  const item = t.item as ast.Item & { kind: 'trait' };
  const selfTy = ctx.types.param(0, 'Self');
  const scope: TypeScope = { module: t.module, generics: t.generics, selfTy, infer: null };
  for (const p of item.supertraits) {
    const r = lowerTraitRef(ctx, scope, p);
    if (r) t.supertraits.push(r);
  }
  lowerPreds(ctx, t.generics, scope);
  t.generics.preds.push({ ty: selfTy, trait: { trait: t, args: identityArgs(ctx, t.generics).slice(1) }, span: t.span });
}

function collectImpl(ctx: Ctx, impl: ImplDef): void {
  const item = impl.item as ast.Item & { kind: 'impl' };
  const scope: TypeScope = { module: impl.module, generics: impl.generics, selfTy: null, infer: null };
  impl.selfTy = lowerType(ctx, scope, item.selfType);
  if (item.trait) {
    const r = lowerTraitRef(ctx, { ...scope, selfTy: impl.selfTy }, item.trait);
    if (!r) return;
    impl.traitRef = r;
    r.trait.impls.push(impl);
    return;
  }
  const key = headKey(impl.selfTy);
  if (impl.selfTy.kind === 'error') return;
  const local = impl.selfTy.kind === 'adt' ? impl.selfTy.def.module.crate === impl.module.crate : impl.module.crate.isLibrary;
  if (key === null || !local) {
    ctx.diags.error('E0508', `cannot define inherent \`impl\` for ${key === null ? 'a type parameter' : `a type outside of the crate where \`${displayTy(impl.selfTy)}\` is defined`}`,
      item.selfType.span, 'impl for type defined outside of crate')
      .help('define a trait with the methods and implement it for the type');
    return;
  }
  let list = ctx.inherentImpls.get(key);
  if (!list) ctx.inherentImpls.set(key, (list = []));
  list.push(impl);
}

function collectDerives(ctx: Ctx, adt: AdtDef): void {
  if (adt.derives.size === 0) return;
  const selfTy = ctx.types.adt(adt, identityArgs(ctx, adt.generics));
  for (const d of adt.derives) {
    const key = DERIVE_TRAIT[d];
    const trait = key ? ctx.lang[key] : null;
    if (!trait) {
      const attr = adt.attrs.find((a) => a.meta.kind === 'list' && a.meta.name === 'derive');
      ctx.diags.error('E0504', `\`#[derive(${d})]\` is not supported in Orizon v0.1`, attr?.span ?? adt.span)
        .note('Orizon derives Debug, Clone, Copy, PartialEq, Eq, PartialOrd and Ord');
      continue;
    }
    const impl = newDerivedImpl(ctx, adt, d);
    impl.selfTy = selfTy;
    impl.traitRef = { trait, args: [] };
    impl.generics.preds = adt.generics.own.map((p) => ({ ty: ctx.types.param(p.index, p.name), trait: { trait, args: [] }, span: p.span }));
    trait.impls.push(impl);
  }
}

/** Lowers the bounds and where clauses of one generics level into `g.preds`. */
export function lowerPreds(ctx: Ctx, g: Generics, scope: TypeScope): void {
  const a = g.ast;
  if (!a || (g as { lowered?: boolean }).lowered) return;
  (g as { lowered?: boolean }).lowered = true;
  for (const p of a.params) {
    const def = findGenericParam(g, p.name.name);
    if (!def) continue;
    const ty = ctx.types.param(def.index, def.name);
    for (const b of p.bounds) {
      const tr = lowerTraitRef(ctx, scope, b);
      if (tr) g.preds.push({ ty, trait: tr, span: b.span });
    }
  }
  for (const w of a.where) {
    const ty = lowerType(ctx, scope, w.type);
    for (const b of w.bounds) {
      const tr = lowerTraitRef(ctx, scope, b);
      if (tr) g.preds.push({ ty, trait: tr, span: b.span });
    }
  }
}

/** Lowers the field types and discriminants of `adt` (once). */
export function ensureFields(ctx: Ctx, adt: AdtDef): void {
  if (adt.fieldsLowered) return;
  adt.fieldsLowered = true;
  const selfTy = ctx.types.adt(adt, identityArgs(ctx, adt.generics));
  const scope: TypeScope = { module: adt.module, generics: adt.generics, selfTy, infer: null };
  const item = adt.item;
  let next = 0n;
  for (const v of adt.variants) {
    const fields = item.kind === 'struct' ? item.fields : v.ast!.fields;
    v.fields = fields.map((f, i) => ({
      name: f.name ? f.name.name : String(i),
      ty: lowerType(ctx, scope, f.type),
      vis: item.kind === 'enum' || f.pub ? { kind: 'pub' as const } : { kind: 'private' as const, module: adt.module },
      span: f.name ? f.name.span : f.span,
    }));
    const seen = new Set<string>();
    for (const f of v.fields) {
      if (seen.has(f.name)) ctx.diags.error('E0305', `field \`${f.name}\` is already declared`, f.span, 'field already declared');
      seen.add(f.name);
    }
    if (item.kind === 'enum') {
      if (v.ast?.discriminant) {
        const val = evalDiscriminant(ctx, adt, v.ast.discriminant);
        if (val !== null) next = val;
      }
      v.discriminant = next;
      next += 1n;
    }
  }
}

export function fnSig(ctx: Ctx, f: FnDef): FnSig {
  if (f.sig) return f.sig;
  const T = ctx.types;
  f.sig = { params: [], ret: T.error }; // cycle guard
  const scope = fnScope(ctx, f);
  const params: Ty[] = [];
  for (const p of f.decl.params) {
    if (p.kind === 'self') {
      if (!scope.selfTy) {
        ctx.diags.error('E0314', '`self` parameter is only allowed in associated functions', p.span, 'not semantically valid as function parameter')
          .note('associated functions are those in `impl` or `trait` definitions');
        params.push(T.error);
        continue;
      }
      params.push(p.byRef ? T.ref(p.mut, scope.selfTy) : scope.selfTy);
    } else {
      params.push(lowerType(ctx, scope, p.type));
    }
  }
  const ret = f.decl.ret ? lowerType(ctx, scope, f.decl.ret) : T.unit;
  f.sig = { params, ret };
  return f.sig;
}

/** Every predicate in scope for bodies under `g` (parents included), with supertraits elaborated. */
export function envPreds(ctx: Ctx, g: Generics | null): Predicate[] {
  const out: Predicate[] = [];
  for (let cur = g; cur; cur = cur.parent) out.push(...cur.preds);
  const seen = new Set<string>();
  const result: Predicate[] = [];
  const add = (p: Predicate, depth: number): void => {
    const key = `${p.ty.id}:${p.trait.trait.id}:${p.trait.args.map((a) => a.id).join(',')}`;
    if (seen.has(key) || depth > 16) return;
    seen.add(key);
    result.push(p);
    const t = p.trait.trait;
    if (t.item && t.supertraits.length === 0 && (t.item as ast.Item & { kind: 'trait' }).supertraits.length > 0) collectTrait(ctx, t);
    for (const s of t.supertraits) {
      const args = [p.ty, ...p.trait.args];
      add({ ty: p.ty, trait: { trait: s.trait, args: s.args.map((a) => ctx.types.subst(a, args)) }, span: p.span }, depth + 1);
    }
  };
  for (const p of out) add(p, 0);
  return result;
}

function checkTraitImpl(ctx: Ctx, impl: ImplDef): void {
  const tr = impl.traitRef!;
  const trait = tr.trait;
  const item = impl.item as ast.Item & { kind: 'impl' };
  const missing: string[] = [];
  for (const [name, m] of trait.methods) if (!m.body && !impl.methods.has(name)) missing.push(name);
  for (const [name, c] of trait.consts) if (!c.value && !impl.consts.has(name)) missing.push(name);
  if (missing.length) {
    ctx.diags.error('E0501', `not all trait items implemented, missing: ${missing.map((m) => `\`${m}\``).join(', ')}`, item.selfType.span,
      `missing ${missing.map((m) => `\`${m}\``).join(', ')} in implementation`)
      .label(trait.span, `\`${trait.name}\` defined here`)
      .help(`implement the missing item${missing.length > 1 ? 's' : ''}: ${missing.map((m) => {
        const tm = trait.methods.get(m);
        return tm ? `\`fn ${m}(...)\`` : `\`const ${m}: ... = ...;\``;
      }).join(', ')}`);
  }
  const traitCount = genericsCount(trait.generics);
  const implCount = genericsCount(impl.generics);
  for (const [name, m] of impl.methods) {
    const tm = trait.methods.get(name);
    if (!tm) {
      ctx.diags.error('E0502', `method \`${name}\` is not a member of trait \`${trait.name}\``, m.span, `not a member of trait \`${trait.name}\``);
      continue;
    }
    const ts = fnSig(ctx, tm);
    const is = fnSig(ctx, m);
    if (tm.generics.own.length !== m.generics.own.length) {
      ctx.diags.error('E0505', `method \`${name}\` has ${m.generics.own.length} type parameter${m.generics.own.length === 1 ? '' : 's'} but its trait declaration has ${tm.generics.own.length}`, m.span);
      continue;
    }
    const args: Ty[] = [impl.selfTy, ...tr.args];
    tm.generics.own.forEach((p, i) => { args[traitCount + i] = ctx.types.param(implCount + i, m.generics.own[i]!.name); void p; });
    if (ts.params.length !== is.params.length) {
      ctx.diags.error('E0505', `method \`${name}\` has ${is.params.length} parameter${is.params.length === 1 ? '' : 's'} but the declaration in trait \`${trait.name}::${name}\` has ${ts.params.length}`,
        m.span, `expected ${ts.params.length} parameter${ts.params.length === 1 ? '' : 's'}, found ${is.params.length}`)
        .label(tm.span, 'trait requires this many parameters');
      continue;
    }
    if (tm.selfKind !== m.selfKind) {
      ctx.diags.error('E0505', `method \`${name}\` has an incompatible \`self\` parameter for trait \`${trait.name}\``, m.span,
        `expected \`${selfText(tm.selfKind)}\`, found \`${selfText(m.selfKind)}\``).label(tm.span, 'declared here');
      continue;
    }
    const bad = ts.params.findIndex((p, i) => ctx.types.subst(p, args) !== is.params[i] && is.params[i]!.kind !== 'error');
    const want = ctx.types.subst(ts.ret, args);
    if (bad >= 0 || (want !== is.ret && is.ret.kind !== 'error' && want.kind !== 'error')) {
      const expected = `fn(${ts.params.map((p) => displayTy(ctx.types.subst(p, args))).join(', ')}) -> ${displayTy(want)}`;
      const found = `fn(${is.params.map((p) => displayTy(p)).join(', ')}) -> ${displayTy(is.ret)}`;
      ctx.diags.error('E0505', `method \`${name}\` has an incompatible type for trait \`${trait.name}\``, m.span, 'incompatible signature')
        .label(tm.span, 'type in trait')
        .note(`expected signature \`${expected}\`\n   found signature \`${found}\``);
    }
  }
  for (const [name, c] of impl.consts) {
    if (!trait.consts.has(name)) ctx.diags.error('E0502', `const \`${name}\` is not a member of trait \`${trait.name}\``, c.span);
  }
}

function selfText(k: FnDef['selfKind']): string {
  switch (k) {
    case 'value': return 'self';
    case 'ref': return '&self';
    case 'refMut': return '&mut self';
    default: return 'no self';
  }
}

export type { TraitRef };
