// The semantic type model. Types are interned in a TypeTable (one per
// compilation, never global): structurally equal types are the same object, so
// `a === b` is type equality once inference variables are resolved.
//
// Invariants
// - Every Ty is created by TypeTable and carries a dense `id` and `flags`
//   (HAS_VAR / HAS_PARAM / HAS_ERROR) computed at interning, so substitution and
//   resolution skip whole subtrees that contain nothing to replace.
// - `var` and `intVar` exist only while a body is being inferred; the typed HIR
//   handed to back ends contains neither (integer variables default to i32).
// - `param` types are indices into a substitution list (see Generics in defs.ts):
//   parent generics (impl or trait, with a trait's `Self` at index 0) first, then
//   the item's own parameters.
// - `slice` is the unsized `[T]` and `str` the unsized string; values of them
//   only exist behind `ref`/`ptr` (fat pointers) or as places (`a[1..3]`).
import type { AdtDef } from './defs.ts';

export type IntKind = 'i8' | 'i16' | 'i32' | 'i64' | 'isize' | 'u8' | 'u16' | 'u32' | 'u64' | 'usize';

export const INT_KINDS: readonly IntKind[] = ['i8', 'i16', 'i32', 'i64', 'isize', 'u8', 'u16', 'u32', 'u64', 'usize'];

/** Pointer width of the targets (Cortex-M and RV32): isize/usize are 32-bit. */
export const POINTER_BITS = 32;

export function intBits(k: IntKind): number {
  switch (k) {
    case 'i8': case 'u8': return 8;
    case 'i16': case 'u16': return 16;
    case 'i32': case 'u32': return 32;
    case 'i64': case 'u64': return 64;
    case 'isize': case 'usize': return POINTER_BITS;
  }
}

export function intSigned(k: IntKind): boolean {
  return k.charCodeAt(0) === 105; // 'i'
}

export function intMin(k: IntKind): bigint {
  return intSigned(k) ? -(1n << BigInt(intBits(k) - 1)) : 0n;
}

export function intMax(k: IntKind): bigint {
  return intSigned(k) ? (1n << BigInt(intBits(k) - 1)) - 1n : (1n << BigInt(intBits(k))) - 1n;
}

/** `v` reduced to the range of `k` with two's-complement wrapping (what `as` does). */
export function wrapInt(v: bigint, k: IntKind): bigint {
  const bits = BigInt(intBits(k));
  return intSigned(k) ? BigInt.asIntN(Number(bits), v) : BigInt.asUintN(Number(bits), v);
}

/** Built-in library types the checker knows by name (ranges and the iterators `for` uses). */
export type BuiltinTyName =
  | 'Range' | 'RangeInclusive' | 'RangeFrom' | 'RangeTo' | 'RangeToInclusive' | 'RangeFull'
  /** `slice.iter()` → items `&T`; `iter_mut()` → `&mut T`; `[T; N]` by value → `T`. */
  | 'SliceIter' | 'SliceIterMut' | 'ArrayIntoIter'
  /** Adapters over an iterator (args[0]). StepBy and Rev keep the item; Enumerate yields (usize, item). */
  | 'Rev' | 'StepBy' | 'Enumerate';

export const F_VAR = 1;
export const F_PARAM = 2;
export const F_ERROR = 4;

interface TyBase { readonly id: number; readonly flags: number }

export type Ty = TyBase & (
  | { readonly kind: 'int'; readonly int: IntKind }
  | { readonly kind: 'bool' }
  | { readonly kind: 'char' }
  | { readonly kind: 'str' }
  | { readonly kind: 'never' }
  /** `()` is the empty tuple. */
  | { readonly kind: 'tuple'; readonly elems: readonly Ty[] }
  /** `len` is a `constVal`, or a const generic `param` / inference `var` while generic. */
  | { readonly kind: 'array'; readonly elem: Ty; readonly len: Ty }
  /** A type-level constant: an array length or a const generic argument. */
  | { readonly kind: 'constVal'; readonly value: bigint }
  | { readonly kind: 'slice'; readonly elem: Ty }
  | { readonly kind: 'ref'; readonly mut: boolean; readonly inner: Ty }
  | { readonly kind: 'ptr'; readonly mut: boolean; readonly inner: Ty }
  /** Function pointers; fn items and non-capturing closures coerce to them. */
  | { readonly kind: 'fnPtr'; readonly params: readonly Ty[]; readonly ret: Ty }
  | { readonly kind: 'adt'; readonly def: AdtDef; readonly args: readonly Ty[] }
  | { readonly kind: 'builtin'; readonly name: BuiltinTyName; readonly args: readonly Ty[] }
  | { readonly kind: 'param'; readonly index: number; readonly name: string }
  | { readonly kind: 'var'; readonly vid: number }
  /** An integer-literal variable: unifies only with integer types; defaults to i32. */
  | { readonly kind: 'intVar'; readonly vid: number }
  /** The type of an erroneous expression; unifies with anything, silences follow-up errors. */
  | { readonly kind: 'error' }
);

export type TyOf<K extends Ty['kind']> = Extract<Ty, { kind: K }>;

type Shape = Ty extends infer T ? (T extends Ty ? Omit<T, 'id' | 'flags'> : never) : never;

function childFlags(list: readonly Ty[]): number {
  let f = 0;
  for (const t of list) f |= t.flags;
  return f;
}

/** Interns types; one table per compilation (back ends keep using it to build types). */
export class TypeTable {
  private readonly map = new Map<string, Ty>();
  private nextId = 0;
  private nextVid = 0;

  readonly bool: Ty;
  readonly char: Ty;
  readonly str: Ty;
  readonly never: Ty;
  readonly unit: Ty;
  readonly error: Ty;
  readonly ints: Readonly<Record<IntKind, Ty>>;
  readonly i32: Ty;
  readonly usize: Ty;
  readonly u8: Ty;
  /** `&'static str` */
  readonly refStr: Ty;

  constructor() {
    this.bool = this.intern('bool', { kind: 'bool' }, 0);
    this.char = this.intern('char', { kind: 'char' }, 0);
    this.str = this.intern('str', { kind: 'str' }, 0);
    this.never = this.intern('!', { kind: 'never' }, 0);
    this.unit = this.intern('()', { kind: 'tuple', elems: [] }, 0);
    this.error = this.intern('{error}', { kind: 'error' }, F_ERROR);
    const ints = {} as Record<IntKind, Ty>;
    for (const k of INT_KINDS) ints[k] = this.intern(k, { kind: 'int', int: k }, 0);
    this.ints = ints;
    this.i32 = ints.i32;
    this.usize = ints.usize;
    this.u8 = ints.u8;
    this.refStr = this.ref(false, this.str);
  }

  private intern(key: string, shape: Shape, flags: number): Ty {
    let t = this.map.get(key);
    if (t === undefined) {
      t = { ...shape, id: this.nextId++, flags } as Ty;
      this.map.set(key, t);
    }
    return t;
  }

  get size(): number {
    return this.map.size;
  }

  int(k: IntKind): Ty {
    return this.ints[k];
  }

  tuple(elems: readonly Ty[]): Ty {
    if (elems.length === 0) return this.unit;
    return this.intern(`(${elems.map((e) => e.id).join(',')})`, { kind: 'tuple', elems: [...elems] }, childFlags(elems));
  }

  array(elem: Ty, len: number | Ty): Ty {
    const l = typeof len === 'number' ? this.constVal(BigInt(len)) : len;
    return this.intern(`[${elem.id};${l.id}]`, { kind: 'array', elem, len: l }, elem.flags | l.flags);
  }

  constVal(value: bigint): Ty {
    return this.intern(`#${value}`, { kind: 'constVal', value }, 0);
  }

  slice(elem: Ty): Ty {
    return this.intern(`[${elem.id}]`, { kind: 'slice', elem }, elem.flags);
  }

  ref(mut: boolean, inner: Ty): Ty {
    return this.intern(`&${mut ? 'm' : ''}${inner.id}`, { kind: 'ref', mut, inner }, inner.flags);
  }

  ptr(mut: boolean, inner: Ty): Ty {
    return this.intern(`*${mut ? 'm' : 'c'}${inner.id}`, { kind: 'ptr', mut, inner }, inner.flags);
  }

  fnPtr(params: readonly Ty[], ret: Ty): Ty {
    return this.intern(`fn(${params.map((p) => p.id).join(',')})${ret.id}`, { kind: 'fnPtr', params: [...params], ret }, childFlags(params) | ret.flags);
  }

  adt(def: AdtDef, args: readonly Ty[]): Ty {
    return this.intern(`adt${def.id}<${args.map((a) => a.id).join(',')}>`, { kind: 'adt', def, args: [...args] }, childFlags(args));
  }

  builtin(name: BuiltinTyName, args: readonly Ty[]): Ty {
    return this.intern(`${name}<${args.map((a) => a.id).join(',')}>`, { kind: 'builtin', name, args: [...args] }, childFlags(args));
  }

  param(index: number, name: string): Ty {
    return this.intern(`P${index}:${name}`, { kind: 'param', index, name }, F_PARAM);
  }

  /** A fresh general inference variable. */
  freshVar(): Ty {
    const vid = this.nextVid++;
    return this.intern(`?${vid}`, { kind: 'var', vid }, F_VAR);
  }

  /** A fresh integer-literal inference variable. */
  freshIntVar(): Ty {
    const vid = this.nextVid++;
    return this.intern(`?i${vid}`, { kind: 'intVar', vid }, F_VAR);
  }

  /** Rebuilds `t` with `f` applied to each direct child type (identity when unchanged). */
  mapChildren(t: Ty, f: (c: Ty) => Ty): Ty {
    switch (t.kind) {
      case 'tuple': return this.tuple(t.elems.map(f));
      case 'array': return this.array(f(t.elem), f(t.len));
      case 'slice': return this.slice(f(t.elem));
      case 'ref': return this.ref(t.mut, f(t.inner));
      case 'ptr': return this.ptr(t.mut, f(t.inner));
      case 'fnPtr': return this.fnPtr(t.params.map(f), f(t.ret));
      case 'adt': return this.adt(t.def, t.args.map(f));
      case 'builtin': return this.builtin(t.name, t.args.map(f));
      default: return t;
    }
  }

  /** Replaces `param` types by `args[index]` (params beyond `args` are kept). */
  subst(t: Ty, args: readonly Ty[]): Ty {
    if ((t.flags & F_PARAM) === 0 || args.length === 0) return t;
    if (t.kind === 'param') return args[t.index] ?? t;
    return this.mapChildren(t, (c) => this.subst(c, args));
  }

  /** Identity substitution for `count` parameters named by `names`. */
  identityArgs(names: readonly string[]): Ty[] {
    return names.map((n, i) => this.param(i, n));
  }
}

// ---------------------------------------------------------------- queries

export function isInt(t: Ty): boolean {
  return t.kind === 'int' || t.kind === 'intVar';
}

/** The length of an array type when it is a known constant. */
export function arrayLen(t: Ty): number | null {
  return t.kind === 'array' && t.len.kind === 'constVal' ? Number(t.len.value) : null;
}

export function isUnit(t: Ty): boolean {
  return t.kind === 'tuple' && t.elems.length === 0;
}

/** Types whose values are copied rather than moved (used by the `Copy` built-in impls). */
export function isPrimitiveScalar(t: Ty): boolean {
  return t.kind === 'int' || t.kind === 'bool' || t.kind === 'char' || t.kind === 'never';
}

/** Element type a range builtin iterates over. */
export function rangeElem(t: Ty): Ty | null {
  if (t.kind !== 'builtin') return null;
  switch (t.name) {
    case 'Range': case 'RangeInclusive': case 'RangeFrom': case 'RangeTo': case 'RangeToInclusive':
      return t.args[0] ?? null;
    default: return null;
  }
}

/**
 * Item type of a built-in iterator type, or null when `t` is not an iterator.
 * Only `Range`, `RangeInclusive` and `RangeFrom` iterate (as in Rust).
 */
export function iterItem(types: TypeTable, t: Ty): Ty | null {
  if (t.kind !== 'builtin') return null;
  const a = t.args[0]!;
  switch (t.name) {
    case 'Range': case 'RangeInclusive': case 'RangeFrom': return a;
    case 'SliceIter': return types.ref(false, a);
    case 'SliceIterMut': return types.ref(true, a);
    case 'ArrayIntoIter': return a;
    case 'Rev': case 'StepBy': return iterItem(types, a);
    case 'Enumerate': {
      const inner = iterItem(types, a);
      return inner ? types.tuple([types.usize, inner]) : null;
    }
    default: return null;
  }
}

/** Whether `Rev` applies: Rust needs a DoubleEndedIterator (not RangeFrom; StepBy also needs ExactSizeIterator). */
export function isDoubleEnded(t: Ty): boolean {
  if (t.kind !== 'builtin') return false;
  switch (t.name) {
    case 'Range': case 'RangeInclusive': case 'SliceIter': case 'SliceIterMut': case 'ArrayIntoIter': return true;
    case 'StepBy': return isDoubleEnded(t.args[0]!) && isExactSize(t.args[0]!);
    case 'Rev': case 'Enumerate': return isDoubleEnded(t.args[0]!);
    default: return false;
  }
}

/** Rust's ExactSizeIterator: ranges of at most 32-bit (16-bit when inclusive) integers, slices, arrays. */
export function isExactSize(t: Ty): boolean {
  if (t.kind !== 'builtin') return false;
  const a = t.args[0];
  switch (t.name) {
    case 'Range': return a?.kind === 'intVar' || a?.kind === 'int' && intBits(a.int) <= 32 && a.int !== 'i64' && a.int !== 'u64';
    case 'RangeInclusive': return a?.kind === 'intVar' || a?.kind === 'int' && intBits(a.int) <= 16;
    case 'SliceIter': case 'SliceIterMut': case 'ArrayIntoIter': return true;
    case 'Rev': case 'StepBy': case 'Enumerate': return isExactSize(a!);
    default: return false;
  }
}

// ---------------------------------------------------------------- display

/** How rustc writes a type in messages: `&mut [u8]`, `Option<i32>`, `{integer}`. */
export function displayTy(t: Ty, resolve?: (t: Ty) => Ty): string {
  const r = resolve ? resolve(t) : t;
  const d = (x: Ty): string => displayTy(x, resolve);
  switch (r.kind) {
    case 'int': return r.int;
    case 'bool': return 'bool';
    case 'char': return 'char';
    case 'str': return 'str';
    case 'never': return '!';
    case 'tuple': return r.elems.length === 1 ? `(${d(r.elems[0]!)},)` : `(${r.elems.map(d).join(', ')})`;
    case 'array': return `[${d(r.elem)}; ${d(r.len)}]`;
    case 'constVal': return String(r.value);
    case 'slice': return `[${d(r.elem)}]`;
    case 'ref': return `&${r.mut ? 'mut ' : ''}${d(r.inner)}`;
    case 'ptr': return `*${r.mut ? 'mut' : 'const'} ${d(r.inner)}`;
    case 'fnPtr': return `fn(${r.params.map(d).join(', ')})${r.ret.kind === 'tuple' && r.ret.elems.length === 0 ? '' : ` -> ${d(r.ret)}`}`;
    case 'adt': return r.args.length ? `${r.def.name}<${r.args.map(d).join(', ')}>` : r.def.name;
    case 'builtin': {
      if (r.name === 'RangeFull') return 'RangeFull';
      return `${r.name}<${r.args.map(d).join(', ')}>`;
    }
    case 'param': return r.name;
    case 'var': return '_';
    case 'intVar': return '{integer}';
    case 'error': return '{unknown}';
  }
}
