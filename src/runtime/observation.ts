// What one probe's run showed: the outcome class and the evidence for it. Produced by classification
// (macos, replay) and by backends that run nothing (simulate, missing profiles); read by result rows.

import type { Outcome } from './outcome.js';
import type { DenialRecord } from './log-parse.js';

export interface ApplyReport {
  api: string;
  rc: number;
  errno: number | null;
  errnoName: string | null;
  error: string | null;
}

export interface Observation {
  outcome: Outcome;
  /** Why this outcome (one sentence). */
  reason: string;
  errno: number | null;
  errnoName: string | null;
  exit: { code: number | null; signal: string | null };
  stderrExcerpt: string;
  /** The kernel's spelling of the target path (F_GETPATH), from the probe's descriptor or the baseline open. */
  observedPath: string | null;
  observedPathNoFirmlink: string | null;
  observedPathSource: 'probe-fd' | 'baseline-fd' | null;
  apply: ApplyReport | null;
  /** Denial reports in the captured log that concern this probe. */
  denials: DenialRecord[];
  confirmedByLog: boolean;
}

/** An Observation for a case that was never run (predictions, missing profiles ...). */
export function syntheticObservation(outcome: Outcome, reason: string): Observation {
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
