// Compiled-profile stage: lower+encode and decode times for the largest corpus profile (by blob size, compiled for
// Sonoma with the corpus harness's parameters and entitlements), and
// graph-evaluator decisions per second on a mixed request batch. Falls back to a synthetic profile when
// ../shared/corpus is absent.
import type { BenchContext } from './run.js';
import { syntheticProfileText } from './synthetic.js';
import { corpusCandidates as candidates } from './corpus-profiles.js';
import type { Profile } from '../dist/sbpl/profile.js';
import type { Request } from '../dist/decide/request.js';
import { readProfile } from '../dist/sbpl/index.js';
import { getVocab } from '../dist/vocab/index.js';
import { lowerProfile } from '../dist/graph/lower.js';
import { SONOMA14_COMPILER } from '../dist/format/sonoma14/descriptor.js';
import { encodeSonoma14 } from '../dist/format/sonoma14/encode.js';
import { decodeSonoma14 } from '../dist/format/sonoma14/decode.js';
import { GraphEvaluator } from '../dist/graph/evaluate.js';
import { decompileGraph } from '../dist/graph/decompile.js';

const vocab = getVocab('sonoma-14.4.1');


function synthetic() {
  return { label: 'synthetic 400-rule profile', profile: readProfile(syntheticProfileText(), {}).profile };
}

function requests(n: number): Request[] {
  const paths = ['/usr/lib/libSystem.B.dylib', '/System/Library/Frameworks/F7.framework/F7', '/private/etc/hosts', '/Users/u/Library/App3/x', '/private/tmp/x', '/dev/null', '/Library/Preferences/a.plist'];
  const ops = ['file-read-data', 'file-read-metadata', 'file-write-data', 'process-exec', 'mach-lookup', 'sysctl-read', 'network-outbound', 'signal'];
  const out: Request[] = [];
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) >>> 0);
  for (let i = 0; i < n; i++) {
    const op = ops[next() % ops.length];
    const facts: Request['facts'] = op === 'mach-lookup' ? { serviceName: `com.apple.service${next() % 150}` }
      : op === 'sysctl-read' ? { sysctlName: `kern.k${next() % 150}` }
      : op === 'network-outbound' ? { remote: { proto: 'tcp', family: 'inet', host: '127.0.0.1', port: 443 } }
      : op === 'signal' ? { target: next() % 2 ? 'self' : 'others' }
      : { path: paths[next() % paths.length], pathIsResolved: true };
    out.push({ operation: op, facts });
  }
  return out;
}

export default async function (ctx: BenchContext): Promise<void> {
  let pool = candidates();
  if (pool.length === 0) pool = [synthetic()];
  // the largest profile by compiled size
  let best: { label: string; profile: Profile; bytes: Uint8Array } | null = null;
  for (const c of pool) {
    try {
      const bytes = encodeSonoma14(lowerProfile(c.profile, vocab, { model: SONOMA14_COMPILER }), vocab).bytes;
      if (!best || bytes.length > best.bytes.length) best = { ...c, bytes };
    } catch {
      // not encodable: skipped
    }
  }
  if (!best) throw new Error('no encodable profile');
  const b = best;
  const graph = lowerProfile(b.profile, vocab, { model: SONOMA14_COMPILER });
  ctx.report(`largest of ${pool.length} profiles: ${b.label}`, b.bytes.length, `bytes, ${graph.nodes.length} nodes, ${b.profile.rules.length} rules`);
  const lower = ctx.time(() => lowerProfile(b.profile, vocab, { model: SONOMA14_COMPILER }), 1500);
  ctx.report('lower (Profile -> PolicyGraph)', (1000 * lower.seconds) / lower.iterations, 'ms');
  const enc = ctx.time(() => encodeSonoma14(graph, vocab), 1500);
  ctx.report('encode (PolicyGraph -> blob)', (1000 * enc.seconds) / enc.iterations, 'ms');
  const both = ctx.time(() => encodeSonoma14(lowerProfile(b.profile, vocab, { model: SONOMA14_COMPILER }), vocab), 1500);
  ctx.report('compile = lower + encode (target < 10 ms)', (1000 * both.seconds) / both.iterations, 'ms');
  const dec = ctx.time(() => decodeSonoma14(b.bytes, vocab), 1500);
  ctx.report('decode (blob -> PolicyGraph) (target < 10 ms)', (1000 * dec.seconds) / dec.iterations, 'ms');
  const decoded = decodeSonoma14(b.bytes, vocab).graph;
  const dc = ctx.time(() => decompileGraph(decoded, vocab), 1500);
  ctx.report('decompile (PolicyGraph -> SBPL)', (1000 * dc.seconds) / dc.iterations, 'ms');
  const ev = new GraphEvaluator(decoded, vocab);
  const batch = requests(100_000);
  const t0 = performance.now();
  let allowed = 0;
  for (const r of batch) if (ev.decide(r).decision === 'allow') allowed++;
  const secs = (performance.now() - t0) / 1000;
  ctx.report(`graph decisions (100,000 mixed requests, ${allowed} allowed)`, batch.length / secs, 'decisions/s');
}
