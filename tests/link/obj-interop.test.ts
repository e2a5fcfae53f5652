// (c) `--emit obj`: an ET_REL written by Orizon, linked by GNU ld with a C
// object compiled by GCC, runs on QEMU — ARM (mps2-an385) and RISC-V (virt).
// Also checks the relocation records binutils see, and that gdb finds the
// Orizon source lines through the DWARF that GNU ld relocated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeObject } from '../../sdk/src/link/index.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { tool } from '../helpers/tools.ts';
import { assemble, objectFromAsm, type AsmObject } from './helpers/asm.ts';
import { readElf } from './helpers/elf-read.ts';
import { gdbInfoLine } from './helpers/gdb.ts';
import { ARM_C, ARM_LD, INTEROP_OUTPUT, INTEROP_STATUS, RV_C, RV_LD, armOrizon, rvOrizon } from './fixtures-interop.ts';

/** Runs a tool; fails on a non-zero status or on anything printed to stderr (warnings). */
function run(exe: string, args: string[]): string {
  const r = spawnSync(exe, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${exe} ${args.join(' ')} failed:\n${r.stderr}`);
  assert.equal(r.stderr, '', `${exe} ${args.join(' ')} warned:\n${r.stderr}`);
  return r.stdout;
}

const sibling = (id: string, name: string) => tool(id).replace(/[a-z]+$/, name);

interface ArchCase {
  arch: 'arm' | 'riscv32';
  board: string;
  gcc: string;
  ld: string;
  ldflags: string[];
  cflags: string[];
  c: string;
  script: string;
  orizon: AsmObject;
  relocNames: RegExp[];
}

const CASES: ArchCase[] = [
  {
    arch: 'arm', board: 'mps2-an385', gcc: 'arm-gcc', ld: 'arm-ld', ldflags: [], c: ARM_C, script: ARM_LD, orizon: armOrizon,
    cflags: ['-mcpu=cortex-m3', '-mthumb', '-O1', '-ffreestanding'],
    relocNames: [/R_ARM_THM_CALL\s+00000000\s+c_helper/, /R_ARM_ABS32\s+00000000\s+\.rodata\.orizon/, /R_ARM_ABS32\s+00000001\s+orizon_main/, /R_ARM_ABS32\s+00000000\s+c_message/],
  },
  {
    // One RAM region holds code and data on virt, hence the RWX segment.
    arch: 'riscv32', board: 'riscv-virt', gcc: 'rv-gcc', ld: 'rv-ld', ldflags: ['-m', 'elf32lriscv', '--no-warn-rwx-segments'], c: RV_C, script: RV_LD, orizon: rvOrizon,
    cflags: ['-march=rv32imac', '-mabi=ilp32', '-O1', '-ffreestanding', '-mcmodel=medany'],
    relocNames: [/R_RISCV_CALL_PLT\s+00000000\s+c_helper \+ 0/, /R_RISCV_PCREL_HI20\s+00000000\s+\.rodata\.orizon \+ 0/, /R_RISCV_PCREL_LO12_I\s+[0-9a-f]+\s+greet_hi \+ 0/, /R_RISCV_HI20\s+00000000\s+orizon_table \+ 0/, /R_RISCV_32\s+00000000\s+c_message \+ 0/],
  },
];

for (const c of CASES) {
  test(`${c.arch}: an Orizon object links with a C object through GNU ld and runs on ${c.board}`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), `orizon-obj-${c.arch}-`));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const ours = join(dir, 'orizon.o');
    writeObject(objectFromAsm(c.orizon), ours, { debug: { compDir: dir } });

    // binutils read the object cleanly and see our relocations.
    const readelf = run(sibling(c.ld, 'readelf'), ['-a', '-W', ours]);
    assert.match(readelf, /Type:\s+REL \(Relocatable file\)/);
    for (const re of c.relocNames) assert.match(readelf, re);
    assert.doesNotMatch(readelf, /R_RISCV_RELAX/, 'RELAX markers are dropped unless asked for');
    run(sibling(c.ld, 'objdump'), ['-dr', ours]);

    writeFileSync(join(dir, 'c.c'), c.c);
    writeFileSync(join(dir, 'link.ld'), c.script);
    run(tool(c.gcc), [...c.cflags, '-g', '-c', '-o', join(dir, 'c.o'), join(dir, 'c.c')]);
    const elf = join(dir, 'mixed.elf');
    run(tool(c.ld), [...c.ldflags, '-T', join(dir, 'link.ld'), '-o', elf, join(dir, 'c.o'), ours]);

    const r = await runOnBoard(c.board, elf);
    assert.equal(r.timedOut, false, `QEMU did not exit; output so far:\n${r.output}`);
    assert.equal(r.output, INTEROP_OUTPUT);
    assert.equal(r.exitCode, INTEROP_STATUS);

    // The DWARF in our object survived GNU ld's relocation: gdb maps our lines.
    const linked = readElf(readFileSync(elf));
    const main = (linked.symbol('orizon_main').value & ~1) >>> 0;
    const callOffset = assemble(c.arch, c.orizon.source).labels.get('call_1')!.offset;
    const info = gdbInfoLine(elf, 'orizon.oriz:2');
    assert.equal(info.address, main + callOffset, info.text);
  });
}
