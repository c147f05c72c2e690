// Bounds on reading and evaluation: every run ends, in time and memory proportional to its input and these
// limits, with a located error naming the limit that was hit (and so the option that raises it).

import { SchemeError } from './errors.js';

export interface Limits {
  /**
   * Evaluation steps: one per procedure application or loop iteration, plus the work primitives do
   * (one per list element walked or built, one per STEP_CHARS characters copied or compared).
   */
  maxSteps: number;
  /** Nested procedure applications (non-tail calls in progress). */
  maxDepth: number;
  /** Lists nested inside one another: in source text (reader) and in any expression evaluated (eval, macro output). */
  maxNesting: number;
  /**
   * Memory primitives may allocate during one run, in cells: a list pair is one cell, a string CELL_CHARS
   * characters. Garbage counts too, so this bounds the memory a profile can make the evaluator use.
   */
  maxAllocation: number;
  /** Rules emitted (apply-message-filter's nested rules included). */
  maxRules: number;
  /** require-any / require-all / require-not nested inside one another in one rule's filter. */
  maxFilterDepth: number;
  /**
   * Tests in one rule's filter once its shared (defined) parts are copied where used. Reading, checking,
   * deciding and explaining keep shared parts shared (filters are DAGs) and never copy; the stages that copy
   * (compile, diff, alias shims) refuse past it, and the JSON model names shared parts instead.
   */
  maxFilterTests: number;
  /** Characters in any one string built at run time. */
  maxStringLength: number;
  /** Characters written by display / write / newline. */
  maxOutput: number;
  /** Nested imports. */
  maxImportDepth: number;
}

/**
 * Defaults: a few hundred times what the corpus needs (its largest program, Apple's application.sb, takes
 * 13 k steps, 7 k cells, 260 rules; recursion goes 14 calls deep and lists nest 12 deep), and low enough that
 * a run stays within about 2 s, 200 MB and the JavaScript stack of a Node main thread: every recursion shape
 * of the evaluator was measured to fit at maxDepth × maxNesting (test/scheme/limits.test.ts).
 */
export const DEFAULT_LIMITS: Limits = {
  maxSteps: 5_000_000,
  maxDepth: 400,
  maxNesting: 256,
  // a decompiled platform profile (macOS 15: 3.1 MB of text) allocates 2-3 M cells and nests filters 518 deep
  maxAllocation: 4_000_000,
  maxRules: 100_000,
  maxFilterDepth: 1_000,
  // decompiled platform profiles (iOS 17 / 26) copy out to ~1e5 tests per filter, macOS 15's to 4.7e20 (read shared)
  maxFilterTests: 5_000_000,
  maxStringLength: 1 << 20,
  maxOutput: 1 << 20,
  maxImportDepth: 32,
};

/** Forms with more parts than this charge a step per part each time they run (few real forms have more). */
export const WIDE = 8;
/** Characters that count as one step when a primitive copies or compares strings. */
export const STEP_CHARS = 16;
/** Characters that count as one allocation cell. */
export const CELL_CHARS = 16;

/** What to tell the user about raising limit `name` (library option and CLI flag). */
export function limitHint(name: keyof Limits, why?: string): string {
  const raise = `raise it with Limits.${name} (sbpl check: --limit ${name}=N)`;
  return why ? `${why}; ${raise}` : raise;
}

/** The error a limit raises: code `limit/<kind>`, the limit's name in the message, how to raise it in the hint. */
export function limitError(name: keyof Limits, kind: string, message: string, why?: string): SchemeError {
  return new SchemeError(`${message} (limit ${name})`, `limit/${kind}`, undefined, limitHint(name, why));
}
