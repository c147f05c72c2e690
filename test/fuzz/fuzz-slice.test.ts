// A short deterministic slice of the fuzz harness (fuzz/): fixed seeds, a few hundred cases per surface.
// `npm run fuzz -- --count N` runs long ones.
import { describe, expect, it } from 'vitest';
import { SURFACES } from '../../fuzz/surfaces.js';
import { fuzzSurface } from '../../fuzz/run.js';

describe('fuzz slice', () => {
  for (const s of SURFACES) {
    it(`${s.name}: no escaped exception, every error located`, () => {
      const r = fuzzSurface(s.name, s.name.startsWith('blob') ? 100 : 60, 7);
      expect(r.failures).toEqual([]);
      expect(r.cases).toBeGreaterThan(0);
    }, 20_000);
  }
});
