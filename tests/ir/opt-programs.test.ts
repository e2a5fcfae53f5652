// The optimiser on whole programs, against the IR interpreter as the oracle:
// every program is lowered, optimised (the verifier runs after every pass)
// and interpreted before and after; stdout and the exit status must be the
// same. Sources:
//   - the conformance corpus tests/programs/*.oriz, lowered for release and
//     for debug (debug IR has the overflow checks, which the passes must keep
//     or prove);
//   - six small kernels (CRC32, matrix multiply, sieve, insertion sort, a
//     state machine, a linked-list walk over a static table);
//   - programs from the seeded generator tests/gen (ORIZON_OPT_FUZZ=N runs N
//     seeds instead of the default few; ORIZON_OPT_FUZZ_LINES sets their size).
// Kernels and every other generated program are also optimised as for
// ARMv6-M (`softDivide`: division by constants through multiplication).
// The last test prints the IR instruction counts and interpreted steps before
// and after, per program and in total (deterministic counts, not timings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Module } from '../../sdk/src/ir/ir.ts';
import { buildIr } from '../../sdk/src/ir/lower/driver.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';
import { optimize, moduleInstCount } from '../../sdk/src/ir/opt/index.ts';
import { generateProgram } from '../gen/generate.ts';
import { emitProgram } from '../gen/emit.ts';

interface Row { name: string; before: number; after: number; steps0: number; steps1: number }
const rows: Row[] = [];

function differential(name: string, text: string, debug: boolean, softDivide = false): Row | null {
  const r = buildIr(`${name}.oriz`, text, { debug });
  if (!r.module) {
    if (r.error) assert.fail(`lowering failed: ${r.error.message}`);
    return null; // the checker rejects it: not this suite's business
  }
  const original: Module = structuredClone(r.module);
  const want = interpret(original, { budget: 200_000_000 });
  const rep = optimize(r.module, { verify: true, softDivide });
  assert.equal(moduleInstCount(r.module), rep.after);
  const got = interpret(r.module, { budget: 200_000_000 });
  assert.equal(got.stdout, want.stdout, 'stdout differs after optimisation');
  assert.equal(got.status, want.status, `exit status differs after optimisation (stderr: ${got.stderr})`);
  assert.equal(got.stderr, want.stderr);
  return { name: `${name} (${debug ? 'debug' : 'release'})`, before: rep.before, after: rep.after, steps0: want.steps, steps1: got.steps };
}

const dir = join(import.meta.dirname, '..', 'programs');
const corpus = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.oriz')).sort() : [];
for (const file of corpus) {
  for (const debug of [false, true]) {
    test(`corpus ${file} (${debug ? 'debug' : 'release'} IR)`, () => {
      const row = differential(file.replace(/\.oriz$/, ''), readFileSync(join(dir, file), 'utf8'), debug);
      if (row && !debug) rows.push(row);
    });
  }
}

const KERNELS: Record<string, string> = {
  crc32: `
fn crc32(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xffff_ffff;
    for &b in data.iter() {
        crc ^= b as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}
fn main() {
    let mut buf = [0u8; 64];
    let mut i = 0;
    while i < 64 { buf[i] = (i * 7 + 3) as u8; i += 1; }
    println!("{}", crc32(&buf));
}`,
  matmul: `
const N: usize = 6;
fn matmul(a: &[[i32; N]; N], b: &[[i32; N]; N], c: &mut [[i32; N]; N]) {
    for i in 0..N {
        for j in 0..N {
            let mut s = 0i32;
            for k in 0..N { s = s.wrapping_add(a[i][k].wrapping_mul(b[k][j])); }
            c[i][j] = s;
        }
    }
}
fn main() {
    let mut a = [[0i32; N]; N];
    let mut b = [[0i32; N]; N];
    let mut c = [[0i32; N]; N];
    for i in 0..N { for j in 0..N { a[i][j] = (i * N + j) as i32 - 20; b[i][j] = (j * 3 + i) as i32 % 7; } }
    matmul(&a, &b, &mut c);
    let mut sum = 0i32;
    for i in 0..N { for j in 0..N { sum = sum.wrapping_add(c[i][j] / 3 - c[j][i] % 4); } }
    println!("{}", sum);
}`,
  sieve: `
fn sieve(flags: &mut [bool]) -> u32 {
    let n = flags.len();
    let mut i = 0;
    while i < n { flags[i] = true; i += 1; }
    flags[0] = false;
    flags[1] = false;
    let mut p = 2;
    while p * p < n {
        if flags[p] { let mut m = p * p; while m < n { flags[m] = false; m += p; } }
        p += 1;
    }
    let mut count = 0u32;
    for f in flags.iter() { if *f { count += 1; } }
    count
}
fn main() {
    let mut flags = [false; 500];
    println!("{}", sieve(&mut flags));
}`,
  isort: `
fn insertion_sort(a: &mut [i32]) {
    let mut i = 1;
    while i < a.len() {
        let x = a[i];
        let mut j = i;
        while j > 0 && a[j - 1] > x { a[j] = a[j - 1]; j -= 1; }
        a[j] = x;
        i += 1;
    }
}
fn main() {
    let mut a = [0i32; 40];
    let mut seed: u32 = 12345;
    for k in 0..40 {
        seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
        a[k] = ((seed >> 16) % 1000) as i32 - 500;
    }
    insertion_sort(&mut a);
    println!("{} {} {}", a[0], a[20], a[39]);
}`,
  fsm: `
#[derive(Clone, Copy, PartialEq)]
enum State { Idle, Header, Body(u8), Check, Done }
fn step(s: State, byte: u8, sum: &mut u32) -> State {
    match s {
        State::Idle => if byte == 0x7e { State::Header } else { State::Idle },
        State::Header => State::Body(byte % 8),
        State::Body(n) => {
            *sum = sum.wrapping_add(byte as u32);
            if n == 0 { State::Check } else { State::Body(n - 1) }
        }
        State::Check => if byte == 0x7e { State::Done } else { State::Idle },
        State::Done => State::Idle,
    }
}
fn main() {
    let mut s = State::Idle;
    let mut sum = 0u32;
    let mut frames = 0u32;
    let mut x: u32 = 1;
    for _ in 0..500 {
        x = x.wrapping_mul(1664525).wrapping_add(1013904223);
        let byte = if x % 5 == 0 { 0x7e } else { (x >> 24) as u8 };
        s = step(s, byte, &mut sum);
        if s == State::Done { frames += 1; }
    }
    println!("{} {}", sum, frames);
}`,
  list: `
#[derive(Clone, Copy)]
struct Node { value: i32, next: usize }
static NODES: [Node; 8] = [
    Node { value: 5, next: 3 }, Node { value: -2, next: 7 }, Node { value: 9, next: 1 },
    Node { value: 4, next: 6 }, Node { value: 11, next: 8 }, Node { value: 0, next: 2 },
    Node { value: 7, next: 5 }, Node { value: 3, next: 4 },
];
fn walk(start: usize) -> i32 {
    let mut sum = 0i32;
    let mut i = start;
    while i < NODES.len() { sum += NODES[i].value; i = NODES[i].next; }
    sum
}
fn main() {
    let mut total = 0i32;
    for r in 0..50 { total = total.wrapping_add(walk(r % 8)); }
    println!("{}", total);
}`,
};

for (const [name, text] of Object.entries(KERNELS)) {
  test(`kernel ${name}: same output, fewer executed IR instructions`, () => {
    const row = differential(name, text, false);
    assert.ok(row, 'the kernel lowers');
    assert.ok(row.steps1 < row.steps0, `${row.steps1} steps after, ${row.steps0} before`);
    rows.push({ ...row, name: `kernel ${name}` });
    // As for ARMv6-M: division by constants through multiplication.
    assert.ok(differential(name, text, false, true));
  });
}

const seeds = Number(process.env.ORIZON_OPT_FUZZ ?? 6);
const lines = Number(process.env.ORIZON_OPT_FUZZ_LINES ?? 300);
for (let seed = 1; seed <= seeds; seed++) {
  test(`generated program seed ${seed} (${lines} lines), release and debug IR`, () => {
    const text = emitProgram(generateProgram({ seed, lines }), 'orizon');
    for (const debug of [false, true]) {
      const row = differential(`gen${seed}`, text, debug, seed % 2 === 0);
      assert.ok(row, 'generated programs are valid');
      if (!debug) rows.push({ ...row, name: `generated seed ${seed}` });
    }
  });
}

test('summary: IR instructions and interpreted steps before and after (release)', (t) => {
  const pct = (a: number, b: number) => `${((1 - b / a) * 100).toFixed(1)}%`;
  const sum = (k: keyof Omit<Row, 'name'>, pick: (r: Row) => boolean) => rows.filter(pick).reduce((n, r) => n + r[k], 0);
  for (const r of rows) t.diagnostic(`${r.name.padEnd(36)} insts ${String(r.before).padStart(6)} → ${String(r.after).padStart(6)}  steps ${String(r.steps0).padStart(8)} → ${String(r.steps1).padStart(8)}`);
  const isCorpus = (r: Row) => !r.name.startsWith('kernel') && !r.name.startsWith('generated');
  for (const [label, pick] of [['corpus', isCorpus], ['kernels', (r: Row) => r.name.startsWith('kernel')], ['generated', (r: Row) => r.name.startsWith('generated')]] as const) {
    const b = sum('before', pick), a = sum('after', pick), s0 = sum('steps0', pick), s1 = sum('steps1', pick);
    if (b) t.diagnostic(`${label}: IR instructions ${b} → ${a} (−${pct(b, a)}), interpreted steps ${s0} → ${s1} (−${pct(s0, s1)})`);
  }
  // A floor, so a pass that silently stops working is noticed (the counts are deterministic).
  const b = sum('before', isCorpus), a = sum('after', isCorpus);
  if (b) assert.ok(a < b * 0.8, `the corpus shrank only from ${b} to ${a} IR instructions`);
});
