// Candidate index for filter subsumption, so lint compares each rule only with the rules that could cover it
// instead of with every other rule (issue 15: lint was quadratic in rules).
//
// `subsumes(outer, inner)` (subsume.ts) on filters without `require-not` or empty any/all is true only if
// some test of `outer` covers some test of `inner` on the same filter: a literal by an equal literal, a
// prefix or subpath that is a prefix of it, or a regex; a prefix/subpath by a shorter prefix/subpath; any
// other argument by an equal one. The index keeps each inserted filter's tests by filter name in a hash map
// (equal arguments) and a trie (prefixes, regexes by their anchored literal prefix), so a query walks the
// inner value once. Filters outside that shape (and regexes with no anchored prefix) are kept in lists every
// query returns: the caller bounds the total work with a budget.

import { SKIP_PART, STOP_WALK, walkFilter, type FilterExpr, type FilterTest } from '../sbpl/profile.js';
import { parseRegex, requiredLiterals } from '../regex/index.js';

interface TrieNode {
  next: Map<number, TrieNode>;
  ids: number[];
}

interface FilterSlot {
  equal: Map<string, number[]>;
  trie: TrieNode;
  /** Outer tests every inner test of this filter may be covered by (regexes without an anchored prefix, mode bits). */
  any: number[];
}

/**
 * The tests of `e` reached through require-any / -all, each object once (filters are DAGs, see walkFilter):
 * false when a reachable `not` (with `notFails`; else it is not entered) or empty require-any (with
 * `emptyAllFails`, an empty require-all too) is reached.
 */
function reachableTests(e: FilterExpr, out: FilterTest[], notFails: boolean, emptyAllFails: boolean): boolean {
  return walkFilter([e], (x) => {
    if (x.type === 'test') out.push(x);
    else if (x.type === 'not') return notFails ? STOP_WALK : SKIP_PART;
    else if (x.items.length === 0 && (emptyAllFails || x.type === 'any')) return STOP_WALK;
  });
}

/** The tests of an outer filter made only of tests, any and all (false: it has a not or an empty any/all). */
const positiveTests = (e: FilterExpr, out: FilterTest[]): boolean => reachableTests(e, out, true, true);

/**
 * The tests of an inner filter a positive outer can reach: `subsumes` never looks under an inner `not`.
 * False when it holds a reachable empty `any` (matches nothing, so everything covers it).
 */
const innerTests = (e: FilterExpr, out: FilterTest[]): boolean => reachableTests(e, out, false, false);

function equalKey(t: FilterTest): string {
  const a = t.arg;
  if (a.kind === 'regex') return `r\0${a.source}`;
  if (a.kind === 'literal' || a.kind === 'prefix' || a.kind === 'subpath') return `s\0${a.value}`;
  return `j\0${JSON.stringify(a)}`;
}

function anchoredPrefix(source: string): string | undefined {
  try {
    return requiredLiterals(parseRegex(source).ast).prefix;
  } catch {
    return undefined;
  }
}

export class SubsumeIndex {
  private readonly slots = new Map<string, FilterSlot>();
  /** Filters the index cannot take apart: every query returns them. */
  private readonly general: number[] = [];

  private slot(filter: string): FilterSlot {
    let s = this.slots.get(filter);
    if (!s) {
      s = { equal: new Map(), trie: { next: new Map(), ids: [] }, any: [] };
      this.slots.set(filter, s);
    }
    return s;
  }

  private addToTrie(root: TrieNode, key: string, id: number): void {
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let n = node.next.get(c);
      if (!n) {
        n = { next: new Map(), ids: [] };
        node.next.set(c, n);
      }
      node = n;
    }
    node.ids.push(id);
  }

  /** Add `filter` (an outer side) under `id`. */
  insert(filter: FilterExpr, id: number): void {
    const tests: FilterTest[] = [];
    if (!positiveTests(filter, tests)) {
      this.general.push(id);
      return;
    }
    for (const t of tests) {
      const s = this.slot(t.filter);
      const a = t.arg;
      const key = equalKey(t);
      const list = s.equal.get(key);
      if (list) list.push(id);
      else s.equal.set(key, [id]);
      if (a.kind === 'prefix' || a.kind === 'subpath') this.addToTrie(s.trie, a.value.length > 1 ? a.value.replace(/\/+$/, '') || '/' : a.value, id);
      else if (a.kind === 'regex') {
        const p = anchoredPrefix(a.source);
        if (p === undefined) s.any.push(id);
        else this.addToTrie(s.trie, p, id);
      } else if (a.kind === 'mode-bits') s.any.push(id);
    }
  }

  /**
   * Ids of inserted filters that may subsume `inner` (a superset of those that do), each once, in no order.
   * `charge(n)` is told how many ids were gathered; it returns false to stop early.
   */
  candidates(inner: FilterExpr, charge: (n: number) => boolean): Set<number> {
    const out = new Set<number>();
    const take = (ids: readonly number[]) => {
      for (const id of ids) out.add(id);
      return charge(ids.length);
    };
    if (!take(this.general)) return out;
    const tests: FilterTest[] = [];
    if (!innerTests(inner, tests)) {
      for (const s of this.slots.values()) {
        for (const ids of s.equal.values()) if (!take(ids)) return out;
        if (!take(s.any)) return out;
      }
      return out;
    }
    for (const t of tests) {
      const s = this.slots.get(t.filter);
      if (!s) continue;
      if (!take(s.equal.get(equalKey(t)) ?? [])) return out;
      const a = t.arg;
      if (a.kind !== 'literal' && a.kind !== 'prefix' && a.kind !== 'subpath') continue;
      if (a.kind === 'literal' && !take(s.any)) return out;
      // every trie entry on the way is a prefix of the inner value
      let node: TrieNode | undefined = s.trie;
      for (let i = 0; node; i++) {
        if (node.ids.length && !take(node.ids)) return out;
        if (i >= a.value.length) break;
        node = node.next.get(a.value.charCodeAt(i));
      }
    }
    return out;
  }
}
