// Parser for GNU unified-syntax Thumb assembly (`asm!` blocks, naked functions,
// hand-written port code).
//
// Grammar, one statement at a time (statements end at a newline or `;`):
//   statement := label ':' statement? | directive | instruction
//   instruction := mnemonic (operand (',' operand)*)?
//   operand := reg '!'? | '#' (':lower16:' | ':upper16:')? expr | '=' expr
//            | '[' reg (',' ('#' expr | reg (',' shift)?))? ']' '!'? (',' '#' expr)?
//            | '{' reg ('-' reg)? (',' reg ('-' reg)?)* '}' | shift | expr
//   shift := ('lsl' | 'lsr' | 'asr' | 'ror') ('#' expr | reg) | 'rrx'
// A shift operand attaches to the register before it. Numeric labels (`1:`) are
// renamed here, so `1b`/`1f` become ordinary symbol references.
import { Cursor, parseExpr, type Expr } from './expr.ts';
import { lexStatement, splitStatements, type Tok } from './lex.ts';
import { parseReg, type Reg } from './regs.ts';
import { SHIFT_TYPES, type MemOffset, type Operand, type ShiftOp, type ShiftType } from './operands.ts';
import { splitMnemonic, type Inst } from './encode.ts';

export type Stmt = { readonly line: number; readonly text: string } & (
  | { readonly k: 'label'; readonly name: string }
  | { readonly k: 'inst'; readonly inst: Inst }
  | { readonly k: 'section'; readonly name: string; readonly flags?: string }
  | { readonly k: 'data'; readonly size: 1 | 2 | 4; readonly exprs: readonly Expr[] }
  | { readonly k: 'bytes'; readonly bytes: Uint8Array }
  | { readonly k: 'space'; readonly size: Expr; readonly fill: number }
  | { readonly k: 'align'; readonly bytes: number; readonly fill?: number }
  | { readonly k: 'ltorg' }
  | { readonly k: 'global'; readonly names: readonly string[]; readonly weak: boolean }
  | { readonly k: 'thumbFunc' }
  | { readonly k: 'type'; readonly name: string; readonly func: boolean }
  | { readonly k: 'equ'; readonly name: string; readonly expr: Expr }
);

export interface ParseError {
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

/** Directives that do not change the bytes of the sections we produce. */
const IGNORED = new Set([
  '.syntax', '.thumb', '.cpu', '.arch', '.fpu', '.eabi_attribute', '.file', '.size', '.ident',
  '.fnstart', '.fnend', '.cantunwind', '.save', '.setfp', '.pad', '.personality', '.handlerdata', '.arch_extension',
]);

export class ParseFailure extends Error {}

/** Parses a whole source text. Errors are collected per statement. */
export function parseAsm(src: string): { stmts: Stmt[]; errors: ParseError[] } {
  const stmts: Stmt[] = [];
  const errors: ParseError[] = [];
  const numeric = new Map<string, number>();
  const localName = (n: string, k: number): string => `.L${n}\u0002${k}`;
  const resolveLocal = (ref: string): string => {
    const n = ref.slice(0, -1);
    const k = numeric.get(n) ?? 0;
    return localName(n, ref.endsWith('b') ? k : k + 1);
  };
  for (const st of splitStatements(src)) {
    try {
      let toks = lexStatement(st.text);
      // Leading labels: `name:` or `1:`.
      while (toks.length >= 2 && (toks[0]!.kind === 'id' || toks[0]!.kind === 'num') && toks[1]!.text === ':' && toks[1]!.kind === 'punct') {
        let name = toks[0]!.text;
        if (toks[0]!.kind === 'num') {
          const k = (numeric.get(name) ?? 0) + 1;
          numeric.set(name, k);
          name = localName(name, k);
        }
        stmts.push({ k: 'label', name, line: st.line, text: st.text });
        toks = toks.slice(2);
      }
      if (toks.length === 0) continue;
      const s = parseStatement(toks, st.line, st.text, resolveLocal);
      if (s) stmts.push(s);
    } catch (e) {
      errors.push({ line: st.line, text: st.text, message: `${e instanceof Error ? e.message : String(e)} -- '${st.text}'` });
    }
  }
  return { stmts, errors };
}

function parseStatement(toks: Tok[], line: number, text: string, resolveLocal: (r: string) => string): Stmt | undefined {
  const c = new Cursor(toks);
  const head = c.next()!;
  if (head.kind !== 'id') throw new ParseFailure(`unexpected '${head.text}'`);
  const at = { line, text };
  // `name = expr` is `.set name, expr`.
  if (c.eat('=')) return { k: 'equ', name: head.text, expr: exprAll(c, resolveLocal), ...at };
  const word = head.text.toLowerCase();
  if (word.startsWith('.')) return parseDirective(word, c, at, resolveLocal);
  const mn = splitMnemonic(word);
  if (!mn) throw new ParseFailure(`unknown instruction '${head.text}'`);
  const ops: Operand[] = [];
  if (!c.done) {
    for (;;) {
      const op = parseOperand(c, resolveLocal);
      if (op.kind === 'shift') {
        const prev = ops[ops.length - 1];
        if (!prev || prev.kind !== 'reg' || prev.shift) throw new ParseFailure('shift must follow a register');
        ops[ops.length - 1] = { ...prev, shift: op.shift };
      } else if (op.kind === 'imm' && ops.length > 0 && isPostIndexBase(ops[ops.length - 1]!)) {
        const m = ops[ops.length - 1] as Extract<Operand, { kind: 'mem' }>;
        ops[ops.length - 1] = { kind: 'mem', base: m.base, off: { kind: 'imm', expr: op.expr }, mode: 'post' };
      } else ops.push(op);
      if (c.done) break;
      if (!c.eat(',')) throw new ParseFailure(`expected ',' before '${c.peek()!.text}'`);
    }
  }
  return { k: 'inst', inst: { ...mn, ops, text }, ...at };
}

/** `[Rn]` (no offset, no `!`) followed by `, #imm` is post-indexed. */
function isPostIndexBase(op: Operand): boolean {
  return op.kind === 'mem' && op.mode === 'offset' && op.off === undefined;
}

type Parsed = Operand | { kind: 'shift'; shift: ShiftOp };

function regAt(c: Cursor): Reg | undefined {
  const t = c.peek();
  return t && t.kind === 'id' ? parseReg(t.text) : undefined;
}

function shiftAt(c: Cursor): ShiftType | undefined {
  const t = c.peek();
  if (!t || t.kind !== 'id') return undefined;
  const s = t.text.toLowerCase() as ShiftType;
  return SHIFT_TYPES.includes(s) ? s : undefined;
}

function parseShift(c: Cursor, resolveLocal: (r: string) => string): ShiftOp {
  const type = c.next()!.text.toLowerCase() as ShiftType;
  if (type === 'rrx') return { type };
  if (c.eat('#')) return { type, amount: parseExpr(c, resolveLocal) };
  const r = regAt(c);
  if (r !== undefined) { c.next(); return { type, reg: r }; }
  // GNU as also accepts a bare amount: `lsl 2`.
  return { type, amount: parseExpr(c, resolveLocal) };
}

function parseOperand(c: Cursor, resolveLocal: (r: string) => string): Parsed {
  const r = regAt(c);
  if (r !== undefined) {
    c.next();
    return { kind: 'reg', reg: r, wb: c.eat('!') || undefined };
  }
  if (shiftAt(c)) return { kind: 'shift', shift: parseShift(c, resolveLocal) };
  if (c.eat('#')) {
    if (c.at(':')) {
      c.next();
      const h = c.next();
      const half = h?.text.toLowerCase();
      if (half !== 'lower16' && half !== 'upper16') throw new ParseFailure(`unknown relocation modifier ':${h?.text ?? ''}:'`);
      if (!c.eat(':')) throw new ParseFailure("expected ':'");
      return { kind: 'imm', expr: parseExpr(c, resolveLocal), half };
    }
    return { kind: 'imm', expr: parseExpr(c, resolveLocal) };
  }
  if (c.eat('=')) return { kind: 'lit', expr: parseExpr(c, resolveLocal) };
  if (c.eat('[')) return parseMem(c, resolveLocal);
  if (c.eat('{')) return parseList(c);
  return { kind: 'expr', expr: parseExpr(c, resolveLocal) };
}

function parseMem(c: Cursor, resolveLocal: (r: string) => string): Operand {
  const base = regAt(c);
  if (base === undefined) throw new ParseFailure('expected a base register after [');
  c.next();
  let off: MemOffset | undefined;
  if (c.eat(',')) {
    if (c.eat('#')) off = { kind: 'imm', expr: parseExpr(c, resolveLocal) };
    else {
      if (c.at('-') || c.at('+')) throw new ParseFailure('Thumb has no subtracted register index');
      const idx = regAt(c);
      if (idx === undefined) throw new ParseFailure('expected #offset or an index register');
      c.next();
      let shift: ShiftOp | undefined;
      if (c.eat(',')) {
        if (!shiftAt(c)) throw new ParseFailure('expected a shift');
        shift = parseShift(c, resolveLocal);
      }
      off = { kind: 'reg', reg: idx, shift };
    }
  }
  if (!c.eat(']')) throw new ParseFailure("expected ']'");
  return { kind: 'mem', base, off, mode: c.eat('!') ? 'pre' : 'offset' };
}

function parseList(c: Cursor): Operand {
  let mask = 0;
  for (;;) {
    const a = regAt(c);
    if (a === undefined) throw new ParseFailure('expected a register in the list');
    c.next();
    let b = a;
    if (c.eat('-')) {
      const e = regAt(c);
      if (e === undefined || e < a) throw new ParseFailure('bad register range');
      c.next();
      b = e;
    }
    for (let r = a; r <= b; r++) mask |= 1 << r;
    if (c.eat('}')) break;
    if (!c.eat(',')) throw new ParseFailure("expected ',' or '}' in register list");
  }
  return { kind: 'list', mask };
}

function exprAll(c: Cursor, resolveLocal: (r: string) => string): Expr {
  const e = parseExpr(c, resolveLocal);
  if (!c.done) throw new ParseFailure(`unexpected '${c.peek()!.text}'`);
  return e;
}

function exprList(c: Cursor, resolveLocal: (r: string) => string): Expr[] {
  const out: Expr[] = [];
  if (c.done) return out;
  for (;;) {
    out.push(parseExpr(c, resolveLocal));
    if (c.done) return out;
    if (!c.eat(',')) throw new ParseFailure(`expected ',' before '${c.peek()!.text}'`);
  }
}

function constArg(e: Expr, what: string): number {
  if (e.k !== 'num') throw new ParseFailure(`${what} must be a constant`);
  return e.v;
}

function nameArg(c: Cursor): string {
  const t = c.next();
  if (!t || t.kind !== 'id') throw new ParseFailure('expected a symbol name');
  return t.text;
}

function parseDirective(d: string, c: Cursor, at: { line: number; text: string }, resolveLocal: (r: string) => string): Stmt | undefined {
  switch (d) {
    case '.text': case '.data': case '.bss':
      return { k: 'section', name: d, ...at };
    case '.section': {
      const name = nameArg(c);
      let flags: string | undefined;
      if (c.eat(',')) {
        const t = c.next();
        if (t?.kind === 'str') flags = t.str;
      }
      return { k: 'section', name, flags, ...at };
    }
    case '.word': case '.long': case '.4byte': case '.int':
      return { k: 'data', size: 4, exprs: exprList(c, resolveLocal), ...at };
    case '.short': case '.hword': case '.2byte': case '.half':
      return { k: 'data', size: 2, exprs: exprList(c, resolveLocal), ...at };
    case '.byte':
      return { k: 'data', size: 1, exprs: exprList(c, resolveLocal), ...at };
    case '.ascii': case '.asciz': case '.string': {
      const parts: number[] = [];
      for (;;) {
        const t = c.next();
        if (!t || t.kind !== 'str') throw new ParseFailure('expected a string');
        for (const ch of Buffer.from(t.str!, 'latin1')) parts.push(ch);
        if (d !== '.ascii') parts.push(0);
        if (c.done) break;
        if (!c.eat(',')) throw new ParseFailure("expected ','");
      }
      return { k: 'bytes', bytes: Uint8Array.from(parts), ...at };
    }
    case '.space': case '.skip': case '.zero': {
      const [size, fill] = exprList(c, resolveLocal);
      if (!size) throw new ParseFailure(`${d} needs a size`);
      return { k: 'space', size, fill: fill ? constArg(fill, 'fill') & 0xff : 0, ...at };
    }
    case '.align': case '.p2align': case '.balign': {
      const [n, fill] = exprList(c, resolveLocal);
      const v = n ? constArg(n, 'alignment') : 2;
      const bytes = d === '.balign' ? v : 2 ** v;
      if (!Number.isInteger(Math.log2(bytes)) || bytes > 1 << 16) throw new ParseFailure(`bad alignment ${v}`);
      return { k: 'align', bytes, fill: fill ? constArg(fill, 'fill') & 0xff : undefined, ...at };
    }
    case '.ltorg': case '.pool':
      return { k: 'ltorg', ...at };
    case '.global': case '.globl': case '.weak': {
      const names = [nameArg(c)];
      while (c.eat(',')) names.push(nameArg(c));
      return { k: 'global', names, weak: d === '.weak', ...at };
    }
    case '.thumb_func':
      return { k: 'thumbFunc', ...at };
    case '.type': {
      const name = nameArg(c);
      if (!c.eat(',')) throw new ParseFailure("expected ','");
      c.eat('%') || c.eat('#');
      const t = c.next();
      const kind = t?.kind === 'str' ? t.str : t?.text;
      return { k: 'type', name, func: kind === 'function', ...at };
    }
    case '.equ': case '.set': {
      const name = nameArg(c);
      if (!c.eat(',')) throw new ParseFailure("expected ','");
      return { k: 'equ', name, expr: exprAll(c, resolveLocal), ...at };
    }
    case '.code': {
      const e = exprAll(c, resolveLocal);
      if (constArg(e, '.code') !== 16) throw new ParseFailure('only Thumb code (.code 16) is supported');
      return undefined;
    }
    case '.arm':
      throw new ParseFailure('only Thumb code is supported');
  }
  if (IGNORED.has(d) || d.startsWith('.cfi_')) return undefined;
  throw new ParseFailure(`unsupported directive '${d}'`);
}
