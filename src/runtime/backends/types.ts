import type { Observation } from '../classify.js';
import type { Matrix, MatrixCase } from '../matrix.js';
import type { Prediction } from '../predictor.js';
import type { LoadedProfile } from '../profiles.js';
import type { BackendName } from '../results.js';
import type { RunnerKind, Transcript } from '../transcript.js';

/** Files written for each profile under the output directory (what was decided/applied). */
export interface ProfileFiles {
  /** Absolute path of the applied SBPL text. */
  sbpl?: string;
  /** Absolute path of the blob applied (blob sources). */
  blob?: string;
}

export interface RunContext {
  matrix: Matrix;
  profiles: Map<string, LoadedProfile>;
  profileFiles: Map<string, ProfileFiles>;
  outDir: string;
}

export interface CaseRun {
  observation: Observation;
  /** The outcome is a prediction, not a measurement. */
  predicted: boolean;
  runner: RunnerKind | null;
  transcript?: Transcript;
  decision?: Prediction;
  startedAt: string;
  durationMs: number;
}

export interface Backend {
  readonly name: BackendName;
  /** Build helpers, load transcripts, create fixtures. Problems go into `notes` (and preflight), not exceptions, where possible. */
  prepare(ctx: RunContext): Promise<void>;
  runCase(c: MatrixCase, lp: LoadedProfile, ctx: RunContext): Promise<CaseRun>;
  /** Facts for the manifest and preflight. */
  describe(): Record<string, unknown>;
  /** Things preflight should report (helper build failures, missing transcripts ...). */
  notes(): string[];
  /** Release resources (log streams). */
  close?(): Promise<void>;
}

/** An Observation for a case that was never run (predictions, missing profiles ...). */
export function syntheticObservation(outcome: Observation['outcome'], reason: string): Observation {
  return {
    outcome,
    reason,
    errno: null,
    errnoName: null,
    exit: { code: null, signal: null },
    stderrExcerpt: '',
    observedPath: null,
    observedPathNoFirmlink: null,
    observedPathSource: null,
    apply: null,
    denials: [],
    confirmedByLog: false,
  };
}
