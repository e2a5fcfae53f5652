// Exact executed-instruction counts under QEMU, for benchmarks (codegen, RTOS).
// QEMU runs with one instruction per translation block (`-singlestep`) and
// logs every executed block (`-d exec,nochain`), so each `Trace` line is one
// executed instruction. An instruction logged and then abandoned because an
// interrupt was pending is followed by a `Stopped execution of TB chain`
// line; it did not execute and is not counted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQemu, type QemuOptions, type QemuResult } from './qemu.ts';

export interface TraceWindow {
  /** Address of the first instruction counted (Thumb bit ignored). */
  from: number;
  /** Address where counting stops (that instruction is not counted). */
  to: number;
}

export interface TraceCount {
  /** One count per window occurrence, in execution order. */
  counts: number[];
  /** Total executed instructions in the whole run. */
  total: number;
  run: QemuResult;
}

const TRACE = 'Trace ';
const STOPPED = 'Stopped execution of TB chain';

/** PCs of the executed instructions in a QEMU `-d exec,nochain` log, abandoned ones removed. */
export function executedPcs(log: string): number[] {
  const pcs: number[] = [];
  let start = 0;
  while (start < log.length) {
    let end = log.indexOf('\n', start);
    if (end < 0) end = log.length;
    if (log.startsWith(TRACE, start)) {
      // Trace 0: 0x7f1dc8000100 [00800400/00000008/00000110/ff000201]
      const lb = log.indexOf('[', start);
      const s1 = log.indexOf('/', lb);
      const s2 = log.indexOf('/', s1 + 1);
      if (lb > 0 && s1 > 0 && s2 > 0 && s2 < end) pcs.push(parseInt(log.slice(s1 + 1, s2), 16));
    } else if (log.startsWith(STOPPED, start)) {
      pcs.pop();
    }
    start = end + 1;
  }
  return pcs;
}

/** Counts instructions in every [from, to) window of the executed PC stream. */
export function countWindows(pcs: readonly number[], w: TraceWindow): number[] {
  const from = w.from & ~1;
  const to = w.to & ~1;
  const counts: number[] = [];
  let inside = -1;
  for (let k = 0; k < pcs.length; k++) {
    const pc = pcs[k]!;
    if (inside >= 0) {
      if (pc === to) { counts.push(k - inside); inside = -1; }
    } else if (pc === from) {
      inside = k;
    }
  }
  return counts;
}

export async function countExecuted(o: QemuOptions, w: TraceWindow): Promise<TraceCount> {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-trace-'));
  try {
    const log = join(dir, 'trace.log');
    const run = await runQemu({ ...o, extraArgs: [...(o.extraArgs ?? []), '-singlestep', '-d', 'exec,nochain', '-D', log] });
    const pcs = executedPcs(readFileSync(log, 'utf8'));
    return { counts: countWindows(pcs, w), total: pcs.length, run };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
