// The Go and C emitters (tests/gen/emit-go.ts, emit-c.ts) translate the bench
// generator's programs with their meaning intact: built for the host, they
// print exactly what rustc's build of the Rust rendering prints. So
// `bench:compile` times four compilers on one program, not four programs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProgram } from '../gen/generate.ts';
import { EMITTERS } from '../gen/emit.ts';
import { rustcAvailable } from './rustc.ts';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SEEDS = [3, 17];
const LINES = 1500;

function run(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stderr.slice(0, 3000)}`);
  return r.stdout;
}

function rustOutput(dir: string, seed: number): string {
  writeFileSync(join(dir, 'p.rs'), EMITTERS.rust!.emit(generateProgram({ seed, lines: LINES })));
  run('rustc', ['--edition', '2021', '-A', 'warnings', '-o', 'p-rs', 'p.rs'], dir);
  return run(join(dir, 'p-rs'), [], dir);
}

test('EMITTERS has the four languages of bench:compile', () => {
  assert.deepEqual(Object.keys(EMITTERS).sort(), ['c', 'go', 'orizon', 'rust']);
});

test('the C rendering prints what rustc prints', { skip: (!rustcAvailable() && 'rustc is not installed') || (!has('cc') && 'no host C compiler (cc)') }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-emit-c-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const seed of SEEDS) {
    writeFileSync(join(dir, 'p.c'), EMITTERS.c!.emit(generateProgram({ seed, lines: LINES })));
    run('cc', ['-std=c99', '-O1', '-Wall', '-Werror', '-Wno-unused', '-Wno-tautological-compare', '-o', 'p-c', 'p.c'], dir);
    assert.equal(run(join(dir, 'p-c'), [], dir), rustOutput(dir, seed), `seed ${seed}`);
  }
});

test('the Go rendering prints what rustc prints', { skip: (!rustcAvailable() && 'rustc is not installed') || (!has('go') && 'go is not installed (apt-get install golang-go)') }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-emit-go-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'go'));
  writeFileSync(join(dir, 'go', 'go.mod'), 'module bench\n\ngo 1.18\n');
  for (const seed of SEEDS) {
    writeFileSync(join(dir, 'go', 'main.go'), EMITTERS.go!.emit(generateProgram({ seed, lines: LINES })));
    run('go', ['build', '-o', join(dir, 'p-go'), '.'], join(dir, 'go'), { CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false', GOCACHE: join(dir, 'gocache') });
    assert.equal(run(join(dir, 'p-go'), [], dir), rustOutput(dir, seed), `seed ${seed}`);
  }
});
