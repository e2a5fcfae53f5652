// Mutability and unsafe checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers.ts';

const errs = (src: string): string[] => check(src).errors.map((d) => d.code);

test('assignment to an immutable binding, with a `mut` suggestion', () => {
  const c = check('fn main() { let x = 1; x = 2; println!("{}", x); }');
  assert.deepEqual(c.errors.map((d) => d.code), ['E0450']);
  assert.match(c.errors[0]!.message, /cannot assign twice to immutable variable `x`/);
  assert.equal(c.errors[0]!.suggestions[0]!.replacement, 'mut ');
});

test('fields and elements of immutable bindings', () => {
  assert.deepEqual(errs('struct P { x: i32 }\nfn main() { let p = P { x: 1 }; p.x = 2; }'), ['E0450']);
  assert.deepEqual(errs('fn main() { let a = [1, 2]; a[0] = 3; }'), ['E0450']);
  assert.deepEqual(errs('fn main() { let mut a = [1, 2]; a[0] = 3; println!("{:?}", a); }'), []);
});

test('&mut of an immutable place, explicit or by a method call', () => {
  assert.deepEqual(errs('fn main() { let v = 1; let r = &mut v; *r = 2; }'), ['E0450']);
  assert.deepEqual(errs('struct C { n: u8 }\nimpl C { fn inc(&mut self) { self.n += 1; } }\nfn main() { let c = C { n: 0 }; c.inc(); }'), ['E0450']);
  assert.deepEqual(errs('fn main() { let a = [1u8, 2]; for x in a.iter_mut() { *x = 0; } }'), ['E0450']);
});

test('writes through shared references and const pointers', () => {
  assert.deepEqual(errs('fn set(p: &u32) { *p = 1; }\nfn main() {}'), ['E0452']);
  assert.deepEqual(errs('struct P { x: u8 }\nfn set(p: &P) { p.x = 1; }\nfn main() {}'), ['E0452']);
  assert.deepEqual(errs('fn set(p: &mut u32) { *p = 1; }\nfn main() { let mut v = 0; set(&mut v); println!("{}", v); }'), []);
  assert.deepEqual(errs('fn main() { let v = 0u32; let p = &v as *const u32; unsafe { *p = 1; } }'), ['E0452']);
});

test('deferred initialisation of an immutable binding is allowed', () => {
  assert.deepEqual(errs('fn main() { let x: u8; x = 1; println!("{}", x); }'), []);
});

test('unsafe operations need an unsafe block or fn', () => {
  assert.deepEqual(errs('fn main() { let p = 0x1000 as *const u32; let _v = *p; }'), ['E0453']);
  assert.deepEqual(errs('static mut N: u32 = 0;\nfn main() { N += 1; }'), ['E0453']);
  assert.deepEqual(errs('unsafe fn danger() {}\nfn main() { danger(); }'), ['E0453']);
  assert.deepEqual(errs('fn main() { let x = 5u32; let p = &x as *const u32; let _v = unsafe { core::ptr::read_volatile(p) }; }'), []);
  assert.deepEqual(errs('static mut N: u32 = 0;\nunsafe fn bump() { N += 1; }\nfn main() { unsafe { bump(); } }'), []);
  assert.deepEqual(errs('static S: u32 = 0;\nfn main() { unsafe { S = 1; } }'), ['E0450']);
});

test('invalid assignment targets', () => {
  assert.deepEqual(errs('fn f() -> u8 { 1 }\nfn main() { f() = 2; }'), ['E0454']);
});
