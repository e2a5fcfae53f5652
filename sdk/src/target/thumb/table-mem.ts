// Instruction table, part 3: loads and stores (single, dual, multiple,
// exclusive), PUSH/POP, and the table branches TBB/TBH.
import { LABEL, LIST, MI, MR, R, RW, type Binds, type RegClass } from './operands.ts';
import { known, type UField } from './imm.ts';
import { popCount, singleReg } from './regs.ts';
import * as f from './formats.ts';
import { n16, pcRel, reject, u, w32, type Row } from './table.ts';

interface Single {
  readonly mn: 'ldr' | 'str' | 'ldrb' | 'strb' | 'ldrh' | 'strh' | 'ldrsb' | 'ldrsh';
  /** t16LdStImm opA and scale, when a 16-bit immediate-offset form exists. */
  readonly imm5?: readonly [opA: number, scale: number];
  /** t16LdStReg op. */
  readonly reg16: number;
  readonly load: boolean;
  /** Class of Rt in 32-bit encodings. */
  readonly rt: RegClass;
}

const SINGLES: readonly Single[] = [
  { mn: 'ldr', imm5: [6, 4], reg16: 4, load: true, rt: 'any' },
  { mn: 'str', imm5: [6, 4], reg16: 0, load: false, rt: 'nopc' },
  { mn: 'ldrb', imm5: [7, 1], reg16: 6, load: true, rt: 'gp' },
  { mn: 'strb', imm5: [7, 1], reg16: 2, load: false, rt: 'gp' },
  { mn: 'ldrh', imm5: [8, 2], reg16: 5, load: true, rt: 'gp' },
  { mn: 'strh', imm5: [8, 2], reg16: 1, load: false, rt: 'gp' },
  { mn: 'ldrsb', reg16: 3, load: true, rt: 'gp' },
  { mn: 'ldrsh', reg16: 7, load: true, rt: 'gp' },
];

/** Writeback with Rt == Rn is UNPREDICTABLE. */
const wbOk = (b: Binds): boolean => b.w === 0 || b.t !== b.n;

function single(s: Single): Row[] {
  const { mn } = s;
  const op = f.LDST[mn];
  const rows: Row[] = [];
  if (s.imm5) {
    const [opA, scale] = s.imm5;
    rows.push(n16({ mn, ops: [R('t', 'lo'), MI('lo', 'offset')], emit: (b) => f.t16LdStImm(opA, s.load, u(b.i, 5, scale, 'offset'), b.n, b.t) }));
  }
  if (mn === 'ldr' || mn === 'str') rows.push(n16({ mn, ops: [R('t', 'lo'), MI('sp', 'offset')], emit: (b) => f.t16LdStSp(s.load, b.t, u(b.i, 8, 4, 'offset')) }));
  if (mn === 'ldr') rows.push(n16({ mn, ops: [R('t', 'lo'), MI('pc', 'offset')], emit: (b) => f.t16LdrLit(b.t, u(b.i, 8, 4, 'offset')) }));
  rows.push(n16({ mn, ops: [R('t', 'lo'), MR('lo', 'lo', false)], emit: (b) => f.t16LdStReg(s.reg16, b.m, b.n, b.t) }));
  if (mn === 'ldr') rows.push(n16({ mn, ops: [R('t', 'lo'), LABEL], emit: (b, cx) => f.t16LdrLit(b.t, u(pcRel(b, cx), 8, 4, 'literal offset')) }));
  rows.push(
    w32({ mn, ops: [R('t', s.rt), MI('nopc', 'offset')], emit: (b) => (b.u ? f.t32LdStImm12(op, b.n, b.t, u(b.i, 12, 1, 'offset')) : reject('negative offset')) }),
    w32({ mn, ops: [R('t', s.rt), MI('nopc', 'offset', 'pre', 'post')], when: wbOk, emit: (b) => f.t32LdStImm8(op, b.n, b.t, b.p === 1, b.u === 1, b.w === 1, u(Math.abs(b.i), 8, 1, 'offset')) }),
    w32({ mn, ops: [R('t', s.rt), MR('nopc', 'gp')], emit: (b) => f.t32LdStReg(op, b.n, b.t, b.m, u(b.sha, 2, 1, 'index shift')) }),
  );
  if (s.load) {
    rows.push(
      w32({ mn, ops: [R('t', s.rt), MI('pc', 'offset')], emit: (b) => f.t32LdLit(op, b.u === 1, b.t, u(Math.abs(b.i), 12, 1, 'offset')) }),
      w32({ mn, ops: [R('t', s.rt), LABEL], emit: (b, cx) => { const off = pcRel(b, cx); return f.t32LdLit(op, off >= 0, b.t, u(Math.abs(off), 12, 1, 'literal offset')); } }),
    );
  }
  return rows;
}

function dual(): Row[] {
  const off8 = (b: Binds): UField<8> => u(Math.abs(b.i), 8, 4, 'offset');
  const wb = (b: Binds): boolean => b.w === 0 || (b.t !== b.n && b.t2 !== b.n);
  return [
    w32({ mn: 'ldrd', ops: [R('t'), R('t2'), MI('any', 'offset', 'pre', 'post')], when: (b) => b.t !== b.t2 && wb(b) && (b.n !== 15 || b.w === 0), emit: (b) => f.t32LdStDual(true, b.p === 1, b.u === 1, b.w === 1, b.n, b.t, b.t2, off8(b)) }),
    w32({ mn: 'strd', ops: [R('t'), R('t2'), MI('nopc', 'offset', 'pre', 'post')], when: wb, emit: (b) => f.t32LdStDual(false, b.p === 1, b.u === 1, b.w === 1, b.n, b.t, b.t2, off8(b)) }),
  ];
}

const EX_WHY = 'the status register must differ from Rt and Rn (UNPREDICTABLE otherwise)';

function exclusive(): Row[] {
  return [
    w32({ mn: 'ldrex', ops: [R('t'), MI('nopc', 'offset')], emit: (b) => f.t32Ex(true, b.n, b.t, 15, u(b.i, 8, 4, 'offset')) }),
    w32({ mn: 'strex', ops: [R('d'), R('t'), MI('nopc', 'offset')], when: (b) => b.d !== b.t && b.d !== b.n, whenWhy: EX_WHY, emit: (b) => f.t32Ex(false, b.n, b.t, b.d, u(b.i, 8, 4, 'offset')) }),
    w32({ mn: 'ldrexb', ops: [R('t'), MI('nopc', 'bare')], emit: (b) => f.t32ExTb(true, b.n, b.t, 15, 4, zeroOff(b, 15)) }),
    w32({ mn: 'ldrexh', ops: [R('t'), MI('nopc', 'bare')], emit: (b) => f.t32ExTb(true, b.n, b.t, 15, 5, zeroOff(b, 15)) }),
    w32({ mn: 'strexb', ops: [R('d'), R('t'), MI('nopc', 'offset')], when: (b) => b.d !== b.t && b.d !== b.n, whenWhy: EX_WHY, emit: (b) => f.t32ExTb(false, b.n, b.t, 15, 4, zeroOff(b, b.d)) }),
    w32({ mn: 'strexh', ops: [R('d'), R('t'), MI('nopc', 'offset')], when: (b) => b.d !== b.t && b.d !== b.n, whenWhy: EX_WHY, emit: (b) => f.t32ExTb(false, b.n, b.t, 15, 5, zeroOff(b, b.d)) }),
    w32({ mn: 'tbb', it: 'last', ops: [MR('nosp', 'gp', false)], emit: (b) => f.t32ExTb(true, b.n, 15, 0, 0, b.m) }),
    w32({ mn: 'tbh', it: 'last', ops: [MR('nosp', 'gp', true)], emit: (b) => (b.sht === -1 || b.sha === 1 ? f.t32ExTb(true, b.n, 15, 0, 1, b.m) : reject('tbh index must be lsl #1')) }),
  ];
}

function zeroOff(b: Binds, v: number): number {
  if (b.i !== 0) reject('offset must be 0');
  return v;
}

const LOW = 0xff;
const bit = (r: number): number => 1 << r;
/** 32-bit LDM lists: no SP, not both LR and PC, at least two registers. */
const ldmList = (m: number): boolean => (m & bit(13)) === 0 && (m & 0xc000) !== 0xc000 && popCount(m) >= 2;
/** 32-bit STM lists: no SP, no PC, at least two registers. */
const stmList = (m: number): boolean => (m & 0xa000) === 0 && popCount(m) >= 2;
/** Writeback and Rn in the list is UNPREDICTABLE in 32-bit LDM/STM. */
const wbNotInList = (b: Binds): boolean => !(b.w === 1 && b.list & bit(b.n));

function multiple(): Row[] {
  const anyList = LIST(() => true);
  return [
    // LDM Rn!, {list} (writeback unless Rn is in the list), low registers only.
    n16({ mn: 'ldm', ops: [RW('n', 'lo'), LIST((m) => (m & ~LOW) === 0)], when: (b) => (b.w === 1) !== ((b.list & bit(b.n)) !== 0), emit: (b) => f.t16LdmStm(true, b.n, b.list) }),
    // LDMIA SP!, {...} is POP.
    n16({ mn: 'ldm', ops: [RW('n', 'sp'), LIST((m) => (m & 0x7f00) === 0)], when: (b) => b.w === 1, emit: (b) => f.t16PushPop(true, (b.list & bit(15)) !== 0, b.list & LOW) }),
    w32({ mn: 'ldm', ops: [RW('n', 'nopc'), anyList], when: (b) => ldmList(b.list) && wbNotInList(b), emit: (b) => f.t32LdmStm(true, false, b.w === 1, b.n, b.list) }),
    w32({ mn: 'ldmdb', ops: [RW('n', 'nopc'), anyList], when: (b) => ldmList(b.list) && wbNotInList(b), emit: (b) => f.t32LdmStm(true, true, b.w === 1, b.n, b.list) }),
    n16({ mn: 'stm', ops: [RW('n', 'lo'), LIST((m) => (m & ~LOW) === 0)], when: (b) => b.w === 1 && ((b.list & bit(b.n)) === 0 || (b.list & (bit(b.n) - 1)) === 0), emit: (b) => f.t16LdmStm(false, b.n, b.list) }),
    w32({ mn: 'stm', ops: [RW('n', 'nopc'), anyList], when: (b) => stmList(b.list) && wbNotInList(b), emit: (b) => f.t32LdmStm(false, false, b.w === 1, b.n, b.list) }),
    w32({ mn: 'stmdb', ops: [RW('n', 'nopc'), anyList], when: (b) => stmList(b.list) && wbNotInList(b), emit: (b) => f.t32LdmStm(false, true, b.w === 1, b.n, b.list) }),
    n16({ mn: 'push', ops: [LIST((m) => (m & 0xbf00) === 0 && m !== 0)], emit: (b) => f.t16PushPop(false, (b.list & bit(14)) !== 0, b.list & LOW) }),
    w32({ mn: 'push', ops: [anyList], when: (b) => stmList(b.list), emit: (b) => f.t32LdmStm(false, true, true, 13, b.list) }),
    w32({ mn: 'push', ops: [anyList], when: (b) => singleReg(b.list) !== undefined && (b.list & 0xa000) === 0, emit: (b) => f.t32LdStImm8(f.LDST.str, 13, singleReg(b.list)!, true, false, true, known(4, 8)) }),
    n16({ mn: 'pop', ops: [LIST((m) => (m & 0x7f00) === 0 && m !== 0)], it: 'any', emit: (b) => f.t16PushPop(true, (b.list & bit(15)) !== 0, b.list & LOW) }),
    w32({ mn: 'pop', ops: [anyList], when: (b) => ldmList(b.list), emit: (b) => f.t32LdmStm(true, false, true, 13, b.list) }),
    w32({ mn: 'pop', ops: [anyList], when: (b) => singleReg(b.list) !== undefined && (b.list & bit(13)) === 0, emit: (b) => f.t32LdStImm8(f.LDST.ldr, 13, singleReg(b.list)!, false, true, true, known(4, 8)) }),
  ];
}

export const MEM_ROWS: readonly Row[] = [...SINGLES.flatMap(single), ...dual(), ...exclusive(), ...multiple()];
