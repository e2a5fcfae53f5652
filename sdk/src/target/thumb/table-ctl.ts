// Instruction table, part 4: branches, IT, and system instructions (CPS,
// MRS/MSR, barriers, hints, SVC/BKPT/UDF).
import { I, LABEL, NAME, R, type Binds } from './operands.ts';
import { fitU, type UField } from './imm.ts';
import * as f from './formats.ts';
import { adrOffset, branch, n16, reject, u, w32, type EmitCx, type Row } from './table.ts';

/** CBZ/CBNZ offset: forward 0..126 from PC, local labels only (no relocation exists). */
function cbzOffset(b: Binds, cx: EmitCx): UField<6> {
  const v = b.val!;
  if (v.k !== 'sym' || !v.def || v.def.section !== cx.section || v.def.global) reject('cbz/cbnz target must be a local label in this section', false);
  if (cx.optimistic) return 0 as UField<6>;
  const off = v.def.offset + v.addend - (cx.addr + 4);
  return fitU(off, 6, 2) ?? reject(`branch out of range (${off} bytes; cbz/cbnz reach 0..126 forward)`);
}

function branches(): Row[] {
  return [
    // B<c> outside IT: 8-bit (+-256 bytes), then 20-bit (+-1 MiB).
    n16({ mn: 'b', ops: [LABEL], cond: 'cond', it: 'out', emit: (b, cx) => f.t16CondImm8(b.cond, branch(b, cx, 8, undefined)) }),
    // B, or B<c> as the last instruction of an IT block: 11-bit (+-2 KiB).
    n16({ mn: 'b', ops: [LABEL], cond: 'plain', it: 'last', emit: (b, cx) => f.t16B(branch(b, cx, 11, undefined)) }),
    w32({ mn: 'b', ops: [LABEL], cond: 'cond', it: 'out', reloc: 'R_ARM_THM_JUMP19', emit: (b, cx) => f.t32BCond(b.cond, branch(b, cx, 20, 'R_ARM_THM_JUMP19')) }),
    w32({ mn: 'b', ops: [LABEL], cond: 'plain', it: 'last', reloc: 'R_ARM_THM_JUMP24', emit: (b, cx) => f.t32B(false, branch(b, cx, 24, 'R_ARM_THM_JUMP24')) }),
    // BL exists on every core (it predates Thumb-2 as a pair of 16-bit halves).
    w32({ mn: 'bl', feat: 'base', ops: [LABEL], it: 'last', reloc: 'R_ARM_THM_CALL', emit: (b, cx) => f.t32B(true, branch(b, cx, 24, 'R_ARM_THM_CALL')) }),
    n16({ mn: 'bx', ops: [R('m', 'any')], it: 'last', emit: (b) => f.t16Bx(false, b.m) }),
    n16({ mn: 'blx', ops: [R('m', 'nopc')], it: 'last', emit: (b) => f.t16Bx(true, b.m) }),
    n16({ mn: 'cbz', feat: 't2', ops: [R('n', 'lo'), LABEL], it: 'out', emit: (b, cx) => f.t16Cbz(false, cbzOffset(b, cx), b.n) }),
    // ADR Rd, label: forward word-aligned in 16 bits, +-4095 in 32 bits.
    n16({ mn: 'adr', ops: [R('d', 'lo'), LABEL], emit: (b, cx) => f.t16AddPcSp(false, b.d, u(adrOffset(b, cx), 8, 4, 'offset')) }),
    w32({ mn: 'adr', ops: [R('d'), LABEL], emit: (b, cx) => { const off = adrOffset(b, cx); return f.t32Adr(off < 0, b.d, u(Math.abs(off), 12, 1, 'offset')); } }),
    n16({ mn: 'cbnz', feat: 't2', ops: [R('n', 'lo'), LABEL], it: 'out', emit: (b, cx) => f.t16Cbz(true, cbzOffset(b, cx), b.n) }),
  ];
}

/** Special registers for MRS/MSR (SYSm), and which need ARMv7-M. */
export const SYSREGS: Readonly<Record<string, number>> = {
  apsr: 0, iapsr: 1, eapsr: 2, xpsr: 3, ipsr: 5, epsr: 6, iepsr: 7, msp: 8, psp: 9,
  primask: 16, basepri: 17, basepri_max: 18, faultmask: 19, control: 20,
};
const V7_ONLY_SYSREGS = new Set([17, 18, 19]);
/** MSR destinations: SYSm | mask << 8 (mask 2 = write NZCVQ, 1 = write GE, 3 = both). */
const MSR_DEST: Readonly<Record<string, number>> = (() => {
  const m: Record<string, number> = {};
  for (const [k, v] of Object.entries(SYSREGS)) m[k] = v | (2 << 8);
  for (const k of ['apsr', 'iapsr', 'eapsr', 'xpsr']) {
    const v = SYSREGS[k]!;
    m[`${k}_nzcvq`] = v | (2 << 8);
    m[`${k}_g`] = v | (1 << 8);
    m[`${k}_nzcvqg`] = v | (3 << 8);
  }
  return m;
})();

const BARRIER_OPTS: Readonly<Record<string, number>> = { sy: 15, st: 14, ish: 11, ishst: 10, nsh: 7, nshst: 6, osh: 3, oshst: 2, un: 7, unst: 6 };
const IFLAGS: Readonly<Record<string, number>> = { i: 2, f: 1, if: 3 };

function system(): Row[] {
  const rows: Row[] = [
    n16({ mn: 'cpsid', ops: [NAME(IFLAGS)], it: 'out', when: (b) => b.opt === 2, emit: (b) => f.t16Cps(true, (b.opt & 2) !== 0, (b.opt & 1) !== 0) }),
    n16({ mn: 'cpsie', ops: [NAME(IFLAGS)], it: 'out', when: (b) => b.opt === 2, emit: (b) => f.t16Cps(false, (b.opt & 2) !== 0, (b.opt & 1) !== 0) }),
    n16({ mn: 'cpsid', feat: 't2', ops: [NAME(IFLAGS)], it: 'out', emit: (b) => f.t16Cps(true, (b.opt & 2) !== 0, (b.opt & 1) !== 0) }),
    n16({ mn: 'cpsie', feat: 't2', ops: [NAME(IFLAGS)], it: 'out', emit: (b) => f.t16Cps(false, (b.opt & 2) !== 0, (b.opt & 1) !== 0) }),
    w32({ mn: 'mrs', feat: 'base', ops: [R('d'), NAME(SYSREGS)], when: (b) => !V7_ONLY_SYSREGS.has(b.opt), emit: (b) => f.t32Mrs(b.d, b.opt) }),
    w32({ mn: 'mrs', ops: [R('d'), NAME(SYSREGS)], emit: (b) => f.t32Mrs(b.d, b.opt) }),
    w32({ mn: 'msr', feat: 'base', ops: [NAME(MSR_DEST), R('n')], when: (b) => !V7_ONLY_SYSREGS.has(b.opt & 0xff) && (b.opt >> 8) === 2, emit: (b) => f.t32Msr(b.n, b.opt >> 8, b.opt & 0xff) }),
    w32({ mn: 'msr', ops: [NAME(MSR_DEST), R('n')], when: (b) => (b.opt >> 8) === 2, emit: (b) => f.t32Msr(b.n, b.opt >> 8, b.opt & 0xff) }),
    w32({ mn: 'msr', feat: 'dsp', ops: [NAME(MSR_DEST), R('n')], emit: (b) => f.t32Msr(b.n, b.opt >> 8, b.opt & 0xff) }),
    w32({ mn: 'clrex', ops: [], emit: () => f.t32Barrier(2, 15) }),
  ];
  ([['dsb', 4], ['dmb', 5], ['isb', 6]] as const).forEach(([mn, op]) => {
    rows.push(w32({ mn, feat: 'base', ops: [], emit: () => f.t32Barrier(op, 15) }));
    rows.push(w32({ mn, feat: 'base', ops: [NAME(mn === 'isb' ? { sy: 15 } : BARRIER_OPTS)], emit: (b) => f.t32Barrier(op, b.opt) }));
    rows.push(w32({ mn, feat: 'base', ops: [I()], emit: (b) => f.t32Barrier(op, u(b.i, 4, 1, 'barrier option')) }));
  });
  // Hints. Without Thumb-2, GNU as assembles NOP as MOV r8, r8 (the ARMv6 idiom).
  rows.push(
    n16({ mn: 'nop', feat: 'no-t2', ops: [], emit: () => f.t16HiReg(2, 8, 8) }),
    n16({ mn: 'nop', feat: 't2', ops: [], emit: () => f.t16It(0, 0) }),
    w32({ mn: 'nop', ops: [], emit: () => f.t32Hint(0) }),
  );
  ([['yield', 1], ['wfe', 2], ['wfi', 3], ['sev', 4]] as const).forEach(([mn, op]) => {
    rows.push(n16({ mn, ops: [], emit: () => f.t16It(op, 0) }));
    rows.push(w32({ mn, ops: [], emit: () => f.t32Hint(op) }));
  });
  rows.push(
    n16({ mn: 'svc', ops: [I()], emit: (b) => f.t16CondImm8(15, u(b.i, 8)) }),
    n16({ mn: 'bkpt', ops: [], it: 'out', emit: () => f.t16Bkpt(u(0, 8)) }),
    n16({ mn: 'bkpt', ops: [I()], it: 'out', emit: (b) => f.t16Bkpt(u(b.i, 8)) }),
    n16({ mn: 'udf', ops: [], emit: () => f.t16CondImm8(14, u(0, 8)) }),
    n16({ mn: 'udf', ops: [I()], emit: (b) => f.t16CondImm8(14, u(b.i, 8)) }),
    w32({ mn: 'udf', ops: [], emit: () => f.t32Udf(u(0, 16)) }),
    w32({ mn: 'udf', ops: [I()], emit: (b) => f.t32Udf(u(b.i, 16)) }),
  );
  return rows;
}

/** IT{x{y{z}}} <firstcond>: the mnemonic's t/e letters become the mask. */
export const IT_MNEMONICS: readonly string[] = (() => {
  const out = ['it'];
  for (const a of ['t', 'e']) {
    out.push(`it${a}`);
    for (const b of ['t', 'e']) {
      out.push(`it${a}${b}`);
      for (const c of ['t', 'e']) out.push(`it${a}${b}${c}`);
    }
  }
  return out;
})();

export const CONDS: Readonly<Record<string, number>> = {
  eq: 0, ne: 1, cs: 2, hs: 2, cc: 3, lo: 3, mi: 4, pl: 5, vs: 6, vc: 7,
  hi: 8, ls: 9, ge: 10, lt: 11, gt: 12, le: 13, al: 14,
};

/** The IT instruction's mask field for `it<xyz> firstcond`. */
export function itMask(mn: string, firstcond: number): number {
  const letters = mn.slice(2);
  const fc0 = firstcond & 1;
  let mask = 0;
  for (let i = 0; i < letters.length; i++) mask |= (letters[i] === 't' ? fc0 : fc0 ^ 1) << (3 - i);
  return mask | (1 << (3 - letters.length));
}

function itRows(): Row[] {
  return IT_MNEMONICS.map((mn) =>
    n16({ mn, feat: 't2', ops: [NAME(CONDS)], it: 'out', when: (b) => b.opt !== 14 || !mn.slice(2).includes('e'), emit: (b) => f.t16It(b.opt, itMask(mn, b.opt)) }));
}

export const CTL_ROWS: readonly Row[] = [...branches(), ...system(), ...itRows()];
