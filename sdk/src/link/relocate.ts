// Applies relocations to the laid-out output sections. Every failure (a value
// that does not fit its field, an unsupported type, a %pcrel_lo without its
// %pcrel_hi) is reported with the site — object, section+offset, enclosing
// function — and the target, and all of them are reported together.
//
// Two passes: types marked `paired` (RISC-V %pcrel_lo) read the value another
// relocation computed at some address, so they run after all the others.
import type { ArchBackend, RelocHowTo } from './arch.ts';
import type { ObjectFile, ObjReloc } from './object.ts';
import type { Layout } from './layout.ts';
import { describeSite, type Definition, type Resolved, type SymbolTable } from './resolve.ts';
import { MissingPairError } from './fields.ts';
import { ProblemList } from './errors.ts';
import { hex } from './bytes.ts';

/** Run address of a definition, or undefined when its section was dropped. */
export function definitionAddress(def: Definition, layout: Layout): number | undefined {
  if (def.sym.section === 'abs') return def.sym.offset;
  if (def.sym.section === 'undef') return undefined;
  const p = layout.placement[def.obj]![def.sym.section];
  return p && p.out.addr + p.offset + def.sym.offset;
}

function targetAddress(t: Resolved, layout: Layout): { S: number; T: 0 | 1 } {
  switch (t.kind) {
    case 'symbol': return { S: definitionAddress(t.def, layout) ?? 0, T: t.def.sym.thumb ? 1 : 0 };
    case 'section': {
      const p = layout.placement[t.obj]![t.section];
      return { S: p ? p.out.addr + p.offset : 0, T: 0 };
    }
    case 'linker': return { S: layout.symbols.get(t.name)!, T: 0 };
    case 'weak-undefined': return { S: 0, T: 0 };
  }
}

const targetName = (r: ObjReloc, obj: ObjectFile) => (typeof r.target === 'string' ? `\`${r.target}\`` : `section ${obj.sections[r.target.section]?.name}`);

export function applyRelocations(objs: readonly ObjectFile[], table: SymbolTable, layout: Layout, arch: ArchBackend): void {
  const problems = new ProblemList();
  const valueAt = new Map<number, number>();
  const deferred: (() => void)[] = [];

  objs.forEach((obj, o) => {
    for (const r of obj.relocs) {
      const place = layout.placement[o]![r.section];
      if (!place) continue; // the section was garbage-collected
      const site = () => describeSite(obj, r.section, r.offset);
      const how: RelocHowTo | undefined = arch.relocs[r.type as keyof typeof arch.relocs];
      if (!how) {
        problems.add(`relocation ${r.type} at ${site()} is not a ${arch.arch} relocation the linker supports`);
        continue;
      }
      if (how.noop) continue;
      if (r.offset + how.size > obj.sections[r.section]!.size) {
        problems.add(`relocation ${r.type} at ${site()} needs ${how.size} bytes but the section ends at ${hex(obj.sections[r.section]!.size)}`);
        continue;
      }
      const t = table.resolve(o, r);
      if (!t) {
        problems.add(`undefined symbol ${targetName(r, obj)}, referenced by ${site()}`);
        continue;
      }
      const { S, T } = targetAddress(t, layout);
      const P = place.out.addr + place.offset + r.offset;
      const apply = () => {
        let value: number;
        try {
          value = how.compute({ S, A: r.addend, P, T, valueAt: (a) => valueAt.get(a) });
        } catch (e) {
          if (!(e instanceof MissingPairError)) throw e;
          problems.add(`relocation ${r.type} at ${site()} names ${targetName(r, obj)} at ${hex(e.address)}, but ${e.what}`);
          return;
        }
        if (place.out.kind !== 'debug') valueAt.set(P, value);
        const fault = how.patch(place.out.data, place.offset + r.offset, value);
        if (fault) {
          problems.add(`relocation ${r.type} at ${site()} against ${targetName(r, obj)} at ${hex(S)} does not fit: ${fault}`, how.hint);
        }
      };
      if (how.paired) deferred.push(apply); else apply();
    }
  });
  for (const d of deferred) d();
  problems.throwIfAny((n) => (n === 1 ? 'link failed: 1 relocation cannot be applied' : `link failed: ${n} relocations cannot be applied`));
}
