// Module tree: turns parsed files into ModuleDefs and item Defs, loading file
// modules (`mod foo;`) through the parser as it goes.
//
// File modules follow Rust: in a crate root or a `mod.oriz` file the module
// directory is the file's directory; in any other file `x.oriz` it is `x/`.
// `mod foo;` then looks for `<dir>/foo.oriz`, then `<dir>/foo/mod.oriz`.
//
// This pass only declares names: every item gets a Def and a binding in its
// module's type or value namespace. `use` items are recorded as directives for
// imports.ts; types are lowered later by collect.ts.
import { dirname, basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { Ctx } from './ctx.ts';
import {
  hasAttr, type AdtDef, type Binding, type ConstDef, type Crate, type DeriveName, type FnDef, type FnOwner,
  type Generics, type GenericParamDef, type ImplDef, type ModuleDef, type StaticDef, type TraitDef,
  type TypeAliasDef, type VariantDef, type Visibility, type SelfKind, type Def,
} from './defs.ts';

/** A `use` tree flattened into one directive per imported name (or glob). */
export interface ImportDirective {
  module: ModuleDef;
  /** Path to the target module (`a::b` in `use a::b::c`). */
  prefix: ast.Ident[];
  /** The imported name; null for globs. `self` imports the prefix module itself. */
  name: ast.Ident | null;
  alias: ast.Ident | null;
  vis: Visibility;
  span: Span;
  allowUnused: boolean;
  done: boolean;
}

export interface ModuleBuild {
  directives: ImportDirective[];
}

const DERIVABLE: ReadonlySet<string> = new Set(['Debug', 'Clone', 'Copy', 'PartialEq', 'Eq', 'PartialOrd', 'Ord', 'Hash', 'Default']);

/** Creates the crate `name` from its root file; loads its file modules recursively. */
export function buildCrate(ctx: Ctx, build: ModuleBuild, name: string, root: ast.SourceFileAst, isLibrary: boolean): Crate {
  const path = ctx.sources.get(root.file).path;
  const crate = { name, root: null as unknown as ModuleDef, isLibrary } as Crate;
  const mod = newModule(ctx, crate, null, name, root.span, { kind: 'pub' }, root.items, dirname(path), root.file, name === 'crate' ? 'crate' : name, root.innerAttrs);
  crate.root = mod;
  ctx.crates.push(crate);
  declareItems(ctx, build, mod, root.items);
  return crate;
}

function newModule(ctx: Ctx, crate: Crate, parent: ModuleDef | null, name: string, span: Span, vis: Visibility,
  items: readonly ast.Item[], dir: string, file: number, displayPath: string, attrs: readonly ast.Attr[] = []): ModuleDef {
  const m: ModuleDef = {
    kind: 'mod', id: ctx.defs.nextId(), name, span, module: null as unknown as ModuleDef, vis, attrs,
    parent, crate, types: new Map(), values: new Map(), globs: [], items, dir, file, displayPath,
  };
  (m as { module: ModuleDef }).module = parent ?? m;
  ctx.defs.add(m);
  ctx.modules.push(m);
  return m;
}

function visOf(item: { pub: boolean }, module: ModuleDef): Visibility {
  return item.pub ? { kind: 'pub' } : { kind: 'private', module };
}

function bind(ctx: Ctx, ns: Map<string, Binding>, name: ast.Ident, def: Def, vis: Visibility): void {
  const prev = ns.get(name.name);
  if (prev) {
    ctx.diags.error('E0305', `the name \`${name.name}\` is defined multiple times`, name.span, `\`${name.name}\` redefined here`)
      .label(prev.span, `previous definition of \`${name.name}\` here`)
      .note(`\`${name.name}\` must be defined only once in this module`);
    return;
  }
  ns.set(name.name, { def, vis, span: name.span });
}

/** Declares a list of items into `mod` (module bodies, and block-level items via declareBlockItems). */
export function declareItems(ctx: Ctx, build: ModuleBuild, mod: ModuleDef, items: readonly ast.Item[]): void {
  for (const item of items) declareItem(ctx, build, mod, item);
}

function declareItem(ctx: Ctx, build: ModuleBuild, mod: ModuleDef, item: ast.Item): void {
  const vis = visOf(item, mod);
  switch (item.kind) {
    case 'fn': {
      const f = newFn(ctx, mod, item, vis, null, null);
      bind(ctx, mod.values, item.name, f, vis);
      return;
    }
    case 'struct': case 'enum': {
      const adt = newAdt(ctx, mod, item, vis);
      bind(ctx, mod.types, item.name, adt, vis);
      if (item.kind === 'struct' && item.shape !== 'named') bind(ctx, mod.values, item.name, adt.variants[0]!, vis);
      return;
    }
    case 'trait': {
      const t = newTrait(ctx, mod, item, vis);
      bind(ctx, mod.types, item.name, t, vis);
      return;
    }
    case 'impl': {
      newImpl(ctx, mod, item);
      return;
    }
    case 'const': {
      const c = newConst(ctx, mod, item, vis, null);
      bind(ctx, mod.values, item.name, c, vis);
      return;
    }
    case 'static': {
      const s: StaticDef = {
        kind: 'static', id: ctx.defs.nextId(), name: item.name.name, span: item.name.span, module: mod, vis, attrs: item.attrs,
        mut: item.mut, ty: null, typeAst: item.type, value: item.value,
      };
      ctx.defs.add(s);
      ctx.statics.push(s);
      bind(ctx, mod.values, item.name, s, vis);
      return;
    }
    case 'typeAlias': {
      const a: TypeAliasDef = {
        kind: 'typeAlias', id: ctx.defs.nextId(), name: item.name.name, span: item.name.span, module: mod, vis, attrs: item.attrs,
        generics: newGenerics(null, item.generics, 0), ty: null, typeAst: item.type,
      };
      ctx.defs.add(a);
      bind(ctx, mod.types, item.name, a, vis);
      return;
    }
    case 'mod': {
      const child = item.items === null ? loadFileModule(ctx, mod, item) : inlineModule(ctx, mod, item, vis);
      if (!child) return;
      bind(ctx, mod.types, item.name, child, vis);
      declareItems(ctx, build, child, child.items);
      return;
    }
    case 'use': {
      const allowUnused = allows(item.attrs, 'unused_imports');
      flattenUse(item.tree, [], mod, vis, allowUnused, build.directives);
      return;
    }
    case 'externBlock': {
      for (const inner of item.items) {
        if (inner.kind !== 'fn') continue;
        const iv = visOf(inner, mod);
        const f = newFn(ctx, mod, inner, iv, null, `extern:${inner.name.name}`);
        bind(ctx, mod.values, inner.name, f, iv);
      }
      return;
    }
    case 'error': return;
  }
}

/** `#[allow(name)]` among `attrs`? */
export function allows(attrs: readonly ast.Attr[], lint: string): boolean {
  for (const a of attrs) {
    if (a.meta.kind === 'list' && a.meta.name === 'allow') {
      for (const m of a.meta.items) if ((m.kind === 'word' && (m.name === lint || m.name === 'unused' || m.name === 'dead_code' && lint === 'dead_code'))) return true;
    }
  }
  return false;
}

function inlineModule(ctx: Ctx, parent: ModuleDef, item: ast.Item & { kind: 'mod' }, vis: Visibility): ModuleDef {
  return newModule(ctx, parent.crate, parent, item.name.name, item.name.span, vis, item.items ?? [], join(parent.dir, item.name.name),
    parent.file, `${parent.displayPath}::${item.name.name}`, [...item.attrs, ...item.innerAttrs]);
}

function loadFileModule(ctx: Ctx, parent: ModuleDef, item: ast.Item & { kind: 'mod' }): ModuleDef | null {
  const name = item.name.name;
  const candidates = [join(parent.dir, `${name}.oriz`), join(parent.dir, name, 'mod.oriz')];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const fileAst = ctx.loadFile(path);
    if (!fileAst) continue;
    const dir = basename(path) === 'mod.oriz' ? dirname(path) : join(dirname(path), name);
    return newModule(ctx, parent.crate, parent, name, item.name.span, visOf(item, parent), fileAst.items, dir, fileAst.file,
      `${parent.displayPath}::${name}`, [...item.attrs, ...fileAst.innerAttrs]);
  }
  ctx.diags.error('E0304', `file not found for module \`${name}\``, item.span)
    .help(`to create the module \`${name}\`, create file "${candidates[0]}" or "${candidates[1]}"`);
  return null;
}

function flattenUse(tree: ast.UseTree, prefix: ast.Ident[], module: ModuleDef, vis: Visibility, allowUnused: boolean, out: ImportDirective[]): void {
  const full = [...prefix, ...tree.path];
  switch (tree.kind) {
    case 'simple': {
      const last = full[full.length - 1];
      if (!last) return;
      out.push({ module, prefix: full.slice(0, -1), name: last, alias: tree.alias, vis, span: tree.span, allowUnused, done: false });
      return;
    }
    case 'glob':
      out.push({ module, prefix: full, name: null, alias: null, vis, span: tree.span, allowUnused, done: false });
      return;
    case 'group':
      for (const t of tree.items) flattenUse(t, full, module, vis, allowUnused, out);
      return;
  }
}

export function newGenerics(parent: Generics | null, g: ast.Generics | null, offsetOverride?: number): Generics {
  const offset = offsetOverride ?? (parent ? parent.offset + parent.own.length : 0);
  const own: GenericParamDef[] = (g?.params ?? []).map((p, i) => ({ name: p.name.name, index: offset + i, span: p.name.span, isConst: p.constType !== null, constType: p.constType }));
  return { parent, own, offset, preds: [], ast: g };
}

function selfKindOf(params: readonly ast.Param[]): SelfKind {
  const p = params[0];
  if (!p || p.kind !== 'self') return null;
  return p.byRef ? (p.mut ? 'refMut' : 'ref') : 'value';
}

function newFn(ctx: Ctx, mod: ModuleDef, item: ast.Item & { kind: 'fn' }, vis: Visibility, owner: FnOwner, intrinsic: string | null): FnDef {
  const parentGen = owner ? (owner.kind === 'impl' ? owner.impl.generics : owner.trait.generics) : null;
  let intr = intrinsic;
  if (!intr && hasAttr(item.attrs, 'intrinsic')) intr = item.name.name;
  const f: FnDef = {
    kind: 'fn', id: ctx.defs.nextId(), name: item.name.name, span: item.name.span, module: mod, vis, attrs: item.attrs,
    generics: newGenerics(parentGen, item.generics), sig: null,
    decl: { params: item.params, ret: item.ret, isUnsafe: item.unsafe, abi: item.abi, isConst: item.isConst },
    body: item.body, owner, selfKind: selfKindOf(item.params), intrinsic: intr, closureOf: null,
  };
  ctx.defs.add(f);
  ctx.fns.push(f);
  return f;
}

function deriveList(ctx: Ctx, attrs: readonly ast.Attr[]): Set<DeriveName> {
  const out = new Set<DeriveName>();
  for (const a of attrs) {
    if (a.meta.kind !== 'list' || a.meta.name !== 'derive') continue;
    for (const m of a.meta.items) {
      if (m.kind !== 'word') continue;
      if (DERIVABLE.has(m.name)) out.add(m.name as DeriveName);
      else ctx.diags.error('E0504', `cannot find derive macro \`${m.name}\` in this scope`, m.span)
        .note('Orizon derives Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash and Default');
    }
  }
  return out;
}

function reprOf(attrs: readonly ast.Attr[]): string | null {
  for (const a of attrs) {
    if (a.meta.kind === 'list' && a.meta.name === 'repr') {
      return a.meta.items.map((m) => (m.kind === 'word' ? m.name : '')).filter(Boolean).join(', ');
    }
  }
  return null;
}

function newAdt(ctx: Ctx, mod: ModuleDef, item: ast.Item & { kind: 'struct' | 'enum' }, vis: Visibility): AdtDef {
  const adt: AdtDef = {
    kind: 'adt', adtKind: item.kind, id: ctx.defs.nextId(), name: item.name.name, span: item.name.span, module: mod, vis,
    attrs: item.attrs, generics: newGenerics(null, item.generics), variants: [], derives: deriveList(ctx, item.attrs), item,
    repr: reprOf(item.attrs), fieldsLowered: false,
  };
  ctx.defs.add(adt);
  ctx.adts.push(adt);
  if (item.kind === 'struct') {
    adt.variants.push(newVariant(ctx, mod, adt, 0, item.name, item.shape, null, vis, item.attrs, item.span));
  } else {
    const seen = new Map<string, Span>();
    item.variants.forEach((v, i) => {
      const prev = seen.get(v.name.name);
      if (prev) {
        ctx.diags.error('E0305', `the name \`${v.name.name}\` is defined multiple times`, v.name.span, `\`${v.name.name}\` redefined here`)
          .label(prev, `previous definition of \`${v.name.name}\` here`);
      }
      seen.set(v.name.name, v.name.span);
      adt.variants.push(newVariant(ctx, mod, adt, i, v.name, v.shape, v, { kind: 'pub' }, v.attrs, v.span));
    });
  }
  return adt;
}

function newVariant(ctx: Ctx, mod: ModuleDef, adt: AdtDef, index: number, name: ast.Ident, shape: ast.VariantShape,
  v: ast.Variant | null, vis: Visibility, attrs: readonly ast.Attr[], _span: Span): VariantDef {
  const d: VariantDef = {
    kind: 'variant', id: ctx.defs.nextId(), name: name.name, span: name.span, module: mod, vis, attrs, adt, index, shape,
    fields: [], ast: v, discriminant: BigInt(index),
  };
  return ctx.defs.add(d);
}

function newTrait(ctx: Ctx, mod: ModuleDef, item: ast.Item & { kind: 'trait' }, vis: Visibility): TraitDef {
  const generics = newGenerics(null, item.generics, 1);
  const t: TraitDef = {
    kind: 'trait', id: ctx.defs.nextId(), name: item.name.name, span: item.name.span, module: mod, vis, attrs: item.attrs,
    generics: { ...generics, own: [{ name: 'Self', index: 0, span: item.name.span, isConst: false, constType: null }, ...generics.own], offset: 0 },
    supertraits: [], methods: new Map(), consts: new Map(), item, impls: [],
  };
  ctx.defs.add(t);
  ctx.traits.push(t);
  const owner: FnOwner = { kind: 'trait', trait: t };
  for (const m of item.items) {
    if (m.kind === 'fn') {
      if (t.methods.has(m.name.name)) { dupMember(ctx, m.name); continue; }
      t.methods.set(m.name.name, newFn(ctx, mod, m, { kind: 'pub' }, owner, null));
    } else if (m.kind === 'const') {
      t.consts.set(m.name.name, newConst(ctx, mod, m, { kind: 'pub' }, owner));
    } else if (m.kind !== 'error') {
      ctx.diags.error('E0430', `${m.kind === 'typeAlias' ? 'associated types are' : `\`${m.kind}\` items are`} not supported in traits in Orizon v0.1`, m.span);
    }
  }
  return t;
}

function dupMember(ctx: Ctx, name: ast.Ident): void {
  ctx.diags.error('E0305', `duplicate definitions with name \`${name.name}\``, name.span, 'duplicate definition');
}

function newImpl(ctx: Ctx, mod: ModuleDef, item: ast.Item & { kind: 'impl' }): ImplDef {
  const impl: ImplDef = {
    kind: 'impl', id: ctx.defs.nextId(), name: '<impl>', span: item.span, module: mod, vis: { kind: 'pub' }, attrs: item.attrs,
    generics: newGenerics(null, item.generics), selfTy: ctx.types.error, traitRef: null, methods: new Map(), consts: new Map(),
    item, derived: null,
  };
  ctx.defs.add(impl);
  ctx.impls.push(impl);
  const owner: FnOwner = { kind: 'impl', impl };
  for (const m of item.items) {
    const v = item.trait ? { kind: 'pub' as const } : visOf(m, mod);
    if (m.kind === 'fn') {
      if (impl.methods.has(m.name.name)) { dupMember(ctx, m.name); continue; }
      impl.methods.set(m.name.name, newFn(ctx, mod, m, v, owner, null));
    } else if (m.kind === 'const') {
      impl.consts.set(m.name.name, newConst(ctx, mod, m, v, owner));
    } else if (m.kind !== 'error') {
      ctx.diags.error('E0430', `\`${m.kind}\` items are not supported in impls in Orizon v0.1`, m.span);
    }
  }
  return impl;
}

/** A synthetic impl for `#[derive(Trait)]` on `adt` (created by collect.ts). */
export function newDerivedImpl(ctx: Ctx, adt: AdtDef, trait: DeriveName): ImplDef {
  const impl: ImplDef = {
    kind: 'impl', id: ctx.defs.nextId(), name: `<derive ${trait}>`, span: adt.span, module: adt.module, vis: { kind: 'pub' },
    attrs: [], generics: { parent: null, own: adt.generics.own, offset: 0, preds: [], ast: null }, selfTy: ctx.types.error,
    traitRef: null, methods: new Map(), consts: new Map(), item: null, derived: trait,
  };
  ctx.defs.add(impl);
  ctx.impls.push(impl);
  return impl;
}

function newConst(ctx: Ctx, mod: ModuleDef, item: ast.Item & { kind: 'const' }, vis: Visibility, owner: FnOwner): ConstDef {
  const c: ConstDef = {
    kind: 'const', id: ctx.defs.nextId(), name: item.name.name, span: item.name.span, module: mod, vis, attrs: item.attrs,
    ty: null, typeAst: item.type, value: item.value, owner,
  };
  ctx.defs.add(c);
  ctx.consts.push(c);
  return c;
}

/**
 * Items declared inside a block (`fn f() { struct P; fn g() {} }`): an anonymous
 * module nested in the enclosing one, so the items resolve names as Rust does.
 */
export function newBlockModule(ctx: Ctx, build: ModuleBuild, parent: ModuleDef, items: readonly ast.Item[], span: Span): ModuleDef {
  const m = newModule(ctx, parent.crate, parent, '{block}', span, { kind: 'private', module: parent }, items, parent.dir, span.file,
    parent.displayPath);
  declareItems(ctx, build, m, items);
  return m;
}
