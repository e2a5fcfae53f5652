// Inference by unification, one Infer per body. Variables are bound in a
// per-body map (never in the interned types), with an undo log so trait
// selection can try a match and roll it back.
//
// Invariants
// - A bound variable is never rebound; `resolveShallow` follows bindings.
// - An `intVar` only ever binds to an integer type or another intVar.
// - The occurs check keeps bindings acyclic.
import type { Span } from '../diag/source.ts';
import { F_VAR, type Ty, type TypeTable } from './types.ts';

export class Infer {
  private readonly bound = new Map<number, Ty>();
  private readonly undo: number[] = [];
  /** Integer-literal variables created in this body, for the i32 fallback. */
  private readonly intVars: Ty[] = [];
  /** General variables with where they came from, for "type annotations needed". */
  readonly origins: { v: Ty; span: Span }[] = [];

  constructor(readonly types: TypeTable) {}

  newVar(span: Span): Ty {
    const v = this.types.freshVar();
    this.origins.push({ v, span });
    return v;
  }

  newIntVar(): Ty {
    const v = this.types.freshIntVar();
    this.intVars.push(v);
    return v;
  }

  resolveShallow(t: Ty): Ty {
    let cur = t;
    while (cur.kind === 'var' || cur.kind === 'intVar') {
      const b = this.bound.get(cur.vid);
      if (b === undefined) return cur;
      cur = b;
    }
    return cur;
  }

  /** `t` with every bound variable replaced (unbound ones stay). */
  resolve(t: Ty): Ty {
    if ((t.flags & F_VAR) === 0) return t;
    const s = this.resolveShallow(t);
    if (s.kind === 'var' || s.kind === 'intVar') return s;
    return this.types.mapChildren(s, (c) => this.resolve(c));
  }

  snapshot(): number {
    return this.undo.length;
  }

  rollback(snap: number): void {
    while (this.undo.length > snap) this.bound.delete(this.undo.pop()!);
  }

  private bind(v: Ty & { vid: number }, t: Ty): void {
    this.bound.set(v.vid, t);
    this.undo.push(v.vid);
  }

  private occurs(vid: number, t: Ty): boolean {
    if ((t.flags & F_VAR) === 0) return false;
    const s = this.resolveShallow(t);
    if (s.kind === 'var' || s.kind === 'intVar') return s.vid === vid;
    let found = false;
    this.types.mapChildren(s, (c) => { if (!found && this.occurs(vid, c)) found = true; return c; });
    return found;
  }

  /** Makes `a` and `b` equal; false (with bindings possibly partly made) when impossible. */
  unify(a: Ty, b: Ty): boolean {
    const x = this.resolveShallow(a);
    const y = this.resolveShallow(b);
    if (x === y) return true;
    if (x.kind === 'error' || y.kind === 'error') return true;
    if (x.kind === 'var') {
      if (this.occurs(x.vid, y)) return false;
      this.bind(x, y);
      return true;
    }
    if (y.kind === 'var') {
      if (this.occurs(y.vid, x)) return false;
      this.bind(y, x);
      return true;
    }
    if (x.kind === 'intVar') {
      if (y.kind === 'int' || y.kind === 'intVar') { this.bind(x, y); return true; }
      return false;
    }
    if (y.kind === 'intVar') {
      if (x.kind === 'int') { this.bind(y, x); return true; }
      return false;
    }
    switch (x.kind) {
      case 'tuple':
        return y.kind === 'tuple' && x.elems.length === y.elems.length && x.elems.every((e, i) => this.unify(e, y.elems[i]!));
      case 'array':
        return y.kind === 'array' && this.unify(x.len, y.len) && this.unify(x.elem, y.elem);
      case 'slice':
        return y.kind === 'slice' && this.unify(x.elem, y.elem);
      case 'ref':
      case 'ptr':
        return y.kind === x.kind && y.mut === x.mut && this.unify(x.inner, y.inner);
      case 'fnPtr':
        return y.kind === 'fnPtr' && x.params.length === y.params.length && x.params.every((p, i) => this.unify(p, y.params[i]!)) && this.unify(x.ret, y.ret);
      case 'adt':
        return y.kind === 'adt' && x.def === y.def && x.args.every((p, i) => this.unify(p, y.args[i]!));
      case 'builtin':
        return y.kind === 'builtin' && x.name === y.name && x.args.length === y.args.length && x.args.every((p, i) => this.unify(p, y.args[i]!));
      default:
        return false;
    }
  }

  /** Unify, undoing partial bindings on failure. */
  tryUnify(a: Ty, b: Ty): boolean {
    const s = this.snapshot();
    if (this.unify(a, b)) return true;
    this.rollback(s);
    return false;
  }

  /** Binds every unresolved integer variable to i32 (Rust's fallback). */
  defaultIntVars(): void {
    for (const v of this.intVars) {
      const r = this.resolveShallow(v);
      if (r.kind === 'intVar') this.bind(r, this.types.i32);
    }
  }

  /** The first general variable still unresolved after inference, with its origin. */
  firstUnresolved(): { v: Ty; span: Span } | null {
    for (const o of this.origins) if (this.resolveShallow(o.v).kind === 'var') return o;
    return null;
  }

  /** Binds unresolved general variables to the error type (after reporting). */
  bindRemainingToError(): void {
    for (const o of this.origins) {
      const r = this.resolveShallow(o.v);
      if (r.kind === 'var') this.bind(r, this.types.error);
    }
  }
}
