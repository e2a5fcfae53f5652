// Parser core: the cursor over the lexer's Token list, error reporting with
// cascade suppression, recovery helpers, and our own typescript-parsec
// combinators.
//
// Two ways of parsing meet here, over one currency (the library's Token and
// Parser<T, R> interfaces):
//  - Item-level rules are composed from the library's `rule` and `apply` and the
//    combinators below (`seq`, `when`, `dispatch`, `many`, `delimited`).
//  - The hot paths (expressions, statements, patterns, types) are hand-written
//    recursive descent over the cursor `S.tok`; `fnP` wraps such a function as a
//    Parser, and `run` runs a Parser from hand-written code.
//
// Invariants:
//  - Every consumed token goes through `bump`, so `S.lastEnd` is the end offset of
//    the last consumed token (spans end there) and `S.tok` is never past Eof.
//  - A Parser reports failure iff it reported a syntax error (or one was
//    suppressed because the parser was already panicking). Pure lookahead
//    failures never reach a committed position: the grammar is LL(1) (LL(2) in a
//    few places, by explicit `peek`), so nothing that reported a diagnostic is
//    ever backtracked over.
//  - `S.panicking` is set by the first fatal error and cleared only at a
//    resynchronisation point (statement in a block, match arm, item); while it
//    is set, further errors are dropped and rules stop consuming and return
//    what they have, so the resynchronisation starts at the failing token.
//    Broken statements and items become `error` placeholders. Errors the parser
//    can repair in place (a missing `;` at a line end, `===`, ...) are "soft":
//    reported without panicking, and the parse goes on as if repaired.
//    One mistake, one diagnostic.
//  - Every loop consumes at least one token per iteration or stops.
import type { FailedParserOutput, ParseError, Parser, ParserOutput } from 'typescript-parsec';
import { T, Token, describeKind, KIND_TEXT, type DocComment } from '../token.ts';
import type { DiagBuilder, DiagnosticBag } from '../../diag/diagnostic.ts';
import type { SourceFile, Span } from '../../diag/source.ts';
import type { Ident } from '../ast.ts';
import { PE } from '../../diag/codes/parser.ts';
import type { SlipTracker } from './slips.ts';

export type P<R> = Parser<T, R>;
export type Out<R> = ParserOutput<T, R>;

// ---------------------------------------------------------------- state

export class ParseState {
  tok: Token;
  /** End offset of the last consumed token (0 before the first). */
  lastEnd = 0;
  /** Start offset of the last consumed token. */
  lastStart = 0;
  /** A fatal error was reported and the parser has not resynchronised yet. */
  panicking = false;
  /** An error at the end of file was reported: every enclosing group would repeat it. */
  eofReported = false;
  /** The cursor when the last error was reported: a second error at the same token is its echo. */
  lastErrorTok: Token | null = null;
  /** Blocks open around the cursor (an end of file inside one is reported by the block). */
  blockDepth = 0;
  /** Next Expr/Pat id. */
  nextId = 0;
  /** Next unattached entry of `docs`. */
  docIndex = 0;
  readonly fileId: number;
  /** Start offsets of the lexer's diagnostics: a parse error right after one is its echo. */
  readonly lexErrorStarts: number[];

  constructor(
    readonly file: SourceFile,
    first: Token,
    readonly diags: DiagnosticBag,
    readonly docs: DocComment[],
    readonly slips: SlipTracker,
    lexErrorStarts: number[],
  ) {
    this.tok = first;
    this.fileId = file.id;
    this.lexErrorStarts = lexErrorStarts;
  }
}

// The library's Parser.parse receives only a token, so grammar rules reach the
// state of the parse in progress through this binding. It is set for the
// duration of one parse by `withState` (and restored after, so parses nest).
export let S: ParseState = undefined as unknown as ParseState;

export function withState<R>(st: ParseState, f: () => R): R {
  const prev = S;
  S = st;
  try {
    return f();
  } finally {
    S = prev;
  }
}

// ---------------------------------------------------------------- cursor

/** Consumes the current token (never moves past Eof). */
export function bump(): Token {
  const t = S.tok;
  if (t.kind !== T.Eof) {
    S.tok = t.next as Token;
    S.lastStart = t.start;
    S.lastEnd = t.end;
  }
  return t;
}

export function at(k: T): boolean {
  return S.tok.kind === k;
}

export function eat(k: T): Token | null {
  return S.tok.kind === k ? bump() : null;
}

/** The token `n` places after the current one (Eof is sticky). */
export function peek(n = 1): Token {
  let t = S.tok;
  for (let i = 0; i < n && t.next; i++) t = t.next as Token;
  return t;
}

/**
 * The lexer lexes punctuation maximally; where the grammar needs only the first
 * character (`>` closing generics out of `>>`, `>=` or `>>=`; `&` out of `&&`),
 * this consumes that character and leaves the rest as a new token in place.
 */
export function splitFirst(rest: T): void {
  const t = S.tok;
  const r = new Token(rest, t.text.slice(1), t.start + 1, t.end, t.source, false);
  r.next = t.next;
  S.tok = r;
  S.lastStart = t.start;
  S.lastEnd = t.start + 1;
}

export function sp(start: number, end: number): Span {
  return { file: S.fileId, start, end };
}

/** Span from `start` to the end of the last consumed token. */
export function spanFrom(start: number): Span {
  return { file: S.fileId, start, end: Math.max(start, S.lastEnd) };
}

export function newId(): number {
  return S.nextId++;
}

export function identOf(t: Token): Ident {
  return { name: t.text, span: t.span };
}

/** Is there a line break between the previous token and `t`? */
export function onNewLine(t: Token): boolean {
  const text = S.file.text;
  for (let i = S.lastEnd; i < t.start; i++) if (text.charCodeAt(i) === 10) return true;
  return t.start === 0;
}

export function isOpener(k: T): boolean {
  return k === T.LParen || k === T.LBracket || k === T.LBrace;
}

export function isCloser(k: T): boolean {
  return k === T.RParen || k === T.RBracket || k === T.RBrace;
}

// ---------------------------------------------------------------- diagnostics

/** How a token is named in "found ..." messages. */
export function describeTok(t: Token): string {
  switch (t.kind) {
    case T.Ident: return `identifier \`${t.text}\``;
    case T.Int: case T.Char: case T.Byte: case T.Lifetime:
      return `${describeKind(t.kind)} \`${t.text}\``;
    case T.Str: case T.ByteStr:
      return t.text.length <= 24 ? `${describeKind(t.kind)} \`${t.text}\`` : describeKind(t.kind);
    case T.Eof: return 'end of file';
    default:
      return t.kind < T.Plus ? `keyword \`${t.text}\`` : `\`${t.text}\``;
  }
}

/** `;` → "`;`" */
export function quote(k: T): string {
  return `\`${KIND_TEXT[k]}\``;
}

// An error right after a lexical error is usually its echo (a skipped stray
// character, an unterminated string swallowing the rest of the file).
function echoesLexError(span: Span): boolean {
  const starts = S.lexErrorStarts;
  if (starts.length === 0) return false;
  const lo = Math.min(S.lastStart, span.start);
  const hi = Math.max(span.end, S.tok.end);
  for (const s of starts) if (s >= lo && s <= hi) return true;
  return span.start >= S.file.text.length && starts.length > 0;
}

/**
 * Reports a syntax error the parser cannot continue from: sets `panicking`, so
 * the enclosing statement or item resynchronises. Returns null when suppressed.
 */
export function fatal(code: string, message: string, span: Span, label = ''): DiagBuilder | null {
  if (S.panicking) return null;
  S.panicking = true;
  if (S.tok === S.lastErrorTok || echoesLexError(span)) return null;
  S.lastErrorTok = S.tok;
  return S.diags.error(code, message, span, label);
}

/** Reports an error the parser has recovered from in place (the parse goes on normally). */
export function soft(code: string, message: string, span: Span, label = ''): DiagBuilder | null {
  if (S.panicking || S.tok === S.lastErrorTok || echoesLexError(span)) return null;
  S.lastErrorTok = S.tok;
  return S.diags.error(code, message, span, label);
}

/** "expected X, found Y" at the current token (fatal). */
export function expectedError(what: string, code: string = PE.expected): DiagBuilder | null {
  const t = S.tok;
  if (t.kind === T.Eof) return unexpectedEof(what);
  return fatal(code, `expected ${what}, found ${describeTok(t)}`, t.span, `expected ${what}`);
}

function unexpectedEof(what: string): DiagBuilder | null {
  if (S.eofReported) {
    S.panicking = true;
    return null;
  }
  S.eofReported = true;
  return fatal(PE.expected, `expected ${what}, found end of file`, S.tok.span, `expected ${what}`);
}

export function expect(k: T, what?: string): Token | null {
  if (S.tok.kind === k) return bump();
  expectedError(what ?? quote(k));
  return null;
}

export function expectIdent(what: string): Ident | null {
  if (S.tok.kind === T.Ident) return identOf(bump());
  expectedError(what);
  return null;
}

/**
 * `;` after a statement or item. When the next token starts a new line the `;`
 * was most likely forgotten: report just after the previous token, suggest
 * inserting it, and go on as if it were there. On the same line the mistake is
 * more likely something else, so the error is fatal and points there too.
 */
export function expectSemi(): boolean {
  if (S.tok.kind === T.Semi) {
    bump();
    return true;
  }
  const t = S.tok;
  // Inside a block, the block reports the end of file (with its opener).
  if (t.kind === T.Eof && S.blockDepth > 0) return true;
  // `let x = f(1));`: a stray closer; report it alone and take the `;` after it.
  if ((t.kind === T.RParen || t.kind === T.RBracket) && t.next?.kind === T.Semi) {
    soft(PE.unexpectedCloser, `unexpected closing delimiter: \`${t.text}\``, t.span, 'unexpected closing delimiter')
      ?.suggest('remove it', t.span, '');
    bump();
    bump();
    return true;
  }
  const after = sp(S.lastEnd, S.lastEnd);
  const newLine = t.kind === T.Eof || t.kind === T.RBrace || onNewLine(t);
  const msg = `expected \`;\`, found ${describeTok(t)}`;
  const b = newLine ? soft(PE.semi, msg, after, 'expected `;`') : fatal(PE.semi, msg, after, 'expected `;`');
  if (b) {
    if (t.kind !== T.Eof) b.label(t.span, 'unexpected token');
    if (newLine) b.suggest('add `;` here', after, ';');
  }
  return newLine;
}

/**
 * The file ended inside `open`: one error at the opener, a label at the end of
 * file. Nothing follows to resynchronise with, so the parse is not put in
 * panic mode: the groups around it close quietly and keep their contents.
 */
export function unclosed(open: Token): void {
  if (S.eofReported) return;
  S.eofReported = true;
  const b = soft(PE.unclosed, 'this file contains an unclosed delimiter', open.span, 'unclosed delimiter');
  if (b) b.label(S.tok.span, `expected \`${closerText(open.kind)}\` before the end of the file`);
}

function closerText(open: T): string {
  return open === T.LParen ? ')' : open === T.LBracket ? ']' : '}';
}

export function closerOf(open: T): T {
  return open === T.LParen ? T.RParen : open === T.LBracket ? T.RBracket : T.RBrace;
}

/**
 * Closes the group opened by `open`. Handles the end of file (unclosed
 * delimiter), a wrong closer (mismatched delimiter: a `)`/`]` is taken as a typo
 * for the right one, a `}` is left for the enclosing block), and, after an
 * error inside the group, skips to the matching closer.
 */
export function closeDelim(open: Token, close: T): Token | null {
  const t = S.tok;
  if (t.kind === close) return bump();
  if (S.panicking) return skipToCloser(close);
  if (t.kind === T.Eof) {
    unclosed(open);
    return null;
  }
  if (isCloser(t.kind)) {
    const b = soft(PE.mismatched, `mismatched closing delimiter: \`${t.text}\``, t.span, 'mismatched closing delimiter');
    b?.label(open.span, 'unclosed delimiter');
    b?.suggest(`close it with \`${KIND_TEXT[close]}\``, t.span, KIND_TEXT[close]!);
    return t.kind === T.RBrace ? null : bump();
  }
  expectedError(quote(close))?.label(open.span, 'unclosed delimiter');
  return skipToCloser(close);
}

// ---------------------------------------------------------------- recovery

/**
 * Skips to the `close` matching the current nesting level and consumes it.
 * Stops without consuming at the end of file, and — when looking for `)` or `]` —
 * at a `;` or an unmatched `}`, which cannot occur inside parentheses or
 * brackets in valid code: the group was never closed.
 */
export function skipToCloser(close: T): Token | null {
  let depth = 0;
  for (;;) {
    const k = S.tok.kind;
    switch (k) {
      case T.Eof:
        return null;
      case T.LParen: case T.LBracket: case T.LBrace:
        depth++;
        break;
      case T.RParen: case T.RBracket: case T.RBrace:
        if (depth === 0) {
          if (k === close) return bump();
          if (k === T.RBrace) return null;
        } else depth--;
        break;
      case T.Semi:
        if (depth === 0 && close !== T.RBrace) return null;
        break;
    }
    bump();
  }
}

/** Statement boundary: skips to just after a `;`, or to the `}` closing the block, at depth 0. */
export function syncStmt(): void {
  let depth = 0;
  for (;;) {
    const k = S.tok.kind;
    if (k === T.Eof) break;
    if (depth === 0 && k === T.RBrace) break;
    if (isOpener(k)) depth++;
    else if (isCloser(k)) { if (depth > 0) depth--; }
    else if (k === T.Semi && depth === 0) { bump(); break; }
    bump();
  }
  S.panicking = false;
}

/** Kinds that can start an item (after which item-level recovery resumes). */
export const ITEM_START: readonly boolean[] = (() => {
  const a: boolean[] = [];
  for (const k of [T.KwFn, T.KwStruct, T.KwEnum, T.KwImpl, T.KwTrait, T.KwConst, T.KwStatic, T.KwType,
    T.KwMod, T.KwUse, T.KwImport, T.KwPub, T.Pound, T.KwExtern, T.KwUnsafe]) a[k] = true;
  return a;
})();

/**
 * Item boundary: skips to the next token that can start an item at brace depth
 * 0, or to the `}` closing the item list (`inBraces`), or the end of file.
 *
 * Item keywords also occur inside items (`fn(u8)` and `*const T` types,
 * `<const N: usize>`), so a keyword counts only where an item can begin: at
 * the start of a line or after `;`, `}`, `{` or `]` (the end of an attribute).
 */
export function syncItem(inBraces: boolean): void {
  let depth = 0;
  let prev: T = T.Semi;
  for (;;) {
    const t = S.tok;
    const k = t.kind;
    if (k === T.Eof) break;
    if (depth === 0) {
      if (ITEM_START[k] === true && !(k === T.KwUnsafe && peek().kind === T.LBrace)
        && (prev === T.Semi || prev === T.RBrace || prev === T.LBrace || prev === T.RBracket || onNewLine(t))) break;
      if (k === T.RBrace && inBraces) break;
    }
    if (isOpener(k)) depth++;
    else if (isCloser(k) && depth > 0) depth--;
    prev = k;
    bump();
  }
  S.panicking = false;
}

// ---------------------------------------------------------------- lists

/**
 * `elem ("," elem)* ","? close`, after the opener `open` was consumed. Results
 * are pushed into one array (linear, unlike the library's `list_sc`).
 *
 * A missing comma before an element on a new line is reported and recovered
 * in place; a missing closer before `;`, `}` (or `{` after `(`) is reported at
 * the opener's group and the closer is taken as present.
 */
export function commaList<R>(open: Token, close: T, elem: () => R | null, what: string, out: R[] = [], afterElem = false): R[] {
  for (;;) {
    if (!afterElem) {
      const k = S.tok.kind;
      if (k === close) { bump(); return out; }
      if (k === T.Eof || S.panicking) break;
      const before = S.tok;
      const e = elem();
      if (e !== null) out.push(e);
      if (S.panicking) break;
      if (S.tok === before) { expectedError(what); break; }
    }
    afterElem = false;
    if (S.tok.kind === T.Comma) { bump(); continue; }
    if (S.tok.kind === close) { bump(); return out; }
    const r = missingSeparator(open, close);
    if (r === Sep.Closed) return out;
    if (r === Sep.Fatal) break;
  }
  closeDelim(open, close);
  return out;
}

const enum Sep { Inserted, Closed, Fatal }

/** Decides how to recover from `elem <unexpected>` inside a comma-separated group. */
function missingSeparator(open: Token, close: T): Sep {
  const t = S.tok;
  const after = sp(S.lastEnd, S.lastEnd);
  const closeText = KIND_TEXT[close]!;
  // The end of file, or a closer of another kind: `closeDelim` reports it.
  if (t.kind === T.Eof || isCloser(t.kind)) return Sep.Fatal;
  // `f(a, b;` / `[1, 2 }` / `if (a == b {`: the group was never closed.
  if (close !== T.RBrace && (t.kind === T.Semi || (close === T.RParen && t.kind === T.LBrace))) {
    const b = soft(PE.unclosed, `expected \`,\` or \`${closeText}\`, found ${describeTok(t)}`, after, `expected \`${closeText}\``);
    b?.label(open.span, 'unclosed delimiter');
    b?.suggest(`close the group with \`${closeText}\``, after, closeText);
    return Sep.Closed;
  }
  // `a: u8\n b: u16`: a comma forgotten at the end of a line.
  if (onNewLine(t)) {
    const b = soft(PE.expected, `expected \`,\`, found ${describeTok(t)}`, after, 'expected `,`');
    b?.label(t.span, 'unexpected token');
    b?.suggest('add `,` here', after, ',');
    return Sep.Inserted;
  }
  expectedError(`\`,\` or \`${closeText}\``)?.label(open.span, 'the group starts here');
  return Sep.Fatal;
}

// ---------------------------------------------------------------- library combinators

// Library errors are built lazily: the library reads `pos` (line/column) only
// when comparing errors, and computing it for every failed lookahead would cost.
class LazyError implements ParseError {
  readonly kind = 'Error' as const;
  constructor(private readonly at: Token, readonly message: string) {}
  get pos() {
    return this.at.pos;
  }
}

export function ok<R>(first: Token, next: Token, result: R): Out<R> {
  return { successful: true, candidates: [{ firstToken: first, nextToken: next, result }], error: undefined };
}

export function failAt(t: Token, message: string): FailedParserOutput {
  return { successful: false, error: new LazyError(t, message) };
}

/** Sets the cursor from a library-supplied token. */
function enter(token: unknown): Token {
  const t = token as Token | undefined;
  if (t && t !== S.tok) S.tok = t;
  return S.tok;
}

/** Wraps a hand-written rule (reading `S.tok`) as a library Parser. */
export function fnP<R>(f: () => R): P<R> {
  return {
    parse(token): Out<R> {
      const first = enter(token);
      const was = S.panicking;
      const r = f();
      if (!was && S.panicking) return failAt(S.tok, 'syntax error');
      return ok(first, S.tok, r);
    },
  };
}

/** Runs a library Parser at the cursor; null if it failed (its error is already reported). */
export function run<R>(p: P<R>): R | null {
  const out = p.parse(S.tok);
  if (!out.successful) {
    // Safety net: a pure lookahead failed at a committed position.
    if (!S.panicking) expectedError(out.error.message.replace(/^expected /, ''));
    S.panicking = true;
    return null;
  }
  const c = out.candidates[0]!;
  S.tok = c.nextToken as Token;
  return c.result;
}

/** Consumes a token of kind `k`: a pure test, for lookahead positions. */
export function kind(k: T): P<Token> {
  return {
    parse(token): Out<Token> {
      const t = enter(token);
      if (t.kind !== k) return failAt(t, `expected ${quote(k)}`);
      return ok(t, (bump(), S.tok), t);
    },
  };
}

/** Consumes a token of kind `k` or reports "expected `what`, found ..." (committed). */
export function expectP(k: T, what?: string): P<Token> {
  return {
    parse(token): Out<Token> {
      const t = enter(token);
      if (t.kind !== k) {
        expectedError(what ?? quote(k));
        return failAt(t, `expected ${what ?? quote(k)}`);
      }
      return ok(t, (bump(), S.tok), t);
    },
  };
}

/** An identifier, or "expected `what`" (committed). */
export function identP(what: string): P<Ident> {
  return fnP(() => expectIdent(what) ?? { name: '_', span: S.tok.span });
}

type Results<Ps extends readonly P<unknown>[]> = { -readonly [K in keyof Ps]: Ps[K] extends P<infer R> ? R : never };

/**
 * `p1 p2 ... pn` → the tuple of their results. The library's `seq` keeps a list
 * of candidate continuations and copies the result array at every step (about
 * 1 KB of garbage per item in our measurements, a quarter of all the parser's
 * allocation); with one candidate per parser, one array suffices.
 */
export function seq<Ps extends P<unknown>[]>(...ps: Ps): P<Results<Ps>> {
  return {
    parse(token): Out<Results<Ps>> {
      const first = enter(token);
      const out: unknown[] = [];
      let t = first;
      for (const p of ps) {
        const o = p.parse(t);
        if (!o.successful) return o;
        const c = o.candidates[0]!;
        out.push(c.result);
        t = c.nextToken as Token;
      }
      S.tok = t;
      return ok(first, t, out as Results<Ps>);
    },
  };
}

/** Predictive option: if the next token is `k`, consume it and run `p` (committed); else null. */
export function when(k: T): P<Token | null>;
export function when<R>(k: T, p: P<R>): P<R | null>;
export function when<R>(k: T, p?: P<R>): P<R | Token | null> {
  return {
    parse(token): Out<R | Token | null> {
      const first = enter(token);
      if (first.kind !== k) return ok(first, first, null);
      bump();
      if (!p) return ok(first, S.tok, first);
      const out = p.parse(S.tok);
      if (!out.successful) return out;
      const c = out.candidates[0]!;
      return ok(first, c.nextToken as Token, c.result);
    },
  };
}

/** Dispatch on the kind of the next token: a table lookup instead of trying alternatives. */
export function dispatch<R>(table: ReadonlyArray<P<R> | undefined>, fallback: P<R>): P<R> {
  return {
    parse(token): Out<R> {
      const t = enter(token);
      return (table[t.kind] ?? fallback).parse(t);
    },
  };
}

export function table<R>(entries: [T, P<R>][]): P<R>[] {
  const a: P<R>[] = [];
  for (const [k, p] of entries) a[k] = p;
  return a;
}

/** `p*` while `more(token)` holds; linear (one array), stops at the first failure. */
export function many<R>(p: P<R>, more: (t: Token) => boolean): P<R[]> {
  return {
    parse(token): Out<R[]> {
      const first = enter(token);
      const out: R[] = [];
      while (more(S.tok) && S.tok.kind !== T.Eof) {
        const before = S.tok;
        const o = p.parse(S.tok);
        if (!o.successful) return o;
        const c = o.candidates[0]!;
        out.push(c.result);
        S.tok = c.nextToken as Token;
        if (S.tok === before) break;
      }
      return ok(first, S.tok, out);
    },
  };
}

/**
 * `open (elem ("," elem)* ","?)? close` with `commaList`'s recovery. The element
 * is a rule (library Parser) or a hand-written function; a function saves the
 * per-element wrapping for long lists (fields, parameters, variants).
 */
export function delimited<R>(open: T, elem: P<R | null> | (() => R | null), what: string): P<R[]> {
  const close = closerOf(open);
  const elemFn = typeof elem === 'function' ? elem : (): R | null => run(elem);
  return fnP(() => {
    const o = expect(open);
    if (!o) return [];
    return commaList(o, close, elemFn, what);
  });
}
