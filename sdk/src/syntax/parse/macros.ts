// Arguments of the built-in macros. Every macro takes comma-separated
// expressions (`println!("{}", x)`, `assert_eq!(a, b, "msg")`); `asm!` also
// takes register operands and options after its template strings.
import { T, type Token } from '../token.ts';
import type { AsmOperand, AsmOption, Expr, Ident, MacroArg } from '../ast.ts';
import { decodeStr } from '../literals.ts';
import { PE } from '../../diag/codes/parser.ts';
import {
  S, bump, commaList, eat, expect, expectedError, fatal, newId, peek, sp, spanFrom,
} from './core.ts';
import { parseExpr } from './exprs.ts';
import { parsePath } from './types.ts';

/** macro_args = (macro_arg ("," macro_arg)* ","?)? close — after the opener. */
export function parseMacroArgs(name: Ident, open: Token, close: T): MacroArg[] {
  const elem = name.name === 'asm' ? parseAsmArg : parseExpr;
  return commaList<MacroArg>(open, close, elem, name.name === 'asm' ? 'an `asm!` operand' : 'a macro argument');
}

const DIRS: ReadonlySet<string> = new Set(['in', 'out', 'lateout', 'inout', 'inlateout']);

/**
 * asm_arg = STR                                              (template)
 *         | DIR "(" (IDENT | STR) ")" (expr | "_") ("=>" (expr | "_"))?
 *         | "const" expr | "sym" path
 *         | "options" "(" (IDENT ("," IDENT)* ","?)? ")"
 *         | "clobber_abi" "(" (STR ("," STR)* ","?)? ")"
 * DIR = "in" | "out" | "lateout" | "inout" | "inlateout"
 */
function parseAsmArg(): MacroArg | null {
  const t = S.tok;
  const next = peek().kind;
  if (t.kind === T.KwIn || (t.kind === T.Ident && DIRS.has(t.text) && next === T.LParen)) return parseRegOperand();
  if (t.kind === T.KwConst) {
    bump();
    const expr = parseExpr();
    return operand('const', null, false, expr, null, t.start);
  }
  if (t.kind === T.Ident && t.text === 'sym' && next !== T.LParen && next !== T.Comma) {
    bump();
    const start = S.tok.start;
    const path = parsePath(false);
    const expr: Expr = { kind: 'path', path, id: newId(), span: spanFrom(start) };
    return operand('sym', null, false, expr, null, t.start);
  }
  if (t.kind === T.Ident && (t.text === 'options' || t.text === 'clobber_abi') && next === T.LParen) return parseAsmOption();
  if (t.kind === T.Ident && next === T.Eq) {
    const after = peek(2);
    if (after.kind === T.KwIn || after.kind === T.KwConst || (after.kind === T.Ident && (DIRS.has(after.text) || after.text === 'sym'))) {
      fatal(PE.asmOperand, 'named `asm!` operands are not supported in Orizon v0.1', sp(t.start, after.end))
        ?.help('use positional operands and refer to them as `{0}`, `{1}`, ... in the template');
      return null;
    }
  }
  return parseExpr();
}

function parseRegOperand(): AsmOperand | null {
  const d = bump();
  const dir = d.text as AsmOperand['dir'];
  if (!eat(T.LParen)) {
    expectedError(`\`(\` and a register class or register after \`${d.text}\``, PE.asmOperand)
      ?.help(`write \`${d.text}(reg) value\`, or \`${d.text}("r0") value\` for a specific register`);
    return null;
  }
  let reg: string | null = null;
  let explicitReg = false;
  const r = S.tok;
  if (r.kind === T.Ident) {
    reg = bump().text;
  } else if (r.kind === T.Str) {
    reg = decodeStr(bump().text);
    explicitReg = true;
  } else {
    fatal(PE.asmOperand, `expected a register class (\`reg\`) or a quoted register (\`"r0"\`), found \`${r.text}\``, r.span);
    return null;
  }
  if (!expect(T.RParen)) return null;
  const expr = placeOrUnderscore();
  let outExpr: Expr | null = null;
  if (eat(T.FatArrow)) {
    if (dir !== 'inout' && dir !== 'inlateout') {
      fatal(PE.asmOperand, `\`=>\` is only allowed after \`inout\` and \`inlateout\` operands`, sp(S.lastStart, S.lastEnd));
      return null;
    }
    outExpr = placeOrUnderscore();
  }
  return operand(dir, reg, explicitReg, expr, outExpr, d.start);
}

/** An operand value, or `_` (null) for an output that is discarded. */
function placeOrUnderscore(): Expr | null {
  if (eat(T.Underscore)) return null;
  return parseExpr();
}

function operand(dir: AsmOperand['dir'], reg: string | null, explicitReg: boolean, expr: Expr | null, outExpr: Expr | null, start: number): AsmOperand {
  return { kind: 'asmOperand', dir, reg, explicitReg, expr, outExpr, span: spanFrom(start) };
}

function parseAsmOption(): AsmOption {
  const n = bump();
  const open = bump(); // `(`
  const wantStr = n.text === 'clobber_abi';
  const args = commaList<string>(open, T.RParen, () => {
    const a = S.tok;
    if (wantStr ? a.kind === T.Str : a.kind === T.Ident || (a.kind >= T.KwAs && a.kind <= T.KwWhile)) {
      bump();
      return wantStr ? decodeStr(a.text) : a.text;
    }
    expectedError(wantStr ? 'an ABI string such as `"C"`' : 'an option name such as `nostack`', PE.asmOperand);
    return null;
  }, wantStr ? 'an ABI string' : 'an option');
  return { kind: 'asmOption', name: n.text, args, span: spanFrom(n.start) };
}
