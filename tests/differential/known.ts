// Known disagreements between Orizon and rustc, found by the differential
// test and not fixed yet. Each has a minimal repro in tests/programs/ (or
// below, when stdout and exit status agree and only the panic differs, which the
// corpus files cannot express) and a matcher that recognises its instances, so
// the differential test reports them as known (node:test `todo`) and fails
// only on new disagreements. Remove an entry when the bug is fixed: the repro
// test then passes, and the matcher no longer hides anything.
import { readFileSync } from 'node:fs';
import type { Disagreement } from './harness.ts';

export interface KnownIssue {
  id: string;
  /** What is wrong, in one sentence. */
  summary: string;
  /** A minimal program showing it (valid Rust and Orizon), and what rustc does with it. */
  repro: { source: string; stdout: string; status: number; panic: string | null; mode: 'debug' | 'release' };
  matches(d: Disagreement): boolean;
}

function line(file: string, n: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n')[n - 1] ?? '';
  } catch {
    return '';
  }
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    id: 'panic-column-in-parentheses',
    summary: 'A panic in a parenthesised expression is reported at the column after the `(`; rustc reports the `(` (the parenthesised expression\'s span).',
    repro: {
      source: 'fn scale(a: u8, b: u8) -> u8 {\n    let c: u8 = (a / b);\n    c\n}\n\nfn main() {\n    println!("{}", scale(200, 2));\n    println!("{}", scale(1, 0));\n}\n',
      stdout: '100\n', status: 101, panic: "'attempt to divide by zero' at 2:17", mode: 'debug',
    },
    matches(d) {
      const w = d.want?.panic;
      const g = d.got?.panic;
      if (!w || !g || !d.source || w.inLibrary || d.want!.stdout !== d.got!.stdout || d.want!.status !== d.got!.status) return false;
      if (w.message !== g.message || w.line !== g.line || g.col <= w.col) return false;
      // rustc's column points at `(`s that Orizon's column skips.
      const between = [...line(d.source, w.line)].slice(w.col - 1, g.col - 1).join('');
      return /^\(+$/.test(between);
    },
  },
];

export function knownIssueOf(d: Disagreement): string | undefined {
  return KNOWN_ISSUES.find((k) => k.matches(d))?.id;
}
