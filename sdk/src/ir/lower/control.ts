// Control flow: blocks and statements (`let`, let-else), `if`, conditions
// (short-circuit `&&`/`||`, `!`, `let` patterns) lowered straight to
// branches, `loop`/`while`, labelled blocks, `break`/`continue`/`return`.
//
// Values that meet after branches go through a Join: block parameters for
// SSA values, a shared slot (or the caller's destination) for memory values.
// After a diverging construct lowering continues in a fresh block nothing
// jumps to (FnLower.dead), which pruneUnreachable removes at the end.
import type { Value } from '../ir.ts';
import type { HirBlock, HirExpr, HirStmt } from '../../check/hir.ts';
import type { Ty } from '../../check/types.ts';
import { NONE, type FnLower, type Val } from './fn.ts';
import { lowerExpr, lowerInto } from './expr.ts';
import { bindPattern, matchCond } from './match.ts';
import { lowerPanic } from './format.ts';

export type Dest = { addr: Value; off: number } | null;

/** Where the values of several branches meet. */
export class Join {
  readonly block: number;
  private readonly mem: { addr: () => Value; off: number } | null;
  private arrived = false;

  constructor(private readonly fx: FnLower, readonly ty: Ty, dest: Dest) {
    const abi = fx.layout(ty).abi;
    if (abi.kind === 'mem') {
      if (dest) {
        this.mem = { addr: () => dest.addr, off: dest.off };
      } else {
        const l = fx.layout(ty);
        const slot = fx.b.addSlot(l.size, l.align, 'join');
        this.mem = { addr: () => fx.b.slotAddr(slot), off: 0 };
      }
      this.block = fx.b.newBlock();
    } else {
      this.mem = null;
      this.block = fx.b.newBlock(fx.m.layouts.irTys(ty));
    }
  }

  /** Evaluates `e` as this join's value and jumps to the join. */
  arriveExpr(e: HirExpr | null): void {
    const fx = this.fx;
    if (this.mem && e) {
      const addr = this.mem.addr();
      lowerInto(fx, e, addr, this.mem.off);
      this.jump([]);
      return;
    }
    this.arrive(e ? lowerExpr(fx, e) : NONE);
  }

  /** Jumps to the join with `v` (from the current block). */
  arrive(v: Val): void {
    const fx = this.fx;
    if (!fx.b.isOpen) return;
    if (this.mem) {
      if (v.k === 'm') fx.storeVal(this.mem.addr(), this.mem.off, this.ty, v);
      this.jump([]);
      return;
    }
    this.jump(v.k === 'none' && fx.layout(this.ty).abi.kind !== 'zst' ? fx.flat(fx.undef(this.ty), this.ty) : fx.flat(v, this.ty));
  }

  private jump(args: Value[]): void {
    this.arrived = true;
    this.fx.b.jump(this.block, args);
  }

  /** Continues after the join; returns the merged value. */
  finish(): Val {
    const fx = this.fx;
    if (fx.b.isOpen) fx.b.terminate({ op: 'unreachable' });
    fx.b.switchTo(this.block);
    if (!this.arrived) return fx.undef(this.ty);
    if (this.mem) return { k: 'm', addr: this.mem.addr(), off: this.mem.off };
    return fx.unflat(fx.b.blockParams(this.block), this.ty);
  }
}

// ---------------------------------------------------------------- blocks and statements

export function lowerBlockExpr(fx: FnLower, e: HirExpr & { kind: 'block' }, dest: Dest): Val {
  if (e.loopId === null) return lowerBlock(fx, e.block, dest);
  // A labelled block: `break 'label value` leaves it.
  const join = new Join(fx, fx.ty(e.ty), dest);
  fx.loops.set(e.loopId, { join, continueBlock: -1 });
  join.arrive(lowerBlock(fx, e.block, null));
  return join.finish();
}

export function lowerBlock(fx: FnLower, b: HirBlock, dest: Dest): Val {
  for (const s of b.stmts) lowerStmt(fx, s);
  if (!b.tail) {
    const t = fx.ty(b.ty);
    return t.kind === 'never' || fx.layout(t).abi.kind !== 'zst' ? fx.undef(t) : NONE;
  }
  if (dest && fx.layout(fx.ty(b.tail.ty)).abi.kind === 'mem') {
    lowerInto(fx, b.tail, dest.addr, dest.off);
    return { k: 'm', addr: dest.addr, off: dest.off };
  }
  return lowerExpr(fx, b.tail);
}

export function lowerStmt(fx: FnLower, s: HirStmt): void {
  fx.b.setLoc(fx.m.position(s.span));
  if (s.kind === 'expr') {
    lowerExpr(fx, s.expr);
    return;
  }
  const pat = s.pat;
  if (!s.init) {
    // `let x;`: the local is declared now and initialised by a later assignment.
    declarePatternLocals(fx, pat);
    return;
  }
  if (pat.kind === 'binding' && pat.mode === 'move' && !pat.sub) {
    const local = pat.local;
    const store = fx.declare(local);
    if (store.k === 'slot') {
      lowerInto(fx, s.init, fx.b.slotAddr(store.slot), 0);
    } else {
      const t = fx.ty(local.ty);
      fx.bind(local, fx.own(lowerExpr(fx, s.init), t));
    }
    return;
  }
  if (s.elseBlock) {
    const elseB = fx.b.newBlock();
    const ok = fx.b.newBlock();
    matchCond(fx, pat, s.init, ok, elseB);
    fx.b.switchTo(elseB);
    lowerBlock(fx, s.elseBlock, null);
    if (fx.b.isOpen) fx.b.terminate({ op: 'unreachable' });
    fx.b.switchTo(ok);
    return;
  }
  bindPattern(fx, pat, s.init);
}

function declarePatternLocals(fx: FnLower, p: import('../../check/hir.ts').HirPat): void {
  if (p.kind === 'binding') fx.declare(p.local);
}

// ---------------------------------------------------------------- conditions

/** Lowers a boolean condition as branches to `t` / `f` (pattern bindings of `let` are live in `t`). */
export function lowerCond(fx: FnLower, e: HirExpr, t: number, f: number): void {
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
    const mid = fx.b.newBlock();
    if (e.op === '&&') lowerCond(fx, e.left, mid, f);
    else lowerCond(fx, e.left, t, mid);
    fx.b.switchTo(mid);
    lowerCond(fx, e.right, t, f);
    return;
  }
  if (e.kind === 'unary' && e.op === 'not' && fx.ty(e.ty).kind === 'bool') {
    lowerCond(fx, e.operand, f, t);
    return;
  }
  if (e.kind === 'let') {
    matchCond(fx, e.pat, e.expr, t, f);
    return;
  }
  if (e.kind === 'lit' && e.value.kind === 'bool') {
    fx.b.jump(e.value.value ? t : f);
    return;
  }
  const v = fx.scalar(lowerExpr(fx, e));
  if (!fx.b.isOpen) return;
  fx.b.branch(v, { block: t, args: [] }, { block: f, args: [] });
}

/** A `let` expression used as a bool value. */
export function lowerLetCond(fx: FnLower, e: HirExpr & { kind: 'let' }): Val {
  const t = fx.b.newBlock();
  const f = fx.b.newBlock();
  const join = fx.b.newBlock(['i8']);
  lowerCond(fx, e, t, f);
  fx.b.switchTo(t);
  fx.b.jump(join, [fx.c('i8', 1)]);
  fx.b.switchTo(f);
  fx.b.jump(join, [fx.c('i8', 0)]);
  fx.b.switchTo(join);
  return { k: 's', v: fx.b.blockParams(join)[0]! };
}

export function lowerIf(fx: FnLower, e: HirExpr & { kind: 'if' }, dest: Dest): Val {
  const thenB = fx.b.newBlock();
  const elseB = fx.b.newBlock();
  lowerCond(fx, e.cond, thenB, elseB);
  const join = new Join(fx, fx.ty(e.ty), dest);
  fx.b.switchTo(thenB);
  join.arriveExpr(e.then);
  fx.b.switchTo(elseB);
  join.arriveExpr(e.else);
  return join.finish();
}

// ---------------------------------------------------------------- loops

export function lowerLoop(fx: FnLower, e: HirExpr & { kind: 'loop' }): Val {
  const head = fx.b.newBlock();
  const join = new Join(fx, fx.ty(e.ty), null);
  fx.loops.set(e.loopId, { join, continueBlock: head });
  fx.b.jump(head);
  fx.b.switchTo(head);
  lowerBlock(fx, e.body, null);
  if (fx.b.isOpen) fx.b.jump(head);
  return join.finish();
}

export function lowerWhile(fx: FnLower, e: HirExpr & { kind: 'while' }): Val {
  const head = fx.b.newBlock();
  const body = fx.b.newBlock();
  const join = new Join(fx, fx.m.T.unit, null);
  fx.loops.set(e.loopId, { join, continueBlock: head });
  fx.b.jump(head);
  fx.b.switchTo(head);
  const exit = fx.b.newBlock();
  lowerCond(fx, e.cond, body, exit);
  fx.b.switchTo(exit);
  join.arrive(NONE);
  fx.b.switchTo(body);
  lowerBlock(fx, e.body, null);
  if (fx.b.isOpen) fx.b.jump(head);
  return join.finish();
}

export function lowerBreak(fx: FnLower, e: HirExpr & { kind: 'break' }): Val {
  const info = fx.loops.get(e.loopId) ?? fx.err('internal: break out of an unknown loop', e.span);
  info.join.arriveExpr(e.value);
  fx.dead();
  return fx.undef(fx.ty(e.ty));
}

export function lowerContinue(fx: FnLower, e: HirExpr & { kind: 'continue' }): Val {
  const info = fx.loops.get(e.loopId) ?? fx.err('internal: continue in an unknown loop', e.span);
  if (fx.b.isOpen) fx.b.jump(info.continueBlock);
  fx.dead();
  return fx.undef(fx.ty(e.ty));
}

export function lowerReturn(fx: FnLower, e: HirExpr & { kind: 'return' }): Val {
  emitReturn(fx, e.value);
  fx.dead();
  return fx.undef(fx.ty(e.ty));
}

/** Returns `value` (null = `()`) from the function. */
export function emitReturn(fx: FnLower, value: HirExpr | null): void {
  const t = fx.retTy;
  if (fx.sret !== null) {
    if (value) lowerInto(fx, value, fx.sret, 0);
    if (fx.b.isOpen) fx.b.ret([]);
    return;
  }
  const v = value ? lowerExpr(fx, value) : NONE;
  if (!fx.b.isOpen) return;
  if (t.kind === 'never') { fx.b.terminate({ op: 'unreachable' }); return; }
  fx.b.ret(v.k === 'none' && fx.layout(t).abi.kind !== 'zst' ? fx.flat(fx.undef(t), t) : fx.flat(v, t));
}

export { lowerPanic };
