// The error-code table is complete and consistent, and every code the compiler
// can report has an entry that `orizon explain` and docs/errors.md show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_CODES, CODE_GROUPS, CODE_PATTERN, closestCodes, lookupCode, normalizeCode } from '../../sdk/src/diag/codes/index.ts';
import { ROOT } from '../helpers/exec.ts';

test('codes are unique and well-formed (E#### or W####)', () => {
  const seen = new Map<string, number>();
  for (const c of ALL_CODES) seen.set(c.code, (seen.get(c.code) ?? 0) + 1);
  assert.deepEqual([...seen].filter(([, n]) => n > 1).map(([c]) => c), [], 'duplicate codes');
  assert.deepEqual(ALL_CODES.filter((c) => !CODE_PATTERN.test(c.code)).map((c) => c.code), [], 'malformed codes');
});

test("each code lies in its phase's range", () => {
  const wrong: string[] = [];
  for (const g of CODE_GROUPS) {
    for (const c of g.codes) {
      const n = Number(c.code.slice(1));
      if (!g.ranges.some((r) => r.prefix === c.code[0] && n >= r.from && n <= r.to)) wrong.push(`${c.code} (${g.name})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('each code has a title, an explanation, and different wrong and fixed examples', () => {
  const problems: string[] = [];
  for (const c of ALL_CODES) {
    if (c.title.trim() === '') problems.push(`${c.code}: empty title`);
    if (c.title !== c.title.trim() || c.title.includes('\n')) problems.push(`${c.code}: title must be one trimmed line`);
    if (c.explanation.trim().length < 20) problems.push(`${c.code}: explanation missing or too short`);
    if (c.wrong.trim() === '') problems.push(`${c.code}: no wrong example`);
    if (c.fixed.trim() === '') problems.push(`${c.code}: no fixed example`);
    if (c.wrong.trim() === c.fixed.trim()) problems.push(`${c.code}: wrong and fixed examples are the same`);
  }
  assert.deepEqual(problems, []);
});

/** Every `.ts` file under `dir`. */
function sourcesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourcesUnder(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('every code literal used in sdk/src has an entry in the table', () => {
  const missing: string[] = [];
  const tables = join(ROOT, 'sdk/src/diag/codes');
  for (const file of sourcesUnder(join(ROOT, 'sdk/src'))) {
    if (file.startsWith(tables)) continue;
    // Comments mention codes as examples; only code counts.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
    for (const m of text.matchAll(/['"`]([EW]\d{4})['"`]/g)) {
      if (!lookupCode(m[1]!)) missing.push(`${m[1]} in ${relative(ROOT, file)}`);
    }
  }
  assert.deepEqual([...new Set(missing)], [], 'add these codes to sdk/src/diag/codes/<phase>.ts');
});

test('lookup accepts lower case and bare numbers; near misses are suggested', () => {
  assert.equal(normalizeCode('e0101'), 'E0101');
  assert.equal(normalizeCode('101'), 'E0101');
  assert.equal(normalizeCode(' W0002 '), 'W0002');
  const first = ALL_CODES[0];
  if (first) {
    assert.equal(lookupCode(first.code.toLowerCase()), first);
    assert.ok(closestCodes(first.code).includes(first.code));
  }
  assert.ok(closestCodes('E9999').length <= 3);
});

test("lexer and parser codes: the wrong example reports its code, the fixed one reports no syntax error", async () => {
  // Imported here so the table tests above run even while the parser is broken.
  const { parseSource } = await import('../../sdk/src/syntax/parse/index.ts');
  const syntax = CODE_GROUPS.filter((g) => g.ranges.some((r) => r.prefix === 'E' && r.to <= 299));
  const problems: string[] = [];
  for (const c of syntax.flatMap((g) => g.codes)) {
    const wrong = parseSource(`${c.code}-wrong.oriz`, c.wrong).diags.items.map((d) => d.code);
    if (!wrong.includes(c.code)) problems.push(`${c.code}: wrong example reports [${wrong.join(', ')}]`);
    const fixed = parseSource(`${c.code}-fixed.oriz`, c.fixed).diags.items.map((d) => d.code);
    if (fixed.length > 0) problems.push(`${c.code}: fixed example reports [${fixed.join(', ')}]`);
  }
  assert.deepEqual(problems, []);
});
