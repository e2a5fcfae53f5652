// Reads what `orizon size` needs from an ELF32 executable: the section headers
// (name, type, flags, address, size), the program headers (to find each
// section's load address, LMA) and the symbol table's values for a few
// linker-defined names. Read-only and self-contained: it does not depend on
// the linker's writer, so it measures GNU ld's images as well as Orizon's.
//
// Invariant: every offset read is bounds-checked against the file, so a
// truncated or corrupt file is an OrizonError naming the file, never a crash.
import { OrizonError } from '../util/errors.ts';

export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_NOBITS = 8;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
const PT_LOAD = 1;
const EM_ARM = 40;
const EM_RISCV = 243;

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  /** Run address (VMA). */
  addr: number;
  /** Load address (LMA): where its bytes are stored; equals `addr` unless a segment says otherwise. */
  lma: number;
  size: number;
}

export interface ElfImage {
  machine: 'arm' | 'riscv32' | `machine ${number}`;
  entry: number;
  sections: ElfSection[];
  /** Values of the global/local symbols, by name (first definition wins). */
  symbols: Map<string, number>;
}

interface Segment { type: number; vaddr: number; paddr: number; memsz: number; filesz: number }

export function readElf(buf: Uint8Array, file: string): ElfImage {
  const bad = (what: string): never => {
    throw new OrizonError(`\`${file}\` is not a valid ELF image: ${what}`, 'pass a firmware image (.elf) built by `orizon build` or a GNU toolchain');
  };
  if (buf.length < 52 || buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) bad('no ELF header');
  if (buf[4] !== 1) {
    throw new OrizonError(`\`${file}\` is a 64-bit ELF file`, 'Orizon boards are 32-bit; pass an image built for a Cortex-M or RV32 board');
  }
  const le = buf[5] === 1;
  if (buf[5] !== 1 && buf[5] !== 2) bad(`unknown data encoding ${buf[5]}`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (o: number): number => { if (o + 2 > buf.length) bad('truncated'); return view.getUint16(o, le); };
  const u32 = (o: number): number => { if (o + 4 > buf.length) bad('truncated'); return view.getUint32(o, le); };

  const em = u16(18);
  const machine = em === EM_ARM ? 'arm' : em === EM_RISCV ? 'riscv32' : (`machine ${em}` as const);
  const entry = u32(24);
  const phoff = u32(28);
  const shoff = u32(32);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);
  const shstrndx = u16(50);
  if (shnum > 0 && shentsize < 40) bad(`section header size ${shentsize}`);
  if (phnum > 0 && phentsize < 32) bad(`program header size ${phentsize}`);

  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    segments.push({ type: u32(o), vaddr: u32(o + 8), paddr: u32(o + 12), filesz: u32(o + 16), memsz: u32(o + 20) });
  }

  interface RawSection { nameOff: number; type: number; flags: number; addr: number; offset: number; size: number; link: number; entsize: number }
  const raw: RawSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({ nameOff: u32(o), type: u32(o + 4), flags: u32(o + 8), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24), entsize: u32(o + 36) });
  }
  const cstr = (off: number): string => {
    let end = off;
    while (end < buf.length && buf[end] !== 0) end++;
    if (end >= buf.length) bad('unterminated string');
    return new TextDecoder().decode(buf.subarray(off, end));
  };
  const shstr = raw[shstrndx];
  if (shnum > 0 && !shstr) bad(`section name table index ${shstrndx}`);

  const sections: ElfSection[] = [];
  for (let i = 1; i < raw.length; i++) {
    const s = raw[i]!;
    const name = cstr(shstr!.offset + s.nameOff);
    // A section's load address: the segment whose run-address range contains it.
    let lma = s.addr;
    if (s.flags & SHF_ALLOC) {
      const seg = segments.find((p) => p.type === PT_LOAD && s.addr >= p.vaddr && s.addr + s.size <= p.vaddr + p.memsz && (s.type === SHT_NOBITS || p.filesz > 0));
      if (seg) lma = (seg.paddr + (s.addr - seg.vaddr)) >>> 0;
    }
    sections.push({ name, type: s.type, flags: s.flags, addr: s.addr, lma, size: s.size });
  }

  const symbols = new Map<string, number>();
  for (const s of raw) {
    if (s.type !== SHT_SYMTAB) continue;
    const strtab = raw[s.link];
    if (!strtab) bad('symbol table without a string table');
    const n = s.entsize ? Math.floor(s.size / s.entsize) : 0;
    for (let k = 1; k < n; k++) {
      const o = s.offset + k * s.entsize;
      const nm = cstr(strtab!.offset + u32(o));
      if (nm && !symbols.has(nm)) symbols.set(nm, u32(o + 4));
    }
  }
  return { machine, entry, sections, symbols };
}
