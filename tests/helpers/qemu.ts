// The shared QEMU helper for tests: boots an image on a board's machine with a
// timeout and returns console output and exit status (see sdk/src/sim/qemu.ts).
import { simMachine } from '../../sdk/src/sim/machines.ts';
import { runQemu, type QemuResult } from '../../sdk/src/sim/qemu.ts';

export async function runOnBoard(board: string, kernel: string, opts: { timeoutMs?: number; icount?: number } = {}): Promise<QemuResult> {
  const machine = simMachine(board);
  if (!machine) throw new Error(`unknown board ${board}`);
  return runQemu({ machine, kernel, timeoutMs: opts.timeoutMs ?? 30_000, icount: opts.icount });
}
