// Source text → checked HIR → IR module, in one call (tests, `orizon build
// --emit ir`, the differential fuzzer). Diagnostics of the front end are
// returned, not printed; a LowerError (unsupported construct) is returned as
// `error` with its span.
import type { Module } from '../ir.ts';
import type { DiagnosticBag } from '../../diag/diagnostic.ts';
import type { SourceMap } from '../../diag/source.ts';
import { parseSource } from '../../syntax/parse/index.ts';
import { checkProgram } from '../../check/index.ts';
import { lowerProgram, LowerError } from './index.ts';

export interface BuildIrOptions {
  /** Overflow checks (debug build). */
  debug: boolean;
  /** Library search path for the checker (the SDK's own `std` is always found). */
  searchPath?: string[];
}

export interface BuildIrResult {
  module: Module | null;
  diags: DiagnosticBag;
  sources: SourceMap;
  error: LowerError | null;
}

export function buildIr(path: string, text: string, opts: BuildIrOptions): BuildIrResult {
  const { ast, diags, sources } = parseSource(path, text);
  const prog = checkProgram(ast, sources, diags, { searchPath: opts.searchPath ?? [] });
  if (diags.hasErrors) return { module: null, diags, sources, error: null };
  try {
    const module = lowerProgram(prog, { debug: opts.debug, target: { ptrBytes: 4 }, sources });
    return { module, diags, sources, error: null };
  } catch (e) {
    if (e instanceof LowerError) return { module: null, diags, sources, error: e };
    throw e;
  }
}
