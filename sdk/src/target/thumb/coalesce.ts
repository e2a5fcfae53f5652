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
// The moves of a conditional edge sit in an edge block of their own (one
// predecessor, one successor). T is then defined in the predecessor B, and
// renaming also writes P on B's other edges: allowed when P is not live into
// B's other successors (liveness by the usual backward dataflow).
//
// Loops are the payoff: `i = i + 1` on a back edge becomes a single add into
// i's register instead of an add and a move.
import { isVirtual, type MachBlock, type Reg } from '../../codegen/mach.ts';
import type { Payload } from './minst.ts';
import type { ThumbMach } from './isel.ts';

type Block = MachBlock<Payload>;

export function coalesceBlockMoves(mf: ThumbMach): number {
  const defs = new Map<Reg, number>();
  const uses = new Map<Reg, number>();
  for (const b of mf.blocks) {
    for (const i of b.insts) {
      for (const d of i.defs) if (isVirtual(d)) defs.set(d, (defs.get(d) ?? 0) + 1);
      for (const u of i.uses) if (isVirtual(u)) uses.set(u, (uses.get(u) ?? 0) + 1);
    }
  }
  const byId = new Map<number, Block>();
  const preds = new Map<number, Block[]>();
  for (const b of mf.blocks) byId.set(b.id, b);
  for (const b of mf.blocks) for (const s of b.succs) { const l = preds.get(s) ?? []; l.push(b); preds.set(s, l); }
  let live: Liveness | undefined;

  let removed = 0;
  for (const b of mf.blocks) {
    const insts = b.insts;
    for (let k = insts.length - 1; k >= 0; k--) {
      const mv = insts[k]!;
      if (!mv.isMove) continue;
      const p = mv.defs[0]!, t = mv.uses[0]!;
      if (!isVirtual(p) || !isVirtual(t) || p === t) continue;
      if (defs.get(t) !== 1 || uses.get(t) !== 1) continue;
      // T defined earlier in this block: P untouched between.
      let j = k - 1;
      let clash = false;
      for (; j >= 0; j--) {
        const i = insts[j]!;
        if (i.defs.includes(t)) break;
        if (i.defs.includes(p) || i.uses.includes(p)) { clash = true; break; }
      }
      if (clash) continue;
      let defBlock = b, at = j;
      if (j < 0) {
        // An edge block: T may come from its only predecessor.
        const ps = preds.get(b.id);
        if (!ps || ps.length !== 1 || b.succs.length !== 1) continue;
        const pb = ps[0]!;
        at = -1;
        for (let q = pb.insts.length - 1; q >= 0; q--) {
          const i = pb.insts[q]!;
          if (i.defs.includes(t)) { at = q; break; }
          if (i.defs.includes(p) || i.uses.includes(p)) { clash = true; break; }
        }
        if (clash || at < 0) continue;
        live ??= liveness(mf.blocks, byId);
        if (pb.succs.some((s) => s !== b.id && live!.liveIn(s, p))) continue;
        defBlock = pb;
      }
      const def = defBlock.insts[at]!;
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

interface Liveness {
  liveIn(block: number, r: Reg): boolean;
}

/** Live-in sets of virtual registers per block (bit sets over vreg - 64). */
function liveness(blocks: Block[], byId: Map<number, Block>): Liveness {
  let maxV = 64;
  for (const b of blocks) for (const i of b.insts) { for (const d of i.defs) maxV = Math.max(maxV, d + 1); for (const u of i.uses) maxV = Math.max(maxV, u + 1); }
  const words = (maxV - 64 + 31) >>> 5;
  const gen = new Map<number, Uint32Array>(), kill = new Map<number, Uint32Array>(), inn = new Map<number, Uint32Array>();
  for (const b of blocks) {
    const g = new Uint32Array(words), k = new Uint32Array(words);
    for (const i of b.insts) {
      for (const u of i.uses) if (isVirtual(u)) { const x = u - 64; if (!(k[x >>> 5]! & (1 << (x & 31)))) g[x >>> 5]! |= 1 << (x & 31); }
      for (const d of i.defs) if (isVirtual(d)) { const x = d - 64; k[x >>> 5]! |= 1 << (x & 31); }
    }
    gen.set(b.id, g); kill.set(b.id, k); inn.set(b.id, new Uint32Array(words));
  }
  const out = new Uint32Array(words);
  for (let changed = true; changed;) {
    changed = false;
    for (let bi = blocks.length - 1; bi >= 0; bi--) {
      const b = blocks[bi]!;
      out.fill(0);
      for (const s of b.succs) { const si = inn.get(s); if (si && byId.has(s)) for (let w = 0; w < words; w++) out[w]! |= si[w]!; }
      const g = gen.get(b.id)!, k = kill.get(b.id)!, cur = inn.get(b.id)!;
      for (let w = 0; w < words; w++) {
        const v = (g[w]! | (out[w]! & ~k[w]!)) >>> 0;
        if (v !== cur[w]) { cur[w] = v; changed = true; }
      }
    }
  }
  return {
    liveIn(block: number, r: Reg): boolean {
      const s = inn.get(block);
      if (!s || !isVirtual(r)) return false;
      const x = r - 64;
      return (s[x >>> 5]! & (1 << (x & 31))) !== 0;
    },
  };
}
