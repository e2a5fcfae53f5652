// Generated assembly corpus for the GNU as comparison: every mnemonic form of
// RV32IMAC + Zicsr + Zifencei, with registers inside and outside the x8..x15
// compressed set, and immediates at the edges of each field and of each
// compressed field (e.g. addi -33/-32/31/32, c.lwsp 252/256). Lines that are
// out of range on purpose check that we reject exactly what GNU as rejects.
//
// Each line is independent (no labels), so a line's bytes can be located by
// assembling it alone. Branches and jumps need labels: see relax.test.ts.
import { csrNames } from '../../../sdk/src/target/rv32/regs.ts';

/** Registers for 3-operand forms: x0, ra, sp, three of x8..x15, three outside. */
const R9 = ['zero', 'ra', 'sp', 's0', 's1', 'a0', 'a5', 'a6', 't6'];
const R6 = ['zero', 'sp', 's0', 'a5', 'a6', 'x31'];
const ALL = Array.from({ length: 32 }, (_, i) => (i % 3 === 0 ? `x${i}` : ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'][i]!));
/** 12-bit immediates around the I-type and CI (6-bit) edges, plus RV32 wrap-arounds. */
const I12 = ['-2049', '-2048', '-2047', '-513', '-512', '-33', '-32', '-31', '-16', '-1', '0', '1', '4', '16', '31', '32', '33', '63', '255', '496', '512', '1020', '1024', '2047', '2048', '0xfff', '0xffffffff', '0xfffff800', '0x7ff', "'a'"];
const SHAMT = ['-1', '0', '1', '15', '31', '32'];
const U20 = ['-1', '0', '1', '31', '32', '0x7ffff', '0x80000', '0xfffdf', '0xfffe0', '0xfffff', '0x100000'];
const OFFSETS = ['-2049', '-2048', '-4', '-1', '0', '1', '2', '4', '60', '64', '124', '125', '128', '252', '254', '256', '1020', '2047', '2048'];
const BASES = ['sp', 's0', 'a5', 'a6', 'zero'];

function cross<T>(...lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]]);
}

/** A deterministic generator of 32-bit values for li. */
function* lcg(seed: number, n: number): Generator<number> {
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s;
  }
}

export function instructionCorpus(): string[] {
  const out: string[] = [];
  const add = (s: string) => out.push(s);

  // Register-register ALU (and their immediate aliases).
  for (const op of ['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and']) {
    for (const [d, a, b] of cross(R9, R9, R9)) add(`${op} ${d}, ${a}, ${b}`);
  }
  for (const op of ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu']) {
    for (const [d, a, b] of cross(R6, R6, R6)) add(`${op} ${d}, ${a}, ${b}`);
  }
  for (const op of ['add', 'and', 'or', 'xor', 'slt', 'sltu']) {
    for (const [d, a, i] of cross(R6, R6, ['-33', '-32', '0', '1', '31', '32', '2047', '2048'])) add(`${op} ${d}, ${a}, ${i}`);
  }
  for (const op of ['sll', 'srl', 'sra']) for (const [d, a, i] of cross(R6, R6, SHAMT)) add(`${op} ${d}, ${a}, ${i}`);

  // Register-immediate ALU: addi and andi have compressed forms, so they get the full grid.
  for (const op of ['addi', 'andi']) for (const [d, a, i] of cross(R9, R9, I12)) add(`${op} ${d}, ${a}, ${i}`);
  for (const op of ['slti', 'sltiu', 'xori', 'ori']) for (const [d, a, i] of cross(R6, R6, I12)) add(`${op} ${d}, ${a}, ${i}`);
  for (const op of ['slli', 'srli', 'srai']) for (const [d, a, i] of cross(R9, R9, SHAMT)) add(`${op} ${d}, ${a}, ${i}`);
  for (const op of ['lui', 'auipc']) for (const [d, i] of cross([...R9, 'gp', 'x31'], U20)) add(`${op} ${d}, ${i}`);

  // Loads and stores (lw/sw compress to c.lw/c.lwsp/c.sw/c.swsp).
  for (const op of ['lw', 'sw']) {
    for (const [r, b, o] of cross(R9, BASES, OFFSETS)) add(`${op} ${r}, ${o}(${b})`);
    for (const [r, b] of cross(R9, BASES)) add(`${op} ${r}, (${b})`);
  }
  for (const op of ['lb', 'lh', 'lbu', 'lhu', 'sb', 'sh']) {
    for (const [r, b, o] of cross(R6, ['sp', 'a0', 'a6'], ['-2049', '-2048', '-1', '0', '4', '2047', '2048'])) add(`${op} ${r}, ${o}(${b})`);
    add(`${op} a0, (a1)`);
  }

  // Jumps through registers, system, fences.
  for (const r of ALL) {
    add(`jr ${r}`);
    add(`jalr ${r}`);
    add(`jr 8(${r})`);
    add(`jalr 0(${r})`);
    add(`jalr t0, ${r}`);
    add(`jalr ${r}, a0, -4`);
    add(`jalr ${r}, 2047(a0)`);
    add(`jr ${r}, 4`);
  }
  for (const s of ['ret', 'nop', 'ecall', 'ebreak', 'scall', 'sbreak', 'fence', 'fence.i', 'fence.tso', 'mret', 'sret', 'wfi', 'unimp', 'c.unimp', 'c.ebreak', 'c.nop']) add(s);
  const sets = ['w', 'r', 'rw', 'o', 'ow', 'or', 'orw', 'i', 'iw', 'ir', 'irw', 'io', 'iow', 'ior', 'iorw'];
  for (const [p, s] of cross(sets, sets)) add(`fence ${p}, ${s}`);
  add('fence wr, rw');
  for (const rd of R9) for (const c of ['rdcycle', 'rdtime', 'rdinstret', 'rdcycleh', 'rdtimeh', 'rdinstreth']) add(`${c} ${rd}`);

  // Aliases.
  for (const [d, s] of cross(ALL, ['zero', 'ra', 'sp', 's0', 'a5', 'a6', 'x31'])) add(`mv ${d}, ${s}`);
  for (const op of ['not', 'neg', 'seqz', 'snez', 'sltz', 'sgtz', 'zext.b', 'sext.b', 'sext.h', 'zext.h', 'move']) {
    for (const [d, s] of cross(R9, R6)) add(`${op} ${d}, ${s}`);
  }
  const li = ['0', '1', '-1', '31', '32', '-32', '-33', '2047', '2048', '-2048', '-2049', '0x7ff', '0x800', '0xfff', '0x1000', '0x1f000', '0x20000',
    '-4096', '-0x20000', '-0x21000', '0xfffe0000', '0xfffff000', '0x12345678', '0x7fffffff', '0x80000000', '0xffffffff', '0x80000001',
    '0x7ffff800', '0x7ffff7ff', '0x800 + 1', '(1 << 20) - 1', '~0', '-0x80000000'];
  for (const v of lcg(42, 40)) li.push(`0x${v.toString(16)}`);
  for (const v of lcg(7, 10)) li.push(String((v & 0xff) << 12));
  for (const [d, v] of cross(['zero', 'ra', 'sp', 's0', 'a0', 'a6', 't6'], li)) add(`li ${d}, ${v}`);
  for (const [d, v] of cross(['a0', 'a6'], ['0', '0x1000', '0x12345678', '-2049'])) add(`la ${d}, ${v}`);

  // Atomics.
  const amos = ['amoadd', 'amoswap', 'amoand', 'amoor', 'amoxor', 'amomax', 'amomaxu', 'amomin', 'amominu'];
  for (const sfx of ['', '.aq', '.rl', '.aqrl']) {
    for (const [d, s] of cross(['zero', 'a0', 't6'], ['a1', 's1'])) {
      add(`lr.w${sfx} ${d}, (${s})`);
      add(`lr.w${sfx} ${d}, 0(${s})`);
      add(`sc.w${sfx} ${d}, t0, (${s})`);
      for (const amo of amos) add(`${amo}.w${sfx} ${d}, a2, (${s})`);
    }
    add(`amoadd.w${sfx} a0, a1, 4(a2)`);
  }

  // CSRs, by every name we know and by number.
  for (const name of csrNames()) add(`csrr a0, ${name}`);
  for (const csr of ['mstatus', 'mtvec', '0', '0x7c0', '0xfff', '0x1000', '-1']) {
    for (const op of ['csrw', 'csrs', 'csrc']) for (const v of ['a0', 'x0', '0', '31', '32']) add(`${op} ${csr}, ${v}`);
    for (const op of ['csrwi', 'csrsi', 'csrci']) for (const v of ['0', '5', '31', '32']) add(`${op} ${csr}, ${v}`);
    for (const op of ['csrrw', 'csrrs', 'csrrc']) for (const v of ['a1', '7']) add(`${op} t0, ${csr}, ${v}`);
    for (const op of ['csrrwi', 'csrrsi', 'csrrci']) add(`${op} zero, ${csr}, 17`);
  }

  // Explicit compressed instructions, in and out of their operand ranges.
  for (const r of R9) {
    add(`c.jr ${r}`);
    add(`c.jalr ${r}`);
    add(`c.mv ${r}, a1`);
    add(`c.mv a1, ${r}`);
    add(`c.add ${r}, a2`);
    add(`c.add a2, ${r}`);
    for (const i of ['-33', '-32', '-1', '0', '1', '31', '32']) {
      add(`c.li ${r}, ${i}`);
      add(`c.addi ${r}, ${i}`);
      add(`c.andi ${r}, ${i}`);
    }
    for (const i of ['0', '1', '31', '32', '0xfffe0', '0xfffdf', '0xfffff']) add(`c.lui ${r}, ${i}`);
    for (const i of ['0', '1', '31', '32']) {
      add(`c.slli ${r}, ${i}`);
      add(`c.srli ${r}, ${i}`);
      add(`c.srai ${r}, ${i}`);
    }
    for (const o of ['0', '3', '4', '124', '128', '252', '256']) {
      add(`c.lwsp ${r}, ${o}(sp)`);
      add(`c.swsp ${r}, ${o}(sp)`);
      add(`c.lw ${r}, ${o}(a0)`);
      add(`c.sw ${r}, ${o}(s1)`);
      add(`c.lw a0, ${o}(${r})`);
    }
    for (const op of ['c.sub', 'c.and', 'c.or', 'c.xor']) {
      add(`${op} ${r}, a1`);
      add(`${op} a1, ${r}`);
    }
    for (const i of ['0', '4', '8', '1020', '1024', '6']) add(`c.addi4spn ${r}, sp, ${i}`);
  }
  for (const i of ['0', '-16', '-512', '-528', '496', '512', '24']) add(`c.addi16sp sp, ${i}`);
  for (const i of ['1', '-32', '31', '32']) add(`c.nop ${i}`);
  // Mnemonics are case-insensitive in GNU as; register names are not.
  for (const s of ['ADDI a0, a0, 1', 'Addi a0, a0, 1', 'addi A0, a0, 1', 'C.NOP', 'LI a0, 5', 'addi x32, a0, 1', 'addi a0, fp, 1']) add(s);
  return out;
}

/** Lines that reference symbols: every relocation-producing form. */
export function relocCorpus(): string[] {
  const out: string[] = [];
  for (const sym of ['ext', 'ext+8', 'ext-4', 'loc', 'loc+12']) {
    out.push(`lui a0, %hi(${sym})`, `addi a0, a0, %lo(${sym})`, `lw a1, %lo(${sym})(a0)`, `sw a1, %lo(${sym})(a0)`);
    out.push(`lb s0, %lo(${sym})(a5)`, `sh s0, %lo(${sym})(sp)`, `jalr ra, %lo(${sym})(t0)`);
    out.push(`auipc t0, %pcrel_hi(${sym})`, `la a0, ${sym}`, `lla t2, ${sym}`, `call ${sym}`, `tail ${sym}`, `call t0, ${sym}`, `jump ${sym}, t3`);
    out.push(`lw a2, ${sym}`, `lbu a3, ${sym}`, `sw a2, ${sym}, t1`, `sb a3, ${sym}, a4`);
    out.push(`j ${sym}`, `jal ${sym}`, `jal t1, ${sym}`, `beq a0, a1, ${sym}`, `beqz a0, ${sym}`, `bnez a6, ${sym}`, `bltu t0, t1, ${sym}`, `bgt a0, a1, ${sym}`, `c.j ${sym}`, `c.jal ${sym}`, `c.beqz s0, ${sym}`);
    out.push(`call ${sym}@plt`);
  }
  // GNU as runs no operand checks on macros, so these odd ones are accepted too.
  out.push('la zero, ext', 'lw zero, ext', 'sw a0, ext, zero', 'jump ext, zero');
  out.push('lui a0, %hi(0x12345fff)', 'addi a0, a0, %lo(0x12345fff)', 'lw a0, %lo(0x800)(a0)');
  // A %pcrel_lo that names the label on its auipc.
  out.push('1: auipc a0, %pcrel_hi(ext)', 'addi a0, a0, %pcrel_lo(1b)', '2: auipc a1, %pcrel_hi(loc+4)', 'sw a0, %pcrel_lo(2b)(a1)');
  return out;
}
