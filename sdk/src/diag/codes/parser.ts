import type { ErrorCodeInfo } from './types.ts';

/** Syntax errors (E0100-E0299) and syntax warnings. */
export const PARSER_CODES: readonly ErrorCodeInfo[] = [];
