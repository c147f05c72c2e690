// The lexical rules of SBPL text, shared by the reader (text -> data) and the syntax-tree reader (text -> a
// lossless tree for the formatter), so both always split text the same way. TinyScheme's rules as Apple's
// libsandbox uses them (docs/semantics.md §5): `;` and nested `#| |#` comments, `#;` datum comments,
// `"..."` strings whose unknown escapes drop the backslash, `#"..."` raw (regex) strings, `#t`/`#f`, `#\c`
// characters, `#o`/`#x`/`#b` numbers.

import { Char, Sym, type Value } from './values.js';

/** Raise a located reader error: `start`..`end` are offsets into the text. */
export type LexFail = (code: string, message: string, start: number, end?: number, hint?: string) => never;

/** Where a comment sits: `;` to the end of the line, or a (nested) `#| ... |#` block. */
export type CommentKind = 'line' | 'block';

const NAMED_CHARS: Record<string, number> = {
  space: 32,
  newline: 10,
  linefeed: 10,
  nl: 10,
  tab: 9,
  return: 13,
  nul: 0,
  null: 0,
  altmode: 27,
  escape: 27,
  backspace: 8,
  delete: 127,
  rubout: 127,
  alarm: 7,
  page: 12,
};

/** The largest Unicode code point, the most a character literal can name. */
const MAX_CODE_POINT = 0x10ffff;

/** Characters the reader skips between data (besides comments): controls and spaces, NBSP, BOM, line/paragraph separators. */
export function isAtmosphereSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

function isCharNameDelimiter(c: number): boolean {
  // whitespace, parens, quote, semicolon, double quote end a character name
  return c !== c /* NaN */ || c <= 32 || c === 40 || c === 41 || c === 34 || c === 59 || c === 39 || c === 96 || c === 44;
}

/**
 * Skip whitespace and comments from `pos`; returns the offset of the next datum (or the text's end).
 * `onComment` sees each comment's extent.
 */
export function skipAtmosphere(t: string, pos: number, fail: LexFail, onComment?: (kind: CommentKind, start: number, end: number) => void): number {
  for (;;) {
    const c = t.charCodeAt(pos);
    if (c === 59 /* ; */) {
      const start = pos;
      while (pos < t.length) {
        const d = t.charCodeAt(pos);
        if (d === 10 || d === 13) break;
        pos++;
      }
      onComment?.('line', start, pos);
    } else if (c === 35 && t.charCodeAt(pos + 1) === 124 /* #| */) {
      const open = pos;
      pos += 2;
      let depth = 1;
      while (depth > 0) {
        if (pos >= t.length) fail('reader/unclosed-comment', "unclosed '#|' block comment", open, open + 2);
        if (t.charCodeAt(pos) === 124 && t.charCodeAt(pos + 1) === 35) {
          depth--;
          pos += 2;
        } else if (t.charCodeAt(pos) === 35 && t.charCodeAt(pos + 1) === 124) {
          depth++;
          pos += 2;
        } else pos++;
      }
      onComment?.('block', open, pos);
    } else if (isAtmosphereSpace(c)) {
      if (pos >= t.length) return pos;
      pos++;
    } else return pos;
  }
}

/** End of the symbol / number token starting at `start`. */
export function scanToken(t: string, start: number): number {
  let i = start;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c <= 32 || c === 40 || c === 41 || c === 34 || c === 59 || c === 39 || c === 96 || c === 0xa0) break;
    i++;
  }
  return i;
}

/** Whether `start` is the first non-blank character of its line (a C-preprocessor directive can only sit there). */
export function atLineStart(t: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

const DIRECTIVE = /^#\s*(if|ifdef|ifndef|elif|else|endif|include|define|undef|import|pragma|error)\b/;

/** The C-preprocessor directive word at `start` (a `#` first on its line), if there is one. */
export function directiveAt(t: string, start: number): string | undefined {
  if (t.charCodeAt(start) !== 35 || !atLineStart(t, start)) return undefined;
  return DIRECTIVE.exec(t.slice(start, start + 12))?.[1];
}

/** A `"..."` string literal starting at `start`: its value and where it ends. */
export function readStringLiteral(t: string, start: number, fail: LexFail): { value: string; end: number } {
  let i = start + 1;
  let out = '';
  let chunk = i;
  for (;;) {
    if (i >= t.length) fail('reader/unclosed-string', 'unclosed string: no closing \'"\' before end of file', start);
    const c = t.charCodeAt(i);
    if (c === 34) {
      out += t.slice(chunk, i);
      return { value: out, end: i + 1 };
    }
    if (c === 92 /* \ */) {
      out += t.slice(chunk, i);
      const e = t[i + 1];
      if (e === undefined) fail('reader/unclosed-string', 'unclosed string: no closing \'"\' before end of file', start);
      switch (e) {
        case 'n':
          out += '\n';
          i += 2;
          break;
        case 't':
          out += '\t';
          i += 2;
          break;
        case 'r':
          out += '\r';
          i += 2;
          break;
        case 'x':
        case 'X': {
          // TinyScheme: \xHH (one or two hex digits)
          let j = i + 2;
          let v = 0;
          let n = 0;
          while (n < 2 && j < t.length && /[0-9a-fA-F]/.test(t[j])) {
            v = v * 16 + parseInt(t[j], 16);
            j++;
            n++;
          }
          if (n === 0) fail('reader/bad-escape', "bad string escape '\\x': expected one or two hex digits after it", i, i + 2);
          out += String.fromCharCode(v);
          i = j;
          break;
        }
        case '\n':
          // backslash-newline: line continuation
          i += 2;
          break;
        default:
          // any other backslash pair drops the backslash (TinyScheme readstrexp default branch)
          out += e;
          i += 2;
      }
      chunk = i;
      continue;
    }
    i++;
  }
}

/** What a `#` starts: a datum (with its end), or a `#;` datum comment (the next datum is dropped). */
export type HashToken = { kind: 'datum'; value: Value; end: number } | { kind: 'datum-comment'; end: number };

/** The `#...` syntax at `start` (a `#|` comment is atmosphere and never reaches here). */
export function readHash(t: string, start: number, fail: LexFail): HashToken {
  const n = t[start + 1];
  if (n === '"') {
    // raw string: backslashes reach the regex engine unchanged
    const end = t.indexOf('"', start + 2);
    if (end < 0) fail('reader/unclosed-string', 'unclosed regex literal #"...": no closing \'"\' before end of file', start, start + 2);
    return { kind: 'datum', value: t.slice(start + 2, end), end: end + 1 };
  }
  if (n === ';') return { kind: 'datum-comment', end: start + 2 };
  if (n === '\\') {
    // character literal: #\a, #\space, #\x41
    if (start + 3 > t.length) fail('reader/bad-char', 'character literal #\\ is missing its character', start, start + 2);
    const cp = t.codePointAt(start + 2)!;
    let j = start + 2 + (cp > 0xffff ? 2 : 1);
    while (j < t.length && !isCharNameDelimiter(t.charCodeAt(j))) j++;
    const name = t.slice(start + 2, j);
    if ([...name].length === 1) return { kind: 'datum', value: new Char(name.codePointAt(0)!), end: j };
    const lower = name.toLowerCase();
    if (lower in NAMED_CHARS) return { kind: 'datum', value: new Char(NAMED_CHARS[lower]), end: j };
    if (/^x[0-9a-f]+$/i.test(name)) {
      const code = parseInt(name.slice(1), 16);
      if (code > MAX_CODE_POINT) {
        fail('reader/bad-char', `character literal '#\\${name.slice(0, 20)}' is beyond Unicode`, start, j, 'a character is a code point from #\\x0 to #\\x10FFFF');
      }
      return { kind: 'datum', value: new Char(code), end: j };
    }
    fail('reader/bad-char', `unknown character name '#\\${name.slice(0, 40)}'`, start, j);
  }
  if (n === '(') fail('reader/vector', 'vectors #( ... ) are not supported in SBPL', start, start + 2);
  const end = scanToken(t, start);
  const tok = t.slice(start, end);
  switch (tok) {
    case '#t':
    case '#true':
      return { kind: 'datum', value: true, end };
    case '#f':
    case '#false':
      return { kind: 'datum', value: false, end };
  }
  const num = parseRadixNumber(tok);
  if (num !== undefined) return { kind: 'datum', value: num, end };
  const word = directiveAt(t, start);
  if (word) {
    fail(
      'reader/preprocessor',
      `C preprocessor directive '#${word}': this file is a C-preprocessor template, not plain SBPL`,
      start,
      end,
      'run with --preprocess (and --cpp-define NAME=VALUE for its macros) to expand it first',
    );
  }
  fail('reader/bad-hash', `unknown '#' syntax '${tok.slice(0, 20)}'`, start, end, 'expected #t, #f, #\\c, #"regex", #x/#o/#b numbers or a #| comment |#');
}

function parseRadixNumber(tok: string): number | undefined {
  const m = /^#([xXoObBdDeEiI])(.+)$/.exec(tok);
  if (!m) return undefined;
  const radix = { x: 16, o: 8, b: 2, d: 10, e: 10, i: 10 }[m[1].toLowerCase() as 'x' | 'o' | 'b' | 'd' | 'e' | 'i'];
  const body = m[2];
  if (radix === 10) return parseDecimal(body);
  const digits = radix === 16 ? /^[+-]?[0-9a-fA-F]+$/ : radix === 8 ? /^[+-]?[0-7]+$/ : /^[+-]?[01]+$/;
  if (!digits.test(body)) return undefined;
  return parseInt(body, radix);
}

function parseDecimal(tok: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(tok)) return Number(tok);
  return undefined;
}

/** A symbol or number token's value. */
export function parseAtom(tok: string): Value {
  const c = tok.charCodeAt(0);
  if ((c >= 48 && c <= 57) || ((c === 43 || c === 45 || c === 46) && tok.length > 1)) {
    const v = parseDecimal(tok);
    if (v !== undefined) return v;
  }
  return Sym.of(tok);
}
