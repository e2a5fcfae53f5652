// Primary expressions, chosen by a table on the kind of the first token:
// literals, paths (with struct literals and macro calls), parentheses and
// tuples, arrays, blocks, control flow, jumps and closures.
import { T, type Token } from '../token.ts';
import type { Block, ClosureParam, Expr, FieldInit, Ident, MatchArm, Path, Pat, Type } from '../ast.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, at, bump, closeDelim, closerOf, commaList, describeTok, eat, expect, expectedError, fatal, identOf,
  newId, onNewLine, peek, soft, sp, spanFrom,
} from './core.ts';
import { parseCond, parseExpr, parseExprNoStruct, parseStmtExpr, stmtEndedBlockLike } from './exprs.ts';
import { litOf } from './lit.ts';
import { parseMacroArgs } from './macros.ts';
import { parsePatNoAlt, parsePattern } from './patterns.ts';
import { parseBlock } from './stmts.ts';
import { parsePath, parseType } from './types.ts';

type PrimaryRule = (t: Token, ns: boolean) => Expr;

/** First-token dispatch table: kind → rule. Filled at the end of this file. */
const PRIMARY: PrimaryRule[] = [];

/** Kinds that can start an expression (`{` only where struct literals/blocks may start one). */
const STARTS_EXPR: boolean[] = [];

export function canStartExpr(k: T, ns: boolean): boolean {
  return STARTS_EXPR[k] === true || (k === T.LBrace && !ns);
}

/** primary = literal | path_expr | paren_expr | array_expr | block_expr | if_expr | ... */
export function parsePrimary(ns: boolean): Expr {
  const t = S.tok;
  const rule = PRIMARY[t.kind];
  if (rule) return rule(t, ns);
  return missingExpr(t);
}

function missingExpr(t: Token): Expr {
  expectedError('an expression', PE.expectedExpr);
  return errorExpr(t.start);
}

export function errorExpr(start: number): Expr {
  return { kind: 'error', id: newId(), span: sp(start, Math.max(start, S.lastEnd)) };
}

/** At a statement start: does a block-like expression (which ends the statement) begin here? */
export function isBlockLikeStart(): boolean {
  switch (S.tok.kind) {
    case T.LBrace: case T.KwIf: case T.KwMatch: case T.KwLoop: case T.KwWhile: case T.KwFor:
      return true;
    case T.KwUnsafe:
      return peek().kind === T.LBrace;
    case T.Lifetime:
      return peek().kind === T.Colon;
    case T.Ident: // a macro invoked with braces: `m! { ... }`
      return peek().kind === T.Bang && peek(2).kind === T.LBrace;
    default:
      return false;
  }
}

export function parseBlockLike(): Expr {
  return parsePrimary(false);
}

function blockExpr(block: Block, unsafe: boolean, label: Ident | null, start: number): Expr {
  return { kind: 'block', block, unsafe, label, id: newId(), span: spanFrom(start) };
}

// ---------------------------------------------------------------- literals and paths

function litExpr(t: Token): Expr {
  bump();
  return { kind: 'lit', lit: litOf(t), id: newId(), span: spanFrom(t.start) };
}

/**
 * path_expr = path
 *           | path "!" ("(" macro_args ")" | "[" macro_args "]" | "{" macro_args "}")
 *           | path "{" field_inits "}"            (not in `if`/`while`/`match`/`for` heads)
 */
function pathExpr(t: Token, ns: boolean): Expr {
  const start = t.start;
  const path = parsePath(false);
  if (path.segments.length === 0) return errorExpr(start); // `::` alone (reported)
  const k = S.tok.kind;
  if (k === T.Bang) return macroCall(path, start);
  if (k === T.LBrace) {
    const shape = structLitAhead();
    if (shape === StructLit.Certain || (shape === StructLit.Likely && !ns)) {
      if (ns) {
        const open = S.tok;
        const e = structLit(path, start);
        soft(PE.structLitHere, 'struct literals are not allowed here', sp(start, e.span.end), 'struct literal in a condition')
          ?.help('the `{` would start the body; wrap the struct literal in parentheses')
          .suggest('add parentheses', sp(start, start), '(')
          .suggest('add parentheses', sp(e.span.end, e.span.end), ')');
        void open;
        return e;
      }
      return structLit(path, start);
    }
  }
  const first = path.segments[0];
  const e: Expr = { kind: 'path', path, id: newId(), span: path.span };
  if (path.segments.length === 1 && first && first.generics === null && !path.global) S.slips.noteValue(first.ident, e);
  return e;
}

const enum StructLit { No, Likely, Certain }

/**
 * What follows `Path {`: `Ident :` can only be a struct literal; `}`, `..`,
 * `Ident ,` and `Ident }` are struct literals where one is allowed; anything else
 * is a block (the path ended the expression).
 */
function structLitAhead(): StructLit {
  const a = peek();
  const b = a.next as Token;
  switch (a.kind) {
    case T.RBrace: case T.DotDot:
      return StructLit.Likely;
    case T.Ident:
      if (b.kind === T.Colon) return StructLit.Certain;
      return b.kind === T.Comma || b.kind === T.RBrace ? StructLit.Likely : StructLit.No;
    case T.Int:
      return b.kind === T.Colon ? StructLit.Certain : StructLit.No;
    default:
      return StructLit.No;
  }
}

/**
 * struct_lit = path "{" (field_init ("," field_init)* ("," ".." expr)? ","?)? "}"
 * field_init = IDENT ":" expr | IDENT
 */
function structLit(path: Path, start: number): Expr {
  const open = bump(); // `{`
  let base: Expr | null = null;
  const fields = commaList<FieldInit>(open, T.RBrace, () => {
    if (at(T.DotDot)) {
      bump();
      base = parseExpr();
      if (!at(T.RBrace) && !S.panicking) expectedError('`}` (the `..base` must come last)');
      return null;
    }
    const fstart = S.tok.start;
    if (at(T.Int) && peek().kind === T.Colon) {
      fatal(PE.unsupported, 'numeric field names in struct literals are not supported; use the tuple-struct constructor', S.tok.span);
      return null;
    }
    const name = S.tok.kind === T.Ident ? identOf(bump()) : null;
    if (!name) {
      expectedError('a field name');
      return null;
    }
    if (eat(T.Colon)) {
      const value = parseExpr();
      return { name, value, shorthand: false, span: spanFrom(fstart) };
    }
    const value: Expr = { kind: 'path', path: { segments: [{ ident: name, generics: null }], global: false, span: name.span }, id: newId(), span: name.span };
    return { name, value, shorthand: true, span: spanFrom(fstart) };
  }, 'a field');
  return { kind: 'struct', path, fields, base, id: newId(), span: spanFrom(start) };
}

/** macro_call = path "!" delimited_args — built-in macros only; the name is the last segment. */
function macroCall(path: Path, start: number): Expr {
  bump(); // `!`
  const name = path.segments[path.segments.length - 1]!.ident;
  const open = S.tok;
  if (open.kind !== T.LParen && open.kind !== T.LBracket && open.kind !== T.LBrace) {
    expectedError('`(`, `[` or `{` after the macro name');
    return errorExpr(start);
  }
  bump();
  const args = parseMacroArgs(name, open, closerOf(open.kind));
  return { kind: 'macro', name, args, id: newId(), span: spanFrom(start) };
}

function qualifiedPath(t: Token): Expr {
  fatal(PE.unsupported, 'qualified paths (`<T as Trait>::f`) are not supported in Orizon v0.1', t.span)
    ?.help('call the function through the type (`T::f()`) or the trait (`Trait::f(x)`)');
  return errorExpr(t.start);
}

// ---------------------------------------------------------------- groups

/** paren_expr = "(" ")" | "(" expr ")" | "(" expr "," (expr ("," expr)* ","?)? ")" */
function parenExpr(t: Token): Expr {
  const open = bump();
  let trailingComma = false;
  const elems = commaList(open, T.RParen, () => {
    const e = parseExpr();
    trailingComma = at(T.Comma);
    return e;
  }, 'an expression');
  if (elems.length === 1 && !trailingComma) return { kind: 'paren', expr: elems[0]!, id: newId(), span: spanFrom(t.start) };
  return { kind: 'tuple', elems, id: newId(), span: spanFrom(t.start) };
}

/** array_expr = "[" "]" | "[" expr ";" expr "]" | "[" expr ("," expr)* ","? "]" */
function arrayExpr(t: Token): Expr {
  const open = bump();
  if (eat(T.RBracket)) return { kind: 'array', elems: [], id: newId(), span: spanFrom(t.start) };
  const first = parseExpr();
  if (!S.panicking && eat(T.Semi)) {
    const len = parseExpr();
    closeDelim(open, T.RBracket);
    return { kind: 'arrayRepeat', elem: first, len, id: newId(), span: spanFrom(t.start) };
  }
  const elems = S.panicking ? [first] : commaList(open, T.RBracket, parseExpr, 'an expression', [first], true);
  if (S.panicking) closeDelim(open, T.RBracket);
  return { kind: 'array', elems, id: newId(), span: spanFrom(t.start) };
}

function braceExpr(t: Token): Expr {
  return blockExpr(parseBlock(), false, null, t.start);
}

/** unsafe_block = "unsafe" block */
function unsafeExpr(t: Token): Expr {
  bump();
  if (!at(T.LBrace)) {
    expectedError('`{` after `unsafe` in an expression');
    return errorExpr(t.start);
  }
  return blockExpr(parseBlock(), true, null, t.start);
}

// ---------------------------------------------------------------- control flow

const ELIF: ReadonlySet<string> = new Set(['elif', 'elsif', 'elseif']);

/** if_expr = "if" cond block ("else" (if_expr | block))? */
function ifExpr(t: Token): Expr {
  bump();
  return ifRest(t.start);
}

function ifRest(start: number): Expr {
  const cond = parseCond();
  const then = parseBlock();
  let els: Expr | null = null;
  if (S.panicking) {
    // the enclosing statement resynchronises
  } else if (at(T.KwElse)) {
    bump();
    const e = S.tok;
    if (e.kind === T.KwIf) els = ifExpr(e);
    else if (e.kind === T.LBrace) els = blockExpr(parseBlock(), false, null, e.start);
    else expectedError('`{` or `if` after `else`');
  } else if (at(T.Ident) && ELIF.has(S.tok.text) && blockAhead()) {
    // `elif c { ... }`: report, then read it as `else if`.
    const w = bump();
    soft(PE.elif, `Orizon spells \`${w.text}\` as \`else if\``, w.span, 'use `else if`')
      ?.suggest('use `else if`', w.span, 'else if');
    els = ifRest(w.start);
  }
  return { kind: 'if', cond, then, else: els, id: newId(), span: spanFrom(start) };
}

/**
 * After `elif`: a condition and then `{` before any `;` or `}` — not, say, a
 * call `elif();` of a function that happens to have that name.
 */
function blockAhead(): boolean {
  let t = S.tok.next as Token;
  if (!canStartExpr(t.kind, true)) return false;
  let depth = 0;
  for (let i = 0; i < 64 && t.kind !== T.Eof; i++, t = t.next as Token) {
    const k = t.kind;
    if (k === T.LParen || k === T.LBracket) depth++;
    else if (k === T.RParen || k === T.RBracket) depth--;
    else if (depth === 0 && k === T.LBrace) return true;
    else if (k === T.Semi || k === T.RBrace) return false;
  }
  return false;
}

/** match_expr = "match" expr_no_struct "{" match_arm* "}" */
function matchExpr(t: Token): Expr {
  bump();
  const scrutinee = parseExprNoStruct();
  const arms: MatchArm[] = [];
  const open = S.panicking ? null : expect(T.LBrace, '`{` to start the match arms');
  if (open) {
    while (!at(T.RBrace) && !at(T.Eof)) {
      const before = S.tok;
      const arm = matchArm();
      if (S.panicking) {
        // An arm is a resynchronisation point: skip to the next `,` or the `}`;
        // a broken body becomes an `error` placeholder.
        syncArm();
        if (arm) arms.push({ ...arm, body: errorExpr(arm.body.span.start), span: spanFrom(arm.span.start) });
      } else if (arm) arms.push(arm);
      if (S.tok === before) { bump(); S.panicking = false; }
    }
    closeDelim(open, T.RBrace);
  }
  return { kind: 'match', scrutinee, arms, id: newId(), span: spanFrom(t.start) };
}

/** match_arm = pattern ("if" expr)? "=>" expr ("," | <after a block-like body>) */
function matchArm(): MatchArm | null {
  const start = S.tok.start;
  if (at(T.Pound)) {
    fatal(PE.misplacedAttr, 'attributes on match arms are not supported', S.tok.span);
    return null;
  }
  const pat: Pat = parsePattern();
  const guard = !S.panicking && eat(T.KwIf) ? parseExpr() : null;
  if (S.panicking || !expect(T.FatArrow, '`=>`')) return null;
  const body = parseStmtExpr();
  const blockLike = stmtEndedBlockLike();
  const arm = { pat, guard, body, span: spanFrom(start) };
  if (eat(T.Comma) || at(T.RBrace) || blockLike || S.panicking) return arm;
  const t = S.tok;
  if (onNewLine(t)) {
    const after = sp(S.lastEnd, S.lastEnd);
    soft(PE.expected, `expected \`,\` after the match arm, found ${describeTok(t)}`, after, 'expected `,`')
      ?.label(t.span, 'the next arm starts here')
      .suggest('add `,` here', after, ',');
  } else {
    expectedError('`,` or `}` after the match arm');
  }
  return arm;
}

function syncArm(): void {
  let depth = 0;
  for (;;) {
    const k = S.tok.kind;
    if (k === T.Eof || (depth === 0 && k === T.RBrace)) break;
    if (k === T.LParen || k === T.LBracket || k === T.LBrace) depth++;
    else if ((k === T.RParen || k === T.RBracket || k === T.RBrace) && depth > 0) depth--;
    else if (k === T.Comma && depth === 0) { bump(); break; }
    bump();
  }
  S.panicking = false;
}

/** while_expr = "while" cond block */
function whileExpr(t: Token, label: Ident | null = null, start = t.start): Expr {
  bump();
  const cond = parseCond();
  const body = parseBlock();
  return { kind: 'while', label, cond, body, id: newId(), span: spanFrom(start) };
}

/** loop_expr = "loop" block */
function loopExpr(t: Token, label: Ident | null = null, start = t.start): Expr {
  bump();
  const body = parseBlock();
  return { kind: 'loop', label, body, id: newId(), span: spanFrom(start) };
}

/** for_expr = "for" pattern "in" expr_no_struct block */
function forExpr(t: Token, label: Ident | null = null, start = t.start): Expr {
  bump();
  const pat = parsePattern();
  if (!S.panicking) expect(T.KwIn, '`in`');
  const iter = S.panicking ? errorExpr(S.tok.start) : parseExprNoStruct();
  const body = parseBlock();
  return { kind: 'for', label, pat, iter, body, id: newId(), span: spanFrom(start) };
}

/** labelled = LIFETIME ":" (loop_expr | while_expr | for_expr | block) */
function labelled(t: Token): Expr {
  bump();
  const label: Ident = { name: t.text, span: t.span };
  if (!expect(T.Colon, '`:` after the label')) return errorExpr(t.start);
  const k = S.tok;
  switch (k.kind) {
    case T.KwLoop: return loopExpr(k, label, t.start);
    case T.KwWhile: return whileExpr(k, label, t.start);
    case T.KwFor: return forExpr(k, label, t.start);
    case T.LBrace: return blockExpr(parseBlock(), false, label, t.start);
    default:
      fatal(PE.labelTarget, `expected \`loop\`, \`while\`, \`for\` or a block after the label, found ${describeTok(k)}`, k.span, 'not a loop or block')
        ?.label(t.span, 'label');
      return errorExpr(t.start);
  }
}

// ---------------------------------------------------------------- jumps

/** break_expr = "break" LIFETIME? expr? */
function breakExpr(t: Token, ns: boolean): Expr {
  bump();
  const label = at(T.Lifetime) ? lifetimeIdent(bump()) : null;
  const value = canStartExpr(S.tok.kind, ns) ? (ns ? parseExprNoStruct() : parseExpr()) : null;
  return { kind: 'break', label, value, id: newId(), span: spanFrom(t.start) };
}

/** continue_expr = "continue" LIFETIME? */
function continueExpr(t: Token): Expr {
  bump();
  const label = at(T.Lifetime) ? lifetimeIdent(bump()) : null;
  return { kind: 'continue', label, id: newId(), span: spanFrom(t.start) };
}

/** return_expr = "return" expr? */
function returnExpr(t: Token, ns: boolean): Expr {
  bump();
  const value = canStartExpr(S.tok.kind, ns) ? (ns ? parseExprNoStruct() : parseExpr()) : null;
  return { kind: 'return', value, id: newId(), span: spanFrom(t.start) };
}

function lifetimeIdent(t: Token): Ident {
  return { name: t.text, span: t.span };
}

// ---------------------------------------------------------------- closures

/**
 * closure = "move"? ("||" | "|" (closure_param ("," closure_param)* ","?)? "|")
 *           ("->" type block | expr)
 * closure_param = pat_no_top_alt (":" type)?
 */
function closureExpr(t: Token, ns: boolean): Expr {
  eat(T.KwMove); // closures capture nothing in v0.1, so `move` changes nothing
  const params: ClosureParam[] = [];
  if (eat(T.OrOr) === null) {
    const open = expect(T.Pipe, '`|` to start the closure parameters');
    if (!open) return errorExpr(t.start);
    while (!at(T.Pipe)) {
      if (at(T.Eof)) { expectedError('`|` to end the closure parameters'); break; }
      const pat = parsePatNoAlt();
      const type: Type | null = eat(T.Colon) ? parseType() : null;
      params.push({ pat, type });
      if (S.panicking || !eat(T.Comma)) break;
    }
    if (!S.panicking) expect(T.Pipe, '`,` or `|`');
    if (S.panicking) return errorExpr(t.start);
  }
  let ret: Type | null = null;
  let body: Expr;
  if (eat(T.RArrow)) {
    ret = parseType();
    const b = S.tok;
    if (b.kind !== T.LBrace) {
      expectedError('`{` (a closure with a return type needs a block body)');
      return errorExpr(t.start);
    }
    body = blockExpr(parseBlock(), false, null, b.start);
  } else {
    body = ns ? parseExprNoStruct() : parseExpr();
  }
  return { kind: 'closure', params, ret, body, id: newId(), span: spanFrom(t.start) };
}

function letExpr(t: Token): Expr {
  fatal(PE.letExpr, 'expected an expression, found a `let` statement', t.span, '`let` is a statement')
    ?.note('`let` is allowed in expressions only as the condition of `if let` and `while let`');
  return errorExpr(t.start);
}

// ---------------------------------------------------------------- tables

for (const k of [T.Int, T.Char, T.Byte, T.Str, T.ByteStr, T.KwTrue, T.KwFalse]) PRIMARY[k] = litExpr;
for (const k of [T.Ident, T.KwSelfValue, T.KwSelfType, T.KwSuper, T.KwCrate, T.PathSep]) PRIMARY[k] = pathExpr;
PRIMARY[T.LParen] = parenExpr;
PRIMARY[T.LBracket] = arrayExpr;
PRIMARY[T.LBrace] = braceExpr;
PRIMARY[T.KwUnsafe] = unsafeExpr;
PRIMARY[T.KwIf] = ifExpr;
PRIMARY[T.KwMatch] = matchExpr;
PRIMARY[T.KwWhile] = (t) => whileExpr(t);
PRIMARY[T.KwLoop] = (t) => loopExpr(t);
PRIMARY[T.KwFor] = (t) => forExpr(t);
PRIMARY[T.Lifetime] = labelled;
PRIMARY[T.KwBreak] = breakExpr;
PRIMARY[T.KwContinue] = continueExpr;
PRIMARY[T.KwReturn] = returnExpr;
PRIMARY[T.Pipe] = closureExpr;
PRIMARY[T.OrOr] = closureExpr;
PRIMARY[T.KwMove] = closureExpr;
PRIMARY[T.KwLet] = letExpr;
PRIMARY[T.Lt] = qualifiedPath;

for (const k of [T.Int, T.Char, T.Byte, T.Str, T.ByteStr, T.KwTrue, T.KwFalse, T.Ident, T.KwSelfValue,
  T.KwSelfType, T.KwSuper, T.KwCrate, T.PathSep, T.LParen, T.LBracket, T.Minus, T.Bang, T.Star, T.Amp,
  T.AndAnd, T.Pipe, T.OrOr, T.DotDot, T.DotDotEq, T.Lifetime, T.KwIf, T.KwMatch, T.KwLoop, T.KwWhile,
  T.KwFor, T.KwUnsafe, T.KwBreak, T.KwContinue, T.KwReturn, T.KwMove, T.Lt]) STARTS_EXPR[k] = true;
