// Instruction selection for constants, addresses and memory: loads, stores,
// `copy` and `zero`.
//
// Addressing: a stack-slot address folds into `[sp, #off]` where the
// instruction has that form (ARMv6-M: word accesses up to 1020; Thumb-2: any
// width up to 4095); other addresses use `[base, #off]` when the offset fits
// the access (ARMv6-M: 0..124 words, 0..62 halfwords, 0..31 bytes; Thumb-2:
// -255..4095), else the address is computed first. ARMv6-M has no immediate
// offset for signed narrow loads, so it loads unsigned and extends.
import type { Inst, Ty, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import { EXT_S, EXT_Z, fitsMod, type Remat, type Sel } from './isel.ts';
import { D0, U0, U1, i as imm, r, t, type TOp } from './minst.ts';
import { callHelper } from './isel-call.ts';
import { addImm } from './isel-arith.ts';

/** d = a + v for any 32-bit v. */
function addImmTo(s: Sel, d: Reg, a: Reg, v: number): void {
  addImm(s, d, a, v | 0);
}

type Load = Extract<Inst, { op: 'load' }>;
type Store = Extract<Inst, { op: 'store' }>;
type Copy = Extract<Inst, { op: 'copy' }>;
type Zero = Extract<Inst, { op: 'zero' }>;

/** Builds a rematerialisable value into register `d` (virtual or physical). */
export function materialize(s: Sel, d: Reg, rm: Remat, ty: Ty): void {
  switch (rm.k) {
    case 'const': return constant(s, d, Number(BigInt.asUintN(32, rm.v)));
    case 'slot': s.emit({ k: 'spaddr', area: 'slot', off: s.slotOffsets[rm.slot]! + rm.off }, [d], []); return;
    case 'sym': s.op([d], [], t('ldr', r(D0), { k: 'lit', sym: rm.name, v: rm.off })); return;
    case 'index': {
      const base = s.use(rm.base);
      if (rm.idx < 0) { addImmTo(s, d, base, rm.off); return; }
      const idx = s.use(rm.idx);
      if (rm.sh === 0) { s.op([d], [base, idx], t('adds', r(D0), r(U0), r(U1))); return; }
      if (!s.v6) { s.op([d], [base, idx], t('add', r(D0), r(U0), r(U1, 'lsl', rm.sh))); return; }
      const tmp = s.newVreg();
      s.op([tmp], [idx], t('lsls', r(D0), r(U0), imm(rm.sh)));
      s.op([d], [base, tmp], t('adds', r(D0), r(U0), r(U1)));
      return;
    }
  }
  void ty;
}

/** d = u (an unsigned 32-bit pattern). */
export function constant(s: Sel, d: Reg, u: number): void {
  u >>>= 0;
  if (u <= 255) { s.op([d], [], t('movs', r(D0), imm(u))); return; }
  if (s.v6) {
    const n = ~u >>> 0;
    if (n <= 255) { s.op([d], [], t('movs', r(D0), imm(n)), t('mvns', r(D0), r(D0))); return; }
    const sh = 31 - Math.clz32(u & -u);
    if ((u >>> sh) <= 255) { s.op([d], [], t('movs', r(D0), imm(u >>> sh)), t('lsls', r(D0), r(D0), imm(sh))); return; }
    s.op([d], [], t('ldr', r(D0), { k: 'lit', v: u }));
    return;
  }
  if (fitsMod(u) || fitsMod(~u >>> 0)) { s.op([d], [], t('mov', r(D0), imm(u | 0))); return; }
  if (u <= 0xffff) { s.op([d], [], t('movw', r(D0), imm(u))); return; }
  s.op([d], [], t('movw', r(D0), imm(u & 0xffff)), t('movt', r(D0), imm(u >>> 16)));
}

type Access = 'w' | 'h' | 'b';

/** Largest immediate offset of a `[base, #off]` access. */
function maxOff(s: Sel, a: Access): number {
  if (!s.v6) return 4095;
  return a === 'w' ? 124 : a === 'h' ? 62 : 31;
}

function offOk(s: Sel, a: Access, off: number): boolean {
  const scale = a === 'w' ? 4 : a === 'h' ? 2 : 1;
  if (s.v6) return off >= 0 && off <= maxOff(s, a) && off % scale === 0;
  return off >= -255 && off <= 4095;
}

/**
 * A memory operand for `addr + off`, reading registers from `uses` starting at
 * index `at` (pushed onto `uses`). Stack-slot addresses become sp-relative.
 */
export function address(s: Sel, addr: Value, off: number, a: Access, uses: Reg[]): TOp {
  const rm = s.remat[addr];
  if (rm?.k === 'slot') {
    const inSlots = s.slotOffsets[rm.slot]! + rm.off + off;
    const full = s.outBytes + inSlots;
    const ok = s.v6 ? a === 'w' && full % 4 === 0 && full >= 0 && full <= 1020 : full >= 0 && full <= 4095;
    if (ok) return { k: 'sp', area: 'slot', off: inSlots };
    const b = s.newVreg();
    s.emit({ k: 'spaddr', area: 'slot', off: inSlots }, [b], []);
    uses.push(b);
    return { k: 'm', base: { u: uses.length - 1 }, off: 0 };
  }
  if (rm?.k === 'index') {
    const base = s.use(rm.base);
    if (rm.idx < 0) {
      if (offOk(s, a, rm.off + off)) { uses.push(base); return { k: 'm', base: { u: uses.length - 1 }, off: rm.off + off }; }
      const b = s.newVreg();
      addImmTo(s, b, base, rm.off + off);
      uses.push(b);
      return { k: 'm', base: { u: uses.length - 1 }, off: 0 };
    }
    let idx = s.use(rm.idx);
    if (off !== 0) throw new Error('internal: register-indexed address with an offset');
    if (rm.sh !== 0 && s.v6) {
      const tmp = s.newVreg();
      s.op([tmp], [idx], t('lsls', r(D0), r(U0), imm(rm.sh)));
      idx = tmp;
    }
    uses.push(base, idx);
    return { k: 'm', base: { u: uses.length - 2 }, off: 0, idx: { u: uses.length - 1 }, lsl: s.v6 ? 0 : rm.sh };
  }
  if (rm?.k === 'const') {
    // An absolute address (memory-mapped registers): keep the low bits as the offset.
    const abs = (Number(BigInt.asUintN(32, rm.v)) + off) >>> 0;
    const low = s.v6 ? abs & (a === 'w' ? 0x7c : a === 'h' ? 0x3e : 0x1f) : abs & 0xfff;
    const b = s.newVreg();
    constant(s, b, (abs - low) >>> 0);
    uses.push(b);
    return { k: 'm', base: { u: uses.length - 1 }, off: low };
  }
  if (rm?.k === 'sym' && rm.off !== 0 && offOk(s, a, rm.off + off)) {
    // `sym + k`: one literal for the symbol, the constant part in the access.
    uses.push(s.remat32({ k: 'sym', name: rm.name, off: 0 }, 'ptr'));
    return { k: 'm', base: { u: uses.length - 1 }, off: rm.off + off };
  }
  const base = s.use(addr);
  if (offOk(s, a, off)) {
    uses.push(base);
    return { k: 'm', base: { u: uses.length - 1 }, off };
  }
  const b = s.newVreg();
  const c = s.newVreg();
  constant(s, c, off >>> 0);
  s.op([b], [base, c], t('adds', r(D0), r(U0), r(U1)));
  uses.push(b);
  return { k: 'm', base: { u: uses.length - 1 }, off: 0 };
}

const accessOf = (ty: Ty): Access => (ty === 'i8' ? 'b' : ty === 'i16' ? 'h' : 'w');

export function selLoad(s: Sel, x: Load): void {
  if (x.ty === 'i64') {
    const [dl, dh] = s.defPair(x.dst);
    loadWord(s, dl, x.addr, x.offset);
    loadWord(s, dh, x.addr, x.offset + 4);
    return;
  }
  const d = s.defReg(x.dst);
  const a = accessOf(x.ty);
  if (a === 'w') { loadWord(s, d, x.addr, x.offset); return; }
  const uses: Reg[] = [];
  const mop = address(s, x.addr, x.offset, a, uses);
  const w = a === 'b' ? 'b' : 'h';
  if (x.signed && (!s.v6 || (mop.k === 'm' && mop.idx !== undefined))) {
    s.op([d], uses, t(`ldrs${w}`, r(D0), mop));
  } else if (x.signed) {
    const u = s.newVreg();
    s.op([u], uses, t(`ldr${w}`, r(D0), mop));
    s.op([d], [u], t(`sxt${w}`, r(D0), r(U0)));
  } else {
    s.op([d], uses, t(`ldr${w}`, r(D0), mop));
  }
  s.ext[x.dst] = x.signed ? EXT_S : EXT_Z;
}

function loadWord(s: Sel, d: Reg, addr: Value, off: number): void {
  const uses: Reg[] = [];
  const mop = address(s, addr, off, 'w', uses);
  s.op([d], uses, t('ldr', r(D0), mop));
}

export function selStore(s: Sel, x: Store): void {
  if (x.ty === 'i64') {
    const [lo, hi] = s.use64(x.value);
    storeReg(s, 'str', lo, x.addr, x.offset, 'w');
    storeReg(s, 'str', hi, x.addr, x.offset + 4, 'w');
    return;
  }
  const a = accessOf(x.ty);
  storeReg(s, a === 'w' ? 'str' : a === 'h' ? 'strh' : 'strb', s.use(x.value), x.addr, x.offset, a);
}

function storeReg(s: Sel, mn: string, v: Reg, addr: Value, off: number, a: Access): void {
  const uses: Reg[] = [v];
  const mop = address(s, addr, off, a, uses);
  s.op([], uses, t(mn, r(U0), mop));
}

// ---------------------------------------------------------------- copy and zero

/** Accesses larger than this many units go through a runtime helper. */
const INLINE_UNITS = 16;

/** Unit size for block moves: ARMv6-M faults on unaligned accesses, Thumb-2 does not. */
function unitOf(s: Sel, align: number, size: number): 1 | 2 | 4 {
  if (!s.v6 && size >= 4) return 4;
  return align % 4 === 0 ? 4 : align % 2 === 0 ? 2 : 1;
}

export function selCopy(s: Sel, x: Copy): void {
  if (x.size === 0) return;
  const unit = unitOf(s, x.align, x.size);
  if (Math.ceil(x.size / unit) > INLINE_UNITS) {
    const dst = s.use(x.dst_addr), src = s.use(x.src_addr);
    const n = s.newVreg();
    constant(s, n, x.size);
    const fn = x.align % 4 === 0 && !s.v6 ? '__aeabi_memcpy4' : '__aeabi_memcpy';
    callHelper(s, fn, [{ regs: [dst], ty: 'ptr' }, { regs: [src], ty: 'ptr' }, { regs: [n], ty: 'i32' }], []);
    return;
  }
  for (const [off, sz] of pieces(x.size, unit)) {
    const a: Access = sz === 4 ? 'w' : sz === 2 ? 'h' : 'b';
    const tmp = s.newVreg();
    const lu: Reg[] = [];
    const lop = address(s, x.src_addr, off, a, lu);
    s.op([tmp], lu, t(sz === 4 ? 'ldr' : sz === 2 ? 'ldrh' : 'ldrb', r(D0), lop));
    const su: Reg[] = [tmp];
    const sop = address(s, x.dst_addr, off, a, su);
    s.op([], su, t(sz === 4 ? 'str' : sz === 2 ? 'strh' : 'strb', r(U0), sop));
  }
}

export function selZero(s: Sel, x: Zero): void {
  if (x.size === 0) return;
  const unit = unitOf(s, x.align, x.size);
  if (Math.ceil(x.size / unit) > INLINE_UNITS) {
    const dst = s.use(x.addr);
    const n = s.newVreg();
    constant(s, n, x.size);
    const fn = x.align % 4 === 0 && !s.v6 ? '__aeabi_memclr4' : '__aeabi_memclr';
    callHelper(s, fn, [{ regs: [dst], ty: 'ptr' }, { regs: [n], ty: 'i32' }], []);
    return;
  }
  const z = s.newVreg();
  constant(s, z, 0);
  for (const [off, sz] of pieces(x.size, unit)) {
    const a: Access = sz === 4 ? 'w' : sz === 2 ? 'h' : 'b';
    const su: Reg[] = [z];
    const sop = address(s, x.addr, off, a, su);
    s.op([], su, t(sz === 4 ? 'str' : sz === 2 ? 'strh' : 'strb', r(U0), sop));
  }
}

/** (offset, size) of the accesses covering `size` bytes with units of at most `unit`. */
function pieces(size: number, unit: number): [number, number][] {
  const out: [number, number][] = [];
  let off = 0;
  for (const u of [4, 2, 1]) {
    if (u > unit) continue;
    while (size - off >= u) { out.push([off, u]); off += u; }
  }
  return out;
}
