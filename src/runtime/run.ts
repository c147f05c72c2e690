// Run a matrix with one backend and write runtime_results.json, run_manifest.json and run_preflight.json.

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { VERSION } from '../version.js';
import { parseMatrix, describeTarget, type Matrix, type MatrixCase } from './matrix.js';
import { loadProfiles, type LoadedProfile, compileErrorSummary } from './profiles.js';
import { matchOutcome, outcomeVerdict, type Outcome } from './outcome.js';
import { predictCase, type PredictedCase } from './predict.js';
import { defaultPredictor, type Predictor } from './predictor.js';
import { ResultsWriter, readJournal, RESULTS_FORMAT, RESULTS_FILE, JOURNAL_FILE, type BackendName, type ProfileRecord, type ResultRow, type ResultsDocument } from './results.js';
import { buildPreflight } from './preflight.js';
import { appendLineDurable, writeFileAtomic, writeJsonAtomic } from './atomic.js';
import { sha256 } from './hash.js';
import { SimulateBackend } from './backends/simulate.js';
import { ReplayBackend } from './backends/replay.js';
import { MacosBackend, sandboxExecCommand } from './backends/macos.js';
import type { Backend, CaseRun, ProfileFiles, RunContext } from './backends/types.js';
import { syntheticObservation } from './backends/types.js';
import { TRANSCRIPT_FORMAT, type RunnerKind, type Transcript } from './transcript.js';

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

function slug(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]+/g, '_');
}

function profileRecord(lp: LoadedProfile, files: ProfileFiles, outDir: string, shimChanged: string[]): ProfileRecord {
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

function makeBackend(opts: RunOptions, predictor: Predictor | undefined): Backend {
  switch (opts.backend) {
    case 'simulate':
      return new SimulateBackend(predictor, opts.runner ?? 'helper');
    case 'replay':
      if (!opts.replayFile) throw new Error('the replay backend needs a transcripts file (--replay FILE)');
      return new ReplayBackend(opts.replayFile);
    case 'macos':
      return new MacosBackend({
        runner: opts.runner ?? 'helper',
        helperPath: opts.helperPath,
        cacheDir: opts.cacheDir,
        allowNonDarwin: opts.allowNonDarwin,
        captureLog: opts.captureLog,
        allowSetupAnywhere: opts.allowSetupAnywhere,
      });
  }
}

function predictionInfo(p: PredictedCase) {
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

export async function runMatrix(opts: RunOptions): Promise<RunOutput> {
  const matrixPath = resolve(opts.matrixPath);
  const matrixText = readFileSync(matrixPath, 'utf8');
  const matrix: Matrix = parseMatrix(matrixText, opts.matrixPath);
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
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
  const profiles = loadProfiles({ ...matrix, profiles: matrix.profiles.filter((p) => usedKeys.has(p.key)) }, {
    baseDir: dirname(matrixPath),
    importPath: opts.importPath ?? [],
    standIns: opts.standIns,
    os: opts.os,
    appliedFileName: (key) => join(outDir, 'profiles', `${slug(key)}.sb`),
  });

  // What was decided/applied, visible under DIR/profiles/.
  const profileFiles = new Map<string, ProfileFiles>();
  for (const lp of profiles.values()) {
    const files: ProfileFiles = {};
    if (lp.appliedText !== undefined) {
      files.sbpl = join(outDir, 'profiles', `${slug(lp.key)}.sb`);
      writeFileAtomic(files.sbpl, lp.appliedText);
      if (lp.shims.length) writeFileAtomic(join(outDir, 'profiles', `${slug(lp.key)}.original.sb`), lp.originalText!);
    }
    if (lp.blob) {
      files.blob = join(outDir, 'profiles', `${slug(lp.key)}.sb.bin`);
      writeFileAtomic(files.blob, lp.blob);
    }
    profileFiles.set(lp.key, files);
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

  const backend = makeBackend(opts, predictor);
  const ctx: RunContext = { matrix, profiles, profileFiles, outDir };
  const startedAt = new Date().toISOString();
  await backend.prepare(ctx);
  const helper = backend instanceof MacosBackend ? backend.helper : undefined;
  const recorded = backend instanceof ReplayBackend ? backend.recordedPreflight() : undefined;
  const preflight = buildPreflight(backend, [...profiles.values()], helper, recorded);
  const preflightPath = join(outDir, PREFLIGHT_FILE);
  writeJsonAtomic(preflightPath, preflight);

  const profileRecords = [...profiles.values()].map((lp) => profileRecord(lp, profileFiles.get(lp.key) ?? {}, outDir, shimChanged.get(lp.key) ?? []));
  const runId = randomUUID();
  const manifestPath = join(outDir, MANIFEST_FILE);
  const manifest = {
    format: 'sbpl-kit/runtime-manifest@1',
    runId,
    tool: { name: 'sbpl-kit', version: VERSION },
    node: process.version,
    host: preflight.host,
    backend: opts.backend,
    runner: backend instanceof MacosBackend ? (opts.runner ?? 'helper') : null,
    compare,
    predictor: predictor?.name ?? null,
    argv: opts.argv ?? null,
    startedAt,
    finishedAt: null as string | null,
    complete: false,
    inputs: [
      { role: 'matrix', path: matrixPath, sha256: sha256(matrixText) },
      ...[...profiles.values()].map((lp) => ({
        role: lp.source?.kind === 'stand-in' ? 'profile (stand-in)' : lp.source?.kind === 'system' ? 'profile (system)' : 'profile',
        key: lp.key,
        path: lp.source?.path ?? null,
        sha256: lp.source?.sha256 ?? null,
        shims: lp.shims.map((s) => s.name),
        appliedSha256: lp.appliedText !== undefined ? sha256(lp.appliedText) : null,
        unavailable: lp.unavailable ?? null,
      })),
      ...(opts.replayFile ? [{ role: 'replay transcripts', path: resolve(opts.replayFile), sha256: sha256(readFileSync(opts.replayFile)) }] : []),
      ...(helper ? [{ role: 'probe helper', path: helper.path, sha256: helper.sha256, source: helper.source, compiler: helper.compiler }] : []),
    ],
    backendDetails: backend.describe(),
    outputs: [RESULTS_FILE, JOURNAL_FILE, PREFLIGHT_FILE, MANIFEST_FILE, 'profiles/'],
  };
  writeJsonAtomic(manifestPath, manifest);

  // Resume: keep finished rows, run the rest.
  let initial: ResultRow[] = [];
  if (opts.resume) {
    const keys = new Set(cases.map((c) => c.key));
    initial = readJournal(outDir).filter((r) => keys.has(r.key));
    const done = new Set(initial.map((r) => r.key));
    cases = cases.filter((c) => !done.has(c.key));
  } else if (existsSync(join(outDir, JOURNAL_FILE))) {
    writeFileAtomic(join(outDir, JOURNAL_FILE), '');
  }
  const writer = new ResultsWriter(
    outDir,
    {
      format: RESULTS_FORMAT,
      tool: { name: 'sbpl-kit', version: VERSION },
      run: { id: runId, backend: opts.backend, runner: manifest.runner, compare, startedAt, finishedAt: null, complete: false, predictor: predictor?.name ?? null },
      matrix: { path: matrixPath, name: matrix.name, sha256: sha256(matrixText) },
      profiles: profileRecords,
    },
    initial,
  );

  const transcripts: Transcript[] = [];
  if (backend instanceof MacosBackend && !opts.resume) writeFileAtomic(join(outDir, TRANSCRIPTS_JOURNAL), '');
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
        appendLineDurable(join(outDir, TRANSCRIPTS_JOURNAL), JSON.stringify(run.transcript));
      }
      let launch: string | undefined;
      if (run.runner === 'sandbox-exec') {
        const cmd = sandboxExecCommand(c.probe);
        if (Array.isArray(cmd)) launch = cmd[0];
      }
      const prediction = compare === 'predicted' ? predictCase(c, lp, predictor, 'shimmed', launch) : undefined;
      const row = buildRow(c, lp, run, opts.backend, shimEffects.get(c.key), prediction);
      writer.add(row);
      opts.onRow?.(row);
    }
  } finally {
    await backend.close?.();
  }
  const document = writer.finish(interrupted);
  if (backend instanceof MacosBackend) {
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
