// The rule-list index (hash lookups for literal/subpath tests, guarded require-all entries) must give exactly
// the first match of a plain newest-first scan, for any list and any request.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FilterExpr, FilterTest } from '../../src/sbpl/profile.js';
import { buildIndex, walkIndex } from '../../src/decide/index-runs.js';
import { compileExpr, createMatchEnv, exprMatches } from '../../src/decide/match.js';
import type { RequestFacts } from '../../src/decide/request.js';

const env = createMatchEnv();
const PATHS = ['/', '/a', '/a/b', '/a/bc', '/a/b/c', '/b', '/b/x.txt', '/dev/tty1', '/Users/u/f', '/Users', '/Usb'];
const NAMES = ['com.a', 'com.b', 'org.c'];

const t = (filter: string, arg: FilterTest['arg']): FilterTest => ({ type: 'test', filter, arg, spelled: filter });
const pathTest: fc.Arbitrary<FilterExpr> = fc.oneof(
  fc.constantFrom(...PATHS).map((v) => t('path', { kind: 'literal', value: v })),
  fc.constantFrom('/', '/a', '/a/b', '/b', '/Users', '/dev', '/a/b/').map((v) => t('path', { kind: 'subpath', value: v })),
  fc.constantFrom('/a/b', '/Us', '/dev/tty', '/').map((v) => t('path', { kind: 'prefix', value: v })),
  fc.constantFrom('^/dev/tty[0-9]', '\\.txt$', '^/Users/', 'b').map((v) => t('path', { kind: 'regex', source: v })),
);
const otherTest: fc.Arbitrary<FilterExpr> = fc.oneof(
  fc.constantFrom(...NAMES).map((v) => t('global-name', { kind: 'literal', value: v })),
  fc.constantFrom(...NAMES).map((v) => t('local-name', { kind: 'literal', value: v })),
  fc.constant(t('global-name', { kind: 'prefix', value: 'com.' })),
  fc.constant(t('vnode-type', { kind: 'symbol', name: 'DIRECTORY' })),
  fc.constant(t('extension', { kind: 'literal', value: 'x' })),
);
const leaf = fc.oneof({ weight: 3, arbitrary: pathTest }, { weight: 2, arbitrary: otherTest });
const expr: fc.Arbitrary<FilterExpr> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 2, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 4 }).map((items) => ({ type: 'any' as const, items })) },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map((items) => ({ type: 'all' as const, items })) },
  { weight: 1, arbitrary: leaf.map((item) => ({ type: 'not' as const, item })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(leaf, { minLength: 1, maxLength: 3 }), fc.array(leaf, { minLength: 1, maxLength: 2 }))
      .map(([a, b]) => ({ type: 'any' as const, items: [...a, { type: 'all' as const, items: b }] })),
  },
);
const facts: fc.Arbitrary<RequestFacts> = fc.record(
  {
    path: fc.constantFrom(...PATHS, '/a/b/c/d', '/b/y', '/dev/tty12', '/Users/u'),
    serviceName: fc.constantFrom(...NAMES, 'com.zzz'),
    serviceKind: fc.constantFrom('global' as const, 'local' as const),
    vnodeType: fc.constantFrom('DIRECTORY' as const, 'REGULAR-FILE' as const),
    extensions: fc.constantFrom(['x'], ['y'], []),
  },
  { requiredKeys: [] },
);

// subpaths and prefixes of one length, more than are compared in place (src/decide/same-length.ts): the hashed form
const SAME_LEN = ['/d/a', '/d/b', '/d/c', '/d/d', '/e/a', '/e/b', '/f/z', '/g/a', '/d/a/x', '/d/b/x', '/e/a/x'];
const sameLengthTest: fc.Arbitrary<FilterExpr> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SAME_LEN).map((v) => t('path', { kind: 'subpath', value: v })) },
  { weight: 2, arbitrary: fc.constantFrom(...SAME_LEN).map((v) => t('path', { kind: 'prefix', value: v })) },
  { weight: 1, arbitrary: fc.constantFrom(...SAME_LEN).map((v) => t('path', { kind: 'literal', value: v })) },
);
const sameLengthPaths = fc.constantFrom(...SAME_LEN, '/d/a/x/y', '/d/ab', '/d/b/xy', '/e/a/x', '/e', '/f/z/', '/g/a', '/');

// guarded require-alls whose keys share values with plain entries (one slot for both), and subpaths under one
// parent with more children than are compared in place (src/decide/component-trie.ts: the Map form)
const WIDE = Array.from({ length: 12 }, (_, i) => `/w/c${i}`);
const slotValue = fc.constantFrom('/a', '/a/b', '/w', ...WIDE.slice(0, 10), '/w/c1/x');
const slotTest: fc.Arbitrary<FilterExpr> = fc.oneof(
  slotValue.map((v) => t('path', { kind: 'literal', value: v })),
  slotValue.map((v) => t('path', { kind: 'subpath', value: v })),
  slotValue.map((v) => t('path', { kind: 'prefix', value: v })),
  fc.constantFrom('^/w/c1', 'b$', '^/a/').map((v) => t('path', { kind: 'regex', source: v })),
);
const guard: fc.Arbitrary<FilterExpr> = fc.oneof(
  fc.constant(t('vnode-type', { kind: 'symbol', name: 'DIRECTORY' })),
  fc.constant(t('extension', { kind: 'literal', value: 'x' })),
  fc.constant({ type: 'not' as const, item: t('vnode-type', { kind: 'symbol', name: 'DIRECTORY' }) }),
);
const slotEntry: fc.Arbitrary<FilterExpr> = fc.oneof(
  { weight: 2, arbitrary: slotTest },
  { weight: 1, arbitrary: fc.array(slotTest, { minLength: 2, maxLength: 3 }).map((items) => ({ type: 'any' as const, items })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.array(slotTest, { minLength: 1, maxLength: 3 }), fc.array(guard, { minLength: 1, maxLength: 2 }))
      .map(([key, rest]) => ({ type: 'all' as const, items: [key.length === 1 ? key[0] : { type: 'any' as const, items: key }, ...rest] })),
  },
);
const slotFacts: fc.Arbitrary<RequestFacts> = fc.record(
  {
    path: fc.constantFrom('/a', '/a/b', '/a/b/c', '/ab', '/w', '/w/', ...WIDE, '/w/c1/x', '/w/c1/xy', '/w/c10/z', '/w/c11', '/', 'rel/a'),
    vnodeType: fc.constantFrom('DIRECTORY' as const, 'REGULAR-FILE' as const),
    extensions: fc.constantFrom(['x'], []),
  },
  { requiredKeys: ['path'] },
);

describe('rule-list index', () => {
  it('finds the first match of a linear scan among many subpaths and prefixes of the same lengths', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: sameLengthTest }, { weight: 1, arbitrary: pathTest }), { minLength: 8, maxLength: 40 }), fc.array(sameLengthPaths, { minLength: 1, maxLength: 10 }), (filters, paths) => {
        const entries = filters.map((filter, i) => ({ filter, match: compileExpr(filter, env), verdict: i }));
        const ix = buildIndex(entries, {}, (x) => compileExpr(x, env));
        for (const path of paths) expect(walkIndex(ix, { path }) ?? -1).toBe(filters.findIndex((e) => exprMatches(e, { path }, env)));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds exactly the first match of a linear scan', () => {
    fc.assert(
      fc.property(fc.array(expr, { minLength: 0, maxLength: 40 }), fc.array(facts, { minLength: 1, maxLength: 10 }), (filters, requests) => {
        const entries = filters.map((filter, i) => ({ filter, match: compileExpr(filter, env), verdict: i }));
        const ix = buildIndex(entries, {}, (x) => compileExpr(x, env));
        for (const f of requests) {
          const expected = filters.findIndex((e) => exprMatches(e, f, env));
          const got = walkIndex(ix, f);
          expect(got ?? -1).toBe(expected);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the first match among guarded entries sharing slots with plain ones, under a wide parent', () => {
    fc.assert(
      fc.property(fc.array(slotEntry, { minLength: 4, maxLength: 30 }), fc.nat(), fc.array(slotFacts, { minLength: 1, maxLength: 12 }), (random, at, requests) => {
        // every wide subpath somewhere in the list: /w has more children than are compared in place
        const cut = at % (random.length + 1);
        const filters = [...random.slice(0, cut), ...WIDE.map((v) => t('path', { kind: 'subpath', value: v })), ...random.slice(cut)];
        const entries = filters.map((filter, i) => ({ filter, match: compileExpr(filter, env), verdict: i }));
        const ix = buildIndex(entries, {}, (x) => compileExpr(x, env));
        // each request twice: once computed, once from the filter memo
        for (const f of [...requests, ...requests]) expect(walkIndex(ix, f) ?? -1).toBe(filters.findIndex((e) => exprMatches(e, f, env)));
      }),
      { numRuns: 3000 },
    );
  });

  it('merges literal, subpath, prefix and regex tests per filter; only other tests are tried one by one', () => {
    const filters: FilterExpr[] = [
      ...['/a', '/b', '/c', '/d', '/e'].map((v) => t('path', { kind: 'subpath', value: v })),
      {
        type: 'any',
        items: [t('global-name', { kind: 'literal', value: 'x' }), t('global-name', { kind: 'regex', source: '^y' }), t('vnode-type', { kind: 'symbol', name: 'DIRECTORY' })],
      },
      t('path', { kind: 'regex', source: '/x$' }),
      t('path', { kind: 'prefix', value: '/f/g' }),
    ];
    const ix = buildIndex(filters.map((filter, i) => ({ filter, match: compileExpr(filter, env), verdict: i })), {}, (x) => compileExpr(x, env));
    expect(ix.filters.map((f) => f.filter).sort()).toEqual(['global-name', 'path']);
    // the partly indexed entry is also evaluated for its vnode-type rest
    expect(ix.others).toEqual([5]);
    expect(ix.filters.find((f) => f.filter === 'path')!.regexes!.sources).toEqual(['/x$']);
    expect(walkIndex(ix, { path: '/d/x' })).toBe(3);
    expect(walkIndex(ix, { path: '/q/x' })).toBe(6);
    expect(walkIndex(ix, { path: '/f/gh' })).toBe(7);
    expect(walkIndex(ix, { path: '/f/h' })).toBeUndefined();
    expect(walkIndex(ix, { serviceName: 'yes' })).toBe(5);
    expect(walkIndex(ix, { serviceName: 'x' })).toBe(5);
    expect(walkIndex(ix, { vnodeType: 'DIRECTORY' })).toBe(5);
  });

  it('finds require-all entries through their string conjunct and tests the rest for candidates only', () => {
    const dir = t('vnode-type', { kind: 'symbol', name: 'DIRECTORY' });
    const ext = t('extension', { kind: 'literal', value: 'x' });
    const filters: FilterExpr[] = [
      { type: 'all', items: [dir, t('path', { kind: 'literal', value: '/a/b' })] },
      { type: 'all', items: [{ type: 'not', item: dir }, { type: 'any', items: [t('path', { kind: 'subpath', value: '/a' }), t('path', { kind: 'regex', source: '\\.txt$' })] }] },
      { type: 'all', items: [t('path', { kind: 'prefix', value: '/a' }), ext] },
      // mixed filters in the one indexable-looking conjunct: not a key of one datum, tried one by one
      { type: 'all', items: [{ type: 'any', items: [t('path', { kind: 'literal', value: '/q' }), t('global-name', { kind: 'literal', value: 'q' })] }, dir] },
      t('path', { kind: 'subpath', value: '/' }),
    ];
    const ix = buildIndex(filters.map((filter, i) => ({ filter, match: compileExpr(filter, env), verdict: i })), {}, (x) => compileExpr(x, env));
    expect(ix.filters.map((fi) => [fi.filter, fi.guardedEntries])).toEqual([['path', [0, 1, 2]]]);
    // entry 1's key has a regex: evaluated as a whole; the others' keys are slots of the one probe
    expect(ix.filters[0].keyEvaluated).toEqual([1]);
    expect(ix.others).toEqual([3]);
    // the same datum with other guard facts: the memoised candidates are re-tested each time
    expect(walkIndex(ix, { path: '/a/b', vnodeType: 'DIRECTORY' })).toBe(0);
    expect(walkIndex(ix, { path: '/a/b', vnodeType: 'REGULAR-FILE' })).toBe(1);
    expect(walkIndex(ix, { path: '/a/b', vnodeType: 'DIRECTORY', extensions: ['x'] })).toBe(0);
    expect(walkIndex(ix, { path: '/a/b' })).toBe(1);
    expect(walkIndex(ix, { path: '/ab', vnodeType: 'DIRECTORY', extensions: ['x'] })).toBe(2);
    expect(walkIndex(ix, { path: '/q', vnodeType: 'DIRECTORY' })).toBe(3);
    expect(walkIndex(ix, { path: '/z/y.txt', vnodeType: 'DIRECTORY' })).toBe(4);
    expect(walkIndex(ix, { path: '/z/y.txt' })).toBe(1);
    expect(walkIndex(ix, { vnodeType: 'DIRECTORY' })).toBeUndefined();
  });
});
