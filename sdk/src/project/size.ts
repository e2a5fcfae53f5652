// Flash and RAM usage of an image, per section and in total, measured against
// a board's memory regions. Pure: `measure` takes the parsed ELF and the
// regions, `renderSize` turns the result into text (the layout of
// `arm-none-eabi-size -A` followed by the totals).
//
// What counts where:
//   flash  every allocated section with contents (not NOBITS) whose *load*
//          address lies in the flash region: code, read-only data, vectors and
//          the .data image the start-up code copies to RAM;
//   RAM    every allocated section whose *run* address lies in the RAM region
//          (.data, .bss, ...), plus the stack the linker reserves between
//          `__stack_bottom` and `__stack_top` (or the board's stack size).
// On boards whose "flash" is RAM (riscv-virt) the regions are still distinct
// address ranges, so nothing is counted twice.
import type { Region } from '../boards/board.ts';
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, type ElfImage } from './elf-sections.ts';

export interface SectionUsage {
  name: string;
  size: number;
  addr: number;
  lma: number;
  /** Bytes this section takes in flash (its load image) and in RAM (at run time). */
  flash: number;
  ram: number;
  kind: 'code' | 'rodata' | 'data' | 'bss' | 'other';
}

export interface SizeReport {
  sections: SectionUsage[];
  /** Sum of the section sizes listed (like size -A's Total). */
  total: number;
  flash: { used: number; capacity: number } | null;
  ram: { used: number; capacity: number; stack: number } | null;
  /** Allocated sections that fall in neither region (e.g. a wrong board). */
  outside: string[];
}

const inRegion = (a: number, size: number, r: Region): boolean => a >= r.origin && a + size <= r.origin + r.length;

function kindOf(type: number, flags: number): SectionUsage['kind'] {
  if (!(flags & SHF_ALLOC)) return 'other';
  if (type === SHT_NOBITS) return 'bss';
  if (flags & SHF_EXECINSTR) return 'code';
  return flags & SHF_WRITE ? 'data' : 'rodata';
}

/** Usage of `img`; `memory` null gives the section list without totals. */
export function measure(img: ElfImage, memory: { flash: Region; ram: Region; stackSize: number } | null): SizeReport {
  const sections: SectionUsage[] = [];
  const outside: string[] = [];
  for (const s of img.sections) {
    if (!(s.flags & SHF_ALLOC) || s.size === 0) continue;
    const kind = kindOf(s.type, s.flags);
    let flash = 0;
    let ram = 0;
    if (memory) {
      if (kind !== 'bss' && inRegion(s.lma, s.size, memory.flash)) flash = s.size;
      if (inRegion(s.addr, s.size, memory.ram)) ram = s.size;
      if (flash === 0 && ram === 0) outside.push(s.name);
    }
    sections.push({ name: s.name, size: s.size, addr: s.addr, lma: s.lma, flash, ram, kind });
  }
  const total = sections.reduce((n, s) => n + s.size, 0);
  if (!memory) return { sections, total, flash: null, ram: null, outside };
  const bottom = img.symbols.get('__stack_bottom');
  const top = img.symbols.get('__stack_top');
  const stack = bottom !== undefined && top !== undefined && top > bottom ? top - bottom : memory.stackSize;
  return {
    sections, total, outside,
    flash: { used: sections.reduce((n, s) => n + s.flash, 0), capacity: memory.flash.length },
    ram: { used: sections.reduce((n, s) => n + s.ram, 0) + stack, capacity: memory.ram.length, stack },
  };
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
const human = (n: number): string => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : n >= 1024 && n % 1024 === 0 ? `${n / 1024} KiB` : `${n} B`);
const pct = (used: number, cap: number): string => `${((100 * used) / cap).toFixed(used === 0 || used * 1000 >= cap ? 1 : 2)}%`;

/** Text report: `title :` then the section table and, with a board, the flash/RAM totals. */
export function renderSize(title: string, r: SizeReport): string {
  const rows: string[][] = [['section', 'size', 'addr', 'load']];
  for (const s of r.sections) rows.push([s.name, String(s.size), hex(s.addr), s.lma !== s.addr ? hex(s.lma) : '']);
  rows.push(['Total', String(r.total), '', '']);
  const w = [0, 1, 2].map((k) => Math.max(...rows.map((row) => row[k]!.length)));
  let out = `${title} :\n`;
  for (const row of rows) {
    out += `${row[0]!.padEnd(w[0]!)}  ${row[1]!.padStart(w[1]!)}  ${row[2]!.padEnd(w[2]!)}${row[3] ? `  ${row[3]}` : ''}`.trimEnd() + '\n';
  }
  if (r.flash && r.ram) {
    out += '\n';
    const f = r.flash;
    const m = r.ram;
    const fw = Math.max(String(f.used).length, String(m.used).length);
    out += `flash  ${String(f.used).padStart(fw)} B of ${human(f.capacity)} (${pct(f.used, f.capacity)})\n`;
    out += `ram    ${String(m.used).padStart(fw)} B of ${human(m.capacity)} (${pct(m.used, m.capacity)}), including ${m.stack} B of stack\n`;
  }
  if (r.outside.length) out += `\nwarning: outside the board's flash and RAM: ${r.outside.join(', ')}\n`;
  return out;
}
