// Range checks shared by the relocation tables in arch-arm.ts and arch-riscv.ts.
import { hex } from './bytes.ts';

/** Range check with a message naming the allowed span, or undefined when `v` fits. */
export function checkRange(v: number, min: number, max: number, align = 1): string | undefined {
  if (v < min || v > max) return `value ${fmtSigned(v)} is outside ${fmtSigned(min)}..${fmtSigned(max)}`;
  if (align > 1 && ((v % align) + align) % align !== 0) return `value ${fmtSigned(v)} is not a multiple of ${align}`;
  return undefined;
}

export function fmtSigned(v: number): string {
  return v < 0 ? `-${hex(-v)}` : `+${hex(v)}`;
}

/** Interprets a number as a signed 32-bit value (addresses wrap like the hardware's). */
export function s32(v: number): number {
  return v | 0;
}

/** Thrown by a `paired` relocation when the relocation it pairs with is missing; `what` says which. */
export class MissingPairError extends Error {
  constructor(readonly address: number, readonly what: string) {
    super(`${what} at 0x${address.toString(16)}`);
  }
}
