// The editor language service in-process (what the LSP and a web page share): fixes that really fix,
// hover/completion/definition by context, symbols, the formatting hook, and the tolerant reader.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  LineIndex,
  analyzeDocument,
  codeFixes,
  completionsAt,
  definitionAt,
  documentSymbols,
  editorDiagnostics,
  formatDocument,
  hoverAt,
  parseTree,
  type Analysis,
  type EditorSettings,
  type Node,
  type TextEdit,
} from '../../src/editor/index.js';
import { memorySources } from '../../src/sbpl/index.js';
import { DecisionEngine } from '../../src/decide/index.js';
import { getVocab } from '../../src/vocab/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/editor/', import.meta.url));

function analyze(text: string, settings: Partial<EditorSettings> = {}, name = '/work/p.sb'): Analysis {
  return analyzeDocument({ name, text }, { ...DEFAULT_SETTINGS, ...settings });
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offset(b.range.start) - lines.offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offset(e.range.start)) + e.newText + out.slice(lines.offset(e.range.end));
  return out;
}

/** Position of `needle` (+ delta) in text. */
function at(text: string, needle: string, delta = 0) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not in text`);
  return new LineIndex(text).position(i + delta);
}

describe('code fixes', () => {
  const text = readFileSync(`${FIXTURES}fixes.sb`, 'utf8');
  const a = analyze(text);
  const fixes = codeFixes(a);

  it('offers a fix for every suggestion lint gives in words', () => {
    expect(fixes.map((f) => f.code).sort()).toEqual(
      [
        'lint/child-op-wins',
        'lint/debug-noop',
        'lint/path-never-seen',
        'lint/path-never-seen',
        'lint/shadowed-rule',
        'regex/lazy-quantifier',
        'regex/non-capturing-group',
        'regex/shorthand-class',
      ].sort(),
    );
  });

  it('each fix removes the finding it is for and adds no error', () => {
    // child-op-wins is left out: lint still reports a rule that names both operations (see the next test)
    for (const f of fixes.filter((x) => x.code !== 'lint/child-op-wins')) {
      const fixed = applyEdits(text, f.edits);
      const b = analyze(fixed);
      expect(b.result.ok, `${f.title}: ${b.diagnostics.map((d) => d.message).join('; ')}`).toBe(true);
      const before = a.diagnostics.filter((d) => d.code === f.code).length;
      const after = b.diagnostics.filter((d) => d.code === f.code).length;
      expect(after, `${f.title} -> ${fixed}`).toBe(before - 1);
    }
  });

  it('names the narrower operation in the wider rule, so the later rule decides those requests too', () => {
    const f = fixes.find((x) => x.code === 'lint/child-op-wins')!;
    const request = { operation: 'file-read-data', facts: { path: '/private/etc/passwd' } };
    const decide = (src: string) => new DecisionEngine(analyze(src).result.profile, getVocab(DEFAULT_SETTINGS.os)).decide(request).decision;
    expect(decide(text)).toBe('deny');
    const fixed = applyEdits(text, f.edits);
    expect(fixed).toContain('(allow file-read* file-read-data (literal "/private/etc/passwd"))');
    expect(decide(fixed)).toBe('allow');
  });

  it('rewrites the path the kernel never reports to the one it does', () => {
    const f = fixes.find((x) => x.title.includes("'/etc/ssh'"))!;
    expect(applyEdits(text, f.edits)).toContain('(deny file-write* (subpath "/private/etc/ssh"))');
    const rx = fixes.find((x) => x.title.includes("'/var/db'"))!;
    expect(applyEdits(text, rx.edits)).toContain('(regex #"^/private/var/db/.+?")');
  });

  it('changes a misspelt name to the one the front end suggests, and adds a missing (version 1)', () => {
    const t = '(version 1)\n(allow file-red* (subpath "/usr"))\n';
    const b = analyze(t);
    const [fix] = codeFixes(b);
    expect(fix.title).toBe("Change 'file-red*' to 'file-read*'");
    expect(analyze(applyEdits(t, fix.edits)).result.ok).toBe(true);
    const nv = analyze('(allow default)\n');
    const add = codeFixes(nv).find((x) => x.code === 'sbpl/no-version')!;
    expect(applyEdits('(allow default)\n', add.edits)).toBe('(version 1)\n(allow default)\n');
  });

  it('moves a shadowed rule after the rule that beats it', () => {
    const t = '(version 1)\n(allow default)\n(deny file-read* (subpath "/private/var/db"))\n(allow file-read* (subpath "/private/var"))\n';
    const b = analyze(t);
    const move = codeFixes(b).find((f) => f.title.startsWith('Move'))!;
    const moved = applyEdits(t, move.edits);
    expect(moved).toBe('(version 1)\n(allow default)\n(allow file-read* (subpath "/private/var"))\n(deny file-read* (subpath "/private/var/db"))\n');
    expect(analyze(moved).diagnostics.map((d) => d.code)).not.toContain('lint/shadowed-rule');
  });

  it('offers nothing where the text is not the simple form a fix rewrites', () => {
    const t = '(version 1)\n(define (tmp p) (subpath (string-append "/tmp/" p)))\n(allow file-read* (tmp "x"))\n';
    const b = analyze(t);
    expect(b.diagnostics.map((d) => d.code)).toContain('lint/path-never-seen');
    expect(codeFixes(b).filter((f) => f.code === 'lint/path-never-seen')).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('underlines a multi-line rule on its first line only', () => {
    const t = '(version 1)\n(allow default)\n(allow file-read*\n    (subpath "/private/var/db")\n    (literal "/usr/bin/true"))\n(deny file-read* (subpath "/private/var") (subpath "/usr"))\n';
    const d = editorDiagnostics(analyze(t)).find((x) => x.code === 'lint/shadowed-rule')!;
    expect(d.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: '(allow file-read*'.length } });
    expect(d.related[0].location!.range.start).toEqual({ line: 5, character: 0 });
  });

  it('shows a reader error of half-typed text at its place', () => {
    const [d] = editorDiagnostics(analyze('(version 1)\n(allow file-read* (subpath "/usr")\n'));
    expect(d.code).toBe('reader/unclosed-list');
    expect(d.range.start).toEqual({ line: 1, character: 0 });
  });

  it('reads imports through the given sources (a browser page passes files in memory)', () => {
    const sources = memorySources({ '/p/lib.sb': '(define (lib-rule) (allow file-read* (subpath "/usr")))\n(allow mach-lokup)\n' });
    const a = analyzeDocument({ name: '/p/main.sb', text: '(version 1)\n(import "lib.sb")\n' }, { ...DEFAULT_SETTINGS, importPath: ['/p'] }, { sources });
    const [d] = editorDiagnostics(a);
    expect(d.inImport).toBe('/p/lib.sb');
    expect(d.range.start).toEqual({ line: 1, character: 0 });
    expect(d.related[0].location).toEqual({ file: '/p/lib.sb', range: { start: { line: 1, character: 7 }, end: { line: 1, character: 17 } } });
    expect(a.definitions.map((x) => x.def.name)).toEqual(['lib-rule']);
  });
});

describe('hover, completion, definition', () => {
  const t = [
    '(version 1)',
    '(define (home p) (subpath (string-append (param "HOME") p)))',
    '(allow sysctl-write (sysctl-name "kern.x"))',
    '(allow process-info* (target self))',
    '(allow network-outbound (socket-domain AF_INET))',
    '(allow signal (with termination))',
    '; (allow comment',
    '(define (home p) (literal p))',
    '(allow file-read* (home "/x"))',
  ].join('\n');
  const a = analyze(t, { params: { HOME: '/Users/u' } });

  it('hovers an alias, a named value, a constant, a modifier shorthand and a parameter', () => {
    expect(hoverAt(a, at(t, 'sysctl-write', 2))!.contents).toContain('`sysctl-write` is an alias of `sysctl*`');
    expect(hoverAt(a, at(t, 'self', 1))!.contents).toMatch(/\*\*self\*\* = \d+ · value of filter `target`/);
    expect(hoverAt(a, at(t, 'AF_INET', 1))!.contents).toMatch(/\*\*AF_INET\*\* = 2/);
    expect(hoverAt(a, at(t, 'termination', 1))!.contents).toContain('shorthand for `send-signal 9`');
    expect(hoverAt(a, at(t, '"HOME"', 1))!.contents).toBe('**param HOME** = `"/Users/u"`');
    expect(hoverAt(a, at(t, '; (allow', 4))).toBeNull();
  });

  it('completes parameter names in (param "...") and SBPL forms at the top level, nothing in comments', () => {
    const params = completionsAt(a, at(t, '"HOME"', 1));
    expect(params.map((c) => c.label)).toEqual(['HOME']);
    const top = analyze('(version 1)\n(al)');
    expect(completionsAt(top, { line: 1, character: 3 }).map((c) => c.label)).toEqual(expect.arrayContaining(['allow', 'deny', 'define', 'import']));
    expect(completionsAt(a, at(t, '; (allow', 5))).toEqual([]);
  });

  it('goes to the latest definition before the use, and to a procedure parameter', () => {
    const use = at(t, '(home "/x")', 2);
    const [def] = definitionAt(a, use);
    expect(def.range.start).toEqual(at(t, '(define (home p) (literal', 9));
    const [param] = definitionAt(a, at(t, 'string-append (param "HOME") p', 'string-append (param "HOME") '.length));
    expect(param.range.start).toEqual(at(t, '(home p)', 6));
  });

  it('lists rules inside (if ...) and definitions with their rules as children', () => {
    const s = analyze('(version 1)\n(if (param "X") (allow file-read* (subpath "/a")))\n(define (r) (deny network*))\n');
    const syms = documentSymbols(s);
    expect(syms.map((x) => [x.name, x.kind])).toEqual([['version 1', 'version'], ['allow file-read*', 'rule'], ['r', 'function']]);
    expect(syms[2].children.map((c) => c.name)).toEqual(['deny network*']);
  });
});

describe('formatting hook', () => {
  const trimTrailing = (text: string) => text.replace(/[ \t]+$/gm, '');
  it('turns a formatter into the smallest edit, and none when the text is formatted', () => {
    const t = '(version 1)   \n(allow default)\t\n';
    const a = analyze(t);
    const edits = formatDocument(a, trimTrailing, { tabSize: 2, insertSpaces: true });
    expect(edits).toHaveLength(1);
    expect(applyEdits(t, edits)).toBe(trimTrailing(t));
    expect(formatDocument(analyze(trimTrailing(t)), trimTrailing, { tabSize: 2, insertSpaces: true })).toEqual([]);
  });
});

describe('tolerant reader and line index', () => {
  it('reads any text without throwing, into nested, ordered nodes inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('(', ')', '"', '#', '|', ';', '\\', '\n', 'a', ' ', "'", '@', ',', 't', 'x', '1') }), (text) => {
        const tree = parseTree(text);
        const check = (items: Node[], lo: number, hi: number) => {
          let prev = lo;
          for (const n of items) {
            expect(n.start).toBeGreaterThanOrEqual(prev);
            expect(n.end).toBeLessThanOrEqual(hi);
            expect(n.end).toBeGreaterThan(n.start);
            if (n.kind === 'list') check(n.items, n.start + 1, n.end);
            prev = n.end;
          }
        };
        check(tree.forms, 0, text.length);
      }),
    );
  });

  it('maps offsets to positions and back for any line breaks and surrogate pairs', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', '😀', 'é') }), fc.nat(), (text, k) => {
        const lines = new LineIndex(text);
        const offset = text.length ? k % (text.length + 1) : 0;
        const p = lines.position(offset);
        // inside a \r\n pair the position is that of the \n: skip it
        if (text[offset - 1] === '\r' && text[offset] === '\n') return;
        expect(lines.offset(p)).toBe(offset);
      }),
    );
  });
});
