// The verdict memo (src/decide/verdict-memo.ts) may only answer requests whose facts are flat plain data, and must
// keep apart every shape and value whose decision can differ (which fact holds which kind of value, the flags).
import { describe, expect, it } from 'vitest';
import { FactSlots, VerdictMemo } from '../../src/decide/verdict-memo.js';
import { engine } from './helpers.js';
import type { Request } from '../../src/decide/request.js';

const values = (s: FactSlots) => s.parts.slice(0, s.count);

describe('FactSlots', () => {
  it('gives one slot per shape (names and kinds of values) and collects the values', () => {
    const s = new FactSlots();
    const a = s.slot({ path: '/a' });
    expect(values(s)).toEqual(['/a']);
    expect(s.slot({ path: '/b' })).toBe(a);
    expect(values(s)).toEqual(['/b']);
    const svc = s.slot({ serviceName: 'com.x' });
    const resolved = s.slot({ path: '/a', pathIsResolved: true });
    const notResolved = s.slot({ path: '/a', pathIsResolved: false });
    const noFollow = s.slot({ path: '/a', noFollow: true });
    const twoNames = s.slot({ target: 'self', preferenceDomain: 'com.apple.finder' });
    expect(values(s)).toEqual(['self', 'com.apple.finder']);
    const mode = s.slot({ path: '/a', fileMode: 0o644 });
    expect(values(s)).toEqual(['/a', 0o644]);
    const modeAsText = s.slot({ path: '/a', fileMode: '420' });
    const all = [a, svc, resolved, notResolved, noFollow, twoNames, mode, modeAsText];
    expect(all.every((x) => x >= 0)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    // undefined reads as absent
    expect(s.slot({ path: '/a', vnodeType: undefined })).toBe(a);
    // nothing to key by: decided in full
    expect(s.slot({})).toBe(-1);
    expect(s.slot({ pathIsResolved: true })).toBe(-1);
  });

  it('refuses facts that are not flat plain data', () => {
    const s = new FactSlots();
    expect(s.slot({ extensions: ['x'] })).toBe(-1);
    expect(s.slot({ remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 80 } })).toBe(-1);
    expect(s.slot({ path: '/a', other: { x: 'y' } })).toBe(-1);
    expect(s.slot({ path: '/a', other: null })).toBe(-1);
    expect(s.slot({ fileMode: -0 })).toBe(-1);
    expect(s.slot({ path: '/a', f: () => 1 })).toBe(-1);
    // facts held by a class instance may sit in getters for-in does not see
    class Facts {
      get path() {
        return '/a';
      }
    }
    expect(s.slot(new Facts())).toBe(-1);
  });

  it('stops giving slots to new shapes after its bound', () => {
    const s = new FactSlots();
    let refused = 0;
    for (let i = 0; i < 400; i++) if (s.slot({ [`name${i}`]: 'v' }) < 0) refused++;
    expect(refused).toBeGreaterThan(0);
    expect(s.slot({ name0: 'v' })).toBeGreaterThanOrEqual(0);
  });
});

describe('VerdictMemo', () => {
  it('keeps slots and values apart', () => {
    const m = new VerdictMemo<string>();
    m.set(5, ['/a'], 1, 'five');
    m.set(0, ['/a'], 1, 'zero');
    m.set(7, ['tcp', 80], 2, 'tcp 80');
    expect(m.get(5, ['/a'], 1)).toBe('five');
    expect(m.get(0, ['/a'], 1)).toBe('zero');
    expect(m.get(1, ['/a'], 1)).toBeUndefined();
    expect(m.get(5, ['/b'], 1)).toBeUndefined();
    expect(m.get(7, ['tcp', 80], 2)).toBe('tcp 80');
    expect(m.get(7, ['tcp', 81], 2)).toBeUndefined();
    expect(m.get(7, ['udp', 80], 2)).toBeUndefined();
    // only the first `count` values count
    expect(m.get(5, ['/a', 'stale'], 1)).toBe('five');
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

  it('gives what deciding in full gives through a stream of distinct data long enough to stop probing, and after it', () => {
    const profile = '(version 1)\n(deny default)\n(allow file-read* (subpath "/a"))\n(deny file-read-data (regex #"7$"))\n(allow file-read-data (require-all (subpath "/b") (vnode-type REGULAR-FILE)))';
    const e = engine(profile);
    const cold = engine(profile, { memo: false });
    // 3 windows of the memo's 16,384 stores and the tables' 4,096 / 8,192 with no repeat, then repeats
    const stream: Request[] = [];
    for (let i = 0; i < 60_000; i++) stream.push({ operation: 'file-read-data', facts: { path: `/${'ab'[i % 2]}/d${i % 7}/f${i}`, ...(i % 3 === 0 ? { vnodeType: 'REGULAR-FILE' as const } : {}) } });
    for (let i = 0; i < 20_000; i++) stream.push({ operation: 'file-read-data', facts: { path: `/${'ab'[i % 2]}/d${i % 7}/f${i % 50}` } });
    let allowed = 0;
    for (const r of stream) {
      const v = e.decide(r);
      if (v.decision === 'allow') allowed++;
      expect(v).toEqual(cold.decide(r));
    }
    // the stream is not one-sided: both rules and the default decide some of it
    expect(allowed).toBeGreaterThan(10_000);
    expect(allowed).toBeLessThan(70_000);
  });
});
