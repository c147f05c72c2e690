// A lossless syntax tree of SBPL text, for tools that rewrite text (the formatter, an editor): every token's
// exact text, every comment (`;`, `#| |#`, `#;` datum comments, C-preprocessor lines of a template) attached
// to the datum it belongs to, and where blank lines were. It splits text with the reader's own lexical rules
// (lexer.ts), so it sees exactly the data the reader sees.
//
// Attachment: a comment on the same line after a datum is that datum's `trailing` comment; other comments are
// `leading` comments of the next datum, or `close` comments before a list's ')' (or the end of the file).
// A trailing comment after a list's last datum moves past the ')' (it belongs to the line, not the list), so
// reformatting never has to keep a ')' alone on a line after it.

import { SbplError } from '../diagnostics/diagnostic.js';
import { directiveAt, readHash, readStringLiteral, scanToken, skipAtmosphere, type LexFail } from './lexer.js';
import { DEFAULT_LIMITS, limitHint } from './limits.js';
import { SourceFile } from './source.js';

export type QuotePrefix = "'" | '`' | ',' | ',@';

export type SyntaxComment =
  /** `; ...` (text without the line break). */
  | { kind: 'line'; text: string; blankBefore: boolean; start: number; end: number }
  /** `#| ... |#`, nested ones included, verbatim. */
  | { kind: 'block'; text: string; blankBefore: boolean; start: number; end: number }
  /** A C-preprocessor line of a template (`#if X`, `#include "f"`), verbatim; always alone on its line. */
  | { kind: 'directive'; text: string; blankBefore: boolean; start: number; end: number }
  /** `#;` and the datum it comments out (`gap`: comments between the two). */
  | { kind: 'datum'; gap: SyntaxComment[]; node: SyntaxNode; blankBefore: boolean; start: number; end: number };

export type SyntaxNode =
  /** A symbol, number, boolean, character, string, `#"raw"` string or the `.` of a dotted list: its exact text. */
  | { kind: 'atom'; text: string; start: number; end: number }
  | { kind: 'list'; items: SyntaxItem[]; close: SyntaxComment[]; start: number; end: number }
  /** `'x`, `` `x ``, `,x`, `,@x`; `gap` holds comments between the prefix and its datum. */
  | { kind: 'prefixed'; prefix: QuotePrefix; gap: SyntaxComment[]; node: SyntaxNode; start: number; end: number };

export interface SyntaxItem {
  node: SyntaxNode;
  /** Comments on their own lines before the datum. */
  leading: SyntaxComment[];
  /** A `;` or `#| |#` comment on the same line, after the datum. */
  trailing?: SyntaxComment;
  /** A blank line separates the datum from what precedes it (not for the first thing in a list or file). */
  blankBefore: boolean;
}

export interface SyntaxTree {
  items: SyntaxItem[];
  /** Comments after the last datum. */
  close: SyntaxComment[];
}

export interface SyntaxTreeOptions {
  /** Lists nested inside one another (Limits.maxNesting). */
  maxNesting?: number;
}

/** Read `file` into a syntax tree; a located SbplError (the reader's codes) for text the reader would reject. */
export function readSyntaxTree(file: SourceFile, options: SyntaxTreeOptions = {}): SyntaxTree {
  return new TreeReader(file, options.maxNesting ?? DEFAULT_LIMITS.maxNesting).readFile();
}

/** Every comment of a tree, in text order (datum comments with their own nested comments after them). */
export function* treeComments(tree: SyntaxTree): Generator<SyntaxComment> {
  const ofComment = function* (c: SyntaxComment): Generator<SyntaxComment> {
    yield c;
    if (c.kind === 'datum') {
      for (const g of c.gap) yield* ofComment(g);
      yield* ofNode(c.node);
    }
  };
  const ofItems = function* (items: SyntaxItem[], close: SyntaxComment[]): Generator<SyntaxComment> {
    for (const it of items) {
      for (const c of it.leading) yield* ofComment(c);
      yield* ofNode(it.node);
      if (it.trailing) yield* ofComment(it.trailing);
    }
    for (const c of close) yield* ofComment(c);
  };
  const ofNode = function* (n: SyntaxNode): Generator<SyntaxComment> {
    if (n.kind === 'list') yield* ofItems(n.items, n.close);
    else if (n.kind === 'prefixed') {
      for (const g of n.gap) yield* ofComment(g);
      yield* ofNode(n.node);
    }
  };
  yield* ofItems(tree.items, tree.close);
}

/** One thing met in a sequence: a datum, or a comment (`sameLine`: no line break since the previous thing). */
type Piece =
  | { kind: 'node'; node: SyntaxNode; blank: boolean; sameLine: boolean }
  | { kind: 'comment'; comment: SyntaxComment; blank: boolean; sameLine: boolean };

class TreeReader {
  private pos = 0;
  /** Offsets of the lists open around the current position, outermost first. */
  private readonly opens: number[] = [];
  private readonly text: string;
  private readonly fail: LexFail = (code: string, message: string, start: number, end = start + 1, hint?: string): never => {
    throw new SbplError({ severity: 'error', code, message, span: this.file.span(start, Math.max(end, start + 1)), hint });
  };

  constructor(
    private readonly file: SourceFile,
    private readonly maxNesting: number,
  ) {
    this.text = file.text;
  }

  readFile(): SyntaxTree {
    const { items, close } = this.readSequence(-1);
    return { items, close };
  }

  /** Comments and blank lines from the current position up to the next datum (or ')' or the end). */
  private atmosphere(out: Piece[], prevEnd: number): number {
    const t = this.text;
    let last = prevEnd;
    const onComment = (kind: 'line' | 'block', start: number, end: number): void => {
      const gap = breaks(t, last, start);
      let text = t.slice(start, end);
      if (kind === 'line') text = text.replace(/\s+$/, '');
      out.push({ kind: 'comment', comment: { kind, text, blankBefore: false, start, end }, blank: gap >= 2, sameLine: gap === 0 && last >= 0 });
      last = end;
    };
    for (;;) {
      this.pos = skipAtmosphere(t, this.pos, this.fail, onComment);
      // a C-preprocessor line (where the reader would stop with reader/preprocessor) is kept as a comment
      if (directiveAt(t, this.pos)) {
        const start = this.pos;
        let end = start;
        while (end < t.length && t.charCodeAt(end) !== 10 && t.charCodeAt(end) !== 13) end++;
        const gap = breaks(t, last, start);
        out.push({ kind: 'comment', comment: { kind: 'directive', text: t.slice(start, end), blankBefore: false, start, end }, blank: gap >= 2, sameLine: false });
        last = end;
        this.pos = end;
        continue;
      }
      return last;
    }
  }

  /** Datums and comments until the ')' closing the list opened at `open` (or the end of the file when -1). */
  private readSequence(open: number): { items: SyntaxItem[]; close: SyntaxComment[]; end: number } {
    const t = this.text;
    const pieces: Piece[] = [];
    let last = open < 0 ? -1 : open + 1;
    for (;;) {
      last = this.atmosphere(pieces, last);
      const start = this.pos;
      if (start >= t.length) {
        if (open >= 0) {
          // as the reader says it: the outermost open list, the innermost in the hint
          const outer = this.opens[0];
          const n = this.opens.length;
          this.fail('reader/unclosed-list', "unclosed '(': end of file reached before its ')'", outer, outer + 1, n > 1 ? `${n} lists are open; the innermost opened at offset ${open}` : undefined);
        }
        return { ...group(pieces), end: start };
      }
      if (t.charCodeAt(start) === 41 /* ) */) {
        if (open < 0) this.fail('reader/unexpected-close', "unexpected ')': no list is open here", start);
        this.pos++;
        return { ...group(pieces), end: this.pos };
      }
      const gap = breaks(t, last, start);
      const r = this.readDatumOrComment();
      if (r.kind === 'comment') pieces.push({ kind: 'comment', comment: r.comment, blank: gap >= 2, sameLine: false });
      else pieces.push({ kind: 'node', node: r.node, blank: gap >= 2, sameLine: gap === 0 });
      // a comment that ended a list's last line moves out with the list
      if (r.hoisted) pieces.push({ kind: 'comment', comment: r.hoisted, blank: false, sameLine: true });
      last = this.pos;
    }
  }

  /**
   * The datum (or `#;` datum comment) at the current position; `hoisted` is a comment that ended the last line
   * of a list in it and goes after it.
   */
  private readDatumOrComment(): ({ kind: 'node'; node: SyntaxNode } | { kind: 'comment'; comment: SyntaxComment }) & { hoisted?: SyntaxComment } {
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(start) === 35 /* # */ && t.charCodeAt(start + 1) === 59 /* ; */) {
      this.pos += 2;
      const gap: SyntaxComment[] = [];
      const inner = this.nextDatum(gap, start, true);
      return { kind: 'comment', comment: { kind: 'datum', gap, node: inner.node, blankBefore: false, start, end: this.pos }, hoisted: inner.hoisted };
    }
    return { kind: 'node', ...this.readDatum() };
  }

  /** Comments, then the datum they precede (after a quote prefix or `#;`). */
  private nextDatum(gap: SyntaxComment[], prefixStart: number, datumComment: boolean, what = ''): { node: SyntaxNode; hoisted?: SyntaxComment } {
    for (;;) {
      const pieces: Piece[] = [];
      this.atmosphere(pieces, this.pos);
      for (const p of pieces) if (p.kind === 'comment') gap.push(p.comment);
      const atEnd = this.pos >= this.text.length;
      if (atEnd || this.text.charCodeAt(this.pos) === 41) {
        // the reader's own errors: `#;` reads the next datum on its own, so a ')' there closes nothing
        if (datumComment && atEnd) this.fail('reader/dangling-datum-comment', "'#;' is not followed by a datum", prefixStart, prefixStart + 2);
        if (datumComment) this.fail('reader/unexpected-close', "unexpected ')': no list is open here", this.pos);
        this.fail('reader/dangling-quote', `'${what}' prefix is not followed by a datum`, prefixStart);
      }
      const r = this.readDatumOrComment();
      if (r.kind === 'node') return r;
      gap.push(r.comment);
      if (r.hoisted) gap.push(r.hoisted);
    }
  }

  private readDatum(): { node: SyntaxNode; hoisted?: SyntaxComment } {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === 40 /* ( */) {
      if (this.opens.length >= this.maxNesting) {
        this.fail('limit/nesting', `lists nested more than ${this.maxNesting} deep (limit maxNesting)`, start, start + 1, limitHint('maxNesting'));
      }
      this.pos++;
      this.opens.push(start);
      const seq = this.readSequence(start);
      this.opens.pop();
      const items = seq.items;
      let hoisted: SyntaxComment | undefined;
      const lastItem = items[items.length - 1];
      if (lastItem?.trailing && seq.close.length === 0) {
        hoisted = lastItem.trailing;
        lastItem.trailing = undefined;
      }
      return { node: { kind: 'list', items, close: seq.close, start, end: this.pos }, hoisted };
    }
    if (c === 91 || c === 93 || c === 123 || c === 125) this.fail('reader/bracket', `'${t[start]}' is not SBPL syntax: lists use '(' and ')'`, start);
    if (c === 39 || c === 96 || c === 44) {
      let prefix: QuotePrefix = c === 39 ? "'" : c === 96 ? '`' : ',';
      if (c === 44 && t.charCodeAt(start + 1) === 64) prefix = ',@';
      this.pos += prefix.length;
      const gap: SyntaxComment[] = [];
      const inner = this.nextDatum(gap, start, false, PREFIX_NAMES[prefix]);
      return { node: { kind: 'prefixed', prefix, gap, node: inner.node, start, end: this.pos }, hoisted: inner.hoisted };
    }
    let end: number;
    if (c === 34 /* " */) end = readStringLiteral(t, start, this.fail).end;
    else if (c === 35 /* # */) end = readHash(t, start, this.fail).end;
    else end = scanToken(t, start);
    this.pos = end;
    return { node: { kind: 'atom', text: t.slice(start, end), start, end } };
  }
}

/** Line breaks between two offsets (CRLF counts once); a negative `from` is the start of the text. */
function breaks(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = Math.max(0, from); i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (t.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

const PREFIX_NAMES: Record<QuotePrefix, string> = { "'": 'quote', '`': 'quasiquote', ',': 'unquote', ',@': 'unquote-splicing' };

/** Attach the comments of a sequence to its datums. */
function group(pieces: Piece[]): { items: SyntaxItem[]; close: SyntaxComment[] } {
  const items: SyntaxItem[] = [];
  let pending: SyntaxComment[] = [];
  for (const p of pieces) {
    const blank = p.blank && (items.length > 0 || pending.length > 0);
    if (p.kind === 'node') {
      items.push({ node: p.node, leading: pending, blankBefore: blank });
      pending = [];
      continue;
    }
    const c = p.comment;
    const prev = items[items.length - 1];
    if (p.sameLine && prev && !prev.trailing && pending.length === 0 && (c.kind === 'line' || c.kind === 'block')) {
      prev.trailing = c;
      continue;
    }
    c.blankBefore = blank;
    pending.push(c);
  }
  return { items, close: pending };
}
