// The RV32 back end (targets rv32imac, rv32imc, rv32i): the driver's Backend
// interface over the pipeline of this folder, one function at a time:
//
//   IR function ─ isel.ts ─▶ MachFunction (virtual registers)
//               ─ isel-coalesce.ts ─▶ copies between virtual registers merged
//               ─ codegen/regalloc.ts ─▶ physical registers, spill slots
//               ─ frame.ts ─▶ frame layout ─ emit.ts ─▶ assembly text
//               ─ assemble() ─▶ bytes + relocations ─ emit.ts ─▶ ObjectFile
import type { TargetName } from '../../boards/board.ts';
import type { Function, Module } from '../../ir/ir.ts';
import { BackendError, type Backend, type CompileOptions, type CompiledModule, type RuntimeOptions } from '../../driver/backend.ts';
import type { Board } from '../../boards/board.ts';
import { allocateRegisters } from '../../codegen/regalloc.ts';
import type { RegTarget } from '../../codegen/mach.ts';
import { ObjectBuilder, type ObjectFile } from '../../link/index.ts';
import { assemble, AssemblyError } from './assemble.ts';
import { RV32I, RV32IMAC, RV32IMC, type Profile } from './profile.ts';
import { ALLOCATABLE, CALLEE_SAVED } from './abi.ts';
import { D0, U0, sp, type Payload } from './isel-inst.ts';
import { Selector, type MFunc } from './isel.ts';
import { coalesceCopies } from './isel-coalesce.ts';
import { layoutFrame, type Frame } from './frame.ts';
import { addAssembled, addData, dataText, functionText, type FunctionText } from './emit.ts';
import { gprName } from './regs.ts';
import { CLINT_INTERRUPTS, RUNTIME_FUNCTIONS, rv32Runtime } from './runtime.ts';

export function profileOf(target: TargetName): Profile {
  switch (target) {
    case 'rv32imac': return RV32IMAC;
    case 'rv32imc': return RV32IMC;
    case 'rv32i': return RV32I;
    default: throw new Error(`internal: ${target} is not an RV32 target`);
  }
}

export const REG_TARGET: RegTarget<Payload> = {
  allocatable: ALLOCATABLE,
  calleeSaved: new Set(CALLEE_SAVED),
  reload: (r, slot) => ({ defs: [r], uses: [], payload: { k: 'op', mn: 'lw', ops: [D0, sp('spill', 4 * slot)] } }),
  spill: (r, slot) => ({ defs: [], uses: [r], payload: { k: 'op', mn: 'sw', ops: [U0, sp('spill', 4 * slot)] } }),
  move: (d, s) => ({ defs: [d], uses: [s], isMove: true, payload: { k: 'move' } }),
  regName: gprName,
};

export interface CompiledFunction {
  /** The allocated machine function (for tests and dumps). */
  mf: MFunc;
  frame: Frame;
  text: FunctionText;
}

/** Selection, allocation, frame layout and assembly text of one function. */
export function compileFunction(f: Function, index: number, profile: Profile, nearCall?: (sym: string) => boolean): CompiledFunction {
  const sel = new Selector(f, { profile, nearCall }).run();
  coalesceCopies(sel.mf);
  const alloc = allocateRegisters(sel.mf, REG_TARGET);
  const saved = new Set<number>(alloc.usedCalleeSaved);
  for (const r of sel.fixedRegs) if (REG_TARGET.calleeSaved.has(r)) saved.add(r);
  const frame = sel.naked
    ? { size: 0, saves: [], base: { out: 0, slot: 0, spill: 0, in: 0 } }
    : layoutFrame({ outBytes: sel.outBytes, slotBytes: sel.slotBytes, spillSlots: sel.mf.spillSlots, calleeSaved: [...saved], calls: sel.calls });
  const text = functionText({
    name: f.name, index, exported: f.exported, section: f.section ?? `.text.${f.name}`, mf: sel.mf, frame,
    naked: sel.naked, compressed: profile.exts.has('c'), loc: f.loc,
  });
  return { mf: sel.mf, frame, text };
}

/** Assembles one function's text and adds it to the object. */
function addFunction(b: ObjectBuilder, f: Function, index: number, text: FunctionText, profile: Profile): void {
  let out;
  try {
    out = assemble(text.lines.join('\n') + '\n', { profile, file: f.name });
  } catch (e) {
    if (!(e instanceof AssemblyError)) throw e;
    // An `asm!` block the assembler rejects is the program's error, reported
    // at the block; any other line is ours.
    const user = e.errors.find((x) => text.asmLines.has(x.line));
    if (user) throw new BackendError(`inline assembly: ${user.message}`, text.asmLines.get(user.line));
    const lines = e.errors.map((x) => `  ${x.message}\n    | ${text.lines[x.line - 1]?.trim() ?? ''}`);
    throw new Error(`internal: assembly of \`${f.name}\` failed:\n${lines.join('\n')}`);
  }
  addAssembled(b, out, { locs: text.locs, suffix: String(index) });
}

/** Upper bound of the code bytes one IR instruction becomes (calls with 8 argument moves, i64 compares...). */
const MAX_BYTES_PER_INST = 24;

/**
 * Which calls may be a 4-byte `jal` (±1 MiB) instead of the 8-byte
 * `auipc+jalr` of `call` — what linker relaxation would give, decided up
 * front since the Orizon linker does not relax. Functions of this module and
 * of the runtime all land in the one `.text` output section of flash; when a
 * generous estimate of their size stays under 512 KiB, any of them reaches any
 * other. Externals (C objects, anything GNU ld may place elsewhere) and
 * functions with a `#[section]` of their own keep `call`.
 */
export function nearCalls(m: Module): (sym: string) => boolean {
  let insts = 0;
  for (const f of m.functions) for (const b of f.blocks) insts += b.insts.length + 1;
  if (insts * MAX_BYTES_PER_INST >= 512 * 1024) return () => false;
  const local = new Set(m.functions.filter((f) => f.section === undefined).map((f) => f.name));
  return (sym) => local.has(sym) || RUNTIME_FUNCTIONS.has(sym);
}

export function rv32Backend(target: TargetName): Backend {
  const profile = profileOf(target);
  const compressed = profile.exts.has('c');
  return {
    entry: '_start',
    compileModule(m: Module, o: CompileOptions): CompiledModule {
      const b = new ObjectBuilder(o.sourceName, 'riscv32', { compressed });
      const asm: string[] = o.wantAsm ? [`\t.option\tnorelax`, `\t.option\t${compressed ? 'rvc' : 'norvc'}`] : [];
      const nearCall = nearCalls(m);
      m.functions.forEach((f, k) => {
        const { text } = compileFunction(f, k, profile, nearCall);
        addFunction(b, f, k, text, profile);
        if (o.wantAsm) asm.push(...text.lines, '');
      });
      for (const d of m.data) {
        addData(b, d);
        if (o.wantAsm) asm.push(...dataText(d), '');
      }
      return { object: b.finish(), asm: o.wantAsm ? asm.join('\n') + '\n' : undefined };
    },
    runtime(o: RuntimeOptions): ObjectFile[] {
      return [rv32Runtime({ ...o, profile })];
    },
    interruptNames(_board: Board): string[] {
      return CLINT_INTERRUPTS;
    },
  };
}
