// The verdict memo (src/decide/verdict-memo.ts) may only answer requests whose facts are one string plus the path
// flags, and must keep apart every shape whose decision can differ (which fact holds the string, which flags).
import { describe, expect, it } from 'vitest';
import { FactSlots, VerdictMemo } from '../../src/decide/verdict-memo.js';
import { engine } from './helpers.js';

describe('FactSlots', () => {
  it('gives one slot per fact name and flag set, and leaves the string in value', () => {
    const s = new FactSlots();
    const a = s.slot({ path: '/a' });
    expect(s.value).toBe('/a');
    expect(s.slot({ path: '/b' })).toBe(a);
    expect(s.value).toBe('/b');
    const svc = s.slot({ serviceName: 'com.x' });
    expect(svc).toBeGreaterThanOrEqual(0);
    expect(svc).not.toBe(a);
    const resolved = s.slot({ path: '/a', pathIsResolved: true });
    const noFollow = s.slot({ path: '/a', noFollow: true });
    const both = s.slot({ noFollow: true, path: '/a', pathIsResolved: true });
    expect(new Set([a, svc, resolved, noFollow, both]).size).toBe(5);
    // false and undefined read as absent
    expect(s.slot({ path: '/a', pathIsResolved: false, noFollow: false })).toBe(a);
    expect(s.slot({ path: '/a', vnodeType: undefined })).toBe(a);
    // no string at all is a shape of its own
    const empty = s.slot({});
    expect(s.value).toBe('');
    expect(empty).not.toBe(a);
    expect(s.slot({ pathIsResolved: true })).not.toBe(empty);
  });

  it('refuses facts that are not exactly one string', () => {
    const s = new FactSlots();
    expect(s.slot({ path: '/a', vnodeType: 'DIRECTORY' })).toBe(-1);
    expect(s.slot({ path: '/a', serviceName: 'x' })).toBe(-1);
    expect(s.slot({ remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 80 } })).toBe(-1);
    expect(s.slot({ path: '/a', fileMode: 0o644 })).toBe(-1);
    expect(s.slot({ extensions: ['x'] })).toBe(-1);
    expect(s.slot({ path: '/a', other: { x: 1 } })).toBe(-1);
    // a flag that is not a boolean, or a boolean that is not a path flag
    expect(s.slot({ path: '/a', noFollow: 1 })).toBe(-1);
    expect(s.slot({ path: '/a', somethingElse: true })).toBe(-1);
    // facts inherited from a prototype are not what for-in over own properties would see
    expect(s.slot(Object.create({ vnodeType: 'SYMLINK' }, { path: { value: '/a', enumerable: true } }))).toBe(-1);
  });

  it('stops giving slots to new names after its bound', () => {
    const s = new FactSlots();
    let refused = 0;
    for (let i = 0; i < 100; i++) if (s.slot({ [`name${i}`]: 'v' }) < 0) refused++;
    expect(refused).toBeGreaterThan(0);
    expect(s.slot({ name0: 'v' })).toBeGreaterThanOrEqual(0);
  });
});

describe('VerdictMemo', () => {
  it('keeps slots and data apart', () => {
    const m = new VerdictMemo<string>();
    m.set(5, '/a', 'five');
    m.set(0, '/a', 'zero');
    expect(m.get(5, '/a')).toBe('five');
    expect(m.get(0, '/a')).toBe('zero');
    expect(m.get(1, '/a')).toBeUndefined();
    expect(m.get(5, '/b')).toBeUndefined();
  });
});

describe('the engine with its memo', () => {
  const text = '(version 1)\n(deny default)\n(allow file-read* (literal "/tmp/t"))\n(allow file-read* (require-all (literal "/private/tmp/t") (vnode-type SYMLINK)))\n(allow mach-lookup (global-name "/tmp/t"))';

  it('answers each shape of the same string as deciding it in full does', () => {
    const e = engine(text);
    const cold = engine(text, { memo: false });
    const shapes = [
      { operation: 'file-read-data', facts: { path: '/tmp/t' } },
      { operation: 'file-read-data', facts: { path: '/tmp/t', pathIsResolved: true } },
      { operation: 'file-read-data', facts: { path: '/private/tmp/t' } },
      { operation: 'file-read-data', facts: { path: '/private/tmp/t', vnodeType: 'SYMLINK' as const } },
      { operation: 'mach-lookup', facts: { serviceName: '/tmp/t' } },
      { operation: 'mach-lookup', facts: { path: '/tmp/t' } },
    ];
    const expected = ['deny', 'allow', 'deny', 'allow', 'allow', 'deny'];
    // twice round: the second round is answered from the memo
    for (let round = 0; round < 2; round++) {
      shapes.forEach((r, i) => {
        expect(e.decide(r).decision, `${round}: ${JSON.stringify(r)}`).toBe(expected[i]);
        expect(e.decide(r)).toEqual(cold.decide(r));
        expect(e.explain(r).decision).toBe(expected[i]);
      });
    }
  });

  it('hands out the same frozen verdict for a repeated datum', () => {
    const e = engine(text);
    const a = e.decide({ operation: 'file-read-data', facts: { path: '/tmp/t', pathIsResolved: true } });
    const b = e.decide({ operation: 'file-read-data', facts: { path: ['/tmp', 't'].join('/'), pathIsResolved: true } });
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
