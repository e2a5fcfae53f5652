// Board descriptions: bsp/<board>/board.toml, parsed with smol-toml and checked
// field by field, so a malformed file gets an error naming the file, the key and
// the problem. Everything board-specific (memory map, console, pins, interrupt
// numbers, simulator, flashing) comes from these files.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { OrizonError } from '../util/errors.ts';
import { closest } from '../util/closest.ts';
import { sdkRoot } from '../toolchain/discover.ts';

export type TargetName = 'thumbv6m' | 'thumbv7m' | 'thumbv7em' | 'rv32imac' | 'rv32imc' | 'rv32i';
export const TARGETS: readonly TargetName[] = ['thumbv6m', 'thumbv7m', 'thumbv7em', 'rv32imac', 'rv32imc', 'rv32i'];
export type Arch = 'arm' | 'riscv32';

export function archOf(t: TargetName): Arch {
  return t.startsWith('thumb') ? 'arm' : 'riscv32';
}

export interface Region { origin: number; length: number }
export interface Pin { name: string; driver: string; base: number; bit: number }

export interface Board {
  id: string;
  name: string;
  vendor: string;
  chip: string;
  core: string;
  target: TargetName;
  arch: Arch;
  clockHz: number;
  memory: { flash: Region; ram: Region; stackSize: number };
  console: { peripheral: string; driver: string; base: number; baud: number };
  leds: Pin[];
  buttons: Pin[];
  timers: Record<string, number>;
  /** Interrupt name → number (NVIC IRQ on ARM, PLIC source on RISC-V). */
  interrupts: Record<string, number>;
  simulator: { qemuMachine: string; qemuCpu?: string; semihosting: boolean; bios?: string; gpioModelled: boolean };
  flash: { base: number; size: number; method: string };
  openocd?: { interface?: string; target?: string; commands: string[] };
  renode?: { platform: string };
  /** The board file, for messages. */
  file: string;
}

type Table = Record<string, unknown>;

/**
 * Reads typed fields out of one table of a parsed TOML document, reporting
 * `file: `full.key`: problem`. `path` is the table's own key (empty at the top).
 */
class Scope {
  constructor(readonly file: string, readonly t: Table, readonly path: string) {}

  key(k: string): string {
    return this.path ? `${this.path}.${k}` : k;
  }

  fail(k: string, problem: string): never {
    throw new OrizonError(`${this.file}: \`${this.key(k)}\`: ${problem}`, 'see docs/porting.md for the board file format');
  }

  table(k: string): Scope;
  table(k: string, optional: true): Scope | undefined;
  table(k: string, optional = false): Scope | undefined {
    const v = get(this.t, k);
    if (v === undefined) { if (optional) return undefined; this.fail(k, 'missing table'); }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(k, `expected a table, found ${describe(v)}`);
    return new Scope(this.file, v as Table, this.key(k));
  }

  str(k: string): string;
  str(k: string, optional: true): string | undefined;
  str(k: string, optional = false): string | undefined {
    const v = get(this.t, k);
    if (v === undefined) { if (optional) return undefined; this.fail(k, 'missing string'); }
    if (typeof v !== 'string') this.fail(k, `expected a string, found ${describe(v)}`);
    return v;
  }

  int(k: string): number {
    const v = get(this.t, k);
    if (v === undefined) this.fail(k, 'missing integer');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff_ffff) this.fail(k, `expected an integer from 0 to 0xFFFF_FFFF, found ${describe(v)}`);
    return v;
  }

  bool(k: string, dflt: boolean): boolean {
    const v = get(this.t, k);
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') this.fail(k, `expected true or false, found ${describe(v)}`);
    return v;
  }

  region(k: string): Region {
    const r = this.table(k);
    const reg = { origin: r.int('origin'), length: r.int('length') };
    if (reg.length === 0) r.fail('length', 'must not be zero');
    if (reg.origin + reg.length > 0x1_0000_0000) this.fail(k, 'region extends past the 4 GiB address space');
    return reg;
  }

  intMap(k: string): Record<string, number> {
    const m = this.table(k, true);
    const out: Record<string, number> = {};
    if (!m) return out;
    for (const [name, v] of Object.entries(m.t)) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) m.fail(name, `expected a non-negative integer, found ${describe(v)}`);
      out[name] = v as number;
    }
    return out;
  }

  pins(k: string): Pin[] {
    const v = get(this.t, k);
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(k, `expected an array of tables ([[${k}]]), found ${describe(v)}`);
    return v.map((p, i) => {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) this.fail(`${k}[${i}]`, `expected a table, found ${describe(p)}`);
      const ps = new Scope(this.file, p as Table, this.key(`${k}[${i}]`));
      const bit = ps.int('bit');
      if (bit > 31) ps.fail('bit', `pin bit ${bit} is out of range 0..31`);
      return { name: ps.str('name'), driver: ps.str('driver'), base: ps.int('base'), bit };
    });
  }
}

function get(t: Table, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(t, key) ? t[key] : undefined;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'object') return 'a table';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function parseBoard(text: string, file: string): Board {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      throw new OrizonError(`${file}:${e.line}:${e.column}: invalid TOML: ${first}`, 'fix the syntax of the board file (https://toml.io)');
    }
    throw e;
  }
  const r = new Scope(file, doc, '');
  const target = r.str('target') as TargetName;
  if (!TARGETS.includes(target)) r.fail('target', `unknown target \`${target}\`; expected one of ${TARGETS.join(', ')}`);
  const mem = r.table('memory');
  const con = r.table('console');
  const sim = r.table('simulator');
  const fl = r.table('flash');
  const oc = r.table('openocd', true);
  const rn = r.table('renode', true);
  let commands: string[] = [];
  const c = oc ? get(oc.t, 'commands') : undefined;
  if (oc && c !== undefined) {
    if (!Array.isArray(c) || c.some((x) => typeof x !== 'string')) oc.fail('commands', 'expected an array of strings');
    commands = c as string[];
  }
  const board: Board = {
    id: r.str('id'),
    name: r.str('name'),
    vendor: r.str('vendor'),
    chip: r.str('chip'),
    core: r.str('core'),
    target,
    arch: archOf(target),
    clockHz: r.int('clock_hz'),
    memory: { flash: mem.region('flash'), ram: mem.region('ram'), stackSize: mem.int('stack_size') },
    console: { peripheral: con.str('peripheral'), driver: con.str('driver'), base: con.int('base'), baud: con.int('baud') },
    leds: r.pins('leds'),
    buttons: r.pins('buttons'),
    timers: r.intMap('timers'),
    interrupts: r.intMap('interrupts'),
    simulator: {
      qemuMachine: sim.str('qemu_machine'),
      qemuCpu: sim.str('qemu_cpu', true),
      semihosting: sim.bool('semihosting', true),
      bios: sim.str('bios', true),
      gpioModelled: sim.bool('gpio_modelled', true),
    },
    flash: { base: fl.int('base'), size: fl.int('size'), method: fl.str('method') },
    openocd: oc ? { interface: oc.str('interface', true), target: oc.str('target', true), commands } : undefined,
    renode: rn ? { platform: rn.str('platform') } : undefined,
    file,
  };
  if (board.memory.stackSize >= board.memory.ram.length) mem.fail('stack_size', `the stack (${board.memory.stackSize} bytes) does not fit in RAM (${board.memory.ram.length} bytes)`);
  return board;
}

/** The folder holding board folders: the SDK's bsp/. */
export function bspDir(): string {
  return join(sdkRoot(), 'bsp');
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}

export function boardIds(dir = bspDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'board.toml')))
    .map((e) => e.name)
    .sort();
}

export function loadBoard(id: string, dir = bspDir()): Board {
  const ids = boardIds(dir);
  if (!ids.includes(id)) {
    const guess = closest(id, ids);
    throw new OrizonError(`unknown board \`${id}\`${guess ? `; did you mean \`${guess}\`?` : ''}`, `the boards are: ${ids.join(', ')} (\`orizon boards\` lists them)`, 2);
  }
  const file = join(dir, id, 'board.toml');
  const board = parseBoard(readFileSync(file, 'utf8'), displayPath(file));
  if (board.id !== id) throw new OrizonError(`${displayPath(file)}: \`id\`: the board id \`${board.id}\` does not match its folder name \`${id}\``, 'rename the folder or fix the id');
  return board;
}

export function loadAllBoards(dir = bspDir()): Board[] {
  return boardIds(dir).map((id) => loadBoard(id, dir));
}

export const DEFAULT_BOARD = 'mps2-an385';
