// Instruction formats: the bit layouts of Thumb encodings.
//
// Each function builds one layout from already-checked fields (see imm.ts) and
// documents it next to the code, as in the ARMv7-M/ARMv6-M manuals (bit 15 on
// the left; a 32-bit encoding is written hw1 | hw2 and returned as
// `hw1 << 16 | hw2`, so the first halfword in memory is the high half).
// Register arguments are 0..15 and validated by the table's operand matcher.
import type { ModImm, SField, UField } from './imm.ts';

const w32 = (hw1: number, hw2: number): number => ((hw1 << 16) | hw2) >>> 0;

// ---------------------------------------------------------------- 16-bit

/** Shift (immediate): `000 op:2 imm5 Rm:3 Rd:3`  op: 00 LSL, 01 LSR, 10 ASR. */
export const t16ShiftImm = (op: number, imm5: UField<5>, rm: number, rd: number): number =>
  (op << 11) | (imm5 << 6) | (rm << 3) | rd;

/** Add/subtract register or imm3: `000 11 I op Rm/imm3 Rn Rd`  (I=1 immediate, op=1 subtract). */
export const t16AddSub3 = (imm: boolean, sub: boolean, x: number | UField<3>, rn: number, rd: number): number =>
  0x1800 | (+imm << 10) | (+sub << 9) | (x << 6) | (rn << 3) | rd;

/** MOV/CMP/ADD/SUB imm8: `001 op:2 Rdn:3 imm8`  op: 00 MOV, 01 CMP, 10 ADD, 11 SUB. */
export const t16Imm8 = (op: number, rdn: number, imm8: UField<8>): number => 0x2000 | (op << 11) | (rdn << 8) | imm8;

/** Data processing (register): `010000 op:4 Rm:3 Rdn:3` (AND EOR LSL LSR ASR ADC SBC ROR TST RSB CMP CMN ORR MUL BIC MVN). */
export const t16Alu = (op: number, rm: number, rdn: number): number => 0x4000 | (op << 6) | (rm << 3) | rdn;

/** Special data (high registers): `010001 op:2 DN Rm:4 Rdn:3`  op: 00 ADD, 01 CMP, 10 MOV. */
export const t16HiReg = (op: number, rdn: number, rm: number): number =>
  0x4400 | (op << 8) | ((rdn & 8) << 4) | (rm << 3) | (rdn & 7);

/** BX/BLX register: `010001 11 L Rm:4 000`. */
export const t16Bx = (link: boolean, rm: number): number => 0x4700 | (+link << 7) | (rm << 3);

/** LDR (literal): `01001 Rt:3 imm8` (offset imm8*4 from Align(PC,4)). */
export const t16LdrLit = (rt: number, imm8: UField<8>): number => 0x4800 | (rt << 8) | imm8;

/** Load/store (register offset): `0101 op:3 Rm Rn Rt`  op: STR STRH STRB LDRSB LDR LDRH LDRB LDRSH. */
export const t16LdStReg = (op: number, rm: number, rn: number, rt: number): number =>
  0x5000 | (op << 9) | (rm << 6) | (rn << 3) | rt;

/** Load/store (imm5): `opA:4 L imm5 Rn Rt`  opA: 0110 word, 0111 byte, 1000 halfword (imm5 pre-scaled). */
export const t16LdStImm = (opA: number, load: boolean, imm5: UField<5>, rn: number, rt: number): number =>
  (opA << 12) | (+load << 11) | (imm5 << 6) | (rn << 3) | rt;

/** Load/store SP-relative: `1001 L Rt:3 imm8` (imm8*4). */
export const t16LdStSp = (load: boolean, rt: number, imm8: UField<8>): number => 0x9000 | (+load << 11) | (rt << 8) | imm8;

/** ADR / ADD Rd, SP, #imm: `1010 SP Rd:3 imm8` (imm8*4). */
export const t16AddPcSp = (sp: boolean, rd: number, imm8: UField<8>): number => 0xa000 | (+sp << 11) | (rd << 8) | imm8;

/** ADD/SUB SP, SP, #imm: `1011 0000 S imm7` (imm7*4). */
export const t16SpAdj = (sub: boolean, imm7: UField<7>): number => 0xb000 | (+sub << 7) | imm7;

/** CBZ/CBNZ: `1011 op 0 i 1 imm5 Rn:3` (offset i:imm5:0, forward only). */
export const t16Cbz = (nonzero: boolean, off: UField<6>, rn: number): number =>
  0xb100 | (+nonzero << 11) | ((off >> 5) << 9) | ((off & 31) << 3) | rn;

/** Extend: `1011 0010 op:2 Rm Rd`  op: 00 SXTH, 01 SXTB, 10 UXTH, 11 UXTB. */
export const t16Extend = (op: number, rm: number, rd: number): number => 0xb200 | (op << 6) | (rm << 3) | rd;

/** PUSH/POP: `1011 L 10 R list8`  R is LR (push) or PC (pop). */
export const t16PushPop = (pop: boolean, extra: boolean, list8: number): number =>
  0xb400 | (+pop << 11) | (+extra << 8) | list8;

/** CPS: `1011 0110 011 im 0 0 I F`  im=1 disables (CPSID). */
export const t16Cps = (disable: boolean, i: boolean, f: boolean): number => 0xb660 | (+disable << 4) | (+i << 1) | +f;

/** Reverse bytes: `1011 1010 op:2 Rm Rd`  op: 00 REV, 01 REV16, 11 REVSH. */
export const t16Rev = (op: number, rm: number, rd: number): number => 0xba00 | (op << 6) | (rm << 3) | rd;

/** BKPT: `1011 1110 imm8`. */
export const t16Bkpt = (imm8: UField<8>): number => 0xbe00 | imm8;

/** IT: `1011 1111 firstcond:4 mask:4` (mask != 0). Hints are mask 0: `1011 1111 op:4 0000`. */
export const t16It = (firstcond: number, mask: number): number => 0xbf00 | (firstcond << 4) | mask;

/** LDM/STM: `1100 L Rn:3 list8` (increment after, writeback unless Rn is loaded). */
export const t16LdmStm = (load: boolean, rn: number, list8: number): number => 0xc000 | (+load << 11) | (rn << 8) | list8;

/** B<c> / UDF / SVC: `1101 cond:4 imm8`  cond 1110 is UDF, 1111 is SVC. */
export const t16CondImm8 = (cond: number, imm8: UField<8> | SField<8>): number => 0xd000 | (cond << 8) | (imm8 & 0xff);

/** B: `11100 imm11` (offset imm11:0). */
export const t16B = (imm11: SField<11>): number => 0xe000 | (imm11 & 0x7ff);

// ---------------------------------------------------------------- 32-bit

/** Data processing (modified immediate):
 *  `11110 i 0 op:4 S Rn | 0 imm3 Rd imm8`
 *  op: AND 0000 BIC 0001 ORR 0010 ORN 0011 EOR 0100 ADD 1000 ADC 1010 SBC 1011 SUB 1101 RSB 1110
 *  (TST/TEQ/CMN/CMP are AND/EOR/ADD/SUB with Rd=1111, MOV/MVN are ORR/ORN with Rn=1111). */
export const t32DpMod = (op: number, s: boolean, rn: number, rd: number, imm: ModImm): number =>
  w32(0xf000 | ((imm >> 11) << 10) | (op << 5) | (+s << 4) | rn, (((imm >> 8) & 7) << 12) | (rd << 8) | (imm & 0xff));

/** Data processing (plain binary immediate), 12- or 16-bit value:
 *  `11110 i 1 op:5 Rn | 0 imm3 Rd imm8`   ADDW 00000, SUBW 01010 (Rn, imm12)
 *  `11110 i 1 op:5 imm4 | 0 imm3 Rd imm8` MOVW 00100, MOVT 01100 (imm16 = imm4:i:imm3:imm8). */
export const t32PlainImm12 = (op: number, rn: number, rd: number, imm12: UField<12>): number =>
  w32(0xf200 | ((imm12 >> 11) << 10) | (op << 4) | rn, (((imm12 >> 8) & 7) << 12) | (rd << 8) | (imm12 & 0xff));
export const t32MovImm16 = (top: boolean, rd: number, imm16: UField<16>): number =>
  t32PlainImm12(top ? 0b01100 : 0b00100, imm16 >> 12, rd, (imm16 & 0xfff) as UField<12>);

/** Bit field / saturate (plain binary immediate with op:5 = SSAT 100s0 SBFX 10100 BFI 10110 USAT 110s0 UBFX 11100):
 *  `11110 0 1 op:5 Rn | 0 imm3 Rd imm2 0 x:5`
 *  `imm3:imm2` is the shift amount (s=1: ASR) or lsb; x is the saturate bit, width-1 or msb. BFC is BFI with Rn=1111. */
export const t32BitField = (op5: number, rn: number, rd: number, pos: UField<5>, x: UField<5>): number =>
  w32(0xf200 | (op5 << 4) | rn, ((pos >> 2) << 12) | (rd << 8) | ((pos & 3) << 6) | x);

/** Data processing (shifted register):
 *  `11101 01 op:4 S Rn | 0 imm3 Rd imm2 type:2 Rm` (same op numbers as the modified immediate form;
 *  MOV with a shift is the LSL/LSR/ASR/ROR/RRX immediate form). */
export const t32DpReg = (op: number, s: boolean, rn: number, rd: number, rm: number, type: number, amount: UField<5>): number =>
  w32(0xea00 | (op << 5) | (+s << 4) | rn, ((amount >> 2) << 12) | (rd << 8) | ((amount & 3) << 6) | (type << 4) | rm);

/** Shift by register: `11111010 0 type:2 S Rn | 1111 Rd 0000 Rm`. */
export const t32ShiftReg = (type: number, s: boolean, rn: number, rd: number, rm: number): number =>
  w32(0xfa00 | (type << 5) | (+s << 4) | rn, 0xf000 | (rd << 8) | rm);

/** Extend (and add): `11111010 0 op:3 Rn | 1111 Rd 1 0 rot:2 Rm`
 *  op: SXTAH 000 UXTAH 001 SXTAB16 010 UXTAB16 011 SXTAB 100 UXTAB 101 (Rn=1111: SXTH UXTH SXTB16 UXTB16 SXTB UXTB). */
export const t32Extend = (op: number, rn: number, rd: number, rot: UField<2>, rm: number): number =>
  w32(0xfa00 | (op << 4) | rn, 0xf080 | (rd << 8) | (rot << 4) | rm);

/** Parallel add/subtract: `11111010 1 op1:3 Rn | 1111 Rd 0 U op2:2 Rm`
 *  op1: ADD8 000 ADD16 001 ASX 010 SUB8 100 SUB16 101 SAX 110; op2: 00 plain, 01 saturating, 10 halving. */
export const t32Parallel = (op1: number, unsigned: boolean, op2: number, rn: number, rd: number, rm: number): number =>
  w32(0xfa80 | (op1 << 4) | rn, 0xf000 | (rd << 8) | (+unsigned << 6) | (op2 << 4) | rm);

/** Miscellaneous: `11111010 10 op1:2 Rn | 1111 Rd 10 op2:2 Rm`
 *  op1 00: QADD QDADD QSUB QDSUB; 01: REV REV16 RBIT REVSH (Rn=Rm); 10: SEL; 11: CLZ (Rn=Rm). */
export const t32Misc = (op1: number, op2: number, rn: number, rd: number, rm: number): number =>
  w32(0xfa80 | (op1 << 4) | rn, 0xf080 | (rd << 8) | (op2 << 4) | rm);

/** Multiply, multiply-accumulate, absolute difference: `11111011 0 op1:3 Rn | Ra Rd 00 op2:2 Rm`
 *  MUL/MLA 000/00 (MUL: Ra=1111) MLS 000/01, SMLA<x><y> 001/NM, SMLAD 010/0M, SMLAW<y> 011/0M,
 *  SMLSD 100/0M, SMMLA 101/0R, SMMLS 110/0R, USADA8 111/00 (Ra=1111: the non-accumulating forms). */
export const t32Mul = (op1: number, op2: number, rn: number, ra: number, rd: number, rm: number): number =>
  w32(0xfb00 | (op1 << 4) | rn, (ra << 12) | (rd << 8) | (op2 << 4) | rm);

/** Long multiply and divide: `11111011 1 op1:3 Rn | RdLo RdHi op2:4 Rm`
 *  SMULL 000/0000 SDIV 001/1111 UMULL 010/0000 UDIV 011/1111 SMLAL 100/0000 SMLAL<x><y> 100/10NM
 *  SMLALD 100/110M SMLSLD 101/110M UMLAL 110/0000 UMAAL 110/0110 (divide: RdLo=1111, RdHi=Rd). */
export const t32LongMul = (op1: number, op2: number, rn: number, rdlo: number, rdhi: number, rm: number): number =>
  w32(0xfb80 | (op1 << 4) | rn, (rdlo << 12) | (rdhi << 8) | (op2 << 4) | rm);

/** Load/store single, 12-bit offset: `11111 00 S 1 size:2 L Rn | Rt imm12`  (S = sign-extending load). */
export const t32LdStImm12 = (op: LdStOp, rn: number, rt: number, imm12: UField<12>): number =>
  w32(0xf880 | op.hi | rn, (rt << 12) | imm12);

/** Load/store single, 8-bit offset, indexed: `11111 00 S 0 size:2 L Rn | Rt 1 P U W imm8`. */
export const t32LdStImm8 = (op: LdStOp, rn: number, rt: number, p: boolean, u: boolean, wb: boolean, imm8: UField<8>): number =>
  w32(0xf800 | op.hi | rn, (rt << 12) | 0x800 | (+p << 10) | (+u << 9) | (+wb << 8) | imm8);

/** Load/store single, register offset: `11111 00 S 0 size:2 L Rn | Rt 0 00000 imm2 Rm`. */
export const t32LdStReg = (op: LdStOp, rn: number, rt: number, rm: number, shift: UField<2>): number =>
  w32(0xf800 | op.hi | rn, (rt << 12) | (shift << 4) | rm);

/** Load literal: `11111 00 S U size:2 1 1111 | Rt imm12`  (U=1 adds the offset to Align(PC,4)). */
export const t32LdLit = (op: LdStOp, up: boolean, rt: number, imm12: UField<12>): number =>
  w32(0xf80f | op.hi | (+up << 7), (rt << 12) | imm12);

/** `S:size:L` of the single load/store encodings, pre-shifted into hw1. */
export interface LdStOp { readonly hi: number }
export const LDST = {
  strb: { hi: 0x000 }, ldrb: { hi: 0x010 }, strh: { hi: 0x020 }, ldrh: { hi: 0x030 },
  str: { hi: 0x040 }, ldr: { hi: 0x050 }, ldrsb: { hi: 0x110 }, ldrsh: { hi: 0x130 },
} as const satisfies Record<string, LdStOp>;

/** Load/store dual: `1110100 P U 1 W L Rn | Rt Rt2 imm8` (imm8*4). */
export const t32LdStDual = (load: boolean, p: boolean, u: boolean, wb: boolean, rn: number, rt: number, rt2: number, imm8: UField<8>): number =>
  w32(0xe840 | (+p << 8) | (+u << 7) | (+wb << 5) | (+load << 4) | rn, (rt << 12) | (rt2 << 8) | imm8);

/** LDREX/STREX: `11101000 010 L Rn | Rt Rd imm8` (imm8*4; LDREX has Rd=1111). */
export const t32Ex = (load: boolean, rn: number, rt: number, rd: number, imm8: UField<8>): number =>
  w32(0xe840 | (+load << 4) | rn, (rt << 12) | (rd << 8) | imm8);

/** LDREXB/H, STREXB/H, TBB/TBH: `11101000 110 L Rn | Rt Rt2 op:4 Rd`. */
export const t32ExTb = (load: boolean, rn: number, rt: number, rt2: number, op: number, rd: number): number =>
  w32(0xe8c0 | (+load << 4) | rn, (rt << 12) | (rt2 << 8) | (op << 4) | rd);

/** LDM/STM: `11101 00 op:2 0 W L Rn | P M 0 list13`  op: 01 increment after, 10 decrement before. */
export const t32LdmStm = (load: boolean, db: boolean, wb: boolean, rn: number, list: number): number =>
  w32(0xe800 | ((db ? 2 : 1) << 7) | (+wb << 5) | (+load << 4) | rn, list);

/** Branches: `11110 S cond:4 imm6 | 10 J1 0 J2 imm11` (B<c>.W, offset S:J2:J1:imm6:imm11:0)
 *  and `11110 S imm10 | 1 L J1 1 J2 imm11` (B.W L=0, BL L=1; J = NOT(I xor S), offset S:I1:I2:imm10:imm11:0). */
export const t32BCond = (cond: number, off: SField<20>): number => {
  const s = (off >> 19) & 1, j2 = (off >> 18) & 1, j1 = (off >> 17) & 1;
  return w32(0xf000 | (s << 10) | (cond << 6) | ((off >> 11) & 0x3f), 0x8000 | (j1 << 13) | (j2 << 11) | (off & 0x7ff));
};
export const t32B = (link: boolean, off: SField<24>): number => {
  const s = (off >> 23) & 1, i1 = (off >> 22) & 1, i2 = (off >> 21) & 1;
  const j1 = (~(i1 ^ s)) & 1, j2 = (~(i2 ^ s)) & 1;
  return w32(0xf000 | (s << 10) | ((off >> 11) & 0x3ff), 0x9000 | (+link << 14) | (j1 << 13) | (j2 << 11) | (off & 0x7ff));
};

/** MSR: `11110011 100 0 Rn | 10 0 0 mask:2 00 SYSm:8`;  MRS: `11110011 111 0 1111 | 10 0 0 Rd SYSm:8`. */
export const t32Msr = (rn: number, mask: number, sysm: number): number => w32(0xf380 | rn, 0x8000 | (mask << 10) | sysm);
export const t32Mrs = (rd: number, sysm: number): number => w32(0xf3ef, 0x8000 | (rd << 8) | sysm);

/** Hints (NOP.W, YIELD.W, WFE.W, WFI.W, SEV.W): `11110011 1010 1111 | 10 0 0 0 000 op:8`. */
export const t32Hint = (op: number): number => w32(0xf3af, 0x8000 | op);

/** Barriers and CLREX: `11110011 1011 1111 | 10 0 0 1111 op:4 option:4`  op: 0010 CLREX 0100 DSB 0101 DMB 0110 ISB. */
export const t32Barrier = (op: number, option: number): number => w32(0xf3bf, 0x8f00 | (op << 4) | option);

/** UDF.W: `11110111 1111 imm4 | 1010 imm12`. */
export const t32Udf = (imm16: UField<16>): number => w32(0xf7f0 | (imm16 >> 12), 0xa000 | (imm16 & 0xfff));

/** ADR.W: `11110 i 10 A 0 A 0 1111 | 0 imm3 Rd imm8`  (A=0: ADDW Rd, PC; A=1: SUBW Rd, PC). */
export const t32Adr = (sub: boolean, rd: number, imm12: UField<12>): number => t32PlainImm12(sub ? 0b01010 : 0, 15, rd, imm12);
