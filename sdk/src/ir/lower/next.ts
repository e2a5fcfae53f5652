// `Iterator::next` on iterator values held in memory (a `for` over an
// iterator variable, or an explicit `it.next()`), with Rust's semantics for
// Range, RangeInclusive (with its `exhausted` flag), RangeFrom, slice
// iterators, Rev (next_back), Enumerate and StepBy (first_take, then nth).
//
// iterNext emits the "is there an item" test in the current block and returns
// `item()`, which advances the iterator and yields the item; call it only on
// the path where `has` is true.
import type { Value } from '../ir.ts';
import type { Span } from '../../diag/source.ts';
import type { Ty } from '../../check/types.ts';
import type { FnLower, Val } from './fn.ts';
import { intTy, addOvf } from './arith.ts';
import { checkOrPanic, OVERFLOW_MSG } from './panic.ts';

export interface NextResult {
  has: Value;
  item: () => Val;
}

export function iterNext(fx: FnLower, addr: Value, t: Ty, span: Span | null): NextResult {
  return next(fx, addr, 0, t, false, span);
}

function next(fx: FnLower, addr: Value, off: number, t: Ty, back: boolean, span: Span | null): NextResult {
  if (t.kind !== 'builtin') return fx.err('internal: `next` on a non-iterator', span);
  const l = fx.layout(t);
  const o = (k: number) => off + l.offsets![k]!;
  switch (t.name) {
    case 'Range': {
      const it = intTy(fx, t.args[0]!);
      const start = fx.b.load(it.ir, addr, o(0));
      const end = fx.b.load(it.ir, addr, o(1));
      const has = fx.cmp(it.signed ? 'slt' : 'ult', it.ir, start, end);
      return {
        has,
        item: () => {
          const one = fx.c(it.ir, 1);
          if (back) {
            const e2 = fx.bin('sub', it.ir, end, one);
            fx.b.store(it.ir, addr, e2, o(1));
            return { k: 's', v: e2 };
          }
          fx.b.store(it.ir, addr, fx.bin('add', it.ir, start, one), o(0));
          return { k: 's', v: start };
        },
      };
    }
    case 'RangeInclusive': {
      const it = intTy(fx, t.args[0]!);
      const start = fx.b.load(it.ir, addr, o(0));
      const end = fx.b.load(it.ir, addr, o(1));
      const exhausted = fx.b.load('i8', addr, o(2));
      const le = fx.cmp(it.signed ? 'sle' : 'ule', it.ir, start, end);
      const has = fx.bin('and', 'i8', le, fx.cmp('eq', 'i8', exhausted, fx.c('i8', 0)));
      return {
        has,
        item: () => {
          const one = fx.c(it.ir, 1);
          const lt = fx.cmp(it.signed ? 'slt' : 'ult', it.ir, start, end);
          fx.b.store('i8', addr, fx.bin('xor', 'i8', lt, fx.c('i8', 1)), o(2));
          if (back) {
            fx.b.store(it.ir, addr, fx.select(it.ir, lt, fx.bin('sub', it.ir, end, one), end), o(1));
            return { k: 's', v: end };
          }
          fx.b.store(it.ir, addr, fx.select(it.ir, lt, fx.bin('add', it.ir, start, one), start), o(0));
          return { k: 's', v: start };
        },
      };
    }
    case 'RangeFrom': {
      const it = intTy(fx, t.args[0]!);
      const start = fx.b.load(it.ir, addr, o(0));
      return {
        has: fx.c('i8', 1),
        item: () => {
          const one = fx.c(it.ir, 1);
          let n: Value;
          if (fx.m.opts.debug) {
            const r = addOvf(fx, it, start, one);
            checkOrPanic(fx, r.ovf, OVERFLOW_MSG.add, span);
            n = r.r;
          } else n = fx.bin('add', it.ir, start, one);
          fx.b.store(it.ir, addr, n, o(0));
          return { k: 's', v: start };
        },
      };
    }
    case 'SliceIter': case 'SliceIterMut': {
      const stride = fx.layout(t.args[0]!).size;
      const ptr = fx.b.load('ptr', addr, o(0));
      const len = fx.b.load('i32', addr, o(1));
      return {
        has: fx.cmp('ne', 'i32', len, fx.c('i32', 0)),
        item: () => {
          const n = fx.bin('sub', 'i32', len, fx.c('i32', 1));
          fx.b.store('i32', addr, n, o(1));
          if (back) return { k: 's', v: fx.index(ptr, n, stride) };
          fx.b.store('ptr', addr, fx.offset(ptr, stride), o(0));
          return { k: 's', v: ptr };
        },
      };
    }
    case 'Rev': return next(fx, addr, off, t.args[0]!, !back, span);
    case 'Enumerate': {
      if (back) return fx.err('`rev()` after `enumerate()` on an iterator value is not supported; apply it in the `for` directly', span);
      const inner = next(fx, addr, o(0), t.args[0]!, false, span);
      return {
        has: inner.has,
        item: () => {
          const v = inner.item();
          const count = fx.b.load('i32', addr, o(1));
          fx.b.store('i32', addr, fx.bin('add', 'i32', count, fx.c('i32', 1)), o(1));
          const itemTy = fx.m.T.tuple([fx.m.T.usize, itemOf(fx, t.args[0]!)]);
          const il = fx.layout(itemTy);
          const tmp = fx.temp(itemTy, 'item');
          fx.b.store('i32', tmp, count, il.offsets![0]!);
          fx.storeVal(tmp, il.offsets![1]!, (itemTy as Ty & { kind: 'tuple' }).elems[1]!, v);
          return { k: 'm', addr: tmp, off: 0 };
        },
      };
    }
    case 'StepBy': {
      if (back) return fx.err('`rev()` of a `step_by` iterator value is not supported; apply it in the `for` directly', span);
      // first_take ? inner.next() : inner.nth(step - 1), with nth = skip then next.
      const first = fx.b.load('i8', addr, o(2));
      const step = fx.b.load('i32', addr, o(1));
      const skipB = fx.b.newBlock();
      const test = fx.b.newBlock();
      fx.b.branch(first, { block: test, args: [] }, { block: skipB, args: [] });
      fx.b.switchTo(skipB);
      skip(fx, addr, o(0), t.args[0]!, fx.bin('sub', 'i32', step, fx.c('i32', 1)), span);
      fx.b.jump(test);
      fx.b.switchTo(test);
      fx.b.store('i8', addr, fx.c('i8', 0), o(2));
      return next(fx, addr, o(0), t.args[0]!, false, span);
    }
    default:
      return fx.err(`\`next\` on \`${t.name}\` is not supported`, span);
  }
}

/** Advances an inner iterator by n items (or to its end), without producing them. */
function skip(fx: FnLower, addr: Value, off: number, t: Ty, n: Value, span: Span | null): void {
  const head = fx.b.newBlock(['i32']);
  const body = fx.b.newBlock();
  const exit = fx.b.newBlock();
  fx.b.jump(head, [n]);
  fx.b.switchTo(head);
  const [k] = fx.b.blockParams(head) as [Value];
  const more = fx.cmp('ne', 'i32', k, fx.c('i32', 0));
  const testB = fx.b.newBlock();
  fx.b.branch(more, { block: testB, args: [] }, { block: exit, args: [] });
  fx.b.switchTo(testB);
  const r = next(fx, addr, off, t, false, span);
  fx.b.branch(r.has, { block: body, args: [] }, { block: exit, args: [] });
  fx.b.switchTo(body);
  r.item();
  fx.b.jump(head, [fx.bin('sub', 'i32', k, fx.c('i32', 1))]);
  fx.b.switchTo(exit);
}

function itemOf(fx: FnLower, t: Ty): Ty {
  const T = fx.m.T;
  if (t.kind !== 'builtin') return T.error;
  switch (t.name) {
    case 'SliceIter': return T.ref(false, t.args[0]!);
    case 'SliceIterMut': return T.ref(true, t.args[0]!);
    case 'Enumerate': return T.tuple([T.usize, itemOf(fx, t.args[0]!)]);
    case 'Rev': case 'StepBy': return itemOf(fx, t.args[0]!);
    default: return t.args[0]!;
  }
}
