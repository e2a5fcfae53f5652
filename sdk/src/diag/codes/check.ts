import type { ErrorCodeInfo } from './types.ts';

/** Semantic errors (E0300-E0699) and warnings (W0100-W0299). */
export const CHECK_CODES: readonly ErrorCodeInfo[] = [];
