// Repeated tests resolved along each path (src/graph/decompile-known.ts) on a ladder graph of our own: the
// rewritten graph decides like the original and no path tests one thing twice; the rule-block decompiler writes
// the ladder (over 2,000,000 tests once written out) with shared conditions, and the rewritten graph too.
import { describe, expect, it } from 'vitest';
import { decompileGraphBlocks } from '../../src/graph/decompile-blocks.js';
import { resolveKnownTests } from '../../src/graph/decompile-known.js';
import { DecompileError } from '../../src/graph/decompile.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import type { NodeId, PolicyGraph } from '../../src/graph/model.js';
import { getVocab } from '../../src/vocab/all.js';
import { compareReadback, sampleRequests } from '../format/apple/readback.js';
import { ladderGraph } from './decompile-ladder-graph.js';
import { readProfile } from '../../src/sbpl/index.js';
import { filterCopies } from '../../src/sbpl/profile.js';

const vocab = getVocab('sonoma-14.4.1');

/** The most times one test occurs on a single path from `from`. */
function maxRepeatOnPath(g: PolicyGraph, from: NodeId, seen: Map<string, number> = new Map()): number {
  const n = g.nodes[from];
  if (n.kind === 'terminal') return Math.max(0, ...seen.values());
  const k = JSON.stringify(n.test.alternatives);
  const next = new Map(seen).set(k, (seen.get(k) ?? 0) + 1);
  return Math.max(maxRepeatOnPath(g, n.match, next), maxRepeatOnPath(g, n.unmatch, next));
}

describe('resolveKnownTests', () => {
  it('leaves no test twice on a path and decides like the original graph', () => {
    const g = ladderGraph(vocab, 6);
    const entry = g.entries[vocab.operation('file-read-data')!.id];
    expect(maxRepeatOnPath(g, entry)).toBeGreaterThan(1);
    const r = resolveKnownTests(g, 10_000);
    expect(maxRepeatOnPath(r.graph, r.graph.entries[vocab.operation('file-read-data')!.id])).toBe(1);
    // three chains (extension untested / matched / unmatched) at most: not a copy per path
    expect(r.graph.nodes.length).toBeLessThanOrEqual(3 * g.nodes.length);
    const before = new GraphEvaluator(g, vocab);
    const after = new GraphEvaluator(r.graph, vocab);
    const requests = sampleRequests(g, vocab, 800, 7);
    const decisions = new Set<string>();
    for (const q of requests) {
      const d = before.decide(q);
      decisions.add(d.decision);
      expect(after.decide(q).decision, JSON.stringify(q)).toBe(d.decision);
    }
    expect([...decisions].sort()).toEqual(['allow', 'deny']);
  });

  it('gives up with a DecompileError past its node budget', () => {
    expect(() => resolveKnownTests(ladderGraph(vocab, 6), 10)).toThrow(DecompileError);
    expect(() => resolveKnownTests(ladderGraph(vocab, 6), 10)).toThrow(/more than 10 nodes/);
  });
});

describe('decompileGraphBlocks on a ladder', () => {
  it('writes a ladder of over 2,000,000 tests written out with shared conditions, which read back shared and decide like the graph', () => {
    const g = ladderGraph(vocab, 30);
    const text = decompileGraphBlocks(g, vocab);
    expect(text).not.toContain('repeated tests resolved');
    expect(text).toMatch(/\(define c\d+ /);
    expect(text.length).toBeLessThan(100_000);
    const back = readProfile(text, { os: 'any', fragment: true, standardPolicy: false });
    expect(back.ok).toBe(true);
    expect(Math.max(...back.profile.rules.map((r) => filterCopies(r.filter)))).toBeGreaterThan(2_000_000);
    const r = compareReadback(g, vocab, text, sampleRequests(g, vocab, 1500, 3));
    expect(r.errors).toEqual([]);
    expect(r.compared).toBe(1500);
    expect(r.mismatches).toEqual([]);
  });

  it('the rewritten graph (tried past the bound) is written in under 3,200 arguments and decides like the graph', () => {
    const g = ladderGraph(vocab, 30);
    expect(() => decompileGraphBlocks(g, vocab, { maxTests: 400 })).toThrow(DecompileError);
    const text = decompileGraphBlocks(resolveKnownTests(g, 10_000).graph, vocab, { maxTests: 3200 });
    const r = compareReadback(g, vocab, text, sampleRequests(g, vocab, 800, 5));
    expect(r.errors).toEqual([]);
    expect(r.mismatches).toEqual([]);
  });

  it('when the rewritten graph is still too large, the error names the input node and says the rewrite was tried', () => {
    expect(() => decompileGraphBlocks(ladderGraph(vocab, 30), vocab, { maxTests: 50 })).toThrow(
      /^the condition of node \d+ needs more than 50 arguments.*; with repeated tests resolved along each path: \d+ nodes -> \d+, still: a condition needs more than 50 arguments/,
    );
  });

  it('a ladder it can write directly is written without the rewrite', () => {
    expect(decompileGraphBlocks(ladderGraph(vocab, 4), vocab)).not.toContain('repeated tests resolved');
  });
});
