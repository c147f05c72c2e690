// Factoring alternatives (src/regex/factor.ts) on automata written back as text: the shared start and end of
// the branches are written once, and the text still has the automaton's language (test/regex/language.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNfa, nfaToSource, parseRegex } from '../../src/regex/index.js';
import { compareLanguages } from './language.js';

const nfaOf = (src: string) => buildNfa(parseRegex(src).ast);

const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: fc.constantFrom('a', 'b', '/', 'x/', '[ab]', '[^/]', '^', '$', '.') },
    { weight: 2, arbitrary: fc.array(tie('p'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')) },
    // branches that share a start or an end, as state elimination writes them
    { weight: 2, arbitrary: fc.tuple(tie('p'), fc.array(tie('p'), { minLength: 2, maxLength: 3 }), tie('p')).map(([pre, mids, suf]) => `(${mids.map((m) => pre + m + suf).join('|')})`) },
    { weight: 1, arbitrary: fc.tuple(tie('p'), fc.constantFrom('*', '+', '?')).map(([x, q]) => `(${x})${q}`) },
  ),
})).p;

describe('factoring alternatives', () => {
  it('writes text with the same language as the automaton', () => {
    fc.assert(
      fc.property(pattern, (src) => {
        const nfa = nfaOf(src);
        const text = nfaToSource(nfa);
        const cmp = compareLanguages(nfa, nfaOf(text));
        expect(cmp.same, `${src} -> ${text}: ${JSON.stringify(cmp)}`).toBe(true);
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 400) },
    );
  });

  it('writes a shared start and end once, and an empty remainder as an optional group', () => {
    expect(nfaToSource(nfaOf('^/var/mobile/x|^/var/euser[0-9]+/x|^/var/Users/[^/]+/x'))).toBe('^/var/(mobile|Users/[^/]+|euser[0-9]+)/x');
    expect(nfaToSource(nfaOf('/Media/i|/Media/[^/]+/i'))).toBe('/Media/([^/]+/)?i');
    expect(nfaToSource(nfaOf('ab|cd'))).toMatch(/^(ab\|cd|cd\|ab)$/); // nothing shared: as it was
  });
});
