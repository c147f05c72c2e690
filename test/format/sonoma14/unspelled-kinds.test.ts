// A string program's match kind that its filter has no SBPL spelling for (macOS 15 compiles subpaths of
// mount-relative-path; its spellings are literal, prefix and regex only) decodes to the regex it
// equals, so decompiled text reads back and decides the same (src/format/sonoma14/args.ts decodedTest).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeArgument } from '../../../src/format/sonoma14/args.js';
import { FILTER_BYTE_OFFSET } from '../../../src/format/sonoma14/descriptor.js';
import { encodeStringProgram, type PatternArg } from '../../../src/format/sonoma14/strings.js';
import { createMatchEnv, testMatches } from '../../../src/decide/match.js';
import { readProfile } from '../../../src/sbpl/index.js';
import { testToSbpl } from '../../../src/sbpl/print.js';
import { getVocab } from '../../../src/vocab/index.js';

const vocab = getVocab('sonoma-14.4.1');
const f = vocab.filter('mount-relative-path')!;

function decoded(alt: PatternArg) {
  const program = encodeStringProgram([alt]);
  const t = decodeArgument(f.id + FILTER_BYTE_OFFSET, 0, vocab, { item: () => program, regex: () => new Uint8Array() });
  return t.alternatives[0];
}

describe('a match kind without a spelling decodes to its regex', () => {
  it('precondition: mount-relative-path has a prefix spelling and no subpath one', () => {
    expect(f.spellings.some((s) => s.match === 'subpath')).toBe(false);
    expect(f.spellings.some((s) => s.match === 'prefix')).toBe(true);
  });

  it('a subpath becomes a regex (a prefix keeps its spelling); both read back and match exactly the same paths', () => {
    const env = createMatchEnv();
    const seg = fc.stringMatching(/^[a-z.+()$]{1,4}$/);
    fc.assert(
      fc.property(fc.constantFrom<'subpath' | 'prefix'>('subpath', 'prefix'), fc.array(seg, { minLength: 1, maxLength: 3 }), fc.array(seg, { maxLength: 3 }), (kind, parts, rest) => {
        const value = '/' + parts.join('/');
        const t = decoded({ kind, value });
        expect(t.arg.kind).toBe(kind === 'subpath' ? 'regex' : 'prefix');
        const text = testToSbpl(t);
        const back = readProfile(`(version 1)\n(allow file-read* ${text})\n`, { standardPolicy: false });
        expect(back.ok, text).toBe(true);
        for (const p of [value, value + '/' + rest.join('/'), value + rest.join(''), '/x' + value]) {
          const want = kind === 'prefix' ? p.startsWith(value) : p === value || p.startsWith(value + '/');
          expect(testMatches(t, { mountRelativePath: p }, env), `${text} on ${p}`).toBe(want);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a literal keeps its literal spelling', () => {
    const t = decoded({ kind: 'literal', value: '/a/b' });
    expect(t.arg).toEqual({ kind: 'literal', value: '/a/b' });
    expect(f.spellings.find((s) => s.name === t.spelled)?.match).toMatch(/literal|value/);
  });
});
