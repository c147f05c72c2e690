// Completion: operations in `(allow ...)`, filters at the head of a list inside a rule, modifiers in
// `(with ...)`, a filter's named values (`(vnode-type SYMLINK)`), `define`d names, SBPL forms, and
// parameter names in `(param "...")`.

import { getVocab, hasVocabulary, normalizeOsId, type Vocab } from '../vocab/all.js';
import type { Analysis } from './analysis.js';
import { cursorContext } from './context.js';
import { describeFilter, describeModifier, describeOperation, filterDetail, KEYWORDS, operationDetail } from './docs.js';
import { headName } from './syntax.js';
import type { CompletionEntry, CompletionKind, Position, Range } from './types.js';

const FILTER_FORMS = ['require-any', 'require-all', 'require-not', 'with'];

export function completionsAt(a: Analysis, position: Position): CompletionEntry[] {
  const offset = a.doc.lines.offset(position);
  const ctx = cursorContext(a.doc.tree, offset, a.vocab);
  if (ctx.inComment) return [];
  const atom = ctx.atom;
  const vocab = a.vocab;
  // in (param "...") complete parameter names the settings know
  if (atom && (atom.kind === 'string' || atom.kind === 'regex')) {
    if (atom.kind === 'string' && ctx.list && headName(ctx.list) === 'param' && ctx.index === 1) {
      const range = a.doc.lines.range(atom.start + 1, atom.unterminated ? atom.end : atom.end - 1);
      return Object.keys(a.settings.params).map((k) => ({ label: k, kind: 'parameter' as const, detail: `= ${JSON.stringify(a.settings.params[k])}`, range }));
    }
    return [];
  }
  if (atom && atom.kind !== 'symbol') return [];
  const range: Range = atom ? a.doc.lines.range(atom.start, atom.end) : a.doc.lines.range(offset, offset);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (label: string, kind: CompletionKind, detail: string | undefined, rank: number) => {
    if (seen.has(label)) return;
    seen.add(label);
    out.push({ label, kind, detail, range, sortText: `${rank}${label}` });
  };
  const defined = () => {
    for (const { def, file } of a.definitions) add(def.name, def.params ? 'function' : 'variable', file === a.doc ? 'defined here' : `defined in ${file.name}`, 0);
  };
  switch (ctx.role) {
    case 'operation':
      addOperations(vocab, add);
      defined();
      break;
    case 'modifier':
      for (const m of vocab.data.modifiers) if (!m.deprecated) add(m.name, 'modifier', `modifier (${m.actions.join(', ')})`, 1);
      for (const s of Object.keys(vocab.data.modifierShorthands ?? {})) add(s, 'modifier', 'modifier shorthand', 2);
      for (const m of vocab.data.modifiers) for (const al of m.aliases ?? []) add(al, 'modifier', `alias of ${m.name}`, 3);
      break;
    case 'value': {
      const f = vocab.filterSpelling(ctx.filterSpelling!)!.filter;
      for (const [name, v] of Object.entries(f.values ?? {})) add(name, 'value', `${f.name} = ${v}`, 1);
      defined();
      break;
    }
    case 'filter-head':
      for (const k of FILTER_FORMS) add(k, 'keyword', KEYWORDS[k]?.split(':')[0].replace(/`/g, ''), 1);
      addFilters(vocab, add, 2);
      defined();
      break;
    case 'head':
      for (const k of Object.keys(KEYWORDS)) add(k, 'keyword', KEYWORDS[k].split(':')[0].replace(/`/g, ''), 1);
      defined();
      addFilters(vocab, add, 3);
      break;
    default:
      defined();
  }
  return out;
}

type Add = (label: string, kind: CompletionKind, detail: string | undefined, rank: number) => void;

function addOperations(vocab: Vocab, add: Add): void {
  for (const op of vocab.operations) add(op.name, 'operation', operationDetail(op), 1);
  for (const [alias, target] of Object.entries(vocab.data.operationAliases)) {
    const op = target === null ? undefined : vocab.operation(target);
    add(alias, 'operation', op ? operationDetail(op, alias) : 'accepted, no effect', 2);
  }
}

function addFilters(vocab: Vocab, add: Add, rank: number): void {
  for (const f of vocab.filters) for (const s of f.spellings) if (!s.name.startsWith('%')) add(s.name, 'filter', filterDetail(f, s.match), rank);
}

/** The documentation of a completion entry, computed when the editor shows it (completionItem/resolve). */
export function describeCompletion(os: string, label: string, kind: CompletionKind): string | undefined {
  const id = normalizeOsId(os);
  const vocab = getVocab(hasVocabulary(id) ? id : undefined);
  switch (kind) {
    case 'operation':
      return describeOperation(vocab, label);
    case 'filter':
      return describeFilter(vocab, label);
    case 'modifier':
      return describeModifier(vocab, label);
    case 'keyword':
      return KEYWORDS[label];
    default:
      return undefined;
  }
}
