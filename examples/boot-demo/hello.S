@ Minimal firmware for the MPS2-AN385 board (Cortex-M3), hand-written in GNU
@ assembly. It boots from its own vector table, prints a line on the console
@ UART (CMSDK UART0) and ends the simulation through semihosting with an exit
@ status (EXIT_CODE, 0 unless set with `as --defsym EXIT_CODE=n`).
@ This is the SDK's boot smoke test until the compiler produces firmware itself.
.syntax unified
.thumb
.ifndef EXIT_CODE
.equ EXIT_CODE, 0
.endif

.equ UART0_BASE, 0x40004000        @ CMSDK APB UART0 on MPS2
.equ UART_DATA, 0x0
.equ UART_CTRL, 0x8                 @ bit 0: TX enable
.equ SYS_EXIT_EXTENDED, 0x20        @ semihosting: exit with a status code
.equ ADP_Stopped_ApplicationExit, 0x20026

.section .vectors, "a"
.word 0x20004000                    @ initial stack pointer (top of 16 KiB of RAM)
.word reset + 1                     @ reset handler, Thumb bit set

.text
.thumb_func
.global reset
reset:
  ldr   r0, =UART0_BASE
  movs  r1, #1
  str   r1, [r0, #UART_CTRL]        @ enable the transmitter
  adr   r2, message
1:
  ldrb  r1, [r2], #1                @ next byte of the message
  cbz   r1, 2f                      @ NUL: done
  str   r1, [r0, #UART_DATA]        @ QEMU's UART transmits immediately
  b     1b
2:
  movs  r0, #SYS_EXIT_EXTENDED
  adr   r1, exit_block
  bkpt  0xab                        @ semihosting call: the simulator exits
  b     .                           @ (on real hardware: stay here)

.align 2
exit_block:
  .word ADP_Stopped_ApplicationExit, EXIT_CODE
message:
  .asciz "Hello from Orizon on mps2-an385 (Cortex-M3)\n"
