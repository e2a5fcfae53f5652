// The JSON form of diagnostics: field names, offsets in UTF-8 bytes, 1-based
// code-point columns with an exclusive end, and the plain rendering alongside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceMap } from '../../sdk/src/diag/source.ts';
import { DiagBuilder } from '../../sdk/src/diag/diagnostic.ts';
import { diagnosticToJson, renderJsonLines } from '../../sdk/src/diag/json.ts';
import { renderDiagnostic } from '../../sdk/src/diag/render.ts';

test('every field of a diagnostic, with spans, suggestions, notes and helps', () => {
  const sources = new SourceMap();
  const text = 'fn main() {\n    let x = 1\n    x\n}\n';
  const f = sources.add('src/main.oriz', text);
  const semi = text.indexOf('1') + 1;
  const let_ = text.indexOf('let');
  const d = new DiagBuilder('error', 'E0101', 'expected `;`', { file: f.id, start: semi, end: semi }, 'expected `;`')
    .label({ file: f.id, start: let_, end: let_ + 3 }, '')
    .note('a note').help('a help')
    .suggest('add `;` here', { file: f.id, start: semi, end: semi }, ';');
  const j = diagnosticToJson(d.d, sources);
  assert.deepEqual({ ...j, rendered: undefined }, {
    code: 'E0101',
    severity: 'error',
    message: 'expected `;`',
    spans: [
      { file: 'src/main.oriz', byte_start: 25, byte_end: 25, line_start: 2, col_start: 14, line_end: 2, col_end: 14, label: 'expected `;`', primary: true },
      { file: 'src/main.oriz', byte_start: 16, byte_end: 19, line_start: 2, col_start: 5, line_end: 2, col_end: 8, label: null, primary: false },
    ],
    notes: ['a note'],
    helps: ['a help'],
    suggestions: [{
      message: 'add `;` here',
      span: { file: 'src/main.oriz', byte_start: 25, byte_end: 25, line_start: 2, col_start: 14, line_end: 2, col_end: 14 },
      replacement: ';',
    }],
    rendered: undefined,
  });
  assert.equal(j.rendered, renderDiagnostic(d.d, sources));
  assert.ok(!j.rendered.includes('\u001b['));
});

test('byte offsets count UTF-8 bytes; columns count code points', () => {
  const sources = new SourceMap();
  // é is 2 bytes, 😀 is 4 bytes (2 UTF-16 units), 名 is 3 bytes.
  const text = '// é\nlet s = "😀名"; bad\n';
  const f = sources.add('u.oriz', text);
  const at = text.indexOf('bad');
  const j = diagnosticToJson(new DiagBuilder('error', 'E0004', 'm', { file: f.id, start: at, end: at + 3 }).d, sources);
  const bytes = Buffer.from(text, 'utf8');
  const sp = j.spans[0]!;
  assert.equal(bytes.subarray(sp.byte_start, sp.byte_end).toString('utf8'), 'bad');
  assert.equal(sp.byte_start, Buffer.byteLength(text.slice(0, at), 'utf8'));
  assert.deepEqual([sp.line_start, sp.col_start, sp.line_end, sp.col_end], [2, 15, 2, 18]);
});

test('a span across lines reports both ends', () => {
  const sources = new SourceMap();
  const text = 'fn f() {\n  g();\n}\n';
  const f = sources.add('m.oriz', text);
  const j = diagnosticToJson(new DiagBuilder('warning', 'W0001', 'm', { file: f.id, start: 7, end: text.length - 1 }).d, sources);
  assert.equal(j.severity, 'warning');
  assert.deepEqual([j.spans[0]!.line_start, j.spans[0]!.col_start, j.spans[0]!.line_end, j.spans[0]!.col_end], [1, 8, 3, 2]);
});

test('JSON lines: one parseable object per line', () => {
  const sources = new SourceMap();
  const f = sources.add('a.oriz', 'x y\n');
  const a = new DiagBuilder('error', 'E0004', 'one', { file: f.id, start: 0, end: 1 }).d;
  const b = new DiagBuilder('error', 'E0004', 'two\nlines', { file: f.id, start: 2, end: 3 }).d;
  const out = renderJsonLines([a, b], sources);
  assert.ok(out.endsWith('\n'));
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { message: string }).message), ['one', 'two\nlines']);
  assert.equal(renderJsonLines([], sources), '');
});
