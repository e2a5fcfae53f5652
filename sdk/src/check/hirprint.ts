// A readable dump of the typed HIR (for `--emit hir`, tests and back-end
// debugging). Every expression prints with its type: `(+ a b : i32)`;
// implicit derefs/borrows print as `*'` / `&'`, coercions as `coerce:kind`.
import type { FmtPiece, HirBlock, HirExpr, HirFn, HirPat, HirProgram, LitValue } from './hir.ts';
import { displayTy, type Ty } from './types.ts';
import { instanceKey } from './mono.ts';

function ty(t: Ty): string {
  return displayTy(t);
}

function lit(v: LitValue): string {
  switch (v.kind) {
    case 'int': return String(v.value);
    case 'bool': return String(v.value);
    case 'char': return JSON.stringify(String.fromCodePoint(v.value)).replace(/^"|"$/g, "'");
    case 'str': return JSON.stringify(v.value);
    case 'byteStr': return `b${JSON.stringify(String.fromCharCode(...v.value))}`;
  }
}

export function printPat(p: HirPat): string {
  switch (p.kind) {
    case 'wild': return '_';
    case 'binding': return `${p.mode === 'ref' ? 'ref ' : p.mode === 'refMut' ? 'ref mut ' : ''}${p.local.mut ? 'mut ' : ''}${p.local.name}#${p.local.id}${p.sub ? ` @ ${printPat(p.sub)}` : ''}`;
    case 'lit': return lit(p.value);
    case 'range': return `${p.lo ?? ''}${p.inclusive ? '..=' : '..'}${p.hi ?? ''}`;
    case 'tuple': return `(${p.elems.map(printPat).join(', ')})`;
    case 'adt': {
      const v = p.adt.variants[p.variant]!;
      const name = p.adt.adtKind === 'enum' ? `${p.adt.name}::${v.name}` : p.adt.name;
      if (v.shape === 'unit') return name;
      if (v.shape === 'tuple') return `${name}(${p.fields.map(printPat).join(', ')})`;
      return `${name} { ${p.fields.map((f, i) => `${v.fields[i]!.name}: ${printPat(f)}`).join(', ')} }`;
    }
    case 'deref': return `${p.implicit ? "&'" : '&'}${printPat(p.inner)}`;
    case 'or': return p.alts.map(printPat).join(' | ');
    case 'slice': return `[${[...p.prefix.map(printPat), ...(p.hasRest ? [p.rest ? `${printPat(p.rest)} @ ..` : '..'] : []), ...p.suffix.map(printPat)].join(', ')}]`;
  }
}

function fmtPieces(pieces: FmtPiece[]): string {
  return JSON.stringify(pieces.map((p) => (p.kind === 'str' ? p.text : `{${p.index}:${p.spec.trait}}`)).join(''));
}

export function printExpr(e: HirExpr, ind = ''): string {
  const p = (x: HirExpr | null): string => (x ? printExpr(x, ind) : '_');
  const t = ` : ${ty(e.ty)}`;
  switch (e.kind) {
    case 'lit': return `${lit(e.value)}${t}`;
    case 'local': return `${e.local.name}#${e.local.id}${t}`;
    case 'fnRef': return `fn ${e.ref.fn.name}${e.ref.args.length ? `<${e.ref.args.map(ty).join(', ')}>` : ''}${t}`;
    case 'const': return `const ${e.def.name}${t}`;
    case 'constParam': return `const-param ${e.name}${t}`;
    case 'static': return `static ${e.def.name}${t}`;
    case 'adt': {
      const v = e.adt.variants[e.variant]!;
      return `(${e.adt.name}${e.adt.adtKind === 'enum' ? `::${v.name}` : ''} ${e.fields.map((f) => (f ? p(f) : '<base>')).join(' ')}${e.base ? ` ..${p(e.base)}` : ''}${t})`;
    }
    case 'unary': return `(${e.op} ${p(e.operand)}${t})`;
    case 'deref': return `(${e.implicit ? "*'" : '*'} ${p(e.operand)}${t})`;
    case 'addrOf': return `(${e.implicit ? "&'" : '&'}${e.mut ? 'mut' : ''} ${p(e.operand)}${t})`;
    case 'binary': return `(${e.op} ${p(e.left)} ${p(e.right)}${t})`;
    case 'assign': return `(${e.op} ${p(e.target)} ${p(e.value)})`;
    case 'cast': return `(as:${e.cast} ${p(e.operand)}${t})`;
    case 'coerce': return `(coerce:${e.coercion} ${p(e.operand)}${t})`;
    case 'call': {
      const c = e.callee;
      const name = c.kind === 'fn' ? `${c.ref.fn.owner?.kind === 'trait' ? `${c.ref.fn.owner.trait.name}::` : ''}${c.ref.fn.name}${c.ref.args.length ? `<${c.ref.args.map(ty).join(', ')}>` : ''}`
        : c.kind === 'builtin' ? `builtin ${c.name}[${ty(c.selfTy)}]` : `ptr ${p(c.expr)}`;
      return `(call ${name}${e.args.map((a) => ` ${p(a)}`).join('')}${t})`;
    }
    case 'field': return `(. ${p(e.base)} ${e.name}${t})`;
    case 'tupleField': return `(. ${p(e.base)} ${e.index}${t})`;
    case 'index': return `(index ${p(e.base)} ${p(e.index)}${t})`;
    case 'sliceRange': return `(slice ${p(e.base)} ${p(e.lo)}${e.inclusive ? '..=' : '..'}${p(e.hi)}${t})`;
    case 'range': return `(range ${p(e.lo)}${e.inclusive ? '..=' : '..'}${p(e.hi)}${t})`;
    case 'block': return printBlock(e.block, ind, e.loopId !== null ? `'L${e.loopId} ` : e.unsafe ? 'unsafe ' : '');
    case 'if': return `(if ${p(e.cond)} ${p(e.then)}${e.else ? ` else ${p(e.else)}` : ''}${t})`;
    case 'let': return `(let ${printPat(e.pat)} = ${p(e.expr)})`;
    case 'match': {
      const i2 = `${ind}  `;
      return `(match ${p(e.scrutinee)}${e.arms.map((a) => `\n${i2}${printPat(a.pat)}${a.guard ? ` if ${printExpr(a.guard, i2)}` : ''} => ${printExpr(a.body, i2)}`).join('')}${t})`;
    }
    case 'loop': return `(loop 'L${e.loopId} ${printBlock(e.body, ind, '')}${t})`;
    case 'while': return `(while 'L${e.loopId} ${p(e.cond)} ${printBlock(e.body, ind, '')})`;
    case 'for': return `(for 'L${e.loopId} ${printPat(e.pat)} : ${ty(e.itemTy)} in ${p(e.iter)} ${printBlock(e.body, ind, '')})`;
    case 'break': return `(break 'L${e.loopId}${e.value ? ` ${p(e.value)}` : ''})`;
    case 'continue': return `(continue 'L${e.loopId})`;
    case 'return': return `(return${e.value ? ` ${p(e.value)}` : ''})`;
    case 'tuple': return `(tuple${e.elems.map((x) => ` ${p(x)}`).join('')}${t})`;
    case 'array': return `[${e.elems.map(p).join(', ')}]${t}`;
    case 'arrayRepeat': return `[${p(e.elem)}; ${e.len ?? '?'}]${t}`;
    case 'print': return `(print:${e.stream} ${fmtPieces(e.fmt.pieces)}${e.fmt.args.map((a) => ` ${p(a)}`).join('')})`;
    case 'panic': return `(panic ${fmtPieces(e.fmt.pieces)}${e.fmt.args.map((a) => ` ${p(a)}`).join('')})`;
    case 'asm': return `(asm ${JSON.stringify(e.template.join('\n'))})`;
    case 'error': return '<error>';
  }
}

function printBlock(b: HirBlock, ind: string, prefix: string): string {
  const i2 = `${ind}  `;
  const lines: string[] = [];
  for (const s of b.stmts) {
    if (s.kind === 'let') lines.push(`${i2}let ${printPat(s.pat)}${s.init ? ` = ${printExpr(s.init, i2)}` : ''}${s.elseBlock ? ` else ${printBlock(s.elseBlock, i2, '')}` : ''};`);
    else lines.push(`${i2}${printExpr(s.expr, i2)};`);
  }
  if (b.tail) lines.push(`${i2}${printExpr(b.tail, i2)}`);
  return `${prefix}{${lines.length ? `\n${lines.join('\n')}\n${ind}` : ''}} : ${ty(b.ty)}`;
}

export function printFn(f: HirFn): string {
  const params = f.params.map((p) => `${printPat(p.pat)}: ${ty(p.ty)}`).join(', ');
  return `fn ${f.def.name}(${params}) -> ${ty(f.ret)} ${printExpr(f.body)}`;
}

/** The user crate's functions (not std), in declaration order, and the mono plan. */
export function printProgram(prog: HirProgram, includeLibrary = false): string {
  const out: string[] = [];
  for (const [def, f] of prog.fns) {
    if (!includeLibrary && def.module.crate.isLibrary) continue;
    out.push(printFn(f));
  }
  out.push(`mono: ${prog.mono.instances.map((i) => i.key).join(', ')}`);
  return out.join('\n\n');
}

export { instanceKey };
