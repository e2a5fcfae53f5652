// CFG simplification, one rule at a time until none applies:
//
// 1. Constant terminators: `branch` on a constant, `switch` on a constant,
//    `branch` whose two arms are the same call, `switch` whose every case is
//    the default → `jump`; switch cases identical to the default are dropped.
//    A `branch` whose arms enter the same block with different arguments
//    becomes a jump passing `select`s (after threading, this is what a
//    diamond `if c { x } else { y }` with empty arms turns into).
// 2. Unreachable blocks are removed (and the rest renumbered).
// 3. Jump threading through forwarding blocks: a block with no instructions
//    that ends in `jump T(args)` is bypassed — each predecessor jumps to T
//    directly, with the forwarding block's parameters replaced by the
//    predecessor's arguments. Also through a block with no instructions that
//    branches on one of its parameters when a predecessor passes a constant
//    for it (the shape `&&`, `||` and `match` guards lower to): that
//    predecessor goes straight to the arm the constant selects.
// 4. Merging: a block whose only predecessor ends in a `jump` to it is
//    appended to that predecessor (its parameters become the arguments).
//
// Before all that, constants and stack/global addresses move to the entry
// block: they have no operands, so the entry dominates every use, and every
// back end rematerialises them at each use anyway (they never occupy a
// register for their whole range). A block that only named a constant for
// its successor is then empty and can be threaded.
//
// Threading is sound because a value a forwarding block E passes on is
// either E's parameter (replaced by the predecessor's argument) or defined
// in a block that dominates E, hence every predecessor of E.
import type { BlockCall, Function, Inst, Value } from '../ir.ts';
import { norm } from './eval.ts';
import { dce } from './dce.ts';
import { definitions, instUses, newValue, predecessors, pruneUnreachableBlocks, substitute, successors } from './util.ts';

const sameCall = (a: BlockCall, b: BlockCall) => a.block === b.block && a.args.length === b.args.length && a.args.every((x, k) => x === b.args[k]);

export function simplifyCfg(fn: Function): boolean {
  let did = hoistConstants(fn);
  for (let round = 0; round < 100; round++) {
    let changed = foldTerminators(fn);
    changed = pruneUnreachableBlocks(fn) || changed;
    changed = thread(fn) || changed;
    changed = pruneUnreachableBlocks(fn) || changed;
    changed = merge(fn) || changed;
    if (!changed) break;
    did = true;
    // Folding leaves comparisons and forwarded values dead; a block is only
    // "empty" for threading once they are gone (else a chain of N tests
    // collapses one link per pipeline round).
    dce(fn);
  }
  return did;
}

function hoistConstants(fn: Function): boolean {
  const moved: Inst[] = [];
  for (const b of fn.blocks) {
    if (b.id === 0) continue;
    const keep = b.insts.map((i) => i.op !== 'const' && i.op !== 'slotAddr' && i.op !== 'symAddr');
    if (keep.every((k) => k)) continue;
    b.insts.forEach((i, k) => { if (!keep[k]) moved.push(i); });
    b.insts = b.insts.filter((_, k) => keep[k]);
    if (b.locs) b.locs = b.locs.filter((_, k) => keep[k]);
  }
  if (moved.length === 0) return false;
  const entry = fn.blocks[0]!;
  entry.insts.unshift(...moved);
  entry.locs?.unshift(...moved.map(() => undefined));
  return true;
}

function foldTerminators(fn: Function): boolean {
  const defs = definitions(fn);
  const cst = (v: Value): bigint | null => {
    const d = defs[v];
    return d?.op === 'const' ? norm(d.ty, d.imm) : null;
  };
  let did = false;
  for (const b of fn.blocks) {
    const t = b.term;
    if (t.op === 'branch') {
      const c = cst(t.cond);
      if (c !== null) { b.term = { op: 'jump', to: c !== 0n ? t.then : t.else }; did = true; }
      else if (sameCall(t.then, t.else)) { b.term = { op: 'jump', to: t.then }; did = true; }
      else if (t.then.block === t.else.block) {
        // Both arms enter one block with different arguments: a select per differing argument.
        const args = t.then.args.map((x, k) => {
          const y = t.else.args[k]!;
          if (x === y) return x;
          const dst = newValue(fn, fn.valueTys[x]!);
          b.insts.push({ op: 'select', dst, ty: fn.valueTys[x]!, cond: t.cond, a: x, b: y });
          b.locs?.push(undefined);
          return dst;
        });
        b.term = { op: 'jump', to: { block: t.then.block, args } };
        did = true;
      }
    } else if (t.op === 'switch') {
      const c = cst(t.value);
      if (c !== null) {
        const hit = t.cases.find((x) => norm(t.ty, x.value) === c);
        b.term = { op: 'jump', to: hit ? hit.to : t.default };
        did = true;
        continue;
      }
      const cases = t.cases.filter((x) => !sameCall(x.to, t.default));
      if (cases.length !== t.cases.length) { t.cases = cases; did = true; }
      if (cases.length === 0) { b.term = { op: 'jump', to: t.default }; did = true; }
    }
  }
  return did;
}

function thread(fn: Function): boolean {
  const defs = definitions(fn);
  // Predecessors as of the start: an edge retargeted meanwhile is rechecked
  // (`c.block === e.id`) and one added meanwhile waits for the next sweep.
  const preds = predecessors(fn).map((l) => [...new Set(l)]);
  // A forwarding block's parameters may be read by the blocks it dominates;
  // then it cannot be bypassed. Uses in its own terminator are the ones threading rewrites.
  const usedElsewhere = new Uint8Array(fn.valueTys.length);
  for (const b of fn.blocks) {
    for (const i of b.insts) for (const u of instUses(i)) usedElsewhere[u] = 1;
    for (const c of successors(b.term)) for (const a of c.args) if (!b.params.includes(a)) usedElsewhere[a] = 1;
    const t = b.term;
    const own = (v: Value) => { if (!b.params.includes(v)) usedElsewhere[v] = 1; };
    if (t.op === 'branch') own(t.cond);
    else if (t.op === 'switch') own(t.value);
    else if (t.op === 'ret') t.values.forEach(own);
  }
  let did = false;
  for (const e of fn.blocks) {
    if (e.id === 0 || e.insts.length !== 0) continue;
    if (e.params.some((q) => usedElsewhere[q])) continue;
    const t = e.term;
    if (t.op === 'jump') {
      if (t.to.block === e.id) continue;
      for (const pi of preds[e.id]!) {
        const p = fn.blocks[pi]!;
        if (p.id === e.id) continue;
        for (const c of successors(p.term)) {
          if (c.block !== e.id) continue;
          const map = new Map<Value, Value>(e.params.map((q, k) => [q, c.args[k]!]));
          c.block = t.to.block;
          c.args = t.to.args.map((a) => map.get(a) ?? a);
          did = true;
        }
      }
    } else if (t.op === 'branch') {
      const k = e.params.indexOf(t.cond);
      if (k < 0) continue;
      for (const pi of preds[e.id]!) {
        const p = fn.blocks[pi]!;
        if (p.id === e.id) continue;
        for (const c of successors(p.term)) {
          if (c.block !== e.id) continue;
          const d: Inst | undefined = defs[c.args[k]!];
          if (d?.op !== 'const') continue;
          const arm = norm(d.ty, d.imm) !== 0n ? t.then : t.else;
          if (arm.block === e.id) continue;
          const map = new Map<Value, Value>(e.params.map((q, n) => [q, c.args[n]!]));
          c.block = arm.block;
          c.args = arm.args.map((a) => map.get(a) ?? a);
          did = true;
        }
      }
    }
  }
  return did;
}

function merge(fn: Function): boolean {
  let did = false;
  const preds = predecessors(fn);
  const gone = new Uint8Array(fn.blocks.length);
  const subst = new Map<Value, Value>();
  // Walk in order so a chain b0 → b1 → b2 collapses in one sweep.
  for (const p of fn.blocks) {
    if (gone[p.id]) continue;
    for (;;) {
      const t = p.term;
      if (t.op !== 'jump') break;
      const s = t.to.block;
      if (s === 0 || s === p.id || preds[s]!.length !== 1) break;
      const b = fn.blocks[s]!;
      b.params.forEach((q, k) => subst.set(q, t.to.args[k]!));
      p.insts.push(...b.insts);
      if (p.locs || b.locs) p.locs = [...(p.locs ?? p.insts.slice(0, p.insts.length - b.insts.length).map(() => undefined)), ...(b.locs ?? b.insts.map(() => undefined))];
      p.term = b.term;
      b.insts = [];
      b.locs = [];
      b.params = [];
      b.term = { op: 'unreachable' };
      gone[s] = 1;
      // The merged block's successors now have p as predecessor.
      for (const c of successors(p.term)) {
        const l = preds[c.block]!;
        for (let k = 0; k < l.length; k++) if (l[k] === s) l[k] = p.id;
      }
      did = true;
    }
  }
  // Uses of merged parameters, all at once (the merging itself never reads values).
  substitute(fn, subst);
  if (did) pruneUnreachableBlocks(fn);
  return did;
}
