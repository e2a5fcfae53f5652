// Tokens of GNU unified-syntax assembly, one statement at a time.
//
// GNU as for ARM ends a statement at a newline or `;`, and starts a comment at
// `@` (anywhere) or `//`; `/* ... */` may span lines. `splitStatements` does that
// split once, keeping 1-based line numbers for diagnostics; `lexStatement` then
// tokenizes one statement.

export type TokKind = 'id' | 'num' | 'str' | 'punct';

export interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  /** Numeric value (num) or unescaped contents (str). */
  readonly num?: number;
  readonly str?: string;
}

export interface Statement {
  readonly line: number;
  readonly text: string;
}

/** Splits source text into statements with their line numbers, dropping comments. */
export function splitStatements(src: string): Statement[] {
  const out: Statement[] = [];
  let line = 1;
  let cur = '';
  let curLine = 1;
  const flush = (): void => {
    const t = cur.trim();
    cur = '';
    if (t !== '') out.push({ line: curLine, text: t });
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (cur === '' && c !== ' ' && c !== '\t') curLine = line;
    if (c === '"') {
      // Copy a string literal verbatim so `;` and `@` inside it stay.
      let j = i + 1;
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      cur += src.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === "'") {
      // A GNU character constant (`'a` or `'\n`): its character is not a separator.
      const n = src[i + 1] === '\\' ? 3 : 2;
      cur += src.slice(i, i + n);
      i += n - 1;
      continue;
    }
    if (c === '@' || (c === '/' && src[i + 1] === '/')) {
      while (i < src.length && src[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let j = i; j < stop; j++) if (src[j] === '\n') line++;
      cur += ' ';
      i = stop - 1;
      continue;
    }
    if (c === '\n' || c === ';') {
      flush();
      if (c === '\n') line++;
      continue;
    }
    if (cur !== '' || (c !== ' ' && c !== '\t' && c !== '\r')) cur += c;
  }
  flush();
  return out;
}

const PUNCT2 = ['<<', '>>', '==', '!=', '<=', '>=', '&&', '||'];
const PUNCT1 = '#,[]{}!=:()+-*/%&|^~<>';

export class LexError extends Error {}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A-Z a-z _ . $ */
const isIdStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 36;

/** Tokens of one statement. */
export function lexStatement(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (isIdStart(c.charCodeAt(0))) {
      let j = i + 1;
      while (j < text.length && (isIdStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
      toks.push({ kind: 'id', text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (isDigit(c.charCodeAt(0))) {
      let j = i + 1;
      while (j < text.length && isAlnum(text.charCodeAt(j))) j++;
      const t = text.slice(i, j);
      // `1f` / `1b` are numeric local label references, not numbers.
      if (/^[0-9]+[fb]$/.test(t)) { toks.push({ kind: 'id', text: t }); i = j; continue; }
      toks.push({ kind: 'num', text: t, num: parseNumber(t) });
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          const e = text[j + 1] ?? '';
          const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', b: '\b', f: '\f' };
          if (/[0-7]/.test(e)) {
            let k = j + 1;
            let o = '';
            while (k < text.length && o.length < 3 && /[0-7]/.test(text[k]!)) o += text[k++];
            s += String.fromCharCode(parseInt(o, 8));
            j = k;
            continue;
          }
          s += esc[e] ?? e;
          j += 2;
        } else s += text[j++];
      }
      if (j >= text.length) throw new LexError('unterminated string');
      toks.push({ kind: 'str', text: text.slice(i, j + 1), str: s });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      // GNU character constant: 'a (optionally closed with ').
      let ch = text[i + 1];
      let len = 2;
      if (ch === '\\') { ch = { n: '\n', t: '\t', '0': '\0' }[text[i + 2] ?? ''] ?? text[i + 2]; len = 3; }
      if (ch === undefined) throw new LexError('bad character constant');
      if (text[i + len] === "'") len++;
      toks.push({ kind: 'num', text: text.slice(i, i + len), num: ch.charCodeAt(0) });
      i += len;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.includes(two)) { toks.push({ kind: 'punct', text: two }); i += 2; continue; }
    if (PUNCT1.includes(c)) { toks.push({ kind: 'punct', text: c }); i++; continue; }
    throw new LexError(`unexpected character '${c}'`);
  }
  return toks;
}

function parseNumber(t: string): number {
  const s = t.toLowerCase();
  let v: number;
  if (/^0x[0-9a-f]+$/.test(s)) v = parseInt(s.slice(2), 16);
  else if (/^0b[01]+$/.test(s)) v = parseInt(s.slice(2), 2);
  else if (/^0[0-7]+$/.test(s)) v = parseInt(s.slice(1), 8);
  else if (/^[0-9]+$/.test(s)) v = parseInt(s, 10);
  else throw new LexError(`bad number '${t}'`);
  return v;
}
