// `--emit asm` and the emitted code, checked with GNU binutils:
//   - the assembly text of the codegen program re-assembles with
//     arm-none-eabi-as, and every function's bytes equal the bytes of the
//     object Orizon wrote itself (same instructions, same literal pools);
//   - arm-none-eabi-objdump decodes every instruction of the linked image:
//     no `UNDEFINED`, and `.word` only inside literal pools ($d regions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadBoard } from '../../../sdk/src/boards/board.ts';
import { thumbBackend } from '../../../sdk/src/target/thumb/backend.ts';
import { profile, type ProfileName } from '../../../sdk/src/target/thumb/profile.ts';
import { link, writeExecutable } from '../../../sdk/src/link/index.ts';
import { tool } from '../../helpers/tools.ts';
import { buildProgram } from './codegen-program.ts';

/** Section name → contents of an ELF32 relocatable file. */
function elfSections(bytes: Uint8Array): Map<string, Uint8Array> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = v.getUint32(32, true), shentsize = v.getUint16(46, true), shnum = v.getUint16(48, true), shstrndx = v.getUint16(50, true);
  const sh = (k: number) => {
    const o = shoff + k * shentsize;
    return { name: v.getUint32(o, true), type: v.getUint32(o + 4, true), off: v.getUint32(o + 16, true), size: v.getUint32(o + 20, true) };
  };
  const strs = sh(shstrndx);
  const name = (n: number) => { let e = strs.off + n; while (bytes[e] !== 0) e++; return Buffer.from(bytes.subarray(strs.off + n, e)).toString('latin1'); };
  const out = new Map<string, Uint8Array>();
  for (let k = 1; k < shnum; k++) {
    const s = sh(k);
    if (s.type === 1) out.set(name(s.name), bytes.subarray(s.off, s.off + s.size));
  }
  return out;
}

const cases: [string, ProfileName][] = [['mps2-an385', 'thumbv7m'], ['microbit', 'thumbv6m'], ['mps2-an386', 'thumbv7em']];

for (const [boardId, target] of cases) {
  test(`--emit asm re-assembles with GNU as to the same bytes (${target})`, () => {
    const m = buildProgram();
    const be = thumbBackend(target);
    const c = be.compileModule(m, { target, release: false, sourceName: 'codegen.ir', wantAsm: true });
    const dir = mkdtempSync(join(tmpdir(), 'orizon-asm-'));
    try {
      writeFileSync(join(dir, 'p.s'), c.asm!);
      execFileSync(tool('arm-as'), [`-mcpu=${profile(target).cpu}`, '-mthumb', join(dir, 'p.s'), '-o', join(dir, 'p.o')]);
      const gnu = elfSections(readFileSync(join(dir, 'p.o')));
      let compared = 0;
      for (const s of c.object.sections) {
        if (s.kind !== 'text') continue;
        const g = gnu.get(s.name);
        assert.ok(g, `GNU as produced no section ${s.name}`);
        // GNU as pads a section with a 4-aligned literal pool to 4 bytes at the end.
        const ours = s.data;
        assert.ok(g.length === ours.length || (g.length === ours.length + 2 && g[ours.length] === 0), `${s.name}: ${g.length} bytes from GNU as, ${ours.length} from Orizon`);
        assert.deepEqual(Buffer.from(g.subarray(0, ours.length)), Buffer.from(ours), `${s.name} differs`);
        compared++;
      }
      assert.ok(compared > 500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`objdump decodes every instruction of a linked image (${target})`, () => {
    const m = buildProgram();
    const board = loadBoard(boardId);
    const be = thumbBackend(target);
    const c = be.compileModule(m, { target, release: false, sourceName: 'codegen.ir', wantAsm: false });
    const img = link([c.object, ...be.runtime({ target, board, interrupts: [] })], {
      layout: { flash: board.memory.flash, ram: board.memory.ram, stackSize: board.memory.stackSize }, entry: be.entry,
    });
    const dir = mkdtempSync(join(tmpdir(), 'orizon-objdump-'));
    try {
      writeExecutable(img, join(dir, 'p.elf'));
      const text = execFileSync(tool('arm-objdump'), ['-d', join(dir, 'p.elf')], { maxBuffer: 256 << 20 }).toString();
      const bad = text.split('\n').filter((l) => /UNDEFINED|\.inst|<unknown>/.test(l));
      assert.deepEqual(bad.slice(0, 5), []);
      // `.word` lines only in data regions: between a `$d` and the next `$t` mapping symbol.
      const marks = execFileSync(tool('arm-objdump'), ['-t', '--special-syms', join(dir, 'p.elf')], { maxBuffer: 64 << 20 }).toString().split('\n')
        .map((l) => /^([0-9a-f]{8}) .* (\$[dt])$/.exec(l)).filter((x) => x !== null)
        .map((x) => ({ at: parseInt(x[1]!, 16), data: x[2] === '$d' })).sort((a, b) => a.at - b.at);
      const inData = (a: number) => { let d = false; for (const mk of marks) { if (mk.at > a) break; d = mk.data; } return d; };
      let words = 0;
      for (const l of text.split('\n')) {
        const mm = /^\s+([0-9a-f]+):.*\t\.(word|short|byte)\t/.exec(l);
        if (!mm) continue;
        words++;
        assert.ok(inData(parseInt(mm[1]!, 16)), `data in a code region: ${l}`);
      }
      assert.ok(words > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
