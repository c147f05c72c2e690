// The streamed JSON writer prints exactly what JSON.stringify(value, null, 2) prints, for any value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks, jsonText } from '../../src/cli/json-stream.js';

describe('json-stream', () => {
  it('equals JSON.stringify(v, null, 2) on arbitrary JSON values (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
        expect(jsonText(v)).toBe(JSON.stringify(v, null, 2));
      }), { numRuns: 500 });
  });
  it('leaves out what JSON.stringify leaves out, and honours toJSON', () => {
    const v = { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: { toJSON: () => 'D' }, e: {}, f: [], g: null, h: new Date(0) };
    expect(jsonText(v)).toBe(JSON.stringify(v, null, 2));
    expect(jsonText(undefined)).toBe('null');
  });
  it('cuts a large value into chunks of bounded size', () => {
    const big = { rules: Array.from({ length: 20000 }, (_, i) => ({ id: i, ops: ['file-read*'], path: `/p/${i}` })) };
    const chunks = [...jsonChunks(big)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000);
    expect(chunks.join('')).toBe(JSON.stringify(big, null, 2));
  });
});
