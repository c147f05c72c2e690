// The 25 test cases of research/semantics.md §7 (plus its "extra checks"), each asserting the deciding
// rule and the operation chain, not only the verdict.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { ask, deciderLine, irProfile, lines } from './helpers.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine } from '../../src/decide/engine.js';

const V = '(version 1)';
const DD = '(deny default)';
const AD = '(allow default)';
const tcp = (host: string, port: number, family: 'inet' | 'inet6' = 'inet') => ({ proto: 'tcp' as const, family, host, port });

describe('semantics.md §7', () => {
  const p1 = lines(V, DD, '(allow file-read* (subpath "/private/tmp/foo"))');

  it('1: subpath allows a descendant, via fallback file-read-data -> file-read*', () => {
    const e = ask(p1, 'file-read-data', { path: '/private/tmp/foo/a/b' });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'filtered-rule', operation: 'file-read*' });
    expect(deciderLine(e)).toBe(3);
    expect(e.chain).toEqual(['file-read-data', 'file-read*']);
    expect(e.chainText).toBe('file-read-data → file-read*');
  });

  it('2: subpath needs a / boundary; falls to (deny default)', () => {
    const e = ask(p1, 'file-read-data', { path: '/private/tmp/foobar' });
    expect(e.decision).toBe('deny');
    expect(e.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'default' });
    expect(deciderLine(e)).toBe(2);
    expect(e.chain).toEqual(['file-read-data', 'file-read*', 'file*', 'default']);
    expect(e.consulted[0].why).toContain('not at a \'/\' boundary');
  });

  it('3: prefix is a plain string prefix', () => {
    const e = ask(lines(V, DD, '(allow file-read* (prefix "/private/tmp/foo"))'), 'file-read-data', { path: '/private/tmp/foobar' });
    expect(e.decision).toBe('allow');
    expect(deciderLine(e)).toBe(3);
  });

  it('4: literal is exact', () => {
    const e = ask(lines(V, DD, '(allow file-read* (literal "/private/etc/hosts"))'), 'file-read-data', { path: '/private/etc/hosts/x' });
    expect(e.decision).toBe('deny');
    expect(deciderLine(e)).toBe(2);
    expect(e.consulted).toHaveLength(2);
  });

  const p5 = lines(V, AD, '(deny file-write* (subpath "/private/tmp/a"))', '(allow file-write* (subpath "/private/tmp/a/b"))');
  it('5: the later filtered rule wins', () => {
    const e = ask(p5, 'file-write-create', { path: '/private/tmp/a/b/c' });
    expect(e.decision).toBe('allow');
    expect(deciderLine(e)).toBe(4);
    expect(e.chain).toEqual(['file-write-create', 'file-write*']);
    expect(e.consulted.map((c) => c.matched)).toEqual([true]);
  });

  it('6: reversed order: the deny is now later and wins', () => {
    const p6 = lines(V, AD, '(allow file-write* (subpath "/private/tmp/a/b"))', '(deny file-write* (subpath "/private/tmp/a"))');
    const e = ask(p6, 'file-write-create', { path: '/private/tmp/a/b/c' });
    expect(e.decision).toBe('deny');
    expect(deciderLine(e)).toBe(4);
  });

  it('7: an unfiltered rule is the op default wherever it sits', () => {
    const p = lines(V, DD, '(allow network-outbound (remote tcp "localhost:8080"))', '(deny network-outbound)');
    const e = ask(p, 'network-outbound', { remote: tcp('127.0.0.1', 8080) });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'filtered-rule', operation: 'network-outbound' });
    expect(deciderLine(e)).toBe(3);
    const other = ask(p, 'network-outbound', { remote: tcp('127.0.0.1', 9090) });
    expect(other.decision).toBe('deny');
    expect(other.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'network-outbound' });
    expect(deciderLine(other)).toBe(4);
  });

  it('8: the position of (deny default) is irrelevant', () => {
    const e = ask(lines(V, '(allow file-read*)', DD), 'file-read-metadata', { path: '/usr/lib' });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'file-read*' });
    expect(deciderLine(e)).toBe(2);
    expect(e.notConsulted).toEqual(['file*', 'default']);
  });

  it('9: no default rule: built-in deny', () => {
    const e = ask(lines(V, '(allow file-read*)'), 'file-write-create', { path: '/private/tmp/x' });
    expect(e.decision).toBe('deny');
    expect(e.decidedBy).toMatchObject({ kind: 'fixed', operation: 'default' });
    expect(e.decidedBy.fixedReason).toContain("'default' starts as deny");
    expect(e.chain).toEqual(['file-write-create', 'file-write*', 'file*', 'default']);
  });

  it('10: fallback file-write-unlink -> file-write* -> file*', () => {
    const e = ask(lines(V, DD, '(allow file*)'), 'file-write-unlink', { path: '/private/tmp/x' });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'file*' });
    expect(e.chain).toEqual(['file-write-unlink', 'file-write*', 'file*']);
  });

  it('11: process-info* is a terminal fixed allow', () => {
    const e = ask(lines(V, DD), 'process-info-pidinfo', { target: 'self' });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'fixed', operation: 'process-info*' });
    expect(e.chain).toEqual(['process-info-pidinfo', 'process-info*']);
  });

  it('12: file-map-executable is a terminal fixed allow', () => {
    const e = ask(lines(V, DD), 'file-map-executable', { path: '/usr/lib/libfoo.dylib' });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'fixed', operation: 'file-map-executable' });
    expect(e.chain).toEqual(['file-map-executable']);
  });

  it('13: job-creation is a terminal fixed deny, not reached by (allow default)', () => {
    const e = ask(lines(V, AD), 'job-creation', {});
    expect(e.decision).toBe('deny');
    expect(e.decidedBy).toMatchObject({ kind: 'fixed', operation: 'job-creation' });
  });

  it('14: several filters in one rule are OR-ed', () => {
    const e = ask(lines(V, DD, '(allow file-read* (literal "/private/etc/hosts") (literal "/private/etc/passwd"))'), 'file-read-data', { path: '/private/etc/passwd' });
    expect(e.decision).toBe('allow');
    expect(deciderLine(e)).toBe(3);
    expect(e.consulted[0].why).toContain('equals "/private/etc/passwd"');
  });

  it('15: metafilters require-all / require-not', () => {
    const p = lines(V, DD, '(allow file-write* (require-all (subpath "/private/tmp/d") (require-not (vnode-type SYMLINK))))');
    const e = ask(p, 'file-write-create', { path: '/private/tmp/d/l', vnodeType: 'SYMLINK' });
    expect(e.decision).toBe('deny');
    expect(deciderLine(e)).toBe(2);
    expect(e.consulted[0].why).toContain('require-not');
    const ok = ask(p, 'file-write-create', { path: '/private/tmp/d/l', vnodeType: 'REGULAR-FILE' });
    expect(ok.decision).toBe('allow');
    expect(deciderLine(ok)).toBe(3);
  });

  it('16: the /tmp spelling in a profile never matches', () => {
    const e = ask(lines(V, DD, '(allow file-read* (subpath "/tmp/foo"))'), 'file-read-data', { path: '/tmp/foo/x' });
    expect(e.decision).toBe('deny');
    expect(e.facts.path).toBe('/private/tmp/foo/x');
    // refused already when crossing the /tmp symlink
    expect(e.check).toBe('symlink-traversal');
    expect(e.symlinkChecks[0]).toMatchObject({ link: '/tmp', decision: 'deny' });
    // and the main check would deny too: the rule does not match the kernel path
    expect(e.consulted.find((c) => c.operation === 'file-read*')?.matched).toBe(false);
  });

  it('17: symlink traversal needs file-read-metadata on the link', () => {
    const allowLink = lines(V, DD, '(allow file-read-metadata (literal "/tmp"))', '(allow file-read* (subpath "/private/tmp/foo"))');
    const e = ask(allowLink, 'file-read-data', { path: '/tmp/foo/x' });
    expect(e.decision).toBe('allow');
    expect(e.check).toBe('main');
    expect(deciderLine(e)).toBe(4);
    expect(e.symlinkChecks).toHaveLength(1);
    expect(e.symlinkChecks[0]).toMatchObject({ link: '/tmp', target: 'private/tmp', decision: 'allow' });
    expect(e.symlinkChecks[0].decidedBy.rule?.location).toBe('p.sb:3:1');
    const noLink = lines(V, DD, '(allow file-read* (subpath "/private/tmp/foo"))');
    const d = ask(noLink, 'file-read-data', { path: '/tmp/foo/x' });
    expect(d.decision).toBe('deny');
    expect(d.check).toBe('symlink-traversal');
    expect(d.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'default' });
    expect(d.notes[0]).toContain("file-read-metadata on the link '/tmp'");
  });

  it('18: firmlink spelling is normalised', () => {
    const e = ask(lines(V, DD, '(allow file-read* (subpath "/private/tmp"))'), 'file-read-data', { path: '/System/Volumes/Data/private/tmp/x' });
    expect(e.decision).toBe('allow');
    expect(e.facts.path).toBe('/private/tmp/x');
    expect(e.notes.some((n) => n.includes('firmlink'))).toBe(true);
    const d = ask(lines(V, DD, '(allow file-read* (subpath "/System/Volumes/Data/private/tmp"))'), 'file-read-data', { path: '/System/Volumes/Data/private/tmp/x' });
    expect(d.decision).toBe('deny');
    expect(deciderLine(d)).toBe(2);
  });

  it('19: regex is an unanchored search; $ anchors the end', () => {
    const p = lines(V, AD, '(deny file-read* (regex #"/\\.env$"))');
    const e = ask(p, 'file-read-data', { path: '/Users/u/p/.env' });
    expect(e.decision).toBe('deny');
    expect(deciderLine(e)).toBe(3);
    const r = ask(p, 'file-read-data', { path: '/Users/u/p/.envrc' });
    expect(r.decision).toBe('allow');
    expect(r.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'default' });
  });

  it('20: global-name is exact', () => {
    const p = lines(V, DD, '(allow mach-lookup (global-name "com.apple.cfprefsd.agent"))');
    const a = ask(p, 'mach-lookup', { serviceName: 'com.apple.cfprefsd.agent' });
    expect(a.decision).toBe('allow');
    expect(deciderLine(a)).toBe(3);
    expect(a.chain).toEqual(['mach-lookup']);
    const d = ask(p, 'mach-lookup', { serviceName: 'com.example.fake' });
    expect(d.decision).toBe('deny');
    expect(d.chain).toEqual(['mach-lookup', 'mach*', 'default']);
  });

  it('21: localhost = 127.0.0.1 and ::1; tcp is not udp', () => {
    const p = lines(V, DD, '(allow network-outbound (remote tcp "localhost:8080"))');
    expect(ask(p, 'network-outbound', { remote: tcp('::1', 8080, 'inet6') }).decision).toBe('allow');
    const d2 = ask(p, 'network-outbound', { remote: tcp('127.0.0.2', 8080) });
    expect(d2.decision).toBe('deny');
    expect(d2.consulted[0].why).toContain('does not match');
    const d3 = ask(p, 'network-outbound', { remote: { proto: 'udp', family: 'inet', host: '127.0.0.1', port: 8080 } });
    expect(d3.decision).toBe('deny');
    expect(d3.chain).toEqual(['network-outbound', 'network*', 'default']);
  });

  it('22: an IP literal in a network address is a compile error', () => {
    const r = readProfile(lines(V, DD, '(allow network-outbound (remote tcp "127.0.0.1:80"))'), { fileName: 'p.sb' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message)).toContain('host must be * or localhost in network address');
  });

  it('23: no-report on an allow is a compile error', () => {
    const r = readProfile(lines(V, DD, '(allow file-read* (with no-report))'), { fileName: 'p.sb' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0].message).toBe('no-report modifier does not apply to allow action');
  });

  it('24: (param "ROOT") with and without -D', () => {
    const p = lines(V, DD, '(allow file-write* (subpath (param "ROOT")))');
    const e = ask(p, 'file-write-create', { path: '/private/tmp/w/x' }, {}, { params: { ROOT: '/private/tmp/w' } });
    expect(e.decision).toBe('allow');
    expect(deciderLine(e)).toBe(3);
    expect(readProfile(p, { fileName: 'p.sb' }).ok).toBe(false);
  });

  it('25: the child operation rule is consulted before the parent, whatever the order (childBeforeParent)', () => {
    const p = lines(V, AD, '(deny file-read-data (literal "/private/tmp/s"))', '(allow file-read* (literal "/private/tmp/s"))');
    const e = ask(p, 'file-read-data', { path: '/private/tmp/s' });
    expect(e.decision).toBe('deny');
    expect(e.decidedBy).toMatchObject({ kind: 'filtered-rule', operation: 'file-read-data' });
    expect(deciderLine(e)).toBe(3);
    expect(e.chain).toEqual(['file-read-data']);
    expect(e.options.childBeforeParent).toBe(true);
    expect(e.notes.some((n) => n.includes('childBeforeParent') && n.includes('p.sb:4:1'))).toBe(true);
    // the alternative model, as a named option
    const alt = ask(p, 'file-read-data', { path: '/private/tmp/s' }, { childBeforeParent: false });
    expect(alt.decision).toBe('allow');
    expect(deciderLine(alt)).toBe(4);
    expect(alt.notes.some((n) => n.includes('childBeforeParent is off'))).toBe(true);
  });
});

describe('semantics.md §7 extra checks', () => {
  it('standard policy: signal to self is allowed under (deny default)', () => {
    const e = ask(lines(V, DD), 'signal', { target: 'self' });
    expect(e.decision).toBe('allow');
    expect(e.decidedBy.rule?.origin).toBe('standard-policy');
    expect(e.notes.some((n) => n.includes('standard policy'))).toBe(true);
    expect(ask(lines(V, DD), 'signal', { target: 'others' }).decision).toBe('deny');
    // without the standard policy there is nothing to allow it
    expect(ask(lines(V, DD), 'signal', { target: 'self' }, {}, { standardPolicy: false }).decision).toBe('deny');
  });

  it('sysctl-write alias: (deny sysctl-write) also denies reads (sysctlWriteAlias)', () => {
    // through the front end (which may apply the alias itself)
    const e = ask(lines(V, AD, '(deny sysctl-write)'), 'sysctl-read', { sysctlName: 'kern.hostname' });
    expect(e.decision).toBe('deny');
    expect(e.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'sysctl*' });
    expect(e.chain).toEqual(['sysctl-read', 'sysctl*']);
    expect(deciderLine(e)).toBe(3);
    // IR that keeps the spelling: the engine option decides
    const ir = irProfile([
      { action: 'allow', operations: ['default'], filter: null },
      { action: 'deny', operations: ['sysctl-write'], filter: null },
    ]);
    const vocab = getVocab('sonoma-14.4.1');
    const on = new DecisionEngine(ir, vocab).explain({ operation: 'sysctl-read', facts: { sysctlName: 'kern.hostname' } });
    expect(on.decision).toBe('deny');
    expect(on.decidedBy.operation).toBe('sysctl*');
    expect(on.notes.some((n) => n.includes('sysctlWriteAlias'))).toBe(true);
    const off = new DecisionEngine(ir, vocab, { sysctlWriteAlias: false });
    expect(off.explain({ operation: 'sysctl-read', facts: { sysctlName: 'kern.hostname' } }).decision).toBe('allow');
    const w = off.explain({ operation: 'sysctl-write', facts: { sysctlName: 'kern.hostname' } });
    expect(w.decision).toBe('deny');
    expect(w.decidedBy).toMatchObject({ kind: 'unfiltered-rule', operation: 'sysctl-write' });
  });

  it('file-mode: world-readable files are denied, 0600 files allowed', () => {
    const p = lines(V, AD, '(deny file-read* (file-mode #o0004))');
    const d = ask(p, 'file-read-data', { path: '/Users/u/f', fileMode: 0o644 });
    expect(d.decision).toBe('deny');
    expect(deciderLine(d)).toBe(3);
    expect(d.consulted[0].why).toContain('has bits #o0004');
    expect(ask(p, 'file-read-data', { path: '/Users/u/f', fileMode: 0o600 }).decision).toBe('allow');
  });
});

describe('explanations: modifiers and modelling notes', () => {
  it('reports modifiers, whether the kernel logs it, message and signal', () => {
    const p = lines(V, AD, '(deny file-write* (with message "read-only tree") (with send-signal SIGKILL) (subpath "/ro"))', '(deny file-read* (with no-report) (literal "/q"))', '(allow mach-lookup (with report) (global-name "a"))');
    const w = ask(p, 'file-write-data', { path: '/ro/f' });
    expect(w.reported).toBe(true);
    expect(w.message).toBe('read-only tree');
    expect(w.signal).toBe(9);
    expect(w.modifiers.map((m) => m.name)).toEqual(['message', 'send-signal']);
    expect(ask(p, 'file-read-data', { path: '/q' }).reported).toBe(false);
    expect(ask(p, 'mach-lookup', { serviceName: 'a' }).reported).toBe(true);
    expect(ask(p, 'mach-lookup', { serviceName: 'b' }).reported).toBe(false);
  });
  it('notes the trailing-slash subpath reading and regex dialect surprises', () => {
    const e = ask(lines(V, DD, '(allow file-read* (subpath "/Library/Keychains/"))'), 'file-read-data', { path: '/Library/Keychains/x' });
    expect(e.notes.some((n) => n.startsWith('subpathTrailingSlash (unverified): (subpath "/Library/Keychains/") at p.sb:3:'))).toBe(true);
    const r = ask(lines(V, AD, '(deny file-read* (regex #"^/p/(?:.*/)?\\.env$"))'), 'file-read-data', { path: '/p/d/.env' });
    expect(r.decision).toBe('allow');
    expect(r.notes.some((n) => n.includes("'(?:' is not a non-capturing group"))).toBe(true);
  });
  it('notes inferred fixed decisions', () => {
    // Sonoma additions whose fixed allow is inferred (semantics.md §2.3, evidence H)
    const e = ask(lines(V, DD), 'xpc-message-send', {});
    expect(e.decision).toBe('allow');
    expect(e.decidedBy).toMatchObject({ kind: 'fixed', operation: 'xpc-message-send', evidence: 'H' });
    expect(e.notes).toContain("the fixed allow of 'xpc-message-send' is inferred (evidence H), not measured");
    // a measured one carries no such note
    expect(ask(lines(V, DD), 'file-map-executable', { path: '/x' }).notes.some((n) => n.includes('inferred'))).toBe(false);
  });
});
