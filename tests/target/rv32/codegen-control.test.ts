// RV32 code generation of control flow and memory: loops whose block
// parameters permute (the swap case, a 3-cycle), switch (i8, i32, i64,
// dense and sparse), many values live at once (spills), stack slots and data,
// copy/zero of every size and alignment. Each program runs on QEMU riscv-virt
// and is compared with the IR interpreter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { DataObject, Function, Ty, Value } from '../../../sdk/src/ir/ir.ts';
import { conv, mainFn, module, print, putHex, runAndCompare } from './codegen-harness.ts';

/** swap(x, y, n): n times (x, y) = (y, x) — parameters passed crosswise. */
function swapLoop(ty: Ty): Function {
  const b = new FunctionBuilder(`swap_${ty}`, [ty, ty, 'i32'], [ty]);
  const [x, y, n] = b.fn.params as [Value, Value, Value];
  const loop = b.newBlock([ty, ty, 'i32']);
  const done = b.newBlock();
  b.jump(loop, [x, y, n]);
  b.switchTo(loop);
  const [a, c, k] = b.blockParams(loop) as [Value, Value, Value];
  const more = b.cmp('ne', 'i32', k, b.iconst('i32', 0));
  b.branch(more, { block: loop, args: [c, a, b.binary('sub', 'i32', k, b.iconst('i32', 1))] }, { block: done, args: [] });
  b.switchTo(done);
  // Return x - 2y so the order is visible.
  b.ret([b.binary('sub', ty, a, b.binary('add', ty, c, c))]);
  return b.finish();
}

/** rot3(a, b, c, n): a 3-cycle of parameters plus a Fibonacci pair in the same loop. */
function rotate3(): Function {
  const b = new FunctionBuilder('rot3', ['i32', 'i32', 'i32', 'i32'], ['i32']);
  const [x, y, z, n] = b.fn.params as [Value, Value, Value, Value];
  const loop = b.newBlock(['i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const done = b.newBlock(['i32']);
  b.jump(loop, [x, y, z, b.iconst('i32', 0), b.iconst('i32', 1), n]);
  b.switchTo(loop);
  const [p, q, r, f0, f1, k] = b.blockParams(loop) as Value[] as [Value, Value, Value, Value, Value, Value];
  const stop = b.cmp('eq', 'i32', k!, b.iconst('i32', 0));
  const mix = b.binary('add', 'i32', b.binary('mul', 'i32', p!, b.iconst('i32', 100)), b.binary('add', 'i32', b.binary('mul', 'i32', q!, b.iconst('i32', 10)), r!));
  b.branch(stop, { block: done, args: [b.binary('xor', 'i32', mix, f0!)] },
    { block: loop, args: [q!, r!, p!, f1!, b.binary('add', 'i32', f0!, f1!), b.binary('sub', 'i32', k!, b.iconst('i32', 1))] });
  b.switchTo(done);
  b.ret([b.blockParams(done)[0]!]);
  return b.finish();
}

test('loops with block parameters: swaps, 3-cycles, carried values', async () => {
  const fns = [putHex(), swapLoop('i32'), swapLoop('i64'), swapLoop('i8'), rotate3()];
  fns.push(mainFn((b) => {
    for (const n of [0, 1, 2, 3, 7]) {
      print(b, 'i32', b.call('swap_i32', [b.iconst('i32', 5), b.iconst('i32', 1000), b.iconst('i32', n)], ['i32'])[0]!);
      print(b, 'i64', b.call('swap_i64', [b.iconst('i64', 0x1_0000_0005n), b.iconst('i64', -3n), b.iconst('i32', n)], ['i64'])[0]!);
      print(b, 'i8', b.call('swap_i8', [b.iconst('i8', 200), b.iconst('i8', 7), b.iconst('i32', n)], ['i8'])[0]!);
    }
    for (const n of [0, 1, 2, 3, 4, 10, 40]) print(b, 'i32', b.call('rot3', [b.iconst('i32', 1), b.iconst('i32', 2), b.iconst('i32', 3), b.iconst('i32', n)], ['i32'])[0]!);
  }));
  await runAndCompare(module(fns));
});

/** A switch on `ty` with the given case values; each case returns a distinct constant. */
function switchFn(name: string, ty: Ty, cases: bigint[]): Function {
  const b = new FunctionBuilder(name, [ty], ['i32']);
  const v = b.fn.params[0]!;
  const join = b.newBlock(['i32']);
  const blocks = cases.map(() => b.newBlock());
  const dflt = b.newBlock();
  b.terminate({ op: 'switch', value: v, ty, cases: cases.map((c, k) => ({ value: c, to: { block: blocks[k]!, args: [] } })), default: { block: dflt, args: [] } });
  blocks.forEach((blk, k) => {
    b.switchTo(blk);
    b.jump(join, [b.iconst('i32', 100 + k)]);
  });
  b.switchTo(dflt);
  b.jump(join, [b.iconst('i32', 0xdead)]);
  b.switchTo(join);
  b.ret([b.blockParams(join)[0]!]);
  return b.finish();
}

test('switch: narrow, 32-bit and 64-bit, dense and sparse, block arguments', async () => {
  const specs: { name: string; ty: Ty; cases: bigint[]; probes: bigint[] }[] = [
    { name: 'sw_i8', ty: 'i8', cases: [0n, 1n, 2n, 0x7fn, 0x80n, 0xffn], probes: [0n, 1n, 2n, 3n, 0x7fn, 0x80n, 0xfen, 0xffn] },
    { name: 'sw_dense', ty: 'i32', cases: [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n], probes: [0n, 5n, 9n, 10n, 0xffffffffn] },
    { name: 'sw_sparse', ty: 'i32', cases: [-5n, 1000n, 4096n, 0x12345678n, 0x80000000n], probes: [0xfffffffbn, 1000n, 4096n, 4095n, 0x12345678n, 0x80000000n, 7n] },
    { name: 'sw_i64', ty: 'i64', cases: [0n, 1n, 0x1_0000_0000n, 0xffff_ffff_ffff_ffffn], probes: [0n, 1n, 0x1_0000_0000n, 0x1_0000_0001n, 0xffff_ffff_ffff_ffffn, 0xffff_ffffn] },
    { name: 'sw_empty', ty: 'i32', cases: [], probes: [3n] },
  ];
  const fns: Function[] = [putHex(), ...specs.map((s) => switchFn(s.name, s.ty, s.cases))];
  // A switch passing different arguments to one block.
  const b = new FunctionBuilder('sw_args', ['i32', 'i32'], ['i32']);
  const [v, w] = b.fn.params as [Value, Value];
  const join = b.newBlock(['i32', 'i32']);
  b.terminate({ op: 'switch', value: v, ty: 'i32', cases: [{ value: 1n, to: { block: join, args: [w, v] } }, { value: 2n, to: { block: join, args: [v, w] } }], default: { block: join, args: [w, w] } });
  b.switchTo(join);
  const [p, q] = b.blockParams(join) as [Value, Value];
  b.ret([b.binary('sub', 'i32', p, b.binary('shl', 'i32', q, b.iconst('i32', 4)))]);
  fns.push(b.finish());
  fns.push(mainFn((m) => {
    for (const s of specs) for (const p of s.probes) print(m, 'i32', m.call(s.name, [m.iconst(s.ty, p)], ['i32'])[0]!);
    for (const k of [0, 1, 2, 3]) print(m, 'i32', m.call('sw_args', [m.iconst('i32', k), m.iconst('i32', 77)], ['i32'])[0]!);
  }));
  await runAndCompare(module(fns));
});

/**
 * 40 values live at once, across calls, with loop-carried state: the
 * allocator must spill; results checked against the interpreter.
 */
test('register pressure: spills across calls and loops', async () => {
  const N = 40;
  const b = new FunctionBuilder('pressure', ['i32', 'i32'], ['i32']);
  const [x, y] = b.fn.params as [Value, Value];
  const vals: Value[] = [];
  for (let k = 0; k < N; k++) vals.push(b.binary('xor', 'i32', b.binary('mul', 'i32', x, b.iconst('i32', k * 7 + 3)), b.binary('add', 'i32', y, b.iconst('i32', k))));
  b.call('put_hex', [vals[3]!], []);
  const loop = b.newBlock(['i32', 'i32']);
  const done = b.newBlock(['i32']);
  b.jump(loop, [b.iconst('i32', 0), b.iconst('i32', 0)]);
  b.switchTo(loop);
  const [acc, i] = b.blockParams(loop) as [Value, Value];
  let s = acc;
  for (let k = 0; k < N; k++) s = b.binary(k % 3 === 0 ? 'add' : k % 3 === 1 ? 'xor' : 'sub', 'i32', s, b.binary('mul', 'i32', vals[(k * 13) % N]!, i));
  const i2 = b.binary('add', 'i32', i, b.iconst('i32', 1));
  b.branch(b.cmp('ult', 'i32', i2, b.iconst('i32', 5)), { block: loop, args: [s, i2] }, { block: done, args: [s] });
  b.switchTo(done);
  let t = b.blockParams(done)[0]!;
  for (let k = 0; k < N; k++) t = b.binary('add', 'i32', t, vals[k]!);
  b.ret([t]);
  const fns = [putHex(), b.finish(), mainFn((m) => {
    for (const [p, q] of [[1, 2], [0x1234, 0x5678], [-1, 7]]) print(m, 'i32', m.call('pressure', [m.iconst('i32', p!), m.iconst('i32', q!)], ['i32'])[0]!);
  })];
  const r = await runAndCompare(module(fns));
  assert.match(r.asm, /\ts11, /, 'all callee-saved registers in use');
});

/** copy and zero between stack slots and data, every size 0..40 at alignments 1, 2, 4. */
test('copy and zero: sizes 0..40, alignments 1, 2, 4, stack and data', async () => {
  const src: DataObject = { name: 'src', exported: false, size: 48, align: 4, readonly: true, init: [{ kind: 'bytes', bytes: Uint8Array.from({ length: 48 }, (_, k) => (k * 37 + 11) & 0xff) }] };
  const dst: DataObject = { name: 'dst', exported: false, size: 48, align: 4, readonly: false, init: [] };
  const fns: Function[] = [putHex()];
  const b = new FunctionBuilder('check', [], []);
  // Prints the sum of dst's bytes weighted by position, then clears it with 0xff bytes.
  const base = symAddr(b, 'dst');
  let h = b.iconst('i32', 0);
  for (let k = 0; k < 48; k++) h = b.binary('add', 'i32', b.binary('mul', 'i32', h, b.iconst('i32', 31)), conv(b, 'zext', 'i8', 'i32', b.load('i8', base, k)));
  b.call('put_hex', [h], []);
  for (let k = 0; k < 48; k += 4) b.store('i32', base, b.iconst('i32', -1), k);
  b.ret();
  fns.push(b.finish());
  fns.push(mainFn((m) => {
    const slot = m.slotAddr(m.addSlot(64, 4, 'tmp'));
    for (const align of [1, 2, 4]) {
      for (let size = 0; size <= 40; size += align === 4 ? 4 : align === 2 ? 2 : 3) {
        const off = align === 4 ? 0 : align; // misaligned for wider units
        // data → stack slot → data (both directions through copy), then zero part of it.
        m.emit({ op: 'copy', dst_addr: m.binary('add', 'ptr', slot, m.iconst('ptr', off)), src_addr: symAddr(m, 'src'), size, align });
        m.emit({ op: 'copy', dst_addr: m.binary('add', 'ptr', symAddr(m, 'dst'), m.iconst('ptr', off)), src_addr: m.binary('add', 'ptr', slot, m.iconst('ptr', off)), size, align });
        m.emit({ op: 'zero', addr: m.binary('add', 'ptr', symAddr(m, 'dst'), m.iconst('ptr', off + (size >> 1))), size: size >> 1, align: 1 });
        m.call('check', [], []);
      }
    }
    // Large ones go through memcpy/memset.
    m.emit({ op: 'copy', dst_addr: symAddr(m, 'dst'), src_addr: symAddr(m, 'src'), size: 48, align: 1 });
    m.call('check', [], []);
    m.emit({ op: 'zero', addr: symAddr(m, 'dst'), size: 45, align: 4 });
    m.call('check', [], []);
  }));
  const r = await runAndCompare(module(fns, [src, dst]));
  assert.match(r.asm, /call\tmemcpy/);
  assert.match(r.asm, /call\tmemset/);
});

test('loads and stores: offsets beyond 12 bits, constant addresses, volatile, big frames', async () => {
  const big: DataObject = { name: 'big', exported: true, size: 0x3000, align: 4, readonly: false, init: [] };
  const b = new FunctionBuilder('bigframe', ['i32'], ['i32']);
  const x = b.fn.params[0]!;
  const s0 = b.slotAddr(b.addSlot(3000, 4, 'a'));
  const s1 = b.slotAddr(b.addSlot(8, 8, 'b'));
  b.store('i32', s0, x, 2996);
  b.store('i64', s1, conv(b, 'sext', 'i32', 'i64', x));
  const g = symAddr(b, 'big');
  b.store('i32', g, x, 0x2ffc);
  b.store('i16', g, conv(b, 'trunc', 'i32', 'i16', x), 0x1000, true);
  b.call('put_hex', [b.load('i32', g, 0x2ffc)], []);
  b.call('put_hex', [conv(b, 'sext', 'i16', 'i32', b.load('i16', g, 0x1000, true, true))], []);
  const v = b.load('i32', s0, 2996);
  const w = conv(b, 'trunc', 'i64', 'i32', b.binary('lshr', 'i64', b.load('i64', s1), b.iconst('i64', 32)));
  b.ret([b.binary('add', 'i32', v, w)]);
  const fns = [putHex(), b.finish(), mainFn((m) => {
    print(m, 'i32', m.call('bigframe', [m.iconst('i32', 0x8001)], ['i32'])[0]!);
    print(m, 'i32', m.call('bigframe', [m.iconst('i32', -2)], ['i32'])[0]!);
  })];
  const r = await runAndCompare(module(fns, [big]));
  assert.match(r.asm, /\tt6, /, 'large frame offsets go through t6');
});

function symAddr(b: FunctionBuilder, symbol: string): Value {
  const dst = b.newValue('ptr');
  b.emit({ op: 'symAddr', dst, symbol, offset: 0 });
  return dst;
}
