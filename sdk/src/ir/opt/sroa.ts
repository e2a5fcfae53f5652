// Scalar replacement of aggregates: a stack slot holding a struct, tuple,
// enum or small array whose address does not escape and is only accessed at
// constant offsets is split into one slot per field, which slot promotion
// (the lowering's mem2reg, re-run next in the pipeline) then turns into SSA
// values. After inlining this is what removes most `Point { x, y }`-style
// temporaries and `Option` locals from memory.
//
// A slot qualifies when (memfwd.ts decides escape and traces addresses):
//   - its address does not escape and every access has a constant offset;
//   - every load and store at one offset has one type, and the byte ranges of
//     different offsets do not overlap (these are the fields; a copy between
//     two slots makes the fields of each, within the region, fields of the
//     other);
//   - each `zero` or `copy` touching it covers whole fields (a copy whose
//     other side is not aligned for a field's width is refused: ARMv6-M
//     faults on unaligned accesses), and every region copied *out* of it is
//     fully covered by fields — bytes outside every field are never loaded,
//     so they only matter if they are copied elsewhere.
// Then each access is rewritten to its field's new slot (offset 0); `zero`
// becomes a store of 0 per field; a copy becomes a load and a store per field.
import type { Function, Inst, StackSlot, Ty, Value } from '../ir.ts';
import { tyBytes } from '../ir.ts';
import { baseOf, slotUses } from './memfwd.ts';
import { dce } from './dce.ts';
import { definitions, newValue, rewriteInsts } from './util.ts';

/** Largest number of fields a slot is split into. */
export const MAX_FIELDS = 16;

interface Field { off: number; ty: Ty; size: number }

interface Region { slot: number; off: number; size: number; align: number; out: boolean }

export function sroa(fn: Function): boolean {
  if (fn.slots.length === 0) return false;
  const defs = definitions(fn);
  const uses = slotUses(fn, defs);
  const n = fn.slots.length;
  const ok = fn.slots.map((_, k) => !uses.escaping[k]);
  const fields: Map<number, Ty>[] = fn.slots.map(() => new Map());
  const regions: Region[] = [];
  /** Copies between two slots: [destination region, source region]. */
  const pairs: [Region, Region][] = [];
  const fieldAt = (slot: number, off: number, ty: Ty) => {
    const m = fields[slot]!;
    const have = m.get(off);
    if (have !== undefined && have !== ty) ok[slot] = false;
    else m.set(off, ty);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === 'load' || i.op === 'store') {
        const base = baseOf(defs, i.addr);
        if (base.slot < 0) continue;
        if (base.off === null || i.volatile) { ok[base.slot] = false; continue; }
        fieldAt(base.slot, base.off + i.offset, i.ty);
      } else if (i.op === 'zero' || i.op === 'copy') {
        const addrs: [Value, boolean][] = i.op === 'zero' ? [[i.addr, false]] : [[i.dst_addr, false], [i.src_addr, true]];
        const slots: number[] = [];
        for (const [a, out] of addrs) {
          const base = baseOf(defs, a);
          if (base.slot < 0) continue;
          if (base.off === null) { ok[base.slot] = false; continue; }
          slots.push(base.slot);
          regions.push({ slot: base.slot, off: base.off, size: i.size, align: i.align, out });
        }
        // A copy within one slot: leave it alone.
        if (slots.length === 2 && slots[0] === slots[1]) ok[slots[0]!] = false;
        else if (i.op === 'copy' && slots.length === 2) pairs.push(regions.slice(-2) as [Region, Region]);
      }
    }
  }
  // A copy between two slots carries fields across: a field of either side,
  // inside the copied region, is a field of the other (so a temporary that is
  // only copied in and out still gets the fields of where its bytes come from).
  for (let changed = true, guard = 0; changed && guard < 16; guard++) {
    changed = false;
    for (const [d, src] of pairs) {
      for (const [from, to] of [[src, d], [d, src]] as const) {
        for (const [off, t] of [...fields[from.slot]!]) {
          if (off < from.off || off + tyBytes(t) > from.off + from.size) continue;
          const at = off - from.off + to.off;
          const have = fields[to.slot]!.get(at);
          if (have === t) continue;
          if (have !== undefined) { ok[to.slot] = false; ok[from.slot] = false; continue; }
          fields[to.slot]!.set(at, t);
          changed = true;
        }
      }
    }
  }
  // Fields: sorted, non-overlapping, inside the slot.
  const layout: (Field[] | null)[] = fields.map((m, s) => {
    if (!ok[s] || m.size === 0 || m.size > MAX_FIELDS) return null;
    const fs = [...m].map(([off, ty]) => ({ off, ty, size: tyBytes(ty) })).sort((a, b) => a.off - b.off);
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k]!;
      if (f.off < 0 || f.off + f.size > fn.slots[s]!.size) return null;
      if (k > 0 && fs[k - 1]!.off + fs[k - 1]!.size > f.off) return null;
    }
    return fs;
  });
  for (const r of regions) {
    const fs = layout[r.slot];
    if (!fs) continue;
    let covered = 0;
    for (const f of fs) {
      const inside = f.off >= r.off && f.off + f.size <= r.off + r.size;
      const outside = f.off + f.size <= r.off || f.off >= r.off + r.size;
      if (!inside && !outside) { layout[r.slot] = null; break; }
      if (!inside) continue;
      covered += f.size;
      const need = Math.min(f.size, 4);
      if ((f.off - r.off) % need !== 0 || r.align < need) { layout[r.slot] = null; break; }
    }
    if (layout[r.slot] && r.out && covered !== r.size) layout[r.slot] = null;
  }
  // A copy between two split slots moves field by field: their fields must line up over the region.
  // Otherwise the source stays whole (the copy then loads from it at the destination's offsets).
  for (const [d, src] of pairs) {
    const fd = layout[d.slot], fs = layout[src.slot];
    if (!fd || !fs) continue;
    const rel = (l: Field[], r: Region) => l.filter((f) => f.off >= r.off && f.off + f.size <= r.off + r.size).map((f) => `${f.off - r.off}:${f.ty}`).join(',');
    if (rel(fd, d) !== rel(fs, src)) layout[src.slot] = null;
  }
  if (!layout.some((l) => l !== null)) return false;

  // New slots, one per field.
  const fieldSlot: Map<number, number>[] = fn.slots.map(() => new Map());
  layout.forEach((fs, s) => {
    if (!fs) return;
    for (const f of fs) {
      const slot: StackSlot = { size: f.size, align: Math.min(f.size, fn.slots[s]!.align, 8) || 1, name: `${fn.slots[s]!.name ?? `s${s}`}+${f.off}` };
      fieldSlot[s]!.set(f.off, fn.slots.push(slot) - 1);
    }
  });
  const addrOf = (slot: number, out: Inst[]): Value => {
    const dst = newValue(fn, 'ptr');
    out.push({ op: 'slotAddr', dst, slot });
    return dst;
  };
  for (const b of fn.blocks) {
    rewriteInsts(b, (i) => {
      if (i.op === 'load' || i.op === 'store') {
        const base = baseOf(defs, i.addr);
        if (base.slot < 0 || !layout[base.slot]) return i;
        const out: Inst[] = [];
        const a = addrOf(fieldSlot[base.slot]!.get(base.off! + i.offset)!, out);
        out.push({ ...i, addr: a, offset: 0 });
        return out;
      }
      if (i.op === 'zero') {
        const base = baseOf(defs, i.addr);
        if (base.slot < 0 || !layout[base.slot]) return i;
        const out: Inst[] = [];
        for (const f of layout[base.slot]!) {
          if (f.off < base.off! || f.off + f.size > base.off! + i.size) continue;
          const z = newValue(fn, f.ty);
          out.push({ op: 'const', dst: z, ty: f.ty, imm: 0n });
          out.push({ op: 'store', ty: f.ty, addr: addrOf(fieldSlot[base.slot]!.get(f.off)!, out), value: z, offset: 0, volatile: false });
        }
        return out;
      }
      if (i.op === 'copy') {
        const d = baseOf(defs, i.dst_addr), s = baseOf(defs, i.src_addr);
        const dSplit = d.slot >= 0 && layout[d.slot] ? d : null;
        const sSplit = s.slot >= 0 && layout[s.slot] ? s : null;
        if (!dSplit && !sSplit) return i;
        // Fields of the split side drive the expansion (both split: the destination's, which covers the source's reads).
        const drive = dSplit ?? sSplit!;
        const out: Inst[] = [];
        for (const f of layout[drive.slot]!) {
          const rel = f.off - drive.off!;
          if (rel < 0 || rel + f.size > i.size) continue;
          const v = newValue(fn, f.ty);
          const from = sSplit ? fieldSlot[sSplit.slot]!.get(sSplit.off! + rel) : undefined;
          if (sSplit && from === undefined) throw new Error(`internal: sroa: source field missing at +${rel} in ${fn.name}`);
          out.push(sSplit
            ? { op: 'load', dst: v, ty: f.ty, addr: addrOf(from!, out), offset: 0, volatile: false, signed: false }
            : { op: 'load', dst: v, ty: f.ty, addr: i.src_addr, offset: rel, volatile: false, signed: false });
          const to = dSplit ? fieldSlot[dSplit.slot]!.get(dSplit.off! + rel) : undefined;
          out.push(dSplit
            ? { op: 'store', ty: f.ty, addr: addrOf(to!, out), value: v, offset: 0, volatile: false }
            : { op: 'store', ty: f.ty, addr: i.dst_addr, value: v, offset: rel, volatile: false });
        }
        return out;
      }
      return i;
    });
  }
  // The split slots' address computations are dead now; drop them and the slots.
  dce(fn);
  removeUnusedSlots(fn);
  return true;
}

/** Drops slots no `slotAddr` names and renumbers the rest. */
export function removeUnusedSlots(fn: Function): boolean {
  const used = new Uint8Array(fn.slots.length);
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'slotAddr') used[i.slot] = 1;
  if (used.every((u) => u)) return false;
  const map = new Int32Array(fn.slots.length).fill(-1);
  const kept: StackSlot[] = [];
  fn.slots.forEach((s, k) => { if (used[k]) { map[k] = kept.length; kept.push(s); } });
  fn.slots = kept;
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === 'slotAddr') i.slot = map[i.slot]!;
  return true;
}
