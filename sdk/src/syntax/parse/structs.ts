// Structs and enums: field lists and variants.
import { apply } from 'typescript-parsec';
import { T } from '../token.ts';
import type { FieldDef, ItemKind, Variant, VariantShape, WherePredicate } from '../ast.ts';
import {
  S, at, bump, commaList, delimited, seq, eat, expect, expectedError, expectIdent, fnP, identP, spanFrom,
} from './core.ts';
import { parseOuterAttrs } from './attrs.ts';
import { parseExpr } from './exprs.ts';
import { parseVis } from './items.ts';
import { R } from './rules.ts';
import { parseGenericParams, parseType, parseWhereClause } from './types.ts';

const genericParamsP = fnP(parseGenericParams);

// struct_rest = IDENT generic_params struct_body
R.structItem.setPattern(apply(
  seq(identP('a struct name'), genericParamsP, fnP(structBody)),
  ([name, params, body]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'struct', name, generics: { params, where: body.where }, shape: body.shape, fields: body.fields };
  },
));

interface StructBody {
  shape: VariantShape;
  fields: FieldDef[];
  where: WherePredicate[];
}

/**
 * struct_body = where_clause ";"                          (unit)
 *             | where_clause "{" named_fields "}"          (named)
 *             | "(" tuple_fields ")" where_clause ";"      (tuple)
 */
function structBody(): StructBody {
  if (at(T.LParen)) {
    const fields = tupleFields();
    const where = parseWhereClause();
    if (!S.panicking) expect(T.Semi, '`;` after a tuple struct');
    return { shape: 'tuple', fields, where };
  }
  const where = parseWhereClause();
  if (eat(T.Semi)) return { shape: 'unit', fields: [], where };
  if (at(T.LBrace)) return { shape: 'named', fields: namedFields(), where };
  expectedError('`{`, `(` or `;` after the struct name');
  return { shape: 'unit', fields: [], where };
}

/** named_fields = "{" (named_field ("," named_field)* ","?)? "}" */
function namedFields(): FieldDef[] {
  const open = bump();
  return commaList(open, T.RBrace, namedField, 'a field');
}

/** named_field = outer_attr* vis? IDENT ":" type */
function namedField(): FieldDef | null {
  const start = S.tok.start;
  const attrs = parseOuterAttrs();
  const pub = parseVis();
  const name = expectIdent('a field name');
  if (!name) return null;
  if (!expect(T.Colon, '`:` and the field type')) return null;
  const type = parseType();
  return { name, type, pub, attrs, span: spanFrom(start) };
}

/** tuple_fields = "(" (tuple_field ("," tuple_field)* ","?)? ")" */
function tupleFields(): FieldDef[] {
  const open = bump();
  return commaList(open, T.RParen, tupleField, 'a field type');
}

/** tuple_field = outer_attr* vis? type */
function tupleField(): FieldDef {
  const start = S.tok.start;
  const attrs = parseOuterAttrs();
  const pub = parseVis();
  const type = parseType();
  return { name: null, type, pub, attrs, span: spanFrom(start) };
}

// enum_rest = IDENT generic_params where_clause "{" (variant ("," variant)* ","?)? "}"
R.enumItem.setPattern(apply(
  seq(identP('an enum name'), genericParamsP, fnP(parseWhereClause), delimited(T.LBrace, variant, 'a variant')),
  ([name, params, where, variants]): ItemKind => {
    S.slips.declare(name.name);
    return { kind: 'enum', name, generics: { params, where }, variants };
  },
));

/** variant = outer_attr* IDENT (named_fields | tuple_fields)? ("=" expr)? */
function variant(): Variant | null {
  const start = S.tok.start;
  const attrs = parseOuterAttrs();
  const name = expectIdent('a variant name');
  if (!name) return null;
  let shape: VariantShape = 'unit';
  let fields: FieldDef[] = [];
  if (at(T.LBrace)) {
    shape = 'named';
    fields = namedFields();
  } else if (at(T.LParen)) {
    shape = 'tuple';
    fields = tupleFields();
  }
  const discriminant = eat(T.Eq) ? parseExpr() : null;
  return { name, shape, fields, discriminant, attrs, span: spanFrom(start) };
}
