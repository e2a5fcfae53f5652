// Small random programs for differential testing against rustc (tests/differential).
//
// The bench generator (generate.ts) writes big realistic programs that never
// overflow. These are the opposite: small (40–150 lines), dense, and free to go
// wrong at run time. `+ - *`, unary `-`, `abs`, `pow`, division by a variable,
// shifts by a variable and indexing with an unchecked index all appear, so a
// program may panic (overflow, division by zero, bounds) — identically in rustc
// and Orizon, which is what the differential test checks, together with the
// output, the exit status and the panic message and location.
//
// What a program may use: every integer width (i8..i64, u8..u64; usize only as
// loop variable and index), bool, casts between all of them, integer methods,
// fixed arrays, structs with methods (`&self`, `&mut self`), enums with unit,
// tuple and named variants, `match` (literals, `|`, ranges, bindings, guards,
// variants), `if let`, `for` over ranges and arrays, `while`, `loop` with
// `break value`, labelled loops, calls, recursion (direct and mutual), consts,
// statics and `println!` with a few format specs.
//
// Invariants (what makes the comparison with a 64-bit host sound and every run short):
// - Nothing depends on the width of usize: usize values come from loop
//   counters or from a value masked to a few bits before the cast.
// - Every loop has a constant trip count, `continue` never skips a `while`
//   counter's increment, recursion descends on a counter masked below 16, and
//   the estimated work per call is bounded, so every run ends in well under a
//   second on QEMU.
// - Names carry the program's tag (`p12_f3`, `P12S0`), so several programs can
//   share one file; the text is the same for Orizon and Rust (no imports).
import { Rng } from './prng.ts';

export type IntT = 'i8' | 'i16' | 'i32' | 'i64' | 'u8' | 'u16' | 'u32' | 'u64';
const INTS: readonly IntT[] = ['i8', 'i16', 'i32', 'i32', 'i64', 'u8', 'u16', 'u32', 'u32', 'u64'];
const BITS: Readonly<Record<IntT, number>> = { i8: 8, i16: 16, i32: 32, i64: 64, u8: 8, u16: 16, u32: 32, u64: 64 };
const signed = (t: IntT): boolean => t[0] === 'i';
const minOf = (t: IntT): bigint => (signed(t) ? -(1n << BigInt(BITS[t] - 1)) : 0n);
const maxOf = (t: IntT): bigint => (signed(t) ? (1n << BigInt(BITS[t] - 1)) - 1n : (1n << BigInt(BITS[t])) - 1n);

type Ty =
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

interface Var {
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

interface FnSig {
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
interface OptFn { name: string; params: IntT[]; ret: IntT; cost: number }

/** `fn name(x: T) -> T` and `fn twice(f: fn(T) -> T, x: T) -> T`: calls through fn pointers and closures. */
interface Twice { name: string; unary: string; t: IntT }

/** A function returning a struct by value. */
interface StructFn { name: string; params: Ty[]; ret: string; cost: number }

interface Method { name: string; params: IntT[]; ret: IntT | null; cost: number }
interface StructInfo { name: string; fields: { name: string; t: IntT }[]; methods: Method[] }
interface EnumInfo { name: string; variants: { name: string; shape: 'unit' | 'tuple' | 'named'; fields: { name: string; t: IntT }[] }[] }

/** One generated program; `items` may be concatenated with other programs' items. */
export interface SmallProgram {
  seed: number;
  tag: string;
  items: string;
  /** Name of the program's entry function, which prints its output. */
  entry: string;
  /** The call of the entry with its inputs (literals), as `main` makes it. */
  call: string;
}

/** Work one call may do: keeps every run short on QEMU. */
const MAX_COST = 3000;
/** Bound on the product of the trip counts of enclosing loops. */
const MAX_MULT = 64;
/** A printing call is allowed only where it runs at most this many times. */
const MAX_PRINT_MULT = 4;

/** An unsuffixed literal, whose type the context would have to fix. */
function isBareLit(e: string): boolean {
  return /^\(?-?[0-9][0-9a-fx_]*\)?$/.test(e);
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

export function generateSmall(seed: number): SmallProgram {
  return new SmallGen(seed).program();
}

/** A complete program: the items and a `main` calling the entry. */
export function standaloneSmall(p: SmallProgram): string {
  return `${p.items}\nfn main() {\n    ${p.call};\n}\n`;
}

class Scope {
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

class SmallGen {
  private r: Rng;
  private tag: string;
  private Tag: string;
  private out: string[] = [];
  private fns: FnSig[] = [];
  private structFns: StructFn[] = [];
  private optFns: OptFn[] = [];
  private twice: Twice | null = null;
  private structs: StructInfo[] = [];
  private enums: EnumInfo[] = [];
  private consts: { name: string; t: IntT }[] = [];
  private statics: { name: string; elem: IntT; len: number }[] = [];
  private depth = 1;
  private s!: Scope;
  private entryArgs = '';

  constructor(private readonly seed: number) {
    this.r = new Rng(seed ^ 0x5eed);
    this.tag = `p${seed}`;
    this.Tag = `P${seed}`;
  }

  program(): SmallProgram {
    const r = this.r;
    for (let i = r.range(0, 2); i > 0; i--) this.constItem();
    if (r.chance(0.4)) this.staticItem();
    for (let i = r.range(0, 2); i > 0; i--) this.structItem();
    for (let i = r.range(0, 1); i > 0; i--) this.enumItem();
    if (r.chance(0.3)) this.twiceFns();
    for (let i = r.range(2, 4); i > 0; i--) {
      const kind = r.weighted<string>([[6, 'plain'], [1.5, 'rec'], [0.7, 'mutual'], [1.2, 'opt']]);
      if (kind === 'rec') this.recFn();
      else if (kind === 'mutual') this.mutualFns();
      else if (kind === 'opt') this.optFn();
      else if (this.structs.length && r.chance(0.2)) this.structFn();
      else this.plainFn();
    }
    const entry = `${this.tag}_main`;
    this.entryFn(entry);
    return { seed: this.seed, tag: this.tag, items: this.out.join('\n'), entry, call: `${entry}(${this.entryArgs})` };
  }

  // ------------------------------------------------------------ text

  private line(text: string): void {
    this.out.push('    '.repeat(this.depth) + text);
  }

  private item(text: string): void {
    this.out.push(text);
  }

  private tyText(t: Ty): string {
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

  // ------------------------------------------------------------ items

  private constItem(): void {
    const t = this.r.pick(INTS);
    const name = `${this.Tag}_K${this.consts.length}`;
    this.item(`const ${name}: ${t} = ${this.litText(t, this.litVal(t), false)};`);
    this.consts.push({ name, t });
  }

  private staticItem(): void {
    const elem = this.r.pick(INTS);
    const len = this.r.pick([3, 4, 5, 8]);
    const name = `${this.Tag}_T${this.statics.length}`;
    const vals = Array.from({ length: len }, () => this.litText(elem, this.litVal(elem), false));
    this.item(`static ${name}: [${elem}; ${len}] = [${vals.join(', ')}];`);
    this.statics.push({ name, elem, len });
  }

  private structItem(): void {
    const r = this.r;
    const name = `${this.Tag}S${this.structs.length}`;
    const pool = ['a', 'b', 'c', 'lo', 'hi', 'acc', 'tag', 'val'];
    const fields: StructInfo['fields'] = [];
    for (let i = r.range(1, 3); i > 0; i--) fields.push({ name: pool.splice(r.int(pool.length), 1)[0]!, t: r.pick(INTS) });
    const info: StructInfo = { name, fields, methods: [] };
    this.structs.push(info);
    this.item('#[derive(Debug, Clone, Copy)]');
    this.item(`struct ${name} {`);
    for (const f of fields) this.item(`    ${f.name}: ${f.t},`);
    this.item('}');
    this.item(`impl ${name} {`);
    for (let i = r.range(1, 2); i > 0; i--) {
      const mut = r.chance(0.4);
      const m: Method = { name: `${mut ? 'bump' : 'get'}${info.methods.length}`, params: [r.pick(INTS)], ret: mut ? null : r.pick(INTS), cost: 0 };
      this.depth = 1;
      const params = m.params.map((t, j) => `v${j}: ${t}`).join(', ');
      this.line(`fn ${m.name}(&${mut ? 'mut ' : ''}self, ${params})${m.ret ? ` -> ${m.ret}` : ''} {`);
      this.s = new Scope(m.ret, info, false);
      this.s.add({ name: 'self', ty: { k: 'struct', name }, mut });
      m.params.forEach((t, j) => this.s.add({ name: `v${j}`, ty: { k: 'int', t }, mut: false }));
      this.depth = 2;
      this.stmts(r.range(1, 3), 1);
      if (mut) {
        const f = r.pick(fields);
        this.line(`self.${f.name} = ${this.int(f.t, 2)};`);
      }
      else this.line(this.int(m.ret!, 2));
      this.depth = 1;
      this.line('}');
      m.cost = this.s.cost + 2;
      info.methods.push(m);
    }
    this.item('}');
  }

  private enumItem(): void {
    const r = this.r;
    const name = `${this.Tag}E${this.enums.length}`;
    const pool = ['Idle', 'Run', 'Stop', 'Wait', 'Fault', 'Data', 'Tick'];
    const info: EnumInfo = { name, variants: [] };
    for (let i = r.range(2, 4); i > 0; i--) {
      const shape = r.pick(['unit', 'tuple', 'named'] as const);
      const fields = shape === 'unit' ? [] : Array.from({ length: r.range(1, 2) }, (_, j) => ({ name: shape === 'named' ? ['x', 'y'][j]! : `${j}`, t: r.pick(INTS) }));
      info.variants.push({ name: pool.splice(r.int(pool.length), 1)[0]!, shape, fields });
    }
    this.item('#[derive(Debug, Clone, Copy)]');
    this.item(`enum ${name} {`);
    for (const v of info.variants) {
      if (v.shape === 'unit') this.item(`    ${v.name},`);
      else if (v.shape === 'tuple') this.item(`    ${v.name}(${v.fields.map((f) => f.t).join(', ')}),`);
      else this.item(`    ${v.name} { ${v.fields.map((f) => `${f.name}: ${f.t}`).join(', ')} },`);
    }
    this.item('}');
    this.enums.push(info);
  }

  private params(n: number, mutRefs = false): Ty[] {
    const r = this.r;
    const out: Ty[] = [];
    for (let i = 0; i < n; i++) {
      const roll = r.int(10);
      if (roll === 0 && this.structs.length) out.push({ k: 'struct', name: r.pick(this.structs).name });
      else if (roll === 1 && this.enums.length) out.push({ k: 'enum', name: r.pick(this.enums).name });
      else if (roll === 2) out.push({ k: 'arr', elem: r.pick(INTS), len: r.pick([3, 4, 8]) });
      else if (roll === 3) out.push({ k: 'bool' });
      else if (roll === 4) out.push({ k: 'slice', elem: r.pick(INTS) });
      else out.push({ k: 'int', t: r.pick(INTS) });
    }
    // At most one `&mut` parameter, last: arguments before it are evaluated (read)
    // before the borrow starts, so `f(buf[0], &mut buf)` is accepted by the borrow checker.
    if (mutRefs && r.chance(0.3)) {
      if (this.structs.length && r.chance(0.4)) out.push({ k: 'mutStruct', name: r.pick(this.structs).name });
      else out.push({ k: 'mutArr', elem: r.pick(INTS), len: r.pick([3, 4, 8]) });
    }
    return out;
  }

  private fnHead(name: string, params: Ty[], ret: IntT, firstName?: string): void {
    this.depth = 0;
    const ps = params.map((t, i) => `${i === 0 && firstName ? firstName : `a${i}`}: ${this.tyText(t)}`);
    this.line(`fn ${name}(${ps.join(', ')}) -> ${ret} {`);
    params.forEach((t, i) => this.s.add({ name: i === 0 && firstName ? firstName : `a${i}`, ty: t, mut: t.k === 'mutArr' || t.k === 'mutStruct' }));
    this.depth = 1;
  }

  private plainFn(): void {
    const r = this.r;
    const sig: FnSig = { name: `${this.tag}_f${this.fns.length}`, params: this.params(r.range(1, 5), true), ret: r.pick(INTS), cost: 0, prints: false, rec: false };
    this.s = new Scope(sig.ret, null, r.chance(0.3));
    this.fnHead(sig.name, sig.params, sig.ret);
    this.stmts(r.range(2, 6), 2);
    this.line(this.int(sig.ret, 2));
    this.depth = 0;
    this.line('}');
    sig.cost = this.s.cost + 2;
    sig.prints = this.s.canPrint;
    this.fns.push(sig);
  }

  /** `fn f(...) -> Option<T>`: `None` on some inputs; `?` on an earlier such function. */
  private optFn(): void {
    const r = this.r;
    const f: OptFn = { name: `${this.tag}_o${this.optFns.length}`, params: Array.from({ length: r.range(1, 3) }, () => r.pick(INTS)), ret: r.pick(INTS), cost: 0 };
    this.s = new Scope(null, null, false);
    this.depth = 0;
    this.line(`fn ${f.name}(${f.params.map((t, i) => `a${i}: ${t}`).join(', ')}) -> Option<${f.ret}> {`);
    f.params.forEach((t, i) => this.s.add({ name: `a${i}`, ty: { k: 'int', t }, mut: false }));
    this.depth = 1;
    this.stmts(r.range(0, 2), 1);
    this.line(`if ${this.bool(2)} {`);
    this.line('    return None;');
    this.line('}');
    const prev = this.optFns.filter((g) => this.fits(g.cost));
    if (prev.length && r.chance(0.6)) {
      const g = r.pick(prev);
      this.s.cost += g.cost;
      const v = this.s.fresh('q');
      this.line(`let ${v}: ${g.ret} = ${g.name}(${g.params.map((t) => this.int(t, 1)).join(', ')})?;`);
      this.s.add({ name: v, ty: { k: 'int', t: g.ret }, mut: false });
    }
    this.stmts(r.range(0, 2), 1);
    this.line(`Some(${this.int(f.ret, 2)})`);
    this.depth = 0;
    this.line('}');
    f.cost = this.s.cost + 2;
    this.optFns.push(f);
  }

  /** A unary function and `twice(f, x) = f(f(x))`, called with it or with a closure. */
  private twiceFns(): void {
    const t = this.r.pick(INTS);
    const unary = `${this.tag}_u`;
    this.s = new Scope(t, null, false);
    this.depth = 0;
    this.line(`fn ${unary}(x: ${t}) -> ${t} {`);
    this.s.add({ name: 'x', ty: { k: 'int', t }, mut: false });
    this.depth = 1;
    this.line(this.int(t, 2));
    this.depth = 0;
    this.line('}');
    const name = `${this.tag}_twice`;
    this.line(`fn ${name}(f: fn(${t}) -> ${t}, x: ${t}) -> ${t} {`);
    this.line('    f(f(x))');
    this.line('}');
    this.twice = { name, unary, t };
  }

  /** `fn f(...) -> S`: a struct returned by value (by hidden pointer in the AAPCS when it is large). */
  private structFn(): void {
    const r = this.r;
    const st = r.pick(this.structs);
    const f: StructFn = { name: `${this.tag}_g${this.structFns.length}`, params: this.params(r.range(1, 4)), ret: st.name, cost: 0 };
    this.s = new Scope(null, null, false);
    this.depth = 0;
    this.line(`fn ${f.name}(${f.params.map((t, i) => `a${i}: ${this.tyText(t)}`).join(', ')}) -> ${st.name} {`);
    f.params.forEach((t, i) => this.s.add({ name: `a${i}`, ty: t, mut: false }));
    this.depth = 1;
    this.stmts(r.range(1, 4), 2);
    this.line(`${st.name} { ${st.fields.map((x) => `${x.name}: ${this.int(x.t, 2)}`).join(', ')} }`);
    this.depth = 0;
    this.line('}');
    f.cost = this.s.cost + 2;
    this.structFns.push(f);
  }

  /** `fn f(n: u32, ...) -> T`: recurses on `n - 1` down to 0; callers pass `n` masked below 16. */
  private recFn(): void {
    const r = this.r;
    const ret = r.pick(INTS);
    const params: Ty[] = [{ k: 'int', t: 'u32' }, ...this.params(r.range(1, 2)).filter((t) => t.k === 'int' || t.k === 'bool')];
    const sig: FnSig = { name: `${this.tag}_f${this.fns.length}`, params, ret, cost: 0, prints: false, rec: true };
    this.s = new Scope(ret, null, false);
    this.fnHead(sig.name, params, ret, 'n');
    this.stmts(r.range(1, 3), 1);
    this.line('if n == 0 {');
    this.depth++;
    this.line(`return ${this.int(ret, 2)};`);
    this.depth--;
    this.line('}');
    const args = params.slice(1).map((t) => this.expr(t, 1));
    const rv = this.s.fresh('r');
    this.line(`let ${rv}: ${ret} = ${sig.name}(n - 1${args.map((a) => `, ${a}`).join('')});`);
    this.s.add({ name: rv, ty: { k: 'int', t: ret }, mut: false });
    this.line(this.int(ret, 2));
    this.depth = 0;
    this.line('}');
    sig.cost = (this.s.cost + 2) * 16;
    this.fns.push(sig);
  }

  /** Two functions calling each other on `n - 1`. */
  private mutualFns(): void {
    const r = this.r;
    const t = r.pick(INTS);
    const a = `${this.tag}_f${this.fns.length}`;
    const b = `${this.tag}_f${this.fns.length + 1}`;
    const params: Ty[] = [{ k: 'int', t: 'u32' }, { k: 'int', t }];
    let cost = 0;
    for (const [self, other] of [[a, b], [b, a]] as const) {
      this.s = new Scope(t, null, false);
      this.fnHead(self, params, t, 'n');
      this.line('if n == 0 {');
      this.depth++;
      this.line(`return ${this.int(t, 1)};`);
      this.depth--;
      this.line('}');
      this.stmts(r.range(0, 2), 1);
      this.line(`${other}(n - 1, ${this.int(t, 2)})`);
      this.depth = 0;
      this.line('}');
      cost = Math.max(cost, this.s.cost + 2);
    }
    this.fns.push({ name: a, params, ret: t, cost: cost * 16, prints: false, rec: true });
    this.fns.push({ name: b, params, ret: t, cost: cost * 16, prints: false, rec: true });
  }

  private entryFn(name: string): void {
    const r = this.r;
    this.s = new Scope(null, null, true, true);
    this.depth = 0;
    // The inputs are parameters, given by `main`: rustc's lints do not see their values.
    const inputs: { name: string; t: IntT; value: string }[] = [];
    for (let i = r.range(2, 4); i > 0; i--) {
      const t = r.pick(INTS);
      const v = this.s.fresh('x');
      inputs.push({ name: v, t, value: this.litText(t, this.litVal(t), false) });
      this.s.add({ name: v, ty: { k: 'int', t }, mut: false });
    }
    this.line(`fn ${name}(${inputs.map((x) => `${x.name}: ${x.t}`).join(', ')}) {`);
    this.entryArgs = inputs.map((x) => x.value).join(', ');
    this.depth = 1;
    this.line(`println!("${this.tag}");`);
    for (const f of this.fns) {
      for (let k = r.range(1, 2); k > 0; k--) {
        const args = f.params.map((p, i) => (f.rec && i === 0 ? this.depthArg() : this.expr(p, 0)));
        const v = this.s.fresh('r');
        this.line(`let ${v}: ${f.ret} = ${f.name}(${args.join(', ')});`);
        this.line(`println!("${f.name.slice(this.tag.length + 1)} ${this.fmt({ k: 'int', t: f.ret })}", ${v});`);
        this.s.add({ name: v, ty: { k: 'int', t: f.ret }, mut: false });
      }
    }
    this.stmts(r.range(1, 4), 2);
    this.depth = 0;
    this.line('}');
  }

  /** The depth argument of a recursive call: a literal or a value masked below 16. */
  private depthArg(): string {
    if (this.r.chance(0.5)) return String(this.r.range(0, 12));
    return `(${this.lhs('u32', 1)} & 15)`;
  }

  // ------------------------------------------------------------ statements

  private stmts(n: number, nest: number): void {
    for (let i = 0; i < n; i++) this.stmt(nest);
  }

  private block(n: number, nest: number): void {
    this.s.open();
    this.depth++;
    this.stmts(n, nest);
    this.depth--;
    this.s.close();
  }

  private stmt(nest: number): void {
    const r = this.r;
    const s = this.s;
    s.cost += s.mult;
    const inLoop = s.loops.length > 0;
    const kind = r.weighted<string>([
      [4, 'let'], [4, 'assign'], [2, 'compound'], [nest > 0 ? 2 : 0, 'if'], [nest > 0 && s.mult * 8 <= MAX_MULT ? 1.6 : 0, 'for'],
      [nest > 0 && s.mult * 6 <= MAX_MULT ? 0.6 : 0, 'while'], [nest > 0 && s.mult * 6 <= MAX_MULT ? 0.6 : 0, 'loop'],
      [nest > 0 ? 1.2 : 0, 'match'], [1, 'letMatch'], [1, 'letIf'], [s.canPrint && s.mult <= MAX_PRINT_MULT ? 1.2 : 0, 'print'],
      [0.7, 'method'], [inLoop ? 0.8 : 0, 'jump'], [s.ret && nest > 0 ? 0.3 : 0, 'return'], [0.15, 'assert'], [0.3, 'tuple'], [0.4, 'shadow'],
    ]);
    switch (kind) {
      case 'let': return this.letStmt();
      case 'assign': return this.assign(false);
      case 'compound': return this.assign(true);
      case 'if': return this.ifStmt(nest);
      case 'for': return this.forStmt(nest);
      case 'while': return this.whileStmt(nest);
      case 'loop': return this.loopStmt(nest);
      case 'match': return this.matchStmt(nest);
      case 'letMatch': return this.letMatch();
      case 'letIf': {
        const t = r.pick(INTS);
        const name = s.fresh('v');
        this.line(`let ${name}: ${t} = if ${this.bool(2)} { ${this.int(t, 1)} } else { ${this.int(t, 1)} };`);
        s.add({ name, ty: { k: 'int', t }, mut: false });
        return;
      }
      case 'print': return this.printStmt();
      case 'method': return this.methodStmt();
      case 'jump': {
        const inner = s.loops[s.loops.length - 1]!;
        const labelled = s.loops.find((l) => l.label !== null && l !== inner && l.cont && l.brk);
        const target = labelled && (r.chance(0.5) || !inner.brk) ? labelled : inner;
        if (!target.brk) return this.letStmt();
        const cont = target.cont && r.chance(0.5);
        this.line(`if ${this.bool(1)} {`);
        this.line(`    ${cont ? 'continue' : 'break'}${target === inner ? '' : ` ${target.label}`};`);
        this.line('}');
        return;
      }
      case 'return': {
        this.line(`if ${this.bool(1)} {`);
        this.line(`    return ${this.int(s.ret!, 1)};`);
        this.line('}');
        return;
      }
      case 'assert': {
        const t = r.pick(INTS);
        const v = this.pickVar((x) => x.ty.k === 'int' && x.ty.t === t && !x.usize);
        if (!v) return this.letStmt();
        this.line(`assert!(${v.name} != ${this.litText(t, this.litVal(t), false)});`);
        return;
      }
      case 'shadow': {
        const old = this.pickVar((x) => x.ty.k === 'int' && !x.counter && !x.usize && x.name !== 'self' && !x.name.startsWith('a') && x.name !== 'n');
        if (!old) return this.letStmt();
        const t = r.pick(INTS);
        const init = this.int(t, 2);
        const v: Var = { name: old.name, ty: { k: 'int', t }, mut: r.chance(0.3) };
        v.known = s.isConst(init);
        this.line(`let ${v.mut ? 'mut ' : ''}${v.name}: ${t} = ${init};`);
        s.shadow(old, v);
        return;
      }
      case 'tuple': {
        const t1 = r.pick(INTS);
        const t2 = r.pick(INTS);
        const a = s.fresh('t');
        const b = s.fresh('u');
        if (r.chance(0.5)) {
          this.line(`let (${a}, ${b}): (${t1}, ${t2}) = (${this.int(t1, 1)}, ${this.int(t2, 1)});`);
        } else {
          const p = s.fresh('pair');
          this.line(`let ${p}: (${t1}, ${t2}) = (${this.int(t1, 1)}, ${this.int(t2, 1)});`);
          this.line(`let ${a}: ${t1} = ${p}.0;`);
          this.line(`let ${b}: ${t2} = ${p}.1;`);
        }
        s.add({ name: a, ty: { k: 'int', t: t1 }, mut: false });
        s.add({ name: b, ty: { k: 'int', t: t2 }, mut: false });
        return;
      }
    }
  }

  private letStmt(): void {
    const r = this.r;
    const s = this.s;
    const roll = r.int(12);
    let ty: Ty;
    if (roll === 0) ty = { k: 'arr', elem: r.pick(INTS), len: r.pick([3, 4, 5, 8]) };
    else if (roll === 1 && this.structs.length) ty = { k: 'struct', name: r.pick(this.structs).name };
    else if (roll === 2 && this.enums.length) ty = { k: 'enum', name: r.pick(this.enums).name };
    else if (roll === 3) ty = { k: 'bool' };
    else ty = { k: 'int', t: r.pick(INTS) };
    const init = this.expr(ty, this.exprDepth());
    const name = s.fresh(ty.k === 'arr' ? 'buf' : ty.k === 'struct' ? 'st' : ty.k === 'enum' ? 'ev' : ty.k === 'bool' ? 'flag' : r.pick(['x', 'y', 'acc', 'tmp', 'w']));
    const mut = ty.k !== 'enum' && ty.k !== 'bool' && r.chance(0.6);
    this.line(`let ${mut ? 'mut ' : ''}${name}: ${this.tyText(ty)} = ${init};`);
    s.add({ name, ty, mut, known: s.isConst(init) });
  }

  private exprDepth(): number {
    return this.r.weighted([[2, 1], [4, 2], [2, 3]]);
  }

  /** Assignable places: [text, type]. */
  private places(): [string, IntT][] {
    const out: [string, IntT][] = [];
    for (const v of this.s.all()) {
      if (!v.mut || v.counter) continue;
      if (v.ty.k === 'int') out.push([v.name, v.ty.t]);
      else if (v.ty.k === 'arr' || v.ty.k === 'mutArr') out.push([`${v.name}[${this.index(v.ty.len)}]`, v.ty.elem]);
      else if (v.ty.k === 'struct' || v.ty.k === 'mutStruct') {
        const st = this.structs.find((x) => x.name === (v.ty as { name: string }).name)!;
        for (const f of st.fields) out.push([`${v.name}.${f.name}`, f.t]);
      }
    }
    return out;
  }

  private assign(compound: boolean): void {
    const places = this.places();
    if (places.length === 0) return this.letStmt();
    const [place, t] = this.r.pick(places);
    if (!compound) return this.line(`${place} = ${this.int(t, this.exprDepth())};`);
    const op = this.r.weighted<string>([[1, '+='], [1, '-='], [0.4, '*='], [1, '^='], [1, '|='], [1, '&='], [0.6, '<<='], [0.6, '>>=']]);
    if (op === '<<=' || op === '>>=') return this.line(`${place} ${op} ${this.r.range(0, BITS[t] - 1)};`);
    const base = place.replace(/[.[].*$/, '');
    const value = (op === '+=' || op === '-=' || op === '*=') ? this.rhs(t, this.exprDepth() - 1, base) : this.int(t, this.exprDepth() - 1);
    this.line(`${place} ${op} ${value};`);
  }

  private ifStmt(nest: number): void {
    this.line(`if ${this.bool(2)} {`);
    this.block(this.r.range(1, 3), nest - 1);
    if (this.r.chance(0.25)) {
      this.line(`} else if ${this.bool(2)} {`);
      this.block(this.r.range(1, 2), nest - 1);
    }
    if (this.r.chance(0.5)) {
      this.line('} else {');
      this.block(this.r.range(1, 3), nest - 1);
    }
    this.line('}');
  }

  private label(nest: number): string | null {
    return nest >= 2 && this.s.loops.length === 0 && this.r.chance(0.3) ? `'${this.s.fresh('outer')}` : null;
  }

  private forStmt(nest: number): void {
    const r = this.r;
    const s = this.s;
    const trip = r.pick([2, 3, 4, 5, 8]);
    const label = this.label(nest);
    const v = s.fresh(r.pick(['i', 'j', 'k']));
    const head = label ? `${label}: for` : 'for';
    const arrays = s.all().filter((x) => x.ty.k === 'arr' || x.ty.k === 'slice');
    const form = r.weighted<string>([[4, 'range'], [1, 'rev'], [1, 'incl'], [1, 'typed'], [arrays.length ? 1.5 : 0, 'array'], [arrays.length ? 1 : 0, 'enumerate'], [0.5, 'step']]);
    s.open();
    let mult = trip;
    /** An array iterated by reference cannot be assigned in the loop (the borrow checker). */
    let borrowed: Var | null = null;
    if (form === 'range' || form === 'rev' || form === 'incl' || form === 'step') {
      const lo = r.chance(0.7) ? 0 : r.range(1, 2);
      const range = form === 'incl' ? `${lo}..=${lo + trip - 1}` : `${lo}..${lo + trip}`;
      const text = form === 'rev' ? `(${range}).rev()` : form === 'step' ? `(${range}).step_by(${r.range(1, 3)})` : range;
      this.line(`${head} ${v} in ${text} {`);
      this.usizeVar(v, lo + trip);
    } else if (form === 'typed') {
      const t = r.pick(INTS);
      const lo = signed(t) && r.chance(0.3) ? -r.range(1, 3) : r.range(0, 3);
      const hi = lo + trip;
      const end = r.chance(0.2) ? maxOf(t) : null;
      if (end !== null) {
        mult = 3;
        this.line(`${head} ${v} in (${this.litText(t, end - 2n, true)})..=${t}::MAX {`);
      } else {
        this.line(`${head} ${v} in ${this.litText(t, BigInt(lo), true)}..${this.litText(t, BigInt(hi), false)} {`);
      }
      s.add({ name: v, ty: { k: 'int', t }, mut: false, counter: true });
    } else {
      const a = r.pick(arrays);
      // Slices come from arrays of at most 8 elements (or short literals).
      const ty = a.ty.k === 'slice' ? { elem: a.ty.elem, len: 8 } : a.ty as { elem: IntT; len: number };
      mult = ty.len;
      if (form === 'array') {
        const how = a.ty.k === 'slice' ? r.range(1, 2) : r.int(3);
        this.line(how === 0 ? `${head} ${v} in ${a.name} {` : how === 1 ? `${head} &${v} in ${a.name}.iter() {` : `${head} &${v} in ${a.name}.iter().rev() {`);
        s.add({ name: v, ty: { k: 'int', t: ty.elem }, mut: false, counter: true });
        if (how > 0) borrowed = a;
      } else {
        const ix = s.fresh('n');
        this.line(`${head} (${ix}, &${v}) in ${a.name}.iter().enumerate() {`);
        borrowed = a;
        s.add({ name: v, ty: { k: 'int', t: ty.elem }, mut: false, counter: true });
        this.usizeVar(ix, ty.len);
      }
    }
    const wasMut = borrowed?.mut ?? false;
    if (borrowed) borrowed.mut = false;
    this.loopBody(label, true, mult, nest);
    if (borrowed) borrowed.mut = wasMut;
    s.close();
  }

  /** A usize loop variable, usable as an index below `bound` (and cast to other types). */
  private usizeVar(name: string, bound: number): void {
    this.s.add({ name, ty: { k: 'int', t: 'u32' }, mut: false, bound, counter: true, usize: true });
  }

  private loopBody(label: string | null, cont: boolean, mult: number, nest: number): void {
    const s = this.s;
    s.loops.push({ label, cont, brk: true });
    s.mult *= mult;
    this.block(this.r.range(1, 3), nest - 1);
    s.mult /= mult;
    s.loops.pop();
    this.line('}');
  }

  private whileStmt(nest: number): void {
    const s = this.s;
    const n = this.r.range(2, 6);
    const c = s.fresh('c');
    this.line(`let mut ${c}: u32 = 0;`);
    s.add({ name: c, ty: { k: 'int', t: 'u32' }, mut: true, counter: true });
    this.line(`while ${c} < ${n} {`);
    // `continue` would skip the increment at the end: only inner loops may use it.
    s.loops.push({ label: null, cont: false, brk: true });
    s.mult *= n;
    this.s.open();
    this.depth++;
    this.stmts(this.r.range(1, 3), nest - 1);
    this.line(`${c} += 1;`);
    this.depth--;
    this.s.close();
    s.mult /= n;
    s.loops.pop();
    this.line('}');
  }

  /** `loop` counting first, so `continue` is safe; sometimes `let v = loop { ... break value; }`. */
  private loopStmt(nest: number): void {
    const r = this.r;
    const s = this.s;
    const n = r.range(2, 6);
    const c = s.fresh('c');
    this.line(`let mut ${c}: u32 = 0;`);
    s.add({ name: c, ty: { k: 'int', t: 'u32' }, mut: true, counter: true });
    const value = r.chance(0.4) ? r.pick(INTS) : null;
    const name = value ? s.fresh('found') : null;
    const label = value ? null : this.label(nest);
    this.line(value ? `let ${name}: ${value} = loop {` : `${label ? `${label}: ` : ''}loop {`);
    s.loops.push({ label, cont: value === null, brk: value === null });
    s.mult *= n;
    s.open();
    this.depth++;
    this.line(`${c} += 1;`);
    if (!value) {
      // The exit test comes first, so a `continue` in the body cannot skip it.
      this.line(`if ${c} > ${n} {`);
      this.line('    break;');
      this.line('}');
    }
    this.stmts(r.range(1, 3), nest - 1);
    if (value) {
      this.line(`if ${c} >= ${n} || ${this.bool(1)} {`);
      this.line(`    break ${this.int(value, 1)};`);
      this.line('}');
    }
    this.depth--;
    s.close();
    s.mult /= n;
    s.loops.pop();
    this.line(value ? '};' : '}');
    if (value) s.add({ name: name!, ty: { k: 'int', t: value }, mut: false });
  }

  /** Integer patterns: disjoint, increasing, closed by a binding or `_`. */
  private intPats(t: IntT): string[] {
    const r = this.r;
    const out: string[] = [];
    let v = signed(t) && r.chance(0.4) ? -BigInt(r.range(1, 4)) : 0n;
    const top = maxOf(t) - 8n;
    for (let n = r.range(1, 4); n > 0 && v < top; n--) {
      const k = r.int(3);
      if (k === 0) { out.push(this.patLit(t, v)); v += 1n; }
      else if (k === 1) { out.push(`${this.patLit(t, v)} | ${this.patLit(t, v + 2n)}`); v += 3n; }
      else { const w = v + BigInt(r.range(1, 6)); out.push(`${this.patLit(t, v)}..=${this.patLit(t, w)}`); v = w + 1n; }
      v += BigInt(r.int(3));
    }
    return out;
  }

  private matchStmt(nest: number): void {
    const r = this.r;
    const ev = this.pickVar((x) => x.ty.k === 'enum');
    if (ev && r.chance(0.6)) {
      const e = this.enums.find((x) => x.name === (ev.ty as { name: string }).name)!;
      this.line(`match ${ev.name} {`);
      this.depth++;
      const covered = r.chance(0.3) ? e.variants.slice(0, -1) : e.variants;
      for (const v of covered) {
        this.s.open();
        this.line(`${this.variantPat(e, v, ev)} => {`);
        this.block(r.range(1, 2), nest - 1);
        this.line('}');
        this.s.close();
      }
      if (covered.length < e.variants.length) {
        this.line('_ => {');
        this.block(1, nest - 1);
        this.line('}');
      }
      this.depth--;
      return this.line('}');
    }
    if (ev && r.chance(0.5)) {
      const e = this.enums.find((x) => x.name === (ev.ty as { name: string }).name)!;
      this.s.open();
      this.line(`if let ${this.variantPat(e, r.pick(e.variants), ev)} = ${ev.name} {`);
      this.block(r.range(1, 2), nest - 1);
      this.s.close();
      if (r.chance(0.5)) {
        this.line('} else {');
        this.block(1, nest - 1);
      }
      return this.line('}');
    }
    const t = r.pick(INTS);
    const scrut = this.lhs(t, 2);
    this.line(`match ${scrut} {`);
    this.depth++;
    for (const p of this.intPats(t)) {
      this.line(`${p} => {`);
      this.block(r.range(1, 2), nest - 1);
      this.line('}');
    }
    if (r.chance(0.3)) {
      const b = this.s.fresh('m');
      this.s.open();
      this.s.add({ name: b, ty: { k: 'int', t }, mut: false, known: this.s.isConst(scrut) });
      this.line(`${b} if ${b} > ${this.litText(t, this.litVal(t), false)} => {`);
      this.block(1, nest - 1);
      this.line('}');
      this.s.close();
    }
    this.line('_ => {');
    this.block(1, nest - 1);
    this.line('}');
    this.depth--;
    this.line('}');
  }

  /** A pattern for variant `v`, binding its fields as fresh locals (or `_` / `..`). */
  private variantPat(e: EnumInfo, v: EnumInfo['variants'][number], scrut: Var): string {
    const path = `${e.name}::${v.name}`;
    if (v.shape === 'unit') return path;
    const binds = v.fields.map((f) => {
      if (this.r.chance(0.2)) return null;
      const n = this.s.fresh(v.shape === 'named' ? f.name : 'f');
      this.s.add({ name: n, ty: { k: 'int', t: f.t }, mut: false, known: scrut.known });
      return n;
    });
    if (v.shape === 'tuple') return `${path}(${binds.map((b) => b ?? '_').join(', ')})`;
    const fs = v.fields.flatMap((f, i) => (binds[i] ? [binds[i] === f.name ? f.name : `${f.name}: ${binds[i]}`] : []));
    if (fs.length < v.fields.length) fs.push('..');
    return `${path} { ${fs.join(', ')} }`;
  }

  private letMatch(): void {
    const r = this.r;
    const t = r.pick(INTS);
    const name = this.s.fresh('sel');
    const ev = this.pickVar((x) => x.ty.k === 'enum');
    if (ev && r.chance(0.6)) {
      const e = this.enums.find((x) => x.name === (ev.ty as { name: string }).name)!;
      this.line(`let ${name}: ${t} = match ${ev.name} {`);
      this.depth++;
      for (const v of e.variants) {
        this.s.open();
        const p = this.variantPat(e, v, ev);
        this.line(`${p} => ${this.int(t, 2)},`);
        this.s.close();
      }
      this.depth--;
    } else {
      const st = r.pick(INTS);
      const scrut = this.lhs(st, 2);
      this.line(`let ${name}: ${t} = match ${scrut} {`);
      this.depth++;
      for (const p of this.intPats(st)) this.line(`${p} => ${this.int(t, 2)},`);
      if (r.chance(0.4)) {
        const b = this.s.fresh('m');
        this.s.open();
        this.s.add({ name: b, ty: { k: 'int', t: st }, mut: false, known: this.s.isConst(scrut) });
        this.line(`${b} @ ${this.patLit(st, minOf(st))}..=${this.patLit(st, maxOf(st) >> 1n)} => ${this.int(t, 1)},`);
        this.s.close();
      }
      this.line(`_ => ${this.int(t, 1)},`);
      this.depth--;
    }
    this.line('};');
    this.s.add({ name, ty: { k: 'int', t }, mut: false });
  }

  private fmt(ty: Ty): string {
    if (ty.k !== 'int') return ty.k === 'bool' ? '{}' : '{:?}';
    return this.r.weighted<string>([[8, '{}'], [1, '{:x}'], [0.5, '{:#b}'], [0.5, '{:>6}'], [0.5, '{:08}'], [0.5, '{:?}']]);
  }

  private printStmt(): void {
    const vs = this.s.all().filter((v) => !v.usize);
    if (vs.length === 0) return this.letStmt();
    const picks = Array.from({ length: this.r.range(1, 3) }, () => this.r.pick(vs));
    const text = picks.map((v) => `${v.name}=${this.fmt(v.ty)}`).join(' ');
    this.line(`println!("${text}", ${picks.map((v) => v.name).join(', ')});`);
  }

  private methodStmt(): void {
    const v = this.pickVar((x) => (x.ty.k === 'struct' || x.ty.k === 'mutStruct') && x.mut && x.name !== 'self');
    if (!v) return this.letStmt();
    const st = this.structs.find((x) => x.name === (v.ty as { name: string }).name)!;
    if (st.methods.length === 0) return this.letStmt();
    const m = this.r.pick(st.methods);
    if (!this.fits(m.cost)) return this.letStmt();
    this.s.cost += m.cost * this.s.mult;
    const call = `${v.name}.${m.name}(${m.params.map((t) => this.int(t, 1)).join(', ')})`;
    if (m.ret === null) return this.line(`${call};`);
    const name = this.s.fresh('got');
    this.line(`let ${name}: ${m.ret} = ${call};`);
    this.s.add({ name, ty: { k: 'int', t: m.ret }, mut: false });
  }

  // ------------------------------------------------------------ expressions

  private pickVar(pred: (v: Var) => boolean): Var | null {
    const vs = this.s.all().filter(pred);
    return vs.length ? this.r.pick(vs) : null;
  }

  private fits(cost: number): boolean {
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
  private sliceArg(elem: IntT, d: number): string {
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
  private mutRef(ty: Extract<Ty, { k: 'mutArr' | 'mutStruct' }>, d: number): string {
    const want: Ty = ty.k === 'mutArr' ? { k: 'arr', elem: ty.elem, len: ty.len } : { k: 'struct', name: ty.name };
    const v = this.pickVar((x) => x.mut && x.name !== 'self' && this.tyText(x.ty) === this.tyText(want));
    if (v && this.r.chance(0.85)) return `&mut ${v.name}`;
    const src = this.s.all().find((x) => x.ty.k === ty.k && this.tyText(x.ty) === this.tyText(ty));
    if (src && this.r.chance(0.5)) return src.name; // reborrow of our own `&mut` parameter
    if (ty.k === 'mutArr') return `&mut [${this.int(ty.elem, 0)}; ${ty.len}]`;
    const st = this.structs.find((x) => x.name === ty.name)!;
    return `&mut ${st.name} { ${st.fields.map((f) => `${f.name}: ${this.int(f.t, d - 1)}`).join(', ')} }`;
  }

  private bool(d: number): string {
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
  private litVal(t: IntT): bigint {
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
  private litText(t: IntT, v: bigint, suffix: boolean): string {
    const r = this.r;
    if (v === maxOf(t) && r.chance(0.3)) return `${t}::MAX`;
    if (v === minOf(t) && v !== 0n && r.chance(0.3)) return `${t}::MIN`;
    const sfx = suffix || r.chance(0.15) ? (r.chance(0.5) ? t : `_${t}`) : '';
    if (v < 0n) return `(-${-v}${sfx})`;
    if (v > 9n && r.chance(0.2)) return `0x${v.toString(16)}${sfx ? (sfx[0] === '_' ? sfx : `_${sfx}`) : ''}`;
    return `${v}${sfx}`;
  }

  /** A literal in a pattern: no parentheses around negative values (range bounds cannot have them). */
  private patLit(t: IntT, v: bigint): string {
    const text = this.litText(t, v, false);
    return text.startsWith('(') ? text.slice(1, -1) : text;
  }

  /** A left operand or receiver: never a bare unsuffixed literal (its type would not be fixed). */
  private lhs(t: IntT, d: number): string {
    const e = this.int(t, d);
    return isBareLit(e) ? this.litText(t, this.litVal(t), true) : e;
  }

  private atom(t: IntT): string {
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
  private index(len: number): string {
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
  private rhs(t: IntT, d: number, l: string, neutral = '0'): string {
    let e = this.int(t, d);
    if (!this.s.isConst(l)) return e;
    for (let i = 0; i < 4 && this.s.isConst(e); i++) e = this.int(t, Math.max(d, 1));
    if (!this.s.isConst(e)) return e;
    const v = this.pickVar((x) => x.ty.k === 'int' && !x.known && !x.usize);
    return v ? `(${v.name} as ${t})` : neutral;
  }

  /** A method receiver: an atom or a parenthesised expression, literals suffixed. */
  private recv(t: IntT, d: number): string {
    return this.lhs(t, d);
  }

  private intMethod(t: IntT, d: number): string {
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
