// sbpl-kit's root entry: the browser-safe core, read -> decide, over the OS vocabularies. An explicit, curated list
// (test/index.test.ts holds it): everything else is a subpath of package.json "exports" — `sbpl-kit/lint`,
// `sbpl-kit/fmt`, `sbpl-kit/builder`, `sbpl-kit/query`, `sbpl-kit/blob`, `sbpl-kit/regex`, `sbpl-kit/diff`,
// `sbpl-kit/learn`, `sbpl-kit/editor`, `sbpl-kit/vocab` and the Node-only `sbpl-kit/runtime`.

// Reading a profile (text -> model + located diagnostics).
export { readProfile } from './sbpl/compile.js';
export { memorySources } from './sbpl/memory-sources.js';
export type { ReadOptions, ReadResult, SourceProvider } from './sbpl/options.js';
export type { Profile, Rule, FilterExpr } from './sbpl/profile.js';
export type { Diagnostic, SourceSpan } from './diagnostics/diagnostic.js';
export { formatDiagnostic } from './diagnostics/diagnostic.js';

// Deciding a request as the kernel would, and why.
export { DecisionEngine, decideRequest, type EngineOptions } from './decide/engine.js';
export type { Request, RequestFacts } from './decide/request.js';
export type { Verdict, Explanation } from './decide/types.js';
export { formatExplanation } from './decide/explain.js';

// The per-OS vocabularies (operations, filters, modifiers and their fallback tree).
export { DEFAULT_OS, Vocab, getVocab, listVocabularies } from './vocab/index.js';
export type { OperationInfo, FilterInfo } from './vocab/types.js';

export { VERSION } from './version.js';
