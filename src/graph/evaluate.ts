// Decide requests on a PolicyGraph: walk from the operation's entry node, testing filters with the decision
// engine's own matcher (src/decide/match.ts) and preparing requests as it does (src/decide/prepare.ts), so the
// graph and the engine can only disagree where the graph does.

import type { Action, FilterExpr, Modifier } from '../sbpl/profile.js';
import type { Vocab } from '../vocab/index.js';
import type { Request, RequestFacts } from '../decide/request.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../decide/engine.js';
import { DecideError } from '../decide/errors.js';
import { compileExpr, compileTest, vocabMatchEnv, type FactsMatcher, type MatchEnv } from '../decide/match.js';
import { buildIndex, walkIndex, type ListIndex } from '../decide/index-runs.js';
import { crossedLinks, linkFacts, requestedOperation, RequestPreparer } from '../decide/prepare.js';
import { operationFallback } from '../decide/rule-lists.js';
import type { GraphNode, NodeId, PolicyGraph } from './model.js';

export interface GraphVerdict {
  decision: Action;
  modifiers: readonly Modifier[];
  /** Operation whose entry was used (the requested one, or an ancestor for ops outside the table). */
  operation: string;
  /** Terminal node reached; -1 for a fixed decision of an operation outside the op table. */
  terminal: NodeId;
  /** Nodes visited, entry first. */
  path: NodeId[];
  check: 'main' | 'symlink-traversal';
  link?: string;
  /** Set when an opaque or approximate test was on the path: the answer may be wrong. */
  uncertain?: string;
}

export type GraphEvaluatorOptions = Pick<EngineOptions, 'fs' | 'match' | 'regexes' | 'symlinkTraversalCheck'>;

/**
 * A chain of test nodes linked by unmatch edges, from some node on: the walk goes down it to the first node
 * whose test matches, which is the decision engine's "first matching entry" rule, so the engine's rule-list
 * index (literal / subpath hash lookups, path buckets for the rest) finds that node without testing each one.
 */
interface Run {
  nodes: NodeId[];
  index: ListIndex<number>;
}

/** Shorter chains are walked node by node. */
const MIN_RUN = 8;
/**
 * Longer chains are taken as consecutive runs. Walks can enter a chain part-way (after the inner tests of a
 * require-all, say) and each entry point has its own run, so this bounds their memory by nodes x MAX_RUN.
 */
const MAX_RUN = 256;

export class GraphEvaluator {
  private readonly requests: RequestPreparer;
  private readonly env: MatchEnv;
  private readonly matchers: Array<FactsMatcher | null>;
  /** Run starting at each node (built on first visit); null: walk that node by itself. */
  private readonly runs: Array<Run | null | undefined>;
  /** Entry of each requested operation name. */
  private readonly entries = new Map<string, { op: string; node: NodeId } | { op: string; fixed: Action }>();
  private readonly symlinkCheck: boolean;

  constructor(
    readonly graph: PolicyGraph,
    readonly vocab: Vocab,
    options: GraphEvaluatorOptions = {},
  ) {
    this.requests = new RequestPreparer(options.fs);
    this.env = vocabMatchEnv(vocab, options);
    this.symlinkCheck = options.symlinkTraversalCheck ?? DEFAULT_ENGINE_OPTIONS.symlinkTraversalCheck;
    this.matchers = graph.nodes.map(() => null);
    this.runs = new Array(graph.nodes.length);
  }

  /**
   * The run starting at `start`: the chain of tests along unmatch edges up to a terminal, an opaque or
   * approximate test, or MAX_RUN nodes; null when that is shorter than MIN_RUN.
   */
  private runAt(start: NodeId): Run | null {
    const hit = this.runs[start];
    if (hit !== undefined) return hit;
    const nodes: NodeId[] = [];
    const seen = new Set<NodeId>();
    let id = start;
    for (;;) {
      const node = this.graph.nodes[id];
      // opaque and approximate tests are walked one by one (they mark the verdict uncertain); a cycle ends it
      if (node === undefined || node.kind !== 'test' || node.test.opaque || node.test.approximate || seen.has(id) || nodes.length === MAX_RUN) break;
      seen.add(id);
      nodes.push(id);
      id = node.unmatch;
    }
    let run: Run | null = null;
    if (nodes.length >= MIN_RUN) {
      const entries = nodes.map((n, k) => {
        const alts = (this.graph.nodes[n] as Extract<GraphNode, { kind: 'test' }>).test.alternatives;
        const filter: FilterExpr = alts.length === 1 ? alts[0] : { type: 'any', items: alts };
        return { filter, match: this.matcher(n), verdict: k };
      });
      run = { nodes, index: buildIndex(entries, this.env.options ?? {}, (x) => compileExpr(x, this.env)) };
    }
    this.runs[start] = run;
    return run;
  }

  private matcher(id: NodeId): FactsMatcher {
    const hit = this.matchers[id];
    if (hit) return hit;
    const node = this.graph.nodes[id];
    if (node.kind !== 'test') throw new DecideError(`node ${id} is not a test`);
    const parts = node.test.alternatives.map((t) => compileTest(t, this.env));
    const m: FactsMatcher = parts.length === 1 ? parts[0] : (f) => parts.some((p) => p(f));
    this.matchers[id] = m;
    return m;
  }

  private entry(name: string): { op: string; node: NodeId } | { op: string; fixed: Action } {
    let e = this.entries.get(name);
    if (e === undefined) {
      e = this.findEntry(name);
      this.entries.set(name, e);
    }
    return e;
  }

  /** Entry node of an operation (aliases resolved); ops outside the table follow the vocabulary's fallback. */
  private findEntry(name: string): { op: string; node: NodeId } | { op: string; fixed: Action } {
    // a request names a kernel operation, resolved exactly as the decision engine resolves it; operations
    // outside the table follow their fallback to one inside it
    let op = requestedOperation(this.vocab, name);
    // a vocabulary with unnamed slots (op#N: newer formats known only in part) cannot say that an operation without
    // a slot is outside the table: it may be one of the unnamed entries, so following its fallback would be a guess
    if (!(op.id >= 0 && op.id < this.graph.entries.length)) {
      const unnamed = this.vocab.operations.filter((o) => o.name.startsWith('op#') && o.id < this.graph.entries.length).length;
      if (unnamed > 0) throw new DecideError(`operation '${op.name}' has no known slot in the ${this.vocab.id} operation table (${unnamed} of its ${this.graph.entries.length} entries are unnamed, op#N): this blob cannot decide it without guessing`);
    }
    for (let guard = 0; guard <= this.vocab.operations.length; guard++) {
      if (op.id >= 0 && op.id < this.graph.entries.length) return { op: op.name, node: this.graph.entries[op.id] };
      const fallback = operationFallback(op);
      if (fallback.kind === 'fixed') return { op: op.name, fixed: fallback.decision };
      const parent = this.vocab.operation(fallback.parent);
      if (!parent) return { op: op.name, fixed: 'deny' };
      op = parent;
    }
    throw new DecideError(`operation '${name}': fallback chain does not end`);
  }

  private walk(start: NodeId, f: RequestFacts): { terminal: NodeId; path: NodeId[]; uncertain?: string } {
    let path: NodeId[] = [];
    const nodes = this.graph.nodes;
    let id = start;
    let uncertain: string | undefined;
    // a terminal must come within nodes.length + 1 steps, or the walk is going round a cycle
    while (path.length <= nodes.length) {
      const node = nodes[id];
      if (node.kind === 'terminal') {
        path.push(id);
        return { terminal: id, path, uncertain };
      }
      const run = this.runAt(id);
      if (run !== null) {
        // the run's nodes up to the first that matches (all of them when none does)
        const k = walkIndex(run.index, f);
        const last = k === undefined ? run.nodes.length - 1 : k;
        if (path.length === 0) path = run.nodes.slice(0, last + 1);
        else for (let i = 0; i <= last; i++) path.push(run.nodes[i]);
        const exit = nodes[run.nodes[last]] as Extract<GraphNode, { kind: 'test' }>;
        id = k === undefined ? exit.unmatch : exit.match;
        continue;
      }
      path.push(id);
      if (node.test.opaque) uncertain ??= `node ${id}: ${node.test.opaque.reason}`;
      else if (node.test.approximate) uncertain ??= `node ${id}: ${node.test.approximate}`;
      id = !node.test.opaque && this.matcher(id)(f) ? node.match : node.unmatch;
    }
    throw new DecideError(`graph walk from node ${start} does not reach a terminal (cycle)`);
  }

  private decideOp(name: string, f: RequestFacts): GraphVerdict {
    const e = this.entry(name);
    if ('fixed' in e) return { decision: e.fixed, modifiers: [], operation: e.op, terminal: -1, path: [], check: 'main' };
    const w = this.walk(e.node, f);
    const t = this.graph.nodes[w.terminal];
    if (t.kind !== 'terminal') throw new DecideError('internal: walk ended on a test');
    const v: GraphVerdict = { decision: t.decision, modifiers: t.modifiers, operation: e.op, terminal: w.terminal, path: w.path, check: 'main' };
    if (w.uncertain) v.uncertain = w.uncertain;
    return v;
  }

  decide(request: Request): GraphVerdict {
    const prepared = this.requests.prepareIfNeeded(request.facts);
    const facts = prepared?.facts ?? request.facts;
    if (this.symlinkCheck && prepared) {
      for (const l of crossedLinks(prepared)) {
        const v = this.decideOp('file-read-metadata', linkFacts(l.link, facts));
        if (v.decision === 'deny') return { ...v, check: 'symlink-traversal', link: l.link };
      }
    }
    return this.decideOp(request.operation, facts);
  }
}

export function evaluateGraph(graph: PolicyGraph, vocab: Vocab, request: Request, options?: GraphEvaluatorOptions): GraphVerdict {
  return new GraphEvaluator(graph, vocab, options).decide(request);
}
