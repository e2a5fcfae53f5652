// The external programs Orizon can use, and how to install each one.
// Binutils are the oracle for tests and the bridge to gdb/C objects; QEMU runs
// firmware on simulated boards; OpenOCD and Renode are for hardware and Renode runs.

export interface ToolSpec {
  /** Stable id used by the rest of the SDK, e.g. `arm-as`. */
  readonly id: string;
  /** Executable names tried in order (first found wins). */
  readonly names: readonly string[];
  readonly purpose: string;
  /** Missing required tools make `orizon doctor` fail. */
  readonly required: boolean;
  readonly versionArgs: readonly string[];
  readonly apt?: string;
  readonly xpm?: string;
  /** Install advice when neither apt nor xpm has it. */
  readonly manual?: string;
}

const ARM_XPM = '@xpack-dev-tools/arm-none-eabi-gcc';
const RV_XPM = '@xpack-dev-tools/riscv-none-elf-gcc';
const rv = (t: string) => [`riscv64-unknown-elf-${t}`, `riscv-none-elf-${t}`, `riscv32-unknown-elf-${t}`];

export const TOOLS: readonly ToolSpec[] = [
  { id: 'arm-as', names: ['arm-none-eabi-as'], purpose: 'ARM assembler (encoder oracle)', required: true, versionArgs: ['--version'], apt: 'binutils-arm-none-eabi', xpm: ARM_XPM },
  { id: 'arm-ld', names: ['arm-none-eabi-ld'], purpose: 'ARM linker (linking C objects)', required: true, versionArgs: ['--version'], apt: 'binutils-arm-none-eabi', xpm: ARM_XPM },
  { id: 'arm-objdump', names: ['arm-none-eabi-objdump'], purpose: 'ARM disassembler', required: true, versionArgs: ['--version'], apt: 'binutils-arm-none-eabi', xpm: ARM_XPM },
  { id: 'arm-gcc', names: ['arm-none-eabi-gcc'], purpose: 'ARM C compiler (C interop, benchmarks)', required: false, versionArgs: ['--version'], apt: 'gcc-arm-none-eabi', xpm: ARM_XPM },
  { id: 'rv-as', names: rv('as'), purpose: 'RISC-V assembler (encoder oracle)', required: true, versionArgs: ['--version'], apt: 'binutils-riscv64-unknown-elf', xpm: RV_XPM },
  { id: 'rv-ld', names: rv('ld'), purpose: 'RISC-V linker', required: true, versionArgs: ['--version'], apt: 'binutils-riscv64-unknown-elf', xpm: RV_XPM },
  { id: 'rv-objdump', names: rv('objdump'), purpose: 'RISC-V disassembler', required: true, versionArgs: ['--version'], apt: 'binutils-riscv64-unknown-elf', xpm: RV_XPM },
  { id: 'rv-gcc', names: rv('gcc'), purpose: 'RISC-V C compiler (C interop, benchmarks)', required: false, versionArgs: ['--version'], apt: 'gcc-riscv64-unknown-elf', xpm: RV_XPM },
  { id: 'gdb', names: ['gdb-multiarch', 'arm-none-eabi-gdb', 'riscv-none-elf-gdb'], purpose: 'debugger for ARM and RISC-V', required: false, versionArgs: ['--version'], apt: 'gdb-multiarch', xpm: ARM_XPM },
  { id: 'qemu-arm', names: ['qemu-system-arm'], purpose: 'simulates the ARM boards', required: true, versionArgs: ['--version'], apt: 'qemu-system-arm', xpm: '@xpack-dev-tools/qemu-arm' },
  { id: 'qemu-riscv32', names: ['qemu-system-riscv32'], purpose: 'simulates the RISC-V boards', required: true, versionArgs: ['--version'], apt: 'qemu-system-misc', xpm: '@xpack-dev-tools/qemu-riscv' },
  { id: 'openocd', names: ['openocd'], purpose: 'flashes and debugs real boards', required: false, versionArgs: ['--version'], apt: 'openocd', xpm: '@xpack-dev-tools/openocd' },
  { id: 'renode', names: ['renode'], purpose: 'alternative board simulator (renode-tests/)', required: false, versionArgs: ['--version'], manual: 'download Renode from https://renode.io (no Debian package); tests that need it are skipped without it' },
  { id: 'socat', names: ['socat'], purpose: 'pseudo-terminals for serial tests', required: false, versionArgs: ['-V'], apt: 'socat' },
];

export function toolSpec(id: string): ToolSpec {
  const t = TOOLS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown tool id ${id}`);
  return t;
}

/** The exact commands that install a tool, most direct first. */
export function installHints(t: ToolSpec): string[] {
  const hints: string[] = [];
  if (t.apt) hints.push(`sudo apt-get install ${t.apt}`);
  if (t.xpm) hints.push(`xpm install ${t.xpm}`);
  if (t.manual) hints.push(t.manual);
  return hints;
}
