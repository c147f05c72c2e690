// What the lowering hash-conses nodes with: the integer-sequence table, interned test identities, and the
// typed-array walks of the graph passes (cycle finding).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntSequenceMap } from '../../src/graph/int-sequence-map.js';
import { findCycle, testIdentity, TestIdentities, type GraphNode, type PolicyGraph } from '../../src/graph/model.js';
import type { FilterArgument, FilterTest } from '../../src/sbpl/profile.js';

describe('IntSequenceMap', () => {
  it('finds what was stored under equal sequences, and nothing under others (oracle: a Map on the joined key)', () => {
    const seq = fc.array(fc.integer({ min: -3, max: 40 }), { minLength: 0, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(seq, { maxLength: 600 }), fc.array(seq, { maxLength: 50 }), (keys, probes) => {
        const m = new IntSequenceMap();
        const oracle = new Map<string, number>();
        for (const k of keys) {
          const j = k.join(',');
          if (oracle.has(j)) {
            expect(m.get(k, k.length)).toBe(oracle.get(j));
            continue;
          }
          expect(m.get(k, k.length)).toBe(-1);
          oracle.set(j, oracle.size);
          m.set(k, k.length, oracle.size - 1);
        }
        expect(m.size).toBe(oracle.size);
        for (const k of [...keys, ...probes]) expect(m.get(k, k.length)).toBe(oracle.get(k.join(',')) ?? -1);
      }),
      { numRuns: 200 },
    );
  });

  it('reads only the first n numbers of a longer buffer, so [1, 2] and [1, 2, 0] are different keys', () => {
    const m = new IntSequenceMap();
    const buf = new Int32Array([1, 2, 0, 9]);
    m.set(buf, 2, 7);
    expect(m.get([1, 2], 2)).toBe(7);
    expect(m.get([1, 2, 0], 3)).toBe(-1);
    buf[1] = 5; // the key was copied
    expect(m.get([1, 2], 2)).toBe(7);
    expect(m.get(buf, 2)).toBe(-1);
  });

  it('keeps 100,000 keys that differ only in one position apart', () => {
    const m = new IntSequenceMap();
    for (let i = 0; i < 100_000; i++) m.set([3, i, 4], 3, i);
    expect(m.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 997) expect(m.get([3, i, 4], 3)).toBe(i);
    expect(m.get([3, 100_000, 4], 3)).toBe(-1);
  });
});

describe('TestIdentities', () => {
  it('gives equal numbers exactly to tests with equal testIdentity', () => {
    const text = fc.constantFrom('', '/a', '/a/', 'b', 'a:b', 'é');
    const arg: fc.Arbitrary<FilterArgument> = fc.oneof(
      fc.tuple(fc.constantFrom('literal', 'prefix', 'subpath') as fc.Arbitrary<'literal' | 'prefix' | 'subpath'>, text).map(([kind, value]) => ({ kind, value })),
      text.map((source) => ({ kind: 'regex' as const, source })),
      text.map((name) => ({ kind: 'symbol' as const, name })),
      fc.integer({ min: 0, max: 3 }).map((value) => ({ kind: 'integer' as const, value })),
      fc.boolean().map((value) => ({ kind: 'boolean' as const, value })),
    );
    const test = fc.tuple(fc.constantFrom('path', 'global-name', 'vnode-type', 'path:literal'), arg).map(([filter, a]): FilterTest => ({ type: 'test', filter, arg: a, spelled: 'x' }));
    fc.assert(
      fc.property(fc.array(test, { minLength: 1, maxLength: 40 }), (tests) => {
        const ids = new TestIdentities();
        const numbers = tests.map((t) => ids.idOf(t));
        for (let i = 0; i < tests.length; i++)
          for (let j = 0; j < tests.length; j++) expect(numbers[i] === numbers[j]).toBe(testIdentity(tests[i]) === testIdentity(tests[j]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('findCycle', () => {
  const graphOf = (edges: Array<[number, number] | null>): PolicyGraph => ({
    os: 'x',
    profileType: 0,
    entries: [0],
    nodes: edges.map((e): GraphNode => (e === null ? { kind: 'terminal', decision: 'allow', modifiers: [] } : { kind: 'test', test: { filter: 'path', filterId: 0, alternatives: [] }, match: e[0], unmatch: e[1] })),
    policies: [],
    notes: [],
  });

  it('finds none in a deep DAG whose nodes are shared, and one on a long cycle', () => {
    // a ladder 0 -> 1 -> ... -> n-1, every node's other edge to the terminal n (shared by all)
    const n = 50_000;
    const ladder: Array<[number, number] | null> = [];
    for (let i = 0; i < n; i++) ladder.push([i + 1 < n ? i + 1 : n, n]);
    ladder.push(null);
    expect(findCycle(graphOf(ladder))).toBeNull();
    // the last test goes back to the middle: the cycle is middle..n-1
    ladder[n - 1] = [n / 2, n];
    const at = findCycle(graphOf(ladder));
    expect(at).not.toBeNull();
    expect(at!).toBeGreaterThanOrEqual(n / 2);
    expect(at!).toBeLessThan(n);
  });
});
