// Runs an image on a board's QEMU machine with the console captured in a file.
//
// Why not tests/helpers/qemu.ts (runQemu)? Node gives a child a non-blocking
// socket for stdout, and QEMU 7.2's stdio chardev drops console bytes when a
// write would block (a semihosting SYS_WRITE still reports success). A burst
// of output (tens of KiB) then loses text at random places. A regular file
// never blocks, so here QEMU's stdout is a file that is read after it exits.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simMachine } from '../../sdk/src/sim/machines.ts';
import { qemuArgs } from '../../sdk/src/sim/qemu.ts';
import { requireTool } from '../../sdk/src/toolchain/discover.ts';

export interface Captured {
  output: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
}

export function runCaptured(board: string, kernel: string, timeoutMs = 60_000): Promise<Captured> {
  const machine = simMachine(board);
  const exe = requireTool('qemu-arm');
  const dir = mkdtempSync(join(tmpdir(), 'orizon-qemu-'));
  const outPath = join(dir, 'console.txt');
  const fd = openSync(outPath, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(exe, qemuArgs({ machine, kernel }), { stdio: ['ignore', fd, 'pipe'] });
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => { clearTimeout(timer); closeSync(fd); rmSync(dir, { recursive: true, force: true }); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      closeSync(fd);
      const output = readFileSync(outPath, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      resolve({ output, stderr: Buffer.concat(err).toString('utf8'), exitCode: code, timedOut });
    });
  });
}
