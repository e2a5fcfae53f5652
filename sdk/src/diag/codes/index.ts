// The whole error-code table, assembled from the per-phase tables. Each phase owns
// its file and a range of numbers (see types.ts), so phases add codes without
// touching each other; tests/diagnostics/codes.test.ts checks the ranges, that
// every entry is complete, and that every code used in sdk/src has an entry.
import type { CodeGroup, ErrorCodeInfo } from './types.ts';
import { LEXER_CODES } from './lexer.ts';
import { PARSER_CODES } from './parser.ts';
import { CHECK_CODES } from './check.ts';
import { editDistance } from '../../util/closest.ts';

export type { CodeGroup, CodeRange, ErrorCodeInfo } from './types.ts';
export { CODE_PATTERN } from './types.ts';

export const CODE_GROUPS: readonly CodeGroup[] = [
  { name: 'Lexical errors', ranges: [{ prefix: 'E', from: 1, to: 99 }], codes: LEXER_CODES },
  {
    name: 'Syntax errors and warnings',
    ranges: [{ prefix: 'E', from: 100, to: 299 }, { prefix: 'W', from: 1, to: 99 }],
    codes: PARSER_CODES,
  },
  {
    name: 'Semantic errors and warnings',
    ranges: [{ prefix: 'E', from: 300, to: 699 }, { prefix: 'W', from: 100, to: 299 }],
    codes: CHECK_CODES,
  },
];

/** Every code, sorted: errors by number, then warnings by number. */
export const ALL_CODES: readonly ErrorCodeInfo[] = CODE_GROUPS.flatMap((g) => g.codes)
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const BY_CODE = new Map(ALL_CODES.map((c) => [c.code, c]));

/** Accepts `E0101`, `e0101`, and a bare number `0101` or `101` (meaning `E0101`). */
export function normalizeCode(code: string): string {
  const s = code.trim().toUpperCase();
  if (/^\d{1,4}$/.test(s)) return `E${s.padStart(4, '0')}`;
  return s;
}

export function lookupCode(code: string): ErrorCodeInfo | undefined {
  return BY_CODE.get(normalizeCode(code));
}

/** Up to `n` known codes nearest to a mistyped one: fewest edits first, then nearest number. */
export function closestCodes(code: string, n = 3): string[] {
  const want = normalizeCode(code);
  const num = Number(want.slice(1));
  return ALL_CODES
    .map((c) => ({
      code: c.code,
      d: editDistance(want, c.code),
      gap: Number.isNaN(num) || c.code[0] !== want[0] ? Infinity : Math.abs(Number(c.code.slice(1)) - num),
    }))
    .sort((a, b) => a.d - b.d || a.gap - b.gap)
    .slice(0, n)
    .map((x) => x.code);
}
