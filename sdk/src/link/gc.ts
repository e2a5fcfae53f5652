// Section garbage collection: keeps what the program can reach and drops the
// rest, so a code generator can put every function and constant in its own
// section (`.text.<fn>`, `.rodata.<const>`) and pay only for what is used.
//
// Roots: vector tables (the hardware reads them), sections marked `retain`, and
// the section defining the entry symbol. A section reaches whatever its
// relocations refer to. Debug sections are neither roots nor edges: they follow
// the code, they never keep it alive (the DWARF is generated after collection).
import type { ObjectFile, SectionId } from './object.ts';
import { targetSection, type SymbolTable } from './resolve.ts';

/** live[obj][section]: whether the section stays in the image. */
export function collectGarbage(objs: readonly ObjectFile[], table: SymbolTable, entry: string | undefined, enabled: boolean): boolean[][] {
  if (!enabled) return objs.map((o) => o.sections.map(() => true));
  const live = objs.map((o) => o.sections.map(() => false));
  // Outgoing edges per section, built once: reloc lists are per object, not per section.
  const edges = objs.map((o) => o.sections.map(() => [] as number[]));
  objs.forEach((o, oi) => o.relocs.forEach((r, ri) => edges[oi]![r.section]!.push(ri)));

  const work: [number, SectionId][] = [];
  const mark = (obj: number, sec: SectionId) => {
    if (live[obj]![sec]) return;
    live[obj]![sec] = true;
    work.push([obj, sec]);
  };
  objs.forEach((o, oi) => o.sections.forEach((s, si) => {
    if (s.kind === 'vectors' || s.retain) mark(oi, si);
  }));
  const entryDef = entry === undefined ? undefined : table.globals.get(entry);
  if (entryDef && typeof entryDef.sym.section === 'number') mark(entryDef.obj, entryDef.sym.section);

  while (work.length) {
    const [oi, si] = work.pop()!;
    const obj = objs[oi]!;
    for (const ri of edges[oi]![si]!) {
      const t = table.resolve(oi, obj.relocs[ri]!);
      const at = t && targetSection(t);
      if (at && objs[at.obj]!.sections[at.section]!.kind !== 'debug') mark(at.obj, at.section);
    }
  }
  // Debug sections an object brought itself stay; their references to dropped code resolve to 0.
  objs.forEach((o, oi) => o.sections.forEach((s, si) => { if (s.kind === 'debug') live[oi]![si] = true; }));
  return live;
}
