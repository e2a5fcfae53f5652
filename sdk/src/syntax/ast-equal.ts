// Structural comparison of ASTs, for tests: two trees are equal when they have
// the same shape and values, ignoring where they came from — `span`, node `id`,
// and the source spelling of literals (`text`: `0xff` equals `255`, compared by
// value). A difference is reported as a path from the root with the kinds met
// on the way, so a failing round trip points at the node that changed:
//   items[2]<fn main>.body.stmts[0]<expr>.expr<binary>.op: '+' vs '-'

export interface AstEqualOptions {
  /**
   * Treat `paren` expressions and patterns as their contents. For ASTs built
   * without parentheses (generators, desugarings) whose printed form needed some.
   */
  ignoreParens?: boolean;
}

/** Keys that say where a node came from, not what it is. */
const IGNORED = new Set(['span', 'id']);

/** The first difference between `a` and `b`, or null when they are structurally equal. */
export function astDiff(a: unknown, b: unknown, opts: AstEqualOptions = {}): string | null {
  return diff(a, b, null, opts.ignoreParens ?? false);
}

export function astEqual(a: unknown, b: unknown, opts: AstEqualOptions = {}): boolean {
  return astDiff(a, b, opts) === null;
}

/** Throws an Error naming the first difference (for node:test). */
export function assertAstEqual(actual: unknown, expected: unknown, opts: AstEqualOptions = {}, what = 'AST'): void {
  const d = astDiff(actual, expected, opts);
  if (d !== null) throw new Error(`${what} differs at ${d}`);
}

function unwrapParen(x: unknown): unknown {
  for (;;) {
    if (typeof x !== 'object' || x === null) return x;
    const o = x as Record<string, unknown>;
    if (o.kind !== 'paren') return x;
    // Expressions keep the operand in `expr`, patterns in `inner`.
    x = 'expr' in o ? o.expr : o.inner;
  }
}

/** The way from the root to a node; rendered only when a difference is found (most comparisons succeed). */
interface Step {
  parent: Step | null;
  key: string | number;
  node: unknown;
}

function render(step: Step | null, ignoreParens: boolean): string {
  const parts: string[] = [];
  for (let s = step; s; s = s.parent) parts.push(`${typeof s.key === 'number' ? `[${s.key}]` : `.${s.key}`}${label(s.node, ignoreParens)}`);
  return parts.reverse().join('') || '<root>';
}

function diff(a: unknown, b: unknown, at: Step | null, ignoreParens: boolean): string | null {
  if (ignoreParens) {
    a = unwrapParen(a);
    b = unwrapParen(b);
  }
  if (a === b) return null;
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return `${render(at, ignoreParens)}: ${show(a)} vs ${show(b)}`;
  if (ta === 'array') {
    const xa = a as unknown[];
    const xb = b as unknown[];
    const n = Math.min(xa.length, xb.length);
    for (let i = 0; i < n; i++) {
      const d = diff(xa[i], xb[i], { parent: at, key: i, node: xa[i] }, ignoreParens);
      if (d !== null) return d;
    }
    if (xa.length !== xb.length) return `${render(at, ignoreParens)}.length: ${xa.length} vs ${xb.length}`;
    return null;
  }
  if (ta === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    // Literal spelling: compared by value (a Lit is the only node with both `text` and `value`).
    const isLit = 'value' in oa && 'text' in oa;
    // `kind` first, so a changed node kind is reported as such rather than as a missing field.
    if (oa.kind !== ob.kind) return `${render({ parent: at, key: 'kind', node: null }, ignoreParens)}: ${show(oa.kind)} vs ${show(ob.kind)}`;
    let shared = 0;
    for (const k in oa) {
      if (IGNORED.has(k) || (isLit && k === 'text')) continue;
      if (k in ob) shared++;
      const d = diff(oa[k], ob[k], { parent: at, key: k, node: oa[k] }, ignoreParens);
      if (d !== null) return d;
    }
    // Keys only `b` has (with a defined value: a missing key and `undefined` are the same to a reader).
    let counted = 0;
    for (const k in ob) if (!IGNORED.has(k) && !(isLit && k === 'text')) counted++;
    if (counted !== shared) {
      for (const k in ob) {
        if (IGNORED.has(k) || (isLit && k === 'text') || k in oa) continue;
        return `${render({ parent: at, key: k, node: ob[k] }, ignoreParens)}: ${show(undefined)} vs ${show(ob[k])}`;
      }
    }
    return null;
  }
  // Different primitives (numbers, strings, booleans, bigints).
  return `${render(at, ignoreParens)}: ${show(a)} vs ${show(b)}`;
}

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

/** `<kind name>` after a path step, when the node has a kind (and a name). */
function label(x: unknown, ignoreParens: boolean): string {
  if (ignoreParens) x = unwrapParen(x);
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return '';
  const o = x as Record<string, unknown>;
  if (typeof o.kind !== 'string') return '';
  const name = o.name as { name?: unknown } | undefined;
  return typeof name === 'object' && name !== null && typeof name.name === 'string' ? `<${o.kind} ${name.name}>` : `<${o.kind}>`;
}

function show(x: unknown): string {
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === undefined) return 'undefined (missing)';
  if (typeof x === 'object' && x !== null) {
    if (Array.isArray(x)) return `[array of ${x.length}]`;
    const o = x as Record<string, unknown>;
    return typeof o.kind === 'string' ? `{ kind: ${JSON.stringify(o.kind)}, ... }` : '{ ... }';
  }
  return String(x);
}
