import type { ErrorCodeInfo } from './types.ts';

/** Lexical errors (E0001-E0099). */
export const LEXER_CODES: readonly ErrorCodeInfo[] = [
  {
    code: 'E0001',
    title: 'unterminated string literal',
    explanation: 'A string literal (or byte string, or raw string) was opened with `"` but the file ended before the closing quote. Strings may span lines, so the missing quote is often far above the end of the file: look at where the string starts.',
    wrong: 'fn main() {\n    println!("hello);\n}\n',
    fixed: 'fn main() {\n    println!("hello");\n}\n',
  },
  {
    code: 'E0002',
    title: 'unterminated character literal',
    explanation: 'A character literal `\'x\'` or byte literal `b\'x\'` is missing its closing quote.',
    wrong: "fn main() {\n    let c = '\\n;\n}\n",
    fixed: "fn main() {\n    let c = '\\n';\n}\n",
  },
  {
    code: 'E0003',
    title: 'unknown character escape',
    explanation: 'Inside a character or string literal, a backslash starts an escape. The valid escapes are `\\n`, `\\r`, `\\t`, `\\\\`, `\\0`, `\\\'`, `\\"`, `\\xHH` and `\\u{...}`. To write a backslash itself, double it.',
    wrong: 'fn main() {\n    println!("C:\\path");\n}\n',
    fixed: 'fn main() {\n    println!("C:\\\\path");\n}\n',
  },
  {
    code: 'E0004',
    title: 'unknown start of token',
    explanation: 'The source contains a character that cannot begin any token: a stray symbol, a control character, or a Unicode character that merely looks like ASCII punctuation (curly quotes and dashes pasted from documents are common). Replace it with the ASCII character you meant.',
    wrong: 'fn main() {\n    println!(\u201chi\u201d);\n}\n',
    fixed: 'fn main() {\n    println!("hi");\n}\n',
  },
  {
    code: 'E0005',
    title: 'unterminated block comment',
    explanation: 'A block comment `/* ... */` was not closed before the end of the file. Block comments nest, so every `/*` inside a comment needs its own `*/`.',
    wrong: '/* outer /* inner */\nfn main() {}\n',
    fixed: '/* outer /* inner */ */\nfn main() {}\n',
  },
  {
    code: 'E0006',
    title: 'invalid integer literal',
    explanation: 'An integer literal has no digits after its base prefix (`0x`, `0o`, `0b`) or contains a digit that is not valid in its base (for example `2` in a binary literal).',
    wrong: 'fn main() {\n    let mask = 0b1012;\n}\n',
    fixed: 'fn main() {\n    let mask = 0b1010;\n}\n',
  },
  {
    code: 'E0007',
    title: 'invalid suffix for number literal',
    explanation: 'An integer literal may end in the name of an integer type (`10u8`, `0xffu32`, `1_000i64`), which fixes its type. Any other suffix is an error.',
    wrong: 'fn main() {\n    let x = 10uint;\n}\n',
    fixed: 'fn main() {\n    let x = 10u32;\n}\n',
  },
  {
    code: 'E0008',
    title: 'floating-point literals are not supported',
    explanation: 'Orizon v0.1 has integer types only (no f32/f64), which suits microcontrollers without a floating-point unit. Represent fractional values as scaled integers (fixed point).',
    wrong: 'fn main() {\n    let volts = 3.3;\n}\n',
    fixed: 'fn main() {\n    let millivolts = 3300;\n}\n',
  },
  {
    code: 'E0009',
    title: 'empty character literal',
    explanation: 'A character literal must contain exactly one character: `\'\'` is empty. For an empty piece of text, use a string `""`.',
    wrong: "fn main() {\n    let c = '';\n}\n",
    fixed: "fn main() {\n    let c = ' ';\n}\n",
  },
  {
    code: 'E0010',
    title: 'invalid numeric or unicode escape',
    explanation: 'A `\\x` escape needs exactly two hex digits and, in a character or string, a value of at most `\\x7F` (use `\\u{...}` for other characters). A `\\u{...}` escape needs 1 to 6 hex digits naming a Unicode scalar value (at most 10FFFF, not a surrogate) and is not allowed in byte literals.',
    wrong: 'fn main() {\n    let c = \'\\xFF\';\n}\n',
    fixed: 'fn main() {\n    let c = \'\\u{FF}\';\n    let b = b\'\\xFF\';\n}\n',
  },
  {
    code: 'E0011',
    title: 'non-ASCII character in byte literal',
    explanation: 'Byte literals `b\'x\'` and byte strings `b"..."` hold bytes, so they may contain only ASCII characters; write other byte values as `\\xHH` escapes.',
    wrong: 'fn main() {\n    let s = b"caf\u00e9";\n}\n',
    fixed: 'fn main() {\n    let s = b"caf\\xC3\\xA9";\n}\n',
  },
  {
    code: 'E0012',
    title: 'character literal may only contain one character',
    explanation: 'Single quotes make a character literal, which holds exactly one character. Text of several characters is a string and takes double quotes.',
    wrong: "fn main() {\n    let s = 'hello';\n}\n",
    fixed: 'fn main() {\n    let s = "hello";\n}\n',
  },
];
