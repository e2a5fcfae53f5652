// `orizon new [--board <id>] [--template <t>] <name>`: creates a project folder
// (orizon.toml, src/main.oriz from templates/<t>/, README.md, .gitignore).
// Exit 1 when the folder exists and is not empty; exit 2 for an unknown board,
// template or an invalid name (each with the valid choices).
import { relative, resolve, isAbsolute, sep } from 'node:path';
import { DEFAULT_BOARD } from '../../boards/board.ts';
import { loadBoardWithExtra } from '../../project/board-map.ts';
import { projectFiles, packageNameOf, writeProject, checkDestination } from '../../project/scaffold.ts';
import { DEFAULT_TEMPLATE, loadTemplate } from '../../project/templates.ts';
import { colorsFor } from '../../util/term.ts';

export interface NewOptions {
  board?: string;
  template?: string;
}

function shown(abs: string): string {
  const rel = relative(process.cwd(), abs);
  const s = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return s.split(sep).join('/');
}

export function newProject(path: string, opts: NewOptions): number {
  const dest = resolve(path);
  const where = shown(dest);
  const name = packageNameOf(dest);
  const { board, extra } = loadBoardWithExtra(opts.board ?? DEFAULT_BOARD);
  const template = loadTemplate(opts.template ?? DEFAULT_TEMPLATE);
  checkDestination(dest, where);
  writeProject(dest, projectFiles({ name, board, template, tickInterrupt: extra.tick.interrupt }), where);

  const c = colorsFor(process.stdout);
  const cd = where === '.' ? '' : `  cd ${where.includes(' ') ? JSON.stringify(where) : where}\n`;
  process.stdout.write(`${c.green(c.bold('Created'))} project \`${name}\` for ${board.name} (${board.id}) from template \`${template.name}\` in ${where}/\n\n`
    + `Next:\n${cd}  orizon build\n  orizon run\n`);
  return 0;
}
