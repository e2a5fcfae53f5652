// Instruction table, part 1: data processing (moves, arithmetic, logic,
// shifts, compares). Row order is GNU as's preference: 16-bit first, then the
// 32-bit forms, then the forms GNU as substitutes for an immediate that does
// not encode (ADD #-x -> SUB #x, AND #x -> BIC #~x, ...).
import { I, R, RS, type Binds } from './operands.ts';
import { known, type UField } from './imm.ts';
import * as f from './formats.ts';
import { mod, n16, noShift, reject, same, tiedComm, u, uBias, w32, type Row } from './table.ts';

/** The `type` and `imm5` fields of a shifted register operand (sht/sha). */
export function shiftField(b: Binds): [number, UField<5>] {
  switch (b.sht) {
    case -1: return [0, known(0, 5)];
    case 0: return [0, u(b.sha, 5, 1, 'shift')];
    case 1: case 2: return [b.sht, uBias(b.sha, 5, 1, 32, b.sha === 32 ? 32 : 0, 'shift')];
    case 3: return [3, uBias(b.sha, 5, 1, 31, 0, 'shift')];
    default: return [3, known(0, 5)]; // rrx
  }
}

/** Two's-complement negation in 32 bits (what GNU as substitutes: ADD #x -> SUB #-x). */
export const neg = (v: number): number => (0 - v) | 0;

const dpReg = (op: number, b: Binds, rn: number, rd: number): number => {
  const [type, amount] = shiftField(b);
  return f.t32DpReg(op, b.s === 1, rn, rd, b.m, type, amount);
};

// 32-bit data-processing op numbers (modified immediate and shifted register share them).
const OP = { and: 0, bic: 1, orr: 2, orn: 3, eor: 4, add: 8, adc: 10, sbc: 11, sub: 13, rsb: 14 } as const;
// 16-bit ALU op numbers (t16Alu).
const ALU = { and: 0, eor: 1, lsl: 2, lsr: 3, asr: 4, adc: 5, sbc: 6, ror: 7, tst: 8, rsb: 9, cmp: 10, cmn: 11, orr: 12, mul: 13, bic: 14, mvn: 15 } as const;

const RRR = [R('d'), R('n'), RS('m')];
const RRI = [R('d'), R('n'), I()];
const LLL = [R('d', 'lo'), R('n', 'lo'), R('m', 'lo')];

/**
 * AND, EOR, ORR, BIC, ORN, ADC, SBC: `op{s} Rd, Rn, Rm{, shift}` and `op{s} Rd, Rn, #const`.
 * `alt` is the operation GNU as uses when `#const` does not encode but its
 * complement does (AND x = BIC ~x, ADC x = SBC ~x).
 */
function logical(mn: keyof typeof OP, alu: number | undefined, comm: boolean, alt: keyof typeof OP | undefined): Row[] {
  const rows: Row[] = [];
  if (alu !== undefined)
    rows.push(n16({ mn, ops: LLL, s: 'it', when: (b) => noShift(b) && (comm ? tiedComm(b) : same('d', 'n')(b)), emit: (b) => f.t16Alu(alu, b.m, b.d) }));
  rows.push(w32({ mn, ops: RRR, s: 'opt', emit: (b) => dpReg(OP[mn], b, b.n, b.d) }));
  rows.push(w32({ mn, ops: RRI, s: 'opt', emit: (b) => f.t32DpMod(OP[mn], b.s === 1, b.n, b.d, mod(b.i)) }));
  if (alt) rows.push(w32({ mn, ops: RRI, s: 'opt', alt: true, emit: (b) => f.t32DpMod(OP[alt], b.s === 1, b.n, b.d, mod(~b.i)) }));
  return rows;
}

/** SP is a destination only of SP-based ADD/SUB (ARMv7-M: BadReg(Rd) otherwise). */
const spDest = (b: Binds): boolean => b.d !== 13 || b.n === 13;

/** ADD and SUB: the register, SP and PC forms, and the negated-immediate fallbacks. */
function addSub(sub: boolean): Row[] {
  const mn = sub ? 'sub' : 'add';
  const op = sub ? OP.sub : OP.add;
  const inv = sub ? OP.add : OP.sub;
  const rows: Row[] = [
    // ADDS/SUBS Rd, Rn, Rm (T1)
    n16({ mn, ops: LLL, s: 'it', when: noShift, emit: (b) => f.t16AddSub3(false, sub, b.m, b.n, b.d) }),
  ];
  if (!sub) {
    // ADD Rdn, Rm with any registers (T2, no flags); ADD Rd, SP, Rd and ADD SP, Rm are the same layout.
    rows.push(n16({ mn, ops: [R('d', 'any'), R('n', 'any'), R('m', 'any')], when: (b) => noShift(b) && tiedComm(b) && !(b.d === 15 && b.m === 15), emit: (b) => f.t16HiReg(0, b.d, b.m) }));
  }
  rows.push(
    // ADDS/SUBS Rdn, #imm8 (T2) before Rd, Rn, #imm3 (T1), as GNU as prefers.
    n16({ mn, ops: [R('d', 'lo'), R('n', 'lo'), I()], s: 'it', when: same('d', 'n'), emit: (b) => f.t16Imm8(sub ? 3 : 2, b.d, u(b.i, 8)) }),
    n16({ mn, ops: [R('d', 'lo'), R('n', 'lo'), I()], s: 'it', emit: (b) => f.t16AddSub3(true, sub, u(b.i, 3), b.n, b.d) }),
    // ADD/SUB SP, SP, #imm7*4
    n16({ mn, ops: [R('d', 'sp'), R('n', 'sp'), I()], emit: (b) => f.t16SpAdj(sub, u(b.i, 7, 4)) }),
  );
  if (!sub) {
    rows.push(
      // ADD Rd, SP, #imm8*4 and ADD Rd, PC, #imm8*4 (ADR)
      n16({ mn, ops: [R('d', 'lo'), R('n', 'sp'), I()], emit: (b) => f.t16AddPcSp(true, b.d, u(b.i, 8, 4)) }),
      n16({ mn, ops: [R('d', 'lo'), R('n', 'pc'), I()], emit: (b) => f.t16AddPcSp(false, b.d, u(b.i, 8, 4)) }),
    );
  }
  // Without Thumb-2 GNU as flips a negative immediate into the other 16-bit operation.
  rows.push(
    n16({ mn, feat: 'no-t2', alt: true, ops: [R('d', 'lo'), R('n', 'lo'), I()], s: 'it', when: same('d', 'n'), emit: (b) => f.t16Imm8(sub ? 2 : 3, b.d, u(neg(b.i), 8)) }),
    n16({ mn, feat: 'no-t2', alt: true, ops: [R('d', 'lo'), R('n', 'lo'), I()], s: 'it', emit: (b) => f.t16AddSub3(true, !sub, u(neg(b.i), 3), b.n, b.d) }),
    n16({ mn, feat: 'no-t2', alt: true, ops: [R('d', 'sp'), R('n', 'sp'), I()], emit: (b) => f.t16SpAdj(!sub, u(neg(b.i), 7, 4)) }),
  );
  rows.push(
    w32({ mn, ops: [R('d', 'nopc'), R('n', 'nopc'), RS('m')], s: 'opt', when: spDest, emit: (b) => dpReg(op, b, b.n, b.d) }),
    w32({ mn, ops: [R('d', 'nopc'), R('n', 'nopc'), I()], s: 'opt', when: spDest, emit: (b) => f.t32DpMod(op, b.s === 1, b.n, b.d, mod(b.i)) }),
    w32({ mn, ops: [R('d', 'nopc'), R('n', 'any'), I()], when: spDest, emit: (b) => f.t32PlainImm12(sub ? 0b01010 : 0, b.n, b.d, u(b.i, 12)) }),
    w32({ mn, ops: [R('d', 'nopc'), R('n', 'nopc'), I()], s: 'opt', alt: true, when: spDest, emit: (b) => f.t32DpMod(inv, b.s === 1, b.n, b.d, mod(neg(b.i))) }),
    w32({ mn, ops: [R('d', 'nopc'), R('n', 'any'), I()], alt: true, when: spDest, emit: (b) => f.t32PlainImm12(sub ? 0 : 0b01010, b.n, b.d, u(neg(b.i), 12)) }),
  );
  return rows;
}

/** MOV and MVN, including MOV with a shift (the LSL/LSR/ASR/ROR immediate forms). */
function moves(): Row[] {
  const shift16 = (b: Binds): number => {
    if (b.sht > 2) reject('shift not encodable in 16 bits');
    const [type, amount] = shiftField(b);
    return f.t16ShiftImm(type, amount, b.m, b.d);
  };
  return [
    n16({ mn: 'mov', ops: [R('d', 'any'), R('m', 'any')], emit: (b) => f.t16HiReg(2, b.d, b.m) }),
    n16({ mn: 'mov', ops: [R('d', 'lo'), RS('m', 'lo')], s: 'it', emit: shift16 }),
    n16({ mn: 'mov', ops: [R('d', 'lo'), I()], s: 'it', emit: (b) => f.t16Imm8(0, b.d, u(b.i, 8)) }),
    // MOV.W may copy to or from SP (not SP to SP), but not with S or a shift.
    w32({ mn: 'mov', ops: [R('d', 'nopc'), RS('m', 'nopc')], s: 'opt', when: (b) => (b.d !== 13 && b.m !== 13) || (b.s === 0 && b.sht < 0 && b.d !== b.m), emit: (b) => dpReg(OP.orr, b, 15, b.d) }),
    w32({ mn: 'mov', ops: [R('d'), I()], s: 'opt', emit: (b) => f.t32DpMod(OP.orr, b.s === 1, 15, b.d, mod(b.i)) }),
    w32({ mn: 'mov', ops: [R('d'), I()], s: 'opt', alt: true, emit: (b) => f.t32DpMod(OP.orn, b.s === 1, 15, b.d, mod(~b.i)) }),
    w32({ mn: 'mov', ops: [R('d'), I()], emit: (b) => f.t32MovImm16(false, b.d, u(b.i, 16)) }),
    n16({ mn: 'mvn', ops: [R('d', 'lo'), R('m', 'lo')], s: 'it', emit: (b) => f.t16Alu(ALU.mvn, b.m, b.d) }),
    w32({ mn: 'mvn', ops: [R('d'), RS('m')], s: 'opt', emit: (b) => dpReg(OP.orn, b, 15, b.d) }),
    w32({ mn: 'mvn', ops: [R('d'), I()], s: 'opt', emit: (b) => f.t32DpMod(OP.orn, b.s === 1, 15, b.d, mod(b.i)) }),
    w32({ mn: 'mvn', ops: [R('d'), I()], s: 'opt', alt: true, emit: (b) => f.t32DpMod(OP.orr, b.s === 1, 15, b.d, mod(~b.i)) }),
  ];
}

/** CMP, CMN, TST, TEQ: flag-only forms (Rd = 1111 in 32 bits). */
function compares(): Row[] {
  const cmpLike = (mn: 'cmp' | 'cmn' | 'tst' | 'teq', op: number, alu: number | undefined, alt?: { op: number; f: (v: number) => number }): Row[] => {
    const rows: Row[] = [];
    if (alu !== undefined) rows.push(n16({ mn, ops: [R('n', 'lo'), R('m', 'lo')], emit: (b) => f.t16Alu(alu, b.m, b.n) }));
    if (mn === 'cmp') {
      rows.push(n16({ mn, ops: [R('n', 'any'), R('m', 'any')], when: (b) => !(b.n < 8 && b.m < 8) && b.n !== 15 && b.m !== 15, emit: (b) => f.t16HiReg(1, b.n, b.m) }));
      rows.push(n16({ mn, ops: [R('n', 'lo'), I()], emit: (b) => f.t16Imm8(1, b.n, u(b.i, 8)) }));
    }
    rows.push(w32({ mn, ops: [R('n', mn === 'cmp' || mn === 'cmn' ? 'nopc' : 'gp'), RS('m')], emit: (b) => { b.s = 1; return dpReg(op, b, b.n, 15); } }));
    rows.push(w32({ mn, ops: [R('n', mn === 'cmp' || mn === 'cmn' ? 'nopc' : 'gp'), I()], emit: (b) => f.t32DpMod(op, true, b.n, 15, mod(b.i)) }));
    if (alt) rows.push(w32({ mn, ops: [R('n', 'nopc'), I()], alt: true, emit: (b) => f.t32DpMod(alt.op, true, b.n, 15, mod(alt.f(b.i))) }));
    return rows;
  };
  return [
    ...cmpLike('cmp', OP.sub, ALU.cmp, { op: OP.add, f: neg }),
    ...cmpLike('cmn', OP.add, ALU.cmn, { op: OP.sub, f: neg }),
    ...cmpLike('tst', OP.and, ALU.tst),
    ...cmpLike('teq', OP.eor, undefined),
  ];
}

/** LSL, LSR, ASR, ROR (immediate and register), RRX. */
function shifts(): Row[] {
  const rows: Row[] = [];
  const names = ['lsl', 'lsr', 'asr', 'ror'] as const;
  names.forEach((mn, type) => {
    // A shift by #0 is a MOV (LSL #0) whatever the mnemonic, as GNU as encodes it.
    const imm = (b: Binds): [number, UField<5>] => {
      b.sht = b.i === 0 ? 0 : type;
      b.sha = b.i;
      return shiftField(b);
    };
    if (type < 3) rows.push(n16({ mn, ops: [R('d', 'lo'), R('m', 'lo'), I()], s: 'it', emit: (b) => { const [t, a] = imm(b); return f.t16ShiftImm(t, a, b.m, b.d); } }));
    rows.push(w32({ mn, ops: [R('d'), R('m'), I()], s: 'opt', emit: (b) => { const [t, a] = imm(b); return f.t32DpReg(OP.orr, b.s === 1, 15, b.d, b.m, t, a); } }));
    rows.push(n16({ mn, ops: [R('d', 'lo'), R('n', 'lo'), R('m', 'lo')], s: 'it', when: same('d', 'n'), emit: (b) => f.t16Alu([ALU.lsl, ALU.lsr, ALU.asr, ALU.ror][type]!, b.m, b.d) }));
    rows.push(w32({ mn, ops: [R('d'), R('n'), R('m')], s: 'opt', emit: (b) => f.t32ShiftReg(type, b.s === 1, b.n, b.d, b.m) }));
  });
  rows.push(w32({ mn: 'rrx', ops: [R('d'), R('m')], s: 'opt', emit: (b) => f.t32DpReg(OP.orr, b.s === 1, 15, b.d, b.m, 3, known(0, 5)) }));
  return rows;
}

function rsb(): Row[] {
  return [
    n16({ mn: 'rsb', ops: [R('d', 'lo'), R('n', 'lo'), I()], s: 'it', emit: (b) => (b.i === 0 ? f.t16Alu(ALU.rsb, b.n, b.d) : reject('16-bit RSB takes only #0')) }),
    w32({ mn: 'rsb', ops: RRR, s: 'opt', emit: (b) => dpReg(OP.rsb, b, b.n, b.d) }),
    w32({ mn: 'rsb', ops: RRI, s: 'opt', emit: (b) => f.t32DpMod(OP.rsb, b.s === 1, b.n, b.d, mod(b.i)) }),
  ];
}

export const DP_ROWS: readonly Row[] = [
  ...addSub(false),
  ...addSub(true),
  w32({ mn: 'addw', ops: [R('d', 'nopc'), R('n', 'any'), I()], when: spDest, emit: (b) => f.t32PlainImm12(0, b.n, b.d, u(b.i, 12)) }),
  w32({ mn: 'addw', ops: [R('d', 'nopc'), R('n', 'any'), I()], when: spDest, alt: true, emit: (b) => f.t32PlainImm12(0b01010, b.n, b.d, u(neg(b.i), 12)) }),
  w32({ mn: 'subw', ops: [R('d', 'nopc'), R('n', 'any'), I()], when: spDest, emit: (b) => f.t32PlainImm12(0b01010, b.n, b.d, u(b.i, 12)) }),
  w32({ mn: 'subw', ops: [R('d', 'nopc'), R('n', 'any'), I()], when: spDest, alt: true, emit: (b) => f.t32PlainImm12(0, b.n, b.d, u(neg(b.i), 12)) }),
  ...logical('and', ALU.and, true, 'bic'),
  ...logical('eor', ALU.eor, true, undefined),
  ...logical('orr', ALU.orr, true, 'orn'),
  ...logical('bic', ALU.bic, false, 'and'),
  ...logical('orn', undefined, false, 'orr'),
  ...logical('adc', ALU.adc, true, 'sbc'),
  ...logical('sbc', ALU.sbc, false, 'adc'),
  ...rsb(),
  ...moves(),
  ...compares(),
  ...shifts(),
];
