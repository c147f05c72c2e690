// Result rows and profile records: what one finished case and one loaded profile look like in the results.

import { relative } from 'node:path';
import { describeTarget, type MatrixCase } from './matrix.js';
import { compileErrorSummary, type LoadedProfile } from './profiles.js';
import { matchOutcome, outcomeVerdict, type Outcome } from './outcome.js';
import type { PredictedCase } from './predict.js';
import type { ProfileRecord, ResultRow } from './results.js';
import type { BackendName, CaseRun, ProfileFiles } from './backends/types.js';
import { sha256 } from './hash.js';

export function profileRecord(lp: LoadedProfile, files: ProfileFiles, outDir: string, shimChanged: string[]): ProfileRecord {
  return {
    key: lp.key,
    mode: lp.spec.mode,
    source: { kind: lp.source?.kind ?? null, path: lp.source?.path, sha256: lp.source?.sha256, note: lp.source?.note },
    standIn: lp.source?.kind === 'stand-in',
    unavailable: lp.unavailable,
    shims: lp.shims,
    originalSha256: lp.originalText !== undefined ? sha256(lp.originalText) : (lp.source?.sha256 ?? null),
    appliedSha256: lp.blob ? (lp.source?.sha256 ?? null) : lp.appliedText !== undefined ? sha256(lp.appliedText) : null,
    appliedProfileFile: files.sbpl ? relative(outDir, files.sbpl) : files.blob ? relative(outDir, files.blob) : null,
    compile: {
      ok: lp.applied ? (lp.applied.frontEndError ? null : lp.applied.ok) : null,
      error: compileErrorSummary(lp.applied),
    },
    gates: lp.gates,
    shimChangedProbes: shimChanged,
  };
}

export function predictionInfo(p: PredictedCase) {
  return { outcome: p.outcome, verdict: p.verdict, reason: p.reason, explanation: p.explanation };
}

/** Does a run outcome agree with a prediction? (A prediction cannot see file-mode refusals.) */
function agrees(actual: Outcome, predicted: Outcome): boolean {
  return actual === predicted || (actual === 'os-permission' && predicted === 'allowed');
}

export function buildRow(c: MatrixCase, lp: LoadedProfile, run: CaseRun, backend: BackendName, shimEffect: ResultRow['shimEffect'], prediction: PredictedCase | undefined): ResultRow {
  const o = run.observation;
  const m = matchOutcome(c.expected, o.outcome, run.predicted);
  const row: ResultRow = {
    key: c.key,
    profile: c.profileKey,
    probe: c.probeId,
    operation: c.operation,
    checkedOperation: c.checkedOperation,
    exercise: c.probe.exercise,
    target: describeTarget(c.probe.target),
    expected: c.expected,
    actual: o.outcome,
    verdict: outcomeVerdict(o.outcome),
    match: m.match,
    matchLevel: m.level,
    predicted: run.predicted,
    reason: o.reason,
    note: c.note,
    errno: o.errno,
    errnoName: o.errnoName,
    exit: run.predicted ? null : o.exit,
    stderrExcerpt: o.stderrExcerpt,
    observedPath: o.observedPath,
    observedPathNoFirmlink: o.observedPathNoFirmlink,
    observedPathSource: o.observedPathSource,
    apply: o.apply,
    denials: o.denials.map((d) => ({ layer: d.layer, process: d.process, pid: d.pid, operation: d.operation, target: d.target, duplicates: d.duplicates })),
    confirmedByLog: o.confirmedByLog,
    backend,
    runner: run.runner,
    profileSource: lp.source?.kind ?? null,
    standIn: lp.source?.kind === 'stand-in',
    shims: lp.shims.map((s) => s.name),
    profileSha256: lp.blob ? (lp.source?.sha256 ?? null) : lp.appliedText !== undefined ? sha256(lp.appliedText) : null,
    timings: { startedAt: run.startedAt, durationMs: Math.round(run.durationMs * 1000) / 1000 },
  };
  if (run.decision?.explanation) row.explanation = run.decision.explanation;
  if (shimEffect) row.shimEffect = shimEffect;
  if (prediction) row.prediction = { ...predictionInfo(prediction), agrees: agrees(o.outcome, prediction.outcome) };
  return row;
}
