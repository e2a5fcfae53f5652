// `orizon check` as a user runs it: files and folders, exit statuses, paths shown
// relative to the working directory, both message formats, colour rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orizon } from '../helpers/exec.ts';

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;
const ESC = '\u001b[';

const VALID = 'fn main() {\n    let _x = 1;\n}\n';
/** An unterminated string: a lexer error (E0001) whatever the parser does after it. */
const BROKEN = 'fn main() {\n    let s = "abc;\n}\n';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-check-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('a valid file: exit 0, nothing printed', () => {
  const dir = project({ 'ok.oriz': VALID });
  const r = orizon(['check', 'ok.oriz'], { cwd: dir, env });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, '');
});

test('errors: rustc-style report on stderr with a relative path, summary line, exit 1', () => {
  const dir = project({ 'src/bad.oriz': BROKEN });
  const r = orizon(['check', 'src/bad.oriz'], { cwd: dir, env });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^error\[E0001\]: unterminated string literal$/m);
  assert.match(r.stderr, /^ --> src\/bad\.oriz:2:13$/m);
  assert.match(r.stderr, /^2 \| +let s = "abc;$/m);
  assert.match(r.stderr, /^error: could not check `src\/bad\.oriz` due to \d+ previous errors?$/m);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('a path outside the working directory is shown absolute', () => {
  const dir = project({ 'bad.oriz': BROKEN });
  const elsewhere = project({});
  const r = orizon(['check', join(dir, 'bad.oriz')], { cwd: elsewhere, env });
  assert.equal(r.status, 1);
  assert.ok(r.stderr.includes(` --> ${join(dir, 'bad.oriz')}:2:13\n`), r.stderr);
});

test('a folder: every .oriz file below it, in sorted order; other files and hidden folders ignored', () => {
  const dir = project({
    'b.oriz': BROKEN, 'a/z.oriz': BROKEN, 'a/c.oriz': VALID, 'notes.txt': 'not source',
    '.hidden/x.oriz': BROKEN, 'node_modules/m/y.oriz': BROKEN,
  });
  const r = orizon(['check', '.', '--message-format', 'json'], { cwd: dir, env });
  assert.equal(r.status, 1);
  const files = r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { spans: { file: string }[] }).spans[0]!.file);
  assert.deepEqual([...new Set(files)], ['a/z.oriz', 'b.oriz']);
  const human = orizon(['check', '.'], { cwd: dir, env });
  assert.match(human.stderr, /^error: could not check `\.` due to/m);
  const ok = orizon(['check', 'a/c.oriz'], { cwd: dir, env });
  assert.equal(ok.status, 0);
});

test('--message-format json: one object per diagnostic on stdout, stderr empty', () => {
  const dir = project({ 'bad.oriz': BROKEN });
  const r = orizon(['check', 'bad.oriz', '--message-format', 'json'], { cwd: dir, env });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const first = JSON.parse(r.stdout.split('\n')[0]!) as Record<string, unknown>;
  assert.equal(first.code, 'E0001');
  assert.equal(first.severity, 'error');
  assert.deepEqual(Object.keys(first), ['code', 'severity', 'message', 'spans', 'notes', 'helps', 'suggestions', 'rendered']);
});

test('missing path, non-source file, empty folder: one error line and a hint, exit 1', () => {
  const dir = project({ 'readme.md': '# hi\n', 'empty/.keep': '' });
  for (const [arg, msg] of [
    ['nope.oriz', /^error: cannot open `nope\.oriz`: no such file or directory$/m],
    ['readme.md', /^error: `readme\.md` is not an Orizon source file$/m],
    ['empty', /^error: no \.oriz files in `empty`$/m],
  ] as const) {
    const r = orizon(['check', arg], { cwd: dir, env });
    assert.equal(r.status, 1, arg);
    assert.match(r.stderr, msg);
    assert.match(r.stderr, /^hint: /m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('bad options are usage errors (exit 2)', () => {
  const dir = project({ 'ok.oriz': VALID });
  const fmt = orizon(['check', 'ok.oriz', '--message-format', 'xml'], { cwd: dir, env });
  assert.equal(fmt.status, 2);
  assert.match(fmt.stderr, /^error: .*xml/m);
  const none = orizon(['check'], { cwd: dir, env });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^hint: run `orizon check --help`/m);
});

test('colour only with FORCE_COLOR on a pipe, never with NO_COLOR', () => {
  const dir = project({ 'bad.oriz': BROKEN });
  const plain = orizon(['check', 'bad.oriz'], { cwd: dir, env });
  assert.ok(!plain.stderr.includes(ESC));
  const forced = orizon(['check', 'bad.oriz'], { cwd: dir, env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.ok(forced.stderr.includes(ESC));
  assert.equal(forced.stderr.replace(/\u001b\[\d+m/g, ''), plain.stderr, 'same text under the colour');
  const both = orizon(['check', 'bad.oriz'], { cwd: dir, env: { ...env, FORCE_COLOR: '1' } });
  assert.ok(!both.stderr.includes(ESC), 'NO_COLOR wins');
  const json = orizon(['check', 'bad.oriz', '--message-format', 'json'], { cwd: dir, env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.ok(!json.stdout.includes(ESC), 'JSON `rendered` is always plain');
});

test('--emit ast prints the parsed program back as source on stdout', () => {
  const dir = project({ 'a.oriz': 'fn   main( ) {let _x=1;}\n', 'b/c.oriz': 'pub const N: u32 = 4;\n' });
  const one = orizon(['check', 'a.oriz', '--emit', 'ast'], { cwd: dir, env });
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /^fn main\(\) \{\n {4}let _x = 1;\n\}\n$/);
  const all = orizon(['check', '.', '--emit', 'ast'], { cwd: dir, env });
  assert.equal(all.status, 0, all.stderr);
  assert.match(all.stdout, /^\/\/ a\.oriz\nfn main\(\)[\s\S]*\n\/\/ b\/c\.oriz\npub const N: u32 = 4;\n$/);
  const json = orizon(['check', 'a.oriz', '--emit', 'ast', '--message-format', 'json'], { cwd: dir, env });
  assert.equal(json.status, 2, 'stdout cannot carry both');
  const bad = orizon(['check', 'a.oriz', '--emit', 'tokens'], { cwd: dir, env });
  assert.equal(bad.status, 2);
});
