// `asm!("...")`: the template (lines joined by newlines) goes to the IR `asm`
// instruction unchanged — the back end assigns registers and substitutes the
// `{0}`/`{name}` placeholders of register operands. `const` operands are
// substituted here (their value), `sym` operands by the function's symbol.
// Outputs are written back to their places after the instruction.
import type { Ty as IrTy, Value } from '../ir.ts';
import type { HirExpr } from '../../check/hir.ts';
import { NONE, type FnLower, type Val } from './fn.ts';
import { lowerExpr, fnRefInstance } from './expr.ts';
import { lowerPlace, writePlace } from './place.ts';

export function lowerAsm(fx: FnLower, e: HirExpr & { kind: 'asm' }): Val {
  let text = e.template.join('\n');
  const inputs: { reg: string | null; value: Value }[] = [];
  const outputs: { reg: string | null; dst: Value; ty: IrTy }[] = [];
  const writeBacks: { target: HirExpr; dst: Value }[] = [];
  e.operands.forEach((o, k) => {
    const subst = (s: string) => { text = text.split(`{${k}}`).join(s); };
    if (o.dir === 'const') {
      const v = o.expr && o.expr.kind === 'lit' && o.expr.value.kind === 'int' ? o.expr.value.value : null;
      if (v === null) fx.err('`const` asm operands must be integer literals', e.span);
      subst(String(v));
      return;
    }
    if (o.dir === 'sym') {
      if (!o.sym) fx.err('internal: sym operand without a function', e.span);
      subst(fx.m.requestFn(fnRefInstance(fx, o.sym)));
      return;
    }
    const reg = o.explicitReg ? o.reg : null;
    if ((o.dir === 'in' || o.dir === 'inout' || o.dir === 'inlateout') && o.expr) {
      inputs.push({ reg, value: fx.scalar(lowerExpr(fx, o.expr)) });
    }
    const outTarget = o.dir === 'inout' || o.dir === 'inlateout' ? (o.outExpr ?? o.expr) : o.dir === 'out' || o.dir === 'lateout' ? o.expr : null;
    if (outTarget && !(outTarget.kind === 'local' && outTarget.local.name === '_')) {
      const abi = fx.layout(fx.ty(outTarget.ty)).abi;
      const ty: IrTy = abi.kind === 'scalar' ? abi.ty : 'i32';
      const dst = fx.b.newValue(ty);
      outputs.push({ reg, dst, ty });
      writeBacks.push({ target: outTarget, dst });
    }
  });
  const clobbers = e.options.includes('nomem') ? [] : ['memory'];
  fx.b.emit({ op: 'asm', text, inputs, outputs, clobbers, volatile: !e.options.includes('pure') });
  for (const w of writeBacks) writePlace(fx, lowerPlace(fx, w.target), { k: 's', v: w.dst });
  return NONE;
}
