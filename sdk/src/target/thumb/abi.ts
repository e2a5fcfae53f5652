// AAPCS (the Procedure Call Standard for the Arm Architecture), the subset
// Orizon needs for scalar signatures, so Orizon and C call each other freely:
//
//   - arguments: core registers r0-r3 in order; an i64 takes an even/odd pair
//     (r0:r1 or r2:r3, skipping r1 or r3 when needed); once a value does not
//     fit, it and every later argument go on the stack (i64 8-aligned), the
//     first at [sp] on entry;
//   - results: r0, or r0:r1 for an i64 (more results continue in r2, r3);
//   - r4-r11 are callee-saved, r0-r3, r12 (ip) and lr are not;
//   - sp is 8-byte aligned at every public interface (our calls included).
//
// Narrow values (i8/i16) are passed in a whole register. The IR has no
// signedness, so the caller leaves the upper bits as they are; Orizon callees
// never rely on them (see isel's extension tracking). A C callee taking a
// `uint8_t` gets a correct value whenever the value came from a load, a
// comparison or a conversion, which is nearly always.
import type { Ty } from '../../ir/ir.ts';

export const SP = 13;
export const LR = 14;
export const PC = 15;
/** The intra-procedure scratch register: never allocated; the emitter uses it. */
export const IP = 12;

export const ARG_REGS = [0, 1, 2, 3] as const;

/** Registers a call may destroy (besides its results). */
export const CALLER_SAVED: readonly number[] = [0, 1, 2, 3, IP, LR];

/** Where one argument or result lives. */
export type Loc =
  | { k: 'reg'; r: number }
  /** An i64 in a register pair (lo, hi). */
  | { k: 'pair'; lo: number; hi: number }
  /** Offset from sp at the call (caller) / on entry (callee). */
  | { k: 'stack'; off: number; size: 4 | 8 };

export interface CallLayout {
  locs: Loc[];
  /** Bytes of stack the arguments occupy (a multiple of 8). */
  stackBytes: number;
}

/** Locations of arguments of types `tys` (AAPCS §6.5, core registers only). */
export function assignArgs(tys: readonly Ty[]): CallLayout {
  let ncrn = 0;
  let nsaa = 0;
  const locs: Loc[] = [];
  for (const t of tys) {
    if (t === 'i64') {
      if (ncrn % 2 === 1) ncrn++;
      if (ncrn + 2 <= 4) {
        locs.push({ k: 'pair', lo: ncrn, hi: ncrn + 1 });
        ncrn += 2;
        continue;
      }
      ncrn = 4;
      nsaa = (nsaa + 7) & ~7;
      locs.push({ k: 'stack', off: nsaa, size: 8 });
      nsaa += 8;
    } else if (ncrn < 4) {
      locs.push({ k: 'reg', r: ncrn++ });
    } else {
      locs.push({ k: 'stack', off: nsaa, size: 4 });
      nsaa += 4;
    }
  }
  return { locs, stackBytes: (nsaa + 7) & ~7 };
}

/** Locations of results: r0 (r0:r1 for i64); several results continue like arguments. */
export function assignResults(tys: readonly Ty[]): Loc[] {
  const l = assignArgs(tys);
  if (l.stackBytes > 0) throw new Error('internal: more results than fit in r0-r3');
  return l.locs;
}

/** Physical registers of a location (lo before hi). */
export function locRegs(l: Loc): number[] {
  return l.k === 'reg' ? [l.r] : l.k === 'pair' ? [l.lo, l.hi] : [];
}
