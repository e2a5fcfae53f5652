// Every panic kind through lowering and the IR interpreter: exit status 101,
// Rust's exact message, and the line:column Rust reports (we print
// `panicked at 'MSG', FILE:LINE:COL` on the error stream, issue 5's format).
// Each case is one statement in `main`; `id` hides constants from constant
// folding, as `std::hint::black_box` would. Release builds wrap on overflow
// instead of panicking (the expected release output is given where it differs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIr } from '../../sdk/src/ir/lower/driver.ts';
import { verifyModule } from '../../sdk/src/ir/verify.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';

interface Case {
  stmt: string;
  msg: string;
  /** Column on line 4 (the statement's line). */
  col: number;
  /** Release-build stdout when the release build does not panic (overflow wraps). */
  release?: string;
  /** The release build runs forever (wrapping counter): test debug only. */
  debugOnly?: boolean;
  /** Rust reports a location inside `core` here; check the message only. */
  coreLocation?: boolean;
}

const CASES: Case[] = [
  { stmt: 'let a = id(i32::MAX); println!("{}", a + 1);', msg: 'attempt to add with overflow', col: 42, release: '-2147483648\n' },
  { stmt: 'let a = id(0u8); println!("{}", a - 1);', msg: 'attempt to subtract with overflow', col: 37, release: '255\n' },
  { stmt: 'let a = id(100i8); println!("{}", a * 2);', msg: 'attempt to multiply with overflow', col: 39, release: '-56\n' },
  { stmt: 'let a = id(i32::MIN); println!("{}", -a);', msg: 'attempt to negate with overflow', col: 42, release: '-2147483648\n' },
  { stmt: 'let a = id(1u32); println!("{}", a << id(32));', msg: 'attempt to shift left with overflow', col: 38, release: '1\n' },
  { stmt: 'let a = id(1i64); println!("{}", a >> id(64u8));', msg: 'attempt to shift right with overflow', col: 38, release: '1\n' },
  { stmt: 'let a = id(5); println!("{}", a / id(0));', msg: 'attempt to divide by zero', col: 35 },
  { stmt: 'let a = id(5); println!("{}", a % id(0));', msg: 'attempt to calculate the remainder with a divisor of zero', col: 35 },
  { stmt: 'let a = id(i32::MIN); println!("{}", a / id(-1));', msg: 'attempt to divide with overflow', col: 42 },
  { stmt: 'let a = id(i32::MIN); println!("{}", a % id(-1));', msg: 'attempt to calculate the remainder with overflow', col: 42 },
  { stmt: 'let v = [1, 2, 3]; println!("{}", v[id(5)]);', msg: 'index out of bounds: the len is 3 but the index is 5', col: 39 },
  { stmt: 'let v = [1, 2, 3]; println!("{:?}", &v[id(2)..id(1)]);', msg: 'slice index starts at 2 but ends at 1', col: 43 },
  { stmt: 'let v = [1, 2, 3]; println!("{:?}", &v[..id(4)]);', msg: 'range end index 4 out of range for slice of length 3', col: 43 },
  { stmt: 'let v = [1, 2, 3]; println!("{:?}", &v[id(4)..]);', msg: 'range start index 4 out of range for slice of length 3', col: 43 },
  { stmt: 'let o: Option<u8> = id(None); println!("{}", o.unwrap());', msg: 'called `Option::unwrap()` on a `None` value', col: 52 },
  { stmt: 'let r: Result<u8, &str> = id(Err("boom")); println!("{}", r.unwrap());', msg: 'called `Result::unwrap()` on an `Err` value: "boom"', col: 65 },
  { stmt: 'let r: Result<u8, (i32, char)> = id(Err((1, \'x\'))); println!("{}", r.unwrap());', msg: 'called `Result::unwrap()` on an `Err` value: (1, \'x\')', col: 74 },
  { stmt: 'let o: Option<u8> = id(None); println!("{}", o.expect("needed a value"));', msg: 'needed a value', col: 52 },
  { stmt: 'panic!("custom {} and {:?}", 1, "two");', msg: 'custom 1 and "two"', col: 5 },
  { stmt: 'assert_eq!(id(1) + 1, 3, "math is {}", "hard");', msg: 'assertion `left == right` failed: math is hard\n  left: 2\n right: 3', col: 5 },
  { stmt: 'assert!(id(1) > 2);', msg: 'assertion failed: id(1) > 2', col: 5 },
  { stmt: 'unreachable!("never {}", 5);', msg: 'internal error: entered unreachable code: never 5', col: 5 },
  { stmt: 'todo!();', msg: 'not yet implemented', col: 5 },
  { stmt: 'let x = id(u64::MAX); println!("{}", x * 2);', msg: 'attempt to multiply with overflow', col: 42, release: '18446744073709551614\n' },
  { stmt: 'let x = id(-7i16); println!("{}", x * 5000);', msg: 'attempt to multiply with overflow', col: 39, release: '30536\n' },
  { stmt: 'let x = id(3u8); let mut y = 250u8; y += x * 2; println!("{}", y);', msg: 'attempt to add with overflow', col: 41, release: '0\n' },
  { stmt: 'let s = id("héllo"); println!("{}", &s[0..2]);', msg: 'end byte index 2 is not a char boundary; it is inside \'é\' (bytes 1..3) of `héllo`', col: 43 },
  { stmt: 'let s = id("héllo"); println!("{}", &s[..9]);', msg: 'end byte index 9 is out of bounds of `héllo`', col: 43 },
  { stmt: 'let s = id("héllo"); println!("{}", &s[id(3)..1]);', msg: 'begin > end (3 > 1) when slicing `héllo`', col: 43 },
  { stmt: 'for i in (0..3).step_by(id(0)) { println!("{}", i); }', msg: 'assertion failed: step != 0', col: 29 },
  { stmt: 'let mut n = 0u8; for i in id(250u8).. { n = i; } println!("{}", n);', msg: 'attempt to add with overflow', col: 0, debugOnly: true, coreLocation: true },
];

function source(stmt: string): string {
  return `#![allow(unconditional_panic, arithmetic_overflow)]\nfn id<T>(x: T) -> T { x }\nfn main() {\n    ${stmt}\n}\n`;
}

for (const c of CASES) {
  for (const debug of [true, false]) {
    if (!debug && c.debugOnly) continue;
    const panics = debug || c.release === undefined;
    test(`${debug ? 'debug' : 'release'}: ${c.stmt}`, () => {
      const r = buildIr('src/main.rs', source(c.stmt), { debug });
      if (!r.module) assert.fail(r.error?.message ?? r.diags.items.map((d) => d.message).join('; '));
      assert.deepEqual(verifyModule(r.module), []);
      const got = interpret(r.module, { budget: 50_000_000 });
      if (panics) {
        assert.equal(got.status, 101);
        if (c.coreLocation) assert.match(got.stderr, new RegExp(`^panicked at '${c.msg}', src/main.rs:4:\\d+\n$`));
        else assert.equal(got.stderr, `panicked at '${c.msg}', src/main.rs:4:${c.col}\n`);
      } else {
        assert.equal(got.status, 0, got.stderr);
        assert.equal(got.stdout, c.release);
      }
    });
  }
}
