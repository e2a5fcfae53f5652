// Generation state shared by the generator's rules: name pools, the variables
// in scope in the function being generated, and the functions it may call.
import type { FnDef, IntTy, StructDef, Ty } from './model.ts';

export const ARITH: readonly IntTy[] = ['u8', 'u16', 'u32', 'u32', 'u64', 'i8', 'i16', 'i32', 'i32', 'i64'];
export const VERBS = ['mix', 'scan', 'fold', 'hash', 'update', 'step', 'decode', 'encode', 'filter', 'scale', 'clamp', 'probe', 'sample', 'merge', 'route', 'pack', 'tally', 'shift'];
export const NOUNS = ['bits', 'frame', 'level', 'word', 'crc', 'span', 'temp', 'phase', 'pulse', 'gain', 'slot', 'key', 'mask', 'rate', 'tick', 'pair', 'block', 'cell'];
export const LOCALS = ['acc', 'sum', 'tmp', 'val', 'mask', 'hi', 'lo', 'state', 'count', 'delta', 'total', 'bits', 'carry', 'seed', 'word', 'cur', 'prev', 'flag', 'res', 'x', 'y', 'z'];
export const STRUCTS = ['Sensor', 'Packet', 'Frame', 'Channel', 'Motor', 'Timer', 'Buffer', 'Queue', 'Port', 'Sample', 'Config', 'Filter', 'Counter'];
export const ENUMS = ['Mode', 'Event', 'Command', 'Status', 'Signal', 'Fault', 'Phase', 'Request'];
export const VARIANTS = ['Idle', 'Run', 'Stop', 'Reset', 'Wait', 'Ready', 'Busy', 'Error', 'Done', 'Start', 'Pause', 'Retry'];
export const FIELDS = ['id', 'flags', 'level', 'count', 'addr', 'gain', 'offset', 'limit', 'ticks', 'status', 'value', 'code'];
export const TRAITS = ['Checksum', 'Score', 'Weight', 'Measure', 'Digest'];
export const LABELS = ['outer', 'scan', 'rows', 'search'];

export interface Var {
  name: string;
  ty: Ty;
  mut: boolean;
  /** For usize loop variables: exclusive upper bound. */
  bound?: number;
  /** Loop counters are incremented by the loop itself and never assigned by the body. */
  counter?: boolean;
}

export interface Callable {
  def: FnDef;
  module: string | null;
  alias: string | null;
  /** Module functions may only call their own module's functions (by plain name). */
  home: string | null;
}

/** Callable functions, indexed by integer return type (looked up for every expression). */
export class CallIndex {
  readonly all: Callable[] = [];
  readonly byRet = new Map<IntTy, Callable[]>();

  add(c: Callable): void {
    this.all.push(c);
    if (c.def.ret?.k !== 'int') return;
    const list = this.byRet.get(c.def.ret.t);
    if (list) list.push(c);
    else this.byRet.set(c.def.ret.t, [c]);
  }
}

export interface MethodInfo {
  def: FnDef;
  owner: string;
}

/** Per-function generation state. */
export class FnCtx {
  /** Variables in scope, innermost last; `marks` records where each open scope starts. */
  private all: Var[] = [];
  private marks: number[] = [];
  used = new Set<string>();
  cost = 0;
  mult = 1;
  depth = 0;
  loops: { kind: 'for' | 'while' | 'loop'; label: string | null }[] = [];

  constructor(
    readonly home: string | null,
    readonly selfStruct: StructDef | null,
    readonly selfMut: boolean,
    readonly ret: Ty | null,
  ) {}

  vars(): readonly Var[] {
    return this.all;
  }

  add(v: Var): void {
    this.all.push(v);
  }

  open(): void {
    this.marks.push(this.all.length);
  }

  close(): void {
    this.all.length = this.marks.pop()!;
  }

  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}
