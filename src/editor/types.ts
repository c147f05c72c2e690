// The editor model: what the language service answers, in editor-neutral terms. Positions follow the
// Language Server Protocol (0-based line, UTF-16 character), so an LSP server passes them through and a
// web page maps them onto its own editor; kinds are words, mapped to each editor's enums at the edge.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A range in a named file (the main document, or a file it imports). */
export interface Location {
  file: string;
  range: Range;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'note';

export interface EditorDiagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  /** The front end's or lint's stable code (`sbpl/unknown-operation`, `lint/path-never-seen` ...). */
  code: string;
  /** The message, with the hint on its own line when there is one. */
  message: string;
  related: Array<{ message: string; location?: Location }>;
  /** Set when the diagnostic belongs to an imported file and is shown at the import form. */
  inImport?: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A code action that applies a lint or front-end suggestion. */
export interface CodeFix {
  title: string;
  /** Code of the diagnostic it fixes. */
  code: string;
  /** Range of that diagnostic, so an editor can attach the fix to it. */
  diagnosticRange: Range;
  edits: TextEdit[];
  /** The one obvious fix (editors apply it with a single key). */
  preferred: boolean;
}

export interface HoverInfo {
  range: Range;
  /** Markdown. */
  contents: string;
}

export type CompletionKind = 'operation' | 'filter' | 'modifier' | 'value' | 'function' | 'variable' | 'keyword' | 'parameter';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label. */
  detail?: string;
  /** The range the label replaces (the partial word under the cursor). */
  range: Range;
  /** Markdown, filled in lazily by `describeCompletion`. */
  documentation?: string;
  /** Sort key: the service lists the most likely names first. */
  sortText?: string;
}

export type SymbolKind = 'function' | 'variable' | 'rule' | 'import' | 'version';

export interface DocumentSymbolInfo {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole form. */
  range: Range;
  /** The name inside the form. */
  selectionRange: Range;
  children: DocumentSymbolInfo[];
}

/** What the service needs to know to check a document: the same choices `sbpl check` takes as flags. */
export interface EditorSettings {
  /** Vocabulary id (`sonoma-14.4.1`, `catalina-10.15`, `any`, or a short form). */
  os: string;
  /** `(param "K")` values, as `-D K=V`. */
  params: Record<string, string>;
  /** Directories searched for relative `(import "x.sb")` names, in order. */
  importPath: string[];
  /** Report lint findings as well as front-end diagnostics. */
  lint: boolean;
}
