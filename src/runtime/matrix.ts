// The expected matrix: which profiles to run, which probes to run against each, and what to expect.
// Documented in docs/runtime-matrix.md; JSON Schema in docs/runtime-matrix.schema.json (from `matrixJsonSchema()`).

import { StageError } from '../diagnostics/diagnostic.js';
import { z } from 'zod';
import type { Request, RequestFacts } from '../decide/request.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { DEFAULT_OS, getVocab, hasVocabulary, normalizeOsId, listVocabularies, unknownVocabularyMessage } from '../vocab/all.js';
import { EXPECTATIONS, type Expectation } from './outcome.js';
import { shimNames } from './shims.js';
import { formatJsonPath, locateJsonPath, type JsonPath } from './json-location.js';
import { findForbiddenKey, JsonInputError, parseJsonInput } from './json-input.js';
import { argvProblem, forbiddenKeyProblem, paramKeyProblem, paramValueProblem, sysctlNameProblem, SYSCTL_NAME } from './names.js';

export const MATRIX_FORMAT = 'sbpl-kit/runtime-matrix@1';

/** How the probe helper performs the request: exactly one system call family per kind. */
export const EXERCISES = ['read', 'write', 'create', 'stat', 'exec', 'mach-lookup', 'connect', 'bind', 'sysctl-read', 'none'] as const;
export type ExerciseKind = (typeof EXERCISES)[number];

/** The operation the kernel checks for each exercise (docs/semantics.md §2.2 names). */
export const EXERCISE_OPERATION: Record<Exclude<ExerciseKind, 'none'>, string> = {
  read: 'file-read-data',
  write: 'file-write-data',
  create: 'file-write-create',
  stat: 'file-read-metadata',
  exec: 'process-exec*',
  'mach-lookup': 'mach-lookup',
  connect: 'network-outbound',
  bind: 'network-bind',
  'sysctl-read': 'sysctl-read',
};

const nonEmpty = z.string().min(1, { error: 'must not be empty' });
/** A string that reaches a program's argv. */
const argvString = z.string().refine((s) => !argvProblem(s), { error: 'must not contain a NUL character (it is passed on a command line)' });
const absolutePath = argvString.regex(/^\//, { error: 'must be an absolute path (start with /)' });
/** Limits of the probe helper's command line (sbpl_probe.c MAX_PARAMS, MAX_ARGS). */
export const HELPER_MAX_PARAMS = 64;
export const HELPER_MAX_ARGS = 32;
const paramKey = z.string().superRefine((k, ctx) => {
  const p = paramKeyProblem(k);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});
const paramValue = z.string().superRefine((v, ctx) => {
  const p = paramValueProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});
const sysctlName = z
  .string()
  .superRefine((n, ctx) => {
    const p = sysctlNameProblem(n);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  })
  .meta({ pattern: SYSCTL_NAME.source });
const timeoutMs = z.int().min(1, { error: 'must be at least 1 ms' }).max(3_600_000, { error: 'must be at most 3600000 ms (one hour)' });
const probeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:\/-]*$/, { error: 'probe ids use letters, digits and _ . : / - (starting with a letter or digit)' });

const Endpoint = z.strictObject({
  proto: z.enum(['tcp', 'udp']),
  host: z
    .string()
    .refine((h) => h === '*' || /^[0-9.]+$/.test(h) || h.includes(':'), { error: 'host must be a numeric IPv4/IPv6 address (e.g. 127.0.0.1, ::1) or *' }),
  port: z.int().min(0).max(65535),
});

const Target = z.strictObject({
  /** File path as the program would spell it (absolute). */
  path: absolutePath.optional(),
  /** The path is already the kernel's resolved spelling (e.g. taken from a log line). */
  pathIsResolved: z.boolean().optional(),
  /** mach-lookup service name. */
  service: nonEmpty.pipe(argvString).optional(),
  serviceKind: z.enum(['global', 'local', 'xpc']).optional(),
  remote: Endpoint.optional(),
  local: Endpoint.optional(),
  socketPath: absolutePath.optional(),
  sysctl: sysctlName.optional(),
  /** Any other request datum, keyed as in RequestFacts (vnodeType, fileMode, entitlements ...). */
  facts: z.record(z.string(), z.unknown()).optional(),
});
export type ProbeTarget = z.infer<typeof Target>;

const Probe = z.strictObject({
  description: z.string().optional(),
  /** Operation name as the matrix wants it reported; defaults to the one the exercise makes the kernel check. */
  operation: nonEmpty.optional().describe('operation as reported; must be the one the exercise makes the kernel check, or one of its fallback ancestors (e.g. file-read* for read)'),
  target: Target.describe('what the operation acts on: path | service | remote/local endpoint | socketPath | sysctl, plus optional request facts'),
  exercise: z.enum(EXERCISES).describe('how the probe helper performs the request (one system call); none = decide-only'),
  /** exec only: arguments after argv[0]. */
  args: z.array(argvString).max(HELPER_MAX_ARGS, { error: `at most ${HELPER_MAX_ARGS} arguments (the probe helper's limit)` }).optional().describe('exec only: arguments after argv[0]'),
  timeoutMs: timeoutMs.optional().describe("this probe's time limit (default: the matrix's timeoutMs)"),
});
export type ProbeSpec = z.infer<typeof Probe>;

const ShimRef = z.union([
  nonEmpty,
  z.strictObject({
    name: nonEmpty,
    description: z.string().optional(),
    /** Custom shims: SBPL appended to the profile. */
    sbpl: z.string().optional(),
    /** exec-probe: the executables to allow. */
    paths: z.array(absolutePath).optional(),
  }),
]);
export type ShimRefSpec = z.infer<typeof ShimRef>;

const Source = z.union([
  z.strictObject({ file: nonEmpty }),
  z.strictObject({ inline: nonEmpty }),
  z.strictObject({
    /** A system profile name (`bsd.sb`) looked up on the import path (Apple's folders on macOS, -I elsewhere). */
    system: nonEmpty,
    /** Our own stand-in, used (and labelled as such) only when the system profile is not found. */
    standIn: nonEmpty.optional(),
  }),
  z.strictObject({
    /** A compiled profile blob (applied with sandbox_apply). */
    blob: nonEmpty,
    /** The SBPL it was compiled from, if known (lets the simulate backend decide). */
    sbpl: nonEmpty.optional(),
  }),
]);
export type ProfileSourceSpec = z.infer<typeof Source>;

const ExpectEntry = z.union([
  z.enum(EXPECTATIONS),
  z.strictObject({
    expected: z.enum(EXPECTATIONS),
    /** Key of the golden entry (default `<profile key>/<probe id>`); it becomes a JSON key of golden sets. */
    key: nonEmpty
      .superRefine((k, ctx) => {
        const p = forbiddenKeyProblem(k);
        if (p) ctx.addIssue({ code: 'custom', message: p });
      })
      .optional(),
    note: z.string().optional(),
  }),
]);

const ProfileEntry = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:\/+-]*$/, { error: 'profile keys use letters, digits and _ . : / + - (starting with a letter or digit)' }),
  description: z.string().optional(),
  source: Source,
  /** `sbpl`: apply SBPL text (sandbox_init_with_parameters); `blob`: apply a compiled blob (sandbox_apply) — a
   *  {"blob"} source as is, an SBPL source compiled on the Mac by libsandbox first; `none`: run unsandboxed (a control). */
  mode: z.enum(['sbpl', 'blob', 'none']).default('sbpl').describe('sbpl: sandbox_init_with_parameters on the text; blob: sandbox_apply (SBPL sources are compiled by libsandbox first); none: unsandboxed control'),
  params: z
    .record(paramKey, paramValue)
    .refine((p) => Object.keys(p).length <= HELPER_MAX_PARAMS, { error: `at most ${HELPER_MAX_PARAMS} parameters (the probe helper's limit)` })
    .meta({ maxProperties: HELPER_MAX_PARAMS, propertyNames: { type: 'string', minLength: 1, pattern: '^[^=]+$' } })
    .default({}).describe('(param "KEY") values, as sandbox-exec -D KEY=VALUE'),
  shims: z.array(ShimRef).default([]).describe('named transformations appended to the profile text (tmp-alias, alias-traversal, loader-reads, exec-probe, or custom SBPL); recorded in every result row'),
  os: nonEmpty.optional().describe('vocabulary for this profile (default: the matrix os)'),
  importPath: z.array(nonEmpty).optional().describe('directories searched for (import "name.sb"), relative to the matrix file, before those given to sbpl run -I'),
  expect: z.record(z.string(), ExpectEntry).describe('probe id -> expected outcome (allow, deny, or an outcome class)'),
});
export type ProfileSpec = z.infer<typeof ProfileEntry>;

const SetupEntry = z.strictObject({
  path: absolutePath,
  kind: z.enum(['file', 'dir']),
  content: z.string().optional(),
});
export type SetupSpec = z.infer<typeof SetupEntry>;

export const MatrixSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(MATRIX_FORMAT, { error: `format must be "${MATRIX_FORMAT}"` }),
  name: nonEmpty,
  description: z.string().optional(),
  provenance: z.string().optional(),
  os: nonEmpty.default(DEFAULT_OS).describe('OS vocabulary operation names are checked against'),
  timeoutMs: timeoutMs.default(10_000).describe('default time limit of every probe, in milliseconds'),
  /** Files and directories the macOS backend creates (unsandboxed) before running probes. */
  setup: z.array(SetupEntry).default([]).describe('files and directories the macos backend creates (unsandboxed) before running; only under temporary directories unless --allow-setup-anywhere'),
  probes: z.record(probeId, Probe).describe('probe id -> probe definition; profiles refer to probes by id'),
  profiles: z.array(ProfileEntry).min(1, { error: 'at least one profile is required' }).describe('profiles to run, each with its expectations'),
});

export type MatrixInput = z.input<typeof MatrixSchema>;
type MatrixParsed = z.output<typeof MatrixSchema>;

/** One (profile, probe) pair to run. */
export interface MatrixCase {
  /** Golden key: `<profile key>/<probe id>` unless the expectation names one. */
  key: string;
  profileKey: string;
  probeId: string;
  probe: ProbeSpec;
  expected: Expectation;
  note?: string;
  /** The operation the matrix reports (as written, or the exercise's). */
  operation: string;
  /** The operation the kernel checks for this exercise (what the decision engine is asked). */
  checkedOperation: string;
  request: Request;
  timeoutMs: number;
}

export interface Matrix extends MatrixParsed {
  /** Cases in matrix order: profiles in order, each profile's expectations in order. */
  cases: MatrixCase[];
}

export interface MatrixIssue {
  path: JsonPath;
  message: string;
  line?: number;
  column?: number;
}

/** A matrix that does not validate; `message` lists every issue as `file:line:col: $.path: message`. */
export class MatrixError extends StageError {
  constructor(readonly file: string, readonly issues: MatrixIssue[]) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'), 'matrix/invalid', 'input');
    this.name = 'MatrixError';
  }
}

export function formatIssue(file: string, i: MatrixIssue): string {
  const where = i.line ? `${file}:${i.line}:${i.column}` : file;
  return `${where}: ${formatJsonPath(i.path)}: ${i.message}`;
}

/** Parse and validate matrix JSON text. Throws MatrixError naming the file, line/column and JSON path. */
export function parseMatrix(text: string, file = '<matrix>'): Matrix {
  let data: unknown;
  try {
    data = parseJsonInput(text, file);
  } catch (e) {
    if (!(e instanceof JsonInputError)) throw e;
    throw new MatrixError(file, [{ path: e.path, message: e.detail, line: e.line, column: e.column }]);
  }
  return validateMatrix(data, file, text);
}

/** Validate an already-parsed value. `text` (optional) lets issues carry line/column. */
export function validateMatrix(data: unknown, file = '<matrix>', text?: string): Matrix {
  const bad = findForbiddenKey(data);
  if (bad) {
    const issue: MatrixIssue = { path: bad.path, message: bad.message };
    placeIssue(issue, text);
    throw new MatrixError(file, [issue]);
  }
  const r = MatrixSchema.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map((iss) => toIssue(iss, text));
    throw new MatrixError(file, issues);
  }
  const issues: MatrixIssue[] = [];
  const cases = buildCases(r.data, issues);
  if (issues.length) {
    for (const i of issues) placeIssue(i, text);
    throw new MatrixError(file, issues);
  }
  return { ...r.data, cases };
}

function toIssue(iss: z.core.$ZodIssue, text: string | undefined): MatrixIssue {
  let message = iss.message;
  const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (iss.code === 'unrecognized_keys') {
    const keys = (iss as { keys: string[] }).keys;
    message = `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}`;
  } else if (iss.code === 'invalid_key') {
    // a record key failed its own check (parameter names): its messages say why
    const inner = (iss as { issues?: Array<{ message: string }> }).issues ?? [];
    if (inner.length) message = inner.map((i) => i.message).join('; ');
  } else if (iss.code === 'invalid_union') {
    message = unionMessage(path);
  } else if (iss.code === 'invalid_value' && 'values' in iss && /^Invalid/.test(iss.message)) {
    message = `expected one of ${(iss.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const issue: MatrixIssue = { path, message };
  placeIssue(issue, text);
  return issue;
}

function unionMessage(path: JsonPath): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === 'source') return 'expected a source object: {"file": PATH} | {"inline": SBPL} | {"system": NAME, "standIn"?: PATH} | {"blob": PATH, "sbpl"?: PATH}';
  if (parent === 'expect') return `expected one of ${EXPECTATIONS.join(', ')}, or {"expected": ..., "key"?: ..., "note"?: ...}`;
  if (parent === 'shims') return 'expected a shim name (string) or {"name": ..., "sbpl"?: ..., "paths"?: [...]}';
  return 'value does not match any allowed form';
}

function placeIssue(issue: MatrixIssue, text: string | undefined): void {
  if (!text || issue.line) return;
  const loc = locateJsonPath(text, issue.path);
  if (loc) {
    issue.line = loc.line;
    issue.column = loc.column;
  }
}

function buildCases(m: MatrixParsed, issues: MatrixIssue[]): MatrixCase[] {
  const matrixOs = m.os;
  if (!hasVocabulary(normalizeOsId(matrixOs))) {
    issues.push({ path: ['os'], message: unknownVocabularyMessage(matrixOs) });
    return [];
  }
  // Probe-level checks (independent of profiles).
  const probeOps = new Map<string, { operation: string; checked: string } | undefined>();
  for (const [id, p] of Object.entries(m.probes)) {
    probeOps.set(id, checkProbe(id, p, matrixOs, issues));
  }
  const cases: MatrixCase[] = [];
  const keysSeen = new Map<string, string>();
  const profileKeys = new Set<string>();
  m.profiles.forEach((prof, pi) => {
    if (profileKeys.has(prof.key)) issues.push({ path: ['profiles', pi, 'key'], message: `duplicate profile key '${prof.key}'` });
    profileKeys.add(prof.key);
    if (prof.os && !hasVocabulary(normalizeOsId(prof.os))) {
      issues.push({ path: ['profiles', pi, 'os'], message: unknownVocabularyMessage(prof.os) });
    }
    if ('blob' in prof.source && prof.mode !== 'blob') {
      issues.push({ path: ['profiles', pi, 'mode'], message: 'a {"blob": ...} source needs mode "blob"' });
    }
    if ('blob' in prof.source && prof.shims.length) {
      issues.push({ path: ['profiles', pi, 'shims'], message: 'shims change SBPL text; they cannot be applied to a compiled {"blob": ...} source' });
    }
    if (Object.keys(prof.expect).length === 0) issues.push({ path: ['profiles', pi, 'expect'], message: 'no expectations: name at least one probe' });
    prof.shims.forEach((s, si) => {
      const name = typeof s === 'string' ? s : s.name;
      const custom = typeof s !== 'string' && s.sbpl !== undefined;
      if (name === 'custom' && !custom) issues.push({ path: ['profiles', pi, 'shims', si], message: 'a custom shim needs "sbpl" text: {"name": "custom", "sbpl": "(allow ...)"}' });
      else if (!custom && !shimNames().includes(name)) {
        const hint = didYouMean(name, shimNames());
        issues.push({ path: ['profiles', pi, 'shims', si], message: `unknown shim '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; built-in shims: ${shimNames().join(', ')}` });
      }
    });
    for (const [probeIdKey, entry] of Object.entries(prof.expect)) {
      const probe = m.probes[probeIdKey];
      const path: JsonPath = ['profiles', pi, 'expect', probeIdKey];
      if (!probe) {
        const hint = didYouMean(probeIdKey, Object.keys(m.probes));
        issues.push({ path, message: `unknown probe '${probeIdKey}'${hint ? ` (did you mean '${hint}'?)` : ''}; probes are defined under $.probes` });
        continue;
      }
      const ops = probeOps.get(probeIdKey);
      if (!ops) continue;
      const expected = typeof entry === 'string' ? entry : entry.expected;
      const key = typeof entry === 'string' || !entry.key ? `${prof.key}/${probeIdKey}` : entry.key;
      const prev = keysSeen.get(key);
      if (prev) {
        issues.push({ path, message: `golden key '${key}' is also used by ${prev}` });
        continue;
      }
      keysSeen.set(key, formatJsonPath(path));
      cases.push({
        key,
        profileKey: prof.key,
        probeId: probeIdKey,
        probe,
        expected,
        note: typeof entry === 'string' ? undefined : entry.note,
        operation: ops.operation,
        checkedOperation: ops.checked,
        request: buildRequest(ops.checked, probe.target),
        timeoutMs: probe.timeoutMs ?? m.timeoutMs,
      });
    }
  });
  return cases;
}

const PATH_EXERCISES = new Set<ExerciseKind>(['read', 'write', 'create', 'stat', 'exec']);

function checkProbe(id: string, p: ProbeSpec, os: string, issues: MatrixIssue[]): { operation: string; checked: string } | undefined {
  const base: JsonPath = ['probes', id];
  const vocab = getVocab(os);
  const t = p.target;
  const before = issues.length;
  if (PATH_EXERCISES.has(p.exercise) && !t.path) issues.push({ path: [...base, 'target', 'path'], message: `exercise '${p.exercise}' needs target.path` });
  if (p.exercise === 'mach-lookup' && !t.service) issues.push({ path: [...base, 'target', 'service'], message: "exercise 'mach-lookup' needs target.service" });
  if (p.exercise === 'connect' && !t.remote && !t.socketPath) issues.push({ path: [...base, 'target'], message: "exercise 'connect' needs target.remote {proto, host, port} or target.socketPath" });
  if (p.exercise === 'bind' && !t.local && !t.socketPath) issues.push({ path: [...base, 'target'], message: "exercise 'bind' needs target.local {proto, host, port} or target.socketPath" });
  if (p.exercise === 'sysctl-read' && !t.sysctl) issues.push({ path: [...base, 'target', 'sysctl'], message: "exercise 'sysctl-read' needs target.sysctl" });
  if (p.args && p.exercise !== 'exec') issues.push({ path: [...base, 'args'], message: "args only apply to exercise 'exec'" });
  if (p.exercise === 'none' && !p.operation) issues.push({ path: [...base, 'operation'], message: "exercise 'none' (decide-only) needs an explicit operation" });
  if (t.facts) {
    for (const k of Object.keys(t.facts)) {
      if (!REQUEST_FACT_KEYS.has(k)) {
        const hint = didYouMean(k, REQUEST_FACT_KEYS);
        issues.push({ path: [...base, 'target', 'facts', k], message: `unknown request fact '${k}'${hint ? ` (did you mean '${hint}'?)` : ''}` });
      }
    }
  }
  if (issues.length > before) return undefined;

  const checked = p.exercise === 'none' ? p.operation! : EXERCISE_OPERATION[p.exercise];
  const written = p.operation ?? checked;
  const res = vocab.resolveOperation(written);
  if (!res || res.kind !== 'operation') {
    const hint = didYouMean(written, vocab.operationSpellings());
    issues.push({
      path: [...base, 'operation'],
      message: res ? `'${written}' is a no-op spelling in ${vocab.id}` : `unknown operation '${written}' in ${vocab.id}${hint ? ` (did you mean '${hint}'?)` : ''}`,
    });
    return undefined;
  }
  if (p.exercise !== 'none') {
    // The written operation must be the one the exercise checks or one of its fallback ancestors.
    const chain = vocab.fallbackChain(checked).map((o) => o.name);
    if (!chain.includes(res.op.name)) {
      issues.push({
        path: [...base, 'operation'],
        message: `exercise '${p.exercise}' makes the kernel check ${checked}; '${written}' is not that operation or one of its ancestors (${chain.join(' → ')})`,
      });
      return undefined;
    }
  }
  return { operation: written, checked: p.exercise === 'none' ? res.op.name : checked };
}

const REQUEST_FACT_KEYS = new Set<string>([
  'path', 'pathIsResolved', 'mountRelativePath', 'xattr', 'fileMode', 'vnodeType', 'ipcPosixName', 'serviceName', 'serviceKind',
  'remote', 'local', 'socketPath', 'controlName', 'socketDomain', 'socketType', 'socketProtocol', 'target', 'signalNumber',
  'sysctlName', 'preferenceDomain', 'notificationName', 'iokitClass', 'iokitProperty', 'appleeventDestination', 'rightName',
  'extensionClass', 'kextBundleId', 'nvramVariable', 'processPath', 'signingIdentifier', 'entitlements', 'extensions', 'other',
]);

function endpoint(e: { proto: 'tcp' | 'udp'; host: string; port: number }) {
  return { proto: e.proto, family: e.host.includes(':') ? ('inet6' as const) : ('inet' as const), host: e.host, port: e.port };
}

/** The decision-engine request for a probe target. */
export function buildRequest(operation: string, t: ProbeTarget): Request {
  const facts: RequestFacts = { ...(t.facts as RequestFacts | undefined) };
  if (t.path) facts.path = t.path;
  if (t.pathIsResolved) facts.pathIsResolved = true;
  if (t.service) {
    facts.serviceName = t.service;
    facts.serviceKind = t.serviceKind ?? 'global';
  }
  if (t.remote) facts.remote = endpoint(t.remote);
  if (t.local) facts.local = endpoint(t.local);
  if (t.socketPath) facts.socketPath = t.socketPath;
  if (t.sysctl) facts.sysctlName = t.sysctl;
  return { operation, facts };
}

/** One-line description of a probe target, for tables. */
export function describeTarget(t: ProbeTarget): string {
  if (t.path) return t.path;
  if (t.service) return t.service;
  if (t.remote) return `${t.remote.proto} ${t.remote.host.includes(':') ? `[${t.remote.host}]` : t.remote.host}:${t.remote.port}`;
  if (t.local) return `${t.local.proto} ${t.local.host}:${t.local.port} (local)`;
  if (t.socketPath) return t.socketPath;
  if (t.sysctl) return t.sysctl;
  return t.facts ? JSON.stringify(t.facts) : '';
}
