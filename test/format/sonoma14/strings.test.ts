// String programs: the witnessed encodings byte for byte, and read-back of what we write.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStringProgram, encodeStringProgram, parseProgram, ProgramError, type PatternArg } from '../../../src/format/sonoma14/strings.js';
import { createMatchEnv, stringMatches } from '../../../src/decide/match.js';
import type { StringMatch } from '../../../src/sbpl/profile.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => Buffer.from(s, 'latin1').toString('hex');

describe('string programs', () => {
  it('literal: length token + text + 0f 00 0f 0a (single_file_literal, bytes 426..451)', () => {
    expect(hex(encodeStringProgram([{ kind: 'literal', value: '/tmp/encoder/lit_only' }]))).toBe(ascii('T/tmp/encoder/lit_only') + '0f000f0a');
  });

  it('prefix: text + 0f 0a (the prefix branch of a subpath program, alone)', () => {
    expect(hex(encodeStringProgram([{ kind: 'prefix', value: '/private/var/run/syslog' }]))).toBe(ascii('V/private/var/run/syslog') + '0f0a');
  });

  it('subpath: text, then "/" accepts anything, else end of string (node-layout v1: 19-byte data region)', () => {
    const p = encodeStringProgram([{ kind: 'subpath', value: '/tmp/foo' }]);
    expect(hex(p)).toBe(ascii('G/tmp/foo') + '0f' + ascii('@/') + '800a000f0a');
    expect(2 + p.length).toBe(19);
  });

  it('several strings share a trie: shorter labels first, ties in source order (sys sample)', () => {
    const p = encodeStringProgram(['/System', '/usr', '/dev', '/tmp/sb-demo'].map((value) => ({ kind: 'subpath' as const, value })));
    const tail = ascii('@/') + '800a000f0a';
    expect(hex(p)).toBe(ascii('@/') + '0f' + ascii('Busr') + '86' + tail + ascii('Bdev') + '86' + tail + ascii('ESystem') + '86' + tail + ascii('Jtmp/sb-demo') + '0f' + tail);
  });

  it('metafilter_any: four literals give the witnessed runs and a 71-byte program', () => {
    const p = encodeStringProgram(['/tmp/foo.txt', '/tmp/bar.txt', '/private/tmp/foo.txt', '/private/tmp/bar.txt'].map((value) => ({ kind: 'literal' as const, value })));
    expect(p.length).toBe(71);
    const runs = Buffer.from(p).toString('latin1').split(/[^\x20-\x7e\n]+/).filter((r) => r.length >= 4);
    expect(runs).toEqual(['Ctmp/', 'Ffoo.txt', '\nFbar.txt', '\nKprivate/tmp/', 'Ffoo.txt', '\nFbar.txt']);
  });

  it('long strings use the extended literal and jump forms', () => {
    const long = '/' + 'x'.repeat(400);
    const p = encodeStringProgram([{ kind: 'literal', value: long }, { kind: 'literal', value: '/' + 'y'.repeat(200) }]);
    expect(parseProgram(p).some((i) => i.op === 'lit' && i.size === 2 + 320)).toBe(true);
    // the shorter edge label comes first in the trie
    expect(decodeStringProgram(p).alternatives).toEqual([
      { kind: 'literal', value: '/' + 'y'.repeat(200) },
      { kind: 'literal', value: long },
    ]);
  });

  it('reads back what it writes: same strings accepted', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'tmp', 'x.y', 'é');
    const path = fc.array(seg, { minLength: 0, maxLength: 3 }).map((s) => '/' + s.join('/'));
    const arg = fc.tuple(fc.constantFrom('literal', 'prefix', 'subpath') as fc.Arbitrary<'literal' | 'prefix' | 'subpath'>, path).map(([kind, value]) => ({ kind, value }) as PatternArg);
    const env = createMatchEnv();
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1, maxLength: 6 }), fc.array(path, { maxLength: 10 }), (alts, probes) => {
        const back = decodeStringProgram(encodeStringProgram(alts));
        expect(back.approximate).toBeUndefined();
        const all = [...probes, ...alts.flatMap((a) => [a.value, a.value + '/', a.value + '/z', a.value + 'z', a.value.slice(0, -1)])];
        for (const s of all) {
          const want = alts.some((a) => stringMatches(a, s, env));
          const got = back.alternatives.some((m: StringMatch) => stringMatches(m, s, env));
          expect(got, `${JSON.stringify(alts)} on ${JSON.stringify(s)} -> ${JSON.stringify(back.alternatives)}`).toBe(want);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('one string without its trie: the same bytes as the trie gives (the same string twice goes through the trie)', () => {
    // lengths around the token limits (64 short, 320 per token), non-ASCII, empty, "/" and trailing slashes
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', '/', '//', '/a/', 'é/ü', '/tmp/x'),
      fc.tuple(fc.constantFrom('x', 'é', '/'), fc.integer({ min: 60, max: 700 })).map(([c, n]) => c.repeat(n)),
    );
    const kind = fc.constantFrom('literal', 'prefix', 'subpath') as fc.Arbitrary<'literal' | 'prefix' | 'subpath'>;
    fc.assert(
      fc.property(kind, text, (k, value) => {
        const a = { kind: k, value } as PatternArg;
        expect(hex(encodeStringProgram([a]))).toBe(hex(encodeStringProgram([a, a])));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects malformed programs with the offset of the problem', () => {
    const cases: Array<[string, number]> = [
      ['47' + ascii('/tm'), 0], // literal runs past the end
      ['0f' + 'ee', 1], // a jump of 111 bytes from offset 1 lands past the 2-byte program
      ['0c', 0], // unknown opcode
      ['08ff', 0], // truncated long jump
    ];
    for (const [h, at] of cases) {
      let err: unknown;
      try {
        decodeStringProgram(Uint8Array.from(Buffer.from(h, 'hex')));
      } catch (e) {
        err = e;
      }
      expect(err, h).toBeInstanceOf(ProgramError);
      expect((err as ProgramError).offset, h).toBe(at);
    }
  });

  it('reads a character range and variables as regex alternatives, marking the reading approximate', () => {
    // "@/" 0f, range [a-z] 0f, then end of string: ^/[a-z]$
    const p = Uint8Array.from(Buffer.from(ascii('@/') + '0f' + '0b006172' + '0f' + '000f0a', 'hex'));
    expect(decodeStringProgram(p).alternatives).toEqual([{ kind: 'regex', source: '^/[a-r]$' }]);
    // a variable without a name (no variable table given) is read as ".*"
    const v = Uint8Array.from(Buffer.from(ascii('@/') + '0f' + '10' + '0a', 'hex'));
    const d = decodeStringProgram(v);
    expect(d.alternatives).toEqual([{ kind: 'regex', source: '^/.*' }]);
    expect(d.approximate).toMatch(/pattern variable 0, which has no name/);
  });
});
