// Types, paths, generic parameters and where clauses. Lifetimes are accepted
// wherever Rust allows them and dropped (the AST has no lifetimes).
import { T } from '../token.ts';
import type { GenericParam, Path, PathSegment, Type, WherePredicate } from '../ast.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, at, bump, closeDelim, commaList, eat, expect, expectedError, expectIdent, fatal, identOf, peek,
  spanFrom, splitFirst,
} from './core.ts';
import { parseExpr } from './exprs.ts';

// ---------------------------------------------------------------- paths

/** Kinds that can be a path segment. */
export function isPathSegmentStart(k: T): boolean {
  return k === T.Ident || k === T.KwSelfValue || k === T.KwSelfType || k === T.KwSuper || k === T.KwCrate;
}

/**
 * path = "::"? segment ("::" segment)*
 * segment = (IDENT | "self" | "super" | "crate" | "Self") generic_args?
 *
 * In expressions and patterns generic arguments need the turbofish `::<...>`
 * (`a < b` is a comparison); in types `Foo<T>` takes them directly.
 */
export function parsePath(typeMode: boolean): Path {
  const start = S.tok.start;
  const global = eat(T.PathSep) !== null;
  const segments: PathSegment[] = [];
  for (;;) {
    const k = S.tok.kind;
    if (!isPathSegmentStart(k)) {
      expectedError('an identifier');
      break;
    }
    const seg: PathSegment = { ident: identOf(bump()), generics: null };
    segments.push(seg);
    if (typeMode && at(T.Lt)) seg.generics = parseGenericArgs();
    if (!at(T.PathSep)) break;
    const after = peek().kind;
    if (after === T.Lt) {
      bump();
      seg.generics = parseGenericArgs();
      if (!at(T.PathSep) || !isPathSegmentStart(peek().kind)) break;
      bump();
    } else if (isPathSegmentStart(after)) {
      bump();
    } else break;
  }
  // A plain name shares its identifier's span (spans are immutable): fewer allocations.
  const only = segments.length === 1 && !global ? segments[0]! : null;
  return { segments, global, span: only && only.generics === null ? only.ident.span : spanFrom(start) };
}

/**
 * generic_args = "<" (generic_arg ("," generic_arg)* ","?)? ">"
 * generic_arg = LIFETIME | type
 *
 * The closing `>` may be the first half of `>>`, `>=` or `>>=`.
 */
export function parseGenericArgs(): Type[] {
  const open = bump(); // `<`
  const args: Type[] = [];
  for (;;) {
    if (closeAngle()) return args;
    if (S.tok.kind === T.Eof || S.panicking) break;
    if (at(T.Lifetime)) bump();
    else if (at(T.Ident) && peek().kind === T.Eq) {
      fatal(PE.unsupported, 'associated type bindings (`Name = Type`) are not supported in Orizon v0.1', S.tok.span);
      break;
    } else if (at(T.Int) || at(T.LBrace) || at(T.Minus)) {
      // The AST's generic arguments are types (see the report: a const-argument form is needed).
      fatal(PE.unsupported, 'const generic arguments (`Buf<16>`) are not supported yet', S.tok.span, 'a value, not a type')
        ?.help('pass the value through a const item and a type, or as a function argument');
      break;
    } else args.push(parseType());
    if (S.panicking) break;
    if (eat(T.Comma)) continue;
    if (closeAngle()) return args;
    expectedError('`,` or `>`')?.label(open.span, 'generic arguments start here');
    break;
  }
  if (S.tok.kind === T.Eof && !S.panicking) expectedError('`>`')?.label(open.span, 'generic arguments start here');
  return args;
}

/** Consumes a `>` (splitting `>>`, `>=`, `>>=`); false if there is none. */
export function closeAngle(): boolean {
  switch (S.tok.kind) {
    case T.Gt: bump(); return true;
    case T.Shr: splitFirst(T.Gt); return true;
    case T.Ge: splitFirst(T.Eq); return true;
    case T.ShrEq: splitFirst(T.Ge); return true;
    default: return false;
  }
}

// ---------------------------------------------------------------- types

/** Kinds that can start a type (used where a type is optional). */
export function canStartType(k: T): boolean {
  switch (k) {
    case T.Amp: case T.AndAnd: case T.Star: case T.LBracket: case T.LParen: case T.Bang:
    case T.Underscore: case T.KwFn: case T.PathSep: case T.Lt: case T.KwDyn: case T.KwImpl:
      return true;
    default:
      return isPathSegmentStart(k);
  }
}

/**
 * type = "&" LIFETIME? "mut"? type
 *      | "*" ("const" | "mut") type
 *      | "[" type (";" expr)? "]"
 *      | "(" (type ("," type)* ","?)? ")"
 *      | "!" | "_"
 *      | "fn" "(" (fn_ptr_param ("," fn_ptr_param)* ","?)? ")" ("->" type)?
 *      | path
 */
export function parseType(): Type {
  const t = S.tok;
  const start = t.start;
  switch (t.kind) {
    case T.Amp: case T.AndAnd: {
      // `&&T` is `& &T`: take one `&` and leave the other.
      if (t.kind === T.AndAnd) splitFirst(T.Amp);
      else bump();
      eat(T.Lifetime);
      const mut = eat(T.KwMut) !== null;
      const inner = parseType();
      return { kind: 'ref', mut, inner, span: spanFrom(start) };
    }
    case T.Star: {
      bump();
      let mut = false;
      if (eat(T.KwMut)) mut = true;
      else if (!eat(T.KwConst)) {
        expectedError('`const` or `mut`')?.help('raw pointer types are written `*const T` or `*mut T`');
      }
      const inner = parseType();
      return { kind: 'ptr', mut, inner, span: spanFrom(start) };
    }
    case T.LBracket: {
      const open = bump();
      const elem = parseType();
      if (!S.panicking && eat(T.Semi)) {
        const len = parseExpr();
        closeDelim(open, T.RBracket);
        return { kind: 'array', elem, len, span: spanFrom(start) };
      }
      closeDelim(open, T.RBracket);
      return { kind: 'slice', elem, span: spanFrom(start) };
    }
    case T.LParen: {
      const open = bump();
      let trailingComma = false;
      const elems = commaList(open, T.RParen, () => {
        const ty = parseType();
        trailingComma = at(T.Comma);
        return ty;
      }, 'a type');
      // `(T)` is T itself; `(T,)` a one-tuple.
      if (elems.length === 1 && !trailingComma) return elems[0]!;
      return { kind: 'tuple', elems, span: spanFrom(start) };
    }
    case T.Bang:
      bump();
      return { kind: 'never', span: t.span };
    case T.Underscore:
      bump();
      return { kind: 'infer', span: t.span };
    case T.KwFn:
      return parseFnPtrType();
    case T.KwDyn: case T.KwImpl:
      fatal(PE.unsupported, `\`${t.text} Trait\` types are not supported in Orizon v0.1`, t.span, 'not supported')
        ?.help('use a generic parameter with a trait bound (`fn f<T: Trait>(x: T)`), or a fn pointer');
      return { kind: 'infer', span: t.span };
    case T.Lt:
      fatal(PE.unsupported, 'qualified paths (`<T as Trait>::Name`) are not supported in Orizon v0.1', t.span);
      return { kind: 'infer', span: t.span };
    default:
      if (isPathSegmentStart(t.kind) || t.kind === T.PathSep) {
        const path = parsePath(true);
        const seg = path.segments[0];
        const ty: Type = { kind: 'path', path, span: path.span };
        if (path.segments.length === 1 && seg && seg.generics === null && !path.global) S.slips.noteType(seg.ident, ty);
        return ty;
      }
      expectedError('a type', PE.expectedType);
      return { kind: 'infer', span: t.span };
  }
}

/** fn_ptr = "fn" "(" ((IDENT ":")? type ("," ...)*)? ")" ("->" type)? */
function parseFnPtrType(): Type {
  const start = bump().start; // `fn`
  const open = expect(T.LParen);
  let params: Type[] = [];
  if (open) {
    params = commaList(open, T.RParen, () => {
      // Parameter names are allowed and ignored: `fn(x: u8)`.
      if ((at(T.Ident) || at(T.Underscore)) && peek().kind === T.Colon) { bump(); bump(); }
      return parseType();
    }, 'a parameter type');
  }
  const ret = eat(T.RArrow) ? parseType() : null;
  return { kind: 'fn', params, ret, span: spanFrom(start) };
}

// ---------------------------------------------------------------- generics

/**
 * generic_params = "<" (generic_param ("," generic_param)* ","?)? ">"
 * generic_param = LIFETIME (":" LIFETIME ("+" LIFETIME)*)?
 *               | "const" IDENT ":" type
 *               | IDENT (":" bounds)?
 *
 * Lifetime parameters are dropped.
 */
export function parseGenericParams(): GenericParam[] {
  const params: GenericParam[] = [];
  const open = eat(T.Lt);
  if (!open) return params;
  for (;;) {
    if (closeAngle()) return params;
    if (S.tok.kind === T.Eof || S.panicking) break;
    const start = S.tok.start;
    if (eat(T.Lifetime)) {
      if (eat(T.Colon)) while (eat(T.Lifetime) && eat(T.Plus)) { /* outlives bounds, dropped */ }
    } else if (eat(T.KwConst)) {
      const name = expectIdent('a const parameter name');
      expect(T.Colon, '`:` and the type of the const parameter');
      const ty = parseType();
      if (name) {
        S.slips.declare(name.name);
        params.push({ name, bounds: [], constType: ty, span: spanFrom(start) });
      }
    } else {
      const name = expectIdent('a generic parameter name');
      if (!name) break;
      S.slips.declare(name.name);
      const bounds = eat(T.Colon) ? parseBounds() : [];
      if (at(T.Eq)) {
        fatal(PE.unsupported, 'default type parameters are not supported in Orizon v0.1', S.tok.span);
        break;
      }
      params.push({ name, bounds, constType: null, span: spanFrom(start) });
    }
    if (S.panicking) break;
    if (eat(T.Comma)) continue;
    if (closeAngle()) return params;
    expectedError('`,` or `>`')?.label(open.span, 'generic parameters start here');
    break;
  }
  if (S.tok.kind === T.Eof && !S.panicking) expectedError('`>`')?.label(open.span, 'generic parameters start here');
  return params;
}

/**
 * bounds = (bound ("+" bound)*)? "+"?
 * bound = LIFETIME | "?" path | path | "(" path ")"
 *
 * Lifetime bounds and `?Sized` are dropped (they mean nothing without borrow
 * checking and unsized generics).
 */
export function parseBounds(): Path[] {
  const bounds: Path[] = [];
  for (;;) {
    const k = S.tok.kind;
    if (k === T.Lifetime) bump();
    else if (k === T.Question) { bump(); parsePath(true); }
    else if (k === T.LParen) {
      const open = bump();
      bounds.push(parsePath(true));
      closeDelim(open, T.RParen);
    } else if (isPathSegmentStart(k) || k === T.PathSep) bounds.push(parsePath(true));
    else if (k === T.KwDyn) {
      fatal(PE.unsupported, '`dyn` trait objects are not supported in Orizon v0.1', S.tok.span);
      return bounds;
    } else break;
    if (S.panicking || !eat(T.Plus)) break;
  }
  return bounds;
}

/**
 * where_clause = "where" (where_pred ("," where_pred)* ","?)?
 * where_pred = LIFETIME ":" LIFETIME ("+" LIFETIME)* | type ":" bounds
 */
export function parseWhereClause(): WherePredicate[] {
  const preds: WherePredicate[] = [];
  if (!eat(T.KwWhere)) return preds;
  for (;;) {
    const k = S.tok.kind;
    if (k === T.Lifetime) {
      bump();
      expect(T.Colon);
      while (eat(T.Lifetime) && eat(T.Plus)) { /* dropped */ }
    } else if (canStartType(k)) {
      const start = S.tok.start;
      const type = parseType();
      expect(T.Colon, '`:` and the bounds of the where-predicate');
      const bounds = parseBounds();
      preds.push({ type, bounds, span: spanFrom(start) });
    } else break;
    if (S.panicking || !eat(T.Comma)) break;
  }
  return preds;
}
