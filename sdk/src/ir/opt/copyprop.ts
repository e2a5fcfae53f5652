// Copy propagation. The IR has no copy instruction; its copies are block
// parameters that receive the same value on every edge (the "trivial phis"
// of Braun et al.), which the lowering's slot promotion creates for every
// variable live across a join that is not reassigned on the way, and which
// inlining and CFG simplification create more of. A parameter p whose
// incoming arguments are all v or p itself is replaced by v everywhere and
// removed with its arguments; removing one can make another trivial, so the
// pass iterates.
//
// Soundness: v is passed on an edge from outside every loop through the
// block (the entry edge of the first visit), so v's definition dominates that
// edge's source; every other edge passes v or p. Hence v dominates the block.
// Unreachable blocks could pass anything: they are removed first.
import type { Function, Value } from '../ir.ts';
import { pruneUnreachableBlocks, substitute, successors } from './util.ts';

export function copyProp(fn: Function): boolean {
  let did = pruneUnreachableBlocks(fn);
  for (;;) {
    // Incoming argument lists per block parameter position.
    const incoming: Value[][][] = fn.blocks.map((b) => b.params.map(() => []));
    for (const b of fn.blocks) {
      for (const c of successors(b.term)) c.args.forEach((a, k) => incoming[c.block]![k]!.push(a));
    }
    const subst = new Map<Value, Value>();
    const drop: boolean[][] = fn.blocks.map((b) => b.params.map(() => false));
    fn.blocks.forEach((b, bi) => {
      if (bi === 0) return;
      b.params.forEach((p, k) => {
        let only: Value | null = null;
        for (const a of incoming[bi]![k]!) {
          if (a === p) continue;
          if (only === null) only = a;
          else if (only !== a) return;
        }
        // No incoming value at all: the block is unreachable (already pruned) or only self-entered.
        if (only === null) return;
        subst.set(p, only);
        drop[bi]![k] = true;
      });
    });
    if (subst.size === 0) return did;
    // Chains (p → q where q is itself replaced) resolve in substitute().
    for (const b of fn.blocks) {
      for (const c of successors(b.term)) c.args = c.args.filter((_, k) => !drop[c.block]![k]);
    }
    fn.blocks.forEach((b, bi) => { b.params = b.params.filter((_, k) => !drop[bi]![k]); });
    substitute(fn, subst);
    did = true;
  }
}
