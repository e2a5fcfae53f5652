// Machine-mode start-up code and the target-specific runtime for RV32 boards
// (QEMU `virt` and `sifive_e`), as one assembly text assembled by our own
// assembler into one object. Every routine sits in a section of its own, so
// the linker keeps only what the program reaches:
//
//   __orizon_reset     `j _start`, in a section of kind `vectors`, which the
//                      linker places first in flash: sifive_e's mask ROM jumps
//                      to the start of flash (0x20400000), not to e_entry.
//                      (The linker marks `vectors` non-executable, as a
//                      Cortex-M table is data; so the real code lives in .text.)
//   _start             gp = __global_pointer$ (weak: 0 unless a GNU ld script
//                      defines it), sp = __stack_top, mtvec = __orizon_trap,
//                      copy .data from __data_load, zero .bss (both
//                      word-aligned by the linker), call __orizon_start (the
//                      lowering's entry: main, then exit 0) or, without it,
//                      `main`; then exit 0.
//   __orizon_trap      saves the caller-saved registers and dispatches:
//                      machine external interrupt → claim from the PLIC,
//                      call the `#[interrupt]` handler bound to that source
//                      (board.interrupts gives the numbers), complete;
//                      `MachineTimer`/`MachineSoft` handlers for the CLINT
//                      interrupts; anything else → __orizon_fault.
//   __orizon_fault     prints `trap: mcause=0x… mepc=0x…` on stderr and exits
//                      with FAULT_STATUS (139, as on ARM: a crash).
//   __orizon_write     (fd, ptr, len) semihosting SYS_WRITE to a `:tt` handle
//                      opened on first use (mode "w" = stdout, "a" = stderr).
//                      QEMU writes only part of a burst when its console
//                      would block (a socket stdout, as node's spawn creates)
//                      and returns the count left over: the rest is retried.
//   __orizon_exit      (code) semihosting SYS_EXIT_EXTENDED
//                      {ADP_Stopped_ApplicationExit, code}.
//   helpers            libgcc-named integer helpers the code generator calls:
//                      __mulsi3 __divsi3 __udivsi3 __modsi3 __umodsi3 (no M),
//                      __muldi3 __divdi3 __udivdi3 __moddi3 __umoddi3,
//                      __ashldi3 __lshrdi3 __ashrdi3, __clz/__ctz/__popcount/
//                      __bswap si2/di2, and weak memcpy/memset.
//
// Only RV32I instructions (plus Zicsr) are used, so one text serves every
// profile. A semihosting call is `slli x0,x0,0x1f; ebreak; srai x0,x0,7`, all
// three uncompressed and in one 16-byte-aligned group (QEMU reads the
// neighbours of the ebreak), hence `.option norvc` around it.
import type { Board } from '../../boards/board.ts';
import type { TargetName } from '../../boards/board.ts';
import { ObjectBuilder, type ObjectFile } from '../../link/index.ts';
import { assemble } from './assemble.ts';
import type { Profile } from './profile.ts';
import { addAssembled } from './emit.ts';
import { BackendError } from '../../driver/backend.ts';

/** Exit status of an unexpected trap (exception or unbound interrupt). */
export const FAULT_STATUS = 139;

/** PLIC claim/complete register of context 0 (hart 0, machine mode); the same on virt and sifive_e. */
const PLIC_CLAIM = 0x0c20_0004;

/** `#[interrupt]` names of the CLINT interrupts (mcause codes), besides the board's PLIC sources. */
const CLINT: Record<string, number> = { MachineSoft: 3, MachineTimer: 7 };
export const CLINT_INTERRUPTS: string[] = Object.keys(CLINT);

/** Functions the runtime object defines (in `.text`, next to the program's code). */
export const RUNTIME_FUNCTIONS: ReadonlySet<string> = new Set([
  '__orizon_write', '__orizon_exit', '__orizon_fault',
  '__mulsi3', '__divsi3', '__udivsi3', '__modsi3', '__umodsi3',
  '__muldi3', '__divdi3', '__udivdi3', '__moddi3', '__umoddi3', '__ashldi3', '__lshrdi3', '__ashrdi3',
  '__clzsi2', '__ctzsi2', '__popcountsi2', '__bswapsi2', '__clzdi2', '__ctzdi2', '__popcountdi2', '__bswapdi2',
]);

const TRAP_SAVED = ['ra', 't0', 't1', 't2', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 't3', 't4', 't5', 't6'];

const FAULT_PREFIX = 'trap: mcause=0x', FAULT_MIDDLE = ' mepc=0x';

export interface RuntimeInput {
  target: TargetName;
  board: Board;
  interrupts: readonly { name: string; func: string }[];
  profile: Profile;
}

export function rv32Runtime(o: RuntimeInput): ObjectFile {
  const src = runtimeSource(o.board, o.interrupts);
  const out = assemble(src, { profile: o.profile, file: 'orizon-runtime-rv32.s' });
  const b = new ObjectBuilder('orizon-runtime-rv32.s', 'riscv32', { compressed: o.profile.exts.has('c') });
  addAssembled(b, out, {
    suffix: 'rt',
    kinds: (s) => (s.name === '.vectors.reset' ? 'vectors' : s.flags.includes('x') ? 'text' : s.nobits ? 'bss' : s.flags.includes('w') ? 'data' : 'rodata'),
    types: new Map([['__orizon_sh_handles', 'object'], ['__orizon_tt', 'object'], ['__orizon_fault_msg', 'object']]),
    weakRefs: ['__orizon_start', 'main', '__global_pointer$'],
  });
  return b.finish();
}

/** The semihosting trap: operation in a0, parameter block address in a1, result in a0. */
const SEMIHOST = `
  .option push
  .option norvc
  .balign 16
  slli zero, zero, 0x1f       # semihosting entry marker
  ebreak
  srai zero, zero, 7          # semihosting exit marker
  .option pop`;

/** The runtime's assembly text for a board and the program's interrupt handlers. */
export function runtimeSource(board: Board, interrupts: readonly { name: string; func: string }[]): string {
  const plic: { src: number; func: string }[] = [];
  const clint: { code: number; func: string }[] = [];
  for (const h of interrupts) {
    if (h.name in CLINT) clint.push({ code: CLINT[h.name]!, func: h.func });
    else if (h.name in board.interrupts) plic.push({ src: board.interrupts[h.name]!, func: h.func });
    else {
      const valid = [...Object.keys(board.interrupts), ...Object.keys(CLINT)].join(', ');
      throw new BackendError(`\`${h.name}\` is not an interrupt of board \`${board.id}\`; valid names: ${valid}`);
    }
  }
  return [startSource(), trapSource(plic, clint), faultSource(), semihostingSource(), HELPERS].join('\n');
}

function startSource(): string {
  return `
  .section .vectors.reset, "ax", @progbits
  .globl __orizon_reset
__orizon_reset:                       # at the start of flash, where sifive_e's mask ROM jumps
  j     _start

  .section .text.start, "ax", @progbits
  .globl _start
_start:
  .weak __global_pointer$
  lui   gp, %hi(__global_pointer$)    # for C code linked by GNU ld with gp relaxation; else 0
  addi  gp, gp, %lo(__global_pointer$)
  lui   sp, %hi(__stack_top)          # the stack grows down from the top of RAM
  addi  sp, sp, %lo(__stack_top)
  lui   t0, %hi(__orizon_trap)        # traps and interrupts (direct mode)
  addi  t0, t0, %lo(__orizon_trap)
  csrw  mtvec, t0
  lui   a0, %hi(__data_start)         # copy .data from its load address
  addi  a0, a0, %lo(__data_start)
  lui   a1, %hi(__data_end)
  addi  a1, a1, %lo(__data_end)
  lui   a2, %hi(__data_load)
  addi  a2, a2, %lo(__data_load)
1:
  bgeu  a0, a1, 2f
  lw    t0, 0(a2)
  sw    t0, 0(a0)
  addi  a0, a0, 4
  addi  a2, a2, 4
  j     1b
2:
  lui   a0, %hi(__bss_start)          # zero .bss
  addi  a0, a0, %lo(__bss_start)
  lui   a1, %hi(__bss_end)
  addi  a1, a1, %lo(__bss_end)
3:
  bgeu  a0, a1, 4f
  sw    zero, 0(a0)
  addi  a0, a0, 4
  j     3b
4:
  .weak __orizon_start
  .weak main
  lui   a0, %hi(__orizon_start)       # the lowering's entry (main, then exit 0) ...
  addi  a0, a0, %lo(__orizon_start)
  bnez  a0, 5f
  lui   a0, %hi(main)                 # ... or a bare main (hand-built IR)
  addi  a0, a0, %lo(main)
5:
  jalr  a0
  li    a0, 0                         # main returned: exit 0
  call  __orizon_exit
`;
}

function trapSource(plic: { src: number; func: string }[], clint: { code: number; func: string }[]): string {
  const save = TRAP_SAVED.map((r, k) => `  sw    ${r}, ${4 * k}(sp)`).join('\n');
  const restore = TRAP_SAVED.map((r, k) => `  lw    ${r}, ${4 * k}(sp)`).join('\n');
  const clintTests = clint.map((c) => `  li    t1, ${c.code}\n  beq   t0, t1, .Lclint_${c.code}`).join('\n');
  const clintCalls = clint.map((c) => `.Lclint_${c.code}:\n  call  ${c.func}\n  j     .Lreturn`).join('\n');
  const plicTests = plic.map((p) => `  li    t1, ${p.src}\n  beq   a0, t1, .Lplic_${p.src}`).join('\n');
  const plicCalls = plic.map((p) => `.Lplic_${p.src}:\n  call  ${p.func}\n  j     .Lcomplete`).join('\n');
  return `
  .section .text.__orizon_trap, "ax", @progbits
  .p2align 2                          # mtvec needs a 4-byte-aligned handler
  .globl __orizon_trap
__orizon_trap:
  addi  sp, sp, -80                   # 16 caller-saved registers and the claimed source
${save}
  csrr  t0, mcause
  bgez  t0, .Lfault                   # bit 31 clear: an exception
  slli  t0, t0, 1                     # the interrupt code
  srli  t0, t0, 1
  li    t1, 11
  beq   t0, t1, .Lexternal            # machine external interrupt: ask the PLIC
${clintTests}
  j     .Lfault
${clintCalls}
.Lexternal:
  li    t0, ${PLIC_CLAIM - 4}
  lw    a0, 4(t0)                     # claim: the pending source with the highest priority
  sw    a0, 64(sp)
  beqz  a0, .Lreturn                  # nothing pending any more
${plicTests}
  j     .Lfault
${plicCalls}
.Lcomplete:
  lw    a0, 64(sp)
  li    t0, ${PLIC_CLAIM - 4}
  sw    a0, 4(t0)                     # complete: the source may interrupt again
.Lreturn:
${restore}
  addi  sp, sp, 80
  mret
.Lfault:
  csrr  a0, mcause
  csrr  a1, mepc
  call  __orizon_fault
`;
}

function faultSource(): string {
  const at1 = FAULT_PREFIX.length, at2 = at1 + 8 + FAULT_MIDDLE.length, len = at2 + 8 + 1;
  const template = `${FAULT_PREFIX}00000000${FAULT_MIDDLE}00000000\\n`;
  const words = Math.ceil(len / 4);
  return `
  .section .text.__orizon_fault, "ax", @progbits
  .globl __orizon_fault
__orizon_fault:                       # (mcause: a0, mepc: a1); never returns
  addi  sp, sp, -${Math.ceil((4 * words) / 16) * 16}
  mv    s0, a0                        # no need to preserve s0/s1: we exit
  mv    s1, a1
  lui   t0, %hi(__orizon_fault_msg)   # copy the message template to the stack
  addi  t0, t0, %lo(__orizon_fault_msg)
  mv    t1, sp
  addi  t2, t0, ${4 * words}
1:
  lw    t3, 0(t0)
  sw    t3, 0(t1)
  addi  t0, t0, 4
  addi  t1, t1, 4
  bltu  t0, t2, 1b
  addi  a0, sp, ${at1}
  mv    a1, s0
  jal   ra, .Lhex8
  addi  a0, sp, ${at2}
  mv    a1, s1
  jal   ra, .Lhex8
  li    a0, 2                         # stderr
  mv    a1, sp
  li    a2, ${len}
  call  __orizon_write
  li    a0, ${FAULT_STATUS}
  call  __orizon_exit
.Lhex8:                               # a0: destination, a1: value -> 8 lowercase hex digits
  li    t0, 8
2:
  srli  t1, a1, 28                    # the top nibble
  addi  t2, t1, -10
  bltz  t2, 3f
  addi  t1, t1, 39                    # 'a' - '0' - 10
3:
  addi  t1, t1, 48                    # '0'
  sb    t1, 0(a0)
  slli  a1, a1, 4
  addi  a0, a0, 1
  addi  t0, t0, -1
  bnez  t0, 2b
  ret

  .section .rodata.__orizon_fault_msg, "a", @progbits
  .p2align 2
__orizon_fault_msg:
  .ascii "${template}"
  .zero ${4 * words - len}
`;
}

function semihostingSource(): string {
  return `
  .section .text.__orizon_write, "ax", @progbits
  .globl __orizon_write
__orizon_write:                       # (fd: a0, ptr: a1, len: a2)
  addi  sp, sp, -16                   # the semihosting parameter block
  lui   t0, %hi(__orizon_sh_handles)
  addi  t0, t0, %lo(__orizon_sh_handles)
  li    t1, 4                         # open mode "w": stdout
  li    t2, 2
  bne   a0, t2, 1f
  addi  t0, t0, 4
  li    t1, 8                         # open mode "a": stderr
1:
  lw    t2, 0(t0)                     # handle + 1, or 0 when not open yet
  bnez  t2, 2f
  mv    t4, a1
  mv    t5, a2
  lui   t3, %hi(__orizon_tt)
  addi  t3, t3, %lo(__orizon_tt)
  sw    t3, 0(sp)                     # name ":tt"
  sw    t1, 4(sp)                     # mode
  li    t3, 3
  sw    t3, 8(sp)                     # strlen(":tt")
  li    a0, 1                         # SYS_OPEN
  mv    a1, sp
${SEMIHOST}
  addi  t2, a0, 1
  sw    t2, 0(t0)
  mv    a1, t4
  mv    a2, t5
2:
  addi  t2, t2, -1
  sw    t2, 0(sp)                     # handle
3:
  sw    a1, 4(sp)                     # data
  sw    a2, 8(sp)                     # length
  li    a0, 5                         # SYS_WRITE
  mv    a1, sp
${SEMIHOST}
  lw    a1, 4(sp)
  lw    a2, 8(sp)
  beqz  a0, 4f                        # a0 = bytes NOT written: 0 when done
  bgtu  a0, a2, 4f                    # an error (-1): give up
  sub   t3, a2, a0                    # QEMU wrote only part (its console was busy):
  add   a1, a1, t3                    # retry with the rest
  mv    a2, a0
  j     3b
4:
  addi  sp, sp, 16
  ret

  .section .text.__orizon_exit, "ax", @progbits
  .globl __orizon_exit
__orizon_exit:                        # (code: a0); never returns
  addi  sp, sp, -16
  li    t0, 0x20026                   # ADP_Stopped_ApplicationExit
  sw    t0, 0(sp)
  sw    a0, 4(sp)                     # the exit status
  li    a0, 0x20                      # SYS_EXIT_EXTENDED
  mv    a1, sp
${SEMIHOST}
1:
  j     1b                            # no debugger: stay here

  .section .rodata.__orizon_tt, "a", @progbits
__orizon_tt:
  .asciz ":tt"

  .section .bss.__orizon_sh_handles, "aw", @nobits
  .p2align 2
__orizon_sh_handles:                  # stdout, stderr: semihosting handle + 1
  .zero 8
`;
}

/** Integer helpers (RV32I only). Each uses only the registers its comment names. */
const HELPERS = `
  .section .text.__mulsi3, "ax", @progbits
  .globl __mulsi3
__mulsi3:                             # a0 * a1 -> a0 (a0-a3)
  mv    a2, a0                        # multiplicand, shifted left
  li    a0, 0                         # product
1:
  andi  a3, a1, 1                     # low bit of the multiplier
  beqz  a3, 2f
  add   a0, a0, a2
2:
  srli  a1, a1, 1
  slli  a2, a2, 1
  bnez  a1, 1b
  ret

  .section .text.__orizon_udivmodsi4, "ax", @progbits
  .globl __orizon_udivmodsi4
__orizon_udivmodsi4:                  # a0 / a1 -> quotient a0, remainder a1 (a0-a6)
  li    a2, 0                         # remainder
  li    a3, 32                        # bits to go
1:
  srli  a5, a0, 31                    # next numerator bit
  srli  a6, a2, 31                    # the bit the remainder shifts out
  slli  a2, a2, 1
  or    a2, a2, a5                    # r = r << 1 | bit
  slli  a0, a0, 1                     # numerator out at the top, quotient in at the bottom
  bnez  a6, 3f                        # r went past 32 bits: r >= d
  bltu  a2, a1, 2f                    # r < d: quotient bit 0
3:
  sub   a2, a2, a1
  ori   a0, a0, 1
2:
  addi  a3, a3, -1
  bnez  a3, 1b
  mv    a1, a2
  ret

  .section .text.__udivsi3, "ax", @progbits
  .globl __udivsi3
__udivsi3:                            # a0 / a1 (unsigned)
  tail  __orizon_udivmodsi4

  .section .text.__umodsi3, "ax", @progbits
  .globl __umodsi3
__umodsi3:                            # a0 % a1 (unsigned); t0
  mv    t0, ra
  call  __orizon_udivmodsi4
  mv    a0, a1
  jr    t0

  .section .text.__divsi3, "ax", @progbits
  .globl __divsi3
__divsi3:                             # a0 / a1 (signed, truncating); t0-t3
  mv    t0, ra
  xor   t2, a0, a1                    # sign of the quotient
  srai  t3, a0, 31                    # |a0|
  xor   a0, a0, t3
  sub   a0, a0, t3
  srai  t3, a1, 31                    # |a1|
  xor   a1, a1, t3
  sub   a1, a1, t3
  call  __orizon_udivmodsi4
  bgez  t2, 1f
  neg   a0, a0
1:
  jr    t0

  .section .text.__modsi3, "ax", @progbits
  .globl __modsi3
__modsi3:                             # a0 % a1 (signed: the sign of a0); t0-t3
  mv    t0, ra
  mv    t2, a0
  srai  t3, a0, 31
  xor   a0, a0, t3
  sub   a0, a0, t3
  srai  t3, a1, 31
  xor   a1, a1, t3
  sub   a1, a1, t3
  call  __orizon_udivmodsi4
  mv    a0, a1
  bgez  t2, 1f
  neg   a0, a0
1:
  jr    t0

  .section .text.__muldi3, "ax", @progbits
  .globl __muldi3
__muldi3:                             # a0:a1 * a2:a3 -> a0:a1 (a0-a5, t3)
  mv    a4, a0                        # multiplicand, shifted left
  mv    a5, a1
  li    a0, 0                         # product
  li    a1, 0
1:
  andi  t3, a2, 1                     # low bit of the multiplier
  beqz  t3, 2f
  add   a0, a0, a4                    # product += multiplicand
  sltu  t3, a0, a4
  add   a1, a1, a5
  add   a1, a1, t3
2:
  srli  t3, a4, 31                    # multiplicand <<= 1
  slli  a5, a5, 1
  or    a5, a5, t3
  slli  a4, a4, 1
  slli  t3, a3, 31                    # multiplier >>= 1
  srli  a2, a2, 1
  or    a2, a2, t3
  srli  a3, a3, 1
  or    t3, a2, a3
  bnez  t3, 1b
  ret

  .section .text.__orizon_udivmoddi4, "ax", @progbits
  .globl __orizon_udivmoddi4
__orizon_udivmoddi4:                  # a0:a1 / a2:a3 -> quotient a0:a1, remainder a2:a3 (a0-a6, t3-t5)
  li    a4, 0                         # remainder
  li    a5, 0
  li    a6, 64                        # bits to go
1:
  srli  t3, a1, 31                    # next numerator bit
  srli  t4, a5, 31                    # the bit the remainder shifts out
  srli  t5, a4, 31                    # r = r << 1 | bit
  slli  a5, a5, 1
  or    a5, a5, t5
  slli  a4, a4, 1
  or    a4, a4, t3
  srli  t5, a0, 31                    # numerator out at the top, quotient in at the bottom
  slli  a1, a1, 1
  or    a1, a1, t5
  slli  a0, a0, 1
  bnez  t4, 3f                        # r went past 64 bits: r >= d
  bltu  a5, a3, 2f                    # high words decide r < d ...
  bne   a5, a3, 3f
  bltu  a4, a2, 2f                    # ... unless equal
3:
  sltu  t5, a4, a2                    # r -= d
  sub   a4, a4, a2
  sub   a5, a5, a3
  sub   a5, a5, t5
  ori   a0, a0, 1
2:
  addi  a6, a6, -1
  bnez  a6, 1b
  mv    a2, a4
  mv    a3, a5
  ret

  .section .text.__udivdi3, "ax", @progbits
  .globl __udivdi3
__udivdi3:                            # a0:a1 / a2:a3 (unsigned)
  tail  __orizon_udivmoddi4

  .section .text.__umoddi3, "ax", @progbits
  .globl __umoddi3
__umoddi3:                            # a0:a1 % a2:a3 (unsigned); t0
  mv    t0, ra
  call  __orizon_udivmoddi4
  mv    a0, a2
  mv    a1, a3
  jr    t0

  .section .text.__divdi3, "ax", @progbits
  .globl __divdi3
__divdi3:                             # a0:a1 / a2:a3 (signed, truncating); t0-t3
  mv    t0, ra
  xor   t2, a1, a3                    # sign of the quotient
  bgez  a1, 1f                        # |a0:a1|
  snez  t3, a0
  neg   a0, a0
  neg   a1, a1
  sub   a1, a1, t3
1:
  bgez  a3, 2f                        # |a2:a3|
  snez  t3, a2
  neg   a2, a2
  neg   a3, a3
  sub   a3, a3, t3
2:
  call  __orizon_udivmoddi4
  bgez  t2, 3f
  snez  t3, a0                        # negate the quotient
  neg   a0, a0
  neg   a1, a1
  sub   a1, a1, t3
3:
  jr    t0

  .section .text.__moddi3, "ax", @progbits
  .globl __moddi3
__moddi3:                             # a0:a1 % a2:a3 (signed: the sign of a0:a1); t0-t3
  mv    t0, ra
  mv    t2, a1
  bgez  a1, 1f
  snez  t3, a0
  neg   a0, a0
  neg   a1, a1
  sub   a1, a1, t3
1:
  bgez  a3, 2f
  snez  t3, a2
  neg   a2, a2
  neg   a3, a3
  sub   a3, a3, t3
2:
  call  __orizon_udivmoddi4
  mv    a0, a2
  mv    a1, a3
  bgez  t2, 3f
  snez  t3, a0
  neg   a0, a0
  neg   a1, a1
  sub   a1, a1, t3
3:
  jr    t0

  .section .text.__ashldi3, "ax", @progbits
  .globl __ashldi3
__ashldi3:                            # a0:a1 << a2 (0..63); t3, t4
  addi  t3, a2, -32
  bltz  t3, 1f
  sll   a1, a0, t3                    # n >= 32: the low word moves up
  li    a0, 0
  ret
1:
  beqz  a2, 2f
  neg   t4, a2                        # 32 - n (mod 32)
  srl   t4, a0, t4                    # bits crossing into the high word
  sll   a1, a1, a2
  or    a1, a1, t4
  sll   a0, a0, a2
2:
  ret

  .section .text.__lshrdi3, "ax", @progbits
  .globl __lshrdi3
__lshrdi3:                            # a0:a1 >> a2 (logical, 0..63); t3, t4
  addi  t3, a2, -32
  bltz  t3, 1f
  srl   a0, a1, t3
  li    a1, 0
  ret
1:
  beqz  a2, 2f
  neg   t4, a2
  sll   t4, a1, t4                    # bits crossing into the low word
  srl   a0, a0, a2
  or    a0, a0, t4
  srl   a1, a1, a2
2:
  ret

  .section .text.__ashrdi3, "ax", @progbits
  .globl __ashrdi3
__ashrdi3:                            # a0:a1 >> a2 (arithmetic, 0..63); t3, t4
  addi  t3, a2, -32
  bltz  t3, 1f
  sra   a0, a1, t3
  srai  a1, a1, 31
  ret
1:
  beqz  a2, 2f
  neg   t4, a2
  sll   t4, a1, t4
  srl   a0, a0, a2
  or    a0, a0, t4
  sra   a1, a1, a2
2:
  ret

  .section .text.__clzsi2, "ax", @progbits
  .globl __clzsi2
__clzsi2:                             # leading zeros of a0 (32 for 0); a0, a1
  li    a1, 32
  beqz  a0, 2f
  li    a1, 0
1:
  bltz  a0, 2f                        # top bit set: done
  slli  a0, a0, 1
  addi  a1, a1, 1
  j     1b
2:
  mv    a0, a1
  ret

  .section .text.__ctzsi2, "ax", @progbits
  .globl __ctzsi2
__ctzsi2:                             # trailing zeros of a0 (32 for 0); a0-a2
  li    a1, 32
  beqz  a0, 2f
  li    a1, 0
1:
  andi  a2, a0, 1
  bnez  a2, 2f
  srli  a0, a0, 1
  addi  a1, a1, 1
  j     1b
2:
  mv    a0, a1
  ret

  .section .text.__popcountsi2, "ax", @progbits
  .globl __popcountsi2
__popcountsi2:                        # set bits of a0; a0-a2
  li    a1, 0
1:
  beqz  a0, 2f
  addi  a2, a0, -1
  and   a0, a0, a2                    # clear the lowest set bit
  addi  a1, a1, 1
  j     1b
2:
  mv    a0, a1
  ret

  .section .text.__bswapsi2, "ax", @progbits
  .globl __bswapsi2
__bswapsi2:                           # byte-reverse a0; a0-a3
  slli  a1, a0, 24                    # byte 0 -> 3
  srli  a2, a0, 24                    # byte 3 -> 0
  or    a1, a1, a2
  li    a3, 0xff00
  and   a2, a0, a3                    # byte 1 -> 2
  slli  a2, a2, 8
  or    a1, a1, a2
  srli  a2, a0, 8                     # byte 2 -> 1
  and   a2, a2, a3
  or    a0, a1, a2
  ret

  .section .text.__clzdi2, "ax", @progbits
  .globl __clzdi2
__clzdi2:                             # leading zeros of a0:a1 (64 for 0); t0
  mv    t0, ra
  beqz  a1, 1f
  mv    a0, a1
  call  __clzsi2
  jr    t0
1:
  call  __clzsi2
  addi  a0, a0, 32
  jr    t0

  .section .text.__ctzdi2, "ax", @progbits
  .globl __ctzdi2
__ctzdi2:                             # trailing zeros of a0:a1 (64 for 0); t0
  mv    t0, ra
  beqz  a0, 1f
  call  __ctzsi2
  jr    t0
1:
  mv    a0, a1
  call  __ctzsi2
  addi  a0, a0, 32
  jr    t0

  .section .text.__popcountdi2, "ax", @progbits
  .globl __popcountdi2
__popcountdi2:                        # set bits of a0:a1; t0-t2
  mv    t0, ra
  mv    t1, a1
  call  __popcountsi2
  mv    t2, a0
  mv    a0, t1
  call  __popcountsi2
  add   a0, a0, t2
  jr    t0

  .section .text.__bswapdi2, "ax", @progbits
  .globl __bswapdi2
__bswapdi2:                           # byte-reverse a0:a1; t0-t2
  mv    t0, ra
  mv    t1, a0
  mv    a0, a1
  call  __bswapsi2
  mv    t2, a0                        # the new low word
  mv    a0, t1
  call  __bswapsi2
  mv    a1, a0
  mv    a0, t2
  jr    t0

  .section .text.memcpy, "ax", @progbits
  .weak memcpy
memcpy:                               # (dst: a0, src: a1, n: a2) -> dst; a1-a5
  mv    a3, a0
  or    a4, a0, a1
  andi  a4, a4, 3
  bnez  a4, 2f                        # not both word-aligned: bytes
1:
  li    a4, 4
  bltu  a2, a4, 2f
  lw    a5, 0(a1)
  sw    a5, 0(a3)
  addi  a1, a1, 4
  addi  a3, a3, 4
  addi  a2, a2, -4
  j     1b
2:
  beqz  a2, 3f
  lbu   a5, 0(a1)
  sb    a5, 0(a3)
  addi  a1, a1, 1
  addi  a3, a3, 1
  addi  a2, a2, -1
  j     2b
3:
  ret

  .section .text.memset, "ax", @progbits
  .weak memset
memset:                               # (dst: a0, byte: a1, n: a2) -> dst; a1-a5
  mv    a3, a0
  andi  a1, a1, 255
  andi  a4, a0, 3
  bnez  a4, 2f                        # not word-aligned: bytes
  slli  a5, a1, 8                     # the byte in all four lanes
  or    a5, a5, a1
  slli  a4, a5, 16
  or    a5, a5, a4
1:
  li    a4, 4
  bltu  a2, a4, 2f
  sw    a5, 0(a3)
  addi  a3, a3, 4
  addi  a2, a2, -4
  j     1b
2:
  beqz  a2, 3f
  sb    a1, 0(a3)
  addi  a3, a3, 1
  addi  a2, a2, -1
  j     2b
3:
  ret
`;
