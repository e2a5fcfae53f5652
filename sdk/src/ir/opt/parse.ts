// Reads the text form print.ts writes back into IR, so optimiser tests (and
// bug reports: paste a function from an ORIZON_DUMP_PASSES dump) can state
// their input as text. It accepts what the printer prints, plus `, align N`
// after a `copy` or `zero` size (the printer omits alignment; default 1).
//
// What the text does not carry is inferred: the result types of a call come
// from the callee when the module defines it (else every result is i32), an
// indirect call's argument types from its arguments. Inline assembly is not
// supported. Value numbers are kept as written; unused numbers get type i32.
import type { Block, BlockCall, DataObject, Function, Inst, Module, Terminator, Ty, Value } from '../ir.ts';

const TYS = new Set(['i8', 'i16', 'i32', 'i64', 'ptr']);
const BINARY = new Set(['add', 'sub', 'mul', 'sdiv', 'udiv', 'srem', 'urem', 'and', 'or', 'xor', 'shl', 'lshr', 'ashr']);
const UNARY = new Set(['neg', 'not', 'clz', 'ctz', 'popcnt', 'bswap']);

export class IrParseError extends Error {}

function ty(s: string, line: string): Ty {
  if (!TYS.has(s)) throw new IrParseError(`unknown type \`${s}\` in: ${line}`);
  return s as Ty;
}

const val = (s: string, line: string): Value => {
  const m = /^v(\d+)$/.exec(s.trim());
  if (!m) throw new IrParseError(`expected a value, got \`${s}\` in: ${line}`);
  return Number(m[1]);
};

/** `[v3 + 8]` → [3, 8] */
function addr(s: string, line: string): [Value, number] {
  const m = /^\[\s*(v\d+)\s*(?:\+\s*(-?\d+))?\s*\]$/.exec(s.trim());
  if (!m) throw new IrParseError(`expected an address, got \`${s}\` in: ${line}`);
  return [val(m[1]!, line), m[2] ? Number(m[2]) : 0];
}

/** Splits on commas outside brackets and parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) { out.push(s.slice(start, k).trim()); start = k + 1; }
  }
  if (s.slice(start).trim()) out.push(s.slice(start).trim());
  return out;
}

function blockCall(s: string, line: string): BlockCall {
  const m = /^b(\d+)(?:\((.*)\))?$/.exec(s.trim());
  if (!m) throw new IrParseError(`expected a block call, got \`${s}\` in: ${line}`);
  return { block: Number(m[1]), args: m[2] ? splitTop(m[2]).map((a) => val(a, line)) : [] };
}

interface PendingCall { inst: Extract<Inst, { op: 'call' | 'callIndirect' }> }

function parseInst(line: string, types: Map<Value, Ty>, calls: PendingCall[]): Inst {
  let dsts: Value[] = [];
  let rhs = line;
  const eq = /^((?:v\d+\s*,\s*)*v\d+)\s*=\s*(.*)$/.exec(line);
  if (eq) { dsts = eq[1]!.split(',').map((x) => val(x, line)); rhs = eq[2]!; }
  for (const d of dsts) types.set(d, 'i32'); // call results: fixed up from the callee
  const dst = dsts[0]!;
  const def = (t: Ty) => { types.set(dst, t); return dst; };
  let m: RegExpExecArray | null;
  if ((m = /^const\.(\w+)\s+(-?\d+)$/.exec(rhs))) { const t = ty(m[1]!, line); return { op: 'const', dst: def(t), ty: t, imm: BigInt(m[2]!) }; }
  if ((m = /^cmp\.(\w+)\.(\w+)\s+(.*)$/.exec(rhs))) {
    const [a, b] = splitTop(m[3]!);
    return { op: 'cmp', kind: m[1] as Extract<Inst, { op: 'cmp' }>['kind'], dst: def('i8'), ty: ty(m[2]!, line), a: val(a!, line), b: val(b!, line) };
  }
  if ((m = /^(sext|zext|trunc)\.(\w+)\.(\w+)\s+(v\d+)$/.exec(rhs))) {
    const to = ty(m[3]!, line);
    return { op: 'conv', kind: m[1] as 'sext' | 'zext' | 'trunc', dst: def(to), from: ty(m[2]!, line), to, a: val(m[4]!, line) };
  }
  if ((m = /^select\.(\w+)\s+(.*)$/.exec(rhs))) {
    const t = ty(m[1]!, line);
    const [c, a, b] = splitTop(m[2]!);
    return { op: 'select', dst: def(t), ty: t, cond: val(c!, line), a: val(a!, line), b: val(b!, line) };
  }
  if ((m = /^load(\.volatile)?\.(s?)(\w+)\s+(\[.*\])$/.exec(rhs))) {
    const t = ty(m[3]!, line);
    const [a, off] = addr(m[4]!, line);
    return { op: 'load', dst: def(t), ty: t, addr: a, offset: off, volatile: !!m[1], signed: m[2] === 's' };
  }
  if ((m = /^store(\.volatile)?\.(\w+)\s+(\[.*\])\s*,\s*(v\d+)$/.exec(rhs))) {
    const [a, off] = addr(m[3]!, line);
    return { op: 'store', ty: ty(m[2]!, line), addr: a, value: val(m[4]!, line), offset: off, volatile: !!m[1] };
  }
  if ((m = /^slot\s+s(\d+)$/.exec(rhs))) return { op: 'slotAddr', dst: def('ptr'), slot: Number(m[1]) };
  if ((m = /^addr\s+@(\S+)(?:\s*\+\s*(-?\d+))?$/.exec(rhs))) return { op: 'symAddr', dst: def('ptr'), symbol: m[1]!, offset: m[2] ? Number(m[2]) : 0 };
  if ((m = /^copy\s+(\[[^\]]*\])\s*,\s*(\[[^\]]*\])\s*,\s*(\d+)(?:\s*,\s*align\s+(\d+))?$/.exec(rhs))) {
    return { op: 'copy', dst_addr: addr(m[1]!, line)[0], src_addr: addr(m[2]!, line)[0], size: Number(m[3]), align: m[4] ? Number(m[4]) : 1 };
  }
  if ((m = /^zero\s+(\[[^\]]*\])\s*,\s*(\d+)(?:\s*,\s*align\s+(\d+))?$/.exec(rhs))) {
    return { op: 'zero', addr: addr(m[1]!, line)[0], size: Number(m[2]), align: m[3] ? Number(m[3]) : 1 };
  }
  if ((m = /^call(\.noreturn)?\s+@(\S+?)\((.*)\)$/.exec(rhs))) {
    const inst: Inst = { op: 'call', dsts, retTys: dsts.map(() => 'i32'), callee: m[2]!, args: m[3]!.trim() ? splitTop(m[3]!).map((a) => val(a, line)) : [], noReturn: !!m[1] };
    calls.push({ inst });
    return inst;
  }
  if ((m = /^call\s+(v\d+)\((.*)\)$/.exec(rhs))) {
    const inst: Inst = { op: 'callIndirect', dsts, retTys: dsts.map(() => 'i32'), callee: val(m[1]!, line), args: m[2]!.trim() ? splitTop(m[2]!).map((a) => val(a, line)) : [], argTys: [] };
    calls.push({ inst });
    return inst;
  }
  if ((m = /^(\w+)\.(\w+)\s+(.*)$/.exec(rhs))) {
    const t = ty(m[2]!, line);
    const ops = splitTop(m[3]!);
    if (BINARY.has(m[1]!) && ops.length === 2) return { op: 'binary', kind: m[1] as Extract<Inst, { op: 'binary' }>['kind'], dst: def(t), ty: t, a: val(ops[0]!, line), b: val(ops[1]!, line) };
    if (UNARY.has(m[1]!) && ops.length === 1) return { op: 'unary', kind: m[1] as Extract<Inst, { op: 'unary' }>['kind'], dst: def(t), ty: t, a: val(ops[0]!, line) };
  }
  throw new IrParseError(`cannot read instruction: ${line}`);
}

function parseTerm(line: string): Terminator | null {
  let m: RegExpExecArray | null;
  if ((m = /^jump\s+(.*)$/.exec(line))) return { op: 'jump', to: blockCall(m[1]!, line) };
  if ((m = /^branch\s+(.*)$/.exec(line))) {
    const [c, t, e] = splitTop(m[1]!);
    return { op: 'branch', cond: val(c!, line), then: blockCall(t!, line), else: blockCall(e!, line) };
  }
  if ((m = /^switch\.(\w+)\s+(v\d+)\s*,\s*\[(.*)\]\s*,\s*default:\s*(.*)$/.exec(line))) {
    const cases = m[3]!.trim() ? splitTop(m[3]!).map((c) => {
      const k = /^(-?\d+):\s*(.*)$/.exec(c);
      if (!k) throw new IrParseError(`bad switch case \`${c}\` in: ${line}`);
      return { value: BigInt(k[1]!), to: blockCall(k[2]!, line) };
    }) : [];
    return { op: 'switch', value: val(m[2]!, line), ty: ty(m[1]!, line), cases, default: blockCall(m[4]!, line) };
  }
  if ((m = /^ret(?:\s+(.*))?$/.exec(line))) return { op: 'ret', values: m[1] ? splitTop(m[1]).map((v) => val(v, line)) : [] };
  if (line === 'unreachable') return { op: 'unreachable' };
  return null;
}

function parseFn(lines: string[], start: number, calls: PendingCall[]): [Function, number] {
  const head = /^(export\s+)?(naked\s+)?fn\s+(\S+?)\((.*)\)(?:\s*->\s*(.*?))?\s*\{$/.exec(lines[start]!);
  if (!head) throw new IrParseError(`expected a function header: ${lines[start]}`);
  const types = new Map<Value, Ty>();
  const params: Value[] = [], paramTys: Ty[] = [];
  for (const p of head[4]!.trim() ? splitTop(head[4]!) : []) {
    const m = /^(v\d+)\s*:\s*(\w+)$/.exec(p);
    if (!m) throw new IrParseError(`bad parameter \`${p}\`: ${lines[start]}`);
    const v = val(m[1]!, p), t = ty(m[2]!, p);
    params.push(v); paramTys.push(t); types.set(v, t);
  }
  const retTys = head[5] ? head[5].split(',').map((t) => ty(t.trim(), lines[start]!)) : [];
  const fn: Function = { name: head[3]!, exported: !!head[1], params, paramTys, retTys, blocks: [], slots: [], valueTys: [], naked: !!head[2], inline: 'auto' };
  let k = start + 1;
  let cur: Block | null = null;
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (line === '}') break;
    let m: RegExpExecArray | null;
    if ((m = /^s(\d+):\s*slot\s+(\d+),\s*align\s+(\d+)(?:\s*;\s*(.*))?$/.exec(line))) {
      fn.slots[Number(m[1])] = { size: Number(m[2]), align: Number(m[3]), ...(m[4] ? { name: m[4] } : {}) };
      continue;
    }
    if ((m = /^b(\d+)(?:\((.*)\))?:$/.exec(line))) {
      const ps: Value[] = [];
      for (const p of m[2] ? splitTop(m[2]) : []) {
        const pm = /^(v\d+)\s*:\s*(\w+)$/.exec(p);
        if (!pm) throw new IrParseError(`bad block parameter \`${p}\`: ${line}`);
        const v = val(pm[1]!, p);
        types.set(v, ty(pm[2]!, p));
        ps.push(v);
      }
      cur = { id: Number(m[1]), params: ps, insts: [], term: { op: 'unreachable' }, locs: [] };
      fn.blocks[cur.id] = cur;
      (cur as Block & { open?: boolean }).open = true;
      continue;
    }
    if (!cur || !(cur as Block & { open?: boolean }).open) throw new IrParseError(`instruction outside a block: ${line}`);
    const t = parseTerm(line);
    if (t) { cur.term = t; delete (cur as Block & { open?: boolean }).open; continue; }
    cur.insts.push(parseInst(line, types, calls));
    cur.locs!.push(undefined);
  }
  if (k >= lines.length) throw new IrParseError(`function ${fn.name} has no closing brace`);
  fn.blocks.forEach((b, i) => { if (!b) throw new IrParseError(`${fn.name}: block b${i} missing`); });
  const max = Math.max(-1, ...types.keys());
  fn.valueTys = Array.from({ length: max + 1 }, (_, v) => types.get(v) ?? 'i32');
  return [fn, k];
}

function parseData(line: string): DataObject {
  const m = /^(export\s+)?data\s+(\S+):\s*(const\s+)?size\s+(\d+),\s*align\s+(\d+)\s*=\s*(zero|\{(.*)\})$/.exec(line);
  if (!m) throw new IrParseError(`bad data object: ${line}`);
  const init = m[6] === 'zero' ? [] : splitTop(m[7]!).map((p) => {
    const b = /^bytes\s*([0-9a-f]*)$/.exec(p);
    if (b) return { kind: 'bytes' as const, bytes: new Uint8Array(Buffer.from(b[1]!, 'hex')) };
    const a = /^addr\s+@(\S+?)(?:\s*\+\s*(-?\d+))?$/.exec(p);
    if (a) return { kind: 'symbol' as const, symbol: a[1]!, offset: a[2] ? Number(a[2]) : 0 };
    throw new IrParseError(`bad data piece \`${p}\`: ${line}`);
  });
  return { name: m[2]!, exported: !!m[1], size: Number(m[4]), align: Number(m[5]), readonly: !!m[3], init };
}

/** Parses a whole module (the `--emit ir` format). Comment lines start with `;`. */
export function parseModule(text: string): Module {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith(';'));
  const m: Module = { functions: [], data: [], externs: [], interrupts: [] };
  const calls: PendingCall[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    let x: RegExpExecArray | null;
    if ((x = /^extern\s+(func|data)\s+@(\S+)$/.exec(line))) { m.externs.push({ name: x[2]!, kind: x[1] as 'func' | 'data' }); continue; }
    if ((x = /^interrupt\s+(\S+)\s*=\s*@(\S+)$/.exec(line))) { m.interrupts.push({ name: x[1]!, func: x[2]! }); continue; }
    if (/^(export\s+)?data\s/.test(line)) { m.data.push(parseData(line)); continue; }
    const [fn, end] = parseFn(lines, k, calls);
    m.functions.push(fn);
    k = end;
  }
  // Call result types from the callees this module defines; argument types of indirect calls from the arguments.
  const byName = new Map(m.functions.map((f) => [f.name, f]));
  for (const f of m.functions) {
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op !== 'call' && i.op !== 'callIndirect') continue;
        const callee = i.op === 'call' ? byName.get(i.callee) : undefined;
        if (callee) i.retTys = [...callee.retTys];
        i.dsts.forEach((d, n) => { f.valueTys[d] = i.retTys[n]!; });
        if (i.op === 'callIndirect') i.argTys = i.args.map((a) => f.valueTys[a]!);
      }
    }
  }
  return m;
}

/** Parses a single function. */
export function parseFunction(text: string): Function {
  const m = parseModule(text);
  if (m.functions.length !== 1) throw new IrParseError(`expected one function, found ${m.functions.length}`);
  return m.functions[0]!;
}
