// Editor formatting: `sbpl fmt`'s canonical formatter (sbpl/fmt) applied as minimal text edits. The style has no
// tab/space choice (two-space indentation, aligned filters), so the editor's options are accepted and ignored.

import { formatSbpl } from '../sbpl/fmt/format.js';
import type { Analysis } from './analysis.js';
import type { TextEdit } from './types.js';

export interface EditorFormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

/** Whole-text formatter: returns the formatted text, or throws on text it cannot format. */
export type Formatter = (text: string, options: EditorFormatOptions) => string;

/** The formatter editors use: `sbpl fmt`'s, at its default width. */
export const formatter: Formatter | undefined = (text) => formatSbpl(text);

/** Edits that turn the document into the formatter's output: none when it is already formatted. */
export function formatDocument(a: Analysis, format: Formatter, options: EditorFormatOptions): TextEdit[] {
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
