// The request reader is validated by hand (the browser core carries no schema library). Its acceptance must
// be the one the zod schema it replaced had: that schema is kept here as the oracle, and random fact objects
// (well-formed and not) must be accepted by both or refused by both, with the same data when accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { factsSchema, requestFromJson, RequestFormatError } from '../../src/decide/request-json.js';
import { NetworkAddressError, parseEndpoint } from '../../src/decide/network.js';
import { getVocab } from '../../src/vocab/index.js';

const endpoint = z.union([
  z.string().transform((s, ctx) => {
    try {
      return parseEndpoint(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof NetworkAddressError ? e.message : String(e) });
      return z.NEVER;
    }
  }),
  z.object({ proto: z.enum(['tcp', 'udp']), family: z.enum(['inet', 'inet6']), host: z.string(), port: z.number().int().min(0).max(65535) }).strict(),
]);
const fileMode = z.union([
  z.number().int().min(0).max(0o7777),
  z.string().regex(/^(0o|0)?[0-7]{1,4}$/).transform((s) => parseInt(s.replace(/^0o/, ''), 8)),
]);
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const oracle = z.object({
  path: z.string().startsWith('/'),
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
  socketPath: z.string().startsWith('/'),
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

// Values of every kind (right and wrong types, nested shapes), plus each field's edge values: a random
// object has one to three fields, each more often given a value near its own edges.
const leaf = fc.oneof(
  fc.constantFrom('/', '/tmp/x', 'tmp', '', 'REGULAR-FILE', 'global', 'self', 'tcp', 'inet6', 'tcp:127.0.0.1:443', 'udp:[::1]:53', 'tcp:host:1'),
  fc.integer({ min: -5, max: 70000 }),
  fc.constantFrom(1.5, -0, 2 ** 53),
  fc.boolean(),
  fc.constant(null),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  leaf,
  fc.array(leaf, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('k', 'com.apple.x', 'a b'), fc.oneof(leaf, fc.array(leaf, { maxLength: 2 })), { maxKeys: 3 }),
);
const port = fc.constantFrom(-1, 0, 65535, 65536, 80.5, '80');
const endpointValue = fc.oneof(
  fc.constantFrom('tcp:127.0.0.1:443', 'udp6:[::1]:53', 'tcp:*:0', 'tcp:localhost:65535', 'tcp:1.2.3.4:65536', 'tcp4:[::1]:1', 'sctp:1.2.3.4:1', 'tcp:h:1'),
  fc.record(
    { proto: fc.constantFrom('tcp', 'udp', 'TCP', 1), family: fc.constantFrom('inet', 'inet6', 'ipv4'), host: fc.constantFrom('1.2.3.4', '', 7), port, extra: fc.constant(1) },
    { requiredKeys: [] },
  ),
);
const EDGES: Record<string, fc.Arbitrary<unknown>> = {
  path: fc.constantFrom('/', '/a/b', 'a/b', '', ' /x'),
  socketPath: fc.constantFrom('/var/run/x', 'x', ''),
  fileMode: fc.constantFrom(-1, 0, 0o644, 4095, 4096, 1.5, '644', '0644', '0o755', '7777', '07777', '8', '0o', '0o12345', ' 644', 0o7777),
  signalNumber: fc.constantFrom(-1, 0, 1, 9, 31, 32, 9.5, '9'),
  socketDomain: fc.constantFrom(-1, 0, 2, 2.5, 2 ** 53, '2'),
  vnodeType: fc.constantFrom('REGULAR-FILE', 'DIRECTORY', 'TTY', 'regular-file', 'FILE'),
  serviceKind: fc.constantFrom('global', 'local', 'xpc', 'Global', 'remote'),
  target: fc.constantFrom('self', 'pgrp', 'others', 'children', 'same-sandbox', 'initproc', 'parent'),
  remote: endpointValue,
  local: endpointValue,
  entitlements: fc.dictionary(fc.constantFrom('k', '__x'), fc.oneof(fc.boolean(), fc.constantFrom('v', 1, null), fc.array(fc.constantFrom('a', 2), { maxLength: 2 }))),
  extensions: fc.oneof(fc.array(fc.constantFrom('c', 3), { maxLength: 3 }), fc.constantFrom('c')),
  other: fc.dictionary(fc.constantFrom('fsctl-command', 'x'), fc.oneof(fc.constantFrom('v', 1, true, null), fc.array(fc.constantFrom('a', 2, false, null), { maxLength: 2 }))),
};
const fieldValue = (k: string) => (EDGES[k] ? fc.oneof({ arbitrary: EDGES[k], weight: 3 }, { arbitrary: anyValue, weight: 1 }) : anyValue);
const factObject = fc
  .uniqueArray(fc.constantFrom(...factsSchema.fields, 'paht', 'unknown'), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(...keys.map((k) => fieldValue(k).map((v) => [k, v] as const))))
  .map((entries) => Object.fromEntries(entries));

describe('hand-written request reader = the zod schema it replaced', () => {
  it('accepts and refuses the same fact objects, with the same data', () => {
    let accepted = 0;
    fc.assert(
      fc.property(factObject, (obj) => {
        accepted += oracle.safeParse(obj).success ? 1 : 0;
        const want = oracle.safeParse(obj);
        const got = factsSchema.safeParse(obj);
        expect(got.success).toBe(want.success);
        if (got.success && want.success) expect(got.data).toEqual(want.data);
        if (!got.success) expect(got.error.jsonPath.startsWith('$')).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // both outcomes are exercised, not only refusals
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(2700);
  });

  it('names the JSON path of the offending value and what was expected there', () => {
    const vocab = getVocab('sonoma-14.4.1');
    const cases: Array<[unknown, string]> = [
      [{ operation: 'network-outbound', remote: { proto: 'tcp', family: 'inet', host: '1.2.3.4', port: 70000 } }, '$.remote.port: expected an integer from 0 to 65535, got 70000'],
      [{ operation: 'network-outbound', remote: { proto: 'tcp', family: 'inet', host: '1.2.3.4' } }, '$.remote.port: missing'],
      [{ operation: 'network-outbound', facts: { local: { proto: 'sctp', family: 'inet', host: '*', port: 1 } } }, '$.facts.local.proto: expected one of "tcp", "udp", got "sctp"'],
      [{ operation: 'mach-lookup', facts: { entitlements: { 'com.apple.a b': 3 } } }, '$.facts.entitlements["com.apple.a b"]: expected true, false, a string or an array of strings'],
      [{ operation: 'file-read-data', extensions: ['a', 2] }, '$.extensions[1]: expected a string'],
      [{ operation: 'file-read-data', vnodeType: 'FILE' }, '$.vnodeType: expected one of "REGULAR-FILE"'],
      [{ operation: 'file-read-data', facts: [] }, '$.facts: expected an object of request facts'],
      [{ operation: 'file-read-data', facts: { operation: 'x' } }, "$.facts: unknown field 'operation'"],
    ];
    for (const [value, message] of cases) {
      let error: unknown;
      try {
        requestFromJson(value, vocab);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RequestFormatError);
      expect((error as Error).message.startsWith(message)).toBe(true);
    }
  });

  it('keeps a "__proto__" key of a record as data, never as a prototype', () => {
    const vocab = getVocab('sonoma-14.4.1');
    const r = requestFromJson(JSON.parse('{"operation": "mach-lookup", "target": "a", "entitlements": {"__proto__": true}}'), vocab);
    expect(Object.getPrototypeOf(r.facts.entitlements)).toBe(Object.prototype);
    expect(Object.keys(r.facts.entitlements!)).toEqual(['__proto__']);
  });
});
