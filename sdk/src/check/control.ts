// Blocks, `let`, `if`/`if let`, `match`, loops and jumps.
//
// Divergence: FnCtx.diverges is set whenever an expression of type `!` has
// been checked. A block whose statements diverge and that has no tail has
// type `!` (so `fn f() -> i32 { return 1; }` checks), and a statement after a
// diverging one is reported as unreachable (W0105), as rustc does.
import type * as ast from '../syntax/ast.ts';
import type { FnCtx, LoopFrame } from './body.ts';
import type { Ty } from './types.ts';
import { iterItem } from './types.ts';
import type { HirArm, HirBlock, HirExpr, HirStmt, LocalVar } from './hir.ts';
import { checkExpr, coerceTo, markUsed } from './expr.ts';
import { checkPat } from './pat.ts';
import { declareBlockItems } from './blockitems.ts';

export function checkBlockExpr(fx: FnCtx, e: ast.Expr & { kind: 'block' }, expected: Ty | null): HirExpr {
  if (e.unsafe) fx.unsafeDepth++;
  let frame: LoopFrame | null = null;
  if (e.label) {
    frame = { id: fx.newLoopId(), label: e.label.name, kind: 'block', breakTy: expected ?? fx.T.freshVar(), hasBreak: false, closureLevel: fx.closureLevel };
    fx.loops.push(frame);
  }
  const block = checkBlock(fx, e.block, expected);
  if (e.unsafe) fx.unsafeDepth--;
  let ty = block.ty;
  if (frame) {
    fx.loops.pop();
    if (frame.hasBreak) {
      const bt = frame.breakTy!;
      if (fx.res(block.ty).kind !== 'never') fx.expectEq(e.block.span, bt, block.ty);
      ty = bt;
      fx.diverges = false;
    }
  }
  return fx.mk({ kind: 'block', block, unsafe: e.unsafe, loopId: frame?.id ?? null }, ty, e.span);
}

export function checkBlock(fx: FnCtx, b: ast.Block, expected: Ty | null): HirBlock {
  const mark = fx.scopeMark();
  const savedModule = fx.module;
  if (b.stmts.some((s) => s.kind === 'item')) {
    fx.module = declareBlockItems(fx.ctx, fx.module, b.stmts.filter((s) => s.kind === 'item').map((s) => (s as ast.Stmt & { kind: 'item' }).item), b.span);
  }
  const outerDiv = fx.diverges;
  fx.diverges = false;
  let warned = false;
  const stmts: HirStmt[] = [];
  let tail: HirExpr | null = null;
  const n = b.stmts.length;
  let lastReal = n - 1;
  while (lastReal >= 0 && (b.stmts[lastReal]!.kind === 'empty' || b.stmts[lastReal]!.kind === 'item')) lastReal--;
  for (let i = 0; i < n; i++) {
    const s = b.stmts[i]!;
    if (s.kind === 'item' || s.kind === 'empty') continue;
    if (fx.diverges && !warned) {
      warned = true;
      const what = s.kind === 'let' || s.semi || i !== lastReal ? 'statement' : 'expression';
      fx.ctx.diags.warning('W0105', `unreachable ${what}`, s.span, `unreachable ${what}`)
        .note('any code following a diverging expression (`return`, `break`, `loop {}`, `panic!`) is never run');
    }
    if (s.kind === 'let') {
      stmts.push(checkLet(fx, s));
      continue;
    }
    if (i === lastReal && !s.semi) {
      tail = checkExpr(fx, s.expr, expected);
      markUsed(tail);
      continue;
    }
    const unitExpected = !s.semi;
    let h = checkExpr(fx, s.expr, unitExpected ? fx.T.unit : null);
    if (unitExpected && fx.res(h.ty).kind !== 'never') h = coerceTo(fx, h, fx.T.unit, s.expr.span, false);
    stmts.push({ kind: 'expr', expr: h, span: s.span });
  }
  const diverged = fx.diverges;
  const ty = tail ? tail.ty : diverged ? fx.T.never : fx.T.unit;
  fx.diverges = outerDiv || diverged;
  fx.scopeReset(mark);
  fx.module = savedModule;
  const hb: HirBlock = { stmts, tail, ty, span: b.span };
  fx.blocks.push(hb);
  return hb;
}

function checkLet(fx: FnCtx, s: ast.Stmt & { kind: 'let' }): HirStmt {
  const declTy = s.type ? fx.lowerTy(s.type) : null;
  let init: HirExpr | null = null;
  if (s.init) {
    init = checkExpr(fx, s.init, declTy);
    markUsed(init);
    if (declTy) init = coerceTo(fx, init, declTy, s.init.span, false);
  }
  const ty = declTy ?? init?.ty ?? fx.newVar(s.pat.span);
  const news: LocalVar[] = [];
  const pat = checkPat(fx, s.pat, ty, news);
  if (!init) for (const l of news) l.deferredInit = true;
  let elseBlock: HirBlock | null = null;
  if (s.elseBlock) {
    const saved = fx.diverges;
    elseBlock = checkBlock(fx, s.elseBlock, null);
    if (fx.res(elseBlock.ty).kind !== 'never') {
      fx.ctx.diags.error('E0400', '`else` clause of `let...else` does not diverge', s.elseBlock.span, `expected \`!\`, found \`${fx.show(elseBlock.ty)}\``)
        .help('try adding a diverging expression, such as `return` or `panic!()`');
    }
    fx.diverges = saved;
  }
  for (const l of news) fx.declare(l);
  return { kind: 'let', pat, init, elseBlock, span: s.span };
}

/** `if`/`while` condition: a bool expression or `let PAT = EXPR` (bindings stay in scope for the body). */
function checkCond(fx: FnCtx, cond: ast.Expr): HirExpr {
  if (cond.kind === 'let') {
    const scrut = checkExpr(fx, cond.expr, null);
    markUsed(scrut);
    const news: LocalVar[] = [];
    const pat = checkPat(fx, cond.pat, scrut.ty, news);
    for (const l of news) fx.declare(l);
    return fx.mk({ kind: 'let', pat, expr: scrut }, fx.T.bool, cond.span);
  }
  const h = checkExpr(fx, cond, fx.T.bool);
  markUsed(h);
  return coerceTo(fx, h, fx.T.bool, cond.span, false);
}

function blockExpr(fx: FnCtx, b: HirBlock): HirExpr {
  return fx.mk({ kind: 'block', block: b, unsafe: false, loopId: null }, b.ty, b.span);
}

export function checkIf(fx: FnCtx, e: ast.Expr & { kind: 'if' }, expected: Ty | null): HirExpr {
  const T = fx.T;
  const outer = fx.diverges;
  const mark = fx.scopeMark();
  const cond = checkCond(fx, e.cond);
  const condDiv = fx.diverges;
  fx.diverges = false;
  const thenBlock = checkBlock(fx, e.then, e.else ? expected : T.unit);
  fx.scopeReset(mark);
  let then = blockExpr(fx, thenBlock);
  const thenDiv = fx.diverges;
  fx.diverges = false;
  if (!e.else) {
    if (fx.res(then.ty).kind !== 'never' && !fx.infer.unify(then.ty, T.unit)) {
      fx.ctx.diags.error('E0400', '`if` may be missing an `else` clause', e.span, `expected \`()\`, found \`${fx.show(then.ty)}\``)
        .note('`if` expressions without `else` evaluate to `()`')
        .help('consider adding an `else` block that evaluates to the expected type');
    }
    fx.diverges = outer || condDiv;
    const bad = fx.res(then.ty).kind !== 'never' && fx.res(then.ty) !== T.unit;
    return fx.mk({ kind: 'if', cond, then, else: null }, bad ? T.error : T.unit, e.span);
  }
  let els = checkExpr(fx, e.else, expected ?? (fx.res(then.ty).kind === 'never' ? null : then.ty));
  const elseDiv = fx.diverges;
  let ty: Ty;
  if (expected && fx.res(expected).kind !== 'var') {
    then = coerceTo(fx, then, expected, e.then.span, false);
    els = coerceTo(fx, els, expected, e.else.span, false);
    ty = expected;
  } else if (fx.res(then.ty).kind === 'never') {
    ty = els.ty;
    if (fx.res(ty).kind !== 'never') then = coerceTo(fx, then, ty, e.then.span, false);
  } else {
    ty = then.ty;
    els = coerceTo(fx, els, ty, e.else.span, false);
  }
  fx.diverges = outer || condDiv || (thenDiv && elseDiv);
  return fx.mk({ kind: 'if', cond, then, else: els }, ty, e.span);
}

export function checkMatch(fx: FnCtx, e: ast.Expr & { kind: 'match' }, expected: Ty | null): HirExpr {
  const outer = fx.diverges;
  const scrut = checkExpr(fx, e.scrutinee, null);
  markUsed(scrut);
  const scrutDiv = fx.diverges;
  const useExpected = expected && fx.res(expected).kind !== 'var' ? expected : null;
  let resTy: Ty | null = useExpected;
  let allDiverge = true;
  const arms: HirArm[] = [];
  for (const a of e.arms) {
    const mark = fx.scopeMark();
    const news: LocalVar[] = [];
    const pat = checkPat(fx, a.pat, scrut.ty, news);
    for (const l of news) fx.declare(l);
    fx.diverges = false;
    const guard = a.guard ? coerceTo(fx, checkExpr(fx, a.guard, fx.T.bool), fx.T.bool, a.guard.span, false) : null;
    fx.diverges = false;
    let body = checkExpr(fx, a.body, resTy ?? expected);
    markUsed(body);
    if (!fx.diverges) allDiverge = false;
    if (resTy) body = coerceTo(fx, body, resTy, a.body.span, false);
    else if (fx.res(body.ty).kind !== 'never') resTy = body.ty;
    fx.scopeReset(mark);
    arms.push({ pat, guard, body, span: a.span });
  }
  const ty = resTy ?? fx.T.never;
  if (resTy) for (const arm of arms) if (fx.res(arm.body.ty).kind === 'never') arm.body = coerceTo(fx, arm.body, resTy, arm.span, false);
  fx.diverges = outer || scrutDiv || (arms.length > 0 ? allDiverge : true);
  return fx.mk({ kind: 'match', scrutinee: scrut, arms }, ty, e.span);
}

function pushLoop(fx: FnCtx, kind: LoopFrame['kind'], label: ast.Ident | null, breakTy: Ty | null): LoopFrame {
  const f: LoopFrame = { id: fx.newLoopId(), label: label?.name ?? null, kind, breakTy, hasBreak: false, closureLevel: fx.closureLevel };
  fx.loops.push(f);
  return f;
}

export function checkWhile(fx: FnCtx, e: ast.Expr & { kind: 'while' }): HirExpr {
  const outer = fx.diverges;
  const frame = pushLoop(fx, 'while', e.label, null);
  const mark = fx.scopeMark();
  const cond = checkCond(fx, e.cond);
  const body = checkBlock(fx, e.body, fx.T.unit);
  if (fx.res(body.ty).kind !== 'never' && !fx.infer.unify(body.ty, fx.T.unit)) fx.mismatch(e.body.span, fx.T.unit, body.ty);
  fx.scopeReset(mark);
  fx.loops.pop();
  fx.diverges = outer;
  return fx.mk({ kind: 'while', cond, body, loopId: frame.id }, fx.T.unit, e.span);
}

export function checkLoop(fx: FnCtx, e: ast.Expr & { kind: 'loop' }, expected: Ty | null): HirExpr {
  const outer = fx.diverges;
  const frame = pushLoop(fx, 'loop', e.label, expected && fx.res(expected).kind !== 'var' ? expected : fx.T.freshVar());
  const body = checkBlock(fx, e.body, fx.T.unit);
  if (fx.res(body.ty).kind !== 'never' && !fx.infer.unify(body.ty, fx.T.unit)) fx.mismatch(e.body.span, fx.T.unit, body.ty);
  fx.loops.pop();
  fx.diverges = outer || !frame.hasBreak;
  const ty = frame.hasBreak ? frame.breakTy! : fx.T.never;
  return fx.mk({ kind: 'loop', body, loopId: frame.id }, ty, e.span);
}

/** The iterator `for` consumes and its item type (arrays by value, `&[T]`/`&mut [T]`, ranges, adapters). */
function forIterator(fx: FnCtx, iter: HirExpr, span: ast.Expr['span']): { iter: HirExpr; item: Ty } | null {
  const T = fx.T;
  const t = fx.res(iter.ty);
  const item = iterItem(T, t);
  if (item) return { iter, item };
  if (t.kind === 'array') {
    const it = T.builtin('ArrayIntoIter', [t.elem]);
    return { iter: fx.mk({ kind: 'call', callee: { kind: 'builtin', name: 'into_iter', selfTy: t }, args: [iter] }, it, iter.span), item: t.elem };
  }
  if (t.kind === 'ref') {
    const inner = fx.res(t.inner);
    if (inner.kind === 'array' || inner.kind === 'slice') {
      let recv = iter;
      const sliceTy = T.slice(inner.elem);
      if (inner.kind === 'array') recv = fx.mk({ kind: 'coerce', operand: iter, coercion: 'unsize' }, T.ref(t.mut, sliceTy), iter.span);
      const name = t.mut ? 'iter_mut' : 'iter';
      const it = T.builtin(t.mut ? 'SliceIterMut' : 'SliceIter', [inner.elem]);
      return { iter: fx.mk({ kind: 'call', callee: { kind: 'builtin', name, selfTy: sliceTy }, args: [recv] }, it, iter.span), item: T.ref(t.mut, inner.elem) };
    }
  }
  if (t.kind === 'error') return null;
  if (t.kind === 'var') {
    fx.ctx.diags.error('E0401', 'type annotations needed', span, 'type must be known at this point');
    return null;
  }
  const b = fx.ctx.diags.error('E0500', `\`${fx.show(t)}\` is not an iterator`, span, `\`${fx.show(t)}\` is not an iterator`)
    .note('`for` iterates over ranges (`a..b`, `a..=b`), arrays, `&[T]`/`&mut [T]`, and `.iter()`, `.iter_mut()`, `.enumerate()`, `.rev()`, `.step_by(n)` of them');
  if (t.kind === 'builtin' && (t.name === 'RangeTo' || t.name === 'RangeToInclusive' || t.name === 'RangeFull')) b.help('a range without a start cannot be iterated: give it a start, e.g. `0..n`');
  return null;
}

export function checkFor(fx: FnCtx, e: ast.Expr & { kind: 'for' }): HirExpr {
  const outer = fx.diverges;
  const raw = checkExpr(fx, e.iter, null);
  markUsed(raw);
  const it = forIterator(fx, raw, e.iter.span);
  const itemTy = it?.item ?? fx.T.error;
  const frame = pushLoop(fx, 'for', e.label, null);
  const mark = fx.scopeMark();
  const news: LocalVar[] = [];
  const pat = checkPat(fx, e.pat, itemTy, news);
  for (const l of news) fx.declare(l);
  const body = checkBlock(fx, e.body, fx.T.unit);
  if (fx.res(body.ty).kind !== 'never' && !fx.infer.unify(body.ty, fx.T.unit)) fx.mismatch(e.body.span, fx.T.unit, body.ty);
  fx.scopeReset(mark);
  fx.loops.pop();
  fx.diverges = outer;
  const h = fx.mk({ kind: 'for', pat, iter: it?.iter ?? raw, itemTy, body, loopId: frame.id }, fx.T.unit, e.span);
  return h;
}

function findFrame(fx: FnCtx, label: ast.Ident | null, what: 'break' | 'continue', span: ast.Expr['span']): LoopFrame | null {
  for (let i = fx.loops.length - 1; i >= 0; i--) {
    const f = fx.loops[i]!;
    if (f.closureLevel !== fx.closureLevel) break;
    if (label ? f.label === label.name : f.kind !== 'block') return f;
  }
  if (label) {
    fx.ctx.diags.error('E0308', `use of undeclared label \`${label.name}\``, label.span, `undeclared label \`${label.name}\``);
  } else {
    fx.ctx.diags.error('E0309', `\`${what}\` outside of a loop`, span, `cannot \`${what}\` outside of a loop`);
  }
  return null;
}

export function checkBreak(fx: FnCtx, e: ast.Expr & { kind: 'break' }): HirExpr {
  const T = fx.T;
  const f = findFrame(fx, e.label, 'break', e.span);
  let value: HirExpr | null = null;
  if (f) {
    f.hasBreak = true;
    if (e.value) {
      if (f.breakTy) {
        value = coerceTo(fx, checkExpr(fx, e.value, f.breakTy), f.breakTy, e.value.span, false);
        markUsed(value);
      } else {
        checkExpr(fx, e.value, null);
        fx.ctx.diags.error('E0425', `\`break\` with value from a \`${f.kind}\` loop`, e.span, `can only break with a value inside \`loop\` or breakable block`)
          .help('use `break` on its own without a value inside this loop');
      }
    } else if (f.breakTy && !fx.infer.unify(f.breakTy, T.unit)) {
      fx.mismatch(e.span, f.breakTy, T.unit, `expected \`${fx.show(f.breakTy)}\`, found \`()\``);
    }
  } else if (e.value) {
    checkExpr(fx, e.value, null);
  }
  const h = fx.mk({ kind: 'break', loopId: f?.id ?? -1, value }, T.never, e.span);
  return h;
}

export function checkContinue(fx: FnCtx, e: ast.Expr & { kind: 'continue' }): HirExpr {
  const f = findFrame(fx, e.label, 'continue', e.span);
  if (f && f.kind === 'block') {
    fx.ctx.diags.error('E0308', `\`continue\` pointing to a labeled block`, e.span, 'labeled blocks cannot be `continue`d');
  }
  return fx.mk({ kind: 'continue', loopId: f?.id ?? -1 }, fx.T.never, e.span);
}

export function checkReturn(fx: FnCtx, e: ast.Expr & { kind: 'return' }): HirExpr {
  const T = fx.T;
  const ret = fx.retTy;
  let value: HirExpr | null = null;
  if (!ret) {
    fx.ctx.diags.error('E0409', 'return statement outside of function body', e.span, 'not inside a function');
    if (e.value) checkExpr(fx, e.value, null);
    return fx.mk({ kind: 'return', value: null }, T.never, e.span);
  }
  if (e.value) {
    value = coerceTo(fx, checkExpr(fx, e.value, ret), ret, e.value.span, true);
    markUsed(value);
  } else if (!fx.infer.unify(ret, T.unit)) {
    fx.ctx.diags.error('E0400', '`return;` in a function whose return type is not `()`', e.span, 'return type is not `()`')
      .note(`the function returns \`${fx.show(ret)}\``);
  }
  return fx.mk({ kind: 'return', value }, T.never, e.span);
}
