// The AST printer: turns an AST back into readable Orizon source (4-space
// indentation, rustfmt-like layout). Used by `--emit ast`, by the round-trip
// test (parse(print(ast)) equals ast) and for debugging.
//
// Faithfulness rules:
// - What the AST stores is printed as stored: `paren` nodes, `import` vs `use`,
//   literal text, labels, doc comments, attributes. Layout is not stored, so
//   it is regenerated.
// - Where an AST was built without the parentheses the grammar needs (by a
//   desugaring, a generator, a test), they are inserted so that re-parsing gives
//   the same tree modulo `paren` nodes: by operator precedence, around struct
//   literals in `if`/`while`/`match`/`for` heads, around casts before `<`, around
//   a block-like expression that would otherwise end a statement early, and
//   around or-patterns where only a single alternative may stand.
import type {
  AsmOperand, AsmOption, Attr, Block, Expr, FieldDef, Generics, Item, Lit, MacroArg, MatchArm, Meta, Pat, Path,
  SourceFileAst, Stmt, Type, UseTree, Variant,
} from './ast.ts';

const INDENT = '    ';
/** Lines longer than this break their comma lists one element per line. */
const WIDTH = 100;

// Binding powers, loosest first; they mirror parse/exprs.ts.
const P_JUMP = 0, P_ASSIGN = 1, P_RANGE = 2, P_OR = 3, P_AND = 4, P_CMP = 5, P_BITOR = 6, P_XOR = 7,
  P_BITAND = 8, P_SHIFT = 9, P_ADD = 10, P_MUL = 11, P_AS = 12, P_UNARY = 13, P_POSTFIX = 14, P_ATOM = 15;

const BINARY_PREC: Readonly<Record<string, number>> = {
  '||': P_OR, '&&': P_AND, '==': P_CMP, '!=': P_CMP, '<': P_CMP, '>': P_CMP, '<=': P_CMP, '>=': P_CMP,
  '|': P_BITOR, '^': P_XOR, '&': P_BITAND, '<<': P_SHIFT, '>>': P_SHIFT, '+': P_ADD, '-': P_ADD,
  '*': P_MUL, '/': P_MUL, '%': P_MUL,
};

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'closure': case 'return': case 'break': case 'continue': case 'let': return P_JUMP;
    case 'assign': return P_ASSIGN;
    case 'range': return P_RANGE;
    case 'binary': return BINARY_PREC[e.op]!;
    case 'cast': return P_AS;
    case 'unary': case 'ref': return P_UNARY;
    case 'try': case 'call': case 'methodCall': case 'field': case 'tupleField': case 'index': return P_POSTFIX;
    case 'lit': return e.lit.kind === 'int' && e.lit.value < 0n ? P_UNARY : P_ATOM;
    default: return P_ATOM;
  }
}

/** Expressions that end a statement when they start it (`match x {} - 1` is two statements). */
function isBlockLike(e: Expr): boolean {
  switch (e.kind) {
    case 'block': case 'if': case 'match': case 'while': case 'loop': case 'for': return true;
    default: return false;
  }
}

/** Context of an expression being printed. */
interface Ctx {
  /** Indent level of the line the expression starts on. */
  ind: number;
  /** In the head of `if`/`while`/`match`/`for`: a struct literal needs parentheses. */
  noStruct: boolean;
}

const pad = (n: number): string => INDENT.repeat(n);

// ---------------------------------------------------------------- entry points

export function printAst(ast: SourceFileAst): string {
  const head: string[] = [];
  for (const d of ast.docs) head.push(docLine(d, true));
  for (const a of ast.innerAttrs) head.push(printAttr(a));
  const body = printItems(ast.items, 0);
  const parts = [head.join('\n'), body].filter((s) => s.length > 0);
  return parts.length ? parts.join('\n\n') + '\n' : '';
}

export function printItem(item: Item, ind = 0): string {
  return pad(ind) + itemText(item, ind);
}

export function printExpr(e: Expr, ind = 0): string {
  return expr(e, P_JUMP, { ind, noStruct: false });
}

export function printType(t: Type): string {
  switch (t.kind) {
    case 'path': return pathText(t.path, true);
    case 'ref': return `&${t.mut ? 'mut ' : ''}${printType(t.inner)}`;
    case 'ptr': return `*${t.mut ? 'mut' : 'const'} ${printType(t.inner)}`;
    case 'array': return `[${printType(t.elem)}; ${expr(t.len, P_JUMP, { ind: 0, noStruct: false })}]`;
    case 'slice': return `[${printType(t.elem)}]`;
    case 'tuple': return t.elems.length === 1 ? `(${printType(t.elems[0]!)},)` : `(${t.elems.map(printType).join(', ')})`;
    case 'never': return '!';
    case 'fn': return `fn(${t.params.map(printType).join(', ')})${t.ret ? ` -> ${printType(t.ret)}` : ''}`;
    case 'infer': return '_';
  }
}

export function printPat(p: Pat): string {
  switch (p.kind) {
    case 'wild': return '_';
    case 'rest': return '..';
    case 'ident': return `${p.byRef ? 'ref ' : ''}${p.mut ? 'mut ' : ''}${p.name.name}${p.sub ? ` @ ${patNoAlt(p.sub, false)}` : ''}`;
    case 'lit': return `${p.negative ? '-' : ''}${litText(p.lit)}`;
    case 'range': {
      const op = p.inclusive ? '..=' : '..';
      return `${p.lo ? printPat(p.lo) : ''}${op}${p.hi ? printPat(p.hi) : ''}`;
    }
    case 'tuple': {
      if (p.elems.length === 1) return p.elems[0]!.kind === 'rest' ? '(..)' : `(${printPat(p.elems[0]!)},)`;
      return `(${p.elems.map(printPat).join(', ')})`;
    }
    case 'path': return pathText(p.path, false);
    case 'tupleStruct': return `${pathText(p.path, false)}(${p.elems.map(printPat).join(', ')})`;
    case 'struct': {
      const fields = p.fields.map((f) => (f.shorthand ? printPat(f.pat) : `${f.name.name}: ${printPat(f.pat)}`));
      if (p.rest) fields.push('..');
      return fields.length ? `${pathText(p.path, false)} { ${fields.join(', ')} }` : `${pathText(p.path, false)} {}`;
    }
    case 'ref': return `&${p.mut ? 'mut ' : ''}${patNoAlt(p.inner, true)}`;
    case 'or': return p.alts.map((a) => patNoAlt(a, false)).join(' | ');
    case 'slice': return `[${p.elems.map(printPat).join(', ')}]`;
    case 'paren': return `(${printPat(p.inner)})`;
  }
}

/**
 * A pattern where only one alternative may stand (`let`, parameters, after `&`
 * and `@`). `tight` (after `&`) also parenthesises a range, as Rust requires.
 */
function patNoAlt(p: Pat, tight: boolean): string {
  const s = printPat(p);
  if (p.kind === 'or' || (tight && p.kind === 'range')) return `(${s})`;
  return s;
}

// ---------------------------------------------------------------- paths, literals, attributes

function pathText(p: Path, typeMode: boolean): string {
  const segs = p.segments.map((s) => {
    if (!s.generics) return s.ident.name;
    const args = s.generics.map(printType).join(', ');
    return typeMode ? `${s.ident.name}<${args}>` : `${s.ident.name}::<${args}>`;
  });
  return (p.global ? '::' : '') + segs.join('::');
}

function litText(l: Lit): string {
  if (l.kind === 'bool') return String(l.value);
  if (l.text) return l.text;
  // Built without source text: spell the value.
  switch (l.kind) {
    case 'int': return `${l.value}${l.suffix ?? ''}`;
    case 'char': return `'${escapeChar(l.value, "'")}'`;
    case 'byte': return `b'${escapeChar(l.value, "'")}'`;
    case 'str': return `"${[...l.value].map((c) => escapeChar(c.codePointAt(0)!, '"')).join('')}"`;
    case 'byteStr': return `b"${l.value.map((b) => escapeChar(b, '"')).join('')}"`;
  }
}

function escapeChar(c: number, quote: string): string {
  switch (c) {
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x5c: return '\\\\';
    case 0x00: return '\\0';
  }
  const ch = String.fromCodePoint(c);
  if (ch === quote) return `\\${quote}`;
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  return ch;
}

function metaText(m: Meta): string {
  switch (m.kind) {
    case 'word': return m.name;
    case 'list': return `${m.name}(${m.items.map(metaText).join(', ')})`;
    case 'nameValue': return `${m.name} = ${litText(m.value)}`;
    case 'lit': return litText(m.lit);
  }
}

function printAttr(a: Attr): string {
  return `#${a.inner ? '!' : ''}[${metaText(a.meta)}]`;
}

// `///` for one line; a block doc comment when the text spans lines (the lexer keeps those whole).
function docLine(text: string, inner: boolean): string {
  if (text.includes('\n')) return inner ? `/*! ${text} */` : `/** ${text} */`;
  const marker = inner ? '//!' : '///';
  return text ? `${marker} ${text}` : marker;
}

// ---------------------------------------------------------------- items

function printItems(items: Item[], ind: number): string {
  let out = '';
  let prev: Item | null = null;
  for (const item of items) {
    if (prev) out += oneLiner(prev) && oneLiner(item) && prev.kind === item.kind ? '\n' : '\n\n';
    out += printItem(item, ind);
    prev = item;
  }
  return out;
}

/** Runs of `use`, `const`, `static` and `mod m;` items stay together without blank lines. */
function oneLiner(i: Item): boolean {
  return (i.kind === 'use' || i.kind === 'const' || i.kind === 'static' || i.kind === 'typeAlias' || (i.kind === 'mod' && i.items === null))
    && i.docs.length === 0;
}

function itemText(item: Item, ind: number): string {
  const lead = [...item.docs.map((d) => docLine(d, false)), ...item.attrs.map(printAttr)].map((l) => l + '\n' + pad(ind)).join('');
  const vis = item.pub ? 'pub ' : '';
  const ctx: Ctx = { ind, noStruct: false };
  switch (item.kind) {
    case 'fn': {
      const quals = `${item.isConst ? 'const ' : ''}${item.unsafe ? 'unsafe ' : ''}${item.abi !== null ? `extern ${JSON.stringify(item.abi)} ` : ''}`;
      const params = item.params.map((p) => {
        if (p.kind === 'self') return `${p.byRef ? '&' : ''}${p.mut ? 'mut ' : ''}self`;
        return `${patNoAlt(p.pat, false)}: ${printType(p.type)}`;
      });
      const ret = item.ret ? ` -> ${printType(item.ret)}` : '';
      const head = `${lead}${vis}${quals}fn ${item.name.name}${genericParams(item.generics)}${commaGroup('(', params, ')', ind)}${ret}`;
      if (!item.body) return `${head}${whereClause(item.generics, ind, ';')}`;
      return `${head}${whereClause(item.generics, ind, ' ')}${block(item.body, ind)}`;
    }
    case 'struct': {
      const head = `${lead}${vis}struct ${item.name.name}${genericParams(item.generics)}`;
      if (item.shape === 'unit') return `${head}${whereClause(item.generics, ind, ';')}`;
      if (item.shape === 'tuple') return `${head}${commaGroup('(', item.fields.map(fieldText), ')', ind)}${whereClause(item.generics, ind, ';')}`;
      return `${head}${whereClause(item.generics, ind, ' ')}${fieldBlock(item.fields, ind)}`;
    }
    case 'enum': {
      const head = `${lead}${vis}enum ${item.name.name}${genericParams(item.generics)}${whereClause(item.generics, ind, ' ')}`;
      if (item.variants.length === 0) return `${head}{}`;
      return `${head}{\n${item.variants.map((v) => pad(ind + 1) + variantText(v, ind + 1) + ',\n').join('')}${pad(ind)}}`;
    }
    case 'impl': {
      const trait = item.trait ? `${pathText(item.trait, true)} for ` : '';
      const head = `${lead}${item.unsafe ? 'unsafe ' : ''}impl${genericParams(item.generics)} ${trait}${printType(item.selfType)}`;
      return `${head}${whereClause(item.generics, ind, ' ')}${itemBlock(item.items, [], ind)}`;
    }
    case 'trait': {
      const sup = item.supertraits.length ? `: ${item.supertraits.map((p) => pathText(p, true)).join(' + ')}` : '';
      const head = `${lead}${vis}${item.unsafe ? 'unsafe ' : ''}trait ${item.name.name}${genericParams(item.generics)}${sup}`;
      return `${head}${whereClause(item.generics, ind, ' ')}${itemBlock(item.items, [], ind)}`;
    }
    case 'const':
      return `${lead}${vis}const ${item.name.name}: ${printType(item.type)}${item.value ? ` = ${expr(item.value, P_JUMP, ctx)}` : ''};`;
    case 'static':
      return `${lead}${vis}static ${item.mut ? 'mut ' : ''}${item.name.name}: ${printType(item.type)} = ${expr(item.value, P_JUMP, ctx)};`;
    case 'typeAlias':
      return `${lead}${vis}type ${item.name.name}${genericParams(item.generics)}${whereClause(item.generics, ind, '')}${item.type ? ` = ${printType(item.type)}` : ''};`;
    case 'mod':
      if (item.items === null) return `${lead}${vis}mod ${item.name.name};`;
      return `${lead}${vis}mod ${item.name.name} ${itemBlock(item.items, item.innerAttrs, ind)}`;
    case 'use':
      return `${lead}${vis}${item.keyword} ${useTreeText(item.tree)};`;
    case 'externBlock':
      return `${lead}${vis}extern ${item.abi !== null ? `${JSON.stringify(item.abi)} ` : ''}${itemBlock(item.items, [], ind)}`;
    case 'error':
      return `${lead}/* unparsable item */`;
  }
}

function itemBlock(items: Item[], innerAttrs: Attr[], ind: number): string {
  if (items.length === 0 && innerAttrs.length === 0) return '{}';
  const attrs = innerAttrs.map((a) => pad(ind + 1) + printAttr(a) + '\n').join('');
  const sep = attrs && items.length ? '\n' : '';
  return `{\n${attrs}${sep}${items.length ? printItems(items, ind + 1) + '\n' : ''}${pad(ind)}}`;
}

function fieldText(f: FieldDef): string {
  const attrs = f.attrs.map((a) => printAttr(a) + ' ').join('');
  return `${attrs}${f.pub ? 'pub ' : ''}${f.name ? `${f.name.name}: ` : ''}${printType(f.type)}`;
}

/** Named fields, one per line, attributes on lines of their own. */
function fieldBlock(fields: FieldDef[], ind: number): string {
  if (fields.length === 0) return '{}';
  const lines = fields.map((f) => {
    const attrs = f.attrs.map((a) => `${pad(ind + 1)}${printAttr(a)}\n`).join('');
    return `${attrs}${pad(ind + 1)}${fieldText({ ...f, attrs: [] })},\n`;
  });
  return `{\n${lines.join('')}${pad(ind)}}`;
}

function variantText(v: Variant, ind: number): string {
  const attrs = v.attrs.map((a) => printAttr(a) + '\n' + pad(ind)).join('');
  const disc = v.discriminant ? ` = ${expr(v.discriminant, P_JUMP, { ind, noStruct: false })}` : '';
  if (v.shape === 'unit') return `${attrs}${v.name.name}${disc}`;
  if (v.shape === 'tuple') return `${attrs}${v.name.name}${commaGroup('(', v.fields.map(fieldText), ')', ind)}${disc}`;
  const inline = `${attrs}${v.name.name} { ${v.fields.map(fieldText).join(', ')} }${disc}`;
  if (v.fields.length === 0) return `${attrs}${v.name.name} {}${disc}`;
  if (pad(ind).length + inline.length <= WIDTH && !inline.includes('\n')) return inline;
  return `${attrs}${v.name.name} ${fieldBlock(v.fields, ind)}${disc}`;
}

function genericParams(g: Generics): string {
  if (g.params.length === 0) return '';
  const ps = g.params.map((p) => {
    if (p.constType) return `const ${p.name.name}: ${printType(p.constType)}`;
    return p.bounds.length ? `${p.name.name}: ${p.bounds.map((b) => pathText(b, true)).join(' + ')}` : p.name.name;
  });
  return `<${ps.join(', ')}>`;
}

/**
 * rustfmt's layout: `where` on its own line, one predicate per line. `after` is
 * what follows: ` ` before a body (which then opens on its own line), `;` (ends
 * the last predicate), or `` (type aliases).
 */
function whereClause(g: Generics, ind: number, after: string): string {
  if (g.where.length === 0) return after;
  const preds = g.where.map((w) => `${pad(ind + 1)}${printType(w.type)}: ${w.bounds.map((b) => pathText(b, true)).join(' + ')}`);
  if (after === ' ') return `\n${pad(ind)}where\n${preds.map((p) => p + ',\n').join('')}${pad(ind)}`;
  return `\n${pad(ind)}where\n${preds.join(',\n')}${after}`;
}

function useTreeText(t: UseTree): string {
  const prefix = t.path.map((i) => i.name).join('::');
  switch (t.kind) {
    case 'simple': return `${prefix}${t.alias ? ` as ${t.alias.name}` : ''}`;
    case 'glob': return prefix ? `${prefix}::*` : '*';
    case 'group': {
      const inner = `{${t.items.map(useTreeText).join(', ')}}`;
      return prefix ? `${prefix}::${inner}` : inner;
    }
  }
}

/** `open a, b close`, or one element per line when too long. */
function commaGroup(open: string, elems: string[], close: string, ind: number): string {
  const inline = `${open}${elems.join(', ')}${close}`;
  if (elems.length === 0 || (pad(ind).length + inline.length <= WIDTH) || elems.some((e) => e.includes('\n'))) return inline;
  return `${open}\n${elems.map((e) => `${pad(ind + 1)}${e},\n`).join('')}${pad(ind)}${close}`;
}

// ---------------------------------------------------------------- statements

function block(b: Block, ind: number): string {
  if (b.stmts.length === 0) return '{}';
  const lines = b.stmts.map((s, i) => pad(ind + 1) + stmtText(s, ind + 1, i === b.stmts.length - 1));
  return `{\n${lines.join('\n')}\n${pad(ind)}}`;
}

/**
 * A block as it stands on its own lines (`text`), and as `{ e }` on one line
 * (`inline`) when it is only a short tail expression (null otherwise). The tail
 * is printed once for both forms.
 */
function blockText(b: Block, ind: number): { text: string; inline: string | null } {
  const only = b.stmts.length === 1 ? b.stmts[0]! : null;
  if (only && only.kind === 'expr' && !only.semi && !isBlockLike(only.expr)) {
    const t = stmtExpr(only.expr, ind + 1);
    const inline = t.length <= 50 && !t.includes('\n') ? `{ ${t} }` : null;
    return { text: `{\n${pad(ind + 1)}${t}\n${pad(ind)}}`, inline };
  }
  return { text: block(b, ind), inline: b.stmts.length === 0 ? '{}' : null };
}

function stmtText(s: Stmt, ind: number, last: boolean): string {
  switch (s.kind) {
    case 'let': {
      const ty = s.type ? `: ${printType(s.type)}` : '';
      const init = s.init ? ` = ${expr(s.init, P_JUMP, { ind, noStruct: false })}` : '';
      const els = s.elseBlock ? ` else ${block(s.elseBlock, ind)}` : '';
      return `let ${patNoAlt(s.pat, false)}${ty}${init}${els};`;
    }
    case 'expr': {
      // A macro statement without `;` before other statements was written with braces
      // (`m! { ... }` ends a statement); with parentheses it would need the `;`.
      if (!s.semi && !last && s.expr.kind === 'macro') return `${s.expr.name.name}! { ${macroArgs(s.expr.args, { ind, noStruct: false }).slice(1, -1)} }`;
      const text = stmtExpr(s.expr, ind);
      return s.semi ? `${text};` : text;
    }
    case 'item': return itemText(s.item, ind);
    case 'empty': return ';';
  }
}

/**
 * An expression in statement position (also a match arm body): if it is not
 * block-like but starts with a block-like expression that is not followed by
 * `.` or `?`, that expression would end the statement: parenthesise it.
 */
function stmtExpr(e: Expr, ind: number): string {
  return expr(e, P_JUMP, { ind, noStruct: false }, true);
}

/** The operand on the left spine that would end a statement early, if any. */
function leftSpineBreaker(e: Expr): Expr | null {
  let parent: Expr | null = null;
  let cur = e;
  for (;;) {
    if (isBlockLike(cur)) {
      if (parent === null) return null;
      const k = parent.kind;
      return k === 'methodCall' || k === 'field' || k === 'tupleField' || k === 'try' ? null : cur;
    }
    let next: Expr | null = null;
    switch (cur.kind) {
      case 'binary': next = cur.left; break;
      case 'assign': next = cur.target; break;
      case 'cast': next = cur.expr; break;
      case 'range': next = cur.lo; break;
      case 'methodCall': next = cur.receiver; break;
      case 'field': case 'tupleField': case 'try': case 'index': next = cur.expr; break;
      case 'call': next = cur.callee; break;
    }
    if (!next) return null;
    parent = cur;
    cur = next;
  }
}

// ---------------------------------------------------------------- expressions

/**
 * Prints `e` where an expression of binding power `min` or tighter may stand,
 * adding parentheses otherwise. `stmtStart`: `e` starts a statement or arm body.
 */
function expr(e: Expr, min: number, ctx: Ctx, stmtStart = false): string {
  const breaker = stmtStart ? leftSpineBreaker(e) : null;
  const needParens = precOf(e) < min || (ctx.noStruct && e.kind === 'struct');
  if (needParens) return `(${exprInner(e, { ind: ctx.ind, noStruct: false }, null)})`;
  return exprInner(e, ctx, breaker);
}

function exprInner(e: Expr, ctx: Ctx, breaker: Expr | null): string {
  const free: Ctx = { ind: ctx.ind, noStruct: false };
  // Operands on the left spine: `breaker` is threaded down so exactly that operand gets parentheses.
  const left = (x: Expr, min: number): string => {
    if (x === breaker || precOf(x) < min || (ctx.noStruct && x.kind === 'struct')) return `(${exprInner(x, free, null)})`;
    return exprInner(x, ctx, breaker);
  };
  switch (e.kind) {
    case 'lit': return litText(e.lit);
    case 'path': return pathText(e.path, false);
    case 'unary': return `${e.op}${unaryOperand(e.operand, e.op, ctx)}`;
    case 'ref': return `&${e.mut ? 'mut ' : ''}${unaryOperand(e.operand, '&', ctx)}`;
    case 'binary': {
      const p = BINARY_PREC[e.op]!;
      // `a as T < b`: the `<` would open generic arguments of `T`.
      const l = (e.op === '<' || e.op === '<<') && endsWithType(e.left)
        ? `(${exprInner(e.left, free, null)})`
        : left(e.left, p === P_CMP ? p + 1 : p);
      return `${l} ${e.op} ${expr(e.right, p + 1, ctx)}`;
    }
    case 'assign': return `${left(e.target, P_RANGE)} ${e.op} ${expr(e.value, P_ASSIGN, ctx)}`;
    case 'cast': return `${left(e.expr, P_AS)} as ${printType(e.type)}`;
    case 'call': return `${left(e.callee, P_POSTFIX)}${args('(', e.args, ')', ctx)}`;
    case 'methodCall': {
      const g = e.generics ? `::<${e.generics.map(printType).join(', ')}>` : '';
      return `${left(e.receiver, P_POSTFIX)}.${e.method.name}${g}${args('(', e.args, ')', ctx)}`;
    }
    case 'field': return `${left(e.expr, P_POSTFIX)}.${e.name.name}`;
    case 'tupleField': return `${left(e.expr, P_POSTFIX)}.${e.index}`;
    case 'index': return `${left(e.expr, P_POSTFIX)}[${expr(e.index, P_JUMP, free)}]`;
    case 'try': return `${left(e.expr, P_POSTFIX)}?`;
    case 'range': {
      const lo = e.lo ? left(e.lo, P_OR) : '';
      const hi = e.hi ? expr(e.hi, P_OR, ctx) : '';
      return `${lo}${e.inclusive ? '..=' : '..'}${hi}`;
    }
    case 'block': return `${labelText(e.label)}${e.unsafe ? 'unsafe ' : ''}${block(e.block, ctx.ind)}`;
    case 'if': return ifText(e, ctx);
    case 'let': return `let ${printPat(e.pat)} = ${expr(e.expr, P_CMP, ctx)}`;
    case 'match': return matchText(e.scrutinee, e.arms, ctx);
    case 'while': return `${labelText(e.label)}while ${expr(e.cond, P_JUMP, { ind: ctx.ind, noStruct: true })} ${block(e.body, ctx.ind)}`;
    case 'loop': return `${labelText(e.label)}loop ${block(e.body, ctx.ind)}`;
    case 'for': return `${labelText(e.label)}for ${patNoAlt(e.pat, false)} in ${expr(e.iter, P_JUMP, { ind: ctx.ind, noStruct: true })} ${block(e.body, ctx.ind)}`;
    case 'break': return `break${e.label ? ` ${label(e.label.name)}` : ''}${e.value ? ` ${expr(e.value, P_JUMP, ctx)}` : ''}`;
    case 'continue': return `continue${e.label ? ` ${label(e.label.name)}` : ''}`;
    case 'return': return e.value ? `return ${expr(e.value, P_JUMP, ctx)}` : 'return';
    case 'tuple': {
      if (e.elems.length === 1) return `(${expr(e.elems[0]!, P_JUMP, free)},)`;
      return args('(', e.elems, ')', ctx);
    }
    case 'paren': return `(${expr(e.expr, P_JUMP, free)})`;
    case 'array': return args('[', e.elems, ']', ctx);
    case 'arrayRepeat': return `[${expr(e.elem, P_JUMP, free)}; ${expr(e.len, P_JUMP, free)}]`;
    case 'struct': return structText(e, ctx);
    case 'closure': {
      const ps = e.params.map((p) => `${patNoAlt(p.pat, false)}${p.type ? `: ${printType(p.type)}` : ''}`);
      const ret = e.ret ? ` -> ${printType(e.ret)}` : '';
      let body: string;
      if (e.body.kind === 'block' && !e.body.label && !e.body.unsafe) {
        const bt = blockText(e.body.block, ctx.ind);
        body = bt.inline ?? bt.text;
      } else body = expr(e.body, P_JUMP, ctx);
      return `|${ps.join(', ')}|${ret} ${body}`;
    }
    case 'macro': return `${e.name.name}!${macroArgs(e.args, ctx)}`;
    case 'error': return '/* error */';
  }
}

/** Does the printed expression end with a type (`x as T`, `a + b as T`)? */
function endsWithType(e: Expr): boolean {
  switch (e.kind) {
    case 'cast': return true;
    case 'binary': return endsWithType(e.right);
    case 'unary': case 'ref': return endsWithType(e.operand);
    default: return false;
  }
}

/** Operand of a prefix operator: `- -x` and `& &x` keep a space so they do not read as `--`/`&&`. */
function unaryOperand(x: Expr, op: string, ctx: Ctx): string {
  const s = expr(x, P_UNARY, ctx);
  return (op === '-' && s.startsWith('-')) ? ` ${s}` : s;
}

function label(name: string): string {
  return name.startsWith("'") ? name : `'${name}`;
}

function labelText(l: { name: string } | null): string {
  return l ? `${label(l.name)}: ` : '';
}

/**
 * `(a, b)` / `[a, b]`, or one element per line when too long. Elements are
 * printed once: a list is broken only when every element fits on one line, so
 * the same text serves both layouts.
 */
function args(open: string, elems: Expr[], close: string, ctx: Ctx): string {
  const free: Ctx = { ind: ctx.ind, noStruct: false };
  const parts = elems.map((a) => expr(a, P_JUMP, free));
  const text = `${open}${parts.join(', ')}${close}`;
  if (elems.length === 0 || pad(ctx.ind).length + text.length <= WIDTH || parts.some((s) => s.includes('\n'))) return text;
  return `${open}\n${parts.map((s) => `${pad(ctx.ind + 1)}${s},\n`).join('')}${pad(ctx.ind)}${close}`;
}

function macroArgs(list: MacroArg[], ctx: Ctx): string {
  const free: Ctx = { ind: ctx.ind, noStruct: false };
  const parts = list.map((a) => {
    if (a.kind === 'asmOperand') return asmOperandText(a, free);
    if (a.kind === 'asmOption') return asmOptionText(a);
    return expr(a, P_JUMP, free);
  });
  return `(${parts.join(', ')})`;
}

function asmOperandText(o: AsmOperand, ctx: Ctx): string {
  if (o.dir === 'const' || o.dir === 'sym') return `${o.dir} ${o.expr ? expr(o.expr, P_JUMP, ctx) : '_'}`;
  const reg = o.reg === null ? '' : o.explicitReg ? JSON.stringify(o.reg) : o.reg;
  const place = o.expr ? expr(o.expr, P_JUMP, ctx) : '_';
  return `${o.dir}(${reg}) ${place}${o.outExpr ? ` => ${expr(o.outExpr, P_JUMP, ctx)}` : ''}`;
}

function asmOptionText(o: AsmOption): string {
  // `clobber_abi("C")` takes strings; `options(nostack, ...)` takes words.
  const quote = o.name !== 'options';
  return `${o.name}(${o.args.map((a) => (quote ? JSON.stringify(a) : a)).join(', ')})`;
}

function structText(e: Expr & { kind: 'struct' }, ctx: Ctx): string {
  const path = pathText(e.path, false);
  const free: Ctx = { ind: ctx.ind + 1, noStruct: false };
  const fields = e.fields.map((f) => (f.shorthand ? f.name.name : `${f.name.name}: ${expr(f.value, P_JUMP, free)}`));
  if (e.base) fields.push(`..${expr(e.base, P_OR, free)}`);
  if (fields.length === 0) return `${path} {}`;
  const inline = `${path} { ${fields.join(', ')} }`;
  if (pad(ctx.ind).length + inline.length <= WIDTH && !inline.includes('\n')) return inline;
  return `${path} {\n${fields.map((f) => `${pad(ctx.ind + 1)}${f},\n`).join('')}${pad(ctx.ind)}}`;
}

function ifText(e: Expr & { kind: 'if' }, ctx: Ctx): string {
  const cond = expr(e.cond, P_JUMP, { ind: ctx.ind, noStruct: true });
  const then = blockText(e.then, ctx.ind);
  const plainElse = e.else && e.else.kind === 'block' && !e.else.label && !e.else.unsafe ? e.else.block : null;
  const els = plainElse ? blockText(plainElse, ctx.ind) : null;
  // `if c { a } else { b }` on one line when both branches are short values.
  if (els && then.inline && els.inline && then.inline !== '{}' && els.inline !== '{}') {
    const text = `if ${cond} ${then.inline} else ${els.inline}`;
    if (pad(ctx.ind).length + text.length <= 80 && !cond.includes('\n')) return text;
  }
  let out = `if ${cond} ${then.text}`;
  if (els) out += ` else ${els.text}`;
  else if (e.else?.kind === 'if') out += ` else ${ifText(e.else, ctx)}`;
  // Any other `else` expression (only from a hand-built AST) gets a block around it.
  else if (e.else) out += ` else {\n${pad(ctx.ind + 1)}${stmtExpr(e.else, ctx.ind + 1)}\n${pad(ctx.ind)}}`;
  return out;
}

function matchText(scrutinee: Expr, arms: MatchArm[], ctx: Ctx): string {
  const head = `match ${expr(scrutinee, P_JUMP, { ind: ctx.ind, noStruct: true })}`;
  if (arms.length === 0) return `${head} {}`;
  const ind = ctx.ind + 1;
  const lines = arms.map((a) => {
    const guard = a.guard ? ` if ${expr(a.guard, P_JUMP, { ind, noStruct: false })}` : '';
    const head = `${pad(ind)}${printPat(a.pat)}${guard} => `;
    const b = a.body;
    if (b.kind === 'block' && !b.label && !b.unsafe) {
      // A block body needs no comma; a short one stays on the arm's line.
      const bt = blockText(b.block, ind);
      return head + (bt.inline ?? bt.text);
    }
    return `${head}${stmtExpr(b, ind)},`;
  });
  return `${head} {\n${lines.join('\n')}\n${pad(ctx.ind)}}`;
}
