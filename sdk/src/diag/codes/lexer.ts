import type { ErrorCodeInfo } from './types.ts';

/** Lexical errors (E0001-E0099). */
export const LEXER_CODES: readonly ErrorCodeInfo[] = [];
