// What a caller gives the front end and gets back: options, the file-access interface, the result.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../scheme/limits.js';
import type { Profile } from './profile.js';

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

/** How readProfile reads a profile: OS vocabulary, params, imports, preludes, preprocessing, limits. */
export interface ReadOptions {
  /** Vocabulary id (`sonoma-14.4.1` default, `catalina-10.15`, `any`). */
  os?: string;
  /** Name shown in diagnostics for the main text. */
  fileName?: string;
  /** `(param "K")` values, as `sandbox-exec -D K=V`. Missing keys evaluate to #f. */
  params?: Record<string, string>;
  /** Called for a `(param "K")` that is not in `params`: a value to use instead of #f (templates checked without their real values). */
  paramFallback?: (key: string) => string | null;
  /**
   * The process's entitlements, bound as `*entitlements*` (an alist) before the profile runs, as libsandbox
   * does for App Sandbox profiles (application.sb reads them with assoc). Unset = not bound.
   */
  entitlements?: Record<string, boolean | string | string[]>;
  /** Texts evaluated before the main one in the same environment (text concatenation, as Chromium prepends common.sb). */
  preludes?: Array<{ name: string; text: string }>;
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

/** What readProfile returns: the profile model and its diagnostics. */
export interface ReadResult {
  /** The profile; also returned (partial) when there are errors. */
  profile: Profile;
  diagnostics: Diagnostic[];
  /** No error-severity diagnostic. */
  ok: boolean;
}

/** @deprecated use ReadOptions. */
export type CompileOptions = ReadOptions;
/** @deprecated use ReadResult. */
export type CompileResult = ReadResult;
