// Link failures. A link reports every problem it finds in one phase (all the
// undefined symbols, all the out-of-range relocations) before stopping, so one
// build shows the whole list; `problems` keeps them separately for tests and IDEs.
import { OrizonError } from '../util/errors.ts';

export class LinkError extends OrizonError {
  constructor(headline: string, readonly problems: readonly string[] = [], hint?: string) {
    super(problems.length === 0 ? headline : `${headline}\n${problems.map((p) => `  ${p}`).join('\n')}`, hint);
    this.name = 'LinkError';
  }
}

/** Collects problems during a phase; `throwIfAny` ends the phase with one LinkError. */
export class ProblemList {
  readonly items: string[] = [];
  private hints = new Set<string>();

  add(problem: string, hint?: string): void {
    this.items.push(problem);
    if (hint) this.hints.add(hint);
  }

  throwIfAny(headline: (n: number) => string): void {
    if (this.items.length === 0) return;
    throw new LinkError(headline(this.items.length), this.items, this.hints.size ? [...this.hints].join('; ') : undefined);
  }
}
