// The release pipeline as data: one table, run in order, round after round,
// until a whole round changes nothing (or the round limit is reached). Each
// pass is one file of this folder and returns whether it changed anything.
// Function passes never run on naked functions (their body is one asm
// instruction the back end emits verbatim).
//
// Order within a round: memory first (sroa splits aggregates, mem2reg turns
// the scalar slots into values), then the scalar rewrites (copies, constants,
// identities, strength), then redundancy (gvn, checks, memfwd), then dead code
// and control flow (dce, cfg) so the next passes and the next round see
// canonical IR; licm once the CFG is clean; inlining last, so the callees it
// copies are already optimised and the next round cleans up the copies.
import type { Function, Module } from '../ir.ts';
import { promoteSlots } from '../lower/mem2reg.ts';
import { sccp } from './sccp.ts';
import { simplify } from './simplify.ts';
import { strengthReduce } from './strength.ts';
import { copyProp } from './copyprop.ts';
import { dce } from './dce.ts';
import { simplifyCfg } from './cfg.ts';
import { inlineCalls } from './inline.ts';
import { gvn } from './gvn.ts';
import { memFwd } from './memfwd.ts';
import { checkElim } from './checks.ts';
import { sroa } from './sroa.ts';
import { licm } from './licm.ts';
import { divConst } from './divconst.ts';
import { removeDeadSymbols } from './deadfns.ts';

/** What the passes may know about the target (the driver fills it in; every field defaults to the portable choice). */
export interface PassContext {
  /** No hardware divider (ARMv6-M): division by a constant is worth a dozen multiplies and shifts. */
  softDivide: boolean;
}

export interface FunctionPass {
  name: string;
  scope: 'function';
  run(fn: Function, ctx: PassContext): boolean;
  /** Last round the pass runs in (default: every round). */
  untilRound?: number;
}

export interface ModulePass {
  name: string;
  scope: 'module';
  /** Whether anything changed, or the functions whose bodies changed (so the function passes revisit them). */
  run(m: Module, ctx: PassContext): boolean | Function[];
  untilRound?: number;
}

export type Pass = FunctionPass | ModulePass;

/** The lowering's slot promotion, re-run: inlining and scalar replacement expose new candidates. */
function mem2reg(fn: Function): boolean {
  const before = fn.slots.length;
  promoteSlots(fn);
  return fn.slots.length !== before;
}

const fnPass = (name: string, run: (fn: Function, ctx: PassContext) => boolean): FunctionPass => ({ name, scope: 'function', run });

export const RELEASE_PASSES: readonly Pass[] = [
  fnPass('sroa', sroa),
  fnPass('mem2reg', mem2reg),
  fnPass('copyprop', copyProp),
  fnPass('sccp', sccp),
  fnPass('simplify', simplify),
  fnPass('strength', strengthReduce),
  fnPass('divconst', (fn, ctx) => ctx.softDivide && divConst(fn)),
  fnPass('gvn', gvn),
  fnPass('checks', checkElim),
  fnPass('memfwd', memFwd),
  fnPass('dce', dce),
  fnPass('cfg', simplifyCfg),
  fnPass('licm', licm),
  // Inlining stops early so the last rounds clean up after it (the fixed point is then reached sooner too).
  { name: 'inline', scope: 'module', run: inlineCalls, untilRound: 4 },
  { name: 'deadfns', scope: 'module', run: removeDeadSymbols },
];

/** Passes by name (tests run single passes; `passes` option of optimize). */
export function passByName(name: string): Pass {
  const p = RELEASE_PASSES.find((x) => x.name === name);
  if (!p) throw new Error(`unknown optimisation pass \`${name}\` (known: ${RELEASE_PASSES.map((x) => x.name).join(', ')})`);
  return p;
}
