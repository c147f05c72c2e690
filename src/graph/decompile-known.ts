// Repeated tests resolved along each path: the graph rewritten so that no path tests the same thing twice.
//
// Apple's compiler can test one condition at many nodes (a ladder: `storage-class X` ... `extension-class E` ...
// `storage-class Y` ... `extension-class E`, each level reached both with E matched and not). Two nodes with the
// same test decide the same for a request, so where a path has already tested it, the later node's outcome is
// known and the path can go straight to that branch. The subgraph under a node depends only on the known
// outcomes of tests that occur below it, so each node is copied once per distinct such assignment (memoised),
// and equal nodes are shared. The ladder becomes three plain chains (E untested, E matched, E unmatched), which
// decompile-blocks.ts writes as formulas a few times the size of the graph instead of one doubling per level.

import { DecompileError } from './decompile.js';
import type { GraphNode, NodeId, PolicyGraph, TestNode } from './model.js';

/** What a test node tests, as a key: equal keys match the same requests. */
const testKey = (n: TestNode): string => JSON.stringify([n.test.filterId, n.test.alternatives, n.test.opaque?.rawFilter, n.test.opaque?.rawArgument, n.test.approximate]);

export interface KnownTestsResult {
  graph: PolicyGraph;
  /** Tests that occur at more than one node of the input (the only ones a path can meet twice). */
  repeatedTests: number;
  /** Nodes of the input reached from its entries (a collection's graph holds every profile's nodes). */
  reachedNodes: number;
}

/**
 * `graph` with every test whose outcome is known on the path (the same test passed earlier) bypassed.
 * Raises DecompileError beyond `maxNodes` nodes (assignments that do not collapse copy the graph many times).
 */
export function resolveKnownTests(graph: PolicyGraph, maxNodes: number, maxContexts = 8): KnownTestsResult {
  const nodes = graph.nodes;
  // tests that occur at two or more nodes get a bit each; the others can never be met twice on a path
  const keyIds = new Map<string, number>();
  const keyOf = new Int32Array(nodes.length).fill(-1);
  const count: number[] = [];
  nodes.forEach((n, i) => {
    if (n.kind !== 'test') return;
    const k = testKey(n);
    let id = keyIds.get(k);
    if (id === undefined) {
      id = count.length;
      keyIds.set(k, id);
      count.push(0);
    }
    count[id]++;
    keyOf[i] = id;
  });
  const bitOf = new Int32Array(count.length).fill(-1);
  let bits = 0;
  count.forEach((c, id) => {
    if (c > 1) bitOf[id] = bits++;
  });
  const bitOfNode = (i: NodeId): number => (keyOf[i] < 0 ? -1 : bitOf[keyOf[i]]);

  // below[i]: the repeated tests at i or under it (successors first, an explicit stack: chains are deep)
  const words = Math.max(1, Math.ceil(bits / 32));
  const below = new Uint32Array(nodes.length * words);
  {
    const state = new Uint8Array(nodes.length);
    for (let root = 0; root < nodes.length; root++) {
      if (state[root]) continue;
      const stack: NodeId[] = [root];
      while (stack.length) {
        const id = stack[stack.length - 1];
        const n = nodes[id];
        if (state[id] === 0) {
          state[id] = 1;
          if (n.kind === 'test')
            for (const k of [n.match, n.unmatch]) {
              if (state[k] === 1) throw new DecompileError(`node ${k} lies on a cycle`);
              if (state[k] === 0) stack.push(k);
            }
          continue;
        }
        stack.pop();
        if (state[id] === 2) continue;
        state[id] = 2;
        if (n.kind !== 'test') continue;
        const at = id * words;
        for (const k of [n.match, n.unmatch]) for (let w = 0; w < words; w++) below[at + w] |= below[k * words + w];
        const b = bitOfNode(id);
        if (b >= 0) below[at + (b >> 5)] |= 1 << (b & 31);
      }
    }
  }
  const isBelow = (id: NodeId, b: number) => (below[id * words + (b >> 5)] & (1 << (b & 31))) !== 0;

  const out: GraphNode[] = [];
  const copyOf = new Map<string, NodeId>(); // node @ the known outcomes relevant under it
  const shared = new Map<string, NodeId>(); // equal nodes written once
  const terminals = new Map<NodeId, NodeId>();
  const contexts: { known: Map<number, boolean>; node: NodeId }[][] = [];
  /** The copy of `id` under `known` (bit -> outcome). */
  const reached = new Uint8Array(nodes.length);
  const copy = (id: NodeId, known: Map<number, boolean>): NodeId => {
    const n = nodes[id];
    reached[id] = 1;
    if (n.kind === 'terminal') {
      let t = terminals.get(id);
      if (t === undefined) {
        t = out.length;
        out.push(n);
        terminals.set(id, t);
      }
      return t;
    }
    const b = bitOfNode(id);
    const seen = b >= 0 ? known.get(b) : undefined;
    if (seen !== undefined) return copy(seen ? n.match : n.unmatch, known);
    const relevant = new Map<number, boolean>();
    for (const [k, v] of known) if (isBelow(id, k)) relevant.set(k, v);
    const key = `${id}@${[...relevant].map(([k, v]) => `${k}${v ? '+' : '-'}`).sort().join(',')}`;
    const hit = copyOf.get(key);
    if (hit !== undefined) return hit;
    // a node copied for many assignments: reuse a copy made under fewer of the known outcomes (a test it keeps
    // is tested again, which decides the same), at worst the one under none
    const made = (contexts[id] ??= []);
    if (made.length >= maxContexts && relevant.size > 0) {
      const sub = made.find((c) => [...c.known].every(([k, v]) => relevant.get(k) === v));
      const r = sub ? sub.node : copy(id, new Map());
      copyOf.set(key, r);
      return r;
    }
    known = relevant;
    const with_ = (v: boolean) => (b < 0 ? known : new Map(known).set(b, v));
    const m = copy(n.match, with_(true));
    const u = copy(n.unmatch, with_(false));
    let r: NodeId;
    if (m === u) r = m;
    else {
      const sk = `${keyOf[id]}|${m}|${u}`;
      const same = shared.get(sk);
      if (same !== undefined) r = same;
      else {
        r = out.length;
        out.push({ ...n, match: m, unmatch: u });
        shared.set(sk, r);
        if (out.length > maxNodes) throw new DecompileError(`resolving repeated tests along each path needs more than ${maxNodes} nodes`);
      }
    }
    copyOf.set(key, r);
    made.push({ known, node: r });
    return r;
  };
  const entries = graph.entries.map((e) => copy(e, new Map()));
  return { graph: { ...graph, nodes: out, entries }, repeatedTests: bits, reachedNodes: reached.reduce((a, b) => a + b, 0) };
}
