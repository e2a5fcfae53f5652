// The register allocator is checked by execution: random programs on a toy
// target are interpreted before allocation (unbounded virtual registers) and
// after it (4 physical registers, spill slots), and must compute the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHYS_LIMIT, type MachFunction, type MachInst, type RegTarget } from '../../sdk/src/codegen/mach.ts';
import { allocateRegisters } from '../../sdk/src/codegen/regalloc.ts';

type Op =
  | { op: 'li'; imm: number }
  | { op: 'add' } | { op: 'mul' }
  | { op: 'mov' }
  | { op: 'call' } // r0 = r0 * 3 + 1, clobbers r0..r1
  | { op: 'reload'; slot: number } | { op: 'spill'; slot: number }
  | { op: 'brnz'; then: number; else: number } | { op: 'jmp'; to: number }
  | { op: 'ret' };

const NPHYS = 4;
const toy: RegTarget<Op> = {
  allocatable: [0, 1, 2, 3],
  calleeSaved: new Set([2, 3]),
  reload: (r, slot) => ({ defs: [r], uses: [], payload: { op: 'reload', slot } }),
  spill: (r, slot) => ({ defs: [], uses: [r], payload: { op: 'spill', slot } }),
  move: (d, s) => ({ defs: [d], uses: [s], isMove: true, payload: { op: 'mov' } }),
  regName: (r) => `r${r}`,
};

function run(f: MachFunction<Op>): number {
  const regs = new Map<number, number>();
  const slots: number[] = [];
  const get = (r: number) => { const v = regs.get(r); if (v === undefined) throw new Error(`read of unset r${r}`); return v; };
  let b = 0;
  for (let steps = 0; steps < 100000; steps++) {
    for (const i of f.blocks[b]!.insts) {
      const p = i.payload;
      switch (p.op) {
        case 'li': regs.set(i.defs[0]!, p.imm); break;
        case 'add': regs.set(i.defs[0]!, (get(i.uses[0]!) + get(i.uses[1]!)) | 0); break;
        case 'mul': regs.set(i.defs[0]!, Math.imul(get(i.uses[0]!), get(i.uses[1]!))); break;
        case 'mov': regs.set(i.defs[0]!, get(i.uses[0]!)); break;
        case 'call': { const x = get(0); regs.delete(1); regs.set(0, (x * 3 + 1) | 0); break; }
        case 'reload': regs.set(i.defs[0]!, slots[p.slot]!); break;
        case 'spill': slots[p.slot] = get(i.uses[0]!); break;
        case 'ret': return get(i.uses[0]!);
        case 'brnz': b = get(i.uses[0]!) !== 0 ? p.then : p.else; break;
        case 'jmp': b = p.to; break;
      }
      if (p.op === 'brnz' || p.op === 'jmp') break;
    }
  }
  throw new Error('did not terminate');
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s % n; };
}

/** Straight-line code with many simultaneously live values and calls. */
function randomProgram(seed: number): MachFunction<Op> {
  const r = rng(seed);
  let next = PHYS_LIMIT;
  const live: number[] = [];
  const insts: MachInst<Op>[] = [];
  for (let k = 0; k < 6; k++) { const v = next++; live.push(v); insts.push({ defs: [v], uses: [], payload: { op: 'li', imm: r(100) - 50 } }); }
  for (let k = 0; k < 60; k++) {
    const a = live[r(live.length)]!, b = live[r(live.length)]!;
    const choice = r(10);
    if (choice < 2) {
      // call: arg in r0, result from r0
      insts.push({ defs: [0], uses: [a], isMove: true, payload: { op: 'mov' } });
      insts.push({ defs: [0], uses: [0], clobbers: [0, 1], payload: { op: 'call' } });
      const v = next++;
      insts.push({ defs: [v], uses: [0], isMove: true, payload: { op: 'mov' } });
      live.push(v);
    } else {
      const v = next++;
      insts.push({ defs: [v], uses: [a, b], payload: { op: choice < 6 ? 'add' : 'mul' } });
      live.push(v);
    }
  }
  // Sum everything so every value stays live to the end.
  let acc = live[0]!;
  for (const v of live.slice(1)) { const t = next++; insts.push({ defs: [t], uses: [acc, v], payload: { op: 'add' } }); acc = t; }
  insts.push({ defs: [], uses: [acc], payload: { op: 'ret' } });
  return { name: `rand${seed}`, blocks: [{ id: 0, insts, succs: [], loopDepth: 0 }], nextVreg: next, spillSlots: 0 };
}

function clone(f: MachFunction<Op>): MachFunction<Op> {
  return structuredClone(f);
}

test('random straight-line programs compute the same after allocation', () => {
  let spilledRuns = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const f = randomProgram(seed);
    const expected = run(clone(f));
    const g = clone(f);
    const res = allocateRegisters(g, toy);
    for (const b of g.blocks) for (const i of b.insts) for (const r of [...i.defs, ...i.uses]) assert.ok(r < NPHYS, `seed ${seed}: r${r} left virtual`);
    assert.equal(run(g), expected, `seed ${seed}`);
    if (res.rounds > 1) spilledRuns++;
  }
  assert.ok(spilledRuns > 250, `most programs need spills with 4 registers (${spilledRuns})`);
});

test('values live across a loop keep their registers or slots', () => {
  // k is v95: bit 31 of a liveness word, which once made the fixpoint spin forever.
  // s = 0; i = 10; k = 7 (live through the loop); do { s = s + i * k; i = i + -1 } while (i); return s + k
  const V = (n: number) => PHYS_LIMIT + n;
  const f: MachFunction<Op> = {
    name: 'loop', nextVreg: PHYS_LIMIT + 40, spillSlots: 0,
    blocks: [
      { id: 0, loopDepth: 0, succs: [1], insts: [
        { defs: [V(0)], uses: [], payload: { op: 'li', imm: 0 } },
        { defs: [V(1)], uses: [], payload: { op: 'li', imm: 10 } },
        { defs: [V(31)], uses: [], payload: { op: 'li', imm: 7 } },
        { defs: [V(3)], uses: [], payload: { op: 'li', imm: -1 } },
        { defs: [], uses: [], payload: { op: 'jmp', to: 1 } },
      ] },
      { id: 1, loopDepth: 1, succs: [1, 2], insts: [
        { defs: [V(4)], uses: [V(1), V(31)], payload: { op: 'mul' } },
        { defs: [V(0)], uses: [V(0), V(4)], payload: { op: 'add' } },
        { defs: [V(1)], uses: [V(1), V(3)], payload: { op: 'add' } },
        // call in the loop clobbers r0/r1: k and s must live elsewhere
        { defs: [0], uses: [V(1)], isMove: true, payload: { op: 'mov' } },
        { defs: [0], uses: [0], clobbers: [0, 1], payload: { op: 'call' } },
        { defs: [], uses: [V(1)], payload: { op: 'brnz', then: 1, else: 2 } },
      ] },
      { id: 2, loopDepth: 0, succs: [], insts: [
        { defs: [V(5)], uses: [V(0), V(31)], payload: { op: 'add' } },
        { defs: [], uses: [V(5)], payload: { op: 'ret' } },
      ] },
    ],
  };
  const expected = run(clone(f));
  assert.equal(expected, 7 * 55 + 7);
  const g = clone(f);
  allocateRegisters(g, { ...toy, allocatable: [0, 1, 2] });
  assert.equal(run(g), expected);
});
