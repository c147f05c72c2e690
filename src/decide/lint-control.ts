// Which findings a user wants: `--disable CODE` / `--enable CODE` from the command line, and an inline comment
//   ; sbpl-lint-disable-next-form CODE [CODE...]
// that silences those codes on the next form only (the whole form, nested forms included). Errors are never
// silenced: they are what the kernel would refuse. Codes may be given with or without their `lint/` prefix.

import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface LintSelection {
  /** Codes to drop; `all` drops every warning and note. */
  disable?: readonly string[];
  /** Codes kept even when `disable` names them or `all` (so `--disable all --enable shadowed-rule` keeps one). */
  enable?: readonly string[];
}

/** A code as the user may write it (`shadowed-rule`) to the code findings carry (`lint/shadowed-rule`). */
export function normalizeCode(code: string): string {
  return code.includes('/') || code === 'all' ? code : `lint/${code}`;
}

/** One inline silencing: these codes, on the form spanning [start, end) of the file's text. */
export interface InlineSilence {
  codes: ReadonlySet<string>;
  start: number;
  end: number;
}

const DIRECTIVE = /;+\s*sbpl-lint-disable-next-form\b([^\n\r]*)/g;

/** The inline silences in a profile's text. */
export function inlineSilences(text: string): InlineSilence[] {
  const out: InlineSilence[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const codes = new Set(m[1].trim().split(/[\s,]+/).filter(Boolean).map(normalizeCode));
    const start = skipBlank(text, (m.index ?? 0) + m[0].length);
    if (codes.size === 0 || start >= text.length) continue;
    out.push({ codes, start, end: formEnd(text, start) });
  }
  return out;
}

/** The first offset at or after `i` that is not white space or a comment. */
function skipBlank(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') i++;
    else if (c === ';') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '#' && text[i + 1] === '|') {
      const close = text.indexOf('|#', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else break;
  }
  return i;
}

/** The end offset of the datum starting at `i`: a balanced list (strings and comments skipped) or an atom. */
function formEnd(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' || c === '[') {
      depth++;
      i++;
    } else if (c === ')' || c === ']') {
      depth--;
      i++;
      if (depth <= 0) return i;
    } else if (depth === 0 && /\s/.test(c)) {
      return i;
    } else i++;
  }
  return text.length;
}

/**
 * The findings to report: errors always; warnings and notes unless disabled on the command line (and not
 * re-enabled) or silenced inline. `textOf` gives a file's text by the name in the spans (undefined: unknown).
 */
export function selectFindings(diags: readonly Diagnostic[], sel: LintSelection, textOf: (file: string) => string | undefined): Diagnostic[] {
  const disabled = new Set((sel.disable ?? []).map(normalizeCode));
  const enabled = new Set((sel.enable ?? []).map(normalizeCode));
  const silences = new Map<string, InlineSilence[]>();
  const silencesOf = (file: string): InlineSilence[] => {
    let s = silences.get(file);
    if (!s) {
      const text = textOf(file);
      s = text === undefined ? [] : inlineSilences(text);
      silences.set(file, s);
    }
    return s;
  };
  return diags.filter((d) => {
    if (d.severity === 'error') return true;
    if (!enabled.has(d.code) && (disabled.has(d.code) || disabled.has('all'))) return false;
    const span = d.span;
    if (!span) return true;
    return !silencesOf(span.file).some((s) => s.codes.has(d.code) && span.offset >= s.start && span.offset < s.end);
  });
}
