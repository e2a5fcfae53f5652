// The QEMU machine that simulates a board, derived from its board file.
import { loadBoard, type Arch, type Board } from '../boards/board.ts';

export { DEFAULT_BOARD } from '../boards/board.ts';

export interface SimMachine {
  board: string;
  arch: Arch;
  /** QEMU `-M` value. */
  machine: string;
  /** QEMU `-cpu` value when the machine's default is not the board's core. */
  cpu?: string;
  /** QEMU `-bios` value (`none` to boot the image directly). */
  bios?: string;
}

export function simFromBoard(b: Board): SimMachine {
  return { board: b.id, arch: b.arch, machine: b.simulator.qemuMachine, cpu: b.simulator.qemuCpu, bios: b.simulator.bios };
}

/** The simulator of board `id`; throws the board loader's error for an unknown id. */
export function simMachine(id: string): SimMachine {
  return simFromBoard(loadBoard(id));
}
