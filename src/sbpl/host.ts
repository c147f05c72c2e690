// The SBPL layer's host state: what one run of a profile collects (rules, params, imports, version ...).
// The natives live in an environment built once per vocabulary and shared by every run, so they reach the
// run's state as ctx.interp.host: the interpreter carries SbplState as its Host type parameter.

import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import type { Env } from '../scheme/env.js';
import { SchemeError } from '../scheme/errors.js';
import { Primitive, type PrimitiveContext, type PrimitiveFn } from '../scheme/procedures.js';
import type { Src } from '../scheme/source.js';
import type { Vocab } from '../vocab/index.js';
import type { OperationInfo } from '../vocab/types.js';
import type { FilterExpr, ImportRecord, Modifier, ParamUse, Rule, RuleOrigin } from './profile.js';

export interface SbplState {
  vocab: Vocab;
  params: Record<string, string>;
  rules: Rule[];
  /** Where allow/deny put rules (swapped while collecting an apply-message-filter body). */
  sink: Rule[];
  paramUses: Map<string, ParamUse>;
  imports: ImportRecord[];
  /** Files being evaluated, outermost first; `chain` caches the import spans rules at that level record. */
  importStack: Array<{ key: string; name: string; src?: Src; chain?: SourceSpan[] }>;
  contextFilters: FilterExpr[];
  contextModifiers: Modifier[];
  contextOperations: OperationInfo[][];
  version: number | null;
  versionSrc?: Src;
  /** Rules emitted so far, nested apply-message-filter rules included (bounded by Limits.maxRules). */
  ruleCount: number;
  trace?: string;
  warnings: Diagnostic[];
  debugForms: SourceSpan[];
  origin: RuleOrigin;
  storageClasses: Set<string>;
  paramFallback?: (key: string) => string | null;
  /** Load and evaluate another file (import); provided by the compile driver. */
  load(name: string, src: Src | undefined, ctx: SbplContext): void;
  /** Include a C-preprocessor #include'd file (with --preprocess). */
  include(name: string, src: Src | undefined, ctx: SbplContext): void;
}

/** What an SBPL native receives: the interpreter (its host is the run's SbplState), the call's span, the environment. */
export type SbplContext = PrimitiveContext<SbplState>;
export type SbplPrimitiveFn = PrimitiveFn<SbplState>;

/** One group of natives (filters, rules, modifiers ...), installed into a vocabulary's base environment. */
export type InstallNatives = (env: Env, vocab: Vocab) => void;

/** `define` of a native procedure in `env`, with its arity bounds. */
export function nativeDefiner(env: Env): (name: string, fn: SbplPrimitiveFn, min?: number, max?: number) => void {
  return (name, fn, min = 0, max = Infinity) => env.define(name, new Primitive<SbplState>(name, fn, min, max));
}

/** An SBPL error without a location: the interpreter attaches the span of the call that raised it. */
export function sbplError(message: string, code: string, hint?: string): SchemeError {
  return new SchemeError(message, code, undefined, hint);
}
