// Golden rendering of every semantic error and warning: each code's `wrong`
// example from the code table, checked and rendered in the human format and in
// JSON lines, in one file per format (tests/check/golden/codes.{txt,jsonl}).
//   ORIZON_BLESS=1 node scripts/run-tests.mjs tests/check/codes-golden.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_CODES } from '../../sdk/src/diag/codes/check.ts';
import { renderDiagnostics } from '../../sdk/src/diag/render.ts';
import { renderJsonLines } from '../../sdk/src/diag/json.ts';
import { ROOT } from '../helpers/exec.ts';
import { assertGolden } from '../helpers/golden.ts';
import { check } from './helpers.ts';

const THIS = fileURLToPath(import.meta.url);

test('every semantic code renders with its span, labels and help (plain and JSON)', () => {
  let plain = '';
  let json = '';
  for (const c of CHECK_CODES) {
    const r = check(c.wrong, `${c.code.toLowerCase()}.oriz`);
    const mine = r.diags.filter((d) => d.code === c.code);
    assert.ok(mine.length > 0, `${c.code}: no diagnostic`);
    plain += `==== ${c.code}: ${c.title}\n${renderDiagnostics(mine, r.sources, { color: false })}\n`;
    json += renderJsonLines(mine, r.sources);
  }
  assertGolden(join(ROOT, 'tests/check/golden/codes.txt'), plain, THIS);
  assertGolden(join(ROOT, 'tests/check/golden/codes.jsonl'), json, THIS);
});
