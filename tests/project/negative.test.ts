// The negative cases through the CLI, each a clear error and a
// non-zero exit status: a broken manifest, an unknown board in the manifest,
// an unknown interrupt name. (An existing folder and an unknown board or
// template for `orizon new` are in new.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orizon } from '../helpers/exec.ts';

function project(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-neg-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(orizon(['new', 'app'], { cwd: dir }).status, 0);
  return join(dir, 'app');
}

test('a broken manifest stops every project command with the file, key and problem', (t) => {
  const p = project(t);
  const toml = join(p, 'orizon.toml');
  writeFileSync(toml, readFileSync(toml, 'utf8').replace('board = "mps2-an385"', 'board = "mps2-an358"'));
  for (const cmd of [['size'], ['clean']]) {
    const r = orizon(cmd, { cwd: join(p, 'src') });
    assert.equal(r.status, 1, cmd.join(' '));
    assert.match(r.stderr, /^error: \S*orizon\.toml: `build\.board`: unknown board `mps2-an358`; did you mean `mps2-an385`\?\nhint: the boards are: /);
  }
  writeFileSync(toml, '[package]\nname = "app"\nversion = "0.1.0"\n[build\n');
  const syntax = orizon(['clean'], { cwd: p });
  assert.equal(syntax.status, 1);
  assert.match(syntax.stderr, /^error: \S*orizon\.toml:4:\d+: invalid TOML: /);
});

test('an unknown interrupt name is a compile error listing the valid ones', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-irq-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'bad.oriz'), '#[interrupt]\nfn TIMER7() {}\n\nfn main() {}\n');
  const r = orizon(['build', 'bad.oriz', '--board', 'mps2-an385', '-o', 'bad.elf'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /`TIMER7` is not an interrupt of board `mps2-an385`/);
  assert.match(r.stderr, /\bTIMER0\b.*\bTIMER1\b|\bTIMER1\b.*\bTIMER0\b/);
  assert.match(r.stderr, /bad\.oriz:2:/);
});
