// Import resolution: binds the names of `import`/`use` directives into their
// modules. A directive may depend on another one (`use a::b` where `a` itself
// is imported), and modules may import each other in cycles, so resolution is
// a fixpoint: retry unresolved directives until a round makes no progress,
// then report what is left.
import type { Ctx } from './ctx.ts';
import { isVisible, type Binding, type ImportRecord, type ModuleDef, type AdtDef } from './defs.ts';
import type { ImportDirective } from './modules.ts';
import { lookupIn, lookupLexical, normalModule, reportPrivate, didYouMean, namesInScope, type Ns } from './resolve.ts';

type Target = { kind: 'ok'; def: ModuleDef | AdtDef } | { kind: 'pending' } | { kind: 'error' };

export function resolveImports(ctx: Ctx, directives: ImportDirective[]): void {
  let progress = true;
  while (progress) {
    progress = false;
    for (const d of directives) {
      if (!d.done && step(ctx, d, false)) { d.done = true; progress = true; }
    }
  }
  for (const d of directives) if (!d.done) step(ctx, d, true);
}

/** Resolves `d.prefix` to a module (or an enum, for `use E::*` / `use E::V`). */
function prefixTarget(ctx: Ctx, d: ImportDirective, report: boolean): Target {
  if (d.prefix.length === 0) return { kind: 'ok', def: normalModule(d.module) };
  let cur: ModuleDef | AdtDef;
  let i = 0;
  const first = d.prefix[0]!;
  const base = normalModule(d.module);
  if (first.name === 'crate') { cur = base.crate.root; i = 1; }
  else if (first.name === 'self') { cur = base; i = 1; }
  else if (first.name === 'super') {
    cur = base;
    while (i < d.prefix.length && d.prefix[i]!.name === 'super') {
      const p: ModuleDef | null = cur.kind === 'mod' ? cur.parent : null;
      if (!p) {
        if (report) ctx.diags.error('E0303', 'failed to resolve: there are too many leading `super` keywords', d.prefix[i]!.span);
        return { kind: 'error' };
      }
      cur = normalModule(p);
      i++;
    }
  } else {
    const b = lookupLexical(ctx, d.module, first.name, 'types');
    if (!b || (b.def.kind !== 'mod' && b.def.kind !== 'adt')) {
      if (!report) return { kind: 'pending' };
      const e = ctx.diags.error('E0302', `unresolved import \`${first.name}\``, first.span, `use of undeclared crate or module \`${first.name}\``);
      const help = didYouMean(first.name, namesInScope(ctx, d.module, 'types'), 'module');
      if (help) e.help(help);
      return { kind: 'error' };
    }
    cur = b.def;
    i = 1;
  }
  for (; i < d.prefix.length; i++) {
    const seg = d.prefix[i]!;
    if (cur.kind !== 'mod') {
      if (report) ctx.diags.error('E0302', `unresolved import: \`${cur.name}\` is not a module`, seg.span);
      return { kind: 'error' };
    }
    const b = lookupIn(ctx, cur, seg.name, 'types');
    if (!b || (b.def.kind !== 'mod' && b.def.kind !== 'adt')) {
      if (!report) return { kind: 'pending' };
      const e = ctx.diags.error('E0302', `unresolved import: could not find \`${seg.name}\` in \`${cur.name}\``, seg.span,
        `could not find \`${seg.name}\` in \`${cur.name}\``);
      const help = didYouMean(seg.name, [...cur.types.keys()], 'module');
      if (help) e.help(help);
      return { kind: 'error' };
    }
    if (!isVisible(b.vis, d.module)) {
      if (report) reportPrivate(ctx, b.def, seg.span);
      return { kind: 'error' };
    }
    cur = b.def;
  }
  return { kind: 'ok', def: cur };
}

function newRecord(ctx: Ctx, d: ImportDirective, name: string): ImportRecord {
  const r: ImportRecord = { span: d.span, name, module: d.module, used: false, allowUnused: d.allowUnused || d.vis.kind === 'pub' };
  ctx.imports.push(r);
  return r;
}

function bindImport(ctx: Ctx, d: ImportDirective, ns: Ns, name: string, b: Binding, record: ImportRecord): void {
  const map = d.module[ns];
  const prev = map.get(name);
  if (prev) {
    if (prev.def === b.def) return;
    ctx.diags.error('E0305', `the name \`${name}\` is defined multiple times`, (d.alias ?? d.name ?? d.prefix[0])?.span ?? d.span,
      `\`${name}\` reimported here`)
      .label(prev.span, `previous definition of \`${name}\` here`)
      .help(`you can use \`as\` to change the binding name of the import`);
    return;
  }
  map.set(name, { def: b.def, vis: d.vis, span: (d.alias ?? d.name)?.span ?? d.span, importOf: record });
}

/** One attempt at `d`; true when it is resolved (or reported, when `report`). */
function step(ctx: Ctx, d: ImportDirective, report: boolean): boolean {
  const t = prefixTarget(ctx, d, report);
  if (t.kind === 'pending') return false;
  if (t.kind === 'error') return true;
  const target = t.def;
  if (d.name === null) {
    d.module.globs.push({ target, vis: d.vis, record: newRecord(ctx, d, [...d.prefix.map((p) => p.name), '*'].join('::')) });
    return true;
  }
  const name = d.name.name;
  const as = d.alias?.name ?? (name === 'self' ? d.prefix[d.prefix.length - 1]?.name ?? 'self' : name);
  if (name === 'self') {
    bindImport(ctx, d, 'types', as, { def: target, vis: d.vis, span: d.span }, newRecord(ctx, d, as));
    return true;
  }
  let found: { ns: Ns; b: Binding }[] = [];
  if (target.kind === 'adt') {
    const v = target.adtKind === 'enum' ? target.variants.find((x) => x.name === name) : undefined;
    if (v) found = [{ ns: 'types', b: { def: v, vis: { kind: 'pub' }, span: v.span } }, { ns: 'values', b: { def: v, vis: { kind: 'pub' }, span: v.span } }];
  } else {
    for (const ns of ['types', 'values'] as const) {
      // A single-segment `use foo;` names an extern crate or a sibling item.
      const b = d.prefix.length === 0 ? lookupLexical(ctx, d.module, name, ns) : lookupIn(ctx, target, name, ns);
      if (b) found.push({ ns, b });
    }
  }
  if (found.length === 0) {
    if (!report) return false;
    const where = target.kind === 'mod' && target.parent === null ? (target.crate.name === 'crate' ? 'the crate root' : `\`${target.crate.name}\``) : `\`${target.name}\``;
    const e = ctx.diags.error('E0302', `unresolved import \`${[...d.prefix.map((p) => p.name), name].join('::')}\``, d.name.span,
      `no \`${name}\` in ${where}`);
    const cands = target.kind === 'mod' ? [...target.types.keys(), ...target.values.keys()] : target.variants.map((v) => v.name);
    const help = didYouMean(name, cands, 'item');
    if (help) e.help(help);
    return true;
  }
  const record = newRecord(ctx, d, [...d.prefix.map((p) => p.name), name].join('::') + (d.alias ? ` as ${d.alias.name}` : ''));
  for (const f of found) {
    if (!isVisible(f.b.vis, d.module)) {
      reportPrivate(ctx, f.b.def, d.name.span);
      return true;
    }
  }
  for (const f of found) bindImport(ctx, d, f.ns, as, f.b, record);
  return true;
}
