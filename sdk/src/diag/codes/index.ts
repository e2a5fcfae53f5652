// The whole error-code table, assembled from the per-phase tables.
import type { ErrorCodeInfo } from './types.ts';
import { LEXER_CODES } from './lexer.ts';
import { PARSER_CODES } from './parser.ts';
import { CHECK_CODES } from './check.ts';

export type { ErrorCodeInfo } from './types.ts';

export const ALL_CODES: readonly ErrorCodeInfo[] = [...LEXER_CODES, ...PARSER_CODES, ...CHECK_CODES];

const BY_CODE = new Map(ALL_CODES.map((c) => [c.code, c]));

export function lookupCode(code: string): ErrorCodeInfo | undefined {
  return BY_CODE.get(code.toUpperCase());
}
