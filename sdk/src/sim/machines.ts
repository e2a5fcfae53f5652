// QEMU machines that simulate Orizon's boards. The boards issue moves this data
// into bsp/<board>/board.toml; until then this table is the single source.

export interface SimMachine {
  board: string;
  arch: 'arm' | 'riscv32';
  /** QEMU `-M` value. */
  machine: string;
  /** QEMU `-cpu` value when the machine's default is not the board's core. */
  cpu?: string;
  description: string;
}

export const SIM_MACHINES: readonly SimMachine[] = [
  { board: 'mps2-an385', arch: 'arm', machine: 'mps2-an385', description: 'ARM MPS2 FPGA, Cortex-M3' },
  { board: 'mps2-an386', arch: 'arm', machine: 'mps2-an386', description: 'ARM MPS2 FPGA, Cortex-M4' },
  { board: 'lm3s6965evb', arch: 'arm', machine: 'lm3s6965evb', description: 'TI Stellaris LM3S6965, Cortex-M3' },
  { board: 'netduinoplus2', arch: 'arm', machine: 'netduinoplus2', description: 'ST STM32F405, Cortex-M4' },
  { board: 'microbit', arch: 'arm', machine: 'microbit', description: 'Nordic nRF51822, Cortex-M0' },
  { board: 'hifive1', arch: 'riscv32', machine: 'sifive_e', description: 'SiFive FE310, RV32IMAC' },
  { board: 'riscv-virt', arch: 'riscv32', machine: 'virt', description: 'QEMU virt, RV32IMAC' },
];

export const DEFAULT_BOARD = 'mps2-an385';

export function simMachine(board: string): SimMachine | undefined {
  return SIM_MACHINES.find((m) => m.board === board);
}
