// Differential testing against rustc: generated programs (tests/gen/small.ts)
// are compiled by rustc for the host and by Orizon for QEMU (mps2-an385,
// thumbv7m), in debug and release; stdout, exit status and panic (message and
// line:col) must agree. Used by tests/differential/rustc.test.ts (a few hundred
// programs) and scripts/differential.ts (thousands, reduction of a failure).
//
// Cost model: rustc and Orizon both build a batch of programs at once. rustc's
// binary runs each program separately (its index on the command line), which
// gives the expected outcome of every program. The Orizon image runs the
// programs that finish normally one after the other, then at most one that
// panics (a panic ends the run); each further panicking program gets an image
// of its own. A batch whose output differs is re-run program by program to
// find the culprit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSmall, type SmallProgram } from '../gen/small.ts';
import { makeBatch, orizonSource, programAt, rustSource, type Batch } from './batch.ts';
import { compareOutcomes, type Outcome } from './outcome.ts';
import { CompilerPool, Limiter, runImage } from './orizon.ts';
import { runHost, rustcBuild, type Mode } from './rustc.ts';
import type { CompileReply } from './worker.ts';
import { knownIssueOf } from './known.ts';

export interface DiffOptions {
  seeds: number[];
  /** Programs per batch. */
  batchSize: number;
  modes: Mode[];
  /** QEMU instances (and batches) in flight at once. */
  jobs: number;
  /** Where sources, binaries and images go. */
  workDir: string;
  /** Board to build for and simulate (default mps2-an385, thumbv7m; microbit is thumbv6m, mps2-an386 thumbv7em). */
  board?: string;
  /** Compile workers (default 1). */
  workers?: number;
  /**
   * Panicking programs to check per batch and mode (default all). A panic ends
   * the run, so each one after the first needs an image of its own; the CI test
   * caps them to stay fast, `scripts/differential.ts` checks every one.
   */
  maxPanicking?: number;
  /** Per QEMU run. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface Disagreement {
  seed: number;
  mode: Mode;
  /** What differs, one line each (or the compiler's errors). */
  diffs: string[];
  /** The program's outcomes, when both sides ran. */
  want?: Outcome;
  got?: Outcome;
  /** The Orizon source that ran (its lines are the Rust file's). */
  source?: string;
  /** The known issue (known.ts) this is an instance of. */
  known?: string;
}

export interface DiffReport {
  programs: number;
  /** Programs compared per mode (rustc built and ran them). */
  compared: Record<Mode, number>;
  /** Of those, the ones that panic (in rustc). */
  panicking: Record<Mode, number>;
  /** Panicking programs not run on Orizon (`maxPanicking`). */
  skippedPanics: number;
  /** Generated programs rustc rejected (the generator avoids this; a few slip through its lint model). */
  rejectedByRustc: { seed: number; error: string }[];
  /** Valid Rust that Orizon rejects by design (an index proven out of bounds: E0604, see docs/language/README.md). */
  outsideRule: { seed: number; mode: Mode; error: string }[];
  disagreements: Disagreement[];
  orizonBuilds: number;
  qemuRuns: number;
}

/** Orizon errors that put a program outside the oracle rule rather than being bugs. */
const OUTSIDE_RULE = new Set(['E0604']);

export async function runDifferential(o: DiffOptions): Promise<DiffReport> {
  mkdirSync(o.workDir, { recursive: true });
  const report: DiffReport = {
    programs: o.seeds.length, compared: { debug: 0, release: 0 }, panicking: { debug: 0, release: 0 }, skippedPanics: 0,
    rejectedByRustc: [], outsideRule: [], disagreements: [], orizonBuilds: 0, qemuRuns: 0,
  };
  const compiler = new CompilerPool(o.workers ?? 1);
  const qemu = new Limiter(o.jobs);
  const batches: number[][] = [];
  for (let i = 0; i < o.seeds.length; i += o.batchSize) batches.push(o.seeds.slice(i, i + o.batchSize));
  try {
    const pool = new Limiter(o.jobs);
    await Promise.all(batches.map((seeds) => pool.run(() => new BatchRun(o, report, compiler, qemu, seeds).run())));
  } finally {
    compiler.close();
  }
  report.disagreements.sort((a, b) => a.seed - b.seed || a.mode.localeCompare(b.mode));
  return report;
}

class BatchRun {
  private batch!: Batch;
  private name: string;

  constructor(
    private readonly o: DiffOptions,
    private readonly report: DiffReport,
    private readonly compiler: CompilerPool,
    private readonly qemu: Limiter,
    private readonly seeds: number[],
  ) {
    this.name = `b${seeds[0]}`;
  }

  async run(): Promise<void> {
    const exes = await this.buildRust(this.seeds.map((s) => generateSmall(s)));
    if (!exes) return;
    for (const mode of this.o.modes) await this.checkMode(mode, exes[mode]!);
    this.o.log?.(`batch ${this.name}: ${this.batch.programs.length} programs checked`);
  }

  /** Builds the batch with rustc in every mode, dropping programs rustc rejects. */
  private async buildRust(programs: SmallProgram[]): Promise<Partial<Record<Mode, string>> | null> {
    for (let attempt = 0; attempt < 6 && programs.length; attempt++) {
      this.batch = makeBatch(programs);
      const src = join(this.o.workDir, `${this.name}.rs`);
      writeFileSync(src, rustSource(this.batch));
      const exes: Partial<Record<Mode, string>> = {};
      const results = await Promise.all(this.o.modes.map((m) => rustcBuild(src, (exes[m] = join(this.o.workDir, `${this.name}-${m}`)), m)));
      if (results.every((r) => r.ok)) return exes;
      const bad = new Set<number>();
      for (const r of results) for (const line of r.errorLines) bad.add(programAt(this.batch, line));
      if (bad.size === 0 || bad.has(-1)) throw new Error(`rustc rejected batch ${this.name} outside any program:\n${results.map((r) => r.stderr).join('\n')}`);
      for (const i of bad) {
        const stderr = results.map((r) => r.stderr).join('\n');
        const line = this.batch.ranges[i]!;
        const first = stderr.split('\n').find((l) => /^error/.test(l) && l !== 'error: aborting due to 1 previous error') ?? 'error';
        this.report.rejectedByRustc.push({ seed: programs[i]!.seed, error: `${first} (items at lines ${line[0]}-${line[1]})` });
      }
      programs = programs.filter((_, i) => !bad.has(i));
    }
    return null;
  }

  private async checkMode(mode: Mode, exe: string): Promise<void> {
    const n = this.batch.programs.length;
    const want: Outcome[] = [];
    for (let i = 0; i < n; i++) want.push(await runHost(exe, [String(i)], 20_000));
    const normal: number[] = [];
    const failing: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = want[i]!;
      if (w.status === 'timeout') {
        this.report.rejectedByRustc.push({ seed: this.batch.programs[i]!.seed, error: `runs over 20 s on the host (${mode}): a generator bug` });
        continue;
      }
      this.report.compared[mode]++;
      if (w.status === 0) normal.push(i);
      else {
        this.report.panicking[mode]++;
        failing.push(i);
      }
    }
    const groups: number[][] = [];
    const checked = failing.slice(0, this.o.maxPanicking ?? failing.length);
    this.report.skippedPanics += failing.length - checked.length;
    if (normal.length || checked.length) groups.push([...normal, ...checked.slice(0, 1)]);
    for (const i of checked.slice(1)) groups.push([i]);
    let k = 0;
    for (const g of groups) await this.checkGroup(g, mode, want, `${k++}`);
  }

  /** Builds and runs the programs `group` in one image; narrows a failure down to programs. */
  private async checkGroup(group: number[], mode: Mode, want: Outcome[], id: string): Promise<void> {
    const base = join(this.o.workDir, `${this.name}-${mode}-${id}`);
    writeFileSync(`${base}.oriz`, orizonSource(this.batch, group, true));
    this.report.orizonBuilds++;
    const built = await this.compiler.compile(`${base}.oriz`, `${base}.elf`, mode === 'release', this.o.board);
    if (!built.ok) return this.buildFailed(group, mode, want, id, built);
    this.report.qemuRuns++;
    const got = await this.qemu.run(() => runImage(`${base}.elf`, this.o.timeoutMs ?? 30_000, this.o.board));
    const expected: Outcome = {
      stdout: group.map((i) => want[i]!.stdout).join(''),
      status: want[group[group.length - 1]!]!.status,
      panic: want[group[group.length - 1]!]!.panic,
    };
    const diffs = compareOutcomes(expected, got);
    if (diffs.length === 0) return;
    if (group.length > 1) {
      for (const i of group) await this.checkGroup([i], mode, want, `${id}.${i}`);
      return;
    }
    this.disagree(group[0]!, mode, diffs, { want: expected, got, source: `${base}.oriz` });
  }

  private async buildFailed(group: number[], mode: Mode, want: Outcome[], id: string, built: CompileReply): Promise<void> {
    if (built.internal || built.errors.length === 0) {
      if (group.length > 1) {
        for (const i of group) await this.checkGroup([i], mode, want, `${id}.${i}`);
      } else {
        this.disagree(group[0]!, mode, [`orizon build failed: ${built.internal ?? 'no diagnostics'}`]);
      }
      return;
    }
    // Errors: to the programs they point into.
    const byProgram = new Map<number, CompileReply['errors']>();
    for (const e of built.errors) {
      const p = programAt(this.batch, e.line);
      byProgram.set(p, [...(byProgram.get(p) ?? []), e]);
    }
    if (byProgram.has(-1) && group.length > 1) {
      for (const i of group) await this.checkGroup([i], mode, want, `${id}.${i}`);
      return;
    }
    for (const [p, errs] of byProgram) {
      const text = errs.map((e) => `${e.code} ${e.message} at ${e.line}:${e.col}`);
      const idx = p >= 0 ? p : group[0]!;
      if (errs.every((e) => OUTSIDE_RULE.has(e.code))) {
        this.report.outsideRule.push({ seed: this.batch.programs[idx]!.seed, mode, error: text.join('; ') });
      } else {
        this.disagree(idx, mode, [`orizon rejects a program rustc accepts:`, ...text]);
      }
    }
    const rest = group.filter((i) => !byProgram.has(i));
    if (rest.length && rest.length < group.length) await this.checkGroup(rest, mode, want, `${id}r`);
  }

  private disagree(i: number, mode: Mode, diffs: string[], more: Partial<Disagreement> = {}): void {
    const seed = this.batch.programs[i]!.seed;
    const d: Disagreement = { seed, mode, diffs, ...more };
    d.known = knownIssueOf(d);
    this.report.disagreements.push(d);
    this.o.log?.(`${d.known ? `known issue ${d.known}:` : 'DISAGREE'} seed ${seed} (${mode}): ${diffs.join(' | ')}`);
  }
}

/** The report as text: counts, then every disagreement with the command that reproduces it. */
export function formatReport(r: DiffReport): string {
  const out: string[] = [];
  const modes = (Object.keys(r.compared) as Mode[]).filter((m) => r.compared[m] > 0);
  out.push(`${r.programs} programs; compared: ${modes.map((m) => `${r.compared[m]} ${m} (${r.panicking[m]} panic)`).join(', ')}; ${r.orizonBuilds} Orizon builds, ${r.qemuRuns} QEMU runs`);
  if (r.skippedPanics) out.push(`panicking programs not run on Orizon (--max-panicking): ${r.skippedPanics}`);
  if (r.rejectedByRustc.length) out.push(`rejected by rustc (generator slips, skipped): ${r.rejectedByRustc.length}`, ...r.rejectedByRustc.map((x) => `  seed ${x.seed}: ${x.error}`));
  if (r.outsideRule.length) out.push(`outside the oracle rule (skipped): ${r.outsideRule.length}`, ...r.outsideRule.map((x) => `  seed ${x.seed} (${x.mode}): ${x.error}`));
  const known = r.disagreements.filter((d) => d.known);
  const unknown = r.disagreements.filter((d) => !d.known);
  if (known.length) {
    const by = new Map<string, string[]>();
    for (const d of known) by.set(d.known!, [...(by.get(d.known!) ?? []), `${d.seed} ${d.mode}`]);
    out.push(`known issues (see tests/differential/known.ts): ${known.length}`);
    for (const [k, v] of by) out.push(`  ${k}: ${v.length} (seeds ${v.slice(0, 12).join(', ')}${v.length > 12 ? ', ...' : ''})`);
  }
  out.push(`disagreements: ${unknown.length}`);
  for (const d of unknown) {
    out.push(`  seed ${d.seed} (${d.mode}): ${d.diffs.join('\n      ')}`);
    out.push(`      reproduce: node --import tsx scripts/differential.ts --seed ${d.seed} --modes ${d.mode} --keep /tmp/orizon-diff`);
  }
  return out.join('\n');
}
