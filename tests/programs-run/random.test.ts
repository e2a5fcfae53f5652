// Differential test of the back end on lowered programs: small random programs
// (tests/gen/small.ts: every integer width, casts, structs, enums, match,
// loops, recursion, panics) are built by the driver for each profile, in debug
// and release, run on QEMU, and compared with the IR interpreter running the
// same lowered IR — output and exit status. (The comparison with rustc is the
// front end's and lowering's test; this one isolates the code generator.)
//
// ORIZON_RANDOM_CASES=N runs N seeds per profile and mode (default 6);
// ORIZON_RANDOM_SEED=S starts elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSmall, standaloneSmall } from '../gen/small.ts';
import { loadBoard } from '../../sdk/src/boards/board.ts';
import { build } from '../../sdk/src/driver/build.ts';
import { frontEnd } from '../../sdk/src/driver/frontend.ts';
import { lowerProgram } from '../../sdk/src/ir/lower/index.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';
import { renderDiagnostics } from '../../sdk/src/diag/render.ts';
import { runCaptured } from './run-qemu.ts';

const CASES = Number(process.env.ORIZON_RANDOM_CASES ?? 6);
const FIRST = Number(process.env.ORIZON_RANDOM_SEED ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'orizon-random-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let seed = FIRST;
for (const release of [false, true]) {
  for (const boardId of ['mps2-an385', 'microbit', 'mps2-an386']) {
    const seeds = Array.from({ length: CASES }, () => seed++);
    test(`random programs on ${boardId} (${release ? 'release' : 'debug'}) agree with the IR interpreter`, { timeout: 900_000 }, async (t) => {
      const board = loadBoard(boardId);
      for (const s of seeds) {
        await t.test(`seed ${s}`, async () => {
          const path = join(dir, `s${s}-${boardId}-${release ? 'r' : 'd'}.oriz`);
          writeFileSync(path, standaloneSmall(generateSmall(s)));
          const fe = frontEnd(path);
          assert.ok(!fe.diags.hasErrors, renderDiagnostics(fe.diags.sorted(), fe.sources));
          const want = interpret(lowerProgram(fe.program!, { debug: !release, target: { ptrBytes: 4 }, sources: fe.sources }), { budget: 50_000_000 });
          const out = path.replace(/\.oriz$/, '.elf');
          const r = build({ root: path, board, release, emit: 'elf', out });
          assert.ok(r.ok, renderDiagnostics(r.front.diags.sorted(), r.front.sources));
          const run = await runCaptured(boardId, out, 30_000);
          assert.equal(run.output, want.stdout, `seed ${s}: output differs from the interpreter`);
          assert.equal(run.exitCode, want.status, `seed ${s}: exit status differs; stderr ${run.stderr}`);
        });
      }
    });
  }
}
