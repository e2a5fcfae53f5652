// Stack frames for RV32, laid out once register allocation has decided the
// spill slots and the callee-saved registers in use:
//
//   sp + size ──► caller's outgoing arguments (our stack-passed parameters, area `in`)
//                 ra                        (at size-4, when the function calls)
//                 s0, s1, ... used          (below ra, lowest register highest, as GCC does)
//                 spill slots               (4 bytes each, area `spill`)
//                 IR stack slots            (area `slot`, each at its alignment ≤ 16)
//   sp + 0 ─────► outgoing stack arguments  (area `out`, the largest of any call)
//
// `size` is a multiple of 16 (the psABI keeps sp 16-aligned at calls). A leaf
// function with nothing to save and no slots has no frame at all. Offsets that
// do not fit a 12-bit immediate (frames over 2 KiB) go through t6, which the
// allocator never hands out.
import type { Area } from './isel-inst.ts';
import { RA, SCRATCH } from './abi.ts';
import { gprName } from './regs.ts';

export interface Frame {
  size: number;
  /** Saved registers and their offsets from the new sp. */
  saves: { reg: number; off: number }[];
  base: Record<Area, number>;
}

export interface FrameInput {
  outBytes: number;
  slotBytes: number;
  spillSlots: number;
  /** Callee-saved registers the body writes. */
  calleeSaved: number[];
  /** The body calls something: ra is saved. */
  calls: boolean;
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

export function layoutFrame(f: FrameInput): Frame {
  const slot = align(f.outBytes, 16); // 16-aligned, so every slot alignment up to 16 holds
  const spill = align(slot + f.slotBytes, 4);
  const savedRegs = [...(f.calls ? [RA] : []), ...[...f.calleeSaved].sort((a, b) => a - b)];
  const top = spill + 4 * f.spillSlots;
  const size = align(top + 4 * savedRegs.length, 16);
  const saves = savedRegs.map((reg, k) => ({ reg, off: size - 4 - 4 * k }));
  return { size, saves, base: { out: 0, slot, spill, in: size } };
}

export const fitsImm12 = (c: number): boolean => c >= -2048 && c <= 2047;

/**
 * An sp-relative access `mn reg, off(sp)` as assembly lines; beyond the 12-bit
 * range the address is formed in t6 first.
 */
export function spAccess(mn: string, reg: string, off: number): string[] {
  if (fitsImm12(off)) return [`${mn}\t${reg}, ${off}(sp)`];
  const t = gprName(SCRATCH);
  return [`li\t${t}, ${off}`, `add\t${t}, ${t}, sp`, `${mn}\t${reg}, 0(${t})`];
}

/** `sp += delta` as assembly lines. */
export function adjustSp(delta: number): string[] {
  if (delta === 0) return [];
  if (fitsImm12(delta)) return [`addi\tsp, sp, ${delta}`];
  const t = gprName(SCRATCH);
  return [`li\t${t}, ${delta}`, `add\tsp, sp, ${t}`];
}

export function prologue(fr: Frame): string[] {
  if (fr.size === 0) return [];
  // Allocate, then save: the offsets of saved registers are near the top of the frame.
  return [...adjustSp(-fr.size), ...fr.saves.flatMap((s) => spAccess('sw', gprName(s.reg), s.off))];
}

export function epilogue(fr: Frame): string[] {
  return [...fr.saves.flatMap((s) => spAccess('lw', gprName(s.reg), s.off)), ...adjustSp(fr.size), 'ret'];
}
