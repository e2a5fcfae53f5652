// Encodes an ObjectFile as an ET_REL relocatable object (`orizon build --emit
// obj`), for GNU ld to link with C objects: arm-none-eabi-ld or
// riscv64-unknown-elf-ld see an object like the ones `as` writes.
//
// - every section keeps its name; each gets a section symbol, which
//   section-relative relocations (string literals, DWARF) are made against;
// - relocations go into `.rel<name>` (ARM: REL, the addend is written into the
//   instruction field by the arch's `storeAddend`) or `.rela<name>` (RISC-V:
//   RELA, the addend is in the record);
// - symbol order: the STT_FILE, section symbols, mapping symbols, locals, then
//   globals and the undefined names the relocations use (gABI: locals first).
import { archBackend } from './arch.ts';
import { validateObject, type ObjectFile, type ObjReloc } from './object.ts';
import { withLineInfo, type DwarfOptions } from './dwarf-line.ts';
import { encodeElf, shndx } from './elf-file.ts';
import { kindTypeFlags, mappingMarkers, type ElfSection } from './sections.ts';
import { SymbolTableBuilder, elfBinding, elfSymbolType } from './symtab.ts';
import { ET_REL, REL_SIZE, RELA_SIZE, SHF_INFO_LINK, SHN_ABS, SHN_UNDEF, SHT_REL, SHT_RELA, STB_LOCAL, STT_NOTYPE } from './elf-types.ts';
import { ByteBuffer } from './bytes.ts';
import { ProblemList } from './errors.ts';
import { describeSite } from './resolve.ts';
import { writeFileAtomic } from './atomic-write.ts';

export interface ObjectWriteOptions {
  /** DWARF line info from the line rows (default on, comp dir = cwd); `false` omits it. */
  debug?: false | Partial<DwarfOptions>;
  /**
   * RISC-V: keep R_RISCV_RELAX markers, letting GNU ld shorten code. Only safe
   * when every PC-relative reference in the object carries a relocation.
   */
  keepRelax?: boolean;
}

export function encodeObject(input: ObjectFile, opts: ObjectWriteOptions = {}): Uint8Array {
  validateObject(input);
  const arch = archBackend(input.arch);
  const obj = opts.debug === false ? input : withLineInfo(input, arch, { compDir: process.cwd(), ...opts.debug });
  const rel = arch.relocFormat === 'rel';

  // Content sections: copies, because REL addends are written into them.
  const sections: ElfSection[] = obj.sections.map((s) => ({
    name: s.name, ...kindTypeFlags(s.kind), addr: 0, align: s.align, entsize: 0, link: 0, info: 0, data: s.data.slice(), size: s.size,
  }));
  const relocs = obj.relocs.filter((r) => !arch.dropInObject(r.type, { keepRelax: !!opts.keepRelax }));
  const bySection = new Map<number, ObjReloc[]>();
  for (const r of relocs) {
    const list = bySection.get(r.section);
    if (list) list.push(r); else bySection.set(r.section, [r]);
  }
  const relocSections = [...bySection.keys()].sort((a, b) => a - b);
  const symtabIndex = shndx(sections.length + relocSections.length);

  // Symbols.
  const syms = new SymbolTableBuilder();
  syms.file(obj.name);
  const sectionSym = obj.sections.map((_s, i) => syms.sectionSymbol(shndx(i)));
  obj.sections.forEach((s, i) => {
    for (const m of mappingMarkers(s)) syms.add({ name: arch.mappingSymbol(m.kind), value: m.offset, size: 0, type: STT_NOTYPE, bind: STB_LOCAL, shndx: shndx(i) });
  });
  const entry = (s: ObjectFile['symbols'][number]) => ({
    name: s.name, value: arch.symbolValue(s.offset, !!s.thumb), size: s.size, type: elfSymbolType(s.type), bind: elfBinding(s.binding),
    shndx: s.section === 'abs' ? SHN_ABS : s.section === 'undef' ? SHN_UNDEF : shndx(s.section),
  });
  const locals = new Map<string, number>();
  for (const s of obj.symbols) if (s.binding === 'local' && s.section !== 'undef') locals.set(s.name, syms.add(entry(s)));
  const globals = new Map<string, number>();
  for (const s of obj.symbols) if (s.binding !== 'local' && s.section !== 'undef' && !globals.has(s.name)) globals.set(s.name, syms.add(entry(s)));
  const weakRefs = new Set(obj.symbols.filter((s) => s.section === 'undef' && s.binding === 'weak').map((s) => s.name));
  const undefinedNames = [
    ...obj.symbols.filter((s) => s.section === 'undef').map((s) => s.name),
    ...relocs.flatMap((r) => (typeof r.target === 'string' ? [r.target] : [])),
  ];
  for (const name of undefinedNames) {
    if (!locals.has(name) && !globals.has(name)) globals.set(name, syms.undefined(name, weakRefs.has(name)));
  }
  const symbolIndex = (r: ObjReloc) => (typeof r.target === 'string' ? locals.get(r.target) ?? globals.get(r.target)! : sectionSym[r.target.section]!);

  // Relocation sections.
  const problems = new ProblemList();
  const relocOut: ElfSection[] = relocSections.map((sec) => {
    const buf = new ByteBuffer();
    for (const r of bySection.get(sec)!) {
      const how = arch.relocs[r.type as keyof typeof arch.relocs];
      const number = arch.relocNumbers[r.type];
      if (!how || number === undefined) {
        problems.add(`relocation ${r.type} at ${describeSite(obj, r.section, r.offset)} is not a ${arch.arch} relocation`);
        continue;
      }
      // Markers (R_RISCV_RELAX, R_ARM_NONE) conventionally name no symbol.
      buf.u32(r.offset).u32(((how.noop ? 0 : symbolIndex(r)) << 8) | number);
      if (!rel) { buf.u32(r.addend); continue; }
      if (how.noop) continue;
      const fault = how.storeAddend ? how.storeAddend(sections[sec]!.data, r.offset, r.addend) : `${r.type} cannot carry an addend in a REL object`;
      if (fault) problems.add(`relocation ${r.type} at ${describeSite(obj, r.section, r.offset)}: addend ${r.addend}: ${fault}`);
    }
    const data = buf.finish();
    return {
      name: `${rel ? '.rel' : '.rela'}${obj.sections[sec]!.name}`, type: rel ? SHT_REL : SHT_RELA, flags: SHF_INFO_LINK, addr: 0, align: 4,
      entsize: rel ? REL_SIZE : RELA_SIZE, link: symtabIndex, info: shndx(sec), data, size: data.length,
    };
  });
  problems.throwIfAny((n) => `cannot write object ${obj.name}: ${n} relocation${n === 1 ? '' : 's'} cannot be encoded`);

  const { symtab, strtab } = syms.finish(symtabIndex + 1);
  return encodeElf({
    type: ET_REL, machine: arch.machine, flags: arch.elfFlags(obj.flags), entry: 0,
    sections: [...sections, ...relocOut, symtab, strtab], segments: [],
  });
}

export function writeObject(obj: ObjectFile, path: string, opts: ObjectWriteOptions = {}): void {
  writeFileAtomic(path, encodeObject(obj, opts));
}
