// Source text with lazily computed line starts, and compact spans (file + offsets) that turn into
// line/column SourceSpans only when a diagnostic or a rule needs one.

import type { SourceSpan } from '../diagnostics/diagnostic.js';

export class SourceFile {
  readonly name: string;
  readonly text: string;
  private lineStarts: number[] | undefined;
  /** No surrogate pairs: a column is then just offset - line start + 1. */
  private simpleColumns: boolean | undefined;

  constructor(name: string, text: string) {
    this.name = name;
    this.text = text;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const s = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) s.push(i + 1);
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          s.push(i + 1);
        }
      }
      this.lineStarts = s;
    }
    return this.lineStarts;
  }

  /** 1-based line and column (column in code points) of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo];
    if (this.simpleColumns === undefined) this.simpleColumns = !/[\ud800-\udfff]/.test(this.text);
    if (this.simpleColumns) return { line: lo + 1, column: Math.min(offset, this.text.length) - lineStart + 1 };
    let column = 1;
    for (let i = lineStart; i < offset && i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      // count a surrogate pair once
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) i++;
      column++;
    }
    return { line: lo + 1, column };
  }

  span(start: number, end: number = start + 1): SourceSpan {
    const a = this.position(start);
    const b = this.position(Math.max(start, end - 1));
    return {
      file: this.name,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column + 1,
      offset: start,
      endOffset: end,
    };
  }

  /** The text of the line holding `offset` (for caret displays). */
  lineText(line: number): string {
    const starts = this.starts();
    const s = starts[line - 1] ?? 0;
    const e = starts[line] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$|\r$/, '');
  }
}

/** A compact location: file plus offsets. */
export interface Src {
  file: SourceFile;
  start: number;
  end: number;
}

export function toSpan(src: Src | undefined): SourceSpan | undefined {
  return src ? src.file.span(src.start, src.end) : undefined;
}
