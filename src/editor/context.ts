// What the text around an offset is: the token under the cursor and the role its position gives it
// (an operation in `(allow ...)`, a filter at the head of a list inside a rule, a modifier in `(with ...)`).

import type { Vocab } from '../vocab/all.js';
import { headName, inComment, pathAt, type Atom, type List, type SyntaxTree } from './syntax.js';

export type Role =
  /** At the head of a list inside a rule or a require-* form: a filter, `with`, `require-any` ... */
  | 'filter-head'
  /** At the head of a list elsewhere. */
  | 'head'
  /** An operand of `(allow ...)` / `(deny ...)` that is not a list: an operation (or a variable holding some). */
  | 'operation'
  /** The first argument of `(with ...)`. */
  | 'modifier'
  /** The first argument of a filter with named values (`(vnode-type SYMLINK)`, `(target self)`). */
  | 'value'
  | 'argument';

export interface CursorContext {
  /** The token the offset touches, if any. */
  atom?: Atom;
  /** The innermost list holding the cursor (or the atom). */
  list?: List;
  /** Lists around `list`, outermost first. */
  outer: List[];
  /** Index in `list.items` of the atom, or of the item that typing here would add. */
  index: number;
  role: Role;
  /** For role 'value': the filter spelling at the head of the list. */
  filterSpelling?: string;
  inComment: boolean;
}

const RULE_HEADS = new Set(['allow', 'deny', 'require-any', 'require-all', 'require-not']);

export function cursorContext(tree: SyntaxTree, offset: number, vocab: Vocab): CursorContext {
  const path = pathAt(tree, offset);
  const last = path[path.length - 1];
  const atom = last && last.kind !== 'list' ? last : undefined;
  const lists = path.filter((n): n is List => n.kind === 'list');
  const list = lists[lists.length - 1];
  const outer = lists.slice(0, -1);
  let index = 0;
  if (list) {
    index = atom ? list.items.indexOf(atom) : list.items.filter((it) => it.end <= offset).length;
  }
  const ctx: CursorContext = { atom, list, outer, index, role: 'argument', inComment: inComment(tree, offset) };
  if (!list) return ctx;
  const head = index === 0 ? undefined : headName(list);
  if (index === 0) {
    const enclosing = outer[outer.length - 1];
    const eh = enclosing ? headName(enclosing) : undefined;
    ctx.role = eh !== undefined && RULE_HEADS.has(eh) ? 'filter-head' : 'head';
  } else if (head === 'allow' || head === 'deny') ctx.role = 'operation';
  else if (head === 'with' && index === 1) ctx.role = 'modifier';
  else if (head !== undefined && index === 1 && vocab.filterSpelling(head)?.filter.values) {
    ctx.role = 'value';
    ctx.filterSpelling = head;
  }
  return ctx;
}
