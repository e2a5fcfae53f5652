// Builds Orizon ObjectFiles for the linker tests from assembly snippets. The
// Thumb and RV32 encoders are written elsewhere at the same time, so machine
// code comes from GNU as — but only the bytes and label offsets are taken from
// it: the sections, symbols and every relocation are declared by the test and
// go through the Orizon linker/writers (the assembler's own relocations are
// ignored; the linker overwrites relocated fields).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sh } from '../../helpers/exec.ts';
import { tool } from '../../helpers/tools.ts';
import { readElf } from './elf-read.ts';
import { ObjectBuilder, type Arch, type Binding, type ObjectFile, type SectionKind, type SymbolType } from '../../../sdk/src/link/object.ts';
import type { RelocType } from '../../../sdk/src/link/elf-types.ts';

export interface AsmSection {
  kind: SectionKind;
  /** Name in the Orizon object (default: the assembler's section name). */
  name?: string;
  retain?: boolean;
  /** Labels where literal data starts / code resumes (mapping symbols). */
  data?: string[];
  code?: string[];
}

export interface AsmSymbol {
  /** A label in the snippet. */
  name: string;
  binding?: Binding;
  type?: SymbolType;
  thumb?: boolean;
  /** Default: the `.size` the snippet gives, else 0. */
  size?: number;
}

export interface AsmReloc {
  /** Label at the patched place; `delta` bytes after it. */
  at: string;
  delta?: number;
  type: RelocType;
  /**
   * A symbol name, or a section of the snippet (section-relative, as a code
   * generator does for unnamed literals); `label` adds that label's offset to the addend.
   */
  target: string | { section: string; label?: string };
  addend?: number;
}

export interface AsmObject {
  name: string;
  arch: Arch;
  source: string;
  sections: Record<string, AsmSection>;
  symbols?: AsmSymbol[];
  relocs?: AsmReloc[];
  lines?: { at: string; file: string; line: number; column?: number }[];
}

export interface Assembled {
  sections: Map<string, Uint8Array>;
  labels: Map<string, { section: string; offset: number; size: number }>;
}

/** Assembles a snippet and returns section bytes and label offsets. */
export function assemble(arch: Arch, source: string): Assembled {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-asm-'));
  try {
    const src = join(dir, 'snippet.S');
    const obj = join(dir, 'snippet.o');
    writeFileSync(src, source);
    if (arch === 'arm') sh(tool('arm-as'), ['-mcpu=cortex-m3', '-mthumb', '-o', obj, src]);
    else sh(tool('rv-as'), ['-march=rv32imac', '-mabi=ilp32', '-mno-relax', '-o', obj, src]);
    const elf = readElf(readFileSync(obj));
    const sections = new Map<string, Uint8Array>();
    for (const s of elf.sections) if (s.type === 1 || s.type === 8) sections.set(s.name, s.type === 8 ? new Uint8Array(s.size) : s.data);
    const labels = new Map<string, { section: string; offset: number; size: number }>();
    for (const sym of elf.symbols) {
      const sec = elf.sections[sym.shndx];
      if (!sec || sym.name === '' || sym.type === 3 || sym.type === 4 || sym.name.startsWith('$')) continue;
      labels.set(sym.name, { section: sec.name, offset: sym.type === 2 && arch === 'arm' ? sym.value & ~1 : sym.value, size: sym.size });
    }
    return { sections, labels };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An ObjectFile whose bytes come from `spec.source` and whose metadata comes from `spec`. */
export function objectFromAsm(spec: AsmObject): ObjectFile {
  const asm = assemble(spec.arch, spec.source);
  const b = new ObjectBuilder(spec.name, spec.arch);
  const ids = new Map<string, number>();
  for (const [asmName, s] of Object.entries(spec.sections)) {
    const bytes = asm.sections.get(asmName);
    if (!bytes) throw new Error(`snippet has no section ${asmName}`);
    const id = b.section(s.name ?? asmName, s.kind, { align: 4, retain: s.retain });
    if (s.kind === 'bss') b.reserve(id, bytes.length); else b.emit(id, bytes);
    ids.set(asmName, id);
  }
  const label = (name: string) => {
    const l = asm.labels.get(name);
    if (!l) throw new Error(`snippet has no label ${name}`);
    const id = ids.get(l.section);
    if (id === undefined) throw new Error(`label ${name} is in section ${l.section}, which the spec does not list`);
    return { id, ...l };
  };
  for (const [asmName, s] of Object.entries(spec.sections)) {
    const id = ids.get(asmName)!;
    if (s.kind === 'text') b.marker(id, 0, 'code');
    for (const l of s.data ?? []) b.marker(id, label(l).offset, 'data');
    for (const l of s.code ?? []) b.marker(id, label(l).offset, 'code');
  }
  for (const s of spec.symbols ?? []) {
    const l = label(s.name);
    b.symbol({ name: s.name, section: l.id, offset: l.offset, size: s.size ?? l.size, binding: s.binding ?? 'global', type: s.type ?? 'func', thumb: s.thumb ?? (spec.arch === 'arm' && (s.type ?? 'func') === 'func') });
  }
  for (const r of spec.relocs ?? []) {
    const l = label(r.at);
    const target = typeof r.target === 'string' ? r.target : { section: ids.get(r.target.section)! };
    const extra = typeof r.target !== 'string' && r.target.label ? label(r.target.label).offset : 0;
    b.reloc(l.id, l.offset + (r.delta ?? 0), r.type, target, (r.addend ?? 0) + extra);
  }
  for (const row of spec.lines ?? []) {
    const l = label(row.at);
    b.line(l.id, l.offset, row.file, row.line, row.column ?? 0);
  }
  return b.finish();
}
