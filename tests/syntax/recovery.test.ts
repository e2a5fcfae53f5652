// Error recovery and diagnostics that teach: one real mistake gives one
// diagnostic at the right place, independent mistakes are all reported, and
// slips from other languages are named in one sentence with a suggestion —
// without misfiring on valid code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../sdk/src/syntax/parse/index.ts';
import { PARSER_CODES, PE } from '../../sdk/src/diag/codes/parser.ts';
import type { Diagnostic } from '../../sdk/src/diag/diagnostic.ts';
import type { SourceMap, Span } from '../../sdk/src/diag/source.ts';

function diagsOf(src: string): { diags: Diagnostic[]; sources: SourceMap } {
  const { diags, sources } = parseSource('test.oriz', src);
  return { diags: diags.sorted(), sources };
}

function lineCol(sources: SourceMap, span: Span): [number, number] {
  const lc = sources.get(span.file).lineCol(span.start);
  return [lc.line, lc.col];
}

/** Exactly one diagnostic, with this code, whose message contains `text`. */
function one(src: string, code: string, text: string): Diagnostic {
  const { diags } = diagsOf(src);
  assert.deepEqual(diags.map((d) => d.code), [code], `diagnostics: ${diags.map((d) => `${d.code} ${d.message}`).join(' | ')}`);
  assert.ok(diags[0]!.message.includes(text), `message "${diags[0]!.message}" should contain "${text}"`);
  return diags[0]!;
}

function none(src: string): void {
  const { diags } = diagsOf(src);
  assert.deepEqual(diags.map((d) => `${d.code} ${d.message}`), []);
}

// ---------------------------------------------------------------- independence and no cascades

describe('recovery', () => {
  test('three mistakes in three functions give three diagnostics at the right lines', () => {
    const src = [
      'fn one() {',
      '    let a = 1 +;',
      '}',
      'fn two() {',
      '    foo(1 2);',
      '}',
      'fn three() {',
      '    let c: = 3;',
      '}',
    ].join('\n');
    const { diags, sources } = diagsOf(src);
    assert.deepEqual(diags.map((d) => lineCol(sources, d.primary.span)[0]), [2, 5, 8]);
    assert.deepEqual(diags.map((d) => d.code), [PE.expectedExpr, PE.expected, PE.expectedType]);
  });

  test('mistakes in item headers resynchronise at the next item', () => {
    const src = 'fn f(a u8) { let x = 1; }\nstruct S { a: u8 b: u16 }\nfn g() { let = 1; }\nfn ok() {}';
    const { diags, sources } = diagsOf(src);
    assert.deepEqual(diags.map((d) => lineCol(sources, d.primary.span)[0]), [1, 2, 3]);
    assert.deepEqual(parseSource('t', src).ast.items.map((i) => i.kind), ['error', 'error', 'fn', 'fn']);
  });

  test('inside impl, trait and mod bodies too', () => {
    const src = 'impl X {\n    fn f(a u8) {}\n    fn g() {}\n}\nmod m {\n    struct S { a: u8 b: u16 }\n    fn h() {}\n}\nfn after() {}';
    const { diags, sources } = diagsOf(src);
    assert.deepEqual(diags.map((d) => lineCol(sources, d.primary.span)[0]), [2, 6]);
    const items = parseSource('t', src).ast.items;
    assert.deepEqual(items.map((i) => i.kind), ['impl', 'mod', 'fn']);
    assert.ok(items[0]!.kind === 'impl' && items[0]!.items.some((i) => i.kind === 'fn' && i.name.name === 'g'));
  });

  test('a statement with an error becomes an `error` placeholder and the block goes on', () => {
    const src = 'fn f() { let x = (1 +) * 2; let y = 2; g(y); }';
    const r = parseSource('t', src);
    assert.equal(r.diags.items.length, 1);
    const f = r.ast.items[0]!;
    assert.ok(f.kind === 'fn');
    const [bad, ...rest] = f.body!.stmts;
    assert.ok(bad?.kind === 'expr' && bad.expr.kind === 'error');
    assert.equal(src.slice(bad.span.start, bad.span.end), 'let x = (1 +) * 2;');
    assert.deepEqual(rest.map((s) => s.kind), ['let', 'expr']);
  });

  test('recovered slips leave a tree later phases accept', () => {
    const r = parseSource('t', 'fn f(a: i32, b: i32, c: i32) -> bool { let x: int = 1; let p = null; a < b < c }');
    assert.equal(r.diags.items.length, 3);
    const f = r.ast.items[0]!;
    assert.ok(f.kind === 'fn');
    const [letX, letP, tail] = f.body!.stmts;
    assert.ok(letX?.kind === 'let' && letX.type?.kind === 'path' && letX.type.path.segments[0]!.ident.name === 'i32', 'int is read as i32');
    assert.ok(letP?.kind === 'let' && letP.init?.kind === 'error', 'null becomes an error placeholder');
    assert.ok(tail?.kind === 'expr' && tail.expr.kind === 'error', 'a chained comparison becomes an error placeholder');
  });

  test('a missing `;` gives one diagnostic just after the previous token, with a fix', () => {
    const src = 'fn main() {\n    let x = 1\n    let y = 2;\n    x + y\n}';
    const d = one(src, PE.semi, 'expected `;`');
    assert.equal(d.primary.span.start, src.indexOf('1\n') + 1);
    assert.equal(d.primary.span.end, d.primary.span.start, 'zero-width, right after `1`');
    assert.deepEqual(d.suggestions.map((s) => [s.replacement, s.span.start]), [[';', d.primary.span.start]]);
    assert.equal(d.secondary[0]?.message, 'unexpected token');
    const f = parseSource('t', src).ast.items[0]!;
    assert.ok(f.kind === 'fn' && f.body!.stmts.length === 3, 'the following statements are still parsed');
  });

  test('a missing `;` after an expression statement', () => {
    one('fn f() {\n    x = 1\n    y = 2;\n}', PE.semi, 'expected `;`, found identifier `y`');
  });

  test('a missing `)` gives one diagnostic', () => {
    one('fn f() { let x = foo(a, b; let y = 2; }', PE.unclosed, 'expected `,` or `)`');
    one('fn f() { let x = (1 + 2; }', PE.unclosed, 'expected `,` or `)`');
    const d = one('fn f() { if (a == b { return; } }', PE.unclosed, 'found `{`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), [')']);
  });

  test('a missing comma at the end of a line is inserted', () => {
    const d = one('struct P {\n    x: i32\n    y: i32,\n}', PE.expected, 'expected `,`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), [',']);
    const s = parseSource('t', 'struct P {\n    x: i32\n    y: i32,\n}').ast.items[0]!;
    assert.ok(s.kind === 'struct' && s.fields.length === 2);
  });

  test('a missing `,` between match arms on separate lines', () => {
    one('fn f() { match x {\n    1 => a\n    _ => b,\n} }', PE.expected, 'expected `,` after the match arm');
  });

  test('lexical errors are not echoed by the parser', () => {
    const { diags } = diagsOf('fn f() { let s = "unterminated; }');
    assert.deepEqual(diags.map((d) => d.code), ['E0001']);
    const floats = diagsOf('fn f() { let v = 3.3; let w = 1.5 + 2; }').diags;
    assert.deepEqual(floats.map((d) => d.code), ['E0008', 'E0008']);
  });

  test('an unexpected closing delimiter', () => {
    one('fn f() { let x = 1); }', PE.unexpectedCloser, 'unexpected closing delimiter: `)`');
    one('}\nfn ok() {}', PE.unexpectedCloser, 'unexpected closing delimiter: `}`');
  });
});

describe('delimiters', () => {
  test('an unclosed `{` at the end of file: one error at the opener, a label at the end', () => {
    const src = 'fn f() {\n    let x = 1;\n';
    const d = one(src, PE.unclosed, 'unclosed delimiter');
    assert.equal(d.primary.span.start, src.indexOf('{'));
    assert.equal(d.secondary.length, 1);
    assert.equal(d.secondary[0]!.span.start, src.length);
  });
  test('nested unclosed groups still give one error', () => {
    one('fn f() { if x { g(', PE.unclosed, 'unclosed delimiter');
    const src = 'fn a() {\n    if x { y }\nfn b() { }\n';
    const d = one(src, PE.unclosed, 'unclosed delimiter');
    assert.equal(d.primary.span.start, src.indexOf('{'));
  });
  test('a mismatched closing delimiter names the opener', () => {
    const src = 'fn f() { let a = [1, 2, 3); }';
    const d = one(src, PE.mismatched, 'mismatched closing delimiter: `)`');
    assert.equal(d.secondary[0]!.span.start, src.indexOf('['));
    assert.equal(d.secondary[0]!.message, 'unclosed delimiter');
  });
});

// ---------------------------------------------------------------- diagnostics that teach

describe('slips from other languages', () => {
  test('`===` / `!==`', () => {
    const d = one('fn f(a: i32, b: i32) -> bool { a === b }', PE.strictEq, 'no strict equality; use `==`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['==']);
    one('fn f(a: i32, b: i32) -> bool { a !== b }', PE.strictEq, 'use `!=`');
  });
  test('`function`, `func`, `def` at item level', () => {
    for (const w of ['function', 'func', 'def']) {
      const d = one(`${w} add(a: i32, b: i32) -> i32 { a + b }`, PE.functionKeyword, `with \`fn\`, not \`${w}\``);
      assert.deepEqual(d.suggestions.map((s) => s.replacement), ['fn']);
    }
  });
  test('misspelled keywords: did you mean ...?', () => {
    one('fun main() {}', PE.keywordTypo, 'did you mean `fn`?');
    one('strcut Point { x: i32 }', PE.keywordTypo, 'did you mean `struct`?');
    one('enun E { A }', PE.keywordTypo, 'did you mean `enum`?');
    one('pubb fn f() {}', PE.keywordTypo, 'did you mean `pub`?');
    one('imporr a::b;', PE.keywordTypo, 'did you mean `import`?');
  });
  test('the item is parsed as the keyword it was meant to be', () => {
    const r = parseSource('t', 'strcut Point { x: i32 }\nfunction f() {}');
    assert.deepEqual(r.ast.items.map((i) => i.kind), ['struct', 'fn']);
  });
  test('a missing `fn`', () => {
    const d = one('main() {\n}', PE.missingFn, 'missing `fn`');
    assert.deepEqual(d.suggestions.map((s) => [s.replacement, s.span.start, s.span.end]), [['fn ', 0, 0]]);
    one('compute(x: u32) -> u32 { x }', PE.missingFn, 'missing `fn`');
  });
  test('`class` and `interface`', () => {
    one('class Counter { n: u32 }', PE.classDecl, 'no classes');
    one('interface Shape { fn area(&self) -> u32; }', PE.classDecl, 'declare a `trait`');
  });
  test('`var` and `const x =` inside a function', () => {
    const d = one('fn main() { var count = 0; count += 1; }', PE.varDecl, 'declares variables with `let`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['let mut']);
    one('fn main() { const x = 5; }', PE.varDecl, 'declared with `let`');
  });
  test('`let` at item level', () => {
    one('let LIMIT = 10;', PE.letAtItem, '`let` cannot declare a global variable');
  });
  test('foreign type names', () => {
    const d = one('fn main() { let x: int = 5; }', PE.foreignType, '`int` is not an Orizon type; use `i32`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['i32']);
    one('fn f(s: string) {}', PE.foreignType, 'use `&str`');
    one('fn f() -> float { 0 }', PE.foreignType, 'no floating point');
    one('struct S { ok: boolean }', PE.foreignType, 'use `bool`');
  });
  test('`elif` / `elsif`', () => {
    const d = one('fn f(x: i32) -> i32 { if x < 0 { -1 } elif x > 0 { 1 } else { 0 } }', PE.elif, 'spells `elif` as `else if`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['else if']);
    one('fn f(x: i32) -> i32 { if x < 0 { -1 } elsif x > 0 { 1 } else { 0 } }', PE.elif, '`elsif`');
  });
  test('`and`, `or`, `not`', () => {
    one('fn f(a: bool, b: bool) -> bool { a and b }', PE.wordOperator, '`and` is not an operator; use `&&`');
    one('fn f(a: bool, b: bool) -> bool { a or b }', PE.wordOperator, 'use `||`');
    one('fn f(a: bool) -> bool { not a }', PE.wordOperator, 'use `!`');
  });
  test('`++` and `--`', () => {
    const d = one('fn main() { let mut i = 0; i++; }', PE.incDec, 'no `++` operator; use `+= 1`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['i += 1']);
    one('fn main() { let mut i = 0; i--; }', PE.incDec, 'use `-= 1`');
    one('fn main() { let mut i = 0; ++i; }', PE.incDec, 'use `+= 1`');
  });
  test('`null` / `nil`', () => {
    const d = one('fn find() -> Option<u32> { null }', PE.nullValue, 'no `null`');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['None']);
    one('fn f(p: Option<u8>) -> bool { p == nil }', PE.nullValue, 'no `nil`');
  });
  test('ternary `a ? b : c`', () => {
    const d = one('fn max(a: i32, b: i32) -> i32 { a > b ? a : b }', PE.ternary, 'no `? :` operator');
    assert.deepEqual(d.suggestions.map((s) => s.replacement), ['if a > b { a } else { b }']);
  });
  test('chained comparisons', () => {
    const d = one('fn f(a: i32, b: i32, c: i32) -> bool { a < b < c }', PE.chainedCmp, 'cannot be chained');
    assert.ok(d.helps.some((h) => h.includes('a < b && b < c')));
  });
  test('a struct literal in a condition', () => {
    one('fn f(p: P) -> bool { if p == P { x: 0 } { true } else { false } }', PE.structLitHere, 'not allowed here');
  });
  test('a return type without `->`', () => {
    const d = one('fn f() u32 { 1 }', PE.expected, 'after the function signature');
    assert.ok(d.helps.some((h) => h.includes('->')));
  });
  test('a parameter without a type', () => {
    const d = one('fn f(a, b: u8) {}', PE.expected, 'expected `:`');
    assert.ok(d.helps.some((h) => h.includes('a: Type')));
  });
  test('`<` or `<<` after a cast to a primitive type', () => {
    const d = one('fn f(x: u8, y: u32) -> bool { x as u32 < y }', PE.castLess, 'start of generic arguments for `u32`');
    assert.ok(d.helps.some((h) => h.includes('(x as T) < y')));
    one('fn f(x: u8) -> u32 { x as u32 << 2 }', PE.castLess, '`<<` after a cast');
    none('fn f(x: u8, y: u32) -> bool { (x as u32) < y }');
    none('fn f(p: *const u8) -> *const Foo<u8> { p as *const Foo<u8> }');
  });
  test('constructs outside the subset are named', () => {
    one('fn f() { let b: Buf<16> = g(); }', PE.unsupported, 'const generic arguments');
    one('macro_rules! m { () => {} }', PE.unsupported, '`macro_rules!`');
    one('fn f(x: &dyn Tr) {}', PE.unsupported, '`dyn Trait`');
    one('extern crate core;', PE.unsupported, '`extern crate`');
    one('fn f() { if let Some(x) = a && b {} }', PE.unsupported, 'let` chains');
  });
});

describe('no misfires on valid code', () => {
  test('a declared `int` type and a `null` variable are fine', () => {
    none('type int = i32;\nfn f() -> int { let x: int = 1; x }');
    none('fn f() -> u8 { let null = 0; null }');
    none('struct string;\nfn f(s: string) {}');
  });
  test('`and`, `or`, `not`, `var`, `elif` as ordinary names', () => {
    none('fn f(and: bool, or: bool, not: bool) -> bool { and || or && !not }');
    none('fn f(x: Option<u8>) -> Option<u8> { x.or(None) }');
    none('fn f() { let var = 1; let y = var + 1; }');
    none('fn f(a: bool) { if a { } elif(); }');
  });
  test('double negation, `?` and ranges', () => {
    none('fn f(x: i32, b: i32) -> i32 { let y = - -x; let z = a - -b; --x }');
    none('fn f() -> Option<u8> { let v = g()?; match h()? { _ => None } }');
    none('fn f() { let a = x?.y; let b = [x?; 3]; }');
  });
  test('`x - -1` and `x + +`-free code', () => {
    none('fn f(x: i32) -> i32 { x - -1 }');
  });
});

// ---------------------------------------------------------------- the code table

describe('error codes', () => {
  test('every parser code has an entry in the table, in E0100-E0299', () => {
    const table = new Set(PARSER_CODES.map((c) => c.code));
    for (const code of Object.values(PE)) {
      assert.ok(table.has(code), `${code} has no table entry`);
      const n = Number(code.slice(1));
      assert.ok(n >= 100 && n <= 299, `${code} out of range`);
    }
  });
  test('each "wrong" example triggers its code and each "fixed" one parses', () => {
    // Codes whose examples need more than the parser (none today) would be listed here.
    for (const c of PARSER_CODES) {
      const wrong = parseSource('wrong.oriz', c.wrong).diags.items.map((d) => d.code);
      assert.ok(wrong.includes(c.code), `${c.code}: the wrong example reports ${wrong.join(', ') || 'nothing'}`);
      const fixed = parseSource('fixed.oriz', c.fixed).diags.items.map((d) => `${d.code} ${d.message}`);
      assert.deepEqual(fixed, [], `${c.code}: the fixed example`);
    }
  });
});
