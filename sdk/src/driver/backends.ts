// Back ends by target. Each is loaded on first use, so a build pulls in only
// its own architecture's code generator.
import type { TargetName } from '../boards/board.ts';
import { OrizonError } from '../util/errors.ts';
import { BackendError, type Backend } from './backend.ts';
import type { SourceLoc } from '../ir/ir.ts';
import { thumbBackend } from '../target/thumb/backend.ts';
import { rv32Backend } from '../target/rv32/backend.ts';

export function backendFor(target: TargetName): Backend {
  switch (target) {
    case 'thumbv6m':
    case 'thumbv7m':
    case 'thumbv7em':
      return thumbBackend(target);
    case 'rv32imac':
    case 'rv32imc':
    case 'rv32i':
      return rv32Backend(target);
    default:
      throw new OrizonError(`the ${target} code generator is not available yet`, 'build for an ARM board (thumbv6m, thumbv7m, thumbv7em)');
  }
}

/** The source location of a user error a back end reported, or null for other errors. */
export function codegenErrorLoc(e: unknown): SourceLoc | undefined | null {
  return e instanceof BackendError ? e.loc : null;
}
