// Front end entry point: SBPL text -> Profile (IR) + diagnostics.
// Pure: file access goes through a SourceProvider so the same code runs in a browser.

import type { Diagnostic } from './diagnostics.js';
import type { Profile } from './profile.js';

export type { Profile, Rule, FilterExpr, FilterTest, FilterArgument, Modifier, StringMatch, Action } from './profile.js';
export type { Diagnostic, SourceSpan } from './diagnostics.js';

/** How the front end reads files (the main profile's imports). */
export interface SourceProvider {
  /** Text of the file at `path`, or undefined if it cannot be read. */
  read(path: string): string | undefined;
  /** Whether `path` is absolute in the provider's file system. */
  isAbsolute(path: string): boolean;
  /** Join a directory and a name. */
  join(dir: string, name: string): string;
  /** Canonical key for cycle detection (e.g. realpath). */
  canonical?(path: string): string;
}

export interface Limits {
  /** Evaluation steps (procedure applications + special forms). */
  maxSteps: number;
  /** Nested evaluation depth. */
  maxDepth: number;
  /** Rules emitted. */
  maxRules: number;
  /** Characters in any one string built at run time. */
  maxStringLength: number;
  /** Nested imports. */
  maxImportDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxSteps: 20_000_000,
  maxDepth: 10_000,
  maxRules: 1_000_000,
  maxStringLength: 1 << 20,
  maxImportDepth: 32,
};

export interface CompileOptions {
  /** Vocabulary id (`sonoma-14.4.1` default, `catalina-10.15`, `any`). */
  os?: string;
  /** Name shown in diagnostics for the main text. */
  fileName?: string;
  /** `(param "K")` values, as `sandbox-exec -D K=V`. Missing keys evaluate to #f. */
  params?: Record<string, string>;
  /** Directories searched for relative `(import "x.sb")` names, in order. */
  importPath?: string[];
  /** File access for imports; without it, every import fails with a diagnostic. */
  sources?: SourceProvider;
  /** Run C-preprocessor directives (#if/#ifdef/#include/#define) first; `true` or a map of macro definitions. */
  preprocess?: boolean | Record<string, string>;
  /** Append Apple's standard policy rules (policy.scm) after the profile. Default true. */
  standardPolicy?: boolean;
  /** Accept fragments without `(version 1)` (no error). Default false. */
  fragment?: boolean;
  limits?: Partial<Limits>;
}

export interface CompileResult {
  /** The profile; also returned (partial) when there are errors. */
  profile: Profile;
  diagnostics: Diagnostic[];
  /** No error-severity diagnostic. */
  ok: boolean;
}

export { compileSbpl } from './compile.js';
