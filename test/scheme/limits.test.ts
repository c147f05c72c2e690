// Every bound on reading and evaluation (issue 15): each limit stops a hostile profile with a located error
// that names the limit, list and string primitives count their work, and the JavaScript stack is never what
// stops a run.
import { describe, expect, it } from 'vitest';
import { readProfile, DEFAULT_LIMITS, memorySources, type ReadOptions, type Diagnostic, type Limits } from '../../src/sbpl/index.js';

const V = '(version 1)\n';

function firstError(text: string, options: ReadOptions = {}): Diagnostic {
  const r = readProfile(text, { fileName: 'p.sb', standardPolicy: false, ...options });
  const e = r.diagnostics.find((d) => d.severity === 'error');
  if (!e) throw new Error(`expected an error, got ${r.profile.rules.length} rules`);
  return e;
}

/** A profile that passes limit `name` (with its default value), and where the error is. */
interface LimitCase {
  name: keyof Limits;
  code: string;
  text: string;
  line: number;
  column: number;
  options?: ReadOptions;
}

const importChain: Record<string, string> = {};
for (let i = 0; i < 40; i++) importChain[`/p/a${i}.sb`] = `(import "a${i + 1}.sb")\n`;

const LIMIT_CASES: LimitCase[] = [
  { name: 'maxSteps', code: 'limit/steps', text: `${V}(define (f x) (f x))\n(f 1)\n`, line: 2, column: 15 },
  { name: 'maxDepth', code: 'limit/depth', text: `${V}(define (f x) (+ 1 (f x)))\n(f 1)\n`, line: 2, column: 20 },
  { name: 'maxNesting', code: 'limit/nesting', text: `${V}(define x\n  ${'('.repeat(300)}${')'.repeat(300)})\n`, line: 3, column: 258 },
  {
    name: 'maxAllocation',
    code: 'limit/allocation',
    text: `${V}(define (dbl s n) (if (= n 0) s (dbl (append s s) (- n 1))))\n(dbl (list 1 2) 60)\n`,
    line: 2,
    column: 38,
    // append steps once per cell it copies: with the default step bound that stops it first
    options: { limits: { maxSteps: 50_000_000 } },
  },
  { name: 'maxRules', code: 'limit/rules', text: `${V}(define (f n) (allow file-read* (literal "/x")) (f (+ n 1)))\n(f 0)\n`, line: 2, column: 15 },
  {
    name: 'maxFilterDepth',
    code: 'limit/filter-depth',
    text: `${V}(define (nest f n) (if (= n 0) f (nest (require-any f) (- n 1))))\n(allow file-read* (nest (literal "/x") 1200))\n`,
    line: 2,
    column: 40,
  },
  { name: 'maxStringLength', code: 'limit/string', text: `${V}(define (grow s) (grow (string-append s s)))\n(grow "xx")\n`, line: 2, column: 24 },
  { name: 'maxOutput', code: 'limit/output', text: `${V}(define (f) (display "0123456789") (f))\n(f)\n`, line: 2, column: 13 },
  {
    name: 'maxImportDepth',
    code: 'sbpl/import-depth',
    text: `${V}(import "a0.sb")\n`,
    line: 1,
    column: 1,
    options: { importPath: ['/p'], sources: memorySources(importChain) },
  },
];

describe('limits: every limit is in Limits, located, and names itself', () => {
  it('the cases cover every limit', () => {
    // maxFilterTests bounds the stages that copy shared filters, not reading (test/sbpl/shared-filters.test.ts)
    expect(LIMIT_CASES.map((c) => c.name).sort()).toEqual(Object.keys(DEFAULT_LIMITS).filter((k) => k !== 'maxFilterTests').sort());
  });
  for (const c of LIMIT_CASES) {
    it(`${c.name}: ${c.code} with the limit's name and how to raise it`, () => {
      const e = firstError(c.text, c.options);
      expect(e.code).toBe(c.code);
      expect(e.message).toContain(`(limit ${c.name})`);
      expect(e.hint).toContain(`Limits.${c.name}`);
      expect(e.hint).toContain(`--limit ${c.name}=N`);
      if (c.name !== 'maxImportDepth') expect(e.span).toMatchObject({ file: 'p.sb', line: c.line, column: c.column });
      else expect(e.span?.file).toMatch(/a\d+\.sb$/);
    });
    it(`${c.name}: raising it lets the same profile go further`, () => {
      if (c.name === 'maxNesting') {
        const r = readProfile(c.text, { fileName: 'p.sb', standardPolicy: false, limits: { maxNesting: 400 } });
        expect(r.diagnostics.filter((d) => d.code === c.code)).toEqual([]);
      } else if (c.name === 'maxRules') {
        const low = firstError(c.text, { limits: { maxRules: 10 } });
        expect(low.message).toContain('more than 10 rules');
      }
    });
  }
});

describe('limits: the reader', () => {
  it('#\\xFFFFFFFF is a located reader error, not an internal error (issue 15)', () => {
    const e = firstError(`${V}(define c #\\xFFFFFFFF)\n`);
    expect(e).toMatchObject({ code: 'reader/bad-char', span: { line: 2, column: 11, endColumn: 22 } });
    expect(e.message).toMatch(/beyond Unicode/);
    expect(firstError(`${V}(allow file-read* (literal (string #\\x110000)))\n`).code).toBe('reader/bad-char');
    // the largest code point is still a character
    const ok = readProfile(`${V}(allow file-read* (literal (string #\\x10FFFF)))\n`, { standardPolicy: false });
    expect(ok.ok).toBe(true);
  });
  it('integer->char and number->string check their ranges', () => {
    expect(firstError(`${V}(define c (integer->char 99999999))\n`)).toMatchObject({ code: 'scheme/type', span: { line: 2, column: 11 } });
    expect(firstError(`${V}(define c (integer->char -1))\n`).message).toMatch(/not a Unicode code point/);
    expect(firstError(`${V}(define s (number->string 10 99))\n`)).toMatchObject({ code: 'scheme/type', span: { line: 2, column: 11 } });
    expect(firstError(`${V}(define s (string->number "1" 0))\n`).message).toMatch(/radix must be between 2 and 36/);
  });
  it('deep require-any nesting written in the source names the filter-depth limit, not recursion (issue 15)', () => {
    const deep = `${V}(allow file-read* ${'(require-any '.repeat(230)}(literal "/x")${')'.repeat(230)})\n`;
    expect(readProfile(deep, { standardPolicy: false }).ok).toBe(true);
    const e = firstError(deep, { limits: { maxFilterDepth: 200 } });
    expect(e.code).toBe('limit/filter-depth');
    expect(e.message).toContain('nested more than 200 deep (limit maxFilterDepth)');
    expect(e.span?.line).toBe(2);
    // deeper than the reader allows: the nesting limit, at the paren that goes too deep
    const deeper = firstError(`${V}(allow file-read* ${'(require-any '.repeat(400)}(literal "/x")${')'.repeat(400)})\n`);
    expect(deeper).toMatchObject({ code: 'limit/nesting', span: { line: 2, column: 19 + 13 * 255 } });
  });
});

describe('limits: expressions built at run time', () => {
  it('a macro expanding to a deeply nested expression: the nesting limit, at the use', () => {
    const text = `${V}(define (nest n x) (if (= n 0) x (nest (- n 1) (list 'car x))))\n(define-macro (deep) (nest 100000 ''(1)))\n(deep)\n`;
    expect(firstError(text)).toMatchObject({ code: 'limit/nesting', span: { line: 4, column: 1 } });
  });
  it('eval of a deeply nested list built in a loop: the nesting limit', () => {
    const text = `${V}(define (nest n x) (if (= n 0) x (nest (- n 1) (list 'not x))))\n(eval (nest 5000 #t))\n`;
    expect(firstError(text)).toMatchObject({ code: 'limit/nesting', span: { line: 3 } });
  });
});

describe('limits: primitives count their work (issue 15)', () => {
  it('(append s s) doubled 60 times stops at the allocation limit, at the append', () => {
    const c = LIMIT_CASES.find((x) => x.name === 'maxAllocation')!;
    const e = firstError(c.text, c.options);
    expect(e.code).toBe('limit/allocation');
    expect(e.message).not.toMatch(/must be a list/);
  });
  it('walking a long list many times counts every element', () => {
    const text = `${V}(define l (let loop ((i 0) (acc '())) (if (< i 20000) (loop (+ i 1) (cons i acc)) acc)))\n(define (f n) (if (> n 0) (begin (length l) (f (- n 1)))))\n(f 100000000)\n`;
    expect(firstError(text)).toMatchObject({ code: 'limit/steps', span: { line: 3, column: 34 } });
  });
  it('string work counts characters', () => {
    const text = `${V}(define big (make-string 100000 #\\a))\n(define (f n) (if (> n 0) (begin (string=? big big) (f (- n 1)))))\n(f 100000000)\n`;
    expect(firstError(text).code).toBe('limit/steps');
    expect(firstError(`${V}(define s (make-string 100000000 #\\a))\n`).code).toBe('limit/string');
  });
  it('circular lists end: not a list for length, a step limit for walks that may loop', () => {
    const circ = `${V}(define l (list 1 2 3))\n(set-cdr! (cddr l) l)\n`;
    expect(firstError(`${circ}(length l)\n`).message).toMatch(/length: argument 1 must be a list/);
    for (const walk of ['(last-pair l)', '(member 9 l)', '(assq 9 l)', "(equal? l (let ((m (list 1 2 3))) (set-cdr! (cddr m) m) m))"]) {
      expect(firstError(`${circ}${walk}\n`).code).toBe('limit/steps');
    }
  });
  it('wide calls and spread arguments count their arguments', () => {
    // (apply max list) with 200,000 numbers: no stack overflow from spreading them
    const r = readProfile(`${V}(define l (let loop ((i 0) (acc '())) (if (< i 200000) (loop (+ i 1) (cons i acc)) acc)))\n(if (= (apply max l) 199999) (allow file-read*))\n`, {
      standardPolicy: false,
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.profile.rules).toHaveLength(1);
  });
  it('a string port reads every datum once, from where it stopped', () => {
    const data = Array.from({ length: 5000 }, (_, i) => `(literal "/p/${i}")`).join(' ');
    const text = `${V}(define port (open-input-string "${data.replace(/"/g, '\\"')}"))\n(define (each) (let ((d (read port))) (if (not (eof-object? d)) (begin (allow file-read* (eval d)) (each)))))\n(each)\n`;
    const r = readProfile(text, { standardPolicy: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.profile.rules).toHaveLength(5000);
  });
  it('nested message-filter rules count toward maxRules', () => {
    const text = `${V}(define (f n) (allow iokit-open-user-client (apply-message-filter (deny iokit-async-external-method) (allow iokit-external-method))) (if (> n 0) (f (- n 1))))\n(f 100)\n`;
    const e = firstError(`(version 2)\n${text.slice(V.length)}`, { limits: { maxRules: 50 } });
    expect(e.code).toBe('limit/rules');
  });
});

describe('limits: the JavaScript stack is never what stops a run', () => {
  // recursion shapes that use the most stack per Scheme call, at the depth limit, with bodies nested deep
  const shapes: Record<string, string> = {
    'let + cond + let*': '(define (r n) (let ((m (- n 1))) (cond ((= n 0) BODY) (else (let* ((x (r m))) (+ x 1))))))',
    'with-filter': '(define (r n) (if (= n 0) BODY (with-filter (literal "/x") (r (- n 1)))))',
    'do loop': '(define (r n) (do ((i 0 (+ i 1))) ((= i 1) (if (= n 0) BODY (+ 1 (r (- n 1)))))))',
    'and / or / case': '(define (r n) (if (= n 0) BODY (and #t (or #f (case 1 ((1) (+ 1 (r (- n 1)))))))))',
    'map + lambda': "(define (r n) (if (= n 0) BODY (car (map (lambda (x) (+ 1 (r (- n 1)))) '(1)))))",
  };
  const nested = (shape: string, n: number): string => {
    let s = '1';
    for (let i = 0; i < n; i++) s = shape.replace('%s', s);
    return s;
  };
  for (const [name, rec] of Object.entries(shapes)) {
    for (const body of ['(and #t %s)', '(with-filter (literal "/a") %s)']) {
      it(`${name}, ${body.slice(1, body.indexOf(' '))} body: a limit error or success, never limit/stack`, () => {
        const text = `${V}${rec.replace('BODY', nested(body, 120))}\n(r ${DEFAULT_LIMITS.maxDepth - 5})\n`;
        const r = readProfile(text, { standardPolicy: false });
        const codes = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
        expect(codes.filter((c) => c === 'limit/stack' || c === 'internal')).toEqual([]);
      });
    }
  }
  for (const shape of ['(and #t %s)', '(with-filter (literal "/a") %s)', '`(a ,%s)', '(let ((x 1)) %s)']) {
    it(`source nesting ${shape} at maxNesting evaluates without a stack overflow`, () => {
      const text = `${V}(define x ${nested(shape, DEFAULT_LIMITS.maxNesting - 4)})\n`;
      const r = readProfile(text, { standardPolicy: false });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});

describe('limits: the C preprocessor', () => {
  it('a deeply nested #if expression and a self-referencing macro are located errors', () => {
    const bangs = readProfile(`${V}#if ${'!'.repeat(100000)}1\n(allow default)\n#endif\n`, { preprocess: true, standardPolicy: false });
    expect(bangs.diagnostics[0]).toMatchObject({ code: 'cpp/error', span: { line: 2 } });
    expect(bangs.diagnostics[0].message).toContain('limit maxNesting');
    const self = readProfile(`${V}#define A (A)\n#if A\n(allow default)\n#endif\n`, { preprocess: true, standardPolicy: false });
    expect(self.diagnostics[0]).toMatchObject({ code: 'cpp/error', span: { line: 3 } });
    expect(self.diagnostics[0].message).toMatch(/expands recursively/);
  });
});
