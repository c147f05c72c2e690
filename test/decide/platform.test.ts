// Two-layer evaluation (src/decide/platform.ts): both layers must allow, and the verdict names the deciding layer.
import { describe, expect, it } from 'vitest';
import { combineLayers, decideLayered, formatLayered, layeredJson, layeredLine, sbplLayer, type LayerDecision, type Layers } from '../../src/decide/platform.js';
import type { Explanation } from '../../src/decide/types.js';
import { engine } from './helpers.js';

const PLATFORM = '(version 1)\n(allow default)\n(deny file-read* (subpath "/private/secret"))\n(deny file-read-metadata (literal "/tmp"))\n';
const PROCESS = '(version 1)\n(deny default)\n(allow file-read* (subpath "/private") (literal "/tmp"))\n';

function layers(process = PROCESS, platform = PLATFORM): Layers {
  return { process: sbplLayer(engine(process), 'process.sb'), platform: sbplLayer(engine(platform), 'platform.sb') };
}

function answer(decision: 'allow' | 'deny'): LayerDecision {
  return { decision, decidedBy: decision, operation: 'file-read-data', check: 'main', modifiers: [] };
}

describe('two-layer evaluation', () => {
  it('a deny in either layer refuses; the deciding layer is the one that denied, or both', () => {
    const cases: Array<['allow' | 'deny', 'allow' | 'deny', 'allow' | 'deny', string]> = [
      ['allow', 'allow', 'allow', 'both'],
      ['allow', 'deny', 'deny', 'platform'],
      ['deny', 'allow', 'deny', 'process'],
      ['deny', 'deny', 'deny', 'both'],
    ];
    for (const [p, q, decision, layer] of cases) {
      const v = combineLayers(answer(p), answer(q));
      expect([v.decision, v.decidingLayer]).toEqual([decision, layer]);
    }
  });

  it('the platform layer decides a request the process profile allows', () => {
    const l = layers();
    const v = decideLayered(l, { operation: 'file-read-data', facts: { path: '/private/secret/key' } });
    expect(v.decision).toBe('deny');
    expect(v.decidingLayer).toBe('platform');
    expect(v.process.decision).toBe('allow');
    expect(v.platform.decidedBy).toBe('rule on file-read* at p.sb:3:1');
    expect(layeredLine(v)).toBe('platform layer (process allow, platform deny) — rule on file-read* at p.sb:3:1');
  });

  it('the process layer decides what only it refuses; both allow what both allow', () => {
    const l = layers();
    const denied = decideLayered(l, { operation: 'file-read-data', facts: { path: '/Users/me/x' } });
    expect([denied.decision, denied.decidingLayer, denied.platform.decision]).toEqual(['deny', 'process', 'allow']);
    const allowed = decideLayered(l, { operation: 'file-read-data', facts: { path: '/private/var/x' } });
    expect([allowed.decision, allowed.decidingLayer]).toEqual(['allow', 'both']);
  });

  it('each layer makes its own symlink traversal check', () => {
    // /tmp is a symlink on the stock layout: the platform refuses file-read-metadata on it, the process does not
    const v = decideLayered(layers(), { operation: 'file-read-data', facts: { path: '/tmp/x' } }, true);
    expect(v.process.decision).toBe('allow');
    expect(v.platform.check).toBe('symlink-traversal');
    expect(v.platform.link).toBe('/tmp');
    expect([v.decision, v.decidingLayer]).toEqual(['deny', 'platform']);
  });

  it('explained: each layer carries its explanation; JSON and text name the deciding layer', () => {
    const l = layers();
    const v = decideLayered(l, { operation: 'file-read-data', facts: { path: '/private/secret/key' } }, true);
    expect((v.platform.detail as Explanation).chain).toEqual(['file-read-data', 'file-read*']);
    const j = layeredJson(l, v) as { decision: string; decidingLayer: string; layers: Record<string, { source: string; form: string; decision: string; explanation?: Explanation }> };
    expect(j.decision).toBe('deny');
    expect(j.decidingLayer).toBe('platform');
    expect(j.layers.platform.source).toBe('platform.sb');
    expect(j.layers.process.form).toBe('sbpl');
    expect(j.layers.platform.explanation?.decidedBy.kind).toBe('filtered-rule');
    const text = formatLayered(l, v, 'file-read-data /private/secret/key');
    expect(text.split('\n')[0]).toBe('DENY file-read-data /private/secret/key — the platform profile denies (the process profile allows)');
    expect(text).toMatch(/platform layer \(platform\.sb, sbpl\): deny ← decides/);
    expect(text).toMatch(/process layer \(process\.sb, sbpl\): allow\n/);
  });

  it('an unknown operation is an error of the request, not a verdict', () => {
    expect(() => decideLayered(layers(), { operation: 'file-reed-data', facts: { path: '/x' } })).toThrow(/unknown operation 'file-reed-data'/);
  });
});
