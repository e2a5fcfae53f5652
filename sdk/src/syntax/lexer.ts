// The lexer: source text → a linked list of Tokens ending in Eof.
// Hand-written over char codes (no regular expressions on the hot path): one
// pass, one Token allocation per token, positions as offsets. Errors become
// diagnostics and lexing continues, so the parser always gets a token list.
//
// Notable rules, as in rustc:
// - punctuation is lexed maximally (`>>=` is one token; the parser splits it
//   where a generic list closes);
// - `'a` is a lifetime, `'a'` a char literal;
// - an integer right after `.` never takes a fractional part, so `t.0.1` is
//   `t . 0 . 1` (tuple fields), while `1.5` is reported (no floats in v0.1);
// - doc comments (`///`, `/** */`, `//!`, `/*! */`) are kept aside in `docs`.
import type { DiagnosticBag } from '../diag/diagnostic.ts';
import type { SourceFile } from '../diag/source.ts';
import { KEYWORDS, KIND_TEXT, T, Token, type DocComment } from './token.ts';
import { INT_SUFFIXES, lookalike, scanEscape } from './literals.ts';

export interface LexResult {
  first: Token;
  docs: DocComment[];
  tokenCount: number;
}

// Character classes for ASCII, indexed by char code.
const C_OTHER = 0, C_SPACE = 1, C_IDSTART = 2, C_DIGIT = 3, C_PUNCT = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || c === 11 || c === 12) CLASS[c] = C_SPACE;
  else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_') CLASS[c] = C_IDSTART;
  else if (ch >= '0' && ch <= '9') CLASS[c] = C_DIGIT;
  else if ('+-*/%^!&|=<>@.,;:#$?~{}[]()'.includes(ch)) CLASS[c] = C_PUNCT;
}

function isIdContinue(c: number): boolean {
  return c < 128 ? CLASS[c] === C_IDSTART || CLASS[c] === C_DIGIT : isUnicodeIdChar(c, true);
}

const UNICODE_ID_START = /[\p{L}\p{Nl}]/u;
const UNICODE_ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
// Only reached for non-ASCII characters, which are rare in source code.
function isUnicodeIdChar(c: number, cont: boolean): boolean {
  const s = String.fromCodePoint(c);
  return (cont ? UNICODE_ID_CONTINUE : UNICODE_ID_START).test(s);
}

export function lex(file: SourceFile, diags: DiagnosticBag): LexResult {
  const src = file.text;
  const n = src.length;
  const fid = file.id;
  const docs: DocComment[] = [];
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  // A shebang line (`#!/...`, not `#![`) is skipped as rustc does.
  if (src.startsWith('#!', i) && src.charCodeAt(i + 2) !== 91 /* [ */) {
    while (i < n && src.charCodeAt(i) !== 10) i++;
  }
  let head: Token | undefined;
  let tail: Token | undefined;
  let count = 0;
  let space = true;
  let prevKind: T = T.Eof;

  const push = (kind: T, start: number, end: number, text?: string): void => {
    const t = new Token(kind, text ?? src.slice(start, end), start, end, file, space);
    if (tail) tail.next = t;
    else head = t;
    tail = t;
    count++;
    space = false;
    prevKind = kind;
  };
  const err = (code: string, msg: string, start: number, end: number, label = '') =>
    diags.error(code, msg, { file: fid, start, end }, label);

  while (i < n) {
    const c = src.charCodeAt(i);
    const cls = c < 128 ? CLASS[c] : C_OTHER;

    if (cls === C_SPACE) {
      i++;
      space = true;
      continue;
    }

    if (cls === C_IDSTART) {
      // Prefixed literals: b'x', b"..", br"..", r"..", r#"..."#, raw identifiers r#name.
      if (c === 98 /* b */ || c === 114 /* r */) {
        const c1 = src.charCodeAt(i + 1);
        if (c === 98 && c1 === 39 /* ' */) { i = lexChar(i, i + 1, true); continue; }
        if (c === 98 && c1 === 34 /* " */) { i = lexString(i, i + 1, true); continue; }
        if (c === 98 && c1 === 114 && (src.charCodeAt(i + 2) === 34 || src.charCodeAt(i + 2) === 35)) {
          const end = lexRawString(i, i + 2, true);
          if (end >= 0) { i = end; continue; }
        }
        if (c === 114 && (c1 === 34 || c1 === 35)) {
          const end = lexRawString(i, i + 1, false);
          if (end >= 0) { i = end; continue; }
          // r#ident: a raw identifier (keywords usable as names).
          if (c1 === 35 && i + 2 < n && isIdStartAt(i + 2)) {
            let j = i + 2;
            while (j < n && isIdContinue(src.charCodeAt(j))) j++;
            push(T.Ident, i, j, src.slice(i + 2, j));
            i = j;
            continue;
          }
        }
      }
      let j = i + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (d < 128 ? CLASS[d] === C_IDSTART || CLASS[d] === C_DIGIT : isUnicodeIdChar(d, true)) j++;
        else break;
      }
      const text = src.slice(i, j);
      if (j === i + 1 && c === 95 /* _ */) push(T.Underscore, i, j, text);
      else push(KEYWORDS.get(text) ?? T.Ident, i, j, text);
      i = j;
      continue;
    }

    if (cls === C_DIGIT) {
      i = lexNumber(i);
      continue;
    }

    if (cls === C_PUNCT) {
      const c1 = i + 1 < n ? src.charCodeAt(i + 1) : 0;
      const c2 = i + 2 < n ? src.charCodeAt(i + 2) : 0;
      if (c === 47 /* / */ && (c1 === 47 || c1 === 42)) {
        i = c1 === 47 ? lexLineComment(i) : lexBlockComment(i);
        space = true;
        continue;
      }
      let kind: T;
      let len = 1;
      switch (c) {
        case 43: kind = c1 === 61 ? (len = 2, T.PlusEq) : T.Plus; break; // +
        case 45: kind = c1 === 61 ? (len = 2, T.MinusEq) : c1 === 62 ? (len = 2, T.RArrow) : T.Minus; break; // -
        case 42: kind = c1 === 61 ? (len = 2, T.StarEq) : T.Star; break; // *
        case 47: kind = c1 === 61 ? (len = 2, T.SlashEq) : T.Slash; break; // /
        case 37: kind = c1 === 61 ? (len = 2, T.PercentEq) : T.Percent; break; // %
        case 94: kind = c1 === 61 ? (len = 2, T.CaretEq) : T.Caret; break; // ^
        case 33: kind = c1 === 61 ? (len = 2, T.Ne) : T.Bang; break; // !
        case 38: kind = c1 === 38 ? (len = 2, T.AndAnd) : c1 === 61 ? (len = 2, T.AmpEq) : T.Amp; break; // &
        case 124: kind = c1 === 124 ? (len = 2, T.OrOr) : c1 === 61 ? (len = 2, T.PipeEq) : T.Pipe; break; // |
        case 61: kind = c1 === 61 ? (len = 2, T.EqEq) : c1 === 62 ? (len = 2, T.FatArrow) : T.Eq; break; // =
        case 60: // <
          if (c1 === 60) kind = c2 === 61 ? (len = 3, T.ShlEq) : (len = 2, T.Shl);
          else kind = c1 === 61 ? (len = 2, T.Le) : T.Lt;
          break;
        case 62: // >
          if (c1 === 62) kind = c2 === 61 ? (len = 3, T.ShrEq) : (len = 2, T.Shr);
          else kind = c1 === 61 ? (len = 2, T.Ge) : T.Gt;
          break;
        case 46: // .
          if (c1 === 46) kind = c2 === 46 ? (len = 3, T.DotDotDot) : c2 === 61 ? (len = 3, T.DotDotEq) : (len = 2, T.DotDot);
          else kind = T.Dot;
          break;
        case 58: kind = c1 === 58 ? (len = 2, T.PathSep) : T.Colon; break; // :
        case 64: kind = T.At; break;
        case 44: kind = T.Comma; break;
        case 59: kind = T.Semi; break;
        case 35: kind = T.Pound; break;
        case 36: kind = T.Dollar; break;
        case 63: kind = T.Question; break;
        case 126: kind = T.Tilde; break;
        case 123: kind = T.LBrace; break;
        case 125: kind = T.RBrace; break;
        case 91: kind = T.LBracket; break;
        case 93: kind = T.RBracket; break;
        case 40: kind = T.LParen; break;
        default: kind = T.RParen; break; // 41
      }
      push(kind, i, i + len, KIND_TEXT[kind]);
      i += len;
      continue;
    }

    if (c === 39 /* ' */) { i = lexQuote(i); continue; }
    if (c === 34 /* " */) { i = lexString(i, i, false); continue; }

    // Non-ASCII identifier, or a stray character.
    const cp = src.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (c >= 128 && isUnicodeIdChar(cp, false)) {
      let j = i + w;
      while (j < n) {
        const d = src.codePointAt(j)!;
        if (!isIdContinue(d)) break;
        j += d > 0xffff ? 2 : 1;
      }
      push(T.Ident, i, j);
      i = j;
      continue;
    }
    if (c >= 128 && (cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200b) || cp === 0x3000 || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff)) {
      err('E0004', `unknown start of token: Unicode whitespace U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, i, i + w, 'not ASCII whitespace')
        .help('replace it with a plain space');
      i += w;
      space = true;
      continue;
    }
    const look = lookalike(cp);
    const b = err('E0004', `unknown start of token: ${describeChar(cp)}`, i, i + w);
    if (look) {
      b.help(`Unicode character '${String.fromCodePoint(cp)}' (${look.name}) looks like '${look.ascii}' but it is not`);
      b.suggest(`replace it with '${look.ascii}'`, { file: fid, start: i, end: i + w }, look.ascii);
    }
    i += w;
    space = true;
  }

  push(T.Eof, n, n, '');
  return { first: head!, docs, tokenCount: count };

  // ------------------------------------------------------------ helpers

  function isIdStartAt(p: number): boolean {
    const d = src.charCodeAt(p);
    return d < 128 ? CLASS[d] === C_IDSTART : isUnicodeIdChar(src.codePointAt(p)!, false);
  }

  function lexLineComment(start: number): number {
    let j = start + 2;
    while (j < n && src.charCodeAt(j) !== 10) j++;
    const c2 = src.charCodeAt(start + 2);
    // `///` (but not `////`) is an outer doc comment; `//!` an inner one.
    if ((c2 === 47 && src.charCodeAt(start + 3) !== 47) || c2 === 33) {
      let text = src.slice(start + 3, j);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      docs.push({ inner: c2 === 33, text: text.startsWith(' ') ? text.slice(1) : text, span: { file: fid, start, end: j } });
    }
    return j;
  }

  function lexBlockComment(start: number): number {
    let depth = 1;
    let j = start + 2;
    while (j < n && depth > 0) {
      const d = src.charCodeAt(j);
      if (d === 47 && src.charCodeAt(j + 1) === 42) { depth++; j += 2; }
      else if (d === 42 && src.charCodeAt(j + 1) === 47) { depth--; j += 2; }
      else j++;
    }
    if (depth > 0) {
      err('E0005', 'unterminated block comment', start, start + 2, 'comment starts here')
        .note(depth > 1 ? `${depth} nested comments are still open at the end of the file` : 'block comments nest: every `/*` needs its own `*/`');
      return n;
    }
    const c2 = src.charCodeAt(start + 2);
    const c3 = src.charCodeAt(start + 3);
    // `/** */` (not `/**/` or `/***`) is outer doc; `/*! */` inner.
    const outer = c2 === 42 && c3 !== 42 && c3 !== 47;
    if (outer || c2 === 33) {
      docs.push({ inner: c2 === 33, text: src.slice(start + 3, j - 2).trim(), span: { file: fid, start, end: j } });
    }
    return j;
  }

  function lexNumber(start: number): number {
    let j = start;
    let base = 10;
    const c1 = src.charCodeAt(start + 1);
    if (src.charCodeAt(start) === 48 /* 0 */ && (c1 === 120 || c1 === 111 || c1 === 98)) {
      base = c1 === 120 ? 16 : c1 === 111 ? 8 : 2;
      j += 2;
    }
    const digitsStart = j;
    let digits = 0;
    let badDigit = -1;
    for (; j < n; j++) {
      const d = src.charCodeAt(j);
      if (d === 95 /* _ */) continue;
      let v: number;
      if (d >= 48 && d <= 57) v = d - 48;
      else if (base === 16 && ((d >= 97 && d <= 102) || (d >= 65 && d <= 70))) v = (d | 32) - 87;
      else break;
      if (v >= base && badDigit < 0) badDigit = j;
      digits++;
    }
    let isFloat = false;
    // `1.5` is a float; `1..2`, `1.max(2)` and `t.0.1` are not.
    if (base === 10 && prevKind !== T.Dot && src.charCodeAt(j) === 46 && src.charCodeAt(j + 1) >= 48 && src.charCodeAt(j + 1) <= 57) {
      isFloat = true;
      j++;
      while (j < n && ((src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) || src.charCodeAt(j) === 95)) j++;
    }
    const suffixStart = j;
    while (j < n && isIdContinue(src.charCodeAt(j))) j++;
    const suffix = src.slice(suffixStart, j);
    if (isFloat || (base === 10 && (suffix === 'f32' || suffix === 'f64' || /^e[+-]?\d/.test(suffix)))) {
      err('E0008', 'floating-point literals are not supported', start, j, 'floating-point literal')
        .note('Orizon v0.1 has integer types only; scale values to fixed-point integers instead');
    } else if (digits === 0) {
      err('E0006', `no valid digits found for number`, start, j, base === 16 ? 'hexadecimal literal needs digits after `0x`' : base === 8 ? 'octal literal needs digits after `0o`' : 'binary literal needs digits after `0b`');
    } else if (badDigit >= 0) {
      err('E0006', `invalid digit for a base ${base} literal`, badDigit, badDigit + 1, `not a base ${base} digit`);
    } else if (suffix !== '' && !INT_SUFFIXES.has(suffix)) {
      const b = err('E0007', `invalid suffix \`${suffix}\` for number literal`, suffixStart, j, 'invalid suffix')
        .help('the suffix must be one of the integer types: u8, u16, u32, u64, usize, i8, i16, i32, i64, isize');
      if (suffix === 'u128' || suffix === 'i128') b.note('Orizon v0.1 has no 128-bit integer types');
    }
    void digitsStart;
    push(T.Int, start, j);
    return j;
  }

  /** `'` starts a lifetime/label (`'a`) or a char literal (`'a'`, `'\n'`). */
  function lexQuote(start: number): number {
    const c1 = src.charCodeAt(start + 1);
    if (start + 1 < n && c1 !== 92 /* \ */ && isIdStartAt(start + 1)) {
      const w1 = (src.codePointAt(start + 1)! > 0xffff) ? 2 : 1;
      if (src.charCodeAt(start + 1 + w1) !== 39) {
        let j = start + 1 + w1;
        while (j < n && isIdContinue(src.charCodeAt(j))) j++;
        if (src.charCodeAt(j) !== 39) {
          push(T.Lifetime, start, j);
          return j;
        }
      }
    }
    return lexChar(start, start, false);
  }

  /** Char `'x'` (quote at `q`) or byte `b'x'`. Returns the end offset. */
  function lexChar(start: number, q: number, isByte: boolean): number {
    let j = q + 1;
    const what = isByte ? 'byte' : 'character';
    if (src.charCodeAt(j) === 39) {
      err('E0009', `empty ${what} literal`, start, j + 1, `empty ${what} literal`);
      push(isByte ? T.Byte : T.Char, start, j + 1);
      return j + 1;
    }
    if (j >= n || src.charCodeAt(j) === 10) {
      err('E0002', `unterminated ${what} literal`, start, j, 'literal starts here');
      push(isByte ? T.Byte : T.Char, start, j);
      return j;
    }
    if (src.charCodeAt(j) === 92) {
      j = checkEscape(j, isByte ? 'byte' : 'char');
    } else {
      const cp = src.codePointAt(j)!;
      if (isByte && cp > 127) err('E0011', 'non-ASCII character in byte literal', j, j + (cp > 0xffff ? 2 : 1), 'must be ASCII').help(`use a \\xHH escape for byte values above 0x7F`);
      j += cp > 0xffff ? 2 : 1;
    }
    if (src.charCodeAt(j) !== 39) {
      // Find a closing quote on the same line: `'ab'` is a string mistaken for a char.
      let k = j;
      while (k < n && src.charCodeAt(k) !== 39 && src.charCodeAt(k) !== 10) k++;
      if (src.charCodeAt(k) === 39) {
        err('E0012', `${what} literal may only contain one character`, start, k + 1)
          .suggest('if you meant to write a string literal, use double quotes', { file: fid, start, end: k + 1 }, `${isByte ? 'b' : ''}"${src.slice(q + 1, k).replace(/"/g, '\\"')}"`);
        push(isByte ? T.Byte : T.Char, start, k + 1);
        return k + 1;
      }
      err('E0002', `unterminated ${what} literal`, start, j, 'literal starts here')
        .help(`add a closing \`'\``);
      push(isByte ? T.Byte : T.Char, start, j);
      return j;
    }
    push(isByte ? T.Byte : T.Char, start, j + 1);
    return j + 1;
  }

  /** Validates one escape at `j` (a backslash); returns the offset after it. */
  function checkEscape(j: number, ctx: 'char' | 'byte' | 'str' | 'bytestr'): number {
    const r = scanEscape(src, j, ctx === 'byte' || ctx === 'bytestr');
    if (r.error) {
      const b = err(r.error.code, r.error.message, r.error.start, r.error.end, r.error.label);
      if (r.error.help) b.help(r.error.help);
    }
    return r.end;
  }

  function lexString(start: number, q: number, isByte: boolean): number {
    let j = q + 1;
    for (;;) {
      if (j >= n) {
        err('E0001', `unterminated ${isByte ? 'byte ' : ''}string literal`, start, q + 1, 'string starts here')
          .help('add a closing `"`');
        push(isByte ? T.ByteStr : T.Str, start, n);
        return n;
      }
      const d = src.charCodeAt(j);
      if (d === 34) break;
      if (d === 92) { j = checkEscape(j, isByte ? 'bytestr' : 'str'); continue; }
      if (isByte && d > 127) {
        const cp = src.codePointAt(j)!;
        err('E0011', 'non-ASCII character in byte string literal', j, j + (cp > 0xffff ? 2 : 1), 'must be ASCII').help('use a \\xHH escape for byte values above 0x7F');
        j += cp > 0xffff ? 2 : 1;
        continue;
      }
      j++;
    }
    push(isByte ? T.ByteStr : T.Str, start, j + 1);
    return j + 1;
  }

  /** `r"..."`, `r#"..."#`, `br"..."`; `p` points at the first `#` or `"`. Returns -1 if not a raw string. */
  function lexRawString(start: number, p: number, isByte: boolean): number {
    let hashes = 0;
    let j = p;
    while (src.charCodeAt(j) === 35) { hashes++; j++; }
    if (src.charCodeAt(j) !== 34) return -1;
    j++;
    for (;;) {
      if (j >= n) {
        err('E0001', `unterminated raw ${isByte ? 'byte ' : ''}string literal`, start, p + hashes + 1, 'raw string starts here')
          .help(`close it with \`"${'#'.repeat(hashes)}\``);
        push(isByte ? T.ByteStr : T.Str, start, n);
        return n;
      }
      if (src.charCodeAt(j) === 34) {
        let k = 0;
        while (k < hashes && src.charCodeAt(j + 1 + k) === 35) k++;
        if (k === hashes) { j += 1 + hashes; break; }
      }
      j++;
    }
    push(isByte ? T.ByteStr : T.Str, start, j);
    return j;
  }
}

function describeChar(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 32 || cp === 127) return `control character ${hex}`;
  return `'${String.fromCodePoint(cp)}' (${hex})`;
}
