// Readback of decompiled SBPL: requests sampled from a graph, and the comparison of the graph's decisions
// (GraphEvaluator) with those of the decompiled text read back (DecisionEngine). Shared by the readback tests
// and scripts/readback-real-blobs.ts.
import { DecisionEngine } from '../../../src/decide/engine.js';
import { DecideError } from '../../../src/decide/errors.js';
import type { Request, RequestFacts } from '../../../src/decide/request.js';
import { GraphEvaluator } from '../../../src/graph/evaluate.js';
import { datumOf } from '../../../src/decide/match.js';
import { factsSchema } from '../../../src/decide/request-json.js';
import type { NodeId, PolicyGraph } from '../../../src/graph/model.js';
import { readProfile } from '../../../src/sbpl/index.js';
import type { FilterTest } from '../../../src/sbpl/profile.js';
import { getVocab, type Vocab } from '../../../src/vocab/all.js';
import { rng } from '../../../fuzz/rng.js';

const factKeys = new Map<string, string | null>();
/** The string field of RequestFacts that `datumOf(filter)` reads, found by probing each field (null: none). */
function factKeyOf(filter: string): string | null {
  let k = factKeys.get(filter);
  if (k === undefined) {
    const probe = '\u0001probe';
    k = factsSchema.fields.find((f) => datumOf(filter, { [f]: probe } as RequestFacts) === probe) ?? null;
    factKeys.set(filter, k);
  }
  return k;
}

/** Make `facts` satisfy one primitive test where we know the datum it reads (else leave them). */
function satisfy(t: FilterTest, facts: RequestFacts, pick: () => number, vocab: Vocab): void {
  const a = t.arg;
  // a flag filter (no argument in the vocabulary) that the decoder reads with a boolean: the reader's flag
  // and the decoded boolean compare a held value differently, so leave the datum absent (neither matches)
  if (vocab.filter(t.filter)?.argKind === 'none') return;
  const other = (facts.other ??= {});
  if (a.kind === 'entitlement') {
    (facts.entitlements ??= {})[a.key] = a.value.kind === 'string' && a.value.match.kind === 'literal' ? a.value.match.value : true;
    return;
  }
  if (a.kind === 'literal' || a.kind === 'subpath' || a.kind === 'prefix') {
    const v = a.kind === 'literal' ? a.value : `${a.value}${pick() < 0.5 ? '' : '/x'}`;
    if (vocab.filter(t.filter)?.argKind === 'entitlement') {
      // %entitlement-load keeps its key as text (its value test follows it): the process holds the entitlement
      (facts.entitlements ??= {})[v] = true;
    } else if (t.filter === 'path') {
      facts.path = v.startsWith('/') ? v : `/${v}`;
      facts.pathIsResolved = true;
    } else if (t.filter === 'signing-identifier') facts.signingIdentifier = v;
    else if (t.filter === 'extension-class') facts.extensions = [...(facts.extensions ?? []), v];
    else {
      // the request field the engine reads the filter's datum from (mount-relative-path: mountRelativePath), if any
      const key = factKeyOf(t.filter);
      if (key) (facts as Record<string, unknown>)[key] = v;
      other[t.filter] = v;
    }
    return;
  }
  if (a.kind === 'integer') other[t.filter] = a.value;
  else if (a.kind === 'symbol' && t.filter === 'vnode-type') facts.vnodeType = a.name as RequestFacts['vnodeType'];
  else if (a.kind === 'symbol') {
    const held = other[t.filter];
    other[t.filter] = Array.isArray(held) ? [...held, a.name] : typeof held === 'string' ? [held, a.name] : [a.name];
  } else if (a.kind === 'boolean') other[t.filter] = a.value;
}

/**
 * `count` requests for the graph's operations: each follows a random walk from an operation's entry and, at a
 * test the walk takes the match branch of, sets facts one alternative reads. Later tests may undo earlier
 * choices; every request is a fair sample either way, the walk only steers towards deep rules.
 */
export function sampleRequests(graph: PolicyGraph, vocab: Vocab, count: number, seed: number): Request[] {
  const pick = rng(seed);
  const ops: { name: string; entry: NodeId }[] = [];
  graph.entries.forEach((entry, id) => {
    const op = vocab.operationById(id);
    if (op) ops.push({ name: op.name, entry });
  });
  const out: Request[] = [];
  for (let i = 0; i < count; i++) {
    const op = ops[Math.floor(pick() * ops.length)];
    const facts: RequestFacts = {};
    for (let cur = op.entry, steps = 0; steps < 400; steps++) {
      const n = graph.nodes[cur];
      if (n.kind !== 'test') break;
      if (pick() < 0.35 && n.test.alternatives.length) {
        satisfy(n.test.alternatives[Math.floor(pick() * n.test.alternatives.length)], facts, pick, vocab);
        cur = n.match;
      } else cur = n.unmatch;
    }
    out.push({ operation: op.name, facts });
  }
  return out;
}

export interface ReadbackResult {
  /** Error diagnostics of reading the text back with --os any --fragment semantics. */
  errors: string[];
  compared: number;
  /** Requests decided differently (graph vs read-back text), certain answers only. */
  mismatches: { request: Request; graph: string; text: string }[];
  /** Requests whose graph answer went through a test the decoder did not understand. */
  uncertain: number;
}

/** Read `text` back under the `any` vocabulary and compare its decisions with the graph's on `requests`. */
export function compareReadback(graph: PolicyGraph, vocab: Vocab, text: string, requests: Request[]): ReadbackResult {
  const any = getVocab('any');
  const back = readProfile(text, { os: 'any', standardPolicy: false, fragment: true });
  const errors = back.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  const result: ReadbackResult = { errors, compared: 0, mismatches: [], uncertain: 0 };
  if (!back.ok) return result;
  const ev = new GraphEvaluator(graph, vocab);
  let eng: DecisionEngine;
  try {
    eng = new DecisionEngine(back.profile, any);
  } catch (e) {
    if (!(e instanceof DecideError)) throw e;
    result.errors.push(e.message); // a rule the engine refuses (an invalid regex): the kernel's compiler would too
    return result;
  }
  for (const request of requests) {
    const g = ev.decide(request);
    if (g.uncertain) {
      result.uncertain++;
      continue;
    }
    const t = eng.decide(request);
    result.compared++;
    const gs = `${g.decision}${g.modifiers.map((m) => ` ${m.name}`).join('')}`;
    const ts = `${t.decision}`;
    if (g.decision !== t.decision) result.mismatches.push({ request, graph: gs, text: ts });
  }
  return result;
}
