// (d) Link errors name what went wrong and where: undefined and duplicate
// symbols, relocations out of range, memory overflow, malformed objects.
// Objects are built with ObjectBuilder from a few hand-encoded instructions,
// the way a code generator will call it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkError, ObjectBuilder, encodeObject, link, type Arch, type LinkOptions, type ObjectFile } from '../../sdk/src/link/index.ts';

const LAYOUT: LinkOptions['layout'] = { flash: { origin: 0, length: 0x10000 }, ram: { origin: 0x20000000, length: 0x1000 }, stackSize: 0x400 };
const u16 = (...hw: number[]) => new Uint8Array(hw.flatMap((h) => [h & 0xff, h >> 8]));
const u32 = (...w: number[]) => new Uint8Array(w.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24]));
const THUMB_BL = u16(0xf7ff, 0xfffe);
const THUMB_BX_LR = u16(0x4770);

/** An object with one Thumb/RV function `name` whose code is `code`. */
function fn(objName: string, arch: Arch, name: string, code: Uint8Array, opts: { binding?: 'global' | 'local' | 'weak' } = {}) {
  const b = new ObjectBuilder(objName, arch);
  const text = b.section(`.text.${name}`, 'text', { align: 4 });
  const at = b.emit(text, code);
  b.symbol({ name, section: text, offset: at, size: code.length, binding: opts.binding ?? 'global', type: 'func', thumb: arch === 'arm' });
  return { b, text };
}

function linkError(objs: ObjectFile[], opts: Partial<LinkOptions> = {}): LinkError {
  try {
    link(objs, { layout: LAYOUT, debug: false, ...opts });
  } catch (e) {
    assert.ok(e instanceof LinkError, String(e));
    return e;
  }
  assert.fail('the link succeeded');
}

test('an undefined symbol names itself and every place that references it', () => {
  const { b, text } = fn('app.oriz', 'arm', '_start', new Uint8Array([...THUMB_BL, ...THUMB_BL, ...THUMB_BX_LR, 0, 0]));
  b.reloc(text, 0, 'R_ARM_THM_CALL', 'c_helper', -4);
  b.reloc(text, 4, 'R_ARM_THM_CALL', 'c_helper', -4);
  b.reloc(text, 0, 'R_ARM_THM_CALL', 'other_missing', -4);
  const e = linkError([b.finish()]);
  assert.equal(e.problems.length, 2);
  assert.equal(e.problems[0], 'undefined symbol `c_helper`, referenced by app.oriz(.text._start+0x0) in function `_start`, app.oriz(.text._start+0x4) in function `_start`');
  assert.match(e.message, /^link failed: 2 undefined symbols\n  undefined symbol `c_helper`/);
  assert.match(e.problems[1]!, /`other_missing`/);
});

test('a weak reference to a missing symbol resolves to 0; a global definition beats a weak one', () => {
  const { b, text } = fn('a.oriz', 'arm', '_start', new Uint8Array([...THUMB_BX_LR, 0, 0, ...u32(0, 0)]));
  b.symbol({ name: 'maybe', section: 'undef', offset: 0, size: 0, binding: 'weak', type: 'func' });
  b.reloc(text, 4, 'R_ARM_ABS32', 'maybe');
  b.reloc(text, 8, 'R_ARM_ABS32', 'handler');
  const weak = fn('weak.oriz', 'arm', 'handler', THUMB_BX_LR, { binding: 'weak' });
  const strong = fn('strong.oriz', 'arm', 'handler', new Uint8Array([...THUMB_BX_LR, ...THUMB_BX_LR]));
  const img = link([b.finish(), weak.b.finish(), strong.b.finish()], { layout: LAYOUT, debug: false });
  const text0 = img.sections.find((s) => s.name === '.text')!;
  const handler = img.symbols.find((s) => s.name === 'handler')!;
  assert.equal(img.symbols.filter((s) => s.name === 'handler').length, 1);
  assert.equal(new DataView(text0.data.buffer).getUint32(4, true), 0, 'weak undefined = 0');
  assert.equal(new DataView(text0.data.buffer).getUint32(8, true), handler.value, 'the global definition wins');
  assert.equal(handler.size, 4, 'from strong.oriz');
  // Unreferenced, the weak object's section is collected: only the strong one stays.
  assert.equal(text0.size, 12 + 4);
});

test('duplicate definitions name both objects', () => {
  const a = fn('a.oriz', 'riscv32', 'main', u32(0x00008067)).b.finish();
  const b = fn('lib/b.oriz', 'riscv32', 'main', u32(0x00008067)).b.finish();
  const e = linkError([a, b]);
  assert.deepEqual(e.problems, ['duplicate symbol `main`: defined in a.oriz(.text.main) and in lib/b.oriz(.text.main)']);
});

test('an out-of-range relocation names its type, site, target and the allowed range', () => {
  // b.n far (JUMP11 reaches ±2 KiB), with 4 KiB of code in between.
  const { b, text } = fn('jump.oriz', 'arm', '_start', new Uint8Array([...u16(0xe7fe), ...new Uint8Array(4094)]));
  const far = b.section('.text.far', 'text', { align: 2 });
  b.emit(far, THUMB_BX_LR);
  b.symbol({ name: 'far', section: far, offset: 0, size: 2, binding: 'local', type: 'func', thumb: true });
  b.reloc(text, 0, 'R_ARM_THM_JUMP11', 'far', -4);
  const e = linkError([b.finish()]);
  assert.deepEqual(e.problems, ['relocation R_ARM_THM_JUMP11 at jump.oriz(.text._start+0x0) in function `_start` against `far` at 0x1000 does not fit: value +0xffc is outside -0x800..+0x7fe']);
  assert.match(e.hint!, /B\.W/);
});

test('RISC-V branch and jump ranges are checked, and all failures are reported together', () => {
  const code = new Uint8Array([...u32(0x00b50063), ...u32(0x0000006f), ...u16(0xa001), ...new Uint8Array(0x2000)]);
  const { b, text } = fn('rv.oriz', 'riscv32', '_start', code);
  const far = b.section('.text.far', 'text', { align: 4 });
  b.emit(far, u32(0x00008067));
  b.symbol({ name: 'far', section: far, offset: 0, size: 4, binding: 'local', type: 'func' });
  b.reloc(text, 0, 'R_RISCV_BRANCH', 'far');
  b.reloc(text, 4, 'R_RISCV_JAL', 'far', 1);
  b.reloc(text, 8, 'R_RISCV_RVC_JUMP', 'far');
  const e = linkError([b.finish()]);
  assert.equal(e.problems.length, 3);
  assert.match(e.problems[0]!, /^relocation R_RISCV_BRANCH at rv\.oriz\(\.text\._start\+0x0\) in function `_start` against `far` at 0x200c does not fit: value \+0x200c is outside -0x1000\.\.\+0xffe$/);
  assert.match(e.problems[1]!, /R_RISCV_JAL .* value \+0x2009 is not a multiple of 2$/);
  assert.match(e.problems[2]!, /R_RISCV_RVC_JUMP .* is outside -0x800\.\.\+0x7fe$/);
  assert.match(e.message, /^link failed: 3 relocations cannot be applied/);
});

test('a %pcrel_lo whose label has no %pcrel_hi is reported', () => {
  const { b, text } = fn('lo.oriz', 'riscv32', '_start', u32(0x00000517, 0x00050513));
  b.symbol({ name: 'label', section: text, offset: 0, size: 0, binding: 'local', type: 'notype' });
  b.reloc(text, 4, 'R_RISCV_PCREL_LO12_I', 'label');
  const e = linkError([b.finish()]);
  assert.match(e.problems[0]!, /R_RISCV_PCREL_LO12_I at lo\.oriz\(\.text\._start\+0x4\).* names `label` at 0x0, but no R_RISCV_PCREL_HI20 is there/);
});

test('RAM and flash overflow say by how much', () => {
  const b = new ObjectBuilder('big.oriz', 'arm');
  const bss = b.section('.bss.buf', 'bss', { align: 8, retain: true });
  b.reserve(bss, 0xd00);
  const text = b.section('.text.blob', 'text', { retain: true });
  b.emit(text, new Uint8Array(0x10010));
  const e = linkError([b.finish()]);
  assert.deepEqual(e.problems, [
    'flash overflowed by 16 bytes: the image needs 65552 bytes, the region at 0x0 holds 65536',
    'RAM overflowed by 256 bytes: .data and .bss need 3328 bytes and the stack 1024, but RAM at 0x20000000 up to the stack top 0x20001000 holds 4096',
  ]);
});

test('malformed objects and mismatched targets are rejected before linking', () => {
  const b = new ObjectBuilder('bad.oriz', 'riscv32');
  const text = b.section('.text', 'text', { align: 3 });
  b.reloc(text, 8, 'R_ARM_ABS32', 'x');
  assert.throws(() => b.finish(), (e: LinkError) => {
    assert.deepEqual(e.problems, ['section bad.oriz(.text) has alignment 3, not a power of two', 'relocation R_ARM_ABS32 at offset 8 is outside bad.oriz(.text) (size 0)']);
    return true;
  });
  const arm = fn('a.oriz', 'arm', 'f', THUMB_BX_LR).b.finish();
  const rv = fn('r.oriz', 'riscv32', 'g', u32(0x00008067)).b.finish();
  assert.match(linkError([arm, rv]).problems[0]!, /r\.oriz is for riscv32 but a\.oriz is for arm/);
  const hard = fn('h.oriz', 'arm', 'h', THUMB_BX_LR);
  const hardObj = { ...hard.b.finish(), flags: { floatAbi: 'single' as const, compressed: false } };
  assert.match(linkError([arm, hardObj]).problems[0]!, /h\.oriz uses the single-float ABI but a\.oriz uses soft-float/);
  // A relocation type of the other architecture is caught when applied.
  const wrong = fn('w.oriz', 'riscv32', '_start', u32(0));
  wrong.b.reloc(wrong.text, 0, 'R_ARM_ABS32', '_start');
  assert.match(linkError([wrong.b.finish()]).problems[0]!, /R_ARM_ABS32 at w\.oriz\(\.text\._start\+0x0\).* is not a riscv32 relocation/);
  assert.match(linkError([arm], { entry: 'reset' }).message, /entry symbol `reset` is not defined/);
});

test('an addend a REL field cannot hold is an error when writing the object', () => {
  const { b, text } = fn('movw.oriz', 'arm', 'f', u16(0xf240, 0x0000, 0xf2c0, 0x0000));
  b.reloc(text, 0, 'R_ARM_THM_MOVW_ABS_NC', 'table', 0x12345);
  assert.throws(() => encodeObject(b.finish()), /R_ARM_THM_MOVW_ABS_NC at movw\.oriz\(\.text\.f\+0x0\) in function `f`: addend 74565: the addend does not fit a REL MOVW\/MOVT field/);
});

test('backward LDR.W literal and ADR.W to a Thumb function use the U bit and SUBW (AAELF32)', () => {
  // f: bx lr; nop; ldr.w r3, [pc, #0]; addw r4, pc, #0 — both refer back to f (at 0).
  const { b, text } = fn('back.oriz', 'arm', '_start', u16(0x4770, 0xbf00, 0xf8df, 0x3000, 0xf20f, 0x0400));
  b.reloc(text, 4, 'R_ARM_THM_PC12', '_start', -4);
  b.reloc(text, 8, 'R_ARM_THM_ALU_PREL_11_0', '_start', -4);
  const img = link([b.finish()], { layout: LAYOUT, debug: false });
  const d = img.sections.find((s) => s.name === '.text')!.data;
  const hw = (i: number) => d[i]! | (d[i + 1]! << 8);
  // ldr.w at 4: base Align(4+4, 4) = 8, target 0 → U = 0, imm12 = 8.
  assert.deepEqual([hw(4).toString(16), hw(6).toString(16)], ['f85f', '3008']);
  // addw at 8: base 12, target 0|1 → subw r4, pc, #11.
  assert.deepEqual([hw(8).toString(16), hw(10).toString(16)], ['f2af', '40b']);
});
