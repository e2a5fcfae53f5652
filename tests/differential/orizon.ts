// The Orizon side of the differential test: a client for the compile worker
// (worker.ts) and the QEMU run of the image it builds.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simMachine } from '../../sdk/src/sim/machines.ts';
import { runQemu } from '../../sdk/src/sim/qemu.ts';
import type { CompileReply, CompileRequest } from './worker.ts';
import { parseOrizonPanic, type Outcome } from './outcome.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const WORKER = join(ROOT, 'tests/differential/worker.ts');
const REPLY = '@@reply ';

/** Builds Orizon programs one at a time in a worker process; a build that takes too long kills the worker (a new one starts on demand). */
export class OrizonCompiler {
  private child: ChildProcessWithoutNullStreams | null = null;
  private nextId = 0;
  private waiting = new Map<number, (r: CompileReply) => void>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = 120_000) {}

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', WORKER], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(REPLY)) return;
      const reply = JSON.parse(line.slice(REPLY.length)) as CompileReply;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      // A worker that dies (out of memory, crash) fails the build in flight.
      for (const [id, done] of this.waiting) done({ id, ok: false, errors: [], rendered: '', internal: `the compiler process died (${signal ?? `exit ${code}`})\n${stderr.trim()}`, ms: 0 });
      this.waiting.clear();
    });
    return child;
  }

  /** Builds `file` into `out` (requests are served in order). */
  compile(file: string, out: string, release: boolean, board = 'mps2-an385'): Promise<CompileReply> {
    const run = async (): Promise<CompileReply> => {
      const child = (this.child ??= this.start());
      const id = this.nextId++;
      const req: CompileRequest = { id, file, out, release, board };
      return new Promise<CompileReply>((done) => {
        const timer = setTimeout(() => {
          this.waiting.delete(id);
          if (this.child === child) this.child = null;
          child.kill('SIGKILL');
          done({ id, ok: false, errors: [], rendered: '', internal: `the compiler did not finish within ${this.timeoutMs / 1000} s`, ms: this.timeoutMs });
        }, this.timeoutMs);
        this.waiting.set(id, (r) => { clearTimeout(timer); done(r); });
        child.stdin.write(JSON.stringify(req) + '\n');
      });
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }
}

/** Several compile workers; a build goes to an idle one. */
export class CompilerPool {
  private idle: OrizonCompiler[];
  private waiters: ((c: OrizonCompiler) => void)[] = [];

  constructor(n: number, timeoutMs?: number) {
    this.idle = Array.from({ length: Math.max(1, n) }, () => new OrizonCompiler(timeoutMs));
  }

  private all: OrizonCompiler[] = [];

  async compile(file: string, out: string, release: boolean, board?: string): Promise<CompileReply> {
    const c = this.idle.pop() ?? await new Promise<OrizonCompiler>((r) => this.waiters.push(r));
    if (!this.all.includes(c)) this.all.push(c);
    try {
      return await c.compile(file, out, release, board);
    } finally {
      const next = this.waiters.shift();
      if (next) next(c);
      else this.idle.push(c);
    }
  }

  close(): void {
    for (const c of [...this.idle, ...this.all]) c.close();
  }
}

/** A small counting semaphore: at most `n` QEMU instances at a time. */
export class Limiter {
  private active = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly n: number) {}

  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
    try {
      return await f();
    } finally {
      this.active--;
      this.waiters.shift()?.();
    }
  }
}

/** Runs an image on the board's QEMU machine: stdout (console), exit status, panic (from semihosting stderr). */
export async function runImage(elf: string, timeoutMs: number, board = 'mps2-an385'): Promise<Outcome> {
  const r = await runQemu({ machine: simMachine(board), kernel: elf, timeoutMs });
  if (r.timedOut) return { stdout: r.output, status: 'timeout', panic: null };
  return { stdout: r.output, status: r.exitCode ?? `signal ${r.signal}`, panic: parseOrizonPanic(r.stderr) };
}
