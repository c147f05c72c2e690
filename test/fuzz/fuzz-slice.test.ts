// A short deterministic slice of the fuzz harness (fuzz/): fixed seeds, a few dozen to a hundred cases per
// surface. `npm run fuzz -- --count N` runs long ones.
import { beforeAll, describe, expect, it } from 'vitest';
import { SURFACES, fuzzSurface, prepareSurfaces } from '../../fuzz/run.js';

const CASES: Record<string, number> = { 'blob-sonoma14': 100, params: 200, 'request-lines': 200, editor: 30 };

describe('fuzz slice', () => {
  beforeAll(async () => {
    await prepareSurfaces();
  }, 60_000);
  for (const s of SURFACES) {
    it(`${s.name}: no escaped exception, every error located`, () => {
      const r = fuzzSurface(s.name, CASES[s.name] ?? 60, 7);
      expect(r.failures).toEqual([]);
      expect(r.cases).toBeGreaterThan(0);
    }, 30_000);
  }
});
