// The SBPL reader: s-expression text -> Scheme data with source spans.
// The lexical rules (lexer.ts) are TinyScheme's as Apple's libsandbox uses them; this adds lists, quote
// forms and dotted pairs. Iterative (no recursion), so deeply nested input cannot overflow the stack.

import { SbplError } from '../diagnostics/diagnostic.js';
import { parseAtom, readHash, type LexFail, readStringLiteral, scanToken, skipAtmosphere } from './lexer.js';
import { DEFAULT_LIMITS, limitHint } from './limits.js';
import { SourceFile, type Src } from './source.js';
import { NIL, Pair, Sym, type Value } from './values.js';

export interface TopForm {
  datum: Value;
  src: Src;
}

export interface ReadOptions {
  /** Maximum list nesting depth (Limits.maxNesting). */
  maxNesting?: number;
}

const QUOTE = Sym.of('quote');
const QUASIQUOTE = Sym.of('quasiquote');
const UNQUOTE = Sym.of('unquote');
const UNQUOTE_SPLICING = Sym.of('unquote-splicing');

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
  return new Reader(file, options.maxNesting ?? DEFAULT_LIMITS.maxNesting).readAll();
}

/**
 * Read one datum of a text from offset `from` (`read` on a string port). Returns undefined at end of input;
 * `end` is the offset just after the datum. Pass the same SourceFile for every read of one text, so line
 * positions are computed once.
 */
export function readOne(source: SourceFile | string, from = 0, maxNesting = DEFAULT_LIMITS.maxNesting): { datum: Value; end: number } | undefined {
  const file = typeof source === 'string' ? new SourceFile('<string>', source) : source;
  return new Reader(file, maxNesting, from).readNext();
}

class Reader {
  private readonly text: string;
  private readonly fail: LexFail = (code: string, message: string, start: number, end = start + 1, hint?: string): never => {
    throw new SbplError({ severity: 'error', code, message, span: this.file.span(start, Math.max(end, start + 1)), hint });
  };

  constructor(
    private readonly file: SourceFile,
    private readonly maxNesting: number,
    private pos = 0,
  ) {
    this.text = file.text;
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
        if (stack.length >= this.maxNesting) {
          this.fail('limit/nesting', `lists nested more than ${this.maxNesting} deep (limit maxNesting)`, start, start + 1, limitHint('maxNesting'));
        }
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
        const r = readStringLiteral(t, start, this.fail);
        this.pos = r.end;
        datum = r.value;
        dsrc = { file: this.file, start, end: this.pos };
      } else if (c === 35 /* # */) {
        const r = readHash(t, start, this.fail);
        this.pos = r.end;
        if (r.kind === 'datum-comment') {
          // `#;` datum comment: read and drop the next datum
          const skipped = this.readNext();
          if (!skipped) this.fail('reader/dangling-datum-comment', "'#;' is not followed by a datum", start, start + 2);
          continue;
        }
        datum = r.value;
        dsrc = { file: this.file, start, end: this.pos };
      } else {
        const tokEnd = scanToken(t, start);
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

  private skipAtmosphere(): void {
    this.pos = skipAtmosphere(this.text, this.pos, this.fail);
  }
}
