// Every program of the shared corpus (tests/programs/*.oriz) type-checks with
// zero diagnostics, and its monomorphization plan starts at `main`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/exec.ts';
import { check } from './helpers.ts';

const DIR = join(ROOT, 'tests/programs');
const programs = readdirSync(DIR).filter((f) => f.endsWith('.oriz')).sort();

test('the corpus is not empty', () => {
  assert.ok(programs.length > 0);
});

for (const name of programs) {
  test(`corpus: ${name} checks cleanly`, () => {
    const c = check(readFileSync(join(DIR, name), 'utf8'), `tests/programs/${name}`);
    assert.equal(c.text, '', 'no diagnostics');
    assert.ok(c.prog.main, 'has main');
    assert.equal(c.prog.mono.instances[0]?.fn, c.prog.main, 'mono plan starts at main');
    for (const inst of c.prog.mono.instances) {
      for (const a of inst.args) assert.equal(a.flags & 3, 0, `${inst.key}: concrete args`);
      assert.ok(c.prog.fns.has(inst.fn), `${inst.key}: has a body`);
    }
  });
}
