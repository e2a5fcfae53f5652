// Instruction selection at function boundaries: entry (parameters), return,
// direct and indirect calls, runtime helper calls, and inline assembly.
//
// Calls follow abi.ts. Register arguments are moved into r0-r3 right before
// the call, which "uses" them, so the allocator keeps those registers for the
// arguments between the moves and the call; stack arguments are stored into
// the outgoing area at the bottom of the frame (sp is never moved inside a
// body). The call clobbers the caller-saved registers, so values live across
// it end up in r4-r11 or spill slots.
import type { Inst, Ty, Value } from '../../ir/ir.ts';
import type { Reg } from '../../codegen/mach.ts';
import { assignArgs, assignResults, CALLER_SAVED, locRegs, type Loc } from './abi.ts';
import type { Sel } from './isel.ts';
import { materialize } from './isel-mem.ts';
import { U0, r, t, type RR } from './minst.ts';
import { parseReg } from './regs.ts';
import { CodegenError } from './emit.ts';

type Call = Extract<Inst, { op: 'call' }>;
type CallIndirect = Extract<Inst, { op: 'callIndirect' }>;
type Asm = Extract<Inst, { op: 'asm' }>;

/** An argument: an IR value, or registers already holding it (lo, hi for i64). */
export interface CallArg {
  ty: Ty;
  value?: Value;
  regs?: Reg[];
}

export function selEntry(s: Sel): void {
  const f = s.f;
  const layout = assignArgs(f.paramTys);
  const phys = layout.locs.flatMap(locRegs);
  s.emit({ k: 'entry' }, phys, []);
  f.params.forEach((p, k) => {
    const loc = layout.locs[k]!;
    if (loc.k === 'reg') s.move(s.defReg(p), loc.r);
    else if (loc.k === 'pair') { const [a, b] = s.defPair(p); s.move(a, loc.lo); s.move(b, loc.hi); } else if (loc.size === 8) {
      const [a, b] = s.defPair(p);
      s.emit({ k: 'ldsp', area: 'in', off: loc.off }, [a], []);
      s.emit({ k: 'ldsp', area: 'in', off: loc.off + 4 }, [b], []);
    } else s.emit({ k: 'ldsp', area: 'in', off: loc.off }, [s.defReg(p)], []);
  });
}

export function selReturn(s: Sel, values: Value[]): void {
  const locs = assignResults(s.f.retTys);
  const uses: Reg[] = [];
  values.forEach((v, k) => put(s, locs[k]!, { ty: s.ty(v), value: v }, uses));
  s.emit({ k: 'ret' }, [], uses);
}

/** Puts an argument (or result) into its registers or outgoing stack slot. */
function put(s: Sel, loc: Loc, a: CallArg, uses: Reg[]): void {
  const regs = a.regs ?? (a.ty === 'i64' ? undefined : s.lo[a.value!]! >= 0 ? [s.lo[a.value!]!] : undefined);
  if (loc.k === 'stack') {
    const rs = regs ?? (a.ty === 'i64' ? s.use64(a.value!) : [s.use(a.value!)]);
    rs.forEach((x, h) => s.op([], [x], t('str', r(U0), { k: 'sp', area: 'out', off: loc.off + 4 * h })));
    return;
  }
  const dst = locRegs(loc);
  if (regs) { dst.forEach((p, h) => s.move(p, regs[h]!)); uses.push(...dst); return; }
  if (a.ty === 'i64') {
    const pair = s.use64(a.value!);
    dst.forEach((p, h) => s.move(p, pair[h]!));
  } else {
    const rm = s.remat[a.value!];
    if (rm) materialize(s, dst[0]!, rm, a.ty);
    else s.move(dst[0]!, s.use(a.value!));
  }
  uses.push(...dst);
}

/**
 * Emits a call. Stack arguments are stored first, then register arguments
 * are moved in; results come back as fresh virtual registers (pairs for i64).
 */
export function emitCall(s: Sel, callee: { sym: string } | { reg: Reg }, args: CallArg[], retTys: Ty[], noReturn = false): Reg[][] {
  s.hasCalls = true;
  const layout = assignArgs(args.map((a) => a.ty));
  s.outBytes = Math.max(s.outBytes, layout.stackBytes);
  const uses: Reg[] = [];
  args.forEach((a, k) => { if (layout.locs[k]!.k === 'stack') put(s, layout.locs[k]!, a, uses); });
  args.forEach((a, k) => { if (layout.locs[k]!.k !== 'stack') put(s, layout.locs[k]!, a, uses); });
  const rlocs = assignResults(retTys);
  const defs = rlocs.flatMap(locRegs);
  const clobbers = CALLER_SAVED.filter((x) => !defs.includes(x));
  if ('sym' in callee) s.emit({ k: 'call', sym: callee.sym }, defs, uses, clobbers);
  else s.emit({ k: 'calli' }, defs, [callee.reg, ...uses], clobbers);
  if (noReturn) return [];
  return rlocs.map((l) => locRegs(l).map((p) => { const v = s.newVreg(); s.move(v, p); return v; }));
}

/** A call to a runtime helper with arguments already in registers. */
export function callHelper(s: Sel, name: string, args: { regs: Reg[]; ty: Ty }[], retTys: Ty[]): Reg[][] {
  return emitCall(s, { sym: name }, args, retTys);
}

function bindResults(s: Sel, dsts: Value[], res: Reg[][]): void {
  dsts.forEach((v, k) => {
    const rs = res[k]!;
    if (rs.length === 2) { const [a, b] = s.defPair(v); s.move(a, rs[0]!); s.move(b, rs[1]!); } else s.move(s.defReg(v), rs[0]!);
  });
}

export function selCall(s: Sel, x: Call): void {
  const res = emitCall(s, { sym: x.callee }, x.args.map((v) => ({ ty: s.ty(v), value: v })), x.retTys, x.noReturn);
  if (!x.noReturn) bindResults(s, x.dsts, res);
}

export function selCallIndirect(s: Sel, x: CallIndirect): void {
  const callee = s.use(x.callee);
  const res = emitCall(s, { reg: callee }, x.args.map((v, k) => ({ ty: x.argTys[k]!, value: v })), x.retTys);
  bindResults(s, x.dsts, res);
}

/**
 * Inline assembly. The IR's operand convention (what lowering produces):
 *   - placeholders `{N}` number the register operands in IR order, inputs
 *     first then outputs (`{0}` is inputs[0], `{inputs.length}` is
 *     outputs[0]); `{}` stands for the next number, counting from 0;
 *   - an input or output with a register name (`r0`, `ip`, ...) is bound to
 *     that register and has no placeholder;
 *   - an output whose `reg` is `{N}` (or just `N`) is tied to input N: one
 *     register, holding the input before and the output after (`inout`).
 * Inputs are copied into fresh registers first, since the text may change
 * them. Outputs never share a register with an input (a trailing use keeps
 * the inputs alive past the block), so the text may write an output before it
 * has read every input, as Rust's `out` allows.
 */
export function selAsm(s: Sel, x: Asm): void {
  const regs: RR[] = [];
  const uses: Reg[] = [];
  const defs: Reg[] = [];
  const after: (() => void)[] = [];
  const inputTemp: Reg[] = [];
  for (const inp of x.inputs) {
    const phys = inp.reg !== null ? parseReg(inp.reg) : undefined;
    if (inp.reg !== null && phys === undefined) throw new CodegenError(`inline assembly: unknown register \`${inp.reg}\``, s.loc);
    const v = s.use(inp.value);
    if (phys !== undefined) {
      s.move(phys, v);
      uses.push(phys);
      regs.push({ p: phys });
      inputTemp.push(phys);
    } else {
      const tmp = s.newVreg();
      s.move(tmp, v);
      uses.push(tmp);
      regs.push({ u: uses.length - 1 });
      inputTemp.push(tmp);
    }
  }
  for (const out of x.outputs) {
    const tie = out.reg !== null ? /^\{?(\d+)\}?$/.exec(out.reg) : null;
    if (tie) {
      const k = Number(tie[1]);
      const tmp = inputTemp[k];
      if (tmp === undefined) throw new CodegenError(`inline assembly: output tied to input ${k}, which does not exist`, s.loc);
      defs.push(tmp);
      regs.push(tmp < 64 ? { p: tmp } : { d: defs.length - 1 });
      after.push(() => s.move(s.defReg(out.dst), tmp));
      continue;
    }
    const phys = out.reg !== null ? parseReg(out.reg) : undefined;
    if (out.reg !== null && phys === undefined) throw new CodegenError(`inline assembly: unknown register \`${out.reg}\``, s.loc);
    if (phys !== undefined) {
      defs.push(phys);
      regs.push({ p: phys });
      after.push(() => s.move(s.defReg(out.dst), phys));
    } else {
      const d = s.defReg(out.dst);
      defs.push(d);
      regs.push({ d: defs.length - 1 });
    }
  }
  const clobbers: number[] = [];
  for (const c of x.clobbers) {
    const p = parseReg(c);
    if (p !== undefined && !defs.includes(p)) clobbers.push(p);
  }
  s.emit({ k: 'asm', text: numberPlaceholders(x.text), regs }, defs, uses, clobbers);
  const virtIn = uses.filter((u) => u >= 64);
  if (virtIn.length > 0 && defs.some((d) => d >= 64)) s.emit({ k: 'ops', insts: [] }, [], virtIn);
  for (const a of after) a();
}

/** `{}` → `{0}`, `{1}`, ... in order of appearance (`{{`/`}}` are literal braces). */
function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\{\{|\}\}|\{\}/g, (m) => (m === '{}' ? `{${n++}}` : m));
}
