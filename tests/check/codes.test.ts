// Each semantic error/warning code's `orizon explain` examples do what they say:
// the wrong program reports that code, the fixed one has no errors and not that code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_CODES } from '../../sdk/src/diag/codes/check.ts';
import { check } from './helpers.ts';

for (const c of CHECK_CODES) {
  test(`${c.code} (${c.title}): examples`, () => {
    const wrong = check(c.wrong);
    assert.ok(wrong.codes.includes(c.code), `wrong example should report ${c.code}, got:\n${wrong.text}`);
    const fixed = check(c.fixed);
    assert.equal(fixed.errors.length, 0, `fixed example has errors:\n${fixed.text}`);
    assert.ok(!fixed.codes.includes(c.code), `fixed example still reports ${c.code}`);
  });
}
