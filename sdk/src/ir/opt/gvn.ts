// Global value numbering of pure instructions over the dominator tree (the
// scoped hash table of Briggs, Cooper and Simpson's "dominator-based value
// numbering"): an instruction computing the same operation on the same
// values as one in a dominating position is replaced by it.
//
// Keys are the operation with its operands after replacement, commutative
// operands ordered, constants by value. Comparisons are only merged within a
// block: the back ends fuse a comparison into the branch of its own block,
// and a comparison shared across blocks would be materialised as 0/1 and
// tested again. Loads are not numbered here (memory: memfwd.ts).
//
// Division is pure in this sense: two identical divisions compute the same
// value, and the later one is dominated by the earlier, so the zero check
// guarding the earlier one guards both.
import type { Function, Inst, Value } from '../ir.ts';
import { dominators } from '../verify.ts';
import { norm } from './eval.ts';
import { isPure, mapInstUses, mapTermUses, rewriteInsts } from './util.ts';

const COMMUTATIVE = new Set(['add', 'mul', 'and', 'or', 'xor']);

function keyOf(i: Inst, block: number): string | null {
  switch (i.op) {
    case 'const': return `c ${i.ty} ${norm(i.ty, i.imm)}`;
    case 'binary': {
      const [a, b] = COMMUTATIVE.has(i.kind) && i.b < i.a ? [i.b, i.a] : [i.a, i.b];
      return `b ${i.kind} ${i.ty} ${a} ${b}`;
    }
    case 'unary': return `u ${i.kind} ${i.ty} ${i.a}`;
    case 'cmp': return `k ${block} ${i.kind} ${i.ty} ${i.a} ${i.b}`;
    case 'conv': return `v ${i.kind} ${i.from} ${i.to} ${i.a}`;
    case 'select': return `s ${i.ty} ${i.cond} ${i.a} ${i.b}`;
    case 'slotAddr': return `a ${i.slot}`;
    case 'symAddr': return `g ${i.symbol} ${i.offset}`;
    default: return null;
  }
}

export function gvn(fn: Function): boolean {
  const { idom, rpo } = dominators(fn);
  const children: number[][] = fn.blocks.map(() => []);
  for (const b of rpo) if (b !== 0) children[idom[b]!]!.push(b);
  const table = new Map<string, Value>();
  const subst = new Map<Value, Value>();
  const resolve = (v: Value) => subst.get(v) ?? v;
  let did = false;

  // Iterative pre-order walk; each frame remembers the keys it added so they leave scope with it.
  const work: { b: number; added: string[] | null }[] = [{ b: 0, added: null }];
  while (work.length) {
    const w = work[work.length - 1]!;
    if (w.added !== null) {
      for (const k of w.added) table.delete(k);
      work.pop();
      continue;
    }
    const added: string[] = [];
    w.added = added;
    const b = fn.blocks[w.b]!;
    rewriteInsts(b, (i) => {
      mapInstUses(i, resolve);
      if (!isPure(i)) return i;
      const key = keyOf(i, w.b);
      if (key === null) return i;
      const dst = (i as { dst: Value }).dst;
      const have = table.get(key);
      if (have !== undefined) { subst.set(dst, have); did = true; return null; }
      table.set(key, dst);
      added.push(key);
      return i;
    });
    mapTermUses(b.term, resolve);
    for (let k = children[w.b]!.length - 1; k >= 0; k--) work.push({ b: children[w.b]![k]!, added: null });
  }
  // Uses in blocks visited before the definition's replacement was known (loop back edges, other subtrees).
  if (subst.size) {
    for (const b of fn.blocks) {
      for (const i of b.insts) mapInstUses(i, resolve);
      mapTermUses(b.term, resolve);
    }
  }
  return did;
}
