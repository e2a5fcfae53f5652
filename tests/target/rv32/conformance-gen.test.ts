// Differential testing of the RV32 back end on generated programs: the seeded
// generator of tests/gen (integer expressions of every width, loops, arrays,
// structs, enums and match, calls, recursion) writes a program; `build()`
// compiles it for riscv-virt and QEMU runs it; the IR interpreter runs the
// same lowered module. Lowering is shared, so any difference is the back end's
// (or the runtime's). More seeds: ORIZON_RV_GEN_SEEDS=500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard, type TargetName } from '../../../sdk/src/boards/board.ts';
import { build } from '../../../sdk/src/driver/build.ts';
import { frontEnd } from '../../../sdk/src/driver/frontend.ts';
import { lowerProgram } from '../../../sdk/src/ir/lower/index.ts';
import { interpret } from '../../../sdk/src/ir/interp.ts';
import { generateProgram } from '../../gen/generate.ts';
import { emitProgram } from '../../gen/emit.ts';
import { runOnBoard } from '../../helpers/qemu.ts';

const SEEDS = Number(process.env.ORIZON_RV_GEN_SEEDS ?? 8);
const LINES = 400;
const CONFIGS: { target: TargetName; release: boolean }[] = [
  { target: 'rv32imac', release: false },
  { target: 'rv32imac', release: true },
  { target: 'rv32i', release: false },
];

for (let seed = 1; seed <= SEEDS; seed++) {
  test(`generated program ${seed} (${LINES} lines): QEMU riscv-virt agrees with the IR interpreter`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'orizon-rv-gen-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const src = join(dir, `gen${seed}.oriz`);
    writeFileSync(src, emitProgram(generateProgram({ seed, lines: LINES }), 'orizon'));
    const front = frontEnd(src);
    assert.ok(!front.diags.hasErrors, 'the generator writes valid programs');
    for (const { target, release } of CONFIGS) {
      const expected = interpret(lowerProgram(front.program!, { debug: !release, target: { ptrBytes: 4 }, sources: front.sources }));
      const r = build({ root: src, board: loadBoard('riscv-virt'), target, release, emit: 'elf', out: join(dir, 'gen.elf') });
      assert.ok(r.ok);
      const q = await runOnBoard('riscv-virt', r.out!, { timeoutMs: 30_000 });
      const what = `seed ${seed}, ${target} ${release ? 'release' : 'debug'}`;
      assert.equal(q.timedOut, false, `${what}: timed out`);
      assert.equal(q.output, expected.stdout, `${what}: output`);
      assert.equal(q.exitCode, expected.status, `${what}: exit status`);
    }
  });
}
