// Lint control: --disable / --enable codes and the inline `; sbpl-lint-disable-next-form CODE` comment.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { lintProfile } from '../../src/decide/lint.js';
import { inlineSilences, normalizeCode, selectFindings } from '../../src/decide/lint-control.js';
import { getVocab } from '../../src/vocab/index.js';

function findings(text: string): { codes: (sel?: Parameters<typeof selectFindings>[1]) => string[] } {
  const r = readProfile(text, { fileName: 'p.sb', standardPolicy: false });
  expect(r.ok).toBe(true);
  const all = [...r.diagnostics, ...lintProfile(r.profile, getVocab(r.profile.os))];
  return { codes: (sel = {}) => selectFindings(all, sel, (f) => (f === 'p.sb' ? text : undefined)).map((d) => `${d.span?.line}:${d.code}`) };
}

const PROFILE = [
  '(version 1)',
  '(allow default)',
  '(deny file-write* (subpath "/tmp/a"))',
  '; sbpl-lint-disable-next-form path-never-seen',
  '(deny file-write*',
  '  (subpath "/tmp/b"))',
  '(deny file-write* (subpath "/tmp/c"))',
  '',
].join('\n');

describe('lint control', () => {
  it('an inline comment silences its code on the next form only', () => {
    expect(findings(PROFILE).codes()).toEqual(['3:lint/path-never-seen', '7:lint/path-never-seen']);
  });

  it('an inline comment naming another code silences nothing', () => {
    expect(findings(PROFILE.replace('disable-next-form path-never-seen', 'disable-next-form shadowed-rule')).codes()).toHaveLength(3);
  });

  it('--disable drops a code (with or without lint/), all drops every warning, --enable keeps one', () => {
    const f = findings(PROFILE);
    expect(f.codes({ disable: ['lint/path-never-seen'] })).toEqual([]);
    expect(f.codes({ disable: ['path-never-seen'] })).toEqual([]);
    expect(f.codes({ disable: ['all'] })).toEqual([]);
    expect(f.codes({ disable: ['all'], enable: ['path-never-seen'] })).toHaveLength(2);
  });

  it('never silences errors', () => {
    const err = { severity: 'error' as const, code: 'lint/x', message: 'm' };
    expect(selectFindings([err], { disable: ['all'] }, () => undefined)).toEqual([err]);
  });

  it('finds the extent of the next form past strings, comments and nesting', () => {
    const text = '; sbpl-lint-disable-next-form a b\n  ; another comment\n(x ")(" ; )\n (y))\n(z)';
    const [s] = inlineSilences(text);
    expect([...s.codes]).toEqual(['lint/a', 'lint/b']);
    expect(text.slice(s.start, s.end)).toBe('(x ")(" ; )\n (y))');
    expect(normalizeCode('regex/literal-quantifier')).toBe('regex/literal-quantifier');
  });
});
