// Regex items: the NFA serialised as byte code reads back into source text matching the same strings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileRegex } from '../../../src/regex/index.js';
import { decodeRegex, encodeRegex, RegexCodeError } from '../../../src/format/sonoma14/regex.js';

const atom = fc.constantFrom('a', 'b', '/', '\\.', '.', '[a-c]', '[^/]', '[0-9]', 'x');
const regexArb: fc.Arbitrary<string> = fc.letrec<{ r: string }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.array(atom, { minLength: 1, maxLength: 4 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.tuple(tie('r'), tie('r')).map(([a, b]) => `(${a}|${b})`) },
    { weight: 1, arbitrary: fc.tuple(tie('r'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}')).map(([a, q]) => `(${a})${q}`) },
    { weight: 1, arbitrary: tie('r').map((a) => `^${a}`) },
    { weight: 1, arbitrary: tie('r').map((a) => `${a}$`) },
  ),
})).r;
const subject = fc.array(fc.constantFrom('a', 'b', '/', '.', '1', 'x', 'c'), { maxLength: 8 }).map((a) => a.join(''));

describe('regex items', () => {
  it('encode -> decode keeps the language (unanchored search on random subjects)', () => {
    fc.assert(
      fc.property(regexArb, fc.array(subject, { minLength: 5, maxLength: 20 }), (src, subjects) => {
        const payload = encodeRegex(src);
        const back = decodeRegex(payload);
        const a = compileRegex(src);
        const b = compileRegex(back);
        for (const s of subjects) expect(b.test(s), `${src} vs ${back} on ${JSON.stringify(s)}`).toBe(a.test(s));
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 400) },
    );
  });

  it('starts with the AppleMatch magic and a code length', () => {
    const p = encodeRegex('^/tmp/[a-z]+$');
    expect(Buffer.from(p.subarray(0, 4)).toString('hex')).toBe('00000003');
    expect(p[4] | (p[5] << 8)).toBe(p.length - 6);
  });

  it('handles classes with more ranges than one instruction holds', () => {
    const src = '[acegikmoqsuwyACEGIKMOQSUWY]';
    const back = decodeRegex(encodeRegex(src));
    for (const s of ['a', 'b', 'Y', 'Z', 'zz']) expect(compileRegex(back).test(s)).toBe(compileRegex(src).test(s));
  });

  it('rejects bad items with the offset of the problem', () => {
    const bad = (bytes: number[], offset: number) => {
      let err: unknown;
      try {
        decodeRegex(Uint8Array.from(bytes));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RegexCodeError);
      expect((err as RegexCodeError).offset).toBe(offset);
    };
    bad([1, 2, 3], 0); // shorter than the header
    bad([0, 0, 0, 4, 0, 0], 0); // wrong magic
    bad([0, 0, 0, 3, 9, 0], 4); // code length past the item
    bad([0, 0, 0, 3, 3, 0, 0x2f, 0x50, 0x00], 6); // fork to a non-instruction
    bad([0, 0, 0, 3, 1, 0, 0xee], 6); // unknown opcode
  });
});
