// Items: the driver that parses one item at a time (and resynchronises at the
// next item keyword after an error), dispatch on the item keyword, functions,
// `const`/`static`/`type`, `impl`, `trait`, `mod` and `extern` blocks.
// Structs and enums are in structs.ts, `use`/`import` trees in use.ts.
//
// Item rules are composed with typescript-parsec over the rules declared in
// rules.ts; each rule parses what follows the item's keyword, so the dispatch
// table (and the keyword-typo recovery in slips.ts) decides which rule runs.
import { apply } from 'typescript-parsec';
import { T } from '../token.ts';
import type { Attr, Block, Ident, Item, ItemKind, Param, Path, Type } from '../ast.ts';
import { decodeStr } from '../literals.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, at, bump, closeDelim, delimited, describeTok, dispatch, eat, expect, expectedError, expectIdent, expectP, expectSemi,
  fatal, fnP, identOf, identP, peek, run, seq, soft, sp, spanFrom, syncItem, table, when, type P,
} from './core.ts';
import { atInnerAttr, flushDocs, parseInnerAttrs, parseOuterAttrs, takeDocs } from './attrs.ts';
import { R } from './rules.ts';
import { parseExpr } from './exprs.ts';
import { parsePatNoAlt } from './patterns.ts';
import { itemIdentSlip } from './slips.ts';
import { parseBlock } from './stmts.ts';
import { canStartType, parseBounds, parseGenericParams, parseType, parseWhereClause } from './types.ts';
import './structs.ts';
import './use.ts';

/** Which list the item being parsed belongs to: decides what may be left without a body. */
export type ItemCtx = 'file' | 'mod' | 'impl' | 'trait' | 'extern' | 'block';

// Per-item context, saved and restored around each item (items nest).
let ctx: ItemCtx = 'file';
/** Where `//!` docs go: the file's or the enclosing module's docs; null to drop them. */
let innerDocSink: string[] | null = null;
/** The docs of the item being parsed (a `mod` body adds its inner docs to them). */
let itemDocs: string[] = [];

// Hand-written rules as library parsers.
const typeP = fnP(parseType);
const genericParamsP = fnP(parseGenericParams);
const whereP = fnP(parseWhereClause);
const exprP = fnP(parseExpr);
const semiP = fnP(expectSemi);

// ---------------------------------------------------------------- item lists

/**
 * item_list = item* — until `}` (module, impl, trait, extern bodies) or the end
 * of file. One item at a time: after an error the rest of the broken item is
 * skipped up to the next item keyword at brace depth 0.
 */
export function parseItemList(closer: T.RBrace | T.Eof, where: ItemCtx, innerDocs: string[] | null): Item[] {
  const saveSink = innerDocSink;
  innerDocSink = innerDocs;
  const items: Item[] = [];
  const misplaced: Item[] = [];
  for (;;) {
    const k = S.tok.kind;
    if (k === T.Eof || (k === T.RBrace && closer === T.RBrace)) break;
    const before = S.tok;
    const since = S.lastEnd;
    const attrs = parseOuterAttrs();
    const item = parseItem(attrs, before.start, since, where);
    items.push(item);
    if (!allowedIn(item, where)) misplaced.push(item);
    if (S.panicking || item.kind === 'error') {
      if (S.tok === before) bump();
      syncItem(closer === T.RBrace);
    }
  }
  // A list cut short by the end of file most likely lost its `}` earlier, and
  // the items "inside" it are really outside: only the unclosed brace is news.
  if (closer === T.RBrace && S.tok.kind === T.RBrace) for (const item of misplaced) reportMisplaced(item, where);
  flushDocs(S.tok.start, innerDocs ?? []);
  innerDocSink = saveSink;
  return items;
}

const ALLOWED: Partial<Record<ItemCtx, ReadonlySet<string>>> = {
  impl: new Set(['fn', 'const', 'typeAlias', 'error']),
  trait: new Set(['fn', 'const', 'typeAlias', 'error']),
  extern: new Set(['fn', 'error']),
};

function allowedIn(item: Item, where: ItemCtx): boolean {
  const allowed = ALLOWED[where];
  return !allowed || allowed.has(item.kind);
}

function reportMisplaced(item: Item, where: ItemCtx): void {
  const what = where === 'extern' ? 'only function declarations' : 'only `fn`, `const` and `type` items';
  soft(PE.expectedItem, `${what} may appear in ${where === 'extern' ? 'an `extern` block' : `a \`${where}\``}`, item.span, 'not allowed here');
}

/** item = outer_attr* vis? item_kind — after the attributes, which start at `start`. */
export function parseItem(attrs: Attr[], start: number, since: number, where: ItemCtx): Item {
  const saveCtx = ctx;
  const saveDocs = itemDocs;
  ctx = where;
  if (atInnerAttr()) {
    const from = S.tok.start;
    parseInnerAttrs();
    soft(PE.misplacedAttr, 'inner attributes are only allowed at the start of a file or module', spanFrom(from), 'not allowed here');
  }
  let pub = parseVis();
  const docs = takeDocs(S.tok.start, since, where === 'block' ? null : innerDocSink);
  itemDocs = docs;
  let kind: ItemKind | null;
  if (S.tok.kind === T.Ident) {
    const kw = itemIdentSlip();
    if (kw === T.KwPub) {
      pub = true;
      kind = run(ITEM);
    } else if (kw !== null) kind = run(REST[kw]!);
    else kind = unknownIdentAtItem();
  } else kind = run(ITEM);
  ctx = saveCtx;
  itemDocs = saveDocs;
  const span = spanFrom(start);
  if (kind === null) return { kind: 'error', attrs, pub, docs, span };
  const item = kind as Item;
  item.attrs = attrs;
  item.pub = pub;
  item.docs = docs;
  item.span = span;
  return item;
}

/** vis = "pub" ("(" ("crate" | "super" | "self" | "in" path) ")")? — all treated as `pub`. */
export function parseVis(): boolean {
  if (!eat(T.KwPub)) return false;
  if (at(T.LParen)) {
    const k = peek().kind;
    if ((k === T.KwCrate || k === T.KwSuper || k === T.KwSelfValue) && peek(2).kind === T.RParen) {
      bump(); bump(); bump();
    } else if (k === T.KwIn) {
      const open = bump();
      bump();
      while (!at(T.RParen) && !at(T.Eof) && !S.panicking) bump();
      closeDelim(open, T.RParen);
    }
  }
  return true;
}

/** Kinds that start an item inside a block (`unsafe {` and `const NAME =` are not items there). */
export function isItemStartInBlock(): boolean {
  switch (S.tok.kind) {
    case T.KwFn: case T.KwStruct: case T.KwEnum: case T.KwImpl: case T.KwTrait: case T.KwStatic:
    case T.KwType: case T.KwMod: case T.KwUse: case T.KwImport: case T.KwExtern: case T.KwPub:
      return true;
    case T.KwConst: {
      const k = peek().kind;
      return k === T.KwFn || k === T.KwUnsafe || k === T.KwExtern || k === T.Ident || k === T.Underscore;
    }
    case T.KwUnsafe: {
      const k = peek().kind;
      return k === T.KwFn || k === T.KwImpl || k === T.KwTrait || k === T.KwExtern;
    }
    default:
      return false;
  }
}

function unknownIdentAtItem(): null {
  const t = S.tok;
  const next = peek().kind;
  if (t.text === 'macro_rules' && next === T.Bang) {
    fatal(PE.unsupported, 'user-defined macros (`macro_rules!`) are not supported in Orizon v0.1', t.span)
      ?.help('write a function (generic if needed); only the built-in macros exist');
    return null;
  }
  const b = fatal(PE.expectedItem, `expected an item, found ${describeTok(t)}`, t.span, 'expected an item');
  if (next === T.Bang) b?.help('macros are invoked inside function bodies, e.g. in `fn main() { ... }`');
  else if (next === T.Eq || next === T.Colon) b?.help('to declare a global value, use `const NAME: Type = value;` or `static`');
  else b?.help('items are `fn`, `struct`, `enum`, `impl`, `trait`, `const`, `static`, `type`, `mod` and `import`');
  return null;
}

// ---------------------------------------------------------------- dispatch

/** Rules for what follows each item keyword (also used when a slip stood for the keyword). */
const REST: P<ItemKind | null>[] = table<ItemKind | null>([
  [T.KwFn, R.fnItem],
  [T.KwStruct, R.structItem],
  [T.KwEnum, R.enumItem],
  [T.KwImpl, R.implItem],
  [T.KwTrait, R.traitItem],
  [T.KwStatic, R.staticItem],
  [T.KwType, R.typeItem],
  [T.KwMod, R.modItem],
  [T.KwUse, apply(R.useItem, (tree): ItemKind => ({ kind: 'use', tree, keyword: 'use' }))],
  [T.KwImport, apply(R.useItem, (tree): ItemKind => ({ kind: 'use', tree, keyword: 'import' }))],
  [T.KwConst, fnP(constRest)],
  [T.KwUnsafe, fnP(unsafeRest)],
  [T.KwExtern, fnP(externRest)],
]);

/** item_kind: the keyword decides the rule (one table lookup, no alternatives tried). */
const ITEM: P<ItemKind | null> = dispatch<ItemKind | null>(
  (() => {
    const t: P<ItemKind | null>[] = [];
    REST.forEach((p, k) => { t[k] = when(k as T, p); }); // the table guarantees the keyword
    t[T.KwLet] = fnP(letAtItem);
    for (const k of [T.RParen, T.RBracket, T.RBrace]) t[k] = fnP(unexpectedCloser);
    return t;
  })(),
  fnP(() => {
    expectedError('an item', PE.expectedItem);
    return null;
  }),
);

function letAtItem(): null {
  const t = S.tok;
  fatal(PE.letAtItem, '`let` cannot declare a global variable', t.span, 'not allowed at item level')
    ?.help('use `const NAME: Type = value;` for a constant, or `static` for a value with a fixed address')
    .suggest('use `const`', t.span, 'const');
  return null;
}

function unexpectedCloser(): null {
  const t = S.tok;
  fatal(PE.unexpectedCloser, `unexpected closing delimiter: \`${t.text}\``, t.span, 'unexpected closing delimiter');
  return null;
}

// ---------------------------------------------------------------- functions

// fn_rest = IDENT generic_params "(" (fn_param ("," fn_param)* ","?)? ")" ("->" type)? where_clause (block | ";")
R.fnItem.setPattern(apply(
  seq(identP('a function name'), genericParamsP, delimited(T.LParen, parseParam, 'a parameter'),
    when(T.RArrow, typeP), whereP, fnP(parseFnBody)),
  ([name, params, fnParams, ret, where, body]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'fn', name, generics: { params, where }, params: fnParams, ret, body, unsafe: false, isConst: false, abi: null };
  },
));

/**
 * fn_param = self_param | pat_no_top_alt ":" type
 * self_param = ("&" LIFETIME? "mut"?)? "self" | "mut" "self" | "self" ":" ("&" "mut"?)? "Self"
 */
function parseParam(): Param | null {
  const t = S.tok;
  const start = t.start;
  const k1 = peek().kind;
  if (t.kind === T.KwSelfValue) {
    bump();
    if (eat(T.Colon)) return typedSelf(start);
    return { kind: 'self', byRef: false, mut: false, span: t.span };
  }
  if (t.kind === T.KwMut && k1 === T.KwSelfValue) {
    bump(); bump();
    return { kind: 'self', byRef: false, mut: true, span: spanFrom(start) };
  }
  if (t.kind === T.Amp) {
    let n = 1;
    if (peek(n).kind === T.Lifetime) n++;
    const mut = peek(n).kind === T.KwMut;
    if (mut) n++;
    if (peek(n).kind === T.KwSelfValue) {
      for (let i = 0; i <= n; i++) bump();
      return { kind: 'self', byRef: true, mut, span: spanFrom(start) };
    }
  }
  if (t.kind === T.DotDotDot) {
    fatal(PE.unsupported, 'variadic parameters are not supported in Orizon v0.1', t.span);
    return null;
  }
  const pat = parsePatNoAlt();
  if (S.panicking) return null;
  if (!at(T.Colon)) {
    const b = expectedError('`:` and the parameter type');
    if (pat.kind === 'ident') b?.help(`parameters need a type: \`${pat.name.name}: Type\``);
    return null;
  }
  bump();
  const type = parseType();
  return { kind: 'normal', pat, type, span: spanFrom(start) };
}

/** `self: Self`, `self: &Self`, `self: &mut Self`; other receiver types are not in the subset. */
function typedSelf(start: number): Param | null {
  const ty: Type = parseType();
  const inner = ty.kind === 'ref' ? ty.inner : ty;
  if (inner.kind === 'path' && inner.path.segments.length === 1 && inner.path.segments[0]!.ident.name === 'Self') {
    return { kind: 'self', byRef: ty.kind === 'ref', mut: ty.kind === 'ref' && ty.mut, span: spanFrom(start) };
  }
  fatal(PE.unsupported, 'only `self`, `&self` and `&mut self` receivers are supported in Orizon v0.1', ty.span);
  return null;
}

/** fn_body = block | ";" (a declaration: required trait method or extern function) */
function parseFnBody(): Block | null {
  const t = S.tok;
  if (t.kind === T.LBrace) return parseBlock();
  if (t.kind === T.Semi) {
    bump();
    if (ctx !== 'trait' && ctx !== 'extern') {
      soft(PE.expected, 'function without a body', t.span, 'expected `{` and the function body')
        ?.suggest('add a body', t.span, ' { }');
    }
    return null;
  }
  const b = expectedError('`{` or `;` after the function signature');
  if (canStartType(t.kind) && !at(T.KwFn)) b?.help('a return type is written after `->`: `fn f() -> u32 { ... }`');
  return null;
}

/** fn_quals = "const"? "unsafe"? ("extern" STR?)? "fn" — after the first qualifier `first`. */
function qualifiedFn(first: T): ItemKind | null {
  const isConst = first === T.KwConst;
  let unsafe = first === T.KwUnsafe;
  let abi: string | null = first === T.KwExtern ? externAbi() : null;
  if (isConst && eat(T.KwUnsafe)) unsafe = true;
  if (abi === null && eat(T.KwExtern)) abi = externAbi();
  if (!expect(T.KwFn, '`fn`')) return null;
  const k = run(R.fnItem);
  if (!k || k.kind !== 'fn') return null;
  k.unsafe = unsafe;
  k.isConst = isConst;
  k.abi = abi;
  return k;
}

/** `extern` without a string means the C ABI, as in Rust. */
function externAbi(): string {
  return at(T.Str) ? decodeStr(bump().text) : 'C';
}

// ---------------------------------------------------------------- qualifiers

/** After `const`: `const fn ...` or a constant. */
function constRest(): ItemKind | null {
  const k = S.tok.kind;
  if (k === T.KwFn || k === T.KwUnsafe || k === T.KwExtern) return qualifiedFn(T.KwConst);
  return run(R.constItem);
}

/** After `unsafe`: `unsafe fn`, `unsafe impl`, `unsafe trait`, `unsafe extern`. */
function unsafeRest(): ItemKind | null {
  switch (S.tok.kind) {
    case T.KwImpl: case T.KwTrait: {
      const rule = bump().kind === T.KwImpl ? R.implItem : R.traitItem;
      const k = run(rule);
      if (k && (k.kind === 'impl' || k.kind === 'trait')) k.unsafe = true;
      return k;
    }
    case T.KwExtern:
      if (peek().kind === T.LBrace || (peek().kind === T.Str && peek(2).kind === T.LBrace)) {
        bump();
        return externBlock();
      }
      return qualifiedFn(T.KwUnsafe);
    default:
      return qualifiedFn(T.KwUnsafe);
  }
}

/** After `extern`: an extern block or an `extern "ABI" fn`. */
function externRest(): ItemKind | null {
  if (at(T.KwCrate)) {
    fatal(PE.unsupported, '`extern crate` is not supported in Orizon v0.1', S.tok.span)
      ?.help('bring names into scope with `import path::name;`');
    return null;
  }
  if (at(T.LBrace) || (at(T.Str) && peek().kind === T.LBrace)) return externBlock();
  return qualifiedFn(T.KwExtern);
}

/** extern_block = STR? "{" item* "}" (after `extern`) */
function externBlock(): ItemKind | null {
  const abi = at(T.Str) ? decodeStr(bump().text) : null;
  const open = expect(T.LBrace);
  if (!open) return null;
  const items = parseItemList(T.RBrace, 'extern', null);
  closeDelim(open, T.RBrace);
  return { kind: 'externBlock', abi, items };
}

// ---------------------------------------------------------------- const, static, type

// const_rest = (IDENT | "_") typed_colon ("=" expr)? ";"
R.constItem.setPattern(apply(
  seq(fnP(constName), fnP(itemType), fnP(constValue), semiP),
  ([name, type, value]): ItemKind => ({ kind: 'const', name, type, value }),
));

function constName(): Ident {
  const t = S.tok;
  if (t.kind === T.Underscore) return identOf(bump());
  const id = expectIdent('a constant name') ?? { name: '_', span: t.span };
  S.slips.declare(id.name);
  return id;
}

/** `: type`, or a soft error naming the missing type (the parse goes on with `_`). */
function itemType(): Type {
  if (eat(T.Colon)) return parseType();
  const at = sp(S.lastEnd, S.lastEnd);
  soft(PE.missingItemType, `missing type for \`${ctx === 'block' || ctx === 'file' || ctx === 'mod' ? 'const` or `static' : 'const'}\` item`, at, 'expected `: Type` here')
    ?.help('constants and statics need an explicit type, e.g. `const LIMIT: u32 = 10;`')
    .suggest('add a type', at, ': i32');
  return { kind: 'infer', span: at };
}

/** `= expr`; only a trait may leave it out (a default-less associated const). */
function constValue() {
  if (eat(T.Eq)) return parseExpr();
  if (ctx !== 'trait') expectedError('`=` and the value of the constant');
  return null;
}

// static_rest = "mut"? IDENT typed_colon "=" expr ";"
R.staticItem.setPattern(apply(
  seq(fnP(staticContext), when(T.KwMut), identP('a static name'), fnP(itemType), expectP(T.Eq, '`=` and the initial value'), exprP, semiP),
  ([, mut, name, type, , value]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'static', name, mut: mut !== null, type, value };
  },
));

function staticContext(): null {
  if (ctx === 'extern') {
    fatal(PE.unsupported, 'statics in `extern` blocks are not supported in Orizon v0.1', sp(S.lastStart, S.lastEnd));
  }
  return null;
}

// type_rest = IDENT generic_params where_clause ("=" type)? ";"
R.typeItem.setPattern(apply(
  seq(identP('a type name'), genericParamsP, fnP(noBoundsHere), whereP, fnP(typeValue), semiP),
  ([name, params, , where, type]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'typeAlias', name, generics: { params, where }, type };
  },
));

function noBoundsHere(): null {
  if (at(T.Colon)) {
    fatal(PE.unsupported, 'bounds on associated types are not supported in Orizon v0.1', S.tok.span);
  }
  return null;
}

function typeValue(): Type | null {
  if (eat(T.Eq)) return parseType();
  if (ctx !== 'trait') expectedError('`=` and the aliased type');
  return null;
}

// ---------------------------------------------------------------- impl, trait

// impl_rest = generic_params impl_head where_clause "{" item* "}"
R.implItem.setPattern(apply(
  seq(genericParamsP, fnP(implHead), whereP, fnP(() => assocItems('impl'))),
  ([params, head, where, items]): ItemKind => ({
    kind: 'impl', generics: { params, where }, trait: head.trait, selfType: head.selfType, items, unsafe: false,
  }),
));

/** impl_head = type ("for" type)? — in `impl Trait for Type` the first type must be a path. */
function implHead(): { trait: Path | null; selfType: Type } {
  if (at(T.Bang)) {
    fatal(PE.unsupported, 'negative impls (`impl !Trait for T`) are not supported in Orizon v0.1', S.tok.span);
    return { trait: null, selfType: { kind: 'infer', span: S.tok.span } };
  }
  const first = parseType();
  if (!eat(T.KwFor)) return { trait: null, selfType: first };
  if (first.kind !== 'path') {
    fatal(PE.expected, 'expected a trait name before `for`', first.span, 'not a trait');
  }
  const selfType = parseType();
  return { trait: first.kind === 'path' ? first.path : null, selfType };
}

// trait_rest = IDENT generic_params (":" bounds)? where_clause "{" item* "}"
R.traitItem.setPattern(apply(
  seq(identP('a trait name'), genericParamsP, when(T.Colon, fnP(parseBounds)), whereP, fnP(() => assocItems('trait'))),
  ([name, params, supertraits, where, items]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'trait', name, generics: { params, where }, supertraits: supertraits ?? [], items, unsafe: false };
  },
));

/** "{" inner_attr* item* "}" for impl and trait bodies. */
function assocItems(where: 'impl' | 'trait') {
  const open = expect(T.LBrace, `\`{\` to start the ${where} body`);
  if (!open) return [];
  if (atInnerAttr()) parseInnerAttrs(); // `#![allow(...)]` in an impl body: accepted, no effect
  const items = parseItemList(T.RBrace, where, null);
  closeDelim(open, T.RBrace);
  return items;
}

// ---------------------------------------------------------------- modules

// mod_rest = IDENT (";" | "{" inner_attr* item* "}")
R.modItem.setPattern(apply(
  seq(identP('a module name'), fnP(modBody)),
  ([name, body]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'mod', name, items: body ? body.items : null, innerAttrs: body ? body.attrs : [] };
  },
));

function modBody() {
  if (eat(T.Semi)) return null;
  const open = expect(T.LBrace, '`;` or `{` after the module name');
  if (!open) return null;
  const docs = itemDocs; // the module's `//!` docs join its outer docs
  const attrs = parseInnerAttrs();
  const items = parseItemList(T.RBrace, 'mod', docs);
  closeDelim(open, T.RBrace);
  return { attrs, items };
}
