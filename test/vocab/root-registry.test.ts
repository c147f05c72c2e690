// The root entry carries the default vocabulary (Sonoma 14.4.1) only (its browser budget); Catalina and the newer
// releases join when the `sbpl-kit/vocab` entry (src/vocab/all.ts) is imported, and asking the root for one says so.
import { describe, expect, it } from 'vitest';
import { getVocab, listVocabularies } from '../../src/vocab/index.js';

describe('root vocabulary registry', () => {
  it('holds the built-in vocabularies and names the entry that adds the newer releases', async () => {
    expect(listVocabularies()).toEqual(['sonoma-14.4.1', 'any']);
    expect(() => getVocab('macos-15')).toThrow(/sbpl-kit\/vocab/);
    expect(() => getVocab('catalina-10.15')).toThrow(/Catalina 10\.15.*sbpl-kit\/vocab/);
    const anyBefore = getVocab('any').operations.length;
    await import('../../src/vocab/all.js');
    expect(listVocabularies()).toEqual(['sonoma-14.4.1', 'catalina-10.15', 'macos-15', 'ios-17', 'ios-26', 'any']);
    expect(getVocab('macos-15').id).toBe('macos-15');
    expect(getVocab('10.15').id).toBe('catalina-10.15');
    // `any` is rebuilt after registration (never a stale union)
    expect(getVocab('any').operations.length).toBeGreaterThanOrEqual(anyBefore);
  });
});
