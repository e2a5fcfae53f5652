// The RV32 assembler driver: statements -> sections of bytes, symbols and
// relocations, in the plain shape the ELF writer (sdk/src/link/) consumes.
//
//   assemble(source, { profile }) -> { sections: [{ name, bytes, symbols, relocs, ... }], undefinedSymbols }
//
// Pass 1 walks the statements once: directives update the section/option
// state, instructions go through the form matcher (match.ts) and become items.
// Then each section is laid out (layout.ts: relaxation, alignment) and written.
// Errors are collected with their line numbers, GNU as style, and thrown
// together as one AssemblyError so a caller sees every bad line at once.
//
// Invariants:
// - Bytes equal GNU as `-march=<profile> -mabi=ilp32 -mno-relax` output for
//   every construct this file accepts (tests/target/rv32/vs-gnu-as.test.ts).
// - Relocations are emitted where GNU as emits them with -mno-relax, except the
//   informational ones GNU as keeps on branches to labels it already resolved.
import { parseSource, type Statement } from './asm.ts';
import { handleDirective, type DirectiveState } from './directives.ts';
import { ExprError, type Resolver, type Value } from './expr.ts';
import { emitSection, layoutSection, type Item, type LabelDef, type Sec } from './layout.ts';
import { matchInstruction, AsmError, type Emitted, type MatchCtx } from './match.ts';
import { parseOperands } from './operands.ts';
import type { Profile } from './profile.ts';
import type { AsmReloc } from './reloc.ts';

export interface AsmSymbol {
  name: string;
  /** Byte offset in its section. */
  offset: number;
  global: boolean;
  weak: boolean;
  /** Assembler-internal (`.L…`): GNU as leaves these out of .symtab unless a relocation needs them. */
  temporary: boolean;
}

export interface AsmSection {
  name: string;
  /** ELF-style flags: a (alloc), w (write), x (exec). */
  flags: string;
  nobits: boolean;
  /** Required alignment in bytes. */
  align: number;
  bytes: Uint8Array;
  /** For nobits sections `bytes` is empty and this is the size. */
  size: number;
  symbols: AsmSymbol[];
  relocs: AsmReloc[];
}

export interface AsmOutput {
  sections: AsmSection[];
  /** Symbols referenced or declared global but not defined here. */
  undefinedSymbols: string[];
  /** `.equ`/`.set` constants (SHN_ABS symbols in ELF terms). */
  absoluteSymbols: { name: string; value: number; global: boolean }[];
}

export interface AsmOptions {
  profile: Profile;
  /** Used in error messages (`file:line: message`). */
  file?: string;
  /** Line number of the first source line (asm! templates start mid-file). */
  firstLine?: number;
}

export interface AsmErrorEntry {
  line: number;
  message: string;
}

export class AssemblyError extends Error {
  constructor(readonly errors: AsmErrorEntry[], file = '<asm>') {
    super(errors.map((e) => `${file}:${e.line}: error: ${e.message}`).join('\n'));
    this.name = 'AssemblyError';
  }
}

/** Names GNU as gives numeric local labels: `.L<n>^B<instance>` (^B is \x02). */
function localLabelName(n: number, instance: number): string {
  return `.L${n}\u0002${instance}`;
}

class Assembler implements DirectiveState {
  readonly sections = new Map<string, Sec>();
  sec: Sec;
  readonly sectionStack: Array<readonly [Sec, Sec | undefined]> = [];
  previous: Sec | undefined;
  rvc: boolean;
  readonly rvcStack: boolean[] = [];
  readonly labels = new Map<string, LabelDef>();
  readonly globals = new Set<string>();
  readonly weaks = new Set<string>();
  readonly equs = new Map<string, Value>();
  /** Every symbol an expression named, with the first line that did. */
  readonly referenced = new Map<string, number>();
  readonly errors: AsmErrorEntry[] = [];
  private readonly localCounts = new Map<number, number>();
  private tempCount = 0;
  private dot: string | undefined;
  line = 0;

  constructor(readonly profile: Profile) {
    this.rvc = profile.exts.has('c');
    // GNU as gives .text the instruction alignment of the initial -march.
    this.sec = this.section('.text', 'ax', this.rvc ? 2 : 4);
  }

  section(name: string, flags: string, align = 1, nobits = false): Sec {
    let s = this.sections.get(name);
    if (!s) {
      s = { name, flags, code: flags.includes('x'), nobits, align, items: [] };
      this.sections.set(name, s);
    }
    return s;
  }

  error(line: number, message: string): void {
    this.errors.push({ line, message });
  }

  readonly resolver: Resolver = {
    symbol: (name) => {
      if (name === '.') return { sym: this.dotLabel(), add: 0n };
      const equ = this.equs.get(name);
      if (equ) return equ;
      if (!this.referenced.has(name)) this.referenced.set(name, this.line);
      return { sym: name, add: 0n };
    },
    local: (n, dir) => {
      const count = this.localCounts.get(n) ?? 0;
      if (dir === 'b' && count === 0) throw new ExprError(`undefined local label \`${n}b\``);
      const name = localLabelName(n, dir === 'b' ? count : count + 1);
      if (!this.referenced.has(name)) this.referenced.set(name, this.line);
      return { sym: name, add: 0n };
    },
  };

  /** `.` as a label at the start of the current statement (one per statement). */
  dotLabel(): string {
    if (!this.dot) {
      this.dot = `.Ldot${this.tempCount++}`;
      this.defineLabel(this.dot);
    }
    return this.dot;
  }

  defineLabel(name: string): void {
    const prev = this.labels.get(name);
    if (prev) {
      this.error(this.line, `symbol \`${name}\` is already defined`);
      return;
    }
    if (this.equs.has(name)) {
      this.error(this.line, `symbol \`${name}\` is already defined by .equ/.set`);
      return;
    }
    this.labels.set(name, { sec: this.sec, item: this.sec.items.length });
    this.sec.items.push({ k: 'label', name });
  }

  label(name: string): void {
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      const count = (this.localCounts.get(n) ?? 0) + 1;
      this.localCounts.set(n, count);
      this.defineLabel(localLabelName(n, count));
    } else this.defineLabel(name);
  }

  push(items: Emitted[]): void {
    if (this.sec.nobits) throw new AsmError(`instructions are not allowed in ${this.sec.name}`);
    for (const e of items) {
      if (e.kind === 'insn') {
        if (e.label) this.defineLabel(e.label);
        const relocs = e.reloc ? [{ at: 0, type: e.reloc.type, target: e.reloc.target }] : [];
        this.sec.items.push({ k: 'bytes', data: e.bytes, relocs, ...(e.fragEnd ? { fragEnd: true } : {}) });
      } else if (e.kind === 'branch') this.sec.items.push({ k: 'branch', e, line: this.line });
      else this.sec.items.push({ k: 'jump', e, line: this.line });
    }
  }

  item(it: Item): void {
    this.sec.items.push(it);
  }

  instruction(st: Statement & { kind: 'insn' }): void {
    const ctx: MatchCtx = {
      profile: this.profile,
      rvc: this.rvc,
      resolver: this.resolver,
      tempLabel: () => `.Lpcrel_hi${this.tempCount++}`,
    };
    this.push(matchInstruction(st.mn, parseOperands(st.operands), ctx, st.text));
  }

  run(stmts: Statement[]): void {
    for (const st of stmts) {
      this.line = st.line;
      this.dot = undefined;
      try {
        if (st.kind === 'label') this.label(st.name);
        else if (st.kind === 'insn') this.instruction(st);
        else if (st.kind === 'error') this.error(st.line, st.message);
        else handleDirective(this, st.name, st.args, st.text);
      } catch (e) {
        if (e instanceof AsmError || e instanceof ExprError) this.error(st.line, e.message);
        else throw e;
      }
    }
  }

  finish(): AsmOutput {
    for (const [name, line] of this.referenced) {
      if (name.startsWith('.L') && name.includes('\u0002') && !this.labels.has(name)) {
        const n = name.slice(2, name.indexOf('\u0002'));
        this.error(line, `undefined local label \`${n}f\``);
      }
    }
    const layouts = new Map<Sec, ReturnType<typeof layoutSection>>();
    const localIn = (sec: Sec) => (sym: string) => {
      const d = this.labels.get(sym);
      return d && d.sec === sec && !this.weaks.has(sym) ? d.item : undefined;
    };
    for (const sec of this.sections.values()) layouts.set(sec, layoutSection(sec, localIn(sec)));
    const addrOf = (d: LabelDef) => layouts.get(d.sec)!.addrs[d.item]!;
    const sections: AsmSection[] = [];
    for (const sec of this.sections.values()) {
      const lay = layouts.get(sec)!;
      const local = localIn(sec);
      const { bytes, relocs } = emitSection(sec, lay, {
        local: (sym) => {
          const i = local(sym);
          return i === undefined ? undefined : lay.addrs[i];
        },
        elsewhere: (sym) => {
          const d = this.labels.get(sym);
          return d && d.sec !== sec ? addrOf(d) : 0;
        },
        error: (line, message) => this.error(line, message),
      });
      const symbols: AsmSymbol[] = [];
      for (const [name, d] of this.labels) {
        if (d.sec !== sec) continue;
        symbols.push({ name, offset: addrOf(d), global: this.globals.has(name), weak: this.weaks.has(name), temporary: name.startsWith('.L') });
      }
      sections.push({ name: sec.name, flags: sec.flags, nobits: sec.nobits, align: sec.align, bytes, size: sec.nobits ? lay.size : bytes.length, symbols, relocs });
    }
    const undefinedSymbols = new Set<string>();
    for (const s of sections) for (const r of s.relocs) if (!this.labels.has(r.symbol)) undefinedSymbols.add(r.symbol);
    for (const g of [...this.globals, ...this.weaks]) if (!this.labels.has(g) && !this.equs.has(g)) undefinedSymbols.add(g);
    const absoluteSymbols = [...this.equs]
      .filter(([, v]) => v.sym === null)
      .map(([name, v]) => ({ name, value: Number(BigInt.asUintN(32, v.add)), global: this.globals.has(name) }));
    return { sections, undefinedSymbols: [...undefinedSymbols], absoluteSymbols };
  }
}

/** Assembles GNU-syntax RISC-V source. Throws AssemblyError listing every bad line. */
export function assemble(source: string, opts: AsmOptions): AsmOutput {
  const a = new Assembler(opts.profile);
  a.run(parseSource(source, opts.firstLine ?? 1));
  const out = a.finish();
  if (a.errors.length) throw new AssemblyError(a.errors.sort((x, y) => x.line - y.line), opts.file);
  return out;
}

/** Just the bytes of one section (default .text) — handy for tests and `asm!`. */
export function sectionBytes(out: AsmOutput, name = '.text'): Uint8Array {
  return out.sections.find((s) => s.name === name)?.bytes ?? new Uint8Array(0);
}
