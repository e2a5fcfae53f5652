// ARM (Cortex-M, Thumb-2 only) for the linker: e_machine/e_flags, mapping
// symbols, and how each AAELF32 relocation is computed and written.
//
// Thumb-2 32-bit instructions are two little-endian halfwords, first halfword
// first; the fields below are given as (hw1, hw2) bit positions, as in the Arm ARM.
// Formulas (AAELF32 §5.6): S = target address, A = addend, P = place,
// T = 1 for a Thumb function target, Pa = P & ~3.
// Objects are REL: the addend lives in the instruction field, so every type has
// a `storeAddend` that writes it the way GNU ld (bfd/elf32-arm.c) reads it back.
import type { ArchBackend, RelocHowTo } from './arch.ts';
import type { ArmRelocType } from './elf-types.ts';
import { ARM_RELOCS, EF_ARM_ABI_FLOAT_HARD, EF_ARM_ABI_FLOAT_SOFT, EF_ARM_EABI_VER5, EM_ARM } from './elf-types.ts';
import { readU16, readU32, writeU16, writeU32 } from './bytes.ts';
import { checkRange, s32 } from './fields.ts';

function hw(b: Uint8Array, at: number): [number, number] {
  return [readU16(b, at), readU16(b, at + 2)];
}

function setHw(b: Uint8Array, at: number, h1: number, h2: number): void {
  writeU16(b, at, h1);
  writeU16(b, at + 2, h2);
}

// BL / B.W (T1/T4): offset = SignExtend(S:I1:I2:imm10:imm11:'0'), J1 = ~I1 ^ S, J2 = ~I2 ^ S.
// hw1 = 11110 S imm10; hw2 = 11 J1 1 J2 imm11 (BL) or 10 J1 1 J2 imm11 (B.W). The
// relocation type fixes the instruction, so the opcode bits are written too.
function patchBranch24(b: Uint8Array, at: number, v: number, bl: boolean): string | undefined {
  const off = v & ~1; // bit 0 is the Thumb bit of the target, not part of the offset
  const bad = checkRange(off, -0x1000000, 0xfffffe);
  if (bad) return bad;
  const s = (off >>> 24) & 1;
  const i1 = (off >>> 23) & 1;
  const i2 = (off >>> 22) & 1;
  const j1 = (i1 ^ 1) ^ s;
  const j2 = (i2 ^ 1) ^ s;
  setHw(b, at, 0xf000 | (s << 10) | ((off >>> 12) & 0x3ff), (bl ? 0xd000 : 0x9000) | (j1 << 13) | (j2 << 11) | ((off >>> 1) & 0x7ff));
  return undefined;
}

// B<c>.W (T3): offset = SignExtend(S:J2:J1:imm6:imm11:'0'); hw1 = 11110 S cond imm6; hw2 = 10 J1 0 J2 imm11.
function patchBranch19(b: Uint8Array, at: number, v: number): string | undefined {
  const bad = checkRange(v, -0x100000, 0xffffe, 2);
  if (bad) return bad;
  const [h1, h2] = hw(b, at);
  const s = (v >>> 20) & 1;
  const j2 = (v >>> 19) & 1;
  const j1 = (v >>> 18) & 1;
  setHw(b, at, (h1 & 0xfbc0) | (s << 10) | ((v >>> 12) & 0x3f), (h2 & 0xd000) | (j1 << 13) | (j2 << 11) | ((v >>> 1) & 0x7ff));
  return undefined;
}

// MOVW/MOVT (T3/T1): imm16 = imm4:i:imm3:imm8; hw1 = 11110 i 10x100 imm4; hw2 = 0 imm3 Rd imm8.
function patchImm16(b: Uint8Array, at: number, imm: number): void {
  const [h1, h2] = hw(b, at);
  setHw(b, at, (h1 & 0xfbf0) | (((imm >>> 11) & 1) << 10) | ((imm >>> 12) & 0xf), (h2 & 0x8f00) | (((imm >>> 8) & 7) << 12) | (imm & 0xff));
}

// ADR.W as ADDW/SUBW Rd, PC, #imm12 (T3/T2): hw1 = 11110 i 10 a 0 b 0 1111 with a=b=1 for SUB; hw2 = 0 imm3 Rd imm8.
// The value already carries the Thumb bit ((S + A) | T) - Pa, so a backward
// reference to a Thumb function gives SUBW #(Pa - S - A - 1). (GNU ld 2.40 ORs the
// Thumb bit into the SUBW magnitude instead, landing 2 bytes off; see reloc-diff.test.ts.)
function patchAdr12(b: Uint8Array, at: number, v: number): string | undefined {
  const bad = checkRange(v, -0xfff, 0xfff);
  if (bad) return bad;
  const mag = Math.abs(v);
  const [h1, h2] = hw(b, at);
  setHw(b, at, (h1 & ~0x04a0 & 0xffff) | (((mag >>> 11) & 1) << 10) | (v < 0 ? 0x00a0 : 0), (h2 & 0x8f00) | (((mag >>> 8) & 7) << 12) | (mag & 0xff));
  return undefined;
}

// LDR.W Rt, [PC, #±imm12] (T2): hw1 bit 7 = U (add); hw2 bits 11..0 = imm12.
// Backward offsets use U = 0 (GNU ld 2.40 rejects them as overflows).
function patchPc12(b: Uint8Array, at: number, v: number): string | undefined {
  const bad = checkRange(v, -0xfff, 0xfff);
  if (bad) return bad;
  const [h1, h2] = hw(b, at);
  setHw(b, at, (h1 & ~0x80 & 0xffff) | (v >= 0 ? 0x80 : 0), (h2 & 0xf000) | Math.abs(v));
  return undefined;
}

// PREL31 (exception tables): a 31-bit signed offset; bit 31 belongs to the data.
function patchPrel31(b: Uint8Array, at: number, v: number): string | undefined {
  const bad = checkRange(v, -0x40000000, 0x3fffffff);
  if (bad) return bad;
  writeU32(b, at, (readU32(b, at) & 0x80000000) | (v & 0x7fffffff));
  return undefined;
}

// B (T2): 11100 imm11, offset = SignExtend(imm11:'0').
function patchJump11(b: Uint8Array, at: number, v: number): string | undefined {
  const bad = checkRange(v, -2048, 2046, 2);
  if (bad) return bad;
  writeU16(b, at, (readU16(b, at) & 0xf800) | ((v >>> 1) & 0x7ff));
  return undefined;
}

// B<c> (T1): 1101 cond imm8, offset = SignExtend(imm8:'0').
function patchJump8(b: Uint8Array, at: number, v: number): string | undefined {
  const bad = checkRange(v, -256, 254, 2);
  if (bad) return bad;
  writeU16(b, at, (readU16(b, at) & 0xff00) | ((v >>> 1) & 0xff));
  return undefined;
}

const word = (compute: RelocHowTo['compute']): RelocHowTo => ({
  size: 4,
  compute,
  patch: (b, at, v) => { writeU32(b, at, v); return undefined; },
  storeAddend: (b, at, a) => { writeU32(b, at, a); return undefined; },
});

const small = (size: 1 | 2, compute: RelocHowTo['compute']): RelocHowTo => {
  const patch = (b: Uint8Array, at: number, v: number) => {
    const bad = checkRange(v, -(1 << (size * 8 - 1)), (1 << (size * 8)) - 1);
    if (bad) return bad;
    if (size === 1) b[at] = v & 0xff; else writeU16(b, at, v);
    return undefined;
  };
  return { size, compute, patch, storeAddend: patch };
};

const NOOP: RelocHowTo = { size: 0, noop: true, compute: () => 0, patch: () => undefined, storeAddend: () => undefined };
const WIDER = 'use a wider branch (B.W/BL reach ±16 MiB) or move the target closer';

const RELOCS: Partial<Record<ArmRelocType, RelocHowTo>> = {
  R_ARM_NONE: NOOP,
  R_ARM_V4BX: NOOP,
  R_ARM_ABS32: word((i) => (i.S + i.A) | i.T),
  R_ARM_TARGET1: word((i) => (i.S + i.A) | i.T),
  R_ARM_REL32: word((i) => s32(((i.S + i.A) | i.T) - i.P)),
  R_ARM_ABS16: small(2, (i) => i.S + i.A),
  R_ARM_ABS8: small(1, (i) => i.S + i.A),
  R_ARM_PREL31: {
    size: 4,
    compute: (i) => s32(((i.S + i.A) | i.T) - i.P),
    patch: patchPrel31,
    storeAddend: patchPrel31,
  },
  R_ARM_THM_CALL: {
    size: 4,
    compute: (i) => s32(((i.S + i.A) | i.T) - i.P),
    patch: (b, at, v) => patchBranch24(b, at, v, true),
    storeAddend: (b, at, a) => patchBranch24(b, at, a, true),
    hint: 'BL reaches ±16 MiB; the target is too far for a direct call',
  },
  R_ARM_THM_JUMP24: {
    size: 4,
    compute: (i) => s32(((i.S + i.A) | i.T) - i.P),
    patch: (b, at, v) => patchBranch24(b, at, v, false),
    storeAddend: (b, at, a) => patchBranch24(b, at, a, false),
    hint: 'B.W reaches ±16 MiB; the target is too far for a direct branch',
  },
  R_ARM_THM_JUMP19: {
    size: 4,
    compute: (i) => s32(i.S + i.A - i.P),
    patch: patchBranch19,
    storeAddend: patchBranch19,
    hint: 'a conditional B<c>.W reaches ±1 MiB; branch around an unconditional B.W instead',
  },
  R_ARM_THM_JUMP11: {
    size: 2,
    compute: (i) => s32(i.S + i.A - i.P),
    patch: patchJump11,
    storeAddend: patchJump11,
    hint: WIDER,
  },
  R_ARM_THM_JUMP8: {
    size: 2,
    compute: (i) => s32(i.S + i.A - i.P),
    patch: patchJump8,
    storeAddend: patchJump8,
    hint: 'a narrow B<c> reaches -256..+254 bytes; use B<c>.W',
  },
  // LDR (literal) / ADR narrow (T1): imm8 = offset / 4 from Align(PC, 4).
  R_ARM_THM_PC8: {
    size: 2,
    compute: (i) => s32(i.S + i.A - (i.P & ~3)),
    patch: (b, at, v) => {
      const bad = checkRange(v, 0, 1020, 4);
      if (bad) return bad;
      writeU16(b, at, (readU16(b, at) & 0xff00) | (v >>> 2));
      return undefined;
    },
    // bfd reads the addend back as (((imm8 << 2) + 4) & 0x3ff) - 4, so -4 is imm8 = 0xff.
    storeAddend: (b, at, a) => {
      const bad = checkRange(a, -4, 1016, 4);
      if (bad) return bad;
      writeU16(b, at, (readU16(b, at) & 0xff00) | ((a & 0x3ff) >>> 2));
      return undefined;
    },
    hint: 'a narrow literal load reaches 1020 bytes forward; place the literal pool closer or use LDR.W',
  },
  R_ARM_THM_PC12: {
    size: 4,
    compute: (i) => s32(i.S + i.A - (i.P & ~3)),
    patch: patchPc12,
    storeAddend: patchPc12,
    hint: 'LDR.W (literal) reaches ±4095 bytes; place the literal pool closer',
  },
  R_ARM_THM_ALU_PREL_11_0: {
    size: 4,
    compute: (i) => s32(((i.S + i.A) | i.T) - (i.P & ~3)),
    patch: patchAdr12,
    storeAddend: patchAdr12,
    hint: 'ADR.W reaches ±4095 bytes; use MOVW/MOVT for far addresses',
  },
  R_ARM_THM_MOVW_ABS_NC: imm16((i) => ((i.S + i.A) | i.T) & 0xffff),
  R_ARM_THM_MOVT_ABS: imm16((i) => ((i.S + i.A) >>> 16) & 0xffff),
  R_ARM_THM_MOVW_PREL_NC: imm16((i) => (((i.S + i.A) | i.T) - i.P) & 0xffff),
  R_ARM_THM_MOVT_PREL: imm16((i) => ((i.S + i.A - i.P) >>> 16) & 0xffff),
};

// In REL objects the MOVW/MOVT field holds the addend itself, read back as a signed 16-bit value.
function imm16(compute: RelocHowTo['compute']): RelocHowTo {
  return {
    size: 4,
    compute,
    patch: (b, at, v) => { patchImm16(b, at, v); return undefined; },
    storeAddend: (b, at, a) => {
      const bad = checkRange(a, -0x8000, 0x7fff);
      if (bad) return `the addend does not fit a REL MOVW/MOVT field: ${bad}`;
      patchImm16(b, at, a & 0xffff);
      return undefined;
    },
  };
}

// Padding between functions: Thumb NOP (0xbf00), valid on every M profile.
const THUMB_NOP = new Uint8Array([0x00, 0xbf]);

export const armArch: ArchBackend = {
  arch: 'arm',
  machine: EM_ARM,
  relocFormat: 'rel',
  relocNumbers: ARM_RELOCS,
  relocs: RELOCS,
  absReloc: 'R_ARM_ABS32',
  dropInObject: () => false,
  elfFlags: (f) => EF_ARM_EABI_VER5 | (f.floatAbi === 'soft' ? EF_ARM_ABI_FLOAT_SOFT : EF_ARM_ABI_FLOAT_HARD),
  mappingSymbol: (kind) => (kind === 'code' ? '$t' : '$d'),
  symbolValue: (addr, thumb) => (thumb ? (addr | 1) >>> 0 : addr >>> 0),
  codeFill: () => THUMB_NOP,
};
