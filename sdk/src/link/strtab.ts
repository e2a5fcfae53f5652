// An ELF string table (.strtab, .shstrtab): NUL-terminated names addressed by
// byte offset. Offset 0 is always the empty string (gABI), and equal names share
// one entry, which keeps symbol tables with many repeated names (`$t`, `$d`) small.
import { ByteBuffer } from './bytes.ts';

export class StringTable {
  private readonly buf = new ByteBuffer();
  private readonly offsets = new Map<string, number>();

  constructor() {
    this.buf.u8(0);
    this.offsets.set('', 0);
  }

  /** Offset of `name`, adding it on first use. */
  add(name: string): number {
    let off = this.offsets.get(name);
    if (off === undefined) {
      off = this.buf.length;
      this.buf.cstring(name);
      this.offsets.set(name, off);
    }
    return off;
  }

  finish(): Uint8Array {
    return this.buf.finish();
  }
}
