// Per-function lowering state (FnLower) and the lowering of one function
// instance: calling convention, parameters, locals, the body, and the final
// clean-up (unreachable blocks removed).
//
// Values (Val) follow the type's ABI class (layout.ts): nothing for ZSTs, one
// SSA value for scalars, two for fat pointers, and an address for everything
// in memory. A memory Val is a *view*: whoever keeps it copies it first.
//
// Locals: immutable locals of scalar/pair/ZST type whose address is never
// taken are plain SSA values; every other local lives in a stack slot
// (parameters passed by pointer use the caller's copy directly).
//
// Calling convention (docs/abi.md): each parameter passes as its ABI values
// (memory types as a pointer to a copy the callee owns); results come back as
// their ABI values, memory types through a hidden first `sret` pointer;
// `#[track_caller]` functions take a hidden last pointer to the caller's
// Location.
import { FunctionBuilder } from '../builder.ts';
import type { BinaryOp, Block, CmpOp, Function, Ty as IrTy, Value } from '../ir.ts';
import type { HirFn, LocalVar, HirExpr, HirPat } from '../../check/hir.ts';
import { hasAttr } from '../../check/defs.ts';
import type { Ty } from '../../check/types.ts';
import { walkExpr } from '../../check/visit.ts';
import type { Layout } from '../layout.ts';
import { LowerError, sectionAttr, type FnInstance, type ModuleLowering } from './module.ts';
import type { Join } from './control.ts';
import { promoteSlots, pruneUnreachable } from './mem2reg.ts';

export type Val =
  | { k: 'none' }
  | { k: 's'; v: Value }
  | { k: 'p'; a: Value; b: Value }
  /** In memory at addr + off (a view; copy before the memory can change). */
  | { k: 'm'; addr: Value; off: number };

export const NONE: Val = { k: 'none' };

export type LocalStore =
  | { k: 'slot'; slot: number }
  | { k: 'ptr'; addr: Value }
  | { k: 'ssa'; val: Val | null };

export interface LoopInfo {
  /** Where `break` (with its value) goes. */
  join: Join;
  /** Where `continue` goes (-1 for labelled blocks). */
  continueBlock: number;
}

export class FnLower {
  readonly locals = new Map<number, LocalStore>();
  readonly loops = new Map<number, LoopInfo>();
  /** Locals that must live in memory (mutable, address taken, bound by several paths). */
  readonly inMemory = new Set<number>();
  sret: Value | null = null;
  callerLoc: Value | null = null;

  constructor(readonly m: ModuleLowering, readonly b: FunctionBuilder, public args: Ty[], public retTy: Ty) {}

  /** State for lowering the body of a function instance. */
  static forFn(m: ModuleLowering, hir: HirFn, inst: FnInstance): FnLower {
    const T = m.T;
    const retTy = T.subst(hir.ret, inst.args);
    const sig = fnAbi(m, hir.params.map((p) => T.subst(p.ty, inst.args)), retTy, hasAttr(hir.def.attrs, 'track_caller'));
    const b = new FunctionBuilder(inst.symbol, sig.params, sig.rets, {
      exported: m.isExported(hir.def),
      naked: hasAttr(hir.def.attrs, 'naked'),
      section: sectionAttr(hir.def.attrs),
      inline: inlineAttr(hir),
      loc: m.position(hir.def.span),
    });
    return new FnLower(m, b, inst.args, retTy);
  }

  /** State for a synthesized function (derived impls, entry point) with a raw IR signature. */
  static synthetic(m: ModuleLowering, name: string, params: IrTy[], rets: IrTy[]): FnLower {
    return new FnLower(m, new FunctionBuilder(name, params, rets), [], m.T.unit);
  }

  /** Closes every block left open (dead code), drops unreachable blocks, returns the function. */
  finish(): Function {
    for (const blk of this.b.fn.blocks) {
      const o = blk as Block & { open?: boolean };
      if (o.open) { blk.term = { op: 'unreachable' }; delete o.open; }
    }
    pruneUnreachable(this.b.fn);
    if (this.m.opts.mem2reg !== false) promoteSlots(this.b.fn);
    return this.b.finish();
  }

  // ---------------------------------------------------------------- types

  ty(t: Ty): Ty {
    return this.m.T.subst(t, this.args);
  }

  layout(t: Ty): Layout {
    return this.m.layouts.of(t);
  }

  err(msg: string, span: { file: number; start: number; end: number } | null = null): never {
    throw new LowerError(msg, span);
  }

  // ---------------------------------------------------------------- builder shorthands

  c(ty: IrTy, n: number | bigint): Value {
    return this.b.iconst(ty, n);
  }

  bin(kind: BinaryOp, ty: IrTy, a: Value, b: Value): Value {
    return this.b.binary(kind, ty, a, b);
  }

  cmp(kind: CmpOp, ty: IrTy, a: Value, b: Value): Value {
    return this.b.cmp(kind, ty, a, b);
  }

  un(kind: 'neg' | 'not' | 'clz' | 'ctz' | 'popcnt' | 'bswap', ty: IrTy, a: Value): Value {
    const dst = this.b.newValue(ty);
    this.b.emit({ op: 'unary', kind, dst, ty, a });
    return dst;
  }

  conv(kind: 'sext' | 'zext' | 'trunc', from: IrTy, to: IrTy, a: Value): Value {
    if (from === to) return a;
    const dst = this.b.newValue(to);
    this.b.emit({ op: 'conv', kind, dst, from, to, a });
    return dst;
  }

  /** Integer resize: truncate, or extend by the source signedness. */
  resize(from: IrTy, to: IrTy, signed: boolean, a: Value): Value {
    const bf = irBits(from), bt = irBits(to);
    if (bf === bt) return from === to ? a : this.conv('zext', from, to, a);
    return this.conv(bt < bf ? 'trunc' : signed ? 'sext' : 'zext', from, to, a);
  }

  select(ty: IrTy, cond: Value, a: Value, b: Value): Value {
    const dst = this.b.newValue(ty);
    this.b.emit({ op: 'select', dst, ty, cond, a, b });
    return dst;
  }

  sym(symbol: string, offset = 0): Value {
    const dst = this.b.newValue('ptr');
    this.b.emit({ op: 'symAddr', dst, symbol, offset });
    return dst;
  }

  /** A fresh stack slot for a value of type `t`; returns its address. */
  temp(t: Ty, name?: string): Value {
    const l = this.layout(t);
    return this.b.slotAddr(this.b.addSlot(l.size, l.align, name));
  }

  /** addr + constant byte offset (no instruction when 0). */
  offset(addr: Value, off: number): Value {
    if (off === 0) return addr;
    return this.bin('add', 'ptr', addr, this.c('ptr', off));
  }

  /** addr + index·stride, index an i32. */
  index(addr: Value, index: Value, stride: number): Value {
    if (stride === 0) return addr;
    const scaled = stride === 1 ? index : this.bin('mul', 'i32', index, this.c('i32', stride));
    return this.bin('add', 'ptr', addr, this.conv('zext', 'i32', 'ptr', scaled));
  }

  // ---------------------------------------------------------------- values in memory

  loadVal(addr: Value, off: number, t: Ty): Val {
    const a = this.layout(t).abi;
    switch (a.kind) {
      case 'zst': return NONE;
      case 'scalar': return { k: 's', v: this.b.load(a.ty, addr, off, a.signed) };
      case 'pair': return { k: 'p', a: this.b.load(a.a, addr, off), b: this.b.load(a.b, addr, off + a.offB) };
      case 'mem': return { k: 'm', addr, off };
    }
  }

  storeVal(addr: Value, off: number, t: Ty, v: Val): void {
    const l = this.layout(t);
    const a = l.abi;
    switch (a.kind) {
      case 'zst': return;
      case 'scalar': this.b.store(a.ty, addr, this.scalar(v), off); return;
      case 'pair': {
        if (v.k !== 'p') this.err(`internal: storing a non-pair value of type ${t.kind}`);
        this.b.store(a.a, addr, v.a, off);
        this.b.store(a.b, addr, v.b, off + a.offB);
        return;
      }
      case 'mem': {
        if (v.k !== 'm') this.err(`internal: storing a non-memory value as a memory type`);
        if (v.addr === addr && v.off === off) return;
        this.b.emit({ op: 'copy', dst_addr: this.offset(addr, off), src_addr: this.offset(v.addr, v.off), size: l.size, align: l.align });
        return;
      }
    }
  }

  scalar(v: Val): Value {
    if (v.k !== 's') this.err(`internal: expected a scalar value, got ${v.k}`);
    return v.v;
  }

  /** The address of a memory Val (materialising the offset). */
  memAddr(v: Val): Value {
    if (v.k !== 'm') this.err(`internal: expected a value in memory, got ${v.k}`);
    return this.offset(v.addr, v.off);
  }

  /** Puts any value in memory: memory views are returned as they are, SSA values are spilled to a fresh slot. */
  spill(v: Val, t: Ty): { addr: Value; off: number } {
    if (v.k === 'm') return { addr: v.addr, off: v.off };
    const addr = this.temp(t, 'spill');
    this.storeVal(addr, 0, t, v);
    return { addr, off: 0 };
  }

  /** An owned copy of a value: memory views are copied to a fresh slot. */
  own(v: Val, t: Ty): Val {
    if (v.k !== 'm') return v;
    const addr = this.temp(t, 'tmp');
    this.storeVal(addr, 0, t, v);
    return { k: 'm', addr, off: 0 };
  }

  /** A placeholder value of type `t` (for code after a diverging expression). */
  undef(t: Ty): Val {
    const a = this.layout(t).abi;
    switch (a.kind) {
      case 'zst': return NONE;
      case 'scalar': return { k: 's', v: this.c(a.ty, 0) };
      case 'pair': return { k: 'p', a: this.c(a.a, 0), b: this.c(a.b, 0) };
      case 'mem': return { k: 'm', addr: this.temp(t, 'undef'), off: 0 };
    }
  }

  /** The SSA values of a Val (for block arguments, calls, returns). */
  flat(v: Val, t: Ty): Value[] {
    const a = this.layout(t).abi;
    switch (a.kind) {
      case 'zst': return [];
      case 'scalar': return [this.scalar(v)];
      case 'pair': if (v.k !== 'p') this.err('internal: expected a pair'); return [v.a, v.b];
      case 'mem': return [this.memAddr(v)];
    }
  }

  /** Rebuilds a Val from flat SSA values. */
  unflat(vals: Value[], t: Ty): Val {
    const a = this.layout(t).abi;
    switch (a.kind) {
      case 'zst': return NONE;
      case 'scalar': return { k: 's', v: vals[0]! };
      case 'pair': return { k: 'p', a: vals[0]!, b: vals[1]! };
      case 'mem': return { k: 'm', addr: vals[0]!, off: 0 };
    }
  }

  // ---------------------------------------------------------------- control

  /** After a terminator: continue in a fresh block no one jumps to (pruned at the end). */
  dead(): void {
    if (!this.b.isOpen) this.b.switchTo(this.b.newBlock());
  }

  /** Calls a no-return function and ends the block (the builder is left without a current block). */
  noReturnCall(callee: string, args: Value[]): void {
    this.b.call(callee, args, [], true);
    this.b.terminate({ op: 'unreachable' });
  }

  /** Continues in `ok` when `bad` is false; `onFail` emits the failure path (it must end its block). */
  guard(bad: Value, onFail: () => void): void {
    const ok = this.b.newBlock();
    const fail = this.b.newBlock();
    this.b.branch(bad, { block: fail, args: [] }, { block: ok, args: [] });
    this.b.switchTo(fail);
    onFail();
    if (this.b.isOpen) this.b.terminate({ op: 'unreachable' });
    this.b.switchTo(ok);
  }

  // ---------------------------------------------------------------- locals

  /** Declares `local`; memory locals get their slot now. */
  declare(local: LocalVar): LocalStore {
    let s = this.locals.get(local.id);
    if (s) return s;
    const t = this.ty(local.ty);
    const abi = this.layout(t).abi;
    if (abi.kind === 'mem' || this.inMemory.has(local.id)) {
      const l = this.layout(t);
      s = { k: 'slot', slot: this.b.addSlot(l.size, l.align, local.name) };
    } else {
      s = { k: 'ssa', val: null };
    }
    this.locals.set(local.id, s);
    return s;
  }

  /** Address of a memory local. */
  localAddr(local: LocalVar): Value | null {
    const s = this.declare(local);
    if (s.k === 'slot') return this.b.slotAddr(s.slot);
    if (s.k === 'ptr') return s.addr;
    return null;
  }

  /** Initialises (binds) a local with a value; memory values are copied into its storage. */
  bind(local: LocalVar, v: Val): void {
    const s = this.declare(local);
    const t = this.ty(local.ty);
    if (s.k === 'ssa') { s.val = v; return; }
    const addr = s.k === 'slot' ? this.b.slotAddr(s.slot) : s.addr;
    this.storeVal(addr, 0, t, v);
  }

  readLocal(local: LocalVar, span: HirExpr['span'] | null = null): Val {
    const s = this.declare(local);
    const t = this.ty(local.ty);
    if (s.k === 'ssa') {
      if (!s.val) this.err(`internal: local \`${local.name}\` read before it is bound`, span);
      return s.val;
    }
    return this.loadVal(s.k === 'slot' ? this.b.slotAddr(s.slot) : s.addr, 0, t);
  }
}

function irBits(t: IrTy): number {
  return t === 'i8' ? 8 : t === 'i16' ? 16 : t === 'i64' ? 64 : 32;
}

function inlineAttr(hir: HirFn): 'auto' | 'always' | 'never' {
  const a = hir.def.attrs.find((x) => x.meta.kind !== 'lit' && x.meta.name === 'inline');
  if (!a) return 'auto';
  if (a.meta.kind === 'list' && a.meta.items[0]?.kind === 'word') {
    if (a.meta.items[0].name === 'always') return 'always';
    if (a.meta.items[0].name === 'never') return 'never';
  }
  return 'auto';
}

/** IR signature of a function with these (substituted) parameter and return types. */
export function fnAbi(m: ModuleLowering, params: readonly Ty[], ret: Ty, trackCaller: boolean): { params: IrTy[]; rets: IrTy[]; sret: boolean } {
  const ps: IrTy[] = [];
  const rl = m.layouts.of(ret);
  const sret = rl.abi.kind === 'mem';
  if (sret) ps.push('ptr');
  for (const p of params) ps.push(...m.layouts.irTys(p));
  if (trackCaller) ps.push('ptr');
  return { params: ps, rets: sret ? [] : m.layouts.irTys(ret), sret };
}

/** Locals whose address is taken (`&x`, `&mut x.field`, method autoref) must live in memory. */
export function addressTakenLocals(body: HirExpr, out: Set<number>): void {
  const root = (e: HirExpr): LocalVar | null => {
    for (let x = e; ;) {
      switch (x.kind) {
        case 'local': return x.local;
        case 'field': case 'tupleField': x = x.base; continue;
        case 'index': x = x.base; continue;
        case 'sliceRange': x = x.base; continue;
        default: return null;
      }
    }
  };
  const orLocals = (p: HirPat, inOr: boolean): void => {
    switch (p.kind) {
      case 'binding': if (inOr) out.add(p.local.id); if (p.sub) orLocals(p.sub, inOr); return;
      case 'or': for (const a of p.alts) orLocals(a, true); return;
      case 'tuple': for (const x of p.elems) orLocals(x, inOr); return;
      case 'adt': for (const x of p.fields) orLocals(x, inOr); return;
      case 'deref': orLocals(p.inner, inOr); return;
      case 'slice': for (const x of [...p.prefix, ...(p.rest ? [p.rest] : []), ...p.suffix]) orLocals(x, inOr); return;
      default: return;
    }
  };
  walkExpr(body, {
    expr(e) {
      if (e.kind === 'addrOf') { const l = root(e.operand); if (l) out.add(l.id); }
      if (e.kind === 'asm') for (const o of e.operands) { const l = o.outExpr ? root(o.outExpr) : null; if (l) out.add(l.id); }
    },
    pat(p) { if (p.kind === 'or') orLocals(p, true); },
  });
}

