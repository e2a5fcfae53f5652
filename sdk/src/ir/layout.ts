// Data layout of every HIR type on a 32-bit target (docs/abi.md is the prose
// version of this file; keep them in step).
//
// Rules (all targets, little-endian, ptr = 4 bytes):
// - Integers: their width; i64/u64 align 8. isize/usize = i32. bool = 1 byte
//   (0/1), char = 4 bytes (a Unicode scalar value).
// - `()`, `!`, empty structs/tuples, zero-variant enums: size 0, align 1.
// - `&T`, `&mut T`, `*const T`, `*mut T` to sized T, `fn(..)`: one pointer.
//   To `[T]`/`str` they are fat: { ptr @0, len: usize @4 }, size 8, align 4.
// - Structs and tuples: fields in declaration order, each at the next offset
//   aligned to its alignment, size rounded up to the largest alignment. This is
//   exactly `#[repr(C)]`, for every struct (Rust may reorder; we never do).
// - Arrays `[T; N]`: N elements, stride = size of T.
// - Enums: a tag holding the variant's discriminant at offset 0, then each
//   variant's fields laid out as a repr(C) struct that *starts with the tag*
//   (Rust's `#[repr(u8)]`-style layout). The tag is the smallest integer type
//   that holds every discriminant (u8/i8, u16/i16, u32/i32, i64), or the
//   `#[repr(int)]` type; `#[repr(C)]` enums use an i32 tag and put all payloads
//   at one offset (the union is aligned to the largest payload alignment), as C
//   does. There is no niche optimisation: Option<&T> is { tag, pointer }.
// - Built-in library types: Range<T> {start, end}, RangeInclusive<T>
//   {start, end, exhausted: bool}, RangeFrom<T> {start}, RangeTo<T> {end},
//   RangeToInclusive<T> {end}, RangeFull {}, SliceIter(Mut)<T> {ptr, len: usize},
//   Rev<I> = I, StepBy<I> {iter: I, step: usize, first_take: bool},
//   Enumerate<I> {iter: I, count: usize}.
//
// How values travel in SSA (the `abi` field): ZSTs are no value, primitives,
// thin pointers and field-less enums are one scalar, fat pointers are a pair
// (ptr, i32); everything else lives in memory and is handled by address.
import type { Ty as IrTy } from './ir.ts';
import type { Ty, TypeTable, IntKind } from '../check/types.ts';
import { arrayLen, intBits, intSigned, displayTy } from '../check/types.ts';
import type { AdtDef } from '../check/defs.ts';

export type Abi =
  | { kind: 'zst' }
  | { kind: 'scalar'; ty: IrTy; signed: boolean }
  | { kind: 'pair'; a: IrTy; b: IrTy; offB: number }
  | { kind: 'mem' };

export interface TagLayout {
  ty: IrTy;
  signed: boolean;
  /** IntKind of the tag (for `as` casts of field-less enums). */
  int: IntKind;
}

export interface VariantLayout {
  /** Byte offset of each field in the enum value (declaration order). */
  offsets: number[];
  /** Field types after substitution. */
  tys: Ty[];
  discriminant: bigint;
}

export interface Layout {
  size: number;
  align: number;
  abi: Abi;
  /** Structs, tuples, builtin structs: field offsets and types. */
  offsets?: number[];
  tys?: Ty[];
  /** Enums. */
  tag?: TagLayout;
  variants?: VariantLayout[];
  /** Arrays: element type and stride. */
  elem?: Ty;
  stride?: number;
  len?: number;
}

export class LayoutError extends Error {}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export function intIrTy(k: IntKind): IrTy {
  switch (intBits(k)) {
    case 8: return 'i8';
    case 16: return 'i16';
    case 64: return 'i64';
    default: return 'i32';
  }
}

/** Is `t` unsized (`[T]`, `str`): references to it are fat pointers. */
export function isUnsized(t: Ty): boolean {
  return t.kind === 'slice' || t.kind === 'str';
}

function scalar(size: number, ty: IrTy, signed = false): Layout {
  return { size, align: size, abi: { kind: 'scalar', ty, signed } };
}

const ZST: Layout = { size: 0, align: 1, abi: { kind: 'zst' }, offsets: [], tys: [] };

/** Computes and caches layouts. One per compilation (the TypeTable is needed to substitute ADT field types). */
export class Layouts {
  private readonly cache = new Map<number, Layout>();
  private readonly inProgress = new Set<number>();

  constructor(readonly types: TypeTable, readonly ptrBytes = 4) {}

  of(t: Ty): Layout {
    let l = this.cache.get(t.id);
    if (l) return l;
    if (this.inProgress.has(t.id)) throw new LayoutError(`type \`${displayTy(t)}\` has infinite size`);
    this.inProgress.add(t.id);
    try {
      l = this.compute(t);
    } finally {
      this.inProgress.delete(t.id);
    }
    this.cache.set(t.id, l);
    return l;
  }

  /** Layout of a repr(C) struct with the given field types, starting at `start`. */
  structOf(tys: readonly Ty[], start = 0, minAlign = 1): Layout {
    let off = start;
    let align = minAlign;
    const offsets: number[] = [];
    for (const ft of tys) {
      const fl = this.of(ft);
      off = alignUp(off, fl.align);
      offsets.push(off);
      off += fl.size;
      align = Math.max(align, fl.align);
    }
    const size = alignUp(off, align);
    return { size, align, abi: size === 0 ? { kind: 'zst' } : { kind: 'mem' }, offsets, tys: [...tys] };
  }

  private compute(t: Ty): Layout {
    const P = this.ptrBytes;
    const T = this.types;
    switch (t.kind) {
      case 'int': {
        const bytes = intBits(t.int) / 8;
        return scalar(bytes, intIrTy(t.int), intSigned(t.int));
      }
      case 'bool': return scalar(1, 'i8');
      case 'char': return scalar(4, 'i32');
      case 'never': return ZST;
      case 'tuple': return this.structOf(t.elems);
      case 'array': {
        const el = this.of(t.elem);
        const len = arrayLen(t);
        if (len === null) throw new LayoutError(`internal: array length of \`${displayTy(t)}\` is not a constant`);
        const size = el.size * len;
        return { size, align: el.align, abi: size === 0 ? { kind: 'zst' } : { kind: 'mem' }, elem: t.elem, stride: el.size, len };
      }
      case 'ref': case 'ptr':
        if (isUnsized(t.inner)) return { size: 2 * P, align: P, abi: { kind: 'pair', a: 'ptr', b: 'i32', offB: P } };
        return scalar(P, 'ptr');
      case 'fnPtr': return scalar(P, 'ptr');
      case 'adt': return this.adt(t.def, t.args);
      case 'builtin': {
        const a = t.args[0]!;
        switch (t.name) {
          case 'Range': return this.structOf([a, a]);
          case 'RangeInclusive': return this.structOf([a, a, T.bool]);
          case 'RangeFrom': case 'RangeTo': case 'RangeToInclusive': return this.structOf([a]);
          case 'RangeFull': return ZST;
          case 'SliceIter': case 'SliceIterMut': return this.structOf([T.ptr(false, a), T.usize]);
          case 'Rev': return this.of(a);
          case 'StepBy': return this.structOf([a, T.usize, T.bool]);
          case 'Enumerate': return this.structOf([a, T.usize]);
          case 'ArrayIntoIter':
            throw new LayoutError('an array iterator (`array.into_iter()`) stored in a variable is not supported; iterate the array directly in `for`');
        }
        break;
      }
      case 'slice': case 'str':
        throw new LayoutError(`\`${displayTy(t)}\` has no size known at compile time`);
      case 'param': case 'var': case 'intVar': case 'error': case 'constVal':
        throw new LayoutError(`internal: layout of unresolved type \`${displayTy(t)}\``);
    }
    throw new LayoutError(`internal: no layout for \`${displayTy(t)}\``);
  }

  /** Field types of variant `v` of an ADT instance, after substitution. */
  fieldTys(def: AdtDef, args: readonly Ty[], v: number): Ty[] {
    return def.variants[v]!.fields.map((f) => this.types.subst(f.ty, args));
  }

  private adt(def: AdtDef, args: readonly Ty[]): Layout {
    if (def.adtKind === 'struct') {
      const l = this.structOf(this.fieldTys(def, args, 0));
      return this.packedOrAligned(def, l);
    }
    const n = def.variants.length;
    if (n === 0) return ZST;
    const tag = this.tagFor(def);
    const tagL = this.of(this.types.int(tag.int));
    const reprC = def.repr === 'C' || /\bC\b/.test(def.repr ?? '');
    const variantTys = def.variants.map((_, v) => this.fieldTys(def, args, v));
    let payloadStart = tagL.size;
    if (reprC) {
      let maxAlign = 1;
      for (const tys of variantTys) for (const ft of tys) maxAlign = Math.max(maxAlign, this.of(ft).align);
      payloadStart = alignUp(tagL.size, maxAlign);
    }
    let size = tagL.size;
    let align = tagL.align;
    const variants: VariantLayout[] = [];
    def.variants.forEach((vd, v) => {
      const sl = this.structOf(variantTys[v]!, payloadStart, tagL.align);
      variants.push({ offsets: sl.offsets!, tys: variantTys[v]!, discriminant: vd.discriminant });
      size = Math.max(size, sl.size);
      align = Math.max(align, sl.align);
    });
    size = alignUp(size, align);
    const fieldless = variantTys.every((tys) => tys.every((ft) => this.of(ft).size === 0));
    const abi: Abi = fieldless && size === tagL.size ? { kind: 'scalar', ty: tag.ty, signed: tag.signed } : { kind: 'mem' };
    return { size, align, abi, tag, variants };
  }

  private packedOrAligned(def: AdtDef, l: Layout): Layout {
    const m = /align\((\d+)\)/.exec(def.repr ?? '');
    if (!m) return l;
    const a = Math.max(l.align, Number(m[1]));
    return { ...l, align: a, size: alignUp(l.size, a), abi: l.size === 0 ? l.abi : { kind: 'mem' } };
  }

  /** The tag type of an enum: `#[repr(int)]`, i32 for `#[repr(C)]`, else the smallest that fits. */
  tagFor(def: AdtDef): TagLayout {
    const repr = def.repr ?? '';
    const m = /\b(u8|i8|u16|i16|u32|i32|u64|i64|usize|isize)\b/.exec(repr);
    let k: IntKind;
    if (m) k = m[1] as IntKind;
    else if (/\bC\b/.test(repr)) k = 'i32';
    else {
      let lo = 0n, hi = 0n;
      for (const v of def.variants) {
        if (v.discriminant < lo) lo = v.discriminant;
        if (v.discriminant > hi) hi = v.discriminant;
      }
      if (lo >= 0n) k = hi < 256n ? 'u8' : hi < 65536n ? 'u16' : hi < 1n << 32n ? 'u32' : 'u64';
      else {
        const fits = (bits: bigint) => lo >= -(1n << (bits - 1n)) && hi < 1n << (bits - 1n);
        k = fits(8n) ? 'i8' : fits(16n) ? 'i16' : fits(32n) ? 'i32' : 'i64';
      }
    }
    return { ty: intIrTy(k), signed: intSigned(k), int: k };
  }

  /** IR types of a value of type `t` when passed/returned in SSA. */
  irTys(t: Ty): IrTy[] {
    const a = this.of(t).abi;
    switch (a.kind) {
      case 'zst': return [];
      case 'scalar': return [a.ty];
      case 'pair': return [a.a, a.b];
      case 'mem': return ['ptr'];
    }
  }
}
