// Run a matrix with one backend and write runtime_results.json, run_manifest.json and run_preflight.json.
// Every finished case is appended to the run journal (journal.ts) at once; the results file is its compact
// form, rewritten now and then (results.ts), so the work per row stays constant however long the run.

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { VERSION } from '../version.js';
import { parseMatrix, type Matrix } from './matrix.js';
import { loadProfiles, profileContentHash, type LoadedProfile } from './profiles.js';
import { predictCase } from './predict.js';
import { defaultPredictor, type Predictor } from './predictor.js';
import { ResultsWriter, RESULTS_FORMAT, RESULTS_FILE, type ResultRow, type ResultsDocument } from './results.js';
import { JOURNAL_FILE, JOURNAL_FORMAT, JournalWriter, type JournalHeader } from './journal.js';
import { caseFingerprint, planResume, type ResumePlan, type RunIdentity } from './resume.js';
import { buildPreflight } from './preflight.js';
import { AppendOnlyFile, removeStaleTempFiles, writeFileAtomic, writeJsonAtomic } from './atomic.js';
import { sha256 } from './hash.js';
import { readInputText } from './file-input.js';
import { profileFileStems, profilePaths } from './profile-files.js';
import { buildRow, predictionInfo, profileRecord } from './rows.js';
import { createBackend } from './backends/create.js';
import { launchedProgram } from './backends/sandbox-exec.js';
import type { BackendName, CaseRun, ProfileFiles, RunContext } from './backends/types.js';
import { syntheticObservation } from './observation.js';
import { parseTranscriptLines, TRANSCRIPT_FORMAT, type RunnerKind, type Transcript } from './transcript.js';

export const MANIFEST_FILE = 'run_manifest.json';
export const PREFLIGHT_FILE = 'run_preflight.json';
export const TRANSCRIPTS_FILE = 'transcripts.json';
export const TRANSCRIPTS_JOURNAL = 'transcripts.journal.ndjson';

export interface RunOptions {
  matrixPath: string;
  outDir: string;
  backend: BackendName;
  /** `predicted`: also compare every outcome with the decision engine's prediction. */
  compare?: 'expected' | 'predicted';
  importPath?: string[];
  os?: string;
  /** Use stand-ins for system profiles that are not found (default true). */
  standIns?: boolean;
  /** Override every probe's time limit (ms). */
  timeoutMs?: number;
  /** Run only these golden keys or profile keys. */
  only?: string[];
  /** replay: the transcripts file. */
  replayFile?: string;
  /** macos options. */
  runner?: RunnerKind;
  helperPath?: string;
  cacheDir?: string;
  allowNonDarwin?: boolean;
  captureLog?: boolean;
  allowSetupAnywhere?: boolean;
  /** Keep rows already in the output directory's journal and run only the missing cases. */
  resume?: boolean;
  /** With `resume`: when inputs changed, rerun the changed cases instead of refusing (ResumeError). */
  force?: boolean;
  /** Decision engine; default: src/decide's. `null` = none. */
  predictor?: Predictor | null;
  /** Recorded in the manifest. */
  argv?: string[];
  signal?: AbortSignal;
  onRow?: (row: ResultRow) => void;
}

export interface RunOutput {
  document: ResultsDocument;
  resultsPath: string;
  manifestPath: string;
  preflightPath: string;
  /** Warnings for the user (stand-ins used, profiles unavailable ...). */
  warnings: string[];
}

/** Where each profile's decided/applied text (or blob) goes under DIR/profiles/. */
function profileFilesFor(profiles: Map<string, LoadedProfile>, stems: Map<string, string>, outDir: string): Map<string, ProfileFiles> {
  const out = new Map<string, ProfileFiles>();
  for (const lp of profiles.values()) {
    const paths = profilePaths(outDir, stems.get(lp.key)!);
    out.set(lp.key, { ...(lp.appliedText !== undefined ? { sbpl: paths.sbpl } : {}), ...(lp.blob ? { blob: paths.blob } : {}) });
  }
  return out;
}

function writeProfileFiles(profiles: Map<string, LoadedProfile>, stems: Map<string, string>, outDir: string): void {
  for (const lp of profiles.values()) {
    const paths = profilePaths(outDir, stems.get(lp.key)!);
    if (lp.appliedText !== undefined) {
      writeFileAtomic(paths.sbpl, lp.appliedText);
      if (lp.shims.length) writeFileAtomic(paths.original, lp.originalText!);
    }
    if (lp.blob) writeFileAtomic(paths.blob, lp.blob);
  }
}

/** The journal of transcripts (macos): rewritten with the kept ones, then appended to. */
function startTranscriptJournal(path: string, keepKeys: Set<string> | undefined): { file: AppendOnlyFile; kept: Transcript[] } {
  const kept = keepKeys && existsSync(path) ? parseTranscriptLines(readInputText(path, { what: 'transcripts journal', kind: 'json' })).filter((t) => keepKeys.has(t.key)) : [];
  writeFileAtomic(path, kept.map((t) => JSON.stringify(t) + '\n').join(''));
  return { file: new AppendOnlyFile(path), kept };
}

export async function runMatrix(opts: RunOptions): Promise<RunOutput> {
  // `-`: the matrix on standard input (its relative paths are then relative to the working directory)
  const matrixPath = opts.matrixPath === '-' ? '-' : resolve(opts.matrixPath);
  const matrixText = readInputText(matrixPath, { what: 'matrix', kind: 'json', allowStdin: true });
  const matrix: Matrix = parseMatrix(matrixText, opts.matrixPath);
  const matrixSha = sha256(matrixText);
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  // Temporary files of a writer that was killed mid-replace.
  for (const d of [outDir, join(outDir, 'profiles')]) removeStaleTempFiles(d);
  const predictor = opts.predictor === null ? undefined : (opts.predictor ?? defaultPredictor());
  const compare = opts.compare ?? 'expected';
  const warnings: string[] = [];

  let cases = matrix.cases;
  if (opts.only?.length) {
    const want = new Set(opts.only);
    cases = cases.filter((c) => want.has(c.key) || want.has(c.profileKey));
    const known = new Set(matrix.cases.flatMap((c) => [c.key, c.profileKey]));
    for (const k of want) if (!known.has(k)) warnings.push(`--only ${k}: no such case or profile key`);
  }
  if (opts.timeoutMs) cases = cases.map((c) => ({ ...c, timeoutMs: opts.timeoutMs! }));

  // Only the profiles the selected cases use are loaded (and warned about).
  const usedKeys = new Set(cases.map((c) => c.profileKey));
  const stems = profileFileStems(matrix.profiles.filter((p) => usedKeys.has(p.key)).map((p) => p.key));
  const profiles = loadProfiles({ ...matrix, profiles: matrix.profiles.filter((p) => usedKeys.has(p.key)) }, {
    baseDir: dirname(matrixPath),
    importPath: opts.importPath ?? [],
    standIns: opts.standIns,
    os: opts.os,
    appliedFileName: (key) => profilePaths(outDir, stems.get(key)!).sbpl,
  });
  const profileFiles = profileFilesFor(profiles, stems, outDir);
  for (const lp of profiles.values()) {
    if (lp.source?.kind === 'stand-in') warnings.push(`profile ${lp.key}: ${lp.source.note}`);
    if (lp.unavailable) warnings.push(`profile ${lp.key}: ${lp.unavailable} — its probes are reported as profile-unavailable`);
  }

  // Shim effects: decide each probe on the original and the shimmed profile.
  const shimEffects = new Map<string, NonNullable<ResultRow['shimEffect']>>();
  const shimChanged = new Map<string, string[]>();
  for (const c of cases) {
    const lp = profiles.get(c.profileKey)!;
    if (!lp.shims.length) continue;
    const original = predictCase(c, lp, predictor, 'original');
    const shimmed = predictCase(c, lp, predictor, 'shimmed');
    const changed = original.outcome !== shimmed.outcome;
    shimEffects.set(c.key, { original: predictionInfo(original), shimmed: predictionInfo(shimmed), changed });
    if (changed) shimChanged.set(lp.key, [...(shimChanged.get(lp.key) ?? []), c.probeId]);
  }

  const backend = createBackend({ ...opts, predictor });
  const ctx: RunContext = { matrix, profiles, profileFiles, outDir };
  const startedAt = new Date().toISOString();
  const ready = await backend.prepare(ctx);
  // The journal: what this run measures against, then (on resume) the rows still valid. A refused resume
  // leaves the output directory as it was.
  const runId = randomUUID();
  const identity: RunIdentity = { backend: opts.backend, runner: opts.runner ?? 'helper', compare, inputs: ready.inputs.map((i) => ({ role: i.role, sha256: i.sha256 })) };
  const header: JournalHeader = {
    kind: 'header',
    format: JOURNAL_FORMAT,
    runId,
    startedAt,
    backend: identity.backend,
    runner: identity.runner,
    compare,
    matrix: { path: matrixPath, sha256: matrixSha },
    profiles: [...profiles.values()].map((lp) => ({ key: lp.key, sha256: profileContentHash(lp) })),
    inputs: identity.inputs,
  };
  const fingerprints = new Map(cases.map((c) => [c.key, caseFingerprint(c, profiles.get(c.profileKey)!, identity)]));
  const journalPath = join(outDir, JOURNAL_FILE);
  let plan: ResumePlan = { kept: [], carriedProfiles: [], changes: [] };
  if (opts.resume) {
    try {
      plan = planResume(journalPath, header, fingerprints, new Set(matrix.cases.map((c) => c.key)), new Set(matrix.profiles.map((p) => p.key)), !!opts.force);
    } catch (e) {
      await backend.close?.();
      throw e;
    }
    header.profiles.push(...plan.carriedProfiles);
  }
  const done = new Map(plan.kept.map((r) => [r.row.key, r.row]));
  const keptRows = cases.filter((c) => done.has(c.key)).map((c) => done.get(c.key)!);
  cases = cases.filter((c) => !done.has(c.key));

  writeProfileFiles(profiles, stems, outDir);
  const preflight = buildPreflight(backend, [...profiles.values()], ready.helper, ready.recordedPreflight);
  const preflightPath = join(outDir, PREFLIGHT_FILE);
  writeJsonAtomic(preflightPath, preflight);

  const profileRecords = [...profiles.values()].map((lp) => profileRecord(lp, profileFiles.get(lp.key) ?? {}, outDir, shimChanged.get(lp.key) ?? []));
  const manifestPath = join(outDir, MANIFEST_FILE);
  const manifest = {
    format: 'sbpl-kit/runtime-manifest@1',
    runId,
    tool: { name: 'sbpl-kit', version: VERSION },
    node: process.version,
    host: preflight.host,
    backend: opts.backend,
    runner: backend.runner,
    compare,
    predictor: predictor?.name ?? null,
    argv: opts.argv ?? null,
    startedAt,
    finishedAt: null as string | null,
    complete: false,
    resumed: opts.resume ? { kept: keptRows.length, changesAccepted: plan.changes } : null,
    inputs: [
      { role: 'matrix', path: matrixPath, sha256: matrixSha },
      ...[...profiles.values()].map((lp) => ({
        role: lp.source?.kind === 'stand-in' ? 'profile (stand-in)' : lp.source?.kind === 'system' ? 'profile (system)' : 'profile',
        key: lp.key,
        path: lp.source?.path ?? null,
        sha256: lp.source?.sha256 ?? null,
        shims: lp.shims.map((s) => s.name),
        appliedSha256: lp.appliedText !== undefined ? sha256(lp.appliedText) : null,
        imports: lp.imports ?? [],
        unavailable: lp.unavailable ?? null,
      })),
      ...ready.inputs,
    ],
    backendDetails: backend.describe(),
    outputs: [RESULTS_FILE, JOURNAL_FILE, PREFLIGHT_FILE, MANIFEST_FILE, 'profiles/'],
  };
  writeJsonAtomic(manifestPath, manifest);
  const journal = new JournalWriter(journalPath, header, plan.kept);

  const writer = new ResultsWriter(
    outDir,
    {
      format: RESULTS_FORMAT,
      tool: { name: 'sbpl-kit', version: VERSION },
      run: { id: runId, backend: opts.backend, runner: manifest.runner, compare, startedAt, finishedAt: null, complete: false, predictor: predictor?.name ?? null },
      matrix: { path: matrixPath, name: matrix.name, sha256: matrixSha },
      profiles: profileRecords,
    },
    keptRows,
    { onRewrite: () => journal.sync(), order: new Map(matrix.cases.map((c, i) => [c.key, i])) },
  );

  const transcriptLog = backend.recordsTranscripts ? startTranscriptJournal(join(outDir, TRANSCRIPTS_JOURNAL), opts.resume ? new Set(keptRows.map((r) => r.key)) : undefined) : undefined;
  const transcripts: Transcript[] = [...(transcriptLog?.kept ?? [])];
  let interrupted: string | undefined;
  try {
    for (const c of cases) {
      if (opts.signal?.aborted) {
        interrupted = String(opts.signal.reason ?? 'aborted');
        break;
      }
      const lp = profiles.get(c.profileKey)!;
      let run: CaseRun;
      try {
        run = await backend.runCase(c, lp, ctx);
      } catch (e) {
        // One probe's failure never loses the others.
        run = { observation: syntheticObservation('helper-error', `harness error: ${(e as Error).message}`), predicted: false, runner: null, startedAt: new Date().toISOString(), durationMs: 0 };
      }
      if (run.transcript) {
        transcripts.push(run.transcript);
        transcriptLog?.file.append(JSON.stringify(run.transcript));
      }
      const prediction = compare === 'predicted' ? predictCase(c, lp, predictor, 'shimmed', launchedProgram(run.runner, c.probe)) : undefined;
      const row = buildRow(c, lp, run, opts.backend, shimEffects.get(c.key), prediction);
      journal.append(fingerprints.get(c.key)!, row);
      writer.add(row);
      opts.onRow?.(row);
    }
  } finally {
    await backend.close?.();
    journal.close();
    transcriptLog?.file.close();
  }
  const document = writer.finish(interrupted);
  if (backend.recordsTranscripts) {
    writeJsonAtomic(join(outDir, TRANSCRIPTS_FILE), {
      format: TRANSCRIPT_FORMAT,
      recorded: { tool: `sbpl-kit ${VERSION}`, date: startedAt, host: preflight.host, runId },
      preflight,
      transcripts,
    });
    manifest.outputs.push(TRANSCRIPTS_FILE);
  }
  manifest.finishedAt = document.run.finishedAt;
  manifest.complete = document.run.complete;
  writeJsonAtomic(manifestPath, manifest);
  return { document, resultsPath: writer.resultsPath, manifestPath, preflightPath, warnings };
}
