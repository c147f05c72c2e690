// The `sbpl` command: one file per subcommand, listed in commands-table.ts and loaded only when run. The
// executable is bin.ts.

import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { COMMAND_STUBS, commandLoaders, registerAllCommands, type CommandStub } from './commands-table.js';

function baseProgram(): Command {
  return new Command()
    .name('sbpl')
    .description("Read, check, decide, compile, decode and run-time check Apple Seatbelt (SBPL) profiles — on any machine")
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
}

/** A command as `sbpl --help` lists it, without loading its module (the real one replaces it when run). */
function addStub(program: Command, stub: CommandStub): void {
  const c = program.command(stub.name).description(stub.description);
  for (const a of stub.args) c.argument(a);
  if (stub.options) c.option('--options-of-' + stub.name, 'see sbpl ' + stub.name + ' --help');
  c.action(() => {
    throw new Error(`command '${stub.name}' was not loaded`);
  });
}

/** The whole program, every command's module loaded (completion, docs, tests). */
export async function buildProgram(): Promise<Command> {
  const program = baseProgram();
  await registerAllCommands(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/**
 * The program for one command line: only the module of the command it names is loaded (start-up time is
 * module loading); the others are listed from their stubs. No command named: stubs only (`sbpl --help`).
 */
async function programFor(argv: string[]): Promise<Command> {
  const named = argv[0] === 'help' ? argv[1] : argv[0];
  const stub = COMMAND_STUBS.find((s) => s.name === named);
  if (!stub) {
    const program = baseProgram();
    for (const s of COMMAND_STUBS) addStub(program, s);
    for (const c of program.commands) c.exitOverride();
    return program;
  }
  const program = baseProgram();
  const register = await commandLoaders[stub.load]();
  const scratch = baseProgram();
  register(scratch);
  // keep the listing order of the table: real commands of the loaded module, stubs for the rest
  for (const s of COMMAND_STUBS) {
    const real = scratch.commands.find((c) => c.name() === s.name);
    if (real) program.addCommand(real);
    else addStub(program, s);
  }
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await programFor(argv);
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
    // help and version "errors" are normal exits, decided before the error path is loaded (start-up time)
    if (e instanceof CommanderError && (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')) return 0;
    const { reportFailure } = await import('./errors.js');
    return reportFailure(e, command ?? commandNamed(program, argv));
  }
}

/** The subcommand argv names (for a usage error raised before its action ran). */
function commandNamed(program: Command, argv: string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return program.commands.find((c) => c.name() === first || c.aliases().includes(first ?? ''))?.name();
}
