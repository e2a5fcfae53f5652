// Encoder vs riscv64-unknown-elf-as: the generated corpus (corpus.ts) is
// assembled by GNU as (-mabi=ilp32 -mno-relax, -march from the profile) and by
// Orizon, per profile:
//   1. both reject exactly the same lines (forms unavailable on the profile,
//      out-of-range immediates, bad compressed registers...);
//   2. the accepted lines produce byte-identical .text; a mismatch prints the
//      instruction and both encodings;
//   3. every CSR name we accept is one GNU as accepts, with the same number.
// The relocation corpus also compares relocations (type, symbol, addend).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, AssemblyError, sectionBytes, type AsmOutput } from '../../../sdk/src/target/rv32/assemble.ts';
import { marchOf, RV32I, RV32IM, RV32IMAC, RV32IMC, without, type Profile } from '../../../sdk/src/target/rv32/profile.ts';
import { allMnemonics } from '../../../sdk/src/target/rv32/forms.ts';
import { instructionCorpus, relocCorpus } from './corpus.ts';
import { gnuAssemble, hex, objdumpLines, type ElfReloc } from './gnu.ts';

const CORPUS = instructionCorpus();

/** Our rejections: line number -> message. */
function ourErrors(src: string, profile: Profile): Map<number, string> {
  try {
    assemble(src, { profile });
    return new Map();
  } catch (e) {
    if (!(e instanceof AssemblyError)) throw e;
    return new Map(e.errors.map((x) => [x.line, x.message]));
  }
}

function compareCorpus(profile: Profile, prelude: string[] = []): { compared: number; ourText: Uint8Array } {
  const march = marchOf(profile);
  const pre = prelude.length;
  const src = [...prelude, ...CORPUS].join('\n') + '\n';

  // 1. Same rejections.
  const g1 = gnuAssemble(src, march);
  const gnuRejected = g1.ok ? new Map<number, string>() : g1.errors;
  const ours = ourErrors(src, profile);
  const diffs: string[] = [];
  CORPUS.forEach((line, i) => {
    const n = i + 1 + pre;
    if (gnuRejected.has(n) !== ours.has(n)) {
      diffs.push(`  ${line}\n    GNU as: ${gnuRejected.get(n) ?? 'accepted'}\n    Orizon: ${ours.get(n) ?? 'accepted'}`);
    }
  });
  assert.equal(diffs.length, 0, `${diffs.length} lines accepted by one assembler and rejected by the other (${march}):\n${diffs.slice(0, 40).join('\n')}`);

  // 2. Same bytes for the accepted lines, each located by assembling it alone.
  const accepted = CORPUS.filter((_, i) => !gnuRejected.has(i + 1 + pre));
  const g2 = gnuAssemble([...prelude, ...accepted].join('\n') + '\n', march);
  assert.ok(g2.ok, 'GNU as rejected lines it accepted before');
  const gnuText = g2.elf.sections.get('.text') ?? new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let at = 0;
  const mismatches: string[] = [];
  for (const line of accepted) {
    const mine = sectionBytes(assemble([...prelude, line].join('\n'), { profile }));
    const theirs = gnuText.subarray(at, at + mine.length);
    if (hex(mine) !== hex(theirs)) {
      mismatches.push(`  ${line}\n    GNU as: ${hex(gnuText.subarray(at, at + 8))}…\n    Orizon: ${hex(mine)}`);
      if (mismatches.length >= 20) break;
    }
    chunks.push(mine);
    at += mine.length;
  }
  assert.equal(mismatches.length, 0, `encodings differ from GNU as (${march}); offsets after the first size mismatch are unreliable:\n${mismatches.join('\n')}`);
  assert.equal(at, gnuText.length, 'total .text size differs');
  // The whole file assembled at once must equal the line-by-line result.
  const whole = sectionBytes(assemble([...prelude, ...accepted].join('\n'), { profile }));
  assert.equal(hex(whole), hex(gnuText));
  return { compared: accepted.length, ourText: whole };
}

const decoded = new Map<string, Uint8Array>();

for (const profile of [RV32IMAC, RV32IMC, RV32IM, RV32I]) {
  test(`${profile.name}: corpus rejections and bytes match GNU as -march=${marchOf(profile)}`, (t) => {
    const r = compareCorpus(profile);
    decoded.set(profile.name, r.ourText);
    t.diagnostic(`${CORPUS.length} corpus lines, ${r.compared} instructions compared byte for byte`);
  });
}

test('rv32imac with .option norvc: no compression, bytes match GNU as', (t) => {
  const r = compareCorpus(RV32IMAC, ['.option norvc']);
  t.diagnostic(`${r.compared} instructions compared`);
});

test('a profile without Zicsr/Zifencei rejects CSR and fence.i forms as GNU as does', () => {
  const p = without(RV32I, 'zicsr', 'zifencei');
  const lines = CORPUS.filter((l) => /^(csr|rd|fence|unimp)/.test(l));
  const src = lines.join('\n') + '\n';
  const g = gnuAssemble(src, marchOf(p));
  const gnuRejected = g.ok ? new Map<number, string>() : g.errors;
  const ours = ourErrors(src, p);
  const diffs = lines.filter((_, i) => gnuRejected.has(i + 1) !== ours.has(i + 1));
  assert.deepEqual(diffs, []);
});

test('objdump decodes every instruction we emit (no .word, no unknown)', () => {
  for (const [name, bytes] of decoded) {
    const bad = objdumpLines(bytes).filter((l) => /\.(word|short|byte|2byte|4byte|insn)\b|unknown|\(bad\)/.test(l));
    assert.deepEqual(bad.slice(0, 10), [], `${name}: objdump could not decode ${bad.length} instructions`);
  }
});

/** GNU relocations, with assembler-internal symbols replaced by their offsets. */
function normGnu(list: ElfReloc[]): string[] {
  return list.map((r) => `${r.offset.toString(16)} ${r.type} ${r.symbol.name.startsWith('.L') ? `@${r.symbol.value.toString(16)}` : r.symbol.name} ${r.addend}`);
}
function normOurs(out: AsmOutput): string[] {
  const text = out.sections.find((s) => s.name === '.text')!;
  const temp = new Map(text.symbols.filter((s) => s.temporary).map((s) => [s.name, s.offset]));
  return text.relocs.map((r) => `${r.offset.toString(16)} ${r.type} ${temp.has(r.symbol) ? `@${temp.get(r.symbol)!.toString(16)}` : r.symbol} ${r.addend}`);
}

for (const profile of [RV32IMAC, RV32I]) {
  test(`${profile.name}: relocation corpus — bytes and relocations match GNU as`, (t) => {
    const lines = relocCorpus().filter((l) => profile.exts.has('c') || !/\bc\./.test(l));
    const src = ['.text', ...lines, '.data', 'loc: .word 0', '.word ext+4, loc'].join('\n') + '\n';
    const g = gnuAssemble(src, marchOf(profile));
    assert.ok(g.ok, g.ok ? '' : [...g.errors].map(([l, m]) => `${l}: ${m}`).join('\n'));
    const ours = assemble(src, { profile });
    assert.equal(hex(sectionBytes(ours)), hex(g.elf.sections.get('.text')!));
    assert.equal(hex(sectionBytes(ours, '.data')), hex(g.elf.sections.get('.data')!));
    assert.deepEqual(normOurs(ours), normGnu(g.elf.relocs.get('.text') ?? []));
    const data = ours.sections.find((s) => s.name === '.data')!;
    assert.deepEqual(data.relocs.map((r) => `${r.offset} ${r.type} ${r.symbol} ${r.addend}`),
      (g.elf.relocs.get('.data') ?? []).map((r) => `${r.offset} ${r.type} ${r.symbol.name} ${r.addend}`));
    assert.deepEqual(ours.undefinedSymbols.sort(), ['ext']);
    t.diagnostic(`${lines.length} lines, ${normOurs(ours).length} relocations compared`);
  });
}

test('random operand fuzz: same acceptance and bytes as GNU as (except registers GNU reads as symbols)', (t) => {
  let s = 12345;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  const regs = ['zero', 'ra', 'sp', 'gp', 's0', 's1', 'a0', 'a5', 'a6', 't6', 'x31', 'fp'];
  const imms = ['0', '1', '-1', '3', '4', '8', '31', '32', '-32', '-33', '63', '252', '256', '-512', '1020', '2047', '-2048', '2048', '0xfff', '0xfffff', '0x100000', '0xffffffff', '5*4', '(3)', 'mstatus', 'iorw', 'rw'];
  const operand = () => {
    const r = rnd(10);
    if (r < 5) return regs[rnd(regs.length)]!;
    if (r < 8) return imms[rnd(imms.length)]!;
    return `${rnd(3) === 0 ? '' : imms[rnd(imms.length)]}(${regs[rnd(regs.length)]})`;
  };
  const mnemonics = allMnemonics().filter((m) => !/^(j|jal|b|c\.j|c\.b|call|tail|jump|la|lla)/.test(m));
  const lines = Array.from({ length: 12000 }, () => `${mnemonics[rnd(mnemonics.length)]} ${Array.from({ length: rnd(4) }, operand).join(', ')}`.trim());
  const src = lines.join('\n') + '\n';
  const g = gnuAssemble(src, marchOf(RV32IMAC));
  const gnuRejected = g.ok ? new Map<number, string>() : g.errors;
  const ours = ourErrors(src, RV32IMAC);
  const regSymbol = (line: string) => {
    // GNU as accepts `lw a0, a5` as a load from a *symbol* named a5; we refuse.
    const one = gnuAssemble(`${line}\n`, marchOf(RV32IMAC));
    return one.ok && [...one.elf.relocs.values()].flat().some((r) => regs.includes(r.symbol.name));
  };
  const diffs = lines.filter((l, i) => gnuRejected.has(i + 1) !== ours.has(i + 1) && !(ours.has(i + 1) && regSymbol(l)));
  assert.deepEqual(diffs.slice(0, 20), []);
  const accepted = lines.filter((_, i) => !gnuRejected.has(i + 1) && !ours.has(i + 1));
  const g2 = gnuAssemble(accepted.join('\n') + '\n', marchOf(RV32IMAC));
  assert.ok(g2.ok);
  assert.equal(hex(sectionBytes(assemble(accepted.join('\n'), { profile: RV32IMAC }))), hex(g2.elf.sections.get('.text')!));
  t.diagnostic(`${lines.length} random lines, ${accepted.length} accepted by both and compared`);
});
