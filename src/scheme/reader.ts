// The SBPL reader: s-expression text -> Scheme data with source spans.
// Follows TinyScheme's lexical rules as Apple's libsandbox uses them (research/sbpl-corpus.md §2):
// `;` and `#| |#` comments, `"..."` strings whose unknown escapes drop the backslash, `#"..."` raw
// (regex) strings, `#t`/`#f`, `#\c` characters, `#o`/`#x`/`#b` numbers, quote forms, dotted pairs.
// Iterative (no recursion), so deeply nested input cannot overflow the stack.

import { SbplError } from '../diagnostics/diagnostic.js';
import { SourceFile, type Src } from './source.js';
import { Char, NIL, Pair, Sym, type Value } from './values.js';

export interface TopForm {
  datum: Value;
  src: Src;
}

export interface ReadOptions {
  /** Maximum list nesting depth. */
  maxNesting?: number;
}

const QUOTE = Sym.of('quote');
const QUASIQUOTE = Sym.of('quasiquote');
const UNQUOTE = Sym.of('unquote');
const UNQUOTE_SPLICING = Sym.of('unquote-splicing');

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

function isDelimiter(c: number): boolean {
  // whitespace, parens, quote, semicolon, double quote end a token
  return c !== c /* NaN */ || c <= 32 || c === 40 || c === 41 || c === 34 || c === 59 || c === 39 || c === 96 || c === 44;
}

interface Frame {
  items: Value[];
  srcs: Array<Src | undefined>;
  /** Offset of the opening paren. */
  start: number;
  /** Index into items where the dotted tail sits (set after `.`). */
  dotAt: number;
  /** Quote prefixes waiting for the next datum: [symbol, offset] (innermost last). */
  pendingQuotes: Array<[Sym, number]>;
}

export function readSource(file: SourceFile, options: ReadOptions = {}): TopForm[] {
  return new Reader(file, options.maxNesting ?? 10_000).readAll();
}

/** Read one datum from a string (used by `read` on string ports). Returns undefined at end of input. */
export function readOne(text: string, name = '<string>'): { datum: Value; end: number } | undefined {
  const r = new Reader(new SourceFile(name, text), 10_000);
  return r.readNext();
}

class Reader {
  private pos = 0;
  private readonly text: string;

  constructor(
    private readonly file: SourceFile,
    private readonly maxNesting: number,
  ) {
    this.text = file.text;
  }

  private fail(code: string, message: string, start: number, end = start + 1, hint?: string): never {
    throw new SbplError({ severity: 'error', code, message, span: this.file.span(start, Math.max(end, start + 1)), hint });
  }

  readAll(): TopForm[] {
    const out: TopForm[] = [];
    for (;;) {
      const r = this.readNext();
      if (!r) return out;
      out.push({ datum: r.datum, src: r.src });
    }
  }

  /** Read the next complete datum, iteratively. */
  readNext(): ({ datum: Value; src: Src; end: number }) | undefined {
    const stack: Frame[] = [];
    // quote prefixes at top level
    const topQuotes: Array<[Sym, number]> = [];
    for (;;) {
      this.skipAtmosphere();
      const t = this.text;
      const start = this.pos;
      if (start >= t.length) {
        if (stack.length > 0) {
          const open = stack[stack.length - 1];
          const outer = stack[0];
          this.fail(
            'reader/unclosed-list',
            `unclosed '(': end of file reached before its ')'`,
            outer.start,
            outer.start + 1,
            stack.length > 1 ? `${stack.length} lists are open; the innermost opened at offset ${open.start}` : undefined,
          );
        }
        const q = topQuotes.length ? topQuotes[topQuotes.length - 1] : undefined;
        if (q) this.fail('reader/dangling-quote', `'${q[0].name}' prefix is not followed by a datum`, q[1]);
        return undefined;
      }
      const c = t.charCodeAt(start);
      let datum: Value;
      let dsrc: Src;
      const top = stack.length ? stack[stack.length - 1] : undefined;
      if (c === 40 /* ( */) {
        if (stack.length >= this.maxNesting) this.fail('reader/too-deep', `lists nested more than ${this.maxNesting} deep`, start);
        this.pos++;
        stack.push({ items: [], srcs: [], start, dotAt: -1, pendingQuotes: [] });
        continue;
      } else if (c === 41 /* ) */) {
        this.pos++;
        if (!top) this.fail('reader/unexpected-close', "unexpected ')': no list is open here", start);
        if (top.pendingQuotes.length) {
          const q = top.pendingQuotes[top.pendingQuotes.length - 1];
          this.fail('reader/dangling-quote', `'${q[0].name}' prefix is not followed by a datum`, q[1]);
        }
        if (top.dotAt >= 0 && top.items.length !== top.dotAt + 1) {
          this.fail('reader/bad-dot', "a '.' in a list must be followed by exactly one datum", start);
        }
        stack.pop();
        const src: Src = { file: this.file, start: top.start, end: this.pos };
        datum = this.buildList(top, src);
        dsrc = src;
      } else if (c === 91 || c === 93 || c === 123 || c === 125) {
        this.fail(
          'reader/bracket',
          `'${t[start]}' is not SBPL syntax: lists use '(' and ')'`,
          start,
        );
      } else if (c === 39 || c === 96 || c === 44) {
        // quote prefixes
        let sym: Sym;
        if (c === 39) sym = QUOTE;
        else if (c === 96) sym = QUASIQUOTE;
        else if (t.charCodeAt(start + 1) === 64) {
          sym = UNQUOTE_SPLICING;
          this.pos++;
        } else sym = UNQUOTE;
        this.pos++;
        (top ? top.pendingQuotes : topQuotes).push([sym, start]);
        continue;
      } else if (c === 34 /* " */) {
        datum = this.readString(start);
        dsrc = { file: this.file, start, end: this.pos };
      } else if (c === 35 /* # */) {
        const r = this.readHash(start, this.atLineStart(start));
        if (r === SKIP_DATUM) {
          // `#;` datum comment: read and drop the next datum
          const saved = this.pos;
          const skipped = this.readNext();
          if (!skipped) this.fail('reader/dangling-datum-comment', "'#;' is not followed by a datum", saved - 2);
          continue;
        }
        datum = r;
        dsrc = { file: this.file, start, end: this.pos };
      } else {
        const tokEnd = this.scanToken(start);
        const tok = t.slice(start, tokEnd);
        this.pos = tokEnd;
        if (tok === '.') {
          if (!top) this.fail('reader/bad-dot', "'.' outside a list", start);
          if (top.items.length === 0 || top.dotAt >= 0) this.fail('reader/bad-dot', "misplaced '.' in a list", start);
          top.dotAt = top.items.length;
          continue;
        }
        datum = parseAtom(tok);
        dsrc = { file: this.file, start, end: tokEnd };
      }
      // the list that receives this datum (after a ')' it is the enclosing one)
      const parent = stack.length ? stack[stack.length - 1] : undefined;
      // attach pending quote prefixes (innermost first)
      const quotes = parent ? parent.pendingQuotes : topQuotes;
      while (quotes.length) {
        const [sym, qstart] = quotes.pop()!;
        const qsrc: Src = { file: this.file, start: qstart, end: dsrc.end };
        datum = new Pair(sym, new Pair(datum, NIL, undefined, dsrc), qsrc, { file: this.file, start: qstart, end: qstart + 1 });
        dsrc = qsrc;
      }
      if (!parent) return { datum, src: dsrc, end: this.pos };
      if (parent.dotAt >= 0 && parent.items.length > parent.dotAt) {
        this.fail('reader/bad-dot', "a '.' in a list must be followed by exactly one datum", dsrc.start);
      }
      parent.items.push(datum);
      parent.srcs.push(dsrc);
    }
  }

  private buildList(frame: Frame, src: Src): Value {
    const { items, srcs } = frame;
    let tail: Value = NIL;
    let n = items.length;
    if (frame.dotAt >= 0) {
      tail = items[n - 1];
      n--;
    }
    let r: Value = tail;
    for (let i = n - 1; i >= 0; i--) {
      const s = srcs[i];
      r = new Pair(items[i], r, i === 0 ? src : undefined, s);
    }
    if (n === 0) return NIL;
    return r;
  }

  private atLineStart(start: number): boolean {
    for (let i = start - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  private skipAtmosphere(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 59 /* ; */) {
        while (this.pos < t.length) {
          const d = t.charCodeAt(this.pos);
          if (d === 10 || d === 13) break;
          this.pos++;
        }
      } else if (c === 35 && t.charCodeAt(this.pos + 1) === 124 /* #| */) {
        const open = this.pos;
        this.pos += 2;
        let depth = 1;
        while (depth > 0) {
          if (this.pos >= t.length) this.fail('reader/unclosed-comment', "unclosed '#|' block comment", open, open + 2);
          if (t.charCodeAt(this.pos) === 124 && t.charCodeAt(this.pos + 1) === 35) {
            depth--;
            this.pos += 2;
          } else if (t.charCodeAt(this.pos) === 35 && t.charCodeAt(this.pos + 1) === 124) {
            depth++;
            this.pos += 2;
          } else this.pos++;
        }
      } else if (c <= 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) {
        if (this.pos >= t.length) return;
        this.pos++;
      } else return;
    }
  }

  private scanToken(start: number): number {
    const t = this.text;
    let i = start;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c <= 32 || c === 40 || c === 41 || c === 34 || c === 59 || c === 39 || c === 96 || c === 0xa0) break;
      i++;
    }
    return i;
  }

  private readString(start: number): string {
    const t = this.text;
    let i = start + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= t.length) this.fail('reader/unclosed-string', 'unclosed string: no closing \'"\' before end of file', start);
      const c = t.charCodeAt(i);
      if (c === 34) {
        out += t.slice(chunk, i);
        this.pos = i + 1;
        return out;
      }
      if (c === 92 /* \ */) {
        out += t.slice(chunk, i);
        const e = t[i + 1];
        if (e === undefined) this.fail('reader/unclosed-string', 'unclosed string: no closing \'"\' before end of file', start);
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
            if (n === 0) this.fail('reader/bad-escape', "bad string escape '\\x': expected one or two hex digits after it", i, i + 2);
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

  private readHash(start: number, lineStart: boolean): Value | typeof SKIP_DATUM {
    const t = this.text;
    const n = t[start + 1];
    if (n === '"') {
      // raw string: backslashes reach the regex engine unchanged
      const end = t.indexOf('"', start + 2);
      if (end < 0) this.fail('reader/unclosed-string', 'unclosed regex literal #"...": no closing \'"\' before end of file', start, start + 2);
      this.pos = end + 1;
      return t.slice(start + 2, end);
    }
    if (n === ';') {
      this.pos = start + 2;
      return SKIP_DATUM;
    }
    if (n === '\\') {
      // character literal: #\a, #\space, #\x41
      let j = start + 3;
      if (j > t.length) this.fail('reader/bad-char', 'character literal #\\ is missing its character', start, start + 2);
      const cp = t.codePointAt(start + 2)!;
      j = start + 2 + (cp > 0xffff ? 2 : 1);
      while (j < t.length && !isDelimiter(t.charCodeAt(j))) j++;
      const name = t.slice(start + 2, j);
      this.pos = j;
      if ([...name].length === 1) return new Char(name.codePointAt(0)!);
      const lower = name.toLowerCase();
      if (lower in NAMED_CHARS) return new Char(NAMED_CHARS[lower]);
      if (/^x[0-9a-f]+$/i.test(name)) return new Char(parseInt(name.slice(1), 16));
      this.fail('reader/bad-char', `unknown character name '#\\${name}'`, start, j);
    }
    if (n === '(') this.fail('reader/vector', 'vectors #( ... ) are not supported in SBPL', start, start + 2);
    const end = this.scanToken(start);
    const tok = t.slice(start, end);
    this.pos = end;
    switch (tok) {
      case '#t':
      case '#true':
        return true;
      case '#f':
      case '#false':
        return false;
    }
    const num = parseRadixNumber(tok);
    if (num !== undefined) return num;
    if (lineStart && /^#\s*(if|ifdef|ifndef|elif|else|endif|include|define|undef|import|pragma|error)\b/.test(t.slice(start, start + 12))) {
      const word = /^#\s*([a-z]+)/.exec(t.slice(start, start + 12))![1];
      this.fail(
        'reader/preprocessor',
        `C preprocessor directive '#${word}': this file is a C-preprocessor template, not plain SBPL`,
        start,
        end,
        'run with --preprocess (and --cpp-define NAME=VALUE for its macros) to expand it first',
      );
    }
    this.fail('reader/bad-hash', `unknown '#' syntax '${tok.slice(0, 20)}'`, start, end, 'expected #t, #f, #\\c, #"regex", #x/#o/#b numbers or a #| comment |#');
  }
}

const SKIP_DATUM = Symbol('skip');

function parseRadixNumber(tok: string): number | undefined {
  const m = /^#([xXoObBdDeEiI])(.+)$/.exec(tok);
  if (!m) return undefined;
  const radix = { x: 16, o: 8, b: 2, d: 10, e: 10, i: 10 }[m[1].toLowerCase() as 'x' | 'o' | 'b' | 'd' | 'e' | 'i'];
  const body = m[2];
  if (radix === 10) {
    const v = parseDecimal(body);
    return v;
  }
  const digits = radix === 16 ? /^[+-]?[0-9a-fA-F]+$/ : radix === 8 ? /^[+-]?[0-7]+$/ : /^[+-]?[01]+$/;
  if (!digits.test(body)) return undefined;
  return parseInt(body, radix);
}

function parseDecimal(tok: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(tok)) return Number(tok);
  return undefined;
}

function parseAtom(tok: string): Value {
  const c = tok.charCodeAt(0);
  if ((c >= 48 && c <= 57) || ((c === 43 || c === 45 || c === 46) && tok.length > 1)) {
    const v = parseDecimal(tok);
    if (v !== undefined) return v;
  }
  return Sym.of(tok);
}
