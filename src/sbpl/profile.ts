// The profile model (IR): what the front end produces from SBPL text and every later stage consumes.
// A profile is the ordered list of rules the SBPL program emitted, exactly as libsandbox's rule
// procedures saw them (after Scheme evaluation, aliases resolved), plus where each came from.

import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';

export type Action = 'allow' | 'deny';

/** How a string-valued filter compares its argument with the request's datum. */
export type StringMatch =
  | { kind: 'literal'; value: string }
  | { kind: 'prefix'; value: string }
  /** equal, or starts with value + "/"; `subpath "/"` matches every absolute path. */
  | { kind: 'subpath'; value: string }
  /** Apple regex dialect source text (after the reader: `#"..."` raw, `"..."` with escapes applied). */
  | { kind: 'regex'; source: string };

/** Network protocol words of `(remote|local PROTO "host:port")`. */
export type NetProto = 'ip' | 'ip4' | 'ip6' | 'tcp' | 'tcp4' | 'tcp6' | 'udp' | 'udp4' | 'udp6' | 'unix' | 'unix-socket';

export type FilterArgument =
  | StringMatch
  /** A number compared for equality (socket-domain 2, fsctl-command, syscall-number ...). `symbol` keeps the constant name written, if any. */
  | { kind: 'integer'; value: number; symbol?: string }
  /** file-mode: matches when the target's mode has every bit of `value`. */
  | { kind: 'mode-bits'; value: number }
  /** A named constant that is not a number in our vocabulary (target self, vnode-type SYMLINK, system-attribute apple-internal ...). */
  | { kind: 'symbol'; name: string }
  /** `(remote tcp "*:443")` / `(local ip "localhost:*")`. host is `*` or `localhost`; port a number or `*`. */
  | { kind: 'network'; proto: NetProto; host: '*' | 'localhost'; port: number | '*' }
  | { kind: 'boolean'; value: boolean }
  /** `(require-entitlement "key" [value filter])`: no value = must be boolean true. */
  | { kind: 'entitlement'; key: string; value: EntitlementValueMatch };

export type EntitlementValueMatch =
  | { kind: 'bool-true' }
  | { kind: 'present' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; match: StringMatch };

/**
 * The value a test under one of libsandbox's own entitlement filter names requires of the entitlement it names
 * (as decompilers write them): `%entitlement-is-bool-true` holds only for #t; the others (`%entitlement-is-present`
 * ...) for any value held.
 */
export function entitlementValueOf(filter: string): EntitlementValueMatch {
  return filter === '%entitlement-is-bool-true' ? { kind: 'bool-true' } : { kind: 'present' };
}

/** One primitive filter test, e.g. `(subpath "/usr")` = { filter: 'path', arg: { kind: 'subpath', value: '/usr' } }. */
export interface FilterTest {
  type: 'test';
  /** Canonical filter name in the OS vocabulary (`path`, `global-name`, `socket-domain` ...), or `entitlement` for entitlement tests. */
  filter: string;
  arg: FilterArgument;
  /** The spelling used in the source (`literal`, `subpath`, `home-subpath` is a user helper so it shows as `subpath` ...). */
  spelled: string;
  span?: SourceSpan;
}

/** Boolean structure. Several filters in one rule, or several arguments to one filter, are an implicit `any`. */
export type FilterExpr =
  | FilterTest
  | { type: 'all'; items: FilterExpr[]; span?: SourceSpan }
  | { type: 'any'; items: FilterExpr[]; span?: SourceSpan }
  | { type: 'not'; item: FilterExpr; span?: SourceSpan };

export type ModifierName =
  | 'report'
  | 'no-report'
  | 'send-signal'
  | 'message'
  | 'no-sandbox'
  | 'grant'
  | 'errno'
  | 'telemetry'
  | 'telemetry-backtrace'
  | string;

export interface Modifier {
  /** Canonical name (`no-log` is recorded as `no-report`, `termination` as `send-signal` 9). */
  name: ModifierName;
  /** Arguments: signal number for send-signal, text for message ... */
  args: Array<string | number>;
  spelled: string;
  span?: SourceSpan;
}

export type RuleOrigin =
  /** Written in the profile (or a file it imports). */
  | 'profile'
  /** Added by Apple's standard policy after the profile (policy.scm). */
  | 'standard-policy';

/** One `(allow|deny OPERATION... FILTER... MODIFIER...)` as read: action, operations, filter expression, modifiers, origin and span. */
export interface Rule {
  /** Position in emission order, 0-based; later rules have larger ids. */
  id: number;
  action: Action;
  /** Canonical operation names in the vocabulary (aliases resolved, no-op operations dropped), in the order written. */
  operations: string[];
  /**
   * The operation names as written, index for index with `operations`, when an alias changed one
   * (`sysctl-write` recorded as `sysctl*`); absent when every name was written as recorded.
   */
  operationsWritten?: string[];
  /** null = unfiltered: the rule becomes each operation's own fallback. */
  filter: FilterExpr | null;
  modifiers: Modifier[];
  /** The `(allow ...)` / `(deny ...)` form, or the call that emitted the rule when it came from a helper. */
  span?: SourceSpan;
  /** Import forms that led to the file holding `span`, outermost first. Empty for the main file. */
  importChain: SourceSpan[];
  /** Procedure calls that were active when the rule was emitted (innermost last), e.g. a `(read-only-and-issue-extensions ...)` helper. */
  callChain?: SourceSpan[];
  origin: RuleOrigin;
  /** `(apply-message-filter ...)` attached to this rule (version 2): nested rules for message-filter operations. */
  messageFilter?: { modifiers: Modifier[]; rules: Rule[] };
}

export interface ParamUse {
  name: string;
  /** The value it had (`null` = undefined, which SBPL sees as #f). */
  value: string | null;
  span?: SourceSpan;
}

export interface ImportRecord {
  /** As written: `bsd.sb`, `/System/Library/Sandbox/Profiles/bsd.sb`. */
  name: string;
  /** Where it was found. */
  resolved: string;
  span?: SourceSpan;
}

/** A read profile (the model every later stage takes): its rules in order, params, imports, files and diagnostics. */
export interface Profile {
  /** Vocabulary id the profile was checked against (`sonoma-14.4.1`, `catalina-10.15`, `any`). */
  os: string;
  /** The `(version N)` declared, or null for a fragment without one. */
  version: number | null;
  rules: Rule[];
  params: ParamUse[];
  imports: ImportRecord[];
  /** Every file read, main file first. */
  files: string[];
  /** `(trace "file")` target, if any (a no-op on modern systems). */
  trace?: string;
  /** `(debug ...)` forms seen: an empty macro since 10.11, so they log nothing (lint reports them). */
  debugForms?: SourceSpan[];
  diagnostics: Diagnostic[];
}

/** What `walkFilter`'s visitor says: go on (undefined), do not enter this part, or stop the walk. */
export const SKIP_PART = 1;
export const STOP_WALK = 2;

/**
 * Filters are DAGs: a defined filter used in several places is one object (the reader copies nothing). Visits
 * every part reachable from `roots`, depth first and left to right, iteratively (decompiled graphs nest
 * thousands deep): a test at each arrival, a require-* object entered at its first (`first` true) and only
 * announced at later ones. False when the visitor stopped the walk.
 */
export function walkFilter(roots: readonly (FilterExpr | null)[], visit: (e: FilterExpr, first: boolean) => number | void): boolean {
  const seen = new Set<FilterExpr>();
  const stack: FilterExpr[] = [];
  for (let i = roots.length - 1; i >= 0; i--) if (roots[i]) stack.push(roots[i]!);
  while (stack.length) {
    const e = stack.pop()!;
    const first = e.type === 'test' || !seen.has(e);
    const v = visit(e, first);
    if (v === STOP_WALK) return false;
    if (e.type === 'test' || !first || v === SKIP_PART) continue;
    seen.add(e);
    if (e.type === 'not') stack.push(e.item);
    else for (let i = e.items.length - 1; i >= 0; i--) stack.push(e.items[i]);
  }
  return true;
}

/** A filter expression's primitive tests, in order, each require-* object walked once (see walkFilter). */
export function filterTests(expr: FilterExpr | null): FilterTest[] {
  const out: FilterTest[] = [];
  walkFilter([expr], (e) => void (e.type === 'test' && out.push(e)));
  return out;
}

/** The require-* objects reached more than once from `roots` (null: none, the usual case: trees). */
export function sharedParts(roots: readonly (FilterExpr | null)[]): Set<FilterExpr> | null {
  let shared: Set<FilterExpr> | null = null;
  walkFilter(roots, (e, first) => void (first || (shared ??= new Set()).add(e)));
  return shared;
}

const copies = new WeakMap<FilterExpr, number>();
/**
 * Tests in `e` once every shared part is copied where it is used: what a stage that writes filters out in full
 * (compile, the JSON model) would write. A float: a decompiled graph's filters reach 1e69.
 */
export function filterCopies(e: FilterExpr | null): number {
  if (e === null) return 0;
  if (e.type === 'test') return 1;
  const hit = copies.get(e);
  if (hit !== undefined) return hit;
  const n = e.type === 'not' ? filterCopies(e.item) : e.items.reduce((s, i) => s + filterCopies(i), 0);
  copies.set(e, n);
  return n;
}
