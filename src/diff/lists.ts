// The decision list each operation consults, flattened from the shared rule-list model (decide/rule-lists.ts):
// the filtered rules in the order the kernel tries them (the op's own first, then each ancestor's, up to the
// first unfiltered rule or fixed decision — or, with childBeforeParent off, all of them newest first), then
// the decider reached when none matches. Two operations with the same flattened lists decide alike.

import type { Action, FilterExpr, Rule } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import { RuleLists, type OpRuleList, type RuleListOptions } from '../decide/rule-lists.js';

/** What decides a request: a filtered rule, an op's unfiltered rule, or a fixed decision. */
export interface Decider {
  /** Unique within one profile: `r<rule id>@<list>` or `fixed@<list>`. */
  key: string;
  action: Action;
  rule: Rule | null;
  /** The operation list the decider sits in (the requested op or an ancestor). */
  operation: string;
  kind: 'filtered-rule' | 'unfiltered-rule' | 'fixed';
}

export interface FlatEntry {
  filter: FilterExpr;
  decider: Decider;
}

export interface FlatList {
  operation: string;
  entries: FlatEntry[];
  fallback: Decider;
  /** Equal signatures = equal lists (within one profile). */
  signature: string;
}

function ruleDecider(rule: Rule, list: OpRuleList): Decider {
  return { key: `r${rule.id}@${list.name}`, action: rule.action, rule, operation: list.name, kind: rule.filter === null ? 'unfiltered-rule' : 'filtered-rule' };
}

/** The first unfiltered rule or fixed decision up the chain from `list`. */
function fallbackDecider(start: OpRuleList): Decider {
  for (let l: OpRuleList | null = start, guard = 0; l && guard < 10_000; l = l.parent, guard++) {
    if (l.unfiltered) return ruleDecider(l.unfiltered.rule, l);
    if (l.fixed) return { key: `fixed@${l.name}`, action: l.fixed, rule: null, operation: l.name, kind: 'fixed' };
  }
  throw new Error(`internal: operation '${start.name}' has no fallback`);
}

function flatten(list: OpRuleList, childBeforeParent: boolean): FlatList {
  const entries: FlatEntry[] = [];
  if (!childBeforeParent && list.merged) {
    for (const m of list.merged) entries.push({ filter: m.entry.rule.filter!, decider: ruleDecider(m.entry.rule, m.list) });
  } else {
    for (let l: OpRuleList | null = list; l; l = l.parent) {
      for (const e of l.filtered) entries.push({ filter: e.rule.filter!, decider: ruleDecider(e.rule, l) });
      if (l.unfiltered || l.fixed) break;
    }
  }
  const fallback = fallbackDecider(list);
  return { operation: list.name, entries, fallback, signature: entries.map((e) => e.decider.key).join(',') + '|' + fallback.key };
}

/** The flattened list of every vocabulary operation of a profile. */
export function flatLists(rules: readonly Rule[], vocab: Vocab, options: RuleListOptions): Map<string, FlatList> {
  const lists = new RuleLists(vocab, options).add(rules).finish();
  const out = new Map<string, FlatList>();
  for (const op of vocab.operations) out.set(op.name, flatten(lists.list(op.name), options.childBeforeParent));
  return out;
}
