// Seeded token-mutation fuzzing of the lexer and parser.
//
// A case takes a valid program (the corpus tests/programs/*.oriz plus a generated
// one), deletes, duplicates or swaps random tokens (token boundaries from the
// lexer; the whitespace between tokens is kept) or drops in a stray character,
// then lexes and parses the result. The front end must not throw, every
// diagnostic span (primary, secondary, suggestion) must lie inside the file, and
// the printer must cope with the recovered AST. Hangs are caught by the caller
// (tests/syntax/mutation.test.ts runs this as a child process with a watchdog).
//
// Case `seed` is fully determined by its number, so a failure reproduces with
//   node --import tsx tests/gen/fuzz.ts --seed N --cases 1 --verbose
// and more cases run with `--cases 100000` (or ORIZON_FUZZ_CASES in the test).
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './prng.ts';
import { generateProgram } from './generate.ts';
import { emitProgram } from './emit.ts';
import { lex } from '../../sdk/src/syntax/lexer.ts';
import { parseSource } from '../../sdk/src/syntax/parse/index.ts';
import { printAst } from '../../sdk/src/syntax/printer.ts';
import { DiagnosticBag } from '../../sdk/src/diag/diagnostic.ts';
import { SourceMap } from '../../sdk/src/diag/source.ts';
import type { Span } from '../../sdk/src/diag/source.ts';

export interface FuzzInput {
  name: string;
  text: string;
  /** Token boundaries [start, end) from the lexer, in order. */
  tokens: [number, number][];
}

export interface FuzzCase {
  seed: number;
  input: string;
  mutations: string[];
  text: string;
}

export interface FuzzFailure {
  seed: number;
  input: string;
  mutations: string[];
  error: string;
}

const PROGRAMS = resolve(fileURLToPath(import.meta.url), '../../programs');
/** Characters that open or close things: the lexer's error paths (unterminated string, comment, ...). */
const STRAY = ['"', "'", '/*', '*/', '{', '}', '(', ')', '[', ']', '#', '!', '\\', 'r#"', 'b\'', '@', '$', '`', '\u00e9', '0x'];

/** The seed programs: the corpus and one generated program. */
export function loadInputs(): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  for (const f of readdirSync(PROGRAMS).filter((x) => x.endsWith('.oriz')).sort()) {
    inputs.push(tokenize(f, readFileSync(resolve(PROGRAMS, f), 'utf8')));
  }
  inputs.push(tokenize('generated-7.oriz', emitProgram(generateProgram({ seed: 7, lines: 250 }), 'orizon')));
  return inputs;
}

function tokenize(name: string, text: string): FuzzInput {
  const file = new SourceMap().add(name, text);
  const tokens: [number, number][] = [];
  for (let t = lex(file, new DiagnosticBag()).first; t.next; t = t.next) tokens.push([t.start, t.end]);
  return { name, text, tokens };
}

/** Builds case `seed`: one to three mutations of one input. */
export function makeCase(inputs: FuzzInput[], seed: number): FuzzCase {
  const r = new Rng(seed);
  const input = r.pick(inputs);
  const n = input.tokens.length;
  // Replacement text per token; the gaps between tokens stay as they were.
  const texts = input.tokens.map(([s, e]) => input.text.slice(s, e));
  const inserts = new Map<number, string>();
  const mutations: string[] = [];
  for (let m = r.range(1, 3); m > 0; m--) {
    const k = r.int(n);
    const op = r.weighted<string>([[4, 'delete'], [3, 'duplicate'], [3, 'swap'], [1, 'stray']]);
    if (op === 'delete') {
      mutations.push(`delete token ${k} \`${texts[k]}\``);
      texts[k] = '';
    } else if (op === 'duplicate') {
      mutations.push(`duplicate token ${k} \`${texts[k]}\``);
      texts[k] = `${texts[k]} ${texts[k]}`;
    } else if (op === 'swap') {
      const j = r.chance(0.5) ? Math.min(n - 1, k + 1) : r.int(n);
      mutations.push(`swap tokens ${k} \`${texts[k]}\` and ${j} \`${texts[j]}\``);
      [texts[k], texts[j]] = [texts[j]!, texts[k]!];
    } else {
      const c = r.pick(STRAY);
      mutations.push(`insert \`${c}\` before token ${k}`);
      inserts.set(k, (inserts.get(k) ?? '') + c);
    }
  }
  let out = '';
  let prev = 0;
  input.tokens.forEach(([s, e], i) => {
    out += input.text.slice(prev, s) + (inserts.get(i) ?? '') + texts[i];
    prev = e;
  });
  out += input.text.slice(prev);
  return { seed, input: input.name, mutations, text: out };
}

/** Lexes, parses and prints the case: what went wrong (null if nothing) and how many diagnostics it gave. */
export function checkCase(c: FuzzCase): { error: string | null; diagnostics: number } {
  let result;
  try {
    result = parseSource(c.input, c.text);
  } catch (e) {
    return { error: `the parser threw: ${(e as Error).stack ?? e}`, diagnostics: 0 };
  }
  const error = checkResult(c, result);
  return { error, diagnostics: result.diags.items.length };
}

function checkResult(c: FuzzCase, result: ReturnType<typeof parseSource>): string | null {
  const len = c.text.length;
  const bad = (s: Span): boolean =>
    s.file !== 0 || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.start > s.end || s.end > len;
  for (const d of result.diags.items) {
    const spans: [string, Span][] = [
      ['primary', d.primary.span],
      ...d.secondary.map((l): [string, Span] => ['secondary', l.span]),
      ...d.suggestions.map((s): [string, Span] => ['suggestion', s.span]),
    ];
    for (const [what, s] of spans) {
      if (bad(s)) return `${d.code} "${d.message}": ${what} span ${JSON.stringify(s)} is outside the file (length ${len})`;
    }
    if (!d.message) return `${d.code}: empty message`;
  }
  try {
    printAst(result.ast);
  } catch (e) {
    return `the printer threw on the recovered AST: ${(e as Error).stack ?? e}`;
  }
  return null;
}

export interface FuzzRun {
  failures: FuzzFailure[];
  cases: number;
  /** Cases that produced at least one diagnostic (a mutation can leave a program valid). */
  withDiagnostics: number;
}

/** Runs cases seed .. seed+cases-1; `progress(i)` is called before case i (for a watchdog). */
export function runFuzz(seed: number, cases: number, progress: (i: number) => void = () => {}): FuzzRun {
  const inputs = loadInputs();
  const failures: FuzzFailure[] = [];
  let withDiagnostics = 0;
  for (let i = 0; i < cases; i++) {
    progress(i);
    const c = makeCase(inputs, seed + i);
    const { error, diagnostics } = checkCase(c);
    if (error) failures.push({ seed: c.seed, input: c.input, mutations: c.mutations, error });
    else if (diagnostics > 0) withDiagnostics++;
  }
  return { failures, cases, withDiagnostics };
}

// ------------------------------------------------------------ command line

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, dflt: number): number => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const seed = arg('--seed', 1);
  const cases = arg('--cases', 1000);
  if (process.argv.includes('--ipc') && process.send) {
    // Child of tests/syntax/mutation.test.ts: report progress (for its hang watchdog) and the result.
    const send = process.send.bind(process);
    const run = runFuzz(seed, cases, (i) => {
      if (i % 10 === 0) send({ progress: i });
    });
    send({ run }, () => process.exit(0));
  } else if (process.argv.includes('--verbose')) {
    const c = makeCase(loadInputs(), seed);
    console.log(`case ${seed}: ${c.input}: ${c.mutations.join('; ')}\n----\n${c.text}\n----`);
  }
  if (!process.argv.includes('--ipc')) {
    const t0 = performance.now();
    const run = runFuzz(seed, cases);
    const ms = performance.now() - t0;
    for (const f of run.failures) console.log(`FAIL seed ${f.seed} (${f.input}: ${f.mutations.join('; ')}): ${f.error}`);
    console.log(`${run.cases} cases from seed ${seed}: ${run.failures.length} failures, ${run.withDiagnostics} with diagnostics, ${(ms / 1000).toFixed(1)} s`);
    process.exit(run.failures.length ? 1 : 0);
  }
}
