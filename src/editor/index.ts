// Language intelligence for SBPL editors: diagnostics and lint, hover, completion, definitions, document
// symbols, code fixes and the formatting hook. Browser-safe (no Node APIs): the language server
// (src/cli/lsp) and a web page use the same functions; file access goes through a SourceProvider.

export type {
  Position,
  Range,
  Location,
  EditorDiagnostic,
  DiagnosticSeverity,
  TextEdit,
  CodeFix,
  HoverInfo,
  CompletionEntry,
  CompletionKind,
  DocumentSymbolInfo,
  SymbolKind,
  EditorSettings,
} from './types.js';
export { LineIndex } from './text.js';
export { analyzeDocument, DEFAULT_SETTINGS, type Analysis, type AnalyzeOptions, type DocumentInput, type FileView, type ImportSite } from './analysis.js';
export { editorDiagnostics } from './diagnostics.js';
export { hoverAt } from './hover.js';
export { completionsAt, describeCompletion } from './completion.js';
export { definitionAt, documentSymbols } from './navigation.js';
export { codeFixes } from './fixes.js';
export { formatDocument, formatter, type Formatter, type EditorFormatOptions } from './format.js';
export { parseTree, definitions, type SyntaxTree, type Node, type Atom, type List, type Definition } from './syntax.js';
export { describeOperation, describeFilter, describeModifier } from './docs.js';
