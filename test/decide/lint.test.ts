import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { describe, expect, it } from 'vitest';
import { lintProfile } from '../../src/decide/lint.js';
import { getVocab } from '../../src/vocab/index.js';
import { readProfile } from '../../src/sbpl/index.js';
import { compile, irProfile, lines } from './helpers.js';

const vocab = getVocab('sonoma-14.4.1');
const lint = (...forms: string[]) => lintProfile(compile(lines('(version 1)', ...forms)), vocab);
const codes = (...forms: string[]) => lint(...forms).map((d) => d.code);
const V = '(version 1)';
// a (deny default) profile that can start a process, so only the finding under test shows up
const STARTS = ['(allow process-exec (literal "/bin/ls"))', '(allow file-read-data (literal "/"))', '(allow file-read* (subpath "/System") (subpath "/usr/lib"))'];

describe('lint/path-never-seen', () => {
  it('flags /tmp, /var, /etc and Data-volume spellings, with the resolved spelling as the fix', () => {
    const ds = lint('(allow default)', '(deny file-write* (subpath "/tmp/x"))', '(deny file-read* (literal "/etc/hosts"))', '(deny file-read* (subpath "/System/Volumes/Data/Users/u"))', '(deny file-read* (regex #"^/var/log/"))');
    const found = ds.filter((d) => d.code === 'lint/path-never-seen');
    expect(found).toHaveLength(4);
    expect(found[0].span?.line).toBe(3);
    expect(found[0].hint).toBe('write (subpath "/private/tmp/x")');
    expect(found[1].hint).toBe('write (literal "/private/etc/hosts")');
    expect(found[2].message).toContain("resolved path '/Users/u'");
    expect(found[3].hint).toContain('#"^/private/var/log/"');
  });
  it('accepts the link itself in a metadata rule and resolved spellings', () => {
    expect(codes('(allow default)', '(allow file-read-metadata (literal "/tmp"))', '(deny file-read* (subpath "/private/tmp"))')).not.toContain('lint/path-never-seen');
  });
  it('is quiet when the same rule also covers the resolved path', () => {
    expect(codes('(allow default)', '(deny file-write* (subpath "/tmp") (subpath "/private/tmp"))')).not.toContain('lint/path-never-seen');
    expect(codes('(allow default)', '(deny file-read* (literal "/etc/hosts") (subpath "/private/etc"))')).not.toContain('lint/path-never-seen');
    // another rule covering it does not count: this rule's own /tmp test still never matches
    expect(codes('(allow default)', '(deny file-write* (subpath "/tmp"))', '(deny file-write* (subpath "/private/tmp"))')).toContain('lint/path-never-seen');
    expect(codes('(allow default)', '(deny file-read* (literal "/etc/hosts") (literal "/private/etc/other"))')).toContain('lint/path-never-seen');
  });
  it('flags a link used as a subpath', () => {
    const ds = lint('(allow default)', '(deny file-write* (subpath "/tmp"))');
    expect(ds.find((d) => d.code === 'lint/path-never-seen')?.message).toContain("'/tmp' is a symlink");
  });
});

describe('precedence findings', () => {
  it('lint/shadowed-rule: an earlier deny covered by a later allow never decides', () => {
    const ds = lint('(allow default)', '(deny file-write* (subpath "/private/tmp/a"))', '(allow file-write* (subpath "/private/tmp"))');
    const d = ds.find((x) => x.code === 'lint/shadowed-rule')!;
    expect(d.severity).toBe('warning');
    expect(d.span?.line).toBe(3);
    expect(d.related?.[0].span?.line).toBe(4);
    expect(d.message).toContain('never decides');
  });
  it('lint/shadowed-rule: the later rule must cover every request (a narrower later rule is fine)', () => {
    expect(codes('(allow default)', '(deny file-write* (subpath "/private/tmp"))', '(allow file-write* (subpath "/private/tmp/a"))')).not.toContain('lint/shadowed-rule');
  });
  it('lint/shadowed-rule: same action is only a redundancy note', () => {
    const d = lint('(deny default)', ...STARTS, '(allow mach-lookup (global-name "a"))', '(allow mach-lookup (global-name "a" "b"))').find((x) => x.code === 'lint/shadowed-rule')!;
    expect(d.severity).toBe('note');
    expect(d.message).toContain('redundant');
  });
  it("lint/shadowed-rule: a deny of what Apple's standard policy allows", () => {
    const d = lint('(allow default)', '(deny signal (target self))').find((x) => x.code === 'lint/shadowed-rule')!;
    expect(d.message).toContain("Apple's standard policy");
  });
  it('lint/replaced-unfiltered', () => {
    const d = lint('(allow default)', '(allow network-outbound)', '(deny network-outbound)').find((x) => x.code === 'lint/replaced-unfiltered')!;
    expect(d.span?.line).toBe(3);
    expect(d.related?.[0].span?.line).toBe(4);
  });
  it('lint/child-op-wins: a later file-read* deny loses to an earlier file-read-data allow (greywall#20)', () => {
    const d = lint('(allow default)', '(allow file-read-data (subpath "/"))', '(deny file-read* (literal "/p/.env"))').find((x) => x.code === 'lint/child-op-wins')!;
    expect(d.span?.line).toBe(4);
    expect(d.message).toContain('for file-read-data requests');
    expect(d.hint).toContain('file-read-data');
  });
  it('lint/child-op-wins: silent once the wider rule names the narrower operation, as its hint says', () => {
    const before = lint('(allow default)', '(allow file-read-data (subpath "/"))', '(deny file-read* (literal "/p/.env"))').find((x) => x.code === 'lint/child-op-wins')!;
    expect(before.hint).toContain("name 'file-read-data' in this rule too");
    expect(codes('(allow default)', '(allow file-read-data (subpath "/"))', '(deny file-read-data file-read* (literal "/p/.env"))')).not.toContain('lint/child-op-wins');
  });
  it('precedence findings among many rules: the index still finds covering rules far apart, by prefix, subpath and regex', () => {
    const filler = Array.from({ length: 300 }, (_, i) => `(allow file-write* (literal "/private/tmp/f${i}"))`);
    const ds = lint('(allow default)', '(deny file-write* (literal "/private/tmp/a/b"))', '(deny file-read* (prefix "/Users/u/x"))', '(allow file-read-data (subpath "/opt/k"))', ...filler,
      '(allow file-write* (subpath "/private/tmp/a"))', '(allow file-read* (regex #"^/Users/u/"))', '(deny file-read* (literal "/opt/k/v"))');
    const lines = (code: string) => ds.filter((d) => d.code === code).map((d) => [d.span?.line, d.related?.[0].span?.line]);
    expect(lines('lint/shadowed-rule')).toEqual([[3, 306]]);
    expect(lines('lint/child-op-wins')).toEqual([[308, 5]]);
    // a prefix is not covered by a regex (only literals are tested against patterns)
    expect(ds.some((d) => d.code === 'lint/shadowed-rule' && d.span?.line === 4)).toBe(false);
  });
  it('precedence checks stop with a note when every pair is a candidate (lint stays linear)', () => {
    const same = Array.from({ length: 1200 }, (_, i) => `(${i % 2 ? 'allow' : 'deny'} file-read* (require-not (literal "/x${i}")))`);
    const ds = lint('(allow default)', ...same);
    expect(ds.filter((d) => d.code === 'lint/precedence-incomplete')).toHaveLength(1);
  });
  it('lint/cut-off-rule: every child stops at an unfiltered rule', () => {
    const d = lint('(allow default)', '(deny file-read* (subpath "/secret"))', '(allow file-read-data)', '(allow file-read-metadata)', '(allow file-read-xattr)').find((x) => x.code === 'lint/cut-off-rule')!;
    expect(d.span?.line).toBe(3);
    expect(d.related).toHaveLength(3);
    expect(codes('(allow default)', '(deny file-read* (subpath "/secret"))', '(allow file-read-data)')).not.toContain('lint/cut-off-rule');
  });
});

describe('lint/cannot-start', () => {
  it('flags a (deny default) profile without the loader needs', () => {
    const d = lint('(deny default)', '(allow file-read* (subpath "/private/tmp/foo"))').find((x) => x.code === 'lint/cannot-start')!;
    expect(d.severity).toBe('warning');
    expect(d.span?.line).toBe(2);
    expect(d.message).toContain("read the root directory '/'");
    expect(d.message).toContain('exec the program');
  });
  it('a profile with exec, / and system reads passes', () => {
    expect(codes('(deny default)', ...STARTS)).not.toContain('lint/cannot-start');
  });
  it('only a missing exec rule is a note (self-sandboxing daemons never exec)', () => {
    const d = lint('(deny default)', '(allow file-read-data (literal "/"))', '(allow file-read* (subpath "/System") (subpath "/usr/lib"))').find((x) => x.code === 'lint/cannot-start')!;
    expect(d.severity).toBe('note');
  });
  it('(allow default) profiles are not checked', () => {
    expect(codes('(allow default)')).not.toContain('lint/cannot-start');
  });
});

describe('regex, strings, debug and names', () => {
  it('reports dialect surprises with the pattern offset', () => {
    const ds = lint('(allow default)', '(deny file-read* (regex #"^/private/tmp/(?:.*/)?\\.env$" #"/v\\d+/"))');
    expect(ds.map((d) => d.code)).toEqual(expect.arrayContaining(['regex/non-capturing-group', 'regex/shorthand-class']));
    expect(ds.find((d) => d.code === 'regex/non-capturing-group')?.message).toContain('at offset 14');
  });
  it('reports regex syntax errors as errors', () => {
    const d = lint('(allow default)', '(deny file-read* (regex #"(abc"))').find((x) => x.code === 'lint/regex-syntax')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain("unmatched '('");
  });
  it('reports strings over 65,535 bytes (IR from producers other than the front end, which refuses them itself)', () => {
    const big = '/private/tmp/' + 'x'.repeat(70_000);
    const ir = irProfile([{ action: 'deny', operations: ['file-read*'], filter: { type: 'test', filter: 'path', arg: { kind: 'literal', value: big }, spelled: 'literal' } }]);
    const d = lintProfile(ir, vocab).find((x) => x.code === 'lint/literal-too-long')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('70,013 bytes');
  });
  it('reports (debug ...) forms', () => {
    const p = compile(lines(V, '(allow default)', '(debug deny)'));
    const d = lintProfile(p, vocab).find((x) => x.code === 'lint/debug-noop')!;
    expect(d.span?.line).toBe(3);
  });
  it('reports operations unknown to the selected OS (profile compiled for another one)', () => {
    const r = readProfile(lines(V, '(allow default)', '(deny process-codesigning-status*)'), { fileName: 'p.sb', os: 'catalina-10.15' });
    expect(r.ok).toBe(true);
    const ds = lintProfile(r.profile, vocab);
    expect(ds.find((d) => d.code === 'lint/unknown-operation')?.message).toContain("'process-codesigning-status*'");
  });
  it('reports filters unknown to the vocabulary (hand-built IR)', () => {
    const ir = irProfile([{ action: 'allow', operations: ['file-read*'], filter: { type: 'test', filter: 'no-such-filter', arg: { kind: 'literal', value: 'x' }, spelled: 'no-such-filter' } }]);
    expect(lintProfile(ir, vocab).map((d) => d.code)).toContain('lint/unknown-filter');
  });
  it('a clean profile has no findings', () => {
    expect(lint('(deny default)', ...STARTS, '(allow file-write* (subpath "/private/tmp/work"))', '(allow mach-lookup (global-name "com.apple.logd"))')).toEqual([]);
  });
});
