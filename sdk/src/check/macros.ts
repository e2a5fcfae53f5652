// Built-in macros. print!/println!/eprint!/eprintln! and panic! check their
// format string at compile time (as rustc does) and become `print`/`panic`
// HIR nodes with parsed pieces; assert!, assert_eq!, assert_ne!,
// unreachable!, todo! and unimplemented! are desugared to `if` + `panic` with
// Rust's exact messages; asm! keeps its template and typed operands.
//
// Format spec grammar (std::fmt): `{` [arg] [`:` [[fill]align][sign]['#']['0']
// [width]['.' precision][type]] `}`, with `{{`/`}}` escapes; arg is an index
// or a name (named argument or a captured variable); width/precision may be
// `N$`, `name$` or `*` (precision).
import type * as ast from '../syntax/ast.ts';
import type { Span } from '../diag/source.ts';
import type { FnCtx } from './body.ts';
import type { Ty } from './types.ts';
import type { FmtPiece, FmtSpec, HirAsmOperand, HirExpr, HirFormat } from './hir.ts';
import { checkExpr, coerceTo, markUsed, requireMutablePlace } from './expr.ts';
import { compareHir, requireUnsafe } from './ops.ts';
import { resolveValuePath } from './path.ts';
import { reportObligation } from './method.ts';

export function checkMacro(fx: FnCtx, e: ast.Expr & { kind: 'macro' }, expected: Ty | null): HirExpr {
  const name = e.name.name;
  const T = fx.T;
  const args = e.args;
  switch (name) {
    case 'print': case 'println': case 'eprint': case 'eprintln': {
      const nl = name.endsWith('ln');
      const fmt = args.length === 0 ? { pieces: [], args: [] } : format(fx, e, args, 0);
      if (!fmt) return fx.errorExpr(e.span);
      if (nl) fmt.pieces.push({ kind: 'str', text: '\n' });
      return fx.mk({ kind: 'print', stream: name.startsWith('e') ? 'stderr' : 'stdout', fmt: mergeStr(fmt) }, T.unit, e.span);
    }
    case 'panic': return panicWith(fx, e, 'explicit panic', null, 0);
    case 'unreachable': return panicWith(fx, e, 'internal error: entered unreachable code', 'internal error: entered unreachable code: ', 0);
    case 'todo': return panicWith(fx, e, 'not yet implemented', 'not yet implemented: ', 0);
    case 'unimplemented': return panicWith(fx, e, 'not implemented', 'not implemented: ', 0);
    case 'assert': case 'debug_assert': return checkAssert(fx, e);
    case 'assert_eq': case 'assert_ne': case 'debug_assert_eq': case 'debug_assert_ne': return checkAssertEq(fx, e, name.endsWith('eq') ? '==' : '!=');
    case 'asm': return checkAsm(fx, e);
    case 'line': case 'column': {
      const lc = fx.ctx.sources.get(e.span.file).lineCol(e.span.start);
      return fx.mk({ kind: 'lit', value: { kind: 'int', value: BigInt(name === 'line' ? lc.line : lc.col) } }, T.int('u32'), e.span);
    }
    case 'file':
      return fx.mk({ kind: 'lit', value: { kind: 'str', value: fx.ctx.sources.get(e.span.file).path } }, T.refStr, e.span);
    default: {
      for (const a of args) if (isExpr(a)) checkExpr(fx, a, null);
      const b = fx.ctx.diags.error('E0428', `cannot find macro \`${name}\` in this scope`, e.name.span, 'not a built-in macro');
      if (name === 'vec' || name === 'format' || name === 'write' || name === 'writeln') b.note(`\`${name}!\` needs heap allocation or formatter objects, which Orizon v0.1 does not have`);
      else b.note('Orizon has the built-in macros print!, println!, eprint!, eprintln!, panic!, assert!, assert_eq!, assert_ne!, unreachable!, todo!, unimplemented! and asm!');
      void expected;
      return fx.errorExpr(e.span);
    }
  }
}

function isExpr(a: ast.MacroArg): a is ast.Expr {
  return a.kind !== 'asmOperand' && a.kind !== 'asmOption';
}

function mergeStr(f: HirFormat): HirFormat {
  const out: FmtPiece[] = [];
  for (const p of f.pieces) {
    const last = out[out.length - 1];
    if (p.kind === 'str' && last?.kind === 'str') out[out.length - 1] = { kind: 'str', text: last.text + p.text };
    else if (p.kind !== 'str' || p.text !== '') out.push(p);
  }
  return { pieces: out, args: f.args };
}

function panicWith(fx: FnCtx, e: ast.Expr & { kind: 'macro' }, bare: string, prefix: string | null, start: number): HirExpr {
  const T = fx.T;
  if (e.args.length <= start) return fx.mk({ kind: 'panic', fmt: { pieces: [{ kind: 'str', text: bare }], args: [] } }, T.never, e.span);
  const fmt = format(fx, e, e.args, start);
  if (!fmt) return fx.mk({ kind: 'panic', fmt: { pieces: [{ kind: 'str', text: bare }], args: [] } }, T.never, e.span);
  if (prefix) fmt.pieces.unshift({ kind: 'str', text: prefix });
  return fx.mk({ kind: 'panic', fmt: mergeStr(fmt) }, T.never, e.span);
}

// ---------------------------------------------------------------- format strings

interface ParsedArg {
  kind: 'arg';
  /** Positional index, or a name. */
  pos: number | string;
  spec: FmtSpec;
  widthRef: number | string | null;
  precRef: number | string | null;
}

type Parsed = { kind: 'str'; text: string } | ParsedArg;

const ALIGN = new Set(['<', '>', '^']);

/** Parses a format string; throws a message on a syntax error. */
export function parseFormatString(s: string): Parsed[] {
  const out: Parsed[] = [];
  let text = '';
  let next = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    if (c === '{') {
      if (s[i + 1] === '{') { text += '{'; i += 2; continue; }
      if (text) { out.push({ kind: 'str', text }); text = ''; }
      const close = s.indexOf('}', i);
      if (close < 0) throw new Error("expected `}` but string was terminated: if you intended to print `{`, you can escape it using `{{`");
      const inner = s.slice(i + 1, close);
      i = close + 1;
      const colon = inner.indexOf(':');
      const argText = (colon < 0 ? inner : inner.slice(0, colon)).trim();
      const specText = colon < 0 ? '' : inner.slice(colon + 1);
      let pos: number | string;
      if (argText === '') pos = next++;
      else if (/^\d+$/.test(argText)) pos = Number(argText);
      else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(argText)) pos = argText;
      else throw new Error(`invalid format string: invalid argument name \`${argText}\``);
      const { spec, widthRef, precRef, usedNext } = parseSpec(specText, () => next++);
      void usedNext;
      out.push({ kind: 'arg', pos, spec, widthRef, precRef });
      continue;
    }
    if (c === '}') {
      if (s[i + 1] === '}') { text += '}'; i += 2; continue; }
      throw new Error("invalid format string: unmatched `}` found: if you intended to print `}`, you can escape it using `}}`");
    }
    text += c;
    i++;
  }
  if (text) out.push({ kind: 'str', text });
  return out;
}

function parseSpec(t: string, nextPos: () => number): { spec: FmtSpec; widthRef: number | string | null; precRef: number | string | null; usedNext: boolean } {
  const spec: FmtSpec = { trait: 'Display', fill: ' ', align: null, sign: null, alternate: false, zero: false, width: null, precision: null };
  let widthRef: number | string | null = null;
  let precRef: number | string | null = null;
  let i = 0;
  const chars = [...t];
  if (chars.length >= 2 && ALIGN.has(chars[1]!)) { spec.fill = chars[0]!; spec.align = chars[1] as FmtSpec['align']; i = 2; }
  else if (chars.length >= 1 && ALIGN.has(chars[0]!)) { spec.align = chars[0] as FmtSpec['align']; i = 1; }
  if (chars[i] === '+') { spec.sign = '+'; i++; } else if (chars[i] === '-') { i++; }
  if (chars[i] === '#') { spec.alternate = true; i++; }
  if (chars[i] === '0' && chars[i + 1] !== '$') { spec.zero = true; i++; }
  /** `N` (literal width: returned as -1-N), `N$` (argument index) or `name$` (named argument). */
  const count = (): number | string | null => {
    let j = i;
    if (j < chars.length && /[0-9]/.test(chars[j]!)) {
      while (j < chars.length && /[0-9]/.test(chars[j]!)) j++;
      const digits = Number(chars.slice(i, j).join(''));
      if (chars[j] === '$') { i = j + 1; return digits; }
      i = j;
      return -1 - digits;
    }
    if (j < chars.length && /[A-Za-z_]/.test(chars[j]!)) {
      while (j < chars.length && /[A-Za-z0-9_]/.test(chars[j]!)) j++;
      if (chars[j] === '$') { const word = chars.slice(i, j).join(''); i = j + 1; return word; }
    }
    return null;
  };
  const w = count();
  if (w !== null) {
    if (typeof w === 'number' && w < 0) spec.width = -1 - w; else widthRef = w;
  }
  let usedNext = false;
  if (chars[i] === '.') {
    i++;
    if (chars[i] === '*') { precRef = nextPos(); usedNext = true; i++; }
    else {
      const p = count();
      if (p === null) throw new Error('invalid format string: expected a precision after `.`');
      if (typeof p === 'number' && p < 0) spec.precision = -1 - p; else precRef = p;
    }
  }
  const rest = chars.slice(i).join('');
  switch (rest) {
    case '': spec.trait = 'Display'; break;
    case '?': spec.trait = 'Debug'; break;
    case 'x': spec.trait = 'LowerHex'; break;
    case 'X': spec.trait = 'UpperHex'; break;
    case 'b': spec.trait = 'Binary'; break;
    case 'o': spec.trait = 'Octal'; break;
    case 'x?': case 'X?': spec.trait = 'Debug'; break;
    default: throw new Error(`invalid format string: unknown format trait \`${rest}\``);
  }
  return { spec, widthRef, precRef, usedNext };
}

/** Checks `args[start]` (the format string) and the arguments after it. */
function format(fx: FnCtx, e: ast.Expr & { kind: 'macro' }, args: readonly ast.MacroArg[], start: number): HirFormat | null {
  const fmtArg = args[start];
  const rest = args.slice(start + 1).filter(isExpr);
  if (!fmtArg || !isExpr(fmtArg) || fmtArg.kind !== 'lit' || fmtArg.lit.kind !== 'str') {
    for (const a of rest) checkExpr(fx, a, null);
    const span = fmtArg ? (fmtArg as { span: Span }).span : e.span;
    fx.ctx.diags.error('E0420', 'format argument must be a string literal', span, 'not a string literal')
      .suggest('you might be missing a string literal to format with', { file: span.file, start: span.start, end: span.start }, '"{}", ');
    if (fmtArg && isExpr(fmtArg) && !(fmtArg.kind === 'lit' && fmtArg.lit.kind === 'str')) checkExpr(fx, fmtArg, null);
    return null;
  }
  let parsed: Parsed[];
  try {
    parsed = parseFormatString(fmtArg.lit.value);
  } catch (err) {
    fx.ctx.diags.error('E0420', (err as Error).message, fmtArg.span, 'in this format string');
    for (const a of rest) checkExpr(fx, a, null);
    return null;
  }
  // Positional and named (`name = expr`) arguments.
  const positional: ast.Expr[] = [];
  const named = new Map<string, ast.Expr>();
  for (const a of rest) {
    if (a.kind === 'assign' && a.op === '=' && a.target.kind === 'path' && a.target.path.segments.length === 1) named.set(a.target.path.segments[0]!.ident.name, a.value);
    else positional.push(a);
  }
  const hirArgs: HirExpr[] = positional.map((a) => { const h = checkExpr(fx, a, null); markUsed(h); return h; });
  const used = new Array<boolean>(hirArgs.length).fill(false);
  const namedIdx = new Map<string, number>();
  for (const [n, a] of named) { const h = checkExpr(fx, a, null); markUsed(h); namedIdx.set(n, hirArgs.length); hirArgs.push(h); used.push(false); }
  const ok = { v: true };
  const resolveRef = (r: number | string, span: Span): number => {
    if (typeof r === 'number') {
      if (r >= positional.length) {
        ok.v = false;
        fx.ctx.diags.error('E0421', positional.length === 0 ? `${r === 0 ? '1 positional argument' : `invalid reference to positional argument ${r}`} in format string, but no arguments were given`
          : `invalid reference to positional argument ${r} (there ${positional.length === 1 ? 'is 1 argument' : `are ${positional.length} arguments`})`, span, 'in this format string')
          .note('positional arguments are zero-based');
        return -1;
      }
      used[r] = true;
      return r;
    }
    const ni = namedIdx.get(r);
    if (ni !== undefined) { used[ni] = true; return ni; }
    // Inline capture `{x}`: a variable or constant in scope.
    const path: ast.Path = { segments: [{ ident: { name: r, span }, generics: null }], global: false, span };
    const res = resolveValuePath(fx, path);
    if (res.kind === 'error') { ok.v = false; return -1; }
    const h = res.kind === 'local' ? (res.local.used = true, fx.mk({ kind: 'local', local: res.local }, res.local.ty, span))
      : checkExpr(fx, { kind: 'path', path, id: -1, span }, null);
    namedIdx.set(r, hirArgs.length);
    hirArgs.push(h);
    used.push(true);
    return hirArgs.length - 1;
  };
  const pieces: FmtPiece[] = [];
  const sp = fmtArg.span;
  const countArgs = parsed.filter((p) => p.kind === 'arg' && typeof p.pos === 'number').length;
  for (const p of parsed) {
    if (p.kind === 'str') { pieces.push(p); continue; }
    if (typeof p.pos === 'number' && p.pos >= positional.length && countArgs > positional.length && positional.length > 0) {
      // handled below by the count check
    }
    const idx = resolveRef(p.pos, sp);
    const spec = { ...p.spec };
    if (p.widthRef !== null) { const w = resolveRef(p.widthRef, sp); if (w >= 0) { spec.width = { arg: w }; requireUsize(fx, hirArgs, w); } }
    if (p.precRef !== null) { const w = resolveRef(p.precRef, sp); if (w >= 0) { spec.precision = { arg: w }; requireUsize(fx, hirArgs, w); } }
    if (idx < 0) continue;
    requireFormattable(fx, hirArgs[idx]!, spec, sp);
    pieces.push({ kind: 'arg', index: idx, spec });
  }
  const unused = used.map((u, i) => (u ? -1 : i)).filter((i) => i >= 0);
  if (unused.length && ok.v) {
    const spans = unused.map((i) => hirArgs[i]!.span);
    const b = fx.ctx.diags.error('E0421', unused.length === 1 ? 'argument never used' : 'multiple unused formatting arguments', spans[0]!, 'argument never used');
    for (const s of spans.slice(1)) b.label(s, 'argument never used');
    b.label(sp, 'formatting specifier missing').help('add a `{}` to the format string for each argument');
    return null;
  }
  return ok.v ? { pieces, args: hirArgs } : null;
}

function requireUsize(fx: FnCtx, args: HirExpr[], i: number): void {
  const h = args[i]!;
  fx.expectEq(h.span, fx.T.usize, h.ty);
}

const TRAIT_TEXT: Record<FmtSpec['trait'], string> = {
  Display: '`std::fmt::Display`', Debug: '`Debug`', LowerHex: '`LowerHex`', UpperHex: '`UpperHex`', Binary: '`Binary`', Octal: '`Octal`',
};

/** Does the argument's type implement the format trait of `spec`? */
function requireFormattable(fx: FnCtx, arg: HirExpr, spec: FmtSpec, fmtSpan: Span): void {
  let t = fx.res(arg.ty);
  if (spec.trait === 'Display' || spec.trait === 'Debug') {
    const trait = spec.trait === 'Display' ? fx.ctx.lang.display : fx.ctx.lang.debug;
    if (!trait) return;
    const r = fx.solver.select(t, { trait, args: [] });
    if (r.kind === 'ambiguous') { fx.require(t, { trait, args: [] }, arg.span, `required by a format \`{${spec.trait === 'Debug' ? ':?' : ''}}\``); return; }
    if (r.kind !== 'none') return;
    const ts = fx.show(t);
    const b = fx.ctx.diags.error('E0500', `\`${ts}\` doesn't implement ${TRAIT_TEXT[spec.trait]}`, arg.span,
      spec.trait === 'Display' ? `\`${ts}\` cannot be formatted with the default formatter` : `\`${ts}\` cannot be formatted using \`{:?}\``)
      .label(fmtSpan, 'required by this formatting parameter');
    const base = t.kind === 'ref' ? fx.res(t.inner) : t;
    if (spec.trait === 'Display') {
      b.note('in format strings you may be able to use `{:?}` (or `{:#?}` for pretty-print) instead');
      b.note('`{}` formats integers, `bool`, `char` and `&str` in Orizon v0.1');
    } else if (base.kind === 'adt') {
      b.help(`add \`#[derive(Debug)]\` to \`${base.def.name}\``);
    }
    return;
  }
  while (t.kind === 'ref') t = fx.res(t.inner);
  if (t.kind === 'int' || t.kind === 'intVar' || t.kind === 'error') return;
  if (t.kind === 'var') { reportObligation(fx, t, { trait: fx.ctx.lang.display!, args: [] }, arg.span, ''); return; }
  fx.ctx.diags.error('E0500', `the trait bound \`${fx.show(t)}: ${spec.trait}\` is not satisfied`, arg.span, `the trait \`${spec.trait}\` is not implemented for \`${fx.show(t)}\``)
    .note(`\`{:${spec.trait === 'LowerHex' ? 'x' : spec.trait === 'UpperHex' ? 'X' : spec.trait === 'Binary' ? 'b' : 'o'}}\` formats integers`);
}

// ---------------------------------------------------------------- assertions

function sourceText(fx: FnCtx, span: Span): string {
  return fx.ctx.sources.get(span.file).text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}

function checkAssert(fx: FnCtx, e: ast.Expr & { kind: 'macro' }): HirExpr {
  const T = fx.T;
  const c = e.args[0];
  if (!c || !isExpr(c)) {
    fx.ctx.diags.error('E0420', 'macro requires a boolean expression as an argument', e.span, 'boolean expression required');
    return fx.errorExpr(e.span);
  }
  const cond = coerceTo(fx, checkExpr(fx, c, T.bool), T.bool, c.span, false);
  markUsed(cond);
  const panic = e.args.length > 1
    ? panicWith(fx, e, '', null, 1)
    : fx.mk({ kind: 'panic', fmt: { pieces: [{ kind: 'str', text: `assertion failed: ${sourceText(fx, c.span)}` }], args: [] } }, T.never, e.span);
  return ifNot(fx, cond, panic, e.span);
}

function ifNot(fx: FnCtx, cond: HirExpr, panic: HirExpr, span: Span): HirExpr {
  const T = fx.T;
  const not = fx.mk({ kind: 'unary', op: 'not', operand: cond }, T.bool, cond.span);
  const block = { stmts: [{ kind: 'expr' as const, expr: panic, span }], tail: null, ty: T.never, span };
  fx.blocks.push(block);
  const then = fx.mk({ kind: 'block', block, unsafe: false, loopId: null }, T.never, span);
  return fx.mk({ kind: 'if', cond: not, then, else: null }, T.unit, span);
}

/** `assert_eq!(a, b)`: `{ let l = &a; let r = &b; if !(*l == *r) { panic!(...) } }`. */
function checkAssertEq(fx: FnCtx, e: ast.Expr & { kind: 'macro' }, op: '==' | '!='): HirExpr {
  const T = fx.T;
  const [a, b] = e.args;
  if (!a || !b || !isExpr(a) || !isExpr(b)) {
    fx.ctx.diags.error('E0420', `\`${e.name.name}!\` takes two expressions to compare`, e.span, 'expected two arguments');
    return fx.errorExpr(e.span);
  }
  const left = checkExpr(fx, a, null);
  markUsed(left);
  const right = coerceTo(fx, checkExpr(fx, b, left.ty), left.ty, b.span, false);
  markUsed(right);
  const ty = left.ty;
  const lv = fx.newLocal('left_val', false, T.ref(false, ty), a.span);
  const rv = fx.newLocal('right_val', false, T.ref(false, ty), b.span);
  lv.used = rv.used = true;
  const bindLet = (l: typeof lv, init: HirExpr, span: Span) => ({
    kind: 'let' as const,
    pat: fx.mkPat({ kind: 'binding', local: l, mode: 'move', sub: null }, l.ty, span),
    init: fx.mk({ kind: 'addrOf', mut: false, operand: init, implicit: true }, l.ty, span),
    elseBlock: null,
    span,
  });
  const deref = (l: typeof lv, span: Span): HirExpr => fx.mk({ kind: 'deref', operand: fx.mk({ kind: 'local', local: l }, l.ty, span), implicit: true }, ty, span);
  const cmp = compareHir(fx, op, deref(lv, a.span), deref(rv, b.span), { span: e.span, left: { span: a.span } });
  const debug = fx.ctx.lang.debug;
  if (debug) {
    const spec: FmtSpec = { trait: 'Debug', fill: ' ', align: null, sign: null, alternate: false, zero: false, width: null, precision: null };
    requireFormattable(fx, deref(lv, a.span), spec, e.span);
  }
  const kind = op === '==' ? 'left == right' : 'left != right';
  let msgPieces: FmtPiece[] = [{ kind: 'str', text: `assertion \`${kind}\` failed` }];
  let msgArgs: HirExpr[] = [];
  if (e.args.length > 2) {
    const custom = format(fx, e, e.args, 2);
    if (custom) {
      msgPieces.push({ kind: 'str', text: ': ' });
      msgPieces = msgPieces.concat(custom.pieces);
      msgArgs = custom.args;
    }
  }
  const dbg: FmtSpec = { trait: 'Debug', fill: ' ', align: null, sign: null, alternate: false, zero: false, width: null, precision: null };
  const li = msgArgs.length;
  const args = [...msgArgs, deref(lv, a.span), deref(rv, b.span)];
  const pieces: FmtPiece[] = [
    ...msgPieces.map((p) => p),
    { kind: 'str', text: '\n  left: ' }, { kind: 'arg', index: li, spec: dbg },
    { kind: 'str', text: '\n right: ' }, { kind: 'arg', index: li + 1, spec: { ...dbg } },
  ];
  const panic = fx.mk({ kind: 'panic', fmt: mergeStr({ pieces, args }) }, T.never, e.span);
  const check = ifNot(fx, cmp, panic, e.span);
  const block = { stmts: [bindLet(lv, left, a.span), bindLet(rv, right, b.span)], tail: check, ty: T.unit, span: e.span };
  fx.blocks.push(block);
  return fx.mk({ kind: 'block', block, unsafe: false, loopId: null }, T.unit, e.span);
}

// ---------------------------------------------------------------- asm!

function checkAsm(fx: FnCtx, e: ast.Expr & { kind: 'macro' }): HirExpr {
  const T = fx.T;
  requireUnsafe(fx, e.span, 'use of inline assembly');
  const template: string[] = [];
  const operands: HirAsmOperand[] = [];
  const options: string[] = [];
  for (const a of e.args) {
    if (a.kind === 'asmOption') { options.push(a.name === 'options' ? a.args.join(', ') : `${a.name}(${a.args.join(', ')})`); continue; }
    if (a.kind === 'asmOperand') {
      let expr: HirExpr | null = null;
      let outExpr: HirExpr | null = null;
      let sym = null;
      if (a.dir === 'sym' && a.expr?.kind === 'path') {
        const r = resolveValuePath(fx, a.expr.path);
        if (r.kind === 'fn') sym = fx.fnRef(r.fn, r.args);
        else if (r.kind !== 'error') fx.ctx.diags.error('E0420', '`sym` operands must name a function', a.expr.span);
      } else if (a.expr) {
        expr = checkExpr(fx, a.expr, null);
        markUsed(expr);
        if (a.dir === 'out' || a.dir === 'lateout') requireMutablePlace(fx, expr, a.expr.span, 'assign');
        if (a.dir === 'inout' || a.dir === 'inlateout') {
          if (!a.outExpr) requireMutablePlace(fx, expr, a.expr.span, 'assign');
        }
      }
      if (a.outExpr) {
        outExpr = checkExpr(fx, a.outExpr, expr?.ty ?? null);
        requireMutablePlace(fx, outExpr, a.outExpr.span, 'assign');
      }
      operands.push({ dir: a.dir, reg: a.reg, explicitReg: a.explicitReg, expr, outExpr, sym });
      continue;
    }
    if (a.kind === 'lit' && a.lit.kind === 'str' && operands.length === 0) { template.push(a.lit.value); continue; }
    fx.ctx.diags.error('E0420', 'asm template must be a string literal', a.span, 'expected a string literal');
  }
  const noreturn = options.some((o) => o.split(',').map((x) => x.trim()).includes('noreturn'));
  return fx.mk({ kind: 'asm', template, operands, options }, noreturn ? T.never : T.unit, e.span);
}

export { coerceTo };
