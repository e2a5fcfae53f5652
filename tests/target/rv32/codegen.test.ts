// RV32 code generation, run on QEMU riscv-virt and compared with the IR
// interpreter: integer arithmetic of every width (i8, i16, i32, i64) with
// register and constant operands, unary operations, conversions, comparisons
// as values and fused into branches, select. Every program's disassembly must
// decode (the harness checks objdump).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { BinaryOp, CmpOp, Function, Ty, Value } from '../../../sdk/src/ir/ir.ts';
import { conv, mainFn, module, print, putHex, runAndCompare, select, unary } from './codegen-harness.ts';

const VALUES: Record<Ty, bigint[]> = {
  i8: [0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x5an, 0xc3n],
  i16: [0n, 1n, 7n, 0x7fffn, 0x8000n, 0xffffn, 0x1234n, 0xfedcn],
  i32: [0n, 1n, 1000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x12345678n, 0xfffff800n, 0xdeadbeefn],
  ptr: [],
  i64: [0n, 1n, 3n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0x123456789abcdef0n, 0xfffffffffffff800n],
};
const BITS: Record<Ty, number> = { i8: 8, i16: 16, i32: 32, ptr: 32, i64: 64 };
const BINARY: BinaryOp[] = ['add', 'sub', 'mul', 'sdiv', 'udiv', 'srem', 'urem', 'and', 'or', 'xor', 'shl', 'lshr', 'ashr'];
const CMPS: CmpOp[] = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'];

/** Operand pairs valid for `op` (non-zero divisors, shift amounts below the width). */
function pairs(op: BinaryOp, ty: Ty): [bigint, bigint][] {
  const vs = VALUES[ty];
  const out: [bigint, bigint][] = [];
  for (const a of vs) {
    for (const b0 of vs) {
      let b = b0;
      if (op === 'shl' || op === 'lshr' || op === 'ashr') b = b0 % BigInt(BITS[ty]);
      if ((op.endsWith('div') || op.endsWith('rem')) && b === 0n) continue;
      out.push([a, b]);
    }
  }
  return out;
}

function binFn(name: string, op: BinaryOp, ty: Ty, constB?: bigint): Function {
  const b = new FunctionBuilder(name, constB === undefined ? [ty, ty] : [ty], [ty]);
  const [x, y] = b.fn.params as [Value, Value | undefined];
  b.ret([b.binary(op, ty, x, y ?? b.iconst(ty, constB!))]);
  return b.finish();
}

/** op(a, b) with both operands in registers, and with b a constant, for every valid pair. */
function arithmeticModule(ty: Ty) {
  const fns: Function[] = [putHex()];
  const calls: { fn: string; args: bigint[] }[] = [];
  for (const op of BINARY) {
    const name = `${op}_${ty}`;
    fns.push(binFn(name, op, ty));
    for (const [a, b] of pairs(op, ty)) calls.push({ fn: name, args: [a, b] });
    const consts = [...new Set(pairs(op, ty).map(([, b]) => b))];
    consts.forEach((c, k) => {
      const cname = `${op}_${ty}_c${k}`;
      fns.push(binFn(cname, op, ty, c));
      for (const a of VALUES[ty]) calls.push({ fn: cname, args: [a] });
    });
  }
  fns.push(mainFn((b) => {
    for (const c of calls) {
      const [r] = b.call(c.fn, c.args.map((a) => b.iconst(ty, a)), [ty]);
      print(b, ty, r!);
    }
  }));
  return module(fns);
}

for (const ty of ['i8', 'i16', 'i32', 'i64'] as Ty[]) {
  test(`binary operations on ${ty}: registers and constants`, async () => {
    await runAndCompare(arithmeticModule(ty));
  });
}

test('unary operations and conversions of every width', async () => {
  const fns: Function[] = [putHex()];
  const calls: { fn: string; ty: Ty; to: Ty; arg: bigint }[] = [];
  for (const ty of ['i8', 'i16', 'i32', 'i64'] as Ty[]) {
    for (const k of ['neg', 'not', 'clz', 'ctz', 'popcnt', 'bswap'] as const) {
      const b = new FunctionBuilder(`${k}_${ty}`, [ty], [ty]);
      b.ret([unary(b, k, ty, b.fn.params[0]!)]);
      fns.push(b.finish());
      for (const v of VALUES[ty]) calls.push({ fn: `${k}_${ty}`, ty, to: ty, arg: v });
    }
    for (const to of ['i8', 'i16', 'i32', 'i64'] as Ty[]) {
      if (to === ty) continue;
      const kinds = BITS[to] < BITS[ty] ? (['trunc'] as const) : (['sext', 'zext'] as const);
      for (const kind of kinds) {
        const name = `${kind}_${ty}_${to}`;
        const b = new FunctionBuilder(name, [ty], [to]);
        b.ret([conv(b, kind, ty, to, b.fn.params[0]!)]);
        fns.push(b.finish());
        for (const v of VALUES[ty]) calls.push({ fn: name, ty, to, arg: v });
      }
    }
  }
  fns.push(mainFn((b) => {
    for (const c of calls) {
      const [r] = b.call(c.fn, [b.iconst(c.ty, c.arg)], [c.to]);
      print(b, c.to, r!);
    }
  }));
  await runAndCompare(module(fns));
});

/**
 * Comparisons three ways: as a 0/1 value, fused into a branch, and through
 * select; narrow operands arrive with garbage above their width (an add that
 * wraps), so the extension logic is exercised too.
 */
test('comparisons of every kind and width: values, branches, select', async () => {
  const fns: Function[] = [putHex()];
  const calls: { fn: string; ty: Ty; a: bigint; b: bigint }[] = [];
  for (const ty of ['i8', 'i16', 'i32', 'i64'] as Ty[]) {
    for (const k of CMPS) {
      const name = `cmp_${k}_${ty}`;
      const b = new FunctionBuilder(name, [ty, ty], ['i32']);
      const [x0, y0] = b.fn.params as [Value, Value];
      // x + 0x100.. - 0x100..: same value, upper bits possibly dirty for narrow types.
      const big = b.iconst(ty, 0x1234_5600n);
      const x = b.binary('sub', ty, b.binary('add', ty, x0, big), big);
      const v = b.cmp(k, ty, x, y0);
      const sel = select(b, 'i32', v, b.iconst('i32', 0x100), b.iconst('i32', 0x200));
      const acc = b.binary('or', 'i32', conv(b, 'zext', 'i8', 'i32', v), sel);
      const yes = b.newBlock(), no = b.newBlock(), done = b.newBlock(['i32']);
      b.branch(b.cmp(k, ty, x, y0), { block: yes, args: [] }, { block: no, args: [] });
      b.switchTo(yes);
      b.jump(done, [b.binary('or', 'i32', acc, b.iconst('i32', 0x10000))]);
      b.switchTo(no);
      b.jump(done, [acc]);
      b.switchTo(done);
      b.ret([b.blockParams(done)[0]!]);
      fns.push(b.finish());
      // The constant-operand form (slti, beqz...).
      const cname = `cmpc_${k}_${ty}`;
      const c = new FunctionBuilder(cname, [ty], ['i32']);
      const p = c.fn.params[0]!;
      const r0 = conv(c, 'zext', 'i8', 'i32', c.cmp(k, ty, p, c.iconst(ty, 0)));
      const r1 = conv(c, 'zext', 'i8', 'i32', c.cmp(k, ty, p, c.iconst(ty, 1)));
      const r2 = conv(c, 'zext', 'i8', 'i32', c.cmp(k, ty, p, c.iconst(ty, -1)));
      const r3 = conv(c, 'zext', 'i8', 'i32', c.cmp(k, ty, c.iconst(ty, 5), p));
      const r4 = conv(c, 'zext', 'i8', 'i32', c.cmp(k, ty, p, c.iconst(ty, 2047)));
      let r = r0;
      for (const [q, sh] of [[r1, 4], [r2, 8], [r3, 12], [r4, 16]] as const) r = c.binary('or', 'i32', r, c.binary('shl', 'i32', q, c.iconst('i32', sh)));
      c.ret([r]);
      fns.push(c.finish());
      for (const a of VALUES[ty]) for (const bb of VALUES[ty].slice(0, 6)) calls.push({ fn: name, ty, a, b: bb });
    }
  }
  fns.push(mainFn((b) => {
    for (const c of calls) print(b, 'i32', b.call(c.fn, [b.iconst(c.ty, c.a), b.iconst(c.ty, c.b)], ['i32'])[0]!);
    for (const ty of ['i8', 'i16', 'i32', 'i64'] as Ty[]) {
      for (const k of CMPS) for (const a of VALUES[ty]) print(b, 'i32', b.call(`cmpc_${k}_${ty}`, [b.iconst(ty, a)], ['i32'])[0]!);
    }
  }));
  const r = await runAndCompare(module(fns));
  assert.match(r.asm, /\tbge\t|\tblt\t|\tbltu\t|\tbgeu\t/, 'comparisons fuse into branches');
  assert.match(r.asm, /\tslti\t|\tsltiu\t/, 'constant comparisons use immediates');
});

test('select of every width with register and constant operands', async () => {
  const fns: Function[] = [putHex()];
  const tys: Ty[] = ['i8', 'i16', 'i32', 'i64'];
  for (const ty of tys) {
    const b = new FunctionBuilder(`sel_${ty}`, [ty, ty, 'i32'], [ty]);
    const [x, y, c] = b.fn.params as [Value, Value, Value];
    const cond = b.cmp('ne', 'i32', c, b.iconst('i32', 0));
    const r1 = select(b, ty, cond, x, y);
    const r2 = select(b, ty, cond, b.iconst(ty, 55), b.iconst(ty, -87));
    const r3 = select(b, ty, cond, x, b.iconst(ty, 0));
    const r4 = select(b, ty, cond, b.iconst(ty, 0), y);
    const r5 = select(b, ty, b.iconst('i8', 1), x, y);
    let acc = b.binary('xor', ty, r1, b.binary('shl', ty, r2, b.iconst(ty, 1)));
    acc = b.binary('add', ty, acc, b.binary('mul', ty, r3, b.iconst(ty, 3)));
    acc = b.binary('sub', ty, acc, b.binary('mul', ty, r4, b.iconst(ty, 5)));
    b.ret([b.binary('xor', ty, acc, r5)]);
    fns.push(b.finish());
  }
  fns.push(mainFn((b) => {
    for (const ty of tys) for (const c of [0, 1, 7]) for (const [x, y] of [[VALUES[ty][3]!, VALUES[ty][4]!], [VALUES[ty][1]!, VALUES[ty][6]!]]) {
      print(b, ty, b.call(`sel_${ty}`, [b.iconst(ty, x!), b.iconst(ty, y!), b.iconst('i32', c)], [ty])[0]!);
    }
  }));
  await runAndCompare(module(fns));
});
