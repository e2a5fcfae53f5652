// Natural loops: a back edge is an edge B → H where H dominates B; the loop of
// H is H plus every block that reaches a back-edge source without passing
// through H. Loops sharing a header are one loop. Used by inlining (calls in
// loops are hot) and loop-invariant code motion.
import type { Function } from '../ir.ts';
import { dominators } from '../verify.ts';
import { predecessors, successors } from './util.ts';

export interface Loop {
  header: number;
  /** Blocks of the loop, header included. */
  blocks: Set<number>;
}

export interface LoopInfo {
  loops: Loop[];
  /** Number of loops containing each block (0 outside every loop, -1 unreachable). */
  depth: Int32Array;
  idom: number[];
}

export function findLoops(fn: Function): LoopInfo {
  const { idom, rpo } = dominators(fn);
  const n = fn.blocks.length;
  const reach = new Uint8Array(n);
  for (const b of rpo) reach[b] = 1;
  const dominates = (a: number, b: number): boolean => {
    for (let x = b; ; x = idom[x]!) {
      if (x === a) return true;
      if (x === 0 || x < 0) return false;
    }
  };
  const preds = predecessors(fn);
  const byHeader = new Map<number, Loop>();
  for (const b of rpo) {
    for (const s of successors(fn.blocks[b]!.term)) {
      const h = s.block;
      if (!dominates(h, b)) continue;
      let loop = byHeader.get(h);
      if (!loop) { loop = { header: h, blocks: new Set([h]) }; byHeader.set(h, loop); }
      const work = [b];
      while (work.length) {
        const x = work.pop()!;
        if (loop.blocks.has(x) || !reach[x]) continue;
        loop.blocks.add(x);
        for (const p of preds[x]!) work.push(p);
      }
    }
  }
  const loops = [...byHeader.values()];
  const depth = new Int32Array(n);
  for (let b = 0; b < n; b++) if (!reach[b]) depth[b] = -1;
  for (const l of loops) for (const b of l.blocks) depth[b]!++;
  return { loops, depth, idom };
}
