// The union automaton of string tests against the engine's own matcher: for random tests and strings, the
// atoms a string reaches are exactly the tests stringMatches says it matches; the cells listed for a set of
// tests are distinct, each witness really lands in its cell, and every string lands in a listed cell.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StringAutomaton, stringCells } from '../../src/diff/strings.js';
import { createMatchEnv, stringMatches } from '../../src/decide/match.js';
import type { StringMatch } from '../../src/sbpl/profile.js';

const env = createMatchEnv();
const WORDS = ['/', '/a', '/a/b', '/ab', '/a/b/c', '/b', 'a', 'ab', '.x', '/a.b'];
const REGEXES = ['^/a/', 'b$', '^/a/[^/]+$', '\\.x$', 'a|b', '^/(a|b)+/c$', '^/a.*b', 'a{2,3}', '^$', 'x*', '[^a]b', '^/a/(b|c)?$'];

const match: fc.Arbitrary<StringMatch> = fc.oneof(
  fc.tuple(fc.constantFrom('literal', 'prefix', 'subpath') as fc.Arbitrary<'literal' | 'prefix' | 'subpath'>, fc.constantFrom(...WORDS)).map(([kind, value]) => ({ kind, value })),
  fc.constantFrom(...REGEXES).map((source) => ({ kind: 'regex' as const, source })),
);
const subject = fc.array(fc.constantFrom('/', 'a', 'b', 'c', '.', 'x'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));

function expected(tests: StringMatch[], s: string): number[] {
  return tests.flatMap((m, i) => (stringMatches(m, s, env) ? [i] : []));
}

describe('string automaton', () => {
  it('reaches exactly the tests the matcher says a string matches', () => {
    fc.assert(
      fc.property(fc.array(match, { minLength: 1, maxLength: 6 }), fc.array(subject, { minLength: 1, maxLength: 10 }), (tests, subjects) => {
        const auto = new StringAutomaton(tests.map((m, atom) => ({ atom, match: m })), env, tests.length);
        for (const s of subjects) expect(auto.atomsMatching(s)).toEqual(expected(tests, s));
      }),
      { numRuns: 300 },
    );
  });

  it('lists every cell of a set of tests once, with a witness inside it', () => {
    fc.assert(
      fc.property(fc.array(match, { minLength: 1, maxLength: 5 }), fc.array(subject, { maxLength: 12 }), (tests, subjects) => {
        const auto = new StringAutomaton(tests.map((m, atom) => ({ atom, match: m })), env, tests.length);
        const { cells, exhausted } = stringCells(auto, 'name', 20_000);
        expect(exhausted).toBe(false);
        const keys = cells.map((c) => c.atoms.join(','));
        expect(new Set(keys).size).toBe(keys.length);
        for (const c of cells) expect(expected(tests, c.value)).toEqual(c.atoms);
        for (const s of subjects) expect(keys).toContain(expected(tests, s).join(','));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps path witnesses clean: absolute, no empty, "." or ".." components, no trailing slash', () => {
    const tests: StringMatch[] = [{ kind: 'subpath', value: '/a' }, { kind: 'regex', source: '/\\.\\.?/' }, { kind: 'regex', source: '//' }, { kind: 'regex', source: '/$' }];
    const auto = new StringAutomaton(tests.map((m, atom) => ({ atom, match: m })), env, tests.length);
    const { cells } = stringCells(auto, 'path', 10_000);
    expect(cells.length).toBeGreaterThan(1);
    for (const c of cells) {
      expect(c.value.startsWith('/')).toBe(true);
      expect(c.value === '/' || !c.value.endsWith('/')).toBe(true);
      expect(c.value.split('/').slice(1).some((p) => p === '' || p === '.' || p === '..') && c.value !== '/').toBe(false);
    }
    // a clean path never contains "//", "/./" or "/../", and only "/" ends with a slash: those cells do not exist
    expect(cells.some((c) => c.atoms.includes(1) || c.atoms.includes(2))).toBe(false);
    expect(cells.filter((c) => c.atoms.includes(3)).map((c) => c.value)).toEqual(['/']);
  });

  it('prefers readable witnesses, shortest first', () => {
    const tests: StringMatch[] = [{ kind: 'subpath', value: '/Users/me' }, { kind: 'literal', value: '/Users/me/.ssh/id_rsa' }];
    const auto = new StringAutomaton(tests.map((m, atom) => ({ atom, match: m })), env, tests.length);
    const values = stringCells(auto, 'path', 10_000).cells.map((c) => c.value).sort();
    expect(values).toEqual(['/', '/Users/me', '/Users/me/.ssh/id_rsa'].sort());
  });
});
