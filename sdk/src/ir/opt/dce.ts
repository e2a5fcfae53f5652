// Dead-code elimination by marking (Cytron et al.'s "aggressive" variant
// restricted to values): everything an effect needs is live, the rest goes.
//
// Roots: instructions with effects — stores, copies, zeroing, calls, inline
// assembly, volatile loads — and the values terminators read for control
// (branch conditions, switch values, returned values). Block arguments are
// *not* roots: an argument is live only when the parameter it feeds is live,
// so a loop variable that only feeds itself (`i = i + 1` with no other use)
// dies with its parameter. Removed parameters take their arguments on every
// edge with them. The entry block has no parameters to remove.
//
// Non-volatile loads and all pure instructions (division included: the
// lowering's zero-divisor check stays, and a dead division has no effect)
// are removed when nothing live reads them.
import type { Function, Value } from '../ir.ts';
import { instDefs, instUses, removableWhenDead, successors } from './util.ts';

export function dce(fn: Function): boolean {
  const nv = fn.valueTys.length;
  const live = new Uint8Array(nv);
  const defInst = new Array<number[] | undefined>(nv);
  /** For a block parameter: [block, index]. */
  const paramOf = new Map<Value, [number, number]>();
  fn.blocks.forEach((b, bi) => {
    b.params.forEach((p, k) => paramOf.set(p, [bi, k]));
    b.insts.forEach((i, k) => { for (const d of instDefs(i)) defInst[d] = [bi, k]; });
  });
  // Edges into each block: the BlockCalls, so parameter liveness can mark arguments.
  const edgesInto: { args: Value[] }[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const c of successors(b.term)) edgesInto[c.block]!.push(c);

  const work: Value[] = [];
  const mark = (v: Value) => { if (!live[v]) { live[v] = 1; work.push(v); } };
  for (const b of fn.blocks) {
    for (const i of b.insts) if (!removableWhenDead(i)) for (const u of instUses(i)) mark(u);
    const t = b.term;
    if (t.op === 'branch') mark(t.cond);
    else if (t.op === 'switch') mark(t.value);
    else if (t.op === 'ret') t.values.forEach(mark);
  }
  while (work.length) {
    const v = work.pop()!;
    const d = defInst[v];
    if (d) {
      for (const u of instUses(fn.blocks[d[0]]!.insts[d[1]]!)) mark(u);
      continue;
    }
    const p = paramOf.get(v);
    if (p) for (const e of edgesInto[p[0]]!) mark(e.args[p[1]]!);
  }

  let did = false;
  fn.blocks.forEach((b, bi) => {
    const keep = b.insts.map((i) => !removableWhenDead(i) || instDefs(i).some((d) => live[d]));
    if (keep.some((k) => !k)) {
      did = true;
      b.insts = b.insts.filter((_, k) => keep[k]);
      if (b.locs) b.locs = b.locs.filter((_, k) => keep[k]);
    }
    if (bi === 0) return;
    const keepP = b.params.map((p) => live[p] === 1);
    if (keepP.every((k) => k)) return;
    did = true;
    b.params = b.params.filter((_, k) => keepP[k]);
    for (const e of edgesInto[bi]!) e.args = e.args.filter((_, k) => keepP[k]);
  });
  return did;
}
