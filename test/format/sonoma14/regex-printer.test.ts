// decodeRegex skips re-parsing its text when the printer vouches for it. These properties hold that trust to
// account on arbitrary byte code (not only code our encoder writes): whatever text comes back, the regex parser
// accepts it, and for well-formed classes it matches exactly what the byte code's automaton matches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRegex, compileRegex, LazyDfa, MAX_GROUP_DEPTH } from '../../../src/regex/index.js';
import { decodeRegex, regexPayloadToNfa, RegexCodeError } from '../../../src/format/sonoma14/regex.js';

type Ins = { op: 'char'; b: number } | { op: 'any' | 'bol' | 'eol' | 'match' } | { op: 'fork' | 'jump'; to: number } | { op: 'class'; ranges: Array<[number, number]> };

/** Byte code with jumps to real instruction boundaries (forward and backward), as an item payload. */
function payloadOf(ins: Ins[]): Uint8Array {
  const starts: number[] = [];
  let at = 0;
  for (const x of ins) {
    starts.push(at);
    at += x.op === 'char' ? 2 : x.op === 'fork' || x.op === 'jump' ? 3 : x.op === 'class' ? 1 + 2 * x.ranges.length : 1;
  }
  const code: number[] = [];
  for (const x of ins) {
    if (x.op === 'char') code.push(0x02, x.b);
    else if (x.op === 'any') code.push(0x09);
    else if (x.op === 'bol') code.push(0x19);
    else if (x.op === 'eol') code.push(0x29);
    else if (x.op === 'match') code.push(0x05);
    else if (x.op === 'class') code.push((x.ranges.length << 4) | 0x0b, ...x.ranges.flat());
    else if (x.op === 'fork' || x.op === 'jump') {
      const t = starts[x.to % starts.length];
      code.push(x.op === 'fork' ? 0x2f : 0x0a, t & 0xff, t >> 8);
    }
  }
  return Uint8Array.from([0, 0, 0, 3, code.length & 0xff, code.length >> 8, ...code]);
}

const range = (lo: fc.Arbitrary<number>, width: number) => fc.tuple(lo, fc.nat(width)).map(([a, w]): [number, number] => [a, Math.min(255, a + w)]);
const step = (byte: fc.Arbitrary<number>, ranges: fc.Arbitrary<Array<[number, number]>>): fc.Arbitrary<Ins> =>
  fc.oneof(
    { weight: 5, arbitrary: byte.map((b): Ins => ({ op: 'char', b })) },
    { weight: 1, arbitrary: fc.constantFrom<Ins>({ op: 'any' }, { op: 'bol' }, { op: 'eol' }, { op: 'match' }) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('fork' as const, 'jump' as const), fc.nat(64)).map(([op, to]): Ins => ({ op, to })) },
    { weight: 2, arbitrary: ranges.map((r): Ins => ({ op: 'class', ranges: r })) },
  );
const withMatch = (ins: fc.Arbitrary<Ins[]>) => ins.map((a) => [...a, { op: 'match' } as Ins]);

// anything the format allows: overlapping, unsorted and full-range classes, bytes >= 0x80 (UTF-8 or not)
const messyByte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac), fc.integer({ min: 0, max: 255 }));
const messyRanges = fc.oneof(
  fc.array(range(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 255 })), 60), { minLength: 1, maxLength: 15 }),
  // every byte, in two or more pieces: nothing is left for a negated class to list
  fc.integer({ min: 0, max: 254 }).map((k): Array<[number, number]> => [[0, k], [k + 1, 255]]),
  range(fc.integer({ min: 0, max: 255 }), 255).map((r): Array<[number, number]> => [[0, 255], r]),
);
const messy = fc.array(step(messyByte, messyRanges), { minLength: 1, maxLength: 30 });

// sorted, disjoint ASCII classes, ASCII and UTF-8 "é" bytes: text that must mean what the byte code means
const cleanRanges = fc.uniqueArray(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 1, maxLength: 8 }).map((bs) => {
  const sorted = [...bs].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b <= last[1] + 1) last[1] = b;
    else out.push([b, b]);
  }
  return out;
});
const clean = fc.array(step(fc.constantFrom(0x61, 0x62, 0x2f, 0x2e, 0x28, 0x5b, 0x2a, 0x5c), cleanRanges), { minLength: 1, maxLength: 25 });
const subjects = fc.array(fc.array(fc.constantFrom('a', 'b', '/', '.', '(', '[', '*', '\\', 'é', 'x', ' '), { maxLength: 8 }).map((a) => a.join('')), { minLength: 1, maxLength: 12 });

describe('regex printer', () => {
  it('only returns text the regex parser accepts', () => {
    fc.assert(
      fc.property(fc.oneof(messy, withMatch(messy)), (ins) => {
        let text: string;
        try {
          text = decodeRegex(payloadOf(ins));
        } catch (e) {
          expect(e).toBeInstanceOf(RegexCodeError);
          return;
        }
        const check = checkRegex(text);
        expect(check.ok, `${JSON.stringify(text)}: ${check.ok ? '' : check.message}`).toBe(true);
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 3000) },
    );
  });

  it('writes text that matches what the byte code matches', () => {
    fc.assert(
      fc.property(withMatch(clean), subjects, (ins, subs) => {
        const payload = payloadOf(ins);
        let text: string;
        try {
          text = decodeRegex(payload);
        } catch (e) {
          expect(e).toBeInstanceOf(RegexCodeError); // e.g. too complex to write back
          return;
        }
        const direct = new LazyDfa(regexPayloadToNfa(payload));
        const back = compileRegex(text);
        for (const s of subs) expect(back.test(s), `${JSON.stringify(text)} on ${JSON.stringify(s)}`).toBe(direct.test(s));
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 1000) },
    );
  });

  it('leaves group nesting beyond what the parser allows to the parser, which refuses it', () => {
    // ((((ab)?b)?b)? ... )? with `levels` groups: fork_1 .. fork_L, a, b_L .. b_1, match; fork_k skips past b_k
    const nested = (levels: number): Uint8Array => {
      const ins: Ins[] = [];
      for (let k = 1; k <= levels; k++) ins.push({ op: 'fork', to: 2 * levels + 2 - k });
      ins.push({ op: 'char', b: 0x61 });
      for (let k = levels; k >= 1; k--) ins.push({ op: 'char', b: 0x62 });
      ins.push({ op: 'match' });
      return payloadOf(ins);
    };
    const ok = decodeRegex(nested(MAX_GROUP_DEPTH));
    expect(ok.startsWith('('.repeat(MAX_GROUP_DEPTH) + 'ab)?b)?')).toBe(true);
    expect(checkRegex(ok).ok).toBe(true);
    expect(() => decodeRegex(nested(MAX_GROUP_DEPTH + 1))).toThrow(/regex parser rejects: groups nested too deeply/);
  });
});
