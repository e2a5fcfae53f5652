// Initial values of statics whose initialiser the checker's constant
// evaluator does not fold to a ConstValue — typically because it contains
// addresses: `static N1: Node = Node { next: Some(&N2) }`, `static T: &[u8] =
// &[1, 2]`, fn pointers in tables. The HIR initialiser is evaluated into bytes
// with relocations (`symbol + offset` words), at compile time, never at run time.
import type { DataInit } from '../ir.ts';
import type { HirExpr } from '../../check/hir.ts';
import { arrayLen, intBits, type Ty } from '../../check/types.ts';
import { isUnsized } from '../layout.ts';
import { LowerError, type ModuleLowering } from './module.ts';

interface Image {
  bytes: Uint8Array;
  relocs: { at: number; symbol: string; offset: number }[];
}

/** Data pieces for a static's initialiser `e` of type `ty`. */
export function staticInit(m: ModuleLowering, e: HirExpr, ty: Ty): DataInit[] {
  const l = m.layouts.of(ty);
  const img: Image = { bytes: new Uint8Array(l.size), relocs: [] };
  write(m, img, 0, e, ty);
  img.relocs.sort((a, b) => a.at - b.at);
  const out: DataInit[] = [];
  let at = 0;
  for (const r of img.relocs) {
    if (r.at > at) out.push({ kind: 'bytes', bytes: img.bytes.slice(at, r.at) });
    out.push({ kind: 'symbol', symbol: r.symbol, offset: r.offset });
    at = r.at + m.opts.target.ptrBytes;
  }
  if (at < img.bytes.length) out.push({ kind: 'bytes', bytes: img.bytes.slice(at) });
  if (out.every((p) => p.kind === 'bytes' && p.bytes.every((b) => b === 0))) return [];
  return out;
}

function fail(e: HirExpr): never {
  throw new LowerError(`this expression cannot be evaluated at compile time in a static initialiser (${e.kind})`, e.span);
}

function writeInt(img: Image, at: number, v: bigint, size: number): void {
  for (let k = 0; k < size; k++) img.bytes[at + k] = Number((BigInt.asUintN(size * 8, v) >> BigInt(8 * k)) & 0xffn);
}

/** An integer-valued constant expression, or null. */
function intValue(m: ModuleLowering, e: HirExpr): bigint | null {
  switch (e.kind) {
    case 'lit':
      if (e.value.kind === 'int') return e.value.value;
      if (e.value.kind === 'bool') return e.value.value ? 1n : 0n;
      if (e.value.kind === 'char') return BigInt(e.value.value);
      return null;
    case 'unary': {
      const v = intValue(m, e.operand);
      if (v === null) return null;
      return e.op === 'neg' ? -v : e.ty.kind === 'bool' ? (v ? 0n : 1n) : ~v;
    }
    case 'cast': {
      const v = intValue(m, e.operand);
      if (v === null || e.ty.kind !== 'int') return v;
      const bits = BigInt(intBits(e.ty.int));
      return e.ty.int[0] === 'i' ? BigInt.asIntN(Number(bits), v) : BigInt.asUintN(Number(bits), v);
    }
    case 'const': {
      const c = m.prog.consts.get(e.def)?.evaluated;
      if (c && (c.kind === 'int' || c.kind === 'bool' || c.kind === 'char')) return c.kind === 'int' ? c.value : c.kind === 'bool' ? (c.value ? 1n : 0n) : BigInt(c.value);
      return null;
    }
    default: return null;
  }
}

/** The address an `&expr` (or a str/byte-string literal) denotes: symbol + offset, and the length for slices. */
function addressOf(m: ModuleLowering, e: HirExpr): { symbol: string; offset: number } {
  if (e.kind === 'static') return { symbol: m.staticSymbol(e.def), offset: 0 };
  if (e.kind === 'field' || e.kind === 'tupleField') {
    const base = addressOf(m, e.base);
    const l = m.layouts.of(e.base.ty);
    const off = e.kind === 'field' && l.variants ? l.variants[e.variant]!.offsets[e.index]! : l.offsets![e.index]!;
    return { symbol: base.symbol, offset: base.offset + off };
  }
  // Any other value: a promoted, read-only anonymous object.
  const name = m.uniqueSymbol('.Lstatic');
  const l = m.layouts.of(e.ty);
  m.addData({ name, exported: false, size: l.size, align: l.align, readonly: true, init: staticInit(m, e, e.ty) });
  return { symbol: name, offset: 0 };
}

function write(m: ModuleLowering, img: Image, at: number, e: HirExpr, ty: Ty): void {
  const l = m.layouts.of(ty);
  const P = m.opts.target.ptrBytes;
  const iv = intValue(m, e);
  if (iv !== null && l.abi.kind === 'scalar') { writeInt(img, at, iv, l.size); return; }
  switch (e.kind) {
    case 'lit':
      if (e.value.kind === 'str') {
        const s = m.str(e.value.value);
        img.relocs.push({ at, symbol: s.symbol, offset: 0 });
        writeInt(img, at + P, BigInt(s.len), 4);
        return;
      }
      if (e.value.kind === 'byteStr') { img.relocs.push({ at, symbol: m.bytes(e.value.value), offset: 0 }); return; }
      return fail(e);
    case 'const': {
      const c = m.prog.consts.get(e.def);
      if (c?.evaluated) {
        const pieces = m.constInit(c.evaluated, ty);
        let p = at;
        for (const piece of pieces) {
          if (piece.kind === 'bytes') { img.bytes.set(piece.bytes, p); p += piece.bytes.length; }
          else { img.relocs.push({ at: p, symbol: piece.symbol, offset: piece.offset }); p += P; }
        }
        return;
      }
      if (c) return write(m, img, at, c.value, ty);
      return fail(e);
    }
    case 'tuple': e.elems.forEach((x, k) => write(m, img, at + l.offsets![k]!, x, (ty as Ty & { kind: 'tuple' }).elems[k]!)); return;
    case 'array': {
      if (ty.kind !== 'array') return fail(e);
      e.elems.forEach((x, k) => write(m, img, at + k * l.stride!, x, ty.elem));
      return;
    }
    case 'arrayRepeat': {
      if (ty.kind !== 'array') return fail(e);
      const n = arrayLen(ty)!;
      for (let k = 0; k < n; k++) write(m, img, at + k * l.stride!, e.elem, ty.elem);
      return;
    }
    case 'adt': {
      if (ty.kind !== 'adt') return fail(e);
      let offsets: number[];
      let tys: Ty[];
      if (l.tag) {
        const vl = l.variants![e.variant]!;
        writeInt(img, at, vl.discriminant, m.layouts.of(m.T.int(l.tag.int)).size);
        offsets = vl.offsets;
        tys = vl.tys;
      } else {
        offsets = l.offsets!;
        tys = l.tys!;
      }
      if (e.base) return fail(e);
      e.fields.forEach((x, k) => { if (x) write(m, img, at + offsets[k]!, x, tys[k]!); });
      return;
    }
    case 'addrOf': {
      const a = addressOf(m, e.operand);
      img.relocs.push({ at, symbol: a.symbol, offset: a.offset });
      if (isUnsized(e.operand.ty)) return fail(e);
      return;
    }
    case 'coerce': {
      if (e.coercion === 'unsize') {
        // &[T; N] → &[T]: the thin pointer, then N.
        write(m, img, at, e.operand, e.operand.ty);
        const inner = e.operand.ty.kind === 'ref' || e.operand.ty.kind === 'ptr' ? e.operand.ty.inner : null;
        const n = inner ? arrayLen(inner) : null;
        if (n === null) return fail(e);
        writeInt(img, at + P, BigInt(n), 4);
        return;
      }
      return write(m, img, at, e.operand, ty);
    }
    case 'fnRef': {
      const r = m.prog.resolveInstance({ fn: e.ref.fn, args: e.ref.args });
      if (r.kind !== 'fn') return fail(e);
      img.relocs.push({ at, symbol: m.requestFn(r.ref), offset: 0 });
      return;
    }
    case 'cast':
      if (e.cast === 'refToPtr' || e.cast === 'ptrToPtr' || e.cast === 'fnToPtr' || e.cast === 'identity' || e.cast === 'arrayRefToPtr') return write(m, img, at, e.operand, e.operand.ty);
      return fail(e);
    case 'block':
      if (e.block.stmts.length === 0 && e.block.tail) return write(m, img, at, e.block.tail, ty);
      return fail(e);
    default:
      return fail(e);
  }
}
