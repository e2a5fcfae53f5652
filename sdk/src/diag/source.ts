// Source files and positions. Spans are byte offsets (UTF-16 code-unit offsets
// into the JS string) into a file; line and column are computed on demand from a
// line table built the first time a position is asked for.

export interface Span {
  /** Index into the SourceMap. */
  readonly file: number;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export function span(file: number, start: number, end: number): Span {
  return { file, start, end };
}

/** A span covering both `a` and `b` (same file). */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export interface LineCol {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (code points) from the line start. */
  col: number;
}

export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly id: number,
    /** Path as shown to the user (relative to the working directory when possible). */
    readonly path: string,
    readonly text: string,
  ) {}

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  /** 0-based line index containing `offset`. */
  lineIndex(offset: number): number {
    const starts = this.lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineCol(offset: number): LineCol {
    const li = this.lineIndex(offset);
    const start = this.lines()[li]!;
    // Columns count code points so that non-ASCII text lines up as editors show it.
    let col = 1;
    for (let i = start; i < offset && i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) col++;
    }
    return { line: li + 1, col };
  }

  /** Text of 1-based line `line`, without its newline. */
  lineText(line: number): string {
    const starts = this.lines();
    const s = starts[line - 1];
    if (s === undefined) return '';
    let e = line < starts.length ? starts[line]! - 1 : this.text.length;
    if (e > s && this.text.charCodeAt(e - 1) === 13) e--;
    return this.text.slice(s, e);
  }

  lineStart(line: number): number {
    return this.lines()[line - 1] ?? this.text.length;
  }
}

/** All files of one compilation, indexed by Span.file. */
export class SourceMap {
  readonly files: SourceFile[] = [];

  add(path: string, text: string): SourceFile {
    const f = new SourceFile(this.files.length, path, text);
    this.files.push(f);
    return f;
  }

  get(id: number): SourceFile {
    const f = this.files[id];
    if (!f) throw new Error(`no source file with id ${id}`);
    return f;
  }
}
