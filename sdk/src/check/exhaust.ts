// Match exhaustiveness, refutability and unreachable arms, on the typed HIR.
//
// The algorithm is the classic "usefulness" one (Maranget, as in rustc): a
// pattern vector is useful with respect to a matrix of rows when some value
// matches it and no row. A match is exhaustive when the wildcard is not
// useful after all (unguarded) arms; an arm is unreachable when it is not
// useful after the arms before it. Constructors are enum variants, the single
// constructor of structs/tuples/references, true/false, integer and char
// ranges (split at every boundary that appears in the column), and slice
// lengths (a `..` pattern covers every length from its fixed part on).
// A useful wildcard yields a witness, printed the way rustc prints it:
// `Shape::Rect { .. }`, `Some(_)`, `i32::MIN..=-1_i32`, `[_, _, ..]`.
import type { Ctx } from './ctx.ts';
import type { Span } from '../diag/source.ts';
import type { HirExpr, HirFn, HirPat } from './hir.ts';
import { arrayLen, displayTy, intMax, intMin, type Ty } from './types.ts';
import { walkExpr, walkBlock } from './visit.ts';
import { ensureFields } from './collect.ts';

type Ctor =
  | { k: 'wild' }
  | { k: 'variant'; index: number }
  | { k: 'single' }
  | { k: 'bool'; value: boolean }
  | { k: 'range'; lo: bigint; hi: bigint }
  | { k: 'len'; len: number; varLen: boolean; prefix: number; suffix: number }
  /** Values of types with infinitely many constructors (str literals): never complete. */
  | { k: 'opaque'; key: string };

interface DPat {
  ctor: Ctor;
  fields: DPat[];
  ty: Ty;
  /** For or-patterns: the alternatives (ctor is wild). */
  alts?: DPat[];
}

const CHAR_RANGES: [bigint, bigint][] = [[0n, 0xD7FFn], [0xE000n, 0x10FFFFn]];

class Exhaust {
  private budget = 200_000;

  constructor(readonly ctx: Ctx) {}

  private wild(ty: Ty): DPat {
    return { ctor: { k: 'wild' }, fields: [], ty };
  }

  /** HirPat → deconstructed pattern. */
  lower(p: HirPat): DPat {
    const ty = p.ty;
    switch (p.kind) {
      case 'wild': return this.wild(ty);
      case 'binding': return p.sub ? this.lower(p.sub) : this.wild(ty);
      case 'lit': {
        const v = p.value;
        if (v.kind === 'int') return { ctor: { k: 'range', lo: v.value, hi: v.value }, fields: [], ty };
        if (v.kind === 'char') return { ctor: { k: 'range', lo: BigInt(v.value), hi: BigInt(v.value) }, fields: [], ty };
        if (v.kind === 'bool') return { ctor: { k: 'bool', value: v.value }, fields: [], ty };
        const key = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
        // A string literal matched against `&str` (or `&[u8]`) is a reference to an
        // opaque value: keep the reference level so its arity agrees with `_` rows.
        if (ty.kind === 'ref') return { ctor: { k: 'single' }, fields: [{ ctor: { k: 'opaque', key }, fields: [], ty: ty.inner }], ty };
        return { ctor: { k: 'opaque', key }, fields: [], ty };
      }
      case 'range': {
        const [min, max] = this.bounds(ty);
        const lo = p.lo ?? min;
        let hi = p.hi ?? max;
        if (p.hi !== null && !p.inclusive) hi -= 1n;
        return { ctor: { k: 'range', lo, hi }, fields: [], ty };
      }
      case 'tuple': return { ctor: { k: 'single' }, fields: p.elems.map((x) => this.lower(x)), ty };
      case 'adt':
        return { ctor: p.adt.adtKind === 'enum' ? { k: 'variant', index: p.variant } : { k: 'single' }, fields: p.fields.map((x) => this.lower(x)), ty };
      case 'deref': return { ctor: { k: 'single' }, fields: [this.lower(p.inner)], ty };
      case 'or': return { ctor: { k: 'wild' }, fields: [], ty, alts: p.alts.map((x) => this.lower(x)) };
      case 'slice': {
        const prefix = p.prefix.map((x) => this.lower(x));
        const suffix = p.suffix.map((x) => this.lower(x));
        const n = prefix.length + suffix.length;
        return { ctor: { k: 'len', len: n, varLen: p.hasRest, prefix: prefix.length, suffix: suffix.length }, fields: [...prefix, ...suffix], ty };
      }
    }
  }

  private bounds(t: Ty): [bigint, bigint] {
    if (t.kind === 'int') return [intMin(t.int), intMax(t.int)];
    if (t.kind === 'char') return [0n, 0x10FFFFn];
    return [0n, 0n];
  }

  /** Field types of constructor `c` of type `t`. */
  private fieldTys(c: Ctor, t: Ty): Ty[] {
    switch (t.kind) {
      case 'tuple': return [...t.elems];
      case 'ref': return [t.inner];
      case 'adt': {
        ensureFields(this.ctx, t.def);
        const v = t.def.variants[c.k === 'variant' ? c.index : 0];
        return v ? v.fields.map((f) => this.ctx.types.subst(f.ty, t.args)) : [];
      }
      case 'array': case 'slice': return c.k === 'len' ? new Array<Ty>(c.len).fill(t.elem) : [];
      default: return [];
    }
  }

  /** The row `r` specialised to constructor `c` (null if `r` does not cover `c`). */
  private specialize(r: DPat[], c: Ctor, arity: number, fieldTys: Ty[]): DPat[] | null {
    const h = r[0]!;
    const rest = r.slice(1);
    const hc = h.ctor;
    if (hc.k === 'wild') return [...fieldTys.map((t) => this.wild(t)), ...rest];
    switch (c.k) {
      case 'variant': return hc.k === 'variant' && hc.index === c.index ? [...h.fields, ...rest] : null;
      case 'single': return [...h.fields, ...rest];
      case 'bool': return hc.k === 'bool' && hc.value === c.value ? rest : null;
      case 'range': return hc.k === 'range' && hc.lo <= c.lo && c.hi <= hc.hi ? rest : null;
      case 'opaque': return hc.k === 'opaque' && hc.key === c.key ? rest : null;
      case 'len': {
        if (hc.k !== 'len') return null;
        if (!hc.varLen) return hc.len === c.len && !c.varLen ? [...h.fields, ...rest] : null;
        if (c.len < hc.len) return null;
        const mid = c.len - hc.len;
        const elemTy = fieldTys[0] ?? h.ty;
        return [...h.fields.slice(0, hc.prefix), ...new Array<DPat>(mid).fill(this.wild(elemTy)), ...h.fields.slice(hc.prefix), ...rest];
      }
      default: return null;
    }
    void arity;
  }

  /** Expands or-patterns in the first column. */
  private expandRows(m: DPat[][]): DPat[][] {
    const out: DPat[][] = [];
    for (const r of m) {
      const h = r[0];
      if (h?.alts) for (const a of h.alts) out.push(...this.expandRows([[a, ...r.slice(1)]]));
      else out.push(r);
    }
    return out;
  }

  /** The constructors to try for a column of type `t` given the head constructors present. */
  private splitCtors(t: Ty, heads: Ctor[]): { ctors: Ctor[]; complete: boolean } {
    switch (t.kind) {
      case 'bool': return { ctors: [{ k: 'bool', value: false }, { k: 'bool', value: true }], complete: true };
      case 'adt':
        if (t.def.adtKind === 'enum') return { ctors: t.def.variants.map((v) => ({ k: 'variant' as const, index: v.index })), complete: true };
        return { ctors: [{ k: 'single' }], complete: true };
      case 'tuple': case 'ref': return { ctors: [{ k: 'single' }], complete: true };
      case 'never': return { ctors: [], complete: true };
      case 'int': case 'char': {
        const universe: [bigint, bigint][] = t.kind === 'char' ? CHAR_RANGES : [this.bounds(t)];
        const pts = new Set<bigint>();
        for (const [lo, hi] of universe) { pts.add(lo); pts.add(hi + 1n); }
        for (const h of heads) if (h.k === 'range') { pts.add(h.lo); pts.add(h.hi + 1n); }
        const sorted = [...pts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const ctors: Ctor[] = [];
        for (let i = 0; i + 1 < sorted.length; i++) {
          const lo = sorted[i]!;
          const hi = sorted[i + 1]! - 1n;
          if (universe.some(([a, b]) => lo >= a && hi <= b)) ctors.push({ k: 'range', lo, hi });
        }
        return { ctors, complete: true };
      }
      case 'array': {
        const n = arrayLen(t);
        if (n === null) return { ctors: [], complete: false };
        return { ctors: [{ k: 'len', len: n, varLen: false, prefix: n, suffix: 0 }], complete: true };
      }
      case 'slice': {
        // Lengths below `max` are told apart; `max` stands for every longer length too.
        let max = 0;
        for (const h of heads) if (h.k === 'len') max = Math.max(max, h.varLen ? h.len : h.len + 1);
        const ctors: Ctor[] = [];
        for (let l = 0; l <= max; l++) ctors.push({ k: 'len', len: l, varLen: l === max, prefix: l, suffix: 0 });
        return { ctors, complete: true };
      }
      default: {
        const seen = new Map<string, Ctor>();
        for (const h of heads) if (h.k === 'opaque') seen.set(h.key, h);
        return { ctors: [...seen.values()], complete: false };
      }
    }
  }

  /** A witness vector (patterns as text) showing `v` is useful w.r.t. `m`, or null. */
  useful(m0: DPat[][], v: DPat[]): string[] | null {
    if (--this.budget < 0) return null;
    if (v.length === 0) return m0.length === 0 ? [] : null;
    const m = this.expandRows(m0);
    const head = v[0]!;
    if (head.alts) {
      for (const a of head.alts) {
        const r = this.useful(m, [a, ...v.slice(1)]);
        if (r) return r;
      }
      return null;
    }
    const t = head.ty;
    const heads = m.map((r) => r[0]!.ctor).filter((c) => c.k !== 'wild');
    if (head.ctor.k !== 'wild') {
      const hc = head.ctor;
      // For ranges, try each split piece the head covers; for other constructors, the head itself.
      const pieces = hc.k === 'range' ? this.splitCtors(t, [...heads, hc]).ctors.filter((c) => c.k === 'range' && hc.lo <= c.lo && c.hi <= hc.hi)
        : hc.k === 'len' && hc.varLen ? this.splitCtors(t, [...heads, hc]).ctors.filter((c) => c.k === 'len' && c.len >= hc.len)
        : [hc];
      for (const c of pieces) {
        const fts = this.fieldTys(c, t);
        const sm = m.map((r) => this.specialize(r, c, fts.length, fts)).filter((r): r is DPat[] => r !== null);
        const sv = this.specialize(v, c, fts.length, fts);
        if (!sv) continue;
        const r = this.useful(sm, sv);
        if (r) return [this.show(c, t, r.slice(0, fts.length)), ...r.slice(fts.length)];
      }
      return null;
    }
    const { ctors, complete } = this.splitCtors(t, heads);
    const covered = (c: Ctor): boolean => m.some((r) => r[0]!.ctor.k !== 'wild' && this.specialize(r, c, 0, this.fieldTys(c, t)) !== null);
    const missing = complete ? ctors.filter((c) => !covered(c)) : [null];
    if (missing.length === 0) {
      for (const c of ctors) {
        const fts = this.fieldTys(c, t);
        const sm = m.map((r) => this.specialize(r, c, fts.length, fts)).filter((r): r is DPat[] => r !== null);
        const r = this.useful(sm, [...fts.map((x) => this.wild(x)), ...v.slice(1)]);
        if (r) return [this.show(c, t, r.slice(0, fts.length)), ...r.slice(fts.length)];
      }
      return null;
    }
    const dm = m.filter((r) => r[0]!.ctor.k === 'wild').map((r) => r.slice(1));
    const r = this.useful(dm, v.slice(1));
    if (!r) return null;
    const c = missing[0]!;
    return [c ? this.show(c, t, this.fieldTys(c, t).map(() => '_')) : '_', ...r];
  }

  /** Every constructor of the top column missing from `rows` (for the error message), as text. */
  allMissing(rows: DPat[][], t: Ty): string[] {
    const m = this.expandRows(rows);
    if (m.some((r) => r[0]!.ctor.k === 'wild')) return [];
    const heads = m.map((r) => r[0]!.ctor);
    const { ctors, complete } = this.splitCtors(t, heads);
    if (!complete) return ['_'];
    return ctors.filter((c) => !m.some((r) => this.specialize(r, c, 0, this.fieldTys(c, t)) !== null)).map((c) => this.show(c, t, this.fieldTys(c, t).map(() => '_')));
  }

  /** Prints constructor `c` of `t` with sub-patterns `subs` as rustc does. */
  show(c: Ctor, t: Ty, subs: string[]): string {
    switch (t.kind) {
      case 'tuple': return `(${subs.join(', ')}${subs.length === 1 ? ',' : ''})`;
      case 'ref': return `&${subs[0] ?? '_'}`;
      case 'adt': {
        const v = t.def.variants[c.k === 'variant' ? c.index : 0]!;
        const name = t.def.adtKind === 'enum' ? (this.isPrelude(t) ? v.name : `${t.def.name}::${v.name}`) : t.def.name;
        if (v.shape === 'unit') return name;
        if (v.shape === 'tuple') return `${name}(${subs.join(', ')})`;
        if (subs.every((s) => s === '_')) return `${name} { .. }`;
        return `${name} { ${v.fields.map((f, i) => `${f.name}: ${subs[i]}`).join(', ')} }`;
      }
      case 'bool': return c.k === 'bool' ? String(c.value) : '_';
      case 'int': case 'char': {
        if (c.k !== 'range') return '_';
        const [umin, umax] = this.bounds(t);
        if (c.lo === umin && c.hi === umax) return '_';
        const fmt = (x: bigint): string => {
          if (t.kind === 'char') return `'${charText(x)}'`;
          if (x === intMin(t.int) && x !== 0n) return `${t.int}::MIN`;
          if (x === intMax(t.int)) return `${t.int}::MAX`;
          return `${x}_${t.int}`;
        };
        return c.lo === c.hi ? fmt(c.lo) : `${fmt(c.lo)}..=${fmt(c.hi)}`;
      }
      case 'array': case 'slice': {
        if (c.k !== 'len') return '_';
        return c.varLen && t.kind === 'slice' ? `[${[...subs, '..'].join(', ')}]` : `[${subs.join(', ')}]`;
      }
      default: return '_';
    }
  }

  private isPrelude(t: Ty & { kind: 'adt' }): boolean {
    return t.def === this.ctx.lang.option || t.def === this.ctx.lang.result;
  }
}

function charText(x: bigint): string {
  const n = Number(x);
  if (n === 0) return '\\0';
  if (n >= 0xD800 && n <= 0xDFFF || n > 0x10FFFF) return `\\u{${n.toString(16)}}`;
  const s = String.fromCodePoint(n);
  if (n >= 0x20 && n < 0x7F) return s === "'" || s === '\\' ? `\\${s}` : s;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(s) ? s : `\\u{${n.toString(16)}}`;
}

function list(ws: string[]): string {
  const q = ws.map((w) => `\`${w}\``);
  if (q.length === 1) return `pattern ${q[0]}`;
  if (q.length <= 3) return `patterns ${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
  return `patterns ${q.slice(0, 3).join(', ')} and ${q.length - 3} more`;
}

/** A top-level arm shape the fast path understands: catch-all, one literal, or one variant with catch-all fields. */
function simpleArm(p: HirPat): { k: 'all' } | { k: 'lit'; key: string } | { k: 'variant'; index: number } | null {
  switch (p.kind) {
    case 'wild': return { k: 'all' };
    case 'binding': return p.sub ? null : { k: 'all' };
    case 'lit': return p.value.kind === 'int' || p.value.kind === 'char' || p.value.kind === 'bool' ? { k: 'lit', key: `${p.value.kind}:${p.value.value}` } : null;
    case 'adt': return p.adt.adtKind === 'enum' && p.fields.every((f) => simpleArm(f)?.k === 'all') ? { k: 'variant', index: p.variant } : null;
    default: return null;
  }
}

/**
 * The common matches (literals or whole variants, then maybe a catch-all) are
 * decided without the general algorithm. Returns false to fall back to it.
 */
function fastMatch(ctx: Ctx, e: HirExpr & { kind: 'match' }): boolean {
  const t = e.scrutinee.ty;
  const arms = e.arms.map((a) => simpleArm(a.pat));
  if (arms.some((a) => a === null)) return false;
  const isEnum = t.kind === 'adt' && t.def.adtKind === 'enum';
  if (!isEnum && (t.kind !== 'int' && t.kind !== 'char')) return false;
  const seen = new Set<string>();
  let all = false;
  const unreachable: HirPat[] = [];
  e.arms.forEach((arm, i) => {
    const a = arms[i]!;
    const key = a.k === 'lit' ? a.key : a.k === 'variant' ? `v${a.index}` : '*';
    if (all || (a.k !== 'all' && seen.has(key))) unreachable.push(arm.pat);
    if (arm.guard) return;
    if (a.k === 'all') all = true;
    else seen.add(key);
  });
  const exhaustive = all || (isEnum && t.kind === 'adt' && t.def.variants.every((v) => seen.has(`v${v.index}`)));
  // Not exhaustive: the general algorithm reports everything (with a witness).
  if (!exhaustive) return false;
  for (const p of unreachable) {
    ctx.diags.warning('W0104', 'unreachable pattern', p.span, 'no value can reach this arm')
      .note('the arms above already match every value this pattern matches');
  }
  return true;
}

function checkMatch(x: Exhaust, ctx: Ctx, e: HirExpr & { kind: 'match' }): void {
  const t = e.scrutinee.ty;
  if (t.kind === 'error') return;
  if (fastMatch(ctx, e)) return;
  const rows: DPat[][] = [];
  for (const arm of e.arms) {
    const d = x.lower(arm.pat);
    if (arm.pat.ty.kind !== 'error' && x.useful(rows, [d]) === null) {
      ctx.diags.warning('W0104', 'unreachable pattern', arm.pat.span, 'no value can reach this arm')
        .note('the arms above already match every value this pattern matches');
    }
    if (!arm.guard) rows.push([d]);
  }
  const w = x.useful(rows, [{ ctor: { k: 'wild' }, fields: [], ty: t }]);
  if (!w) return;
  let missing = x.allMissing(rows, t);
  if (missing.length === 0 || missing.includes('_') && w[0] !== '_') missing = [w[0]!];
  const shown = list(missing);
  const b = ctx.diags.error('E0600', `non-exhaustive patterns: ${shown.replace(/^patterns? /, '')} not covered`, e.scrutinee.span, `${shown} not covered`);
  const base = t.kind === 'ref' ? t.inner : t;
  if (base.kind === 'adt') b.label(base.def.span, `\`${base.def.name}\` defined here`);
  b.note(`the matched value is of type \`${displayTy(t)}\``);
  b.help(`ensure that all possible cases are being handled by adding a match arm with a wildcard pattern${missing.length === 1 ? ' or an explicit pattern as shown' : ', or more match arms'}: \`${missing.length === 1 ? missing[0] : '_'} => todo!()\``);
  if (e.arms.some((a) => a.guard)) b.note('match arms with guards don\'t count towards exhaustivity');
}


/** Patterns that match every value of their type without running the algorithm (the common case). */
function triviallyIrrefutable(p: HirPat): boolean {
  switch (p.kind) {
    case 'wild': return true;
    case 'binding': return p.sub === null || triviallyIrrefutable(p.sub);
    case 'tuple': return p.elems.every(triviallyIrrefutable);
    case 'deref': return triviallyIrrefutable(p.inner);
    case 'adt': return p.adt.adtKind === 'struct' && p.fields.every(triviallyIrrefutable);
    default: return false;
  }
}

function checkIrrefutable(x: Exhaust, ctx: Ctx, p: HirPat, what: 'local binding' | '`for` loop binding' | 'function argument', span: Span): void {
  if (p.ty.kind === 'error' || triviallyIrrefutable(p)) return;
  const w = x.useful([[x.lower(p)]], [{ ctor: { k: 'wild' }, fields: [], ty: p.ty }]);
  if (!w) return;
  const b = ctx.diags.error('E0601', `refutable pattern in ${what}`, span, `pattern \`${w[0]}\` not covered`)
    .note(`${what === 'local binding' ? '`let` bindings' : what === 'function argument' ? 'function arguments' : '`for` loop bindings'} require an "irrefutable pattern", like a \`struct\` or an \`enum\` with only one variant`);
  if (what === 'local binding') b.help('you might want to use `let else` to handle the variant that isn\'t matched: `let PATTERN = value else { return; };`');
}

function checkBody(x: Exhaust, ctx: Ctx, body: HirExpr, params: HirPat[]): void {
  for (const p of params) checkIrrefutable(x, ctx, p, 'function argument', p.span);
  walkExpr(body, {
    expr(e) {
      if (e.kind === 'match') checkMatch(x, ctx, e);
      else if (e.kind === 'for') checkIrrefutable(x, ctx, e.pat, '`for` loop binding', e.pat.span);
    },
    block(b) {
      for (const s of b.stmts) if (s.kind === 'let' && !s.elseBlock) checkIrrefutable(x, ctx, s.pat, 'local binding', s.pat.span);
    },
  });
}

export function checkExhaustiveness(ctx: Ctx): void {
  const x = new Exhaust(ctx);
  for (const f of ctx.fnHir.values() as Iterable<HirFn>) checkBody(x, ctx, f.body, f.params.map((p) => p.pat));
  for (const c of ctx.constHir.values()) if (c) checkBody(x, ctx, c.value, []);
  for (const s of ctx.staticHir.values()) checkBody(x, ctx, s.init, []);
}

export { walkBlock };
