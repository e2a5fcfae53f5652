// GNU as as the oracle: assemble a source for a profile's CPU and read back
// the object, plus the line numbers GNU as rejected.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from '../../helpers/tools.ts';
import { readElf, type ElfObject } from './elf.ts';
import type { ProfileName } from '../../../sdk/src/target/thumb/profile.ts';
import { PROFILES } from '../../../sdk/src/target/thumb/profile.ts';

export interface GasResult {
  elf: ElfObject | undefined;
  /** Error messages by 1-based source line. */
  errors: Map<number, string>;
  stderr: string;
}

export const PRELUDE = '.syntax unified\n.thumb\n';

/** Assembles `src`; when some lines fail, assembles again without them so the
 *  bytes of the accepted lines are still available (line numbers unchanged).
 *  A rejected instruction inside an IT block leaves GNU as expecting the rest
 *  of the block, which makes the next IT fail too; such follow-on errors are
 *  retried once the line that caused them is gone. */
export function gas(src: string, prof: ProfileName): GasResult {
  const lines = src.split('\n');
  const errors = new Map<number, string>();
  let stderr = '';
  for (let round = 0; round < 8; round++) {
    const r = gasOnce(lines.join('\n'), prof);
    stderr += r.stderr;
    if (r.elf) return { elf: r.elf, errors, stderr };
    const cascade = (msg: string): boolean => /IT falling in the range of a previous IT block|instruction not allowed in IT block|thumb conditional instruction should be in IT block|incorrect condition in IT block/.test(msg);
    const real = [...r.errors].filter(([, msg]) => !cascade(msg));
    let progress = false;
    // Follow-on IT errors wait for a round without their cause; if nothing else failed, they are real.
    for (const [line, msg] of real.length > 0 ? real : [...r.errors]) {
      errors.set(line, msg);
      lines[line - 1] = `@ ${lines[line - 1]}`;
      progress = true;
    }
    if (!progress) return { elf: undefined, errors, stderr };
  }
  return { elf: undefined, errors, stderr };
}

function gasOnce(src: string, prof: ProfileName): GasResult {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-gas-'));
  try {
    const s = join(dir, 't.s');
    const o = join(dir, 't.o');
    writeFileSync(s, src);
    const r = spawnSync(tool('arm-as'), ['-mthumb', `-mcpu=${PROFILES[prof].cpu}`, '-o', o, s], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const errors = new Map<number, string>();
    for (const line of r.stderr.split('\n')) {
      const m = /^.*?t\.s:(\d+): Error: (.*)$/.exec(line);
      if (m) errors.set(Number(m[1]), m[2]!);
    }
    let elf: ElfObject | undefined;
    if (r.status === 0) elf = readElf(new Uint8Array(readFileSync(o)));
    return { elf, errors, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `objdump -d` of a raw Thumb binary (for the "no .word / UNDEFINED" check). */
export function objdumpRaw(bytes: Uint8Array, prof: ProfileName): string {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-objdump-'));
  try {
    const f = join(dir, 'code.bin');
    writeFileSync(f, bytes);
    return execFileSync(tool('arm-objdump'), ['-D', '-b', 'binary', '-m', 'arm', '-M', 'force-thumb', `--disassembler-options=force-thumb`, f], { encoding: 'utf8', maxBuffer: 1 << 28 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  void prof;
}
