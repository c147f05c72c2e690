// Golden sets: freeze a results file into the outcomes a test asserts, and check new results against it.

import { StageError } from '../diagnostics/diagnostic.js';
import { z } from 'zod';
import { OUTCOMES } from './outcome.js';
import { RESULTS_FORMAT, type ResultsDocument } from './results.js';
import { formatJsonPath, locateJsonPath, type JsonPath } from './json-location.js';
import { JsonInputError, parseJsonInput } from './json-input.js';

export const GOLDEN_FORMAT = 'sbpl-kit/runtime-golden@1';

const GoldenEntrySchema = z.strictObject({
  outcome: z.enum(OUTCOMES),
  verdict: z.enum(['allow', 'deny']).nullable(),
  errnoName: z.string().nullable(),
  observedPath: z.string().nullable(),
  profileSha256: z.string().nullable(),
  shims: z.array(z.string()),
  standIn: z.boolean(),
  /** The entry came from a prediction (simulate), not a run. */
  predicted: z.boolean(),
});
export type GoldenEntry = z.infer<typeof GoldenEntrySchema>;

const GoldenSchema = z.strictObject({
  format: z.literal(GOLDEN_FORMAT),
  createdAt: z.string(),
  source: z.strictObject({
    runId: z.string(),
    backend: z.string(),
    matrix: z.strictObject({ name: z.string(), sha256: z.string() }),
    complete: z.boolean(),
  }),
  entries: z.record(z.string(), GoldenEntrySchema),
});
export type GoldenSet = z.infer<typeof GoldenSchema>;

export class GoldenError extends StageError {
  constructor(message: string) {
    super(message, 'runtime/golden', 'input');
    this.name = 'GoldenError';
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return parseJsonInput(text, file);
  } catch (e) {
    if (e instanceof JsonInputError) throw new GoldenError(e.message);
    throw e;
  }
}

/** `file:line:col: $.path: message` for a JSON path inside `text`. */
function located(text: string, file: string, path: JsonPath, message: string): string {
  const loc = locateJsonPath(text, path);
  return `${file}${loc ? `:${loc.line}:${loc.column}` : ''}: ${formatJsonPath(path)}: ${message}`;
}

export function parseGolden(text: string, file = '<golden>'): GoldenSet {
  const r = GoldenSchema.safeParse(parseJson(text, file));
  if (!r.success) {
    throw new GoldenError(r.error.issues.map((i) => located(text, file, i.path.filter((p): p is string | number => typeof p !== 'symbol'), i.message)).join('\n'));
  }
  return r.data;
}

/** Minimal structural check of a results file (we wrote it, but it may be edited or truncated). */
export function parseResults(text: string, file = '<results>'): ResultsDocument {
  const d = parseJson(text, file) as Partial<ResultsDocument> | null;
  if (!d || typeof d !== 'object' || d.format !== RESULTS_FORMAT) throw new GoldenError(located(text, file, d && typeof d === 'object' ? ['format'] : [], `not a runtime results file (expected "format": "${RESULTS_FORMAT}")`));
  if (!Array.isArray(d.results)) throw new GoldenError(located(text, file, ['results'], 'expected an array'));
  d.results.forEach((r, i) => {
    if (!r || typeof r.key !== 'string' || typeof r.actual !== 'string' || !(OUTCOMES as readonly string[]).includes(r.actual)) {
      throw new GoldenError(located(text, file, ['results', i], 'expected a result row with "key" and an outcome in "actual"'));
    }
  });
  const seen = new Map<string, number>();
  d.results.forEach((r, i) => {
    const first = seen.get(r.key);
    if (first !== undefined) throw new GoldenError(located(text, file, ['results', i, 'key'], `key '${r.key}' is also the key of $.results[${first}]`));
    seen.set(r.key, i);
  });
  return d as ResultsDocument;
}

export interface FreezeOptions {
  /** Freeze a run that did not finish (default: refuse). */
  allowIncomplete?: boolean;
}

export function freezeGolden(doc: ResultsDocument, opts: FreezeOptions = {}): GoldenSet {
  if (!doc.run.complete && !opts.allowIncomplete) {
    throw new GoldenError(`the run ${doc.run.id} did not complete (${doc.run.interrupted ?? 'no finish time'}); freeze it anyway with --allow-incomplete`);
  }
  const entries: Record<string, GoldenEntry> = {};
  for (const r of doc.results) entries[r.key] = goldenEntry(r);
  return {
    format: GOLDEN_FORMAT,
    createdAt: new Date().toISOString(),
    source: { runId: doc.run.id, backend: doc.run.backend, matrix: { name: doc.matrix.name, sha256: doc.matrix.sha256 }, complete: doc.run.complete },
    entries,
  };
}

export interface GoldenDifference {
  key: string;
  field: keyof GoldenEntry;
  golden: unknown;
  actual: unknown;
}

export interface GoldenCheck {
  ok: boolean;
  /** Entries whose outcome (or, strictly, errno/observed path) changed; shims/stand-in changes always count. */
  changed: GoldenDifference[];
  /** Golden keys absent from the results. */
  missing: string[];
  /** Result keys absent from the golden set. */
  added: string[];
  /** Differences that do not fail the check (profile text changed, prediction vs run ...). */
  notes: string[];
}

export interface CheckOptions {
  /** Also require errno names and observed paths to be equal. */
  strict?: boolean;
  /** Results keys not in the golden set fail the check. */
  failOnAdded?: boolean;
}

export function checkGolden(golden: GoldenSet, doc: ResultsDocument, opts: CheckOptions = {}): GoldenCheck {
  const byKey = new Map(doc.results.map((r) => [r.key, r]));
  const changed: GoldenDifference[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  for (const [key, g] of Object.entries(golden.entries)) {
    const r = byKey.get(key);
    if (!r) {
      missing.push(key);
      continue;
    }
    const actual = goldenEntry(r);
    if (g.outcome !== actual.outcome) changed.push({ key, field: 'outcome', golden: g.outcome, actual: actual.outcome });
    if (g.shims.join(',') !== actual.shims.join(',')) changed.push({ key, field: 'shims', golden: g.shims, actual: actual.shims });
    if (g.standIn !== actual.standIn) changed.push({ key, field: 'standIn', golden: g.standIn, actual: actual.standIn });
    if (opts.strict) {
      if (g.errnoName !== actual.errnoName) changed.push({ key, field: 'errnoName', golden: g.errnoName, actual: actual.errnoName });
      if (g.observedPath !== actual.observedPath) changed.push({ key, field: 'observedPath', golden: g.observedPath, actual: actual.observedPath });
    }
    if (g.profileSha256 !== actual.profileSha256) notes.push(`${key}: the profile text changed since the golden set was frozen`);
    if (g.predicted !== actual.predicted) notes.push(`${key}: golden entry is ${g.predicted ? 'a prediction' : 'a run'}, the new result is ${actual.predicted ? 'a prediction' : 'a run'}`);
  }
  const added = doc.results.filter((r) => !(r.key in golden.entries)).map((r) => r.key);
  const ok = changed.length === 0 && missing.length === 0 && (!opts.failOnAdded || added.length === 0);
  return { ok, changed, missing, added, notes };
}

export function formatGoldenCheck(c: GoldenCheck): string {
  const lines: string[] = [];
  for (const d of c.changed) lines.push(`changed  ${d.key}: ${d.field} ${JSON.stringify(d.golden)} -> ${JSON.stringify(d.actual)}`);
  for (const k of c.missing) lines.push(`missing  ${k}: in the golden set, not in the results`);
  for (const k of c.added) lines.push(`added    ${k}: in the results, not in the golden set`);
  for (const n of c.notes) lines.push(`note     ${n}`);
  lines.push(c.ok ? 'golden check passed' : 'golden check FAILED');
  return lines.join('\n');
}

/** The fields of a result row a golden set freezes. */
function goldenEntry(r: ResultsDocument['results'][number]): GoldenEntry {
  return {
    outcome: r.actual,
    verdict: r.verdict,
    errnoName: r.errnoName,
    observedPath: r.observedPath,
    profileSha256: r.profileSha256,
    shims: r.shims,
    standIn: r.standIn,
    predicted: r.predicted,
  };
}
