// Thumb machine instructions: the payload of the shared MachInst (codegen/mach.ts).
//
// Instruction selection writes instructions as *templates*: a mnemonic and
// operands whose registers name a slot of the MachInst's `defs`/`uses` arrays
// (`{ d: 0 }`, `{ u: 1 }`) or a fixed physical register (`{ p: 13 }`). The
// register allocator rewrites defs/uses in place, and the emitter (emit.ts)
// reads the physical registers through the slots, so templates never change.
//
// Invariants the selectors keep (the allocator gives a def the register of a
// use that dies in the same instruction):
//   - a multi-instruction template reads every use before it writes any def,
//     or its paths are exclusive (IT/branch diamonds writing one def each);
//   - condition flags set by one MachInst may be read by a later one: nothing
//     the allocator or the emitter inserts in between (moves, spill loads and
//     stores, fix-ups of two-address forms) changes the flags.
import type { SourceLoc } from '../../ir/ir.ts';
import type { ShiftType } from './operands.ts';

/** A register operand: defs[d], uses[u], or physical register p. */
export type RR = { readonly d: number } | { readonly u: number } | { readonly p: number };

/** Stack areas, from sp upwards: outgoing arguments, IR stack slots, spill
 *  slots, saved registers, then the caller's outgoing arguments (incoming). */
export type Area = 'out' | 'slot' | 'spill' | 'in';

export type TOp =
  | { readonly k: 'r'; readonly r: RR; readonly sh?: ShiftType; readonly amt?: number }
  | { readonly k: 'i'; readonly v: number }
  /** `[base, #off]`, or `[base, idx, lsl #lsl]` when idx is set. */
  | { readonly k: 'm'; readonly base: RR; readonly off: number; readonly idx?: RR; readonly lsl?: number }
  /** `[sp, #offset of (area, off)]`, resolved once the frame is laid out. */
  | { readonly k: 'sp'; readonly area: Area; readonly off: number }
  /** A label local to this MachInst (`1:` style), or a block's label. */
  | { readonly k: 'l'; readonly name: string }
  | { readonly k: 'b'; readonly block: number }
  /** A symbol: a call target, or a condition/IT name. */
  | { readonly k: 's'; readonly name: string }
  /** `=sym+v` or `=v` (literal pool). */
  | { readonly k: 'lit'; readonly sym?: string; readonly v: number }
  /** `#:lower16:sym+v` / `#:upper16:sym+v`. */
  | { readonly k: 'h'; readonly sym: string; readonly v: number; readonly half: 'lower16' | 'upper16' }
  | { readonly k: 'list'; readonly regs: readonly RR[] };

export interface TInst {
  readonly mn: string;
  readonly ops: readonly TOp[];
}

/**
 * Two-address forms of ARMv6-M (`ands rdn, rm`): the template is written in
 * three-operand form `op d0, u0, u1` and the emitter makes d0 = u0 with moves.
 * `comm`: commutative (d0 = u1 may swap); `nc`: not; `mul`: `muls rdm, rn, rdm`.
 */
export type Tie = 'comm' | 'nc' | 'mul';

/** ARM condition names. */
export type Cond = 'eq' | 'ne' | 'hs' | 'lo' | 'mi' | 'pl' | 'vs' | 'vc' | 'hi' | 'ls' | 'ge' | 'lt' | 'gt' | 'le';

export const INVERT: Readonly<Record<Cond, Cond>> = {
  eq: 'ne', ne: 'eq', hs: 'lo', lo: 'hs', mi: 'pl', pl: 'mi', vs: 'vc', vc: 'vs', hi: 'ls', ls: 'hi', ge: 'lt', lt: 'ge', gt: 'le', le: 'gt',
};

export type Payload = { loc?: SourceLoc } & (
  /** Instructions; `tie` applies to the first one (ARMv6-M only). */
  | { k: 'ops'; insts: readonly TInst[]; tie?: Tie }
  /** `mov d0, u0` (the allocator's moves and copies). */
  | { k: 'move' }
  /** `ldr d0, [sp, #area+off]` / `str u0, [sp, #area+off]`, any offset. */
  | { k: 'ldsp'; area: Area; off: number }
  | { k: 'stsp'; area: Area; off: number }
  /** `d0 = sp + (area+off)`, any offset. */
  | { k: 'spaddr'; area: Area; off: number }
  /** Defines the argument registers at function entry (no code). */
  | { k: 'entry' }
  | { k: 'jump'; block: number }
  | { k: 'bcc'; cond: Cond; block: number }
  /** `tbb`/`tbh [pc, u0]` over a table of the blocks (Thumb-2 jump tables). */
  | { k: 'table'; blocks: readonly number[] }
  /** Epilogue and return; uses are the result registers. */
  | { k: 'ret' }
  | { k: 'call'; sym: string }
  /** `blx u0`. */
  | { k: 'calli' }
  /** Inline assembly: text with `{N}` placeholders bound to `regs[N]` (an RR). */
  | { k: 'asm'; text: string; regs: readonly RR[] }
  /** Trap (`udf`), for `unreachable`. */
  | { k: 'trap' }
);

// Operand constructors, so selectors read like assembly.
export const D0: RR = { d: 0 }, D1: RR = { d: 1 }, D2: RR = { d: 2 };
export const U0: RR = { u: 0 }, U1: RR = { u: 1 }, U2: RR = { u: 2 }, U3: RR = { u: 3 };
export const r = (x: RR, sh?: ShiftType, amt?: number): TOp => (sh ? { k: 'r', r: x, sh, amt } : { k: 'r', r: x });
export const i = (v: number): TOp => ({ k: 'i', v });
export const m = (base: RR, off = 0): TOp => ({ k: 'm', base, off });
export const mx = (base: RR, idx: RR, lsl = 0): TOp => ({ k: 'm', base, off: 0, idx, lsl });
export const l = (name: string): TOp => ({ k: 'l', name });
export const s = (name: string): TOp => ({ k: 's', name });
export const t = (mn: string, ...ops: TOp[]): TInst => ({ mn, ops });
