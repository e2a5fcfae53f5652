// Assembler expressions, GNU as style: integers (decimal, 0x hex, 0b binary,
// leading-0 octal, 'c' characters), symbols, `.` (this statement's address),
// numeric local label references (`1f`, `2b`), unary - + ~ !, and binary
// operators with GNU as precedence (highest first):
//
//   expr   = orexpr { ("+" | "-") orexpr }
//   orexpr = mulexpr { ("|" | "&" | "^" | "!") mulexpr }
//   mulexpr= unary { ("*" | "/" | "%" | "<<" | ">>") unary }
//   unary  = ("-" | "+" | "~" | "!") unary | "(" expr ")" | number | symbol | localref
//
// Values are `symbol + addend` (a relocatable value) or plain constants, kept
// as 64-bit integers (bigint) like GNU as's offsetT, so that checks such as
// "0xffffffff does not fit a 6-bit field" come out the same as in GNU as.

export type Expr =
  | { k: 'num'; v: bigint }
  | { k: 'sym'; name: string }
  | { k: 'local'; n: number; dir: 'f' | 'b' }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'bin'; op: string; l: Expr; r: Expr };

/** A resolved value: `sym + add`, or a constant when `sym` is null. */
export interface Value {
  sym: string | null;
  add: bigint;
}

export class ExprError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExprError';
  }
}

const SYM_START = /[A-Za-z_.$]/;
const SYM_CHAR = /[A-Za-z0-9_.$]/;

class Parser {
  pos = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.pos < this.s.length && (this.s[this.pos] === ' ' || this.s[this.pos] === '\t')) this.pos++;
  }

  peek(): string {
    this.ws();
    return this.s[this.pos] ?? '';
  }

  expr(): Expr {
    let l = this.level(1);
    for (;;) {
      const c = this.peek();
      if (c !== '+' && c !== '-') return l;
      this.pos++;
      l = { k: 'bin', op: c, l, r: this.level(1) };
    }
  }

  /** Level 1: | & ^ ! ; level 2: * / % << >>. */
  level(n: 1 | 2): Expr {
    let l = n === 1 ? this.level(2) : this.unary();
    for (;;) {
      this.ws();
      const two = this.s.slice(this.pos, this.pos + 2);
      const c = this.s[this.pos] ?? '';
      let op: string | undefined;
      if (n === 2 && (two === '<<' || two === '>>')) op = two;
      else if (n === 2 && (c === '*' || c === '/' || c === '%')) op = c;
      else if (n === 1 && (c === '|' || c === '&' || c === '^' || (c === '!' && two !== '!='))) op = c;
      if (!op) return l;
      this.pos += op.length;
      const r = n === 1 ? this.level(2) : this.unary();
      l = { k: 'bin', op, l, r };
    }
  }

  unary(): Expr {
    const c = this.peek();
    if (c === '-' || c === '+' || c === '~' || c === '!') {
      this.pos++;
      return { k: 'un', op: c, e: this.unary() };
    }
    if (c === '(') {
      this.pos++;
      const e = this.expr();
      if (this.peek() !== ')') throw new ExprError(`missing ')' in expression \`${this.s}\``);
      this.pos++;
      return e;
    }
    if (c === "'") return this.char();
    if (c >= '0' && c <= '9') return this.number();
    if (SYM_START.test(c)) {
      const start = this.pos;
      while (this.pos < this.s.length && SYM_CHAR.test(this.s[this.pos]!)) this.pos++;
      return { k: 'sym', name: this.s.slice(start, this.pos) };
    }
    throw new ExprError(c === '' ? `missing expression in \`${this.s}\`` : `unexpected \`${c}\` in expression \`${this.s}\``);
  }

  char(): Expr {
    // 'c or 'c' (GNU as accepts both); backslash escapes for the usual few.
    this.pos++;
    let ch = this.s[this.pos] ?? '';
    if (ch === '\\') {
      this.pos++;
      const e = this.s[this.pos] ?? '';
      ch = ({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'" } as Record<string, string>)[e] ?? e;
    }
    if (ch === '') throw new ExprError(`bad character constant in \`${this.s}\``);
    this.pos++;
    if (this.s[this.pos] === "'") this.pos++;
    return { k: 'num', v: BigInt(ch.charCodeAt(0)) };
  }

  number(): Expr {
    const rest = this.s.slice(this.pos);
    let m: RegExpMatchArray | null;
    // Numeric local label reference: digits then f or b, not followed by a symbol char.
    if ((m = /^([0-9]+)([fb])(?![A-Za-z0-9_.$])/.exec(rest)) && !/^0[bB][01]/.test(rest)) {
      this.pos += m[0].length;
      return { k: 'local', n: Number(m[1]), dir: m[2] as 'f' | 'b' };
    }
    if ((m = /^0[xX]([0-9a-fA-F]+)/.exec(rest))) {
      this.pos += m[0].length;
      return { k: 'num', v: BigInt(`0x${m[1]}`) };
    }
    if ((m = /^0[bB]([01]+)/.exec(rest))) {
      this.pos += m[0].length;
      return { k: 'num', v: BigInt(`0b${m[1]}`) };
    }
    if ((m = /^0([0-7]+)/.exec(rest))) {
      this.pos += m[0].length;
      return { k: 'num', v: BigInt(`0o${m[1]}`) };
    }
    m = /^[0-9]+/.exec(rest)!;
    this.pos += m[0].length;
    if (SYM_CHAR.test(this.s[this.pos] ?? '')) throw new ExprError(`bad number \`${rest}\``);
    return { k: 'num', v: BigInt(m[0]) };
  }
}

/** Parses a whole expression; trailing text is an error. */
export function parseExpr(text: string): Expr {
  const p = new Parser(text);
  const e = p.expr();
  if (p.peek() !== '') throw new ExprError(`junk \`${text.slice(p.pos).trim()}\` after expression`);
  return e;
}

/** Resolves names: `.equ` constants, labels, `.`, numeric local labels. */
export interface Resolver {
  symbol(name: string): Value;
  local(n: number, dir: 'f' | 'b'): Value;
}

const MASK64 = (1n << 64n) - 1n;
/** Wraps to a signed 64-bit value, as GNU as's arithmetic does. */
function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v & MASK64);
}

export function evalExpr(e: Expr, r: Resolver): Value {
  switch (e.k) {
    case 'num':
      return { sym: null, add: e.v };
    case 'sym':
      return r.symbol(e.name);
    case 'local':
      return r.local(e.n, e.dir);
    case 'un': {
      const v = evalExpr(e.e, r);
      if (e.op === '+') return v;
      if (v.sym !== null) throw new ExprError(`operator ${e.op} cannot apply to symbol \`${v.sym}\``);
      if (e.op === '-') return { sym: null, add: wrap(-v.add) };
      if (e.op === '~') return { sym: null, add: wrap(~v.add) };
      return { sym: null, add: v.add === 0n ? 1n : 0n };
    }
    case 'bin': {
      const l = evalExpr(e.l, r);
      const rv = evalExpr(e.r, r);
      if (e.op === '+') {
        if (l.sym !== null && rv.sym !== null) throw new ExprError(`cannot add two symbols (\`${l.sym}\`, \`${rv.sym}\`)`);
        return { sym: l.sym ?? rv.sym, add: wrap(l.add + rv.add) };
      }
      if (e.op === '-') {
        if (rv.sym !== null) {
          if (l.sym === rv.sym) return { sym: null, add: wrap(l.add - rv.add) };
          throw new ExprError(`the difference of symbols \`${l.sym ?? ''}\` - \`${rv.sym}\` is not supported here`);
        }
        return { sym: l.sym, add: wrap(l.add - rv.add) };
      }
      if (l.sym !== null || rv.sym !== null) throw new ExprError(`operator ${e.op} needs constant operands`);
      const a = l.add;
      const b = rv.add;
      switch (e.op) {
        case '*': return { sym: null, add: wrap(a * b) };
        case '/':
        case '%':
          if (b === 0n) throw new ExprError('division by zero');
          return { sym: null, add: wrap(e.op === '/' ? a / b : a % b) };
        case '<<': return { sym: null, add: b >= 64n || b < 0n ? 0n : wrap(a << b) };
        case '>>': return { sym: null, add: b >= 64n || b < 0n ? (a < 0n ? -1n : 0n) : a >> b };
        case '|': return { sym: null, add: wrap(a | b) };
        case '&': return { sym: null, add: wrap(a & b) };
        case '^': return { sym: null, add: wrap(a ^ b) };
        case '!': return { sym: null, add: wrap(a | ~b) }; // GNU as: a OR NOT b
      }
      throw new ExprError(`internal: operator ${e.op}`);
    }
  }
}
