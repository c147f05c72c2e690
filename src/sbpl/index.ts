// Front end entry point: SBPL text -> Profile (IR) + diagnostics.
// Pure: file access goes through a SourceProvider so the same code runs in a browser.

export type { Profile, Rule, FilterExpr, FilterTest, FilterArgument, Modifier, StringMatch, Action } from './profile.js';
export type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
export type { SourceProvider, CompileOptions, CompileResult } from './options.js';
export type { Limits } from '../scheme/limits.js';
export { DEFAULT_LIMITS } from '../scheme/limits.js';
export { compileSbpl } from './compile.js';
export { memorySources } from './memory-sources.js';
