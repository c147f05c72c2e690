// The builder's name types (src/sbpl/builder/names.ts) are made from the vocabularies: every name they accept
// exists in one, and a vocabulary that gained names says how to regenerate them.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builderNamesSource } from './builder-names.js';

const FILE = 'src/sbpl/builder/names.ts';
const namesIn = (text: string, type: string): string[] => {
  const m = new RegExp(`export type ${type} =\\n((?:  \\| .*\\n?)+)`).exec(text);
  return m ? [...m[1].matchAll(/\| (".*?");?$/gm)].map((x) => JSON.parse(x[1]) as string) : [];
};

describe('builder names', () => {
  if (process.env.UPDATE_BUILDER_NAMES) writeFileSync(FILE, builderNamesSource());
  const current = readFileSync(FILE, 'utf8');
  const wanted = builderNamesSource();
  for (const type of ['OperationName', 'FilterName', 'ModifierName', 'VnodeType', 'TargetName']) {
    it(`${type}: every name exists in a vocabulary`, () => {
      const have = namesIn(current, type);
      const known = new Set(namesIn(wanted, type));
      expect(have.length).toBeGreaterThan(2);
      expect(have.filter((n) => !known.has(n))).toEqual([]);
      const missing = [...known].filter((n) => !have.includes(n));
      if (missing.length) console.warn(`[builder names] ${type} lacks ${missing.length} vocabulary names (${missing.slice(0, 5).join(', ')}...): UPDATE_BUILDER_NAMES=1 npx vitest run test/sbpl/builder-names.test.ts`);
    });
  }
});
