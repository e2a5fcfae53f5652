// The user's path, for every board × template: `orizon new` → `orizon build`
// (inside the project, no arguments) → the image in QEMU with -icount →
// the template's expected console output (tests/project/expected.ts), and
// `orizon run` inside the project for the hello template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardIds } from '../../sdk/src/boards/board.ts';
import { loadBoardWithExtra } from '../../sdk/src/project/board-map.ts';
import { orizon } from '../helpers/exec.ts';
import { runOnBoard } from '../helpers/qemu.ts';
import { matchOutput, TEMPLATES } from './expected.ts';

const dir = mkdtempSync(join(tmpdir(), 'orizon-e2e-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

for (const id of boardIds()) {
  const { board, extra } = loadBoardWithExtra(id);
  for (const t of TEMPLATES) {
    test(`orizon new → build → run: ${t} on ${id}`, async () => {
      const name = `${t}-${id}`;
      const made = orizon(['new', '--board', id, '--template', t, name], { cwd: dir });
      assert.equal(made.status, 0, made.stderr);
      const project = join(dir, name);
      const built = orizon(['build'], { cwd: project });
      assert.equal(built.status, 0, `orizon build failed:\n${built.stderr}`);
      const elf = join(project, 'target', id, 'debug', `${name}.elf`);
      assert.ok(existsSync(elf), `orizon build wrote ${elf}`);
      const r = await runOnBoard(id, elf, { icount: 3, timeoutMs: 60_000 });
      assert.equal(r.timedOut, false, `timed out; output:\n${r.output}`);
      matchOutput(r.output, t, board, extra, `${id}/${t}`);
      assert.equal(r.exitCode, 0, r.stderr);
      if (t === 'hello') {
        const run = orizon(['run', '--timeout', '60'], { cwd: project });
        assert.equal(run.status, 0, run.stderr);
        matchOutput(run.stdout, t, board, extra, `orizon run: ${id}/${t}`);
        const size = orizon(['size'], { cwd: project });
        assert.equal(size.status, 0, size.stderr);
        assert.match(size.stdout, /^flash\s+\d+ B of /m);
      }
    });
  }
}
