// RV32 register files: the 32 integer registers (numeric and ILP32 ABI names)
// and the control and status registers (CSRs) the assembler knows by name.
//
// Invariants:
// - A `Reg` is an integer 0..31; only `reg()`/`gprNumber()` create one, so an
//   encoder never sees an out-of-range register number.
// - Register names are the ones GNU as accepts (x0..x31, the ABI names, `fp`);
//   CSR names are a subset of GNU as 2.40's list, each checked against it by
//   tests/target/rv32/vs-gnu-as.test.ts.

/** An integer register number, 0..31. */
export type Reg = number & { readonly __reg: unique symbol };

/** ABI names in register-number order (ILP32 / LP64 share them). */
export const ABI_NAMES: readonly string[] = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2',
  's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7',
  's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

export const ZERO = 0 as Reg;
export const RA = 1 as Reg;
export const SP = 2 as Reg;
export const T1 = 6 as Reg;

const GPR_BY_NAME: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (let i = 0; i < 32; i++) {
    m.set(`x${i}`, i);
    m.set(ABI_NAMES[i]!, i);
  }
  m.set('fp', 8); // GNU as accepts fp as an alias of s0
  return m;
})();

/** Checks a register number; throws RangeError (a compiler bug, not user input). */
export function reg(n: number): Reg {
  if (!Number.isInteger(n) || n < 0 || n > 31) throw new RangeError(`not an integer register: ${n}`);
  return n as Reg;
}

/** The register a name denotes (case-sensitive, as in GNU as), or undefined. */
export function gprNumber(name: string): Reg | undefined {
  const n = GPR_BY_NAME.get(name);
  return n === undefined ? undefined : (n as Reg);
}

export function gprName(r: number): string {
  return ABI_NAMES[r] ?? `x${r}`;
}

/** True for x8..x15, the registers the 3-bit fields of compressed formats reach. */
export function isCompressibleReg(r: number): boolean {
  return r >= 8 && r <= 15;
}

// CSR numbers (privileged spec 1.12, debug spec 0.13). Grouped as in the spec's
// CSR listing tables; counters are generated below.
const CSR_LIST: ReadonlyArray<readonly [string, number]> = [
  // Unprivileged counters and timers (read-only shadows).
  ['cycle', 0xc00], ['time', 0xc01], ['instret', 0xc02],
  ['cycleh', 0xc80], ['timeh', 0xc81], ['instreth', 0xc82],
  // Supervisor.
  ['sstatus', 0x100], ['sie', 0x104], ['stvec', 0x105], ['scounteren', 0x106],
  ['sscratch', 0x140], ['sepc', 0x141], ['scause', 0x142], ['stval', 0x143], ['sip', 0x144],
  ['satp', 0x180],
  // Machine information.
  ['mvendorid', 0xf11], ['marchid', 0xf12], ['mimpid', 0xf13], ['mhartid', 0xf14], ['mconfigptr', 0xf15],
  // Machine trap setup and handling.
  ['mstatus', 0x300], ['misa', 0x301], ['medeleg', 0x302], ['mideleg', 0x303], ['mie', 0x304],
  ['mtvec', 0x305], ['mcounteren', 0x306], ['mstatush', 0x310],
  ['mscratch', 0x340], ['mepc', 0x341], ['mcause', 0x342], ['mtval', 0x343], ['mip', 0x344],
  ['mtinst', 0x34a], ['mtval2', 0x34b],
  // Machine configuration.
  ['menvcfg', 0x30a], ['menvcfgh', 0x31a], ['mseccfg', 0x747], ['mseccfgh', 0x757],
  // Machine counters.
  ['mcycle', 0xb00], ['minstret', 0xb02], ['mcycleh', 0xb80], ['minstreth', 0xb82],
  ['mcountinhibit', 0x320],
  // Debug and trigger module.
  ['tselect', 0x7a0], ['tdata1', 0x7a1], ['tdata2', 0x7a2], ['tdata3', 0x7a3], ['tinfo', 0x7a4],
  ['tcontrol', 0x7a5], ['mcontext', 0x7a8],
  ['dcsr', 0x7b0], ['dpc', 0x7b1], ['dscratch0', 0x7b2], ['dscratch1', 0x7b3],
];

const CSR_BY_NAME: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>(CSR_LIST);
  for (let i = 3; i <= 31; i++) {
    m.set(`hpmcounter${i}`, 0xc00 + i);
    m.set(`hpmcounter${i}h`, 0xc80 + i);
    m.set(`mhpmcounter${i}`, 0xb00 + i);
    m.set(`mhpmcounter${i}h`, 0xb80 + i);
    m.set(`mhpmevent${i}`, 0x320 + i);
  }
  for (let i = 0; i < 16; i++) m.set(`pmpcfg${i}`, 0x3a0 + i);
  for (let i = 0; i < 64; i++) m.set(`pmpaddr${i}`, 0x3b0 + i);
  return m;
})();

/** Every CSR name this assembler accepts (for tests and diagnostics). */
export function csrNames(): string[] {
  return [...CSR_BY_NAME.keys()];
}

/** The CSR number of a name, or undefined. */
export function csrNumber(name: string): number | undefined {
  return CSR_BY_NAME.get(name);
}
