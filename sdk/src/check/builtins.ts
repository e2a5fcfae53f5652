// Built-in methods and associated constants of primitive and library types:
// integer methods (wrapping_*, checked_*, pow, ...), char predicates, `len`,
// `as_bytes`, the iterator constructors and adapters `for` uses, and
// `u32::MAX`-style constants. The table gives each method its receiver mode
// (by value, `&self`, `&mut self`) and signature; the back end implements
// them (BuiltinMethod in hir.ts) with Rust's semantics.
import type { FnCtx } from './body.ts';
import type { BuiltinMethod } from './hir.ts';
import { intMax, intMin, intBits, intSigned, isDoubleEnded, iterItem, type IntKind, type Ty, type TypeTable } from './types.ts';

export type RecvMode = 'value' | 'ref' | 'refMut';

interface Spec {
  recv: RecvMode;
  /** Only callable as `u32::name(x)`, not as a method. */
  assocOnly?: boolean;
  signed?: boolean;
  unsigned?: boolean;
  /** Parameter kinds after self: 'self' = the receiver type, 'u32', 'usize', 'refElem' (&T). */
  params: readonly ('self' | 'u32' | 'usize' | 'refElem' | 'elem' | 'refSlice')[];
  ret: 'self' | 'bool' | 'u32' | 'usize' | 'char' | 'unit' | 'optSelf' | 'optU32' | 'pairSelfBool' | 'unsignedSelf' | 'special';
}

const INT: Record<string, Spec> = {};
function int(names: string, spec: Spec): void {
  for (const n of names.split(' ')) INT[n] = spec;
}
int('wrapping_add wrapping_sub wrapping_mul wrapping_div wrapping_rem saturating_add saturating_sub saturating_mul min max rem_euclid div_euclid',
  { recv: 'value', params: ['self'], ret: 'self' });
int('wrapping_neg swap_bytes reverse_bits to_be to_le', { recv: 'value', params: [], ret: 'self' });
int('from_be from_le', { recv: 'value', params: [], ret: 'self', assocOnly: true });
int('wrapping_shl wrapping_shr rotate_left rotate_right pow wrapping_pow saturating_pow', { recv: 'value', params: ['u32'], ret: 'self' });
int('checked_add checked_sub checked_mul checked_div checked_rem', { recv: 'value', params: ['self'], ret: 'optSelf' });
int('checked_neg', { recv: 'value', params: [], ret: 'optSelf' });
int('checked_shl checked_shr checked_pow', { recv: 'value', params: ['u32'], ret: 'optSelf' });
int('overflowing_add overflowing_sub overflowing_mul', { recv: 'value', params: ['self'], ret: 'pairSelfBool' });
int('count_ones count_zeros leading_zeros trailing_zeros leading_ones trailing_ones', { recv: 'value', params: [], ret: 'u32' });
INT.abs = { recv: 'value', params: [], ret: 'self', signed: true };
INT.signum = { recv: 'value', params: [], ret: 'self', signed: true };
INT.is_positive = { recv: 'value', params: [], ret: 'bool', signed: true };
INT.is_negative = { recv: 'value', params: [], ret: 'bool', signed: true };
INT.abs_diff = { recv: 'value', params: ['self'], ret: 'unsignedSelf' };
INT.is_power_of_two = { recv: 'value', params: [], ret: 'bool', unsigned: true };

const CHAR: Record<string, Spec> = {};
for (const n of 'is_ascii_digit is_alphabetic is_ascii is_ascii_alphabetic is_ascii_uppercase is_ascii_lowercase is_whitespace is_ascii_whitespace is_alphanumeric is_ascii_alphanumeric'.split(' ')) {
  CHAR[n] = { recv: 'value', params: [], ret: 'bool' };
}
CHAR.to_digit = { recv: 'value', params: ['u32'], ret: 'optU32' };
CHAR.to_ascii_uppercase = { recv: 'value', params: [], ret: 'char' };
CHAR.to_ascii_lowercase = { recv: 'value', params: [], ret: 'char' };

const SLICE: Record<string, Spec> = {
  len: { recv: 'ref', params: [], ret: 'usize' },
  is_empty: { recv: 'ref', params: [], ret: 'bool' },
  iter: { recv: 'ref', params: [], ret: 'special' },
  iter_mut: { recv: 'refMut', params: [], ret: 'special' },
  as_ptr: { recv: 'ref', params: [], ret: 'special' },
  as_mut_ptr: { recv: 'refMut', params: [], ret: 'special' },
  get: { recv: 'ref', params: ['usize'], ret: 'special' },
  get_mut: { recv: 'refMut', params: ['usize'], ret: 'special' },
  first: { recv: 'ref', params: [], ret: 'special' },
  last: { recv: 'ref', params: [], ret: 'special' },
  first_mut: { recv: 'refMut', params: [], ret: 'special' },
  last_mut: { recv: 'refMut', params: [], ret: 'special' },
  contains: { recv: 'ref', params: ['refElem'], ret: 'bool' },
  swap: { recv: 'refMut', params: ['usize', 'usize'], ret: 'unit' },
  fill: { recv: 'refMut', params: ['elem'], ret: 'unit' },
  reverse: { recv: 'refMut', params: [], ret: 'unit' },
  copy_from_slice: { recv: 'refMut', params: ['refSlice'], ret: 'unit' },
};

const STR: Record<string, Spec> = {
  len: { recv: 'ref', params: [], ret: 'usize' },
  is_empty: { recv: 'ref', params: [], ret: 'bool' },
  as_bytes: { recv: 'ref', params: [], ret: 'special' },
  as_ptr: { recv: 'ref', params: [], ret: 'special' },
};

const ITER: Record<string, Spec> = {
  rev: { recv: 'value', params: [], ret: 'special' },
  step_by: { recv: 'value', params: ['usize'], ret: 'special' },
  enumerate: { recv: 'value', params: [], ret: 'special' },
  into_iter: { recv: 'value', params: [], ret: 'special' },
  next: { recv: 'refMut', params: [], ret: 'special' },
};

const RANGE_QUERY: Record<string, Spec> = {
  contains: { recv: 'ref', params: ['refElem'], ret: 'bool' },
};

function table(t: Ty): Record<string, Spec> | null {
  switch (t.kind) {
    case 'int': return INT;
    case 'char': return CHAR;
    case 'slice': return SLICE;
    case 'str': return STR;
    case 'builtin': return null;
    default: return null;
  }
}

function specFor(T: TypeTable, t: Ty, name: string): Spec | null {
  if (t.kind === 'intVar') return name === 'min' || name === 'max' ? INT[name]! : null;
  if (t.kind === 'array' && name === 'into_iter') return ITER.into_iter!;
  if (t.kind === 'builtin') {
    if (name === 'contains' && t.name.startsWith('Range')) return RANGE_QUERY.contains!;
    if (iterItem(T, t) === null) return null;
    const s = ITER[name];
    if (!s) return null;
    if (name === 'rev' && !isDoubleEnded(t)) return null;
    return s;
  }
  const tab = table(t);
  const s = tab ? Object.hasOwn(tab, name) ? tab[name]! : null : null;
  if (!s) return null;
  if (t.kind === 'int' && (s.signed && !intSigned(t.int) || s.unsigned && intSigned(t.int))) return null;
  return s;
}

/** The built-in method `name` of receiver type `t` (after auto-deref), or null. */
export function builtinMethod(fx: FnCtx, t: Ty, name: string, assoc: boolean): { name: BuiltinMethod; recv: RecvMode; selfTy: Ty } | null {
  const s = specFor(fx.T, t, name);
  if (!s || (s.assocOnly && !assoc)) return null;
  return { name: name as BuiltinMethod, recv: s.recv, selfTy: t };
}

/** Parameter types (after the receiver) and return type of a built-in method on `selfTy`. */
export function builtinSig(fx: FnCtx, name: BuiltinMethod, selfTy: Ty): { params: Ty[]; ret: Ty; recvTy: Ty } {
  const T = fx.T;
  const s = specFor(T, selfTy, name)!;
  const elem = selfTy.kind === 'slice' || selfTy.kind === 'array' ? selfTy.elem : selfTy.kind === 'builtin' ? selfTy.args[0] ?? T.error : T.error;
  const params = s.params.map((p) => {
    switch (p) {
      case 'self': return selfTy;
      case 'u32': return T.int('u32');
      case 'usize': return T.usize;
      case 'refElem': return T.ref(false, elem);
      case 'elem': return elem;
      case 'refSlice': return T.ref(false, T.slice(elem));
    }
  });
  const option = fx.ctx.lang.option;
  const opt = (t: Ty): Ty => (option ? T.adt(option, [t]) : T.error);
  let ret: Ty;
  switch (s.ret) {
    case 'self': ret = selfTy; break;
    case 'bool': ret = T.bool; break;
    case 'u32': ret = T.int('u32'); break;
    case 'usize': ret = T.usize; break;
    case 'char': ret = T.char; break;
    case 'unit': ret = T.unit; break;
    case 'optSelf': ret = opt(selfTy); break;
    case 'optU32': ret = opt(T.int('u32')); break;
    case 'pairSelfBool': ret = T.tuple([selfTy, T.bool]); break;
    case 'unsignedSelf': ret = selfTy.kind === 'int' ? T.int(selfTy.int.replace('i', 'u') as IntKind) : selfTy; break;
    case 'special': ret = specialRet(fx, name, selfTy); break;
  }
  const recvTy = s.recv === 'value' ? selfTy : T.ref(s.recv === 'refMut', selfTy);
  return { params, ret, recvTy };
}

function specialRet(fx: FnCtx, name: BuiltinMethod, selfTy: Ty): Ty {
  const T = fx.T;
  switch (name) {
    case 'iter': return T.builtin('SliceIter', [(selfTy as Ty & { kind: 'slice' }).elem]);
    case 'iter_mut': return T.builtin('SliceIterMut', [(selfTy as Ty & { kind: 'slice' }).elem]);
    case 'as_ptr': return T.ptr(false, selfTy.kind === 'str' ? T.u8 : (selfTy as Ty & { kind: 'slice' }).elem);
    case 'as_mut_ptr': return T.ptr(true, (selfTy as Ty & { kind: 'slice' }).elem);
    case 'as_bytes': return T.ref(false, T.slice(T.u8));
    case 'get': case 'first': case 'last': case 'get_mut': case 'first_mut': case 'last_mut': {
      const m = name.endsWith('mut');
      const el = (selfTy as Ty & { kind: 'slice' }).elem;
      return fx.ctx.lang.option ? T.adt(fx.ctx.lang.option, [T.ref(m, el)]) : T.error;
    }
    case 'rev': return T.builtin('Rev', [selfTy]);
    case 'step_by': return T.builtin('StepBy', [selfTy]);
    case 'enumerate': return T.builtin('Enumerate', [selfTy]);
    case 'into_iter': return selfTy.kind === 'array' ? T.builtin('ArrayIntoIter', [selfTy.elem]) : selfTy;
    case 'next': {
      const item = iterItem(T, selfTy) ?? T.error;
      return fx.ctx.lang.option ? T.adt(fx.ctx.lang.option, [item]) : T.error;
    }
    default: return T.error;
  }
}

/** Names of the built-in methods of `t` (for "did you mean"). */
export function builtinMethodNames(T: TypeTable, t: Ty): string[] {
  if (t.kind === 'builtin') return iterItem(T, t) ? Object.keys(ITER) : Object.keys(RANGE_QUERY);
  const tab = table(t);
  return tab ? Object.keys(tab) : [];
}

/** `u32::MAX`, `i8::MIN`, `u32::BITS`. */
export function builtinAssocConst(T: TypeTable, t: Ty & { kind: 'int' }, name: string): { value: bigint; ty: Ty } | null {
  const k = t.int;
  switch (name) {
    case 'MAX': return { value: intMax(k), ty: t };
    case 'MIN': return { value: intMin(k), ty: t };
    case 'BITS': return { value: BigInt(intBits(k)), ty: T.int('u32') };
    default: return null;
  }
}
