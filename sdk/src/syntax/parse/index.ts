// The parser's public entry points: source file → AST, with syntax
// diagnostics in the bag. See core.ts for how the grammar is put together.
//
// source_file = inner_attr* item* EOF
import { T } from '../token.ts';
import type { SourceFileAst } from '../ast.ts';
import { lex, type LexResult } from '../lexer.ts';
import { DiagnosticBag } from '../../diag/diagnostic.ts';
import { SourceMap, type SourceFile } from '../../diag/source.ts';
import { ParseState, withState } from './core.ts';
import { parseInnerAttrs } from './attrs.ts';
import { parseItemList } from './items.ts';
import { SlipTracker } from './slips.ts';

/** Lexes and parses one file; diagnostics (lexical and syntactic) go to `diags`. */
export function parseFile(file: SourceFile, diags: DiagnosticBag): SourceFileAst {
  const before = diags.items.length;
  const lexed = lex(file, diags);
  const lexErrorStarts = diags.items.slice(before).map((d) => d.primary.span.start);
  return parseTokens(file, lexed, diags, lexErrorStarts);
}

/** Parses an already lexed file. `lexErrorStarts`: where the lexer reported errors (to avoid echoing them). */
export function parseTokens(file: SourceFile, lexed: LexResult, diags: DiagnosticBag, lexErrorStarts: number[] = []): SourceFileAst {
  const state = new ParseState(file, lexed.first, diags, lexed.docs, new SlipTracker(), lexErrorStarts);
  return withState(state, () => {
    const innerAttrs = parseInnerAttrs();
    const docs: string[] = [];
    const items = parseItemList(T.Eof, 'file', docs);
    state.slips.finish(diags);
    return { file: file.id, innerAttrs, docs, items, span: { file: file.id, start: 0, end: file.text.length } };
  });
}

/** For tests and tools: parse `text` as a file named `path`. */
export function parseSource(path: string, text: string): { ast: SourceFileAst; diags: DiagnosticBag; sources: SourceMap } {
  const sources = new SourceMap();
  const file = sources.add(path, text);
  const diags = new DiagnosticBag();
  const ast = parseFile(file, diags);
  return { ast, diags, sources };
}
