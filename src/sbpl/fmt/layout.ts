// The canonical layout of a syntax tree. A list is printed on one line when it fits the width and holds no
// comment or blank line (and its form allows it); otherwise it breaks by its form's style (style.ts):
//   rules      (allow op1 op2            operations fill the first line, wrapped under the first operation;
//                     (filter ...)       filters and modifiers one per line, aligned with it
//                     (with report))
//   bodies     (define (f x)             the first part(s) stay with the head; the body is indented 2
//                (allow ...))
//   metafilter (require-any              items one per line, indented 2
//                (literal "/a")
//                (subpath "/b"))
//   calls      (f arg1 arg2              the first argument stays with the head; the others align with it,
//                 arg3)                  packed to the width when all are atoms, else one per line
//   data       ("a" "b"                  quoted lists and lists not headed by a symbol align with their first
//               "c")                     element, packed when all elements are atoms
// Tokens keep their exact text (string escapes, #"raw" strings, numbers as written). Comments keep their text;
// a run of blank lines becomes one. Every decision depends only on the tree and the column, so formatting
// formatted text changes nothing.

import type { SyntaxComment, SyntaxItem, SyntaxNode, SyntaxTree } from '../../scheme/syntax-tree.js';
import { BODY_HEADS, RULE_HEADS, STATEMENT_HEADS } from './style.js';

export interface LayoutOptions {
  /** Line width lists are fitted to (a single token may be wider). */
  width: number;
}

/** How one part of a broken list is placed: after the previous part, after it when it fits, or on a new line. */
type Placement = 'same' | 'fill' | 'line';

/** The canonical text of a syntax tree (ending with a newline unless it is empty). */
export function layoutTree(tree: SyntaxTree, options: LayoutOptions): string {
  const p = new Printer(options.width);
  p.file(tree);
  return p.text;
}

/** Display width of a text without line breaks, in code points. */
function widthOf(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : [...s].length;
}

function symbolHead(item: SyntaxItem | undefined): string | undefined {
  const n = item?.node;
  if (!n || n.kind !== 'atom') return undefined;
  const c = n.text.charCodeAt(0);
  // a string, character, boolean or number does not name a form
  if (c === 34 || c === 35 || (c >= 48 && c <= 57)) return undefined;
  return n.text;
}

/**
 * Whether what a prefix applies to is laid out as data: a quoted list is data; a quasiquoted one is usually a
 * code template (laid out as code), and an unquote is code again.
 */
function quotes(prefix: string): boolean {
  return prefix === "'";
}

/** Data mode of each part of a list: `(quote x)` written out makes its parts data too. */
function childModes(items: SyntaxItem[], data: boolean): boolean[] {
  const quoted = !data && symbolHead(items[0]) === 'quote';
  return items.map((_, i) => data || (quoted && i > 0));
}

function isAtomLike(n: SyntaxNode): boolean {
  return n.kind === 'atom' || (n.kind === 'prefixed' && n.gap.length === 0 && isAtomLike(n.node));
}

/** The prefix as printed before `inner`: `, @x` keeps its space (`,@x` would be unquote-splicing). */
function prefixText(prefix: string, inner: SyntaxNode): string {
  return prefix === ',' && inner.kind === 'atom' && inner.text.startsWith('@') ? ', ' : prefix;
}

class Printer {
  text = '';
  private col = 0;
  private readonly flatMemo = new Map<SyntaxNode, string | null>();

  constructor(private readonly width: number) {}

  // ------------------------------------------------------------------ output

  private put(s: string): void {
    this.text += s;
    const nl = s.lastIndexOf('\n');
    this.col = nl < 0 ? this.col + widthOf(s) : widthOf(s.slice(nl + 1));
  }

  private newline(indent: number, blank = false): void {
    this.text += (blank ? '\n\n' : '\n') + ' '.repeat(indent);
    this.col = indent;
  }

  // ------------------------------------------------------------------ file

  file(tree: SyntaxTree): void {
    let first = true;
    for (const item of tree.items) {
      this.itemOnNewLine(item, 0, first);
      first = false;
      this.node(item.node, 0, false);
      if (item.trailing) {
        this.put(' ');
        this.comment(item.trailing);
      }
    }
    for (const c of tree.close) {
      if (!first) this.newline(0, c.blankBefore);
      first = false;
      this.comment(c);
    }
    if (this.text.length) this.text += '\n';
  }

  /** Start `item` on a new line at `indent`, its leading comments first (each on its own line). */
  private itemOnNewLine(item: SyntaxItem, indent: number, atStart: boolean): void {
    for (const c of item.leading) {
      if (!atStart) this.newline(c.kind === 'directive' ? 0 : indent, c.blankBefore);
      else if (c.kind === 'directive' && this.col > 0) this.newline(0);
      atStart = false;
      this.comment(c);
    }
    if (!atStart) this.newline(indent, item.blankBefore);
  }

  // ------------------------------------------------------------------ comments

  /** A comment at the current position; a directive (always at column 0) is followed by nothing on its line. */
  private comment(c: SyntaxComment): void {
    if (c.kind !== 'datum') {
      this.put(c.text);
      return;
    }
    this.put('#;');
    this.gap(c.gap, this.col - 2);
    this.node(c.node, 0, false);
  }

  /** Comments between a prefix (or `#;`) and its datum. */
  private gap(comments: SyntaxComment[], col: number): void {
    for (const g of comments) {
      if (g.kind === 'directive') this.newline(0);
      this.comment(g);
      if (g.kind === 'line' || g.kind === 'directive') this.newline(col);
      else this.put(' ');
    }
  }

  private endsLine(c: SyntaxComment | undefined): boolean {
    return c !== undefined && (c.kind === 'line' || c.kind === 'directive');
  }

  // ------------------------------------------------------------------ nodes

  /** Print `n` at the current column; `trail` characters (closing parens) follow it on its last line. */
  private node(n: SyntaxNode, trail: number, data: boolean): void {
    if (n.kind === 'atom') return this.put(n.text);
    if (n.kind === 'prefixed') {
      const start = this.col;
      this.put(prefixText(n.prefix, n.node));
      this.gap(n.gap, start);
      return this.node(n.node, trail, quotes(n.prefix));
    }
    const flat = this.flat(n, data);
    if (flat !== null && this.col + widthOf(flat) + trail <= this.width) return this.put(flat);
    this.broken(n, trail, data);
  }

  /** The one-line form of `n`, or null when it has to break (a comment, a blank line, a line break in a token, too wide, or its form says so). */
  private flat(n: SyntaxNode, data: boolean): string | null {
    const memo = this.flatMemo.get(n);
    if (memo !== undefined) return memo;
    const r = this.flatOf(n, data);
    this.flatMemo.set(n, r);
    return r;
  }

  private flatOf(n: SyntaxNode, data: boolean): string | null {
    if (n.kind === 'atom') return /[\n\r]/.test(n.text) ? null : n.text;
    if (n.kind === 'prefixed') {
      if (n.gap.length) return null;
      const inner = this.flat(n.node, quotes(n.prefix));
      return inner === null ? null : prefixText(n.prefix, n.node) + inner;
    }
    if (n.close.length) return null;
    const items = n.items;
    if (!data && !this.mayBeFlat(items)) return null;
    const parts: string[] = [];
    const modes = childModes(items, data);
    let w = 1;
    for (const [i, it] of items.entries()) {
      if (it.leading.length || it.trailing || it.blankBefore) return null;
      const f = this.flat(it.node, modes[i]);
      if (f === null) return null;
      w += widthOf(f) + 1;
      if (w > this.width) return null;
      parts.push(f);
    }
    return '(' + parts.join(' ') + ')';
  }

  /** Whether a form's style lets it sit on one line at all (a rule with one filter, a body of one expression). */
  private mayBeFlat(items: SyntaxItem[]): boolean {
    const head = symbolHead(items[0]);
    if (head === undefined) return true;
    if (RULE_HEADS.has(head)) {
      let i = 1;
      while (i < items.length && isAtomLike(items[i].node)) i++;
      return items.length - i <= 1;
    }
    const d = this.distinguished(head, items);
    if (d === undefined) return true;
    const body = items.slice(1 + d);
    if (body.length > 1) return false;
    const stmt = body[0]?.node;
    return !(stmt?.kind === 'list' && STATEMENT_HEADS.has(symbolHead(stmt.items[0]) ?? ''));
  }

  /** How many parts of a body form stay on the head line (a named let keeps its name and bindings). */
  private distinguished(head: string, items: SyntaxItem[]): number | undefined {
    const d = BODY_HEADS.get(head);
    if (d === undefined) return undefined;
    if (head === 'let' && items[1] && isAtomLike(items[1].node)) return 2;
    return d;
  }

  /**
   * How far a part reaches on the line it starts on: its one-line width, the first line of a token that holds
   * a line break, or Infinity for a list that has to break.
   */
  private flatWidth(n: SyntaxNode, data: boolean): number {
    if (n.kind === 'atom') return widthOf(/^[^\n\r]*/.exec(n.text)![0]);
    const f = this.flat(n, data);
    return f === null ? Infinity : widthOf(f);
  }

  /** A list over several lines, by its form's style. */
  private broken(n: SyntaxNode & { kind: 'list' }, trail: number, data: boolean): void {
    const col = this.col;
    const items = n.items;
    const { indent, placements, childData } = this.style(items, col, trail, data);
    this.put('(');
    let breakNext = false;
    items.forEach((item, i) => {
      const last = i === items.length - 1 && n.close.length === 0;
      const t = last ? trail + 1 : 0;
      if (i === 0) {
        this.itemOnNewLine(item, col + 1, true);
      } else {
        const place = placements[i];
        let onNewLine = breakNext || item.leading.length > 0 || item.blankBefore || place === 'line';
        if (!onNewLine && place === 'fill') onNewLine = this.col + 1 + this.flatWidth(item.node, childData[i]) + t > this.width;
        if (onNewLine) this.itemOnNewLine(item, indent, false);
        else this.put(' ');
      }
      this.node(item.node, t, childData[i]);
      breakNext = false;
      if (item.trailing) {
        this.put(' ');
        this.comment(item.trailing);
        breakNext = true;
      }
    });
    let lastComment: SyntaxComment | undefined = breakNext ? items[items.length - 1].trailing : undefined;
    for (const c of n.close) {
      if (items.length || lastComment || c.kind === 'directive') this.newline(c.kind === 'directive' ? 0 : items.length ? indent : col + 1, c.blankBefore);
      this.comment(c);
      lastComment = c;
    }
    // a ')' never goes after a line comment (a tree built by hand may end a list with one)
    if (this.endsLine(lastComment)) this.newline(items.length ? indent : col + 1);
    this.put(')');
  }

  /** Where the parts of a broken list go: the indent of continuation lines and each part's placement. */
  private style(items: SyntaxItem[], col: number, trail: number, data: boolean): { indent: number; placements: Placement[]; childData: boolean[] } {
    const n = items.length;
    const childData = childModes(items, data);
    const head = data ? undefined : symbolHead(items[0]);
    if (head === undefined) {
      // data, or a list whose head is not a name: everything aligned with the first element
      const fill = items.every((it) => isAtomLike(it.node));
      return { indent: col + 1, placements: items.map((_, i) => (i === 0 ? 'same' : fill ? 'fill' : 'line')), childData };
    }
    const align = col + 1 + widthOf(head) + 1;
    if (RULE_HEADS.has(head)) {
      let ops = 1;
      while (ops < n && isAtomLike(items[ops].node)) ops++;
      // operations fill the first line(s); filters and modifiers one per line, all aligned with the first operation
      const placements = items.map((_, i): Placement => (i <= 1 ? 'same' : i < ops ? 'fill' : 'line'));
      return { indent: align, placements, childData };
    }
    const d = this.distinguished(head, items);
    if (d !== undefined) {
      return { indent: col + 2, placements: items.map((_, i) => (i <= d ? 'same' : 'line')), childData };
    }
    const fill = items.slice(1).every((it) => isAtomLike(it.node));
    const first = items[1]?.node;
    // the first argument stays with the head unless the head is so long that aligning under it wastes the line
    const firstOnHeadLine =
      first !== undefined &&
      align <= this.width / 2 &&
      (!isAtomLike(first) || align + this.flatWidth(first, childData[1]) + (n === 2 ? trail + 1 : 0) <= this.width);
    const rest: Placement = fill ? 'fill' : 'line';
    if (firstOnHeadLine) return { indent: align, placements: items.map((_, i) => (i <= 1 ? 'same' : rest)), childData };
    return { indent: col + 2, placements: items.map((_, i) => (i === 0 ? 'same' : i === 1 ? 'line' : rest)), childData };
  }
}
