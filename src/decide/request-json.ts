// JSON request format (one request per line in `sbpl query --requests FILE.jsonl`):
//   {"operation": "file-read-data", "target": "/tmp/x"}
//   {"operation": "network-outbound", "remote": "tcp:127.0.0.1:443"}
//   {"operation": "file-read-data", "path": "/etc/hosts", "vnodeType": "REGULAR-FILE", "fileMode": 420}
//   {"operation": "mach-lookup", "facts": {"serviceName": "com.apple.logd", "entitlements": {"k": true}}}
// Fact fields (RequestFacts) may be given at top level or under "facts"; endpoints as objects or
// "PROTO:HOST:PORT" strings; fileMode as a number or an octal string ("644", "0o644").

import { StageError } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { findKeyProblem, lineColumn } from '../diagnostics/json-keys.js';
import type { Vocab } from '../vocab/index.js';
import type { NetEndpoint, Request, RequestFacts } from './request.js';
import { NetworkAddressError, parseEndpoint } from './network.js';
import { factsFromTarget, TargetError } from './target.js';

// Validated by hand, not with a schema library: the core must stay small in a browser bundle. Every error
// names the JSON path of the offending value ($.facts.remote.port) and what was expected there. Schema
// validation of whole JSON files (matrices, transcripts) lives in runtime/.

export class RequestFormatError extends StageError {
  constructor(message: string, readonly jsonPath: string) {
    super(message, 'decide/request', 'input');
    this.name = 'RequestFormatError';
  }
}

/** Reads one field's value at `at` (a JSON path), or throws RequestFormatError there. */
type FieldReader = (value: unknown, at: string) => unknown;

const fail = (at: string, expected: string): never => {
  throw new RequestFormatError(`${at}: ${expected}`, at);
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const key = (at: string, k: string): string => (/^[A-Za-z_$][\w$-]*$/.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k)}]`);

const str: FieldReader = (v, at) => (typeof v === 'string' ? v : fail(at, 'expected a string'));
const bool: FieldReader = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'expected true or false'));
const absolute: FieldReader = (v, at) => (str(v, at) as string).startsWith('/') ? v : fail(at, `must be an absolute path (starting with /), got ${JSON.stringify(v)}`);
const int = (min: number, max: number): FieldReader => (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(at, `expected an integer${max === Number.MAX_SAFE_INTEGER ? '' : ` from ${min} to ${max}`}, got ${JSON.stringify(v)}`);
const oneOf = (...words: string[]): FieldReader => (v, at) =>
  typeof v === 'string' && words.includes(v) ? v : fail(at, `expected one of ${words.map((w) => `"${w}"`).join(', ')}, got ${JSON.stringify(v)}`);

const fileMode: FieldReader = (v, at) => {
  if (typeof v === 'number') return int(0, 0o7777)(v, at);
  if (typeof v === 'string' && /^(0o|0)?[0-7]{1,4}$/.test(v)) return parseInt(v.replace(/^0o/, ''), 8);
  return fail(at, `expected an octal mode such as "644" or an integer from 0 to 4095, got ${JSON.stringify(v)}`);
};

const ENDPOINT_FIELDS = ['proto', 'family', 'host', 'port'];
const endpoint: FieldReader = (v, at): NetEndpoint => {
  if (typeof v === 'string') {
    try {
      return parseEndpoint(v);
    } catch (e) {
      if (e instanceof NetworkAddressError) return fail(at, e.message);
      throw e;
    }
  }
  if (!isRecord(v)) return fail(at, 'expected "PROTO:HOST:PORT" (tcp:127.0.0.1:443) or {"proto", "family", "host", "port"}');
  unknownFields(v, ENDPOINT_FIELDS, at);
  for (const k of ENDPOINT_FIELDS) if (!(k in v)) fail(key(at, k), 'missing');
  return {
    proto: oneOf('tcp', 'udp')(v.proto, key(at, 'proto')) as NetEndpoint['proto'],
    family: oneOf('inet', 'inet6')(v.family, key(at, 'family')) as NetEndpoint['family'],
    host: str(v.host, key(at, 'host')) as string,
    port: int(0, 65535)(v.port, key(at, 'port')) as number,
  };
};

/** A JSON object whose values `read` accepts, rebuilt as own data properties (a "__proto__" key stays a key). */
const record = (read: FieldReader): FieldReader => (v, at) => {
  if (!isRecord(v)) return fail(at, 'expected an object');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, read(x, key(at, k))]));
};
const list = (read: FieldReader, what: string): FieldReader => (v, at) => (Array.isArray(v) ? v.map((x, i) => read(x, `${at}[${i}]`)) : fail(at, `expected an array of ${what}`));
const entitlementValue: FieldReader = (v, at) =>
  typeof v === 'boolean' || typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v] : fail(at, 'expected true, false, a string or an array of strings');
const otherValue: FieldReader = (v, at) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? v
    : Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')
      ? [...v]
      : fail(at, 'expected a string, number, boolean or an array of strings and numbers');

/** Every RequestFacts field and how its JSON value is read (the order is the one error messages list). */
const FACT_FIELDS: Record<keyof RequestFacts, FieldReader> = {
  path: absolute,
  pathIsResolved: bool,
  noFollow: bool,
  mountRelativePath: str,
  xattr: str,
  fileMode,
  vnodeType: oneOf('REGULAR-FILE', 'DIRECTORY', 'BLOCK-DEVICE', 'CHARACTER-DEVICE', 'SYMLINK', 'SOCKET', 'FIFO', 'TTY'),
  ipcPosixName: str,
  serviceName: str,
  serviceKind: oneOf('global', 'local', 'xpc'),
  remote: endpoint,
  local: endpoint,
  socketPath: absolute,
  controlName: str,
  socketDomain: int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  socketType: int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  socketProtocol: int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  target: oneOf('self', 'pgrp', 'others', 'children', 'same-sandbox', 'initproc'),
  signalNumber: int(1, 31),
  sysctlName: str,
  preferenceDomain: str,
  notificationName: str,
  iokitClass: str,
  iokitProperty: str,
  appleeventDestination: str,
  rightName: str,
  extensionClass: str,
  kextBundleId: str,
  nvramVariable: str,
  processPath: str,
  signingIdentifier: str,
  entitlements: record(entitlementValue),
  extensions: list(str, 'strings'),
  other: record(otherValue),
};

const FACT_KEYS = Object.keys(FACT_FIELDS);
const REQUEST_KEYS = ['operation', 'target', 'endpoint', 'facts', 'expect'];
/** A request's top-level keys: its own and the facts it may give directly ('target' is both), each once. */
const TOP_LEVEL_KEYS = [...new Set([...REQUEST_KEYS, ...FACT_KEYS])];

function unknownFields(v: Record<string, unknown>, known: readonly string[], at: string, suggest: readonly string[] = known): void {
  const extra = Object.keys(v).filter((k) => !known.includes(k));
  if (extra.length === 0) return;
  const guess = didYouMean(extra[0], suggest);
  throw new RequestFormatError(
    `${at}: unknown field ${extra.map((k) => `'${k}'`).join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}; known fields: ${known.join(', ')}`,
    at,
  );
}

function readFacts(value: unknown, at: string, known: readonly string[] = FACT_KEYS): RequestFacts {
  if (!isRecord(value)) return fail(at, 'expected an object of request facts');
  unknownFields(value, known, at, TOP_LEVEL_KEYS);
  const out: Record<string, unknown> = {};
  for (const k of FACT_KEYS) {
    if (value[k] !== undefined) out[k] = FACT_FIELDS[k as keyof RequestFacts](value[k], key(at, k));
  }
  return out as RequestFacts;
}

/**
 * The request-facts reader (the fields of a request's top level or of its "facts" object). `parse` throws
 * RequestFormatError naming the JSON path; `safeParse` returns the error instead.
 */
export const factsSchema = {
  fields: FACT_KEYS as readonly string[],
  parse(value: unknown, at = '$'): RequestFacts {
    return readFacts(value, at);
  },
  safeParse(value: unknown, at = '$'): { success: true; data: RequestFacts } | { success: false; error: RequestFormatError } {
    try {
      return { success: true, data: readFacts(value, at) };
    } catch (e) {
      if (e instanceof RequestFormatError) return { success: false, error: e };
      throw e;
    }
  },
};

/** Validate one parsed JSON value as a request. Throws RequestFormatError naming the JSON path. */
export function requestFromJson(value: unknown, vocab: Vocab): Request {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestFormatError('$: expected an object such as {"operation": "file-read-data", "target": "/etc/hosts"}', '$');
  }
  const { operation, target, facts, endpoint: side, expect: _expect, ...rest } = value as Record<string, unknown>;
  if (typeof operation !== 'string' || operation === '') throw new RequestFormatError('$.operation: expected an operation name (string)', '$.operation');
  if (target !== undefined && typeof target !== 'string') throw new RequestFormatError('$.target: expected a string', '$.target');
  // requests name kernel operations; SBPL aliases (process-exec) are accepted
  const known = vocab.operation(operation) ?? (() => {
    const r = vocab.resolveOperation(operation);
    return r?.kind === 'operation' ? r.op : undefined;
  })();
  if (!known) {
    const guess = didYouMean(operation, vocab.operationSpellings());
    throw new RequestFormatError(`$.operation: unknown operation '${operation}' for ${vocab.id}${guess ? ` (did you mean '${guess}'?)` : ''}`, '$.operation');
  }
  if (side !== undefined && side !== 'local' && side !== 'remote') throw new RequestFormatError('$.endpoint: expected "local" or "remote"', '$.endpoint');
  const top = readFacts(rest, '$', TOP_LEVEL_KEYS);
  const nested = facts === undefined ? {} : readFacts(facts, '$.facts');
  let fromTarget: RequestFacts = {};
  if (target !== undefined) {
    try {
      fromTarget = factsFromTarget(vocab, known.name, target, side as 'local' | 'remote' | undefined);
    } catch (e) {
      if (e instanceof TargetError) throw new RequestFormatError(`$.target: ${e.message}`, '$.target');
      throw e;
    }
  }
  return { operation, facts: { ...fromTarget, ...top, ...nested } };
}

/** The verdict a request line says it expects (`"expect": "allow"|"deny"`), for CI assertions; absent when none. */
export type ExpectedDecision = 'allow' | 'deny';

function expectOf(value: unknown): ExpectedDecision | undefined {
  const e = (value as Record<string, unknown>).expect;
  if (e === undefined) return undefined;
  if (e !== 'allow' && e !== 'deny') throw new RequestFormatError('$.expect: expected "allow" or "deny"', '$.expect');
  return e;
}

/** One request of a batch: its 1-based line, the request and the verdict the line expects, if it says. */
export interface RequestLine {
  line: number;
  request: Request;
  expect?: ExpectedDecision;
}

/** Parse a JSON-lines text. Errors carry the 1-based line number. Blank lines and lines starting with # are skipped. */
export function parseRequestLines(text: string, vocab: Vocab): { requests: RequestLine[]; errors: Array<{ line: number; message: string }> } {
  const requests: RequestLine[] = [];
  const errors: Array<{ line: number; message: string }> = [];
  const rows = text.split(/\r?\n/);
  rows.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      errors.push({ line, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    // JSON.parse keeps the last of duplicate keys and turns "__proto__" into a prototype: both are errors here
    const keyProblem = findKeyProblem(raw);
    if (keyProblem) {
      const at = keyProblem.path.reduce<string>((a, k) => (typeof k === 'number' ? `${a}[${k}]` : key(a, k)), '$');
      // one request per line: the first key's place is a column of this same line
      const message = keyProblem.message.replace(/\(first at line 1, column (\d+)\)/, '(first at column $1)');
      errors.push({ line, message: `column ${lineColumn(raw, keyProblem.offset).column}: ${at}: ${message}` });
      return;
    }
    try {
      const request = requestFromJson(value, vocab);
      const expect = expectOf(value);
      requests.push(expect === undefined ? { line, request } : { line, request, expect });
    } catch (e) {
      if (e instanceof RequestFormatError) errors.push({ line, message: e.message });
      else throw e;
    }
  });
  return { requests, errors };
}
