// `orizon size` (per-section usage like `arm-none-eabi-size -A`, totals against
// the board's memory; our own ELF reader checked against GNU size) and
// `orizon clean`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orizon, sh } from '../helpers/exec.ts';
import { findTool } from '../../sdk/src/toolchain/discover.ts';
import { readElf } from '../../sdk/src/project/elf-sections.ts';
import { measure } from '../../sdk/src/project/size.ts';
import { loadBoard } from '../../sdk/src/boards/board.ts';

const gcc = findTool('arm-gcc').path;
const SKIP_GCC = gcc ? false : 'arm-none-eabi-gcc is not installed (it builds the reference image)';

/** An image with code, read-only data, initialised data (stored in flash, run in RAM) and zeroed data. */
const C_SOURCE = `
const char greeting[40] = "read-only data, 40 bytes with padding";
int counter = 7;
int table[5] = {1, 2, 3, 4, 5};
char buffer[300];
int main(void) { buffer[counter] = greeting[table[2]]; return counter; }
void reset(void) { main(); for (;;); }
__attribute__((section(".vectors"), used)) const void *vectors[2] = { (void *)0x20001000, (void *)reset };
`;
const LINK_SCRIPT = `
MEMORY { FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 4M  RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 4M }
SECTIONS {
  .vectors : { KEEP(*(.vectors)) } > FLASH
  .text : { *(.text*) } > FLASH
  .rodata : { *(.rodata*) } > FLASH
  .data : { *(.data*) } > RAM AT > FLASH
  .bss (NOLOAD) : { *(.bss*) *(COMMON) } > RAM
  __stack_bottom = 0x20000000 + 4M - 0x2000;
  __stack_top = 0x20000000 + 4M;
}
`;

function buildReference(dir: string): string {
  writeFileSync(join(dir, 'ref.c'), C_SOURCE);
  writeFileSync(join(dir, 'ref.ld'), LINK_SCRIPT);
  const elf = join(dir, 'ref.elf');
  sh(gcc!, ['-mcpu=cortex-m3', '-mthumb', '-O1', '-nostdlib', '-ffreestanding', '-fno-zero-initialized-in-bss', '-T', join(dir, 'ref.ld'), join(dir, 'ref.c'), '-o', elf]);
  return elf;
}

/** `size -A` rows of allocated sections: name → [size, addr]. */
function gnuSizeA(elf: string): Map<string, [number, number]> {
  const sizeTool = gcc!.replace(/gcc$/, 'size');
  const out = sh(sizeTool, ['-A', elf]);
  const rows = new Map<string, [number, number]>();
  for (const line of out.split('\n')) {
    const m = /^(\.\S+)\s+(\d+)\s+(\d+)$/.exec(line.trim());
    if (m && !/^\.(debug|comment|ARM\.attributes|riscv\.attributes)/.test(m[1]!)) rows.set(m[1]!, [Number(m[2]), Number(m[3])]);
  }
  return rows;
}

test('the ELF reader and usage totals agree with GNU size on a gcc image', { skip: SKIP_GCC }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-size-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const elf = buildReference(dir);
  const img = readElf(readFileSync(elf), 'ref.elf');
  assert.equal(img.machine, 'arm');
  const board = loadBoard('mps2-an385');
  const r = measure(img, board.memory);
  const gnu = gnuSizeA(elf);
  assert.deepEqual(new Map(r.sections.map((s) => [s.name, [s.size, s.addr]])), gnu);
  const sec = (n: string) => r.sections.find((s) => s.name === n)!;
  // .data runs in RAM and is stored in flash after .rodata.
  assert.ok(sec('.data').addr >= 0x2000_0000 && sec('.data').lma < 0x40_0000, 'load address of .data is in flash');
  assert.deepEqual([sec('.data').flash, sec('.data').ram], [sec('.data').size, sec('.data').size]);
  assert.deepEqual([sec('.bss').flash, sec('.bss').ram], [0, sec('.bss').size]);
  assert.ok(sec('.bss').size >= 300);
  const flash = sec('.vectors').size + sec('.text').size + sec('.rodata').size + sec('.data').size;
  assert.deepEqual(r.flash, { used: flash, capacity: 4 * 1024 * 1024 });
  assert.deepEqual(r.ram, { used: sec('.data').size + sec('.bss').size + 0x2000, capacity: 4 * 1024 * 1024, stack: 0x2000 });
  assert.deepEqual(r.outside, []);
});

test('orizon size prints the table and the totals; a project finds its image', { skip: SKIP_GCC }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-size-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const elf = buildReference(dir);
  const plain = orizon(['size', elf], { cwd: dir });
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /^ref\.elf :\nsection\s+size\s+addr/);
  assert.match(plain.stdout, /^\.data\s+\d+\s+0x20000000\s+0x000000[0-9a-f]{2}$/m);
  assert.match(plain.stdout, /^Total\s+\d+$/m);
  assert.doesNotMatch(plain.stdout, /^flash/m, 'no totals without a board');

  const withBoard = orizon(['size', elf, '--board', 'mps2-an385'], { cwd: dir });
  assert.equal(withBoard.status, 0);
  assert.match(withBoard.stdout, /^ref\.elf \(mps2-an385\) :$/m);
  assert.match(withBoard.stdout, /^flash\s+\d+ B of 4 MiB \(\d+\.\d+%\)$/m);
  assert.match(withBoard.stdout, /^ram\s+\d+ B of 4 MiB \(\d+\.\d+%\), including 8192 B of stack$/m);
  const json = JSON.parse(orizon(['size', elf, '-b', 'mps2-an385', '--json'], { cwd: dir }).stdout) as { board: string; flash: { used: number } };
  assert.equal(json.board, 'mps2-an385');
  assert.ok(json.flash.used > 0);

  const wrongArch = orizon(['size', elf, '--board', 'hifive1'], { cwd: dir });
  assert.equal(wrongArch.status, 1);
  assert.match(wrongArch.stderr, /is built for ARM, but board `hifive1` is RISC-V/);

  // Inside a project: the built image of the manifest's board and profile.
  const p = join(dir, 'app');
  assert.equal(orizon(['new', 'app'], { cwd: dir }).status, 0);
  const missing = orizon(['size'], { cwd: join(p, 'src') });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^error: no image at `\S*app\/target\/mps2-an385\/debug\/app\.elf`\nhint: run `orizon build` first\n$/);
  mkdirSync(join(p, 'target', 'mps2-an385', 'debug'), { recursive: true });
  copyFileSync(elf, join(p, 'target', 'mps2-an385', 'debug', 'app.elf'));
  const inProject = orizon(['size'], { cwd: p });
  assert.equal(inProject.status, 0, inProject.stderr);
  assert.match(inProject.stdout, /^target\/mps2-an385\/debug\/app\.elf \(mps2-an385\) :$/m);
  assert.match(orizon(['size', '--release'], { cwd: p }).stderr, /^hint: run `orizon build --release` first$/m);

  const notElf = orizon(['size', join(p, 'orizon.toml')], { cwd: dir });
  assert.equal(notElf.status, 1);
  assert.match(notElf.stderr, /^error: `app\/orizon\.toml` is not a valid ELF image: no ELF header$/m);
  const outside = orizon(['size'], { cwd: dir });
  assert.equal(outside.status, 1);
  assert.match(outside.stderr, /^error: no image given, and no orizon\.toml here or in any folder above$/m);
});

test('orizon clean removes target/ and says what it removed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-clean-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(orizon(['new', 'app'], { cwd: dir }).status, 0);
  const p = join(dir, 'app');
  mkdirSync(join(p, 'target', 'mps2-an385', 'debug'), { recursive: true });
  writeFileSync(join(p, 'target', 'mps2-an385', 'debug', 'app.elf'), 'x'.repeat(100));
  writeFileSync(join(p, 'target', 'note'), 'abc');
  const r = orizon(['clean'], { cwd: join(p, 'src') });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Removed target/ (2 files, 103 bytes)\n');
  assert.ok(!existsSync(join(p, 'target')));
  assert.ok(existsSync(join(p, 'src', 'main.oriz')), 'sources are kept');
  assert.equal(orizon(['clean'], { cwd: p }).stdout, 'Nothing to clean: target/ does not exist\n');
  const outside = orizon(['clean'], { cwd: dir });
  assert.equal(outside.status, 1);
  assert.match(outside.stderr, /^error: `orizon clean` needs a project: no orizon\.toml in `.*` or any folder above it\nhint: run it inside a project folder, or create one with `orizon new <name>`\n$/);
});
