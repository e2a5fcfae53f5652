// docs/errors.md is generated from the error-code table; this fails when someone
// changed the table without regenerating it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERRORS_MD, errorsMarkdown } from '../../scripts/gen-error-docs.ts';
import { ALL_CODES } from '../../sdk/src/diag/codes/index.ts';

test('docs/errors.md is up to date with the error-code table', () => {
  let have = '';
  try { have = readFileSync(ERRORS_MD, 'utf8'); } catch { /* missing counts as stale */ }
  assert.ok(have === errorsMarkdown(), 'docs/errors.md is out of date: run `npm run docs:errors` and commit the result');
});

test('docs/errors.md has a section for every code', () => {
  const md = errorsMarkdown();
  for (const c of ALL_CODES) assert.ok(md.includes(`### ${c.code}: ${c.title}\n`), c.code);
});
