// One pass over a document for every editor feature: the front end's result and lint (what `sbpl check`
// reports), plus the tolerant syntax tree, the `define`d names of the document and of the files it
// imports, and line indexes to turn the front end's offsets into editor positions.

import { readProfile, type ReadResult, type Diagnostic, type SourceProvider } from '../sbpl/index.js';
import { lintProfile } from '../decide/lint.js';
import { DEFAULT_OS, getVocab, hasVocabulary, normalizeOsId, type Vocab } from '../vocab/all.js';
import { LineIndex } from './text.js';
import { definitions, headName, parseTree, type Definition, type List, type SyntaxTree } from './syntax.js';
import type { EditorSettings } from './types.js';

export interface DocumentInput {
  /** The name diagnostics use for this text: a file path where there is one. */
  name: string;
  text: string;
}

/** A file the document reads (itself, or an import), read once per analysis. */
export interface FileView {
  name: string;
  text: string;
  lines: LineIndex;
  tree: SyntaxTree;
}

export interface ImportSite {
  /** As written in `(import "name")`. */
  name: string;
  /** The `(import ...)` form in the document. */
  form: List;
  /** Where the file was found, or undefined when it cannot be read. */
  resolved?: string;
}

export interface Analysis {
  doc: FileView;
  settings: EditorSettings;
  /** The vocabulary the settings select (the default one when `settings.os` is unknown). */
  vocab: Vocab;
  result: ReadResult;
  /** Front-end diagnostics, then lint findings (lint runs when the profile compiles, as `sbpl check` does). */
  diagnostics: Diagnostic[];
  imports: ImportSite[];
  /** `define`d names: the document's first, then each imported file's. */
  definitions: Array<{ file: FileView; def: Definition }>;
  /** Text of a file the diagnostics or definitions point into, or undefined when it cannot be read. */
  file(name: string): FileView | undefined;
}

export const DEFAULT_SETTINGS: EditorSettings = { os: DEFAULT_OS, params: {}, importPath: [], lint: true };

export interface AnalyzeOptions {
  /** File access for imports (a browser page passes memorySources; the LSP passes the file system plus open documents). */
  sources?: SourceProvider;
  /** Give every `(param "K")` missing from settings.params a placeholder path, as `sbpl check --param-placeholders`. */
  paramPlaceholders?: boolean;
  /** Accept the text without `(version 1)`: a file other profiles import. */
  fragment?: boolean;
}

export function analyzeDocument(input: DocumentInput, settings: EditorSettings = DEFAULT_SETTINGS, options: AnalyzeOptions = {}): Analysis {
  const sources = options.sources;
  const views = new Map<string, FileView | null>();
  const view = (name: string, text: string): FileView => ({ name, text, lines: new LineIndex(text), tree: parseTree(text) });
  const doc = view(input.name, input.text);
  views.set(doc.name, doc);
  const osId = normalizeOsId(settings.os || DEFAULT_OS);
  const vocab = getVocab(hasVocabulary(osId) ? osId : DEFAULT_OS);
  const result = readProfile(input.text, {
    os: settings.os || DEFAULT_OS,
    fileName: input.name,
    params: settings.params,
    importPath: settings.importPath,
    sources,
    paramFallback: options.paramPlaceholders ? (key: string) => `/__PARAM_${key}__` : undefined,
    fragment: options.fragment,
  });
  const diagnostics = [...result.diagnostics];
  if (result.ok && settings.lint) {
    try {
      diagnostics.push(...lintProfile(result.profile, getVocab(result.profile.os)));
    } catch (e) {
      diagnostics.push({ severity: 'warning', code: 'internal', message: `lint stopped: ${e instanceof Error ? e.message : String(e)} (please report this)` });
    }
  }
  const file = (name: string): FileView | undefined => {
    const hit = views.get(name);
    if (hit !== undefined) return hit ?? undefined;
    let text: string | undefined;
    if (name === `<standard policy ${result.profile.os}>`) text = getVocab(result.profile.os).data.standardPolicy;
    else text = sources?.read(name);
    const v = text === undefined ? null : view(name, text);
    views.set(name, v);
    return v ?? undefined;
  };
  const imports = importSites(doc, result, settings, sources);
  const defs: Analysis['definitions'] = definitions(doc.tree).map((def) => ({ file: doc, def }));
  const seen = new Set<string>([doc.name]);
  // imported files' own imports too, in the order the front end read them
  const importedFiles = [...result.profile.imports.map((i) => i.resolved), ...imports.map((i) => i.resolved).filter((r): r is string => !!r)];
  for (const name of importedFiles) {
    if (seen.has(name)) continue;
    seen.add(name);
    const f = file(name);
    if (f) for (const def of definitions(f.tree)) defs.push({ file: f, def });
  }
  return { doc, settings, vocab, result, diagnostics, imports, definitions: defs, file };
}

/** `(import "name")` forms of the document, with where the front end (or the import path) finds each. */
function importSites(doc: FileView, result: ReadResult, settings: EditorSettings, sources: SourceProvider | undefined): ImportSite[] {
  const out: ImportSite[] = [];
  const walk = (items: SyntaxTree['forms']) => {
    for (const nd of items) {
      if (nd.kind !== 'list') continue;
      const arg = nd.items[1];
      if (headName(nd) === 'import' && arg && arg.kind === 'string' && arg.value !== undefined) {
        const record = result.profile.imports.find((r) => r.span && r.span.file === doc.name && r.span.offset === nd.start);
        out.push({ name: arg.value, form: nd, resolved: record?.resolved ?? findImport(arg.value, settings, sources) });
      } else walk(nd.items);
    }
  };
  walk(doc.tree.forms);
  return out;
}

/** The import path search the front end does, for imports it did not reach (an earlier error stopped it). */
function findImport(name: string, settings: EditorSettings, sources: SourceProvider | undefined): string | undefined {
  if (!sources) return undefined;
  const dirs = settings.params['IMPORT_DIR'] ? [settings.params['IMPORT_DIR']] : settings.importPath;
  const candidates = sources.isAbsolute(name) ? [name] : dirs.map((d) => sources.join(d, name));
  return candidates.find((c) => sources.read(c) !== undefined);
}
