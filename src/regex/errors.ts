// Errors of regex programs: byte code that cannot be read, and automata that cannot be written back as
// dialect source text.

import { StageError } from '../diagnostics/diagnostic.js';

export class RegexCodeError extends StageError {
  constructor(
    message: string,
    /** Offset into the program (a blob format's item payload); 0 when the problem is not at one byte. */
    readonly offset: number,
  ) {
    super(message, 'regex/program', 'input', { byteOffset: offset });
    this.name = 'RegexCodeError';
  }
}
