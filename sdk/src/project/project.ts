// A project is a folder with an `orizon.toml`; commands run anywhere inside it
// find it by walking up from the working directory, as cargo does.
//
// Layout (everything generated lives under target/, which `orizon clean` removes):
//   <root>/orizon.toml
//   <root>/src/main.oriz                                    the crate root
//   <root>/target/<board>/<debug|release>/<name>.elf        the image
//
// The library search path of a project build is `bsp/<board>/` (which holds
// the `board` crate as `board/lib.oriz`) followed by the SDK root (which holds
// `std/lib.oriz` and `hal/lib.oriz`), so `import board::...` and
// `import hal::...` resolve by the checker's `<dir>/<name>/lib.oriz` rule.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { bspDir, loadBoard, type Board, type TargetName } from '../boards/board.ts';
import { sdkRoot } from '../toolchain/discover.ts';
import { OrizonError } from '../util/errors.ts';
import { checkTargetForBoard, MANIFEST_FILE, readManifest, type Manifest } from './manifest.ts';

export interface Project {
  /** Absolute path of the folder holding orizon.toml. */
  root: string;
  manifest: Manifest;
  /** Absolute path of the crate root, `<root>/src/main.oriz`. */
  main: string;
  /** Absolute path of `<root>/target`. */
  targetDir: string;
}

export type Profile = 'debug' | 'release';

function shown(p: string): string {
  const rel = relative(process.cwd(), p);
  const s = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? p : rel;
  return s.split(sep).join('/');
}

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

/** The folder of the nearest orizon.toml at or above `cwd`, or null. */
export function findProjectRoot(cwd = process.cwd()): string | null {
  let dir = resolve(cwd);
  for (;;) {
    if (isFile(join(dir, MANIFEST_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Loads the project at `root` (the folder holding orizon.toml); throws for a broken manifest. */
export function loadProject(root: string): Project {
  const abs = resolve(root);
  const manifest = readManifest(join(abs, MANIFEST_FILE), shown(join(abs, MANIFEST_FILE)));
  return { root: abs, manifest, main: join(abs, 'src', 'main.oriz'), targetDir: join(abs, 'target') };
}

/** The nearest project at or above `cwd`, or null when there is none. A broken manifest throws. */
export function findProject(cwd = process.cwd()): Project | null {
  const root = findProjectRoot(cwd);
  return root === null ? null : loadProject(root);
}

/** `findProject`, with the error every project command gives outside a project. */
export function requireProject(command: string, cwd = process.cwd()): Project {
  const p = findProject(cwd);
  if (p) return p;
  throw new OrizonError(`\`orizon ${command}\` needs a project: no ${MANIFEST_FILE} in \`${shown(resolve(cwd))}\` or any folder above it`,
    'run it inside a project folder, or create one with `orizon new <name>`');
}

/** The project's board, loaded from bsp/, with `build.target` checked against it. */
export function projectBoard(p: Project, boardOverride?: string): Board {
  const board = loadBoard(boardOverride ?? p.manifest.board);
  if (boardOverride === undefined) checkTargetForBoard(p.manifest, board.target);
  return board;
}

/** The target a project build uses: the manifest's `build.target`, else the board's. */
export function projectTarget(p: Project, board: Board): TargetName {
  return p.manifest.target ?? board.target;
}

/** `<root>/target/<board>/<profile>/<name>.elf`. */
export function imagePath(p: Project, board: string, profile: Profile): string {
  return join(p.targetDir, board, profile, `${p.manifest.name}.elf`);
}

/** The profile a build uses: `--release` wins, else the manifest's `build.release`. */
export function profileOf(p: Project, releaseFlag?: boolean): Profile {
  return (releaseFlag ?? p.manifest.release) ? 'release' : 'debug';
}

/**
 * The checker's library search path for a build on `boardId`: the board's
 * folder (for the `board` crate) then the SDK root (for `std` and `hal`).
 */
export function librarySearchPath(boardId: string): string[] {
  return [join(bspDir(), boardId), sdkRoot()];
}

/** True when the board ships a `board` crate (bsp/<id>/board/lib.oriz). */
export function hasBoardCrate(boardId: string): boolean {
  return existsSync(join(bspDir(), boardId, 'board', 'lib.oriz'));
}
