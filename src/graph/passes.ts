// Graph passes a compiler model can ask for after the lowering has built (and hash-consed) the graph:
// edge threading past tests already decided on the way, and numbering nodes in the order a serializer that
// walks the op table writes them. Both keep the graph's meaning; only its shape and numbering change.

import { IntSequenceMap } from './int-sequence-map.js';
import { TestIdentities, type GraphNode, type NodeId, type PolicyGraph, type TestNode } from './model.js';

/**
 * A number per test node for its alternatives' identities, in order (equal numbers, equal alternatives, for
 * nodes with as many alternatives); -1 for terminals and opaque tests. Built only for the nodes asked about.
 */
class TestKeys {
  private readonly keys: Int32Array;
  private readonly identities = new TestIdentities();
  private readonly sequences = new IntSequenceMap();
  private ids = new Int32Array(16);

  constructor(
    private readonly nodes: readonly GraphNode[],
    private readonly known?: AlternativeIds,
  ) {
    this.keys = new Int32Array(nodes.length).fill(-2); // -2: not built yet
  }

  of(id: NodeId): number {
    let k = this.keys[id];
    if (k === -2) this.keys[id] = k = this.build(id);
    return k;
  }

  private idOf(node: NodeId, k: number): number {
    return this.known ? this.known(node, k) : this.identities.idOf((this.nodes[node] as TestNode).test.alternatives[k]);
  }

  private build(id: NodeId): number {
    const n = this.nodes[id];
    if (n.kind !== 'test' || n.test.opaque) return -1;
    const alts = n.test.alternatives;
    // one alternative (most tests): its identity is the key
    if (alts.length === 1) return this.idOf(id, 0);
    if (alts.length > this.ids.length) this.ids = new Int32Array(2 * alts.length);
    for (let i = 0; i < alts.length; i++) this.ids[i] = this.idOf(id, i);
    let k = this.sequences.get(this.ids, alts.length);
    if (k < 0) this.sequences.set(this.ids, alts.length, (k = this.sequences.size));
    return k;
  }
}

/**
 * The identity (a TestIdentities number, one table for the whole graph) of alternative `k` of test node `node`,
 * from a caller that already has them (the lowering numbered every test it built).
 */
export type AlternativeIds = (node: NodeId, k: number) => number;

/** Do nodes `a` and `b` test the same filter with the same alternatives? */
function sameTest(g: PolicyGraph, keys: TestKeys, a: NodeId, b: NodeId): boolean {
  const na = g.nodes[a];
  const nb = g.nodes[b];
  if (na.kind !== 'test' || nb.kind !== 'test' || na.test.filterId !== nb.test.filterId || na.test.alternatives.length !== nb.test.alternatives.length) return false;
  const k = keys.of(a);
  return k >= 0 && k === keys.of(b);
}

/** Where the edge from `start` leads past the tests that have the outcome of node `id`'s test (`match` side or not). */
function followDecided(g: PolicyGraph, keys: TestKeys, id: NodeId, start: NodeId, match: boolean): NodeId {
  let t = start;
  for (let guard = 0; guard < g.nodes.length && sameTest(g, keys, t, id); guard++) {
    const n = g.nodes[t] as { match: NodeId; unmatch: NodeId };
    t = match ? n.match : n.unmatch;
  }
  return t;
}

/**
 * Edge threading: when a test's match (unmatch) edge leads to a test of the same filter and arguments, that
 * test's outcome is already known there, so the edge goes on to its match (unmatch) target instead. The node
 * is changed in place and is not merged with an identical node afterwards (this is what makes libsandbox emit
 * byte-identical nodes: descriptor THREAD_DECIDED_TESTS). Nodes left unreachable stay; renumbering drops them.
 * `identities` gives the tests' identity numbers when the caller has them (the lowering); else they are interned here.
 */
export function threadDecidedTests(g: PolicyGraph, identities?: AlternativeIds): PolicyGraph {
  // a test's key is built only when an edge leads to a test of the same filter (most edges do not)
  const keys = new TestKeys(g.nodes, identities);
  const nodes: GraphNode[] = new Array(g.nodes.length);
  for (let id = 0; id < g.nodes.length; id++) {
    const n = g.nodes[id];
    if (n.kind !== 'test' || n.test.opaque) {
      nodes[id] = n;
      continue;
    }
    const match = followDecided(g, keys, id, n.match, true);
    const unmatch = followDecided(g, keys, id, n.unmatch, false);
    nodes[id] = match === n.match && unmatch === n.unmatch ? n : { ...n, match, unmatch };
  }
  return { ...g, nodes };
}

/**
 * Number the nodes in serialization order: walk the op table from operation 0 upward and write each entry's
 * graph depth first, a node after its match then unmatch subgraph; the first node written gets the highest
 * index. Nodes no entry reaches are dropped (they are never written). With `inPlace` the test nodes' edges are
 * renumbered in the node objects themselves (for a caller that built the graph and holds no other reference).
 */
export function numberInSerializationOrder(g: PolicyGraph, options: { inPlace?: boolean } = {}): PolicyGraph {
  const n = g.nodes.length;
  const done = new Uint8Array(n);
  const written: NodeId[] = [];
  // the walk's stack as two arrays (node, edges taken)
  const stackNode = new Int32Array(n + 1);
  const stackStep = new Uint8Array(n + 1);
  for (const entry of g.entries) {
    if (done[entry]) continue;
    let top = 0;
    stackNode[0] = entry;
    stackStep[0] = 0;
    while (top >= 0) {
      const id = stackNode[top];
      const node = g.nodes[id];
      if (node.kind === 'test' && stackStep[top] < 2) {
        const k = stackStep[top]++ === 0 ? node.match : node.unmatch;
        // acyclic: a child is never on the current path, so the stack never holds a node twice
        if (!done[k]) {
          if (top + 1 >= stackNode.length) throw new Error('numberInSerializationOrder: the graph has a cycle');
          stackNode[++top] = k;
          stackStep[top] = 0;
        }
        continue;
      }
      top--;
      if (!done[id]) {
        done[id] = 1;
        written.push(id);
      }
    }
  }
  const index = new Int32Array(n).fill(-1);
  written.forEach((old, i) => (index[old] = written.length - 1 - i));
  const nodes: GraphNode[] = new Array(written.length);
  written.forEach((old) => {
    const node = g.nodes[old];
    if (node.kind === 'test' && options.inPlace) {
      node.match = index[node.match];
      node.unmatch = index[node.unmatch];
      nodes[index[old]] = node;
    } else nodes[index[old]] = node.kind === 'test' ? { ...node, match: index[node.match], unmatch: index[node.unmatch] } : node;
  });
  return { ...g, entries: g.entries.map((e) => index[e]), nodes };
}
