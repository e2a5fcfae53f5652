// Random-IR differential test of the optimiser: a seeded generator builds
// valid functions over every integer width — arithmetic (division and shifts
// kept defined: non-zero divisors, in-range shift amounts), comparisons,
// selects, conversions, diamonds joining through block parameters, counted
// loops carrying accumulators, switches, guards followed by related
// comparisons in the guarded region, stack-slot loads, stores, copies and
// zeroing, and calls to a small helper — then the IR interpreter runs each on sample
// arguments before and after `optimize` (verifier after every pass). Any
// difference is a miscompilation; the failure names the seed, and the
// function's text is in the message to turn into a unit case.
//
// ORIZON_OPT_RANDOM=N runs N seeds (default 150).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BinaryOp, CmpOp, Module, Ty, UnaryOp, Value } from '../../sdk/src/ir/ir.ts';
import { FunctionBuilder } from '../../sdk/src/ir/builder.ts';
import { Machine } from '../../sdk/src/ir/interp.ts';
import { printModule } from '../../sdk/src/ir/print.ts';
import { verifyModule } from '../../sdk/src/ir/verify.ts';
import { optimize } from '../../sdk/src/ir/opt/index.ts';
import { Rng } from '../gen/prng.ts';

const INT: Ty[] = ['i8', 'i16', 'i32', 'i64'];
const BITS: Record<string, number> = { i8: 8, i16: 16, i32: 32, i64: 64 };
const BIN: BinaryOp[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'sdiv', 'udiv', 'srem', 'urem', 'shl', 'lshr', 'ashr'];
const UN: UnaryOp[] = ['neg', 'not', 'clz', 'ctz', 'popcnt', 'bswap'];
const CMP: CmpOp[] = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'];

class Gen {
  private pool = new Map<Ty, Value[]>();
  constructor(readonly r: Rng, readonly b: FunctionBuilder, readonly slots: number[]) {}

  add(v: Value, t: Ty): Value { (this.pool.get(t) ?? this.pool.set(t, []).get(t)!).push(v); return v; }
  save(): Map<Ty, Value[]> { return new Map([...this.pool].map(([k, v]) => [k, [...v]])); }
  restore(p: Map<Ty, Value[]>): void { this.pool = new Map([...p].map(([k, v]) => [k, [...v]])); }
  pick<T>(xs: readonly T[]): T { return xs[this.r.int(xs.length)]!; }

  constant(t: Ty): Value {
    const bits = BigInt(BITS[t]!);
    const choices = [0n, 1n, 2n, 3n, -1n, 7n, 8n, 16n, 255n, (1n << (bits - 1n)), (1n << (bits - 1n)) - 1n, BigInt(this.r.u32()), 1n << BigInt(this.r.int(BITS[t]!))];
    return this.add(this.b.iconst(t, BigInt.asIntN(BITS[t]!, this.pick(choices))), t);
  }

  value(t: Ty): Value {
    const l = this.pool.get(t);
    if (l?.length && this.r.int(4) !== 0) return this.pick(l);
    const other = INT.filter((x) => x !== t && this.pool.get(x)?.length);
    if (other.length && this.r.int(2) === 0) {
      const from = this.pick(other);
      const v = this.pick(this.pool.get(from)!);
      const kind = BITS[from]! > BITS[t]! ? 'trunc' : this.r.int(2) ? 'sext' : 'zext';
      const dst = this.b.newValue(t);
      this.b.emit({ op: 'conv', kind, dst, from, to: t, a: v });
      return this.add(dst, t);
    }
    return this.constant(t);
  }

  /** One random pure instruction of type t. */
  op(t: Ty): Value {
    const b = this.b;
    switch (this.r.int(this.slots.length ? 6 : 5)) {
      case 0: case 1: case 2: {
        const kind = this.pick(BIN);
        const a = this.value(t);
        let d = this.value(t);
        if (kind === 'sdiv' || kind === 'udiv' || kind === 'srem' || kind === 'urem') {
          // Never zero: a non-zero constant (often a power of two) or x | 1.
          if (this.r.int(2)) d = this.add(b.iconst(t, this.pick([1n, 2n, 4n, 8n, 3n, 10n, -1n, -4n, 1n << BigInt(BITS[t]! - 2)])), t);
          else d = b.binary('or', t, d, b.iconst(t, 1));
        } else if (kind === 'shl' || kind === 'lshr' || kind === 'ashr') {
          d = this.r.int(2) ? b.iconst(t, this.r.int(BITS[t]!)) : b.binary('and', t, d, b.iconst(t, BITS[t]! - 1));
        }
        return this.add(b.binary(kind, t, a, d), t);
      }
      case 3: {
        const dst = b.newValue(t);
        b.emit({ op: 'unary', kind: this.pick(UN), dst, ty: t, a: this.value(t) });
        return this.add(dst, t);
      }
      case 4: {
        const ct = this.pick(INT);
        const c = b.cmp(this.pick(CMP), ct, this.value(ct), this.value(ct));
        this.add(c, 'i8');
        const dst = b.newValue(t);
        b.emit({ op: 'select', dst, ty: t, cond: c, a: this.value(t), b: this.value(t) });
        return this.add(dst, t);
      }
      default: {
        // Memory: a store then loads of a slot (zeroed at entry, so every byte read is defined).
        const slot = this.pick(this.slots);
        const size = BITS[t]! / 8;
        const off = size * this.r.int(16 / size);
        const addr = b.slotAddr(slot);
        if (this.r.int(2)) b.store(t, addr, this.value(t), off);
        if (this.r.int(4) === 0) {
          const other = b.slotAddr(this.pick(this.slots));
          if (other !== addr && this.r.int(2)) b.emit({ op: 'copy', dst_addr: other, src_addr: b.slotAddr(slot), size: 16, align: 8 });
        }
        return this.add(b.load(t, b.slotAddr(slot), off, this.r.int(2) === 1), t);
      }
    }
  }

  straight(n: number): void { for (let k = 0; k < n; k++) this.op(this.pick(INT)); }

  diamond(depth: number): void {
    const b = this.b;
    const t = this.pick(INT);
    const ct = this.pick(INT);
    const c = b.cmp(this.pick(CMP), ct, this.value(ct), this.value(ct));
    const [th, el] = [b.newBlock(), b.newBlock()];
    const join = b.newBlock([t]);
    b.branch(c, { block: th, args: [] }, { block: el, args: [] });
    for (const arm of [th, el]) {
      const saved = this.save();
      b.switchTo(arm);
      this.body(depth + 1);
      const v = this.op(t);
      b.jump(join, [v]);
      this.restore(saved);
    }
    b.switchTo(join);
    this.add(b.blockParams(join)[0]!, t);
  }

  loop(depth: number): void {
    const b = this.b;
    const t = this.pick(INT);
    const init = this.value(t);
    const head = b.newBlock(['i32', t]);
    const exit = b.newBlock([t]);
    b.jump(head, [b.iconst('i32', 0), init]);
    const saved = this.save();
    b.switchTo(head);
    const [i, acc] = b.blockParams(head) as [Value, Value];
    this.add(acc, t);
    this.body(depth + 1);
    const next = b.binary(this.pick(['add', 'xor', 'sub', 'mul'] as const), t, acc, this.op(t));
    const i1 = b.binary('add', 'i32', i, b.iconst('i32', 1));
    const more = b.cmp('ult', 'i32', i1, b.iconst('i32', 1 + this.r.int(4)));
    b.branch(more, { block: head, args: [i1, next] }, { block: exit, args: [next] });
    this.restore(saved);
    b.switchTo(exit);
    this.add(b.blockParams(exit)[0]!, t);
  }

  /** A switch on a narrow value with a few cases joining again. */
  switcher(depth: number): void {
    const b = this.b;
    const st = this.pick(['i8', 'i16', 'i32'] as const);
    const t = this.pick(INT);
    const on = b.binary('and', st, this.value(st), b.iconst(st, 7));
    const join = b.newBlock([t]);
    const arms = [b.newBlock(), b.newBlock(), b.newBlock()];
    b.terminate({ op: 'switch', value: on, ty: st, cases: [{ value: 1n, to: { block: arms[0]!, args: [] } }, { value: 4n, to: { block: arms[1]!, args: [] } }], default: { block: arms[2]!, args: [] } });
    for (const arm of arms) {
      const saved = this.save();
      b.switchTo(arm);
      if (this.r.int(2)) this.add(on, st); // the case value is known here
      this.body(depth + 1);
      b.jump(join, [this.op(t)]);
      this.restore(saved);
    }
    b.switchTo(join);
    this.add(b.blockParams(join)[0]!, t);
  }

  /** A guard and, in the guarded region, a related comparison of the same operands (what checks.ts decides). */
  guard(depth: number): void {
    const b = this.b;
    const ct = this.pick(INT);
    const x = this.value(ct), y = this.r.int(2) ? this.value(ct) : this.constant(ct);
    const c = b.cmp(this.pick(CMP), ct, x, y);
    const [inside, other] = [b.newBlock(), b.newBlock()];
    const join = b.newBlock(['i8']);
    b.branch(c, { block: inside, args: [] }, { block: other, args: [] });
    const saved = this.save();
    b.switchTo(inside);
    this.body(depth + 1);
    const again = this.r.int(2) ? b.cmp(this.pick(CMP), ct, x, y) : b.cmp(this.pick(CMP), ct, y, x);
    b.jump(join, [again]);
    this.restore(saved);
    b.switchTo(other);
    b.jump(join, [b.cmp(this.pick(CMP), ct, x, this.constant(ct))]);
    this.restore(saved);
    b.switchTo(join);
    this.add(b.blockParams(join)[0]!, 'i8');
  }

  call(): void {
    const v = this.b.call('helper', [this.value('i32'), this.value('i32')], ['i32'])[0]!;
    this.add(v, 'i32');
  }

  body(depth: number): void {
    const n = 1 + this.r.int(3);
    for (let k = 0; k < n; k++) {
      const what = this.r.int(depth >= 2 ? 2 : 7);
      if (what === 0) this.straight(1 + this.r.int(4));
      else if (what === 1) this.call();
      else if (what === 2) this.diamond(depth);
      else if (what === 3) this.switcher(depth);
      else if (what === 4) this.guard(depth);
      else this.loop(depth);
    }
  }

  /** Folds a sample of the pool into one i64 result. */
  result(): Value {
    const b = this.b;
    let acc = b.iconst('i64', 0);
    for (const t of INT) {
      for (const v of (this.pool.get(t) ?? []).slice(-4)) {
        const w = t === 'i64' ? v : b.newValue('i64');
        if (t !== 'i64') b.emit({ op: 'conv', kind: this.r.int(2) ? 'sext' : 'zext', dst: w, from: t, to: 'i64', a: v });
        acc = b.binary('xor', 'i64', b.binary('mul', 'i64', acc, b.iconst('i64', 31)), w);
      }
    }
    return acc;
  }
}

function randomModule(seed: number): Module {
  const r = new Rng(seed);
  const helper = new FunctionBuilder('helper', ['i32', 'i32'], ['i32']);
  {
    const g = new Gen(r, helper, []);
    const [a, b] = helper.fn.params;
    g.add(a!, 'i32');
    g.add(b!, 'i32');
    for (let k = 0; k < 1 + r.int(6); k++) g.op(r.int(3) ? 'i32' : 'i16');
    helper.ret([g.value('i32')]);
  }
  const f = new FunctionBuilder('f', ['i32', 'i64', 'i8', 'i16'], ['i64'], { exported: true });
  const slots = [f.addSlot(16, 8, 'a'), f.addSlot(16, 8, 'b')];
  for (const s of slots) f.emit({ op: 'zero', addr: f.slotAddr(s), size: 16, align: 8 });
  const g = new Gen(r, f, slots);
  f.fn.params.forEach((p, k) => g.add(p, f.fn.paramTys[k]!));
  g.body(0);
  f.ret([g.result()]);
  return { functions: [f.finish(), helper.finish()], data: [], externs: [], interrupts: [] };
}

const ARGS: (number | bigint)[][] = [
  [0, 0n, 0, 0], [1, 1n, 1, 1], [0xffffffff, (1n << 64n) - 1n, 255, 0xffff], [0x80000000, 1n << 63n, 128, 0x8000],
  [12345, 987654321987n, 77, 4242], [7, 3n, 200, 65000], [0x7fffffff, (1n << 63n) - 1n, 127, 0x7fff],
];

const count = Number(process.env.ORIZON_OPT_RANDOM ?? 150);
test(`random IR: ${count} seeded functions compute the same before and after optimize`, () => {
  let shrunk = 0;
  for (let seed = 1; seed <= count; seed++) {
    const m = randomModule(seed);
    const text = printModule(m);
    const errs = verifyModule(m);
    assert.deepEqual(errs, [], `generator produced invalid IR for seed ${seed} (${errs.join('; ')}):\n${text}`);
    const want = ARGS.map((a) => String(new Machine(m).call('f', a)));
    const opt: Module = structuredClone(m);
    const rep = optimize(opt, { verify: true });
    if (rep.after < rep.before) shrunk++;
    const got = ARGS.map((a) => String(new Machine(opt).call('f', a)));
    assert.deepEqual(got, want, `seed ${seed} computes differently after optimize; input:\n${text}\noutput:\n${printModule(opt)}`);
  }
  assert.ok(shrunk > count / 2, `only ${shrunk} of ${count} functions got smaller`);
});
