// `{:?}` / `{:#?}` of aggregates: one generated function per (type, pretty)
// that prints exactly Rust's derived/std Debug text:
//   __dbg.<type>(addr: ptr, spec: ptr)      (slices: (ptr, len, spec))
//   __dbgp.<type>(...)                      the `{:#?}` form
// Structs `Name { a: 1, b: 2 }`, tuple structs `Name(1, 2)`, unit `Name`,
// enums print the variant the same way, tuples `(1, 'a')` / `(1,)`, arrays
// and slices `[1, 2]`. The pretty form puts one field per line with a
// trailing comma; nesting indents through the runtime's indentation counter.
// The spec travels down so a width applies to every leaf (`Some(    1)`).
import type { Value } from '../ir.ts';
import { arrayLen, displayTy, type Ty } from '../../check/types.ts';
import { FnLower } from './fn.ts';
import { mangle } from './module.ts';
import { debugValue } from './format.ts';
import { elementLoop, variantSwitch } from './derive.ts';

/** Calls the Debug helper of an aggregate type (args: its address, or (ptr, len) for slices). */
export function debugCall(fx: FnLower, t: Ty, args: Value[], pretty: boolean, sp: Value): void {
  fx.b.call(helper(fx, t, pretty), [...args, sp], []);
}

function helper(fx: FnLower, t: Ty, pretty: boolean): string {
  const m = fx.m;
  const key = `dbg${pretty ? 'p' : ''}:${t.id}`;
  const have = m.helpers.get(key);
  if (have) return have;
  const name = m.uniqueSymbol(`__dbg${pretty ? 'p' : ''}.${mangle(displayTy(t))}`);
  m.helpers.set(key, name);
  const unsized = t.kind === 'slice';
  const h = FnLower.synthetic(m, name, unsized ? ['ptr', 'i32', 'ptr'] : ['ptr', 'ptr'], []);
  new DebugBuilder(h, pretty, h.b.fn.params[unsized ? 2 : 1]!).build(t, h.b.fn.params);
  m.functions.push(h.finish());
  return name;
}

class DebugBuilder {
  constructor(readonly h: FnLower, readonly pretty: boolean, readonly sp: Value) {}

  text(s: string): void {
    if (!s) return;
    const h = this.h;
    const d = h.m.str(s);
    h.b.call(h.m.requireRuntime('__orizon_fmt_str'), [h.sym(d.symbol), h.c('i32', d.len)], []);
  }

  indent(delta: number): void {
    const h = this.h;
    h.b.call(h.m.requireRuntime('__orizon_fmt_indent'), [h.c('i32', delta)], []);
  }

  value(addr: Value, off: number, t: Ty): void {
    const h = this.h;
    debugValue(h, h.loadVal(addr, off, t), t, this.pretty, this.sp);
  }

  /** `open` items `close` with Rust's separators (pretty: one item per line, trailing comma). */
  list(open: string, close: string, items: (() => void)[], oneTupleComma = false): void {
    if (items.length === 0) { this.text(open + close); return; }
    if (this.pretty) {
      this.text(`${open}\n`);
      this.indent(1);
      for (const it of items) { it(); this.text(',\n'); }
      this.indent(-1);
      this.text(close);
      return;
    }
    this.text(open);
    items.forEach((it, k) => { if (k) this.text(', '); it(); });
    if (oneTupleComma && items.length === 1) this.text(',');
    this.text(close);
  }

  /** A struct or variant body by its shape. */
  fields(name: string, shape: string, names: string[], addr: Value, offs: number[], tys: Ty[]): void {
    if (shape === 'unit' || tys.length === 0) { this.text(name); return; }
    if (shape === 'tuple') {
      this.list(`${name}(`, ')', tys.map((t, k) => () => this.value(addr, offs[k]!, t)));
      return;
    }
    this.list(`${name} {`, this.pretty ? '}' : ' }', tys.map((t, k) => () => {
      this.text(`${this.pretty ? '' : k === 0 ? ' ' : ''}${names[k]}: `);
      this.value(addr, offs[k]!, t);
    }));
  }

  build(t: Ty, ps: Value[]): void {
    const h = this.h;
    const l = t.kind === 'slice' || t.kind === 'str' ? null! : h.layout(t);
    switch (t.kind) {
      case 'tuple':
        this.list('(', ')', t.elems.map((et, k) => () => this.value(ps[0]!, l.offsets![k]!, et)), true);
        break;
      case 'array': {
        const n = arrayLen(t)!;
        if (n === 0) { this.text('[]'); break; }
        this.sequence(ps[0]!, h.c('i32', n), t.elem);
        break;
      }
      case 'slice': {
        const empty = h.cmp('eq', 'i32', ps[1]!, h.c('i32', 0));
        const yes = h.b.newBlock();
        const no = h.b.newBlock();
        h.b.branch(empty, { block: yes, args: [] }, { block: no, args: [] });
        h.b.switchTo(yes);
        this.text('[]');
        h.b.ret([]);
        h.b.switchTo(no);
        this.sequence(ps[0]!, ps[1]!, t.elem);
        break;
      }
      case 'adt': {
        const def = t.def;
        if (def.adtKind === 'struct') {
          const v = def.variants[0]!;
          this.fields(def.name, v.shape, v.fields.map((f) => f.name), ps[0]!, l.offsets!, l.tys!);
          break;
        }
        const tag = l.tag!;
        if (def.variants.length === 0) break;
        const tv = l.abi.kind === 'scalar' ? h.b.load(tag.ty, ps[0]!) : h.b.load(tag.ty, ps[0]!);
        variantSwitch(h, tag.ty, tv, l.variants!, (vl, k) => {
          const vd = def.variants[k]!;
          this.fields(vd.name, vd.shape, vd.fields.map((f) => f.name), ps[0]!, vl.offsets, vl.tys);
          h.b.ret([]);
        });
        break;
      }
      case 'builtin': {
        if (t.name === 'Range' || t.name === 'RangeInclusive' || t.name === 'RangeFrom' || t.name === 'RangeTo' || t.name === 'RangeToInclusive') {
          const et = t.args[0]!;
          const hasStart = t.name === 'Range' || t.name === 'RangeInclusive' || t.name === 'RangeFrom';
          if (hasStart) this.value(ps[0]!, l.offsets![0]!, et);
          this.text(t.name === 'RangeInclusive' || t.name === 'RangeToInclusive' ? '..=' : '..');
          if (t.name !== 'RangeFrom') this.value(ps[0]!, l.offsets![hasStart ? 1 : 0]!, et);
          break;
        }
        if (t.name === 'RangeFull') { this.text('..'); break; }
        return h.err(`{:?} of \`${displayTy(t)}\` is not supported`);
      }
      default:
        return h.err(`{:?} of \`${displayTy(t)}\` is not supported`);
    }
    if (h.b.isOpen) h.b.ret([]);
  }

  /** `[a, b, c]` for n ≥ 1 elements at addr. */
  private sequence(addr: Value, n: Value, elem: Ty): void {
    const h = this.h;
    const stride = h.layout(elem).size;
    this.text(this.pretty ? '[\n' : '[');
    if (this.pretty) this.indent(1);
    elementLoop(h, n, (k) => {
      if (!this.pretty) {
        const first = h.cmp('eq', 'i32', k, h.c('i32', 0));
        const sep = h.b.newBlock();
        const go = h.b.newBlock();
        h.b.branch(first, { block: go, args: [] }, { block: sep, args: [] });
        h.b.switchTo(sep);
        this.text(', ');
        h.b.jump(go);
        h.b.switchTo(go);
      }
      debugValue(h, h.loadVal(h.index(addr, k, stride), 0, elem), elem, this.pretty, this.sp);
      if (this.pretty) this.text(',\n');
    });
    if (this.pretty) this.indent(-1);
    this.text(']');
  }
}
