// One entry of the error-code table: what `orizon explain CODE` prints and what
// docs/errors.md lists. Codes are grouped by phase, each phase in its own file:
//   E0001-E0099 lexer, E0100-E0299 parser, E0300-E0699 semantics,
//   E0700-E0899 back ends and linking; W0001-W0099 lexer/parser warnings,
//   W0100-W0299 semantic warnings.
// A code, once published, keeps its meaning: retire a code rather than reuse it.
export interface ErrorCodeInfo {
  code: string;
  /** Short title, as in the first line of the diagnostic. */
  title: string;
  /** What the error means and how to fix it (plain text, a few sentences). */
  explanation: string;
  /** A program that triggers the diagnostic. */
  wrong: string;
  /** The same program, fixed. */
  fixed: string;
}

/** An inclusive range of code numbers, e.g. E0001-E0099. */
export interface CodeRange {
  prefix: 'E' | 'W';
  from: number;
  to: number;
}

/** The codes of one phase, and the ranges that phase may use. */
export interface CodeGroup {
  /** Heading in docs/errors.md, e.g. "Lexical errors". */
  name: string;
  ranges: readonly CodeRange[];
  codes: readonly ErrorCodeInfo[];
}

/** `E0001`, `W0123`: a capital letter and exactly four digits. */
export const CODE_PATTERN = /^[EW]\d{4}$/;
