// `orizon check <file|dir>`: lex, parse and type-check Orizon sources and report
// diagnostics, without generating code. Each file is checked as a crate root (a
// binary when it declares `fn main`, else a library); file modules it declares are
// loaded by the checker. Human diagnostics go to stderr; with
// `--message-format json` one JSON object per diagnostic goes to stdout and stderr
// stays empty, so editors read a clean stream. Exit 1 when any error was reported.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DiagnosticBag } from '../../diag/diagnostic.ts';
import { SourceMap } from '../../diag/source.ts';
import { renderDiagnostics, renderSummary } from '../../diag/render.ts';
import { renderJsonLines } from '../../diag/json.ts';
import { parseFile } from '../../syntax/parse/index.ts';
import { printAst } from '../../syntax/printer.ts';
import type { SourceFileAst } from '../../syntax/ast.ts';
import { checkProgram, type HirProgram } from '../../check/index.ts';
import { explainBounds } from '../../check/bounds.ts';
import { printProgram } from '../../check/hirprint.ts';
import { EXIT_FAILURE, EXIT_OK, OrizonError, UsageError } from '../../util/errors.ts';
import { wantsColor } from '../../util/term.ts';

export const SOURCE_EXT = '.oriz';
export const MESSAGE_FORMATS = ['human', 'json'] as const;
export const EMIT_KINDS = ['ast', 'hir'] as const;

export interface CheckOptions {
  messageFormat?: string;
  emit?: string;
  /** Print, per index expression, which index-proof case applied and why. */
  explainBounds?: boolean;
}

/** Path as shown in diagnostics: relative to the working directory when inside it, `/`-separated. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  const shown = rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return shown.split(sep).join('/');
}

/** Every .oriz file under `dir`, sorted by path; hidden folders and node_modules are skipped. */
function collectSources(dir: string, out: string[]): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') collectSources(p, out);
    } else if (e.isFile() && e.name.endsWith(SOURCE_EXT)) {
      out.push(p);
    }
  }
  return out;
}

/** The files `orizon check <target>` reads, as absolute paths; a clear error when there are none. */
export function resolveTargets(target: string): string[] {
  const abs = resolve(target);
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OrizonError(`cannot open \`${target}\`: ${code === 'ENOENT' ? 'no such file or directory' : code}`,
      `pass an Orizon source file (${SOURCE_EXT}) or a folder that contains some`);
  }
  if (st.isDirectory()) {
    const files = collectSources(abs, []);
    if (files.length === 0) throw new OrizonError(`no ${SOURCE_EXT} files in \`${target}\``, `Orizon source files end in ${SOURCE_EXT}`);
    return files;
  }
  if (!abs.endsWith(SOURCE_EXT)) {
    throw new OrizonError(`\`${target}\` is not an Orizon source file`, `Orizon source files end in ${SOURCE_EXT}`);
  }
  return [abs];
}

export function check(target: string, opts: CheckOptions): number {
  const format = opts.messageFormat ?? 'human';
  if (!(MESSAGE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`invalid --message-format \`${format}\``, `use one of: ${MESSAGE_FORMATS.join(', ')}`);
  }
  if (opts.emit !== undefined && !(EMIT_KINDS as readonly string[]).includes(opts.emit)) {
    throw new UsageError(`invalid --emit \`${opts.emit}\``, `use one of: ${EMIT_KINDS.join(', ')}`);
  }
  if (opts.emit !== undefined && format === 'json') {
    throw new UsageError('`--emit` cannot be combined with `--message-format json`', 'both write to stdout; run them separately');
  }

  const sources = new SourceMap();
  const diags = new DiagnosticBag();
  const asts: SourceFileAst[] = [];
  const programs: HirProgram[] = [];
  for (const abs of resolveTargets(target)) {
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      throw new OrizonError(`cannot read \`${displayPath(abs)}\`: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const errorsBefore = diags.errorCount;
    const ast = parseFile(sources.add(displayPath(abs), text), diags);
    asts.push(ast);
    // Type-check only a syntactically clean file: errors in recovered trees would cascade.
    if (diags.errorCount === errorsBefore) {
      const hasMain = ast.items.some((it) => it.kind === 'fn' && it.name.name === 'main');
      programs.push(checkProgram(ast, sources, diags, { searchPath: [], crateType: hasMain ? 'bin' : 'lib' }));
    }
  }

  const ordered = diags.sorted();
  if (format === 'json') {
    process.stdout.write(renderJsonLines(ordered, sources));
  } else {
    const color = wantsColor(process.stderr);
    process.stderr.write(renderDiagnostics(ordered, sources, { color })
      + renderSummary(displayPath(resolve(target)), diags.errorCount, diags.warningCount, { color }));
  }

  if (opts.explainBounds) {
    process.stdout.write(programs.map((p) => explainBounds(p, sources)).join(''));
  }
  if (opts.emit === 'hir') {
    process.stdout.write(programs.map((p) => printProgram(p)).join('\n'));
  }
  if (opts.emit === 'ast') {
    // One file prints as itself; several are separated by a comment naming each.
    const many = asts.length > 1;
    process.stdout.write(asts.map((a) => (many ? `// ${sources.get(a.file).path}\n` : '') + printAst(a)).join(many ? '\n' : ''));
  }
  return diags.hasErrors ? EXIT_FAILURE : EXIT_OK;
}
