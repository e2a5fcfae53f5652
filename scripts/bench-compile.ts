// `npm run bench:compile`: how fast `orizon build` compiles the 50,000-line
// benchmark program (BENCH_PROGRAM, tests/gen) against rustc, go build and
// arm-none-eabi-gcc compiling the same program, emitted in their languages
// (tests/gen/emit*.ts), all measured in the same run.
//
//   node --import tsx scripts/bench-compile.ts [--runs 5] [--lines 50000] [--seed 2024] [--release] [--keep DIR]
//
// What is timed (each tool once to warm up, then --runs rounds, the tools taking
// turns within a round so that all see the same machine):
// - orizon: `sdk/bin/orizon.js build bench.oriz -o bench.elf`, the bin through
//   its shebang as a user runs it: Node start-up, front end, IR, Thumb-2 code,
//   link, ELF (debug, like the others' -O0; --release adds a release row).
// - rustc: `rustc --edition 2021 -C opt-level=0 -o bench bench.rs`, a full host
//   build (compile and link, like `orizon build`); `--emit=obj` (no link) is a
//   second row.
// - go: `go build` with GOOS=linux GOARCH=arm. The cache is warm (the standard
//   library is compiled once before timing), and a comment with the run number
//   is appended to main.go before each build so the program itself is compiled
//   every time, not taken from the cache.
// - gcc: `arm-none-eabi-gcc -std=c99 -O0 -mcpu=cortex-m3 -mthumb -c bench.c`.
// A missing peer is skipped with the reason.
//
// Two clocks: wall time (the acceptance figure: on an idle machine it is what a
// user waits) and CPU time (user + system of the process tree, from bash's
// `times`), which a busy machine disturbs much less. Ratios are peer / orizon
// medians: 10x means orizon build takes a tenth of the peer's time.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PROGRAM, generateProgram } from '../tests/gen/generate.ts';
import { EMITTERS } from '../tests/gen/emit.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const ORIZON = join(ROOT, 'sdk/bin/orizon.js');
/** Acceptance targets of issue 5: orizon build at least this many times faster. */
const TARGETS: Record<string, number> = { 'rustc -O0': 10, 'go build': 2 };

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

interface Tool {
  name: string;
  /** The source it compiles (lines are counted there). */
  file: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  cwd: string;
  /** Called before every run (go: touch the source). */
  before?: (run: number) => void;
  skip?: string;
}

interface Sample { wall: number; cpu: number }

const lines = Number(option('--lines', String(BENCH_PROGRAM.lines)));
const seed = Number(option('--seed', String(BENCH_PROGRAM.seed)));
const runs = Number(option('--runs', '5'));
const keep = process.argv.indexOf('--keep') >= 0 ? option('--keep', '') : '';
const dir = keep || mkdtempSync(join(tmpdir(), 'orizon-bench-compile-'));
mkdirSync(dir, { recursive: true });

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Runs argv under bash so that `times` reports the CPU time of the whole process tree. */
function timed(t: Tool): Sample & { status: number; stderr: string } {
  const quoted = t.argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const start = performance.now();
  const r = spawnSync('bash', ['-c', `${quoted} >/dev/null 2>"$ERRFILE"; s=$?; times >&2; exit $s`], {
    cwd: t.cwd, env: { ...process.env, ...t.env, ERRFILE: join(dir, 'stderr.txt') }, encoding: 'utf8', maxBuffer: 1 << 26,
  });
  const wall = performance.now() - start;
  // `times`: the shell's user/sys, then its children's.
  const m = [...r.stderr.matchAll(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/g)];
  const kids = m[m.length - 1];
  const cpu = kids ? (Number(kids[1]) * 60 + Number(kids[2]) + Number(kids[3]) * 60 + Number(kids[4])) * 1000 : NaN;
  const stderr = readFileSync(join(dir, 'stderr.txt'), 'utf8').slice(0, 4000);
  return { wall, cpu, status: r.status ?? 1, stderr };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function countLines(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

// ---------------------------------------------------------------- sources

const program = generateProgram({ seed, lines });
const sources: Record<string, { file: string; lines: number }> = {};
for (const [lang, em] of Object.entries(EMITTERS)) {
  const sub = lang === 'go' ? join(dir, 'go') : dir;
  mkdirSync(sub, { recursive: true });
  const file = join(sub, lang === 'go' ? 'main.go' : `bench.${em.ext}`);
  const text = em.emit(program);
  writeFileSync(file, text);
  sources[lang] = { file, lines: countLines(text) };
}
writeFileSync(join(dir, 'go', 'go.mod'), 'module bench\n\ngo 1.18\n');

const goEnv = { GOOS: 'linux', GOARCH: 'arm', GOARM: '7', CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' };
const tools: Tool[] = [
  { name: 'orizon build', file: sources.orizon!.file, cwd: dir, argv: [ORIZON, 'build', 'bench.oriz', '-o', 'bench.elf'] },
  ...(process.argv.includes('--release') ? [{ name: 'orizon build --release', file: sources.orizon!.file, cwd: dir, argv: [ORIZON, 'build', '--release', 'bench.oriz', '-o', 'bench-release.elf'] }] : []),
  { name: 'rustc -O0', file: sources.rust!.file, cwd: dir, argv: ['rustc', '--edition', '2021', '-C', 'opt-level=0', '-A', 'warnings', '-o', 'bench-host', 'bench.rs'], skip: which('rustc') ? undefined : 'rustc is not installed (https://rustup.rs)' },
  { name: 'rustc -O0 --emit=obj', file: sources.rust!.file, cwd: dir, argv: ['rustc', '--edition', '2021', '-C', 'opt-level=0', '-A', 'warnings', '--emit=obj', '-o', 'bench-host.o', 'bench.rs'], skip: which('rustc') ? undefined : 'rustc is not installed' },
  {
    name: 'go build', file: sources.go!.file, cwd: join(dir, 'go'), env: goEnv, argv: ['go', 'build', '-o', 'bench-arm', '.'],
    before: (run) => appendFileSync(sources.go!.file, `// run ${run}\n`),
    skip: which('go') ? undefined : 'go is not installed (apt-get install golang-go)',
  },
  { name: 'arm-none-eabi-gcc -O0 -c', file: sources.c!.file, cwd: dir, argv: ['arm-none-eabi-gcc', '-std=c99', '-O0', '-mcpu=cortex-m3', '-mthumb', '-w', '-c', 'bench.c', '-o', 'bench-c.o'], skip: which('arm-none-eabi-gcc') ? undefined : 'arm-none-eabi-gcc is not installed (scripts/install-system-deps.sh)' },
];
const active = tools.filter((t) => !t.skip);

// ---------------------------------------------------------------- runs

const load0 = loadavg()[0]!;
console.log(`program: seed ${seed}, ${sources.orizon!.lines.toLocaleString('en-US')} lines of Orizon (Rust ${sources.rust!.lines.toLocaleString('en-US')}, Go ${sources.go!.lines.toLocaleString('en-US')}, C ${sources.c!.lines.toLocaleString('en-US')}); files in ${dir}`);
console.log(`machine: ${availableParallelism()} CPUs, load average ${load0.toFixed(1)} at start`);
for (const t of tools) if (t.skip) console.log(`skipped ${t.name}: ${t.skip}`);

// Warm-up: one build each (for go, this also fills the build cache with the standard library).
let failed = false;
for (const t of active) {
  t.before?.(0);
  const r = timed(t);
  if (r.status !== 0) {
    console.log(`\n${t.name} failed (exit ${r.status}); first errors:\n${r.stderr.split('\n').slice(0, 30).join('\n')}`);
    if (t.name.startsWith('orizon')) failed = true;
    t.skip = `failed (exit ${r.status})`;
  }
}
const samples = new Map<Tool, Sample[]>(active.map((t) => [t, []]));
for (let run = 1; run <= runs; run++) {
  for (const t of active) {
    if (t.skip) continue;
    t.before?.(run);
    const r = timed(t);
    samples.get(t)!.push(r);
  }
}
const load1 = loadavg()[0]!;

// ---------------------------------------------------------------- report

const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(9);
const rate = (n: number, ms: number): string => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}`.padStart(9);
const oz = active.find((t) => t.name === 'orizon build' && !t.skip);
const ozWall = oz ? median(samples.get(oz)!.map((s) => s.wall)) : NaN;
const ozCpu = oz ? median(samples.get(oz)!.map((s) => s.cpu)) : NaN;
const ozLines = sources.orizon!.lines;

console.log(`\nmedian of ${runs} runs     wall     cpu   lines/s (own)  lines/s (50k)   vs orizon: wall    cpu`);
for (const t of active) {
  if (t.skip) continue;
  const ss = samples.get(t)!;
  const wall = median(ss.map((s) => s.wall));
  const cpu = median(ss.map((s) => s.cpu));
  const own = countLines(readFileSync(t.file, 'utf8'));
  const ratio = t === oz ? '' : `${(wall / ozWall).toFixed(1).padStart(7)}x ${(cpu / ozCpu).toFixed(1).padStart(6)}x`;
  console.log(`${t.name.padEnd(26)}${fmtS(wall)}${fmtS(cpu)}  ${rate(own, wall)} (${own})  ${rate(ozLines, wall)}      ${ratio}`);
}
console.log(`\nload average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${availableParallelism()} CPUs${load1 > availableParallelism() ? ': the machine was busy; wall times are inflated, compare the CPU-time ratios (or rerun on an idle machine)' : ''}`);
for (const [name, target] of Object.entries(TARGETS)) {
  const t = active.find((x) => x.name === name && !x.skip);
  if (!t || !oz) {
    console.log(`target ${name}: ≥ ${target}x — not measured`);
    continue;
  }
  const ss = samples.get(t)!;
  const w = median(ss.map((s) => s.wall)) / ozWall;
  const c = median(ss.map((s) => s.cpu)) / ozCpu;
  console.log(`target orizon build ≥ ${target}x faster than ${name}: wall ${w.toFixed(1)}x ${w >= target ? 'MET' : 'NOT MET'}, cpu ${c.toFixed(1)}x ${c >= target ? 'MET' : 'NOT MET'}`);
}
if (!keep) rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
