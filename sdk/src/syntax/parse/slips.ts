// Slips from other languages and misspelled keywords: diagnostics that name the
// Orizon spelling in one sentence. Each heuristic fires only where the code
// cannot be valid Orizon/Rust:
//  - item-level words (`function`, `class`, `main() {`, `strcut`) are checked
//    only where an item must start;
//  - foreign type names (`int`, `string`) and `null`/`nil` are legal identifiers
//    (`type int = i32;` is valid Rust), so they are collected during the parse
//    and reported at the end only if the file declares no such name anywhere;
//  - expression slips (`===`, `and`, `x++`, `? :`, `elif`, `var`) are checked by
//    the expression and statement rules at the point where the token sequence
//    has no other reading (see exprs.ts / stmts.ts).
import { T, KIND_TEXT } from '../token.ts';
import type { Expr, Ident, Type } from '../ast.ts';
import type { Span } from '../../diag/source.ts';
import type { DiagnosticBag } from '../../diag/diagnostic.ts';
import { PE } from '../../diag/codes/parser.ts';
import { closest } from '../../util/closest.ts';
import { S, bump, peek, soft, sp, isCloser } from './core.ts';

// ---------------------------------------------------------------- names checked at the end of the file

/** Type names from other languages → what to write in Orizon. */
const FOREIGN_TYPES: ReadonlyMap<string, string> = new Map([
  ['int', '`i32` (or another sized integer: i8, i16, i64, isize, u8, u16, u32, u64, usize)'],
  ['integer', '`i32`'],
  ['uint', '`u32`'],
  ['long', '`i64`'],
  ['short', '`i16`'],
  ['byte', '`u8`'],
  ['boolean', '`bool`'],
  ['string', '`&str`'],
  ['float', 'an integer type (Orizon v0.1 has no floating point; scale to fixed point)'],
  ['double', 'an integer type (Orizon v0.1 has no floating point; scale to fixed point)'],
  ['f32', 'an integer type (Orizon v0.1 has no floating point; scale to fixed point)'],
  ['f64', 'an integer type (Orizon v0.1 has no floating point; scale to fixed point)'],
  ['number', '`i32` (or another sized integer type)'],
  ['void', '`()` (or leave out `-> ...` on a function that returns nothing)'],
]);

/** Replacement text for the machine-applicable suggestion, where there is one obvious type. */
const FOREIGN_FIX: ReadonlyMap<string, string> = new Map([
  ['int', 'i32'], ['integer', 'i32'], ['uint', 'u32'], ['long', 'i64'], ['short', 'i16'],
  ['byte', 'u8'], ['boolean', 'bool'], ['string', '&str'], ['number', 'i32'], ['void', '()'],
]);

const NULL_NAMES: ReadonlySet<string> = new Set(['null', 'nil', 'NULL', 'nullptr']);

/**
 * Collects uses of foreign type names and `null`, and the names the file
 * declares; at the end of the file reports the undeclared uses and rewrites
 * their nodes in place (a type to the suggested Orizon type, a value to an
 * `error` placeholder) so that later phases do not report them again.
 */
export class SlipTracker {
  private readonly typeUses: { id: Ident; node: Type }[] = [];
  private readonly valueUses: { id: Ident; node: Expr }[] = [];
  private readonly declared = new Set<string>();

  /** A single-segment type path `node` naming `id`. */
  noteType(id: Ident, node: Type): void {
    if (FOREIGN_TYPES.has(id.name)) this.typeUses.push({ id, node });
  }

  /** A single-segment path expression `node` naming `id`. */
  noteValue(id: Ident, node: Expr): void {
    if (NULL_NAMES.has(id.name)) this.valueUses.push({ id, node });
  }

  /** A name the file declares (item, binding, generic parameter, import). */
  declare(name: string): void {
    if (FOREIGN_TYPES.has(name) || NULL_NAMES.has(name)) this.declared.add(name);
  }

  /** Reports the uses of names the file never declared. */
  finish(diags: DiagnosticBag): void {
    for (const { id, node } of this.typeUses) {
      if (this.declared.has(id.name)) continue;
      const b = diags.error(PE.foreignType, `\`${id.name}\` is not an Orizon type; use ${FOREIGN_TYPES.get(id.name)!}`, id.span, 'not an Orizon type');
      const fix = FOREIGN_FIX.get(id.name);
      if (fix) b.suggest(`use \`${fix}\``, id.span, fix);
      replaceNode(node, fix ? fixedType(fix, node.span) : { kind: 'infer', span: node.span });
    }
    for (const { id, node } of this.valueUses) {
      if (this.declared.has(id.name)) continue;
      diags.error(PE.nullValue, `Orizon has no \`${id.name}\`; an absent value is \`None\` of an \`Option<T>\``, id.span, 'no null value')
        .help('give the value the type `Option<T>` and use `None` / `Some(value)`')
        .suggest('use `None`', id.span, 'None');
      replaceNode(node, { kind: 'error', id: node.id, span: node.span });
    }
  }
}

/** The Type for one of FOREIGN_FIX's replacements. */
function fixedType(fix: string, span: Span): Type {
  const path = (name: string): Type => ({ kind: 'path', path: { segments: [{ ident: { name, span }, generics: null }], global: false, span }, span });
  if (fix === '()') return { kind: 'tuple', elems: [], span };
  if (fix.startsWith('&')) return { kind: 'ref', mut: false, inner: path(fix.slice(1)), span };
  return path(fix);
}

/** Turns `target` into `replacement` in place (parents keep their reference). */
function replaceNode(target: object, replacement: object): void {
  const t = target as Record<string, unknown>;
  for (const k of Object.keys(t)) delete t[k];
  Object.assign(t, replacement);
}

// ---------------------------------------------------------------- words at item level

// (`fun` is left to the keyword-typo rule: "did you mean `fn`?")
const FN_WORDS: ReadonlySet<string> = new Set(['function', 'func', 'def', 'proc', 'sub']);

const ITEM_KEYWORDS: readonly T[] = [T.KwFn, T.KwStruct, T.KwEnum, T.KwImpl, T.KwTrait, T.KwConst,
  T.KwStatic, T.KwType, T.KwMod, T.KwUse, T.KwImport, T.KwExtern, T.KwUnsafe, T.KwPub];
const ITEM_KEYWORD_TEXT = ITEM_KEYWORDS.map((k) => KIND_TEXT[k]!);

/** Keywords that are followed by another keyword rather than a name (`pub fn`, `unsafe fn`). */
const MODIFIERS: ReadonlySet<T> = new Set([T.KwPub, T.KwUnsafe, T.KwExtern]);

/**
 * At item position the current token is an identifier. If it is a recognisable
 * slip, reports it and returns the keyword the item continues with (the
 * identifier is consumed when it stood for that keyword, and left in place when
 * the keyword was missing, as in `main() {`). Returns null if it is no slip.
 */
export function itemIdentSlip(): T | null {
  const t = S.tok;
  const next = peek();
  const name = t.text;
  if (FN_WORDS.has(name) && next.kind === T.Ident) {
    soft(PE.functionKeyword, `Orizon declares functions with \`fn\`, not \`${name}\``, t.span, 'not a keyword')
      ?.suggest('use `fn`', t.span, 'fn');
    bump();
    return T.KwFn;
  }
  if ((name === 'class' || name === 'interface') && next.kind === T.Ident) {
    const kw = name === 'class' ? 'struct' : 'trait';
    soft(PE.classDecl, name === 'class'
      ? 'Orizon has no classes; declare the data with `struct` and the methods in an `impl` block'
      : 'Orizon has no interfaces; declare a `trait`', t.span, `use \`${kw}\``)
      ?.suggest(`use \`${kw}\``, t.span, kw);
    bump();
    return name === 'class' ? T.KwStruct : T.KwTrait;
  }
  if (next.kind === T.LParen && looksLikeFnDecl()) {
    soft(PE.missingFn, `missing \`fn\` before function \`${name}\``, t.span, 'this looks like a function')
      ?.suggest('add `fn` here', sp(t.start, t.start), 'fn ');
    return T.KwFn;
  }
  const kwText = closest(name, ITEM_KEYWORD_TEXT);
  if (kwText !== undefined) {
    const kw = ITEM_KEYWORDS[ITEM_KEYWORD_TEXT.indexOf(kwText)]!;
    const fits = MODIFIERS.has(kw)
      ? (next.kind >= T.KwAs && next.kind <= T.KwWhile) || (kw === T.KwExtern && next.kind === T.Str)
      : next.kind === T.Ident;
    if (fits) {
      soft(PE.keywordTypo, `unknown keyword \`${name}\`; did you mean \`${kwText}\`?`, t.span, `did you mean \`${kwText}\`?`)
        ?.suggest(`use \`${kwText}\``, t.span, kwText);
      bump();
      return kw;
    }
  }
  return null;
}

/** `name(...)` followed by `{` or `->`: a function declaration without `fn`. */
function looksLikeFnDecl(): boolean {
  let t = peek(); // the `(`
  let depth = 0;
  for (let i = 0; i < 200 && t.kind !== T.Eof; i++) {
    if (t.kind === T.LParen) depth++;
    else if (t.kind === T.RParen) {
      depth--;
      if (depth === 0) {
        const after = t.next;
        return after !== undefined && (after.kind === T.LBrace || after.kind === T.RArrow);
      }
    } else if (isCloser(t.kind) || t.kind === T.Semi) return false;
    t = t.next!;
  }
  return false;
}
