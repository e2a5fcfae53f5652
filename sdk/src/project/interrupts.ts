// The interrupt names `#[interrupt] fn NAME()` may bind on a board: the core's
// own exceptions (fixed by the architecture) plus the chip's device
// interrupts (the board file's [interrupts] table).
//
// Where each one goes:
//   Cortex-M  vector-table slot = exception number; a device IRQ n is
//             exception 16 + n (the NVIC). Core exceptions have fixed numbers.
//   RISC-V    the runtime's trap entry dispatches on mcause: a core interrupt
//             is mcause = 0x8000_0000 | code; a device interrupt is a PLIC
//             source, claimed when the machine external interrupt (code 11)
//             is taken.
// The back ends build vector tables and trap dispatch from `interruptTable`;
// an unknown name is reported with `unknownInterrupt`.
import type { Arch, Board, TargetName } from '../boards/board.ts';
import { closest } from '../util/closest.ts';

export interface CoreException {
  name: string;
  /** Cortex-M exception number (vector-table slot); RISC-V mcause interrupt code. */
  number: number;
  /** What it is, for listings. */
  what: string;
}

/** ARMv7-M system exceptions (ARMv7-M ARM B1.5.2). */
const ARMV7M: readonly CoreException[] = [
  { name: 'NMI', number: 2, what: 'non-maskable interrupt' },
  { name: 'HardFault', number: 3, what: 'fault escalation' },
  { name: 'MemManage', number: 4, what: 'MPU fault' },
  { name: 'BusFault', number: 5, what: 'bus error' },
  { name: 'UsageFault', number: 6, what: 'undefined instruction, unaligned access, division by zero' },
  { name: 'SVCall', number: 11, what: 'supervisor call (svc)' },
  { name: 'DebugMonitor', number: 12, what: 'debug monitor' },
  { name: 'PendSV', number: 14, what: 'pendable service request (context switches)' },
  { name: 'SysTick', number: 15, what: 'system timer' },
];

/** ARMv6-M has fewer (ARMv6-M ARM B1.5.2). SysTick is optional on the silicon (the nRF51 lacks it). */
const ARMV6M: readonly CoreException[] = ARMV7M.filter((e) => ['NMI', 'HardFault', 'SVCall', 'PendSV', 'SysTick'].includes(e.name));

/** RISC-V machine-level interrupts (Privileged Architecture 1.11, table 3.6: mcause codes). */
const RISCV: readonly CoreException[] = [
  { name: 'MachineSoft', number: 3, what: 'machine software interrupt (CLINT msip)' },
  { name: 'MachineTimer', number: 7, what: 'machine timer interrupt (CLINT mtimecmp)' },
  { name: 'MachineExternal', number: 11, what: 'machine external interrupt (PLIC)' },
];

export function coreExceptions(target: TargetName): readonly CoreException[] {
  if (target === 'thumbv6m') return ARMV6M;
  return target.startsWith('thumb') ? ARMV7M : RISCV;
}

export type InterruptSlot =
  | { kind: 'core'; name: string; number: number }
  /** NVIC IRQ number (vector slot 16 + irq) or PLIC source. */
  | { kind: 'device'; name: string; irq: number };

/** Every name `#[interrupt]` accepts on `board`, core exceptions first. */
export function interruptTable(board: Board, target: TargetName = board.target): InterruptSlot[] {
  const out: InterruptSlot[] = coreExceptions(target).map((e) => ({ kind: 'core' as const, name: e.name, number: e.number }));
  for (const [name, irq] of Object.entries(board.interrupts).sort((a, b) => a[1] - b[1])) out.push({ kind: 'device', name, irq });
  return out;
}

/** The slot of `name` on `board`, or undefined. */
export function findInterrupt(board: Board, name: string, target: TargetName = board.target): InterruptSlot | undefined {
  return interruptTable(board, target).find((s) => s.name === name);
}

/** Cortex-M vector-table index of a slot (exception number). */
export function vectorIndex(slot: InterruptSlot): number {
  return slot.kind === 'core' ? slot.number : 16 + slot.irq;
}

/** The message and help for an `#[interrupt]` name the board does not have. */
export function unknownInterrupt(board: Board, name: string, target: TargetName = board.target): { message: string; help: string } {
  const names = interruptTable(board, target).map((s) => s.name);
  const guess = closest(name, names);
  return {
    message: `unknown interrupt \`${name}\` for board \`${board.id}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
    help: `the interrupts of ${board.id} are: ${names.join(', ')}`,
  };
}

/** Core names of an architecture, for board-file checks. */
export function coreNames(arch: Arch): string[] {
  return (arch === 'arm' ? ARMV7M : RISCV).map((e) => e.name);
}
