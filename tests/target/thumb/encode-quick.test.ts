// Quick encoder checks against the inline table in quick-table.ts: no
// external tools, runs in milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../../sdk/src/target/thumb/assemble.ts';
import { halfwords, profileOf, QUICK } from './quick-table.ts';

test('quick encoder table', () => {
  const bad: string[] = [];
  for (const [p, asm, want] of QUICK) {
    const r = assemble(asm, { profile: profileOf(p) });
    const text = r.object.sections.find((s) => s.name === '.text')!;
    const got = r.errors.length > 0 ? `error: ${r.errors[0]!.message}` : halfwords(text.bytes);
    if (got !== want) bad.push(`${p} '${asm}': want ${want}, got ${got}`);
  }
  assert.deepEqual(bad, []);
});
