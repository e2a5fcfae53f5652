// Instruction operands as written in GNU RISC-V syntax, parsed once per
// statement before form matching:
//
//   operand = register                    a0, x10, fp
//           | [offset] "(" register ")"   8(sp), (a0), %lo(x)(a1)
//           | ["%" relop "("] expr [")"]  42, label+4, %hi(sym), %pcrel_lo(1b)
//
// Bare identifiers (CSR names, fence sets like `iorw`) parse as symbol
// expressions; the form matcher interprets them by the operand kind it needs.
// A malformed expression becomes a `bad` operand so that the matcher can try
// other forms and report the parse error only if nothing matches.
import { parseExpr, ExprError, type Expr } from './expr.ts';
import { gprNumber } from './regs.ts';

export type RelocOp = 'hi' | 'lo' | 'pcrel_hi' | 'pcrel_lo';
const RELOC_OPS: readonly RelocOp[] = ['hi', 'lo', 'pcrel_hi', 'pcrel_lo'];

export interface ImmOperand {
  reloc: RelocOp | null;
  expr: Expr;
}

export type Operand =
  | { kind: 'reg'; text: string; reg: number }
  | { kind: 'imm'; text: string; imm: ImmOperand; plt: boolean }
  | { kind: 'mem'; text: string; base: number; off: ImmOperand | null; badOff?: string }
  | { kind: 'bad'; text: string; error: string };

/** Splits an operand list at top-level commas (not inside parentheses or quotes). */
export function splitOperands(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** Index of the '(' matching the ')' at `close`, or -1. */
function openingParen(s: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (s[i] === ')') depth++;
    else if (s[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/** Parses `%op(expr)` or a plain expression. */
export function parseImm(text: string): ImmOperand {
  const t = text.trim();
  const m = /^%([A-Za-z_]+)\s*\(/.exec(t);
  if (m) {
    const op = m[1]!;
    if (!(RELOC_OPS as readonly string[]).includes(op)) throw new ExprError(`unsupported relocation operator %${op}`);
    const open = m[0].length - 1;
    const close = t.lastIndexOf(')');
    if (close < open || openingParen(t, close) !== open || t.slice(close + 1).trim() !== '') {
      throw new ExprError(`malformed %${op}(...) in \`${t}\``);
    }
    return { reloc: op as RelocOp, expr: parseExpr(t.slice(open + 1, close)) };
  }
  return { reloc: null, expr: parseExpr(t) };
}

export function parseOperand(text: string): Operand {
  const t = text.trim();
  const r = gprNumber(t);
  if (r !== undefined) return { kind: 'reg', text: t, reg: r };
  if (t.endsWith(')')) {
    const open = openingParen(t, t.length - 1);
    const base = open >= 0 ? gprNumber(t.slice(open + 1, -1).trim()) : undefined;
    if (base !== undefined) {
      const offText = t.slice(0, open).trim();
      if (offText === '') return { kind: 'mem', text: t, base, off: null };
      try {
        return { kind: 'mem', text: t, base, off: parseImm(offText) };
      } catch (e) {
        return { kind: 'mem', text: t, base, off: null, badOff: (e as Error).message };
      }
    }
  }
  let body = t;
  let plt = false;
  if (body.endsWith('@plt')) {
    body = body.slice(0, -4);
    plt = true;
  }
  try {
    return { kind: 'imm', text: t, imm: parseImm(body), plt };
  } catch (e) {
    if (e instanceof ExprError) return { kind: 'bad', text: t, error: e.message };
    throw e;
  }
}

export function parseOperands(s: string): Operand[] {
  return splitOperands(s).map(parseOperand);
}
