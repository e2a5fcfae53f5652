// `orizon explain`: one code's long form, `--list`, and usage errors (exit 2)
// that name the closest known codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orizon } from '../helpers/exec.ts';
import { ALL_CODES } from '../../sdk/src/diag/codes/index.ts';
import { wrapText } from '../../sdk/src/cli/commands/explain.ts';

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

test('explain prints title, explanation, and the wrong and fixed examples', (t) => {
  const info = ALL_CODES[0];
  if (!info) { t.skip('the error-code table is empty'); return; }
  const r = orizon(['explain', info.code.toLowerCase()], { env });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(r.stdout.startsWith(`${info.code}: ${info.title}\n\n`));
  assert.ok(r.stdout.includes('Erroneous code example:\n\n'));
  assert.ok(r.stdout.includes('\nFixed:\n\n'));
  const firstWrongLine = info.wrong.split('\n').find((l) => l.trim() !== '')!;
  assert.ok(r.stdout.includes(`    ${firstWrongLine}`), 'wrong example indented by four spaces');
});

test('explain --list lists every code with its title', () => {
  const r = orizon(['explain', '--list'], { env });
  assert.equal(r.status, 0);
  for (const c of ALL_CODES) assert.ok(r.stdout.includes(`${c.code}  ${c.title}\n`), c.code);
});

test('an unknown code is a usage error with the closest codes', () => {
  const r = orizon(['explain', 'E0999'], { env });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: unknown error code `E0999`$/m);
  assert.match(r.stderr, ALL_CODES.length > 0 ? /^hint: closest known codes: [EW]\d{4}/m : /^hint: /m);
  assert.equal(r.stdout, '');
});

test('a malformed code, no code, or a code with --list are usage errors', () => {
  const bad = orizon(['explain', 'oops'], { env });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^error: `oops` is not an error code/m);
  const none = orizon(['explain'], { env });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^error: missing error code$/m);
  const both = orizon(['explain', 'E0001', '--list'], { env });
  assert.equal(both.status, 2);
  assert.doesNotMatch(bad.stderr + none.stderr + both.stderr, /\n\s+at /, 'no stack trace');
});

test('prose is wrapped at 80 columns; laid-out paragraphs are kept', () => {
  const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  assert.ok(wrapText(long).split('\n').every((l) => l.length <= 80));
  assert.equal(wrapText('a\nb\n\n    code\n    more'), 'a b\n\n    code\n    more');
});
