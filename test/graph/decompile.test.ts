// Decompiled SBPL reads back into rules that decide like the graph, and stays small for chains.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { lowerProfile, PLAIN_MODEL } from '../../src/graph/lower.js';
import { decompileGraph, DecompileError, sbplString } from '../../src/graph/decompile.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import type { PolicyGraph } from '../../src/graph/model.js';
import { opId, profileOf, vocab } from './helpers.js';

describe('decompiler', () => {
  it('writes one rule per filtered rule for chains and require-all, plus the fallback', () => {
    const rules = Array.from({ length: 40 }, (_, i) => `(allow file-read* (require-all (subpath "/d${i}") (require-not (vnode-type SYMLINK))))`).join('\n');
    const g = lowerProfile(profileOf(`(version 1)(deny default)\n${rules}`, false), vocab, { model: PLAIN_MODEL });
    const text = decompileGraph(g, vocab);
    const lines = text.split('\n').filter((l) => l.startsWith('(allow file-read*') || l.startsWith('(deny file-read*'));
    expect(lines.length).toBeLessThan(50); // linear in the rules (one rule per path would be 2^40)
    expect(text).toContain('(deny default)');
    const back = readProfile(text, { standardPolicy: false });
    expect(back.ok).toBe(true);
    const ev = new GraphEvaluator(g, vocab);
    const eng = new DecisionEngine(back.profile, vocab);
    for (const path of ['/d3/x', '/d39', '/d40', '/private/etc/x']) {
      for (const vnodeType of ['SYMLINK', 'REGULAR-FILE'] as const) {
        const req = { operation: 'file-read-data', facts: { path, pathIsResolved: true, vnodeType } };
        expect(eng.decide(req).decision, `${path} ${vnodeType}`).toBe(ev.decide(req).decision);
      }
    }
  });

  it('leaves out operations that fall back to their parent and groups operations sharing an entry', () => {
    const g = lowerProfile(profileOf('(version 1)(allow default)(deny file-write* network-outbound (subpath "/x"))', false), vocab, { model: PLAIN_MODEL });
    const text = decompileGraph(g, vocab);
    expect(text).toMatch(/\(deny file-write\* network-outbound \(subpath "\/x"\)\)/);
    expect(text).not.toContain('file-write-data');
  });

  it('writes ancestors first, each list closed by an always-matching rule, for a reader with childBeforeParent off', () => {
    const p = profileOf('(version 1)(allow default)(deny file-read* (subpath "/a"))(allow file-read-data (literal "/a/x") (with report))', false);
    const g = lowerProfile(p, vocab, { model: PLAIN_MODEL, childBeforeParent: false });
    const text = decompileGraph(g, vocab, { childBeforeParent: false });
    const at = (s: string) => text.indexOf(s);
    expect(at('(allow default)')).toBeLessThan(at('(allow file-read* (require-all))'));
    expect(at('(allow file-read* (require-all))')).toBeLessThan(at('(allow file-read-data (require-all))'));
    expect(text).toContain('(allow file-read-data (literal "/a/x") (with report))');
    const back = readProfile(text, { standardPolicy: false });
    const eng = new DecisionEngine(back.profile, vocab, { childBeforeParent: false });
    expect(eng.decide({ operation: 'file-read-data', facts: { path: '/a/x', pathIsResolved: true } }).decision).toBe('allow');
    expect(eng.decide({ operation: 'file-read-data', facts: { path: '/a/y', pathIsResolved: true } }).decision).toBe('deny');
    // the default reading needs no such rules
    expect(decompileGraph(lowerProfile(p, vocab, { model: PLAIN_MODEL }), vocab)).not.toContain('(require-all)');
  });

  it('escapes strings the way the reader reads them', () => {
    const s = 'a"b\\c\nd\te\x01';
    const r = readProfile(`(version 1)(allow default)(deny file-read* (literal ${sbplString(s)}))`, { standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.profile.rules[1].filter).toMatchObject({ arg: { kind: 'literal', value: s } });
  });

  it('refuses a graph with a test it cannot write, naming the node', () => {
    const g: PolicyGraph = JSON.parse(JSON.stringify(lowerProfile(profileOf('(version 1)(deny default)(allow mach-lookup (global-name "x"))', false), vocab, { model: PLAIN_MODEL })));
    const id = g.entries[opId('mach-lookup')];
    const n = g.nodes[id];
    if (n.kind !== 'test') throw new Error('expected a test');
    n.test.opaque = { reason: 'filter byte 0x7e names no filter', rawFilter: 0x7e, rawArgument: 0 };
    expect(() => decompileGraph(g, vocab)).toThrow(new RegExp(`node ${id} tests something we could not read`));
    expect(() => decompileGraph(g, vocab)).toThrow(DecompileError);
  });
});
