// Definitions: what names resolve to. Every item of every module (user crate
// and the SDK's `std`) becomes one Def with a dense id; the typed HIR and the
// monomorphization plan refer to these objects directly.
//
// Invariants
// - Defs are created by modules.ts while building the module tree, before any
//   type is known. Types in signatures (fields, fn signatures, impl headers,
//   aliases) are filled in by collect.ts, lazily and memoised, so declaration
//   order never matters and cycles through array lengths are detected.
// - Generic parameters are numbered across the parent chain: an impl's (or a
//   trait's, `Self` first) parameters come before a method's own.
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { Ty } from './types.ts';

/** Where a name may be used: everywhere (`pub`) or inside `module` and its descendants. */
export type Visibility = { kind: 'pub' } | { kind: 'private'; module: ModuleDef };

export interface DefBase {
  readonly id: number;
  readonly name: string;
  readonly span: Span;
  /** The module the item is declared in (for impl members: the impl's module). */
  readonly module: ModuleDef;
  readonly vis: Visibility;
  readonly attrs: readonly ast.Attr[];
}

/** A name in a module namespace: an item or an import of one. */
export interface Binding {
  def: Def;
  vis: Visibility;
  span: Span;
  /** Set for imports; the unused-import lint reads `used`. */
  importOf?: ImportRecord;
}

export interface ImportRecord {
  span: Span;
  name: string;
  module: ModuleDef;
  used: boolean;
  /** `#[allow(unused_imports)]` on the `use` item. */
  allowUnused: boolean;
}

export interface Crate {
  name: string;
  root: ModuleDef;
  /** True for the SDK's own libraries (no unused-item warnings there). */
  isLibrary: boolean;
}

export interface ModuleDef extends DefBase {
  readonly kind: 'mod';
  readonly parent: ModuleDef | null;
  readonly crate: Crate;
  /** Type namespace: modules, structs, enums, traits, aliases, imports of them. */
  readonly types: Map<string, Binding>;
  /** Value namespace: fns, consts, statics, tuple/unit struct constructors, imported variants. */
  readonly values: Map<string, Binding>;
  readonly globs: GlobImport[];
  /** Items of the module body, in source order. */
  readonly items: readonly ast.Item[];
  /** Directory where `mod foo;` inside this module looks for `foo.oriz` / `foo/mod.oriz`. */
  readonly dir: string;
  readonly file: number;
  /** `crate::a::b` as shown in messages. */
  readonly displayPath: string;
}

export interface GlobImport {
  /** Resolved lazily by the import resolver: a module or an enum. */
  target: ModuleDef | AdtDef;
  vis: Visibility;
  record: ImportRecord;
}

export interface GenericParamDef {
  name: string;
  index: number;
  span: Span;
  /** `const N: usize` parameters: their arguments are `constVal` types. */
  isConst: boolean;
  /** The declared type of a const parameter. */
  constType: ast.Type | null;
}

export interface Predicate {
  ty: Ty;
  trait: TraitRef;
  span: Span;
}

export interface Generics {
  readonly parent: Generics | null;
  readonly own: readonly GenericParamDef[];
  /** Number of parameters in the parent chain; own[i].index === offset + i. */
  readonly offset: number;
  /** Bounds and where clauses of this level (parent's are in parent.preds). Filled by collect.ts. */
  preds: Predicate[];
  /** AST of this level, for lowering bounds. */
  readonly ast: ast.Generics | null;
}

export function genericsCount(g: Generics): number {
  return g.offset + g.own.length;
}

export function allGenericParams(g: Generics): GenericParamDef[] {
  return g.parent ? [...allGenericParams(g.parent), ...g.own] : [...g.own];
}

export interface TraitRef {
  trait: TraitDef;
  /** Arguments for the trait's own parameters (without `Self`). */
  args: readonly Ty[];
}

export interface FieldDef {
  /** Field name, or its index ("0", "1") in tuple structs and tuple variants. */
  name: string;
  ty: Ty;
  vis: Visibility;
  span: Span;
}

export type DeriveName = 'Debug' | 'Clone' | 'Copy' | 'PartialEq' | 'Eq' | 'PartialOrd' | 'Ord' | 'Hash' | 'Default';

export interface AdtDef extends DefBase {
  readonly kind: 'adt';
  readonly adtKind: 'struct' | 'enum';
  readonly generics: Generics;
  readonly variants: VariantDef[];
  readonly derives: Set<DeriveName>;
  readonly item: ast.Item;
  /** `#[repr(C)]`, `#[repr(u8)]`, ... as written, or null. */
  readonly repr: string | null;
  /** Filled by collect.ts when the field types have been lowered. */
  fieldsLowered: boolean;
}

export interface VariantDef extends DefBase {
  readonly kind: 'variant';
  readonly adt: AdtDef;
  readonly index: number;
  readonly shape: ast.VariantShape;
  /** Lowered by collect.ts (types refer to the ADT's generic params). */
  fields: FieldDef[];
  readonly ast: ast.Variant | null;
  /** Discriminant value (explicit or implicit), set by collect.ts for enums. */
  discriminant: bigint;
}

export type SelfKind = 'value' | 'ref' | 'refMut' | null;

export interface FnSig {
  /** Parameter types, including `self` first for methods. */
  params: Ty[];
  ret: Ty;
}

export type FnOwner = { kind: 'impl'; impl: ImplDef } | { kind: 'trait'; trait: TraitDef } | null;

export interface FnDef extends DefBase {
  readonly kind: 'fn';
  readonly generics: Generics;
  /** Lowered lazily by collect.ts. */
  sig: FnSig | null;
  readonly decl: { params: readonly ast.Param[]; ret: ast.Type | null; isUnsafe: boolean; abi: string | null; isConst?: boolean };
  /** null for required trait methods, extern and intrinsic declarations. */
  readonly body: ast.Block | null;
  readonly owner: FnOwner;
  readonly selfKind: SelfKind;
  /** `#[intrinsic]` in std, or an extern "C" declaration (`extern:NAME`). */
  readonly intrinsic: string | null;
  /** Set for closures lifted to functions: the enclosing function. */
  readonly closureOf: FnDef | null;
}

export interface TraitDef extends DefBase {
  readonly kind: 'trait';
  /** `Self` is parameter 0. */
  readonly generics: Generics;
  supertraits: TraitRef[];
  readonly methods: Map<string, FnDef>;
  readonly consts: Map<string, ConstDef>;
  readonly item: ast.Item;
  /** Impls of this trait, filled by collect.ts. */
  readonly impls: ImplDef[];
}

export interface ImplDef extends DefBase {
  readonly kind: 'impl';
  readonly generics: Generics;
  /** Lowered by collect.ts. */
  selfTy: Ty;
  traitRef: TraitRef | null;
  readonly methods: Map<string, FnDef>;
  readonly consts: Map<string, ConstDef>;
  readonly item: ast.Item | null;
  /** For impls produced by `#[derive(...)]`: the trait name; members are built in. */
  readonly derived: DeriveName | null;
}

export interface ConstDef extends DefBase {
  readonly kind: 'const';
  ty: Ty | null;
  readonly typeAst: ast.Type;
  /** null for an associated const declared (not defined) in a trait. */
  readonly value: ast.Expr | null;
  readonly owner: FnOwner;
}

export interface StaticDef extends DefBase {
  readonly kind: 'static';
  readonly mut: boolean;
  ty: Ty | null;
  readonly typeAst: ast.Type;
  readonly value: ast.Expr | null;
}

export interface TypeAliasDef extends DefBase {
  readonly kind: 'typeAlias';
  readonly generics: Generics;
  ty: Ty | null;
  readonly typeAst: ast.Type | null;
}

export type Def = ModuleDef | AdtDef | VariantDef | FnDef | TraitDef | ImplDef | ConstDef | StaticDef | TypeAliasDef;

/** What `describeDef` says in messages: "function `f`", "struct `P`". */
export function describeDef(d: Def): string {
  switch (d.kind) {
    case 'mod': return `module \`${d.name}\``;
    case 'adt': return `${d.adtKind} \`${d.name}\``;
    case 'variant': return `variant \`${d.adt.name}::${d.name}\``;
    case 'fn': return d.owner ? `associated function \`${d.name}\`` : `function \`${d.name}\``;
    case 'trait': return `trait \`${d.name}\``;
    case 'impl': return 'impl';
    case 'const': return `constant \`${d.name}\``;
    case 'static': return `static \`${d.name}\``;
    case 'typeAlias': return `type alias \`${d.name}\``;
  }
}

/** Is an item with visibility `vis` visible from module `from`? */
export function isVisible(vis: Visibility, from: ModuleDef): boolean {
  if (vis.kind === 'pub') return true;
  for (let m: ModuleDef | null = from; m; m = m.parent) if (m === vis.module) return true;
  return false;
}

/** Dense table of every Def; ids index `all`. */
export class DefTable {
  readonly all: Def[] = [];

  nextId(): number {
    return this.all.length;
  }

  add<D extends Def>(d: D): D {
    if (d.id !== this.all.length) throw new Error('DefTable: ids must be dense');
    this.all.push(d);
    return d;
  }
}

/** `#[name]` or `#[name(...)]` present? */
export function hasAttr(attrs: readonly ast.Attr[], name: string): boolean {
  return attrs.some((a) => a.meta.kind !== 'lit' && a.meta.name === name);
}

export function findAttr(attrs: readonly ast.Attr[], name: string): ast.Attr | undefined {
  return attrs.find((a) => a.meta.kind !== 'lit' && a.meta.name === name);
}
