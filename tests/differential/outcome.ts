// What one run of a program produced, on either side, and how two runs compare.
//
// The oracle rule (docs/language/README.md): the same standard output, the same
// exit status, and the same panic — Rust's message word for word, at the same
// line and column. Only the framing differs: rustc writes
// `thread 'main' panicked at FILE:L:C:\nMESSAGE` on stderr, the Orizon runtime
// `panicked at 'MESSAGE', FILE:L:C` (semihosting stderr).

export interface Panic {
  message: string;
  line: number;
  col: number;
  /**
   * The location is inside Rust's standard library (`/rustc/<hash>/library/...`):
   * methods such as `pow` and `abs` panic there, while Orizon reports the call.
   * Only the message is compared then.
   */
  inLibrary?: boolean;
}

export interface Outcome {
  stdout: string;
  /** Exit status, `timeout`, or `signal SIG`. */
  status: number | string;
  panic: Panic | null;
}

export function parseRustPanic(stderr: string): Panic | null {
  const m = /panicked at ([^\n]*?):(\d+):(\d+):\n([^\n]*)/.exec(stderr);
  if (!m) return null;
  return { message: m[4]!, line: Number(m[2]), col: Number(m[3]), ...(m[1]!.startsWith('/rustc/') ? { inLibrary: true } : {}) };
}

export function parseOrizonPanic(stderr: string): Panic | null {
  const m = /panicked at '(.*)', [^\n]*?:(\d+):(\d+)\s*$/m.exec(stderr);
  return m ? { message: m[1]!, line: Number(m[2]), col: Number(m[3]) } : null;
}

export function panicText(p: Panic | null): string {
  return p ? `'${p.message}' at ${p.line}:${p.col}` : 'none';
}

/** The differences between an expected (rustc) and an actual (Orizon) outcome; empty when they agree. */
export function compareOutcomes(want: Outcome, got: Outcome): string[] {
  const diffs: string[] = [];
  if (want.status !== got.status) diffs.push(`exit status: rustc ${want.status}, orizon ${got.status}`);
  if (want.stdout !== got.stdout) diffs.push(`stdout differs ${firstDifference(want.stdout, got.stdout)}`);
  const lib = want.panic?.inLibrary === true;
  const wp = lib ? `'${want.panic!.message}' (in Rust's library)` : panicText(want.panic);
  const gp = lib && got.panic ? `'${got.panic.message}' (in Rust's library)` : panicText(got.panic);
  if (wp !== gp) diffs.push(`panic: rustc ${wp}, orizon ${panicText(got.panic)}`);
  return diffs;
}

/** `at line N: rustc "...", orizon "..."` for the first differing line. */
export function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      const show = (s: string | undefined): string => (s === undefined ? '(end of output)' : JSON.stringify(s.length > 120 ? s.slice(0, 120) + '…' : s));
      return `at line ${i + 1}: rustc ${show(al[i])}, orizon ${show(bl[i])}`;
    }
  }
  return '';
}
