// Runs firmware in QEMU with a timeout and returns what it printed and how it
// ended. The console UART and semihosting share one stream (a muxed stdio
// chardev), so output interleaves exactly as the program wrote it; QEMU's own
// messages stay on stderr. A semihosting exit sets QEMU's exit status.
import { spawn } from 'node:child_process';
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
  /** Stream console output as it arrives (e.g. `orizon run`). Still captured. */
  onOutput?: (chunk: Buffer) => void;
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
  return new Promise((resolve, reject) => {
    const child = spawn(exe, argv, { stdio: [o.interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs);
    child.stdout.on('data', (b: Buffer) => { out.push(b); o.onOutput?.(b); });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => { if (timer) clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        output: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code, signal, timedOut,
        elapsedMs: Date.now() - started,
        argv: [exe, ...argv],
      });
    });
  });
}
