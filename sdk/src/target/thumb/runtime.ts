// Start-up code and the target-specific runtime for Cortex-M boards.
//
// Two objects:
//   1. Assembly (this file), one text for every profile (the ARMv6-M subset):
//      - the vector table: initial sp (`__stack_top`), Reset_Handler, the core
//        exceptions, then one entry per external interrupt of the board, bound
//        by name to the program's `#[interrupt]` handlers (the others to
//        Default_Handler). Core handlers are weak, so a program or RTOS port
//        may define `SysTick_Handler`, `PendSV_Handler`, ... itself;
//      - Reset_Handler: copy .data from flash (`__data_load`) to RAM, zero
//        .bss (both word-aligned by the linker), call `__orizon_start`
//        (which runs `main` and exits 0);
//      - `__orizon_write(fd, ptr, len)`: semihosting SYS_WRITE to a `:tt`
//        handle opened on first use (mode "w" is stdout, "a" is stderr);
//      - `__orizon_exit(code)`: semihosting SYS_EXIT_EXTENDED
//        (ADP_Stopped_ApplicationExit, code);
//      - HardFault_Handler / Default_Handler: print what happened and the
//        faulting pc on stderr, exit with status 139 (a crash, as a shell
//        reports SIGSEGV).
//   2. Helpers built as IR and compiled by this back end (runtime-ir.ts):
//      AEABI division, 64-bit multiply and shifts, memcpy/memclr, bit counts.
//
// On real hardware without a debugger, `bkpt` traps; the boards issue adds a
// UART console. The parameter blocks of semihosting calls live on the stack,
// since flash is read-only on most boards.
import type { Board } from '../../boards/board.ts';
import { ObjectBuilder, type ObjectFile } from '../../link/index.ts';
import { assemble } from './assemble.ts';
import type { Profile } from './profile.ts';
import { hasFeature } from './profile.ts';
import { addAsmObject, addModule } from './backend.ts';
import { helperModule } from './runtime-ir.ts';
import { CodegenError } from './emit.ts';

/** Exit status of a hard fault or an unexpected interrupt. */
export const FAULT_STATUS = 139;

/** Core exceptions 1..15 (0 is the initial sp): name, or null for reserved. */
const CORE_V7: (string | null)[] = ['Reset', 'NMI', 'HardFault', 'MemManage', 'BusFault', 'UsageFault', null, null, null, null, 'SVC', 'DebugMon', null, 'PendSV', 'SysTick'];
const CORE_V6: (string | null)[] = ['Reset', 'NMI', 'HardFault', null, null, null, null, null, null, null, 'SVC', null, null, 'PendSV', 'SysTick'];

/** `#[interrupt]` names that bind a core exception instead of an external interrupt. */
const CORE_ALIASES: Record<string, string> = { SVCall: 'SVC', DebugMonitor: 'DebugMon' };

/** Core exceptions a program may bind with `#[interrupt]`. */
export function coreInterruptNames(prof: Profile): string[] {
  const core = hasFeature(prof, 't2') ? CORE_V7 : CORE_V6;
  return [...core.filter((c): c is string => c !== null && c !== 'Reset'), ...Object.keys(CORE_ALIASES)];
}

export function vectorNames(prof: Profile, board: Board): string[] {
  const core = hasFeature(prof, 't2') ? CORE_V7 : CORE_V6;
  const ext = Object.entries(board.interrupts);
  const n = ext.reduce((m, [, k]) => Math.max(m, k + 1), 0);
  const names = core.map((c) => c ?? '');
  const extNames = new Array<string>(n).fill('');
  for (const [name, k] of ext) extNames[k] = name;
  return [...names, ...extNames];
}

export function buildRuntime(prof: Profile, board: Board, interrupts: readonly { name: string; func: string }[]): ObjectFile[] {
  const core = hasFeature(prof, 't2') ? CORE_V7 : CORE_V6;
  const coreNames = new Set(core.filter((c): c is string => c !== null));
  const bound = new Map<string, string>();
  for (const h of interrupts) {
    const n = CORE_ALIASES[h.name] ?? h.name;
    if (!(n in board.interrupts) && !coreNames.has(n)) {
      const valid = [...Object.keys(board.interrupts), 'SysTick', 'PendSV', 'SVCall'].join(', ');
      throw new CodegenError(`\`${h.name}\` is not an interrupt of board \`${board.id}\`; valid names: ${valid}`);
    }
    bound.set(n, h.func);
  }
  const words: string[] = ['__stack_top'];
  for (const c of core) words.push(c === null ? '0' : bound.get(c) ?? `${c}_Handler`);
  const ext = Object.entries(board.interrupts);
  const count = ext.reduce((m, [, k]) => Math.max(m, k + 1), 0);
  const byIndex = new Array<string>(count).fill('Default_Handler');
  for (const [name, k] of ext) byIndex[k] = bound.get(name) ?? 'Default_Handler';
  words.push(...byIndex);

  const weakCore = core.filter((c): c is string => c !== null && c !== 'Reset' && c !== 'HardFault' && !bound.has(c));
  const src = startupAsm(words, weakCore);
  const r = assemble(src, { profile: prof });
  if (r.errors.length > 0) throw new Error(`internal: runtime assembly: ${r.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
  // One object: start-up code, then the helpers (so `--emit obj` users link one runtime file).
  const b = new ObjectBuilder('orizon-runtime', 'arm');
  addAsmObject(b, r.object, () => undefined);
  addModule(b, helperModule(prof), prof, false);
  return [b.finish()];
}

const MSG_FAULT = '\nhard fault (invalid memory access or instruction) at pc=';
const MSG_IRQ = '\nunexpected interrupt or exception at pc=';
const asciiText = (m: string) => m.replace(/\n/g, '\\n');

function startupAsm(words: string[], weakCore: string[]): string {
  const weak = weakCore.map((c) => `
  .section .text.${c}_Handler, "ax"
  .weak ${c}_Handler
  .thumb_func
${c}_Handler:
  bl Default_Handler`).join('\n');
  return `
  .syntax unified
  .section .vectors, "a"
  .align 2
${words.map((w) => `  .word ${w}`).join('\n')}

  .section .text.Reset_Handler, "ax"
  .global Reset_Handler
  .thumb_func
Reset_Handler:
  ldr r0, =__data_load        @ copy .data from its load address in flash
  ldr r1, =__data_start
  ldr r2, =__data_end
1:
  cmp r1, r2
  bhs 2f
  ldr r3, [r0]
  str r3, [r1]
  adds r0, #4
  adds r1, #4
  b 1b
2:
  ldr r1, =__bss_start        @ zero .bss
  ldr r2, =__bss_end
  movs r3, #0
3:
  cmp r1, r2
  bhs 4f
  str r3, [r1]
  adds r1, #4
  b 3b
4:
  bl __orizon_start           @ runs main, then exits with status 0
  movs r0, #0
  bl __orizon_exit
$d.pool.0:
  .ltorg

  .section .text.__orizon_exit, "ax"
  .global __orizon_exit
  .thumb_func
__orizon_exit:
  sub sp, #8
  ldr r1, =0x20026            @ ADP_Stopped_ApplicationExit
  str r1, [sp]
  str r0, [sp, #4]            @ the exit status
  mov r1, sp
  movs r0, #0x20              @ SYS_EXIT_EXTENDED
  bkpt 0xab
5:
  b 5b                        @ no debugger: stay here
$d.pool.1:
  .ltorg

  .section .text.__orizon_write, "ax"
  .global __orizon_write
  .thumb_func
__orizon_write:               @ (fd: r0, ptr: r1, len: r2)
  push {r4, r5, r6, lr}
  sub sp, #16
  mov r5, r1
  mov r6, r2
  ldr r4, =__orizon_sh_handles
  movs r3, #4                 @ open mode "w": stdout
  cmp r0, #2
  bne 1f
  adds r4, #4
  movs r3, #8                 @ open mode "a": stderr
1:
  ldr r0, [r4]                @ handle + 1, or 0 when not open yet
  cmp r0, #0
  bne 2f
  ldr r0, =__orizon_tt
  str r0, [sp]
  str r3, [sp, #4]
  movs r0, #3                 @ strlen(":tt")
  str r0, [sp, #8]
  movs r0, #1                 @ SYS_OPEN
  mov r1, sp
  bkpt 0xab
  adds r0, #1
  str r0, [r4]
2:
  subs r0, #1
  str r0, [sp]
3:
  str r5, [sp, #4]
  str r6, [sp, #8]
  movs r0, #5                 @ SYS_WRITE: r0 = bytes not written
  mov r1, sp
  bkpt 0xab
  cmp r0, #0
  beq 4f
  cmp r0, r6                  @ nothing written (or an error): give up
  bhs 4f
  subs r1, r6, r0             @ written = len - left
  adds r5, r5, r1
  mov r6, r0
  b 3b
4:
  add sp, #16
  pop {r4, r5, r6, pc}
$d.pool.2:
  .ltorg

  .section .text.HardFault_Handler, "ax"
  .weak HardFault_Handler
  .thumb_func
HardFault_Handler:
  ldr r0, =__orizon_msg_fault
  movs r1, #${MSG_FAULT.length}
  mov r2, lr                  @ EXC_RETURN
  bl __orizon_crash             @ (bl reaches other sections on every profile)
$d.pool.3:
  .ltorg

  .section .text.Default_Handler, "ax"
  .global Default_Handler
  .thumb_func
Default_Handler:
  ldr r0, =__orizon_msg_irq
  movs r1, #${MSG_IRQ.length}
  mov r2, lr                  @ EXC_RETURN
  bl __orizon_crash             @ (bl reaches other sections on every profile)
$d.pool.4:
  .ltorg

  .section .text.__orizon_crash, "ax"
  .global __orizon_crash
  .thumb_func
__orizon_crash:               @ (msg: r0, len: r1, EXC_RETURN: r2); the exception frame is on the stack
  movs r3, #4                 @ EXC_RETURN bit 2: the frame is on the process stack
  tst r2, r3
  beq 1f
  mrs r4, psp
  b 2f
1:
  mrs r4, msp
2:
  ldr r4, [r4, #24]           @ stacked pc of the faulting instruction
  mov r2, r1
  mov r1, r0
  movs r0, #2
  bl __orizon_write           @ the message
  sub sp, #16                 @ then "0x" and 8 hex digits and a newline
  mov r1, sp
  movs r0, #48                @ '0'
  strb r0, [r1]
  movs r0, #120               @ 'x'
  strb r0, [r1, #1]
  adds r1, #2
  movs r3, #8
3:
  lsrs r0, r4, #28
  lsls r4, r4, #4
  cmp r0, #10
  blo 4f
  adds r0, #39                @ 'a' - '0' - 10
4:
  adds r0, #48
  strb r0, [r1]
  adds r1, #1
  subs r3, #1
  bne 3b
  movs r0, #10
  strb r0, [r1]
  mov r1, sp
  movs r2, #11
  movs r0, #2
  bl __orizon_write
  ldr r0, =${FAULT_STATUS}
  bl __orizon_exit
$d.pool.5:
  .ltorg
${weak}

  .section .rodata.__orizon_msgs, "a"
__orizon_tt:
  .ascii ":tt\\0"
__orizon_msg_fault:
  .ascii "${asciiText(MSG_FAULT)}"
__orizon_msg_irq:
  .ascii "${asciiText(MSG_IRQ)}"

  .section .bss.__orizon_sh_handles, "aw"
  .align 2
__orizon_sh_handles:
  .space 8
`;
}
