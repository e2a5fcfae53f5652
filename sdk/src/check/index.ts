// The semantic checker's entry point: parsed root file → typed HIR program.
//
// The pipeline is data (PASSES below), each pass a function of the Ctx:
//   load     build the module trees of `std` and the user crate (parsing file modules)
//   imports  resolve `import`/`use` directives (fixpoint; cycles allowed)
//   collect  lower signatures: impl headers, derives, bounds, fields, fn signatures
//   derives  check that derived impls are possible
//   bodies   type-check every fn body, const and static into HIR
//   roots    find `main` and `#[interrupt]` handlers
//   exhaust  match exhaustiveness, refutable patterns, unreachable arms
//   bounds   compile-time index proofs
//   lints    unused variables/imports/functions/mut
//   mono     the monomorphization plan (skipped when there are errors)
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticBag } from '../diag/diagnostic.ts';
import type { SourceMap } from '../diag/source.ts';
import type { SourceFileAst } from '../syntax/ast.ts';
import { parseFile } from '../syntax/parse/index.ts';
import { Ctx, type CheckOptions } from './ctx.ts';
import { buildCrate } from './modules.ts';
import { resolveImports } from './imports.ts';
import { collect } from './collect.ts';
import { checkDerives, resolveConst, resolveInstance } from './traits.ts';
import { checkFnBody, constItemHir, staticItemHir } from './body.ts';
import { lookupIn } from './resolve.ts';
import { hasAttr, findAttr, type FnDef } from './defs.ts';
import type { HirProgram, InterruptHandler, MonoPlan } from './hir.ts';
import { buildMonoPlan } from './mono.ts';
import { checkExhaustiveness } from './exhaust.ts';
import { runLints } from './lints.ts';
import { proveIndexes } from './bounds.ts';

export type { CheckOptions } from './ctx.ts';
export type * from './hir.ts';

interface State {
  ctx: Ctx;
  root: SourceFileAst;
  main: FnDef | null;
  interrupts: InterruptHandler[];
  mono: MonoPlan;
  indexProofs: HirProgram['indexProofs'];
}

interface Pass {
  name: string;
  run(s: State): void;
}

export const PASSES: readonly Pass[] = [
  { name: 'load', run: loadCrates },
  { name: 'imports', run: (s) => resolveImports(s.ctx, s.ctx.build.directives) },
  { name: 'collect', run: (s) => collect(s.ctx) },
  { name: 'derives', run: (s) => checkDerives(s.ctx) },
  { name: 'bodies', run: checkBodies },
  { name: 'roots', run: findRoots },
  { name: 'exhaust', run: (s) => checkExhaustiveness(s.ctx) },
  { name: 'bounds', run: (s) => { s.indexProofs = proveIndexes(s.ctx); } },
  // Like rustc, the unused-item lints only run on programs that type-check.
  { name: 'lints', run: (s) => { if (!s.ctx.diags.hasErrors) runLints(s.ctx, s.main, s.interrupts); } },
  { name: 'mono', run: (s) => { if (!s.ctx.diags.hasErrors) s.mono = buildMonoPlan(s.ctx, [...(s.main ? [s.main] : []), ...s.interrupts.map((i) => i.fn), ...exportedFns(s.ctx)]); } },
];

/** The directory that holds the SDK's `std/lib.oriz` (found upward from this file). */
export function sdkLibraryRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'std', 'lib.oriz'))) return dir;
    dir = dirname(dir);
  }
  return null;
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}

export function checkProgram(root: SourceFileAst, sources: SourceMap, diags: DiagnosticBag, opts: CheckOptions): HirProgram {
  const loadFile = (path: string): SourceFileAst | null => {
    let text: string;
    try { text = readFileSync(path, 'utf8'); } catch { return null; }
    const file = sources.add(displayPath(path), text);
    return parseFile(file, diags);
  };
  const ctx = new Ctx(diags, sources, loadFile, opts);
  const state: State = { ctx, root, main: null, interrupts: [], mono: { roots: [], instances: [] }, indexProofs: [] };
  for (const p of PASSES) {
    const t0 = opts.timings ? performance.now() : 0;
    p.run(state);
    if (opts.timings) opts.timings[p.name] = (opts.timings[p.name] ?? 0) + performance.now() - t0;
  }
  return {
    types: ctx.types,
    fns: ctx.fnHir,
    consts: new Map([...ctx.constHir].filter((e): e is [typeof e[0], NonNullable<typeof e[1]>] => e[1] !== null).sort((a, b) => a[0].id - b[0].id)),
    statics: [...ctx.staticHir.values()],
    adts: ctx.adts,
    main: state.main,
    interrupts: state.interrupts,
    mono: state.mono,
    resolveInstance: (ref) => resolveInstance(ctx, ref),
    resolveConst: (def, args) => resolveConst(ctx, def, args),
    indexProofs: state.indexProofs,
  };
}

function loadCrates(s: State): void {
  const { ctx } = s;
  const dirs = [...ctx.opts.searchPath];
  const sdk = sdkLibraryRoot();
  if (sdk && !dirs.includes(sdk)) dirs.push(sdk);
  for (const d of dirs) {
    const lib = join(resolve(d), 'std', 'lib.oriz');
    if (!existsSync(lib)) continue;
    const ast = ctx.loadFile(lib);
    if (!ast) continue;
    const std = buildCrate(ctx, ctx.build, 'std', ast, true);
    ctx.externCrates.set('std', std);
    ctx.externCrates.set('core', std);
    const p = lookupIn(ctx, std.root, 'prelude', 'types');
    if (p && p.def.kind === 'mod') ctx.prelude = p.def;
    break;
  }
  if (!ctx.prelude) {
    ctx.diags.error('E0303', 'cannot find the Orizon standard library (`std/lib.oriz`)', s.root.span)
      .note(`searched: ${dirs.join(', ') || '(no directories)'}`)
      .help('reinstall the SDK, or pass its directory in the search path');
  }
  ctx.crateAttrs = s.root.innerAttrs;
  const firstUser = ctx.sources.files.length - 1;
  buildCrate(ctx, ctx.build, 'crate', s.root, false);
  loadLibraries(ctx, dirs, Math.min(firstUser, s.root.file));
}

const NOT_CRATES = new Set(['crate', 'self', 'super', 'std', 'core', 'Self']);

/**
 * Library crates other than std (`hal`, `board`, ...): any `name::` in the
 * sources that names `<dir>/name/lib.oriz` in the search path is loaded, and
 * the libraries' own sources are scanned the same way. Cheap (a scan of the
 * text for `ident::`), and it loads exactly the libraries a program mentions.
 */
function loadLibraries(ctx: Ctx, dirs: readonly string[], fromFile: number): void {
  const tried = new Set<string>();
  for (let f = fromFile; f < ctx.sources.files.length; f++) {
    const text = ctx.sources.files[f]!.text;
    for (const m of text.matchAll(/(?<![A-Za-z0-9_:$])([a-z_][a-z0-9_]*)::|\b(?:import|use)\s+([a-z_][a-z0-9_]*)\s*(?:;|as\b)/g)) {
      const name = (m[1] ?? m[2])!;
      if (NOT_CRATES.has(name) || tried.has(name) || ctx.externCrates.has(name)) continue;
      tried.add(name);
      for (const d of dirs) {
        const lib = join(resolve(d), name, 'lib.oriz');
        if (!existsSync(lib)) continue;
        const ast = ctx.loadFile(lib);
        if (ast) ctx.externCrates.set(name, buildCrate(ctx, ctx.build, name, ast, true));
        break;
      }
    }
  }
}

function checkBodies(s: State): void {
  const { ctx } = s;
  for (const f of [...ctx.fns]) if (f.body && !f.closureOf) checkFnBody(ctx, f);
  while (ctx.pendingBodies.length) checkFnBody(ctx, ctx.pendingBodies.shift()!);
  for (const c of [...ctx.consts]) {
    if (!c.value) continue;
    constItemHir(ctx, c);
    ctx.consteval.constValue(c);
  }
  for (const st of ctx.statics) staticItemHir(ctx, st);
  while (ctx.pendingBodies.length) checkFnBody(ctx, ctx.pendingBodies.shift()!);
}

function findRoots(s: State): void {
  const { ctx } = s;
  const userRoot = ctx.crates.find((c) => c.name === 'crate')!.root;
  const b = userRoot.values.get('main');
  if (b && b.def.kind === 'fn') {
    const f = b.def;
    s.main = f;
    const sig = f.sig!;
    const retOk = sig.ret.kind === 'never' || (sig.ret.kind === 'tuple' && sig.ret.elems.length === 0);
    if (sig.params.length !== 0 || !retOk || f.generics.own.length) {
      ctx.diags.error('E0606', '`main` function has the wrong signature', f.span, 'expected `fn main()`')
        .note('`main` takes no arguments and returns `()` (or `!`)');
    }
  } else if ((ctx.opts.crateType ?? 'bin') === 'bin') {
    ctx.diags.error('E0606', '`main` function not found in crate', { file: s.root.file, start: s.root.span.end, end: s.root.span.end },
      'consider adding a `main` function to this file');
  }
  for (const f of ctx.fns) {
    if (!hasAttr(f.attrs, 'interrupt') || f.module.crate.isLibrary) continue;
    const a = findAttr(f.attrs, 'interrupt')!;
    const name = a.meta.kind === 'list' && a.meta.items[0]?.kind === 'word' ? a.meta.items[0].name : f.name;
    const sig = f.sig!;
    const retOk = sig.ret.kind === 'never' || (sig.ret.kind === 'tuple' && sig.ret.elems.length === 0);
    if (sig.params.length || !retOk || f.generics.own.length || f.owner) {
      ctx.diags.error('E0607', 'interrupt handlers must be free functions `fn NAME()`', f.span, 'wrong signature for an interrupt handler')
        .note('a handler takes no arguments and returns `()` (or `!`)');
      continue;
    }
    s.interrupts.push({ fn: f, name });
  }
}

/** Functions the outside world may call: `#[no_mangle]` and `extern "C"` definitions of the user crate. */
function exportedFns(ctx: Ctx): FnDef[] {
  return ctx.fns.filter((f) => !f.module.crate.isLibrary && f.body && f.generics.own.length === 0 && !f.owner
    && (hasAttr(f.attrs, 'no_mangle') || f.decl.abi !== null));
}
