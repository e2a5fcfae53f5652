// The in-memory object: what a code generator hands to the linker (`link.ts`) or
// to the relocatable-object writer (`write-obj.ts`). It is plain data — no ELF
// indices, no string tables, no encoded relocation records — so a back end never
// needs to know ELF, and the same object can become an executable or a `.o`.
//
// Invariants (checked by `validateObject`, which both consumers call):
// - every section's `align` is a power of two; `data.length === size`, except
//   `bss` sections, whose `data` is empty;
// - symbols and relocations point inside their section;
// - `thumb` is only set on ARM function symbols;
// - relocation `type` belongs to the object's `arch` (an ARM object cannot carry
//   a RISC-V relocation); the arch files say how wide each field is.
//
// Addends follow the psABI of the target, exactly as they would appear in a RELA
// record: for ARM Thumb branches that includes the -4 pipeline bias GNU as writes
// (`bl foo` → R_ARM_THM_CALL foo-4); RISC-V PC-relative relocations have none.
// The linker overwrites a relocation's field and keeps the other bits of the
// instruction, so a generator emits the instruction with a zero field (for
// R_ARM_THM_CALL/JUMP24 even the opcode bits are written, as the type fixes them).
//
// Example (a Thumb `main` calling an external `c_helper`):
//   const b = new ObjectBuilder('main.oriz', 'arm');
//   const text = b.section('.text.main', 'text', { align: 4 });
//   const at = b.emit(text, code);                 // bytes from the encoder
//   b.symbol({ name: 'main', section: text, offset: at, size: code.length,
//              binding: 'global', type: 'func', thumb: true });
//   b.reloc(text, at + 6, 'R_ARM_THM_CALL', 'c_helper', -4);
//   b.line(text, at, 'main.oriz', 3, 1);
//   const obj = b.finish();                          // validated ObjectFile
import type { RelocType } from './elf-types.ts';
import { isPowerOfTwo } from './bytes.ts';
import { LinkError } from './errors.ts';

export type Arch = 'arm' | 'riscv32';

/**
 * What a section holds; the linker places sections by kind, not by name:
 * `vectors` first in flash, then `text`, `rodata`, the load image of `data`;
 * `data` then `bss` in RAM. `debug` sections are not loaded.
 */
export type SectionKind = 'text' | 'rodata' | 'data' | 'bss' | 'vectors' | 'debug';

/** Index into `ObjectFile.sections`. */
export type SectionId = number;

export interface ObjSection {
  /** ELF name, e.g. `.text.main` (one section per function lets the linker drop unused code). */
  name: string;
  kind: SectionKind;
  /** Power of two. */
  align: number;
  /** Contents; empty for `bss`. */
  data: Uint8Array;
  /** Size in bytes (`data.length` except for `bss`). */
  size: number;
  /** Never garbage-collected, e.g. a handler only the hardware refers to. */
  retain?: boolean;
  /**
   * Where code and data start inside the section, for disassemblers and
   * debuggers (ARM `$t`/`$d`, RISC-V `$x`/`$d` mapping symbols). A `text`
   * section without markers is all code; give a `data` marker for literal pools.
   */
  markers?: Marker[];
}

export interface Marker {
  offset: number;
  kind: 'code' | 'data';
}

export type Binding = 'local' | 'global' | 'weak';
export type SymbolType = 'func' | 'object' | 'notype';

export interface ObjSymbol {
  name: string;
  /** Defining section; `undef` declares an external (e.g. a weak reference); `abs` a constant. */
  section: SectionId | 'undef' | 'abs';
  /** Offset in the section (for `abs`: the value). */
  offset: number;
  size: number;
  binding: Binding;
  type: SymbolType;
  /** ARM only: a Thumb function. Its address has bit 0 set when taken (ABS32, MOVW, symbol table). */
  thumb?: boolean;
}

/** What a relocation refers to: a symbol name, or a section of the same object. */
export type RelocTarget = string | { section: SectionId };

export interface ObjReloc {
  /** Section being patched. */
  section: SectionId;
  offset: number;
  type: RelocType;
  /**
   * A name resolves to this object's local symbol of that name first, then to
   * a global. A section target is section-relative (e.g. a string literal).
   */
  target: RelocTarget;
  /** psABI addend (see the header comment). */
  addend: number;
}

/** One row of the line table: code at `section+offset` came from `file:line:column`. */
export interface LineRow {
  section: SectionId;
  offset: number;
  file: string;
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
}

/** Properties recorded in the ELF header flags. */
export interface TargetFlags {
  /** How floating-point arguments are passed: in integer registers (`soft`) or FP registers. */
  floatAbi: 'soft' | 'single' | 'double';
  /** RISC-V: code may contain compressed (RVC) instructions. Ignored on ARM. */
  compressed: boolean;
}

export interface ObjectFile {
  /** Shown in diagnostics and used as the DWARF compile unit / STT_FILE name. */
  name: string;
  arch: Arch;
  flags: TargetFlags;
  sections: ObjSection[];
  symbols: ObjSymbol[];
  relocs: ObjReloc[];
  lines: LineRow[];
}

export function defaultFlags(arch: Arch): TargetFlags {
  return { floatAbi: 'soft', compressed: arch === 'riscv32' };
}

/** Accumulates an ObjectFile; `emit` appends bytes so encoders can stream code. */
export class ObjectBuilder {
  private readonly chunks: Uint8Array[][] = [];
  private readonly obj: ObjectFile;

  constructor(name: string, arch: Arch, flags: Partial<TargetFlags> = {}) {
    this.obj = { name, arch, flags: { ...defaultFlags(arch), ...flags }, sections: [], symbols: [], relocs: [], lines: [] };
  }

  section(name: string, kind: SectionKind, opts: { align?: number; retain?: boolean } = {}): SectionId {
    this.obj.sections.push({ name, kind, align: opts.align ?? 1, data: new Uint8Array(0), size: 0, retain: opts.retain, markers: [] });
    this.chunks.push([]);
    return this.obj.sections.length - 1;
  }

  /** Appends bytes (padding with zeros to `align` first); returns their offset. */
  emit(sec: SectionId, bytes: Uint8Array, align = 1): number {
    const s = this.sec(sec);
    if (s.kind === 'bss') throw new Error(`emit into bss section ${s.name}; use reserve`);
    const pad = (align - (s.size % align)) % align;
    if (pad) this.chunks[sec]!.push(new Uint8Array(pad));
    const at = s.size + pad;
    this.chunks[sec]!.push(bytes);
    s.size = at + bytes.length;
    if (align > s.align) s.align = align;
    return at;
  }

  /** Reserves zero-initialised space (any section kind); returns its offset. */
  reserve(sec: SectionId, size: number, align = 1): number {
    const s = this.sec(sec);
    const at = Math.ceil(s.size / align) * align;
    if (s.kind !== 'bss') this.chunks[sec]!.push(new Uint8Array(at + size - s.size));
    s.size = at + size;
    if (align > s.align) s.align = align;
    return at;
  }

  symbol(sym: ObjSymbol): void {
    this.obj.symbols.push(sym);
  }

  reloc(section: SectionId, offset: number, type: RelocType, target: RelocTarget, addend = 0): void {
    this.obj.relocs.push({ section, offset, type, target, addend });
  }

  line(section: SectionId, offset: number, file: string, line: number, column = 0): void {
    this.obj.lines.push({ section, offset, file, line, column });
  }

  marker(section: SectionId, offset: number, kind: 'code' | 'data'): void {
    this.sec(section).markers!.push({ offset, kind });
  }

  /** Concatenates the emitted bytes and validates the result. */
  finish(): ObjectFile {
    this.obj.sections.forEach((s, i) => {
      if (s.kind === 'bss') return;
      const data = new Uint8Array(s.size);
      let at = 0;
      for (const c of this.chunks[i]!) { data.set(c, at); at += c.length; }
      s.data = data;
    });
    validateObject(this.obj);
    return this.obj;
  }

  private sec(id: SectionId): ObjSection {
    const s = this.obj.sections[id];
    if (!s) throw new Error(`no section ${id}`);
    return s;
  }
}

/** Checks the invariants above; throws a LinkError listing every violation. */
export function validateObject(obj: ObjectFile): void {
  const bad: string[] = [];
  const where = (sec: SectionId) => `${obj.name}(${obj.sections[sec]?.name ?? `#${sec}`})`;
  const inSection = (sec: SectionId, off: number, what: string) => {
    const s = obj.sections[sec];
    if (!s) bad.push(`${what} refers to section #${sec}, which does not exist`);
    else if (!Number.isInteger(off) || off < 0 || off > s.size) bad.push(`${what} at offset ${off} is outside ${where(sec)} (size ${s.size})`);
  };
  obj.sections.forEach((s, i) => {
    if (!isPowerOfTwo(s.align)) bad.push(`section ${where(i)} has alignment ${s.align}, not a power of two`);
    if (s.kind === 'bss' ? s.data.length !== 0 : s.data.length !== s.size) bad.push(`section ${where(i)}: size ${s.size} but ${s.data.length} bytes of data`);
    for (const m of s.markers ?? []) inSection(i, m.offset, `marker`);
  });
  for (const sym of obj.symbols) {
    if (sym.name === '') bad.push(`a symbol in ${obj.name} has an empty name`);
    if (typeof sym.section === 'number') inSection(sym.section, sym.offset, `symbol \`${sym.name}\``);
    if (sym.thumb && (obj.arch !== 'arm' || sym.type !== 'func')) bad.push(`symbol \`${sym.name}\`: only ARM functions can be Thumb`);
    if (sym.section === 'undef' && sym.binding === 'local') bad.push(`undefined symbol \`${sym.name}\` cannot be local`);
  }
  for (const r of obj.relocs) {
    inSection(r.section, r.offset, `relocation ${r.type}`);
    if (obj.sections[r.section]?.kind === 'bss') bad.push(`relocation ${r.type} patches bss section ${where(r.section)}, which has no contents`);
    if (typeof r.target !== 'string') inSection(r.target.section, 0, `relocation ${r.type} target`);
    if (!Number.isInteger(r.addend)) bad.push(`relocation ${r.type} in ${where(r.section)}: addend ${r.addend} is not an integer`);
  }
  for (const l of obj.lines) {
    inSection(l.section, l.offset, `line row ${l.file}:${l.line}`);
    if (obj.sections[l.section] && obj.sections[l.section]!.kind !== 'text' && obj.sections[l.section]!.kind !== 'vectors') bad.push(`line row ${l.file}:${l.line} is in non-code section ${where(l.section)}`);
    if (!(l.line >= 1)) bad.push(`line row in ${where(l.section)} has line ${l.line}; lines start at 1`);
  }
  if (bad.length) throw new LinkError(`invalid object ${obj.name}`, bad);
}
