// Test helpers for external tools. Required tools (binutils, QEMU) make a test
// fail when missing; optional ones (renode, openocd) skip it with the reason,
// which the test runner prints — never a silent pass.
import { findTool, requireTool } from '../../sdk/src/toolchain/discover.ts';
import { installHints, toolSpec } from '../../sdk/src/toolchain/tools.ts';

/** A `skip` value for node:test: false when the tool exists, else the reason. */
export function skipUnlessTool(id: string): string | false {
  if (findTool(id).path) return false;
  const spec = toolSpec(id);
  return `${spec.names[0]} is not installed (${installHints(spec).join(' or ')})`;
}

/** Path of a tool the test suite cannot do without; throws with the install hint. */
export function tool(id: string): string {
  return requireTool(id);
}
