// Golden diagnostics: for each tests/diagnostics/cases/<name>.oriz, `orizon check`
// must print exactly <name>.stderr (human, no colour) and <name>.json (JSON lines),
// and exit 1 exactly when an error was reported.
//   ORIZON_BLESS=1 node scripts/run-tests.mjs tests/diagnostics/golden.test.ts
// rewrites the expected files from the current output; review them in the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { orizon, ROOT } from '../helpers/exec.ts';
import { assertGolden } from '../helpers/golden.ts';

const THIS = fileURLToPath(import.meta.url);
const CASES = join(ROOT, 'tests/diagnostics/cases');
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

const cases = readdirSync(CASES).filter((f) => f.endsWith('.oriz')).sort();

test('there are golden cases', () => {
  assert.ok(cases.length > 0, `no .oriz files in ${relative(ROOT, CASES)}`);
});

for (const name of cases) {
  const src = join(CASES, name);
  const rel = relative(ROOT, src);
  const base = src.slice(0, -'.oriz'.length);

  test(`golden: ${name}`, () => {
    const human = orizon(['check', rel], { cwd: ROOT, env });
    const json = orizon(['check', rel, '--message-format', 'json'], { cwd: ROOT, env });
    assertGolden(`${base}.stderr`, human.stderr, THIS);
    assertGolden(`${base}.json`, json.stdout, THIS);

    const diags = json.stdout.trim() === '' ? [] : json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { severity: string; rendered: string });
    const errors = diags.filter((d) => d.severity === 'error').length;
    assert.equal(human.status, errors > 0 ? 1 : 0, `exit status (stderr: ${human.stderr})`);
    assert.equal(json.status, human.status, 'same exit status in both formats');
    assert.equal(human.stdout, '', 'human diagnostics go to stderr only');
    assert.equal(json.stderr, '', 'JSON mode keeps stderr empty');
    // The `rendered` field is exactly what the human format printed for that diagnostic.
    for (const d of diags) assert.ok(human.stderr.includes(d.rendered), 'rendered matches the human output');
  });
}
