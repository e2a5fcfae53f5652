// The RISC-V ILP32 calling convention (psABI "integer calling convention",
// soft-float), the subset Orizon needs for scalar signatures, so Orizon and C
// built with `riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32` call each
// other freely:
//
//   - arguments: a0-a7 in order. An i64 takes the next two registers, low word
//     first, with *no* even-register alignment (ilp32 aligns only variadic
//     pairs). When exactly one register is left, the low word goes in a7 and
//     the high word on the stack; once the registers are used up, everything
//     goes on the stack, each value at its natural alignment (i64: 8), the
//     first at 0(sp) on entry;
//   - results: a0, or a0:a1 for an i64; the IR allows several results, which
//     continue in a2.. like arguments (an Orizon-only extension; C never sees it);
//   - s0-s11 (and sp) are callee-saved; ra, t0-t6, a0-a7 are not;
//   - sp is 16-byte aligned at every call.
//
// Narrow values (i8/i16) travel in a whole register. The IR has no signedness,
// so a caller leaves the upper bits as they are and Orizon callees never rely
// on them (isel's extension tracking re-extends where a bit above the width
// would be observed). GCC callees do rely on them (`int f(signed char c)`
// returns a0 unchanged), so a C function taking `char`/`short` gets a correct
// value only when the caller's value happened to be extended — the IR cannot
// tell sign from zero extension. Verified against GCC for every other case by
// tests/target/rv32/codegen-abi.test.ts.
import type { Ty } from '../../ir/ir.ts';

export const ZERO = 0;
export const RA = 1;
export const SP = 2;
export const GP = 3;
export const TP = 4;
/** Scratch register of the emitter (large frame offsets); never allocated. */
export const SCRATCH = 31; // t6

export const A0 = 10;
export const ARG_REGS: readonly number[] = [10, 11, 12, 13, 14, 15, 16, 17];

/** Registers a call may destroy (besides its results): ra, t0-t6, a0-a7. */
export const CALLER_SAVED: readonly number[] = [1, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31];

/** s0-s11. */
export const CALLEE_SAVED: readonly number[] = [8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27];

/**
 * Allocation order. Short ranges get caller-saved registers, a0-a5 first: with
 * s0/s1 they are x8-x15, the registers the 3-bit fields of RVC reach, so
 * `add a0,a0,a1` or `lw a4,8(a5)` compress to 2 bytes. Values live across a
 * call cannot use caller-saved registers (calls clobber them) and fall through
 * to s0 and s1 (compressible too), then s2-s11.
 */
export const ALLOCATABLE: readonly number[] = [
  10, 11, 12, 13, 14, 15, // a0-a5
  16, 17, 5, 6, 7, 28, 29, 30, // a6, a7, t0-t2, t3-t5
  8, 9, // s0, s1
  18, 19, 20, 21, 22, 23, 24, 25, 26, 27, // s2-s11
];

/** Where one argument or result lives. */
export type Loc =
  | { k: 'reg'; r: number }
  /** An i64 in two registers (low word first). */
  | { k: 'pair'; lo: number; hi: number }
  /** An i64 split between a7 (low word) and the first stack word (high word). */
  | { k: 'split'; lo: number; off: number }
  /** Offset from sp at the call (caller) / on entry (callee). */
  | { k: 'stack'; off: number; size: 4 | 8 };

export interface CallLayout {
  locs: Loc[];
  /** Bytes of stack the arguments occupy (a multiple of 16, so sp stays aligned). */
  stackBytes: number;
}

/** Locations of arguments of types `tys` (psABI, integer calling convention, ILP32). */
export function assignArgs(tys: readonly Ty[]): CallLayout {
  let next = 0; // next argument register (index into ARG_REGS)
  let stack = 0; // next stack offset
  const locs: Loc[] = [];
  for (const t of tys) {
    if (t === 'i64') {
      if (next + 2 <= ARG_REGS.length) {
        locs.push({ k: 'pair', lo: ARG_REGS[next]!, hi: ARG_REGS[next + 1]! });
        next += 2;
      } else if (next + 1 === ARG_REGS.length) {
        locs.push({ k: 'split', lo: ARG_REGS[next]!, off: stack });
        next++;
        stack += 4;
      } else {
        stack = (stack + 7) & ~7;
        locs.push({ k: 'stack', off: stack, size: 8 });
        stack += 8;
      }
    } else if (next < ARG_REGS.length) {
      locs.push({ k: 'reg', r: ARG_REGS[next++]! });
    } else {
      locs.push({ k: 'stack', off: stack, size: 4 });
      stack += 4;
    }
  }
  return { locs, stackBytes: (stack + 15) & ~15 };
}

/** Locations of results: a0 (a0:a1 for an i64); further results continue in a2... */
export function assignResults(tys: readonly Ty[]): Loc[] {
  const l = assignArgs(tys);
  if (l.stackBytes > 0) throw new Error(`internal: ${tys.length} results do not fit in a0-a7`);
  return l.locs;
}

/** Physical registers of a location (low word first). */
export function locRegs(l: Loc): number[] {
  return l.k === 'reg' ? [l.r] : l.k === 'pair' ? [l.lo, l.hi] : l.k === 'split' ? [l.lo] : [];
}
