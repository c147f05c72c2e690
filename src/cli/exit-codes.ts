// Exit status from the kind of a failure, never from the call site: one table for every command, and the few
// commands whose exit 1 is an answer (diff: the profiles differ; learn: a denial stays open; run: outcomes
// mismatch; golden: results differ) move input trouble to 2, as diff(1) does. Documented in the README
// ("Conventions").

import type { DiagnosticKind } from '../diagnostics/diagnostic.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** An internal error (a bug of ours): EX_SOFTWARE of sysexits(3). */
export const EXIT_INTERNAL = 70;

export type ExitTable = Record<DiagnosticKind, number>;

export const DEFAULT_EXIT_CODES: ExitTable = { usage: EXIT_USAGE, input: EXIT_FAILED, output: EXIT_FAILED, environment: EXIT_FAILED, internal: EXIT_INTERNAL };

/** Commands for which exit 1 is a normal answer, so trouble with the input is 2. */
const ANSWER_IS_ONE: ExitTable = { ...DEFAULT_EXIT_CODES, input: EXIT_USAGE, environment: EXIT_USAGE };

const BY_COMMAND: Record<string, ExitTable> = {
  diff: ANSWER_IS_ONE,
  learn: ANSWER_IS_ONE,
  run: ANSWER_IS_ONE,
  golden: ANSWER_IS_ONE,
};

/** The exit status of command `command` (its name, or undefined before one was chosen) failing with `kind`. */
export function exitCodeFor(kind: DiagnosticKind, command: string | undefined): number {
  return (command !== undefined && Object.prototype.hasOwnProperty.call(BY_COMMAND, command) ? BY_COMMAND[command] : DEFAULT_EXIT_CODES)[kind];
}

/** The table of one command (for --help texts and the README). */
export function exitTableOf(command: string): ExitTable {
  return Object.prototype.hasOwnProperty.call(BY_COMMAND, command) ? BY_COMMAND[command] : DEFAULT_EXIT_CODES;
}
