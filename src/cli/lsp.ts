// `sbpl lsp --stdio`: the language server for editors. The server itself (and the vscode-languageserver
// library) is loaded only when this command runs, so other commands start as fast as before.

import type { Command } from 'commander';
import { hasVocabulary, listVocabularies, normalizeOsId } from '../vocab/all.js';
import { parseDefines, UsageError } from './common.js';

interface LspCliOptions {
  stdio?: boolean;
  os?: string;
  define?: string[];
  importPath?: string[];
  paramPlaceholders?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerLsp(program: Command): void {
  program
    .command('lsp')
    .description('run the SBPL language server (diagnostics, lint, hover, completion, definitions, symbols, fixes) for editors')
    .option('--stdio', 'talk the Language Server Protocol over standard input and output (the default and only transport)')
    .option('--os <VERSION>', `default OS vocabulary (the editor setting sbpl.os wins): ${listVocabularies().join(', ')}`)
    .option('-D, --define <KEY=VALUE>', 'default profile parameter (repeatable; merged under the editor setting sbpl.params)', collect)
    .option('-I, --import-path <DIR>', 'search DIR for (import "name.sb") after the editor setting sbpl.importPath (repeatable)', collect)
    .option('--param-placeholders', 'give every undefined (param "K") a placeholder path instead of #f')
    // editors' launchers add transport flags of their own (--clientProcessId=N): accept and ignore them
    .allowUnknownOption()
    .action(async (opts: LspCliOptions) => {
      if (opts.os !== undefined && !hasVocabulary(normalizeOsId(opts.os))) throw new UsageError(`unknown --os '${opts.os}' (known: ${listVocabularies().join(', ')})`);
      const { runLanguageServer } = await import('./lsp/server.js');
      await runLanguageServer({
        os: opts.os,
        params: parseDefines(opts.define),
        importPath: opts.importPath ?? [],
        paramPlaceholders: opts.paramPlaceholders ?? false,
      });
    });
}
