// Name lookup in module scopes. Locals, generic parameters and `Self` are the
// body checker's business (scope.ts / lower.ts); this file answers "what does
// this name or path mean in this module": own items and imports, then glob
// imports, then (lexically) enclosing block modules, extern crates and the
// prelude. Primitive type names are the fallback of type lookups (lower.ts).
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import { editDistance } from '../util/closest.ts';
import type { Ctx } from './ctx.ts';
import { isVisible, type AdtDef, type Binding, type Def, type ModuleDef } from './defs.ts';

export type Ns = 'types' | 'values';

const PUB = { kind: 'pub' } as const;

/**
 * `name` in module `m`'s namespace `ns`: its items and imports, then its glob
 * imports (only names visible to `m`). Marks the import used.
 */
export function lookupIn(ctx: Ctx, m: ModuleDef, name: string, ns: Ns, visiting: Set<ModuleDef> | null = null): Binding | undefined {
  const own = m[ns].get(name);
  if (own) {
    if (own.importOf) own.importOf.used = true;
    return own;
  }
  if (m.globs.length === 0) return undefined;
  const seen = visiting ?? new Set<ModuleDef>();
  if (seen.has(m)) return undefined;
  seen.add(m);
  for (const g of m.globs) {
    let b: Binding | undefined;
    if (g.target.kind === 'adt') b = variantBinding(g.target, name);
    else {
      b = lookupIn(ctx, g.target, name, ns, seen);
      if (b && !isVisible(b.vis, m)) b = undefined;
    }
    if (b) {
      g.record.used = true;
      return { def: b.def, vis: g.vis, span: b.span };
    }
  }
  return undefined;
}

function variantBinding(adt: AdtDef, name: string): Binding | undefined {
  if (adt.adtKind !== 'enum') return undefined;
  const v = adt.variants.find((x) => x.name === name);
  return v ? { def: v, vis: PUB, span: v.span } : undefined;
}

/** The module whose `super`/`self` a path means: block modules are transparent. */
export function normalModule(m: ModuleDef): ModuleDef {
  let cur = m;
  while (cur.name === '{block}' && cur.parent) cur = cur.parent;
  return cur;
}

/** Unqualified `name` as seen from module `m`: block scopes outward, the module, extern crates, the prelude. */
export function lookupLexical(ctx: Ctx, m: ModuleDef, name: string, ns: Ns): Binding | undefined {
  let cur: ModuleDef | null = m;
  while (cur) {
    const b = lookupIn(ctx, cur, name, ns);
    if (b) return b;
    cur = cur.name === '{block}' ? cur.parent : null;
  }
  if (ns === 'types') {
    const c = ctx.externCrates.get(name);
    if (c) return { def: c.root, vis: PUB, span: c.root.span };
  }
  if (ctx.prelude && ctx.prelude !== m) {
    const b = lookupIn(ctx, ctx.prelude, name, ns);
    if (b && isVisible(b.vis, m)) return b;
  }
  return undefined;
}

/** Every name visible unqualified from `m` in `ns` (for "did you mean" lists). */
export function namesInScope(ctx: Ctx, m: ModuleDef, ns: Ns): string[] {
  const out = new Set<string>();
  const addModule = (mod: ModuleDef, seen: Set<ModuleDef>): void => {
    if (seen.has(mod)) return;
    seen.add(mod);
    for (const k of mod[ns].keys()) out.add(k);
    for (const g of mod.globs) {
      if (g.target.kind === 'adt') for (const v of g.target.variants) out.add(v.name);
      else addModule(g.target, seen);
    }
  };
  let cur: ModuleDef | null = m;
  while (cur) {
    addModule(cur, new Set());
    cur = cur.name === '{block}' ? cur.parent : null;
  }
  if (ctx.prelude) for (const [k, b] of ctx.prelude[ns]) if (b.vis.kind === 'pub') out.add(k);
  if (ns === 'types') for (const k of ctx.externCrates.keys()) out.add(k);
  return [...out];
}

/** Up to three candidates close to `word` (edit distance within a third of its length), best first. */
export function similarNames(word: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { n: string; d: number }[] = [];
  const lw = word.toLowerCase();
  for (const c of candidates) {
    if (c === word || c.startsWith('{')) continue;
    const lc = c.toLowerCase();
    const d = editDistance(lw, lc);
    if (d <= limit) scored.push({ n: c, d });
    // Like rustc, also accept a swap of letters (same letters in another order).
    else if (lw.length > 2 && [...lw].sort().join('') === [...lc].sort().join('')) scored.push({ n: c, d: limit + 1 });
  }
  scored.sort((a, b) => a.d - b.d || a.n.localeCompare(b.n));
  return [...new Set(scored.map((s) => s.n))].slice(0, 3);
}

/**
 * "a function with a similar name exists: `a`" / "similar names exist: `a`, `b`",
 * or null. `what` names the kind of the candidates (or says it for the best one).
 */
export function didYouMean(word: string, candidates: Iterable<string>, what: string | ((name: string) => string) = 'name'): string | null {
  const s = similarNames(word, candidates);
  if (s.length === 0) return null;
  const kind = typeof what === 'string' ? what : what(s[0]!);
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  if (s.length === 1) return `${article} ${kind} with a similar name exists: \`${s[0]}\``;
  return `similar names exist: ${s.map((x) => `\`${x}\``).join(', ')}`;
}

/** What a value name in scope is, for "did you mean" texts. */
export function valueKind(ctx: Ctx, m: ModuleDef, name: string, locals: readonly string[]): string {
  if (locals.includes(name)) return 'local variable';
  const b = lookupLexical(ctx, m, name, 'values');
  if (!b) return 'name';
  switch (b.def.kind) {
    case 'fn': return 'function';
    case 'const': return 'constant';
    case 'static': return 'static';
    case 'variant': return b.def.adt.adtKind === 'struct' ? 'tuple struct' : 'variant';
    default: return 'item';
  }
}

/** Result of resolving a path's module part. */
export type PathRes =
  /** Segments [0, consumed) resolved to `def`; the remaining ones are associated items of it. */
  | { kind: 'def'; def: Def; consumed: number }
  /** An unresolved first segment that may be a local, generic parameter, `Self` or primitive: the caller decides. */
  | { kind: 'unresolvedFirst' }
  /** An error was reported. */
  | { kind: 'error' };

function startModule(ctx: Ctx, from: ModuleDef, seg: string): ModuleDef | null {
  const m = normalModule(from);
  switch (seg) {
    case 'crate': return m.crate.root;
    case 'self': return m;
    case 'super': return m.parent ? normalModule(m.parent) : null;
    default: return null;
  }
}

/**
 * Resolves the module part of `segs` as seen from `from`; the last segment is
 * looked up in `lastNs`. Stops at the first segment naming a type or trait
 * (its associated items are for the caller). Reports errors unless `quiet`.
 */
export function resolvePath(ctx: Ctx, from: ModuleDef, segs: readonly ast.Ident[], global: boolean, lastNs: Ns, quiet = false): PathRes {
  let cur: Def;
  let i = 0;
  const first = segs[0]!;
  if (global) {
    const c = ctx.externCrates.get(first.name);
    if (!c) {
      if (!quiet) ctx.diags.error('E0303', `failed to resolve: could not find \`${first.name}\` in the crate root`, first.span);
      return { kind: 'error' };
    }
    cur = c.root;
    i = 1;
  } else if (first.name === 'crate' || first.name === 'self' || first.name === 'super') {
    if (first.name === 'self' && segs.length === 1 && lastNs === 'values') return { kind: 'unresolvedFirst' };
    const m = startModule(ctx, from, first.name);
    if (!m) {
      if (!quiet) ctx.diags.error('E0303', 'failed to resolve: there are too many leading `super` keywords', first.span);
      return { kind: 'error' };
    }
    cur = m;
    i = 1;
    while (i < segs.length && segs[i]!.name === 'super') {
      const p: ModuleDef | null = (cur as ModuleDef).parent;
      if (!p) {
        if (!quiet) ctx.diags.error('E0303', 'failed to resolve: there are too many leading `super` keywords', segs[i]!.span);
        return { kind: 'error' };
      }
      cur = normalModule(p);
      i++;
    }
  } else {
    const ns = segs.length === 1 ? lastNs : 'types';
    const b = lookupLexical(ctx, from, first.name, ns);
    if (!b) return { kind: 'unresolvedFirst' };
    cur = b.def;
    i = 1;
  }
  for (; i < segs.length; i++) {
    if (cur.kind !== 'mod') return { kind: 'def', def: cur, consumed: i };
    const seg = segs[i]!;
    const ns = i === segs.length - 1 ? lastNs : 'types';
    const b = lookupIn(ctx, cur, seg.name, ns);
    if (!b) {
      // A value path may name a type's associated item only through a type segment, so
      // when the last segment is missing in a module, report it against the module.
      if (!quiet) reportMissingIn(ctx, cur, seg, ns, i === segs.length - 1);
      return { kind: 'error' };
    }
    if (!isVisible(b.vis, from)) {
      if (!quiet) reportPrivate(ctx, b.def, seg.span);
      return { kind: 'error' };
    }
    cur = b.def;
  }
  return { kind: 'def', def: cur, consumed: segs.length };
}

export function reportPrivate(ctx: Ctx, def: Def, span: Span): void {
  ctx.diags.error('E0306', `${kindWord(def)} \`${def.name}\` is private`, span, `private ${kindWord(def)}`)
    .label(def.span, `the ${kindWord(def)} \`${def.name}\` is defined here`)
    .help('mark the item `pub` to use it from another module');
}

function kindWord(d: Def): string {
  switch (d.kind) {
    case 'mod': return 'module';
    case 'adt': return d.adtKind;
    case 'fn': return 'function';
    case 'const': return 'constant';
    case 'static': return 'static';
    case 'trait': return 'trait';
    case 'typeAlias': return 'type alias';
    case 'variant': return 'variant';
    case 'impl': return 'impl';
  }
}

function reportMissingIn(ctx: Ctx, m: ModuleDef, seg: ast.Ident, ns: Ns, last: boolean): void {
  const where = m.parent === null ? (m.crate.name === 'crate' ? 'the crate root' : `\`${m.crate.name}\``) : `\`${m.name}\``;
  const names = [...m[ns].keys()];
  for (const g of m.globs) if (g.target.kind === 'mod') names.push(...g.target[ns].keys());
  const b = last
    ? ctx.diags.error(ns === 'types' ? 'E0301' : 'E0300', `cannot find ${ns === 'types' ? 'type' : 'value'} \`${seg.name}\` in ${where}`, seg.span, `not found in ${where}`)
    : ctx.diags.error('E0303', `failed to resolve: could not find \`${seg.name}\` in ${where}`, seg.span, `could not find \`${seg.name}\` in ${where}`);
  const help = didYouMean(seg.name, names, ns === 'types' ? 'item' : 'item');
  if (help) b.help(help);
}

/** Error for an unresolved first segment of a multi-segment path (`foo::bar` with no `foo`). */
export function reportUnresolvedModule(ctx: Ctx, from: ModuleDef, seg: ast.Ident): void {
  const b = ctx.diags.error('E0303', `failed to resolve: use of undeclared crate or module \`${seg.name}\``, seg.span,
    `use of undeclared crate or module \`${seg.name}\``);
  const help = didYouMean(seg.name, namesInScope(ctx, from, 'types'), 'module');
  if (help) b.help(help);
}
