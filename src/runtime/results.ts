// runtime_results.json: one row per (profile, probe). The run journal (journal.ts) records every finished row
// as it happens; this file is the compact, readable form, rewritten atomically now and then (see
// ResultsWriter), so at any moment it is a valid document (marked `complete: false` until the run ends).

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Outcome, Expectation, MatchLevel, Verdict } from './outcome.js';
import type { ApplyReport } from './observation.js';
import type { AppliedShim } from './shims.js';
import type { ApplyGate } from './gates.js';
import type { SourceKind } from './profiles.js';
import type { RunnerKind } from './transcript.js';
import type { BackendName } from './backends/types.js';
import { writeJsonAtomic } from './atomic.js';

export type { BackendName } from './backends/types.js';

export const RESULTS_FORMAT = 'sbpl-kit/runtime-results@1';
export const RESULTS_FILE = 'runtime_results.json';

export interface DenialBrief {
  layer: string;
  process: string;
  pid: number;
  operation: string;
  target: string;
  duplicates: number;
}

export interface PredictionInfo {
  outcome: Outcome;
  verdict: Verdict | null;
  reason: string;
  explanation?: string;
}

export interface ResultRow {
  key: string;
  profile: string;
  probe: string;
  /** The operation as the matrix names it, and the one the kernel checks for this exercise. */
  operation: string;
  checkedOperation: string;
  exercise: string;
  target: string;
  expected: Expectation;
  actual: Outcome;
  /** The sandbox verdict `actual` implies (null when the sandbox never decided). */
  verdict: Verdict | null;
  match: boolean;
  matchLevel: MatchLevel;
  /** True when `actual` is the decision engine's prediction (simulate backend), not a run. */
  predicted: boolean;
  reason: string;
  note?: string;
  errno: number | null;
  errnoName: string | null;
  exit: { code: number | null; signal: string | null } | null;
  stderrExcerpt: string;
  observedPath: string | null;
  observedPathNoFirmlink: string | null;
  observedPathSource: string | null;
  apply: ApplyReport | null;
  denials: DenialBrief[];
  confirmedByLog: boolean;
  backend: BackendName;
  runner: RunnerKind | null;
  profileSource: SourceKind | null;
  /** True when the profile is our stand-in for a system profile that was not available. */
  standIn: boolean;
  /** Names of the shims applied to the profile (empty = the original profile). */
  shims: string[];
  /** sha256 of the text (or blob) decided/applied. */
  profileSha256: string | null;
  /** The engine's explanation of its decision (simulate), when given. */
  explanation?: string;
  /** When shims are applied: the prediction on the original profile, and whether a shim changed the answer. */
  shimEffect?: { original: PredictionInfo; shimmed: PredictionInfo; changed: boolean };
  /** `--compare predicted`: the engine's prediction and whether the run agrees with it. */
  prediction?: PredictionInfo & { agrees: boolean };
  timings: { startedAt: string; durationMs: number };
}

export interface ProfileRecord {
  key: string;
  mode: string;
  source: { kind: SourceKind | null; path?: string; sha256?: string; note?: string };
  standIn: boolean;
  unavailable?: string;
  shims: AppliedShim[];
  originalSha256: string | null;
  appliedSha256: string | null;
  /** Where the applied text was written (relative to the output directory). */
  appliedProfileFile: string | null;
  compile: { ok: boolean | null; error?: string };
  gates: ApplyGate[];
  /** Probes whose predicted answer differs between the original and the shimmed profile. */
  shimChangedProbes: string[];
}

export interface ResultsSummary {
  total: number;
  matched: number;
  mismatched: number;
  byOutcome: Partial<Record<Outcome, number>>;
  mismatches: string[];
  /** `--compare predicted`: rows where the run disagrees with the engine. */
  disagreeWithPrediction?: string[];
  standInProfiles: string[];
  unavailableProfiles: string[];
}

export interface ResultsDocument {
  format: typeof RESULTS_FORMAT;
  tool: { name: string; version: string };
  run: {
    id: string;
    backend: BackendName;
    runner: RunnerKind | null;
    compare: 'expected' | 'predicted';
    startedAt: string;
    finishedAt: string | null;
    /** False while running, and after a crash or interruption: the rows present are the finished probes. */
    complete: boolean;
    interrupted?: string;
    predictor: string | null;
  };
  matrix: { path: string; name: string; sha256: string };
  profiles: ProfileRecord[];
  results: ResultRow[];
  summary: ResultsSummary;
}

export function summarize(rows: ResultRow[], profiles: ProfileRecord[], withPrediction: boolean): ResultsSummary {
  const byOutcome: Partial<Record<Outcome, number>> = {};
  for (const r of rows) byOutcome[r.actual] = (byOutcome[r.actual] ?? 0) + 1;
  const mismatches = rows.filter((r) => !r.match).map((r) => r.key);
  const s: ResultsSummary = {
    total: rows.length,
    matched: rows.length - mismatches.length,
    mismatched: mismatches.length,
    byOutcome,
    mismatches,
    standInProfiles: profiles.filter((p) => p.standIn).map((p) => p.key),
    unavailableProfiles: profiles.filter((p) => p.unavailable).map((p) => p.key),
  };
  if (withPrediction) s.disagreeWithPrediction = rows.filter((r) => r.prediction && !r.prediction.agrees).map((r) => r.key);
  return s;
}

export interface ResultsWriterOptions {
  /** Called after each rewrite of the results file (the run flushes its journal to disk then). */
  onRewrite?: () => void;
  /** Shortest time between two rewrites for new rows (ms); it grows to 10 times the last rewrite's cost. */
  minIntervalMs?: number;
  /** Position of each key in the matrix: rows are listed in this order (kept rows of a resume included). */
  order?: Map<string, number>;
}

/**
 * Keeps the results file up to date at a cost linear in the number of rows. The file is rewritten when the
 * rows since the last rewrite reach the number written then (at 1, 2, 4, 8 ... rows: at most twice the final
 * size in total), or when new rows have waited `minIntervalMs` (checked on each row and by a timer while a
 * probe runs), and at the end. The journal holds every row in between.
 */
export class ResultsWriter {
  readonly resultsPath: string;
  private readonly rows: ResultRow[] = [];
  private written = 0;
  private lastWrite = 0;
  private interval: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly outDir: string,
    private readonly doc: Omit<ResultsDocument, 'results' | 'summary'>,
    initial: ResultRow[] = [],
    private readonly opts: ResultsWriterOptions = {},
  ) {
    this.resultsPath = join(outDir, RESULTS_FILE);
    this.interval = opts.minIntervalMs ?? 1000;
    this.rows.push(...initial);
    this.flush();
  }

  get count(): number {
    return this.rows.length;
  }

  add(row: ResultRow): void {
    this.rows.push(row);
    const pending = this.rows.length - this.written;
    if (pending >= Math.max(1, this.written) || performance.now() - this.lastWrite >= this.interval) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.rows.length > this.written) this.flush();
      }, this.interval);
      this.timer.unref?.();
    }
  }

  finish(interrupted?: string): ResultsDocument {
    this.doc.run.finishedAt = new Date().toISOString();
    this.doc.run.complete = !interrupted;
    if (interrupted) this.doc.run.interrupted = interrupted;
    return this.flush();
  }

  document(): ResultsDocument {
    const order = this.opts.order;
    const results = order ? [...this.rows].sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity)) : [...this.rows];
    return {
      ...this.doc,
      results,
      summary: summarize(results, this.doc.profiles, this.doc.run.compare === 'predicted'),
    };
  }

  private flush(): ResultsDocument {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const t0 = performance.now();
    const d = this.document();
    writeJsonAtomic(this.resultsPath, d);
    this.written = this.rows.length;
    this.opts.onRewrite?.();
    this.lastWrite = performance.now();
    this.interval = Math.max(this.opts.minIntervalMs ?? 1000, 10 * (this.lastWrite - t0));
    return d;
  }
}
