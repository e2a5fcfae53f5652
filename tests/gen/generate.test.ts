// The program generator: deterministic, sized as asked, and its output is
// valid Rust that runs to completion (checked with rustc when it is installed),
// which is what the benchmarks and the differential tests rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from './prng.ts';
import { generateProgram } from './generate.ts';
import { emitProgram, EMITTERS } from './emit.ts';

test('the PRNG is deterministic and covers its range', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const x = a.int(10);
    assert.equal(x, b.int(10));
    seen.add(x);
  }
  assert.equal(seen.size, 10);
  assert.notEqual(new Rng(1).u32(), new Rng(2).u32());
});

test('the same seed gives the same program; another seed another one', () => {
  const a = emitProgram(generateProgram({ seed: 5, lines: 400 }), 'orizon');
  const b = emitProgram(generateProgram({ seed: 5, lines: 400 }), 'orizon');
  const c = emitProgram(generateProgram({ seed: 6, lines: 400 }), 'orizon');
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('programs have about the requested number of lines', () => {
  for (const lines of [200, 2000]) {
    const n = emitProgram(generateProgram({ seed: 3, lines }), 'orizon').split('\n').length;
    assert.ok(n > lines * 0.8 && n < lines * 1.25, `asked for ${lines} lines, got ${n}`);
  }
});

test('Orizon and Rust renderings differ only in the import keyword', () => {
  const p = generateProgram({ seed: 11, lines: 3000 });
  const oriz = emitProgram(p, 'orizon');
  const rs = emitProgram(p, 'rust');
  assert.match(oriz, /^import /m, 'seed 11 should have an import');
  assert.equal(oriz.replace(/^import /gm, 'use '), rs);
  assert.deepEqual(Object.keys(EMITTERS).sort(), ['c', 'go', 'orizon', 'rust']);
});

const rustc = spawnSync('rustc', ['--version']).status === 0;

test('generated programs are valid Rust and run to completion', { skip: !rustc && 'rustc is not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-gen-'));
  try {
    for (const seed of [1, 2]) {
      const src = join(dir, `g${seed}.rs`);
      const bin = join(dir, `g${seed}`);
      writeFileSync(src, emitProgram(generateProgram({ seed, lines: 300 }), 'rust'));
      const c = spawnSync('rustc', ['--edition', '2021', '-o', bin, src], { encoding: 'utf8' });
      assert.equal(c.status, 0, `rustc rejected seed ${seed}:\n${c.stderr}`);
      const r = spawnSync(bin, [], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 0, `seed ${seed} exited with ${r.status}:\n${r.stderr}`);
      assert.match(r.stdout, /^group 0: \d+$/m);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
