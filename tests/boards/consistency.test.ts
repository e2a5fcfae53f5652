// The Orizon side of each board agrees with its board file: the constants of
// bsp/<board>/board/map.oriz (read back here with a parser independent of the
// generator) equal the TOML's values, and the hand-written board crate uses
// the interrupt, timers and LED the board file names for the tick and the
// user LED. Also: no bare hexadecimal numbers in driver code (addresses and
// masks are named constants), and the interrupt-name table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { boardIds, bspDir, loadBoard } from '../../sdk/src/boards/board.ts';
import { boardMapPath, loadBoardWithExtra } from '../../sdk/src/project/board-map.ts';
import { findInterrupt, interruptTable, unknownInterrupt, vectorIndex } from '../../sdk/src/project/interrupts.ts';
import { ROOT } from '../helpers/exec.ts';

type Value = number | string | boolean;

/** `pub const NAME: T = VALUE;` of a map file, by `module::NAME` (top level: `NAME`). */
function readConsts(text: string): Map<string, Value> {
  const out = new Map<string, Value>();
  let mod = '';
  for (const line of text.split('\n')) {
    const open = /^pub mod (\w+) \{$/.exec(line);
    if (open) { mod = open[1]!; continue; }
    if (line === '}') { mod = ''; continue; }
    const m = /^\s*pub const (\w+): [^=]+ = (.+);$/.exec(line);
    if (!m) continue;
    const raw = m[2]!;
    const v: Value = raw.startsWith('"') ? JSON.parse(raw) as string : raw === 'true' || raw === 'false' ? raw === 'true' : Number(raw.replace(/_/g, ''));
    out.set(mod ? `${mod}::${m[1]}` : m[1]!, v);
  }
  return out;
}

for (const id of boardIds()) {
  test(`the constants of bsp/${id}/board/map.oriz match board.toml`, () => {
    const { board: b, extra: x } = loadBoardWithExtra(id);
    const c = readConsts(readFileSync(boardMapPath(id), 'utf8'));
    const want: [string, Value][] = [
      ['ID', b.id], ['NAME', b.name], ['CLOCK_HZ', b.clockHz],
      ['FLASH_ORIGIN', b.memory.flash.origin], ['FLASH_LENGTH', b.memory.flash.length],
      ['RAM_ORIGIN', b.memory.ram.origin], ['RAM_LENGTH', b.memory.ram.length], ['STACK_SIZE', b.memory.stackSize],
      ['CONSOLE', b.console.peripheral], ['CONSOLE_BASE', b.console.base], ['CONSOLE_BAUD', b.console.baud],
      ['SIM_GPIO_MODELLED', b.simulator.gpioModelled],
      ['leds::COUNT', b.leds.length], ['buttons::COUNT', b.buttons.length],
      ['tick::INTERRUPT', x.tick.interrupt], ['tick::TIMER_HZ', x.tick.timerHz], ['tick::CLOCK_HZ', x.tick.clockHz],
    ];
    b.leds.forEach((l, i) => want.push([`leds::${l.name}_BASE`, l.base], [`leds::${l.name}_BIT`, l.bit], [`leds::${l.name}_ACTIVE_LOW`, x.ledActiveLow[i]!]));
    b.buttons.forEach((l, i) => want.push([`buttons::${l.name}_BASE`, l.base], [`buttons::${l.name}_BIT`, l.bit], [`buttons::${l.name}_ACTIVE_LOW`, x.buttonActiveLow[i]!]));
    for (const [k, v] of Object.entries(b.timers)) want.push([`timers::${k}`, v]);
    for (const [k, v] of Object.entries(b.interrupts)) want.push([`irq::${k}`, v]);
    for (const [k, v] of Object.entries(x.peripherals)) want.push([`peripherals::${k}`, v]);
    for (const [k, v] of want) assert.equal(c.get(k), v, `${id}: ${k}`);
    const irqs = [...c.keys()].filter((k) => k.startsWith('irq::'));
    assert.equal(irqs.length, Object.keys(b.interrupts).length, `${id}: no interrupt numbers beyond the board file's`);
  });

  test(`the board crate of ${id} drives what board.toml names`, () => {
    const { board: b, extra: x } = loadBoardWithExtra(id);
    const lib = readFileSync(join(bspDir(), id, 'board', 'lib.oriz'), 'utf8');
    const fnBody = (name: string): string => {
      const m = new RegExp(`pub fn ${name}\\(\\)[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(lib);
      assert.ok(m, `${id}: board::${name} exists`);
      return m[1]!;
    };
    for (const f of ['init', 'console', 'user_led', 'user_button', 'ticker', 'enable_tick_interrupt', 'clock', 'delay']) fnBody(f);
    assert.match(lib, /#\[no_mangle\]\npub extern "C" fn __orizon_console_write\(bytes: \*const u8, len: usize\)/);
    // The tick interrupt: a device interrupt is enabled in the NVIC by its map number.
    const enable = fnBody('enable_tick_interrupt');
    const isDevice = x.tick.interrupt in b.interrupts;
    if (b.arch === 'arm' && isDevice) assert.match(enable, new RegExp(`nvic::enable\\(map::irq::${x.tick.interrupt}\\)`), `${id}: enables ${x.tick.interrupt}`);
    else assert.doesNotMatch(enable, /nvic::enable/);
    // The timers.
    for (const [f, name] of [['ticker', x.tick.timer], ['clock', x.tick.clock]] as const) {
      const body = fnBody(f);
      if (name === 'SysTick') assert.match(body, /SysTick::new\(map::tick::(TIMER|CLOCK)_HZ\)/, `${id}: ${f} is SysTick`);
      else assert.match(body, new RegExp(`map::timers::${name}\\b`), `${id}: ${f} uses ${name}`);
    }
    // The user LED is the board file's first LED (or none).
    const first = b.leds[0];
    if (first) {
      assert.match(lib, new RegExp(`pub const USER_LED: &str = map::leds::${first.name}_NAME;`));
      assert.match(fnBody('user_led'), new RegExp(`map::leds::${first.name}_BASE, map::leds::${first.name}_BIT`));
    } else {
      assert.match(fnBody('user_led'), /^\s*None\s*$/);
    }
  });
}

test('the two MPS2 boards share one board crate', () => {
  assert.equal(readFileSync(join(bspDir(), 'mps2-an386', 'board', 'lib.oriz'), 'utf8'), readFileSync(join(bspDir(), 'mps2-an385', 'board', 'lib.oriz'), 'utf8'));
});

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.oriz')) out.push(p);
  }
  return out;
}

test('HAL drivers and board crates name their numbers: hexadecimal literals only in constants', () => {
  const files = [...sources(join(ROOT, 'hal')), ...boardIds().map((id) => join(bspDir(), id, 'board', 'lib.oriz'))];
  const bad: string[] = [];
  for (const f of files) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (/\b0x[0-9A-Fa-f_]+/.test(code) && !/^\s*(pub )?(const|static)\b/.test(code)) bad.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(bad, []);
});

test('interrupt names: core exceptions by architecture, device interrupts from the board file', () => {
  const mps2 = loadBoard('mps2-an385');
  const t = interruptTable(mps2);
  assert.deepEqual(t.slice(0, 3).map((s) => s.name), ['NMI', 'HardFault', 'MemManage']);
  assert.equal(vectorIndex(findInterrupt(mps2, 'SysTick')!), 15);
  assert.equal(vectorIndex(findInterrupt(mps2, 'TIMER0')!), 16 + 8);
  const mb = loadBoard('microbit');
  assert.equal(findInterrupt(mb, 'MemManage'), undefined, 'ARMv6-M has no MemManage');
  assert.deepEqual(findInterrupt(loadBoard('hifive1'), 'MachineTimer'), { kind: 'core', name: 'MachineTimer', number: 7 });
  const u = unknownInterrupt(mps2, 'TIMER3');
  assert.equal(u.message, 'unknown interrupt `TIMER3` for board `mps2-an385`; did you mean `TIMER0`?');
  assert.match(u.help, /^the interrupts of mps2-an385 are: NMI, HardFault, .*SysTick, UARTRX0, .*ETHERNET$/);
});
