// `orizon new`: the files it creates, and each way it refuses (existing
// folder, unknown board, unknown template, invalid name) with a clear error
// and a non-zero exit status, leaving nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orizon } from '../helpers/exec.ts';
import { parseManifest } from '../../sdk/src/project/manifest.ts';
import { substitute } from '../../sdk/src/project/scaffold.ts';
import { templateNames } from '../../sdk/src/project/templates.ts';
import { OrizonError } from '../../sdk/src/util/errors.ts';

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-new-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the templates are hello, blinky and interrupts', () => {
  assert.deepEqual(templateNames(), ['blinky', 'hello', 'interrupts']);
});

test('orizon new creates a project from the default template on the default board', (t) => {
  const dir = scratch(t);
  const r = orizon(['new', 'my-app'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Created project `my-app` for ARM MPS2\+ AN385 \(mps2-an385\) from template `hello` in my-app\/$/m);
  assert.match(r.stdout, /cd my-app\n {2}orizon build\n {2}orizon run\n/);
  const p = join(dir, 'my-app');
  assert.deepEqual(readdirSync(dir), ['my-app'], 'no temporary folder is left behind');
  assert.deepEqual(readdirSync(p).sort(), ['.gitignore', 'README.md', 'orizon.toml', 'src']);
  const m = parseManifest(readFileSync(join(p, 'orizon.toml'), 'utf8'), 'orizon.toml');
  assert.deepEqual({ name: m.name, version: m.version, board: m.board, target: m.target, release: m.release },
    { name: 'my-app', version: '0.1.0', board: 'mps2-an385', target: undefined, release: false });
  assert.equal(readFileSync(join(p, 'src', 'main.oriz'), 'utf8'), readFileSync(join('templates', 'hello', 'src', 'main.oriz'), 'utf8'));
  assert.match(readFileSync(join(p, '.gitignore'), 'utf8'), /^\/target\/$/m);
  const readme = readFileSync(join(p, 'README.md'), 'utf8');
  for (const cmd of ['orizon build', 'orizon run', 'orizon size', 'orizon clean']) assert.ok(readme.includes(`\`${cmd}\``), `README mentions ${cmd}`);
  assert.match(readme, /target\/mps2-an385\/debug\/my-app\.elf/);
  assert.match(readme, /^Prints a greeting on the board's console UART\.$/m);
});

test('orizon new fills the board\'s tick interrupt into the interrupts template', (t) => {
  const dir = scratch(t);
  for (const [board, irq] of [['microbit', 'TIMER1'], ['hifive1', 'MachineTimer'], ['netduinoplus2', 'SysTick']] as const) {
    const r = orizon(['new', '--board', board, '--template', 'interrupts', `irq-${board}`], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const main = readFileSync(join(dir, `irq-${board}`, 'src', 'main.oriz'), 'utf8');
    assert.match(main, new RegExp(`^#\\[interrupt\\]\\nfn ${irq}\\(\\) \\{$`, 'm'));
    assert.ok(!main.includes('{{'), 'every placeholder is filled');
    assert.match(main, new RegExp(`orizon boards ${board}`));
  }
});

test('orizon new writes into an existing empty folder and nested paths', (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'empty'));
  assert.equal(orizon(['new', '-t', 'blinky', '-b', 'lm3s6965evb', 'empty'], { cwd: dir }).status, 0);
  assert.ok(existsSync(join(dir, 'empty', 'src', 'main.oriz')));
  const r = orizon(['new', 'deep/er/proj'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'deep', 'er', 'proj', 'orizon.toml')));
});

test('orizon new refuses a folder that exists and is not empty, and leaves it untouched', (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'taken'));
  writeFileSync(join(dir, 'taken', 'notes.txt'), 'mine');
  const r = orizon(['new', 'taken'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'error: `taken` already exists and is not empty; refusing to overwrite it\nhint: choose another project name, or remove the folder first\n');
  assert.deepEqual(readdirSync(join(dir, 'taken')), ['notes.txt']);
  assert.deepEqual(readdirSync(dir), ['taken']);
  writeFileSync(join(dir, 'file'), '');
  const f = orizon(['new', 'file'], { cwd: dir });
  assert.equal(f.status, 1);
  assert.match(f.stderr, /^error: `file` already exists and is not a folder$/m);
});

test('orizon new rejects an unknown board with the closest id and the list (exit 2)', (t) => {
  const dir = scratch(t);
  const r = orizon(['new', '--board', 'mps2-an358', 'x'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: unknown board `mps2-an358`; did you mean `mps2-an385`\?$/m);
  assert.match(r.stderr, /^hint: the boards are: hifive1, lm3s6965evb, microbit, mps2-an385, mps2-an386, netduinoplus2, riscv-virt/m);
  const far = orizon(['new', '--board', 'arduino', 'x'], { cwd: dir });
  assert.equal(far.status, 2);
  assert.match(far.stderr, /^error: unknown board `arduino`$/m);
  assert.deepEqual(readdirSync(dir), []);
});

test('orizon new rejects an unknown template with the closest name and the list (exit 2)', (t) => {
  const dir = scratch(t);
  const r = orizon(['new', '--template', 'blinki', 'x'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'error: unknown template `blinki`; did you mean `blinky`?\nhint: the templates are: blinky, hello, interrupts\n');
  assert.deepEqual(readdirSync(dir), []);
});

test('orizon new rejects a name that cannot be a package name (exit 2)', (t) => {
  const dir = scratch(t);
  const r = orizon(['new', '9lives'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: `9lives` is not a valid project name$/m);
  assert.deepEqual(readdirSync(dir), []);
});

test('orizon new --help says the board is optional and names the default', () => {
  const r = orizon(['new', '--help']);
  assert.equal(r.status, 0);
  const flat = r.stdout.replace(/\s+/g, ' ');
  assert.match(flat, /-b, --board <board> board to build for .* default mps2-an385\)/);
  assert.match(flat, /hello, blinky or interrupts \(default hello\)/);
});

test('template placeholders are filled, and an unknown one is an error naming the file', () => {
  assert.equal(substitute('fn {{tick_interrupt}}() {} // {{board}}', { tick_interrupt: 'TIMER0', board: 'b' }, 'f'), 'fn TIMER0() {} // b');
  assert.throws(() => substitute('{{nope}}', { board: 'b' }, 'templates/x/src/main.oriz'),
    (e: unknown) => e instanceof OrizonError && e.message === 'template file `templates/x/src/main.oriz` uses the unknown placeholder `{{nope}}`');
});
