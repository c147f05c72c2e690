// The playground's query panel: one question (OPERATION TARGET, as `sbpl query`) or a batch of JSON request
// lines (as `sbpl query --requests`), answered with the decision engine and its explanation.

import {
  DecideError,
  DecisionEngine,
  describeTarget,
  formatExplanation,
  parseRequestLines,
  readTarget,
  spanLabelOf,
  TargetError,
  type Profile,
  type Request,
  type Verdict,
  type Vocab,
} from './core.js';

export interface QueryAnswer {
  ok: boolean;
  /** The verdict of a single query ('allow' | 'deny'), absent for a batch or an error. */
  decision?: string;
  text: string;
}

/** An engine for the profile, or the reason the kernel would refuse the profile (an invalid regex ...). */
export function engineFor(profile: Profile, vocab: Vocab): DecisionEngine | string {
  try {
    return new DecisionEngine(profile, vocab);
  } catch (e) {
    if (e instanceof DecideError) return `${e.message}; the kernel would refuse this profile`;
    throw e;
  }
}

export function answerQuery(profile: Profile, vocab: Vocab, operation: string, target: string): QueryAnswer {
  const engine = engineFor(profile, vocab);
  if (typeof engine === 'string') return { ok: false, text: engine };
  try {
    const op = engine.canonicalOperation(operation.trim());
    const reading = target.trim() === '' ? { facts: {}, notes: [] } : readTarget(vocab, op, target.trim());
    const explained = engine.explain({ operation: operation.trim(), facts: reading.facts });
    const ex = reading.notes.length ? { ...explained, notes: [...reading.notes.map((n) => `target: ${n}`), ...explained.notes] } : explained;
    return { ok: true, decision: ex.decision, text: formatExplanation(ex) };
  } catch (e) {
    if (e instanceof DecideError || e instanceof TargetError) return { ok: false, text: e.message };
    throw e;
  }
}

/** One line per request: the verdict and the rule that decided; bad lines are named by line number. */
export function answerRequests(profile: Profile, vocab: Vocab, jsonLines: string): QueryAnswer {
  const engine = engineFor(profile, vocab);
  if (typeof engine === 'string') return { ok: false, text: engine };
  const { requests, errors } = parseRequestLines(jsonLines, vocab);
  if (errors.length) return { ok: false, text: errors.map((e) => `line ${e.line}: ${e.message}`).join('\n') };
  const out = requests.map(({ line, request }) => {
    try {
      return `line ${line}: ${verdictLine(engine, engine.decide(request), request)}`;
    } catch (e) {
      if (e instanceof DecideError) return `line ${line}: ${e.message}`;
      throw e;
    }
  });
  return { ok: true, text: out.join('\n') || 'no requests (one JSON object per line)' };
}

/** `allow file-read-data /etc/hosts — rule on file-read* at A.sb:3:1`, as `sbpl query --no-explain` prints. */
export function verdictLine(engine: DecisionEngine, v: Verdict, r: Request): string {
  return `${v.decision} ${engine.canonicalOperation(r.operation)} ${describeTarget(r.facts)} — ${decider(v)}`;
}

export function decider(v: Verdict): string {
  if (!v.rule) return `fixed ${v.decision} of ${v.operation}`;
  const kind = v.kind === 'filtered-rule' ? 'rule' : 'unfiltered rule';
  const via = v.check === 'symlink-traversal' ? ` [symlink ${v.link}: file-read-metadata refused]` : '';
  return `${kind} on ${v.operation} at ${spanLabelOf(v.rule.span)}${v.rule.origin === 'standard-policy' ? ' (standard policy)' : ''}${via}`;
}
