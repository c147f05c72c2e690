// Per-operation rule lists: the kernel's decision structure (docs/semantics.md §0-§2), built once from a
// profile and read by the decision engine, the lowering to a PolicyGraph and the decompiler, so the three
// cannot disagree on which rules an operation consults:
//  * every operation has a list: its filtered rules newest first, then one fallback — the op's unfiltered rule
//    (the last one written replaces earlier ones), else a fixed decision (terminal ops; `default` = deny), else
//    a jump to the parent operation;
//  * a rule naming `sysctl-write` lands on `sysctl*` while the sysctlWriteAlias option holds;
//  * with childBeforeParent off, an operation's filtered rules and its ancestors' are tried together, newest
//    first (`merged`), before the first fallback up the chain.

import type { Action, Rule } from '../sbpl/profile.js';
import type { OperationInfo, Vocab } from '../vocab/index.js';

/** The modelling choices that shape rule lists (decision-engine options of the same names). */
export interface RuleListOptions {
  childBeforeParent: boolean;
  sysctlWriteAlias: boolean;
}

/** One rule in one operation's list. */
export interface ListEntry {
  rule: Rule;
  /** The list it sits in. */
  operation: string;
  /** The operation the rule was written with, when an alias moved it (sysctl-write -> sysctl*). */
  writtenAs?: string;
}

export interface OpRuleList<E extends ListEntry = ListEntry> {
  op: OperationInfo;
  name: string;
  /** Not in the vocabulary: treated as a child of `default`. */
  synthetic: boolean;
  /** Newest first (once the lists are finished). */
  filtered: E[];
  unfiltered: E | null;
  /** Earlier unfiltered rules the last one replaced. */
  replaced: Rule[];
  /** Fixed decision, used when no unfiltered rule replaced it; null = jump to `parent`. */
  fixed: Action | null;
  parent: OpRuleList<E> | null;
  /** childBeforeParent off: filtered rules of this op and its ancestors, newest first, with the list each came from. */
  merged?: Array<{ entry: E; list: OpRuleList<E> }>;
}

/** Where an operation goes when it has no rules of its own: a fixed decision, or its parent's list. */
export type OperationFallback = { kind: 'fixed'; decision: Action } | { kind: 'parent'; parent: string };

export function operationFallback(op: OperationInfo): OperationFallback {
  if (op.fixed) return { kind: 'fixed', decision: op.fixed };
  return op.parent === null ? { kind: 'fixed', decision: 'deny' } : { kind: 'parent', parent: op.parent };
}

/** Ancestors between an operation and the end of its fallback chain (0 for `default` and fixed ops). */
export function fallbackDepth(vocab: Vocab, op: OperationInfo): number {
  let depth = 0;
  let f = operationFallback(op);
  while (f.kind === 'parent' && depth <= vocab.operations.length) {
    depth++;
    const parent = vocab.operation(f.parent);
    if (!parent) break;
    f = operationFallback(parent);
  }
  return depth;
}

/**
 * The operation a rule's `index`-th operation lands on: the spelling as written (when the producer recorded
 * it, the front end may already have applied the alias to `operations`) decides whether the sysctl-write
 * alias applies; IR producers that keep `sysctl-write` as the op name get the same treatment.
 */
export function ruleTarget(rule: Rule, index: number, sysctlWriteAlias: boolean): { operation: string; writtenAs?: string } {
  const op = rule.operations[index];
  const written = rule.operationsWritten?.[index] ?? op;
  const operation = written === 'sysctl-write' ? (sysctlWriteAlias ? 'sysctl*' : 'sysctl-write') : op;
  return operation !== written ? { operation, writtenAs: written } : { operation };
}

type MakeEntry<E extends ListEntry> = (rule: Rule, operation: string, writtenAs: string | undefined) => E;

export class RuleLists<E extends ListEntry = ListEntry> {
  private readonly lists = new Map<string, OpRuleList<E>>();
  private finished = false;

  constructor(
    readonly vocab: Vocab,
    readonly options: RuleListOptions,
    private readonly makeEntry: MakeEntry<E> = (rule, operation, writtenAs) => ({ rule, operation, writtenAs }) as E,
  ) {
    // every vocabulary op has a list (so lookups on the hot path never build one)
    for (const op of vocab.operations) this.list(op.name);
  }

  /**
   * Add rules in file order. `accept` may refuse a rule on one list (the lowering's op-table limit); it sees
   * the list before the rule joins it.
   */
  add(rules: readonly Rule[], accept?: (rule: Rule, list: OpRuleList<E>) => boolean): this {
    if (this.finished) throw new Error('internal: rules added to finished rule lists');
    for (const rule of rules) {
      for (let i = 0; i < rule.operations.length; i++) {
        const { operation, writtenAs } = ruleTarget(rule, i, this.options.sysctlWriteAlias);
        const list = this.list(operation);
        if (accept && !accept(rule, list)) continue;
        const entry = this.makeEntry(rule, operation, writtenAs);
        if (rule.filter === null) {
          // "Replace the unconditional rule" (KS-1010 %action): the last unfiltered rule is the fallback
          if (list.unfiltered) list.replaced.push(list.unfiltered.rule);
          list.unfiltered = entry;
        } else {
          list.filtered.push(entry); // reversed by finish(): newest first
        }
      }
    }
    return this;
  }

  /** Put filtered rules newest first and, with childBeforeParent off, merge each op's with its ancestors'. */
  finish(): this {
    if (this.finished) return this;
    this.finished = true;
    for (const list of this.lists.values()) list.filtered.reverse();
    if (!this.options.childBeforeParent) for (const list of this.lists.values()) list.merged = mergedFor(list);
    return this;
  }

  /** The list of an operation name; names outside the vocabulary get a list under `default`. */
  list(name: string): OpRuleList<E> {
    const hit = this.lists.get(name);
    if (hit) return hit;
    const known = this.vocab.operation(name);
    const op: OperationInfo = known ?? { id: -1, name, parent: 'default', evidence: 'H' };
    const fallback = operationFallback(op);
    const list: OpRuleList<E> = {
      op,
      name,
      synthetic: !known,
      filtered: [],
      unfiltered: null,
      replaced: [],
      fixed: fallback.kind === 'fixed' ? fallback.decision : null,
      parent: null,
    };
    this.lists.set(name, list);
    if (fallback.kind === 'parent') list.parent = this.list(fallback.parent);
    if (this.finished && !this.options.childBeforeParent) list.merged = mergedFor(list);
    return list;
  }

  values(): IterableIterator<OpRuleList<E>> {
    return this.lists.values();
  }

  /**
   * Can `name` return `action` for some request (a rule it consults with that action, or its fallback)?
   * False for names outside the vocabulary and the profile.
   */
  canReturn(name: string, action: Action): boolean {
    const start = this.lists.get(name);
    if (!start) return false;
    if (!this.options.childBeforeParent) {
      for (let l: OpRuleList<E> | null = start; l; l = l.parent) if (l.filtered.some((e) => e.rule.action === action)) return true;
      return fallbackOf(start) === action;
    }
    for (let l: OpRuleList<E> | null = start, guard = 0; l && guard <= this.lists.size; l = l.parent, guard++) {
      if (l.filtered.some((e) => e.rule.action === action)) return true;
      if (l.unfiltered) return l.unfiltered.rule.action === action;
      if (l.fixed) return l.fixed === action;
    }
    return false;
  }
}

/** The decision reached when no filtered rule matches: the first unfiltered rule or fixed decision up the chain. */
export function fallbackOf<E extends ListEntry>(list: OpRuleList<E>): Action | null {
  for (let l: OpRuleList<E> | null = list; l; l = l.parent) {
    if (l.unfiltered) return l.unfiltered.rule.action;
    if (l.fixed) return l.fixed;
  }
  return null;
}

function mergedFor<E extends ListEntry>(list: OpRuleList<E>): Array<{ entry: E; list: OpRuleList<E> }> {
  const out: Array<{ entry: E; list: OpRuleList<E> }> = [];
  for (let l: OpRuleList<E> | null = list; l; l = l.parent) for (const entry of l.filtered) out.push({ entry, list: l });
  out.sort((a, b) => b.entry.rule.id - a.entry.rule.id);
  return out;
}
