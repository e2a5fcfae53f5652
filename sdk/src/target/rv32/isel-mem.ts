// Loads, stores, copy and zero for RV32.
//
// Addresses fold into the 12-bit offset of `lw`/`sw`: a stack slot becomes
// `off(sp)` (resolved by frame.ts), a symbol `%lo(sym+off)(t)` after a `lui t,
// %hi(sym+off)` shared by the accesses of one block, a constant address (MMIO
// registers) `lo(t)` after `lui`, and `p + c` reuses p with the offset.
// Volatile accesses are single instructions of the access width already
// (`lw`, `lhu`, `sb`...), never merged or split, so they need nothing extra.
//
// copy/zero of up to MAX_UNROLLED units are unrolled into loads and stores of
// the widest unit the alignment allows; larger ones call `memcpy`/`memset`
// (weak definitions in the runtime, so a C library's win when linked with one).
import type { Inst, Ty, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import { ZERO } from './abi.ts';
import type { Selector } from './isel.ts';
import { type Opnd, D0, EXT_S, EXT_Z, U0, U1, fitsImm12, mem, sp, symExpr } from './isel-inst.ts';
import { callHelper } from './isel-call.ts';

/** Largest number of load/store units a copy or zero is unrolled into. */
const MAX_UNROLLED = 16;

/** Where an access goes, before the per-word offset is added. */
export type Addr =
  | { k: 'reg'; r: Reg; off: number }
  | { k: 'slot'; off: number }
  | { k: 'sym'; sym: string; off: number };

/** Folds lazily defined address arithmetic (slot, symbol, p + c, constant) into an addressing mode. */
export function addrOf(s: Selector, v: Value, off: number): Addr {
  const d = s.lazy.get(v);
  if (d?.op === 'slotAddr') return { k: 'slot', off: s.slotOffs[d.slot]! + off };
  if (d?.op === 'symAddr') return { k: 'sym', sym: d.symbol, off: d.offset + off };
  if (d?.op === 'binary') return addrOf(s, d.a, off + Number(BigInt.asIntN(32, s.constOf(d.b)!)));
  if (d?.op === 'const') {
    // lui + signed 12-bit offset: the low part is sign-extended, the high part compensates.
    const a = (Number(BigInt.asUintN(32, d.imm)) + off) | 0;
    const lo = (a << 20) >> 20;
    return { k: 'reg', r: s.cached(`c${a - lo}`, () => s.li(a - lo)), off: lo };
  }
  return { k: 'reg', r: s.reg(v), off };
}

/** The memory operand for `bytes` bytes at `addr + k`, with its base register (if any). */
function memOpnd(s: Selector, addr: Addr, k: number, bytes: number): { base: Reg | null; opnd: (slot: 0 | 1) => Opnd } {
  const off = addr.off + k;
  switch (addr.k) {
    case 'slot': return { base: null, opnd: () => sp('slot', off) };
    case 'sym': {
      const e = symExpr(addr.sym, off);
      const base = s.cached(`h${e}`, () => s.op('lui', [], [{ text: `%hi(${e})` }]));
      return { base, opnd: (u) => mem(u ? U1 : U0, `%lo(${e})`) };
    }
    case 'reg': {
      if (fitsImm12(off) && fitsImm12(off + bytes - 1)) return { base: addr.r, opnd: (u) => mem(u ? U1 : U0, off) };
      const base = s.cached(`a${addr.r}+${off}`, () => s.op('add', [addr.r, s.li(off)]));
      return { base, opnd: (u) => mem(u ? U1 : U0, 0) };
    }
  }
}

const LOAD: Record<string, string> = { '1s': 'lb', '1u': 'lbu', '2s': 'lh', '2u': 'lhu', '4s': 'lw', '4u': 'lw' };
const STORE: Record<number, string> = { 1: 'sb', 2: 'sh', 4: 'sw' };

/** Loads `bytes` (1, 2, 4) at addr + k into a new register. */
export function loadWord(s: Selector, addr: Addr, k: number, bytes: number, signed: boolean): Reg {
  const { base, opnd } = memOpnd(s, addr, k, bytes);
  const d = s.vreg();
  s.emit([d], base === null ? [] : [base], { k: 'op', mn: LOAD[`${bytes}${signed ? 's' : 'u'}`]!, ops: [D0, opnd(0)] });
  return d;
}

/** Stores the low `bytes` of `r` at addr + k. */
export function storeWord(s: Selector, addr: Addr, k: number, bytes: number, r: Reg): void {
  const { base, opnd } = memOpnd(s, addr, k, bytes);
  s.emit([], base === null ? [r] : [r, base], { k: 'op', mn: STORE[bytes]!, ops: [U0, opnd(1)] });
}

const BYTES: Record<Ty, number> = { i8: 1, i16: 2, i32: 4, ptr: 4, i64: 8 };

export function selectMem(s: Selector, i: Inst): void {
  switch (i.op) {
    case 'load': {
      const addr = addrOf(s, i.addr, i.offset);
      if (i.ty === 'i64') return s.define(i.dst, [loadWord(s, addr, 0, 4, false), loadWord(s, addr, 4, 4, false)]);
      const n = BYTES[i.ty];
      return s.define(i.dst, [loadWord(s, addr, 0, n, i.signed)], n === 4 ? 0 : i.signed ? EXT_S : EXT_Z);
    }
    case 'store': {
      const addr = addrOf(s, i.addr, i.offset);
      const words = s.regs(i.value);
      if (i.ty === 'i64') {
        storeWord(s, addr, 0, 4, words[0]!);
        return storeWord(s, addr, 4, 4, words[1]!);
      }
      return storeWord(s, addr, 0, BYTES[i.ty], words[0]!);
    }
    case 'copy': return copy(s, i.dst_addr, i.src_addr, i.size, i.align);
    case 'zero': return zero(s, i.addr, i.size, i.align);
    default: throw new Error(`internal: selectMem(${i.op})`);
  }
}

/** Offsets and widths of the units of an access of `size` bytes at alignment `align`. */
function units(size: number, align: number): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const w of [4, 2, 1]) {
    if (align < w && w !== 1) continue;
    while (size - at >= w) {
      out.push([at, w]);
      at += w;
    }
  }
  return out;
}

function copy(s: Selector, dstV: Value, srcV: Value, size: number, align: number): void {
  if (size === 0) return;
  const us = units(size, align);
  if (us.length > MAX_UNROLLED) {
    callHelper(s, 'memcpy', [s.reg(dstV), s.reg(srcV), s.li(size)], 0);
    return;
  }
  const dst = addrOf(s, dstV, 0), src = addrOf(s, srcV, 0);
  // Loads in pairs ahead of stores give the allocator room and the core a cycle to spare.
  for (let k = 0; k < us.length; k += 2) {
    const batch = us.slice(k, k + 2);
    const vals = batch.map(([at, w]) => loadWord(s, src, at, w, false));
    batch.forEach(([at, w], j) => storeWord(s, dst, at, w, vals[j]!));
  }
}

function zero(s: Selector, v: Value, size: number, align: number): void {
  if (size === 0) return;
  const us = units(size, align);
  if (us.length > MAX_UNROLLED) {
    callHelper(s, 'memset', [s.reg(v), ZERO, s.li(size)], 0);
    return;
  }
  const dst = addrOf(s, v, 0);
  for (const [at, w] of us) storeWord(s, dst, at, w, ZERO);
}
