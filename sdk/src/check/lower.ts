// Lowering written types (ast.Type) to semantic types (Ty) in a scope: the
// module for names, the generics in scope for parameters, `Self`, and whether
// `_` may stand for a fresh inference variable (only inside bodies).
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { Ctx } from './ctx.ts';
import { INT_KINDS, type IntKind, type Ty } from './types.ts';
import { genericsCount, type AdtDef, type Def, type Generics, type GenericParamDef, type ModuleDef, type TraitDef, type TraitRef, type TypeAliasDef } from './defs.ts';
import { resolvePath, reportUnresolvedModule, didYouMean, namesInScope } from './resolve.ts';
import { evalArrayLen } from './consteval.ts';

export interface TypeScope {
  module: ModuleDef;
  generics: Generics | null;
  /** What `Self` means here (impl self type, or the trait's `Self` parameter), or null. */
  selfTy: Ty | null;
  /** Fresh variable for `_` and omitted generic arguments (bodies), or null (signatures: an error). */
  infer: ((span: Span) => Ty) | null;
}

const PRIMS: ReadonlySet<string> = new Set([...INT_KINDS, 'bool', 'char', 'str']);

export function primitiveTy(ctx: Ctx, name: string): Ty | null {
  if (!PRIMS.has(name)) return null;
  if (name === 'bool') return ctx.types.bool;
  if (name === 'char') return ctx.types.char;
  if (name === 'str') return ctx.types.str;
  return ctx.types.int(name as IntKind);
}

export function findGenericParam(g: Generics | null, name: string): GenericParamDef | null {
  for (let cur = g; cur; cur = cur.parent) {
    for (const p of cur.own) if (p.name === name) return p;
  }
  return null;
}

export function lowerType(ctx: Ctx, scope: TypeScope, t: ast.Type): Ty {
  const T = ctx.types;
  switch (t.kind) {
    case 'path': {
      const r = resolveTypePath(ctx, scope, t.path);
      if (r.kind === 'error') return T.error;
      if (r.kind === 'trait') {
        ctx.diags.error('E0310', `expected type, found trait \`${r.ref.trait.name}\``, t.span, 'not a type')
          .note('Orizon v0.1 has static dispatch only: use a generic parameter `T: Trait` instead of a trait object');
        return T.error;
      }
      if (r.consumed < t.path.segments.length) {
        ctx.diags.error('E0430', 'associated types are not supported in Orizon v0.1', t.path.segments[r.consumed]!.ident.span);
        return T.error;
      }
      return r.ty;
    }
    case 'ref': return T.ref(t.mut, lowerType(ctx, scope, t.inner));
    case 'ptr': return T.ptr(t.mut, lowerType(ctx, scope, t.inner));
    case 'array': {
      const elem = lowerType(ctx, scope, t.elem);
      const len = evalArrayLen(ctx, scope, t.len);
      return len === null ? T.error : T.array(elem, len);
    }
    case 'slice': return T.slice(lowerType(ctx, scope, t.elem));
    case 'tuple': return T.tuple(t.elems.map((e) => lowerType(ctx, scope, e)));
    case 'never': return T.never;
    case 'fn': return T.fnPtr(t.params.map((p) => lowerType(ctx, scope, p)), t.ret ? lowerType(ctx, scope, t.ret) : T.unit);
    case 'infer':
      if (scope.infer) return scope.infer(t.span);
      ctx.diags.error('E0401', 'the placeholder `_` is not allowed within types on item signatures', t.span, 'not allowed in type signatures');
      return T.error;
  }
}

export type TypePathRes =
  /** Segments [0, consumed) name the type `ty`; the rest are associated items. */
  | { kind: 'ty'; ty: Ty; consumed: number; def: Def | null }
  | { kind: 'trait'; ref: TraitRef; consumed: number }
  | { kind: 'error' };

/** Lowers the generic arguments written on a segment for `g`'s own params (or infers them). */
export function genericArgs(ctx: Ctx, scope: TypeScope, g: Generics, seg: ast.PathSegment, what: string, skipSelf = false): Ty[] {
  const own = skipSelf ? g.own.slice(1) : g.own;
  const written = seg.generics;
  if (written && written.length !== own.length) {
    ctx.diags.error('E0311', `${what} takes ${own.length} generic argument${own.length === 1 ? '' : 's'} but ${written.length} ${written.length === 1 ? 'was' : 'were'} supplied`,
      seg.ident.span, `expected ${own.length} generic argument${own.length === 1 ? '' : 's'}`);
  }
  return own.map((p, i) => {
    const w = written?.[i];
    if (w) return lowerType(ctx, scope, w);
    if (scope.infer) return scope.infer(seg.ident.span);
    ctx.diags.error('E0311', `missing generics for ${what}`, seg.ident.span, `expected ${own.length} generic argument${own.length === 1 ? '' : 's'}`)
      .help(`add the missing generic argument${own.length === 1 ? '' : 's'}: \`${seg.ident.name}<${own.map((x) => x.name).join(', ')}>\``);
    void p;
    return ctx.types.error;
  });
}

export function adtTy(ctx: Ctx, scope: TypeScope, adt: AdtDef, seg: ast.PathSegment): Ty {
  return ctx.types.adt(adt, genericArgs(ctx, scope, adt.generics, seg, `${adt.adtKind} \`${adt.name}\``));
}

/** The type an alias stands for, with its generic arguments substituted. */
export function aliasTy(ctx: Ctx, alias: TypeAliasDef, args: readonly Ty[]): Ty {
  if (alias.ty === null) {
    alias.ty = ctx.types.error; // cycle guard
    if (alias.typeAst) alias.ty = lowerType(ctx, { module: alias.module, generics: alias.generics, selfTy: null, infer: null }, alias.typeAst);
  }
  return ctx.types.subst(alias.ty, args);
}

function defToType(ctx: Ctx, scope: TypeScope, def: Def, seg: ast.PathSegment, consumed: number): TypePathRes | null {
  switch (def.kind) {
    case 'adt': return { kind: 'ty', ty: adtTy(ctx, scope, def, seg), consumed, def };
    case 'typeAlias': {
      const args = genericArgs(ctx, scope, def.generics, seg, `type alias \`${def.name}\``);
      return { kind: 'ty', ty: aliasTy(ctx, def, args), consumed, def };
    }
    case 'trait': return { kind: 'trait', ref: { trait: def, args: genericArgs(ctx, scope, def.generics, seg, `trait \`${def.name}\``, true) }, consumed };
    default: return null;
  }
}

/**
 * Resolves the type part of a path: generic parameters, `Self`, items (through
 * modules), then primitive names. Reports errors.
 */
export function resolveTypePath(ctx: Ctx, scope: TypeScope, path: ast.Path): TypePathRes {
  const segs = path.segments;
  const first = segs[0]!;
  const name = first.ident.name;
  if (!path.global) {
    if (name === 'Self') {
      if (!scope.selfTy) {
        ctx.diags.error('E0314', 'cannot find type `Self` in this scope', first.ident.span, '`Self` is only available in impls, traits, and type definitions');
        return { kind: 'error' };
      }
      return { kind: 'ty', ty: scope.selfTy, consumed: 1, def: null };
    }
    const gp = findGenericParam(scope.generics, name);
    if (gp) return { kind: 'ty', ty: ctx.types.param(gp.index, gp.name), consumed: 1, def: null };
  }
  const r = resolvePath(ctx, scope.module, segs.map((s) => s.ident), path.global, 'types');
  if (r.kind === 'error') return r;
  if (r.kind === 'unresolvedFirst') {
    const prim = path.global ? null : primitiveTy(ctx, name);
    if (prim) return { kind: 'ty', ty: prim, consumed: 1, def: null };
    if (segs.length > 1) {
      reportUnresolvedModule(ctx, scope.module, first.ident);
      return { kind: 'error' };
    }
    const cands = [...namesInScope(ctx, scope.module, 'types'), ...PRIMS];
    for (let g = scope.generics; g; g = g.parent) for (const p of g.own) cands.push(p.name);
    const b = ctx.diags.error('E0301', `cannot find type \`${name}\` in this scope`, first.ident.span, 'not found in this scope');
    const help = didYouMean(name, cands, 'type');
    if (help) b.help(help);
    return { kind: 'error' };
  }
  const consumed = r.consumed;
  const seg = segs[consumed - 1]!;
  const res = defToType(ctx, scope, r.def, seg, consumed);
  if (res) return res;
  if (r.def.kind === 'mod') {
    ctx.diags.error('E0310', `expected type, found module \`${r.def.name}\``, seg.ident.span, 'not a type');
  } else {
    ctx.diags.error('E0310', `expected type, found ${r.def.kind === 'fn' ? 'function' : r.def.kind} \`${r.def.name}\``, seg.ident.span, 'not a type');
  }
  return { kind: 'error' };
}

/** Lowers a trait bound path (`Trait`, `Trait<A>`) to a TraitRef. */
export function lowerTraitRef(ctx: Ctx, scope: TypeScope, path: ast.Path): TraitRef | null {
  const r = resolvePath(ctx, scope.module, path.segments.map((s) => s.ident), path.global, 'types');
  const last = path.segments[path.segments.length - 1]!;
  if (r.kind === 'unresolvedFirst') {
    const b = ctx.diags.error('E0312', `cannot find trait \`${last.ident.name}\` in this scope`, last.ident.span, 'not found in this scope');
    const help = didYouMean(last.ident.name, namesInScope(ctx, scope.module, 'types'), 'trait');
    if (help) b.help(help);
    return null;
  }
  if (r.kind === 'error') return null;
  if (r.def.kind !== 'trait' || r.consumed !== path.segments.length) {
    ctx.diags.error('E0310', `expected trait, found ${r.def.kind === 'adt' ? r.def.adtKind : r.def.kind} \`${r.def.name}\``, last.ident.span, 'not a trait');
    return null;
  }
  const t: TraitDef = r.def;
  return { trait: t, args: genericArgs(ctx, scope, t.generics, last, `trait \`${t.name}\``, true) };
}

/** Identity arguments for all params of `g` (each param as itself). */
export function identityArgs(ctx: Ctx, g: Generics): Ty[] {
  const out: Ty[] = new Array(genericsCount(g));
  for (let cur: Generics | null = g; cur; cur = cur.parent) for (const p of cur.own) out[p.index] = ctx.types.param(p.index, p.name);
  return out;
}
