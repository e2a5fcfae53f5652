// Tokens. The lexer builds a singly linked list of Token objects that implement
// typescript-parsec's Token<T> interface (kind, text, pos, next), so grammar
// rules written with the library consume them directly. Positions are byte
// offsets; `pos` (rows/columns) is computed lazily, only when a parse error
// needs it.
import type { Token as ParsecToken, TokenPosition } from 'typescript-parsec';
import type { SourceFile, Span } from '../diag/source.ts';

export enum T {
  // literals and names
  Ident, Lifetime, Int, Char, Byte, Str, ByteStr,
  // keywords
  KwAs, KwBreak, KwConst, KwContinue, KwCrate, KwDyn, KwElse, KwEnum, KwExtern, KwFalse,
  KwFn, KwFor, KwIf, KwImpl, KwImport, KwIn, KwLet, KwLoop, KwMatch, KwMod, KwMove, KwMut,
  KwPub, KwRef, KwReturn, KwSelfValue, KwSelfType, KwStatic, KwStruct, KwSuper, KwTrait,
  KwTrue, KwType, KwUnsafe, KwUse, KwWhere, KwWhile,
  // punctuation
  Plus, Minus, Star, Slash, Percent, Caret, Bang, Amp, Pipe, AndAnd, OrOr, Shl, Shr,
  PlusEq, MinusEq, StarEq, SlashEq, PercentEq, CaretEq, AmpEq, PipeEq, ShlEq, ShrEq,
  Eq, EqEq, Ne, Gt, Lt, Ge, Le, At, Underscore, Dot, DotDot, DotDotDot, DotDotEq,
  Comma, Semi, Colon, PathSep, RArrow, FatArrow, Pound, Dollar, Question, Tilde,
  LBrace, RBrace, LBracket, RBracket, LParen, RParen,
  /** Last token of every list; its span is the end of the file. */
  Eof,
}

export const KEYWORDS: ReadonlyMap<string, T> = new Map([
  ['as', T.KwAs], ['break', T.KwBreak], ['const', T.KwConst], ['continue', T.KwContinue],
  ['crate', T.KwCrate], ['dyn', T.KwDyn], ['else', T.KwElse], ['enum', T.KwEnum],
  ['extern', T.KwExtern], ['false', T.KwFalse], ['fn', T.KwFn], ['for', T.KwFor], ['if', T.KwIf],
  ['impl', T.KwImpl], ['import', T.KwImport], ['in', T.KwIn], ['let', T.KwLet], ['loop', T.KwLoop],
  ['match', T.KwMatch], ['mod', T.KwMod], ['move', T.KwMove], ['mut', T.KwMut], ['pub', T.KwPub],
  ['ref', T.KwRef], ['return', T.KwReturn], ['self', T.KwSelfValue], ['Self', T.KwSelfType],
  ['static', T.KwStatic], ['struct', T.KwStruct], ['super', T.KwSuper], ['trait', T.KwTrait],
  ['true', T.KwTrue], ['type', T.KwType], ['unsafe', T.KwUnsafe], ['use', T.KwUse],
  ['where', T.KwWhere], ['while', T.KwWhile],
]);

/** How each kind is shown in messages: "expected `;`", "found identifier". */
export function describeKind(k: T): string {
  switch (k) {
    case T.Ident: return 'identifier';
    case T.Lifetime: return 'lifetime';
    case T.Int: return 'integer literal';
    case T.Char: return 'character literal';
    case T.Byte: return 'byte literal';
    case T.Str: return 'string literal';
    case T.ByteStr: return 'byte string literal';
    case T.Eof: return 'end of file';
    default: return `\`${KIND_TEXT[k]}\``;
  }
}

/** Fixed spelling of keyword and punctuation kinds (index = kind). */
export const KIND_TEXT: readonly string[] = (() => {
  const t: string[] = [];
  for (const [text, kind] of KEYWORDS) t[kind] = text;
  const punct: [T, string][] = [
    [T.Plus, '+'], [T.Minus, '-'], [T.Star, '*'], [T.Slash, '/'], [T.Percent, '%'], [T.Caret, '^'],
    [T.Bang, '!'], [T.Amp, '&'], [T.Pipe, '|'], [T.AndAnd, '&&'], [T.OrOr, '||'], [T.Shl, '<<'],
    [T.Shr, '>>'], [T.PlusEq, '+='], [T.MinusEq, '-='], [T.StarEq, '*='], [T.SlashEq, '/='],
    [T.PercentEq, '%='], [T.CaretEq, '^='], [T.AmpEq, '&='], [T.PipeEq, '|='], [T.ShlEq, '<<='],
    [T.ShrEq, '>>='], [T.Eq, '='], [T.EqEq, '=='], [T.Ne, '!='], [T.Gt, '>'], [T.Lt, '<'],
    [T.Ge, '>='], [T.Le, '<='], [T.At, '@'], [T.Underscore, '_'], [T.Dot, '.'], [T.DotDot, '..'],
    [T.DotDotDot, '...'], [T.DotDotEq, '..='], [T.Comma, ','], [T.Semi, ';'], [T.Colon, ':'],
    [T.PathSep, '::'], [T.RArrow, '->'], [T.FatArrow, '=>'], [T.Pound, '#'], [T.Dollar, '$'],
    [T.Question, '?'], [T.Tilde, '~'], [T.LBrace, '{'], [T.RBrace, '}'], [T.LBracket, '['],
    [T.RBracket, ']'], [T.LParen, '('], [T.RParen, ')'], [T.Eof, ''],
  ];
  for (const [k, s] of punct) t[k] = s;
  return t;
})();

export class Token implements ParsecToken<T> {
  next: Token | undefined;

  constructor(
    readonly kind: T,
    /** Source text of the token (for literals: including quotes and suffix). */
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly source: SourceFile,
    /** True when whitespace or a comment precedes the token (for `expected ;` placement). */
    readonly spaceBefore: boolean,
  ) {
    this.next = undefined;
  }

  get span(): Span {
    return { file: this.source.id, start: this.start, end: this.end };
  }

  /** typescript-parsec's position (1-based rows and columns), computed on demand: only errors need it. */
  get pos(): TokenPosition {
    const a = this.source.lineCol(this.start);
    const b = this.source.lineCol(this.end);
    return { index: this.start, rowBegin: a.line, columnBegin: a.col, rowEnd: b.line, columnEnd: b.col };
  }
}

/** A doc comment, kept beside the token list for the item that follows it. */
export interface DocComment {
  /** `//!` and `/*!` comments document the enclosing module or file. */
  inner: boolean;
  text: string;
  span: Span;
}
