// Two-layer evaluation: every sandboxed process is held to the platform profile as well as to its own profile,
// and an operation goes ahead only when both layers allow it (docs/platform.md has the evidence: the research
// notes give "both must allow", a deny in either wins, and do not establish which layer the kernel checks first).
//
// A layer is anything that decides a request: an SBPL profile through the decision engine (sbplLayer below), or
// a compiled profile's PolicyGraph of any blob format through the graph evaluator (graphLayer in
// src/graph/layer.ts). Both layers are always evaluated, so the answer and the explanation do not depend on the
// unknown evaluation order.

import type { Action, Modifier } from '../sbpl/profile.js';
import type { DecisionEngine } from './engine.js';
import { describeDecider, formatExplanation } from './explain.js';
import type { Request } from './request.js';
import type { Explanation, Verdict } from './types.js';
import { spanLabel } from '../diagnostics/diagnostic.js';

export type LayerName = 'process' | 'platform';

/** One layer's answer, in terms every layer form can give. */
export interface LayerDecision {
  decision: Action;
  /** One line: what in this layer decided (a rule and its location, a terminal node, a fixed decision). */
  decidedBy: string;
  /** Operation whose rule list (SBPL) or op-table entry (compiled) decided. */
  operation: string;
  /** 'symlink-traversal' when this layer refused file-read-metadata on a symlink crossed on the way. */
  check: 'main' | 'symlink-traversal';
  link?: string;
  modifiers: readonly Modifier[];
  /** Set when the layer's answer may be wrong (a decoded test it could not interpret). */
  uncertain?: string;
  /** With explain: the layer's full explanation as JSON-ready data and as text lines. */
  detail?: unknown;
  text?: string[];
}

export interface PolicyLayer {
  /** 'sbpl', or the blob format id of a compiled profile. */
  readonly form: string;
  /** Where the layer came from: a file name, `FILE#PROFILE` for a collection entry. */
  readonly source: string;
  /** Vocabulary the layer names operations and filters with. */
  readonly os: string;
  /** Decide one request; with explain, fill detail and text. Throws DecideError for an unknown operation. */
  decide(request: Request, explain: boolean): LayerDecision;
}

/** Which layer the answer rests on: the one that denied, or both (both denied, or both allowed). */
export type DecidingLayer = LayerName | 'both';

export interface LayeredVerdict {
  decision: Action;
  decidingLayer: DecidingLayer;
  process: LayerDecision;
  platform: LayerDecision;
}

export interface Layers {
  process: PolicyLayer;
  platform: PolicyLayer;
}

/** Both layers decide; the request is allowed only when both allow. */
export function decideLayered(layers: Layers, request: Request, explain = false): LayeredVerdict {
  const own = layers.process.decide(request, explain);
  const platform = layers.platform.decide(request, explain);
  return combineLayers(own, platform);
}

/** `own`: the process profile's answer; `platform`: the platform profile's. */
export function combineLayers(own: LayerDecision, platform: LayerDecision): LayeredVerdict {
  const p = own.decision === 'deny';
  const q = platform.decision === 'deny';
  const decision: Action = p || q ? 'deny' : 'allow';
  const decidingLayer: DecidingLayer = p === q ? 'both' : p ? 'process' : 'platform';
  return { decision, decidingLayer, process: own, platform };
}

/** A sentence naming the deciding layer, for text output. */
export function describeDecidingLayer(v: LayeredVerdict): string {
  if (v.decidingLayer === 'both') return v.decision === 'allow' ? 'both layers allow' : 'both layers deny';
  return v.decidingLayer === 'platform' ? 'the platform profile denies (the process profile allows)' : 'the process profile denies (the platform profile allows)';
}

/** Short summary of the two layers' answers, e.g. `process allow, platform deny`. */
export function layerSummary(v: LayeredVerdict): string {
  return `process ${v.process.decision}, platform ${v.platform.decision}`;
}

/** One line for batches: the deciding layer(s), both answers, and what decided in the deciding layer(s). */
export function layeredLine(v: LayeredVerdict): string {
  const who =
    v.decidingLayer === 'both' ? `process: ${v.process.decidedBy}; platform: ${v.platform.decidedBy}` : v[v.decidingLayer].decidedBy;
  return `${v.decidingLayer === 'both' ? 'both layers' : `${v.decidingLayer} layer`} (${layerSummary(v)}) — ${who}`;
}

/** JSON of one layer: its source and form, its answer, and with explain its full detail. */
export function layerJson(layer: PolicyLayer, d: LayerDecision): Record<string, unknown> {
  const out: Record<string, unknown> = {
    source: layer.source,
    form: layer.form,
    os: layer.os,
    decision: d.decision,
    decidedBy: d.decidedBy,
    operation: d.operation,
    check: d.check,
  };
  if (d.link !== undefined) out.link = d.link;
  if (d.modifiers.length) out.modifiers = d.modifiers;
  if (d.uncertain !== undefined) out.uncertain = d.uncertain;
  if (d.detail !== undefined) out.explanation = d.detail;
  return out;
}

export const LAYER_NOTE = 'both layers must allow: a deny in either the process profile or the platform profile refuses the operation; which layer the kernel checks first is not established (docs/platform.md), so both are evaluated';

/** JSON of a layered answer: decision, the deciding layer, and each layer. */
export function layeredJson(layers: Layers, v: LayeredVerdict): Record<string, unknown> {
  return {
    decision: v.decision,
    decidingLayer: v.decidingLayer,
    layers: { process: layerJson(layers.process, v.process), platform: layerJson(layers.platform, v.platform) },
    note: LAYER_NOTE,
  };
}

/** Multi-line text: the verdict and deciding layer, then each layer (its explanation lines when explained). */
export function formatLayered(layers: Layers, v: LayeredVerdict, head: string): string {
  const lines = [`${v.decision.toUpperCase()} ${head} — ${describeDecidingLayer(v)}`];
  for (const name of ['process', 'platform'] as const) {
    const d = v[name];
    const l = layers[name];
    const mark = v.decidingLayer === name || (v.decidingLayer === 'both' && v.decision === d.decision) ? ' ← decides' : '';
    lines.push(`  ${name} layer (${l.source}, ${l.form}): ${d.decision}${mark}`);
    lines.push(`    decided by: ${d.decidedBy}`);
    if (d.check === 'symlink-traversal') lines.push(`    check: symlink ${d.link}: file-read-metadata refused before the main check`);
    if (d.uncertain) lines.push(`    uncertain: ${d.uncertain}`);
    for (const t of d.text ?? []) lines.push(`    ${t}`);
  }
  lines.push(`  note: ${LAYER_NOTE}`);
  return lines.join('\n');
}

/** One line for a verdict of the decision engine: the deciding rule and where it is, or the fixed decision. */
export function describeVerdict(v: Verdict): string {
  const who = v.rule
    ? `${v.kind === 'filtered-rule' ? 'rule' : 'unfiltered rule'} on ${v.operation} at ${spanLabel(v.rule.span)}${v.rule.origin === 'standard-policy' ? ' (standard policy)' : ''}`
    : `fixed ${v.decision} of ${v.operation}`;
  const via = v.check === 'symlink-traversal' ? ` [symlink ${v.link}: file-read-metadata refused]` : '';
  return who + via;
}

/** An SBPL profile as a layer, decided by the decision engine. */
export function sbplLayer(engine: DecisionEngine, source: string): PolicyLayer {
  return {
    form: 'sbpl',
    source,
    os: engine.vocab.id,
    decide(request: Request, explain: boolean): LayerDecision {
      if (!explain) {
        const v = engine.decide(request);
        const d: LayerDecision = { decision: v.decision, decidedBy: describeVerdict(v), operation: v.operation, check: v.check, modifiers: v.modifiers };
        if (v.link !== undefined) d.link = v.link;
        return d;
      }
      const ex: Explanation = engine.explain(request);
      const link = ex.check === 'symlink-traversal' ? ex.symlinkChecks.find((s) => s.decision === 'deny')?.link : undefined;
      const d: LayerDecision = {
        decision: ex.decision,
        decidedBy: `${describeDecider(ex.decidedBy)} via ${ex.chainText}`,
        operation: ex.decidedBy.operation,
        check: ex.check,
        modifiers: ex.modifiers,
        detail: ex,
        // the explanation's own first line repeats the verdict; the layer heading says it
        text: formatExplanation(ex).split('\n').slice(2).map((s) => s.replace(/^ {2}/, '')),
      };
      if (link !== undefined) d.link = link;
      return d;
    },
  };
}
