// Boots hand-assembled firmware (examples/boot-demo) on QEMU mps2-an385 through
// the shared helper and through `orizon run`, checking console output and the
// semihosting exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orizon, ROOT, sh } from '../helpers/exec.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { tool } from '../helpers/tools.ts';

function assemble(dir: string, name: string, source: string, defs: string[] = []): string {
  const obj = join(dir, `${name}.o`);
  const elf = join(dir, `${name}.elf`);
  sh(tool('arm-as'), ['-mcpu=cortex-m3', ...defs.flatMap((d) => ['--defsym', d]), '-o', obj, source]);
  sh(tool('arm-ld'), ['-T', join(ROOT, 'examples/boot-demo/link.ld'), '-o', elf, obj]);
  return elf;
}

test('boot demo prints on the UART and exits with its status', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-boot-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(ROOT, 'examples/boot-demo/hello.S');
  const ok = assemble(dir, 'ok', src);
  const three = assemble(dir, 'three', src, ['EXIT_CODE=3']);

  const r0 = await runOnBoard('mps2-an385', ok);
  assert.equal(r0.timedOut, false);
  assert.equal(r0.output, 'Hello from Orizon on mps2-an385 (Cortex-M3)\n');
  assert.equal(r0.exitCode, 0);

  const r3 = await runOnBoard('mps2-an385', three);
  assert.equal(r3.exitCode, 3);

  const cli = orizon(['run', three]);
  assert.equal(cli.status, 3);
  assert.equal(cli.stdout, 'Hello from Orizon on mps2-an385 (Cortex-M3)\n');
});

test('a program that never ends is stopped by the timeout', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-loop-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'loop.S');
  writeFileSync(src, '.syntax unified\n.thumb\n.section .vectors,"a"\n.word 0x20004000\n.word reset + 1\n.text\n.thumb_func\n.global reset\nreset: b reset\n');
  const elf = assemble(dir, 'loop', src);
  const r = await runOnBoard('mps2-an385', elf, { timeoutMs: 1500 });
  assert.equal(r.timedOut, true);
  const cli = orizon(['run', '--timeout', '1', elf]);
  assert.equal(cli.status, 124);
  assert.match(cli.stderr, /^error: the program was still running after 1s and was stopped$/m);
});

test('run rejects an image for the wrong architecture', () => {
  const r = orizon(['run', '-b', 'hifive1', join(ROOT, 'package.json')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /is not an ELF file/);
});
