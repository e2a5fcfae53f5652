// The instruction table: the single source of truth for encoding.
//
// One `Row` is one encoding of one mnemonic: its operand pattern, width, the
// profile feature it needs, how it treats the S suffix and IT blocks, and the
// function that lays out its bits (through formats.ts). Rows of a mnemonic are
// listed narrowest first, in the order GNU as tries them in unified syntax; the
// encoder takes the first row that accepts the operands. The test generator
// reads the same rows to build the GNU as comparison corpus, so a form cannot be
// added here without being checked.
import type { Feature } from './profile.ts';
import type { Binds, Slot } from './operands.ts';
import type { Value } from './expr.ts';
import { fitS, fitU, modImm, showImm, type ModImm, type SField, type UField } from './imm.ts';

/** How a row treats the S suffix.
 *  - `it`: a 16-bit data-processing encoding; it sets the flags outside an IT
 *    block and not inside one, so it serves `adds` outside and `add<c>` inside.
 *  - `no`: the mnemonic must not have S (and the encoding leaves flags alone).
 *  - `opt`: S is an encoding bit (`b.s`).
 *  - `yes`: S is required. */
export type SRule = 'it' | 'no' | 'opt' | 'yes';

/** IT-block placement: `out` must not be inside an IT block; `last` may be
 *  inside only as its last instruction (branches and other PC writes). */
export type ItRule = 'any' | 'out' | 'last';

/** Branch rows: `cond` encodes the condition (B<c> outside IT); `plain` is the
 *  unconditional encoding, also used for B<c> inside an IT block. */
export type CondRule = 'none' | 'cond' | 'plain';

export type RelocType =
  | 'R_ARM_ABS32' | 'R_ARM_THM_CALL' | 'R_ARM_THM_JUMP24' | 'R_ARM_THM_JUMP19'
  | 'R_ARM_THM_MOVW_ABS_NC' | 'R_ARM_THM_MOVT_ABS';

export interface Row {
  readonly mn: string;
  readonly ops: readonly Slot[];
  readonly size: 2 | 4;
  readonly feat: Feature;
  readonly s: SRule;
  readonly it: ItRule;
  readonly cond: CondRule;
  /** Register relations the pattern cannot express (Rd == Rn, ...). May rewrite binds (commutative swap). */
  readonly when?: (b: Binds) => boolean;
  /** Why `when` refuses, for the diagnostic. */
  readonly whenWhy?: string;
  /** The instruction word (16-bit value, or hw1 << 16 | hw2). Rejects via `reject()`. */
  readonly emit: (b: Binds, cx: EmitCx) => number;
  /** Set on rows that can reference an undefined or global symbol. */
  readonly reloc?: RelocType;
  /** A substitute GNU as tries when the written form does not encode (ADD #-x as SUB #x);
   *  its rejections are not reported, the written form's are. */
  readonly alt?: boolean;
}

/** A relocation the encoder asks for (offset 0 = the instruction's first byte). */
export interface InstReloc {
  readonly type: RelocType;
  readonly symbol: string;
  /** S + A: for REL objects A is also written into the instruction, as GNU as does. */
  readonly addend: number;
}

/** What an encoder knows about where the instruction sits. */
export interface EmitCx {
  /** Offset of the instruction in its section (an estimate during relaxation). */
  readonly addr: number;
  readonly section: string;
  /** First relaxation pass: labels have no addresses yet, assume they are in range. */
  readonly optimistic: boolean;
  /** Set by a row's emit when the instruction needs a relocation. */
  reloc?: InstReloc;
}

/** A row did not accept the operands; the encoder tries the next row. */
export class Reject {
  constructor(readonly why: string, readonly imm: boolean) {}
}

export function reject(why: string, imm = true): never {
  throw new Reject(why, imm);
}

// ---------------------------------------------------------------- checked fields

export function u<N extends number>(v: number, bits: N, scale = 1, what = 'immediate'): UField<N> {
  const f = fitU(v, bits, scale);
  if (f !== undefined) return f;
  const max = (2 ** bits - 1) * scale;
  reject(`${what} ${showImm(v)} out of range (0..${max}${scale > 1 ? `, multiple of ${scale}` : ''})`);
}

/** An unsigned value in lo..hi encoded as `v - bias`. */
export function uBias<N extends number>(v: number, bits: N, lo: number, hi: number, bias: number, what = 'immediate'): UField<N> {
  if (!Number.isInteger(v) || v < lo || v > hi) reject(`${what} ${showImm(v)} out of range (${lo}..${hi})`);
  return fitU(v - bias, bits)!;
}

export function mod(v: number): ModImm {
  return modImm(v) ?? reject(`immediate ${showImm(v)} is not a Thumb-2 modified immediate`);
}

// ---------------------------------------------------------------- labels

/** A label resolved for a PC-relative field, or a relocation. */
function localOffset(v: Value, cx: EmitCx): number | undefined {
  if (v.k !== 'sym' || !v.def || v.def.section !== cx.section || v.def.global) return undefined;
  return v.def.offset + v.addend;
}

function relocTarget(v: Value): { symbol: string; addend: number } {
  if (v.k !== 'sym') reject('expected a label', false);
  // Plain local labels are relocated against their section, like GNU as does;
  // global and Thumb-function symbols keep their name (the linker sets bit 0).
  if (v.def && !v.def.global && !v.def.thumbFunc) return { symbol: v.def.section, addend: v.def.offset + v.addend };
  return { symbol: v.name, addend: v.addend };
}

/**
 * Branch offset from PC (= instruction + 4), in halfwords, as an N-bit field.
 * Targets outside the section (or global, hence preemptible) become relocations
 * when the row has one; the field then holds the REL addend (A - 4).
 */
export function branch<N extends number>(b: Binds, cx: EmitCx, bits: N, row: RelocType | undefined): SField<N> {
  const v = b.val!;
  const target = localOffset(v, cx);
  if (target === undefined) {
    if (!row) reject('branch target must be a local label in this section', false);
    const t = relocTarget(v);
    cx.reloc = { type: row, symbol: t.symbol, addend: t.addend - 4 };
    return fitS(t.addend - 4, bits, 2) ?? reject('relocation addend out of range');
  }
  if (cx.optimistic) return 0 as SField<N>;
  const off = target - (cx.addr + 4);
  return fitS(off, bits, 2) ?? reject(`branch out of range (${off} bytes)`);
}

/** Offset of a local label from Align(PC, 4), for ADR and LDR (literal). */
export function pcRel(b: Binds, cx: EmitCx): number {
  const target = localOffset(b.val!, cx);
  if (target === undefined) reject('PC-relative target must be a local label in this section', false);
  if (cx.optimistic) return 0;
  return target - ((cx.addr + 4) & ~3);
}

/** ADR's offset: GNU as sets bit 0 when the label is a Thumb function, so the
 *  result can be branched to with BX (and only the 32-bit form can encode it). */
export function adrOffset(b: Binds, cx: EmitCx): number {
  const v = b.val!;
  return pcRel(b, cx) + (v.k === 'sym' && v.def?.thumbFunc ? 1 : 0);
}

/** `#:lower16:sym` / `#:upper16:sym` as a MOVW/MOVT relocation; the field keeps the addend. */
export function half16(b: Binds, cx: EmitCx, top: boolean): UField<16> {
  if (!b.half) return u(b.i, 16);
  if ((b.half === 'upper16') !== top) reject(`#:${b.half}: does not fit ${top ? 'movt' : 'movw'}`, false);
  if (!b.val) return u(b.i, 16);
  const t = relocTarget(b.val);
  cx.reloc = { type: top ? 'R_ARM_THM_MOVT_ABS' : 'R_ARM_THM_MOVW_ABS_NC', symbol: t.symbol, addend: t.addend };
  return (t.addend & 0xffff) as UField<16>;
}

// ---------------------------------------------------------------- row builders

type RowSpec = Omit<Row, 'size' | 'feat' | 's' | 'it' | 'cond'> & Partial<Pick<Row, 'feat' | 's' | 'it' | 'cond'>>;

/** A 16-bit row (ARMv6-M unless `feat` says otherwise). */
export const n16 = (r: RowSpec): Row => ({ size: 2, feat: 'base', s: 'no', it: 'any', cond: 'none', ...r });
/** A 32-bit Thumb-2 row (ARMv7-M unless `feat` says otherwise). */
export const w32 = (r: RowSpec): Row => ({ size: 4, feat: 't2', s: 'no', it: 'any', cond: 'none', ...r });

// Register relations for `when`.
export const same = (x: 'd' | 't', y: 'n' | 'm') => (b: Binds): boolean => b[x] === b[y];
/** Rd == Rn, or Rd == Rm for a commutative operation (then Rn and Rm swap). */
export const tiedComm = (b: Binds): boolean => {
  if (b.d === b.n) return true;
  if (b.d !== b.m) return false;
  b.m = b.n;
  b.n = b.d;
  return true;
};
/** Register operand unshifted (or `lsl #0`, which GNU as treats as no shift). */
export const noShift = (b: Binds): boolean => b.sht === -1;
