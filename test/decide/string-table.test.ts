// StringTable (src/decide/string-table.ts): every string its own key, no inherited keys, emptied at its bound;
// probes skipped for a while after a fill that hit too rarely (ProbeBudget), then sampled again.
import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/decide/string-table.js';

describe('StringTable', () => {
  it('keeps every string apart, inherited and numeric-looking ones included', () => {
    const t = new StringTable<number>(100);
    const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '123', '0123', '1e3', '-0', '0', '', '/a', 'a/'];
    for (const k of keys) expect(t.get(k), k).toBeUndefined();
    keys.forEach((k, i) => t.set(k, i));
    keys.forEach((k, i) => expect(t.get(k), k).toBe(i));
  });

  it('is emptied when its bound is reached, then fills again', () => {
    const t = new StringTable<number>(3);
    for (let i = 0; i < 3; i++) t.set(`k${i}`, i);
    expect(t.get('k2')).toBe(2);
    t.set('k3', 3);
    expect(t.get('k0')).toBeUndefined();
    expect(t.get('k3')).toBe(3);
    t.set('k4', 4);
    t.set('k5', 5);
    expect(t.get('k3')).toBe(3);
    t.set('k6', 6);
    expect(t.get('k3')).toBeUndefined();
    expect(t.get('k6')).toBe(6);
  });

  it('skips probing after a fill of misses, then samples again and answers from what it stores', () => {
    const t = new StringTable<number>(10);
    const miss = (k: string, v: number) => {
      expect(t.get(k)).toBeUndefined();
      t.set(k, v);
    };
    for (let i = 0; i < 10; i++) miss(`d${i}`, i);
    expect(t.bypassed).toBe(false);
    // the 11th store ends a window of 10 stores without a hit: the next 4 windows of probes are skipped
    miss('d10', 10);
    expect(t.bypassed).toBe(true);
    // the 40th probe is the last skipped: the store after it is kept
    for (let i = 0; i < 40; i++) miss('d10', 10);
    expect(t.bypassed).toBe(false);
    expect(t.get('d10')).toBe(10);
    // the next window of stores has that one hit (1 × 8 < 10): skipped twice as long
    for (let i = 0; !t.bypassed; i++) miss(`e${i}`, i);
    let skipped = 0;
    while (t.bypassed) {
      t.get('x');
      skipped++;
    }
    expect(skipped).toBe(80);
  });

  it('keeps probing while at least one store in 8 is followed by hits', () => {
    const t = new StringTable<number>(16);
    for (let i = 0; i < 200; i++) {
      const k = `k${i}`;
      if (t.get(k) === undefined) t.set(k, i);
      // every other key asked again at once: a hit rate the table pays for
      if (i % 2 === 0) expect(t.get(k)).toBe(i);
      expect(t.bypassed).toBe(false);
    }
  });

  it('is a Map after a window with fewer than 32 hits per store, an object again after one with more', () => {
    const t = new StringTable<number>(4);
    // the form is private: read through an index access
    const form = () => (t['table'] !== null ? 'object' : t['map'] instanceof Map ? 'map' : 'none');
    const ask = (k: string, v: number) => {
      const got = t.get(k);
      if (got === undefined) t.set(k, v);
      else expect(got).toBe(v);
    };
    expect(form()).toBe('object');
    // a window of 4 stores with 4 × 2 hits: pays for its probes (≥ 1 hit per 8 stores) but not for property keys
    for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) ask(`a${i}`, i);
    expect(form()).toBe('map');
    expect(t.bypassed).toBe(false);
    // every key kept in either form, inherited names included
    for (const k of ['__proto__', 'constructor', 'b']) ask(k, 7);
    for (const k of ['__proto__', 'constructor', 'b']) expect(t.get(k)).toBe(7);
    // a window with 4 × 40 hits: the next one is an object
    for (let i = 0; i < 160; i++) ask('b', 7);
    for (let i = 0; i < 2; i++) ask(`c${i}`, i);
    expect(form()).toBe('object');
    expect(t.get('c1')).toBe(1);
  });
});
