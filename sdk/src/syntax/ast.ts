// The Orizon AST: what the parser produces and the printer and checker consume.
// Every node carries a Span. Expressions and patterns carry an `id` unique within
// one parse, so later phases can keep side tables (types, resolutions) in arrays
// instead of mutating the tree. Lifetimes are accepted by the parser and dropped.
import type { Span } from '../diag/source.ts';

export interface Ident {
  name: string;
  span: Span;
}

// ---------------------------------------------------------------- literals

export type Lit =
  | { kind: 'int'; value: bigint; suffix: string | null; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'char'; value: number; text: string }
  | { kind: 'byte'; value: number; text: string }
  | { kind: 'str'; value: string; text: string }
  | { kind: 'byteStr'; value: number[]; text: string };

// ---------------------------------------------------------------- paths

export interface PathSegment {
  ident: Ident;
  /** Generic arguments: `Foo<u8>` in types, `f::<u8>` (turbofish) in expressions. */
  generics: Type[] | null;
}

/** `a::b::<T>::c`; `global` for a leading `::`. `self`, `super`, `crate`, `Self` are segments. */
export interface Path {
  segments: PathSegment[];
  global: boolean;
  span: Span;
}

// ---------------------------------------------------------------- types

export type Type =
  | { kind: 'path'; path: Path; span: Span }
  | { kind: 'ref'; mut: boolean; inner: Type; span: Span }
  | { kind: 'ptr'; mut: boolean; inner: Type; span: Span }
  | { kind: 'array'; elem: Type; len: Expr; span: Span }
  | { kind: 'slice'; elem: Type; span: Span }
  /** `()` is the empty tuple. */
  | { kind: 'tuple'; elems: Type[]; span: Span }
  | { kind: 'never'; span: Span }
  | { kind: 'fn'; params: Type[]; ret: Type | null; span: Span }
  /** `_` */
  | { kind: 'infer'; span: Span };

// ---------------------------------------------------------------- patterns

export interface FieldPat {
  name: Ident;
  /** For shorthand `{ x }`, `{ mut x }`, `{ ref x }` this is the ident pattern binding `x`. */
  pat: Pat;
  shorthand: boolean;
  span: Span;
}

export type PatKind =
  | { kind: 'wild' }
  /** `..` inside tuple, tuple-struct and slice patterns. */
  | { kind: 'rest' }
  /** `x`, `mut x`, `ref x`, `x @ sub`. A bare name may also be a unit variant or const: the checker decides. */
  | { kind: 'ident'; name: Ident; mut: boolean; byRef: boolean; sub: Pat | null }
  /** Literal, possibly negated: `1`, `-1`, `'a'`, `"s"`, `true`. */
  | { kind: 'lit'; lit: Lit; negative: boolean }
  /** `a..=b`, `a..b`, `a..`, `..=b`; bounds are literal or path patterns. */
  | { kind: 'range'; lo: Pat | null; hi: Pat | null; inclusive: boolean }
  | { kind: 'tuple'; elems: Pat[] }
  /** Multi-segment path without fields: `Color::Red`, `Self::A`. */
  | { kind: 'path'; path: Path }
  | { kind: 'tupleStruct'; path: Path; elems: Pat[] }
  | { kind: 'struct'; path: Path; fields: FieldPat[]; rest: boolean }
  | { kind: 'ref'; mut: boolean; inner: Pat }
  | { kind: 'or'; alts: Pat[] }
  | { kind: 'slice'; elems: Pat[] }
  /** `(p)` — kept so the printer reproduces the source. */
  | { kind: 'paren'; inner: Pat };

export type Pat = PatKind & { id: number; span: Span };

// ---------------------------------------------------------------- expressions

export type BinOp =
  | '+' | '-' | '*' | '/' | '%'
  | '&' | '|' | '^' | '<<' | '>>'
  | '&&' | '||'
  | '==' | '!=' | '<' | '<=' | '>' | '>=';

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=';

export interface FieldInit {
  name: Ident;
  /** For shorthand `Point { x }` this is a path expression `x`. */
  value: Expr;
  shorthand: boolean;
  span: Span;
}

export interface MatchArm {
  pat: Pat;
  guard: Expr | null;
  body: Expr;
  span: Span;
}

export interface ClosureParam {
  pat: Pat;
  type: Type | null;
}

/** An `asm!` operand: `in(reg) x`, `out("r0") y`, `inout(reg) a => b`, `const N`, `sym f`. */
export interface AsmOperand {
  kind: 'asmOperand';
  dir: 'in' | 'out' | 'lateout' | 'inout' | 'inlateout' | 'const' | 'sym';
  /** `reg`, or an explicit register name such as `r0` / `a0` (quoted in source). */
  reg: string | null;
  explicitReg: boolean;
  /** null for `out(reg) _`. */
  expr: Expr | null;
  /** `inout(reg) a => b`: the output place. */
  outExpr: Expr | null;
  span: Span;
}

/** `options(nostack, ...)` / `clobber_abi("C")` in `asm!`. */
export interface AsmOption {
  kind: 'asmOption';
  name: string;
  args: string[];
  span: Span;
}

export type MacroArg = Expr | AsmOperand | AsmOption;

export type ExprKind =
  | { kind: 'lit'; lit: Lit }
  | { kind: 'path'; path: Path }
  | { kind: 'unary'; op: '-' | '!' | '*'; operand: Expr }
  | { kind: 'ref'; mut: boolean; operand: Expr }
  | { kind: 'binary'; op: BinOp; left: Expr; right: Expr }
  | { kind: 'assign'; op: AssignOp; target: Expr; value: Expr }
  | { kind: 'cast'; expr: Expr; type: Type }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'methodCall'; receiver: Expr; method: Ident; generics: Type[] | null; args: Expr[] }
  | { kind: 'field'; expr: Expr; name: Ident }
  | { kind: 'tupleField'; expr: Expr; index: number }
  | { kind: 'index'; expr: Expr; index: Expr }
  | { kind: 'range'; lo: Expr | null; hi: Expr | null; inclusive: boolean }
  | { kind: 'try'; expr: Expr }
  | { kind: 'block'; block: Block; unsafe: boolean; label: Ident | null }
  | { kind: 'if'; cond: Expr; then: Block; else: Expr | null }
  /** `let PAT = EXPR` as the condition of `if`/`while` (if let / while let). */
  | { kind: 'let'; pat: Pat; expr: Expr }
  | { kind: 'match'; scrutinee: Expr; arms: MatchArm[] }
  | { kind: 'while'; label: Ident | null; cond: Expr; body: Block }
  | { kind: 'loop'; label: Ident | null; body: Block }
  | { kind: 'for'; label: Ident | null; pat: Pat; iter: Expr; body: Block }
  | { kind: 'break'; label: Ident | null; value: Expr | null }
  | { kind: 'continue'; label: Ident | null }
  | { kind: 'return'; value: Expr | null }
  /** `()` is the empty tuple; `(a,)` a one-tuple. */
  | { kind: 'tuple'; elems: Expr[] }
  | { kind: 'paren'; expr: Expr }
  | { kind: 'array'; elems: Expr[] }
  | { kind: 'arrayRepeat'; elem: Expr; len: Expr }
  | { kind: 'struct'; path: Path; fields: FieldInit[]; base: Expr | null }
  | { kind: 'closure'; params: ClosureParam[]; ret: Type | null; body: Expr }
  /** Built-in macros: `println!(...)`, `asm!(...)`, `assert_eq!(...)`, ... */
  | { kind: 'macro'; name: Ident; args: MacroArg[] }
  /** Placeholder the parser leaves where it recovered from a syntax error. */
  | { kind: 'error' };

export type Expr = ExprKind & { id: number; span: Span };

// ---------------------------------------------------------------- statements

export type Stmt =
  | { kind: 'let'; pat: Pat; type: Type | null; init: Expr | null; elseBlock: Block | null; span: Span }
  /** `semi` is false for a block-like expression statement or the block's tail. */
  | { kind: 'expr'; expr: Expr; semi: boolean; span: Span }
  | { kind: 'item'; item: Item; span: Span }
  | { kind: 'empty'; span: Span };

export interface Block {
  stmts: Stmt[];
  span: Span;
}

// ---------------------------------------------------------------- attributes

export type Meta =
  | { kind: 'word'; name: string; span: Span }
  | { kind: 'list'; name: string; items: Meta[]; span: Span }
  | { kind: 'nameValue'; name: string; value: Lit; span: Span }
  | { kind: 'lit'; lit: Lit; span: Span };

export interface Attr {
  /** `#![...]` */
  inner: boolean;
  meta: Meta;
  span: Span;
}

// ---------------------------------------------------------------- items

export interface GenericParam {
  name: Ident;
  /** Trait bounds, e.g. `T: Copy + PartialEq<T>`. */
  bounds: Path[];
  /** `const N: usize` */
  constType: Type | null;
  span: Span;
}

export interface WherePredicate {
  type: Type;
  bounds: Path[];
  span: Span;
}

export interface Generics {
  params: GenericParam[];
  where: WherePredicate[];
}

export type Param =
  /** `self`, `&self`, `&mut self`, `mut self` */
  | { kind: 'self'; byRef: boolean; mut: boolean; span: Span }
  | { kind: 'normal'; pat: Pat; type: Type; span: Span };

export interface FieldDef {
  /** null for tuple-struct fields. */
  name: Ident | null;
  type: Type;
  pub: boolean;
  attrs: Attr[];
  span: Span;
}

export type VariantShape = 'unit' | 'tuple' | 'named';

export interface Variant {
  name: Ident;
  shape: VariantShape;
  fields: FieldDef[];
  discriminant: Expr | null;
  attrs: Attr[];
  span: Span;
}

export type UseTree =
  | { kind: 'simple'; path: Ident[]; alias: Ident | null; span: Span }
  | { kind: 'glob'; path: Ident[]; span: Span }
  | { kind: 'group'; path: Ident[]; items: UseTree[]; span: Span };

export type ItemKind =
  | {
      kind: 'fn';
      name: Ident;
      generics: Generics;
      params: Param[];
      ret: Type | null;
      /** null for a required trait method or an extern declaration. */
      body: Block | null;
      unsafe: boolean;
      isConst: boolean;
      /** `extern "C" fn` */
      abi: string | null;
    }
  | { kind: 'struct'; name: Ident; generics: Generics; shape: VariantShape; fields: FieldDef[] }
  | { kind: 'enum'; name: Ident; generics: Generics; variants: Variant[] }
  | { kind: 'impl'; generics: Generics; trait: Path | null; selfType: Type; items: Item[]; unsafe: boolean }
  | { kind: 'trait'; name: Ident; generics: Generics; supertraits: Path[]; items: Item[]; unsafe: boolean }
  /** `value` is null only for an associated const declared in a trait. */
  | { kind: 'const'; name: Ident; type: Type; value: Expr | null }
  | { kind: 'static'; name: Ident; mut: boolean; type: Type; value: Expr }
  | { kind: 'typeAlias'; name: Ident; generics: Generics; type: Type | null }
  /** `mod name;` (file module) when `items` is null. */
  | { kind: 'mod'; name: Ident; items: Item[] | null; innerAttrs: Attr[] }
  | { kind: 'use'; tree: UseTree; keyword: 'import' | 'use' }
  /** `extern "C" { fn f(); }` */
  | { kind: 'externBlock'; abi: string | null; items: Item[] }
  /** What the parser leaves for an item it could not parse. */
  | { kind: 'error' };

export type Item = ItemKind & {
  attrs: Attr[];
  pub: boolean;
  /** Outer doc comments (`///` and `/**` blocks), text without the markers. */
  docs: string[];
  span: Span;
};

export interface SourceFileAst {
  file: number;
  innerAttrs: Attr[];
  /** Inner doc comments (`//!`). */
  docs: string[];
  items: Item[];
  span: Span;
}
