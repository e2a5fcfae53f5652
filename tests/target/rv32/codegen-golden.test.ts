// Precise-output tests of the RV32 code generator (Cranelift style): small IR
// functions and the exact assembly they become, in codegen-golden.s. A change
// in instruction selection, allocation or layout shows up as a diff to review;
// `ORIZON_BLESS=1 node scripts/run-tests.mjs tests/target/rv32/codegen-golden.test.ts`
// rewrites the file.
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { FunctionBuilder } from '../../../sdk/src/ir/builder.ts';
import type { Function, Value } from '../../../sdk/src/ir/ir.ts';
import { compileFunction } from '../../../sdk/src/target/rv32/backend.ts';
import { RV32IMAC } from '../../../sdk/src/target/rv32/profile.ts';
import { assertGolden } from '../../helpers/golden.ts';
import { conv } from './codegen-harness.ts';

const HERE = fileURLToPath(import.meta.url);

/** sum(p, n): Σ p[i] for i < n — a counted loop with a pointer walk. */
function sum(): Function {
  const b = new FunctionBuilder('sum', ['ptr', 'i32'], ['i32']);
  const [p, n] = b.fn.params as [Value, Value];
  const loop = b.newBlock(['ptr', 'i32', 'i32']);
  const done = b.newBlock(['i32']);
  b.jump(loop, [p, n, b.iconst('i32', 0)]);
  b.switchTo(loop);
  const [q, k, acc] = b.blockParams(loop) as [Value, Value, Value];
  const body = b.newBlock();
  b.branch(b.cmp('eq', 'i32', k, b.iconst('i32', 0)), { block: done, args: [acc] }, { block: body, args: [] });
  b.switchTo(body);
  const acc2 = b.binary('add', 'i32', acc, b.load('i32', q));
  b.jump(loop, [b.binary('add', 'ptr', q, b.iconst('ptr', 4)), b.binary('sub', 'i32', k, b.iconst('i32', 1)), acc2]);
  b.switchTo(done);
  b.ret([b.blockParams(done)[0]!]);
  return b.finish();
}

/** gcd(a, b) with the swap in the block arguments. */
function gcd(): Function {
  const b = new FunctionBuilder('gcd', ['i32', 'i32'], ['i32']);
  const [x, y] = b.fn.params as [Value, Value];
  const loop = b.newBlock(['i32', 'i32']);
  const done = b.newBlock();
  b.jump(loop, [x, y]);
  b.switchTo(loop);
  const [a, c] = b.blockParams(loop) as [Value, Value];
  const step = b.newBlock();
  b.branch(b.cmp('eq', 'i32', c, b.iconst('i32', 0)), { block: done, args: [] }, { block: step, args: [] });
  b.switchTo(step);
  b.jump(loop, [c, b.binary('urem', 'i32', a, c)]);
  b.switchTo(done);
  b.ret([a]);
  return b.finish();
}

/** add64(a, b) and a signed i64 comparison as a value. */
function add64(): Function {
  const b = new FunctionBuilder('add64', ['i64', 'i64'], ['i64']);
  const [x, y] = b.fn.params as [Value, Value];
  const lt = conv(b, 'zext', 'i8', 'i64', b.cmp('slt', 'i64', x, y));
  b.ret([b.binary('add', 'i64', b.binary('add', 'i64', x, y), lt)]);
  return b.finish();
}

/** clamp8(x: i8): a narrow signed compare (sign extension) and select. */
function clamp8(): Function {
  const b = new FunctionBuilder('clamp8', ['i8'], ['i8']);
  const x = b.fn.params[0]!;
  const neg = b.cmp('slt', 'i8', x, b.iconst('i8', 0));
  const dst = b.newValue('i8');
  b.emit({ op: 'select', dst, ty: 'i8', cond: neg, a: b.iconst('i8', 0), b: x });
  b.ret([dst]);
  return b.finish();
}

/** caller(): a frame, values across a call, stack and register arguments. */
function caller(): Function {
  const b = new FunctionBuilder('caller', ['i32', 'i32'], ['i32']);
  const [x, y] = b.fn.params as [Value, Value];
  const slot = b.slotAddr(b.addSlot(8, 4));
  b.store('i32', slot, x, 4);
  const [r] = b.call('sum', [slot, y], ['i32']);
  b.ret([b.binary('add', 'i32', r!, b.load('i32', slot, 4))]);
  return b.finish();
}

test('generated assembly matches codegen-golden.s', () => {
  const fns = [sum(), gcd(), add64(), clamp8(), caller()];
  const text = fns.map((f, k) => compileFunction(f, k, RV32IMAC, () => true).text.lines.filter((l) => !l.startsWith('.Lline')).join('\n')).join('\n\n') + '\n';
  assertGolden(join(dirname(HERE), 'codegen-golden.s'), text, HERE);
});
