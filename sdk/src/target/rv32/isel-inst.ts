// RV32 machine instructions: the payload of the shared MachInst (codegen/mach.ts).
//
// Instruction selection writes each MachInst as one assembly instruction (or
// pseudo-instruction: `li`, `mv`, `neg`, `seqz`...) whose register operands name
// a slot of the MachInst's `defs`/`uses` (`{ d: 0 }`, `{ u: 1 }`) or a fixed
// physical register (`{ p: 2 }`). The register allocator rewrites defs/uses in
// place and the emitter (emit.ts) reads the physical registers through the
// slots, so payloads never change after selection.
//
// Invariants the selectors keep:
//   - one MachInst reads all of its uses before it writes any def (true of
//     every single RISC-V instruction), so the allocator may give a def the
//     register of a use that dies there;
//   - the only multi-instruction payloads are expanded by the emitter with the
//     reserved scratch register t6 (large frame offsets), `la` (which writes its
//     def only) and `asm` (whose operands the allocator keeps apart, see isel-asm.ts);
//   - control flow leaves a MachBlock only through its last instructions:
//     at most one `br` followed by a `jump`, or a `ret`/`trap`/no-return call.
import type { SourceLoc, Ty } from '../../ir/ir.ts';

/** A register operand: defs[d], uses[u], or physical register p. */
export type RR = { readonly d: number } | { readonly u: number } | { readonly p: number };

/**
 * Stack areas, from sp upwards: outgoing arguments, IR stack slots, spill slots,
 * saved registers; `in` is the caller's outgoing area (our incoming arguments).
 * Offsets are resolved by frame.ts once the allocator has finished.
 */
export type Area = 'out' | 'slot' | 'spill' | 'in';

export type Opnd =
  | RR
  /** An immediate, printed in decimal. */
  | { readonly imm: number }
  /** Verbatim expression text: `%hi(sym+4)`, a symbol, a CSR name. */
  | { readonly text: string }
  /** `off(base)`; `off` may be a `%lo(...)` expression. */
  | { readonly mem: RR; readonly off: number | string }
  /** `off(sp)` inside a frame area. */
  | { readonly area: Area; readonly off: number };

export type BranchMn = 'beq' | 'bne' | 'blt' | 'bge' | 'bltu' | 'bgeu';

export const INVERT: Readonly<Record<BranchMn, BranchMn>> = {
  beq: 'bne', bne: 'beq', blt: 'bge', bge: 'blt', bltu: 'bgeu', bgeu: 'bltu',
};

export type Payload = { loc?: SourceLoc } & (
  /** One instruction: `mn ops...`. */
  | { readonly k: 'op'; readonly mn: string; readonly ops: readonly Opnd[] }
  /** `mv d0, u0` (also the allocator's moves); `li d0, 0` when u0 is x0. */
  | { readonly k: 'move' }
  /** `d0 = sp + offset of (area, off)`. */
  | { readonly k: 'spaddr'; readonly area: Area; readonly off: number }
  /** `lui d0, %hi(sym); addi d0, d0, %lo(sym)`. */
  | { readonly k: 'la'; readonly sym: string }
  /** Defines the argument registers at function entry (no code). */
  | { readonly k: 'entry' }
  /** `mn u0, u1, then` (or `mn u0, zero`); `else` is where control goes otherwise. */
  | { readonly k: 'br'; readonly mn: BranchMn; readonly then: number; readonly else: number }
  | { readonly k: 'jump'; readonly to: number }
  /** Epilogue and return; uses are the result registers. */
  | { readonly k: 'ret' }
  /**
   * `call sym` (auipc+jalr, R_RISCV_CALL_PLT), or `jal sym` (R_RISCV_JAL, ±1 MiB)
   * when `near`; uses are argument registers, defs result registers.
   */
  | { readonly k: 'call'; readonly sym: string; readonly noReturn: boolean; readonly near: boolean }
  /** `jalr u0`; further uses are argument registers. */
  | { readonly k: 'calli' }
  /** Inline assembly: `{N}` placeholders name register operand `regs[N]`. */
  | { readonly k: 'asm'; readonly text: string; readonly regs: readonly RR[] }
  /** `unimp`, for `unreachable`. */
  | { readonly k: 'trap' }
  /** No code: keeps its uses alive up to here (asm outputs that must not share an input's register). */
  | { readonly k: 'keep' }
);

// Operand constructors, so selectors read like assembly.
export const D0: RR = { d: 0 }, D1: RR = { d: 1 };
export const U0: RR = { u: 0 }, U1: RR = { u: 1 }, U2: RR = { u: 2 };
export const imm = (v: number): Opnd => ({ imm: v });
export const text = (t: string): Opnd => ({ text: t });
export const mem = (base: RR, off: number | string = 0): Opnd => ({ mem: base, off });
export const sp = (area: Area, off: number): Opnd => ({ area, off });

// Small facts shared by the selectors.

/** What is known about the bits above a narrow value's width. */
export const EXT_Z = 1, EXT_S = 2;

export const fitsImm12 = (c: number): boolean => c >= -2048 && c <= 2047;

/** Signed 32-bit view of a constant of type `ty` (narrow types sign-extended from their width). */
export function signedConst(ty: Ty, imm: bigint): number {
  if (ty === 'i8') return Number(BigInt.asIntN(8, imm));
  if (ty === 'i16') return Number(BigInt.asIntN(16, imm));
  return Number(BigInt.asIntN(32, imm));
}

/** Zero-extended 32-bit view of a constant (narrow types truncated to their width). */
export function unsignedConst(ty: Ty, imm: bigint): number {
  if (ty === 'i8') return Number(BigInt.asUintN(8, imm));
  if (ty === 'i16') return Number(BigInt.asUintN(16, imm));
  return Number(BigInt.asUintN(32, imm));
}

/** `sym`, `sym+4`, `sym-4`. */
export function symExpr(sym: string, off: number): string {
  return off === 0 ? sym : off > 0 ? `${sym}+${off}` : `${sym}${off}`;
}

