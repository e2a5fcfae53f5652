// The diagnostic model shared by every phase: lexer, parser, checker, back ends.
// Phases create Diagnostics and push them into a DiagnosticBag; rendering
// (human or JSON) is separate (render.ts, json.ts).
import type { Span } from './source.ts';

export type Severity = 'error' | 'warning' | 'note' | 'help';

export interface Label {
  span: Span;
  /** May be empty: the span is then only marked. */
  message: string;
}

/** A machine-applicable edit: replace `span` with `replacement`. */
export interface Suggestion {
  message: string;
  span: Span;
  replacement: string;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** E.g. `E0001` (errors) or `W0001` (warnings); see codes.ts. */
  code: string;
  message: string;
  /** Rendered with `^^^`. */
  primary: Label;
  /** Rendered with `---`. */
  secondary: Label[];
  notes: string[];
  helps: string[];
  suggestions: Suggestion[];
}

/** Builder for the common case; phases chain `.label()`, `.note()`, `.help()`, `.suggest()`. */
export class DiagBuilder {
  readonly d: Diagnostic;

  constructor(severity: 'error' | 'warning', code: string, message: string, span: Span, label = '') {
    this.d = { severity, code, message, primary: { span, message: label }, secondary: [], notes: [], helps: [], suggestions: [] };
  }

  label(span: Span, message: string): this {
    this.d.secondary.push({ span, message });
    return this;
  }

  note(text: string): this {
    this.d.notes.push(text);
    return this;
  }

  help(text: string): this {
    this.d.helps.push(text);
    return this;
  }

  suggest(message: string, span: Span, replacement: string): this {
    this.d.suggestions.push({ message, span, replacement });
    return this;
  }
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  errorCount = 0;
  warningCount = 0;

  add(d: Diagnostic | DiagBuilder): Diagnostic {
    const diag = d instanceof DiagBuilder ? d.d : d;
    this.items.push(diag);
    if (diag.severity === 'error') this.errorCount++;
    else this.warningCount++;
    return diag;
  }

  error(code: string, message: string, span: Span, label = ''): DiagBuilder {
    const b = new DiagBuilder('error', code, message, span, label);
    this.add(b);
    return b;
  }

  warning(code: string, message: string, span: Span, label = ''): DiagBuilder {
    const b = new DiagBuilder('warning', code, message, span, label);
    this.add(b);
    return b;
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** Diagnostics in source order (file, then offset), stable otherwise. */
  sorted(): Diagnostic[] {
    return this.items
      .map((d, i) => ({ d, i }))
      .sort((a, b) => a.d.primary.span.file - b.d.primary.span.file || a.d.primary.span.start - b.d.primary.span.start || a.i - b.i)
      .map((x) => x.d);
  }
}
