// The backend interface: how one case is run (or predicted), and what a backend needs from the run around it,
// declared as data so the run never asks which backend it has.

import type { Observation } from '../observation.js';
import type { Matrix, MatrixCase } from '../matrix.js';
import type { Prediction } from '../predictor.js';
import type { LoadedProfile } from '../profiles.js';
import type { RunnerKind, Transcript } from '../transcript.js';
import type { HelperBuild } from '../native/build.js';

export type BackendName = 'simulate' | 'macos' | 'replay';

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

/** An input file a backend read, recorded in the manifest with its hash. */
export interface BackendInput {
  role: string;
  path: string;
  sha256: string;
  [detail: string]: unknown;
}

/** What a prepared backend hands the run: the things it built or loaded that the run records or checks. */
export interface BackendReadiness {
  /** The probe helper this backend executes (preflight runs its self-check; the manifest records it). */
  helper?: HelperBuild;
  /** The preflight recorded with the run being replayed (kept in this run's preflight). */
  recordedPreflight?: Record<string, unknown>;
  /** Input files the backend read (recorded in the manifest). */
  inputs: BackendInput[];
}

export interface Backend {
  readonly name: BackendName;
  /** The runner whose processes perform the probes; null when this backend executes nothing. */
  readonly runner: RunnerKind | null;
  /** runCase returns transcripts of real spawns: the run journals them and writes DIR/transcripts.json (replay input). */
  readonly recordsTranscripts: boolean;
  /** Build helpers, load transcripts, create fixtures. Problems go into `notes` (and preflight), not exceptions, where possible. */
  prepare(ctx: RunContext): Promise<BackendReadiness>;
  runCase(c: MatrixCase, lp: LoadedProfile, ctx: RunContext): Promise<CaseRun>;
  /** Facts for the manifest and preflight. */
  describe(): Record<string, unknown>;
  /** Things preflight should report (helper build failures, missing transcripts ...). */
  notes(): string[];
  /** Release resources (log streams). */
  close?(): Promise<void>;
}
