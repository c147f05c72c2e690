// The `sbpl` command: one file per subcommand, registered here. The executable is bin.ts.

import { Command } from 'commander';
import { reportFailure } from './errors.js';
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
  // the command that runs, for its exit table (src/cli/exit-codes.ts)
  let command: string | undefined;
  program.hook('preAction', (_root, action) => {
    command = action.name();
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (e) {
    return reportFailure(e, command ?? commandNamed(program, argv));
  }
}

/** The subcommand argv names (for a usage error raised before its action ran). */
function commandNamed(program: Command, argv: string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return program.commands.find((c) => c.name() === first || c.aliases().includes(first ?? ''))?.name();
}
