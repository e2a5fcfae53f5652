// The human renderer on hand-made diagnostics over hand-made sources, so its
// layout is pinned independently of what the lexer and parser report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceMap, type Span } from '../../sdk/src/diag/source.ts';
import { DiagBuilder } from '../../sdk/src/diag/diagnostic.ts';
import { renderDiagnostic, renderDiagnostics, renderSummary } from '../../sdk/src/diag/render.ts';

/** A one-file source map and helpers that find spans by their text. */
function fixture(text: string, path = 'src/main.oriz') {
  const sources = new SourceMap();
  const file = sources.add(path, text);
  /** Offset of the `nth` (0-based) occurrence of `needle`. */
  const at = (needle: string, nth = 0): number => {
    let i = -1;
    for (let k = 0; k <= nth; k++) {
      i = text.indexOf(needle, i + 1);
      if (i < 0) throw new Error(`fixture: no occurrence ${nth} of ${JSON.stringify(needle)}`);
    }
    return i;
  };
  const sp = (needle: string, nth = 0): Span => ({ file: file.id, start: at(needle, nth), end: at(needle, nth) + needle.length });
  const point = (offset: number): Span => ({ file: file.id, start: offset, end: offset });
  return { sources, file, at, sp, point };
}

/** Expected output written as an indented block: drops the first newline and the common indent. */
function block(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n').replace(/[ ]+$/, '');
}

test('primary and secondary label on one line: rightmost inline, the other hanging', () => {
  const f = fixture('fn main() {\n    let x: i32 = "hello";\n}\n');
  const d = new DiagBuilder('error', 'E0308', 'mismatched types', f.sp('"hello"'), 'expected `i32`, found `&str`')
    .label(f.sp('i32'), 'expected due to this');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0308]: mismatched types
     --> src/main.oriz:2:18
      |
    2 |     let x: i32 = "hello";
      |            ---   ^^^^^^^ expected \`i32\`, found \`&str\`
      |            |
      |            expected due to this
    `));
});

test('three labels on one line hang right to left; an empty label is only underlined', () => {
  const f = fixture('fn f() {\n    foo(alpha, beta, gamma);\n}\n');
  const d = new DiagBuilder('warning', 'W0001', 'three labels', f.sp('gamma'), 'third')
    .label(f.sp('alpha'), 'first').label(f.sp('beta'), 'second').label(f.sp('foo'), '');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    warning[W0001]: three labels
     --> src/main.oriz:2:22
      |
    2 |     foo(alpha, beta, gamma);
      |     --- -----  ----  ^^^^^ third
      |         |      |
      |         |      second
      |         first
    `));
});

test('labels on lines far apart are separated by `...`; one skipped line is shown instead', () => {
  const body = Array.from({ length: 12 }, (_, i) => `    let v${i} = ${i};`).join('\n');
  const f = fixture(`fn main() {\n${body}\n}\n`);
  const far = new DiagBuilder('error', 'E0101', 'unclosed delimiter', f.point(f.at('}') + 1), 'expected `}`')
    .label({ file: 0, start: f.at('{'), end: f.at('{') + 1 }, 'unclosed delimiter');
  assert.equal(renderDiagnostic(far.d, f.sources), block(`
    error[E0101]: unclosed delimiter
      --> src/main.oriz:14:2
       |
    1  | fn main() {
       |           - unclosed delimiter
    ...
    14 | }
       |  ^ expected \`}\`
    `));
  const near = new DiagBuilder('error', 'E0102', 'near', f.sp('v2'), 'here').label(f.sp('v0'), 'there');
  assert.equal(renderDiagnostic(near.d, f.sources), block(`
    error[E0102]: near
     --> src/main.oriz:4:9
      |
    2 |     let v0 = 0;
      |         -- there
    3 |     let v1 = 1;
    4 |     let v2 = 2;
      |         ^^ here
    `));
});

test('a zero-width span at the end of a line is one `^` after the last character', () => {
  const f = fixture('fn main() {\n    let x = 1\n    let y = 2;\n}\n');
  const semi = f.at('1') + 1;
  const d = new DiagBuilder('error', 'E0101', 'expected `;`, found keyword `let`', f.point(semi), 'expected `;`')
    .label(f.sp('let', 1), 'unexpected token');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0101]: expected \`;\`, found keyword \`let\`
     --> src/main.oriz:2:14
      |
    2 |     let x = 1
      |              ^ expected \`;\`
    3 |     let y = 2;
      |     --- unexpected token
    `));
});

test('a span at end of file points after the last character, not at the empty line after it', () => {
  for (const text of ['fn main() {\n', 'fn main() {\r\n', 'fn main() {']) {
    const f = fixture(text);
    const d = new DiagBuilder('error', 'E0103', 'this file contains an unclosed delimiter', f.point(text.length), 'expected `}`');
    assert.equal(renderDiagnostic(d.d, f.sources), block(`
      error[E0103]: this file contains an unclosed delimiter
       --> src/main.oriz:1:12
        |
      1 | fn main() {
        |            ^ expected \`}\`
      `), JSON.stringify(text));
  }
  const empty = fixture('');
  const d = new DiagBuilder('error', 'E0104', 'expected an item', empty.point(0));
  assert.equal(renderDiagnostic(d.d, empty.sources), 'error[E0104]: expected an item\n --> src/main.oriz:1:1\n  |\n1 |\n  | ^\n');
});

test('tabs expand to four cells in the line and under it', () => {
  const f = fixture('fn main() {\n\tlet\tx = 1;\n}\n');
  const d = new DiagBuilder('error', 'E0105', 'tabbed', f.sp('x'), 'this');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0105]: tabbed
     --> src/main.oriz:2:6
      |
    2 |     let    x = 1;
      |            ^ this
    `));
  assert.equal(renderDiagnostic(d.d, f.sources, { tabWidth: 2 }).split('\n')[4], '  |        ^ this');
});

test('non-ASCII: columns count code points, wide characters take two cells', () => {
  const f = fixture('let s = "héllo 😀 wörld"; let 名前 = x;\n');
  const d = new DiagBuilder('error', 'E0106', 'unicode', f.sp('wörld'), 'word').label(f.sp('x'), 'after wide');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0106]: unicode
     --> src/main.oriz:1:18
      |
    1 | let s = "héllo 😀 wörld"; let 名前 = x;
      |                   ^^^^^              - after wide
      |                   |
      |                   word
    `));
});

test('notes and helps follow the snippet; multi-line notes stay aligned', () => {
  const f = fixture('var x = 1;\n');
  const d = new DiagBuilder('error', 'E0107', 'expected item, found `var`', f.sp('var'), 'not an Orizon keyword')
    .note('Orizon declares variables with `let`, inside functions')
    .help('write `let x = 1;` inside a function,\nor `static X: i32 = 1;` at the top level');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0107]: expected item, found \`var\`
     --> src/main.oriz:1:1
      |
    1 | var x = 1;
      | ^^^ not an Orizon keyword
      |
      = note: Orizon declares variables with \`let\`, inside functions
      = help: write \`let x = 1;\` inside a function,
              or \`static X: i32 = 1;\` at the top level
    `));
});

test('suggestions show the patched line: `+` for insertion, `~` for replacement, -/+ for deletion', () => {
  const f = fixture('fn main() {\n    let x = 1\n    if x === 1 { foo();; }\n}\n');
  const semi = f.at('1') + 1;
  const d = new DiagBuilder('error', 'E0101', 'expected `;`', f.point(semi), 'expected `;`')
    .suggest('add `;` here', f.point(semi), ';')
    .suggest('use `==` to compare', f.sp('==='), '==')
    .suggest('remove the extra `;`', f.sp(';', 1), '');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0101]: expected \`;\`
     --> src/main.oriz:2:14
      |
    2 |     let x = 1
      |              ^ expected \`;\`
      |
    help: add \`;\` here
      |
    2 |     let x = 1;
      |              +
      |
    help: use \`==\` to compare
      |
    3 |     if x == 1 { foo();; }
      |          ~~
      |
    help: remove the extra \`;\`
      |
    3 -     if x === 1 { foo();; }
      |                        -
    3 +     if x === 1 { foo(); }
    `));
});

test('a multi-line suggestion shows every patched line', () => {
  const f = fixture('fn main() {\n    foo()\n}\n');
  const d = new DiagBuilder('error', 'E0108', 'x', f.sp('foo()'))
    .suggest('wrap it', f.sp('foo()'), 'loop {\n        foo()\n    }');
  assert.equal(renderDiagnostic(d.d, f.sources).split('help:')[1], block(`
     wrap it
      |
    2 |     loop {
    3 |         foo()
    4 |     }
    `));
});

test('multi-line spans: `/` when the span starts the line, `_^` when it starts mid-line', () => {
  const f = fixture('fn main() -> i32 {\n    if x {\n        1\n    } else {\n        2\n    }\n}\n');
  const d = new DiagBuilder('error', 'E0308', 'mismatched types', { file: 0, start: f.at('if'), end: f.at('}', 1) + 1 }, 'expected `i32`')
    .label(f.sp('i32'), 'because of this');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0308]: mismatched types
     --> src/main.oriz:2:5
      |
    1 |   fn main() -> i32 {
      |                --- because of this
    2 | /     if x {
    3 | |         1
    4 | |     } else {
    5 | |         2
    6 | |     }
      | |_____^ expected \`i32\`
    `));
  const g = fixture('fn f() {\n    let v = call(a,\n        b);\n}\n');
  const e = new DiagBuilder('error', 'E0109', 'call', { file: 0, start: g.at('call'), end: g.at(')', 1) + 1 }, 'this call');
  assert.equal(renderDiagnostic(e.d, g.sources), block(`
    error[E0109]: call
     --> src/main.oriz:2:13
      |
    2 |       let v = call(a,
      |  _____________^
    3 | |         b);
      | |__________^ this call
    `));
});

test('a long multi-line span shows its first and last two lines', () => {
  const body = Array.from({ length: 10 }, (_, i) => `    s${i}();`).join('\n');
  const f = fixture(`fn main() {\n${body}\n}\n`);
  const d = new DiagBuilder('error', 'E0110', 'body', { file: 0, start: f.at('{'), end: f.at('}') + 1 }, 'the body');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0110]: body
      --> src/main.oriz:1:11
       |
    1  |   fn main() {
       |  ___________^
    2  | |     s0();
    ...
    11 | |     s9();
    12 | | }
       | |_^ the body
    `));
});

test('labels in another file get their own `:::` section', () => {
  const sources = new SourceMap();
  const a = sources.add('src/main.oriz', 'fn main() {\n    helper(1, 2);\n}\n');
  const b = sources.add('src/util.oriz', 'pub fn helper(x: u8) {}\n');
  const call = a.text.indexOf('helper');
  const def = b.text.indexOf('helper');
  const d = new DiagBuilder('error', 'E0301', 'this function takes 1 argument but 2 were supplied', { file: a.id, start: call, end: call + 6 }, 'two arguments')
    .label({ file: b.id, start: def, end: def + 6 }, 'defined here');
  assert.equal(renderDiagnostic(d.d, sources), block(`
    error[E0301]: this function takes 1 argument but 2 were supplied
     --> src/main.oriz:2:5
      |
    2 |     helper(1, 2);
      |     ^^^^^^ two arguments
      |
     ::: src/util.oriz:1:8
      |
    1 | pub fn helper(x: u8) {}
      |        ------ defined here
    `));
});

test('overlapping spans: primary drawn over secondary, the shorter span labelled first', () => {
  const f = fixture('let total = a + b;\n');
  const d = new DiagBuilder('error', 'E0111', 'overlap', f.sp('a', 1), 'left operand').label(f.sp('a + b'), 'the sum');
  assert.equal(renderDiagnostic(d.d, f.sources), block(`
    error[E0111]: overlap
     --> src/main.oriz:1:13
      |
    1 | let total = a + b;
      |             ^----
      |             |
      |             left operand
      |             the sum
    `));
});

test('spans outside the file are clamped instead of throwing', () => {
  const f = fixture('fn main() {}\n');
  const d = new DiagBuilder('error', 'E0112', 'clamped', { file: 0, start: 500, end: 900 }, 'here');
  assert.match(renderDiagnostic(d.d, f.sources), /--> src\/main.oriz:1:13\n/);
});

test('colour only when asked: bold red error, blue gutter; plain text otherwise', () => {
  const f = fixture('let x = 1\n');
  const d = new DiagBuilder('warning', 'W0002', 'w', f.sp('x'), 'here').label(f.sp('let'), 'kw');
  const plain = renderDiagnostic(d.d, f.sources);
  assert.ok(!plain.includes('\u001b['));
  const coloured = renderDiagnostic(d.d, f.sources, { color: true });
  assert.ok(coloured.includes('\u001b[33m'), 'warning in yellow');
  assert.ok(coloured.includes('\u001b[34m'), 'gutter in blue');
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain, 'same text under the colour');
});

test('several diagnostics are separated by blank lines; the summary counts them', () => {
  const f = fixture('x\n');
  const e = new DiagBuilder('error', 'E0001', 'one', f.sp('x')).d;
  assert.equal(renderDiagnostics([e, e], f.sources).split('\n\n').length, 3);
  assert.equal(renderSummary('src', 1, 0), 'error: could not check `src` due to 1 previous error\n');
  assert.equal(renderSummary('src', 3, 2), 'error: could not check `src` due to 3 previous errors; 2 warnings emitted\n');
  assert.equal(renderSummary('a.oriz', 0, 1), 'warning: `a.oriz` generated 1 warning\n');
  assert.equal(renderSummary('a.oriz', 0, 0), '');
});

test('random spans over awkward text never throw and never leave trailing spaces', () => {
  // A small seeded generator so a failure reproduces.
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['fn', ' ', '\t', '\n', '\r\n', 'é', '😀', '名', '{', '}', ';', 'x', '\u0301', '\u202e', '\u0007', '  '];
  for (let round = 0; round < 400; round++) {
    const text = Array.from({ length: rnd(60) }, () => pieces[rnd(pieces.length)]).join('');
    const sources = new SourceMap();
    const f = sources.add('f.oriz', text);
    const span = (): Span => {
      const a = rnd(text.length + 3);
      return { file: f.id, start: a, end: a + rnd(12) };
    };
    const d = new DiagBuilder(rnd(2) ? 'error' : 'warning', 'E0001', 'm', span(), rnd(2) ? 'primary' : '');
    for (let i = rnd(4); i > 0; i--) d.label(span(), rnd(2) ? `label ${i}` : '');
    for (let i = rnd(3); i > 0; i--) d.suggest('s', span(), ['', ';', 'a\nb'][rnd(3)]!);
    if (rnd(2)) d.note('n\nm');
    const out = renderDiagnostic(d.d, sources, { color: rnd(2) === 1 });
    assert.ok(out.endsWith('\n'));
    for (const line of out.replace(/\u001b\[\d+m/g, '').split('\n')) {
      assert.equal(line, line.trimEnd(), `trailing space in ${JSON.stringify(line)} for ${JSON.stringify(text)}`);
      assert.ok(!line.includes('\r') && !line.includes('\t'), `raw control character in ${JSON.stringify(line)}`);
    }
  }
});
