// Differential testing against rustc, on demand (the CI test runs a few hundred
// programs; this runs as many as asked). See tests/differential/harness.ts.
//
//   node --import tsx scripts/differential.ts [--count 2000] [--from 1] [--batch 12]
//        [--modes debug,release] [--jobs 2] [--workers 2] [--max-panicking N] [--keep DIR]
//        [--board mps2-an385|microbit|mps2-an386]
//   node --import tsx scripts/differential.ts --seed S [--modes debug]   one program, its files kept
//   node --import tsx scripts/differential.ts --show S                   print program S (Rust = Orizon)
//   node --import tsx scripts/differential.ts --reduce S --mode debug [--save NAME]
//        minimise the disagreement of program S; --save writes tests/programs/NAME.oriz
//        with its .stdout/.status from rustc
//
// Exit status 1 when a disagreement that is not a known issue (tests/differential/known.ts) is found.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSmall, standaloneSmall } from '../tests/gen/small.ts';
import { formatReport, runDifferential } from '../tests/differential/harness.ts';
import { reduceProgram, rustcExpectation } from '../tests/differential/reduce.ts';
import { rustcAvailable, type Mode } from '../tests/differential/rustc.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (!rustcAvailable()) {
    process.stderr.write('error: rustc is not installed (https://rustup.rs); the differential test needs it as the oracle\n');
    return 2;
  }
  const show = opt('--show');
  if (show !== undefined) {
    process.stdout.write(standaloneSmall(generateSmall(Number(show))));
    return 0;
  }
  const reduce = opt('--reduce');
  if (reduce !== undefined) {
    const mode = (opt('--mode') ?? 'debug') as Mode;
    const r = await reduceProgram(standaloneSmall(generateSmall(Number(reduce))), mode, (l) => process.stderr.write(l + '\n'));
    if (!r) {
      process.stderr.write(`seed ${reduce} (${mode}): no disagreement to reduce\n`);
      return 1;
    }
    process.stdout.write(r.source);
    process.stderr.write(`reduced to ${r.source.split('\n').length} lines: ${r.diffs.join(' | ')}\n`);
    const save = opt('--save');
    if (save) {
      const base = join(ROOT, 'tests/programs', save);
      const expect = await rustcExpectation(r.source, mode);
      writeFileSync(`${base}.oriz`, r.source);
      writeFileSync(`${base}.stdout`, expect.stdout);
      writeFileSync(`${base}.status`, `${expect.status}\n`);
      process.stderr.write(`wrote ${base}.oriz, .stdout, .status\n`);
    }
    return 0;
  }
  const single = opt('--seed');
  const from = Number(opt('--from') ?? 1);
  const count = Number(opt('--count') ?? 2000);
  const seeds = single !== undefined ? [Number(single)] : Array.from({ length: count }, (_, i) => from + i);
  const keep = opt('--keep') ?? (single !== undefined ? join(tmpdir(), 'orizon-diff') : undefined);
  const workDir = keep ?? mkdtempSync(join(tmpdir(), 'orizon-diff-'));
  const maxPanicking = opt('--max-panicking');
  const started = performance.now();
  try {
    const report = await runDifferential({
      seeds,
      batchSize: Number(opt('--batch') ?? 12),
      modes: (opt('--modes') ?? 'debug,release').split(',') as Mode[],
      jobs: Number(opt('--jobs') ?? 2),
      workers: Number(opt('--workers') ?? 2),
      board: opt('--board') ?? 'mps2-an385',
      maxPanicking: maxPanicking === undefined ? undefined : Number(maxPanicking),
      workDir,
      log: process.argv.includes('--verbose') ? (l) => process.stderr.write(l + '\n') : undefined,
    });
    process.stdout.write(formatReport(report) + '\n');
    process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s${keep ? `; files in ${workDir}` : ''}\n`);
    return report.disagreements.some((d) => !d.known) ? 1 : 0;
  } finally {
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
