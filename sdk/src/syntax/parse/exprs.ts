// Expressions, operator layers: assignment, ranges, binary operators by
// precedence climbing, `as`, unary prefixes and postfix suffixes. Primary
// expressions (literals, paths, blocks, control flow) are in primary.ts.
//
// Precedence, loosest first (Rust's):
//   = += -= ... (right-assoc)  <  .. ..= (non-assoc)  <  ||  <  &&
//   <  == != < > <= >= (non-assoc)  <  |  <  ^  <  &  <  << >>  <  + -  <  * / %
//   <  as  <  unary - ! * & &mut  <  postfix ? . () []
//
// `noStruct` ("ns") is Rust's restriction in the heads of `if`, `while`,
// `match` and `for`: there `Path {` starts the body, not a struct literal. It is
// lifted again inside parentheses, brackets and blocks.
import { T, type Token } from '../token.ts';
import type { AssignOp, BinOp, Block, Expr, Type } from '../ast.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, at, bump, commaList, eat, expect, expectedError, fatal, identOf, newId, peek, soft, sp, spanFrom, splitFirst,
  closeDelim, onNewLine, describeTok,
} from './core.ts';
import { parseGenericArgs, parseType } from './types.ts';
import { canStartExpr, isBlockLikeStart, parseBlockLike, parsePrimary } from './primary.ts';
import { parsePattern } from './patterns.ts';

// ---------------------------------------------------------------- operator tables

const P_OR = 1, P_AND = 2, P_CMP = 3, P_BITOR = 4, P_XOR = 5, P_BITAND = 6, P_SHIFT = 7, P_ADD = 8, P_MUL = 9, P_AS = 10;

/** Binding power of each token kind as a binary operator; 0 = not one. */
const PREC = new Uint8Array(T.Eof + 1);
const BINOP: BinOp[] = [];
const ASSIGN: AssignOp[] = [];
for (const [k, p, op] of [
  [T.OrOr, P_OR, '||'], [T.AndAnd, P_AND, '&&'],
  [T.EqEq, P_CMP, '=='], [T.Ne, P_CMP, '!='], [T.Lt, P_CMP, '<'], [T.Gt, P_CMP, '>'], [T.Le, P_CMP, '<='], [T.Ge, P_CMP, '>='],
  [T.Pipe, P_BITOR, '|'], [T.Caret, P_XOR, '^'], [T.Amp, P_BITAND, '&'], [T.Shl, P_SHIFT, '<<'], [T.Shr, P_SHIFT, '>>'],
  [T.Plus, P_ADD, '+'], [T.Minus, P_ADD, '-'], [T.Star, P_MUL, '*'], [T.Slash, P_MUL, '/'], [T.Percent, P_MUL, '%'],
] as const) {
  PREC[k] = p;
  BINOP[k] = op;
}
PREC[T.KwAs] = P_AS;
for (const [k, op] of [
  [T.Eq, '='], [T.PlusEq, '+='], [T.MinusEq, '-='], [T.StarEq, '*='], [T.SlashEq, '/='], [T.PercentEq, '%='],
  [T.AmpEq, '&='], [T.PipeEq, '|='], [T.CaretEq, '^='], [T.ShlEq, '<<='], [T.ShrEq, '>>='],
] as const) ASSIGN[k] = op;

// Nodes are built as one object literal each, id and span included: objects
// that gain properties after creation get a separate property store, which
// doubles the allocations on the hottest path of the parser.

// ---------------------------------------------------------------- entry points

/** expr = assign_expr */
export function parseExpr(): Expr {
  return exprWith(false);
}

/** An expression in the head of `if`/`while`/`match`/`for` (no struct literal). */
export function parseExprNoStruct(): Expr {
  return exprWith(true);
}

/**
 * An expression statement. A block-like expression (`if`, `match`, `loop`,
 * `while`, `for`, a block) at the start of a statement ends the statement: only
 * `.method()` and `?` may continue it, as in Rust (`match x {} - 1` is two
 * statements). `stmtEndedBlockLike` tells whether it ended as a block-like one
 * (a flag rather than a result object: one allocation less per statement).
 */
export function parseStmtExpr(): Expr {
  // The flag is set after parsing: nested statements (match arms) set it too.
  if (!isBlockLikeStart()) {
    const e = exprWith(false);
    stmtBlockLike = false;
    return e;
  }
  const e = parseBlockLike();
  const k = S.tok.kind;
  if (k !== T.Dot && k !== T.Question) {
    stmtBlockLike = true;
    return e;
  }
  const r = assignTail(rangeTail(binaryTail(postfix(e), P_OR, false), false), false);
  stmtBlockLike = false;
  return r;
}

let stmtBlockLike = false;

/** Did the last `parseStmtExpr` end at a block-like expression? */
export function stmtEndedBlockLike(): boolean {
  return stmtBlockLike;
}

/** `let PAT = EXPR` in the condition of `if`/`while`, or an expression (no struct literal). */
export function parseCond(): Expr {
  if (!at(T.KwLet)) return exprWith(true);
  const start = bump().start;
  const pat = parsePattern();
  if (!S.panicking) expect(T.Eq, '`=`');
  // The scrutinee binds tighter than `&&`/`||` (no let chains in v0.1).
  const expr = binary(P_CMP, true);
  const e: Expr = { kind: 'let', pat, expr, id: newId(), span: spanFrom(start) };
  if (at(T.AndAnd) || at(T.OrOr)) {
    fatal(PE.unsupported, '`let` chains (`if let ... && ...`) are not supported in Orizon v0.1', S.tok.span)
      ?.help('nest the conditions: `if let P = e { if cond { ... } }`');
  }
  return e;
}

function exprWith(ns: boolean): Expr {
  const k = S.tok.kind;
  const lhs = k === T.DotDot || k === T.DotDotEq ? prefixRange(ns) : rangeTail(binary(P_OR, ns), ns);
  return assignTail(lhs, ns);
}

// ---------------------------------------------------------------- assignment, ternary slip

/** assign_expr = range_expr (ASSIGN_OP assign_expr)? — right-associative. */
function assignTail(lhs: Expr, ns: boolean): Expr {
  const k = S.tok.kind;
  const op = ASSIGN[k];
  if (op !== undefined) {
    bump();
    const value = exprWith(ns);
    return { kind: 'assign', op, target: lhs, value, id: newId(), span: spanFrom(lhs.span.start) };
  }
  if (k === T.Question) return ternary(lhs, ns);
  return lhs;
}

/**
 * `c ? a : b` from C-family languages. `postfix` leaves a `?` that is followed
 * by an operand and, later in the same expression, a `:` — a sequence that is
 * never valid Rust — so the whole condition is on the left here.
 */
function ternary(cond: Expr, ns: boolean): Expr {
  const q = bump();
  const a = exprWith(ns);
  if (!S.panicking) expect(T.Colon, '`:`');
  const b = exprWith(ns);
  const text = S.file.text;
  const src = (e: Expr) => text.slice(e.span.start, e.span.end);
  const whole = sp(cond.span.start, S.lastEnd);
  soft(PE.ternary, 'Orizon has no `? :` operator; `if` is an expression', q.span, 'not an operator here')
    ?.suggest('use `if`', whole, `if ${src(cond)} { ${src(a)} } else { ${src(b)} }`);
  // Recover as the `if` the user meant, so later phases see the right shape.
  const then: Block = { stmts: [{ kind: 'expr', expr: a, semi: false, span: a.span }], span: a.span };
  const els: Expr = { kind: 'block', block: { stmts: [{ kind: 'expr', expr: b, semi: false, span: b.span }], span: b.span }, unsafe: false, label: null, id: newId(), span: spanFrom(b.span.start) };
  return { kind: 'if', cond, then, else: els, id: newId(), span: spanFrom(cond.span.start) };
}

/** Is the `?` at the cursor the start of a `? :` conditional? */
function ternaryAhead(): boolean {
  let t = S.tok.next as Token;
  const k = t.kind;
  if (!(k === T.Ident || (k >= T.Int && k <= T.ByteStr) || k === T.KwTrue || k === T.KwFalse || k === T.KwSelfValue)) return false;
  let depth = 0;
  for (let i = 0; i < 64; i++) {
    switch (t.kind) {
      case T.Colon: if (depth === 0) return true; break;
      case T.LParen: case T.LBracket: depth++; break;
      case T.RParen: case T.RBracket: if (--depth < 0) return false; break;
      case T.Semi: case T.LBrace: case T.RBrace: case T.Eof: case T.FatArrow: case T.Comma:
        if (depth === 0) return false;
        break;
    }
    t = t.next as Token;
  }
  return false;
}

// ---------------------------------------------------------------- ranges

/** range_expr = ".." or_expr? | "..=" or_expr | or_expr ((".." | "..=") or_expr?)? */
function prefixRange(ns: boolean): Expr {
  const t = bump();
  const inclusive = t.kind === T.DotDotEq;
  const hi = canStartExpr(S.tok.kind, ns) ? binary(P_OR, ns) : null;
  if (inclusive && !hi) expectedError('the end of the inclusive range', PE.expectedExpr);
  return { kind: 'range', lo: null, hi, inclusive, id: newId(), span: spanFrom(t.start) };
}

function rangeTail(lo: Expr, ns: boolean): Expr {
  const k = S.tok.kind;
  if (k !== T.DotDot && k !== T.DotDotEq) return lo;
  bump();
  const inclusive = k === T.DotDotEq;
  const hi = canStartExpr(S.tok.kind, ns) ? binary(P_OR, ns) : null;
  if (inclusive && !hi) expectedError('the end of the inclusive range', PE.expectedExpr);
  return { kind: 'range', lo, hi, inclusive, id: newId(), span: spanFrom(lo.span.start) };
}

// ---------------------------------------------------------------- binary operators

/** Precedence climbing over the table above; every binary operator is left-associative. */
function binary(minPrec: number, ns: boolean): Expr {
  return binaryTail(unary(ns), minPrec, ns);
}

function binaryTail(lhs: Expr, minPrec: number, ns: boolean): Expr {
  for (;;) {
    const t = S.tok;
    let k = t.kind;
    let prec = PREC[k]!;
    let word = false;
    if (prec === 0) {
      if (k !== T.Ident || !isWordOperator(t)) return lhs;
      k = t.text === 'and' ? T.AndAnd : T.OrOr;
      prec = PREC[k]!;
      word = true;
    }
    if (prec < minPrec) return lhs;
    if (word) reportWordOperator(t);
    if ((k === T.Plus || k === T.Minus) && isPostfixIncDec(t)) {
      lhs = incDec(lhs, t);
      continue;
    }
    bump();
    if (k === T.KwAs) {
      const type: Type = castLessThan() ?? parseType();
      lhs = { kind: 'cast', expr: lhs, type, id: newId(), span: spanFrom(lhs.span.start) };
      continue;
    }
    if ((k === T.EqEq || k === T.Ne) && at(T.Eq) && S.tok.start === t.end) strictEquality(t);
    const rhs = binary(prec + 1, ns);
    if (prec === P_CMP && lhs.kind === 'binary' && PREC[opKind(lhs.op)] === P_CMP) {
      // `a < b < c` has no meaning to recover: an `error` node, so no type error follows.
      chainedComparison(lhs, t, rhs);
      lhs = { kind: 'error', id: newId(), span: spanFrom(lhs.span.start) };
      continue;
    }
    lhs = { kind: 'binary', op: BINOP[k]!, left: lhs, right: rhs, id: newId(), span: spanFrom(lhs.span.start) };
    if (S.panicking) return lhs;
  }
}

function opKind(op: BinOp): T {
  return BINOP.indexOf(op) as T;
}

function chainedComparison(lhs: Expr & { kind: 'binary' }, op: Token, rhs: Expr): void {
  const text = S.file.text;
  const src = (e: Expr) => text.slice(e.span.start, e.span.end);
  soft(PE.chainedCmp, 'comparison operators cannot be chained', op.span, 'second comparison')
    ?.label(lhs.span, 'first comparison')
    .help(`split the comparison into two: \`${src(lhs)} && ${src(lhs.right)} ${op.text} ${src(rhs)}\``);
}

const PRIMITIVES: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64',
  'i128', 'isize', 'bool', 'char']);

/**
 * `x as u32 < y`: in Rust the `<` opens generic arguments of the cast type and
 * the expression fails to parse. A primitive type never has generic arguments,
 * so report it with the parenthesised fix and read it as the comparison.
 */
function castLessThan(): Type | null {
  const t = S.tok;
  const next = t.next as Token;
  if (t.kind !== T.Ident || !PRIMITIVES.has(t.text) || (next.kind !== T.Lt && next.kind !== T.Shl)) return null;
  bump();
  soft(PE.castLess, `\`${next.text}\` after a cast is read as the start of generic arguments for \`${t.text}\``, next.span,
    'interpreted as generic arguments')
    ?.help('put the cast in parentheses: `(x as T) < y`');
  return { kind: 'path', path: { segments: [{ ident: identOf(t), generics: null }], global: false, span: t.span }, span: t.span };
}

/** `a === b` / `a !== b` (lexed `==` `=`): report and read it as `==` / `!=`. */
function strictEquality(op: Token): void {
  const eq = bump();
  const fixed = op.kind === T.EqEq ? '==' : '!=';
  const span = sp(op.start, eq.end);
  soft(PE.strictEq, `Orizon has no strict equality; use \`${fixed}\``, span, `not an operator`)
    ?.suggest(`use \`${fixed}\``, span, fixed);
}

/** `and`/`or` between two operands on one line: never valid otherwise. */
function isWordOperator(t: Token): boolean {
  if (t.text !== 'and' && t.text !== 'or') return false;
  const next = t.next as Token;
  return !onNewLine(t) && canStartExpr(next.kind, false) && next.kind !== T.LBrace;
}

/** Reports `and`/`or` and consumes it; the caller reads it as `&&`/`||`. */
function reportWordOperator(t: Token): void {
  const op = t.text === 'and' ? '&&' : '||';
  soft(PE.wordOperator, `\`${t.text}\` is not an operator; use \`${op}\``, t.span, `use \`${op}\``)
    ?.suggest(`use \`${op}\``, t.span, op);
}

/** `x++` / `x--` followed by something that cannot continue an expression. */
function isPostfixIncDec(t: Token): boolean {
  const second = t.next as Token;
  if (second.kind !== t.kind || second.start !== t.end) return false;
  const after = second.next as Token;
  return !canStartExpr(after.kind, false) || after.kind === T.LBrace;
}

/** Reports `x++`/`x--` and reads it as `x += 1` / `x -= 1`. */
function incDec(target: Expr, t: Token): Expr {
  bump();
  bump();
  const op = t.kind === T.Plus ? '+=' : '-=';
  const text = S.file.text.slice(target.span.start, target.span.end);
  const span = sp(target.span.start, S.lastEnd);
  soft(PE.incDec, `Orizon has no \`${t.text}${t.text}\` operator; use \`${op} 1\``, sp(t.start, S.lastEnd), 'not an operator')
    ?.suggest(`use \`${op} 1\``, span, `${text} ${op} 1`);
  const one: Expr = { kind: 'lit', lit: { kind: 'int', value: 1n, suffix: null, text: '1' }, id: newId(), span: spanFrom(t.start) };
  return { kind: 'assign', op, target, value: one, id: newId(), span: spanFrom(target.span.start) };
}

// ---------------------------------------------------------------- unary

/** unary = ("-" | "!" | "*" | "&" "mut"? | "&&" "mut"?) unary | postfix */
function unary(ns: boolean): Expr {
  const t = S.tok;
  switch (t.kind) {
    case T.Minus: case T.Bang: case T.Star: {
      bump();
      const operand = unary(ns);
      return { kind: 'unary', op: t.kind === T.Minus ? '-' : t.kind === T.Bang ? '!' : '*', operand, id: newId(), span: spanFrom(t.start) };
    }
    case T.Amp: case T.AndAnd: {
      // `&&x` is `&(&x)`: take one `&`, the rest is the operand.
      if (t.kind === T.AndAnd) splitFirst(T.Amp);
      else bump();
      const mut = eat(T.KwMut) !== null;
      const operand = unary(ns);
      return { kind: 'ref', mut, operand, id: newId(), span: spanFrom(t.start) };
    }
    case T.Plus:
      return prefixPlus(t, ns);
    case T.Ident:
      if (t.text === 'not') {
        const next = t.next as Token;
        if ((next.kind === T.Ident || next.kind === T.KwTrue || next.kind === T.KwFalse || next.kind === T.KwSelfValue) && !onNewLineBetween(t, next)) {
          bump();
          soft(PE.wordOperator, '`not` is not an operator; use `!`', t.span, 'use `!`')?.suggest('use `!`', sp(t.start, next.start), '!');
          const operand = unary(ns);
          return { kind: 'unary', op: '!', operand, id: newId(), span: spanFrom(t.start) };
        }
      }
      return postfix(parsePrimary(ns));
    default:
      return postfix(parsePrimary(ns));
  }
}

function onNewLineBetween(a: Token, b: Token): boolean {
  return S.file.text.slice(a.end, b.start).includes('\n');
}

/** `++x` reads as `x += 1`; a lone unary `+` does not exist. */
function prefixPlus(t: Token, ns: boolean): Expr {
  const second = t.next as Token;
  if (second.kind === T.Plus && second.start === t.end) {
    bump();
    bump();
    const target = unary(ns);
    const text = S.file.text.slice(target.span.start, target.span.end);
    soft(PE.incDec, 'Orizon has no `++` operator; use `+= 1`', sp(t.start, second.end), 'not an operator')
      ?.suggest('use `+= 1`', sp(t.start, S.lastEnd), `${text} += 1`);
    const one: Expr = { kind: 'lit', lit: { kind: 'int', value: 1n, suffix: null, text: '1' }, id: newId(), span: spanFrom(t.start) };
    return { kind: 'assign', op: '+=', target, value: one, id: newId(), span: spanFrom(t.start) };
  }
  fatal(PE.expectedExpr, 'expected expression, found `+`', t.span, 'unary `+` is not supported')
    ?.suggest('remove the `+`', t.span, '');
  bump();
  return unary(ns);
}

// ---------------------------------------------------------------- postfix

/** postfix = primary ("?" | "." field_or_method | "(" args ")" | "[" expr "]")* */
function postfix(e: Expr): Expr {
  for (;;) {
    switch (S.tok.kind) {
      case T.Question:
        if (ternaryAhead()) return e;
        bump();
        e = { kind: 'try', expr: e, id: newId(), span: spanFrom(e.span.start) };
        break;
      case T.Dot:
        e = dotSuffix(e);
        break;
      case T.LParen: {
        const open = bump();
        const args = commaList(open, T.RParen, parseExpr, 'an argument');
        e = { kind: 'call', callee: e, args, id: newId(), span: spanFrom(e.span.start) };
        break;
      }
      case T.LBracket: {
        const open = bump();
        const index = parseExpr();
        closeDelim(open, T.RBracket);
        e = { kind: 'index', expr: e, index, id: newId(), span: spanFrom(e.span.start) };
        break;
      }
      default:
        return e;
    }
    if (S.panicking) return e;
  }
}

/**
 * field_or_method = IDENT ("::" generic_args)? ("(" args ")")?
 *                 | INT                       (tuple field; `t.0.1` is lexed `t . 0 . 1`)
 */
function dotSuffix(e: Expr): Expr {
  bump(); // `.`
  const t = S.tok;
  const start = e.span.start;
  if (t.kind === T.Ident) {
    bump();
    const method = identOf(t);
    let generics: Type[] | null = null;
    if (at(T.PathSep) && peek().kind === T.Lt) {
      bump();
      generics = parseGenericArgs();
    }
    if (at(T.LParen)) {
      const open = bump();
      const args = commaList(open, T.RParen, parseExpr, 'an argument');
      return { kind: 'methodCall', receiver: e, method, generics, args, id: newId(), span: spanFrom(start) };
    }
    if (generics) expect(T.LParen, '`(` (generic arguments need a method call)');
    return { kind: 'field', expr: e, name: method, id: newId(), span: spanFrom(start) };
  }
  if (t.kind === T.Int) {
    bump();
    if (!/^(0|[1-9][0-9]*)$/.test(t.text)) {
      soft(PE.tupleIndex, `invalid tuple field index \`${t.text}\``, t.span, 'expected a plain decimal index like `0`');
    }
    return { kind: 'tupleField', expr: e, index: Number.parseInt(t.text, 10) || 0, id: newId(), span: spanFrom(start) };
  }
  if (t.kind >= T.KwAs && t.kind <= T.KwWhile) {
    fatal(PE.expected, `expected a field or method name after \`.\`, found ${describeTok(t)}`, t.span,
      'keywords cannot be field or method names');
    return e;
  }
  expectedError('a field name, tuple index or method call after `.`');
  return e;
}
