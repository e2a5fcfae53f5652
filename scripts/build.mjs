// Bundles the CLI into one ES module with esbuild. One file means one disk read
// and no module-graph resolution at start-up, which keeps `orizon --version` fast
// (see docs/development.md for the measurements behind this choice).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'sdk/src/cli/main.ts')],
  outfile: join(root, 'sdk/dist/orizon.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS dependencies (commander) call require(); give ESM output one.
  banner: { js: "import { createRequire as __orizonCreateRequire } from 'node:module'; const require = __orizonCreateRequire(import.meta.url);" },
});
