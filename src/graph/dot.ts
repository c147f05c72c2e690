// One operation's decision graph as Graphviz DOT: the nodes the kernel may walk from the operation's op-table
// entry (the parent operations' rules are already inlined there), a box per filter test with its `match` and
// `no match` edges, an ellipse per decision. Shared by `sbpl graph` and the web playground, which lay the text
// out with Graphviz (@viz-js/viz); this module only writes the text, so it runs anywhere.

import { StageError } from '../diagnostics/diagnostic.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Vocab } from '../vocab/index.js';
import { testText } from './decompile.js';
import type { GraphNode, NodeId, PolicyGraph } from './model.js';

export interface DotOptions {
  /** Draw at most this many graph nodes; edges to the rest end in one "more nodes" box. Default 300. */
  maxNodes?: number;
  /** First line of the graph's caption (default: the operation and the graph's vocabulary). */
  title?: string;
}

/** The part of a graph one operation can reach, in the order it is drawn (breadth first, match edge first). */
export interface OperationSubgraph {
  /** Canonical operation name. */
  operation: string;
  entry: NodeId;
  /** Drawn nodes, the entry first. */
  nodes: NodeId[];
  /** Nodes reachable but not drawn (over maxNodes). */
  hidden: number;
  /** Other operations whose op-table entry is the same node. */
  sharedWith: string[];
}

export class DotError extends StageError {
  constructor(message: string) {
    super(message, 'graph/dot', 'usage');
    this.name = 'DotError';
  }
}

export const DEFAULT_MAX_NODES = 300;

const isNode = (graph: PolicyGraph, id: NodeId): boolean => Number.isInteger(id) && id >= 0 && id < graph.nodes.length;

/** Operations that have an op-table slot in `graph`, in id order (what `operation` may name). */
export function graphOperations(graph: PolicyGraph, vocab: Vocab): string[] {
  return vocab.operations.filter((o) => o.id < graph.entries.length).sort((a, b) => a.id - b.id).map((o) => o.name);
}

/** Resolve `operation` (a name or an alias) to its op-table slot, or throw DotError saying what exists. */
function entryOf(graph: PolicyGraph, vocab: Vocab, operation: string): { name: string; id: number } {
  const direct = vocab.operation(operation);
  const resolved = direct ?? (() => {
    const r = vocab.resolveOperation(operation);
    return r?.kind === 'operation' ? r.op : undefined;
  })();
  if (!resolved) {
    const guess = didYouMean(operation, vocab.operationSpellings());
    throw new DotError(`unknown operation '${operation}' for ${vocab.id}${guess ? ` (did you mean '${guess}'?)` : ''}`);
  }
  if (resolved.id >= graph.entries.length) {
    throw new DotError(`${resolved.name} (id ${resolved.id}) has no slot in this graph's op table (ids 0..${graph.entries.length - 1}); the kernel does not look it up there`);
  }
  return { name: resolved.name, id: resolved.id };
}

export function operationSubgraph(graph: PolicyGraph, vocab: Vocab, operation: string, options: DotOptions = {}): OperationSubgraph {
  const { name, id } = entryOf(graph, vocab, operation);
  const max = Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES);
  const entry = graph.entries[id];
  if (!isNode(graph, entry)) throw new DotError(`${name}: op-table entry ${entry} is not a node (0..${graph.nodes.length - 1})`);
  const order: NodeId[] = [entry];
  const seen = new Set<NodeId>(order);
  for (let i = 0; i < order.length; i++) {
    const node = graph.nodes[order[i]];
    if (node.kind !== 'test') continue;
    for (const next of [node.match, node.unmatch]) {
      if (seen.has(next) || !isNode(graph, next)) continue;
      seen.add(next);
      order.push(next);
    }
  }
  const drawn = order.slice(0, max);
  const sharedWith = graph.entries
    .map((e, op) => (e === entry && op !== id ? vocab.operationById(op)?.name ?? `#${op}` : undefined))
    .filter((s): s is string => s !== undefined);
  return { operation: name, entry, nodes: drawn, hidden: order.length - drawn.length, sharedWith };
}

/** A DOT double-quoted string: `\` and `"` escaped, newlines as DOT's centred line break. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const LABEL_WIDTH = 60;
const clip = (s: string) => (s.length > LABEL_WIDTH ? s.slice(0, LABEL_WIDTH - 1) + '…' : s);

/** The lines a node shows: the filter test (each alternative of an OR on its own line) or the decision. */
export function nodeLabel(node: GraphNode, vocab: Vocab): string[] {
  if (node.kind === 'terminal') {
    return [node.decision, ...node.modifiers.map((m) => clip(`(with ${m.name}${m.args.map((a) => ' ' + (typeof a === 'string' ? JSON.stringify(a) : String(a))).join('')})`))];
  }
  if (node.test.opaque) return [`${node.test.filter}`, clip(`not understood: ${node.test.opaque.reason}`)];
  const alts = node.test.alternatives.map((a) => clip(testText(a, vocab)));
  const lines = alts.length === 1 ? alts : [`any of ${alts.length}:`, ...alts.slice(0, 12), ...(alts.length > 12 ? [`… ${alts.length - 12} more`] : [])];
  return node.test.approximate ? [...lines, clip(`≈ ${node.test.approximate}`)] : lines;
}

/** Where the node came from, for a tooltip: the rules' source locations. */
function nodeTooltip(node: GraphNode): string | undefined {
  const spans = node.prov?.spans ?? [];
  if (spans.length === 0) return node.prov?.origin === 'compiler-implicit' ? 'added by the compiler' : undefined;
  const where = spans.slice(0, 4).map(spanLabel).join(', ') + (spans.length > 4 ? ` (+${spans.length - 4})` : '');
  return node.prov?.origin === 'standard-policy' ? `${where} (standard policy)` : where;
}

/** DOT text of `operation`'s decision graph. Throws DotError for an operation the graph has no entry for. */
export function operationDot(graph: PolicyGraph, vocab: Vocab, operation: string, options: DotOptions = {}): string {
  const sub = operationSubgraph(graph, vocab, operation, options);
  const drawn = new Set(sub.nodes);
  const out: string[] = [];
  const caption = [
    options.title ?? `${sub.operation} (${graph.os})`,
    `${sub.nodes.length} node${sub.nodes.length === 1 ? '' : 's'}${sub.hidden ? `, ${sub.hidden} more not drawn` : ''}`,
    ...(sub.sharedWith.length ? [`same entry as ${sub.sharedWith.slice(0, 4).join(' ')}${sub.sharedWith.length > 4 ? ` (+${sub.sharedWith.length - 4} more)` : ''}`] : []),
  ];
  out.push('digraph decision {');
  out.push(`  graph [rankdir=TB, fontname="Courier", fontsize=11, labelloc=t, label=${quote(caption.join('\n'))}];`);
  out.push('  node [fontname="Courier", fontsize=10];');
  out.push('  edge [fontname="Courier", fontsize=9];');
  out.push(`  start [id="start", shape=cds, style=filled, fillcolor="#dde6f5", label=${quote(sub.operation)}];`);
  out.push(`  start -> n${sub.entry};`);
  for (const id of sub.nodes) {
    const node = graph.nodes[id];
    const label = quote(nodeLabel(node, vocab).join('\n'));
    const tip = nodeTooltip(node);
    const tooltip = tip ? `, tooltip=${quote(tip)}` : '';
    if (node.kind === 'terminal') {
      const fill = node.decision === 'allow' ? '#d5f0d5' : '#f6d2d2';
      out.push(`  n${id} [id="n${id}", class="decision ${node.decision}", shape=ellipse, style=filled, fillcolor="${fill}", label=${label}${tooltip}];`);
    } else {
      const style = node.test.opaque || node.test.approximate ? 'dashed' : 'solid';
      out.push(`  n${id} [id="n${id}", class="test", shape=box, style="rounded,${style}", label=${label}${tooltip}];`);
    }
  }
  let more = false;
  let broken = false;
  for (const id of sub.nodes) {
    const node = graph.nodes[id];
    if (node.kind !== 'test') continue;
    for (const [to, matched] of [[node.match, true], [node.unmatch, false]] as const) {
      const target = drawn.has(to) ? `n${to}` : isNode(graph, to) ? 'more' : 'missing';
      more ||= target === 'more';
      broken ||= target === 'missing';
      out.push(`  n${id} -> ${target} [${matched ? 'label="match", color="#2a7a2a"' : 'label="no match", style=dashed, color="#888888"'}];`);
    }
  }
  if (broken) out.push('  missing [shape=octagon, color="#b00000", label="edge to a node the graph does not have"];');
  if (more) out.push(`  more [shape=note, label=${quote(`${sub.hidden} more nodes (raise the node limit to draw them)`)}];`);
  out.push('}');
  return out.join('\n') + '\n';
}
