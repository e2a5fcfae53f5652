// Compile-time index proofs: in range (no run-time check), out of range
// (compile error), unknown (run-time check), with the reason shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from './helpers.ts';
import { ROOT } from '../helpers/exec.ts';
import { assertGolden } from '../helpers/golden.ts';
import { explainBounds } from '../../sdk/src/check/bounds.ts';

function proofs(src: string): string[] {
  const c = check(src);
  return c.prog.indexProofs.map((p) => {
    const f = c.sources.get(p.span.file);
    return `${f.text.slice(p.span.start, p.span.end)}: ${p.proof.kind}`;
  });
}

test('loops, masks, remainders and guards prove indexes in range', () => {
  const got = proofs(`
fn sum(s: &[u32]) -> u32 {
    let mut t = 0;
    for i in 0..s.len() { t += s[i]; }
    let mut j = 0;
    while j < s.len() { t += s[j]; j += 1; }
    t
}
fn main() {
    let mut a = [0u32; 8];
    for i in 0..8 { a[i] = i as u32; }
    for i in (0..8).rev().step_by(2) { a[i] += 1; }
    let x: u32 = 123;
    a[(x & 7) as usize] = 3;
    a[x as usize % 8] = 4;
    let mut i = 0;
    while i < 8 { a[i] = 0; i += 1; }
    let lut = [1u8; 256];
    let y: u8 = 200;
    println!("{}", lut[y as usize]);
    for (k, _) in a.iter().enumerate() { a[k] = 2; }
    println!("{}", sum(&a));
}`);
  assert.deepEqual(got, [
    's[i]: inRange', 's[j]: inRange', 'a[i]: inRange', 'a[i]: inRange', 'a[(x & 7) as usize]: inRange', 'a[x as usize % 8]: inRange',
    'a[i]: inRange', 'lut[y as usize]: inRange', 'a[k]: inRange',
  ]);
});

test('an early return narrows what follows; unknown indexes keep their check', () => {
  const got = proofs(`
fn get(a: [u8; 4], n: usize) -> u8 {
    if n >= 4 { return 0; }
    a[n]
}
fn any(a: [u8; 4], n: usize) -> u8 { a[n] }
fn slice(s: &[u8], n: usize) -> u8 { s[n] }
fn main() { println!("{} {} {}", get([1; 4], 2), any([1; 4], 1), slice(&[1, 2], 0)); }`);
  assert.deepEqual(got, ['a[n]: inRange', 'a[n]: unknown', 's[n]: unknown']);
});

test('a mutated index is not trusted after the mutation', () => {
  const got = proofs(`
fn main() {
    let a = [0u8; 4];
    let mut i = 2;
    println!("{}", a[i]);
    i = i * 3;
    println!("{}", a[i]);
    for _ in 0..2 { println!("{}", a[i]); i += 1; }
}`);
  assert.deepEqual(got, ['a[i]: inRange', 'a[i]: unknown', 'a[i]: unknown'], 'a mutable local is not a constant (rustc does not reject it either)');
});

test('a constant index past the end is a compile error pointing at the array', () => {
  const c = check('fn main() {\n    let regs = [0u32; 8];\n    let _r = regs[8];\n}\n');
  assert.deepEqual(c.errors.map((d) => d.code), ['E0604']);
  assert.equal(c.errors[0]!.message, 'index 8 is out of bounds for `[u32; 8]`');
  assert.equal(c.errors[0]!.secondary[0]!.message, '`[u32; 8]` declared here');
  assert.equal(c.prog.indexProofs[0]!.proof.kind, 'outOfRange');
});

test('the proof is recorded on the HIR index node for the back end', () => {
  const c = check('fn main() { let a = [1u8, 2]; let mut s = 0; for i in 0..2 { s += a[i]; } println!("{}", s); }');
  const p = c.prog.indexProofs[0]!.proof;
  assert.equal(p.kind, 'inRange');
  assert.match(p.why, /for i in 0\.\.2/);
});

test('--explain-bounds output (golden)', () => {
  const file = join(ROOT, 'tests/check/golden/explain-bounds.oriz');
  const c = check(readFileSync(file, 'utf8'), 'tests/check/golden/explain-bounds.oriz');
  assert.deepEqual(c.errors.map((d) => d.code), ['E0604']);
  assertGolden(join(ROOT, 'tests/check/golden/explain-bounds.txt'), explainBounds(c.prog, c.sources), fileURLToPath(import.meta.url));
});
