// The regex and string-program fixtures of two other decoders (../shared/data/real-blobs/regex-fixtures.json and
// string-fixtures.json, read in place, never copied; their README names the sources: SandBlaster's
// test_parse_regex.py / test_parse_strings.py, ipsw's nfa_test.go / pattern_test.go) decode to the expected
// text. Every case is asserted. The same containers and opcodes are covered without ../shared by
// test/format/sonoma14/program-containers.test.ts.
//
// Regexes: a SandBlaster case is a regex item (u32 big-endian format version 3, u16 LE length, code) and goes
// through decodeRegex; an ipsw case is the bare program and goes through decodeRegexProgram. Where our text is
// not one of the expected spellings, both are parsed by our regex parser and their automata compared
// (test/regex/language.ts: the same stretches matched whole, whether or not a stretch starts or ends the
// subject, which is stricter than "every search answers alike"). The cases we print exactly are listed.
//
// String programs: our alternatives, written the way SandBlaster writes paths (a subpath as its two strings
// S and S/, a regex without its anchors), compared sorted, as SandBlaster's test compares them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNfa, byteSetText, checkRegex, parseRegex, type ByteRange } from '../../../src/regex/index.js';
import { decodeAnyBlob } from '../../../src/format/index.js';
import '../../../src/vocab/all.js';
import { decodeRegex, decodeRegexProgram, regexPayloadToNfa, regexProgramToNfa } from '../../../src/format/sonoma14/regex.js';
import { decodeStringProgram } from '../../../src/format/sonoma14/strings.js';
import type { StringMatch } from '../../../src/sbpl/profile.js';
import { compareLanguages } from '../../regex/language.js';
import { sharedRoot } from '../../vocab/paths.js';

const DIR = join(sharedRoot, 'data', 'real-blobs');
const present = existsSync(join(DIR, 'regex-fixtures.json')) && existsSync(join(DIR, 'string-fixtures.json'));
if (!present) console.warn(`[skip] ${DIR} fixtures not found (no ../shared): the SandBlaster / ipsw fixture tests are skipped`);
const load = <T>(f: string): T => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as T;

interface RegexFixture {
  id: string;
  input_form: string;
  format_version: number;
  declared_length: number;
  program_len_actual: number;
  input_hex: string;
  expected: string[];
}
interface StringFixture {
  id: string;
  input_hex: string;
  globals: string[];
  expected: string[];
}

const VERSIONED = /^regex blob as stored/;
const bytesOf = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const nfaOf = (src: string) => buildNfa(parseRegex(src).ast);

/**
 * SandBlaster's expected text for a program whose match is preceded by `$` (29): its NFA builder makes the `$`
 * state accepting instead of reading an end anchor (regex_parser/processor.py), so its text has no `$`. The
 * program's own meaning has it; this is the expected text with the anchor the bytes hold.
 */
function withEndAnchor(expected: string, code: Uint8Array): string {
  const m = code.lastIndexOf(0x15);
  return m > 0 && code[m - 1] === 0x29 && !expected.endsWith('$') ? expected + '$' : expected;
}

/**
 * ipsw's expected text for nfa test_3 opens one more group than it closes (its first '(' after /private/var/);
 * our parser rightly refuses it. The group can only end at the end of the text, so the missing ')' go there.
 */
function balanced(expected: string): string {
  let open = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === '\\') i++;
    else if (expected[i] === '(') open++;
    else if (expected[i] === ')') open--;
  }
  return expected + ')'.repeat(Math.max(0, open));
}

describe.skipIf(!present)('SandBlaster and ipsw regex fixtures', () => {
  const fixtures = present ? load<{ fixtures: RegexFixture[] }>('regex-fixtures.json').fixtures : [];
  const exact: string[] = [];

  it('holds the 9 cases of the README (5 SandBlaster, 4 ipsw), all format version 3', () => {
    expect(fixtures).toHaveLength(9);
    expect(fixtures.filter((f) => VERSIONED.test(f.input_form))).toHaveLength(5);
    expect(fixtures.every((f) => f.format_version === 3)).toBe(true);
  });

  for (const f of fixtures) {
    it(`${f.id}: decodes to the expected regex`, () => {
      const input = bytesOf(f.input_hex);
      const versioned = VERSIONED.test(f.input_form);
      let text: string;
      let nfa;
      let code: Uint8Array;
      if (versioned) {
        expect([...input.subarray(0, 4)]).toEqual([0, 0, 0, f.format_version]); // u32 big-endian version
        expect(input[4] | (input[5] << 8)).toBe(f.declared_length);
        code = input.subarray(6);
        text = decodeRegex(input);
        nfa = regexPayloadToNfa(input);
      } else {
        // the README: ipsw test_4 declares 166 bytes but holds 116; the program is what the bytes hold
        expect(input.length).toBe(f.program_len_actual);
        code = input;
        text = decodeRegexProgram(input);
        nfa = regexProgramToNfa(input);
      }
      // what we print is what the bytes mean: our text and the program's own automaton agree
      const self = compareLanguages(nfaOf(text), nfa);
      expect(self.same, `${text} vs the program: ${JSON.stringify(self)}`).toBe(true);
      // the expected spellings all mean one thing
      const spellings = f.expected.map((e) => (versioned ? withEndAnchor(e, code) : balanced(e)));
      for (const e of spellings.slice(1)) expect(compareLanguages(nfaOf(spellings[0]), nfaOf(e)).same, e).toBe(true);
      if (spellings.includes(text)) {
        exact.push(f.id);
        return;
      }
      const cmp = compareLanguages(nfaOf(text), nfaOf(spellings[0]));
      expect(cmp.same, `${text} vs expected ${spellings[0]}: ${JSON.stringify(cmp)}`).toBe(true);
    });
  }

  it('repairs only ipsw test_3 (one group left open) and only SandBlaster case 5 (its dropped $)', () => {
    const repaired = fixtures.filter((f) => {
      const code = bytesOf(f.input_hex).subarray(VERSIONED.test(f.input_form) ? 6 : 0);
      return f.expected.some((e) => e !== (VERSIONED.test(f.input_form) ? withEndAnchor(e, code) : balanced(e)));
    });
    expect(repaired.map((f) => f.id)).toEqual(['sandblaster-regex-5', 'ipsw-nfa-test_3']);
  });

  it('prints exactly one of the expected spellings for these cases (the others differ in spelling only)', () => {
    // SandBlaster's own spelling writes X+ as XX*; ipsw's factors alternatives differently
    expect(exact.sort()).toEqual(['ipsw-nfa-test_1', 'ipsw-nfa-test_4', 'sandblaster-regex-1', 'sandblaster-regex-2']);
  });
});

/** `[...]` with SandBlaster's \xHH escapes as the class our printer writes for the same bytes. */
function dialectClasses(text: string): string {
  return text.replace(/\[((?:\\x[0-9a-f]{2}|[^\]\\])(?:-(?:\\x[0-9a-f]{2}|[^\]\\]))?)+\]/g, (cls) => {
    if (!cls.includes('\\x')) return cls;
    const member = /(\\x[0-9a-f]{2}|[^\]\\])(?:-(\\x[0-9a-f]{2}|[^\]\\]))?/g;
    const byte = (m: string) => (m.startsWith('\\x') ? parseInt(m.slice(2), 16) : m.charCodeAt(0));
    const ranges: ByteRange[] = [];
    for (const m of cls.slice(1, -1).matchAll(member)) ranges.push([byte(m[1]), byte(m[2] ?? m[1])]);
    return byteSetText(ranges);
  });
}

/** Our alternatives as SandBlaster writes the strings a program accepts. */
function asPaths(alts: StringMatch[]): string[] {
  return alts.flatMap((m) => {
    if (m.kind === 'subpath') return [m.value, m.value + '/'];
    if (m.kind === 'literal' || m.kind === 'prefix') return [m.value];
    if (m.kind === 'regex') return [m.source.replace(/^\^/, '').replace(/\$$/, '')];
    throw new Error(`unexpected alternative ${JSON.stringify(m)}`);
  });
}

describe.skipIf(!present)('SandBlaster and ipsw string-program fixtures', () => {
  const fixtures = present ? load<{ fixtures: StringFixture[] }>('string-fixtures.json').fixtures : [];

  it('holds the 11 cases of the README; the ipsw ones carry an 18-entry variable table', () => {
    expect(fixtures).toHaveLength(11);
    const ipsw = fixtures.filter((f) => f.id.startsWith('ipsw'));
    expect(ipsw).toHaveLength(3);
    for (const f of ipsw) expect(f.globals).toHaveLength(18);
  });

  for (const f of fixtures) {
    it(`${f.id}: decodes to the expected strings (sorted)`, () => {
      const d = decodeStringProgram(bytesOf(f.input_hex), { variables: f.globals });
      expect(d.approximate, 'no constraint dropped').toBeUndefined();
      expect(asPaths(d.alternatives).sort()).toEqual(f.expected.map(dialectClasses).sort());
    });
  }

  it('names variables from the table: 0x11 is index 1, FRONT_USER_HOME; a subpath of it', () => {
    const f = fixtures.find((x) => x.input_hex.startsWith('11'))!;
    expect(f.globals[1]).toBe('FRONT_USER_HOME');
    expect(decodeStringProgram(bytesOf(f.input_hex), { variables: f.globals }).alternatives).toEqual([{ kind: 'subpath', value: '${FRONT_USER_HOME}/XcodeBuiltProducts' }]);
  });
});

// The real blobs' own regexes and string programs (read in place): every one reads, and string programs name
// their pattern variables from the blob's variable table.
const BLOBS = ['ios17-platform.bin', 'ios26beta-platform.bin', 'macos15-platform.bin', 'ios17-protobox.bin'];
describe.skipIf(!present)('regexes and string programs of the real blobs', () => {
  for (const file of BLOBS) {
    it(`${file}: no regex or string program left unread; variables by name`, () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, file)));
      const d = decodeAnyBlob(bytes);
      const unread = new Set<string>();
      let named = 0;
      let regexes = 0;
      for (const node of d.profiles[0].graph.nodes) {
        if (node.kind !== 'test') continue;
        const t = node.test;
        if (t.opaque && /regex|string-program|literal|jump|range/.test(t.opaque.reason)) unread.add(t.opaque.reason.replace(/\d+/g, 'N'));
        expect(t.approximate ?? '').not.toMatch(/has no name/);
        for (const a of t.alternatives) {
          if (a.arg.kind === 'regex') {
            regexes++;
            expect(checkRegex(a.arg.source).ok, a.arg.source).toBe(true);
          } else if ('value' in a.arg && typeof a.arg.value === 'string' && a.arg.value.startsWith('${')) named++;
        }
      }
      expect([...unread]).toEqual([]);
      if (d.tables.regexOffsets.length > 0) expect(regexes).toBeGreaterThan(0);
      if (d.tables.vars.length > 0) expect(named).toBeGreaterThan(0);
    });
  }
});
