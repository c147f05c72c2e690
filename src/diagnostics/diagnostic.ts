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

/**
 * What kind of failure an error diagnostic reports; the CLI derives its exit status from this alone
 * (src/cli/exit-codes.ts): `usage` a bad command line, `input` an input that is wrong or refused, `output` a
 * result that cannot be written, `environment` the host lacks what is needed (a C compiler, macOS), `internal` a
 * bug of ours.
 */
export type DiagnosticKind = 'usage' | 'input' | 'output' | 'environment' | 'internal';

/** A located finding of any stage: severity, stable code, message, span, fix hint and related locations. */
export interface Diagnostic {
  severity: Severity;
  /** For errors: what kind of failure (default `input`). */
  kind?: DiagnosticKind;
  /** Stable machine-readable code, e.g. `reader/unbalanced`, `sbpl/unknown-operation`, `lint/tmp-alias`. */
  code: string;
  message: string;
  span?: SourceSpan;
  /** The input it concerns, when there is no span (a blob, a JSON file, a command-line value). */
  file?: string;
  /** 0-based byte offset into a binary input (a compiled blob), when there is no span. */
  byteOffset?: number;
  /** How to fix it, when we know. */
  hint?: string;
  related?: RelatedInfo[];
}

/** Any error that carries a diagnostic: the CLI reads only the diagnostic (message, location, kind). */
export class DiagnosticError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'DiagnosticError';
    this.diagnostic = diagnostic;
  }
}

/** An error that aborts reading a profile; it always carries a diagnostic with a location when one is known. */
export class SbplError extends DiagnosticError {
  constructor(diagnostic: Diagnostic) {
    super(diagnostic);
    this.name = 'SbplError';
  }
}

/**
 * The base of every stage's own error class (decode, lowering, decision, runtime...): the message the stage
 * wrote, a stable code, and the kind of failure, as a diagnostic.
 */
export class StageError extends DiagnosticError {
  constructor(message: string, code: string, kind: DiagnosticKind = 'input', extra: Partial<Pick<Diagnostic, 'span' | 'file' | 'byteOffset' | 'hint'>> = {}) {
    super({ severity: 'error', kind, code, message, ...extra });
    this.name = 'StageError';
  }
}

/** The diagnostic an error carries, if it is one of ours. */
export function diagnosticOf(e: unknown): Diagnostic | undefined {
  return e instanceof DiagnosticError ? e.diagnostic : undefined;
}

export function error(code: string, message: string, span?: SourceSpan, hint?: string): SbplError {
  return new SbplError({ severity: 'error', code, message, span, hint });
}

/** `file:line:col: severity: message [code]` — the format compilers print and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.span
    ? `${d.span.file}:${d.span.line}:${d.span.column}: `
    : d.file !== undefined
      ? `${d.file}: `
      : '';
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
