// The parser produces the expected AST shape for every construct of the core
// language contract. Expressions, types and patterns are compared through a
// compact S-expression rendering (`(+ a (* b c))`), so each case states the
// structure — precedence, associativity, nesting — not just "no error".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../sdk/src/syntax/parse/index.ts';
import type {
  Block, Expr, Item, MacroArg, Pat, Path, SourceFileAst, Stmt, Type, UseTree,
} from '../../sdk/src/syntax/ast.ts';

// ---------------------------------------------------------------- helpers

function parseOk(src: string): SourceFileAst {
  const { ast, diags } = parseSource('test.oriz', src);
  assert.deepEqual(diags.items.map((d) => `${d.code} ${d.message}`), [], `unexpected diagnostics for:\n${src}`);
  return ast;
}

function onlyItem<K extends Item['kind']>(src: string, kind: K): Extract<Item, { kind: K }> {
  const ast = parseOk(src);
  assert.equal(ast.items.length, 1);
  const item = ast.items[0]!;
  assert.equal(item.kind, kind);
  return item as Extract<Item, { kind: K }>;
}

function body(src: string): Stmt[] {
  const f = onlyItem(`fn f() {\n${src}\n}`, 'fn');
  return f.body!.stmts;
}

/** The block's tail expression for `src` as the body of a function. */
function expr(src: string): Expr {
  const stmts = body(src);
  const last = stmts[stmts.length - 1]!;
  assert.equal(last.kind, 'expr');
  return (last as Extract<Stmt, { kind: 'expr' }>).expr;
}

const ex = (src: string): string => showExpr(expr(src));
const ty = (src: string): string => showType(onlyItem(`type X = ${src};`, 'typeAlias').type!);
const pat = (src: string): string => {
  const m = expr(`match x { ${src} => {} }`);
  assert.equal(m.kind, 'match');
  return showPat((m as Extract<Expr, { kind: 'match' }>).arms[0]!.pat);
};

function showPath(p: Path): string {
  return (p.global ? '::' : '') + p.segments.map((s) => s.ident.name + (s.generics ? `<${s.generics.map(showType).join(', ')}>` : '')).join('::');
}

function showType(t: Type): string {
  switch (t.kind) {
    case 'path': return showPath(t.path);
    case 'ref': return `&${t.mut ? 'mut ' : ''}${showType(t.inner)}`;
    case 'ptr': return `*${t.mut ? 'mut' : 'const'} ${showType(t.inner)}`;
    case 'array': return `[${showType(t.elem)}; ${showExpr(t.len)}]`;
    case 'slice': return `[${showType(t.elem)}]`;
    case 'tuple': return `(${t.elems.map(showType).join(', ')}${t.elems.length === 1 ? ',' : ''})`;
    case 'never': return '!';
    case 'fn': return `fn(${t.params.map(showType).join(', ')})${t.ret ? ` -> ${showType(t.ret)}` : ''}`;
    case 'infer': return '_';
  }
}

function showPat(p: Pat): string {
  switch (p.kind) {
    case 'wild': return '_';
    case 'rest': return '..';
    case 'ident': return `${p.byRef ? 'ref ' : ''}${p.mut ? 'mut ' : ''}${p.name.name}${p.sub ? ` @ ${showPat(p.sub)}` : ''}`;
    case 'lit': return `${p.negative ? '-' : ''}${showLit(p.lit)}`;
    case 'range': return `${p.lo ? showPat(p.lo) : ''}${p.inclusive ? '..=' : '..'}${p.hi ? showPat(p.hi) : ''}`;
    case 'tuple': return `(${p.elems.map(showPat).join(', ')})`;
    case 'path': return showPath(p.path);
    case 'tupleStruct': return `${showPath(p.path)}(${p.elems.map(showPat).join(', ')})`;
    case 'struct': return `${showPath(p.path)} {${p.fields.map((f) => (f.shorthand ? ` ${showPat(f.pat)}` : ` ${f.name.name}: ${showPat(f.pat)}`)).join(',')}${p.rest ? ' ..' : ''} }`;
    case 'ref': return `&${p.mut ? 'mut ' : ''}${showPat(p.inner)}`;
    case 'or': return `(| ${p.alts.map(showPat).join(' ')})`;
    case 'slice': return `[${p.elems.map(showPat).join(', ')}]`;
    case 'paren': return `(paren ${showPat(p.inner)})`;
  }
}

function showLit(l: import('../../sdk/src/syntax/ast.ts').Lit): string {
  switch (l.kind) {
    case 'int': return l.value.toString() + (l.suffix ?? '');
    case 'bool': return String(l.value);
    case 'str': return JSON.stringify(l.value);
    case 'byteStr': return `b[${l.value.join(',')}]`;
    case 'char': return `'${String.fromCodePoint(l.value)}'`;
    case 'byte': return `b'${l.value}'`;
  }
}

function showBlock(b: Block): string {
  return `{${b.stmts.map((s) => ` ${showStmt(s)}`).join('')} }`;
}

function showStmt(s: Stmt): string {
  switch (s.kind) {
    case 'let': return `(let ${showPat(s.pat)}${s.type ? `: ${showType(s.type)}` : ''}${s.init ? ` = ${showExpr(s.init)}` : ''}${s.elseBlock ? ` else ${showBlock(s.elseBlock)}` : ''})`;
    case 'expr': return showExpr(s.expr) + (s.semi ? ';' : '');
    case 'item': return `(item ${s.item.kind})`;
    case 'empty': return ';';
  }
}

function showArg(a: MacroArg): string {
  if (a.kind === 'asmOperand') {
    const reg = a.reg === null ? '' : a.explicitReg ? `("${a.reg}")` : `(${a.reg})`;
    return `(${a.dir}${reg} ${a.expr ? showExpr(a.expr) : '_'}${a.outExpr ? ` => ${showExpr(a.outExpr)}` : ''})`;
  }
  if (a.kind === 'asmOption') return `(${a.name} ${a.args.join(' ')})`;
  return showExpr(a);
}

function showExpr(e: Expr): string {
  const list = (xs: Expr[]) => xs.map((x) => ` ${showExpr(x)}`).join('');
  switch (e.kind) {
    case 'lit': return showLit(e.lit);
    case 'path': return showPath(e.path);
    case 'unary': return `(${e.op} ${showExpr(e.operand)})`;
    case 'ref': return `(&${e.mut ? 'mut' : ''} ${showExpr(e.operand)})`;
    case 'binary': return `(${e.op} ${showExpr(e.left)} ${showExpr(e.right)})`;
    case 'assign': return `(${e.op} ${showExpr(e.target)} ${showExpr(e.value)})`;
    case 'cast': return `(as ${showExpr(e.expr)} ${showType(e.type)})`;
    case 'call': return `(call ${showExpr(e.callee)}${list(e.args)})`;
    case 'methodCall': return `(.${e.method.name}${e.generics ? `::<${e.generics.map(showType).join(', ')}>` : ''} ${showExpr(e.receiver)}${list(e.args)})`;
    case 'field': return `(. ${showExpr(e.expr)} ${e.name.name})`;
    case 'tupleField': return `(.${e.index} ${showExpr(e.expr)})`;
    case 'index': return `(index ${showExpr(e.expr)} ${showExpr(e.index)})`;
    case 'range': return `(${e.inclusive ? '..=' : '..'} ${e.lo ? showExpr(e.lo) : '_'} ${e.hi ? showExpr(e.hi) : '_'})`;
    case 'try': return `(? ${showExpr(e.expr)})`;
    case 'block': return `${e.label ? `${e.label.name}: ` : ''}${e.unsafe ? 'unsafe ' : ''}${showBlock(e.block)}`;
    case 'if': return `(if ${showExpr(e.cond)} ${showBlock(e.then)}${e.else ? ` else ${showExpr(e.else)}` : ''})`;
    case 'let': return `(let ${showPat(e.pat)} ${showExpr(e.expr)})`;
    case 'match': return `(match ${showExpr(e.scrutinee)}${e.arms.map((a) => ` [${showPat(a.pat)}${a.guard ? ` if ${showExpr(a.guard)}` : ''} => ${showExpr(a.body)}]`).join('')})`;
    case 'while': return `(${e.label ? `${e.label.name}: ` : ''}while ${showExpr(e.cond)} ${showBlock(e.body)})`;
    case 'loop': return `(${e.label ? `${e.label.name}: ` : ''}loop ${showBlock(e.body)})`;
    case 'for': return `(${e.label ? `${e.label.name}: ` : ''}for ${showPat(e.pat)} ${showExpr(e.iter)} ${showBlock(e.body)})`;
    case 'break': return `(break${e.label ? ` ${e.label.name}` : ''}${e.value ? ` ${showExpr(e.value)}` : ''})`;
    case 'continue': return `(continue${e.label ? ` ${e.label.name}` : ''})`;
    case 'return': return `(return${e.value ? ` ${showExpr(e.value)}` : ''})`;
    case 'tuple': return `(tuple${list(e.elems)})`;
    case 'paren': return `(paren ${showExpr(e.expr)})`;
    case 'array': return `[${e.elems.map(showExpr).join(' ')}]`;
    case 'arrayRepeat': return `[${showExpr(e.elem)}; ${showExpr(e.len)}]`;
    case 'struct': return `(struct ${showPath(e.path)}${e.fields.map((f) => (f.shorthand ? ` ${f.name.name}` : ` ${f.name.name}: ${showExpr(f.value)}`)).join('')}${e.base ? ` ..${showExpr(e.base)}` : ''})`;
    case 'closure': return `(closure (${e.params.map((p) => showPat(p.pat) + (p.type ? `: ${showType(p.type)}` : '')).join(', ')})${e.ret ? ` -> ${showType(e.ret)}` : ''} ${showExpr(e.body)})`;
    case 'macro': return `(${e.name.name}!${e.args.map((a) => ` ${showArg(a)}`).join('')})`;
    case 'error': return '(error)';
  }
}

// ---------------------------------------------------------------- expressions

describe('operator precedence and associativity', () => {
  const cases: [string, string][] = [
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b % c * d', '(* (% (/ a b) c) d)'],
    ['a << b + c', '(<< a (+ b c))'],
    ['a + b << c', '(<< (+ a b) c)'],
    ['a & b << c', '(& a (<< b c))'],
    ['a ^ b & c', '(^ a (& b c))'],
    ['a | b ^ c', '(| a (^ b c))'],
    ['a == b | c', '(== a (| b c))'],
    ['a < b && c > d', '(&& (< a b) (> c d))'],
    ['a && b || c && d', '(|| (&& a b) (&& c d))'],
    ['a || b || c', '(|| (|| a b) c)'],
    ['a..b + 1', '(.. a (+ b 1))'],
    ['a || b..c', '(.. (|| a b) c)'],
    ['x = y = z', '(= x (= y z))'],
    ['x += y * 2', '(+= x (* y 2))'],
    ['x <<= 1', '(<<= x 1)'],
    ['x >>= a >> b', '(>>= x (>> a b))'],
    ['x = a..b', '(= x (.. a b))'],
    ['-a * b', '(* (- a) b)'],
    ['-a as u8', '(as (- a) u8)'],
    ['a as u8 as u32', '(as (as a u8) u32)'],
    ['a + b as u32 * c', '(+ a (* (as b u32) c))'],
    ['!a.b()', '(! (.b a))'],
    ['*p.x', '(* (. p x))'],
    ['&mut a[0]', '(&mut (index a 0))'],
    ['&&x', '(& (& x))'],
    ['&&mut x', '(& (&mut x))'],
    ['- -x', '(- (- x))'],
    ['a - -b', '(- a (- b))'],
    ['f(a)? + 1', '(+ (? (call f a)) 1)'],
    ['(a + b) * c', '(* (paren (+ a b)) c)'],
    ['a >> b >> c', '(>> (>> a b) c)'],
    ['a <= b', '(<= a b)'],
    ['a != b', '(!= a b)'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
});

describe('ranges', () => {
  const cases: [string, string][] = [
    ['a..b', '(.. a b)'], ['a..=b', '(..= a b)'], ['a..', '(.. a _)'], ['..b', '(.. _ b)'],
    ['..=b', '(..= _ b)'], ['..', '(.. _ _)'], ['arr[1..3]', '(index arr (.. 1 3))'],
    ['arr[..n]', '(index arr (.. _ n))'], ['arr[n..]', '(index arr (.. n _))'], ['arr[..]', '(index arr (.. _ _))'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
  test('`for i in 0.. {}`: the `{` starts the body, not the range end', () => {
    assert.equal(ex('for i in 0.. {}'), '(for i (.. 0 _) { })');
  });
});

describe('postfix expressions', () => {
  const cases: [string, string][] = [
    ['f(1, 2)', '(call f 1 2)'],
    ['f()', '(call f)'],
    ['f(a,)', '(call f a)'],
    ['a.b.c', '(. (. a b) c)'],
    ['a.b()', '(.b a)'],
    ['a.b(1).c(2)', '(.c (.b a 1) 2)'],
    ['x.collect::<u8>()', '(.collect::<u8> x)'],
    ['t.0', '(.0 t)'],
    ['t.0.1', '(.1 (.0 t))'],
    ['t.1.0.2', '(.2 (.0 (.1 t)))'],
    ['t.0.x', '(. (.0 t) x)'],
    ['s.a.0.b', '(. (.0 (. s a)) b)'],
    ['a[i][j]', '(index (index a i) j)'],
    ['x?.y?', '(? (. (? x) y))'],
    ['f(x)(y)', '(call (call f x) y)'],
    ['(0..10).rev().step_by(2)', '(.step_by (.rev (paren (.. 0 10))) 2)'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
});

describe('paths', () => {
  const cases: [string, string][] = [
    ['a::b::c', 'a::b::c'],
    ['::a::b', '::a::b'],
    ['f::<u8>(x)', '(call f<u8> x)'],
    ['Vec::<Vec<u8>>::new()', '(call Vec<Vec<u8>>::new)'],
    ['T::new()', '(call T::new)'],
    ['u32::MAX', 'u32::MAX'],
    ['Self::X', 'Self::X'],
    ['self::f()', '(call self::f)'],
    ['super::x', 'super::x'],
    ['crate::a::b', 'crate::a::b'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
});

describe('literals', () => {
  test('integers with bases, separators and suffixes', () => {
    const e = expr('[10, 0xFF, 0o17, 0b1010, 1_000, 10u8, 0x10_i32]');
    assert.equal(showExpr(e), '[10 255 15 10 1000 10u8 16i32]');
  });
  test('chars, bytes, strings, raw strings, byte strings, booleans', () => {
    assert.equal(ex(`('a', '\\n', b'A', "hi\\n", r#"r"aw"#, b"ab", true, false)`),
      `(tuple 'a' '\n' b'65' "hi\\n" "r\\"aw" b[97,98] true false)`);
  });
});

describe('groups: tuples, parentheses, arrays', () => {
  const cases: [string, string][] = [
    ['()', '(tuple)'], ['(a)', '(paren a)'], ['(a,)', '(tuple a)'], ['(a, b)', '(tuple a b)'],
    ['[]', '[]'], ['[1, 2, 3]', '[1 2 3]'], ['[1, 2,]', '[1 2]'], ['[0u8; 16]', '[0u8; 16]'], ['[x; N * 2]', '[x; (* N 2)]'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
});

describe('struct literals and the no-struct restriction', () => {
  test('fields, shorthand and base', () => {
    assert.equal(ex('Point { x: 1, y }'), '(struct Point x: 1 y)');
    assert.equal(ex('Point { x: 1, ..base }'), '(struct Point x: 1 ..base)');
    assert.equal(ex('S {}'), '(struct S)');
    assert.equal(ex('a::S { v: 2 }'), '(struct a::S v: 2)');
    assert.equal(ex('Self { x }'), '(struct Self x)');
  });
  test('`if x == S {}`: `S` is a path and `{}` the body', () => {
    assert.equal(ex('if x == S {}'), '(if (== x S) { })');
  });
  test('`while`, `match` and `for` heads end before `{`', () => {
    assert.equal(ex('while a {}'), '(while a { })');
    assert.equal(ex('match s { _ => 1 }'), '(match s [_ => 1])');
    assert.equal(ex('for x in xs { x }'), '(for x xs { x })');
  });
  test('parentheses lift the restriction', () => {
    assert.equal(ex('if x == (S { a: 1 }) { 1 } else { 2 }'), '(if (== x (paren (struct S a: 1))) { 1 } else { 2 })');
  });
  test('struct literals are allowed in match arms and call arguments inside a head', () => {
    assert.equal(ex('if f(S { a: 1 }) {}'), '(if (call f (struct S a: 1)) { })');
  });
});

describe('blocks and control flow', () => {
  test('if / else if / else', () => {
    assert.equal(ex('if a { 1 } else if b { 2 } else { 3 }'), '(if a { 1 } else (if b { 2 } else { 3 }))');
  });
  test('if let and while let', () => {
    assert.equal(ex('if let Some(x) = opt { x } else { 0 }'), '(if (let Some(x) opt) { x } else { 0 })');
    assert.equal(ex('while let Some(x) = it.next() { f(x); }'), '(while (let Some(x) (.next it)) { (call f x); })');
    assert.equal(ex('if let 1 | 2 = n {}'), '(if (let (| 1 2) n) { })');
  });
  test('match with guards, alternatives, blocks and trailing commas', () => {
    assert.equal(ex('match x { 0 => a, 1 | 2 if y => { b } _ => c, }'),
      '(match x [0 => a] [(| 1 2) if y => { b }] [_ => c])');
    assert.equal(ex('match x { | A | B => 1 }'), '(match x [(| A B) => 1])');
  });
  test('loops, labels, break with value, continue with label', () => {
    assert.equal(ex("'outer: loop { break 'outer 5; }"), "('outer: loop { (break 'outer 5); })");
    assert.equal(ex("'a: while x { continue 'a; }"), "('a: while x { (continue 'a); })");
    assert.equal(ex("'a: for i in 0..n { break; }"), "('a: for i (.. 0 n) { (break); })");
    assert.equal(ex("'blk: { break 'blk 1; }"), "'blk: { (break 'blk 1); }");
    assert.equal(ex('loop { break }'), '(loop { (break) })');
  });
  test('unsafe blocks and nested blocks', () => {
    assert.equal(ex('unsafe { f() }'), 'unsafe { (call f) }');
    assert.equal(ex('{ { 1 } }'), '{ { 1 } }');
  });
  test('return and break values', () => {
    assert.equal(ex('return a + b'), '(return (+ a b))');
    assert.equal(ex('return'), '(return)');
    assert.equal(ex('match x { _ => return }'), '(match x [_ => (return)])');
  });
});

describe('closures', () => {
  const cases: [string, string][] = [
    ['|| 1', '(closure () 1)'],
    ['|x| x + 1', '(closure (x) (+ x 1))'],
    ['|a, b: u8| -> u32 { a + b }', '(closure (a, b: u8) -> u32 { (+ a b) })'],
    ['|&x, (a, b)| x', '(closure (&x, (a, b)) x)'],
    ['move |x| x', '(closure (x) x)'],
    ['f(|x| x * 2, 3)', '(call f (closure (x) (* x 2)) 3)'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
});

describe('macros', () => {
  const cases: [string, string][] = [
    ['println!("{} {}", a, b + 1)', '(println! "{} {}" a (+ b 1))'],
    ['assert_eq!(a, b, "msg")', '(assert_eq! a b "msg")'],
    ['vec![1, 2]', '(vec! 1 2)'],
    ['m!{ a }', '(m! a)'],
    ['panic!()', '(panic!)'],
    ['core::panic!("x")', '(panic! "x")'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ex(src), want));
  test('asm! operands and options', () => {
    assert.equal(
      ex('asm!("mov {0}, {1}", "nop", out(reg) x, in("r0") y, inout(reg) a => b, lateout(reg) _, inlateout(reg) c, const N, sym f, options(nostack, nomem), clobber_abi("C"))'),
      '(asm! "mov {0}, {1}" "nop" (out(reg) x) (in("r0") y) (inout(reg) a => b) (lateout(reg) _) (inlateout(reg) c) (const N) (sym f) (options nostack nomem) (clobber_abi C))',
    );
  });
  test('`in` is an operand only inside asm!', () => {
    assert.equal(ex('m!(a)'), '(m! a)');
  });
});

// ---------------------------------------------------------------- statements

describe('statements', () => {
  test('let with pattern, type, initializer and else', () => {
    const s = body('let x = 1; let mut y: u8; let (a, b): (u8, u8) = t; let Some(v) = o else { return; };');
    assert.deepEqual(s.map(showStmt), ['(let x = 1)', '(let mut y: u8)', '(let (a, b): (u8, u8) = t)', '(let Some(v) = o else { (return); })']);
  });
  test('block-like expressions end a statement without `;`', () => {
    const s = body('if a { } - 1');
    assert.deepEqual(s.map(showStmt), ['(if a { })', '(- 1)']);
    assert.deepEqual(body('loop {} x').map(showStmt), ['(loop { })', 'x']);
    assert.deepEqual(body('match x {} (1)').map(showStmt), ['(match x)', '(paren 1)']);
    assert.deepEqual(body('{ 1 } [2]').map(showStmt), ['{ 1 }', '[2]']);
  });
  test('`.method()` and `?` continue a block-like statement', () => {
    assert.deepEqual(body('match x { _ => 1 }.to_string();').map(showStmt), ['(.to_string (match x [_ => 1]));']);
    assert.deepEqual(body('unsafe { f() }.len() + 1').map(showStmt), ['(+ (.len unsafe { (call f) }) 1)']);
  });
  test('semicolons, empty statements and the tail', () => {
    const s = body('a; ; f(b); c');
    assert.deepEqual(s.map((x) => [x.kind, x.kind === 'expr' ? x.semi : null]), [['expr', true], ['empty', null], ['expr', true], ['expr', false]]);
  });
  test('items inside blocks', () => {
    const s = body('fn g() {} struct S; const C: u8 = 1; #[derive(Clone)] enum E { A } use a::b; let x = g();');
    assert.deepEqual(s.map(showStmt), ['(item fn)', '(item struct)', '(item const)', '(item enum)', '(item use)', '(let x = (call g))']);
  });
  test('`unsafe {` in a block is an expression, `unsafe fn` an item', () => {
    assert.deepEqual(body('unsafe { x } unsafe fn g() {}').map(showStmt), ['unsafe { x }', '(item fn)']);
  });
});

// ---------------------------------------------------------------- types

describe('types', () => {
  const cases: [string, string][] = [
    ['u8', 'u8'], ['&str', '&str'], ["&'static str", '&str'], ["&'a mut T", '&mut T'],
    ['&mut [u8]', '&mut [u8]'], ['[u8; 4]', '[u8; 4]'], ['[[u8; 2]; N]', '[[u8; 2]; N]'],
    ['*const u8', '*const u8'], ['*mut *mut T', '*mut *mut T'], ['()', '()'], ['(u8,)', '(u8,)'],
    ['(u8, i32)', '(u8, i32)'], ['(u8)', 'u8'], ['!', '!'], ['_', '_'], ['fn(u8, u16) -> u32', 'fn(u8, u16) -> u32'],
    ['fn()', 'fn()'], ['fn(x: u8) -> !', 'fn(u8) -> !'], ['Option<u8>', 'Option<u8>'], ['Result<u8, E>', 'Result<u8, E>'],
    ['a::b::C<T>', 'a::b::C<T>'], ['Foo<\'a, T>', 'Foo<T>'], ['&&u8', '&&u8'], ['Self', 'Self'], ['self::T', 'self::T'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(ty(src), want));

  describe('`>>` / `>=` / `>>=` split where generics close', () => {
    test('Vec<Vec<u8>>', () => assert.equal(ty('Vec<Vec<u8>>'), 'Vec<Vec<u8>>'));
    test('A<B<C<u8>>>', () => assert.equal(ty('A<B<C<u8>>>'), 'A<B<C<u8>>>'));
    test('let x: Vec<u8>= v (`>=`)', () => assert.deepEqual(body('let x: Vec<u8>= v;').map(showStmt), ['(let x: Vec<u8> = v)']));
    test('let x: A<B<u8>>= v (`>>=`)', () => assert.deepEqual(body('let x: A<B<u8>>= v;').map(showStmt), ['(let x: A<B<u8>> = v)']));
    test('turbofish f::<Vec<u8>>()', () => assert.equal(ex('f::<Vec<u8>>()'), '(call f<Vec<u8>>)'));
    test('cast then shift: `x as u32 >> 2`', () => assert.equal(ex('(x as u32) >> 2'), '(>> (paren (as x u32)) 2)'));
  });
});

// ---------------------------------------------------------------- patterns

describe('patterns', () => {
  const cases: [string, string][] = [
    ['_', '_'], ['x', 'x'], ['mut x', 'mut x'], ['ref x', 'ref x'], ['ref mut x', 'ref mut x'],
    ['x @ 1..=5', 'x @ 1..=5'], ['1', '1'], ['-1', '-1'], ["'a'", "'a'"], ['"s"', '"s"'], ['true', 'true'],
    ['1..=9', '1..=9'], ['-5..=-1', '-5..=-1'], ['0..10', '0..10'], ['5..', '5..'], ['..=9', '..=9'],
    ["'a'..='z'", "'a'..='z'"], ['A..=B', 'A..=B'], ['i8::MIN..=0', 'i8::MIN..=0'],
    ['(a, b)', '(a, b)'], ['(a,)', '(a)'], ['()', '()'], ['(a, ..)', '(a, ..)'], ['(x)', '(paren x)'],
    ['(1 | 2)', '(paren (| 1 2))'], ['Color::Red', 'Color::Red'], ['None', 'None'], ['Some(x)', 'Some(x)'],
    ['E::B(_, ref y)', 'E::B(_, ref y)'], ['S(.., last)', 'S(.., last)'],
    ['P { x, y: 0, .. }', 'P { x, y: 0 .. }'], ['P { ref mut x }', 'P { ref mut x }'], ['P { .. }', 'P { .. }'],
    ['&x', '&x'], ['&mut (a, b)', '&mut (a, b)'], ['&&x', '&&x'], ['[a, .., z]', '[a, .., z]'], ['[first, rest @ ..]', '[first, rest @ ..]'],
    ['1 | 2 | 3', '(| 1 2 3)'], ['Some(1 | 2)', 'Some((| 1 2))'],
  ];
  for (const [src, want] of cases) test(src, () => assert.equal(pat(src), want));
  test('`let` takes a pattern without top-level alternatives', () => {
    assert.deepEqual(body('let (a, mut b) = t; let Point { x, .. } = p;').map(showStmt), ['(let (a, mut b) = t)', '(let Point { x .. } = p)']);
  });
});

// ---------------------------------------------------------------- items

describe('items', () => {
  test('fn with qualifiers', () => {
    const ast = parseOk('fn a() {} const fn b() {} unsafe fn c() {} extern "C" fn d() {} extern fn e() {} const unsafe fn f() {} pub unsafe extern "C" fn g() {}');
    const fns = ast.items.map((i) => (i.kind === 'fn' ? [i.name.name, i.isConst, i.unsafe, i.abi, i.pub] : null));
    assert.deepEqual(fns, [
      ['a', false, false, null, false], ['b', true, false, null, false], ['c', false, true, null, false],
      ['d', false, false, 'C', false], ['e', false, false, 'C', false], ['f', true, true, null, false], ['g', false, true, 'C', true],
    ]);
  });
  test('generics with bounds, const params, lifetimes dropped, where clause', () => {
    const f = onlyItem("fn f<'a, T: Copy + PartialEq<T>, U, const N: usize>(x: &'a T) -> U where U: From<T> + Default, 'a: 'a { x }", 'fn');
    assert.deepEqual(f.generics.params.map((p) => [p.name.name, p.bounds.map(showPath), p.constType ? showType(p.constType) : null]),
      [['T', ['Copy', 'PartialEq<T>'], null], ['U', [], null], ['N', [], 'usize']]);
    assert.deepEqual(f.generics.where.map((w) => [showType(w.type), w.bounds.map(showPath)]), [['U', ['From<T>', 'Default']]]);
    assert.equal(showType(f.ret!), 'U');
  });
  test('parameters: self forms and patterns', () => {
    const t = onlyItem('trait T { fn a(self); fn b(&self); fn c(&mut self, x: u8); fn d(mut self); fn e(&\'a self); fn f(self: &mut Self); fn g((a, b): (u8, u8), _: u8); }', 'trait');
    const ps = t.items.map((i) => (i.kind === 'fn' ? i.params.map((p) => (p.kind === 'self' ? `${p.byRef ? '&' : ''}${p.mut ? 'mut ' : ''}self` : `${showPat(p.pat)}: ${showType(p.type)}`)) : []));
    assert.deepEqual(ps, [['self'], ['&self'], ['&mut self', 'x: u8'], ['mut self'], ['&self'], ['&mut self'], ['(a, b): (u8, u8)', '_: u8']]);
    assert.ok(t.items.every((i) => i.kind === 'fn' && i.body === null), 'required methods have no body');
  });
  test('struct: named, tuple, unit, generic, with field attributes and visibility', () => {
    const ast = parseOk('pub struct P<T> { pub x: T, #[doc = "y"] y: u8, } struct T(pub u8, u16); struct U; struct W<T>(T) where T: Copy;');
    const shapes = ast.items.map((i) => (i.kind === 'struct' ? [i.name.name, i.shape, i.fields.map((f) => [f.name?.name ?? null, showType(f.type), f.pub, f.attrs.length])] : null));
    assert.deepEqual(shapes, [
      ['P', 'named', [['x', 'T', true, 0], ['y', 'u8', false, 1]]],
      ['T', 'tuple', [[null, 'u8', true, 0], [null, 'u16', false, 0]]],
      ['U', 'unit', []],
      ['W', 'tuple', [[null, 'T', false, 0]]],
    ]);
  });
  test('enum: unit, tuple and struct variants, discriminants', () => {
    const e = onlyItem('enum E<T> { A, B(T, u8), C { x: u8 }, D = 5, #[default] F = -1 }', 'enum');
    assert.deepEqual(e.variants.map((v) => [v.name.name, v.shape, v.fields.length, v.discriminant ? showExpr(v.discriminant) : null, v.attrs.length]),
      [['A', 'unit', 0, null, 0], ['B', 'tuple', 2, null, 0], ['C', 'named', 1, null, 0], ['D', 'unit', 0, '5', 0], ['F', 'unit', 0, '(- 1)', 1]]);
  });
  test('impl: inherent, trait, generic, unsafe', () => {
    const ast = parseOk('impl P { fn new() -> Self { P } } impl<T: Copy> Tr<T> for P<T> where T: Eq { const X: u8 = 1; type Out = T; fn f(&self) {} } unsafe impl Send for P {}');
    const impls = ast.items.map((i) => (i.kind === 'impl' ? [i.trait ? showPath(i.trait) : null, showType(i.selfType), i.generics.params.length, i.generics.where.length, i.items.map((x) => x.kind), i.unsafe] : null));
    assert.deepEqual(impls, [
      [null, 'P', 0, 0, ['fn'], false],
      ['Tr<T>', 'P<T>', 1, 1, ['const', 'typeAlias', 'fn'], false],
      ['Send', 'P', 0, 0, [], true],
    ]);
  });
  test('trait: supertraits, required and default methods, associated consts and types', () => {
    const t = onlyItem('pub trait Shape: Copy + Eq { const SIDES: u8; const K: u8 = 1; type Unit; fn area(&self) -> u32; fn twice(&self) -> u32 { self.area() * 2 } }', 'trait');
    assert.deepEqual(t.supertraits.map(showPath), ['Copy', 'Eq']);
    assert.deepEqual(t.items.map((i) => {
      if (i.kind === 'const') return ['const', i.name.name, i.value !== null];
      if (i.kind === 'fn') return ['fn', i.name.name, i.body !== null];
      if (i.kind === 'typeAlias') return ['type', i.name.name, i.type !== null];
      return [i.kind];
    }), [['const', 'SIDES', false], ['const', 'K', true], ['type', 'Unit', false], ['fn', 'area', false], ['fn', 'twice', true]]);
  });
  test('const, static, static mut, type alias', () => {
    const ast = parseOk('const N: usize = 4; const _: () = (); static S: u8 = 1; static mut C: u32 = 0; type B<T> = [T; 2];');
    assert.deepEqual(ast.items.map((i) => {
      if (i.kind === 'const') return ['const', i.name.name, showType(i.type), i.value ? showExpr(i.value) : null];
      if (i.kind === 'static') return ['static', i.name.name, i.mut, showType(i.type)];
      if (i.kind === 'typeAlias') return ['type', i.name.name, i.generics.params.length, showType(i.type!)];
      return [i.kind];
    }), [['const', 'N', 'usize', '4'], ['const', '_', '()', '(tuple)'], ['static', 'S', false, 'u8'], ['static', 'C', true, 'u32'], ['type', 'B', 1, '[T; 2]']]);
  });
  test('modules: inline with inner attributes and docs, and file modules', () => {
    const ast = parseOk('/// outer\nmod a {\n    //! inner\n    #![allow(dead_code)]\n    fn f() {}\n}\npub mod b;');
    const [a, b] = ast.items;
    assert.ok(a?.kind === 'mod' && b?.kind === 'mod');
    assert.equal(a.items?.length, 1);
    assert.deepEqual(a.innerAttrs.map((x) => x.meta.kind === 'list' && x.meta.name), ['allow']);
    assert.deepEqual(a.docs.map((d) => d.trim()), ['outer', 'inner']);
    assert.equal(b.items, null);
    assert.equal(b.pub, true);
  });
  test('extern blocks', () => {
    const e = onlyItem('extern "C" { fn puts(s: *const u8) -> i32; pub fn exit(code: i32) -> !; }', 'externBlock');
    assert.equal(e.abi, 'C');
    assert.deepEqual(e.items.map((i) => (i.kind === 'fn' ? [i.name.name, i.body] : null)), [['puts', null], ['exit', null]]);
    assert.equal(onlyItem('extern { }', 'externBlock').abi, null);
  });
  test('pub(crate), pub(super) and pub(in path) are pub', () => {
    const ast = parseOk('pub(crate) fn a() {} pub(super) struct B; pub(in crate::x) const C: u8 = 0; pub(self) fn d() {}');
    assert.deepEqual(ast.items.map((i) => i.pub), [true, true, true, true]);
  });
});

describe('import / use trees', () => {
  function show(t: UseTree): string {
    const p = t.path.map((i) => i.name).join('::');
    if (t.kind === 'glob') return `${p}::*`;
    if (t.kind === 'group') return `${p}::{${t.items.map(show).join(', ')}}`;
    return `${p}${t.alias ? ` as ${t.alias.name}` : ''}`;
  }
  const cases: [string, string, 'import' | 'use'][] = [
    ['import core::ptr;', 'core::ptr', 'import'],
    ['use a::b::*;', 'a::b::*', 'use'],
    ['import a::{b, c as d, e::f};', 'a::{b, c as d, e::f}', 'import'],
    ['use a::{self, b::{c, d::*}};', 'a::{self, b::{c, d::*}}', 'use'],
    ['use super::x as _;', 'super::x as _', 'use'],
    ['use crate::m::T;', 'crate::m::T', 'use'],
    ['use self::a;', 'self::a', 'use'],
    ['use ::core::mem;', 'core::mem', 'use'],
    ['use {a, b};', '::{a, b}', 'use'],
  ];
  for (const [src, want, kw] of cases) {
    test(src, () => {
      const u = onlyItem(src, 'use');
      assert.equal(show(u.tree), want);
      assert.equal(u.keyword, kw);
    });
  }
});

describe('attributes and doc comments', () => {
  test('outer attributes as Meta', () => {
    const f = onlyItem('#[derive(Debug, Clone)] #[inline(always)] #[section(".text.fast")] #[no_mangle] #[path = "x.oriz"] #[unsafe(no_mangle)] #[interrupt] fn f() {}', 'fn');
    const show = (m: import('../../sdk/src/syntax/ast.ts').Meta): string => {
      switch (m.kind) {
        case 'word': return m.name;
        case 'list': return `${m.name}(${m.items.map(show).join(', ')})`;
        case 'nameValue': return `${m.name} = ${showLit(m.value)}`;
        case 'lit': return showLit(m.lit);
      }
    };
    assert.deepEqual(f.attrs.map((a) => [a.inner, show(a.meta)]), [
      [false, 'derive(Debug, Clone)'], [false, 'inline(always)'], [false, 'section(".text.fast")'], [false, 'no_mangle'],
      [false, 'path = "x.oriz"'], [false, 'unsafe(no_mangle)'], [false, 'interrupt'],
    ]);
  });
  test('inner attributes and docs of the file', () => {
    const ast = parseOk('//! The crate.\n#![no_std]\n#![no_main]\n/// Entry.\nfn main() {}\n');
    assert.deepEqual(ast.innerAttrs.map((a) => [a.inner, a.meta.kind === 'word' && a.meta.name]), [[true, 'no_std'], [true, 'no_main']]);
    assert.deepEqual(ast.docs.map((d) => d.trim()), ['The crate.']);
    assert.deepEqual(ast.items[0]!.docs.map((d) => d.trim()), ['Entry.']);
  });
  test('outer docs attach to the next item, across its attributes, and not across other code', () => {
    const ast = parseOk('/// A\n#[inline]\n/// more A\nfn a() {\n    /// stray\n    let x = 1;\n}\nfn b() {}\n/// C\nstruct C;');
    assert.deepEqual(ast.items.map((i) => i.docs.map((d) => d.trim())), [['A', 'more A'], [], ['C']]);
  });
});

// ---------------------------------------------------------------- invariants

describe('node invariants', () => {
  const src = 'fn f<T>(a: T) -> u8 { let (x, y) = (1, 2); match x { 1..=3 | 5 => y, _ => { let z = [0; 3]; z[0] } } }\nstruct S { a: u8 }\nimpl S { fn g(&self) -> u8 { self.a + f(1) } }';
  test('expression and pattern ids are unique', () => {
    const ast = parseOk(src);
    const ids: number[] = [];
    JSON.stringify(ast, (_k, v) => {
      if (v && typeof v === 'object' && typeof v.id === 'number' && typeof v.kind === 'string') ids.push(v.id);
      return typeof v === 'bigint' ? v.toString() : v;
    });
    assert.ok(ids.length > 20);
    assert.equal(new Set(ids).size, ids.length);
  });
  test('every span lies in the file and covers its children', () => {
    const ast = parseOk(src);
    const walk = (v: unknown, parent: { start: number; end: number } | null): void => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) { for (const x of v) walk(x, parent); return; }
      const o = v as Record<string, unknown>;
      const span = o.span as { start: number; end: number } | undefined;
      if (span) {
        assert.ok(span.start >= 0 && span.start <= span.end && span.end <= src.length, `span ${span.start}..${span.end}`);
        if (parent) assert.ok(span.start >= parent.start && span.end <= parent.end, `child ${span.start}..${span.end} outside ${parent.start}..${parent.end}`);
      }
      for (const [k, x] of Object.entries(o)) if (k !== 'span') walk(x, span ?? parent);
    };
    walk(ast.items, null);
  });
  test('an item span starts at its first attribute', () => {
    const ast = parseOk('\n#[inline]\npub fn f() {}');
    assert.equal(ast.items[0]!.span.start, 1);
  });
});
