// Copy coalescing before register allocation, for block-parameter moves.
//
// Lowering a jump to a block with parameters ends the block with moves
// `mov P, T` (P the parameter's register, T the argument's). When T is a
// temporary defined once, in this block, and used only by that move, T can be
// renamed to P at its definition and the move dropped — provided nothing
// between T's definition and the move reads or writes P (the old value of P
// must not be needed after the new one is written). The linear-scan
// allocator keeps one interval per register without holes, so it cannot
// coalesce such pairs itself: P is live around the whole loop.
//
// Loops are the payoff: `i = i + 1` on a back edge becomes a single add into
// i's register instead of an add and a move.
import { isVirtual, type Reg } from '../../codegen/mach.ts';
import type { ThumbMach } from './isel.ts';

export function coalesceBlockMoves(mf: ThumbMach): number {
  const defs = new Map<Reg, number>();
  const uses = new Map<Reg, number>();
  for (const b of mf.blocks) {
    for (const i of b.insts) {
      for (const d of i.defs) if (isVirtual(d)) defs.set(d, (defs.get(d) ?? 0) + 1);
      for (const u of i.uses) if (isVirtual(u)) uses.set(u, (uses.get(u) ?? 0) + 1);
    }
  }
  let removed = 0;
  for (const b of mf.blocks) {
    const insts = b.insts;
    for (let k = insts.length - 1; k >= 0; k--) {
      const mv = insts[k]!;
      if (!mv.isMove) continue;
      const p = mv.defs[0]!, t = mv.uses[0]!;
      if (!isVirtual(p) || !isVirtual(t) || p === t) continue;
      if (defs.get(t) !== 1 || uses.get(t) !== 1) continue;
      // Find T's definition in this block, checking P is untouched after it.
      let j = k - 1;
      let ok = true;
      for (; j >= 0; j--) {
        const i = insts[j]!;
        if (i.defs.includes(t)) break;
        if (i.defs.includes(p) || i.uses.includes(p)) { ok = false; break; }
      }
      if (!ok || j < 0) continue;
      const def = insts[j]!;
      // The defining instruction may read P (reads come before writes), but must not also write it.
      if (def.defs.includes(p)) continue;
      def.defs = def.defs.map((d) => (d === t ? p : d));
      insts.splice(k, 1);
      defs.set(p, (defs.get(p) ?? 0) + 1);
      removed++;
    }
  }
  return removed;
}
