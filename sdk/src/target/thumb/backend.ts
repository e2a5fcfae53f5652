// The Thumb back end: `thumbBackend(target)` implements the driver's Backend.
//
// Per function: instruction selection (isel.ts) → register allocation
// (codegen/regalloc.ts) → emission and assembly (emit.ts). Every function
// gets its own section `.text.<name>` so the linker can drop unused code;
// data objects go to `.rodata.<name>`, `.data.<name>` or `.bss.<name>`.
// Functions are always global inside their own assembly unit (so references
// keep the Thumb bit through the symbol), and get their real binding when
// copied into the object.
import type { TargetName } from '../../boards/board.ts';
import type { Backend, CompiledModule, CompileOptions, RuntimeOptions } from '../../driver/backend.ts';
import type { DataObject, Function, Module } from '../../ir/ir.ts';
import { ObjectBuilder, type ObjectFile, type SectionKind } from '../../link/index.ts';
import { allocateRegisters } from '../../codegen/regalloc.ts';
import type { RegTarget } from '../../codegen/mach.ts';
import { profile as profileOf, hasFeature, type Profile, type ProfileName } from './profile.ts';
import { assemble, type AsmObject, type AsmSection } from './assemble.ts';
import { regName } from './regs.ts';
import { Sel } from './isel.ts';
import { coalesceBlockMoves } from './coalesce.ts';
import { CodegenError, emitFunction, type EmittedFunction } from './emit.ts';
import type { Payload } from './minst.ts';
import { printFunctionAsm, asmPreamble, printDataAsm } from './asmtext.ts';
import { buildRuntime, coreInterruptNames } from './runtime.ts';

export { CodegenError } from './emit.ts';

export function regTarget(prof: Profile): RegTarget<Payload> {
  const v6 = !hasFeature(prof, 't2');
  return {
    allocatable: v6 ? [0, 1, 2, 3, 4, 5, 6, 7] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    calleeSaved: new Set(v6 ? [4, 5, 6, 7] : [4, 5, 6, 7, 8, 9, 10, 11]),
    reload: (r, slot) => ({ defs: [r], uses: [], payload: { k: 'ldsp', area: 'spill', off: slot * 4 } }),
    spill: (r, slot) => ({ defs: [], uses: [r], payload: { k: 'stsp', area: 'spill', off: slot * 4 } }),
    move: (d, s) => ({ defs: [d], uses: [s], isMove: true, payload: { k: 'move' } }),
    regName: (r) => regName(r),
  };
}

export interface CompiledFunction {
  f: Function;
  emitted?: EmittedFunction;
  /** Naked functions: assembled directly from their text. */
  naked?: { object: AsmObject; text: string };
  section: string;
}

/** One function, IR → assembled bytes. */
export function compileFunction(f: Function, prof: Profile, index: number): CompiledFunction {
  const section = f.section ?? `.text.${f.name}`;
  if (f.naked) return { f, naked: compileNaked(f, prof, section), section };
  const sel = new Sel(f, prof).run();
  coalesceBlockMoves(sel.mf);
  const alloc = allocateRegisters(sel.mf, regTarget(prof));
  const emitted = emitFunction({
    f, mf: sel.mf, prof, tag: String(index), usedCalleeSaved: alloc.usedCalleeSaved, hasCalls: sel.hasCalls,
    outBytes: sel.outBytes, slotBytes: sel.slotBytes, section,
  });
  return { f, emitted, section };
}

function nakedText(f: Function): string {
  const texts: string[] = [];
  for (const b of f.blocks) for (const i of b.insts) if (i.op === 'asm') texts.push(i.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
  return texts.join('\n');
}

function compileNaked(f: Function, prof: Profile, section: string): { object: AsmObject; text: string } {
  const text = nakedText(f);
  const src = `.section ${section},"ax"\n.global ${f.name}\n.thumb_func\n${f.name}:\n${text}\n`;
  const r = assemble(src, { profile: prof });
  if (r.errors.length > 0) {
    const e = r.errors[0]!;
    throw new CodegenError(`in naked function \`${f.name}\`: ${e.message}`, f.loc);
  }
  return { object: r.object, text };
}

/** Copies an assembled unit into the object builder. Function symbols get `binding`. */
export function addAsmObject(b: ObjectBuilder, obj: AsmObject, bindingOf: (name: string) => 'local' | 'global' | 'weak' | undefined, kindOf: (s: AsmSection) => SectionKind = sectionKind): Map<string, number> {
  const ids = new Map<string, number>();
  for (const s of obj.sections) {
    if (s.bytes.length === 0 && s.symbols.length === 0 && s.relocs.length === 0) continue; // the assembler's default .text
    const kind = kindOf(s);
    const id = b.section(s.name, kind, { align: Math.max(s.align, kind === 'text' ? 2 : 1), retain: kind === 'vectors' ? true : undefined });
    ids.set(s.name, id);
    if (kind === 'bss') b.reserve(id, s.bytes.length);
    else if (s.bytes.length > 0) b.emit(id, s.bytes);
    const code = kind === 'text' || kind === 'vectors';
    if (code && kind === 'text') b.marker(id, 0, 'code');
    for (const sym of s.symbols) {
      // `$d.*` / `$t.*` labels (literal pools, jump tables) mark data inside code.
      if (sym.name.startsWith('$d.')) { b.marker(id, sym.offset, 'data'); continue; }
      if (sym.name.startsWith('$t.')) { if (sym.offset < s.bytes.length) b.marker(id, sym.offset, 'code'); continue; }
      const bind = bindingOf(sym.name) ?? (sym.weak ? 'weak' : sym.global ? 'global' : 'local');
      b.symbol({
        name: sym.name, section: id, offset: sym.offset, size: sym.offset === 0 && sym.thumbFunc ? s.bytes.length : 0,
        binding: bind, type: sym.thumbFunc ? 'func' : kind === 'text' ? 'notype' : 'object', thumb: sym.thumbFunc ? true : undefined,
      });
    }
  }
  for (const s of obj.sections) {
    const id = ids.get(s.name);
    if (id === undefined) continue;
    for (const rl of s.relocs) {
      const target = rl.sectionSymbol ? { section: ids.get(rl.symbol)! } : rl.symbol;
      b.reloc(id, rl.offset, rl.type, target, rl.addend);
    }
  }
  return ids;
}

export function sectionKind(s: AsmSection): SectionKind {
  const n = s.name;
  if (n === '.vectors' || n.startsWith('.vectors.')) return 'vectors';
  if (n.startsWith('.bss')) return 'bss';
  if (n.startsWith('.data')) return 'data';
  if (n.startsWith('.rodata')) return 'rodata';
  if (n.startsWith('.text') || s.flags.includes('x')) return 'text';
  return s.flags.includes('w') ? 'data' : 'rodata';
}

/** Data objects: read-only → .rodata, all-zero writable → .bss, else .data. */
export function addData(b: ObjectBuilder, d: DataObject): void {
  const zero = d.init.every((p) => p.kind === 'bytes' && p.bytes.every((x) => x === 0));
  const kind: SectionKind = d.readonly ? 'rodata' : zero ? 'bss' : 'data';
  const name = d.section ?? `${kind === 'rodata' ? '.rodata' : kind === 'bss' ? '.bss' : '.data'}.${d.name}`;
  const k = d.section ? kindFromName(d.section, kind) : kind;
  const sec = b.section(name, k, { align: Math.max(1, d.align) });
  const bss = k === 'bss';
  let at = 0;
  if (bss) at = b.reserve(sec, d.size, Math.max(1, d.align));
  else {
    const bytes = new Uint8Array(d.size);
    const relocs: { off: number; symbol: string; addend: number }[] = [];
    let off = 0;
    for (const p of d.init) {
      if (p.kind === 'bytes') { bytes.set(p.bytes, off); off += p.bytes.length; } else {
        relocs.push({ off, symbol: p.symbol, addend: p.offset });
        off += 4;
      }
    }
    at = b.emit(sec, bytes, Math.max(1, d.align));
    for (const rl of relocs) b.reloc(sec, at + rl.off, 'R_ARM_ABS32', rl.symbol, rl.addend);
  }
  b.symbol({ name: d.name, section: sec, offset: at, size: d.size, binding: d.exported ? 'global' : 'local', type: 'object' });
}

function kindFromName(n: string, dflt: SectionKind): SectionKind {
  if (n.startsWith('.bss')) return 'bss';
  if (n.startsWith('.data')) return 'data';
  if (n.startsWith('.rodata')) return 'rodata';
  if (n.startsWith('.text')) return 'text';
  return dflt;
}

/** Compiles a whole module into one object (and assembly text when asked). */
export function compileModuleThumb(m: Module, prof: Profile, o: { sourceName: string; wantAsm: boolean }): CompiledModule {
  const b = new ObjectBuilder(o.sourceName, 'arm');
  const asm = addModule(b, m, prof, o.wantAsm);
  return { object: b.finish(), asm: o.wantAsm ? [asmPreamble(prof), ...asm].join('\n') : undefined };
}

/** Adds every function and data object of `m` to `b`; returns their assembly text when asked. */
export function addModule(b: ObjectBuilder, m: Module, prof: Profile, wantAsm: boolean): string[] {
  const asm: string[] = [];
  const exported = new Map<string, boolean>();
  for (const f of m.functions) exported.set(f.name, f.exported);
  // The runtime's vector table refers to interrupt handlers by name.
  for (const h of m.interrupts) exported.set(h.func, true);
  const bindingOf = (name: string) => (exported.has(name) ? (exported.get(name) ? 'global' : 'local') : undefined);
  m.functions.forEach((f, k) => {
    const cf = compileFunction(f, prof, k);
    if (cf.naked) addAsmObject(b, cf.naked.object, bindingOf);
    else {
      const e = cf.emitted!;
      const ids = addAsmObject(b, e.result.object, bindingOf);
      const id = ids.get(cf.section);
      if (id !== undefined) addLines(b, id, cf.section, e);
    }
    if (wantAsm) asm.push(printFunctionAsm(cf));
  });
  for (const d of m.data) {
    addData(b, d);
    if (wantAsm) asm.push(printDataAsm(d));
  }
  return asm;
}

/** DWARF line rows from the listing: one row whenever the source position changes. */
function addLines(b: ObjectBuilder, id: number, section: string, e: EmittedFunction): void {
  let last = '';
  for (const le of e.result.listing) {
    if (le.section !== section) continue;
    const loc = e.locs[le.line];
    if (!loc || loc.line < 1) continue;
    const key = `${loc.file}:${loc.line}:${loc.col}`;
    if (key === last) continue;
    last = key;
    b.line(id, le.offset, loc.file, loc.line, loc.col);
  }
}

const runtimeCache = new Map<string, ObjectFile[]>();

export function thumbBackend(target: TargetName): Backend {
  const prof = profileOf(target as ProfileName);
  return {
    entry: 'Reset_Handler',
    interruptNames: () => coreInterruptNames(prof),
    compileModule(m: Module, o: CompileOptions): CompiledModule {
      return compileModuleThumb(m, prof, o);
    },
    runtime(o: RuntimeOptions): ObjectFile[] {
      const key = `${prof.name}|${o.board.id}|${o.interrupts.map((i) => `${i.name}=${i.func}`).join(',')}`;
      let objs = runtimeCache.get(key);
      if (!objs) { objs = buildRuntime(prof, o.board, o.interrupts); runtimeCache.set(key, objs); }
      return objs;
    },
  };
}
