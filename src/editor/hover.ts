// Hover: what the name under the cursor is — a defined name, an operation, a filter, a modifier, a named
// value or constant, an SBPL form — and for `(param "K")` the value the settings give it.

import type { Analysis } from './analysis.js';
import { cursorContext } from './context.js';
import { describeFilter, describeModifier, describeOperation, KEYWORDS } from './docs.js';
import { headName } from './syntax.js';
import type { HoverInfo, Position } from './types.js';
import { definitionsOf } from './navigation.js';

export function hoverAt(a: Analysis, position: Position): HoverInfo | null {
  const offset = a.doc.lines.offset(position);
  const ctx = cursorContext(a.doc.tree, offset, a.vocab);
  const atom = ctx.atom;
  if (!atom || ctx.inComment) return null;
  const range = a.doc.lines.range(atom.start, atom.end);
  const vocab = a.vocab;
  if (atom.kind === 'string' && ctx.list && headName(ctx.list) === 'param' && ctx.index === 1 && atom.value !== undefined) {
    const v = a.settings.params[atom.value];
    return { range, contents: v === undefined ? `**param ${atom.value}**: not set — evaluates to \`#f\` (set it in \`sbpl.params\` or with \`-D ${atom.value}=VALUE\`)` : `**param ${atom.value}** = \`${JSON.stringify(v)}\`` };
  }
  if (atom.kind === 'string' && ctx.list && headName(ctx.list) === 'import' && ctx.index === 1) {
    const site = a.imports.find((i) => i.form === ctx.list);
    return { range, contents: site?.resolved ? `**import** ${atom.value} → \`${site.resolved}\`` : `**import** ${atom.value}: not found on the import path (\`sbpl.importPath\`)` };
  }
  if (atom.kind !== 'symbol') return null;
  const name = atom.text;
  const defs = definitionsOf(a, name, offset);
  if (defs.length && ctx.role !== 'modifier') {
    const { file, def } = defs[0];
    const sig = def.params ? `(define (${name}${def.params.map((p) => ' ' + p).join('')}) …)` : `(define ${name} …)`;
    const where = file === a.doc ? `line ${file.lines.position(def.nameStart).line + 1}` : `${file.name}:${file.lines.position(def.nameStart).line + 1}`;
    return { range, contents: ['```sbpl\n' + sig + '\n```', def.doc ?? '', `_defined at ${where}_`].filter(Boolean).join('\n\n') };
  }
  let text: string | undefined;
  switch (ctx.role) {
    case 'modifier':
      text = describeModifier(vocab, name);
      break;
    case 'filter-head':
    case 'head':
      text = describeFilter(vocab, name) ?? (KEYWORDS[name] ? `**${name}**\n\n${KEYWORDS[name]}` : undefined);
      break;
    case 'value': {
      const f = vocab.filterSpelling(ctx.filterSpelling!)?.filter;
      const v = vocab.symbolValue(f, name);
      if (v !== undefined) text = `**${name}** = ${v} · value of filter \`${f?.name}\``;
      break;
    }
  }
  if (text === undefined && ctx.role !== 'head' && ctx.role !== 'filter-head') text = describeOperation(vocab, name);
  if (text === undefined) {
    const c = vocab.constant(name);
    if (c !== undefined) text = `**${name}** = ${c} · constant`;
  }
  return text === undefined ? null : { range, contents: text };
}
