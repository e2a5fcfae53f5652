// Warnings users expect from rustc, on the user crate only (never on std):
//   W0100 unused variable          (silenced by a leading `_`)
//   W0101 unused import
//   W0102 function never used      (dead code, from `main`/handlers/exports)
//   W0103 variable does not need to be mutable
// (W0104 unreachable pattern comes from exhaust.ts, W0105 unreachable code
// from control.ts.) `#[allow(unused_variables | unused_imports | dead_code |
// unused_mut | unused)]` on the item, its impl, or the crate (`#![allow]`)
// silences them.
import type { Ctx } from './ctx.ts';
import type { FnDef } from './defs.ts';
import type { HirFn, InterruptHandler } from './hir.ts';
import { walkExpr } from './visit.ts';
import { fnAllows } from './body.ts';
import { allows } from './modules.ts';

function crateAllows(ctx: Ctx, lint: string): boolean {
  return ctx.crateAttrs.some((a) => allows([a], lint));
}

export function runLints(ctx: Ctx, main: FnDef | null, interrupts: InterruptHandler[]): void {
  unusedLocals(ctx);
  unusedImports(ctx);
  if ((ctx.opts.crateType ?? 'bin') === 'bin' && main) deadCode(ctx, main, interrupts);
}

function unusedLocals(ctx: Ctx): void {
  const allowVars = crateAllows(ctx, 'unused_variables');
  const allowMut = crateAllows(ctx, 'unused_mut');
  for (const [def, f] of ctx.fnHir as Map<FnDef, HirFn>) {
    if (def.module.crate.isLibrary) continue;
    const av = allowVars || fnAllows(def, 'unused_variables');
    const am = allowMut || fnAllows(def, 'unused_mut');
    for (const l of f.locals) {
      if (l.name === 'self' || l.name.startsWith('_')) continue;
      if (!l.used && !av) {
        const b = l.mutated
          ? ctx.diags.warning('W0100', `variable \`${l.name}\` is assigned to, but never used`, l.span, '')
            .note(`consider using \`_${l.name}\` instead`)
          : ctx.diags.warning('W0100', `unused variable: \`${l.name}\``, l.span, `help: if this is intentional, prefix it with an underscore: \`_${l.name}\``);
        b.suggest('prefix it with an underscore', { file: l.span.file, start: l.span.start, end: l.span.start }, '_');
        continue;
      }
      if (l.mut && !l.mutated && !am) {
        ctx.diags.warning('W0103', 'variable does not need to be mutable', l.span, 'help: remove this `mut`')
          .note('the variable is never assigned after its initialisation nor borrowed as `&mut`');
      }
    }
  }
}

function unusedImports(ctx: Ctx): void {
  if (crateAllows(ctx, 'unused_imports')) return;
  for (const r of ctx.imports) {
    if (r.used || r.allowUnused || r.module.crate.isLibrary) continue;
    ctx.diags.warning('W0101', `unused import: \`${r.name}\``, r.span, '')
      .help('remove the import, or use the name it brings in');
  }
}

/** Functions of the user crate never reached from the roots (main, handlers, exported fns). */
function deadCode(ctx: Ctx, main: FnDef, interrupts: InterruptHandler[]): void {
  if (crateAllows(ctx, 'dead_code')) return;
  const used = new Set<FnDef>();
  const queue: FnDef[] = [];
  const use = (f: FnDef): void => {
    if (used.has(f)) return;
    used.add(f);
    queue.push(f);
  };
  use(main);
  for (const i of interrupts) use(i.fn);
  for (const f of ctx.fns) {
    if (f.module.crate.isLibrary) continue;
    // Trait impl methods and trait methods are used through the trait (rustc does not report them).
    if (f.owner?.kind === 'trait' || f.owner?.kind === 'impl' && f.owner.impl.traitRef) use(f);
    if (f.decl.abi !== null || f.attrs.some((a) => a.meta.kind !== 'lit' && (a.meta.name === 'no_mangle' || a.meta.name === 'interrupt'))) use(f);
  }
  const visit = (e: Parameters<typeof walkExpr>[0]): void => walkExpr(e, {
    expr(x) {
      if (x.kind === 'call' && x.callee.kind === 'fn') use(x.callee.ref.fn);
      else if (x.kind === 'fnRef') use(x.ref.fn);
      else if (x.kind === 'asm') for (const o of x.operands) if (o.sym) use(o.sym.fn);
    },
  });
  for (const c of ctx.constHir.values()) if (c) visit(c.value);
  for (const s of ctx.staticHir.values()) visit(s.init);
  while (queue.length) {
    const f = queue.pop()!;
    const h = ctx.fnHir.get(f);
    if (h) visit(h.body);
  }
  for (const f of ctx.fns) {
    if (used.has(f) || f.module.crate.isLibrary || f.closureOf || f.name.startsWith('_')) continue;
    if (fnAllows(f, 'dead_code')) continue;
    if (moduleAllows(f, 'dead_code')) continue;
    const what = f.owner ? (f.selfKind ? 'method' : 'associated function') : 'function';
    ctx.diags.warning('W0102', `${what} \`${f.name}\` is never used`, f.span, '')
      .note('a function is used when it is reachable from `main`, an interrupt handler or an exported (`#[no_mangle]`) function');
  }
}

function moduleAllows(f: FnDef, lint: string): boolean {
  for (let m: FnDef['module'] | null = f.module; m; m = m.parent) if (allows(m.attrs, lint)) return true;
  return false;
}
