// Golden files: expected output stored beside a test case and compared byte for
// byte. `ORIZON_BLESS=1` rewrites them from the actual output instead; review the
// change with `git diff` before committing, as for any other code change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from './exec.ts';

export function blessing(): boolean {
  const v = process.env.ORIZON_BLESS;
  return v !== undefined && v !== '' && v !== '0';
}

/** The command that re-blesses the golden files of a test file. */
export function blessCommand(testFile: string): string {
  return `ORIZON_BLESS=1 node scripts/run-tests.mjs ${relative(ROOT, testFile)}`;
}

/**
 * Asserts that `path` holds exactly `actual`. When blessing, writes it instead
 * (only if it changed, so unchanged files keep their timestamps).
 */
export function assertGolden(path: string, actual: string, testFile: string): void {
  const rel = relative(ROOT, path);
  const exists = existsSync(path);
  if (blessing()) {
    if (!exists || readFileSync(path, 'utf8') !== actual) writeFileSync(path, actual);
    return;
  }
  if (!exists) {
    assert.fail(`missing golden file ${rel}\nhint: create it with \`${blessCommand(testFile)}\` and review the result`);
  }
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) {
    assert.fail(`output differs from ${rel} (- expected, + actual):\n${lineDiff(expected, actual)}\n`
      + `hint: if the new output is right, run \`${blessCommand(testFile)}\` and review the diff`);
  }
}

/**
 * A line diff with two lines of context around each change, from a longest common
 * subsequence table. Golden files are small (tens of lines), so O(n·m) is fine.
 */
export function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { sign: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { ops.push({ sign: ' ', text: x[i]! }); i++; j++; }
    // Deletions before insertions, so a changed line reads "- old" then "+ new".
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { ops.push({ sign: '-', text: x[i]! }); i++; }
    else { ops.push({ sign: '+', text: y[j]! }); j++; }
  }
  const keep = ops.map((o, k) => ops.slice(Math.max(0, k - 2), k + 3).some((p) => p.sign !== ' '));
  const out: string[] = [];
  ops.forEach((o, k) => {
    if (keep[k]) out.push(`${o.sign} ${o.text}`);
    else if (k === 0 || keep[k - 1]) out.push('  ...');
  });
  return out.join('\n');
}
