// Each board crate's data module (bsp/<board>/board/map.oriz) is generated from
// its board.toml; this test regenerates every one and compares. With
// ORIZON_BLESS=1 it rewrites them instead (review the diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { boardIds } from '../../sdk/src/boards/board.ts';
import { boardMapPath, loadBoardWithExtra, renderBoardMap } from '../../sdk/src/project/board-map.ts';

const BLESS = process.env.ORIZON_BLESS === '1';

for (const id of boardIds()) {
  test(`bsp/${id}/board/map.oriz is generated from board.toml`, () => {
    const { board, extra } = loadBoardWithExtra(id);
    const want = renderBoardMap(board, extra);
    const path = boardMapPath(id);
    if (BLESS) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, want);
      return;
    }
    assert.ok(existsSync(path), `${path} is missing: run ORIZON_BLESS=1 node scripts/run-tests.mjs tests/boards`);
    assert.equal(readFileSync(path, 'utf8'), want, `${path} is stale: run ORIZON_BLESS=1 node scripts/run-tests.mjs tests/boards`);
  });
}
