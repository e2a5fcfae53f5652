// The checker never throws on broken input: seeded token mutations of the
// corpus (the parser's fuzz cases, tests/gen/fuzz.ts) are parsed and checked;
// every diagnostic span must lie inside its file. Generated valid programs
// (tests/gen) check with zero diagnostics.
//   ORIZON_CHECK_FUZZ=5000 node scripts/run-tests.mjs tests/check/robustness.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInputs, makeCase } from '../gen/fuzz.ts';
import { generateProgram } from '../gen/generate.ts';
import { emitProgram } from '../gen/emit.ts';
import { check } from './helpers.ts';

const CASES = Number(process.env.ORIZON_CHECK_FUZZ ?? 200);

test(`${CASES} mutated programs: no throw, spans inside their files`, () => {
  const inputs = loadInputs();
  for (let seed = 1; seed <= CASES; seed++) {
    const c = makeCase(inputs, seed);
    let r;
    try {
      r = check(c.text, `fuzz-${seed}.oriz`);
    } catch (e) {
      assert.fail(`seed ${seed} (${c.input}: ${c.mutations.join(', ')}) throws: ${(e as Error).stack}`);
    }
    for (const d of r.diags) {
      const f = r.sources.get(d.primary.span.file);
      assert.ok(d.primary.span.start >= 0 && d.primary.span.end <= f.text.length, `seed ${seed}: ${d.code} span outside ${f.path}`);
    }
  }
});

test('generated valid programs check with zero diagnostics', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const c = check(emitProgram(generateProgram({ seed, lines: 300 }), 'orizon'), `gen-${seed}.oriz`);
    assert.equal(c.text, '', `seed ${seed}`);
  }
});
