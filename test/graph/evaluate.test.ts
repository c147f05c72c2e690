// The graph evaluator decides like the engine, including path resolution and the symlink traversal check,
// and says when a test it could not read was on the path.
import { describe, expect, it } from 'vitest';
import { lowerProfile, PLAIN_MODEL } from '../../src/graph/lower.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import { DecisionEngine, DecideError } from '../../src/decide/engine.js';
import type { PolicyGraph } from '../../src/graph/model.js';
import { opId, profileOf, vocab } from './helpers.js';

describe('graph evaluator', () => {
  const text = `(version 1)(deny default)
    (allow file-read* (subpath "/private/tmp"))
    (deny file-read-metadata (literal "/tmp"))
    (allow file-read-metadata)
    (allow mach-lookup (global-name "com.apple.a"))`;
  const profile = profileOf(text);
  const g = lowerProfile(profile, vocab, { model: PLAIN_MODEL });
  const ev = new GraphEvaluator(g, vocab);
  const engine = new DecisionEngine(profile, vocab);

  it('matches the engine, resolving /tmp to /private/tmp and refusing the traversal of /tmp', () => {
    const req = { operation: 'file-read-data', facts: { path: '/tmp/x' } };
    const v = ev.decide(req);
    expect(v).toMatchObject({ decision: 'deny', check: 'symlink-traversal', link: '/tmp' });
    expect(engine.decide(req)).toMatchObject({ decision: 'deny', check: 'symlink-traversal', link: '/tmp' });
    const direct = ev.decide({ operation: 'file-read-data', facts: { path: '/private/tmp/x' } });
    expect(direct.decision).toBe('allow');
    expect(direct.path[0]).toBe(g.entries[opId('file-read-data')]);
  });

  it('resolves aliases and follows the vocabulary for operations outside the op table', () => {
    expect(ev.decide({ operation: 'mach-lookup', facts: { serviceName: 'com.apple.a', serviceKind: 'global' } }).decision).toBe('allow');
    expect(ev.decide({ operation: 'process-exec', facts: { path: '/bin/ls' } }).operation).toBe('process-exec*');
    const small: PolicyGraph = { ...g, entries: g.entries.slice(0, 100) };
    const v = new GraphEvaluator(small, vocab).decide({ operation: 'storage-class-map', facts: {} });
    expect(v).toMatchObject({ decision: 'deny', terminal: -1 });
    expect(() => ev.decide({ operation: 'file-reed', facts: {} })).toThrow(DecideError);
  });

  it('marks a decision that crossed an opaque test as uncertain', () => {
    const opaque: PolicyGraph = JSON.parse(JSON.stringify(g));
    const entry = opaque.entries[opId('mach-lookup')];
    const node = opaque.nodes[entry];
    if (node.kind !== 'test') throw new Error('expected a test');
    node.test.opaque = { reason: 'unknown filter byte 0x7e', rawFilter: 0x7e, rawArgument: 3 };
    const v = new GraphEvaluator(opaque, vocab).decide({ operation: 'mach-lookup', facts: { serviceName: 'com.apple.a' } });
    expect(v.decision).toBe('deny');
    expect(v.uncertain).toMatch(/unknown filter byte/);
  });
});
