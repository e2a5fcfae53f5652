// The RV32IMAC + Zicsr + Zifencei instruction table: the single source of truth
// for the encoder (encode.ts). Every instruction is its fixed bits (`match`:
// opcode, funct fields, hard-wired registers) plus a format that says where the
// variable fields go, plus an immediate layout. Nothing else knows bit positions.
//
// Base (32-bit) formats, bit 31 on the left:
//
//   R    | funct7 31:25 | rs2 24:20 | rs1 19:15 | funct3 14:12 | rd 11:7        | opcode 6:0 |
//   I    | imm[11:0] 31:20          | rs1       | funct3       | rd             | opcode     |
//   S    | imm[11:5]    | rs2       | rs1       | funct3       | imm[4:0] 11:7  | opcode     |
//   B    | imm[12|10:5] | rs2       | rs1       | funct3       | imm[4:1|11]    | opcode     |
//   U    | imm[31:12] 31:12                                    | rd             | opcode     |
//   J    | imm[20|10:1|11|19:12] 31:12                         | rd             | opcode     |
//   CSR  | csr 31:20                | rs1/uimm5 | funct3       | rd             | 1110011    |
//   FENCE| fm 31:28 | pred 27:24 | succ 23:20 | rs1 | 000 | rd                 | 0001111    |
//   AMO  | funct5 31:27 | aq 26 | rl 25 | rs2 | rs1 | 010 | rd                 | 0101111    |
//
// Compressed (16-bit) formats; rd'/rs1'/rs2' are 3-bit fields naming x8..x15:
//
//   CR   | funct4 15:12 | rd/rs1 11:7         | rs2 6:2          | op 1:0 |
//   CI   | funct3 15:13 | imm 12 | rd/rs1 11:7 | imm 6:2          | op     |
//   CSS  | funct3       | imm 12:7             | rs2 6:2          | op     |
//   CIW  | funct3       | imm 12:5                       | rd' 4:2 | op     |
//   CL   | funct3       | imm 12:10 | rs1' 9:7 | imm 6:5 | rd' 4:2 | op     |
//   CS   | funct3       | imm 12:10 | rs1' 9:7 | imm 6:5 | rs2' 4:2| op     |
//   CA   | funct6 15:10           | rd'/rs1' 9:7 | funct2 6:5 | rs2' | op     |
//   CB   | funct3       | off 12:10 | rs1' 9:7 | off 6:2           | op     |
//   CJ   | funct3       | jump target 12:2                         | op     |
//
// Immediate layouts are written as [hi, lo, at]: value bits imm[hi:lo] go to
// instruction bits starting at `at` (Cranelift documents the same scrambles
// next to its riscv64 encoder; here the documentation *is* the data).
import type { Ext } from './profile.ts';

export type Fmt =
  | 'R' | 'I' | 'S' | 'B' | 'U' | 'J' | 'CSR' | 'CSRI' | 'FENCE' | 'AMO' | 'SYS'
  | 'CR' | 'CI' | 'CSS' | 'CIW' | 'CL' | 'CS' | 'CA' | 'CB' | 'CJ' | 'C0';

/** The variable fields an instruction can carry. Missing fields encode as 0. */
export interface Fields {
  rd?: number;
  rs1?: number;
  rs2?: number;
  /** The immediate as the assembler writes it (byte offset, not scaled). */
  imm?: number;
  csr?: number;
  pred?: number;
  succ?: number;
  aq?: number;
  rl?: number;
}

export type FieldName = keyof Fields;

export interface FieldPos {
  readonly field: Exclude<FieldName, 'imm'>;
  readonly at: number;
  readonly width: number;
  /** A 3-bit compressed register field: holds reg - 8, reg must be x8..x15. */
  readonly creg?: boolean;
}

const rd: FieldPos = { field: 'rd', at: 7, width: 5 };
const rs1: FieldPos = { field: 'rs1', at: 15, width: 5 };
const rs2: FieldPos = { field: 'rs2', at: 20, width: 5 };

/** Where each format keeps its register (and other non-immediate) fields. */
export const FORMAT_FIELDS: Readonly<Record<Fmt, readonly FieldPos[]>> = {
  R: [rd, rs1, rs2],
  I: [rd, rs1],
  S: [rs1, rs2],
  B: [rs1, rs2],
  U: [rd],
  J: [rd],
  CSR: [rd, rs1, { field: 'csr', at: 20, width: 12 }],
  CSRI: [rd, { field: 'csr', at: 20, width: 12 }],
  FENCE: [{ field: 'pred', at: 24, width: 4 }, { field: 'succ', at: 20, width: 4 }],
  AMO: [rd, rs1, rs2, { field: 'aq', at: 26, width: 1 }, { field: 'rl', at: 25, width: 1 }],
  SYS: [],
  CR: [{ field: 'rd', at: 7, width: 5 }, { field: 'rs2', at: 2, width: 5 }],
  CI: [{ field: 'rd', at: 7, width: 5 }],
  CSS: [{ field: 'rs2', at: 2, width: 5 }],
  CIW: [{ field: 'rd', at: 2, width: 3, creg: true }],
  CL: [{ field: 'rd', at: 2, width: 3, creg: true }, { field: 'rs1', at: 7, width: 3, creg: true }],
  CS: [{ field: 'rs2', at: 2, width: 3, creg: true }, { field: 'rs1', at: 7, width: 3, creg: true }],
  CA: [{ field: 'rd', at: 7, width: 3, creg: true }, { field: 'rs2', at: 2, width: 3, creg: true }],
  CB: [{ field: 'rs1', at: 7, width: 3, creg: true }],
  CJ: [],
  C0: [],
};

/** A checked immediate type: its legal values and where its bits go. */
export interface ImmSpec {
  readonly name: string;
  /** Legal value ranges, inclusive (most kinds have one). */
  readonly ranges: readonly (readonly [number, number])[];
  /** The value must be a multiple of this (1, 2, 4 or 16). */
  readonly align: number;
  readonly nonzero: boolean;
  readonly layout: readonly (readonly [hi: number, lo: number, at: number])[];
}

function imm(name: string, lo: number, hi: number, layout: ImmSpec['layout'], align = 1, nonzero = false): ImmSpec {
  return { name, ranges: [[lo, hi]], align, nonzero, layout };
}

export const IMM = {
  /** I-type: imm[11:0] at 31:20. */
  I12: imm('12-bit signed immediate', -2048, 2047, [[11, 0, 20]]),
  /** S-type: imm[11:5] at 31:25, imm[4:0] at 11:7. */
  S12: imm('12-bit signed offset', -2048, 2047, [[11, 5, 25], [4, 0, 7]]),
  /** B-type: imm[12] at 31, imm[10:5] at 30:25, imm[4:1] at 11:8, imm[11] at 7. */
  B13: imm('branch offset (±4 KiB)', -4096, 4094, [[12, 12, 31], [10, 5, 25], [4, 1, 8], [11, 11, 7]], 2),
  /** U-type: the 20-bit field value at 31:12 (lui/auipc operand, not shifted). */
  U20: imm('20-bit upper immediate', 0, 0xfffff, [[19, 0, 12]]),
  /** J-type: imm[20] at 31, imm[10:1] at 30:21, imm[11] at 20, imm[19:12] at 19:12. */
  J21: imm('jump offset (±1 MiB)', -1048576, 1048574, [[20, 20, 31], [10, 1, 21], [11, 11, 20], [19, 12, 12]], 2),
  /** Shift amount at 24:20 (RV32: 5 bits; bit 25 must stay 0). */
  SHAMT: imm('shift amount', 0, 31, [[4, 0, 20]]),
  /** CSR immediate forms: zero-extended uimm5 in the rs1 field 19:15. */
  UIMM5: imm('5-bit unsigned immediate', 0, 31, [[4, 0, 15]]),
  /** CI (c.addi, c.li) and CB (c.andi): imm[5] at 12, imm[4:0] at 6:2. */
  CI6: imm('6-bit signed immediate', -32, 31, [[5, 5, 12], [4, 0, 2]]),
  /** c.slli / c.srli / c.srai: shamt[5] at 12 (0 on RV32), shamt[4:0] at 6:2. */
  CSHAMT: imm('shift amount', 0, 31, [[5, 5, 12], [4, 0, 2]]),
  /** c.lui: the 20-bit lui field, a sign-extended 6-bit nonzero value: imm[17] at 12, imm[16:12] at 6:2. */
  CLUI: { name: 'c.lui immediate (1..31 or 0xfffe0..0xfffff)', ranges: [[1, 31], [0xfffe0, 0xfffff]], align: 1, nonzero: true, layout: [[5, 5, 12], [4, 0, 2]] } as ImmSpec,
  /** c.addi16sp: nzimm[9] at 12, nzimm[4|6|8:7|5] at 6:2. */
  C16SP: imm('c.addi16sp immediate', -512, 496, [[9, 9, 12], [4, 4, 6], [6, 6, 5], [8, 7, 3], [5, 5, 2]], 16, true),
  /** c.addi4spn: nzuimm[5:4|9:6|2|3] at 12:5. */
  C4SPN: imm('c.addi4spn immediate', 4, 1020, [[5, 4, 11], [9, 6, 7], [2, 2, 6], [3, 3, 5]], 4, true),
  /** c.lwsp: uimm[5] at 12, uimm[4:2|7:6] at 6:2. */
  CLWSP: imm('c.lwsp offset', 0, 252, [[5, 5, 12], [4, 2, 4], [7, 6, 2]], 4),
  /** c.swsp: uimm[5:2|7:6] at 12:7. */
  CSWSP: imm('c.swsp offset', 0, 252, [[5, 2, 9], [7, 6, 7]], 4),
  /** c.lw / c.sw: uimm[5:3] at 12:10, uimm[2|6] at 6:5. */
  CLW: imm('c.lw/c.sw offset', 0, 124, [[5, 3, 10], [2, 2, 6], [6, 6, 5]], 4),
  /** c.beqz / c.bnez: off[8|4:3] at 12:10, off[7:6|2:1|5] at 6:2. */
  CB9: imm('compressed branch offset (±256 B)', -256, 254, [[8, 8, 12], [4, 3, 10], [7, 6, 5], [2, 1, 3], [5, 5, 2]], 2),
  /** c.j / c.jal: off[11|4|9:8|10|6|7|3:1|5] at 12:2. */
  CJ12: imm('compressed jump offset (±2 KiB)', -2048, 2046,
    [[11, 11, 12], [4, 4, 11], [9, 8, 9], [10, 10, 8], [6, 6, 7], [7, 7, 6], [3, 1, 3], [5, 5, 2]], 2),
} as const satisfies Record<string, ImmSpec>;

export type ImmKind = keyof typeof IMM;

export interface OpDef {
  readonly name: string;
  readonly fmt: Fmt;
  /** Fixed bits: opcode, funct fields, hard-wired register fields. */
  readonly match: number;
  readonly imm?: ImmKind;
  readonly ext: Ext;
  /** 2 for compressed encodings, else 4. */
  readonly size: 2 | 4;
}

const OPS = new Map<string, OpDef>();

function def(name: string, fmt: Fmt, match: number, ext: Ext, immKind?: ImmKind): void {
  const size = fmt.startsWith('C') && fmt !== 'CSR' && fmt !== 'CSRI' ? 2 : 4;
  OPS.set(name, { name, fmt, match: match >>> 0, ext, size, ...(immKind ? { imm: immKind } : {}) });
}

const f3 = (v: number) => v << 12;
const f7 = (v: number) => v << 25;

// --- RV32I ---------------------------------------------------------------
def('lui', 'U', 0x37, 'i', 'U20');
def('auipc', 'U', 0x17, 'i', 'U20');
def('jal', 'J', 0x6f, 'i', 'J21');
def('jalr', 'I', 0x67, 'i', 'I12');
for (const [n, f] of [['beq', 0], ['bne', 1], ['blt', 4], ['bge', 5], ['bltu', 6], ['bgeu', 7]] as const) def(n, 'B', 0x63 | f3(f), 'i', 'B13');
for (const [n, f] of [['lb', 0], ['lh', 1], ['lw', 2], ['lbu', 4], ['lhu', 5]] as const) def(n, 'I', 0x03 | f3(f), 'i', 'I12');
for (const [n, f] of [['sb', 0], ['sh', 1], ['sw', 2]] as const) def(n, 'S', 0x23 | f3(f), 'i', 'S12');
for (const [n, f] of [['addi', 0], ['slti', 2], ['sltiu', 3], ['xori', 4], ['ori', 6], ['andi', 7]] as const) def(n, 'I', 0x13 | f3(f), 'i', 'I12');
def('slli', 'I', 0x13 | f3(1), 'i', 'SHAMT');
def('srli', 'I', 0x13 | f3(5), 'i', 'SHAMT');
def('srai', 'I', 0x13 | f3(5) | f7(0x20), 'i', 'SHAMT');
for (const [n, f, g] of [
  ['add', 0, 0], ['sub', 0, 0x20], ['sll', 1, 0], ['slt', 2, 0], ['sltu', 3, 0],
  ['xor', 4, 0], ['srl', 5, 0], ['sra', 5, 0x20], ['or', 6, 0], ['and', 7, 0],
] as const) def(n, 'R', 0x33 | f3(f) | f7(g), 'i');
def('fence', 'FENCE', 0x0f, 'i');
def('fence.tso', 'SYS', 0x8330000f, 'i'); // fm=1000, pred=succ=rw
def('ecall', 'SYS', 0x00000073, 'i');
def('ebreak', 'SYS', 0x00100073, 'i');
// Privileged instructions (machine mode firmware needs mret and wfi).
def('mret', 'SYS', 0x30200073, 'i');
def('sret', 'SYS', 0x10200073, 'i');
def('wfi', 'SYS', 0x10500073, 'i');

// --- Zifencei, Zicsr -----------------------------------------------------
def('fence.i', 'SYS', 0x0000100f, 'zifencei');
for (const [n, f] of [['csrrw', 1], ['csrrs', 2], ['csrrc', 3]] as const) def(n, 'CSR', 0x73 | f3(f), 'zicsr');
for (const [n, f] of [['csrrwi', 5], ['csrrsi', 6], ['csrrci', 7]] as const) def(n, 'CSRI', 0x73 | f3(f), 'zicsr', 'UIMM5');

// --- M -------------------------------------------------------------------
for (const [n, f] of [['mul', 0], ['mulh', 1], ['mulhsu', 2], ['mulhu', 3], ['div', 4], ['divu', 5], ['rem', 6], ['remu', 7]] as const) {
  def(n, 'R', 0x33 | f3(f) | f7(1), 'm');
}

// --- A (word-sized only on RV32); aq/rl are fields, set by the mnemonic suffix.
for (const [n, f5] of [
  ['lr.w', 0b00010], ['sc.w', 0b00011], ['amoswap.w', 0b00001], ['amoadd.w', 0b00000],
  ['amoxor.w', 0b00100], ['amoand.w', 0b01100], ['amoor.w', 0b01000], ['amomin.w', 0b10000],
  ['amomax.w', 0b10100], ['amominu.w', 0b11000], ['amomaxu.w', 0b11100],
] as const) def(n, 'AMO', (f5 << 27) | f3(2) | 0x2f, 'a');

// --- C (RV32C) -----------------------------------------------------------
def('c.unimp', 'C0', 0x0000, 'c');
def('c.addi4spn', 'CIW', 0x0000, 'c', 'C4SPN');
def('c.lw', 'CL', 0x4000, 'c', 'CLW');
def('c.sw', 'CS', 0xc000, 'c', 'CLW');
def('c.nop', 'CI', 0x0001, 'c', 'CI6'); // c.addi with rd=x0
def('c.addi', 'CI', 0x0001, 'c', 'CI6');
def('c.jal', 'CJ', 0x2001, 'c', 'CJ12');
def('c.li', 'CI', 0x4001, 'c', 'CI6');
def('c.addi16sp', 'CI', 0x6101, 'c', 'C16SP'); // rd=x2 is part of the opcode
def('c.lui', 'CI', 0x6001, 'c', 'CLUI');
def('c.srli', 'CB', 0x8001, 'c', 'CSHAMT');
def('c.srai', 'CB', 0x8401, 'c', 'CSHAMT');
def('c.andi', 'CB', 0x8801, 'c', 'CI6');
def('c.sub', 'CA', 0x8c01, 'c');
def('c.xor', 'CA', 0x8c21, 'c');
def('c.or', 'CA', 0x8c41, 'c');
def('c.and', 'CA', 0x8c61, 'c');
def('c.j', 'CJ', 0xa001, 'c', 'CJ12');
def('c.beqz', 'CB', 0xc001, 'c', 'CB9');
def('c.bnez', 'CB', 0xe001, 'c', 'CB9');
def('c.slli', 'CI', 0x0002, 'c', 'CSHAMT');
def('c.lwsp', 'CI', 0x4002, 'c', 'CLWSP');
def('c.jr', 'CR', 0x8002, 'c'); // rs2 = 0
def('c.mv', 'CR', 0x8002, 'c'); // rs2 != 0
def('c.ebreak', 'C0', 0x9002, 'c');
def('c.jalr', 'CR', 0x9002, 'c'); // rs2 = 0
def('c.add', 'CR', 0x9002, 'c'); // rs2 != 0
def('c.swsp', 'CSS', 0xc002, 'c', 'CSWSP');

/** Looks up an instruction by its canonical name (e.g. `addi`, `c.addi`, `amoadd.w`). */
export function opDef(name: string): OpDef {
  const d = OPS.get(name);
  if (!d) throw new Error(`internal: no RV32 instruction named ${name}`);
  return d;
}

export function allOps(): OpDef[] {
  return [...OPS.values()];
}
