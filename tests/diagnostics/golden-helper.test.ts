// The golden-file helper itself: a mismatch shows a line diff and the bless
// command, a missing file says how to create it, blessing writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertGolden, lineDiff } from '../helpers/golden.ts';

const dir = mkdtempSync(join(tmpdir(), 'orizon-golden-'));
const testFile = join(dir, 'x.test.ts');

function withBless<T>(value: string | undefined, f: () => T): T {
  const old = process.env.ORIZON_BLESS;
  if (value === undefined) delete process.env.ORIZON_BLESS;
  else process.env.ORIZON_BLESS = value;
  try { return f(); } finally {
    if (old === undefined) delete process.env.ORIZON_BLESS;
    else process.env.ORIZON_BLESS = old;
  }
}

test('a missing golden file fails with the command that blesses it', () => {
  withBless(undefined, () => {
    assert.throws(() => assertGolden(join(dir, 'missing.stderr'), 'x\n', testFile), (e: Error) =>
      /missing golden file/.test(e.message) && /ORIZON_BLESS=1 node scripts\/run-tests\.mjs/.test(e.message));
  });
});

test('a mismatch fails with a line diff; a match passes', () => {
  const p = join(dir, 'case.stderr');
  writeFileSync(p, 'a\nb\nc\n');
  withBless(undefined, () => {
    assertGolden(p, 'a\nb\nc\n', testFile);
    assert.throws(() => assertGolden(p, 'a\nB\nc\n', testFile), (e: Error) => e.message.includes('- b\n+ B'));
  });
});

test('ORIZON_BLESS=1 writes the actual output', () => {
  const p = join(dir, 'blessed.json');
  withBless('1', () => assertGolden(p, '{"x":1}\n', testFile));
  assert.equal(readFileSync(p, 'utf8'), '{"x":1}\n');
  withBless('0', () => assert.throws(() => assertGolden(p, 'other\n', testFile)));
});

test('lineDiff keeps two lines of context and elides the rest', () => {
  const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
  const b = a.replace('l10', 'L10');
  assert.equal(lineDiff(a, b), '  ...\n  l8\n  l9\n- l10\n+ L10\n  l11\n  l12\n  ...');
});
