// Emission: an allocated MachFunction → assembler statements → bytes.
//
// The emitter turns payloads into the assembler's `Stmt`s (no text is printed
// or parsed; `--emit asm` prints the same statements), adds the prologue and
// epilogues, resolves sp-relative offsets once the frame is known, fixes
// two-address forms on ARMv6-M, drops jumps to the next block and places
// literal pools. The assembler (assemble.ts) then lays out, relaxes branches
// and produces bytes, symbols and relocations.
//
// ARMv6-M branches have short reach (b<c> ±256 bytes, b ±2 KiB) and the
// assembler cannot widen them, so emission is a loop: when the assembler
// reports a branch out of range, that branch is re-emitted in a longer form
// (b<!c> over a `b`; then `bl`, which needs lr saved) and the function is
// assembled again. Statement `line` numbers index the emitted statements, so
// errors and the listing map back to MachInsts and source locations.
import type { Function, SourceLoc } from '../../ir/ir.ts';
import { BackendError } from '../../driver/backend.ts';
import { assembleStatements, type AsmResult } from './assemble.ts';
import { parseAsm, type Stmt } from './asm.ts';
import { splitMnemonic, type Inst, type Mnemonic } from './encode.ts';
import type { Expr } from './expr.ts';
import type { Operand } from './operands.ts';
import { hasFeature, type Profile } from './profile.ts';
import { regName } from './regs.ts';
import { IP, LR, SP } from './abi.ts';
import { areaOffset, epilogue, layoutFrame, prologue, type Frame, type FrameInst } from './frame.ts';
import { INVERT, type Area, type Cond, type Payload, type RR, type TInst, type TOp } from './minst.ts';
import type { ThumbInst, ThumbMach } from './isel.ts';

/** A user error found while generating code (inline assembly): reported at `loc`. */
export class CodegenError extends BackendError {}

const mnCache = new Map<string, Mnemonic>();
function mkInst(mn: string, ops: Operand[]): Inst {
  let m = mnCache.get(mn);
  if (!m) {
    const sm = splitMnemonic(mn);
    if (!sm) throw new Error(`internal: unknown mnemonic ${mn}`);
    m = sm;
    mnCache.set(mn, m);
  }
  return { mn: m.mn, s: m.s, cond: m.cond, width: m.width, ops, text: mn };
}

const num = (v: number): Expr => ({ k: 'num', v });
const symExpr = (name: string, add = 0): Expr => (add === 0 ? { k: 'sym', name } : { k: 'bin', op: '+', a: { k: 'sym', name }, b: { k: 'num', v: add } });
const REG = (reg: number): Operand => ({ kind: 'reg', reg });
const IMM = (v: number): Operand => ({ kind: 'imm', expr: num(v) });
const LAB = (name: string): Operand => ({ kind: 'expr', expr: { k: 'sym', name } });
const MEM = (base: number, off: number): Operand => ({ kind: 'mem', base, off: off === 0 ? undefined : { kind: 'imm', expr: num(off) }, mode: 'offset' });
const LIT = (v: number, sym?: string): Operand => ({ kind: 'lit', expr: sym ? symExpr(sym, v) : num(v >>> 0) });
const LIST = (regs: number[]): Operand => ({ kind: 'list', mask: regs.reduce((m, x) => m | (1 << x), 0) });

/** A statement without its line and text (the emitter numbers statements itself). */
type DistOmit<T> = T extends unknown ? Omit<T, 'line' | 'text'> : never;
type StmtBody = DistOmit<Stmt>;

/** Marker labels around literal pools (not `.L`, so the assembler reports their
 *  offsets; addAsmObject turns them into `$d`/`$t` mapping markers). */
export const POOL_DATA = '$d.pool.';
export const POOL_CODE = '$t.pool.';

export interface EmittedFunction {
  stmts: Stmt[];
  /** Source location of each statement (by `line`). */
  locs: (SourceLoc | undefined)[];
  /** Inline assembly text per statement line where it starts (for `--emit asm`). */
  asmText: Map<number, string>;
  result: AsmResult;
  frame: Frame;
  /** Statements that came from inline assembly (printed from `asmText` instead). */
  userAsm: ReadonlySet<number>;
  userAsmLabels: ReadonlySet<number>;
}

export interface EmitInput {
  f: Function;
  mf: ThumbMach;
  prof: Profile;
  /** Unique prefix for local labels (functions share one `--emit asm` file). */
  tag: string;
  usedCalleeSaved: number[];
  hasCalls: boolean;
  outBytes: number;
  slotBytes: number;
  section: string;
}

export function emitFunction(inp: EmitInput): EmittedFunction {
  const reach = new Map<string, number>();
  let pool = hasFeature(inp.prof, 't2') ? { flush: 2000, force: 3500 } : { flush: 500, force: 800 };
  let forceLr = false;
  for (let attempt = 0; ; attempt++) {
    const needsLr = inp.hasCalls || forceLr;
    const frame = layoutFrame({ usedCalleeSaved: inp.usedCalleeSaved, needsLr, outBytes: inp.outBytes, slotBytes: inp.slotBytes, spillSlots: inp.mf.spillSlots }, inp.prof);
    const fe = new FnEmitter(inp, frame, reach, pool);
    fe.run();
    if (fe.usesBl && !frame.savesLr) { forceLr = true; continue; }
    const result = assembleStatements(fe.stmts, { profile: inp.prof });
    if (result.errors.length === 0) return { stmts: fe.stmts, locs: fe.locs, asmText: fe.asmText, result, frame, userAsm: fe.userAsm, userAsmLabels: fe.userAsmLabels };
    let widened = false;
    let poolErr = false;
    for (const e of result.errors) {
      const key = fe.origin[e.line];
      if (key !== undefined && /out of range|does not fit/.test(e.message)) {
        reach.set(key, (reach.get(key) ?? 0) + 1);
        widened = true;
      } else if (/literal|pool|out of range/.test(e.message) && fe.isLiteralLoad(e.line)) poolErr = true;
    }
    if (poolErr) { pool = { flush: pool.flush / 2, force: pool.force / 2 }; widened = true; }
    if (!widened || attempt > 20) {
      const e = result.errors[0]!;
      const loc = fe.locs[e.line];
      if (fe.userAsm.has(e.line)) throw new CodegenError(`inline assembly: ${e.message}`, loc);
      throw new CodegenError(`internal error: cannot assemble code for \`${inp.f.name}\`: ${e.message}`, loc);
    }
  }
}

class FnEmitter {
  readonly stmts: Stmt[] = [];
  readonly locs: (SourceLoc | undefined)[] = [];
  /** Statement line → the branch MachInst it came from (for widening). */
  readonly origin: (string | undefined)[] = [];
  readonly asmText = new Map<number, string>();
  readonly userAsm = new Set<number>();
  readonly userAsmLabels = new Set<number>();
  private readonly literalLines = new Set<number>();
  /** A far branch became `bl`: lr must be saved. */
  usesBl = false;
  private loc: SourceLoc | undefined;
  private readonly v6: boolean;
  private readonly lt: string;
  private sinceLit = -1;
  private pools = 0;
  private asmCount = 0;
  private tables = 0;
  private inst!: ThumbInst;

  constructor(private readonly inp: EmitInput, private readonly frame: Frame, private readonly reach: Map<string, number>, private readonly pool: { flush: number; force: number }) {
    this.v6 = !hasFeature(inp.prof, 't2');
    this.lt = `.L${inp.tag}.`;
  }

  isLiteralLoad(line: number): boolean {
    return this.literalLines.has(line);
  }

  private add(st: StmtBody): number {
    const line = this.stmts.length;
    this.stmts.push({ text: '', ...st, line } as Stmt);
    this.locs.push(this.loc);
    return line;
  }

  private ins(mn: string, ...ops: Operand[]): number {
    const line = this.add({ k: 'inst', inst: mkInst(mn, ops) });
    let size = this.v6 ? 2 : 4;
    if (mn === 'bl') size = 4;
    if (this.sinceLit >= 0) this.sinceLit += size;
    if (ops.some((o) => o.kind === 'lit')) {
      this.literalLines.add(line);
      if (this.sinceLit < 0) this.sinceLit = 0;
    }
    return line;
  }

  private labelStmt(name: string): void {
    this.add({ k: 'label', name });
  }

  private blockLabel(id: number): string {
    return `${this.lt}b${id}`;
  }

  run(): void {
    const { f, mf, section } = this.inp;
    this.loc = f.loc;
    this.add({ k: 'section', name: section, flags: 'ax' });
    this.add({ k: 'align', bytes: 2 });
    this.add({ k: 'global', names: [f.name], weak: false });
    this.add({ k: 'type', name: f.name, func: true });
    this.add({ k: 'thumbFunc' });
    this.labelStmt(f.name);
    for (const fi of prologue(this.frame, this.inp.prof)) this.frameInst(fi);
    const blocks = mf.blocks;
    const position = new Map<number, number>();
    blocks.forEach((b, bi) => position.set(b.id, bi));
    blocks.forEach((b, bi) => {
      const next = blocks[bi + 1]?.id;
      if (bi > 0) this.labelStmt(this.blockLabel(b.id));
      for (let k = 0; k < b.insts.length; k++) {
        const inst = b.insts[k]!;
        this.inst = inst;
        if (inst.payload.loc) this.loc = inst.payload.loc;
        const p = inst.payload;
        if (p.k === 'bcc') {
          const nx = b.insts[k + 1];
          if (nx && nx.payload.k === 'jump' && p.block === next) {
            // Branch over the fall-through block: invert and keep only one branch.
            this.branch(INVERT[p.cond], nx.payload.block, `${bi}:${k}`);
            k++;
            continue;
          }
          this.branch(p.cond, p.block, `${bi}:${k}`);
          continue;
        }
        if (p.k === 'jump') {
          if (p.block !== next) { this.branch(null, p.block, `${bi}:${k}`); this.barrier(); }
          continue;
        }
        if (p.k === 'table') { this.jumpTable(p.blocks, inst.uses[0]!, `${bi}:${k}`, position, bi); continue; }
        this.payload(p, inst);
        if (p.k === 'ret' || p.k === 'trap') this.barrier();
        else this.maybeIsland();
      }
    });
    this.flushPool();
  }

  // ---------------------------------------------------------------- pools

  /** After an unconditional transfer: a good place for a literal pool. */
  private barrier(): void {
    if (this.sinceLit >= this.pool.flush) this.flushPool();
  }

  /** Too far from the first pending literal: jump over a pool placed here. */
  private maybeIsland(): void {
    if (this.sinceLit < this.pool.force) return;
    const over = `${this.lt}pool${this.pools}`;
    this.ins('b', LAB(over));
    this.flushPool();
    this.labelStmt(over);
  }

  private flushPool(): void {
    if (this.sinceLit < 0) return;
    const n = this.pools++;
    this.labelStmt(`${POOL_DATA}${n}`);
    this.add({ k: 'ltorg' });
    this.labelStmt(`${POOL_CODE}${n}`);
    this.sinceLit = -1;
  }

  // ---------------------------------------------------------------- registers and operands

  private reg(x: RR): number {
    if (x === undefined) throw new Error(`internal: missing register operand in ${JSON.stringify(this.inst)}`);
    if ('p' in x) return x.p;
    if ('d' in x) return this.inst.defs[x.d]!;
    return this.inst.uses[x.u]!;
  }

  private spOff(area: Area, off: number): number {
    return areaOffset(this.frame, area, off);
  }

  private operand(o: TOp): Operand {
    switch (o.k) {
      case 'r': {
        const reg = this.reg(o.r);
        return o.sh ? { kind: 'reg', reg, shift: { type: o.sh, amount: num(o.amt ?? 0) } } : REG(reg);
      }
      case 'i': return IMM(o.v);
      case 'm':
        if (o.idx) return { kind: 'mem', base: this.reg(o.base), off: { kind: 'reg', reg: this.reg(o.idx), shift: o.lsl ? { type: 'lsl', amount: num(o.lsl) } : undefined }, mode: 'offset' };
        return MEM(this.reg(o.base), o.off);
      case 'sp': return MEM(SP, this.spOff(o.area, o.off));
      case 'l': return LAB(`${this.lt}${o.name}`);
      case 'b': return LAB(this.blockLabel(o.block));
      case 's': return LAB(o.name);
      case 'lit': return LIT(o.v, o.sym);
      case 'h': return { kind: 'imm', expr: symExpr(o.sym, o.v), half: o.half };
      case 'list': return LIST(o.regs.map((x) => this.reg(x)));
    }
  }

  private tinst(ti: TInst): void {
    if (ti.mn === ':') { this.labelStmt(`${this.lt}${(ti.ops[0] as { name: string }).name}`); return; }
    this.ins(ti.mn, ...ti.ops.map((o) => this.operand(o)));
  }

  // ---------------------------------------------------------------- payloads

  private payload(p: Payload, inst: ThumbInst): void {
    switch (p.k) {
      case 'ops':
        if (p.tie && p.insts.length > 0) {
          this.tied(p.insts[0]!, p.tie);
          for (let k = 1; k < p.insts.length; k++) this.tinst(p.insts[k]!);
        } else for (const ti of p.insts) this.tinst(ti);
        return;
      case 'move':
        this.ins('mov', REG(inst.defs[0]!), REG(inst.uses[0]!));
        return;
      case 'ldsp': return this.spAccess('ldr', inst.defs[0]!, this.spOff(p.area, p.off));
      case 'stsp': return this.spAccess('str', inst.uses[0]!, this.spOff(p.area, p.off));
      case 'spaddr': return this.spAddr(inst.defs[0]!, this.spOff(p.area, p.off));
      case 'entry': return;
      case 'ret':
        for (const fi of epilogue(this.frame, this.inp.prof)) this.frameInst(fi);
        return;
      case 'call': this.ins('bl', LAB(p.sym)); return;
      case 'calli': this.ins('blx', REG(inst.uses[0]!)); return;
      case 'trap': this.ins('udf', IMM(0)); return;
      case 'asm': return this.inlineAsm(p.text, p.regs);
      case 'jump': case 'bcc': case 'table': return; // handled by run()
    }
  }

  /**
   * `tbb [pc, idx]` (or `tbh [pc, idx, lsl #1]` once a byte entry overflowed)
   * and the table of halved forward offsets. A target placed before the table
   * (backward) goes through a stub `b target` after it.
   */
  private jumpTable(blocks: readonly number[], idx: number, key: string, position: Map<number, number>, here: number): void {
    const wide = (this.reach.get(key) ?? 0) > 0;
    const n = this.tables++;
    const tbl = `${this.lt}tbl${n}`;
    const stubs = new Map<number, string>();
    const labelOf = (b: number): string => {
      if ((position.get(b) ?? 0) > here) return this.blockLabel(b);
      let st = stubs.get(b);
      if (!st) { st = `${tbl}.s${stubs.size}`; stubs.set(b, st); }
      return st;
    };
    const entries = blocks.map(labelOf);
    const PCREG = 15;
    this.ins(wide ? 'tbh' : 'tbb', { kind: 'mem', base: PCREG, off: { kind: 'reg', reg: idx, shift: wide ? { type: 'lsl', amount: num(1) } : undefined }, mode: 'offset' });
    this.labelStmt(`$d.tbl.${n}`);
    this.labelStmt(tbl);
    for (const e of entries) {
      const line = this.add({ k: 'data', size: wide ? 2 : 1, exprs: [{ k: 'bin', op: '/', a: { k: 'bin', op: '-', a: { k: 'sym', name: e }, b: { k: 'sym', name: tbl } }, b: num(2) }] });
      this.origin[line] = key;
    }
    if (!wide && entries.length % 2 === 1) this.add({ k: 'bytes', bytes: new Uint8Array(1) });
    this.labelStmt(`$t.tbl.${n}`);
    for (const [b, st] of stubs) {
      this.labelStmt(st);
      const line = this.ins('b', LAB(this.blockLabel(b)));
      this.origin[line] = `${key}:stub`;
    }
    if (this.sinceLit >= 0) this.sinceLit += entries.length * (wide ? 2 : 1) + stubs.size * 4;
  }

  /** A conditional (cond set) or unconditional branch to a block, widened as needed. */
  private branch(cond: Cond | null, block: number, key: string): void {
    const lvl = this.reach.get(key) ?? 0;
    const target = LAB(this.blockLabel(block));
    if (!this.v6 || lvl === 0) {
      const line = this.ins(cond ? `b${cond}` : 'b', target);
      this.origin[line] = key;
      return;
    }
    // ARMv6-M long forms: skip over an unconditional branch (b, then bl).
    if (cond) {
      const skip = `${this.lt}far${this.stmts.length}`;
      this.ins(`b${INVERT[cond]}`, LAB(skip));
      const line = this.ins(lvl >= 2 ? 'bl' : 'b', target);
      if (lvl >= 2) this.usesBl = true;
      this.origin[line] = key;
      this.labelStmt(skip);
      return;
    }
    const line = this.ins('bl', target);
    this.usesBl = true;
    this.origin[line] = key;
  }

  /**
   * Two-address forms (ARMv6-M): `op d, a, b` must be `op d, b` with d = a.
   * Moves do not touch the flags, so a carry chain survives the fix-ups.
   */
  private tied(ti: TInst, tie: 'comm' | 'nc' | 'mul'): void {
    const d = this.reg((ti.ops[0] as { r: RR }).r);
    const a = this.reg((ti.ops[1] as { r: RR }).r);
    const third = ti.ops[2]!;
    if (!this.v6) {
      if (tie === 'mul') {
        const b = this.reg((third as { r: RR }).r);
        if (d <= 7 && a <= 7 && b <= 7 && (d === a || d === b)) { this.ins('muls', REG(d), REG(d === a ? b : a), REG(d)); return; }
        this.ins('mul', REG(d), REG(a), REG(b));
        return;
      }
      this.tinst(ti);
      return;
    }
    if (third.k === 'i') {
      if (d !== a) this.ins('mov', REG(d), REG(a));
      this.ins(ti.mn, REG(d), IMM(third.v));
      return;
    }
    const b = this.reg((third as { r: RR }).r);
    if (tie === 'mul') {
      if (d === a) this.ins('muls', REG(d), REG(b), REG(d));
      else if (d === b) this.ins('muls', REG(d), REG(a), REG(d));
      else { this.ins('mov', REG(d), REG(a)); this.ins('muls', REG(d), REG(b), REG(d)); }
      return;
    }
    if (d === a) { this.ins(ti.mn, REG(d), REG(b)); return; }
    if (d !== b) { this.ins('mov', REG(d), REG(a)); this.ins(ti.mn, REG(d), REG(b)); return; }
    // d = b ≠ a.
    if (tie === 'comm') { this.ins(ti.mn, REG(d), REG(a)); return; }
    if (ti.mn === 'sbcs') { this.ins('mvns', REG(d), REG(d)); this.ins('adcs', REG(d), REG(a)); return; }
    if (ti.mn === 'bics') { this.ins('mvns', REG(d), REG(d)); this.ins('ands', REG(d), REG(a)); return; }
    // A shift by b into b: park b in a spare low register saved in ip.
    const x = [0, 1, 2, 3, 4, 5, 6, 7].find((q) => q !== d && q !== a)!;
    this.ins('mov', REG(IP), REG(x));
    this.ins('mov', REG(x), REG(d));
    this.ins('mov', REG(d), REG(a));
    this.ins(ti.mn, REG(d), REG(x));
    this.ins('mov', REG(x), REG(IP));
  }

  /** `ldr/str r, [sp, #off]` for any offset (spill slots, incoming arguments). */
  private spAccess(mn: 'ldr' | 'str', r: number, off: number): void {
    if (off <= (this.v6 ? 1020 : 4095)) { this.ins(mn, REG(r), MEM(SP, off)); return; }
    if (!this.v6) {
      this.bigConst(IP, off);
      this.ins(mn, REG(r), { kind: 'mem', base: SP, off: { kind: 'reg', reg: IP }, mode: 'offset' });
      return;
    }
    if (mn === 'ldr') {
      this.ins('ldr', REG(r), LIT(off));
      this.ins('add', REG(r), REG(SP), REG(r));
      this.ins('ldr', REG(r), MEM(r, 0));
      return;
    }
    const x = r === 0 ? 1 : 0;
    this.ins('mov', REG(IP), REG(x));
    this.ins('ldr', REG(x), LIT(off));
    this.ins('add', REG(x), REG(SP), REG(x));
    this.ins('str', REG(r), MEM(x, 0));
    this.ins('mov', REG(x), REG(IP));
  }

  /** d = sp + off. */
  private spAddr(d: number, off: number): void {
    if (this.v6 ? off <= 1020 && off % 4 === 0 : off <= 4095) { this.ins('add', REG(d), REG(SP), IMM(off)); return; }
    if (this.v6) this.ins('ldr', REG(d), LIT(off));
    else this.bigConst(d, off);
    this.ins('add', REG(d), REG(SP), REG(d));
  }

  /** Thumb-2: r = v without touching the flags. */
  private bigConst(r: number, v: number): void {
    this.ins('movw', REG(r), IMM(v & 0xffff));
    if (v >>> 16) this.ins('movt', REG(r), IMM(v >>> 16));
  }

  private frameInst(fi: FrameInst): void {
    switch (fi.mn) {
      case 'push': this.ins('push', LIST(fi.regs)); return;
      case 'pop': this.ins('pop', LIST(fi.regs)); return;
      case 'bx': this.ins('bx', REG(fi.reg)); return;
      case 'sub': case 'add': this.ins(fi.mn, REG(SP), REG(SP), IMM(fi.imm)); return;
      case 'bigadjust':
        if (this.v6) {
          this.ins('ldr', REG(fi.scratch), LIT(fi.value));
          this.ins('add', REG(SP), REG(fi.scratch));
        } else {
          this.bigConst(IP, Math.abs(fi.value));
          this.ins(fi.value < 0 ? 'sub' : 'add', REG(SP), REG(SP), REG(IP));
        }
    }
  }

  /** Inline assembly: placeholders become register names; numeric labels are renamed per block. */
  private inlineAsm(text: string, regs: readonly RR[]): void {
    const src = text.replace(/\{(\d+)\}/g, (_, n: string) => {
      const x = regs[Number(n)];
      if (!x) throw new CodegenError(`inline assembly: no operand {${n}}`, this.loc);
      return regName(this.reg(x));
    }).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    const parsed = parseAsm(src);
    if (parsed.errors.length > 0) throw new CodegenError(`inline assembly: ${parsed.errors[0]!.message}`, this.loc);
    const tag = `\u0004${this.asmCount++}`;
    const ren = (n: string) => (n.includes('\u0002') ? n + tag : n);
    const first = this.stmts.length;
    for (const st of parsed.stmts) {
      if (st.k === 'label') { this.userAsmLabels.add(this.stmts.length); this.labelStmt(ren(st.name)); continue; }
      if (st.k !== 'inst') throw new CodegenError('inline assembly: directives are not allowed in `asm!`', this.loc);
      const ops = st.inst.ops.map((o) => renameOperand(o, ren));
      const line = this.add({ k: 'inst', inst: { ...st.inst, ops } });
      this.userAsm.add(line);
      if (this.sinceLit >= 0) this.sinceLit += 4;
    }
    this.asmText.set(first, src);
  }
}

function renameExpr(e: Expr, ren: (n: string) => string): Expr {
  switch (e.k) {
    case 'sym': return { k: 'sym', name: ren(e.name) };
    case 'un': return { ...e, e: renameExpr(e.e, ren) };
    case 'bin': return { ...e, a: renameExpr(e.a, ren), b: renameExpr(e.b, ren) };
    default: return e;
  }
}

function renameOperand(o: Operand, ren: (n: string) => string): Operand {
  switch (o.kind) {
    case 'imm': case 'expr': case 'lit': return { ...o, expr: renameExpr(o.expr, ren) };
    default: return o;
  }
}

export { LR };
