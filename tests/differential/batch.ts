// Several generated programs in one source file, so rustc and Orizon each pay
// their fixed costs (rustc's link, the compiler's start-up) once per batch.
//
// The items of every program come first, in the same lines in the Rust file and
// in every Orizon file made from the batch; only `main`, at the end, differs.
// So a panic location (line:col) means the same place on both sides.
// - Rust: `main` runs the program whose index is the first command-line
//   argument, so rustc's expectations are taken program by program.
// - Orizon: `main` calls the chosen programs in the given order; the items of
//   programs left out can be blanked (same line numbers, less to compile).
import type { SmallProgram } from '../gen/small.ts';

export interface Batch {
  programs: SmallProgram[];
  /** 1-based line ranges [first, last] of each program's items. */
  ranges: [number, number][];
  /** Lines of the shared part (header and items). */
  lines: string[];
}

export function makeBatch(programs: SmallProgram[]): Batch {
  const lines = [`// Differential test batch: seeds ${programs.map((p) => p.seed).join(', ')} (tests/gen/small.ts).`];
  const ranges: [number, number][] = [];
  for (const p of programs) {
    const first = lines.length + 1;
    lines.push(...p.items.split('\n'));
    ranges.push([first, lines.length]);
  }
  return { programs, ranges, lines };
}

/** Index of the program whose items contain 1-based `line`, or -1 (header, main). */
export function programAt(b: Batch, line: number): number {
  return b.ranges.findIndex(([a, z]) => line >= a && line <= z);
}

export function rustSource(b: Batch): string {
  const main = ['fn main() {', '    let sel: i64 = match std::env::args().nth(1) {', '        Some(s) => s.parse().unwrap(),', '        None => -1,', '    };'];
  b.programs.forEach((p, i) => main.push(`    if sel < 0 || sel == ${i} {`, `        ${p.call};`, '    }'));
  main.push('}');
  return [...b.lines, ...main].join('\n') + '\n';
}

/** The Orizon program running programs `order` (indexes) in turn; `blankOthers` drops the items of the rest. */
export function orizonSource(b: Batch, order: number[], blankOthers: boolean): string {
  let lines = b.lines;
  if (blankOthers) {
    lines = [...lines];
    b.ranges.forEach(([a, z], i) => {
      if (!order.includes(i)) for (let l = a; l <= z; l++) lines[l - 1] = '';
    });
  }
  const main = ['fn main() {', ...order.map((i) => `    ${b.programs[i]!.call};`), '}'];
  return [...lines, ...main].join('\n') + '\n';
}
