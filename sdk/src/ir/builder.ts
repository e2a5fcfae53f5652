// FunctionBuilder: the only way lowering creates IR, so value numbering and
// value types stay consistent. Blocks are created first and filled later;
// `terminate` closes the current block.
import type { Block, BlockCall, Function, Inst, SourceLoc, Terminator, Ty, Value } from './ir.ts';

export class FunctionBuilder {
  readonly fn: Function;
  private cur: Block | undefined;
  private loc: SourceLoc | undefined;

  constructor(name: string, paramTys: Ty[], retTys: Ty[], opts: Partial<Pick<Function, 'exported' | 'naked' | 'section' | 'inline' | 'loc'>> = {}) {
    this.fn = {
      name, exported: opts.exported ?? false, params: [], paramTys, retTys, blocks: [], slots: [], valueTys: [],
      naked: opts.naked ?? false, section: opts.section, inline: opts.inline ?? 'auto', loc: opts.loc,
    };
    const entry = this.newBlock();
    for (const t of paramTys) this.fn.params.push(this.newValue(t));
    this.switchTo(entry);
  }

  newValue(ty: Ty): Value {
    this.fn.valueTys.push(ty);
    return this.fn.valueTys.length - 1;
  }

  /** A new empty block (not current). Its terminator is set by `terminate`. */
  newBlock(paramTys: Ty[] = []): number {
    const id = this.fn.blocks.length;
    const b: Block = { id, params: paramTys.map((t) => this.newValue(t)), insts: [], term: { op: 'unreachable' }, locs: [] };
    (b as Block & { open?: boolean }).open = true;
    this.fn.blocks.push(b);
    return id;
  }

  blockParams(id: number): Value[] {
    return this.fn.blocks[id]!.params;
  }

  switchTo(id: number): void {
    this.cur = this.fn.blocks[id];
  }

  get current(): number | undefined {
    return this.cur?.id;
  }

  /** True when the current block still accepts instructions. */
  get isOpen(): boolean {
    return this.cur !== undefined && (this.cur as Block & { open?: boolean }).open === true;
  }

  setLoc(loc: SourceLoc | undefined): void {
    this.loc = loc;
  }

  addSlot(size: number, align: number, name?: string): number {
    this.fn.slots.push({ size, align, name });
    return this.fn.slots.length - 1;
  }

  emit(inst: Inst): void {
    const b = this.cur;
    if (!b || !(b as Block & { open?: boolean }).open) throw new Error(`IR builder: emit into a closed block in ${this.fn.name}`);
    b.insts.push(inst);
    b.locs!.push(this.loc);
  }

  terminate(term: Terminator): void {
    const b = this.cur;
    if (!b || !(b as Block & { open?: boolean }).open) throw new Error(`IR builder: terminate a closed block in ${this.fn.name}`);
    b.term = term;
    delete (b as Block & { open?: boolean }).open;
    this.cur = undefined;
  }

  // Convenience constructors for the common instructions.
  iconst(ty: Ty, imm: bigint | number): Value {
    const dst = this.newValue(ty);
    this.emit({ op: 'const', dst, ty, imm: BigInt(imm) });
    return dst;
  }

  binary(kind: Extract<Inst, { op: 'binary' }>['kind'], ty: Ty, a: Value, b: Value): Value {
    const dst = this.newValue(ty);
    this.emit({ op: 'binary', kind, dst, ty, a, b });
    return dst;
  }

  cmp(kind: Extract<Inst, { op: 'cmp' }>['kind'], ty: Ty, a: Value, b: Value): Value {
    const dst = this.newValue('i8');
    this.emit({ op: 'cmp', kind, dst, ty, a, b });
    return dst;
  }

  load(ty: Ty, addr: Value, offset = 0, signed = false, volatile = false): Value {
    const dst = this.newValue(ty);
    this.emit({ op: 'load', dst, ty, addr, offset, volatile, signed });
    return dst;
  }

  store(ty: Ty, addr: Value, value: Value, offset = 0, volatile = false): void {
    this.emit({ op: 'store', ty, addr, value, offset, volatile });
  }

  slotAddr(slot: number): Value {
    const dst = this.newValue('ptr');
    this.emit({ op: 'slotAddr', dst, slot });
    return dst;
  }

  call(callee: string, args: Value[], retTys: Ty[], noReturn = false): Value[] {
    const dsts = retTys.map((t) => this.newValue(t));
    this.emit({ op: 'call', dsts, retTys, callee, args, noReturn });
    return dsts;
  }

  jump(to: number, args: Value[] = []): void {
    this.terminate({ op: 'jump', to: { block: to, args } });
  }

  branch(cond: Value, then: BlockCall, els: BlockCall): void {
    this.terminate({ op: 'branch', cond, then, else: els });
  }

  ret(values: Value[] = []): void {
    this.terminate({ op: 'ret', values });
  }

  finish(): Function {
    for (const b of this.fn.blocks) {
      if ((b as Block & { open?: boolean }).open) {
        throw new Error(`IR builder: block b${b.id} of ${this.fn.name} was never terminated`);
      }
    }
    return this.fn;
  }
}
