// `for` loops. A loop over a finite range, a slice or an array with any chain
// of `rev`, `step_by` and `enumerate` yields items that are arithmetic
// progressions of one counter k = 0..=last: the element (an integer, or an
// element address) and each enumerate index are `first + k·step`. The
// adapters only transform (first, step, last):
//   rev:        first += last·step; step = -step
//   step_by(n): step *= n; last /= n        (n = 0 panics, as in Rust)
//   enumerate:  adds the progression (0, 1)
// which gives exactly Rust's items (e.g. (0..10).step_by(3).rev() = 9,6,3,0)
// without overflow: the counter stops at `last` before any step past the end.
// `lo..` (RangeFrom) follows Rust's state machine (and its debug overflow
// panic); an iterator held in a variable is driven through `next` (next.ts).
import type { Ty as IrTy, Value } from '../ir.ts';
import type { HirExpr, HirPat } from '../../check/hir.ts';
import { forPlan } from '../../check/hir.ts';
import { arrayLen, type Ty } from '../../check/types.ts';
import { NONE, type FnLower, type Val } from './fn.ts';
import { lowerExpr } from './expr.ts';
import { Join, lowerBlock } from './control.ts';
import { bindOcc } from './match.ts';
import { intTy, addOvf, type IntTy } from './arith.ts';
import { checkOrPanic, OVERFLOW_MSG } from './panic.ts';
import { iterNext } from './next.ts';

/** One arithmetic progression of the item. */
interface Prog {
  ir: IrTy;
  first: Value;
  /** Step in the progression's own type (wrapping). */
  step: Value;
}

/** The item as a tree: a progression (int or element address), or an enumerate pair. */
type Item =
  | { k: 'int'; p: Prog }
  | { k: 'addr'; p: Prog; elem: Ty; byValue: boolean }
  | { k: 'pair'; index: Prog; inner: Item };

export function lowerFor(fx: FnLower, e: HirExpr & { kind: 'for' }): Val {
  const plan = forPlan(e.iter);
  const src = plan.source;
  if (src.kind === 'range' && src.hi === null) return rangeFrom(fx, e, src.lo!, plan.adapters);
  let item: Item;
  let last: Value;
  let empty: Value;
  let counter: IrTy = 'i32';
  if (src.kind === 'range') {
    const t = fx.ty(src.lo?.ty ?? src.hi!.ty);
    const it = intTy(fx, t);
    const lo = fx.scalar(lowerExpr(fx, src.lo!));
    const hi = fx.scalar(lowerExpr(fx, src.hi!));
    ({ last, empty, counter } = rangeCount(fx, it, lo, hi, src.inclusive));
    item = { k: 'int', p: { ir: it.ir, first: lo, step: fx.c(it.ir, 1) } };
  } else {
    const seq = sequenceSource(fx, src);
    if (seq.kind === 'range') {
      ({ last, empty, counter } = rangeCount(fx, seq.it, seq.lo, seq.hi, seq.inclusive));
      if (seq.exhausted) empty = fx.bin('or', 'i8', empty, seq.exhausted);
      item = { k: 'int', p: { ir: seq.it.ir, first: seq.lo, step: fx.c(seq.it.ir, 1) } };
    } else if (seq.kind === 'seq') {
      empty = fx.cmp('eq', 'i32', seq.len, fx.c('i32', 0));
      last = fx.bin('sub', 'i32', seq.len, fx.c('i32', 1));
      item = { k: 'addr', p: { ir: 'ptr', first: seq.addr, step: fx.c('ptr', seq.stride) }, elem: seq.elem, byValue: seq.byValue };
    } else {
      return genericFor(fx, e, seq.addr, seq.ty);
    }
  }
  for (const a of plan.adapters) {
    if (a.kind === 'rev') {
      mapProgs(item, (p) => ({ ir: p.ir, first: fx.bin('add', p.ir, p.first, fx.bin('mul', p.ir, fx.resize(counter, p.ir, false, last), p.step)), step: fx.un('neg', p.ir, p.step) }));
    } else if (a.kind === 'stepBy') {
      const n = fx.scalar(lowerExpr(fx, a.step));
      checkOrPanic(fx, fx.cmp('eq', 'i32', n, fx.c('i32', 0)), 'assertion failed: step != 0', a.step.span);
      const nc = fx.resize('i32', counter, false, n);
      last = fx.bin('udiv', counter, last, nc);
      mapProgs(item, (p) => ({ ir: p.ir, first: p.first, step: fx.bin('mul', p.ir, p.step, fx.resize('i32', p.ir, false, n)) }));
    } else {
      item = { k: 'pair', index: { ir: 'i32', first: fx.c('i32', 0), step: fx.c('i32', 1) }, inner: item };
    }
  }
  // pre: empty? → exit | head(k = 0, firsts…)
  const progs = collectProgs(item);
  const head = fx.b.newBlock([counter, ...progs.map((p) => p.ir)]);
  const latch = fx.b.newBlock();
  const join = new Join(fx, fx.m.T.unit, null);
  fx.b.branch(empty, { block: join.block, args: [] }, { block: head, args: [fx.c(counter, 0), ...progs.map((p) => p.first)] });
  fx.b.switchTo(head);
  const params = fx.b.blockParams(head);
  const k = params[0]!;
  const cur = params.slice(1);
  fx.loops.set(e.loopId, { join, continueBlock: latch });
  bindItem(fx, e.pat, fx.ty(e.itemTy), item, cur);
  lowerBlock(fx, e.body, null);
  if (fx.b.isOpen) fx.b.jump(latch);
  // latch: k == last? → exit | head(k + 1, cur + step…)
  fx.b.switchTo(latch);
  const next = [fx.bin('add', counter, k, fx.c(counter, 1)), ...progs.map((p, j) => fx.bin('add', p.ir, cur[j]!, p.step))];
  fx.b.branch(fx.cmp('eq', counter, k, last), { block: join.block, args: [] }, { block: head, args: next });
  return join.finish();
}

/** Number of items of lo..hi / lo..=hi as (last index, empty flag), in a counter type wide enough. */
function rangeCount(fx: FnLower, it: IntTy, lo: Value, hi: Value, inclusive: boolean): { last: Value; empty: Value; counter: IrTy } {
  const counter: IrTy = it.bits === 64 ? 'i64' : 'i32';
  const empty = fx.cmp(inclusive ? (it.signed ? 'sgt' : 'ugt') : (it.signed ? 'sge' : 'uge'), it.ir, lo, hi);
  const diff = fx.bin('sub', counter, fx.resize(it.ir, counter, it.signed, hi), fx.resize(it.ir, counter, it.signed, lo));
  const last = inclusive ? diff : fx.bin('sub', counter, diff, fx.c(counter, 1));
  return { last, empty, counter };
}

type Source =
  | { kind: 'range'; it: IntTy; lo: Value; hi: Value; inclusive: boolean; exhausted: Value | null }
  | { kind: 'seq'; addr: Value; len: Value; stride: number; elem: Ty; byValue: boolean }
  | { kind: 'iter'; addr: Value; ty: Ty };

/** Slices, arrays (moved into a temporary) and iterator values. */
function sequenceSource(fx: FnLower, src: Exclude<ReturnType<typeof forPlan>['source'], { kind: 'range' }>): Source {
  if (src.kind === 'slice') {
    const v = lowerExpr(fx, src.slice);
    const t = fx.ty(src.slice.ty);
    const inner = t.kind === 'ref' || t.kind === 'ptr' ? t.inner : t;
    if (v.k !== 'p' || inner.kind !== 'slice') return fx.err('internal: slice iteration over a non-slice', src.slice.span);
    return { kind: 'seq', addr: v.a, len: v.b, stride: fx.layout(inner.elem).size, elem: inner.elem, byValue: false };
  }
  const ex = src.kind === 'array' ? src.array : src.iter;
  const t = fx.ty(ex.ty);
  if (t.kind === 'array') {
    const v = fx.own(lowerExpr(fx, ex), t);
    const n = arrayLen(t)!;
    const addr = v.k === 'm' ? fx.memAddr(v) : fx.temp(t, 'zst-array');
    return { kind: 'seq', addr, len: fx.c('i32', n), stride: fx.layout(t.elem).size, elem: t.elem, byValue: true };
  }
  if (t.kind === 'ref' && (t.inner.kind === 'array' || t.inner.kind === 'slice')) {
    const v = lowerExpr(fx, ex);
    const inner = t.inner;
    if (inner.kind === 'array') return { kind: 'seq', addr: fx.scalar(v), len: fx.c('i32', arrayLen(inner)!), stride: fx.layout(inner.elem).size, elem: inner.elem, byValue: false };
    if (v.k !== 'p') return fx.err('internal: slice reference is not a fat pointer', ex.span);
    return { kind: 'seq', addr: v.a, len: v.b, stride: fx.layout(inner.elem).size, elem: inner.elem, byValue: false };
  }
  if (t.kind === 'builtin' && (t.name === 'Range' || t.name === 'RangeInclusive')) {
    const v = fx.own(lowerExpr(fx, ex), t);
    const l = fx.layout(t);
    const et = t.args[0]!;
    const it = intTy(fx, et);
    const addr = fx.memAddr(v);
    const lo = fx.b.load(it.ir, addr, l.offsets![0]!);
    const hi = fx.b.load(it.ir, addr, l.offsets![1]!);
    const inclusive = t.name === 'RangeInclusive';
    return { kind: 'range', it, lo, hi, inclusive, exhausted: inclusive ? fx.b.load('i8', addr, l.offsets![2]!) : null };
  }
  if (t.kind === 'ref' && t.mut && t.inner.kind === 'builtin') {
    // `for x in &mut iter`: drive the caller's iterator in place.
    return { kind: 'iter', addr: fx.scalar(lowerExpr(fx, ex)), ty: t.inner };
  }
  if (t.kind === 'builtin') {
    const v = fx.own(lowerExpr(fx, ex), t);
    return { kind: 'iter', addr: v.k === 'm' ? fx.memAddr(v) : fx.temp(t), ty: t };
  }
  return fx.err(`\`for\` over a value of this type is not supported`, ex.span);
}

function mapProgs(item: Item, f: (p: Prog) => Prog): void {
  switch (item.k) {
    case 'int': case 'addr': item.p = f(item.p); return;
    case 'pair': item.index = f(item.index); mapProgs(item.inner, f); return;
  }
}

function collectProgs(item: Item): Prog[] {
  switch (item.k) {
    case 'int': case 'addr': return [item.p];
    case 'pair': return [item.index, ...collectProgs(item.inner)];
  }
}

/** Binds the loop pattern to the current item; enumerate pairs bind component-wise when the pattern is a tuple. */
function bindItem(fx: FnLower, pat: HirPat, ty: Ty, item: Item, cur: Value[]): void {
  let at = 0;
  const val = (it: Item, t: Ty): Val => {
    switch (it.k) {
      case 'int': return { k: 's', v: cur[at++]! };
      case 'addr': {
        const a = cur[at++]!;
        return it.byValue ? fx.loadVal(a, 0, it.elem) : { k: 's', v: a };
      }
      case 'pair': {
        const idx = cur[at++]!;
        const inner = val(it.inner, t.kind === 'tuple' ? t.elems[1]! : t);
        const addr = fx.temp(t, 'item');
        const l = fx.layout(t);
        fx.b.store('i32', addr, idx, l.offsets![0]!);
        fx.storeVal(addr, l.offsets![1]!, (t as Ty & { kind: 'tuple' }).elems[1]!, inner);
        return { k: 'm', addr, off: 0 };
      }
    }
  };
  const bind = (p: HirPat, t: Ty, it: Item): void => {
    if (it.k === 'pair' && p.kind === 'tuple' && t.kind === 'tuple') {
      const idx = cur[at++]!;
      bindOcc(fx, p.elems[0]!, { k: 'val', val: { k: 's', v: idx }, ty: t.elems[0]! });
      bind(p.elems[1]!, t.elems[1]!, it.inner);
      return;
    }
    const v = val(it, t);
    bindOcc(fx, p, v.k === 'm' ? { k: 'mem', addr: v.addr, off: v.off, ty: t, len: null } : { k: 'val', val: v, ty: t });
  };
  bind(pat, ty, item);
}

/** `for x in lo..` with step_by/enumerate: Rust's RangeFrom/StepBy state machine (overflow panics in debug). */
function rangeFrom(fx: FnLower, e: HirExpr & { kind: 'for' }, loE: HirExpr, adapters: ReturnType<typeof forPlan>['adapters']): Val {
  const t = fx.ty(loE.ty);
  const it = intTy(fx, t);
  const lo = fx.scalar(lowerExpr(fx, loE));
  let step: Value | null = null;
  let enumerate = false;
  let idxStep: Value = fx.c('i32', 1);
  for (const a of adapters) {
    if (a.kind === 'rev') return fx.err('`rev` on an unbounded range', e.iter.span);
    if (a.kind === 'stepBy') {
      const n = fx.scalar(lowerExpr(fx, a.step));
      checkOrPanic(fx, fx.cmp('eq', 'i32', n, fx.c('i32', 0)), 'assertion failed: step != 0', a.step.span);
      step = step ? fx.bin('mul', 'i32', step, n) : n;
      if (enumerate) idxStep = fx.bin('mul', 'i32', idxStep, n);
    } else enumerate = true;
  }
  // State: (first?, start, index). Item = start + (first ? 0 : step - 1).
  const head = fx.b.newBlock(['i8', it.ir, 'i32']);
  const latch = fx.b.newBlock();
  const join = new Join(fx, fx.m.T.unit, null);
  fx.b.jump(head, [fx.c('i8', 1), lo, fx.c('i32', 0)]);
  fx.b.switchTo(head);
  const [first, start, index] = fx.b.blockParams(head) as [Value, Value, Value];
  const one = fx.c(it.ir, 1);
  const inc = (a: Value, b: Value): Value => {
    if (!fx.m.opts.debug) return fx.bin('add', it.ir, a, b);
    const r = addOvf(fx, it, a, b);
    checkOrPanic(fx, r.ovf, OVERFLOW_MSG.add, e.iter.span);
    return r.r;
  };
  let v = start;
  if (step) {
    const extra = fx.select(it.ir, first, fx.c(it.ir, 0), fx.bin('sub', it.ir, fx.resize('i32', it.ir, false, step), one));
    v = inc(start, extra);
  }
  const nextStart = inc(v, one);
  fx.loops.set(e.loopId, { join, continueBlock: latch });
  const itemTy = fx.ty(e.itemTy);
  const valItem: Item = enumerate
    ? { k: 'pair', index: { ir: 'i32', first: index, step: idxStep }, inner: { k: 'int', p: { ir: it.ir, first: v, step: one } } }
    : { k: 'int', p: { ir: it.ir, first: v, step: one } };
  bindItem(fx, e.pat, itemTy, valItem, enumerate ? [index, v] : [v]);
  lowerBlock(fx, e.body, null);
  if (fx.b.isOpen) fx.b.jump(latch);
  fx.b.switchTo(latch);
  fx.b.jump(head, [fx.c('i8', 0), nextStart, fx.bin('add', 'i32', index, idxStep)]);
  return join.finish();
}

/** Any other iterator value: `while let Some(x) = it.next()`. */
function genericFor(fx: FnLower, e: HirExpr & { kind: 'for' }, addr: Value, ty: Ty): Val {
  const head = fx.b.newBlock();
  const body = fx.b.newBlock();
  const join = new Join(fx, fx.m.T.unit, null);
  fx.b.jump(head);
  fx.b.switchTo(head);
  const itemTy = fx.ty(e.itemTy);
  const r = iterNext(fx, addr, ty, e.iter.span);
  fx.b.branch(r.has, { block: body, args: [] }, { block: join.block, args: [] });
  fx.b.switchTo(body);
  fx.loops.set(e.loopId, { join, continueBlock: head });
  const v = r.item();
  bindOcc(fx, e.pat, v.k === 'm' ? { k: 'mem', addr: v.addr, off: v.off, ty: itemTy, len: null } : { k: 'val', val: v, ty: itemTy });
  lowerBlock(fx, e.body, null);
  if (fx.b.isOpen) fx.b.jump(head);
  void NONE;
  return join.finish();
}
