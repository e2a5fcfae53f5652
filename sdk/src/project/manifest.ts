// The project manifest, `orizon.toml`, parsed with smol-toml and checked key by
// key like the board files: a mistake gets one error naming the file, the full
// key and the problem (and the closest valid key for a misspelt one).
//
//   [package]
//   name = "blinky"          # the image is target/<board>/<profile>/<name>.elf
//   version = "0.1.0"
//
//   [build]
//   board = "mps2-an385"     # a folder of bsp/ (`orizon boards`)
//   target = "thumbv7m"      # optional: defaults to the board's
//   release = false          # optional: the profile `orizon build` uses without flags
//
// Invariants: a Manifest returned by parseManifest has a valid package name (a
// file name and an identifier-like word), a semantic version and a board id
// that exists in the SDK's bsp/ folder; `target`, when present, runs on that
// board's architecture.
import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { archOf, boardIds, TARGETS, type TargetName } from '../boards/board.ts';
import { closest } from '../util/closest.ts';
import { OrizonError } from '../util/errors.ts';

export const MANIFEST_FILE = 'orizon.toml';

export interface Manifest {
  /** `package.name`: also the image's file name. */
  name: string;
  /** `package.version`. */
  version: string;
  /** `build.board`: a board id. */
  board: string;
  /** `build.target`: overrides the board's target (same architecture). */
  target?: TargetName;
  /** `build.release`: default profile. */
  release: boolean;
  /** The manifest's path, for messages. */
  file: string;
}

/** Package names: a letter, then letters, digits, `_` or `-` (a valid file name everywhere). */
export const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Semantic versions: MAJOR.MINOR.PATCH with an optional pre-release/build suffix. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const HINT = 'see docs/boards.md#the-project-manifest for the format of orizon.toml';

type Table = Record<string, unknown>;

/** The keys each table accepts; anything else is reported with the closest known key. */
const SCHEMA: Record<string, readonly string[]> = {
  '': ['package', 'build'],
  package: ['name', 'version', 'description', 'authors'],
  build: ['board', 'target', 'release'],
};

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null || v === undefined) return 'nothing';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object') return 'a table';
  return `${typeof v} ${JSON.stringify(v)}`;
}

class Reader {
  constructor(readonly file: string) {}

  fail(key: string, problem: string, hint = HINT): never {
    throw new OrizonError(`${this.file}: \`${key}\`: ${problem}`, hint);
  }

  table(t: Table, key: string): Table {
    const v = t[key];
    if (v === undefined) this.fail(key, `missing table [${key}]`);
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date) this.fail(key, `expected a table, found ${describe(v)}`);
    this.known(v as Table, key);
    return v as Table;
  }

  known(t: Table, path: string): void {
    const allowed = SCHEMA[path]!;
    for (const k of Object.keys(t)) {
      if (allowed.includes(k)) continue;
      const guess = closest(k, allowed);
      const full = path ? `${path}.${k}` : k;
      this.fail(full, `unknown key${guess ? `; did you mean \`${path ? `${path}.` : ''}${guess}\`?` : ''}`,
        `${path ? `[${path}]` : 'the top level'} accepts: ${allowed.join(', ')}`);
    }
  }

  str(t: Table, path: string, k: string, optional: boolean): string | undefined {
    const v = t[k];
    if (v === undefined) {
      if (optional) return undefined;
      this.fail(`${path}.${k}`, 'missing string');
    }
    if (typeof v !== 'string') this.fail(`${path}.${k}`, `expected a string, found ${describe(v)}`);
    return v;
  }

  bool(t: Table, path: string, k: string, dflt: boolean): boolean {
    const v = t[k];
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') this.fail(`${path}.${k}`, `expected true or false, found ${describe(v)}`);
    return v;
  }
}

/**
 * Parses and validates a manifest. `boards` is the list of valid board ids
 * (the SDK's bsp/ folder by default); it is a parameter so tests can pass one.
 */
export function parseManifest(text: string, file: string, boards: readonly string[] = boardIds()): Manifest {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      throw new OrizonError(`${file}:${e.line}:${e.column}: invalid TOML: ${first}`, 'fix the syntax of the manifest (https://toml.io)');
    }
    throw e;
  }
  const r = new Reader(file);
  r.known(doc, '');
  const pkg = r.table(doc, 'package');
  const name = r.str(pkg, 'package', 'name', false)!;
  if (!PACKAGE_NAME.test(name)) {
    r.fail('package.name', `\`${name}\` is not a valid package name`, 'use a letter followed by letters, digits, `_` or `-` (at most 64 characters)');
  }
  const version = r.str(pkg, 'package', 'version', false)!;
  if (!SEMVER.test(version)) r.fail('package.version', `\`${version}\` is not a semantic version`, 'write MAJOR.MINOR.PATCH, e.g. "0.1.0"');
  for (const k of ['description'] as const) r.str(pkg, 'package', k, true);
  if (pkg.authors !== undefined && (!Array.isArray(pkg.authors) || pkg.authors.some((a) => typeof a !== 'string'))) {
    r.fail('package.authors', `expected an array of strings, found ${describe(pkg.authors)}`);
  }

  const build = r.table(doc, 'build');
  const board = r.str(build, 'build', 'board', false)!;
  if (!boards.includes(board)) {
    const guess = closest(board, boards);
    r.fail('build.board', `unknown board \`${board}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
      `the boards are: ${boards.join(', ')} (\`orizon boards\` lists them)`);
  }
  const t = r.str(build, 'build', 'target', true);
  let target: TargetName | undefined;
  if (t !== undefined) {
    if (!(TARGETS as readonly string[]).includes(t)) {
      const guess = closest(t, TARGETS);
      r.fail('build.target', `unknown target \`${t}\`${guess ? `; did you mean \`${guess}\`?` : ''}`, `the targets are: ${TARGETS.join(', ')}`);
    }
    target = t as TargetName;
  }
  const release = r.bool(build, 'build', 'release', false);
  return { name, version, board, target, release, file };
}

/** Reads and validates the manifest at `path`. */
export function readManifest(path: string, display = path): Manifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OrizonError(`cannot read \`${display}\`: ${code === 'ENOENT' ? 'no such file' : code}`, HINT);
  }
  return parseManifest(text, display);
}

/** A `build.target` that does not run on the board's architecture: the message for `build.target`. */
export function checkTargetForBoard(m: Manifest, boardTarget: TargetName): void {
  if (m.target !== undefined && archOf(m.target) !== archOf(boardTarget)) {
    throw new OrizonError(`${m.file}: \`build.target\`: target \`${m.target}\` does not run on board \`${m.board}\` (${boardTarget})`,
      'remove `target` to use the board\'s, or pick a target of the same architecture');
  }
}

/** The manifest text `orizon new` writes. */
export function renderManifest(name: string, board: string, boardTarget: TargetName, version = '0.1.0'): string {
  return `[package]
name = "${name}"
version = "${version}"

[build]
# The board to build for and run on (\`orizon boards\` lists them).
board = "${board}"
# The instruction set; defaults to the board's.
# target = "${boardTarget}"
# Build the optimised profile by default (\`orizon build --release\` does it once).
# release = false
`;
}
