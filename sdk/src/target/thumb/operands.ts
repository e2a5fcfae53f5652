// Operands and the operand patterns of the instruction table.
//
// The parser (asm.ts) turns text into `Operand`s; the compiler's emitter can
// build them directly. Each table row lists `Slot`s; a slot checks one operand's
// shape and register class and stores what it found in `Binds`. Immediate
// *ranges* are not checked here but by the row's encoder through the checked
// field types of imm.ts, so the range check lives next to the bit layout.
import type { Expr, Value } from './expr.ts';
import type { Reg } from './regs.ts';

export type ShiftType = 'lsl' | 'lsr' | 'asr' | 'ror' | 'rrx';
export const SHIFT_TYPES: readonly ShiftType[] = ['lsl', 'lsr', 'asr', 'ror', 'rrx'];

export interface ShiftOp {
  readonly type: ShiftType;
  /** `#n` amount (absent for RRX and for register shifts). */
  readonly amount?: Expr;
  readonly reg?: Reg;
}

export type MemOffset =
  | { readonly kind: 'imm'; readonly expr: Expr }
  | { readonly kind: 'reg'; readonly reg: Reg; readonly shift?: ShiftOp };

export type Operand =
  | { readonly kind: 'reg'; readonly reg: Reg; readonly shift?: ShiftOp; readonly wb?: boolean }
  | { readonly kind: 'imm'; readonly expr: Expr; readonly half?: 'lower16' | 'upper16' }
  /** A bare expression: a branch target, or a name such as `primask` or `sy`. */
  | { readonly kind: 'expr'; readonly expr: Expr }
  /** `=expr`: load from the literal pool (the assembler rewrites it). */
  | { readonly kind: 'lit'; readonly expr: Expr }
  | { readonly kind: 'mem'; readonly base: Reg; readonly off?: MemOffset; readonly mode: 'offset' | 'pre' | 'post' }
  | { readonly kind: 'list'; readonly mask: number };

/** Register classes. The ARMv7-M manual makes SP and PC UNPREDICTABLE in most
 *  32-bit encodings ("BadReg"), and GNU as rejects them there; `gp` is that set. */
export type RegClass = 'lo' | 'any' | 'nopc' | 'nosp' | 'gp' | 'sp' | 'pc';

export function inClass(r: Reg, c: RegClass): boolean {
  switch (c) {
    case 'lo': return r <= 7;
    case 'any': return true;
    case 'nopc': return r !== 15;
    case 'nosp': return r !== 13;
    case 'gp': return r !== 13 && r !== 15;
    case 'sp': return r === 13;
    case 'pc': return r === 15;
  }
}

/** What a row's slots bound. Fields a row does not use stay 0. */
export class Binds {
  d = 0; n = 0; m = 0; a = 0; t = 0; t2 = 0;
  /** First and second immediate (shift amount, lsb, width, ...). */
  i = 0; j = 0;
  /** Shift of a register operand: index into SHIFT_TYPES, -1 when absent; amount. */
  sht = -1; sha = 0;
  /** Memory: P (pre-index), U (add), W (writeback). */
  p = 0; u = 0; w = 0;
  list = 0;
  /** A name operand's value (system register, barrier option, interrupt mask, ...). */
  opt = 0;
  /** 1 when the mnemonic has the S suffix. */
  s = 0;
  cond = 14;
  /** A label or symbol operand. */
  val: Value | undefined = undefined;
  /** `#:lower16:`/`#:upper16:` on an immediate. */
  half: 'lower16' | 'upper16' | undefined = undefined;

  /** Back to the initial state (the encoder reuses one Binds for every row it tries). */
  reset(s: number, cond: number): this {
    this.d = this.n = this.m = this.a = this.t = this.t2 = this.i = this.j = 0;
    this.sht = -1;
    this.sha = this.p = this.u = this.w = this.list = this.opt = 0;
    this.s = s;
    this.cond = cond;
    this.val = this.half = undefined;
    return this;
  }
}

export type RegField = 'd' | 'n' | 'm' | 'a' | 't' | 't2';
export type ImmField = 'i' | 'j';

/** Evaluates an operand expression in the current pass. */
export type Evaluator = (e: Expr) => Value;

export type Slot =
  /** A register; `shift: true` also accepts `, <shift> #n` (bound in sht/sha). */
  | { readonly k: 'reg'; readonly f: RegField; readonly cls: RegClass; readonly shift?: boolean; readonly wb?: boolean }
  /** `#imm` (or a bare constant) that must evaluate to a number. */
  | { readonly k: 'imm'; readonly f: ImmField; readonly half?: boolean }
  /** A name from a fixed set (bound in `opt`). */
  | { readonly k: 'name'; readonly names: Readonly<Record<string, number>> }
  /** A branch or address target (bound in `val`). */
  | { readonly k: 'label' }
  /** `[Rn]`, `[Rn, #imm]`, `[Rn, #imm]!`, `[Rn], #imm` (bound in n, i, p, u, w). */
  | { readonly k: 'memImm'; readonly base: RegClass; readonly modes: readonly MemMode[] }
  /** `[Rn, Rm]` or `[Rn, Rm, lsl #n]` (bound in n, m, sha). */
  | { readonly k: 'memReg'; readonly base: RegClass; readonly index: RegClass; readonly shift: boolean }
  | { readonly k: 'list'; readonly ok: (mask: number) => boolean };

// Slot constructors, so table rows read like the manuals' syntax lines.
export const R = (f: RegField, cls: RegClass = 'gp'): Slot => ({ k: 'reg', f, cls });
export const RS = (f: RegField, cls: RegClass = 'gp'): Slot => ({ k: 'reg', f, cls, shift: true });
export const RW = (f: RegField, cls: RegClass = 'gp'): Slot => ({ k: 'reg', f, cls, wb: true });
export const I = (f: ImmField = 'i'): Slot => ({ k: 'imm', f });
export const I16 = (): Slot => ({ k: 'imm', f: 'i', half: true });
export const NAME = (names: Readonly<Record<string, number>>): Slot => ({ k: 'name', names });
export const LABEL: Slot = { k: 'label' };
/** `bare` is `[Rn]` with no offset written. */
export type MemMode = 'offset' | 'pre' | 'post' | 'bare';
export const MI = (base: RegClass, ...modes: MemMode[]): Slot => ({ k: 'memImm', base, modes });
export const MR = (base: RegClass, index: RegClass, shift = true): Slot => ({ k: 'memReg', base, index, shift });
export const LIST = (ok: (mask: number) => boolean): Slot => ({ k: 'list', ok });

/** Checks one operand against one slot; returns a mismatch reason or undefined. */
export function matchSlot(slot: Slot, op: Operand, b: Binds, ev: Evaluator): string | undefined {
  switch (slot.k) {
    case 'reg': {
      if (op.kind !== 'reg') return 'expected a register';
      if (!inClass(op.reg, slot.cls)) return classReason(slot.cls, op.reg);
      if (op.wb && !slot.wb) return "unexpected '!'";
      if (op.shift) {
        if (!slot.shift) return 'shifted register not allowed here';
        if (op.shift.reg !== undefined) return 'register-controlled shift not allowed here';
        b.sht = SHIFT_TYPES.indexOf(op.shift.type);
        b.sha = op.shift.amount ? constant(ev(op.shift.amount)) : 0;
      } else if (slot.shift) b.sht = -1;
      b[slot.f] = op.reg;
      if (slot.wb) b.w = op.wb ? 1 : 0;
      return undefined;
    }
    case 'imm': {
      if (op.kind !== 'imm' && op.kind !== 'expr') return 'expected an immediate';
      if (op.kind === 'imm' && op.half) {
        if (!slot.half) return `#:${op.half}: not allowed here`;
        const v = ev(op.expr);
        b.half = op.half;
        if (v.k === 'abs') b[slot.f] = op.half === 'lower16' ? v.v & 0xffff : (v.v >>> 16) & 0xffff;
        else { b.val = v; b[slot.f] = 0; }
        return undefined;
      }
      const v = ev(op.expr);
      if (v.k !== 'abs') return op.kind === 'expr' ? 'expected an immediate' : 'immediate must be a constant';
      b[slot.f] = signed32(v.v);
      return undefined;
    }
    case 'name': {
      if (op.kind !== 'expr' || op.expr.k !== 'sym') return 'expected a name';
      const v = slot.names[op.expr.name.toLowerCase()];
      if (v === undefined) return `unexpected '${op.expr.name}'`;
      b.opt = v;
      return undefined;
    }
    case 'label': {
      if (op.kind !== 'expr') return 'expected a label';
      b.val = ev(op.expr);
      return undefined;
    }
    case 'memImm': {
      if (op.kind !== 'mem' || (op.off && op.off.kind !== 'imm')) return 'expected [Rn, #imm]';
      if (slot.modes.includes('bare')) { if (op.off) return 'no offset allowed here'; } else if (!slot.modes.includes(op.mode)) return `${op.mode === 'offset' ? 'offset' : op.mode + '-indexed'} addressing not allowed here`;
      if (!inClass(op.base, slot.base)) return classReason(slot.base, op.base);
      const e = op.off?.expr;
      const off = e ? signed32(constant(ev(e))) : 0;
      b.n = op.base;
      b.i = off;
      // `#-0` subtracts: GNU as keeps the sign of a written zero.
      b.u = off > 0 || (off === 0 && !(e && isNegZero(e))) ? 1 : 0;
      b.p = op.mode === 'post' ? 0 : 1;
      b.w = op.mode === 'offset' ? 0 : 1;
      return undefined;
    }
    case 'memReg': {
      if (op.kind !== 'mem' || op.mode !== 'offset' || !op.off || op.off.kind !== 'reg') return 'expected [Rn, Rm]';
      if (!inClass(op.base, slot.base)) return classReason(slot.base, op.base);
      if (!inClass(op.off.reg, slot.index)) return classReason(slot.index, op.off.reg);
      b.n = op.base;
      b.m = op.off.reg;
      b.sha = 0;
      const sh = op.off.shift;
      b.sht = sh ? 0 : -1;
      if (sh) {
        if (!slot.shift) return 'shifted index not allowed here';
        if (sh.type !== 'lsl' || !sh.amount) return 'index shift must be lsl #n';
        b.sha = constant(ev(sh.amount));
      }
      return undefined;
    }
    case 'list': {
      if (op.kind !== 'list') return 'expected a register list';
      if (!slot.ok(op.mask)) return 'register list not allowed here';
      b.list = op.mask;
      return undefined;
    }
  }
}

/** A 32-bit pattern and its signed reading are the same immediate (#0xffffffff is #-1). */
const signed32 = (v: number): number => (v >= 2 ** 31 && v < 2 ** 32 ? v - 2 ** 32 : v);

function isNegZero(e: Expr): boolean {
  return (e.k === 'num' && Object.is(e.v, -0)) || (e.k === 'un' && e.op === '-' && e.e.k === 'num' && e.e.v === 0);
}

function constant(v: Value): number {
  if (v.k !== 'abs') throw new OperandError('expected a constant');
  return v.v;
}

export class OperandError extends Error {}

function classReason(c: RegClass, r: Reg): string {
  switch (c) {
    case 'lo': return `r${r} is not a low register (r0-r7)`;
    case 'sp': return 'expected sp';
    case 'pc': return 'expected pc';
    case 'nopc': return 'pc not allowed here';
    case 'nosp': return 'sp not allowed here';
    default: return r === 13 ? 'sp not allowed here' : r === 15 ? 'pc not allowed here' : 'register not allowed here';
  }
}
