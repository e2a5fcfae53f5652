// Assembler expressions: `#(4 * 3)`, `label + 8`, `end - start`, `1b`.
//
// Parsed into a tree when the statement is parsed, evaluated only when an
// instruction is encoded, because label addresses change during branch
// relaxation. A value is either absolute or `symbol + addend`; the difference of
// two labels in one section is absolute (as in GNU as), anything else that
// mixes symbols is an error.
import type { Tok } from './lex.ts';

export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'dot' }
  | { readonly k: 'un'; readonly op: string; readonly e: Expr }
  | { readonly k: 'bin'; readonly op: string; readonly a: Expr; readonly b: Expr };

export const num = (v: number): Expr => ({ k: 'num', v });
export const sym = (name: string): Expr => ({ k: 'sym', name });

/** Where a symbol is defined (for local labels), as seen by the current pass. */
export interface SymDef {
  readonly section: string;
  readonly offset: number;
  readonly global: boolean;
  readonly thumbFunc: boolean;
}

export type Value =
  | { readonly k: 'abs'; readonly v: number }
  /** `name + addend`; `def` is set when the symbol is defined in this unit. */
  | { readonly k: 'sym'; readonly name: string; readonly addend: number; readonly def?: SymDef };

export class ExprError extends Error {}

/** Resolves names: a label definition, an `.equ` constant, or undefined (external). */
export interface SymbolTable {
  lookup(name: string): SymDef | { readonly abs: number } | undefined;
  /** The current location (for `.`). */
  readonly dot?: SymDef;
}

export function evaluate(e: Expr, syms: SymbolTable): Value {
  switch (e.k) {
    case 'num': return { k: 'abs', v: e.v };
    case 'dot': {
      if (!syms.dot) throw new ExprError("'.' is not available here");
      return { k: 'sym', name: '.', addend: 0, def: syms.dot };
    }
    case 'sym': {
      const d = syms.lookup(e.name);
      if (d && 'abs' in d) return { k: 'abs', v: d.abs };
      return { k: 'sym', name: e.name, addend: 0, def: d };
    }
    case 'un': {
      const v = evaluate(e.e, syms);
      if (e.op === '+') return v;
      if (v.k !== 'abs') throw new ExprError(`cannot apply '${e.op}' to a symbol`);
      return { k: 'abs', v: e.op === '-' ? -v.v : e.op === '~' ? ~v.v : +(v.v === 0) };
    }
    case 'bin': {
      const a = evaluate(e.a, syms);
      const b = evaluate(e.b, syms);
      if (a.k === 'abs' && b.k === 'abs') return { k: 'abs', v: binop(e.op, a.v, b.v) };
      if (e.op === '+' && a.k === 'sym' && b.k === 'abs') return { ...a, addend: a.addend + b.v };
      if (e.op === '+' && a.k === 'abs' && b.k === 'sym') return { ...b, addend: b.addend + a.v };
      if (e.op === '-' && a.k === 'sym' && b.k === 'abs') return { ...a, addend: a.addend - b.v };
      if (e.op === '-' && a.k === 'sym' && b.k === 'sym' && a.def && b.def && a.def.section === b.def.section)
        return { k: 'abs', v: a.def.offset + a.addend - (b.def.offset + b.addend) };
      throw new ExprError('expression is too complex (symbols may only be added to constants or subtracted within a section)');
    }
  }
}

function binop(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return Math.imul(a, b);
    case '/': if (b === 0) throw new ExprError('division by zero'); return Math.trunc(a / b);
    case '%': if (b === 0) throw new ExprError('division by zero'); return a % b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return +(a === b);
    case '!=': return +(a !== b);
    case '<': return +(a < b);
    case '>': return +(a > b);
    case '<=': return +(a <= b);
    case '>=': return +(a >= b);
    case '&&': return +(a !== 0 && b !== 0);
    case '||': return +(a !== 0 || b !== 0);
  }
  throw new ExprError(`unknown operator '${op}'`);
}

/** A cursor over one statement's tokens. */
export class Cursor {
  pos = 0;
  constructor(readonly toks: readonly Tok[]) {}
  peek(off = 0): Tok | undefined { return this.toks[this.pos + off]; }
  at(text: string): boolean { const t = this.toks[this.pos]; return t !== undefined && t.kind !== 'str' && t.text === text; }
  eat(text: string): boolean { if (this.at(text)) { this.pos++; return true; } return false; }
  next(): Tok | undefined { return this.toks[this.pos++]; }
  get done(): boolean { return this.pos >= this.toks.length; }
}

// Binding powers, as in GNU as (which follows C, with `|`/`&`/`^` above `+`).
const PREC: Record<string, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 3, '>': 3, '<=': 3, '>=': 3,
  '+': 4, '-': 4, '|': 5, '^': 5, '&': 5, '*': 6, '/': 6, '%': 6, '<<': 6, '>>': 6,
};

/**
 * expr    := unary (binop unary)*          -- precedence climbing
 * unary   := ('-' | '+' | '~' | '!') unary | primary
 * primary := number | symbol | '.' | '(' expr ')'
 *
 * `resolveLocal` maps `1f`/`1b` references to their unique label names.
 */
export function parseExpr(c: Cursor, resolveLocal: (ref: string) => string, minPrec = 1): Expr {
  let lhs = parseUnary(c, resolveLocal);
  for (;;) {
    const t = c.peek();
    const p = t && t.kind === 'punct' ? PREC[t.text] : undefined;
    if (p === undefined || p < minPrec) return lhs;
    c.next();
    const rhs = parseExpr(c, resolveLocal, p + 1);
    lhs = lhs.k === 'num' && rhs.k === 'num'
      ? { k: 'num', v: binop(t!.text, lhs.v, rhs.v) }
      : { k: 'bin', op: t!.text, a: lhs, b: rhs };
  }
}

function parseUnary(c: Cursor, resolveLocal: (ref: string) => string): Expr {
  const t = c.next();
  if (!t) throw new ExprError('expected an expression');
  if (t.kind === 'punct' && (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '!')) {
    const e = parseUnary(c, resolveLocal);
    if (e.k === 'num') return { k: 'num', v: t.text === '-' ? -e.v : t.text === '~' ? ~e.v : t.text === '!' ? +(e.v === 0) : e.v };
    return { k: 'un', op: t.text, e };
  }
  if (t.kind === 'num') return { k: 'num', v: t.num! };
  if (t.kind === 'id') {
    if (t.text === '.') return { k: 'dot' };
    if (/^[0-9]+[fb]$/.test(t.text)) return { k: 'sym', name: resolveLocal(t.text) };
    return { k: 'sym', name: t.text };
  }
  if (t.kind === 'punct' && t.text === '(') {
    const e = parseExpr(c, resolveLocal);
    if (!c.eat(')')) throw new ExprError("expected ')'");
    return e;
  }
  throw new ExprError(`unexpected '${t.text}' in expression`);
}
