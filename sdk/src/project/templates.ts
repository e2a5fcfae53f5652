// Project templates: one folder per template under the SDK's templates/, each
// holding the files a new project starts with (today `src/main.oriz`). The
// template's description is the first paragraph of its main.oriz's `//!` comment.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sdkRoot } from '../toolchain/discover.ts';
import { closest } from '../util/closest.ts';
import { OrizonError } from '../util/errors.ts';

export const DEFAULT_TEMPLATE = 'hello';

export interface Template {
  name: string;
  dir: string;
  description: string;
  /** Files relative to `dir`, `/`-separated, sorted. */
  files: string[];
}

export function templatesDir(): string {
  return join(sdkRoot(), 'templates');
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else if (e.isFile()) out.push(relative(base, p).split(sep).join('/'));
  }
  return out.sort();
}

/** Template names: folders of templates/ with a `src/main.oriz`, sorted. */
export function templateNames(dir = templatesDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'src', 'main.oriz')))
    .map((e) => e.name)
    .sort();
}

/** The first paragraph of the file's leading `//!` comment, as one line. */
function docParagraph(text: string): string | null {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\/\/!\s?(.*)$/.exec(line);
    if (!m || (m[1]!.trim() === '' && lines.length > 0)) break;
    if (m[1]!.trim() !== '') lines.push(m[1]!.trim());
  }
  return lines.length ? lines.join(' ') : null;
}

export function loadTemplate(name: string, dir = templatesDir()): Template {
  const names = templateNames(dir);
  if (!names.includes(name)) {
    const guess = closest(name, names);
    throw new OrizonError(`unknown template \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
      `the templates are: ${names.join(', ')}`, 2);
  }
  const tdir = join(dir, name);
  const main = readFileSync(join(tdir, 'src', 'main.oriz'), 'utf8');
  return { name, dir: tdir, description: docParagraph(main) ?? name, files: listFiles(tdir).filter((f) => statSync(join(tdir, f)).isFile()) };
}
