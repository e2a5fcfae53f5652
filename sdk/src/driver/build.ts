// `orizon build`: the whole pipeline, source to ELF.
//   front end (parse, check) → lower to IR → back end (per architecture) →
//   link with the board's start-up code and memory layout → ELF, written atomically.
//
// Every failure a user can cause comes back as diagnostics in `front.diags`
// (rendered by the caller): front-end errors, constructs the lowering does not
// support, inline assembly the encoder rejects, interrupt names the board does
// not have. Link failures and I/O errors are OrizonErrors.
import { archOf, type Board, type TargetName } from '../boards/board.ts';
import type { Module, SourceLoc } from '../ir/ir.ts';
import { lowerProgram, LowerError } from '../ir/lower/index.ts';
import { printModule } from '../ir/print.ts';
import { optimize } from '../ir/opt/index.ts';
import { link, writeExecutable, writeObject, LinkError, type LinkedImage, type ObjectFile } from '../link/index.ts';
import { DiagBuilder } from '../diag/diagnostic.ts';
import { span, type Span, type SourceMap } from '../diag/source.ts';
import { OrizonError } from '../util/errors.ts';
import { writeFileSync } from 'node:fs';
import { linkerScript } from './ldscript.ts';
import { backendFor, codegenErrorLoc } from './backends.ts';
import { librarySearchPath } from '../project/project.ts';
import { frontEnd, type FrontEndResult } from './frontend.ts';

export type EmitKind = 'elf' | 'obj' | 'asm' | 'ir';

export interface BuildRequest {
  /** Crate root source file. */
  root: string;
  board: Board;
  /** Defaults to the board's target. */
  target?: TargetName;
  release: boolean;
  emit: EmitKind;
  /** Output path for `elf`/`obj`; `asm`/`ir` go to `out` too when given, else they are returned. */
  out?: string;
  /** Library crate folders (`<dir>/<name>/lib.oriz`); default: the board's crate, then the SDK's `hal` and `std`. */
  searchPath?: string[];
}

export interface ImageSizes {
  text: number;
  data: number;
  bss: number;
}

export interface BuildResult {
  front: FrontEndResult;
  /** False when diagnostics stopped the build. */
  ok: boolean;
  /** Text for `--emit asm|ir` without `-o`. */
  text?: string;
  out?: string;
  /** `--emit obj`: the runtime object(s) and the linker script written beside the object. */
  extraOutputs?: string[];
  /** Section sizes of a linked image (`elf`). */
  sizes?: ImageSizes;
  /** Per-phase wall-clock milliseconds, for `--timings` and benchmarks. */
  timings: Record<string, number>;
}

export function build(req: BuildRequest): BuildResult {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => { const t = performance.now(); timings[name] = t - t0; t0 = t; };

  const target = req.target ?? req.board.target;
  if (archOf(target) !== req.board.arch) {
    throw new OrizonError(`target \`${target}\` does not run on board \`${req.board.id}\` (${req.board.target})`, `drop --target to use the board's, or pick a board of that architecture`, 2);
  }
  const front = frontEnd(req.root, { searchPath: req.searchPath ?? librarySearchPath(req.board.id) });
  lap('front end');
  if (front.diags.hasErrors || !front.program) return { front, ok: false, timings };

  let module: Module;
  try {
    module = lowerProgram(front.program, { debug: !req.release, target: { ptrBytes: 4 }, sources: front.sources });
  } catch (e) {
    if (e instanceof LowerError) return fail(front, e.message, e.span, timings);
    throw e;
  }
  lap('lowering');
  if (req.release) { optimize(module, { softDivide: target === 'thumbv6m' }); lap('optimisation'); }
  if (req.emit === 'ir') return { front, ok: true, text: printModule(module), timings };

  const backend = backendFor(target);
  const badIrq = checkInterrupts(module, req.board, backend.interruptNames?.(req.board) ?? null);
  if (badIrq) return fail(front, badIrq.message, locSpan(front.sources, badIrq.loc), timings);

  let compiled;
  let runtime: ObjectFile[] = [];
  try {
    compiled = backend.compileModule(module, { target, release: req.release, sourceName: front.sources.get(0).path, wantAsm: req.emit === 'asm' });
    if (req.emit === 'elf' || req.emit === 'obj') runtime = backend.runtime({ target, board: req.board, interrupts: module.interrupts });
  } catch (e) {
    const loc = codegenErrorLoc(e);
    if (loc !== null) return fail(front, (e as Error).message, locSpan(front.sources, loc), timings);
    throw e;
  }
  lap('code generation');
  if (req.emit === 'asm') return { front, ok: true, text: compiled.asm ?? '', timings };

  try {
    if (req.emit === 'obj') {
      // The program's object, plus what GNU ld needs to make it an image with C
      // objects: the board's start-up code and helpers, and a linker script.
      const out = req.out ?? defaultOut(req.root, '.o');
      const base = out.replace(/\.o$/, '');
      writeObject(compiled.object, out);
      const extra: string[] = [];
      runtime.forEach((o, k) => { const p = `${base}.runtime${k ? k + 1 : ''}.o`; writeObject(o, p); extra.push(p); });
      writeFileSync(`${base}.ld`, linkerScript(req.board, backend.entry));
      extra.push(`${base}.ld`);
      lap('write');
      return { front, ok: true, out, extraOutputs: extra, timings };
    }
    const image = link([compiled.object, ...runtime], {
      layout: { flash: req.board.memory.flash, ram: req.board.memory.ram, stackSize: req.board.memory.stackSize },
      entry: backend.entry,
    });
    lap('link');
    const out = req.out ?? defaultOut(req.root, '.elf');
    writeExecutable(image, out);
    lap('write');
    return { front, ok: true, out, sizes: imageSizes(image), timings };
  } catch (e) {
    if (e instanceof LinkError) throw new OrizonError(`linking failed: ${e.message}`, 'this usually means a symbol is missing or the program does not fit the board\'s memory');
    throw e;
  }
}

function imageSizes(img: LinkedImage): ImageSizes {
  const s = { text: 0, data: 0, bss: 0 };
  for (const sec of img.sections) {
    if (sec.kind === 'text' || sec.kind === 'vectors' || sec.kind === 'rodata') s.text += sec.size;
    else if (sec.kind === 'data') s.data += sec.size;
    else if (sec.kind === 'bss') s.bss += sec.size;
  }
  return s;
}

/** Adds an error diagnostic (no code: lowering and back-end errors have none yet) and stops the build. */
function fail(front: FrontEndResult, message: string, sp: Span | null, timings: Record<string, number>): BuildResult {
  const where = sp ?? span(0, 0, 0);
  front.diags.add(new DiagBuilder('error', '', message, where, ''));
  return { front, ok: false, timings };
}

/** A span for an IR source location (file path as the front end displayed it). */
function locSpan(sources: SourceMap, loc: SourceLoc | undefined): Span | null {
  if (!loc) return null;
  const f = sources.files.find((x) => x.path === loc.file);
  if (!f) return null;
  const at = Math.min(f.text.length, f.lineStart(loc.line) + Math.max(0, loc.col - 1));
  return span(f.id, at, at);
}

/**
 * `#[interrupt]` handlers must name an interrupt of the board (or a core
 * exception the back end knows). The checker cannot know the board, so the
 * driver checks here and lists the valid names.
 */
function checkInterrupts(m: Module, board: Board, core: readonly string[] | null): { message: string; loc?: SourceLoc } | null {
  const valid = new Set([...Object.keys(board.interrupts), ...(core ?? [])]);
  for (const h of m.interrupts) {
    if (valid.has(h.name)) continue;
    const names = [...valid].sort().join(', ');
    const fn = m.functions.find((f) => f.name === h.func);
    return { message: `\`${h.name}\` is not an interrupt of board \`${board.id}\`; valid names are: ${names}`, loc: fn?.loc };
  }
  return null;
}

function defaultOut(root: string, ext: string): string {
  return root.replace(/\.oriz$/, '') + ext;
}
