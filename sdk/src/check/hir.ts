// The typed HIR: what the checker hands to the back ends. Back ends never
// re-derive types or re-resolve names; everything they need is here.
//
// How a back end walks it
// -----------------------
//   const prog = checkProgram(ast, sources, diags, { searchPath });
//   if (diags.hasErrors) stop;
//   for (const inst of prog.mono.instances) {          // every fn to generate, concrete
//     const f = prog.fns.get(inst.fn)!;                 // HirFn: params, body, locals
//     lower(f.body, subst = inst.args)                  // types: prog.types.subst(e.ty, inst.args)
//   }
// Within a body:
// - Every HirExpr and HirPat has `ty` (a concrete Ty, or one containing `param`
//   types in generic fns: substitute with the instance's args). No inference
//   variables remain; integer literals carry their final type (i32 by default).
// - Paths are resolved: `local` (a LocalVar), `fnRef` (fn item or closure as a
//   value), `const`, `static`, `adt` (struct literals, tuple-struct and variant
//   constructors, unit variants: fields in declaration order).
// - Calls are `call` with a Callee: `fn` (direct; a FnRef with the full
//   generic substitution), `ptr` (through a fn pointer value) or `builtin`
//   (integer methods, len, iterator constructors; see BuiltinCall). Method calls
//   are desugared: the receiver is args[0], with the auto-ref/auto-deref already
//   applied as explicit `addrOf`/`deref` nodes (`implicit: true`).
//   A FnRef may name a trait method (fn.owner.kind === 'trait'), e.g. `x.clone()`
//   with `x: T`; after substituting the instance's args, call
//   `prog.resolveInstance(ref)` to get the impl method, the trait's default
//   method, or a built-in (derived/primitive) implementation.
// - Implicit coercions are explicit `coerce` nodes: unsize (&[T; N] → &[T]),
//   reborrow (&mut T → &T), refToPtr (&T → *const T), fnToPtr, never (! → any).
//   Field access and indexing through references carry explicit `deref`s.
// - Places (lvalues) are: local, static, deref, field, tupleField, index,
//   sliceRange. `assign` targets and `addrOf` operands are places. As in Rust,
//   a `match`/`if let`/`while let` scrutinee that is a place is matched in
//   place: `ref`/`ref mut` bindings (explicit or from default binding modes)
//   point into it.
// - Operators: `binary` ops on integers/bool/char work on `opTy`; `==`/`!=`
//   on other types (tuples, arrays, slices, str, ADTs deriving PartialEq) are
//   structural equality with `opTy` the operand type; a user `impl PartialEq`
//   is called as a method instead. Shifts: `opTy` is the left type; the right
//   operand keeps its own integer type.
// - Control flow: loops have a numeric `loopId`; `break`/`continue` name it
//   (labelled blocks get one too). `for` gives the iterator expression; its
//   type is a built-in iterator type (types.ts BuiltinTyName) whose semantics
//   are Rust's: Range/RangeInclusive/RangeFrom, SliceIter(Mut), ArrayIntoIter,
//   Rev, StepBy, Enumerate; see `forPlan()` below for the flattened form.
// - Macros are lowered: `print` (print!/println!/eprint!/eprintln!) and
//   `panic` carry a HirFormat (pieces + args, each arg formatted by its type
//   with Rust's Display/Debug/hex/binary rules); assert!/assert_eq!/assert_ne!
//   are desugared to `if` + `panic` (Rust's exact messages).
// - Derived impls (`#[derive(...)]`) have no bodies: resolveInstance returns
//   `{ kind: 'builtin' }` for them, and the back end generates them (Clone =
//   field-wise copy, PartialEq = field-wise ==, Debug = Rust's `{:?}` text).
// - Panicking std functions marked `#[track_caller]` (Option::unwrap, ...)
//   should report the caller's location, as Rust does.
import type { Span } from '../diag/source.ts';
import type { AssignOp, BinOp } from '../syntax/ast.ts';
import type { AdtDef, ConstDef, FnDef, StaticDef } from './defs.ts';
import type { Ty, TypeTable } from './types.ts';

// ---------------------------------------------------------------- locals

export interface LocalVar {
  /** Unique within its function. */
  id: number;
  name: string;
  mut: boolean;
  ty: Ty;
  span: Span;
  /** Read anywhere (for the unused-variable lint). */
  used: boolean;
  /** Assigned or mutably borrowed after initialisation (for the unused-mut lint). */
  mutated: boolean;
  /** Declared with `let x;` (no initialiser): the first assignment initialises it. */
  deferredInit: boolean;
}

// ---------------------------------------------------------------- callees

/** A function with its full generic substitution (parent impl/trait params first). */
export interface FnRef {
  fn: FnDef;
  args: Ty[];
}

/** Integer methods, slice/str/array methods and iterator constructors the back end implements directly. */
export type BuiltinMethod =
  | 'wrapping_add' | 'wrapping_sub' | 'wrapping_mul' | 'wrapping_div' | 'wrapping_rem' | 'wrapping_neg' | 'wrapping_shl' | 'wrapping_shr'
  | 'checked_add' | 'checked_sub' | 'checked_mul' | 'checked_div' | 'checked_rem' | 'checked_neg' | 'checked_shl' | 'checked_shr'
  | 'saturating_add' | 'saturating_sub' | 'saturating_mul'
  | 'overflowing_add' | 'overflowing_sub' | 'overflowing_mul'
  | 'pow' | 'wrapping_pow' | 'checked_pow' | 'saturating_pow' | 'min' | 'max' | 'abs' | 'signum' | 'is_positive' | 'is_negative'
  | 'count_ones' | 'count_zeros' | 'leading_zeros' | 'trailing_zeros' | 'leading_ones' | 'trailing_ones'
  | 'rotate_left' | 'rotate_right' | 'swap_bytes' | 'reverse_bits' | 'to_be' | 'to_le' | 'from_be' | 'from_le' | 'is_power_of_two'
  | 'abs_diff' | 'rem_euclid' | 'div_euclid'
  /** `len()` on arrays (receiver `&[T; N]` unsized to `&[T]`), slices and `&str`. */
  | 'len' | 'is_empty' | 'as_bytes' | 'as_ptr' | 'as_mut_ptr'
  /** Slice queries and updates, with Rust's semantics (`swap` and `copy_from_slice` panic on bad indices/lengths). */
  | 'get' | 'get_mut' | 'first' | 'last' | 'first_mut' | 'last_mut' | 'swap' | 'fill' | 'reverse' | 'copy_from_slice'
  /** Iterator constructors and adapters: result types are built-in iterator types. */
  | 'iter' | 'iter_mut' | 'into_iter' | 'rev' | 'step_by' | 'enumerate' | 'next'
  /** Range queries. */
  | 'contains'
  /** char methods */
  | 'is_ascii_digit' | 'is_alphabetic' | 'is_ascii' | 'to_digit' | 'is_ascii_alphabetic' | 'is_ascii_uppercase' | 'is_ascii_lowercase'
  | 'is_whitespace' | 'is_ascii_whitespace' | 'to_ascii_uppercase' | 'to_ascii_lowercase' | 'is_alphanumeric' | 'is_ascii_alphanumeric'
  /** Clone/PartialEq/PartialOrd of built-in and derived impls, when called as methods (`x.clone()`, `a.eq(&b)`). */
  | 'clone' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'cmp' | 'partial_cmp'
  /** Integer parsing of associated functions: `u32::from_be(x)` etc. are the methods above with the value as args[0]. */
  ;

export type Callee =
  | { kind: 'fn'; ref: FnRef }
  /** Call through a function pointer (closures and fn items stored in variables). */
  | { kind: 'ptr'; expr: HirExpr }
  /** `selfTy` is the receiver type after auto-deref (e.g. `u32`, `[T]`, `str`, `Range<i32>`). */
  | { kind: 'builtin'; name: BuiltinMethod; selfTy: Ty };

// ---------------------------------------------------------------- values

export type LitValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'bool'; value: boolean }
  /** Unicode scalar value. */
  | { kind: 'char'; value: number }
  /** String literal: type `&'static str`. */
  | { kind: 'str'; value: string }
  /** Byte string literal `b"..."`: type `&'static [u8; N]`. */
  | { kind: 'byteStr'; value: number[] };

/** Result of constant evaluation (consteval.ts); `null` where a value is not a compile-time scalar. */
export type ConstValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'bool'; value: boolean }
  | { kind: 'char'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'tuple'; elems: ConstValue[] }
  | { kind: 'array'; elems: ConstValue[] }
  | { kind: 'adt'; adt: AdtDef; variant: number; fields: ConstValue[] }
  | { kind: 'unit' };

export type CastKind =
  /** Integer to integer: truncation, sign- or zero-extension by Rust's rules. */
  | 'int'
  | 'boolToInt' | 'charToInt' | 'u8ToChar'
  /** Fieldless enum to integer (its discriminant). */
  | 'enumToInt'
  | 'ptrToPtr' | 'ptrToInt' | 'intToPtr' | 'refToPtr' | 'fnToPtr' | 'fnToInt' | 'arrayRefToPtr'
  /** Same type, no-op. */
  | 'identity';

export type Coercion = 'unsize' | 'reborrow' | 'refToPtr' | 'mutToConstPtr' | 'fnToPtr' | 'never';

export interface HirFormat {
  pieces: FmtPiece[];
  /** Argument values, evaluated once each, in order. Formatted by their `ty`. */
  args: HirExpr[];
}

export type FmtPiece = { kind: 'str'; text: string } | { kind: 'arg'; index: number; spec: FmtSpec };

export interface FmtSpec {
  trait: 'Display' | 'Debug' | 'LowerHex' | 'UpperHex' | 'Binary' | 'Octal';
  fill: string;
  align: '<' | '>' | '^' | null;
  sign: '+' | null;
  /** `#`: `0x` prefix for hex, pretty `{:#?}` for Debug. */
  alternate: boolean;
  /** `0` flag. */
  zero: boolean;
  /** Literal width, or the index (into args) of a usize argument (`{:1$}`, `{:w$}`). */
  width: number | { arg: number } | null;
  precision: number | { arg: number } | null;
}

export interface HirAsmOperand {
  dir: 'in' | 'out' | 'lateout' | 'inout' | 'inlateout' | 'const' | 'sym';
  reg: string | null;
  explicitReg: boolean;
  expr: HirExpr | null;
  outExpr: HirExpr | null;
  /** `sym f`: the function. */
  sym: FnRef | null;
}

// ---------------------------------------------------------------- expressions

export type HirExprKind =
  | { kind: 'lit'; value: LitValue }
  | { kind: 'local'; local: LocalVar }
  /** A function item or lifted closure used as a value (type `fnPtr`). */
  | { kind: 'fnRef'; ref: FnRef }
  /**
   * Use of a const item: inline its HIR (`prog.consts`) or evaluated value. `args` substitute an
   * associated const's impl/trait params; a trait's const (`T::N`) goes through `prog.resolveConst`.
   */
  | { kind: 'const'; def: ConstDef; args: Ty[] }
  | { kind: 'static'; def: StaticDef }
  /**
   * Struct literal, tuple-struct/variant constructor, unit struct/variant.
   * `fields` in declaration order; null entries come from `base` (`..base`).
   */
  | { kind: 'adt'; adt: AdtDef; variant: number; fields: (HirExpr | null)[]; base: HirExpr | null }
  | { kind: 'unary'; op: 'neg' | 'not'; operand: HirExpr }
  | { kind: 'deref'; operand: HirExpr; implicit: boolean }
  | { kind: 'addrOf'; mut: boolean; operand: HirExpr; implicit: boolean }
  | { kind: 'binary'; op: BinOp; left: HirExpr; right: HirExpr; opTy: Ty }
  | { kind: 'assign'; op: AssignOp; target: HirExpr; value: HirExpr }
  | { kind: 'cast'; operand: HirExpr; cast: CastKind }
  | { kind: 'coerce'; operand: HirExpr; coercion: Coercion }
  | { kind: 'call'; callee: Callee; args: HirExpr[] }
  /** Named or tuple-struct field of an ADT place (after auto-deref). */
  | { kind: 'field'; base: HirExpr; variant: number; index: number; name: string }
  | { kind: 'tupleField'; base: HirExpr; index: number }
  /** `base[index]` with base an array or slice place; `proof` set by the index-proof pass. */
  | { kind: 'index'; base: HirExpr; index: HirExpr; proof: IndexProof | null }
  /** `base[lo..hi]` etc.: a place of type `[T]` or `str`; take `&` of it for a slice value. */
  | { kind: 'sliceRange'; base: HirExpr; lo: HirExpr | null; hi: HirExpr | null; inclusive: boolean }
  /** A range value `lo..hi` (type Range<T> and friends). */
  | { kind: 'range'; lo: HirExpr | null; hi: HirExpr | null; inclusive: boolean }
  | { kind: 'block'; block: HirBlock; unsafe: boolean; loopId: number | null }
  | { kind: 'if'; cond: HirExpr; then: HirExpr; else: HirExpr | null }
  /** `let PAT = EXPR` as the condition of `if`/`while` (type bool). */
  | { kind: 'let'; pat: HirPat; expr: HirExpr }
  | { kind: 'match'; scrutinee: HirExpr; arms: HirArm[] }
  | { kind: 'loop'; body: HirBlock; loopId: number }
  | { kind: 'while'; cond: HirExpr; body: HirBlock; loopId: number }
  | { kind: 'for'; pat: HirPat; iter: HirExpr; itemTy: Ty; body: HirBlock; loopId: number }
  | { kind: 'break'; loopId: number; value: HirExpr | null }
  | { kind: 'continue'; loopId: number }
  | { kind: 'return'; value: HirExpr | null }
  | { kind: 'tuple'; elems: HirExpr[] }
  | { kind: 'array'; elems: HirExpr[] }
  /** `len` null: a const generic length, read it from the (substituted) type. */
  | { kind: 'arrayRepeat'; elem: HirExpr; len: number | null }
  /** A const generic parameter used as a value: its value is the instance's `args[index]` (a `constVal` type). */
  | { kind: 'constParam'; index: number; name: string }
  | { kind: 'print'; stream: 'stdout' | 'stderr'; fmt: HirFormat }
  /** Type `!`. The message is formatted from `fmt` (Rust's default texts such as `explicit panic` are literal pieces). */
  | { kind: 'panic'; fmt: HirFormat }
  | { kind: 'asm'; template: string[]; operands: HirAsmOperand[]; options: string[] }
  | { kind: 'error' };

export type HirExpr = HirExprKind & { ty: Ty; span: Span };

export interface HirArm {
  pat: HirPat;
  guard: HirExpr | null;
  body: HirExpr;
  span: Span;
}

export type HirStmt =
  | { kind: 'let'; pat: HirPat; init: HirExpr | null; elseBlock: HirBlock | null; span: Span }
  | { kind: 'expr'; expr: HirExpr; span: Span };

export interface HirBlock {
  stmts: HirStmt[];
  /** The value of the block; null means `()` (or `!` when the block diverges). */
  tail: HirExpr | null;
  ty: Ty;
  span: Span;
}

// ---------------------------------------------------------------- patterns

export type HirPatKind =
  | { kind: 'wild' }
  /** `x`, `mut x`, `ref x`, `x @ p`; `mode` is explicit after default binding modes. */
  | { kind: 'binding'; local: LocalVar; mode: 'move' | 'ref' | 'refMut'; sub: HirPat | null }
  /** Integer (also byte), bool, char (code point in `int`), or str literal. */
  | { kind: 'lit'; value: LitValue }
  /** Integer or char range; bounds are values (char: code points); null = open. */
  | { kind: 'range'; lo: bigint | null; hi: bigint | null; inclusive: boolean }
  /** Full arity: `..` is expanded to wildcards. */
  | { kind: 'tuple'; elems: HirPat[] }
  /** Struct, tuple struct or enum variant; `fields` in declaration order, omitted ones are `wild`. */
  | { kind: 'adt'; adt: AdtDef; variant: number; fields: HirPat[] }
  /** `&p` / `&mut p`, and the implicit dereference of default binding modes. */
  | { kind: 'deref'; inner: HirPat; implicit: boolean }
  | { kind: 'or'; alts: HirPat[] }
  /** On arrays and slices: `[a, b, .., z]`; `rest` null when there is no `..`. */
  | { kind: 'slice'; prefix: HirPat[]; rest: HirPat | null; hasRest: boolean; suffix: HirPat[] };

export type HirPat = HirPatKind & { ty: Ty; span: Span };

// ---------------------------------------------------------------- items

export interface HirParam {
  pat: HirPat;
  ty: Ty;
}

export interface HirFn {
  def: FnDef;
  params: HirParam[];
  ret: Ty;
  body: HirExpr;
  locals: LocalVar[];
  /** Number of generic parameters (including the impl's/trait's); 0 = not generic. */
  genericCount: number;
}

export interface HirConst {
  def: ConstDef;
  ty: Ty;
  value: HirExpr;
  /** Evaluated value when it is a compile-time scalar/aggregate; null if not evaluable. */
  evaluated: ConstValue | null;
}

export interface HirStatic {
  def: StaticDef;
  ty: Ty;
  init: HirExpr;
  evaluated: ConstValue | null;
}

// ---------------------------------------------------------------- index proofs

export type IndexProof =
  | { kind: 'inRange'; why: string }
  | { kind: 'outOfRange'; why: string }
  | { kind: 'unknown'; why: string };

// ---------------------------------------------------------------- program

export interface MonoInstance {
  fn: FnDef;
  /** Concrete substitution for every generic parameter of `fn` (empty for non-generic fns). */
  args: Ty[];
  /** Stable key, e.g. `max<u8>`; unique per instance, usable in symbol names. */
  key: string;
}

/** What the back end must generate: every fn instance reachable from the roots, each exactly once. */
export interface MonoPlan {
  roots: FnDef[];
  instances: MonoInstance[];
}

/** Result of resolving a (possibly trait-method) FnRef with concrete args. */
export type ResolvedCallee =
  | { kind: 'fn'; ref: FnRef }
  /** Derived or primitive impl of a built-in trait method (clone, eq, ne, ...). */
  | { kind: 'builtin'; name: BuiltinMethod; selfTy: Ty }
  /** An `#[intrinsic]` std declaration (read_volatile, ...) or extern fn: no body. */
  | { kind: 'intrinsic'; name: string; ref: FnRef };

export interface InterruptHandler {
  fn: FnDef;
  /** `#[interrupt]` handler name: the function name (or the attribute's argument). */
  name: string;
}

export interface HirProgram {
  types: TypeTable;
  /** Every function with a body (user, std, trait default methods, lifted closures). */
  fns: Map<FnDef, HirFn>;
  consts: Map<ConstDef, HirConst>;
  statics: HirStatic[];
  adts: AdtDef[];
  main: FnDef | null;
  interrupts: InterruptHandler[];
  mono: MonoPlan;
  /** Resolves trait methods to impls (after substitution); identity for other fns. */
  resolveInstance(ref: FnRef): ResolvedCallee;
  /** Resolves a trait's associated const (`T::N`, after substitution) to the impl's const; identity for others. */
  resolveConst(def: ConstDef, args: Ty[]): { def: ConstDef; args: Ty[] };
  /** Every index expression with its proof, in source order (for `--explain-bounds`). */
  indexProofs: { span: Span; proof: IndexProof }[];
}

// ---------------------------------------------------------------- helpers

/** A `for` loop's iterator, flattened: where items come from and the adapters applied in order. */
export interface ForPlan {
  source:
    | { kind: 'range'; lo: HirExpr | null; hi: HirExpr | null; inclusive: boolean }
    | { kind: 'slice'; slice: HirExpr; mut: boolean }
    | { kind: 'array'; array: HirExpr }
    | { kind: 'value'; iter: HirExpr };
  adapters: ({ kind: 'rev' } | { kind: 'stepBy'; step: HirExpr } | { kind: 'enumerate' })[];
}

/**
 * Flattens a `for` iterator expression built directly from a source and
 * adapter calls (`(0..n).rev().step_by(2)`, `a.iter().enumerate()`); any other
 * expression is `{ kind: 'value' }` (an iterator stored in a variable).
 */
export function forPlan(iter: HirExpr): ForPlan {
  const adapters: ForPlan['adapters'] = [];
  let e = iter;
  for (;;) {
    if (e.kind === 'call' && e.callee.kind === 'builtin') {
      const n = e.callee.name;
      if (n === 'rev') { adapters.unshift({ kind: 'rev' }); e = e.args[0]!; continue; }
      if (n === 'enumerate') { adapters.unshift({ kind: 'enumerate' }); e = e.args[0]!; continue; }
      if (n === 'step_by') { adapters.unshift({ kind: 'stepBy', step: e.args[1]! }); e = e.args[0]!; continue; }
      if (n === 'into_iter' && e.ty.kind === 'builtin' && e.ty.name === 'ArrayIntoIter') return { source: { kind: 'array', array: e.args[0]! }, adapters };
      if (n === 'iter' || n === 'iter_mut') return { source: { kind: 'slice', slice: e.args[0]!, mut: n === 'iter_mut' }, adapters };
      if (n === 'into_iter') { e = e.args[0]!; continue; }
    }
    if (e.kind === 'range') return { source: { kind: 'range', lo: e.lo, hi: e.hi, inclusive: e.inclusive }, adapters };
    return { source: { kind: 'value', iter: e }, adapters };
  }
}
