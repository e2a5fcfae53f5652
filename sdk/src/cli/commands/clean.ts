// `orizon clean`: removes the project's target/ folder (every build output).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireProject } from '../../project/project.ts';

/** Files and bytes under `dir`, for the summary line. */
function tally(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const t = tally(p);
      files += t.files;
      bytes += t.bytes;
    } else {
      files++;
      bytes += statSync(p).size;
    }
  }
  return { files, bytes };
}

export function clean(): number {
  const p = requireProject('clean');
  if (!existsSync(p.targetDir)) {
    process.stdout.write('Nothing to clean: target/ does not exist\n');
    return 0;
  }
  const t = tally(p.targetDir);
  rmSync(p.targetDir, { recursive: true, force: true });
  process.stdout.write(`Removed target/ (${t.files} file${t.files === 1 ? '' : 's'}, ${t.bytes} bytes)\n`);
  return 0;
}
