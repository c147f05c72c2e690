// Automaton -> dialect source (state elimination + printer), independent of any blob format: the text of an
// NFA is a pattern the parser reads and that matches exactly what the NFA matches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNfa, checkRegex, compileRegex, LazyDfa, nfaToSource, parseRegex, RegexCodeError, tablesOf, tablesToSource, type Nfa } from '../../src/regex/index.js';

const nfaOf = (src: string): Nfa => buildNfa(parseRegex(src).ast);

// small patterns over a few bytes, with every operator the dialect has
const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: fc.constantFrom('a', 'b', '/', '\\.', '.', '[ab]', '[^a]', 'é', '^', '$') },
    { weight: 2, arbitrary: fc.array(tie('p'), { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')) },
    { weight: 1, arbitrary: fc.array(tie('p'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join('|')})`) },
    { weight: 1, arbitrary: fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '{2}')).map(([x, q]) => `(${x})${q}`) },
  ),
})).p;
const subjects = fc.array(fc.array(fc.constantFrom('a', 'b', '/', '.', 'é', 'x'), { maxLength: 7 }).map((a) => a.join('')), { minLength: 1, maxLength: 10 });

describe('nfaToSource', () => {
  it('writes text the parser accepts and that matches what the automaton matches', () => {
    fc.assert(
      fc.property(pattern, subjects, (src, subs) => {
        const nfa = nfaOf(src);
        const text = nfaToSource(nfa);
        const check = checkRegex(text);
        expect(check.ok, `${src} -> ${text}`).toBe(true);
        const direct = new LazyDfa(nfa);
        const back = compileRegex(text);
        for (const s of subs) expect(back.test(s), `${src} -> ${text} on ${JSON.stringify(s)}`).toBe(direct.test(s));
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 500) },
    );
  });

  it('writes an automaton that matches nothing as a pattern that matches nothing', () => {
    // a byte set with no bytes: no path from the start reaches the match state
    const nfa: Nfa = { states: [{ kind: 'bytes', ranges: [], negated: false, out: 1 }, { kind: 'match' }], start: 0 };
    expect(nfaToSource(nfa)).toBe('$.');
    expect(compileRegex('$.').test('')).toBe(false);
  });

  it('keeps UTF-8 text as characters and refuses bytes that are not UTF-8', () => {
    expect(nfaToSource(nfaOf('^/café$'))).toBe('^/café$');
    const lone: Nfa = { states: [{ kind: 'bytes', ranges: [[0xc3, 0xc3]], negated: false, out: 1 }, { kind: 'match' }], start: 0 };
    expect(() => nfaToSource(lone)).toThrow(RegexCodeError);
  });

  it('says when the printer cannot vouch for its text', () => {
    expect(tablesToSource(tablesOf(nfaOf('a(b|c)*'))).sure).toBe(true);
  });

  it('refuses automata too large to eliminate', () => {
    expect(() => nfaToSource(nfaOf('a'.repeat(3000)))).toThrow(/too large to write back as text/);
  });
});
