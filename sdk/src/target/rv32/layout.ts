// Section layout: branch relaxation, alignment, and final bytes + relocations.
// Emulates GNU as with -mno-relax (no linker relaxation), so the bytes of a
// section are final except where a relocation is emitted.
//
// Relaxation rules (GNU as relaxed_branch_length), for a target defined in the
// same section and not weak, with d = target - address of the branch:
//   conditional branch: 2 bytes (c.beqz/c.bnez) if the compressed form matched
//                       and -256 <= d < 256; else 4 if -4096 <= d < 4096;
//                       else an inverted branch over `jal x0`: 6 bytes when
//                       compressed (c.bnez +6; jal), 8 otherwise (bne +8; jal).
//   jump (j, jal):      2 bytes (c.j/c.jal) if compressed and -2048 <= d < 2048;
//                       else 4 (jal; beyond ±1 MiB is an error here).
// Any other target (undefined, weak, another section) takes the long form with
// an R_RISCV_JAL relocation; GNU as never emits R_RISCV_BRANCH for those.
//
// A branch near the edge of its reach can have two consistent sizes (a
// forward branch whose own growth pushes its target out of range), so *how*
// the sizes are found matters for matching GNU as byte for byte. We replay GNU
// as's relax_segment: the section is cut into frags exactly where GNU as cuts
// it (after each branch, alignment, .space/.fill, and after instructions with
// a %hi/%pcrel_hi-type relocation or a call); a first pass estimates sizes in
// order, with labels in frags not reached yet at their offset within their
// frag (GNU's frag addresses start at 0); then passes re-evaluate every
// variable frag in order, with earlier frags already moved, until nothing
// changes. (GNU as also starts a frag when an obstack chunk fills, after about
// 4 KiB of straight-line code; we do not model that, so a forward branch at the
// very edge of its reach across >4 KiB of branch-free code may differ.)
import { encodeOp, wordBytes, EncodeError } from './encode.ts';
import type { Emitted, SymRef } from './match.ts';
import type { AsmReloc, RelocType } from './reloc.ts';

export interface PendingReloc {
  at: number;
  type: RelocType;
  target: SymRef;
}

type BranchE = Extract<Emitted, { kind: 'branch' }>;
type JumpE = Extract<Emitted, { kind: 'jump' }>;

export type Item =
  /** fragEnd: GNU as starts a new frag after these bytes (see the header). */
  | { k: 'bytes'; data: Uint8Array; relocs: PendingReloc[]; fragEnd?: boolean }
  | { k: 'label'; name: string }
  | { k: 'branch'; e: BranchE; line: number }
  | { k: 'jump'; e: JumpE; line: number }
  /** Align to 2^pow. fill null: code nops. skipBelow: GNU skips code alignment when 2^pow <= this. */
  | { k: 'align'; pow: number; fill: number | null; skipBelow: number };

export interface Sec {
  readonly name: string;
  readonly flags: string;
  readonly code: boolean;
  readonly nobits: boolean;
  /** Section alignment in bytes (the largest requested). */
  align: number;
  readonly items: Item[];
}

/** Where a label is: its section and the index of its label item. */
export interface LabelDef {
  sec: Sec;
  item: number;
}

export interface Layout {
  addrs: number[];
  sizes: number[];
  size: number;
}

/** GNU as riscv_make_nops: a zero byte if odd, one c.nop if 2 mod 4, then 4-byte nops. */
export function makeNops(n: number): Uint8Array {
  const b = new Uint8Array(n);
  let i = 0;
  if (n % 2 === 1) i = 1;
  if ((n - i) % 4 === 2) {
    b.set([0x01, 0x00], i);
    i += 2;
  }
  for (; i < n; i += 4) b.set([0x13, 0x00, 0x00, 0x00], i);
  return b;
}

function alignPad(it: Item & { k: 'align' }, addr: number): number {
  const a = 2 ** it.pow;
  if (it.fill === null && a <= it.skipBelow) return 0;
  return (a - (addr % a)) % a;
}

function inRange(d: number, reach: number): boolean {
  return d >= -reach / 2 && d < reach / 2;
}

function branchLength(rvc: boolean, d: number): number {
  if (rvc && inRange(d, 512)) return 2;
  if (inRange(d, 8192)) return 4;
  return rvc ? 6 : 8;
}

function jumpLength(rvc: boolean, d: number): number {
  return rvc && inRange(d, 4096) ? 2 : 4;
}

interface Frag {
  /** Bytes of fixed content (instructions, data, labels) before the variable part. */
  fix: number;
  /** Index of the variable item (branch, jump, alignment) ending the frag, or -1. */
  variant: number;
}

/** Computes item addresses and sizes; `local(sym)` is the label item index if relaxable. */
export function layoutSection(sec: Sec, local: (sym: string) => number | undefined): Layout {
  const items = sec.items;
  const n = items.length;
  const sizes = new Array<number>(n).fill(0);
  const fragOf = new Array<number>(n).fill(0);
  const offIn = new Array<number>(n).fill(0);
  const frags: Frag[] = [{ fix: 0, variant: -1 }];
  items.forEach((it, i) => {
    const f = frags[frags.length - 1]!;
    fragOf[i] = frags.length - 1;
    offIn[i] = f.fix;
    const skipped = it.k === 'align' && it.fill === null && 2 ** it.pow <= it.skipBelow;
    if (it.k === 'bytes') {
      sizes[i] = it.data.length;
      f.fix += it.data.length;
      if (it.fragEnd) frags.push({ fix: 0, variant: -1 });
    } else if (it.k === 'branch' || it.k === 'jump' || (it.k === 'align' && !skipped)) {
      f.variant = i;
      frags.push({ fix: 0, variant: -1 });
    }
  });
  const fragAddr = new Array<number>(frags.length).fill(0);
  const labelValue = (li: number) => fragAddr[fragOf[li]!]! + offIn[li]!;
  /** GNU relaxed_branch_length for the variable item ending frag f. */
  const variantSize = (f: number, i: number): number => {
    const it = items[i]!;
    const at = fragAddr[f]! + frags[f]!.fix;
    if (it.k === 'align') return alignPad(it, at);
    if (it.k !== 'branch' && it.k !== 'jump') return 0;
    const li = local(it.e.target.sym);
    if (li === undefined) return it.k === 'branch' ? 8 : 4;
    const d = labelValue(li) + it.e.target.add - at;
    return it.k === 'branch' ? branchLength(it.e.rvc, d) : jumpLength(it.e.rvc, d);
  };
  // Estimate pass: frags not reached yet are still at address 0.
  let addr = 0;
  frags.forEach((fr, f) => {
    fragAddr[f] = addr;
    addr += fr.fix;
    if (fr.variant >= 0) addr += sizes[fr.variant] = variantSize(f, fr.variant);
  });
  // Relaxation passes, each moving frags by the growth of the ones before.
  for (let pass = 0; ; pass++) {
    let stretch = 0;
    let stretched = false;
    frags.forEach((fr, f) => {
      fragAddr[f]! += stretch;
      if (fr.variant < 0) return;
      const size = variantSize(f, fr.variant);
      const growth = size - sizes[fr.variant]!;
      sizes[fr.variant] = size;
      if (growth !== 0) {
        stretch += growth;
        stretched = true;
      }
    });
    if (!stretched) break;
    if (pass > 1000) throw new Error('internal: branch relaxation does not converge');
  }
  const addrs = items.map((_, i) => fragAddr[fragOf[i]!]! + offIn[i]!);
  const last = frags.length - 1;
  const lastFrag = frags[last]!;
  const size = fragAddr[last]! + lastFrag.fix + (lastFrag.variant >= 0 ? sizes[lastFrag.variant]! : 0);
  return { addrs, sizes, size };
}

const INVERT: Record<string, string> = { beq: 'bne', bne: 'beq', blt: 'bge', bge: 'blt', bltu: 'bgeu', bgeu: 'bltu' };

export interface EmitEnv {
  /** Address of a label defined in this section (relaxable target), else undefined. */
  local(sym: string): number | undefined;
  /** Section offset of a symbol defined in another section (GNU's tentative value), else 0. */
  elsewhere(sym: string): number;
  error(line: number, message: string): void;
}

/** Writes a laid-out section: bytes, relocations, label addresses. */
export function emitSection(sec: Sec, lay: Layout, env: EmitEnv): { bytes: Uint8Array; relocs: AsmReloc[] } {
  let total = lay.size;
  // GNU as pads the end of a code section to the section alignment with nops.
  const tail = sec.code ? (sec.align - (total % sec.align)) % sec.align : 0;
  total += tail;
  const out = new Uint8Array(sec.nobits ? 0 : total);
  const relocs: AsmReloc[] = [];
  const put = (at: number, op: string, f: Parameters<typeof encodeOp>[1], text: string) => {
    const word = encodeOp(op, f, text);
    const b = wordBytes(word, op.startsWith('c.') ? 2 : 4);
    out.set(b, at);
    return b.length;
  };
  /** jal to a symbol resolved by the linker: GNU's tentative offset, then R_RISCV_JAL. */
  const externalJal = (at: number, rd: number, t: SymRef, text: string) => {
    let v = env.elsewhere(t.sym) + t.add - at;
    v = (((v + 0x100000) % 0x200000) + 0x200000) % 0x200000 - 0x100000;
    put(at, 'jal', { rd, imm: v & ~1 }, text);
    relocs.push({ offset: at, type: 'R_RISCV_JAL', symbol: t.sym, addend: t.add });
  };
  sec.items.forEach((it, i) => {
    const at = lay.addrs[i]!;
    const size = lay.sizes[i]!;
    try {
      switch (it.k) {
        case 'bytes':
          if (!sec.nobits) out.set(it.data, at);
          for (const r of it.relocs) relocs.push({ offset: at + r.at, type: r.type, symbol: r.target.sym, addend: r.target.add });
          return;
        case 'label':
          return;
        case 'align':
          if (!sec.nobits) out.set(it.fill === null && sec.code ? makeNops(size) : new Uint8Array(size).fill(it.fill ?? 0), at);
          return;
        case 'branch': {
          const { e } = it;
          const target = env.local(e.target.sym);
          const d = target === undefined ? 0 : target + e.target.add - at;
          if (size === 2) put(at, e.op === 'beq' ? 'c.beqz' : 'c.bnez', { rs1: e.rs1, imm: d }, e.text);
          else if (size === 4) put(at, e.op, { rs1: e.rs1, rs2: e.rs2, imm: d }, e.text);
          else {
            // Out of range: skip over an unconditional jump with the inverted condition.
            const inv = INVERT[e.op]!;
            const skip = size === 6 ? put(at, inv === 'beq' ? 'c.beqz' : 'c.bnez', { rs1: e.rs1, imm: 6 }, e.text) : put(at, inv, { rs1: e.rs1, rs2: e.rs2, imm: 8 }, e.text);
            if (target === undefined) externalJal(at + skip, 0, e.target, e.text);
            else put(at + skip, 'jal', { rd: 0, imm: d - skip }, e.text);
          }
          return;
        }
        case 'jump': {
          const { e } = it;
          const target = env.local(e.target.sym);
          if (target === undefined) return externalJal(at, e.rd, e.target, e.text);
          const d = target + e.target.add - at;
          if (size === 2) put(at, e.rd === 0 ? 'c.j' : 'c.jal', { imm: d }, e.text);
          else put(at, 'jal', { rd: e.rd, imm: d }, e.text);
          return;
        }
      }
    } catch (err) {
      if (err instanceof EncodeError) env.error((it as { line: number }).line, err.message);
      else throw err;
    }
  });
  if (tail && !sec.nobits) out.set(makeNops(tail), lay.size);
  return { bytes: out, relocs };
}
