// A small ELF32 little-endian reader for the linker tests: it reads what GNU as
// produced (to take machine-code bytes and label offsets from a snippet) and
// what the Orizon writers produced (to check fields binutils would not complain
// about but that still matter). Deliberately independent of sdk/src/link, so a
// bug in the writer cannot hide behind the same bug in the reader.

export interface ReadSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
  data: Uint8Array;
}

export interface ReadSymbol {
  name: string;
  value: number;
  size: number;
  type: number;
  bind: number;
  shndx: number;
}

export interface ReadReloc {
  offset: number;
  type: number;
  sym: number;
  addend?: number;
}

export interface ReadSegment {
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

export interface ReadElf {
  type: number;
  machine: number;
  flags: number;
  entry: number;
  sections: ReadSection[];
  segments: ReadSegment[];
  symbols: ReadSymbol[];
  section(name: string): ReadSection;
  relocs(target: string): ReadReloc[];
  symbol(name: string): ReadSymbol;
}

export function readElf(bytes: Uint8Array): ReadElf {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, false) !== 0x7f454c46 || bytes[4] !== 1 || bytes[5] !== 1) throw new Error('not an ELF32 LE file');
  const u16 = (at: number) => v.getUint16(at, true);
  const u32 = (at: number) => v.getUint32(at, true);
  const shoff = u32(32);
  const phoff = u32(28);
  const phnum = u16(44);
  const shnum = u16(48);
  const shstrndx = u16(50);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * 40;
    return { nameOff: u32(at), type: u32(at + 4), flags: u32(at + 8), addr: u32(at + 12), offset: u32(at + 16), size: u32(at + 20), link: u32(at + 24), info: u32(at + 28), align: u32(at + 32), entsize: u32(at + 36) };
  });
  const cstr = (at: number) => {
    let end = at;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(at, end));
  };
  const shstr = raw[shstrndx]!;
  const sections: ReadSection[] = raw.map((s, index) => ({
    index, ...s, name: cstr(shstr.offset + s.nameOff), data: s.type === 8 ? new Uint8Array(0) : bytes.slice(s.offset, s.offset + s.size),
  }));
  const segments: ReadSegment[] = Array.from({ length: phnum }, (_, i) => {
    const at = phoff + i * 32;
    return { type: u32(at), offset: u32(at + 4), vaddr: u32(at + 8), paddr: u32(at + 12), filesz: u32(at + 16), memsz: u32(at + 20), flags: u32(at + 24), align: u32(at + 28) };
  });
  const symtab = sections.find((s) => s.type === 2);
  const symbols: ReadSymbol[] = [];
  if (symtab) {
    const strtab = sections[symtab.link]!;
    for (let at = symtab.offset; at < symtab.offset + symtab.size; at += 16) {
      const info = bytes[at + 12]!;
      symbols.push({ name: cstr(strtab.offset + u32(at)), value: u32(at + 4), size: u32(at + 8), type: info & 0xf, bind: info >> 4, shndx: u16(at + 14) });
    }
  }
  const byName = (name: string) => {
    const s = sections.find((x) => x.name === name);
    if (!s) throw new Error(`no section ${name}`);
    return s;
  };
  return {
    type: u16(16), machine: u16(18), entry: u32(24), flags: u32(36), sections, segments, symbols,
    section: byName,
    symbol: (name) => {
      const s = symbols.find((x) => x.name === name);
      if (!s) throw new Error(`no symbol ${name}`);
      return s;
    },
    relocs: (target) => {
      const t = byName(target);
      const out: ReadReloc[] = [];
      for (const r of sections.filter((s) => (s.type === 9 || s.type === 4) && s.info === t.index)) {
        const size = r.type === 9 ? 8 : 12;
        for (let at = r.offset; at < r.offset + r.size; at += size) {
          const info = u32(at + 4);
          out.push({ offset: u32(at), type: info & 0xff, sym: info >>> 8, addend: r.type === 4 ? v.getInt32(at + 8, true) : undefined });
        }
      }
      return out;
    },
  };
}
