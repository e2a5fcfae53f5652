// The oracle side of the RV32 encoder tests: runs riscv64-unknown-elf-as on a
// source text and reads back what it produced (section bytes, relocations,
// symbols) with a small ELF32 reader, or the lines it rejected.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from '../../helpers/tools.ts';
import { RELOC_NUMBER, type RelocType } from '../../../sdk/src/target/rv32/reloc.ts';

export interface ElfSymbol {
  name: string;
  value: number;
  section: string | null;
  global: boolean;
}

export interface ElfReloc {
  offset: number;
  type: RelocType | `R_${number}`;
  symbol: ElfSymbol;
  addend: number;
}

export interface ElfObject {
  sections: Map<string, Uint8Array>;
  relocs: Map<string, ElfReloc[]>;
  symbols: ElfSymbol[];
}

const RELOC_NAME = new Map<number, RelocType>(Object.entries(RELOC_NUMBER).map(([k, v]) => [v, k as RelocType]));

/** Reads the parts of a little-endian ELF32 relocatable object the tests need. */
export function readElf32(buf: Uint8Array): ElfObject {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u32 = (o: number) => dv.getUint32(o, true);
  const u16 = (o: number) => dv.getUint16(o, true);
  const shoff = u32(0x20);
  const shnum = u16(0x30);
  const shstrndx = u16(0x32);
  const sh = Array.from({ length: shnum }, (_, i) => {
    const o = shoff + i * 40;
    return { name: u32(o), type: u32(o + 4), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24), info: u32(o + 28) };
  });
  const str = (tab: number, off: number) => {
    const base = sh[tab]!.offset + off;
    let end = base;
    while (buf[end] !== 0) end++;
    return Buffer.from(buf.subarray(base, end)).toString('latin1');
  };
  const names = sh.map((s) => str(shstrndx, s.name));
  const sections = new Map<string, Uint8Array>();
  sh.forEach((s, i) => {
    if (s.type === 1 /* PROGBITS */) sections.set(names[i]!, buf.slice(s.offset, s.offset + s.size));
  });
  const symIdx = sh.findIndex((s) => s.type === 2 /* SYMTAB */);
  const symbols: ElfSymbol[] = [];
  if (symIdx >= 0) {
    const st = sh[symIdx]!;
    for (let o = st.offset; o < st.offset + st.size; o += 16) {
      const shndx = u16(o + 14);
      const info = buf[o + 12]!;
      const sec = shndx === 0 || shndx >= 0xff00 ? null : names[shndx]!;
      const nm = str(st.link, u32(o));
      symbols.push({ name: nm === '' && (info & 0xf) === 3 && sec ? sec : nm, value: u32(o + 4), section: sec, global: info >> 4 !== 0 });
    }
  }
  const relocs = new Map<string, ElfReloc[]>();
  sh.forEach((s, i) => {
    if (s.type !== 4 /* RELA */) return;
    const list: ElfReloc[] = [];
    for (let o = s.offset; o < s.offset + s.size; o += 12) {
      const info = u32(o + 4);
      const t = info & 0xff;
      list.push({ offset: u32(o), type: RELOC_NAME.get(t) ?? `R_${t}`, symbol: symbols[info >>> 8]!, addend: dv.getInt32(o + 8, true) });
    }
    relocs.set(names[s.info]!, list);
  });
  return { sections, relocs, symbols };
}

export type GnuResult = { ok: true; elf: ElfObject } | { ok: false; errors: Map<number, string> };

let workDir: string | undefined;
/** A scratch directory shared by one test process, removed at exit. */
function scratch(): string {
  if (!workDir) {
    workDir = mkdtempSync(join(tmpdir(), 'orizon-rv32-'));
    const dir = workDir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return workDir;
}

let seq = 0;
/** Assembles with GNU as -mno-relax; on failure returns the rejected lines and messages. */
export function gnuAssemble(source: string, march: string): GnuResult {
  const dir = scratch();
  const n = seq++;
  const src = join(dir, `in${n}.s`);
  const obj = join(dir, `out${n}.o`);
  writeFileSync(src, source);
  const r = spawnSync(tool('rv-as'), [`-march=${march}`, '-mabi=ilp32', '-mno-relax', '-o', obj, src], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status === 0) return { ok: true, elf: readElf32(readFileSync(obj)) };
  const errors = new Map<number, string>();
  for (const line of r.stderr.split('\n')) {
    const m = /:(\d+): Error: (.*)$/.exec(line);
    if (m && !errors.has(Number(m[1]))) errors.set(Number(m[1]), m[2]!);
  }
  if (errors.size === 0) throw new Error(`GNU as failed without line errors:\n${r.stderr}`);
  return { ok: false, errors };
}

/** Disassembles raw RV32 bytes with objdump; returns the instruction lines. */
export function objdumpLines(bytes: Uint8Array): string[] {
  const file = join(scratch(), `dis${seq++}.bin`);
  writeFileSync(file, bytes);
  const r = spawnSync(tool('rv-objdump'), ['-D', '-b', 'binary', '-m', 'riscv:rv32', '-M', 'no-aliases', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`objdump failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => /^\s+[0-9a-f]+:\t/.test(l));
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
