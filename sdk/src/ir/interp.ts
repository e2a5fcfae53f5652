// IR interpreter: executes a Module exactly as the targets would, so it is the
// oracle for lowering (no back end needed) and a differential oracle for the
// ARM and RISC-V back ends.
//
// Machine model
// - One flat little-endian memory of `memSize` bytes with 32-bit addresses:
//   [0, 0x1000) is a guard page (any access traps: null dereference), data
//   objects follow from 0x1000, the stack occupies the top `stackSize` bytes
//   and grows down. Functions get addresses outside memory (FN_BASE + 16·k) so
//   fn pointers are ordinary 32-bit values that cannot be dereferenced.
// - Values: i8/i16/i32/ptr are JS numbers normalised to their unsigned range;
//   i64 values are bigints normalised to [0, 2^64). Signedness is a property
//   of operations (sdiv, slt, ashr, sext), never of values.
// - Runtime functions implemented natively (the only target-specific ones):
//   `__orizon_write(fd: i32, ptr: ptr, len: i32)` appends to stdout (fd 1) or
//   stderr (fd 2); `__orizon_exit(code: i32)` stops the machine.
// - An instruction budget stops runaway programs with an InterpError, as do
//   IR-level undefined behaviour the lowering must never produce: division by
//   zero, shift amounts ≥ the width, out-of-bounds or null memory accesses,
//   overlapping `copy`, reaching `unreachable`, calling an undefined symbol.
import type { Function, Inst, Module, Terminator, Ty, Value } from './ir.ts';

export class InterpError extends Error {}

export interface InterpOptions {
  /** Function to start in (no parameters). Default `__orizon_start`, else `main`. */
  entry?: string;
  /** Maximum number of executed instructions (terminators included). Default 50 million. */
  budget?: number;
  memSize?: number;
  stackSize?: number;
}

export interface InterpResult {
  stdout: string;
  stderr: string;
  /** Exit status: the argument of `__orizon_exit`, or 0 when the entry returns. */
  status: number;
  /** Executed instructions. */
  steps: number;
}

type Val = number | bigint;

const GUARD = 0x1000;
const FN_BASE = 0xf000_0000;

const BITS: Record<Ty, number> = { i8: 8, i16: 16, i32: 32, ptr: 32, i64: 64 };

function norm(ty: Ty, x: number): number {
  return ty === 'i8' ? x & 0xff : ty === 'i16' ? x & 0xffff : x >>> 0;
}

function signed(ty: Ty, x: number): number {
  return ty === 'i8' ? (x << 24) >> 24 : ty === 'i16' ? (x << 16) >> 16 : x | 0;
}

const s64 = (x: bigint) => BigInt.asIntN(64, x);
const u64 = (x: bigint) => BigInt.asUintN(64, x);

type OpFn = (regs: Val[], f: Frame) => void;
type Op = OpFn | Inst;

interface Frame {
  fn: Function;
  regs: Val[];
  block: number;
  pc: number;
  /** Stack pointer at entry: restored on return. */
  sp: number;
  slotAddrs: number[];
  /** Caller's destinations for our return values. */
  retDsts: Value[];
}

export class Machine {
  readonly mem: Uint8Array;
  private readonly view: DataView;
  private readonly fns = new Map<string, Function>();
  private readonly fnByAddr = new Map<number, Function>();
  private readonly fnAddr = new Map<string, number>();
  private readonly dataAddr = new Map<string, number>();
  private readonly out: number[] = [];
  private readonly compiled = new Map<Function, Op[][]>();
  private readonly err: number[] = [];
  private sp: number;
  private readonly stackLimit: number;
  steps = 0;
  budget: number;
  exitCode: number | null = null;

  constructor(readonly module: Module, opts: InterpOptions = {}) {
    const memSize = opts.memSize ?? 4 << 20;
    const stackSize = opts.stackSize ?? 1 << 20;
    this.mem = new Uint8Array(memSize);
    this.view = new DataView(this.mem.buffer);
    this.sp = memSize;
    this.stackLimit = memSize - stackSize;
    this.budget = opts.budget ?? 50_000_000;
    module.functions.forEach((f, k) => {
      this.fns.set(f.name, f);
      this.fnAddr.set(f.name, FN_BASE + 16 * k);
      this.fnByAddr.set(FN_BASE + 16 * k, f);
    });
    let at = GUARD;
    for (const d of module.data) {
      at = Math.ceil(at / Math.max(1, d.align)) * Math.max(1, d.align);
      this.dataAddr.set(d.name, at);
      at += Math.max(d.size, 1);
    }
    if (at > this.stackLimit) throw new InterpError('data does not fit in the interpreter memory');
    for (const d of module.data) {
      let p = this.dataAddr.get(d.name)!;
      for (const piece of d.init) {
        if (piece.kind === 'bytes') {
          this.mem.set(piece.bytes, p);
          p += piece.bytes.length;
        } else {
          this.view.setUint32(p, (this.symbol(piece.symbol) + piece.offset) >>> 0, true);
          p += 4;
        }
      }
    }
  }

  get stdout(): string {
    return Buffer.from(this.out).toString('utf8');
  }

  get stderr(): string {
    return Buffer.from(this.err).toString('utf8');
  }

  symbol(name: string): number {
    const a = this.dataAddr.get(name) ?? this.fnAddr.get(name);
    if (a === undefined) throw new InterpError(`undefined symbol \`${name}\``);
    return a;
  }

  private check(addr: number, n: number): void {
    if (addr < GUARD || addr + n > this.mem.length) {
      throw new InterpError(addr < GUARD ? `null pointer access at 0x${addr.toString(16)}` : `memory access out of bounds at 0x${addr.toString(16)}`);
    }
  }

  load(ty: Ty, addr: number): Val {
    const n = BITS[ty] / 8;
    this.check(addr, n);
    switch (ty) {
      case 'i8': return this.mem[addr]!;
      case 'i16': return this.view.getUint16(addr, true);
      case 'i64': return this.view.getBigUint64(addr, true);
      default: return this.view.getUint32(addr, true);
    }
  }

  store(ty: Ty, addr: number, v: Val): void {
    const n = BITS[ty] / 8;
    this.check(addr, n);
    switch (ty) {
      case 'i8': this.mem[addr] = Number(v) & 0xff; break;
      case 'i16': this.view.setUint16(addr, Number(v) & 0xffff, true); break;
      case 'i64': this.view.setBigUint64(addr, u64(BigInt(v)), true); break;
      default: this.view.setUint32(addr, Number(v) >>> 0, true);
    }
  }

  private native(name: string, args: Val[]): Val[] | 'exit' {
    switch (name) {
      case '__orizon_write': {
        const [fd, ptr, len] = args.map(Number) as [number, number, number];
        if (len > 0) this.check(ptr, len);
        const sink = fd === 2 ? this.err : this.out;
        for (let i = 0; i < len; i++) sink.push(this.mem[ptr + i]!);
        return [];
      }
      case '__orizon_exit':
        this.exitCode = Number(args[0]) | 0;
        return 'exit';
      default:
        throw new InterpError(`call to undefined function \`${name}\``);
    }
  }

  private enter(fn: Function, args: Val[], retDsts: Value[]): Frame {
    if (fn.naked || fn.blocks.length === 0) throw new InterpError(`cannot interpret function \`${fn.name}\` (naked or empty)`);
    const entrySp = this.sp;
    const slotAddrs: number[] = [];
    let sp = this.sp;
    for (const s of fn.slots) {
      sp -= s.size;
      sp = Math.floor(sp / Math.max(1, s.align)) * Math.max(1, s.align);
      slotAddrs.push(sp);
    }
    sp = Math.floor(sp / 8) * 8;
    if (sp < this.stackLimit) throw new InterpError(`stack overflow in \`${fn.name}\``);
    this.sp = sp;
    const regs = new Array<Val>(fn.valueTys.length).fill(0);
    if (args.length !== fn.params.length) throw new InterpError(`\`${fn.name}\` takes ${fn.params.length} arguments, got ${args.length}`);
    fn.params.forEach((p, k) => (regs[p] = args[k]!));
    return { fn, regs, block: 0, pc: 0, sp: entrySp, slotAddrs, retDsts };
  }

  /** Runs `name(args)` to completion; returns its results, or null when the program exited. */
  call(name: string, args: Val[] = []): Val[] | null {
    const fn = this.fns.get(name);
    if (!fn) {
      const r = this.native(name, args);
      return r === 'exit' ? null : r;
    }
    const stack: Frame[] = [this.enter(fn, args, [])];
    let f = stack[0]!;
    let code = this.code(f.fn);
    for (;;) {
      const regs = f.regs;
      const ops = code[f.block]!;
      // Straight-line code of the block: closures, until a call or the terminator.
      let pc = f.pc;
      const n = ops.length;
      let op: Op | undefined;
      while (pc < n) {
        op = ops[pc++]!;
        if (typeof op !== 'function') break;
        op(regs, f);
        op = undefined;
      }
      this.steps += pc - f.pc;
      f.pc = pc;
      if (this.steps > this.budget) throw new InterpError(`instruction budget of ${this.budget} exhausted (runaway program?) in \`${f.fn.name}\``);
      if (op !== undefined) {
        const inst = op as Inst & { op: 'call' | 'callIndirect' };
        const argv = inst.args.map((a) => regs[a]!);
        let callee: Function | undefined;
        let cname: string;
        if (inst.op === 'call') {
          cname = inst.callee;
          callee = this.fns.get(cname);
        } else {
          const addr = Number(regs[inst.callee]);
          callee = this.fnByAddr.get(addr);
          if (!callee) throw new InterpError(`indirect call to a non-function address 0x${addr.toString(16)}`);
          cname = callee.name;
        }
        if (callee) {
          if (stack.length > 100_000) throw new InterpError('call depth exceeds 100000 (runaway recursion?)');
          f = this.enter(callee, argv, inst.dsts);
          stack.push(f);
          code = this.code(f.fn);
        } else {
          const r = this.native(cname, argv);
          if (r === 'exit') return null;
          inst.dsts.forEach((d, k) => (regs[d] = r[k]!));
          if (inst.op === 'call' && inst.noReturn) throw new InterpError(`no-return function \`${cname}\` returned`);
        }
        continue;
      }
      this.steps++;
      const t = f.fn.blocks[f.block]!.term;
      if (t.op === 'ret') {
        const vals = t.values.map((v) => regs[v]!);
        stack.pop();
        this.sp = f.sp;
        if (stack.length === 0) return vals;
        const caller = stack[stack.length - 1]!;
        f.retDsts.forEach((d, k) => (caller.regs[d] = vals[k]!));
        f = caller;
        code = this.code(f.fn);
        continue;
      }
      this.jump(t, f);
    }
  }

  private jump(t: Terminator, f: Frame): void {
    const regs = f.regs;
    let to;
    switch (t.op) {
      case 'jump': to = t.to; break;
      case 'branch': to = regs[t.cond] !== 0 ? t.then : t.else; break;
      case 'switch': {
        const v = regs[t.value]!;
        to = t.default;
        for (const c of t.cases) {
          const cv = t.ty === 'i64' ? u64(c.value) : norm(t.ty, Number(BigInt.asUintN(32, c.value)));
          if (cv === v) { to = c.to; break; }
        }
        break;
      }
      case 'unreachable': throw new InterpError(`reached \`unreachable\` in \`${f.fn.name}\` b${f.block}`);
      default: throw new InterpError('bad terminator');
    }
    const target = f.fn.blocks[to.block]!;
    const vals = to.args.map((a) => regs[a]!);
    target.params.forEach((p, k) => (regs[p] = vals[k]!));
    f.block = to.block;
    f.pc = 0;
  }

  /** Each block's instructions as specialised closures (calls stay data: the main loop performs them). */
  private code(fn: Function): Op[][] {
    let c = this.compiled.get(fn);
    if (!c) {
      c = fn.blocks.map((b) => b.insts.map((i) => (i.op === 'call' || i.op === 'callIndirect' ? i : this.compileInst(i))));
      this.compiled.set(fn, c);
    }
    return c;
  }

  private compileInst(i: Inst): OpFn {
    switch (i.op) {
      case 'const': {
        const v = i.ty === 'i64' ? u64(i.imm) : norm(i.ty, Number(BigInt.asUintN(32, i.imm)));
        const d = i.dst;
        return (r) => { r[d] = v; };
      }
      case 'binary': {
        const { dst, a, b, ty, kind } = i;
        if (ty === 'i64') return (r) => { r[dst] = bin64(kind, r[a] as bigint, r[b] as bigint); };
        if (ty === 'i32' || ty === 'ptr') {
          switch (kind) {
            case 'add': return (r) => { r[dst] = ((r[a] as number) + (r[b] as number)) >>> 0; };
            case 'sub': return (r) => { r[dst] = ((r[a] as number) - (r[b] as number)) >>> 0; };
            case 'and': return (r) => { r[dst] = ((r[a] as number) & (r[b] as number)) >>> 0; };
            case 'or': return (r) => { r[dst] = ((r[a] as number) | (r[b] as number)) >>> 0; };
            case 'xor': return (r) => { r[dst] = ((r[a] as number) ^ (r[b] as number)) >>> 0; };
            case 'mul': return (r) => { r[dst] = Math.imul(r[a] as number, r[b] as number) >>> 0; };
            default: break;
          }
        }
        return (r) => { r[dst] = bin32(kind, ty, r[a] as number, r[b] as number); };
      }
      case 'cmp': {
        const { dst, a, b, ty, kind } = i;
        if (ty !== 'i64' && (kind === 'eq' || kind === 'ne' || kind[0] === 'u')) {
          switch (kind) {
            case 'eq': return (r) => { r[dst] = r[a] === r[b] ? 1 : 0; };
            case 'ne': return (r) => { r[dst] = r[a] !== r[b] ? 1 : 0; };
            case 'ult': return (r) => { r[dst] = (r[a] as number) < (r[b] as number) ? 1 : 0; };
            case 'ule': return (r) => { r[dst] = (r[a] as number) <= (r[b] as number) ? 1 : 0; };
            case 'ugt': return (r) => { r[dst] = (r[a] as number) > (r[b] as number) ? 1 : 0; };
            case 'uge': return (r) => { r[dst] = (r[a] as number) >= (r[b] as number) ? 1 : 0; };
            default: break;
          }
        }
        return (r) => { r[dst] = cmp(kind, ty, r[a]!, r[b]!) ? 1 : 0; };
      }
      case 'load': {
        const { dst, addr, offset, ty } = i;
        return (r) => { r[dst] = this.load(ty, ((r[addr] as number) + offset) >>> 0); };
      }
      case 'store': {
        const { addr, value, offset, ty } = i;
        return (r) => { this.store(ty, ((r[addr] as number) + offset) >>> 0, r[value]!); };
      }
      case 'select': {
        const { dst, cond, a, b } = i;
        return (r) => { r[dst] = r[cond] !== 0 ? r[a]! : r[b]!; };
      }
      default:
        return (r, f) => this.exec(i, f);
    }
  }

  private exec(i: Inst, f: Frame): void {
    const r = f.regs;
    switch (i.op) {
      case 'const':
        r[i.dst] = i.ty === 'i64' ? u64(i.imm) : norm(i.ty, Number(BigInt.asUintN(32, i.imm)));
        return;
      case 'binary': r[i.dst] = i.ty === 'i64' ? bin64(i.kind, r[i.a] as bigint, r[i.b] as bigint) : bin32(i.kind, i.ty, r[i.a] as number, r[i.b] as number); return;
      case 'unary': r[i.dst] = i.ty === 'i64' ? un64(i.kind, r[i.a] as bigint) : un32(i.kind, i.ty, r[i.a] as number); return;
      case 'cmp': r[i.dst] = cmp(i.kind, i.ty, r[i.a]!, r[i.b]!) ? 1 : 0; return;
      case 'conv': r[i.dst] = conv(i.kind, i.from, i.to, r[i.a]!); return;
      case 'select': r[i.dst] = r[i.cond] !== 0 ? r[i.a]! : r[i.b]!; return;
      case 'load': r[i.dst] = this.load(i.ty, ((r[i.addr] as number) + i.offset) >>> 0); return;
      case 'store': this.store(i.ty, ((r[i.addr] as number) + i.offset) >>> 0, r[i.value]!); return;
      case 'slotAddr': r[i.dst] = f.slotAddrs[i.slot]!; return;
      case 'symAddr': r[i.dst] = (this.symbol(i.symbol) + i.offset) >>> 0; return;
      case 'copy': {
        const d = r[i.dst_addr] as number, s = r[i.src_addr] as number;
        if (i.size === 0) return;
        this.check(d, i.size);
        this.check(s, i.size);
        if (d < s + i.size && s < d + i.size && d !== s) throw new InterpError(`overlapping copy in \`${f.fn.name}\``);
        this.mem.copyWithin(d, s, s + i.size);
        return;
      }
      case 'zero': {
        const d = r[i.addr] as number;
        if (i.size === 0) return;
        this.check(d, i.size);
        this.mem.fill(0, d, d + i.size);
        return;
      }
      case 'asm': throw new InterpError(`inline assembly cannot be interpreted (in \`${f.fn.name}\`)`);
      default: throw new InterpError(`unexpected instruction ${i.op}`);
    }
  }

  result(): InterpResult {
    return { stdout: this.stdout, stderr: this.stderr, status: this.exitCode ?? 0, steps: this.steps };
  }
}

function bin32(k: string, ty: Ty, a: number, b: number): number {
  const bits = BITS[ty];
  switch (k) {
    case 'add': return norm(ty, a + b);
    case 'sub': return norm(ty, a - b);
    case 'mul': return norm(ty, Math.imul(a, b));
    case 'and': return (a & b) >>> 0;
    case 'or': return (a | b) >>> 0;
    case 'xor': return (a ^ b) >>> 0;
    case 'udiv': case 'urem': case 'sdiv': case 'srem': {
      if (b === 0) throw new InterpError(`${k}.${ty} by zero`);
      if (k === 'udiv') return norm(ty, Math.floor(a / b));
      if (k === 'urem') return norm(ty, a % b);
      const sa = signed(ty, a), sb = signed(ty, b);
      return norm(ty, k === 'sdiv' ? Math.trunc(sa / sb) : sa % sb);
    }
    case 'shl': case 'lshr': case 'ashr': {
      if (b >= bits) throw new InterpError(`${k}.${ty} by ${b} (≥ ${bits})`);
      if (k === 'shl') return norm(ty, b >= 32 ? 0 : a << b);
      if (k === 'lshr') return norm(ty, a >>> b);
      return norm(ty, signed(ty, a) >> b);
    }
  }
  throw new InterpError(`unknown binary op ${k}`);
}

function bin64(k: string, a: bigint, b: bigint): bigint {
  switch (k) {
    case 'add': return u64(a + b);
    case 'sub': return u64(a - b);
    case 'mul': return u64(a * b);
    case 'and': return a & b;
    case 'or': return a | b;
    case 'xor': return a ^ b;
    case 'udiv': case 'urem': case 'sdiv': case 'srem': {
      if (b === 0n) throw new InterpError(`${k}.i64 by zero`);
      if (k === 'udiv') return a / b;
      if (k === 'urem') return a % b;
      return u64(k === 'sdiv' ? s64(a) / s64(b) : s64(a) % s64(b));
    }
    case 'shl': case 'lshr': case 'ashr': {
      if (b >= 64n) throw new InterpError(`${k}.i64 by ${b} (≥ 64)`);
      if (k === 'shl') return u64(a << b);
      if (k === 'lshr') return a >> b;
      return u64(s64(a) >> b);
    }
  }
  throw new InterpError(`unknown binary op ${k}`);
}

function un32(k: string, ty: Ty, a: number): number {
  const bits = BITS[ty];
  switch (k) {
    case 'neg': return norm(ty, -a);
    case 'not': return norm(ty, ~a);
    case 'clz': return Math.clz32(a) - (32 - bits);
    case 'ctz': {
      if (a === 0) return bits;
      let n = 0;
      while (((a >>> n) & 1) === 0) n++;
      return n;
    }
    case 'popcnt': {
      let n = 0;
      for (let x = a; x; x >>>= 1) n += x & 1;
      return n;
    }
    case 'bswap': {
      if (bits === 8) return a;
      if (bits === 16) return ((a & 0xff) << 8) | (a >>> 8);
      return (((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >>> 8) & 0xff00) | (a >>> 24)) >>> 0;
    }
  }
  throw new InterpError(`unknown unary op ${k}`);
}

function un64(k: string, a: bigint): bigint {
  switch (k) {
    case 'neg': return u64(-a);
    case 'not': return u64(~a);
    case 'clz': { let n = 0n; for (let b = 63n; b >= 0n && ((a >> b) & 1n) === 0n; b--) n++; return n; }
    case 'ctz': { if (a === 0n) return 64n; let n = 0n; while (((a >> n) & 1n) === 0n) n++; return n; }
    case 'popcnt': { let n = 0n; for (let x = a; x; x >>= 1n) n += x & 1n; return n; }
    case 'bswap': { let r = 0n; for (let i = 0n; i < 8n; i++) r |= ((a >> (8n * i)) & 0xffn) << (8n * (7n - i)); return r; }
  }
  throw new InterpError(`unknown unary op ${k}`);
}

function cmp(k: string, ty: Ty, a: Val, b: Val): boolean {
  let x: number | bigint = a, y: number | bigint = b;
  if (k[0] === 's') {
    if (ty === 'i64') { x = s64(a as bigint); y = s64(b as bigint); }
    else { x = signed(ty, a as number); y = signed(ty, b as number); }
  }
  switch (k) {
    case 'eq': return x === y;
    case 'ne': return x !== y;
    case 'slt': case 'ult': return x < y;
    case 'sle': case 'ule': return x <= y;
    case 'sgt': case 'ugt': return x > y;
    case 'sge': case 'uge': return x >= y;
  }
  throw new InterpError(`unknown comparison ${k}`);
}

function conv(k: string, from: Ty, to: Ty, a: Val): Val {
  if (to === 'i64') {
    if (from === 'i64') return a;
    const n = a as number;
    return k === 'sext' ? u64(BigInt(signed(from, n))) : BigInt(n);
  }
  if (from === 'i64') return norm(to, Number(BigInt.asUintN(32, a as bigint)));
  const n = a as number;
  if (k === 'sext') return norm(to, signed(from, n));
  if (k === 'zext') return n;
  return norm(to, n);
}

/** Runs a whole program: the entry function, then exit status 0 unless it called `__orizon_exit`. */
export function interpret(m: Module, opts: InterpOptions = {}): InterpResult {
  const machine = new Machine(m, opts);
  const entry = opts.entry ?? (m.functions.some((f) => f.name === '__orizon_start') ? '__orizon_start' : 'main');
  machine.call(entry, []);
  return machine.result();
}
