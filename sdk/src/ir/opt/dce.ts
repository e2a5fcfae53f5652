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
import { defOf, instDefs, instUses, removableWhenDead, successors } from './util.ts';

export function dce(fn: Function): boolean {
  const nv = fn.valueTys.length;
  const live = new Uint8Array(nv);
  // Where each value is defined: instruction (block, index) or block parameter (block, index), -1 otherwise.
  const defBlock = new Int32Array(nv).fill(-1), defIndex = new Int32Array(nv).fill(-1);
  const parBlock = new Int32Array(nv).fill(-1), parIndex = new Int32Array(nv).fill(-1);
  fn.blocks.forEach((b, bi) => {
    b.params.forEach((p, k) => { parBlock[p] = bi; parIndex[p] = k; });
    b.insts.forEach((i, k) => {
      const d = defOf(i);
      if (d >= 0) { defBlock[d] = bi; defIndex[d] = k; }
      else for (const x of instDefs(i)) { defBlock[x] = bi; defIndex[x] = k; }
    });
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
    if (defBlock[v]! >= 0) {
      for (const u of instUses(fn.blocks[defBlock[v]!]!.insts[defIndex[v]!]!)) mark(u);
      continue;
    }
    if (parBlock[v]! >= 0) for (const e of edgesInto[parBlock[v]!]!) mark(e.args[parIndex[v]!]!);
  }

  let did = false;
  fn.blocks.forEach((b, bi) => {
    const keep = b.insts.map((i) => { const d = defOf(i); return !removableWhenDead(i) || (d >= 0 && live[d] === 1); });
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
