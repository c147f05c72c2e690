// Filters: every argument form, metafilters, entitlements, network addresses and Apple's helper procedures.
import { describe, expect, it } from 'vitest';
import { rules, shows } from './helpers.js';

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
