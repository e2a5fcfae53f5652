// `--emit asm`: the statements the emitter built, printed in GNU unified
// syntax. The output re-assembles with `arm-none-eabi-as` (tests check it):
// the same statements produced the object, so the two agree instruction for
// instruction, except that GNU as may pick a different literal-pool layout.
import type { DataObject } from '../../ir/ir.ts';
import type { Stmt } from './asm.ts';
import type { Expr } from './expr.ts';
import type { Operand } from './operands.ts';
import type { Profile } from './profile.ts';
import { regName } from './regs.ts';
import type { CompiledFunction } from './backend.ts';

export function asmPreamble(prof: Profile): string {
  return `\t.syntax unified\n\t.cpu ${prof.cpu}\n\t.thumb\n`;
}

/** A symbol as GNU as reads it (quoted when it has characters outside [A-Za-z0-9_.$]). */
export function symText(name: string): string {
  return /^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name) ? name : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function exprText(e: Expr): string {
  switch (e.k) {
    case 'num': return String(e.v);
    case 'sym': return symText(e.name);
    case 'dot': return '.';
    case 'un': return `${e.op}${exprText(e.e)}`;
    case 'bin': {
      const wrap = (x: Expr) => (x.k === 'bin' ? `(${exprText(x)})` : exprText(x));
      return `${wrap(e.a)}${e.op}${wrap(e.b)}`;
    }
  }
}

function operandText(o: Operand): string {
  switch (o.kind) {
    case 'reg': {
      const base = regName(o.reg) + (o.wb ? '!' : '');
      if (!o.shift) return base;
      if (o.shift.type === 'rrx') return `${base}, rrx`;
      return `${base}, ${o.shift.type} ${o.shift.reg !== undefined ? regName(o.shift.reg) : `#${exprText(o.shift.amount!)}`}`;
    }
    case 'imm': return o.half ? `#:${o.half}:${exprText(o.expr)}` : `#${exprText(o.expr)}`;
    case 'expr': return exprText(o.expr);
    case 'lit': return `=${exprText(o.expr)}`;
    case 'mem': {
      const b = regName(o.base);
      const off = o.off === undefined ? '' : o.off.kind === 'imm' ? `#${exprText(o.off.expr)}` : regName(o.off.reg) + (o.off.shift?.amount ? `, lsl #${exprText(o.off.shift.amount)}` : '');
      if (o.mode === 'post') return `[${b}], ${off}`;
      return off ? `[${b}, ${off}]${o.mode === 'pre' ? '!' : ''}` : `[${b}]`;
    }
    case 'list': {
      const names: string[] = [];
      for (let r = 0; r < 16; r++) if (o.mask & (1 << r)) names.push(regName(r));
      return `{${names.join(', ')}}`;
    }
  }
}

export function stmtText(st: Stmt): string | undefined {
  switch (st.k) {
    case 'label': return st.name.startsWith('$d.') || st.name.startsWith('$t.') ? undefined : `${symText(st.name)}:`;
    case 'data': return `\t${st.size === 1 ? '.byte' : st.size === 2 ? '.short' : '.word'}\t${st.exprs.map(exprText).join(', ')}`;
    case 'bytes': return `\t.byte\t${Array.from(st.bytes).join(', ')}`;
    case 'inst': {
      const mn = st.inst.text.split(/\s/)[0]!;
      return `\t${mn}${st.inst.ops.length ? '\t' + st.inst.ops.map(operandText).join(', ') : ''}`;
    }
    case 'section': return `\t.section\t${symText(st.name)},"${st.flags ?? 'ax'}",%progbits`;
    case 'align': return `\t.balign\t${st.bytes}`;
    case 'global': return `\t${st.weak ? '.weak' : '.global'}\t${st.names.map(symText).join(', ')}`;
    case 'type': return `\t.type\t${symText(st.name)}, %function`;
    case 'thumbFunc': return '\t.thumb_func';
    case 'ltorg': return '\t.ltorg';
    default: return undefined;
  }
}

export function printFunctionAsm(cf: CompiledFunction): string {
  const f = cf.f;
  if (cf.naked) return `\t.section\t${symText(cf.section)},"ax",%progbits\n\t.global\t${symText(f.name)}\n\t.thumb_func\n${symText(f.name)}:\n${cf.naked.text}\n`;
  const e = cf.emitted!;
  const lines: string[] = [];
  let lastLoc = '';
  for (const st of e.stmts) {
    const raw = e.asmText.get(st.line);
    if (raw !== undefined) { lines.push(`\t@ asm!\n${raw.split('\n').map((x) => `\t${x.trim()}`).join('\n')}`); continue; }
    if (e.userAsm.has(st.line)) continue;
    if (st.k === 'label' && e.userAsmLabels.has(st.line)) continue;
    const loc = e.locs[st.line];
    if (loc && st.k === 'inst') {
      const key = `${loc.file}:${loc.line}`;
      if (key !== lastLoc) { lines.push(`\t@ ${key}`); lastLoc = key; }
    }
    const s = stmtText(st);
    if (s !== undefined) lines.push(s);
    if (st.k === 'label' && st.name === f.name) lines.push(`\t@ frame: push ${e.frame.saved.length * 4}, locals ${e.frame.size}`);
  }
  if (!f.exported) lines.push(`\t@ ${symText(f.name)} is local in the object`);
  return lines.join('\n') + '\n';
}

export function printDataAsm(d: DataObject): string {
  const zero = d.init.every((p) => p.kind === 'bytes' && p.bytes.every((x) => x === 0));
  const kind = d.readonly ? '.rodata' : zero ? '.bss' : '.data';
  const sec = d.section ?? `${kind}.${d.name}`;
  const flags = d.readonly ? '"a",%progbits' : zero ? '"aw",%nobits' : '"aw",%progbits';
  const out = [`\t.section\t${symText(sec)},${flags}`, `\t.balign\t${Math.max(1, d.align)}`];
  if (d.exported) out.push(`\t.global\t${symText(d.name)}`);
  out.push(`\t.type\t${symText(d.name)}, %object`, `${symText(d.name)}:`);
  if (zero) out.push(`\t.space\t${d.size}`);
  else {
    let off = 0;
    for (const p of d.init) {
      if (p.kind === 'bytes') {
        for (let k = 0; k < p.bytes.length; k += 16) out.push(`\t.byte\t${Array.from(p.bytes.subarray(k, k + 16)).join(', ')}`);
        off += p.bytes.length;
      } else { out.push(`\t.word\t${symText(p.symbol)}${p.offset ? `+${p.offset}` : ''}`); off += 4; }
    }
    if (off < d.size) out.push(`\t.space\t${d.size - off}`);
  }
  out.push(`\t.size\t${symText(d.name)}, ${d.size}`);
  return out.join('\n') + '\n';
}
