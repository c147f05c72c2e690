// decide(P, r) == evaluate(decode(encode(lower(P))), r) == decide(read(decompile(...)), r), over generated
// profiles and requests, for every engine option both ways (DESIGN.md invariant 1).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine, DEFAULT_ENGINE_OPTIONS } from '../../src/decide/engine.js';
import type { Request } from '../../src/decide/request.js';
import { compileProfileToBlob, decodeBlob } from '../../src/format/index.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import { decompileGraph } from '../../src/graph/decompile.js';
import { withImplicitRules } from '../../src/graph/lower.js';
import { SONOMA14_COMPILER } from '../../src/format/sonoma14/descriptor.js';
import { effective, genProfileText, genRequest } from './generators.js';

const vocab = getVocab('sonoma-14.4.1');

type Options = { -readonly [K in keyof typeof DEFAULT_ENGINE_OPTIONS]: boolean };

/** Every combination of the engine's modelling options, the defaults first. */
const OPTION_SETS: Options[] = (() => {
  const names = Object.keys(DEFAULT_ENGINE_OPTIONS) as Array<keyof Options>;
  const out: Options[] = [];
  for (let bits = 0; bits < 1 << names.length; bits++) {
    const o = { ...DEFAULT_ENGINE_OPTIONS } as Options;
    names.forEach((n, i) => {
      if (bits & (1 << i)) o[n] = !o[n];
    });
    out.push(o);
  }
  return out;
})();

const label = (o: Options) => (Object.keys(o) as Array<keyof Options>).map((k) => `${k}=${o[k]}`).join(' ');

function check(text: string, requests: Request[], options: Options = { ...DEFAULT_ENGINE_OPTIONS }): void {
  const r = readProfile(text, {});
  expect(r.ok, `${text}\n${r.diagnostics.map((d) => d.message).join('\n')}`).toBe(true);
  const lower = { sysctlWriteAlias: options.sysctlWriteAlias, childBeforeParent: options.childBeforeParent };
  const profile = withImplicitRules(r.profile, vocab, { model: SONOMA14_COMPILER, ...lower });
  const blob = compileProfileToBlob(r.profile, vocab, { lower });
  const decoded = decodeBlob(blob.bytes, vocab);
  expect(decoded.warnings.filter((w) => !w.includes('policy word'))).toEqual([]);
  const sbpl = decompileGraph(decoded.graph, vocab, { childBeforeParent: options.childBeforeParent });
  const back = readProfile(sbpl, { standardPolicy: false });
  expect(back.ok, `${sbpl}\n${back.diagnostics.map((d) => d.message).join('\n')}`).toBe(true);
  const engine = new DecisionEngine(profile, vocab, options);
  const graph = new GraphEvaluator(decoded.graph, vocab, { symlinkTraversalCheck: options.symlinkTraversalCheck });
  const again = new DecisionEngine(back.profile, vocab, options);
  for (const req of requests) {
    const a = engine.decide(req);
    const b = graph.decide(req);
    const c = again.decide(req);
    const ctx = `${label(options)}\n${text}\nrequest ${JSON.stringify(req)}\ndecompiled:\n${sbpl}`;
    expect(b.uncertain, ctx).toBeUndefined();
    expect(effective(b), ctx).toEqual(effective(a));
    expect(effective(c), ctx).toEqual(effective(a));
  }
}

describe('round trip: engine = graph evaluator on decode(encode(lower(P))) = engine on decompiled SBPL', () => {
  it.each(OPTION_SETS.map((o, i) => [label(o), o, i] as const))('holds for generated profiles and requests (%s)', (_name, o, i) => {
    // the defaults get the most runs; each other combination a third
    const runs = Number(process.env.SBPL_PROPERTY_RUNS ?? (i === 0 ? 300 : 100));
    fc.assert(
      fc.property(genProfileText(), fc.array(genRequest(), { minLength: 1, maxLength: 25 }), (text, reqs) => check(text, reqs, o)),
      { numRuns: runs },
    );
  });

  it('holds when an ancestor\'s rules would pre-empt a descendant\'s fallback (childBeforeParent off)', () => {
    // file-read-data's list ends in allow for /a/x; the decompiled file-read* rules must not be reached first
    const text = '(version 1)(allow default)(deny file-read* (subpath "/a"))(allow file-read-data (literal "/a/x"))';
    const reqs: Request[] = ['/a/x', '/a/y', '/b'].flatMap((path) => ['file-read-data', 'file-read-metadata'].map((operation) => ({ operation, facts: { path } })));
    for (const o of OPTION_SETS) check(text, reqs, o);
  });

  it('holds on hand-written profiles exercising every argument kind', () => {
    const text = `(version 1)
(deny default (with message "denied"))
(allow file-read* (subpath "/usr") (literal "/etc/hosts") (prefix "/private/var/db/x"))
(deny file-read-data (regex #"\\.secret$") (with no-report))
(allow file-write* (require-all (subpath "/private/tmp") (require-not (vnode-type SYMLINK)) (file-mode #o0644)))
(allow network-outbound (remote tcp "localhost:8080") (remote udp "*:53") (local ip "*:*"))
(allow mach-lookup (global-name "com.apple.a") (global-name-prefix "com.apple.b.") (xpc-service-name-regex #"^com\\.x"))
(allow sysctl-read (sysctl-name "kern.osversion"))
(deny sysctl-write (with send-signal 9))
(allow process-exec (literal "/bin/ls") (with report))
(allow signal (target others))
(allow iokit-open (iokit-registry-entry-class "IOSurfaceRootUserClient"))
(allow user-preference-read (preference-domain "com.apple.x"))
(allow file-ioctl (require-entitlement "com.apple.private.x"))
(allow file-clone (require-entitlement "com.apple.e" (entitlement-value "v1")))
(allow file-link (require-entitlement "com.apple.b" (entitlement-value #f)))
(deny file-revoke (require-target-with-entitlement "com.apple.t"))`;
    const paths = ['/usr/lib/a.dylib', '/etc/hosts', '/private/var/db/x1', '/Users/u/.secret', '/tmp/f', '/tmp/link', '/usr', '/bin/ls'];
    const reqs: Request[] = [];
    for (const op of ['file-read-data', 'file-read-metadata', 'file-write-create', 'process-exec', 'file-ioctl']) {
      for (const path of paths) reqs.push({ operation: op, facts: { path } }, { operation: op, facts: { path, vnodeType: 'SYMLINK', fileMode: 0o644 } });
    }
    for (const name of ['com.apple.a', 'com.apple.b.c', 'com.x', 'com.apple']) reqs.push({ operation: 'mach-lookup', facts: { serviceName: name, serviceKind: 'global' } }, { operation: 'mach-lookup', facts: { serviceName: name, serviceKind: 'xpc' } });
    reqs.push(
      { operation: 'network-outbound', facts: { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 8080 } } },
      { operation: 'network-outbound', facts: { remote: { proto: 'udp', family: 'inet', host: '8.8.8.8', port: 53 } } },
      { operation: 'network-outbound', facts: { socketPath: '/private/var/run/syslog' } },
      { operation: 'sysctl-read', facts: { sysctlName: 'kern.osversion' } },
      { operation: 'sysctl-write', facts: { sysctlName: 'kern.osversion' } },
      { operation: 'signal', facts: { target: 'others' } },
      { operation: 'signal', facts: { target: 'self' } },
      { operation: 'iokit-open-user-client', facts: { iokitClass: 'IOSurfaceRootUserClient' } },
      { operation: 'user-preference-read', facts: { preferenceDomain: 'com.apple.x' } },
      { operation: 'managed-preference-read', facts: { preferenceDomain: 'com.apple.x' } },
      { operation: 'file-ioctl', facts: { path: '/dev/x', entitlements: { 'com.apple.private.x': true } } },
      { operation: 'file-clone', facts: { path: '/tmp/a', entitlements: { 'com.apple.e': 'v1' } } },
      { operation: 'file-clone', facts: { path: '/tmp/a', entitlements: { 'com.apple.e': 'v2' } } },
      { operation: 'file-link', facts: { path: '/tmp/a', entitlements: { 'com.apple.b': false } } },
      { operation: 'file-link', facts: { path: '/tmp/a', entitlements: {} } },
      { operation: 'file-revoke', facts: { path: '/tmp/a', entitlements: { 'com.apple.t': true } } },
      { operation: 'job-creation', facts: {} },
      { operation: 'mach-message-send', facts: {} },
    );
    for (const o of OPTION_SETS) check(text, reqs, o);
  });
});
