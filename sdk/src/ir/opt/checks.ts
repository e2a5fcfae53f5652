// Redundant checks: comparisons decided by a dominating branch. When a block
// is entered only through one arm of a `branch` on a comparison, that
// comparison's outcome is a fact in every block it dominates; a later
// comparison of the same operands (the second bounds check of `a[i]`, an
// `if i < n` inside `while i < n`, a repeated overflow test in a debug build)
// is then decided and becomes a constant, which sccp.ts and cfg.ts turn into a
// straight line. Likewise a `switch` case entered through one edge knows its
// value, and an `eq` fact with a constant makes the value that constant.
//
// Facts between two values are kept per signedness as the set of orderings
// {<, =, >} still possible; facts against constants as intervals. A query is
// decided when every remaining ordering (or the whole interval) agrees.
// Scoping follows the dominator tree, so a fact never outlives the region
// its branch controls.
import type { CmpOp, Function, Inst, Ty, Value } from '../ir.ts';
import { dominators } from '../verify.ts';
import { constImm, invertCmp, norm, range, sgn, swapCmp } from './eval.ts';
import { definitions, mapInstUses, mapTermUses, newValue, predecessors } from './util.ts';

/** Orderings a < b, a = b, a > b as bits 1, 2, 4. */
const LT = 1, EQ = 2, GT = 4;
const ALLOWS: Record<CmpOp, number> = {
  eq: EQ, ne: LT | GT, slt: LT, sle: LT | EQ, sgt: GT, sge: GT | EQ, ult: LT, ule: LT | EQ, ugt: GT, uge: GT | EQ,
};
const signedOp = (k: CmpOp) => k[0] === 's';

interface Fact {
  kind: CmpOp;
  a: Value;
  /** The other operand, or null when it is the constant `c`. */
  b: Value | null;
  c: bigint;
}

export function checkElim(fn: Function): boolean {
  const { idom, rpo } = dominators(fn);
  const preds = predecessors(fn);
  const defs = definitions(fn);
  const children: number[][] = fn.blocks.map(() => []);
  for (const b of rpo) if (b !== 0) children[idom[b]!]!.push(b);
  const cst = (v: Value): bigint | null => {
    const d = defs[v];
    return d?.op === 'const' ? norm(d.ty, d.imm) : null;
  };
  const tyOf = (v: Value) => fn.valueTys[v]!;

  // Facts in scope, indexed by operand; values known to be constants in scope.
  const byValue = new Map<Value, Fact[]>();
  const known = new Map<Value, { ty: Ty; c: bigint; at: number; dst: Value | null }>();
  // Constants materialised on first use, at the top of the block the fact starts in.
  const inserts = new Map<number, Inst[]>();
  let did = false;

  const addFact = (f: Fact, undo: (() => void)[]) => {
    for (const v of f.b === null ? [f.a] : [f.a, f.b]) {
      let l = byValue.get(v);
      if (!l) { l = []; byValue.set(v, l); }
      l.push(f);
      undo.push(() => l!.pop());
    }
  };
  /** `v` equals the constant `c` in the region of block `at`. */
  const equal = (v: Value, c: bigint, at: number, undo: (() => void)[]) => {
    if (defs[v]?.op === 'const' || known.has(v)) return;
    known.set(v, { ty: tyOf(v), c, at, dst: null });
    undo.push(() => known.delete(v));
  };
  /** Facts implied by `cond` (an i8) having the value `truth`. */
  const assume = (cond: Value, truth: boolean, at: number, undo: (() => void)[]) => {
    equal(cond, truth ? 1n : 0n, at, undo);
    const d = defs[cond];
    if (d?.op !== 'cmp') return;
    let kind = truth ? d.kind : invertCmp(d.kind);
    let a = d.a, b: Value = d.b;
    if (cst(a) !== null && cst(b) === null) { [a, b] = [b, a]; kind = swapCmp(kind); }
    const c = cst(b);
    if (c !== null) {
      addFact({ kind, a, b: null, c }, undo);
      if (kind === 'eq') equal(a, c, at, undo);
    } else addFact({ kind, a, b, c: 0n }, undo);
  };
  const resolve = (v: Value): Value => {
    const k = known.get(v);
    if (!k) return v;
    if (k.dst === null) {
      k.dst = newValue(fn, k.ty);
      const inst: Inst = { op: 'const', dst: k.dst, ty: k.ty, imm: constImm(k.ty, k.c) };
      defs[k.dst] = inst;
      let l = inserts.get(k.at);
      if (!l) { l = []; inserts.set(k.at, l); }
      l.push(inst);
    }
    return k.dst;
  };

  /** The outcome of `kind a, b` under the facts in scope, or null. */
  const decide = (kind: CmpOp, a: Value, b: Value): boolean | null => {
    const ty = tyOf(a);
    const cb = cst(b);
    const signed = signedOp(kind);
    if (cb !== null) {
      // Interval of a in the query's domain (eq/ne: unsigned).
      let [lo, hi] = range(ty, signed);
      const val = (x: bigint) => (signed ? sgn(ty, x) : norm(ty, x));
      let excluded = false;
      for (const f of byValue.get(a) ?? []) {
        if (f.b !== null || f.a !== a) continue;
        const c = val(f.c);
        if (f.kind === 'eq') { lo = hi = c; continue; }
        if (f.kind === 'ne') { if (c === val(cb)) excluded = true; continue; }
        if (signedOp(f.kind) !== signed) continue;
        switch (f.kind) {
          case 'slt': case 'ult': if (c - 1n < hi) hi = c - 1n; break;
          case 'sle': case 'ule': if (c < hi) hi = c; break;
          case 'sgt': case 'ugt': if (c + 1n > lo) lo = c + 1n; break;
          case 'sge': case 'uge': if (c > lo) lo = c; break;
        }
      }
      const c = val(cb);
      if (lo > hi) return null; // contradictory facts: dead code, leave it to the other passes
      switch (kind) {
        case 'eq': return excluded || c < lo || c > hi ? false : lo === hi && lo === c ? true : null;
        case 'ne': return excluded || c < lo || c > hi ? true : lo === hi && lo === c ? false : null;
        case 'slt': case 'ult': return hi < c ? true : lo >= c ? false : null;
        case 'sle': case 'ule': return hi <= c ? true : lo > c ? false : null;
        case 'sgt': case 'ugt': return lo > c ? true : hi <= c ? false : null;
        case 'sge': case 'uge': return lo >= c ? true : hi < c ? false : null;
      }
    }
    // Two values: the orderings still possible in each domain.
    let uns = LT | EQ | GT, sig = LT | EQ | GT;
    for (const f of byValue.get(a) ?? []) {
      if (f.b === null) continue;
      let k: CmpOp;
      if (f.a === a && f.b === b) k = f.kind;
      else if (f.a === b && f.b === a) k = swapCmp(f.kind);
      else continue;
      if (k === 'eq' || k === 'ne') { uns &= ALLOWS[k]; sig &= ALLOWS[k]; }
      else if (signedOp(k)) sig &= ALLOWS[k];
      else uns &= ALLOWS[k];
    }
    if (kind === 'eq' || kind === 'ne') {
      const isEq = uns === EQ || sig === EQ ? true : !(uns & EQ) || !(sig & EQ) ? false : null;
      return isEq === null ? null : kind === 'eq' ? isEq : !isEq;
    }
    const set = signed ? sig : uns;
    const allow = ALLOWS[kind];
    if (set === 0) return null;
    if ((set & allow) === set) return true;
    if ((set & allow) === 0) return false;
    return null;
  };

  const work: { b: number; undo: (() => void)[] | null }[] = [{ b: 0, undo: null }];
  while (work.length) {
    const w = work[work.length - 1]!;
    if (w.undo !== null) {
      for (let k = w.undo.length - 1; k >= 0; k--) w.undo[k]!();
      work.pop();
      continue;
    }
    const undo: (() => void)[] = [];
    w.undo = undo;
    const b = fn.blocks[w.b]!;
    // Facts from the edge that enters this block, when it is the only way in.
    const p = preds[w.b]!;
    if (w.b !== 0 && p.length === 1) {
      const t = fn.blocks[p[0]!]!.term;
      if (t.op === 'branch' && t.then.block !== t.else.block) assume(t.cond, t.then.block === w.b, w.b, undo);
      else if (t.op === 'switch') {
        const hits = t.cases.filter((c) => c.to.block === w.b);
        if (hits.length === 1 && t.default.block !== w.b) equal(t.value, norm(t.ty, hits[0]!.value), w.b, undo);
      }
    }
    const res = (v: Value) => { const r = resolve(v); if (r !== v) did = true; return r; };
    b.insts = b.insts.map((i) => {
      mapInstUses(i, res);
      if (i.op !== 'cmp') return i;
      const r = decide(i.kind, i.a, i.b);
      if (r === null) return i;
      did = true;
      return { op: 'const', dst: i.dst, ty: 'i8', imm: r ? 1n : 0n };
    });
    mapTermUses(b.term, res);
    for (let k = children[w.b]!.length - 1; k >= 0; k--) work.push({ b: children[w.b]![k]!, undo: null });
  }
  for (const [at, l] of inserts) {
    const b = fn.blocks[at]!;
    b.insts.unshift(...l);
    if (b.locs) b.locs.unshift(...l.map(() => undefined));
  }
  return did;
}
