// Constant evaluation: const items, array lengths, discriminants, overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers.ts';

test('constants feed array lengths and are evaluated', () => {
  const c = check(`
const N: usize = 4;
const BYTES: usize = N * 2 + 1;
static TABLE: [u8; BYTES] = [7; BYTES];
const MASK: u32 = (1 << 12) - 1;
const NEG: i8 = -128;
const MAXED: u32 = u32::MAX.wrapping_add(2);
fn main() { println!("{} {} {} {} {}", TABLE.len(), MASK, NEG, MAXED, TABLE[N]); }`);
  assert.equal(c.text, '');
  const vals = [...c.prog.consts.values()].filter((k) => !k.def.module.crate.isLibrary).map((k) => `${k.def.name}=${k.evaluated?.kind === 'int' ? k.evaluated.value : '?'}`);
  assert.deepEqual(vals, ['N=4', 'BYTES=9', 'MASK=4095', 'NEG=-128', 'MAXED=1']);
});

test('overflow, division by zero and cycles are compile errors', () => {
  const codes = (src: string): string[] => check(src).errors.map((d) => d.code);
  assert.deepEqual(codes('const X: u8 = 200 + 100;\nfn main() { println!("{}", X); }'), ['E0602']);
  assert.deepEqual(codes('const X: i32 = i32::MIN / -1;\nfn main() { println!("{}", X); }'), ['E0602']);
  assert.deepEqual(codes('const X: u32 = 1 << 40;\nfn main() { println!("{}", X); }'), ['E0602']);
  assert.deepEqual(codes('const X: u32 = 5 / 0;\nfn main() { println!("{}", X); }'), ['E0603']);
  assert.deepEqual(codes('const A: u32 = B;\nconst B: u32 = A;\nfn main() { println!("{}", A); }'), ['E0603']);
  assert.deepEqual(codes('fn f() -> usize { 3 }\nfn main() { let _a = [0u8; f()]; }'), ['E0603']);
});

test('enum discriminants: explicit, implicit and repr', () => {
  const c = check(`
#[repr(u8)]
#[derive(Clone, Copy)]
enum Cmd { Nop = 0, Read = 0x10, Next, Write = 0x20 }
fn main() { println!("{} {}", Cmd::Next as u8, Cmd::Write as u8); }`);
  assert.equal(c.text, '');
  const cmd = c.prog.adts.find((a) => a.name === 'Cmd')!;
  assert.deepEqual(cmd.variants.map((v) => v.discriminant), [0n, 16n, 17n, 32n]);
});
