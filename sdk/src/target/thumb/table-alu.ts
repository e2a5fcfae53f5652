// Instruction table, part 2: multiply and divide, bit manipulation (CLZ, RBIT,
// REV*, extends, bit fields, saturation), MOVW/MOVT, and the ARMv7E-M DSP
// subset (saturating and SIMD add/subtract, halfword and dual multiplies).
import { I, I16, R, RS, type Binds } from './operands.ts';
import { known, type UField } from './imm.ts';
import * as f from './formats.ts';
import { half16, n16, reject, u, uBias, w32, type Row } from './table.ts';

const RRR = [R('d'), R('n'), R('m')];
const RRRR = [R('d'), R('n'), R('m'), R('a')];

function multiply(): Row[] {
  return [
    // MULS Rdm, Rn, Rdm: GNU as also takes `muls Rd, Rd, Rm` and swaps.
    n16({ mn: 'mul', ops: [R('d', 'lo'), R('n', 'lo'), R('m', 'lo')], s: 'it', when: (b) => {
      if (b.d === b.m) return true;
      if (b.d !== b.n) return false;
      b.n = b.m;
      b.m = b.d;
      return true;
    }, emit: (b) => f.t16Alu(13, b.n, b.d) }),
    w32({ mn: 'mul', ops: RRR, emit: (b) => f.t32Mul(0, 0, b.n, 15, b.d, b.m) }),
    w32({ mn: 'mla', ops: RRRR, emit: (b) => f.t32Mul(0, 0, b.n, b.a, b.d, b.m) }),
    w32({ mn: 'mls', ops: RRRR, emit: (b) => f.t32Mul(0, 1, b.n, b.a, b.d, b.m) }),
    // Long multiplies: RdLo, RdHi, Rn, Rm (bound as t, t2, n, m; RdLo != RdHi).
    ...([['smull', 0, 0], ['umull', 2, 0], ['smlal', 4, 0], ['umlal', 6, 0]] as const).map(([mn, op1, op2]) =>
      w32({ mn, ops: [R('t'), R('t2'), R('n'), R('m')], when: (b) => b.t !== b.t2, emit: (b) => f.t32LongMul(op1, op2, b.n, b.t, b.t2, b.m) })),
    w32({ mn: 'umaal', feat: 'dsp', ops: [R('t'), R('t2'), R('n'), R('m')], when: (b) => b.t !== b.t2, emit: (b) => f.t32LongMul(6, 6, b.n, b.t, b.t2, b.m) }),
    w32({ mn: 'sdiv', feat: 'div', ops: RRR, emit: (b) => f.t32LongMul(1, 15, b.n, 15, b.d, b.m) }),
    w32({ mn: 'udiv', feat: 'div', ops: RRR, emit: (b) => f.t32LongMul(3, 15, b.n, 15, b.d, b.m) }),
  ];
}

/** Rotation of an extend's source: none or `ror #8/16/24`, as the 2-bit field. */
function rotation(b: Binds): UField<2> {
  if (b.sht === -1) return known(0, 2);
  if (b.sht !== 3 || b.sha % 8 !== 0) reject('rotation must be ror #8, #16 or #24');
  return u(b.sha / 8, 2, 1, 'rotation');
}

function bits(): Row[] {
  const rows: Row[] = [
    w32({ mn: 'clz', ops: [R('d'), R('m')], emit: (b) => f.t32Misc(3, 0, b.m, b.d, b.m) }),
    w32({ mn: 'rbit', ops: [R('d'), R('m')], emit: (b) => f.t32Misc(1, 2, b.m, b.d, b.m) }),
  ];
  ([['rev', 0], ['rev16', 1], ['revsh', 3]] as const).forEach(([mn, op]) => {
    rows.push(n16({ mn, ops: [R('d', 'lo'), R('m', 'lo')], emit: (b) => f.t16Rev(op, b.m, b.d) }));
    rows.push(w32({ mn, ops: [R('d'), R('m')], emit: (b) => f.t32Misc(1, op, b.m, b.d, b.m) }));
  });
  // Extends: 16-bit (no rotation) on every core, 32-bit with rotation on v7-M.
  ([['sxth', 0, 0], ['sxtb', 1, 4], ['uxth', 2, 1], ['uxtb', 3, 5]] as const).forEach(([mn, op16, op32]) => {
    rows.push(n16({ mn, ops: [R('d', 'lo'), RS('m', 'lo')], when: (b) => b.sht === -1 || (b.sht === 3 && b.sha === 0), emit: (b) => f.t16Extend(op16, b.m, b.d) }));
    rows.push(w32({ mn, ops: [R('d'), RS('m')], emit: (b) => f.t32Extend(op32, 15, b.d, rotation(b), b.m) }));
  });
  // DSP extends: 16-bit pairs, and extend-and-add.
  ([['sxtb16', 2], ['uxtb16', 3]] as const).forEach(([mn, op]) =>
    rows.push(w32({ mn, feat: 'dsp', ops: [R('d'), RS('m')], emit: (b) => f.t32Extend(op, 15, b.d, rotation(b), b.m) })));
  ([['sxtah', 0], ['uxtah', 1], ['sxtab16', 2], ['uxtab16', 3], ['sxtab', 4], ['uxtab', 5]] as const).forEach(([mn, op]) =>
    rows.push(w32({ mn, feat: 'dsp', ops: [R('d'), R('n'), RS('m')], emit: (b) => f.t32Extend(op, b.n, b.d, rotation(b), b.m) })));
  rows.push(
    // UBFX/SBFX Rd, Rn, #lsb, #width
    w32({ mn: 'sbfx', ops: [R('d'), R('n'), I('i'), I('j')], emit: (b) => f.t32BitField(0b10100, b.n, b.d, u(b.i, 5, 1, 'lsb'), width(b)) }),
    w32({ mn: 'ubfx', ops: [R('d'), R('n'), I('i'), I('j')], emit: (b) => f.t32BitField(0b11100, b.n, b.d, u(b.i, 5, 1, 'lsb'), width(b)) }),
    // BFI Rd, Rn, #lsb, #width and BFC Rd, #lsb, #width: the field holds msb.
    w32({ mn: 'bfi', ops: [R('d'), R('n'), I('i'), I('j')], emit: (b) => f.t32BitField(0b10110, b.n, b.d, u(b.i, 5, 1, 'lsb'), msb(b)) }),
    w32({ mn: 'bfc', ops: [R('d'), I('i'), I('j')], emit: (b) => f.t32BitField(0b10110, 15, b.d, u(b.i, 5, 1, 'lsb'), msb(b)) }),
    // SSAT/USAT Rd, #sat, Rn{, lsl #n | asr #n}
    w32({ mn: 'ssat', ops: [R('d'), I(), RS('n')], emit: (b) => saturate(b, true) }),
    w32({ mn: 'usat', ops: [R('d'), I(), RS('n')], emit: (b) => saturate(b, false) }),
    w32({ mn: 'ssat16', feat: 'dsp', ops: [R('d'), I(), R('n')], emit: (b) => f.t32BitField(0b10010, b.n, b.d, known(0, 5), uBias(b.i, 5, 1, 16, 1, 'saturate bit')) }),
    w32({ mn: 'usat16', feat: 'dsp', ops: [R('d'), I(), R('n')], emit: (b) => f.t32BitField(0b11010, b.n, b.d, known(0, 5), u(b.i, 4, 1, 'saturate bit') as number as UField<5>) }),
    w32({ mn: 'movw', ops: [R('d'), I16()], reloc: 'R_ARM_THM_MOVW_ABS_NC', emit: (b, cx) => f.t32MovImm16(false, b.d, half16(b, cx, false)) }),
    w32({ mn: 'movt', ops: [R('d'), I16()], reloc: 'R_ARM_THM_MOVT_ABS', emit: (b, cx) => f.t32MovImm16(true, b.d, half16(b, cx, true)) }),
  );
  return rows;
}

function width(b: Binds): UField<5> {
  if (!Number.isInteger(b.j) || b.j < 1 || b.i + b.j > 32) reject(`bit field width ${b.j} out of range (1..${32 - b.i})`);
  return known(b.j - 1, 5);
}

function msb(b: Binds): UField<5> {
  if (!Number.isInteger(b.j) || b.j < 1 || b.i + b.j > 32) reject(`bit field width ${b.j} out of range (1..${32 - b.i})`);
  return known(b.i + b.j - 1, 5);
}

function saturate(b: Binds, signed: boolean): number {
  // The shift operand is LSL #0..31 or ASR #1..31 (sh = 1).
  let asr = false;
  let amount: UField<5> = known(0, 5);
  if (b.sht === 0) amount = u(b.sha, 5, 1, 'shift');
  else if (b.sht === 2) { asr = true; amount = uBias(b.sha, 5, 1, 31, 0, 'shift'); }
  else if (b.sht !== -1) reject('saturate shift must be lsl or asr');
  const sat = signed ? uBias(b.i, 5, 1, 32, 1, 'saturate bit') : u(b.i, 5, 1, 'saturate bit');
  return f.t32BitField((signed ? 0b10000 : 0b11000) | (+asr << 1), b.n, b.d, amount, sat);
}

/** ARMv7E-M DSP: saturating arithmetic, parallel add/subtract, SEL, halfword and dual multiplies. */
function dsp(): Row[] {
  const rows: Row[] = [];
  const dsp3 = (mn: string, emit: (b: Binds) => number): Row => w32({ mn, feat: 'dsp', ops: RRR, emit });
  const dsp4 = (mn: string, emit: (b: Binds) => number): Row => w32({ mn, feat: 'dsp', ops: RRRR, emit });
  // QADD Rd, Rm, Rn: note the operand order (Rn is the second source).
  ([['qadd', 0], ['qdadd', 1], ['qsub', 2], ['qdsub', 3]] as const).forEach(([mn, op2]) =>
    rows.push(dsp3(mn, (b) => f.t32Misc(0, op2, b.m, b.d, b.n))));
  rows.push(dsp3('sel', (b) => f.t32Misc(2, 0, b.n, b.d, b.m)));
  // Parallel add/subtract: {s,q,sh,u,uq,uh} x {add8, add16, asx, sax, sub8, sub16}.
  const kinds = [['s', false, 0], ['q', false, 1], ['sh', false, 2], ['u', true, 0], ['uq', true, 1], ['uh', true, 2]] as const;
  const ops = [['add8', 0], ['add16', 1], ['asx', 2], ['sub8', 4], ['sub16', 5], ['sax', 6]] as const;
  for (const [pre, unsigned, op2] of kinds)
    for (const [name, op1] of ops) rows.push(dsp3(pre + name, (b) => f.t32Parallel(op1, unsigned, op2, b.n, b.d, b.m)));
  rows.push(dsp3('usad8', (b) => f.t32Mul(7, 0, b.n, 15, b.d, b.m)));
  rows.push(dsp4('usada8', (b) => f.t32Mul(7, 0, b.n, b.a, b.d, b.m)));
  // Halfword multiplies: SMUL<x><y>, SMLA<x><y>, SMULW<y>, SMLAW<y>, SMLAL<x><y>.
  for (const [x, nb] of [['b', 0], ['t', 1]] as const) {
    for (const [y, mb] of [['b', 0], ['t', 1]] as const) {
      rows.push(dsp3(`smul${x}${y}`, (b) => f.t32Mul(1, (nb << 1) | mb, b.n, 15, b.d, b.m)));
      rows.push(dsp4(`smla${x}${y}`, (b) => f.t32Mul(1, (nb << 1) | mb, b.n, b.a, b.d, b.m)));
      rows.push(w32({ mn: `smlal${x}${y}`, feat: 'dsp', ops: [R('t'), R('t2'), R('n'), R('m')], when: (b) => b.t !== b.t2, emit: (b) => f.t32LongMul(4, 8 | (nb << 1) | mb, b.n, b.t, b.t2, b.m) }));
    }
    rows.push(dsp3(`smulw${x}`, (b) => f.t32Mul(3, nb, b.n, 15, b.d, b.m)));
    rows.push(dsp4(`smlaw${x}`, (b) => f.t32Mul(3, nb, b.n, b.a, b.d, b.m)));
  }
  // Dual multiplies (X swaps the halves of Rm) and most-significant-word multiplies (R rounds).
  for (const [sfx, xb] of [['', 0], ['x', 1]] as const) {
    rows.push(dsp3(`smuad${sfx}`, (b) => f.t32Mul(2, xb, b.n, 15, b.d, b.m)));
    rows.push(dsp4(`smlad${sfx}`, (b) => f.t32Mul(2, xb, b.n, b.a, b.d, b.m)));
    rows.push(dsp3(`smusd${sfx}`, (b) => f.t32Mul(4, xb, b.n, 15, b.d, b.m)));
    rows.push(dsp4(`smlsd${sfx}`, (b) => f.t32Mul(4, xb, b.n, b.a, b.d, b.m)));
    rows.push(w32({ mn: `smlald${sfx}`, feat: 'dsp', ops: [R('t'), R('t2'), R('n'), R('m')], when: (b) => b.t !== b.t2, emit: (b) => f.t32LongMul(4, 12 | xb, b.n, b.t, b.t2, b.m) }));
    rows.push(w32({ mn: `smlsld${sfx}`, feat: 'dsp', ops: [R('t'), R('t2'), R('n'), R('m')], when: (b) => b.t !== b.t2, emit: (b) => f.t32LongMul(5, 12 | xb, b.n, b.t, b.t2, b.m) }));
  }
  for (const [sfx, rb] of [['', 0], ['r', 1]] as const) {
    rows.push(dsp3(`smmul${sfx}`, (b) => f.t32Mul(5, rb, b.n, 15, b.d, b.m)));
    rows.push(dsp4(`smmla${sfx}`, (b) => f.t32Mul(5, rb, b.n, b.a, b.d, b.m)));
    rows.push(dsp4(`smmls${sfx}`, (b) => f.t32Mul(6, rb, b.n, b.a, b.d, b.m)));
  }
  // PKHBT Rd, Rn, Rm{, lsl #n} and PKHTB Rd, Rn, Rm{, asr #n}.
  rows.push(w32({ mn: 'pkhbt', feat: 'dsp', ops: [R('d'), R('n'), RS('m')], emit: (b) => {
    if (b.sht !== -1 && b.sht !== 0) reject('pkhbt takes lsl #n');
    return f.t32DpReg(6, false, b.n, b.d, b.m, 0, u(b.sht === -1 ? 0 : b.sha, 5, 1, 'shift'));
  } }));
  rows.push(w32({ mn: 'pkhtb', feat: 'dsp', ops: [R('d'), R('n'), RS('m')], emit: (b) => {
    // Without a shift PKHTB Rd, Rn, Rm is PKHBT Rd, Rm, Rn (GNU as swaps them).
    if (b.sht === -1) return f.t32DpReg(6, false, b.m, b.d, b.n, 0, known(0, 5));
    if (b.sht !== 2) reject('pkhtb takes asr #n');
    return f.t32DpReg(6, false, b.n, b.d, b.m, 2, uBias(b.sha, 5, 1, 32, b.sha === 32 ? 32 : 0, 'shift'));
  } }));
  return rows;
}

export const ALU_ROWS: readonly Row[] = [...multiply(), ...bits(), ...dsp()];
