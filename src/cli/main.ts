// The `sbpl` command: one file per subcommand, registered here. The executable is bin.ts.

import { Command, CommanderError } from 'commander';
import { CommandFailure, EXIT_FAILED, EXIT_USAGE, UsageError } from './common.js';
import { SbplError, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { VERSION } from '../version.js';
import { registerCheck } from './check.js';
import { registerFmt } from './fmt.js';
import { registerQuery } from './query.js';
import { registerGraphCommands } from './graph-commands.js';
import { registerGraph } from './graph.js';
import { registerRuntimeCommands } from './runtime-commands.js';
import { registerLsp } from './lsp.js';
import { registerDiff } from './diff.js';
import { registerLearn } from './learn.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('sbpl')
    .description("Read, check, decide, compile, decode and run-time check Apple Seatbelt (SBPL) profiles — on any machine")
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCheck(program);
  registerFmt(program);
  registerQuery(program);
  registerDiff(program);
  registerLearn(program);
  registerGraphCommands(program);
  registerGraph(program);
  registerRuntimeCommands(program);
  registerLsp(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version "errors" are normal exits
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`sbpl: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof CommandFailure) {
      if (e.message) process.stderr.write(`sbpl: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof SbplError) {
      process.stderr.write(formatDiagnostic(e.diagnostic) + '\n');
      return EXIT_FAILED;
    }
    const err = e as Error;
    process.stderr.write(`sbpl: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.SBPL_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    else process.stderr.write('(set SBPL_DEBUG=1 for details; please report this)\n');
    return 70;
  }
}

