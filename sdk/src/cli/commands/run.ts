// `orizon run <file.oriz|image.elf>`: boots a program on a simulated board.
// A source file is built first (into a temporary folder, as `orizon build`
// would for the same board). Console output goes to stdout as it arrives; the
// command's exit status is the program's (semihosting exit: 0 when main
// returns, 101 on panic), 124 when --timeout killed it.
import { openSync, readSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from '../../driver/build.ts';
import { resolveInputs, reportBuild, resolveBoardTarget } from './build.ts';
import { EXIT_FAILURE } from '../../util/errors.ts';
import { DEFAULT_BOARD, loadAllBoards, loadBoard } from '../../boards/board.ts';
import { simFromBoard, type SimMachine } from '../../sim/machines.ts';
import { qemuArgs } from '../../sim/qemu.ts';
import { requireTool } from '../../toolchain/discover.ts';
import { spawn } from 'node:child_process';
import { OrizonError, UsageError } from '../../util/errors.ts';

export const EXIT_TIMEOUT = 124;

const EM_ARM = 40;
const EM_RISCV = 243;

/** Reads the ELF header's class and machine; a clear error for anything else. */
function elfMachine(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OrizonError(`cannot open \`${path}\`: ${code === 'ENOENT' ? 'no such file' : code}`, 'pass the path of a firmware image (.elf)');
  }
  const h = Buffer.alloc(20);
  const n = readSync(fd, h, 0, 20, 0);
  closeSync(fd);
  if (n < 20 || h.readUInt32BE(0) !== 0x7f454c46) {
    throw new OrizonError(`\`${path}\` is not an ELF file`, 'orizon run takes a firmware image in ELF format');
  }
  if (h[4] !== 1) throw new OrizonError(`\`${path}\` is a 64-bit ELF file`, 'Orizon boards are 32-bit; build the image for a Cortex-M or RV32 target');
  return h.readUInt16LE(18);
}

export interface RunOptions {
  board?: string;
  timeout?: string;
  release?: boolean;
  target?: string;
}

export async function run(file: string | undefined, opts: RunOptions): Promise<number> {
  if (file !== undefined && !file.endsWith('.oriz')) return runImage(file, opts);
  if (file === undefined) {
    // Inside a project: build its image into target/ and run that.
    const inputs = resolveInputs('run', undefined, opts);
    const r = build({ root: inputs.root, board: inputs.board, target: inputs.target, release: inputs.release, emit: 'elf', out: inputs.out });
    if (!reportBuild(r, inputs.root)) return EXIT_FAILURE;
    return await runImage(inputs.out!, { ...opts, board: inputs.board.id });
  }
  const { board, target } = resolveBoardTarget(opts);
  const dir = mkdtempSync(join(tmpdir(), 'orizon-run-'));
  try {
    const out = join(dir, basename(file).replace(/\.oriz$/, '') + '.elf');
    const r = build({ root: file, board, target, release: opts.release === true, emit: 'elf', out });
    if (!reportBuild(r, file)) return EXIT_FAILURE;
    return await runImage(out, { ...opts, board: board.id });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runImage(file: string, opts: RunOptions): Promise<number> {
  const boardId = opts.board ?? DEFAULT_BOARD;
  const machine = simFromBoard(loadBoard(boardId));
  let timeoutMs: number | undefined;
  if (opts.timeout !== undefined) {
    const s = Number(opts.timeout);
    if (!Number.isFinite(s) || s <= 0) throw new UsageError(`invalid --timeout \`${opts.timeout}\``, 'give a positive number of seconds, e.g. --timeout 10');
    timeoutMs = s * 1000;
  }
  const em = elfMachine(file);
  const want = machine.arch === 'arm' ? EM_ARM : EM_RISCV;
  if (em !== want) {
    throw new OrizonError(`\`${file}\` is built for ${em === EM_ARM ? 'ARM' : em === EM_RISCV ? 'RISC-V' : `ELF machine ${em}`}, but board \`${boardId}\` is ${machine.arch === 'arm' ? 'ARM' : 'RISC-V'}`,
      `pick a board of the image's architecture (${loadAllBoards().filter((b) => (b.arch === 'arm' ? EM_ARM : EM_RISCV) === em).map((b) => b.id).join(', ') || 'none'})`);
  }
  const res = await runInherited(machine, file, timeoutMs);
  if (res.timedOut) {
    process.stderr.write(`error: the program was still running after ${opts.timeout}s and was stopped\nhint: raise --timeout, or make main return (or panic) to end the run\n`);
    return EXIT_TIMEOUT;
  }
  if (res.exitCode === null) {
    throw new OrizonError(`the simulator was killed by ${res.signal ?? 'a signal'}`);
  }
  return res.exitCode;
}

/**
 * QEMU with this process's stdout and stderr: the program's output streams
 * straight to them (stdout: console UART and semihosting; stderr: semihosting
 * writes to fd 2, and QEMU's own messages). Unlike a pipe read by Node (a
 * non-blocking socket, on which QEMU 7's stdio chardev drops bytes when it
 * fills), the inherited descriptors block, so no output is lost.
 */
function runInherited(machine: SimMachine, kernel: string, timeoutMs: number | undefined): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean }> {
  const exe = requireTool(machine.arch === 'arm' ? 'qemu-arm' : 'qemu-riscv32');
  const interactive = process.stdin.isTTY === true;
  return new Promise((resolve, reject) => {
    const child = spawn(exe, qemuArgs({ machine, kernel }), { stdio: [interactive ? 'inherit' : 'ignore', 'inherit', 'inherit'] });
    let timedOut = false;
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { if (timer) clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { if (timer) clearTimeout(timer); resolve({ exitCode: code, signal, timedOut }); });
  });
}
