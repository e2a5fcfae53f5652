// Writes a file so that readers see either the old contents or the new, never a
// half-written ELF (a debugger or flasher may be watching the output path): the
// bytes go to a temporary file in the same directory, then one rename(2)
// replaces the target. Same directory, because rename is only atomic within a
// file system.
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeFileAtomic(path: string, data: Uint8Array, mode = 0o644): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { mode });
    chmodSync(tmp, mode); // writeFileSync's mode is filtered by the umask; the result should not depend on it
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
