// The lazy command table: `sbpl --help` lists stubs without loading any command module, so every stub must say
// what the real command says, and every real command must have a stub.
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { COMMAND_STUBS, commandLoaders, type CommandModule } from '../../src/cli/commands-table.js';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

function argText(c: Command): string[] {
  return c.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
}

describe('command table', () => {
  it('every stub matches the command its module registers', async () => {
    for (const load of Object.keys(commandLoaders) as CommandModule[]) {
      const program = new Command();
      (await commandLoaders[load]())(program);
      const stubs = COMMAND_STUBS.filter((s) => s.load === load);
      expect(program.commands.map((c) => c.name()).sort(), load).toEqual(stubs.map((s) => s.name).sort());
      for (const s of stubs) {
        const real = program.commands.find((c) => c.name() === s.name)!;
        expect({ description: s.description, args: s.args, options: s.options }, s.name).toEqual({
          description: real.description(),
          args: argText(real),
          options: real.options.length > 0,
        });
      }
    }
  });

  it('the whole program has the commands in table order', async () => {
    const program = await buildProgram();
    expect(program.commands.map((c) => c.name())).toEqual(COMMAND_STUBS.map((s) => s.name));
  });

  it('sbpl --help lists every command with its arguments; a command runs from its own module', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const s of COMMAND_STUBS) expect(help.stdout).toContain(`  ${[s.name, ...(s.options ? ['[options]'] : []), ...s.args].join(' ')}`);
    const sub = await runCli(['help', 'decode']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Usage: sbpl decode');
    const unknown = await runCli(['no-such-command']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'no-such-command'");
  });
});
