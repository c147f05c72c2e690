// Result types of the decision engine: the fast verdict and the full explanation.

import type { Action, Modifier, Rule, RuleOrigin } from '../sbpl/profile.js';
import type { ExprTrace } from './match.js';
import type { RequestFacts } from './request.js';
import type { ResolvedPath } from './path.js';

/** Which list entry decided. */
export type DeciderKind =
  /** A rule with a filter that matched. */
  | 'filtered-rule'
  /** The operation's unfiltered rule (its local default, wherever it sits in the file). */
  | 'unfiltered-rule'
  /** The built-in fixed decision of a terminal operation (or of `default`: deny). */
  | 'fixed';

/** The fast answer: no explanation, no allocation beyond what the request needed. */
export interface Verdict {
  decision: Action;
  /** The operation list the decider was found in (the requested op or an ancestor). */
  operation: string;
  kind: DeciderKind;
  /** The deciding rule; null for a fixed decision. */
  rule: Rule | null;
  /** Modifiers of the deciding rule. */
  modifiers: readonly Modifier[];
  /** 'symlink-traversal' when a symlink crossed on the way was refused file-read-metadata. */
  check: 'main' | 'symlink-traversal';
  /** For check = symlink-traversal: the link that was refused. */
  link?: string;
}

export interface RuleRef {
  id: number;
  action: Action;
  operations: string[];
  /** The filter as SBPL-ish text, or `(no filter)`. */
  filter: string;
  /** `file:line:col`, or `<unknown>` for rules built without spans. */
  location: string;
  /** Import chain, outermost first, as `file:line:col` of each import form. */
  importChain: string[];
  origin: RuleOrigin;
  modifiers: Modifier[];
}

export interface ConsultedRule {
  /** The operation list walked. */
  operation: string;
  rule: RuleRef;
  /** Filtered rules: did the filter match? Unfiltered rules always match. */
  matched: boolean;
  kind: 'filtered-rule' | 'unfiltered-rule';
  /** One-line reason. */
  why: string;
  trace?: ExprTrace;
}

export interface DeciderInfo {
  kind: DeciderKind;
  operation: string;
  /** Present for rule deciders. */
  rule?: RuleRef;
  /** For fixed decisions: where the fixed decision comes from. */
  fixedReason?: string;
  /** Evidence grade of the operation's fixed decision / parent edge (vocabulary). */
  evidence?: string;
}

export interface SymlinkCheck {
  link: string;
  target: string;
  /** file-read-metadata on the link itself. */
  decision: Action;
  decidedBy: DeciderInfo;
  chain: string[];
}

/** The verdict with its reasons: the deciding rule, the fallback chain walked, path resolution, symlink checks, notes. */
export interface Explanation {
  decision: Action;
  /** The requested operation (canonical name). */
  operation: string;
  /** As requested, when it was an alias (`process-exec`). */
  requestedAs?: string;
  /** Which check decided: the main check, or a symlink traversal check that refused. */
  check: 'main' | 'symlink-traversal';
  decidedBy: DeciderInfo;
  /** Operations walked for the main check, ending at the one that decided. */
  chain: string[];
  /** `file-read-data → file-read* → default` */
  chainText: string;
  /** Operations that would come next but were never consulted. */
  notConsulted: string[];
  /** Every rule consulted in the main check, in consultation order. */
  consulted: ConsultedRule[];
  /** Earlier unfiltered rules that a later unfiltered rule on the same operation replaced. */
  replaced: RuleRef[];
  modifiers: Modifier[];
  /** Would the kernel log it (deny without no-report, allow with report)? */
  reported: boolean;
  message?: string;
  signal?: number;
  errno?: string;
  /** Request facts after resolution (kernel path, node facts from the file-system table). */
  facts: RequestFacts;
  resolvedPath?: ResolvedPath;
  symlinkChecks: SymlinkCheck[];
  /** Modelling choices in force and assumptions that affected this answer ("verify" items). */
  options: Record<string, string | boolean>;
  notes: string[];
}
