// Memory layout: where each output section goes in a board's flash and RAM.
//
//   flash.origin ─► .vectors   (first: Cortex-M reads SP and the reset vector at 0)
//                   .text
//                   .rodata
//                   .data image (LMA; the startup code copies it to RAM)
//   ram.origin ───► .data      (VMA)
//                   .bss       (zeroed by the startup code)
//                   heap       __heap_start .. __heap_end
//                   stack      __stack_bottom .. __stack_top (grows down)
//
// Each output section starts at its largest input alignment; input sections
// follow in object order, each at its own alignment, and gaps in code are filled
// with the target's no-op so disassemblers stay in sync.
//
// .data and .bss start and end on 4-byte boundaries so the startup code can
// copy and clear whole words. Linker-defined symbols (see LINKER_SYMBOLS) give
// the runtime these addresses.
import type { ObjSection, SectionId, SectionKind } from './object.ts';
import { OUTPUT_ORDER } from './sections.ts';
import { ProblemList } from './errors.ts';
import { alignUp, hex, isPowerOfTwo } from './bytes.ts';
import { LinkError } from './errors.ts';

export interface MemoryRegion {
  origin: number;
  length: number;
}

export interface MemoryLayout {
  /** Non-volatile memory the image is loaded into (the whole ROM/flash or a RAM area for RAM-only boards). */
  flash: MemoryRegion;
  ram: MemoryRegion;
  /** Bytes reserved for the main stack at the top of RAM. */
  stackSize: number;
  /** Initial stack pointer; defaults to the end of RAM. */
  stackTop?: number;
}

/** Names the linker defines (unless an object does); values are addresses. */
export const LINKER_SYMBOLS: readonly string[] = [
  '__data_load', '__data_start', '__data_end',
  '__bss_start', '__bss_end',
  '__heap_start', '__heap_end',
  '__stack_bottom', '__stack_top',
];

export interface InputSection {
  obj: number;
  id: SectionId;
  section: ObjSection;
}

export interface OutputSection {
  name: string;
  kind: SectionKind;
  /** Run address (VMA); 0 for debug sections. */
  addr: number;
  /** Load address (LMA): where the bytes sit in flash. Equals `addr` except for .data. */
  lma: number;
  align: number;
  size: number;
  /** Contents with inputs copied in (relocations are applied later); empty for .bss. */
  data: Uint8Array;
  inputs: { input: InputSection; offset: number }[];
}

export interface Layout {
  sections: OutputSection[];
  /** Output section and offset of an input section, or undefined when it was not placed. */
  placement: ({ out: OutputSection; offset: number } | undefined)[][];
  symbols: Map<string, number>;
}

export function checkLayout(m: MemoryLayout): void {
  const bad: string[] = [];
  for (const [name, r] of [['flash', m.flash], ['ram', m.ram]] as const) {
    if (!Number.isInteger(r.origin) || r.origin < 0 || !Number.isInteger(r.length) || r.length <= 0 || r.origin + r.length > 2 ** 32) bad.push(`${name} region ${hex(r.origin)}+${hex(r.length)} is not inside the 32-bit address space`);
  }
  if (!(m.stackSize >= 0) || m.stackSize % 8 !== 0) bad.push(`stack size ${m.stackSize} must be a multiple of 8 (AAPCS and ILP32 keep the stack 8-aligned)`);
  if (m.stackTop !== undefined && m.stackTop % 8 !== 0) bad.push(`stack top ${hex(m.stackTop)} must be 8-aligned`);
  if (bad.length) throw new LinkError('invalid memory layout', bad);
}

/** Places `inputs` (already filtered to live ones, in link order) into output sections. */
export function layoutSections(inputs: readonly InputSection[], objCount: number, m: MemoryLayout, codeFill: Uint8Array): Layout {
  checkLayout(m);
  const placement: Layout['placement'] = Array.from({ length: objCount }, () => []);
  const sections: OutputSection[] = [];

  const build = (name: string, kind: SectionKind, members: readonly InputSection[]): OutputSection => {
    const out: OutputSection = { name, kind, addr: 0, lma: 0, align: 1, size: 0, data: new Uint8Array(0), inputs: [] };
    for (const input of members) {
      const s = input.section;
      if (!isPowerOfTwo(s.align)) throw new LinkError(`section ${s.name} has alignment ${s.align}`);
      out.align = Math.max(out.align, s.align);
      const offset = alignUp(out.size, s.align);
      out.inputs.push({ input, offset });
      placement[input.obj]![input.id] = { out, offset };
      out.size = offset + s.size;
    }
    if (kind !== 'bss') {
      out.data = new Uint8Array(out.size);
      let end = 0;
      for (const { input, offset } of out.inputs) {
        if (kind === 'text') fill(out.data, end, offset, codeFill);
        out.data.set(input.section.data, offset);
        end = offset + input.section.size;
      }
    }
    return out;
  };

  const byKind = new Map<SectionKind, InputSection[]>();
  for (const i of inputs) {
    const list = byKind.get(i.section.kind) ?? [];
    list.push(i);
    byKind.set(i.section.kind, list);
  }

  const problems = new ProblemList();
  let flash = m.flash.origin;
  let ram = m.ram.origin;
  let dataOut: OutputSection | undefined;
  let bssOut: OutputSection | undefined;
  for (const o of OUTPUT_ORDER) {
    const members = byKind.get(o.kind);
    if (!members?.length) continue;
    const out = build(o.name, o.kind, members);
    if (o.kind === 'data' || o.kind === 'bss') {
      // Word-aligned start and end, so the startup code copies and clears whole words.
      out.align = Math.max(out.align, 4);
      if (out.size % 4) {
        out.size = alignUp(out.size, 4);
        if (o.kind === 'data') { const d = new Uint8Array(out.size); d.set(out.data); out.data = d; }
      }
    }
    if (o.region === 'flash') {
      out.addr = out.lma = alignUp(flash, out.align);
      flash = out.addr + out.size;
    } else {
      out.addr = out.lma = alignUp(ram, out.align); // .data's lma moves to flash below
      ram = out.addr + out.size;
      if (o.kind === 'data') { dataOut = out; } else { bssOut = out; }
    }
    sections.push(out);
  }
  // The .data image follows the read-only sections in flash.
  if (dataOut) {
    dataOut.lma = alignUp(flash, dataOut.align);
    flash = dataOut.lma + dataOut.size;
  }
  const flashEnd = m.flash.origin + m.flash.length;
  if (flash > flashEnd) {
    problems.add(`flash overflowed by ${flash - flashEnd} bytes: the image needs ${flash - m.flash.origin} bytes, the region at ${hex(m.flash.origin)} holds ${m.flash.length}`);
  }

  const dataStart = dataOut?.addr ?? m.ram.origin;
  const bssStart = bssOut?.addr ?? ram;
  const heapStart = alignUp(ram, 8);
  const stackTop = m.stackTop ?? m.ram.origin + m.ram.length;
  const stackBottom = stackTop - m.stackSize;
  if (heapStart > stackBottom) {
    problems.add(`RAM overflowed by ${heapStart - stackBottom} bytes: .data and .bss need ${ram - m.ram.origin} bytes and the stack ${m.stackSize}, but RAM at ${hex(m.ram.origin)} up to the stack top ${hex(stackTop)} holds ${stackTop - m.ram.origin}`);
  }
  if (stackTop > m.ram.origin + m.ram.length || stackTop <= m.ram.origin) problems.add(`the stack top ${hex(stackTop)} is outside RAM`);
  problems.throwIfAny(() => 'the program does not fit the memory layout');

  // Debug sections: not loaded, merged by name, addresses are offsets.
  const debugByName = new Map<string, InputSection[]>();
  for (const i of byKind.get('debug') ?? []) {
    const list = debugByName.get(i.section.name) ?? [];
    list.push(i);
    debugByName.set(i.section.name, list);
  }
  for (const [name, members] of debugByName) sections.push(build(name, 'debug', members));

  const symbols = new Map<string, number>([
    ['__data_load', dataOut?.lma ?? flash],
    ['__data_start', dataStart],
    ['__data_end', dataOut ? dataOut.addr + dataOut.size : dataStart],
    ['__bss_start', bssStart],
    ['__bss_end', bssOut ? bssOut.addr + bssOut.size : bssStart],
    ['__heap_start', heapStart],
    ['__heap_end', stackBottom],
    ['__stack_bottom', stackBottom],
    ['__stack_top', stackTop],
  ]);
  return { sections, placement, symbols };
}

/** Fills [from, to) with a repeating pattern aligned to the pattern size; leftovers stay zero. */
function fill(data: Uint8Array, from: number, to: number, pattern: Uint8Array): void {
  const n = pattern.length;
  for (let at = alignUp(from, n); at + n <= to; at += n) data.set(pattern, at);
}
