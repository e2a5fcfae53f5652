// Assembler syntax and directives vs GNU as: sections, data, alignment (nops in
// code, skipped sub-instruction alignment, end-of-section padding), numeric
// local labels, `.`, .equ/.set, .option push/pop, comments and `;`. Compares
// every section's bytes, the relocations, and the named symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../sdk/src/target/rv32/assemble.ts';
import { marchOf, RV32I, RV32IMAC, type Profile } from '../../../sdk/src/target/rv32/profile.ts';
import { gnuAssemble, hex, type ElfObject } from './gnu.ts';

const SNIPPETS: Readonly<Record<string, string>> = {
  alignment: `
    nop
    .byte 1
    .align 1          # no-op in code with RVC: GNU skips it
    .byte 2
    .balign 4
    c.nop
    .p2align 3
    .byte 3
    .align 4
    add a0, a0, a1
    .balign 8, 0xaa   # an explicit fill is used as is
    ret
    .option norvc
    .byte 4
    .align 2          # no-op: 4 <= instruction alignment without RVC
    nop
    .align 3
    .option rvc
    nop               # the section ends padded to its alignment (8)
  `,
  data: `
    .data
    .byte 1, 2, -1, 'a', 0x7f
    .half 0x1234, -2
    .2byte 7
    .word 0xdeadbeef, -1, 2 + 3 * 4, (1 << 31)
    .4byte label, label + 8, ext
    .long 5
    .ascii "ab\\n", "c\\"d"
    .asciz "nul"
    .string "x\\101\\x42"
    .zero 3
    .space 2, 0x55
    .fill 3, 2, 0x1234
    .dword 0x1122334455667788
    label: .word 9
    .section .rodata
    .word 1
    .bss
    .zero 16
    .align 3
    .space 4
  `,
  labels: `
    .text
    .globl start, later
    start:
    1:  addi a0, a0, 1
        bnez a0, 1b
        j 2f
    1:  nop
    2:  beqz a1, 1b
        j .
        beq a0, a1, . + 4
    later: ret
    .equ SIX, 6
    .set SEVEN, SIX + 1
    FOUR = 4
        li a0, SIX * SEVEN
        addi a1, a1, FOUR
        lw a2, SEVEN - 3(sp)
    3:  auipc a0, %pcrel_hi(later)
        addi a0, a0, %pcrel_lo(3b)
  `,
  syntax: `
    # full-line comment
    addi a0, a0, 1 # trailing comment
    addi a1,a1,2; addi a2 , a2 , 3  ;nop
    /* block
       comment */ add a0, a1, a2
    lw a0,(sp) ; sw a1, 0 ( sp )
    li x5, -0x10
    mv fp, sp
    .option push
    .option norvc
    addi a0, a0, 1
    .option pop
    addi a0, a0, 1
    .section .text.other, "ax", @progbits
    other: addi s0, s0, 1
    .pushsection .data
    d: .word other
    .popsection
    c.addi s0, 2
    .previous
    .word 1
    .text
    j other
  `,
};

function symbolsOf(elf: ElfObject): string[] {
  return elf.symbols.filter((s) => s.name !== '' && !s.name.startsWith('.L') && s.section !== null && !s.name.startsWith('.') && !/^\$/.test(s.name))
    .map((s) => `${s.section}:${s.name}@${s.value}${s.global ? ' global' : ''}`).sort();
}

for (const profile of [RV32IMAC, RV32I] as Profile[]) {
  for (const [name, body] of Object.entries(SNIPPETS)) {
    if (profile === RV32I && /c\.|option rvc/.test(body)) continue;
    test(`${profile.name}: ${name} matches GNU as (sections, relocations, symbols)`, () => {
      const g = gnuAssemble(body, marchOf(profile));
      if (!g.ok) assert.fail([...g.errors].map(([l, m]) => `${l}: ${m}`).join('\n'));
      const elf: ElfObject = g.elf;
      const out = assemble(body, { profile });
      for (const sec of out.sections) {
        if (sec.nobits) continue;
        const theirs = elf.sections.get(sec.name) ?? new Uint8Array(0);
        assert.equal(hex(sec.bytes), hex(theirs), `section ${sec.name}`);
        const gr = (elf.relocs.get(sec.name) ?? []).filter((r) => !/BRANCH|JAL|RVC/.test(r.type) || !r.symbol.name.startsWith('.L'));
        const temp = new Map(out.sections.flatMap((s) => s.symbols.filter((y) => y.temporary).map((y) => [y.name, y.offset] as const)));
        assert.deepEqual(
          sec.relocs.filter((r) => !/BRANCH|JAL|RVC/.test(r.type) || !r.symbol.startsWith('.L')).map((r) => `${r.offset} ${r.type} ${temp.has(r.symbol) ? `@${temp.get(r.symbol)}` : r.symbol} ${r.addend}`),
          gr.map((r) => `${r.offset} ${r.type} ${r.symbol.name.startsWith('.L') ? `@${r.symbol.value}` : r.symbol.name} ${r.addend}`),
          `relocations of ${sec.name}`,
        );
      }
      for (const [gname, bytes] of elf.sections) {
        if (/^\.(text|data|rodata|bss)/.test(gname) && bytes.length > 0) assert.ok(out.sections.some((s) => s.name === gname), `missing section ${gname}`);
      }
      const ours = out.sections.flatMap((s) => s.symbols.filter((y) => !y.temporary).map((y) => `${s.name}:${y.name}@${y.offset}${y.global ? ' global' : ''}`)).sort();
      assert.deepEqual(ours, symbolsOf(elf));
    });
  }
}

test('.bss takes space without contents; section attributes are reported', () => {
  const out = assemble('.bss\nbuf: .zero 16\n.align 3\n.space 4\n.data\n.word 1\n', { profile: RV32IMAC });
  const bss = out.sections.find((s) => s.name === '.bss')!;
  assert.equal(bss.nobits, true);
  assert.equal(bss.size, 20);
  assert.equal(bss.bytes.length, 0);
  assert.equal(bss.align, 8);
  assert.equal(out.sections.find((s) => s.name === '.text')!.flags, 'ax');
  assert.equal(out.sections.find((s) => s.name === '.data')!.flags, 'aw');
});

test('.equ constants are absolute symbols, not undefined ones', () => {
  const out = assemble('.globl FOO, bar\n.equ FOO, 5\n.set NEG, -1\nli a0, FOO\ncall bar\n', { profile: RV32IMAC });
  assert.deepEqual(out.absoluteSymbols, [{ name: 'FOO', value: 5, global: true }, { name: 'NEG', value: 0xffffffff, global: false }]);
  assert.deepEqual(out.undefinedSymbols, ['bar']);
});
