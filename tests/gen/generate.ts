// Seeded generator of realistic, type-correct, deterministic programs (see model.ts
// for the invariants it keeps). Used by the round-trip and mutation tests, by
// `bench:parse` and by `bench:compile` (which emits the same model in several
// languages). The same seed and size always give the same program.
//
//   node --import tsx tests/gen/generate.ts [--seed 2024] [--lines 50000] [--lang orizon|rust] > out
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './prng.ts';
import { EMITTERS, emitItem } from './emit.ts';
import {
  ARITH, CallIndex, ENUMS, FIELDS, FnCtx, LABELS, LOCALS, NOUNS, STRUCTS, TRAITS, VARIANTS, VERBS,
  type Callable, type MethodInfo, type Var,
} from './scope.ts';
import { INT_BITS, isSigned } from './model.ts';
import type { EnumDef, Ex, FnDef, IntTy, Item, MPat, Param, Place, Program, St, StructDef, Ty, ValueArm } from './model.ts';

export interface GenOptions {
  seed: number;
  /** Approximate number of lines of the Orizon rendering. */
  lines: number;
}

/** Work one call may do (operations, callees included): keeps whole runs short on QEMU. */
const MAX_COST = 2000;
/** Longest call chain: keeps the stack small on a microcontroller. */
const MAX_DEPTH = 6;
/** Upper bound on the product of enclosing loop trip counts. */
const MAX_MULT = 256;

/** The benchmark program: `bench:parse` and `bench:compile` both use exactly this one. */
export const BENCH_PROGRAM: Readonly<GenOptions> = { seed: 2024, lines: 50_000 };

export function generateProgram(opts: GenOptions): Program {
  return new Generator(opts.seed).program(opts.lines);
}

class Generator {
  private rng: Rng;
  private items: Item[] = [];
  private nextId = 0;
  private callables = new CallIndex();
  private roots: FnDef[] = [];
  private structs: StructDef[] = [];
  private structByName = new Map<string, StructDef>();
  private methods = new Map<string, MethodInfo[]>();
  private enums: EnumDef[] = [];
  /** Constants and statics by (element) type. */
  private consts = new Map<IntTy, string[]>();
  private statics = new Map<IntTy, { name: string; len: number }[]>();
  private lines = 0;

  constructor(private readonly seed: number) {
    this.rng = new Rng(seed);
  }

  program(target: number): Program {
    const r = this.rng;
    // Leave room for the run_group functions and main that call every root function.
    while (this.lines + this.roots.length * 1.4 + 12 < target) {
      // Near the target only small items, so the program ends close to the requested size.
      const nearEnd = target - this.lines - this.roots.length * 1.4 < 80;
      const kind = nearEnd ? r.weighted<string>([[3, 'fn'], [1, 'const']])
        : r.weighted<string>([[8, 'fn'], [2, 'struct'], [1.5, 'enum'], [0.6, 'trait'], [0.6, 'mod'], [0.8, 'const'], [0.5, 'static']]);
      if (kind === 'fn') this.push({ k: 'fn', def: this.rootFn() });
      else if (kind === 'struct') this.structItem();
      else if (kind === 'enum') this.enumItem();
      else if (kind === 'trait' && this.structs.length > 0) this.traitItem();
      else if (kind === 'mod') this.modItem();
      else if (kind === 'const') this.constItem();
      else if (kind === 'static') this.staticItem();
    }
    return { seed: this.seed, items: this.items, main: this.mainAndGroups() };
  }

  private push(item: Item): void {
    this.items.push(item);
    this.lines += emitItem(item, 'orizon').split('\n').length + 1;
  }

  private id(): number {
    return this.nextId++;
  }

  /** Nesting depth of a statement's expression: mostly short, as in real code. */
  private depth(): number {
    return this.rng.weighted([[3, 1], [5, 2], [1, 3]]);
  }

  // ------------------------------------------------------------ items

  private fnName(): string {
    return `${this.rng.pick(VERBS)}_${this.rng.pick(NOUNS)}_${this.id()}`;
  }

  private rootFn(): FnDef {
    const params = this.params(this.rng.range(1, 3), true);
    const ret: Ty = { k: 'int', t: this.rng.pick(ARITH) };
    const def = this.fnBody(this.fnName(), params, ret, null, false, null);
    this.callables.add({ def, module: null, alias: null, home: null });
    this.roots.push(def);
    return def;
  }

  private params(n: number, rich: boolean): Param[] {
    const used = new Set<string>();
    const out: Param[] = [];
    for (let i = 0; i < n; i++) {
      let name = this.rng.pick(['a', 'b', 'c', 'n', 'v', 'w', 'k', 'input', 'scale', 'base', 'limit']);
      while (used.has(name)) name += '2';
      used.add(name);
      let ty: Ty = { k: 'int', t: this.rng.pick(ARITH) };
      if (rich) {
        const r = this.rng.int(12);
        if (r === 0 && this.structs.length) ty = { k: 'struct', name: this.rng.pick(this.structs).name };
        else if (r === 1 && this.enums.length) ty = { k: 'enum', name: this.rng.pick(this.enums).name };
        else if (r === 2) ty = { k: 'arrayRef', elem: this.rng.pick(ARITH), len: this.rng.pick([4, 8]) };
        else if (r === 3) ty = { k: 'bool' };
      }
      out.push({ name, ty, mut: ty.k === 'int' && this.rng.chance(0.15) });
    }
    return out;
  }

  /** `finish` supplies the last statements and the tail when the function has a fixed shape. */
  private fnBody(name: string, params: Param[], ret: Ty | null, self: StructDef | null, selfMut: boolean, home: string | null,
    finish?: (c: FnCtx) => { stmts: St[]; tail: Ex }): FnDef {
    const c = new FnCtx(home, self, selfMut, ret);
    for (const p of params) {
      c.used.add(p.name);
      c.add({ name: p.name, ty: p.ty, mut: p.mut });
    }
    if (self) c.add({ name: 'self', ty: { k: 'struct', name: self.name }, mut: selfMut });
    const body = this.stmts(c, this.rng.range(2, 6), 2);
    let tail = ret && !finish ? this.expr(c, ret, this.depth()) : null;
    if (finish) {
      const f = finish(c);
      body.push(...f.stmts);
      tail = f.tail;
    }
    const doc = this.rng.chance(0.5) ? `${this.rng.pick(['Computes', 'Updates', 'Folds', 'Checks', 'Mixes'])} the ${this.rng.pick(NOUNS)} ${this.rng.pick(['value', 'state', 'table', 'window'])}.` : null;
    return { name, doc, params, self: self ? (selfMut ? 'mut' : 'ref') : null, ret, body, tail, pub: home !== null || this.rng.chance(0.3), cost: c.cost + 1, depth: c.depth + 1 };
  }

  private structItem(): void {
    const r = this.rng;
    const name = `${r.pick(STRUCTS)}${this.id()}`;
    const names = [...FIELDS];
    const fields: StructDef['fields'] = [];
    const n = r.range(2, 4);
    for (let i = 0; i < n; i++) {
      const fname = names.splice(r.int(names.length), 1)[0]!;
      fields.push({ name: fname, ty: r.chance(0.15) ? { k: 'array', elem: 'u8', len: 4 } : { k: 'int', t: r.pick(ARITH) } });
    }
    const def: StructDef = { name, doc: r.chance(0.5) ? `State of one ${name.toLowerCase()}.` : null, fields };
    this.push({ k: 'struct', def });
    this.structs.push(def);
    this.structByName.set(name, def);
    const infos: MethodInfo[] = [];
    this.methods.set(name, infos);
    // `new` takes the integer fields as parameters (shorthand field init) and zeroes arrays.
    const params: Param[] = fields.filter((f) => f.ty.k === 'int').map((f) => ({ name: f.name, ty: f.ty, mut: false }));
    const lit: Ex = { k: 'structLit', name, fields: fields.map((f) => [f.name, f.ty.k === 'int' ? { k: 'var', name: f.name } : { k: 'arrayRepeat', elem: 'u8', value: this.lit('u8', 0n), len: 4 }]) };
    const ctor: FnDef = { name: 'new', doc: null, params, self: null, ret: { k: 'struct', name }, body: [], tail: lit, pub: true, cost: 1, depth: 1 };
    const fns: FnDef[] = [ctor];
    for (let i = r.range(1, 3); i > 0; i--) {
      const m = this.fnBody(`${r.pick(['get', 'read', 'calc', 'peek'])}_${r.pick(NOUNS)}_${this.id()}`, this.params(r.range(0, 2), false), { k: 'int', t: r.pick(ARITH) }, def, false, null);
      fns.push(m);
      infos.push({ def: m, owner: name });
    }
    for (let i = r.range(0, 2); i > 0; i--) {
      const m = this.fnBody(`${r.pick(['set', 'bump', 'reset', 'apply'])}_${r.pick(NOUNS)}_${this.id()}`, this.params(r.range(1, 2), false), null, def, true, null);
      fns.push(m);
      infos.push({ def: m, owner: name });
    }
    this.push({ k: 'impl', struct: name, fns });
  }

  private enumItem(): void {
    const r = this.rng;
    const name = `${r.pick(ENUMS)}${this.id()}`;
    const pool = [...VARIANTS];
    const def: EnumDef = { name, variants: [] };
    for (let i = r.range(2, 5); i > 0; i--) {
      const vname = pool.splice(r.int(pool.length), 1)[0]!;
      const shape = r.pick(['unit', 'tuple', 'named'] as const);
      const fields: { name: string; t: IntTy }[] = [];
      if (shape !== 'unit') {
        const fpool = [...FIELDS];
        for (let j = r.range(1, 2); j > 0; j--) fields.push({ name: shape === 'named' ? fpool.splice(r.int(fpool.length), 1)[0]! : `${j}`, t: r.pick(ARITH) });
      }
      def.variants.push({ name: vname, shape, fields });
    }
    this.push({ k: 'enum', def });
    this.enums.push(def);
    // A constructor (int -> enum) and an evaluator (enum -> int), as firmware state machines have.
    const ty: Ty = { k: 'enum', name };
    const u32: Ty = { k: 'int', t: 'u32' };
    const make = this.fnBody(`make_${name.toLowerCase()}`, [{ name: 'raw', ty: u32, mut: false }], ty, null, false, null, (c) => {
      const out = c.fresh('ev');
      const n = def.variants.length;
      const variant = (i: number): ValueArm => {
        const v = def.variants[i]!;
        return { stmts: [], value: this.variantExpr(c, def, v, 2) };
      };
      const arms: { pat: MPat; arm: ValueArm }[] = [];
      for (let i = 0; i < n - 1; i++) arms.push({ pat: { k: 'ints', t: 'u32', values: [BigInt(i)] }, arm: variant(i) });
      arms.push({ pat: { k: 'wild' }, arm: variant(n - 1) });
      const scrut: Ex = { k: 'bin', op: '%', t: 'u32', l: { k: 'var', name: 'raw' }, r: this.lit('u32', BigInt(n)) };
      return { stmts: [{ k: 'letMatch', name: out, ty, scrut, scrutTy: u32, arms }], tail: { k: 'var', name: out } };
    });
    this.push({ k: 'fn', def: make });
    this.callables.add({ def: make, module: null, alias: null, home: null });
    const params: Param[] = [{ name: 'ev', ty, mut: false }, { name: 'k', ty: u32, mut: false }];
    const evalFn = this.fnBody(`eval_${name.toLowerCase()}`, params, u32, null, false, null, (c) => {
      const out = c.fresh('score');
      const arms = this.enumArms(c, ty, () => this.valueArm(c, 'u32'));
      const st: St = { k: 'letMatch', name: out, ty: u32, scrut: { k: 'var', name: 'ev' }, scrutTy: ty, arms: arms.map(([pat, arm]) => ({ pat, arm })) };
      return { stmts: [st], tail: { k: 'bin', op: '^', t: 'u32', l: { k: 'var', name: out }, r: { k: 'var', name: 'k' } } };
    });
    this.push({ k: 'fn', def: evalFn });
    this.callables.add({ def: evalFn, module: null, alias: null, home: null });
    this.roots.push(evalFn);
  }

  private traitItem(): void {
    const r = this.rng;
    const id = this.id();
    const base = r.pick(TRAITS);
    const def = { name: `${base}${id}`, required: `${base.toLowerCase()}${id}`, provided: `scaled_${base.toLowerCase()}${id}` };
    this.push({ k: 'trait', def });
    const targets = new Set<StructDef>();
    for (let i = r.range(1, 3); i > 0; i--) targets.add(r.pick(this.structs));
    for (const s of targets) {
      const fn = this.fnBody(def.required, [], { k: 'int', t: 'u32' }, s, false, null);
      this.push({ k: 'traitImpl', trait: def.name, struct: s.name, fn });
      const provided: FnDef = { name: def.provided, doc: null, params: [{ name: 'k', ty: { k: 'int', t: 'u32' }, mut: false }], self: 'ref', ret: { k: 'int', t: 'u32' }, body: [], tail: null, pub: false, cost: fn.cost + 2, depth: fn.depth + 1 };
      this.methods.get(s.name)!.push({ def: fn, owner: def.name }, { def: provided, owner: def.name });
    }
  }

  private modItem(): void {
    const r = this.rng;
    const name = `util${this.id()}`;
    const fns: FnDef[] = [];
    const local = new CallIndex();
    for (let i = r.range(1, 4); i > 0; i--) {
      const saved = this.callables;
      this.callables = local; // module functions call only their own module's functions
      const def = this.fnBody(this.fnName(), this.params(r.range(1, 3), false), { k: 'int', t: r.pick(ARITH) }, null, false, name);
      this.callables = saved;
      fns.push(def);
      local.add({ def, module: null, alias: null, home: name });
    }
    this.push({ k: 'mod', name, fns });
    const names: [string, string | null][] = [];
    for (const def of fns) {
      if (r.chance(0.6)) {
        const alias = r.chance(0.4) ? `${def.name.split('_')[0]}${def.name.split('_').pop()}` : null;
        names.push([def.name, alias]);
        this.callables.add({ def, module: null, alias, home: null });
      } else {
        this.callables.add({ def, module: name, alias: null, home: null });
      }
    }
    if (names.length) this.push({ k: 'import', mod: name, names });
  }

  private constItem(): void {
    const t = this.rng.pick(ARITH);
    const name = `${this.rng.pick(['LIMIT', 'MASK', 'SHIFT', 'BASE', 'STEP'])}_${this.id()}`;
    this.push({ k: 'const', name, t, value: this.litOf(t) });
    this.consts.set(t, [...(this.consts.get(t) ?? []), name]);
  }

  private staticItem(): void {
    const elem = this.rng.pick(['u8', 'u16', 'u32', 'i16'] as const);
    const len = this.rng.pick([4, 8, 16]);
    const name = `TABLE_${this.id()}`;
    const values: bigint[] = [];
    for (let i = 0; i < len; i++) values.push((this.litOf(elem) as { v: bigint }).v);
    this.push({ k: 'static', name, elem, values });
    this.statics.set(elem, [...(this.statics.get(elem) ?? []), { name, len }]);
  }

  /** Groups of calls to every root function, folded into checksums that main prints. */
  private mainAndGroups(): St[] {
    const main: St[] = [];
    const empty = new FnCtx(null, null, false, null);
    for (let g = 0, i = 0; i < this.roots.length; g++) {
      const body: St[] = [{ k: 'let', name: 'check', ty: { k: 'int', t: 'u64' }, mut: true, init: this.lit('u64', 0n), annotate: true }];
      for (const end = Math.min(this.roots.length, i + 16); i < end; i++) {
        const f = this.roots[i]!;
        const call: Ex = { k: 'call', fn: f.name, module: null, alias: null, args: f.params.map((p) => this.expr(empty, p.ty, 1)) };
        const t = (f.ret as { t: IntTy }).t;
        const v: Ex = t === 'u64' ? call : { k: 'cast', from: t, to: 'u64', e: call };
        const mul: Ex = { k: 'intrinsic', name: 'wrapping_mul', t: 'u64', recv: { k: 'var', name: 'check' }, args: [this.lit('u64', 31n)] };
        body.push({ k: 'assign', place: { k: 'var', name: 'check' }, op: '=', value: { k: 'intrinsic', name: 'wrapping_add', t: 'u64', recv: mul, args: [v] } });
      }
      const name = `run_group_${g}`;
      this.items.push({ k: 'fn', def: { name, doc: null, params: [], self: null, ret: { k: 'int', t: 'u64' }, body, tail: { k: 'var', name: 'check' }, pub: false, cost: 0, depth: 0 } });
      main.push({ k: 'let', name: `g${g}`, ty: { k: 'int', t: 'u64' }, mut: false, init: { k: 'call', fn: name, module: null, alias: null, args: [] }, annotate: false });
      main.push({ k: 'print', text: [`group ${g}: `, ''], args: [{ k: 'var', name: `g${g}` }] });
    }
    return main;
  }

  // ------------------------------------------------------------ statements

  private block(c: FnCtx, n: number, nest: number): St[] {
    c.open();
    const out = this.stmts(c, n, nest);
    c.close();
    return out;
  }

  /** Statements in the current scope (a function body's locals stay visible to its tail). */
  private stmts(c: FnCtx, n: number, nest: number): St[] {
    const out: St[] = [];
    for (let i = 0; i < n; i++) out.push(...this.stmt(c, nest));
    return out;
  }

  private places(c: FnCtx): Place[] {
    const out: Place[] = [];
    for (const v of c.vars()) {
      if (!v.mut || v.counter) continue;
      if (v.ty.k === 'int' && v.name !== 'self') out.push({ k: 'var', name: v.name });
      else if (v.ty.k === 'array') out.push({ k: 'index', base: v.name, idx: this.index(c, v.ty.len, 2) });
      else if (v.ty.k === 'struct') {
        const s = this.structs.find((d) => d.name === (v.ty as { name: string }).name)!;
        for (const f of s.fields) if (f.ty.k === 'int') out.push({ k: 'field', base: v.name, field: f.name });
      }
    }
    return out;
  }

  private placeType(c: FnCtx, p: Place): IntTy {
    const base = p.k === 'var' ? p.name : p.base;
    const v = c.vars().find((x) => x.name === base)!;
    if (p.k === 'var') return (v.ty as { t: IntTy }).t;
    if (p.k === 'index') return (v.ty as { elem: IntTy }).elem;
    const s = this.structs.find((d) => d.name === (v.ty as { name: string }).name)!;
    return (s.fields.find((f) => f.name === p.field)!.ty as { t: IntTy }).t;
  }

  private stmt(c: FnCtx, nest: number): St[] {
    const r = this.rng;
    c.cost += c.mult;
    const inner = c.loops[c.loops.length - 1];
    const kind = r.weighted<string>([
      [5, 'let'], [5, 'assign'], [nest > 0 ? 2 : 0, 'if'], [nest > 0 ? 2 : 0, 'for'], [nest > 0 ? 0.6 : 0, 'while'],
      [nest > 0 ? 0.4 : 0, 'loop'], [nest > 0 ? 1.2 : 0, 'match'], [1, 'letIf'], [1, 'letMatch'], [0.8, 'call'],
      [c.ret && c.ret.k === 'int' && nest > 0 ? 0.3 : 0, 'return'], [inner ? 0.5 : 0, 'jump'], [0.8, 'comment'],
    ]);
    switch (kind) {
      case 'let': return [this.letStmt(c)];
      case 'assign': {
        const places = this.places(c);
        if (places.length === 0) return [this.letStmt(c)];
        const place = r.pick(places);
        const t = this.placeType(c, place);
        const op = r.weighted<'=' | '^=' | '|=' | '&='>([[5, '='], [1, '^='], [1, '|='], [0.5, '&=']]);
        if (op === '=' && place.k === 'var' && r.chance(0.5)) {
          const value: Ex = { k: 'intrinsic', name: r.pick(['wrapping_add', 'wrapping_sub', 'wrapping_mul'] as const), t, recv: { k: 'var', name: place.name }, args: [this.int(c, t, this.depth())] };
          return [{ k: 'assign', place, op, value }];
        }
        return [{ k: 'assign', place, op, value: this.int(c, t, this.depth()) }];
      }
      case 'if': {
        const cond = this.bool(c, this.depth());
        const then = this.block(c, r.range(1, 3), nest - 1);
        const elifs = r.chance(0.2) ? [{ cond: this.bool(c, this.depth()), body: this.block(c, r.range(1, 2), nest - 1) }] : [];
        const els = r.chance(0.5) ? this.block(c, r.range(1, 3), nest - 1) : null;
        return [{ k: 'if', cond, then, elifs, else: els }];
      }
      case 'for': {
        const trip = r.pick([2, 4, 4, 8, 8, 16]);
        if (c.mult * trip > MAX_MULT) return [this.letStmt(c)];
        const lo = r.chance(0.8) ? 0 : r.range(1, 2);
        const v = c.fresh(r.pick(['i', 'j', 'idx', 'pos']));
        const label = c.loops.length === 0 && nest >= 2 && r.chance(0.25) ? `'${c.fresh(r.pick(LABELS))}` : null;
        c.loops.push({ kind: 'for', label });
        c.mult *= trip;
        c.open();
        c.add({ name: v, ty: { k: 'int', t: 'usize' }, mut: false, bound: lo + trip });
        const body = this.block(c, r.range(1, 4), nest - 1);
        c.close();
        c.mult /= trip;
        c.loops.pop();
        return [{ k: 'for', label, v, lo, hi: lo + trip, rev: r.chance(0.2), body }];
      }
      case 'while':
      case 'loop': {
        const limit = r.range(2, 8);
        if (c.mult * limit > MAX_MULT) return [this.letStmt(c)];
        const counter = c.fresh(r.pick(['n', 'round', 'tries', 'steps']));
        c.add({ name: counter, ty: { k: 'int', t: 'u32' }, mut: true, counter: true });
        c.loops.push({ kind: kind as 'while' | 'loop', label: null });
        c.mult *= limit;
        const body = this.block(c, r.range(1, 3), nest - 1);
        c.mult /= limit;
        c.loops.pop();
        const decl: St = { k: 'let', name: counter, ty: { k: 'int', t: 'u32' }, mut: true, init: this.lit('u32', 0n), annotate: r.chance(0.5) };
        return [decl, kind === 'while' ? { k: 'while', label: null, counter, limit, body } : { k: 'loop', label: null, counter, limit, body }];
      }
      case 'match': {
        const enumVar = r.chance(0.5) ? this.pickVar(c, (v) => v.ty.k === 'enum') : null;
        if (enumVar) {
          const arms = this.enumArms(c, enumVar.ty, () => this.block(c, r.range(1, 2), nest - 1));
          return [{ k: 'match', scrut: { k: 'var', name: enumVar.name }, scrutTy: enumVar.ty, arms: arms.map(([pat, body]) => ({ pat, body })) }];
        }
        const t = r.pick(ARITH);
        const scrut = this.lhs(c, t, 2);
        const arms = this.intArms(t).map((pat) => ({ pat, body: this.block(c, r.range(1, 2), nest - 1) }));
        return [{ k: 'match', scrut, scrutTy: { k: 'int', t }, arms }];
      }
      case 'letIf': {
        const t = r.pick(ARITH);
        const cond = this.bool(c, this.depth());
        const then = this.valueArm(c, t);
        const els = this.valueArm(c, t);
        const name = c.fresh(r.pick(LOCALS));
        c.add({ name, ty: { k: 'int', t }, mut: false });
        return [{ k: 'letIf', name, ty: { k: 'int', t }, cond, then, else: els }];
      }
      case 'letMatch': {
        const t = r.pick(ARITH);
        const enumVar = r.chance(0.6) ? this.pickVar(c, (v) => v.ty.k === 'enum') : null;
        let st: St;
        const name = c.fresh(r.pick(LOCALS));
        if (enumVar) {
          const arms = this.enumArms(c, enumVar.ty, () => this.valueArm(c, t));
          st = { k: 'letMatch', name, ty: { k: 'int', t }, scrut: { k: 'var', name: enumVar.name }, scrutTy: enumVar.ty, arms: arms.map(([pat, arm]) => ({ pat, arm })) };
        } else {
          const st2 = r.pick(ARITH);
          const scrut = this.lhs(c, st2, 2);
          st = { k: 'letMatch', name, ty: { k: 'int', t }, scrut, scrutTy: { k: 'int', t: st2 }, arms: this.intArms(st2).map((pat) => ({ pat, arm: this.valueArm(c, t) })) };
        }
        c.add({ name, ty: { k: 'int', t }, mut: false });
        return [st];
      }
      case 'call': {
        const target = this.pickVar(c, (v) => v.ty.k === 'struct' && v.mut && (this.methods.get((v.ty as { name: string }).name) ?? []).some((m) => m.def.ret === null));
        if (target) {
          const m = r.pick(this.methods.get((target.ty as { name: string }).name)!.filter((x) => x.def.ret === null));
          if (this.fits(c, m.def)) return [{ k: 'expr', e: this.methodCall(c, target.name, target.ty, m, 2) }];
        }
        return [this.letStmt(c)];
      }
      case 'return': {
        const cond = this.bool(c, this.depth());
        return [{ k: 'if', cond, then: [{ k: 'return', e: this.int(c, (c.ret as { t: IntTy }).t, 2) }], elifs: [], else: null }];
      }
      case 'jump': {
        const labelled = c.loops.find((l) => l.label !== null);
        const useLabel = labelled && c.loops.length > 1 && r.chance(0.6);
        const isContinue = r.chance(0.5) && (useLabel || inner!.kind === 'for');
        const jump: St = isContinue ? { k: 'continue', label: useLabel ? labelled.label : null } : { k: 'break', label: useLabel ? labelled.label : null };
        return [{ k: 'if', cond: this.bool(c, 1), then: [jump], elifs: [], else: null }];
      }
      default:
        return [{ k: 'comment', text: r.pick(['keep the low bits stable', 'fold the carry back in', 'the table is indexed by phase', 'saturate before the next step', 'cheap checksum of the window']) }];
    }
  }

  private letStmt(c: FnCtx): St {
    const r = this.rng;
    // Module functions see only their module: no crate-level types there.
    const roll = c.home === null ? r.int(10) : r.pick([0, 3, 4, 5]);
    let ty: Ty;
    if (roll === 0) ty = { k: 'array', elem: r.pick(ARITH), len: r.pick([4, 8, 16]) };
    else if (roll === 1 && this.structs.length) ty = { k: 'struct', name: r.pick(this.structs).name };
    else if (roll === 2 && this.enums.length) ty = { k: 'enum', name: r.pick(this.enums).name };
    else if (roll === 3) ty = { k: 'bool' };
    else ty = { k: 'int', t: r.pick(ARITH) };
    const init = this.expr(c, ty, this.depth());
    const name = c.fresh(ty.k === 'array' ? r.pick(['buf', 'table', 'window', 'hist']) : ty.k === 'struct' || ty.k === 'enum' ? ty.name.toLowerCase().replace(/[0-9]+$/, '') : r.pick(LOCALS));
    const mut = ty.k !== 'bool' && ty.k !== 'enum' && r.chance(0.6);
    c.add({ name, ty, mut });
    return { k: 'let', name, ty, mut, init, annotate: ty.k === 'int' ? r.chance(0.6) : ty.k === 'array' };
  }

  private valueArm(c: FnCtx, t: IntTy): ValueArm {
    c.open();
    const stmts: St[] = [];
    if (this.rng.chance(0.3)) stmts.push(this.letStmt(c));
    const value = this.int(c, t, this.depth());
    c.close();
    return { stmts, value };
  }

  /** Disjoint arms over small values, closed by `_`. */
  private intArms(t: IntTy): MPat[] {
    const r = this.rng;
    const out: MPat[] = [];
    let v = isSigned(t) && r.chance(0.4) ? -2 : 0;
    for (let n = r.range(1, 4); n > 0; n--) {
      const kind = r.int(3);
      if (kind === 0) out.push({ k: 'ints', t, values: [BigInt(v)] }), (v += 1);
      else if (kind === 1) out.push({ k: 'ints', t, values: [BigInt(v), BigInt(v + 2)] }), (v += 4);
      else out.push({ k: 'range', t, lo: BigInt(v), hi: BigInt(v + 2) }), (v += 3);
      v += r.int(2);
    }
    out.push({ k: 'wild' });
    return out;
  }

  private enumArms<A>(c: FnCtx, ty: Ty, arm: () => A): [MPat, A][] {
    const def = this.enums.find((e) => e.name === (ty as { name: string }).name)!;
    const out: [MPat, A][] = [];
    const covered = this.rng.chance(0.3) ? def.variants.slice(0, Math.max(1, def.variants.length - 2)) : def.variants;
    for (const v of covered) {
      c.open();
      const binds = v.fields.map((f) => {
        if (this.rng.chance(0.25)) return null;
        const name = c.fresh(v.shape === 'named' ? f.name : this.rng.pick(['x', 'y', 'lvl', 'arg']));
        c.add({ name, ty: { k: 'int', t: f.t }, mut: false });
        return name;
      });
      out.push([{ k: 'variant', enum: def.name, variant: v.name, shape: v.shape, fields: v.shape === 'named' ? v.fields.map((f) => f.name) : [], binds }, arm()]);
      c.close();
    }
    if (covered.length < def.variants.length) out.push([{ k: 'wild' }, arm()]);
    return out;
  }

  // ------------------------------------------------------------ expressions

  private variantExpr(c: FnCtx, e: EnumDef, v: EnumDef['variants'][number], d: number): Ex {
    const fields = v.shape === 'named' ? v.fields.map((f) => f.name) : [];
    return { k: 'variant', enum: e.name, variant: v.name, shape: v.shape, fields, args: v.fields.map((f) => this.int(c, f.t, d)) };
  }

  private pickVar(c: FnCtx, pred: (v: Var) => boolean): Var | null {
    const vs = c.vars().filter(pred);
    return vs.length ? this.rng.pick(vs) : null;
  }

  private fits(c: FnCtx, f: FnDef): boolean {
    return c.cost + f.cost * c.mult <= MAX_COST && f.depth < MAX_DEPTH;
  }

  private use(c: FnCtx, f: FnDef): void {
    c.cost += f.cost * c.mult;
    c.depth = Math.max(c.depth, f.depth);
  }

  expr(c: FnCtx, ty: Ty, d: number): Ex {
    const r = this.rng;
    switch (ty.k) {
      case 'int': return this.int(c, ty.t, d);
      case 'bool': return this.bool(c, d);
      case 'array': {
        if (r.chance(0.5)) return { k: 'arrayRepeat', elem: ty.elem, value: this.litOf(ty.elem), len: ty.len };
        return { k: 'arrayLit', elem: ty.elem, elems: Array.from({ length: ty.len }, () => this.litOf(ty.elem)) };
      }
      case 'arrayRef': {
        const v = this.pickVar(c, (x) => x.ty.k === 'array' && x.ty.elem === ty.elem && x.ty.len === ty.len);
        if (v) return { k: 'addrOf', e: { k: 'var', name: v.name } };
        return { k: 'addrOf', e: this.expr(c, { k: 'array', elem: ty.elem, len: ty.len }, d) };
      }
      case 'struct': {
        const v = this.pickVar(c, (x) => x.ty.k === 'struct' && x.ty.name === ty.name && x.name !== 'self');
        if (v && r.chance(0.3)) return { k: 'var', name: v.name };
        const s = this.structs.find((x) => x.name === ty.name)!;
        if (r.chance(0.5)) return { k: 'assocCall', struct: s.name, method: 'new', args: s.fields.filter((f) => f.ty.k === 'int').map((f) => this.int(c, (f.ty as { t: IntTy }).t, d - 1)) };
        return { k: 'structLit', name: s.name, fields: s.fields.map((f) => [f.name, this.expr(c, f.ty, d - 1)]) };
      }
      case 'enum': {
        const maker = this.callables.all.find((x) => x.def.ret?.k === 'enum' && x.def.ret.name === ty.name);
        if (maker && r.chance(0.3) && this.fits(c, maker.def)) {
          this.use(c, maker.def);
          return { k: 'call', fn: maker.def.name, module: null, alias: null, args: [this.int(c, 'u32', d - 1)] };
        }
        const e = this.enums.find((x) => x.name === ty.name)!;
        return this.variantExpr(c, e, r.pick(e.variants), d - 1);
      }
    }
  }

  private bool(c: FnCtx, d: number): Ex {
    const r = this.rng;
    const v = this.pickVar(c, (x) => x.ty.k === 'bool');
    const kind = d <= 0 ? (v ? 'var' : 'lit') : r.weighted<string>([[6, 'cmp'], [1, 'logic'], [0.5, 'not'], [v ? 1.5 : 0, 'var']]);
    if (kind === 'var') return { k: 'var', name: v!.name };
    if (kind === 'lit') return { k: 'bool', v: r.chance(0.5) };
    if (kind === 'logic') return { k: 'logic', op: r.pick(['&&', '||'] as const), l: this.bool(c, d - 1), r: this.bool(c, d - 1) };
    if (kind === 'not') return { k: 'not', t: 'bool', e: this.bool(c, d - 1) };
    const t = r.pick(ARITH);
    const l = this.lhs(c, t, d - 1);
    const rr = this.int(c, t, d - 1);
    return { k: 'cmp', op: r.pick(['<', '<=', '>', '>=', '==', '!='] as const), l, r: rr };
  }

  lit(t: IntTy, v: bigint, hex = false): Ex {
    return { k: 'lit', t, v, suffix: false, hex };
  }

  /** A literal of type `t` in range, mostly small as in real code. */
  private litOf(t: IntTy): Ex {
    const r = this.rng;
    const bits = INT_BITS[t];
    const roll = r.int(10);
    if (roll < 6) return this.lit(t, BigInt(r.range(0, 100)));
    if (roll < 8) return this.lit(t, (1n << BigInt(r.range(2, bits - (isSigned(t) ? 1 : 0)))) - 1n, true);
    if (isSigned(t)) return this.lit(t, -BigInt(r.range(1, 100)));
    return this.lit(t, BigInt(r.range(0, 0x7fffffff)) & ((1n << BigInt(bits)) - 1n), true);
  }

  /** A usize index below `len` (a power of two). */
  private index(c: FnCtx, len: number, d: number): Ex {
    const r = this.rng;
    const bounded = c.vars().filter((v) => v.bound !== undefined && v.bound <= len);
    if (bounded.length && r.chance(0.7)) return { k: 'var', name: r.pick(bounded).name };
    const loopVar = this.pickVar(c, (v) => v.bound !== undefined);
    if (loopVar && r.chance(0.5)) {
      const sum: Ex = { k: 'bin', op: '+', t: 'usize', l: { k: 'var', name: loopVar.name }, r: this.lit('usize', BigInt(r.range(1, 3))) };
      return { k: 'bin', op: '%', t: 'usize', l: sum, r: this.lit('usize', BigInt(len)) };
    }
    const t = r.pick(ARITH);
    const masked: Ex = { k: 'bin', op: '&', t, l: this.lhs(c, t, Math.min(d, 1)), r: this.lit(t, BigInt(len - 1)) };
    return { k: 'cast', from: t, to: 'usize', e: masked };
  }

  private methodCall(c: FnCtx, recv: string, ty: Ty, m: MethodInfo, d: number): Ex {
    this.use(c, m.def);
    return { k: 'method', recv: { k: 'var', name: recv }, struct: (ty as { name: string }).name, owner: m.owner, method: m.def.name, args: m.def.params.map((p) => this.expr(c, p.ty, d - 1)) };
  }

  /** Marks a literal receiver or cast operand as needing a suffix (its type is not fixed by context). */
  private typed(e: Ex): Ex {
    if (e.k === 'lit') e.suffix = true;
    return e;
  }

  /** A left operand or receiver: real code rarely puts a literal there. */
  private lhs(c: FnCtx, t: IntTy, d: number): Ex {
    const own = c.vars().some((v) => v.ty.k === 'int' && v.ty.t === t);
    if (!own && this.rng.chance(0.4)) {
      // No local of this type: convert one of another type, as real code does.
      const other = this.pickVar(c, (v) => v.ty.k === 'int' && v.ty.t !== 'usize' && v.name !== 'self');
      if (other) return { k: 'cast', from: (other.ty as { t: IntTy }).t, to: t, e: { k: 'var', name: other.name } };
    }
    return this.typed(this.int(c, t, d, 0.3));
  }

  int(c: FnCtx, t: IntTy, d: number, litWeight = 2): Ex {
    const r = this.rng;
    // One pass over the scope collects every kind of leaf of type `t`.
    const vars: Var[] = [];
    const arrays: Var[] = [];
    const structVars: Var[] = [];
    const fieldSrc: Ex[] = [];
    for (const v of c.vars()) {
      const ty = v.ty;
      if (ty.k === 'int') {
        if (ty.t === t) vars.push(v);
      } else if (ty.k === 'array' || ty.k === 'arrayRef') {
        if (ty.elem === t) arrays.push(v);
      } else if (ty.k === 'struct') {
        const s = this.structByName.get(ty.name)!;
        for (const f of s.fields) if (f.ty.k === 'int' && f.ty.t === t) fieldSrc.push({ k: 'field', e: { k: 'var', name: v.name }, field: f.name });
        if (d > 0 && (this.methods.get(ty.name) ?? []).some((m) => m.def.ret?.k === 'int' && m.def.ret.t === t)) structVars.push(v);
      }
    }
    const root = c.home === null; // crate-level constants and statics are not visible in modules
    const consts = root ? this.consts.get(t) ?? [] : [];
    const statics = root ? this.statics.get(t) ?? [] : [];
    const calls = d > 0 ? this.callables.byRet.get(t) ?? [] : [];
    const leaf = d <= 0;
    const kind = r.weighted<string>([
      [vars.length + fieldSrc.length ? litWeight : 2, 'lit'], [vars.length ? 6 : 0, 'var'], [consts.length ? 0.7 : 0, 'const'], [fieldSrc.length ? 2 : 0, 'field'],
      [arrays.length + statics.length ? 1.5 : 0, 'index'],
      [leaf ? 0 : 2, 'cast'], [leaf ? 0 : 3, 'bit'], [leaf ? 0 : 1, 'shift'], [leaf ? 0 : 3, 'wrap'], [leaf ? 0 : 1, 'masked'],
      [leaf ? 0 : 1, 'div'], [leaf ? 0 : 0.8, 'minmax'], [leaf ? 0 : 0.3, 'rotate'], [leaf || t !== 'u32' ? 0 : 0.6, 'count'],
      [calls.length ? 2.5 : 0, 'call'], [!leaf && structVars.length ? 1.5 : 0, 'method'],
    ]);
    switch (kind) {
      case 'var': return { k: 'var', name: r.pick(vars).name };
      case 'const': return { k: 'var', name: r.pick(consts) };
      case 'field': return r.pick(fieldSrc);
      case 'index': {
        const pool: { name: string; len: number }[] = [...arrays.map((a) => ({ name: a.name, len: (a.ty as { len: number }).len })), ...statics];
        const a = r.pick(pool);
        return { k: 'index', arr: { k: 'var', name: a.name }, idx: this.index(c, a.len, d - 1) };
      }
      case 'cast': {
        const from = r.pick(ARITH.filter((x) => x !== t));
        return { k: 'cast', from, to: t, e: this.lhs(c, from, d - 1) };
      }
      case 'bit': {
        const l = this.lhs(c, t, d - 1);
        const rr = this.int(c, t, d - 1);
        return { k: 'bin', op: r.pick(['&', '|', '^'] as const), t, l, r: rr };
      }
      case 'shift': {
        const amount = this.lit('u32', BigInt(r.range(1, INT_BITS[t] - 1)));
        return { k: 'bin', op: r.pick(['<<', '>>'] as const), t, l: this.lhs(c, t, d - 1), r: amount };
      }
      case 'wrap': {
        const name = r.pick(['wrapping_add', 'wrapping_sub', 'wrapping_mul'] as const);
        return { k: 'intrinsic', name, t, recv: this.lhs(c, t, d - 1), args: [this.int(c, t, d - 1)] };
      }
      case 'masked': {
        const mul = r.chance(0.3);
        const m1 = this.lit(t, mul ? 0xfn : 0x3fn, true);
        const m2 = this.lit(t, mul ? 0x7n : 0x3fn, true);
        const l: Ex = { k: 'bin', op: '&', t, l: this.lhs(c, t, d - 1), r: m1 };
        const rr: Ex = { k: 'bin', op: '&', t, l: this.lhs(c, t, d - 1), r: m2 };
        return { k: 'bin', op: mul ? '*' : '+', t, l, r: rr };
      }
      case 'div': return { k: 'bin', op: r.pick(['/', '%'] as const), t, l: this.lhs(c, t, d - 1), r: this.lit(t, BigInt(r.range(2, 9))) };
      case 'minmax': return { k: 'intrinsic', name: r.pick(['min', 'max'] as const), t, recv: this.lhs(c, t, d - 1), args: [this.int(c, t, d - 1)] };
      case 'rotate': return { k: 'intrinsic', name: 'rotate_left', t, recv: this.lhs(c, t, d - 1), args: [this.lit('u32', BigInt(r.range(1, INT_BITS[t] - 1)))] };
      case 'count': {
        const from = r.pick(ARITH);
        return { k: 'intrinsic', name: r.pick(['count_ones', 'leading_zeros', 'trailing_zeros'] as const), t: from, recv: this.lhs(c, from, d - 1), args: [] };
      }
      case 'call': {
        // A few random picks instead of filtering every candidate: the list holds every earlier function.
        let f: Callable | null = null;
        for (let i = 0; i < 6 && !f; i++) {
          const x = r.pick(calls);
          if ((x.home === c.home || c.home === null) && this.fits(c, x.def)) f = x;
        }
        if (!f) return this.litOf(t);
        this.use(c, f.def);
        return { k: 'call', fn: f.def.name, module: f.module, alias: f.alias, args: f.def.params.map((p) => this.expr(c, p.ty, d - 1)) };
      }
      case 'method': {
        const v = r.pick(structVars);
        const ms = this.methods.get((v.ty as { name: string }).name)!.filter((m) => m.def.ret?.k === 'int' && m.def.ret.t === t && this.fits(c, m.def));
        if (ms.length === 0) return this.litOf(t); // every method of that type would exceed the work budget
        return this.methodCall(c, v.name, v.ty, r.pick(ms), d);
      }
      default: {
        const e = this.litOf(t);
        return e;
      }
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opt = (name: string, dflt: string): string => {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
  };
  const emitter = EMITTERS[opt('--lang', 'orizon')];
  if (!emitter) throw new Error(`--lang: one of ${Object.keys(EMITTERS).join(', ')}`);
  const seed = Number(opt('--seed', String(BENCH_PROGRAM.seed)));
  process.stdout.write(emitter.emit(generateProgram({ seed, lines: Number(opt('--lines', String(BENCH_PROGRAM.lines))) })));
}
