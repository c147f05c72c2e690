// Turn denial reports from a log into a draft expected matrix: one probe per distinct (operation, target),
// expected = what the kernel did (deny), against the profile the process ran under.

import { StageError } from '../diagnostics/diagnostic.js';
import { EXERCISE_OPERATION, MATRIX_FORMAT, MatrixError, validateMatrix, type ExerciseKind, type MatrixInput, type ProbeTarget } from './matrix.js';
import { parseHostPort, recordToRequest, NON_REQUEST_OPERATIONS, type DenialRecord } from './log-parse.js';
import { forbiddenKeyProblem } from './names.js';
import { formatJsonPath } from './json-location.js';

export interface DraftOptions {
  /** Profile path as it should appear in the matrix (relative to the matrix file). */
  profilePath: string;
  profileKey: string;
  name?: string;
  logName?: string;
  os?: string;
  /** The profile's parameters (-D, --params) and import folders (-I, relative to the matrix), so the draft runs as given. */
  params?: Record<string, string>;
  importPath?: string[];
  /** Optional: the engine's prediction for a record (to annotate disagreements). */
  predict?: (r: DenialRecord) => 'allow' | 'deny' | undefined;
}

export interface Draft {
  matrix: MatrixInput;
  /** Records that did not become probes, and why. */
  skipped: Array<{ line: number; reason: string }>;
  records: number;
}

function exerciseFor(op: string, target: string): ExerciseKind {
  if (op === 'file-read-data' || op === 'file-read*') return 'read';
  if (op === 'file-read-metadata') return 'stat';
  if (op === 'file-write-create') return 'create';
  if (op === 'file-write-data' || op === 'file-write*') return 'write';
  if (op === 'process-exec*' || op === 'process-exec') return 'exec';
  if (op === 'mach-lookup') return 'mach-lookup';
  if (op === 'network-outbound' && (target.startsWith('/') || parseHostPort(target))) return 'connect';
  if (op === 'network-bind' && (target.startsWith('/') || parseHostPort(target))) return 'bind';
  if (op === 'sysctl-read') return 'sysctl-read';
  return 'none';
}

/** A profile key the matrix accepts, from any name (a file name, --key). */
export function draftProfileKey(name: string): string {
  const k = name.replace(/[^A-Za-z0-9_.:\/+-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return k ? (forbiddenKeyProblem(k) ? `${k}-profile` : k) : 'profile';
}

/** A draft the log could not produce (no denial became a probe, or the options are invalid). */
export class DraftError extends StageError {
  constructor(message: string) {
    super(message, 'log2matrix/draft', 'input');
    this.name = 'DraftError';
  }
}

function probeIdFor(op: string, target: string, used: Set<string>): string {
  const base = `${op}:${target}`.replace(/[^A-Za-z0-9_.:\/-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80) || 'probe';
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

export function draftMatrix(records: DenialRecord[], opts: DraftOptions): Draft {
  const skipped: Draft['skipped'] = [];
  const seen = new Map<string, { record: DenialRecord; n: number; processes: Set<string> }>();
  for (const r of records) {
    if (r.action !== 'deny') {
      skipped.push({ line: r.line, reason: `${r.action} report (only denials become expectations)` });
      continue;
    }
    if (NON_REQUEST_OPERATIONS.has(r.operation)) {
      skipped.push({ line: r.line, reason: `${r.operation}: the process was already sandboxed; not a decision of the profile` });
      continue;
    }
    const k = `${r.layer}\u0000${r.operation}\u0000${r.target}`;
    const e = seen.get(k);
    // "N duplicate reports for X" summarises N further occurrences of X; the line is not one itself.
    const occurrences = r.duplicates > 0 ? r.duplicates : 1;
    if (e) {
      e.n += occurrences;
      e.processes.add(`${r.process}(${r.pid})`);
    } else seen.set(k, { record: r, n: occurrences, processes: new Set([`${r.process}(${r.pid})`]) });
  }
  const probes: NonNullable<MatrixInput['probes']> = {};
  const expect: Record<string, { expected: 'deny'; note?: string }> = {};
  const used = new Set<string>();
  const lineOf = new Map<string, number>();
  for (const { record: r, n, processes } of seen.values()) {
    if (r.layer === 'system-policy') {
      skipped.push({ line: r.line, reason: `System Policy report for ${r.operation} ${r.target}: a platform-policy denial, not this profile's` });
      continue;
    }
    const rr = recordToRequest(r);
    if (!rr) continue;
    const f = rr.request.facts;
    const target: ProbeTarget = {};
    if (f.path) {
      target.path = f.path;
      target.pathIsResolved = true;
    }
    if (f.serviceName) target.service = f.serviceName;
    if (f.remote) target.remote = { proto: f.remote.proto, host: f.remote.host, port: f.remote.port };
    if (f.local) target.local = { proto: f.local.proto, host: f.local.host, port: f.local.port };
    if (f.socketPath) target.socketPath = f.socketPath;
    if (f.sysctlName) target.sysctl = f.sysctlName;
    const rest = { ...f };
    for (const k of ['path', 'pathIsResolved', 'serviceName', 'serviceKind', 'remote', 'local', 'socketPath', 'sysctlName'] as const) delete rest[k];
    if (Object.keys(rest).length) target.facts = rest as Record<string, unknown>;
    const exercise = exerciseFor(r.operation, r.target);
    const id = probeIdFor(r.operation, r.target, used);
    lineOf.set(id, r.line);
    const checked = exercise === 'none' ? undefined : EXERCISE_OPERATION[exercise];
    probes[id] = {
      description: `seen ${n}× in ${opts.logName ?? 'the log'} (line ${r.line}) from ${[...processes].join(', ')}${rr.assumptions.length ? `; assumed: ${rr.assumptions.join('; ')}` : ''}`,
      ...(checked === r.operation ? {} : { operation: r.operation }),
      target,
      exercise,
    };
    const predicted = opts.predict?.(r);
    expect[id] = predicted === 'allow' ? { expected: 'deny', note: 'the decision engine predicts allow for this profile: check the path spelling, the platform policy or another sandbox layer' } : { expected: 'deny' };
  }
  const matrix: MatrixInput = {
    format: MATRIX_FORMAT,
    name: opts.name ?? `draft from ${opts.logName ?? 'log'}`,
    description: 'Draft generated by `sbpl log2matrix`: every denial the kernel reported, expected to stay denied. Review the exercises (none = decide-only) and add allow probes.',
    provenance: '',
    ...(opts.os ? { os: opts.os } : {}),
    probes,
    profiles: [{ key: draftProfileKey(opts.profileKey), source: { file: opts.profilePath }, ...(opts.params && Object.keys(opts.params).length ? { params: opts.params } : {}), ...(opts.importPath?.length ? { importPath: opts.importPath } : {}), expect }],
  };
  dropInvalidProbes(matrix, probes, expect, lineOf, skipped);
  matrix.provenance = `sbpl log2matrix ${opts.logName ?? ''}: ${records.length} report(s), ${Object.keys(probes).length} distinct probe(s)`.trim();
  return { matrix, skipped, records: records.length };
}

/**
 * A draft must pass matrix-check: a probe the matrix rejects (an operation this vocabulary does not know, a
 * target that cannot be performed ...) is moved to `skipped` with the reason. Anything else wrong is a DraftError.
 */
function dropInvalidProbes(matrix: MatrixInput, probes: Record<string, unknown>, expect: Record<string, unknown>, lineOf: Map<string, number>, skipped: Draft['skipped']): void {
  for (;;) {
    let issues: MatrixError['issues'];
    try {
      validateMatrix(matrix);
      return;
    } catch (e) {
      if (!(e instanceof MatrixError)) throw e;
      issues = e.issues;
    }
    const bad = new Map<string, string>();
    const other: string[] = [];
    for (const i of issues) {
      const id = i.path[0] === 'probes' ? i.path[1] : i.path[0] === 'profiles' && i.path[2] === 'expect' && i.path.length > 3 ? i.path[3] : undefined;
      if (typeof id === 'string' && id in probes) bad.set(id, bad.get(id) ?? `${formatJsonPath(i.path)}: ${i.message}`);
      else other.push(`${formatJsonPath(i.path)}: ${i.message}`);
    }
    if (other.length || !bad.size) {
      throw new DraftError(Object.keys(probes).length ? `the draft matrix is not valid: ${other.join('; ')}` : 'no denial in the log can become a probe (see the skipped reports)');
    }
    for (const [id, why] of bad) {
      skipped.push({ line: lineOf.get(id) ?? 0, reason: `not a valid probe for the matrix (${why})` });
      delete probes[id];
      delete expect[id];
    }
  }
}
