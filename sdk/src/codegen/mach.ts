// Machine-level functions shared by every target: instruction selection produces
// MachFunctions whose instructions name virtual registers; the register
// allocator (regalloc.ts) rewrites them to physical registers and spill slots.
// The allocator only sees what it needs: which registers an instruction reads,
// writes and clobbers, and whether it is a plain register move. Everything else
// is the target's payload, opaque here.
//
// Register numbering: 0..PHYS_LIMIT-1 are physical registers (the target
// decides which number is which); PHYS_LIMIT and above are virtual registers.

export const PHYS_LIMIT = 64;

export type Reg = number;

export const isVirtual = (r: Reg): boolean => r >= PHYS_LIMIT;

export interface MachInst<P = unknown> {
  /** Registers written. Physical registers here pin the value (e.g. call results). */
  defs: Reg[];
  /** Registers read. */
  uses: Reg[];
  /** Physical registers destroyed (calls: the caller-saved set). */
  clobbers?: readonly Reg[];
  /** `defs[0] = uses[0]`: a copy the allocator may coalesce or drop. */
  isMove?: boolean;
  /** Target data: opcode, immediates, labels... */
  payload: P;
}

export interface MachBlock<P = unknown> {
  id: number;
  insts: MachInst<P>[];
  /** Successor block ids (for liveness). */
  succs: number[];
  /** Innermost loop depth, used to weigh spill costs. */
  loopDepth: number;
}

export interface MachFunction<P = unknown> {
  name: string;
  blocks: MachBlock<P>[];
  /** Next unused virtual register number. */
  nextVreg: number;
  /** Spill slots created by the allocator (4 bytes each on 32-bit targets). */
  spillSlots: number;
}

export function newVreg(f: MachFunction): Reg {
  return f.nextVreg++;
}

/** What the allocator needs to know about a target. */
export interface RegTarget<P = unknown> {
  /** Allocatable registers, in order of preference (caller-saved first for short ranges). */
  allocatable: readonly Reg[];
  /** Registers a callee must preserve; the frame saves those the allocator uses. */
  calleeSaved: ReadonlySet<Reg>;
  /** Instruction loading spill slot `slot` into register `r` (virtual before allocation ends). */
  reload(r: Reg, slot: number): MachInst<P>;
  /** Instruction storing register `r` into spill slot `slot`. */
  spill(r: Reg, slot: number): MachInst<P>;
  /** Register-to-register move. */
  move(dst: Reg, src: Reg): MachInst<P>;
  regName(r: Reg): string;
}
