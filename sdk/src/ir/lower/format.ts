// print!/println!/eprint!/eprintln! and panic! formatting. Arguments are
// evaluated once, in order, before anything is written (as format_args!
// does); then the formatter is opened on the stream, literal pieces and
// arguments are written through the runtime (runtime.ts), and it is flushed.
//
// Each argument is formatted by its type and trait: Display for integers,
// bool, char and str; Debug for those and every aggregate (debug.ts);
// LowerHex/UpperHex/Binary/Octal for integers (two's complement of the
// type's width, as Rust). Width, fill, alignment, sign, `#` and `0` travel
// in a FmtSpec: static data, or a stack copy when the width/precision is an
// argument (`{:1$}`).
import type { Value } from '../ir.ts';
import type { FmtSpec, HirExpr, HirFormat } from '../../check/hir.ts';
import type { Ty } from '../../check/types.ts';
import { isUnsized } from '../layout.ts';
import type { FnLower, Val } from './fn.ts';
import { lowerExpr } from './expr.ts';
import { lowerPlace, memPlace, isPlaceExpr } from './place.ts';
import { location } from './panic.ts';
import { intTy } from './arith.ts';
import { debugCall } from './debug.ts';
import { FLAG_ALIGN_CENTER, FLAG_ALIGN_LEFT, FLAG_ALIGN_RIGHT, FLAG_ALT, FLAG_PLUS, FLAG_ZERO } from './runtime.ts';

/** A formatting argument: its value, and its address when it lives in memory. */
export interface FmtArg {
  val: Val;
  ty: Ty;
}

export function lowerPrint(fx: FnLower, e: HirExpr & { kind: 'print' }): void {
  const args = evalArgs(fx, e.fmt);
  fx.b.call(fx.m.requireRuntime('__orizon_fmt_begin'), [fx.c('i32', e.stream === 'stderr' ? 2 : 1)], []);
  writePieces(fx, e.fmt, args);
  fx.b.call(fx.m.requireRuntime('__orizon_fmt_end'), [], []);
}

export function lowerPanic(fx: FnLower, e: HirExpr & { kind: 'panic' }): void {
  const f = e.fmt;
  const loc = () => location(fx, e.span);
  if (f.args.length === 0 && f.pieces.every((p) => p.kind === 'str')) {
    const msg = f.pieces.map((p) => (p.kind === 'str' ? p.text : '')).join('');
    const s = fx.m.str(msg);
    fx.noReturnCall(fx.m.requireRuntime('__orizon_panic'), [fx.sym(s.symbol), fx.c('i32', s.len), loc()]);
  } else {
    const args = evalArgs(fx, f);
    fx.b.call(fx.m.requireRuntime('__orizon_panic_begin'), [], []);
    writePieces(fx, f, args);
    fx.noReturnCall(fx.m.requireRuntime('__orizon_panic_end'), [loc()]);
  }
  fx.dead();
}

function evalArgs(fx: FnLower, f: HirFormat): FmtArg[] {
  return f.args.map((a) => {
    const ty = fx.ty(a.ty);
    if (isPlaceExpr(a) && fx.layout(ty).abi.kind === 'mem') {
      const p = memPlace(fx, lowerPlace(fx, a));
      return { val: { k: 'm', addr: p.addr, off: p.off }, ty };
    }
    return { val: lowerExpr(fx, a), ty };
  });
}

function writePieces(fx: FnLower, f: HirFormat, args: FmtArg[]): void {
  let text = '';
  const flush = () => {
    if (!text) return;
    const s = fx.m.str(text);
    fx.b.call(fx.m.requireRuntime('__orizon_fmt_str'), [fx.sym(s.symbol), fx.c('i32', s.len)], []);
    text = '';
  };
  for (const p of f.pieces) {
    if (p.kind === 'str') { text += p.text; continue; }
    flush();
    const a = args[p.index]!;
    formatValue(fx, a.val, a.ty, p.spec, specPtr(fx, p.spec, args));
  }
  flush();
}

export function specFlags(s: FmtSpec): number {
  let flags = s.align === '<' ? FLAG_ALIGN_LEFT : s.align === '>' ? FLAG_ALIGN_RIGHT : s.align === '^' ? FLAG_ALIGN_CENTER : 0;
  if (s.alternate) flags |= FLAG_ALT;
  if (s.zero) flags |= FLAG_ZERO;
  if (s.sign === '+') flags |= FLAG_PLUS;
  return flags;
}

/** The FmtSpec for a placeholder: static data, or a stack copy with the run-time width/precision. */
function specPtr(fx: FnLower, s: FmtSpec, args: FmtArg[]): Value {
  const fill = s.fill ? s.fill.codePointAt(0)! : 32;
  const width = typeof s.width === 'number' ? s.width : null;
  const precision = typeof s.precision === 'number' ? s.precision : null;
  const sym = fx.sym(fx.m.spec(fill, width, precision, specFlags(s)));
  const isDyn = (x: FmtSpec['width']) => x !== null && typeof x === 'object';
  if (!isDyn(s.width) && !isDyn(s.precision)) return sym;
  const slot = fx.b.slotAddr(fx.b.addSlot(16, 4, 'spec'));
  fx.b.emit({ op: 'copy', dst_addr: slot, src_addr: sym, size: 16, align: 4 });
  const dyn = (x: FmtSpec['width'], off: number) => {
    if (x === null || typeof x === 'number') return;
    const v = args[x.arg]!;
    fx.b.store('i32', slot, fx.scalar(v.val), off);
  };
  dyn(s.width, 4);
  dyn(s.precision, 8);
  return slot;
}

/** Writes one value formatted by `spec` (its trait) through the runtime. */
export function formatValue(fx: FnLower, v: Val, t: Ty, spec: FmtSpec, sp: Value): void {
  const rt = (n: string) => fx.m.requireRuntime(n);
  // References format as their referent.
  while (t.kind === 'ref' && !isUnsized(t.inner)) {
    const inner = t.inner;
    v = fx.loadVal(fx.scalar(v), 0, inner);
    t = inner;
  }
  if (t.kind === 'ref' && isUnsized(t.inner) && t.inner.kind === 'slice') {
    if (v.k !== 'p') fx.err('internal: slice reference is not a pair');
    debugCall(fx, t.inner, [v.a, v.b], spec.alternate, sp);
    return;
  }
  const str = t.kind === 'ref' && t.inner.kind === 'str';
  switch (spec.trait) {
    case 'Display':
      if (str) {
        if (v.k !== 'p') fx.err('internal: &str is not a pair');
        fx.b.call(rt('__orizon_fmt_pad'), [v.a, v.b, sp, fx.c('i32', 2)], []);
        return;
      }
      if (t.kind === 'int') { formatInt(fx, fx.scalar(v), t, 10, false, sp); return; }
      if (t.kind === 'bool') { boolText(fx, fx.scalar(v), sp); return; }
      if (t.kind === 'char') { fx.b.call(rt('__orizon_fmt_char'), [fx.scalar(v), sp], []); return; }
      break;
    case 'Debug':
      if (str) {
        if (v.k !== 'p') fx.err('internal: &str is not a pair');
        fx.b.call(rt('__orizon_fmt_debug_str'), [v.a, v.b], []);
        return;
      }
      debugValue(fx, v, t, spec.alternate, sp);
      return;
    case 'LowerHex': case 'UpperHex': case 'Binary': case 'Octal':
      if (t.kind === 'int') {
        const radix = spec.trait === 'Binary' ? 2 : spec.trait === 'Octal' ? 8 : 16;
        formatInt(fx, fx.scalar(v), t, radix, spec.trait === 'UpperHex', sp);
        return;
      }
      break;
  }
  fx.err(`formatting a \`${t.kind}\` with {:${spec.trait}} is not supported`);
}

/** Debug of any value (scalars inline, aggregates through the generated helpers). */
export function debugValue(fx: FnLower, v: Val, t: Ty, pretty: boolean, sp: Value): void {
  const rt = (n: string) => fx.m.requireRuntime(n);
  while (t.kind === 'ref' && !isUnsized(t.inner)) {
    v = fx.loadVal(fx.scalar(v), 0, t.inner);
    t = t.inner;
  }
  if (t.kind === 'ref') {
    if (v.k !== 'p') fx.err('internal: unsized reference is not a pair');
    if (t.inner.kind === 'str') fx.b.call(rt('__orizon_fmt_debug_str'), [v.a, v.b], []);
    else debugCall(fx, t.inner, [v.a, v.b], pretty, sp);
    return;
  }
  switch (t.kind) {
    case 'int': formatInt(fx, fx.scalar(v), t, 10, false, sp); return;
    case 'bool': boolText(fx, fx.scalar(v), sp); return;
    case 'char': fx.b.call(rt('__orizon_fmt_debug_char'), [fx.scalar(v)], []); return;
    case 'ptr': case 'fnPtr': {
      const p = v.k === 'p' ? v.a : fx.scalar(v);
      const hexSpec = fx.sym(fx.m.spec(32, null, null, FLAG_ALT));
      fx.b.call(rt('__orizon_fmt_u32'), [fx.conv('zext', 'ptr', 'i32', p), fx.c('i8', 0), fx.c('i32', 16), hexSpec], []);
      return;
    }
    case 'never': return;
    default: break;
  }
  if (t.kind === 'tuple' && t.elems.length === 0) {
    const s = fx.m.str('()');
    fx.b.call(rt('__orizon_fmt_pad'), [fx.sym(s.symbol), fx.c('i32', 2), sp, fx.c('i32', 2)], []);
    return;
  }
  const abi = fx.layout(t).abi;
  let addr: Value;
  if (v.k === 'm') addr = fx.memAddr(v);
  else if (abi.kind === 'zst') addr = fx.c('ptr', 0x1000);
  else addr = fx.offset(fx.spill(v, t).addr, 0);
  debugCall(fx, t, [addr], pretty, sp);
}

/** Integer formatting: sign and magnitude for decimal signed values, two's complement otherwise. */
function formatInt(fx: FnLower, v: Value, t: Ty, radix: number, upper: boolean, sp: Value): void {
  const it = intTy(fx, t);
  const wide = it.bits === 64;
  const w = wide ? 'i64' : 'i32';
  const mode = fx.c('i32', radix | (upper ? 0x100 : 0));
  let mag: Value;
  let neg: Value;
  if (it.signed && radix === 10) {
    const x = fx.resize(it.ir, w, true, v);
    neg = fx.cmp('slt', w, x, fx.c(w, 0));
    mag = fx.select(w, neg, fx.un('neg', w, x), x);
  } else {
    mag = fx.resize(it.ir, w, false, v);
    neg = fx.c('i8', 0);
  }
  fx.b.call(fx.m.requireRuntime(wide ? '__orizon_fmt_u64' : '__orizon_fmt_u32'), [mag, neg, mode, sp], []);
}

function boolText(fx: FnLower, v: Value, sp: Value): void {
  const t = fx.m.str('true');
  const f = fx.m.str('false');
  const p = fx.select('ptr', v, fx.sym(t.symbol), fx.sym(f.symbol));
  const n = fx.select('i32', v, fx.c('i32', 4), fx.c('i32', 5));
  fx.b.call(fx.m.requireRuntime('__orizon_fmt_pad'), [p, n, sp, fx.c('i32', 2)], []);
}
