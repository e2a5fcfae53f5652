// Stack frames.
//
//   caller's frame   incoming stack arguments      ← sp on entry + 0, 4, ...
//   ─────────────    saved registers {r4-r11, lr}  (push)
//                    spill slots (4 bytes each)
//                    IR stack slots (locals, aggregates)
//                    outgoing stack arguments      ← sp + 0
//
// sp moves only in the prologue and the epilogue, so every area has a fixed
// sp-relative offset, and sp is 8-byte aligned throughout the body (AAPCS at
// calls): the pushed bytes plus the adjustment are a multiple of 8. When the
// adjustment would only be alignment padding, one more register is pushed
// instead. ARMv6-M can push r0-r7 and lr only; its allocator never hands out
// r8-r11, so the saved set fits.
import type { Profile } from './profile.ts';
import { hasFeature } from './profile.ts';
import { LR, IP } from './abi.ts';
import type { Area } from './minst.ts';

export interface Frame {
  /** Registers saved by the prologue's push, ascending (lr last if present). */
  saved: number[];
  savesLr: boolean;
  /** sp adjustment after the push (bytes). */
  size: number;
  outBytes: number;
  slotBytes: number;
  spillBytes: number;
  /** A register the prologue/epilogue may clobber to adjust sp by a large amount (ARMv6-M). */
  scratch: number;
}

export interface FrameInput {
  usedCalleeSaved: number[];
  needsLr: boolean;
  outBytes: number;
  slotBytes: number;
  spillSlots: number;
}

export function layoutFrame(fi: FrameInput, prof: Profile): Frame {
  const v6 = !hasFeature(prof, 't2');
  const saved = [...fi.usedCalleeSaved];
  const spillBytes = fi.spillSlots * 4;
  let size = fi.outBytes + fi.slotBytes + spillBytes;
  size = (size + 3) & ~3;
  // ARMv6-M adjusts sp by more than 508 bytes through a low register it saves itself.
  let scratch = -1;
  if (v6 && size > 508 * 4) {
    if (!saved.includes(4)) saved.push(4);
    scratch = 4;
  }
  const pushCount = () => saved.length + (fi.needsLr ? 1 : 0);
  if ((pushCount() * 4 + size) % 8 !== 0) {
    const spare = (v6 ? [4, 5, 6, 7] : [4, 5, 6, 7, 8, 9, 10, 11]).find((x) => !saved.includes(x));
    if (size === 0 && spare !== undefined && fi.needsLr) saved.push(spare);
    else if (fi.needsLr || size > 0) size += 4;
  }
  saved.sort((a, b) => a - b);
  if (fi.needsLr) saved.push(LR);
  return { saved, savesLr: fi.needsLr, size, outBytes: fi.outBytes, slotBytes: fi.slotBytes, spillBytes, scratch };
}

/** Bytes pushed by the prologue. */
export const pushBytes = (f: Frame): number => f.saved.length * 4;

/** sp-relative offset of `off` within `area`. */
export function areaOffset(f: Frame, area: Area, off: number): number {
  switch (area) {
    case 'out': return off;
    case 'slot': return f.outBytes + off;
    case 'spill': return f.outBytes + f.slotBytes + off;
    case 'in': return f.size + pushBytes(f) + off;
  }
}

/** One instruction of a prologue or epilogue, as mnemonic and operand text pieces. */
export type FrameInst =
  | { mn: 'push' | 'pop'; regs: number[] }
  | { mn: 'sub' | 'add'; sp: true; imm: number }
  /** `ldr r, =value` then `add sp, r` (ARMv6-M large frames) / movw+movt ip then add/sub sp, ip. */
  | { mn: 'bigadjust'; value: number; scratch: number }
  | { mn: 'bx'; reg: number };

export function prologue(f: Frame, prof: Profile): FrameInst[] {
  const out: FrameInst[] = [];
  if (f.saved.length > 0) out.push({ mn: 'push', regs: f.saved });
  out.push(...adjust(f, prof, -f.size));
  return out;
}

export function epilogue(f: Frame, prof: Profile): FrameInst[] {
  const out: FrameInst[] = [...adjust(f, prof, f.size)];
  if (f.savesLr) out.push({ mn: 'pop', regs: f.saved.map((x) => (x === LR ? 15 : x)) });
  else {
    if (f.saved.length > 0) out.push({ mn: 'pop', regs: f.saved });
    out.push({ mn: 'bx', reg: LR });
  }
  return out;
}

function adjust(f: Frame, prof: Profile, delta: number): FrameInst[] {
  if (delta === 0) return [];
  const mn = delta < 0 ? 'sub' : 'add';
  let n = Math.abs(delta);
  if (!hasFeature(prof, 't2')) {
    if (n > 508 * 4) return [{ mn: 'bigadjust', value: delta, scratch: f.scratch }];
    const out: FrameInst[] = [];
    while (n > 0) { const k = Math.min(n, 508); out.push({ mn, sp: true, imm: k }); n -= k; }
    return out;
  }
  if (n <= 4095) return [{ mn, sp: true, imm: n }];
  return [{ mn: 'bigadjust', value: delta, scratch: IP }];
}
