// The linker's public surface. Code generators build ObjectFiles (object.ts);
// the driver links them into an executable or writes one as a `.o`.
export type {
  Arch, SectionKind, SectionId, ObjSection, Marker, Binding, SymbolType, ObjSymbol, RelocTarget, ObjReloc, LineRow, TargetFlags, ObjectFile,
} from './object.ts';
export { ObjectBuilder, validateObject, defaultFlags } from './object.ts';
export type { ArmRelocType, RiscvRelocType, RelocType } from './elf-types.ts';
export type { MemoryLayout, MemoryRegion } from './layout.ts';
export { LINKER_SYMBOLS } from './layout.ts';
export type { LinkOptions, LinkedImage, OutputSymbol } from './link.ts';
export { link } from './link.ts';
export { encodeExecutable, writeExecutable } from './write-exec.ts';
export type { ObjectWriteOptions } from './write-obj.ts';
export { encodeObject, writeObject } from './write-obj.ts';
export { LinkError } from './errors.ts';
