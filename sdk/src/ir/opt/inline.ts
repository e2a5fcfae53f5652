// Inlining of small functions (a module pass).
//
// Order: bottom-up over the call graph's strongly connected components
// (Tarjan's algorithm yields callees before callers), so a callee is already
// as inlined as it will get when its body is copied. A function on a call
// cycle (recursion, direct or mutual) is never inlined: each copy would bring
// the recursive call along.
//
// Which calls:
//   - `#[inline(never)]` callees never; `#[inline(always)]` callees always
//     (recursion and the hard limits below aside);
//   - otherwise, by cost (instructions other than constants and stack addresses,
//     plus terminators): everywhere when it is at most SMALL_COST plus the
//     number of arguments (about what the call itself costs: argument moves,
//     the call, the callee's prologue and epilogue — code does not grow);
//     in loops when at most LOOP_COST (speed for some size); anywhere when
//     the callee has exactly one call site and no other reference and is not
//     exported or an interrupt handler, up to ONCE_COST (the copy replaces
//     the original, which deadfns.ts then removes); but never when the
//     combined loop nest would be three deep or more (a loop nest inlined
//     into a loop needs more registers than there are, and the register
//     allocator then spills the innermost loop's variables: measured on
//     insertion sort, 27% more instructions executed);
//   - never: naked functions, functions with inline assembly (local labels
//     would be duplicated), functions placed in a `#[section]` (code that
//     must run from RAM stays there), calls to no-return functions, and
//     calls in blocks that end in `unreachable` (panic paths are cold);
//   - a caller stops growing at CALLER_LIMIT instructions.
//
// Mechanics: the calling block is split after the call; the continuation
// block takes the call's result values as its parameters (so no use is
// rewritten), the callee's blocks are copied in between with fresh values
// and slots, its parameters replaced by the arguments and each `ret` turned
// into a jump to the continuation. Block order puts the copy where the call
// was, so the fall-through layout of the back ends follows the source.
import type { Block, BlockCall, Function, Inst, Module, Terminator, Value } from '../ir.ts';
import { instCount, mapInstUses, newValue, successors } from './util.ts';
import { findLoops, type LoopInfo } from './loops.ts';

export const SMALL_COST = 6;
export const LOOP_COST = 24;
export const ONCE_COST = 200;
export const CALLER_LIMIT = 4000;

/** The size measure: what the back end turns into instructions (constants and stack addresses fold into operands; a global's address is a literal-pool load). */
export function inlineCost(f: Function): number {
  let n = 0;
  for (const b of f.blocks) {
    n++;
    for (const i of b.insts) if (i.op !== 'const' && i.op !== 'slotAddr') n++;
  }
  return n;
}

function inlinable(f: Function): boolean {
  return !f.naked && f.blocks.length > 0 && f.section === undefined && f.inline !== 'never'
    && !f.blocks.some((b) => b.insts.some((i) => i.op === 'asm'));
}

/** Inlines the chosen calls; returns the callers that changed. */
export function inlineCalls(m: Module): Function[] {
  const byName = new Map(m.functions.map((f) => [f.name, f]));
  const sccOf = components(m.functions, byName);
  // Functions on a call cycle: inlining one copies a call to the cycle along, and again.
  const size = new Map<number, number>();
  for (const c of sccOf.values()) size.set(c, (size.get(c) ?? 0) + 1);
  const recursive = new Set(m.functions.filter((f) => size.get(sccOf.get(f.name)!)! > 1
    || f.blocks.some((b) => b.insts.some((i) => i.op === 'call' && i.callee === f.name))).map((f) => f.name));
  const refs = references(m);
  const handlers = new Set(m.interrupts.map((h) => h.func));
  const changed = new Set<Function>();
  const nest = new Map<Function, number>();
  const loopDepth = (f: Function) => { let d = nest.get(f); if (d === undefined) { d = Math.max(0, ...findLoops(f).depth); nest.set(f, d); } return d; };
  // Functions in component order: callees first.
  const order = [...m.functions].sort((a, b) => sccOf.get(a.name)! - sccOf.get(b.name)!);
  for (const caller of order) {
    if (caller.naked || caller.blocks.length === 0) continue;
    let loops: LoopInfo | null = null;
    const wanted = (callee: Function, i: Extract<Inst, { op: 'call' }>, bi: number): boolean => {
      if (i.noReturn || recursive.has(callee.name) || sccOf.get(callee.name) === sccOf.get(caller.name) || !inlinable(callee)) return false;
      if (callee.inline === 'always') return true;
      const cost = inlineCost(callee);
      if (cost <= SMALL_COST + i.args.length) return true;
      loops ??= findLoops(caller);
      const inLoop = loops.depth[bi]! > 0;
      // A loop nest copied into another loop nest: more values live across both loops
      // than registers, and the inner loop's variables are the ones that spill.
      if (loops.depth[bi]! + loopDepth(callee) >= 3) return false;
      const r = refs.get(callee.name);
      if (cost <= ONCE_COST && !callee.exported && !handlers.has(callee.name) && r !== undefined && r.calls === 1 && r.other === 0) return true;
      return cost <= LOOP_COST && inLoop;
    };
    for (let bi = 0; bi < caller.blocks.length; bi++) {
      const b = caller.blocks[bi]!;
      if (b.term.op === 'unreachable') continue;
      for (let k = 0; k < b.insts.length; k++) {
        const i = b.insts[k]!;
        if (i.op !== 'call') continue;
        const callee = byName.get(i.callee);
        if (!callee || !wanted(callee, i, bi)) continue;
        if (instCount(caller) + instCount(callee) > CALLER_LIMIT && callee.inline !== 'always') continue;
        inlineAt(caller, bi, k, callee);
        loops = null;
        const r = refs.get(callee.name);
        if (r) r.calls--;
        changed.add(caller);
        break; // the rest of this block moved to the continuation, which comes later
      }
    }
  }
  return [...changed];
}

/** Replaces the call at `caller.blocks[bi].insts[k]` by a copy of `callee`'s body. */
export function inlineAt(caller: Function, bi: number, k: number, callee: Function): void {
  const b = caller.blocks[bi]!;
  const call = b.insts[k] as Extract<Inst, { op: 'call' }>;
  const base = caller.blocks.length;
  const contId = base + callee.blocks.length;
  const slotBase = caller.slots.length;
  for (const s of callee.slots) caller.slots.push({ ...s, name: s.name ? `${callee.name}::${s.name}` : callee.name });

  const vmap = new Map<Value, Value>();
  callee.params.forEach((p, j) => vmap.set(p, call.args[j]!));
  const mapV = (v: Value): Value => {
    let r = vmap.get(v);
    if (r === undefined) { r = newValue(caller, callee.valueTys[v]!); vmap.set(v, r); }
    return r;
  };
  const mapCall = (c: BlockCall): BlockCall => ({ block: base + c.block, args: c.args.map(mapV) });
  const mapTerm = (t: Terminator): Terminator => {
    switch (t.op) {
      case 'jump': return { op: 'jump', to: mapCall(t.to) };
      case 'branch': return { op: 'branch', cond: mapV(t.cond), then: mapCall(t.then), else: mapCall(t.else) };
      case 'switch': return { op: 'switch', value: mapV(t.value), ty: t.ty, cases: t.cases.map((c) => ({ value: c.value, to: mapCall(c.to) })), default: mapCall(t.default) };
      case 'ret': return { op: 'jump', to: { block: contId, args: t.values.map(mapV) } };
      case 'unreachable': return { op: 'unreachable' };
    }
  };
  const copies: Block[] = callee.blocks.map((cb) => ({
    id: base + cb.id,
    params: cb.params.map(mapV),
    insts: cb.insts.map((i) => {
      const n = cloneInst(i);
      mapInstUses(n, mapV);
      mapDefs(n, mapV);
      if (n.op === 'slotAddr') n.slot += slotBase;
      return n;
    }),
    term: mapTerm(cb.term),
    locs: cb.locs ? [...cb.locs] : cb.insts.map(() => undefined),
  }));
  const cont: Block = {
    id: contId,
    params: call.dsts,
    insts: b.insts.slice(k + 1),
    term: b.term,
    locs: b.locs ? b.locs.slice(k + 1) : undefined,
  };
  b.insts = b.insts.slice(0, k);
  if (b.locs) b.locs = b.locs.slice(0, k);
  b.term = { op: 'jump', to: { block: base, args: [] } };

  // New order: ..., b, callee copy, continuation, rest; then renumber.
  const list = [...caller.blocks.slice(0, bi + 1), ...copies, cont, ...caller.blocks.slice(bi + 1)];
  const map = new Map<number, number>(list.map((x, n) => [x.id, n]));
  for (const x of list) {
    x.id = map.get(x.id)!;
    for (const c of successors(x.term)) c.block = map.get(c.block)!;
  }
  caller.blocks = list;
}

function cloneInst(i: Inst): Inst {
  switch (i.op) {
    case 'call': return { ...i, dsts: [...i.dsts], retTys: [...i.retTys], args: [...i.args] };
    case 'callIndirect': return { ...i, dsts: [...i.dsts], retTys: [...i.retTys], args: [...i.args], argTys: [...i.argTys] };
    case 'asm': return { ...i, inputs: i.inputs.map((x) => ({ ...x })), outputs: i.outputs.map((x) => ({ ...x })), clobbers: [...i.clobbers] };
    default: return { ...i };
  }
}

function mapDefs(i: Inst, f: (v: Value) => Value): void {
  switch (i.op) {
    case 'store': case 'copy': case 'zero': return;
    case 'call': case 'callIndirect': i.dsts = i.dsts.map(f); return;
    case 'asm': for (const o of i.outputs) o.dst = f(o.dst); return;
    default: i.dst = f(i.dst);
  }
}

/** Direct call sites and other references (address taken, data, asm text) per function name. */
function references(m: Module): Map<string, { calls: number; other: number }> {
  const refs = new Map<string, { calls: number; other: number }>(m.functions.map((f) => [f.name, { calls: 0, other: 0 }]));
  const bump = (name: string, call: boolean) => { const r = refs.get(name); if (r) { if (call) r.calls++; else r.other++; } };
  for (const f of m.functions) {
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op === 'call') bump(i.callee, true);
        else if (i.op === 'symAddr') bump(i.symbol, false);
        else if (i.op === 'asm') for (const g of m.functions) if (i.text.includes(g.name)) bump(g.name, false);
      }
    }
  }
  for (const d of m.data) for (const p of d.init) if (p.kind === 'symbol') bump(p.symbol, false);
  return refs;
}

/** Tarjan's strongly connected components of the direct-call graph: component index per function, callees' components first. */
function components(fns: Function[], byName: Map<string, Function>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let next = 0, nComp = 0;
  const callees = (f: Function): string[] => {
    const out = new Set<string>();
    for (const b of f.blocks) for (const i of b.insts) if (i.op === 'call' && byName.has(i.callee)) out.add(i.callee);
    return [...out];
  };
  for (const root of fns) {
    if (index.has(root.name)) continue;
    // Iterative DFS: deep call chains must not overflow the JS stack.
    const work: { name: string; succ: string[]; k: number }[] = [];
    const push = (name: string) => {
      index.set(name, next); low.set(name, next); next++;
      stack.push(name); onStack.add(name);
      work.push({ name, succ: callees(byName.get(name)!), k: 0 });
    };
    push(root.name);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.k < top.succ.length) {
        const s = top.succ[top.k++]!;
        if (!index.has(s)) push(s);
        else if (onStack.has(s)) low.set(top.name, Math.min(low.get(top.name)!, index.get(s)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!;
        low.set(parent.name, Math.min(low.get(parent.name)!, low.get(top.name)!));
      }
      if (low.get(top.name) === index.get(top.name)) {
        for (;;) {
          const x = stack.pop()!;
          onStack.delete(x);
          comp.set(x, nComp);
          if (x === top.name) break;
        }
        nComp++;
      }
    }
  }
  return comp;
}
