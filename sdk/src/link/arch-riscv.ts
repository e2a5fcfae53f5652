// RISC-V RV32 for the linker: e_machine/e_flags, mapping symbols, and how each
// psABI relocation is computed and written. Objects are RELA (addends in the
// record), so no type needs `storeAddend`.
//
// Instruction immediates (RISC-V unprivileged spec, ch. 2 and 16):
//   I: imm[11:0] → bits 31..20          S: imm[11:5] → 31..25, imm[4:0] → 11..7
//   U: imm[31:12] → bits 31..12         B: imm[12|10:5] → 31..25, imm[4:1|11] → 11..7
//   J: imm[20|10:1|11|19:12] → 31..12   CB: off[8|4:3] → 12..10, off[7:6|2:1|5] → 6..2
//   CJ: off[11|4|9:8|10|6|7|3:1|5] → 12..2
// A hi20/lo12 pair splits a value v as hi = (v + 0x800) >> 12 and lo = v - (hi << 12),
// because the lo12 half is sign-extended by the instruction that adds it.
//
// Relaxation: the Orizon linker never relaxes (R_RISCV_RELAX and R_RISCV_ALIGN
// are no-ops; the code is already laid out). In a `.o` for GNU ld, R_RISCV_RELAX
// would let ld delete bytes, which is only safe when every PC-relative reference
// in the section carries a relocation; code generators that resolve local
// branches themselves must not allow it, so the object writer drops RELAX unless
// asked to keep it.
import type { ArchBackend, RelocHowTo } from './arch.ts';
import type { RiscvRelocType } from './elf-types.ts';
import { EF_RISCV_FLOAT_ABI_DOUBLE, EF_RISCV_FLOAT_ABI_SINGLE, EF_RISCV_FLOAT_ABI_SOFT, EF_RISCV_RVC, EM_RISCV, RISCV_RELOCS } from './elf-types.ts';
import { readU16, readU32, writeU16, writeU32 } from './bytes.ts';
import { MissingPairError, checkRange, s32 } from './fields.ts';

const bit = (v: number, n: number) => (v >>> n) & 1;
const hi20 = (v: number) => ((v + 0x800) >>> 12) & 0xfffff;
const lo12 = (v: number) => v & 0xfff;

function setI(b: Uint8Array, at: number, imm: number): void {
  writeU32(b, at, (readU32(b, at) & 0x000fffff) | ((imm & 0xfff) << 20));
}

function setS(b: Uint8Array, at: number, imm: number): void {
  writeU32(b, at, (readU32(b, at) & 0x01fff07f) | (((imm >>> 5) & 0x7f) << 25) | ((imm & 0x1f) << 7));
}

function setU(b: Uint8Array, at: number, imm20: number): void {
  writeU32(b, at, (readU32(b, at) & 0xfff) | (imm20 << 12));
}

function setB(b: Uint8Array, at: number, v: number): void {
  const imm = (bit(v, 12) << 31) | (((v >>> 5) & 0x3f) << 25) | (((v >>> 1) & 0xf) << 8) | (bit(v, 11) << 7);
  writeU32(b, at, (readU32(b, at) & 0x01fff07f) | imm);
}

function setJ(b: Uint8Array, at: number, v: number): void {
  const imm = (bit(v, 20) << 31) | (((v >>> 1) & 0x3ff) << 21) | (bit(v, 11) << 20) | (((v >>> 12) & 0xff) << 12);
  writeU32(b, at, (readU32(b, at) & 0xfff) | imm);
}

function setCB(b: Uint8Array, at: number, v: number): void {
  const imm = (bit(v, 8) << 12) | (bit(v, 4) << 11) | (bit(v, 3) << 10) | (bit(v, 7) << 6) | (bit(v, 6) << 5)
    | (bit(v, 2) << 4) | (bit(v, 1) << 3) | (bit(v, 5) << 2);
  writeU16(b, at, (readU16(b, at) & 0xe383) | imm);
}

function setCJ(b: Uint8Array, at: number, v: number): void {
  const imm = (bit(v, 11) << 12) | (bit(v, 4) << 11) | (bit(v, 9) << 10) | (bit(v, 8) << 9) | (bit(v, 10) << 8)
    | (bit(v, 6) << 7) | (bit(v, 7) << 6) | (bit(v, 3) << 5) | (bit(v, 2) << 4) | (bit(v, 1) << 3) | (bit(v, 5) << 2);
  writeU16(b, at, (readU16(b, at) & 0xe003) | imm);
}

const pcrel = (i: { S: number; A: number; P: number }) => s32(i.S + i.A - i.P);
const abs = (i: { S: number; A: number }) => s32(i.S + i.A);
const ok = (f: (b: Uint8Array, at: number, v: number) => void) => (b: Uint8Array, at: number, v: number) => { f(b, at, v); return undefined; };

function ranged(size: number, compute: RelocHowTo['compute'], min: number, max: number, set: (b: Uint8Array, at: number, v: number) => void, hint: string): RelocHowTo {
  return { size, compute, patch: (b, at, v) => checkRange(v, min, max, 2) ?? (set(b, at, v), undefined), hint };
}

// In-place arithmetic (label differences in data): V is the current field value.
function arith(size: 1 | 2 | 4, op: (V: number, v: number) => number, bits = size * 8): RelocHowTo {
  const read = (b: Uint8Array, at: number) => (size === 1 ? b[at]! : size === 2 ? readU16(b, at) : readU32(b, at));
  const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  return {
    size,
    compute: abs,
    patch: (b, at, v) => {
      const old = read(b, at);
      const val = ((old & ~mask) | (op(old & mask, v) & mask)) >>> 0;
      if (size === 1) b[at] = val & 0xff; else if (size === 2) writeU16(b, at, val); else writeU32(b, at, val);
      return undefined;
    },
  };
}

const NOOP: RelocHowTo = { size: 0, noop: true, compute: () => 0, patch: () => undefined };

// %pcrel_lo(label) takes the value computed by the %pcrel_hi at `label` (S + A is the auipc's address).
function pcrelLo(set: (b: Uint8Array, at: number, v: number) => void): RelocHowTo {
  return {
    size: 4,
    paired: true,
    compute: (i) => {
      const hi = i.valueAt(i.S + i.A);
      if (hi === undefined) throw new MissingPairError(i.S + i.A, 'no R_RISCV_PCREL_HI20 is there');
      return hi;
    },
    patch: ok((b, at, v) => set(b, at, lo12(v))),
  };
}

const RELOCS: Partial<Record<RiscvRelocType, RelocHowTo>> = {
  R_RISCV_NONE: NOOP,
  R_RISCV_RELAX: NOOP,
  R_RISCV_ALIGN: NOOP,
  R_RISCV_32: { size: 4, compute: abs, patch: ok((b, at, v) => writeU32(b, at, v)) },
  R_RISCV_32_PCREL: { size: 4, compute: pcrel, patch: ok((b, at, v) => writeU32(b, at, v)) },
  R_RISCV_BRANCH: ranged(4, pcrel, -4096, 4094, setB, 'a conditional branch reaches ±4 KiB; branch around a jal instead'),
  R_RISCV_JAL: ranged(4, pcrel, -0x100000, 0xffffe, setJ, 'jal reaches ±1 MiB; use auipc+jalr (R_RISCV_CALL)'),
  R_RISCV_RVC_BRANCH: ranged(2, pcrel, -256, 254, setCB, 'c.beqz/c.bnez reach ±256 bytes; use a full-size branch'),
  R_RISCV_RVC_JUMP: ranged(2, pcrel, -2048, 2046, setCJ, 'c.j/c.jal reach ±2 KiB; use jal'),
  // auipc ra, hi20 ; jalr ra, lo12(ra) — 8 bytes; reaches the whole RV32 address space.
  R_RISCV_CALL: { size: 8, compute: pcrel, patch: ok((b, at, v) => { setU(b, at, hi20(v)); setI(b, at + 4, lo12(v)); }) },
  R_RISCV_CALL_PLT: { size: 8, compute: pcrel, patch: ok((b, at, v) => { setU(b, at, hi20(v)); setI(b, at + 4, lo12(v)); }) },
  R_RISCV_PCREL_HI20: { size: 4, compute: pcrel, patch: ok((b, at, v) => setU(b, at, hi20(v))) },
  R_RISCV_PCREL_LO12_I: pcrelLo(setI),
  R_RISCV_PCREL_LO12_S: pcrelLo(setS),
  R_RISCV_HI20: { size: 4, compute: abs, patch: ok((b, at, v) => setU(b, at, hi20(v))) },
  R_RISCV_LO12_I: { size: 4, compute: abs, patch: ok((b, at, v) => setI(b, at, lo12(v))) },
  R_RISCV_LO12_S: { size: 4, compute: abs, patch: ok((b, at, v) => setS(b, at, lo12(v))) },
  R_RISCV_ADD8: arith(1, (V, v) => V + v),
  R_RISCV_ADD16: arith(2, (V, v) => V + v),
  R_RISCV_ADD32: arith(4, (V, v) => V + v),
  R_RISCV_SUB8: arith(1, (V, v) => V - v),
  R_RISCV_SUB16: arith(2, (V, v) => V - v),
  R_RISCV_SUB32: arith(4, (V, v) => V - v),
  R_RISCV_SUB6: arith(1, (V, v) => V - v, 6),
  R_RISCV_SET6: arith(1, (_V, v) => v, 6),
  R_RISCV_SET8: arith(1, (_V, v) => v),
  R_RISCV_SET16: arith(2, (_V, v) => v),
  R_RISCV_SET32: arith(4, (_V, v) => v),
};

const C_NOP = new Uint8Array([0x01, 0x00]);
const NOP = new Uint8Array([0x13, 0x00, 0x00, 0x00]);

export const riscvArch: ArchBackend = {
  arch: 'riscv32',
  machine: EM_RISCV,
  relocFormat: 'rela',
  relocNumbers: RISCV_RELOCS,
  relocs: RELOCS,
  absReloc: 'R_RISCV_32',
  dropInObject: (type, opts) => type === 'R_RISCV_RELAX' && !opts.keepRelax,
  elfFlags: (f) => (f.compressed ? EF_RISCV_RVC : 0)
    | (f.floatAbi === 'double' ? EF_RISCV_FLOAT_ABI_DOUBLE : f.floatAbi === 'single' ? EF_RISCV_FLOAT_ABI_SINGLE : EF_RISCV_FLOAT_ABI_SOFT),
  mappingSymbol: (kind) => (kind === 'code' ? '$x' : '$d'),
  symbolValue: (addr) => addr >>> 0,
  codeFill: (f) => (f.compressed ? C_NOP : NOP),
};
