// Outcome classes: what happened to one probe, without collapsing every failure into "deny".
// The taxonomy follows the seeds' lesson (docs/semantics.md §6.1; "EPERM x2" in Protonk/sandbox-boostrap
// troubles/EPERMx2.md): an apply failure, a crashed launch or a file-permission error is not a sandbox decision.

export const OUTCOMES = [
  /** The operation was performed (or failed for a reason that comes after the sandbox check, e.g. ECONNREFUSED). */
  'allowed',
  /** The profile applied and the sandbox refused the operation (EPERM, or a denial log line). */
  'denied-by-sandbox',
  /** The sandbox let the request through but the OS refused it (EACCES/EROFS: file modes, SIP, TCC). */
  'os-permission',
  /** sandbox_init / sandbox_apply failed: the profile never attached (EPERM when already sandboxed, entitlement gates). */
  'apply-failed',
  /** The profile was rejected by the compiler (sandbox-exec exit 65, sandbox_init error text). */
  'compile-error',
  /** The probe process died by a signal before reporting (SIGABRT from dyld under a strict profile: -6 / 134). */
  'launch-crashed',
  /** The probe program could not be started under the profile (sandbox-exec exit 71 "execvp() ... failed"). */
  'launch-denied',
  /** The probe exceeded its time limit and was killed. */
  'timeout',
  /** The harness itself failed (bad helper output, unsupported operation on this platform, build failure). */
  'helper-error',
  /** The profile's source could not be found (a system profile off macOS without an import path). */
  'profile-unavailable',
  /** The probe ran but its result does not say what the sandbox decided (ENOENT on a missing target ...). */
  'inconclusive',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes a matrix names by the sandbox verdict instead (`allow`, `deny`). */
type VerdictOutcome = 'allowed' | 'denied-by-sandbox';
export type Expectation = 'allow' | 'deny' | Exclude<Outcome, VerdictOutcome>;

/** What a matrix may expect: a sandbox verdict (`allow`/`deny`) or any other outcome class. */
export const EXPECTATIONS = [
  'allow',
  'deny',
  ...OUTCOMES.filter((o): o is Exclude<Outcome, VerdictOutcome> => o !== 'allowed' && o !== 'denied-by-sandbox'),
] as readonly [Expectation, ...Expectation[]];

export type Verdict = 'allow' | 'deny';

/** The outcome an expectation names. */
export function expectationOutcome(e: Expectation): Outcome {
  if (e === 'allow') return 'allowed';
  if (e === 'deny') return 'denied-by-sandbox';
  return e;
}

/**
 * The sandbox's verdict implied by an outcome, or null when the sandbox never decided the request
 * (profile not applied, probe not started, probe killed ...). `os-permission` implies the sandbox check passed.
 */
export function outcomeVerdict(o: Outcome): Verdict | null {
  switch (o) {
    case 'allowed':
    case 'os-permission':
      return 'allow';
    case 'denied-by-sandbox':
      return 'deny';
    default:
      return null;
  }
}

export type MatchLevel = 'outcome' | 'sandbox-verdict';

export interface MatchResult {
  match: boolean;
  /**
   * `outcome`: the outcome classes are equal (or differ). `sandbox-verdict`: a prediction can only say what
   * the sandbox decides, so an expected `os-permission` (sandbox passed, OS refused) is matched by a predicted
   * `allowed` at the verdict level.
   */
  level: MatchLevel;
}

/** Compare an expectation with an outcome. `predicted` outcomes come from the decision engine, not a run. */
export function matchOutcome(expected: Expectation, actual: Outcome, predicted: boolean): MatchResult {
  const want = expectationOutcome(expected);
  if (want === actual) return { match: true, level: 'outcome' };
  if (predicted && want === 'os-permission' && actual === 'allowed') return { match: true, level: 'sandbox-verdict' };
  return { match: false, level: 'outcome' };
}

export function isOutcome(s: string): s is Outcome {
  return (OUTCOMES as readonly string[]).includes(s);
}
