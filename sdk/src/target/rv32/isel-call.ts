// Calls, function entry and return, and inline assembly for RV32 (ILP32, abi.ts).
//
// A call materialises every argument first, stores the stack-passed ones into
// the outgoing area at the bottom of the frame, then moves the register ones
// into a0-a7 (fixed defs, so the allocator keeps those registers free until
// the call), and copies the results out of a0/a1 at once. The call clobbers
// the caller-saved set, so values live across it end up in s0-s11. A call
// that never returns (panics) clobbers nothing and does not make the function
// save ra: control never comes back to need either.
import type { Inst, Ty, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import { CALLER_SAVED, assignArgs, assignResults, locRegs, type Loc } from './abi.ts';
import type { Selector } from './isel.ts';
import { type Payload, type RR, U0, sp } from './isel-inst.ts';
import { gprNumber } from './regs.ts';

type Call = Extract<Inst, { op: 'call' | 'callIndirect' }>;
type Asm = Extract<Inst, { op: 'asm' }>;

interface Arg {
  ty: Ty;
  /** One register, two for an i64 (low first). */
  regs: Reg[];
}

/**
 * The call sequence: arguments into place, the call, results out of a0...
 * `callee` is a symbol or the register of a function pointer.
 */
export function emitCall(s: Selector, callee: string | Reg, args: Arg[], retTys: Ty[], noReturn = false): Reg[] {
  const layout = assignArgs(args.map((a) => a.ty));
  s.outBytes = Math.max(s.outBytes, layout.stackBytes);
  const phys: Reg[] = [];
  const moves: [Reg, Reg][] = [];
  layout.locs.forEach((loc: Loc, k) => {
    const r = args[k]!.regs;
    switch (loc.k) {
      case 'reg': moves.push([loc.r, r[0]!]); break;
      case 'pair': moves.push([loc.lo, r[0]!], [loc.hi, r[1]!]); break;
      case 'split':
        moves.push([loc.lo, r[0]!]);
        s.emit([], [r[1]!], { k: 'op', mn: 'sw', ops: [U0, sp('out', loc.off)] });
        break;
      case 'stack':
        r.forEach((w, j) => s.emit([], [w], { k: 'op', mn: 'sw', ops: [U0, sp('out', loc.off + 4 * j)] }));
        break;
    }
  });
  for (const [p, r] of moves) {
    s.move(p, r);
    phys.push(p);
  }
  const results = assignResults(retTys).flatMap(locRegs);
  const payload: Payload = typeof callee === 'string'
    ? { k: 'call', sym: callee, noReturn, near: s.opts.nearCall?.(callee) ?? false }
    : { k: 'calli' };
  const uses = typeof callee === 'string' ? phys : [callee, ...phys];
  if (noReturn) {
    // Nothing runs after it: no register needs to survive the call, and the
    // return address it overwrites is never used (panic paths stay leaf-cheap).
    s.emit([], uses, payload);
    s.endsInNoReturn = true;
    return [];
  }
  s.emit(results, uses, payload, { clobbers: CALLER_SAVED });
  s.calls = true;
  s.forgetCache();
  return results.map((p) => s.copyOf(p));
}

/** A call to a runtime helper taking and returning 32-bit words. */
export function callHelper(s: Selector, name: string, words: Reg[], results: number): Reg[] {
  return emitCall(s, name, words.map((r) => ({ ty: 'i32', regs: [r] })), new Array<Ty>(results).fill('i32'));
}

export function selectCall(s: Selector, i: Call): void {
  const args: Arg[] = i.args.map((a) => ({ ty: s.ty(a), regs: s.regs(a) }));
  const callee = i.op === 'call' ? i.callee : s.reg(i.callee);
  const words = emitCall(s, callee, args, i.retTys, i.op === 'call' && i.noReturn);
  defineResults(s, i.dsts, words);
}

function defineResults(s: Selector, dsts: Value[], words: Reg[]): void {
  let k = 0;
  for (const d of dsts) s.define(d, s.ty(d) === 'i64' ? [words[k++]!, words[k++]!] : [words[k++]!]);
}

/** Function entry: parameters out of a0-a7 and the caller's stack area. */
export function selectEntry(s: Selector): void {
  const fn = s.fn;
  if (fn.naked) return;
  const layout = assignArgs(fn.paramTys);
  const used = fn.params.map((p) => s.useCount[p]! > 0);
  const defs = layout.locs.filter((_, k) => used[k]).flatMap(locRegs);
  s.emit(defs, [], { k: 'entry' });
  const load = (off: number): Reg => {
    const d = s.vreg();
    s.emit([d], [], { k: 'op', mn: 'lw', ops: [{ d: 0 }, sp('in', off)] });
    return d;
  };
  layout.locs.forEach((loc, k) => {
    if (!used[k]) return;
    const p = fn.params[k]!;
    switch (loc.k) {
      case 'reg': return s.define(p, [s.copyOf(loc.r)]);
      case 'pair': return s.define(p, [s.copyOf(loc.lo), s.copyOf(loc.hi)]);
      case 'split': return s.define(p, [s.copyOf(loc.lo), load(loc.off)]);
      case 'stack': return s.define(p, loc.size === 8 ? [load(loc.off), load(loc.off + 4)] : [load(loc.off)]);
    }
  });
}

export function selectRet(s: Selector, values: Value[]): void {
  const phys = assignResults(s.fn.retTys).flatMap(locRegs);
  const srcs = values.flatMap((v) => s.regs(v));
  phys.forEach((p, k) => s.move(p, srcs[k]!));
  s.emit([], phys, { k: 'ret' });
}

// ---------------------------------------------------------------- inline assembly

/** A register name of the template's operands or clobbers (`a0`, `x10`, `fp`), or undefined. */
function physOf(name: string): number | undefined {
  const r = gprNumber(name.trim());
  return r === undefined ? undefined : (r as number);
}

/**
 * Inline assembly, with the same operand convention as the Thumb back end:
 * placeholders `{N}` index the inputs, then the outputs. Operands with a fixed
 * register are moved into it before and out of it after the block; the others
 * get virtual registers. An output with the same fixed register as an input, or
 * tied to input T (`tied: T` on the output, for `inout(reg)`), is written in
 * place. Other outputs never share a register with an input (a no-code `keep`
 * after the block extends the inputs' lives), so the text may write an output
 * before it has read every input. `clobbers` names registers (and `memory`).
 */
export function selectAsm(s: Selector, x: Asm): void {
  const regs: RR[] = [];
  const uses: Reg[] = [];
  const defs: Reg[] = [];
  const after: (() => void)[] = [];
  const inputRegs: Reg[] = [];
  for (const inp of x.inputs) {
    const phys = inp.reg !== null ? physOf(inp.reg) : undefined;
    if (inp.reg !== null && phys === undefined) throw new Error(`asm: unknown register \`${inp.reg}\``);
    const v = s.reg(inp.value);
    if (phys !== undefined) {
      s.move(phys, v);
      s.fixedRegs.add(phys);
      uses.push(phys);
      regs.push({ p: phys });
      inputRegs.push(phys);
    } else {
      uses.push(v);
      regs.push({ u: uses.length - 1 });
      inputRegs.push(v);
    }
  }
  const tiedInputs: number[] = [];
  for (const out of x.outputs) {
    const tied = (out as { tied?: number }).tied;
    const phys = out.reg !== null ? physOf(out.reg) : undefined;
    if (out.reg !== null && phys === undefined) throw new Error(`asm: unknown register \`${out.reg}\``);
    if (tied !== undefined) {
      // Read-write operand: copy the input into the output's register first.
      const d = s.vreg();
      s.move(d, inputRegs[tied]!);
      uses[tied] = d;
      regs[tied] = { u: tied };
      defs.push(d);
      tiedInputs.push(tied);
      regs.push({ d: defs.length - 1 });
      s.define(out.dst, [d]);
      continue;
    }
    if (phys !== undefined) {
      s.fixedRegs.add(phys);
      defs.push(phys);
      regs.push({ p: phys });
      after.push(() => s.define(out.dst, [s.copyOf(phys)]));
    } else {
      const d = s.vreg();
      defs.push(d);
      regs.push({ d: defs.length - 1 });
      s.define(out.dst, [d]);
    }
  }
  const clobbers: number[] = [];
  for (const c of x.clobbers) {
    const p = physOf(c);
    if (p !== undefined && !defs.includes(p)) {
      clobbers.push(p);
      s.fixedRegs.add(p);
    }
  }
  s.emit(defs, uses, { k: 'asm', text: x.text, regs }, { clobbers });
  // Early clobber: untied virtual inputs stay alive past the block, so no output takes their register.
  const keep = uses.filter((u, k) => u >= 64 && !tiedInputs.includes(k));
  if (keep.length > 0 && defs.length > 0) s.emit([], keep, { k: 'keep' });
  if (clobbers.includes(1)) s.calls = true; // the block calls something: ra is saved
  for (const a of after) a();
}
