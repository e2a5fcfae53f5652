// Pseudo-instructions that expand to several instructions, expanded exactly
// as GNU as expands them (tc-riscv.c `macro`):
//
// - li / la-of-a-constant: `load_const`: lui for the upper part (if nonzero),
//   then addi for the lower 12 bits (if nonzero, or if there was no lui). Both
//   go back through the form table, so each may be compressed (GNU as builds
//   them as text with md_assemblef).
// - la / lla, `lw rd, sym`, `sw rs, sym, tmp`: auipc with %pcrel_hi(sym) and
//   a second instruction with %pcrel_lo pointing at a label on the auipc.
//   Never compressed (GNU as builds them with macro_build).
// - call / tail / jump: auipc + jalr with one R_RISCV_CALL_PLT relocation.
// - sext.b, sext.h, zext.h: shift left then shift right (compressible).
import type { Value } from './expr.ts';
import type { Form } from './forms.ts';
import { matchInstruction, norm32, AsmError, type Emitted, type MatchCtx, type SymRef } from './match.ts';
import type { Operand } from './operands.ts';
import type { RelocType } from './reloc.ts';
import { encodeOp, wordBytes } from './encode.ts';
import { opDef, type Fields } from './table.ts';

const R = (reg: number): Operand => ({ kind: 'reg', text: `x${reg}`, reg });
const I = (v: bigint): Operand => ({ kind: 'imm', text: String(v), imm: { reloc: null, expr: { k: 'num', v } }, plt: false });

/** An uncompressed instruction (GNU as's macro_build path). */
function base(op: string, f: Fields, reloc?: { type: RelocType; target: SymRef }, label?: string, fragEnd = false): Emitted {
  const d = opDef(op);
  return { kind: 'insn', bytes: wordBytes(encodeOp(d, f), d.size), ...(reloc ? { reloc } : {}), ...(label ? { label } : {}), ...(fragEnd ? { fragEnd } : {}) };
}

function asRef(v: Value): SymRef {
  return { sym: v.sym!, add: Number(BigInt.asIntN(32, v.add)) };
}

/** GNU as load_const for RV32: `rd = v` with lui/addi, each through the form table. */
export function loadConst(rd: number, value: bigint, ctx: MatchCtx, text: string): Emitted[] {
  const v = norm32(value);
  if (v < -0x80000000n || v > 0x7fffffffn) throw new AsmError(`constant ${value} does not fit in 32 bits: \`${text}\``);
  const lower = ((v & 0xfffn) ^ 0x800n) - 0x800n;
  const upper = v - lower;
  const out: Emitted[] = [];
  let hiReg = 0;
  if (upper !== 0n) {
    out.push(...matchInstruction('lui', [R(rd), I(BigInt.asUintN(32, upper) >> 12n)], ctx, text));
    hiReg = rd;
  }
  if (lower !== 0n || hiReg === 0) out.push(...matchInstruction('addi', [R(rd), R(hiReg), I(lower)], ctx, text));
  return out;
}

/** auipc tmp, %pcrel_hi(sym); <op> with %pcrel_lo of a label on the auipc. */
function pcrelPair(tmp: number, v: Value, second: (lo: { type: RelocType; target: SymRef }) => Emitted, loType: RelocType, ctx: MatchCtx): Emitted[] {
  const label = ctx.tempLabel();
  return [
    base('auipc', { rd: tmp }, { type: 'R_RISCV_PCREL_HI20', target: asRef(v) }, label, true),
    second({ type: loType, target: { sym: label, add: 0 } }),
  ];
}

export function expandMacro(form: Form, f: Fields, v: Value, ctx: MatchCtx, text: string): Emitted[] {
  const rd = f.rd ?? 0;
  switch (form.op) {
    case '@li':
      return loadConst(rd, v.add, ctx, text);
    case '@la':
      if (v.sym === null) return loadConst(rd, v.add, ctx, text);
      return pcrelPair(rd, v, (lo) => base('addi', { rd, rs1: rd }, lo), 'R_RISCV_PCREL_LO12_I', ctx);
    case '@lx':
      return pcrelPair(rd, v, (lo) => base(form.mn, { rd, rs1: rd }, lo), 'R_RISCV_PCREL_LO12_I', ctx);
    case '@sx': {
      const tmp = f.rs1!;
      return pcrelPair(tmp, v, (lo) => base(form.mn, { rs2: f.rs2!, rs1: tmp }, lo), 'R_RISCV_PCREL_LO12_S', ctx);
    }
    case '@call': {
      const tmp = f.rs1!;
      return [
        base('auipc', { rd: tmp }, { type: 'R_RISCV_CALL_PLT', target: asRef(v) }),
        base('jalr', { rd, rs1: tmp }, undefined, undefined, true),
      ];
    }
    case '@sext':
    case '@zext': {
      const sh = BigInt(f.imm!);
      return [
        ...matchInstruction('slli', [R(rd), R(f.rs1!), I(sh)], ctx, text),
        ...matchInstruction(form.op === '@sext' ? 'srai' : 'srli', [R(rd), R(rd), I(sh)], ctx, text),
      ];
    }
  }
  throw new Error(`internal: macro ${form.op}`);
}
