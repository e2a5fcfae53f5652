// Modules and imports: file modules, `import`/`use` forms, visibility, cycles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkFiles } from './helpers.ts';

test('file modules: foo.oriz, foo/mod.oriz and nested files', () => {
  const c = checkFiles({
    'main.oriz': 'mod gpio;\nmod uart;\nimport gpio::pins::Pin;\nfn main() { let p = Pin { n: 3 }; gpio::set(p); uart::send(1); }\n',
    'gpio/mod.oriz': 'pub mod pins;\npub fn set(p: pins::Pin) { let _n = p.n; }\n',
    'gpio/pins.oriz': 'pub struct Pin { pub n: u8 }\n',
    'uart.oriz': 'mod regs;\npub fn send(b: u8) { regs::write(b); }\n',
    'uart/regs.oriz': 'pub fn write(_b: u8) {}\n',
  });
  assert.equal(c.text, '');
});

test('a missing module file names both candidate paths', () => {
  const c = checkFiles({ 'main.oriz': 'mod missing;\nfn main() {}\n' });
  assert.deepEqual(c.codes, ['E0304']);
  assert.match(c.errors[0]!.helps[0]!, /missing\.oriz" or ".*missing\/mod\.oriz"/);
});

test('import forms: groups, globs, `as`, self, super, crate, and `use` as a synonym', () => {
  const c = check(`
mod shapes {
    pub mod round { pub fn circle() -> u8 { 1 } pub fn oval() -> u8 { 2 } }
    pub mod flat {
        pub fn square() -> u8 { super::round::circle() + crate::shapes::round::oval() }
        pub enum Kind { A, B }
    }
}
import shapes::round::{self, circle as c};
use shapes::flat::*;
import shapes::flat::Kind::{A, B};
fn main() {
    let k = A;
    let n = match k { A => 0, B => 1 };
    println!("{} {} {} {}", c(), round::oval(), square(), n);
}`);
  assert.equal(c.text, '');
});

test('cyclic imports between modules resolve', () => {
  const c = check(`
mod a { pub use crate::b::g; pub fn f() -> u8 { g() + 1 } }
mod b { pub use crate::a::f; pub fn g() -> u8 { 1 } pub fn h() -> u8 { f() } }
fn main() { println!("{} {}", a::g(), b::h()); }`);
  assert.equal(c.text, '');
});

test('privacy: items are private to their module and its children', () => {
  const c = check(`
mod outer {
    fn hidden() -> u8 { 1 }
    pub mod inner { pub fn peek() -> u8 { super::hidden() } }
}
fn main() { println!("{}", outer::inner::peek()); outer::hidden(); }`);
  assert.deepEqual(c.errors.map((d) => d.code), ['E0306']);
  assert.match(c.errors[0]!.message, /function `hidden` is private/);
});

test('unresolved names list the closest candidates', () => {
  const c = check('fn counter() -> u8 { 1 }\nfn main() { let total = 1; println!("{} {}", totl, countr()); }');
  assert.deepEqual(c.errors.map((d) => d.code), ['E0300', 'E0300']);
  assert.match(c.errors[0]!.helps[0]!, /`total`/);
  assert.match(c.errors[1]!.helps[0]!, /`counter`/);
  const i = check('import std::cmp::Orderin;\nfn main() {}');
  assert.deepEqual(i.errors.map((d) => d.code), ['E0302']);
  assert.match(i.errors[0]!.helps[0]!, /`Ordering`/);
  const m = check('fn main() { utils::run(); }');
  assert.deepEqual(m.errors.map((d) => d.code), ['E0303']);
});

test('the prelude: Option, Result, Some, None, Ok, Err without imports; std paths', () => {
  const c = check(`
import std::cmp::Ordering;
import core::ptr;
fn main() {
    let o: Option<u8> = None;
    let r: Result<u8, ()> = Ok(1);
    let s = Some(Ordering::Less);
    let x = 5u32;
    let v = unsafe { ptr::read_volatile(&x as *const u32) };
    println!("{:?} {:?} {:?} {}", o, r, s, v);
}`);
  assert.equal(c.text, '');
});

test('items inside blocks are scoped to the block', () => {
  const c = check(`
fn main() {
    fn helper(x: u32) -> u32 { x * 2 }
    #[derive(Debug)]
    struct Local { v: u32 }
    const K: u32 = 3;
    let l = Local { v: helper(K) };
    println!("{:?}", l);
}`);
  assert.equal(c.text, '');
  assert.deepEqual(check('fn main() { { fn inner() {} } inner(); }').errors.map((d) => d.code), ['E0300']);
});

test('library crates from the search path: `<dir>/<name>/lib.oriz`, loaded when mentioned', () => {
  const c = checkFiles({
    'app/main.oriz': 'import mylib;\nimport mylib::util::half;\nfn main() { println!("{} {}", mylib::answer(), half(4)); }\n',
    'libs/mylib/lib.oriz': 'pub mod util;\npub fn answer() -> u32 { util::half(84) }\n',
    'libs/mylib/util.oriz': 'pub fn half(x: u32) -> u32 { x / 2 }\n',
    'libs/unused/lib.oriz': 'this is not even valid Orizon\n',
  }, 'app/main.oriz', ['libs']);
  assert.equal(c.text, '');
  assert.deepEqual(c.prog.mono.instances.map((i) => i.key), ['main', 'mylib::answer', 'mylib::util::half']);
});
