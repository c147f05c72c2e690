// The reader: every lexical feature real profiles use, with exact spans.
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/scheme/reader.js';
import { SourceFile } from '../../src/scheme/source.js';
import { Char, NIL, Pair, Sym, listToArray, writeValue, type Value } from '../../src/scheme/values.js';

const read = (text: string) => readSource(new SourceFile('t.sb', text));
const one = (text: string): Value => {
  const forms = read(text);
  expect(forms).toHaveLength(1);
  return forms[0].datum;
};

describe('reader', () => {
  it('reads lists, symbols with SBPL punctuation, strings and numbers', () => {
    const v = one('(allow file-read* (subpath "/usr") string->number %finalize 42 -7 3.5)');
    expect(writeValue(v)).toBe('(allow file-read* (subpath "/usr") string->number %finalize 42 -7 3.5)');
  });

  it('applies TinyScheme string escapes and drops the backslash of unknown ones', () => {
    expect(one('"a\\nb\\t\\"q\\\\"')).toBe('a\nb\t"q\\');
    expect(one('"\\x41\\x4a"')).toBe('AJ');
    // Apple: "Application\ Support" means "Application Support"; "\." reaches the regex engine as "."
    expect(one('"/Library/Application\\ Support"')).toBe('/Library/Application Support');
    expect(one('"\\.GlobalPreferences\\."')).toBe('.GlobalPreferences.');
  });

  it('keeps backslashes in #"..." regex literals', () => {
    expect(one('#"^/private/tmp/[^/]+\\.plist$"')).toBe('^/private/tmp/[^/]+\\.plist$');
  });

  it('reads booleans, characters and radix numbers', () => {
    const items = listToArray(one('(#t #f #true #false #\\/ #\\space #\\x41 #o0004 #x1F #b101 #d12)'))!;
    expect(items.slice(0, 4)).toEqual([true, false, true, false]);
    expect((items[4] as Char).code).toBe(47);
    expect((items[5] as Char).code).toBe(32);
    expect((items[6] as Char).code).toBe(65);
    expect(items.slice(7)).toEqual([4, 31, 5, 12]);
  });

  it('reads quote, quasiquote, unquote and unquote-splicing', () => {
    expect(writeValue(one("'(a . b)"))).toBe("'(a . b)");
    const q = one('`(require-any ,@(map f l) ,x)') as Pair;
    expect((q.car as Sym).name).toBe('quasiquote');
    expect(writeValue(q)).toBe('`(require-any ,@(map f l) ,x)');
  });

  it('skips ; comments, nested #| |# block comments and #; datum comments', () => {
    const forms = read(';; header\n#| outer #| inner |# still |#\n(a) #;(skipped) (b) ; trailing\n');
    expect(forms.map((f) => writeValue(f.datum))).toEqual(['(a)', '(b)']);
  });

  it('reads dotted pairs and rest-argument formals', () => {
    expect(writeValue(one("(define (f a . rest) rest)"))).toBe('(define (f a . rest) rest)');
    const alist = one("'((\"k\" . #t))") as Pair;
    expect(writeValue(alist)).toBe('\'(("k" . #t))');
  });

  it('handles tabs, CRLF, UTF-8 text and no trailing newline', () => {
    const forms = read('(a)\r\n\t(b "caf\u00e9 \u2014 \u2019")');
    expect(forms).toHaveLength(2);
    expect(forms[1].src.file.position(forms[1].src.start)).toEqual({ line: 2, column: 2 });
    expect(listToArray(forms[1].datum)![1]).toBe('caf\u00e9 \u2014 \u2019');
  });

  it('records spans of forms and of each element', () => {
    const [f] = read('\n  (allow file-read*\n     (literal "/etc/hosts"))');
    const span = f.src.file.span(f.src.start, f.src.end);
    expect([span.line, span.column, span.endLine]).toEqual([2, 3, 3]);
    const p = f.datum as Pair;
    const third = (p.cdr as Pair).cdr as Pair;
    const s = third.carSrc!;
    expect(s.file.position(s.start)).toEqual({ line: 3, column: 6 });
  });

  it('reads an empty list and deeply nested lists without recursion', () => {
    expect(one('()')).toBe(NIL);
    const deep = '('.repeat(5000) + ')'.repeat(5000);
    expect(() => readSource(new SourceFile('t.sb', deep), { maxNesting: 10_000 })).not.toThrow();
  });
});
