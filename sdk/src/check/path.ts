// Value paths, calls and struct literals.
//
// A value path resolves to a local, a fn (with its full generic substitution:
// turbofish arguments or fresh inference variables), a constructor (tuple or
// unit struct / variant), a const or static, an associated item of a type
// (`Point::new`, `Self::ORIGIN`, `T::default_value()`, `Shape::Circle`), or a
// built-in associated item of a primitive (`u32::MAX`, `u32::from_be`).
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { FnCtx } from './body.ts';
import type { Ty } from './types.ts';
import { genericsCount, type AdtDef, type ConstDef, type Def, type FnDef, type StaticDef, type VariantDef, isVisible } from './defs.ts';
import type { BuiltinMethod, HirExpr, LocalVar } from './hir.ts';
import { resolvePath, reportUnresolvedModule, lookupLexical, namesInScope, didYouMean, valueKind } from './resolve.ts';
import { primitiveTy, findGenericParam, genericArgs, aliasTy, lowerType } from './lower.ts';
import { checkExpr, coerceTo, markUsed } from './expr.ts';
import { requireUnsafe } from './ops.ts';
import { instSig, resolveConst } from './traits.ts';
import { constTy, ensureFields } from './collect.ts';
import { inherentItems, traitItemsFor } from './method.ts';
import { builtinAssocConst, builtinMethod, builtinSig } from './builtins.ts';

export type ValueRes =
  | { kind: 'local'; local: LocalVar }
  | { kind: 'fn'; fn: FnDef; args: Ty[] }
  | { kind: 'ctor'; adt: AdtDef; variant: VariantDef; adtTy: Ty }
  | { kind: 'const'; def: ConstDef; args: Ty[] }
  | { kind: 'static'; def: StaticDef }
  | { kind: 'lit'; value: bigint; ty: Ty }
  | { kind: 'builtinFn'; name: BuiltinMethod; selfTy: Ty }
  | { kind: 'constParam'; index: number; name: string; ty: Ty }
  | { kind: 'error' };

/** Generic args for a fn's own parameters from a turbofish, or fresh variables. */
function ownArgs(fx: FnCtx, f: FnDef, seg: ast.PathSegment, parent: readonly Ty[]): Ty[] {
  const args = [...parent];
  const own = f.generics.own;
  const written = seg.generics;
  if (written && written.length !== own.length) {
    fx.ctx.diags.error('E0311', `function takes ${own.length} generic argument${own.length === 1 ? '' : 's'} but ${written.length} ${written.length === 1 ? 'was' : 'were'} supplied`,
      seg.ident.span, `expected ${own.length} generic argument${own.length === 1 ? '' : 's'}`);
  }
  own.forEach((p, i) => {
    const w = written?.[i];
    args[p.index] = w ? fx.lowerTy(w) : fx.newVar(seg.ident.span);
  });
  return args;
}

function adtArgsFor(fx: FnCtx, adt: AdtDef, seg: ast.PathSegment | null): Ty[] {
  if (seg?.generics) return genericArgs(fx.ctx, fx.typeScope(), adt.generics, seg, `${adt.adtKind} \`${adt.name}\``);
  return adt.generics.own.map(() => fx.newVar(seg?.ident.span ?? adt.span));
}

function valueDef(fx: FnCtx, def: Def, seg: ast.PathSegment, path: ast.Path): ValueRes {
  switch (def.kind) {
    case 'fn': {
      const args = ownArgs(fx, def, seg, []);
      fx.requirePreds(def.generics, args, seg.ident.span, `required by a bound in \`${def.name}\``);
      return { kind: 'fn', fn: def, args };
    }
    case 'const': return { kind: 'const', def, args: [] };
    case 'static': return { kind: 'static', def };
    case 'variant': {
      const adt = def.adt;
      ensureFields(fx.ctx, adt);
      return { kind: 'ctor', adt, variant: def, adtTy: fx.T.adt(adt, adtArgsFor(fx, adt, seg.generics ? seg : null)) };
    }
    default: {
      const what = def.kind === 'adt' ? def.adtKind : def.kind === 'mod' ? 'module' : def.kind === 'typeAlias' ? 'type alias' : def.kind;
      const b = fx.ctx.diags.error('E0310', `expected value, found ${what} \`${def.name}\``, path.span, 'not a value');
      if (def.kind === 'adt' && def.adtKind === 'struct') b.help(`use struct literal syntax instead: \`${def.name} { ... }\``);
      return { kind: 'error' };
    }
  }
}

/** Associated item `name` of type `ty` (variants, inherent items, trait items, primitive built-ins). */
function assocItem(fx: FnCtx, ty: Ty, seg: ast.PathSegment, span: Span): ValueRes {
  const name = seg.ident.name;
  const t = fx.res(ty);
  if (t.kind === 'error') return { kind: 'error' };
  if (t.kind === 'adt' && t.def.adtKind === 'enum') {
    const v = t.def.variants.find((x) => x.name === name);
    if (v) { ensureFields(fx.ctx, t.def); return { kind: 'ctor', adt: t.def, variant: v, adtTy: t }; }
  }
  for (const c of inherentItems(fx, t, name)) {
    if (c.item.kind === 'fn') {
      const args = ownArgs(fx, c.item, seg, c.implArgs);
      fx.requirePreds(c.item.generics, args, seg.ident.span, `required by a bound in \`${c.item.name}\``);
      return { kind: 'fn', fn: c.item, args };
    }
    return { kind: 'const', def: c.item, args: c.implArgs };
  }
  if (t.kind === 'int') {
    const v = builtinAssocConst(fx.T, t, name);
    if (v) return { kind: 'lit', value: v.value, ty: v.ty };
  }
  const b = builtinMethod(fx, t, name, true);
  if (b) return { kind: 'builtinFn', name: b.name, selfTy: b.selfTy };
  const tr = traitItemsFor(fx, t, name);
  if (tr) {
    if (tr.item.kind === 'fn') {
      const args = ownArgs(fx, tr.item, seg, [t, ...tr.traitArgs]);
      return { kind: 'fn', fn: tr.item, args };
    }
    const args = [t, ...tr.traitArgs];
    // A concrete Self: name the impl's const directly (constant evaluation and the back end see its value).
    if (args.every((a) => (fx.infer.resolve(a).flags & 3) === 0)) return { kind: 'const', ...resolveConst(fx.ctx, tr.item, args.map((a) => fx.infer.resolve(a))) };
    return { kind: 'const', def: tr.item, args };
  }
  const what = t.kind === 'adt' ? `${t.def.adtKind} \`${t.def.name}\`` : `type \`${fx.show(t)}\``;
  fx.ctx.diags.error('E0429', `no function or associated item named \`${name}\` found for ${what} in the current scope`, span,
    `function or associated item not found in \`${fx.show(t)}\``);
  return { kind: 'error' };
}

/** Resolves a path in value position. Reports errors (result `error`). */
export function resolveValuePath(fx: FnCtx, path: ast.Path): ValueRes {
  const segs = path.segments;
  const first = segs[0]!;
  const name = first.ident.name;
  if (segs.length === 1 && !path.global) {
    const l = fx.lookupLocal(name, first.ident.span);
    if (l) return { kind: 'local', local: l };
    if (name === 'self') {
      fx.ctx.diags.error('E0314', 'expected value, found module `self`', first.ident.span, '`self` value is a keyword only available in methods with a `self` parameter');
      return { kind: 'error' };
    }
    const b = lookupLexical(fx.ctx, fx.module, name, 'values');
    if (b) return valueDef(fx, b.def, first, path);
    const gp = findGenericParam(fx.generics, name);
    if (gp?.isConst) return { kind: 'constParam', index: gp.index, name: gp.name, ty: gp.constType ? fx.lowerTy(gp.constType) : fx.T.usize };
    const tb = lookupLexical(fx.ctx, fx.module, name, 'types');
    if (tb && tb.def.kind === 'adt') return valueDef(fx, tb.def, first, path);
    const e = fx.ctx.diags.error('E0300', `cannot find value \`${name}\` in this scope`, first.ident.span, 'not found in this scope');
    const locals = fx.localNames();
    const help = didYouMean(name, [...locals, ...namesInScope(fx.ctx, fx.module, 'values')], (n) => valueKind(fx.ctx, fx.module, n, locals));
    if (help) e.help(help);
    return { kind: 'error' };
  }
  if (!path.global) {
    if (name === 'Self') {
      if (!fx.selfTy) {
        fx.ctx.diags.error('E0314', 'cannot find type `Self` in this scope', first.ident.span, '`Self` is only available in impls, traits, and type definitions');
        return { kind: 'error' };
      }
      return restAfterType(fx, fx.selfTy, segs, 1, path);
    }
    const gp = findGenericParam(fx.generics, name);
    if (gp) return restAfterType(fx, fx.T.param(gp.index, gp.name), segs, 1, path);
  }
  const r = resolvePath(fx.ctx, fx.module, segs.map((s) => s.ident), path.global, 'values');
  if (r.kind === 'error') return r;
  if (r.kind === 'unresolvedFirst') {
    const prim = primitiveTy(fx.ctx, name);
    if (prim) return restAfterType(fx, prim, segs, 1, path);
    reportUnresolvedModule(fx.ctx, fx.module, first.ident);
    return { kind: 'error' };
  }
  if (r.consumed === segs.length) return valueDef(fx, r.def, segs[segs.length - 1]!, path);
  const seg = segs[r.consumed - 1]!;
  const d = r.def;
  if (d.kind === 'adt') return restAfterType(fx, fx.T.adt(d, adtArgsFor(fx, d, seg.generics ? seg : null)), segs, r.consumed, path);
  if (d.kind === 'typeAlias') {
    const args = d.generics.own.map((_, i) => seg.generics?.[i] ? fx.lowerTy(seg.generics[i]!) : fx.newVar(seg.ident.span));
    return restAfterType(fx, aliasTy(fx.ctx, d, args), segs, r.consumed, path);
  }
  if (d.kind === 'trait') {
    const item = segs[r.consumed]!;
    const m = d.methods.get(item.ident.name);
    if (m && r.consumed === segs.length - 1) {
      const selfTy = fx.newVar(item.ident.span);
      const traitArgs = d.generics.own.slice(1).map((_, i) => seg.generics?.[i] ? fx.lowerTy(seg.generics[i]!) : fx.newVar(seg.ident.span));
      const args = ownArgs(fx, m, item, [selfTy, ...traitArgs]);
      fx.require(selfTy, { trait: d, args: traitArgs }, path.span, `required by \`${d.name}::${m.name}\``);
      return { kind: 'fn', fn: m, args };
    }
    fx.ctx.diags.error('E0429', `cannot find method or associated constant \`${item.ident.name}\` in trait \`${d.name}\``, item.ident.span, `not found in \`${d.name}\``);
    return { kind: 'error' };
  }
  fx.ctx.diags.error('E0303', `failed to resolve: \`${d.name}\` is not a module or type`, seg.ident.span);
  return { kind: 'error' };
}

function restAfterType(fx: FnCtx, ty: Ty, segs: readonly ast.PathSegment[], from: number, path: ast.Path): ValueRes {
  if (from >= segs.length) {
    fx.ctx.diags.error('E0310', `expected value, found type \`${fx.show(ty)}\``, path.span, 'not a value');
    return { kind: 'error' };
  }
  if (from < segs.length - 1) {
    fx.ctx.diags.error('E0430', 'associated types are not supported in Orizon v0.1', segs[from]!.ident.span);
    return { kind: 'error' };
  }
  return assocItem(fx, ty, segs[from]!, path.span);
}

// ---------------------------------------------------------------- path expressions

export function checkPathExpr(fx: FnCtx, e: { span: Span }, path: ast.Path, expected: Ty | null): HirExpr {
  const assign = fx.assignTarget;
  fx.assignTarget = false;
  const r = resolveValuePath(fx, path);
  const T = fx.T;
  switch (r.kind) {
    case 'local':
      if (!assign) r.local.used = true;
      return fx.mk({ kind: 'local', local: r.local }, r.local.ty, e.span);
    case 'fn': {
      const sig = instSig(fx.ctx, r.fn, r.args);
      return fx.mk({ kind: 'fnRef', ref: fx.fnRef(r.fn, r.args) }, T.fnPtr(sig.params, sig.ret), e.span);
    }
    case 'ctor': {
      if (r.variant.shape === 'unit') {
        if (expected) fx.infer.tryUnify(r.adtTy, expected);
        return fx.mk({ kind: 'adt', adt: r.adt, variant: r.variant.index, fields: [], base: null }, r.adtTy, e.span);
      }
      if (r.variant.shape === 'named') {
        fx.ctx.diags.error('E0310', `expected value, found struct variant \`${r.variant.name}\``, e.span, 'not a value')
          .help(`use struct literal syntax instead: \`${r.variant.name} { ... }\``);
        return fx.errorExpr(e.span);
      }
      fx.ctx.diags.error('E0430', 'tuple constructors used as function values are not supported in Orizon v0.1', e.span)
        .help('wrap it in a closure: `|x| Variant(x)`');
      return fx.errorExpr(e.span);
    }
    case 'const': {
      const ty = T.subst(constTy(fx.ctx, r.def), r.args);
      return fx.mk({ kind: 'const', def: r.def, args: r.args }, ty, e.span);
    }
    case 'static':
      if (r.def.mut) requireUnsafe(fx, e.span, 'use of mutable static');
      return fx.mk({ kind: 'static', def: r.def }, r.def.ty ?? T.error, e.span);
    case 'lit':
      return fx.mk({ kind: 'lit', value: { kind: 'int', value: r.value } }, r.ty, e.span);
    case 'constParam':
      return fx.mk({ kind: 'constParam', index: r.index, name: r.name }, r.ty, e.span);
    case 'builtinFn':
      fx.ctx.diags.error('E0430', `built-in function \`${r.name}\` cannot be used as a value in Orizon v0.1`, e.span).help('call it directly');
      return fx.errorExpr(e.span);
    case 'error':
      return fx.errorExpr(e.span);
  }
}

// ---------------------------------------------------------------- calls

/** Checks call arguments against parameter types (coercing); reports arity mismatches. */
export function checkArgs(fx: FnCtx, params: readonly Ty[], args: readonly ast.Expr[], span: Span, defSpan: Span | null): HirExpr[] {
  if (params.length !== args.length) {
    const b = fx.ctx.diags.error('E0402', `this function takes ${params.length} argument${params.length === 1 ? '' : 's'} but ${args.length} argument${args.length === 1 ? ' was' : 's were'} supplied`,
      span, `expected ${params.length} argument${params.length === 1 ? '' : 's'}`);
    if (defSpan) b.label(defSpan, 'defined here');
  }
  return args.map((a, i) => {
    const p = params[i];
    const h = checkExpr(fx, a, p ?? null);
    markUsed(h);
    return p ? coerceTo(fx, h, p, a.span, false) : h;
  });
}

export function checkCall(fx: FnCtx, e: ast.Expr & { kind: 'call' }, expected: Ty | null): HirExpr {
  const T = fx.T;
  if (e.callee.kind === 'path') {
    const r = resolveValuePath(fx, e.callee.path);
    switch (r.kind) {
      case 'error':
        for (const a of e.args) checkExpr(fx, a, null);
        return fx.errorExpr(e.span);
      case 'fn': {
        const sig = instSig(fx.ctx, r.fn, r.args);
        if (expected) fx.infer.tryUnify(sig.ret, expected);
        if (r.fn.decl.isUnsafe || (r.fn.intrinsic?.startsWith('extern:') ?? false)) requireUnsafe(fx, e.span, `call to unsafe function \`${r.fn.name}\``);
        const args = checkArgs(fx, sig.params, e.args, e.span, r.fn.span);
        return fx.mk({ kind: 'call', callee: { kind: 'fn', ref: fx.fnRef(r.fn, r.args) }, args }, sig.ret, e.span);
      }
      case 'ctor': {
        const v = r.variant;
        if (v.shape !== 'tuple') {
          const b = fx.ctx.diags.error('E0410', `expected function, tuple struct or tuple variant, found ${v.shape === 'unit' ? 'unit' : 'struct'} ${r.adt.adtKind === 'enum' ? 'variant' : 'struct'} \`${v.name}\``, e.callee.span,
            'not a function');
          if (v.shape === 'unit') b.help(`\`${v.name}\` takes no arguments: remove the parentheses`);
          else b.help(`use struct literal syntax instead: \`${v.name} { ... }\``);
          for (const a of e.args) checkExpr(fx, a, null);
          return fx.errorExpr(e.span);
        }
        if (expected) fx.infer.tryUnify(r.adtTy, expected);
        const targs = (fx.res(r.adtTy) as Ty & { kind: 'adt' }).args;
        const params = v.fields.map((f) => T.subst(f.ty, targs));
        const args = checkArgs(fx, params, e.args, e.span, v.span);
        return fx.mk({ kind: 'adt', adt: r.adt, variant: v.index, fields: args, base: null }, r.adtTy, e.span);
      }
      case 'builtinFn': {
        const sig = builtinSig(fx, r.name, r.selfTy);
        const args = checkArgs(fx, [r.selfTy, ...sig.params], e.args, e.span, null);
        return fx.mk({ kind: 'call', callee: { kind: 'builtin', name: r.name, selfTy: r.selfTy }, args }, sig.ret, e.span);
      }
      default: break;
    }
  }
  let callee = checkExpr(fx, e.callee, null);
  markUsed(callee);
  let t = fx.res(callee.ty);
  // `&fn(..)` (e.g. from `slice.iter()`) is callable too.
  while (t.kind === 'ref' && fx.res(t.inner).kind === 'fnPtr' || t.kind === 'ref' && fx.res(t.inner).kind === 'ref') {
    callee = fx.mk({ kind: 'deref', operand: callee, implicit: true }, t.inner, callee.span);
    t = fx.res(t.inner);
  }
  if (t.kind === 'fnPtr') {
    const args = checkArgs(fx, t.params, e.args, e.span, null);
    const direct = callee.kind === 'fnRef';
    return fx.mk({ kind: 'call', callee: direct ? { kind: 'fn', ref: (callee as HirExpr & { kind: 'fnRef' }).ref } : { kind: 'ptr', expr: callee }, args }, t.ret, e.span);
  }
  for (const a of e.args) checkExpr(fx, a, null);
  if (t.kind === 'error') return fx.errorExpr(e.span);
  if (t.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', e.callee.span, 'cannot infer the type of the callee');
    return fx.errorExpr(e.span);
  }
  fx.ctx.diags.error('E0410', `expected function, found \`${fx.show(t)}\``, e.callee.span, 'call expression requires function');
  return fx.errorExpr(e.span);
}

// ---------------------------------------------------------------- struct literals

export function resolveStructPath(fx: FnCtx, path: ast.Path): { adt: AdtDef; variant: VariantDef; adtTy: Ty } | null {
  const segs = path.segments;
  const fromTy = (ty: Ty, rest: ast.PathSegment | null): { adt: AdtDef; variant: VariantDef; adtTy: Ty } | null => {
    const t = fx.res(ty);
    if (t.kind !== 'adt') {
      fx.ctx.diags.error('E0310', `expected struct, variant or union type, found \`${fx.show(t)}\``, path.span, 'not a struct');
      return null;
    }
    ensureFields(fx.ctx, t.def);
    if (rest === null) {
      if (t.def.adtKind === 'enum') {
        fx.ctx.diags.error('E0310', `expected struct, variant or union type, found enum \`${t.def.name}\``, path.span, 'not a struct')
          .help(`name a variant: \`${t.def.name}::${t.def.variants[0]?.name ?? 'Variant'} { ... }\``);
        return null;
      }
      return { adt: t.def, variant: t.def.variants[0]!, adtTy: t };
    }
    const v = t.def.adtKind === 'enum' ? t.def.variants.find((x) => x.name === rest.ident.name) : undefined;
    if (!v) {
      const e = fx.ctx.diags.error('E0429', `no variant named \`${rest.ident.name}\` found for ${t.def.adtKind} \`${t.def.name}\``, rest.ident.span, 'variant not found');
      const help = didYouMean(rest.ident.name, t.def.variants.map((x) => x.name), 'variant');
      if (help) e.help(help);
      return null;
    }
    return { adt: t.def, variant: v, adtTy: t };
  };
  const first = segs[0]!;
  if (!path.global && first.ident.name === 'Self') {
    if (!fx.selfTy) { fx.ctx.diags.error('E0314', 'cannot find type `Self` in this scope', first.ident.span); return null; }
    return fromTy(fx.selfTy, segs[1] ?? null);
  }
  const r = resolvePath(fx.ctx, fx.module, segs.map((s) => s.ident), path.global, 'types');
  if (r.kind === 'error') return null;
  if (r.kind === 'unresolvedFirst') {
    if (segs.length > 1) { reportUnresolvedModule(fx.ctx, fx.module, first.ident); return null; }
    const e = fx.ctx.diags.error('E0301', `cannot find struct, variant or union type \`${first.ident.name}\` in this scope`, first.ident.span, 'not found in this scope');
    const help = didYouMean(first.ident.name, namesInScope(fx.ctx, fx.module, 'types'), 'struct');
    if (help) e.help(help);
    return null;
  }
  const d = r.def;
  const seg = segs[r.consumed - 1]!;
  if (d.kind === 'variant' && r.consumed === segs.length) {
    ensureFields(fx.ctx, d.adt);
    return { adt: d.adt, variant: d, adtTy: fx.T.adt(d.adt, adtArgsFor(fx, d.adt, seg.generics ? seg : null)) };
  }
  if (d.kind === 'adt') return fromTy(fx.T.adt(d, adtArgsFor(fx, d, seg.generics ? seg : null)), segs[r.consumed] ?? null);
  if (d.kind === 'typeAlias') return fromTy(lowerType(fx.ctx, fx.typeScope(), { kind: 'path', path: { ...path, segments: segs.slice(0, r.consumed) }, span: path.span }), segs[r.consumed] ?? null);
  fx.ctx.diags.error('E0310', `expected struct, variant or union type, found ${d.kind === 'fn' ? 'function' : d.kind} \`${d.name}\``, path.span, 'not a struct');
  return null;
}

export function checkStructLit(fx: FnCtx, e: ast.Expr & { kind: 'struct' }, expected: Ty | null): HirExpr {
  const r = resolveStructPath(fx, e.path);
  if (!r) {
    for (const f of e.fields) checkExpr(fx, f.value, null);
    if (e.base) checkExpr(fx, e.base, null);
    return fx.errorExpr(e.span);
  }
  const { adt, variant, adtTy } = r;
  if (expected) fx.infer.tryUnify(adtTy, expected);
  const targs = (fx.res(adtTy) as Ty & { kind: 'adt' }).args;
  const fields: (HirExpr | null)[] = variant.fields.map(() => null);
  const label = adt.adtKind === 'enum' ? `${adt.name}::${variant.name}` : adt.name;
  for (const f of e.fields) {
    const idx = variant.fields.findIndex((x) => x.name === f.name.name);
    if (idx < 0) {
      const b = fx.ctx.diags.error('E0412', `${adt.adtKind === 'enum' ? 'variant' : 'struct'} \`${label}\` has no field named \`${f.name.name}\``, f.name.span,
        `\`${label}\` does not have this field`);
      const help = didYouMean(f.name.name, variant.fields.map((x) => x.name), 'field');
      if (help) b.help(help);
      else if (variant.fields.length) b.note(`available fields are: ${variant.fields.map((x) => `\`${x.name}\``).join(', ')}`);
      checkExpr(fx, f.value, null);
      continue;
    }
    const fd = variant.fields[idx]!;
    if (fields[idx]) {
      fx.ctx.diags.error('E0412', `field \`${f.name.name}\` specified more than once`, f.name.span, 'used more than once');
      continue;
    }
    if (!isVisible(fd.vis, fx.module)) {
      fx.ctx.diags.error('E0306', `field \`${fd.name}\` of struct \`${adt.name}\` is private`, f.name.span, 'private field');
    }
    const fty = fx.T.subst(fd.ty, targs);
    const h = checkExpr(fx, f.value, fty);
    markUsed(h);
    fields[idx] = coerceTo(fx, h, fty, f.value.span, false);
  }
  let base: HirExpr | null = null;
  if (e.base) {
    base = coerceTo(fx, checkExpr(fx, e.base, adtTy), adtTy, e.base.span, false);
    markUsed(base);
  } else {
    const missing = variant.fields.filter((_, i) => !fields[i]).map((f) => f.name);
    if (missing.length) {
      const list = missing.map((m) => `\`${m}\``).join(', ');
      fx.ctx.diags.error('E0411', `missing field${missing.length > 1 ? 's' : ''} ${list} in initializer of \`${label}\``, e.path.span,
        `missing ${list}`)
        .help(missing.length > 1 ? `add the fields, or \`..base\` to take the rest from another value` : `add \`${missing[0]}: value\``);
    }
  }
  return fx.mk({ kind: 'adt', adt, variant: variant.index, fields, base }, adtTy, e.span);
}

export { genericsCount };
