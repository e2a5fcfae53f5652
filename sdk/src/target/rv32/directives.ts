// Assembler directives (GNU as subset): sections, symbols, data, alignment,
// `.option`. Each directive either changes assembler state or appends items to
// the current section; it never touches bytes directly (layout.ts does).
//
// Alignment follows GNU as on RISC-V: `.align n` and `.p2align n` align to 2^n,
// `.balign n` to n bytes; in a code section without a fill value the padding is
// nops, and an alignment no larger than the instruction alignment (2 with RVC,
// 4 without) is skipped entirely, though it still raises the section alignment.
import { parseString } from './asm.ts';
import { evalExpr, parseExpr, ExprError, type Resolver, type Value } from './expr.ts';
import type { Item, LabelDef, Sec } from './layout.ts';
import { AsmError } from './match.ts';
import { splitOperands } from './operands.ts';
import type { Profile } from './profile.ts';

export interface DirectiveState {
  sec: Sec;
  /** .pushsection saves the current and the previous section, as GNU as does. */
  readonly sectionStack: Array<readonly [Sec, Sec | undefined]>;
  previous: Sec | undefined;
  rvc: boolean;
  readonly rvcStack: boolean[];
  readonly globals: Set<string>;
  readonly weaks: Set<string>;
  readonly equs: Map<string, Value>;
  readonly labels: Map<string, LabelDef>;
  readonly profile: Profile;
  readonly resolver: Resolver;
  section(name: string, flags: string, align?: number, nobits?: boolean): Sec;
  item(it: Item): void;
}

const IGNORED = new Set(['.type', '.size', '.file', '.ident', '.attribute', '.hidden', '.protected', '.internal', '.loc', '.addrsig', '.addrsig_sym', '.end']);

function value(st: DirectiveState, text: string): Value {
  return evalExpr(parseExpr(text), st.resolver);
}

function constant(st: DirectiveState, text: string, what: string): bigint {
  const v = value(st, text);
  if (v.sym !== null) throw new AsmError(`${what} must be a constant, got \`${text.trim()}\``);
  return v.add;
}

function names(args: string): string[] {
  return args.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Default flags GNU as gives well-known section names. */
function defaultSection(name: string): { flags: string; nobits: boolean } {
  if (/^\.(text|init|fini)(\.|$)/.test(name)) return { flags: 'ax', nobits: false };
  if (/^\.(s|t)?bss(\.|$)/.test(name)) return { flags: 'aw', nobits: true };
  if (/^\.(s|t)?data(\.|$)/.test(name)) return { flags: 'aw', nobits: false };
  if (/^\.s?rodata(\.|$)/.test(name)) return { flags: 'a', nobits: false };
  return { flags: '', nobits: false };
}

function switchTo(st: DirectiveState, args: string): void {
  const parts = splitOperands(args);
  let name = parts[0] ?? '';
  if (name.startsWith('"')) name = name.slice(1, -1);
  if (name === '') throw new AsmError('.section needs a name');
  const def = defaultSection(name);
  let flags = def.flags;
  let nobits = def.nobits;
  if (parts[1] !== undefined) {
    const f = /^"([^"]*)"$/.exec(parts[1]);
    if (!f) throw new AsmError(`bad section flags \`${parts[1]}\``);
    flags = [...f[1]!].filter((c) => 'awx'.includes(c)).join('');
  }
  if (parts[2] !== undefined) nobits = /^[@%]nobits$/.test(parts[2]);
  st.previous = st.sec;
  st.sec = st.section(name, flags, 1, nobits);
}

function align(st: DirectiveState, args: string, bytesArg: boolean, text: string): void {
  const [nText, fillText, maxText] = splitOperands(args);
  if (nText === undefined || nText === '') throw new AsmError(`missing alignment: \`${text}\``);
  const n = Number(constant(st, nText, 'alignment'));
  let pow = n;
  if (bytesArg) {
    if (n < 1 || (n & (n - 1)) !== 0) throw new AsmError(`alignment ${n} is not a power of 2: \`${text}\``);
    pow = Math.log2(n);
  }
  if (pow < 0 || pow > 16) throw new AsmError(`alignment too large: \`${text}\``);
  if (maxText !== undefined && maxText !== '') throw new AsmError(`the max-skip argument of alignment directives is not supported: \`${text}\``);
  const fill = fillText !== undefined && fillText !== '' ? Number(BigInt.asUintN(8, constant(st, fillText, 'fill'))) : null;
  st.sec.align = Math.max(st.sec.align, 2 ** pow);
  st.item({ k: 'align', pow, fill, skipBelow: st.sec.code && fill === null ? (st.rvc ? 2 : 4) : 0 });
}

/** Little-endian bytes of a data value; out-of-range values are errors, not truncations. */
function dataBytes(v: bigint, size: number, text: string): Uint8Array {
  const bits = BigInt(size * 8);
  if (v < -(1n << (bits - 1n)) || v >= 1n << bits) throw new AsmError(`value ${v} does not fit in ${size} byte${size > 1 ? 's' : ''}: \`${text}\``);
  const u = BigInt.asUintN(size * 8, v);
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = Number((u >> BigInt(8 * i)) & 0xffn);
  return b;
}

function data(st: DirectiveState, args: string, size: number, text: string): void {
  for (const part of splitOperands(args)) {
    const v = value(st, part);
    if (st.sec.nobits && (v.sym !== null || v.add !== 0n)) throw new AsmError(`data in ${st.sec.name}, which has no contents: \`${text}\``);
    if (v.sym === null) {
      st.item({ k: 'bytes', data: dataBytes(v.add, size, text), relocs: [] });
    } else {
      if (size !== 4) throw new AsmError(`a symbol needs a 4-byte data directive (.word): \`${text}\``);
      st.item({ k: 'bytes', data: new Uint8Array(4), relocs: [{ at: 0, type: 'R_RISCV_32', target: { sym: v.sym, add: Number(BigInt.asIntN(32, v.add)) } }] });
    }
  }
}

function strings(st: DirectiveState, args: string, nul: boolean): void {
  let rest = args.trim();
  while (rest !== '') {
    let parsed;
    try {
      parsed = parseString(rest);
    } catch (e) {
      throw new AsmError((e as Error).message);
    }
    st.item({ k: 'bytes', data: Uint8Array.from(nul ? [...parsed.bytes, 0] : parsed.bytes), relocs: [] });
    rest = parsed.rest;
    if (rest.startsWith(',')) rest = rest.slice(1).trim();
    else if (rest !== '') throw new AsmError(`junk after string: \`${rest}\``);
  }
}

function space(st: DirectiveState, count: bigint, size: number, fill: bigint, text: string): void {
  if (count < 0n || count > 1n << 26n) throw new AsmError(`bad repeat count ${count}: \`${text}\``);
  if (st.sec.nobits && fill !== 0n) throw new AsmError(`non-zero fill in ${st.sec.name}: \`${text}\``);
  const one = size === 1 ? Uint8Array.of(Number(BigInt.asUintN(8, fill))) : dataBytes(BigInt.asUintN(size * 8, fill), size, text);
  if (count === 0n) return;
  const buf = new Uint8Array(Number(count) * size);
  for (let i = 0; i < buf.length; i += size) buf.set(one, i);
  // GNU as emits .space/.fill as a variable frag, which ends the current frag.
  st.item({ k: 'bytes', data: buf, relocs: [], fragEnd: true });
}

function option(st: DirectiveState, arg: string, text: string): void {
  switch (arg.trim()) {
    case 'rvc':
      if (!st.profile.exts.has('c')) throw new AsmError(`.option rvc needs the C extension, which profile ${st.profile.name} lacks: \`${text}\``);
      st.rvc = true;
      return;
    case 'norvc':
      st.rvc = false;
      return;
    case 'push':
      st.rvcStack.push(st.rvc);
      return;
    case 'pop':
      if (st.rvcStack.length === 0) throw new AsmError(`.option pop without .option push: \`${text}\``);
      st.rvc = st.rvcStack.pop()!;
      return;
    case 'relax':
    case 'norelax':
    case 'nopic':
      // Output is always what GNU as -mno-relax produces; see layout.ts.
      return;
  }
  throw new AsmError(`unsupported .option: \`${text}\``);
}

export function handleDirective(st: DirectiveState, name: string, args: string, text: string): void {
  if (name.startsWith('.cfi_') || IGNORED.has(name)) return;
  try {
    switch (name) {
      case '.text':
        st.previous = st.sec;
        st.sec = st.section('.text', 'ax');
        return;
      case '.data':
        st.previous = st.sec;
        st.sec = st.section('.data', 'aw');
        return;
      case '.bss':
        st.previous = st.sec;
        st.sec = st.section('.bss', 'aw', 1, true);
        return;
      case '.section':
        return switchTo(st, args);
      case '.pushsection':
        st.sectionStack.push([st.sec, st.previous]);
        return switchTo(st, args);
      case '.popsection': {
        const saved = st.sectionStack.pop();
        if (!saved) throw new AsmError('.popsection without .pushsection');
        [st.sec, st.previous] = saved;
        return;
      }
      case '.previous': {
        if (!st.previous) throw new AsmError('.previous without an earlier section');
        [st.sec, st.previous] = [st.previous, st.sec];
        return;
      }
      case '.globl':
      case '.global':
        for (const n of names(args)) st.globals.add(n);
        return;
      case '.local':
        for (const n of names(args)) st.globals.delete(n);
        return;
      case '.weak':
        for (const n of names(args)) st.weaks.add(n);
        return;
      case '.equ':
      case '.set': {
        const [n, e] = splitOperands(args);
        if (!n || e === undefined) throw new AsmError(`${name} needs a name and a value`);
        if (st.labels.has(n)) throw new AsmError(`symbol \`${n}\` is already defined`);
        st.equs.set(n, value(st, e));
        return;
      }
      case '.option':
        return option(st, args, text);
      case '.align':
      case '.p2align':
        return align(st, args, false, text);
      case '.balign':
        return align(st, args, true, text);
      case '.byte':
        return data(st, args, 1, text);
      case '.half': case '.2byte': case '.short':
        return data(st, args, 2, text);
      case '.word': case '.4byte': case '.long': case '.int':
        return data(st, args, 4, text);
      case '.dword': case '.8byte': case '.quad':
        return data(st, args, 8, text);
      case '.ascii':
        return strings(st, args, false);
      case '.asciz': case '.string':
        return strings(st, args, true);
      case '.zero':
        return space(st, constant(st, args, 'size'), 1, 0n, text);
      case '.space': case '.skip': {
        const [n, fill] = splitOperands(args);
        return space(st, constant(st, n ?? '', 'size'), 1, fill ? constant(st, fill, 'fill') : 0n, text);
      }
      case '.fill': {
        const [n, size, fill] = splitOperands(args);
        const sz = size ? Number(constant(st, size, 'size')) : 1;
        if (![1, 2, 4, 8].includes(sz)) throw new AsmError(`.fill size must be 1, 2, 4 or 8: \`${text}\``);
        return space(st, constant(st, n ?? '', 'repeat count'), sz, fill ? constant(st, fill, 'fill') : 0n, text);
      }
    }
  } catch (e) {
    if (e instanceof ExprError) throw new AsmError(`${e.message}: \`${text}\``);
    throw e;
  }
  throw new AsmError(`unknown directive \`${name}\``);
}
