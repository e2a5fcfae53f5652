// Module-level state of one lowering: the function worklist (instances are
// lowered on demand, starting from the roots), symbol names, interned data
// (string literals, panic locations, format specs, promoted constants,
// statics) and the runtime library. One ModuleLowering per compilation; no
// module-level mutable state.
import type { DataInit, DataObject, Function, Module } from '../ir.ts';
import type { Span, SourceMap } from '../../diag/source.ts';
import type { ConstValue, FnRef, HirProgram, HirStatic } from '../../check/hir.ts';
import type { AdtDef, FnDef, ModuleDef, StaticDef, TraitDef } from '../../check/defs.ts';
import { hasAttr } from '../../check/defs.ts';
import type { Attr } from '../../syntax/ast.ts';
import { displayTy, type Ty, type TypeTable } from '../../check/types.ts';
import { Layouts, LayoutError } from '../layout.ts';
import { RuntimeLib, encodeSpec, LOCATION_SIZE, DEFAULT_SPEC } from './runtime.ts';
import { staticInit } from './statics.ts';

export interface LowerOptions {
  /** Overflow checks (debug builds). Division by zero and bounds are always checked. */
  debug: boolean;
  target: { ptrBytes: 4 };
  /** Source files, for panic locations (`file:line:col`). Without it locations print as `<unknown>:0:0`. */
  sources?: SourceMap;
  /** Promote non-escaping stack slots to SSA values (mem2reg.ts). Default true; false shows the raw lowering. */
  mem2reg?: boolean;
}

/** A lowering failure with the source position of the construct (unsupported feature or internal error). */
export class LowerError extends Error {
  constructor(message: string, readonly span: Span | null = null) {
    super(message);
  }
}

export interface FnInstance {
  fn: FnDef;
  args: Ty[];
  symbol: string;
}

/** Legacy-Rust-style escapes so symbols stay valid assembler identifiers. */
const ESCAPES: Record<string, string> = {
  '<': '$LT$', '>': '$GT$', '&': '$RF$', '*': '$BP$', ',': '$C$', '[': '$LB$', ']': '$RB$',
  ';': '$SC$', '(': '$LP$', ')': '$RP$', '\'': '$SQ$', '#': '$u23$', '!': '$u21$', '-': '$u2d$',
};

export function mangle(text: string): string {
  return text.replace(/::/g, '.').replace(/, /g, ',').replace(/ /g, '$u20$').replace(/[^A-Za-z0-9_.$]/g, (c) => ESCAPES[c] ?? `$u${c.codePointAt(0)!.toString(16)}$`);
}

export class ModuleLowering {
  readonly T: TypeTable;
  readonly layouts: Layouts;
  readonly rt = new RuntimeLib();
  readonly functions: Function[] = [];
  readonly data: DataObject[] = [];
  private readonly dataNames = new Set<string>();
  private readonly symbols = new Set<string>();
  private readonly instances = new Map<string, FnInstance>();
  /** Fast path for non-generic functions. */
  private readonly monoInstances = new Map<FnDef, FnInstance>();
  private readonly locBySpan = new Map<number, string>();
  readonly queue: FnInstance[] = [];
  private readonly strs = new Map<string, string>();
  private readonly strLens = new Map<string, number>();
  private readonly positions = new Map<number, { file: string; line: number; col: number }>();
  private readonly locs = new Map<string, string>();
  private readonly specs = new Map<string, string>();
  private readonly promoted = new Map<string, string>();
  private readonly staticSyms = new Map<StaticDef, string>();
  readonly externs = new Map<string, 'func' | 'data'>();
  /** Generated helper functions (Debug/PartialEq/... per type), by key. */
  readonly helpers = new Map<string, string>();
  /** Helpers waiting to be built (key → builder). */
  readonly helperQueue: (() => void)[] = [];
  private langTraits: Map<string, TraitDef> | null = null;

  constructor(readonly prog: HirProgram, readonly opts: LowerOptions) {
    this.T = prog.types;
    this.layouts = new Layouts(prog.types, opts.target.ptrBytes);
  }

  // ---------------------------------------------------------------- symbols

  /** A fresh symbol name derived from `base` (made unique). */
  uniqueSymbol(base: string): string {
    let name = base;
    for (let k = 1; this.symbols.has(name); k++) name = `${base}.${k}`;
    this.symbols.add(name);
    return name;
  }

  reserve(name: string): void {
    this.symbols.add(name);
  }

  /** Readable instance name: `Point::new`, `max<u8>`, `<Point as Shape>::area`. */
  instanceName(fn: FnDef, args: readonly Ty[]): string {
    const T = this.T;
    const own = fn.generics.own.map((p) => displayTy(args[p.index] ?? T.error));
    let base: string;
    if (fn.owner?.kind === 'impl') {
      const impl = fn.owner.impl;
      const self = displayTy(T.subst(impl.selfTy, args));
      base = impl.traitRef ? `<${self} as ${impl.traitRef.trait.name}>::${fn.name}` : `${self}::${fn.name}`;
    } else if (fn.owner?.kind === 'trait') {
      base = `<${displayTy(args[0] ?? T.error)} as ${fn.owner.trait.name}>::${fn.name}`;
    } else if (fn.closureOf) {
      base = `${this.instanceName(fn.closureOf, [])}::{closure}`;
    } else {
      const mod = fn.module.displayPath.replace(/^crate(::)?/, '');
      base = mod ? `${mod}::${fn.name}` : fn.name;
    }
    return own.length ? `${base}<${own.join(', ')}>` : base;
  }

  /** Is `fn` visible to the outside world under its own name? */
  isExported(fn: FnDef): boolean {
    return fn === this.prog.main || hasAttr(fn.attrs, 'no_mangle') || (fn.decl.abi !== null && fn.body !== null && !fn.owner)
      || this.prog.interrupts.some((h) => h.fn === fn);
  }

  /** The symbol of a concrete function instance; queues it for lowering. */
  requestFn(ref: FnRef): string {
    if (ref.args.length === 0) {
      const mono = this.monoInstances.get(ref.fn);
      if (mono) return mono.symbol;
    }
    const key = `${ref.fn.id}<${ref.args.map((a) => a.id).join(',')}>`;
    const have = this.instances.get(key);
    if (have) return have.symbol;
    if (!this.prog.fns.has(ref.fn)) throw new LowerError(`internal: function \`${ref.fn.name}\` has no body to lower`, ref.fn.span);
    const exported = this.isExported(ref.fn);
    const symbol = exported ? this.uniqueSymbol(ref.fn.name) : this.uniqueSymbol(mangle(this.instanceName(ref.fn, ref.args)));
    const inst: FnInstance = { fn: ref.fn, args: [...ref.args], symbol };
    this.instances.set(key, inst);
    if (ref.args.length === 0) this.monoInstances.set(ref.fn, inst);
    this.queue.push(inst);
    return symbol;
  }

  requireRuntime(name: string): string {
    if (RuntimeLib.has(name)) this.rt.require(name);
    else this.externs.set(name, 'func');
    return name;
  }

  // ---------------------------------------------------------------- data

  addData(d: DataObject): void {
    if (this.dataNames.has(d.name)) return;
    this.dataNames.add(d.name);
    this.data.push(d);
  }

  /** Read-only bytes of a string literal (deduplicated); returns its symbol. */
  str(text: string): { symbol: string; len: number } {
    let name = this.strs.get(text);
    if (name) return { symbol: name, len: this.strLens.get(name)! };
    const bytes = new TextEncoder().encode(text);
    {
      name = this.uniqueSymbol(`.Lstr.${this.strs.size}`);
      this.strs.set(text, name);
      this.strLens.set(name, bytes.length);
      this.addData({ name, exported: false, size: bytes.length, align: 1, readonly: true, init: bytes.length ? [{ kind: 'bytes', bytes }] : [] });
    }
    return { symbol: name, len: bytes.length };
  }

  bytes(bytes: readonly number[]): string {
    const key = `b:${bytes.join(',')}`;
    let name = this.strs.get(key);
    if (!name) {
      name = this.uniqueSymbol(`.Lbytes.${this.strs.size}`);
      this.strs.set(key, name);
      this.addData({ name, exported: false, size: bytes.length, align: 1, readonly: true, init: bytes.length ? [{ kind: 'bytes', bytes: Uint8Array.from(bytes) }] : [] });
    }
    return name;
  }

  /** file:line:col of a span. */
  position(span: Span | null): { file: string; line: number; col: number } {
    const src = this.opts.sources;
    if (!span || !src) return { file: '<unknown>', line: 0, col: 0 };
    // Memoised: the same positions are asked for again and again (locations, line info).
    const key = span.file * 0x4000_0000 + span.start;
    let p = this.positions.get(key);
    if (!p) {
      const f = src.get(span.file);
      const lc = f.lineCol(span.start);
      p = { file: f.path, line: lc.line, col: lc.col };
      this.positions.set(key, p);
    }
    return p;
  }

  /** A Location object {file, file_len, line, col} for a span (deduplicated); returns its symbol. */
  location(span: Span | null): string {
    const spanKey = span ? span.file * 0x4000_0000 + span.start : -1;
    const cached = this.locBySpan.get(spanKey);
    if (cached) return cached;
    const name = this.locationOf(span);
    this.locBySpan.set(spanKey, name);
    return name;
  }

  private locationOf(span: Span | null): string {
    const p = this.position(span);
    const key = `${p.file}:${p.line}:${p.col}`;
    let name = this.locs.get(key);
    if (!name) {
      name = this.uniqueSymbol(`.Lloc.${this.locs.size}`);
      this.locs.set(key, name);
      const file = this.str(p.file);
      const rest = new Uint8Array(LOCATION_SIZE - 4);
      const v = new DataView(rest.buffer);
      v.setUint32(0, file.len, true);
      v.setUint32(4, p.line, true);
      v.setUint32(8, p.col, true);
      this.addData({ name, exported: false, size: LOCATION_SIZE, align: 4, readonly: true, init: [{ kind: 'symbol', symbol: file.symbol, offset: 0 }, { kind: 'bytes', bytes: rest }] });
    }
    return name;
  }

  /** A read-only FmtSpec (deduplicated); returns its symbol. */
  spec(fill: number, width: number | null, precision: number | null, flags: number): string {
    if (fill === 32 && width === null && precision === null && flags === 0) return DEFAULT_SPEC;
    const key = `${fill}/${width}/${precision}/${flags}`;
    let name = this.specs.get(key);
    if (!name) {
      name = this.uniqueSymbol(`.Lspec.${this.specs.size}`);
      this.specs.set(key, name);
      this.addData({ name, exported: false, size: 16, align: 4, readonly: true, init: [{ kind: 'bytes', bytes: encodeSpec(fill, width, precision, flags) }] });
    }
    return name;
  }

  /** A constant aggregate placed in read-only data (deduplicated by key); returns its symbol. */
  promote(key: string, ty: Ty, value: ConstValue): string {
    let name = this.promoted.get(key);
    if (!name) {
      name = this.uniqueSymbol(`.Lconst.${this.promoted.size}`);
      this.promoted.set(key, name);
      const l = this.layouts.of(ty);
      this.addData({ name, exported: false, size: l.size, align: l.align, readonly: true, init: this.constInit(value, ty) });
    }
    return name;
  }

  staticSymbol(def: StaticDef): string {
    let name = this.staticSyms.get(def);
    if (name) return name;
    const st = this.prog.statics.find((s) => s.def === def);
    const exported = hasAttr(def.attrs, 'no_mangle');
    const mod = def.module.displayPath.replace(/^crate(::)?/, '');
    name = exported ? this.uniqueSymbol(def.name) : this.uniqueSymbol(mangle(mod ? `${mod}::${def.name}` : def.name));
    this.staticSyms.set(def, name);
    if (st) this.defineStatic(st, name, exported);
    else this.externs.set(name, 'data');
    return name;
  }

  private defineStatic(st: HirStatic, name: string, exported: boolean): void {
    const ty = st.ty;
    const l = this.layouts.of(ty);
    // The checker folds plain data; initialisers with addresses are evaluated from the HIR here.
    const init = st.evaluated ? this.constInit(st.evaluated, ty) : staticInit(this, st.init, ty);
    const section = sectionAttr(st.def.attrs);
    this.addData({ name, exported, size: l.size, align: l.align, readonly: !st.def.mut && !hasInteriorPointerWrites(ty), init, section });
  }

  // ---------------------------------------------------------------- constants to bytes

  /** The initial bytes (with relocations) of a constant value of type `ty`. */
  constInit(value: ConstValue, ty: Ty): DataInit[] {
    const l = this.layouts.of(ty);
    const buf = new Uint8Array(l.size);
    const relocs: { at: number; symbol: string }[] = [];
    this.writeConst(buf, 0, value, ty, relocs);
    // Split the bytes around the pointer-sized relocation slots.
    relocs.sort((a, b) => a.at - b.at);
    const out: DataInit[] = [];
    let at = 0;
    for (const r of relocs) {
      if (r.at > at) out.push({ kind: 'bytes', bytes: buf.slice(at, r.at) });
      out.push({ kind: 'symbol', symbol: r.symbol, offset: 0 });
      at = r.at + 4;
    }
    if (at < buf.length) out.push({ kind: 'bytes', bytes: buf.slice(at) });
    if (out.every((p) => p.kind === 'bytes' && p.bytes.every((b) => b === 0))) return [];
    return out;
  }

  private writeConst(buf: Uint8Array, at: number, v: ConstValue, ty: Ty, relocs: { at: number; symbol: string }[]): void {
    const view = new DataView(buf.buffer);
    const l = this.layouts.of(ty);
    const writeInt = (x: bigint, size: number) => {
      for (let k = 0; k < size; k++) buf[at + k] = Number((BigInt.asUintN(size * 8, x) >> BigInt(8 * k)) & 0xffn);
    };
    switch (v.kind) {
      case 'int': writeInt(v.value, l.size); return;
      case 'bool': buf[at] = v.value ? 1 : 0; return;
      case 'char': view.setUint32(at, v.value, true); return;
      case 'unit': return;
      case 'str': {
        const s = this.str(v.value);
        relocs.push({ at, symbol: s.symbol });
        view.setUint32(at + 4, s.len, true);
        return;
      }
      case 'tuple': {
        const tys = ty.kind === 'tuple' ? ty.elems : [];
        v.elems.forEach((e, k) => this.writeConst(buf, at + l.offsets![k]!, e, tys[k]!, relocs));
        return;
      }
      case 'array': {
        if (ty.kind !== 'array') throw new LowerError(`internal: array constant of type ${displayTy(ty)}`);
        v.elems.forEach((e, k) => this.writeConst(buf, at + k * l.stride!, e, ty.elem, relocs));
        return;
      }
      case 'adt': {
        if (ty.kind !== 'adt') throw new LowerError(`internal: ADT constant of type ${displayTy(ty)}`);
        if (l.tag) {
          const vl = l.variants![v.variant]!;
          writeInt(vl.discriminant, this.layouts.of(this.T.int(l.tag.int)).size);
          v.fields.forEach((f, k) => this.writeConst(buf, at + vl.offsets[k]!, f, vl.tys[k]!, relocs));
        } else {
          const tys = this.layouts.fieldTys(ty.def, ty.args, 0);
          v.fields.forEach((f, k) => this.writeConst(buf, at + l.offsets![k]!, f, tys[k]!, relocs));
        }
        return;
      }
    }
  }

  // ---------------------------------------------------------------- lang items

  /** A prelude trait by name (`Clone`, `PartialEq`, `PartialOrd`, `Ord`), found through the std crate. */
  langTrait(name: string): TraitDef | null {
    if (!this.langTraits) {
      this.langTraits = new Map();
      let prelude: ModuleDef | null = null;
      for (const f of this.prog.fns.keys()) {
        if (f.module.crate.isLibrary && f.module.name === 'prelude') { prelude = f.module; break; }
      }
      if (prelude) {
        for (const [n, b] of prelude.types) if (b.def.kind === 'trait') this.langTraits.set(n, b.def);
      }
    }
    return this.langTraits.get(name) ?? null;
  }

  optionAdt(): AdtDef | null {
    return this.prog.adts.find((a) => a.name === 'Option' && a.module.crate.isLibrary) ?? null;
  }

  orderingAdt(): AdtDef | null {
    return this.prog.adts.find((a) => a.name === 'Ordering' && a.module.crate.isLibrary) ?? null;
  }

  // ---------------------------------------------------------------- result

  finish(): Module {
    const fns = [...this.functions, ...this.rt.functions()];
    const data = [...this.data];
    for (const d of this.rt.dataObjects()) if (!this.dataNames.has(d.name)) data.push(d);
    const defined = new Set(fns.map((f) => f.name));
    const externs = [...this.externs].filter(([n]) => !defined.has(n)).map(([name, kind]) => ({ name, kind }));
    for (const n of ['__orizon_write', '__orizon_exit']) {
      if (!defined.has(n) && !externs.some((e) => e.name === n)) externs.push({ name: n, kind: 'func' });
    }
    const interrupts = this.prog.interrupts.map((h) => ({ name: h.name, func: this.requestFn({ fn: h.fn, args: [] }) }));
    return { functions: fns, data, externs, interrupts };
  }
}

/** `#[section("name")]` (or `#[link_section = "name"]`). */
export function sectionAttr(attrs: readonly Attr[]): string | undefined {
  for (const a of attrs) {
    const m = a.meta;
    if (m.kind === 'list' && m.name === 'section' && m.items[0]?.kind === 'lit' && m.items[0].lit.kind === 'str') return m.items[0].lit.value;
    if (m.kind === 'nameValue' && (m.name === 'link_section' || m.name === 'section') && m.value.kind === 'str') return m.value.value;
  }
  return undefined;
}

/** Statics are writable only when declared `static mut` (interior mutability does not exist in v0.1). */
function hasInteriorPointerWrites(_ty: Ty): boolean {
  return false;
}

export { LayoutError };
