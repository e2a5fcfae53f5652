// The target-independent part of Orizon's runtime, built as IR functions in
// TypeScript (docs/abi.md lists every function with its signature). Lowering
// asks for functions by name; the RuntimeLib builds each one on first request,
// together with everything it calls, and contributes them to the module.
//
// Only two runtime functions are target-specific and are *not* built here:
//   __orizon_write(fd: i32, ptr: ptr, len: i32)   (semihosting SYS_WRITE on QEMU)
//   __orizon_exit(code: i32) noreturn             (semihosting SYS_EXIT_EXTENDED)
//
// Formatting works on one global formatter (`__orizon_fmt_state`): print!/
// panic! call __orizon_fmt_begin(fd), then piece and argument functions, then
// __orizon_fmt_end() which flushes. Output is buffered in 64-byte chunks.
// Pretty `{:#?}` indentation is a counter: every byte written after a newline
// while the counter is > 0 is preceded by 4 spaces per level (Rust's PadAdapter).
//
// Data structures shared with lowering (offsets in bytes):
//   FmtSpec  { fill: u32 @0, width: u32 @4 (0xffffffff = none), precision: u32 @8
//              (0xffffffff = none), flags: u8 @12 } size 16 align 4;
//              flags: bits 0-1 align (0 default, 1 `<`, 2 `>`, 3 `^`), bit 2 `#`,
//              bit 3 `0`, bit 4 `+`.
//   Location { file: ptr @0, file_len: u32 @4, line: u32 @8, col: u32 @12 } size 16.
import type { DataObject, Function, Ty, Value } from '../ir.ts';
import { Rt } from './rtbuild.ts';

export const FMT_SPEC_SIZE = 16;
export const LOCATION_SIZE = 16;
export const SPEC_NONE = 0xffff_ffff;
export const FLAG_ALIGN_LEFT = 1, FLAG_ALIGN_RIGHT = 2, FLAG_ALIGN_CENTER = 3, FLAG_ALT = 4, FLAG_ZERO = 8, FLAG_PLUS = 16;

/** Encodes a FmtSpec as bytes (for read-only data). */
export function encodeSpec(fill: number, width: number | null, precision: number | null, flags: number): Uint8Array {
  const b = new Uint8Array(FMT_SPEC_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(0, fill, true);
  v.setUint32(4, width ?? SPEC_NONE, true);
  v.setUint32(8, precision ?? SPEC_NONE, true);
  b[12] = flags;
  return b;
}

const ST = '__orizon_fmt_state';
const BUF = 0, LEN = 64, FD = 68, INDENT = 72, NL = 76, BUF_SIZE = 64;
export const DEFAULT_SPEC = '__orizon_fmt_spec_default';

type Builder = (lib: RuntimeLib) => Function;

export class RuntimeLib {
  private readonly fns = new Map<string, Function>();
  private readonly data = new Map<string, DataObject>();
  private readonly strs = new Map<string, string>();

  constructor() {
    this.data.set(ST, { name: ST, exported: false, size: 80, align: 4, readonly: false, init: [] });
    this.data.set(DEFAULT_SPEC, { name: DEFAULT_SPEC, exported: false, size: FMT_SPEC_SIZE, align: 4, readonly: true, init: [{ kind: 'bytes', bytes: encodeSpec(32, null, null, 0) }] });
  }

  static has(name: string): boolean {
    return Object.hasOwn(BUILDERS, name);
  }

  /** Makes sure `name` (and what it calls) is part of the module. */
  require(name: string): void {
    if (this.fns.has(name) || !RuntimeLib.has(name)) return;
    const f = BUILDERS[name]!(this);
    this.fns.set(name, f);
    for (const b of f.blocks) for (const i of b.insts) if (i.op === 'call') this.require(i.callee);
  }

  /** A read-only string used by the runtime; returns its symbol. */
  str(text: string): string {
    let name = this.strs.get(text);
    if (!name) {
      name = `__orizon_rt_str${this.strs.size}`;
      this.strs.set(text, name);
      const bytes = new TextEncoder().encode(text);
      this.data.set(name, { name, exported: false, size: bytes.length, align: 1, readonly: true, init: [{ kind: 'bytes', bytes }] });
    }
    return name;
  }

  functions(): Function[] {
    return [...this.fns.values()];
  }

  dataObjects(): DataObject[] {
    return [...this.data.values()];
  }
}

// ------------------------------------------------------------ helpers

function lit(lib: RuntimeLib, r: Rt, text: string): void {
  const bytes = new TextEncoder().encode(text);
  r.call('__orizon_fmt_str', [r.sym(lib.str(text)), r.c('i32', bytes.length)]);
}

function st(r: Rt, off: number): Value {
  return r.sym(ST, off);
}

function fmtBegin(): Function {
  const r = new Rt('__orizon_fmt_begin', ['i32'], []);
  r.store('i32', st(r, FD), r.p(0));
  const z = r.c('i32', 0);
  r.store('i32', st(r, LEN), z);
  r.store('i32', st(r, INDENT), z);
  r.store('i8', st(r, NL), r.c('i8', 0));
  return r.finish();
}

function fmtFlush(): Function {
  const r = new Rt('__orizon_fmt_flush', [], []);
  const len = r.load('i32', st(r, LEN));
  r.if(r.cmp('ne', 'i32', len, r.c('i32', 0)), () => {
    r.call('__orizon_write', [r.load('i32', st(r, FD)), st(r, BUF), len]);
    r.store('i32', st(r, LEN), r.c('i32', 0));
  });
  return r.finish();
}

function fmtEnd(): Function {
  const r = new Rt('__orizon_fmt_end', [], []);
  r.call('__orizon_fmt_flush', []);
  return r.finish();
}

/** Raw byte append (no indentation). */
function fmtPutb(): Function {
  const r = new Rt('__orizon_fmt_putb', ['i8'], []);
  const len0 = r.load('i32', st(r, LEN));
  r.if(r.cmp('eq', 'i32', len0, r.c('i32', BUF_SIZE)), () => r.call('__orizon_fmt_flush', []));
  const len = r.load('i32', st(r, LEN));
  r.store('i8', r.addr(st(r, BUF), len), r.p(0));
  r.store('i32', st(r, LEN), r.op('add', 'i32', len, r.c('i32', 1)));
  return r.finish();
}

/** Byte append through the pretty-printing indentation. */
function fmtByte(): Function {
  const r = new Rt('__orizon_fmt_byte', ['i8'], []);
  const nl = r.load('i8', st(r, NL));
  const indent = r.load('i32', st(r, INDENT));
  const doIndent = r.op('and', 'i8', nl, r.cmp('sgt', 'i32', indent, r.c('i32', 0)));
  r.if(doIndent, () => {
    const n = r.var('i32', r.op('mul', 'i32', indent, r.c('i32', 4)));
    r.while(() => r.cmp('sgt', 'i32', r.get(n), r.c('i32', 0)), () => {
      r.call('__orizon_fmt_putb', [r.c('i8', 32)]);
      r.set(n, r.op('sub', 'i32', r.get(n), r.c('i32', 1)));
    });
  });
  r.store('i8', st(r, NL), r.cmp('eq', 'i8', r.p(0), r.c('i8', 10)));
  r.call('__orizon_fmt_putb', [r.p(0)]);
  return r.finish();
}

function fmtStr(): Function {
  const r = new Rt('__orizon_fmt_str', ['ptr', 'i32'], []);
  const i = r.var('i32', r.c('i32', 0));
  r.while(() => r.cmp('ult', 'i32', r.get(i), r.p(1)), () => {
    const k = r.get(i);
    r.call('__orizon_fmt_byte', [r.load('i8', r.addr(r.p(0), k))]);
    r.set(i, r.op('add', 'i32', k, r.c('i32', 1)));
  });
  return r.finish();
}

function fmtIndent(): Function {
  const r = new Rt('__orizon_fmt_indent', ['i32'], []);
  r.store('i32', st(r, INDENT), r.op('add', 'i32', r.load('i32', st(r, INDENT)), r.p(0)));
  return r.finish();
}

/** utf8_encode(c: i32, out: ptr) -> i32 bytes written (1..4). */
function utf8Encode(): Function {
  const r = new Rt('__orizon_utf8_encode', ['i32', 'ptr'], ['i32']);
  const c = r.p(0), out = r.p(1);
  const byte = (v: Value) => r.conv('trunc', 'i32', 'i8', v);
  const cont = (shift: number) => byte(r.op('or', 'i32', r.c('i32', 0x80), r.op('and', 'i32', r.op('lshr', 'i32', c, r.c('i32', shift)), r.c('i32', 0x3f))));
  r.if(r.cmp('ult', 'i32', c, r.c('i32', 0x80)), () => {
    r.store('i8', out, byte(c));
    r.ret([r.c('i32', 1)]);
  });
  r.if(r.cmp('ult', 'i32', c, r.c('i32', 0x800)), () => {
    r.store('i8', out, byte(r.op('or', 'i32', r.c('i32', 0xc0), r.op('lshr', 'i32', c, r.c('i32', 6)))));
    r.store('i8', out, cont(0), 1);
    r.ret([r.c('i32', 2)]);
  });
  r.if(r.cmp('ult', 'i32', c, r.c('i32', 0x10000)), () => {
    r.store('i8', out, byte(r.op('or', 'i32', r.c('i32', 0xe0), r.op('lshr', 'i32', c, r.c('i32', 12)))));
    r.store('i8', out, cont(6), 1);
    r.store('i8', out, cont(0), 2);
    r.ret([r.c('i32', 3)]);
  });
  r.store('i8', out, byte(r.op('or', 'i32', r.c('i32', 0xf0), r.op('lshr', 'i32', c, r.c('i32', 18)))));
  r.store('i8', out, cont(12), 1);
  r.store('i8', out, cont(6), 2);
  r.store('i8', out, cont(0), 3);
  r.ret([r.c('i32', 4)]);
  return r.finish();
}

/** fmt_fill(c: i32 char, count: i32): writes `c` count times. */
function fmtFill(): Function {
  const r = new Rt('__orizon_fmt_fill', ['i32', 'i32'], []);
  const tmp = r.slot(4, 1, 'utf8');
  const [n] = r.call('__orizon_utf8_encode', [r.p(0), tmp], ['i32']);
  const k = r.var('i32', r.p(1));
  r.while(() => r.cmp('sgt', 'i32', r.get(k), r.c('i32', 0)), () => {
    r.call('__orizon_fmt_str', [tmp, n!]);
    r.set(k, r.op('sub', 'i32', r.get(k), r.c('i32', 1)));
  });
  return r.finish();
}

/**
 * fmt_pad(p: ptr, n: i32, spec: ptr, mode: i32): Rust's Formatter::pad.
 * mode bit 0: default alignment is right (numbers) instead of left (strings);
 * bit 1: apply the precision (truncate to that many chars; strings only).
 */
function fmtPad(): Function {
  const r = new Rt('__orizon_fmt_pad', ['ptr', 'i32', 'ptr', 'i32'], []);
  const p = r.p(0), spec = r.p(2), mode = r.p(3);
  const n = r.var('i32', r.p(1));
  const one = () => r.c('i32', 1);
  const isCharStart = (k: Value) => r.cmp('ne', 'i8', r.op('and', 'i8', r.load('i8', r.addr(p, k)), r.c('i8', 0xc0)), r.c('i8', 0x80));
  // Precision: keep the first `prec` chars.
  const prec = r.load('i32', spec, 8);
  const usePrec = r.op('and', 'i8', r.cmp('ne', 'i32', prec, r.c('i32', SPEC_NONE)), r.conv('trunc', 'i32', 'i8', r.op('lshr', 'i32', mode, one())));
  r.if(usePrec, () => {
    const i = r.var('i32', r.c('i32', 0));
    const chars = r.var('i32', r.c('i32', 0));
    r.while(() => r.cmp('ult', 'i32', r.get(i), r.get(n)), () => {
      r.if(isCharStart(r.get(i)), () => {
        r.if(r.cmp('eq', 'i32', r.get(chars), prec), () => r.set(n, r.get(i)));
        r.set(chars, r.op('add', 'i32', r.get(chars), one()));
      });
      r.set(i, r.op('add', 'i32', r.get(i), one()));
    });
  });
  const width = r.load('i32', spec, 4);
  r.if(r.cmp('eq', 'i32', width, r.c('i32', SPEC_NONE)), () => {
    r.call('__orizon_fmt_str', [p, r.get(n)]);
    r.ret();
  });
  const chars = r.var('i32', r.c('i32', 0));
  const i = r.var('i32', r.c('i32', 0));
  r.while(() => r.cmp('ult', 'i32', r.get(i), r.get(n)), () => {
    r.if(isCharStart(r.get(i)), () => r.set(chars, r.op('add', 'i32', r.get(chars), one())));
    r.set(i, r.op('add', 'i32', r.get(i), one()));
  });
  r.if(r.cmp('uge', 'i32', r.get(chars), width), () => {
    r.call('__orizon_fmt_str', [p, r.get(n)]);
    r.ret();
  });
  const pad = r.op('sub', 'i32', width, r.get(chars));
  const flags = r.load('i8', spec, 12);
  const align0 = r.conv('zext', 'i8', 'i32', r.op('and', 'i8', flags, r.c('i8', 3)));
  // Default alignment: 1 (left) for strings, 2 (right) for numbers.
  const align = r.var('i32', align0);
  r.if(r.cmp('eq', 'i32', align0, r.c('i32', 0)), () => r.set(align, r.op('add', 'i32', one(), r.op('and', 'i32', mode, one()))));
  const pre = r.var('i32', r.c('i32', 0));
  r.if(r.cmp('eq', 'i32', r.get(align), r.c('i32', 2)), () => r.set(pre, pad));
  r.if(r.cmp('eq', 'i32', r.get(align), r.c('i32', 3)), () => r.set(pre, r.op('lshr', 'i32', pad, one())));
  const fill = r.load('i32', spec, 0);
  r.call('__orizon_fmt_fill', [fill, r.get(pre)]);
  r.call('__orizon_fmt_str', [p, r.get(n)]);
  r.call('__orizon_fmt_fill', [fill, r.op('sub', 'i32', pad, r.get(pre))]);
  return r.finish();
}

/**
 * fmt_u32(v: i32, neg: i8, radix: i32, spec: ptr) and fmt_u64(v: i64, ...):
 * Rust's pad_integral. `v` is the magnitude (unsigned), `neg` the sign;
 * radix bits 0-7 = base (2, 8, 10, 16), bit 8 = upper-case hex digits.
 */
function fmtInt(name: string, ty: Ty): Function {
  const r = new Rt(name, [ty, 'i8', 'i32', 'ptr'], []);
  const spec = r.p(3);
  const buf = r.slot(80, 4, 'digits');
  const base32 = r.op('and', 'i32', r.p(2), r.c('i32', 0xff));
  const upper = r.cmp('ne', 'i32', r.op('and', 'i32', r.p(2), r.c('i32', 0x100)), r.c('i32', 0));
  const base = ty === 'i64' ? r.conv('zext', 'i32', 'i64', base32) : base32;
  const v = r.var(ty, r.p(0));
  const pos = r.var('i32', r.c('i32', 80));
  const digit = () => {
    const d = r.conv(ty === 'i64' ? 'trunc' : 'zext', ty, 'i32', r.op('urem', ty, r.get(v), base));
    const dec = r.op('add', 'i32', d, r.c('i32', 48));
    const hexBase = r.b.newValue('i32');
    r.b.emit({ op: 'select', dst: hexBase, ty: 'i32', cond: upper, a: r.c('i32', 55), b: r.c('i32', 87) });
    const hex = r.op('add', 'i32', d, hexBase);
    const ch = r.b.newValue('i32');
    r.b.emit({ op: 'select', dst: ch, ty: 'i32', cond: r.cmp('ult', 'i32', d, r.c('i32', 10)), a: dec, b: hex });
    const np = r.op('sub', 'i32', r.get(pos), r.c('i32', 1));
    r.set(pos, np);
    r.store('i8', r.addr(buf, np), r.conv('trunc', 'i32', 'i8', ch));
    r.set(v, r.op('udiv', ty, r.get(v), base));
  };
  digit();
  r.while(() => r.cmp('ne', ty, r.get(v), r.c(ty, 0)), digit);
  const digitsStart = r.get(pos);
  const flags = r.load('i8', spec, 12);
  const flag = (bit: number) => r.cmp('ne', 'i8', r.op('and', 'i8', flags, r.c('i8', bit)), r.c('i8', 0));
  const prefixed = r.op('and', 'i8', flag(FLAG_ALT), r.cmp('ne', 'i32', base32, r.c('i32', 10)));
  r.if(prefixed, () => {
    const np = r.op('sub', 'i32', r.get(pos), r.c('i32', 2));
    r.set(pos, np);
    const at = r.addr(buf, np);
    r.store('i8', at, r.c('i8', 48));
    const letter = r.var('i8', r.c('i8', 120)); // x
    r.if(r.cmp('eq', 'i32', base32, r.c('i32', 2)), () => r.set(letter, r.c('i8', 98)));
    r.if(r.cmp('eq', 'i32', base32, r.c('i32', 8)), () => r.set(letter, r.c('i8', 111)));
    r.store('i8', at, r.get(letter), 1);
  });
  const signc = r.var('i8', r.c('i8', 0));
  r.if(flag(FLAG_PLUS), () => r.set(signc, r.c('i8', 43)));
  r.if(r.cmp('ne', 'i8', r.p(1), r.c('i8', 0)), () => r.set(signc, r.c('i8', 45)));
  r.if(r.cmp('ne', 'i8', r.get(signc), r.c('i8', 0)), () => {
    const np = r.op('sub', 'i32', r.get(pos), r.c('i32', 1));
    r.set(pos, np);
    r.store('i8', r.addr(buf, np), r.get(signc));
  });
  const start = r.get(pos);
  const total = r.op('sub', 'i32', r.c('i32', 80), start);
  const width = r.load('i32', spec, 4);
  const zeroPad = r.op('and', 'i8', flag(FLAG_ZERO), r.op('and', 'i8', r.cmp('ne', 'i32', width, r.c('i32', SPEC_NONE)), r.cmp('ult', 'i32', total, width)));
  r.if(zeroPad, () => {
    r.call('__orizon_fmt_str', [r.addr(buf, start), r.op('sub', 'i32', digitsStart, start)]);
    r.call('__orizon_fmt_fill', [r.c('i32', 48), r.op('sub', 'i32', width, total)]);
    r.call('__orizon_fmt_str', [r.addr(buf, digitsStart), r.op('sub', 'i32', r.c('i32', 80), digitsStart)]);
  }, () => {
    r.call('__orizon_fmt_pad', [r.addr(buf, start), total, spec, r.c('i32', 1)]);
  });
  return r.finish();
}

function fmtChar(): Function {
  const r = new Rt('__orizon_fmt_char', ['i32', 'ptr'], []);
  const tmp = r.slot(4, 1, 'utf8');
  const [n] = r.call('__orizon_utf8_encode', [r.p(0), tmp], ['i32']);
  r.call('__orizon_fmt_pad', [tmp, n!, r.p(1), r.c('i32', 2)]);
  return r.finish();
}

/** fmt_esc(c: i32, quote: i32): one char of a Debug string/char literal, escaped as Rust's escape_debug. */
function fmtEsc(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_fmt_esc', ['i32', 'i32'], []);
  const c = r.p(0);
  const is = (x: number) => r.cmp('eq', 'i32', c, r.c('i32', x));
  const simple: [number, string][] = [[9, '\\t'], [13, '\\r'], [10, '\\n'], [92, '\\\\'], [0, '\\0']];
  for (const [code, text] of simple) r.if(is(code), () => { lit(lib, r, text); r.ret(); });
  r.if(r.cmp('eq', 'i32', c, r.p(1)), () => {
    lit(lib, r, '\\');
    r.call('__orizon_fmt_byte', [r.conv('trunc', 'i32', 'i8', c)]);
    r.ret();
  });
  const ctl = r.op('or', 'i8', r.cmp('ult', 'i32', c, r.c('i32', 0x20)),
    r.op('or', 'i8', is(0x7f), r.op('and', 'i8', r.cmp('uge', 'i32', c, r.c('i32', 0x80)), r.cmp('ult', 'i32', c, r.c('i32', 0xa0)))));
  r.if(ctl, () => {
    lit(lib, r, '\\u{');
    r.call('__orizon_fmt_u32', [c, r.c('i8', 0), r.c('i32', 16), r.sym(DEFAULT_SPEC)]);
    lit(lib, r, '}');
    r.ret();
  });
  const tmp = r.slot(4, 1, 'utf8');
  const [n] = r.call('__orizon_utf8_encode', [c, tmp], ['i32']);
  r.call('__orizon_fmt_str', [tmp, n!]);
  return r.finish();
}

function fmtDebugChar(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_fmt_debug_char', ['i32'], []);
  lit(lib, r, "'");
  r.call('__orizon_fmt_esc', [r.p(0), r.c('i32', 39)]);
  lit(lib, r, "'");
  return r.finish();
}

/** fmt_debug_str(p, n): `"..."` with escapes (decodes UTF-8; width is ignored, as in Rust). */
function fmtDebugStr(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_fmt_debug_str', ['ptr', 'i32'], []);
  const p = r.p(0), n = r.p(1);
  lit(lib, r, '"');
  const i = r.var('i32', r.c('i32', 0));
  r.while(() => r.cmp('ult', 'i32', r.get(i), n), () => {
    const k = r.get(i);
    const b0 = r.conv('zext', 'i8', 'i32', r.load('i8', r.addr(p, k)));
    const byteAt = (off: number) => r.op('and', 'i32', r.conv('zext', 'i8', 'i32', r.load('i8', r.addr(p, k), off)), r.c('i32', 0x3f));
    const c = r.var('i32', b0);
    const len = r.var('i32', r.c('i32', 1));
    r.if(r.cmp('uge', 'i32', b0, r.c('i32', 0xc0)), () => {
      r.if(r.cmp('ult', 'i32', b0, r.c('i32', 0xe0)), () => {
        r.set(c, r.op('or', 'i32', r.op('shl', 'i32', r.op('and', 'i32', b0, r.c('i32', 0x1f)), r.c('i32', 6)), byteAt(1)));
        r.set(len, r.c('i32', 2));
      }, () => {
        r.if(r.cmp('ult', 'i32', b0, r.c('i32', 0xf0)), () => {
          r.set(c, r.op('or', 'i32', r.op('or', 'i32', r.op('shl', 'i32', r.op('and', 'i32', b0, r.c('i32', 0x0f)), r.c('i32', 12)), r.op('shl', 'i32', byteAt(1), r.c('i32', 6))), byteAt(2)));
          r.set(len, r.c('i32', 3));
        }, () => {
          const hi = r.op('or', 'i32', r.op('shl', 'i32', r.op('and', 'i32', b0, r.c('i32', 0x07)), r.c('i32', 18)), r.op('shl', 'i32', byteAt(1), r.c('i32', 12)));
          r.set(c, r.op('or', 'i32', r.op('or', 'i32', hi, r.op('shl', 'i32', byteAt(2), r.c('i32', 6))), byteAt(3)));
          r.set(len, r.c('i32', 4));
        });
      });
    });
    r.call('__orizon_fmt_esc', [r.get(c), r.c('i32', 34)]);
    r.set(i, r.op('add', 'i32', k, r.get(len)));
  });
  lit(lib, r, '"');
  return r.finish();
}

// ------------------------------------------------------------ panics

function panicBegin(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_panic_begin', [], []);
  r.call('__orizon_fmt_begin', [r.c('i32', 2)]);
  lit(lib, r, "panicked at '");
  return r.finish();
}

function panicEnd(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_panic_end', ['ptr'], []);
  const loc = r.p(0);
  lit(lib, r, "', ");
  r.call('__orizon_fmt_str', [r.load('ptr', loc, 0), r.load('i32', loc, 4)]);
  lit(lib, r, ':');
  r.call('__orizon_fmt_u32', [r.load('i32', loc, 8), r.c('i8', 0), r.c('i32', 10), r.sym(DEFAULT_SPEC)]);
  lit(lib, r, ':');
  r.call('__orizon_fmt_u32', [r.load('i32', loc, 12), r.c('i8', 0), r.c('i32', 10), r.sym(DEFAULT_SPEC)]);
  lit(lib, r, '\n');
  r.call('__orizon_fmt_end', []);
  r.call('__orizon_exit', [r.c('i32', 101)], [], true);
  return r.finish();
}

function panicMsg(): Function {
  const r = new Rt('__orizon_panic', ['ptr', 'i32', 'ptr'], []);
  r.call('__orizon_panic_begin', []);
  r.call('__orizon_fmt_str', [r.p(0), r.p(1)]);
  r.call('__orizon_panic_end', [r.p(2)], [], true);
  return r.finish();
}

function u32Arg(r: Rt, v: Value): void {
  r.call('__orizon_fmt_u32', [v, r.c('i8', 0), r.c('i32', 10), r.sym(DEFAULT_SPEC)]);
}

function panicBounds(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_panic_bounds', ['i32', 'i32', 'ptr'], []);
  r.call('__orizon_panic_begin', []);
  lit(lib, r, 'index out of bounds: the len is ');
  u32Arg(r, r.p(1));
  lit(lib, r, ' but the index is ');
  u32Arg(r, r.p(0));
  r.call('__orizon_panic_end', [r.p(2)], [], true);
  return r.finish();
}

/**
 * panic_slice(kind: i32, a: i32, b: i32, loc): the sub-slicing panics.
 * kind 0: range start index a out of range for slice of length b
 * kind 1: range end index a out of range for slice of length b
 * kind 2: slice index starts at a but ends at b
 * kind 3: `..=usize::MAX` (attempted to index slice up to maximum usize)
 */
function panicSlice(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_panic_slice', ['i32', 'i32', 'i32', 'ptr'], []);
  const kind = r.p(0), a = r.p(1), b = r.p(2);
  r.call('__orizon_panic_begin', []);
  const is = (k: number) => r.cmp('eq', 'i32', kind, r.c('i32', k));
  r.if(is(0), () => { lit(lib, r, 'range start index '); u32Arg(r, a); lit(lib, r, ' out of range for slice of length '); u32Arg(r, b); });
  r.if(is(1), () => { lit(lib, r, 'range end index '); u32Arg(r, a); lit(lib, r, ' out of range for slice of length '); u32Arg(r, b); });
  r.if(is(2), () => { lit(lib, r, 'slice index starts at '); u32Arg(r, a); lit(lib, r, ' but ends at '); u32Arg(r, b); });
  r.if(is(3), () => lit(lib, r, 'attempted to index slice up to maximum usize'));
  r.call('__orizon_panic_end', [r.p(3)], [], true);
  return r.finish();
}

/** str_bnd(i, p, n) -> i8: is byte index i a char boundary of the n bytes at p? */
function strBoundary(): Function {
  const r = new Rt('__orizon_str_bnd', ['i32', 'ptr', 'i32'], ['i8']);
  const [i, p, n] = [r.p(0), r.p(1), r.p(2)];
  r.if(r.cmp('uge', 'i32', i, n), () => r.ret([r.cmp('eq', 'i32', i, n)]));
  const b = r.load('i8', r.addr(p, i));
  r.ret([r.cmp('ne', 'i8', r.op('and', 'i8', b, r.c('i8', 0xc0)), r.c('i8', 0x80))]);
  return r.finish();
}

/**
 * str_check(begin, end, p, n, loc): `&s[begin..end]` on a str; returns when
 * valid, otherwise panics with Rust's message (out of bounds, begin > end,
 * not a char boundary), showing at most 256 bytes of the string.
 */
function strCheck(lib: RuntimeLib): Function {
  const r = new Rt('__orizon_str_check', ['i32', 'i32', 'ptr', 'i32', 'ptr'], []);
  const [begin, end, p, n, loc] = [r.p(0), r.p(1), r.p(2), r.p(3), r.p(4)];
  const bnd = (i: Value) => r.call('__orizon_str_bnd', [i, p, n], ['i8'])[0]!;
  const ok = r.op('and', 'i8', r.cmp('ule', 'i32', begin, end), r.op('and', 'i8', bnd(begin), bnd(end)));
  r.if(ok, () => r.ret());
  r.call('__orizon_panic_begin', []);
  const trunc = r.var('i32', n);
  r.if(r.cmp('ugt', 'i32', n, r.c('i32', 256)), () => {
    r.set(trunc, r.c('i32', 256));
    r.while(() => r.cmp('eq', 'i8', bnd(r.get(trunc)), r.c('i8', 0)), () => r.set(trunc, r.op('sub', 'i32', r.get(trunc), r.c('i32', 1))));
  });
  const tail = () => {
    lit(lib, r, '`');
    r.call('__orizon_fmt_str', [p, r.get(trunc)]);
    lit(lib, r, '`');
    r.if(r.cmp('ult', 'i32', r.get(trunc), n), () => lit(lib, r, '[...]'));
    r.call('__orizon_panic_end', [loc], [], true);
  };
  r.if(r.cmp('ugt', 'i32', begin, n), () => { lit(lib, r, 'start byte index '); u32Arg(r, begin); lit(lib, r, ' is out of bounds of '); tail(); });
  r.if(r.cmp('ugt', 'i32', end, n), () => { lit(lib, r, 'end byte index '); u32Arg(r, end); lit(lib, r, ' is out of bounds of '); tail(); });
  r.if(r.cmp('ugt', 'i32', begin, end), () => {
    lit(lib, r, 'begin > end ('); u32Arg(r, begin); lit(lib, r, ' > '); u32Arg(r, end); lit(lib, r, ') when slicing '); tail();
  });
  const startOk = bnd(begin);
  const idx = r.var('i32', begin);
  r.if(startOk, () => { r.set(idx, end); lit(lib, r, 'end'); }, () => lit(lib, r, 'start'));
  lit(lib, r, ' byte index ');
  u32Arg(r, r.get(idx));
  lit(lib, r, ' is not a char boundary; it is inside ');
  const cs = r.var('i32', r.get(idx));
  r.while(() => r.cmp('eq', 'i8', bnd(r.get(cs)), r.c('i8', 0)), () => r.set(cs, r.op('sub', 'i32', r.get(cs), r.c('i32', 1))));
  // Decode the char at cs.
  const at = r.addr(p, r.get(cs));
  const b0 = r.conv('zext', 'i8', 'i32', r.load('i8', at));
  const cont = (k: number) => r.op('and', 'i32', r.conv('zext', 'i8', 'i32', r.load('i8', at, k)), r.c('i32', 0x3f));
  const ch = r.var('i32', b0);
  const len = r.var('i32', r.c('i32', 1));
  r.if(r.cmp('uge', 'i32', b0, r.c('i32', 0xf0)), () => {
    r.set(ch, r.op('or', 'i32', r.op('or', 'i32', r.op('shl', 'i32', r.op('and', 'i32', b0, r.c('i32', 7)), r.c('i32', 18)), r.op('shl', 'i32', cont(1), r.c('i32', 12))), r.op('or', 'i32', r.op('shl', 'i32', cont(2), r.c('i32', 6)), cont(3))));
    r.set(len, r.c('i32', 4));
  }, () => r.if(r.cmp('uge', 'i32', b0, r.c('i32', 0xe0)), () => {
    r.set(ch, r.op('or', 'i32', r.op('or', 'i32', r.op('shl', 'i32', r.op('and', 'i32', b0, r.c('i32', 0xf)), r.c('i32', 12)), r.op('shl', 'i32', cont(1), r.c('i32', 6))), cont(2)));
    r.set(len, r.c('i32', 3));
  }, () => r.if(r.cmp('uge', 'i32', b0, r.c('i32', 0xc0)), () => {
    r.set(ch, r.op('or', 'i32', r.op('shl', 'i32', r.op('and', 'i32', b0, r.c('i32', 0x1f)), r.c('i32', 6)), cont(1)));
    r.set(len, r.c('i32', 2));
  })));
  r.call('__orizon_fmt_debug_char', [r.get(ch)]);
  lit(lib, r, ' (bytes ');
  u32Arg(r, r.get(cs));
  lit(lib, r, '..');
  u32Arg(r, r.op('add', 'i32', r.get(cs), r.get(len)));
  lit(lib, r, ') of ');
  tail();
  return r.finish();
}

// ------------------------------------------------------------ arithmetic and memory

/** mul_ovf_u64(a, b) -> i8: does the unsigned 64-bit product overflow? */
function mulOvfU64(): Function {
  const r = new Rt('__orizon_mul_ovf_u64', ['i64', 'i64'], ['i8']);
  const a = r.p(0), b = r.p(1);
  r.if(r.cmp('eq', 'i64', a, r.c('i64', 0)), () => r.ret([r.c('i8', 0)]));
  const p = r.op('mul', 'i64', a, b);
  r.ret([r.cmp('ne', 'i64', r.op('udiv', 'i64', p, a), b)]);
  return r.finish();
}

/** mul_ovf_i64(a, b) -> i8: does the signed 64-bit product overflow? */
function mulOvfI64(): Function {
  const r = new Rt('__orizon_mul_ovf_i64', ['i64', 'i64'], ['i8']);
  const a = r.p(0), b = r.p(1);
  const min = 1n << 63n;
  r.if(r.cmp('eq', 'i64', a, r.c('i64', 0)), () => r.ret([r.c('i8', 0)]));
  const m1 = r.c('i64', -1);
  const mn = r.c('i64', min);
  const bad = r.op('or', 'i8', r.op('and', 'i8', r.cmp('eq', 'i64', a, m1), r.cmp('eq', 'i64', b, mn)), r.op('and', 'i8', r.cmp('eq', 'i64', b, m1), r.cmp('eq', 'i64', a, mn)));
  r.if(bad, () => r.ret([r.c('i8', 1)]));
  const p = r.op('mul', 'i64', a, b);
  r.ret([r.cmp('ne', 'i64', r.op('sdiv', 'i64', p, a), b)]);
  return r.finish();
}

/** memeq(a: ptr, b: ptr, n: i32) -> i8: are the n bytes equal? */
function memEq(): Function {
  const r = new Rt('__orizon_memeq', ['ptr', 'ptr', 'i32'], ['i8']);
  const i = r.var('i32', r.c('i32', 0));
  r.while(() => r.cmp('ult', 'i32', r.get(i), r.p(2)), () => {
    const k = r.get(i);
    r.if(r.cmp('ne', 'i8', r.load('i8', r.addr(r.p(0), k)), r.load('i8', r.addr(r.p(1), k))), () => r.ret([r.c('i8', 0)]));
    r.set(i, r.op('add', 'i32', k, r.c('i32', 1)));
  });
  r.ret([r.c('i8', 1)]);
  return r.finish();
}

const BUILDERS: Record<string, Builder> = {
  __orizon_fmt_begin: fmtBegin,
  __orizon_fmt_flush: fmtFlush,
  __orizon_fmt_end: fmtEnd,
  __orizon_fmt_putb: fmtPutb,
  __orizon_fmt_byte: fmtByte,
  __orizon_fmt_str: fmtStr,
  __orizon_fmt_indent: fmtIndent,
  __orizon_fmt_fill: fmtFill,
  __orizon_fmt_pad: fmtPad,
  __orizon_fmt_u32: () => fmtInt('__orizon_fmt_u32', 'i32'),
  __orizon_fmt_u64: () => fmtInt('__orizon_fmt_u64', 'i64'),
  __orizon_fmt_char: fmtChar,
  __orizon_fmt_esc: fmtEsc,
  __orizon_fmt_debug_char: fmtDebugChar,
  __orizon_fmt_debug_str: fmtDebugStr,
  __orizon_utf8_encode: utf8Encode,
  __orizon_panic_begin: panicBegin,
  __orizon_panic_end: panicEnd,
  __orizon_panic: panicMsg,
  __orizon_panic_bounds: panicBounds,
  __orizon_panic_slice: panicSlice,
  __orizon_str_bnd: strBoundary,
  __orizon_str_check: strCheck,
  __orizon_mul_ovf_u64: mulOvfU64,
  __orizon_mul_ovf_i64: mulOvfI64,
  __orizon_memeq: memEq,
};

/** The target-specific runtime functions (declared as externs). */
export const TARGET_RUNTIME = ['__orizon_write', '__orizon_exit'] as const;
