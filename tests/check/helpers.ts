// Helpers for checker tests: type-check a source string as a crate root.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseSource } from '../../sdk/src/syntax/parse/index.ts';
import { parseFile } from '../../sdk/src/syntax/parse/index.ts';
import { DiagnosticBag, type Diagnostic } from '../../sdk/src/diag/diagnostic.ts';
import { SourceMap } from '../../sdk/src/diag/source.ts';
import { checkProgram, type HirProgram } from '../../sdk/src/check/index.ts';
import type { CheckOptions } from '../../sdk/src/check/ctx.ts';

export interface Checked {
  prog: HirProgram;
  diags: Diagnostic[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Codes of all diagnostics, in source order. */
  codes: string[];
  sources: SourceMap;
  /** `CODE line:col message` per diagnostic, for readable assertion failures. */
  text: string;
}

export function check(src: string, path = 'main.oriz', opts: Partial<CheckOptions> = {}): Checked {
  const { ast, diags, sources } = parseSource(path, src);
  const prog = checkProgram(ast, sources, diags, { searchPath: [], ...opts });
  return summarize(prog, diags, sources);
}

/** Checks `files` written to a fresh temporary directory; `main` is the crate root's relative path. */
export function checkFiles(files: Record<string, string>, main = 'main.oriz', searchPath: string[] = []): Checked & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-check-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const sources = new SourceMap();
  const diags = new DiagnosticBag();
  const root = join(dir, main);
  const ast = parseFile(sources.add(root, files[main]!), diags);
  const prog = checkProgram(ast, sources, diags, { searchPath: searchPath.map((p) => join(dir, p)) });
  return { ...summarize(prog, diags, sources), dir };
}

function summarize(prog: HirProgram, bag: DiagnosticBag, sources: SourceMap): Checked {
  const diags = bag.sorted();
  const text = diags.map((d) => {
    const f = sources.get(d.primary.span.file);
    const lc = f.lineCol(d.primary.span.start);
    return `${d.code} ${lc.line}:${lc.col} ${d.message}${d.primary.message ? ` (${d.primary.message})` : ''}`;
  }).join('\n');
  return {
    prog, diags, sources, text,
    errors: diags.filter((d) => d.severity === 'error'),
    warnings: diags.filter((d) => d.severity === 'warning'),
    codes: diags.map((d) => d.code),
  };
}

import type { HirExpr, HirFn } from '../../sdk/src/check/hir.ts';
import { walkExpr } from '../../sdk/src/check/visit.ts';
import { displayTy } from '../../sdk/src/check/types.ts';

/** The HIR of the user function `name` (first match). */
export function fnNamed(c: Checked, name: string): HirFn {
  for (const [def, f] of c.prog.fns) if (def.name === name && !def.module.crate.isLibrary) return f;
  throw new Error(`no function \`${name}\`\n${c.text}`);
}

/** Every expression of `f` satisfying `pred`, in evaluation order. */
export function exprs(f: HirFn, pred: (e: HirExpr) => boolean = () => true): HirExpr[] {
  const out: HirExpr[] = [];
  walkExpr(f.body, { expr: (e) => { if (pred(e)) out.push(e); } });
  return out;
}

/** Type of the local variable `name` in `f`, as rustc prints it. */
export function localTy(f: HirFn, name: string): string {
  const l = f.locals.find((x) => x.name === name);
  if (!l) throw new Error(`no local \`${name}\` in \`${f.def.name}\``);
  return displayTy(l.ty);
}

export { displayTy };
