// The Thumb target's public surface: the assembler for `asm!`/naked functions
// and hand-written port code, and a direct encoder for the compiler's emitter
// (which builds `Inst`s instead of text, so nothing is parsed twice).
//
//   assemble(src, { profile: 'thumbv7m' })  -> { object: { sections, undefinedSymbols }, errors, listing }
//   encodeInst(inst('adds', reg(0), reg(1), imm(1)), 'thumbv6m') -> Uint8Array
import { encode, EncodeError, splitMnemonic, toBytes, type Inst, type ItPos } from './encode.ts';
import { evaluate, num, sym } from './expr.ts';
import type { MemOffset, Operand, ShiftType } from './operands.ts';
import { profile as byName, type Profile, type ProfileName } from './profile.ts';
import type { Reg } from './regs.ts';

export { assemble, assembleOrThrow, assembleStatements, AsmError } from './assemble.ts';
export { parseAsm, type Stmt } from './asm.ts';
export type { AsmDiagnostic, AsmObject, AsmReloc, AsmResult, AsmSection, AsmSymbol, AssembleOptions, ListingEntry } from './assemble.ts';
export { encode, EncodeError, ItBlock, splitMnemonic, TABLE } from './encode.ts';
export type { EncodeCx, Encoded, Inst, ItPos, Mnemonic } from './encode.ts';
export { PROFILES, profile, hasFeature } from './profile.ts';
export type { Feature, Profile, ProfileName } from './profile.ts';
export type { Operand, ShiftType } from './operands.ts';
export type { RelocType } from './table.ts';
export { modImm, expandModImm } from './imm.ts';
export { parseReg, regName, SP, LR, PC, type Reg } from './regs.ts';

// ---------------------------------------------------------------- operand builders

export const reg = (r: Reg): Operand => ({ kind: 'reg', reg: r });
/** `Rn!` (LDM/STM writeback). */
export const regWb = (r: Reg): Operand => ({ kind: 'reg', reg: r, wb: true });
export const shifted = (r: Reg, type: ShiftType, amount = 0): Operand =>
  ({ kind: 'reg', reg: r, shift: type === 'rrx' ? { type } : { type, amount: num(amount) } });
export const imm = (v: number): Operand => ({ kind: 'imm', expr: num(v) });
/** A branch/ADR/LDR target or a name operand (`primask`, `sy`, `eq`). */
export const label = (name: string): Operand => ({ kind: 'expr', expr: sym(name) });
/** `#:lower16:name` / `#:upper16:name` for MOVW/MOVT. */
export const half = (name: string, which: 'lower16' | 'upper16'): Operand => ({ kind: 'imm', expr: sym(name), half: which });
/** `[base]`, `[base, #off]`, `[base, Rm{, lsl #n}]`, with pre (`!`) or post indexing. */
export function mem(base: Reg, off?: number | { reg: Reg; lsl?: number }, mode: 'offset' | 'pre' | 'post' = 'offset'): Operand {
  let o: MemOffset | undefined;
  if (typeof off === 'number') o = { kind: 'imm', expr: num(off) };
  else if (off) o = { kind: 'reg', reg: off.reg, shift: off.lsl ? { type: 'lsl', amount: num(off.lsl) } : undefined };
  return { kind: 'mem', base, off: o, mode };
}
export const regList = (...regs: Reg[]): Operand => ({ kind: 'list', mask: regs.reduce((m, r) => m | (1 << r), 0) });

/** An instruction from a unified-syntax mnemonic (`addseq.w`) and operands. */
export function inst(mnemonic: string, ...ops: Operand[]): Inst {
  const m = splitMnemonic(mnemonic);
  if (!m) throw new EncodeError(mnemonic, `unknown instruction '${mnemonic}'`);
  return { ...m, ops, text: mnemonic };
}

/**
 * Encodes one instruction that references no labels (for labels, relaxation
 * and relocations use `assemble`). Throws `EncodeError` naming the
 * instruction when no encoding exists on the profile.
 */
export function encodeInst(i: Inst, prof: Profile | ProfileName, it: ItPos = 'none'): Uint8Array {
  const p = typeof prof === 'string' ? byName(prof) : prof;
  const e = encode(i, { profile: p, it, addr: 0, section: '.text', optimistic: false, minSize: 0, eval: (x) => evaluate(x, { lookup: () => undefined }) });
  if (e.reloc) throw new EncodeError(i.text, 'instruction needs a relocation; use assemble()');
  const out = new Uint8Array(e.size);
  toBytes(e, out, 0);
  return out;
}
