// Unit tests of lowering that need no oracle: the data layout (docs/abi.md),
// the shape of the IR (checks present in debug, absent in release and where
// an index is proven in range; SSA for locals; exports, externs, interrupts,
// volatile accesses) and the `--emit ir` text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../sdk/src/syntax/parse/index.ts';
import { checkProgram } from '../../sdk/src/check/index.ts';
import { Layouts } from '../../sdk/src/ir/layout.ts';
import { buildIr } from '../../sdk/src/ir/lower/driver.ts';
import { emitIr, lowerProgram } from '../../sdk/src/ir/lower/index.ts';
import { interpret } from '../../sdk/src/ir/interp.ts';
import { verifyModule } from '../../sdk/src/ir/verify.ts';
import type { Function, Module } from '../../sdk/src/ir/ir.ts';

function check(src: string) {
  const { ast, diags, sources } = parseSource('t.oriz', src);
  const prog = checkProgram(ast, sources, diags, { searchPath: [] });
  assert.equal(diags.hasErrors, false, diags.items.map((d) => d.message).join('; '));
  return prog;
}

function build(src: string, debug = true): Module {
  const r = buildIr('t.oriz', src, { debug });
  if (!r.module) assert.fail(r.error?.message ?? r.diags.items.map((d) => d.message).join('; '));
  assert.deepEqual(verifyModule(r.module), []);
  return r.module;
}

function fn(m: Module, name: string): Function {
  const f = m.functions.find((x) => x.name === name);
  assert.ok(f, `no function ${name} in ${m.functions.map((x) => x.name).join(', ')}`);
  return f;
}

const calls = (f: Function) => f.blocks.flatMap((b) => b.insts.filter((i) => i.op === 'call').map((i) => (i as { callee: string }).callee));

test('layout: scalars, fat pointers, structs in declaration order, arrays', () => {
  const prog = check(`
    struct S { a: u8, b: u32, c: u16, d: u64, e: bool }
    struct Empty;
    fn main() {}
  `);
  const T = prog.types;
  const L = new Layouts(T);
  const adt = (n: string) => T.adt(prog.adts.find((a) => a.name === n)!, []);
  const s = L.of(adt('S'));
  assert.deepEqual([s.size, s.align, s.offsets], [32, 8, [0, 4, 8, 16, 24]]);
  assert.equal(s.abi.kind, 'mem');
  assert.deepEqual([L.of(adt('Empty')).size, L.of(adt('Empty')).abi.kind], [0, 'zst']);
  assert.deepEqual([L.of(T.int('u64')).align, L.of(T.char).size, L.of(T.bool).size, L.of(T.usize).size], [8, 4, 1, 4]);
  const fat = L.of(T.ref(false, T.str));
  assert.deepEqual([fat.size, fat.abi], [8, { kind: 'pair', a: 'ptr', b: 'i32', offB: 4 }]);
  assert.deepEqual(L.of(T.ref(true, T.slice(T.u8))).abi.kind, 'pair');
  assert.deepEqual(L.of(T.ref(false, T.i32)).abi, { kind: 'scalar', ty: 'ptr', signed: false });
  const arr = L.of(T.array(T.int('u16'), 5));
  assert.deepEqual([arr.size, arr.align, arr.stride], [10, 2, 2]);
  const tup = L.of(T.tuple([T.u8, T.int('i64'), T.bool]));
  assert.deepEqual([tup.size, tup.offsets], [24, [0, 8, 16]]);
  assert.equal(L.of(T.unit).size, 0);
});

test('layout: enums (tag + payloads), repr(C), repr(int), field-less, Option without niche', () => {
  const prog = check(`
    enum Shape { Empty, Circle(u32), Rect { w: u16, h: u16 } }
    #[repr(C)] enum CShape { A(u8), B(u64) }
    #[repr(u16)] enum Wide { X = 1, Y = 500 }
    enum Neg { A = -1, B = 100 }
    enum Big { A = 70000 }
    fn main() {}
  `);
  const T = prog.types;
  const L = new Layouts(T);
  const adt = (n: string) => T.adt(prog.adts.find((a) => a.name === n)!, []);
  const shape = L.of(adt('Shape'));
  assert.deepEqual([shape.size, shape.align, shape.tag!.ty], [8, 4, 'i8']);
  assert.deepEqual(shape.variants!.map((v) => v.offsets), [[], [4], [2, 4]]);
  const c = L.of(adt('CShape'));
  assert.deepEqual([c.tag!.int, c.variants![0]!.offsets, c.variants![1]!.offsets, c.size], ['i32', [8], [8], 16]);
  const wide = L.of(adt('Wide'));
  assert.deepEqual([wide.tag!.int, wide.size, wide.abi.kind], ['u16', 2, 'scalar']);
  assert.deepEqual([L.of(adt('Neg')).tag!.int, L.of(adt('Big')).tag!.int], ['i8', 'u32']);
  const option = prog.adts.find((a) => a.name === 'Option')!;
  const optRef = L.of(T.adt(option, [T.ref(false, T.i32)]));
  assert.deepEqual([optRef.size, optRef.variants!.find((v) => v.tys.length)!.offsets], [8, [4]]);
  const optU8 = L.of(T.adt(option, [T.u8]));
  assert.deepEqual([optU8.size, optU8.align], [2, 1]);
});

test('debug builds check overflow, release builds wrap; division is checked in both', () => {
  const src = 'fn f(a: i32, b: i32) -> i32 { a + b }\nfn g(a: u8, b: u8) -> u8 { a / b }\nfn main() { println!("{} {}", f(1, 2), g(5, 2)); }\n';
  const dbg = build(src, true);
  const rel = build(src, false);
  assert.deepEqual(calls(fn(dbg, 'f')), ['__orizon_panic']);
  assert.deepEqual(calls(fn(rel, 'f')), []);
  assert.deepEqual(calls(fn(rel, 'g')), ['__orizon_panic']);
});

test('an index proven in range has no bounds check', () => {
  const m = build('fn get(a: [u8; 3], i: usize) -> u8 { a[1] + a[i % 3] + a[i] }\nfn main() { println!("{}", get([1, 2, 3], 2)); }\n');
  const get = calls(fn(m, 'get'));
  assert.equal(get.filter((c) => c === '__orizon_panic_bounds').length, 1);
});

test('mutable scalar locals become SSA values (no stack slots)', () => {
  const m = build('fn sum(n: u32) -> u32 { let mut s = 0; let mut i = 0; while i < n { s += i; i += 1; } s }\nfn main() { println!("{}", sum(4)); }\n', false);
  const f = fn(m, 'sum');
  assert.equal(f.slots.length, 0);
  assert.ok(f.blocks.some((b) => b.params.length >= 2));
});

test('exports, externs, interrupt handlers, volatile accesses and statics', () => {
  const m = build(`
    extern "C" { fn c_helper(x: u32) -> u32; }
    #[no_mangle] pub fn exported(x: u32) -> u32 { x + 1 }
    static mut HITS: u32 = 0;
    #[interrupt] fn SysTick() { unsafe { HITS += 1; } }
    fn main() {
      let reg = 0x4000_0000 as *mut u32;
      unsafe {
        std::ptr::write_volatile(reg, 5);
        let v = std::ptr::read_volatile(reg as *const u32);
        println!("{}", c_helper(v) + exported(1) + HITS);
      }
    }
  `);
  assert.equal(fn(m, 'exported').exported, true);
  assert.equal(fn(m, 'main').exported, true);
  assert.ok(m.externs.some((e) => e.name === 'c_helper' && e.kind === 'func'));
  assert.ok(m.externs.some((e) => e.name === '__orizon_write'));
  assert.deepEqual(m.interrupts, [{ name: 'SysTick', func: 'SysTick' }]);
  const insts = fn(m, 'main').blocks.flatMap((b) => b.insts);
  assert.ok(insts.some((i) => i.op === 'store' && i.volatile));
  assert.ok(insts.some((i) => i.op === 'load' && i.volatile));
  const hits = m.data.find((d) => d.name === 'HITS');
  assert.ok(hits && !hits.readonly && hits.size === 4);
});

test('--emit ir prints the module', () => {
  const text = emitIr(build('fn main() { println!("hi"); }\n'));
  assert.match(text, /^export fn __orizon_start\(\) \{$/m);
  assert.match(text, /^export fn main\(\) \{$/m);
  assert.match(text, /call @__orizon_fmt_begin/);
  assert.match(text, /^extern func @__orizon_write$/m);
  assert.match(text, /^data \.Lstr\.\d+: const size 3, align 1 = \{ bytes 68690a \}$/m);
});

test('the raw lowering (no slot promotion) computes the same results', () => {
  const src = `
    fn collatz(mut n: u64) -> u32 { let mut steps = 0; while n != 1 { n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 }; steps += 1; } steps }
    fn main() {
      let mut best = (0u64, 0u32);
      for i in 1..200u64 { let s = collatz(i); if s > best.1 { best = (i, s); } }
      let mut grid = [[0u8; 3]; 3];
      for (r, row) in grid.iter_mut().enumerate() { for (c, x) in row.iter_mut().enumerate() { *x = (r * 3 + c) as u8; } }
      println!("{:?} {:?}", best, grid);
    }
  `;
  const { ast, diags, sources } = parseSource('t.oriz', src);
  const prog = checkProgram(ast, sources, diags, { searchPath: [] });
  const outs = [true, false].map((mem2reg) => {
    const m = lowerProgram(prog, { debug: true, target: { ptrBytes: 4 }, sources, mem2reg });
    assert.deepEqual(verifyModule(m), []);
    return { run: interpret(m), slots: m.functions.reduce((n, f) => n + f.slots.length, 0) };
  });
  assert.equal(outs[0]!.run.stdout, '(171, 124) [[0, 1, 2], [3, 4, 5], [6, 7, 8]]\n');
  assert.equal(outs[1]!.run.stdout, outs[0]!.run.stdout);
  assert.ok(outs[1]!.slots > outs[0]!.slots);
  assert.ok(outs[1]!.run.steps > outs[0]!.run.steps);
});
