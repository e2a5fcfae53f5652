// Errors that reach the user. Every failure is rendered as one `error: ...` line
// plus an optional `hint: ...`; stack traces only with ORIZON_DEBUG=1.
import { colorsFor } from '../util/term.ts';

/** Exit status conventions shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class OrizonError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'OrizonError';
  }
}

/** Wrong command line: unknown option, missing argument, bad value. Exit status 2. */
export class UsageError extends OrizonError {
  constructor(message: string, hint?: string) {
    super(message, hint, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

export function debugEnabled(): boolean {
  const v = process.env.ORIZON_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
}

export function printError(message: string, hint?: string): void {
  const c = colorsFor(process.stderr);
  let out = `${c.bold(c.red('error'))}: ${message}\n`;
  if (hint) out += `${c.bold(c.cyan('hint'))}: ${hint}\n`;
  process.stderr.write(out);
}

/** Renders any thrown value and returns the exit status to use. */
export function reportError(err: unknown): number {
  if (err instanceof OrizonError) {
    printError(err.message, err.hint);
    if (debugEnabled() && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  printError(`internal compiler error: ${e.message}`,
    debugEnabled() ? undefined : 'this is a bug in Orizon; rerun with ORIZON_DEBUG=1 for a stack trace and report it');
  if (debugEnabled() && e.stack) process.stderr.write(e.stack + '\n');
  return EXIT_FAILURE;
}
