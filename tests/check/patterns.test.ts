// Patterns, default binding modes, exhaustiveness and unreachable arms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fnNamed, localTy } from './helpers.ts';

const missing = (src: string): string => {
  const c = check(src);
  const e = c.errors.find((d) => d.code === 'E0600' || d.code === 'E0601');
  return e ? e.primary.message : `(no error)\n${c.text}`;
};

test('missing enum variants are named like rustc: `Shape::Rect { .. }`', () => {
  const src = `
enum Shape { Circle(u32), Rect { w: u32, h: u32 }, Empty }
fn area(s: Shape) -> u32 { match s { Shape::Circle(r) => r, Shape::Empty => 0 } }
fn main() { area(Shape::Empty); }`;
  const c = check(src);
  assert.deepEqual(c.errors.map((d) => d.code), ['E0600']);
  assert.equal(c.errors[0]!.message, 'non-exhaustive patterns: `Shape::Rect { .. }` not covered');
  assert.match(c.errors[0]!.helps[0]!, /`Shape::Rect \{ \.\. \} => todo!\(\)`/);
});

test('witnesses for integers, bools, tuples, options, slices and chars', () => {
  assert.equal(missing('fn f(x: u8) -> u8 { match x { 0 => 1, 1..=100 => 2 } }\nfn main() { f(1); }'), 'pattern `101_u8..=u8::MAX` not covered');
  assert.equal(missing('fn f(x: i32) -> i32 { match x { i32::MIN..=-1 => 0, 1.. => 1 } }\nfn main() { f(1); }'), 'pattern `0_i32` not covered');
  assert.equal(missing('fn f(x: (bool, bool)) -> u8 { match x { (true, true) => 1, (false, _) => 2 } }\nfn main() { f((true, true)); }'), 'pattern `(true, false)` not covered');
  assert.equal(missing('fn f(x: Option<(bool, u8)>) -> u8 { match x { Some((true, _)) => 1, None => 0 } }\nfn main() { f(None); }'), 'pattern `Some((false, _))` not covered');
  assert.equal(missing('fn f(x: &Option<u8>) -> u8 { match x { Some(v) => *v } }\nfn main() { f(&None); }'), 'pattern `&None` not covered');
  assert.equal(missing('fn f(v: &[u8]) -> u8 { match v { [] => 0, [a] => *a, [a, b] => *a + *b } }\nfn main() { f(&[]); }'), 'pattern `&[_, _, _, ..]` not covered');
  assert.equal(missing("fn f(c: char) -> u8 { match c { 'a'..='z' => 1 } }\nfn main() { f('a'); }"), "patterns `'\\0'..='`'`, `'{'..='\\u{d7ff}'` and `'\\u{e000}'..='\\u{10ffff}'` not covered");
});

test('exhaustive matches are accepted', () => {
  const c = check(`
enum E { A, B(bool) }
fn f(x: u8, e: E, v: &[u8], t: (bool, u8)) -> u8 {
    let a = match x { 0..=127 => 0, 128..=255 => 1 };
    let b = match e { E::A => 0, E::B(true) => 1, E::B(false) => 2 };
    let c = match v { [] => 0, [x, ..] => *x };
    let d = match t { (true, n) => n, (false, _) => 0 };
    let g = match (x, e_val()) { (0, _) | (_, true) => 1, (_, false) => 2 };
    a + b + c + d + g
}
fn e_val() -> bool { true }
fn main() { f(0, E::A, &[], (true, 1)); }`);
  assert.equal(c.text, '');
});

test('unreachable arms are warnings; guarded arms do not count', () => {
  const c = check('fn f(x: u8) -> u8 { match x { _ => 0, 1 => 1 } }\nfn main() { f(1); }');
  assert.deepEqual(c.codes, ['W0104']);
  const g = check('fn f(x: u8) -> u8 { match x { n if n > 3 => 0 } }\nfn main() { f(1); }');
  assert.deepEqual(g.errors.map((d) => d.code), ['E0600']);
  assert.match(g.errors[0]!.notes.join(), /guards/);
});

test('refutable patterns in let, for, and parameters', () => {
  assert.equal(missing('fn main() { let o = Some(3); let Some(x) = o; }'), 'pattern `None` not covered');
  assert.deepEqual(check('fn main() { let o = Some(3); let Some(_x) = o else { return; }; }').errors, []);
  assert.equal(missing('fn main() { for (_a, Some(_b)) in [(1, Some(2))] {} }'), 'pattern `(_, None)` not covered');
});

test('default binding modes: matching a reference binds by reference', () => {
  const c = check(`
struct P { x: u32, y: u32 }
fn main() {
    let o = Some(P { x: 1, y: 2 });
    match &o { Some(P { x, y }) => println!("{} {}", x, y), None => {} }
    let mut m = Some(5u8);
    if let Some(v) = &mut m { *v += 1; }
    let pairs = [(1u8, 'a')];
    for &(n, ch) in pairs.iter() { println!("{} {}", n, ch); }
    for (n, ch) in pairs.iter() { println!("{} {}", n, ch); }
}`);
  assert.equal(c.text, '');
  const m = fnNamed(c, 'main');
  assert.equal(localTy(m, 'x'), '&u32');
  assert.equal(localTy(m, 'v'), '&mut u8');
  const ns = m.locals.filter((l) => l.name === 'n').map((l) => l.ty.kind === 'ref' ? 'ref' : 'value');
  assert.deepEqual(ns, ['value', 'ref']);
});

test('pattern arity, field and binding errors', () => {
  const e = (src: string): string[] => check(src).errors.map((d) => d.code);
  assert.deepEqual(e('fn main() { let (a, b) = (1, 2, 3); }'), ['E0417']);
  assert.deepEqual(e('struct P { x: u8, y: u8 }\nfn main() { let P { x } = P { x: 1, y: 2 }; }'), ['E0417']);
  assert.deepEqual(e('struct P { x: u8 }\nfn main() { let P { z, .. } = P { x: 1 }; }'), ['E0412']);
  assert.deepEqual(e('enum E { A(u8), B }\nfn f(x: E) -> u8 { match x { E::A(v) | E::B => 0 } }\nfn main() {}'), ['E0416']);
  assert.deepEqual(e('fn main() { let (a, a) = (1, 2); }'), ['E0416']);
});

test('string-literal patterns on &str: a wildcard arm makes the match exhaustive; without one `&_` is missing', () => {
  const ok = check(`fn w(s: &str) -> u32 { match s { "one" => 1, "two" => 2, _ => 0 } }
fn main() { w("x"); }`);
  assert.deepEqual(ok.errors, []);
  const missing = check(`fn w(s: &str) -> u32 { match s { "one" => 1, "two" => 2 } }
fn main() { w("x"); }`);
  assert.deepEqual(missing.errors.map((d) => d.message), ['non-exhaustive patterns: `&_` not covered']);
});
