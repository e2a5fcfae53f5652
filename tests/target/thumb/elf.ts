// Minimal ELF32 little-endian reader for GNU as output in tests: section
// contents, symbols and REL relocations. (The SDK's own ELF code lives in
// sdk/src/link; tests read the oracle's objects independently of it.)

export interface ElfSymbol { name: string; value: number; section: string | undefined; bind: number; type: number }
export interface ElfReloc { offset: number; type: number; symbol: string }
export interface ElfSection { name: string; data: Uint8Array }
export interface ElfObject {
  sections: Map<string, ElfSection>;
  symbols: ElfSymbol[];
  /** Relocations by the name of the section they apply to. */
  relocs: Map<string, ElfReloc[]>;
}

export const RELOC_NAMES: Record<number, string> = {
  2: 'R_ARM_ABS32', 10: 'R_ARM_THM_CALL', 30: 'R_ARM_THM_JUMP24', 51: 'R_ARM_THM_JUMP19',
  47: 'R_ARM_THM_MOVW_ABS_NC', 48: 'R_ARM_THM_MOVT_ABS',
};

export function readElf(buf: Uint8Array): ElfObject {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  const shoff = u32(0x20);
  const shentsize = u16(0x2e);
  const shnum = u16(0x30);
  const shstrndx = u16(0x32);
  const sh = Array.from({ length: shnum }, (_, i) => {
    const o = shoff + i * shentsize;
    return { name: u32(o), type: u32(o + 4), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24), info: u32(o + 28), entsize: u32(o + 36) };
  });
  const str = (tab: number, off: number): string => {
    const base = sh[tab]!.offset + off;
    let end = base;
    while (buf[end] !== 0) end++;
    return Buffer.from(buf.subarray(base, end)).toString('latin1');
  };
  const names = sh.map((s) => str(shstrndx, s.name));
  const sections = new Map<string, ElfSection>();
  sh.forEach((s, i) => {
    if (i === 0) return;
    sections.set(names[i]!, { name: names[i]!, data: s.type === 8 ? new Uint8Array(s.size) : buf.subarray(s.offset, s.offset + s.size) });
  });
  const symbols: ElfSymbol[] = [];
  const symtabIdx = sh.findIndex((s) => s.type === 2);
  if (symtabIdx >= 0) {
    const st = sh[symtabIdx]!;
    for (let o = st.offset; o < st.offset + st.size; o += 16) {
      const shndx = u16(o + 14);
      const info = buf[o + 12]!;
      const type = info & 15;
      const name = type === 3 ? names[shndx]! : str(st.link, u32(o));
      symbols.push({ name, value: u32(o + 4), section: shndx > 0 && shndx < shnum ? names[shndx] : undefined, bind: info >> 4, type });
    }
  }
  const relocs = new Map<string, ElfReloc[]>();
  sh.forEach((s) => {
    if (s.type !== 9) return;
    const list: ElfReloc[] = [];
    for (let o = s.offset; o < s.offset + s.size; o += 8) {
      const info = u32(o + 4);
      list.push({ offset: u32(o), type: info & 0xff, symbol: symbols[info >>> 8]?.name ?? '' });
    }
    relocs.set(names[s.info]!, list);
  });
  return { sections, symbols, relocs };
}
