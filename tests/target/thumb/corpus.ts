// Generates the encoder corpus from the instruction table itself: for every
// row, operands that fit (and some that just miss) its pattern: register
// classes, immediates at the edges where GNU as switches encodings, shifts,
// addressing modes, register lists, S/IT/width variants. A row cannot exist
// without being exercised, and GNU as decides what is right.
import { TABLE } from '../../../sdk/src/target/thumb/encode.ts';
import type { Slot } from '../../../sdk/src/target/thumb/operands.ts';
import type { Row } from '../../../sdk/src/target/thumb/table.ts';
import { regListText } from '../../../sdk/src/target/thumb/regs.ts';

export const IMMS = [
  0, 1, 2, 3, 4, 7, 8, 31, 32, 124, 127, 128, 255, 256, 257, 508, 510, 511, 1020, 1024, 4095, 4096,
  0xff00, 0xffff, 0x10000, 0x00ff00ff, 0xff00ff00, 0xabababab, 0x80000000, 0x3fc00, 0x12345678, 0xfffffffe, 0xffffffff,
  -1, -2, -3, -4, -8, -255, -256, -257, -1020, -4095, -4096,
];
const FIELD_IMMS = [0, 1, 7, 8, 15, 16, 24, 31, 32];
const SHIFTS = ['', 'lsl #0', 'lsl #1', 'lsl #31', 'lsr #1', 'lsr #32', 'asr #1', 'asr #32', 'ror #1', 'ror #8', 'ror #16', 'ror #24', 'rrx', 'lsl #32'];
const MEM_OFFSETS = [0, 1, 2, 4, 31, 62, 124, 128, 255, 256, 1020, 1024, 4095, 4096, -1, -4, -255, -256];
const LISTS = [0x1, 0x6, 0xff, 0x40f0, 0x8010, 0x100, 0xff0, 0x101, 0x4ff0, 0x8ff0, 0x4000, 0x8000, 0x2001, 0xc000, 0x5000, 0x9000];

/** Register choices per register slot, per variant. */
const VARIANTS: Record<string, number>[] = [
  { d: 0, n: 1, m: 2, a: 3, t: 4, t2: 5 }, // distinct low
  { d: 3, n: 3, m: 5, a: 3, t: 6, t2: 7 }, // Rd == Rn
  { d: 2, n: 4, m: 2, a: 1, t: 1, t2: 2 }, // Rd == Rm
  { d: 8, n: 9, m: 10, a: 11, t: 12, t2: 14 }, // high
  { d: 9, n: 9, m: 1, a: 12, t: 8, t2: 9 }, // high, tied
  { d: 13, n: 13, m: 0, a: 2, t: 13, t2: 3 }, // sp
  { d: 13, n: 4, m: 13, a: 2, t: 3, t2: 13 }, // sp destination / index
  { d: 0, n: 13, m: 4, a: 5, t: 0, t2: 1 }, // sp source
  { d: 15, n: 15, m: 3, a: 15, t: 15, t2: 6 }, // pc
  { d: 1, n: 15, m: 14, a: 4, t: 14, t2: 15 }, // pc source / lr
];

/** A fixed-seed generator (xorshift32), so the corpus is the same on every run. */
let seed = 0x2545f491;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

const reg = (r: number): string => (r === 13 ? 'sp' : r === 14 ? 'lr' : r === 15 ? 'pc' : `r${r}`);

/** Operand text for one slot: `v` picks registers, `imm` the immediate, `k` other choices. */
function slotText(s: Slot, v: Record<string, number>, imm: number, k: number): string | undefined {
  switch (s.k) {
    case 'reg': {
      const base = reg(s.cls === 'sp' ? 13 : s.cls === 'pc' ? 15 : v[s.f]!);
      const sh = s.shift ? SHIFTS[k % SHIFTS.length] : '';
      return `${base}${s.wb && k % 2 === 1 ? '!' : ''}${sh ? `, ${sh}` : ''}`;
    }
    case 'imm': return `#${imm}`;
    case 'name': { const names = Object.keys(s.names); return names[k % names.length]; }
    case 'label': return undefined;
    case 'memImm': {
      const base = reg(s.base === 'sp' ? 13 : s.base === 'pc' ? 15 : v.n!);
      const mode = s.modes[k % s.modes.length]!;
      if (mode === 'bare') return k % 2 === 0 ? `[${base}]` : `[${base}, #${imm}]`;
      if (mode === 'offset') return imm === 0 && k % 2 === 0 ? `[${base}]` : `[${base}, #${imm}]`;
      return mode === 'pre' ? `[${base}, #${imm}]!` : `[${base}], #${imm}`;
    }
    case 'memReg': {
      const base = reg(s.base === 'sp' ? 13 : s.base === 'pc' ? 15 : v.n!);
      const sh = k % 6;
      return sh === 5 ? `[${base}, ${reg(v.m!)}]` : `[${base}, ${reg(v.m!)}, lsl #${sh}]`;
    }
    case 'list': return regListText(LISTS[k % LISTS.length]!);
  }
}

/** Instruction texts for one row (may include texts other rows end up encoding). */
function rowCases(row: Row): string[] {
  if (row.ops.some((s) => s.k === 'label')) return [];
  const out: string[] = [];
  const sufs = row.s === 'opt' ? ['', 's'] : row.s === 'it' ? ['s', ''] : row.s === 'yes' ? ['s'] : [''];
  const immSlots = row.ops.filter((s) => s.k === 'imm' || s.k === 'memImm').length;
  const choiceSlots = row.ops.some((s) => (s.k === 'reg' && (s.shift || s.wb)) || s.k === 'name' || s.k === 'list' || s.k === 'memReg' || s.k === 'memImm');
  const make = (v: Record<string, number>, imm: number, imm2: number, k: number, suf: string, width = ''): string | undefined => {
    const parts: string[] = [];
    for (const s of row.ops) {
      const useImm = s.k === 'imm' && s.f === 'j' ? imm2 : imm;
      const t = slotText(s, v, useImm, k);
      if (t === undefined) return undefined;
      parts.push(t);
    }
    return `${row.mn}${suf}${width}${parts.length ? ' ' + parts.join(', ') : ''}`;
  };
  const add = (t: string | undefined): void => { if (t) out.push(t); };
  // Register variants with a typical immediate, then seeded random registers.
  for (const v of VARIANTS) for (const suf of sufs) add(make(v, 4, 8, 0, suf));
  for (let k = 0; k < 6; k++) {
    const v: Record<string, number> = {};
    for (const f of ['d', 'n', 'm', 'a', 't', 't2']) v[f] = rand() % 16;
    add(make(v, IMMS[rand() % IMMS.length]!, FIELD_IMMS[rand() % FIELD_IMMS.length]!, rand() % 16, sufs[k % sufs.length]!));
  }
  // Immediate sweep.
  if (immSlots === 1) {
    for (const imm of row.ops.some((s) => s.k === 'memImm') ? MEM_OFFSETS : IMMS)
      for (const v of [VARIANTS[0]!, VARIANTS[1]!])
        for (const suf of sufs) for (const k of row.ops.some((s) => s.k === 'memImm') ? [0, 1, 2] : [0]) add(make(v, imm, 0, k, suf));
  } else if (immSlots === 2) {
    for (const a of FIELD_IMMS) for (const b of FIELD_IMMS) add(make(VARIANTS[0]!, a, b, 0, ''));
  }
  // Shifts, names, lists, writeback, addressing modes.
  if (choiceSlots) for (let k = 0; k < 16; k++) for (const v of [VARIANTS[0]!, VARIANTS[3]!]) add(make(v, 4, 8, k, sufs[0]!));
  // Width qualifiers.
  for (const w of ['.n', '.w']) add(make(VARIANTS[0]!, 4, 8, 0, sufs[0]!, w));
  return out;
}

const CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le'];
const NO_IT = new Set(['cbz', 'cbnz', 'cpsid', 'cpsie', 'b', 'bl', 'bx', 'blx', 'tbb', 'tbh']);

/** Every table row's cases, plus the same instructions inside IT blocks. */
export function formCorpus(): string[] {
  seed = 0x2545f491;
  const seen = new Set<string>();
  const out: string[] = [];
  const push = (t: string): void => { if (!seen.has(t)) { seen.add(t); out.push(t); } };
  let ci = 0;
  for (const [mn, rows] of TABLE) {
    if (mn.startsWith('it')) {
      // A whole IT block: the mnemonic's t/e letters decide each condition.
      CONDS.forEach((cond, i) => {
        if (i % 3 !== mn.length % 3) return;
        const inv = CONDS[i ^ 1]!;
        const body = ['t', ...mn.slice(2)].map((x, k) => `mov${x === 't' ? cond : inv} r${k}, r${k + 1}`);
        push(`${mn} ${cond}; ${body.join('; ')}`);
      });
      if (!mn.slice(2).includes('e')) push(`${mn} al; ${['t', ...mn.slice(2)].map(() => 'nop').join('; ')}`);
      continue;
    }
    for (const row of rows) {
      const cases = rowCases(row);
      for (const c of cases) push(c);
      // Inside an IT block: the first few register variants, with and without S.
      if (mn.startsWith('it') || NO_IT.has(mn)) continue;
      for (const c of cases.slice(0, 6)) {
        const cond = CONDS[ci++ % CONDS.length]!;
        const sp = c.indexOf(' ');
        const [word, rest] = sp < 0 ? [c, ''] : [c.slice(0, sp), c.slice(sp)];
        const wm = /^(.*?)(\.[nw])?$/.exec(word)!;
        push(`it ${cond}; ${wm[1]}${cond}${wm[2] ?? ''}${rest}`);
      }
    }
  }
  return out;
}
