import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionBuilder } from '../../sdk/src/ir/builder.ts';
import { printFunction } from '../../sdk/src/ir/print.ts';
import { verifyFunction } from '../../sdk/src/ir/verify.ts';

/** sum(n) = 0 + 1 + ... + (n-1), as a loop with block parameters. */
function sumLoop() {
  const b = new FunctionBuilder('sum', ['i32'], ['i32']);
  const [n] = b.fn.params;
  const head = b.newBlock(['i32', 'i32']);
  const body = b.newBlock();
  const exit = b.newBlock(['i32']);
  const zero = b.iconst('i32', 0);
  b.jump(head, [zero, zero]);
  b.switchTo(head);
  const [i, acc] = b.blockParams(head) as [number, number];
  const more = b.cmp('slt', 'i32', i, n!);
  b.branch(more, { block: body, args: [] }, { block: exit, args: [acc] });
  b.switchTo(body);
  const acc2 = b.binary('add', 'i32', acc, i);
  const one = b.iconst('i32', 1);
  const i2 = b.binary('add', 'i32', i, one);
  b.jump(head, [i2, acc2]);
  b.switchTo(exit);
  b.ret([b.blockParams(exit)[0]!]);
  return b.finish();
}

test('a well-formed loop verifies and prints', () => {
  const f = sumLoop();
  assert.deepEqual(verifyFunction(f), []);
  assert.equal(printFunction(f), [
    'fn sum(v0: i32) -> i32 {',
    'b0:',
    '  v4 = const.i32 0',
    '  jump b1(v4, v4)',
    'b1(v1: i32, v2: i32):',
    '  v5 = cmp.slt.i32 v1, v0',
    '  branch v5, b2, b3(v2)',
    'b2:',
    '  v6 = add.i32 v2, v1',
    '  v7 = const.i32 1',
    '  v8 = add.i32 v1, v7',
    '  jump b1(v8, v6)',
    'b3(v3: i32):',
    '  ret v3',
    '}',
  ].join('\n'));
});

test('the verifier reports broken invariants', () => {
  const f = sumLoop();
  // Use a value from a block that does not dominate the use.
  f.blocks[3]!.term = { op: 'ret', values: [6] };
  // Wrong number of block arguments.
  f.blocks[0]!.term = { op: 'jump', to: { block: 1, args: [4] } };
  // Type mismatch.
  f.blocks[2]!.insts.push({ op: 'binary', kind: 'add', dst: f.valueTys.push('i64') - 1, ty: 'i64', a: 6, b: 7 });
  const errs = verifyFunction(f);
  assert.ok(errs.some((e) => /b3: v6 used before it is defined/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /b1 takes 2 arguments, got 1/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /add\.i64 on operands of types i32, i32/.test(e)), errs.join('\n'));
});
