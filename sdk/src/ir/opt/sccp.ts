// Sparse conditional constant propagation (Wegman–Zadeck), adapted to block
// parameters: a parameter's value is the meet of the arguments passed along
// the *executable* edges into its block only. This one pass is constant
// folding, constant propagation and constant branch folding together, and it
// sees through loops: a variable that stays constant around a loop is found
// constant, which a fold-then-propagate sweep cannot prove.
//
// Lattice per value: TOP (no information yet: defined in code not shown
// executable) > a constant > BOTTOM (varies). Values start at TOP, function
// parameters and everything read from memory or calls are BOTTOM.
//
// Rewrites: a pure instruction found constant becomes a `const` in place (same
// value number, so no use changes); a block parameter found constant gets a
// `const` at the top of its block and its uses are substituted; a branch or
// switch on a constant becomes a jump. Blocks never found executable become
// unreachable and are removed here; the parameters left unused are DCE's.
import type { Function, Inst, Value } from '../ir.ts';
import { dominators } from '../verify.ts';
import { foldBinary, foldCmp, foldConv, foldUnary, norm, constImm } from './eval.ts';
import { defOf, instDefs, newValue, pruneUnreachableBlocks, rewriteInsts, substitute, successors } from './util.ts';

const TOP = 'top' as const;
const BOTTOM = 'bottom' as const;
type Lat = bigint | typeof TOP | typeof BOTTOM;

function meet(a: Lat, b: Lat): Lat {
  if (a === TOP) return b;
  if (b === TOP) return a;
  if (a === BOTTOM || b === BOTTOM) return BOTTOM;
  return a === b ? a : BOTTOM;
}

export function sccp(fn: Function): boolean {
  const nv = fn.valueTys.length;
  const lat: Lat[] = new Array<Lat>(nv).fill(TOP);
  for (const p of fn.params) lat[p] = BOTTOM;
  const execBlock = new Uint8Array(fn.blocks.length);
  // Executable edges: per block, a bit per successor index (switches may have many: a Set beyond 30).
  const execEdge: Set<number>[] = fn.blocks.map(() => new Set<number>());
  execBlock[0] = 1;
  const { rpo } = dominators(fn);
  const ty = fn.valueTys;

  const get = (v: Value): Lat => lat[v]!;
  const evalInst = (i: Inst): Lat => {
    switch (i.op) {
      case 'const': return norm(i.ty, i.imm);
      case 'binary': {
        const a = get(i.a), b = get(i.b);
        // x*0, x&0 are 0 whatever x is; x|~0 is all ones.
        if ((i.kind === 'mul' || i.kind === 'and') && (a === 0n || b === 0n)) return 0n;
        if (i.kind === 'or' && (a === norm(i.ty, -1n) || b === norm(i.ty, -1n))) return norm(i.ty, -1n);
        if (a === TOP || b === TOP) return TOP;
        if (a === BOTTOM || b === BOTTOM) return BOTTOM;
        return foldBinary(i.kind, i.ty, a, b) ?? BOTTOM;
      }
      case 'unary': {
        const a = get(i.a);
        return typeof a === 'bigint' ? foldUnary(i.kind, i.ty, a) : a;
      }
      case 'cmp': {
        const a = get(i.a), b = get(i.b);
        if (a === TOP || b === TOP) return TOP;
        if (a === BOTTOM || b === BOTTOM) return i.a === i.b && (i.kind === 'eq' || i.kind.endsWith('e') && i.kind !== 'ne') ? 1n : BOTTOM;
        return foldCmp(i.kind, i.ty, a, b) ? 1n : 0n;
      }
      case 'conv': {
        const a = get(i.a);
        return typeof a === 'bigint' ? foldConv(i.kind, i.from, i.to, a) : a;
      }
      case 'select': {
        const c = get(i.cond);
        if (c === TOP) return TOP;
        if (c !== BOTTOM) return c !== 0n ? get(i.a) : get(i.b);
        return meet(get(i.a), get(i.b));
      }
      default:
        return BOTTOM;
    }
  };

  let changed = true;
  for (;;) {
    while (changed) {
      changed = false;
      const set = (v: Value, x: Lat) => {
        const old = lat[v]!;
        const nx = meet(old, x);
        // Monotone: only ever lower a value.
        if (nx !== old) { lat[v] = nx; changed = true; }
      };
      for (const bi of rpo) {
        if (!execBlock[bi]) continue;
        const b = fn.blocks[bi]!;
        for (const i of b.insts) {
          const d = defOf(i);
          if (d >= 0) set(d, evalInst(i));
          else for (const x of instDefs(i)) set(x, BOTTOM);
        }
        const t = b.term;
        const succ = successors(t);
        let live: number[];
        if (t.op === 'branch') {
          const c = get(t.cond);
          live = c === TOP ? [] : c === BOTTOM ? [0, 1] : [c !== 0n ? 0 : 1];
        } else if (t.op === 'switch') {
          const c = get(t.value);
          if (c === TOP) live = [];
          else if (c === BOTTOM) live = succ.map((_, k) => k);
          else {
            const k = t.cases.findIndex((x) => norm(t.ty, x.value) === c);
            live = [k >= 0 ? k : t.cases.length];
          }
        } else live = succ.map((_, k) => k);
        for (const k of live) {
          const e = succ[k]!;
          const edges = execEdge[bi]!;
          if (!edges.has(k)) { edges.add(k); changed = true; }
          if (!execBlock[e.block]) { execBlock[e.block] = 1; changed = true; }
          const target = fn.blocks[e.block]!;
          e.args.forEach((a, n) => set(target.params[n]!, get(a)));
        }
      }
    }

    // A condition still TOP in an executable block would leave a reachable
    // successor unexplored (it cannot happen in valid SSA: every value in an
    // executable block is reached through executable edges). Defensively,
    // treat it as varying and continue.
    for (const b of fn.blocks) {
      if (!execBlock[b.id]) continue;
      const c = b.term.op === 'branch' ? b.term.cond : b.term.op === 'switch' ? b.term.value : -1;
      if (c >= 0 && lat[c] === TOP) { lat[c] = BOTTOM; changed = true; }
    }
    if (!changed) break;
  }

  // Rewrite.
  let did = false;
  const subst = new Map<Value, Value>();
  for (const b of fn.blocks) {
    if (!execBlock[b.id]) continue;
    const consts: Inst[] = [];
    for (const p of b.params) {
      const x = lat[p]!;
      if (typeof x !== 'bigint') continue;
      const dst = newValue(fn, ty[p]!);
      consts.push({ op: 'const', dst, ty: ty[p]!, imm: constImm(ty[p]!, x) });
      subst.set(p, dst);
    }
    rewriteInsts(b, (i) => {
      if (i.op === 'const' || !('dst' in i) || i.op === 'load' || i.op === 'slotAddr' || i.op === 'symAddr') return i;
      const x = lat[i.dst]!;
      if (typeof x !== 'bigint') return i;
      const t = i.op === 'conv' ? i.to : i.op === 'cmp' ? 'i8' : i.ty;
      return { op: 'const', dst: i.dst, ty: t, imm: constImm(t, x) };
    }) && (did = true);
    if (consts.length) {
      b.insts.unshift(...consts);
      if (b.locs) b.locs.unshift(...consts.map(() => undefined));
      did = true;
    }
    const t = b.term;
    if (t.op === 'branch') {
      const c = lat[t.cond]!;
      if (typeof c === 'bigint') { b.term = { op: 'jump', to: c !== 0n ? t.then : t.else }; did = true; }
    } else if (t.op === 'switch') {
      const c = lat[t.value]!;
      if (typeof c === 'bigint') {
        const hit = t.cases.find((x) => norm(t.ty, x.value) === c);
        b.term = { op: 'jump', to: hit ? hit.to : t.default };
        did = true;
      }
    }
  }
  substitute(fn, subst);
  if (pruneUnreachableBlocks(fn)) did = true;
  return did;
}
