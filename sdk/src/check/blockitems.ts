// Items declared inside a block (`fn main() { struct P; fn helper() {} ... }`).
// They live in an anonymous module nested in the enclosing one, so name
// lookup inside the block sees them first, as in Rust. Declaring them runs the
// same passes as for module items (imports, collection); their function
// bodies are queued on ctx.pendingBodies for the driver to check.
import type { Span } from '../diag/source.ts';
import type * as ast from '../syntax/ast.ts';
import type { Ctx } from './ctx.ts';
import type { ModuleDef } from './defs.ts';
import { newBlockModule } from './modules.ts';
import { resolveImports } from './imports.ts';
import { collect, marks } from './collect.ts';
import { checkDerives } from './traits.ts';

export function declareBlockItems(ctx: Ctx, parent: ModuleDef, items: readonly ast.Item[], span: Span): ModuleDef {
  const memo = ctx.blockModules.get(items[0]!);
  if (memo) return memo;
  const m0 = marks(ctx);
  const d0 = ctx.build.directives.length;
  const m = newBlockModule(ctx, ctx.build, parent, items, span);
  ctx.blockModules.set(items[0]!, m);
  resolveImports(ctx, ctx.build.directives.slice(d0));
  collect(ctx, m0);
  checkDerives(ctx, ctx.adts.slice(m0.adts));
  for (const f of ctx.fns.slice(m0.fns)) if (f.body) ctx.pendingBodies.push(f);
  return m;
}
