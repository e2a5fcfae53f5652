// Runs every test file (tests/**/*.test.ts) with node's built-in test runner;
// TypeScript is loaded through tsx. Arguments narrow the run to files or folders:
//   node scripts/run-tests.mjs tests/cli
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
function collect(p, out) {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p).sort()) if (e !== 'node_modules' && e !== 'fixtures') collect(join(p, e), out);
  } else if (p.endsWith('.test.ts')) out.push(relative(root, p));
  return out;
}
const targets = process.argv.slice(2);
const files = (targets.length ? targets : ['tests']).flatMap((t) => collect(resolve(root, t), []));
if (files.length === 0) {
  console.error('error: no test files found');
  process.exit(1);
}
const concurrency = Math.max(2, availableParallelism());
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
