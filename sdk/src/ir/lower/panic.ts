// Panics: every run-time check lowers to a conditional branch into a block
// that calls a no-return runtime function with a Location (file, line,
// column) and ends in `unreachable`. Inside `#[track_caller]` functions the
// location is the hidden parameter the caller passed, as in Rust.
import type { Value } from '../ir.ts';
import type { Span } from '../../diag/source.ts';
import type { FnLower } from './fn.ts';

/** Pointer to the Location a panic at `span` reports. */
export function location(fx: FnLower, span: Span | null): Value {
  if (fx.callerLoc !== null) return fx.callerLoc;
  return fx.sym(fx.m.location(span));
}

/** Panics with a constant message; ends the current block. */
export function panicMsg(fx: FnLower, msg: string, span: Span | null): void {
  const s = fx.m.str(msg);
  fx.noReturnCall(fx.m.requireRuntime('__orizon_panic'), [fx.sym(s.symbol), fx.c('i32', s.len), location(fx, span)]);
}

/** Panics with `msg` when `bad` (an i8 0/1) is true; continues in a new block otherwise. */
export function checkOrPanic(fx: FnLower, bad: Value, msg: string, span: Span | null): void {
  fx.guard(bad, () => panicMsg(fx, msg, span));
}

/** Rust's overflow messages by operation. */
export const OVERFLOW_MSG = {
  add: 'attempt to add with overflow',
  sub: 'attempt to subtract with overflow',
  mul: 'attempt to multiply with overflow',
  neg: 'attempt to negate with overflow',
  shl: 'attempt to shift left with overflow',
  shr: 'attempt to shift right with overflow',
  div0: 'attempt to divide by zero',
  rem0: 'attempt to calculate the remainder with a divisor of zero',
  divOvf: 'attempt to divide with overflow',
  remOvf: 'attempt to calculate the remainder with overflow',
} as const;
