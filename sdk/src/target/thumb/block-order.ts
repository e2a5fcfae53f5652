// Block order for code layout: as many jumps as possible become fall-throughs,
// and cold code (panic paths) moves out of the way, to the end of the function.
//
// Greedy chains: starting from the entry, each placed block is followed by one
// of its unplaced successors — the one that only it reaches if there is one
// (the body of an `if`, a loop's header after its preheader), else the first —
// never a cold block while a warm one is available. When a chain ends, the
// next unplaced warm block in IR order starts a new chain; cold blocks come
// last, in IR order. A block is cold when every path from it ends in
// `unreachable` (a no-return call such as a panic).
import type { Block, Function } from '../../ir/ir.ts';

function succs(b: Block): number[] {
  const t = b.term;
  switch (t.op) {
    case 'jump': return [t.to.block];
    case 'branch': return [t.then.block, t.else.block];
    case 'switch': return [...t.cases.map((c) => c.to.block), t.default.block];
    default: return [];
  }
}

/** Block indices (into f.blocks) in layout order; unreachable blocks are left out. */
export function blockOrder(f: Function, reachable: (k: number) => boolean): number[] {
  const n = f.blocks.length;
  const index = new Map<number, number>();
  f.blocks.forEach((b, k) => index.set(b.id, k));
  const out: number[][] = f.blocks.map((b) => succs(b).map((id) => index.get(id)!).filter((x) => x !== undefined));
  const preds = new Int32Array(n);
  for (let k = 0; k < n; k++) if (reachable(k)) for (const s of out[k]!) preds[s]!++;
  // Cold: ends in unreachable, or every successor is cold (to a fixed point).
  const cold = new Uint8Array(n);
  for (let k = 0; k < n; k++) if (f.blocks[k]!.term.op === 'unreachable') cold[k] = 1;
  for (let changed = true; changed;) {
    changed = false;
    for (let k = 0; k < n; k++) {
      if (cold[k] || out[k]!.length === 0) continue;
      if (out[k]!.every((s) => cold[s])) { cold[k] = 1; changed = true; }
    }
  }
  cold[0] = 0;
  const placed = new Uint8Array(n);
  const order: number[] = [];
  const place = (start: number) => {
    for (let b = start; b >= 0;) {
      placed[b] = 1;
      order.push(b);
      let next = -1;
      for (const s of out[b]!) {
        if (placed[s] || cold[s] || !reachable(s)) continue;
        if (preds[s] === 1) { next = s; break; }
        if (next < 0) next = s;
      }
      b = next;
    }
  };
  place(0);
  for (let k = 0; k < n; k++) if (!placed[k] && !cold[k] && reachable(k)) place(k);
  for (let k = 0; k < n; k++) if (!placed[k] && reachable(k)) { placed[k] = 1; order.push(k); }
  return order;
}
