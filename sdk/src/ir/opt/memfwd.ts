// Memory forwarding over extended basic blocks (a block inherits what its
// single predecessor knew): a load of a location whose value is known — from
// an earlier store to it or an earlier load of it — is replaced by that value;
// and dead stores are removed:
//   - a store overwritten by a later store to the same location of the same
//     block with no possible read in between, when the location is a stack
//     slot whose address does not escape (nothing else can read it meanwhile);
//   - every store, `zero` and `copy` into a non-escaping slot that is never
//     read at all (no load or copy from it).
//
// Locations are (base, offset, type). A base is a stack slot, a global
// symbol, or an opaque pointer value; addresses are traced through constant
// `add.ptr` chains (an `add.ptr` of a variable keeps the base with an unknown
// offset). Two accesses may alias unless they have different slot or global
// bases, or one is a non-escaping slot and the other an opaque pointer, or
// they have the same base and disjoint byte ranges.
//
// A slot escapes when an address derived from it is used other than as the
// address of a load, store, copy or zero or the base of an `add.ptr`: passed
// to a call, stored, returned, passed to a block, compared, or converted.
// Calls and inline assembly may read and write everything except
// non-escaping slots. Volatile accesses are never forwarded or removed.
import type { Function, Inst, Value } from '../ir.ts';
import { tyBytes } from '../ir.ts';
import { dominators } from '../verify.ts';
import { sgn } from './eval.ts';
import { definitions, instUses, mapInstUses, predecessors, rewriteInsts, substitute, successors } from './util.ts';

interface Base {
  /** `s3` (slot 3), `g:name` (global), `v12` (opaque pointer value). */
  root: string;
  slot: number;
  /** Byte offset from the root, null when a variable index was added. */
  off: number | null;
}

interface Access extends Base {
  size: number;
}

interface Known {
  acc: Access;
  value: Value;
}

export interface SlotUse {
  /** Slots whose address escapes. */
  escaping: Uint8Array;
  /** Slots some load or copy may read. */
  read: Uint8Array;
}

/** Traces an address to its base. */
export function baseOf(defs: (Inst | undefined)[], v: Value): Base {
  let off: number | null = 0;
  for (let n = 0; n < 64; n++) {
    const d = defs[v];
    if (d?.op === 'slotAddr') return { root: `s${d.slot}`, slot: d.slot, off };
    if (d?.op === 'symAddr') return { root: `g:${d.symbol}`, slot: -1, off: off === null ? null : off + d.offset };
    if (d?.op === 'binary' && d.kind === 'add' && d.ty === 'ptr') {
      const c = defs[d.b];
      if (c?.op === 'const') { if (off !== null) off += Number(sgn('ptr', c.imm)); }
      else off = null;
      v = d.a;
      continue;
    }
    break;
  }
  return { root: `v${v}`, slot: -1, off };
}

/** Escape and read facts for every slot of `fn`. */
export function slotUses(fn: Function, defs: (Inst | undefined)[]): SlotUse {
  const escaping = new Uint8Array(fn.slots.length);
  const read = new Uint8Array(fn.slots.length);
  // Slot of every slot-derived address value (memoised walk up add.ptr chains; -2 = not computed).
  const memo = new Int32Array(fn.valueTys.length).fill(-2);
  const slotOfValue = (v: Value): number => {
    const m = memo[v]!;
    if (m !== -2) return m;
    const d = defs[v];
    const r = d?.op === 'slotAddr' ? d.slot : d?.op === 'binary' && d.kind === 'add' && d.ty === 'ptr' ? slotOfValue(d.a) : -1;
    memo[v] = r;
    return r;
  };
  const slotOf = { get: (v: Value): number | undefined => { const r = slotOfValue(v); return r >= 0 ? r : undefined; }, has: (v: Value) => slotOfValue(v) >= 0 };
  const esc = (v: Value) => { const s = slotOf.get(v); if (s !== undefined) escaping[s] = 1; };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      switch (i.op) {
        case 'load': { const s = slotOf.get(i.addr); if (s !== undefined) read[s] = 1; break; }
        case 'store': esc(i.value); break;
        case 'copy': { const s = slotOf.get(i.src_addr); if (s !== undefined) read[s] = 1; break; }
        case 'zero': break;
        case 'binary':
          if (i.kind === 'add' && i.ty === 'ptr' && slotOf.has(i.a)) esc(i.b);
          else { esc(i.a); esc(i.b); }
          break;
        default: for (const u of instUses(i)) esc(u);
      }
    }
    const t = b.term;
    for (const c of successors(t)) c.args.forEach(esc);
    if (t.op === 'ret') t.values.forEach(esc);
    if (t.op === 'branch') esc(t.cond);
    if (t.op === 'switch') esc(t.value);
  }
  for (let s = 0; s < fn.slots.length; s++) if (escaping[s]) read[s] = 1;
  return { escaping, read };
}

export function memFwd(fn: Function): boolean {
  const defs = definitions(fn);
  const uses = slotUses(fn, defs);
  const isPrivate = (a: Base) => a.slot >= 0 && !uses.escaping[a.slot];
  const mayAlias = (x: Access, y: Access): boolean => {
    if (x.root === y.root) {
      if (x.off === null || y.off === null) return true;
      return x.off < y.off + y.size && y.off < x.off + x.size;
    }
    const ox = x.root[0] === 'v', oy = y.root[0] === 'v';
    if (!ox && !oy) return false; // two different named objects
    if (ox && oy) return true;
    return !isPrivate(ox ? y : x);
  };
  const access = (addr: Value, offset: number, size: number): Access => {
    const b = baseOf(defs, addr);
    return { ...b, off: b.off === null ? null : b.off + offset, size };
  };
  const keyOf = (a: Access, ty: string) => `${a.root}|${a.off}|${ty}`;

  let did = false;
  const subst = new Map<Value, Value>();
  const resolve = (v: Value): Value => { let r = v; for (let n = subst.get(r); n !== undefined; n = subst.get(r)) r = n; return r; };

  // 1. Stores into slots nobody reads.
  for (const b of fn.blocks) {
    rewriteInsts(b, (i) => {
      if (i.op === 'store' && !i.volatile || i.op === 'zero' || i.op === 'copy') {
        const addr = i.op === 'copy' ? i.dst_addr : i.addr;
        const base = baseOf(defs, addr);
        if (base.slot >= 0 && !uses.read[base.slot]) { did = true; return null; }
      }
      return i;
    });
  }

  // 2. Forwarding along extended basic blocks.
  const { rpo } = dominators(fn);
  const preds = predecessors(fn);
  const out = new Map<number, Map<string, Known>>();
  for (const bi of rpo) {
    const b = fn.blocks[bi]!;
    const p = preds[bi]!;
    const inherited = p.length === 1 ? out.get(p[0]!) : undefined;
    const state = new Map<string, Known>(inherited ?? []);
    // Stores to private slots not yet read in this block, by exact location.
    const pending = new Map<string, { inst: Inst; acc: Access }>();
    const dead = new Set<Inst>();
    const kill = (a: Access) => { for (const [k, x] of state) if (mayAlias(x.acc, a)) state.delete(k); };
    const reads = (a: Access) => { for (const [k, x] of pending) if (mayAlias(x.acc, a)) pending.delete(k); };
    for (const i of b.insts) {
      mapInstUses(i, resolve);
      switch (i.op) {
        case 'load': {
          const a = access(i.addr, i.offset, tyBytes(i.ty));
          reads(a);
          if (i.volatile || a.off === null) break;
          const k = keyOf(a, i.ty);
          const known = state.get(k);
          if (known) { subst.set(i.dst, known.value); did = true; break; }
          state.set(k, { acc: a, value: i.dst });
          break;
        }
        case 'store': {
          const a = access(i.addr, i.offset, tyBytes(i.ty));
          kill(a);
          if (i.volatile || a.off === null) { reads(a); break; }
          const k = keyOf(a, i.ty);
          const known = state.get(k);
          state.set(k, { acc: a, value: i.value });
          // Storing the value the location already holds changes nothing.
          if (known && known.value === i.value) { dead.add(i); did = true; break; }
          if (!isPrivate(a)) break;
          const prev = pending.get(k);
          if (prev) { dead.add(prev.inst); did = true; pending.delete(k); }
          // A pending store this one only partly overwrites stays (its other bytes may be read later).
          for (const [pk, x] of pending) if (mayAlias(x.acc, a)) pending.delete(pk);
          pending.set(k, { inst: i, acc: a });
          break;
        }
        case 'copy': {
          const src = access(i.src_addr, 0, i.size), dst = access(i.dst_addr, 0, i.size);
          reads(src);
          reads(dst);
          kill(dst);
          break;
        }
        case 'zero': {
          const a = access(i.addr, 0, i.size);
          reads(a);
          kill(a);
          break;
        }
        case 'call': case 'callIndirect': case 'asm':
          // Everything but private slots may be read and written.
          for (const [k, x] of state) if (!isPrivate(x.acc)) state.delete(k);
          for (const [k, x] of pending) if (!isPrivate(x.acc)) pending.delete(k);
          break;
        default:
          break;
      }
    }
    if (dead.size) rewriteInsts(b, (i) => (dead.has(i) ? null : i));
    out.set(bi, state);
  }
  substitute(fn, subst);
  return did;
}
