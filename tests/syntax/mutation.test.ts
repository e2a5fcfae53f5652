// Robustness of the lexer and parser under seeded token mutations (see
// tests/gen/fuzz.ts): never throw, never hang, every diagnostic span inside the
// file, and the printer copes with every recovered AST.
//
// The cases run in a child process so that a hang can be detected and reported
// with its seed: the child reports the case it is on, and the test stops it if
// that number does not move for HANG_MS. This is a hang detector with a generous
// bound, not a speed assertion (one case takes a few milliseconds).
//
//   ORIZON_FUZZ_CASES=100000 node scripts/run-tests.mjs tests/syntax/mutation.test.ts
//   ORIZON_FUZZ_SEED=449 ORIZON_FUZZ_CASES=1 node scripts/run-tests.mjs tests/syntax/mutation.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCase, loadInputs, makeCase, type FuzzRun } from '../gen/fuzz.ts';

const CASES = Number(process.env.ORIZON_FUZZ_CASES ?? 2500);
const SEED = Number(process.env.ORIZON_FUZZ_SEED ?? 1);
const HANG_MS = 30_000;
const FUZZ = resolve(fileURLToPath(import.meta.url), '../../gen/fuzz.ts');

test(`${CASES} token mutations from seed ${SEED}: no throw, no hang, spans inside the file`, async () => {
  const child = fork(FUZZ, ['--ipc', '--seed', String(SEED), '--cases', String(CASES)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const run = await new Promise<FuzzRun>((resolveRun, reject) => {
    let current = 0;
    let since = Date.now();
    let result: FuzzRun | null = null;
    const timer = setInterval(() => {
      if (Date.now() - since > HANG_MS) {
        clearInterval(timer);
        child.kill('SIGKILL');
        // Progress is reported every 10 cases: the hang is in one of the next ten.
        reject(new Error(`no progress for ${HANG_MS / 1000} s after case ${SEED + current} (hang?); ` +
          `run cases ${SEED + current}..${SEED + current + 9} one by one — ${reproduce(SEED + current)}`));
      }
    }, 500);
    child.on('message', (m: { progress?: number; run?: FuzzRun }) => {
      if (m.progress !== undefined) {
        current = m.progress;
        since = Date.now();
      }
      if (m.run) result = m.run;
    });
    child.once('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearInterval(timer);
      if (result) resolveRun(result);
      else reject(new Error(`the fuzzer exited (${signal ?? code}) near case ${SEED + current} — ${reproduce(SEED + current)}`));
    });
  });
  assert.equal(run.cases, CASES);
  if (run.failures.length) {
    const lines = run.failures.slice(0, 10).map((f) => `seed ${f.seed} (${f.input}: ${f.mutations.join('; ')}): ${f.error}\n  ${reproduce(f.seed)}`);
    assert.fail(`${run.failures.length} of ${CASES} mutated programs broke the front end:\n${lines.join('\n')}`);
  }
  // Nearly every mutation must be noticed; if not, the mutator stopped mutating.
  assert.ok(run.withDiagnostics > CASES / 2, `only ${run.withDiagnostics} of ${CASES} cases produced a diagnostic`);
});

/**
 * Minimal sources for failures the fuzzer found, kept as regression tests with
 * the same checks. `open`: the bug is reported and not fixed yet — the test
 * runs as a todo (reported, not failing the suite); drop the mark once fixed.
 */
const FOUND: { src: string; what: string; open?: true }[] = [
  { src: 'fn f() {}\n#!', what: 'E0114 for `#!` without `[` after an item: span ended before it started' },
  { src: 'fn f() { let a = 1; #! }', what: 'E0114 for `#!` without `[` in a block: span ends before it starts' },
  { src: 'fn main() { ::!(1); }', what: 'a macro call on an empty path `::!` crashed the parser' },
  { src: '//! docs\n#!allow(x)]\nfn main() {}', what: 'inner attribute without `[` after an inner doc comment' },
];

for (const f of FOUND) {
  test(`fuzzer finding: ${f.what}`, { todo: f.open ? 'reported to the parser owner' : undefined }, () => {
    const { error } = checkCase({ seed: 0, input: 'found.oriz', mutations: [], text: f.src });
    assert.equal(error, null, `${JSON.stringify(f.src)}: ${error}`);
  });
}

/** How to rerun one case; the mutated source is also saved for a look. */
function reproduce(seed: number): string {
  const file = join(tmpdir(), `orizon-fuzz-${seed}.oriz`);
  try {
    writeFileSync(file, makeCase(loadInputs(), seed).text);
  } catch {
    /* the command below still reproduces the case */
  }
  return `reproduce: node --import tsx tests/gen/fuzz.ts --seed ${seed} --cases 1 --verbose (source saved as ${file})`;
}
