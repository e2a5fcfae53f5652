// Generates each board crate's data module, `bsp/<board>/board/map.oriz`,
// from `bsp/<board>/board.toml`: identity, memory map, console, LED and
// button pins, timers, interrupt numbers and the tick. The hand-written
// `board/lib.oriz` picks drivers and uses only these names, so a board's
// numbers live in one place (the TOML) and the Orizon side cannot drift:
// tests/boards/map.test.ts regenerates every map and compares it with the
// checked-in file (`ORIZON_BLESS=1` rewrites them).
//
// The board file keys read here beyond the loader's (sdk/src/boards/board.ts)
// are validated here with the same `file: key: problem` messages:
//   leds[i].active_low, buttons[i].active_low   optional booleans
//   console.tx_pin, console.rx_pin               optional pin numbers 0..31
//   [peripherals]                                optional name → base address
//   [tick]                                       interrupt, timer, timer_hz, clock, clock_hz
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { bspDir, loadBoard, type Board } from '../boards/board.ts';
import { OrizonError } from '../util/errors.ts';
import { coreNames } from './interrupts.ts';

export interface Tick {
  /** The `#[interrupt]` name of the periodic interrupt. */
  interrupt: string;
  /** The [timers] entry (or core timer) that raises it. */
  timer: string;
  timerHz: number;
  /** The free-running reference counter. */
  clock: string;
  clockHz: number;
}

export interface BoardExtra {
  ledActiveLow: boolean[];
  buttonActiveLow: boolean[];
  txPin?: number;
  rxPin?: number;
  peripherals: Record<string, number>;
  tick: Tick;
}

type Table = Record<string, unknown>;
const HINT = 'see docs/porting.md for the board file format';
/** Core timers that need no [timers] entry. */
const CORE_TIMERS: Record<string, string[]> = { arm: ['SysTick'], riscv32: [] };

function fail(file: string, key: string, problem: string): never {
  throw new OrizonError(`${file}: \`${key}\`: ${problem}`, HINT);
}

function tableAt(doc: Table, key: string): Table | undefined {
  const v = doc[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Table) : undefined;
}

/** Reads and checks the extra keys of a board file (the loader has already checked the rest). */
export function parseBoardExtra(text: string, board: Board): BoardExtra {
  const file = board.file;
  const doc = parse(text) as Table;
  const flags = (k: 'leds' | 'buttons'): boolean[] => {
    const arr = (doc[k] as Table[] | undefined) ?? [];
    return arr.map((p, i) => {
      const v = p.active_low;
      if (v !== undefined && typeof v !== 'boolean') fail(file, `${k}[${i}].active_low`, `expected true or false, found ${JSON.stringify(v)}`);
      return v === true;
    });
  };
  const con = tableAt(doc, 'console')!;
  const pin = (k: string): number | undefined => {
    const v = con[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 31) fail(file, `console.${k}`, `expected a pin number from 0 to 31, found ${JSON.stringify(v)}`);
    return v;
  };
  const peripherals: Record<string, number> = {};
  const per = doc.peripherals;
  if (per !== undefined) {
    if (!tableAt(doc, 'peripherals')) fail(file, 'peripherals', 'expected a table of base addresses');
    for (const [k, v] of Object.entries(per as Table)) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff_ffff) fail(file, `peripherals.${k}`, `expected an address from 0 to 0xFFFF_FFFF, found ${JSON.stringify(v)}`);
      peripherals[k] = v;
    }
  }
  const t = tableAt(doc, 'tick');
  if (!t) fail(file, 'tick', 'missing table [tick] (the periodic interrupt and reference clock the templates use)');
  const str = (k: string): string => {
    const v = t[k];
    if (typeof v !== 'string') fail(file, `tick.${k}`, v === undefined ? 'missing string' : `expected a string, found ${JSON.stringify(v)}`);
    return v;
  };
  const hz = (k: string): number => {
    const v = t[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > 0xffff_ffff) fail(file, `tick.${k}`, v === undefined ? 'missing integer' : `expected a frequency in Hz from 1 to 0xFFFF_FFFF, found ${JSON.stringify(v)}`);
    return v;
  };
  const tick: Tick = { interrupt: str('interrupt'), timer: str('timer'), timerHz: hz('timer_hz'), clock: str('clock'), clockHz: hz('clock_hz') };
  const irqNames = [...coreNames(board.arch), ...Object.keys(board.interrupts)];
  if (!irqNames.includes(tick.interrupt)) fail(file, 'tick.interrupt', `\`${tick.interrupt}\` is neither a core exception nor in [interrupts]; expected one of ${irqNames.join(', ')}`);
  const timerNames = [...CORE_TIMERS[board.arch]!, ...Object.keys(board.timers)];
  for (const k of ['timer', 'clock'] as const) {
    if (!timerNames.includes(tick[k])) fail(file, `tick.${k}`, `\`${tick[k]}\` is not in [timers]; expected one of ${timerNames.join(', ')}`);
  }
  return { ledActiveLow: flags('leds'), buttonActiveLow: flags('buttons'), txPin: pin('tx_pin'), rxPin: pin('rx_pin'), peripherals, tick };
}

/** `0x4000_4000`: hexadecimal, eight digits, grouped by four. */
export function hex32(n: number): string {
  const h = n.toString(16).toUpperCase().padStart(8, '0');
  return `0x${h.slice(0, 4)}_${h.slice(4)}`;
}

/** `25_000_000`: decimal grouped by thousands. */
export function dec(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

const IDENT = /^[A-Z][A-Z0-9_]*$/;

function constName(file: string, key: string, name: string): string {
  if (!IDENT.test(name)) fail(file, key, `\`${name}\` cannot name an Orizon constant; use upper-case letters, digits and \`_\`, starting with a letter`);
  return name;
}

const str = (s: string): string => JSON.stringify(s);

/** The text of `bsp/<board>/board/map.oriz`. */
export function renderBoardMap(b: Board, x: BoardExtra): string {
  const L: string[] = [];
  const src = `bsp/${b.id}/board.toml`;
  L.push(`//! Board data of \`${b.id}\`, generated from ${src}.`);
  L.push('//! Do not edit: change the board file and regenerate (see docs/porting.md).');
  L.push('');
  L.push(`/// The board id (\`orizon boards ${b.id}\`).`);
  L.push(`pub const ID: &str = ${str(b.id)};`);
  L.push(`pub const NAME: &str = ${str(b.name)};`);
  L.push(`pub const CHIP: &str = ${str(b.chip)};`);
  L.push(`pub const CORE: &str = ${str(b.core)};`);
  L.push('/// The core clock, in Hz.');
  L.push(`pub const CLOCK_HZ: u32 = ${dec(b.clockHz)};`);
  L.push('');
  L.push('/// Memory regions.');
  L.push(`pub const FLASH_ORIGIN: usize = ${hex32(b.memory.flash.origin)};`);
  L.push(`pub const FLASH_LENGTH: usize = ${hex32(b.memory.flash.length)};`);
  L.push(`pub const RAM_ORIGIN: usize = ${hex32(b.memory.ram.origin)};`);
  L.push(`pub const RAM_LENGTH: usize = ${hex32(b.memory.ram.length)};`);
  L.push(`pub const STACK_SIZE: usize = ${hex32(b.memory.stackSize)};`);
  L.push('');
  L.push(`/// The console: ${b.console.peripheral} (${b.console.driver}).`);
  L.push(`pub const CONSOLE: &str = ${str(b.console.peripheral)};`);
  L.push(`pub const CONSOLE_BASE: usize = ${hex32(b.console.base)};`);
  L.push(`pub const CONSOLE_BAUD: u32 = ${dec(b.console.baud)};`);
  if (x.txPin !== undefined) L.push(`pub const CONSOLE_TX_PIN: u32 = ${x.txPin};`);
  if (x.rxPin !== undefined) L.push(`pub const CONSOLE_RX_PIN: u32 = ${x.rxPin};`);
  L.push('');
  L.push('/// True when QEMU models this board\'s GPIO/LED registers (a read-back returns what was written).');
  L.push(`pub const SIM_GPIO_MODELLED: bool = ${b.simulator.gpioModelled};`);
  const pins = (mod: 'leds' | 'buttons', list: Board['leds'], low: boolean[], what: string): void => {
    L.push('');
    L.push(`/// ${what}: the register block (or register) and bit of each, and whether it is active low.`);
    L.push(`pub mod ${mod} {`);
    L.push(`    pub const COUNT: usize = ${list.length};`);
    list.forEach((p, i) => {
      const n = constName(b.file, `${mod}[${i}].name`, p.name);
      L.push(`    /// ${p.name} (${p.driver}).`);
      L.push(`    pub const ${n}_NAME: &str = ${str(p.name)};`);
      L.push(`    pub const ${n}_BASE: usize = ${hex32(p.base)};`);
      L.push(`    pub const ${n}_BIT: u32 = ${p.bit};`);
      L.push(`    pub const ${n}_ACTIVE_LOW: bool = ${low[i] ?? false};`);
    });
    L.push('}');
  };
  pins('leds', b.leds, x.ledActiveLow, 'User LEDs');
  pins('buttons', b.buttons, x.buttonActiveLow, 'User buttons');
  const table = (mod: string, doc: string, entries: [string, number][], key: string, render: (n: number) => string, ty: string): void => {
    L.push('');
    L.push(`/// ${doc}`);
    L.push(`pub mod ${mod} {`);
    for (const [k, v] of entries) L.push(`    pub const ${constName(b.file, `${key}.${k}`, k)}: ${ty} = ${render(v)};`);
    L.push('}');
  };
  table('peripherals', 'Base addresses of other blocks the board support package configures.', Object.entries(x.peripherals), 'peripherals', hex32, 'usize');
  table('timers', 'Base addresses of the timers.', Object.entries(b.timers), 'timers', hex32, 'usize');
  table('irq', b.arch === 'arm' ? 'Interrupt numbers: NVIC IRQ n is vector 16 + n.' : 'Interrupt numbers: PLIC sources.',
    Object.entries(b.interrupts).sort((p, q) => p[1] - q[1]), 'interrupts', String, 'u32');
  L.push('');
  L.push('/// The tick: the periodic interrupt the templates use and the free-running reference clock.');
  L.push('pub mod tick {');
  L.push(`    /// The \`#[interrupt]\` name of the periodic interrupt, raised by ${x.tick.timer}.`);
  L.push(`    pub const INTERRUPT: &str = ${str(x.tick.interrupt)};`);
  L.push(`    pub const TIMER: &str = ${str(x.tick.timer)};`);
  L.push(`    pub const TIMER_HZ: u32 = ${dec(x.tick.timerHz)};`);
  L.push(`    pub const CLOCK: &str = ${str(x.tick.clock)};`);
  L.push(`    pub const CLOCK_HZ: u32 = ${dec(x.tick.clockHz)};`);
  L.push('}');
  return L.join('\n') + '\n';
}

/** Loads board `id` and its extra keys from bsp/. */
export function loadBoardWithExtra(id: string, dir = bspDir()): { board: Board; extra: BoardExtra } {
  const board = loadBoard(id, dir);
  const text = readFileSync(join(dir, id, 'board.toml'), 'utf8');
  return { board, extra: parseBoardExtra(text, board) };
}

/** Path of a board's generated map. */
export function boardMapPath(id: string, dir = bspDir()): string {
  return join(dir, id, 'board', 'map.oriz');
}
