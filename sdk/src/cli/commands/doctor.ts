// `orizon doctor`: what external tools were found, their versions, and the exact
// install command for anything missing. Exit 1 when a required tool is missing.
import { findAllTools, toolVersion } from '../../toolchain/discover.ts';
import { installHints } from '../../toolchain/tools.ts';
import { colorsFor } from '../../util/term.ts';
import { EXIT_FAILURE, EXIT_OK } from '../../util/errors.ts';

export async function doctor(opts: { json?: boolean }): Promise<number> {
  const found = findAllTools();
  const versions = await Promise.all(found.map((f) => toolVersion(f)));
  const missingRequired = found.filter((f) => !f.path && f.spec.required);

  if (opts.json) {
    const rows = found.map((f, i) => ({
      id: f.spec.id, required: f.spec.required, found: f.path !== undefined,
      path: f.path ?? null, source: f.source ?? null, version: versions[i] ?? null,
      install: f.path ? [] : installHints(f.spec),
    }));
    process.stdout.write(JSON.stringify({ ok: missingRequired.length === 0, tools: rows }, null, 2) + '\n');
    return missingRequired.length === 0 ? EXIT_OK : EXIT_FAILURE;
  }

  const c = colorsFor(process.stdout);
  const nameWidth = Math.max(...found.map((f) => (f.path ? f.path.split('/').pop()! : f.spec.names[0]!).length));
  let out = `Orizon doctor: node ${process.version} on ${process.platform}-${process.arch}\n\n`;
  found.forEach((f, i) => {
    const name = f.path ? f.path.split('/').pop()! : f.spec.names[0]!;
    if (f.path) {
      out += `  ${c.green('ok')}       ${name.padEnd(nameWidth)}  ${versions[i] ?? '(version unknown)'}\n`;
      out += `           ${' '.repeat(nameWidth)}  ${c.dim(`${f.path}${f.source === 'xpacks' ? ' (xpacks)' : ''}`)}\n`;
    } else {
      const label = f.spec.required ? c.red('missing') : c.yellow('optional');
      out += `  ${label}${' '.repeat(9 - (f.spec.required ? 7 : 8))}${name.padEnd(nameWidth)}  ${f.spec.purpose}\n`;
      for (const h of installHints(f.spec)) out += `           ${' '.repeat(nameWidth)}  ${c.cyan('install:')} ${h}\n`;
    }
  });
  if (missingRequired.length > 0) {
    out += `\n${c.red(`${missingRequired.length} required tool(s) missing.`)} On Debian/Ubuntu, \`sudo scripts/install-system-deps.sh\` (in the SDK) installs them all.\n`;
  } else {
    out += `\n${c.green('All required tools found.')}\n`;
  }
  process.stdout.write(out);
  return missingRequired.length === 0 ? EXIT_OK : EXIT_FAILURE;
}
