// Orizon's IR: a typed SSA form shared by every back end (QBE/Cranelift style).
//
// - A Module holds functions, data objects (globals/statics/string literals) and
//   the names of external symbols.
// - A Function is a list of Blocks; the first is the entry. Blocks take
//   parameters instead of phi nodes; a terminator passes arguments to its
//   successors' parameters.
// - Values are numbered per function (`v12`): each function parameter, block
//   parameter and value-producing instruction defines exactly one value. Only
//   scalars are values (i8/i16/i32/i64/ptr); aggregates live in memory
//   (stack slots, data objects) and are moved with load/store/copy.
// - `ptr` is the target's pointer width (32 bits on every current target); the
//   IR itself never assumes it.
// - Panics are ordinary calls to no-return runtime functions followed by
//   `unreachable`, with the source location passed as arguments.
//
// Invariants (checked by verify.ts, which runs after every pass in tests):
// every value is defined once and before its uses (dominance), every block ends
// in exactly one terminator, branch arguments match block parameter types.

export type Ty = 'i8' | 'i16' | 'i32' | 'i64' | 'ptr';

export function tyBits(t: Ty, ptrBits = 32): number {
  switch (t) {
    case 'i8': return 8;
    case 'i16': return 16;
    case 'i32': return 32;
    case 'i64': return 64;
    case 'ptr': return ptrBits;
  }
}

export function tyBytes(t: Ty, ptrBytes = 4): number {
  return t === 'ptr' ? ptrBytes : tyBits(t) / 8;
}

/** A value reference: index into the function's value table. */
export type Value = number;

export type BinaryOp =
  | 'add' | 'sub' | 'mul'
  | 'sdiv' | 'udiv' | 'srem' | 'urem' // divisor ≠ 0 is the lowering's job (it emits the panic)
  | 'and' | 'or' | 'xor'
  | 'shl' | 'lshr' | 'ashr'; // shift amount < bit width is the lowering's job

export type UnaryOp = 'neg' | 'not' | 'clz' | 'ctz' | 'popcnt' | 'bswap';

export type CmpOp = 'eq' | 'ne' | 'slt' | 'sle' | 'sgt' | 'sge' | 'ult' | 'ule' | 'ugt' | 'uge';

export type ConvOp = 'sext' | 'zext' | 'trunc';

export interface SourceLoc {
  file: string;
  line: number;
  col: number;
}

/** Instructions. `dst` is the defined value, absent for stores/calls without results. */
export type Inst =
  | { op: 'const'; dst: Value; ty: Ty; imm: bigint }
  | { op: 'binary'; kind: BinaryOp; dst: Value; ty: Ty; a: Value; b: Value }
  | { op: 'unary'; kind: UnaryOp; dst: Value; ty: Ty; a: Value }
  /** Result is i8 0/1. */
  | { op: 'cmp'; kind: CmpOp; dst: Value; ty: Ty; a: Value; b: Value }
  | { op: 'conv'; kind: ConvOp; dst: Value; from: Ty; to: Ty; a: Value }
  /** `cond ? a : b` with cond an i8 0/1. */
  | { op: 'select'; dst: Value; ty: Ty; cond: Value; a: Value; b: Value }
  | { op: 'load'; dst: Value; ty: Ty; addr: Value; offset: number; volatile: boolean; signed: boolean }
  | { op: 'store'; ty: Ty; addr: Value; value: Value; offset: number; volatile: boolean }
  /** Address of a stack slot of the function. */
  | { op: 'slotAddr'; dst: Value; slot: number }
  /** Address of a global symbol (function or data) plus a byte offset. */
  | { op: 'symAddr'; dst: Value; symbol: string; offset: number }
  /** Copies `size` bytes (non-overlapping). */
  | { op: 'copy'; dst_addr: Value; src_addr: Value; size: number; align: number }
  | { op: 'zero'; addr: Value; size: number; align: number }
  | { op: 'call'; dsts: Value[]; retTys: Ty[]; callee: string; args: Value[]; noReturn: boolean }
  | { op: 'callIndirect'; dsts: Value[]; retTys: Ty[]; callee: Value; args: Value[]; argTys: Ty[] }
  /** Inline assembly in the target's GNU syntax; operands bound to registers. */
  | { op: 'asm'; text: string; inputs: { reg: string | null; value: Value }[]; outputs: { reg: string | null; dst: Value; ty: Ty }[]; clobbers: string[]; volatile: boolean };

export interface BlockCall {
  block: number;
  args: Value[];
}

export type Terminator =
  | { op: 'jump'; to: BlockCall }
  /** cond: i8 0/1 (non-zero = then). */
  | { op: 'branch'; cond: Value; then: BlockCall; else: BlockCall }
  | { op: 'switch'; value: Value; ty: Ty; cases: { value: bigint; to: BlockCall }[]; default: BlockCall }
  | { op: 'ret'; values: Value[] }
  | { op: 'unreachable' };

export interface Block {
  id: number;
  params: Value[];
  insts: Inst[];
  term: Terminator;
  /** Source location of the block's first instruction, for line tables. */
  locs?: (SourceLoc | undefined)[];
}

export interface StackSlot {
  size: number;
  align: number;
  /** Debug name (the local it holds). */
  name?: string;
}

export interface Function {
  name: string;
  /** Exported (global binding) — `pub` at crate root, `#[no_mangle]`, `main`, handlers. */
  exported: boolean;
  params: Value[];
  paramTys: Ty[];
  retTys: Ty[];
  blocks: Block[];
  slots: StackSlot[];
  /** Type of every value, indexed by Value. */
  valueTys: Ty[];
  /** `#[naked]`: body is a single asm instruction, no prologue/epilogue. */
  naked: boolean;
  /** `#[section("...")]` */
  section?: string;
  inline: 'auto' | 'always' | 'never';
  /** Orizon source position of the function (line info). */
  loc?: SourceLoc;
}

export type DataInit =
  | { kind: 'bytes'; bytes: Uint8Array }
  /** A pointer-sized word holding `symbol + offset` (needs a relocation). */
  | { kind: 'symbol'; symbol: string; offset: number };

export interface DataObject {
  name: string;
  exported: boolean;
  size: number;
  align: number;
  /** Read-only (goes to .rodata/flash) or writable (.data, or .bss when all zero). */
  readonly: boolean;
  /** Concatenated pieces; empty for zero-initialised data. */
  init: DataInit[];
  section?: string;
}

export interface Module {
  functions: Function[];
  data: DataObject[];
  /** Symbols used but defined elsewhere (runtime, C objects). */
  externs: { name: string; kind: 'func' | 'data' }[];
  /** Interrupt handler bindings: vector name → function symbol. */
  interrupts: { name: string; func: string }[];
}
