// The RISC-V twin of fixtures-arm.ts for QEMU `virt` (board riscv-virt): the
// same program, the same output and exit status, linked by the same linker
// with the RV32 backend. Memory: the image at 0x80000000 (the "flash" region
// is the start of RAM on this board), .data/.bss/stack in a RAM region above.
// Relocations used: HI20/LO12_I (absolute), PCREL_HI20 with LO12_I/LO12_S,
// CALL_PLT, JAL, and section-relative HI20/LO12 to string literals.
import type { AsmObject } from './helpers/asm.ts';

export const VIRT_LAYOUT = {
  flash: { origin: 0x80000000, length: 0x100000 },
  ram: { origin: 0x80100000, length: 0x10000 },
  stackSize: 0x1000,
};

export const rvStartup: AsmObject = {
  name: 'startup.oriz',
  arch: 'riscv32',
  source: `
.option norvc
.section .text.start, "ax"
_start:
sp_hi:  lui   sp, %hi(__stack_top)
sp_lo:  addi  sp, sp, %lo(__stack_top)
fa_hi:  lui   t0, %hi(__data_start)         # dirty RAM: 0xA5 up to the heap start + 4
fa_lo:  addi  t0, t0, %lo(__data_start)
fb_hi:  lui   t1, %hi(__heap_start + 4)
fb_lo:  addi  t1, t1, %lo(__heap_start + 4)
        li    t2, 0xa5a5a5a5
1:      bgeu  t0, t1, 2f
        sw    t2, 0(t0)
        addi  t0, t0, 4
        j     1b
2:
ld_hi:  auipc t0, %pcrel_hi(__data_load)    # copy .data from its load address
        addi  t0, t0, %pcrel_lo(ld_hi)
ds_hi:  auipc t1, %pcrel_hi(__data_start)
        addi  t1, t1, %pcrel_lo(ds_hi)
de_hi:  auipc t2, %pcrel_hi(__data_end)
        addi  t2, t2, %pcrel_lo(de_hi)
3:      bgeu  t1, t2, 4f
        lw    t3, 0(t0)
        sw    t3, 0(t1)
        addi  t0, t0, 4
        addi  t1, t1, 4
        j     3b
4:
bs_hi:  lui   t0, %hi(__bss_start)          # clear .bss
bs_lo:  addi  t0, t0, %lo(__bss_start)
be_hi:  lui   t1, %hi(__bss_end)
be_lo:  addi  t1, t1, %lo(__bss_end)
5:      bgeu  t0, t1, call_main
        sw    zero, 0(t0)
        addi  t0, t0, 4
        j     5b
call_main:
        call  main
jump_exit:
        j     exit

.section .text.uart, "ax"
uart_puts:                                  # a0: NUL-terminated string; 16550 THR at 0x10000000
        lui   t0, 0x10000
1:      lbu   t1, 0(a0)
        beqz  t1, 2f
        sb    t1, 0(t0)
        addi  a0, a0, 1
        j     1b
2:      ret
.size uart_puts, . - uart_puts

.section .text.exit, "ax"
exit:                                       # a0: status; semihosting SYS_EXIT_EXTENDED
        addi  sp, sp, -16
        li    t0, 0x20026
        sw    t0, 0(sp)
        sw    a0, 4(sp)
        mv    a1, sp
        li    a0, 0x20
        .balign 16
        slli  x0, x0, 0x1f
        ebreak
        srai  x0, x0, 7
1:      j     1b
.size exit, . - exit
`,
  sections: {
    '.text.start': { kind: 'text' },
    '.text.uart': { kind: 'text' },
    '.text.exit': { kind: 'text' },
  },
  symbols: [
    { name: '_start' },
    { name: 'uart_puts' },
    { name: 'exit' },
    ...['ld_hi', 'ds_hi', 'de_hi'].map((name) => ({ name, type: 'notype' as const, binding: 'local' as const })),
  ],
  relocs: [
    ...hiLo('sp', '__stack_top'),
    ...hiLo('fa', '__data_start'),
    ...hiLo('fb', '__heap_start', 4),
    ...pcrel('ld_hi', '__data_load'),
    ...pcrel('ds_hi', '__data_start'),
    ...pcrel('de_hi', '__data_end'),
    ...hiLo('bs', '__bss_start'),
    ...hiLo('be', '__bss_end'),
    { at: 'call_main', type: 'R_RISCV_CALL_PLT', target: 'main' },
    { at: 'jump_exit', type: 'R_RISCV_JAL', target: 'exit' },
  ],
  lines: [
    { at: '_start', file: 'startup.oriz', line: 3 },
    { at: 'call_main', file: 'startup.oriz', line: 10, column: 5 },
    { at: 'jump_exit', file: 'startup.oriz', line: 11, column: 5 },
  ],
};

function hiLo(prefix: string, target: string, addend = 0, lo: 'R_RISCV_LO12_I' | 'R_RISCV_LO12_S' = 'R_RISCV_LO12_I') {
  return [
    { at: `${prefix}_hi`, type: 'R_RISCV_HI20' as const, target, addend },
    { at: `${prefix}_lo`, type: lo, target, addend },
  ];
}

function pcrel(label: string, target: string) {
  return [
    { at: label, type: 'R_RISCV_PCREL_HI20' as const, target },
    { at: label, delta: 4, type: 'R_RISCV_PCREL_LO12_I' as const, target: label },
  ];
}

const str = (label: string) => ({ section: '.rodata.str', label });

export const rvApp: AsmObject = {
  name: 'src/app.oriz',
  arch: 'riscv32',
  source: `
.option norvc
.section .text.main, "ax"
main:
        addi  sp, sp, -16
        sw    ra, 12(sp)
        sw    s0, 8(sp)
ban_hi: lui   a0, %hi(banner)
ban_lo: addi  a0, a0, %lo(banner)
call_1: call  uart_puts
ptr_hi: auipc a0, %pcrel_hi(banner_ptr)     # the string a .data word points to
ptr_lo: lw    a0, %pcrel_lo(ptr_hi)(a0)
call_2: call  uart_puts
cnt_hi: lui   s0, %hi(counter)
cnt_lo: addi  s0, s0, %lo(counter)
        lw    t0, 0(s0)
        li    t1, 40                        # .data initialised from flash?
ok_hi:  lui   a0, %hi(data_ok)
ok_lo:  addi  a0, a0, %lo(data_ok)
        beq   t0, t1, 1f
bad_hi: lui   a0, %hi(data_bad)
bad_lo: addi  a0, a0, %lo(data_bad)
1:
call_3: call  uart_puts
flg_hi: lui   t0, %hi(flag)                 # .bss cleared?
flg_lo: lw    t0, %lo(flag)(t0)
end_hi: lui   t1, %hi(__bss_end)            # ... and not a word further
end_lo: lw    t1, %lo(__bss_end)(t1)
        li    t2, 0xa5a5a5a5
bok_hi: lui   a0, %hi(bss_ok)
bok_lo: addi  a0, a0, %lo(bss_ok)
        bnez  t0, 2f
        beq   t1, t2, 3f
2:
bbd_hi: lui   a0, %hi(bss_bad)
bbd_lo: addi  a0, a0, %lo(bss_bad)
3:
call_4: call  uart_puts
        lw    a0, 0(s0)
        addi  a0, a0, 2                     # RAM is writable: 40 + 2
st_hi:  auipc t0, %pcrel_hi(counter)
st_lo:  sw    a0, %pcrel_lo(st_hi)(t0)
        lw    a0, 0(s0)
        lw    ra, 12(sp)
        lw    s0, 8(sp)
        addi  sp, sp, 16
        ret
.size main, . - main

.section .rodata.str, "a"
banner:   .asciz "Hello from the Orizon linker\\n"
ptr_msg:  .asciz "pointer in .data ok\\n"
data_ok:  .asciz "data ok\\n"
data_bad: .asciz "data BAD\\n"
bss_ok:   .asciz "bss ok\\n"
bss_bad:  .asciz "bss BAD\\n"

.section .data.app, "aw"
counter:    .word 40
banner_ptr: .word 0

.section .bss.app, "aw", %nobits
flag:   .space 4
buffer: .space 60
`,
  sections: {
    '.text.main': { kind: 'text' },
    '.rodata.str': { kind: 'rodata' },
    '.data.app': { kind: 'data' },
    '.bss.app': { kind: 'bss' },
  },
  symbols: [
    { name: 'main' },
    { name: 'banner', type: 'object', binding: 'local' },
    { name: 'counter', type: 'object', size: 4 },
    { name: 'banner_ptr', type: 'object', size: 4 },
    { name: 'flag', type: 'object', size: 4 },
    { name: 'buffer', type: 'object', size: 60, binding: 'local' },
    { name: 'ptr_hi', type: 'notype', binding: 'local' },
    { name: 'st_hi', type: 'notype', binding: 'local' },
  ],
  relocs: [
    ...hiLo('ban', 'banner'),
    { at: 'call_1', type: 'R_RISCV_CALL_PLT', target: 'uart_puts' },
    { at: 'ptr_hi', type: 'R_RISCV_PCREL_HI20', target: 'banner_ptr' },
    { at: 'ptr_lo', type: 'R_RISCV_PCREL_LO12_I', target: 'ptr_hi' },
    { at: 'call_2', type: 'R_RISCV_CALL_PLT', target: 'uart_puts' },
    ...hiLo('cnt', 'counter'),
    { at: 'ok_hi', type: 'R_RISCV_HI20', target: str('data_ok') },
    { at: 'ok_lo', type: 'R_RISCV_LO12_I', target: str('data_ok') },
    { at: 'bad_hi', type: 'R_RISCV_HI20', target: str('data_bad') },
    { at: 'bad_lo', type: 'R_RISCV_LO12_I', target: str('data_bad') },
    { at: 'call_3', type: 'R_RISCV_CALL_PLT', target: 'uart_puts' },
    ...hiLo('flg', 'flag'),
    ...hiLo('end', '__bss_end'),
    { at: 'bok_hi', type: 'R_RISCV_HI20', target: str('bss_ok') },
    { at: 'bok_lo', type: 'R_RISCV_LO12_I', target: str('bss_ok') },
    { at: 'bbd_hi', type: 'R_RISCV_HI20', target: str('bss_bad') },
    { at: 'bbd_lo', type: 'R_RISCV_LO12_I', target: str('bss_bad') },
    { at: 'call_4', type: 'R_RISCV_CALL_PLT', target: 'uart_puts' },
    { at: 'st_hi', type: 'R_RISCV_PCREL_HI20', target: 'counter' },
    { at: 'st_lo', type: 'R_RISCV_PCREL_LO12_S', target: 'st_hi' },
    { at: 'banner_ptr', type: 'R_RISCV_32', target: str('ptr_msg') },
  ],
  lines: [
    { at: 'main', file: 'src/app.oriz', line: 1 },
    { at: 'ban_hi', file: 'src/app.oriz', line: 2, column: 5 },
    { at: 'ptr_hi', file: 'src/app.oriz', line: 3, column: 5 },
    { at: 'call_3', file: 'src/app.oriz', line: 5, column: 5 },
    { at: 'call_4', file: 'src/app.oriz', line: 7, column: 5 },
  ],
};
