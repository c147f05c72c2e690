// A compiled profile as a policy layer (src/decide/platform.ts): the one function through which a decoded
// PolicyGraph of any blob format joins two-layer evaluation. The graph is walked by the graph evaluator, which
// tests filters with the decision engine's own matcher, so both layers read a request the same way.

import type { Vocab } from '../vocab/index.js';
import type { Request } from '../decide/request.js';
import type { LayerDecision, PolicyLayer } from '../decide/platform.js';
import { spanLabel } from '../diagnostics/diagnostic.js';
import { GraphEvaluator, type GraphEvaluatorOptions, type GraphVerdict } from './evaluate.js';
import { testText } from './decompile.js';
import type { NodeId, PolicyGraph } from './model.js';

export interface GraphLayerOptions extends GraphEvaluatorOptions {
  /** Where the graph came from (file name, `FILE#PROFILE` for a collection entry). */
  source: string;
  /** Blob format id the graph was decoded from. */
  format: string;
}

/** One node of the walk, for explanations. */
export interface WalkStep {
  node: NodeId;
  /** Test nodes: the filter test as SBPL and whether it matched; terminals: the decision. */
  text: string;
  matched?: boolean;
  /** Source location of the rule the node implements, when the graph records it (our own compiles). */
  rule?: string;
}

export interface GraphLayerDetail extends GraphVerdict {
  format: string;
  steps: WalkStep[];
}

function stepsOf(graph: PolicyGraph, vocab: Vocab, path: readonly NodeId[]): WalkStep[] {
  return path.map((id, i) => {
    const n = graph.nodes[id];
    const rule = n.prov?.spans[0] ? spanLabel(n.prov.spans[0]) : undefined;
    const step: WalkStep =
      n.kind === 'terminal'
        ? { node: id, text: `${n.decision}${n.modifiers.map((m) => ` (with ${m.name})`).join('')}` }
        : {
            node: id,
            text: n.test.opaque
              ? `${n.test.filter} <not understood: ${n.test.opaque.reason}>`
              : n.test.alternatives.length === 1
                ? testText(n.test.alternatives[0], vocab)
                : `(require-any ${n.test.alternatives.map((t) => testText(t, vocab)).join(' ')})`,
            // the walk's next node tells which edge was taken
            matched: n.match !== n.unmatch ? path[i + 1] === n.match : undefined,
          };
    if (rule !== undefined) step.rule = rule;
    return step;
  });
}

/** Text lines: the first tests and the end of a long walk (JSON keeps every step). */
function walkLines(steps: WalkStep[], max = MAX_STEP_LINES): string[] {
  const line = (s: WalkStep) => `  node ${s.node}: ${s.text}${s.matched === undefined ? '' : s.matched ? ' MATCH' : ' no'}${s.rule ? ` [${s.rule}]` : ''}`;
  if (steps.length <= max) return steps.map(line);
  const tail = steps.slice(-Math.floor(max / 4));
  return [...steps.slice(0, max - tail.length).map(line), `  ... ${steps.length - max} more (use --json for all)`, ...tail.map(line)];
}

const MAX_STEP_LINES = 40;

function describeGraphVerdict(v: GraphVerdict, graph: PolicyGraph): string {
  if (v.terminal < 0) return `fixed ${v.decision} of ${v.operation} (outside the blob's operation table)`;
  const tests = v.path.length - 1;
  const t = graph.nodes[v.terminal];
  const rule = t.prov?.spans[0] ? ` (rule at ${spanLabel(t.prov.spans[0])})` : '';
  const via = v.check === 'symlink-traversal' ? ` [symlink ${v.link}: file-read-metadata refused]` : '';
  return `terminal node ${v.terminal} (${v.decision}) from the ${v.operation} entry after ${tests} test${tests === 1 ? '' : 's'}${rule}${via}`;
}

/** A decoded or compiled PolicyGraph as a layer. `vocab` must be the vocabulary the graph's ids refer to. */
export function graphLayer(graph: PolicyGraph, vocab: Vocab, options: GraphLayerOptions): PolicyLayer {
  const evaluator = new GraphEvaluator(graph, vocab, options);
  return {
    form: options.format,
    source: options.source,
    os: vocab.id,
    decide(request: Request, explain: boolean): LayerDecision {
      const v = evaluator.decide(request);
      const d: LayerDecision = { decision: v.decision, decidedBy: describeGraphVerdict(v, graph), operation: v.operation, check: v.check, modifiers: v.modifiers };
      if (v.link !== undefined) d.link = v.link;
      if (v.uncertain !== undefined) d.uncertain = v.uncertain;
      if (explain) {
        const steps = stepsOf(graph, vocab, v.path);
        const detail: GraphLayerDetail = { ...v, format: options.format, steps };
        d.detail = detail;
        d.text = steps.length ? [`walk (${steps.length} node${steps.length === 1 ? '' : 's'}):`, ...walkLines(steps)] : [];
      }
      return d;
    },
  };
}
