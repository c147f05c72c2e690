// Directives and the driver around them: params, imports, version, trace, debug, standard policy,
// preludes, entitlements.
import { describe, expect, it } from 'vitest';
import { readProfile, memorySources } from '../../src/sbpl/index.js';
import { compile, show, shows } from './helpers.js';

describe('directives', () => {
  it('param returns the -D value or #f, and records what was used', () => {
    const p = compile('(allow file-write* (subpath (param "ROOT")))\n(if (param "MISSING") (allow default))', { params: { ROOT: '/private/tmp/w' } });
    expect(p.rules.map(show)).toEqual(['allow file-write* (subpath "/private/tmp/w")']);
    expect(p.params).toEqual([
      expect.objectContaining({ name: 'ROOT', value: '/private/tmp/w' }),
      expect.objectContaining({ name: 'MISSING', value: null }),
    ]);
  });
  it('getenv is param; a profile may redefine param', () => {
    expect(shows('(allow file-read* (subpath (getenv "H")))', { params: { H: '/h' } })).toEqual(['allow file-read* (subpath "/h")']);
    expect(shows('(define (param k) (if (equal? k "A") "/fixed" #f))\n(allow file-read* (subpath (param "A")))')).toEqual(['allow file-read* (subpath "/fixed")']);
  });
  it('import searches the import path, IMPORT_DIR first, shares definitions and records the chain', () => {
    const sources = memorySources({
      '/sys/bsd.sb': '(define (sys-net) (allow network-outbound (literal "/private/var/run/syslog")))\n(allow file-read-metadata)\n',
      '/own/bsd.sb': '(allow file-read-data)\n',
      '/abs/x.sb': '(import "bsd.sb")\n',
    });
    const p = compile('(import "/abs/x.sb")\n(sys-net)', { importPath: ['/sys'], sources });
    expect(p.rules.map(show)).toEqual(['allow file-read-metadata', 'allow network-outbound (literal "/private/var/run/syslog")']);
    expect(p.rules[0].importChain.map((s) => s.file)).toEqual(['p.sb', '/abs/x.sb']);
    expect(p.imports.map((i) => i.resolved)).toEqual(['/abs/x.sb', '/sys/bsd.sb']);
    const viaParam = compile('(import "bsd.sb")', { importPath: ['/sys'], sources, params: { IMPORT_DIR: '/own' } });
    expect(viaParam.rules.map(show)).toEqual(['allow file-read-data']);
  });
  it("an absolute import of Apple's folders falls back to the import path off macOS, with a note", () => {
    const sources = memorySources({ '/copy/bsd.sb': '(allow file-read-metadata)\n' });
    const r = readProfile('(version 1)\n(import "/System/Library/Sandbox/Profiles/bsd.sb")', { importPath: ['/copy'], sources, standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain('sbpl/import-relocated');
  });
  it('trace is recorded; debug forms are recorded (they are a no-op)', () => {
    const p = compile('(trace "/tmp/t.trace")\n(debug deny)');
    expect(p.trace).toBe('/tmp/t.trace');
    expect(p.debugForms?.[0]).toMatchObject({ line: 3 });
  });
  it('the standard policy is appended after the profile', () => {
    const r = readProfile('(version 1)\n(deny default)', {});
    expect(r.profile.rules.map((x) => `${x.origin}: ${show(x)}`)).toEqual([
      'profile: deny default',
      'standard-policy: allow signal (target self)',
      'standard-policy: allow mach-task-name (target self)',
      'standard-policy: allow mach-task-inspect (target self)',
      'standard-policy: allow mach-task-read (target self)',
    ]);
  });
  it('preludes are concatenated before the profile; fragments need no version', () => {
    const r = readProfile('(helper)', { preludes: [{ name: 'common.sb', text: '(version 1)\n(define (helper) (allow file-read*))' }], standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.profile.version).toBe(1);
    expect(readProfile('(allow file-read*)', { fragment: true }).ok).toBe(true);
  });
  it('entitlements are bound as *entitlements*', () => {
    const p = compile('(define (ent k) (let ((e (assoc k *entitlements*))) (and e (cdr e))))\n(if (ent "a") (allow file-read*))\n(if (ent "b") (allow file-write*))', {
      entitlements: { a: true, b: false },
    });
    expect(p.rules.map(show)).toEqual(['allow file-read*']);
  });
  it('version 2 is accepted on Sonoma, not on Catalina', () => {
    expect(readProfile('(version 2)', { os: 'sonoma-14.4.1' }).ok).toBe(true);
    expect(readProfile('(version 2)', { os: 'catalina-10.15' }).ok).toBe(false);
  });
});
