// `orizon build <file.oriz>`: compiles a program to a firmware image for a
// board (ELF), or to `--emit asm|ir|obj`. Diagnostics go to stderr through the
// diagnostics engine; exit 1 when the build failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { imagePath, profileOf, projectBoard, projectTarget, requireProject } from '../../project/project.ts';
import { DEFAULT_BOARD, loadBoard, TARGETS, type Board, type TargetName } from '../../boards/board.ts';
import { build, type BuildResult, type EmitKind } from '../../driver/build.ts';
import { displayPath } from '../../driver/frontend.ts';
import { renderDiagnostics, renderSummary } from '../../diag/render.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../../util/errors.ts';
import { wantsColor } from '../../util/term.ts';

export const BUILD_EMIT = ['asm', 'ir', 'obj'] as const;

export interface BuildOptions {
  board?: string;
  target?: string;
  release?: boolean;
  output?: string;
  emit?: string;
  /** Print per-phase times on stderr. */
  timings?: boolean;
}

/** Resolves --board/--target into a board and a target, with clear usage errors. */
export function resolveBoardTarget(opts: { board?: string; target?: string }): { board: Board; target: TargetName } {
  if (opts.target !== undefined && !(TARGETS as readonly string[]).includes(opts.target)) {
    throw new UsageError(`unknown target \`${opts.target}\``, `use one of: ${TARGETS.join(', ')}`);
  }
  const board = loadBoard(opts.board ?? DEFAULT_BOARD);
  return { board, target: (opts.target as TargetName | undefined) ?? board.target };
}

export interface BuildInputs {
  root: string;
  board: Board;
  target: TargetName;
  release: boolean;
  /** Explicit or project output path; undefined: next to a single source file. */
  out?: string;
}

/**
 * What to build: a single file (`--board`, default mps2-an385), or, without a
 * file, the project around the working directory: its orizon.toml names the
 * board, target and profile, and the image goes to
 * `target/<board>/<debug|release>/<name>.elf`.
 */
export function resolveInputs(command: string, file: string | undefined, opts: { board?: string; target?: string; release?: boolean; output?: string }): BuildInputs {
  if (file !== undefined) {
    const { board, target } = resolveBoardTarget(opts);
    return { root: file, board, target, release: opts.release === true, out: opts.output };
  }
  const p = requireProject(command);
  if (opts.target !== undefined && !(TARGETS as readonly string[]).includes(opts.target)) {
    throw new UsageError(`unknown target \`${opts.target}\``, `use one of: ${TARGETS.join(', ')}`);
  }
  const board = projectBoard(p, opts.board);
  const target = (opts.target as TargetName | undefined) ?? projectTarget(p, board);
  const profile = profileOf(p, opts.release);
  const out = opts.output ?? imagePath(p, board.id, profile);
  mkdirSync(dirname(out), { recursive: true });
  return { root: p.main, board, target, release: profile === 'release', out };
}

/** Prints the diagnostics of a build; returns false when it failed. */
export function reportBuild(r: BuildResult, root: string): boolean {
  const color = wantsColor(process.stderr);
  const ds = r.front.diags.sorted();
  if (ds.length > 0) {
    process.stderr.write(renderDiagnostics(ds, r.front.sources, { color })
      + renderSummary(displayPath(resolve(root)), r.front.diags.errorCount, r.front.diags.warningCount, { color }).replace('could not check', 'could not compile'));
  }
  return r.ok;
}

export function buildCommand(file: string | undefined, opts: BuildOptions): number {
  if (opts.emit !== undefined && !(BUILD_EMIT as readonly string[]).includes(opts.emit)) {
    throw new UsageError(`invalid --emit \`${opts.emit}\``, `use one of: ${BUILD_EMIT.join(', ')}`);
  }
  const emit: EmitKind = (opts.emit as EmitKind | undefined) ?? 'elf';
  const inputs = resolveInputs('build', file, { ...opts, output: emit === 'elf' ? opts.output : opts.output });
  const { board, target, root } = inputs;
  const started = performance.now();
  // A project's default image path applies to images only; other outputs follow -o or stdout.
  const out = emit === 'elf' ? inputs.out : opts.output;
  const r = build({ root, board, target, release: inputs.release, emit, out });
  if (!reportBuild(r, root)) return EXIT_FAILURE;
  if (r.text !== undefined) {
    if (opts.output) writeFileSync(opts.output, r.text);
    else process.stdout.write(r.text);
  }
  if (opts.timings) {
    for (const [k, v] of Object.entries(r.timings)) process.stderr.write(`${k.padEnd(16)} ${v.toFixed(1).padStart(8)} ms\n`);
  }
  if (r.out && emit === 'obj') {
    const extra = r.extraOutputs ?? [];
    const ld = extra.find((p) => p.endsWith('.ld'));
    const rt = extra.filter((p) => p.endsWith('.o'));
    process.stderr.write(`   Wrote ${displayPath(resolve(r.out))} (the program), ${rt.map((p) => displayPath(resolve(p))).join(', ')} (start-up code for ${board.id}) and ${ld ? displayPath(resolve(ld)) : ''} (its memory layout)\n`
      + `   Link with C objects: arm-none-eabi-ld -T ${ld ? displayPath(resolve(ld)) : 'board.ld'} ${displayPath(resolve(r.out))} ${rt.map((p) => displayPath(resolve(p))).join(' ')} your.o -o app.elf\n`);
  }
  if (r.out && emit === 'elf') {
    const ms = performance.now() - started;
    const sz = r.sizes ? ` (flash ${r.sizes.text + r.sizes.data} B, ram ${r.sizes.data + r.sizes.bss} B)` : '';
    process.stderr.write(`   Compiled ${displayPath(resolve(root))} → ${displayPath(resolve(r.out))} for ${board.id} (${target}, ${inputs.release ? 'release' : 'debug'})${sz} in ${ms.toFixed(0)} ms\n`);
  }
  return EXIT_OK;
}
