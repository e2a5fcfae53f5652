// ELF32 constants (System V gABI) and the relocation numbers of both targets'
// psABIs. Names follow the specifications so they can be grepped in
// /usr/include/elf.h, the "ELF for the Arm Architecture" document (AAELF32) and
// the RISC-V ELF psABI. Values only; how a relocation is applied lives in
// arch-arm.ts / arch-riscv.ts.

export const EHDR_SIZE = 52;
export const PHDR_SIZE = 32;
export const SHDR_SIZE = 40;
export const SYM_SIZE = 16;
export const REL_SIZE = 8;
export const RELA_SIZE = 12;

export const ELFCLASS32 = 1;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_NONE = 0;

export const ET_REL = 1;
export const ET_EXEC = 2;

export const EM_ARM = 40;
export const EM_RISCV = 243;

// e_flags
export const EF_ARM_EABI_VER5 = 0x05000000;
export const EF_ARM_ABI_FLOAT_SOFT = 0x200;
export const EF_ARM_ABI_FLOAT_HARD = 0x400;
export const EF_RISCV_RVC = 0x1;
export const EF_RISCV_FLOAT_ABI_SOFT = 0x0;
export const EF_RISCV_FLOAT_ABI_SINGLE = 0x2;
export const EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_INFO_LINK = 0x40;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;

export const STV_DEFAULT = 0;

export const PT_LOAD = 1;
export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;

/** AAELF32 relocation codes the Orizon linker and object writer understand. */
export const ARM_RELOCS = {
  R_ARM_NONE: 0,
  R_ARM_ABS32: 2,
  R_ARM_REL32: 3,
  R_ARM_ABS16: 5,
  R_ARM_ABS8: 8,
  R_ARM_THM_CALL: 10,
  R_ARM_THM_PC8: 11,
  R_ARM_THM_JUMP24: 30,
  R_ARM_TARGET1: 38,
  R_ARM_V4BX: 40,
  R_ARM_PREL31: 42,
  R_ARM_THM_MOVW_ABS_NC: 47,
  R_ARM_THM_MOVT_ABS: 48,
  R_ARM_THM_MOVW_PREL_NC: 49,
  R_ARM_THM_MOVT_PREL: 50,
  R_ARM_THM_JUMP19: 51,
  R_ARM_THM_ALU_PREL_11_0: 53,
  R_ARM_THM_PC12: 54,
  R_ARM_THM_JUMP11: 102,
  R_ARM_THM_JUMP8: 103,
} as const;

/** RISC-V psABI relocation codes the Orizon linker and object writer understand. */
export const RISCV_RELOCS = {
  R_RISCV_NONE: 0,
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
  R_RISCV_ADD8: 33,
  R_RISCV_ADD16: 34,
  R_RISCV_ADD32: 35,
  R_RISCV_SUB8: 37,
  R_RISCV_SUB16: 38,
  R_RISCV_SUB32: 39,
  R_RISCV_ALIGN: 43,
  R_RISCV_RVC_BRANCH: 44,
  R_RISCV_RVC_JUMP: 45,
  R_RISCV_RELAX: 51,
  R_RISCV_SUB6: 52,
  R_RISCV_SET6: 53,
  R_RISCV_SET8: 54,
  R_RISCV_SET16: 55,
  R_RISCV_SET32: 56,
  R_RISCV_32_PCREL: 57,
} as const;

export type ArmRelocType = keyof typeof ARM_RELOCS;
export type RiscvRelocType = keyof typeof RISCV_RELOCS;
export type RelocType = ArmRelocType | RiscvRelocType;
