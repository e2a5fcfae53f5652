// Expressions of the small-program generator (small.ts): types, the scope of
// the function being generated, literals, and integer, bool and compound
// expressions. Every rule keeps the invariants listed in small.ts; `isConst`
// models what rustc's compile-time lints can see, so generated programs are
// not rejected for an overflow rustc would prove.
import type { Rng } from './prng.ts';

export type IntT = 'i8' | 'i16' | 'i32' | 'i64' | 'u8' | 'u16' | 'u32' | 'u64';
export const INTS: readonly IntT[] = ['i8', 'i16', 'i32', 'i32', 'i64', 'u8', 'u16', 'u32', 'u32', 'u64'];
export const BITS: Readonly<Record<IntT, number>> = { i8: 8, i16: 16, i32: 32, i64: 64, u8: 8, u16: 16, u32: 32, u64: 64 };
export const signed = (t: IntT): boolean => t[0] === 'i';
export const minOf = (t: IntT): bigint => (signed(t) ? -(1n << BigInt(BITS[t] - 1)) : 0n);
export const maxOf = (t: IntT): bigint => (signed(t) ? (1n << BigInt(BITS[t] - 1)) - 1n : (1n << BigInt(BITS[t])) - 1n);

export type Ty =
  | { k: 'int'; t: IntT }
  | { k: 'bool' }
  | { k: 'arr'; elem: IntT; len: number }
  | { k: 'struct'; name: string }
  | { k: 'enum'; name: string }
  /** `&mut [T; N]` and `&mut S` parameters (always last in the list: see `params`). */
  | { k: 'mutArr'; elem: IntT; len: number }
  | { k: 'mutStruct'; name: string }
  /** `&[T]` parameters: arrays, sub-slices `&a[i..j]` (may panic) or literals. */
  | { k: 'slice'; elem: IntT };

export interface Var {
  name: string;
  ty: Ty;
  mut: boolean;
  /** usize loop variable: always below this bound. */
  bound?: number;
  /** Loop counters are only changed by their loop. */
  counter?: boolean;
  /** A range loop variable (usize when it indexes, else i32): used only as an index or through `as`. */
  usize?: boolean;
  /** Initialised from constants only: rustc's lints may know its value (see `isConst`). */
  known?: boolean;
  /** Shadowed by a later `let` of the same name: out of reach until that scope closes. */
  hidden?: boolean;
}

export interface FnSig {
  name: string;
  params: Ty[];
  ret: IntT;
  /** Estimated operations per call, callees included. */
  cost: number;
  /** Prints: never called where it would print many lines. */
  prints: boolean;
  /** Recursive: the first parameter is the u32 depth, masked at every call site. */
  rec: boolean;
}

/** `fn name(params) -> Option<ret>`: may return `None`, may use `?` on an earlier one. */
export interface OptFn { name: string; params: IntT[]; ret: IntT; cost: number }

/** `fn name(x: T) -> T` and `fn twice(f: fn(T) -> T, x: T) -> T`: calls through fn pointers and closures. */
export interface Twice { name: string; unary: string; t: IntT }

/** A function returning a struct by value. */
export interface StructFn { name: string; params: Ty[]; ret: string; cost: number }

export interface Method { name: string; params: IntT[]; ret: IntT | null; cost: number }
export interface StructInfo { name: string; fields: { name: string; t: IntT }[]; methods: Method[] }
export interface EnumInfo { name: string; variants: { name: string; shape: 'unit' | 'tuple' | 'named'; fields: { name: string; t: IntT }[] }[] }

/** Work one call may do: keeps every run short on QEMU. */
export const MAX_COST = 3000;
/** Bound on the product of the trip counts of enclosing loops. */
export const MAX_MULT = 64;
/** A printing call is allowed only where it runs at most this many times. */
export const MAX_PRINT_MULT = 4;

/** An unsuffixed literal, whose type the context would have to fix. */
export function isBareLit(e: string): boolean {
  return /^\(?-?[0-9][0-9a-fx_]*\)?$/.test(e);
}

export const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

export class Scope {
  private vars: Var[] = [];
  private marks: number[] = [];
  private used = new Set<string>();
  mult = 1;
  cost = 0;
  /** Enclosing loops, innermost last; `cont`: a `continue` to it is safe; `brk`: a plain `break` is (not a `break value` loop). */
  loops: { label: string | null; cont: boolean; brk: boolean }[] = [];

  constructor(readonly ret: IntT | null, readonly self: StructInfo | null, readonly canPrint: boolean, readonly isEntry = false) {}
  /** Per open scope: variables it shadowed, visible again when it closes. */
  private shadowed: Var[][] = [[]];
  all(): readonly Var[] { return this.vars.filter((v) => !v.hidden); }
  add(v: Var): void { this.vars.push(v); this.used.add(v.name); }
  open(): void { this.marks.push(this.vars.length); this.shadowed.push([]); }
  close(): void {
    this.vars.length = this.marks.pop()!;
    for (const v of this.shadowed.pop()!) v.hidden = false;
  }
  /** `let <old.name> = ...` again: the new variable hides `old` until the current scope closes. */
  shadow(old: Var, v: Var): void {
    old.hidden = true;
    this.shadowed[this.shadowed.length - 1]!.push(old);
    this.vars.push(v);
  }
  /**
   * Whether rustc's compile-time lints (`arithmetic_overflow`, `unconditional_panic`)
   * may know the value of `e`: it reads no parameter, no variable assigned from one,
   * and calls no function. An operation that certainly fails between two such values
   * is a compile error in rustc (and Orizon), so the generator avoids it.
   */
  isConst(e: string): boolean {
    for (const id of e.match(IDENT) ?? []) {
      if (/^p[0-9]+_/.test(id)) return false; // a call
      const v = this.vars.find((x) => x.name === id);
      if (v && !v.known) return false;
    }
    return true;
  }

  fresh(base: string): string {
    let n = base;
    for (let i = 2; this.used.has(n); i++) n = `${base}${i}`;
    this.used.add(n);
    return n;
  }
}

/** Generator state and the expression rules; SmallGen (small.ts) adds items and statements. */
export abstract class ExprGen {
  protected r: Rng;
  protected tag: string;
  protected Tag: string;
  protected out: string[] = [];
  protected fns: FnSig[] = [];
  protected structFns: StructFn[] = [];
  protected optFns: OptFn[] = [];
  protected twice: Twice | null = null;
  protected structs: StructInfo[] = [];
  protected enums: EnumInfo[] = [];
  protected consts: { name: string; t: IntT }[] = [];
  protected statics: { name: string; elem: IntT; len: number }[] = [];
  protected depth = 1;
  protected s!: Scope;
  protected entryArgs = '';


  protected tyText(t: Ty): string {
    switch (t.k) {
      case 'int': return t.t;
      case 'bool': return 'bool';
      case 'arr': return `[${t.elem}; ${t.len}]`;
      case 'struct':
      case 'enum': return t.name;
      case 'mutArr': return `&mut [${t.elem}; ${t.len}]`;
      case 'mutStruct': return `&mut ${t.name}`;
      case 'slice': return `&[${t.elem}]`;
    }
  }

  /** The depth argument of a recursive call: a literal or a value masked below 16. */
  protected depthArg(): string {
    if (this.r.chance(0.5)) return String(this.r.range(0, 12));
    return `(${this.lhs('u32', 1)} & 15)`;
  }

  // ------------------------------------------------------------ expressions

  protected pickVar(pred: (v: Var) => boolean): Var | null {
    const vs = this.s.all().filter(pred);
    return vs.length ? this.r.pick(vs) : null;
  }

  protected fits(cost: number): boolean {
    return this.s.cost + cost * this.s.mult <= MAX_COST;
  }

  expr(ty: Ty, d: number): string {
    const r = this.r;
    switch (ty.k) {
      case 'mutArr':
      case 'mutStruct': return this.mutRef(ty, d);
      case 'slice': return this.sliceArg(ty.elem, d);
      case 'int': return this.int(ty.t, d);
      case 'bool': return this.bool(d);
      case 'arr': {
        const v = this.pickVar((x) => x.ty.k === 'arr' && x.ty.elem === ty.elem && x.ty.len === ty.len);
        if (v && r.chance(0.5)) return v.name;
        if (r.chance(0.4)) return `[${this.int(ty.elem, 1)}; ${ty.len}]`;
        return `[${Array.from({ length: ty.len }, () => this.int(ty.elem, 0)).join(', ')}]`;
      }
      case 'struct': {
        const v = this.pickVar((x) => x.ty.k === 'struct' && x.ty.name === ty.name && x.name !== 'self');
        if (v && r.chance(0.4)) return v.name;
        const maker = this.structFns.filter((f) => f.ret === ty.name && this.fits(f.cost));
        if (maker.length && r.chance(0.4)) {
          const f = r.pick(maker);
          this.s.cost += f.cost * this.s.mult;
          return `${f.name}(${f.params.map((p) => this.expr(p, d - 1)).join(', ')})`;
        }
        const st = this.structs.find((x) => x.name === ty.name)!;
        return `${st.name} { ${st.fields.map((f) => `${f.name}: ${this.int(f.t, d - 1)}`).join(', ')} }`;
      }
      case 'enum': {
        const v = this.pickVar((x) => x.ty.k === 'enum' && x.ty.name === ty.name);
        if (v && r.chance(0.3)) return v.name;
        const e = this.enums.find((x) => x.name === ty.name)!;
        const vr = r.pick(e.variants);
        const path = `${e.name}::${vr.name}`;
        if (vr.shape === 'unit') return path;
        if (vr.shape === 'tuple') return `${path}(${vr.fields.map((f) => this.int(f.t, d - 1)).join(', ')})`;
        return `${path} { ${vr.fields.map((f) => `${f.name}: ${this.int(f.t, d - 1)}`).join(', ')} }`;
      }
    }
  }

  /** A `&[T]` argument: a whole array, a sub-slice (constant or computed bounds, which may panic) or a literal. */
  protected sliceArg(elem: IntT, d: number): string {
    const r = this.r;
    const a = this.pickVar((x) => (x.ty.k === 'arr' || x.ty.k === 'slice') && x.ty.elem === elem);
    if (!a) return `&[${Array.from({ length: r.range(0, 4) }, () => this.int(elem, 0)).join(', ')}]`;
    const len = a.ty.k === 'arr' ? a.ty.len : 0;
    const kind = r.weighted<string>([[2, 'whole'], [2, 'const'], [1, 'computed']]);
    if (kind === 'whole') return a.ty.k === 'slice' ? a.name : r.chance(0.5) ? `&${a.name}` : `&${a.name}[..]`;
    if (kind === 'const' && len > 0) {
      const lo = r.range(0, len);
      return `&${a.name}[${lo}..${r.range(lo, len)}]`;
    }
    const lo = `(${this.lhs(r.pick(INTS), Math.min(d, 1))} & 3) as usize`;
    return r.chance(0.5) ? `&${a.name}[${lo}..]` : `&${a.name}[..${lo}]`;
  }

  /** `&mut x` for a mutable local of the type, else a temporary. */
  protected mutRef(ty: Extract<Ty, { k: 'mutArr' | 'mutStruct' }>, d: number): string {
    const want: Ty = ty.k === 'mutArr' ? { k: 'arr', elem: ty.elem, len: ty.len } : { k: 'struct', name: ty.name };
    const v = this.pickVar((x) => x.mut && x.name !== 'self' && this.tyText(x.ty) === this.tyText(want));
    if (v && this.r.chance(0.85)) return `&mut ${v.name}`;
    const src = this.s.all().find((x) => x.ty.k === ty.k && this.tyText(x.ty) === this.tyText(ty));
    if (src && this.r.chance(0.5)) return src.name; // reborrow of our own `&mut` parameter
    if (ty.k === 'mutArr') return `&mut [${this.int(ty.elem, 0)}; ${ty.len}]`;
    const st = this.structs.find((x) => x.name === ty.name)!;
    return `&mut ${st.name} { ${st.fields.map((f) => `${f.name}: ${this.int(f.t, d - 1)}`).join(', ')} }`;
  }

  protected bool(d: number): string {
    const r = this.r;
    const v = this.pickVar((x) => x.ty.k === 'bool');
    const kind = d <= 0 ? (v ? 'var' : 'lit') : r.weighted<string>([[6, 'cmp'], [1.2, 'logic'], [0.5, 'not'], [v ? 1.5 : 0, 'var'], [0.3, 'lit']]);
    if (kind === 'var') return v!.name;
    if (kind === 'lit') return String(r.chance(0.5));
    if (kind === 'logic') return `(${this.bool(d - 1)} ${r.pick(['&&', '||'])} ${this.bool(d - 1)})`;
    if (kind === 'not') return `!${this.bool(d - 1)}`;
    const t = r.pick(INTS);
    return `(${this.lhs(t, d - 1)} ${r.pick(['<', '<=', '>', '>=', '==', '!='])} ${this.int(t, d - 1)})`;
  }

  /** A random value of type `t`, biased towards small values and the edges of the range. */
  protected litVal(t: IntT): bigint {
    const r = this.r;
    const lo = minOf(t);
    const hi = maxOf(t);
    const roll = r.int(20);
    if (roll < 12) return BigInt(r.range(signed(t) ? -10 : 0, 20));
    if (roll < 14) return r.pick([lo, hi, hi - 1n, lo + 1n, 0n, 1n, signed(t) ? -1n : 2n]);
    if (roll < 16) {
      const k = BigInt(r.range(1, BITS[t] - (signed(t) ? 2 : 1)));
      return (1n << k) + BigInt(r.range(-1, 1));
    }
    const raw = (BigInt(r.u32()) << 32n) | BigInt(r.u32());
    return lo + (raw % (hi - lo + 1n));
  }

  /** Literal text; negative values in parentheses; `suffix` forces the type suffix. */
  protected litText(t: IntT, v: bigint, suffix: boolean): string {
    const r = this.r;
    if (v === maxOf(t) && r.chance(0.3)) return `${t}::MAX`;
    if (v === minOf(t) && v !== 0n && r.chance(0.3)) return `${t}::MIN`;
    const sfx = suffix || r.chance(0.15) ? (r.chance(0.5) ? t : `_${t}`) : '';
    if (v < 0n) return `(-${-v}${sfx})`;
    if (v > 9n && r.chance(0.2)) return `0x${v.toString(16)}${sfx ? (sfx[0] === '_' ? sfx : `_${sfx}`) : ''}`;
    return `${v}${sfx}`;
  }

  /** A literal in a pattern: no parentheses around negative values (range bounds cannot have them). */
  protected patLit(t: IntT, v: bigint): string {
    const text = this.litText(t, v, false);
    return text.startsWith('(') ? text.slice(1, -1) : text;
  }

  /** A left operand or receiver: never a bare unsuffixed literal (its type would not be fixed). */
  protected lhs(t: IntT, d: number): string {
    const e = this.int(t, d);
    return isBareLit(e) ? this.litText(t, this.litVal(t), true) : e;
  }

  protected atom(t: IntT): string {
    const r = this.r;
    const s = this.s;
    const vars = s.all().filter((v) => v.ty.k === 'int' && v.ty.t === t && !v.usize);
    const usizes = s.all().filter((v) => v.usize);
    const fields: string[] = [];
    const arrays: { name: string; len: number }[] = [...this.statics.filter((x) => x.elem === t)];
    for (const v of s.all()) {
      if (v.ty.k === 'struct' || v.ty.k === 'mutStruct') {
        const st = this.structs.find((x) => x.name === (v.ty as { name: string }).name)!;
        for (const f of st.fields) if (f.t === t) fields.push(`${v.name}.${f.name}`);
      } else if ((v.ty.k === 'arr' || v.ty.k === 'mutArr') && v.ty.elem === t) arrays.push({ name: v.name, len: v.ty.len });
    }
    const slices = s.all().filter((v) => v.ty.k === 'slice' && v.ty.elem === t);
    const anySlice = s.all().filter((v) => v.ty.k === 'slice');
    const consts = this.consts.filter((c) => c.t === t);
    const others = vars.length ? [] : s.all().filter((v) => v.ty.k === 'int' && v.ty.t !== t && !v.usize);
    const kind = r.weighted<string>([
      [vars.length ? 7 : 0, 'var'], [others.length ? 5 : 0, 'other'], [2, 'lit'], [fields.length ? 2 : 0, 'field'], [arrays.length ? 2 : 0, 'index'],
      [consts.length ? 0.7 : 0, 'const'], [usizes.length ? 1 : 0, 'usize'], [slices.length ? 2 : 0, 'slice'], [anySlice.length ? 0.7 : 0, 'len'],
    ]);
    switch (kind) {
      case 'var': return r.pick(vars).name;
      case 'other': return `(${r.pick(others).name} as ${t})`;
      case 'field': return r.pick(fields);
      case 'const': return r.pick(consts).name;
      case 'usize': return `(${r.pick(usizes).name} as ${t})`;
      case 'slice': return `${r.pick(slices).name}[(${this.lhs(r.pick(INTS), 0)} & ${r.chance(0.8) ? 1 : 7}) as usize]`;
      case 'len': return `(${r.pick(anySlice).name}.len() as ${t})`;
      case 'index': {
        const a = r.pick(arrays);
        return `${a.name}[${this.index(a.len)}]`;
      }
      default: return this.litText(t, this.litVal(t), false);
    }
  }

  /** An index for an array of `len`: a bounded loop variable, or a value masked to the next power of two (may be out of bounds). */
  protected index(len: number): string {
    const r = this.r;
    const bounded = this.s.all().filter((v) => v.usize && v.bound! <= len);
    if (bounded.length && r.chance(0.6)) return r.pick(bounded).name;
    const t = r.pick(INTS);
    const v = this.lhs(t, 1);
    let mask = 1;
    while (mask < len) mask <<= 1;
    if (this.s.isConst(v)) mask = len & (len - 1) ? mask / 2 - 1 : len - 1; // rustc would reject a known out-of-bounds index
    else if (r.chance(0.85)) mask -= 1; // else one more bit: more out-of-bounds panics
    else mask = mask * 2 - 1;
    return `(${v} & ${mask}) as usize`;
  }

  int(t: IntT, d: number): string {
    if (d <= 0) return this.atom(t);
    const r = this.r;
    const calls = this.fns.filter((f) => f.ret === t && this.fits(f.cost) && (!f.prints || (this.s.isEntry && this.s.mult <= 1)));
    const structVars = this.s.all().filter((v) => v.ty.k === 'struct' && this.structs.find((x) => x.name === (v.ty as { name: string }).name)!.methods.some((m) => m.ret === t && this.fits(m.cost)));
    const kind = r.weighted<string>([
      [3, 'atom'], [1.3, 'arith'], [2.5, 'wrap'], [2, 'bit'], [1, 'shift'], [0.5, 'shiftVar'], [1, 'div'],
      [signed(t) ? 0.5 : 0, 'neg'], [0.4, 'not'], [2, 'cast'], [2, 'method'], [t === 'u32' ? 0.5 : 0, 'count'],
      [calls.length ? 2 : 0, 'call'], [structVars.length ? 1 : 0, 'smethod'], [0.4, 'if'], [0.3, 'boolcast'],
      [this.optFns.some((f) => f.ret === t && this.fits(f.cost)) ? 1.5 : 0, 'opt'], [this.twice?.t === t ? 1 : 0, 'twice'],
    ]);
    switch (kind) {
      case 'arith': {
        const op = r.weighted([[1, '+'], [1, '-'], [0.6, '*']]);
        const l = this.lhs(t, d - 1);
        if (r.chance(0.5)) return `(${l} ${op} ${this.rhs(t, d - 1, l)})`;
        // Operands masked so that only unsigned `-` can still overflow: the program goes on longer.
        const bits = BITS[t] - (signed(t) ? 1 : 0);
        const m = `0x${((1n << BigInt(op === '*' ? bits >> 1 : bits - 1)) - 1n).toString(16)}`;
        const rr = this.int(t, d - 1);
        return `((${l} & ${m}) ${op} (${this.s.isConst(l) && this.s.isConst(rr) ? `(${this.rhs(t, d - 1, l)})` : rr} & ${m}))`;
      }
      case 'wrap': return `${this.recv(t, d - 1)}.${r.pick(['wrapping_add', 'wrapping_sub', 'wrapping_mul'])}(${this.int(t, d - 1)})`;
      case 'bit': return `(${this.lhs(t, d - 1)} ${r.pick(['&', '|', '^'])} ${this.int(t, d - 1)})`;
      case 'shift': return `(${this.lhs(t, d - 1)} ${r.pick(['<<', '>>'])} ${r.range(0, BITS[t] - 1)})`;
      case 'shiftVar': {
        const amount = this.lhs('u32', d - 1);
        // Masked below the width, or reduced to a little above it (a panic in debug, masked in release).
        const a = r.chance(0.7) || this.s.isConst(amount) ? `(${amount} & ${BITS[t] - 1})` : `(${amount} % ${BITS[t] + 4})`;
        return `(${this.lhs(t, d - 1)} ${r.pick(['<<', '>>'])} ${a})`;
      }
      case 'div': {
        const l = this.lhs(t, d - 1);
        // rustc rejects a division by a divisor it knows to be zero, whatever the dividend.
        const v = r.chance(0.3) ? this.int(t, d - 1) : null;
        const divisor = v && !this.s.isConst(v) ? v : this.litText(t, BigInt(signed(t) && r.chance(0.2) ? -r.range(1, 3) : r.range(1, 9)), false);
        return `(${l} ${r.pick(['/', '%'])} ${divisor})`;
      }
      case 'neg': {
        const e = this.recv(t, d - 1);
        return this.s.isConst(e) ? `${e}.wrapping_neg()` : `(-${e})`;
      }
      case 'not': return `(!${this.recv(t, d - 1)})`;
      case 'cast': {
        const from = r.pick(INTS.filter((x) => x !== t));
        return `(${this.lhs(from, d - 1)} as ${t})`;
      }
      case 'boolcast': return `(${this.bool(d - 1)} as ${t})`;
      case 'count': {
        const from = r.pick(INTS);
        return `${this.recv(from, d - 1)}.${r.pick(['count_ones', 'leading_zeros', 'trailing_zeros'])}()`;
      }
      case 'method': return this.intMethod(t, d);
      case 'call': {
        const f = r.pick(calls);
        this.s.cost += f.cost * this.s.mult;
        const args = f.params.map((p, i) => (f.rec && i === 0 ? this.depthArg() : this.expr(p, d - 1)));
        return `${f.name}(${args.join(', ')})`;
      }
      case 'smethod': {
        const v = r.pick(structVars);
        const st = this.structs.find((x) => x.name === (v.ty as { name: string }).name)!;
        const m = r.pick(st.methods.filter((x) => x.ret === t && this.fits(x.cost)));
        this.s.cost += m.cost * this.s.mult;
        return `${v.name}.${m.name}(${m.params.map((p) => this.int(p, d - 1)).join(', ')})`;
      }
      case 'if': return `(if ${this.bool(d - 1)} { ${this.lhs(t, d - 1)} } else { ${this.lhs(t, d - 1)} })`;
      case 'opt': {
        const f = r.pick(this.optFns.filter((g) => g.ret === t && this.fits(g.cost)));
        this.s.cost += f.cost * this.s.mult;
        const call = `${f.name}(${f.params.map((p) => this.int(p, d - 1)).join(', ')})`;
        const how = r.weighted<string>([[3, 'or'], [3, 'match'], [0.5, 'unwrap']]);
        if (how === 'or') return `${call}.unwrap_or(${this.litText(t, this.litVal(t), false)})`;
        if (how === 'unwrap') return `${call}.unwrap()`;
        const v = this.s.fresh('got');
        this.s.open();
        this.s.add({ name: v, ty: { k: 'int', t }, mut: false });
        const some = this.int(t, d - 1);
        this.s.close();
        return `(match ${call} {\n${'    '.repeat(this.depth + 1)}Some(${v}) => ${some},\n${'    '.repeat(this.depth + 1)}None => ${this.litText(t, this.litVal(t), false)},\n${'    '.repeat(this.depth)}})`;
      }
      case 'twice': {
        const tw = this.twice!;
        const x = this.int(t, d - 1);
        if (r.chance(0.5)) return `${tw.name}(${tw.unary}, ${x})`;
        // A closure captures nothing: its body sees only its parameter (and items).
        const saved = this.s;
        this.s = new Scope(t, null, false);
        this.s.add({ name: 'v', ty: { k: 'int', t }, mut: false });
        const body = this.int(t, 1);
        this.s = saved;
        return `${tw.name}(|v: ${t}| ${body}, ${x})`;
      }
      default: return this.atom(t);
    }
  }

  /** A right operand of an operation that can fail: rustc rejects a certain failure between two constants at compile time. */
  protected rhs(t: IntT, d: number, l: string, neutral = '0'): string {
    let e = this.int(t, d);
    if (!this.s.isConst(l)) return e;
    for (let i = 0; i < 4 && this.s.isConst(e); i++) e = this.int(t, Math.max(d, 1));
    if (!this.s.isConst(e)) return e;
    const v = this.pickVar((x) => x.ty.k === 'int' && !x.known && !x.usize);
    return v ? `(${v.name} as ${t})` : neutral;
  }

  /** A method receiver: an atom or a parenthesised expression, literals suffixed. */
  protected recv(t: IntT, d: number): string {
    return this.lhs(t, d);
  }

  protected intMethod(t: IntT, d: number): string {
    const r = this.r;
    const recv = this.recv(t, d - 1);
    const m = r.weighted<string>([
      [2, 'minmax'], [signed(t) ? 0.8 : 0, 'abs'], [0.5, 'pow'], [1, 'rotate'], [0.4, 'swap'], [1, 'sat'], [1.2, 'checked'], [0.5, 'wneg'], [0.4, 'wshift'],
    ]);
    switch (m) {
      case 'minmax': return `${recv}.${r.pick(['min', 'max'])}(${this.int(t, d - 1)})`;
      case 'abs': return `${recv}.abs()`;
      case 'pow': return `${recv}.pow(${r.range(0, 3)})`;
      case 'rotate': return `${recv}.${r.pick(['rotate_left', 'rotate_right'])}(${r.chance(0.5) ? String(r.range(0, 70)) : this.lhs('u32', d - 1)})`;
      case 'swap': return `${recv}.swap_bytes()`;
      case 'sat': return `${recv}.${r.pick(['saturating_add', 'saturating_sub', 'saturating_mul'])}(${this.int(t, d - 1)})`;
      case 'checked': {
        const op = r.pick(['checked_add', 'checked_sub', 'checked_mul', 'checked_div', 'checked_rem']);
        return `${recv}.${op}(${this.int(t, d - 1)}).unwrap_or(${this.litText(t, this.litVal(t), false)})`;
      }
      case 'wneg': return `${recv}.wrapping_neg()`;
      default: return `${recv}.${r.pick(['wrapping_shl', 'wrapping_shr'])}(${r.range(0, 80)})`;
    }
  }
}
