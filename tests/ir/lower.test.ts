// The conformance corpus through the IR: every tests/programs/*.oriz the
// checker accepts is lowered in debug and in release, verified, run in the
// IR interpreter, and its stdout and exit status compared.
//
// Expectations: debug builds compare with the stored `.stdout`/`.status`
// (produced by rustc with overflow checks). Release builds compare with the
// same files when the debug run exits 0 (a program that never overflows
// behaves the same in both builds); when it panics, the release expectation
// is generated at test time by `rustc -C overflow-checks=off -O` (skipped,
// with the reason, when rustc is not installed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { buildIr } from '../../sdk/src/ir/lower/driver.ts';
import { verifyModule } from '../../sdk/src/ir/verify.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';
import type { Module } from '../../sdk/src/ir/ir.ts';

let rustc: boolean | undefined;
function rustcAvailable(): boolean {
  rustc ??= spawnSync('rustc', ['--version']).status === 0;
  return rustc;
}

/** stdout and status of `text` compiled by rustc (debug: overflow checks on; release: off, -O), cached by content. */
function rustcRun(text: string, debug: boolean): { stdout: string; status: number } {
  const key = createHash('sha256').update(text).update(debug ? 'debug' : 'release').digest('hex').slice(0, 24);
  const cache = join(tmpdir(), 'orizon-rustc-oracle');
  mkdirSync(cache, { recursive: true });
  const out = join(cache, `${key}.json`);
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8'));
  const src = join(cache, `${key}.rs`);
  writeFileSync(src, text);
  const exe = join(cache, key);
  const flags = debug ? ['-C', 'overflow-checks=on'] : ['-C', 'overflow-checks=off', '-O'];
  const c = spawnSync('rustc', ['--edition', '2021', ...flags, '-A', 'warnings', '-o', exe, src], { encoding: 'utf8' });
  if (c.status !== 0) throw new Error(`rustc rejected the program:\n${c.stderr}`);
  const r = spawnSync(exe, [], { encoding: 'utf8', env: { ...process.env, RUST_BACKTRACE: '0' } });
  const res = { stdout: r.stdout, status: r.status ?? -1 };
  writeFileSync(out, JSON.stringify(res));
  return res;
}

/** Call sites agree with the callees' IR signatures (the verifier checks functions one at a time). */
function callSignatureErrors(m: Module): string[] {
  const errs: string[] = [];
  const sigs = new Map(m.functions.map((f) => [f.name, f]));
  for (const f of m.functions) {
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op !== 'call') continue;
        const callee = sigs.get(i.callee);
        if (!callee) continue;
        const argTys = i.args.map((a) => f.valueTys[a]);
        if (argTys.join() !== callee.paramTys.join()) errs.push(`${f.name}: call @${i.callee}(${argTys.join(', ')}) but it takes (${callee.paramTys.join(', ')})`);
        if (i.retTys.join() !== callee.retTys.join()) errs.push(`${f.name}: call @${i.callee} expects (${i.retTys.join(', ')}) but it returns (${callee.retTys.join(', ')})`);
      }
    }
  }
  return errs;
}

const dir = join(import.meta.dirname, '..', 'programs');
const programs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.oriz')).sort() : [];

for (const file of programs) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const stdoutFile = path.replace(/\.oriz$/, '.stdout');
  const statusFile = path.replace(/\.oriz$/, '.status');
  if (!existsSync(stdoutFile) || !existsSync(statusFile)) continue;
  const expOut = readFileSync(stdoutFile, 'utf8');
  const expStatus = Number(readFileSync(statusFile, 'utf8').trim());
  for (const debug of [true, false]) {
    const mode = debug ? 'debug' : 'release';
    const needRustc = !debug && expStatus !== 0;
    test(`${file} (${mode})`, { skip: needRustc && !rustcAvailable() ? 'rustc is not installed (needed for the release expectation of a panicking program)' : false }, () => {
      const r = buildIr(`tests/programs/${file}`, text, { debug });
      if (!r.module) {
        if (r.error) assert.fail(`lowering failed: ${r.error.message}`);
        // The checker rejects it: not this suite's business (the checker's tests report it).
        return;
      }
      assert.deepEqual(verifyModule(r.module), []);
      assert.deepEqual(callSignatureErrors(r.module), []);
      const got = interpret(r.module, { budget: 200_000_000 });
      const exp = needRustc ? rustcRun(text, false) : { stdout: expOut, status: expStatus };
      assert.equal(got.stdout, exp.stdout);
      assert.equal(got.status, exp.status, `exit status (stderr: ${got.stderr})`);
    });
  }
}
