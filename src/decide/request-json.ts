// JSON request format (one request per line in `sbpl query --requests FILE.jsonl`):
//   {"operation": "file-read-data", "target": "/tmp/x"}
//   {"operation": "network-outbound", "remote": "tcp:127.0.0.1:443"}
//   {"operation": "file-read-data", "path": "/etc/hosts", "vnodeType": "REGULAR-FILE", "fileMode": 420}
//   {"operation": "mach-lookup", "facts": {"serviceName": "com.apple.logd", "entitlements": {"k": true}}}
// Fact fields (RequestFacts) may be given at top level or under "facts"; endpoints as objects or
// "PROTO:HOST:PORT" strings; fileMode as a number or an octal string ("644", "0o644").

import { z } from 'zod';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Vocab } from '../vocab/index.js';
import type { Request, RequestFacts } from './request.js';
import { NetworkAddressError, parseEndpoint } from './network.js';
import { factsFromTarget, TargetError } from './target.js';

const endpoint = z.union([
  z.string().transform((s, ctx) => {
    try {
      return parseEndpoint(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof NetworkAddressError ? e.message : String(e) });
      return z.NEVER;
    }
  }),
  z.object({
    proto: z.enum(['tcp', 'udp']),
    family: z.enum(['inet', 'inet6']),
    host: z.string(),
    port: z.number().int().min(0).max(65535),
  }).strict(),
]);

const fileMode = z.union([
  z.number().int().min(0).max(0o7777),
  z.string().regex(/^(0o|0)?[0-7]{1,4}$/, 'expected an octal mode such as "644"').transform((s) => parseInt(s.replace(/^0o/, ''), 8)),
]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const factsSchema = z.object({
  path: z.string().startsWith('/', 'must be an absolute path'),
  pathIsResolved: z.boolean(),
  noFollow: z.boolean(),
  mountRelativePath: z.string(),
  xattr: z.string(),
  fileMode,
  vnodeType: z.enum(['REGULAR-FILE', 'DIRECTORY', 'BLOCK-DEVICE', 'CHARACTER-DEVICE', 'SYMLINK', 'SOCKET', 'FIFO', 'TTY']),
  ipcPosixName: z.string(),
  serviceName: z.string(),
  serviceKind: z.enum(['global', 'local', 'xpc']),
  remote: endpoint,
  local: endpoint,
  socketPath: z.string().startsWith('/', 'must be an absolute path'),
  controlName: z.string(),
  socketDomain: z.number().int(),
  socketType: z.number().int(),
  socketProtocol: z.number().int(),
  target: z.enum(['self', 'pgrp', 'others', 'children', 'same-sandbox', 'initproc']),
  signalNumber: z.number().int().min(1).max(31),
  sysctlName: z.string(),
  preferenceDomain: z.string(),
  notificationName: z.string(),
  iokitClass: z.string(),
  iokitProperty: z.string(),
  appleeventDestination: z.string(),
  rightName: z.string(),
  extensionClass: z.string(),
  kextBundleId: z.string(),
  nvramVariable: z.string(),
  processPath: z.string(),
  signingIdentifier: z.string(),
  entitlements: z.record(z.string(), z.union([z.boolean(), z.string(), z.array(z.string())])),
  extensions: z.array(z.string()),
  other: z.record(z.string(), z.union([scalar, z.array(z.union([z.string(), z.number()]))])),
}).partial().strict();

const FACT_KEYS = Object.keys(factsSchema.shape);

export class RequestFormatError extends Error {
  constructor(message: string, readonly jsonPath: string) {
    super(message);
    this.name = 'RequestFormatError';
  }
}

function issueText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>, prefix: string): RequestFormatError {
  const i = issues[0];
  const path = [prefix, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
  let msg = i.message;
  if (i.code === 'unrecognized_keys' && i.keys) {
    const guess = didYouMean(i.keys[0], ['operation', 'target', 'facts', 'endpoint', ...FACT_KEYS]);
    msg = `unknown field ${i.keys.map((k) => `'${k}'`).join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}; known fields: operation, target, endpoint, facts, ${FACT_KEYS.join(', ')}`;
  }
  return new RequestFormatError(`${path}: ${msg}`, path);
}

/** Validate one parsed JSON value as a request. Throws RequestFormatError naming the JSON path. */
export function requestFromJson(value: unknown, vocab: Vocab): Request {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestFormatError('$: expected an object such as {"operation": "file-read-data", "target": "/etc/hosts"}', '$');
  }
  const { operation, target, facts, endpoint: side, ...rest } = value as Record<string, unknown>;
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
  for (const side of ['remote', 'local'] as const) {
    const v = rest[side];
    if (typeof v === 'string') {
      try {
        rest[side] = parseEndpoint(v);
      } catch (e) {
        if (e instanceof NetworkAddressError) throw new RequestFormatError(`$.${side}: ${e.message}`, `$.${side}`);
        throw e;
      }
    }
  }
  const top = factsSchema.safeParse(rest);
  if (!top.success) throw issueText(top.error.issues as never, '$');
  let nested: RequestFacts = {};
  if (facts !== undefined) {
    const r = factsSchema.safeParse(facts);
    if (!r.success) throw issueText(r.error.issues as never, '$.facts');
    nested = r.data as RequestFacts;
  }
  let fromTarget: RequestFacts = {};
  if (target !== undefined) {
    try {
      fromTarget = factsFromTarget(vocab, known.name, target, side as 'local' | 'remote' | undefined);
    } catch (e) {
      if (e instanceof TargetError) throw new RequestFormatError(`$.target: ${e.message}`, '$.target');
      throw e;
    }
  }
  return { operation, facts: { ...fromTarget, ...(top.data as RequestFacts), ...nested } };
}

/** Parse a JSON-lines text. Errors carry the 1-based line number. Blank lines and lines starting with # are skipped. */
export function parseRequestLines(text: string, vocab: Vocab): { requests: Array<{ line: number; request: Request }>; errors: Array<{ line: number; message: string }> } {
  const requests: Array<{ line: number; request: Request }> = [];
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
    try {
      requests.push({ line, request: requestFromJson(value, vocab) });
    } catch (e) {
      if (e instanceof RequestFormatError) errors.push({ line, message: e.message });
      else throw e;
    }
  });
  return { requests, errors };
}
