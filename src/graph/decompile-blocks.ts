// PolicyGraph -> SBPL for real (Apple-compiled) graphs: a decision list of rule blocks whose filters are
// formula trees recovered from the graph, so the text the reader expands stays about the size of the graph.
//
// libsandbox compiles an operation's rules (newest first) into a chain: each rule's filter becomes a sub-graph
// with two exits, the rule's terminal and the next rule. Undoing that:
// - blocks: a block starts at node N and ends at F, the post-dominator of N once edges into terminals are
//   dropped (every path out of the block that does not decide there goes through F). Any F is correct: the
//   block's rules say "the path from N reaches a terminal of class t before F"; a request whose path reaches F
//   matches none of them and falls through to F's block. Blocks are written newest-last (SBPL tries later
//   filtered rules first); the last block's commonest decision is the operation's unfiltered rule.
// - formulas: within a block, "reach success S before failure" at a test X is X / not X / X and A / X or B ...
//   when a successor is an exit, and otherwise splits at a cut node c that every path to S (an AND) or to the
//   failures (an OR) passes: reach(N -> c) and reach(c -> S), or reach(N -> S before c) or reach(c -> S).
//   Only where no cut exists is the test expanded both ways (X and A) or (not X and B).
// A condition reached from several places is one object, written once as `(define cK ...)`: the reader keeps a
// defined filter shared (filters are DAGs, see filterTests in sbpl/profile.ts), so the text and what later
// stages walk stay about the size of the formulas' DAG, even where written out they would be 1e69 tests.

import { filterToSbpl, ruleToSbpl, testToSbpl } from '../sbpl/print.js';
import type { Vocab } from '../vocab/index.js';
import type { NodeId, PolicyGraph, TestNode } from './model.js';
import { DecompileError, omittable, opaquePlaceholder, opIndex, type DecompileOptions } from './decompile.js';
import { resolveKnownTests, type KnownTestsResult } from './decompile-known.js';

/**
 * A condition: constant, a printed atom (a test or a defined test), or a flattened require-any / -all / -not;
 * `n`: tests once written out (shared parts copied: can be astronomically large).
 */
type Cond = true | false | { k: 'atom'; s: string } | { k: 'any' | 'all'; items: Cond[]; n: number } | { k: 'not'; e: Cond; n: number };

const condSize = (c: Cond): number => (typeof c !== 'object' ? 0 : c.k === 'atom' ? 1 : c.n);
const not = (e: Cond): Cond => (e === true ? false : e === false ? true : e.k === 'not' ? e.e : { k: 'not', e, n: condSize(e) });
function join(k: 'any' | 'all', a: Cond, b: Cond): Cond {
  const unit = k === 'all';
  if (a === unit) return b;
  if (b === unit) return a;
  if (a === !unit || b === !unit) return !unit;
  const items: Cond[] = [];
  for (const x of [a, b]) {
    if (typeof x === 'object' && x.k === k) for (const i of x.items) items.push(i);
    else items.push(x);
  }
  return { k, items, n: condSize(a) + condSize(b) };
}
/** Writes conditions; one used more than once is written once as `(define cK ...)`, which the reader shares. */
class CondWriter {
  readonly defines: string[] = [];
  private readonly uses = new Map<Cond, number>();
  private readonly names = new Map<Cond, string>();

  count(c: Cond): void {
    if (typeof c !== 'object' || c.k === 'atom') return;
    const u = this.uses.get(c) ?? 0;
    this.uses.set(c, u + 1);
    if (u > 0) return;
    if (c.k === 'not') this.count(c.e);
    else for (const i of c.items) this.count(i);
  }

  text(c: Cond): string {
    const out: string[] = [];
    this.body(c, out);
    return out.join('');
  }

  private emit(c: Cond, out: string[]): void {
    if (typeof c !== 'object' || c.k === 'atom' || c.n < 4 || (this.uses.get(c) ?? 0) < 2) return this.body(c, out);
    let name = this.names.get(c);
    if (name === undefined) {
      const text = this.text(c);
      name = `c${this.names.size}`;
      this.names.set(c, name);
      this.defines.push(`(define ${name} ${text})`);
    }
    out.push(name);
  }

  private body(c: Cond, out: string[]): void {
    if (c === true) out.push('(require-all)');
    else if (c === false) out.push('(require-any)');
    else if (c.k === 'atom') out.push(c.s);
    else if (c.k === 'not') {
      out.push('(require-not ');
      this.emit(c.e, out);
      out.push(')');
    } else {
      out.push(`(require-${c.k}`);
      for (const i of c.items) {
        out.push(' ');
        this.emit(i, out);
      }
      out.push(')');
    }
  }
}

export interface BlockDecompileOptions extends Pick<DecompileOptions, 'header'> {
  /**
   * Give up beyond this many require-* arguments, shared conditions counted once (a graph that is not a
   * compiled rule list can need exponentially many).
   */
  maxTests?: number;
  /** Give up beyond this many nodes when resolving repeated tests along each path (decompile-known.ts). */
  maxResolvedNodes?: number;
}

/** Exits of a region: stop nodes with the value reaching them gives; terminals give `class === target`. */
interface Exits {
  target: number;
  stops: Map<NodeId, boolean>;
  key: string;
}

/** Terminal classes: same decision and modifiers decide the same. classOf is -1 for a test node. */
export function terminalClasses(graph: PolicyGraph): { classOf: Int32Array; classTerminal: NodeId[] } {
  const classOf = new Int32Array(graph.nodes.length).fill(-1);
  const classTerminal: NodeId[] = [];
  const classKey = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (node.kind !== 'terminal') return;
    const key = `${node.decision}|${JSON.stringify(node.modifiers.map((m) => [m.name, m.args]))}`;
    let c = classKey.get(key);
    if (c === undefined) {
      c = classTerminal.length;
      classKey.set(key, c);
      classTerminal.push(i);
    }
    classOf[i] = c;
  });
  return { classOf, classTerminal };
}

/** The operations that need rules of their own, grouped by entry node. */
export function writtenGroups(graph: PolicyGraph, vocab: Vocab): Map<NodeId, string[]> {
  const groups = new Map<NodeId, string[]>();
  graph.entries.forEach((e, id) => {
    const op = vocab.operationById(id);
    if (!op) return;
    if (op.name !== 'default' && omittable(graph, vocab, id)) return;
    groups.set(e, [...(groups.get(e) ?? []), op.name]);
  });
  return groups;
}

/**
 * The rule-block text of `graph`. When its formulas grow past `maxTests` (a condition re-tested down interleaved
 * chains), the graph is first rewritten so that no path tests one thing twice (decompile-known.ts), and retried.
 */
export function decompileGraphBlocks(graph: PolicyGraph, vocab: Vocab, options: BlockDecompileOptions = {}): string {
  try {
    return blocksOf(graph, vocab, options);
  } catch (e) {
    if (!(e instanceof DecompileError)) throw e;
    let known: KnownTestsResult;
    try {
      known = resolveKnownTests(graph, options.maxResolvedNodes ?? 500_000);
    } catch (e2) {
      if (!(e2 instanceof DecompileError)) throw e2;
      throw new DecompileError(`${e.message}; ${e2.message}`);
    }
    const resolved = `repeated tests resolved along each path: ${known.reachedNodes} nodes -> ${known.graph.nodes.length}`;
    try {
      return blocksOf(known.graph, vocab, { ...options, header: [...(options.header ?? []), `${resolved} (${e.message})`] });
    } catch (e2) {
      if (!(e2 instanceof DecompileError)) throw e2;
      // the node named is one of the rewritten graph: say so
      throw new DecompileError(`${e.message}; with ${resolved}, still: ${e2.message.replace(/^the condition of node \d+/, 'a condition')}`);
    }
  }
}

function blocksOf(graph: PolicyGraph, vocab: Vocab, options: BlockDecompileOptions): string {
  const isFlag = (f: string) => vocab.filter(f)?.argKind === 'none';
  const nodes = graph.nodes;
  const n = nodes.length;
  const maxTests = options.maxTests ?? 2_000_000;
  const { classOf, classTerminal } = terminalClasses(graph);
  const test = (id: NodeId): TestNode => nodes[id] as TestNode;
  const isTerminal = (id: NodeId) => classOf[id] >= 0;

  const groups = writtenGroups(graph, vocab);

  // nodes reachable from the written entries, successors first (an explicit stack: chains are thousands deep)
  const postorder: NodeId[] = [];
  {
    const state = new Uint8Array(n); // 0 new, 1 open, 2 done
    for (const root of groups.keys()) {
      const stack: NodeId[] = [root];
      while (stack.length) {
        const id = stack[stack.length - 1];
        if (state[id] === 2) {
          stack.pop();
          continue;
        }
        if (state[id] === 0) {
          state[id] = 1;
          if (!isTerminal(id)) {
            const t = test(id);
            for (const k of [t.unmatch, t.match]) {
              if (state[k] === 1) throw new DecompileError(`node ${k} lies on a cycle`);
              if (state[k] === 0) stack.push(k);
            }
          }
          continue;
        }
        state[id] = 2;
        postorder.push(id);
        stack.pop();
      }
    }
  }
  // block ends: post-dominators with the edges into terminals dropped (-1: the block runs to the end)
  const blockEnd = new Int32Array(n).fill(-1);
  const pdDepth = new Int32Array(n);
  const lca = (a: NodeId, b: NodeId): NodeId => {
    while (a !== b) {
      if (a < 0 || b < 0) return -1;
      if (pdDepth[a] >= pdDepth[b]) a = blockEnd[a];
      else b = blockEnd[b];
    }
    return a;
  };
  for (const id of postorder) {
    if (isTerminal(id)) continue;
    const t = test(id);
    const succ = [t.match, t.unmatch].filter((k) => !isTerminal(k));
    const pd = succ.length === 0 ? -1 : succ.length === 1 ? succ[0] : lca(succ[0], succ[1]);
    blockEnd[id] = pd;
    pdDepth[id] = pd < 0 ? 1 : pdDepth[pd] + 1;
  }

  // a test's text, written once as `(define tK ...)` when it is long and used more than once
  const defines: string[] = [];
  const testNames = new Map<string, string>();
  const atoms = new Map<NodeId, Cond>();
  const testAtom = (id: NodeId): Cond => {
    const hit = atoms.get(id);
    if (hit) return hit;
    const t = test(id).test;
    let text: string;
    if (t.opaque) text = testToSbpl(opaquePlaceholder(t.opaque.rawFilter, t.opaque.rawArgument));
    else text = t.alternatives.length === 1 ? testToSbpl(t.alternatives[0], isFlag) : filterToSbpl({ type: 'any', items: t.alternatives }, isFlag);
    if (text.length >= 160) {
      let name = testNames.get(text);
      if (name === undefined) {
        name = `t${testNames.size}`;
        testNames.set(text, name);
        defines.push(`(define ${name} ${text})`);
      }
      text = name;
    }
    const a: Cond = { k: 'atom', s: text };
    atoms.set(id, a);
    return a;
  };

  const exitValue = (id: NodeId, x: Exits): boolean | undefined => {
    const s = x.stops.get(id);
    if (s !== undefined) return s;
    if (isTerminal(id)) return classOf[id] === x.target;
    return undefined;
  };
  const exits = (target: number, stops: Map<NodeId, boolean>): Exits => ({ target, stops, key: `${target}|${[...stops].map(([k, v]) => `${k}${v ? '+' : '-'}`).sort().join(',')}` });
  /** `x` with one more exit; a new target (-1: no terminal) makes the old successes failures. */
  const withStop = (x: Exits, stop: NodeId, value: boolean, target = x.target): Exits => {
    const stops = new Map(x.stops);
    if (target !== x.target) for (const [k, v] of stops) if (v) stops.set(k, false);
    stops.set(stop, value);
    return exits(target, stops);
  };

  // scratch arrays of nearestCut, valid where their stamp is the call's (it runs once per formula: 57,000 times
  // on macOS 15, over regions of thousands of nodes, so no Set or Map per call)
  const seenAt = new Int32Array(n);
  const expandedAt = new Int32Array(n);
  const reachesAt = new Int32Array(n);
  const idomAt = new Int32Array(n);
  const idomOf = new Int32Array(n);
  const domDepth = new Int32Array(n);
  let stamp = 0;
  /**
   * The cut nearest to `from` that every path from `from` to an exit of value `want` passes (not `from` itself,
   * not an exit), or -1: the immediate dominator chain of a virtual sink fed by those exits, within the region.
   */
  const stopAt = new Int32Array(n);
  const stopValue = new Uint8Array(n);
  const nearestCut = (from: NodeId, x: Exits, want: boolean): NodeId => {
    const at = ++stamp;
    for (const [k, v] of x.stops) {
      stopAt[k] = at;
      stopValue[k] = v ? 1 : 0;
    }
    const target = x.target;
    const wanted = want ? 1 : 0;
    /** 1 / 0: an exit of that value, -1: a region node (exitValue without a Map probe). */
    const exit = (k: NodeId): number => (stopAt[k] === at ? stopValue[k] : classOf[k] >= 0 ? (classOf[k] === target ? 1 : 0) : -1);
    // region in postorder, exits not entered
    const post: NodeId[] = [];
    const stack: NodeId[] = [from];
    seenAt[from] = at;
    const visit = (k: NodeId): void => {
      if (seenAt[k] === at || exit(k) >= 0) return;
      seenAt[k] = at;
      stack.push(k);
    };
    while (stack.length) {
      const id = stack[stack.length - 1];
      if (expandedAt[id] !== at) {
        expandedAt[id] = at;
        const t = test(id);
        visit(t.match);
        visit(t.unmatch);
        continue;
      }
      stack.pop();
      post.push(id);
    }
    // which region nodes reach a wanted exit
    const reachesWanted = (k: NodeId): boolean => exit(k) === wanted || reachesAt[k] === at;
    for (const id of post) {
      const t = test(id);
      if (reachesWanted(t.match) || reachesWanted(t.unmatch)) reachesAt[id] = at;
    }
    if (reachesAt[from] !== at) return -1;
    // forward dominators over the nodes that reach a wanted exit, in topological order (reverse postorder)
    idomAt[from] = at;
    idomOf[from] = from;
    domDepth[from] = 0;
    const meet = (a: NodeId, b: NodeId): NodeId => {
      while (a !== b) {
        if (domDepth[a] >= domDepth[b]) a = idomOf[a];
        else b = idomOf[b];
      }
      return a;
    };
    let sinkDom = -1;
    const feed = (k: NodeId, id: NodeId): void => {
      if (exit(k) === wanted) sinkDom = sinkDom < 0 ? id : meet(sinkDom, id);
      else if (reachesAt[k] === at) {
        if (idomAt[k] !== at) {
          idomAt[k] = at;
          idomOf[k] = id;
        } else idomOf[k] = meet(idomOf[k], id);
      }
    };
    for (let i = post.length - 1; i >= 0; i--) {
      const id = post[i];
      if (id !== from) {
        if (idomAt[id] !== at) continue; // not reached from `from` through nodes that reach the exits
        domDepth[id] = domDepth[idomOf[id]] + 1;
      }
      const t = test(id);
      feed(t.match, id);
      feed(t.unmatch, id);
    }
    // walk the sink's dominators up to the one just below `from`
    let cut = sinkDom;
    if (cut === from) return -1;
    while (idomOf[cut] !== from) cut = idomOf[cut];
    return cut;
  };

  const memo = new Map<string, Cond>();
  let argumentsWritten = 0;
  /** "The path from `id` reaches an exit of value true" as a formula. */
  const reach = (id: NodeId, x: Exits): Cond => {
    const v = exitValue(id, x);
    if (v !== undefined) return v;
    const key = `${id}@${x.key}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const t = test(id);
    const xa = testAtom(id);
    const a = exitValue(t.match, x);
    const b = exitValue(t.unmatch, x);
    let out: Cond;
    if (a !== undefined && b !== undefined) out = a === b ? a : a ? xa : not(xa);
    else if (b === false) out = join('all', xa, reach(t.match, x));
    else if (a === true) out = join('any', xa, reach(t.unmatch, x));
    else if (a === false) out = join('all', not(xa), reach(t.unmatch, x));
    else if (b === true) out = join('any', not(xa), reach(t.match, x));
    else {
      const cutS = nearestCut(id, x, true);
      if (cutS >= 0) out = join('all', reach(id, withStop(x, cutS, true, -1)), reach(cutS, x));
      else {
        const cutF = nearestCut(id, x, false);
        if (cutF >= 0) out = join('any', reach(id, withStop(x, cutF, false)), reach(cutF, x));
        else out = join('any', join('all', xa, reach(t.match, x)), join('all', not(xa), reach(t.unmatch, x)));
      }
    }
    if (typeof out === 'object' && out.k !== 'atom') argumentsWritten += out.k === 'not' ? 1 : out.items.length;
    if (argumentsWritten > maxTests) throw new DecompileError(`the condition of node ${id} needs more than ${maxTests} arguments of require-any / -all / -not, shared conditions counted once: the graph is not a compiled rule list we can undo`);
    memo.set(key, out);
    return out;
  };

  /** Terminal classes a block can decide: reached from `start` before `end`. */
  const blockClasses = (start: NodeId, end: NodeId): number[] => {
    const out = new Set<number>();
    const seen = new Set<NodeId>([start]);
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      if (isTerminal(id)) {
        out.add(classOf[id]);
        continue;
      }
      const t = test(id);
      for (const k of [t.match, t.unmatch]) if (k !== end && !seen.has(k)) (seen.add(k), stack.push(k));
    }
    return [...out].sort((p, q) => p - q);
  };

  // per operation group, its rules in writing order (the first block's last: SBPL tries later rules first)
  const written: { ops: string[]; rules: [NodeId, Cond | null][] }[] = [];
  const order = [...groups.entries()].sort((a, b) => opIndex(vocab, a[1][0]) - opIndex(vocab, b[1][0]));
  for (const [entry, ops] of order) {
    const out: [NodeId, Cond | null][] = [];
    written.push({ ops, rules: out });
    if (isTerminal(entry)) {
      out.push([entry, null]);
      continue;
    }
    // blocks in evaluation order, each a list of [class, condition]
    const blocks: [number, Cond][][] = [];
    for (let start: NodeId = entry; start >= 0 && !isTerminal(start); start = blockEnd[start]) {
      const end = blockEnd[start];
      const block: [number, Cond][] = [];
      for (const c of blockClasses(start, end)) {
        const f = reach(start, exits(c, end < 0 ? new Map() : new Map([[end, false]])));
        if (f !== false) block.push([c, f]);
      }
      blocks.push(block);
    }
    // the last block covers every remaining path: its largest condition becomes the unfiltered rule
    const last = blocks[blocks.length - 1];
    let widest = 0;
    last.forEach(([, f], i) => {
      if (condSize(f) > condSize(last[widest][1])) widest = i;
    });
    out.push([classTerminal[last[widest][0]], null]);
    last.forEach(([c, f], i) => {
      if (i !== widest) out.push([classTerminal[c], f]);
    });
    for (let b = blocks.length - 2; b >= 0; b--) for (const [c, f] of blocks[b]) out.push([classTerminal[c], f]);
  }
  const writer = new CondWriter();
  for (const g of written) for (const [, f] of g.rules) if (f !== null) writer.count(f);
  const rules: string[] = [];
  for (const g of written) {
    rules.push('');
    for (const [terminal, f] of g.rules) rules.push(terminalRule(graph, vocab, terminal, g.ops, f === null ? null : writer.text(f)));
  }
  const lines: string[] = [];
  for (const h of options.header ?? []) lines.push(`;; ${h}`);
  lines.push('(version 1)');
  if (defines.length) lines.push(`;; ${defines.length} long tests used more than once`, ...defines);
  if (writer.defines.length) lines.push(`;; ${writer.defines.length} conditions used more than once`, ...writer.defines);
  lines.push(...rules);
  return lines.join('\n') + '\n';
}

/** One rule: the terminal's decision and modifiers for `ops`, with a filter already written (or none). */
export function terminalRule(graph: PolicyGraph, vocab: Vocab, terminal: NodeId, ops: string[], filter: string | null): string {
  const t0 = graph.nodes[terminal];
  if (t0.kind !== 'terminal') throw new DecompileError('internal: not a terminal');
  // a modifier the vocabulary knows without an argument is written without the one the blob carries
  const t = { ...t0, modifiers: t0.modifiers.map((m) => (m.args.length && vocab.modifier(m.name)?.arg === 'none' ? { ...m, args: [] } : m)) };
  const head = ruleToSbpl({ action: t.decision, operations: ops, filter: null, modifiers: [] });
  const mods = ruleToSbpl({ action: t.decision, operations: [], filter: null, modifiers: t.modifiers }).slice(t.decision.length + 1, -1);
  return `${head.slice(0, -1)}${filter ? ' ' + filter : ''}${mods ? ' ' + mods.trim() : ''})`;
}
