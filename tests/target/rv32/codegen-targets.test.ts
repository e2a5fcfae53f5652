// The three RV32 targets and both boards: the same arithmetic program
// (multiply, divide, remainder of i32 and i64, variable 64-bit shifts, bit
// counts — everything that becomes a runtime helper somewhere) built for
// rv32imac, rv32imc and rv32i and run on riscv-virt, and for rv32imac on the
// HiFive1 (QEMU sifive_e: code in flash at 0x20400000, 16 KiB of RAM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { BinaryOp, Function, Ty } from '../../../sdk/src/ir/ir.ts';
import type { TargetName } from '../../../sdk/src/boards/board.ts';
import { mainFn, module, print, putHex, runAndCompare, unary } from './codegen-harness.ts';

const OPS: BinaryOp[] = ['mul', 'sdiv', 'udiv', 'srem', 'urem', 'shl', 'lshr', 'ashr'];
const V32 = [1n, 7n, 0xfffffff9n, 0x80000000n, 0x7fffffffn, 0x12345n, 0xffffffffn];
const V64 = [1n, 7n, 0xfffffffffffffff9n, 0x8000000000000000n, 0x7fffffffffffffffn, 0x123456789n, 0xffffffffffffffffn, 0xfedcba9876543210n];

/** An objdump line of a 2-byte (compressed) instruction. */
const RVC = /^\s*[0-9a-f]+:\s+[0-9a-f]{4}\s/m;

function helpersModule() {
  const fns: Function[] = [putHex()];
  for (const ty of ['i32', 'i64'] as Ty[]) {
    for (const op of OPS) {
      const b = new FunctionBuilder(`${op}_${ty}`, [ty, ty], [ty]);
      b.ret([b.binary(op, ty, b.fn.params[0]!, b.fn.params[1]!)]);
      fns.push(b.finish());
    }
    for (const k of ['clz', 'ctz', 'popcnt', 'bswap'] as const) {
      const b = new FunctionBuilder(`${k}_${ty}`, [ty], [ty]);
      b.ret([unary(b, k, ty, b.fn.params[0]!)]);
      fns.push(b.finish());
    }
  }
  fns.push(mainFn((b) => {
    for (const ty of ['i32', 'i64'] as Ty[]) {
      const vs = ty === 'i32' ? V32 : V64;
      const bits = ty === 'i32' ? 32n : 64n;
      for (const op of OPS) {
        for (const x of vs) {
          for (const y0 of vs) {
            const y = op.startsWith('sh') || op.endsWith('shr') ? y0 % bits : y0;
            print(b, ty, b.call(`${op}_${ty}`, [b.iconst(ty, x), b.iconst(ty, y)], [ty])[0]!);
          }
        }
      }
      for (const k of ['clz', 'ctz', 'popcnt', 'bswap']) for (const x of [0n, ...vs]) print(b, ty, b.call(`${k}_${ty}`, [b.iconst(ty, x)], [ty])[0]!);
    }
  }));
  return module(fns);
}

for (const target of ['rv32imac', 'rv32imc', 'rv32i'] as TargetName[]) {
  test(`${target} on riscv-virt: multiply/divide, 64-bit helpers, bit counts`, async () => {
    const r = await runAndCompare(helpersModule(), { target });
    if (target === 'rv32i') {
      assert.doesNotMatch(r.asm, /\t(mul|mulhu|div|divu|rem|remu)\t/, 'no M instructions');
      assert.match(r.asm, /jal\t__mulsi3/);
      assert.match(r.asm, /jal\t__udivsi3/);
      assert.doesNotMatch(r.disasm, RVC, 'no compressed instructions');
    } else {
      assert.match(r.asm, /\tmulhu\t/, 'i64 multiply inline with M');
      assert.match(r.disasm, RVC, 'compressed instructions');
    }
  });
}

test('hifive1 (QEMU sifive_e): code in flash at 0x20400000, data and stack in the 16 KiB DTIM', async () => {
  const r = await runAndCompare(helpersModule(), { board: 'hifive1' });
  assert.match(r.vectors, /^20400000 <__orizon_reset>:\n20400000:\s+[0-9a-f]+\s+j\s+[0-9a-f]+ <_start>/m, 'the start of flash jumps to _start');
});
