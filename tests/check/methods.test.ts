// Method resolution: auto-ref/auto-deref, inherent before trait, built-ins,
// traits in scope, and the explicit adjustments in the HIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, fnNamed, exprs, localTy, displayTy } from './helpers.ts';
import type { HirExpr } from '../../sdk/src/check/hir.ts';

function calls(c: ReturnType<typeof check>, fn: string): (HirExpr & { kind: 'call' })[] {
  return exprs(fnNamed(c, fn), (e) => e.kind === 'call') as (HirExpr & { kind: 'call' })[];
}

test('auto-ref for &self and &mut self methods, auto-deref through references', () => {
  const c = check(`
struct Counter { n: u32 }
impl Counter {
    fn get(&self) -> u32 { self.n }
    fn bump(&mut self) { self.n += 1; }
    fn into_n(self) -> u32 { self.n }
}
fn via_ref(c: &Counter) -> u32 { c.get() }
fn via_ref_ref(c: &&Counter) -> u32 { c.get() }
fn main() {
    let mut c = Counter { n: 0 };
    c.bump();
    let r = &mut c;
    r.bump();
    println!("{} {} {} {}", c.get(), via_ref(&c), via_ref_ref(&&c), c.into_n());
}`);
  assert.equal(c.text, '');
  const main = calls(c, 'main').filter((x) => x.callee.kind === 'fn');
  const bump = main.find((x) => x.callee.kind === 'fn' && x.callee.ref.fn.name === 'bump')!;
  assert.equal(bump.args[0]!.kind, 'addrOf', '`c.bump()` borrows c mutably');
  assert.ok((bump.args[0] as HirExpr & { kind: 'addrOf' }).implicit && (bump.args[0] as HirExpr & { kind: 'addrOf' }).mut);
  const rr = calls(c, 'via_ref_ref')[0]!;
  assert.equal(rr.args[0]!.kind, 'deref', '`&&Counter` is dereferenced once to `&Counter`');
  assert.equal(displayTy(rr.args[0]!.ty), '&Counter');
});

test('`clone` on a reference returns the value (Rust\'s by-value-first probing)', () => {
  const c = check(`
#[derive(Clone, Copy, Debug)]
struct P { x: i32 }
fn main() { let p = P { x: 1 }; let r = &p; let q = r.clone(); println!("{:?}", q); }`);
  assert.equal(c.text, '');
  assert.equal(localTy(fnNamed(c, 'main'), 'q'), 'P');
});

test('inherent methods win over trait methods of the same name', () => {
  const c = check(`
trait Named { fn name(&self) -> u8; }
struct S;
impl Named for S { fn name(&self) -> u8 { 1 } }
impl S { fn name(&self) -> u8 { 2 } }
fn main() { println!("{}", S.name()); }`);
  assert.equal(c.text, '');
  const call = calls(c, 'main').find((x) => x.callee.kind === 'fn' && x.callee.ref.fn.name === 'name')!;
  assert.ok(call.callee.kind === 'fn' && call.callee.ref.fn.owner?.kind === 'impl' && call.callee.ref.fn.owner.impl.traitRef === null);
});

test('trait methods need the trait in scope; the error says which import is missing', () => {
  const src = (imp: string) => `
mod shapes {
    pub trait Area { fn area(&self) -> u32; }
    pub struct Sq(pub u32);
    impl Area for Sq { fn area(&self) -> u32 { self.0 * self.0 } }
}
${imp}
fn main() { let s = shapes::Sq(3); println!("{}", s.area()); }`;
  assert.equal(check(src('import shapes::Area;')).text, '');
  const bad = check(src(''));
  assert.deepEqual(bad.errors.map((d) => d.code), ['E0404']);
  assert.match(bad.errors[0]!.helps.join('\n'), /trait `Area` which provides `area` is implemented but not in scope; import it: `import crate::shapes::Area;`/);
});

test('built-in integer methods and their types', () => {
  const c = check(`
fn main() {
    let a: u8 = 200;
    let s = a.wrapping_add(100);
    let ch = a.checked_add(100);
    let ov = a.overflowing_add(100);
    let z = a.leading_zeros();
    let m = 4.min(9);
    let p = 2u32.pow(10);
    let d = (-5i16).abs_diff(3);
    let be = u32::from_be(0x12345678);
    println!("{} {:?} {:?} {} {} {} {} {}", s, ch, ov, z, m, p, d, be);
}`);
  assert.equal(c.text, '');
  const m = fnNamed(c, 'main');
  assert.equal(localTy(m, 's'), 'u8');
  assert.equal(localTy(m, 'ch'), 'Option<u8>');
  assert.equal(localTy(m, 'ov'), '(u8, bool)');
  assert.equal(localTy(m, 'z'), 'u32');
  assert.equal(localTy(m, 'm'), 'i32');
  assert.equal(localTy(m, 'd'), 'u16');
  const b = calls(c, 'main').filter((x) => x.callee.kind === 'builtin').map((x) => x.callee.kind === 'builtin' ? `${x.callee.name}:${displayTy(x.callee.selfTy)}` : '');
  assert.ok(b.includes('wrapping_add:u8') && b.includes('min:i32') && b.includes('from_be:u32'), b.join(' '));
  assert.deepEqual(check('fn main() { let x = 2.pow(3); }').errors.map((d) => d.code), ['E0413']);
  assert.deepEqual(check('fn main() { let x = 5u32.abs(); }').errors.map((d) => d.code), ['E0404']);
});

test('`len()` and `iter()` on arrays borrow and unsize the receiver', () => {
  const c = check(`
fn main() {
    let a = [1u8, 2, 3];
    let n = a.len();
    let mut sum = 0u8;
    for x in a.iter() { sum += *x; }
    let s = "héllo";
    println!("{} {} {} {:?}", n, sum, s.len(), s.as_bytes());
}`);
  assert.equal(c.text, '');
  const len = calls(c, 'main').find((x) => x.callee.kind === 'builtin' && x.callee.name === 'len')!;
  assert.equal(len.args[0]!.kind, 'coerce');
  assert.equal(displayTy(len.args[0]!.ty), '&[u8]');
});

test('Option and Result methods from the std prelude', () => {
  const c = check(`
fn main() {
    let o: Option<u8> = Some(2);
    let r: Result<u8, u8> = Err(1);
    let v = o.map(|x| x as u32 * 3).unwrap_or(0);
    println!("{} {} {} {} {} {}", o.is_some(), o.is_none(), o.unwrap(), r.is_ok(), r.is_err(), v);
}`);
  assert.equal(c.text, '');
  assert.equal(localTy(fnNamed(c, 'main'), 'v'), 'u32');
});

test('no such method lists close names', () => {
  const c = check('struct P;\nimpl P { fn draw(&self) {} }\nfn main() { P.drwa(); }');
  assert.deepEqual(c.errors.map((d) => d.code), ['E0404']);
  assert.match(c.errors[0]!.helps.join(), /`draw`/);
});

test('fields: auto-deref, privacy and suggestions', () => {
  const c = check(`
mod m { pub struct P { pub x: i32, y: i32 } impl P { pub fn new() -> P { P { x: 1, y: 2 } } pub fn y(&self) -> i32 { self.y } } }
fn main() {
    let p = m::P::new();
    let r = &&p;
    println!("{} {}", r.x, p.y);
}`);
  assert.deepEqual(c.errors.map((d) => d.code), ['E0306']);
  const t = check('struct P { count: u8 }\nfn main() { let p = P { count: 1 }; let _c = p.cout; }');
  assert.deepEqual(t.errors.map((d) => d.code), ['E0403']);
  assert.match(t.errors[0]!.helps.join(), /`count`/);
});
