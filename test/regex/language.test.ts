// The language comparison the fixture tests lean on: equal languages spelled differently are equal, and a
// difference anywhere (a byte, a repeat, an anchor) is found, with a witness the two automata disagree on.
import { describe, expect, it } from 'vitest';
import { buildNfa, compileRegex, parseRegex } from '../../src/regex/index.js';
import { compareLanguages } from './language.js';

const nfaOf = (src: string) => buildNfa(parseRegex(src).ast);

describe('compareLanguages', () => {
  it('finds spellings of one language equal', () => {
    for (const [a, b] of [['a+', 'aa*'], ['(c|s)$', '(s|c)$'], ['[bcde]', '[b-e]'], ['^x(ab)?y', '^(xy|xaby)'], ['[^/]', '[^/]|[^/]']]) {
      expect(compareLanguages(nfaOf(a), nfaOf(b)), `${a} ${b}`).toMatchObject({ same: true });
    }
  });

  it('tells apart what differs only in an anchor, a repeat or a byte, and gives a witness', () => {
    for (const [a, b] of [['^ab*', '^a'], ['x$', 'x'], ['^x', 'x'], ['a+', 'a*'], ['[^/]', '[^.]']]) {
      const r = compareLanguages(nfaOf(a), nfaOf(b));
      expect(r.same, `${a} ${b}`).toBe(false);
      if (r.same) continue;
      // without anchors the position does not matter: the witness, matched whole, tells the two apart
      const stretch = Buffer.from(r.witness).toString('latin1');
      const whole = (src: string) => compileRegex(`^(${src})$`).test(stretch);
      if (!/[\^$]/.test(a + b)) expect(whole(a), `${a} ${b} on ${JSON.stringify(stretch)}`).not.toBe(whole(b));
    }
  });
});
