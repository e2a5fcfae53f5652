// ELF sections as both writers see them: a name, a type, flags, an address and
// contents. This file also owns the mapping from the data model's section kinds
// to ELF types/flags and to the output section each kind is merged into.
import type { Marker, ObjSection, SectionKind } from './object.ts';
import {
  SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS,
} from './elf-types.ts';
import type { ByteBuffer } from './bytes.ts';

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  /** Run address (VMA); 0 in relocatable objects and for non-allocated sections. */
  addr: number;
  align: number;
  entsize: number;
  /** sh_link / sh_info: section indices (or the symtab's first-global index), set by the caller. */
  link: number;
  info: number;
  /** Contents; empty for SHT_NOBITS. */
  data: Uint8Array;
  size: number;
}

/** ELF type and flags of a data-model section kind. */
export function kindTypeFlags(kind: SectionKind): { type: number; flags: number } {
  switch (kind) {
    case 'text': return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR };
    // The vector table is read by the hardware, not executed: allocated, read-only.
    case 'vectors': return { type: SHT_PROGBITS, flags: SHF_ALLOC };
    case 'rodata': return { type: SHT_PROGBITS, flags: SHF_ALLOC };
    case 'data': return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE };
    case 'bss': return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE };
    case 'debug': return { type: SHT_PROGBITS, flags: 0 };
  }
}

/**
 * Output section of each loadable kind, in placement order: flash holds the
 * vector table first (Cortex-M fetches SP and reset from the start of flash),
 * then code and constants; RAM holds .data (loaded from flash) and .bss.
 */
export const OUTPUT_ORDER: readonly { kind: Exclude<SectionKind, 'debug'>; name: string; region: 'flash' | 'ram' }[] = [
  { kind: 'vectors', name: '.vectors', region: 'flash' },
  { kind: 'text', name: '.text', region: 'flash' },
  { kind: 'rodata', name: '.rodata', region: 'flash' },
  { kind: 'data', name: '.data', region: 'ram' },
  { kind: 'bss', name: '.bss', region: 'ram' },
];

/** Appends one Elf32_Shdr. */
export function writeSectionHeader(out: ByteBuffer, s: ElfSection, nameOffset: number, fileOffset: number): void {
  out.u32(nameOffset).u32(s.type).u32(s.flags).u32(s.addr).u32(fileOffset)
    .u32(s.size).u32(s.link).u32(s.info).u32(s.align).u32(s.entsize);
}

/**
 * Mapping-symbol positions of a section: its markers, plus "code at 0" for a
 * text section that does not say otherwise (so code sections always start in
 * a known state for disassemblers).
 */
export function mappingMarkers(s: ObjSection): Marker[] {
  const markers = [...(s.markers ?? [])].sort((a, b) => a.offset - b.offset);
  if (s.kind === 'text' && !markers.some((m) => m.offset === 0)) markers.unshift({ offset: 0, kind: 'code' });
  return markers;
}
