// The Orizon side of the differential test as a long-lived process: it builds
// programs through the driver (`build()`, the pipeline `orizon build` runs)
// without paying Node's and tsx's start-up for every program. A separate
// process rather than an in-process call, so a compiler that loops forever or
// exhausts the heap can be killed and reported without taking the test down.
//
// Protocol: one JSON `CompileRequest` per stdin line; one `@@reply <json>` line
// per request on stdout (other stdout lines are ignored by the client).
import { createInterface } from 'node:readline';
import { build } from '../../sdk/src/driver/build.ts';
import { loadBoard, type Board } from '../../sdk/src/boards/board.ts';
import { renderDiagnostics } from '../../sdk/src/diag/render.ts';

export interface CompileRequest {
  id: number;
  /** The program's root source file. */
  file: string;
  /** The ELF to write. */
  out: string;
  release: boolean;
  board: string;
}

export interface CompileError {
  code: string;
  message: string;
  line: number;
  col: number;
}

export interface CompileReply {
  id: number;
  ok: boolean;
  /** Error diagnostics, in source order. */
  errors: CompileError[];
  /** The diagnostics as `orizon build` prints them (no colour). */
  rendered: string;
  /** An exception escaped the compiler (an internal compiler error): its message and the top of its stack. */
  internal?: string;
  ms: number;
}

export const REPLY = '@@reply ';

const boards = new Map<string, Board>();

export function compile(req: CompileRequest): CompileReply {
  const t0 = performance.now();
  try {
    let board = boards.get(req.board);
    if (!board) boards.set(req.board, (board = loadBoard(req.board)));
    const r = build({ root: req.file, board, release: req.release, emit: 'elf', out: req.out });
    const ds = r.front.diags.sorted();
    const errors = ds.filter((d) => d.severity === 'error').map((d) => {
      const { line, col } = r.front.sources.get(d.primary.span.file).lineCol(d.primary.span.start);
      return { code: d.code, message: d.message, line, col };
    });
    const rendered = errors.length ? renderDiagnostics(ds.filter((d) => d.severity === 'error'), r.front.sources, { color: false }) : '';
    return { id: req.id, ok: r.ok, errors, rendered, ms: performance.now() - t0 };
  } catch (e) {
    const err = e as Error;
    const stack = (err.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim()).join('\n');
    return { id: req.id, ok: false, errors: [], rendered: '', internal: `${err.message}\n${stack}`, ms: performance.now() - t0 };
  }
}

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (!line.trim()) return;
  const reply = compile(JSON.parse(line) as CompileRequest);
  process.stdout.write(REPLY + JSON.stringify(reply) + '\n');
});
