// sbpl fmt: the canonical style rule by rule, idempotence, comments kept (count and text), and decisions kept
// (the Profile read from fmt(F) equals the Profile read from F) on our fixtures, generated profiles and the
// whole corpus (read in place).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProfile, type ReadOptions } from '../../src/sbpl/index.js';
import { formatSbpl, isFormatted } from '../../src/sbpl/fmt/format.js';
import { readOne } from '../../src/scheme/reader.js';
import { SourceFile } from '../../src/scheme/source.js';
import { readSyntaxTree, treeComments } from '../../src/scheme/syntax-tree.js';
import { writeValue } from '../../src/scheme/values.js';
import { corpusCases, HAVE_CORPUS, warnIfNoCorpus } from '../corpus/harness.js';
import { profileShape } from './profile-shape.js';

const fmt = (text: string, width?: number) => formatSbpl(text, { width });

/** Every comment in text order: `;` / `#| |#` / directive texts exactly, `#;` by the datum it holds. */
function comments(text: string): string[] {
  return [...treeComments(readSyntaxTree(new SourceFile('t.sb', text)))].map((c) => {
    if (c.kind !== 'datum') return `${c.kind}:${c.text}`;
    // the commented datum as data (a template's directive lines inside it blanked, as the formatter reads them)
    let body = text.slice(c.node.start, c.node.end);
    for (const d of [...treeComments({ items: [{ node: c.node, leading: [], blankBefore: false }], close: [] })].filter((x) => x.kind === 'directive').reverse()) {
      body = body.slice(0, d.start - c.node.start) + ' '.repeat(d.end - d.start) + body.slice(d.end - c.node.start);
    }
    return `datum:${writeValue(readOne(body)!.datum, 1_000_000)}`;
  });
}

function shapeOf(text: string, options: ReadOptions = {}) {
  return profileShape(readProfile(text, { fileName: 'p.sb', ...options }).profile);
}

describe('fmt: the canonical style', () => {
  const cases: Array<[string, string, string]> = [
    ['a short rule stays on one line', '(allow   file-read*\n   (subpath "/usr"))', '(allow file-read* (subpath "/usr"))\n'],
    [
      'several filters: one per line, aligned with the first operation',
      '(allow file-read* (subpath "/usr") (literal "/etc/hosts"))',
      '(allow file-read*\n       (subpath "/usr")\n       (literal "/etc/hosts"))\n',
    ],
    [
      'operations fill the first line and wrap under the first operation',
      '(deny file-read* file-write* file-ioctl file-read-metadata file-write-data file-write-create file-write-unlink (subpath "/x"))',
      '(deny file-read* file-write* file-ioctl file-read-metadata file-write-data\n      file-write-create file-write-unlink\n      (subpath "/x"))\n',
    ],
    [
      'require-any / require-all nest with their items indented two',
      '(allow file-write-data (require-all (path "/dev/null") (require-not (vnode-type CHARACTER-DEVICE))))',
      '(allow file-write-data\n       (require-all\n         (path "/dev/null")\n         (require-not (vnode-type CHARACTER-DEVICE))))\n',
    ],
    [
      'a long argument list is packed to the width, aligned with its first argument',
      '(allow mach-lookup (global-name "com.apple.aaaaaaaaaa" "com.apple.bbbbbbbbbb" "com.apple.cccccccccc" "com.apple.dddddddddd"))',
      '(allow mach-lookup\n       (global-name "com.apple.aaaaaaaaaa" "com.apple.bbbbbbbbbb"\n                    "com.apple.cccccccccc" "com.apple.dddddddddd"))\n',
    ],
    ['a definition keeps its name on the head line, its body indented two', '(define (f x)\n(allow file-read* (subpath x)))', '(define (f x)\n  (allow file-read* (subpath x)))\n'],
    ['quoted data aligns with its first element', "(define l '(\"/a/very/long/path/one\" \"/a/very/long/path/two\" \"/a/very/long/path/three\"))", '(define l\n  \'("/a/very/long/path/one" "/a/very/long/path/two" "/a/very/long/path/three"))\n'],
    ['runs of blank lines become one; none at the start or end', '\n\n(version 1)\n\n\n\n(deny default)\n\n\n', '(version 1)\n\n(deny default)\n'],
    ['string escapes and raw strings are kept exactly', '(allow file-read* (literal "a\\"b\\\\c\\x41\\t")   (regex #"^/x\\.y$"))', '(allow file-read*\n       (literal "a\\"b\\\\c\\x41\\t")\n       (regex #"^/x\\.y$"))\n'],
    ['a trailing comment after the last element moves past the parens', '(allow file-read*\n  (subpath "/a") ; why\n  )', '(allow file-read* (subpath "/a")) ; why\n'],
    ['an own-line comment stays on its own line, at the level of what follows', '(allow file-read*\n; system\n(subpath "/usr"))', '(allow file-read*\n       ; system\n       (subpath "/usr"))\n'],
    ['a comment before the closing paren keeps the paren on the next line', '(allow file-read* (subpath "/a")\n ; (subpath "/b")\n)', '(allow file-read*\n       (subpath "/a")\n       ; (subpath "/b")\n       )\n'],
    ['datum comments are laid out as code', '#;(deny   network*)\n(allow process-exec #;(literal "/bin/sh") (literal "/bin/ls"))', '#;(deny network*)\n(allow process-exec\n       #;(literal "/bin/sh")\n       (literal "/bin/ls"))\n'],
    ['block comments are kept verbatim', '(deny default) #| one |#\n  #| two\n    lines |#\n(allow signal)', '(deny default) #| one |#\n#| two\n    lines |#\n(allow signal)\n'],
    ['C-preprocessor lines stay at column 0, alone', '(allow file-read*\n   #if X\n  (literal "/x")\n   #endif\n  )', '(allow file-read*\n#if X\n       (literal "/x")\n#endif\n       )\n'],
    ["', @x' keeps its space (',@x' would splice)", "(define d '(a , @x ,@y))", "(define d '(a , @x ,@y))\n"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(fmt(input)).toBe(expected);
      expect(fmt(expected)).toBe(expected);
    });
  }
  it('--width changes where lists wrap', () => {
    const text = '(allow file-read* (subpath "/usr/lib"))';
    expect(fmt(text, 30)).toBe('(allow file-read*\n       (subpath "/usr/lib"))\n');
    expect(fmt(text, 80)).toBe(text + '\n');
  });
  it('an empty text stays empty; comments alone are kept', () => {
    expect(fmt('')).toBe('');
    expect(fmt('  \n\n')).toBe('');
    expect(fmt(';; only\n\n\n#| this |#')).toBe(';; only\n\n#| this |#\n');
  });
});

describe('fmt: errors are the reader\'s, located', () => {
  const bad: Array<[string, string, number, number]> = [
    ['(allow file-read*\n  (subpath "/a")\n', 'reader/unclosed-list', 1, 1],
    ['(allow file-read*))', 'reader/unexpected-close', 1, 19],
    ['(allow file-read* (literal "/etc))', 'reader/unclosed-string', 1, 28],
    ['(define c #\\xFFFFFFFF)', 'reader/bad-char', 1, 11],
    ['(allow #q)', 'reader/bad-hash', 1, 8],
    ["(define x '(. a))", 'reader/bad-dot', 1, 13],
    ['(x #;)', 'reader/unexpected-close', 1, 6],
    ["(x ')", 'reader/dangling-quote', 1, 4],
  ];
  for (const [text, code, line, column] of bad) {
    it(`${code} at ${line}:${column}`, () => {
      let err: unknown;
      try {
        fmt(text);
      } catch (e) {
        err = e;
      }
      expect((err as { diagnostic?: unknown }).diagnostic).toMatchObject({ code, span: { line, column } });
      // the reader says the same
      expect(readProfile(text, { fragment: true }).diagnostics[0]).toMatchObject({ code, span: { line, column } });
    });
  }
});

const FIXTURE_DIRS = ['test/fixtures', 'examples'];
function fixtureFiles(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.sb') ? [p] : [];
    });
  return FIXTURE_DIRS.flatMap(walk);
}

describe('fmt: our fixtures', () => {
  const files = fixtureFiles();
  it('there are fixtures of every kind, the messy and template ones included', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(join('test/fixtures/fmt/messy.sb'));
  });
  it('idempotent, comments kept, and the same Profile for every fixture', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const once = formatSbpl(text, { fileName: f });
      expect(formatSbpl(once, { fileName: f }), f).toBe(once);
      expect(comments(once), f).toEqual(comments(text));
      const options: ReadOptions = { fragment: true, params: { PROJECT_DIR: '/Users/me/p', HOME: '/Users/me' }, preprocess: /^#(if|include)/m.test(text) };
      if (!options.preprocess) expect(shapeOf(once, options), f).toEqual(shapeOf(text, options));
    }
  });
  it('the messy fixture: every comment kept and its rules unchanged', () => {
    const text = readFileSync('test/fixtures/fmt/messy.sb', 'utf8');
    const once = fmt(text);
    const kinds = comments(text).map((c) => c.slice(0, c.indexOf(':')));
    expect(new Set(kinds)).toEqual(new Set(['line', 'block', 'datum']));
    expect(comments(once)).toHaveLength(comments(text).length);
    const r = readProfile(once, { params: { PROJECT_DIR: '/p' }, standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(r.profile.rules.length).toBeGreaterThan(10);
    expect(isFormatted(once)).toBe(true);
    expect(isFormatted(text)).toBe(false);
  });
  it('a C-preprocessor template: the same rules after --preprocess, for every branch', () => {
    const text = readFileSync('test/fixtures/fmt/template.sb', 'utf8').replace('#include "more.sb"\n', '');
    const once = fmt(text);
    const branches: Array<Record<string, string>> = [{}, { ENABLE_FEATURE_X: '1' }, { ENABLE_FEATURE_Z: '1' }];
    for (const defs of branches) {
      expect(shapeOf(once, { preprocess: defs })).toEqual(shapeOf(text, { preprocess: defs }));
    }
  });
});

// ------------------------------------------------------------------ generated profiles

const strChar = fc.constantFrom('a', '/', ' ', '"', '\\', 'é', '💥', '\n', '\t', ';', '(', ')', '#', '|', '.', '*');
const sbplString = fc.array(strChar, { maxLength: 12 }).map((cs) => {
  // write the string with escapes, the way a person would
  return '"' + cs.map((c) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c)).join('') + '"';
});
const path = fc.array(fc.constantFrom('usr', 'tmp', 'a b', 'x.y', 'é'), { minLength: 1, maxLength: 4 }).map((p) => '"/' + p.join('/') + '"');
const test = fc.oneof(
  path.map((p) => `(subpath ${p})`),
  sbplString.map((s) => `(literal ${s})`),
  fc.constantFrom('(regex #"^/a\\.b(/|$)")', '(vnode-type DIRECTORY)', '(global-name "com.apple.x")', '(target self)', '(remote tcp "localhost:80")'),
);
const filter: fc.Arbitrary<string> = fc.letrec((tie) => ({
  f: fc.oneof({ depthSize: 'small' }, test, fc.tuple(fc.constantFrom('require-any', 'require-all'), fc.array(tie('f'), { minLength: 1, maxLength: 3 })).map(([h, xs]) => `(${h} ${xs.join(' ')})`), tie('f').map((x) => `(require-not ${x})`)),
})).f as fc.Arbitrary<string>;
const op = fc.constantFrom('file-read*', 'file-write*', 'file-read-metadata', 'process-exec', 'mach-lookup', 'network-outbound', 'signal');
const rule = fc.tuple(fc.constantFrom('allow', 'deny'), fc.array(op, { minLength: 1, maxLength: 6 }), fc.array(filter, { maxLength: 4 }), fc.boolean()).map(
  ([a, ops, fs, report]) => [a, ...ops, ...fs, ...(report && a === 'deny' ? ['(with no-report)'] : [])],
);
/** Atmosphere put between two parts: spaces, line breaks, blank lines, and every kind of comment. */
const gap = fc.constantFrom(' ', '  ', '\n', '\n\n\n', '\t', ' ; a comment\n', '\n;; own line\n', ' #| block |# ', '\n#| two\n lines |#\n', ' #;(literal "/gone") ', '\r\n');

/** A profile text from rules, with random atmosphere between every token. */
const profileText = fc.tuple(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.infiniteStream(gap)).map(([rules, gaps]) => {
  const it = gaps[Symbol.iterator]();
  const g = () => it.next().value as string;
  return `(version 1)${g()}` + rules.map((parts) => `(${parts.map((p) => p + g()).join('')})`).join(g()) + g();
});

describe('fmt: generated profiles (property)', () => {
  it('idempotent, comments kept, the same Profile', () => {
    fc.assert(
      fc.property(profileText, fc.constantFrom(40, 80, 120), (text, width) => {
        const once = fmt(text, width);
        expect(fmt(once, width)).toBe(once);
        expect(comments(once)).toEqual(comments(text));
        expect(shapeOf(once, { standardPolicy: false })).toEqual(shapeOf(text, { standardPolicy: false }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('fmt: any token soup (property)', () => {
  // every lexical feature, next to every other, with every kind of atmosphere between
  const tokens = ['(', ')', '(', ')', "'", '`', ',', ',@', '#;', '.', 'a', 'allow', 'define', 'file-read*', '"s\\"q"', '#"r\\x"', '#\\(', '#\\space', '#t', '12', '#x1F', '"multi\nline"', 'é', 'a,b', '#\\x41', '|x|'];
  const space = [' ', '\n', '\n\n', '; c\n', '#| b |#', '#|\n|#', '\t', '\r\n', '', '\n#if X\n', '\u00a0', '\u2028', '#| a #| nested |# |#'];
  it('either a located reader error, or idempotent text with the same data and comments', () => {
    let formatted = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...tokens), fc.constantFrom(...space)), { maxLength: 40 }), (parts) => {
        const text = parts.map(([t, g]) => t + (g === '' && /[\w*"]$/.test(t) ? ' ' : g)).join('');
        let once: string;
        try {
          once = fmt(text);
        } catch (e) {
          const d = (e as { diagnostic?: { code: string; span?: unknown } }).diagnostic;
          expect(d, String(e)).toBeDefined();
          expect(d!.code).toMatch(/^(reader|limit)\//);
          expect(d!.span).toBeDefined();
          return;
        }
        expect(fmt(once)).toBe(once);
        expect(comments(once)).toEqual(comments(text));
        formatted++;
      }),
      { numRuns: 1000 },
    );
    // the soup is read often enough for the property to say something about formatting
    expect(formatted).toBeGreaterThan(100);
  });
});

// ------------------------------------------------------------------ the corpus

describe('fmt: the whole corpus, in place', () => {
  warnIfNoCorpus('fmt corpus idempotence and decision preservation');
  it.skipIf(!HAVE_CORPUS)('every corpus profile: idempotent, comments kept, the same Profile as the original', () => {
    const cases = corpusCases();
    expect(cases.length).toBeGreaterThan(400);
    let same = 0;
    for (const c of cases) {
      const once = formatSbpl(c.text, { fileName: c.path });
      expect(formatSbpl(once, { fileName: c.path }), c.file).toBe(once);
      expect(comments(once), c.file).toEqual(comments(c.text));
      const options = { ...c.options, preprocess: c.entry.kind === 'sbpl-needs-cpp' ? true : c.options.preprocess };
      expect(profileShape(readProfile(once, options).profile), c.file).toEqual(profileShape(readProfile(c.text, options).profile));
      same++;
    }
    expect(same).toBe(cases.length);
  });
});
