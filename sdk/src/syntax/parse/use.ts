// `import` / `use` trees. `import` is Orizon's spelling; `use` is accepted so
// that programs in the Rust subset compile unchanged.
import { kleft } from 'typescript-parsec';
import { T } from '../token.ts';
import type { Ident, UseTree } from '../ast.ts';
import { S, at, bump, delimited, eat, expectedError, fnP, identOf, peek, run, expectSemi, spanFrom } from './core.ts';
import { R } from './rules.ts';

// use_item = use_tree ";"   (after `import` / `use`)
R.useItem.setPattern(kleft(R.useTree, fnP(expectSemi)));

const useGroup = delimited(T.LBrace, R.useTree, 'an import');

/** use_segment = IDENT | "self" | "super" | "crate" | "Self" */
function isUseSegment(k: T): boolean {
  return k === T.Ident || k === T.KwSelfValue || k === T.KwSuper || k === T.KwCrate || k === T.KwSelfType;
}

/**
 * use_tree = "::"? (use_segment "::")* ("*" | "{" (use_tree ("," use_tree)* ","?)? "}")
 *          | "::"? use_segment ("::" use_segment)* ("as" (IDENT | "_"))?
 */
R.useTree.setPattern(fnP((): UseTree => {
  const start = S.tok.start;
  eat(T.PathSep); // a leading `::` names the crate root, as `crate::` does
  const path: Ident[] = [];
  for (;;) {
    const k = S.tok.kind;
    if (k === T.Star) {
      bump();
      return { kind: 'glob', path, span: spanFrom(start) };
    }
    if (k === T.LBrace) {
      const items = run(useGroup) ?? [];
      return { kind: 'group', path, items, span: spanFrom(start) };
    }
    if (!isUseSegment(k)) {
      expectedError(path.length === 0 ? 'a path to import' : 'a name, `*` or `{` after `::`');
      return { kind: 'simple', path, alias: null, span: spanFrom(start) };
    }
    path.push(identOf(bump()));
    if (at(T.PathSep) && (isUseSegment(peek().kind) || peek().kind === T.Star || peek().kind === T.LBrace)) {
      bump();
      continue;
    }
    break;
  }
  let alias: Ident | null = null;
  if (eat(T.KwAs)) {
    if (at(T.Ident) || at(T.Underscore)) alias = identOf(bump());
    else expectedError('a name after `as`');
  }
  const last = path[path.length - 1];
  if (alias) S.slips.declare(alias.name);
  else if (last) S.slips.declare(last.name);
  return { kind: 'simple', path, alias, span: spanFrom(start) };
}));
