// Instruction selection, IR → MachFunction: the driver of one function.
//
// This file holds what every selector shares — the map from IR values to
// virtual registers, rematerialisation, extension tracking, block layout and
// the lowering of terminators (branches, switches, returns, block-parameter
// moves). The operations themselves live beside it:
//   isel-arith.ts   integer arithmetic, comparisons, select, conversions (≤ 32 bits)
//   isel-i64.ts     the same for i64 register pairs
//   isel-mem.ts     constants, addresses, loads, stores, copy/zero
//   isel-call.ts    calls, helper calls, inline assembly, entry and return
//
// Values. Every IR value of type i8/i16/i32/ptr lives in one virtual register,
// an i64 in two (lo, hi). Constants, stack-slot addresses and symbol addresses
// are *rematerialised*: they get no register at their definition, and every
// use builds them where it needs them (or folds them into an immediate or an
// sp-relative address), which keeps register pressure low. A comparison used
// only by branches and selects of its own block is never materialised as 0/1:
// its consumer sets the flags itself (compare-and-branch fusion).
//
// Narrow values (i8/i16) keep garbage in their upper bits; operations that
// read those bits (comparisons, division, right shifts, widening) extend first,
// unless the value is known to be extended already (loads, conversions,
// comparison results) — `ext` records that per value.
import type { Block, BlockCall, Function, Inst, SourceLoc, Ty, Value } from '../../ir/ir.ts';
import { PHYS_LIMIT, type MachBlock, type MachFunction, type MachInst, type Reg } from '../../codegen/mach.ts';
import type { Profile } from './profile.ts';
import { hasFeature } from './profile.ts';
import { assignArgs } from './abi.ts';
import { INVERT, U0, i as imm, r as rop, t, type Cond, type Payload, type TInst, type Tie, type TOp } from './minst.ts';
import { selBinary, selUnary, selConv, selSelect, setFlags, addImm } from './isel-arith.ts';
import { selLoad, selStore, selCopy, selZero, materialize } from './isel-mem.ts';
import { selCall, selCallIndirect, selAsm, selEntry, selReturn } from './isel-call.ts';
import { blockOrder } from './block-order.ts';
import { findAddressFolds, type IndexRemat } from './isel-addr.ts';

export type Remat =
  | { k: 'const'; v: bigint }
  | { k: 'slot'; slot: number; off: number }
  | { k: 'sym'; name: string; off: number }
  | IndexRemat;

/** Extension state of a narrow value: bit 0 zero-extended, bit 1 sign-extended. */
export const EXT_Z = 1, EXT_S = 2;

export type ThumbMach = MachFunction<Payload>;
export type ThumbInst = MachInst<Payload>;

export interface SelResult {
  mf: ThumbMach;
  /** Bytes of outgoing stack arguments (the bottom of the frame). */
  outBytes: number;
  /** Offset of each IR stack slot inside the slot area. */
  slotOffsets: number[];
  slotBytes: number;
  /** Largest alignment any IR slot asks for (the frame honours up to 8). */
  slotAlign: number;
  hasCalls: boolean;
}

export class Sel {
  readonly v6: boolean;
  readonly hasDiv: boolean;
  readonly mf: ThumbMach;
  /** Virtual register of each value (-1: none yet); `hi` for the upper half of i64 values. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly remat: (Remat | undefined)[] = [];
  readonly ext: Uint8Array;
  readonly defOf: (Inst | undefined)[] = [];
  readonly defBlock: Int32Array;
  /** Comparisons whose every use is a fusable consumer: never materialised. */
  readonly fused: Uint8Array;
  readonly slotOffsets: number[] = [];
  slotBytes = 0;
  slotAlign = 4;
  outBytes = 0;
  hasCalls = false;
  cur!: MachBlock<Payload>;
  curIr!: Block;
  loc: SourceLoc | undefined;
  private readonly mblocks: MachBlock<Payload>[] = [];
  private nextBlockId: number;
  private localLabel = 0;
  private readonly loopDepth: Int32Array;
  private readonly blockIndex = new Map<number, Block>();
  /** Definitions folded into addressing modes (never selected). */
  private readonly absorbed = new Set<Value>();

  constructor(readonly f: Function, readonly prof: Profile) {
    this.v6 = !hasFeature(prof, 't2');
    this.hasDiv = hasFeature(prof, 'div');
    const n = f.valueTys.length;
    this.lo = new Int32Array(n).fill(-1);
    this.hi = new Int32Array(n).fill(-1);
    this.ext = new Uint8Array(n);
    this.defBlock = new Int32Array(n).fill(-1);
    this.fused = new Uint8Array(n);
    this.mf = { name: f.name, blocks: [], nextVreg: PHYS_LIMIT, spillSlots: 0 };
    this.nextBlockId = f.blocks.length;
    this.loopDepth = loopDepths(f);
  }

  // ---------------------------------------------------------------- values

  ty(v: Value): Ty {
    return this.f.valueTys[v]!;
  }

  newVreg(): Reg {
    return this.mf.nextVreg++;
  }

  /** The register the value is defined into (allocated on first request). */
  defReg(v: Value): Reg {
    let x = this.lo[v]!;
    if (x < 0) { x = this.newVreg(); this.lo[v] = x; }
    return x;
  }

  defPair(v: Value): [Reg, Reg] {
    const a = this.defReg(v);
    let b = this.hi[v]!;
    if (b < 0) { b = this.newVreg(); this.hi[v] = b; }
    return [a, b];
  }

  /** Makes `v` another name for registers that already hold its value. */
  alias(v: Value, lo: Reg, hi = -1): void {
    // A use in a block selected earlier (blocks are not in dominance order) already named a register.
    if (this.lo[v]! >= 0) this.move(this.lo[v]!, lo); else this.lo[v] = lo;
    if (hi >= 0) { if (this.hi[v]! >= 0) this.move(this.hi[v]!, hi); else this.hi[v] = hi; }
  }

  constOf(v: Value): bigint | undefined {
    const x = this.remat[v];
    return x?.k === 'const' ? x.v : undefined;
  }

  /** The constant as a signed 32-bit number (narrow types as their sign/zero extension per `signed`). */
  const32(v: Value, signed = true): number | undefined {
    const c = this.constOf(v);
    if (c === undefined) return undefined;
    return narrowConst(c, this.ty(v), signed);
  }

  /**
   * Rematerialised values that cost more than one short instruction (symbol
   * addresses, large constants), built once per block and reused there.
   */
  private readonly blockCache = new Map<string, Reg>();

  /** A register holding the rematerialisable value `rm` (cached per block when expensive). */
  remat32(rm: Remat, ty: Ty): Reg {
    const key = this.expensiveKey(rm);
    if (key !== undefined) {
      const h = this.hoisted.get(key);
      if (h !== undefined) return h;
      const hit = this.blockCache.get(key);
      if (hit !== undefined) return hit;
    }
    const d = this.newVreg();
    materialize(this, d, rm, ty);
    if (key !== undefined) this.blockCache.set(key, d);
    return d;
  }

  /** Cache key of a rematerialisation that costs a literal load or two instructions, else undefined. */
  private expensiveKey(rm: Remat): string | undefined {
    if (rm.k === 'sym') return `s:${rm.name}:${rm.off}`;
    if (rm.k === 'const') {
      const u = Number(BigInt.asUintN(32, rm.v));
      if (u > 255 && (this.v6 || !(fitsMod(u) || fitsMod(~u >>> 0) || u <= 0xffff))) return `c:${u}`;
    }
    return undefined;
  }

  /** Expensive constants and addresses used inside loops: built once at entry (key → register). */
  private readonly hoisted = new Map<string, Reg>();
  private readonly toHoist = new Map<string, Remat>();

  /** Picks up to four expensive rematerialisations used in loops, most uses first. */
  private chooseHoists(): void {
    const count = new Map<string, { rm: Remat; n: number }>();
    this.f.blocks.forEach((b, k) => {
      const depth = this.loopDepth[k]!;
      if (depth <= 0) return;
      for (const inst of b.insts) {
        for (const v of usesOf(inst)) {
          const rm = this.remat[v];
          if (!rm || this.ty(v) === 'i64') continue;
          const key = rm.k === 'sym' ? `s:${rm.name}:0` : this.expensiveKey(rm);
          if (key === undefined) continue;
          const e = count.get(key) ?? { rm: rm.k === 'sym' ? { ...rm, off: 0 } : rm, n: 0 };
          e.n += 10 ** Math.min(depth, 4);
          count.set(key, e);
        }
      }
    });
    const best = [...count].sort((a, b) => b[1].n - a[1].n).slice(0, 4);
    for (const [key, e] of best) this.toHoist.set(key, e.rm);
  }

  /** At the end of the entry block's parameter moves: builds the hoisted values. */
  private emitHoists(): void {
    for (const [key, rm] of this.toHoist) {
      const d = this.newVreg();
      materialize(this, d, rm, 'i32');
      this.hoisted.set(key, d);
    }
  }

  /** A register holding `v` (i8..i32, ptr); rematerialised values are built here. */
  use(v: Value): Reg {
    const x = this.lo[v]!;
    if (x >= 0) return x;
    const rm = this.remat[v];
    if (rm) return this.remat32(rm, this.ty(v));
    if (this.fused[v]) {
      // A fused comparison read as a value after all (e.g. by a call): build 0/1 here.
      const d = this.newVreg();
      const c = setFlags(this, this.defOf[v] as Extract<Inst, { op: 'cmp' }>);
      this.setcc(d, c);
      return d;
    }
    if (this.defOf[v] || this.defBlock[v]! >= 0) return this.defReg(v); // defined in a block selected later
    throw new Error(`internal: v${v} used before its definition in ${this.f.name}`);
  }

  /** Both halves of an i64 value. */
  use64(v: Value): [Reg, Reg] {
    const x = this.lo[v]!;
    if (x >= 0) return [x, this.hi[v]!];
    const c = this.constOf(v);
    if (c === undefined) {
      if (this.defOf[v] || this.defBlock[v]! >= 0) return this.defPair(v);
      throw new Error(`internal: i64 v${v} used before its definition in ${this.f.name}`);
    }
    const u = BigInt.asUintN(64, c);
    const a = this.newVreg(), b = this.newVreg();
    materialize(this, a, { k: 'const', v: u & 0xffffffffn }, 'i32');
    materialize(this, b, { k: 'const', v: u >> 32n }, 'i32');
    return [a, b];
  }

  /** A register holding `v` extended to 32 bits (zero or sign) from its type's width. */
  useExt(v: Value, signed: boolean): Reg {
    const ty = this.ty(v);
    if (ty !== 'i8' && ty !== 'i16') return this.use(v);
    const c = this.constOf(v);
    if (c !== undefined) {
      const d = this.newVreg();
      materialize(this, d, { k: 'const', v: BigInt(narrowConst(c, ty, signed)) }, 'i32');
      return d;
    }
    const have = this.ext[v]!;
    const x = this.use(v);
    if (have & (signed ? EXT_S : EXT_Z)) return x;
    const d = this.newVreg();
    this.op([d], [x], t((signed ? 's' : 'u') + (ty === 'i8' ? 'xtb' : 'xth'), rop({ d: 0 }), rop(U0)));
    return d;
  }

  // ---------------------------------------------------------------- emission

  push(inst: ThumbInst): void {
    if (this.loc && inst.payload.loc === undefined) inst.payload.loc = this.loc;
    this.cur.insts.push(inst);
  }

  emit(payload: Payload, defs: Reg[], uses: Reg[], clobbers?: readonly Reg[]): void {
    this.push(clobbers ? { defs, uses, clobbers, payload } : { defs, uses, payload });
  }

  /** Instructions over defs/uses (templates refer to them by index). */
  op(defs: Reg[], uses: Reg[], ...insts: TInst[]): void {
    this.emit({ k: 'ops', insts }, defs, uses);
  }

  /** A two-address-capable instruction `mn d, a, b` (tie applies on ARMv6-M). */
  tied(mn: string, tie: Tie, d: Reg, a: Reg, b: Reg): void {
    this.emit({ k: 'ops', insts: [t(mn, rop({ d: 0 }), rop(U0), rop({ u: 1 }))], tie }, [d], [a, b]);
  }

  /** `mn d, a, #v` that ARMv6-M encodes only as `mn d, #v` with d = a. */
  tiedImm(mn: string, d: Reg, a: Reg, v: number): void {
    this.emit({ k: 'ops', insts: [t(mn, rop({ d: 0 }), rop(U0), imm(v))], tie: 'comm' }, [d], [a]);
  }

  move(d: Reg, s: Reg): void {
    this.push({ defs: [d], uses: [s], isMove: true, payload: { k: 'move' } });
  }

  /** Fresh label name for a multi-instruction template. */
  label(): string {
    return `${this.localLabel++}`;
  }

  /** d = (flags satisfy c) ? 1 : 0. */
  setcc(d: Reg, c: Cond): void {
    if (this.v6) {
      const yes = this.label(), done = this.label();
      this.emit({ k: 'ops', insts: [
        t(`b${c}`, { k: 'l', name: yes }), t('movs', rop({ d: 0 }), imm(0)), t('b', { k: 'l', name: done }),
        t(':', { k: 'l', name: yes }), t('movs', rop({ d: 0 }), imm(1)), t(':', { k: 'l', name: done }),
      ] }, [d], []);
    } else {
      this.emit({ k: 'ops', insts: [
        t('ite', { k: 's', name: c }), t(`mov${c}`, rop({ d: 0 }), imm(1)), t(`mov${INVERT[c]}`, rop({ d: 0 }), imm(0)),
      ] }, [d], []);
    }
  }

  /** d = (flags satisfy c) ? a : b. */
  selectFlags(d: Reg, c: Cond, a: Reg, b: Reg): void {
    if (this.v6) {
      const yes = this.label(), done = this.label();
      this.emit({ k: 'ops', insts: [
        t(`b${c}`, { k: 'l', name: yes }), t('mov', rop({ d: 0 }), rop({ u: 1 })), t('b', { k: 'l', name: done }),
        t(':', { k: 'l', name: yes }), t('mov', rop({ d: 0 }), rop(U0)), t(':', { k: 'l', name: done }),
      ] }, [d], [a, b]);
    } else {
      this.emit({ k: 'ops', insts: [
        t('ite', { k: 's', name: c }), t(`mov${c}`, rop({ d: 0 }), rop(U0)), t(`mov${INVERT[c]}`, rop({ d: 0 }), rop({ u: 1 })),
      ] }, [d], [a, b]);
    }
  }

  // ---------------------------------------------------------------- blocks

  private newMachBlock(irId: number): MachBlock<Payload> {
    return { id: irId, insts: [], succs: [], loopDepth: 0 };
  }

  /** Selects the whole function. */
  run(): SelResult {
    const f = this.f;
    this.analyse();
    const byId = new Map<number, MachBlock<Payload>>();
    for (const b of f.blocks) byId.set(b.id, this.newMachBlock(b.id));
    for (const b of f.blocks) for (const p of b.params) { if (this.ty(p) === 'i64') this.defPair(p); else this.defReg(p); }
    for (const k of blockOrder(f, (x) => this.loopDepth[x]! >= 0)) {
      const b = f.blocks[k]!;
      const mb = byId.get(b.id)!;
      mb.loopDepth = this.loopDepth[k]!;
      this.cur = mb;
      this.curIr = b;
      this.mblocks.push(mb);
      this.blockCache.clear();
      this.loc = b.locs?.[0] ?? f.loc;
      if (k === 0) { selEntry(this); this.emitHoists(); }
      b.insts.forEach((inst, j) => {
        const l = b.locs?.[j];
        if (l) this.loc = l;
        this.inst(inst);
      });
      this.term(b);
    }
    this.mf.blocks = this.mblocks;
    return { mf: this.mf, outBytes: this.outBytes, slotOffsets: this.slotOffsets, slotBytes: this.slotBytes, slotAlign: this.slotAlign, hasCalls: this.hasCalls };
  }

  /** Use counts, fusable comparisons, slot layout, outgoing-argument area. */
  private analyse(): void {
    const f = this.f;
    let off = 0;
    for (const s of f.slots) {
      const a = Math.max(1, Math.min(s.align, 8));
      off = Math.ceil(off / a) * a;
      this.slotOffsets.push(off);
      off += s.size;
      if (a > this.slotAlign) this.slotAlign = a;
    }
    this.slotBytes = Math.ceil(off / 8) * 8;

    const nonFusable = new Uint8Array(f.valueTys.length);
    const blockOfDef = this.defBlock;
    for (const b of f.blocks) {
      this.blockIndex.set(b.id, b);
      for (const v of b.params) blockOfDef[v] = b.id;
      for (const inst of b.insts) {
        for (const v of defsOf(inst)) { blockOfDef[v] = b.id; this.defOf[v] = inst; }
        if (inst.op === 'const') this.remat[inst.dst] = { k: 'const', v: inst.imm };
      }
    }
    const { folds, absorbed } = findAddressFolds(f, this.defOf, (v) => this.constOf(v), this.v6);
    for (const [v, r] of folds) this.remat[v] = r;
    for (const v of absorbed) this.absorbed.add(v);
    for (const b of f.blocks) {
      for (const inst of b.insts) {
        switch (inst.op) {
          case 'slotAddr': this.remat[inst.dst] = { k: 'slot', slot: inst.slot, off: 0 }; break;
          case 'symAddr': this.remat[inst.dst] = { k: 'sym', name: inst.symbol, off: inst.offset }; break;
          case 'call': case 'callIndirect': {
            const tys = inst.op === 'call' ? inst.args.map((a) => f.valueTys[a]!) : inst.argTys;
            this.outBytes = Math.max(this.outBytes, assignArgs(tys).stackBytes);
            break;
          }
        }
        for (const u of usesOf(inst)) {
          // Only branch/select conditions in the defining block may consume a comparison.
          if (!(inst.op === 'select' && u === inst.cond && inst.a !== u && inst.b !== u)) nonFusable[u] = 1;
        }
      }
      const tm = b.term;
      const termVals: Value[] = [];
      if (tm.op === 'branch') {
        for (const c of [tm.then, tm.else]) termVals.push(...c.args);
        if (tm.cond !== undefined && (blockOfDef[tm.cond] !== b.id)) nonFusable[tm.cond] = 1;
      } else if (tm.op === 'jump') termVals.push(...tm.to.args);
      else if (tm.op === 'switch') { termVals.push(tm.value, ...tm.default.args); for (const c of tm.cases) termVals.push(...c.to.args); } else if (tm.op === 'ret') termVals.push(...tm.values);
      for (const u of termVals) nonFusable[u] = 1;
    }
    // Selects in another block than the comparison cannot fuse it either.
    for (const b of f.blocks) for (const inst of b.insts) if (inst.op === 'select' && blockOfDef[inst.cond] !== b.id) nonFusable[inst.cond] = 1;
    for (const b of f.blocks) for (const inst of b.insts) if (inst.op === 'cmp' && !nonFusable[inst.dst]) this.fused[inst.dst] = 1;
    this.chooseHoists();
  }

  private inst(inst: Inst): void {
    if ('dst' in inst && (this.absorbed.has(inst.dst) || this.remat[inst.dst]?.k === 'index')) return; // folded into addresses
    switch (inst.op) {
      case 'const': case 'slotAddr': case 'symAddr': return; // rematerialised at each use
      case 'binary': return selBinary(this, inst);
      case 'unary': return selUnary(this, inst);
      case 'cmp': {
        if (this.fused[inst.dst]) return;
        const c = setFlags(this, inst);
        this.setcc(this.defReg(inst.dst), c);
        this.ext[inst.dst] = EXT_Z | EXT_S;
        return;
      }
      case 'conv': return selConv(this, inst);
      case 'select': return selSelect(this, inst);
      case 'load': return selLoad(this, inst);
      case 'store': return selStore(this, inst);
      case 'copy': return selCopy(this, inst);
      case 'zero': return selZero(this, inst);
      case 'call': return selCall(this, inst);
      case 'callIndirect': return selCallIndirect(this, inst);
      case 'asm': return selAsm(this, inst);
    }
  }

  // ---------------------------------------------------------------- terminators

  /** Condition flags for a branch on `cond` (fused comparison, or `cmp cond, #0`). */
  private condFlags(cond: Value): Cond {
    const d = this.defOf[cond];
    if (d?.op === 'cmp' && this.defBlock[cond] === this.curIr.id && this.lo[cond] < 0) return setFlags(this, d);
    const x = this.useExt(cond, false);
    this.op([], [x], t('cmp', rop(U0), imm(0)));
    return 'ne';
  }

  private term(b: Block): void {
    const tm = b.term;
    switch (tm.op) {
      case 'jump':
        this.blockMoves(tm.to);
        this.jumpTo(tm.to.block);
        return;
      case 'branch': {
        const c0 = this.constOf(tm.cond);
        if (c0 !== undefined) { // folded by the lowering's constants: take one side
          const to = (c0 & 0xffn) !== 0n ? tm.then : tm.else;
          this.blockMoves(to);
          this.jumpTo(to.block);
          return;
        }
        const c = this.condFlags(tm.cond);
        const edges: MachBlock<Payload>[] = [];
        const thenT = this.edgeTarget(tm.then, edges);
        const elseT = this.edgeTarget(tm.else, edges);
        this.emit({ k: 'bcc', cond: c, block: thenT }, [], []);
        this.emit({ k: 'jump', block: elseT }, [], []);
        this.cur.succs.push(thenT, elseT);
        this.placeEdges(edges.reverse());
        return;
      }
      case 'switch': return this.switchTerm(tm);
      case 'ret': return selReturn(this, tm.values);
      case 'unreachable': {
        const last = b.insts[b.insts.length - 1];
        if (!(last && last.op === 'call' && last.noReturn)) this.emit({ k: 'trap' }, [], []);
        return;
      }
    }
  }

  private jumpTo(block: number): void {
    this.emit({ k: 'jump', block }, [], []);
    this.cur.succs.push(block);
  }

  /** The block to branch to for `c`: the target itself, or a new edge block doing its moves. */
  private edgeTarget(c: BlockCall, edges: MachBlock<Payload>[]): number {
    if (c.args.length === 0) return c.block;
    const eb = this.newMachBlock(this.nextBlockId++);
    eb.loopDepth = this.cur.loopDepth;
    const save = this.cur;
    const saveCache = new Map(this.blockCache);
    this.cur = eb;
    this.blockCache.clear();
    this.blockMoves(c);
    this.jumpTo(c.block);
    this.cur = save;
    this.blockCache.clear();
    for (const [k, v] of saveCache) this.blockCache.set(k, v);
    edges.push(eb);
    return eb.id;
  }

  /** Edge blocks go right after the current block (the last one pushed falls through first). */
  private placeEdges(edges: MachBlock<Payload>[]): void {
    for (const e of edges) this.mblocks.push(e);
  }

  private switchTerm(tm: Extract<Block['term'], { op: 'switch' }>): void {
    const edges: MachBlock<Payload>[] = [];
    if (tm.ty === 'i64') {
      const [lo, hi] = this.use64(tm.value);
      for (const cs of tm.cases) {
        const u = BigInt.asUintN(64, cs.value);
        const target = this.edgeTarget(cs.to, edges);
        const clo = this.newVreg(), chi = this.newVreg();
        materialize(this, clo, { k: 'const', v: u & 0xffffffffn }, 'i32');
        materialize(this, chi, { k: 'const', v: u >> 32n }, 'i32');
        const l = this.label();
        this.op([], [hi, chi, lo, clo], t('cmp', rop(U0), rop({ u: 1 })), t('bne', { k: 'l', name: l }), t('cmp', rop({ u: 2 }), rop({ u: 3 })), t(':', { k: 'l', name: l }));
        this.emit({ k: 'bcc', cond: 'eq', block: target }, [], []);
        this.cur.succs.push(target);
      }
    } else {
      const x = this.useExt(tm.value, false);
      const bits = tm.ty === 'i8' ? 8n : tm.ty === 'i16' ? 16n : 32n;
      if (!this.v6 && this.jumpTable(tm, x, Number(bits), edges)) return;
      for (const cs of tm.cases) {
        const cv = Number(BigInt.asUintN(Number(bits), cs.value));
        const target = this.edgeTarget(cs.to, edges);
        this.cmpImm(x, cv);
        this.emit({ k: 'bcc', cond: 'eq', block: target }, [], []);
        this.cur.succs.push(target);
      }
    }
    const def = this.edgeTarget(tm.default, edges);
    this.jumpTo(def);
    this.placeEdges(edges.reverse());
  }

  /**
   * Thumb-2 dense switches: bounds check, then `tbb`/`tbh` through a table of
   * branch offsets (the emitter picks the width and stubs backward targets).
   * Worth it from 5 cases when the values fill at least half of their range.
   */
  private jumpTable(tm: Extract<Block['term'], { op: 'switch' }>, x: Reg, bits: number, edges: MachBlock<Payload>[]): boolean {
    if (tm.cases.length < 5) return false;
    const vals = tm.cases.map((c) => Number(BigInt.asUintN(bits, c.value)));
    const min = Math.min(...vals), max = Math.max(...vals);
    const range = max - min + 1;
    if (range > 2 * tm.cases.length + 4 || range > 4096) return false;
    let idx = x;
    if (min !== 0) { idx = this.newVreg(); addImm(this, idx, x, -min | 0); }
    const def = this.edgeTarget(tm.default, edges);
    this.cmpImm(idx, range);
    this.emit({ k: 'bcc', cond: 'hs', block: def }, [], []);
    const targets = new Array<number>(range).fill(def);
    tm.cases.forEach((cs, k) => { targets[vals[k]! - min] = this.edgeTarget(cs.to, edges); });
    this.emit({ k: 'table', blocks: targets }, [], [idx]);
    this.cur.succs.push(...new Set([def, ...targets]));
    this.placeEdges(edges.reverse());
    return true;
  }

  /** `cmp x, #v` (or through a register when the immediate does not fit). */
  cmpImm(x: Reg, v: number): void {
    const u = v >>> 0;
    if (u <= 255) { this.op([], [x], t('cmp', rop(U0), imm(u))); return; }
    if (!this.v6 && (fitsMod(u) || fitsMod(-u >>> 0))) { this.op([], [x], t('cmp', rop(U0), imm(u | 0))); return; }
    const c = this.newVreg();
    materialize(this, c, { k: 'const', v: BigInt(u) }, 'i32');
    this.op([], [x, c], t('cmp', rop(U0), rop({ u: 1 })));
  }

  /**
   * Block arguments → the target's parameters, as a parallel copy: moves
   * whose destination is still needed as a source wait; a cycle is broken with
   * a temporary. Rematerialisable arguments are built last, straight into
   * their parameter.
   */
  blockMoves(c: BlockCall): void {
    const target = this.blockIndex.get(c.block)!;
    const dsts: Reg[] = [], srcs: Reg[] = [];
    const late: { d: Reg; v: Value; half: 0 | 1 }[] = [];
    c.args.forEach((a, k) => {
      const p = target.params[k]!;
      const wide = this.ty(p) === 'i64';
      const pd = wide ? this.defPair(p) : [this.defReg(p)];
      // (Folded addresses never get here: every use of one is a load or store address.)
      if (this.lo[a]! < 0) {
        if (wide) { late.push({ d: pd[0]!, v: a, half: 0 }, { d: pd[1]!, v: a, half: 1 }); } else late.push({ d: pd[0]!, v: a, half: 0 });
        return;
      }
      const src = wide ? [this.lo[a]!, this.hi[a]!] : [this.lo[a]!];
      for (let h = 0; h < pd.length; h++) {
        if (pd[h] !== src[h]) { dsts.push(pd[h]!); srcs.push(src[h]!); }
      }
    });
    this.parallelMoves(dsts, srcs);
    for (const x of late) {
      if (this.ty(x.v) === 'i64') {
        const pair = this.use64(x.v);
        this.move(x.d, pair[x.half]!);
      } else {
        const rm = this.remat[x.v];
        if (rm) materialize(this, x.d, rm, this.ty(x.v));
        else this.move(x.d, this.use(x.v));
      }
    }
  }

  private parallelMoves(dsts: Reg[], srcs: Reg[]): void {
    const pending = dsts.map((d, k) => ({ d, s: srcs[k]! }));
    while (pending.length > 0) {
      let progressed = false;
      for (let k = 0; k < pending.length; k++) {
        const mv = pending[k]!;
        if (!pending.some((o, j) => j !== k && o.s === mv.d)) {
          this.move(mv.d, mv.s);
          pending.splice(k, 1);
          k--;
          progressed = true;
        }
      }
      if (!progressed) {
        // Every destination is still a source: a cycle. Save one source in a temporary.
        const mv = pending[0]!;
        const tmp = this.newVreg();
        this.move(tmp, mv.d);
        for (const o of pending) if (o.s === mv.d) o.s = tmp;
      }
    }
  }
}

// ---------------------------------------------------------------- helpers

export function fitsMod(v: number): boolean {
  return modImmFits(v >>> 0);
}

import { modImm } from './imm.ts';
function modImmFits(v: number): boolean {
  return modImm(v) !== undefined;
}

/** A narrow constant as the 32-bit value an extended register holds. */
export function narrowConst(c: bigint, ty: Ty, signed: boolean): number {
  const bits = ty === 'i8' ? 8 : ty === 'i16' ? 16 : 32;
  const v = signed ? BigInt.asIntN(bits, c) : BigInt.asUintN(bits, c);
  return Number(BigInt.asIntN(32, v));
}

export function defsOf(i: Inst): Value[] {
  switch (i.op) {
    case 'store': case 'copy': case 'zero': return [];
    case 'call': case 'callIndirect': return i.dsts;
    case 'asm': return i.outputs.map((o) => o.dst);
    default: return [i.dst];
  }
}

export function usesOf(i: Inst): Value[] {
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

/**
 * Loop depth per block (index order; -1 for unreachable blocks), for spill weights: a back edge
 * (to a block earlier in reverse postorder) marks every block between the
 * header and the latch in that order. An approximation of natural loops that
 * is exact for the structured control flow lowering produces.
 */
function loopDepths(f: Function): Int32Array {
  const n = f.blocks.length;
  const index = new Map<number, number>();
  f.blocks.forEach((b, k) => index.set(b.id, k));
  const succ = (k: number): number[] => {
    const tm = f.blocks[k]!.term;
    const cs = tm.op === 'jump' ? [tm.to] : tm.op === 'branch' ? [tm.then, tm.else] : tm.op === 'switch' ? [...tm.cases.map((c) => c.to), tm.default] : [];
    return cs.map((c) => index.get(c.block) ?? -1).filter((x) => x >= 0);
  };
  // Iterative DFS for reverse postorder.
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const stack: [number, number][] = [[0, 0]];
  seen[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const ss = succ(top[0]);
    if (top[1] < ss.length) {
      const s = ss[top[1]++]!;
      if (!seen[s]) { seen[s] = 1; stack.push([s, 0]); }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  order.reverse();
  const rpo = new Int32Array(n).fill(-1);
  order.forEach((b, k) => { rpo[b] = k; });
  const diff = new Int32Array(n + 1);
  for (const b of order) {
    for (const s of succ(b)) {
      if (rpo[s]! <= rpo[b]!) { diff[rpo[s]!]!++; diff[rpo[b]! + 1]!--; }
    }
  }
  const depth = new Int32Array(n).fill(-1);
  let acc = 0;
  for (let k = 0; k < order.length; k++) {
    acc += diff[k]!;
    depth[order[k]!] = acc;
  }
  return depth;
}
