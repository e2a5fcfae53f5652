// A growable little-endian byte buffer. Every ELF and DWARF structure the linker
// writes goes through it, so byte order lives in exactly one place (both targets,
// Cortex-M and RV32, are little-endian; a big-endian target would change only this file).
//
// Invariant: `length` bytes of `buf` are meaningful; the rest is spare capacity.

export class ByteBuffer {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.length, v & 0xffff, true);
    this.length += 2;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
    return this;
  }

  /** Signed 8-bit (DWARF line_base). */
  i8(v: number): this {
    return this.u8(v & 0xff);
  }

  uleb(v: number): this {
    if (v < 0 || !Number.isInteger(v)) throw new Error(`uleb128 of ${v}`);
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.u8(b);
    } while (v !== 0);
    return this;
  }

  sleb(v: number): this {
    if (!Number.isInteger(v)) throw new Error(`sleb128 of ${v}`);
    for (;;) {
      const b = v & 0x7f;
      v = Math.floor(v / 128);
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      this.u8(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** NUL-terminated UTF-8 string. */
  cstring(s: string): this {
    return this.bytes(new TextEncoder().encode(s)).u8(0);
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Pads with `fill` up to a multiple of `align`. */
  align(align: number, fill = 0): this {
    while (this.length % align !== 0) this.u8(fill);
    return this;
  }

  /** Pads with zeros up to absolute position `pos` (must not move backwards). */
  padTo(pos: number): this {
    if (pos < this.length) throw new Error(`padTo ${pos} < ${this.length}`);
    this.ensure(pos - this.length);
    this.buf.fill(0, this.length, pos);
    this.length = pos;
    return this;
  }

  /** Overwrites an already written 32-bit word (e.g. a length known only at the end). */
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }

  /** A copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export function readU16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

export function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function writeU16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}

export function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

export function alignUp(v: number, align: number): number {
  return Math.ceil(v / align) * align;
}

export function isPowerOfTwo(v: number): boolean {
  return Number.isInteger(v) && v > 0 && (v & (v - 1)) === 0;
}

export function hex(v: number): string {
  return `0x${(v >>> 0).toString(16)}`;
}
