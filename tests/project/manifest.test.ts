// orizon.toml: parsing, every validation error (file, key, problem), and
// finding the project from a folder inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTargetForBoard, parseManifest, renderManifest } from '../../sdk/src/project/manifest.ts';
import { findProject, findProjectRoot, imagePath, librarySearchPath, profileOf, requireProject } from '../../sdk/src/project/project.ts';
import { bspDir } from '../../sdk/src/boards/board.ts';
import { OrizonError } from '../../sdk/src/util/errors.ts';

const GOOD = renderManifest('blinky', 'lm3s6965evb', 'thumbv7m');

function problem(text: string): { message: string; hint?: string } {
  try {
    parseManifest(text, 'app/orizon.toml');
  } catch (e) {
    assert.ok(e instanceof OrizonError, String(e));
    return { message: e.message, hint: e.hint };
  }
  assert.fail('expected an error');
}

test('the manifest orizon new writes parses back', () => {
  const m = parseManifest(GOOD, 'orizon.toml');
  assert.deepEqual(m, { name: 'blinky', version: '0.1.0', board: 'lm3s6965evb', target: undefined, release: false, file: 'orizon.toml' });
  const full = parseManifest('[package]\nname = "a_b-c"\nversion = "1.2.3-rc.1"\ndescription = "x"\nauthors = ["me"]\n[build]\nboard = "hifive1"\ntarget = "rv32imac"\nrelease = true\n', 'f');
  assert.equal(full.target, 'rv32imac');
  assert.equal(full.release, true);
});

test('manifest errors name the file, the key and the problem', () => {
  const cases: [string, string][] = [
    [GOOD.replace('[package]', '[pakage]'), 'app/orizon.toml: `pakage`: unknown key; did you mean `package`?'],
    [GOOD.replace('[build]', '[other]'), 'app/orizon.toml: `other`: unknown key'],
    [GOOD.replace('board = ', 'bord = '), 'app/orizon.toml: `build.bord`: unknown key; did you mean `build.board`?'],
    [GOOD.replace('name = "blinky"\n', ''), 'app/orizon.toml: `package.name`: missing string'],
    [GOOD.replace('name = "blinky"', 'name = 7'), 'app/orizon.toml: `package.name`: expected a string, found number 7'],
    [GOOD.replace('name = "blinky"', 'name = "my app"'), 'app/orizon.toml: `package.name`: `my app` is not a valid package name'],
    [GOOD.replace('version = "0.1.0"', 'version = "1.0"'), 'app/orizon.toml: `package.version`: `1.0` is not a semantic version'],
    [GOOD.replace('board = "lm3s6965evb"', 'board = "lm3s6956evb"'), 'app/orizon.toml: `build.board`: unknown board `lm3s6956evb`; did you mean `lm3s6965evb`?'],
    [GOOD.replace('# target = "thumbv7m"', 'target = "thumbv8m"'), 'app/orizon.toml: `build.target`: unknown target `thumbv8m`; did you mean `thumbv6m`?'],
    [GOOD.replace('# release = false', 'release = "yes"'), 'app/orizon.toml: `build.release`: expected true or false, found string "yes"'],
    ['[package]\nname = "a"\nversion = "0.1.0"\n', 'app/orizon.toml: `build`: missing table [build]'],
    ['package = 3\n[build]\nboard = "hifive1"\n', 'app/orizon.toml: `package`: expected a table, found number 3'],
  ];
  for (const [text, want] of cases) assert.equal(problem(text).message, want);
  assert.match(problem(GOOD.replace('board = "lm3s6965evb"', 'board = "x"')).hint!, /^the boards are: hifive1, lm3s6965evb, /);
  assert.equal(problem(GOOD.replace('[build]', '[biuld]')).hint, 'the top level accepts: package, build');
  assert.match(problem('[package\nname = "a"').message, /^app\/orizon\.toml:1:\d+: invalid TOML: /);
});

test('a target of another architecture is rejected against the board', () => {
  const m = parseManifest(GOOD.replace('# target = "thumbv7m"', 'target = "rv32imac"'), 'orizon.toml');
  assert.throws(() => checkTargetForBoard(m, 'thumbv7m'),
    (e: unknown) => e instanceof OrizonError && e.message === 'orizon.toml: `build.target`: target `rv32imac` does not run on board `lm3s6965evb` (thumbv7m)');
  checkTargetForBoard({ ...m, target: 'thumbv6m' }, 'thumbv7m');
});

test('findProject walks up to the nearest orizon.toml; paths follow the layout', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-find-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'orizon.toml'), GOOD);
  mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
  assert.equal(findProjectRoot(join(dir, 'src', 'deep')), dir);
  const p = findProject(join(dir, 'src', 'deep'))!;
  assert.equal(p.root, dir);
  assert.equal(p.main, join(dir, 'src', 'main.oriz'));
  assert.equal(imagePath(p, 'lm3s6965evb', 'debug'), join(dir, 'target', 'lm3s6965evb', 'debug', 'blinky.elf'));
  assert.equal(profileOf(p), 'debug');
  assert.equal(profileOf(p, true), 'release');
  assert.equal(profileOf({ ...p, manifest: { ...p.manifest, release: true } }), 'release');
  assert.deepEqual(librarySearchPath('lm3s6965evb')[0], join(bspDir(), 'lm3s6965evb'));
  // A nested project wins over the outer one.
  mkdirSync(join(dir, 'inner'));
  writeFileSync(join(dir, 'inner', 'orizon.toml'), GOOD.replace('blinky', 'inner'));
  assert.equal(findProject(join(dir, 'inner'))!.manifest.name, 'inner');
});

test('outside a project, requireProject says so; a broken manifest is reported, not skipped', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-none-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(findProject(dir), null);
  assert.throws(() => requireProject('clean', dir), (e: unknown) => e instanceof OrizonError && /^`orizon clean` needs a project: no orizon\.toml in `.*` or any folder above it$/.test(e.message));
  writeFileSync(join(dir, 'orizon.toml'), '[package]\n');
  assert.throws(() => findProject(dir), (e: unknown) => e instanceof OrizonError && /orizon\.toml: `package\.name`: missing string$/.test(e.message));
});
