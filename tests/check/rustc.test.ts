// Differential checks against rustc, the oracle of the language contract:
// - every diagnostics case tests/diagnostics/cases/check-*.oriz gets the same
//   verdict (accept/reject) and errors on the same lines from rustc and Orizon;
// - every corpus program tests/programs/*.oriz is accepted by rustc too;
// - every error code's `wrong` example is rejected by rustc and its `fixed`
//   example accepted (except the Orizon-only codes).
// Skipped, with the reason, when rustc is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/exec.ts';
import { CHECK_CODES } from '../../sdk/src/diag/codes/check.ts';
import { check } from './helpers.ts';

const haveRustc = spawnSync('rustc', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = haveRustc ? false : 'rustc is not installed (the differential tests need it; see docs/development.md)';
const WORK = mkdtempSync(join(tmpdir(), 'orizon-rustc-'));
let counter = 0;

/** Orizon-only codes: Rust accepts these programs (or does not know the attribute). */
const ORIZON_ONLY = new Set(['E0313', 'E0428', 'E0430', 'E0607']);

/** rustc's verdict on `src` (Orizon's `import` spelled `use`) and its error lines. */
function rustc(src: string): Promise<{ ok: boolean; lines: number[]; stderr: string }> {
  const file = join(WORK, `t${counter++}.rs`);
  writeFileSync(file, src.replace(/^(\s*)import /gm, '$1use '));
  return new Promise((resolve) => {
    const p = spawn('rustc', ['--edition', '2021', '--crate-type', 'bin', '--emit=mir', '--error-format', 'short', '-o', `${file}.mir`, file]);
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.on('close', (code) => {
      const lines = [...new Set([...stderr.matchAll(/\.rs:(\d+):\d+: error/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
      resolve({ ok: code === 0, lines, stderr });
    });
  });
}

const CASES = join(ROOT, 'tests/diagnostics/cases');
const cases = readdirSync(CASES).filter((f) => f.startsWith('check-') && f.endsWith('.oriz')).sort();

test('diagnostics cases: same verdict and error lines as rustc', { skip }, async () => {
  const results = await Promise.all(cases.map(async (name) => {
    const src = readFileSync(join(CASES, name), 'utf8');
    const c = check(src, name);
    const ours = [...new Set(c.errors.map((d) => c.sources.get(d.primary.span.file).lineCol(d.primary.span.start).line))].sort((a, b) => a - b);
    const r = await rustc(src);
    return { name, ours, theirs: r.lines, oursOk: ours.length === 0, theirsOk: r.ok, stderr: r.stderr };
  }));
  for (const r of results) {
    assert.equal(r.oursOk, r.theirsOk, `${r.name}: Orizon ${r.oursOk ? 'accepts' : 'rejects'}, rustc ${r.theirsOk ? 'accepts' : 'rejects'}\n${r.stderr}`);
    assert.deepEqual(r.ours, r.theirs, `${r.name}: error lines differ`);
  }
});

test('corpus programs: rustc accepts them too', { skip }, async () => {
  const dir = join(ROOT, 'tests/programs');
  const names = readdirSync(dir).filter((f) => f.endsWith('.oriz')).sort();
  const results = await Promise.all(names.map(async (n) => ({ n, r: await rustc(readFileSync(join(dir, n), 'utf8')) })));
  for (const { n, r } of results) assert.ok(r.ok, `${n}: rustc rejects it:\n${r.stderr}`);
});

test('error-code examples: rustc rejects the wrong one and accepts the fixed one', { skip }, async () => {
  const results = await Promise.all(CHECK_CODES.filter((c) => !ORIZON_ONLY.has(c.code)).map(async (c) => ({
    c, wrong: await rustc(c.wrong), fixed: await rustc(c.fixed),
  })));
  for (const { c, wrong, fixed } of results) {
    if (c.code.startsWith('E')) assert.ok(!wrong.ok, `${c.code}: rustc accepts the wrong example`);
    else assert.ok(wrong.ok, `${c.code}: rustc rejects the warning example:\n${wrong.stderr}`);
    assert.ok(fixed.ok, `${c.code}: rustc rejects the fixed example:\n${fixed.stderr}`);
  }
});
