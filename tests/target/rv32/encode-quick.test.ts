// Quick encoder table: (asm text, bytes) pairs for a fast run without GNU as.
// The bytes are GNU as 2.40 output (-march=rv32imac_zicsr_zifencei -mno-relax):
// the first column with RVC enabled, the optional second under `.option norvc`
// ('' = rejected there). Re-bless from GNU as with
//   ORIZON_BLESS=1 node --import tsx --test tests/target/rv32/encode-quick.test.ts
// which prints a fresh table to paste here (review the diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, AssemblyError, sectionBytes } from '../../../sdk/src/target/rv32/assemble.ts';
import { encodeBytes } from '../../../sdk/src/target/rv32/encode.ts';
import { RV32IMAC } from '../../../sdk/src/target/rv32/profile.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// prettier-ignore
const TABLE: ReadonlyArray<readonly [string, string, string?]> = [
  ["add a0, a1, a2", '3385c500'],
  ["sub t0, t1, t2", 'b3027340'],
  ["sll s2, s3, s4", '33994901'],
  ["slt a0, a1, a2", '33a5c500'],
  ["sltu a0, a1, a2", '33b5c500'],
  ["xor s2, s3, s4", '33c94901'],
  ["srl s2, s3, s4", '33d94901'],
  ["sra s2, s3, s4", '33d94941'],
  ["or s2, s3, s4", '33e94901'],
  ["and s2, s3, s4", '33f94901'],
  ["addi t0, t1, -2048", '93020380'],
  ["slti t0, t1, 2047", '9322f37f'],
  ["sltiu t0, t1, 1", '93321300'],
  ["xori t0, t1, -1", '9342f3ff'],
  ["ori t0, t1, 0x7ff", '9362f37f'],
  ["andi t0, t1, 255", '9372f30f'],
  ["slli t0, t1, 31", '9312f301'],
  ["srli t0, t1, 1", '93521300'],
  ["srai t0, t1, 7", '93527340'],
  ["lui t0, 0xfffff", 'fd72', 'b7f2ffff'],
  ["auipc t0, 0x12345", '97523412'],
  ["jalr t0, 4(t1)", 'e7024300'],
  ["lb t0, -1(t1)", '8302f3ff'],
  ["lh t0, 2(t1)", '83122300'],
  ["lw t0, 2047(t1)", '8322f37f'],
  ["lbu t0, 0(t1)", '83420300'],
  ["lhu t0, -2048(t1)", '83520380'],
  ["sb t0, 1(t1)", 'a3005300'],
  ["sh t0, -2(t1)", '231f53fe'],
  ["sw t0, 100(t1)", '23225306'],
  ["fence", '0f00f00f'],
  ["fence rw, w", '0f001003'],
  ["fence.i", '0f100000'],
  ["fence.tso", '0f003083'],
  ["ecall", '73000000'],
  ["ebreak", '0290', '73001000'],
  ["mret", '73002030'],
  ["wfi", '73005010'],
  ["mul a6, a7, t3", '3388c803'],
  ["mulh a6, a7, t3", '3398c803'],
  ["mulhsu a6, a7, t3", '33a8c803'],
  ["mulhu a6, a7, t3", '33b8c803'],
  ["div a6, a7, t3", '33c8c803'],
  ["divu a6, a7, t3", '33d8c803'],
  ["rem a6, a7, t3", '33e8c803'],
  ["remu a6, a7, t3", '33f8c803'],
  ["lr.w t0, (t1)", 'af220310'],
  ["sc.w.aq t0, t2, (t1)", 'af22731c'],
  ["amoswap.w.aqrl t0, t2, (t1)", 'af22730e'],
  ["amoadd.w t0, t2, (t1)", 'af227300'],
  ["amoxor.w.rl t0, t2, (t1)", 'af227322'],
  ["amoand.w t0, t2, (t1)", 'af227360'],
  ["amoor.w t0, t2, (t1)", 'af227340'],
  ["amomin.w t0, t2, (t1)", 'af227380'],
  ["amomax.w t0, t2, (t1)", 'af2273a0'],
  ["amominu.w t0, t2, (t1)", 'af2273c0'],
  ["amomaxu.w t0, t2, (t1)", 'af2273e0'],
  ["csrrw t0, mstatus, t1", 'f3120330'],
  ["csrrs t0, mie, t1", 'f3224330'],
  ["csrrc t0, mip, t1", 'f3324334'],
  ["csrrwi t0, mtvec, 31", 'f3d25f30'],
  ["csrrsi t0, 0x7c0, 1", 'f3e2007c'],
  ["csrrci t0, mcause, 0", 'f3722034'],
  ["csrr a0, mhartid", '732540f1'],
  ["csrw mscratch, sp", '73100134'],
  ["csrs mstatus, a0", '73200530'],
  ["csrc mstatus, a0", '73300530'],
  ["csrwi mie, 8", '73504430'],
  ["csrsi mstatus, 8", '73600430'],
  ["csrci mstatus, 8", '73700430'],
  ["c.addi4spn a0, sp, 1020", 'e81f', ''],
  ["c.lw a5, 124(s1)", 'fc5c', ''],
  ["c.sw a5, 64(s1)", 'bcc0', ''],
  ["c.nop", '0100', ''],
  ["c.addi a0, -32", '0115', ''],
  ["c.jal .", '0120', ''],
  ["c.li t0, 31", 'fd42', ''],
  ["c.addi16sp sp, -512", '0171', ''],
  ["c.lui t0, 0xfffe0", '8172', ''],
  ["c.srli s0, 31", '7d80', ''],
  ["c.srai s1, 1", '8584', ''],
  ["c.andi a5, -1", 'fd9b', ''],
  ["c.sub s0, a5", '1d8c', ''],
  ["c.xor s0, a5", '3d8c', ''],
  ["c.or s0, a5", '5d8c', ''],
  ["c.and s0, a5", '7d8c', ''],
  ["c.j .", '01a0', ''],
  ["c.beqz a0, .", '01c1', ''],
  ["c.bnez a5, .+6", '99e3', ''],
  ["c.slli t6, 31", 'fe0f', ''],
  ["c.lwsp ra, 252(sp)", 'fe50', ''],
  ["c.jr ra", '8280', ''],
  ["c.mv t6, a0", 'aa8f', ''],
  ["c.ebreak", '0290', ''],
  ["c.jalr t0", '8292', ''],
  ["c.add t6, a0", 'aa9f', ''],
  ["c.swsp ra, 252(sp)", '86df', ''],
  ["addi a0, a0, 31", '7d05', '1305f501'],
  ["addi a0, a0, 32", '13050502'],
  ["addi a0, a0, -32", '0115', '130505fe'],
  ["addi a0, a0, -33", '1305f5fd'],
  ["addi a0, zero, 5", '1545', '13055000'],
  ["addi a0, sp, 8", '2800', '13058100'],
  ["addi sp, sp, -64", '3971', '130101fc'],
  ["lw a0, 8(sp)", '2245', '03258100'],
  ["lw a6, 8(a5)", '03a88700'],
  ["sw a0, 8(sp)", '2ac4', '2324a100'],
  ["sw a5, 124(a0)", '7cdd', '232ef506'],
  ["nop", '0100', '13000000'],
  ["ret", '8280', '67800000'],
  ["mv a0, a1", '2e85', '13850500'],
  ["mv a0, zero", '13050000'],
  ["not a0, a1", '13c5f5ff'],
  ["neg a0, a1", '3305b040'],
  ["seqz a0, a1", '13b51500'],
  ["snez a0, a1", '3335b000'],
  ["sltz a0, a1", '33a50500'],
  ["sgtz a0, a1", '3325b000'],
  ["li a0, 0x12345678", '3755341213058567'],
  ["li a0, -1", '7d55', '1305f0ff'],
  ["li a0, 0x800", '056513050580', '3715000013050580'],
  ["li a0, 0x1000", '0565', '37150000'],
  ["li t6, 2047", '930ff07f'],
  ["li t6, 2048", '856f938f0f80', 'b71f0000938f0f80'],
  ["jr a0", '0285', '67000500'],
  ["jalr a0", '0295', 'e7000500'],
  ["unimp", '0000', '731000c0'],
  ["beq a0, a1, .", '6300b500'],
  ["bnez a0, .+8", '01e5', '63140500'],
  ["j .-2", 'fdbf', '6ff0ffff'],
  ["jal .", 'ef000000'],
  ["ble a0, a1, .+4", '63d2a500'],
  ["bgtu a0, a1, .+4", '63e2a500'],
];

function ours(line: string, norvc: boolean): string {
  try {
    return hex(sectionBytes(assemble(`${norvc ? '.option norvc\n' : ''}${line}\n`, { profile: RV32IMAC })));
  } catch (e) {
    if (e instanceof AssemblyError) return '';
    throw e;
  }
}

test('quick table: RVC on (GNU as default compression)', () => {
  const bad = TABLE.filter(([line, bytes]) => ours(line, false) !== bytes).map(([line, bytes]) => `${line}: want ${bytes}, got ${ours(line, false)}`);
  assert.deepEqual(bad, []);
});

test('quick table: .option norvc', () => {
  const bad = TABLE.filter(([line, rvc, norvc]) => ours(line, true) !== (norvc ?? rvc)).map(([line, rvc, norvc]) => `${line}: want ${norvc ?? rvc}, got ${ours(line, true)}`);
  assert.deepEqual(bad, []);
});

test('the table-driven encoder API encodes without the assembler', () => {
  assert.equal(hex(encodeBytes('addi', { rd: 10, rs1: 11, imm: -1 })), '1385f5ff');
  assert.equal(hex(encodeBytes('c.addi16sp', { imm: -512 })), '0171');
  assert.equal(hex(encodeBytes('c.lwsp', { rd: 1, imm: 252 })), 'fe50');
  assert.equal(hex(encodeBytes('jal', { rd: 1, imm: -1048576 })), 'ef000080');
  assert.equal(hex(encodeBytes('beq', { rs1: 10, rs2: 11, imm: 4094 })), 'e30fb57e');
  assert.equal(hex(encodeBytes('amoswap.w', { rd: 5, rs1: 6, rs2: 7, aq: 1, rl: 1 })), 'af22730e');
  assert.throws(() => encodeBytes('c.lw', { rd: 16, rs1: 8, imm: 0 }), /c\.lw needs a register in x8\.\.x15/);
  assert.throws(() => encodeBytes('beq', { rs1: 1, rs2: 2, imm: 3 }), /not a multiple of 2/);
  assert.throws(() => encodeBytes('addi', { rd: 1, rs1: 1, imm: 2048 }), /out of range \(-2048\.\.2047\)/);
});

if (process.env.ORIZON_BLESS) {
  test('bless: regenerate the table from GNU as', async () => {
    const { gnuAssemble } = await import('./gnu.ts');
    const rows = TABLE.map(([line]) => {
      const get = (pre: string) => {
        const r = gnuAssemble(`${pre}${line}\n`, 'rv32imac_zicsr_zifencei');
        return r.ok ? hex(r.elf.sections.get('.text')!) : '';
      };
      const a = get('');
      const b = get('.option norvc\n');
      return `  [${JSON.stringify(line)}, '${a}'${b !== a ? `, '${b}'` : ''}],`;
    });
    console.log(rows.join('\n'));
  });
}

test('encodeLine: one instruction through the same forms as the assembler', async () => {
  const { encodeLine, RV32I } = await import('../../../sdk/src/target/rv32/index.ts');
  assert.equal(hex(encodeLine('addi sp, sp, -16', RV32IMAC)), '4111');
  assert.equal(hex(encodeLine('addi sp, sp, -16', RV32IMAC, false)), '130101ff');
  assert.equal(hex(encodeLine('addi sp, sp, -16', RV32I)), '130101ff');
  assert.throws(() => encodeLine('call foo', RV32IMAC), /needs a relocation/);
});

test('semihosting sequence: ebreak compresses by default, so wrap it in .option norvc', () => {
  const seq = 'slli x0, x0, 0x1f\nebreak\nsrai x0, x0, 7\n';
  assert.equal(hex(sectionBytes(assemble(seq, { profile: RV32IMAC }))), '1310f001029013507040');
  const wrapped = `.option push\n.option norvc\n${seq}.option pop\nebreak\n`;
  assert.equal(hex(sectionBytes(assemble(wrapped, { profile: RV32IMAC }))), '1310f00173001000135070400290');
});

test('every form in the syntax table parses and names a real instruction', async () => {
  const { validateForms } = await import('../../../sdk/src/target/rv32/match.ts');
  const { allMnemonics } = await import('../../../sdk/src/target/rv32/forms.ts');
  assert.doesNotThrow(() => validateForms(allMnemonics()));
});
