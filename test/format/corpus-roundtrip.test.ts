// The whole real-world corpus through compile -> encode -> decode -> evaluate / decompile, for a fixed batch of
// requests: the decision engine on the profile, the graph evaluator on the decoded blob and the engine on the
// decompiled SBPL must agree on every request.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../src/sbpl/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { DecisionEngine } from '../../src/decide/engine.js';
import type { Request } from '../../src/decide/request.js';
import { compileProfileToBlob, decodeBlob, EncodeError } from '../../src/format/index.js';
import { GraphEvaluator } from '../../src/graph/evaluate.js';
import { decompileGraph, DecompileError } from '../../src/graph/decompile.js';
import { withImplicitRules } from '../../src/graph/lower.js';
import { SONOMA14_COMPILER } from '../../src/format/sonoma14/descriptor.js';
import { HAVE_CORPUS, corpusCases, warnIfNoCorpus } from '../corpus/harness.js';
import { effective } from './generators.js';

warnIfNoCorpus('corpus compile/decode round trip');
const vocab = getVocab('sonoma-14.4.1');

/** A fixed batch touching the families real profiles rule on. */
export const REQUEST_BATCH: Request[] = [
  ...['/usr/lib/libSystem.B.dylib', '/System/Library/Frameworks/Foundation.framework/Foundation', '/private/etc/hosts', '/etc/passwd', '/tmp/x', '/private/var/folders/ab/T/x', '/Users/tester/Library/Preferences/com.example.app.plist', '/Users/tester/Documents/a.txt', '/dev/null', '/dev/random', '/Library/Preferences/x.plist', '/private/tmp/sbpl-corpus/HOME/file', '/Applications/X.app/Contents/MacOS/X', '/usr/bin/python3'].flatMap((path) => [
    { operation: 'file-read-data', facts: { path } },
    { operation: 'file-read-metadata', facts: { path } },
    { operation: 'file-write-data', facts: { path } },
    { operation: 'file-write-create', facts: { path, vnodeType: 'REGULAR-FILE' as const } },
    { operation: 'process-exec', facts: { path } },
    { operation: 'file-map-executable', facts: { path } },
  ]),
  ...['com.apple.cfprefsd.agent', 'com.apple.cfprefsd.daemon', 'com.apple.system.logger', 'com.apple.windowserver.active', 'com.apple.SecurityServer', 'org.example.x'].flatMap((name) => [
    { operation: 'mach-lookup', facts: { serviceName: name, serviceKind: 'global' as const } },
    { operation: 'mach-lookup', facts: { serviceName: name, serviceKind: 'local' as const } },
  ]),
  { operation: 'network-outbound', facts: { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 443 } } },
  { operation: 'network-outbound', facts: { remote: { proto: 'udp', family: 'inet', host: '8.8.8.8', port: 53 } } },
  { operation: 'network-outbound', facts: { socketPath: '/private/var/run/syslog' } },
  { operation: 'network-bind', facts: { local: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 8080 } } },
  { operation: 'system-socket', facts: { socketDomain: 32, socketType: 2 } },
  { operation: 'sysctl-read', facts: { sysctlName: 'hw.ncpu' } },
  { operation: 'sysctl-read', facts: { sysctlName: 'kern.hostname' } },
  { operation: 'sysctl-write', facts: { sysctlName: 'kern.hostname' } },
  { operation: 'signal', facts: { target: 'self' } },
  { operation: 'signal', facts: { target: 'others' } },
  { operation: 'process-info-pidinfo', facts: { target: 'others' } },
  { operation: 'mach-task-name', facts: { target: 'self' } },
  { operation: 'user-preference-read', facts: { preferenceDomain: 'com.apple.Safari' } },
  { operation: 'iokit-open-user-client', facts: { iokitClass: 'IOSurfaceRootUserClient' } },
  { operation: 'ipc-posix-shm-read-data', facts: { ipcPosixName: 'apple.shm.notification_center' } },
  { operation: 'darwin-notification-post', facts: { notificationName: 'com.apple.x' } },
  { operation: 'job-creation', facts: {} },
  { operation: 'system-privilege', facts: {} },
];

describe.skipIf(!HAVE_CORPUS)('corpus round trip through the Sonoma 14 blob', () => {
  it('engine, graph evaluator and decompiled SBPL agree on a fixed request batch', () => {
    const problems: string[] = [];
    const unsupported: Record<string, number> = {};
    let compiled = 0;
    let skipped = 0;
    let decisions = 0;
    for (const c of corpusCases()) {
      if (c.expect !== 'ok') continue;
      const r = readProfile(c.text, { ...c.options, os: 'sonoma-14.4.1' });
      if (!r.ok) {
        skipped++; // written for another macOS: names Sonoma lacks
        continue;
      }
      let blob;
      try {
        blob = compileProfileToBlob(r.profile, vocab);
      } catch (e) {
        if (!(e instanceof EncodeError)) throw e;
        const reason = e.message.replace(/^node \d+ \([^)]*\): /, '').replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N');
        unsupported[reason] = (unsupported[reason] ?? 0) + 1;
        continue;
      }
      compiled++;
      const decoded = decodeBlob(blob.bytes, vocab);
      const engine = new DecisionEngine(withImplicitRules(r.profile, vocab, { model: SONOMA14_COMPILER }), vocab);
      const graph = new GraphEvaluator(decoded.graph, vocab);
      let again: DecisionEngine | null = null;
      try {
        const back = readProfile(decompileGraph(decoded.graph, vocab), { standardPolicy: false });
        if (!back.ok) problems.push(`${c.file}: decompiled SBPL does not read back: ${back.diagnostics.find((d) => d.severity === 'error')?.message}`);
        else again = new DecisionEngine(back.profile, vocab);
      } catch (e) {
        if (!(e instanceof DecompileError)) throw e;
        problems.push(`${c.file}: ${e.message}`);
      }
      for (const req of REQUEST_BATCH) {
        const a = effective(engine.decide(req));
        const b = graph.decide(req);
        decisions++;
        if (b.uncertain) problems.push(`${c.file} ${req.operation}: uncertain: ${b.uncertain}`);
        if (JSON.stringify(effective(b)) !== JSON.stringify(a)) problems.push(`${c.file} ${req.operation} ${JSON.stringify(req.facts)}: engine ${JSON.stringify(a)}, graph ${JSON.stringify(effective(b))}`);
        if (again) {
          const x = effective(again.decide(req));
          if (JSON.stringify(x) !== JSON.stringify(a)) problems.push(`${c.file} ${req.operation} ${JSON.stringify(req.facts)}: engine ${JSON.stringify(a)}, decompiled ${JSON.stringify(x)}`);
        }
      }
    }
    console.log(`corpus round trip: ${compiled} profiles compiled and compared on ${REQUEST_BATCH.length} requests (${decisions} decisions each way); ${skipped} not Sonoma-compatible; not encodable: ${JSON.stringify(unsupported)}; ${problems.length} problems`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(compiled).toBeGreaterThan(100);
  });
});
