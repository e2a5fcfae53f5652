// Instruction selection for i64 values, held in register pairs (lo, hi).
//
// add/sub chain the carry (adds/adcs, subs/sbcs) in two MachInsts: flags
// survive anything the allocator inserts between them. mul is umull + two mla
// on Thumb-2 and `__aeabi_lmul` on ARMv6-M; division and variable shifts call
// the AEABI helpers (`__aeabi_ldivmod`, `__aeabi_llsl`, ...). Constant shifts
// are inline. Comparisons: equality compares the high words and then, if
// equal, the low words; ordering subtracts with borrow (`cmp lo; sbcs hi`)
// and reads C (unsigned) or N/V (signed).
import type { Inst, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import type { Sel } from './isel.ts';
import { D0, D1, U0, U1, U2, U3, i as imm, l, r, t, type Cond } from './minst.ts';
import { constant } from './isel-mem.ts';
import { callHelper } from './isel-call.ts';
import { COND, SWAP } from './isel-arith.ts';

type Binary = Extract<Inst, { op: 'binary' }>;
type Unary = Extract<Inst, { op: 'unary' }>;
type Conv = Extract<Inst, { op: 'conv' }>;
type CmpKind = Extract<Inst, { op: 'cmp' }>['kind'];

export function selBinary64(s: Sel, x: Binary): void {
  switch (x.kind) {
    case 'add': case 'sub': {
      const a = s.use64(x.a), b = s.use64(x.b);
      const [dl, dh] = s.defPair(x.dst);
      const lo = x.kind === 'add' ? 'adds' : 'subs';
      const hi = x.kind === 'add' ? 'adcs' : 'sbcs';
      s.op([dl], [a[0], b[0]], t(lo, r(D0), r(U0), r(U1)));
      s.tied(hi, x.kind === 'add' ? 'comm' : 'nc', dh, a[1], b[1]);
      return;
    }
    case 'and': case 'or': case 'xor': {
      const a = s.use64(x.a), b = s.use64(x.b);
      const [dl, dh] = s.defPair(x.dst);
      const mn = x.kind === 'and' ? 'ands' : x.kind === 'or' ? 'orrs' : 'eors';
      s.tied(mn, 'comm', dl, a[0], b[0]);
      s.tied(mn, 'comm', dh, a[1], b[1]);
      return;
    }
    case 'mul': {
      const a = s.use64(x.a), b = s.use64(x.b);
      if (s.v6) { bindPair(s, x.dst, callHelper(s, '__aeabi_lmul', [{ regs: a, ty: 'i64' }, { regs: b, ty: 'i64' }], ['i64'])[0]!); return; }
      const [dl, dh] = s.defPair(x.dst);
      const t1 = s.newVreg(), t2 = s.newVreg();
      s.op([dl, t1], [a[0], b[0]], t('umull', r(D0), r(D1), r(U0), r(U1)));
      s.op([t2], [a[0], b[1], t1], t('mla', r(D0), r(U0), r(U1), r(U2)));
      s.op([dh], [a[1], b[0], t2], t('mla', r(D0), r(U0), r(U1), r(U2)));
      return;
    }
    case 'shl': case 'lshr': case 'ashr': {
      const n = s.constOf(x.b);
      if (n !== undefined) return shiftConst(s, x, Number(BigInt.asUintN(6, n)));
      const a = s.use64(x.a);
      const amt = s.use64(x.b)[0];
      const fn = x.kind === 'shl' ? '__aeabi_llsl' : x.kind === 'lshr' ? '__aeabi_llsr' : '__aeabi_lasr';
      bindPair(s, x.dst, callHelper(s, fn, [{ regs: a, ty: 'i64' }, { regs: [amt], ty: 'i32' }], ['i64'])[0]!);
      return;
    }
    case 'sdiv': case 'udiv': case 'srem': case 'urem': {
      const a = s.use64(x.a), b = s.use64(x.b);
      const signed = x.kind === 'sdiv' || x.kind === 'srem';
      const res = callHelper(s, signed ? '__aeabi_ldivmod' : '__aeabi_uldivmod', [{ regs: a, ty: 'i64' }, { regs: b, ty: 'i64' }], ['i64', 'i64']);
      bindPair(s, x.dst, res[x.kind === 'sdiv' || x.kind === 'udiv' ? 0 : 1]!);
      return;
    }
  }
}

function bindPair(s: Sel, v: Value, regs: Reg[]): void {
  const [dl, dh] = s.defPair(v);
  s.move(dl, regs[0]!);
  s.move(dh, regs[1]!);
}

function zero(s: Sel): Reg {
  const z = s.newVreg();
  constant(s, z, 0);
  return z;
}

function shiftConst(s: Sel, x: Binary, n: number): void {
  const [al, ah] = s.use64(x.a);
  if (n === 0) { s.alias(x.dst, al, ah); return; }
  const [dl, dh] = s.defPair(x.dst);
  const sh = (d: Reg, a: Reg, mn: string, k: number) => {
    if (k === 0) s.move(d, a); else s.op([d], [a], t(mn, r(D0), r(U0), imm(k)));
  };
  /** d = (a >> k1 or << k1) | (b shifted the other way by 32 - k1). */
  const combine = (d: Reg, a: Reg, mnA: string, b: Reg, mnB: string, k: number) => {
    if (!s.v6) {
      const ta = s.newVreg();
      sh(ta, a, mnA, k);
      s.op([d], [ta, b], t('orr', r(D0), r(U0), r(U1, mnB.slice(0, 3) as 'lsl', 32 - k)));
      return;
    }
    const ta = s.newVreg(), tb = s.newVreg();
    sh(ta, a, mnA, k);
    sh(tb, b, mnB, 32 - k);
    s.tied('orrs', 'comm', d, ta, tb);
  };
  if (x.kind === 'shl') {
    if (n < 32) { combine(dh, ah, 'lsls', al, 'lsrs', n); sh(dl, al, 'lsls', n); } else { sh(dh, al, 'lsls', n - 32); constant(s, dl, 0); }
  } else if (x.kind === 'lshr') {
    if (n < 32) { combine(dl, al, 'lsrs', ah, 'lsls', n); sh(dh, ah, 'lsrs', n); } else { sh(dl, ah, 'lsrs', n - 32); constant(s, dh, 0); }
  } else if (n < 32) { combine(dl, al, 'lsrs', ah, 'lsls', n); sh(dh, ah, 'asrs', n); } else { sh(dl, ah, 'asrs', n - 32); sh(dh, ah, 'asrs', 31); }
}

export function selUnary64(s: Sel, x: Unary): void {
  switch (x.kind) {
    case 'neg': {
      const a = s.use64(x.a);
      const z = zero(s);
      const [dl, dh] = s.defPair(x.dst);
      s.op([dl], [a[0]], t('rsbs', r(D0), r(U0), imm(0)));
      s.tied('sbcs', 'nc', dh, z, a[1]);
      return;
    }
    case 'not': {
      const a = s.use64(x.a);
      const [dl, dh] = s.defPair(x.dst);
      s.op([dl], [a[0]], t('mvns', r(D0), r(U0)));
      s.op([dh], [a[1]], t('mvns', r(D0), r(U0)));
      return;
    }
    case 'bswap': {
      const a = s.use64(x.a);
      const [dl, dh] = s.defPair(x.dst);
      s.op([dl], [a[1]], t('rev', r(D0), r(U0)));
      s.op([dh], [a[0]], t('rev', r(D0), r(U0)));
      return;
    }
    default: {
      const a = s.use64(x.a);
      const fn = x.kind === 'clz' ? '__orizon_clz64' : x.kind === 'ctz' ? '__orizon_ctz64' : '__orizon_popcount64';
      const res = callHelper(s, fn, [{ regs: a, ty: 'i64' }], ['i32'])[0]![0]!;
      const [dl, dh] = s.defPair(x.dst);
      s.move(dl, res);
      constant(s, dh, 0);
    }
  }
}

export function flags64(s: Sel, kind: CmpKind, av: Value, bv: Value): Cond {
  if (kind === 'sgt' || kind === 'sle' || kind === 'ugt' || kind === 'ule') {
    [av, bv] = [bv, av];
    kind = SWAP[kind];
  }
  const a = s.use64(av);
  const bc = s.constOf(bv);
  if ((kind === 'eq' || kind === 'ne') && bc === 0n) {
    const tmp = s.newVreg();
    s.tied('orrs', 'comm', tmp, a[0], a[1]);
    return COND[kind];
  }
  const b = s.use64(bv);
  if (kind === 'eq' || kind === 'ne') {
    if (s.v6) {
      const skip = s.label();
      s.op([], [a[1], b[1], a[0], b[0]], t('cmp', r(U0), r(U1)), t('bne', l(skip)), t('cmp', r(U2), r(U3)), t(':', l(skip)));
    } else {
      s.op([], [a[1], b[1], a[0], b[0]], t('cmp', r(U0), r(U1)), t('it', { k: 's', name: 'eq' }), t('cmpeq', r(U2), r(U3)));
    }
    return COND[kind];
  }
  s.op([], [a[0], b[0]], t('cmp', r(U0), r(U1)));
  const tmp = s.newVreg();
  s.tied('sbcs', 'nc', tmp, a[1], b[1]);
  return COND[kind];
}

export function selConv64(s: Sel, x: Conv): void {
  if (x.from === 'i64') {
    const [lo] = s.use64(x.a);
    s.alias(x.dst, lo);
    return;
  }
  const signed = x.kind === 'sext';
  const lo = s.useExt(x.a, signed);
  const hi = s.newVreg();
  if (signed) s.op([hi], [lo], t('asrs', r(D0), r(U0), imm(31)));
  else constant(s, hi, 0);
  s.alias(x.dst, lo, hi);
}
