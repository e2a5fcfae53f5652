// Serialises a whole ELF32 file: header, program headers, section contents,
// section header table. Both writers (write-exec.ts, write-obj.ts) describe
// their file as sections (+ segments for executables) and let this file place
// the bytes.
//
// File layout: [Ehdr][Phdrs][segment contents][other sections][Shdrs].
// Invariants the loaders rely on:
// - a segment's sections sit in the file exactly as in memory (offset − p_offset
//   == addr − p_vaddr), gaps included, so one contiguous read loads the segment;
// - p_offset ≡ p_vaddr (mod p_align), as the gABI requires of PT_LOAD;
// - the .shstrtab is the last section; e_shstrndx points at it.
import { ByteBuffer, alignUp } from './bytes.ts';
import {
  EHDR_SIZE, ELFCLASS32, ELFDATA2LSB, ELFOSABI_NONE, EV_CURRENT, PHDR_SIZE, SHDR_SIZE, SHT_NOBITS, SHT_STRTAB,
} from './elf-types.ts';
import { writeSectionHeader, type ElfSection } from './sections.ts';
import { StringTable } from './strtab.ts';

export interface ElfSegment {
  type: number;
  flags: number;
  /** Load address (LMA); differs from the first section's address for .data. */
  paddr: number;
  align: number;
  /** Indices into `ElfImage.sections`, in address order, contiguous in memory. */
  sections: number[];
}

export interface ElfImage {
  type: number;
  machine: number;
  flags: number;
  entry: number;
  /** Sections 1..n (the NULL section 0 and .shstrtab are added here). */
  sections: ElfSection[];
  segments: ElfSegment[];
}

/** ELF section index of `sections[i]` (index 0 is the NULL section). */
export const shndx = (i: number): number => i + 1;

export function encodeElf(img: ElfImage): Uint8Array {
  const shstr = new StringTable();
  const names = img.sections.map((s) => shstr.add(s.name));
  const shstrName = shstr.add('.shstrtab');
  const shstrData = shstr.finish();

  const offsets: (number | undefined)[] = img.sections.map(() => undefined);
  let pos = EHDR_SIZE + PHDR_SIZE * img.segments.length;

  // Segments: place member sections at their memory distance from the segment start.
  const phdrs = img.segments.map((seg) => {
    const members = seg.sections.map((i) => img.sections[i]!);
    const vaddr = members[0]?.addr ?? 0;
    const align = Math.max(seg.align, 1);
    pos += (((vaddr - pos) % align) + align) % align; // p_offset ≡ p_vaddr (mod p_align)
    const offset = pos;
    let filesz = 0;
    let memsz = 0;
    for (const [k, s] of members.entries()) {
      const rel = s.addr - vaddr;
      offsets[seg.sections[k]!] = offset + rel;
      if (s.type !== SHT_NOBITS) filesz = rel + s.size;
      memsz = rel + s.size;
    }
    pos = offset + filesz;
    return { seg, offset, vaddr, filesz, memsz };
  });

  // Everything else (debug, symbols, relocations), each at its own alignment.
  img.sections.forEach((s, i) => {
    if (offsets[i] !== undefined) return;
    pos = alignUp(pos, Math.max(s.align, 1));
    offsets[i] = pos;
    if (s.type !== SHT_NOBITS) pos += s.size;
  });
  const shstrOffset = pos;
  pos += shstrData.length;
  const shoff = alignUp(pos, 4);
  const shnum = img.sections.length + 2;

  const out = new ByteBuffer(shoff + shnum * SHDR_SIZE);
  // Elf32_Ehdr
  out.bytes(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ELFCLASS32, ELFDATA2LSB, EV_CURRENT, ELFOSABI_NONE])).padTo(16);
  out.u16(img.type).u16(img.machine).u32(EV_CURRENT).u32(img.entry)
    .u32(img.segments.length ? EHDR_SIZE : 0).u32(shoff).u32(img.flags)
    .u16(EHDR_SIZE).u16(img.segments.length ? PHDR_SIZE : 0).u16(img.segments.length)
    .u16(SHDR_SIZE).u16(shnum).u16(shnum - 1);
  for (const p of phdrs) {
    out.u32(p.seg.type).u32(p.offset).u32(p.vaddr).u32(p.seg.paddr).u32(p.filesz).u32(p.memsz).u32(p.seg.flags).u32(p.seg.align);
  }

  // Contents, in file order (gaps between sections of a segment stay zero).
  const order = img.sections.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  for (const i of order) {
    const s = img.sections[i]!;
    if (s.type === SHT_NOBITS || s.size === 0) continue;
    out.padTo(Math.max(out.length, offsets[i]!));
    if (out.length !== offsets[i]) throw new Error(`internal: section ${s.name} overlaps the previous one in the file`);
    out.bytes(s.data);
  }
  out.padTo(shstrOffset).bytes(shstrData).padTo(shoff);

  // Section header table: NULL, the caller's sections, .shstrtab.
  out.padTo(out.length + SHDR_SIZE);
  img.sections.forEach((s, i) => writeSectionHeader(out, s, names[i]!, offsets[i]!));
  writeSectionHeader(out, { name: '.shstrtab', type: SHT_STRTAB, flags: 0, addr: 0, align: 1, entsize: 0, link: 0, info: 0, data: shstrData, size: shstrData.length }, shstrName, shstrOffset);
  return out.finish();
}
