// `orizon check --explain-bounds` through the CLI: the three index cases
// (proven in range, proven out of range, checked at run time), per expression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { orizon, ROOT } from '../helpers/exec.ts';

test('check --explain-bounds lists every index expression with its case and reason', () => {
  const r = orizon(['check', 'tests/check/golden/explain-bounds.oriz', '--explain-bounds'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.stdout, readFileSync(`${ROOT}/tests/check/golden/explain-bounds.txt`, 'utf8'));
  assert.match(r.stdout, /in range, no run-time check/);
  assert.match(r.stdout, /checked at run time/);
  assert.match(r.stdout, /out of bounds, compile error/);
  // The out-of-bounds index is also a compile error: exit 1 with E0604.
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error\[E0604\]: index 8 is out of bounds for `\[u32; 8\]`/m);
});
