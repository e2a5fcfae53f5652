// The conformance corpus on RISC-V: every tests/programs/*.oriz is built by
// the real driver (`build()`: front end, lowering, the RV32 back end, the
// runtime, the Orizon linker) for QEMU riscv-virt, in debug and release, and
// must print its `.stdout` and exit with its `.status` — the same expectations
// as on ARM. rv32i (no M, no C) runs the debug builds too.
//
// One program's expectations are debug-only: `panic_overflow` panics on an
// arithmetic overflow, which release builds do not check (they wrap, as rustc
// does). Its release build is compared with the IR interpreter instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard, type TargetName } from '../../../sdk/src/boards/board.ts';
import { build } from '../../../sdk/src/driver/build.ts';
import { frontEnd } from '../../../sdk/src/driver/frontend.ts';
import { lowerProgram } from '../../../sdk/src/ir/lower/index.ts';
import { interpret } from '../../../sdk/src/ir/interp.ts';
import { runOnBoard } from '../../helpers/qemu.ts';
import { disassemble } from './codegen-harness.ts';

const DIR = 'tests/programs';
const PROGRAMS = readdirSync(DIR).filter((f) => f.endsWith('.oriz')).sort();

/** Programs whose expected files describe debug builds only, and why. */
const DEBUG_ONLY: Record<string, string> = {
  'panic_overflow.oriz': 'overflow checks are debug-only; release wraps, as rustc does',
};

const CONFIGS: { target: TargetName; release: boolean }[] = [
  { target: 'rv32imac', release: false },
  { target: 'rv32imac', release: true },
  { target: 'rv32i', release: false },
];

for (const { target, release } of CONFIGS) {
  for (const p of PROGRAMS) {
    const mode = release ? 'release' : 'debug';
    test(`${p} on riscv-virt (${target}, ${mode})`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'orizon-rv-conf-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const root = join(DIR, p);
      const r = build({ root, board: loadBoard('riscv-virt'), target, release, emit: 'elf', out: join(dir, 'prog.elf') });
      assert.ok(r.ok, `build failed: ${r.front.diags.items.map((d) => d.message).join('\n')}`);
      disassemble(r.out!);
      const q = await runOnBoard('riscv-virt', r.out!, { timeoutMs: 30_000 });
      assert.equal(q.timedOut, false, `timed out; output so far:\n${q.output}`);
      let stdout = readFileSync(root.replace(/\.oriz$/, '.stdout'), 'utf8');
      let status = Number(readFileSync(root.replace(/\.oriz$/, '.status'), 'utf8').trim());
      if (release && DEBUG_ONLY[p]) {
        const front = frontEnd(root);
        const expected = interpret(lowerProgram(front.program!, { debug: false, target: { ptrBytes: 4 }, sources: front.sources }));
        stdout = expected.stdout;
        status = expected.status;
      }
      assert.equal(q.output, stdout);
      assert.equal(q.exitCode, status);
    });
  }
}
