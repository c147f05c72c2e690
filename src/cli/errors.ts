// The one place the CLI turns a failure into text and an exit status: every error is read as a Diagnostic
// (its kind decides the status, src/cli/exit-codes.ts); anything that is not one of ours is an internal error.

import { CommanderError } from 'commander';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { exitCodeFor, EXIT_OK } from './exit-codes.js';

/** The diagnostic of any thrown value: ours as they are, a Node file error as an input error, the rest internal. */
export function cliDiagnosticOf(e: unknown): Diagnostic {
  if (e instanceof DiagnosticError) return e.diagnostic;
  if (e instanceof CommanderError) return { severity: 'error', kind: 'usage', code: `cli/${e.code.replace(/^commander\./, '')}`, message: e.message };
  const err = e as NodeJS.ErrnoException | undefined;
  if (err && typeof err.code === 'string' && typeof err.path === 'string' && ['ENOENT', 'EISDIR', 'EACCES', 'ENOTDIR'].includes(err.code)) {
    return { severity: 'error', kind: 'usage', code: 'input/file', message: `${err.code === 'ENOENT' ? 'file not found' : err.message}: ${err.path}` };
  }
  return { severity: 'error', kind: 'internal', code: 'internal', message: `internal error: ${err?.message ?? String(e)}`, hint: 'set SBPL_DEBUG=1 for details; please report this' };
}

/** `sbpl: message` for failures without a location; compiler style (file:line:col: ...) for those with one. */
export function formatCliError(d: Diagnostic): string {
  if (d.span) return formatDiagnostic(d);
  let text = `sbpl: ${d.file !== undefined ? `${d.file}: ` : ''}${d.message}${d.kind === 'usage' ? '' : ` [${d.code}]`}`;
  if (d.hint) text += `\n  hint: ${d.hint}`;
  return text;
}

/** Report a failure of `command` on standard error; returns the exit status its kind maps to. */
export function reportFailure(e: unknown, command: string | undefined): number {
  if (e instanceof CommanderError) {
    // help and version "errors" are normal exits; commander has already printed its message
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
    return exitCodeFor('usage', command);
  }
  const d = cliDiagnosticOf(e);
  process.stderr.write(formatCliError(d) + '\n');
  if (d.kind === 'internal' && process.env.SBPL_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  return exitCodeFor(d.kind ?? 'input', command);
}

/**
 * Name the input a stage error concerns when the stage did not (a blob, a profile), and optionally what was
 * being done (`not a valid ... blob`): context only, the kind and code stay the stage's.
 */
export function inFile(file: string, e: unknown, doing?: string): unknown {
  if (!(e instanceof DiagnosticError) || e.diagnostic.span) return e;
  if (e.diagnostic.file === undefined) e.diagnostic.file = file === '-' ? '<stdin>' : file;
  if (doing) e.diagnostic.message = `${doing}: ${e.diagnostic.message}`;
  return e;
}

/** A stage error about a value typed on the command line is bad usage (exit 2), whatever the stage's kind. */
export function asUsage(e: unknown): unknown {
  if (e instanceof DiagnosticError) e.diagnostic.kind = 'usage';
  return e;
}
