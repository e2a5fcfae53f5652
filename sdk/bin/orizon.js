#!/usr/bin/env -S node --max-semi-space-size=64
// Thin launcher (a larger young generation: the compiler allocates many short-lived
// tokens and nodes, and a 64 MiB semi-space roughly halves GC time on big inputs).
// The CLI itself is bundled into sdk/dist/orizon.mjs by scripts/build.mjs.
// `orizon --version` is answered here without loading the bundle, so the most
// frequent scripted call costs little more than Node's own start-up.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  process.stdout.write(pkg.version + '\n');
} else {
  import('../dist/orizon.mjs').catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('orizon.mjs')) {
      process.stderr.write('error: the Orizon CLI has not been built\nhint: run `npm install` (or `npm run build`) in the SDK folder\n');
      process.exit(1);
    }
    throw err;
  });
}
