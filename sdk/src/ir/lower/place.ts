// Places (lvalues): locals, statics, dereferences, fields, tuple fields,
// indexing and sub-slicing. A place is either an address (+ constant offset,
// + a length for the unsized places `[T]`/`str`) or an SSA local.
// Index and range checks are emitted here, with Rust's panic messages.
import type { Value } from '../ir.ts';
import type { HirExpr, LocalVar } from '../../check/hir.ts';
import { arrayLen, type Ty } from '../../check/types.ts';
import { isUnsized } from '../layout.ts';
import type { FnLower, Val } from './fn.ts';
import { lowerExpr } from './expr.ts';
import { location } from './panic.ts';

export type Place =
  | { k: 'mem'; addr: Value; off: number; ty: Ty; len: Value | null }
  | { k: 'ssa'; local: LocalVar; ty: Ty };

export function isPlaceExpr(e: HirExpr): boolean {
  switch (e.kind) {
    case 'local': case 'static': case 'deref': return true;
    case 'field': case 'tupleField': case 'index': case 'sliceRange': return true;
    default: return false;
  }
}

/** Lowers a place expression; any other expression is evaluated into a temporary. */
export function lowerPlace(fx: FnLower, e: HirExpr): Place {
  const ty = fx.ty(e.ty);
  switch (e.kind) {
    case 'local': {
      const addr = fx.localAddr(e.local);
      if (addr === null) return { k: 'ssa', local: e.local, ty };
      return { k: 'mem', addr, off: 0, ty, len: null };
    }
    case 'static':
      return { k: 'mem', addr: fx.sym(fx.m.staticSymbol(e.def)), off: 0, ty, len: null };
    case 'deref': {
      const p = lowerExpr(fx, e.operand);
      if (isUnsized(ty)) {
        if (p.k !== 'p') fx.err('internal: dereference of a thin pointer to an unsized type', e.span);
        return { k: 'mem', addr: p.a, off: 0, ty, len: p.b };
      }
      return { k: 'mem', addr: fx.scalar(p), off: 0, ty, len: null };
    }
    case 'field': {
      const base = memPlace(fx, lowerPlace(fx, e.base));
      const bt = base.ty;
      const l = fx.layout(bt);
      const off = l.variants ? l.variants[e.variant]!.offsets[e.index]! : l.offsets![e.index]!;
      return { k: 'mem', addr: base.addr, off: base.off + off, ty, len: null };
    }
    case 'tupleField': {
      const base = memPlace(fx, lowerPlace(fx, e.base));
      const l = fx.layout(base.ty);
      const off = l.variants ? l.variants[0]!.offsets[e.index]! : l.offsets![e.index]!;
      return { k: 'mem', addr: base.addr, off: base.off + off, ty, len: null };
    }
    case 'index': return indexPlace(fx, e);
    case 'sliceRange': return sliceRangePlace(fx, e);
    default: {
      const v = lowerExpr(fx, e);
      const s = fx.spill(v, ty);
      return { k: 'mem', addr: s.addr, off: s.off, ty, len: null };
    }
  }
}

/** Forces a place into memory (SSA locals are spilled to a temporary: they are immutable, so a copy is indistinguishable). */
export function memPlace(fx: FnLower, p: Place): Place & { k: 'mem' } {
  if (p.k === 'mem') return p;
  const s = fx.spill(fx.readLocal(p.local), p.ty);
  return { k: 'mem', addr: s.addr, off: s.off, ty: p.ty, len: null };
}

export function readPlace(fx: FnLower, p: Place): Val {
  if (p.k === 'ssa') return fx.readLocal(p.local);
  if (p.len !== null) fx.err('internal: reading an unsized place by value');
  return fx.loadVal(p.addr, p.off, p.ty);
}

export function writePlace(fx: FnLower, p: Place, v: Val): void {
  if (p.k === 'ssa') {
    // Only `let x;` locals are assigned after declaration, and those live in memory.
    fx.bind(p.local, v);
    return;
  }
  fx.storeVal(p.addr, p.off, p.ty, v);
}

/** `&place`: a thin pointer, or (ptr, len) for unsized places. */
export function placeRef(fx: FnLower, p: Place): Val {
  const mp = memPlace(fx, p);
  const a = fx.offset(mp.addr, mp.off);
  if (isUnsized(mp.ty)) return { k: 'p', a, b: mp.len! };
  return { k: 's', v: a };
}

/** Base of an index/slice operation: address of element 0, length, element stride. */
function sequence(fx: FnLower, base: HirExpr): { addr: Value; len: Value; stride: number; elem: Ty | null; constLen: number | null } {
  const p = memPlace(fx, lowerPlace(fx, base));
  const bt = p.ty;
  const addr = fx.offset(p.addr, p.off);
  if (bt.kind === 'array') {
    const n = arrayLen(bt) ?? fx.err('internal: array without a constant length', base.span);
    return { addr, len: fx.c('i32', n), stride: fx.layout(bt.elem).size, elem: bt.elem, constLen: n };
  }
  if (bt.kind === 'slice') return { addr, len: p.len!, stride: fx.layout(bt.elem).size, elem: bt.elem, constLen: null };
  if (bt.kind === 'str') return { addr, len: p.len!, stride: 1, elem: null, constLen: null };
  return fx.err(`internal: indexing a value of kind ${bt.kind}`, base.span);
}

function indexPlace(fx: FnLower, e: HirExpr & { kind: 'index' }): Place {
  const seq = sequence(fx, e.base);
  const idx = fx.scalar(lowerExpr(fx, e.index));
  const ty = fx.ty(e.ty);
  const proven = e.proof?.kind === 'inRange';
  if (!proven) {
    fx.guard(fx.cmp('uge', 'i32', idx, seq.len), () => fx.noReturnCall(fx.m.requireRuntime('__orizon_panic_bounds'), [idx, seq.len, location(fx, e.base.span)]));
  }
  return { k: 'mem', addr: fx.index(seq.addr, idx, seq.stride), off: 0, ty, len: null };
}

function sliceRangePlace(fx: FnLower, e: HirExpr & { kind: 'sliceRange' }): Place {
  const seq = sequence(fx, e.base);
  const ty = fx.ty(e.ty);
  // Rust reports sub-slicing (an overloaded Index call) at the `[`.
  const loc = () => location(fx, { file: e.base.span.file, start: e.base.span.end, end: e.base.span.end + 1 });
  const lo = e.lo ? fx.scalar(lowerExpr(fx, e.lo)) : null;
  let hi = e.hi ? fx.scalar(lowerExpr(fx, e.hi)) : null;
  const fail = (cond: Value, kind: number, a: Value, b: Value) =>
    fx.guard(cond, () => fx.noReturnCall(fx.m.requireRuntime('__orizon_panic_slice'), [fx.c('i32', kind), a, b, loc()]));
  if (hi !== null && e.inclusive) {
    // `..=usize::MAX` cannot be represented as an exclusive end.
    const max = fx.cmp('eq', 'i32', hi, fx.c('i32', 0xffff_ffff));
    fail(max, 3, hi, seq.len);
    hi = fx.bin('add', 'i32', hi, fx.c('i32', 1));
  }
  if (seq.elem === null) {
    // str: bounds, order and char boundaries in one runtime check (Rust's messages).
    fx.b.call(fx.m.requireRuntime('__orizon_str_check'), [lo ?? fx.c('i32', 0), hi ?? seq.len, seq.addr, seq.len, loc()], []);
  } else if (lo !== null && hi !== null) {
    fail(fx.cmp('ugt', 'i32', lo, hi), 2, lo, hi);
    fail(fx.cmp('ugt', 'i32', hi, seq.len), 1, hi, seq.len);
  } else if (hi !== null) {
    fail(fx.cmp('ugt', 'i32', hi, seq.len), 1, hi, seq.len);
  } else if (lo !== null) {
    fail(fx.cmp('ugt', 'i32', lo, seq.len), 0, lo, seq.len);
  }
  const start = lo ?? fx.c('i32', 0);
  const end = hi ?? seq.len;
  return { k: 'mem', addr: fx.index(seq.addr, start, seq.stride), off: 0, ty, len: fx.bin('sub', 'i32', end, start) };
}
