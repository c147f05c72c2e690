// Front-end and lint diagnostics -> editor diagnostics on the document. A finding inside an imported file
// is shown at the document's `(import ...)` form that leads to it, with the real location (and the rest of
// the import chain) as related information.

import type { Diagnostic, SourceSpan } from '../sbpl/index.js';
import type { Analysis } from './analysis.js';
import type { List } from './syntax.js';
import type { EditorDiagnostic, Location, Range } from './types.js';

export function editorDiagnostics(a: Analysis): EditorDiagnostic[] {
  return a.diagnostics.map((d) => toEditorDiagnostic(a, d));
}

export function toEditorDiagnostic(a: Analysis, d: Diagnostic): EditorDiagnostic {
  const doc = a.doc;
  const related: EditorDiagnostic['related'] = [];
  const notes: string[] = [];
  for (const r of d.related ?? []) {
    const loc = r.span ? spanLocation(a, r.span) : undefined;
    if (loc) related.push({ message: r.message, location: loc });
    else notes.push(r.message);
  }
  let message = d.message;
  let range: Range;
  let inImport: string | undefined;
  if (d.span && d.span.file === doc.name) {
    range = displayRange(a, d.span);
  } else if (d.span) {
    // inside an imported file (or the standard policy): point at the import form in this document
    inImport = d.span.file;
    const own = spanLocation(a, d.span);
    const site = (d.related ?? []).find((r) => r.span?.file === doc.name)?.span;
    range = site ? doc.lines.range(site.offset, site.endOffset) : doc.lines.range(0, 0);
    // the import form itself is where the diagnostic now stands: no need to point at it again
    if (site) {
      const i = related.findIndex((r) => r.location?.file === doc.name && r.location.range.start.line === range.start.line && r.location.range.start.character === range.start.character);
      if (i >= 0) related.splice(i, 1);
    }
    message = `in ${d.span.file}:${d.span.line}:${d.span.column}: ${message}`;
    if (own) related.unshift({ message: d.message, location: own });
  } else {
    range = doc.lines.range(0, 0);
  }
  if (d.hint) message += `\nhint: ${d.hint}`;
  for (const n of notes) message += `\n• ${n}`;
  return { range, severity: d.severity, code: d.code, message, related, inImport };
}

/** A span as a location, when its file can be read. */
export function spanLocation(a: Analysis, span: SourceSpan): Location | undefined {
  const f = a.file(span.file);
  if (!f) return undefined;
  return { file: span.file, range: f.lines.range(span.offset, span.endOffset) };
}

/**
 * The range to underline: the span itself, except that a rule form over several lines is underlined on its
 * first line only (a lint finding about a forty-line rule should not paint forty lines).
 */
function displayRange(a: Analysis, span: SourceSpan): Range {
  const { lines, tree } = a.doc;
  const whole = lines.range(span.offset, span.endOffset);
  if (whole.start.line === whole.end.line) return whole;
  const form = findList(tree.forms, span.offset, span.endOffset);
  if (!form) return whole;
  const lineEnd = lines.lineEnd(span.offset);
  const firstLine = a.doc.text.slice(span.offset, lineEnd).replace(/\s+$/, '');
  return lines.range(span.offset, span.offset + firstLine.length);
}

/** The list node that spans exactly [start, end). */
export function findList(items: List['items'], start: number, end: number): List | undefined {
  for (const nd of items) {
    if (nd.kind !== 'list' || nd.start > start || nd.end < end) continue;
    if (nd.start === start && nd.end === end) return nd;
    return findList(nd.items, start, end);
  }
  return undefined;
}
