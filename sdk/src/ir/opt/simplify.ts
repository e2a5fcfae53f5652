// Algebraic simplification (peepholes on one instruction and the definitions
// of its operands), the IR's instcombine in miniature. Every rule is an
// identity that holds for the IR's exact wrapping semantics at every width:
//
//   x+0, x-0, x*1, x|0, x^0, x<<0, x/1 → x      x-x, x^x, x%1 → 0
//   x&x, x|x, select c,x,x → x                   x&~0 → x,   x/-1 → -x
//   (x+c1)+c2 → x+(c1+c2);  x-c → x+(-c);       (x&c1)&c2 → x&(c1&c2)
//   -(-x), ~~x → x
//   constants move to the right of commutative operations and comparisons
//   cmp x,x; comparisons decided by the range of an operand (zext, and-mask,
//   lshr, urem) or by the type's bounds (x <u 0, x >=s MIN ...)
//   booleans: (c != 0), (c == 1), select c,1,0 → c;  (c == 0), c ^ 1 → !c
//             (c a comparison, the IR's only 0/1 producer besides constants)
//   conversions: trunc(ext x) → x or a narrower/wider conversion; ext(ext x) → one ext
//   addresses: load/store [p + c] with p = q + c' → [q + (c + c')] (0 ≤ offset < 4096)
//
// Uses of a replaced value are substituted at the end; the dead definitions
// are left to DCE.
import type { CmpOp, Function, Inst, Ty, Value } from '../ir.ts';
import { bitsOf, constImm, foldBinary, invertCmp, norm, range, sgn, swapCmp } from './eval.ts';
import { definitions, mapInstUses, newValue, rewriteInsts, substitute } from './util.ts';

const COMMUTATIVE = new Set(['add', 'mul', 'and', 'or', 'xor']);
const MAX_OFFSET = 4096;

export function simplify(fn: Function): boolean {
  const defs = definitions(fn);
  const subst = new Map<Value, Value>();
  const resolve = (v: Value): Value => {
    let r = v;
    for (let n = subst.get(r); n !== undefined; n = subst.get(r)) r = n;
    return r;
  };
  let did = false;
  const cst = (v: Value): bigint | null => {
    const d = defs[v];
    return d?.op === 'const' ? norm(d.ty, d.imm) : null;
  };
  const isBool = (v: Value): boolean => defs[v]?.op === 'cmp';

  /** Known unsigned range [lo, hi] of a 32-bit-or-narrower value, from its definition. */
  const urange = (v: Value, ty: Ty): [bigint, bigint] => {
    const full = range(ty, false);
    const d = defs[v];
    if (!d) return full;
    const c = cst(v);
    if (c !== null) return [c, c];
    if (d.op === 'conv' && d.kind === 'zext') return [0n, range(d.from, false)[1]];
    if (d.op === 'cmp') return [0n, 1n];
    if (d.op === 'binary') {
      const cb = cst(d.b);
      if (cb !== null) {
        if (d.kind === 'and') return [0n, cb];
        if (d.kind === 'lshr' && cb < BigInt(bitsOf(ty))) return [0n, full[1] >> cb];
        if (d.kind === 'urem' && cb > 0n) return [0n, cb - 1n];
        if (d.kind === 'udiv' && cb > 0n) return [0n, full[1] / cb];
      }
    }
    return full;
  };

  for (const b of fn.blocks) {
    const extra: Inst[] = [];
    const mkConst = (ty: Ty, x: bigint): Value => {
      const dst = newValue(fn, ty);
      const ci: Inst = { op: 'const', dst, ty, imm: constImm(ty, x) };
      defs[dst] = ci;
      extra.push(ci);
      return dst;
    };
    const alias = (from: Value, to: Value): null => { subst.set(from, to); did = true; return null; };
    const replace = (i: Inst, n: Inst): Inst[] => {
      defs[(n as { dst: Value }).dst] = n;
      did = true;
      const out = [...extra, n];
      extra.length = 0;
      return out;
    };
    const invert = (c: Value, dst: Value): Inst | null => {
      const d = defs[c];
      if (d?.op !== 'cmp') return null;
      return { op: 'cmp', kind: invertCmp(d.kind), dst, ty: d.ty, a: d.a, b: d.b };
    };

    rewriteInsts(b, (i) => {
      mapInstUses(i, resolve);
      extra.length = 0;
      switch (i.op) {
        case 'binary': {
          if (COMMUTATIVE.has(i.kind) && cst(i.a) !== null && cst(i.b) === null) { [i.a, i.b] = [i.b, i.a]; did = true; }
          const ty = i.ty;
          const cb = cst(i.b);
          const ones = norm(ty, -1n);
          const same = i.a === i.b;
          switch (i.kind) {
            case 'add': case 'sub': {
              if (cb === 0n) return alias(i.dst, i.a);
              if (same && i.kind === 'sub') return replace(i, { op: 'const', dst: i.dst, ty, imm: 0n });
              if (cb === null) break;
              // Fold chains of constant additions (address arithmetic, loop counters).
              let base = i.a;
              let sum = i.kind === 'add' ? cb : norm(ty, -cb);
              const da = defs[i.a];
              if (da?.op === 'binary' && (da.kind === 'add' || da.kind === 'sub') && cst(da.b) !== null) {
                base = da.a;
                sum = norm(ty, sum + (da.kind === 'add' ? cst(da.b)! : -cst(da.b)!));
                if (sum === 0n) return alias(i.dst, base);
              } else if (i.kind === 'add') break;
              return replace(i, { op: 'binary', kind: 'add', dst: i.dst, ty, a: base, b: mkConst(ty, sum) });
            }
            case 'mul':
              if (cb === 1n) return alias(i.dst, i.a);
              if (cb === 0n) return replace(i, { op: 'const', dst: i.dst, ty, imm: 0n });
              if (cb === ones) return replace(i, { op: 'unary', kind: 'neg', dst: i.dst, ty, a: i.a });
              break;
            case 'and': {
              if (same || cb === ones) return alias(i.dst, i.a);
              if (cb === 0n) return replace(i, { op: 'const', dst: i.dst, ty, imm: 0n });
              if (cb !== null) {
                const [, hi] = urange(i.a, ty);
                // The mask keeps every bit the operand can have.
                if ((hi & (hi + 1n)) === 0n && (cb & hi) === hi) return alias(i.dst, i.a);
                const da = defs[i.a];
                if (da?.op === 'binary' && da.kind === 'and' && cst(da.b) !== null) {
                  return replace(i, { op: 'binary', kind: 'and', dst: i.dst, ty, a: da.a, b: mkConst(ty, cb & cst(da.b)!) });
                }
              }
              break;
            }
            case 'or':
              if (same || cb === 0n) return alias(i.dst, i.a);
              break;
            case 'xor':
              if (cb === 0n) return alias(i.dst, i.a);
              if (same) return replace(i, { op: 'const', dst: i.dst, ty, imm: 0n });
              if (cb === 1n && ty === 'i8' && isBool(i.a)) { const n = invert(i.a, i.dst); if (n) return replace(i, n); }
              break;
            case 'shl': case 'lshr': case 'ashr':
              if (cb === 0n) return alias(i.dst, i.a);
              break;
            case 'udiv': case 'sdiv':
              if (cb === 1n) return alias(i.dst, i.a);
              if (i.kind === 'sdiv' && cb === ones) return replace(i, { op: 'unary', kind: 'neg', dst: i.dst, ty, a: i.a });
              break;
            case 'urem': case 'srem':
              if (cb === 1n || (i.kind === 'srem' && cb === ones)) return replace(i, { op: 'const', dst: i.dst, ty, imm: 0n });
              break;
          }
          // Both constant: fold (SCCP does too; this keeps the simplifier self-contained).
          const ca = cst(i.a);
          if (ca !== null && cb !== null) {
            const r = foldBinary(i.kind, ty, ca, cb);
            if (r !== null) return replace(i, { op: 'const', dst: i.dst, ty, imm: constImm(ty, r) });
          }
          return i;
        }
        case 'unary': {
          const d = defs[i.a];
          if ((i.kind === 'neg' || i.kind === 'not') && d?.op === 'unary' && d.kind === i.kind) return alias(i.dst, d.a);
          return i;
        }
        case 'cmp': {
          if (cst(i.a) !== null && cst(i.b) === null) { [i.a, i.b] = [i.b, i.a]; i.kind = swapCmp(i.kind); did = true; }
          const decided = decideCmp(i.kind, i.ty, i.a, i.b, cst, urange);
          if (decided !== null) return replace(i, { op: 'const', dst: i.dst, ty: 'i8', imm: decided ? 1n : 0n });
          const cb = cst(i.b);
          if (i.ty === 'i8' && isBool(i.a) && cb !== null && (i.kind === 'eq' || i.kind === 'ne')) {
            // c != 0, c == 1 are c; c == 0, c != 1 are its negation.
            if ((i.kind === 'ne') === (cb === 0n) && (cb === 0n || cb === 1n)) return alias(i.dst, i.a);
            if (cb === 0n || cb === 1n) { const n = invert(i.a, i.dst); if (n) return replace(i, n); }
          }
          // Unsigned x <= 0 is x == 0, x > 0 is x != 0 (cheaper tests on every target).
          if (cb === 0n && (i.kind === 'ule' || i.kind === 'ugt')) { i.kind = i.kind === 'ule' ? 'eq' : 'ne'; did = true; }
          return i;
        }
        case 'conv': {
          const d = defs[i.a];
          if (i.from === i.to) return alias(i.dst, i.a);
          if (d?.op === 'conv' && d.kind !== 'trunc' && i.kind === 'trunc') {
            // trunc(ext x): x itself, or x converted directly.
            const inner = d.from;
            if (inner === i.to) return alias(i.dst, d.a);
            const kind = bitsOf(inner) < bitsOf(i.to) ? d.kind : 'trunc';
            return replace(i, { op: 'conv', kind, dst: i.dst, from: inner, to: i.to, a: d.a });
          }
          if (d?.op === 'conv' && d.kind === i.kind && i.kind !== 'trunc') {
            return replace(i, { op: 'conv', kind: i.kind, dst: i.dst, from: d.from, to: i.to, a: d.a });
          }
          if (d?.op === 'conv' && d.kind === 'zext' && i.kind === 'sext' && bitsOf(d.from) < bitsOf(d.to)) {
            // sext of a value whose top bit is clear is a zext.
            return replace(i, { op: 'conv', kind: 'zext', dst: i.dst, from: d.from, to: i.to, a: d.a });
          }
          return i;
        }
        case 'select': {
          if (i.a === i.b) return alias(i.dst, i.a);
          const ca = cst(i.a), cb = cst(i.b);
          if (i.ty === 'i8' && ca === 1n && cb === 0n) return alias(i.dst, i.cond);
          if (i.ty === 'i8' && ca === 0n && cb === 1n) { const n = invert(i.cond, i.dst); if (n) return replace(i, n); }
          return i;
        }
        case 'load': case 'store': {
          const d = defs[i.addr];
          if (d?.op === 'binary' && d.kind === 'add' && d.ty === 'ptr') {
            const c = cst(d.b);
            if (c !== null) {
              const off = Number(sgn('ptr', c)) + i.offset;
              if (off >= 0 && off < MAX_OFFSET) { i.addr = d.a; i.offset = off; did = true; }
            }
          }
          return i;
        }
        default:
          return i;
      }
    });
  }
  substitute(fn, subst);
  return did;
}

/** A comparison decided without knowing its operands' values, or null. */
function decideCmp(kind: CmpOp, ty: Ty, a: Value, b: Value, cst: (v: Value) => bigint | null, urange: (v: Value, ty: Ty) => [bigint, bigint]): boolean | null {
  if (a === b) return kind === 'eq' || kind === 'sle' || kind === 'sge' || kind === 'ule' || kind === 'uge';
  const cb = cst(b);
  if (cb === null) return null;
  const signed = kind[0] === 's';
  if (signed) {
    const [min, max] = range(ty, true);
    const c = sgn(ty, cb);
    if (kind === 'slt' && c === min) return false;
    if (kind === 'sge' && c === min) return true;
    if (kind === 'sgt' && c === max) return false;
    if (kind === 'sle' && c === max) return true;
    return null;
  }
  if (ty === 'i64') return null;
  const [lo, hi] = urange(a, ty);
  switch (kind) {
    case 'eq': return cb < lo || cb > hi ? false : null;
    case 'ne': return cb < lo || cb > hi ? true : null;
    case 'ult': return hi < cb ? true : lo >= cb ? false : null;
    case 'ule': return hi <= cb ? true : lo > cb ? false : null;
    case 'ugt': return lo > cb ? true : hi <= cb ? false : null;
    case 'uge': return lo >= cb ? true : hi < cb ? false : null;
  }
  return null;
}
