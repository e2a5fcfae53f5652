// The language-neutral program model behind the program generator.
//
// The generator (generate.ts) builds one of these; emitters (emit.ts) print it as
// Orizon or Rust, and the back-end work adds Go and C emitters over the same
// model so `bench:compile` compiles the *same* program in four languages.
//
// Invariants the generator guarantees, so every emitter can translate literally:
// - Every expression is fully typed: no implicit conversions anywhere (`cast`
//   nodes are explicit), literal types are known (`lit.t`).
// - No operation can overflow, divide by zero or index out of bounds: `+ - *`
//   appear only as `wrapping_*` intrinsics or on operands masked small enough
//   (`bin` with op `+`/`*`), divisors are constants >= 2, shift amounts are
//   constants below the bit width, and indices are loop variables bounded by the
//   array length or values masked with `len - 1` (lengths are powers of two).
// - usize/isize never carry arithmetic results (their width differs between the
//   32-bit target and a 64-bit host): usize appears only as loop variables and
//   indices, converted from values already masked below the array length.
// - Control flow terminates: loops have constant trip counts; `continue` never
//   targets a `while`/`loop` (their counter increments at the end of the body);
//   the call graph is acyclic (a function calls only functions defined before
//   it) with bounded depth and bounded total work per call.
// - Names are unique program-wide (functions, types, constants, statics), so a
//   flat C namespace works; locals are unique within a function (no shadowing).

export type IntTy = 'i8' | 'i16' | 'i32' | 'i64' | 'u8' | 'u16' | 'u32' | 'u64' | 'usize';

export const INT_BITS: Readonly<Record<IntTy, number>> = {
  i8: 8, i16: 16, i32: 32, i64: 64, u8: 8, u16: 16, u32: 32, u64: 64, usize: 32,
};

export function isSigned(t: IntTy): boolean {
  return t[0] === 'i';
}

export type VariantShape = 'unit' | 'tuple' | 'named';

export type Ty =
  | { k: 'int'; t: IntTy }
  | { k: 'bool' }
  | { k: 'array'; elem: IntTy; len: number }
  /** A `&[T; N]` parameter (read-only): Go `*[N]T`, C `const T *`. */
  | { k: 'arrayRef'; elem: IntTy; len: number }
  | { k: 'struct'; name: string }
  | { k: 'enum'; name: string };

export type BinOp = '&' | '|' | '^' | '+' | '*' | '/' | '%' | '<<' | '>>';
export type CmpOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
/** Integer methods every target language can express (Go: math/bits, C: builtins). */
export type Intrinsic =
  | 'wrapping_add' | 'wrapping_sub' | 'wrapping_mul' | 'min' | 'max' | 'rotate_left'
  | 'count_ones' | 'leading_zeros' | 'trailing_zeros';

export type Ex =
  /** `suffix`: the Rust-family spelling needs a type suffix (`7u8`) here because the context does not fix the type. */
  | { k: 'lit'; t: IntTy; v: bigint; suffix: boolean; hex: boolean }
  | { k: 'bool'; v: boolean }
  /** A local, parameter, `self`, constant or static. */
  | { k: 'var'; name: string }
  /** Operands and result have type `t`; shift amounts are `u32` literals. */
  | { k: 'bin'; op: BinOp; t: IntTy; l: Ex; r: Ex }
  | { k: 'cmp'; op: CmpOp; l: Ex; r: Ex }
  | { k: 'logic'; op: '&&' | '||'; l: Ex; r: Ex }
  /** Logical not on bool, bitwise not on integers (`!x` in Rust, `^x` in Go, `~x` in C). */
  | { k: 'not'; t: IntTy | 'bool'; e: Ex }
  | { k: 'cast'; from: IntTy; to: IntTy; e: Ex }
  /** `recv.name(args)`; `t` is the receiver's type; the result is `t` too, except u32 for the bit counts. */
  | { k: 'intrinsic'; name: Intrinsic; t: IntTy; recv: Ex; args: Ex[] }
  /**
   * `fn` is the function's unique name (all a flat namespace needs). The Rust family spells
   * the call `alias` when the root imported it under another name, or `module::fn` when
   * `module` is set.
   */
  | { k: 'call'; fn: string; module: string | null; alias: string | null; args: Ex[] }
  /** Statically dispatched method call; `owner` is the struct, or the trait declaring the method. */
  | { k: 'method'; recv: Ex; struct: string; owner: string; method: string; args: Ex[] }
  | { k: 'assocCall'; struct: string; method: string; args: Ex[] }
  | { k: 'field'; e: Ex; field: string }
  /** `idx` has type usize and is always in range. */
  | { k: 'index'; arr: Ex; idx: Ex }
  | { k: 'structLit'; name: string; fields: [string, Ex][] }
  /** `fields` names the fields of a named variant (args in the same order); empty otherwise. */
  | { k: 'variant'; enum: string; variant: string; shape: VariantShape; fields: string[]; args: Ex[] }
  | { k: 'arrayLit'; elem: IntTy; elems: Ex[] }
  | { k: 'arrayRepeat'; elem: IntTy; value: Ex; len: number }
  /** `&x` where x is a local array, for an `arrayRef` parameter. */
  | { k: 'addrOf'; e: Ex };

export type Place =
  | { k: 'var'; name: string }
  | { k: 'field'; base: string; field: string }
  | { k: 'index'; base: string; idx: Ex };

export type MPat =
  /** `1 | 2 | -3` */
  | { k: 'ints'; t: IntTy; values: bigint[] }
  /** `lo..=hi` */
  | { k: 'range'; t: IntTy; lo: bigint; hi: bigint }
  | { k: 'wild' }
  /** Enum variant; binds[i] binds field i (`fields[i]` for named variants), null for `_` (named variants then print `..`). */
  | { k: 'variant'; enum: string; variant: string; shape: VariantShape; fields: string[]; binds: (string | null)[] };

/** A branch that produces a value: statements then the value (Rust: a block with a tail). */
export interface ValueArm {
  stmts: St[];
  value: Ex;
}

export type St =
  | { k: 'let'; name: string; ty: Ty; mut: boolean; init: Ex; annotate: boolean }
  | { k: 'letIf'; name: string; ty: Ty; cond: Ex; then: ValueArm; else: ValueArm }
  | { k: 'letMatch'; name: string; ty: Ty; scrut: Ex; scrutTy: Ty; arms: { pat: MPat; arm: ValueArm }[] }
  /** `op` is '=' or a bitwise compound ('^=', '|=', '&=') or '+=' on a small loop counter. */
  | { k: 'assign'; place: Place; op: '=' | '^=' | '|=' | '&=' | '+='; value: Ex }
  | { k: 'if'; cond: Ex; then: St[]; elifs: { cond: Ex; body: St[] }[]; else: St[] | null }
  /** `for v in lo..hi` (v: usize), optionally reversed. */
  | { k: 'for'; label: string | null; v: string; lo: number; hi: number; rev: boolean; body: St[] }
  /** `while counter < limit { body; counter += 1; }` — the counter is a u32 local declared before. */
  | { k: 'while'; label: string | null; counter: string; limit: number; body: St[] }
  /** `loop { counter += 1; body; if counter >= limit { break; } }` */
  | { k: 'loop'; label: string | null; counter: string; limit: number; body: St[] }
  | { k: 'break'; label: string | null }
  | { k: 'continue'; label: string | null }
  | { k: 'match'; scrut: Ex; scrutTy: Ty; arms: { pat: MPat; body: St[] }[] }
  | { k: 'expr'; e: Ex }
  | { k: 'return'; e: Ex }
  /** `println!` with `{}` placeholders (main only); `text` has one more part than `args` (integers). */
  | { k: 'print'; text: string[]; args: Ex[] }
  /** A line comment, as real code has. */
  | { k: 'comment'; text: string };

export interface Param {
  name: string;
  ty: Ty;
  mut: boolean;
}

export interface FnDef {
  name: string;
  /** A one-line doc comment. */
  doc: string | null;
  params: Param[];
  /** `&self` / `&mut self` for methods; null for free and associated functions. */
  self: 'ref' | 'mut' | null;
  ret: Ty | null;
  body: St[];
  /** The returned value (Rust tail expression); null when `ret` is null. */
  tail: Ex | null;
  pub: boolean;
  /** Estimated operations one call performs, including callees (keeps run time bounded). */
  cost: number;
  /** Longest call chain below this function (keeps the stack small on a microcontroller). */
  depth: number;
}

export interface StructDef {
  name: string;
  doc: string | null;
  fields: { name: string; ty: Ty }[];
}

export interface EnumDef {
  name: string;
  variants: { name: string; shape: VariantShape; fields: { name: string; t: IntTy }[] }[];
}

export interface TraitDef {
  name: string;
  /** Required method: `fn <required>(&self) -> u32`. */
  required: string;
  /** Provided method: `fn <provided>(&self, k: u32) -> u32 { self.<required>().wrapping_mul(k) ^ k }`. */
  provided: string;
}

export type Item =
  | { k: 'const'; name: string; t: IntTy; value: Ex }
  | { k: 'static'; name: string; elem: IntTy; values: bigint[] }
  | { k: 'struct'; def: StructDef }
  | { k: 'enum'; def: EnumDef }
  | { k: 'impl'; struct: string; fns: FnDef[] }
  | { k: 'trait'; def: TraitDef }
  | { k: 'traitImpl'; trait: string; struct: string; fn: FnDef }
  | { k: 'mod'; name: string; fns: FnDef[] }
  /** `import <mod>::{a, b as c};` at the crate root. */
  | { k: 'import'; mod: string; names: [string, string | null][] }
  | { k: 'fn'; def: FnDef };

export interface Program {
  seed: number;
  items: Item[];
  /** The body of `fn main()`. */
  main: St[];
}
