// The table of `sbpl` commands: what `sbpl --help` lists (no module loaded) and the loader of each command's
// module (loaded only when the command runs). test/cli/commands-table.test.ts checks that every stub says
// what the real command says.
import type { Command } from 'commander';

export type CommandModule = 'check' | 'fmt' | 'query' | 'diff' | 'learn' | 'graph-commands' | 'graph' | 'runtime-commands' | 'lsp' | 'completion';

export const commandLoaders: Record<CommandModule, () => Promise<(program: Command) => void>> = {
  check: async () => (await import('./check.js')).registerCheck,
  fmt: async () => (await import('./fmt.js')).registerFmt,
  query: async () => (await import('./query.js')).registerQuery,
  diff: async () => (await import('./diff.js')).registerDiff,
  learn: async () => (await import('./learn.js')).registerLearn,
  'graph-commands': async () => (await import('./graph-commands.js')).registerGraphCommands,
  graph: async () => (await import('./graph.js')).registerGraph,
  'runtime-commands': async () => (await import('./runtime-commands.js')).registerRuntimeCommands,
  lsp: async () => (await import('./lsp.js')).registerLsp,
  // completion lists every command's options, so it is handed the loader of all of them (no import of main.ts:
  // that would be a cycle through this table)
  completion: async () => {
    const { registerCompletion } = await import('./completion.js');
    return (program) => registerCompletion(program, registerAllCommands);
  },
};

/** Register every command of the table on `program`, loading each module once. */
export async function registerAllCommands(program: Command): Promise<void> {
  for (const load of new Set(COMMAND_STUBS.map((s) => s.load))) (await commandLoaders[load]())(program);
}

export interface CommandStub {
  name: string;
  /** Arguments as commander writes them (`<profile...>`, `[target]`). */
  args: string[];
  /** The command has options (help lists `[options]`). */
  options: boolean;
  description: string;
  load: CommandModule;
}

/** In the order `sbpl --help` lists them. */
export const COMMAND_STUBS: readonly CommandStub[] = [
  {
    name: 'check',
    args: ['<profile...>'],
    options: true,
    description:
      'read, evaluate and validate SBPL profiles; print diagnostics (file:line:col: error: ...) or the profile model (--json)',
    load: 'check',
  },
  {
    name: 'fmt',
    args: ['<file...>'],
    options: true,
    description:
      'format SBPL profiles in the canonical style (comments kept, meaning unchanged); prints to standard output unless --write or --check',
    load: 'fmt',
  },
  {
    name: 'query',
    args: ['<profile>', '[operation]', '[target]'],
    options: true,
    description:
      'decide whether a profile allows OPERATION on TARGET, as the macOS kernel would, and explain which rule decided',
    load: 'query',
  },
  {
    name: 'diff',
    args: ['<a>', '<b>'],
    options: true,
    description:
      'show the requests two profiles decide differently: a concrete witness per difference, grouped by operation, with the rule on each side that decided it',
    load: 'diff',
  },
  {
    name: 'learn',
    args: ['<log>'],
    options: true,
    description:
      'turn denial reports into the smallest set of rules to add to a profile, verify them, and show what else they allow',
    load: 'learn',
  },
  {
    name: 'compile',
    args: ['<profile>'],
    options: true,
    description:
      'compile an SBPL profile to a compiled blob (sonoma14 layout; every inferred choice is listed in src/format/sonoma14/descriptor.ts)',
    load: 'graph-commands',
  },
  {
    name: 'decode',
    args: ['<blob>'],
    options: true,
    description:
      'print a compiled blob (sonoma14): header, op table, nodes, data items',
    load: 'graph-commands',
  },
  {
    name: 'decompile',
    args: ['<blob>'],
    options: true,
    description:
      'print SBPL that decides every request the way the compiled blob does',
    load: 'graph-commands',
  },
  {
    name: 'layout',
    args: ['<blob...>'],
    options: true,
    description:
      'layout analysis of compiled blobs, known format or not: preamble, op-table entry points, node region, literal pool, stride 8/12/16 statistics, printable runs, and the corrected reading when the blob decodes',
    load: 'graph-commands',
  },
  {
    name: 'graph',
    args: ['<input>'],
    options: true,
    description:
      'draw one operation\'s decision graph (the filter tests the kernel walks and the decisions they lead to) from a compiled blob or an SBPL profile, as Graphviz DOT or SVG',
    load: 'graph',
  },
  {
    name: 'run',
    args: ['<matrix>'],
    options: true,
    description:
      'run an expected matrix and write runtime_results.json, run_manifest.json and run_preflight.json',
    load: 'runtime-commands',
  },
  {
    name: 'golden',
    args: ['<results>'],
    options: true,
    description:
      'freeze a results file as a golden set (-o), or check results against one (--check)',
    load: 'runtime-commands',
  },
  {
    name: 'log2matrix',
    args: ['<log>'],
    options: true,
    description:
      'turn Sandbox denial reports (log show/stream output, ndjson, compact) into a draft expected matrix',
    load: 'runtime-commands',
  },
  {
    name: 'matrix-schema',
    args: [],
    options: true,
    description:
      'print the JSON Schema of the expected matrix',
    load: 'runtime-commands',
  },
  {
    name: 'matrix-check',
    args: ['<matrix>'],
    options: true,
    description:
      'validate an expected matrix (schema, probe references, operation names)',
    load: 'runtime-commands',
  },
  {
    name: 'lsp',
    args: [],
    options: true,
    description:
      'run the SBPL language server (diagnostics, lint, hover, completion, definitions, symbols, fixes) for editors',
    load: 'lsp',
  },
  {
    name: 'completion',
    args: ['<shell>'],
    options: false,
    description:
      'print a shell completion script: eval "$(sbpl completion bash)", or save it where zsh/fish look',
    load: 'completion',
  },
];
