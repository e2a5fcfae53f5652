// Loop-invariant code motion: computations whose operands do not change in a
// loop move to its preheader (a block that runs once before the loop, created
// when the header has several entries from outside), innermost loops first so
// an invariant climbs out of a nest one level per loop.
//
// What moves:
//   - pure arithmetic, conversions and selects whose operands are defined
//     outside the loop (or already moved), and constants and addresses (which
//     cost nothing where they are defined: back ends rematerialise them at
//     each use; they move so their users can). Never comparisons
//     (they fuse into the branch of their own block), and never an operation
//     that can trap unless it provably cannot: division and remainder only by
//     a non-zero constant, shifts only by a constant below the width;
//   - non-volatile loads with an invariant address that no write in the loop
//     may alias (memfwd.ts's alias rules; a call writes everything except
//     private slots), when executing them early is safe: they are in the
//     header (which runs whenever the preheader does) or read a stack slot or
//     global (always addressable).
import type { Block, Function, Inst, Value } from '../ir.ts';
import { tyBytes } from '../ir.ts';
import { bitsOf, norm } from './eval.ts';
import { baseOf, slotUses } from './memfwd.ts';
import { findLoops, type Loop } from './loops.ts';
import { definitions, defBlocks, instDefs, instUses, newValue, predecessors, successors } from './util.ts';

export function licm(fn: Function): boolean {
  let did = false;
  // Each motion can add a preheader (renumbering blocks): recompute the loops after every loop changed.
  const done = new Set<string>();
  for (let guard = 0; guard < 1000; guard++) {
    const { loops } = findLoops(fn);
    loops.sort((a, b) => a.blocks.size - b.blocks.size);
    let moved = false;
    for (const loop of loops) {
      const key = `${[...loop.blocks].sort((x, y) => x - y).join(',')}`;
      if (done.has(key)) continue;
      done.add(key);
      if (hoist(fn, loop)) { moved = true; did = true; done.clear(); break; }
    }
    if (!moved) break;
  }
  return did;
}

function hoist(fn: Function, loop: Loop): boolean {
  const defs = definitions(fn);
  const at = defBlocks(fn);
  const inLoop = (v: Value) => at[v]! >= 0 && loop.blocks.has(at[v]!);
  const invariant = new Set<Value>();
  const isInv = (v: Value) => !inLoop(v) || invariant.has(v);
  const cst = (v: Value): bigint | null => {
    const d = defs[v];
    return d?.op === 'const' ? norm(d.ty, d.imm) : null;
  };

  // Writes in the loop, for load motion.
  const uses = slotUses(fn, defs);
  const isPrivate = (slot: number) => slot >= 0 && !uses.escaping[slot];
  const writes: { root: string; slot: number; off: number | null; size: number }[] = [];
  let callWrites = false;
  for (const b of loop.blocks) {
    for (const i of fn.blocks[b]!.insts) {
      if (i.op === 'store') { const x = baseOf(defs, i.addr); writes.push({ ...x, off: x.off === null ? null : x.off + i.offset, size: tyBytes(i.ty) }); }
      else if (i.op === 'copy') writes.push({ ...baseOf(defs, i.dst_addr), size: i.size });
      else if (i.op === 'zero') writes.push({ ...baseOf(defs, i.addr), size: i.size });
      else if (i.op === 'call' || i.op === 'callIndirect' || i.op === 'asm') callWrites = true;
    }
  }
  const loadSafe = (i: Extract<Inst, { op: 'load' }>, block: number): boolean => {
    if (i.volatile) return false;
    const x = baseOf(defs, i.addr);
    const off = x.off === null ? null : x.off + i.offset;
    const size = tyBytes(i.ty);
    // Outside the header the load may be guarded (a bounds check): only a known offset into a slot or global is safe early.
    if (block !== loop.header && (off === null || (x.slot < 0 && !x.root.startsWith('g:')))) return false;
    if (callWrites && !isPrivate(x.slot)) return false;
    for (const w of writes) {
      if (w.root === x.root) {
        if (w.off === null || off === null || (w.off < off + size && off < w.off + w.size)) return false;
        continue;
      }
      const wOpaque = w.root[0] === 'v', xOpaque = x.root[0] === 'v';
      if (wOpaque && xOpaque) return false;
      if (wOpaque && !isPrivate(x.slot)) return false;
      if (xOpaque && !isPrivate(w.slot)) return false;
    }
    return true;
  };
  const movable = (i: Inst, block: number): boolean => {
    switch (i.op) {
      case 'binary': {
        if (!isInv(i.a) || !isInv(i.b)) return false;
        if (i.kind === 'sdiv' || i.kind === 'udiv' || i.kind === 'srem' || i.kind === 'urem') { const c = cst(i.b); return c !== null && c !== 0n; }
        if (i.kind === 'shl' || i.kind === 'lshr' || i.kind === 'ashr') { const c = cst(i.b); return c !== null && c < BigInt(bitsOf(i.ty)); }
        return true;
      }
      case 'unary': case 'conv': return isInv(i.a);
      case 'select': return isInv(i.cond) && isInv(i.a) && isInv(i.b);
      case 'load': return isInv(i.addr) && loadSafe(i, block);
      // Operand-free and free to rematerialise: they move with their users (cfg.ts normally put them in the entry already).
      case 'const': case 'slotAddr': case 'symAddr': return true;
      default: return false;
    }
  };

  // Candidates in an order where definitions come before uses: blocks in dominance (RPO) order.
  const order = [...loop.blocks].sort((a, b) => a - b);
  const rpoIndex = rpoOrder(fn);
  order.sort((a, b) => rpoIndex[a]! - rpoIndex[b]!);
  const moved: { block: number; inst: Inst }[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const b of order) {
      for (const i of fn.blocks[b]!.insts) {
        const d = instDefs(i);
        if (d.length !== 1 || invariant.has(d[0]!) || !movable(i, b)) continue;
        invariant.add(d[0]!);
        moved.push({ block: b, inst: i });
        changed = true;
      }
    }
  }
  if (moved.length === 0) return false;
  // Uses first sorted by definition order: re-sort the moved list so operands precede users.
  const sorted = topo(moved.map((m) => m.inst), invariant);
  const movedSet = new Set(sorted);
  for (const b of loop.blocks) {
    const blk = fn.blocks[b]!;
    const keep = blk.insts.map((i) => !movedSet.has(i));
    if (keep.every((k) => k)) continue;
    blk.insts = blk.insts.filter((_, k) => keep[k]);
    if (blk.locs) blk.locs = blk.locs.filter((_, k) => keep[k]);
  }
  // Last: a new preheader renumbers the blocks (loop.blocks is stale after it).
  const p = fn.blocks[preheader(fn, loop)]!;
  p.insts.push(...sorted);
  if (p.locs) p.locs.push(...sorted.map(() => undefined));
  return true;
}

/** Orders instructions so that each comes after the ones (in the list) it reads. */
function topo(insts: Inst[], inSet: Set<Value>): Inst[] {
  const byDef = new Map<Value, Inst>();
  for (const i of insts) for (const d of instDefs(i)) byDef.set(d, i);
  const out: Inst[] = [];
  const state = new Map<Inst, number>();
  const visit = (i: Inst) => {
    if (state.get(i) === 2) return;
    state.set(i, 2);
    for (const u of instUses(i)) { const d = inSet.has(u) ? byDef.get(u) : undefined; if (d) visit(d); }
    out.push(i);
  };
  for (const i of insts) visit(i);
  return out;
}

function rpoOrder(fn: Function): Int32Array {
  const idx = new Int32Array(fn.blocks.length).fill(1 << 30);
  const seen = new Uint8Array(fn.blocks.length);
  const post: number[] = [];
  const stack: [number, number][] = [[0, 0]];
  seen[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const succ = successors(fn.blocks[top[0]]!.term);
    if (top[1] < succ.length) {
      const s = succ[top[1]++]!.block;
      if (!seen[s]) { seen[s] = 1; stack.push([s, 0]); }
    } else { post.push(top[0]); stack.pop(); }
  }
  post.reverse().forEach((b, k) => (idx[b] = k));
  return idx;
}

/**
 * The loop's preheader: the single outside predecessor of the header when it
 * ends in a jump to the header, else a new block placed just before the header
 * that the outside predecessors enter instead.
 */
function preheader(fn: Function, loop: Loop): number {
  const h = loop.header;
  const preds = predecessors(fn)[h]!;
  const outside = preds.filter((p) => !loop.blocks.has(p));
  if (outside.length === 1 && fn.blocks[outside[0]!]!.term.op === 'jump') return outside[0]!;
  const header = fn.blocks[h]!;
  const params = header.params.map((p) => newValue(fn, fn.valueTys[p]!));
  const id = fn.blocks.length;
  const block: Block = { id, params, insts: [], locs: [], term: { op: 'jump', to: { block: h, args: [...params] } } };
  for (const p of new Set(outside)) for (const c of successors(fn.blocks[p]!.term)) if (c.block === h) c.block = id;
  // Place it just before the header (layout: falls through into the loop).
  const list = [...fn.blocks.slice(0, h), block, ...fn.blocks.slice(h)];
  const map = new Map<number, number>(list.map((b, k) => [b.id, k]));
  for (const b of list) {
    b.id = map.get(b.id)!;
    for (const c of successors(b.term)) c.block = map.get(c.block)!;
  }
  fn.blocks = list;
  return map.get(id)!;
}
