// (param "constructor") / (param "__proto__") must read only the params given, never Object.prototype (issue 15).
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';

describe('param lookups do not reach Object.prototype', () => {
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`(param "${key}") is #f when not given`, () => {
      const r = readProfile(`(version 1)\n(allow file-read* (literal (if (param "${key}") "/given" "/absent")))`, { fileName: 'p.sb', os: 'any', params: { a: 'b' } });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const rules = JSON.stringify(r.profile.rules.map((x) => x.filter));
      expect(rules).toContain('/absent');
      expect(rules).not.toContain('/given');
    });
  }
});
