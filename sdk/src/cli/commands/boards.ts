// `orizon boards [id]`: the supported boards as a table, or one board in detail.
import { loadAllBoards, loadBoard, type Board } from '../../boards/board.ts';
import { colorsFor } from '../../util/term.ts';

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;
const size = (n: number) => (n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} B`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) => r.map((c, k) => (k === r.length - 1 ? c : c.padEnd(widths[k]!))).join('  ')).join('\n') + '\n';
}

export function listBoards(opts: { json?: boolean }): number {
  const boards = loadAllBoards();
  if (opts.json) {
    process.stdout.write(JSON.stringify(boards, null, 2) + '\n');
    return 0;
  }
  const rows = [['BOARD', 'CORE', 'TARGET', 'CHIP', 'FLASH', 'RAM', 'QEMU MACHINE']];
  for (const b of boards) {
    rows.push([b.id, b.core, b.target, b.chip, size(b.memory.flash.length), size(b.memory.ram.length), b.simulator.qemuMachine]);
  }
  process.stdout.write(table(rows));
  process.stdout.write('\nDetails: orizon boards <board>\n');
  return 0;
}

export function showBoard(id: string, opts: { json?: boolean }): number {
  const b: Board = loadBoard(id);
  if (opts.json) {
    process.stdout.write(JSON.stringify(b, null, 2) + '\n');
    return 0;
  }
  const c = colorsFor(process.stdout);
  const kv = (k: string, v: string) => `  ${c.bold(k.padEnd(12))} ${v}\n`;
  let out = `${c.bold(b.name)} (${b.id})\n\n`;
  out += kv('vendor', b.vendor);
  out += kv('chip', `${b.chip}, core ${b.core}, ${b.clockHz / 1e6} MHz`);
  out += kv('target', b.target);
  out += kv('flash', `${hex(b.memory.flash.origin)} ${size(b.memory.flash.length)}`);
  out += kv('ram', `${hex(b.memory.ram.origin)} ${size(b.memory.ram.length)} (stack ${size(b.memory.stackSize)})`);
  out += kv('console', `${b.console.peripheral} (${b.console.driver} at ${hex(b.console.base)}), ${b.console.baud} baud`);
  for (const l of b.leds) out += kv('led', `${l.name}: bit ${l.bit} of ${l.driver} at ${hex(l.base)}`);
  for (const l of b.buttons) out += kv('button', `${l.name}: bit ${l.bit} of ${l.driver} at ${hex(l.base)}`);
  const irqs = Object.entries(b.interrupts).map(([n, v]) => `${n}=${v}`).join(' ');
  if (irqs) out += kv('interrupts', irqs);
  out += kv('simulator', `qemu-system-${b.arch === 'arm' ? 'arm' : 'riscv32'} -M ${b.simulator.qemuMachine}${b.simulator.gpioModelled ? '' : ' (GPIO not modelled)'}`);
  out += kv('flashing', `${b.flash.method}, ${size(b.flash.size)} at ${hex(b.flash.base)}`);
  if (b.openocd) out += kv('openocd', [b.openocd.interface && `-f ${b.openocd.interface}`, b.openocd.target && `-f ${b.openocd.target}`, ...b.openocd.commands.map((x) => `-c "${x}"`)].filter(Boolean).join(' '));
  out += kv('renode', b.renode ? b.renode.platform : 'no platform');
  out += kv('file', b.file);
  process.stdout.write(out);
  return 0;
}
