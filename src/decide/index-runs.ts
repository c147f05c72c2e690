// Indexing of rule lists for the decision hot path. Semantics are unchanged: the first entry of the list
// (newest first) whose filter matches decides. The literal / subpath / prefix / regex tests of one string
// filter in a list's entries (e.g. 60 `(global-name "...")` rules, or path rules) are merged per filter:
// literals and prefixes by length (a few compared in place, many hashed), subpaths by component, and every regex
// into one automaton that yields the first entry whose regex occurs (regex/multi.ts). For a request the
// smallest index among those entries that match is found with a few lookups and one automaton pass, whatever
// the number of rules. A require-all with one conjunct made of such tests of one filter is found through that
// conjunct, in the same probe (its tests are slots of the filter's index, see FilterIndex), and its other
// conjuncts tested for those candidates only (this replaced splitting the one-by-one entries into buckets by
// path component). Only the other entries listed before that index
// (filters that cannot merge: non-string filters alone, require-not, mixed combinations) are evaluated one by one.

import { SKIP_PART, walkFilter, type FilterExpr, type FilterTest } from '../sbpl/profile.js';
import type { RequestFacts } from './request.js';
import { getterFor, type FactsMatcher, type MatchOptions } from './match.js';
import { StringTable } from './string-table.js';
import { addSameLength, sameLength, sameLengthStart, type SameLength } from './same-length.js';
import { trieChild, trieInsert, trieRoot, type TrieNode } from './component-trie.js';
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

/** No entry (larger than every entry index). */
const NONE = 0x7fffffff;

/**
 * One string filter's tests across the list, plain entries and guarded ones alike, so a datum is probed once.
 * Every distinct (kind, value) is a *slot*: the smallest plain entry holding it and the guarded entries whose key
 * holds it. Literals and prefixes are kept by length (src/decide/same-length.ts), subpaths by component
 * (component-trie.ts): a datum never seen before is compared in place, sliced and hashed only where many values share
 * a length or a parent.
 */
interface FilterIndex {
  filter: string;
  get: (f: RequestFacts) => unknown;
  /** literal values by length: literals[n] holds those of n characters (value -> slot); a sparse array */
  literals: Array<SameLength | undefined>;
  /** subpath values (no trailing slash) by component, valued by slot: a datum's ancestors in one walk */
  subpaths: TrieNode<number>;
  /** prefix values by length (an array: no iterator on the hot path) */
  prefixes: SameLength[];
  /** per slot: the smallest plain entry holding it, else NONE */
  slotEntry: number[];
  /** per slot: the guarded positions whose key holds it, or null */
  slotGuarded: Array<number[] | null>;
  /**
   * datum -> lookup result (the smallest plain entry; when guarded keys hold too, [that entry, ...their
   * positions]): a pure function of
   * this index and the datum string, so repeated data (a process asks for the same paths again and again) cost
   * one probe. Bounded, and bypassed while it does not pay (string-table.ts).
   */
  memo: StringTable<number | number[]>;
  /** The regexes of this filter's plain entries (entry order) as one automaton: the first that occurs decides. */
  regexes: RegexSet | null;
  /** regexes.sources[i] belongs to entry regexEntries[i] */
  regexEntries: number[];
  /** Indexes of this filter's entries (plain and guarded), ascending, for data that are not a single string. */
  entries: number[];
  /**
   * `require-all` entries found through their key (see guardedSplit), by position: the entry, the key and the
   * rest of the conjunction (the guard). Keys of literal / subpath / prefix tests are slots above; keys with a
   * regex are evaluated as a whole (`keyEvaluated`) on a memo miss, only for entries listed before the plain match.
   */
  guardedEntries: number[];
  keys: FactsMatcher[];
  guards: FactsMatcher[];
  /** guarded positions whose key is evaluated as a whole, ascending */
  keyEvaluated: number[];
}

export interface ListIndex<V> {
  verdicts: V[];
  /** Whole-filter matchers. */
  matchers: FactsMatcher[];
  /** What the one-by-one pass evaluates: the whole filter, or the non-indexed rest of a partly indexed one. */
  otherMatchers: FactsMatcher[];
  filters: FilterIndex[];
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
  // the disjunction's parts, each require-any object once (filters are DAGs: see walkFilter)
  walkFilter([e], (x, first) => {
    if (x.type === 'any') return first ? undefined : SKIP_PART;
    if (x.type === 'test' && SCALAR_STRING_FILTERS.has(x.filter)) {
      if (x.arg.kind === 'literal' || x.arg.kind === 'prefix' || (mergeRegexes && x.arg.kind === 'regex')) {
        tests.push(x);
        return SKIP_PART;
      }
      if (x.arg.kind === 'subpath' && x.arg.value.startsWith('/') && !(opts.subpathTrailingSlash === 'literal' && x.arg.value.length > 1 && x.arg.value.endsWith('/'))) {
        tests.push(x);
        return SKIP_PART;
      }
    }
    if (first) residual.push(x);
    return SKIP_PART;
  });
  return tests.length > 0 ? { tests, residual } : null;
}

/**
 * A `require-all` with a conjunct made only of literal / subpath / prefix / regex tests of one string filter:
 * that conjunct (the key, indexed) and the other conjuncts (the guard). null otherwise.
 */
function guardedSplit(e: FilterExpr | null, opts: MatchOptions, mergeRegexes: boolean): { filter: string; key: FilterExpr; tests: FilterTest[]; rest: FilterExpr[] } | null {
  if (e === null || e.type !== 'all') return null;
  for (const item of e.items) {
    const sp = splitIndexable(item, opts, mergeRegexes);
    if (sp === null || sp.residual.length > 0) continue;
    const filter = sp.tests[0].filter;
    if (sp.tests.some((t) => t.filter !== filter)) continue;
    return { filter, key: item, tests: sp.tests, rest: e.items.filter((x) => x !== item) };
  }
  return null;
}

/** Below this many indexable entries a list is evaluated entry by entry. */
const MIN_INDEXED = 4;

export function buildIndex<V>(entries: Array<IndexableEntry<V>>, opts: MatchOptions, compile: (e: FilterExpr) => FactsMatcher, mergeRegexes = true): ListIndex<V> {
  const split = entries.map((e) => splitIndexable(e.filter, opts, mergeRegexes));
  const guardedSplits = entries.map((e, k) => (split[k] === null ? guardedSplit(e.filter, opts, mergeRegexes) : null));
  const indexable = split.filter((t) => t !== null).length + guardedSplits.filter((g) => g !== null).length;
  const byFilter = new Map<string, IndexBuilder>();
  const others: number[] = [];
  // what `others` evaluates for an entry: its whole filter, or only the residual of a partly indexed one
  const otherMatchers: FactsMatcher[] = entries.map((e) => e.match);
  const builderOf = (name: string): IndexBuilder => {
    let b = byFilter.get(name);
    if (!b) byFilter.set(name, (b = new IndexBuilder(name)));
    return b;
  };
  entries.forEach((_, k) => {
    const sp = split[k];
    const gs = guardedSplits[k];
    if (gs !== null && indexable >= MIN_INDEXED) {
      builderOf(gs.filter).addGuarded(k, gs.tests, compile(gs.key), compile({ type: 'all', items: gs.rest }));
      return;
    }
    if (sp === null || indexable < MIN_INDEXED) {
      others.push(k);
      return;
    }
    for (const test of sp.tests) builderOf(test.filter).addPlain(k, test);
    // a require-all in the rest with a one-filter key is found through its key, as a guarded entry's is
    const rest: FilterExpr[] = [];
    for (const x of sp.residual) {
      const g = guardedSplit(x, opts, mergeRegexes);
      if (g === null) rest.push(x);
      else builderOf(g.filter).addGuarded(k, g.tests, compile(g.key), compile({ type: 'all', items: g.rest }));
    }
    if (rest.length > 0) {
      others.push(k);
      otherMatchers[k] = compile(rest.length === 1 ? rest[0] : { type: 'any', items: rest });
    }
  });
  let filters: FilterIndex[];
  try {
    filters = [...byFilter.values()].map((b) => b.finish());
  } catch {
    // too large as one automaton: those rules are tried one by one
    return buildIndex(entries, opts, compile, false);
  }
  return { verdicts: entries.map((e) => e.verdict), matchers: entries.map((e) => e.match), otherMatchers, filters, others };
}

/** Collects one filter's tests into slots (see FilterIndex). */
class IndexBuilder {
  private readonly ix: FilterIndex;
  /** kind + value -> slot */
  private readonly slots = new Map<string, number>();
  private readonly regexSources: string[] = [];

  constructor(name: string) {
    this.ix = {
      filter: name, get: getterFor(name), literals: [], subpaths: trieRoot(), prefixes: [], slotEntry: [], slotGuarded: [],
      memo: new StringTable(MEMO_LIMIT), regexes: null, regexEntries: [], entries: [], guardedEntries: [], keys: [], guards: [], keyEvaluated: [],
    };
  }

  addPlain(k: number, test: FilterTest): void {
    const ix = this.ix;
    if (ix.entries[ix.entries.length - 1] !== k) ix.entries.push(k);
    if (test.arg.kind === 'regex') {
      ix.regexEntries.push(k);
      this.regexSources.push(test.arg.source);
      return;
    }
    const s = this.slot(test);
    if (k < ix.slotEntry[s]) ix.slotEntry[s] = k;
  }

  /** A guarded entry, or a guarded disjunct of a plain one; `tests` are its key's tests (all of this filter). */
  addGuarded(k: number, tests: FilterTest[], key: FactsMatcher, guard: FactsMatcher): void {
    const ix = this.ix;
    if (ix.entries[ix.entries.length - 1] !== k) ix.entries.push(k);
    const at = ix.guardedEntries.length;
    ix.guardedEntries.push(k);
    ix.keys.push(key);
    ix.guards.push(guard);
    if (tests.some((t) => t.arg.kind === 'regex')) {
      ix.keyEvaluated.push(at);
      return;
    }
    for (const t of tests) {
      const s = this.slot(t);
      const g = (ix.slotGuarded[s] ??= []);
      if (g[g.length - 1] !== at) g.push(at);
    }
  }

  private slot(test: FilterTest): number {
    const arg = test.arg as { kind: 'literal' | 'subpath' | 'prefix'; value: string };
    const v = arg.kind === 'subpath' && arg.value.length > 1 ? arg.value.replace(/\/+$/, '') || '/' : arg.value;
    // `(subpath "/")` holds every absolute datum: what `(prefix "/")` holds
    const kind = arg.kind === 'subpath' && v === '/' ? 'prefix' : arg.kind;
    const id = `${kind[0]}${v}`;
    let s = this.slots.get(id);
    if (s !== undefined) return s;
    const ix = this.ix;
    s = ix.slotEntry.length;
    this.slots.set(id, s);
    ix.slotEntry.push(NONE);
    ix.slotGuarded.push(null);
    const len = v.length;
    if (kind === 'prefix') {
      let b = ix.prefixes.find((x) => x.len === len);
      if (b === undefined) ix.prefixes.push((b = sameLength(len)));
      addSameLength(b, v, s);
    } else if (kind === 'literal') addSameLength((ix.literals[len] ??= sameLength(len)), v, s);
    else trieInsert(ix.subpaths, v, false).value = s;
    return s;
  }

  /** Throws what compileRegexSet throws for a set too large for one automaton. */
  finish(): FilterIndex {
    const ix = this.ix;
    if (this.regexSources.length > 0) ix.regexes = compileRegexSet(this.regexSources);
    return ix;
  }
}

/** Entries of a filter index's memo before it is cleared. */
const MEMO_LIMIT = 4096;

/** Guarded candidates of the last lookupUncached (positions, unordered, maybe repeated): scratch, no allocation per datum. */
const found: number[] = [];

/** Smallest plain entry of a filter index matching datum `d` (NONE if none); the guarded candidates go to `found`. */
function lookupUncached(fi: FilterIndex, d: string): number {
  found.length = 0;
  const n = d.length;
  const lit = n < fi.literals.length ? fi.literals[n] : undefined;
  let best = lit === undefined ? NONE : slotHit(fi, sameLengthStart(lit, d), NONE);
  const pre = fi.prefixes;
  for (let i = 0; i < pre.length; i++) if (pre[i].len <= n) best = slotHit(fi, sameLengthStart(pre[i], d), best);
  // the datum's ancestors ("/a/b/c" -> "/a", "/a/b", "/a/b/c") in one walk down the subpaths' components,
  // which stops at the first component no subpath has
  let node: TrieNode<number> | undefined = fi.subpaths;
  if (d.charCodeAt(0) === 47) {
    for (let start = 1; ; ) {
      const slash = d.indexOf('/', start);
      node = trieChild(node, d, start, slash < 0 ? n : slash);
      if (node === undefined) break;
      if (node.value !== undefined) best = slotHit(fi, node.value, best);
      if (slash < 0) break;
      start = slash + 1;
    }
  }
  // one automaton pass, unless an entry listed before every regex entry already matched
  if (fi.regexes !== null && best > fi.regexEntries[0]) {
    const i = fi.regexes.firstMatch(d);
    if (i >= 0 && fi.regexEntries[i] < best) best = fi.regexEntries[i];
  }
  return best;
}

/** Account for slot `s` (-1: none) of a lookup: its plain entry against `best`, its guarded positions to `found`. */
function slotHit(fi: FilterIndex, s: number, best: number): number {
  if (s < 0) return best;
  const g = fi.slotGuarded[s];
  if (g !== null) for (let j = 0; j < g.length; j++) found.push(g[j]);
  const k = fi.slotEntry[s];
  return k < best ? k : best;
}

/** The smallest matching entry of filter index `fi` for datum `d` of facts `f`, if below `best`; else `best`. */
function lookup(fi: FilterIndex, d: string, f: RequestFacts, best: number): number {
  let r = fi.memo.get(d);
  if (r === undefined) {
    const plain = lookupUncached(fi, d);
    // keys with a regex: a pure function of the datum too, so memoised with the rest; only entries listed
    // before the plain match can decide
    const ke = fi.keyEvaluated;
    for (let j = 0; j < ke.length && fi.guardedEntries[ke[j]] < plain; j++) if (fi.keys[ke[j]](f)) found.push(ke[j]);
    // most data match no guarded key: the plain number, no allocation
    r = found.length === 0 ? plain : [plain, ...found];
    fi.memo.set(d, r);
  }
  if (typeof r === 'number') return r < best ? r : best;
  if (r[0] < best) best = r[0];
  // guards are pure: every candidate listed before the best so far is tried, the smallest that holds wins
  const ge = fi.guardedEntries;
  for (let j = 1; j < r.length; j++) {
    const at = r[j];
    if (ge[at] < best && fi.guards[at](f)) best = ge[at];
  }
  return best;
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

/** The verdict of the first matching entry, or undefined. */
export function walkIndex<V>(ix: ListIndex<V>, f: RequestFacts): V | undefined {
  let best = NONE;
  const filters = ix.filters;
  for (let i = 0; i < filters.length; i++) {
    const fi = filters[i];
    const d = fi.get(f);
    if (d === undefined) continue;
    best = typeof d === 'string' ? lookup(fi, d, f, best) : firstWholeMatch(ix, fi.entries, best, f);
  }
  const others = ix.others;
  for (let i = 0; i < others.length; i++) {
    const k = others[i];
    if (k > best) break;
    if (ix.otherMatchers[k](f)) return ix.verdicts[k];
  }
  return best !== NONE ? ix.verdicts[best] : undefined;
}
