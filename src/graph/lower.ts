// Profile (rules in order) -> PolicyGraph, the way libsandbox lowers rules.
//
// Per operation the rule list is the decision engine's (src/decide/rule-lists.ts, docs/semantics.md §0):
// filtered rules newest first, then the op's unfiltered rule, its fixed decision, or a jump to the parent op —
// the jump is inlined by pointing at the parent's graph (with childBeforeParent off, the ancestors' filtered
// rules are merged into the op's own and the first fallback up the chain ends it). Metafilters are edge wiring: require-all = chain of tests whose unmatch
// edges go to the fall-through; require-any = tests whose match edges go to the rule's terminal; require-not
// swaps the edges. Nodes are hash-consed (identical test + edges = one node; terminals are shared).
//
// Everything libsandbox does that we only inferred from compiled bytes (implicit rules, node numbering, merging
// same-filter tests, threading decided tests) comes in through a CompilerModel, so the blob format's descriptor
// (src/format/<fmt>/descriptor.ts) is the one place those choices live.

import { StageError } from '../diagnostics/diagnostic.js';
import type { Action, FilterExpr, FilterTest, Modifier, Profile, Rule } from '../sbpl/profile.js';
import { checkCopiedFilters } from '../sbpl/shared-filters.js';
import type { Vocab } from '../vocab/index.js';
import { testToSbpl } from '../sbpl/print.js';
import { DEFAULT_ENGINE_OPTIONS } from '../decide/engine.js';
import { RuleLists, type OpRuleList } from '../decide/rule-lists.js';
import { mergeProv, mergeRuleProv, modifiersKey, TestIdentities, type GraphNode, type PolicyGraph, type Provenance, type TestNode } from './model.js';
import { IntSequenceMap } from './int-sequence-map.js';
import { numberInSerializationOrder, threadDecidedTests } from './passes.js';

/** What the compiler adds or does beyond the rule semantics. */
export interface CompilerModel {
  name: string;
  /** Number of op-table slots; rules on operations with a larger id cannot be compiled. */
  opTableSize: number;
  /** Rules the compiler appends after the profile (after the standard policy the front end already added). */
  implicitRules(ctx: ImplicitRuleContext): Rule[];
  /**
   * Merge a test into the test below it when both test the same string filter with literal/prefix/subpath
   * arguments and share the match target (one node with a multi-string program instead of a chain).
   */
  mergeAdjacentPatternTests: boolean;
  /**
   * Node numbering: 'reverse-creation' = the last node created gets index 0; terminals end up last.
   * 'serialization' = the order a writer walking the op table emits nodes (graph/passes.ts).
   */
  numbering: 'reverse-creation' | 'creation' | 'serialization';
  /** Skip tests whose outcome the test before them on the edge already decided (graph/passes.ts). */
  threadDecidedTests?: boolean;
}

export interface ImplicitRuleContext {
  profile: Profile;
  vocab: Vocab;
  /** Can `op` (after the profile and standard policy) return `action` for some request? */
  canReturn(op: string, action: Action): boolean;
  /** Next free rule id. */
  nextRuleId: number;
}

/** A model with no inferred behaviour: only the semantics of the rules. */
export const PLAIN_MODEL: CompilerModel = {
  name: 'plain',
  opTableSize: Number.MAX_SAFE_INTEGER,
  implicitRules: () => [],
  mergeAdjacentPatternTests: true,
  numbering: 'reverse-creation',
};

export interface LowerOptions {
  model?: CompilerModel;
  /** Rules naming `sysctl-write` apply to `sysctl*` (decision engine option of the same name; default true). */
  sysctlWriteAlias?: boolean;
  /** An operation's rules come before its ancestors' (decision engine option of the same name; default true). */
  childBeforeParent?: boolean;
  /** Tests one rule's filter may have once its shared parts are copied (Limits.maxFilterTests; lowering copies). */
  maxFilterTests?: number;
}

export class LowerError extends StageError {
  constructor(message: string) {
    super(message, 'graph/lower', 'input');
    this.name = 'LowerError';
  }
}

/** A test during construction: the FilterTest, its source order (rule id, position in the rule), its identity. */
interface Alt {
  test: FilterTest;
  ruleId: number;
  seq: number;
  /** TestIdentities number: equal for equal tests. */
  id: number;
}

/**
 * Vocabulary filter id of a test. `(require-entitlement ...)` tests map to the %entitlement-* filter of their
 * value kind: is-bool-true, is-present, or %entitlement-load for a boolean / string value (the value test
 * travels in the argument item; libsandbox's own split into load + value nodes is not modelled).
 */
export function filterIdOf(test: FilterTest, vocab: Vocab): number {
  if (test.filter === 'entitlement' && test.arg.kind === 'entitlement') {
    const v = test.arg.value.kind;
    const name = v === 'bool-true' ? '%entitlement-is-bool-true' : v === 'present' ? '%entitlement-is-present' : '%entitlement-load';
    const f = vocab.filter(name);
    if (f) return f.id;
  }
  const f = vocab.filter(test.filter);
  if (!f) throw new LowerError(`filter '${test.filter}' is not in the ${vocab.id} vocabulary: it has no compiled filter id`);
  return f.id;
}

export function lowerProfile(profile: Profile, vocab: Vocab, options: LowerOptions = {}): PolicyGraph {
  // lowering builds each use of a shared (defined) filter on its own, as libsandbox does
  checkCopiedFilters(profile.rules, 'compiling', options.maxFilterTests);
  return new Lowering(profile, vocab, options).run();
}

/**
 * The profile plus the rules the compiler model appends, so the decision engine can decide exactly what
 * the compiled graph decides (the model's implicit rules are otherwise invisible to it).
 */
export function withImplicitRules(profile: Profile, vocab: Vocab, options: LowerOptions = {}): Profile {
  const implicit = new Lowering(profile, vocab, options).implicit();
  return implicit.length === 0 ? profile : { ...profile, rules: [...profile.rules, ...implicit] };
}

class Lowering {
  private readonly model: CompilerModel;
  private readonly lists: RuleLists;
  /** The nodes in creation order (indices are creation indices until finish() renumbers them in place). */
  private readonly nodes: GraphNode[] = [];
  /** A test node's alternatives with their source order and identities (null for terminals). */
  private readonly altsOf: Array<Alt[] | null> = [];
  private readonly terminalKeys = new Map<string, number>();
  /** Test nodes by filter id, match, unmatch and their tests' identities. */
  private readonly testKeys = new IntSequenceMap();
  /** Where a test node's key is put together (reused). */
  private keyBuffer = new Int32Array(64);
  /** A small number per distinct test (filter and argument), so node keys stay short however long the arguments. */
  private readonly identities = new TestIdentities();
  private readonly chains = new Map<string, number>();
  private readonly notes: string[] = [];
  private readonly warnings: string[] = [];
  /** Rules the compiler model added (their nodes carry origin 'compiler-implicit'). */
  private readonly implicitIds = new Set<number>();

  constructor(
    private readonly profile: Profile,
    private readonly vocab: Vocab,
    options: LowerOptions,
  ) {
    this.model = options.model ?? PLAIN_MODEL;
    this.lists = new RuleLists(vocab, {
      childBeforeParent: options.childBeforeParent ?? DEFAULT_ENGINE_OPTIONS.childBeforeParent,
      sysctlWriteAlias: options.sysctlWriteAlias ?? DEFAULT_ENGINE_OPTIONS.sysctlWriteAlias,
    }).add(profile.rules, this.compilable);
  }

  private get tableSize(): number {
    return Math.min(this.model.opTableSize, this.vocab.operations.length);
  }

  /** Rules on operations outside the vocabulary cannot be compiled; outside the op table they are left out. */
  private readonly compilable = (rule: Rule, list: OpRuleList): boolean => {
    if (list.synthetic) throw new LowerError(`rule ${rule.id}: operation '${list.name}' is not in the ${this.vocab.id} vocabulary`);
    const tableSize = this.tableSize;
    if (list.op.id < tableSize) return true;
    this.warnings.push(`rule ${rule.id} on '${list.name}' was not compiled: operation id ${list.op.id} is outside the ${tableSize}-slot operation table`);
    return false;
  };

  /** Rules the model adds after the profile's own (computed on the profile's rule lists). */
  implicit(): Rule[] {
    return this.model.implicitRules({
      profile: this.profile,
      vocab: this.vocab,
      canReturn: (op, a) => this.lists.canReturn(op, a),
      nextRuleId: this.profile.rules.reduce((m, r) => Math.max(m, r.id + 1), 0),
    });
  }

  run(): PolicyGraph {
    const implicit = this.implicit();
    for (const rule of implicit) this.implicitIds.add(rule.id);
    this.lists.add(implicit, this.compilable).finish();
    const entries: number[] = [];
    for (let id = 0; id < this.tableSize; id++) entries.push(this.chain(this.vocab.operations[id].name, 0));
    return this.finish(entries);
  }

  // ----------------------------------------------------------------------------------------------
  // Node construction (indices are creation indices until finish())

  private terminal(decision: Action, modifiers: Modifier[], prov: Provenance): number {
    const hit = this.terminalKeys.get(terminalKey(decision, modifiers));
    if (hit !== undefined) {
      mergeProv(this.provOf(hit), prov);
      return hit;
    }
    return this.newTerminal(decision, modifiers, prov);
  }

  /** The terminal deciding `r` (its provenance merged in without building a one-rule provenance first). */
  private ruleTerminal(r: Rule): number {
    const hit = this.terminalKeys.get(terminalKey(r.action, r.modifiers));
    if (hit !== undefined) {
      mergeRuleProv(this.provOf(hit), r.id, r.span);
      return hit;
    }
    return this.newTerminal(r.action, r.modifiers, this.ruleProv(r));
  }

  private newTerminal(decision: Action, modifiers: Modifier[], prov: Provenance): number {
    const id = this.add({ kind: 'terminal', decision, modifiers, prov }, null);
    this.terminalKeys.set(terminalKey(decision, modifiers), id);
    return id;
  }

  private add(node: GraphNode, alts: Alt[] | null): number {
    this.nodes.push(node);
    this.altsOf.push(alts);
    return this.nodes.length - 1;
  }

  /** The provenance of node `id` (every node the lowering builds has one). */
  private provOf(id: number): Provenance {
    return this.nodes[id].prov!;
  }

  private alt(test: FilterTest, ruleId: number, seq: number): Alt {
    return { test, ruleId, seq, id: this.identities.idOf(test) };
  }

  /**
   * The test node of `alts` (all on one filter) going to `match` / `unmatch`. `prov` is the tests' provenance
   * with an empty label (a place for it, so setting it does not reshape the object): a node's label is its
   * alternatives' and is made only when the node is new; merged into a node, an empty label changes nothing.
   */
  private test(alts: Alt[], match: number, unmatch: number, prov: Provenance): number {
    if (match === unmatch) return match; // the test cannot change the outcome
    const first = alts[0].test;
    const filter = first.filter;
    const filterId = filterIdOf(first, this.vocab);
    const below = this.nodes[unmatch];
    const belowAlts = this.altsOf[unmatch];
    if (
      this.model.mergeAdjacentPatternTests &&
      below.kind === 'test' &&
      belowAlts !== null &&
      below.match === match &&
      below.test.filterId === filterId &&
      below.test.filter === filter &&
      alts.every(isPatternAlt) &&
      belowAlts.every(isPatternAlt)
    ) {
      const seen = new Set<number>();
      const merged = [...belowAlts, ...alts]
        .sort((a, b) => a.ruleId - b.ruleId || a.seq - b.seq)
        .filter((a) => {
          if (seen.has(a.id)) return false;
          seen.add(a.id);
          return true;
        });
      const p: Provenance = { ruleIds: [], spans: [], origin: prov.origin, filter: '' };
      mergeProv(p, this.provOf(unmatch));
      mergeProv(p, prov);
      return this.test(merged, match, below.unmatch, p);
    }
    const n = 3 + alts.length;
    if (n > this.keyBuffer.length) this.keyBuffer = new Int32Array(2 * n);
    const key = this.keyBuffer;
    key[0] = filterId;
    key[1] = match;
    key[2] = unmatch;
    for (let i = 0; i < alts.length; i++) key[3 + i] = alts[i].id;
    const hit = this.testKeys.get(key, n);
    if (hit >= 0) {
      mergeProv(this.provOf(hit), prov);
      return hit;
    }
    prov.filter = alts.length === 1 ? label(first) : alts.map((a) => label(a.test)).join(' ');
    const node: TestNode = { kind: 'test', test: { filter, filterId, alternatives: alts.map((a) => a.test) }, match, unmatch, prov };
    const id = this.add(node, alts);
    this.testKeys.set(key, n, id);
    return id;
  }

  /** The graph of operation `name`: its filtered rules in front of its fallback. */
  private chain(name: string, depth: number): number {
    const hit = this.chains.get(name);
    if (hit !== undefined) return hit;
    if (depth > this.vocab.operations.length) throw new LowerError(`operation '${name}': fallback chain does not end (vocabulary cycle)`);
    const list = this.lists.list(name);
    let tail: number;
    let filtered: Rule[];
    if (list.merged) {
      // an op without rules of its own reads exactly as its parent
      if (list.filtered.length === 0 && list.unfiltered === null && list.parent) {
        tail = this.chain(list.parent.name, depth + 1);
        this.chains.set(name, tail);
        return tail;
      }
      tail = this.fallbackTerminal(list);
      // a rule on the op and an ancestor appears once per list: the second copy can never decide
      filtered = [];
      const seen = new Set<Rule>();
      for (const m of list.merged) {
        if (seen.has(m.entry.rule)) continue;
        seen.add(m.entry.rule);
        filtered.push(m.entry.rule);
      }
    } else {
      tail = list.unfiltered || list.fixed || !list.parent ? this.fallbackTerminal(list) : this.chain(list.parent.name, depth + 1);
      filtered = list.filtered.map((e) => e.rule);
    }
    for (let i = filtered.length - 1; i >= 0; i--) {
      const r = filtered[i];
      const onMatch = this.ruleTerminal(r);
      const run = this.patternRunStart(filtered, i, onMatch);
      if (run < i) {
        tail = this.patternRun(filtered, run, i, onMatch, tail);
        i = run;
        continue;
      }
      tail = this.expr(r.filter!, onMatch, tail, r, 0);
    }
    this.chains.set(name, tail);
    return tail;
  }

  /**
   * Start of the run of rules ending at `end` (walking up the list) that merging adjacent pattern tests would
   * fold into one node: each rule one literal/prefix/subpath test of the same filter, all with the terminal
   * `onMatch`. `end` itself when there is no such run.
   */
  private patternRunStart(rules: Rule[], end: number, onMatch: number): number {
    if (!this.model.mergeAdjacentPatternTests) return end;
    const last = patternTestOf(rules[end]);
    if (last === null) return end;
    let id = -1; // the filter id, looked up once a rule above tests the same filter name
    let j = end;
    while (j > 0) {
      const r = rules[j - 1];
      const t = patternTestOf(r);
      if (t === null || t.filter !== last.filter) break;
      if (id < 0) id = filterIdOf(last, this.vocab);
      if (filterIdOf(t, this.vocab) !== id) break;
      // same terminal, found without creating one (creation order numbers the nodes)
      if (this.terminalKeys.get(terminalKey(r.action, r.modifiers)) !== onMatch) break;
      j--;
    }
    return j;
  }

  /**
   * Rules `from..to` (a pattern run) as one test node, built at once: the node that merging their tests
   * pairwise from the bottom gives (alternatives in rule order without repeats, provenance bottom rule first),
   * without re-sorting and re-keying the growing node at every rule (quadratic on long lists).
   */
  private patternRun(rules: Rule[], from: number, to: number, onMatch: number, tail: number): number {
    const prov: Provenance = { ruleIds: [], spans: [], origin: this.originOf(rules[from]), filter: '' };
    for (let k = to; k >= from; k--) {
      const r = rules[k];
      if (k < to) this.ruleTerminal(r);
      mergeRuleProv(prov, r.id, (r.filter as FilterTest).span ?? r.span);
    }
    const alts: Alt[] = [];
    for (let k = from; k <= to; k++) alts.push(this.alt(rules[k].filter as FilterTest, rules[k].id, 0));
    alts.sort((a, b) => a.ruleId - b.ruleId);
    const seen = new Set<number>();
    const merged: Alt[] = [];
    for (const a of alts) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      merged.push(a);
    }
    return this.test(merged, onMatch, tail, prov);
  }

  /** The terminal of the first unfiltered rule or fixed decision from `list` up its chain. */
  private fallbackTerminal(list: OpRuleList): number {
    for (let l: OpRuleList | null = list; l; l = l.parent) {
      if (l.unfiltered) return this.ruleTerminal(l.unfiltered.rule);
      if (l.fixed) return this.terminal(l.fixed, [], { ruleIds: [], spans: [], origin: 'profile', filter: `fixed ${l.fixed} of '${l.name}'` });
    }
    throw new LowerError(`operation '${list.name}': fallback chain does not end`);
  }

  /**
   * Build `e` so that it continues to `t` when it holds and to `f` otherwise (right to left, like libsandbox).
   * `seq` numbers `e`'s first test in the rule (tests are numbered left to right, in source order).
   */
  private expr(e: FilterExpr, t: number, f: number, rule: Rule, seq: number): number {
    switch (e.type) {
      case 'test':
        return this.test([this.alt(e, rule.id, seq)], t, f, { ruleIds: [rule.id], spans: spansOf(e.span ?? rule.span), origin: this.originOf(rule), filter: '' });
      case 'not':
        return this.expr(e.item, f, t, rule, seq);
      case 'all': {
        // build right to left
        let x = t;
        let offset = countTests(e);
        for (let i = e.items.length - 1; i >= 0; i--) {
          offset -= countTests(e.items[i]);
          x = this.expr(e.items[i], x, f, rule, seq + offset);
        }
        return x;
      }
      case 'any': {
        let x = f;
        let offset = countTests(e);
        for (let i = e.items.length - 1; i >= 0; i--) {
          // a run of string tests on one filter becomes one node at once (what merging them pairwise gives)
          let j = i;
          if (this.model.mergeAdjacentPatternTests && isPattern(e.items[i])) {
            while (j > 0 && isPattern(e.items[j - 1]) && (e.items[j - 1] as FilterTest).filter === (e.items[i] as FilterTest).filter) j--;
          }
          if (j < i) {
            offset -= i - j + 1;
            const alts: Alt[] = [];
            const spans: Provenance['spans'] = [];
            for (let k = j; k <= i; k++) {
              const it = e.items[k] as FilterTest;
              alts.push(this.alt(it, rule.id, seq + offset + (k - j)));
              if (it.span) spans.push(it.span);
            }
            x = this.test(alts, t, x, { ruleIds: [rule.id], spans: spans.length ? spans : spansOf(rule.span), origin: this.originOf(rule), filter: '' });
            i = j;
            continue;
          }
          offset -= countTests(e.items[i]);
          x = this.expr(e.items[i], t, x, rule, seq + offset);
        }
        return x;
      }
    }
  }

  private originOf(r: Rule): Provenance['origin'] {
    return this.implicitIds.has(r.id) ? 'compiler-implicit' : r.origin;
  }

  private ruleProv(r: Rule): Provenance {
    return { ruleIds: [r.id], spans: spansOf(r.span), origin: this.originOf(r) };
  }

  // ----------------------------------------------------------------------------------------------

  private finish(entries: number[]): PolicyGraph {
    // keep nodes reachable from the op table (merging can leave the pre-merge tests unused)
    const all = this.nodes;
    const keep = new Uint8Array(all.length);
    const todo = [...entries];
    while (todo.length > 0) {
      const i = todo.pop()!;
      if (keep[i]) continue;
      keep[i] = 1;
      const s = all[i];
      if (s.kind === 'test') todo.push(s.match, s.unmatch);
    }
    const order: number[] = [];
    for (let i = 0; i < all.length; i++) if (keep[i]) order.push(i);
    if (this.model.numbering === 'reverse-creation') order.reverse();
    const index = new Int32Array(all.length);
    order.forEach((c, i) => (index[c] = i));
    // the nodes were built here and nothing else holds them: they are renumbered in place
    const nodes: GraphNode[] = order.map((c) => {
      const node = all[c];
      if (node.kind === 'test') {
        node.match = index[node.match];
        node.unmatch = index[node.unmatch];
      }
      return node;
    });
    let graph: PolicyGraph = {
      os: this.vocab.id,
      profileType: 0,
      entries: entries.map((e) => index[e]),
      nodes,
      policies: [],
      notes: this.notes,
      warnings: this.warnings,
    };
    if (this.model.threadDecidedTests) {
      // the identities the lowering gave its tests, by the new numbers
      const alts = order.map((c) => this.altsOf[c]);
      graph = threadDecidedTests(graph, (node, k) => alts[node]![k].id);
    }
    if (this.model.numbering === 'serialization') graph = numberInSerializationOrder(graph, { inPlace: true });
    return graph;
  }
}

function terminalKey(decision: Action, modifiers: Modifier[]): string {
  // most rules have no modifiers: their keys need no building
  if (modifiers.length === 0) return decision === 'allow' ? 'T|allow|' : 'T|deny|';
  return `T|${decision}|${modifiersKey(modifiers)}`;
}

function isPatternKind(kind: FilterTest['arg']['kind']): boolean {
  return kind === 'literal' || kind === 'prefix' || kind === 'subpath';
}

function isPattern(e: FilterExpr): boolean {
  return e.type === 'test' && isPatternKind(e.arg.kind);
}

function isPatternAlt(a: Alt): boolean {
  return isPatternKind(a.test.arg.kind);
}

/** The rule's filter when it is one literal / prefix / subpath test. */
function patternTestOf(r: Rule): FilterTest | null {
  return r.filter !== null && r.filter.type === 'test' && isPatternKind(r.filter.arg.kind) ? r.filter : null;
}

function countTests(e: FilterExpr): number {
  switch (e.type) {
    case 'test':
      return 1;
    case 'not':
      return countTests(e.item);
    case 'all':
    case 'any':
      return e.items.reduce((n, i) => n + countTests(i), 0);
  }
}

/** A test's label in provenance (not cached: a lowering labels most tests once, and a WeakMap entry costs more). */
function label(t: FilterTest): string {
  return testToSbpl(t);
}

function spansOf(s: Provenance['spans'][number] | undefined): Provenance['spans'] {
  return s ? [s] : [];
}
