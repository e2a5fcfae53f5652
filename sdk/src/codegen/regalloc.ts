// Linear-scan register allocation (Poletto & Sarkar) over MachFunctions.
//
// Each round: liveness by backward dataflow over bit sets, one conservative
// interval per virtual register ([first position, last position] over the
// linear block order, extended to block boundaries where the register is live
// in/out), physical-register occupancy from fixed operands and clobbers, then a
// scan in start order. When registers run out, the interval ending last is
// spilled ("spill everywhere"): each of its uses reloads into a fresh tiny
// virtual register and each def stores from one; those tiny intervals cannot be
// spilled, and the next round allocates them. Rounds repeat until nothing
// spills (in practice one or two).
//
// Positions: instruction k of the linear order has use position 2k and def
// position 2k+1, so a register last used by an instruction can be reused for
// that instruction's result.
import { PHYS_LIMIT, isVirtual, type MachFunction, type MachInst, type Reg, type RegTarget } from './mach.ts';

export interface AllocResult {
  /** Callee-saved registers the function now uses (the frame must save them). */
  usedCalleeSaved: Reg[];
  /** Number of allocation rounds (1 = no spills). */
  rounds: number;
}

interface Interval {
  vreg: Reg;
  start: number;
  end: number;
  weight: number;
  unspillable: boolean;
  /** Register this value would like (move-related), or -1. */
  hint: Reg;
  assigned: Reg;
}

class BitSet {
  readonly w: Uint32Array;
  constructor(bits: number) {
    this.w = new Uint32Array((bits + 31) >>> 5);
  }
  has(i: number): boolean { return (this.w[i >>> 5]! & (1 << (i & 31))) !== 0; }
  add(i: number): void { this.w[i >>> 5]! |= 1 << (i & 31); }
  delete(i: number): void { this.w[i >>> 5]! &= ~(1 << (i & 31)); }
  /** this |= o; returns true when this changed. */
  unionWith(o: BitSet): boolean {
    let changed = false;
    for (let k = 0; k < this.w.length; k++) {
      const v = (this.w[k]! | o.w[k]!) >>> 0; // uint32, as stored: bit 31 would never compare equal
      if (v !== this.w[k]) { this.w[k] = v; changed = true; }
    }
    return changed;
  }
  copyFrom(o: BitSet): void { this.w.set(o.w); }
  forEach(fn: (i: number) => void): void {
    for (let k = 0; k < this.w.length; k++) {
      let v = this.w[k]!;
      while (v !== 0) {
        const b = 31 - Math.clz32(v & -v);
        fn((k << 5) + b);
        v &= v - 1;
      }
    }
  }
}

export function allocateRegisters<P>(f: MachFunction<P>, target: RegTarget<P>): AllocResult {
  const unspillable = new Set<Reg>();
  for (let round = 1; ; round++) {
    if (round > 8) throw new Error(`register allocation did not converge in ${f.name}`);
    const spilled = allocateRound(f, target, unspillable);
    if (spilled === null) {
      const used = new Set<Reg>();
      for (const b of f.blocks) for (const i of b.insts) for (const d of i.defs) used.add(d);
      return { usedCalleeSaved: [...target.calleeSaved].filter((r) => used.has(r)).sort((a, b) => a - b), rounds: round };
    }
    spillEverywhere(f, target, spilled, unspillable);
  }
}

/** One allocation attempt. Returns the vregs to spill, or null after rewriting everything to physical registers. */
function allocateRound<P>(f: MachFunction<P>, target: RegTarget<P>, unspillable: Set<Reg>): Reg[] | null {
  const nv = f.nextVreg;
  const nb = f.blocks.length;
  const index = new Map<number, number>();
  f.blocks.forEach((b, k) => index.set(b.id, k));

  // ---- liveness (virtual registers only)
  const gen: BitSet[] = [];
  const kill: BitSet[] = [];
  for (const b of f.blocks) {
    const g = new BitSet(nv), k = new BitSet(nv);
    for (const i of b.insts) {
      for (const u of i.uses) if (isVirtual(u) && !k.has(u)) g.add(u);
      for (const d of i.defs) if (isVirtual(d)) k.add(d);
    }
    gen.push(g);
    kill.push(k);
  }
  const liveIn = f.blocks.map(() => new BitSet(nv));
  const liveOut = f.blocks.map(() => new BitSet(nv));
  const tmp = new BitSet(nv);
  for (let changed = true; changed;) {
    changed = false;
    for (let k = nb - 1; k >= 0; k--) {
      const out = liveOut[k]!;
      for (const s of f.blocks[k]!.succs) {
        const si = index.get(s);
        if (si !== undefined && out.unionWith(liveIn[si]!)) changed = true;
      }
      // in = gen | (out & ~kill)
      tmp.copyFrom(out);
      const kw = kill[k]!.w, tw = tmp.w, gw = gen[k]!.w;
      for (let w = 0; w < tw.length; w++) tw[w] = (tw[w]! & ~kw[w]!) | gw[w]!;
      if (liveIn[k]!.unionWith(tmp)) changed = true;
    }
  }

  // ---- intervals and physical occupancy
  const ivs = new Map<Reg, Interval>();
  const touch = (r: Reg, pos: number, w: number) => {
    let iv = ivs.get(r);
    if (!iv) {
      iv = { vreg: r, start: pos, end: pos, weight: 0, unspillable: unspillable.has(r), hint: -1, assigned: -1 };
      ivs.set(r, iv);
    }
    if (pos < iv.start) iv.start = pos;
    if (pos > iv.end) iv.end = pos;
    iv.weight += w;
  };
  const physRanges: number[][] = Array.from({ length: PHYS_LIMIT }, () => []); // flat [s0, e0, s1, e1, ...]
  const physOpen = new Int32Array(PHYS_LIMIT).fill(-1);
  let pos = 0;
  f.blocks.forEach((b, bi) => {
    const blockStart = pos;
    const blockEnd = pos + 2 * b.insts.length - 1;
    const w = 10 ** Math.min(b.loopDepth, 6);
    liveIn[bi]!.forEach((r) => touch(r, blockStart, 0));
    for (const inst of b.insts) {
      for (const u of inst.uses) {
        if (isVirtual(u)) touch(u, pos, w);
        else if (physOpen[u]! >= 0) { physRanges[u]!.push(physOpen[u]!, pos); physOpen[u] = -1; }
        else physRanges[u]!.push(pos, pos); // used without a visible def (argument registers at entry)
      }
      for (const c of inst.clobbers ?? []) physRanges[c]!.push(pos + 1, pos + 1);
      for (const d of inst.defs) {
        if (isVirtual(d)) touch(d, pos + 1, w);
        else { if (physOpen[d]! >= 0) physRanges[d]!.push(physOpen[d]!, physOpen[d]!); physOpen[d] = pos + 1; }
      }
      if (inst.isMove) {
        const [d, s] = [inst.defs[0]!, inst.uses[0]!];
        if (isVirtual(d) && !isVirtual(s)) ivs.get(d)!.hint = s;
        if (isVirtual(s) && !isVirtual(d)) { const iv = ivs.get(s); if (iv && iv.hint < 0) iv.hint = d; }
      }
      pos += 2;
    }
    liveOut[bi]!.forEach((r) => touch(r, Math.max(blockEnd, blockStart), 0));
    for (let r = 0; r < PHYS_LIMIT; r++) if (physOpen[r]! >= 0) { physRanges[r]!.push(physOpen[r]!, physOpen[r]!); physOpen[r] = -1; }
  });
  for (const rs of physRanges) sortRanges(rs);

  const conflictsPhys = (r: Reg, s: number, e: number): boolean => {
    const rs = physRanges[r]!;
    // First range whose end >= s (ranges sorted by start; ends are monotone enough for short ranges, so scan).
    let lo = 0, hi = rs.length / 2;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (rs[2 * mid + 1]! < s) lo = mid + 1; else hi = mid; }
    for (let k = lo; k < rs.length / 2; k++) {
      if (rs[2 * k]! > e) break;
      if (rs[2 * k + 1]! >= s) return true;
    }
    return false;
  };

  // ---- the scan
  const order = [...ivs.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const active: Interval[] = [];
  const busy = new Int32Array(PHYS_LIMIT).fill(0); // active intervals per register
  const spilled: Reg[] = [];
  const moveHint = (iv: Interval): Reg => {
    if (iv.hint >= 0 && !isVirtual(iv.hint)) return iv.hint;
    return -1;
  };
  for (const iv of order) {
    for (let k = active.length - 1; k >= 0; k--) {
      if (active[k]!.end < iv.start) { busy[active[k]!.assigned]!--; active.splice(k, 1); }
    }
    let reg: Reg = -1;
    const h = moveHint(iv);
    if (h >= 0 && target.allocatable.includes(h) && busy[h] === 0 && !conflictsPhys(h, iv.start, iv.end)) reg = h;
    if (reg < 0) {
      for (const r of target.allocatable) {
        if (busy[r] === 0 && !conflictsPhys(r, iv.start, iv.end)) { reg = r; break; }
      }
    }
    if (reg < 0) {
      // Spill: the active interval (or this one) that ends last and can be spilled,
      // provided its register is usable by this interval.
      let victim: Interval | undefined;
      for (const a of active) {
        if (a.unspillable || conflictsPhys(a.assigned, iv.start, iv.end)) continue;
        if (!victim || a.end > victim.end || (a.end === victim.end && a.weight < victim.weight)) victim = a;
      }
      if (victim && (iv.unspillable || victim.end > iv.end)) {
        spilled.push(victim.vreg);
        reg = victim.assigned;
        active.splice(active.indexOf(victim), 1);
        busy[reg]!--;
      } else if (!iv.unspillable) {
        spilled.push(iv.vreg);
        continue;
      } else {
        throw new Error(`register allocation failed in ${f.name}: no register for v${iv.vreg} (too many values live at once in one instruction)`);
      }
    }
    iv.assigned = reg;
    busy[reg]!++;
    active.push(iv);
  }
  if (spilled.length > 0) return spilled;

  // ---- rewrite to physical registers
  const map = (r: Reg): Reg => (isVirtual(r) ? ivs.get(r)!.assigned : r);
  for (const b of f.blocks) {
    const out: MachInst<P>[] = [];
    for (const inst of b.insts) {
      inst.defs = inst.defs.map(map);
      inst.uses = inst.uses.map(map);
      if (inst.isMove && inst.defs[0] === inst.uses[0]) continue; // coalesced
      out.push(inst);
    }
    b.insts = out;
  }
  return null;
}

function sortRanges(rs: number[]): void {
  const pairs: [number, number][] = [];
  for (let k = 0; k < rs.length; k += 2) pairs.push([rs[k]!, rs[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  // Merge so that ends are monotone, which the binary search relies on.
  const merged: [number, number][] = [];
  for (const p of pairs) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  rs.length = 0;
  for (const [s, e] of merged) rs.push(s, e);
}

function spillEverywhere<P>(f: MachFunction<P>, target: RegTarget<P>, spilled: Reg[], unspillable: Set<Reg>): void {
  const slotOf = new Map<Reg, number>();
  for (const v of spilled) slotOf.set(v, f.spillSlots++);
  for (const b of f.blocks) {
    const out: MachInst<P>[] = [];
    for (const inst of b.insts) {
      const after: MachInst<P>[] = [];
      const reloaded = new Map<Reg, Reg>();
      inst.uses = inst.uses.map((u) => {
        const slot = slotOf.get(u);
        if (slot === undefined) return u;
        let t = reloaded.get(u);
        if (t === undefined) {
          t = f.nextVreg++;
          unspillable.add(t);
          reloaded.set(u, t);
          out.push(target.reload(t, slot));
        }
        return t;
      });
      inst.defs = inst.defs.map((d) => {
        const slot = slotOf.get(d);
        if (slot === undefined) return d;
        const t = f.nextVreg++;
        unspillable.add(t);
        after.push(target.spill(t, slot));
        return t;
      });
      out.push(inst, ...after);
    }
    b.insts = out;
  }
}
