// Offsets <-> LSP positions (0-based line, UTF-16 character). The front end's spans carry UTF-16 offsets,
// so converting through the text is exact whatever characters the file holds.

import type { Position, Range } from './types.js';

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const s = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) s.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        s.push(i + 1);
      }
    }
    this.starts = s;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[p.line];
    const end = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, p.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset just past the end of the line holding `offset`, line break included. */
  lineEnd(offset: number): number {
    const line = this.position(offset).line;
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }

  lineStart(offset: number): number {
    return this.starts[this.position(offset).line];
  }
}
