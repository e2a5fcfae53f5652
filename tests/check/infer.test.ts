// Local type inference: literals, expected types, generics, closures, casts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fnNamed, exprs, localTy, displayTy } from './helpers.ts';

test('integer literals default to i32; context types them otherwise', () => {
  const c = check(`
fn takes(x: u8) -> u8 { x }
fn main() {
    let a = 1;
    let b: u64 = 2;
    let c = takes(3);
    let d = 4;
    let e: u16 = d + 1;
    let f = [1, 2, 3];
    let g = 7 as u8;
    println!("{} {} {} {} {:?} {}", a, b, c, e, f, g);
}`);
  assert.equal(c.text, '');
  const m = fnNamed(c, 'main');
  assert.equal(localTy(m, 'a'), 'i32');
  assert.equal(localTy(m, 'b'), 'u64');
  assert.equal(localTy(m, 'c'), 'u8');
  assert.equal(localTy(m, 'd'), 'u16', 'inferred backwards from the later use');
  assert.equal(localTy(m, 'f'), '[i32; 3]');
  for (const e of exprs(m, (x) => x.kind === 'lit' && x.value.kind === 'int')) {
    assert.equal(e.ty.kind, 'int', 'every integer literal has a concrete type in the HIR');
  }
});

test('expected types flow into generic constructors and calls', () => {
  const c = check(`
fn id<T>(x: T) -> T { x }
fn main() {
    let o: Option<u8> = Some(5);
    let r: Result<u16, bool> = Ok(1);
    let n: u32 = id(7);
    let p = id(id(3u64));
    if let Some(v) = o { println!("{} {:?} {} {}", v, r, n, p); }
}`);
  assert.equal(c.text, '');
  const m = fnNamed(c, 'main');
  assert.equal(localTy(m, 'o'), 'Option<u8>');
  assert.equal(localTy(m, 'n'), 'u32');
  assert.equal(localTy(m, 'p'), 'u64');
  assert.equal(localTy(m, 'v'), 'u8');
});

test('closures get their parameter types from the expected fn pointer or from their use', () => {
  const c = check(`
fn apply(f: fn(u16) -> u16, x: u16) -> u16 { f(x) }
fn main() {
    let a = apply(|v| v * 2, 4);
    let sq = |x: i64| x * x;
    let later = |y| y + 1;
    let z: u8 = later(2);
    println!("{} {} {}", a, sq(3), z);
}`);
  assert.equal(c.text, '');
  const m = fnNamed(c, 'main');
  assert.equal(localTy(m, 'sq'), 'fn(i64) -> i64');
  assert.equal(localTy(m, 'later'), 'fn(u8) -> u8');
  const closures = [...c.prog.fns.keys()].filter((d) => d.closureOf);
  assert.equal(closures.length, 3, 'each closure is lifted to its own function');
});

test('deferred initialisation and shadowing', () => {
  const c = check(`
fn main() {
    let x;
    if true { x = 1u8; } else { x = 2; }
    let x = x as u32 + 1;
    println!("{}", x);
}`);
  assert.equal(c.text, '');
  const m = fnNamed(c, 'main');
  assert.deepEqual(m.locals.filter((l) => l.name === 'x').map((l) => displayTy(l.ty)), ['u8', 'u32']);
});

test('casts follow Rust: literal hints, char from u8 only, pointers', () => {
  const ok = check(`
fn main() {
    let c = 97 as char;
    let p = 0x2000_0000 as *mut u32;
    let b = true as u8 + 'a' as u8;
    let w = -1i32 as u32;
    println!("{} {} {} {}", c, b, w, p as usize);
}`);
  assert.equal(ok.text, '');
  const bad = check('fn main() { let x: u32 = 5; let c = x as char; let b = x as bool; }');
  assert.deepEqual(bad.errors.map((d) => d.code), ['E0408', 'E0408']);
  assert.match(bad.errors[0]!.message, /only `u8` can be cast as `char`, not `u32`/);
});

test('literal out of range is an error, negative literals at the boundary are fine', () => {
  const c = check('fn main() { let a: i8 = -128; let b: u8 = 255; let c: u8 = 256; let d = 300 as u8; }');
  assert.deepEqual(c.errors.map((d) => d.code), ['E0414', 'E0414']);
});

test('mismatched types name both types', () => {
  const c = check('fn f() -> u32 { let x: u8 = 1; x }\nfn main() { f(); }');
  assert.equal(c.errors.length, 1);
  assert.equal(c.errors[0]!.code, 'E0400');
  assert.match(c.errors[0]!.primary.message, /expected `u32`, found `u8`/);
});

test('type annotations needed for an unconstrained generic', () => {
  const c = check('fn none<T>() -> Option<T> { None }\nfn main() { let x = none(); }');
  assert.deepEqual(c.codes.filter((x) => x.startsWith('E')), ['E0401']);
});

test('`!` coerces to any type; blocks that diverge have type `!`', () => {
  const c = check(`
fn f(x: u8) -> u8 {
    let y: u8 = if x > 3 { return 0; } else { x };
    let z = match x { 0 => panic!("zero"), n => n };
    if y == 9 { loop {} }
    y + z
}
fn g() -> u32 { return 5; }
fn main() { f(1); g(); }`);
  assert.equal(c.text, '');
  const coerces = exprs(fnNamed(c, 'f'), (e) => e.kind === 'coerce' && e.coercion === 'never');
  assert.ok(coerces.length >= 2);
  void displayTy;
});

test('`?` desugars to a match with an early return', () => {
  const c = check(`
fn half(x: u32) -> Option<u32> { if x % 2 == 0 { Some(x / 2) } else { None } }
fn quarter(x: u32) -> Option<u32> { let h = half(x)?; half(h) }
fn parse(x: u8) -> Result<u8, bool> { if x > 9 { Err(true) } else { Ok(x) } }
fn twice(x: u8) -> Result<u8, bool> { Ok(parse(x)? * 2) }
fn main() { println!("{:?} {:?}", quarter(8), twice(3)); }`);
  assert.equal(c.text, '');
  const q = fnNamed(c, 'quarter');
  const m = exprs(q, (e) => e.kind === 'match');
  assert.equal(m.length, 1);
  assert.equal(displayTy(m[0]!.ty), 'u32');
  const bad = check('fn f(x: Option<u8>) -> u8 { x? }\nfn main() {}');
  assert.deepEqual(bad.errors.map((d) => d.code), ['E0409']);
  const wrongErr = check('fn f(x: Result<u8, u16>) -> Result<u8, u32> { Ok(x?) }\nfn main() {}');
  assert.deepEqual(wrongErr.errors.map((d) => d.code), ['E0409']);
});
