// The formatting hook. `sbpl fmt` (a later piece of work) provides a Formatter; an editor then formats
// through formatDocument, and the language server offers formatting only when a formatter is set.

import type { Analysis } from './analysis.js';
import type { TextEdit } from './types.js';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

/** Whole-text formatter: returns the formatted text, or throws on text it cannot format. */
export type Formatter = (text: string, options: FormatOptions) => string;

/**
 * The formatter editors use: undefined until `sbpl fmt` exists, when this becomes its entry point
 * (e.g. `export const formatter: Formatter | undefined = formatSbpl;`).
 */
export const formatter: Formatter | undefined = undefined;

/** Edits that turn the document into the formatter's output: none when it is already formatted. */
export function formatDocument(a: Analysis, format: Formatter, options: FormatOptions): TextEdit[] {
  const text = a.doc.text;
  const out = format(text, options);
  if (out === text) return [];
  // replace only the changed middle, so an editor keeps the cursor and folds outside it
  let head = 0;
  while (head < text.length && head < out.length && text.charCodeAt(head) === out.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < text.length - head && tail < out.length - head && text.charCodeAt(text.length - 1 - tail) === out.charCodeAt(out.length - 1 - tail)) tail++;
  return [{ range: a.doc.lines.range(head, text.length - tail), newText: out.slice(head, out.length - tail) }];
}
