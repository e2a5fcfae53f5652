// Shared helpers of the optimisation passes: operand walks, use substitution,
// predecessors, block removal, purity. Every pass goes through these, so the
// "which fields of an instruction are values" knowledge lives in one place.
//
// Invariants the helpers keep: value numbers are never reused (a removed
// definition leaves a hole in `valueTys`, which the verifier and back ends
// accept); block ids always equal their index after `removeBlocks`.
import type { Block, BlockCall, Function, Inst, Terminator, Ty, Value } from '../ir.ts';
import { instDefs, successors } from '../verify.ts';

export { instDefs, successors };

/** Values an instruction reads. */
export function instUses(i: Inst): Value[] {
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

/** Rewrites every value an instruction reads through `f`. */
export function mapInstUses(i: Inst, f: (v: Value) => Value): void {
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

/** Values a terminator reads (condition, switch value, returned values, block arguments). */
export function termUses(t: Terminator): Value[] {
  const u: Value[] = successors(t).flatMap((c) => c.args);
  if (t.op === 'branch') u.push(t.cond);
  if (t.op === 'switch') u.push(t.value);
  if (t.op === 'ret') u.push(...t.values);
  return u;
}

export function mapTermUses(t: Terminator, f: (v: Value) => Value): void {
  const fix = (c: BlockCall) => { c.args = c.args.map(f); };
  switch (t.op) {
    case 'jump': fix(t.to); return;
    case 'branch': t.cond = f(t.cond); fix(t.then); fix(t.else); return;
    case 'switch': t.value = f(t.value); t.cases.forEach((c) => fix(c.to)); fix(t.default); return;
    case 'ret': t.values = t.values.map(f); return;
    default: return;
  }
}

/**
 * Replaces every use of a key of `subst` by its value, following chains
 * (a → b → c). Definitions are untouched: the caller removes them (or leaves
 * them to dead-code elimination).
 */
export function substitute(fn: Function, subst: Map<Value, Value>): void {
  if (subst.size === 0) return;
  const resolve = (v: Value): Value => {
    let r = v;
    for (let n = 0; n < 10_000; n++) {
      const next = subst.get(r);
      if (next === undefined || next === r) return r;
      r = next;
    }
    throw new Error(`internal: substitution cycle through v${v} in ${fn.name}`);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) mapInstUses(i, resolve);
    mapTermUses(b.term, resolve);
  }
}

/** Predecessor block ids of every block, one entry per edge (a branch with both arms to one block counts twice). */
export function predecessors(fn: Function): number[][] {
  const preds: number[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) for (const s of successors(b.term)) preds[s.block]!.push(b.id);
  return preds;
}

/** Number of uses of every value (instructions and terminators). */
export function useCounts(fn: Function): Uint32Array {
  const n = new Uint32Array(fn.valueTys.length);
  for (const b of fn.blocks) {
    for (const i of b.insts) for (const u of instUses(i)) n[u]!++;
    for (const u of termUses(b.term)) n[u]!++;
  }
  return n;
}

/** Blocks reachable from the entry, as a flag per block. */
export function reachable(fn: Function): Uint8Array {
  const seen = new Uint8Array(fn.blocks.length);
  const stack = [0];
  seen[0] = 1;
  while (stack.length) {
    for (const s of successors(fn.blocks[stack.pop()!]!.term)) {
      if (!seen[s.block]) { seen[s.block] = 1; stack.push(s.block); }
    }
  }
  return seen;
}

/**
 * Keeps the blocks with `keep[id]` set, renumbering them in order and fixing
 * every branch target. Branches into a removed block must already be gone.
 */
export function removeBlocks(fn: Function, keep: Uint8Array): boolean {
  const n = fn.blocks.length;
  const map = new Int32Array(n).fill(-1);
  const kept: Block[] = [];
  fn.blocks.forEach((b, k) => { if (keep[k]) { map[k] = kept.length; kept.push(b); } });
  if (kept.length === n) return false;
  for (const b of kept) {
    b.id = map[b.id]!;
    for (const c of successors(b.term)) {
      const to = map[c.block]!;
      if (to < 0) throw new Error(`internal: ${fn.name} branches into removed block b${c.block}`);
      c.block = to;
    }
  }
  fn.blocks = kept;
  return true;
}

/** Removes unreachable blocks; true when any was removed. */
export function pruneUnreachableBlocks(fn: Function): boolean {
  return removeBlocks(fn, reachable(fn));
}

/**
 * Instructions whose only effect is their result: removable when unused,
 * movable and mergeable with an identical one. Non-volatile loads are not in
 * this set (memory may change between two of them) but are removable when dead.
 */
export function isPure(i: Inst): boolean {
  switch (i.op) {
    case 'const': case 'binary': case 'unary': case 'cmp': case 'conv': case 'select': case 'slotAddr': case 'symAddr':
      return true;
    default:
      return false;
  }
}

/** Dead when unused: pure instructions and non-volatile loads (a dead load of a bad address is not a program effect in Rust). */
export function removableWhenDead(i: Inst): boolean {
  return isPure(i) || (i.op === 'load' && !i.volatile);
}

/** Division and remainder trap on a zero divisor: never speculate them unless the divisor is a known non-zero constant. */
export function mayTrap(i: Inst): boolean {
  return i.op === 'binary' && (i.kind === 'sdiv' || i.kind === 'udiv' || i.kind === 'srem' || i.kind === 'urem' || i.kind === 'shl' || i.kind === 'lshr' || i.kind === 'ashr');
}

/** The single value an instruction defines, or -1 (stores, copies, zeroing, calls and asm: see instDefs). */
export function defOf(i: Inst): Value {
  switch (i.op) {
    case 'store': case 'copy': case 'zero': case 'call': case 'callIndirect': case 'asm': return -1;
    default: return i.dst;
  }
}

/** Map from value to the instruction defining it (block parameters and function parameters are absent). */
export function definitions(fn: Function): (Inst | undefined)[] {
  const defs: (Inst | undefined)[] = new Array(fn.valueTys.length);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = defOf(i);
      if (d >= 0) defs[d] = i;
      else if (i.op === 'call' || i.op === 'callIndirect') for (const x of i.dsts) defs[x] = i;
      else if (i.op === 'asm') for (const o of i.outputs) defs[o.dst] = i;
    }
  }
  return defs;
}

/** Block defining every value (function parameters: the entry block). -1 for values no longer defined. */
export function defBlocks(fn: Function): Int32Array {
  const at = new Int32Array(fn.valueTys.length).fill(-1);
  for (const p of fn.params) at[p] = 0;
  for (const b of fn.blocks) {
    for (const p of b.params) at[p] = b.id;
    for (const i of b.insts) {
      const d = defOf(i);
      if (d >= 0) at[d] = b.id;
      else for (const x of instDefs(i)) at[x] = b.id;
    }
  }
  return at;
}

/** A fresh value of type `ty`. */
export function newValue(fn: Function, ty: Ty): Value {
  return fn.valueTys.push(ty) - 1;
}

type Loc = NonNullable<Block['locs']>[number];

/** Replaces the instructions of `b` (keeping the per-instruction source locations aligned). */
export function setInsts(b: Block, insts: Inst[], locs: Loc[]): void {
  b.insts = insts;
  if (b.locs) b.locs = locs;
}

/**
 * Filters and rewrites the instructions of a block in one walk: `f` returns
 * the instructions to put in place of `i` (itself, nothing, or several).
 * Source locations follow the instruction they were attached to; inserted
 * instructions inherit the location of the one they replace.
 */
export function rewriteInsts(b: Block, f: (i: Inst, k: number) => Inst | Inst[] | null): boolean {
  const out: Inst[] = [];
  const locs: NonNullable<Block['locs']> = [];
  let changed = false;
  b.insts.forEach((i, k) => {
    const r = f(i, k);
    const loc = b.locs?.[k];
    if (r === i) { out.push(i); locs.push(loc); return; }
    changed = true;
    if (r === null) return;
    for (const x of Array.isArray(r) ? r : [r]) { out.push(x); locs.push(loc); }
  });
  if (changed) setInsts(b, out, locs);
  return changed;
}

/** Total number of instructions and terminators of a function (the size measure of inlining and statistics). */
export function instCount(fn: Function): number {
  let n = 0;
  for (const b of fn.blocks) n += b.insts.length + 1;
  return n;
}
