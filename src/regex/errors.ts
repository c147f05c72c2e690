// Errors of regex programs: byte code that cannot be read, and automata that cannot be written back as
// dialect source text.

export class RegexCodeError extends Error {
  constructor(
    message: string,
    /** Offset into the program (a blob format's item payload); 0 when the problem is not at one byte. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'RegexCodeError';
  }
}
