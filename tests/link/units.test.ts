// Small pieces of the linker checked on their own: byte encodings, string
// tables, atomic writes, layout symbols, garbage collection switches, and the
// structure of relocatable objects (symbol order, REL addends in place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteBuffer } from '../../sdk/src/link/bytes.ts';
import { StringTable } from '../../sdk/src/link/strtab.ts';
import { writeFileAtomic } from '../../sdk/src/link/atomic-write.ts';
import { ObjectBuilder, encodeObject, link, LINKER_SYMBOLS } from '../../sdk/src/link/index.ts';
import { readElf } from './helpers/elf-read.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('LEB128 encodings match the DWARF specification examples', () => {
  const u = (v: number) => hex(new ByteBuffer().uleb(v).finish());
  const s = (v: number) => hex(new ByteBuffer().sleb(v).finish());
  assert.deepEqual([u(2), u(127), u(128), u(129), u(130), u(12857)], ['02', '7f', '8001', '8101', '8201', 'b964']);
  assert.deepEqual([s(2), s(-2), s(127), s(-127), s(128), s(-128), s(129), s(-129)], ['02', '7e', 'ff00', '817f', '8001', '807f', '8101', 'ff7e']);
});

test('string tables start with the empty string and share equal names', () => {
  const t = new StringTable();
  assert.equal(t.add(''), 0);
  assert.equal(t.add('$t'), 1);
  assert.equal(t.add('main'), 4);
  assert.equal(t.add('$t'), 1);
  assert.equal(hex(t.finish()), '00' + '247400' + '6d61696e00');
});

test('atomic writes replace the file and leave no temporary behind', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'orizon-atomic-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'out.elf');
  writeFileSync(path, 'old');
  writeFileAtomic(path, new Uint8Array([1, 2, 3]), 0o755);
  assert.deepEqual([...readFileSync(path)], [1, 2, 3]);
  assert.equal(statSync(path).mode & 0o777, 0o755);
  assert.deepEqual(readdirSync(dir), ['out.elf']);
  assert.throws(() => writeFileAtomic(join(dir, 'missing', 'x.o'), new Uint8Array(1)));
  assert.deepEqual(readdirSync(dir), ['out.elf']);
});

function tinyArm(opts: { retain?: boolean } = {}) {
  const b = new ObjectBuilder('tiny.oriz', 'arm');
  const main = b.section('.text._start', 'text', { align: 2 });
  b.emit(main, new Uint8Array([0x70, 0x47])); // bx lr
  b.symbol({ name: '_start', section: main, offset: 0, size: 2, binding: 'global', type: 'func', thumb: true });
  const spare = b.section('.text.spare', 'text', { align: 4, retain: opts.retain });
  b.emit(spare, new Uint8Array([0x70, 0x47]));
  b.symbol({ name: 'spare', section: spare, offset: 0, size: 2, binding: 'global', type: 'func', thumb: true });
  b.line(main, 0, 'tiny.oriz', 1);
  return b.finish();
}

test('without .data/.bss the linker symbols still describe empty ranges', () => {
  const img = link([tinyArm()], { layout: { flash: { origin: 0x08000000, length: 0x1000 }, ram: { origin: 0x20000000, length: 0x2000 }, stackSize: 0x800, stackTop: 0x20001800 } });
  const sym = (n: string) => img.symbols.find((s) => s.name === n)!.value;
  assert.deepEqual(LINKER_SYMBOLS.map((n) => [n, sym(n)]), [
    ['__data_load', 0x08000002], ['__data_start', 0x20000000], ['__data_end', 0x20000000],
    ['__bss_start', 0x20000000], ['__bss_end', 0x20000000],
    ['__heap_start', 0x20000000], ['__heap_end', 0x20001000],
    ['__stack_bottom', 0x20001000], ['__stack_top', 0x20001800],
  ]);
  assert.equal(img.entry, 0x08000001, 'Thumb entry');
  assert.deepEqual(img.sections.map((s) => s.name), ['.text', '.debug_abbrev', '.debug_info', '.debug_line', '.debug_ranges']);
});

test('garbage collection keeps retained sections and can be switched off', () => {
  const layout = { flash: { origin: 0, length: 0x1000 }, ram: { origin: 0x20000000, length: 0x1000 }, stackSize: 0 };
  const names = (img: ReturnType<typeof link>) => img.symbols.map((s) => s.name).filter((n) => !n.startsWith('_') && !n.startsWith('$') && !n.endsWith('.oriz'));
  assert.deepEqual(names(link([tinyArm()], { layout })), []);
  assert.deepEqual(names(link([tinyArm({ retain: true })], { layout })), ['spare']);
  const all = link([tinyArm()], { layout, gcSections: false, debug: false });
  assert.deepEqual(names(all), ['spare']);
  assert.equal(all.sections.length, 1);
  // .text.spare is 4-aligned and follows 2 bytes of code: the 2-byte gap is one Thumb NOP.
  assert.equal(hex(all.sections[0]!.data), '7047' + '00bf' + '7047');
});

test('relocatable objects: locals first, section and mapping symbols, REL addends in place', () => {
  const b = new ObjectBuilder('rel.oriz', 'arm');
  const text = b.section('.text.f', 'text', { align: 4 });
  b.emit(text, new Uint8Array([0, 0, 0, 0, 0x70, 0x47, 0, 0, 0, 0, 0, 0]));
  b.marker(text, 8, 'data');
  b.symbol({ name: 'f', section: text, offset: 0, size: 8, binding: 'global', type: 'func', thumb: true });
  b.symbol({ name: 'helper_ref', section: 'undef', offset: 0, size: 0, binding: 'weak', type: 'func' });
  b.reloc(text, 0, 'R_ARM_THM_CALL', 'c_helper', -4);
  b.reloc(text, 8, 'R_ARM_ABS32', { section: text }, 6);
  const elf = readElf(encodeObject(b.finish(), { debug: false }));
  assert.equal(elf.type, 1);
  assert.equal(elf.flags, 0x05000200);
  // GNU as writes `bl c_helper` as f7ff fffe: the -4 addend in the BL field.
  assert.equal(hex(elf.section('.text.f').data.subarray(0, 4)), 'fff7feff');
  assert.equal(hex(elf.section('.text.f').data.subarray(8, 12)), '06000000');
  const symtab = elf.sections.find((s) => s.name === '.symtab')!;
  const names = elf.symbols.map((s) => `${s.bind}:${s.type}:${s.name}`);
  assert.deepEqual(names, ['0:0:', '0:4:rel.oriz', '0:3:', '0:0:$t', '0:0:$d', '1:2:f', '2:0:helper_ref', '1:0:c_helper']);
  assert.equal(symtab.info, 5, 'sh_info = first global');
  assert.equal(elf.symbol('f').value, 1, 'Thumb bit in st_value');
  const rel = elf.section('.rel.text.f');
  assert.deepEqual([rel.type, rel.entsize, rel.link, rel.info, rel.flags], [9, 8, symtab.index, elf.section('.text.f').index, 0x40]);
  assert.deepEqual(elf.relocs('.text.f').map((r) => [r.offset, r.type, elf.symbols[r.sym]!.name || 'section']), [[0, 10, 'c_helper'], [8, 2, 'section']]);
});

test('RISC-V objects use RELA and keep R_RISCV_RELAX only when asked', () => {
  const b = new ObjectBuilder('rv.oriz', 'riscv32');
  const text = b.section('.text.f', 'text', { align: 2 });
  b.emit(text, new Uint8Array([0x97, 0, 0, 0, 0xe7, 0x80, 0, 0]));
  b.symbol({ name: 'f', section: text, offset: 0, size: 8, binding: 'global', type: 'func' });
  b.reloc(text, 0, 'R_RISCV_CALL_PLT', 'g', 0);
  b.reloc(text, 0, 'R_RISCV_RELAX', 'g', 0);
  const obj = b.finish();
  const plain = readElf(encodeObject(obj, { debug: false }));
  assert.deepEqual(plain.relocs('.text.f').map((r) => [r.type, r.addend]), [[19, 0]]);
  assert.equal(plain.section('.rela.text.f').entsize, 12);
  const relax = readElf(encodeObject(obj, { debug: false, keepRelax: true }));
  assert.deepEqual(relax.relocs('.text.f').map((r) => [r.type, r.sym === 0]), [[19, false], [51, true]]);
  assert.equal(plain.flags, 0x1);
  assert.equal(plain.symbol('$x').shndx, plain.section('.text.f').index);
});
