// Builder values -> a syntax tree -> canonical SBPL text (the formatter's layout). Strings are escaped the
// way the reader unescapes them; regex arguments become #"raw" strings when they can (backslashes reach the
// regex engine as written); names are checked to read back as the same symbol.

import { StageError } from '../../diagnostics/diagnostic.js';
import { scanToken, parseAtom } from '../../scheme/lexer.js';
import type { SyntaxItem, SyntaxNode, SyntaxTree } from '../../scheme/syntax-tree.js';
import { Sym } from '../../scheme/values.js';
import type { Vocab } from '../../vocab/index.js';
import { formatSyntaxTree } from '../fmt/format.js';
import { regexLiteral, sbplString } from '../print.js';
import type { Filter, FilterArg, Modifier, Statement, Str } from './values.js';

/** A value the builder cannot print as SBPL that reads back the same (a bad name, a lone surrogate ...). */
export class BuilderError extends StageError {
  constructor(
    message: string,
    /** Index of the statement it concerns, when known. */
    readonly statement?: number,
  ) {
    super(statement === undefined ? message : `statement ${statement + 1}: ${message}`, 'sbpl/builder', 'input');
    this.name = 'BuilderError';
  }
}

const atom = (text: string): SyntaxNode => ({ kind: 'atom', text, start: 0, end: 0 });
const list = (...nodes: SyntaxNode[]): SyntaxNode => ({
  kind: 'list',
  items: nodes.map((node) => ({ node, leading: [], blankBefore: false })),
  close: [],
  start: 0,
  end: 0,
});

/** A name written bare: it must read back as exactly that symbol. */
function symbolAtom(name: string): SyntaxNode {
  const c = name.charCodeAt(0);
  const ok =
    name.length > 0 &&
    scanToken(name, 0) === name.length &&
    !/[\s,]/.test(name) &&
    c !== 35 /* # */ &&
    name !== '.' &&
    parseAtom(name) === Sym.of(name);
  if (!ok) throw new BuilderError(`${JSON.stringify(name)} is not a name SBPL can write bare (a symbol)`);
  return atom(name);
}

/** A string's SBPL text; a lone surrogate cannot be written as UTF-8, so it is refused. */
function stringText(s: string, raw: boolean): string {
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) {
    throw new BuilderError(`string ${JSON.stringify(s.slice(0, 40))} holds a lone UTF-16 surrogate: it has no UTF-8 form for the kernel to compare`);
  }
  return raw ? regexLiteral(s) : sbplString(s);
}

export class ProfilePrinter {
  constructor(private readonly vocab: Vocab) {}

  str(s: Str, raw = false): SyntaxNode {
    if (typeof s === 'string') return atom(stringText(s, raw));
    switch (s.kind) {
      case 'param':
        return list(atom('param'), atom(stringText(s.key, false)));
      case 'string-append':
        return list(atom('string-append'), ...s.parts.map((p) => this.str(p, raw)));
      case 'regex-quote':
        return list(atom('regex-quote'), this.str(s.text, false));
    }
  }

  private arg(name: string, a: FilterArg, index: number): SyntaxNode {
    const info = this.vocab.filterSpelling(name);
    const kind = info?.filter.argKind;
    if (typeof a === 'number') {
      if (!Number.isFinite(a)) throw new BuilderError(`${name}: ${a} is not a number SBPL can write`);
      return atom(kind === 'mode' && Number.isInteger(a) && a >= 0 ? '#o' + a.toString(8) : String(a));
    }
    if (typeof a === 'boolean') return atom(a ? '#t' : '#f');
    if (typeof a === 'string') {
      // a named constant (vnode-type DIRECTORY, socket-domain AF_INET) or a network protocol is written bare
      if (kind === 'symbol' || kind === 'integer' || (kind === 'network' && index === 0)) return symbolAtom(a);
      return this.str(a, info?.spelling.match === 'regex');
    }
    if (a.kind === 'symbol') return symbolAtom(a.name);
    return this.str(a, info?.spelling.match === 'regex');
  }

  filter(f: Filter): SyntaxNode {
    switch (f.kind) {
      case 'filter':
        return list(symbolAtom(f.name), ...f.args.map((a, i) => this.arg(f.name, a, i)));
      case 'require-all':
      case 'require-any':
        return list(atom(f.kind), ...f.items.map((i) => this.filter(i)));
      case 'require-not':
        return list(atom('require-not'), this.filter(f.item));
      case 'path-ancestors':
        return list(atom('path-ancestors'), this.str(f.path));
      case 'entitlement': {
        const parts = [atom('require-entitlement'), atom(stringText(f.key, false))];
        const v = f.value;
        if (v?.regex !== undefined) parts.push(list(atom('entitlement-value-regex'), atom(stringText(v.regex, true))));
        else if (typeof v?.equals === 'boolean') parts.push(list(atom('entitlement-value'), atom(v.equals ? '#t' : '#f')));
        else if (v?.equals !== undefined) parts.push(list(atom('entitlement-value'), atom(stringText(v.equals, false))));
        return list(...parts);
      }
    }
  }

  modifier(m: Modifier<never>): SyntaxNode {
    const args = m.args.map((a) => (typeof a === 'number' ? atom(String(a)) : typeof a === 'string' ? atom(stringText(a, false)) : symbolAtom(a.name)));
    return list(atom('with'), symbolAtom(m.name), ...args);
  }

  statement(s: Exclude<Statement, { kind: 'comment' } | { kind: 'blank' }>): SyntaxNode {
    switch (s.kind) {
      case 'version':
        if (!Number.isInteger(s.version) || s.version < 0) throw new BuilderError(`version must be a whole number, got ${s.version}`);
        return list(atom('version'), atom(String(s.version)));
      case 'import':
        return list(atom('import'), atom(stringText(s.name, false)));
      case 'rule':
        return list(
          atom(s.action),
          ...s.parts.map((p) => (typeof p === 'string' ? symbolAtom(p) : p.kind === 'modifier' ? this.modifier(p) : this.filter(p))),
        );
    }
  }

  /** The tree of a statement list: comments and blank lines attach to the statement after them. */
  tree(statements: readonly Statement[]): { tree: SyntaxTree; forms: number[] } {
    const items: SyntaxItem[] = [];
    /** Index of the statement each top-level form came from. */
    const forms: number[] = [];
    let leading: SyntaxItem['leading'] = [];
    let blank = false;
    statements.forEach((s, i) => {
      try {
        if (s.kind === 'comment') {
          for (const line of s.text.split(/\r\n|\n|\r/)) {
            leading.push({ kind: 'line', text: line.trim() ? `; ${line.replace(/\s+$/, '')}` : ';', blankBefore: blank && (items.length > 0 || leading.length > 0), start: 0, end: 0 });
            blank = false;
          }
        } else if (s.kind === 'blank') blank = true;
        else {
          items.push({ node: this.statement(s), leading, blankBefore: blank && (items.length > 0 || leading.length > 0) });
          forms.push(i);
          leading = [];
          blank = false;
        }
      } catch (e) {
        if (e instanceof BuilderError && e.statement === undefined) throw new BuilderError(e.message, i);
        throw e;
      }
    });
    return { tree: { items, close: leading }, forms };
  }

  text(statements: readonly Statement[], width?: number): { text: string; forms: number[] } {
    const { tree, forms } = this.tree(statements);
    return { text: formatSyntaxTree(tree, { width }), forms };
  }
}
