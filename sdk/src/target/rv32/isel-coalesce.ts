// Copy coalescing between virtual registers, after selection and before the
// shared linear-scan allocator (which only follows moves to and from physical
// registers). Block arguments become `param = mv value` copies in the
// predecessors; when the value and the parameter never hold different values
// at the same time, they can be one register and the copy disappears — the
// loop counter of `for i in 0..n` is then incremented in place.
//
// Aggressive coalescing (Chaitin): an interference graph over virtual
// registers from exact liveness (a def interferes with everything live after
// it, except the source of a copy it is), then each copy whose two sides do
// not interfere merges them, hottest copies first. Merging keeps the union of
// both neighbourhoods, so later decisions stay sound.
import { isVirtual, type Reg } from '../../codegen/mach.ts';
import type { MFunc } from './isel.ts';

/** Merges copy-related virtual registers that do not interfere; returns the copies removed. */
export function coalesceCopies(mf: MFunc): number {
  const n = mf.nextVreg;
  const moves: { d: Reg; s: Reg; depth: number }[] = [];
  for (const b of mf.blocks) {
    for (const i of b.insts) {
      if (i.isMove && isVirtual(i.defs[0]!) && isVirtual(i.uses[0]!) && i.defs[0] !== i.uses[0]) moves.push({ d: i.defs[0]!, s: i.uses[0]!, depth: b.loopDepth });
    }
  }
  if (moves.length === 0) return 0;

  // ---- liveness (virtual registers), backward dataflow over sets
  const index = new Map<number, number>();
  mf.blocks.forEach((b, k) => index.set(b.id, k));
  const gen: Set<Reg>[] = [], kill: Set<Reg>[] = [];
  for (const b of mf.blocks) {
    const g = new Set<Reg>(), k = new Set<Reg>();
    for (const i of b.insts) {
      for (const u of i.uses) if (isVirtual(u) && !k.has(u)) g.add(u);
      for (const d of i.defs) if (isVirtual(d)) k.add(d);
    }
    gen.push(g);
    kill.push(k);
  }
  const liveIn = mf.blocks.map(() => new Set<Reg>());
  const liveOut = mf.blocks.map(() => new Set<Reg>());
  for (let changed = true; changed;) {
    changed = false;
    for (let k = mf.blocks.length - 1; k >= 0; k--) {
      const out = liveOut[k]!;
      for (const s of mf.blocks[k]!.succs) {
        const si = index.get(s);
        if (si !== undefined) for (const r of liveIn[si]!) out.add(r);
      }
      const inn = liveIn[k]!;
      const before = inn.size;
      for (const r of gen[k]!) inn.add(r);
      for (const r of out) if (!kill[k]!.has(r)) inn.add(r);
      if (inn.size !== before) changed = true;
    }
  }

  // ---- interference
  const adj = new Map<Reg, Set<Reg>>();
  const nb = (r: Reg) => {
    let s = adj.get(r);
    if (!s) adj.set(r, (s = new Set()));
    return s;
  };
  const edge = (a: Reg, b: Reg) => {
    if (a === b) return;
    nb(a).add(b);
    nb(b).add(a);
  };
  mf.blocks.forEach((b, k) => {
    const live = new Set(liveOut[k]!);
    for (let j = b.insts.length - 1; j >= 0; j--) {
      const i = b.insts[j]!;
      const src = i.isMove ? i.uses[0] : undefined;
      for (const d of i.defs) {
        if (!isVirtual(d)) continue;
        for (const v of live) if (v !== src) edge(d, v);
        for (const d2 of i.defs) if (d2 !== d && isVirtual(d2)) edge(d, d2);
      }
      for (const d of i.defs) live.delete(d);
      for (const u of i.uses) if (isVirtual(u)) live.add(u);
    }
  });

  // ---- merge, hottest copies first
  const parent = new Int32Array(n).map((_, k) => k);
  const find = (r: Reg): Reg => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]!]!;
      r = parent[r]!;
    }
    return r;
  };
  moves.sort((a, b) => b.depth - a.depth);
  let merged = 0;
  for (const m of moves) {
    const d = find(m.d), s = find(m.s);
    if (d === s || nb(d).has(s)) continue;
    parent[s] = d;
    const into = nb(d);
    for (const x of nb(s)) {
      const xs = nb(x);
      xs.delete(s);
      xs.add(d);
      into.add(x);
    }
    adj.delete(s);
    merged++;
  }
  if (merged === 0) return 0;

  // ---- rewrite
  let removed = 0;
  const map = (r: Reg) => (isVirtual(r) ? find(r) : r);
  for (const b of mf.blocks) {
    b.insts = b.insts.filter((i) => {
      i.defs = i.defs.map(map);
      i.uses = i.uses.map(map);
      if (i.isMove && i.defs[0] === i.uses[0]) {
        removed++;
        return false;
      }
      return true;
    });
  }
  return removed;
}
