// RISC-V ELF relocation types the assembler emits (psABI numbering). The ELF
// writer (sdk/src/link/) maps `type` to `RELOC_NUMBER[type]`.

export const RELOC_NUMBER = {
  R_RISCV_32: 1,
  R_RISCV_BRANCH: 16,
  R_RISCV_JAL: 17,
  R_RISCV_CALL: 18,
  R_RISCV_CALL_PLT: 19,
  R_RISCV_PCREL_HI20: 23,
  R_RISCV_PCREL_LO12_I: 24,
  R_RISCV_PCREL_LO12_S: 25,
  R_RISCV_HI20: 26,
  R_RISCV_LO12_I: 27,
  R_RISCV_LO12_S: 28,
  R_RISCV_RVC_BRANCH: 44,
  R_RISCV_RVC_JUMP: 45,
} as const;

export type RelocType = keyof typeof RELOC_NUMBER;

/** A relocation against `symbol + addend` at byte `offset` of its section. */
export interface AsmReloc {
  offset: number;
  type: RelocType;
  symbol: string;
  addend: number;
}
