// StringTable (src/decide/string-table.ts): every string its own key, no inherited keys, emptied at its bound.
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
});
