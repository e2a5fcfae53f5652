// `orizon explain <CODE>`: the long form of an error code, from the same table
// that docs/errors.md is generated from. `--list` prints every code with its title.
import { ALL_CODES, CODE_PATTERN, closestCodes, lookupCode, normalizeCode } from '../../diag/codes/index.ts';
import type { ErrorCodeInfo } from '../../diag/codes/index.ts';
import { EXIT_OK, UsageError } from '../../util/errors.ts';
import { colorsFor, type Colors } from '../../util/term.ts';

/** Indents a code example by four spaces, leaving blank lines empty. */
function indent(code: string): string {
  return code.replace(/\n+$/, '').split('\n').map((l) => (l.trim() === '' ? '' : `    ${l}`)).join('\n');
}

/**
 * Wraps prose paragraphs at `width` columns. Paragraphs that look laid out by hand
 * (indented lines, lists, code) are left as they are.
 */
export function wrapText(text: string, width = 80): string {
  return text.trim().split(/\n\s*\n/).map((para) => {
    if (/^\s|^[-*]\s|^\d+\.\s|```/m.test(para)) return para;
    const lines: string[] = [];
    let cur = '';
    for (const word of para.split(/\s+/)) {
      if (cur !== '' && cur.length + 1 + word.length > width) { lines.push(cur); cur = word; }
      else cur = cur === '' ? word : `${cur} ${word}`;
    }
    if (cur !== '') lines.push(cur);
    return lines.join('\n');
  }).join('\n\n');
}

export function formatExplanation(info: ErrorCodeInfo, c: Colors): string {
  return [
    `${c.bold(info.code)}: ${c.bold(info.title)}`,
    '',
    wrapText(info.explanation),
    '',
    c.bold('Erroneous code example:'),
    '',
    indent(info.wrong),
    '',
    c.bold('Fixed:'),
    '',
    indent(info.fixed),
    '',
  ].join('\n');
}

export function formatList(c: Colors): string {
  if (ALL_CODES.length === 0) return 'no error codes are defined yet\n';
  return ALL_CODES.map((i) => `${c.bold(i.code)}  ${i.title}\n`).join('');
}

export function explain(code: string | undefined, opts: { list?: boolean }): number {
  const c = colorsFor(process.stdout);
  if (opts.list) {
    if (code !== undefined) throw new UsageError('`--list` takes no error code', 'run `orizon explain --list`, or `orizon explain CODE` for one code');
    process.stdout.write(formatList(c));
    return EXIT_OK;
  }
  if (code === undefined) {
    throw new UsageError('missing error code', 'run `orizon explain E0001` for one code, or `orizon explain --list` for all');
  }
  const info = lookupCode(code);
  if (!info) {
    const norm = normalizeCode(code);
    const near = closestCodes(code);
    const what = CODE_PATTERN.test(norm) ? `unknown error code \`${code}\`` : `\`${code}\` is not an error code (they look like E0001 or W0001)`;
    const hint = !CODE_PATTERN.test(norm) || near.length === 0
      ? '`orizon explain --list` lists every code'
      : `closest known codes: ${near.join(', ')}; \`orizon explain --list\` lists them all`;
    throw new UsageError(what, hint);
  }
  process.stdout.write(formatExplanation(info, c));
  return EXIT_OK;
}
