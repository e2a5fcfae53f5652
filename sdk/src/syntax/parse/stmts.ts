// Blocks and statements. A statement is the unit of recovery inside a function:
// after a syntax error the block skips to the next `;` (or its `}`) and goes on.
import { T } from '../token.ts';
import type { Block, Pat, Stmt, Type } from '../ast.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, at, bump, closeDelim, eat, expectSemi, expectedError, newId, peek, soft, sp, spanFrom, syncStmt,
} from './core.ts';
import { parseExpr, parseStmtExpr, stmtEndedBlockLike } from './exprs.ts';
import { parsePattern } from './patterns.ts';
import { parseType } from './types.ts';
import { atInnerAttr, parseInnerAttrs, parseOuterAttrs } from './attrs.ts';
import { isItemStartInBlock, parseItem } from './items.ts';

/** block = "{" stmt* "}" */
export function parseBlock(): Block {
  const open = S.tok;
  if (open.kind !== T.LBrace || S.panicking) {
    expectedError('`{`');
    return { stmts: [], span: sp(open.start, open.start) };
  }
  bump();
  if (atInnerAttr()) {
    const attrs = parseInnerAttrs();
    const first = attrs[0];
    if (first) {
      soft(PE.misplacedAttr, 'inner attributes are only allowed at the start of a file or module', first.span, 'not allowed here')
        ?.help('move it to the top of the file, or make it an outer attribute `#[...]` on the function');
    }
  }
  const stmts: Stmt[] = [];
  S.blockDepth++;
  for (;;) {
    const k = S.tok.kind;
    if (k === T.RBrace || k === T.Eof) break;
    const before = S.tok;
    const st = parseStmt();
    if (S.panicking) {
      // The broken statement becomes one `error` placeholder that later phases skip.
      syncStmt();
      const span = sp(before.start, Math.max(before.start, S.lastEnd));
      stmts.push({ kind: 'expr', expr: { kind: 'error', id: newId(), span }, semi: true, span });
    } else if (st) stmts.push(st);
    if (S.tok === before) bump(); // never loop in place
  }
  S.blockDepth--;
  closeDelim(open, T.RBrace);
  return { stmts, span: spanFrom(open.start) };
}

/** stmt = ";" | item | let_stmt | expr_stmt */
function parseStmt(): Stmt | null {
  const t = S.tok;
  switch (t.kind) {
    case T.Semi:
      bump();
      return { kind: 'empty', span: t.span };
    case T.KwLet:
      bump();
      return parseLet(t.start, false);
    case T.Pound: {
      if (atInnerAttr()) {
        parseInnerAttrs();
        soft(PE.misplacedAttr, 'inner attributes are only allowed at the start of a file or module', spanFrom(t.start), 'not allowed here');
        return null;
      }
      const since = S.lastEnd;
      const attrs = parseOuterAttrs();
      if (attrs.length === 0) {
        bump();
        expectedError('`[` after `#`');
        return null;
      }
      if (isItemStartInBlock()) {
        const item = parseItem(attrs, t.start, since, 'block');
        return { kind: 'item', item, span: item.span };
      }
      soft(PE.misplacedAttr, 'attributes on statements are not supported', sp(t.start, S.lastEnd), 'attribute on a statement')
        ?.help('attributes may be placed on items, fields and enum variants');
      return S.panicking ? null : parseStmt();
    }
    case T.RParen: case T.RBracket:
      bump();
      soft(PE.unexpectedCloser, `unexpected closing delimiter: \`${t.text}\``, t.span, 'unexpected closing delimiter')
        ?.suggest('remove it', t.span, '');
      return null;
    case T.Ident:
      if (t.text === 'var' && (peek().kind === T.Ident || peek().kind === T.KwMut)) return varSlip();
      break;
    case T.KwConst:
      if (peek().kind === T.Ident && peek(2).kind === T.Eq) return constSlip();
      break;
  }
  if (isItemStartInBlock()) {
    const item = parseItem([], t.start, S.lastEnd, 'block');
    return { kind: 'item', item, span: item.span };
  }
  return parseExprStmt();
}

/**
 * let_stmt = "let" pat_no_top_alt (":" type)? ("=" expr ("else" block)?)? ";"
 * (after `let`). `forceMut`: recovering from `var x`, which meant a mutable variable.
 */
function parseLet(start: number, forceMut: boolean): Stmt {
  let pat: Pat = parsePattern();
  if (pat.kind === 'or') {
    const text = S.file.text.slice(pat.span.start, pat.span.end);
    soft(PE.letOrPattern, 'top-level or-patterns are not allowed in `let` bindings', pat.span, 'alternatives')
      ?.suggest('wrap the alternatives in parentheses', pat.span, `(${text})`);
  }
  if (forceMut && pat.kind === 'ident') pat = { ...pat, mut: true };
  const type: Type | null = !S.panicking && eat(T.Colon) ? parseType() : null;
  let init = null;
  let elseBlock = null;
  if (S.panicking) {
    // the statement resynchronises from the token that failed
  } else if (eat(T.Eq)) {
    init = parseExpr();
    if (at(T.KwElse) && !S.panicking) {
      bump();
      elseBlock = parseBlock();
    }
  } else if (!S.panicking && !at(T.Semi)) {
    expectedError(type ? '`=` or `;`' : '`:`, `=` or `;`');
  }
  if (!S.panicking) expectSemi();
  return { kind: 'let', pat, type, init, elseBlock, span: spanFrom(start) };
}

/** `var x = ...`: report, then read it as `let mut x = ...`. */
function varSlip(): Stmt {
  const v = bump();
  soft(PE.varDecl, 'Orizon declares variables with `let`, or `let mut` for one that is assigned again', v.span, 'not a keyword')
    ?.suggest('use `let mut`', v.span, 'let mut');
  eat(T.KwMut);
  return parseLet(v.start, true);
}

/** `const x = ...` inside a function (no type): a local variable was meant. */
function constSlip(): Stmt {
  const c = bump();
  soft(PE.varDecl, 'local variables are declared with `let`; `const` declares a constant and needs a type', c.span, 'use `let`')
    ?.suggest('use `let`', c.span, 'let');
  return parseLet(c.start, false);
}

/**
 * expr_stmt = expr ";" | block_like_expr ";"? | expr (the block's tail)
 *
 * A block-like expression ends the statement without `;`; any other expression
 * needs `;` unless it is the last thing in the block.
 */
function parseExprStmt(): Stmt | null {
  const start = S.tok.start;
  const expr = parseStmtExpr();
  const blockLike = stmtEndedBlockLike();
  if (S.panicking) return { kind: 'expr', expr, semi: false, span: spanFrom(start) };
  if (eat(T.Semi)) return { kind: 'expr', expr, semi: true, span: spanFrom(start) };
  const k = S.tok.kind;
  if (k === T.RBrace || k === T.Eof || blockLike) return { kind: 'expr', expr, semi: false, span: spanFrom(start) };
  expectSemi();
  return { kind: 'expr', expr, semi: true, span: spanFrom(start) };
}
