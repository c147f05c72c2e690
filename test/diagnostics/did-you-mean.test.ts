// editDistance with a bound must agree with the unbounded distance whenever it is within the bound, and
// didYouMean must still find close names (the bound is an optimisation, never a change of answer).
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/diagnostics/did-you-mean.js';

describe('did you mean', () => {
  it('bounded distance equals the exact one within the bound and exceeds the bound otherwise', () => {
    const words = ['file-read*', 'file-read-data', 'file-write*', 'mach-lookup', 'network-outbound', 'x', '', 'process-exec', 'file-reed*'];
    for (const a of words) for (const b of words) for (const bound of [0, 1, 2, 3, 5, 20]) {
      const exact = editDistance(a, b);
      const got = editDistance(a, b, bound);
      if (exact <= bound) expect(got).toBe(exact);
      else expect(got).toBeGreaterThan(bound);
    }
  });
  it('suggests near names and nothing for a long unrelated one', () => {
    expect(didYouMean('file-reed*', ['file-read*', 'file-write*'])).toBe('file-read*');
    expect(didYouMean('x'.repeat(5000), ['file-read*', 'file-write*', 'mach-lookup'])).toBeUndefined();
  });
});
