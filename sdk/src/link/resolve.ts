// Symbol resolution across the objects of a whole-program link.
//
// Rules (those of ELF linkers):
// - a `local` symbol is visible only inside its object, and a relocation's name
//   finds its own object's local first;
// - two `global` definitions of one name are an error naming both places;
//   a `global` beats a `weak` one; between weak definitions the first wins;
// - linker-defined names (layout.ts: `__data_start`, `__stack_top`, ...) apply
//   only when no object defines them (like `PROVIDE` in a GNU linker script);
// - an unresolved reference is an error (reported by `undefinedReferences` for
//   live sections only, so code the garbage collector drops may call things
//   that do not exist), unless the referring object declares it `weak`, which
//   resolves to address 0.
import type { ObjectFile, ObjReloc, ObjSymbol, SectionId } from './object.ts';
import { LINKER_SYMBOLS } from './layout.ts';
import { ProblemList } from './errors.ts';
import { hex } from './bytes.ts';

export interface Definition {
  obj: number;
  sym: ObjSymbol;
}

/** What a relocation's target resolved to. */
export type Resolved =
  | { kind: 'symbol'; def: Definition }
  | { kind: 'section'; obj: number; section: SectionId }
  | { kind: 'linker'; name: string }
  | { kind: 'weak-undefined' };

export class SymbolTable {
  readonly globals = new Map<string, Definition>();
  readonly locals: Map<string, Definition>[];
  private readonly weakRefs: Set<string>[];

  constructor(private readonly objs: readonly ObjectFile[]) {
    this.locals = objs.map(() => new Map());
    this.weakRefs = objs.map(() => new Set());
    const problems = new ProblemList();
    objs.forEach((obj, o) => {
      for (const sym of obj.symbols) {
        if (sym.section === 'undef') {
          if (sym.binding === 'weak') this.weakRefs[o]!.add(sym.name);
          continue;
        }
        const def = { obj: o, sym };
        if (sym.binding === 'local') {
          // Duplicate locals in one object would make relocations ambiguous.
          if (this.locals[o]!.has(sym.name)) problems.add(`local symbol \`${sym.name}\` is defined twice in ${obj.name}`);
          this.locals[o]!.set(sym.name, def);
          continue;
        }
        const prev = this.globals.get(sym.name);
        if (!prev || (prev.sym.binding === 'weak' && sym.binding === 'global')) {
          this.globals.set(sym.name, def);
        } else if (prev.sym.binding === 'global' && sym.binding === 'global') {
          problems.add(`duplicate symbol \`${sym.name}\`: defined in ${this.describe(prev)} and in ${this.describe(def)}`);
        }
      }
    });
    problems.throwIfAny((n) => (n === 1 ? 'link failed: 1 conflicting definition' : `link failed: ${n} conflicting definitions`));
  }

  /** Where a definition lives, e.g. `main.oriz(.text.main+0x4)`. */
  describe(def: Definition): string {
    const obj = this.objs[def.obj]!;
    if (typeof def.sym.section !== 'number') return `${obj.name} (absolute)`;
    const sec = obj.sections[def.sym.section]!;
    return `${obj.name}(${sec.name}${def.sym.offset ? `+${hex(def.sym.offset)}` : ''})`;
  }

  /** Resolves a name as seen from object `o`. */
  lookup(o: number, name: string): Definition | undefined {
    return this.locals[o]!.get(name) ?? this.globals.get(name);
  }

  resolve(o: number, r: ObjReloc): Resolved | undefined {
    if (typeof r.target !== 'string') return { kind: 'section', obj: o, section: r.target.section };
    const def = this.lookup(o, r.target);
    if (def) return { kind: 'symbol', def };
    if (LINKER_SYMBOLS.includes(r.target)) return { kind: 'linker', name: r.target };
    if (this.weakRefs[o]!.has(r.target)) return { kind: 'weak-undefined' };
    return undefined;
  }
}

/** The section (object, section id) a resolved target lives in, if any. */
export function targetSection(t: Resolved): { obj: number; section: SectionId } | undefined {
  if (t.kind === 'section') return { obj: t.obj, section: t.section };
  if (t.kind === 'symbol' && typeof t.def.sym.section === 'number') return { obj: t.def.obj, section: t.def.sym.section };
  return undefined;
}

/** The function or object symbol whose extent covers `offset` in a section, for messages. */
export function enclosingSymbol(obj: ObjectFile, section: SectionId, offset: number): ObjSymbol | undefined {
  let best: ObjSymbol | undefined;
  for (const s of obj.symbols) {
    if (s.section !== section || s.offset > offset) continue;
    if (s.size ? offset < s.offset + s.size : true) {
      if (!best || s.offset > best.offset || (s.offset === best.offset && s.size > 0 && best.size === 0)) best = s;
    }
  }
  return best;
}

/** `main.oriz(.text.main+0x6) in function \`main\`` */
export function describeSite(obj: ObjectFile, section: SectionId, offset: number): string {
  const sec = obj.sections[section]!;
  const fn = enclosingSymbol(obj, section, offset);
  const inFn = fn ? ` in ${fn.type === 'func' ? 'function' : 'symbol'} \`${fn.name}\`` : '';
  return `${obj.name}(${sec.name}+${hex(offset)})${inFn}`;
}

/** Every reference from a live section that resolves to nothing: one problem per symbol, listing its referrers. */
export function undefinedReferences(objs: readonly ObjectFile[], table: SymbolTable, live: readonly boolean[][]): void {
  const refs = new Map<string, string[]>();
  objs.forEach((obj, o) => {
    for (const r of obj.relocs) {
      if (!live[o]![r.section] || typeof r.target !== 'string') continue;
      if (table.resolve(o, r)) continue;
      const list = refs.get(r.target) ?? [];
      list.push(describeSite(obj, r.section, r.offset));
      refs.set(r.target, list);
    }
  });
  const problems = new ProblemList();
  for (const [name, sites] of refs) {
    const shown = sites.slice(0, 5).join(', ');
    const more = sites.length > 5 ? ` and ${sites.length - 5} more` : '';
    problems.add(`undefined symbol \`${name}\`, referenced by ${shown}${more}`,
      'define it in an Orizon module, or for a C function build with `--emit obj` and link with the C objects using GNU ld');
  }
  problems.throwIfAny((n) => (n === 1 ? 'link failed: 1 undefined symbol' : `link failed: ${n} undefined symbols`));
}
