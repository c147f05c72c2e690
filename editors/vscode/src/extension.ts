// The SBPL extension: starts `sbpl lsp --stdio` (sbpl-kit's language server) for .sb files. Everything the
// editor shows beyond colours — diagnostics, lint, hover, completion, definitions, fixes — comes from it.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The settings the server reads, sent at start-up too (the server also asks for them per document). */
function settingsSnapshot(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('sbpl');
  return {
    os: cfg.get('os'),
    params: cfg.get('params'),
    importPath: cfg.get('importPath'),
    lint: cfg.get('lint'),
    paramPlaceholders: cfg.get('paramPlaceholders'),
  };
}

async function start(): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('sbpl');
  const command = cfg.get<string>('server.path') || 'sbpl';
  const args = ['lsp', ...(cfg.get<string[]>('server.args') ?? [])];
  // TransportKind.stdio: the client adds --stdio
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sbpl' },
      { scheme: 'untitled', language: 'sbpl' },
    ],
    initializationOptions: { sbpl: settingsSnapshot() },
    outputChannelName: 'SBPL',
  };
  client = new LanguageClient('sbpl', 'SBPL language server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    const why = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(
      `Could not start the SBPL language server ('${command} lsp --stdio': ${why}). Install it with 'npm install -g sbpl-kit', or set sbpl.server.path.`,
    );
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('sbpl.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the other settings reach the running server; a different command needs a new one
      if (e.affectsConfiguration('sbpl.server')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
