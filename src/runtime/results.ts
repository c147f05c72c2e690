// runtime_results.json: one row per (profile, probe), written as the run goes. Every finished row is appended
// to a journal (fsync'd) and the whole results file is rewritten atomically, so a crash, a timeout or a kill
// leaves every finished probe on disk in a valid file (marked `complete: false`).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome, Expectation, MatchLevel, Verdict } from './outcome.js';
import type { ApplyReport } from './classify.js';
import type { AppliedShim } from './shims.js';
import type { ApplyGate } from './gates.js';
import type { SourceKind } from './profiles.js';
import type { RunnerKind } from './transcript.js';
import { appendLineDurable, writeJsonAtomic } from './atomic.js';

export const RESULTS_FORMAT = 'sbpl-kit/runtime-results@1';
export const RESULTS_FILE = 'runtime_results.json';
export const JOURNAL_FILE = 'runtime_results.journal.ndjson';

export type BackendName = 'simulate' | 'macos' | 'replay';

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

export class ResultsWriter {
  readonly resultsPath: string;
  readonly journalPath: string;
  private readonly rows: ResultRow[] = [];

  constructor(readonly outDir: string, private readonly doc: Omit<ResultsDocument, 'results' | 'summary'>, initial: ResultRow[] = []) {
    this.resultsPath = join(outDir, RESULTS_FILE);
    this.journalPath = join(outDir, JOURNAL_FILE);
    this.rows.push(...initial);
    this.flush();
  }

  get count(): number {
    return this.rows.length;
  }

  add(row: ResultRow): void {
    appendLineDurable(this.journalPath, JSON.stringify(row));
    this.rows.push(row);
    this.flush();
  }

  finish(interrupted?: string): ResultsDocument {
    this.doc.run.finishedAt = new Date().toISOString();
    this.doc.run.complete = !interrupted;
    if (interrupted) this.doc.run.interrupted = interrupted;
    return this.flush();
  }

  document(): ResultsDocument {
    return {
      ...this.doc,
      results: [...this.rows],
      summary: summarize(this.rows, this.doc.profiles, this.doc.run.compare === 'predicted'),
    };
  }

  private flush(): ResultsDocument {
    const d = this.document();
    writeJsonAtomic(this.resultsPath, d);
    return d;
  }
}

/** Rows recorded in a journal (a line cut short by a crash is skipped). */
export function readJournal(outDir: string): ResultRow[] {
  const p = join(outDir, JOURNAL_FILE);
  if (!existsSync(p)) return [];
  const rows: ResultRow[] = [];
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as ResultRow);
    } catch {
      // a partial last line from a kill mid-write
    }
  }
  return rows;
}
