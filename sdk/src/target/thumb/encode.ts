// The table-driven encoder: one instruction in, its bytes out.
//
// `encode` looks up the mnemonic's rows (table.ts) and takes the first row that
// (1) exists on the profile, (2) agrees with the S suffix, condition, IT
// position and `.n`/`.w` qualifier, (3) accepts the operands, and (4) can lay out
// the immediates. Rows are ordered as GNU as prefers in unified syntax, so the
// first row that fits is also GNU as's choice. When no row fits, the error names
// the instruction and the reason of the most specific row that came closest.
import { hasFeature, type Feature, type Profile } from './profile.ts';
import { Binds, matchSlot, OperandError, type Evaluator, type MemOffset, type Operand } from './operands.ts';
import { singleReg } from './regs.ts';
import { ExprError } from './expr.ts';
import { Reject, type EmitCx, type InstReloc, type Row } from './table.ts';
import { DP_ROWS } from './table-dp.ts';
import { ALU_ROWS } from './table-alu.ts';
import { MEM_ROWS } from './table-mem.ts';
import { CONDS, CTL_ROWS } from './table-ctl.ts';

/** Every row, grouped by mnemonic, in preference order. */
export const TABLE: ReadonlyMap<string, readonly Row[]> = (() => {
  const m = new Map<string, Row[]>();
  for (const r of [...DP_ROWS, ...ALU_ROWS, ...MEM_ROWS, ...CTL_ROWS]) {
    let list = m.get(r.mn);
    if (!list) m.set(r.mn, (list = []));
    list.push(r);
  }
  return m;
})();

/** Mnemonics that are another mnemonic under a different name. */
const ALIASES: Readonly<Record<string, string>> = {
  ldmia: 'ldm', ldmfd: 'ldm', ldmea: 'ldmdb', stmia: 'stm', stmea: 'stm', stmfd: 'stmdb',
};

/** Mnemonics whose `op Rd, x` means `op Rd, Rd, x`. */
const SHORTHAND = new Set([
  'add', 'sub', 'adc', 'sbc', 'rsb', 'and', 'orr', 'eor', 'bic', 'orn', 'lsl', 'lsr', 'asr', 'ror',
  'mul', 'sdiv', 'udiv', 'qadd', 'qsub', 'qdadd', 'qdsub', 'sel',
]);

/** Mnemonics with a row that takes the S suffix. */
const TAKES_S = new Set([...TABLE].filter(([, rows]) => rows.some((r) => r.s !== 'no')).map(([mn]) => mn).concat('neg'));

export interface Mnemonic {
  readonly mn: string;
  readonly s: boolean;
  readonly cond: number;
  readonly width?: 'n' | 'w';
}

/**
 * Splits a unified-syntax mnemonic: base, optional `s`, optional condition,
 * optional `.n`/`.w` (`addseq.w`). The longest base that leaves a valid suffix
 * wins, so `bls` is B + LS (BL takes no S) and `bics` is BIC + S.
 */
export function splitMnemonic(word: string): Mnemonic | undefined {
  let w = word.toLowerCase();
  let width: 'n' | 'w' | undefined;
  if (w.endsWith('.n') || w.endsWith('.w')) {
    width = w.endsWith('.n') ? 'n' : 'w';
    w = w.slice(0, -2);
  }
  // Fast path: the whole word is a mnemonic.
  const whole = ALIASES[w] ?? w;
  if (TABLE.has(whole) || whole === 'neg') return { mn: whole, s: false, cond: 14, width };
  // Suffixes are at most `s` + a two-letter condition.
  for (let len = w.length - 1; len >= Math.max(1, w.length - 3); len--) {
    const base = ALIASES[w.slice(0, len)] ?? w.slice(0, len);
    if (!TABLE.has(base) && base !== 'neg') continue;
    let rest = w.slice(len);
    let s = false;
    if (rest.startsWith('s') && TAKES_S.has(base) && (rest.length === 1 || CONDS[rest.slice(1)] !== undefined)) {
      s = true;
      rest = rest.slice(1);
    }
    if (rest === '') return { mn: base, s, cond: 14, width };
    const cond = CONDS[rest];
    if (cond !== undefined) return { mn: base, s, cond, width };
  }
  return undefined;
}

export interface Inst extends Mnemonic {
  readonly ops: readonly Operand[];
  /** The source text, for diagnostics. */
  readonly text: string;
}

/** Where an instruction sits relative to an IT block. */
export type ItPos = 'none' | 'in' | 'last';

export interface EncodeCx {
  readonly profile: Profile;
  readonly it: ItPos;
  readonly addr: number;
  readonly section: string;
  readonly optimistic: boolean;
  /** Relaxation never shrinks an instruction: rows narrower than this are skipped. */
  readonly minSize: number;
  readonly eval: Evaluator;
}

export interface Encoded {
  readonly size: 2 | 4;
  /** 16-bit value, or hw1 << 16 | hw2. */
  readonly word: number;
  readonly reloc?: InstReloc;
  readonly row: Row;
}

export class EncodeError extends Error {
  constructor(readonly text: string, readonly reason: string) {
    super(`${reason} -- '${text}'`);
    this.name = 'EncodeError';
  }
}

const FEATURE_NAME: Record<Feature, string> = {
  base: 'ARMv6-M', t2: 'Thumb-2 (ARMv7-M)', div: 'hardware divide (ARMv7-M)', dsp: 'the DSP extension (ARMv7E-M)', 'no-t2': 'ARMv6-M',
};

/** Rewrites aliases and shorthand into the table's canonical operand lists. */
function normalize(inst: Inst): Inst {
  if (inst.mn === 'neg') {
    // NEG{S} Rd, Rm is RSB{S} Rd, Rm, #0.
    if (inst.ops.length !== 2) throw new EncodeError(inst.text, 'neg takes two registers');
    return { ...inst, mn: 'rsb', ops: [...inst.ops, { kind: 'imm', expr: { k: 'num', v: 0 } }] };
  }
  const single = singleTransfer(inst);
  if (single) return single;
  if (SHORTHAND.has(inst.mn) && inst.ops.length === 2 && inst.ops[0]!.kind === 'reg' && !inst.ops[0]!.shift)
    return { ...inst, ops: [inst.ops[0]!, ...inst.ops] };
  return inst;
}

/**
 * LDM/STM of one register is LDR/STR (GNU as rewrites it the same way, and
 * ARMv7-M makes a one-register 32-bit LDM/STM UNPREDICTABLE), except that the
 * 16-bit LDM/STM with writeback is kept when its registers allow it.
 */
const MULTIPLE = new Set(['ldm', 'stm', 'ldmdb', 'stmdb']);

function singleTransfer(inst: Inst): Inst | undefined {
  if (!MULTIPLE.has(inst.mn) || inst.ops.length !== 2) return undefined;
  const [base, list] = inst.ops;
  if (base?.kind !== 'reg' || base.shift || list?.kind !== 'list') return undefined;
  const rt = singleReg(list.mask);
  if (rt === undefined || base.reg === 15) return undefined;
  const load = inst.mn.startsWith('ldm');
  const db = inst.mn.endsWith('db');
  if (!db && base.wb && inst.width !== 'w' && base.reg < 8 && rt < 8 && !(load && rt === base.reg)) return undefined;
  const imm = (v: number): MemOffset => ({ kind: 'imm', expr: { k: 'num', v } });
  const mem: Operand = db
    ? { kind: 'mem', base: base.reg, off: imm(-4), mode: base.wb ? 'pre' : 'offset' }
    : { kind: 'mem', base: base.reg, off: base.wb ? imm(4) : undefined, mode: base.wb ? 'post' : 'offset' };
  return { ...inst, mn: load ? 'ldr' : 'str', ops: [{ kind: 'reg', reg: rt }, mem] };
}

/** Reused for every row tried (encode is not re-entrant), to spare the allocator. */
const BINDS = new Binds();

export function encode(raw: Inst, cx: EncodeCx): Encoded {
  const inst = normalize(raw);
  const rows = TABLE.get(inst.mn);
  if (!rows) throw new EncodeError(inst.text, `unknown instruction '${inst.mn}'`);
  if (cx.it === 'none' && inst.cond !== 14 && inst.mn !== 'b')
    throw new EncodeError(inst.text, 'conditional instruction outside an IT block');

  let best = { score: -1, why: 'invalid operands' };
  const immWhy: { size: number; why: string }[] = [];
  const note = (score: number, why: string): void => { if (score > best.score) best = { score, why }; };

  for (const row of rows) {
    // Operands first, so that the error for a wrong suffix or profile only
    // comes from rows whose operand pattern fits.
    if (row.ops.length !== inst.ops.length) { note(0, `expected ${row.ops.length} operand${row.ops.length === 1 ? '' : 's'}`); continue; }
    const b = BINDS.reset(inst.s ? 1 : 0, inst.cond);
    let bad: string | undefined;
    let k = 0;
    try {
      for (; k < row.ops.length && bad === undefined; k++) bad = matchSlot(row.ops[k]!, inst.ops[k]!, b, cx.eval);
    } catch (e) {
      if (!(e instanceof OperandError || e instanceof ExprError)) throw e;
      bad = e.message;
    }
    if (bad !== undefined) { note(k, bad); continue; }
    if (row.when && !row.when(b)) { note(10, row.whenWhy ?? 'register combination not encodable'); continue; }
    const rule = ruleError(row, inst, cx);
    if (rule) { note(rule.includes('IT block') ? 25 : 20, rule); continue; }
    if (!hasFeature(cx.profile, row.feat)) { note(30, `not available on ${cx.profile.name} (needs ${FEATURE_NAME[row.feat]})`); continue; }
    if (row.size < cx.minSize) continue;
    const ecx: EmitCx = { addr: cx.addr, section: cx.section, optimistic: cx.optimistic };
    try {
      const word = row.emit(b, ecx);
      return { size: row.size, word, reloc: ecx.reloc, row };
    } catch (e) {
      if (!(e instanceof Reject)) throw e;
      if (!e.imm) note(40, e.why);
      else if (!row.alt) immWhy.push({ size: row.size, why: e.why });
    }
  }
  // A row the profile has that only failed on its immediate says the most
  // (`adds r0, r1, #8` on ARMv6-M: 0..7), more than "needs Thumb-2".
  if (immWhy.length > 0) {
    const max = Math.max(...immWhy.map((x) => x.size));
    const reasons = [...new Set(immWhy.filter((x) => x.size === max).map((x) => x.why))];
    throw new EncodeError(inst.text, reasons.join('; '));
  }
  throw new EncodeError(inst.text, best.why);
}

/** Suffix, condition, IT-position and width rules of a row; undefined when they hold. */
function ruleError(row: Row, inst: Inst, cx: EncodeCx): string | undefined {
  if (inst.width === 'n' && row.size !== 2) return 'cannot encode in 16 bits (.n)';
  if (inst.width === 'w' && row.size !== 4) return 'cannot encode in 32 bits (.w)';
  const inIt = cx.it !== 'none';
  switch (row.s) {
    case 'it': if (inst.s === inIt) return inIt ? 'flag-setting form needs 32 bits inside an IT block' : 'this form sets the flags outside an IT block (add the s suffix)'; break;
    case 'no': if (inst.s) return 'no flag-setting (s) form'; break;
    case 'yes': if (!inst.s) return 'only the flag-setting (s) form exists'; break;
    case 'opt': break;
  }
  if (row.cond === 'cond' && (inIt || inst.cond === 14)) return 'not a conditional branch';
  if (row.cond === 'plain' && !inIt && inst.cond !== 14) return 'conditional branch';
  if (row.it === 'out' && inIt) return 'not allowed inside an IT block';
  if (row.it === 'last' && cx.it === 'in') return 'must be the last instruction of an IT block';
  return undefined;
}

/** Tracks an IT block: which condition each following instruction must carry. */
export class ItBlock {
  private conds: number[] = [];
  private next_ = 0;

  /** Starts a block after `it<xyz> firstcond` (mask as encoded). */
  start(firstcond: number, mask: number): void {
    const n = 4 - (31 - Math.clz32(mask & -mask));
    this.conds = [firstcond];
    this.next_ = 0;
    for (let i = 1; i < n; i++) {
      const bit = (mask >> (4 - i)) & 1;
      this.conds.push(firstcond === 14 ? 14 : (firstcond & ~1) | bit);
    }
  }

  get active(): boolean { return this.next_ < this.conds.length; }

  /** Position of the next instruction; checks and consumes its condition. */
  next(cond: number, text: string): ItPos {
    if (this.next_ >= this.conds.length) return 'none';
    const want = this.conds[this.next_++]!;
    if (cond !== want) throw new EncodeError(text, cond === 14 ? 'instruction inside an IT block needs a condition suffix' : 'condition does not match the IT block');
    return this.next_ === this.conds.length ? 'last' : 'in';
  }

  /** Drops the block. */
  reset(): void { this.conds = []; this.next_ = 0; }
}

/** The instruction's bytes, little-endian halfwords (hw1 first for 32-bit encodings). */
export function toBytes(e: Encoded, out: Uint8Array, at: number): void {
  if (e.size === 2) {
    out[at] = e.word & 0xff;
    out[at + 1] = (e.word >> 8) & 0xff;
  } else {
    const hw1 = e.word >>> 16;
    out[at] = hw1 & 0xff;
    out[at + 1] = hw1 >> 8;
    out[at + 2] = e.word & 0xff;
    out[at + 3] = (e.word >> 8) & 0xff;
  }
}
