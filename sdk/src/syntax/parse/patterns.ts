// Patterns: `let` bindings, parameters, match arms, `if let`/`while let`, `for`.
import { T } from '../token.ts';
import type { FieldPat, Ident, Pat, Path } from '../ast.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, at, bump, commaList, eat, expectedError, expectIdent, identOf, newId, peek, sp, spanFrom, splitFirst,
} from './core.ts';
import { isLitKind, litOf } from './lit.ts';
import { isPathSegmentStart, parsePath } from './types.ts';

/**
 * pattern = "|"? pat_no_top_alt ("|" pat_no_top_alt)*
 *
 * Top-level alternatives are allowed in match arms, `if let`, `while let` and
 * inside parentheses; `let` and parameters use `parsePatNoAlt`.
 */
export function parsePattern(): Pat {
  const start = S.tok.start;
  eat(T.Pipe);
  const first = parsePatNoAlt();
  if (!at(T.Pipe)) return first;
  const alts: Pat[] = [first];
  while (eat(T.Pipe)) {
    alts.push(parsePatNoAlt());
    if (S.panicking) break;
  }
  return { kind: 'or', alts, id: newId(), span: spanFrom(start) };
}

/**
 * pat_no_top_alt = "_" | ".." | "..=" range_bound
 *                | "&" "mut"? pat_no_top_alt
 *                | "(" (pattern ("," pattern)* ","?)? ")"
 *                | "[" (pattern ("," pattern)* ","?)? "]"
 *                | range_bound (("..=" | "...") range_bound | ".." range_bound?)?
 *                | "ref"? "mut"? IDENT ("@" pat_no_top_alt)?
 *                | path ("(" pattern,* ")" | "{" field_pats "}")?
 */
export function parsePatNoAlt(): Pat {
  const t = S.tok;
  const start = t.start;
  switch (t.kind) {
    case T.Underscore:
      bump();
      return { kind: 'wild', id: newId(), span: spanFrom(start) };
    case T.DotDot:
      bump();
      return { kind: 'rest', id: newId(), span: spanFrom(start) };
    case T.DotDotEq: case T.DotDotDot:
      bump();
      return { kind: 'range', lo: null, hi: parseRangeBound(), inclusive: true, id: newId(), span: spanFrom(start) };
    case T.Amp: case T.AndAnd: {
      if (t.kind === T.AndAnd) splitFirst(T.Amp);
      else bump();
      const mut = eat(T.KwMut) !== null;
      const inner = parsePatNoAlt();
      return { kind: 'ref', mut, inner, id: newId(), span: spanFrom(start) };
    }
    case T.LParen: {
      const open = bump();
      let trailingComma = false;
      const elems = commaList(open, T.RParen, () => {
        const p = parsePattern();
        trailingComma = at(T.Comma);
        return p;
      }, 'a pattern');
      const only = elems[0];
      if (elems.length === 1 && !trailingComma && only && only.kind !== 'rest') return { kind: 'paren', inner: only, id: newId(), span: spanFrom(start) };
      return { kind: 'tuple', elems, id: newId(), span: spanFrom(start) };
    }
    case T.LBracket: {
      const open = bump();
      const elems = commaList(open, T.RBracket, parsePattern, 'a pattern');
      return { kind: 'slice', elems, id: newId(), span: spanFrom(start) };
    }
    case T.KwRef: case T.KwMut:
      return parseIdentPat();
    case T.Minus: case T.Int: case T.Char: case T.Byte: case T.Str: case T.ByteStr: case T.KwTrue: case T.KwFalse:
      return rangeTail(parseLitPat(), start);
    default:
      if (isPathSegmentStart(t.kind) || t.kind === T.PathSep) return parsePathPat();
      expectedError('a pattern', PE.expectedPat);
      return { kind: 'wild', id: newId(), span: spanFrom(start) };
  }
}

/** lit_pat = "-"? LITERAL */
function parseLitPat(): Pat {
  const start = S.tok.start;
  const negative = eat(T.Minus) !== null;
  if (!isLitKind(S.tok.kind) || (negative && S.tok.kind !== T.Int)) {
    expectedError(negative ? 'an integer literal' : 'a literal', PE.expectedPat);
    return { kind: 'wild', id: newId(), span: spanFrom(start) };
  }
  return { kind: 'lit', lit: litOf(bump()), negative, id: newId(), span: spanFrom(start) };
}

/** range_bound = "-"? LITERAL | path */
function parseRangeBound(): Pat {
  const k = S.tok.kind;
  if (isPathSegmentStart(k) || k === T.PathSep) {
    const start = S.tok.start;
    return { kind: 'path', path: parsePath(false), id: newId(), span: spanFrom(start) };
  }
  return parseLitPat();
}

/** Kinds that can start a range bound (for the optional end of `a..`). */
function canStartRangeBound(k: T): boolean {
  return k === T.Minus || isLitKind(k) || isPathSegmentStart(k) || k === T.PathSep;
}

/** After a literal or path: `..=hi`, `...hi`, `..hi` or `..` make it a range. */
function rangeTail(lo: Pat, start: number): Pat {
  const k = S.tok.kind;
  if (k === T.DotDotEq || k === T.DotDotDot) {
    bump();
    return { kind: 'range', lo, hi: parseRangeBound(), inclusive: true, id: newId(), span: spanFrom(start) };
  }
  if (k === T.DotDot) {
    bump();
    const hi = canStartRangeBound(S.tok.kind) ? parseRangeBound() : null;
    return { kind: 'range', lo, hi, inclusive: false, id: newId(), span: spanFrom(start) };
  }
  return lo;
}

/** ident_pat = "ref"? "mut"? IDENT ("@" pat_no_top_alt)? */
function parseIdentPat(): Pat {
  const start = S.tok.start;
  const byRef = eat(T.KwRef) !== null;
  const mut = eat(T.KwMut) !== null;
  const name = expectIdent('a binding name');
  if (!name) return { kind: 'wild', id: newId(), span: spanFrom(start) };
  return identTail(name, mut, byRef, start);
}

function identTail(name: Ident, mut: boolean, byRef: boolean, start: number): Pat {
  S.slips.declare(name.name);
  const sub = eat(T.At) ? parsePatNoAlt() : null;
  return { kind: 'ident', name, mut, byRef, sub, id: newId(), span: spanFrom(start) };
}

/**
 * A pattern starting with a name: a binding (`x`, `x @ p`), a path (`E::A`), a
 * tuple-struct (`Some(x)`), a struct (`P { x, .. }`) or a range bound (`A..=B`).
 */
function parsePathPat(): Pat {
  const t = S.tok;
  const start = t.start;
  const next = peek().kind;
  // A lone identifier is a binding (or a unit variant/const: the checker decides).
  if (t.kind === T.Ident && next !== T.PathSep && next !== T.LParen && next !== T.LBrace
    && next !== T.DotDot && next !== T.DotDotEq && next !== T.DotDotDot && next !== T.Bang) {
    bump();
    return identTail(identOf(t), false, false, start);
  }
  const path = parsePath(false);
  switch (S.tok.kind) {
    case T.LParen: {
      const open = bump();
      const elems = commaList(open, T.RParen, parsePattern, 'a pattern');
      return { kind: 'tupleStruct', path, elems, id: newId(), span: spanFrom(start) };
    }
    case T.LBrace:
      return parseStructPat(path, start);
    case T.DotDot: case T.DotDotEq: case T.DotDotDot:
      return rangeTail({ kind: 'path', path, id: newId(), span: spanFrom(start) }, start);
    case T.Bang:
      expectedError('a pattern', PE.expectedPat)?.note('macros cannot be used as patterns');
      return { kind: 'wild', id: newId(), span: spanFrom(start) };
    default:
      return { kind: 'path', path, id: newId(), span: spanFrom(start) };
  }
}

/**
 * struct_pat = path "{" (field_pat ("," field_pat)* ("," "..")? ","?)? "}"
 * field_pat = IDENT ":" pattern | "ref"? "mut"? IDENT
 */
function parseStructPat(path: Path, start: number): Pat {
  const open = bump(); // `{`
  let rest = false;
  const fields = commaList<FieldPat>(open, T.RBrace, () => {
    if (eat(T.DotDot)) {
      rest = true;
      return null;
    }
    const fstart = S.tok.start;
    if (at(T.Ident) && peek().kind === T.Colon) {
      const name = identOf(bump());
      bump(); // `:`
      const pat = parsePattern();
      return { name, pat, shorthand: false, span: spanFrom(fstart) };
    }
    const byRef = eat(T.KwRef) !== null;
    const mut = eat(T.KwMut) !== null;
    const name = expectIdent('a field name');
    if (!name) return null;
    S.slips.declare(name.name);
    const pat: Pat = { kind: 'ident', name, mut, byRef, sub: null, id: newId(), span: sp(name.span.start, name.span.end) };
    return { name, pat, shorthand: true, span: spanFrom(fstart) };
  }, 'a field pattern');
  return { kind: 'struct', path, fields, rest, id: newId(), span: spanFrom(start) };
}
