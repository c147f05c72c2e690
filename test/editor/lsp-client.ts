// A real Language Server Protocol client for tests: spawns `sbpl lsp --stdio` (the TypeScript entry, through
// tsx, so the test runs the current sources) and talks JSON-RPC to it with vscode-languageserver-protocol.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Settings answered to workspace/configuration requests (change them, then send didChangeConfiguration). */
  settings: Record<string, unknown>;
  /**
   * Resolves with the next diagnostics published for `uri` after `after` (when given) is sent, skipping
   * publications that `until` rejects (results of checks that were already running).
   */
  nextDiagnostics(uri: string, after?: () => void | Promise<void>, until?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  stderr(): string;
  close(): Promise<number | null>;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export async function startServer(args: string[] = [], initializationOptions?: unknown): Promise<TestClient> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'lsp', '--stdio', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client: TestClient = {
    connection,
    process: child,
    settings: {},
    nextDiagnostics: (uri, after, until) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no${until ? ' matching' : ''} diagnostics for ${uri} within 20 s; server stderr: ${err}`)), 20_000);
        waiters.push({
          uri,
          until,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
        if (after) void Promise.resolve(after()).catch(reject);
      }),
    stderr: () => err,
    close: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.once('exit', (c) => resolve(c));
      });
      connection.dispose();
      return code;
    },
  };
  const waiters: Array<{ uri: string; until?: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && (!w.until || w.until(p)));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
  });
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'sbpl' ? client.settings : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: fileUri(ROOT),
    workspaceFolders: [{ uri: fileUri(ROOT), name: 'sbpl-kit' }],
    initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  return client;
}
