// HAL features the templates do not reach, on QEMU with -icount: the serial
// number helpers, interrupt masking, a software-raised interrupt bound by
// `#[interrupt]` (NVIC pend on Cortex-M, CLINT msip on RISC-V), LED read-back,
// buttons and delays. Each program carries its expected output next to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard } from '../../sdk/src/boards/board.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { buildWithCrates } from './crates.ts';

const dir = mkdtempSync(join(tmpdir(), 'orizon-hal-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const CASES: [program: string, board: string][] = [
  ['hal_cortex_m', 'mps2-an385'],
  ['hal_riscv', 'riscv-virt'],
  ['hal_riscv', 'hifive1'],
];

for (const [program, id] of CASES) {
  test(`${program} on ${id}`, async () => {
    const src = join(import.meta.dirname, 'programs', `${program}.oriz`);
    const elf = join(dir, `${program}-${id}.elf`);
    const b = buildWithCrates(src, loadBoard(id), elf);
    assert.ok(b.ok, b.text);
    const r = await runOnBoard(id, elf, { icount: 3 });
    assert.equal(r.output, readFileSync(src.replace(/\.oriz$/, '.stdout'), 'utf8'));
    assert.equal(r.exitCode, 0, r.stderr);
  });
}
