// Calls: direct calls to function instances (trait methods resolved with
// prog.resolveInstance after substitution), calls through fn pointers,
// intrinsics (volatile access, extern "C" functions) and built-in methods
// (builtins.ts). Arguments are evaluated left to right; memory-typed
// arguments are copied into fresh temporaries the callee owns.
import type { Ty as IrTy, Value } from '../ir.ts';
import type { FnRef, HirExpr, ResolvedCallee } from '../../check/hir.ts';
import { hasAttr } from '../../check/defs.ts';
import type { Ty } from '../../check/types.ts';
import type { Span } from '../../diag/source.ts';
import type { FnLower, Val } from './fn.ts';
import { fnAbi } from './fn.ts';
import { lowerExpr, lowerInto } from './expr.ts';
import type { Dest } from './control.ts';
import { location } from './panic.ts';
import { lowerBuiltin } from './builtins.ts';

export function lowerCall(fx: FnLower, e: HirExpr & { kind: 'call' }, dest: Dest): Val {
  const callee = e.callee;
  if (callee.kind === 'builtin') return lowerBuiltin(fx, callee.name, fx.ty(callee.selfTy), e, dest);
  if (callee.kind === 'ptr') {
    const f = fx.scalar(lowerExpr(fx, callee.expr));
    const ft = fx.ty(callee.expr.ty);
    if (ft.kind !== 'fnPtr') return fx.err('internal: call through a non-function pointer', e.span);
    const params = ft.params.map((p) => fx.ty(p));
    const ret = fx.ty(ft.ret);
    return emitCall(fx, { kind: 'ptr', fn: f }, params, ret, false, e.args.map((a) => () => a), e, dest);
  }
  const ref: FnRef = { fn: callee.ref.fn, args: callee.ref.args.map((a) => fx.ty(a)) };
  const res = fx.m.prog.resolveInstance(ref);
  return lowerResolved(fx, res, e, dest);
}

export function lowerResolved(fx: FnLower, res: ResolvedCallee, e: HirExpr & { kind: 'call' }, dest: Dest): Val {
  if (res.kind === 'builtin') return lowerBuiltin(fx, res.name, res.selfTy, e, dest);
  if (res.kind === 'intrinsic') {
    const v = lowerIntrinsic(fx, res.name, res.ref, e);
    if (v) return v;
  }
  const ref = res.ref;
  const hir = fx.m.prog.fns.get(ref.fn);
  if (!hir) {
    if (res.kind === 'intrinsic' && res.name.startsWith('extern:')) return externCall(fx, res.name.slice(7), ref, e, dest);
    return fx.err(`\`${ref.fn.name}\` has no body (intrinsic \`${res.kind === 'intrinsic' ? res.name : '?'}\` is not supported)`, e.span);
  }
  const T = fx.m.T;
  const params = hir.params.map((p) => T.subst(p.ty, ref.args));
  const ret = T.subst(hir.ret, ref.args);
  const symbol = fx.m.requestFn(ref);
  return emitCall(fx, { kind: 'direct', symbol }, params, ret, hasAttr(ref.fn.attrs, 'track_caller'), e.args.map((a) => () => a), e, dest);
}

/** An extern "C" declaration: a direct call to the symbol, same value convention. */
function externCall(fx: FnLower, name: string, ref: FnRef, e: HirExpr & { kind: 'call' }, dest: Dest): Val {
  const sig = ref.fn.sig;
  if (!sig) return fx.err(`internal: extern function \`${ref.fn.name}\` without a signature`, e.span);
  fx.m.externs.set(name, 'func');
  const T = fx.m.T;
  return emitCall(fx, { kind: 'direct', symbol: name }, sig.params.map((p) => T.subst(p, ref.args)), T.subst(sig.ret, ref.args), false, e.args.map((a) => () => a), e, dest);
}

type Target = { kind: 'direct'; symbol: string } | { kind: 'ptr'; fn: Value };

/** Evaluates the arguments, makes the call by the calling convention, and returns the result. */
export function emitCall(fx: FnLower, target: Target, params: Ty[], ret: Ty, trackCaller: boolean,
  args: (() => HirExpr)[], e: HirExpr, dest: Dest): Val {
  const sig = fnAbi(fx.m, params, ret, trackCaller);
  const irArgs: Value[] = [];
  let sretAddr: { addr: Value; off: number } | null = null;
  if (sig.sret) sretAddr = dest ?? { addr: fx.temp(ret, 'ret'), off: 0 };
  params.forEach((pt, k) => {
    const a = args[k]!();
    const abi = fx.layout(pt).abi;
    if (abi.kind === 'mem') {
      const tmp = fx.temp(pt, 'arg');
      lowerInto(fx, a, tmp, 0);
      irArgs.push(tmp);
    } else {
      irArgs.push(...fx.flat(lowerExpr(fx, a), pt));
    }
  });
  if (sretAddr) irArgs.unshift(fx.offset(sretAddr.addr, sretAddr.off));
  if (trackCaller) irArgs.push(location(fx, callSite(fx, e)));
  return finishCall(fx, target, irArgs, sig.params, sig.rets, ret, sretAddr);
}

/**
 * Where a call is, for `#[track_caller]`: Rust reports a method call at the
 * method name (`x.unwrap()` → `unwrap`), so look past the receiver for `.name`.
 */
function callSite(fx: FnLower, e: HirExpr): Span {
  if (e.kind !== 'call' || e.args.length === 0 || !fx.m.opts.sources) return e.span;
  let recv = e.args[0]!;
  while ((recv.kind === 'addrOf' || recv.kind === 'deref') && recv.implicit) recv = recv.operand;
  if (recv.span.file !== e.span.file || recv.span.end >= e.span.end || recv.span.start !== e.span.start) return e.span;
  const text = fx.m.opts.sources.get(e.span.file).text;
  let i = recv.span.end;
  const skipWs = () => { while (i < e.span.end && /\s/.test(text[i]!)) i++; };
  skipWs();
  if (text[i] !== '.') return e.span;
  i++;
  skipWs();
  return { file: e.span.file, start: i, end: e.span.end };
}

/** Emits the call instruction for already-lowered IR arguments. */
export function finishCall(fx: FnLower, target: Target, irArgs: Value[], argTys: IrTy[], rets: IrTy[], ret: Ty, sret: { addr: Value; off: number } | null): Val {
  const never = ret.kind === 'never';
  let dsts: Value[];
  if (target.kind === 'direct') {
    dsts = fx.b.call(target.symbol, irArgs, rets, never);
  } else {
    dsts = rets.map((t) => fx.b.newValue(t));
    fx.b.emit({ op: 'callIndirect', dsts, retTys: rets, callee: target.fn, args: irArgs, argTys });
  }
  if (never) {
    fx.b.terminate({ op: 'unreachable' });
    fx.dead();
    return fx.undef(ret);
  }
  if (sret) return { k: 'm', addr: sret.addr, off: sret.off };
  return fx.unflat(dsts, ret);
}

/** Intrinsics with special code; null = lower the function normally. */
function lowerIntrinsic(fx: FnLower, name: string, ref: FnRef, e: HirExpr & { kind: 'call' }): Val | null {
  switch (name) {
    case 'read_volatile': {
      const t = ref.args[0]!;
      const p = fx.scalar(lowerExpr(fx, e.args[0]!));
      const abi = fx.layout(t).abi;
      if (abi.kind === 'zst') return { k: 'none' };
      if (abi.kind !== 'scalar') return fx.err('`read_volatile` of a type wider than a register is not supported', e.span);
      return { k: 's', v: fx.b.load(abi.ty, p, 0, abi.signed, true) };
    }
    case 'write_volatile': {
      const t = ref.args[0]!;
      const p = fx.scalar(lowerExpr(fx, e.args[0]!));
      const v = lowerExpr(fx, e.args[1]!);
      const abi = fx.layout(t).abi;
      if (abi.kind === 'scalar') fx.b.store(abi.ty, p, fx.scalar(v), 0, true);
      else if (abi.kind !== 'zst') return fx.err('`write_volatile` of a type wider than a register is not supported', e.span);
      return { k: 'none' };
    }
    case 'null': case 'null_mut':
      return { k: 's', v: fx.c('ptr', 0) };
    default:
      return null;
  }
}
