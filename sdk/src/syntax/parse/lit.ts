// Literal tokens → AST literals. The lexer has already validated the text and
// reported malformed literals; decoding here is total.
import { T, type Token } from '../token.ts';
import type { Lit } from '../ast.ts';
import { decodeByte, decodeByteStr, decodeChar, decodeStr, parseIntLit } from '../literals.ts';

/** Kinds that are literals (`true`/`false` included). */
export function isLitKind(k: T): boolean {
  return (k >= T.Int && k <= T.ByteStr) || k === T.KwTrue || k === T.KwFalse;
}

export function litOf(t: Token): Lit {
  switch (t.kind) {
    case T.Int: {
      // Most literals are short plain decimals: skip the general decoder.
      const text = t.text;
      if (text.length < 10 && isPlainDecimal(text)) return { kind: 'int', value: BigInt(+text), suffix: null, text };
      const { value, suffix } = parseIntLit(text);
      return { kind: 'int', value, suffix, text: t.text };
    }
    case T.Char: return { kind: 'char', value: decodeChar(t.text), text: t.text };
    case T.Byte: return { kind: 'byte', value: decodeByte(t.text), text: t.text };
    case T.Str: return { kind: 'str', value: decodeStr(t.text), text: t.text };
    case T.ByteStr: return { kind: 'byteStr', value: decodeByteStr(t.text), text: t.text };
    case T.KwTrue: return { kind: 'bool', value: true };
    case T.KwFalse: return { kind: 'bool', value: false };
    default: throw new Error(`litOf: not a literal token: ${t.text}`);
  }
}

function isPlainDecimal(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
