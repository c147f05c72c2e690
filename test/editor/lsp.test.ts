// `sbpl lsp --stdio` driven by a real protocol client: diagnostics as documents open and change, settings
// from initializationOptions and workspace configuration, hover, completion, definition, symbols, fixes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionItemKind,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type TextEdit,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { formatSbpl } from '../../src/sbpl/fmt/format.js';
import { fileUri, startServer, type TestClient } from './lsp-client.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/editor/', import.meta.url));
const fixture = (name: string) => ({ path: join(FIXTURES, name), uri: fileUri(join(FIXTURES, name)), text: readFileSync(join(FIXTURES, name), 'utf8') });

/** Position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`'${needle}' not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('sbpl lsp over stdio', () => {
  let client: TestClient;
  const main = fixture('main.sb');

  beforeAll(async () => {
    client = await startServer(['-D', 'UNUSED=1'], { sbpl: { os: 'sonoma' } });
    client.settings = { params: { HOME: '/Users/tester' }, importPath: [] };
  });

  afterAll(async () => {
    const code = await client.close();
    expect(code).toBe(0);
  });

  const open = (uri: string, text: string, version = 1) =>
    client.nextDiagnostics(uri, () => client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sbpl', version, text } }));

  let mainDiagnostics: Diagnostic[];

  it('publishes lint findings with codes when a document opens, using the workspace parameters', async () => {
    mainDiagnostics = (await open(main.uri, main.text)).diagnostics;
    const codes = mainDiagnostics.map((d) => d.code);
    // HOME comes from the workspace configuration: without it (home-subpath ...) would fail on #f
    expect(mainDiagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    expect(codes).toContain('lint/path-never-seen');
    expect(codes).toContain('lint/debug-noop');
    const path = mainDiagnostics.find((d) => d.code === 'lint/path-never-seen')!;
    expect(path.source).toBe('sbpl');
    expect(path.range.start).toEqual(positionOf(main.text, '(subpath "/tmp/build")'));
    expect(path.message).toContain("'/private/tmp/build'");
  });

  it('reports an error inside an imported file at the import form, with the import chain as related locations', async () => {
    const broken = fixture('broken-main.sb');
    const helper = fixture('broken-helper.sb');
    const { diagnostics } = await open(broken.uri, broken.text);
    const err = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error)!;
    expect(err.code).toBe('sbpl/unknown-operation');
    expect(err.range.start).toEqual(positionOf(broken.text, '(import'));
    expect(err.message).toContain("did you mean 'mach-lookup'?");
    const rel = err.relatedInformation!.find((r) => r.location.uri === helper.uri)!;
    expect(rel.location.range.start).toEqual(positionOf(helper.text, 'mach-lokup'));
  });

  it('hovers an operation with its fallback chain and OS versions', async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: main.uri }, position: positionOf(main.text, 'file-write*', 3) });
    const value = (h!.contents as MarkupContent).value;
    expect(value).toContain('**file-write***');
    expect(value).toMatch(/Falls back:.*`file-write\*` → `file\*` → `default`/);
    expect(value).toContain('catalina-10.15');
  });

  it('hovers a filter, a modifier and a defined name from an imported file', async () => {
    const hover = async (needle: string, delta: number) =>
      ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: main.uri }, position: positionOf(main.text, needle, delta) }))?.contents as MarkupContent | undefined)?.value ?? '';
    expect(await hover('global-name', 2)).toMatch(/filter `global-name`[\s\S]*global-name-prefix/);
    expect(await hover('report', 1)).toMatch(/\*\*report\*\* · modifier[\s\S]*Actions:\*\* `allow`/);
    const def = await hover('home-subpath', 2);
    expect(def).toContain('(define (home-subpath rel) …)');
    expect(def).toContain("A path under the user's home folder");
  });

  it('completes operations, filters, modifiers, vnode types and defined names by context', async () => {
    const uri = fileUri(join(FIXTURES, 'typing.sb'));
    // as an editor leaves it while typing: closing parens inserted, each cursor at a '|'
    const marked = '(version 1)\n(import "helpers.sb")\n(allow file-rea|)\n(allow file-read* (vnode-type |))\n(allow mach-lookup (with |))\n(allow file-read* (|))\n(allow file-write* (subpath "/x")';
    const cursors: Array<{ line: number; character: number }> = [];
    const text = marked.split('\n').map((l, line) => {
      const at = l.indexOf('|');
      if (at >= 0) cursors.push({ line, character: at });
      return l.replace('|', '');
    }).join('\n');
    await open(uri, text);
    const complete = async (n: number) => (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: cursors[n] })) as CompletionItem[];
    const ops = await complete(0);
    const read = ops.find((i) => i.label === 'file-read-data')!;
    expect(read.kind).toBe(CompletionItemKind.EnumMember);
    // the edit replaces the half-typed word, '*' included
    expect(read.textEdit).toMatchObject({ newText: 'file-read-data', range: { start: { line: 2, character: 7 }, end: { line: 2, character: 15 } } });
    expect(ops.some((i) => i.label === 'mach-lookup')).toBe(true);
    expect(ops.some((i) => i.label === 'subpath')).toBe(false);
    const vnode = (await complete(1)).map((i) => i.label);
    expect(vnode).toEqual(expect.arrayContaining(['SYMLINK', 'DIRECTORY', 'REGULAR-FILE']));
    const mods = (await complete(2)).map((i) => i.label);
    expect(mods).toEqual(expect.arrayContaining(['report', 'send-signal', 'no-report']));
    const heads = await complete(3);
    const labels = heads.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['subpath', 'literal', 'regex', 'require-any', 'home-subpath', 'system-libraries']));
    expect(labels).not.toContain('file-read*');
    const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, heads.find((i) => i.label === 'subpath')!);
    expect((resolved.documentation as MarkupContent).value).toContain('the path itself and everything under it');
  });

  it('goes to the definition of a defined name and of an imported file', async () => {
    const helpers = fixture('helpers.sb');
    const byName = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: main.uri }, position: positionOf(main.text, 'home-subpath', 4) })) as Location[];
    expect(byName).toEqual([{ uri: helpers.uri, range: { start: positionOf(helpers.text, 'home-subpath'), end: positionOf(helpers.text, 'home-subpath', 'home-subpath'.length) } }]);
    const byImport = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: main.uri }, position: positionOf(main.text, 'helpers.sb', 2) })) as Location[];
    expect(byImport.map((l) => l.uri)).toEqual([helpers.uri]);
  });

  it('lists document symbols', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: main.uri } })) as DocumentSymbol[];
    const names = symbols.map((s) => s.name);
    expect(names).toEqual(['version 1', 'deny default', 'import helpers.sb', 'allow file-read*', 'allow file-write*', 'allow mach-lookup', 'allow file-lock']);
    expect(symbols.find((s) => s.name === 'allow file-write*')!.range.start).toEqual(positionOf(main.text, '(allow file-write*'));
  });

  it('offers the lint fix as a code action, and applying it clears the finding', async () => {
    const diag = mainDiagnostics.find((d) => d.code === 'lint/path-never-seen')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: main.uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('/private/tmp/build'))!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([diag]);
    const edits = fix.edit!.changes![main.uri];
    expect(edits).toHaveLength(1);
    const { diagnostics } = await client.nextDiagnostics(main.uri, () =>
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: main.uri, version: 2 }, contentChanges: [{ range: edits[0].range, text: edits[0].newText }] }),
    );
    expect(diagnostics.map((d) => d.code)).not.toContain('lint/path-never-seen');
    expect(diagnostics.map((d) => d.code)).toContain('lint/debug-noop');
  });

  it('finds imports on the configured import path (relative to the workspace) and takes -D defaults from the command line', async () => {
    client.settings = { ...client.settings, importPath: ['test/fixtures/editor'] };
    // open documents are checked again with the new settings
    await client.nextDiagnostics(main.uri, () => client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} }));
    const uri = 'untitled:Untitled-1';
    const text = '(version 1)\n(import "helpers.sb")\n(allow file-read* (literal (param "UNUSED")))\n';
    const { diagnostics } = await open(uri, text);
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '"UNUSED"', 1) });
    expect((h!.contents as MarkupContent).value).toBe('**param UNUSED** = `"1"`');
  });

  it('checks a document against the unsaved text of a file it imports', async () => {
    const helpers = fixture('helpers.sb');
    // renaming the helper in the (unsaved) imported file breaks main.sb, which uses it
    const edited = helpers.text.replace('(define (home-subpath rel)', '(define (home-path rel)');
    const own = client.nextDiagnostics(helpers.uri);
    const hasError = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error);
    const { diagnostics } = await client.nextDiagnostics(
      main.uri,
      () => client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: helpers.uri, languageId: 'sbpl', version: 1, text: edited } }),
      hasError,
    );
    // main.sb imports it, so it is checked as a fragment: no complaint about a missing (version 1)
    expect((await own).diagnostics.map((d) => d.code)).not.toContain('sbpl/no-version');
    const err = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error)!;
    expect(err.code).toBe('scheme/unbound-variable');
    expect(err.message).toContain("'home-subpath'");
    // closing it without saving brings the file on disk back
    const after = await client.nextDiagnostics(main.uri, () => client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: helpers.uri } }), (p) => !hasError(p));
    expect(after.diagnostics.map((d) => d.code)).toContain('lint/debug-noop');
  });

  it('formats a document with sbpl fmt, as minimal edits, and leaves unreadable text alone', async () => {
    const uri = fileUri(join(FIXTURES, 'unformatted.sb'));
    const text = '(version 1)\n(deny default)\n(allow file-read*   (subpath "/usr")\n      (literal "/etc/hosts"))\n';
    await open(uri, text);
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(edits.length).toBe(1);
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const e = edits[0];
    const applied = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
    expect(applied).toBe(formatSbpl(text));
    expect(applied).not.toBe(text);
    const broken = fileUri(join(FIXTURES, 'broken.sb'));
    await open(broken, '(version 1)\n(allow file-read* (subpath "/usr")\n');
    expect(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: broken }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it('re-checks open documents when the workspace configuration changes (sbpl.os)', async () => {
    client.settings = { ...client.settings, os: 'catalina-10.15' };
    const { diagnostics } = await client.nextDiagnostics(
      main.uri,
      () => client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} }),
      (p) => p.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error),
    );
    const err = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error)!;
    expect(err.code).toBe('sbpl/unknown-operation');
    expect(err.message).toContain("'file-lock' does not exist in catalina-10.15");
  });
});
