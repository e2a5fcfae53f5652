// IR verifier: runs after every pass in tests (and with ORIZON_VERIFY_IR=1).
// Checks the invariants stated in ir.ts and returns every violation found.
import type { BlockCall, Function, Inst, Module, Terminator, Ty, Value } from './ir.ts';

function instUses(i: Inst): Value[] {
  switch (i.op) {
    case 'const': case 'slotAddr': case 'symAddr': return [];
    case 'binary': case 'cmp': return [i.a, i.b];
    case 'unary': case 'conv': return [i.a];
    case 'select': return [i.cond, i.a, i.b];
    case 'load': return [i.addr];
    case 'store': return [i.addr, i.value];
    case 'copy': return [i.dst_addr, i.src_addr];
    case 'zero': return [i.addr];
    case 'call': return i.args;
    case 'callIndirect': return [i.callee, ...i.args];
    case 'asm': return i.inputs.map((x) => x.value);
  }
}

export function instDefs(i: Inst): Value[] {
  switch (i.op) {
    case 'store': case 'copy': case 'zero': return [];
    case 'call': case 'callIndirect': return i.dsts;
    case 'asm': return i.outputs.map((o) => o.dst);
    default: return [i.dst];
  }
}

export function successors(t: Terminator): BlockCall[] {
  switch (t.op) {
    case 'jump': return [t.to];
    case 'branch': return [t.then, t.else];
    case 'switch': return [...t.cases.map((c) => c.to), t.default];
    default: return [];
  }
}

function termUses(t: Terminator): Value[] {
  const u: Value[] = successors(t).flatMap((c) => c.args);
  if (t.op === 'branch') u.push(t.cond);
  if (t.op === 'switch') u.push(t.value);
  if (t.op === 'ret') u.push(...t.values);
  return u;
}

/** Immediate dominators by the iterative Cooper–Harvey–Kennedy algorithm. */
export function dominators(f: Function): { idom: number[]; rpo: number[] } {
  const n = f.blocks.length;
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const stack: [number, number][] = [[0, 0]];
  seen[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const succ = successors(f.blocks[top[0]]!.term);
    if (top[1] < succ.length) {
      const s = succ[top[1]++]!.block;
      if (s < n && !seen[s]) { seen[s] = 1; stack.push([s, 0]); }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  const rpo = order.reverse();
  const index = new Int32Array(n).fill(-1);
  rpo.forEach((b, k) => (index[b] = k));
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (const b of rpo) for (const s of successors(f.blocks[b]!.term)) if (s.block < n) preds[s.block]!.push(b);
  const idom = new Array<number>(n).fill(-1);
  idom[0] = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of rpo.slice(1)) {
      let nd = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        if (nd === -1) { nd = p; continue; }
        let x = p, y = nd;
        while (x !== y) {
          while (index[x]! > index[y]!) x = idom[x]!;
          while (index[y]! > index[x]!) y = idom[y]!;
        }
        nd = x;
      }
      if (nd !== idom[b]) { idom[b] = nd; changed = true; }
    }
  }
  return { idom, rpo };
}

export function verifyFunction(f: Function): string[] {
  const errs: string[] = [];
  const where = (b: number) => `${f.name}: b${b}`;
  const nb = f.blocks.length;
  if (nb === 0) return [`${f.name}: no blocks`];
  const defBlock = new Int32Array(f.valueTys.length).fill(-2);
  const defIndex = new Int32Array(f.valueTys.length).fill(-1);
  const define = (val: Value, b: number, k: number) => {
    if (val < 0 || val >= f.valueTys.length) { errs.push(`${where(b)}: value v${val} has no type`); return; }
    if (defBlock[val] !== -2) errs.push(`${where(b)}: v${val} defined twice`);
    defBlock[val] = b;
    defIndex[val] = k;
  };
  f.params.forEach((p, k) => {
    define(p, 0, -1);
    if (f.valueTys[p] !== f.paramTys[k]) errs.push(`${f.name}: parameter v${p} type mismatch`);
  });
  f.blocks.forEach((b, bi) => {
    if (b.id !== bi) errs.push(`${where(bi)}: block id ${b.id} out of place`);
    b.params.forEach((p) => define(p, bi, -1));
    b.insts.forEach((i, k) => instDefs(i).forEach((d) => define(d, bi, k)));
  });
  if (f.blocks[0]!.params.length !== 0) errs.push(`${f.name}: entry block has parameters`);
  const { idom } = dominators(f);
  const dominates = (a: number, b: number) => {
    for (let x = b; ; x = idom[x]!) {
      if (x === a) return true;
      if (x === 0 || x === -1) return a === 0 && x === 0;
    }
  };
  const checkUse = (val: Value, b: number, k: number) => {
    if (val < 0 || val >= f.valueTys.length || defBlock[val] === -2) { errs.push(`${where(b)}: use of undefined v${val}`); return; }
    if (idom[b] === -1) return; // unreachable block: no dominance requirement
    const db = defBlock[val]!;
    if (db === b ? defIndex[val]! >= k : !dominates(db, b)) errs.push(`${where(b)}: v${val} used before it is defined (not dominated)`);
  };
  const checkCall = (c: BlockCall, b: number) => {
    const target = f.blocks[c.block];
    if (!target) { errs.push(`${where(b)}: branch to missing b${c.block}`); return; }
    if (target.params.length !== c.args.length) { errs.push(`${where(b)}: b${c.block} takes ${target.params.length} arguments, got ${c.args.length}`); return; }
    c.args.forEach((a, k) => {
      if (f.valueTys[a] !== f.valueTys[target.params[k]!]) errs.push(`${where(b)}: argument v${a}: ${f.valueTys[a]} passed to b${c.block} parameter of type ${f.valueTys[target.params[k]!]}`);
    });
  };
  const ty = (val: Value): Ty | undefined => f.valueTys[val];
  f.blocks.forEach((b, bi) => {
    b.insts.forEach((i, k) => {
      for (const u of instUses(i)) checkUse(u, bi, k);
      if ((i.op === 'binary' || i.op === 'cmp') && (ty(i.a) !== i.ty || ty(i.b) !== i.ty)) errs.push(`${where(bi)}: ${i.op} ${('kind' in i) ? i.kind : ''}.${i.ty} on operands of types ${ty(i.a)}, ${ty(i.b)}`);
      if (i.op === 'conv' && ty(i.a) !== i.from) errs.push(`${where(bi)}: conv from ${i.from} applied to a ${ty(i.a)}`);
      if ((i.op === 'load' || i.op === 'store') && ty(i.addr) !== 'ptr') errs.push(`${where(bi)}: ${i.op} through a non-pointer v${i.addr}`);
      if (i.op === 'store' && ty(i.value) !== i.ty) errs.push(`${where(bi)}: store.${i.ty} of a ${ty(i.value)}`);
      if (i.op === 'slotAddr' && !f.slots[i.slot]) errs.push(`${where(bi)}: missing stack slot s${i.slot}`);
    });
    const t = b.term;
    for (const u of termUses(t)) checkUse(u, bi, b.insts.length);
    for (const c of successors(t)) checkCall(c, bi);
    if (t.op === 'ret') {
      if (t.values.length !== f.retTys.length) errs.push(`${where(bi)}: ret with ${t.values.length} values, function returns ${f.retTys.length}`);
      t.values.forEach((x, k) => { if (ty(x) !== f.retTys[k]) errs.push(`${where(bi)}: ret value v${x} is ${ty(x)}, expected ${f.retTys[k]}`); });
    }
    if (t.op === 'branch' && ty(t.cond) !== 'i8') errs.push(`${where(bi)}: branch condition must be i8`);
  });
  return errs;
}

export function verifyModule(m: Module): string[] {
  const errs: string[] = [];
  const names = new Set<string>();
  for (const f of m.functions) {
    if (names.has(f.name)) errs.push(`duplicate function ${f.name}`);
    names.add(f.name);
    errs.push(...verifyFunction(f));
  }
  for (const d of m.data) {
    if (names.has(d.name)) errs.push(`duplicate symbol ${d.name}`);
    names.add(d.name);
  }
  return errs;
}
