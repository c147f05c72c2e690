// A graph of our own with the shape that defeats formulas: one condition re-tested down two interleaved
// chains. Chain A is "no extension seen unmatched", chain B "extension unmatched"; each level k tests path
// /sK (in both chains) and, on a match, a signing identifier, then the extension class again, which sends the
// path to level k+1 of chain A (matched) or B (unmatched). Every level is reached from both chains, so written
// as one formula the test at level 0 doubles per level (the shape of macOS 15's storage-class ladder).
import type { GraphNode, NodeId, PolicyGraph } from '../../src/graph/model.js';
import type { FilterTest } from '../../src/sbpl/profile.js';
import type { Vocab } from '../../src/vocab/index.js';

export function ladderGraph(vocab: Vocab, levels: number, op = 'file-read-data'): PolicyGraph {
  const nodes: GraphNode[] = [
    { kind: 'terminal', decision: 'allow', modifiers: [] },
    { kind: 'terminal', decision: 'deny', modifiers: [] },
  ];
  const [ALLOW, DENY] = [0, 1];
  const node = (filter: string, t: FilterTest, match: NodeId, unmatch: NodeId): NodeId => {
    nodes.push({ kind: 'test', test: { filter, filterId: vocab.filter(filter)!.id, alternatives: [t] }, match, unmatch });
    return nodes.length - 1;
  };
  const lit = (filter: string, value: string): FilterTest => ({ type: 'test', filter, arg: { kind: 'literal', value }, spelled: filter === 'path' ? 'literal' : filter });
  // built from the last level up: a[k], b[k] are the chains' nodes at level k
  let a: NodeId = ALLOW;
  let b: NodeId = DENY;
  for (let k = levels - 1; k >= 0; k--) {
    const ext = node('extension-class', lit('extension-class', 'com.example.ext'), a, b);
    const signed = node('signing-identifier', lit('signing-identifier', `com.example.s${k}`), ext, DENY);
    const na = node('path', lit('path', `/s${k}`), signed, a);
    const nb = node('path', lit('path', `/s${k}`), signed, b);
    [a, b] = [na, nb];
  }
  const slots = vocab.operations.filter((o) => !o.notInOpTable);
  const entries = Array.from({ length: Math.max(...slots.map((o) => o.id)) + 1 }, () => DENY);
  entries[vocab.operation(op)!.id] = a;
  return { os: vocab.id, profileType: 0, entries, nodes, policies: [], notes: [] };
}
