// Wrong input of every kind gives one clear diagnostic with a location (code, line, column).
import '../../src/vocab/all.js'; // Catalina and the newer releases are registered by the sbpl-kit/vocab entry
import { describe, expect, it } from 'vitest';
import { readProfile, memorySources, type ReadOptions } from '../../src/sbpl/index.js';

interface Case {
  name: string;
  text: string;
  code: string;
  line: number;
  column: number;
  message?: RegExp;
  hint?: RegExp;
  options?: ReadOptions;
}

const V = '(version 1)\n';

const cases: Case[] = [
  { name: 'unbalanced: unclosed list', text: `${V}(allow file-read*\n  (subpath "/a")\n(deny file-write* (literal "/x"))\n`, code: 'reader/unclosed-list', line: 2, column: 1 },
  { name: 'unbalanced: extra close paren', text: `${V}(allow file-read*))\n`, code: 'reader/unexpected-close', line: 2, column: 19 },
  { name: 'unclosed string', text: `${V}(allow file-read* (literal "/etc/hosts))\n`, code: 'reader/unclosed-string', line: 2, column: 28 },
  { name: 'bad string escape', text: `${V}(allow file-read* (literal "/a\\xZZ"))\n`, code: 'reader/bad-escape', line: 2, column: 31, message: /\\x/ },
  { name: 'unclosed regex literal', text: `${V}(allow file-read* (regex #"^/a))\n`, code: 'reader/unclosed-string', line: 2, column: 26 },
  { name: 'unknown # syntax', text: `${V}(allow file-read* #q)\n`, code: 'reader/bad-hash', line: 2, column: 19 },
  { name: 'unknown character name', text: `${V}(define c #\\bogus)\n`, code: 'reader/bad-char', line: 2, column: 11 },
  { name: 'square brackets', text: `${V}(allow file-read* [subpath "/a"])\n`, code: 'reader/bracket', line: 2, column: 19 },
  { name: 'unclosed block comment', text: `${V}#| never closed\n(allow default)\n`, code: 'reader/unclosed-comment', line: 2, column: 1 },
  { name: 'misplaced dot', text: `${V}(define x '(. a))\n`, code: 'reader/bad-dot', line: 2, column: 13 },
  { name: 'cpp directive without --preprocess', text: `${V}#if ENABLE(X)\n(allow default)\n#endif\n`, code: 'reader/preprocessor', line: 2, column: 1, hint: /--preprocess/ },
  { name: 'unknown operation', text: `${V}(allow file-raed* (subpath "/a"))\n`, code: 'sbpl/unknown-operation', line: 2, column: 8, message: /unknown operation 'file-raed\*' in sonoma-14\.4\.1/, hint: /file-read\*/ },
  { name: 'operation of another OS version', text: `${V}(allow process-codesigning-status*)\n`, code: 'sbpl/unknown-operation', line: 2, column: 8, message: /does not exist in sonoma/, hint: /catalina-10\.15/ },
  { name: 'unknown filter', text: `${V}(allow file-read* (subpaht "/a"))\n`, code: 'sbpl/unknown-filter', line: 2, column: 20, message: /unknown filter 'subpaht'/, hint: /subpath/ },
  { name: 'unknown filter inside a metafilter', text: `${V}(allow file-read* (require-all (subpath "/a") (vnode-typ DIRECTORY)))\n`, code: 'sbpl/unknown-filter', line: 2, column: 48, hint: /vnode-type/ },
  { name: 'undefined variable', text: `${V}(allow file-read* (subpath my-dir))\n`, code: 'scheme/unbound-variable', line: 2, column: 28, message: /my-dir/ },
  { name: 'filter argument of the wrong type', text: `${V}(allow file-read* (subpath 42))\n`, code: 'sbpl/filter-argument', line: 2, column: 19, message: /must be a string/ },
  { name: 'undefined param used as a path', text: `${V}(allow file-write* (subpath (param "ROOT")))\n`, code: 'sbpl/filter-argument', line: 2, column: 20, message: /got #f/, hint: /-D/ },
  { name: 'modifier with the wrong action', text: `${V}(deny default)\n(allow file-read* (with no-report))\n`, code: 'sbpl/modifier-action', line: 3, column: 1, message: /no-report modifier does not apply to allow action/ },
  { name: 'modifier twice', text: `${V}(deny file-read* (with no-report) (with no-log))\n`, code: 'sbpl/modifier-repeated', line: 2, column: 1 },
  { name: 'unknown modifier', text: `${V}(deny file-read* (with no-reprot))\n`, code: 'sbpl/unknown-modifier', line: 2, column: 24, hint: /no-report/ },
  { name: 'rule without an operation', text: `${V}(allow (subpath "/a"))\n`, code: 'sbpl/no-operation', line: 2, column: 1, message: /at least one operation required/ },
  { name: 'non-rule argument', text: `${V}(allow file-read* "/etc/hosts")\n`, code: 'sbpl/rule-argument', line: 2, column: 1, message: /not an operation, filter or modifier/ },
  { name: 'network host not * or localhost', text: `${V}(allow network-outbound (remote tcp "127.0.0.1:80"))\n`, code: 'sbpl/network-address', line: 2, column: 25, message: /host must be \* or localhost in network address/ },
  { name: 'network port range', text: `${V}(allow network-outbound (remote tcp "*:1-100"))\n`, code: 'sbpl/network-address', line: 2, column: 25, message: /invalid port/ },
  { name: 'network CIDR', text: `${V}(allow network-outbound (remote ip "10.0.0.0/8"))\n`, code: 'sbpl/network-address', line: 2, column: 25, message: /port missing/ },
  { name: 'missing version', text: `(allow default)\n`, code: 'sbpl/no-version', line: 1, column: 1, message: /no version specified/ },
  { name: 'unsupported version', text: `(version 3)\n`, code: 'sbpl/version', line: 1, column: 1, message: /unsupported version 3/ },
  { name: 'two versions', text: `(version 1)\n(version 2)\n`, code: 'sbpl/version', line: 2, column: 1, message: /only one version/ },
  { name: 'calling a non-procedure', text: `${V}("not a procedure" 1)\n`, code: 'scheme/not-a-procedure', line: 2, column: 1 },
  { name: 'wrong number of arguments', text: `${V}(define (f a b) a)\n(f 1)\n`, code: 'scheme/arity', line: 3, column: 1, message: /expected 2 arguments, got 1/ },
  { name: 'car of a non-pair', text: `${V}(car '())\n`, code: 'scheme/type', line: 2, column: 1 },
  { name: 'user (error ...)', text: `${V}(error "stop here" 42)\n`, code: 'scheme/user-error', line: 2, column: 1, message: /stop here 42/ },
  { name: 'runaway recursion (non-tail)', text: `${V}(define (f x) (+ 1 (f x)))\n(f 1)\n`, code: 'limit/depth', line: 2, column: 20 },
  { name: 'runaway loop (tail calls)', text: `${V}(define (f x) (f x))\n(f 1)\n`, code: 'limit/steps', line: 2, column: 15, options: { limits: { maxSteps: 100_000 } } },
  { name: 'string bomb', text: `${V}(define (grow s) (grow (string-append s s)))\n(grow "xx")\n`, code: 'limit/string', line: 2, column: 24 },
  { name: 'missing import', text: `${V}(import "nowhere.sb")\n`, code: 'sbpl/import-not-found', line: 2, column: 1, message: /unable to open nowhere\.sb/, options: { importPath: ['/p'], sources: memorySources({}) } },
  {
    name: 'import cycle',
    text: `${V}(import "a.sb")\n`,
    code: 'sbpl/import-cycle',
    line: 1,
    column: 1,
    message: /a\.sb -> \/p\/b\.sb -> \/p\/a\.sb/,
    options: { importPath: ['/p'], sources: memorySources({ '/p/a.sb': '(import "b.sb")\n', '/p/b.sb': '(import "a.sb")\n' }) },
  },
  { name: 'bad syntax in a special form', text: `${V}(let ((x)) (if))\n`, code: 'scheme/syntax', line: 2, column: 12 },
  { name: 'require-not takes one filter', text: `${V}(allow file-read* (require-not (subpath "/a") (subpath "/b")))\n`, code: 'scheme/arity', line: 2, column: 19 },
  { name: 'metafilter given a non-filter', text: `${V}(allow file-read* (require-any "/a"))\n`, code: 'sbpl/metafilter-argument', line: 2, column: 19 },
  { name: 'literal over 65535 bytes', text: `${V}(allow file-read* (literal (make-string 70000 #\\a)))\n`, code: 'sbpl/literal-too-long', line: 2, column: 19, message: /exceeds maximum \(65535\)/ },
  { name: 'trace given twice', text: `${V}(trace "/tmp/a")\n(trace "/tmp/b")\n`, code: 'sbpl/trace', line: 3, column: 1, message: /only one trace path/ },
];

describe('diagnostics for wrong input', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = readProfile(c.text, { fileName: 'bad.sb', ...c.options });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(r.ok).toBe(false);
      expect(errors).toHaveLength(1);
      const e = errors[0];
      expect(e.code).toBe(c.code);
      expect(e.span, 'has a location').toBeDefined();
      expect(e.span!.file.endsWith('.sb')).toBe(true);
      expect([e.span!.line, e.span!.column]).toEqual([c.line, c.column]);
      if (c.message) expect(e.message).toMatch(c.message);
      if (c.hint) expect(e.hint ?? '').toMatch(c.hint);
    });
  }

  it('an error inside an imported file points into that file and notes the import', () => {
    const sources = memorySources({ '/p/lib.sb': '(define x 1)\n(allow file-read* (subpath y))\n' });
    const r = readProfile(`${V}(import "lib.sb")\n`, { fileName: 'main.sb', importPath: ['/p'], sources });
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e.span).toMatchObject({ file: '/p/lib.sb', line: 2, column: 28 });
    expect(e.related?.[0].span).toMatchObject({ file: 'main.sb', line: 2, column: 1 });
  });
});

describe('filter on the wrong operation', () => {
  it('is reported with the filter location (a warning: 10.11+ compilers accept it, it can never match)', () => {
    const r = readProfile('(version 1)\n(allow file-read* (global-name "com.apple.x"))\n', { fileName: 'bad.sb' });
    const w = r.diagnostics.filter((d) => d.code === 'sbpl/filter-not-applicable');
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe('warning');
    expect(w[0].message).toMatch(/global-name filter does not apply to file-read\* operation/);
    expect(w[0].span).toMatchObject({ file: 'bad.sb', line: 2, column: 19 });
  });
});

describe('--os any', () => {
  it('unknown names are warnings: an unknown operation is ignored, an unknown filter never matches', () => {
    const r = readProfile('(version 1)\n(allow setenv file-read* (frobnicate "/a"))\n', { fileName: 'any.sb', os: 'any', standardPolicy: false });
    expect(r.ok).toBe(true);
    const w = r.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code} ${d.span?.line}:${d.span?.column}`);
    expect(w).toEqual(['sbpl/unknown-operation 2:8', 'sbpl/unknown-filter 2:27']);
    expect(r.profile.rules[0]).toMatchObject({ operations: ['file-read*'], filter: { type: 'test', filter: 'frobnicate' } });
  });
});
