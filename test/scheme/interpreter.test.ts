// The TinyScheme subset real profiles use: each form evaluated through the front end, observed via rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProfile, type ReadOptions } from '../../src/sbpl/index.js';
import type { FilterExpr } from '../../src/sbpl/profile.js';

/** Evaluate a program that ends by emitting (allow file-read* (literal RESULT)); return RESULT. */
function value(expr: string, prelude = '', options: ReadOptions = {}): string {
  const r = readProfile(`(version 1)\n${prelude}\n(allow file-read* (literal (let ((v ${expr})) (if (string? v) v (%show v)))))`, {
    standardPolicy: false,
    ...options,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  const f = r.profile.rules.at(-1)!.filter as FilterExpr;
  if (f.type !== 'test' || f.arg.kind !== 'literal') throw new Error('unexpected filter');
  return f.arg.value;
}
// %show: write a value as text, in Scheme (so we test the interpreter, not a JS helper)
const SHOW = `
(define (%show v)
  (cond ((number? v) (number->string v))
        ((boolean? v) (if v "#t" "#f"))
        ((symbol? v) (string-append "'" (symbol->string v)))
        ((string? v) (string-append "\\"" v "\\""))
        ((null? v) "()")
        ((char? v) (list->string (list #\\# #\\\\ v)))
        ((pair? v) (string-append "(" (%show-list v) ")"))
        (else "?")))
(define (%show-list l)
  (cond ((null? (cdr l)) (%show (car l)))
        ((pair? (cdr l)) (string-append (%show (car l)) " " (%show-list (cdr l))))
        (else (string-append (%show (car l)) " . " (%show (cdr l))))))`;
const v = (expr: string, prelude = '') => value(expr, SHOW + prelude);

describe('interpreter: binding and control', () => {
  it('define values and procedures, internal defines, rest arguments', () => {
    expect(v('(f 1 2 3 4)', '(define (f a . rest) (define n (length rest)) (+ a n))')).toBe('4');
    expect(v('(g)', '(define (g . all) all)')).toBe('()');
    expect(v('((lambda args args) 1 2)')).toBe('(1 2)');
    expect(v('x', '(define x (* 6 7))')).toBe('42');
  });
  it('let, let*, letrec, named let', () => {
    expect(v('(let ((a 1) (b 2)) (+ a b))')).toBe('3');
    expect(v('(let* ((a 1) (b (+ a 1))) (* a b))')).toBe('2');
    expect(v('(letrec ((even? (lambda (n) (if (= n 0) #t (odd? (- n 1))))) (odd? (lambda (n) (if (= n 0) #f (even? (- n 1)))))) (even? 100))')).toBe('#t');
    expect(v('(let loop ((i 0) (acc 0)) (if (> i 10) acc (loop (+ i 1) (+ acc i))))')).toBe('55');
    // TinyScheme's let* evaluates later inits in one frame, so a lambda can call itself
    expect(v('(let* ((a 1) (f (lambda (n) (if (= n 0) a (* n (f (- n 1))))))) (f 5))')).toBe('120');
  });
  it('a named-let loop of 100,000 iterations runs in constant stack', () => {
    expect(v('(let loop ((i 0)) (if (< i 100000) (loop (+ i 1)) i))')).toBe('100000');
  });
  it('if, cond (else, =>), case, when, unless, and, or, not, begin', () => {
    expect(v('(if #f 1)')).toBe('()'); // TinyScheme: a missing branch is ()
    expect(v("(cond ((assv 2 '((1 . a) (2 . b))) => cdr) (else 'none))")).toBe("'b");
    expect(v("(cond (#f 1) (else 'e))")).toBe("'e");
    expect(v("(case 3 ((1 2) 'low) ((3 4) 'mid) (else 'high))")).toBe("'mid");
    expect(v('(when (> 2 1) 1 2)')).toBe('2');
    expect(v('(unless (> 2 1) 1)')).toBe('()');
    expect(v('(and 1 2 #f 3)')).toBe('#f');
    expect(v('(or #f #f 7)')).toBe('7');
    expect(v('(not #f)')).toBe('#t');
    expect(v('(begin 1 2 3)')).toBe('3');
  });
  it('set!, do loops, delay/force', () => {
    expect(v('(begin (set! x (+ x 1)) x)', '(define x 1)')).toBe('2');
    expect(v('(do ((i 0 (+ i 1)) (acc 1 (* acc 2))) ((= i 5) acc))')).toBe('32');
    expect(v('(force (delay (+ 1 2)))')).toBe('3');
  });
  it('quasiquote with unquote, splicing and nesting', () => {
    expect(v("`(a ,(+ 1 2) ,@(list 4 5) b)")).toBe("('a 3 4 5 'b)");
    expect(v("`(1 . ,(+ 1 1))")).toBe('(1 . 2)');
  });
  it('TinyScheme macro and define-macro', () => {
    expect(v('(twice (+ 1 1))', '(macro (twice form) `(* 2 ,(cadr form)))')).toBe('4');
    expect(v('(swap-sub 10 3)', '(define-macro (swap-sub a b) `(- ,b ,a))')).toBe('-7');
    // define-once, as WebKit's util.sb writes it
    const once = '(macro (define-once form) (let* ((ps (cdr form)) (signature (car ps)) (body (cdr ps)) (name (car signature))) (if (not (defined? name)) `(define ,signature ,@body))))';
    expect(v('(h)', `${once} (define (h) 1) (define-once (h) 2)`)).toBe('1');
    expect(v('(k)', `${once} (define-once (k) 3)`)).toBe('3');
  });
  it('apply, map, for-each, eval, defined?', () => {
    expect(v("(apply + 1 2 '(3 4))")).toBe('10');
    expect(v("(map + '(1 2) '(10 20))")).toBe('(11 22)');
    expect(v("(let ((n 0)) (for-each (lambda (x) (set! n (+ n x))) '(1 2 3)) n)")).toBe('6');
    expect(v("(eval '(* 6 7))")).toBe('42');
    expect(v("(list (defined? 'car) (defined? 'nope) (defined? 'if))")).toBe('(#t #f #t)');
  });
});

describe('interpreter: data procedures', () => {
  it('lists', () => {
    expect(v("(list (car '(1 2)) (cdr '(1 2)) (cons 0 '(1)) (append '(1) '(2 3) '()) (reverse '(1 2 3)) (length '(1 2)))")).toBe('(1 (2) (0 1) (1 2 3) (3 2 1) 2)');
    expect(v("(list (null? '()) (pair? '(1)) (list? '(1 . 2)) (cadr '(1 2 3)) (caddr '(1 2 3)) (list-ref '(a b c) 2))")).toBe("(#t #t #f 2 3 'c)");
    expect(v("(list (member \"b\" '(\"a\" \"b\")) (memq 'c '(a b)) (assoc \"k\" '((\"k\" . 1))) (assq 'x '((x . 2))))")).toBe('(("b") #f ("k" . 1) (\'x . 2))');
  });
  it('strings and characters', () => {
    expect(value('(string-append "/a" "/b")')).toBe('/a/b');
    expect(value('(substring "/private/tmp" 9 12)')).toBe('tmp');
    expect(v('(string-length "abc")')).toBe('3');
    expect(v('(string-ref "abc" 1)')).toBe('#\\b');
    expect(v('(list (string=? "a" "a") (string<? "a" "b") (string-ci=? "A" "a") (string-prefix? "/usr" "/usr/lib") (char=? #\\/ (string-ref "/x" 0)))')).toBe('(#t #t #t #t #t)');
    expect(value('(list->string (reverse (string->list "abc")))')).toBe('cba');
    expect(v('(list (string->number "42") (string->number "x") (char->integer #\\A))')).toBe('(42 #f 65)');
    expect(value('(number->string 255 16)')).toBe('ff');
    expect(value('(symbol->string (string->symbol "file-read*"))')).toBe('file-read*');
  });
  it('numbers', () => {
    expect(v('(list (+ 1 2) (- 10 4 1) (* 2 3 4) (quotient 7 2) (remainder 7 2) (modulo -7 2) (max 1 5 3) (min 4 2))')).toBe('(3 5 24 3 1 1 5 2)');
    expect(v('(list (= 1 1) (< 1 2 3) (>= 3 3 1) (zero? 0) (positive? -1) (even? 4))')).toBe('(#t #t #t #t #f #t)');
  });
  it('equality', () => {
    expect(v("(list (eq? 'a 'a) (eqv? 2 2) (equal? '(1 (2)) '(1 (2))) (equal? \"a\" \"a\") (eq? '(1) '(1)))")).toBe('(#t #t #t #t #f)');
  });
  it('reads SBPL from a string port and evaluates it (application.sb does this for entitlement strings)', () => {
    const r = readProfile('(version 1)\n(eval (read (open-input-string "(allow file-read* (literal \\"/from/string\\"))")))', { standardPolicy: false });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r.profile.rules[0].filter)).toContain('/from/string');
  });
});

describe('interpreter: bounds', () => {
  it('terminates with a located diagnostic on any input (property)', () => {
    const tokens = ['(', ')', '(', ')', 'define', 'lambda', 'let', 'loop', 'f', 'x', 'allow', 'deny', 'file-read*', 'subpath', '"/a"', '1', "'", '`', ',', '#t', 'if', 'cond', 'else', 'string-append', 'apply', 'map', '(f x)', '(loop)', '(version 1)'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (toks) => {
        const text = toks.join(' ');
        const r = readProfile(text, { limits: { maxSteps: 20_000, maxDepth: 200 }, fragment: true });
        for (const d of r.diagnostics) if (d.severity === 'error' && d.code !== 'sbpl/no-version') expect(d.span ?? d.code.startsWith('limit')).toBeTruthy();
      }),
      { numRuns: 400 },
    );
  });
});
