import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { orizon } from '../helpers/exec.ts';
import { tool } from '../helpers/tools.ts';
import { TOOLS } from '../../sdk/src/toolchain/tools.ts';
import { findTool } from '../../sdk/src/toolchain/discover.ts';

interface DoctorJson { ok: boolean; tools: { id: string; found: boolean; path: string | null; source: string | null; version: string | null; install: string[] }[] }

test('doctor finds the installed toolchains and simulators with versions', () => {
  const r = orizon(['doctor', '--json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as DoctorJson;
  assert.equal(report.ok, true);
  for (const id of ['arm-as', 'arm-objdump', 'rv-as', 'qemu-arm', 'qemu-riscv32']) {
    const row = report.tools.find((t) => t.id === id)!;
    assert.ok(row.found, `${id} found`);
    assert.match(row.version ?? '', /\d+\.\d+/, `${id} has a version`);
  }
  const human = orizon(['doctor']);
  assert.equal(human.status, 0);
  assert.match(human.stdout, /qemu-system-arm\s+QEMU emulator version \d/);
});

test('doctor reports a tool missing from PATH with its install commands and fails', (t) => {
  // A PATH holding every tool except qemu-system-arm.
  const bin = mkdtempSync(join(tmpdir(), 'orizon-path-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  for (const spec of TOOLS) {
    if (spec.id === 'qemu-arm') continue;
    const f = findTool(spec.id);
    if (f.path) symlinkSync(f.path, join(bin, f.path.split('/').pop()!));
  }
  const r = orizon(['doctor'], { env: { ...process.env, PATH: bin } });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /missing\s+qemu-system-arm/);
  assert.match(r.stdout, /install: sudo apt-get install qemu-system-arm/);
  assert.match(r.stdout, /install: xpm install @xpack-dev-tools\/qemu-arm/);
  assert.match(r.stdout, /1 required tool\(s\) missing/);
  // Tools still on the stripped PATH are still found there.
  assert.match(r.stdout, new RegExp(`ok\\s+arm-none-eabi-as .*\\n\\s+${bin}/arm-none-eabi-as`));
});

test('tools in xpacks/.bin win over PATH', (t) => {
  const proj = mkdtempSync(join(tmpdir(), 'orizon-xpm-'));
  t.after(() => rmSync(proj, { recursive: true, force: true }));
  const xbin = join(proj, 'xpacks', '.bin');
  mkdirSync(xbin, { recursive: true });
  symlinkSync(tool('arm-as'), join(xbin, 'arm-none-eabi-as'));
  const sub = join(proj, 'src');
  mkdirSync(sub);
  const r = orizon(['doctor', '--json'], { cwd: sub });
  const row = (JSON.parse(r.stdout) as DoctorJson).tools.find((x) => x.id === 'arm-as')!;
  assert.equal(row.source, 'xpacks');
  assert.equal(dirname(row.path!), xbin);
});
