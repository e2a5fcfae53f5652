// Minimises a program on which Orizon and rustc disagree: greedy removal of
// brace blocks and single lines (the generator writes one statement per line),
// keeping a candidate when rustc still accepts it and the disagreement is of
// the same kind (status, stdout, panic, build failure). The result is small
// enough to read and to keep as a corpus test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareOutcomes, type Outcome } from './outcome.ts';
import { OrizonCompiler, runImage } from './orizon.ts';
import { runHost, rustcBuild, type Mode } from './rustc.ts';

/** rustc's outcome for a standalone program, or null when rustc rejects it or it runs too long. */
export async function rustcExpectation(src: string, mode: Mode, dir?: string): Promise<Outcome> {
  const own = dir === undefined;
  const d = dir ?? mkdtempSync(join(tmpdir(), 'orizon-rustc-'));
  try {
    writeFileSync(join(d, 'p.rs'), src);
    const b = await rustcBuild(join(d, 'p.rs'), join(d, 'p'), mode);
    if (!b.ok) throw new Error(`rustc rejects the program:\n${b.stderr}`);
    return await runHost(join(d, 'p'), [], 20_000);
  } finally {
    if (own) rmSync(d, { recursive: true, force: true });
  }
}

/** What kinds of difference (for "the same disagreement" during reduction). */
function signature(diffs: string[]): string {
  return diffs.map((d) => d.replace(/^(exit status|stdout differs|panic|orizon build failed: [^\n:]*|orizon rejects).*$/s, '$1')).sort().join(' + ');
}

export async function reduceProgram(src: string, mode: Mode, log: (line: string) => void = () => {}): Promise<{ source: string; diffs: string[] } | null> {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-reduce-'));
  const compiler = new OrizonCompiler();
  let checks = 0;
  const disagreement = async (text: string): Promise<string[] | null> => {
    checks++;
    let want: Outcome;
    try {
      want = await rustcExpectation(text, mode, dir);
    } catch {
      return null;
    }
    if (want.status === 'timeout') return null;
    writeFileSync(join(dir, 'p.oriz'), text);
    const built = await compiler.compile(join(dir, 'p.oriz'), join(dir, 'p.elf'), mode === 'release');
    if (!built.ok) {
      if (built.internal) return [`orizon build failed: ${built.internal.split('\n')[0]}`];
      return ['orizon rejects a program rustc accepts:', ...built.errors.map((e) => `${e.code} ${e.message} at ${e.line}:${e.col}`)];
    }
    const got = await runImage(join(dir, 'p.elf'), 30_000);
    const diffs = compareOutcomes(want, got);
    return diffs.length ? diffs : null;
  };
  try {
    const first = await disagreement(src);
    if (!first) return null;
    const sig = signature(first);
    let lines = src.split('\n');
    let best = first;
    for (let changed = true; changed;) {
      changed = false;
      for (const [a, z] of candidates(lines)) {
        const next = [...lines.slice(0, a), ...lines.slice(z + 1)];
        const d = await disagreement(next.join('\n'));
        if (d && signature(d) === sig) {
          lines = next;
          best = d;
          changed = true;
          log(`${lines.length} lines (${checks} checks)`);
          break;
        }
      }
    }
    return { source: lines.join('\n'), diffs: best };
  } finally {
    compiler.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Line ranges [a, z] to try removing: whole brace blocks (largest first), then single lines. */
function candidates(lines: string[]): [number, number][] {
  const blocks: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/\{\s*$/.test(lines[i]!) || /^\s*\}/.test(lines[i]!)) continue;
    let depth = 0;
    for (let j = i; j < lines.length; j++) {
      for (const ch of lines[j]!) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      if (depth === 0) {
        // A block closed by `};` or `}` followed by nothing else on the line.
        if (j > i && /^\s*\};?\s*$/.test(lines[j]!)) blocks.push([i, j]);
        break;
      }
    }
  }
  blocks.sort((x, y) => (y[1] - y[0]) - (x[1] - x[0]));
  const singles: [number, number][] = [];
  lines.forEach((l, i) => {
    if (l.trim() && !/[{}]/.test(l)) singles.push([i, i]);
  });
  return [...blocks, ...singles];
}
