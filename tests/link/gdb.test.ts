// (e) DWARF line info: gdb-multiarch, without running the target, maps source
// lines of an Orizon-linked executable to the right addresses, sets breakpoints
// by file:line, and lists the source — on ARM and RISC-V.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { link, writeExecutable } from '../../sdk/src/link/index.ts';
import { assemble, objectFromAsm, type AsmObject } from './helpers/asm.ts';
import { readElf } from './helpers/elf-read.ts';
import { gdbBatch, gdbInfoLine } from './helpers/gdb.ts';
import { binutil } from './helpers/binutils.ts';
import { MPS2_LAYOUT, app, startup } from './fixtures-arm.ts';
import { VIRT_LAYOUT, rvApp, rvStartup } from './fixtures-riscv.ts';
import type { MemoryLayout } from '../../sdk/src/link/index.ts';

const APP_SOURCE = ['fn main() -> i32 {', '    uart_puts(BANNER);', '    uart_puts(*BANNER_PTR);', '    // checks', '    uart_puts(if COUNTER == 40 { OK } else { BAD });', '    // more checks', '    uart_puts(bss_report());', '    COUNTER += 2', '}', ''].join('\n');

const CASES: { arch: 'arm' | 'riscv32'; startup: AsmObject; app: AsmObject; layout: MemoryLayout; line2: string; line3: string }[] = [
  { arch: 'arm', startup, app, layout: MPS2_LAYOUT, line2: 'set_banner', line3: 'call_2' },
  { arch: 'riscv32', startup: rvStartup, app: rvApp, layout: VIRT_LAYOUT, line2: 'ban_hi', line3: 'ptr_hi' },
];

for (const c of CASES) {
  test(`${c.arch}: gdb resolves file:line through the Orizon line table`, (t) => {
    const dir = mkdtempSync(join(tmpdir(), `orizon-gdb-${c.arch}-`));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/app.oriz'), APP_SOURCE);
    const elfPath = join(dir, 'firmware.elf');
    writeExecutable(link([objectFromAsm(c.startup), objectFromAsm(c.app)], { layout: c.layout, entry: c.arch === 'arm' ? 'reset' : '_start', debug: { compDir: dir } }), elfPath);
    const elf = readElf(readFileSync(elfPath));
    const main = (elf.symbol('main').value & ~1) >>> 0;
    const labels = assemble(c.arch, c.app.source).labels;
    const at = (label: string) => main + labels.get(label)!.offset - labels.get('main')!.offset;

    // readelf decodes the line program without complaint.
    const lines = binutil(c.arch, 'readelf', ['--debug-dump=decodedline', elfPath]);
    assert.match(lines, /app\.oriz\s+3\s+0x[0-9a-f]+/);

    for (const [loc, addr] of [['src/app.oriz:2', at(c.line2)], ['app.oriz:3', at(c.line3)], ['app.oriz:1', main]] as const) {
      const info = gdbInfoLine(elfPath, loc);
      assert.equal(info.address, addr, `info line ${loc}:\n${info.text}`);
    }
    // A line without code moves to the next line that has some, as gdb does for C.
    const bp = gdbBatch(elfPath, ['break app.oriz:4', 'info line app.oriz:5']);
    assert.match(bp, /Breakpoint 1 at 0x[0-9a-f]+: file .*src\/app\.oriz, line 5\./, bp);
    // The other object's compile unit is separate and found as well.
    const startLine = gdbInfoLine(elfPath, 'startup.oriz:10');
    assert.ok(startLine.address !== undefined, startLine.text);
    // The source is found through DW_AT_comp_dir.
    const list = gdbBatch(elfPath, ['list app.oriz:2,3']);
    assert.match(list, /2\s+uart_puts\(BANNER\);\n3\s+uart_puts\(\*BANNER_PTR\);/, list);
    // The subprogram DIE names the function for addresses inside it.
    const sym = gdbBatch(elfPath, [`info scope app.oriz:3`, `info symbol 0x${at(c.line3).toString(16)}`]);
    assert.match(sym, /main \+ \d+ in section \.text/, sym);
  });
}
