// The monomorphization plan: every function instance (fn + concrete generic
// arguments) reachable from the roots (`main`, interrupt handlers,
// `#[no_mangle]`/extern "C" fns and static initialisers), each listed once,
// in discovery order. Trait methods are resolved to their impl (or default
// body) with resolveInstance; built-in structural operations (`==` on a tuple
// of user types, derived Clone/PartialEq/PartialOrd) pull in the user impls
// they call for their fields.
import type { Ctx } from './ctx.ts';
import type { FnDef } from './defs.ts';
import type { FnRef, HirExpr, MonoInstance, MonoPlan } from './hir.ts';
import { displayTy, type Ty } from './types.ts';
import { resolveConst, resolveInstance } from './traits.ts';
import { walkExpr, walkBlock } from './visit.ts';
import { constItemHir } from './body.ts';
import { ensureFields } from './collect.ts';

/** A readable, unique name for an instance: `Point::new`, `max<u8>`, `<Point as Clone>::clone`. */
export function instanceKey(ctx: Ctx, fn: FnDef, args: readonly Ty[]): string {
  const T = ctx.types;
  const own = fn.generics.own.map((p) => displayTy(args[p.index] ?? T.error));
  let base: string;
  if (fn.owner?.kind === 'impl') {
    const impl = fn.owner.impl;
    const self = displayTy(T.subst(impl.selfTy, args));
    base = impl.traitRef ? `<${self} as ${impl.traitRef.trait.name}>::${fn.name}` : `${self}::${fn.name}`;
  } else if (fn.owner?.kind === 'trait') {
    base = `<${displayTy(args[0] ?? T.error)} as ${fn.owner.trait.name}>::${fn.name}`;
  } else {
    const mod = fn.module.displayPath.replace(/^crate(::)?/, '');
    base = mod ? `${mod}::${fn.name}` : fn.name;
  }
  return own.length ? `${base}<${own.join(', ')}>` : base;
}

export function buildMonoPlan(ctx: Ctx, roots: FnDef[]): MonoPlan {
  const T = ctx.types;
  const instances: MonoInstance[] = [];
  const byKey = new Map<string, MonoInstance>();
  const queue: MonoInstance[] = [];
  const walkedConsts = new Set<string>();
  const structuralSeen = new Set<string>();

  const addRef = (ref: FnRef): void => {
    const r = resolveInstance(ctx, ref);
    if (r.kind === 'builtin') { structural(r.name, r.selfTy); return; }
    if (r.kind === 'intrinsic') return;
    const { fn, args } = r.ref;
    if (!ctx.fnHir.has(fn)) return;
    const idKey = `${fn.id}<${args.map((a) => a.id).join(',')}>`;
    if (byKey.has(idKey)) return;
    let key = instanceKey(ctx, fn, args);
    if (instances.some((i) => i.key === key)) key = `${key}#${fn.id}`;
    const inst: MonoInstance = { fn, args: [...args], key };
    byKey.set(idKey, inst);
    instances.push(inst);
    queue.push(inst);
  };

  /** Built-in structural ops on `t` call the user impls of the same trait method for its parts. */
  const structural = (method: string, t: Ty): void => {
    const k = `${method}:${t.id}`;
    if (structuralSeen.has(k)) return;
    structuralSeen.add(k);
    const traitName = method === 'clone' ? 'clone' : method === 'eq' || method === 'ne' ? 'partialEq' : method === 'cmp' ? 'ord' : 'partialOrd';
    const trait = ctx.lang[traitName as 'clone' | 'partialEq' | 'ord' | 'partialOrd'];
    const parts: Ty[] = [];
    switch (t.kind) {
      case 'tuple': parts.push(...t.elems); break;
      case 'array': case 'slice': parts.push(t.elem); break;
      case 'ref': parts.push(t.inner); break;
      case 'adt': {
        ensureFields(ctx, t.def);
        for (const v of t.def.variants) for (const f of v.fields) parts.push(T.subst(f.ty, t.args));
        break;
      }
      default: break;
    }
    for (const p of parts) {
      const m = trait?.methods.get(method === 'ne' ? 'eq' : method);
      if (!m || p.kind === 'int' || p.kind === 'bool' || p.kind === 'char' || p.kind === 'str') continue;
      try {
        addRef({ fn: m, args: [p] });
      } catch {
        // No impl (e.g. a raw pointer field): the back end compares bits.
      }
    }
  };

  const walkConst = (e: HirExpr & { kind: 'const' }, subst: readonly Ty[]): void => {
    const r = resolveConst(ctx, e.def, e.args.map((a) => T.subst(a, subst)));
    const key = `${r.def.id}<${r.args.map((a) => a.id).join(',')}>`;
    if (walkedConsts.has(key)) return;
    walkedConsts.add(key);
    const hir = constItemHir(ctx, r.def);
    if (hir) walkExpr(hir.value, visitor(r.args));
  };

  const visitor = (subst: readonly Ty[]) => ({
    expr(e: HirExpr): void {
      switch (e.kind) {
        case 'call':
          if (e.callee.kind === 'fn') addRef({ fn: e.callee.ref.fn, args: e.callee.ref.args.map((a) => T.subst(a, subst)) });
          return;
        case 'fnRef':
          addRef({ fn: e.ref.fn, args: e.ref.args.map((a) => T.subst(a, subst)) });
          return;
        case 'asm':
          for (const o of e.operands) if (o.sym) addRef({ fn: o.sym.fn, args: o.sym.args.map((a) => T.subst(a, subst)) });
          return;
        case 'const':
          walkConst(e, subst);
          return;
        case 'binary': {
          const t = T.subst(e.opTy, subst);
          if (t.kind === 'int' || t.kind === 'bool' || t.kind === 'char' || t.kind === 'error') return;
          const m = e.op === '==' || e.op === '!=' ? 'eq' : e.op === '<' ? 'lt' : e.op === '<=' ? 'le' : e.op === '>' ? 'gt' : e.op === '>=' ? 'ge' : null;
          if (m) structural(m, t);
          return;
        }
        default:
          return;
      }
    },
  });

  for (const r of roots) addRef({ fn: r, args: [] });
  for (const s of ctx.staticHir.values()) walkExpr(s.init, visitor([]));
  while (queue.length) {
    const inst = queue.shift()!;
    const hir = ctx.fnHir.get(inst.fn);
    if (!hir) continue;
    walkExpr(hir.body, visitor(inst.args));
  }
  return { roots, instances };
}

export { walkBlock };
