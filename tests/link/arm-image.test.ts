// (a) A Cortex-M3 image linked by the Orizon linker boots on QEMU mps2-an385:
// UART output, .data copied from its flash image, .bss cleared, semihosting
// exit status. (b) binutils read the executable without a warning and see the
// expected sections, segments and symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { link, writeExecutable } from '../../sdk/src/link/index.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { binutil } from './helpers/binutils.ts';
import { objectFromAsm } from './helpers/asm.ts';
import { readElf } from './helpers/elf-read.ts';
import { app, EXPECTED_OUTPUT, EXPECTED_STATUS, MPS2_LAYOUT, startup } from './fixtures-arm.ts';

function buildImage(dir: string): string {
  const image = link([objectFromAsm(startup), objectFromAsm(app)], { layout: MPS2_LAYOUT, entry: 'reset' });
  const out = join(dir, 'firmware.elf');
  writeExecutable(image, out);
  return out;
}

test('an image linked by Orizon boots on mps2-an385: .data copied, .bss cleared, exit status', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-link-arm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const elf = buildImage(dir);
  const r = await runOnBoard('mps2-an385', elf);
  assert.equal(r.timedOut, false, `QEMU did not exit; output so far:\n${r.output}`);
  assert.equal(r.output, EXPECTED_OUTPUT);
  assert.equal(r.exitCode, EXPECTED_STATUS);
});

test('the executable has the vector table at 0, .data loaded in flash and run in RAM', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-link-arm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const elf = readElf(readFileSync(buildImage(dir)));
  assert.equal(elf.type, 2);
  assert.equal(elf.machine, 40);
  assert.equal(elf.flags, 0x05000200, 'EABI v5, soft-float');
  assert.equal(elf.entry, elf.symbol('reset').value, 'entry is reset, with the Thumb bit');
  assert.equal(elf.entry & 1, 1);

  const vectors = elf.section('.vectors');
  assert.equal(vectors.addr, 0);
  const word = (i: number) => new DataView(vectors.data.buffer, vectors.data.byteOffset).getUint32(i * 4, true);
  assert.equal(word(0), 0x20010000, 'initial SP = __stack_top = end of RAM');
  assert.equal(word(1), elf.symbol('reset').value);

  const data = elf.section('.data');
  const bss = elf.section('.bss');
  assert.equal(data.addr, 0x20000000);
  assert.equal(bss.addr, 0x20000008);
  assert.equal(bss.size, 64);
  const [flash, dataSeg, bssSeg] = elf.segments;
  assert.equal(elf.segments.length, 3);
  assert.deepEqual([flash!.vaddr, flash!.paddr, flash!.flags], [0, 0, 5]);
  const rodata = elf.section('.rodata');
  assert.equal(dataSeg!.vaddr, 0x20000000);
  assert.equal(dataSeg!.paddr, rodata.addr + rodata.size + ((4 - ((rodata.addr + rodata.size) % 4)) % 4), '.data is loaded right after .rodata');
  assert.equal(elf.symbol('__data_load').value, dataSeg!.paddr);
  assert.deepEqual([dataSeg!.filesz, dataSeg!.memsz, dataSeg!.flags], [8, 8, 6]);
  assert.deepEqual([bssSeg!.vaddr, bssSeg!.paddr, bssSeg!.filesz, bssSeg!.memsz], [0x20000008, 0x20000008, 0, 64]);
  assert.equal(elf.symbol('__bss_end').value, 0x20000048);
  assert.equal(elf.symbol('__heap_start').value, 0x20000048);
  assert.equal(elf.symbol('__stack_bottom').value, 0x2000f000);
  assert.ok(!elf.symbols.some((s) => s.name === 'unused'), 'the unreachable section was dropped');
});

test('readelf, objdump, nm and size accept the executable and see its symbols', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-link-arm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const elf = buildImage(dir);

  const readelf = binutil('arm', 'readelf', ['-a', '-W', elf]);
  assert.match(readelf, /Type:\s+EXEC/);
  assert.match(readelf, /Flags:\s+0x5000200, Version5 EABI, soft-float ABI/);
  assert.match(readelf, /LOAD\s+0x[0-9a-f]+ 0x20000000 0x[0-9a-f]+ 0x00008 0x00008 RW/);
  assert.match(readelf, /Section to Segment mapping:[\s\S]*00\s+\.vectors \.text \.rodata\s*\n\s*01\s+\.data\s*\n\s*02\s+\.bss/);

  const dis = binutil('arm', 'objdump', ['-d', elf]);
  assert.match(dis, /<main>:/);
  assert.match(dis, /bl\s+[0-9a-f]+ <uart_puts>/);
  assert.match(dis, /b\.w\s+[0-9a-f]+ <exit>/);
  assert.match(dis, /movw\s+r0, #\d+/);
  assert.doesNotMatch(dis, /UNDEFINED|\.inst/);

  const headers = binutil('arm', 'objdump', ['-h', elf]);
  assert.match(headers, /\.data\s+00000008\s+20000000\s+0000[0-9a-f]{4}/, '.data VMA in RAM, LMA in flash');

  const nm = binutil('arm', 'nm', [elf]);
  for (const line of [/ T main$/m, / T reset$/m, / T uart_puts$/m, / t fault$/m, / D counter$/m, / B flag$/m, / b buffer$/m, / r banner$/m, /20010000 A __stack_top$/m]) {
    assert.match(nm, line);
  }
  const size = binutil('arm', 'size', [elf]);
  const [, text, data, bss] = /\n\s*(\d+)\s+(\d+)\s+(\d+)/.exec(size)!;
  const ro = readElf(readFileSync(elf));
  const sz = (n: string) => ro.section(n).size;
  assert.equal(Number(text), sz('.vectors') + sz('.text') + sz('.rodata'));
  assert.equal(Number(data), 8);
  assert.equal(Number(bss), 64);
});
