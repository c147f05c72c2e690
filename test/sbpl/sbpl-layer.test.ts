// SBPL forms: rules, operations (aliases, no-ops), every argument form of filters, metafilters,
// modifiers, with-filter/with-modifier/with-operations, params, imports, version, trace, debug,
// storage classes, message filters, entitlements and Apple's helper procedures.
import { describe, expect, it } from 'vitest';
import { compileSbpl, memorySources, type CompileOptions } from '../../src/sbpl/index.js';
import { describeFilter } from '../../src/sbpl/values.js';
import type { Profile, Rule } from '../../src/sbpl/profile.js';

function compile(text: string, options: CompileOptions = {}): Profile {
  const r = compileSbpl(`(version 1)\n${text}`, { fileName: 'p.sb', standardPolicy: false, ...options });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.column} ${d.message}`).join('\n'));
  return r.profile;
}
const rules = (text: string, options?: CompileOptions): Rule[] => compile(text, options).rules;
const show = (r: Rule) => `${r.action} ${r.operations.join(' ')}${r.filter ? ' ' + describeFilter(r.filter, 1000) : ''}${r.modifiers.map((m) => ` (with ${m.name}${m.args.map((a) => ' ' + a).join('')})`).join('')}`;
const shows = (text: string, options?: CompileOptions) => rules(text, options).map(show);

describe('rules', () => {
  it('keeps rules in order with actions, several operations and spans', () => {
    const rs = rules('(deny default)\n(allow file-read* file-write* (subpath "/private/tmp"))');
    expect(rs.map(show)).toEqual(['deny default', 'allow file-read* file-write* (subpath "/private/tmp")']);
    expect(rs[1].span).toMatchObject({ file: 'p.sb', line: 3, column: 1 });
    expect(rs.map((r) => r.id)).toEqual([0, 1]);
  });
  it('several filters in one rule, or several arguments to one filter, are an implicit require-any', () => {
    expect(shows('(allow file-read* (literal "/a" "/b") (subpath "/c"))')).toEqual(['allow file-read* (require-any (require-any (literal "/a") (literal "/b")) (subpath "/c"))']);
  });
  it('modifiers may stand anywhere in the rule', () => {
    expect(shows('(allow (with report) default)\n(deny file-read* (with no-log) (literal "/x"))\n(deny mach-lookup (with send-signal SIGKILL))')).toEqual([
      'allow default (with report)',
      'deny file-read* (literal "/x") (with no-report)',
      'deny mach-lookup (with send-signal 9)',
    ]);
  });
  it('(with termination) is (with send-signal SIGKILL); deprecated modifiers are dropped', () => {
    expect(shows('(deny file-write* (with termination))\n(deny default (with no-callout))\n(allow file-read* (with partial-symbolication))')).toEqual([
      'deny file-write* (with send-signal 9)',
      'deny default',
      'allow file-read*',
    ]);
  });
  it('resolves operation aliases and drops rules naming only no-op operations', () => {
    expect(shows('(allow process-exec)\n(allow ipc-posix-shm)\n(allow file-unlink)\n(allow mach-per-user-lookup)')).toEqual([
      'allow process-exec*',
      'allow ipc-posix-shm*',
      'allow file-write-unlink',
    ]);
    // sysctl-write is also an operation in Sonoma's table, but sbpl1.scm's alias binding wins (A through 10.15;
    // research/semantics.md §2.4 marks it "verify" on 14): (deny sysctl-write) denies reads too
    expect(shows('(allow sysctl-write)')).toEqual(['allow sysctl*']);
    expect(rules('(allow sysctl-write sysctl-read)')[0]).toMatchObject({ operations: ['sysctl*', 'sysctl-read'], operationsWritten: ['sysctl-write', 'sysctl-read'] });
    expect(rules('(allow sysctl-read)')[0].operationsWritten).toBeUndefined();
  });
  it('operations, filters and allow/deny are first-class values', () => {
    const text = `(define (moz-deny feature) (deny feature (with no-log)))
(moz-deny file-write*)
(define (apply-read op path-filter) (op file-read* path-filter))
(apply-read allow (subpath "/usr"))
(define f (literal "/etc/hosts"))
(allow file-read-data f)`;
    expect(shows(text)).toEqual(['deny file-write* (with no-report)', 'allow file-read* (subpath "/usr")', 'allow file-read-data (literal "/etc/hosts")']);
  });
  it('records the helper call that emitted a rule', () => {
    const rs = rules('(define (ro p) (allow file-read* (subpath p)))\n\n(ro "/usr")');
    expect(rs[0].span?.line).toBe(2);
    expect(rs[0].callChain?.[0]).toMatchObject({ line: 4, column: 1 });
  });
});

describe('filters', () => {
  it('path filters: literal, path, path-literal, prefix, path-prefix, subpath, regex, path-regex', () => {
    expect(shows('(allow file-read* (literal "/a") (path "/b") (path-literal "/c") (prefix "/d") (path-prefix "/e") (subpath "/f") (regex #"^/g$") (path-regex "h"))')[0]).toBe(
      'allow file-read* (require-any (literal "/a") (path "/b") (path-literal "/c") (prefix "/d") (path-prefix "/e") (subpath "/f") (regex #"^/g$") (path-regex #"h"))',
    );
  });
  it('string filters with -prefix and -regex spellings', () => {
    const rs = rules('(allow mach-lookup (global-name "com.apple.a") (global-name-prefix "com.apple.") (global-name-regex #"^com\\.x") (xpc-service-name "com.x.svc") (local-name "l"))');
    const tests = JSON.stringify(rs[0].filter);
    expect(tests).toContain('"filter":"global-name","arg":{"kind":"literal","value":"com.apple.a"}');
    expect(tests).toContain('"filter":"global-name","arg":{"kind":"prefix","value":"com.apple."}');
    expect(tests).toContain('"filter":"global-name","arg":{"kind":"regex","source":"^com\\\\.x"}');
    expect(tests).toContain('"filter":"xpc-service-name"');
    expect(tests).toContain('"filter":"local-name"');
  });
  it('integer filters take numbers or named constants', () => {
    const f = JSON.stringify(rules('(allow network-outbound (require-all (socket-domain AF_INET) (socket-type SOCK_STREAM) (socket-protocol 256)))')[0].filter);
    expect(f).toContain('"filter":"socket-domain","arg":{"kind":"integer","value":2');
    expect(f).toContain('"filter":"socket-type","arg":{"kind":"integer","value":1');
    expect(f).toContain('"filter":"socket-protocol","arg":{"kind":"integer","value":256');
  });
  it('file-mode takes mode bits', () => {
    expect(JSON.stringify(rules('(deny file-read* (file-mode #o0004))')[0].filter)).toContain('"arg":{"kind":"mode-bits","value":4}');
  });
  it('symbol filters: vnode-type, target and (tty)', () => {
    expect(shows('(allow file-write* (vnode-type SYMLINK DIRECTORY))\n(allow signal (target self))\n(allow file-ioctl (tty))')).toEqual([
      'allow file-write* (require-any (vnode-type SYMLINK) (vnode-type DIRECTORY))',
      'allow signal (target self)',
      'allow file-ioctl (vnode-type TTY)',
    ]);
  });
  it('network filters: protocol, host and port; no address means *:*', () => {
    expect(shows('(allow network-outbound (remote tcp "localhost:8080") (remote udp) (local ip "*:53"))')).toEqual([
      'allow network-outbound (require-any (remote tcp "localhost:8080") (remote udp "*:*") (local ip "*:53"))',
    ]);
  });
  it('legacy (remote unix-socket (path-literal ...)) becomes the path filter', () => {
    expect(shows('(allow network-outbound (remote unix-socket (path-literal "/private/var/run/syslog")))')).toEqual(['allow network-outbound (path-literal "/private/var/run/syslog")']);
  });
  it('metafilters nest', () => {
    expect(shows('(allow file-write* (require-all (subpath "/d") (require-not (vnode-type SYMLINK)) (require-any (literal "/d/a") (regex #"b$"))))')).toEqual([
      'allow file-write* (require-all (subpath "/d") (require-not (vnode-type SYMLINK)) (require-any (literal "/d/a") (regex #"b$")))',
    ]);
  });
  it('entitlements: require-entitlement with and without a value filter', () => {
    const f = JSON.stringify(rules('(allow mach-lookup (require-entitlement "com.x.k"))\n(allow mach-lookup (require-entitlement "com.x.s" (entitlement-value "v")))\n(allow mach-lookup (require-entitlement "com.x.r" (entitlement-value-regex #"^a")))').map((r) => r.filter));
    expect(f).toContain('{"kind":"entitlement","key":"com.x.k","value":{"kind":"bool-true"}}');
    expect(f).toContain('"value":{"kind":"string","match":{"kind":"literal","value":"v"}}');
    expect(f).toContain('"value":{"kind":"string","match":{"kind":"regex","source":"^a"}}');
  });
  it('(extension) defaults to the app-sandbox read-write class', () => {
    expect(JSON.stringify(rules('(allow file-read* (extension))')[0].filter)).toContain('com.apple.app-sandbox.read-write');
  });
  it("Apple's helpers: path-ancestors, _IO, regex-quote, split-string", () => {
    expect(shows('(allow file-read-metadata (path-ancestors "/a/b/c"))')).toEqual(['allow file-read-metadata (require-any (literal "/") (literal "/a") (literal "/a/b"))']);
    expect(JSON.stringify(rules('(allow system-fsctl (fsctl-command (_IO "h" 47)))')[0].filter)).toContain(`"value":${47 + 256 * 104}`);
    expect(shows('(allow file-read* (regex (string-append "^" (regex-quote "/a.b+c") "$")))')).toEqual(['allow file-read* (regex #"^/a\\.b\\+c$")']);
    expect(shows('(apply allow file-read* (map subpath (split-string "/usr:/bin" ":")))')).toEqual(['allow file-read* (require-any (subpath "/usr") (subpath "/bin"))']);
  });
});

describe('rule context forms', () => {
  it('with-filter ANDs its filter into every rule of its body, including helpers it calls', () => {
    expect(shows('(define (r) (allow file-read* (subpath "/a")))\n(with-filter (require-entitlement "k") (r) (deny file-write*))')).toEqual([
      'allow file-read* (require-all (subpath "/a") (require-entitlement "k"))',
      'deny file-write* (require-entitlement "k")',
    ]);
  });
  it('with-modifier adds its modifier; with-operations adds operations', () => {
    expect(shows('(with-modifier (with report) (allow file-read* (subpath "/a")))\n(with-operations (list file-read-data) (allow file-read-metadata))')).toEqual([
      'allow file-read* (subpath "/a") (with report)',
      'allow file-read-metadata file-read-data',
    ]);
  });
  it("a profile's own with-filter macro (10.9-10.11 application.sb) takes precedence", () => {
    const own = '(macro (with-filter form) `(begin ,@(cddr form)))';
    expect(shows(`${own}\n(with-filter (literal "/x") (allow file-read*))`)).toEqual(['allow file-read*']);
  });
  it('apply-message-filter collects nested rules (version 2)', () => {
    const r = compileSbpl('(version 2)\n(allow mach-bootstrap (apply-message-filter (with report) (allow mach-message-send (message-number 207))))', { standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.profile.rules).toHaveLength(1);
    expect(r.profile.rules[0].messageFilter?.rules.map(show)).toEqual(['allow mach-message-send (message-number 207)']);
    expect(r.profile.rules[0].messageFilter?.modifiers.map((m) => m.name)).toEqual(['report']);
  });
  it('define-storage-class emits a storage-class-map rule with assign-storage-class', () => {
    expect(shows('(define-storage-class "cls" (subpath "/Volumes/x"))')).toEqual(['allow storage-class-map (subpath "/Volumes/x") (with assign-storage-class cls)']);
  });
});

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
    const r = compileSbpl('(version 1)\n(import "/System/Library/Sandbox/Profiles/bsd.sb")', { importPath: ['/copy'], sources, standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain('sbpl/import-relocated');
  });
  it('trace is recorded; debug forms are recorded (they are a no-op)', () => {
    const p = compile('(trace "/tmp/t.trace")\n(debug deny)');
    expect(p.trace).toBe('/tmp/t.trace');
    expect(p.debugForms?.[0]).toMatchObject({ line: 3 });
  });
  it('the standard policy is appended after the profile', () => {
    const r = compileSbpl('(version 1)\n(deny default)', {});
    expect(r.profile.rules.map((x) => `${x.origin}: ${show(x)}`)).toEqual([
      'profile: deny default',
      'standard-policy: allow signal (target self)',
      'standard-policy: allow mach-task-name (target self)',
    ]);
  });
  it('preludes are concatenated before the profile; fragments need no version', () => {
    const r = compileSbpl('(helper)', { preludes: [{ name: 'common.sb', text: '(version 1)\n(define (helper) (allow file-read*))' }], standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.profile.version).toBe(1);
    expect(compileSbpl('(allow file-read*)', { fragment: true }).ok).toBe(true);
  });
  it('entitlements are bound as *entitlements*', () => {
    const p = compile('(define (ent k) (let ((e (assoc k *entitlements*))) (and e (cdr e))))\n(if (ent "a") (allow file-read*))\n(if (ent "b") (allow file-write*))', {
      entitlements: { a: true, b: false },
    });
    expect(p.rules.map(show)).toEqual(['allow file-read*']);
  });
  it('version 2 is accepted on Sonoma, not on Catalina', () => {
    expect(compileSbpl('(version 2)', { os: 'sonoma-14.4.1' }).ok).toBe(true);
    expect(compileSbpl('(version 2)', { os: 'catalina-10.15' }).ok).toBe(false);
  });
});

describe('isolation', () => {
  it("one profile's set! or define of a builtin does not leak into the next compile", () => {
    const first = compileSbpl('(version 1)\n(set! allow deny)\n(define (car x) 0)\n(set! subpath literal)\n(allow file-read* (subpath "/a"))', { standardPolicy: false });
    expect(first.profile.rules.map(show)).toEqual(['deny file-read* (literal "/a")']);
    const second = compileSbpl('(version 1)\n(allow file-read* (subpath (car (list "/b"))))', { standardPolicy: false });
    expect(second.profile.rules.map(show)).toEqual(['allow file-read* (subpath "/b")']);
  });
});

describe('preprocessor (--preprocess)', () => {
  const text = '(version 1)\n#define ROOT "/private/tmp"\n#if ENABLE(FOO)\n(allow file-read* (subpath ROOT))\n#else\n(allow file-write* (subpath ROOT))\n#endif\n(deny default)';
  it('selects branches, substitutes object-like macros and keeps line numbers', () => {
    const off = compileSbpl(text, { preprocess: true, standardPolicy: false });
    expect(off.profile.rules.map(show)).toEqual(['allow file-write* (subpath "/private/tmp")', 'deny default']);
    expect(off.profile.rules[1].span?.line).toBe(8);
    const on = compileSbpl(text, { preprocess: { ENABLE_FOO: '1' }, standardPolicy: false });
    expect(on.profile.rules.map(show)).toEqual(['allow file-read* (subpath "/private/tmp")', 'deny default']);
  });
  it('#include is evaluated like an import', () => {
    const sources = memorySources({ '/inc/common.sb': '(allow file-read-metadata)' });
    const r = compileSbpl('(version 1)\n#include "common.sb"\n', { preprocess: true, importPath: ['/inc'], sources, standardPolicy: false });
    expect(r.profile.rules.map(show)).toEqual(['allow file-read-metadata']);
  });
  it('reports an unterminated #if', () => {
    const r = compileSbpl('(version 1)\n#ifdef X\n(allow default)\n', { preprocess: true });
    expect(r.diagnostics[0]).toMatchObject({ code: 'cpp/error', span: { line: 2 } });
  });
});
