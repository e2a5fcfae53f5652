// Pattern matching compiled to decision trees (`match`, `if let`, `while let`,
// `let` patterns, let-else, parameter patterns).
//
// The clause matrix: one row per arm (plus a fallback row for refutable
// `let`s), one column per *occurrence* (a sub-value of the scrutinee: an
// address + offset, or an SSA value). Each step looks at the first row:
// - all its patterns are irrefutable → a leaf: bind, test the guard, jump to
//   the arm (a failed guard continues with the remaining rows);
// - otherwise take its first refutable column and
//   · expand `|` alternatives into several rows,
//   · expand products (tuples, structs, `&p`, array patterns) into sub-columns,
//   · switch on the tag of an enum (one case per variant seen, plus default),
//   · switch on the value for integer/char/bool literals,
//   · or branch on one test (ranges, string literals, slice lengths), keeping in
//     each branch the rows the outcome leaves possible.
// Sub-occurrences are computed in the block of the test, which dominates
// everything below it. An arm reached from several leaves takes its SSA
// bindings as block parameters; bindings that live in memory are stored.
import type { Value } from '../ir.ts';
import type { HirExpr, HirPat, LocalVar } from '../../check/hir.ts';
import type { Span } from '../../diag/source.ts';
import { arrayLen, type Ty } from '../../check/types.ts';
import { isUnsized } from '../layout.ts';
import type { FnLower, Val } from './fn.ts';
import { lowerExpr } from './expr.ts';
import { lowerPlace, isPlaceExpr } from './place.ts';
import { Join, lowerCond, type Dest } from './control.ts';
import { intTy, maxOf, minOf } from './arith.ts';

export type Occ =
  | { k: 'mem'; addr: Value; off: number; ty: Ty; len: Value | null }
  | { k: 'val'; val: Val; ty: Ty };

interface Binding {
  local: LocalVar;
  mode: 'move' | 'ref' | 'refMut';
  occ: Occ;
}

interface Row {
  pats: (HirPat | null)[];
  arm: number;
  binds: Binding[];
}

interface ArmTarget {
  guard: HirExpr | null;
  block: number;
  /** Bindings passed as block parameters. */
  ssa: LocalVar[];
  reached: boolean;
}

class Compiler {
  constructor(readonly fx: FnLower, readonly arms: ArmTarget[], readonly span: Span) {}

  compile(rows0: Row[], occs: Occ[]): void {
    const fx = this.fx;
    if (rows0.length === 0) {
      fx.b.terminate({ op: 'unreachable' });
      return;
    }
    const rows = rows0.map((r) => this.normalize(r, occs));
    const r0 = rows[0]!;
    const c = r0.pats.findIndex((p) => p !== null);
    if (c < 0) {
      this.leaf(r0, rows.slice(1), occs);
      return;
    }
    if (rows.some((r) => r.pats[c]?.kind === 'or')) {
      const expanded = rows.flatMap((r) => {
        const p = r.pats[c];
        if (p?.kind !== 'or') return [r];
        return p.alts.map((a) => ({ pats: replaceAt(r.pats, c, [a]), arm: r.arm, binds: [...r.binds] }));
      });
      this.compile(expanded, occs);
      return;
    }
    const p = r0.pats[c]!;
    const occ = occs[c]!;
    switch (p.kind) {
      case 'tuple': return this.product(rows, occs, c, this.fieldOccs(occ, null));
      case 'deref': return this.product(rows, occs, c, [this.derefOcc(occ)]);
      case 'adt':
        if (p.adt.adtKind === 'struct') return this.product(rows, occs, c, this.fieldOccs(occ, 0));
        return this.enumSwitch(rows, occs, c);
      case 'slice':
        if (occ.ty.kind === 'array') return this.arrayProduct(rows, occs, c);
        return this.sliceTest(rows, occs, c);
      case 'lit':
        if (p.value.kind !== 'str' && rows.every((r) => r.pats[c] === null || r.pats[c]!.kind === 'lit')) return this.litSwitch(rows, occs, c);
        return this.binaryTest(rows, occs, c);
      case 'range': return this.binaryTest(rows, occs, c);
      default: return fx.err(`internal: unexpected pattern ${p.kind} in a decision`, p.span);
    }
  }

  /** Moves bindings and wildcards out of the pattern columns (they never test anything). */
  private normalize(r: Row, occs: Occ[]): Row {
    const pats = [...r.pats];
    const binds = [...r.binds];
    pats.forEach((p0, i) => {
      let p = p0;
      while (p) {
        if (p.kind === 'wild') p = null;
        else if (p.kind === 'binding') { binds.push({ local: p.local, mode: p.mode, occ: occs[i]! }); p = p.sub; }
        else break;
      }
      pats[i] = p;
    });
    return { pats, arm: r.arm, binds };
  }

  private leaf(row: Row, rest: Row[], occs: Occ[]): void {
    const fx = this.fx;
    for (const b of row.binds) fx.bind(b.local, b.mode === 'move' ? this.read(b.occ) : this.ref(b.occ));
    const arm = this.arms[row.arm]!;
    const go = () => {
      const args = arm.ssa.flatMap((l) => fx.flat(fx.readLocal(l), fx.ty(l.ty)));
      arm.reached = true;
      fx.b.jump(arm.block, args);
    };
    if (!arm.guard) { go(); return; }
    const pass = fx.b.newBlock();
    const fail = fx.b.newBlock();
    lowerCond(fx, arm.guard, pass, fail);
    fx.b.switchTo(pass);
    go();
    fx.b.switchTo(fail);
    this.compile(rest, occs);
  }

  // ---------------------------------------------------------------- occurrences

  read(o: Occ): Val {
    if (o.k === 'val') return o.val;
    return this.fx.loadVal(o.addr, o.off, o.ty);
  }

  ref(o: Occ): Val {
    const fx = this.fx;
    if (o.k === 'val') {
      const s = fx.spill(o.val, o.ty);
      return { k: 's', v: fx.offset(s.addr, s.off) };
    }
    const a = fx.offset(o.addr, o.off);
    return o.len !== null ? { k: 'p', a, b: o.len } : { k: 's', v: a };
  }

  /** The value of a scalar occurrence. */
  scalar(o: Occ): Value {
    return this.fx.scalar(this.read(o));
  }

  private mem(o: Occ): { addr: Value; off: number } {
    if (o.k === 'mem') return o;
    return this.fx.spill(o.val, o.ty);
  }

  /** Field occurrences of a tuple/struct (variant null) or of an enum variant. */
  fieldOccs(o: Occ, variant: number | null): Occ[] {
    const fx = this.fx;
    const l = fx.layout(o.ty);
    let offsets: number[];
    let tys: Ty[];
    if (l.variants && variant !== null) { offsets = l.variants[variant]!.offsets; tys = l.variants[variant]!.tys; }
    else { offsets = l.offsets ?? []; tys = l.tys ?? []; }
    if (tys.length === 0) return [];
    const m = this.mem(o);
    return tys.map((t, k) => ({ k: 'mem', addr: m.addr, off: m.off + offsets[k]!, ty: t, len: null }));
  }

  derefOcc(o: Occ): Occ {
    const fx = this.fx;
    const t = o.ty;
    const inner = t.kind === 'ref' || t.kind === 'ptr' ? t.inner : fx.err('internal: deref pattern on a non-reference');
    const v = this.read(o);
    if (isUnsized(inner)) {
      if (v.k !== 'p') return fx.err('internal: unsized deref of a thin pointer');
      return { k: 'mem', addr: v.a, off: 0, ty: inner, len: v.b };
    }
    return { k: 'mem', addr: fx.scalar(v), off: 0, ty: inner, len: null };
  }

  // ---------------------------------------------------------------- products

  private product(rows: Row[], occs: Occ[], c: number, sub: Occ[]): void {
    const n = sub.length;
    const out = rows.map((r) => {
      const p = r.pats[c];
      let subs: (HirPat | null)[];
      if (p === null || p === undefined) subs = new Array(n).fill(null);
      else if (p.kind === 'tuple') subs = p.elems;
      else if (p.kind === 'adt') subs = p.fields;
      else if (p.kind === 'deref') subs = [p.inner];
      else return this.fx.err(`internal: ${p.kind} pattern in a product column`, p.span);
      return { pats: replaceAt(r.pats, c, subs), arm: r.arm, binds: r.binds };
    });
    this.compile(out, replaceAt(occs, c, sub));
  }

  /** Slice patterns on arrays: one column per element; `rest @ ..` binds the middle sub-array. */
  private arrayProduct(rows: Row[], occs: Occ[], c: number): void {
    const fx = this.fx;
    const o = occs[c]!;
    const t = o.ty;
    if (t.kind !== 'array') return fx.err('internal: array pattern');
    const n = arrayLen(t)!;
    const stride = fx.layout(t.elem).size;
    const m = this.mem(o);
    const elems: Occ[] = Array.from({ length: n }, (_, k) => ({ k: 'mem', addr: m.addr, off: m.off + k * stride, ty: t.elem, len: null }));
    const out = rows.map((r) => {
      const p = r.pats[c];
      const subs: (HirPat | null)[] = new Array(n).fill(null);
      const binds = [...r.binds];
      if (p && p.kind === 'slice') {
        p.prefix.forEach((q, k) => (subs[k] = q));
        p.suffix.forEach((q, k) => (subs[n - p.suffix.length + k] = q));
        if (p.rest) this.restBinding(p.rest, { k: 'mem', addr: m.addr, off: m.off + p.prefix.length * stride, ty: fx.ty(p.rest.ty), len: null }, binds);
      } else if (p) return fx.err(`internal: ${p.kind} pattern on an array`, p.span);
      return { pats: replaceAt(r.pats, c, subs), arm: r.arm, binds };
    });
    this.compile(out, replaceAt(occs, c, elems));
  }

  private restBinding(rest: HirPat, occ: Occ, binds: Binding[]): void {
    let p: HirPat | null = rest;
    while (p) {
      if (p.kind === 'wild') return;
      if (p.kind === 'binding') { binds.push({ local: p.local, mode: p.mode, occ }); p = p.sub; continue; }
      this.fx.err('sub-patterns of `..` in slice patterns are not supported', p.span);
    }
  }

  // ---------------------------------------------------------------- switches

  private enumSwitch(rows: Row[], occs: Occ[], c: number): void {
    const fx = this.fx;
    const o = occs[c]!;
    const l = fx.layout(o.ty);
    const tag = l.tag ?? fx.err('internal: enum pattern on a type without a tag');
    const seen: number[] = [];
    for (const r of rows) {
      const p = r.pats[c];
      if (p && p.kind === 'adt' && !seen.includes(p.variant)) seen.push(p.variant);
    }
    const tagV = o.k === 'val' ? fx.scalar(o.val) : fx.b.load(tag.ty, o.addr, o.off, tag.signed);
    const all = seen.length === l.variants!.length;
    const blocks = seen.map(() => fx.b.newBlock());
    const dflt = all ? blocks[blocks.length - 1]! : fx.b.newBlock();
    const cases = seen.map((v, k) => ({ value: l.variants![v]!.discriminant, to: { block: blocks[k]!, args: [] } }));
    if (all) cases.pop();
    if (cases.length === 0) fx.b.jump(dflt);
    else fx.b.terminate({ op: 'switch', value: tagV, ty: tag.ty, cases, default: { block: dflt, args: [] } });
    seen.forEach((v, k) => {
      fx.b.switchTo(blocks[k]!);
      const sub = this.fieldOccs(o, v);
      const out: Row[] = [];
      for (const r of rows) {
        const p = r.pats[c];
        if (p === null) out.push({ pats: replaceAt(r.pats, c, new Array(sub.length).fill(null)), arm: r.arm, binds: r.binds });
        else if (p!.kind === 'adt' && p!.variant === v) out.push({ pats: replaceAt(r.pats, c, p!.fields), arm: r.arm, binds: r.binds });
      }
      this.compile(out, replaceAt(occs, c, sub));
    });
    if (!all) {
      fx.b.switchTo(dflt);
      this.compile(rows.filter((r) => r.pats[c] === null).map((r) => ({ pats: replaceAt(r.pats, c, []), arm: r.arm, binds: r.binds })), replaceAt(occs, c, []));
    }
  }

  private litSwitch(rows: Row[], occs: Occ[], c: number): void {
    const fx = this.fx;
    const o = occs[c]!;
    const it = intTy(fx, o.ty);
    const values: bigint[] = [];
    for (const r of rows) {
      const p = r.pats[c];
      if (p && p.kind === 'lit') { const v = litInt(p); if (!values.includes(v)) values.push(v); }
    }
    const v = this.scalar(o);
    const blocks = values.map(() => fx.b.newBlock());
    const isBool = o.ty.kind === 'bool';
    const all = isBool && values.length === 2;
    const dflt = all ? blocks[1]! : fx.b.newBlock();
    const cases = values.map((x, k) => ({ value: x, to: { block: blocks[k]!, args: [] } }));
    if (all) cases.pop();
    fx.b.terminate({ op: 'switch', value: v, ty: it.ir, cases, default: { block: dflt, args: [] } });
    const sub = replaceAt(occs, c, []);
    values.forEach((x, k) => {
      fx.b.switchTo(blocks[k]!);
      const out = rows.filter((r) => { const p = r.pats[c]; return p === null || litInt(p!) === x; })
        .map((r) => ({ pats: replaceAt(r.pats, c, []), arm: r.arm, binds: r.binds }));
      this.compile(out, sub);
    });
    if (!all) {
      fx.b.switchTo(dflt);
      this.compile(rows.filter((r) => r.pats[c] === null).map((r) => ({ pats: replaceAt(r.pats, c, []), arm: r.arm, binds: r.binds })), sub);
    }
  }

  // ---------------------------------------------------------------- single tests

  /** Branches on the first row's pattern at column c (a range, a literal, a string). */
  private binaryTest(rows: Row[], occs: Occ[], c: number): void {
    const fx = this.fx;
    const o = occs[c]!;
    const p = rows[0]!.pats[c]!;
    const cond = this.test(p, o);
    const yes = fx.b.newBlock();
    const no = fx.b.newBlock();
    fx.b.branch(cond, { block: yes, args: [] }, { block: no, args: [] });
    const yesRows: Row[] = [];
    const noRows: Row[] = [];
    for (const r of rows) {
      const q = r.pats[c];
      if (q === null) { yesRows.push(r); noRows.push(r); continue; }
      const d = this.implies(p, q!, o.ty);
      if (d.ifYes === 'match') yesRows.push({ pats: replaceAt(r.pats, c, [null]), arm: r.arm, binds: r.binds });
      else if (d.ifYes === 'unknown') yesRows.push(r);
      if (d.ifNo === 'unknown') noRows.push(r);
    }
    fx.b.switchTo(yes);
    this.compile(yesRows, occs);
    fx.b.switchTo(no);
    this.compile(noRows, occs);
  }

  /** What knowing that `p` matched (ifYes) or did not (ifNo) says about `q`. */
  private implies(p: HirPat, q: HirPat, t: Ty): { ifYes: 'match' | 'fail' | 'unknown'; ifNo: 'fail' | 'unknown' } {
    if (p.kind === 'lit' && p.value.kind === 'str') {
      if (q.kind === 'lit' && q.value.kind === 'str') {
        const same = q.value.value === p.value.value;
        return { ifYes: same ? 'match' : 'fail', ifNo: same ? 'fail' : 'unknown' };
      }
      return { ifYes: 'unknown', ifNo: 'unknown' };
    }
    const a = this.interval(p, t), b = this.interval(q, t);
    if (!a || !b) return { ifYes: 'unknown', ifNo: 'unknown' };
    const qCoversP = b[0] <= a[0] && a[1] <= b[1];
    const disjoint = b[1] < a[0] || a[1] < b[0];
    const pCoversQ = a[0] <= b[0] && b[1] <= a[1];
    return { ifYes: qCoversP ? 'match' : disjoint ? 'fail' : 'unknown', ifNo: pCoversQ ? 'fail' : 'unknown' };
  }

  private interval(p: HirPat, t: Ty): [bigint, bigint] | null {
    const [min, max] = this.bounds(t);
    if (p.kind === 'lit' && p.value.kind !== 'str' && p.value.kind !== 'byteStr') { const v = litInt(p); return [v, v]; }
    if (p.kind === 'range') {
      const lo = p.lo ?? min;
      const hi = p.hi === null ? max : p.inclusive ? p.hi : p.hi - 1n;
      return [lo, hi];
    }
    return null;
  }

  private bounds(t: Ty): [bigint, bigint] {
    if (t.kind === 'char') return [0n, 0x10ffffn];
    if (t.kind === 'bool') return [0n, 1n];
    const it = intTy(this.fx, t);
    return [minOf(it), maxOf(it)];
  }

  /** i8 condition: does occurrence `o` match the (refutable, non-product) pattern `p`? */
  private test(p: HirPat, o: Occ): Value {
    const fx = this.fx;
    if (p.kind === 'lit' && p.value.kind === 'str') return this.strTest(p.value.value, o);
    const iv = this.interval(p, o.ty) ?? fx.err(`internal: cannot test pattern ${p.kind}`, p.span);
    const it = intTy(fx, o.ty);
    const v = this.scalar(o);
    const [min, max] = this.bounds(o.ty);
    const [lo, hi] = iv;
    const k = (x: bigint) => fx.c(it.ir, x);
    if (lo === hi) return fx.cmp('eq', it.ir, v, k(lo));
    if (lo <= min && hi >= max) return fx.c('i8', 1);
    if (lo <= min) return fx.cmp(it.signed ? 'sle' : 'ule', it.ir, v, k(hi));
    if (hi >= max) return fx.cmp(it.signed ? 'sge' : 'uge', it.ir, v, k(lo));
    // lo ≤ v ≤ hi  ⇔  (v - lo) ≤u (hi - lo), in wrapping arithmetic.
    return fx.cmp('ule', it.ir, fx.bin('sub', it.ir, v, k(lo)), k(hi - lo));
  }

  /** Compares a `&str` (or `str` place) occurrence with a string literal. */
  private strTest(text: string, o: Occ): Value {
    const fx = this.fx;
    let ptr: Value, len: Value;
    if (o.ty.kind === 'str') {
      if (o.k !== 'mem' || o.len === null) return fx.err('internal: str occurrence without a length');
      ptr = fx.offset(o.addr, o.off); len = o.len;
    } else {
      const v = this.read(o);
      if (v.k !== 'p') return fx.err('internal: string pattern on a non-string');
      ptr = v.a; len = v.b;
    }
    const s = fx.m.str(text);
    const cmpB = fx.b.newBlock();
    const join = fx.b.newBlock(['i8']);
    fx.b.branch(fx.cmp('eq', 'i32', len, fx.c('i32', s.len)), { block: cmpB, args: [] }, { block: join, args: [fx.c('i8', 0)] });
    fx.b.switchTo(cmpB);
    const [eq] = fx.b.call(fx.m.requireRuntime('__orizon_memeq'), [ptr, fx.sym(s.symbol), fx.c('i32', s.len)], ['i8']);
    fx.b.jump(join, [eq!]);
    fx.b.switchTo(join);
    return fx.b.blockParams(join)[0]!;
  }

  /** Slice patterns on slices: test the length, then expand the elements of that shape. */
  private sliceTest(rows: Row[], occs: Occ[], c: number): void {
    const fx = this.fx;
    const o = occs[c]!;
    if (o.k !== 'mem' || o.len === null || o.ty.kind !== 'slice') return fx.err('internal: slice pattern on a non-slice');
    const p = rows[0]!.pats[c]! as HirPat & { kind: 'slice' };
    const np = p.prefix.length, ns = p.suffix.length;
    const cond = p.hasRest ? fx.cmp('uge', 'i32', o.len, fx.c('i32', np + ns)) : fx.cmp('eq', 'i32', o.len, fx.c('i32', np + ns));
    const yes = fx.b.newBlock();
    const no = fx.b.newBlock();
    fx.b.branch(cond, { block: yes, args: [] }, { block: no, args: [] });
    const same = (q: HirPat) => q.kind === 'slice' && q.hasRest === p.hasRest && q.prefix.length === np && q.suffix.length === ns;
    const fails = (q: HirPat) => q.kind === 'slice' && !p.hasRest && (q.hasRest ? q.prefix.length + q.suffix.length > np + ns : q.prefix.length + q.suffix.length !== np + ns);
    // Yes: the length is known; elements get columns.
    fx.b.switchTo(yes);
    const stride = fx.layout(o.ty.elem).size;
    const base = fx.offset(o.addr, o.off);
    const elems: Occ[] = [];
    for (let k = 0; k < np; k++) elems.push({ k: 'mem', addr: base, off: k * stride, ty: o.ty.elem, len: null });
    for (let k = 0; k < ns; k++) {
      const idx = fx.bin('sub', 'i32', o.len, fx.c('i32', ns - k));
      elems.push({ k: 'mem', addr: fx.index(base, idx, stride), off: 0, ty: o.ty.elem, len: null });
    }
    const yesRows: Row[] = [];
    for (const r of rows) {
      const q = r.pats[c];
      if (q === null) { yesRows.push({ pats: [...replaceAt(r.pats, c, [null]), ...elems.map(() => null)], arm: r.arm, binds: r.binds }); continue; }
      if (same(q!)) {
        const qs = q as HirPat & { kind: 'slice' };
        const binds = [...r.binds];
        if (qs.rest) {
          const restLen = fx.bin('sub', 'i32', o.len, fx.c('i32', np + ns));
          this.restBinding(qs.rest, { k: 'mem', addr: base, off: np * stride, ty: o.ty, len: restLen }, binds);
        }
        yesRows.push({ pats: [...replaceAt(r.pats, c, [null]), ...qs.prefix, ...qs.suffix], arm: r.arm, binds });
        continue;
      }
      if (fails(q!)) continue;
      yesRows.push({ pats: [...r.pats, ...elems.map(() => null)], arm: r.arm, binds: r.binds });
    }
    this.compile(yesRows, [...occs, ...elems]);
    fx.b.switchTo(no);
    this.compile(rows.filter((r) => r.pats[c] === null || !same(r.pats[c]!)), occs);
  }
}

function litInt(p: HirPat): bigint {
  if (p.kind !== 'lit') throw new Error('litInt on a non-literal');
  switch (p.value.kind) {
    case 'int': return p.value.value;
    case 'bool': return p.value.value ? 1n : 0n;
    case 'char': return BigInt(p.value.value);
    default: throw new Error(`litInt on a ${p.value.kind} literal`);
  }
}

function replaceAt<T>(xs: readonly T[], at: number, with_: readonly T[]): T[] {
  return [...xs.slice(0, at), ...with_, ...xs.slice(at + 1)];
}

// ---------------------------------------------------------------- entry points

/** Patterns made only of bindings, wildcards, tuples, structs and `&`: bound without any test. */
function simple(p: HirPat): boolean {
  switch (p.kind) {
    case 'wild': return true;
    case 'binding': return p.sub === null;
    case 'tuple': return p.elems.every(simple);
    case 'adt': return p.adt.adtKind === 'struct' && p.fields.every(simple);
    case 'deref': return simple(p.inner);
    default: return false;
  }
}

function bindSimple(fx: FnLower, c: Compiler, p: HirPat, occ: Occ): void {
  switch (p.kind) {
    case 'wild': return;
    case 'binding': fx.bind(p.local, p.mode === 'move' ? c.read(occ) : c.ref(occ)); return;
    case 'tuple': { const subs = c.fieldOccs(occ, null); p.elems.forEach((q, k) => bindSimple(fx, c, q, subs[k]!)); return; }
    case 'adt': { const subs = c.fieldOccs(occ, 0); p.fields.forEach((q, k) => bindSimple(fx, c, q, subs[k]!)); return; }
    case 'deref': bindSimple(fx, c, p.inner, c.derefOcc(occ)); return;
    default: fx.err('internal: not a simple pattern', p.span);
  }
}

/** The scrutinee as an occurrence: places are matched where they are (no copy). */
export function scrutinee(fx: FnLower, e: HirExpr): Occ {
  const t = fx.ty(e.ty);
  if (isPlaceExpr(e)) {
    const p = lowerPlace(fx, e);
    if (p.k === 'ssa') return { k: 'val', val: fx.readLocal(p.local), ty: t };
    return { k: 'mem', addr: p.addr, off: p.off, ty: t, len: p.len };
  }
  const v = lowerExpr(fx, e);
  if (v.k === 'm') return { k: 'mem', addr: v.addr, off: v.off, ty: t, len: null };
  return { k: 'val', val: v, ty: t };
}

function armTarget(fx: FnLower, pat: HirPat | null, guard: HirExpr | null, block?: number): ArmTarget {
  const ssa: LocalVar[] = [];
  const walk = (p: HirPat): void => {
    switch (p.kind) {
      case 'binding': if (fx.declare(p.local).k === 'ssa') ssa.push(p.local); if (p.sub) walk(p.sub); return;
      case 'tuple': p.elems.forEach(walk); return;
      case 'adt': p.fields.forEach(walk); return;
      case 'deref': walk(p.inner); return;
      case 'or': walk(p.alts[0]!); return;
      case 'slice': [...p.prefix, ...(p.rest ? [p.rest] : []), ...p.suffix].forEach(walk); return;
      default: return;
    }
  };
  if (pat) walk(pat);
  const tys = ssa.flatMap((l) => fx.m.layouts.irTys(fx.ty(l.ty)));
  return { guard, block: block ?? fx.b.newBlock(tys), ssa, reached: false };
}

/** In an arm's block: rebinds its SSA locals to the block parameters. */
function enterArm(fx: FnLower, arm: ArmTarget): void {
  fx.b.switchTo(arm.block);
  const params = fx.b.blockParams(arm.block);
  let k = 0;
  for (const l of arm.ssa) {
    const t = fx.ty(l.ty);
    const n = fx.m.layouts.irTys(t).length;
    fx.bind(l, fx.unflat(params.slice(k, k + n), t));
    k += n;
  }
}

function run(fx: FnLower, occ: Occ, pats: (HirPat | null)[], arms: ArmTarget[], span: Span): void {
  const rows: Row[] = pats.map((p, k) => ({ pats: [p], arm: k, binds: [] }));
  new Compiler(fx, arms, span).compile(rows, [occ]);
}

export function lowerMatch(fx: FnLower, e: HirExpr & { kind: 'match' }, dest: Dest): Val {
  const occ = scrutinee(fx, e.scrutinee);
  const join = new Join(fx, fx.ty(e.ty), dest);
  const arms = e.arms.map((a) => armTarget(fx, a.pat, a.guard));
  run(fx, occ, e.arms.map((a) => a.pat), arms, e.span);
  e.arms.forEach((a, k) => {
    const arm = arms[k]!;
    if (!arm.reached) {
      fx.b.switchTo(arm.block);
      fx.b.terminate({ op: 'unreachable' });
      return;
    }
    enterArm(fx, arm);
    join.arriveExpr(a.body);
  });
  return join.finish();
}

/** `if let` / `while let` / let-else: branch to `t` with the bindings live, or to `f`. */
export function matchCond(fx: FnLower, pat: HirPat, e: HirExpr, t: number, f: number): void {
  const occ = scrutinee(fx, e);
  const arm = armTarget(fx, pat, null);
  const fallback: ArmTarget = { guard: null, block: f, ssa: [], reached: false };
  run(fx, occ, [pat, null], [arm, fallback], pat.span);
  enterArm(fx, arm);
  fx.b.jump(t);
}

/** An irrefutable `let PAT = e;`: binds and continues. */
export function bindPattern(fx: FnLower, pat: HirPat, e: HirExpr): void {
  bindOcc(fx, pat, scrutinee(fx, e));
}

/** Binds an irrefutable pattern to an occurrence (also used for parameters). */
export function bindOcc(fx: FnLower, pat: HirPat, occ: Occ): void {
  const c = new Compiler(fx, [], pat.span);
  if (simple(pat)) { bindSimple(fx, c, pat, occ); return; }
  const arm = armTarget(fx, pat, null);
  run(fx, occ, [pat], [arm], pat.span);
  enterArm(fx, arm);
}
