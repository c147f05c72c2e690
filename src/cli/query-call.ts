// `sbpl query PROFILE --as CALL TARGET [TARGET2]`: the kernel checks a system call makes (docs/probes.md),
// each decided in order, and the one that failed the call.

import type { DecisionEngine } from '../decide/engine.js';
import { DecideError } from '../decide/engine.js';
import { CALLS, callNames, CallError, decideCall, describeCheck, findCall, type CallKind, type CallOutcome } from '../decide/calls.js';
import { describeDecider } from '../decide/explain.js';
import type { RequestFacts } from '../decide/request.js';
import { readTarget, TargetError, TARGET_HELP, targetKindOf, type TargetOptions } from '../decide/target.js';
import type { Explanation } from '../decide/types.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Vocab } from '../vocab/all.js';
import { decideLayered, describeDecidingLayer, layerJson, type Layers, type LayeredVerdict } from '../decide/platform.js';
import { UsageError } from './common.js';

export const CALL_HELP =
  '\nCALL for --as (each is a list of kernel checks, docs/probes.md):\n' +
  CALLS.map((c) => `  ${(c.name + (c.aliases?.length ? ` (${c.aliases.join(', ')})` : '')).padEnd(34)} ${c.summary}`).join('\n');

function kindOf(name: string): CallKind {
  const k = findCall(name);
  if (k) return k;
  const guess = didYouMean(name, callNames());
  throw new UsageError(`unknown call '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; calls: ${CALLS.map((c) => c.name).join(', ')}`);
}

/** The facts of the call's TARGET, with the notes its reading needs. */
function callFacts(vocab: Vocab, kind: CallKind, target: string | undefined, opts: TargetOptions): { facts: RequestFacts; notes: string[] } {
  if (target === undefined) {
    if (kind.targetOperation === null && !kind.readTarget) return { facts: {}, notes: [] };
    const what = kind.targetOperation ? TARGET_HELP[targetKindOf(vocab, kind.targetOperation)] : 'a name';
    throw new UsageError(`--as ${kind.name} needs a TARGET: ${what}`);
  }
  if (kind.readTarget) return { facts: kind.readTarget(target), notes: [] };
  if (kind.targetOperation === null) throw new UsageError(`--as ${kind.name} takes no TARGET (got '${target}')`);
  try {
    return readTarget(vocab, kind.targetOperation, target, opts);
  } catch (e) {
    if (e instanceof TargetError) throw new UsageError(`--as ${kind.name}: ${e.message}`);
    throw e;
  }
}

interface CallQuery {
  call: string;
  target?: string;
  secondTarget?: string;
  json?: boolean;
  extra: RequestFacts;
  targetOptions: TargetOptions;
  /** With --platform: each check is decided by both layers. */
  layers?: Layers;
  /** --expect: recorded in the JSON (the caller sets the exit status). */
  expect?: 'allow' | 'deny';
}

/** Decide the call's checks with the engine's explanations; print them; return the call's verdict. */
export function runCallQuery(engine: DecisionEngine, vocab: Vocab, q: CallQuery): 'allow' | 'deny' {
  const kind = kindOf(q.call);
  if (q.secondTarget !== undefined && !kind.secondPath) throw new UsageError(`--as ${kind.name} takes one TARGET (got a second: '${q.secondTarget}')`);
  if (kind.secondPath && q.secondTarget === undefined) throw new UsageError(`--as ${kind.name} needs a second TARGET: ${kind.secondPath}`);
  if (q.secondTarget !== undefined && !q.secondTarget.startsWith('/')) throw new UsageError(`--as ${kind.name}: the second TARGET must be an absolute path, got '${q.secondTarget}'`);
  const { facts, notes } = callFacts(vocab, kind, q.target, q.targetOptions);
  const layers = q.layers;
  // per check: the process profile's explanation, and with --platform both layers' answers
  const layered = new Map<Explanation, LayeredVerdict>();
  let outcome: CallOutcome;
  try {
    outcome = decideCall(kind, { facts: { ...facts, ...q.extra }, secondPath: q.secondTarget }, (r) => {
      const lv = layers ? decideLayered(layers, r, true) : undefined;
      const ex = lv ? (lv.process.detail as Explanation) : engine.explain(r);
      const matched = ex.facts.path !== undefined && ex.facts.path !== r.facts.path ? `; path matched as ${ex.facts.path}` : '';
      const own = `${describeDecider(ex.decidedBy)} via ${ex.chainText}${matched}`;
      if (!lv) return { decision: ex.decision, decidedBy: own, detail: ex };
      layered.set(ex, lv);
      return { decision: lv.decision, decidedBy: `${describeDecidingLayer(lv)}; process: ${own}; platform: ${lv.platform.decidedBy}`, detail: ex };
    });
  } catch (e) {
    if (e instanceof DecideError || e instanceof CallError) throw new UsageError(e.message);
    throw e;
  }
  const json = (): Record<string, unknown> => {
    const j = callJson(kind, outcome, notes, vocab);
    if (layers) {
      (j.checks as Array<Record<string, unknown>>).forEach((c, i) => {
        const lv = layered.get(outcome.checks[i].result?.detail as Explanation);
        if (lv) Object.assign(c, { decidingLayer: lv.decidingLayer, layers: { process: layerJson(layers.process, { ...lv.process, detail: undefined }), platform: layerJson(layers.platform, { ...lv.platform, detail: undefined }) } });
      });
    }
    if (q.expect) Object.assign(j, { expected: q.expect, asExpected: outcome.decision === q.expect });
    return j;
  };
  process.stdout.write((q.json ? JSON.stringify(json(), null, 2) : callText(kind, outcome, notes, q, vocab)) + '\n');
  return outcome.decision;
}

function callJson(kind: CallKind, o: CallOutcome, notes: string[], vocab: Vocab): Record<string, unknown> {
  return {
    call: kind.name,
    os: vocab.id,
    summary: kind.summary,
    decision: o.decision,
    failedAt: o.failedAt ?? null,
    failure: o.failure ?? null,
    checks: o.checks.map((c) => {
      const ex = c.result?.detail as Explanation | undefined;
      return {
        index: c.index,
        operation: c.operation,
        target: describeCheck(c),
        step: c.step,
        tier: c.tier,
        onDeny: c.onDeny,
        decision: c.result?.decision ?? null,
        decidedBy: ex ? ex.decidedBy : null,
        chain: ex ? ex.chain : null,
        check: ex ? ex.check : null,
      };
    }),
    notes: [...notes, ...(kind.notes ?? [])],
    sources: kind.sources,
  };
}

function callText(kind: CallKind, o: CallOutcome, notes: string[], q: CallQuery, vocab: Vocab): string {
  const lines: string[] = [];
  const what = [q.target, q.secondTarget].filter((x) => x !== undefined).join(' → ');
  const n = o.checks.length;
  if (o.failedAt === undefined) lines.push(`ALLOW ${kind.name}${what ? ' ' + what : ''}: all ${n} check${n === 1 ? '' : 's'} allowed`);
  else {
    const f = o.checks[o.failedAt];
    const effect = o.failure === 'aborts' ? 'the process aborts before main (SIGABRT)' : 'the call fails with EPERM';
    lines.push(`DENY ${kind.name}${what ? ' ' + what : ''}: refused at check ${o.failedAt + 1} of ${n}, ${describeCheck(f)} (${f.step}); ${effect}`);
  }
  lines.push(`  call: ${kind.summary}`);
  for (const c of o.checks) {
    const ex = c.result?.detail as Explanation | undefined;
    const head = `  ${c.index + 1}. ${describeCheck(c)} — ${c.step}`;
    if (!c.result) lines.push(`${head}: not reached`);
    else {
      const mark = c.index === o.failedAt ? '   ← fails the call' : c.result.decision === 'deny' && c.onDeny === 'ignored' ? '   (refused; the caller ignores it)' : '';
      const link = ex?.check === 'symlink-traversal' ? ' [symlink traversal: file-read-metadata on a link crossed]' : '';
      lines.push(`${head}: ${c.result.decision}${link}${mark}`);
      lines.push(`       ${c.result.decidedBy ?? ''}`);
    }
  }
  for (const note of [...notes, ...(kind.notes ?? [])]) lines.push(`  note: ${note}`);
  lines.push(`  sources: ${kind.sources.join(', ')} (docs/probes.md)`);
  if (q.layers) lines.push(`  layers: process ${q.layers.process.source}, platform ${q.layers.platform.source} (${q.layers.platform.form}); a check passes only when both allow`);
  lines.push(`  vocabulary: ${vocab.id}`);
  return lines.join('\n');
}
