// Filters are DAGs: a defined filter used in several places is one object (see filterTests in profile.ts). The
// JSON model writes objects out in full, which for a decompiled platform profile would be 1e69 tests; past a
// bound it lists each part reached more than once a single time and refers to it by number instead.

import { StageError } from '../diagnostics/diagnostic.js';
import { DEFAULT_LIMITS, limitHint } from '../scheme/limits.js';
import { filterCopies, sharedParts, type FilterExpr, type Rule } from './profile.js';

/**
 * Refuse, at the rule, a filter whose copies would be more than `max` tests (Limits.maxFilterTests), for a
 * stage that works on each use of a shared part on its own (`doing`: "compiling", "diffing" ...).
 */
export function checkCopiedFilters(rules: readonly Rule[], doing: string, max = DEFAULT_LIMITS.maxFilterTests): void {
  for (const r of rules) {
    const n = filterCopies(r.filter);
    if (n <= max) continue;
    throw new StageError(`the filter of this rule is ${Number.isSafeInteger(n) ? n.toLocaleString('en-US') : n.toPrecision(3)} tests once its shared (defined) parts are copied, over ${max.toLocaleString('en-US')} (limit maxFilterTests): ${doing} copies them`, 'limit/filter-tests', 'input', {
      span: r.span,
      hint: limitHint('maxFilterTests', 'reading, checking, deciding and explaining keep shared parts shared'),
    });
  }
}

/** A reference to `sharedFilters[id]` in the JSON model. */
export interface SharedFilterRef {
  type: 'shared';
  id: number;
}

export interface SharedRules {
  rules: Rule[];
  /** Present when the rules' filters would be more than the bound written out: the parts they share. */
  sharedFilters?: unknown[];
}

/** `rules` for writing out: unchanged while their filters copied out are at most `maxTests` tests. */
export function rulesWithSharedFilters(rules: Rule[], maxTests: number): SharedRules {
  let total = 0;
  for (const r of rules) total += filterCopies(r.filter);
  if (total <= maxTests) return { rules };
  const shared = sharedParts(rules.map((r) => r.filter)) ?? new Set<FilterExpr>();
  const ids = new Map<FilterExpr, number>();
  const sharedFilters: unknown[] = [];
  const ref = (e: FilterExpr): unknown => {
    if (!shared.has(e)) return body(e);
    let id = ids.get(e);
    if (id === undefined) {
      id = sharedFilters.length;
      ids.set(e, id);
      sharedFilters.push(null);
      sharedFilters[id] = body(e);
    }
    return { type: 'shared', id } satisfies SharedFilterRef;
  };
  const body = (e: FilterExpr): unknown => {
    if (e.type === 'test') return e;
    if (e.type === 'not') return { ...e, item: ref(e.item) };
    return { ...e, items: e.items.map(ref) };
  };
  return { rules: rules.map((r) => (r.filter ? ({ ...r, filter: ref(r.filter) } as unknown as Rule) : r)), sharedFilters };
}
