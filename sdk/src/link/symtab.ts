// The ELF symbol table (.symtab + its .strtab). The gABI requires every local
// symbol to precede every global one, with sh_info = index of the first global;
// this builder enforces that order instead of sorting, so the index `add`
// returns is final (write-obj.ts needs it for relocation records).
import { ByteBuffer } from './bytes.ts';
import {
  SHN_ABS, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_FUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION,
  STV_DEFAULT, SHT_STRTAB, SHT_SYMTAB, SYM_SIZE,
} from './elf-types.ts';
import type { Binding, SymbolType } from './object.ts';
import type { ElfSection } from './sections.ts';
import { StringTable } from './strtab.ts';

export interface SymbolEntry {
  name: string;
  value: number;
  size: number;
  type: number;
  bind: number;
  /** ELF section index, SHN_ABS or SHN_UNDEF. */
  shndx: number;
}

export function elfBinding(b: Binding): number {
  return b === 'local' ? STB_LOCAL : b === 'weak' ? STB_WEAK : STB_GLOBAL;
}

export function elfSymbolType(t: SymbolType): number {
  return t === 'func' ? STT_FUNC : t === 'object' ? STT_OBJECT : STT_NOTYPE;
}

export class SymbolTableBuilder {
  private readonly out = new ByteBuffer();
  private readonly strtab = new StringTable();
  private count = 1;
  private firstGlobal = -1;

  constructor() {
    this.out.padTo(SYM_SIZE); // index 0: the reserved undefined symbol
  }

  /** Adds a symbol and returns its index; locals must all come before globals. */
  add(e: SymbolEntry): number {
    if (e.bind === STB_LOCAL) {
      if (this.firstGlobal >= 0) throw new Error(`internal: local symbol ${e.name} added after the globals`);
    } else if (this.firstGlobal < 0) {
      this.firstGlobal = this.count;
    }
    // Section and mapping-symbol names are conventionally nameless / shared.
    const name = e.type === STT_SECTION ? 0 : this.strtab.add(e.name);
    this.out.u32(name).u32(e.value >>> 0).u32(e.size).u8((e.bind << 4) | e.type).u8(STV_DEFAULT).u16(e.shndx);
    return this.count++;
  }

  file(name: string): number {
    return this.add({ name, value: 0, size: 0, type: STT_FILE, bind: STB_LOCAL, shndx: SHN_ABS });
  }

  sectionSymbol(shndx: number): number {
    return this.add({ name: '', value: 0, size: 0, type: STT_SECTION, bind: STB_LOCAL, shndx });
  }

  undefined(name: string, weak: boolean): number {
    return this.add({ name, value: 0, size: 0, type: STT_NOTYPE, bind: weak ? STB_WEAK : STB_GLOBAL, shndx: SHN_UNDEF });
  }

  /**
   * The .symtab and .strtab sections. `strtabIndex` is the ELF index the
   * .strtab will have (the .symtab's sh_link).
   */
  finish(strtabIndex: number): { symtab: ElfSection; strtab: ElfSection } {
    const data = this.out.finish();
    const strs = this.strtab.finish();
    return {
      symtab: { name: '.symtab', type: SHT_SYMTAB, flags: 0, addr: 0, align: 4, entsize: SYM_SIZE, link: strtabIndex, info: this.firstGlobal < 0 ? this.count : this.firstGlobal, data, size: data.length },
      strtab: { name: '.strtab', type: SHT_STRTAB, flags: 0, addr: 0, align: 1, entsize: 0, data: strs, size: strs.length, link: 0, info: 0 },
    };
  }
}
