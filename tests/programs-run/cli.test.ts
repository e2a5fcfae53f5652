// `orizon build` and `orizon run` as a user runs them (the bundled CLI):
// images, exit statuses (0, 101 on panic, 124 on timeout, 139 on a hard
// fault), diagnostics, `--emit asm|ir|obj`, interrupt handlers by name, and C
// interop through `--emit obj` and GNU ld.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { orizon } from '../helpers/exec.ts';
import { skipUnlessTool, tool } from '../helpers/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'orizon-cli-build-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function src(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const hello = src('hello.oriz', `fn main() {
    let x: i32 = 6 * 7;
    println!("Hello, Orizon! {}", x);
}
`);

test('orizon build writes an ELF image next to the source and says so', () => {
  const r = orizon(['build', hello]);
  assert.equal(r.status, 0, r.stderr);
  const elf = hello.replace(/\.oriz$/, '.elf');
  assert.ok(existsSync(elf));
  assert.match(r.stderr, /Compiled .*hello\.oriz → .*hello\.elf for mps2-an385 \(thumbv7m, debug\)/);
  const dis = execFileSync(tool('arm-objdump'), ['-d', elf]).toString();
  assert.match(dis, /<main>:/);
  assert.match(dis, /<Reset_Handler>:/);
});

test('orizon run builds and runs a source file on every Cortex-M board', () => {
  for (const board of ['mps2-an385', 'microbit', 'mps2-an386']) {
    const r = orizon(['run', hello, '--board', board]);
    assert.equal(r.stdout, 'Hello, Orizon! 42\n', `${board}: ${r.stderr}`);
    assert.equal(r.status, 0);
  }
});

test('a panic exits 101 with the message on stderr', () => {
  const p = src('panic.oriz', `fn main() {
    println!("before");
    let v: Option<u32> = None;
    v.unwrap();
}
`);
  const r = orizon(['run', p]);
  assert.equal(r.status, 101);
  assert.equal(r.stdout, 'before\n');
  assert.match(r.stderr, /panicked at/);
});

test('--timeout stops a runaway program with exit status 124', () => {
  const p = src('spin.oriz', 'fn main() {\n    loop {}\n}\n');
  const r = orizon(['run', p, '--timeout', '1']);
  assert.equal(r.status, 124);
  assert.match(r.stderr, /still running after 1s/);
});

test('a hard fault prints the faulting pc and exits 139', () => {
  const p = src('fault.oriz', `fn main() {
    let p = 0xF000_0000 as *const u32;
    let v = unsafe { core::ptr::read_volatile(p) };
    println!("{}", v);
}
`);
  const r = orizon(['run', p]);
  assert.equal(r.status, 139);
  assert.match(r.stderr, /hard fault .* at pc=0x[0-9a-f]{8}/);
});

test('build errors are diagnostics and exit 1', () => {
  const p = src('bad.oriz', 'fn main() {\n    let x: u32 = "text";\n}\n');
  const r = orizon(['build', p]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error\[E\d{4}\]/m);
  assert.match(r.stderr, /bad\.oriz:2/);
  assert.match(r.stderr, /could not compile/);
});

test('--release wraps on overflow where debug panics', () => {
  const p = src('wrap.oriz', `fn add(a: u8, b: u8) -> u8 { a + b }
fn main() {
    println!("{}", add(200, 100));
}
`);
  assert.equal(orizon(['run', p]).status, 101);
  const r = orizon(['run', p, '--release']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '44\n');
});

test('--emit asm prints assembly that GNU as accepts; --emit ir prints the IR', () => {
  const a = orizon(['build', hello, '--emit', 'asm', '--target', 'thumbv6m']);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /\.cpu cortex-m0/);
  assert.match(a.stdout, /^main:$/m);
  const s = join(dir, 'hello.s');
  writeFileSync(s, a.stdout);
  execFileSync(tool('arm-as'), ['-mcpu=cortex-m0', '-mthumb', s, '-o', join(dir, 'hello-gas.o')]);
  const ir = orizon(['build', hello, '--emit', 'ir']);
  assert.equal(ir.status, 0, ir.stderr);
  assert.match(ir.stdout, /fn main\(\)/);
});

test('#[interrupt] handlers bind by name; an unknown name lists the valid ones', () => {
  const ok = src('tick.oriz', `static mut TICKS: u32 = 0;

#[interrupt]
fn SysTick() {
    unsafe { TICKS += 1; }
}

fn reg(addr: u32) -> *mut u32 {
    addr as *mut u32
}

fn main() {
    unsafe {
        core::ptr::write_volatile(reg(0xE000_E014), 1000);
        core::ptr::write_volatile(reg(0xE000_E018), 0);
        core::ptr::write_volatile(reg(0xE000_E010), 7);
        while core::ptr::read_volatile(&TICKS) < 3 {}
        core::ptr::write_volatile(reg(0xE000_E010), 0);
    }
    println!("three ticks");
}
`);
  const r = orizon(['run', ok, '--board', 'microbit', '--timeout', '20']);
  assert.equal(r.stdout, 'three ticks\n', r.stderr);
  const bad = src('badirq.oriz', '#[interrupt]\nfn TIMER7() {}\nfn main() {}\n');
  const b = orizon(['build', bad]);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /`TIMER7` is not an interrupt of board `mps2-an385`; valid names are: .*TIMER0/);
});

test('--emit obj links with C objects through GNU ld (AAPCS both ways)', { skip: skipUnlessTool('arm-gcc') }, () => {
  const app = src('app.oriz', `extern "C" {
    fn c_add64(a: i32, b: i64, c: i32, d: i64, e: i32) -> i64;
    fn c_twice(x: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn orizon_square(x: i32) -> i32 {
    x * x
}

fn main() {
    let a = unsafe { c_twice(21) };
    let b = unsafe { c_add64(1, 0x1_0000_0000, 2, -5, 3) };
    println!("{} {}", a, b);
}
`);
  const c = src('lib.c', `extern int orizon_square(int x);
int c_twice(int x) { return orizon_square(x) / x * 2; }
long long c_add64(int a, long long b, int c, long long d, int e) { return a + b + c + d + e; }
`);
  for (const [board, cpu] of [['mps2-an385', 'cortex-m3'], ['microbit', 'cortex-m0']] as const) {
    const obj = join(dir, `app-${board}.o`);
    const r = orizon(['build', app, '--emit', 'obj', '--board', board, '-o', obj]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /arm-none-eabi-ld -T/);
    const base = obj.replace(/\.o$/, '');
    assert.equal(readFileSync(obj).readUInt16LE(16), 1, 'ET_REL');
    execFileSync(tool('arm-gcc'), [`-mcpu=${cpu}`, '-mthumb', '-O2', '-c', c, '-o', join(dir, `lib-${board}.o`)]);
    const elf = join(dir, `app-${board}.elf`);
    execFileSync(tool('arm-ld'), ['-T', `${base}.ld`, obj, `${base}.runtime.o`, join(dir, `lib-${board}.o`), '-o', elf]);
    const run = orizon(['run', elf, '--board', board]);
    assert.equal(run.stdout, '42 4294967297\n', run.stderr);
    assert.equal(run.status, 0);
  }
});
