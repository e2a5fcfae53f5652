// Emission for RV32: allocated MachFunctions → GNU-syntax assembly text →
// the RV32 assembler (index.ts) → sections, symbols and relocations of an
// ObjectFile (sdk/src/link/object.ts); data objects go into the object directly.
//
// Going through assembly text is deliberate: the assembler already replays GNU
// as byte for byte — compression, branch relaxation, `li` expansion, the
// relocations of `call` and `%hi/%lo` — so the code generator never encodes a
// word itself, and `--emit asm` is exactly the text that was assembled (GNU as
// `-march=rv32imac -mabi=ilp32` re-assembles it to the same bytes).
//
// Each function is assembled on its own, in its own section `.text.<name>`
// (so the linker can drop it). Its block labels are `.L<f>_<block>` with `f` the
// function's index, so the text of a whole module stays one valid file. Line
// rows come from `.Lline<f>_<n>` labels placed wherever the source location of
// the instructions changes.
import type { DataObject, SourceLoc } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import type { ObjectBuilder, SectionId } from '../../link/index.ts';
import type { AsmOutput, AsmSection } from './assemble.ts';
import { ZERO } from './abi.ts';
import { epilogue, fitsImm12, prologue, spAccess, type Frame } from './frame.ts';
import { INVERT, type Opnd, type Payload, type RR } from './isel-inst.ts';
import type { MFunc, MInst } from './isel.ts';
import { gprName } from './regs.ts';

export interface FunctionText {
  /** Assembly lines (directives, labels, instructions). */
  lines: string[];
  /** Lines that came from inline assembly, with the source location of their `asm!`. */
  asmLines: Map<number, SourceLoc | undefined>;
  /** Line-table labels and their source positions. */
  locs: { label: string; loc: SourceLoc }[];
}

export interface EmitFunctionInput {
  name: string;
  index: number;
  exported: boolean;
  section: string;
  mf: MFunc;
  frame: Frame;
  naked: boolean;
  compressed: boolean;
  loc?: SourceLoc;
}

const reg = (i: MInst, r: RR): string => gprName('d' in r ? i.defs[r.d]! : 'u' in r ? i.uses[r.u]! : r.p);

/** The assembly text of one allocated function. */
export function functionText(f: EmitFunctionInput): FunctionText {
  const lines: string[] = [];
  const asmLines: FunctionText['asmLines'] = new Map();
  const locs: FunctionText['locs'] = [];
  const ins = (s: string) => lines.push(`\t${s}`);
  const label = (b: number) => `.L${f.index}_${b}`;
  let lastLoc: SourceLoc | undefined;
  const mark = (loc: SourceLoc | undefined) => {
    if (!loc || (lastLoc && loc.file === lastLoc.file && loc.line === lastLoc.line && loc.col === lastLoc.col)) return;
    lastLoc = loc;
    // No code since the previous row: it moves to this location instead.
    if (locs.length && lines[lines.length - 1] === `${locs[locs.length - 1]!.label}:`) {
      locs[locs.length - 1]!.loc = loc;
      return;
    }
    const l = `.Lline${f.index}_${locs.length}`;
    locs.push({ label: l, loc });
    lines.push(`${l}:`);
  };
  const areaOff = (area: keyof Frame['base'], off: number) => f.frame.base[area] + off;

  lines.push(`\t.section\t${f.section},"ax",@progbits`);
  if (f.exported) lines.push(`\t.globl\t${f.name}`);
  lines.push(`\t.p2align\t${f.compressed ? 1 : 2}`, `\t.type\t${f.name}, @function`, `${f.name}:`);
  mark(f.loc);
  if (!f.naked) prologue(f.frame).forEach(ins);

  const { blocks, fwd } = arrangeBlocks(f.mf);
  blocks.forEach((b, bi) => {
    const next = blocks[bi + 1]?.id;
    if (bi > 0) lines.push(`${label(b.id)}:`);
    for (const i of b.insts) {
      const p = i.payload;
      mark(p.loc);
      switch (p.k) {
        case 'op': {
          // An sp-relative operand beyond 12 bits: form the address in t6 first.
          const area = p.ops.find((o): o is Extract<Opnd, { area: unknown }> => 'area' in o);
          if (area && !fitsImm12(areaOff(area.area, area.off))) {
            const r = p.ops[0]!;
            spAccess(p.mn, reg(i, r as RR), areaOff(area.area, area.off)).forEach(ins);
            break;
          }
          ins(`${p.mn}\t${p.ops.map((o) => opnd(i, o, areaOff)).join(', ')}`.trimEnd());
          break;
        }
        case 'move': {
          const [d, s] = [i.defs[0]!, i.uses[0]!];
          if (d !== s) ins(s === ZERO ? `li\t${gprName(d)}, 0` : `mv\t${gprName(d)}, ${gprName(s)}`);
          break;
        }
        case 'spaddr': {
          const off = areaOff(p.area, p.off);
          const d = gprName(i.defs[0]!);
          if (off === 0) ins(`mv\t${d}, sp`);
          else if (fitsImm12(off)) ins(`addi\t${d}, sp, ${off}`);
          else { ins(`li\t${d}, ${off}`); ins(`add\t${d}, ${d}, sp`); }
          break;
        }
        case 'la': {
          const d = gprName(i.defs[0]!);
          ins(`lui\t${d}, %hi(${p.sym})`);
          ins(`addi\t${d}, ${d}, %lo(${p.sym})`);
          break;
        }
        case 'br': {
          const [a, c] = [i.uses[0]!, i.uses[1]!];
          const [then, els] = [fwd(p.then), fwd(p.else)];
          if (then === els) {
            if (then !== next) ins(`j\t${label(then)}`);
          } else if (then === next) ins(branch(INVERT[p.mn], a, c, label(els)));
          else {
            ins(branch(p.mn, a, c, label(then)));
            if (els !== next) ins(`j\t${label(els)}`);
          }
          break;
        }
        case 'jump':
          if (fwd(p.to) !== next) ins(`j\t${label(fwd(p.to))}`);
          break;
        case 'ret':
          epilogue(f.frame).forEach(ins);
          break;
        case 'call':
          ins(p.near ? `jal\t${p.sym}` : `call\t${p.sym}`);
          break;
        case 'calli':
          ins(`jalr\t${gprName(i.uses[0]!)}`);
          break;
        case 'asm':
          for (const l of substitute(p.text, (n) => {
            const r = p.regs[n];
            if (!r) throw new Error(`asm in ${f.name}: placeholder {${n}} has no operand (${p.regs.length} register operands)`);
            return reg(i, r);
          }).split('\n')) {
            if (l.trim() === '') continue;
            asmLines.set(lines.length + 1, p.loc);
            ins(l.trim());
          }
          break;
        case 'trap':
          ins('unimp');
          break;
        case 'entry': case 'keep':
          break;
      }
    }
  });
  lines.push(`\t.size\t${f.name}, .-${f.name}`);
  return { lines, locs, asmLines };
}

/**
 * Jump threading and block placement. A block that holds nothing but a jump
 * is dropped, and every branch to it goes to its final target. The rest are
 * chained greedily from the entry: after a block comes its fall-through
 * successor (a jump's target, a branch's `else`, or its `then`, which the
 * emitter inverts), when not placed yet; otherwise the next block in selection
 * order. Cold blocks (ending in a no-return call or a trap) are never pulled
 * into a chain, so they stay at the end.
 */
function arrangeBlocks(mf: MFunc): { blocks: MFunc['blocks']; fwd: (id: number) => number } {
  const trivial = new Map<number, number>();
  mf.blocks.forEach((b, k) => {
    const only = b.insts.filter((i) => i.payload.k !== 'keep');
    if (k > 0 && only.length === 1 && only[0]!.payload.k === 'jump') trivial.set(b.id, only[0]!.payload.to);
  });
  const fwd = (id: number): number => {
    for (let n = 0, x = id; n <= trivial.size; n++) {
      const t = trivial.get(x);
      if (t === undefined) return x;
      x = t;
    }
    return id; // a cycle of empty blocks (an empty infinite loop): keep it
  };
  const kept = mf.blocks.filter((b) => !trivial.has(b.id) || fwd(b.id) === b.id);
  const byId = new Map(kept.map((b) => [b.id, b]));
  const cold = (b: MFunc['blocks'][number]) => {
    const last = b.insts[b.insts.length - 1]?.payload;
    return last !== undefined && ((last.k === 'call' && last.noReturn) || last.k === 'trap');
  };
  const placed = new Set<number>();
  const out: MFunc['blocks'] = [];
  let scan = 0;
  let cur: MFunc['blocks'][number] | undefined = kept[0];
  while (cur) {
    placed.add(cur.id);
    out.push(cur);
    const last = cur.insts[cur.insts.length - 1]?.payload;
    const prefs = last?.k === 'jump' ? [last.to] : last?.k === 'br' ? [last.else, last.then] : [];
    let next: MFunc['blocks'][number] | undefined;
    for (const p of prefs) {
      const c = byId.get(fwd(p));
      if (c && !placed.has(c.id) && !cold(c)) { next = c; break; }
    }
    while (!next && scan < kept.length) {
      const c = kept[scan++]!;
      if (!placed.has(c.id)) next = c;
    }
    cur = next;
  }
  return { blocks: out, fwd };
}

function opnd(i: MInst, o: Opnd, areaOff: (a: 'out' | 'slot' | 'spill' | 'in', off: number) => number): string {
  if ('imm' in o) return String(o.imm);
  if ('text' in o) return o.text;
  if ('mem' in o) return `${o.off}(${reg(i, o.mem)})`;
  if ('area' in o) return `${areaOff(o.area, o.off)}(sp)`;
  return reg(i, o);
}

/** A conditional branch, in the `beqz`-style forms when one side is x0 (compressible). */
function branch(mn: string, a: Reg, b: Reg, to: string): string {
  const [x, y] = [gprName(a), gprName(b)];
  if (b === ZERO) {
    const z: Record<string, string> = { beq: 'beqz', bne: 'bnez', blt: 'bltz', bge: 'bgez' };
    if (z[mn]) return `${z[mn]}\t${x}, ${to}`;
  }
  if (a === ZERO) {
    const z: Record<string, string> = { beq: 'beqz', bne: 'bnez', blt: 'bgtz', bge: 'blez', bltu: 'bnez', bgeu: 'beqz' };
    if (z[mn]) return `${z[mn]}\t${y}, ${to}`;
  }
  return `${mn}\t${x}, ${y}, ${to}`;
}

/**
 * Replaces `{N}` placeholders, and `{}` with the operand after the previous
 * placeholder's (Rust's implicit numbering); `{{` and `}}` are literal braces.
 */
export function substitute(text: string, regOf: (n: number) => string): string {
  let next = 0;
  return text.replace(/\{\{|\}\}|\{(\d*)\}/g, (m, n: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const k = n ? Number(n) : next;
    next = k + 1;
    return regOf(k);
  });
}

// ---------------------------------------------------------------- object building

/**
 * Adds the sections of an assembled unit to the object: symbols (function
 * sizes from `sizes`), relocations, code markers, and line rows for the
 * `.Lline` labels. Temporary labels that relocations need (`%pcrel_lo` pairs)
 * become local symbols renamed with `suffix`, so they stay unique in the object.
 */
export function addAssembled(b: ObjectBuilder, out: AsmOutput, opts: {
  kinds?: (s: AsmSection) => 'text' | 'rodata' | 'data' | 'bss' | 'vectors';
  sizes?: Map<string, number>;
  types?: Map<string, 'func' | 'object' | 'notype'>;
  locs?: FunctionText['locs'];
  suffix: string;
  retain?: (s: AsmSection) => boolean;
  /** Names the unit declares `.weak` without defining them. */
  weakRefs?: string[];
}): void {
  const ids = new Map<string, SectionId>();
  const defined = new Map<string, { sec: SectionId; offset: number }>();
  for (const s of out.sections) {
    if (s.size === 0 && s.symbols.length === 0) continue;
    const kind = opts.kinds?.(s) ?? (s.flags.includes('x') ? 'text' : s.nobits ? 'bss' : s.flags.includes('w') ? 'data' : 'rodata');
    const id = b.section(s.name, kind, { align: Math.max(1, s.align), retain: opts.retain?.(s) });
    if (kind === 'bss') b.reserve(id, s.size);
    else b.emit(id, s.bytes);
    if (kind === 'text' || kind === 'vectors') b.marker(id, 0, 'code');
    ids.set(s.name, id);
    for (const sym of s.symbols) defined.set(sym.name, { sec: id, offset: sym.offset });
  }
  const localName = (n: string) => `${n.replace(/\u0002/g, '.')}.${opts.suffix}`;
  const needed = new Set<string>();
  for (const s of out.sections) for (const r of s.relocs) if (r.symbol.startsWith('.L') && defined.has(r.symbol)) needed.add(r.symbol);
  for (const s of out.sections) {
    const id = ids.get(s.name);
    if (id === undefined) continue;
    const sorted = [...s.symbols].filter((x) => !x.temporary).sort((x, y) => x.offset - y.offset);
    for (const sym of s.symbols) {
      if (sym.temporary) {
        if (needed.has(sym.name)) b.symbol({ name: localName(sym.name), section: id, offset: sym.offset, size: 0, binding: 'local', type: 'notype' });
        continue;
      }
      // Size: explicit, else up to the next symbol of the section or its end.
      const nextOff = sorted.find((x) => x.offset > sym.offset)?.offset ?? s.size;
      const type = opts.types?.get(sym.name) ?? (s.flags.includes('x') ? 'func' : 'object');
      b.symbol({
        name: sym.name, section: id, offset: sym.offset,
        size: opts.sizes?.get(sym.name) ?? (type === 'notype' ? 0 : nextOff - sym.offset),
        binding: sym.weak ? 'weak' : sym.global ? 'global' : 'local', type,
      });
    }
    for (const r of s.relocs) {
      const target = needed.has(r.symbol) ? localName(r.symbol) : r.symbol;
      b.reloc(id, r.offset, r.type, target, r.addend);
    }
  }
  // Weak references stay weak: the linker resolves a missing one to 0.
  for (const u of opts.weakRefs ?? []) {
    if (!defined.has(u)) b.symbol({ name: u, section: 'undef', offset: 0, size: 0, binding: 'weak', type: 'notype' });
  }
  for (const l of opts.locs ?? []) {
    const d = defined.get(l.label);
    if (d && l.loc.line >= 1) b.line(d.sec, d.offset, l.loc.file, l.loc.line, Math.max(0, l.loc.col));
  }
}

// ---------------------------------------------------------------- data

export interface DataPlacement {
  section: string;
  kind: 'rodata' | 'data' | 'bss';
}

export function dataPlacement(d: DataObject): DataPlacement {
  const zero = d.init.every((p) => p.kind === 'bytes' && p.bytes.every((x) => x === 0));
  const kind = d.readonly ? 'rodata' : zero ? 'bss' : 'data';
  return { section: d.section ?? `.${kind}.${d.name}`, kind };
}

/** A data object in a section of its own (or its `#[section]`), with relocations for pointers. */
export function addData(b: ObjectBuilder, d: DataObject): void {
  const { section, kind } = dataPlacement(d);
  const id = b.section(section, kind, { align: Math.max(1, d.align) });
  const align = Math.max(1, d.align);
  let at: number;
  if (kind === 'bss') at = b.reserve(id, d.size, align);
  else {
    const bytes = new Uint8Array(d.size);
    const relocs: { off: number; symbol: string; addend: number }[] = [];
    let p = 0;
    for (const piece of d.init) {
      if (piece.kind === 'bytes') {
        bytes.set(piece.bytes.subarray(0, Math.max(0, d.size - p)), p);
        p += piece.bytes.length;
      } else {
        relocs.push({ off: p, symbol: piece.symbol, addend: piece.offset });
        p += 4;
      }
    }
    at = b.emit(id, bytes, align);
    for (const r of relocs) b.reloc(id, at + r.off, 'R_RISCV_32', r.symbol, r.addend);
  }
  b.symbol({ name: d.name, section: id, offset: at, size: d.size, binding: d.exported ? 'global' : 'local', type: 'object' });
}

/** The assembly text of a data object (for `--emit asm`). */
export function dataText(d: DataObject): string[] {
  const { section, kind } = dataPlacement(d);
  const lines = [
    `\t.section\t${section},"${kind === 'rodata' ? 'a' : 'aw'}",${kind === 'bss' ? '@nobits' : '@progbits'}`,
    ...(d.exported ? [`\t.globl\t${d.name}`] : []),
    `\t.p2align\t${Math.log2(Math.max(1, d.align))}`,
    `\t.type\t${d.name}, @object`,
    `${d.name}:`,
  ];
  let p = 0;
  if (kind !== 'bss') {
    for (const piece of d.init) {
      if (piece.kind === 'symbol') {
        lines.push(`\t.word\t${piece.symbol}${piece.offset ? (piece.offset > 0 ? `+${piece.offset}` : piece.offset) : ''}`);
        p += 4;
      } else {
        for (let k = 0; k < piece.bytes.length; k += 16) lines.push(`\t.byte\t${[...piece.bytes.subarray(k, k + 16)].join(', ')}`);
        p += piece.bytes.length;
      }
    }
  }
  if (d.size > p) lines.push(`\t.zero\t${d.size - p}`);
  lines.push(`\t.size\t${d.name}, ${d.size}`);
  return lines;
}
