// Source locations and diagnostics shared by every stage. Their own folder, left of every stage: the Scheme
// machine, the SBPL language, the blob formats and the CLI all report through them, so none owns them.
// Lines and columns are 1-based; columns count Unicode code points, like most compilers' "character" columns.

/** Where in a source text something is: file, 1-based line:column range and 0-based offsets. */
export interface SourceSpan {
  /** The name the file was opened under (a path, or a label such as `<inline>`). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based offsets into the source text (UTF-16 code units, as JavaScript strings index). */
  offset: number;
  endOffset: number;
}

export type Severity = 'error' | 'warning' | 'note';

export interface RelatedInfo {
  message: string;
  span?: SourceSpan;
}

/** A located finding of any stage: severity, stable code, message, span, fix hint and related locations. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `reader/unbalanced`, `sbpl/unknown-operation`, `lint/tmp-alias`. */
  code: string;
  message: string;
  span?: SourceSpan;
  /** How to fix it, when we know. */
  hint?: string;
  related?: RelatedInfo[];
}

/** An error that aborts a stage; it always carries a diagnostic with a location when one is known. */
export class SbplError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'SbplError';
    this.diagnostic = diagnostic;
  }
}

export function error(code: string, message: string, span?: SourceSpan, hint?: string): SbplError {
  return new SbplError({ severity: 'error', code, message, span, hint });
}

/** `file:line:col: severity: message [code]` — the format compilers print and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.column}: ` : '';
  let text = `${where}${d.severity}: ${d.message} [${d.code}]`;
  if (d.hint) text += `\n  hint: ${d.hint}`;
  for (const r of d.related ?? []) {
    const rw = r.span ? `${r.span.file}:${r.span.line}:${r.span.column}: ` : '';
    text += `\n  ${rw}note: ${r.message}`;
  }
  return text;
}

export function spanLabel(span: SourceSpan | undefined): string {
  return span ? `${span.file}:${span.line}:${span.column}` : '<unknown>';
}
