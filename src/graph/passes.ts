// Graph passes a compiler model can ask for after the lowering has built (and hash-consed) the graph:
// edge threading past tests already decided on the way, and numbering nodes in the order a serializer that
// walks the op table writes them. Both keep the graph's meaning; only its shape and numbering change.

import { testIdentity, type GraphNode, type NodeId, type NodeTest, type PolicyGraph } from './model.js';

/** One test's identity: the filter and its OR-ed arguments, in order. */
function testKey(t: NodeTest): string {
  return `${t.filterId}|${t.alternatives.map(testIdentity).join('|')}`;
}

/**
 * Edge threading: when a test's match (unmatch) edge leads to a test of the same filter and arguments, that
 * test's outcome is already known there, so the edge goes on to its match (unmatch) target instead. The node
 * is changed in place and is not merged with an identical node afterwards (this is what makes libsandbox emit
 * byte-identical nodes: descriptor THREAD_DECIDED_TESTS). Nodes left unreachable stay; renumbering drops them.
 */
export function threadDecidedTests(g: PolicyGraph): PolicyGraph {
  // a test's key is built only when an edge leads to a test of the same filter (most edges do not)
  const keys: Array<string | null | undefined> = new Array(g.nodes.length);
  const keyOf = (id: NodeId): string | null => {
    let k = keys[id];
    if (k === undefined) {
      const n = g.nodes[id];
      keys[id] = k = n.kind === 'test' && !n.test.opaque ? testKey(n.test) : null;
    }
    return k;
  };
  const sameTest = (a: NodeId, b: NodeId): boolean => {
    const na = g.nodes[a];
    const nb = g.nodes[b];
    if (na.kind !== 'test' || nb.kind !== 'test' || na.test.filterId !== nb.test.filterId || na.test.alternatives.length !== nb.test.alternatives.length) return false;
    const k = keyOf(a);
    return k !== null && k === keyOf(b);
  };
  const nodes: GraphNode[] = g.nodes.map((n, id) => {
    if (n.kind !== 'test' || n.test.opaque) return n;
    const follow = (start: NodeId, edge: 'match' | 'unmatch'): NodeId => {
      let t = start;
      for (let guard = 0; guard < g.nodes.length && sameTest(t, id); guard++) t = (g.nodes[t] as { match: NodeId; unmatch: NodeId })[edge];
      return t;
    };
    const match = follow(n.match, 'match');
    const unmatch = follow(n.unmatch, 'unmatch');
    return match === n.match && unmatch === n.unmatch ? n : { ...n, match, unmatch };
  });
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
  const stack: Array<[NodeId, number]> = [];
  for (const entry of g.entries) {
    if (done[entry]) continue;
    stack.push([entry, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const node = g.nodes[top[0]];
      if (node.kind === 'test' && top[1] < 2) {
        const k = top[1]++ === 0 ? node.match : node.unmatch;
        if (!done[k]) stack.push([k, 0]); // acyclic: a child is never on the current path
        continue;
      }
      stack.pop();
      if (!done[top[0]]) {
        done[top[0]] = 1;
        written.push(top[0]);
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
