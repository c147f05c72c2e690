// Issue 15 regressions the fuzz harness covers by property, pinned as single cases: a 300,000-character string
// inserted into a regex argument of a real profile is a located error (it took 57 s to check), and a long
// unknown name no longer makes "did you mean" quadratic (the error stays located).
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';

const PROFILE = '(version 1)\n(deny default)\n(allow file-read* (regex #"^/usr/lib/.*\\.dylib$"))\n(allow mach-lookup (global-name "com.apple.logd"))\n';

describe('issue 15 fuzz regressions', () => {
  it('a 300,000-character regex argument is an error located at the regex', () => {
    const at = PROFILE.indexOf('#"') + 2;
    const text = PROFILE.slice(0, at) + 'a'.repeat(300_000) + PROFILE.slice(at);
    const r = readProfile(text, { fileName: 'big.sb', os: 'any' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(r.ok).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].span?.line).toBe(3);
  });
  it('an unbound 5,000-character name is a located error', () => {
    const r = readProfile(`(version 1)\n(allow file-read* (subpath ${'x'.repeat(5000)}))\n`, { fileName: 'long.sb', os: 'any' });
    const e = r.diagnostics.find((d) => d.severity === 'error');
    expect(e?.message).toMatch(/unbound variable/);
    expect(e?.span?.line).toBe(2);
  });
});
