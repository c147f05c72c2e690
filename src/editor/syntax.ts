// An error-tolerant, position-keeping reading of SBPL text for editor features. The front end's reader
// stops at the first error and drops comments; an editor needs a tree of half-typed text (unclosed lists,
// a string still being written) and the comments beside definitions. Lexical rules follow the front
// end's reader (TinyScheme's, as libsandbox uses them): `;` and nested `#| |#` comments, `"..."` strings
// with backslash escapes, `#"..."` raw (regex) strings, `#t`/`#f`, `#\c`, `#x`/`#o`/`#b` numbers, quotes.

export type AtomKind = 'symbol' | 'string' | 'regex' | 'number' | 'boolean' | 'char' | 'hash';

export interface Atom extends Prefixed {
  kind: AtomKind;
  start: number;
  end: number;
  /** Source text of the token. */
  text: string;
  /** For strings and regexes: the value the reader gives (escapes applied for "..."; raw for #"..."). */
  value?: string;
  /** A string or regex with no closing quote before the end of the text. */
  unterminated?: boolean;
}

export interface List extends Prefixed {
  kind: 'list';
  /** Offset of `(`. */
  start: number;
  /** Offset just past `)`, or the end of the text for an unclosed list. */
  end: number;
  closed: boolean;
  items: Node[];
}

/** A datum, with the quote prefixes written before it (`'x`, `` `x ``, `,x`, `#;x`) in `prefix`. */
export type Node = Atom | List;

interface Prefixed {
  prefix?: string;
  prefixStart?: number;
}

export interface Comment {
  kind: 'line' | 'block';
  start: number;
  end: number;
}

export interface SyntaxTree {
  text: string;
  forms: Node[];
  comments: Comment[];
}

const DELIMS = new Set([32, 9, 10, 13, 12, 11, 40, 41, 34, 59, 39, 96, 44]);

function isDelim(c: number): boolean {
  return Number.isNaN(c) || c <= 32 || DELIMS.has(c) || c === 0xa0;
}

export function parseTree(text: string): SyntaxTree {
  const comments: Comment[] = [];
  const top: Node[] = [];
  const stack: List[] = [];
  let pendingPrefix: Array<{ text: string; start: number }> = [];
  let i = 0;
  const n = text.length;
  const push = (node: Node) => {
    if (pendingPrefix.length) {
      node.prefix = pendingPrefix.map((p) => p.text).join('');
      node.prefixStart = pendingPrefix[0].start;
      pendingPrefix = [];
    }
    (stack.length ? stack[stack.length - 1].items : top).push(node);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) {
      i++;
    } else if (c === 59 /* ; */) {
      const s = i;
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      comments.push({ kind: 'line', start: s, end: i });
    } else if (c === 35 /* # */ && text.charCodeAt(i + 1) === 124 /* | */) {
      const s = i;
      i += 2;
      let depth = 1;
      while (i < n && depth > 0) {
        if (text.charCodeAt(i) === 124 && text.charCodeAt(i + 1) === 35) {
          depth--;
          i += 2;
        } else if (text.charCodeAt(i) === 35 && text.charCodeAt(i + 1) === 124) {
          depth++;
          i += 2;
        } else i++;
      }
      comments.push({ kind: 'block', start: s, end: i });
    } else if (c === 40 /* ( */) {
      const list: List = { kind: 'list', start: i, end: n, closed: false, items: [] };
      push(list);
      stack.push(list);
      i++;
    } else if (c === 41 /* ) */) {
      i++;
      const list = stack.pop();
      if (list) {
        list.end = i;
        list.closed = true;
      }
      pendingPrefix = [];
    } else if (c === 39 || c === 96 || c === 44) {
      const len = c === 44 && text.charCodeAt(i + 1) === 64 ? 2 : 1;
      pendingPrefix.push({ text: text.slice(i, i + len), start: i });
      i += len;
    } else if (c === 34 /* " */) {
      const s = i;
      const r = readString(text, i);
      i = r.end;
      push({ kind: 'string', start: s, end: i, text: text.slice(s, i), value: r.value, unterminated: r.unterminated || undefined });
    } else if (c === 35 /* # */) {
      const s = i;
      const next = text[i + 1];
      if (next === '"') {
        const close = text.indexOf('"', i + 2);
        i = close < 0 ? n : close + 1;
        push({ kind: 'regex', start: s, end: i, text: text.slice(s, i), value: text.slice(s + 2, close < 0 ? n : close), unterminated: close < 0 || undefined });
      } else if (next === ';') {
        pendingPrefix.push({ text: '#;', start: i });
        i += 2;
      } else if (next === '\\') {
        i += 3;
        while (i < n && !isDelim(text.charCodeAt(i))) i++;
        i = Math.min(i, n);
        push({ kind: 'char', start: s, end: i, text: text.slice(s, i) });
      } else {
        i = scanToken(text, i + 1);
        const tok = text.slice(s, i);
        const kind: AtomKind = /^#(t|f|true|false)$/.test(tok) ? 'boolean' : /^#[xXoObBdDeEiI][0-9a-fA-F.+-]+$/.test(tok) ? 'number' : 'hash';
        push({ kind, start: s, end: i, text: tok });
      }
    } else {
      const s = i;
      i = scanToken(text, i);
      if (i === s) i++; // a lone delimiter we do not otherwise read ([ ] { } are not SBPL syntax)
      const tok = text.slice(s, i);
      push({ kind: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(tok) ? 'number' : 'symbol', start: s, end: i, text: tok });
    }
  }
  return { text, forms: top, comments };
}

function scanToken(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isDelim(text.charCodeAt(i))) i++;
  return i;
}

function readString(text: string, start: number): { end: number; value: string; unterminated: boolean } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { end: i + 1, value: out, unterminated: false };
    if (c === '\\' && i + 1 < text.length) {
      const e = text[i + 1];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === 'x' || e === 'X') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += 2 + m[0].length;
          continue;
        }
      } else if (e !== '\n') out += e;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return { end: text.length, value: out, unterminated: true };
}

// ---------------------------------------------------------------------------------------------------
// Queries

/** The symbol at the head of a list, if it is one. */
export function headName(list: List): string | undefined {
  const h = list.items[0];
  return h && h.kind === 'symbol' && !h.prefix ? h.text : undefined;
}

/** Nodes that contain `offset`, outermost first. An atom counts when the offset touches it (cursor at its end). */
export function pathAt(tree: SyntaxTree, offset: number): Node[] {
  const out: Node[] = [];
  let items = tree.forms;
  for (;;) {
    const hit = items.find((nd) => (nd.kind === 'list' ? nd.start < offset && (offset < nd.end || (!nd.closed && offset <= nd.end)) : nd.start <= offset && offset <= nd.end));
    if (!hit) return out;
    out.push(hit);
    if (hit.kind !== 'list') return out;
    items = hit.items;
  }
}

/** Whether an offset lies inside a comment. */
export function inComment(tree: SyntaxTree, offset: number): boolean {
  return tree.comments.some((c) => c.start < offset && (offset < c.end || (c.kind === 'line' && offset === c.end)));
}

export interface Definition {
  name: string;
  /** The name's own token. */
  nameStart: number;
  nameEnd: number;
  /** The whole `(define ...)` form. */
  form: List;
  /** `(define (f a b) ...)`: the parameter names; undefined for a variable. */
  params?: string[];
  /** Comment lines right above the form (`;` stripped), for hover. */
  doc?: string;
}

const DEFINERS = new Set(['define', 'define-macro', 'define-syntax']);

/** `(define name ...)` and `(define (name args...) ...)` forms anywhere in the tree, in text order. */
export function definitions(tree: SyntaxTree): Definition[] {
  const out: Definition[] = [];
  const walk = (items: Node[]) => {
    for (const nd of items) {
      if (nd.kind !== 'list' || nd.prefix) continue;
      const head = headName(nd);
      const target = nd.items[1];
      if (head && DEFINERS.has(head) && target) {
        if (target.kind === 'symbol') out.push({ name: target.text, nameStart: target.start, nameEnd: target.end, form: nd, doc: docAbove(tree, nd.start) });
        else if (target.kind === 'list' && target.items[0]?.kind === 'symbol') {
          const f = target.items[0];
          const params = target.items.slice(1).filter((p): p is Atom => p.kind === 'symbol').map((p) => p.text);
          out.push({ name: f.text, nameStart: f.start, nameEnd: f.end, form: nd, params, doc: docAbove(tree, nd.start) });
        }
      }
      walk(nd.items);
    }
  };
  walk(tree.forms);
  return out;
}

/** The `;` comment block that ends on the line just above `offset`. */
function docAbove(tree: SyntaxTree, offset: number): string | undefined {
  const t = tree.text;
  const lines: string[] = [];
  let pos = t.lastIndexOf('\n', offset - 1);
  if (/\S/.test(t.slice(pos + 1, offset))) return undefined;
  while (pos > 0) {
    const prev = t.lastIndexOf('\n', pos - 1);
    const line = t.slice(prev + 1, pos).replace(/\r$/, '').trim();
    if (!line.startsWith(';')) break;
    lines.unshift(line.replace(/^;+\s?/, ''));
    pos = prev;
  }
  return lines.length ? lines.join('\n') : undefined;
}
