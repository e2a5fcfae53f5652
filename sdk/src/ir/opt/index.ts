// The optimiser's entry point for `--release`: runs the pass table
// (passes.ts) over a module in place.
//
//   optimize(module, { verify, dump, maxRounds, passes })
//
// Knobs (options win over the environment):
//   ORIZON_VERIFY_IR=1   run the IR verifier after every pass that changed a
//                        function; a violation is an internal error naming the
//                        pass (always on under `node --test`, so every test
//                        that builds in release verifies between passes).
//   ORIZON_DUMP_PASSES=1 print every function a pass changed, after the pass,
//                        to stderr; any other value is a function-name filter
//                        (ORIZON_DUMP_PASSES=main dumps only `main`).
//   ORIZON_OPT_PASSES=a,b run only these passes of the table, in table order
//                        (`none`: no pass) — to bisect a miscompilation or to
//                        measure what the optimiser buys.
import type { Function, Module } from '../ir.ts';
import { printFunction } from '../print.ts';
import { verifyFunction, verifyModule } from '../verify.ts';
import { RELEASE_PASSES, passByName, type Pass, type PassContext } from './passes.ts';
import { instCount } from './util.ts';

export { RELEASE_PASSES, passByName, type FunctionPass, type ModulePass, type Pass, type PassContext } from './passes.ts';

export interface OptimizeOptions {
  /** Verify after every pass (default: ORIZON_VERIFY_IR). */
  verify?: boolean;
  /** Dump changed functions after every pass: true for all, a string to filter by function name, or a sink (default: ORIZON_DUMP_PASSES to stderr). */
  dump?: boolean | string | ((header: string, text: string) => void);
  /** Upper bound on rounds over the table (default 8; most programs reach the fixed point in 5). */
  maxRounds?: number;
  /** The pipeline (default RELEASE_PASSES). */
  passes?: readonly Pass[];
  /** The target has no hardware divider (ARMv6-M): see divconst.ts. Default false. */
  softDivide?: boolean;
}

export interface OptimizeReport {
  rounds: number;
  /** IR instructions (terminators included) before and after. */
  before: number;
  after: number;
  /** How many times each pass changed something (per function for function passes). */
  changes: Record<string, number>;
  /** Wall-clock milliseconds per pass, summed over rounds. */
  millis: Record<string, number>;
}

const envOn = (v: string | undefined) => v !== undefined && v !== '' && v !== '0';

/** The table filtered by ORIZON_OPT_PASSES (unset: all of it). */
function selected(env: string | undefined): readonly Pass[] {
  if (env === undefined) return RELEASE_PASSES;
  const names = env.split(',').map((x) => x.trim()).filter((x) => x && x !== 'none');
  for (const n of names) passByName(n);
  return RELEASE_PASSES.filter((p) => names.includes(p.name));
}

export function moduleInstCount(m: Module): number {
  return m.functions.reduce((n, f) => n + instCount(f), 0);
}

export function optimize(m: Module, opts: OptimizeOptions = {}): OptimizeReport {
  // Under `node --test` (every test file runs with NODE_TEST_CONTEXT set) the verifier is always on.
  const verify = opts.verify ?? (envOn(process.env.ORIZON_VERIFY_IR) || process.env.NODE_TEST_CONTEXT !== undefined);
  const envDump = process.env.ORIZON_DUMP_PASSES;
  const dumpOpt = opts.dump ?? (envOn(envDump) ? (envDump === '1' ? true : envDump!) : false);
  const sink = typeof dumpOpt === 'function' ? dumpOpt : (h: string, t: string) => process.stderr.write(`${h}\n${t}\n`);
  const wantDump = (f: Function) => dumpOpt !== false && (typeof dumpOpt !== 'string' || f.name.includes(dumpOpt));
  const passes = opts.passes ?? selected(process.env.ORIZON_OPT_PASSES);
  const maxRounds = opts.maxRounds ?? 8;
  const ctx: PassContext = { softDivide: opts.softDivide ?? false };
  const report: OptimizeReport = { rounds: 0, before: moduleInstCount(m), after: 0, changes: {}, millis: {} };

  const check = (pass: string, errs: string[]) => {
    if (errs.length) throw new Error(`internal: IR verifier failed after pass \`${pass}\`:\n  ${errs.slice(0, 20).join('\n  ')}`);
  };
  const changed = (pass: Pass, round: number, fns: Function[]) => {
    report.changes[pass.name] = (report.changes[pass.name] ?? 0) + 1;
    for (const f of fns) if (wantDump(f)) sink(`;; after ${pass.name} (round ${round})`, printFunction(f));
  };

  // A function pass reruns on a function only when something changed it since
  // that pass last looked (passes are not assumed idempotent: one that changed
  // a function sees it again next round).
  const version = new Map<Function, number>();
  const seen = new Map<string, Map<Function, number>>();
  const ver = (f: Function) => version.get(f) ?? 0;
  const touch = (f: Function) => version.set(f, ver(f) + 1);

  for (let round = 1; round <= maxRounds; round++) {
    report.rounds = round;
    let any = false;
    for (const pass of passes) {
      if (pass.untilRound !== undefined && round > pass.untilRound) continue;
      const t0 = performance.now();
      const lap = () => { report.millis[pass.name] = (report.millis[pass.name] ?? 0) + performance.now() - t0; };
      if (pass.scope === 'module') {
        const did = pass.run(m, ctx);
        lap();
        if (did === false || (Array.isArray(did) && did.length === 0)) continue;
        any = true;
        const bodies = Array.isArray(did) ? did : [];
        bodies.forEach(touch);
        changed(pass, round, bodies);
        if (verify) check(pass.name, verifyModule(m));
        continue;
      }
      let last = seen.get(pass.name);
      if (!last) { last = new Map(); seen.set(pass.name, last); }
      for (const f of m.functions) {
        if (f.naked || f.blocks.length === 0) continue;
        const v = ver(f);
        if (last.get(f) === v) continue;
        last.set(f, v);
        if (!pass.run(f, ctx)) continue;
        touch(f);
        any = true;
        changed(pass, round, [f]);
        if (verify) check(pass.name, verifyFunction(f));
      }
      lap();
    }
    if (!any) break;
  }
  report.after = moduleInstCount(m);
  return report;
}
