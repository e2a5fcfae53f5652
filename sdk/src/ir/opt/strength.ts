// Strength reduction: multiplication and division by constant powers of two
// become shifts and masks, at every width (i64 division is a library call on
// every target, signed division a helper call on ARMv6-M and RV32 without M,
// and a 2–12 cycle instruction elsewhere).
//
//   x * 2^k  → x << k                x * -1 → -x (simplify.ts)
//   x /u 2^k → x >>u k               x %u 2^k → x & (2^k - 1)
//   x /s 2^k → (x + bias) >>s k      bias = (x >>s (w-1)) >>u (w-k): 2^k - 1
//                                    when x < 0, so the quotient rounds toward
//                                    zero like Rust's, not toward -inf
//   x %s 2^k → x - ((x + bias) & -2^k)
//
// The lowering checks the divisor for zero and the MIN / -1 overflow before
// the division; with a constant power-of-two divisor those checks fold away
// (sccp.ts, simplify.ts) and the shift sequence is exact for every x,
// including MIN. Multiplication by other small constants is left alone: on
// Thumb `movs`+`muls` is as short as `lsls`+`adds`, and the multiplier is
// single-cycle on every supported core.
import type { Function, Inst, Ty, Value } from '../ir.ts';
import { bitsOf, constImm, log2Exact, norm } from './eval.ts';
import { definitions, newValue, rewriteInsts } from './util.ts';

export function strengthReduce(fn: Function): boolean {
  const defs = definitions(fn);
  const cst = (v: Value): bigint | null => {
    const d = defs[v];
    return d?.op === 'const' ? norm(d.ty, d.imm) : null;
  };
  let did = false;
  for (const b of fn.blocks) {
    rewriteInsts(b, (i) => {
      if (i.op !== 'binary') return i;
      const c = cst(i.b);
      if (c === null) return i;
      const k = log2Exact(i.ty, c);
      const ty = i.ty;
      const w = bitsOf(ty);
      // 2^(w-1) as a signed divisor is MIN, a negative number: not a power of two there.
      if (k <= 0 || (k === w - 1 && (i.kind === 'sdiv' || i.kind === 'srem'))) return i;
      const out: Inst[] = [];
      const k_ = (x: bigint): Value => {
        const dst = newValue(fn, ty);
        out.push({ op: 'const', dst, ty, imm: constImm(ty, x) });
        return dst;
      };
      const op = (kind: Extract<Inst, { op: 'binary' }>['kind'], a: Value, bb: Value, dst?: Value): Value => {
        const d = dst ?? newValue(fn, ty);
        out.push({ op: 'binary', kind, dst: d, ty, a, b: bb });
        return d;
      };
      switch (i.kind) {
        case 'mul': op('shl', i.a, k_(BigInt(k)), i.dst); break;
        case 'udiv': op('lshr', i.a, k_(BigInt(k)), i.dst); break;
        case 'urem': op('and', i.a, k_(c - 1n), i.dst); break;
        case 'sdiv': case 'srem': {
          const biased = signedBias(ty, w, k, i.a, op, k_);
          if (i.kind === 'sdiv') op('ashr', biased, k_(BigInt(k)), i.dst);
          else op('sub', i.a, op('and', biased, k_(norm(ty, -c))), i.dst);
          break;
        }
        default: return i;
      }
      did = true;
      return out;
    });
  }
  return did;
}

/** x + (2^k - 1 if x < 0 else 0), the operand of a rounding-toward-zero shift. */
function signedBias(ty: Ty, w: number, k: number, x: Value, op: (kind: 'ashr' | 'lshr' | 'add', a: Value, b: Value) => Value, k_: (x: bigint) => Value): Value {
  // For k = 1 the sign bit shifted down is the bias itself.
  const sign = k === 1 ? x : op('ashr', x, k_(BigInt(w - 1)));
  const bias = op('lshr', sign, k_(BigInt(w - k)));
  return op('add', x, bias);
}
