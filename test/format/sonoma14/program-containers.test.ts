// Regex and string programs of our own (written by our encoder or assembled here by hand, no bytes from
// anyone's fixtures): each regex container (the versioned item, the bare program) and each opcode the readers
// know, and the located errors for malformed input. The SandBlaster / ipsw fixtures themselves are in
// test/format/apple/fixtures.test.ts (they need ../shared).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNfa, checkRegex, parseRegex, type ByteRange } from '../../../src/regex/index.js';
import { decodeRegex, decodeRegexProgram, encodeRegex, RegexCodeError, regexProgramToNfa } from '../../../src/format/sonoma14/regex.js';
import { decodeStringProgram, ProgramError } from '../../../src/format/sonoma14/strings.js';
import { variableNames } from '../../../src/format/sonoma14/decode.js';
import { compareLanguages } from '../../regex/language.js';

type Asm =
  | ['bol' | 'eol' | 'any' | 'match']
  | ['char', string]
  | ['class', ByteRange[]]
  /** a negated class, given the ranges it leaves out (sorted, none starting at 0) */
  | ['nclass', ByteRange[]]
  | ['fork' | 'jump', string]
  | ['label', string];

/** Assemble a bare regex program: Apple's match is 15 00; labels resolve to code offsets. */
function assemble(prog: Asm[]): Uint8Array {
  const size = (x: Asm) =>
    x[0] === 'label' ? 0 : x[0] === 'char' || x[0] === 'match' ? 2 : x[0] === 'fork' || x[0] === 'jump' ? 3 : x[0] === 'class' || x[0] === 'nclass' ? 1 + 2 * x[1].length : 1;
  const at = new Map<string, number>();
  let n = 0;
  for (const x of prog) {
    if (x[0] === 'label') at.set(x[1], n);
    n += size(x);
  }
  const out: number[] = [];
  for (const x of prog) {
    switch (x[0]) {
      case 'bol': out.push(0x19); break;
      case 'eol': out.push(0x29); break;
      case 'any': out.push(0x09); break;
      case 'match': out.push(0x15, 0x00); break;
      case 'char': out.push(0x02, x[1].charCodeAt(0)); break;
      case 'class': out.push((x[1].length << 4) | 0x0b, ...x[1].flat()); break;
      case 'nclass': {
        // first pair = (end of the first gap + 1, start of the next - 1), ..., last = (.., start of the first gap - 1)
        const gaps = x[1];
        const v: number[] = [gaps[0][1] + 1];
        for (let k = 1; k < gaps.length; k++) v.push(gaps[k][0] - 1, gaps[k][1] + 1);
        v.push(gaps[0][0] - 1);
        out.push((gaps.length << 4) | 0x0b, ...v);
        break;
      }
      case 'fork':
      case 'jump': {
        const t = at.get(x[1])!;
        out.push(x[0] === 'fork' ? 0x2f : 0x0a, t & 0xff, t >> 8);
        break;
      }
      case 'label': break;
    }
  }
  return Uint8Array.from(out);
}

/** The regex item of a program: u32 big-endian version 3, u16 LE length, code. */
const item = (code: Uint8Array) => Uint8Array.from([0, 0, 0, 3, code.length & 0xff, code.length >> 8, ...code]);
const nfaOf = (src: string) => buildNfa(parseRegex(src).ast);

// ^x.[a-c]+(p|[^./])$ with every opcode: ^ char any class fork jump negated-class $ match(+padding)
const EVERY_OPCODE: Asm[] = [
  ['bol'], ['char', 'x'], ['any'],
  ['label', 'C'], ['class', [[0x61, 0x63]]], ['fork', 'AFTER'], ['jump', 'C'],
  ['label', 'AFTER'], ['fork', 'ALT2'], ['char', 'p'], ['jump', 'END'],
  ['label', 'ALT2'], ['nclass', [[0x2e, 0x2f]]],
  ['label', 'END'], ['eol'], ['match'],
];

function errorOf(f: () => unknown): RegexCodeError | ProgramError {
  try {
    f();
  } catch (e) {
    if (e instanceof RegexCodeError || e instanceof ProgramError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('regex containers and opcodes (our own programs)', () => {
  it('a hand-assembled program with every opcode reads back, bare and as a versioned item, to the same text', () => {
    const code = assemble(EVERY_OPCODE);
    const bare = decodeRegexProgram(code);
    expect(decodeRegex(item(code))).toBe(bare);
    expect(bare).toBe('^x.[a-c]+(p|[^./])$');
    expect(compareLanguages(regexProgramToNfa(code), nfaOf('^x.[a-c]+(p|[^./])$')).same).toBe(true);
  });

  it('reads a negated class (first value above the last) as the bytes outside its gaps', () => {
    // one gap: "/" -> 1b 30 2e; two gaps: "." and "/"; a gap of several bytes: [^a-z]
    for (const [gaps, text] of [[[[0x2f, 0x2f]], '[^/]'], [[[0x2e, 0x2e], [0x2f, 0x2f]], '[^./]'], [[[0x61, 0x7a]], '[^a-z]']] as Array<[ByteRange[], string]>) {
      const code = assemble([['bol'], ['nclass', gaps], ['eol'], ['match']]);
      expect(decodeRegexProgram(code)).toBe(`^${text}$`);
    }
    expect([...assemble([['nclass', [[0x2f, 0x2f]]]])]).toEqual([0x1b, 0x30, 0x2e]);
  });

  it('our encoder writes version 3 items; the code alone is the bare program', () => {
    for (const src of ['^/tmp/[a-z]+$', '^/(a|bc)*/x?$', '[^/]+\\.plist$']) {
      const payload = encodeRegex(src);
      expect([...payload.subarray(0, 4)]).toEqual([0, 0, 0, 3]);
      const text = decodeRegex(payload);
      expect(decodeRegexProgram(payload.subarray(6))).toBe(text);
      expect(compareLanguages(nfaOf(text), nfaOf(src)).same, `${src} -> ${text}`).toBe(true);
    }
  });

  it('names what is wrong and where (offsets into what was given)', () => {
    const v4 = errorOf(() => decodeRegex(Uint8Array.from([0, 0, 0, 4, 1, 0, 0x15])));
    expect([v4.offset, v4.message]).toEqual([0, expect.stringMatching(/format version 4 .*expected 3/)]);
    // 00 is padding only right after a match
    const stray = errorOf(() => decodeRegexProgram(Uint8Array.from([0x19, 0x00, 0x15])));
    expect([stray.offset, stray.message]).toEqual([1, expect.stringMatching(/unknown regex opcode 0x00 at code offset 1/)]);
    expect(errorOf(() => decodeRegex(item(Uint8Array.from([0x19, 0x00, 0x15])))).offset).toBe(7);
    // a jump onto the padding lands on no instruction
    const pad = errorOf(() => decodeRegexProgram(Uint8Array.from([0x0a, 0x04, 0x00, 0x15, 0x00])));
    expect([pad.offset, pad.message]).toEqual([0, expect.stringMatching(/targets 4, not an instruction/)]);
    // negated class whose second pair starts before its gap ends
    const overlap = errorOf(() => decodeRegexProgram(Uint8Array.from([0x2b, 0x50, 0x40, 0x30, 0x20, 0x15])));
    expect([overlap.offset, overlap.message]).toEqual([3, expect.stringMatching(/negated class at code offset 0: pair 1/)]);
    const reversed = errorOf(() => decodeRegexProgram(Uint8Array.from([0x2b, 0x10, 0x20, 0x40, 0x30, 0x15])));
    expect([reversed.offset, reversed.message]).toEqual([3, expect.stringMatching(/reversed range 0x40-0x30/)]);
  });
});

const lit = (s: string) => [0x40 + s.length - 1, ...Buffer.from(s, 'latin1')];
const program = (...parts: Array<number | number[]>) => Uint8Array.from(parts.flat());

describe('string-program opcodes (our own programs)', () => {
  it('06 saves the position and 05 goes back to it: a second alternative from the start', () => {
    // 06 "/a/b" (else jump to 05) 0a | 05 ${HOME} "/c" 0a
    const p = program(0x06, lit('/a/b'), 0x80, 0x0a, 0x05, 0x10, 0x0f, lit('/c'), 0x0f, 0x0a);
    const d = decodeStringProgram(p, { variables: ['HOME'] });
    expect(d.alternatives).toEqual([{ kind: 'prefix', value: '/a/b' }, { kind: 'prefix', value: '${HOME}/c' }]);
    expect(d.approximate).toBeUndefined();
  });

  it('a test between 06 and 05 that held is a look-ahead: dropped, and said so', () => {
    const d = decodeStringProgram(program(0x06, lit('/x'), 0x0f, 0x05, lit('/y'), 0x0f, 0x0a));
    expect(d.alternatives).toEqual([{ kind: 'prefix', value: '/y' }]);
    expect(d.approximate).toMatch(/look-ahead/);
  });

  it('07 drops the saved position; 05 or 07 with nothing saved is a located error', () => {
    expect(decodeStringProgram(program(0x06, 0x07, lit('/z'), 0x0f, 0x0a)).alternatives).toEqual([{ kind: 'prefix', value: '/z' }]);
    for (const op of [0x05, 0x07]) {
      const e = errorOf(() => decodeStringProgram(program(lit('/q'), 0x0f, op, 0x0a)));
      expect([e.offset, e.message]).toEqual([4, expect.stringMatching(/no position saved \(06\)/)]);
    }
  });

  it('03 b opening a program: found anywhere; 02 b after [^b]: [^b]+b; 02 b alone: [^b]*b', () => {
    // 03 '/' , range negated (flag 0x80) [/], 02 '/', "ab", accept the rest
    const anywhere = decodeStringProgram(program(0x03, 0x2f, 0x0f, 0x0b, 0x80, 0x2f, 0x2f, 0x0f, 0x02, 0x2f, 0x0f, lit('ab'), 0x0f, 0x0a));
    expect(anywhere.alternatives).toEqual([{ kind: 'regex', source: '/[^/]+/ab' }]);
    const scan = decodeStringProgram(program(lit('/'), 0x0f, 0x02, 0x2e, 0x0f, 0x00, 0x0f, 0x0a));
    expect(scan.alternatives).toEqual([{ kind: 'regex', source: '^/[^.]*\\.$' }]);
    for (const m of [...anywhere.alternatives, ...scan.alternatives]) if (m.kind === 'regex') expect(checkRegex(m.source).ok).toBe(true);
  });

  it('names variables by index from the table (short 1x and long 01 lo hi references)', () => {
    const vars = ['A', 'B', 'C'];
    expect(decodeStringProgram(program(0x01, 0x02, 0x00, 0x0f, lit('/l'), 0x0f, 0x00, 0x0f, 0x0a), { variables: vars }).alternatives).toEqual([{ kind: 'literal', value: '${C}/l' }]);
    expect(decodeStringProgram(program(0x11, 0x0f, 0x0a), { variables: vars }).alternatives).toEqual([{ kind: 'prefix', value: '${B}' }]);
    // an index past the table has no name
    const d = decodeStringProgram(program(0x15, 0x0f, 0x0a), { variables: vars });
    expect(d.alternatives).toEqual([{ kind: 'regex', source: '^.*' }]);
    expect(d.approximate).toMatch(/variable 5, which has no name/);
  });

  it('a byte class no dialect atom writes is a located error', () => {
    // 0x80..0x90 only: some but not all of the high bytes
    const e = errorOf(() => decodeStringProgram(program(lit('/'), 0x0f, 0x0b, 0x00, 0x80, 0x90, 0x0f, 0x0a)));
    expect([e.offset, e.message]).toEqual([3, expect.stringMatching(/byte test at offset 3: .*0x80\.\.0xff/)]);
  });
});

describe('pattern-variable table', () => {
  it('reads each entry as the data item it names (u16 length + text, trailing NUL dropped); past the blob: no name', () => {
    // data region at byte 4, 8-byte units: unit 0 = "HOME\0", unit 1 = "any_uuid\0"
    const bytes = Uint8Array.from([9, 9, 9, 9, 5, 0, ...Buffer.from('HOME\0'), 0, 9, 0, ...Buffer.from('any_uuid\0')]);
    expect(variableNames(bytes, 4, [0, 1, 7])).toEqual(['HOME', 'any_uuid', undefined]);
  });
});

describe('random bytes', () => {
  const opcodes = fc.oneof(fc.constantFrom(0x00, 0x02, 0x05, 0x06, 0x07, 0x0a, 0x0b, 0x0f, 0x15, 0x19, 0x29, 0x2f, 0x09, 0x1b, 0x2b, 0x80, 0x81, 0x41), fc.integer({ min: 0, max: 255 }));
  const bytes = fc.array(opcodes, { maxLength: 48 }).map((a) => Uint8Array.from(a));
  const located = (f: () => unknown, length: number) => {
    try {
      f();
    } catch (e) {
      expect(e instanceof RegexCodeError || e instanceof ProgramError, String(e)).toBe(true);
      expect((e as RegexCodeError).offset).toBeGreaterThanOrEqual(0);
      expect((e as RegexCodeError).offset).toBeLessThanOrEqual(length);
    }
  };
  it('read to text or fail with a located error, never another exception', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        located(() => decodeRegexProgram(b), b.length);
        located(() => decodeRegex(item(b)), b.length + 6);
        located(() => decodeStringProgram(b, { variables: ['HOME', 'FRONT_USER_HOME'] }), b.length);
      }),
      { numRuns: Number(process.env.SBPL_PROPERTY_RUNS ?? 3000) },
    );
  });
});
