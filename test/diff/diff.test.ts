// diffProfiles on hand-made pairs: which witness each kind of filter yields, which rules are named, and the
// cases where profiles that read differently decide alike (so no difference may be reported).
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { describe, expect, it } from 'vitest';
import { diffProfiles, formatDiff, requestJson, type DiffResult, type Difference } from '../../src/diff/index.js';
import type { DiffOptions } from '../../src/diff/index.js';
import { compile } from '../decide/helpers.js';
import { getVocab } from '../../src/vocab/index.js';

const P = (...rules: string[]) => ['(version 1)', '(deny default)', ...rules].join('\n');

function diff(a: string, b: string, options: DiffOptions = {}): DiffResult {
  return diffProfiles(compile(a, { fileName: 'a.sb' }), compile(b, { fileName: 'b.sb' }), options);
}

function of(r: DiffResult, op: string): Difference[] {
  return r.differences.filter((d) => d.operation === op);
}

/** Line numbers of the deciding rules (A, B), or the kind of decider. */
function lines(d: Difference): [string, string] {
  const l = (x: Difference['ruleA']) => (x.location ? x.location.replace(/^.*:(\d+):\d+$/, '$1') : x.kind) + (x.link ? `@${x.link}` : '');
  return [l(d.ruleA), l(d.ruleB)];
}

describe('diffProfiles', () => {
  it('finds nothing between two spellings of the same policy', () => {
    const r = diff(
      P('(allow file-read* (subpath "/usr/lib") (literal "/private/etc/hosts"))', '(allow mach-lookup (global-name "com.apple.a"))'),
      P('(allow mach-lookup (global-name "com.apple.a"))', '(allow file-read* (literal "/private/etc/hosts"))', '(allow file-read* (subpath "/usr/lib"))'),
    );
    expect(r.differences).toEqual([]);
    expect(r.equivalent).toBe(true);
    expect(r.complete).toBe(true);
  });

  it('narrowing a subpath and carving out a regex: one witness per pair of deciding rules', () => {
    const r = diff(P('(allow file-read* (subpath "/Users/me/project"))'), P('(allow file-read* (subpath "/Users/me/project/src"))', '(deny file-read* (regex #"\\.env$"))'));
    const read = of(r, 'file-read-data');
    expect(read.map((d) => [d.request.path, d.a, d.b, ...lines(d)])).toEqual([
      ['/Users/me/project', 'allow', 'deny', '3', '2'],
      ['/Users/me/project/.env', 'allow', 'deny', '3', '4'],
    ]);
    // the chain: a rule on file-read* affects every file-read operation that falls back to it
    for (const op of ['file-read-metadata', 'file-read-xattr', 'file-read*']) expect(of(r, op).length).toBe(2);
    expect(of(r, 'file-write-data')).toEqual([]);
  });

  it('compares regexes by automaton: only strings one of them matches are witnesses', () => {
    const r = diff(P('(allow file-read* (regex #"^/a/x[0-9]+$"))'), P('(allow file-read* (regex #"^/a/x[0-9]*$"))'));
    expect(of(r, 'file-read-data').map((d) => [d.request.path, d.a, d.b])).toEqual([['/a/x', 'deny', 'allow']]);
    // the two differ only on "/a/", which is no kernel path (a trailing slash): nothing to report
    expect(diff(P('(allow file-read* (regex #"^/a/[0-9]+$"))'), P('(allow file-read* (regex #"^/a/[0-9]*$"))')).equivalent).toBe(true);
  });

  it('a rule on a path the kernel never reports changes nothing; the link itself (not followed) does', () => {
    expect(diff(P(), P('(allow file-read* (literal "/tmp/foo"))')).equivalent).toBe(true);
    const r = diff(P(), P('(allow file-read-metadata (literal "/tmp"))'));
    const md = of(r, 'file-read-metadata');
    expect(md.map((d) => d.request)).toContainEqual({ operation: 'file-read-metadata', path: '/tmp', noFollow: true });
  });

  it('a path through a symlink the two profiles treat differently is a difference of its own', () => {
    // both allow reading /private/tmp; only B refuses file-read-metadata on the /tmp link itself
    const r = diff(P('(allow file-read* (subpath "/private/tmp"))', '(allow file-read-metadata)'), P('(allow file-read* (subpath "/private/tmp"))', '(allow file-read-metadata)', '(deny file-read-metadata (literal "/tmp"))'));
    const d = of(r, 'file-read-data');
    expect(d.map((x) => [x.request.path, x.a, x.b, ...lines(x)])).toEqual([['/tmp', 'allow', 'deny', '3', '5@/tmp']]);
    expect(d[0].ruleB.check).toBe('symlink-traversal');
  });

  it('network addresses: protocol, loopback and ports', () => {
    const r = diff(P('(allow network-outbound (remote tcp "*:443"))'), P('(allow network-outbound (remote ip "*:443"))', '(allow network-outbound (remote tcp "localhost:*"))'));
    expect(of(r, 'network-outbound').map((d) => [d.request.remote, d.a, d.b, ...lines(d)])).toEqual([
      ['tcp4:127.0.0.1:80', 'deny', 'allow', '2', '4'],
      ['udp4:192.0.2.1:443', 'deny', 'allow', '2', '3'],
    ]);
  });

  it('unix sockets are their own kind of request, matched by path', () => {
    const r = diff(P(), P('(allow network-outbound (literal "/private/var/run/mDNSResponder"))'));
    const d = of(r, 'network-outbound');
    expect(d.map((x) => [x.variant, x.request])).toEqual([['unix socket', { operation: 'network-outbound', socketPath: '/private/var/run/mDNSResponder' }]]);
  });

  it('service names by lookup kind', () => {
    const r = diff(P('(allow mach-lookup (global-name "com.apple.a"))'), P('(allow mach-lookup (global-name-prefix "com.apple.") (local-name "helper"))'));
    expect(of(r, 'mach-lookup').map((d) => [d.variant ?? '', d.request.serviceName, d.request.serviceKind ?? 'global', d.a, d.b])).toEqual([
      ['', 'com.apple.', 'global', 'deny', 'allow'],
      ['local-name lookup', 'helper', 'local', 'deny', 'allow'],
    ]);
  });

  it('other data are listed: vnode types, entitlements, file modes', () => {
    const r = diff(
      P('(allow file-read* (require-all (subpath "/a") (vnode-type DIRECTORY)))', '(allow mach-lookup (require-all (global-name "x") (require-entitlement "com.k")))', '(allow file-write* (require-all (literal "/b") (file-mode #o0002)))'),
      P('(allow file-read* (subpath "/a"))', '(allow mach-lookup (global-name "x"))', '(allow file-write* (literal "/b"))'),
    );
    const read = of(r, 'file-read-data');
    expect(read).toHaveLength(1);
    expect(read[0].request.path).toBe('/a');
    expect(read[0].request.vnodeType).not.toBe('DIRECTORY');
    const lookup = of(r, 'mach-lookup');
    expect(lookup.map((d) => [d.request.serviceName, d.request.entitlements, d.a, d.b])).toEqual([['x', undefined, 'deny', 'allow']]);
    const write = of(r, 'file-write-data');
    expect(write.map((d) => [d.request.path, ((d.request.fileMode as number) & 2) === 0, d.a, d.b])).toEqual([['/b', true, 'deny', 'allow']]);
  });

  it('follows the modelling choices: childBeforeParent and the sysctl-write alias', () => {
    const a = P('(allow file-read-data (literal "/x"))', '(deny file-read* (literal "/x"))');
    const b = P('(deny file-read* (literal "/x"))');
    // child first (default): A's file-read-data rule wins for file-read-data
    expect(of(diff(a, b), 'file-read-data').map((d) => [d.request.path, d.a, d.b])).toEqual([['/x', 'allow', 'deny']]);
    // newest first across the chain: A's later deny wins, A and B agree
    expect(diff(a, b, { engine: { childBeforeParent: false } }).equivalent).toBe(true);
    const s = diff(P('(allow sysctl-write (sysctl-name "kern.x"))'), P());
    expect(s.differences.map((d) => d.operation).sort()).toEqual(['sysctl*', 'sysctl-read', 'sysctl-write']);
    expect(diff(P('(allow sysctl-write (sysctl-name "kern.x"))'), P(), { engine: { sysctlWriteAlias: false } }).differences.map((d) => d.operation)).toEqual(['sysctl-write']);
  });

  it('reports a cut-short search instead of pretending to be complete', () => {
    const r = diff(P('(allow file-read* (regex #"^/a/[a-z]+/b/[a-z]+/c$"))'), P(), { limits: { states: 5 } });
    expect(r.complete).toBe(false);
    expect(r.incomplete.some((i) => i.operation === 'file-read-data' && /automaton states/.test(i.reason))).toBe(true);
  });

  it('restricts to the operations asked for; refuses profiles of different vocabularies', () => {
    const r = diff(P('(allow mach-lookup)', '(allow file-read*)'), P(), { operations: ['mach-lookup'] });
    expect(r.operations).toBe(1);
    expect([...new Set(r.differences.map((d) => d.operation))]).toEqual(['mach-lookup']);
    expect(() => diffProfiles(compile(P(), { os: 'catalina-10.15' }), compile(P()))).toThrow(/different vocabularies/);
  });

  it('prints the text form grouped by operation, operations with the same differences together', () => {
    const text = formatDiff(diff(P('(allow file-read* (subpath "/x"))'), P()), { a: 'a.sb', b: 'b.sb' });
    expect(text).toContain('A = a.sb, B = b.sb');
    expect(text).toMatch(/^file-read\*, file-read-data, file-read-metadata, file-read-xattr:$/m);
    expect(text).toContain('/x: A allow, B deny');
    expect(text).toContain('A: (allow file-read* (subpath "/x")) on \'file-read*\' at a.sb:3:1');
  });

  it('writes the process relation under "facts" where the line target would mean something else', () => {
    const vocab = getVocab();
    expect(requestJson('signal', { target: 'self' }, vocab)).toEqual({ operation: 'signal', target: 'self' });
    expect(requestJson('file-read-data', { path: '/x', target: 'self' }, vocab)).toEqual({ operation: 'file-read-data', path: '/x', facts: { target: 'self' } });
    expect(requestJson('network-outbound', { remote: { proto: 'udp', family: 'inet6', host: '::1', port: 53 } }, vocab)).toEqual({ operation: 'network-outbound', remote: 'udp6:[::1]:53' });
  });
});
