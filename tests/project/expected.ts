// What each template prints on each board, from the board's data. The
// interrupts template's last line carries a measurement; `matchOutput`
// checks it lies within 1% of four periods (exact under QEMU -icount).
import assert from 'node:assert/strict';
import type { Board } from '../../sdk/src/boards/board.ts';
import type { BoardExtra } from '../../sdk/src/project/board-map.ts';

export const TEMPLATES = ['hello', 'blinky', 'interrupts'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** Firings and period of templates/interrupts. */
const FIRINGS = 5;
const PERIOD_US = 10_000;

/** Expected console lines; a RegExp where the line holds a measurement. */
export function expectedLines(t: TemplateName, b: Board, x: BoardExtra): (string | RegExp)[] {
  switch (t) {
    case 'hello':
      return [`Hello from Orizon on ${b.name} (${b.id})`];
    case 'blinky': {
      const led = b.leds[0];
      if (!led) return [`${b.id} has no user LED: nothing to blink`];
      const lines: string[] = [`blinky on ${b.id}: 6 changes of ${led.name}`];
      for (let n = 1; n <= 6; n++) {
        const state = n % 2 === 1 ? 'on' : 'off';
        lines.push(b.simulator.gpioModelled ? `${led.name} ${state} (pin reads ${state})` : `${led.name} ${state} (read-back not modelled by the simulator)`);
      }
      lines.push('done');
      return lines;
    }
    case 'interrupts': {
      const lines: (string | RegExp)[] = [`interrupts on ${b.id}: ${x.tick.interrupt} every ${PERIOD_US} us`];
      for (let n = 1; n <= FIRINGS; n++) lines.push(`tick ${n}`);
      lines.push(new RegExp(`^${FIRINGS - 1} periods in (\\d+) us \\(expected ${(FIRINGS - 1) * PERIOD_US} us\\): ok$`));
      return lines;
    }
  }
}

/** Asserts that `output` is exactly the expected lines (measured values within 1%). */
export function matchOutput(output: string, t: TemplateName, b: Board, x: BoardExtra, what: string): void {
  const want = expectedLines(t, b, x);
  const got = output.replace(/\r\n/g, '\n').split('\n');
  if (got[got.length - 1] === '') got.pop();
  assert.equal(got.length, want.length, `${what}: expected ${want.length} lines, got:\n${output}`);
  want.forEach((w, i) => {
    if (typeof w === 'string') {
      assert.equal(got[i], w, `${what}: line ${i + 1}`);
      return;
    }
    const m = w.exec(got[i]!);
    assert.ok(m, `${what}: line ${i + 1} \`${got[i]}\` does not match ${w}`);
    const us = Number(m[1]);
    const expected = (FIRINGS - 1) * PERIOD_US;
    assert.ok(Math.abs(us - expected) <= expected / 100, `${what}: measured ${us} us, expected ${expected} us within 1%`);
  });
}
