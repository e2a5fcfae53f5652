// Walking the typed HIR: every sub-expression and pattern of a body, in
// evaluation order. Used by the passes that run after type checking
// (exhaustiveness, lints, monomorphization plan, index proofs). Written as
// plain recursion without per-node closures: these walks run over every body.
import type { HirBlock, HirExpr, HirPat } from './hir.ts';

export interface HirVisitor {
  /** Called before the children; return false to skip them. */
  expr?(e: HirExpr): boolean | void;
  pat?(p: HirPat): void;
  /** Called for every block (expression blocks and loop bodies) before its statements. */
  block?(b: HirBlock): void;
}

export function walkBlock(b: HirBlock, v: HirVisitor): void {
  if (v.block) v.block(b);
  for (const s of b.stmts) {
    if (s.kind === 'let') {
      if (s.init) walkExpr(s.init, v);
      walkPat(s.pat, v);
      if (s.elseBlock) walkBlock(s.elseBlock, v);
    } else {
      walkExpr(s.expr, v);
    }
  }
  if (b.tail) walkExpr(b.tail, v);
}

export function walkPat(p: HirPat, v: HirVisitor): void {
  if (v.pat) v.pat(p);
  switch (p.kind) {
    case 'binding': if (p.sub) walkPat(p.sub, v); return;
    case 'tuple': for (const x of p.elems) walkPat(x, v); return;
    case 'adt': for (const x of p.fields) walkPat(x, v); return;
    case 'deref': walkPat(p.inner, v); return;
    case 'or': for (const x of p.alts) walkPat(x, v); return;
    case 'slice':
      for (const x of p.prefix) walkPat(x, v);
      if (p.rest) walkPat(p.rest, v);
      for (const x of p.suffix) walkPat(x, v);
      return;
    default: return;
  }
}

function list(xs: readonly (HirExpr | null)[], v: HirVisitor): void {
  for (const x of xs) if (x) walkExpr(x, v);
}

export function walkExpr(e: HirExpr, v: HirVisitor): void {
  if (v.expr && v.expr(e) === false) return;
  switch (e.kind) {
    case 'adt': list(e.fields, v); if (e.base) walkExpr(e.base, v); return;
    case 'unary': case 'deref': case 'addrOf': case 'cast': case 'coerce': walkExpr(e.operand, v); return;
    case 'binary': walkExpr(e.left, v); walkExpr(e.right, v); return;
    case 'assign': walkExpr(e.target, v); walkExpr(e.value, v); return;
    case 'call': if (e.callee.kind === 'ptr') walkExpr(e.callee.expr, v); list(e.args, v); return;
    case 'field': case 'tupleField': walkExpr(e.base, v); return;
    case 'index': walkExpr(e.base, v); walkExpr(e.index, v); return;
    case 'sliceRange': walkExpr(e.base, v); if (e.lo) walkExpr(e.lo, v); if (e.hi) walkExpr(e.hi, v); return;
    case 'range': if (e.lo) walkExpr(e.lo, v); if (e.hi) walkExpr(e.hi, v); return;
    case 'block': walkBlock(e.block, v); return;
    case 'if': walkExpr(e.cond, v); walkExpr(e.then, v); if (e.else) walkExpr(e.else, v); return;
    case 'let': walkExpr(e.expr, v); walkPat(e.pat, v); return;
    case 'match':
      walkExpr(e.scrutinee, v);
      for (const a of e.arms) { walkPat(a.pat, v); if (a.guard) walkExpr(a.guard, v); walkExpr(a.body, v); }
      return;
    case 'loop': walkBlock(e.body, v); return;
    case 'while': walkExpr(e.cond, v); walkBlock(e.body, v); return;
    case 'for': walkExpr(e.iter, v); walkPat(e.pat, v); walkBlock(e.body, v); return;
    case 'break': case 'return': if (e.value) walkExpr(e.value, v); return;
    case 'tuple': case 'array': list(e.elems, v); return;
    case 'arrayRepeat': walkExpr(e.elem, v); return;
    case 'print': case 'panic': list(e.fmt.args, v); return;
    case 'asm': for (const o of e.operands) { if (o.expr) walkExpr(o.expr, v); if (o.outExpr) walkExpr(o.outExpr, v); } return;
    default: return;
  }
}
