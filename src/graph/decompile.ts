// PolicyGraph -> SBPL text that the front end reads back into rules deciding the same.
//
// Per distinct entry node, the graph becomes a decision list (first matching rule decides; see DecisionLists)
// ending in an unconditional rule: written as the operation's filtered rules, newest first, and its unfiltered
// rule. An operation is left out when its entry equals what its rule list falls back to without rules of its
// own (src/decide/rule-lists.ts): its parent's entry, or its fixed decision.
//
// The text is read with the decision engine's options. With childBeforeParent off, an operation's filtered
// rules are tried together with its ancestors' (newest first) before any unfiltered rule, so ancestors are
// written first and a descendant's last rule is an always-matching filtered one, `(require-all)`.

import { StageError } from '../diagnostics/diagnostic.js';
import { ruleToSbpl, sbplString, testToSbpl } from '../sbpl/print.js';
import type { FilterExpr, FilterTest } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import { DEFAULT_ENGINE_OPTIONS } from '../decide/engine.js';
import { fallbackDepth, operationFallback } from '../decide/rule-lists.js';
import type { NodeId, PolicyGraph } from './model.js';

export class DecompileError extends StageError {
  constructor(message: string) {
    super(message, 'graph/decompile', 'input');
    this.name = 'DecompileError';
  }
}

export interface DecompileOptions {
  /** Header comment lines (without `;;`). */
  header?: string[];
  /** Give up beyond this many rules (a DAG can have exponentially many paths). */
  maxRules?: number;
  /** The decision-engine option the text will be read with (default true). */
  childBeforeParent?: boolean;
  /**
   * Tests the decoder could not read (real Apple blobs): 'error' (default) refuses; 'placeholder' writes each as
   * `(unknown-filter-0xFF ARG)`, a filter no vocabulary has, so the text says where understanding stopped and
   * a checker flags it, never a guessed test.
   */
  opaque?: 'error' | 'placeholder';
}

interface Literal {
  node: NodeId;
  positive: boolean;
}

export function decompileGraph(graph: PolicyGraph, vocab: Vocab, options: DecompileOptions = {}): string {
  const maxRules = options.maxRules ?? 50_000;
  const merged = !(options.childBeforeParent ?? DEFAULT_ENGINE_OPTIONS.childBeforeParent);
  const lines: string[] = [];
  for (const h of options.header ?? []) lines.push(`;; ${h}`);
  lines.push('(version 1)');
  const isFlag = (f: string) => vocab.filter(f)?.argKind === 'none';
  // which operations need rules of their own, grouped by entry (and, when ancestors' rules are merged in, by
  // depth: a group's rules must be newer than all its members' ancestors')
  const groups = new Map<string, { entry: NodeId; depth: number; ops: string[] }>();
  graph.entries.forEach((e, id) => {
    const op = vocab.operationById(id);
    if (!op) return;
    if (op.name !== 'default' && omittable(graph, vocab, id)) return;
    const depth = merged ? fallbackDepth(vocab, op) : 0;
    const key = `${e}|${depth}`;
    const group = groups.get(key) ?? { entry: e, depth, ops: [] };
    group.ops.push(op.name);
    groups.set(key, group);
  });
  const lists = new DecisionLists(graph, maxRules, options.opaque === 'placeholder');
  // `default` first, then by lowest operation id (ancestors first when their rules are merged in)
  const order = [...groups.values()].sort((a, b) => a.depth - b.depth || opIndex(vocab, a.ops[0]) - opIndex(vocab, b.ops[0]));
  for (const { entry, depth, ops } of order) {
    const list = lists.full(entry);
    lines.push('');
    // the list is in evaluation order; SBPL tries later filtered rules first, so write it backwards. The last
    // entry is unconditional: the operation's unfiltered rule (consulted after every filtered one), or, when
    // ancestors' filtered rules would come before that, a filtered rule that always matches.
    const always = merged && depth > 0;
    for (let i = list.length - 1; i >= 0; i--) lines.push(rule(graph, ops, list[i].terminal, list[i].cond, always, isFlag));
  }
  return lines.join('\n') + '\n';
}

/** An operation's op-table id, for ordering rules by it (names outside the table last). */
export function opIndex(vocab: Vocab, name: string): number {
  return vocab.operation(name)?.id ?? Number.MAX_SAFE_INTEGER;
}

/** An op whose entry equals what its rule list reaches without rules of its own. */
export function omittable(graph: PolicyGraph, vocab: Vocab, id: number): boolean {
  const op = vocab.operationById(id)!;
  const e = graph.entries[id];
  const fallback = operationFallback(op);
  if (fallback.kind === 'fixed') {
    if (!op.fixed) return false; // `default`: always written
    const t = graph.nodes[e];
    return t.kind === 'terminal' && t.decision === fallback.decision && t.modifiers.length === 0;
  }
  const parent = vocab.operation(fallback.parent);
  if (!parent || parent.id >= graph.entries.length) return false;
  return graph.entries[parent.id] === e;
}

interface ListRule {
  /** Conjunction of tests (or negated tests); empty = unconditional. */
  cond: Literal[];
  terminal: NodeId;
}

/**
 * Decision lists ("first matching rule decides") for graph nodes, built bottom-up with shared tails:
 * list(N) = rules(N) ++ list(tail(N)). For a test X with successors A and B whose chains meet at J (often J
 * is B itself: a require-all's failures and the next rule share B):
 *   list(N) = [X and r for r in A's rules before J] ++ [not X and r for r in B's rules before J] ++ list(J).
 * Chains and metafilters stay linear instead of one rule per path.
 */
class DecisionLists {
  private readonly memo = new Map<NodeId, { rules: ListRule[]; tail: NodeId | null }>();
  private total = 0;
  private steps = 0;
  private readonly lengths = new Map<NodeId, number>();
  constructor(
    private readonly graph: PolicyGraph,
    private readonly maxRules: number,
    private readonly allowOpaque = false,
  ) {}

  private count(n: number): void {
    this.total += n;
    if (this.total > this.maxRules) throw new DecompileError(`more than ${this.maxRules} rules needed: the graph is too tangled to write as SBPL rules`);
  }

  /** Rules from `from`'s chain up to (not including) `to`'s list, or null when the chain never reaches `to`. */
  private prefixUntil(from: NodeId, to: NodeId): ListRule[] | null {
    const out: ListRule[] = [];
    let cur: NodeId | null = from;
    for (let guard = 0; cur !== null && guard <= this.graph.nodes.length; guard++) {
      if (cur === to) return out;
      const l = this.get(cur);
      for (const r of l.rules) out.push(r);
      cur = l.tail;
    }
    return null;
  }

  /** Number of rules in a node's complete list. */
  private length(id: NodeId): number {
    const hit = this.lengths.get(id);
    if (hit !== undefined) return hit;
    const chain: NodeId[] = [];
    let cur: NodeId | null = id;
    while (cur !== null && !this.lengths.has(cur) && chain.length <= this.graph.nodes.length) {
      chain.push(cur);
      cur = this.get(cur).tail;
    }
    let n = cur === null ? 0 : this.lengths.get(cur) ?? 0;
    for (let i = chain.length - 1; i >= 0; i--) {
      n += this.get(chain[i]).rules.length;
      this.lengths.set(chain[i], n);
    }
    return n;
  }

  /** First node on both successors' tail chains (a node is on its own chain), or null. */
  private join(a: NodeId, b: NodeId): NodeId | null {
    const onA = new Set<NodeId>();
    let cur: NodeId | null = a;
    for (let guard = 0; cur !== null && guard <= this.graph.nodes.length; guard++) {
      onA.add(cur);
      cur = this.get(cur).tail;
    }
    cur = b;
    for (let guard = 0; cur !== null && guard <= this.graph.nodes.length; guard++) {
      if (onA.has(cur)) return cur;
      cur = this.get(cur).tail;
    }
    return null;
  }

  /** The complete list of a node. */
  full(id: NodeId): ListRule[] {
    const out: ListRule[] = [];
    let cur: NodeId | null = id;
    for (let guard = 0; cur !== null && guard <= this.graph.nodes.length; guard++) {
      const l = this.get(cur);
      for (const r of l.rules) out.push(r);
      cur = l.tail;
    }
    return out;
  }

  private get(id: NodeId): { rules: ListRule[]; tail: NodeId | null } {
    const hit = this.memo.get(id);
    if (hit) return hit;
    // iterative post-order: build successors first (graphs can be thousands of nodes deep)
    const stack: NodeId[] = [id];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (this.memo.has(top)) {
        stack.pop();
        continue;
      }
      const node = this.graph.nodes[top];
      if (node.kind === 'terminal') {
        this.memo.set(top, { rules: [{ cond: [], terminal: top }], tail: null });
        stack.pop();
        continue;
      }
      if (node.test.opaque && !this.allowOpaque) throw new DecompileError(`node ${top} tests something we could not read (${node.test.opaque.reason}); it cannot be written as SBPL`);
      const pending = [node.match, node.unmatch].filter((k) => !this.memo.has(k));
      if (pending.length > 0) {
        if (++this.steps > 4 * this.graph.nodes.length + 16) throw new DecompileError(`node ${top} lies on a cycle`);
        stack.push(...pending);
        continue;
      }
      stack.pop();
      const guard = (positive: boolean, rules: ListRule[]): ListRule[] => rules.map((r) => ({ cond: [{ node: top, positive }, ...r.cond], terminal: r.terminal }));
      // cheapest of: meet where the two successors' chains join (both lists end with list(J)), or guard
      // one successor's complete list and continue with the other
      const join = this.join(node.match, node.unmatch);
      const lenM = this.length(node.match);
      const lenU = this.length(node.unmatch);
      const joinCost = join === null ? Infinity : this.length(node.match) - this.length(join) + this.length(node.unmatch) - this.length(join);
      let entry: { rules: ListRule[]; tail: NodeId | null };
      if (joinCost <= Math.min(lenM, lenU)) {
        entry = { rules: guard(true, this.prefixUntil(node.match, join!)!).concat(guard(false, this.prefixUntil(node.unmatch, join!)!)), tail: join };
      } else if (lenM <= lenU) {
        entry = { rules: guard(true, this.full(node.match)), tail: node.unmatch };
      } else {
        entry = { rules: guard(false, this.full(node.unmatch)), tail: node.match };
      }
      this.count(entry.rules.length);
      this.memo.set(top, entry);
    }
    return this.memo.get(id)!;
  }
}

function rule(graph: PolicyGraph, operations: string[], terminal: NodeId, lits: Literal[], always: boolean, isFlag: (filter: string) => boolean): string {
  const t = graph.nodes[terminal];
  if (t.kind !== 'terminal') throw new DecompileError('internal: rule does not end at a terminal');
  let filter: FilterExpr | null = null;
  if (lits.length === 1) filter = literalExpr(graph, lits[0]);
  else if (lits.length > 1 || always) filter = { type: 'all', items: lits.map((l) => literalExpr(graph, l)) };
  return ruleToSbpl({ action: t.decision, operations, filter, modifiers: t.modifiers }, isFlag);
}

function literalExpr(graph: PolicyGraph, l: Literal): FilterExpr {
  const node = graph.nodes[l.node];
  if (node.kind !== 'test') throw new DecompileError('internal: literal on a terminal');
  const alts = node.test.opaque ? [opaquePlaceholder(node.test.opaque.rawFilter, node.test.opaque.rawArgument)] : node.test.alternatives;
  const body: FilterExpr = alts.length === 1 ? alts[0] : { type: 'any', items: alts };
  return l.positive ? body : { type: 'not', item: body };
}

/** The stand-in for a test that was not understood: the raw filter byte and argument. */
export function opaquePlaceholder(rawFilter: number, rawArgument: number): FilterTest {
  const name = `unknown-filter-0x${rawFilter.toString(16)}`;
  return { type: 'test', filter: name, arg: { kind: 'integer', value: rawArgument }, spelled: name };
}

/** One filter test as SBPL. */
export function testText(t: FilterTest, vocab: Vocab): string {
  return testToSbpl(t, (f) => vocab.filter(f)?.argKind === 'none');
}

export { sbplString };
