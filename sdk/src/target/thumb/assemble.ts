// The assembler: statements in, section bytes + symbols + relocations out.
//
// Phases (one function each):
//   build    statements -> per-section item lists; `ldr Rt, =x` becomes a MOV
//            or a PC-relative load from the section's next literal pool.
//   layout   per section, iterate to a fixed point: the first pass assumes every
//            label is in range (narrowest encodings); later passes re-encode the
//            label-dependent instructions at their current addresses and only
//            ever widen them (B -> B.W, LDR -> LDR.W, ADR -> ADR.W), so the
//            loop terminates, and ends when a full pass changes nothing.
//   emit     encode every item at its final address, write bytes, and record
//            relocations for symbols that are global or not defined here.
// Invariant: after layout, encoding an instruction at its address yields
// exactly the size layout gave it.
import { parseAsm, type Stmt } from './asm.ts';
import { encode, EncodeError, ItBlock, toBytes, type EncodeCx, type Inst, type ItPos } from './encode.ts';
import { evaluate, ExprError, type Expr, type SymbolTable, type SymDef, type Value } from './expr.ts';
import { modImm } from './imm.ts';
import { hasFeature, profile as profileByName, type Profile, type ProfileName } from './profile.ts';
import { CONDS, itMask, IT_MNEMONICS } from './table-ctl.ts';
import type { RelocType, Row } from './table.ts';
import type { Operand } from './operands.ts';

export interface AsmSymbol {
  readonly name: string;
  readonly offset: number;
  /** Set by `.thumb_func` or `.type name, %function`; the ELF value gets bit 0. */
  readonly thumbFunc: boolean;
  readonly global: boolean;
  readonly weak?: boolean;
}

export interface AsmReloc {
  readonly offset: number;
  readonly type: RelocType;
  /** A symbol name, or a section name when `sectionSymbol` is set. */
  readonly symbol: string;
  /** The REL addend A, which is also written into the bytes (as GNU as does). */
  readonly addend: number;
  /** The symbol is a section: a reference to a local label, A holds its offset. */
  readonly sectionSymbol?: boolean;
}

export interface AsmSection {
  readonly name: string;
  /** `.section` flags as written (`"ax"`), or the defaults for .text/.data/.bss. */
  readonly flags: string;
  readonly align: number;
  readonly bytes: Uint8Array;
  readonly symbols: AsmSymbol[];
  readonly relocs: AsmReloc[];
}

export interface AsmObject {
  readonly sections: AsmSection[];
  /** Symbols referenced but not defined here (resolved by the linker). */
  readonly undefinedSymbols: string[];
}

export interface AsmDiagnostic {
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

/** Where each instruction went (for tests and `--emit asm` listings). */
export interface ListingEntry {
  readonly line: number;
  readonly section: string;
  readonly offset: number;
  readonly size: number;
  /** The table row that encoded it. */
  readonly row: Row;
}

export interface AsmResult {
  readonly object: AsmObject;
  readonly errors: AsmDiagnostic[];
  readonly listing: ListingEntry[];
}

export interface AssembleOptions {
  readonly profile: Profile | ProfileName;
}

type At = { readonly line: number; readonly text: string };
type Item = At & (
  | { k: 'inst'; inst: Inst; size: number; dep: boolean; bad?: boolean }
  | { k: 'data'; size: 1 | 2 | 4; exprs: readonly Expr[] }
  | { k: 'bytes'; bytes: Uint8Array }
  | { k: 'align'; bytes: number; fill?: number }
  | { k: 'label'; name: string }
  | { k: 'pool'; entries: PoolEntry[] }
);

interface PoolEntry { readonly label: string; readonly expr: Expr; readonly key: string }

interface Section {
  readonly name: string;
  flags: string;
  readonly items: Item[];
  /** Literal-pool entries waiting for the next `.ltorg` (or the section end). */
  pending: PoolEntry[];
  poolAt?: At;
  align: number;
}

interface Def { section: string; offset: number }

export class AsmError extends Error {
  constructor(readonly diagnostics: readonly AsmDiagnostic[], file = '<asm>') {
    super(diagnostics.map((d) => `${file}:${d.line}: error: ${d.message}`).join('\n'));
    this.name = 'AsmError';
  }
}

/** Assembles and throws `AsmError` listing every diagnostic on failure. */
export function assembleOrThrow(src: string, opts: AssembleOptions): AsmObject {
  const r = assemble(src, opts);
  if (r.errors.length > 0) throw new AsmError(r.errors);
  return r.object;
}

export function assemble(src: string, opts: AssembleOptions): AsmResult {
  const parsed = parseAsm(src);
  return new Assembler(resolveProfile(opts), parsed.errors.slice()).run(parsed.stmts);
}

/**
 * Assembles statements the caller built itself (the compiler's emitter: no text
 * is printed or parsed, but labels, relaxation, literal pools and relocations
 * work exactly as for text). `line` and `text` only feed diagnostics.
 */
export function assembleStatements(stmts: readonly Stmt[], opts: AssembleOptions): AsmResult {
  return new Assembler(resolveProfile(opts), []).run(stmts);
}

const resolveProfile = (opts: AssembleOptions): Profile => (typeof opts.profile === 'string' ? profileByName(opts.profile) : opts.profile);

interface MutableCx extends EncodeCx {
  it: ItPos;
  addr: number;
  optimistic: boolean;
  minSize: number;
  at(addr: number, it: ItPos, optimistic: boolean, minSize: number): MutableCx;
}

const IT_SET = new Set(IT_MNEMONICS);

const isCode = (s: Section): boolean => s.name.startsWith('.text') || s.flags.includes('x');
const POOL_PREFIX = '\u0001pool';

class Assembler {
  private readonly sections = new Map<string, Section>();
  private readonly defs = new Map<string, Def>();
  private readonly consts = new Map<string, number>();
  private readonly globals = new Set<string>();
  private readonly weak = new Set<string>();
  private readonly thumbFuncs = new Set<string>();
  private readonly listing: ListingEntry[] = [];
  private poolCount = 0;

  constructor(private readonly profile: Profile, private readonly errors: AsmDiagnostic[]) {}

  run(stmts: readonly Stmt[]): AsmResult {
    this.build(stmts);
    for (const s of this.sections.values()) {
      // GNU as ends a code section aligned to 4 or more on a 4-byte boundary (NOP-filled).
      if (isCode(s) && s.align >= 4) s.items.push({ k: 'align', bytes: 4, line: 0, text: '' });
      this.layout(s);
    }
    const sections = [...this.sections.values()].filter((s) => s.items.length > 0 || s.name === '.text').map((s) => this.emit(s));
    const undef = new Set<string>();
    for (const s of sections) for (const r of s.relocs) if (!r.sectionSymbol && !this.defs.has(r.symbol)) undef.add(r.symbol);
    this.errors.sort((a, b) => a.line - b.line);
    return { object: { sections, undefinedSymbols: [...undef] }, errors: this.errors, listing: this.listing };
  }

  private error(at: At, message: string): void {
    this.errors.push({ line: at.line, text: at.text, message });
  }

  private section(name: string, flags?: string): Section {
    let s = this.sections.get(name);
    if (!s) {
      s = { name, flags: flags ?? (name.startsWith('.text') ? 'ax' : name.startsWith('.bss') ? 'aw' : name.startsWith('.data') ? 'aw' : 'a'), items: [], pending: [], align: name.startsWith('.text') ? 2 : 1 };
      this.sections.set(name, s);
    } else if (flags !== undefined) s.flags = flags;
    return s;
  }

  // ---------------------------------------------------------------- build

  private build(stmts: readonly Stmt[]): void {
    let cur = this.section('.text');
    let thumbFunc = false;
    for (const st of stmts) {
      try {
        switch (st.k) {
          case 'label':
            if (this.defs.has(st.name) || this.consts.has(st.name)) { this.error(st, `symbol '${st.name}' is already defined`); break; }
            this.defs.set(st.name, { section: cur.name, offset: 0 });
            if (thumbFunc) this.thumbFuncs.add(st.name);
            thumbFunc = false;
            cur.items.push({ k: 'label', name: st.name, line: st.line, text: st.text });
            break;
          case 'inst':
            cur.items.push(this.instItem(cur, st.inst, st));
            break;
          case 'section':
            cur = this.section(st.name, st.flags);
            break;
          case 'data':
            cur.items.push({ k: 'data', size: st.size, exprs: st.exprs, line: st.line, text: st.text });
            break;
          case 'bytes':
            cur.items.push({ k: 'bytes', bytes: st.bytes, line: st.line, text: st.text });
            break;
          case 'space': {
            const n = this.constant(st.size);
            if (n < 0) throw new ExprError('negative size');
            cur.items.push({ k: 'bytes', bytes: new Uint8Array(n).fill(st.fill), line: st.line, text: st.text });
            break;
          }
          case 'align':
            cur.align = Math.max(cur.align, st.bytes);
            cur.items.push({ k: 'align', bytes: st.bytes, fill: st.fill, line: st.line, text: st.text });
            break;
          case 'ltorg':
            this.flushPool(cur, st);
            break;
          case 'global':
            for (const n of st.names) (st.weak ? this.weak : this.globals).add(n);
            break;
          case 'thumbFunc':
            thumbFunc = true;
            break;
          case 'type':
            if (st.func) this.thumbFuncs.add(st.name);
            break;
          case 'equ':
            this.consts.set(st.name, this.constant(st.expr));
            break;
        }
      } catch (e) {
        if (!(e instanceof ExprError || e instanceof EncodeError)) throw e;
        this.error(st, e.message);
      }
    }
    for (const s of this.sections.values()) this.flushPool(s, s.poolAt ?? { line: 0, text: '' });
  }

  private constant(e: Expr): number {
    const v = evaluate(e, { lookup: (n) => (this.consts.has(n) ? { abs: this.consts.get(n)! } : undefined) });
    if (v.k !== 'abs') throw new ExprError('expected a constant expression');
    return v.v;
  }

  /** An instruction item; `ldr Rt, =x` is rewritten to MOV or a pool load here. */
  private instItem(sec: Section, inst: Inst, at: At): Item {
    const li = inst.ops.findIndex((o) => o.kind === 'lit');
    if (li >= 0) inst = this.literal(sec, inst, li, at);
    return { k: 'inst', inst, size: 0, dep: inst.ops.some(usesSymbols), line: at.line, text: at.text };
  }

  private literal(sec: Section, inst: Inst, li: number, at: At): Inst {
    const op = inst.ops[li] as Extract<Operand, { kind: 'lit' }>;
    if (inst.mn !== 'ldr' || li !== 1 || inst.ops.length !== 2) throw new EncodeError(inst.text, "'=' literals only work with ldr Rt, =value");
    const v = evaluate(op.expr, { lookup: (n) => (this.consts.has(n) ? { abs: this.consts.get(n)! } : undefined) });
    // GNU as loads a constant with MOV.W, MVN.W or MOVW when Thumb-2 can encode it.
    if (v.k === 'abs' && hasFeature(this.profile, 't2')) {
      const imm: Operand = { kind: 'imm', expr: { k: 'num', v: v.v } };
      if (modImm(v.v) !== undefined || modImm(~v.v) !== undefined) return { ...inst, mn: 'mov', s: false, width: 'w', ops: [inst.ops[0]!, imm] };
      if (v.v >= 0 && v.v <= 0xffff) return { ...inst, mn: 'movw', s: false, width: undefined, ops: [inst.ops[0]!, imm] };
    }
    const key = v.k === 'abs' ? `#${v.v >>> 0}` : `${v.name}+${v.addend}`;
    let entry = sec.pending.find((e) => e.key === key);
    if (!entry) {
      entry = { label: `${POOL_PREFIX}${this.poolCount++}`, expr: op.expr, key };
      sec.pending.push(entry);
      this.defs.set(entry.label, { section: sec.name, offset: 0 });
    }
    sec.poolAt ??= at;
    return { ...inst, ops: [inst.ops[0]!, { kind: 'expr', expr: { k: 'sym', name: entry.label } }] };
  }

  private flushPool(sec: Section, at: At): void {
    if (sec.pending.length === 0) return;
    sec.items.push({ k: 'pool', entries: sec.pending, line: at.line, text: at.text });
    sec.align = Math.max(sec.align, 4);
    sec.pending = [];
    sec.poolAt = undefined;
  }

  // ---------------------------------------------------------------- layout

  private lookupSym(name: string): SymDef | { abs: number } | undefined {
    const c = this.consts.get(name);
    if (c !== undefined) return { abs: c };
    const d = this.defs.get(name);
    return d ? this.symDef(name, d) : undefined;
  }

  private symbols(sec: Section, dot: number): SymbolTable {
    return { lookup: (name) => this.lookupSym(name), dot: { section: sec.name, offset: dot, global: false, thumbFunc: false } };
  }

  private symDef(name: string, d: Def): SymDef {
    return { section: d.section, offset: d.offset, global: this.globals.has(name) || this.weak.has(name), thumbFunc: this.thumbFuncs.has(name) };
  }

  /** Sizes every item, widening label-dependent instructions until nothing changes. */
  private layout(sec: Section): void {
    for (let pass = 0; pass < 1000; pass++) {
      const first = pass === 0;
      let changed = false;
      let offset = 0;
      const it = new ItBlock();
      const cx = this.newCx(sec);
      for (const item of sec.items) {
        switch (item.k) {
          case 'label': this.defs.get(item.name)!.offset = offset; break;
          case 'inst': {
            let pos: ItPos = 'none';
            try { pos = itPos(it, item); } catch { /* reported by emit */ }
            if (first || item.dep) {
              try {
                const e = encode(item.inst, cx.at(offset, pos, first, first ? 0 : item.size));
                if (e.size > item.size) { item.size = e.size; changed = true; }
                startIt(it, item.inst);
              } catch (err) {
                if (!(err instanceof EncodeError || err instanceof ExprError)) throw err;
                // Reported by emit; keep the widest size so later offsets are plausible.
                if (first) { item.size = 4; item.bad = true; }
              }
            } else startIt(it, item.inst);
            offset += item.size;
            break;
          }
          default: offset += this.fixedSize(item, offset);
        }
      }
      if (!first && !changed) return;
    }
    throw new Error('internal: branch relaxation did not converge');
  }

  /** One mutable encoding context per section pass (no allocation per instruction). */
  private newCx(sec: Section): MutableCx {
    const syms = { lookup: (name: string) => this.lookupSym(name), dot: { section: sec.name, offset: 0, global: false, thumbFunc: false } };
    const cx: MutableCx = {
      profile: this.profile, it: 'none', addr: 0, section: sec.name, optimistic: false, minSize: 0,
      eval: (e: Expr): Value => evaluate(e, syms),
      at(addr: number, it: ItPos, optimistic: boolean, minSize: number): MutableCx {
        cx.addr = addr; cx.it = it; cx.optimistic = optimistic; cx.minSize = minSize;
        syms.dot.offset = addr;
        return cx;
      },
    };
    return cx;
  }

  /** Size of a non-instruction item at `offset` (pool entries get their labels here). */
  private fixedSize(item: Item, offset: number): number {
    switch (item.k) {
      case 'data': return item.size * item.exprs.length;
      case 'bytes': return item.bytes.length;
      case 'align': return (item.bytes - (offset % item.bytes)) % item.bytes;
      case 'pool': {
        const pad = (4 - (offset % 4)) % 4;
        item.entries.forEach((e, i) => { this.defs.get(e.label)!.offset = offset + pad + 4 * i; });
        return pad + 4 * item.entries.length;
      }
      default: return 0;
    }
  }

  // ---------------------------------------------------------------- emit

  private emit(sec: Section): AsmSection {
    let size = 0;
    for (const item of sec.items) size += item.k === 'inst' ? item.size : item.k === 'label' ? 0 : this.fixedSize(item, size);
    const bytes = new Uint8Array(size);
    const relocs: AsmReloc[] = [];
    const it = new ItBlock();
    const cx = this.newCx(sec);
    let offset = 0;
    const put32 = (at: number, v: number): void => { bytes[at] = v & 0xff; bytes[at + 1] = (v >> 8) & 0xff; bytes[at + 2] = (v >> 16) & 0xff; bytes[at + 3] = (v >>> 24) & 0xff; };
    const absReloc = (at: number, v: Extract<Value, { k: 'sym' }>): void => {
      const viaSection = v.def !== undefined && !v.def.global && !v.def.thumbFunc;
      const addend = viaSection ? v.def!.offset + v.addend : v.addend;
      relocs.push({ offset: at, type: 'R_ARM_ABS32', symbol: viaSection ? v.def!.section : v.name, addend, ...(viaSection ? { sectionSymbol: true } : {}) });
      put32(at, addend);
    };
    for (const item of sec.items) {
      try {
        switch (item.k) {
          case 'label': break;
          case 'inst': {
            let pos: ItPos = 'none';
            try {
              pos = itPos(it, item);
              const e = encode(item.inst, cx.at(offset, pos, false, item.bad ? 0 : item.size));
              if (e.size !== item.size) throw new Error(`internal: '${item.text}' changed size after layout`);
              toBytes(e, bytes, offset);
              startIt(it, item.inst);
              this.listing.push({ line: item.line, section: sec.name, offset, size: e.size, row: e.row });
              if (e.reloc) {
                const viaSection = this.sections.has(e.reloc.symbol) && !this.defs.has(e.reloc.symbol);
                relocs.push({ offset, ...e.reloc, ...(viaSection ? { sectionSymbol: true } : {}) });
              }
            } catch (err) {
              if (!(err instanceof EncodeError || err instanceof ExprError)) throw err;
              this.error(item, err instanceof EncodeError ? err.message : `${err.message} -- '${item.text}'`);
            }
            offset += item.size;
            break;
          }
          case 'data': {
            for (const ex of item.exprs) {
              const v = evaluate(ex, this.symbols(sec, offset));
              if (v.k === 'abs') {
                const lim = 2 ** (8 * item.size);
                if (v.v < -(lim / 2) || v.v >= lim) this.error(item, `value ${v.v} does not fit ${item.size} byte${item.size > 1 ? 's' : ''}`);
                for (let i = 0; i < item.size; i++) bytes[offset + i] = (v.v >>> (8 * i)) & 0xff;
              } else if (item.size === 4) absReloc(offset, v);
              else this.error(item, `a ${item.size}-byte value cannot hold a symbol address`);
              offset += item.size;
            }
            break;
          }
          case 'bytes':
            bytes.set(item.bytes, offset);
            offset += item.bytes.length;
            break;
          case 'align': {
            const n = this.fixedSize(item, offset);
            this.fill(bytes, offset, n, item.fill, isCode(sec));
            offset += n;
            break;
          }
          case 'pool': {
            offset += this.fixedSize(item, offset) - 4 * item.entries.length;
            for (const e of item.entries) {
              const v = evaluate(e.expr, this.symbols(sec, offset));
              if (v.k === 'abs') put32(offset, v.v);
              else absReloc(offset, v);
              offset += 4;
            }
            break;
          }
        }
      } catch (err) {
        if (!(err instanceof ExprError)) throw err;
        this.error(item, `${err.message} -- '${item.text}'`);
      }
    }
    const symbols: AsmSymbol[] = [];
    for (const item of sec.items) {
      if (item.k !== 'label' || item.name.startsWith('.L') || item.name.startsWith(POOL_PREFIX)) continue;
      const d = this.defs.get(item.name)!;
      symbols.push({ name: item.name, offset: d.offset, thumbFunc: this.thumbFuncs.has(item.name), global: this.globals.has(item.name) || this.weak.has(item.name), ...(this.weak.has(item.name) ? { weak: true } : {}) });
    }
    return { name: sec.name, flags: sec.flags, align: sec.align, bytes, symbols, relocs };
  }

  /** Alignment padding: explicit fill bytes, or in code a zero byte for odd
   *  padding and then NOPs (one 16-bit NOP, then NOP.W), as GNU as pads. */
  private fill(bytes: Uint8Array, at: number, n: number, fill: number | undefined, code: boolean): void {
    if (fill !== undefined || !code) { bytes.fill(fill ?? 0, at, at + n); return; }
    let i = at;
    const end = at + n;
    if (n % 2 === 1) bytes[i++] = 0;
    const t2 = hasFeature(this.profile, 't2');
    const narrow = t2 ? [0x00, 0xbf] : [0xc0, 0x46];
    if ((end - i) % 4 === 2 || !t2) { bytes[i++] = narrow[0]!; bytes[i++] = narrow[1]!; }
    while (i < end) {
      if (t2) { bytes.set([0xaf, 0xf3, 0x00, 0x80], i); i += 4; } else { bytes[i++] = narrow[0]!; bytes[i++] = narrow[1]!; }
    }
  }
}

function usesSymbols(op: Operand): boolean {
  const inExpr = (e: Expr | undefined): boolean => {
    if (!e) return false;
    switch (e.k) {
      case 'num': return false;
      case 'sym': case 'dot': return true;
      case 'un': return inExpr(e.e);
      case 'bin': return inExpr(e.a) || inExpr(e.b);
    }
  };
  switch (op.kind) {
    case 'imm': case 'expr': case 'lit': return inExpr(op.expr);
    case 'mem': return op.off?.kind === 'imm' ? inExpr(op.off.expr) : false;
    default: return false;
  }
}

/** The IT position of an instruction item (consumes one slot of the block). */
function itPos(it: ItBlock, item: Extract<Item, { k: 'inst' }>): ItPos {
  return it.next(item.inst.cond, item.text);
}

/** After an IT instruction, opens its block. */
function startIt(it: ItBlock, inst: Inst): void {
  if (!IT_SET.has(inst.mn)) return;
  const op = inst.ops[0];
  const fc = op && op.kind === 'expr' && op.expr.k === 'sym' ? CONDS[op.expr.name.toLowerCase()] : undefined;
  if (fc !== undefined) it.start(fc, itMask(inst.mn, fc));
}
