import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNfa, checkRegex, compileRegex, compileRegexSet, LazyDfa, parseRegex, RegexSyntaxError, regexToSource, type RegexNode } from '../../src/regex/index.js';

const m = (p: string, s: string) => compileRegex(p).test(s);
const codes = (p: string) => parseRegex(p).diagnostics.map((d) => d.code);

describe('Apple regex dialect: supported subset', () => {
  it.each([
    ['/\\.env$', '/Users/u/p/.env', true],
    ['/\\.env$', '/Users/u/p/.envrc', false],
    ['\\.plist$', '/a/b.plist', true],
    ['\\.plist$', '/a/bxplist', false],
    ['^/private/tmp/poc/(.*/)?\\.env$', '/private/tmp/poc/deep/.env', true],
    ['^/private/tmp/poc/(.*/)?\\.env$', '/private/tmp/poc/.env', true],
    ['~[-A-Za-z0-9_]{16}$', '/Library/Keychains/~abcdefghij012345', true],
    ['~[-A-Za-z0-9_]{16}$', '/Library/Keychains/~abcdefghij01234', false],
    ['/com\\.apple\\.sandbox($|/)', '/x/com.apple.sandbox', true],
    ['/com\\.apple\\.sandbox($|/)', '/x/com.apple.sandbox/y', true],
    ['/com\\.apple\\.sandbox($|/)', '/x/com.apple.sandboxy', false],
    ['^/dev/tty[a-z]*$', '/dev/ttys001', false],
    ['^/dev/tty[a-z0-9]*$', '/dev/ttys001', true],
    ['[^/]+$', '/', false],
    ['[^/]+$', '/a', true],
    ['a{2,3}', 'xaay', true],
    ['^a{2,3}$', 'aaaa', false],
    ['^a{2,}$', 'aaaaaaa', true],
    ['^$', '', true],
    ['^$', 'a', false],
    ['$^', '', true],
    ['a|', 'zzz', true],
    ['^(a|b)*c$', 'ababc', true],
    ['^(a|b)*c$', 'abxbc', false],
    ['', 'anything', true],
    ['b$', 'ab\n', false],
  ])('%s on %j -> %s', (p, s, want) => {
    expect(m(p, s)).toBe(want);
  });

  it('is case-sensitive and byte exact', () => {
    expect(m('^/Users', '/users')).toBe(false);
    expect(m('caf\u00e9', 'caf\u00e9')).toBe(true);
    // `.` is one byte: é is two bytes in UTF-8
    expect(m('^caf.$', 'caf\u00e9')).toBe(false);
    expect(m('^caf..$', 'caf\u00e9')).toBe(true);
    expect(m('^.{4}$', '\u{1F600}')).toBe(true);
  });
});

describe('unsupported constructs behave as AppleMatch compiles them (with warnings)', () => {
  it('(?: is a literal "?:" so deep paths never match (nolabs-ai/nono#1764)', () => {
    const p = '^/private/tmp/poc/(?:.*/)?\\.env$';
    expect(m(p, '/private/tmp/poc/deep/.env')).toBe(false);
    expect(m(p, '/private/tmp/poc/.env')).toBe(true);
    expect(m(p, '/private/tmp/poc/?:deep/.env')).toBe(true);
    expect(codes(p)).toContain('regex/non-capturing-group');
  });
  it('look-around is literal text', () => {
    expect(m('foo(?=bar)', 'foobar')).toBe(false);
    expect(m('foo(?=bar)', 'foo?=bar')).toBe(true);
    expect(codes('foo(?!bar)')).toContain('regex/lookaround');
    expect(codes('(?<=a)b')).toContain('regex/lookaround');
  });
  it('shorthand classes are letters', () => {
    expect(m('^\\d+$', '123')).toBe(false);
    expect(m('^\\d+$', 'ddd')).toBe(true);
    expect(m('[-\\w.]', 'w')).toBe(true);
    expect(m('^[-\\w.]$', 'a')).toBe(false);
    expect(codes('\\w')).toEqual(['regex/shorthand-class']);
    expect(codes('[\\s]')).toEqual(['regex/shorthand-class']);
  });
  it('back-references and word boundaries are literal characters', () => {
    expect(m('(a)\\1', 'aa')).toBe(false);
    expect(m('(a)\\1', 'a1')).toBe(true);
    expect(codes('(a)\\1')).toEqual(['regex/backreference']);
    expect(m('\\bfoo', 'bfoo')).toBe(true);
    expect(m('\\bfoo', ' foo')).toBe(false);
    expect(codes('\\bfoo')).toEqual(['regex/word-boundary']);
  });
  it('POSIX classes are plain members and the class ends at the first ]', () => {
    expect(m('^[[:digit:]]$', '5')).toBe(false);
    expect(m('^[[:digit:]]$', 'd]')).toBe(true);
    expect(codes('[[:digit:]]')).toContain('regex/posix-class');
  });
  it('lazy quantifiers change nothing about matching', () => {
    expect(m('^a.*?b$', 'axxb')).toBe(true);
    expect(codes('a.*?b')).toEqual(['regex/lazy-quantifier']);
  });
  it('leading quantifiers are literals', () => {
    expect(m('*.txt', 'a*.txt')).toBe(true);
    expect(m('*.txt', 'a.txt')).toBe(false);
    expect(codes('*.txt')).toEqual(['regex/literal-quantifier']);
    expect(m('(+)', '+')).toBe(true);
  });
  it('escape sequences are the letter itself', () => {
    expect(m('a\\nb', 'anb')).toBe(true);
    expect(codes('a\\tb')).toEqual(['regex/escape-sequence']);
    expect(codes('a\\.b')).toEqual([]);
  });
  it('a brace that is not an interval is literal', () => {
    expect(m('a{x}', 'a{x}')).toBe(true);
    expect(codes('a{x}')).toEqual(['regex/brace-literal']);
  });
});

describe('syntax errors carry the offset', () => {
  it.each([
    ['(abc', "unmatched '('", 0],
    ['abc)', "unmatched ')'", 3],
    ['[abc', "unterminated character class: missing ']'", 0],
    ['ab\\', 'trailing backslash', 2],
    ['[z-a]', "invalid range: 'z' > 'a'", 2],
    ['a{3,2}', 'invalid interval {3,2}: maximum below minimum', 1],
    ['a{256}', 'interval count exceeds 255', 1],
  ])('%s', (p, msg, off) => {
    try {
      parseRegex(p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegexSyntaxError);
      expect((e as RegexSyntaxError).reason).toBe(msg);
      expect((e as RegexSyntaxError).offset).toBe(off);
    }
    const c = checkRegex(p);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.offset).toBe(off);
  });
  it('refuses automata that are too large', () => {
    const c = checkRegex('((((a{255}){255}){255}))');
    expect(c.ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: on the supported subset, our matcher agrees with JavaScript RegExp (the oracle) for
// unanchored search over ASCII strings.
const ALPHA = ['a', 'b', '/', '.', '-'];

function genNode(depth: number): fc.Arbitrary<RegexNode> {
  const pos = { offset: 0, end: 0 };
  const leaf: fc.Arbitrary<RegexNode> = fc.oneof(
    fc.constantFrom(...ALPHA).map((c) => ({ type: 'byte', value: c.charCodeAt(0), ...pos }) as RegexNode),
    fc.constant({ type: 'any', ...pos } as RegexNode),
    fc
      .record({ negated: fc.boolean(), members: fc.uniqueArray(fc.constantFrom(...ALPHA), { minLength: 1, maxLength: 3 }) })
      .map(({ negated, members }) => ({ type: 'class', negated, ranges: members.map((c) => [c.charCodeAt(0), c.charCodeAt(0)] as const).sort((x, y) => x[0] - y[0]), ...pos }) as RegexNode),
    fc.constant({ type: 'bol', ...pos } as RegexNode),
    fc.constant({ type: 'eol', ...pos } as RegexNode),
  );
  if (depth <= 0) return leaf;
  const sub = genNode(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 4 }).map((items) => ({ type: 'concat', items, ...pos }) as RegexNode) },
    { weight: 1, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((items) => ({ type: 'alt', items, ...pos }) as RegexNode) },
    {
      weight: 2,
      arbitrary: fc
        .record({ item: sub, q: fc.constantFrom([0, null], [1, null], [0, 1], [2, 2], [1, 3], [2, null]) })
        .filter(({ item }) => item.type !== 'bol' && item.type !== 'eol')
        .map(({ item, q }) => ({ type: 'repeat', item: { type: 'group', item, ...pos }, min: q[0] as number, max: q[1] as number | null, ...pos }) as RegexNode),
    },
  );
}

function toJs(node: RegexNode): string {
  switch (node.type) {
    case 'empty':
      return '(?:)';
    case 'byte':
      return String.fromCharCode(node.value).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    case 'any':
      return '[\\s\\S]';
    case 'bol':
      return '^';
    case 'eol':
      return '$';
    case 'class':
      return '[' + (node.negated ? '^' : '') + node.ranges.map(([lo]) => '\\x' + lo.toString(16).padStart(2, '0')).join('') + ']';
    case 'concat':
      return node.items.map((i) => `(?:${toJs(i)})`).join('');
    case 'alt':
      return node.items.map((i) => `(?:${toJs(i)})`).join('|');
    case 'group':
      return `(${toJs(node.item)})`;
    case 'repeat':
      return `(?:${toJs(node.item)}){${node.min},${node.max ?? ''}}`;
  }
}

describe('property: agrees with JavaScript RegExp on the supported subset', () => {
  it('random patterns x random subjects', () => {
    fc.assert(
      fc.property(genNode(3), fc.array(fc.stringMatching(/^[ab/.\-x]{0,12}$/), { minLength: 1, maxLength: 8 }), (ast, subjects) => {
        const src = regexToSource(ast);
        const ours = compileRegex(src);
        expect(ours.diagnostics).toEqual([]);
        const js = new RegExp(toJs(ast));
        for (const s of subjects) expect(ours.test(s)).toBe(js.test(s));
      }),
      { numRuns: 1500 },
    );
  });
  it('random patterns x subjects with non-ASCII text, matched as their UTF-8 bytes', () => {
    fc.assert(
      fc.property(genNode(3), fc.array(fc.stringMatching(/^[ab/.x\u00e9\u2014]{0,10}$/), { minLength: 1, maxLength: 8 }), (ast, subjects) => {
        const ours = compileRegex(regexToSource(ast));
        const js = new RegExp(toJs(ast));
        // the same bytes one per character: JavaScript's RegExp then reads them as the automaton does
        for (const s of subjects) expect(ours.test(s), s).toBe(js.test(Buffer.from(s, 'utf8').toString('latin1')));
      }),
      { numRuns: 500 },
    );
  });

  it('source rendering round-trips through the parser', () => {
    fc.assert(
      fc.property(genNode(3), (ast) => {
        const once = regexToSource(parseRegex(regexToSource(ast)).ast);
        expect(regexToSource(parseRegex(once).ast)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
  it('linear-time search on long subjects (no backtracking blow-up)', () => {
    const r = compileRegex('^(a|a)*(a|a)*(a|a)*b$');
    expect(r.test('a'.repeat(50_000))).toBe(false);
    expect(r.test('a'.repeat(50_000) + 'b')).toBe(true);
  });
});

describe('lazy DFA cache', () => {
  it('goes on by NFA simulation, with the same answers, when the cache is full', () => {
    const src = '(a|b)*a(a|b){11}$';
    const dfa = new LazyDfa(buildNfa(parseRegex(src).ast), { maxStates: 16 });
    const js = new RegExp(src);
    fc.assert(
      fc.property(fc.stringMatching(/^[abc]{0,300}$/), (s) => {
        expect(dfa.test(s)).toBe(js.test(s));
      }),
      { numRuns: 300 },
    );
    expect(dfa.stats.states).toBe(16);
    expect(dfa.stats.simulated).toBeGreaterThan(0);
    // 'a', 'b' and every other byte: three table columns
    expect(dfa.stats.classes).toBe(3);
  });

  it('stays correct when the state cache overflows and is flushed', () => {
    // (a|b)*a(a|b){11}: the subset construction has 2^12 states, more than the cache holds
    const src = '(a|b)*a(a|b){11}$';
    const ours = compileRegex(src);
    const js = new RegExp(src);
    fc.assert(
      fc.property(fc.stringMatching(/^[ab]{0,400}$/), (s) => {
        expect(ours.test(s)).toBe(js.test(s));
      }),
      { numRuns: 400 },
    );
  });
});

describe('regexToSource prints what the parser reads back', () => {
  it('control bytes stand as themselves and UTF-8 text stays text', () => {
    for (const src of ['a\u0001b', '^/caf\u00e9/[^/]+$', 'x\u0000y\u007f', '/\u2014(a|b)\u00e9+$']) {
      const ast = parseRegex(src).ast;
      const printed = regexToSource(ast);
      const shape = (n: RegexNode) => JSON.parse(JSON.stringify(n, (k, v) => (k === 'offset' || k === 'end' ? undefined : v)));
      expect(shape(parseRegex(printed).ast)).toEqual(shape(ast));
      const re = compileRegex(printed);
      expect(re.test(src.replace(/[\^$[\]/+()|]/g, ''))).toBe(compileRegex(src).test(src.replace(/[\^$[\]/+()|]/g, '')));
    }
  });
});

describe('compileRegexSet', () => {
  it('finds the first pattern that occurs, as testing each in turn does', () => {
    const pool = ['^/a', 'b$', 'a(b|c)*d', '^$', '[^/]+\\.txt$', '^/Users/[^/]+/x', 'é', '$', 'c{2,3}'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[/abcdxé.tU]{0,12}$/), (sources, subject) => {
        const set = compileRegexSet(sources);
        const expected = sources.findIndex((p) => compileRegex(p).test(subject));
        expect(set.firstMatch(subject)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
