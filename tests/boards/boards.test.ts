import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bspDir, loadAllBoards, parseBoard } from '../../sdk/src/boards/board.ts';
import { OrizonError } from '../../sdk/src/util/errors.ts';
import { orizon } from '../helpers/exec.ts';

const IDS = ['hifive1', 'lm3s6965evb', 'microbit', 'mps2-an385', 'mps2-an386', 'netduinoplus2', 'riscv-virt'];

test('every board file loads and is consistent', () => {
  const boards = loadAllBoards();
  assert.deepEqual(boards.map((b) => b.id), IDS);
  for (const b of boards) {
    assert.ok(b.memory.stackSize < b.memory.ram.length, b.id);
    assert.ok(Object.keys(b.interrupts).length > 0, `${b.id} has interrupts`);
    assert.equal(b.arch, b.target.startsWith('thumb') ? 'arm' : 'riscv32');
  }
  const an385 = boards.find((b) => b.id === 'mps2-an385')!;
  assert.equal(an385.console.base, 0x40004000);
  assert.equal(an385.interrupts.TIMER0, 8);
});

const GOOD = readFileSync(join(bspDir(), 'mps2-an385', 'board.toml'), 'utf8');

function problem(text: string): string {
  try {
    parseBoard(text, 'bsp/x/board.toml');
  } catch (e) {
    assert.ok(e instanceof OrizonError);
    return e.message;
  }
  assert.fail('expected an error');
}

test('malformed board files name the file, the key and the problem', () => {
  assert.equal(problem(GOOD.replace('target = "thumbv7m"', 'target = "thumbv9"')),
    'bsp/x/board.toml: `target`: unknown target `thumbv9`; expected one of thumbv6m, thumbv7m, thumbv7em, rv32imac, rv32imc, rv32i');
  assert.equal(problem(GOOD.replace('base = 0x4000_4000', 'base = "0x40004000"')),
    'bsp/x/board.toml: `console.base`: expected an integer from 0 to 0xFFFF_FFFF, found string "0x40004000"');
  assert.equal(problem(GOOD.replace('ram = { origin = 0x2000_0000, length = 0x40_0000 }', 'ram = { origin = 0x2000_0000 }')),
    'bsp/x/board.toml: `memory.ram.length`: missing integer');
  assert.equal(problem(GOOD.replace('bit = 1\n', 'bit = 40\n')),
    'bsp/x/board.toml: `leds[1].bit`: pin bit 40 is out of range 0..31');
  assert.equal(problem(GOOD.replace('TIMER0 = 8', 'TIMER0 = "eight"')),
    'bsp/x/board.toml: `interrupts.TIMER0`: expected a non-negative integer, found string "eight"');
  assert.match(problem(GOOD.replace('[memory]', '[memory')), /^bsp\/x\/board\.toml:\d+:\d+: invalid TOML: /);
});

test('orizon boards lists and shows boards; an unknown id is a usage error', () => {
  const list = orizon(['boards']);
  assert.equal(list.status, 0);
  for (const id of IDS) assert.match(list.stdout, new RegExp(`^${id}\\s`, 'm'));
  const one = orizon(['boards', 'microbit']);
  assert.equal(one.status, 0);
  assert.match(one.stdout, /nRF51822, core cortex-m0, 16 MHz/);
  assert.match(one.stdout, /UART0 \(nrf51-uart at 0x40002000\)/);
  const bad = orizon(['boards', 'microbitt']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^error: unknown board `microbitt`; did you mean `microbit`\?$/m);
  const json = JSON.parse(orizon(['boards', '--json']).stdout) as { id: string }[];
  assert.deepEqual(json.map((b) => b.id), IDS);
});
