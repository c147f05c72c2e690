// The C preprocessor run before reading (--preprocess): branches, macros, #include, errors.
import { describe, expect, it } from 'vitest';
import { readProfile, memorySources } from '../../src/sbpl/index.js';
import { show } from '../sbpl/helpers.js';

describe('preprocessor (--preprocess)', () => {
  const text = '(version 1)\n#define ROOT "/private/tmp"\n#if ENABLE(FOO)\n(allow file-read* (subpath ROOT))\n#else\n(allow file-write* (subpath ROOT))\n#endif\n(deny default)';
  it('selects branches, substitutes object-like macros and keeps line numbers', () => {
    const off = readProfile(text, { preprocess: true, standardPolicy: false });
    expect(off.profile.rules.map(show)).toEqual(['allow file-write* (subpath "/private/tmp")', 'deny default']);
    expect(off.profile.rules[1].span?.line).toBe(8);
    const on = readProfile(text, { preprocess: { ENABLE_FOO: '1' }, standardPolicy: false });
    expect(on.profile.rules.map(show)).toEqual(['allow file-read* (subpath "/private/tmp")', 'deny default']);
  });
  it('#include is evaluated like an import', () => {
    const sources = memorySources({ '/inc/common.sb': '(allow file-read-metadata)' });
    const r = readProfile('(version 1)\n#include "common.sb"\n', { preprocess: true, importPath: ['/inc'], sources, standardPolicy: false });
    expect(r.profile.rules.map(show)).toEqual(['allow file-read-metadata']);
  });
  it('reports an unterminated #if', () => {
    const r = readProfile('(version 1)\n#ifdef X\n(allow default)\n', { preprocess: true });
    expect(r.diagnostics[0]).toMatchObject({ code: 'cpp/error', span: { line: 2 } });
  });
});
