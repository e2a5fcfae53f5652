// Creating a project (`orizon new`): the files are computed first (a pure
// function of name, board and template), then written into a temporary
// sibling folder that is renamed into place, so a failure part-way never
// leaves half a project behind and an existing project is never touched.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Board } from '../boards/board.ts';
import { OrizonError } from '../util/errors.ts';
import { MANIFEST_FILE, PACKAGE_NAME, renderManifest } from './manifest.ts';
import type { Template } from './templates.ts';

export interface NewProject {
  /** Absolute destination folder. */
  dest: string;
  name: string;
  board: Board;
  template: Template;
  /** The board's tick interrupt name (`[tick] interrupt` of its board file). */
  tickInterrupt: string;
}

/**
 * Template files may name board-specific things with placeholders, replaced
 * when the project is created: `{{name}}` (the package), `{{board}}` (the
 * board id) and `{{tick_interrupt}}` (the `#[interrupt]` name of the board's
 * periodic tick, e.g. TIMER0 or MachineTimer).
 */
export function substitute(text: string, vars: Record<string, string>, file: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new OrizonError(`template file \`${file}\` uses the unknown placeholder \`${whole}\``, `the placeholders are: ${Object.keys(vars).map((k) => `{{${k}}}`).join(', ')}`);
    return v;
  });
}

/** Relative path → contents of every file of the new project. */
export function projectFiles(p: Omit<NewProject, 'dest'>): Map<string, string> {
  const files = new Map<string, string>();
  const vars = { name: p.name, board: p.board.id, tick_interrupt: p.tickInterrupt };
  files.set(MANIFEST_FILE, renderManifest(p.name, p.board.id, p.board.target));
  for (const f of p.template.files) files.set(f, substitute(readFileSync(join(p.template.dir, f), 'utf8'), vars, `templates/${p.template.name}/${f}`));
  files.set('README.md', renderReadme(p));
  files.set('.gitignore', '# Build output of `orizon build` (`orizon clean` removes it)\n/target/\n');
  return files;
}

function renderReadme(p: Omit<NewProject, 'dest' | 'tickInterrupt'>): string {
  const b = p.board;
  const sim = `QEMU \`${b.simulator.qemuMachine}\``;
  return `# ${p.name}

${p.template.description}

Board: **${b.name}** (\`${b.id}\`, ${b.chip}, ${b.core}), simulated by ${sim}.
Created with \`orizon new --board ${b.id} --template ${p.template.name} ${p.name}\`.

## Commands

Run these anywhere inside this folder:

| command | what it does |
|---|---|
| \`orizon build\` | compiles \`src/main.oriz\` to \`target/${b.id}/debug/${p.name}.elf\` (\`--release\` for an optimised build) |
| \`orizon run\` | builds, then boots the image in ${sim}; the console UART prints here, Ctrl-C stops it |
| \`orizon size\` | flash and RAM used by the image, per section, against the board's ${sizeText(b.memory.flash.length)} of flash and ${sizeText(b.memory.ram.length)} of RAM |
| \`orizon clean\` | removes \`target/\` |
| \`orizon boards ${b.id}\` | the board's memory map, console, LEDs, buttons and interrupts |

The board and build settings are in \`orizon.toml\`. \`import board::...\` reaches the
board support package (\`board::init()\`, the console, LEDs and buttons, interrupt
numbers) and \`import hal::...\` the hardware abstraction layer's traits and drivers.
`;
}

function sizeText(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : `${n / 1024} KiB`;
}

/** The package name a destination folder gives, checked. */
export function packageNameOf(dest: string): string {
  const name = basename(resolve(dest));
  if (!PACKAGE_NAME.test(name)) {
    throw new OrizonError(`\`${name}\` is not a valid project name`,
      'use a letter followed by letters, digits, `_` or `-` (at most 64 characters), e.g. `orizon new my-app`', 2);
  }
  return name;
}

/** Throws when `dest` exists and is a file or a non-empty folder. */
export function checkDestination(dest: string, shown: string): void {
  if (!existsSync(dest)) return;
  if (!statSync(dest).isDirectory()) {
    throw new OrizonError(`\`${shown}\` already exists and is not a folder`, 'choose another project name');
  }
  if (readdirSync(dest).length > 0) {
    throw new OrizonError(`\`${shown}\` already exists and is not empty; refusing to overwrite it`,
      'choose another project name, or remove the folder first');
  }
}

/**
 * Writes the project. The files go into `.<name>.orizon-new-<pid>` next to
 * the destination; only a complete folder is renamed into place. An empty
 * destination folder is replaced; a non-empty one is never touched.
 */
export function writeProject(dest: string, files: Map<string, string>, shown: string): void {
  checkDestination(dest, shown);
  const parent = dirname(dest);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dest)}.orizon-new-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, text] of files) {
      const p = join(tmp, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    // rename(2) cannot replace a folder on every platform: remove the empty one first.
    if (existsSync(dest)) rmdirSync(dest);
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENOTDIR') checkDestination(dest, shown);
    throw new OrizonError(`cannot create \`${shown}\`: ${code ?? String(e)}`, 'check that the parent folder is writable');
  }
}
