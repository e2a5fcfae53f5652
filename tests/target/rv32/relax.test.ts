// Branch relaxation vs GNU as -mno-relax. We emulate -mno-relax: GNU as then
// resolves branches to labels in the same section itself (picking c.beqz,
// beq, or an inverted branch over a jal) and emits final bytes; with linker
// relaxation (the default) it would instead keep `call` as auipc+jalr plus
// R_RISCV_RELAX for the linker to shrink, which our ELF writer does not do.
//
// Cases put every branch and jump kind at distances around each reach
// (c.beqz ±256 B, c.j ±2 KiB, beq ±4 KiB, jal ±1 MiB), forwards and backwards,
// plus chains where one branch growing pushes another out of range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, AssemblyError, sectionBytes } from '../../../sdk/src/target/rv32/assemble.ts';
import { marchOf, RV32I, RV32IMAC, type Profile } from '../../../sdk/src/target/rv32/profile.ts';
import { gnuAssemble, hex } from './gnu.ts';

const BRANCHES = ['beqz a0,', 'beqz a6,', 'bnez s1,', 'beq a0, zero,', 'beq a0, a1,', 'blt t0, t1,', 'bgeu a0, zero,', 'bgt a0, a1,', 'ble a6, a7,', 'bnez x15,'];
const JUMPS = ['j', 'jal', 'jal t0,'];
const C_ONLY = ['c.beqz a0,', 'c.bnez s0,', 'c.j', 'c.jal'];

function gaps(): number[] {
  const out: number[] = [];
  for (const edge of [256, 2048, 4096]) for (let d = -12; d <= 12; d += 2) out.push(edge + d);
  return out;
}

/** One case: a branch to a label `gap` bytes of padding away, forwards or backwards. */
function caseSource(br: string, gap: number, forward: boolean, n: number): string {
  return forward ? `${br} L${n}\n.space ${gap}\nL${n}: nop\n` : `L${n}: nop\n.space ${gap}\n${br} L${n}\n`;
}

function compare(profile: Profile, cases: string[]): void {
  const src = cases.join('');
  const g = gnuAssemble(src, marchOf(profile));
  assert.ok(g.ok, g.ok ? '' : [...g.errors.values()].slice(0, 5).join('\n'));
  const ours = hex(sectionBytes(assemble(src, { profile })));
  if (ours === hex(g.elf.sections.get('.text')!)) return;
  // Locate the failing cases by assembling them one at a time.
  const bad: string[] = [];
  for (const c of cases) {
    const gc = gnuAssemble(c, marchOf(profile));
    const mine = hex(sectionBytes(assemble(c, { profile })));
    const theirs = gc.ok ? hex(gc.elf.sections.get('.text')!) : 'error';
    if (mine !== theirs) bad.push(`${c.trim().replace(/\n/g, '; ')}\n    GNU as: ${theirs.slice(0, 40)}…\n    Orizon: ${mine.slice(0, 40)}…`);
    if (bad.length >= 10) break;
  }
  assert.fail(`relaxation differs from GNU as (${marchOf(profile)}):\n${bad.join('\n') || '(only in combination)'}`);
}

for (const profile of [RV32IMAC, RV32I]) {
  test(`${profile.name}: branches and jumps at every reach edge match GNU as`, (t) => {
    const kinds = [...BRANCHES, ...JUMPS, ...(profile.exts.has('c') ? C_ONLY : [])];
    const cases: string[] = [];
    let n = 0;
    for (const br of kinds) for (const gap of gaps()) for (const fwd of [true, false]) cases.push(caseSource(br, gap, fwd, n++));
    compare(profile, cases);
    t.diagnostic(`${cases.length} branch/jump cases compared`);
  });

  test(`${profile.name}: relaxation chains and alignment between branch and target match GNU as`, () => {
    const cases: string[] = [];
    let n = 0;
    for (const gap of [4070, 4076, 4080, 4084, 4090, 230, 240, 244, 248, 252]) {
      // Eight branches to one label: each one that grows moves the label away from the others.
      cases.push(`${Array.from({ length: 8 }, (_, i) => `beqz ${i % 2 ? 'a0' : 'a1'}, C${n}\n`).join('')}.space ${gap}\nC${n}: nop\n`);
      n++;
      // Branches in both directions across each other.
      cases.push(`D${n}: nop\nbeqz a0, E${n}\n.space ${gap}\nbnez s0, D${n}\nE${n}: nop\n`);
      n++;
      cases.push(`beqz a0, F${n}\n.align 3\n.space ${gap}\n.balign 16\nF${n}: c.nop\n`.replace('c.nop', profile.exts.has('c') ? 'c.nop' : 'nop'));
      n++;
    }
    compare(profile, cases);
  });
}

test('a branch with two consistent sizes gets the one GNU as picks (frag-start emulation)', () => {
  // c.beqz reaches 2 + 252 bytes but not 4 + 252, so both sizes are consistent.
  // GNU as keeps whichever its first estimate chose, and that depends on where
  // its frags start: after a 4-byte lui/auipc, la, li or call (a frag break) the
  // target is estimated far away (4-byte beq); after a plain instruction, near
  // (c.beqz). The branch must sit at 256 < address <= 508, so each case is
  // assembled on its own.
  const sizes = new Set<string>();
  for (const mid of ['lui a1, 0x12345', 'addi a1, a1, 100', 'auipc a1, 1', '.word 0x13', 'call foo', 'la a1, foo', 'li a1, 0x12345678', 'lui a1, 1']) {
    const words = /^(call|la|li)/.test(mid) ? 61 : 62;
    const src = `.space 400\nbeqz a0, G\n${'.word 0x13\n'.repeat(words)}${mid}\nG: nop\n`;
    const g = gnuAssemble(src, marchOf(RV32IMAC));
    assert.ok(g.ok);
    const theirs = hex(g.elf.sections.get('.text')!);
    assert.equal(hex(sectionBytes(assemble(src, { profile: RV32IMAC }))), theirs, mid);
    sizes.add((parseInt(theirs.slice(800, 802), 16) & 3) === 3 ? 'beq' : 'c.beqz');
  }
  assert.equal(sizes.size, 2, 'the cases should cover both outcomes');
});

test('jal reaches ±1 MiB exactly as GNU as does; beyond that we report an error', () => {
  // Forward: d = 4 + gap <= 1048574; backward (after a 2-byte nop): d = -(2 + gap) >= -1048576.
  const cases = [[1048560, 1048574], [1048566, 1048572], [1048570, 1048566]].flatMap(([fwd, back], i) => [
    caseSource('j', fwd!, true, 2 * i),
    caseSource('jal', back!, false, 2 * i + 1),
  ]);
  compare(RV32IMAC, cases);
  assert.throws(() => assemble('j far\n.space 1048576\nfar: nop\n', { profile: RV32IMAC }), (e: unknown) => {
    assert.ok(e instanceof AssemblyError);
    assert.match(e.message, /:1: error: jump offset .* out of range .*`j far`/);
    return true;
  });
  // A conditional branch that needs the long form and still cannot reach.
  assert.throws(() => assemble('beqz a0, far\n.space 1048576\nfar: nop\n', { profile: RV32IMAC }), /out of range.*`beqz a0, far`/);
});

test('a branch to an undefined, weak or other-section symbol takes the long form with R_RISCV_JAL', () => {
  const src = '.weak w\nw: nop\nbeqz a0, w\nbeqz a0, ext\nj w\n.data\nd: .word 0\n.text\nbnez s0, d\n';
  const g = gnuAssemble(src, marchOf(RV32IMAC));
  assert.ok(g.ok);
  const ours = assemble(src, { profile: RV32IMAC });
  assert.equal(hex(sectionBytes(ours)), hex(g.elf.sections.get('.text')!));
  const text = ours.sections.find((s) => s.name === '.text')!;
  assert.deepEqual(text.relocs.map((r) => `${r.offset} ${r.type} ${r.symbol}`), (g.elf.relocs.get('.text') ?? []).filter((r) => r.symbol.name !== '.L0 ').map((r) => `${r.offset} ${r.type} ${r.symbol.name}`));
});

/** A deterministic random program: branches in every direction across frag breaks, padding and alignment. */
function randomProgram(seed: number, rvc: boolean): string {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  const labels = 24;
  const lines: string[] = [];
  const kinds = rvc ? [...BRANCHES, ...JUMPS, ...C_ONLY] : [...BRANCHES, ...JUMPS];
  const others = ['lui a1, 0x12345', 'auipc t0, 1', 'la a2, L3', 'call L5', 'li a0, 0x12345678', 'li a0, 5', 'addi a0, a0, 1', 'nop', 'mv a1, a2', '.word 7', 'lw a0, 0(sp)'];
  const placed = new Set<number>();
  for (let i = 0; i < 300; i++) {
    const r = rnd(100);
    if (r < 8) {
      const l = rnd(labels);
      if (!placed.has(l)) {
        placed.add(l);
        lines.push(`L${l}:`);
      }
    } else if (r < 40) lines.push(`${kinds[rnd(kinds.length)]} L${rnd(labels)}`);
    else if (r < 50) lines.push(`.space ${[2, 4, 100, 240, 250, 254, 1000, 2000, 2040, 4000, 4080, 4090][rnd(12)]}`);
    else if (r < 54) lines.push(rnd(2) ? `.align ${1 + rnd(4)}` : `.balign ${2 ** (1 + rnd(4))}`);
    else lines.push(others[rnd(others.length)]!);
  }
  for (let l = 0; l < labels; l++) if (!placed.has(l)) lines.push(`L${l}: nop`);
  return lines.join('\n') + '\n';
}

for (const profile of [RV32IMAC, RV32I]) {
  test(`${profile.name}: random programs mixing branches, frag breaks and alignment match GNU as`, (t) => {
    let programs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const src = randomProgram(seed, profile.exts.has('c'));
      const g = gnuAssemble(src, marchOf(profile));
      let ours: string;
      try {
        ours = hex(sectionBytes(assemble(src, { profile })));
      } catch (e) {
        // A jal beyond ±1 MiB cannot occur in these programs; anything else is a bug.
        throw new Error(`seed ${seed}: ${(e as Error).message}`);
      }
      assert.ok(g.ok, `seed ${seed}: GNU as rejected the program`);
      const theirs = hex(g.elf.sections.get('.text')!);
      if (ours !== theirs) {
        let i = 0;
        while (ours[i] === theirs[i]) i++;
        assert.fail(`seed ${seed}: first difference at byte ${i / 2}:\n  GNU as: …${theirs.slice(i, i + 24)}\n  Orizon: …${ours.slice(i, i + 24)}`);
      }
      programs++;
    }
    t.diagnostic(`${programs} random programs compared`);
  });
}
