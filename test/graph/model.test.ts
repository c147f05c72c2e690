// The graph model's provenance merge: nodes and bytes shared by many rules carry each rule and span once.
import { describe, expect, it } from 'vitest';
import { mergeProv, mergeRuleProv, type Provenance } from '../../src/graph/model.js';

const span = (offset: number, file = 'p.sb') => ({ file, line: 1, column: offset + 1, endLine: 1, endColumn: offset + 5, offset, endOffset: offset + 4 });

describe('mergeProv', () => {
  it('adds each rule id and span once, in first-seen order, and keeps the first filter label', () => {
    const into: Provenance = { ruleIds: [3], spans: [span(10)], origin: 'profile' };
    mergeProv(into, { ruleIds: [1, 3], spans: [span(10), span(20)], origin: 'profile', filter: '(subpath "/a")' });
    mergeProv(into, { ruleIds: [1, 2], spans: [{ ...span(20) }, span(20, 'q.sb')], origin: 'profile', filter: '(literal "/b")' });
    expect(into.ruleIds).toEqual([3, 1, 2]);
    expect(into.spans.map((s) => `${s.file}@${s.offset}`)).toEqual(['p.sb@10', 'p.sb@20', 'q.sb@20']);
    expect(into.filter).toBe('(subpath "/a")');
  });

  it('stays right when the arrays were changed between merges', () => {
    const into: Provenance = { ruleIds: [1], spans: [], origin: 'profile' };
    mergeProv(into, { ruleIds: [2], spans: [], origin: 'profile' });
    into.ruleIds.push(7);
    mergeProv(into, { ruleIds: [7, 8], spans: [], origin: 'profile' });
    expect(into.ruleIds).toEqual([1, 2, 7, 8]);
    // the same once the provenance is large enough to be indexed
    const big: Provenance = { ruleIds: [], spans: [], origin: 'profile' };
    for (let i = 0; i < 40; i++) mergeProv(big, { ruleIds: [i], spans: [], origin: 'profile' });
    big.ruleIds.push(100);
    mergeProv(big, { ruleIds: [100, 3, 101], spans: [], origin: 'profile' });
    expect(big.ruleIds.slice(38)).toEqual([38, 39, 100, 101]);
  });

  it('stays linear when thousands of rules share one node', () => {
    const into: Provenance = { ruleIds: [], spans: [], origin: 'profile' };
    for (let i = 0; i < 20_000; i++) mergeProv(into, { ruleIds: [i, i % 7], spans: [span(i)], origin: 'profile' });
    expect(into.ruleIds).toHaveLength(20_000);
    expect(into.spans).toHaveLength(20_000);
  });

  it('once indexed, still tells spans apart by file and both offsets, and takes equal copies as the same', () => {
    const into: Provenance = { ruleIds: [], spans: [], origin: 'profile' };
    for (let i = 0; i < 100; i++) mergeProv(into, { ruleIds: [i], spans: [span(10 * i)], origin: 'profile' });
    // a copy of a span already there, one sharing its start but not its end, one in another file
    mergeProv(into, { ruleIds: [5], spans: [{ ...span(50) }, { ...span(50), endOffset: 60 }, span(50, 'q.sb')], origin: 'profile' });
    expect(into.ruleIds).toHaveLength(100);
    expect(into.spans.slice(100).map((s) => `${s.file}@${s.offset}-${s.endOffset}`)).toEqual(['p.sb@50-60', 'q.sb@50-54']);
    // spans pushed from outside are seen too (the index is rebuilt)
    into.spans.push(span(5000));
    mergeProv(into, { ruleIds: [], spans: [span(5000), span(5010)], origin: 'profile' });
    expect(into.spans.slice(102).map((s) => s.offset)).toEqual([5000, 5010]);
  });

  it('once indexed, takes each rule id once whatever the number: small, large, negative or fractional', () => {
    const into: Provenance = { ruleIds: [], spans: [], origin: 'profile' };
    const ids = [0, 1, 5000, 2 ** 22 - 1, 2 ** 22, 2 ** 40, -1, 1.5, -0];
    for (let round = 0; round < 2; round++) for (let i = 0; i < 100; i++) mergeRuleProv(into, i, undefined);
    for (let round = 0; round < 3; round++) for (const id of ids) mergeRuleProv(into, id, undefined);
    expect(into.ruleIds).toEqual([...Array.from({ length: 100 }, (_, i) => i), 5000, 2 ** 22 - 1, 2 ** 22, 2 ** 40, -1, 1.5]);
  });

  it('mergeRuleProv adds one rule and its span as mergeProv of that one-rule provenance does', () => {
    const a: Provenance = { ruleIds: [], spans: [], origin: 'profile' };
    const b: Provenance = { ruleIds: [], spans: [], origin: 'profile' };
    for (let i = 0; i < 150; i++) {
      const s = i % 3 === 0 ? undefined : span(i % 40);
      mergeRuleProv(a, i % 90, s);
      mergeProv(b, { ruleIds: [i % 90], spans: s ? [s] : [], origin: 'profile' });
    }
    expect(a).toEqual(b);
    expect(a.ruleIds).toHaveLength(90);
  });
});
