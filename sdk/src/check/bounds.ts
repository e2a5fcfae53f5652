// Compile-time index proofs: an integer range analysis over each typed body
// that classifies every `base[index]` on an array or slice as
//   inRange    — the back end emits no bounds check;
//   outOfRange — a constant index past a constant length: error E0604 (rustc
//                rejects these too, with its `unconditional_panic` lint);
//   unknown    — a run-time check that panics with the location.
// The proof is stored on the HIR `index` node and listed in
// HirProgram.indexProofs (`orizon check --explain-bounds` prints them).
//
// Soundness (the back end drops checks on `inRange`, so a wrong proof would be
// memory unsafety):
// - Facts are only kept for locals never borrowed (`&`/`&mut`) anywhere in the
//   body; an assignment kills the facts about its local for the rest of the
//   straight-line code; on entry to a loop, every local assigned inside the
//   loop is forgotten; after a branch, locals assigned in any arm are forgotten.
// - Interval arithmetic gives up (the whole type range) whenever a result could
//   leave its type's range, so release builds, where overflow wraps, are
//   covered too.
// Sources of facts: constants and literals, `for i in a..b` (also with .rev(),
// .step_by(n)), `for (i, _) in arr.iter().enumerate()`, masks `x & M`,
// remainders `x % N`, shifts, casts from narrower unsigned types, `min`,
// `len()` of arrays, and comparisons guarding a branch (`if i < N { a[i] }`,
// `while i < N { ... }`, `if i >= N { return; } a[i]`), including symbolic
// facts `i < s.len()` for slices.
import type { Ctx } from './ctx.ts';
import type { Span } from '../diag/source.ts';
import type { HirBlock, HirExpr, HirProgram, IndexProof, LocalVar } from './hir.ts';
import { arrayLen, displayTy, intBits as intBitsOf, intMax, intMin, intSigned, type Ty } from './types.ts';
import { walkExpr } from './visit.ts';

interface Interval {
  lo: bigint;
  hi: bigint;
  why: string;
  /**
   * A compile-time constant in rustc's sense too (literals, consts, immutable
   * locals initialised with one, arithmetic on those): only exact values turn
   * into errors (E0602/E0603/E0604), so Orizon rejects what rustc rejects.
   */
  exact?: boolean;
}

/** Facts valid at a program point: intervals of locals, and `i < len(s)` facts (by local ids). */
interface Env {
  iv: Map<number, Interval>;
  lenLt: Set<string>;
}

function copy(env: Env): Env {
  return { iv: new Map(env.iv), lenLt: new Set(env.lenLt) };
}

/** `iv` if it lies within the type range `tr`, else `tr` (the result may have wrapped). */
function fitIn(iv: Interval | null, tr: Interval | null): Interval | null {
  if (!iv) return tr;
  if (tr && (iv.lo < tr.lo || iv.hi > tr.hi)) return tr;
  return iv;
}

function typeRange(t: Ty): Interval | null {
  return t.kind === 'int' ? { lo: intMin(t.int), hi: intMax(t.int), why: `any \`${t.int}\`` } : null;
}

function rootLocal(x: HirExpr): LocalVar | null {
  switch (x.kind) {
    case 'local': return x.local;
    case 'field': case 'tupleField': case 'index': case 'sliceRange': return rootLocal(x.base);
    default: return null;
  }
}

class Analyzer {
  readonly proofs: { span: Span; proof: IndexProof }[] = [];
  /** Whether the body being analysed belongs to a library crate (its proofs are not listed). */
  library = false;
  /** Constant initialisers: constant evaluation reports their errors already. */
  quiet = false;
  /** Locals whose address is taken anywhere in the body: never tracked. */
  private escaped = new Set<number>();

  constructor(readonly ctx: Ctx) {}

  /** Where each local is assigned or mutably borrowed (start offsets), for forgetting facts by region. */
  private assignPos = new Map<number, number[]>();

  body(e: HirExpr): void {
    const escaped = new Set<number>();
    const pos = new Map<number, number[]>();
    const note = (l: LocalVar | null, at: number): void => {
      if (!l) return;
      let list = pos.get(l.id);
      if (!list) pos.set(l.id, (list = []));
      list.push(at);
    };
    walkExpr(e, {
      expr(x) {
        if (x.kind === 'addrOf') {
          if (x.operand.kind === 'local') escaped.add(x.operand.local.id);
          if (x.mut) note(rootLocal(x.operand), x.span.start);
        } else if (x.kind === 'assign') {
          note(rootLocal(x.target), x.span.start);
        }
      },
    });
    this.escaped = escaped;
    this.assignPos = pos;
    this.expr(e, { iv: new Map(), lenLt: new Set() });
  }

  private forgetId(env: Env, id: number): void {
    env.iv.delete(id);
    if (env.lenLt.size) for (const f of env.lenLt) if (f.startsWith(`${id}<`) || f.endsWith(`<${id}`)) env.lenLt.delete(f);
  }

  private assignedWithin(id: number, span: Span): boolean {
    const ps = this.assignPos.get(id);
    if (!ps) return false;
    for (const p of ps) if (p >= span.start && p < span.end) return true;
    return false;
  }

  /** Forgets the facts about locals assigned anywhere inside `span`. */
  private forgetIn(env: Env, span: Span): void {
    for (const id of [...env.iv.keys()]) if (this.assignedWithin(id, span)) this.forgetId(env, id);
    for (const f of [...env.lenLt]) {
      const [a, b] = f.split('<').map(Number);
      if (this.assignedWithin(a!, span) || this.assignedWithin(b!, span)) env.lenLt.delete(f);
    }
  }

  private set(env: Env, l: LocalVar, iv: Interval | null): void {
    this.forgetId(env, l.id);
    if (iv && !this.escaped.has(l.id)) env.iv.set(l.id, iv);
  }

  // ---------------------------------------------------------------- intervals

  interval(e: HirExpr, env: Env): Interval | null {
    if (e.ty.kind !== 'int') return null;
    const tr = typeRange(e.ty);
    const fit = (iv: Interval | null): Interval | null => fitIn(iv, tr);
    switch (e.kind) {
      case 'lit': return e.value.kind === 'int' ? { lo: e.value.value, hi: e.value.value, why: `the constant ${e.value.value}`, exact: true } : null;
      case 'const': {
        const v = this.ctx.consteval.constValue(e.def);
        return v?.kind === 'int' ? { lo: v.value, hi: v.value, why: `\`${e.def.name}\` = ${v.value}`, exact: true } : tr;
      }
      case 'local': {
        if (this.escaped.has(e.local.id)) return tr;
        const iv = env.iv.get(e.local.id);
        if (!iv) return tr;
        return iv.exact && e.local.mut ? { ...iv, exact: false } : iv;
      }
      case 'coerce': return this.interval(e.operand, env);
      case 'cast': {
        if (e.cast !== 'int') return tr;
        const inner = this.interval(e.operand, env);
        return fit(inner);
      }
      case 'binary': {
        const a = this.interval(e.left, env);
        const b = this.interval(e.right, env);
        if (!a || !b) return tr;
        const unsigned = e.ty.kind === 'int' && !intSigned(e.ty.int);
        const exact = a.exact === true && b.exact === true;
        switch (e.op) {
          case '+': return fit({ lo: a.lo + b.lo, hi: a.hi + b.hi, why: `${a.why} plus ${b.why}`, exact });
          case '-': return fit({ lo: a.lo - b.hi, hi: a.hi - b.lo, why: `${a.why} minus ${b.why}`, exact });
          case '*': {
            const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
            return fit({ lo: c.reduce((x, y) => (x < y ? x : y)), hi: c.reduce((x, y) => (x > y ? x : y)), why: `${a.why} times ${b.why}`, exact });
          }
          case '&':
            if (a.lo >= 0n && b.lo >= 0n) {
              const hi = a.hi < b.hi ? a.hi : b.hi;
              return { lo: 0n, hi, why: b.lo === b.hi ? `masked with \`& ${b.hi}\`` : a.lo === a.hi ? `masked with \`& ${a.hi}\`` : 'a mask' };
            }
            return tr;
          case '%':
            if (a.lo >= 0n && b.lo > 0n) {
              const hi = b.hi - 1n < a.hi ? b.hi - 1n : a.hi;
              return { lo: 0n, hi, why: b.lo === b.hi ? `a remainder \`% ${b.hi}\`` : 'a remainder' };
            }
            return tr;
          case '>>':
            if (unsigned && b.lo === b.hi && b.lo >= 0n && b.lo < 64n) return { lo: a.lo >> b.lo, hi: a.hi >> b.lo, why: `${a.why} shifted right by ${b.lo}` };
            return tr;
          case '/':
            if (a.lo >= 0n && b.lo > 0n) return { lo: a.lo / b.hi, hi: a.hi / b.lo, why: `${a.why} divided by ${b.why}` };
            return tr;
          default: return tr;
        }
      }
      case 'call': {
        if (e.callee.kind !== 'builtin') return tr;
        const n = e.callee.name;
        if (n === 'len') {
          const self = e.callee.selfTy;
          const recv = e.args[0]!;
          const arr = recv.kind === 'coerce' && recv.coercion === 'unsize' ? (recv.operand.ty.kind === 'ref' ? recv.operand.ty.inner : recv.operand.ty) : null;
          const len = arr ? arrayLen(arr) : null;
          if (len !== null) return { lo: BigInt(len), hi: BigInt(len), why: `the array length ${len}`, exact: true };
          void self;
          return tr;
        }
        if (n === 'min' && e.args.length === 2) {
          const a = this.interval(e.args[0]!, env);
          const b = this.interval(e.args[1]!, env);
          if (a && b) return { lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi < b.hi ? a.hi : b.hi, why: `the minimum of ${a.why} and ${b.why}` };
        }
        return tr;
      }
      case 'block': return e.block.tail && e.block.stmts.length === 0 ? this.interval(e.block.tail, env) : tr;
      default: return tr;
    }
  }

  // ---------------------------------------------------------------- refinement

  /** The local behind `e` if it can carry facts. */
  private trackable(e: HirExpr): LocalVar | null {
    let x = e;
    while (x.kind === 'coerce') x = x.operand;
    return x.kind === 'local' && !this.escaped.has(x.local.id) && x.local.ty.kind === 'int' ? x.local : null;
  }

  /** The slice local of `s.len()`, if `e` is that. */
  private lenOfLocal(e: HirExpr): LocalVar | null {
    if (e.kind !== 'call' || e.callee.kind !== 'builtin' || e.callee.name !== 'len') return null;
    let r = e.args[0]!;
    while (r.kind === 'coerce' || r.kind === 'deref' && r.implicit || r.kind === 'addrOf' && r.implicit) r = r.operand;
    return r.kind === 'local' && !this.escaped.has(r.local.id) ? r.local : null;
  }

  /** Narrows `env` assuming `cond` is `truth`. */
  refine(cond: HirExpr, truth: boolean, env: Env): void {
    if (cond.kind === 'unary' && cond.op === 'not') { this.refine(cond.operand, !truth, env); return; }
    if (cond.kind !== 'binary') return;
    if ((cond.op === '&&' && truth) || (cond.op === '||' && !truth)) {
      this.refine(cond.left, truth, env);
      this.refine(cond.right, truth, env);
      return;
    }
    let op = cond.op;
    let l = cond.left;
    let r = cond.right;
    if (op === '>' || op === '>=') { op = op === '>' ? '<' : '<='; [l, r] = [r, l]; }
    if (op !== '<' && op !== '<=') return;
    // `l op r` (truth) or `r <= l` / `r < l` (negated)
    if (!truth) { op = op === '<' ? '<=' : '<'; [l, r] = [r, l]; }
    // Now: l < r or l <= r holds.
    const strict = op === '<';
    const lv = this.trackable(l);
    if (lv) {
      const rb = this.interval(r, env);
      if (rb) {
        const cur = this.interval(l, env)!;
        const hi = strict ? rb.hi - 1n : rb.hi;
        if (hi < cur.hi) {
          const keep = [...env.lenLt];
          this.set(env, lv, { lo: cur.lo, hi, why: `the guard \`${lv.name} ${strict ? '<' : '<='} ${rb.hi === rb.lo ? rb.hi : '...'}\`` });
          for (const f of keep) env.lenLt.add(f);
        }
      }
      const s = this.lenOfLocal(r);
      if (s && strict) env.lenLt.add(`${lv.id}<${s.id}`);
    }
    const rv = this.trackable(r);
    if (rv) {
      const lb = this.interval(l, env);
      if (lb) {
        const cur = this.interval(r, env)!;
        const lo = strict ? lb.lo + 1n : lb.lo;
        if (lo > cur.lo) this.set(env, rv, { lo, hi: cur.hi, why: `${cur.why}, at least ${lo} by a guard` });
      }
    }
  }

  // ---------------------------------------------------------------- walking

  private block(b: HirBlock, env: Env): void {
    for (const s of b.stmts) {
      if (s.kind === 'let') {
        if (s.init) this.expr(s.init, env);
        if (s.elseBlock) this.block(s.elseBlock, copy(env));
        if (s.pat.kind === 'binding' && !s.pat.sub && s.pat.mode === 'move' && s.init) this.set(env, s.pat.local, this.interval(s.init, env));
        continue;
      }
      this.expr(s.expr, env);
      // `if cond { <diverges> }`: the rest of the block knows `!cond`.
      const x = s.expr;
      if (x.kind === 'if' && !x.else && x.then.ty.kind === 'never' && x.cond.kind !== 'let') this.refine(x.cond, false, env);
    }
    if (b.tail) this.expr(b.tail, env);
  }

  private expr(e: HirExpr, env: Env): void {
    switch (e.kind) {
      case 'index': {
        this.expr(e.base, env);
        this.expr(e.index, env);
        e.proof = this.prove(e, env);
        if (!this.library) this.proofs.push({ span: e.span, proof: e.proof });
        return;
      }
      case 'binary': {
        this.children(e, env);
        this.checkConstOverflow(e, env);
        return;
      }
      case 'assign': {
        this.expr(e.value, env);
        this.expr(e.target, env);
        if (e.op !== '=') this.checkCompoundOverflow(e, env);
        const l = e.target.kind === 'local' ? e.target.local : null;
        if (l) this.set(env, l, e.op === '=' ? this.interval(e.value, env) : null);
        else { const r = rootLocal(e.target); if (r) this.forgetId(env, r.id); }
        return;
      }
      case 'if': {
        this.expr(e.cond.kind === 'let' ? e.cond.expr : e.cond, env);
        const t = copy(env);
        if (e.cond.kind !== 'let') this.refine(e.cond, true, t);
        this.expr(e.then, t);
        if (e.else) {
          const f = copy(env);
          if (e.cond.kind !== 'let') this.refine(e.cond, false, f);
          this.expr(e.else, f);
        }
        this.forgetIn(env, e.span);
        return;
      }
      case 'match': {
        this.expr(e.scrutinee, env);
        for (const a of e.arms) {
          const t = copy(env);
          if (a.guard) { this.expr(a.guard, t); this.refine(a.guard, true, t); }
          this.expr(a.body, t);
        }
        this.forgetIn(env, e.span);
        return;
      }
      case 'while': {
        this.forgetIn(env, e.span);
        const inner = copy(env);
        if (e.cond.kind === 'let') this.expr(e.cond.expr, inner);
        else { this.expr(e.cond, inner); this.refine(e.cond, true, inner); }
        this.block(e.body, inner);
        return;
      }
      case 'loop': {
        this.forgetIn(env, e.span);
        this.block(e.body, copy(env));
        return;
      }
      case 'for': {
        this.expr(e.iter, env);
        this.forgetIn(env, e.body.span);
        const inner = copy(env);
        this.bindForPattern(e, inner);
        this.block(e.body, inner);
        return;
      }
      case 'block': {
        this.block(e.block, copy(env));
        this.forgetIn(env, e.span);
        return;
      }
      default:
        this.children(e, env);
        if (e.kind === 'call' || e.kind === 'addrOf') this.forgetIn(env, e.span);
    }
  }

  /**
   * Arithmetic on operands known exactly (constants, or locals holding them)
   * that always overflows or divides by zero: a compile error, as rustc's
   * deny-by-default `arithmetic_overflow` and `unconditional_panic` lints.
   */
  private checkConstOverflow(e: HirExpr & { kind: 'binary' }, env: Env): void {
    if (e.ty.kind !== 'int') return;
    const a = this.interval(e.left, env);
    const b = this.interval(e.right, env);
    if (!a || !b || a.lo !== a.hi || b.lo !== b.hi || !a.exact || !b.exact) return;
    this.reportOverflow(e.op, a.lo, b.lo, e.ty, e.left.ty, e.span);
  }

  private checkCompoundOverflow(e: HirExpr & { kind: 'assign' }, env: Env): void {
    const t = e.target.ty;
    if (t.kind !== 'int') return;
    // Runs before the assignment updates the facts, so the target's interval is its old value.
    const a = this.interval(e.target, env);
    const b = this.interval(e.value, env);
    if (!a || !b || a.lo !== a.hi || b.lo !== b.hi || !a.exact || !b.exact) return;
    this.reportOverflow(e.op.slice(0, -1), a.lo, b.lo, t, t, e.span);
  }

  private reportOverflow(op: string, a: bigint, b: bigint, ty: Ty & { kind: 'int' }, lt: Ty, span: Span): void {
    if (this.quiet) return;
    const k = ty.int;
    const sfx = `_${k}`;
    let r: bigint | null = null;
    switch (op) {
      case '+': r = a + b; break;
      case '-': r = a - b; break;
      case '*': r = a * b; break;
      case '/': case '%':
        if (b === 0n) {
          this.ctx.diags.error('E0603', 'this operation will panic at runtime', span,
            `attempt to ${op === '/' ? 'divide' : 'calculate the remainder of'} \`${a}${sfx}\` ${op === '/' ? 'by' : 'with a divisor of'} zero`)
            .note('`#[deny(unconditional_panic)]` on by default, as in Rust');
          return;
        }
        r = op === '/' ? a / b : a % b;
        break;
      case '<<': case '>>': {
        const bits = lt.kind === 'int' ? BigInt(intBitsOf(lt.int)) : 64n;
        if (b < 0n || b >= bits) {
          this.ctx.diags.error('E0602', 'this arithmetic operation will overflow', span, `attempt to shift ${op === '<<' ? 'left' : 'right'} by \`${b}\`, which would overflow`)
            .note('`#[deny(arithmetic_overflow)]` on by default, as in Rust');
        }
        return;
      }
      default: return;
    }
    if (r < intMin(k) || r > intMax(k)) {
      this.ctx.diags.error('E0602', 'this arithmetic operation will overflow', span,
        `attempt to compute \`${a}${sfx} ${op} ${b}${sfx}\`, which would overflow`)
        .note('`#[deny(arithmetic_overflow)]` on by default, as in Rust; use `wrapping_*`/`checked_*` methods if wrapping is intended');
    }
  }

  /** Analyses the direct sub-expressions of the other expression kinds, in order. */
  private children(e: HirExpr, env: Env): void {
    switch (e.kind) {
      case 'adt': for (const x of e.fields) if (x) this.expr(x, env); if (e.base) this.expr(e.base, env); return;
      case 'unary': case 'deref': case 'addrOf': case 'cast': case 'coerce': this.expr(e.operand, env); return;
      case 'binary': this.expr(e.left, env); this.expr(e.right, env); return;
      case 'call': if (e.callee.kind === 'ptr') this.expr(e.callee.expr, env); for (const a of e.args) this.expr(a, env); return;
      case 'field': case 'tupleField': this.expr(e.base, env); return;
      case 'sliceRange': this.expr(e.base, env); if (e.lo) this.expr(e.lo, env); if (e.hi) this.expr(e.hi, env); return;
      case 'range': if (e.lo) this.expr(e.lo, env); if (e.hi) this.expr(e.hi, env); return;
      case 'let': this.expr(e.expr, env); return;
      case 'break': case 'return': if (e.value) this.expr(e.value, env); return;
      case 'tuple': case 'array': for (const x of e.elems) this.expr(x, env); return;
      case 'arrayRepeat': this.expr(e.elem, env); return;
      case 'print': case 'panic': for (const a of e.fmt.args) this.expr(a, env); return;
      case 'asm': for (const o of e.operands) { if (o.expr) this.expr(o.expr, env); if (o.outExpr) this.expr(o.outExpr, env); } return;
      default: return;
    }
  }

  /** Facts about a `for` loop's binding from its iterator (ranges and enumerate over arrays). */
  private bindForPattern(e: HirExpr & { kind: 'for' }, env: Env): void {
    let it = e.iter;
    while (it.kind === 'call' && it.callee.kind === 'builtin' && (it.callee.name === 'rev' || it.callee.name === 'step_by' || it.callee.name === 'into_iter')) it = it.args[0]!;
    if (it.kind === 'range' && it.lo && it.hi && e.pat.kind === 'binding' && e.pat.mode === 'move' && !e.pat.sub) {
      const lo = this.interval(it.lo, env);
      const hi = this.interval(it.hi, env);
      if (lo && hi) {
        const top = it.inclusive ? hi.hi : hi.hi - 1n;
        const src = `\`for ${e.pat.local.name} in ${lo.lo === lo.hi ? lo.lo : '..'}${it.inclusive ? '..=' : '..'}${hi.lo === hi.hi ? hi.hi : '..'}\``;
        if (top >= lo.lo) this.set(env, e.pat.local, { lo: lo.lo, hi: top, why: src });
      }
      const s = this.lenOfLocal(it.hi);
      if (s && !it.inclusive && !this.escaped.has(e.pat.local.id)) env.lenLt.add(`${e.pat.local.id}<${s.id}`);
      return;
    }
    // for (i, x) in arr.iter().enumerate()
    if (it.kind === 'call' && it.callee.kind === 'builtin' && it.callee.name === 'enumerate' && e.pat.kind === 'tuple') {
      const first = e.pat.elems[0];
      let src = it.args[0]!;
      while (src.kind === 'call' && src.callee.kind === 'builtin' && (src.callee.name === 'rev' || src.callee.name === 'iter' || src.callee.name === 'iter_mut' || src.callee.name === 'into_iter')) src = src.args[0]!;
      const arr = src.kind === 'coerce' && src.coercion === 'unsize' ? (src.operand.ty.kind === 'ref' ? src.operand.ty.inner : src.operand.ty) : src.ty;
      const len = arrayLen(arr);
      if (first?.kind === 'binding' && !first.sub && len !== null && len > 0) this.set(env, first.local, { lo: 0n, hi: BigInt(len - 1), why: `\`enumerate()\` over an array of length ${len}` });
    }
  }

  private prove(e: HirExpr & { kind: 'index' }, env: Env): IndexProof {
    const bt = e.base.ty;
    const len = arrayLen(bt);
    const iv = this.interval(e.index, env);
    if (len === null) {
      const il = this.trackable(e.index);
      let b = e.base;
      while (b.kind === 'deref' && b.implicit) b = b.operand;
      if (il && b.kind === 'local' && env.lenLt.has(`${il.id}<${b.local.id}`)) {
        return { kind: 'inRange', why: `\`${il.name} < ${b.local.name}.len()\` holds here` };
      }
      return { kind: 'unknown', why: `the length of \`${displayTy(bt)}\` is only known at run time` };
    }
    const L = BigInt(len);
    if (!iv) return { kind: 'unknown', why: 'the index is not an integer' };
    if (iv.lo > iv.hi) return { kind: 'inRange', why: `this code is unreachable (${iv.why})` };
    if (iv.lo >= 0n && iv.hi < L) return { kind: 'inRange', why: iv.lo === iv.hi ? `index ${iv.lo} (${iv.why}), length ${len}` : `index in ${iv.lo}..=${iv.hi} (${iv.why}), length ${len}` };
    if (iv.lo >= L && !(iv.lo === iv.hi && iv.exact)) {
      return { kind: 'unknown', why: `index in ${iv.lo}..=${iv.hi} (${iv.why}) is always out of bounds for length ${len}: it panics at run time` };
    }
    if (iv.lo === iv.hi && iv.lo >= L && this.quiet) return { kind: 'outOfRange', why: `index ${iv.lo} >= length ${len}` };
    if (iv.lo === iv.hi && iv.lo >= L) {
      const b = this.ctx.diags.error('E0604', `index ${iv.lo} is out of bounds for \`${displayTy(bt)}\``, e.index.span,
        `index out of bounds: the length is ${len} but the index is ${iv.lo}`)
        .note('this indexing would always panic at run time, so it is a compile error (as rustc\'s `unconditional_panic`)');
      const decl = declOf(e.base);
      if (decl) b.label(decl, `\`${displayTy(bt)}\` declared here`);
      return { kind: 'outOfRange', why: `index ${iv.lo} (${iv.why}) >= length ${len}` };
    }
    return { kind: 'unknown', why: `index in ${iv.lo}..=${iv.hi} (${iv.why}) may reach length ${len}` };
  }
}

function declOf(e: HirExpr): Span | null {
  switch (e.kind) {
    case 'local': return e.local.span;
    case 'static': return e.def.span;
    case 'const': return e.def.span;
    case 'deref': return declOf(e.operand);
    default: return null;
  }
}


export function proveIndexes(ctx: Ctx): HirProgram['indexProofs'] {
  const a = new Analyzer(ctx);
  for (const f of ctx.fnHir.values()) {
    a.library = f.def.module.crate.isLibrary;
    a.body(f.body);
  }
  a.quiet = true;
  for (const c of ctx.constHir.values()) if (c) { a.library = c.def.module.crate.isLibrary; a.body(c.value); }
  for (const s of ctx.staticHir.values()) { a.library = s.def.module.crate.isLibrary; a.body(s.init); }
  return a.proofs.sort((x, y) => x.span.file - y.span.file || x.span.start - y.span.start);
}

/**
 * The text `orizon check --explain-bounds` prints: one line per index
 * expression of the user's code, in source order, with the case and why.
 *   src/main.oriz:12:9: `a[i]` in range, no run-time check: index in 0..=7 (`for i in 0..8`), length 8
 */
export function explainBounds(prog: Pick<HirProgram, 'indexProofs'>, sources: { get(id: number): { path: string; text: string; lineCol(o: number): { line: number; col: number } } }): string {
  const label = { inRange: 'in range, no run-time check', outOfRange: 'out of bounds, compile error', unknown: 'checked at run time' } as const;
  const lines = prog.indexProofs.map((p) => {
    const f = sources.get(p.span.file);
    const lc = f.lineCol(p.span.start);
    const text = f.text.slice(p.span.start, p.span.end).replace(/\s+/g, ' ');
    return `${f.path}:${lc.line}:${lc.col}: \`${text}\` ${label[p.proof.kind]}: ${p.proof.why}`;
  });
  const n = (k: IndexProof['kind']): number => prog.indexProofs.filter((p) => p.proof.kind === k).length;
  lines.push(`${prog.indexProofs.length} index expression${prog.indexProofs.length === 1 ? '' : 's'}: ${n('inRange')} proven in range, ${n('outOfRange')} out of bounds, ${n('unknown')} checked at run time`);
  return `${lines.join('\n')}\n`;
}
