// Validates the executed-instruction counter on loops of known length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, sh } from '../helpers/exec.ts';
import { tool } from '../helpers/tools.ts';
import { simMachine } from '../../sdk/src/sim/machines.ts';
import { countExecuted, countWindows, executedPcs } from '../../sdk/src/sim/trace.ts';

function loopImage(dir: string, iterations: number): { elf: string; syms: Map<string, number> } {
  const src = join(dir, 'loop.S');
  writeFileSync(src, `.syntax unified
.thumb
.section .vectors,"a"
.word 0x20004000
.word reset + 1
.text
.thumb_func
.global reset
reset:
  ldr r0, =${iterations}
start:                 @ window: start .. done
  subs r0, #1          @ 2 instructions per iteration
  bne start
done:
  movs r0, #0x18
  ldr r1, =0x20026
  bkpt 0xab
`);
  const obj = join(dir, 'loop.o');
  const elf = join(dir, 'loop.elf');
  sh(tool('arm-as'), ['-mcpu=cortex-m3', '-o', obj, src]);
  sh(tool('arm-ld'), ['-T', join(ROOT, 'examples/boot-demo/link.ld'), '-o', elf, obj]);
  const syms = new Map<string, number>();
  for (const line of sh(tool('arm-objdump'), ['-t', elf]).split('\n')) {
    const m = /^([0-9a-f]{8}) .*\s(\S+)$/.exec(line);
    if (m) syms.set(m[2]!, parseInt(m[1]!, 16));
  }
  return { elf, syms };
}

test('counts exactly the instructions of a loop of known length', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-trace-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const n of [1, 10, 1000]) {
    const { elf, syms } = loopImage(dir, n);
    const r = await countExecuted({ machine: simMachine('mps2-an385')!, kernel: elf, timeoutMs: 30_000 }, { from: syms.get('start')!, to: syms.get('done')! });
    assert.equal(r.run.exitCode, 0);
    assert.deepEqual(r.counts, [2 * n], `loop of ${n}`);
    // reset: ldr; loop; exit: movs, ldr, bkpt
    assert.equal(r.total, 1 + 2 * n + 3);
  }
});

test('abandoned instructions are not counted', () => {
  const log = [
    'Trace 0: 0x1 [00000000/00000010/0/0] ',
    'Trace 0: 0x2 [00000000/00000012/0/0] ',
    'Stopped execution of TB chain before 0x2 [00000012] ',
    'Trace 0: 0x3 [00000000/00000040/0/0] ',
    'Trace 0: 0x4 [00000000/00000012/0/0] ',
    'Trace 0: 0x5 [00000000/00000014/0/0] ',
  ].join('\n');
  const pcs = executedPcs(log);
  assert.deepEqual(pcs, [0x10, 0x40, 0x12, 0x14]);
  assert.deepEqual(countWindows(pcs, { from: 0x11, to: 0x14 }), [3]);
});
