// Start-up time of `orizon --version`: median of N runs (default 21), with
// `node -e 0` measured in the same run as the floor any Node.js CLI pays.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const runs = Number(process.env.RUNS ?? 21);
const BUDGET_MS = 150;

function median(cmd, args) {
  const times = [];
  spawnSync(cmd, args); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args);
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    times.push(Number(t1 - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const node = median(process.execPath, ['-e', '0']);
const orizon = median(resolve(root, 'sdk/bin/orizon.js'), ['--version']);
console.log(`node -e 0          median ${node.toFixed(1)} ms (${runs} runs)`);
console.log(`orizon --version   median ${orizon.toFixed(1)} ms (${runs} runs)  = ${(orizon / node).toFixed(2)}x bare node, +${(orizon - node).toFixed(1)} ms`);
const help = median(resolve(root, 'sdk/bin/orizon.js'), ['--help']);
console.log(`orizon --help      median ${help.toFixed(1)} ms (${runs} runs)  = ${(help / node).toFixed(2)}x bare node (loads the whole CLI bundle)`);
console.log(`budget ${BUDGET_MS} ms: ${orizon <= BUDGET_MS ? 'within' : 'OVER'}`);
