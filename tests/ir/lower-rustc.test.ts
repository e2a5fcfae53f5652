// Targeted programs compared with rustc, the oracle: each is compiled by
// rustc (debug: `-C overflow-checks=on`; release: `-C overflow-checks=off -O`)
// and by Orizon to IR, run in the IR interpreter, and stdout and the exit
// status must be identical. Expectations are generated at test time (cached
// in the OS temp directory by content hash); without rustc the comparisons are
// skipped with the reason. Outputs never depend on usize's width (the host is
// 64-bit, our targets 32-bit).
//
// The panic cases below carry their expected message and line:col inline
// (Rust's texts), so they run without rustc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { buildIr } from '../../sdk/src/ir/lower/driver.ts';
import { verifyModule } from '../../sdk/src/ir/verify.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';
import type { Module } from '../../sdk/src/ir/ir.ts';

let rustc: boolean | undefined;
function rustcAvailable(): boolean {
  rustc ??= spawnSync('rustc', ['--version']).status === 0;
  return rustc;
}

/** stdout and status of `text` compiled by rustc, cached by content. */
function rustcRun(text: string, debug: boolean): { stdout: string; status: number } {
  const key = createHash('sha256').update(text).update(debug ? 'debug' : 'release').digest('hex').slice(0, 24);
  const cache = join(tmpdir(), 'orizon-rustc-oracle');
  mkdirSync(cache, { recursive: true });
  const out = join(cache, `${key}.json`);
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8'));
  const src = join(cache, `${key}.rs`);
  writeFileSync(src, text);
  const exe = join(cache, key);
  const flags = debug ? ['-C', 'overflow-checks=on'] : ['-C', 'overflow-checks=off', '-O'];
  const c = spawnSync('rustc', ['--edition', '2021', ...flags, '-A', 'warnings', '-o', exe, src], { encoding: 'utf8' });
  if (c.status !== 0) throw new Error(`rustc rejected the program:\n${c.stderr}`);
  const r = spawnSync(exe, [], { encoding: 'utf8', env: { ...process.env, RUST_BACKTRACE: '0' } });
  const res = { stdout: r.stdout, status: r.status ?? -1 };
  writeFileSync(out, JSON.stringify(res));
  return res;
}

/** Call sites agree with the callees' IR signatures (the verifier checks functions one at a time). */
function callSignatureErrors(m: Module): string[] {
  const errs: string[] = [];
  const sigs = new Map(m.functions.map((f) => [f.name, f]));
  for (const f of m.functions) {
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op !== 'call') continue;
        const callee = sigs.get(i.callee);
        if (!callee) continue;
        const argTys = i.args.map((a) => f.valueTys[a]);
        if (argTys.join() !== callee.paramTys.join()) errs.push(`${f.name}: call @${i.callee}(${argTys.join(', ')}) but it takes (${callee.paramTys.join(', ')})`);
        if (i.retTys.join() !== callee.retTys.join()) errs.push(`${f.name}: call @${i.callee} expects (${i.retTys.join(', ')}) but it returns (${callee.retTys.join(', ')})`);
      }
    }
  }
  return errs;
}

function runOrizon(name: string, text: string, debug: boolean) {
  const r = buildIr(`${name}.oriz`, text, { debug });
  if (!r.module) {
    const msgs = r.diags.items.filter((d) => d.severity === 'error').map((d) => d.message);
    assert.fail(r.error ? `lowering failed: ${r.error.message}` : `checker errors: ${msgs.join('; ')}`);
  }
  assert.deepEqual(verifyModule(r.module), []);
  assert.deepEqual(callSignatureErrors(r.module), []);
  return interpret(r.module, { budget: 200_000_000 });
}

const PROGRAMS: [string, string][] = [
  ["ints", `fn main() {
    let a: i32 = -17;
    let b: u8 = 200;
    let c: i64 = -5_000_000_000;
    let d: u64 = 18_000_000_000_000_000_000;
    println!("{} {} {} {}", a / 5, a % 5, a.rem_euclid(5), a.div_euclid(5));
    println!("{} {} {}", b.wrapping_add(100), b.saturating_add(100), b.wrapping_mul(3));
    println!("{:?} {:?} {:?}", b.checked_add(55), b.checked_add(56), b.checked_sub(201));
    println!("{:?} {:?}", 5i32.checked_div(0), i32::MIN.checked_div(-1));
    println!("{:?} {:?}", i8::MIN.checked_neg(), 0u8.checked_neg());
    println!("{} {} {}", c / 7, c % 7, c.abs());
    println!("{} {} {}", d / 3, d % 1000, d.count_ones());
    println!("{} {} {} {}", 3i32.pow(4), 2u64.pow(63), (-2i64).pow(63), 10u32.pow(9));
    println!("{:?} {:?} {}", 2i32.checked_pow(31), 2i32.checked_pow(30), 3u8.saturating_pow(6));
    println!("{} {}", (-3i8).saturating_pow(5), (-3i8).saturating_pow(6));
    println!("{} {} {}", 0x1234u16.swap_bytes(), 0x12345678u32.to_be(), 1u32.rotate_right(1));
    println!("{} {} {} {}", 0u32.leading_zeros(), 1u8.leading_zeros(), 0i16.trailing_zeros(), 40u64.trailing_zeros());
    println!("{} {} {}", 0b1011u8.reverse_bits(), (-1i32).count_zeros(), 255u8.leading_ones());
    println!("{} {} {}", 7i32.min(-3), 7u32.max(9), (-7i32).signum());
    println!("{} {}", 300i32 as u8, -1i32 as u32);
    println!("{} {} {}", -1i8 as u64, 200u8 as i8, 65u8 as char);
    println!("{} {}", 'A' as u32 + 1, true as i32);
    println!("{} {}", (1i64 << 40) as i32, u32::MAX as i64);
    println!("{:?} {:?}", 100u8.overflowing_add(200), i32::MAX.overflowing_mul(2));
    println!("{} {}", 5u32.abs_diff(9), (-5i32).abs_diff(9));
    println!("{} {} {}", i32::MAX.wrapping_add(1), i64::MIN.wrapping_sub(1), (-128i8).wrapping_neg());
    println!("{} {}", 1u32.wrapping_shl(33), (-16i32).wrapping_shr(2));
    println!("{:?} {:?}", 1u32.checked_shl(32), 1u32.checked_shl(31));
    println!("{} {} {}", 64u32.is_power_of_two(), 0u32.is_power_of_two(), 63u8.is_power_of_two());
    println!("{} {}", i16::MIN.saturating_sub(1), i16::MAX.saturating_mul(-2));
    let mut x = 1u64;
    for i in 0..20 { x = x.wrapping_mul(31).wrapping_add(i); }
    println!("{}", x);
    println!("{} {}", i64::MIN / 3, (i64::MIN + 1) % 10);
    println!("{} {}", u64::MAX >> 7, (-1i64 as u64) >> 63);
    println!("{} {}", -7i32 >> 1, -7i32 / 2);
}
`],
  ["casts", `#[derive(Debug, Clone, Copy, PartialEq)]
enum Neg { A = -2, B = 5, C = 300 }
#[derive(Clone, Copy)]
enum Small { X, Y, Z }
fn main() {
    let vals: [i64; 8] = [0, 1, -1, 127, -128, 255, 65535, -2147483648];
    for v in vals {
        println!("{} {} {} {} {} {} {}", v as i8, v as u8, v as i16, v as u16, v as i32, v as u32, v as u64);
    }
    let us: [u64; 4] = [u64::MAX, 1 << 63, 4294967296, 4294967295];
    for u in us { println!("{} {} {} {}", u as i64, u as i32, u as u16, u as i8); }
    for b in [0u8, 65, 200, 255] { println!("{:?} {}", b as char, b as char as u32); }
    for c in ['a', 'é', '😀', '\\0'] { println!("{} {} {} {}", c as u8, c as u16, c as u32, c as i64); }
    println!("{} {} {}", true as u8, false as i64, true as i16);
    println!("{} {} {} {}", Neg::A as i8, Neg::A as u8, Neg::C as i16, Neg::B as u64);
    println!("{} {} {}", Small::X as u8, Small::Z as i32, Small::Y as u32);
    let e = [Neg::A, Neg::B, Neg::C];
    println!("{:?} {}", e, e[2] == Neg::C);
    let x: i32 = -5;
    println!("{} {} {}", x as u32 as i64, (x as u8) as i8, ((x as i64) << 40) as i32);
    let big: u32 = 3_000_000_000;
    println!("{} {} {}", big as i32, big as i64 * 2, 7);
}
`],
  ["methods", `fn show8(x: i8, y: i8) {
    println!("i8 {} {} | {:?} {:?} {:?} | {} {} {} | {} {} {} {} | {} {} {}", x.wrapping_add(y), x.wrapping_mul(y), x.checked_add(y), x.checked_mul(y), x.checked_div(y), x.saturating_add(y), x.saturating_sub(y), x.saturating_mul(y), x.count_ones(), x.leading_zeros(), x.trailing_zeros(), x.rotate_left(3), x.min(y), x.max(y), x.signum());
}
fn show_u16(x: u16, y: u16) {
    println!("u16 {} {} | {:?} {:?} {:?} | {} {} {} | {} {} {} {} {} | {:?}", x.wrapping_sub(y), x.wrapping_mul(y), x.checked_sub(y), x.checked_mul(y), x.checked_rem(y), x.saturating_add(y), x.saturating_sub(y), x.saturating_mul(y), x.count_zeros(), x.leading_ones(), x.trailing_ones(), x.rotate_right(5), x.swap_bytes(), x.overflowing_sub(y));
}
fn show_i64(x: i64, y: i64) {
    println!("i64 {} {} | {:?} {:?} {:?} | {} {} | {} {} {}", x.wrapping_add(y), x.wrapping_mul(y), x.checked_add(y), x.checked_mul(y), x.checked_div(y), x.saturating_add(y), x.saturating_mul(y), x.leading_zeros(), x.trailing_zeros(), x.rotate_left(17));
}
fn show_u32(x: u32, y: u32) {
    println!("u32 {} {} {:?} {} {} {} {} {} {}", x.wrapping_pow(y % 40), x.saturating_pow(y % 40), x.checked_pow(y % 40), x.reverse_bits(), x.to_be(), u32::from_be(x), x.is_power_of_two(), x.abs_diff(y), x.wrapping_neg());
}
fn main() {
    let i8s = [0i8, 1, -1, 7, -7, 100, -100, 127, -128];
    for &a in i8s.iter() { for &b in [1i8, -1, 3, 0, -128].iter() { show8(a, b); } }
    let u16s = [0u16, 1, 2, 255, 256, 1000, 65535, 40000];
    for &a in &u16s { for &b in &[1u16, 0, 3, 65535] { show_u16(a, b); } }
    let i64s = [0i64, 1, -1, i64::MAX, i64::MIN, 1 << 40, -(1 << 33) + 7];
    for &a in &i64s { for &b in &[1i64, -1, 2, 1 << 31, i64::MIN] { show_i64(a, b); } }
    for &a in &[0u32, 1, 2, 3, 10, 65535, 0x80000000, u32::MAX] { for &b in &[0u32, 1, 5, 31, 32] { show_u32(a, b); } }
    for v in [-17i32, 17, -3, 3, 0, i32::MIN + 1] {
        for d in [5i32, -5, 3, -1] { print!("{} {} {} {} | ", v.rem_euclid(d), v.div_euclid(d), v.wrapping_div(d), v.wrapping_rem(d)); }
        println!();
    }
    println!("{} {}", i32::MIN.wrapping_div(-1), i32::MIN.wrapping_rem(-1));
    println!("{:?} {:?}", i32::MIN.overflowing_add(-1), 5u8.overflowing_mul(60));
    println!("{} {}", (-128i8).wrapping_abs_hack(), 7i16.pow(3));
    println!("{} {} {}", 5i32.is_positive(), (-5i32).is_negative(), 0i32.is_positive());
    println!("{:?} {:?} {:?}", 1i32.checked_shr(32), (-8i32).checked_shr(1), 255u8.checked_neg());
    println!("{} {}", 0x0123456789abcdefu64.swap_bytes(), 0x0123456789abcdefi64.reverse_bits());
}
trait Hack { fn wrapping_abs_hack(self) -> i8; }
impl Hack for i8 { fn wrapping_abs_hack(self) -> i8 { if self < 0 { self.wrapping_neg() } else { self } } }
`],
  ["fmt", `#[derive(Debug, Clone, Copy, PartialEq)]
struct P { x: i32, y: (u8, bool) }
#[derive(Debug)] struct U;
#[derive(Debug)] struct T(i32, char);
#[derive(Debug, PartialEq, Clone, Copy)] enum E { A, B(i32, i32), C { x: i32 } }
#[derive(Debug)] struct Em {}
#[derive(Debug)] struct Outer { inner: P, list: [E; 2], s: &'static str }
fn main() {
    println!("[{:10?}] [{:5?}] [{:>4?}] [{:+}] [{:+05}] [{:#010x}] [{:^7}] [{:.2}]", "a", 'b', true, 5, 5, 255, -3, "hello");
    println!("{:?} {:?} {:?}", "a\\"b'\\n\\t\\\\\\0\\x01é\\u{7f}", '\\'', '"');
    println!("{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}", P{x:1,y:(2,true)}, U, T(3, 'x'), E::A, E::B(1,2), E::C{x:5}, Em{}, (1,));
    println!("{:#?}", P{x:1,y:(2,true)});
    println!("{:#?}", (E::A, [1,2], T(1, 'c'), U, Em{}, Some(E::C{x:1}), (1,)));
    let e: [i32;0]=[]; println!("{:#?} {:?}", e, e);
    println!("{:5?}|{:<5?}|", Some(1), [1,2]);
    let o = Outer { inner: P { x: -1, y: (0, false) }, list: [E::A, E::B(3, 4)], s: "hi" };
    println!("{:?}", o);
    println!("{:#?}", o);
    println!("{:x} {:X} {:o} {:b} {:#b} {:#o}", -1i8, 0xABu8, 8, 5, 5, 64);
    println!("{:>8.3} [{:<6}] [{:^6}] [{:*>6}]", "abcdef", 'é', true, -12);
    let w = 7; let p = 2;
    println!("[{:w$}] [{:1$}] [{:>w$.p$}]", 42, 9, "xyzuvw");
    println!("{:?} {:?}", Some("x"), None::<i32>);
    let r: Result<u8, &str> = Err("bad"); let q: Result<u8, &str> = Ok(3);
    println!("{:?} {:?} {:?}", r, q, (1..4));
    println!("{:?} {:?} {:?}", &[1u8, 2][..], &&5, [[1, 2], [3, 4]]);

    println!("{}", i64::MIN);

}
`],
  ["ctl", `#[derive(Debug, Clone, Copy, PartialEq)]
enum Op { Push(i32), Pop, Add, Jmp { to: usize, cond: bool }, Halt }

fn run(prog: &[Op]) -> Option<i32> {
    let mut stack = [0i32; 8];
    let mut sp = 0usize;
    let mut pc = 0;
    let mut steps = 0;
    loop {
        steps += 1;
        if steps > 100 { return None; }
        match prog[pc] {
            Op::Push(v) => { stack[sp] = v; sp += 1; }
            Op::Pop => { sp -= 1; }
            Op::Add => { sp -= 1; stack[sp - 1] += stack[sp]; }
            Op::Jmp { to, cond: true } if sp > 0 && stack[sp - 1] != 0 => { pc = to; continue; }
            Op::Jmp { cond: false, to } => { pc = to; continue; }
            Op::Jmp { .. } => {}
            Op::Halt => break,
        }
        pc += 1;
    }
    if sp == 0 { None } else { Some(stack[sp - 1]) }
}

fn classify(xs: &[i32]) -> &'static str {
    match xs {
        [] => "empty",
        [x] if *x < 0 => "one negative",
        [_] => "one",
        [first, .., last] if first == last => "bookends",
        [_, rest @ ..] => if rest.len() > 2 { "long" } else { "short" },
    }
}

fn words(s: &str) -> u32 {
    if s == "one" { 1 } else if s == "two" { 2 } else if s == "three" || s == "drei" { 3 } else { 0 }
}

fn main() {
    let prog = [Op::Push(3), Op::Push(4), Op::Add, Op::Push(0), Op::Jmp { to: 6, cond: true }, Op::Pop, Op::Halt];
    println!("{:?}", run(&prog));
    let looping = [Op::Jmp { to: 0, cond: false }];
    println!("{:?}", run(&looping));
    for xs in [&[][..], &[-1], &[5], &[1, 2, 1], &[1, 2, 3, 4, 5], &[1, 2]] {
        println!("{:?} -> {}", xs, classify(xs));
    }
    println!("{} {} {} {}", words("one"), words("drei"), words("three"), words("x"));
    let mut total = 0;
    'outer: for i in 0..10 {
        for j in (0..i).rev() {
            if j == 3 { continue 'outer; }
            if i * j > 30 { break 'outer; }
            total += i * j;
        }
    }
    println!("total {}", total);
    let v = loop { total -= 7; if total < 0 { break total * 2; } };
    println!("v {}", v);
    let mut it = 0..5;
    while let Some(x) = it.next() { print!("{} ", x); }
    println!();
    let data = [Some(1), None, Some(3)];
    for (i, d) in data.iter().enumerate() {
        let Some(x) = d else { println!("{} none", i); continue; };
        println!("{} some {}", i, x);
    }
    let label = 'blk: { if total > 100 { break 'blk "big"; } "small" };
    println!("{}", label);
    for x in (1..11).step_by(3).rev() { print!("{} ", x); }
    println!();
    for x in (0..10).rev().step_by(4) { print!("{} ", x); }
    println!();
    for (i, x) in (10..20).step_by(3).enumerate() { print!("{}:{} ", i, x); }
    println!();
    for (i, x) in (10..13).enumerate().rev() { print!("{}:{} ", i, x); }
    println!();
    for x in (250u8..=255).rev() { print!("{} ", x); }
    println!();
    for x in -3i8..=2 { print!("{} ", x); }
    println!();
    let arr = [3, 1, 4, 1, 5, 9, 2, 6];
    let mut sorted = arr;
    for i in 1..sorted.len() {
        let mut j = i;
        while j > 0 && sorted[j - 1] > sorted[j] { sorted.swap_elems(j); j -= 1; }
    }
    println!("{:?} {:?}", arr, sorted);
    let mut m = [[0u8; 3]; 2];
    for (r, row) in m.iter_mut().enumerate() { for (c, x) in row.iter_mut().enumerate() { *x = (r * 3 + c) as u8; } }
    println!("{:?}", m);
    let s: u32 = 6;
    println!("{}", s);
}
trait SwapElems { fn swap_elems(&mut self, j: usize); }
impl SwapElems for [i32; 8] { fn swap_elems(&mut self, j: usize) { let t = self[j]; self[j] = self[j - 1]; self[j - 1] = t; } }
`],
  ["iters", `fn main() {
    for x in 0..0 { print!("never {}", x); }
    for x in 5..3 { print!("never {}", x); }
    for x in 3..=3 { print!("{} ", x); }
    for x in (0u8..=255).step_by(50) { print!("{} ", x); }
    println!();
    for x in (0u8..=255).rev().step_by(100) { print!("{} ", x); }
    for x in (-5i64..5).step_by(4) { print!("{} ", x); }
    for x in (i64::MAX - 2..=i64::MAX).rev() { print!("{} ", x); }
    println!();
    for x in (u32::MAX - 1..=u32::MAX).step_by(1) { print!("{} ", x); }
    for (i, x) in (100..106).rev().enumerate().step_by(2) { print!("{}:{} ", i, x); }
    for (i, (j, x)) in (1..4).enumerate().enumerate() { print!("{}{}{} ", i, j, x); }
    println!();
    for x in (0..20).step_by(3).step_by(2) { print!("{} ", x); }
    for x in (0..20).step_by(7).rev() { print!("{} ", x); }
    println!();
    let mut a = [1, 2, 3, 4, 5];
    for x in a.iter_mut() { *x *= 10; }
    for x in a.iter().rev() { print!("{} ", x); }
    for (i, x) in a.iter().enumerate().rev() { print!("{}={} ", i, x); }
    for x in a.iter().step_by(2) { print!("{} ", x); }
    println!();
    for x in &a { print!("{} ", x); }
    for x in &mut a { *x += 1; }
    for x in a { print!("{} ", x); }
    println!();
    let s = &a[1..4];
    for (i, x) in s.iter().enumerate() { print!("{}:{} ", i, x); }
    for x in s.iter().rev().enumerate() { print!("{:?} ", x); }
    println!();
    let names = ["ab", "cd", "ef"];
    for n in names.iter() { print!("{} ", n); }
    for n in names { print!("{} ", n.len()); }
    println!();
    let mut it = 10..14;
    it.next();
    for x in it { print!("{} ", x); }
    let mut r = 1..=3;
    while let Some(x) = r.next() { print!("{} ", x); }
    println!("{:?}", r.next());
    let mut si = a.iter();
    si.next();
    for x in si { print!("{} ", x); }
    println!();
    let mut count = 0;
    for x in 250u8.. { count += 1; if x == 255 { break; } }
    for (i, x) in (7i32..).enumerate() { if i == 3 { print!("{} ", x); break; } }
    for x in (10u32..).step_by(5) { if x > 30 { break; } print!("{} ", x); }
    println!("{}", count);
    let pairs = [(1, 'a'), (2, 'b')];
    for &(n, c) in pairs.iter() { print!("{}{} ", n, c); }
    for (n, c) in pairs { print!("{}{} ", c, n); }
    println!();
    let mut e = (0..3).enumerate();
    println!("{:?} {:?}", e.next(), e.next());
    let mut st = (0..10).step_by(4);
    println!("{:?} {:?} {:?} {:?}", st.next(), st.next(), st.next(), st.next());
    let mut rv = (0..3).rev();
    println!("{:?} {:?}", rv.next(), rv.next());
    println!("{} {} {}", (1..5).contains(&4), (1..=5).contains(&6), (3..).contains(&100));
}
`],
  ["pats", `#[derive(Debug, Clone, Copy, PartialEq)]
enum Tree { Leaf(i32), Node(i32, i32), Empty }
#[derive(Debug, Clone, Copy)]
struct Pt { x: i32, y: i32 }
#[derive(Debug, Clone, Copy)]
enum Msg { Move { to: Pt, fast: bool }, Say(char, u8), Quit }
fn sign(n: i64) -> &'static str { match n { i64::MIN..=-1 => "neg", 0 => "zero", 1..=9 => "small", _ => "big" } }
fn ch(c: char) -> u8 { match c { 'a'..='f' | 'A'..='F' => 1, '0'..='9' => 2, '\\n' | '\\t' => 3, 'é' => 4, _ => 0 } }
fn msg(m: &Msg) -> String2 {
    match m {
        Msg::Move { to: Pt { x: 0, y: 0 }, .. } => String2("origin"),
        Msg::Move { to: Pt { x, y }, fast: true } if x == y => String2("diag fast"),
        Msg::Move { to, fast } => if *fast && to.x > 0 { String2("fast right") } else { String2("move") },
        Msg::Say(c @ 'a'..='z', n) if *n > 2 => { if *c == 'q' { String2("q loud") } else { String2("loud") } }
        Msg::Say(_, 0 | 1) => String2("quiet"),
        Msg::Say(..) => String2("say"),
        Msg::Quit => String2("quit"),
    }
}
#[derive(Debug)] struct String2(&'static str);
fn tree(t: Tree) -> i32 {
    match t { Tree::Leaf(v @ (1 | 2 | 3)) => v * 100, Tree::Leaf(v) | Tree::Node(v, 0) => v, Tree::Node(a, b) if a > b => a - b, Tree::Node(a, b) => a * b, Tree::Empty => -1 }
}
fn tuple(t: (u8, (bool, char), [i16; 3])) -> u32 {
    match t {
        (0, (true, _), [a, _, c]) => (a + c) as u32,
        (n @ 1..=10, (_, 'x'), [.., 9]) => n as u32 * 1000,
        (_, (false, c), [first, rest @ ..]) => c as u32 + first as u32 + rest.len() as u32,
        _ => 7,
    }
}
fn opt(o: Option<Option<u8>>) -> u8 { match o { Some(Some(n)) if n % 2 == 0 => n / 2, Some(Some(n)) => n, Some(None) => 200, None => 201 } }
fn refs(v: &Option<(i32, i32)>) -> i32 { match v { Some((a, b)) => a + b, None => 0 } }
fn lets(v: [u8; 4]) -> u8 {
    let [a, b, ..] = v;
    let (x, y) = (a, b);
    let Pt { x: px, .. } = Pt { x: x as i32, y: 0 };
    let Some(z) = (if y > 0 { Some(y) } else { None }) else { return 99 };
    px as u8 + z
}
fn main() {
    for n in [i64::MIN, -5, 0, 5, 10, i64::MAX] { print!("{} ", sign(n)); }
    println!();
    for c in ['a', 'F', 'g', '5', '\\n', 'é', '😀'] { print!("{} ", ch(c)); }
    println!();
    let ms = [Msg::Move { to: Pt { x: 0, y: 0 }, fast: true }, Msg::Move { to: Pt { x: 2, y: 2 }, fast: true }, Msg::Move { to: Pt { x: 3, y: 2 }, fast: true },
        Msg::Move { to: Pt { x: 3, y: 2 }, fast: false }, Msg::Say('q', 5), Msg::Say('Q', 5), Msg::Say('z', 3), Msg::Say('z', 1), Msg::Say('z', 2), Msg::Quit];
    for m in ms.iter() { print!("{:?} ", msg(m)); }
    println!();
    for t in [Tree::Leaf(2), Tree::Leaf(7), Tree::Node(5, 0), Tree::Node(9, 4), Tree::Node(2, 4), Tree::Empty] { print!("{} ", tree(t)); }
    println!();
    println!("{} {} {} {}", tuple((0, (true, 'a'), [1, 2, 3])), tuple((5, (true, 'x'), [0, 0, 9])), tuple((50, (false, 'A'), [1, 2, 3])), tuple((50, (true, 'A'), [1, 2, 3])));
    println!("{} {} {} {}", opt(Some(Some(8))), opt(Some(Some(7))), opt(Some(None)), opt(None));
    println!("{} {}", refs(&Some((3, 4))), refs(&None));
    println!("{} {}", lets([1, 2, 3, 4]), lets([1, 0, 3, 4]));
    let p = Pt { x: 1, y: 2 };
    let Pt { x, y } = p;
    let q = Pt { y: 10, ..p };
    println!("{} {} {:?}", x, y, q);
    let mut stack = [0u8; 4];
    let mut sp = 0;
    for v in [3u8, 1, 4] { stack[sp] = v; sp += 1; }
    while let [.., top] = &stack[..sp] { print!("{} ", top); sp -= 1; }
    println!();
    if let Msg::Say(c, n) = ms[4] { println!("{} {}", c, n); }
    let v = if let Some(Some(k)) = Some(Some(3)) { k } else { 0 };
    println!("{}", v);
    match (1, 2) { (a, b) if a > b => println!("gt"), (a, _) if a == 1 => println!("one"), _ => println!("other") }
    let arr = [[1, 2], [3, 4]];
    let [[a, _], [_, d]] = arr;
    println!("{}", a + d);
    let r = &(5, 6);
    let &(m, n) = r;
    let (o, pp) = r;
    println!("{} {} {} {}", m, n, o, pp);
}
`],
  ["structs", `#[derive(Debug, Clone, Copy, PartialEq)]
struct V3 { x: i16, y: i16, z: i16 }
impl V3 {
    const ZERO: V3 = V3 { x: 0, y: 0, z: 0 };
    fn new(x: i16, y: i16, z: i16) -> V3 { V3 { x, y, z } }
    fn add(self, o: V3) -> V3 { V3 { x: self.x + o.x, y: self.y + o.y, z: self.z + o.z } }
    fn scale(&mut self, k: i16) { self.x *= k; self.y *= k; self.z *= k; }
    fn dot(&self, o: &V3) -> i32 { self.x as i32 * o.x as i32 + self.y as i32 * o.y as i32 + self.z as i32 * o.z as i32 }
}
#[derive(Debug, Clone, Copy)]
struct Particle { pos: V3, vel: V3, id: u8, alive: bool }
const N: usize = 4;
struct Ring { buf: [u32; N], head: usize, len: usize }
impl Ring {
    fn new() -> Self { Ring { buf: [0; N], head: 0, len: 0 } }
    fn push(&mut self, v: u32) -> bool { if self.len == N { return false; } self.buf[(self.head + self.len) % N] = v; self.len += 1; true }
    fn pop(&mut self) -> Option<u32> { if self.len == 0 { None } else { let v = self.buf[self.head]; self.head = (self.head + 1) % N; self.len -= 1; Some(v) } }
}
static ORIGIN: V3 = V3 { x: 1, y: 2, z: 3 };
static mut COUNTER: [u8; 3] = [0; 3];
const PRIMES: [u16; 6] = [2, 3, 5, 7, 11, 13];
const NAMES: [&str; 3] = ["zero", "one", "two"];
struct Handler { name: &'static str, f: fn(u32) -> u32 }
fn inc(x: u32) -> u32 { x + 1 }
fn modify(mut p: Particle) -> Particle { p.id += 100; p.pos.scale(2); p }
fn swap_ref(a: &mut i32, b: &mut i32) { let t = *a; *a = *b; *b = t; }
fn fact(n: u64) -> u64 { if n == 0 { 1 } else { n * fact(n - 1) } }
fn big() -> [u64; 5] { let mut a = [0u64; 5]; for i in 0..5 { a[i] = fact(i as u64 + 15); } a }
fn main() {
    let mut a = V3::new(1, 2, 3);
    let b = a;
    a.scale(3);
    println!("{:?} {:?} {:?} {}", a, b, a.add(b), a.dot(&b));
    println!("{:?} {}", V3::ZERO, V3::ZERO == V3::new(0, 0, 0));
    let p = Particle { pos: a, vel: V3::new(-1, 0, 1), id: 7, alive: true };
    let q = modify(p);
    println!("{:?}\\n{:?}", p, q);
    let mut ps = [p; 3];
    ps[1].id = 9;
    ps[2].pos.x = -50;
    let copy = ps;
    ps[0].alive = false;
    println!("{} {} {} {}", ps[0].alive, copy[0].alive, ps[1].id, copy[2].pos.x);
    let mut r: Ring = Ring::new();
    for i in 0..6 { print!("{} ", r.push(i * 10)); }
    println!();
    println!("{:?} {:?} {}", r.pop(), r.pop(), r.push(99));
    while let Some(v) = r.pop() { print!("{} ", v); }
    println!();
    println!("{:?} {:?} {}", ORIGIN, PRIMES, NAMES[2]);
    unsafe { COUNTER[1] += 5; COUNTER[2] = COUNTER[1] * 2; println!("{:?}", COUNTER); }
    let hs = [Handler { name: "inc", f: inc }, Handler { name: "dbl", f: |x| x * 2 }];
    for h in hs.iter() { print!("{}={} ", h.name, (h.f)(20)); }
    println!();
    let (mut x, mut y) = (1, 2);
    swap_ref(&mut x, &mut y);
    println!("{} {}", x, y);
    let x = x * 10;
    let x = { let x = x + 1; x * 2 };
    println!("{}", x);
    println!("{:?}", big());
    fn nested(a: u8) -> u8 { a.wrapping_mul(3) }
    println!("{}", nested(100));
    let t = (V3::new(1, 1, 1), [b; 2], "s");
    let (v, arr, s) = t;
    println!("{:?} {:?} {}", v, arr[1], s);
    let mut grid = [[0i8; 4]; 3];
    grid[2][3] = -1;
    grid[1] = [1, 2, 3, 4];
    let row = grid[1];
    grid[1][0] = 100;
    println!("{:?} {:?}", grid, row);
}
`],
  ["gen", `use std::cmp::Ordering;
trait Shape { fn area(&self) -> u32; fn name(&self) -> &'static str { "shape" } }
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Rect { w: u32, h: u32 }
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Sq(u32);
impl Shape for Rect { fn area(&self) -> u32 { self.w * self.h } fn name(&self) -> &'static str { "rect" } }
impl Shape for Sq { fn area(&self) -> u32 { self.0 * self.0 } }
fn total<T: Shape>(xs: &[T]) -> u32 { let mut s = 0; for x in xs { s += x.area(); } s }
fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T { let mut m = xs[0]; for &x in xs { if x > m { m = x; } } m }
struct Counter { n: u32 }
impl Counter { fn new() -> Self { Counter { n: 0 } } fn bump(&mut self) -> u32 { self.n += 1; self.n } }
static mut TICKS: u32 = 0;
static GREETING: &str = "hey";
const TABLE: [u8; 5] = [1, 1, 2, 3, 5];
const LIMIT: usize = TABLE.len();
fn apply(f: fn(i32) -> i32, x: i32) -> i32 { f(x) }
fn double(x: i32) -> i32 { x * 2 }
struct Pair<T> { a: T, b: T }
impl<T: PartialOrd + Copy> Pair<T> { fn max(&self) -> T { if self.a > self.b { self.a } else { self.b } } }
fn swap<A, B>(p: (A, B)) -> (B, A) { (p.1, p.0) }
fn divide(a: i32, b: i32) -> Result<i32, &'static str> { if b == 0 { Err("div by zero") } else { Ok(a / b) } }
fn calc(a: i32, b: i32, c: i32) -> Result<i32, &'static str> { let x = divide(a, b)?; let y = divide(x, c)?; Ok(x + y) }
fn first_even(xs: &[i32]) -> Option<i32> { for &x in xs { if x % 2 == 0 { return Some(x); } } None }
fn plus_one(x: Option<i32>) -> Option<i32> { let v = x?; Some(v + 1) }
fn main() {
    let rs = [Rect { w: 2, h: 3 }, Rect { w: 4, h: 5 }];
    println!("{} {} {}", total(&rs), total(&[Sq(3), Sq(4)]), rs[0].name());
    println!("{} {}", Sq(2).name(), largest(&[3, 9, 2]));
    println!("{:?} {:?}", largest(&[Sq(5), Sq(7), Sq(1)]), largest(&rs));
    let mut c = Counter::new();
    c.bump(); c.bump();
    println!("{}", c.bump());
    unsafe { TICKS += 5; TICKS *= 3; println!("{}", TICKS); }
    println!("{} {:?} {}", GREETING, TABLE, LIMIT);
    let sq = |x: i32| x * x;
    println!("{} {} {}", apply(double, 21), apply(sq, 7), apply(|x| x - 1, 0));
    let fs: [fn(i32) -> i32; 2] = [double, sq];
    for f in fs.iter() { print!("{} ", f(5)); }
    println!();
    println!("{} {}", Pair { a: 3, b: 8 }.max(), Pair { a: 'z', b: 'c' }.max());
    println!("{:?}", swap((1u8, "x")));
    println!("{:?} {:?} {:?}", calc(20, 2, 5), calc(1, 0, 1), calc(10, 1, 0));
    println!("{:?} {:?} {:?} {:?}", first_even(&[1, 3, 4]), first_even(&[1]), plus_one(Some(1)), plus_one(None));
    println!("{:?} {:?} {}", Sq(1).cmp(&Sq(2)), Rect { w: 1, h: 2 }.partial_cmp(&Rect { w: 1, h: 1 }), Sq(3) == Sq(3));
    println!("{} {}", Rect { w: 1, h: 9 } < Rect { w: 2, h: 0 }, (1, 'a') < (1, 'b'));
    println!("{} {}", [1, 2, 3] == [1, 2, 3], "abc" < "abd");
    let o: Option<Rect> = Some(Rect { w: 1, h: 1 });
    println!("{} {} {:?}", o.is_some(), o.unwrap().area(), o.map(|r| r.w));
    let x: Result<u32, u32> = Ok(3);
    println!("{} {} {}", x.is_ok(), x.unwrap_or(0), Err::<u32, u32>(4).unwrap_or(9));
    println!("{:?}", Ordering::Less);
    let mut arr = [5, 4, 3];
    { let r = &mut arr; r[0] = 50; }
    let p = &mut arr[1];
    *p += 40;
    println!("{:?}", arr);
    let t = (1, (2, 3), [4, 5]);
    let (a, (b, _), [_, e]) = t;
    println!("{} {} {}", a, b, e);
}
`],
  ["traits", `use std::cmp::Ordering;
trait Named { const KIND: &'static str; fn name(&self) -> u32; fn describe(&self) -> u32 { self.name() * 10 } fn make(v: u32) -> Self; }
#[derive(Debug, Clone, Copy)] struct A(u32);
#[derive(Debug, Clone, Copy)] struct B { v: u32 }
impl Named for A { const KIND: &'static str = "a"; fn name(&self) -> u32 { self.0 } fn make(v: u32) -> Self { A(v) } }
impl Named for B { const KIND: &'static str = "b"; fn name(&self) -> u32 { self.v + 1 } fn describe(&self) -> u32 { 7 } fn make(v: u32) -> Self { B { v } } }
fn build<T: Named>(v: u32) -> (T, &'static str) { (T::make(v), T::KIND) }
fn sum_desc<T: Named + Copy>(xs: &[T]) -> u32 { let mut s = 0; for x in xs { s += x.describe(); } s }
struct Money { cents: i64 }
impl PartialEq for Money { fn eq(&self, o: &Money) -> bool { self.cents / 100 == o.cents / 100 } }
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ver(u8, u8);
impl PartialOrd for Ver { fn partial_cmp(&self, o: &Ver) -> Option<Ordering> { Some(self.cmp(o)) } }
impl Ord for Ver { fn cmp(&self, o: &Ver) -> Ordering { if self.0 != o.0 { self.0.cmp(&o.0) } else { o.1.cmp(&self.1) } } }
#[derive(Debug, PartialEq, Clone, Copy)] struct Wrap { m: Ver, tag: u8 }
struct Node { val: i32, next: Option<&'static Node> }
static N3: Node = Node { val: 3, next: None };
static N2: Node = Node { val: 2, next: Some(&N3) };
static N1: Node = Node { val: 1, next: Some(&N2) };
fn walk(n: &Node) -> i32 { match n.next { Some(m) => n.val * 10 + walk(m), None => n.val } }
fn sort<T: PartialOrd + Copy>(xs: &mut [T]) { let n = xs.len(); for i in 0..n { for j in 0..n - 1 - i { if xs[j] > xs[j + 1] { let t = xs[j]; xs[j] = xs[j + 1]; xs[j + 1] = t; } } } }
fn parse_digit(c: char) -> Result<u32, char> { c.to_digit(10).ok_or(c) }
fn parse_all(s: &[char]) -> Result<u32, char> { let mut v = 0; for &c in s { v = v * 10 + parse_digit(c)?; } Ok(v) }
fn twice(f: fn(u32) -> u32, x: u32) -> u32 { f(f(x)) }
fn main() {
    let (a, k): (A, &str) = build(5);
    let (b, kb) = build::<B>(5);
    println!("{:?} {} {:?} {} {} {}", a, k, b, kb, a.describe(), b.describe());
    println!("{} {}", sum_desc(&[A(1), A(2)]), sum_desc(&[B { v: 1 }]));
    println!("{} {}", Money { cents: 150 } == Money { cents: 199 }, Money { cents: 150 } != Money { cents: 250 });
    let mut vs = [Ver(1, 2), Ver(0, 9), Ver(1, 5), Ver(1, 2)];
    sort(&mut vs);
    println!("{:?} {:?} {}", vs, Ver(1, 1).cmp(&Ver(1, 2)), Ver(2, 0) > Ver(1, 9));
    println!("{} {}", Wrap { m: Ver(1, 1), tag: 0 } == Wrap { m: Ver(1, 1), tag: 0 }, Wrap { m: Ver(1, 1), tag: 0 } == Wrap { m: Ver(1, 2), tag: 0 });
    println!("{}", walk(&N1));
    let mut nums = [5i64, -2, 9, 0, -7];
    sort(&mut nums);
    let mut words = ["pear", "apple", "fig"];
    sort(&mut words);
    println!("{:?} {:?}", nums, words);
    println!("{:?} {:?}", parse_all(&['1', '2', '3']), parse_all(&['1', 'x', '3']));
    println!("{:?} {:?}", Some(4u32).map(|x| x * x), Some(3).and_then(|x: i32| if x > 2 { Some(x) } else { None }));
    println!("{}", twice(|x| x + 3, 10));
    let o: Option<&str> = None;
    println!("{} {:?} {:?}", o.unwrap_or("dflt"), Some(5).ok_or("e"), None::<u8>.ok_or("e"));
    let r: Result<i32, i32> = Err(3);
    println!("{} {}", r.is_err(), r.unwrap_or(-1));

}
`],
  ["misc", `#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame { id: u16, data: [u8; 4], ok: bool }
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ev { Nothing, Got(Frame), Err(&'static str) }
struct Buf { bytes: [u8; 8], n: usize }
impl Buf {
    fn first(&self) -> &u8 { &self.bytes[0] }
    fn tail(&mut self) -> &mut [u8] { &mut self.bytes[1..self.n] }
    fn view(&self) -> &[u8] { &self.bytes[..self.n] }
}
fn pick(k: u8) -> Frame {
    let f = match k { 0 => Frame { id: 1, data: [1, 2, 3, 4], ok: true }, 1 => Frame { id: 2, data: [0; 4], ok: false }, _ => loop { break Frame { id: 99, data: [9; 4], ok: true }; } };
    f
}
fn choose<'a>(a: &'a [u8], b: &'a [u8], c: bool) -> &'a [u8] { if c { a } else { b } }
fn events() -> [Ev; 3] { [Ev::Nothing, Ev::Got(pick(0)), Ev::Err("bad")] }
fn zst() -> ((), [(); 3]) { ((), [(); 3]) }
fn main() {
    let mut b = Buf { bytes: [5, 6, 7, 8, 9, 10, 11, 12], n: 5 };
    println!("{} {:?}", b.first(), b.view());
    { let t = b.tail(); t[0] = 60; t[3] += 1; }
    println!("{:?} {:?}", b.view(), &b.bytes[b.n..]);
    for k in 0..3 { print!("{:?} ", pick(k)); }
    println!();
    let x = [1u8, 2]; let y = [3u8, 4, 5];
    println!("{:?} {:?}", choose(&x, &y, true), choose(&x, &y, false));
    let evs = events();
    println!("{:?}", evs);
    println!("{} {} {}", evs[1] == Ev::Got(pick(0)), evs[2] == Ev::Err("bad"), evs[2] == Ev::Err("ba"));
    println!("{} {}", Some("x") == Some("x"), Some("x") == None);
    println!("{} {} {}", (1, 'b') < (1, 'c'), (2, 0) > (1, 9), [Some(1), None] == [Some(1), None]);
    println!("{:?} {:?}", zst(), [(); 2]);
    let s: &[i32] = &[];
    println!("{:?} {} {:?}", s, s.is_empty(), s.first_or());
    let mut frames = [pick(0), pick(1)];
    frames[1].data[2] = 77;
    let fr = frames[1];
    frames[1].id = 500;
    println!("{:?} {:?}", fr, frames[1]);
    let t = if frames[0].ok { "yes" } else { "no" };
    let u: &str = match frames[1].id { 500 => &"hello"[1..3], _ => "z" };
    println!("{} {} {}", t, u, u.len());
    let big = [Frame { id: 7, data: [7; 4], ok: false }; 3];
    println!("{}", big.len() + big[2].id as usize);
    let mut acc = 0u32;
    let mut it = frames.iter();
    while let Some(f) = it.next() { acc += f.id as u32; }
    println!("{}", acc);
}
trait FirstOr { fn first_or(&self) -> i32; }
impl FirstOr for [i32] { fn first_or(&self) -> i32 { if self.is_empty() { -1 } else { self[0] } } }
`],
  ["order", `fn f(n: usize) -> usize { println!("f{}", n); n }
fn g(n: i32) -> i32 { println!("g{}", n); n }
struct S { a: i32, b: i32 }
fn main() {
    let mut a = [0, 0];
    a[f(0)] = g(1);
    a[f(1)] += g(2);
    let s = S { b: g(3), a: g(4) };
    let t = S { b: g(5), ..s };
    let mut x = 1;
    let y = x + { x += 10; x };
    println!("{} {} {} {:?} {}", s.a, s.b, t.a + t.b, a, y);
}
`],
];

for (const [name, text] of PROGRAMS) {
  for (const debug of [true, false]) {
    test(`${name} matches rustc (${debug ? 'debug' : 'release'})`, { skip: rustcAvailable() ? false : 'rustc is not installed' }, () => {
      const exp = rustcRun(text, debug);
      const got = runOrizon(name, text, debug);
      assert.equal(got.stdout, exp.stdout);
      assert.equal(got.status, exp.status, `exit status (stderr: ${got.stderr})`);
    });
  }
}
