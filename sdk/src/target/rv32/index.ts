// Public surface of the RV32 assembler/encoder for the rest of the SDK (the
// code generator's emitter, `asm!`, the ELF writer in sdk/src/link/).
//
//   assemble(src, { profile })      GNU-syntax source -> sections/symbols/relocs
//   encodeLine('addi sp, sp, -16')  one label-free instruction -> bytes
//   encodeBytes('c.addi', { rd, imm }) one table entry -> bytes (no compression choice)
import { assemble, type AsmOutput } from './assemble.ts';
import type { Profile } from './profile.ts';

export { assemble, sectionBytes, AssemblyError } from './assemble.ts';
export type { AsmOutput, AsmSection, AsmSymbol, AsmOptions, AsmErrorEntry } from './assemble.ts';
export { encodeBytes, encodeOp, EncodeError } from './encode.ts';
export { PROFILES, RV32I, RV32IM, RV32IMC, RV32IMAC, profileByName, marchOf, type Profile, type Ext } from './profile.ts';
export { RELOC_NUMBER, type AsmReloc, type RelocType } from './reloc.ts';
export { gprNumber, gprName, csrNumber, ABI_NAMES, type Reg } from './regs.ts';

/**
 * Encodes one instruction (or pseudo-instruction) with no labels, exactly as
 * GNU as would: compressed when the profile has C and `rvc` is not false.
 */
export function encodeLine(line: string, profile: Profile, rvc = true): Uint8Array {
  const out: AsmOutput = assemble(`${rvc ? '' : '.option norvc\n'}${line}\n`, { profile });
  const text = out.sections.find((s) => s.name === '.text')!;
  if (text.relocs.length > 0) throw new Error(`encodeLine: \`${line}\` needs a relocation; use assemble()`);
  return text.bytes;
}
