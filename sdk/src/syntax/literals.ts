// Literal helpers shared by the lexer (validation, with diagnostics) and the
// parser (decoding token text into values). Decoding assumes the lexer already
// reported any error and returns a best-effort value for malformed text.

export const INT_SUFFIXES: ReadonlySet<string> = new Set([
  'u8', 'u16', 'u32', 'u64', 'usize', 'i8', 'i16', 'i32', 'i64', 'isize',
]);

export interface EscapeError {
  code: string;
  message: string;
  start: number;
  end: number;
  label: string;
  help?: string;
}

export interface EscapeScan {
  /** Offset after the escape. */
  end: number;
  /** Decoded code point (or byte); -1 for a line continuation or an error. */
  value: number;
  error?: EscapeError;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/**
 * Scans the escape starting at `src[j] === '\\'`. `byteCtx`: inside a byte or
 * byte-string literal (`\x` may exceed 0x7F; `\u{}` is not allowed).
 */
export function scanEscape(src: string, j: number, byteCtx: boolean): EscapeScan {
  const c = src.charCodeAt(j + 1);
  switch (c) {
    case 110: return { end: j + 2, value: 10 }; // \n
    case 114: return { end: j + 2, value: 13 }; // \r
    case 116: return { end: j + 2, value: 9 }; // \t
    case 92: return { end: j + 2, value: 92 }; // \\
    case 48: return { end: j + 2, value: 0 }; // \0
    case 39: return { end: j + 2, value: 39 }; // \'
    case 34: return { end: j + 2, value: 34 }; // \"
    case 10: case 13: { // line continuation: skip the newline and leading whitespace
      let k = j + 1;
      while (k < src.length) {
        const d = src.charCodeAt(k);
        if (d === 32 || d === 9 || d === 10 || d === 13) k++;
        else break;
      }
      return { end: k, value: -1 };
    }
    case 120: { // \xHH
      const h1 = hexVal(src.charCodeAt(j + 2));
      const h2 = hexVal(src.charCodeAt(j + 3));
      if (h1 < 0 || h2 < 0) {
        const end = h1 < 0 ? j + 2 : j + 3;
        return { end, value: -1, error: { code: 'E0010', message: 'numeric character escape is too short', start: j, end, label: '', help: 'a `\\x` escape needs exactly two hex digits, e.g. `\\x7F`' } };
      }
      const v = h1 * 16 + h2;
      if (!byteCtx && v > 0x7f) {
        return { end: j + 4, value: v, error: { code: 'E0010', message: 'out of range hex escape', start: j, end: j + 4, label: 'must be a character in the range [\\x00-\\x7f]', help: `use \\u{${v.toString(16).toUpperCase()}} for the character U+${v.toString(16).toUpperCase().padStart(4, '0')}, or a byte literal for a raw byte` } };
      }
      return { end: j + 4, value: v };
    }
    case 117: { // \u{HHHHHH}
      if (byteCtx) {
        const close = src.indexOf('}', j);
        const end = close > 0 && close - j < 12 ? close + 1 : j + 2;
        return { end, value: -1, error: { code: 'E0010', message: 'unicode escape in byte string', start: j, end, label: 'unicode escape in byte string', help: 'byte literals hold single bytes: use `\\xHH`' } };
      }
      if (src.charCodeAt(j + 2) !== 123) {
        return { end: j + 2, value: -1, error: { code: 'E0010', message: 'incorrect unicode escape sequence', start: j, end: j + 2, label: '', help: 'format of unicode escape sequences is `\\u{...}`' } };
      }
      let k = j + 3;
      let v = 0;
      let digits = 0;
      while (k < src.length) {
        const d = src.charCodeAt(k);
        if (d === 95) { k++; continue; }
        const h = hexVal(d);
        if (h < 0) break;
        v = v * 16 + h;
        digits++;
        k++;
      }
      if (src.charCodeAt(k) !== 125 || digits === 0) {
        return { end: k, value: -1, error: { code: 'E0010', message: digits === 0 ? 'empty unicode escape' : 'unterminated unicode escape', start: j, end: k, label: '', help: 'format of unicode escape sequences is `\\u{...}`, e.g. `\\u{1F600}`' } };
      }
      k++;
      if (digits > 6 || v > 0x10ffff) {
        return { end: k, value: -1, error: { code: 'E0010', message: 'invalid unicode character escape', start: j, end: k, label: 'must be at most 10FFFF', help: '' } };
      }
      if (v >= 0xd800 && v <= 0xdfff) {
        return { end: k, value: -1, error: { code: 'E0010', message: 'invalid unicode character escape', start: j, end: k, label: 'must not be a surrogate', help: '' } };
      }
      return { end: k, value: v };
    }
    default: {
      const cp = src.codePointAt(j + 1);
      const w = cp === undefined ? 1 : cp > 0xffff ? 3 : 2;
      const shown = cp === undefined ? '' : String.fromCodePoint(cp);
      return { end: j + w, value: -1, error: { code: 'E0003', message: `unknown character escape: \`${shown}\``, start: j, end: j + w, label: 'unknown character escape', help: 'the escapes are \\n \\r \\t \\\\ \\0 \\\' \\" \\xHH and \\u{...}; for a literal backslash write `\\\\`' } };
    }
  }
}

/** Integer literal text (with `_`, base prefix, optional suffix) → value and suffix. */
export function parseIntLit(text: string): { value: bigint; suffix: string | null } {
  let i = 0;
  let base = 10n;
  if (text.length > 1 && text.charCodeAt(0) === 48) {
    const c1 = text.charCodeAt(1);
    if (c1 === 120) { base = 16n; i = 2; }
    else if (c1 === 111) { base = 8n; i = 2; }
    else if (c1 === 98) { base = 2n; i = 2; }
  }
  // Fast path: short decimal literals without separators fit in a double exactly.
  let value = 0n;
  let small = 0;
  let useSmall = base === 10n;
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 95) continue;
    const h = hexVal(c);
    if (h < 0 || (base !== 16n && h > 9)) break;
    if (BigInt(h) >= base) break;
    if (useSmall) {
      small = small * 10 + h;
      if (small > Number.MAX_SAFE_INTEGER / 16) { useSmall = false; value = BigInt(small); }
    } else {
      value = value * base + BigInt(h);
    }
  }
  if (useSmall) value = BigInt(small);
  // Skip a fractional part (already reported) so the suffix is found.
  while (j < text.length && (text.charCodeAt(j) === 46 || (text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) || text.charCodeAt(j) === 95)) j++;
  const suffix = text.slice(j);
  return { value, suffix: suffix === '' ? null : suffix };
}

function decodeBody(text: string, from: number, to: number, byteCtx: boolean, out: number[]): void {
  let j = from;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      const r = scanEscape(text, j, byteCtx);
      if (r.value >= 0) out.push(r.value);
      j = Math.max(r.end, j + 1);
    } else if (c === 13 && text.charCodeAt(j + 1) === 10) {
      j++; // CRLF inside a string reads as LF, as in Rust
    } else {
      const cp = text.codePointAt(j)!;
      out.push(cp);
      j += cp > 0xffff ? 2 : 1;
    }
  }
}

/** `r"..."`/`r#"..."#` (with optional `b` prefix already removed): the body. */
function rawBody(text: string, p: number): string {
  let hashes = 0;
  while (text.charCodeAt(p + 1 + hashes) === 35) hashes++;
  const start = p + 2 + hashes;
  const end = Math.max(start, text.length - 1 - hashes);
  return text.slice(start, end);
}

export function decodeStr(text: string): string {
  if (text.charCodeAt(0) === 114) return rawBody(text, 0);
  const out: number[] = [];
  const end = text.length > 1 && text.endsWith('"') ? text.length - 1 : text.length;
  decodeBody(text, 1, end, false, out);
  return String.fromCodePoint(...out);
}

export function decodeByteStr(text: string): number[] {
  if (text.charCodeAt(1) === 114) return [...rawBody(text, 1)].map((ch) => ch.codePointAt(0)! & 0xff);
  const out: number[] = [];
  const end = text.length > 2 && text.endsWith('"') ? text.length - 1 : text.length;
  decodeBody(text, 2, end, true, out);
  return out;
}

export function decodeChar(text: string): number {
  const out: number[] = [];
  const end = text.length > 1 && text.endsWith("'") ? text.length - 1 : text.length;
  decodeBody(text, 1, end, false, out);
  return out[0] ?? 0;
}

export function decodeByte(text: string): number {
  const out: number[] = [];
  const end = text.length > 2 && text.endsWith("'") ? text.length - 1 : text.length;
  decodeBody(text, 2, end, true, out);
  return (out[0] ?? 0) & 0xff;
}

/** Unicode characters that look like ASCII punctuation (a common paste slip). */
const LOOKALIKES: ReadonlyMap<number, { ascii: string; name: string }> = new Map([
  [0x201c, { ascii: '"', name: 'Left Double Quotation Mark' }],
  [0x201d, { ascii: '"', name: 'Right Double Quotation Mark' }],
  [0x2018, { ascii: "'", name: 'Left Single Quotation Mark' }],
  [0x2019, { ascii: "'", name: 'Right Single Quotation Mark' }],
  [0x2013, { ascii: '-', name: 'En Dash' }],
  [0x2014, { ascii: '-', name: 'Em Dash' }],
  [0x2212, { ascii: '-', name: 'Minus Sign' }],
  [0xff1b, { ascii: ';', name: 'Fullwidth Semicolon' }],
  [0x037e, { ascii: ';', name: 'Greek Question Mark' }],
  [0xff08, { ascii: '(', name: 'Fullwidth Left Parenthesis' }],
  [0xff09, { ascii: ')', name: 'Fullwidth Right Parenthesis' }],
  [0xff0c, { ascii: ',', name: 'Fullwidth Comma' }],
  [0xff1a, { ascii: ':', name: 'Fullwidth Colon' }],
  [0xd7, { ascii: '*', name: 'Multiplication Sign' }],
  [0x2044, { ascii: '/', name: 'Fraction Slash' }],
]);

export function lookalike(cp: number): { ascii: string; name: string } | undefined {
  return LOOKALIKES.get(cp);
}
