// The one interface behind which the two targets differ. The linker, the object
// writer and the DWARF builder only talk to an ArchBackend; nothing outside
// arch-*.ts tests which architecture it is handling.
import type { Arch, TargetFlags } from './object.ts';
import type { RelocType } from './elf-types.ts';
import { armArch } from './arch-arm.ts';
import { riscvArch } from './arch-riscv.ts';

/** Inputs of a relocation formula, named as in the psABIs. */
export interface RelocInput {
  /** Address of the target (for a Thumb function: the even address). */
  S: number;
  A: number;
  /** Address of the place being patched. */
  P: number;
  /** 1 when the target is a Thumb function (ARM), else 0. */
  T: 0 | 1;
  /** Value computed by the relocation at address `addr` (RISC-V %pcrel_lo finds its %pcrel_hi). */
  valueAt(addr: number): number | undefined;
}

/** How one relocation type is applied. */
export interface RelocHowTo {
  /** Bytes of the field, for bounds checks. */
  size: number;
  /** Markers that patch nothing (R_RISCV_RELAX, R_ARM_NONE, ...). */
  noop?: boolean;
  /** Applied after all others because it reads another site's value (`valueAt`). */
  paired?: boolean;
  /** The relocation's value, e.g. S + A - P. */
  compute(i: RelocInput): number;
  /** Writes `value` into the field, keeping the opcode bits; returns why it does not fit. */
  patch(bytes: Uint8Array, at: number, value: number): string | undefined;
  /** REL objects: writes the addend into the field (where a REL consumer will read it). */
  storeAddend?(bytes: Uint8Array, at: number, addend: number): string | undefined;
  /** What the code generator can do about an out-of-range value. */
  hint?: string;
}

export interface ArchBackend {
  readonly arch: Arch;
  /** e_machine. */
  readonly machine: number;
  /** REL (addends in place, ARM) or RELA (addends in the record, RISC-V). */
  readonly relocFormat: 'rel' | 'rela';
  /** ELF relocation number of every type this target supports. */
  readonly relocNumbers: Readonly<Record<string, number>>;
  readonly relocs: Readonly<Partial<Record<RelocType, RelocHowTo>>>;
  /** A 32-bit absolute address: data pointers and DWARF addresses. */
  readonly absReloc: RelocType;
  /** Relocations a REL/RELA object for GNU ld should leave out (see arch-riscv.ts on relaxation). */
  dropInObject(type: RelocType, opts: { keepRelax: boolean }): boolean;
  elfFlags(flags: TargetFlags): number;
  /** Name of the mapping symbol marking code or data. */
  mappingSymbol(kind: 'code' | 'data'): string;
  /** Symbol-table (and e_entry) value of a symbol at `addr`. */
  symbolValue(addr: number, thumb: boolean): number;
  /** Repeating pattern that pads gaps between functions (a no-op instruction). */
  codeFill(flags: TargetFlags): Uint8Array;
}

export function archBackend(arch: Arch): ArchBackend {
  switch (arch) {
    case 'arm': return armArch;
    case 'riscv32': return riscvArch;
  }
}
