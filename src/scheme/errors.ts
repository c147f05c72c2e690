// The error a Scheme primitive or form raises; the interpreter attaches the location of the call.

import type { Src } from './source.js';

/** A run-time error raised by a primitive; the interpreter attaches the location of the call. */
export class SchemeError extends Error {
  src?: Src;
  /** Import forms the error passed through on its way out (innermost first). */
  readonly importTrail: Array<{ name: string; src?: Src }> = [];
  constructor(
    message: string,
    readonly code = 'scheme/error',
    src?: Src,
    readonly hint?: string,
  ) {
    super(message);
    this.src = src;
  }
}
