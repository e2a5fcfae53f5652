// Form matching: (mnemonic, operands) -> encoded instructions, relaxable
// branches/jumps, or a macro expansion. This is GNU as's riscv_ip() loop over
// forms.ts: try each form of the mnemonic in order; a form whose extension is
// missing from the profile is skipped (so is a compressed form under
// `.option norvc`); the first form whose operands all match wins.
//
// Operand checks either *fail softly* (try the next form: wrong register
// class, immediate out of a compressed range) or fail *hard* (GNU as reports
// an error even though the form matched: `lui` immediate > 0xfffff, shift
// amount >= 32, CSR immediate > 31). When nothing matches, the reason from the
// form that matched the most operands is reported, with the source text.
import { evalExpr, ExprError, type Resolver, type Value } from './expr.ts';
import { encodeOp, immError, wordBytes, EncodeError } from './encode.ts';
import { formsOf, type Form, type Guard } from './forms.ts';
import { expandMacro } from './macros.ts';
import type { Operand } from './operands.ts';
import type { Profile } from './profile.ts';
import { csrNumber, gprName, isCompressibleReg } from './regs.ts';
import type { RelocType } from './reloc.ts';
import { opDef, type Fields, type ImmKind } from './table.ts';

export class AsmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AsmError';
  }
}

/** A symbolic reference: symbol + addend. */
export interface SymRef {
  sym: string;
  add: number;
}

export type BranchOp = 'beq' | 'bne' | 'blt' | 'bge' | 'bltu' | 'bgeu';

export type Emitted =
  /** fragEnd: GNU as starts a new frag after this instruction (layout.ts explains why it matters). */
  | { kind: 'insn'; bytes: Uint8Array; reloc?: { type: RelocType; target: SymRef }; label?: string; fragEnd?: boolean }
  | { kind: 'branch'; op: BranchOp; rs1: number; rs2: number; rvc: boolean; target: SymRef; text: string }
  | { kind: 'jump'; rd: number; rvc: boolean; target: SymRef; text: string };

export interface MatchCtx {
  readonly profile: Profile;
  /** `.option rvc` state: compressed forms are tried only when true. */
  readonly rvc: boolean;
  readonly resolver: Resolver;
  /** A fresh assembler-internal label name (for `la`'s %pcrel_lo anchor). */
  tempLabel(): string;
}

// --- operand kinds -----------------------------------------------------------

/**
 * Immediate operand kinds used in forms.ts patterns (GNU as operand letter in
 * parentheses): i12 ALU immediate with %lo (j), o12 load/jalr offset (o), s12
 * store offset (q), 0 AMO offset that must be zero, u20 lui/auipc field with
 * %hi/%pcrel_hi (u), shamt (>), csr (E), uimm5 CSR immediate (Z), pred/succ
 * fence sets (P/Q), target branch/jump label (p/a), call (c), li constant (I),
 * la symbol or constant (B), sym symbol (A), zimm literal 0 (z), and the
 * compressed kinds: c.imm6 (Co), c.nzimm6 (Cj), c.shamt (C>), c.lwsp (Cm),
 * c.swsp (CM), c.lw (Ck), c.addi4spn (CK), c.addi16sp (CL), c.lui (Cu),
 * c.li_lui (Cv: li of N*4096 as c.lui).
 */
const IMM_KINDS = [
  'i12', 'o12', 's12', '0', 'u20', 'shamt', 'csr', 'uimm5', 'pred', 'succ',
  'target', 'call', 'li', 'la', 'sym', 'zimm',
  'c.imm6', 'c.nzimm6', 'c.shamt', 'c.lwsp', 'c.swsp', 'c.lw', 'c.addi4spn', 'c.addi16sp', 'c.lui', 'c.li_lui',
] as const;
type ImmK = (typeof IMM_KINDS)[number];

function immKind(s: string): ImmK {
  if (!(IMM_KINDS as readonly string[]).includes(s)) throw new Error(`internal: unknown operand kind \`${s}\` in forms.ts`);
  return s as ImmK;
}

/** Compressed immediate kinds and the table.ts spec that bounds them. */
const C_KIND_SPEC: Partial<Record<ImmK, ImmKind>> = {
  'c.imm6': 'CI6', 'c.nzimm6': 'CI6', 'c.shamt': 'CSHAMT', 'c.lwsp': 'CLWSP', 'c.swsp': 'CSWSP',
  'c.lw': 'CLW', 'c.addi4spn': 'C4SPN', 'c.addi16sp': 'C16SP', 'c.lui': 'CLUI', 'c.li_lui': 'CLUI',
};

type RegTok = { t: 'reg'; field: 'rd' | 'rs1' | 'rs2'; c: boolean } | { t: 'eq'; field: 'rd' | 'rs1' } | { t: 'fixed'; reg: number };
type Tok = RegTok | { t: 'imm'; kind: ImmK } | { t: 'mem'; kind: ImmK; base: RegTok };

function parseRegTok(s: string): RegTok {
  if (s === 'sp') return { t: 'fixed', reg: 2 };
  if (s === 'zero') return { t: 'fixed', reg: 0 };
  if (s === '=rd' || s === '=rs1') return { t: 'eq', field: s.slice(1) as 'rd' | 'rs1' };
  const c = s.endsWith("'");
  const field = c ? s.slice(0, -1) : s;
  if (field !== 'rd' && field !== 'rs1' && field !== 'rs2') throw new Error(`internal: bad operand pattern ${s}`);
  return { t: 'reg', field, c };
}

const REG_WORDS = /^(=?(rd|rs1|rs2)'?|sp|zero)$/;
const PATTERNS = new Map<string, Tok[]>();
function pattern(args: string): Tok[] {
  let toks = PATTERNS.get(args);
  if (!toks) {
    toks = args === '' ? [] : args.split(',').map((raw) => {
      const s = raw.trim();
      const m = /^([\w.]+)\((.+)\)$/.exec(s);
      if (m) return { t: 'mem', kind: immKind(m[1]!), base: parseRegTok(m[2]!) };
      return REG_WORDS.test(s) ? parseRegTok(s) : { t: 'imm', kind: immKind(s) };
    });
    PATTERNS.set(args, toks);
  }
  return toks;
}

// --- one matching attempt ------------------------------------------------------

class Soft {
  /**
   * `at`: how many operands matched before this one failed; `shape`: the operand
   * had the wrong kind (register vs immediate vs memory), which makes a worse
   * explanation than a value out of range. Both pick the error to report.
   */
  constructor(readonly why: string, readonly at = 0, readonly shape = false) {}
}

function shapeMismatch(why: string): Soft {
  return new Soft(why, 0, true);
}

interface Attempt {
  fields: Fields;
  reloc?: { type: RelocType; target: SymRef };
  target?: SymRef;
  /** Operand of a macro (li value, la/call/load symbol). */
  value?: Value;
  /** A lui/auipc-style 20-bit operand: GNU as tags it %hi even when constant. */
  upper?: boolean;
}

const FENCE_SETS = ['', 'w', 'r', 'rw', 'o', 'ow', 'or', 'orw', 'i', 'iw', 'ir', 'irw', 'io', 'iow', 'ior', 'iorw'];

/** RV32 view of a constant: 0x80000000..0xffffffff read as negative (GNU normalize_constant_expr). */
export function norm32(v: bigint): bigint {
  return v >= 0x80000000n && v <= 0xffffffffn ? v - 0x100000000n : v;
}

/** %lo and %hi of a constant: lo12 is sign-extended, so hi20 rounds up when bit 11 is set. */
function lo12(v: bigint): number {
  return Number(BigInt.asIntN(12, v));
}
function hi20(v: bigint): number {
  return Number(((v + 0x800n) >> 12n) & 0xfffffn);
}

function symRef(v: Value): SymRef {
  return { sym: v.sym!, add: Number(BigInt.asIntN(32, v.add)) };
}

class Matcher {
  constructor(readonly ctx: MatchCtx, readonly text: string) {}

  value(e: Operand & { kind: 'imm' }): Value {
    try {
      return evalExpr(e.imm.expr, this.ctx.resolver);
    } catch (err) {
      if (err instanceof ExprError) throw new Soft(err.message);
      throw err;
    }
  }

  hard(msg: string): never {
    throw new AsmError(`${msg}: \`${this.text}\``);
  }

  reg(tok: RegTok, op: Operand, a: Attempt): void {
    if (op.kind !== 'reg') throw shapeMismatch(`expected a register, got \`${op.text}\``);
    this.regValue(tok, op.reg, a);
  }

  regValue(tok: RegTok, r: number, a: Attempt): void {
    if (tok.t === 'fixed') {
      if (r !== tok.reg) throw shapeMismatch(`expected ${tok.reg === 2 ? 'sp' : 'zero'}`);
    } else if (tok.t === 'eq') {
      if (a.fields[tok.field] !== r) throw new Soft(`register must equal the destination`);
    } else {
      if (tok.c && !isCompressibleReg(r)) throw new Soft(`register ${gprName(r)} is not one of x8..x15 (s0, s1, a0-a5)`);
      a.fields[tok.field] = r;
    }
  }

  /** Immediate operand (or a memory operand's offset) of kind `k`. */
  imm(k: ImmK, op: Operand, a: Attempt, memOff?: { off: Operand | null }): void {
    if (memOff && memOff.off === null) {
      // `(reg)` with no offset: an implicit 0 wherever GNU as allows it.
      if (k === 'o12' || k === 's12' || k === '0' || k === 'c.lwsp' || k === 'c.swsp' || k === 'c.lw') {
        a.fields.imm = 0;
        return;
      }
      throw new Soft('missing offset');
    }
    if (op.kind === 'bad') throw new Soft(op.error);
    if (op.kind === 'reg' && (k === 'target' || k === 'call' || k === 'sym' || k === 'la')) {
      // GNU as would take the register name as a symbol here (`jal a0` jumps to
      // a symbol named a0); that is never what the author meant, so we refuse.
      throw shapeMismatch(`expected a symbol, got register \`${op.text}\` (GNU as would read it as a symbol name)`);
    }
    if (op.kind !== 'imm') throw shapeMismatch(`expected an immediate, got \`${op.text}\``);
    const rel = op.imm.reloc;
    const cKind = C_KIND_SPEC[k];
    if (cKind) {
      if (rel) throw new Soft('compressed forms take no relocation operator');
      const v = this.value(op);
      if (v.sym !== null) throw new Soft('compressed forms need a constant');
      let n = v.add;
      if (k === 'c.li_lui') {
        // li rd, N*4096 as c.lui: N is the upper 20 bits of the 32-bit value.
        if ((n & 0xfffn) !== 0n || BigInt.asIntN(32, n) !== n) throw new Soft('not a c.lui value');
        n = BigInt.asUintN(32, n) >> 12n;
      }
      if (k === 'c.nzimm6' && n === 0n) throw new Soft('immediate must be nonzero');
      if (n < -(1n << 40n) || n > 1n << 40n) throw new Soft('immediate out of range');
      const err = immError(cKind, Number(n));
      if (err) throw new Soft(err);
      a.fields.imm = Number(n);
      return;
    }
    switch (k) {
      case 'i12':
      case 'o12':
      case 's12':
      case '0': {
        const v = this.value(op);
        if (rel !== null) {
          if (k === '0' || rel === 'hi' || rel === 'pcrel_hi') throw new Soft(`%${rel} is not allowed here`);
          const s = k === 's12';
          if (v.sym === null) {
            if (rel === 'pcrel_lo') throw new Soft('%pcrel_lo needs a label');
            a.fields.imm = lo12(v.add);
            return;
          }
          const type: RelocType = rel === 'lo' ? (s ? 'R_RISCV_LO12_S' : 'R_RISCV_LO12_I') : s ? 'R_RISCV_PCREL_LO12_S' : 'R_RISCV_PCREL_LO12_I';
          a.reloc = { type, target: symRef(v) };
          // GNU as leaves %lo(addend) in the field (the linker overwrites it).
          a.fields.imm = rel === 'lo' ? lo12(v.add) : 0;
          return;
        }
        if (v.sym !== null) throw new Soft(`\`${op.text}\` is not a constant`);
        const n = norm32(v.add);
        if (k === '0') {
          if (n !== 0n) throw new Soft('offset must be 0');
        } else if (n < -2048n || n > 2047n) {
          throw new Soft(`immediate ${op.text} out of range (-2048..2047)`);
        }
        a.fields.imm = Number(n);
        return;
      }
      case 'u20': {
        a.upper = true;
        const v = this.value(op);
        if (rel === 'hi' || rel === 'pcrel_hi') {
          if (v.sym === null) {
            if (rel === 'pcrel_hi') throw new Soft('%pcrel_hi needs a symbol');
            a.fields.imm = hi20(v.add);
            return;
          }
          a.reloc = { type: rel === 'hi' ? 'R_RISCV_HI20' : 'R_RISCV_PCREL_HI20', target: symRef(v) };
          // As for %lo: GNU as leaves %hi(addend) in the field.
          a.fields.imm = rel === 'hi' ? hi20(v.add) : 0;
          return;
        }
        if (rel !== null) throw new Soft(`%${rel} is not allowed here`);
        if (v.sym !== null) throw new Soft(`\`${op.text}\` is not a constant`);
        if (v.add < 0n || v.add > 0xfffffn) this.hard('lui/auipc immediate not in range 0..1048575');
        a.fields.imm = Number(v.add);
        return;
      }
      case 'shamt':
      case 'uimm5': {
        if (rel !== null) throw new Soft(`%${rel} is not allowed here`);
        const v = this.value(op);
        if (v.sym !== null) this.hard(`${k === 'shamt' ? 'shift amount' : 'CSR immediate'} must be a constant`);
        if (v.add < 0n || v.add > 31n) this.hard(k === 'shamt' ? `improper shift amount (${v.add})` : `improper CSR immediate (${v.add}), must be 0..31`);
        a.fields.imm = Number(v.add);
        return;
      }
      case 'csr': {
        const byName = rel === null && op.imm.expr.k === 'sym' ? csrNumber(op.imm.expr.name) : undefined;
        if (byName !== undefined) {
          a.fields.csr = byName;
          return;
        }
        const v = this.value(op);
        if (v.sym !== null) this.hard(`unknown CSR \`${op.text}\``);
        if (v.add < 0n || v.add > 0xfffn) this.hard(`improper CSR address (${v.add})`);
        a.fields.csr = Number(v.add);
        return;
      }
      case 'pred':
      case 'succ': {
        const i = FENCE_SETS.indexOf(op.text);
        if (i <= 0) throw new Soft(`bad fence set \`${op.text}\``);
        a.fields[k] = i;
        return;
      }
      case 'zimm': {
        const v = this.value(op);
        if (rel !== null || v.sym !== null || v.add !== 0n) throw new Soft('expected 0');
        return;
      }
      case 'target':
      case 'call':
      case 'sym':
      case 'la':
      case 'li': {
        if (rel !== null) throw new Soft(`%${rel} is not allowed here`);
        const v = this.value(op);
        if (k === 'li') {
          if (v.sym !== null) throw new Soft(`\`${op.text}\` is not a constant`);
        } else if (k !== 'la' && v.sym === null) {
          if (k === 'sym') throw new Soft('expected a symbol');
          this.hard(`${k === 'call' ? 'call' : 'branch'} target must be a symbol or label`);
        }
        if (k === 'target') a.target = symRef(v);
        else a.value = v;
        return;
      }
    }
    throw new Error(`internal: operand kind ${k}`);
  }

  attempt(form: Form, ops: Operand[]): Attempt {
    const toks = pattern(form.args);
    if (toks.length !== ops.length) throw new Soft(`expected ${toks.length} operand${toks.length === 1 ? '' : 's'}, got ${ops.length}`);
    const a: Attempt = { fields: { ...form.set } };
    toks.forEach((tok, i) => {
      const op = ops[i]!;
      try {
        if (tok.t === 'imm') this.imm(tok.kind, op, a);
        else if (tok.t === 'mem') {
          if (op.kind !== 'mem') throw shapeMismatch(`expected a memory operand offset(reg), got \`${op.text}\``);
          if (op.badOff) throw new Soft(op.badOff);
          this.regValue(tok.base, op.base, a);
          const off: Operand | null = op.off ? { kind: 'imm', text: op.text.slice(0, op.text.lastIndexOf('(')).trim(), imm: op.off, plt: false } : null;
          this.imm(tok.kind, off ?? op, a, { off });
        } else this.reg(tok, op, a);
      } catch (e) {
        if (e instanceof Soft) throw new Soft(e.why, i, e.shape);
        throw e;
      }
    });
    if (form.guard && !guardHolds(form.guard, a.fields)) throw new Soft(`operands not allowed for ${form.mn}`, toks.length);
    return a;
  }
}

/** Parses every pattern and checks every target op exists (a test calls this). */
export function validateForms(mnemonics: readonly string[]): void {
  for (const mn of mnemonics) {
    for (const form of formsOf(mn)) {
      pattern(form.args);
      if (!form.op.startsWith('@')) opDef(form.op);
    }
  }
}

function guardHolds(g: Guard, f: Fields): boolean {
  const rd = f.rd ?? 0;
  switch (g) {
    case 'rd!=0': return rd !== 0;
    case 'rs1!=0': return (f.rs1 ?? 0) !== 0;
    case 'c_add': return rd !== 0 && (f.rs2 ?? 0) !== 0;
    case 'rs2!=0': return (f.rs2 ?? 0) !== 0;
    case 'rd==0': return rd === 0;
    case 'c_lui': return rd !== 0 && rd !== 2;
    case 'rd!=2': return rd !== 2;
    case 'c_slli': return rd !== 0 && (f.imm ?? 0) !== 0;
    case 'imm!=0': return (f.imm ?? 0) !== 0;
  }
}

const EXT_NAMES: Record<string, string> = { m: 'M', a: 'A', c: 'C', zicsr: 'Zicsr', zifencei: 'Zifencei', i: 'I' };
const BRANCHES: ReadonlySet<string> = new Set(['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu']);

/**
 * Assembles one instruction statement. `text` is the source text, used in
 * every error message.
 */
export function matchInstruction(mn: string, ops: Operand[], ctx: MatchCtx, text: string): Emitted[] {
  const forms = formsOf(mn);
  if (forms.length === 0) throw new AsmError(`unknown instruction \`${mn}\`: \`${text}\``);
  const m = new Matcher(ctx, text);
  let best: { progress: number; why: string } | undefined;
  let missingExt: string | undefined;
  for (const form of forms) {
    if (!ctx.profile.exts.has(form.ext)) {
      missingExt ??= form.ext;
      continue;
    }
    if (form.ext === 'c' && !ctx.rvc) {
      if (mn.startsWith('c.')) best ??= { progress: -1, why: 'compressed instructions are disabled (.option norvc)' };
      continue;
    }
    let a: Attempt;
    try {
      a = m.attempt(form, ops);
    } catch (e) {
      if (!(e instanceof Soft)) throw e;
      // Report the form that got furthest; on a tie prefer a value problem over
      // a wrong operand kind, and the uncompressed form's reason (the user wrote
      // `addi`, not `c.addi`).
      const progress = e.at * 4 + (e.shape ? 0 : 2) - (form.ext === 'c' && !mn.startsWith('c.') ? 1 : 0);
      if (!best || progress > best.progress) best = { progress, why: e.why };
      continue;
    }
    return emit(form, a, ctx, text);
  }
  if (!best && missingExt) {
    throw new AsmError(`\`${mn}\` needs the ${EXT_NAMES[missingExt]} extension, which profile ${ctx.profile.name} lacks: \`${text}\``);
  }
  throw new AsmError(`${best?.why ?? 'illegal operands'}: \`${text}\``);
}

function emit(form: Form, a: Attempt, ctx: MatchCtx, text: string): Emitted[] {
  if (form.op.startsWith('@')) return expandMacro(form, a.fields, a.value ?? { sym: null, add: 0n }, ctx, text);
  if (a.target) {
    const f = a.fields;
    if (form.op === 'c.beqz' || form.op === 'c.bnez') {
      return [{ kind: 'branch', op: form.op === 'c.beqz' ? 'beq' : 'bne', rs1: f.rs1!, rs2: 0, rvc: true, target: a.target, text }];
    }
    if (BRANCHES.has(form.op)) {
      return [{ kind: 'branch', op: form.op as BranchOp, rs1: f.rs1 ?? 0, rs2: f.rs2 ?? 0, rvc: false, target: a.target, text }];
    }
    if (form.op === 'c.j' || form.op === 'c.jal') return [{ kind: 'jump', rd: form.op === 'c.j' ? 0 : 1, rvc: true, target: a.target, text }];
    return [{ kind: 'jump', rd: f.rd ?? 0, rvc: false, target: a.target, text }];
  }
  const d = opDef(form.op);
  try {
    const bytes = wordBytes(encodeOp(d, a.fields, text), d.size);
    return [{ kind: 'insn', bytes, ...(a.reloc ? { reloc: a.reloc } : {}), ...(a.upper ? { fragEnd: true } : {}) }];
  } catch (e) {
    if (e instanceof EncodeError) throw new AsmError(e.message);
    throw e;
  }
}
