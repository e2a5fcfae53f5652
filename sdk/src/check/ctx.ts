// The checker's context: one object per compilation, passed explicitly to every
// pass (no module-level mutable state). It owns the type and definition tables,
// the diagnostics bag, the crates, the "lang items" (prelude types and traits
// the checker gives meaning to) and the impl indexes built by collect.ts.
import type { DiagnosticBag } from '../diag/diagnostic.ts';
import type { SourceMap } from '../diag/source.ts';
import type { SourceFileAst } from '../syntax/ast.ts';
import { TypeTable, type Ty } from './types.ts';
import { DefTable, type AdtDef, type Crate, type ImplDef, type ModuleDef, type TraitDef, type FnDef, type ConstDef, type StaticDef, type ImportRecord } from './defs.ts';
import type { ConstValue, HirConst, HirFn, HirStatic } from './hir.ts';
import { ConstEvaluator } from './consteval.ts';
import type { ModuleBuild } from './modules.ts';

/** Traits and types from `std/prelude.oriz` the checker gives built-in meaning to. */
export interface LangItems {
  option: AdtDef | null;
  result: AdtDef | null;
  copy: TraitDef | null;
  clone: TraitDef | null;
  partialEq: TraitDef | null;
  eq: TraitDef | null;
  partialOrd: TraitDef | null;
  ord: TraitDef | null;
  debug: TraitDef | null;
  display: TraitDef | null;
}

export type LangTraitName = 'copy' | 'clone' | 'partialEq' | 'eq' | 'partialOrd' | 'ord' | 'debug' | 'display';

/** Reads and parses a module file; null when it does not exist. */
export type FileLoader = (path: string) => SourceFileAst | null;

export interface CheckOptions {
  /** Directories holding library crates (`<dir>/<name>/lib.oriz`), searched in order after the project. */
  searchPath: string[];
  /** `bin` requires `fn main()`. Default `bin`. */
  crateType?: 'bin' | 'lib';
  /** When given, receives the milliseconds spent in each pass (for benchmarks and `--time-passes`). */
  timings?: Record<string, number>;
}

export class Ctx {
  readonly types = new TypeTable();
  readonly defs = new DefTable();
  readonly crates: Crate[] = [];
  /** Extern crates by the name paths use (`std`, `core`, `hal`, ...). */
  readonly externCrates = new Map<string, Crate>();
  prelude: ModuleDef | null = null;
  readonly lang: LangItems = {
    option: null, result: null, copy: null, clone: null, partialEq: null, eq: null,
    partialOrd: null, ord: null, debug: null, display: null,
  };

  // Filled by modules.ts
  readonly modules: ModuleDef[] = [];
  readonly fns: FnDef[] = [];
  readonly adts: AdtDef[] = [];
  readonly traits: TraitDef[] = [];
  readonly impls: ImplDef[] = [];
  readonly consts: ConstDef[] = [];
  readonly statics: StaticDef[] = [];
  readonly imports: ImportRecord[] = [];

  /** Inherent impls by head key (see headKey in collect.ts). Filled by collect.ts. */
  readonly inherentImpls = new Map<string, ImplDef[]>();

  // Filled by body checking (body.ts) and constant evaluation (consteval.ts)
  readonly constValues = new Map<ConstDef, ConstValue | null>();
  readonly constHir = new Map<ConstDef, HirConst | null>();
  readonly staticHir = new Map<StaticDef, HirStatic>();
  readonly fnHir = new Map<FnDef, HirFn>();
  /** Functions declared while checking bodies (block items, lifted closures) still to be checked. */
  readonly pendingBodies: FnDef[] = [];
  readonly consteval: ConstEvaluator;
  /** Import directives of the module build; block-level items add to it. */
  readonly build: ModuleBuild = { directives: [] };
  /** Anonymous modules of blocks with items, keyed by the block's first item. */
  readonly blockModules = new Map<import('../syntax/ast.ts').Item, ModuleDef>();
  /** Inner attributes of the user crate's root file (`#![allow(...)]`). */
  crateAttrs: readonly import('../syntax/ast.ts').Attr[] = [];
  /** Traits usable for method calls from each module (memo for method.ts). */
  readonly traitsInScopeMemo = new Map<ModuleDef, TraitDef[]>();

  constructor(
    readonly diags: DiagnosticBag,
    readonly sources: SourceMap,
    readonly loadFile: FileLoader,
    readonly opts: CheckOptions,
  ) {
    this.consteval = new ConstEvaluator(this);
  }

  get unit(): Ty {
    return this.types.unit;
  }
}
