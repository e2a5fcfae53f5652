// Readable text form of the IR (`orizon build --emit ir`, golden tests, pass dumps).
//   fn add(v0: i32, v1: i32) -> i32 {
//   b0:
//     v2 = add.i32 v0, v1
//     ret v2
//   }
import type { BlockCall, DataObject, Function, Inst, Module, Terminator } from './ir.ts';

const v = (x: number) => `v${x}`;
const call = (c: BlockCall) => `b${c.block}${c.args.length ? `(${c.args.map(v).join(', ')})` : ''}`;

export function printInst(i: Inst): string {
  switch (i.op) {
    case 'const': return `${v(i.dst)} = const.${i.ty} ${i.imm}`;
    case 'binary': return `${v(i.dst)} = ${i.kind}.${i.ty} ${v(i.a)}, ${v(i.b)}`;
    case 'unary': return `${v(i.dst)} = ${i.kind}.${i.ty} ${v(i.a)}`;
    case 'cmp': return `${v(i.dst)} = cmp.${i.kind}.${i.ty} ${v(i.a)}, ${v(i.b)}`;
    case 'conv': return `${v(i.dst)} = ${i.kind}.${i.from}.${i.to} ${v(i.a)}`;
    case 'select': return `${v(i.dst)} = select.${i.ty} ${v(i.cond)}, ${v(i.a)}, ${v(i.b)}`;
    case 'load': return `${v(i.dst)} = load${i.volatile ? '.volatile' : ''}.${i.signed ? 's' : ''}${i.ty} [${v(i.addr)}${i.offset ? ` + ${i.offset}` : ''}]`;
    case 'store': return `store${i.volatile ? '.volatile' : ''}.${i.ty} [${v(i.addr)}${i.offset ? ` + ${i.offset}` : ''}], ${v(i.value)}`;
    case 'slotAddr': return `${v(i.dst)} = slot s${i.slot}`;
    case 'symAddr': return `${v(i.dst)} = addr @${i.symbol}${i.offset ? ` + ${i.offset}` : ''}`;
    case 'copy': return `copy [${v(i.dst_addr)}], [${v(i.src_addr)}], ${i.size}`;
    case 'zero': return `zero [${v(i.addr)}], ${i.size}`;
    case 'call': return `${i.dsts.length ? `${i.dsts.map(v).join(', ')} = ` : ''}call${i.noReturn ? '.noreturn' : ''} @${i.callee}(${i.args.map(v).join(', ')})`;
    case 'callIndirect': return `${i.dsts.length ? `${i.dsts.map(v).join(', ')} = ` : ''}call ${v(i.callee)}(${i.args.map(v).join(', ')})`;
    case 'asm': return `${i.outputs.length ? `${i.outputs.map((o) => v(o.dst)).join(', ')} = ` : ''}asm ${JSON.stringify(i.text)}${i.inputs.length ? ` in(${i.inputs.map((x) => `${x.reg ?? 'reg'}=${v(x.value)}`).join(', ')})` : ''}`;
  }
}

export function printTerm(t: Terminator): string {
  switch (t.op) {
    case 'jump': return `jump ${call(t.to)}`;
    case 'branch': return `branch ${v(t.cond)}, ${call(t.then)}, ${call(t.else)}`;
    case 'switch': return `switch.${t.ty} ${v(t.value)}, [${t.cases.map((c) => `${c.value}: ${call(c.to)}`).join(', ')}], default: ${call(t.default)}`;
    case 'ret': return `ret${t.values.length ? ' ' + t.values.map(v).join(', ') : ''}`;
    case 'unreachable': return 'unreachable';
  }
}

export function printFunction(f: Function): string {
  const params = f.params.map((p, k) => `${v(p)}: ${f.paramTys[k]}`).join(', ');
  const rets = f.retTys.length ? ` -> ${f.retTys.join(', ')}` : '';
  const attrs = [f.exported ? 'export ' : '', f.naked ? 'naked ' : ''].join('');
  const lines = [`${attrs}fn ${f.name}(${params})${rets} {`];
  f.slots.forEach((s, k) => lines.push(`  s${k}: slot ${s.size}, align ${s.align}${s.name ? `  ; ${s.name}` : ''}`));
  for (const b of f.blocks) {
    lines.push(`b${b.id}${b.params.length ? `(${b.params.map((p) => `${v(p)}: ${f.valueTys[p]}`).join(', ')})` : ''}:`);
    for (const i of b.insts) lines.push(`  ${printInst(i)}`);
    lines.push(`  ${printTerm(b.term)}`);
  }
  lines.push('}');
  return lines.join('\n');
}

function printData(d: DataObject): string {
  const parts = d.init.map((p) => (p.kind === 'bytes' ? `bytes ${Buffer.from(p.bytes).toString('hex')}` : `addr @${p.symbol}${p.offset ? ` + ${p.offset}` : ''}`));
  return `${d.exported ? 'export ' : ''}data ${d.name}: ${d.readonly ? 'const ' : ''}size ${d.size}, align ${d.align}${parts.length ? ` = { ${parts.join(', ')} }` : ' = zero'}`;
}

export function printModule(m: Module): string {
  const out: string[] = [];
  for (const e of m.externs) out.push(`extern ${e.kind} @${e.name}`);
  for (const i of m.interrupts) out.push(`interrupt ${i.name} = @${i.func}`);
  for (const d of m.data) out.push(printData(d));
  for (const f of m.functions) out.push('', printFunction(f));
  return out.join('\n') + '\n';
}
