// The output `orizon check <case>` prints for the semantic diagnostics cases
// tests/diagnostics/cases/check-*.oriz (parse, then checkProgram, rendered as
// the CLI renders), shared by cases.test.ts and by re-blessing:
//   node --import tsx tests/check/cases.ts     rewrites check-*.stderr / .json
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticBag } from '../../sdk/src/diag/diagnostic.ts';
import { SourceMap } from '../../sdk/src/diag/source.ts';
import { renderDiagnostics, renderSummary } from '../../sdk/src/diag/render.ts';
import { renderJsonLines } from '../../sdk/src/diag/json.ts';
import { parseFile } from '../../sdk/src/syntax/parse/index.ts';
import { checkProgram } from '../../sdk/src/check/index.ts';
import { ROOT } from '../helpers/exec.ts';

export const CASES_DIR = 'tests/diagnostics/cases';

export function semanticCases(): string[] {
  return readdirSync(join(ROOT, CASES_DIR)).filter((f) => f.startsWith('check-') && f.endsWith('.oriz')).sort();
}

/** Human and JSON output for one case, with paths relative to the repository root (as the golden harness runs). */
export function expectedOutput(name: string): { stderr: string; json: string } {
  const rel = `${CASES_DIR}/${name}`;
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const sources = new SourceMap();
    const diags = new DiagnosticBag();
    const ast = parseFile(sources.add(rel, readFileSync(rel, 'utf8')), diags);
    checkProgram(ast, sources, diags, { searchPath: [] });
    const ordered = diags.sorted();
    return {
      stderr: renderDiagnostics(ordered, sources, { color: false }) + renderSummary(rel, diags.errorCount, diags.warningCount, { color: false }),
      json: renderJsonLines(ordered, sources),
    };
  } finally {
    process.chdir(cwd);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of semanticCases()) {
    const out = expectedOutput(name);
    const base = join(ROOT, CASES_DIR, name.slice(0, -'.oriz'.length));
    writeFileSync(`${base}.stderr`, out.stderr);
    writeFileSync(`${base}.json`, out.json);
  }
}
