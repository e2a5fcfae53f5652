// Warnings: unused variables, imports, functions and `mut`; unreachable code;
// `_` prefixes and `#[allow(...)]`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers.ts';

const SRC = `
import std::cmp::Ordering;
fn unused_fn() {}
fn main() {
    let x = 5;
    let mut y = 3;
    let mut z = 1;
    z += 1;
    let _quiet = 9;
    println!("{} {}", y, z);
    return;
    println!("never");
}`;

test('each warning once, in source order', () => {
  const c = check(SRC);
  assert.deepEqual(c.codes, ['W0101', 'W0102', 'W0100', 'W0103', 'W0105']);
  assert.equal(c.errors.length, 0);
  assert.equal(c.diags[2]!.message, 'unused variable: `x`');
  assert.equal(c.diags[0]!.message, 'unused import: `std::cmp::Ordering`');
});

test('#[allow] on the item or the crate silences them', () => {
  const c = check(`#![allow(unused_imports)]\n${SRC.replace('fn unused_fn', '#[allow(dead_code)]\nfn unused_fn').replace('fn main', '#[allow(unused_variables, unused_mut)]\nfn main')}`);
  assert.deepEqual(c.codes, ['W0105']);
});

test('a trait import used only for method calls counts as used', () => {
  const c = check(`
mod m { pub trait Twice { fn twice(&self) -> u32; } impl Twice for u32 { fn twice(&self) -> u32 { *self * 2 } } }
import m::Twice;
fn main() { println!("{}", 3u32.twice()); }`);
  assert.deepEqual(c.codes, []);
});

test('functions reachable only from an unused function are unused too; methods are named as such', () => {
  const c = check(`
struct S;
impl S { fn new() -> S { S } fn poke(&self) {} }
fn a() { b(); }
fn b() {}
fn main() { let _s = S::new(); }`);
  assert.deepEqual(c.diags.map((d) => d.message), ['method `poke` is never used', 'function `a` is never used', 'function `b` is never used']);
});
