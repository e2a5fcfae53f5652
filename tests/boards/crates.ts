// Type-checks and builds Orizon programs that use the SDK's library crates
// (`hal`, and a board's `board` crate), with the checker and back end as they
// are today.
//
// The checker loads a library `name` from `<dir>/name/lib.oriz` on its search
// path when a program mentions `name::`; a board build's search path is
// `bsp/<board>/` (the SDK root, holding `std` and `hal`, is always searched).
// `orizon build` does not pass that path yet, and the checker makes only the
// user crate's `#[no_mangle]` functions roots of the program; this helper runs
// the checker's own pass list with the board's search path and adds the
// libraries' `#[no_mangle]` functions (the board's console hook) as roots.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../../sdk/src/diag/diagnostic.ts';
import { SourceMap } from '../../sdk/src/diag/source.ts';
import { renderDiagnostics } from '../../sdk/src/diag/render.ts';
import { parseFile } from '../../sdk/src/syntax/parse/index.ts';
import type { SourceFileAst } from '../../sdk/src/syntax/ast.ts';
import { Ctx } from '../../sdk/src/check/ctx.ts';
import { PASSES, type HirProgram } from '../../sdk/src/check/index.ts';
import { resolveConst, resolveInstance } from '../../sdk/src/check/traits.ts';
import { hasAttr } from '../../sdk/src/check/defs.ts';
import { buildMonoPlan } from '../../sdk/src/check/mono.ts';
import { bspDir, type Board } from '../../sdk/src/boards/board.ts';
import { lowerProgram } from '../../sdk/src/ir/lower/index.ts';
import { backendFor } from '../../sdk/src/driver/backends.ts';
import { link, writeExecutable } from '../../sdk/src/link/index.ts';
import { ROOT } from '../helpers/exec.ts';

export interface CrateCheck {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Rendered diagnostics, for assertion messages. */
  text: string;
  program: HirProgram | null;
  sources: SourceMap;
}

/** The library search path of a build for `board` (project.ts `librarySearchPath`). */
export function boardSearchPath(board: string): string[] {
  return [join(bspDir(), board), ROOT];
}

export function checkWithCrates(rootFile: string, board: string, opts: { crateType?: 'bin' | 'lib' } = {}): CrateCheck {
  const sources = new SourceMap();
  const diags = new DiagnosticBag();
  const load = (path: string): SourceFileAst | null => {
    let text: string;
    try { text = readFileSync(path, 'utf8'); } catch { return null; }
    // Like the checker: paths relative to the working directory (module files are found from them).
    return parseFile(sources.add(relative(process.cwd(), path) || path, text), diags);
  };
  const root = load(rootFile);
  if (!root) throw new Error(`cannot read ${rootFile}`);
  const ctx = new Ctx(diags, sources, load, { searchPath: boardSearchPath(board), crateType: opts.crateType });
  type State = { ctx: Ctx; root: SourceFileAst; main: HirProgram['main']; interrupts: HirProgram['interrupts']; mono: HirProgram['mono']; indexProofs: HirProgram['indexProofs'] };
  const state: State = { ctx, root, main: null, interrupts: [], mono: { roots: [], instances: [] }, indexProofs: [] };
  for (const pass of PASSES) {
    (pass.run as (s: State) => void)(state);
    if (pass.name === 'mono' && !diags.hasErrors) {
      // The checker's roots are main, the handlers and the user crate's exported
      // functions; add the library crates' `#[no_mangle]` functions.
      const exported = ctx.fns.filter((f) => f.body && f.generics.own.length === 0 && !f.owner && hasAttr(f.attrs, 'no_mangle'));
      state.mono = buildMonoPlan(ctx, [...(state.main ? [state.main] : []), ...state.interrupts.map((i) => i.fn), ...exported]);
    }
  }
  const all = diags.sorted();
  const program: HirProgram | null = diags.hasErrors ? null : {
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
  return {
    errors: all.filter((d) => d.severity === 'error'),
    warnings: all.filter((d) => d.severity === 'warning'),
    text: renderDiagnostics(all, sources, { color: false }),
    program,
    sources,
  };
}

/**
 * Builds `rootFile` for `board` with its crates into `out` (an ELF), the way
 * `orizon build` does once the checker loads library crates. Returns the
 * rendered diagnostics when the program does not check.
 */
export function buildWithCrates(rootFile: string, board: Board, out: string, release = false): { ok: boolean; text: string } {
  const c = checkWithCrates(rootFile, board.id);
  if (!c.program) return { ok: false, text: c.text };
  const module = lowerProgram(c.program, { debug: !release, target: { ptrBytes: 4 }, sources: c.sources });
  const backend = backendFor(board.target);
  const compiled = backend.compileModule(module, { target: board.target, release, sourceName: rootFile, wantAsm: false });
  const runtime = backend.runtime({ target: board.target, board, interrupts: module.interrupts });
  const image = link([compiled.object, ...runtime], {
    layout: { flash: board.memory.flash, ram: board.memory.ram, stackSize: board.memory.stackSize },
    entry: backend.entry,
  });
  writeExecutable(image, out);
  return { ok: true, text: c.text };
}
