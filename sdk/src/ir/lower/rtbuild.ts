// A small structured layer over FunctionBuilder for writing runtime functions
// in TypeScript: mutable variables live in stack slots, and `if`/`while` take
// callbacks that emit their bodies. Lowering proper does not use it (it builds
// SSA directly); it only has to be clear and correct.
import { FunctionBuilder } from '../builder.ts';
import type { BinaryOp, Block, CmpOp, Function, Ty, Value } from '../ir.ts';
import { promoteSlots, pruneUnreachable } from './mem2reg.ts';
import { tyBytes } from '../ir.ts';

export interface Var {
  slot: number;
  ty: Ty;
}

export class Rt {
  readonly b: FunctionBuilder;

  constructor(name: string, params: Ty[], rets: Ty[]) {
    this.b = new FunctionBuilder(name, params, rets);
  }

  p(k: number): Value {
    return this.b.fn.params[k]!;
  }

  c(ty: Ty, n: number | bigint): Value {
    return this.b.iconst(ty, n);
  }

  op(kind: BinaryOp, ty: Ty, a: Value, b: Value): Value {
    return this.b.binary(kind, ty, a, b);
  }

  cmp(kind: CmpOp, ty: Ty, a: Value, b: Value): Value {
    return this.b.cmp(kind, ty, a, b);
  }

  conv(kind: 'sext' | 'zext' | 'trunc', from: Ty, to: Ty, a: Value): Value {
    const dst = this.b.newValue(to);
    this.b.emit({ op: 'conv', kind, dst, from, to, a });
    return dst;
  }

  /** ptr + i32 byte offset. */
  addr(base: Value, off: Value): Value {
    return this.b.binary('add', 'ptr', base, this.conv('zext', 'i32', 'ptr', off));
  }

  load(ty: Ty, addr: Value, offset = 0): Value {
    return this.b.load(ty, addr, offset);
  }

  store(ty: Ty, addr: Value, v: Value, offset = 0): void {
    this.b.store(ty, addr, v, offset);
  }

  sym(name: string, offset = 0): Value {
    const dst = this.b.newValue('ptr');
    this.b.emit({ op: 'symAddr', dst, symbol: name, offset });
    return dst;
  }

  slot(size: number, align: number, name?: string): Value {
    return this.b.slotAddr(this.b.addSlot(size, align, name));
  }

  var(ty: Ty, init?: Value, name?: string): Var {
    const v = { slot: this.b.addSlot(tyBytes(ty), tyBytes(ty), name), ty };
    if (init !== undefined) this.set(v, init);
    return v;
  }

  get(v: Var): Value {
    return this.b.load(v.ty, this.b.slotAddr(v.slot));
  }

  set(v: Var, x: Value): void {
    this.b.store(v.ty, this.b.slotAddr(v.slot), x);
  }

  call(name: string, args: Value[], rets: Ty[] = [], noReturn = false): Value[] {
    const r = this.b.call(name, args, rets, noReturn);
    if (noReturn) {
      this.b.terminate({ op: 'unreachable' });
      // Subsequent code (if any) goes to a fresh, unreachable block.
      this.b.switchTo(this.b.newBlock());
    }
    return r;
  }

  if(cond: Value, then: () => void, els?: () => void): void {
    const t = this.b.newBlock();
    const e = this.b.newBlock();
    const j = els ? this.b.newBlock() : e;
    this.b.branch(cond, { block: t, args: [] }, { block: e, args: [] });
    this.b.switchTo(t);
    then();
    if (this.b.isOpen) this.b.jump(j);
    if (els) {
      this.b.switchTo(e);
      els();
      if (this.b.isOpen) this.b.jump(j);
    }
    this.b.switchTo(j);
  }

  while(cond: () => Value, body: () => void): void {
    const head = this.b.newBlock();
    const bodyB = this.b.newBlock();
    const exit = this.b.newBlock();
    this.b.jump(head);
    this.b.switchTo(head);
    this.b.branch(cond(), { block: bodyB, args: [] }, { block: exit, args: [] });
    this.b.switchTo(bodyB);
    body();
    if (this.b.isOpen) this.b.jump(head);
    this.b.switchTo(exit);
  }

  ret(vals: Value[] = []): void {
    this.b.ret(vals);
    this.b.switchTo(this.b.newBlock());
  }

  finish(): Function {
    if (this.b.isOpen) {
      if (this.b.fn.retTys.length === 0) this.b.ret([]);
      else this.b.terminate({ op: 'unreachable' });
    }
    for (const blk of this.b.fn.blocks) {
      const o = blk as Block & { open?: boolean };
      if (o.open) { blk.term = { op: 'unreachable' }; delete o.open; }
    }
    pruneUnreachable(this.b.fn);
    promoteSlots(this.b.fn);
    return this.b.finish();
  }
}
