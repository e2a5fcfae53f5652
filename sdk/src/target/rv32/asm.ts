// Source text -> statements, for GNU RISC-V assembly syntax.
//
//   file      = { line "\n" }
//   line      = statement { ";" statement }          ";" separates statements
//   statement = { label ":" } [ directive | instruction ]
//   label     = symbol | digits                      digits: numeric local label
//   directive = "." name [ args ] | symbol "=" expr    (the latter is .set)
//   instruction = mnemonic [ operands ]
//
// Comments: `#` to end of line, and C-style `/* ... */` (may span lines).
// Quotes are respected when looking for comments and separators, so
// `.ascii "a;b#c"` is one statement.

export type Statement =
  | { kind: 'label'; name: string; line: number }
  | { kind: 'insn'; mn: string; operands: string; line: number; text: string }
  | { kind: 'dir'; name: string; args: string; line: number; text: string }
  | { kind: 'error'; line: number; message: string };

/** Removes comments, keeping line structure (a block comment's newlines stay). */
function stripComments(src: string): string {
  let out = '';
  let quote = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      out += c;
      if (c === '\\' && i + 1 < src.length) out += src[++i];
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') {
      quote = true;
      out += c;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      if (i < src.length) out += '\n';
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const body = src.slice(i, end < 0 ? src.length : end + 2);
      out += body.replace(/[^\n]/g, '') || ' ';
      i = end < 0 ? src.length : end + 1;
    } else if (c === '\n') {
      out += c;
      quote = false;
    } else out += c;
  }
  return out;
}

/** Splits a line at `;` outside quotes. */
function splitStatements(line: string): string[] {
  const parts: string[] = [];
  let quote = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === ';') {
      parts.push(line.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(line.slice(start));
  return parts;
}

const LABEL = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)\s*:(?!=)/;
const WORD = /^([A-Za-z_.$][A-Za-z0-9_.$]*)/;

/** Parses a whole source file (or an `asm!` template) into statements. */
export function parseSource(src: string, firstLine = 1): Statement[] {
  const out: Statement[] = [];
  const lines = stripComments(src).split('\n');
  lines.forEach((raw, idx) => {
    const line = firstLine + idx;
    for (let part of splitStatements(raw)) {
      let m: RegExpExecArray | null;
      while ((m = LABEL.exec(part))) {
        out.push({ kind: 'label', name: m[1]!, line });
        part = part.slice(m[0].length);
      }
      const text = part.trim();
      if (text === '') continue;
      const w = WORD.exec(text);
      if (!w) {
        out.push({ kind: 'error', line, message: `cannot parse \`${text}\`` });
        continue;
      }
      const rest = text.slice(w[1]!.length).trim();
      // GNU as ignores the case of directive names and mnemonics (not of registers).
      if (w[1]!.startsWith('.')) out.push({ kind: 'dir', name: w[1]!.toLowerCase(), args: rest, line, text });
      else if (rest.startsWith('=') && !rest.startsWith('==')) out.push({ kind: 'dir', name: '.set', args: `${w[1]}, ${rest.slice(1)}`, line, text });
      else out.push({ kind: 'insn', mn: w[1]!.toLowerCase(), operands: rest, line, text });
    }
  });
  return out;
}

/** Parses a string literal starting at `s[0] == '"'`; returns bytes and the rest. */
export function parseString(s: string): { bytes: number[]; rest: string } {
  if (s[0] !== '"') throw new Error(`expected a string, got \`${s}\``);
  const bytes: number[] = [];
  let i = 1;
  for (; i < s.length && s[i] !== '"'; i++) {
    let c = s[i]!;
    if (c === '\\') {
      const e = s[++i] ?? '';
      if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(s.slice(i))![0];
        bytes.push(parseInt(m, 8) & 0xff);
        i += m.length - 1;
        continue;
      }
      if (e === 'x') {
        const m = /^[0-9a-fA-F]+/.exec(s.slice(i + 1))?.[0] ?? '';
        bytes.push(parseInt(m || '0', 16) & 0xff);
        i += m.length;
        continue;
      }
      c = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\\': '\\', '"': '"' } as Record<string, string>)[e] ?? e;
    }
    for (const b of new TextEncoder().encode(c)) bytes.push(b);
  }
  if (s[i] !== '"') throw new Error('unterminated string');
  return { bytes, rest: s.slice(i + 1).trim() };
}
