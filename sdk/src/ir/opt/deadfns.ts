// Removal of functions and data objects nothing can reach (a module pass),
// typically the originals of inlined functions and the panic locations and
// messages of checks that folded away.
//
// Roots: exported symbols (`main`, the entry point, `pub`/`#[no_mangle]`
// items C may call), interrupt handlers (the vector table names them),
// anything placed in a `#[section]` (the linker script may keep it), and any
// symbol an inline assembly text mentions. From the roots, references are
// direct calls, address-taking (`symAddr`) and symbol words in data.
import type { Module } from '../ir.ts';

export function removeDeadSymbols(m: Module): boolean {
  const fnByName = new Map(m.functions.map((f) => [f.name, f]));
  const dataByName = new Map(m.data.map((d) => [d.name, d]));
  const live = new Set<string>();
  const work: string[] = [];
  const mark = (name: string) => { if (!live.has(name) && (fnByName.has(name) || dataByName.has(name))) { live.add(name); work.push(name); } };
  const asmTexts: string[] = [];
  for (const f of m.functions) for (const b of f.blocks) for (const i of b.insts) if (i.op === 'asm') asmTexts.push(i.text);
  const mentioned = (name: string) => asmTexts.some((t) => t.includes(name));
  for (const f of m.functions) if (f.exported || f.section !== undefined || mentioned(f.name)) mark(f.name);
  for (const d of m.data) if (d.exported || d.section !== undefined || mentioned(d.name)) mark(d.name);
  for (const h of m.interrupts) mark(h.func);
  while (work.length) {
    const name = work.pop()!;
    const f = fnByName.get(name);
    if (f) {
      for (const b of f.blocks) {
        for (const i of b.insts) {
          if (i.op === 'call') mark(i.callee);
          else if (i.op === 'symAddr') mark(i.symbol);
        }
      }
      continue;
    }
    for (const p of dataByName.get(name)!.init) if (p.kind === 'symbol') mark(p.symbol);
  }
  const nf = m.functions.length, nd = m.data.length;
  m.functions = m.functions.filter((f) => live.has(f.name));
  m.data = m.data.filter((d) => live.has(d.name));
  return m.functions.length !== nf || m.data.length !== nd;
}
