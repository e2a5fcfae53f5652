// The conformance corpus on QEMU: every tests/programs/*.oriz is built by the
// driver (front end, lowering, Thumb back end, runtime, linker) for thumbv7m
// (mps2-an385), thumbv6m (microbit) and thumbv7em (mps2-an386), in debug and
// release, run, and compared with the expected output and exit status beside
// it (`NAME.stdout`, `NAME.status`, produced by rustc).
//
// Release builds wrap on overflow where Rust's debug build panics, so in
// release the reference is `NAME.release.stdout/.status` when present, else
// the IR interpreter's run of the release IR when it differs from the debug
// expectation (the interpreter is the back end's oracle; the debug files are
// rustc's).
//
// ORIZON_CONFORMANCE=name1,name2 narrows the run; ORIZON_CONFORMANCE_BOARDS
// likewise for boards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBoard } from '../../sdk/src/boards/board.ts';
import { build } from '../../sdk/src/driver/build.ts';
import { frontEnd } from '../../sdk/src/driver/frontend.ts';
import { lowerProgram } from '../../sdk/src/ir/lower/index.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';
import { renderDiagnostics } from '../../sdk/src/diag/render.ts';
import { runCaptured } from './run-qemu.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../programs');
const only = process.env.ORIZON_CONFORMANCE?.split(',').filter(Boolean);
const programs = readdirSync(root).filter((f) => f.endsWith('.oriz')).map((f) => f.slice(0, -5))
  .filter((n) => !only || only.includes(n)).sort();
const BOARDS = (process.env.ORIZON_CONFORMANCE_BOARDS?.split(',') ?? ['mps2-an385', 'microbit', 'mps2-an386']);

interface Expect { stdout: string; status: number; source: string }

function expected(name: string, release: boolean): Expect {
  const base = join(root, name);
  const read = (ext: string) => readFileSync(base + ext, 'utf8');
  const dbg: Expect = { stdout: read('.stdout'), status: Number(read('.status').trim()), source: 'rustc' };
  if (!release) return dbg;
  if (existsSync(base + '.release.stdout')) {
    return { stdout: read('.release.stdout'), status: Number(read('.release.status').trim()), source: 'rustc --release' };
  }
  const fe = frontEnd(base + '.oriz');
  const m = lowerProgram(fe.program!, { debug: false, target: { ptrBytes: 4 }, sources: fe.sources });
  const r = interpret(m, { budget: 100_000_000 });
  if (r.stdout === dbg.stdout && r.status === dbg.status) return dbg;
  return { stdout: r.stdout, status: r.status, source: 'IR interpreter (release semantics differ from the debug reference)' };
}

const dir = mkdtempSync(join(tmpdir(), 'orizon-conformance-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const release of [false, true]) {
  for (const boardId of BOARDS) {
    const board = loadBoard(boardId);
    test(`${boardId} (${board.target}) ${release ? 'release' : 'debug'}`, { timeout: 1_800_000 }, async (t) => {
      for (const name of programs) {
        await t.test(name, async () => {
          const out = join(dir, `${name}-${boardId}-${release ? 'r' : 'd'}.elf`);
          const r = build({ root: join(root, `${name}.oriz`), board, release, emit: 'elf', out });
          if (!r.ok) assert.fail(`build failed:\n${renderDiagnostics(r.front.diags.sorted(), r.front.sources)}`);
          const want = expected(name, release);
          const run = await runCaptured(boardId, out, 60_000);
          assert.equal(run.timedOut, false, `${name} did not finish within 60 s`);
          assert.equal(run.output, want.stdout, `stdout differs from ${want.source}`);
          assert.equal(run.exitCode, want.status, `exit status differs from ${want.source}; stderr: ${run.stderr}`);
        });
      }
    });
  }
}
