// Instruction selection for RV32: one IR function → one MachFunction whose
// instructions name virtual registers (isel-inst.ts), ready for the shared
// linear-scan allocator. This file owns the per-function state, values,
// blocks and terminators; the instruction kinds live in isel-alu.ts (integer
// arithmetic, comparisons, conversions, select; i64 as register pairs),
// isel-mem.ts (loads, stores, copy/zero) and isel-call.ts (calls, returns,
// arguments, inline assembly).
//
// Decisions:
// - **Values.** An i8/i16/i32/ptr value lives in one virtual register, an i64
//   in two (low word first). A value may share another's register (`trunc`,
//   `zext` of an already-extended value: no instruction) or be the zero
//   register x0 (constant 0, the high word of a zero-extended i64).
// - **Narrow values** keep unspecified bits above their width. Each value
//   carries what is known (zero- or sign-extended); `regExt` extends only where
//   upper bits would be observed (comparisons, right shifts, division,
//   widening) and only when not already known.
// - **Rematerialisation.** Constants, stack-slot and symbol addresses, and
//   `ptr + small constant` are not computed where the IR defines them but at
//   each use (cached per machine block), so they fold into immediates and
//   memory offsets (`lw a0, 12(sp)`, `lw a0, %lo(x)(a5)`) and never occupy a
//   register across a loop or a call. Exception: two-instruction constants
//   used in loops of leaf functions are materialised once at entry.
// - **Constant folding** of operations whose operands are all constants
//   (debug builds and range loops leave many); a branch or switch on a
//   constant becomes a jump.
// - **Branches** fuse with a single-use comparison (`blt a0, a1, .L3`); block
//   arguments become parallel moves in the predecessor, or in an edge block of
//   their own when the predecessor branches. Cycles (the swap case) go through
//   one temporary register.
// - **Order.** Blocks are selected in reverse postorder (definitions before
//   uses) and laid out in IR order, edge and compare-chain blocks after the
//   block that created them, blocks ending in `unreachable` (panics) last. The
//   emitter then threads jumps and chains fall-throughs (emit.ts).
import type { Block, BlockCall, Function, Inst, SourceLoc, Terminator, Ty, Value } from '../../ir/ir.ts';
import { dominators, successors } from '../../ir/verify.ts';
import type { MachBlock, MachFunction, MachInst, Reg } from '../../codegen/mach.ts';
import { PHYS_LIMIT } from '../../codegen/mach.ts';
import type { Profile } from './profile.ts';
import { ZERO } from './abi.ts';
import { type BranchMn, type Opnd, type Payload, type RR, D0, EXT_S, EXT_Z, fitsImm12, imm, signedConst, symExpr, unsignedConst } from './isel-inst.ts';
import { selectAlu, condBranch, fold } from './isel-alu.ts';
import { selectMem } from './isel-mem.ts';
import { selectCall, selectEntry, selectRet, selectAsm } from './isel-call.ts';

export type MInst = MachInst<Payload>;
export type MBlock = MachBlock<Payload>;
export type MFunc = MachFunction<Payload>;

export interface SelectOptions {
  profile: Profile;
  /** Symbols a 4-byte `jal` reaches (see backend.ts); others get `call`. */
  nearCall?: (sym: string) => boolean;
}

export interface Selected {
  mf: MFunc;
  /** Offset of each IR stack slot inside the frame's slot area. */
  slotOffs: number[];
  slotBytes: number;
  /** Largest outgoing stack-argument area of any call (multiple of 16). */
  outBytes: number;
  /** True when the function calls anything (ra must be saved). */
  calls: boolean;
  /** Physical registers fixed by inline assembly (clobbers included): saved if callee-saved. */
  fixedRegs: Set<number>;
  naked: boolean;
}

export class Selector {
  readonly mf: MFunc;
  cur!: MBlock;
  loc: SourceLoc | undefined;
  /** Registers of selected values (two for an i64). */
  readonly vals = new Map<Value, Reg[]>();
  /** Definitions selected at each use (see "Rematerialisation" above). */
  readonly lazy = new Map<Value, Inst>();
  readonly ext = new Map<Value, number>();
  /** Per machine block: materialised lazy values and extensions. */
  private cache = new Map<string, Reg>();
  readonly useCount: Int32Array;
  /** Comparisons left for the branch that consumes them. */
  readonly fused = new Set<Value>();
  readonly slotOffs: number[] = [];
  slotBytes = 0;
  outBytes = 0;
  calls = false;
  readonly fixedRegs = new Set<number>();
  readonly hasM: boolean;
  private readonly params = new Map<number, Reg[]>();
  /** Loop-used constants materialised once at entry (hoistLoopConstants). */
  private readonly hoisted = new Map<Value, Reg>();
  private readonly blocks = new Map<number, MBlock>();
  private readonly placed = new Set<number>();
  /** Machine blocks of each IR block, in layout order (the IR block's own first). */
  private readonly layout = new Map<number, MBlock[]>();
  private owner = 0;
  private readonly depth: number[];
  private nextBlock: number;
  /** The current block's last instruction is a no-return call (no trap needed after it). */
  endsInNoReturn = false;

  constructor(readonly fn: Function, readonly opts: SelectOptions) {
    this.mf = { name: fn.name, blocks: [], nextVreg: PHYS_LIMIT, spillSlots: 0 };
    this.hasM = opts.profile.exts.has('m');
    this.nextBlock = fn.blocks.length;
    this.useCount = new Int32Array(fn.valueTys.length);
    this.depth = loopDepths(fn);
    let off = 0;
    for (const s of fn.slots) {
      const a = Math.min(Math.max(1, s.align), 16);
      off = Math.ceil(off / a) * a;
      this.slotOffs.push(off);
      off += s.size;
    }
    this.slotBytes = (off + 3) & ~3;
  }

  ty(v: Value): Ty {
    return this.fn.valueTys[v]!;
  }

  vreg(): Reg {
    return this.mf.nextVreg++;
  }

  // ------------------------------------------------------------- emission

  emit(defs: Reg[], uses: Reg[], payload: Payload, extra: Partial<Pick<MInst, 'clobbers' | 'isMove'>> = {}): MInst {
    const inst: MInst = { defs, uses, payload: this.loc ? { ...payload, loc: this.loc } : payload, ...extra };
    this.cur.insts.push(inst);
    return inst;
  }

  /** `mn d, uses..., extra operands` with a fresh def; returns the def. */
  op(mn: string, uses: Reg[], extra: Opnd[] = []): Reg {
    const d = this.vreg();
    const ops: Opnd[] = [D0, ...uses.map((_, k) => ({ u: k }) as RR), ...extra];
    this.emit([d], uses, { k: 'op', mn, ops });
    return d;
  }

  /** `mn d, a, imm`. */
  opi(mn: string, a: Reg, c: number): Reg {
    return this.op(mn, [a], [imm(c)]);
  }

  li(c: number): Reg {
    if (c === 0) return ZERO;
    const d = this.vreg();
    this.emit([d], [], { k: 'op', mn: 'li', ops: [D0, imm(c | 0)] });
    return d;
  }

  move(dst: Reg, src: Reg): void {
    this.emit([dst], [src], { k: 'move' }, { isMove: true });
  }

  /** A fresh register holding `src` (a copy the allocator usually coalesces). */
  copyOf(src: Reg): Reg {
    const d = this.vreg();
    this.move(d, src);
    return d;
  }

  // ------------------------------------------------------------- values

  define(v: Value, regs: Reg[], ext = 0): void {
    this.vals.set(v, regs);
    if (ext) this.ext.set(v, ext);
  }

  /** The register of a 32-bit-or-narrower value (materialising a lazy definition here). */
  reg(v: Value): Reg {
    const r = this.vals.get(v);
    if (r) return r[0]!;
    const def = this.lazy.get(v);
    if (!def) throw new Error(`internal: v${v} used before its definition in ${this.fn.name}`);
    return this.hoisted.get(v) ?? this.cached(`v${v}`, () => this.materialise(def));
  }

  /** The two registers (low, high) of an i64 value. */
  pair(v: Value): [Reg, Reg] {
    const r = this.vals.get(v);
    if (r) return [r[0]!, r[1]!];
    const def = this.lazy.get(v);
    if (!def || def.op !== 'const') throw new Error(`internal: i64 v${v} used before its definition in ${this.fn.name}`);
    const lo = Number(BigInt.asIntN(32, def.imm));
    const hi = Number(BigInt.asIntN(32, def.imm >> 32n));
    return [this.cached(`c${lo}`, () => this.li(lo)), this.cached(`c${hi}`, () => this.li(hi))];
  }

  /** Registers of any value: one, or two for an i64. */
  regs(v: Value): Reg[] {
    return this.ty(v) === 'i64' ? this.pair(v) : [this.reg(v)];
  }

  /** The constant a value is known to be (lazily defined `const`), if any. */
  constOf(v: Value): bigint | undefined {
    const d = this.lazy.get(v);
    return d?.op === 'const' ? d.imm : undefined;
  }

  /**
   * A narrow value with its upper bits made zero (`z`) or copies of its sign
   * bit (`s`); 32-bit values are returned as they are.
   */
  regExt(v: Value, kind: 'z' | 's'): Reg {
    const ty = this.ty(v);
    if (ty !== 'i8' && ty !== 'i16') return this.reg(v);
    const c = this.constOf(v);
    if (c !== undefined) {
      const n = kind === 'z' ? unsignedConst(ty, c) : signedConst(ty, c);
      return this.cached(`c${n}`, () => this.li(n));
    }
    if ((this.ext.get(v) ?? 0) & (kind === 'z' ? EXT_Z : EXT_S)) return this.reg(v);
    const r = this.reg(v);
    return this.cached(`x${v}${kind}`, () => this.extend(r, ty, kind));
  }

  extend(r: Reg, ty: Ty, kind: 'z' | 's'): Reg {
    if (kind === 'z' && ty === 'i8') return this.opi('andi', r, 255);
    const sh = ty === 'i8' ? 24 : 16;
    return this.opi(kind === 'z' ? 'srli' : 'srai', this.opi('slli', r, sh), sh);
  }

  cached(key: string, make: () => Reg): Reg {
    let r = this.cache.get(key);
    if (r === undefined) {
      r = make();
      this.cache.set(key, r);
    }
    return r;
  }

  /** Forget materialised values (after a call, so none of them lives across it). */
  forgetCache(): void {
    this.cache = new Map();
  }

  private materialise(def: Inst): Reg {
    switch (def.op) {
      case 'const': return this.li(signedConst(def.ty, def.imm));
      case 'slotAddr': {
        const d = this.vreg();
        this.emit([d], [], { k: 'spaddr', area: 'slot', off: this.slotOffs[def.slot]! });
        return d;
      }
      case 'symAddr': {
        const d = this.vreg();
        this.emit([d], [], { k: 'la', sym: symExpr(def.symbol, def.offset) });
        return d;
      }
      case 'binary': { // ptr + constant (see isLazy)
        const c = Number(BigInt.asIntN(32, this.constOf(def.b)!));
        return this.opi('addi', this.reg(def.a), c);
      }
      default: throw new Error(`internal: cannot rematerialise ${def.op}`);
    }
  }

  /**
   * Constants that take two instructions (`lui` + `addi`) and are used inside
   * a loop are materialised once, at entry, in a leaf function (where holding
   * them costs no callee-saved register): `crc = (crc >> 1) ^ (0xEDB88320 & m)`
   * then loads nothing per iteration.
   */
  private hoistLoopConstants(): void {
    const fn = this.fn;
    const calls = fn.blocks.some((b) => b.insts.some((i) => (i.op === 'call' && !i.noReturn) || i.op === 'callIndirect'));
    if (calls) return;
    const wanted = new Set<Value>();
    for (const b of fn.blocks) {
      if (!this.depth[b.id]) continue;
      for (const i of b.insts) {
        for (const u of instUses(i)) {
          const c = this.constOf(u);
          if (c === undefined || (this.ty(u) !== 'i32' && this.ty(u) !== 'ptr')) continue;
          const n = signedConst('i32', c);
          if (!fitsImm12(n) && (n & 0xfff) !== 0) wanted.add(u);
        }
      }
    }
    for (const v of wanted) {
      const r = this.li(signedConst('i32', this.constOf(v)!));
      this.hoisted.set(v, r);
    }
  }

  private isLazy(i: Inst): boolean {
    return i.op === 'const' || i.op === 'slotAddr' || i.op === 'symAddr';
  }

  /**
   * `ptr + c` with c a small constant (known once its operands are selected:
   * after folding) is selected at its uses, where it folds into an offset.
   */
  lazyPtrAdd(i: Inst): boolean {
    if (i.op !== 'binary' || i.kind !== 'add' || i.ty !== 'ptr') return false;
    const c = this.constOf(i.b);
    if (c === undefined || !fitsImm12(Number(BigInt.asIntN(32, c))) || this.constOf(i.a) !== undefined) return false;
    this.lazy.set(i.dst, i);
    return true;
  }

  // ------------------------------------------------------------- blocks

  /** A new block; it is placed in the layout when selection starts filling it. */
  newBlock(depth: number): MBlock {
    const b: MBlock = { id: this.nextBlock++, insts: [], succs: [], loopDepth: depth };
    this.blocks.set(b.id, b);
    return b;
  }

  /** Makes `b` current; a block is laid out after the blocks its IR block started before it. */
  startBlock(b: MBlock): void {
    if (!this.placed.has(b.id)) {
      this.placed.add(b.id);
      this.layout.get(this.owner)!.push(b);
    }
    this.cur = b;
    this.cache = new Map();
  }

  /** Registers of a block's parameters (the same in every predecessor). */
  paramRegs(block: number): Reg[] {
    let r = this.params.get(block);
    if (!r) {
      r = this.fn.blocks[block]!.params.flatMap((p) => (this.ty(p) === 'i64' ? [this.vreg(), this.vreg()] : [this.vreg()]));
      this.params.set(block, r);
    }
    return r;
  }

  /** Moves `srcs` into `dsts` as if all at once (dsts distinct). */
  parallelMoves(dsts: Reg[], srcs: Reg[]): void {
    const pending: [Reg, Reg][] = [];
    dsts.forEach((d, k) => { if (d !== srcs[k]) pending.push([d, srcs[k]!]); });
    while (pending.length) {
      const k = pending.findIndex(([d]) => !pending.some(([, s]) => s === d));
      if (k >= 0) {
        const [d, s] = pending.splice(k, 1)[0]!;
        this.move(d, s);
        continue;
      }
      // Every destination is still to be read: a cycle. Save one, redirect its readers.
      const d = pending[0]![0];
      const t = this.copyOf(d);
      for (const p of pending) if (p[1] === d) p[1] = t;
    }
  }

  /** Where control goes for a successor: the block itself, or an edge block with the argument moves. */
  edgeTarget(to: BlockCall, edges: (() => void)[]): number {
    if (to.args.length === 0) return to.block;
    const srcs = to.args.flatMap((a) => this.regs(a));
    const edge = this.newBlock(this.cur.loopDepth);
    edges.push(() => {
      this.startBlock(edge);
      this.parallelMoves(this.paramRegs(to.block), srcs);
      this.jump(to.block);
    });
    return edge.id;
  }

  jump(to: number): void {
    this.emit([], [], { k: 'jump', to });
    this.cur.succs.push(to);
  }

  /** `mn a, b` → then, else fall to `els`; ends the current block. */
  branch(mn: BranchMn, a: Reg, b: Reg, then: number, els: number): void {
    this.emit([], [a, b], { k: 'br', mn, then, else: els });
    this.cur.succs.push(then, els);
  }

  /** A chain of branches: each test goes to its target or on to the next; the last falls to `els`. */
  branchChain(tests: { mn: BranchMn; a: Reg; b: Reg; to: number }[], els: number): void {
    tests.forEach((t, k) => {
      if (k === tests.length - 1) return this.branch(t.mn, t.a, t.b, t.to, els);
      const next = this.newBlock(this.cur.loopDepth);
      this.branch(t.mn, t.a, t.b, t.to, next.id);
      this.startBlock(next);
    });
  }

  // ------------------------------------------------------------- driver

  run(): Selected {
    const fn = this.fn;
    for (const b of fn.blocks) {
      for (const i of b.insts) for (const u of instUses(i)) this.useCount[u]!++;
      for (const u of termUses(b.term)) this.useCount[u]!++;
    }
    const { rpo } = dominators(fn);
    const reachable = new Set(rpo);
    for (const b of fn.blocks) {
      if (reachable.has(b.id)) this.blocks.set(b.id, { id: b.id, insts: [], succs: [], loopDepth: this.depth[b.id]! });
    }
    // Lazy definitions are known up front (a use may come before the definition in block order).
    for (const b of fn.blocks) for (const i of b.insts) if (reachable.has(b.id) && this.isLazy(i)) this.lazy.set((i as { dst: Value }).dst, i);
    // Selected in reverse postorder, so definitions come before uses; laid out in IR order.
    for (const id of rpo) {
      const b = fn.blocks[id]!;
      this.owner = id;
      this.layout.set(id, []);
      this.startBlock(this.blocks.get(id)!);
      this.loc = b.locs?.find((l) => l) ?? fn.loc;
      if (id === 0) {
        selectEntry(this);
        this.hoistLoopConstants();
      }
      this.endsInNoReturn = false;
      this.selectBlock(b);
    }
    // Blocks that end in `unreachable` (panics) go last: out of the hot path's
    // fall-through chain, and out of the middle of loops' live ranges.
    const cold = (b: Block) => b.id !== 0 && b.term.op === 'unreachable';
    const order = [...fn.blocks.filter((b) => !cold(b)), ...fn.blocks.filter(cold)];
    this.mf.blocks = order.flatMap((b) => this.layout.get(b.id) ?? []);
    return {
      mf: this.mf, slotOffs: this.slotOffs, slotBytes: this.slotBytes, outBytes: this.outBytes,
      calls: this.calls, fixedRegs: this.fixedRegs, naked: fn.naked,
    };
  }

  private selectBlock(b: Block): void {
    const params = b.params;
    if (params.length) {
      const regs = this.paramRegs(b.id);
      let k = 0;
      for (const p of params) this.define(p, this.ty(p) === 'i64' ? [regs[k++]!, regs[k++]!] : [regs[k++]!]);
    }
    const term = b.term;
    b.insts.forEach((inst, k) => {
      this.loc = b.locs?.[k] ?? this.loc;
      if (inst.op === 'cmp' && term.op === 'branch' && term.cond === inst.dst && this.useCount[inst.dst] === 1 && fold(this, inst) === undefined) {
        this.fused.add(inst.dst);
        return;
      }
      this.endsInNoReturn = false;
      this.selectInst(inst);
    });
    this.selectTerm(b, term);
  }

  private selectInst(i: Inst): void {
    if (this.lazy.has((i as { dst?: Value }).dst ?? -1)) return;
    switch (i.op) {
      case 'binary': case 'unary': case 'cmp': case 'conv': case 'select':
        if (this.lazyPtrAdd(i)) return;
        return selectAlu(this, i);
      case 'load': case 'store': case 'copy': case 'zero':
        return selectMem(this, i);
      case 'call': case 'callIndirect':
        return selectCall(this, i);
      case 'asm':
        return selectAsm(this, i);
      default:
        throw new Error(`internal: unexpected ${i.op}`);
    }
  }

  private selectTerm(b: Block, t: Terminator): void {
    const edges: (() => void)[] = [];
    switch (t.op) {
      case 'jump': {
        if (t.to.args.length) this.parallelMoves(this.paramRegs(t.to.block), t.to.args.flatMap((a) => this.regs(a)));
        this.jump(t.to.block);
        break;
      }
      case 'branch': {
        const c = this.constOf(t.cond);
        if (c !== undefined) return this.selectTerm(b, { op: 'jump', to: BigInt.asUintN(8, c) !== 0n ? t.then : t.else });
        const then = this.edgeTarget(t.then, edges);
        const els = this.edgeTarget(t.else, edges);
        const def = this.fused.has(t.cond) ? b.insts.find((i) => i.op === 'cmp' && i.dst === t.cond) : undefined;
        if (def && def.op === 'cmp') condBranch(this, def, then, els);
        else this.branch('bne', this.regExt(t.cond, 'z'), ZERO, then, els);
        break;
      }
      case 'switch': {
        const c = this.constOf(t.value);
        if (c !== undefined) {
          const bits = t.ty === 'i64' ? 64 : t.ty === 'i16' ? 16 : t.ty === 'i8' ? 8 : 32;
          const hit = t.cases.find((k) => BigInt.asUintN(bits, k.value) === BigInt.asUintN(bits, c));
          return this.selectTerm(b, { op: 'jump', to: hit?.to ?? t.default });
        }
        const targets = t.cases.map((c) => this.edgeTarget(c.to, edges));
        const dflt = this.edgeTarget(t.default, edges);
        this.selectSwitch(t.value, t.ty, t.cases.map((c, k) => ({ value: c.value, to: targets[k]! })), dflt);
        break;
      }
      case 'ret':
        selectRet(this, t.values);
        break;
      case 'unreachable':
        if (!this.endsInNoReturn && !this.fn.naked) this.emit([], [], { k: 'trap' });
        break;
    }
    for (const e of edges) e();
  }

  /** A chain of equality tests (i64: both words). */
  private selectSwitch(v: Value, ty: Ty, cases: { value: bigint; to: number }[], dflt: number): void {
    if (cases.length === 0) return this.jump(dflt);
    if (ty === 'i64') {
      const [lo, hi] = this.pair(v);
      const consts = cases.map((c) => [this.li(Number(BigInt.asIntN(32, c.value))), this.li(Number(BigInt.asIntN(32, c.value >> 32n)))] as const);
      cases.forEach((c, k) => {
        const next = k === cases.length - 1 ? undefined : this.newBlock(this.cur.loopDepth);
        const miss = next?.id ?? dflt;
        this.branchChain([
          { mn: 'bne', a: hi, b: consts[k]![1], to: miss },
          { mn: 'beq', a: lo, b: consts[k]![0], to: c.to },
        ], miss);
        if (next) this.startBlock(next);
      });
      return;
    }
    const r = this.regExt(v, 'z');
    const consts = cases.map((c) => this.li(unsignedConst(ty, c.value)));
    this.branchChain(cases.map((c, k) => ({ mn: 'beq' as const, a: r, b: consts[k]!, to: c.to })), dflt);
  }
}

function instUses(i: Inst): Value[] {
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

function termUses(t: Terminator): Value[] {
  const u: Value[] = successors(t).flatMap((c) => c.args);
  if (t.op === 'branch') u.push(t.cond);
  if (t.op === 'switch') u.push(t.value);
  if (t.op === 'ret') u.push(...t.values);
  return u;
}

/** Loop nesting depth of every block (natural loops of back edges to dominators). */
function loopDepths(f: Function): number[] {
  const n = f.blocks.length;
  const depth = new Array<number>(n).fill(0);
  const { idom, rpo } = dominators(f);
  const dominates = (a: number, b: number): boolean => {
    for (let x = b; ; x = idom[x]!) {
      if (x === a) return true;
      if (x === 0 || idom[x] === -1 || idom[x] === x) return x === a;
    }
  };
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (const b of rpo) for (const s of successors(f.blocks[b]!.term)) if (s.block < n) preds[s.block]!.push(b);
  for (const t of rpo) {
    for (const s of successors(f.blocks[t]!.term)) {
      const h = s.block;
      if (!dominates(h, t)) continue;
      // Natural loop of the back edge t → h.
      const body = new Set<number>([h]);
      const work = [t];
      while (work.length) {
        const x = work.pop()!;
        if (body.has(x)) continue;
        body.add(x);
        work.push(...preds[x]!);
      }
      for (const x of body) depth[x]!++;
    }
  }
  return depth;
}

