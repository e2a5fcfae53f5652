// Encodes a LinkedImage as an ET_EXEC file: program headers for loaders (QEMU,
// gdb `load`, flashers) and section headers plus .symtab/.strtab for the tools
// (objdump, nm, size, readelf, gdb).
//
// Segments, in this order:
//   flash  PT_LOAD R(X)  .vectors .text .rodata     p_paddr = p_vaddr
//   data   PT_LOAD RW    .data                      p_vaddr in RAM, p_paddr = its image in flash
//   bss    PT_LOAD RW    .bss (no file bytes)       p_paddr = p_vaddr
// A loader that honours p_paddr (QEMU, gdb, objcopy) puts the .data image in
// flash, where the startup code copies it from; .bss gets its own segment so no
// loader zero-fills past the .data image in flash.
import { archBackend } from './arch.ts';
import type { LinkedImage } from './link.ts';
import type { OutputSection } from './layout.ts';
import { encodeElf, shndx, type ElfSegment } from './elf-file.ts';
import { kindTypeFlags, type ElfSection } from './sections.ts';
import { SymbolTableBuilder } from './symtab.ts';
import { ET_EXEC, PF_R, PF_W, PF_X, PT_LOAD, SHN_ABS } from './elf-types.ts';
import { writeFileAtomic } from './atomic-write.ts';

export function encodeExecutable(img: LinkedImage): Uint8Array {
  const arch = archBackend(img.arch);
  const out: ElfSection[] = img.sections.map((s) => ({
    name: s.name, ...kindTypeFlags(s.kind), addr: s.addr, align: s.align, entsize: 0, link: 0, info: 0, data: s.data, size: s.size,
  }));
  const index = new Map<OutputSection, number>(img.sections.map((s, i) => [s, i]));

  const segments: ElfSegment[] = [];
  const indicesOf = (pred: (s: OutputSection) => boolean) => img.sections.flatMap((s, i) => (pred(s) ? [i] : []));
  const flash = indicesOf((s) => s.kind === 'vectors' || s.kind === 'text' || s.kind === 'rodata');
  const maxAlign = (ix: number[]) => Math.max(4, ...ix.map((i) => img.sections[i]!.align));
  if (flash.length) {
    const exec = flash.some((i) => img.sections[i]!.kind === 'text');
    segments.push({ type: PT_LOAD, flags: PF_R | (exec ? PF_X : 0), paddr: img.sections[flash[0]!]!.lma, align: maxAlign(flash), sections: flash });
  }
  for (const kind of ['data', 'bss'] as const) {
    const ix = indicesOf((s) => s.kind === kind);
    if (ix.length) segments.push({ type: PT_LOAD, flags: PF_R | PF_W, paddr: img.sections[ix[0]!]!.lma, align: maxAlign(ix), sections: ix });
  }

  const syms = new SymbolTableBuilder();
  for (const s of img.symbols) {
    syms.add({ name: s.name, value: s.value, size: s.size, type: s.type, bind: s.bind, shndx: s.section === 'abs' ? SHN_ABS : shndx(index.get(s.section)!) });
  }
  const { symtab, strtab } = syms.finish(shndx(out.length + 1));
  out.push(symtab, strtab);

  return encodeElf({ type: ET_EXEC, machine: arch.machine, flags: arch.elfFlags(img.flags), entry: img.entry, sections: out, segments });
}

/** Encodes and writes atomically; executables get mode 0755 as from other linkers. */
export function writeExecutable(img: LinkedImage, path: string): void {
  writeFileAtomic(path, encodeExecutable(img), 0o755);
}
