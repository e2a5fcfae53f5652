// Human rendering of diagnostics, in rustc's layout:
//
//   error[E0101]: expected `;`, found `let`
//    --> src/main.oriz:3:14
//     |
//   3 |     let x = 1
//     |              ^ expected `;`
//   4 |     let y = 2;
//     |     --- unexpected token
//     |
//     = note: ...
//
// The renderer is pure: Diagnostic + SourceMap in, string out. Colour is an option
// (the CLI passes `wantsColor(stream)`), never read from the environment here, so
// golden tests and `rendered` in JSON are plain text.
//
// Columns: positions are UTF-16 offsets; what the user sees are terminal cells.
// Every source line is "expanded" once into display text plus a table mapping each
// code unit to its cell column, and every marker is placed through that table.
// A tab expands to `tabWidth` spaces (4, as rustc does: fixed width, not tab stops,
// so a marker under a tab lines up no matter what the terminal's tab width is).
// East Asian wide characters take two cells, combining marks none; control
// characters are shown as their Unicode "control picture" so they stay visible.
import pc from 'picocolors';
import type { Diagnostic, Label, Suggestion } from './diagnostic.ts';
import type { SourceFile, SourceMap, Span } from './source.ts';

export interface RenderOptions {
  /** ANSI colour; the CLI passes `wantsColor(process.stderr)`. Default false. */
  color?: boolean;
  /** Cells one tab expands to. Default 4. */
  tabWidth?: number;
}

// ---------------------------------------------------------------- styles

type Paint = (s: string) => string;

interface Styles {
  primary: Paint;
  secondary: Paint;
  gutter: Paint;
  header: Paint;
  message: Paint;
  note: Paint;
  help: Paint;
  added: Paint;
  removed: Paint;
}

function stylesFor(severity: 'error' | 'warning', color: boolean): Styles {
  const c = pc.createColors(color);
  const sev: Paint = severity === 'error' ? (s) => c.bold(c.red(s)) : (s) => c.bold(c.yellow(s));
  return {
    primary: sev,
    secondary: (s) => c.bold(c.blue(s)),
    gutter: (s) => c.bold(c.blue(s)),
    header: sev,
    message: (s) => c.bold(s),
    note: (s) => c.bold(s),
    help: (s) => c.bold(c.cyan(s)),
    added: (s) => c.green(s),
    removed: (s) => c.red(s),
  };
}

// ---------------------------------------------------------------- display width

function cellWidth(cp: number): number {
  // Combining marks and zero-width characters attach to the previous cell.
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff)
    || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f) || (cp >= 0x200b && cp <= 0x200d)
    || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff)
    || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf)
    || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f)
    || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)) return 2;
  return 1;
}

/** Bidirectional overrides could make the shown line differ from what the compiler reads. */
function isBidiControl(cp: number): boolean {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f;
}

interface Expanded {
  text: string;
  /** cols[i] = first cell of code unit i; cols[text.length] = total width. */
  cols: number[];
}

function expand(line: string, tabWidth: number): Expanded {
  const cols = new Array<number>(line.length + 1);
  let out = '';
  let col = 0;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let u = 0; u < units; u++) cols[i + u] = col;
    let shown: string;
    let w: number;
    if (cp === 9) { shown = ' '.repeat(tabWidth); w = tabWidth; }
    else if (cp < 0x20) { shown = String.fromCharCode(0x2400 + cp); w = 1; }
    else if (cp === 0x7f) { shown = '\u2421'; w = 1; }
    else if (isBidiControl(cp)) { shown = '\ufffd'; w = 1; }
    else { shown = String.fromCodePoint(cp); w = cellWidth(cp); }
    out += shown;
    col += w;
    i += units;
  }
  cols[line.length] = col;
  return { text: out, cols };
}

// ---------------------------------------------------------------- rows

/**
 * One output row as cells. A cell usually holds one character; a label is put in
 * one cell as a whole string, which is safe because nothing is ever drawn to the
 * right of a label.
 */
class Row {
  private cells: string[] = [];
  private paints: (Paint | undefined)[] = [];

  put(col: number, s: string, paint?: Paint): void {
    while (this.cells.length < col) { this.cells.push(' '); this.paints.push(undefined); }
    this.cells[col] = s;
    this.paints[col] = paint;
  }

  /** Puts each character of `s` in its own cell, from `col`. */
  fill(col: number, s: string, paint?: Paint): void {
    for (let i = 0; i < s.length; i++) this.put(col + i, s[i]!, paint);
  }

  toString(): string {
    let last = this.cells.length - 1;
    while (last >= 0 && this.cells[last]!.trim() === '') last--;
    let out = '';
    let run = '';
    let runPaint: Paint | undefined;
    for (let i = 0; i <= last; i++) {
      const s = i === last ? this.cells[i]!.trimEnd() : this.cells[i]!;
      const p = s.trim() === '' ? undefined : this.paints[i];
      if (p !== runPaint) { out += runPaint ? runPaint(run) : run; run = ''; runPaint = p; }
      run += s;
    }
    return out + (runPaint ? runPaint(run) : run);
  }
}

// ---------------------------------------------------------------- marks

/** A label resolved to lines: 1-based line numbers, code-unit indexes within the line text. */
interface Mark {
  primary: boolean;
  label: string;
  startLine: number;
  startIdx: number;
  endLine: number;
  /** Exclusive; for a zero-width mark equal to startIdx. */
  endIdx: number;
  /** For ordering multi-line marks. */
  start: number;
  end: number;
}

/**
 * Where a span is shown. Offsets are clamped into the file. A zero-width span at the
 * very end of a file that ends in a newline is shown at the end of the last line
 * ("expected `}`" after the last token) rather than on the empty line after it.
 * A trailing newline inside a longer span is not underlined.
 */
export function displayRange(file: SourceFile, sp: Span): { start: number; end: number } {
  const t = file.text;
  let start = Math.max(0, Math.min(sp.start, t.length));
  let end = Math.max(start, Math.min(sp.end, t.length));
  if (start === end && start === t.length && start > 0 && t.charCodeAt(start - 1) === 10) {
    start--;
    if (start > 0 && t.charCodeAt(start - 1) === 13) start--;
    end = start;
  }
  while (end > start + 1 && (t.charCodeAt(end - 1) === 10 || t.charCodeAt(end - 1) === 13)) end--;
  return { start, end };
}

function toMark(file: SourceFile, l: Label, primary: boolean): Mark {
  const { start, end } = displayRange(file, l.span);
  const startLine = file.lineIndex(start) + 1;
  const lastChar = end > start ? end - 1 : start;
  const endLine = file.lineIndex(lastChar) + 1;
  const startLen = file.lineText(startLine).length;
  const endLen = file.lineText(endLine).length;
  const startIdx = Math.min(start - file.lineStart(startLine), startLen);
  const endIdx = end > start ? Math.min(lastChar - file.lineStart(endLine), endLen) + 1 : startIdx;
  return { primary, label: l.message.replace(/\s*\n\s*/g, ' '), startLine, startIdx, endLine, endIdx, start, end };
}

// ---------------------------------------------------------------- snippet of one file

interface Multi { m: Mark; depth: number; slash: boolean }

class Snippet {
  private lines = new Map<number, Expanded>();
  readonly out: string[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly width: number,
    private readonly st: Styles,
    private readonly tabWidth: number,
  ) {}

  line(n: number): Expanded {
    let e = this.lines.get(n);
    if (!e) { e = expand(this.file.lineText(n), this.tabWidth); this.lines.set(n, e); }
    return e;
  }

  col(n: number, idx: number): number {
    const e = this.line(n);
    return e.cols[Math.min(idx, e.cols.length - 1)]!;
  }

  /** `  |` followed by the row's content. */
  annotation(row: Row): void {
    const r = row.toString();
    this.out.push(this.st.gutter(`${' '.repeat(this.width)} |`) + (r === '' ? '' : ` ${r}`));
  }

  emptyGutter(): void {
    this.out.push(this.st.gutter(`${' '.repeat(this.width)} |`));
  }

  source(n: number, row: Row, sign = '|'): void {
    const r = row.toString();
    const paint = sign === '-' ? this.st.removed : sign === '+' ? this.st.added : this.st.gutter;
    this.out.push(this.st.gutter(String(n).padEnd(this.width)) + ' ' + paint(sign) + (r === '' ? '' : ` ${r}`));
  }

  /** Renders the marks of this file: source lines, underlines, labels. */
  marks(marks: Mark[]): void {
    const single = marks.filter((m) => m.startLine === m.endLine);
    const multi = this.assignDepths(marks.filter((m) => m.startLine !== m.endLine));
    const margin = multi.length === 0 ? 0 : Math.max(...multi.map((x) => x.depth)) + 2;

    const shown = new Set<number>();
    for (const m of single) shown.add(m.startLine);
    for (const { m } of multi) {
      // Long multi-line spans show their first two and last two lines.
      for (let l = m.startLine; l <= m.endLine; l++) {
        if (l - m.startLine < 2 || m.endLine - l < 2) shown.add(l);
      }
    }
    const order = [...shown].sort((a, b) => a - b);
    let prev = 0;
    for (const l of order) {
      if (prev !== 0 && l - prev === 2) this.sourceLine(prev + 1, multi, margin, []);
      else if (prev !== 0 && l - prev > 2) this.out.push('...');
      this.sourceLine(l, multi, margin, single.filter((m) => m.startLine === l));
      prev = l;
    }
  }

  /** Interval colouring over lines: outer spans (earlier start, later end) get the lower depth. */
  private assignDepths(ms: Mark[]): Multi[] {
    const sorted = [...ms].sort((a, b) => a.start - b.start || b.end - a.end);
    const lastEnd: number[] = [];
    return sorted.map((m) => {
      let d = lastEnd.findIndex((e) => e < m.startLine);
      if (d < 0) d = lastEnd.length;
      lastEnd[d] = m.endLine;
      const before = this.file.lineText(m.startLine).slice(0, m.startIdx);
      return { m, depth: d, slash: before.trim() === '' };
    });
  }

  private paintOf(m: Mark): Paint {
    return m.primary ? this.st.primary : this.st.secondary;
  }

  private sourceLine(n: number, multi: Multi[], margin: number, single: Mark[]): void {
    const src = new Row();
    for (const x of multi) {
      if (x.m.startLine === n && x.slash) src.put(x.depth, '/', this.paintOf(x.m));
      else if (x.m.startLine < n && n <= x.m.endLine) src.put(x.depth, '|', this.paintOf(x.m));
    }
    src.put(margin, this.line(n).text);
    this.source(n, src);

    // Bars of multi-line spans that run through the rows under line n.
    const started = new Set<Multi>(multi.filter((x) => x.m.startLine < n && n <= x.m.endLine || (x.m.startLine === n && x.slash)));
    const bars = (row: Row): void => {
      for (const x of started) row.put(x.depth, '|', this.paintOf(x.m));
    };

    if (single.length > 0) this.singleRows(n, single, margin, bars);

    for (const x of multi.filter((y) => y.m.startLine === n && !y.slash).sort((a, b) => a.depth - b.depth)) {
      const row = new Row();
      bars(row);
      const at = margin + this.col(n, x.m.startIdx);
      const p = this.paintOf(x.m);
      for (let c = x.depth + 1; c < at; c++) row.put(c, '_', p);
      row.put(at, x.m.primary ? '^' : '-', p);
      this.annotation(row);
      started.add(x);
    }

    for (const x of multi.filter((y) => y.m.endLine === n).sort((a, b) => b.depth - a.depth)) {
      started.delete(x);
      const row = new Row();
      bars(row);
      const p = this.paintOf(x.m);
      const at = margin + this.col(n, x.m.endIdx - 1);
      row.put(x.depth, '|', p);
      for (let c = x.depth + 1; c < at; c++) row.put(c, '_', p);
      row.put(at, x.m.primary ? '^' : '-', p);
      if (x.m.label !== '') row.put(at + 1, ` ${x.m.label}`, p);
      this.annotation(row);
    }
  }

  /**
   * Underlines of the single-line marks of one source line. The rightmost label goes
   * on the underline row when nothing else extends under it; every other label gets
   * its own row, right to left, hanging from a `|` under the start of its span:
   *
   *     foo(a, b)
   *     --- -  ^ third
   *     |   |
   *     |   second
   *     first
   */
  private singleRows(n: number, marks: Mark[], margin: number, bars: (r: Row) => void): void {
    const spans = marks.map((m) => {
      const s = this.col(n, m.startIdx);
      return { m, s, e: Math.max(this.col(n, m.endIdx), s + 1) };
    }).sort((a, b) => a.s - b.s || b.e - a.e);

    const under = new Row();
    bars(under);
    // Primary drawn last so it wins where spans overlap.
    for (const x of [...spans.filter((y) => !y.m.primary), ...spans.filter((y) => y.m.primary)]) {
      for (let c = x.s; c < x.e; c++) under.put(margin + c, x.m.primary ? '^' : '-', this.paintOf(x.m));
    }
    const labelled = spans.filter((x) => x.m.label !== '').reverse();
    let hanging = labelled;
    const right = labelled[0];
    if (right && spans.every((x) => x === right || x.e <= right.s)) {
      under.put(margin + right.e, ` ${right.m.label}`, this.paintOf(right.m));
      hanging = labelled.slice(1);
    }
    this.annotation(under);
    if (hanging.length === 0) return;

    const connectors = new Row();
    bars(connectors);
    for (const x of hanging) connectors.put(margin + x.s, '|', this.paintOf(x.m));
    this.annotation(connectors);
    hanging.forEach((x, i) => {
      const row = new Row();
      bars(row);
      for (const y of hanging.slice(i + 1)) row.put(margin + y.s, '|', this.paintOf(y.m));
      row.put(margin + x.s, x.m.label, this.paintOf(x.m));
      this.annotation(row);
    });
  }

  /**
   * A suggestion as the patched source: an insertion is marked `+`, a replacement
   * `~`, both under the new text; a deletion shows the line before (`-`) and after (`+`).
   */
  suggestion(s: Suggestion): void {
    const f = this.file;
    const t = f.text;
    const start = Math.max(0, Math.min(s.span.start, t.length));
    const end = Math.max(start, Math.min(s.span.end, t.length));
    const first = f.lineIndex(start) + 1;
    const last = f.lineIndex(end) + 1;
    const from = f.lineStart(first);
    const to = f.lineStart(last) + f.lineText(last).length;
    const before = t.slice(from, to);
    const after = t.slice(from, start) + s.replacement + t.slice(end, to);
    const newLines = after.split('\n').map((l) => l.replace(/\r$/, ''));
    const oneLine = first === last && !s.replacement.includes('\n');

    if (oneLine && s.replacement === '' && end > start) {
      const old = expand(before, this.tabWidth);
      const row = new Row();
      row.put(0, old.text);
      this.source(first, row, '-');
      const marks = new Row();
      for (let c = old.cols[start - from]!; c < old.cols[end - from]!; c++) marks.put(c, '-', this.st.removed);
      this.annotation(marks);
      const now = new Row();
      now.put(0, expand(newLines[0]!, this.tabWidth).text);
      this.source(first, now, '+');
      return;
    }
    newLines.forEach((l, i) => {
      const row = new Row();
      row.put(0, expand(l, this.tabWidth).text);
      this.source(first + i, row);
    });
    if (oneLine) {
      const e = expand(newLines[0]!, this.tabWidth);
      const a = e.cols[start - from]!;
      const b = Math.max(e.cols[start - from + s.replacement.length]!, a + 1);
      const row = new Row();
      for (let c = a; c < b; c++) row.put(c, end > start ? '~' : '+', this.st.added);
      this.annotation(row);
    }
  }
}

// ---------------------------------------------------------------- whole diagnostic

function fileOf(sources: SourceMap, id: number): SourceFile | undefined {
  return sources.files[id];
}

/** Number of digits of the largest line number the diagnostic shows. */
function gutterWidth(d: Diagnostic, sources: SourceMap): number {
  let max = 1;
  for (const l of [d.primary, ...d.secondary]) {
    const f = fileOf(sources, l.span.file);
    if (f) { const r = displayRange(f, l.span); max = Math.max(max, f.lineIndex(r.end) + 1); }
  }
  for (const s of d.suggestions) {
    const f = fileOf(sources, s.span.file);
    if (f) max = Math.max(max, f.lineIndex(Math.min(s.span.end, f.text.length)) + s.replacement.split('\n').length);
  }
  return String(max).length;
}

function location(f: SourceFile, sp: Span): string {
  const lc = f.lineCol(displayRange(f, sp).start);
  return `${f.path}:${lc.line}:${lc.col}`;
}

/** The text of one diagnostic, ending in a newline (no blank line after it). */
export function renderDiagnostic(d: Diagnostic, sources: SourceMap, opts: RenderOptions = {}): string {
  const st = stylesFor(d.severity, opts.color === true);
  const tabWidth = opts.tabWidth ?? 4;
  const head = d.code ? `${d.severity}[${d.code}]` : d.severity;
  const out: string[] = [st.header(head) + st.message(`: ${d.message}`)];
  const width = gutterWidth(d, sources);
  const pad = ' '.repeat(width);

  // Marks grouped by file, the primary's file first, others in order of appearance.
  const groups = new Map<number, { primary: boolean; label: Label }[]>();
  for (const [label, primary] of [[d.primary, true], ...d.secondary.map((l) => [l, false])] as [Label, boolean][]) {
    if (!fileOf(sources, label.span.file)) continue;
    const g = groups.get(label.span.file) ?? [];
    g.push({ primary, label });
    groups.set(label.span.file, g);
  }
  let firstGroup = true;
  for (const [id, labels] of groups) {
    const f = sources.get(id);
    if (!firstGroup) out.push(st.gutter(`${pad} |`));
    const anchor = labels.find((x) => x.primary)?.label ?? labels[0]!.label;
    out.push(`${pad}${st.gutter(firstGroup ? '-->' : ':::')} ${location(f, anchor.span)}`);
    const sn = new Snippet(f, width, st, tabWidth);
    sn.emptyGutter();
    sn.marks(labels.map((x) => toMark(f, x.label, x.primary)));
    out.push(...sn.out);
    firstGroup = false;
  }

  if (d.notes.length + d.helps.length > 0) {
    out.push(st.gutter(`${pad} |`));
    const sub = (kind: string, paint: Paint, text: string): void => {
      const [firstLine, ...rest] = text.split('\n');
      out.push(`${pad} ${st.gutter('=')} ${paint(`${kind}:`)} ${firstLine}`);
      for (const r of rest) out.push(`${pad}   ${' '.repeat(kind.length + 2)}${r}`.trimEnd());
    };
    for (const n of d.notes) sub('note', st.note, n);
    for (const h of d.helps) sub('help', st.help, h);
  }

  d.suggestions.forEach((s, i) => {
    const f = fileOf(sources, s.span.file);
    // A `|` closes the snippet above; `= note:` lines need none after them.
    if (i > 0 || d.notes.length + d.helps.length === 0) out.push(st.gutter(`${pad} |`));
    out.push(`${st.help('help')}: ${s.message}`);
    if (!f) return;
    if (f.id !== d.primary.span.file) out.push(`${pad}${st.gutter(':::')} ${location(f, s.span)}`);
    const sn = new Snippet(f, width, st, tabWidth);
    sn.emptyGutter();
    sn.suggestion(s);
    out.push(...sn.out);
  });
  return out.join('\n') + '\n';
}

/** Every diagnostic, each followed by a blank line, as rustc prints them. */
export function renderDiagnostics(ds: readonly Diagnostic[], sources: SourceMap, opts: RenderOptions = {}): string {
  return ds.map((d) => renderDiagnostic(d, sources, opts) + '\n').join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The closing line of a run over `target`, or '' when there is nothing to say:
 *   error: could not check `src` due to 2 previous errors; 1 warning emitted
 *   warning: `src` generated 1 warning
 */
export function renderSummary(target: string, errors: number, warnings: number, opts: RenderOptions = {}): string {
  const c = pc.createColors(opts.color === true);
  if (errors > 0) {
    const w = warnings > 0 ? `; ${plural(warnings, 'warning')} emitted` : '';
    return `${c.bold(c.red('error'))}${c.bold(`: could not check \`${target}\` due to ${plural(errors, 'previous error')}${w}`)}\n`;
  }
  if (warnings > 0) return `${c.bold(c.yellow('warning'))}${c.bold(`: \`${target}\` generated ${plural(warnings, 'warning')}`)}\n`;
  return '';
}
