// Division by a constant through multiplication (Granlund and Montgomery,
// "Division by invariant integers using multiplication", 1994), for targets
// without a hardware divider (`softDivide`: ARMv6-M, where every `/` and `%`
// is a call to a bit-serial library routine of several hundred instructions,
// and number formatting divides by 10 for every digit).
//
// For 0 ≤ x < 2^32 and a divisor d ≥ 2 that is not a power of two
// (strength.ts takes those): with p the smallest exponent ≥ 32 for which
// m = ⌈2^p / d⌉ satisfies m·d − 2^p ≤ 2^(p−32), ⌊x / d⌋ = ⌊x·m / 2^p⌋
// (the paper's theorem 4.2). When m fits in 32 bits that is
// mulhi(x, m) >> (p − 32); otherwise m − 2^32 is used with the standard
// fix-up t = mulhi(x, m − 2^32), q = (((x − t) >> 1) + t) >> (p − 33).
// mulhi is built from four 16×16→32 multiplications (the IR has no high
// multiply and ARMv6-M no UMULL).
//
// Signed division divides the magnitude and restores the sign (truncating,
// as Rust does; MIN / d is exact because |MIN| = 2^31 fits the unsigned
// range); a negative divisor negates the quotient. Remainders are
// x − q·d. Narrower types are extended to 32 bits first; i64 is left to the
// library (its multiply-high would be longer than the call).
import type { BinaryOp, Function, Inst, Ty, Value } from '../ir.ts';
import { log2Exact, norm, sgn } from './eval.ts';
import { definitions, newValue, rewriteInsts } from './util.ts';

export interface Magic { m: bigint; shift: number; add: boolean }

/** The multiplier for unsigned 32-bit division by `d` (2 ≤ d < 2^32). */
export function magicU32(d: bigint): Magic {
  for (let p = 32; p <= 64; p++) {
    const pow = 1n << BigInt(p);
    const m = (pow + d - 1n) / d;
    if (m * d - pow <= 1n << BigInt(p - 32)) {
      return m < (1n << 32n) ? { m, shift: p - 32, add: false } : { m: m - (1n << 32n), shift: p - 33, add: true };
    }
  }
  throw new Error(`internal: no magic number for ${d}`);
}

export function divConst(fn: Function): boolean {
  const defs = definitions(fn);
  const cst = (v: Value): bigint | null => {
    const d = defs[v];
    return d?.op === 'const' ? norm(d.ty, d.imm) : null;
  };
  let did = false;
  for (const b of fn.blocks) {
    rewriteInsts(b, (i) => {
      if (i.op !== 'binary' || i.ty === 'i64' || i.ty === 'ptr') return i;
      if (i.kind !== 'udiv' && i.kind !== 'urem' && i.kind !== 'sdiv' && i.kind !== 'srem') return i;
      const c = cst(i.b);
      if (c === null) return i;
      const signed = i.kind === 'sdiv' || i.kind === 'srem';
      const d = signed ? sgn(i.ty, c) : c;
      const mag = d < 0n ? -d : d;
      if (mag < 2n || log2Exact(i.ty, mag) >= 0) return i;
      const out: Inst[] = [];
      const e = new Emitter(fn, out);
      // Work in 32 bits.
      const x32 = i.ty === 'i32' ? i.a : e.conv(signed ? 'sext' : 'zext', i.ty, 'i32', i.a);
      let q: Value;
      if (!signed) q = e.udivMagic(x32, mag);
      else {
        const s = e.bin('ashr', x32, e.k(31n));
        const ax = e.bin('sub', e.bin('xor', x32, s), s);
        const uq = e.udivMagic(ax, mag);
        q = e.bin('sub', e.bin('xor', uq, s), s);
        if (d < 0n) q = e.un(q);
      }
      let r32 = q;
      if (i.kind === 'urem' || i.kind === 'srem') r32 = e.bin('sub', x32, e.bin('mul', q, e.k(d)));
      if (i.ty === 'i32') {
        // The sequence's last instruction computes the result and nothing after it reads
        // its value: it takes over the original value number, so no use changes.
        const last = out[out.length - 1] as Inst & { dst: Value };
        if (last.dst !== r32) throw new Error(`internal: divconst: result is not the last instruction in ${fn.name}`);
        last.dst = i.dst;
      } else out.push({ op: 'conv', kind: 'trunc', dst: i.dst, from: 'i32', to: i.ty, a: r32 });
      did = true;
      return out;
    });
  }
  return did;
}

class Emitter {
  constructor(readonly fn: Function, readonly out: Inst[]) {}

  k(x: bigint): Value {
    const dst = newValue(this.fn, 'i32');
    this.out.push({ op: 'const', dst, ty: 'i32', imm: sgn('i32', x) });
    return dst;
  }

  bin(kind: BinaryOp, a: Value, b: Value): Value {
    const dst = newValue(this.fn, 'i32');
    this.out.push({ op: 'binary', kind, dst, ty: 'i32', a, b });
    return dst;
  }

  un(a: Value): Value {
    const dst = newValue(this.fn, 'i32');
    this.out.push({ op: 'unary', kind: 'neg', dst, ty: 'i32', a });
    return dst;
  }

  conv(kind: 'sext' | 'zext', from: Ty, to: Ty, a: Value): Value {
    const dst = newValue(this.fn, to);
    this.out.push({ op: 'conv', kind, dst, from, to, a });
    return dst;
  }

  /** High 32 bits of the 64-bit product x·m (m a constant below 2^32), from 16-bit halves. */
  mulhi(x: Value, m: bigint): Value {
    const ml = m & 0xffffn, mh = m >> 16n;
    const mask = this.k(0xffffn), sixteen = this.k(16n);
    const xl = this.bin('and', x, mask), xh = this.bin('lshr', x, sixteen);
    const ll = this.bin('mul', xl, this.k(ml)), lh = this.bin('mul', xl, this.k(mh));
    const hl = this.bin('mul', xh, this.k(ml)), hh = this.bin('mul', xh, this.k(mh));
    // mid < 3·2^16: no carry is lost.
    const mid = this.bin('add', this.bin('add', this.bin('lshr', ll, sixteen), this.bin('and', lh, mask)), this.bin('and', hl, mask));
    return this.bin('add', this.bin('add', this.bin('add', hh, this.bin('lshr', lh, sixteen)), this.bin('lshr', hl, sixteen)), this.bin('lshr', mid, sixteen));
  }

  udivMagic(x: Value, d: bigint): Value {
    const { m, shift, add } = magicU32(d);
    const t = this.mulhi(x, m);
    if (!add) return shift === 0 ? t : this.bin('lshr', t, this.k(BigInt(shift)));
    const half = this.bin('lshr', this.bin('sub', x, t), this.k(1n));
    const sum = this.bin('add', half, t);
    return shift === 0 ? sum : this.bin('lshr', sum, this.k(BigInt(shift)));
  }
}
