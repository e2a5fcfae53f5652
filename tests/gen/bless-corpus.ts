// Regenerates the expected output of the corpus tests/programs/*.oriz from rustc:
// Orizon's contract is "same stdout and exit status as rustc" for programs valid
// in both languages. Orizon's `import` is rewritten to `use` first.
//
//   node --import tsx tests/gen/bless-corpus.ts           # write NAME.stdout / NAME.status
//   node --import tsx tests/gen/bless-corpus.ts --check   # compare only; exit 1 on a difference
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = resolve(fileURLToPath(import.meta.url), '../../programs');

/** Orizon source → Rust source: `import` items become `use` items (nothing else differs). */
export function orizonToRust(src: string): string {
  return src.replace(/^(\s*(?:pub(?:\([^)]*\))?\s+)?)import\b/gm, '$1use');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) bless(process.argv.includes('--check'), process.argv.slice(2).filter((a) => !a.startsWith('--')));

function bless(check: boolean, only: string[]): void {
  const tmp = mkdtempSync(join(tmpdir(), 'orizon-bless-'));
  let failures = 0;
  try {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.oriz')).sort()) {
      const name = f.slice(0, -'.oriz'.length);
      if (only.length && !only.includes(name)) continue;
      const rs = join(tmp, `${name}.rs`);
      const bin = join(tmp, name);
      writeFileSync(rs, orizonToRust(readFileSync(join(dir, f), 'utf8')));
      const c = spawnSync('rustc', ['--edition', '2021', '-o', bin, rs], { encoding: 'utf8' });
      if (c.status !== 0) {
        console.error(`${f}: rustc failed\n${c.stderr}`);
        failures++;
        continue;
      }
      if (c.stderr.trim()) console.error(`${f}: rustc warnings\n${c.stderr}`);
      const r = spawnSync(bin, [], { encoding: 'utf8', timeout: 10_000 });
      const status = `${r.status ?? 'signal ' + r.signal}\n`;
      if (check) {
        const want = readFileSync(join(dir, `${name}.stdout`), 'utf8');
        const wantStatus = readFileSync(join(dir, `${name}.status`), 'utf8');
        if (want !== r.stdout || wantStatus !== status) {
          console.error(`${f}: expected output differs from rustc's`);
          failures++;
        }
      } else {
        writeFileSync(join(dir, `${name}.stdout`), r.stdout);
        writeFileSync(join(dir, `${name}.status`), status);
        console.log(`${f}: status ${status.trim()}, ${r.stdout.split('\n').length - 1} lines`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failures ? 1 : 0);
}
