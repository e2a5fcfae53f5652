// The rustc side of the differential test: the oracle. Debug builds check
// overflow (`-C overflow-checks=on`); release builds wrap (`-C
// overflow-checks=off -O`), as Orizon's `--release` does.
import { spawn, spawnSync } from 'node:child_process';
import { parseRustPanic, type Outcome } from './outcome.ts';

export type Mode = 'debug' | 'release';

export const RUSTC_FLAGS: Readonly<Record<Mode, string[]>> = {
  debug: ['-C', 'overflow-checks=on'],
  release: ['-C', 'overflow-checks=off', '-O'],
};

let available: boolean | undefined;
export function rustcAvailable(): boolean {
  available ??= spawnSync('rustc', ['--version']).status === 0;
  return available;
}

interface Proc {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status, signal, timedOut });
    });
  });
}

export interface RustcResult {
  ok: boolean;
  stderr: string;
  /** Lines of the source that errors point at (`--> file:LINE:COL`). */
  errorLines: number[];
}

/** Compiles `src` for the host into `exe`. */
export async function rustcBuild(src: string, exe: string, mode: Mode): Promise<RustcResult> {
  const r = await run('rustc', ['--edition', '2021', ...RUSTC_FLAGS[mode], '-A', 'warnings', '-o', exe, src], 300_000);
  const errorLines: number[] = [];
  // Only the primary location of each error: the first `-->` after an `error` line.
  let pending = false;
  for (const line of r.stderr.split('\n')) {
    if (/^error(\[E\d+\])?:/.test(line) && !line.startsWith('error: aborting')) pending = true;
    const m = /^\s*--> [^\n]*?:(\d+):\d+$/.exec(line);
    if (m && pending) {
      errorLines.push(Number(m[1]));
      pending = false;
    }
  }
  return { ok: r.status === 0, stderr: r.stderr, errorLines };
}

/** Runs a host binary: stdout, exit status, and the panic from stderr. */
export async function runHost(exe: string, args: string[], timeoutMs: number): Promise<Outcome> {
  const r = await run(exe, args, timeoutMs, { ...process.env, RUST_BACKTRACE: '0' });
  if (r.timedOut) return { stdout: r.stdout, status: 'timeout', panic: null };
  return { stdout: r.stdout, status: r.status ?? `signal ${r.signal}`, panic: parseRustPanic(r.stderr) };
}
