// Lowering from the typed HIR to the SSA IR — the public entry points.
//
//   lowerProgram(prog, { debug, target: { ptrBytes: 4 }, sources }) → Module
//   emitIr(module) → text (`orizon build --emit ir`)
//
// Function instances are lowered on demand from the roots (`main` through
// the entry point `__orizon_start`, interrupt handlers, exported functions);
// the runtime functions they use are added at the end (runtime.ts). The
// files of this folder, in the order a body meets them:
//   module.ts   symbols, data (strings, locations, specs, constants, statics)
//   fn.ts       per-function state, values, locals, calling convention
//   expr.ts     expressions;  place.ts  places, indexing, slicing
//   control.ts  blocks, let, if, loops, break/continue/return
//   match.ts    decision trees;  iter.ts / next.ts  `for` and iterators
//   calls.ts    calls;  builtins.ts / methods.ts  built-in methods
//   arith.ts    checked arithmetic and casts;  panic.ts  panics
//   format.ts / debug.ts  print!/panic! formatting;  derive.ts  ==, <, derived impls
//   asm.ts      inline assembly;  runtime.ts / rtbuild.ts  the runtime in IR
import type { Function, Module } from '../ir.ts';
import type { HirProgram } from '../../check/hir.ts';
import { hasAttr } from '../../check/defs.ts';
import { printModule } from '../print.ts';
import { FnLower, addressTakenLocals, fnAbi } from './fn.ts';
import { ModuleLowering, LowerError, type FnInstance, type LowerOptions } from './module.ts';
import { emitReturn } from './control.ts';
import { bindOcc } from './match.ts';
import { LayoutError } from '../layout.ts';

export { LowerError } from './module.ts';
export type { LowerOptions } from './module.ts';

/** The entry point the reset handler calls: runs `main`, then exits with status 0. */
export const ENTRY_SYMBOL = '__orizon_start';

export function lowerProgram(prog: HirProgram, opts: LowerOptions): Module {
  const m = new ModuleLowering(prog, opts);
  m.reserve(ENTRY_SYMBOL);
  if (prog.main) buildStart(m, m.requestFn({ fn: prog.main, args: [] }));
  for (const h of prog.interrupts) m.requestFn({ fn: h.fn, args: [] });
  for (const r of prog.mono.roots) if (r.generics.own.length === 0 && prog.fns.has(r)) m.requestFn({ fn: r, args: [] });
  while (m.queue.length) {
    const inst = m.queue.shift()!;
    try {
      m.functions.push(lowerFunction(m, inst));
    } catch (err) {
      if (err instanceof LayoutError) throw new LowerError(`${err.message} (in \`${inst.symbol}\`)`, inst.fn.span);
      throw err;
    }
  }
  return m.finish();
}

export function emitIr(module: Module): string {
  return printModule(module);
}

function buildStart(m: ModuleLowering, main: string): void {
  const fx = FnLower.synthetic(m, ENTRY_SYMBOL, [], []);
  fx.b.fn.exported = true;
  fx.b.call(main, [], []);
  fx.noReturnCall(m.requireRuntime('__orizon_exit'), [fx.c('i32', 0)]);
  m.functions.push(fx.finish());
}

function lowerFunction(m: ModuleLowering, inst: FnInstance): Function {
  const hir = m.prog.fns.get(inst.fn)!;
  const fx = FnLower.forFn(m, hir, inst);
  addressTakenLocals(hir.body, fx.inMemory);
  for (const l of hir.locals) if (l.mut || l.deferredInit) fx.inMemory.add(l.id);
  const T = m.T;
  const paramTys = hir.params.map((p) => T.subst(p.ty, inst.args));
  const trackCaller = hasAttr(inst.fn.attrs, 'track_caller');
  const sig = fnAbi(m, paramTys, fx.retTy, trackCaller);
  const ps = fx.b.fn.params;
  let k = 0;
  if (sig.sret) fx.sret = ps[k++]!;
  const bindings: (() => void)[] = [];
  hir.params.forEach((p, i) => {
    const t = paramTys[i]!;
    const n = m.layouts.irTys(t).length;
    const vals = ps.slice(k, k + n);
    k += n;
    const mem = m.layouts.of(t).abi.kind === 'mem';
    bindings.push(() => {
      const pat = p.pat;
      if (pat.kind === 'binding' && pat.mode === 'move' && !pat.sub) {
        // By-value memory parameters are the callee's own copy: use it in place.
        if (mem) fx.locals.set(pat.local.id, { k: 'ptr', addr: vals[0]! });
        else fx.bind(pat.local, fx.unflat(vals, t));
        return;
      }
      bindOcc(fx, pat, mem ? { k: 'mem', addr: vals[0]!, off: 0, ty: t, len: null } : { k: 'val', val: fx.unflat(vals, t), ty: t });
    });
  });
  if (trackCaller) fx.callerLoc = ps[k]!;
  for (const bind of bindings) bind();
  emitReturn(fx, hir.body);
  return fx.finish();
}
