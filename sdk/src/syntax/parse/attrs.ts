// Attributes (`#[...]`, `#![...]`) and doc comments. Attributes are rare and
// small, so their grammar is composed from library combinators as written.
import { apply } from 'typescript-parsec';
import { T, type Token } from '../token.ts';
import type { Attr, Lit, Meta } from '../ast.ts';
import {
  S, at, bump, delimited, dispatch, expectP, expectedError, fnP, many, peek, run, seq, spanFrom, table, when,
  type P,
} from './core.ts';
import { isLitKind, litOf } from './lit.ts';
import { R } from './rules.ts';

/** meta_name = IDENT | keyword (`#[unsafe(no_mangle)]`, `#[cfg(test)]`) */
function isMetaName(k: T): boolean {
  return k === T.Ident || (k >= T.KwAs && k <= T.KwWhile);
}

/** meta_path = meta_name ("::" meta_name)* */
const metaPath: P<string> = fnP(() => {
  let name = '';
  for (;;) {
    if (!isMetaName(S.tok.kind)) {
      expectedError('an attribute name');
      return name;
    }
    name += bump().text;
    if (!at(T.PathSep) || !isMetaName(peek().kind)) return name;
    bump();
    name += '::';
  }
});

const litP: P<Lit> = fnP(() => {
  if (isLitKind(S.tok.kind)) return litOf(bump());
  expectedError('a literal');
  return { kind: 'bool', value: false };
});

type MetaTail = { list: Meta[] } | { value: Lit } | null;

// meta_tail = "(" (meta ("," meta)* ","?)? ")" | "=" LITERAL | ε
const metaTail: P<MetaTail> = dispatch<MetaTail>(
  table<MetaTail>([
    [T.LParen, apply(delimited(T.LParen, R.meta, 'a meta item'), (list) => ({ list }))],
    [T.Eq, apply(when(T.Eq, litP), (value) => ({ value: value! }))],
  ]),
  fnP(() => null),
);

// meta = meta_path meta_tail | LITERAL
R.meta.setPattern(dispatch<Meta>(
  table<Meta>([T.Int, T.Char, T.Byte, T.Str, T.ByteStr, T.KwTrue, T.KwFalse].map((k) => [k,
    apply(litP, (lit, [first]) => ({ kind: 'lit' as const, lit, span: spanFrom((first as Token).start) }))])),
  apply(seq(metaPath, metaTail), ([name, tail], [first]): Meta => {
    const span = spanFrom((first as Token).start);
    if (tail === null) return { kind: 'word', name, span };
    if ('list' in tail) return { kind: 'list', name, items: tail.list, span };
    return { kind: 'nameValue', name, value: tail.value, span };
  }),
));

// attr = "#" "!"? "[" meta "]"
R.attr.setPattern(apply(
  seq(expectP(T.Pound), when(T.Bang), expectP(T.LBracket, '`[`'), R.meta, expectP(T.RBracket, '`]`')),
  ([pound, bang, , meta]): Attr => ({ inner: bang !== null, meta, span: spanFrom(pound.start) }),
));

const isOuterAttr = (t: Token): boolean => t.kind === T.Pound && t.next?.kind === T.LBracket;
const isInnerAttr = (t: Token): boolean => t.kind === T.Pound && t.next?.kind === T.Bang && t.next.next?.kind === T.LBracket;

// outer_attrs = outer_attr*
const outerAttrs = many(R.attr, isOuterAttr);
// inner_attrs = inner_attr*
const innerAttrs = many(R.attr, isInnerAttr);

/** outer_attr* — `#[...]` (an inner `#![...]` here is left for the caller to reject). */
export function parseOuterAttrs(): Attr[] {
  // Most items, fields and statements have none: skip the combinator then.
  return isOuterAttr(S.tok) ? run(outerAttrs) ?? [] : [];
}

/** inner_attr* — `#![...]` at the start of a file or module. */
export function parseInnerAttrs(): Attr[] {
  return isInnerAttr(S.tok) ? run(innerAttrs) ?? [] : [];
}

/** `#![...]` at the cursor? */
export function atInnerAttr(): boolean {
  return isInnerAttr(S.tok);
}

// ---------------------------------------------------------------- doc comments

/**
 * Doc comments arrive beside the token list, sorted by offset. Outer ones (`///`)
 * belong to the item starting at `itemStart` when nothing but attributes and
 * other docs lie between them and it: they start at or after `since` (the end
 * of the token before the item's attributes). Inner ones (`//!`) go to `inner`
 * (the file or the enclosing module). Docs that document nothing are dropped.
 */
export function takeDocs(itemStart: number, since: number, inner: string[] | null): string[] {
  const docs = S.docs;
  const out: string[] = [];
  while (S.docIndex < docs.length) {
    const d = docs[S.docIndex]!;
    if (d.span.start >= itemStart) break;
    S.docIndex++;
    if (d.inner) inner?.push(d.text);
    else if (d.span.start >= since) out.push(d.text);
  }
  return out;
}

/** At the end of a file or module body: inner docs before `before` go to `into`, stray outer ones are dropped. */
export function flushDocs(before: number, into: string[]): void {
  const docs = S.docs;
  while (S.docIndex < docs.length) {
    const d = docs[S.docIndex]!;
    if (d.span.start >= before) break;
    S.docIndex++;
    if (d.inner) into.push(d.text);
  }
}
