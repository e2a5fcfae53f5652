import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceMap } from '../../sdk/src/diag/source.ts';
import { DiagnosticBag } from '../../sdk/src/diag/diagnostic.ts';
import { lex } from '../../sdk/src/syntax/lexer.ts';
import { T, type Token } from '../../sdk/src/syntax/token.ts';
import { decodeByte, decodeByteStr, decodeChar, decodeStr, parseIntLit } from '../../sdk/src/syntax/literals.ts';

function run(text: string) {
  const sm = new SourceMap();
  const f = sm.add('t.oriz', text);
  const diags = new DiagnosticBag();
  const r = lex(f, diags);
  const toks: Token[] = [];
  for (let t: Token | undefined = r.first; t; t = t.next) toks.push(t);
  return { toks, diags, docs: r.docs, count: r.tokenCount };
}
const kinds = (text: string) => run(text).toks.map((t) => T[t.kind]);
const texts = (text: string) => run(text).toks.map((t) => t.text);

test('identifiers, keywords and `_`', () => {
  assert.deepEqual(kinds('fn main import use self Self _ _x r#type café'), ['KwFn', 'Ident', 'KwImport', 'KwUse', 'KwSelfValue', 'KwSelfType', 'Underscore', 'Ident', 'Ident', 'Ident', 'Eof']);
  assert.equal(run('r#type').toks[0]!.text, 'type');
});

test('integer literals in every base with separators and suffixes', () => {
  const r = run('0 42 1_000 0xFF 0o17 0b1010_1010 10u8 0xffu32 7usize 0x_ff_u8');
  assert.equal(r.diags.items.length, 0);
  const vals = r.toks.filter((t) => t.kind === T.Int).map((t) => parseIntLit(t.text));
  assert.deepEqual(vals.map((v) => v.value), [0n, 42n, 1000n, 255n, 15n, 170n, 10n, 255n, 7n, 255n]);
  assert.deepEqual(vals.map((v) => v.suffix), [null, null, null, null, null, null, 'u8', 'u32', 'usize', 'u8']);
  assert.equal(parseIntLit('18446744073709551615u64').value, 18446744073709551615n);
});

test('tuple fields and ranges are not floats', () => {
  assert.deepEqual(kinds('t.0.1'), ['Ident', 'Dot', 'Int', 'Dot', 'Int', 'Eof']);
  assert.deepEqual(kinds('0..10 1..=2 1.max(2)'), ['Int', 'DotDot', 'Int', 'Int', 'DotDotEq', 'Int', 'Int', 'Dot', 'Ident', 'LParen', 'Int', 'RParen', 'Eof']);
});

test('maximal munch punctuation', () => {
  assert.deepEqual(texts('a>>=b<<=c..=d...e::f->g=>h&&i||j!=k'),
    ['a', '>>=', 'b', '<<=', 'c', '..=', 'd', '...', 'e', '::', 'f', '->', 'g', '=>', 'h', '&&', 'i', '||', 'j', '!=', 'k', '']);
  assert.deepEqual(kinds('Vec<Vec<u8>>'), ['Ident', 'Lt', 'Ident', 'Lt', 'Ident', 'Shr', 'Eof']);
});

test('char, byte and string literals with escapes', () => {
  const r = run(String.raw`'a' '\n' '\'' '\u{1F600}' b'\xff' b'A' "a\tb\"c" b"\x00\x7f" r"raw\n" r#"has "quotes""# br"x\y" "line\
    continued"`);
  assert.equal(r.diags.items.length, 0, JSON.stringify(r.diags.items));
  const t = r.toks;
  assert.deepEqual(t.slice(0, 4).map((x) => decodeChar(x.text)), [97, 10, 39, 0x1f600]);
  assert.deepEqual(t.slice(4, 6).map((x) => decodeByte(x.text)), [255, 65]);
  assert.equal(decodeStr(t[6]!.text), 'a\tb"c');
  assert.deepEqual(decodeByteStr(t[7]!.text), [0, 127]);
  assert.equal(decodeStr(t[8]!.text), 'raw\\n');
  assert.equal(decodeStr(t[9]!.text), 'has "quotes"');
  assert.deepEqual(decodeByteStr(t[10]!.text), [120, 92, 121]);
  assert.equal(decodeStr(t[11]!.text), 'linecontinued');
});

test('lifetimes and labels versus chars', () => {
  assert.deepEqual(kinds("'a: loop {} &'static str 'x'"), ['Lifetime', 'Colon', 'KwLoop', 'LBrace', 'RBrace', 'Amp', 'Lifetime', 'Ident', 'Char', 'Eof']);
});

test('comments: nested blocks, doc comments kept aside', () => {
  const r = run('//! crate doc\n/// item doc\n//// not doc\n/* a /* nested */ still */ fn /** block doc */ f');
  assert.deepEqual(r.toks.map((t) => T[t.kind]), ['KwFn', 'Ident', 'Eof']);
  assert.deepEqual(r.docs.map((d) => [d.inner, d.text]), [[true, 'crate doc'], [false, 'item doc'], [false, 'block doc']]);
  assert.equal(r.toks[0]!.spaceBefore, true);
});

test('spans are exact and Eof sits at the end', () => {
  const src = 'let  x = "ab";';
  const r = run(src);
  assert.deepEqual(r.toks.map((t) => [t.start, t.end]), [[0, 3], [5, 6], [7, 8], [9, 13], [13, 14], [14, 14]]);
  assert.equal(r.count, 6);
  assert.deepEqual(r.toks[1]!.pos, { index: 5, rowBegin: 1, columnBegin: 6, rowEnd: 1, columnEnd: 7 });
});

function errs(src: string) {
  return run(src).diags.items.map((d) => ({ code: d.code, msg: d.message, at: [d.primary.span.start, d.primary.span.end] }));
}

test('lexical errors are diagnostics with exact spans, and lexing continues', () => {
  assert.deepEqual(errs('let s = "abc'), [{ code: 'E0001', msg: 'unterminated string literal', at: [8, 9] }]);
  assert.deepEqual(errs("let c = '\\n;"), [{ code: 'E0002', msg: 'unterminated character literal', at: [8, 11] }]);
  assert.deepEqual(errs("let c = '"), [{ code: 'E0002', msg: 'unterminated character literal', at: [8, 9] }]);
  assert.deepEqual(errs('"a\\qb"'), [{ code: 'E0003', msg: 'unknown character escape: `q`', at: [2, 4] }]);
  assert.deepEqual(errs('a ` b'), [{ code: 'E0004', msg: "unknown start of token: '`' (U+0060)", at: [2, 3] }]);
  assert.deepEqual(errs('/* /* */ x'), [{ code: 'E0005', msg: 'unterminated block comment', at: [0, 2] }]);
  assert.deepEqual(errs('0b102 0x'), [
    { code: 'E0006', msg: 'invalid digit for a base 2 literal', at: [4, 5] },
    { code: 'E0006', msg: 'no valid digits found for number', at: [6, 8] },
  ]);
  assert.deepEqual(errs('10uint'), [{ code: 'E0007', msg: 'invalid suffix `uint` for number literal', at: [2, 6] }]);
  assert.deepEqual(errs('3.14'), [{ code: 'E0008', msg: 'floating-point literals are not supported', at: [0, 4] }]);
  assert.deepEqual(errs("''"), [{ code: 'E0009', msg: 'empty character literal', at: [0, 2] }]);
  assert.deepEqual(errs("'\\xff' '\\u{110000}'"), [
    { code: 'E0010', msg: 'out of range hex escape', at: [1, 5] },
    { code: 'E0010', msg: 'invalid unicode character escape', at: [8, 18] },
  ]);
  assert.deepEqual(errs('b"é"'), [{ code: 'E0011', msg: 'non-ASCII character in byte string literal', at: [2, 3] }]);
  assert.deepEqual(errs("'hello'"), [{ code: 'E0012', msg: 'character literal may only contain one character', at: [0, 7] }]);
  // Lexing continued after each error: the tokens after it are still there.
  assert.deepEqual(kinds('a ` b'), ['Ident', 'Ident', 'Eof']);
});

test('look-alike Unicode punctuation gets a replacement suggestion', () => {
  const r = run('println!(\u201chi\u201d);');
  const d = r.diags.items[0]!;
  assert.equal(d.code, 'E0004');
  assert.match(d.helps[0]!, /Left Double Quotation Mark\) looks like '"'/);
  assert.equal(d.suggestions[0]!.replacement, '"');
});
