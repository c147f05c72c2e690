// The language server: the editor features of src/editor over the Language Server Protocol
// (vscode-languageserver), on standard input and output.

import { dirname, isAbsolute, resolve } from 'node:path';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  MarkupKind,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyzeDocument,
  codeFixes,
  completionsAt,
  definitionAt,
  describeCompletion,
  documentSymbols,
  editorDiagnostics,
  formatDocument,
  formatter as defaultFormatter,
  hoverAt,
  type Analysis,
  type CompletionKind,
  type DocumentSymbolInfo,
  type EditorDiagnostic,
  type Formatter,
} from '../../editor/index.js';
import { defaultImportPath } from '../common.js';
import { nameToUri, overlaySources, uriToName } from './files.js';
import { mergeSettings, settingsFromInitOptions, type CliDefaults, type ClientSettings, type ServerSettings } from './settings.js';
import { VERSION } from '../../version.js';

export interface ServerOptions extends CliDefaults {
  /** Streams (tests); standard input and output by default. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Formatter for textDocument/formatting; the editor module's (from `sbpl fmt`) by default. */
  formatter?: Formatter;
  /** Delay between the last change and re-checking, in ms. */
  debounceMs?: number;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, note: DiagnosticSeverity.Information } as const;

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  operation: CompletionItemKind.EnumMember,
  filter: CompletionItemKind.Function,
  modifier: CompletionItemKind.Property,
  value: CompletionItemKind.Constant,
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  keyword: CompletionItemKind.Keyword,
  parameter: CompletionItemKind.Variable,
};

const SYMBOL_KIND: Record<DocumentSymbolInfo['kind'], SymbolKind> = {
  function: SymbolKind.Function,
  variable: SymbolKind.Variable,
  rule: SymbolKind.Event,
  import: SymbolKind.Module,
  version: SymbolKind.Number,
};

/** Run until the client sends `exit` (or the streams close). */
export function runLanguageServer(options: ServerOptions): Promise<void> {
  const connection = options.input && options.output ? createConnection(options.input, options.output) : createConnection(process.stdin, process.stdout);
  const server = new SbplServer(connection, options);
  server.listen();
  return new Promise((resolve) => connection.onExit(() => resolve()));
}

class SbplServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, { version: number; generation: number; analysis: Analysis }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  private initSettings: ClientSettings | undefined;
  /** Counts configuration changes: a check that started before one is not published. */
  private generation = 0;
  private canPullConfiguration = false;
  private canRegisterConfiguration = false;
  private relatedInformation = false;
  private workspaceRoot: string | undefined;
  private readonly formatter: Formatter | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    this.formatter = options.formatter ?? defaultFormatter;
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params): InitializeResult => {
      const caps = params.capabilities;
      this.canPullConfiguration = !!caps.workspace?.configuration;
      this.canRegisterConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
      this.relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
      this.initSettings = settingsFromInitOptions(params.initializationOptions);
      const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
      this.workspaceRoot = root ? uriToName(root) : undefined;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          hoverProvider: true,
          completionProvider: { triggerCharacters: ['(', ' ', '"'], resolveProvider: true },
          definitionProvider: true,
          documentSymbolProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          documentFormattingProvider: this.formatter !== undefined,
        },
        serverInfo: { name: 'sbpl', version: VERSION },
      };
    });
    c.onInitialized(() => {
      if (this.canRegisterConfiguration) void c.client.register(DidChangeConfigurationNotification.type, { section: 'sbpl' });
    });
    c.onDidChangeConfiguration((change) => {
      this.settingsCache.clear();
      this.generation++;
      // clients that cannot be asked push the settings with the notification
      if (!this.canPullConfiguration) this.initSettings = settingsFromInitOptions(change.settings) ?? this.initSettings;
      for (const d of this.documents.all()) this.schedule(d, 0);
    });
    // fired on open too: a document seen for the first time is checked at once
    this.documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      this.schedule(e.document, this.analyses.has(uri) ? (this.options.debounceMs ?? 150) : 0);
      this.recheckImporters(uri);
    });
    this.documents.onDidClose((e) => {
      const uri = e.document.uri;
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      this.analyses.delete(uri);
      this.settingsCache.delete(uri);
      void c.sendDiagnostics({ uri, diagnostics: [] });
      // importers read the saved file again
      this.recheckImporters(uri);
    });

    c.onHover(async (p) => {
      const a = await this.analysis(p.textDocument.uri);
      const h = a && hoverAt(a, p.position);
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range } : null;
    });
    c.onCompletion(async (p) => {
      const a = await this.analysis(p.textDocument.uri);
      if (!a) return [];
      return completionsAt(a, p.position).map(
        (e): CompletionItem => ({
          label: e.label,
          kind: COMPLETION_KIND[e.kind],
          detail: e.detail,
          sortText: e.sortText,
          filterText: e.label,
          textEdit: { range: e.range, newText: e.label },
          data: { os: a.vocab.id, kind: e.kind },
        }),
      );
    });
    c.onCompletionResolve((item) => {
      const data = item.data as { os?: string; kind?: CompletionKind } | undefined;
      const doc = data?.os && data.kind ? describeCompletion(data.os, item.label, data.kind) : undefined;
      return doc ? { ...item, documentation: { kind: MarkupKind.Markdown, value: doc } } : item;
    });
    c.onDefinition(async (p) => {
      const a = await this.analysis(p.textDocument.uri);
      if (!a) return [];
      return definitionAt(a, p.position).flatMap((l) => {
        const uri = this.uriOf(l.file);
        return uri ? [{ uri, range: l.range }] : [];
      });
    });
    c.onDocumentSymbol(async (p) => {
      const a = await this.analysis(p.textDocument.uri);
      const conv = (s: DocumentSymbolInfo): DocumentSymbol => ({
        name: s.name,
        detail: s.detail,
        kind: SYMBOL_KIND[s.kind],
        range: s.range,
        selectionRange: s.selectionRange,
        children: s.children.map(conv),
      });
      return a ? documentSymbols(a).map(conv) : [];
    });
    c.onCodeAction(async (p) => {
      const a = await this.analysis(p.textDocument.uri);
      if (!a) return [];
      return codeFixes(a, p.range).map((f): CodeAction => {
        const attached = p.context.diagnostics.filter((d) => d.code === f.code && d.range.start.line === f.diagnosticRange.start.line);
        return {
          title: f.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: attached.length ? attached : undefined,
          isPreferred: f.preferred || undefined,
          edit: { changes: { [p.textDocument.uri]: f.edits } },
        };
      });
    });
    c.onDocumentFormatting(async (p) => {
      const a = await this.analysis(p.textDocument.uri);
      if (!a || !this.formatter) return [];
      try {
        return formatDocument(a, this.formatter, { tabSize: p.options.tabSize, insertSpaces: p.options.insertSpaces });
      } catch {
        return []; // text the reader rejects is left as it is; its diagnostics already say why
      }
    });

    this.documents.listen(c);
    c.listen();
  }

  /** The analysis of the document's current text (made now if a change is still waiting). */
  private async analysis(uri: string): Promise<Analysis | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.analyses.get(uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.analysis;
    return this.analyze(doc);
  }

  private async analyze(doc: TextDocument): Promise<Analysis> {
    const generation = this.generation;
    const settings = await this.settingsFor(doc.uri);
    const name = uriToName(doc.uri);
    const importPath = [...settings.importPath.map((p) => this.absolute(p)), ...defaultImportPath()];
    if (doc.uri.startsWith('file:')) importPath.push(dirname(name));
    const analysis = analyzeDocument(
      { name, text: doc.getText() },
      { ...settings, importPath },
      {
        sources: overlaySources((path) => this.openText(path)),
        paramPlaceholders: settings.paramPlaceholders,
        // a file another open profile imports is a fragment: it needs no (version 1) of its own
        fragment: [...this.analyses.values()].some((e) => e.analysis.result.profile.imports.some((i) => i.resolved === name)),
      },
    );
    this.analyses.set(doc.uri, { version: doc.version, generation, analysis });
    return analysis;
  }

  /** Open documents that import this one see its unsaved text: check them again. */
  private recheckImporters(uri: string): void {
    const path = uriToName(uri);
    for (const [other, entry] of this.analyses) {
      const d = other !== uri && entry.analysis.result.profile.files.includes(path) ? this.documents.get(other) : undefined;
      if (d) this.schedule(d, this.options.debounceMs ?? 150);
    }
  }

  private schedule(doc: TextDocument, delay: number): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.validate(doc.uri);
      }, delay),
    );
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const generation = this.generation;
    const a = await this.analyze(doc);
    if (this.documents.get(uri)?.version !== version || generation !== this.generation) return;
    const diagnostics = editorDiagnostics(a).map((d) => this.toLspDiagnostic(d));
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private toLspDiagnostic(d: EditorDiagnostic): Diagnostic {
    let message = d.message;
    const relatedInformation: NonNullable<Diagnostic['relatedInformation']> = [];
    for (const r of d.related) {
      const uri = r.location && this.uriOf(r.location.file);
      if (uri && r.location && this.relatedInformation) relatedInformation.push({ message: r.message, location: { uri, range: r.location.range } });
      else message += `\n• ${r.message}${r.location ? ` (${r.location.file}:${r.location.range.start.line + 1}:${r.location.range.start.character + 1})` : ''}`;
    }
    return {
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'sbpl',
      message,
      relatedInformation: relatedInformation.length ? relatedInformation : undefined,
    };
  }

  private settingsFor(uri: string): Promise<ServerSettings> {
    let hit = this.settingsCache.get(uri);
    if (!hit) {
      hit = (async () => {
        let workspace: ClientSettings | undefined;
        if (this.canPullConfiguration) {
          try {
            workspace = (await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'sbpl' })) as ClientSettings | undefined;
          } catch {
            workspace = undefined;
          }
        }
        return mergeSettings(this.options, this.initSettings, workspace ?? undefined);
      })();
      this.settingsCache.set(uri, hit);
    }
    return hit;
  }

  /** An import-path entry relative to the workspace folder. */
  private absolute(p: string): string {
    return isAbsolute(p) || !this.workspaceRoot ? p : resolve(this.workspaceRoot, p);
  }

  private openText(path: string): string | undefined {
    for (const d of this.documents.all()) if (uriToName(d.uri) === path) return d.getText();
    return undefined;
  }

  private uriOf(name: string): string | undefined {
    return nameToUri(name, (n) => this.documents.all().find((d) => uriToName(d.uri) === n)?.uri);
  }
}
