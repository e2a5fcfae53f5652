// `orizon size [image] [--board <id>] [--release] [--json]`: flash and RAM used
// by an image, per section (like `arm-none-eabi-size -A`) and in total against
// the board's memory. Inside a project the image defaults to the one
// `orizon build` wrote (target/<board>/<profile>/<name>.elf) and the board to
// the manifest's; outside, `--board` gives the totals (without it, only the
// section table is printed).
import { readFileSync } from 'node:fs';
import { relative, isAbsolute, sep, resolve } from 'node:path';
import { loadBoard, type Board } from '../../boards/board.ts';
import { readElf } from '../../project/elf-sections.ts';
import { findProject, imagePath, profileOf, projectBoard } from '../../project/project.ts';
import { measure, renderSize } from '../../project/size.ts';
import { OrizonError } from '../../util/errors.ts';

export interface SizeOptions {
  board?: string;
  release?: boolean;
  json?: boolean;
}

function shown(abs: string): string {
  const rel = relative(process.cwd(), abs);
  const s = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return s.split(sep).join('/');
}

export function size(image: string | undefined, opts: SizeOptions): number {
  let file: string;
  let board: Board | null = opts.board !== undefined ? loadBoard(opts.board) : null;
  if (image !== undefined) {
    file = resolve(image);
    if (!board) {
      const p = findProject();
      if (p) board = projectBoard(p);
    }
  } else {
    const p = findProject();
    if (!p) {
      throw new OrizonError('no image given, and no orizon.toml here or in any folder above',
        'run `orizon size` inside a project, or pass an image: `orizon size firmware.elf --board <board>`');
    }
    board ??= projectBoard(p);
    file = imagePath(p, board.id, profileOf(p, opts.release));
  }
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && image === undefined) {
      throw new OrizonError(`no image at \`${shown(file)}\``, `run \`orizon build${opts.release ? ' --release' : ''}\` first`);
    }
    throw new OrizonError(`cannot read \`${shown(file)}\`: ${code === 'ENOENT' ? 'no such file' : code}`, 'pass the path of a firmware image (.elf)');
  }
  const img = readElf(buf, shown(file));
  if (board && img.machine !== board.arch) {
    throw new OrizonError(`\`${shown(file)}\` is built for ${img.machine === 'arm' ? 'ARM' : img.machine === 'riscv32' ? 'RISC-V' : img.machine}, but board \`${board.id}\` is ${board.arch === 'arm' ? 'ARM' : 'RISC-V'}`,
      'pass the board the image was built for with --board');
  }
  const report = measure(img, board ? board.memory : null);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ image: shown(file), board: board?.id ?? null, ...report }, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(renderSize(`${shown(file)}${board ? ` (${board.id})` : ''}`, report));
  if (report.flash && report.flash.used > report.flash.capacity) return 1;
  if (report.ram && report.ram.used > report.ram.capacity) return 1;
  return 0;
}
