// Address folding: `base + (i << k)` and `base + c` computed only for loads
// and stores become addressing modes instead of instructions.
//
//   v1 = shl.i32 i, 2 ; v2 = zext.i32.ptr v1 ; v3 = add.ptr base, v2 ; load [v3]
//     Thumb-2:  ldr rt, [rb, ri, lsl #2]        (k ≤ 3)
//     ARMv6-M:  lsls rt, ri, #2 ; ldr rt, [rb, rt]   (no shifted index there)
//   v3 = add.ptr base, 12 ; load [v3 + 4]   →   ldr rt, [rb, #16]
//
// The add becomes a rematerialisable `index` value (built on demand, like a
// constant), and the shift and zero-extension feeding only it are absorbed:
// never selected. Only adds whose every use is the address of a load or a
// store qualify (and, for a register index, of a 32-bit-or-narrower access at
// offset 0, since a register-offset form has no immediate).
import type { Function, Inst, Value } from '../../ir/ir.ts';

export type IndexRemat = { k: 'index'; base: Value; idx: Value; sh: number; off: number };

interface Uses { total: Int32Array; mem: Int32Array; memRegOk: Int32Array }

function countUses(f: Function): Uses {
  const n = f.valueTys.length;
  const total = new Int32Array(n), mem = new Int32Array(n), memRegOk = new Int32Array(n);
  const use = (v: Value) => { total[v]!++; };
  for (const b of f.blocks) {
    for (const i of b.insts) {
      switch (i.op) {
        case 'const': case 'slotAddr': case 'symAddr': break;
        case 'binary': case 'cmp': use(i.a); use(i.b); break;
        case 'unary': case 'conv': use(i.a); break;
        case 'select': use(i.cond); use(i.a); use(i.b); break;
        case 'load':
          use(i.addr); mem[i.addr]!++;
          if (i.offset === 0 && i.ty !== 'i64') memRegOk[i.addr]!++;
          break;
        case 'store':
          use(i.addr); use(i.value);
          if (i.value !== i.addr) { mem[i.addr]!++; if (i.offset === 0 && i.ty !== 'i64') memRegOk[i.addr]!++; }
          break;
        case 'copy': use(i.dst_addr); use(i.src_addr); break;
        case 'zero': use(i.addr); break;
        case 'call': i.args.forEach(use); break;
        case 'callIndirect': use(i.callee); i.args.forEach(use); break;
        case 'asm': i.inputs.forEach((x) => use(x.value)); break;
      }
    }
    const t = b.term;
    const calls = t.op === 'jump' ? [t.to] : t.op === 'branch' ? [t.then, t.else] : t.op === 'switch' ? [...t.cases.map((c) => c.to), t.default] : [];
    for (const c of calls) c.args.forEach(use);
    if (t.op === 'branch') use(t.cond);
    if (t.op === 'switch') use(t.value);
    if (t.op === 'ret') t.values.forEach(use);
  }
  return { total, mem, memRegOk };
}

/**
 * Finds foldable address computations. Returns the `index` rematerialisations
 * (by the add's value) and the values whose definitions are absorbed.
 */
export function findAddressFolds(f: Function, defOf: (Inst | undefined)[], constOf: (v: Value) => bigint | undefined, v6: boolean): { folds: Map<Value, IndexRemat>; absorbed: Set<Value> } {
  const folds = new Map<Value, IndexRemat>();
  const absorbed = new Set<Value>();
  const u = countUses(f);
  /** `x` seen through a same-width conversion (i32 ↔ ptr): the value and the conversion, if any. */
  const peelConv = (x: Value): [Value, Value | null] => {
    const d = defOf[x];
    if (d?.op === 'conv' && (d.from === 'i32' || d.from === 'ptr') && (d.to === 'i32' || d.to === 'ptr')) return [d.a, x];
    return [x, null];
  };
  for (const b of f.blocks) {
    for (const i of b.insts) {
      if (i.op !== 'binary' || i.kind !== 'add' || i.ty !== 'ptr') continue;
      const v = i.dst;
      if (u.total[v] === 0 || u.total[v] !== u.mem[v]) continue;
      for (const [base, other] of [[i.a, i.b], [i.b, i.a]] as const) {
        const c = constOf(other);
        if (c !== undefined) {
          const off = Number(BigInt.asIntN(32, c));
          if (Math.abs(off) < 1 << 20) { folds.set(v, { k: 'index', base, idx: -1, sh: 0, off }); break; }
          continue;
        }
        if (u.total[v] !== u.memRegOk[v]) continue;
        const [inner, conv] = peelConv(other);
        const sd = defOf[inner];
        let idx = inner, sh = 0;
        const single = (x: Value | null) => x === null || u.total[x] === 1;
        if (sd?.op === 'binary' && sd.kind === 'shl' && sd.ty === 'i32') {
          const k = constOf(sd.b);
          if (k !== undefined && k >= 0n && k <= (v6 ? 31n : 3n) && single(conv) && u.total[inner] === 1) {
            idx = sd.a;
            sh = Number(k);
            absorbed.add(inner);
          }
        }
        if (conv !== null && single(conv)) absorbed.add(conv);
        else if (conv !== null) { absorbed.delete(inner); idx = inner; sh = 0; }
        folds.set(v, { k: 'index', base, idx, sh, off: 0 });
        break;
      }
    }
  }
  return { folds, absorbed };
}
