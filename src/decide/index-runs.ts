// Indexing of rule lists for the decision hot path. Semantics are unchanged: the first entry of the list
// (newest first) whose filter matches decides. The literal / subpath / prefix / regex tests of one string
// filter in a list's entries (e.g. 60 `(global-name "...")` rules, or path rules) are merged per filter:
// literals in a hash map, subpaths and prefixes by length (a few compared in place, many hashed), and every regex
// into one automaton that yields the first entry whose regex occurs (regex/multi.ts). For a request the
// smallest index among those entries that match is found with a few lookups and one automaton pass, whatever
// the number of rules. A require-all with one conjunct made of such tests of one filter is found through that
// conjunct and its other conjuncts tested for those candidates only (GuardedIndex; this replaced splitting the
// one-by-one entries into buckets by path component). Only the other entries listed before that index
// (filters that cannot merge: non-string filters alone, require-not, mixed combinations) are evaluated one by one.

import type { FilterExpr, FilterTest } from '../sbpl/profile.js';
import type { RequestFacts } from './request.js';
import { getterFor, type FactsMatcher, type MatchOptions } from './match.js';
import { StringTable } from './string-table.js';
import { addSameLength, sameLength, sameLengthStart, type SameLength } from './same-length.js';
import { compileRegexSet, type RegexSet } from '../regex/index.js';

/** Filters whose datum is one string (or absent): safe to index. */
const SCALAR_STRING_FILTERS = new Set([
  'path', 'global-name', 'local-name', 'xpc-service-name', 'sysctl-name', 'preference-domain', 'notification-name',
  'iokit-registry-entry-class', 'iokit-property', 'ipc-posix-name', 'xattr', 'appleevent-destination', 'right-name',
  'extension-class', 'kext-bundle-id', 'nvram-variable', 'process-path', 'signing-identifier', 'control-name', 'mount-relative-path',
]);

export interface IndexableEntry<V> {
  filter: FilterExpr | null;
  match: FactsMatcher;
  verdict: V;
}

interface FilterIndex {
  filter: string;
  get: (f: RequestFacts) => unknown;
  /** literal value -> smallest entry index */
  literal: Map<string, number>;
  /** subpath values (no trailing slash) by length: subpaths[n] holds those of n characters, or is undefined */
  subpaths: Array<SameLength | undefined>;
  /** prefix values by length (an array: no iterator on the hot path) */
  prefixes: SameLength[];
  /**
   * datum -> lookup result: the lookup is a pure function of this index and the datum string, so repeated
   * data (a process asks for the same paths and services again and again) cost one hash probe. Bounded.
   */
  memo: StringTable<number>;
  /** The regexes of this filter's entries (entry order) as one automaton: the first that occurs decides. */
  regexes: RegexSet | null;
  /** regexes.sources[i] belongs to entry regexEntries[i] */
  regexEntries: number[];
  /** Indexes of this filter's entries, ascending, for data that are not a single string. */
  entries: number[];
}

/**
 * The `require-all` entries of one string filter that have one conjunct made only of that filter's literal /
 * subpath / prefix / regex tests (the key) and other conjuncts that cannot merge (vnode-type, extension, …: the
 * guard). The key is a pure function of the datum, so the entries whose key matches a datum are memoised per
 * datum string; only those candidates' guards are evaluated.
 */
interface GuardedIndex {
  get: (f: RequestFacts) => unknown;
  /** entry indexes, ascending */
  entries: number[];
  /** per position in `entries`: the key conjunct and the rest of the conjunction */
  keys: FactsMatcher[];
  guards: FactsMatcher[];
  /** datum -> positions in `entries` (ascending) of the entries whose key matches it */
  memo: StringTable<number[]>;
}

export interface ListIndex<V> {
  verdicts: V[];
  /** Whole-filter matchers. */
  matchers: FactsMatcher[];
  /** What the one-by-one pass evaluates: the whole filter, or the non-indexed rest of a partly indexed one. */
  otherMatchers: FactsMatcher[];
  filters: FilterIndex[];
  /** require-all entries found through one of their conjuncts (GuardedIndex), by filter. */
  guarded: GuardedIndex[];
  /** Entries evaluated one by one, ascending. */
  others: number[];
}

/**
 * Split a filter into the literal/subpath tests of its top-level disjunction (indexable, each under its own
 * filter) and the rest of the disjunction (`residual`, evaluated directly). null when nothing is indexable.
 */
function splitIndexable(e: FilterExpr | null, opts: MatchOptions, mergeRegexes: boolean): { tests: FilterTest[]; residual: FilterExpr[] } | null {
  if (e === null) return null;
  const tests: FilterTest[] = [];
  const residual: FilterExpr[] = [];
  const visit = (x: FilterExpr): void => {
    if (x.type === 'any') {
      x.items.forEach(visit);
      return;
    }
    if (x.type === 'test' && SCALAR_STRING_FILTERS.has(x.filter)) {
      if (x.arg.kind === 'literal' || x.arg.kind === 'prefix' || (mergeRegexes && x.arg.kind === 'regex')) {
        tests.push(x);
        return;
      }
      if (x.arg.kind === 'subpath' && x.arg.value.startsWith('/') && !(opts.subpathTrailingSlash === 'literal' && x.arg.value.length > 1 && x.arg.value.endsWith('/'))) {
        tests.push(x);
        return;
      }
    }
    residual.push(x);
  };
  visit(e);
  return tests.length > 0 ? { tests, residual } : null;
}

/**
 * A `require-all` with a conjunct made only of literal / subpath / prefix / regex tests of one string filter:
 * that conjunct (the key, indexed) and the other conjuncts (the guard). null otherwise.
 */
function guardedSplit(e: FilterExpr | null, opts: MatchOptions, mergeRegexes: boolean): { filter: string; key: FilterExpr; rest: FilterExpr[] } | null {
  if (e === null || e.type !== 'all') return null;
  for (const item of e.items) {
    const sp = splitIndexable(item, opts, mergeRegexes);
    if (sp === null || sp.residual.length > 0) continue;
    const filter = sp.tests[0].filter;
    if (sp.tests.some((t) => t.filter !== filter)) continue;
    return { filter, key: item, rest: e.items.filter((x) => x !== item) };
  }
  return null;
}

/** Below this many indexable entries a list is evaluated entry by entry. */
const MIN_INDEXED = 4;

export function buildIndex<V>(entries: Array<IndexableEntry<V>>, opts: MatchOptions, compile: (e: FilterExpr) => FactsMatcher, mergeRegexes = true): ListIndex<V> {
  const split = entries.map((e) => splitIndexable(e.filter, opts, mergeRegexes));
  const guardedSplits = entries.map((e, k) => (split[k] === null ? guardedSplit(e.filter, opts, mergeRegexes) : null));
  const indexable = split.filter((t) => t !== null).length + guardedSplits.filter((g) => g !== null).length;
  const byFilter = new Map<string, FilterIndex>();
  const guarded = new Map<string, GuardedIndex>();
  const others: number[] = [];
  const regexSources = new Map<FilterIndex, string[]>();
  // what `others` evaluates for an entry: its whole filter, or only the residual of a partly indexed one
  const otherMatchers: FactsMatcher[] = entries.map((e) => e.match);
  entries.forEach((_, k) => {
    const sp = split[k];
    const gs = guardedSplits[k];
    if (gs !== null && indexable >= MIN_INDEXED) {
      let gi = guarded.get(gs.filter);
      if (!gi) guarded.set(gs.filter, (gi = { get: getterFor(gs.filter), entries: [], keys: [], guards: [], memo: new StringTable(MEMO_LIMIT) }));
      gi.entries.push(k);
      gi.keys.push(compile(gs.key));
      gi.guards.push(compile({ type: 'all', items: gs.rest }));
      return;
    }
    if (sp === null || indexable < MIN_INDEXED) {
      others.push(k);
      return;
    }
    if (sp.residual.length > 0) {
      others.push(k);
      otherMatchers[k] = compile(sp.residual.length === 1 ? sp.residual[0] : { type: 'any', items: sp.residual });
    }
    for (const test of sp.tests) {
      const name = test.filter;
      let fi = byFilter.get(name);
      if (!fi) {
        fi = { filter: name, get: getterFor(name), literal: new Map(), subpaths: [], prefixes: [], memo: new StringTable(MEMO_LIMIT), regexes: null, regexEntries: [], entries: [] };
        byFilter.set(name, fi);
      }
      if (fi.entries[fi.entries.length - 1] !== k) fi.entries.push(k);
      if (test.arg.kind === 'regex') {
        fi.regexEntries.push(k);
        regexSources.set(fi, [...(regexSources.get(fi) ?? []), test.arg.source]);
        continue;
      }
      const arg = test.arg as { kind: 'literal' | 'subpath' | 'prefix'; value: string };
      if (arg.kind === 'prefix') {
        const len = arg.value.length;
        let b = fi.prefixes.find((x) => x.len === len);
        if (b === undefined) fi.prefixes.push((b = sameLength(len)));
        addSameLength(b, arg.value, k);
      } else if (arg.kind === 'literal') {
        if (!fi.literal.has(arg.value)) fi.literal.set(arg.value, k);
      } else {
        const v = arg.value.length > 1 ? arg.value.replace(/\/+$/, '') || '/' : arg.value;
        while (fi.subpaths.length <= v.length) fi.subpaths.push(undefined);
        addSameLength((fi.subpaths[v.length] ??= sameLength(v.length)), v, k);
      }
    }
  });
  try {
    for (const [fi, sources] of regexSources) fi.regexes = compileRegexSet(sources);
  } catch {
    // too large as one automaton: those rules are tried one by one
    return buildIndex(entries, opts, compile, false);
  }
  return { verdicts: entries.map((e) => e.verdict), matchers: entries.map((e) => e.match), otherMatchers, filters: [...byFilter.values()], guarded: [...guarded.values()], others };
}

/** Entries of a filter index's memo before it is cleared. */
const MEMO_LIMIT = 4096;

/** Smallest matching entry index of one filter index for datum `d`, or -1 (memoised). */
function lookup(fi: FilterIndex, d: string): number {
  let k = fi.memo.get(d);
  if (k === undefined) {
    k = lookupUncached(fi, d);
    fi.memo.set(d, k);
  }
  return k;
}

function lookupUncached(fi: FilterIndex, d: string): number {
  let best = fi.literal.size > 0 ? fi.literal.get(d) ?? -1 : -1;
  const pre = fi.prefixes;
  for (let i = 0; i < pre.length; i++) {
    if (pre[i].len > d.length) continue;
    const k = sameLengthStart(pre[i], d);
    if (k >= 0 && (best < 0 || k < best)) best = k;
  }
  // one automaton pass, unless an entry listed before every regex entry already matched
  if (fi.regexes !== null && !(best >= 0 && best < fi.regexEntries[0])) {
    const i = fi.regexes.firstMatch(d);
    if (i >= 0) {
      const k = fi.regexEntries[i];
      if (best < 0 || k < best) best = k;
    }
  }
  const sub = fi.subpaths;
  if (sub.length > 0) {
    // the datum itself and each ancestor ("/a/b/c" -> "/a/b/c", "/a/b", "/a", "/"), tried only at the lengths
    // some subpath has (a value of another length cannot be equal), without slicing for a few values
    for (let end = d.length; end > 0; end = d.lastIndexOf('/', end - 1)) {
      const b = end < sub.length ? sub[end] : undefined;
      if (b === undefined) continue;
      const k = sameLengthStart(b, d);
      if (k >= 0 && (best < 0 || k < best)) best = k;
    }
    // `(subpath "/")` holds every absolute datum
    const root = sub.length > 1 ? sub[1] : undefined;
    if (root !== undefined && d.charCodeAt(0) === 47) {
      const k = sameLengthStart(root, '/');
      if (k >= 0 && (best < 0 || k < best)) best = k;
    }
  }
  return best;
}

const NO_CANDIDATES: number[] = [];

/** Positions in `gi.entries` (ascending) of the guarded entries whose key matches datum `d` of facts `f` (memoised per datum). */
function candidates(gi: GuardedIndex, d: string, f: RequestFacts): number[] {
  let c = gi.memo.get(d);
  if (c === undefined) {
    // most data match no key: one shared empty list, no allocation
    let found: number[] | null = null;
    for (let j = 0; j < gi.entries.length; j++) if (gi.keys[j](f)) (found ??= []).push(j);
    c = found ?? NO_CANDIDATES;
    gi.memo.set(d, c);
  }
  return c;
}

/**
 * For a datum of several values (or an odd type), which the tables do not key: the first of `entries`
 * (ascending) below `best` whose whole filter matches, else `best`.
 */
function firstWholeMatch<V>(ix: ListIndex<V>, entries: number[], best: number, f: RequestFacts): number {
  for (const k of entries) {
    if (k >= best) break;
    if (ix.matchers[k](f)) return k;
  }
  return best;
}

/** The first entry of a guarded index below `best` whose key and guard match, else `best`. */
function firstGuardedMatch<V>(ix: ListIndex<V>, gi: GuardedIndex, best: number, f: RequestFacts): number {
  const d = gi.get(f);
  if (d === undefined) return best;
  if (typeof d !== 'string') return firstWholeMatch(ix, gi.entries, best, f);
  const cands = candidates(gi, d, f);
  for (let j = 0; j < cands.length; j++) {
    const at = cands[j];
    const k = gi.entries[at];
    if (k >= best) break;
    if (gi.guards[at](f)) return k;
  }
  return best;
}

/** The verdict of the first matching entry, or undefined. */
export function walkIndex<V>(ix: ListIndex<V>, f: RequestFacts): V | undefined {
  let best = 0x7fffffff;
  const filters = ix.filters;
  for (let i = 0; i < filters.length; i++) {
    const fi = filters[i];
    const d = fi.get(f);
    if (d === undefined) continue;
    if (typeof d === 'string') {
      const k = lookup(fi, d);
      if (k >= 0 && k < best) best = k;
    } else best = firstWholeMatch(ix, fi.entries, best, f);
  }
  for (let i = 0; i < ix.guarded.length; i++) best = firstGuardedMatch(ix, ix.guarded[i], best, f);
  const others = ix.others;
  for (let i = 0; i < others.length; i++) {
    const k = others[i];
    if (k > best) break;
    if (ix.otherMatchers[k](f)) return ix.verdicts[k];
  }
  return best !== 0x7fffffff ? ix.verdicts[best] : undefined;
}
