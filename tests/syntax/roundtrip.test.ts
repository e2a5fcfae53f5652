// Round trip of the printer: parse → print → parse gives the same AST (spans,
// ids and literal spelling aside), and printing is idempotent. Run over the
// corpus, generated programs, a kitchen-sink file with the syntax the corpus
// does not use, and the same ASTs with every parenthesis removed (the printer
// must then put back the ones the grammar needs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSource } from '../../sdk/src/syntax/parse/index.ts';
import { printAst, printExpr, printPat, printType } from '../../sdk/src/syntax/printer.ts';
import { astDiff, assertAstEqual } from '../../sdk/src/syntax/ast-equal.ts';
import type { Expr, Item, SourceFileAst } from '../../sdk/src/syntax/ast.ts';
import { generateProgram } from '../gen/generate.ts';
import { emitProgram } from '../gen/emit.ts';

const PROGRAMS = resolve(fileURLToPath(import.meta.url), '../../programs');
const SEEDS = [1, 2, 3, 4];

function parseClean(name: string, text: string): SourceFileAst {
  const r = parseSource(name, text);
  if (r.diags.items.length) {
    const f = r.sources.get(0);
    const list = r.diags.items.slice(0, 5).map((d) => {
      const lc = f.lineCol(d.primary.span.start);
      return `  ${name}:${lc.line}:${lc.col}: ${d.code} ${d.message}\n    | ${f.lineText(lc.line)}`;
    });
    assert.fail(`${name}: ${r.diags.items.length} diagnostics\n${list.join('\n')}`);
  }
  return r.ast;
}

/** parse(print(ast)) == ast and print is idempotent; returns the printed text. */
function roundTrip(name: string, ast: SourceFileAst, ignoreParens = false): string {
  const printed = printAst(ast);
  const again = parseClean(`${name} (printed)`, printed);
  assertAstEqual(again, ast, { ignoreParens }, `${name}: the re-parsed AST`);
  assert.equal(printAst(again), printed, `${name}: printing is not idempotent`);
  return printed;
}

/** A copy of `x` without `paren` expressions and patterns: an AST as a generator or desugaring builds it. */
function stripParens<T>(x: T): T {
  if (Array.isArray(x)) return x.map(stripParens) as T;
  if (typeof x !== 'object' || x === null) return x;
  const o = x as Record<string, unknown>;
  if (o.kind === 'paren' && ('expr' in o || 'inner' in o)) return stripParens(('expr' in o ? o.expr : o.inner) as T);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = stripParens(o[k]);
  return out as T;
}

const corpus = readdirSync(PROGRAMS).filter((f) => f.endsWith('.oriz')).sort();

test('the corpus is not empty', () => {
  assert.ok(corpus.length >= 10, `only ${corpus.length} programs in tests/programs`);
});

for (const f of corpus) {
  test(`round trip: ${f}`, () => {
    const ast = parseClean(f, readFileSync(resolve(PROGRAMS, f), 'utf8'));
    roundTrip(f, ast);
    roundTrip(`${f} without parentheses`, stripParens(ast), true);
  });
}

for (const seed of SEEDS) {
  test(`round trip: generated program, seed ${seed}`, () => {
    const text = emitProgram(generateProgram({ seed, lines: 1500 }), 'orizon');
    const ast = parseClean(`generated-${seed}.oriz`, text);
    roundTrip(`generated-${seed}`, ast);
    roundTrip(`generated-${seed} without parentheses`, stripParens(ast), true);
  });
}

test('round trip: kitchen sink (syntax the corpus does not use)', () => {
  const ast = parseClean('sink.oriz', SINK);
  const printed = roundTrip('sink.oriz', ast);
  roundTrip('sink.oriz without parentheses', stripParens(ast), true);
  // Things stored in the AST come back as written.
  for (const s of ['//! Second line of the file docs.', '#![no_std]', 'import core::ptr::{self, read_volatile as rv};',
    'pub use self::inner::{Thing, deep::{A, B as Bee}};', '#[derive(Debug, Clone, Copy, PartialEq, Eq)]',
    '/** Block doc', "'outer: while let Some(n) = it() {", "break 'blk 1;", 'let raw = r#"raw "string""#;',
    'asm!("ldr r0, [{0}]", "bx lr", in(reg) sp, options(noreturn, nostack));', 'let big = 0xFFFF_FFFFu32;',
    'assert_eq! { x, 1 }', 'let Some(w) = opt() else {', 'let upd = Reg { flags: 2, ..st };', 'let none = || 42;']) {
    assert.ok(printed.includes(s), `printed kitchen sink lacks ${JSON.stringify(s)}:\n${printed}`);
  }
});

/** Parses `fn t() { <stmt> }`, strips parentheses, prints the statement back. */
function reprint(stmt: string): string {
  const ast = stripParens(parseClean('snippet', `fn t() {\n    ${stmt}\n}\n`));
  const printed = printAst(ast);
  const again = parseClean(`snippet (printed: ${printed})`, printed);
  const d = astDiff(again, ast, { ignoreParens: true });
  assert.equal(d, null, `${stmt} printed as ${printed}`);
  return printed.split('\n').slice(1, -2).map((l) => l.trim()).join(' ');
}

test('parentheses the grammar needs are put back in ASTs built without them', () => {
  const cases: [string, string][] = [
    ['(a + b) * c;', '(a + b) * c;'],
    ['a - (b - c);', 'a - (b - c);'],
    ['a || (b && c);', 'a || b && c;'],
    ['(a || b) && c;', '(a || b) && c;'],
    ['(a == b) == c;', '(a == b) == c;'],
    ['(a as u8) < b;', '(a as u8) < b;'],
    ['(a & b as u8) < c;', '(a & b as u8) < c;'],
    ['(a as u8) << 2;', '(a as u8) << 2;'],
    ['a * (b as u8);', 'a * b as u8;'],
    ['-(-a);', '- -a;'],
    ['&(&x);', '&&x;'],
    ['(-a).pow(2);', '(-a).pow(2);'],
    ['(a..b).rev();', '(a..b).rev();'],
    ['(|x| x)(1);', '(|x| x)(1);'],
    ['x = (y = 3);', 'x = y = 3;'],
    ['(x = 3) + 1;', '(x = 3) + 1;'],
    ['if (S { a: 1 }) == x {}', 'if (S { a: 1 }) == x {}'],
    ['match (S { a: 1 }) { _ => {} }', 'match (S { a: 1 }) { _ => {} }'],
    ['for i in (S { a: 1 }).iter() {}', 'for i in (S { a: 1 }).iter() {}'],
    ['while (S {}).ok() {}', 'while (S {}).ok() {}'],
    ['if let Some(x) = (a || b) {}', 'if let Some(x) = (a || b) {}'],
    ['(if c { 1 } else { 2 }) as u8;', '(if c { 1 } else { 2 }) as u8;'],
    ['({ 1 }) - 1;', '({ 1 }) - 1;'],
    ['(loop {})[0];', '(loop {})[0];'],
    ['{ 1 }.to_string();', '{ 1 }.to_string();'],
    ['let a = (if c { 1 } else { 2 }) + 1;', 'let a = if c { 1 } else { 2 } + 1;'],
    ['let (A | B) = x;', 'let (A | B) = x;'],
    ['let &(1..=5) = x;', 'let &(1..=5) = x;'],
    ['let f = |(A | B)| 0;', 'let f = |(A | B)| 0;'],
    ['let x @ (A | B) = y;', 'let x @ (A | B) = y;'],
    ['(x.0).1;', 'x.0.1;'],
  ];
  for (const [src, want] of cases) assert.equal(reprint(src), want, src);
  // An arm body that starts with a block-like expression.
  assert.match(reprint('match x { X => (match y { _ => 1 }) + 2, _ => 0 }'), /X => \(match y \{ _ => 1, \}\) \+ 2,/);
});

test('printExpr, printType and printPat print single nodes', () => {
  const ast = parseClean('one', 'fn f(x: &mut [Option<u8>; 4]) { let (a, ref mut b, ..) = g::<u8>(x, |v| v + 1)?; }');
  const fn = ast.items[0] as Item & { kind: 'fn' };
  const p = fn.params[0]!;
  assert.ok(p.kind === 'normal');
  assert.equal(printType(p.type), '&mut [Option<u8>; 4]');
  const st = fn.body!.stmts[0]!;
  assert.ok(st.kind === 'let');
  assert.equal(printPat(st.pat), '(a, ref mut b, ..)');
  assert.equal(printExpr(st.init as Expr), 'g::<u8>(x, |v| v + 1)?');
});

test('astDiff names the first difference with the path to it', () => {
  const a = parseClean('a', 'fn main() { let x = 1 + 2; }');
  const b = parseClean('b', 'fn main() {\n    let x = 1 - 2;\n}');
  assert.equal(astDiff(a, a), null);
  assert.equal(astDiff(a, b), '.items[0]<fn main>.body.stmts[0]<let>.init<binary>.op: "+" vs "-"');
  // Spans differ between the two parses; literal spelling is compared by value.
  assert.equal(astDiff(parseClean('h', 'const A: u8 = 0x10;'), parseClean('d', 'const A: u8 = 16;')), null);
  assert.notEqual(astDiff(parseClean('p', 'const A: u8 = (1);'), parseClean('q', 'const A: u8 = 1;')), null);
  assert.equal(astDiff(parseClean('p', 'const A: u8 = (1);'), parseClean('q', 'const A: u8 = 1;'), { ignoreParens: true }), null);
});

const SINK = `//! Kitchen sink for the printer: syntax beyond the corpus.
//! Second line of the file docs.
#![no_std]
#![allow(dead_code, unused)]

import core::ptr::{self, read_volatile as rv};
use crate::hal::*;
pub use self::inner::{Thing, deep::{A, B as Bee}};
mod hal;

/** Block doc
    over two lines. */
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct Reg<T: Copy, const N: usize>
where
    T: PartialEq,
{
    #[doc = "the value"]
    pub value: [T; N],
    flags: u32,
}

pub struct Unit;
struct Wrap(pub u8, i16);
struct Gen<T>(T) where T: Copy;

#[derive(Debug)]
pub enum Op<T> {
    #[default]
    Nop,
    Load(T, u8),
    Store { addr: u32, value: T },
    Jump = 7,
}

pub trait Device: Sized + Copy {
    const ID: u32;
    type Word;
    fn read(&self) -> u32;
    fn reset(&mut self) {}
    unsafe fn poke(addr: *mut u32, v: u32);
}

unsafe impl<T: Copy> Send for Gen<T> {}

impl<T, const N: usize> Reg<T, N>
where
    T: Copy + PartialEq,
{
    pub const LEN: usize = N;

    #[inline(always)]
    pub const fn len(&self) -> usize {
        N
    }
}

extern "C" {
    fn c_helper(x: u32) -> u32;
}

#[no_mangle]
pub extern "C" fn exported(a: u32) -> u32 {
    a
}

#[interrupt]
fn TIMER0() {
    static mut TICKS: u32 = 0;
}

#[naked]
#[section(".text.fast")]
unsafe fn switch(sp: *const u32) -> ! {
    asm!("ldr r0, [{0}]", "bx lr", in(reg) sp, options(noreturn, nostack));
}

static mut COUNTER: u32 = 0;
const TABLE: [u8; 4] = [1, 2, 3, 4];
type Pair<T> = (T, T);
type Callback = fn(u32, &mut [u8]) -> Option<u32>;

fn exprs(x: i32, p: &mut i32, q: &&u8, r: *const u8, s: &[u16]) -> i32 {
    let raw = r#"raw "string""#;
    let bytes = b"bytes\\n\\x7f";
    let ch = '\\'';
    let by = b'\\\\';
    let esc = "tab\\tnl\\n\\u{1F600}";
    let big = 0xFFFF_FFFFu32;
    let bin = 0b1010_0101u8;
    let oct = 0o777;
    let neg = -x;
    let dneg = - -x;
    let not = !x;
    let deref = *p;
    let rr = &&x;
    let rm = &mut *p;
    let cast = x as u8 as i64;
    let cmp = (x as u32) < 3;
    let shl = (x as u32) << 2;
    let ranges = (.., 1.., ..5, 2..=9, ..=3);
    let sub = &s[1..];
    let t = ((1, (2, 3)), 4);
    let deep = t.0.1.0;
    let turbo = f::<u8, i32>(1);
    let m = x.wrapping_add::<>(1);
    let glob = ::core::mem::size_of::<u32>();
    let st = Reg::<u8> { value: [0; 4], flags: 1 };
    let upd = Reg { flags: 2, ..st };
    let short = Point { x, y };
    let empty = Unit {};
    let closure = |a: u8, b| -> u8 { a + b };
    let none = || 42;
    let moved = move |v| v * 2;
    let nested = |f: fn(u8) -> u8| f(1);
    let ok = opt()?;
    let lbl = 'blk: {
        if x > 0 {
            break 'blk 1;
        }
        2
    };
    let v = loop {
        break 5;
    };
    let Some(w) = opt() else {
        return 0;
    };
    let (a, .., z) = (1, 2, 3, 4);
    let [first, .., last] = [1, 2, 3];
    let Wrap(ref mut byte, _) = wrap;
    if let Some(1..=9) | None = opt() {
    } else if let Op::Store { addr, value: ref mut val } = op {
    } else {
    }
    'outer: while let Some(n) = it() {
        'inner: for i in (0..10).rev() {
            if i == n {
                continue 'outer;
            }
            break 'inner;
        }
    }
    match x {
        0 | 1 => {}
        n @ 2..=5 if n % 2 == 0 => return n,
        -5..=-1 => (),
        i32::MIN..=-6 => unreachable!(),
        _ => {
            let _ = x;
        }
    }
    unsafe {
        COUNTER += 1;
        ptr::write_volatile(0x4000_0000 as *mut u32, 1);
    }
    x += 1;
    x <<= 2;
    x = if x > 0 { 1 } else { -1 };
    println!("{} {:?} {:#x}", x, t, big);
    vec![1, 2, 3];
    assert_eq! { x, 1 }
    foo();
    ;
    fn local(a: u8) -> u8 {
        a
    }
    match (x, x) {
        (0, _) | (_, 0) => 0,
        (a, b) => a * b,
    }
}
`;
