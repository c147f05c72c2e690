// The Sonoma module agrees with the extracted libsandbox tables in ../shared/data/vocab (ops.json, filters.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getVocab } from '../../src/vocab/index.js';
import { haveVocabData, vocabDataRoot } from './paths.js';

if (!haveVocabData) console.warn(`[vocab] ${vocabDataRoot} not found: skipping the ops.json / filters.json comparison`);

describe.skipIf(!haveVocabData)('sonoma-14.4.1 vs shared/data/vocab', () => {
  const v = getVocab('sonoma-14.4.1');
  const load = (f: string) => JSON.parse(readFileSync(join(vocabDataRoot, f), 'utf8'));

  it('has every operation of ops.json under the same id, and nothing else', () => {
    const ops: Array<{ id: number; name: string }> = load('ops.json').ops;
    expect(ops.length).toBe(196);
    expect(v.operations.map((o) => [o.id, o.name])).toEqual(ops.map((o) => [o.id, o.name]));
  });

  it('has every filter of filters.json under the same id, and nothing else', () => {
    const filters: Array<{ id: number; name: string }> = load('filters.json').filters;
    expect(filters.length).toBe(93);
    expect(v.filters.map((f) => [f.id, f.name])).toEqual(filters.map((f) => [f.id, f.name]));
  });

  it('keeps ids 190..195 out of the 190-slot op table', () => {
    const ops: Array<{ id: number; name: string }> = load('ops.json').ops;
    for (const o of ops) expect(v.operationById(o.id)?.notInOpTable === true).toBe(o.id >= 190);
    expect(v.data.opTableSize).toBe(190);
  });
});
