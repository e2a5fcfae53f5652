// `npm run bench:parse`: lexing and parsing throughput on a generated
// 50,000-line program of realistic code (tests/gen, the same program
// `bench:compile` builds). Lex-only is measured in the same run as the baseline,
// so the parse/lex ratio does not depend on the machine's mood.
//
//   node --import tsx scripts/bench-parse.ts [--lines N] [--seed S] [--runs R] [--profile] [--out FILE]
//
// --profile samples the CPU (node:inspector) over several lex+parse runs, writes
// a .cpuprofile (open it in Chrome DevTools or speedscope) and prints the
// functions and files with the most self time.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PROGRAM, generateProgram } from '../tests/gen/generate.ts';
import { emitProgram } from '../tests/gen/emit.ts';
import { lex } from '../sdk/src/syntax/lexer.ts';
import { parseFile } from '../sdk/src/syntax/parse/index.ts';
import { DiagnosticBag } from '../sdk/src/diag/diagnostic.ts';
import { SourceMap, type SourceFile } from '../sdk/src/diag/source.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const TARGET_LINES_PER_S = 300_000;

function flag(name: string): boolean {
  return process.argv.includes(name);
}
function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

const lines = Number(option('--lines', String(BENCH_PROGRAM.lines)));
const seed = Number(option('--seed', String(BENCH_PROGRAM.seed)));
const runs = Number(option('--runs', '15'));

const t0 = performance.now();
const text = emitProgram(generateProgram({ seed, lines }), 'orizon');
const genMs = performance.now() - t0;
const file = new SourceMap().add(`generated-${seed}.oriz`, text);
const lineCount = file.lineCount;

function timeLex(f: SourceFile): { ms: number; tokens: number } {
  const start = performance.now();
  const r = lex(f, new DiagnosticBag());
  return { ms: performance.now() - start, tokens: r.tokenCount };
}

function timeParse(f: SourceFile): number {
  const diags = new DiagnosticBag();
  const start = performance.now();
  parseFile(f, diags);
  const ms = performance.now() - start;
  if (diags.items.length) throw new Error(`the generated program has ${diags.items.length} syntax errors: ${diags.items[0]!.message}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const rate = (n: number, ms: number): string => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`.padStart(14);

// The first lex+parse of the process runs with a cold JIT and a small heap, as
// one `orizon check` does. Then warm up both paths and alternate lex-only and
// lex+parse runs so that both see the same machine conditions.
const coldMs = timeParse(file);
let tokens = 0;
for (let i = 0; i < 3; i++) {
  tokens = timeLex(file).tokens;
  timeParse(file);
}
const lexMs: number[] = [];
const parseMs: number[] = [];
for (let i = 0; i < runs; i++) {
  lexMs.push(timeLex(file).ms);
  parseMs.push(timeParse(file));
}
const lexMed = median(lexMs);
const parseMed = median(parseMs);

console.log(`program: ${lineCount.toLocaleString('en-US')} lines, ${(text.length / 1024).toFixed(0)} KiB, ${tokens.toLocaleString('en-US')} tokens (seed ${seed}, generated in ${genMs.toFixed(0)} ms)`);
const lexMin = Math.min(...lexMs);
const parseMin = Math.min(...parseMs);
console.log(`runs: ${runs} of each (alternating) after 3 warm-up runs; median, then best and worst run`);
console.log(`lex only     median ${lexMed.toFixed(1).padStart(6)} ms ${rate(tokens, lexMed)} tokens ${rate(lineCount, lexMed)} lines   [best ${lexMin.toFixed(1)}, worst ${Math.max(...lexMs).toFixed(1)} ms]`);
console.log(`lex + parse  median ${parseMed.toFixed(1).padStart(6)} ms ${rate(tokens, parseMed)} tokens ${rate(lineCount, parseMed)} lines   [best ${parseMin.toFixed(1)}, worst ${Math.max(...parseMs).toFixed(1)} ms]`);
console.log(`parse alone  median ${(parseMed - lexMed).toFixed(1).padStart(6)} ms (difference); lex+parse / lex = ${(parseMed / lexMed).toFixed(2)} (median), ${(parseMin / lexMin).toFixed(2)} (best)`);
const linesPerS = lineCount / (parseMed / 1000);
console.log(`best run: ${rate(lineCount, parseMin).trim()} lines for lex+parse; first (cold) run of the process ${coldMs.toFixed(0)} ms = ${rate(lineCount, coldMs).trim()} lines`);
console.log(`target ${TARGET_LINES_PER_S.toLocaleString('en-US')} lines/s for lex+parse (median): ${linesPerS >= TARGET_LINES_PER_S ? 'met' : 'NOT MET'} (${(linesPerS / TARGET_LINES_PER_S).toFixed(2)}x)`);
if (Math.max(...parseMs) > 2 * parseMin) console.log('note: runs vary by more than 2x — the machine is busy; compare best runs, or rerun when it is idle');

if (flag('--profile')) await profile();

/** Samples lex+parse runs with the V8 profiler; prints the top self-time functions and files. */
async function profile(): Promise<void> {
  const out = option('--out', join(tmpdir(), 'orizon-bench-parse.cpuprofile'));
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((res, rej) => session.post(method, params ?? {}, (err, r) => (err ? rej(err) : res(r as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  for (let i = 0; i < 10; i++) timeParse(file);
  const { profile: p } = await post<{ profile: CpuProfile }>('Profiler.stop');
  session.disconnect();
  writeFileSync(out, JSON.stringify(p));

  // Self time per node: each sample's time delta goes to the node it hit.
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (us === 0) continue;
    const f = n.callFrame;
    const where = f.url.startsWith('file:') ? relative(ROOT, fileURLToPath(f.url)) : f.url;
    // Line numbers of modules loaded through tsx are not the source's: name the file only.
    const key = `${f.functionName || '(anonymous)'}  ${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const fileKey = where || f.functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number): string[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  console.log(`\nprofile of 10 lex+parse runs (${(total / 1000).toFixed(0)} ms sampled) written to ${out}`);
  console.log('top functions by self time:');
  for (const l of top(byFn, 25)) console.log(`  ${l}`);
  console.log('by file:');
  for (const l of top(byFile, 12)) console.log(`  ${l}`);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}
