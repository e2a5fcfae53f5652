// Table-driven RV32 encoder: (instruction, fields) -> 16- or 32-bit word.
//
// Invariants:
// - Every bit position comes from table.ts (FORMAT_FIELDS, IMM layouts); this
//   file only checks values and moves bits.
// - A value that does not fit its field (register outside x8..x15 in a
//   compressed field, immediate out of range or misaligned) throws EncodeError
//   with a message naming the instruction; a wrong word is never produced.
// - Choosing *which* instruction to encode (compression, relaxation, pseudo
//   expansion) is the assembler's job (forms.ts, match.ts, assemble.ts).
import { FORMAT_FIELDS, IMM, opDef, type Fields, type ImmKind, type ImmSpec, type OpDef } from './table.ts';

export class EncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodeError';
  }
}

function fmtRange(spec: ImmSpec): string {
  return spec.ranges.map(([lo, hi]) => (lo < 0 || hi < 0x10000 ? `${lo}..${hi}` : `0x${lo.toString(16)}..0x${hi.toString(16)}`)).join(' or ');
}

/** Why `v` is not a legal value of immediate kind `kind`, or undefined if it is. */
export function immError(kind: ImmKind, v: number): string | undefined {
  const spec: ImmSpec = IMM[kind];
  if (!Number.isSafeInteger(v)) return `${spec.name}: ${v} is not an integer`;
  if (!spec.ranges.some(([lo, hi]) => v >= lo && v <= hi)) {
    if (spec.nonzero && v === 0) return `${spec.name} must not be zero`;
    return `${spec.name} ${v} out of range (${fmtRange(spec)})`;
  }
  if (v % spec.align !== 0) return `${spec.name} ${v} is not a multiple of ${spec.align}`;
  if (spec.nonzero && v === 0) return `${spec.name} must not be zero`;
  return undefined;
}

/** Places the bits of a checked immediate according to its layout. */
function scatter(spec: ImmSpec, v: number): number {
  let word = 0;
  for (const [hi, lo, at] of spec.layout) {
    const width = hi - lo + 1;
    // Shifts on a 32-bit two's-complement view; every layout stays below bit 32.
    const bits = (v >> lo) & ((1 << width) - 1);
    word |= bits << at;
  }
  return word >>> 0;
}

/**
 * Encodes one instruction. `what` names the instruction for error messages
 * (the assembler passes the source text).
 */
export function encodeOp(op: OpDef | string, f: Fields, what?: string): number {
  const d = typeof op === 'string' ? opDef(op) : op;
  const where = what ?? d.name;
  let word = d.match;
  for (const pos of FORMAT_FIELDS[d.fmt]) {
    const v = f[pos.field] ?? 0;
    if (pos.creg) {
      if (v < 8 || v > 15) throw new EncodeError(`${d.name} needs a register in x8..x15 (s0-s1, a0-a5), got x${v}: \`${where}\``);
      word |= (v - 8) << pos.at;
    } else {
      if (!Number.isInteger(v) || v < 0 || v >= 1 << pos.width) {
        throw new EncodeError(`${pos.field} ${v} does not fit ${pos.width} bits: \`${where}\``);
      }
      word |= v << pos.at;
    }
  }
  if (d.imm) {
    const v = f.imm ?? 0;
    const err = immError(d.imm, v);
    if (err) throw new EncodeError(`${err}: \`${where}\``);
    word |= scatter(IMM[d.imm], v);
  } else if (f.imm !== undefined && f.imm !== 0) {
    throw new EncodeError(`internal: ${d.name} takes no immediate`);
  }
  return word >>> 0;
}

/** Little-endian bytes of an encoded word (RISC-V instructions are parcels of 16 bits). */
export function wordBytes(word: number, size: 2 | 4): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (word >>> (8 * i)) & 0xff;
  return b;
}

/** Encodes straight to bytes: the entry point for code generators. */
export function encodeBytes(op: string, f: Fields): Uint8Array {
  const d = opDef(op);
  return wordBytes(encodeOp(d, f), d.size);
}
