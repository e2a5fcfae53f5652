// Promotes stack slots to SSA values (the last step of lowering a function).
// Lowering keeps every mutable local in a slot — simple and obviously right —
// and this pass turns the ones whose address never escapes into SSA values
// with block parameters, as LLVM's mem2reg does (Cytron et al.: parameters
// at the iterated dominance frontier of the stores, then renaming along the
// dominator tree).
//
// A slot is promotable when every use of its address is the address operand
// of a non-volatile load or store at offset 0, all with one type whose size
// is the slot's size. Reads before any store (impossible in Rust) see 0.
// Unused block parameters are left for the optimiser's dead-code pass.
import type { Block, BlockCall, Function, Inst, Ty, Value } from '../ir.ts';
import { tyBytes } from '../ir.ts';
import { dominators, successors } from '../verify.ts';

function uses(i: Inst): Value[] {
  switch (i.op) {
    case 'const': case 'slotAddr': case 'symAddr': return [];
    case 'binary': case 'cmp': return [i.a, i.b];
    case 'unary': case 'conv': return [i.a];
    case 'select': return [i.cond, i.a, i.b];
    case 'load': return [i.addr];
    case 'store': return [i.addr, i.value];
    case 'copy': return [i.dst_addr, i.src_addr];
    case 'zero': return [i.addr];
    case 'call': return i.args;
    case 'callIndirect': return [i.callee, ...i.args];
    case 'asm': return i.inputs.map((x) => x.value);
  }
}

function mapUses(i: Inst, f: (v: Value) => Value): void {
  switch (i.op) {
    case 'binary': case 'cmp': i.a = f(i.a); i.b = f(i.b); return;
    case 'unary': case 'conv': i.a = f(i.a); return;
    case 'select': i.cond = f(i.cond); i.a = f(i.a); i.b = f(i.b); return;
    case 'load': i.addr = f(i.addr); return;
    case 'store': i.addr = f(i.addr); i.value = f(i.value); return;
    case 'copy': i.dst_addr = f(i.dst_addr); i.src_addr = f(i.src_addr); return;
    case 'zero': i.addr = f(i.addr); return;
    case 'call': i.args = i.args.map(f); return;
    case 'callIndirect': i.callee = f(i.callee); i.args = i.args.map(f); return;
    case 'asm': for (const x of i.inputs) x.value = f(x.value); return;
    default: return;
  }
}

export function promoteSlots(fn: Function): void {
  if (fn.slots.length === 0 || fn.naked) return;
  const nb = fn.blocks.length;
  // 1. Which slots qualify, and their access type.
  // slotOf[v] = the slot whose address v is, or -1 (values are dense numbers).
  const slotOf = new Int32Array(fn.valueTys.length).fill(-1);
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'slotAddr') slotOf[i.dst] = i.slot;
  const ty: (Ty | null)[] = fn.slots.map(() => null);
  const ok = fn.slots.map((s) => s.size > 0);
  const consider = (slot: number, t: Ty) => {
    if (!ok[slot]) return;
    if (ty[slot] === null) ty[slot] = t;
    if (ty[slot] !== t || tyBytes(ty[slot]!) !== fn.slots[slot]!.size) ok[slot] = false;
  };
  const escape = (v: Value) => { const s = slotOf[v]!; if (s >= 0) ok[s] = false; };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'load' && slotOf[i.addr]! >= 0) {
        if (i.offset !== 0 || i.volatile) ok[slotOf[i.addr]!] = false;
        else consider(slotOf[i.addr]!, i.ty);
        continue;
      }
      if (i.op === 'store') {
        escape(i.value);
        const s = slotOf[i.addr]!;
        if (s >= 0) {
          if (i.offset !== 0 || i.volatile) ok[s] = false;
          else consider(s, i.ty);
        }
        continue;
      }
      for (const u of uses(i)) escape(u);
    }
    for (const c of successors(b.term)) for (const a of c.args) escape(a);
    if (b.term.op === 'ret') for (const v of b.term.values) escape(v);
    if (b.term.op === 'branch') escape(b.term.cond);
    if (b.term.op === 'switch') escape(b.term.value);
  }
  const vars = fn.slots.map((_, k) => k).filter((k) => ok[k] && ty[k] !== null);
  if (vars.length === 0) return;
  // varIndex[slot] = the variable number of a promoted slot, or -1.
  const varIndex = new Int32Array(fn.slots.length).fill(-1);
  vars.forEach((s, k) => (varIndex[s] = k));
  const varOfAddr = (a: Value): number => { const s = slotOf[a]!; return s < 0 ? -1 : varIndex[s]!; };

  // 2. Dominator tree and dominance frontiers.
  const { idom, rpo } = dominators(fn);
  const preds: number[][] = Array.from({ length: nb }, () => []);
  for (const b of rpo) for (const s of successors(fn.blocks[b]!.term)) preds[s.block]!.push(b);
  const df: Set<number>[] = Array.from({ length: nb }, () => new Set());
  for (const b of rpo) {
    if (preds[b]!.length < 2) continue;
    for (const p of preds[b]!) {
      for (let r = p; r !== idom[b] && r !== -1; r = idom[r]!) {
        df[r]!.add(b);
        if (r === 0) break;
      }
    }
  }
  const children: number[][] = Array.from({ length: nb }, () => []);
  for (const b of rpo) if (b !== 0) children[idom[b]!]!.push(b);

  // 3. Block parameters at the iterated dominance frontier of each variable's stores.
  const paramFor: Map<number, Value>[] = Array.from({ length: nb }, () => new Map());
  const addedOrder: number[][] = Array.from({ length: nb }, () => []);
  const defBlocks: Set<number>[] = vars.map(() => new Set());
  fn.blocks.forEach((b, bi) => {
    for (const i of b.insts) {
      if (i.op !== 'store') continue;
      const v = varOfAddr(i.addr);
      if (v >= 0) defBlocks[v]!.add(bi);
    }
  });
  vars.forEach((slot, v) => {
    const defs = defBlocks[v]!;
    const work = [...defs];
    const placed = new Set<number>();
    while (work.length) {
      const d = work.pop()!;
      for (const f of df[d]!) {
        if (placed.has(f)) continue;
        placed.add(f);
        const p = fn.valueTys.push(ty[slot]!) - 1;
        fn.blocks[f]!.params.push(p);
        paramFor[f]!.set(v, p);
        addedOrder[f]!.push(v);
        if (!defs.has(f)) work.push(f);
      }
    }
  });

  // 4. Renaming along the dominator tree.
  // replace[v] = the value a removed load v stands for (-1: not replaced).
  const replace = new Int32Array(fn.valueTys.length).fill(-1);
  const entry = fn.blocks[0]!;
  const zeros: Inst[] = vars.map((slot) => {
    const dst = fn.valueTys.push(ty[slot]!) - 1;
    return { op: 'const', dst, ty: ty[slot]!, imm: 0n } as Inst;
  });
  const initial = zeros.map((z) => (z as Inst & { dst: Value }).dst);
  const stacks: Value[][] = initial.map((z) => [z]);
  const top = (v: number) => stacks[v]![stacks[v]!.length - 1]!;
  const enter = (bi: number): number[] => {
    const b: Block = fn.blocks[bi]!;
    const pushed: number[] = [];
    for (const v of addedOrder[bi]!) { stacks[v]!.push(paramFor[bi]!.get(v)!); pushed.push(v); }
    const kept: Inst[] = [];
    const keptLocs: NonNullable<Block['locs']> = [];
    const insts = b.insts;
    for (let k = 0; k < insts.length; k++) {
      const i = insts[k]!;
      if (i.op === 'slotAddr' && varIndex[i.slot]! >= 0) continue;
      if (i.op === 'load') {
        const v = varOfAddr(i.addr);
        if (v >= 0) { replace[i.dst] = top(v); continue; }
      } else if (i.op === 'store') {
        const v = varOfAddr(i.addr);
        if (v >= 0) { stacks[v]!.push(i.value); pushed.push(v); continue; }
      }
      kept.push(i);
      keptLocs.push(b.locs?.[k]);
    }
    b.insts = kept;
    if (b.locs) b.locs = keptLocs;
    for (const c of successors(b.term)) for (const v of addedOrder[c.block]!) c.args.push(top(v));
    return pushed;
  };
  // Iterative walk of the dominator tree (functions can be deep chains of blocks).
  const work: { b: number; pushed: number[] | null }[] = [{ b: 0, pushed: null }];
  while (work.length) {
    const w = work[work.length - 1]!;
    if (w.pushed === null) {
      w.pushed = enter(w.b);
      for (let k = children[w.b]!.length - 1; k >= 0; k--) work.push({ b: children[w.b]![k]!, pushed: null });
      continue;
    }
    for (const v of w.pushed) stacks[v]!.pop();
    work.pop();
  }
  entry.insts.unshift(...zeros);
  if (entry.locs) entry.locs.unshift(...zeros.map(() => undefined));

  // 5. Substitute the removed loads everywhere.
  const resolve = (v: Value): Value => {
    let r = v;
    while (r < replace.length && replace[r]! >= 0) r = replace[r]!;
    return r;
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) mapUses(i, resolve);
    const t = b.term;
    const fix = (c: BlockCall) => { c.args = c.args.map(resolve); };
    if (t.op === 'jump') fix(t.to);
    else if (t.op === 'branch') { t.cond = resolve(t.cond); fix(t.then); fix(t.else); }
    else if (t.op === 'switch') { t.value = resolve(t.value); t.cases.forEach((c) => fix(c.to)); fix(t.default); }
    else if (t.op === 'ret') t.values = t.values.map(resolve);
  }

  // 6. Drop the promoted slots and renumber the rest.
  const newIndex = new Map<number, number>();
  const slots = fn.slots.filter((_, k) => varIndex[k]! < 0);
  fn.slots.forEach((_, k) => { if (varIndex[k]! < 0) newIndex.set(k, newIndex.size); });
  fn.slots = slots;
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'slotAddr') i.slot = newIndex.get(i.slot)!;
}

/** Removes blocks unreachable from the entry and renumbers the rest. */
export function pruneUnreachable(f: Function): void {
  const n = f.blocks.length;
  const seen = new Uint8Array(n);
  const stack = [0];
  seen[0] = 1;
  while (stack.length) {
    const b = f.blocks[stack.pop()!]!;
    const t = b.term;
    const succ = t.op === 'jump' ? [t.to] : t.op === 'branch' ? [t.then, t.else] : t.op === 'switch' ? [...t.cases.map((c) => c.to), t.default] : [];
    for (const s of succ) if (!seen[s.block]) { seen[s.block] = 1; stack.push(s.block); }
  }
  const map = new Int32Array(n).fill(-1);
  const kept: Block[] = [];
  f.blocks.forEach((b, k) => { if (seen[k]) { map[k] = kept.length; kept.push(b); } });
  for (const b of kept) {
    b.id = map[b.id]!;
    const t = b.term;
    const fix = (c: { block: number }) => { c.block = map[c.block]!; };
    if (t.op === 'jump') fix(t.to);
    else if (t.op === 'branch') { fix(t.then); fix(t.else); }
    else if (t.op === 'switch') { t.cases.forEach((c) => fix(c.to)); fix(t.default); }
  }
  f.blocks = kept;
}
