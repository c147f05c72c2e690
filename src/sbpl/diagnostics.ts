// Source locations and diagnostics shared by every stage.
// Lines and columns are 1-based; columns count Unicode code points, like most compilers' "character" columns.

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

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** The closest candidate within a distance proportional to the name's length, or undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}
