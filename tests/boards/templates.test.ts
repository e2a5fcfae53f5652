// The templates, the board crates and the HAL on simulated hardware, without
// the CLI: every template is type-checked for every board, and built and run
// in QEMU (with -icount, so time is deterministic) for every board whose back
// end exists. Each board's console driver is also exercised directly. The CLI
// path (orizon new → build → run) is tests/project/e2e.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardIds } from '../../sdk/src/boards/board.ts';
import { loadBoardWithExtra } from '../../sdk/src/project/board-map.ts';
import { substitute } from '../../sdk/src/project/scaffold.ts';
import { templatesDir } from '../../sdk/src/project/templates.ts';
import { backendFor } from '../../sdk/src/driver/backends.ts';
import { OrizonError } from '../../sdk/src/util/errors.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { buildWithCrates, checkWithCrates } from './crates.ts';
import { matchOutput, TEMPLATES } from '../project/expected.ts';

const ICOUNT = 3;

/** Why a board's programs cannot be built yet, or false. */
function backendMissing(target: Parameters<typeof backendFor>[0]): string | false {
  try {
    backendFor(target);
    return false;
  } catch (e) {
    if (e instanceof OrizonError) return `no back end for ${target} yet: ${e.message}`;
    throw e;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'orizon-templates-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function source(template: string, id: string, tickInterrupt: string): string {
  const path = join(dir, `${id}-${template}.oriz`);
  const text = readFileSync(join(templatesDir(), template, 'src', 'main.oriz'), 'utf8');
  writeFileSync(path, substitute(text, { name: template, board: id, tick_interrupt: tickInterrupt }, template));
  return path;
}

const only = process.env.ORIZON_BOARDS?.split(',');
for (const id of boardIds().filter((b) => !only || only.includes(b))) {
  const { board, extra } = loadBoardWithExtra(id);
  const missing = backendMissing(board.target);
  for (const t of TEMPLATES) {
    test(`template ${t} on ${id}`, async () => {
      const src = source(t, id, extra.tick.interrupt);
      const c = checkWithCrates(src, id);
      assert.equal(c.errors.length + c.warnings.length, 0, c.text);
      if (missing) return; // type-checked only; the run is reported skipped below
      const elf = src.replace(/\.oriz$/, '.elf');
      const b = buildWithCrates(src, board, elf);
      assert.ok(b.ok, b.text);
      const r = await runOnBoard(id, elf, { icount: ICOUNT, timeoutMs: 60_000 });
      assert.equal(r.timedOut, false, `${id}/${t} timed out; output:\n${r.output}`);
      matchOutput(r.output, t, board, extra, `${id}/${t}`);
      assert.equal(r.exitCode, 0, r.stderr);
    });
  }
  test(`the console driver of ${id} writes to the simulator's serial port`, { skip: missing }, async () => {
    const src = join(dir, `${id}-console.oriz`);
    writeFileSync(src, `import hal::serial::SerialWrite;

fn main() {
    board::init();
    let mut c = board::console();
    c.write_str("console ");
    c.write_str(board::map::CONSOLE);
    c.write_str(" ok\\n");
    c.flush();
}
`);
    const elf = src.replace(/\.oriz$/, '.elf');
    const b = buildWithCrates(src, board, elf);
    assert.ok(b.ok, b.text);
    const r = await runOnBoard(id, elf, { icount: ICOUNT });
    assert.equal(r.output, `console ${board.console.peripheral} ok\n`);
    assert.equal(r.exitCode, 0);
  });
  if (missing) test(`templates run on ${id}`, { skip: missing }, () => {});
}
