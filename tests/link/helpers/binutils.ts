// Runs a binutils program for an architecture and insists on a clean run: exit
// status 0 and nothing on stderr (binutils print their warnings there).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tool } from '../../helpers/tools.ts';
import type { Arch } from '../../../sdk/src/link/object.ts';

/** `name` is readelf, objdump, nm, size, ...; found next to the arch's objdump. */
export function binutil(arch: Arch, name: string, args: string[]): string {
  const exe = tool(arch === 'arm' ? 'arm-objdump' : 'rv-objdump').replace(/objdump$/, name);
  const r = spawnSync(exe, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${name} ${args.join(' ')} failed:\n${r.stderr}`);
  assert.equal(r.stderr, '', `${name} ${args.join(' ')} warned:\n${r.stderr}`);
  assert.doesNotMatch(r.stdout, /warning/i, `${name} printed a warning`);
  return r.stdout;
}
