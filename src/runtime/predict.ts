// What the decision engine predicts for one case: the same outcome classes a run produces, limited to what
// can be known without running (compile errors, apply gates, the sandbox's verdict, dyld starvation for exec).
// A probe is the system call it makes, and a call is a list of kernel checks (src/decide/calls.ts,
// docs/probes.md): each is decided in order and the first refused one decides the outcome and is named.

import { decideCall, describeCheck, findCall, type CallKind, type CallOutcome, type CheckDecision } from '../decide/calls.js';
import type { Request } from '../decide/request.js';
import type { Profile } from '../sbpl/profile.js';
import { detectApplyGates } from './gates.js';
import type { ExerciseKind, MatrixCase } from './matrix.js';
import { outcomeVerdict, type Outcome } from './outcome.js';
import type { Predictor, Prediction } from './predictor.js';
import { compileErrorSummary, type LoadedProfile } from './profiles.js';
import type { PredictionInfo } from './results.js';
import { predictorUnavailableReason } from './predictor.js';

/** One kernel check of a predicted call, as decided. */
export interface PredictedCheck {
  /** `file-write-create /private/tmp/x` */
  check: string;
  step: string;
  /** null: an earlier check already failed the call. */
  decision: 'allow' | 'deny' | null;
  onDeny: 'fails' | 'aborts' | 'ignored';
  /** The check that decided the outcome. */
  failed?: true;
}

export interface PredictedCase extends PredictionInfo {
  decision?: Prediction;
  /** The checks the probe's call makes (the launch of the probe program first, under sandbox-exec). */
  checks?: PredictedCheck[];
}

/** The call each probe-helper exercise makes (src/runtime/native/sbpl_probe.c). */
export const EXERCISE_CALL: Record<Exclude<ExerciseKind, 'none'>, string> = {
  read: 'open-read',
  write: 'open-write',
  create: 'open-create',
  stat: 'stat',
  exec: 'exec',
  'mach-lookup': 'mach-lookup',
  connect: 'connect',
  bind: 'bind',
  'sysctl-read': 'sysctlbyname',
};

/** A decide-only probe (exercise none) is one check: the request itself. */
const SINGLE: CallKind = {
  name: 'single-check',
  summary: 'the request as given (no system call)',
  targetOperation: null,
  sources: [],
  checks: ({ facts }) => [{ operation: '', facts, step: 'the request', onDeny: 'fails', tier: 'documented' }],
};

function result(outcome: Outcome, reason: string, decision?: Prediction, checks?: PredictedCheck[]): PredictedCase {
  const r: PredictedCase = { outcome, verdict: outcomeVerdict(outcome), reason, explanation: decision?.explanation, decision };
  if (checks) r.checks = checks;
  return r;
}

class EngineFailure extends Error {}

/** Decide a call with the predictor; the engine's Prediction of each check is kept for the explanation. */
function runCall(kind: CallKind, request: Request, predictor: Predictor, profile: Profile): { outcome: CallOutcome; predictions: Prediction[] } {
  const predictions: Prediction[] = [];
  const decide = (r: Request): CheckDecision => {
    let p: Prediction;
    try {
      p = predictor.decide(profile, { operation: r.operation || request.operation, facts: r.facts });
    } catch (e) {
      throw new EngineFailure((e as Error).message);
    }
    predictions.push(p);
    return { decision: p.decision, decidedBy: p.explanation, detail: p.detail };
  };
  return { outcome: decideCall(kind, { facts: request.facts }, decide), predictions };
}

function checkList(o: CallOutcome, request: Request): PredictedCheck[] {
  return o.checks.map((c) => {
    const pc: PredictedCheck = {
      check: describeCheck({ ...c, operation: c.operation || request.operation }),
      step: c.step,
      decision: c.result?.decision ?? null,
      onDeny: c.onDeny,
    };
    if (c.index === o.failedAt) pc.failed = true;
    return pc;
  });
}

/** "check 2 of 3 (rename(2) creates the destination name): file-write-create /x" */
function failedText(o: CallOutcome, request: Request): string {
  const c = o.checks[o.failedAt!];
  return `check ${o.failedAt! + 1} of ${o.checks.length} (${c.step}): ${describeCheck({ ...c, operation: c.operation || request.operation })}`;
}

/** The explanation of a multi-check call: each decided check with the engine's account. */
function explanationOf(o: CallOutcome, predictions: Prediction[], request: Request): string | undefined {
  if (o.checks.length === 1) return predictions[0]?.explanation;
  return o.checks
    .filter((c) => c.result)
    .map((c, i) => `[${c.index + 1}/${o.checks.length} ${describeCheck({ ...c, operation: c.operation || request.operation })}] ${predictions[i]?.explanation ?? c.result!.decision}`)
    .join('; ');
}

/**
 * Predict `c` against the profile as applied (`shimmed`) or as written (`original`). With `launch`, the probe
 * runs as a program started under the profile (the sandbox-exec runner): that program must be allowed to exec
 * and dyld must be able to load it before the probed call happens at all.
 */
export function predictCase(
  c: MatrixCase,
  lp: LoadedProfile,
  predictor: Predictor | undefined,
  which: 'shimmed' | 'original' = 'shimmed',
  launch?: string,
): PredictedCase {
  if (lp.unavailable) return result('profile-unavailable', lp.unavailable);
  if (lp.spec.mode === 'none') return result('allowed', 'no profile is applied (control run)');
  const compiled = which === 'original' ? lp.original : lp.applied;
  if (!compiled) return result('profile-unavailable', 'no SBPL text to decide (a compiled blob without its source; deciding blobs needs the blob decoder)');
  if (compiled.frontEndError) return result('inconclusive', `the SBPL front end could not run: ${compiled.frontEndError}`);
  if (!compiled.ok || !compiled.profile) return result('compile-error', compileErrorSummary(compiled) ?? 'the profile does not compile');
  const gates = which === 'original' ? detectApplyGates(compiled.profile) : lp.gates;
  if (gates.length) return result('apply-failed', gates.map((g) => g.message).join('; '));
  if (!predictor) return result('inconclusive', `no decision engine: ${predictorUnavailableReason ?? 'unavailable'}`);
  const profile = compiled.profile;
  const exercise = c.probe.exercise;
  const kind = exercise === 'none' ? SINGLE : findCall(EXERCISE_CALL[exercise]) ?? SINGLE;
  const checks: PredictedCheck[] = [];
  try {
    // Under sandbox-exec the probe program is exec'd under the profile first (unless the probe is that exec).
    if (launch && exercise !== 'exec') {
      const execKind = findCall('exec')!;
      const req: Request = { operation: 'process-exec*', facts: { path: launch } };
      const { outcome, predictions } = runCall(execKind, req, predictor, profile);
      checks.push(...checkList(outcome, req));
      if (outcome.failedAt === 0) {
        return result('launch-denied', `the engine predicts process-exec of ${launch} is denied, so the command never starts`, predictions[0], checks);
      }
      if (outcome.failedAt !== undefined) {
        return result('launch-crashed', `${launch} may exec, but dyld would be refused at ${failedText(outcome, req)}, so it aborts before main (SIGABRT)`, predictions.at(-1), checks);
      }
    }
    const { outcome, predictions } = runCall(kind, c.request, predictor, profile);
    checks.push(...checkList(outcome, c.request));
    const decided = outcome.failedAt === undefined ? predictions.at(-1) : predictions[outcome.failedAt];
    const decision: Prediction | undefined = decided ? { ...decided, explanation: explanationOf(outcome, predictions, c.request) } : undefined;
    const n = outcome.checks.length;
    if (outcome.failure === 'aborts') {
      return result('launch-crashed', `exec is allowed but dyld would be refused at ${failedText(outcome, c.request)}, so the program aborts before main (SIGABRT)`, decision, checks);
    }
    if (outcome.failure === 'fails') {
      const failed = outcome.checks[outcome.failedAt!];
      // Under sandbox-exec a refused exec of the probed program itself is reported by sandbox-exec (exit 71).
      if (launch && exercise === 'exec' && outcome.failedAt === 0) return result('launch-denied', `the engine predicts process-exec of ${launch} is denied`, decision, checks);
      const where = n > 1 ? ` at ${failedText(outcome, c.request)}` : '';
      return result('denied-by-sandbox', `the engine predicts deny for ${failed.operation || c.request.operation}${where}`, decision, checks);
    }
    const all = n > 1 ? ` (all ${n} checks of ${kind.name})` : '';
    return result('allowed', `the engine predicts allow for ${c.request.operation}${all}`, decision, checks);
  } catch (e) {
    if (e instanceof EngineFailure) return result('helper-error', `the decision engine failed: ${e.message}`, undefined, checks.length ? checks : undefined);
    throw e;
  }
}

