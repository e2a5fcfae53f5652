// Front end of a build: read the crate root, parse, type-check. Diagnostics go
// into the bag; the caller renders them.
import { readFileSync } from 'node:fs';
import { relative, resolve, isAbsolute, sep } from 'node:path';
import { DiagnosticBag } from '../diag/diagnostic.ts';
import { SourceMap } from '../diag/source.ts';
import { parseFile } from '../syntax/parse/index.ts';
import { checkProgram, type HirProgram } from '../check/index.ts';
import { OrizonError } from '../util/errors.ts';

export interface FrontEndResult {
  sources: SourceMap;
  diags: DiagnosticBag;
  /** Undefined when parsing failed badly enough that checking was skipped. */
  program?: HirProgram;
}

export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  const shown = rel === '' ? abs : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return shown.split(sep).join('/');
}

/** Parses and checks the crate whose root file is `rootPath` (`src/main.oriz` or a single file). */
export function frontEnd(rootPath: string, opts: { searchPath?: string[] } = {}): FrontEndResult {
  const abs = resolve(rootPath);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OrizonError(`cannot read \`${rootPath}\`: ${code === 'ENOENT' ? 'no such file' : code}`, 'pass an Orizon source file (.oriz) or a project folder with orizon.toml');
  }
  const sources = new SourceMap();
  const diags = new DiagnosticBag();
  const ast = parseFile(sources.add(displayPath(abs), text), diags);
  const program = checkProgram(ast, sources, diags, { searchPath: opts.searchPath ?? [] });
  return { sources, diags, program };
}
