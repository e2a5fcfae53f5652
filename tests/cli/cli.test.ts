import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { orizon, ROOT } from '../helpers/exec.ts';

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
const ESC = '\u001b[';

test('--version prints the package version', () => {
  const r = orizon(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('--help lists the built commands', () => {
  const r = orizon(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: orizon/);
  assert.match(r.stdout, /\bdoctor\b/);
  assert.match(r.stdout, /\brun\b/);
});

test('an unknown command is a usage error (status 2) with a hint', () => {
  const r = orizon(['frobnicate']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: unknown command 'frobnicate'/m);
  assert.match(r.stderr, /^hint: run `orizon --help`/m);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('a mistyped command gets a suggestion', () => {
  const r = orizon(['docter']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Did you mean doctor\?/);
});

test('an unknown option names the command in the hint', () => {
  const r = orizon(['doctor', '--frob']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: unknown option '--frob'/m);
  assert.match(r.stderr, /^hint: run `orizon doctor --help`/m);
});

test('failures exit 1 with error and hint lines, stack only with ORIZON_DEBUG=1', () => {
  const r = orizon(['run', 'does-not-exist.elf']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: cannot open `does-not-exist.elf`: no such file$/m);
  assert.match(r.stderr, /^hint: /m);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const d = orizon(['run', 'does-not-exist.elf'], { env: { ...process.env, ORIZON_DEBUG: '1' } });
  assert.equal(d.status, 1);
  assert.match(d.stderr, /\n\s+at /, 'stack trace with ORIZON_DEBUG=1');
});

test('no colour when output is not a terminal, nor with NO_COLOR', () => {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const r = orizon(['frobnicate'], { env });
  assert.ok(!r.stderr.includes(ESC), 'piped output has no escape codes');
  const forced = orizon(['run', 'missing.elf'], { env: { ...env, FORCE_COLOR: '1' } });
  assert.ok(forced.stderr.includes(ESC), 'FORCE_COLOR turns colour on');
  const both = orizon(['run', 'missing.elf'], { env: { ...env, FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.ok(!both.stderr.includes(ESC), 'NO_COLOR wins');
});
