// The golden files of the semantic diagnostics cases (check-*.oriz) hold what
// the checker reports, rendered as `orizon check` renders it. The golden
// harness (tests/diagnostics/golden.test.ts) compares them with the CLI's
// output; this test pins them to the checker, so a re-bless with a CLI that
// does not run the checker is caught. Re-bless: node --import tsx tests/check/cases.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/exec.ts';
import { CASES_DIR, expectedOutput, semanticCases } from './cases.ts';

for (const name of semanticCases()) {
  test(`semantic case ${name}: golden files match the checker`, () => {
    const base = join(ROOT, CASES_DIR, name.slice(0, -'.oriz'.length));
    const out = expectedOutput(name);
    assert.equal(readFileSync(`${base}.stderr`, 'utf8'), out.stderr, `${name}.stderr is stale: run \`node --import tsx tests/check/cases.ts\``);
    assert.equal(readFileSync(`${base}.json`, 'utf8'), out.json, `${name}.json is stale`);
  });
}
