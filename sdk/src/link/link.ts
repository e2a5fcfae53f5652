// Whole-program link: objects in, a laid-out image out (write-exec.ts encodes it).
//
// Phases, each in its own file and each reporting all of its problems at once:
//   1. check     objects are valid and agree on the target (object.ts)
//   2. resolve   one symbol table; duplicate definitions fail (resolve.ts)
//   3. gc        keep sections reachable from vectors/entry/retain (gc.ts)
//   4. undefined references from live code fail (resolve.ts)
//   5. debug     DWARF line info for the live code (dwarf-line.ts)
//   6. layout    addresses in flash and RAM, linker symbols (layout.ts)
//   7. relocate  patch every reference, with range checks (relocate.ts)
//   8. symbols   the output symbol table
// Nothing here depends on the architecture except through `archBackend`.
import { archBackend, type ArchBackend } from './arch.ts';
import { validateObject, type Arch, type ObjectFile, type TargetFlags } from './object.ts';
import { SymbolTable, undefinedReferences } from './resolve.ts';
import { collectGarbage } from './gc.ts';
import { layoutSections, LINKER_SYMBOLS, type InputSection, type MemoryLayout, type OutputSection, type Layout } from './layout.ts';
import { withLineInfo, type DwarfOptions } from './dwarf-line.ts';
import { applyRelocations, definitionAddress } from './relocate.ts';
import { elfBinding, elfSymbolType } from './symtab.ts';
import { mappingMarkers } from './sections.ts';
import { LinkError } from './errors.ts';
import { STB_GLOBAL, STB_LOCAL, STT_FILE, STT_NOTYPE } from './elf-types.ts';

export interface LinkOptions {
  layout: MemoryLayout;
  /** Entry symbol for e_entry. Default `_start`; when that is absent too, the start of flash. */
  entry?: string;
  /** Drop unreachable sections (default true). */
  gcSections?: boolean;
  /** DWARF line info from the objects' line rows (default on, comp dir = cwd); `false` omits it. */
  debug?: false | Partial<DwarfOptions>;
}

export interface OutputSymbol {
  name: string;
  /** As stored in the symbol table (ARM Thumb functions have bit 0 set). */
  value: number;
  size: number;
  /** STT_* and STB_* values. */
  type: number;
  bind: number;
  section: OutputSection | 'abs';
}

export interface LinkedImage {
  arch: Arch;
  flags: TargetFlags;
  entry: number;
  /** Loadable sections in address order (flash, then RAM), then debug sections. */
  sections: OutputSection[];
  /** Locals (grouped per object after its STT_FILE symbol), then globals. */
  symbols: OutputSymbol[];
}

export function link(inputs: readonly ObjectFile[], opts: LinkOptions): LinkedImage {
  if (inputs.length === 0) throw new LinkError('nothing to link: no objects');
  for (const o of inputs) validateObject(o);
  const arch = archBackend(inputs[0]!.arch);
  const flags = mergeFlags(inputs);

  const table = new SymbolTable(inputs);
  const entryName = opts.entry ?? '_start';
  const live = collectGarbage(inputs, table, entryName, opts.gcSections ?? true);
  undefinedReferences(inputs, table, live);

  const objs = opts.debug === false ? [...inputs] : inputs.map((o, i) => {
    const withDebug = withLineInfo(o, arch, { compDir: process.cwd(), ...opts.debug }, (s) => live[i]![s]!);
    for (let s = o.sections.length; s < withDebug.sections.length; s++) live[i]![s] = true;
    return withDebug;
  });

  const placed: InputSection[] = [];
  objs.forEach((o, oi) => o.sections.forEach((section, id) => { if (live[oi]![id]) placed.push({ obj: oi, id, section }); }));
  const layout = layoutSections(placed, objs.length, opts.layout, arch.codeFill(flags));
  applyRelocations(objs, table, layout, arch);

  let entry = layout.sections.find((s) => s.kind !== 'debug')?.addr ?? opts.layout.flash.origin;
  const entryDef = table.globals.get(entryName);
  if (entryDef) {
    entry = arch.symbolValue(definitionAddress(entryDef, layout) ?? 0, !!entryDef.sym.thumb);
  } else if (opts.entry !== undefined) {
    throw new LinkError(`entry symbol \`${opts.entry}\` is not defined by any object`);
  }
  return { arch: arch.arch, flags, entry, sections: layout.sections, symbols: outputSymbols(objs, table, layout, arch) };
}

function mergeFlags(objs: readonly ObjectFile[]): TargetFlags {
  const first = objs[0]!;
  const bad: string[] = [];
  for (const o of objs) {
    if (o.arch !== first.arch) bad.push(`${o.name} is for ${o.arch} but ${first.name} is for ${first.arch}`);
    else if (o.flags.floatAbi !== first.flags.floatAbi) bad.push(`${o.name} uses the ${o.flags.floatAbi}-float ABI but ${first.name} uses ${first.flags.floatAbi}-float`);
  }
  if (bad.length) throw new LinkError('cannot link objects for different targets', bad);
  return { floatAbi: first.flags.floatAbi, compressed: objs.some((o) => o.flags.compressed) };
}

function outputSymbols(objs: readonly ObjectFile[], table: SymbolTable, layout: Layout, arch: ArchBackend): OutputSymbol[] {
  const locals: OutputSymbol[] = [];
  const globals: OutputSymbol[] = [];
  objs.forEach((obj, o) => {
    locals.push({ name: obj.name, value: 0, size: 0, type: STT_FILE, bind: STB_LOCAL, section: 'abs' });
    // Mapping symbols first, so a disassembler knows the state at each section start.
    obj.sections.forEach((s, id) => {
      const p = layout.placement[o]![id];
      if (!p || s.kind === 'debug') return;
      for (const m of mappingMarkers(s)) {
        locals.push({ name: arch.mappingSymbol(m.kind), value: p.out.addr + p.offset + m.offset, size: 0, type: STT_NOTYPE, bind: STB_LOCAL, section: p.out });
      }
    });
    for (const sym of obj.symbols) {
      if (sym.section === 'undef') continue;
      const def = sym.binding === 'local' ? table.locals[o]!.get(sym.name) : table.globals.get(sym.name);
      if (!def || def.sym !== sym) continue; // a weak definition that lost, or a duplicate local
      const addr = definitionAddress(def, layout);
      if (addr === undefined) continue; // garbage-collected
      const section = sym.section === 'abs' ? 'abs' : layout.placement[o]![sym.section]!.out;
      if (section !== 'abs' && section.kind === 'debug') continue;
      const out: OutputSymbol = { name: sym.name, value: arch.symbolValue(addr, !!sym.thumb), size: sym.size, type: elfSymbolType(sym.type), bind: elfBinding(sym.binding), section };
      (sym.binding === 'local' ? locals : globals).push(out);
    }
  });
  for (const name of LINKER_SYMBOLS) {
    if (table.globals.has(name)) continue;
    globals.push({ name, value: layout.symbols.get(name)!, size: 0, type: STT_NOTYPE, bind: STB_GLOBAL, section: 'abs' });
  }
  return [...locals, ...globals];
}
