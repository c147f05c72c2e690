// Go to definition (`define`d names, procedure parameters, `import`ed files) and the document outline.

import type { Analysis, FileView } from './analysis.js';
import { cursorContext } from './context.js';
import { headName, type Definition, type List, type Node } from './syntax.js';
import type { DocumentSymbolInfo, Location, Position } from './types.js';

/** Definitions of `name` visible at `offset`: the document's (the last one before the use first), then imported files'. */
export function definitionsOf(a: Analysis, name: string, offset: number): Array<{ file: FileView; def: Definition }> {
  const all = a.definitions.filter((d) => d.def.name === name);
  const own = all.filter((d) => d.file === a.doc);
  const before = own.filter((d) => d.def.nameStart <= offset);
  const best = before.length ? before[before.length - 1] : own[0];
  const rest = all.filter((d) => d !== best && d.file !== a.doc);
  return best ? [best, ...rest] : rest;
}

export function definitionAt(a: Analysis, position: Position): Location[] {
  const offset = a.doc.lines.offset(position);
  const ctx = cursorContext(a.doc.tree, offset, a.vocab);
  const atom = ctx.atom;
  if (!atom || ctx.inComment) return [];
  if (atom.kind === 'string' && ctx.list && headName(ctx.list) === 'import' && ctx.index === 1) {
    const site = a.imports.find((i) => i.form === ctx.list);
    return site?.resolved ? [{ file: site.resolved, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
  }
  if (atom.kind !== 'symbol') return [];
  // a parameter of an enclosing (define (f p ...) ...)
  for (const l of [...ctx.outer, ...(ctx.list ? [ctx.list] : [])].reverse()) {
    const target = headName(l) === 'define' ? l.items[1] : undefined;
    if (target?.kind !== 'list') continue;
    const param: Node | undefined = target.items.slice(1).find((p) => p.kind === 'symbol' && p.text === atom.text);
    if (param && param !== atom) return [{ file: a.doc.name, range: a.doc.lines.range(param.start, param.end) }];
    if (param === atom) return [];
  }
  return definitionsOf(a, atom.text, offset)
    .filter((d) => !(d.file === a.doc && d.def.nameStart === atom.start))
    .map(({ file, def }) => ({ file: file.name, range: file.lines.range(def.nameStart, def.nameEnd) }));
}

const DEFINERS = new Set(['define', 'define-macro', 'define-syntax']);

export function documentSymbols(a: Analysis): DocumentSymbolInfo[] {
  const { lines, text } = a.doc;
  const range = (n: Node) => lines.range(n.prefixStart ?? n.start, n.end);
  const firstLine = (n: Node) => text.slice(n.start, n.end).split(/\r?\n|\r/)[0].trim();
  const walk = (items: Node[]): DocumentSymbolInfo[] => {
    const out: DocumentSymbolInfo[] = [];
    for (const nd of items) {
      if (nd.kind !== 'list' || nd.prefix) continue;
      const head = headName(nd);
      const h = nd.items[0];
      const second = nd.items[1];
      if (head && DEFINERS.has(head) && second) {
        const nameNode = second.kind === 'list' ? second.items[0] : second;
        if (!nameNode || nameNode.kind !== 'symbol') continue;
        out.push({
          name: nameNode.text,
          detail: second.kind === 'list' ? `(${second.items.slice(1).map((p) => (p.kind === 'list' ? '…' : p.text)).join(' ')})` : undefined,
          kind: second.kind === 'list' || (second.kind === 'symbol' && isLambda(nd.items[2])) ? 'function' : 'variable',
          range: range(nd),
          selectionRange: lines.range(nameNode.start, nameNode.end),
          children: walk(nd.items.slice(2)),
        });
      } else if ((head === 'allow' || head === 'deny') && h) {
        const ops = nd.items.slice(1).filter((it) => it.kind === 'symbol').map((it) => (it as { text: string }).text);
        const filters = nd.items.slice(1).filter((it) => it.kind === 'list');
        out.push({
          name: `${head} ${ops.join(' ') || '…'}`,
          detail: filters.length ? truncate(filters.map((f) => firstLine(f)).join(' '), 80) : undefined,
          kind: 'rule',
          range: range(nd),
          selectionRange: lines.range(h.start, h.end),
          children: walk(filters as List[]).filter((s) => s.kind !== 'rule'),
        });
      } else if (head === 'import' && h) {
        const site = a.imports.find((i) => i.form === nd);
        out.push({ name: `import ${site?.name ?? ''}`.trim(), detail: site?.resolved, kind: 'import', range: range(nd), selectionRange: lines.range(h.start, h.end), children: [] });
      } else if (head === 'version' && h) {
        out.push({ name: firstLine(nd).replace(/^\(|\)$/g, ''), kind: 'version', range: range(nd), selectionRange: lines.range(h.start, h.end), children: [] });
      } else {
        // (if ...), (when ...), (begin ...): the rules and definitions inside belong to this level
        out.push(...walk(nd.items));
      }
    }
    return out;
  };
  return walk(a.doc.tree.forms);
}

function isLambda(n: Node | undefined): boolean {
  return !!n && n.kind === 'list' && headName(n) === 'lambda';
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
