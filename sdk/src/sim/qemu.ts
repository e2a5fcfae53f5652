// Runs firmware in QEMU with a timeout and returns what it printed and how it
// ended. The console UART and semihosting share one stream (a muxed stdio
// chardev), so output interleaves exactly as the program wrote it; QEMU's own
// messages stay on stderr. A semihosting exit sets QEMU's exit status.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from '../toolchain/discover.ts';
import type { SimMachine } from './machines.ts';

export interface QemuOptions {
  machine: SimMachine;
  kernel: string;
  /** Wall-clock limit; the process is killed after it. */
  timeoutMs?: number;
  /** Deterministic virtual time: `-icount shift=N` (instructions per ns = 2^-N). */
  icount?: number;
  semihosting?: boolean;
  extraArgs?: string[];
  /** Forward this process's stdin to the console UART. */
  interactive?: boolean;
}

export interface QemuResult {
  /** Console: UART and semihosting output, in order. */
  output: string;
  /** QEMU's own diagnostics. */
  stderr: string;
  /** QEMU's exit status (the program's, when it exited through semihosting). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  elapsedMs: number;
  argv: string[];
}

export function qemuArgs(o: QemuOptions): string[] {
  const args = ['-M', o.machine.machine];
  if (o.machine.cpu) args.push('-cpu', o.machine.cpu);
  args.push('-display', 'none', '-monitor', 'none', '-chardev', 'stdio,mux=on,id=con', '-serial', 'chardev:con');
  if (o.semihosting !== false) args.push('-semihosting-config', 'enable=on,target=native,chardev=con');
  if (o.icount !== undefined) args.push('-icount', `shift=${o.icount},align=off,sleep=off`);
  args.push('-kernel', o.kernel);
  if (o.machine.bios) args.push('-bios', o.machine.bios);
  args.push(...(o.extraArgs ?? []));
  return args;
}

export function runQemu(o: QemuOptions): Promise<QemuResult> {
  const exe = requireTool(o.machine.arch === 'arm' ? 'qemu-arm' : 'qemu-riscv32');
  const argv = qemuArgs(o);
  const started = Date.now();
  // The console goes to a file, not a pipe: QEMU's semihosting writes to a pipe
  // can come back partial and the rest is lost (seen on ~94 KB bursts).
  const dir = mkdtempSync(join(tmpdir(), 'orizon-qemu-'));
  const outPath = join(dir, 'console');
  const outFd = openSync(outPath, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(exe, argv, { stdio: [o.interactive ? 'inherit' : 'ignore', outFd, 'pipe'] });
    closeSync(outFd);
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs);
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => { if (timer) clearTimeout(timer); cleanup(); reject(e); });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const output = readFileSync(outPath, 'utf8');
      cleanup();
      resolve({
        output,
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code, signal, timedOut,
        elapsedMs: Date.now() - started,
        argv: [exe, ...argv],
      });
    });
  });
}
