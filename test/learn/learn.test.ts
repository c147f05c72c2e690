// learnRules on fixture denials: one rule per distinct need, the exact operation named, verified by the engine,
// the widening diffed; nothing added for what is already allowed or twice; unexpressible needs reported.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProfile } from '../../src/sbpl/index.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import { getVocab } from '../../src/vocab/index.js';
import { learnRules, type Denial } from '../../src/learn/index.js';
import type { RequestFacts } from '../../src/decide/request.js';

const vocab = getVocab();
const BASE = ['(version 1)', '(deny default)', '(allow file-read* (subpath "/usr"))', '(deny file-read-data (literal "/Users/me/secret"))', ''].join('\n');
const compile = (text: string) => readProfile(text, { fileName: 'p.sb' });

let line = 0;
function denial(operation: string, target: string, facts: RequestFacts): Denial {
  return { operation, target, facts, lines: [++line], count: 1, assumptions: [] };
}
const file = (op: string, path: string) => denial(op, path, { path, pathIsResolved: true });

function learn(text: string, denials: Denial[], generalize: 'none' | 'subpath' = 'none') {
  return learnRules({ profile: compile(text).profile, text, denials, compile }, { generalize });
}

describe('learnRules', () => {
  it('one rule per target, naming every operation denied on it; verified; widening diffed', () => {
    const r = learn(BASE, [
      file('file-read-data', '/Users/me/a.txt'),
      file('file-read-metadata', '/Users/me/a.txt'),
      file('file-write-create', '/Users/me/out/b.txt'),
      denial('mach-lookup', 'com.apple.x', { serviceName: 'com.apple.x', serviceKind: 'global' }),
      denial('network-outbound', '127.0.0.1:8080', { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 8080 } }),
      denial('network-outbound', '93.184.216.34:443', { remote: { proto: 'tcp', family: 'inet', host: '93.184.216.34', port: 443 } }),
      denial('sysctl-read', 'kern.hostname', { sysctlName: 'kern.hostname' }),
    ]);
    expect(r.rules.map((x) => x.rule)).toEqual([
      '(allow file-read-data file-read-metadata (literal "/Users/me/a.txt"))',
      '(allow file-write-create (literal "/Users/me/out/b.txt"))',
      '(allow mach-lookup (global-name "com.apple.x"))',
      '(allow network-outbound (remote ip "localhost:8080"))',
      '(allow network-outbound (remote ip "*:443"))',
      '(allow sysctl-read (sysctl-name "kern.hostname"))',
    ]);
    expect(r.rules[0].covers.map((d) => d.operation)).toEqual(['file-read-data', 'file-read-metadata']);
    expect(r.rules[4].note).toMatch(/cannot name the host/);
    expect(r.stillDenied).toEqual([]);
    expect(r.unexpressible).toEqual([]);
    // the diff shows each rule's opening, and nothing that was allowed before closes
    expect(r.diff!.differences.every((d) => d.a === 'deny' && d.b === 'allow')).toBe(true);
    expect(r.diff!.differences.map((d) => d.request.path ?? d.request.serviceName ?? d.request.remote ?? d.request.sysctlName)).toEqual(
      expect.arrayContaining(['/Users/me/a.txt', '/Users/me/out/b.txt', 'com.apple.x', 'tcp4:127.0.0.1:8080', 'kern.hostname']),
    );
    expect(r.text.startsWith(BASE)).toBe(true);
    expect(r.text).toContain('; covers file-read-data /Users/me/a.txt (line 1); file-read-metadata /Users/me/a.txt (line 2)');
  });

  it('a learned allow overrides an earlier filtered deny of the same operation (newest first)', () => {
    const r = learn(BASE, [file('file-read-data', '/Users/me/secret')]);
    expect(r.rules.map((x) => x.rule)).toEqual(['(allow file-read-data (literal "/Users/me/secret"))']);
    expect(r.stillDenied).toEqual([]);
  });

  it('reports what stays denied with the rules added', () => {
    // a %finalize hook (sbpl1.scm) runs after the whole file, so its rules come after the learned ones
    const text = BASE + '(define (%finalize) (deny file-read-data (literal "/Users/me/late")))\n';
    const r = learn(text, [file('file-read-data', '/Users/me/late'), file('file-read-data', '/Users/me/fine')]);
    expect(r.rules).toHaveLength(2);
    expect(r.stillDenied.map((s) => [s.denial.target, s.by.rule])).toEqual([['/Users/me/late', '(deny file-read-data (literal "/Users/me/late"))']]);
    const e = new DecisionEngine(compile(r.text).profile, vocab);
    expect(e.decide({ operation: 'file-read-data', facts: { path: '/Users/me/late' } }).decision).toBe('deny');
  });

  it('adds nothing for denials the profile already allows, and nothing twice', () => {
    const denials = [file('file-read-data', '/usr/lib/libz.dylib'), file('file-read-data', '/Users/me/x'), file('file-read-data', '/Users/me/x')];
    const first = learn(BASE, denials);
    expect(first.alreadyAllowed.map((a) => a.denial.target)).toEqual(['/usr/lib/libz.dylib']);
    expect(first.rules).toHaveLength(1);
    const again = learn(first.text, denials);
    expect(again.rules).toEqual([]);
    expect(again.text).toBe(first.text);
    expect(again.diff).toBeNull();
    expect(again.alreadyAllowed).toHaveLength(3);
  });

  it('generalises to directories only when asked, never to / or a top-level folder', () => {
    const denials = [file('file-write-create', '/Users/me/cache/a'), file('file-write-create', '/Users/me/cache/b'), file('file-write-data', '/Users/me/cache/sub/c'), file('file-read-data', '/Users/x')];
    const r = learn(BASE, denials, 'subpath');
    expect(r.rules.map((x) => x.rule)).toEqual([
      '(allow file-write-create (subpath "/Users/me/cache"))',
      '(allow file-write-data (subpath "/Users/me/cache/sub"))',
      '(allow file-read-data (literal "/Users/x"))',
    ]);
    expect(r.rules[0].covers).toHaveLength(2);
    expect(r.rules[2].note).toMatch(/too broad/);
    // a directory rule absorbs the needs below it for the operations it names
    const nested = learn(BASE, [file('file-write-create', '/Users/me/c/a'), file('file-write-create', '/Users/me/c/d/e')], 'subpath');
    expect(nested.rules.map((x) => [x.rule, x.covers.length])).toEqual([['(allow file-write-create (subpath "/Users/me/c"))', 2]]);
  });

  it('reports denials no rule can express', () => {
    const r = learn(BASE, [denial('brand-new-op', '/x', { path: '/x' }), denial('signal', 'target 4567', { other: { target: 'target 4567' } }), denial('file-read-data', '', {})]);
    expect(r.rules).toEqual([]);
    expect(r.unexpressible.map((u) => u.denial.operation)).toEqual(['brand-new-op', 'signal', 'file-read-data']);
    const [unknown, opaque, untargeted] = r.unexpressible.map((u) => u.reason);
    expect(unknown).toMatch(/^unknown operation 'brand-new-op' for sonoma-14\.4\.1/);
    expect(opaque).toMatch(/the target 'target 4567' of signal is not a datum/);
    expect(untargeted).toMatch(/names no target for file-read-data, which takes a path/);
  });

  it('every denial it learns from is allowed afterwards (generated file denials)', () => {
    const dirs = ['/Users/me', '/Users/me/a', '/private/tmp', '/private/var/db', '/opt/x'];
    const ops = ['file-read-data', 'file-read-metadata', 'file-write-create', 'file-write-data', 'file-write-unlink', 'process-exec'];
    const gen = fc.array(fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...dirs), fc.constantFrom('f', 'g.txt', 'h/i')), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(gen, fc.constantFrom('none' as const, 'subpath' as const), (items, mode) => {
        line = 0;
        const denials = items.map(([op, d, f]) => file(op, `${d}/${f}`));
        const r = learn(BASE, denials, mode);
        expect(r.stillDenied).toEqual([]);
        const e = new DecisionEngine(compile(r.text).profile, vocab);
        for (const d of denials) expect(e.decide({ operation: d.operation, facts: d.facts }).decision).toBe('allow');
        // each distinct need is covered exactly once
        const covered = r.rules.flatMap((x) => x.covers);
        expect(new Set(covered).size).toBe(covered.length);
      }),
      { numRuns: 40 },
    );
  });
});
