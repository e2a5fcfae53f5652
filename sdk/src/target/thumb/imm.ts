// Checked immediates.
//
// Every immediate field of an encoding has its own type. A raw number cannot be
// passed where a field is expected; the only way to get one is a check function
// below, which returns undefined when the value does not fit. So an encoder
// cannot emit a truncated field: an out-of-range value becomes a diagnostic
// one level up (the table's operand matcher), never a wrong instruction word.

declare const field: unique symbol;

/** An unsigned value known to fit `N` bits (already divided by its scale). */
export type UField<N extends number> = number & { readonly [field]: `u${N}` };
/** A signed value known to fit `N` bits as two's complement (already scaled). */
export type SField<N extends number> = number & { readonly [field]: `s${N}` };
/** A Thumb-2 modified immediate, as the 12-bit `i:imm3:imm8` field. */
export type ModImm = number & { readonly [field]: 'mod' };

/** `v / scale` as an N-bit unsigned field, if `v` is a multiple of `scale` in range. */
export function fitU<N extends number>(v: number, bits: N, scale = 1): UField<N> | undefined {
  if (!Number.isInteger(v) || v % scale !== 0) return undefined;
  const q = v / scale;
  return q >= 0 && q < 2 ** bits ? (q as UField<N>) : undefined;
}

/** `v / scale` as an N-bit signed field. */
export function fitS<N extends number>(v: number, bits: N, scale = 1): SField<N> | undefined {
  if (!Number.isInteger(v) || v % scale !== 0) return undefined;
  const q = v / scale;
  const lim = 2 ** (bits - 1);
  return q >= -lim && q < lim ? (q as SField<N>) : undefined;
}

/** A constant the encoder computed itself (opcode sub-fields, register numbers). */
export function known<N extends number>(v: number, bits: N): UField<N> {
  if (!(Number.isInteger(v) && v >= 0 && v < 2 ** bits)) throw new Error(`internal: ${v} does not fit u${bits}`);
  return v as UField<N>;
}

const u32 = (v: number): number => v >>> 0;
const rol = (v: number, n: number): number => u32((v << n) | (v >>> (32 - n)));

/**
 * Encodes a 32-bit constant as a Thumb-2 modified immediate (the inverse of the
 * manuals' ThumbExpandImm), or undefined.
 *
 *   i:imm3:a  | value
 *   0000x     | 00000000 00000000 00000000 abcdefgh
 *   0001x     | 00000000 abcdefgh 00000000 abcdefgh
 *   0010x     | abcdefgh 00000000 abcdefgh 00000000
 *   0011x     | abcdefgh abcdefgh abcdefgh abcdefgh
 *   01000..   | 1bcdefgh rotated right by i:imm3:a (8..31)
 *
 * The values are disjoint, so the result is unique and equals GNU as's choice.
 */
export function modImm(value: number): ModImm | undefined {
  if (!Number.isInteger(value) || value < -(2 ** 31) || value > 0xffffffff) return undefined;
  const v = u32(value);
  if (v <= 0xff) return v as ModImm;
  const b = v & 0xff;
  if (v === u32(b * 0x00010001)) return (0x100 | b) as ModImm;
  if (v === u32((v >>> 8 & 0xff) * 0x01000100) && (v & 0x00ff00ff) === 0) return (0x200 | (v >>> 8 & 0xff)) as ModImm;
  if (v === u32(b * 0x01010101)) return (0x300 | b) as ModImm;
  for (let rot = 8; rot < 32; rot++) {
    const x = rol(v, rot);
    if (x >= 0x80 && x <= 0xff) return ((rot << 7) | (x & 0x7f)) as ModImm;
  }
  return undefined;
}

/** ThumbExpandImm: the constant a 12-bit modified-immediate field stands for. */
export function expandModImm(imm12: number): number {
  const b = imm12 & 0xff;
  switch (imm12 >> 8) {
    case 0: return b;
    case 1: return u32(b * 0x00010001);
    case 2: return u32(b * 0x01000100);
    case 3: return u32(b * 0x01010101);
  }
  const rot = imm12 >> 7;
  const x = 0x80 | (imm12 & 0x7f);
  return u32((x >>> rot) | (x << (32 - rot)));
}

/** A value as the two's-complement 32-bit pattern the hardware sees. */
export const word = u32;

/** How a number reads in a diagnostic: decimal when small, hex otherwise. */
export function showImm(v: number): string {
  return Math.abs(v) <= 0xffff ? String(v) : (v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
}
