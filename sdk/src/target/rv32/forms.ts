// The assembler's syntax table: every mnemonic GNU as accepts for RV32IMAC +
// Zicsr + Zifencei, each with its operand forms in GNU as's order
// (binutils opcodes/riscv-opc.c). Order matters: the first form whose operands
// match wins, and compressed forms come first, which is exactly how GNU as
// compresses eligible instructions by default. Transcribing the order (rather
// than deriving "is this compressible?" from semantics) is what makes the
// bytes identical: e.g. `addi a0,zero,0` becomes c.li but `mv a0,zero` stays
// 4 bytes, and `addi a0,a0,0xffffffff` is not compressed while `addi a0,a0,-1` is.
//
// Operand patterns (comma-separated; roles name fields of the *target* op):
//   rd rs1 rs2       any integer register into that field
//   rd' rs1' rs2'    same, but must be x8..x15 (compressed 3-bit field)
//   =rd =rs1         must be the register already given for that field
//   sp zero          must be exactly that register
//   K(reg)           memory operand: immediate kind K, base register role
//   immediate kinds: see IMM_KINDS in match.ts (i12, o12, s12, u20, shamt, csr,
//   uimm5, pred, succ, target, call, li, la, sym, zimm, and the c.* kinds),
//   each noted there with the GNU as operand letter it transcribes.
// Guards are GNU's match functions (e.g. rd must not be x0 for c.addi). GNU as
// 2.40 never runs them for macros, so macro forms (`@...`) carry none: it
// accepts `la zero, sym` and so do we.
import type { Ext } from './profile.ts';
import type { Fields } from './table.ts';

export type Guard =
  | 'rd!=0' // match_rd_nonzero
  | 'rs1!=0' // match_rs1_nonzero
  | 'c_add' // rd != 0 && rs2 != 0
  | 'rs2!=0' // match_c_add_with_hint
  | 'rd==0' // match_c_nop
  | 'c_lui' // rd not x0/x2 (imm nonzero is checked by the kind)
  | 'rd!=2' // match_c_lui_with_hint
  | 'c_slli' // rd != 0 && shamt != 0
  | 'imm!=0'; // match_c_slli / match_srxi_as_c_srxi

export interface Form {
  readonly mn: string;
  readonly ext: Ext;
  readonly args: string;
  /** Target instruction in table.ts, or a macro (`@li`, `@la`, `@call`, ...). */
  readonly op: string;
  readonly set?: Fields;
  readonly guard?: Guard;
}

const FORMS: Form[] = [];

function f(mn: string, ext: Ext, args: string, op: string, set?: Fields, guard?: Guard): void {
  FORMS.push({ mn, ext, args, op, ...(set ? { set } : {}), ...(guard ? { guard } : {}) });
}
/** Shorthand for a compressed alias with a guard and no fixed fields. */
function c(mn: string, args: string, op: string, guard?: Guard, set?: Fields): void {
  f(mn, 'c', args, op, set, guard);
}

// --- Basic RVI instructions and aliases (riscv-opc.c order) ----------------
c('unimp', '', 'c.unimp');
f('unimp', 'i', '', 'csrrw', { csr: 0xc00 }); // csrw cycle, x0
c('ebreak', '', 'c.ebreak');
f('ebreak', 'i', '', 'ebreak');
c('sbreak', '', 'c.ebreak');
f('sbreak', 'i', '', 'ebreak');
c('ret', '', 'c.jr', undefined, { rd: 1 });
f('ret', 'i', '', 'jalr', { rs1: 1 });
c('jr', 'rd', 'c.jr', 'rd!=0');
f('jr', 'i', 'rs1', 'jalr');
f('jr', 'i', 'o12(rs1)', 'jalr');
f('jr', 'i', 'rs1, i12', 'jalr');
c('jalr', 'rd', 'c.jalr', 'rd!=0');
f('jalr', 'i', 'rs1', 'jalr', { rd: 1 });
f('jalr', 'i', 'o12(rs1)', 'jalr', { rd: 1 });
f('jalr', 'i', 'rs1, i12', 'jalr', { rd: 1 });
f('jalr', 'i', 'rd, rs1', 'jalr');
f('jalr', 'i', 'rd, o12(rs1)', 'jalr');
f('jalr', 'i', 'rd, rs1, i12', 'jalr');
c('j', 'target', 'c.j');
f('j', 'i', 'target', 'jal');
// GNU as 2.40 has no compressed form for `jal label` (only `c.jal` explicitly).
f('jal', 'i', 'target', 'jal', { rd: 1 });
f('jal', 'i', 'rd, target', 'jal');
f('call', 'i', 'rd, call', '@call', { rs1: 6 }); // temp register t1
f('call', 'i', 'call', '@call', { rd: 1, rs1: 1 });
f('tail', 'i', 'call', '@call', { rs1: 6 });
f('jump', 'i', 'call, rs1', '@call');
c('nop', '', 'c.nop');
f('nop', 'i', '', 'addi');
c('lui', 'rd, c.lui', 'c.lui', 'c_lui');
f('lui', 'i', 'rd, u20', 'lui');
c('li', 'rd, c.li_lui', 'c.lui', 'c_lui');
c('li', 'rd, c.imm6', 'c.li', 'rd!=0');
f('li', 'i', 'rd, i12', 'addi');
f('li', 'i', 'rd, li', '@li');
c('mv', 'rd, rs2', 'c.mv', 'c_add');
f('mv', 'i', 'rd, rs1', 'addi');
c('move', 'rd, rs2', 'c.mv', 'c_add');
f('move', 'i', 'rd, rs1', 'addi');
f('zext.b', 'i', 'rd, rs1', 'andi', { imm: 255 });
c('andi', "rs1', =rs1, c.imm6", 'c.andi');
f('andi', 'i', 'rd, rs1, i12', 'andi');
c('and', "rd', =rd, rs2'", 'c.and');
c('and', "rd', rs2', =rd", 'c.and');
c('and', "rs1', =rs1, c.imm6", 'c.andi');
f('and', 'i', 'rd, rs1, rs2', 'and');
f('and', 'i', 'rd, rs1, i12', 'andi');
c('beqz', "rs1', target", 'c.beqz');
f('beqz', 'i', 'rs1, target', 'beq');
c('beq', "rs1', zero, target", 'c.beqz');
f('beq', 'i', 'rs1, rs2, target', 'beq');
f('blez', 'i', 'rs2, target', 'bge');
f('bgez', 'i', 'rs1, target', 'bge');
f('bge', 'i', 'rs1, rs2, target', 'bge');
f('bgeu', 'i', 'rs1, rs2, target', 'bgeu');
f('ble', 'i', 'rs2, rs1, target', 'bge');
f('bleu', 'i', 'rs2, rs1, target', 'bgeu');
f('bltz', 'i', 'rs1, target', 'blt');
f('bgtz', 'i', 'rs2, target', 'blt');
f('blt', 'i', 'rs1, rs2, target', 'blt');
f('bltu', 'i', 'rs1, rs2, target', 'bltu');
f('bgt', 'i', 'rs2, rs1, target', 'blt');
f('bgtu', 'i', 'rs2, rs1, target', 'bltu');
c('bnez', "rs1', target", 'c.bnez');
f('bnez', 'i', 'rs1, target', 'bne');
c('bne', "rs1', zero, target", 'c.bnez');
f('bne', 'i', 'rs1, rs2, target', 'bne');
c('addi', "rd', sp, c.addi4spn", 'c.addi4spn');
c('addi', 'rd, =rd, c.nzimm6', 'c.addi', 'rd!=0');
c('addi', 'rd, =rd, zimm', 'c.nop', 'rd==0');
c('addi', 'sp, sp, c.addi16sp', 'c.addi16sp');
c('addi', 'rd, zero, c.imm6', 'c.li', 'rd!=0');
c('addi', 'rd, rs2, zimm', 'c.mv', 'c_add');
f('addi', 'i', 'rd, rs1, i12', 'addi');
c('add', 'rd, =rd, rs2', 'c.add', 'c_add');
c('add', 'rd, rs2, =rd', 'c.add', 'c_add');
c('add', 'rd, =rd, c.imm6', 'c.addi', 'rd!=0');
c('add', "rd', sp, c.addi4spn", 'c.addi4spn');
c('add', 'sp, sp, c.addi16sp', 'c.addi16sp');
c('add', 'rd, zero, rs2', 'c.mv', 'c_add');
f('add', 'i', 'rd, rs1, rs2', 'add');
f('add', 'i', 'rd, rs1, i12', 'addi');
f('la', 'i', 'rd, la', '@la');
f('lla', 'i', 'rd, la', '@la');
f('neg', 'i', 'rd, rs2', 'sub');
c('slli', 'rd, =rd, c.shamt', 'c.slli', 'c_slli');
f('slli', 'i', 'rd, rs1, shamt', 'slli');
c('sll', 'rd, =rd, c.shamt', 'c.slli', 'c_slli');
f('sll', 'i', 'rd, rs1, rs2', 'sll');
f('sll', 'i', 'rd, rs1, shamt', 'slli');
c('srli', "rs1', =rs1, c.shamt", 'c.srli', 'imm!=0');
f('srli', 'i', 'rd, rs1, shamt', 'srli');
c('srl', "rs1', =rs1, c.shamt", 'c.srli', 'imm!=0');
f('srl', 'i', 'rd, rs1, rs2', 'srl');
f('srl', 'i', 'rd, rs1, shamt', 'srli');
c('srai', "rs1', =rs1, c.shamt", 'c.srai', 'imm!=0');
f('srai', 'i', 'rd, rs1, shamt', 'srai');
c('sra', "rs1', =rs1, c.shamt", 'c.srai', 'imm!=0');
f('sra', 'i', 'rd, rs1, rs2', 'sra');
f('sra', 'i', 'rd, rs1, shamt', 'srai');
c('sub', "rd', =rd, rs2'", 'c.sub');
f('sub', 'i', 'rd, rs1, rs2', 'sub');
for (const ld of ['lb', 'lbu', 'lh', 'lhu']) {
  f(ld, 'i', 'rd, o12(rs1)', ld);
  f(ld, 'i', 'rd, sym', '@lx');
}
c('lw', 'rd, c.lwsp(sp)', 'c.lwsp', 'rd!=0');
c('lw', "rd', c.lw(rs1')", 'c.lw');
f('lw', 'i', 'rd, o12(rs1)', 'lw');
f('lw', 'i', 'rd, sym', '@lx');
f('not', 'i', 'rd, rs1', 'xori', { imm: -1 });
f('ori', 'i', 'rd, rs1, i12', 'ori');
f('or', 'i', 'rd, rs1, i12', 'ori');
c('or', "rd', =rd, rs2'", 'c.or');
c('or', "rd', rs2', =rd", 'c.or');
f('or', 'i', 'rd, rs1, rs2', 'or');
f('auipc', 'i', 'rd, u20', 'auipc');
f('seqz', 'i', 'rd, rs1', 'sltiu', { imm: 1 });
f('snez', 'i', 'rd, rs2', 'sltu');
f('sltz', 'i', 'rd, rs1', 'slt');
f('sgtz', 'i', 'rd, rs2', 'slt');
f('slti', 'i', 'rd, rs1, i12', 'slti');
f('slt', 'i', 'rd, rs1, rs2', 'slt');
f('slt', 'i', 'rd, rs1, i12', 'slti');
f('sltiu', 'i', 'rd, rs1, i12', 'sltiu');
f('sltu', 'i', 'rd, rs1, rs2', 'sltu');
f('sltu', 'i', 'rd, rs1, i12', 'sltiu');
f('sgt', 'i', 'rd, rs2, rs1', 'slt');
f('sgtu', 'i', 'rd, rs2, rs1', 'sltu');
for (const st of ['sb', 'sh']) {
  f(st, 'i', 'rs2, s12(rs1)', st);
  f(st, 'i', 'rs2, sym, rs1', '@sx');
}
c('sw', 'rs2, c.swsp(sp)', 'c.swsp');
c('sw', "rs2', c.lw(rs1')", 'c.sw');
f('sw', 'i', 'rs2, s12(rs1)', 'sw');
f('sw', 'i', 'rs2, sym, rs1', '@sx');
f('fence', 'i', '', 'fence', { pred: 15, succ: 15 });
f('fence', 'i', 'pred, succ', 'fence');
f('fence.i', 'zifencei', '', 'fence.i');
f('fence.tso', 'i', '', 'fence.tso');
f('rdcycle', 'i', 'rd', 'csrrs', { csr: 0xc00 });
f('rdinstret', 'i', 'rd', 'csrrs', { csr: 0xc02 });
f('rdtime', 'i', 'rd', 'csrrs', { csr: 0xc01 });
f('rdcycleh', 'i', 'rd', 'csrrs', { csr: 0xc80 });
f('rdinstreth', 'i', 'rd', 'csrrs', { csr: 0xc82 });
f('rdtimeh', 'i', 'rd', 'csrrs', { csr: 0xc81 });
f('ecall', 'i', '', 'ecall');
f('scall', 'i', '', 'ecall');
f('xori', 'i', 'rd, rs1, i12', 'xori');
f('xor', 'i', 'rd, rs1, i12', 'xori');
c('xor', "rd', =rd, rs2'", 'c.xor');
c('xor', "rd', rs2', =rd", 'c.xor');
f('xor', 'i', 'rd, rs1, rs2', 'xor');
// Sign/zero extension macros (two shifts, each compressible).
f('sext.b', 'i', 'rd, rs1', '@sext', { imm: 24 });
f('sext.h', 'i', 'rd, rs1', '@sext', { imm: 16 });
f('zext.h', 'i', 'rd, rs1', '@zext', { imm: 16 });

// --- M -------------------------------------------------------------------
for (const m of ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu']) f(m, 'm', 'rd, rs1, rs2', m);

// --- A: each op with the .aq / .rl / .aqrl ordering suffixes ---------------
const ORDER: ReadonlyArray<readonly [string, Fields]> = [['', {}], ['.aq', { aq: 1 }], ['.rl', { rl: 1 }], ['.aqrl', { aq: 1, rl: 1 }]];
for (const [sfx, set] of ORDER) {
  f(`lr.w${sfx}`, 'a', 'rd, 0(rs1)', 'lr.w', set);
  f(`sc.w${sfx}`, 'a', 'rd, rs2, 0(rs1)', 'sc.w', set);
  for (const amo of ['amoadd', 'amoswap', 'amoand', 'amoor', 'amoxor', 'amomax', 'amomaxu', 'amomin', 'amominu']) {
    f(`${amo}.w${sfx}`, 'a', 'rd, rs2, 0(rs1)', `${amo}.w`, set);
  }
}

// --- Explicit compressed mnemonics -----------------------------------------
c('c.unimp', '', 'c.unimp');
c('c.ebreak', '', 'c.ebreak');
c('c.jr', 'rd', 'c.jr', 'rd!=0');
c('c.jalr', 'rd', 'c.jalr', 'rd!=0');
c('c.j', 'target', 'c.j');
c('c.jal', 'target', 'c.jal');
c('c.beqz', "rs1', target", 'c.beqz');
c('c.bnez', "rs1', target", 'c.bnez');
c('c.lwsp', 'rd, c.lwsp(sp)', 'c.lwsp', 'rd!=0');
c('c.lw', "rd', c.lw(rs1')", 'c.lw');
c('c.swsp', 'rs2, c.swsp(sp)', 'c.swsp');
c('c.sw', "rs2', c.lw(rs1')", 'c.sw');
c('c.nop', '', 'c.nop');
c('c.nop', 'c.nzimm6', 'c.nop');
c('c.mv', 'rd, rs2', 'c.mv', 'rs2!=0');
c('c.lui', 'rd, c.lui', 'c.lui', 'rd!=2');
c('c.li', 'rd, c.imm6', 'c.li');
c('c.addi4spn', "rd', sp, c.addi4spn", 'c.addi4spn');
c('c.addi16sp', 'sp, c.addi16sp', 'c.addi16sp');
c('c.addi', 'rd, c.imm6', 'c.addi');
c('c.add', 'rd, rs2', 'c.add', 'rs2!=0');
for (const ca of ['c.sub', 'c.and', 'c.or', 'c.xor']) c(ca, "rd', rs2'", ca);
c('c.slli', 'rd, c.shamt', 'c.slli', 'imm!=0');
c('c.srli', "rs1', c.shamt", 'c.srli', 'imm!=0');
c('c.srai', "rs1', c.shamt", 'c.srai', 'imm!=0');
c('c.andi', "rs1', c.imm6", 'c.andi');

// --- Zicsr: CSR access and its aliases ---------------------------------------
f('csrr', 'zicsr', 'rd, csr', 'csrrs');
f('csrwi', 'zicsr', 'csr, uimm5', 'csrrwi');
f('csrsi', 'zicsr', 'csr, uimm5', 'csrrsi');
f('csrci', 'zicsr', 'csr, uimm5', 'csrrci');
f('csrw', 'zicsr', 'csr, rs1', 'csrrw');
f('csrw', 'zicsr', 'csr, uimm5', 'csrrwi');
f('csrs', 'zicsr', 'csr, rs1', 'csrrs');
f('csrs', 'zicsr', 'csr, uimm5', 'csrrsi');
f('csrc', 'zicsr', 'csr, rs1', 'csrrc');
f('csrc', 'zicsr', 'csr, uimm5', 'csrrci');
f('csrrwi', 'zicsr', 'rd, csr, uimm5', 'csrrwi');
f('csrrsi', 'zicsr', 'rd, csr, uimm5', 'csrrsi');
f('csrrci', 'zicsr', 'rd, csr, uimm5', 'csrrci');
f('csrrw', 'zicsr', 'rd, csr, rs1', 'csrrw');
f('csrrw', 'zicsr', 'rd, csr, uimm5', 'csrrwi');
f('csrrs', 'zicsr', 'rd, csr, rs1', 'csrrs');
f('csrrs', 'zicsr', 'rd, csr, uimm5', 'csrrsi');
f('csrrc', 'zicsr', 'rd, csr, rs1', 'csrrc');
f('csrrc', 'zicsr', 'rd, csr, uimm5', 'csrrci');

// --- Privileged ---------------------------------------------------------------
f('mret', 'i', '', 'mret');
f('sret', 'i', '', 'sret');
f('wfi', 'i', '', 'wfi');

const BY_MN: ReadonlyMap<string, readonly Form[]> = (() => {
  const m = new Map<string, Form[]>();
  for (const form of FORMS) {
    const list = m.get(form.mn) ?? [];
    list.push(form);
    m.set(form.mn, list);
  }
  return m;
})();

/** The forms of a mnemonic in match order (empty when unknown). */
export function formsOf(mn: string): readonly Form[] {
  return BY_MN.get(mn) ?? [];
}

export function allMnemonics(): string[] {
  return [...BY_MN.keys()];
}
