// `npm run bench:codegen`: the code Orizon generates, against GCC. Small
// kernels (bench/kernels/<name>.oriz and the same algorithm in <name>.c) are
// built with `orizon build --release` and with arm-none-eabi-gcc -O2 and -Os
// for thumbv7m (mps2-an385, Cortex-M3), then run under QEMU.
//
//   node --import tsx scripts/bench-codegen.ts [--kernels crc32,sieve] [--keep DIR]
//
// Two figures per kernel and build:
// - executed instructions, exactly: QEMU runs one instruction per translation
//   block and logs each (sdk/src/sim/trace.ts); counted from the first
//   instruction of `bench_start` to the first of `bench_end`, i.e. the kernel
//   call plus a few instructions of marker overhead, the same on both sides.
// - code size: the kernel function's symbol size (`arm-none-eabi-nm -S`).
//   Helpers the kernel calls are listed, not counted (Orizon's panic helpers
//   for bounds checks, for example).
// Both programs print the kernel's result; the table says whether they agree.
// Ratios are Orizon / GCC: 1.20x means 20% more instructions (or bytes) than GCC.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simMachine } from '../sdk/src/sim/machines.ts';
import { countExecuted } from '../sdk/src/sim/trace.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const KDIR = join(ROOT, 'bench/kernels');
const ORIZON = join(ROOT, 'sdk/bin/orizon.js');
/** First target of issue 5: executed instructions within this factor of gcc -O2. */
const TARGET = 1.5;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const all = readdirSync(KDIR).filter((f) => f.endsWith('.oriz')).map((f) => f.slice(0, -5)).sort();
const kernels = option('--kernels')?.split(',') ?? all;
const keep = option('--keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'orizon-bench-codegen-'));
mkdirSync(dir, { recursive: true });

interface Build { name: string; build(kernel: string, out: string): { ok: boolean; log: string } }

function sh(cmd: string, args: string[], cwd = KDIR): { ok: boolean; log: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ok: r.status === 0, log: `${r.stdout}${r.stderr}`.trim() };
}

const gcc = (opt: string): Build => ({
  name: `gcc ${opt}`,
  build: (k, out) => sh('arm-none-eabi-gcc', ['-mcpu=cortex-m3', '-mthumb', opt, '-ffreestanding', '-nostdlib', '-T', 'runtime/link.ld', 'runtime/startup.c', `${k}.c`, '-o', out, '-lgcc']),
});
const BUILDS: Build[] = [
  { name: 'orizon --release', build: (k, out) => sh(ORIZON, ['build', '--release', `${k}.oriz`, '-o', out]) },
  gcc('-O2'),
  gcc('-Os'),
];

interface Sym { addr: number; size: number }

function symbols(elf: string): Map<string, Sym> {
  const out = new Map<string, Sym>();
  const r = spawnSync('arm-none-eabi-nm', ['-S', elf], { encoding: 'utf8' });
  for (const line of r.stdout.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) [tT] (\S+)$/.exec(line.trim());
    if (m) out.set(m[3]!, { addr: parseInt(m[1]!, 16), size: parseInt(m[2]!, 16) });
  }
  return out;
}

/** Functions the kernel calls (`bl`/`b.w` to another symbol). */
function callees(elf: string, sym: string): string[] {
  const r = spawnSync('arm-none-eabi-objdump', ['-d', `--disassemble=${sym}`, elf], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const names = new Set<string>();
  for (const m of r.stdout.matchAll(/\bbl?(?:\.w)?\s+[0-9a-f]+ <([^+>]+)>/g)) if (m[1] !== sym) names.add(m[1]!);
  return [...names];
}

interface Result { instr: number; size: number; output: string; calls: string[]; error?: string }

async function measure(kernel: string, b: Build): Promise<Result> {
  const elf = join(dir, `${kernel}-${b.name.replace(/[^a-z0-9]+/gi, '_')}.elf`);
  const built = b.build(kernel, elf);
  if (!built.ok) return { instr: NaN, size: NaN, output: '', calls: [], error: built.log.split('\n').slice(0, 8).join('\n') };
  const syms = symbols(elf);
  const k = syms.get(kernel);
  const from = syms.get('bench_start');
  const to = syms.get('bench_end');
  if (!k || !from || !to) return { instr: NaN, size: NaN, output: '', calls: [], error: `symbols missing in ${elf} (${kernel}, bench_start, bench_end)` };
  const t = await countExecuted({ machine: simMachine('mps2-an385'), kernel: elf, timeoutMs: 120_000 }, { from: from.addr, to: to.addr });
  if (t.counts.length !== 1) return { instr: NaN, size: k.size, output: t.run.output, calls: [], error: `expected one bench_start..bench_end window, saw ${t.counts.length}` };
  return { instr: t.counts[0]!, size: k.size, output: t.run.output.trim(), calls: callees(elf, kernel) };
}

const load0 = loadavg()[0]!;
const rows: { kernel: string; r: Result[] }[] = [];
for (const kernel of kernels) {
  const r: Result[] = [];
  for (const b of BUILDS) r.push(await measure(kernel, b));
  rows.push({ kernel, r });
  for (const [i, x] of r.entries()) if (x.error) console.log(`${kernel} (${BUILDS[i]!.name}): ${x.error}`);
}

const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : '—');
const num = (n: number): string => (Number.isFinite(n) ? n.toLocaleString('en-US') : '—');
console.log(`\nexecuted instructions (bench_start → bench_end), thumbv7m on QEMU mps2-an385`);
console.log(`${'kernel'.padEnd(16)}${'orizon'.padStart(10)}${'gcc -O2'.padStart(10)}${'gcc -Os'.padStart(10)}${'vs -O2'.padStart(9)}${'vs -Os'.padStart(9)}   result`);
for (const { kernel, r } of rows) {
  const [oz, o2, os] = r as [Result, Result, Result];
  const agree = oz.output && oz.output === o2.output && o2.output === os.output ? 'same' : `DIFFERS (${oz.output} / ${o2.output} / ${os.output})`;
  console.log(`${kernel.padEnd(16)}${num(oz.instr).padStart(10)}${num(o2.instr).padStart(10)}${num(os.instr).padStart(10)}${ratio(oz.instr, o2.instr).padStart(9)}${ratio(oz.instr, os.instr).padStart(9)}   ${agree}`);
}
console.log(`\nkernel code size (bytes, symbol size)`);
console.log(`${'kernel'.padEnd(16)}${'orizon'.padStart(10)}${'gcc -O2'.padStart(10)}${'gcc -Os'.padStart(10)}${'vs -O2'.padStart(9)}${'vs -Os'.padStart(9)}   orizon kernel calls`);
for (const { kernel, r } of rows) {
  const [oz, o2, os] = r as [Result, Result, Result];
  console.log(`${kernel.padEnd(16)}${num(oz.size).padStart(10)}${num(o2.size).padStart(10)}${num(os.size).padStart(10)}${ratio(oz.size, o2.size).padStart(9)}${ratio(oz.size, os.size).padStart(9)}   ${oz.calls.join(', ') || '-'}`);
}
const geo = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const ok = rows.filter(({ r }) => Number.isFinite(r[0]!.instr) && Number.isFinite(r[1]!.instr));
if (ok.length) {
  const instr = ok.map(({ r }) => r[0]!.instr / r[1]!.instr);
  const size = ok.map(({ r }) => r[0]!.size / r[1]!.size);
  console.log(`\ngeometric mean vs gcc -O2: instructions ${geo(instr).toFixed(2)}x, size ${geo(size).toFixed(2)}x`);
  const within = ok.filter(({ r }) => r[0]!.instr / r[1]!.instr <= TARGET).map(({ kernel }) => kernel);
  const over = ok.filter(({ r }) => r[0]!.instr / r[1]!.instr > TARGET).map(({ kernel }) => kernel);
  console.log(`target (executed instructions within ${TARGET}x of gcc -O2): ${over.length === 0 ? 'MET' : 'NOT MET'} — within: ${within.join(', ') || 'none'}; over: ${over.join(', ') || 'none'}`);
}
console.log(`(instruction counts do not depend on machine load; load average ${load0.toFixed(1)})`);
if (!keep) rmSync(dir, { recursive: true, force: true });
process.exitCode = rows.some(({ r }) => r.some((x) => x.error)) ? 1 : 0;
