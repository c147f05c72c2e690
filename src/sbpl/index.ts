// Front end entry point: SBPL text -> Profile (IR) + diagnostics.
// Pure: file access goes through a SourceProvider so the same code runs in a browser.

export type { Profile, Rule, FilterExpr, FilterTest, FilterArgument, Modifier, StringMatch, Action } from './profile.js';
export type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
export type { SourceProvider, ReadOptions, ReadResult } from './options.js';
export type { Limits } from '../scheme/limits.js';
export { DEFAULT_LIMITS } from '../scheme/limits.js';
export { readProfile } from './compile.js';
export { memorySources } from './memory-sources.js';
export { formatSbpl, formatSyntaxTree, isFormatted, DEFAULT_FORMAT_WIDTH, type FormatOptions } from './fmt/format.js';
/** The typed profile builder (`sbpl.profile(...)`, `sbpl.allow(...)`, `sbpl.subpath(...)` ...). */
export * as sbpl from './builder/index.js';
