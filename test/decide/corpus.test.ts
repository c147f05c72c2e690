// Every real-world corpus profile the front end accepts answers a fixed batch of mixed requests without
// error, the fast path agrees with the explanation on each, and lint runs. Corpus read in place from
// ../shared/corpus; skipped (visibly) when it is absent.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import { lintProfile } from '../../src/decide/lint.js';
import { formatExplanation } from '../../src/decide/explain.js';
import type { Request } from '../../src/decide/request.js';
import { corpusCases, HAVE_CORPUS, warnIfNoCorpus } from '../corpus/harness.js';

const tcp = (host: string, port: number) => ({ proto: 'tcp' as const, family: host.includes(':') ? ('inet6' as const) : ('inet' as const), host, port });

/** A fixed batch touching every request kind; operations missing from a profile's vocabulary are skipped. */
const BATCH: Request[] = [
  { operation: 'file-read-data', facts: { path: '/' } },
  { operation: 'file-read-data', facts: { path: '/etc/hosts' } },
  { operation: 'file-read-metadata', facts: { path: '/tmp' } },
  { operation: 'file-read-data', facts: { path: '/private/var/folders/zz/T/x' } },
  { operation: 'file-read-data', facts: { path: '/System/Volumes/Data/Users/tester/Documents/a.txt' } },
  { operation: 'file-read-data', facts: { path: '/System/Library/Frameworks/Foundation.framework/Foundation' } },
  { operation: 'file-read-data', facts: { path: '/usr/lib/libSystem.B.dylib', vnodeType: 'REGULAR-FILE', fileMode: 0o755 } },
  { operation: 'file-read-xattr', facts: { path: '/Users/tester/.ssh/id_rsa', xattr: 'com.apple.quarantine' } },
  { operation: 'file-write-create', facts: { path: '/tmp/sbpl-corpus/out.txt' } },
  { operation: 'file-write-data', facts: { path: '/Users/tester/work/src/main.c' } },
  { operation: 'file-write-unlink', facts: { path: '/private/tmp/x', noFollow: true } },
  { operation: 'file-ioctl', facts: { path: '/dev/ttys001', vnodeType: 'TTY', other: { 'ioctl-command': 1074033781 } } },
  { operation: 'file-map-executable', facts: { path: '/usr/lib/dyld' } },
  { operation: 'process-exec', facts: { path: '/bin/sh' } },
  { operation: 'process-fork', facts: {} },
  { operation: 'mach-lookup', facts: { serviceName: 'com.apple.logd' } },
  { operation: 'mach-lookup', facts: { serviceName: 'com.apple.SecurityServer' } },
  { operation: 'mach-lookup', facts: { serviceName: 'com.example.helper', serviceKind: 'xpc' } },
  { operation: 'mach-register', facts: { serviceName: 'com.example.me', serviceKind: 'local' } },
  { operation: 'network-outbound', facts: { remote: tcp('127.0.0.1', 8080) } },
  { operation: 'network-outbound', facts: { remote: tcp('2001:db8::1', 443) } },
  { operation: 'network-outbound', facts: { socketPath: '/var/run/mDNSResponder' } },
  { operation: 'network-bind', facts: { local: tcp('0.0.0.0', 3000) } },
  { operation: 'sysctl-read', facts: { sysctlName: 'kern.hostname' } },
  { operation: 'sysctl-write', facts: { sysctlName: 'kern.tcsm_enable' } },
  { operation: 'user-preference-read', facts: { preferenceDomain: 'com.apple.finder' } },
  { operation: 'iokit-open', facts: { iokitClass: 'IOSurfaceRootUserClient' } },
  { operation: 'iokit-open-user-client', facts: { iokitClass: 'AGXDeviceUserClient' } },
  { operation: 'signal', facts: { target: 'self', signalNumber: 15 } },
  { operation: 'process-info-pidinfo', facts: { target: 'others' } },
  { operation: 'ipc-posix-shm-read-data', facts: { ipcPosixName: 'apple.shm.notification_center' } },
  { operation: 'system-socket', facts: { socketDomain: 32, socketType: 2 } },
  { operation: 'darwin-notification-post', facts: { notificationName: 'com.apple.x' } },
  { operation: 'job-creation', facts: {} },
  { operation: 'file-read-data', facts: { path: '/Users/tester/Library/Containers/com.example.app/Data/x', entitlements: { 'com.apple.security.app-sandbox': true }, extensions: ['com.apple.app-sandbox.read-write'] } },
];

const cases = corpusCases().filter((c) => c.expect === 'ok');

describe.skipIf(!HAVE_CORPUS)('corpus: every accepted profile answers a mixed batch', () => {
  warnIfNoCorpus('decision engine corpus test');
  it(`compiles and answers ${BATCH.length} requests for each of ${cases.length} profiles`, () => {
    let answered = 0;
    let profiles = 0;
    const failures: string[] = [];
    for (const c of cases) {
      const r = readProfile(c.text, c.options);
      if (!r.ok) continue; // the front end's own corpus test owns acceptance
      profiles++;
      const vocab = getVocab(r.profile.os);
      try {
        const engine = new DecisionEngine(r.profile, vocab);
        for (const req of BATCH) {
          if (!vocab.resolveOperation(req.operation) && !vocab.operation(req.operation)) continue;
          const v = engine.decide(req);
          const ex = engine.explain(req);
          if (v.decision !== ex.decision || v.check !== ex.check || v.operation !== ex.decidedBy.operation) {
            failures.push(`${c.file}: ${req.operation}: fast ${v.decision}/${v.operation} vs explained ${ex.decision}/${ex.decidedBy.operation}`);
          }
          expect(formatExplanation(ex).length).toBeGreaterThan(0);
          answered++;
        }
        lintProfile(r.profile, vocab);
      } catch (e) {
        failures.push(`${c.file}: ${(e as Error).message}`);
      }
    }
    console.info(`decision corpus: ${profiles}/${cases.length} profiles compiled, ${answered} requests answered and explained`);
    expect(failures).toEqual([]);
    // the corpus is large: most of it must have been exercised
    expect(profiles).toBeGreaterThan(cases.length * 0.6);
    expect(answered).toBeGreaterThan(profiles * 20);
  });
});
