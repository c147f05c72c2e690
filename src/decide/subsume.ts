// Conservative filter subsumption: `subsumes(a, b)` true means every request matching `b` also matches `a`.
// False means "not shown" (never a wrong true): used by lint to find rules that can never decide.

import type { FilterExpr, FilterTest, StringMatch } from '../sbpl/profile.js';
import { compileRegex, type CompiledRegex } from '../regex/index.js';

/** Where compiled patterns come from (a RegexCache, so a pattern tested against many literals compiles once). */
export interface RegexSource {
  get(source: string): CompiledRegex;
}

function normSubpath(v: string): string {
  return v.length > 1 ? v.replace(/\/+$/, '') || '/' : v;
}

/** Every string matched by `inner` is matched by `outer` (same datum). */
export function stringSubsumes(outer: StringMatch, inner: StringMatch, regexes?: RegexSource): boolean {
  if (inner.kind === 'literal') {
    const s = inner.value;
    switch (outer.kind) {
      case 'literal':
        return outer.value === s;
      case 'prefix':
        return s.startsWith(outer.value);
      case 'subpath': {
        const v = normSubpath(outer.value);
        return v === '/' ? s.startsWith('/') : s === v || s.startsWith(v + '/');
      }
      case 'regex':
        try {
          return (regexes ? regexes.get(outer.source) : compileRegex(outer.source)).test(s);
        } catch {
          return false;
        }
    }
  }
  if (inner.kind === 'subpath') {
    const v = normSubpath(inner.value);
    switch (outer.kind) {
      case 'subpath': {
        const o = normSubpath(outer.value);
        return o === '/' ? v.startsWith('/') : v === o || v.startsWith(o + '/');
      }
      case 'prefix':
        return v.startsWith(outer.value);
      default:
        return false;
    }
  }
  if (inner.kind === 'prefix') {
    switch (outer.kind) {
      case 'prefix':
        return inner.value.startsWith(outer.value);
      case 'subpath': {
        const o = normSubpath(outer.value);
        return o === '/' ? inner.value.startsWith('/') : inner.value.startsWith(o + '/');
      }
      default:
        return false;
    }
  }
  // regex inner: only identical patterns
  return outer.kind === 'regex' && outer.source === inner.source;
}

function testSubsumes(outer: FilterTest, inner: FilterTest, regexes?: RegexSource): boolean {
  if (outer.filter !== inner.filter) return false;
  const a = outer.arg;
  const b = inner.arg;
  const isString = (x: FilterTest['arg']): x is StringMatch => x.kind === 'literal' || x.kind === 'prefix' || x.kind === 'subpath' || x.kind === 'regex';
  if (isString(a) && isString(b)) return stringSubsumes(a, b, regexes);
  if (a.kind === 'mode-bits' && b.kind === 'mode-bits') return (b.value & a.value) === a.value;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every request matching `inner` matches `outer` (null = unfiltered = everything). Filters are DAGs (see
 * filterTests): a pair of require-* objects is compared once per call.
 */
export function subsumes(outer: FilterExpr | null, inner: FilterExpr | null, regexes?: RegexSource): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  return covers(outer, inner, regexes, new Map());
}

type PairMemo = Map<FilterExpr, Map<FilterExpr, boolean>>;

function covers(outer: FilterExpr, inner: FilterExpr, regexes: RegexSource | undefined, memo: PairMemo): boolean {
  if (outer.type === 'test' && inner.type === 'test') return testSubsumes(outer, inner, regexes);
  let row = memo.get(outer);
  const hit = row?.get(inner);
  if (hit !== undefined) return hit;
  const out = coversOnce(outer, inner, regexes, memo);
  if (!row) memo.set(outer, (row = new Map()));
  row.set(inner, out);
  return out;
}

function coversOnce(outer: FilterExpr, inner: FilterExpr, regexes: RegexSource | undefined, memo: PairMemo): boolean {
  // split the inner side first: a disjunction is covered when each branch is
  if (inner.type === 'any') return inner.items.every((i) => covers(outer, i, regexes, memo));
  switch (outer.type) {
    case 'any':
      return outer.items.some((o) => covers(o, inner, regexes, memo));
    case 'all':
      return outer.items.every((o) => covers(o, inner, regexes, memo));
    case 'not':
      return inner.type === 'not' && covers(inner.item, outer.item, regexes, memo);
    case 'test':
      // a test under a test was compared in `covers`
      if (inner.type === 'all') return inner.items.some((i) => covers(outer, i, regexes, memo));
      return false;
  }
}
