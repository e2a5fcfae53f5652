// Asks gdb (without running the target) where a source line's code is.
import { spawnSync } from 'node:child_process';
import { tool } from '../../helpers/tools.ts';

export interface LineInfo {
  /** Start address of the line's code, or undefined when gdb found none. */
  address?: number;
  /** gdb's whole output, for failure messages. */
  text: string;
}

/** Runs the gdb commands in batch mode and returns stdout + stderr. */
export function gdbBatch(elf: string, commands: string[]): string {
  const r = spawnSync(tool('gdb'), ['-batch', '-nx', '-ex', 'set width 0', ...commands.flatMap((c) => ['-ex', c]), elf], { encoding: 'utf8', timeout: 60_000 });
  return `${r.stdout}${r.stderr}`;
}

/** `info line FILE:LINE` → the line's start address. */
export function gdbInfoLine(elf: string, location: string): LineInfo {
  const text = gdbBatch(elf, [`info line ${location}`]);
  const m = /starts at address (0x[0-9a-f]+)/.exec(text);
  return { address: m ? Number(m[1]) : undefined, text };
}
