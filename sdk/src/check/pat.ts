// Pattern checking, with Rust's default binding modes: a non-reference
// pattern matched against a reference dereferences it implicitly (an explicit
// `deref` node with `implicit: true`) and makes the bindings inside bind by
// reference. `..` in tuple, tuple-struct and struct patterns is expanded, so
// HIR patterns always have the full arity (omitted fields are wildcards).
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { FnCtx } from './body.ts';
import { arrayLen, type Ty } from './types.ts';
import type { HirPat, LitValue, LocalVar } from './hir.ts';
import { lookupLexical, didYouMean } from './resolve.ts';
import { resolveValuePath, resolveStructPath } from './path.ts';
import { ensureFields, constTy } from './collect.ts';
import { isVisible, type ConstDef } from './defs.ts';

type Mode = 'move' | 'ref' | 'refMut';

/** Checks `p` against `expected`; new bindings are appended to `news` (the caller declares them). */
export function checkPat(fx: FnCtx, p: ast.Pat, expected: Ty, news: LocalVar[], mode: Mode = 'move'): HirPat {
  const seen = new Set<string>();
  return pat(fx, p, expected, news, mode, seen);
}

/** Does this pattern look through references under default binding modes? */
function peels(fx: FnCtx, p: ast.Pat): boolean {
  switch (p.kind) {
    case 'lit': case 'range': case 'tuple': case 'path': case 'tupleStruct': case 'struct': case 'slice': return true;
    case 'ident': return !p.sub && !p.mut && !p.byRef && identIsPath(fx, p.name.name);
    default: return false;
  }
}

/** A bare identifier pattern naming a unit struct, unit variant or constant is a path pattern. */
function identIsPath(fx: FnCtx, name: string): boolean {
  const b = lookupLexical(fx.ctx, fx.module, name, 'values');
  if (!b) return false;
  return b.def.kind === 'const' || (b.def.kind === 'variant' && b.def.shape === 'unit');
}

function pat(fx: FnCtx, p: ast.Pat, expected: Ty, news: LocalVar[], mode: Mode, seen: Set<string>): HirPat {
  if (peels(fx, p)) {
    const t = fx.res(expected);
    const strLit = p.kind === 'lit' && (p.lit.kind === 'str' || p.lit.kind === 'byteStr');
    const isStrRef = t.kind === 'ref' && fx.res(t.inner).kind === 'str';
    if (t.kind === 'ref' && !(strLit && isStrRef)) {
      const inner = pat(fx, p, t.inner, news, t.mut && mode !== 'ref' ? 'refMut' : 'ref', seen);
      return fx.mkPat({ kind: 'deref', inner, implicit: true }, expected, p.span);
    }
  }
  const T = fx.T;
  switch (p.kind) {
    case 'wild': return fx.mkPat({ kind: 'wild' }, expected, p.span);
    case 'rest':
      fx.ctx.diags.error('E0417', '`..` patterns are not allowed here', p.span, 'only allowed in tuple, tuple struct and slice patterns');
      return fx.mkPat({ kind: 'wild' }, expected, p.span);
    case 'paren': return pat(fx, p.inner, expected, news, mode, seen);
    case 'ident': {
      if (!p.sub && !p.mut && !p.byRef && identIsPath(fx, p.name.name)) {
        return pathPat(fx, { segments: [{ ident: p.name, generics: null }], global: false, span: p.span }, expected, p.span);
      }
      return binding(fx, p, expected, news, mode, seen);
    }
    case 'lit': return litPat(fx, p.lit, p.negative, expected, p.span);
    case 'range': return rangePat(fx, p, expected);
    case 'tuple': {
      let t = fx.res(expected);
      const restAt = p.elems.findIndex((x) => x.kind === 'rest');
      if (t.kind === 'var' && restAt < 0) {
        const fresh = T.tuple(p.elems.map((x) => fx.newVar(x.span)));
        fx.infer.unify(t, fresh);
        t = fx.res(t);
      }
      if (t.kind !== 'tuple') {
        if (t.kind !== 'error') fx.mismatch(p.span, t, T.tuple(p.elems.map(() => T.error)), `expected \`${fx.show(t)}\`, found tuple`);
        return fx.mkPat({ kind: 'wild' }, expected, p.span);
      }
      const full = expandRest(fx, p.elems, t.elems.length, p.span, 'tuple');
      const elems = full.map((x, i) => (x ? pat(fx, x, t.elems[i]!, news, mode, seen) : fx.mkPat({ kind: 'wild' }, t.elems[i]!, p.span)));
      return fx.mkPat({ kind: 'tuple', elems }, expected, p.span);
    }
    case 'path': return pathPat(fx, p.path, expected, p.span);
    case 'tupleStruct': {
      const r = resolveValuePath(fx, p.path);
      if (r.kind === 'error') return fx.mkPat({ kind: 'wild' }, expected, p.span);
      if (r.kind !== 'ctor' || r.variant.shape !== 'tuple') {
        const what = r.kind === 'ctor' ? `${r.variant.shape === 'unit' ? 'unit' : 'struct'} variant \`${r.variant.name}\`` : 'a value';
        fx.ctx.diags.error('E0416', `expected tuple struct or tuple variant, found ${what}`, p.path.span, 'not a tuple struct or tuple variant');
        return fx.mkPat({ kind: 'wild' }, expected, p.span);
      }
      fx.expectEq(p.span, expected, r.adtTy);
      const args = (fx.res(r.adtTy) as Ty & { kind: 'adt' }).args;
      const fieldTys = r.variant.fields.map((f) => T.subst(f.ty, args));
      const full = expandRest(fx, p.elems, fieldTys.length, p.span, r.adt.adtKind === 'enum' ? 'tuple variant' : 'tuple struct');
      const fields = full.map((x, i) => (x ? pat(fx, x, fieldTys[i]!, news, mode, seen) : fx.mkPat({ kind: 'wild' }, fieldTys[i]!, p.span)));
      return fx.mkPat({ kind: 'adt', adt: r.adt, variant: r.variant.index, fields }, expected, p.span);
    }
    case 'struct': {
      const r = resolveStructPath(fx, p.path);
      if (!r) return fx.mkPat({ kind: 'wild' }, expected, p.span);
      fx.expectEq(p.span, expected, r.adtTy);
      const args = (fx.res(r.adtTy) as Ty & { kind: 'adt' }).args;
      const v = r.variant;
      const fields: (HirPat | null)[] = v.fields.map(() => null);
      for (const fp of p.fields) {
        const idx = v.fields.findIndex((f) => f.name === fp.name.name);
        if (idx < 0) {
          const b = fx.ctx.diags.error('E0412', `${r.adt.adtKind === 'enum' ? 'variant' : 'struct'} \`${r.adt.adtKind === 'enum' ? `${r.adt.name}::${v.name}` : r.adt.name}\` does not have a field named \`${fp.name.name}\``,
            fp.name.span, 'field does not exist');
          const help = didYouMean(fp.name.name, v.fields.map((f) => f.name), 'field');
          if (help) b.help(help);
          continue;
        }
        const fd = v.fields[idx]!;
        if (!isVisible(fd.vis, fx.module)) fx.ctx.diags.error('E0306', `field \`${fd.name}\` of struct \`${r.adt.name}\` is private`, fp.name.span, 'private field');
        fields[idx] = pat(fx, fp.pat, T.subst(fd.ty, args), news, mode, seen);
      }
      const missing = v.fields.filter((_, i) => !fields[i]).map((f) => f.name);
      if (missing.length && !p.rest) {
        fx.ctx.diags.error('E0417', `pattern does not mention field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}`, p.span,
          `missing field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}`)
          .help('include the missing fields, or ignore them with `..`');
      }
      const full = fields.map((f, i) => f ?? fx.mkPat({ kind: 'wild' }, T.subst(v.fields[i]!.ty, args), p.span));
      return fx.mkPat({ kind: 'adt', adt: r.adt, variant: v.index, fields: full }, expected, p.span);
    }
    case 'ref': {
      let t = fx.res(expected);
      if (t.kind === 'var') {
        fx.infer.unify(t, T.ref(p.mut, fx.newVar(p.span)));
        t = fx.res(t);
      }
      if (t.kind !== 'ref' || t.mut !== p.mut) {
        if (t.kind !== 'error') {
          fx.ctx.diags.error('E0400', 'mismatched types', p.span, `expected \`${fx.show(t)}\`, found \`&${p.mut ? 'mut ' : ''}_\``)
            .note(t.kind === 'ref' ? 'the reference pattern must have the same mutability as the reference' : 'a `&` pattern matches a reference; remove the `&`');
        }
        return fx.mkPat({ kind: 'wild' }, expected, p.span);
      }
      const inner = pat(fx, p.inner, t.inner, news, 'move', seen);
      return fx.mkPat({ kind: 'deref', inner, implicit: false }, expected, p.span);
    }
    case 'or': return orPat(fx, p, expected, news, mode, seen);
    case 'slice': return slicePat(fx, p, expected, news, mode, seen);
  }
}

function binding(fx: FnCtx, p: ast.Pat & { kind: 'ident' }, expected: Ty, news: LocalVar[], mode: Mode, seen: Set<string>): HirPat {
  const T = fx.T;
  const name = p.name.name;
  let bmode: Mode = mode;
  if (p.byRef) bmode = p.mut ? 'refMut' : 'ref';
  else if (p.mut) bmode = 'move';
  const ty = bmode === 'move' ? expected : T.ref(bmode === 'refMut', expected);
  if (seen.has(name) && !fx.orBindings?.has(name)) {
    fx.ctx.diags.error('E0416', `identifier \`${name}\` is bound more than once in the same pattern`, p.name.span, 'used in a pattern more than once');
  }
  seen.add(name);
  let local = fx.orBindings?.get(name);
  if (local) {
    if (!fx.infer.unify(local.ty, ty)) fx.mismatch(p.span, local.ty, ty);
  } else {
    local = fx.newLocal(name, p.mut && !p.byRef, ty, p.name.span);
    if (name.startsWith('_')) local.used = true;
  }
  news.push(local);
  const sub = p.sub ? pat(fx, p.sub, expected, news, mode, seen) : null;
  return fx.mkPat({ kind: 'binding', local, mode: bmode, sub }, ty, p.span);
}

/** Expands `..` in a positional pattern list to exactly `n` entries (null = wildcard). */
function expandRest(fx: FnCtx, elems: readonly ast.Pat[], n: number, span: Span, what: string): (ast.Pat | null)[] {
  const restAt = elems.findIndex((x) => x.kind === 'rest');
  if (restAt < 0) {
    if (elems.length !== n) {
      fx.ctx.diags.error('E0417', `this pattern has ${elems.length} field${elems.length === 1 ? '' : 's'}, but the corresponding ${what} has ${n} field${n === 1 ? '' : 's'}`,
        span, `expected ${n} field${n === 1 ? '' : 's'}, found ${elems.length}`);
    }
    return Array.from({ length: n }, (_, i) => elems[i] ?? null);
  }
  const before = elems.slice(0, restAt);
  const after = elems.slice(restAt + 1);
  if (after.some((x) => x.kind === 'rest')) fx.ctx.diags.error('E0417', '`..` can only be used once per tuple pattern', span, 'can only be used once per pattern');
  if (before.length + after.length > n) {
    fx.ctx.diags.error('E0417', `this pattern has ${before.length + after.length} fields, but the corresponding ${what} has ${n} field${n === 1 ? '' : 's'}`, span, `expected at most ${n} fields`);
  }
  const out: (ast.Pat | null)[] = new Array(n).fill(null);
  before.forEach((x, i) => { if (i < n) out[i] = x; });
  after.forEach((x, i) => { const j = n - after.length + i; if (j >= 0 && j < n) out[j] = x; });
  return out;
}

function litValueOf(lit: ast.Lit, negative: boolean): LitValue | null {
  switch (lit.kind) {
    case 'int': return { kind: 'int', value: negative ? -lit.value : lit.value };
    case 'byte': return { kind: 'int', value: BigInt(lit.value) };
    case 'bool': return { kind: 'bool', value: lit.value };
    case 'char': return { kind: 'char', value: lit.value };
    case 'str': return { kind: 'str', value: lit.value };
    case 'byteStr': return null;
  }
}

function litPat(fx: FnCtx, lit: ast.Lit, negative: boolean, expected: Ty, span: Span): HirPat {
  const T = fx.T;
  let ty: Ty;
  switch (lit.kind) {
    case 'int': {
      const x = fx.res(expected);
      ty = lit.suffix ? T.ints[lit.suffix as keyof typeof T.ints] ?? T.error : x.kind === 'int' || x.kind === 'intVar' ? x : fx.infer.newIntVar();
      break;
    }
    case 'byte': ty = T.u8; break;
    case 'bool': ty = T.bool; break;
    case 'char': ty = T.char; break;
    case 'str': ty = T.refStr; break;
    case 'byteStr':
      fx.ctx.diags.error('E0430', 'byte string patterns are not supported in Orizon v0.1', span);
      return fx.mkPat({ kind: 'wild' }, expected, span);
  }
  fx.expectEq(span, expected, ty);
  const value = litValueOf(lit, negative)!;
  const h = fx.mkPat({ kind: 'lit', value }, expected, span);
  if (lit.kind === 'int') {
    // Range-check the literal once its type is final (like expression literals).
    const e = fx.mk({ kind: 'lit', value }, ty, span);
    fx.intLits.push({ e, value: lit.value, negated: negative });
  }
  return h;
}

/** A range bound: literal, `-literal`, const, or `u8::MAX`-style path; its value (chars as code points). */
function boundValue(fx: FnCtx, b: ast.Pat, expected: Ty): bigint | null {
  if (b.kind === 'lit') {
    litPat(fx, b.lit, b.negative, expected, b.span);
    const v = litValueOf(b.lit, b.negative);
    if (v?.kind === 'int') return v.value;
    if (v?.kind === 'char') return BigInt(v.value);
    fx.ctx.diags.error('E0416', 'range patterns must have integer or char bounds', b.span, 'not an integer or char');
    return null;
  }
  if (b.kind === 'path' || b.kind === 'ident') {
    const path: ast.Path = b.kind === 'path' ? b.path : { segments: [{ ident: b.name, generics: null }], global: false, span: b.span };
    const r = resolveValuePath(fx, path);
    if (r.kind === 'lit') { fx.expectEq(b.span, expected, r.ty); return r.value; }
    if (r.kind === 'const') return constBound(fx, r.def, expected, b.span);
    if (r.kind !== 'error') fx.ctx.diags.error('E0416', 'range pattern bounds must be literals or constants', b.span, 'not a constant');
    return null;
  }
  fx.ctx.diags.error('E0416', 'range pattern bounds must be literals or constants', b.span, 'not a constant');
  return null;
}

function constBound(fx: FnCtx, c: ConstDef, expected: Ty, span: Span): bigint | null {
  fx.expectEq(span, expected, constTy(fx.ctx, c));
  const v = fx.ctx.consteval.constValue(c);
  if (v?.kind === 'int') return v.value;
  if (v?.kind === 'char') return BigInt(v.value);
  fx.ctx.diags.error('E0416', `constant \`${c.name}\` cannot be used as a range bound`, span, 'not an integer or char constant');
  return null;
}

function rangePat(fx: FnCtx, p: ast.Pat & { kind: 'range' }, expected: Ty): HirPat {
  const lo = p.lo ? boundValue(fx, p.lo, expected) : null;
  const hi = p.hi ? boundValue(fx, p.hi, expected) : null;
  const t = fx.res(expected);
  if (t.kind !== 'int' && t.kind !== 'intVar' && t.kind !== 'char' && t.kind !== 'error') {
    fx.ctx.diags.error('E0416', `only \`char\` and numeric types are allowed in range patterns, found \`${fx.show(t)}\``, p.span, 'this is not a `char` or number');
  }
  if (lo !== null && hi !== null && (p.inclusive ? lo > hi : lo >= hi)) {
    fx.ctx.diags.error('E0416', p.inclusive ? 'lower range bound must be less than or equal to upper' : 'lower range bound must be less than upper', p.span,
      p.inclusive ? 'lower bound larger than upper bound' : 'empty range');
  }
  return fx.mkPat({ kind: 'range', lo, hi, inclusive: p.inclusive }, expected, p.span);
}

function pathPat(fx: FnCtx, path: ast.Path, expected: Ty, span: Span): HirPat {
  const T = fx.T;
  const r = resolveValuePath(fx, path);
  switch (r.kind) {
    case 'ctor':
      if (r.variant.shape !== 'unit') {
        fx.ctx.diags.error('E0416', `expected unit struct, unit variant or constant, found ${r.variant.shape} variant \`${r.variant.name}\``, span,
          r.variant.shape === 'tuple' ? `use the tuple variant pattern syntax instead: \`${r.variant.name}(..)\`` : `use struct pattern syntax instead: \`${r.variant.name} { .. }\``);
        return fx.mkPat({ kind: 'wild' }, expected, span);
      }
      fx.expectEq(span, expected, r.adtTy);
      ensureFields(fx.ctx, r.adt);
      return fx.mkPat({ kind: 'adt', adt: r.adt, variant: r.variant.index, fields: [] }, expected, span);
    case 'const': {
      const cty = T.subst(constTy(fx.ctx, r.def), r.args);
      fx.expectEq(span, expected, cty);
      const v = fx.ctx.consteval.constValue(r.def);
      if (v && (v.kind === 'int' || v.kind === 'bool' || v.kind === 'char' || v.kind === 'str')) {
        return fx.mkPat({ kind: 'lit', value: v.kind === 'int' ? { kind: 'int', value: v.value } : v.kind === 'bool' ? { kind: 'bool', value: v.value } : v.kind === 'char' ? { kind: 'char', value: v.value } : { kind: 'str', value: v.value } }, expected, span);
      }
      fx.ctx.diags.error('E0430', `constant \`${r.def.name}\` cannot be used as a pattern in Orizon v0.1`, span, 'only integer, bool, char and str constants are supported in patterns');
      return fx.mkPat({ kind: 'wild' }, expected, span);
    }
    case 'lit':
      fx.expectEq(span, expected, r.ty);
      return fx.mkPat({ kind: 'lit', value: { kind: 'int', value: r.value } }, expected, span);
    case 'error':
      return fx.mkPat({ kind: 'wild' }, expected, span);
    default:
      fx.ctx.diags.error('E0416', 'expected unit struct, unit variant or constant', span, 'not a pattern');
      return fx.mkPat({ kind: 'wild' }, expected, span);
  }
}

function orPat(fx: FnCtx, p: ast.Pat & { kind: 'or' }, expected: Ty, news: LocalVar[], mode: Mode, seen: Set<string>): HirPat {
  const saved = fx.orBindings;
  const first: LocalVar[] = [];
  const alts: HirPat[] = [];
  const firstSeen = new Set(seen);
  alts.push(pat(fx, p.alts[0]!, expected, first, mode, firstSeen));
  const map = new Map(saved ?? []);
  for (const l of first) map.set(l.name, l);
  const names0 = new Set(first.map((l) => l.name));
  for (let i = 1; i < p.alts.length; i++) {
    fx.orBindings = map;
    const altNews: LocalVar[] = [];
    alts.push(pat(fx, p.alts[i]!, expected, altNews, mode, new Set(seen)));
    const names = new Set(altNews.map((l) => l.name));
    for (const n of names0) if (!names.has(n)) reportNotBound(fx, n, p.alts[i]!.span);
    for (const n of names) if (!names0.has(n)) reportNotBound(fx, n, p.alts[0]!.span);
  }
  fx.orBindings = saved;
  for (const n of firstSeen) seen.add(n);
  for (const l of first) if (!news.includes(l)) news.push(l);
  return fx.mkPat({ kind: 'or', alts }, expected, p.span);
}

function reportNotBound(fx: FnCtx, name: string, span: Span): void {
  fx.ctx.diags.error('E0416', `variable \`${name}\` is not bound in all patterns`, span, `pattern doesn't bind \`${name}\``);
}

function slicePat(fx: FnCtx, p: ast.Pat & { kind: 'slice' }, expected: Ty, news: LocalVar[], mode: Mode, seen: Set<string>): HirPat {
  const T = fx.T;
  const t = fx.res(expected);
  if (t.kind !== 'array' && t.kind !== 'slice') {
    if (t.kind !== 'error') fx.ctx.diags.error('E0416', `expected an array or slice, found \`${fx.show(t)}\``, p.span, 'pattern cannot match with input type');
    return fx.mkPat({ kind: 'wild' }, expected, p.span);
  }
  const isRest = (x: ast.Pat): boolean => x.kind === 'rest' || x.kind === 'ident' && x.sub?.kind === 'rest';
  const restAt = p.elems.findIndex(isRest);
  const prefixAst = restAt < 0 ? p.elems : p.elems.slice(0, restAt);
  const suffixAst = restAt < 0 ? [] : p.elems.slice(restAt + 1);
  const fixed = prefixAst.length + suffixAst.length;
  const len = arrayLen(t);
  if (len !== null) {
    if (restAt < 0 ? fixed !== len : fixed > len) {
      fx.ctx.diags.error('E0417', `pattern requires ${restAt < 0 ? '' : 'at least '}${fixed} element${fixed === 1 ? '' : 's'} but array has ${len}`, p.span,
        `expected ${len} element${len === 1 ? '' : 's'}`);
    }
  } else if (t.kind === 'array' && restAt < 0) {
    fx.ctx.diags.error('E0430', 'slice patterns on arrays of generic length need a `..`', p.span, 'array length is not known here');
  }
  const restArray = (): Ty => (len !== null ? T.array(t.elem, Math.max(0, len - fixed)) : T.error);
  const prefix = prefixAst.map((x) => pat(fx, x, t.elem, news, mode, seen));
  const suffix = suffixAst.map((x) => pat(fx, x, t.elem, news, mode, seen));
  let rest: HirPat | null = null;
  if (restAt >= 0) {
    const r = p.elems[restAt]!;
    if (r.kind === 'ident') {
      const restTy = t.kind === 'array' ? restArray() : T.slice(t.elem);
      if (t.kind === 'slice' && mode === 'move' && !r.byRef) {
        fx.ctx.diags.error('E0430', 'binding the rest of a slice by value is not possible (its size is unknown)', r.span, 'bind it by reference: `ref rest @ ..`');
      }
      rest = binding(fx, { ...r, sub: null }, restTy, news, mode, seen);
    } else {
      rest = fx.mkPat({ kind: 'wild' }, t.kind === 'array' ? restArray() : T.slice(t.elem), r.span);
    }
  }
  return fx.mkPat({ kind: 'slice', prefix, rest, hasRest: restAt >= 0, suffix }, expected, p.span);
}
