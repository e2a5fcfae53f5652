// Machine-readable diagnostics for editors and tools (`--message-format json`):
// one JSON object per diagnostic, one per line. The schema is documented in
// docs/cli.md; field names follow rustc's JSON output where one exists, so tools
// written for rustc need little change.
//
// Offsets: spans inside the compiler are UTF-16 offsets into the JS string; here
// `byte_start`/`byte_end` are UTF-8 byte offsets into the file as stored on disk
// (what rustc reports and what most tools index by), and columns are 1-based code
// points like the `-->` line of the human output. `col_end` is exclusive.
import type { Diagnostic, Label, Suggestion } from './diagnostic.ts';
import type { SourceFile, SourceMap, Span } from './source.ts';
import { renderDiagnostic } from './render.ts';

export interface JsonRange {
  file: string;
  byte_start: number;
  byte_end: number;
  line_start: number;
  col_start: number;
  line_end: number;
  col_end: number;
}

export interface JsonSpan extends JsonRange {
  /** null when the span is only marked. */
  label: string | null;
  /** True for the one span rendered `^^^`. */
  primary: boolean;
}

export interface JsonSuggestion {
  message: string;
  span: JsonRange;
  replacement: string;
}

export interface JsonDiagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The primary span first, then the secondary ones in the order given. */
  spans: JsonSpan[];
  notes: string[];
  helps: string[];
  suggestions: JsonSuggestion[];
  /** The human rendering without colour, as `orizon check` prints it. */
  rendered: string;
}

/** UTF-8 byte offset of every line start, built once per file (files are immutable). */
const lineBytes = new WeakMap<SourceFile, number[]>();

function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // Each half of a surrogate pair counts 2, so a pair counts 4 (one 4-byte sequence).
    else if (c >= 0xd800 && c <= 0xdfff) n += 2;
    else n += 3;
  }
  return n;
}

function byteOffset(f: SourceFile, offset: number): number {
  let table = lineBytes.get(f);
  if (!table) {
    table = [0];
    for (let l = 2; l <= f.lineCount; l++) {
      table.push(table[l - 2]! + utf8Length(f.text, f.lineStart(l - 1), f.lineStart(l)));
    }
    lineBytes.set(f, table);
  }
  const li = f.lineIndex(offset);
  return table[li]! + utf8Length(f.text, f.lineStart(li + 1), offset);
}

function range(sources: SourceMap, sp: Span): JsonRange {
  const f = sources.files[sp.file];
  if (!f) return { file: '', byte_start: 0, byte_end: 0, line_start: 0, col_start: 0, line_end: 0, col_end: 0 };
  const start = Math.max(0, Math.min(sp.start, f.text.length));
  const end = Math.max(start, Math.min(sp.end, f.text.length));
  const a = f.lineCol(start);
  const b = f.lineCol(end);
  return {
    file: f.path,
    byte_start: byteOffset(f, start), byte_end: byteOffset(f, end),
    line_start: a.line, col_start: a.col, line_end: b.line, col_end: b.col,
  };
}

function jsonSpan(sources: SourceMap, l: Label, primary: boolean): JsonSpan {
  return { ...range(sources, l.span), label: l.message === '' ? null : l.message, primary };
}

function jsonSuggestion(sources: SourceMap, s: Suggestion): JsonSuggestion {
  return { message: s.message, span: range(sources, s.span), replacement: s.replacement };
}

export function diagnosticToJson(d: Diagnostic, sources: SourceMap): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    spans: [jsonSpan(sources, d.primary, true), ...d.secondary.map((l) => jsonSpan(sources, l, false))],
    notes: [...d.notes],
    helps: [...d.helps],
    suggestions: d.suggestions.map((s) => jsonSuggestion(sources, s)),
    rendered: renderDiagnostic(d, sources, { color: false }),
  };
}

/** One line of JSON per diagnostic, each ending in a newline. */
export function renderJsonLines(ds: readonly Diagnostic[], sources: SourceMap): string {
  return ds.map((d) => JSON.stringify(diagnosticToJson(d, sources)) + '\n').join('');
}
