// Traits and generics: bounds, default methods, derives, the monomorphization
// plan and resolveInstance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fnNamed, exprs, displayTy } from './helpers.ts';

const SHAPES = `
trait Shape {
    fn area(&self) -> u32;
    fn describe(&self) -> u32 { self.area() * 10 }
}
#[derive(Clone, Copy, PartialEq, Debug)]
struct Sq(u32);
struct Rect { w: u32, h: u32 }
impl Shape for Sq { fn area(&self) -> u32 { self.0 * self.0 } }
impl Shape for Rect {
    fn area(&self) -> u32 { self.w * self.h }
    fn describe(&self) -> u32 { 1 }
}
fn total<S: Shape>(xs: &[S]) -> u32 { let mut t = 0; for s in xs { t += s.describe(); } t }
fn biggest<T>(a: T, b: T) -> T where T: PartialOrd + Copy { if a > b { a } else { b } }
fn main() {
    println!("{} {}", total(&[Sq(1), Sq(2)]), total(&[Rect { w: 1, h: 2 }]));
    println!("{} {} {}", biggest(3u8, 4), biggest('a', 'b'), Sq(1) == Sq(1));
}`;

test('the mono plan lists each reachable instance once, trait methods resolved', () => {
  const c = check(SHAPES);
  assert.equal(c.text, '');
  const keys = c.prog.mono.instances.map((i) => i.key);
  assert.deepEqual(keys.filter((k) => k.startsWith('total')), ['total<Sq>', 'total<Rect>']);
  assert.ok(keys.includes('biggest<u8>') && keys.includes('biggest<char>'));
  assert.ok(keys.includes('<Sq as Shape>::describe'), 'default method instantiated for Sq');
  assert.ok(keys.includes('<Rect as Shape>::describe'), 'overriding method');
  assert.ok(keys.includes('<Sq as Shape>::area'));
  assert.ok(!keys.includes('<Rect as Shape>::area'), 'Rect::area is never called: not generated');
  assert.equal(new Set(keys).size, keys.length, 'no duplicates');
});

test('resolveInstance: impl method, default body, built-in for primitives and derives', () => {
  const c = check(SHAPES);
  const total = fnNamed(c, 'total');
  const call = exprs(total, (e) => e.kind === 'call' && e.callee.kind === 'fn' && e.callee.ref.fn.name === 'describe')[0]!;
  assert.ok(call.kind === 'call' && call.callee.kind === 'fn');
  if (call.kind !== 'call' || call.callee.kind !== 'fn') return;
  const ref = call.callee.ref;
  assert.equal(ref.fn.owner?.kind, 'trait', 'generic code calls the trait method');
  const sq = c.prog.mono.instances.find((i) => i.key === 'total<Sq>')!;
  const r1 = c.prog.resolveInstance({ fn: ref.fn, args: ref.args.map((a) => c.prog.types.subst(a, sq.args)) });
  assert.equal(r1.kind, 'fn');
  if (r1.kind === 'fn') assert.equal(r1.ref.fn, ref.fn, 'Sq uses the default body');
  const rect = c.prog.mono.instances.find((i) => i.key === 'total<Rect>')!;
  const r2 = c.prog.resolveInstance({ fn: ref.fn, args: ref.args.map((a) => c.prog.types.subst(a, rect.args)) });
  assert.ok(r2.kind === 'fn' && r2.ref.fn.owner?.kind === 'impl', 'Rect overrides it');
  const big = fnNamed(c, 'biggest');
  const gt = exprs(big, (e) => e.kind === 'call')[0]!;
  assert.ok(gt.kind === 'call' && gt.callee.kind === 'fn' && gt.callee.ref.fn.name === 'gt');
  if (gt.kind === 'call' && gt.callee.kind === 'fn') {
    const r3 = c.prog.resolveInstance({ fn: gt.callee.ref.fn, args: [c.prog.types.u8] });
    assert.deepEqual(r3.kind === 'builtin' ? r3.name : r3.kind, 'gt');
  }
});

test('unsatisfied bounds name the missing impl', () => {
  const c = check(`
trait Shape { fn area(&self) -> u32; }
struct Circle;
fn total<S: Shape>(x: &S) -> u32 { x.area() }
fn main() { total(&Circle); }`);
  assert.deepEqual(c.errors.map((d) => d.code), ['E0500']);
  assert.match(c.errors[0]!.message, /the trait bound `Circle: Shape` is not satisfied/);
  assert.match(c.errors[0]!.helps.join(), /impl Shape for Circle/);
  const d = check('#[derive(Clone)]\nstruct P;\nfn dup<T: Copy>(x: T) -> (T, T) { (x, x) }\nfn main() { dup(P); }');
  assert.match(d.errors[0]!.helps.join(), /#\[derive\(Clone, Copy\)\]/);
});

test('generic structs and impls with bounds; methods through bounds', () => {
  const c = check(`
struct Stack<T> { items: [T; 4], len: usize }
impl<T: Copy + PartialEq> Stack<T> {
    fn new(fill: T) -> Self { Stack { items: [fill; 4], len: 0 } }
    fn push(&mut self, v: T) { self.items[self.len] = v; self.len += 1; }
    fn contains(&self, v: T) -> bool { for i in 0..self.len { if self.items[i] == v { return true; } } false }
}
fn main() { let mut s = Stack::new(0u16); s.push(3); println!("{}", s.contains(3)); }`);
  assert.equal(c.text, '');
  assert.ok(c.prog.mono.instances.some((i) => i.key === 'Stack<u16>::push'));
  const bad = check(`
struct W<T> { v: T }
impl<T: Copy> W<T> { fn get(&self) -> T { self.v } }
struct NoCopy;
fn main() { let w = W { v: NoCopy }; w.get(); }`);
  assert.deepEqual(bad.errors.map((d) => d.code), ['E0500']);
});

test('derives: ==, clone and Debug on user types; impossible derives are errors', () => {
  const ok = check(`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Color { Red, Rgb(u8, u8, u8) }
#[derive(Debug, Clone, PartialEq)]
struct Px { c: Color, at: (u16, u16) }
fn main() { let p = Px { c: Color::Rgb(1, 2, 3), at: (0, 0) }; let q = p.clone(); println!("{:?} {}", q, p == q); }`);
  assert.equal(ok.text, '');
  const eq = exprs(fnNamed(ok, 'main'), (e) => e.kind === 'binary' && e.op === '==')[0]!;
  assert.ok(eq.kind === 'binary' && displayTy(eq.opTy) === 'Px', 'structural == keeps the operand type');
  const bad = check('struct Inner;\n#[derive(PartialEq)]\nstruct Outer { i: Inner }\nfn main() {}');
  assert.deepEqual(bad.errors.map((d) => d.code), ['E0504']);
});

test('user PartialEq impls are called for ==', () => {
  const c = check(`
struct Approx(i32);
impl PartialEq for Approx { fn eq(&self, o: &Approx) -> bool { (self.0 - o.0).abs() < 2 } }
fn main() { println!("{}", Approx(1) == Approx(2)); }`);
  assert.equal(c.text, '');
  const call = exprs(fnNamed(c, 'main'), (e) => e.kind === 'call' && e.callee.kind === 'fn' && e.callee.ref.fn.name === 'eq');
  assert.equal(call.length, 1);
  assert.ok(c.prog.mono.instances.some((i) => i.key === '<Approx as PartialEq>::eq'));
});

test('const generic array lengths', () => {
  const c = check(`
fn sum<const N: usize>(xs: [u8; N]) -> u32 { let mut t = 0u32; for x in xs { t += x as u32; } t + N as u32 }
fn main() { println!("{} {}", sum([1, 2, 3]), sum([9; 5])); }`);
  assert.equal(c.text, '');
  assert.deepEqual(c.prog.mono.instances.map((i) => i.key).filter((k) => k.startsWith('sum')), ['sum<3>', 'sum<5>']);
});

test('trait static functions through a type parameter', () => {
  const c = check(`
trait Zero { fn zero() -> Self; }
impl Zero for u8 { fn zero() -> u8 { 0 } }
impl Zero for i64 { fn zero() -> i64 { 0 } }
fn z<T: Zero>() -> T { T::zero() }
fn main() { let a: u8 = z(); let b = z::<i64>(); println!("{} {}", a, b); }`);
  assert.equal(c.text, '');
  assert.ok(c.prog.mono.instances.some((i) => i.key === '<u8 as Zero>::zero'));
});

test('trait impls are checked against the trait', () => {
  assert.deepEqual(check('trait T { fn a(&self); }\nstruct S;\nimpl T for S {}\nfn main() {}').errors.map((d) => d.code), ['E0501']);
  assert.deepEqual(check('trait T { fn a(&self); }\nstruct S;\nimpl T for S { fn a(&self) {} fn b(&self) {} }\nfn main() {}').errors.map((d) => d.code), ['E0502']);
  assert.deepEqual(check('trait T { fn a(&self) -> u8; }\nstruct S;\nimpl T for S { fn a(&mut self) -> u8 { 0 } }\nfn main() {}').errors.map((d) => d.code), ['E0505']);
});

test('associated consts of traits resolve per instance', () => {
  const c = check(`
trait Cfg { const N: u32; fn get(&self) -> u32 { Self::N } }
struct A;
impl Cfg for A { const N: u32 = 5; }
fn f<T: Cfg>() -> u32 { T::N + 1 }
const TWICE: u32 = A::N * 2;
fn main() { println!("{} {} {} {}", f::<A>(), A::N, A.get(), TWICE); }`);
  assert.equal(c.text, '');
  const twice = [...c.prog.consts.values()].find((k) => k.def.name === 'TWICE')!;
  assert.deepEqual(twice.evaluated, { kind: 'int', value: 10n });
  const f = fnNamed(c, 'f');
  const use = exprs(f, (e) => e.kind === 'const')[0]!;
  assert.ok(use.kind === 'const');
  if (use.kind === 'const') {
    const inst = c.prog.mono.instances.find((i) => i.key === 'f<A>')!;
    const r = c.prog.resolveConst(use.def, use.args.map((a) => c.prog.types.subst(a, inst.args)));
    assert.ok(r.def.owner?.kind === 'impl', 'resolved to the impl\'s const');
  }
});

test('roots: main, interrupt handlers and exported functions', () => {
  const c = check(`
static mut TICKS: u32 = 0;
#[interrupt]
fn SysTick() { unsafe { TICKS += 1; } }
#[no_mangle]
pub extern "C" fn poll() -> u32 { unsafe { TICKS } }
fn main() { println!("{}", poll()); }`);
  assert.equal(c.text, '');
  assert.deepEqual(c.prog.interrupts.map((i) => i.name), ['SysTick']);
  assert.deepEqual(c.prog.mono.roots.map((r) => r.name), ['main', 'SysTick', 'poll']);
  assert.deepEqual(check('#[interrupt]\nfn Bad(x: u32) {}\nfn main() {}').errors.map((d) => d.code), ['E0607']);
  assert.deepEqual(check('fn start() {}').errors.map((d) => d.code), ['E0606']);
});
