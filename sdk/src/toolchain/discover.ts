// Finds external tools: `xpacks/.bin` first (the xpm layout, project then SDK),
// then PATH. Lookups are plain stat calls so builds can call this cheaply.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TOOLS, toolSpec, installHints, type ToolSpec } from './tools.ts';
import { OrizonError } from '../util/errors.ts';

export interface FoundTool {
  spec: ToolSpec;
  /** Absolute path, or undefined when missing. */
  path?: string;
  /** Where it was found: `xpacks` or `PATH`. */
  source?: 'xpacks' | 'PATH';
}

/** The SDK checkout/installation root (holds package.json, bsp/, hal/, ...). */
export function sdkRoot(): string {
  // Bundled: sdk/dist/orizon.mjs; from source: sdk/src/toolchain/discover.ts.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'sdk'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot locate the Orizon SDK root');
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** xpacks/.bin folders from the working directory upwards, then the SDK's own. */
export function xpackBinDirs(cwd: string = process.cwd()): string[] {
  const dirs: string[] = [];
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, 'xpacks', '.bin');
    if (existsSync(candidate)) dirs.push(candidate);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const sdkBin = join(sdkRoot(), 'xpacks', '.bin');
  if (!dirs.includes(sdkBin) && existsSync(sdkBin)) dirs.push(sdkBin);
  return dirs;
}

export function findTool(id: string, env: NodeJS.ProcessEnv = process.env, cwd?: string): FoundTool {
  const spec = toolSpec(id);
  const xdirs = xpackBinDirs(cwd);
  const pathDirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of spec.names) {
    for (const d of xdirs) {
      const p = join(d, name);
      if (isExecutable(p)) return { spec, path: p, source: 'xpacks' };
    }
  }
  for (const name of spec.names) {
    for (const d of pathDirs) {
      const p = join(d, name);
      if (isExecutable(p)) return { spec, path: p, source: 'PATH' };
    }
  }
  return { spec };
}

export function findAllTools(env: NodeJS.ProcessEnv = process.env): FoundTool[] {
  return TOOLS.map((t) => findTool(t.id, env));
}

/** First non-empty line of `tool --version` (or the tool's own version flag). */
export function toolVersion(found: FoundTool, timeoutMs = 5000): Promise<string | undefined> {
  if (!found.path) return Promise.resolve(undefined);
  return new Promise((res) => {
    execFile(found.path!, [...found.spec.versionArgs], { timeout: timeoutMs }, (_err, stdout, stderr) => {
      const text = `${stdout ?? ''}\n${stderr ?? ''}`;
      const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '');
      res(line);
    });
  });
}

/** Path of a tool or a clear failure naming how to install it. */
export function requireTool(id: string): string {
  const found = findTool(id);
  if (found.path) return found.path;
  const spec = found.spec;
  const hints = installHints(spec).map((h) => (h.includes(' ') && !h.includes('://') ? `\`${h}\`` : h));
  throw new OrizonError(`${spec.names[0]} not found (${spec.purpose})`, `install it: ${hints.join(' or ')}; \`orizon doctor\` checks every tool`);
}
