// What the decision engine predicts for one case: the same outcome classes a run produces, limited to what
// can be known without running (compile errors, apply gates, the sandbox's verdict, dyld starvation for exec).

import { detectApplyGates } from './gates.js';
import type { MatrixCase } from './matrix.js';
import { outcomeVerdict, type Outcome } from './outcome.js';
import type { Predictor, Prediction } from './predictor.js';
import { compileErrorSummary, type LoadedProfile } from './profiles.js';
import type { PredictionInfo } from './results.js';
import { predictorUnavailableReason } from './predictor.js';

export interface PredictedCase extends PredictionInfo {
  decision?: Prediction;
}

/** Paths dyld reads before main under any profile (research/semantics.md §4 "Loader needs"; tier C). */
const LOADER_READS = ['/', '/System/Volumes/Preboot/Cryptexes/OS/System/Library/dyld/dyld_shared_cache_arm64e'];

function result(outcome: Outcome, reason: string, decision?: Prediction): PredictedCase {
  return { outcome, verdict: outcomeVerdict(outcome), reason, explanation: decision?.explanation, decision };
}

/**
 * Predict `c` against the profile as applied (`shimmed`) or as written (`original`). With `launch`, the probe
 * runs as a program started under the profile (the sandbox-exec runner): that program must be allowed to exec
 * and dyld must be able to load it before the probed operation happens at all.
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
  const decide = (operation: string, path: string): Prediction | undefined => {
    try {
      return predictor.decide(profile, { operation, facts: { path } });
    } catch {
      return undefined;
    }
  };
  /** dyld's reads before main: the first one refused, if any. */
  const starvedOn = (): string | undefined => LOADER_READS.find((p) => decide('file-read-data', p)?.decision === 'deny');
  if (launch && c.probe.exercise !== 'exec') {
    const ex = decide('process-exec*', launch);
    if (ex?.decision === 'deny') return result('launch-denied', `the engine predicts process-exec of ${launch} is denied, so the command never starts`, ex);
    const s = starvedOn();
    if (s) return result('launch-crashed', `${launch} may exec, but dyld would be refused file-read-data on ${s}, so it aborts before main (SIGABRT)`);
  }
  let d: Prediction;
  try {
    d = predictor.decide(profile, c.request);
  } catch (e) {
    return result('helper-error', `the decision engine failed: ${(e as Error).message}`);
  }
  if (d.decision === 'deny') {
    // Under sandbox-exec a refused exec of the probed program itself is reported by sandbox-exec (exit 71).
    if (launch && c.probe.exercise === 'exec') return result('launch-denied', `the engine predicts process-exec of ${launch} is denied`, d);
    return result('denied-by-sandbox', `the engine predicts deny for ${c.request.operation}`, d);
  }
  if (c.probe.exercise === 'exec') {
    const s = starvedOn();
    if (s) return result('launch-crashed', `exec is allowed but dyld would be refused file-read-data on ${s}, so the program aborts before main (SIGABRT)`, d);
  }
  return result('allowed', `the engine predicts allow for ${c.request.operation}`, d);
}
