// Instruction selection for integer arithmetic up to 32 bits, comparisons,
// select and width conversions. i64 operations are delegated to isel-i64.ts.
//
// Immediates: ARMv6-M has only small ones (imm3/imm8 adds and subs, imm8
// moves and compares, imm5 shifts); Thumb-2 has modified immediates (any
// 8-bit pattern rotated or repeated), imm12 add/sub and 16-bit moves. A
// constant operand that fits is folded; otherwise it is built in a register.
import type { Inst, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import { EXT_S, EXT_Z, fitsMod, type Sel } from './isel.ts';
import { D0, U0, U1, U2, i as imm, r, t, type Cond } from './minst.ts';
import { materialize } from './isel-mem.ts';
import { callHelper } from './isel-call.ts';
import { selBinary64, selUnary64, flags64, selConv64 } from './isel-i64.ts';

type Binary = Extract<Inst, { op: 'binary' }>;
type Unary = Extract<Inst, { op: 'unary' }>;
type Cmp = Extract<Inst, { op: 'cmp' }>;
type Conv = Extract<Inst, { op: 'conv' }>;
type Select = Extract<Inst, { op: 'select' }>;
type CmpKind = Cmp['kind'];

export const COND: Readonly<Record<CmpKind, Cond>> = {
  eq: 'eq', ne: 'ne', slt: 'lt', sle: 'le', sgt: 'gt', sge: 'ge', ult: 'lo', ule: 'ls', ugt: 'hi', uge: 'hs',
};
/** The same comparison with its operands swapped. */
export const SWAP: Readonly<Record<CmpKind, CmpKind>> = {
  eq: 'eq', ne: 'ne', slt: 'sgt', sle: 'sge', sgt: 'slt', sge: 'sle', ult: 'ugt', ule: 'uge', ugt: 'ult', uge: 'ule',
};

const widthOf = (ty: string): number => (ty === 'i8' ? 8 : ty === 'i16' ? 16 : 32);
const isPow2 = (v: number): boolean => v > 0 && (v & (v - 1)) === 0;

/** Sets the flags for a comparison and returns the condition that is true when it holds. */
export function setFlags(s: Sel, c: Cmp): Cond {
  if (c.ty === 'i64') return flags64(s, c.kind, c.a, c.b);
  let kind = c.kind;
  let a = c.a, b = c.b;
  if (s.constOf(a) !== undefined && s.constOf(b) === undefined) { [a, b] = [b, a]; kind = SWAP[kind]; }
  const narrow = c.ty === 'i8' || c.ty === 'i16';
  let signed = kind[0] === 's';
  if (narrow && (kind === 'eq' || kind === 'ne')) {
    // Either extension preserves equality; take the one both sides already have.
    signed = (s.ext[a]! & EXT_S) !== 0 && !(s.ext[a]! & EXT_Z) && (s.constOf(b) !== undefined || (s.ext[b]! & EXT_S) !== 0);
  }
  const ra = narrow ? s.useExt(a, signed) : s.use(a);
  const cb = s.const32(b, signed);
  if (cb !== undefined) {
    if (cb >= 0 && cb <= 255) { s.op([], [ra], t('cmp', r(U0), imm(cb))); return COND[kind]; }
    if (!s.v6 && fitsMod(cb)) { s.op([], [ra], t('cmp', r(U0), imm(cb))); return COND[kind]; }
    if (!s.v6 && fitsMod(-cb)) { s.op([], [ra], t('cmn', r(U0), imm(-cb))); return COND[kind]; }
    if (s.v6 && cb < 0 && cb >= -255) {
      const n = s.newVreg();
      s.op([n], [], t('movs', r(D0), imm(-cb)));
      s.op([], [ra, n], t('cmn', r(U0), r(U1)));
      return COND[kind];
    }
  }
  const rb = narrow ? s.useExt(b, signed) : s.use(b);
  s.op([], [ra, rb], t('cmp', r(U0), r(U1)));
  return COND[kind];
}

export function selBinary(s: Sel, x: Binary): void {
  if (x.ty === 'i64') return selBinary64(s, x);
  const d = s.defReg(x.dst);
  const ca = s.const32(x.a), cb = s.const32(x.b);
  switch (x.kind) {
    case 'add':
      if (cb !== undefined) return addImm(s, d, s.use(x.a), cb);
      if (ca !== undefined) return addImm(s, d, s.use(x.b), ca);
      s.op([d], [s.use(x.a), s.use(x.b)], t('adds', r(D0), r(U0), r(U1)));
      return;
    case 'sub':
      if (cb !== undefined) return addImm(s, d, s.use(x.a), -cb | 0);
      if (ca === 0) { s.op([d], [s.use(x.b)], t('rsbs', r(D0), r(U0), imm(0))); return; }
      if (ca !== undefined && !s.v6 && fitsMod(ca)) { s.op([d], [s.use(x.b)], t('rsb', r(D0), r(U0), imm(ca))); return; }
      s.op([d], [s.use(x.a), s.use(x.b)], t('subs', r(D0), r(U0), r(U1)));
      return;
    case 'mul': {
      const [v, c] = cb !== undefined ? [x.a, cb] : ca !== undefined ? [x.b, ca] : [-1, 0];
      if (v >= 0 && isPow2(c >>> 0)) {
        const n = 31 - Math.clz32(c);
        if (n === 0) s.move(d, s.use(v)); else s.op([d], [s.use(v)], t('lsls', r(D0), r(U0), imm(n)));
        return;
      }
      s.tied('muls', 'mul', d, s.use(x.a), s.use(x.b));
      return;
    }
    case 'and': case 'or': case 'xor': {
      const mn = x.kind === 'and' ? 'ands' : x.kind === 'or' ? 'orrs' : 'eors';
      const [v, c] = cb !== undefined ? [x.a, cb] : ca !== undefined ? [x.b, ca] : [-1, 0];
      if (v >= 0) {
        if (x.kind === 'and' && (c === 0xff || c === 0xffff)) {
          s.op([d], [s.use(v)], t(c === 0xff ? 'uxtb' : 'uxth', r(D0), r(U0)));
          if (widthOf(x.ty) > (c === 0xff ? 8 : 16)) s.ext[x.dst] = EXT_Z | EXT_S; else s.ext[x.dst] = EXT_Z;
          return;
        }
        if (c === -1 && x.kind === 'and') { s.move(d, s.use(v)); return; }
        if (c === 0 && x.kind === 'and') { materialize(s, d, { k: 'const', v: 0n }, 'i32'); return; }
        if (c === 0 && x.kind !== 'and') { s.move(d, s.use(v)); return; }
        if (c === -1 && x.kind === 'xor') { s.op([d], [s.use(v)], t('mvns', r(D0), r(U0))); return; }
        if (!s.v6 && (fitsMod(c) || (x.kind === 'and' && fitsMod(~c)) || (x.kind === 'or' && fitsMod(~c)))) {
          s.op([d], [s.use(v)], t(x.kind === 'or' && !fitsMod(c) ? 'orr' : mn, r(D0), r(U0), imm(c)));
          return;
        }
        if (s.v6 && x.kind === 'and' && c >= 0 && isPow2(c + 1)) {
          // Low-bit mask: shift the other bits out and back.
          const k = 32 - (31 - Math.clz32(c + 1));
          const tmp = s.newVreg();
          s.op([tmp], [s.use(v)], t('lsls', r(D0), r(U0), imm(k)));
          s.op([d], [tmp], t('lsrs', r(D0), r(U0), imm(k)));
          return;
        }
      }
      s.tied(mn, 'comm', d, s.use(x.a), s.use(x.b));
      return;
    }
    case 'shl': case 'lshr': case 'ashr': {
      const mn = x.kind === 'shl' ? 'lsls' : x.kind === 'lshr' ? 'lsrs' : 'asrs';
      const a = x.kind === 'shl' ? s.use(x.a) : s.useExt(x.a, x.kind === 'ashr');
      if (x.kind === 'ashr') s.ext[x.dst] = EXT_S;
      if (x.kind === 'lshr' && widthOf(x.ty) < 32) s.ext[x.dst] = EXT_Z;
      const n = s.const32(x.b, false);
      if (n !== undefined) {
        const amt = n & 31;
        if (amt === 0) s.move(d, a); else s.op([d], [a], t(mn, r(D0), r(U0), imm(amt)));
        return;
      }
      s.tied(mn, 'nc', d, a, s.use(x.b));
      return;
    }
    case 'sdiv': case 'udiv': case 'srem': case 'urem':
      return selDiv(s, x, d);
  }
}

/** d = a + v (v a signed 32-bit constant). */
export function addImm(s: Sel, d: Reg, a: Reg, v: number): void {
  if (v === 0) { s.move(d, a); return; }
  let mn = 'adds';
  if (v < 0 && v !== -0x80000000) { mn = 'subs'; v = -v; }
  if (v > 0 && v <= 7) { s.op([d], [a], t(mn, r(D0), r(U0), imm(v))); return; }
  if (s.v6) {
    if (v > 0 && v <= 255) { s.tiedImm(mn, d, a, v); return; }
  } else {
    if (v > 0 && (v <= 255 || fitsMod(v))) { s.op([d], [a], t(mn, r(D0), r(U0), imm(v))); return; }
    if (v > 0 && v <= 4095) { s.op([d], [a], t(mn.slice(0, 3) + 'w', r(D0), r(U0), imm(v))); return; }
  }
  const c = s.newVreg();
  materialize(s, c, { k: 'const', v: BigInt(v) }, 'i32');
  s.op([d], [a, c], t(mn, r(D0), r(U0), r(U1)));
}

function selDiv(s: Sel, x: Binary, d: Reg): void {
  const signed = x.kind === 'sdiv' || x.kind === 'srem';
  const rem = x.kind === 'srem' || x.kind === 'urem';
  const cb = s.const32(x.b, false);
  if (!signed && cb !== undefined && isPow2(cb >>> 0)) {
    const a = s.useExt(x.a, false);
    const n = 31 - Math.clz32(cb);
    if (rem) {
      if (n === 0) materialize(s, d, { k: 'const', v: 0n }, 'i32');
      else selMask(s, d, a, (cb - 1) >>> 0);
    } else if (n === 0) s.move(d, a);
    else s.op([d], [a], t('lsrs', r(D0), r(U0), imm(n)));
    s.ext[x.dst] = EXT_Z;
    return;
  }
  const a = s.useExt(x.a, signed);
  const b = s.useExt(x.b, signed);
  if (s.hasDiv) {
    if (!rem) { s.op([d], [a, b], t(signed ? 'sdiv' : 'udiv', r(D0), r(U0), r(U1))); return; }
    const q = s.newVreg();
    s.op([q], [a, b], t(signed ? 'sdiv' : 'udiv', r(D0), r(U0), r(U1)));
    s.op([d], [q, b, a], t('mls', r(D0), r(U0), r(U1), r(U2)));
    return;
  }
  const fn = signed ? (rem ? '__aeabi_idivmod' : '__aeabi_idiv') : (rem ? '__aeabi_uidivmod' : '__aeabi_uidiv');
  const res = callHelper(s, fn, [{ regs: [a], ty: 'i32' }, { regs: [b], ty: 'i32' }], rem ? ['i32', 'i32'] : ['i32']);
  s.move(d, res[rem ? 1 : 0]![0]!);
}

/** d = a & mask, for a mask of low bits. */
function selMask(s: Sel, d: Reg, a: Reg, mask: number): void {
  if (mask === 0) { materialize(s, d, { k: 'const', v: 0n }, 'i32'); return; }
  if (mask === 0xff || mask === 0xffff) { s.op([d], [a], t(mask === 0xff ? 'uxtb' : 'uxth', r(D0), r(U0))); return; }
  if (!s.v6 && fitsMod(mask)) { s.op([d], [a], t('ands', r(D0), r(U0), imm(mask))); return; }
  const k = 32 - (31 - Math.clz32(mask + 1));
  const tmp = s.newVreg();
  s.op([tmp], [a], t('lsls', r(D0), r(U0), imm(k)));
  s.op([d], [tmp], t('lsrs', r(D0), r(U0), imm(k)));
}

export function selUnary(s: Sel, x: Unary): void {
  if (x.ty === 'i64') return selUnary64(s, x);
  const d = s.defReg(x.dst);
  const w = widthOf(x.ty);
  switch (x.kind) {
    case 'neg': s.op([d], [s.use(x.a)], t('rsbs', r(D0), r(U0), imm(0))); return;
    case 'not': s.op([d], [s.use(x.a)], t('mvns', r(D0), r(U0))); return;
    case 'bswap': {
      if (w === 8) { s.move(d, s.use(x.a)); return; }
      s.op([d], [s.use(x.a)], t(w === 16 ? 'rev16' : 'rev', r(D0), r(U0)));
      return;
    }
    case 'clz': {
      const a = s.useExt(x.a, false);
      if (s.v6) {
        const res = callHelper(s, '__orizon_clz32', [{ regs: [a], ty: 'i32' }], ['i32'])[0]![0]!;
        if (w === 32) s.move(d, res); else addImm(s, d, res, -(32 - w));
      } else if (w === 32) s.op([d], [a], t('clz', r(D0), r(U0)));
      else {
        const c = s.newVreg();
        s.op([c], [a], t('clz', r(D0), r(U0)));
        addImm(s, d, c, -(32 - w));
      }
      s.ext[x.dst] = EXT_Z | EXT_S;
      return;
    }
    case 'ctz': {
      let a = s.use(x.a);
      if (w < 32) {
        // Bit w set: ctz of a zero narrow value is its width.
        const b = s.newVreg();
        if (s.v6) {
          const one = s.newVreg();
          materialize(s, one, { k: 'const', v: BigInt(1 << w) }, 'i32');
          s.tied('orrs', 'comm', b, a, one);
        } else s.op([b], [a], t('orr', r(D0), r(U0), imm(1 << w)));
        a = b;
      }
      if (s.v6) s.move(d, callHelper(s, '__orizon_ctz32', [{ regs: [a], ty: 'i32' }], ['i32'])[0]![0]!);
      else {
        const rb = s.newVreg();
        s.op([rb], [a], t('rbit', r(D0), r(U0)));
        s.op([d], [rb], t('clz', r(D0), r(U0)));
      }
      s.ext[x.dst] = EXT_Z | EXT_S;
      return;
    }
    case 'popcnt': {
      const a = s.useExt(x.a, false);
      s.move(d, callHelper(s, '__orizon_popcount32', [{ regs: [a], ty: 'i32' }], ['i32'])[0]![0]!);
      s.ext[x.dst] = EXT_Z | EXT_S;
      return;
    }
  }
}

export function selConv(s: Sel, x: Conv): void {
  const c = s.constOf(x.a);
  if (c !== undefined) {
    const bits = (ty: string) => (ty === 'i64' ? 64 : widthOf(ty));
    const v = x.kind === 'sext' ? BigInt.asIntN(bits(x.from), c) : BigInt.asUintN(bits(x.from), c);
    s.remat[x.dst] = { k: 'const', v: BigInt.asUintN(bits(x.to), v) };
    return;
  }
  if (x.to === 'i64' || x.from === 'i64') return selConv64(s, x);
  const wf = widthOf(x.from), wt = widthOf(x.to);
  if (x.kind === 'trunc' || wf === wt) {
    s.alias(x.dst, s.use(x.a));
    if (wf === wt) s.ext[x.dst] = s.ext[x.a]!;
    return;
  }
  const signed = x.kind === 'sext';
  s.alias(x.dst, s.useExt(x.a, signed));
  s.ext[x.dst] = signed ? EXT_S : (wt > wf ? EXT_Z | EXT_S : EXT_Z);
}

export function selSelect(s: Sel, x: Select): void {
  const cc = s.constOf(x.cond);
  if (cc !== undefined) {
    const v = (cc & 0xffn) !== 0n ? x.a : x.b;
    if (x.ty === 'i64') { const [lo, hi] = s.use64(v); s.alias(x.dst, lo, hi); } else s.alias(x.dst, s.use(v));
    return;
  }
  // Operands first: building them may set flags.
  if (x.ty === 'i64') {
    const a = s.use64(x.a), b = s.use64(x.b);
    const c = condOf(s, x.cond);
    const [dl, dh] = s.defPair(x.dst);
    s.selectFlags(dl, c, a[0], b[0]);
    s.selectFlags(dh, c, a[1], b[1]);
    return;
  }
  const a = s.use(x.a), b = s.use(x.b);
  const c = condOf(s, x.cond);
  s.selectFlags(s.defReg(x.dst), c, a, b);
  s.ext[x.dst] = s.ext[x.a]! & s.ext[x.b]!;
}

/** Flags for a select condition (a fused comparison of this block, or `cond != 0`). */
function condOf(s: Sel, cond: Value): Cond {
  const d = s.defOf[cond];
  if (d?.op === 'cmp' && s.defBlock[cond] === s.curIr.id && s.lo[cond]! < 0) return setFlags(s, d);
  const x = s.useExt(cond, false);
  s.op([], [x], t('cmp', r(U0), imm(0)));
  return 'ne';
}
