// Byte classes as dialect text. A class member is one byte below 0x80 and `[^...]` holds every byte it does not
// list, so a class holding all of 0x80..0xff (what a negated class in byte code is) must print negated, never as
// ranges up to 0xff that the parser reads as UTF-8 and refuses. Property: for random classes, print -> parse
// gives an automaton with the same language as the one printed (test/regex/language.ts: strict language).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNfa, checkRegex, parseRegex, RegexCodeError, tablesOf, tablesToSource, type ByteRange, type Nfa } from '../../src/regex/index.js';
import { compareLanguages } from './language.js';

/** `^` class+ `$`: the class, repeated, as the whole string. */
function classNfa(ranges: ByteRange[]): Nfa {
  return {
    start: 0,
    states: [
      { kind: 'bol', out: 1 },
      { kind: 'bytes', ranges, negated: false, out: 2 },
      { kind: 'split', out: 1, out2: 3 },
      { kind: 'eol', out: 4 },
      { kind: 'match' },
    ],
  };
}

/** Sorted ranges of a set of bytes, neighbours kept apart when `split` says so (byte code lists them any way). */
function rangesOf(bytes: number[], split: boolean): ByteRange[] {
  const out: Array<[number, number]> = [];
  for (const b of [...new Set(bytes)].sort((x, y) => x - y)) {
    const last = out[out.length - 1];
    if (last && !split && b === last[1] + 1) last[1] = b;
    else out.push([b, b]);
  }
  return out;
}

const ascii = fc.uniqueArray(fc.integer({ min: 0, max: 0x7f }), { maxLength: 40 });
// none, all or some of the bytes 0x80..0xff
const high = fc.oneof(
  fc.constant<number[]>([]),
  fc.constant(Array.from({ length: 128 }, (_, k) => 0x80 + k)),
  fc.uniqueArray(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 127 }),
);
const asciiComplement = fc.uniqueArray(fc.integer({ min: 0, max: 0x7f }), { minLength: 1, maxLength: 4 })
  .map((holes) => Array.from({ length: 256 }, (_, b) => b).filter((b) => !holes.includes(b)));

describe('regex printer: byte classes', () => {
  it('prints a class as text that parses to the same language, negated when it holds 0x80..0xff', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(ascii, high).map(([a, h]) => [...a, ...h]), asciiComplement), fc.boolean(), (bytes, split) => {
        fc.pre(bytes.length > 0);
        const nfa = classNfa(rangesOf(bytes, split));
        const highCount = bytes.filter((b) => b >= 0x80).length;
        let text: string;
        try {
          text = tablesToSource(tablesOf(nfa)).source;
        } catch (e) {
          // only a class holding some but not all of 0x80..0xff has no dialect spelling
          expect(e).toBeInstanceOf(RegexCodeError);
          expect(highCount > 0 && highCount < 128, String(e)).toBe(true);
          return;
        }
        expect(highCount === 0 || highCount === 128, text).toBe(true);
        const check = checkRegex(text);
        expect(check.ok, `${JSON.stringify(text)}: ${check.ok ? '' : check.message}`).toBe(true);
        const cmp = compareLanguages(nfa, buildNfa(parseRegex(text).ast));
        expect(cmp.same, `${JSON.stringify(text)} differs on ${cmp.same ? '' : JSON.stringify(cmp.witness)}`).toBe(true);
        if (highCount === 128 && bytes.length < 256) expect(text).toMatch(/\[\^/);
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 500) },
    );
  });

  it('prints everything but "/" as [^/], and two neighbours as two members', () => {
    const notSlash: ByteRange[] = [[0, 0x2e], [0x30, 0xff]];
    expect(tablesToSource(tablesOf(classNfa(notSlash))).source).toBe('^[^/]+$');
    const notDotSlash: ByteRange[] = [[0, 0x2d], [0x30, 0xff]];
    expect(tablesToSource(tablesOf(classNfa(notDotSlash))).source).toBe('^[^./]+$');
    // NUL left out as well: the two forms have as many ranges, and only the negated one can be written
    const notNulSlash: ByteRange[] = [[1, 0x2e], [0x30, 0xff]];
    expect(tablesToSource(tablesOf(classNfa(notNulSlash))).source).toBe('^[^\0/]+$');
  });
});
