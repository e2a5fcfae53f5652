// The same firmware as arm-image.test.ts, for RV32 on QEMU virt: the linker and
// writer serve RISC-V through the arch interface alone (issue 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { link, writeExecutable } from '../../sdk/src/link/index.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { objectFromAsm } from './helpers/asm.ts';
import { binutil } from './helpers/binutils.ts';
import { readElf } from './helpers/elf-read.ts';
import { EXPECTED_OUTPUT, EXPECTED_STATUS } from './fixtures-arm.ts';
import { VIRT_LAYOUT, rvApp, rvStartup } from './fixtures-riscv.ts';

function buildImage(dir: string): string {
  const out = join(dir, 'firmware.elf');
  writeExecutable(link([objectFromAsm(rvStartup), objectFromAsm(rvApp)], { layout: VIRT_LAYOUT }), out);
  return out;
}

test('an RV32 image linked by Orizon boots on riscv-virt: .data copied, .bss cleared, exit status', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-link-rv-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = await runOnBoard('riscv-virt', buildImage(dir));
  assert.equal(r.timedOut, false, `QEMU did not exit; output so far:\n${r.output}`);
  assert.equal(r.output, EXPECTED_OUTPUT);
  assert.equal(r.exitCode, EXPECTED_STATUS);
});

test('the RV32 executable: header flags, segments, and clean binutils output', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-link-rv-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = buildImage(dir);
  const elf = readElf(readFileSync(path));
  assert.equal(elf.machine, 243);
  assert.equal(elf.flags, 0x1, 'RVC, soft-float ABI');
  assert.equal(elf.entry, elf.symbol('_start').value, 'entry is _start (the default)');
  assert.equal(elf.section('.data').addr, 0x80100000);
  assert.equal(elf.segments[1]!.paddr, elf.symbol('__data_load').value);
  assert.ok(elf.segments[1]!.paddr < 0x80100000, '.data is loaded with the code');

  const readelf = binutil('riscv32', 'readelf', ['-a', '-W', path]);
  assert.match(readelf, /Flags:\s+0x1, RVC, soft-float ABI/);
  const dis = binutil('riscv32', 'objdump', ['-d', path]);
  assert.match(dis, /\tj\t[0-9a-f]+ <exit>/);
  assert.match(dis, /jalr\s+-?\d+\(ra\) # [0-9a-f]+ <main>/);
  assert.doesNotMatch(dis, /\.word|unknown|\.insn/);
  const nm = binutil('riscv32', 'nm', [path]);
  for (const line of [/ T main$/m, / T _start$/m, / D counter$/m, / B flag$/m, / r banner$/m]) assert.match(nm, line);
  binutil('riscv32', 'size', [path]);
});
