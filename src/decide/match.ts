// Does a filter (FilterTest / FilterExpr) match a request's facts? Independent of rule lists, so the
// decision engine and the compiled-graph evaluator share it.
//
// Paths are compared as given: the caller passes facts whose `path` is already the kernel's spelling
// (see path.ts; the engine does this). A filter whose datum is absent from the request does not match,
// and `require-not` of it does (docs/semantics.md §3.5).

import { argToSbpl, filterToSbpl, SHOWN_FILTER_CHARS, testToSbpl } from '../sbpl/print.js';
import { sharedParts, type EntitlementValueMatch, type FilterArgument, type FilterExpr, type FilterTest, type StringMatch } from '../sbpl/profile.js';
import type { NetEndpoint, RequestFacts } from './request.js';
import { networkMatches } from './network.js';
import { describeFilter } from '../sbpl/values.js';
import { RegexCache } from '../regex/index.js';
import type { Vocab } from '../vocab/index.js';

export interface MatchOptions {
  /**
   * `(subpath "/d/")` with a trailing slash: 'strip' (default) = same as `(subpath "/d")`, the most likely
   * meaning (docs/semantics.md §3.2, unverified); 'literal' = the pattern keeps its slash (matches only below /d/).
   */
  subpathTrailingSlash?: 'strip' | 'literal';
}

export interface MatchEnv {
  regexes: RegexCache;
  /** Named values of symbol/integer filters (`AF_INET` -> 2), by filter name; lets `(socket-domain AF_INET)` meet a numeric datum. */
  symbolValues?: (filter: string, name: string) => number | undefined;
  options?: MatchOptions;
}

export function createMatchEnv(init: Partial<MatchEnv> = {}): MatchEnv {
  return { regexes: init.regexes ?? new RegexCache(), symbolValues: init.symbolValues, options: init.options ?? {} };
}

/** Compiled regexes shared by every engine and graph evaluator not given a cache of its own. */
const sharedRegexes = new RegexCache();

/** The matching environment of a vocabulary: symbol arguments read as its filter values and constants. */
export function vocabMatchEnv(vocab: Vocab, options: { regexes?: RegexCache; match?: MatchOptions } = {}): MatchEnv {
  return createMatchEnv({
    regexes: options.regexes ?? sharedRegexes,
    options: options.match,
    symbolValues: (filter, name) => vocab.filter(filter)?.values?.[name] ?? vocab.data.constants[name],
  });
}

/** What a filter reads from the request. */
export type Datum = string | number | boolean | string[] | Array<string | number> | NetEndpoint | Record<string, unknown> | undefined;

/** The request datum a filter reads, by canonical filter name. */
export function datumOf(filter: string, f: RequestFacts): Datum {
  // most frequent first: a string switch compares case by case
  switch (filter) {
    case 'path':
      return f.path ?? f.socketPath;
    case 'extension':
      return f.extensions;
    case 'mount-relative-path':
      return f.mountRelativePath;
    case 'xattr':
      return f.xattr;
    case 'file-mode':
      return f.fileMode;
    case 'vnode-type':
      return f.vnodeType;
    case 'ipc-posix-name':
      return f.ipcPosixName;
    case 'global-name':
      return f.serviceKind === undefined || f.serviceKind === 'global' ? f.serviceName : undefined;
    case 'local-name':
      return f.serviceKind === 'local' ? f.serviceName : undefined;
    case 'xpc-service-name':
      return f.serviceKind === 'xpc' ? f.serviceName : undefined;
    case 'remote':
      return f.remote;
    case 'local':
      return f.local;
    case 'control-name':
      return f.controlName;
    case 'socket-domain':
      return f.socketDomain ?? impliedSocket(f, 0);
    case 'socket-type':
      return f.socketType ?? impliedSocket(f, 1);
    case 'socket-protocol':
      return f.socketProtocol ?? impliedSocket(f, 2);
    case 'target':
      return f.target;
    case 'signal-number':
      return f.signalNumber;
    case 'sysctl-name':
      return f.sysctlName;
    case 'preference-domain':
      return f.preferenceDomain;
    case 'notification-name':
      return f.notificationName;
    case 'iokit-registry-entry-class':
      return f.iokitClass;
    case 'iokit-property':
      return f.iokitProperty;
    case 'appleevent-destination':
      return f.appleeventDestination;
    case 'right-name':
      return f.rightName;
    case 'extension-class':
      return f.extensionClass;
    case 'kext-bundle-id':
      return f.kextBundleId;
    case 'nvram-variable':
      return f.nvramVariable;
    case 'process-path':
      return f.processPath;
    case 'signing-identifier':
      return f.signingIdentifier;
    case 'entitlement':
    case '%entitlement-is-bool-true':
    case '%entitlement-is-present':
      return f.entitlements;
    default:
      return f.other?.[filter];
  }
}

/**
 * Socket facts implied by the endpoint when the request does not state them: domain AF_INET=2 /
 * AF_INET6=30 / AF_UNIX=1, type SOCK_STREAM=1 / SOCK_DGRAM=2, protocol IPPROTO_TCP=6 / IPPROTO_UDP=17
 * (<sys/socket.h>, <netinet/in.h>). which: 0 domain, 1 type, 2 protocol.
 */
export function impliedSocket(f: RequestFacts, which: 0 | 1 | 2): number | undefined {
  const ep = f.remote ?? f.local;
  if (ep !== undefined) {
    if (which === 0) return ep.family === 'inet6' ? 30 : 2;
    if (which === 1) return ep.proto === 'tcp' ? 1 : 2;
    return ep.proto === 'tcp' ? 6 : 17;
  }
  if (f.socketPath !== undefined) return which === 0 ? 1 : which === 1 ? 1 : undefined;
  return undefined;
}

/** Human name of the datum a filter reads, for "absent" explanations. */
export function datumLabel(filter: string): string {
  switch (filter) {
    case 'path':
      return 'path';
    case 'global-name':
      return 'global service name (serviceKind global)';
    case 'local-name':
      return 'local service name (serviceKind local)';
    case 'xpc-service-name':
      return 'XPC service name (serviceKind xpc)';
    case 'remote':
      return 'remote endpoint';
    case 'local':
      return 'local endpoint';
    case 'entitlement':
    case '%entitlement-is-bool-true':
    case '%entitlement-is-present':
      return 'entitlements';
    case 'extension':
      return 'sandbox extensions';
    default:
      return filter;
  }
}

// ---------------------------------------------------------------------------------------------------
// String comparisons

/** The directory a `(subpath ...)` argument names, after the subpathTrailingSlash reading. */
export function subpathValue(value: string, env: MatchEnv): string {
  if (env.options?.subpathTrailingSlash === 'literal') return value;
  return value.length > 1 && value.endsWith('/') ? value.replace(/\/+$/, '') || '/' : value;
}

export function stringMatches(m: StringMatch, s: string, env: MatchEnv): boolean {
  switch (m.kind) {
    case 'literal':
      return s === m.value;
    case 'prefix':
      return s.startsWith(m.value);
    case 'subpath': {
      const v = subpathValue(m.value, env);
      if (v === '/') return s.startsWith('/');
      return s === v || (s.startsWith(v) && s.charCodeAt(v.length) === 47);
    }
    case 'regex':
      return env.regexes.get(m.source).test(s);
  }
}

function valuesOf(d: Datum): Array<string | number | boolean> {
  if (Array.isArray(d)) return d;
  if (d === undefined || typeof d === 'object') return [];
  return [d];
}

function entitlementMatches(arg: { key: string; value: EntitlementValueMatch }, ents: unknown, env: MatchEnv): boolean {
  if (typeof ents !== 'object' || ents === null) return false;
  const table = ents as Record<string, unknown>;
  if (!Object.hasOwn(table, arg.key)) return false;
  const v = table[arg.key];
  switch (arg.value.kind) {
    case 'present':
      return true;
    case 'bool-true':
      return v === true;
    case 'boolean':
      return v === arg.value.value;
    case 'string': {
      const m = arg.value.match;
      if (typeof v === 'string') return stringMatches(m, v, env);
      if (Array.isArray(v)) return v.some((x) => typeof x === 'string' && stringMatches(m, x, env));
      return false;
    }
  }
}

/** Does one argument match the datum? */
export function argumentMatches(filter: string, arg: FilterArgument, d: Datum, env: MatchEnv): boolean {
  if (d === undefined) return false;
  switch (arg.kind) {
    case 'literal':
    case 'prefix':
    case 'subpath':
    case 'regex':
      return valuesOf(d).some((x) => typeof x === 'string' && stringMatches(arg, x, env));
    case 'integer':
      return valuesOf(d).some((x) => x === arg.value || (arg.symbol !== undefined && x === arg.symbol));
    case 'mode-bits':
      return typeof d === 'number' && (d & arg.value) === arg.value;
    case 'symbol': {
      const num = env.symbolValues?.(filter, arg.name);
      return valuesOf(d).some((x) => x === arg.name || (typeof x === 'number' && num !== undefined && x === num));
    }
    case 'boolean':
      return valuesOf(d).some((x) => x === arg.value);
    case 'network': {
      if (arg.proto === 'unix' || arg.proto === 'unix-socket') return false; // unix sockets match by path
      const ep = d as NetEndpoint;
      return typeof ep === 'object' && !Array.isArray(ep) && typeof ep.port === 'number' && networkMatches(arg, ep);
    }
    case 'entitlement':
      return entitlementMatches(arg, d, env);
  }
}

/** Datum used by a test: `(remote unix ...)` style network tests read the socket path. */
function testDatum(t: FilterTest, f: RequestFacts): Datum {
  if (t.arg.kind === 'network' && (t.arg.proto === 'unix' || t.arg.proto === 'unix-socket')) return f.socketPath;
  return datumOf(t.filter, f);
}

export function testMatches(t: FilterTest, f: RequestFacts, env: MatchEnv): boolean {
  const d = testDatum(t, f);
  if (t.arg.kind === 'network' && (t.arg.proto === 'unix' || t.arg.proto === 'unix-socket')) return typeof d === 'string';
  return argumentMatches(t.filter, t.arg, d, env);
}

/** Interpretive evaluation of a filter expression (null = unfiltered = always matches). */
export function exprMatches(e: FilterExpr | null, f: RequestFacts, env: MatchEnv): boolean {
  if (e === null) return true;
  switch (e.type) {
    case 'test':
      return testMatches(e, f, env);
    case 'all':
      for (const i of e.items) if (!exprMatches(i, f, env)) return false;
      return true;
    case 'any':
      for (const i of e.items) if (exprMatches(i, f, env)) return true;
      return false;
    case 'not':
      return !exprMatches(e.item, f, env);
  }
}

// ---------------------------------------------------------------------------------------------------
// Compiled matchers: closures with regexes compiled once, for the decision hot path.

export type FactsMatcher = (f: RequestFacts) => boolean;

const ALWAYS: FactsMatcher = () => true;
const NEVER: FactsMatcher = () => false;

/** Fast getter for the datum of a filter (avoids the switch per call for common filters). */
export function getterFor(filter: string): (f: RequestFacts) => Datum {
  switch (filter) {
    case 'path':
      return (f) => f.path ?? f.socketPath;
    case 'global-name':
      return (f) => (f.serviceKind === undefined || f.serviceKind === 'global' ? f.serviceName : undefined);
    case 'vnode-type':
      return (f) => f.vnodeType;
    // one closure per frequent filter: its own property access instead of datumOf's string switch per call
    case 'local-name':
      return (f) => (f.serviceKind === 'local' ? f.serviceName : undefined);
    case 'xpc-service-name':
      return (f) => (f.serviceKind === 'xpc' ? f.serviceName : undefined);
    case 'mount-relative-path':
      return (f) => f.mountRelativePath;
    case 'xattr':
      return (f) => f.xattr;
    case 'sysctl-name':
      return (f) => f.sysctlName;
    case 'preference-domain':
      return (f) => f.preferenceDomain;
    case 'iokit-registry-entry-class':
      return (f) => f.iokitClass;
    // and those the one-by-one entries of a list test most
    case 'file-mode':
      return (f) => f.fileMode;
    case 'extension':
      return (f) => f.extensions;
    default:
      return (f) => datumOf(filter, f);
  }
}

/** A test of the datum's string: the one string, or any string among several values. */
function stringTest(get: (f: RequestFacts) => Datum, one: (s: string) => boolean): FactsMatcher {
  return (f) => {
    const d = get(f);
    return typeof d === 'string' ? one(d) : Array.isArray(d) && d.some((x) => typeof x === 'string' && one(x));
  };
}

export function compileTest(t: FilterTest, env: MatchEnv): FactsMatcher {
  const arg = t.arg;
  if (arg.kind === 'network' && (arg.proto === 'unix' || arg.proto === 'unix-socket')) return (f) => typeof f.socketPath === 'string';
  const get = getterFor(t.filter);
  switch (arg.kind) {
    case 'literal': {
      const v = arg.value;
      return stringTest(get, (d) => d === v);
    }
    case 'prefix': {
      const v = arg.value;
      return stringTest(get, (d) => d.startsWith(v));
    }
    case 'subpath': {
      const v = subpathValue(arg.value, env);
      if (v === '/') return stringTest(get, (d) => d.charCodeAt(0) === 47);
      const n = v.length;
      return stringTest(get, (d) => d.startsWith(v) && (d.length === n || d.charCodeAt(n) === 47));
    }
    case 'regex': {
      const re = env.regexes.get(arg.source);
      return stringTest(get, (d) => re.test(d));
    }
    default:
      return (f) => argumentMatches(t.filter, arg, get(f), env);
  }
}

/**
 * A filter as one closure. Filters are DAGs (a defined filter used twice is one object, see filterTests), and a
 * decompiled graph's can be 1e69 tests once copied out: each object is compiled once, and one reached more than
 * once evaluates once per request (its cell keeps the verdict of the current evaluation), so a decision costs
 * at most the filter's size, never its copied-out size.
 */
export function compileExpr(e: FilterExpr | null, env: MatchEnv): FactsMatcher {
  if (e === null) return ALWAYS;
  const shared = e.type === 'test' ? null : sharedParts([e]);
  const body = compileTree(e, env, shared, new Map());
  return shared ? (f) => (evaluation++, body(f)) : body;
}

/** Counts top-level evaluations of filters with shared parts: a shared part's cell is valid within one. */
let evaluation = 0;

function compileTree(e: FilterExpr, env: MatchEnv, shared: Set<FilterExpr> | null, compiled: Map<FilterExpr, FactsMatcher>): FactsMatcher {
  if (e.type === 'test') return compileTest(e, env);
  let m = compiled.get(e);
  if (m) return m;
  if (e.type === 'not') {
    const inner = compileTree(e.item, env, shared, compiled);
    m = (f) => !inner(f);
  } else {
    // AND / OR have no side effects: evaluate cheap tests first (usually-absent data, exact compares),
    // regexes last. The result is the same in any order.
    const parts = [...e.items].sort((a, b) => exprCost(a) - exprCost(b)).map((i) => compileTree(i, env, shared, compiled));
    // one loop per kind: this is the decision hot path
    if (parts.length < 2) m = parts[0] ?? (e.type === 'all' ? ALWAYS : NEVER);
    else if (e.type === 'all')
      m = (f) => {
        for (let i = 0; i < parts.length; i++) if (!parts[i](f)) return false;
        return true;
      };
    else
      m = (f) => {
        for (let i = 0; i < parts.length; i++) if (parts[i](f)) return true;
        return false;
      };
  }
  if (shared?.has(e)) {
    const inner = m;
    let at = -1;
    let verdict = false;
    m = (f) => (at === evaluation ? verdict : ((at = evaluation), (verdict = inner(f))));
  }
  compiled.set(e, m);
  return m;
}

const costs = new WeakMap<FilterExpr, number>();
/** Rough evaluation cost, to order the items of require-all / require-any (once per object: filters are DAGs). */
export function exprCost(e: FilterExpr): number {
  switch (e.type) {
    case 'test':
      if (e.filter === 'path' || e.filter === 'global-name' || e.filter === 'sysctl-name') {
        return e.arg.kind === 'regex' ? 50 : e.arg.kind === 'literal' ? 3 : 5;
      }
      return e.arg.kind === 'regex' ? 40 : 1;
    case 'not':
      return exprCost(e.item) + 1;
    case 'all':
    case 'any': {
      let c = costs.get(e);
      if (c === undefined) {
        c = e.items.reduce((n, i) => n + exprCost(i), 1);
        costs.set(e, c);
      }
      return c;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Explanations: why a filter did or did not match.

export interface TestTrace {
  type: 'test';
  /** `(subpath "/private/tmp")` as written (spelling + argument). */
  text: string;
  matched: boolean;
  /** Why: `'/a/b' is under '/a'`, `no path in the request` ... */
  reason: string;
}

export type ExprTrace =
  | TestTrace
  | { type: 'all' | 'any'; matched: boolean; items: ExprTrace[] }
  | { type: 'not'; matched: boolean; item: ExprTrace }
  /** A part reached again (filters are DAGs): its verdict, traced in full where first reached. */
  | { type: 'shared'; matched: boolean; text: string };

export function describeArg(arg: FilterArgument): string {
  return argToSbpl({ filter: 'entitlement' }, arg);
}

export function describeTest(t: FilterTest): string {
  return testToSbpl(t);
}

export function describeExpr(e: FilterExpr | null): string {
  return e === null ? '(no filter)' : filterToSbpl(e, undefined, SHOWN_FILTER_CHARS);
}

function showDatum(d: Datum): string {
  if (typeof d === 'string') return JSON.stringify(d);
  if (typeof d === 'number') return String(d);
  if (d !== null && typeof d === 'object' && !Array.isArray(d) && 'port' in d) {
    const ep = d as NetEndpoint;
    return `${ep.proto}/${ep.family} ${ep.family === 'inet6' ? `[${ep.host}]` : ep.host}:${ep.port}`;
  }
  return JSON.stringify(d);
}

function testReason(t: FilterTest, f: RequestFacts, matched: boolean, env: MatchEnv): string {
  const arg = t.arg;
  if (arg.kind === 'network' && (arg.proto === 'unix' || arg.proto === 'unix-socket')) {
    return f.socketPath ? `unix socket ${JSON.stringify(f.socketPath)}` : 'not a unix-socket request';
  }
  const d = datumOf(t.filter, f);
  if (d === undefined) return `no ${datumLabel(t.filter)} in the request`;
  const shown = showDatum(d);
  switch (arg.kind) {
    case 'literal':
      return matched ? `${shown} equals ${JSON.stringify(arg.value)}` : `${shown} is not exactly ${JSON.stringify(arg.value)}`;
    case 'prefix':
      return matched ? `${shown} starts with ${JSON.stringify(arg.value)}` : `${shown} does not start with ${JSON.stringify(arg.value)}`;
    case 'subpath': {
      const v = subpathValue(arg.value, env);
      if (matched) return `${shown} is ${typeof d === 'string' && d === v ? 'exactly' : 'under'} ${JSON.stringify(v)}`;
      if (typeof d === 'string' && d.startsWith(v)) return `${shown} starts with ${JSON.stringify(v)} but not at a '/' boundary`;
      return `${shown} is not ${JSON.stringify(v)} or below it`;
    }
    case 'regex':
      return matched ? `#"${arg.source}" occurs in ${shown}` : `#"${arg.source}" does not occur anywhere in ${shown}`;
    case 'mode-bits':
      return `mode ${typeof d === 'number' ? '#o' + d.toString(8).padStart(4, '0') : shown} ${matched ? 'has' : 'lacks'} bits ${describeArg(arg)}`;
    case 'network':
      return `${shown} ${matched ? 'matches' : 'does not match'} ${describeArg(arg)}`;
    case 'entitlement': {
      const ents = d as Record<string, unknown>;
      if (!Object.hasOwn(ents, arg.key)) return `entitlement ${JSON.stringify(arg.key)} not held`;
      return `entitlement ${JSON.stringify(arg.key)} = ${JSON.stringify(ents[arg.key])} ${matched ? 'satisfies' : 'does not satisfy'} ${describeArg(arg)}`;
    }
    default:
      return `${shown} ${matched ? 'matches' : 'does not match'} ${describeArg(arg)}`;
  }
}

/**
 * Why `e` did or did not match, every part evaluated. A part reached more than once (filters are DAGs) is
 * traced in full once and is a `shared` leaf elsewhere, so a trace is as large as the filter, not its
 * copied-out text.
 */
export function traceExpr(e: FilterExpr, f: RequestFacts, env: MatchEnv, done = new Map<FilterExpr, ExprTrace>()): ExprTrace {
  if (e.type === 'test') {
    const matched = testMatches(e, f, env);
    return { type: 'test', text: describeTest(e), matched, reason: testReason(e, f, matched, env) };
  }
  const hit = done.get(e);
  if (hit) return { type: 'shared', matched: hit.matched, text: describeFilter(e) };
  let out: ExprTrace;
  if (e.type === 'not') {
    const item = traceExpr(e.item, f, env, done);
    out = { type: 'not', matched: !item.matched, item };
  } else {
    const items = e.items.map((i) => traceExpr(i, f, env, done));
    out = { type: e.type, matched: e.type === 'all' ? items.every((i) => i.matched) : items.some((i) => i.matched), items };
  }
  done.set(e, out);
  return out;
}

/** One-line summary of why an expression did / did not match: the decisive leaf reasons. */
export function summarizeTrace(t: ExprTrace): string {
  switch (t.type) {
    case 'test':
      return `${t.text}: ${t.reason}`;
    case 'not':
      return `require-not [${summarizeTrace(t.item)}]`;
    case 'shared':
      return `${t.text}: ${t.matched ? 'matched' : 'no match'} (traced where first reached)`;
    case 'any': {
      if (t.matched) return summarizeTrace(t.items.find((i) => i.matched)!);
      if (t.items.length === 1) return summarizeTrace(t.items[0]);
      const shown = t.items.slice(0, 3).map(summarizeTrace);
      return `none of ${t.items.length} alternatives matched: ${shown.join('; ')}${t.items.length > 3 ? '; ...' : ''}`;
    }
    case 'all': {
      if (!t.matched) return summarizeTrace(t.items.find((i) => !i.matched)!);
      return t.items.map(summarizeTrace).join(' and ');
    }
  }
}
