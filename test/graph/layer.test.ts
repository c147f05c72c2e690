// A compiled profile as a policy layer (src/graph/layer.ts): our own Sonoma 14 blobs and a real libsandbox 14.4.1
// blob (read in place from ../shared), decoded and walked as the platform layer.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProfileToBlob, decodeBlob } from '../../src/format/index.js';
import { getVocab } from '../../src/vocab/index.js';
import { graphLayer, type GraphLayerDetail } from '../../src/graph/layer.js';
import { decideLayered, sbplLayer } from '../../src/decide/platform.js';
import type { Request } from '../../src/decide/request.js';
import { compile, engine } from '../decide/helpers.js';
import { sharedRoot } from '../vocab/paths.js';

const vocab = getVocab('sonoma-14.4.1');
const PLATFORM = '(version 1)\n(allow default)\n(deny file-read* (subpath "/private/secret"))\n(deny mach-lookup (global-name "com.example.forbidden"))\n(deny file-write* (regex #"\\.lock$"))\n';

function blobLayer(text: string) {
  const bytes = compileProfileToBlob(compile(text), vocab).bytes;
  return graphLayer(decodeBlob(bytes, vocab).graph, vocab, { source: 'platform.sb.bin', format: 'sonoma14' });
}

const REQUESTS: Request[] = [
  { operation: 'file-read-data', facts: { path: '/private/secret/key' } },
  { operation: 'file-read-data', facts: { path: '/private/var/x' } },
  { operation: 'file-read-metadata', facts: { path: '/private/secret' } },
  { operation: 'file-write-data', facts: { path: '/private/tmp/a.lock' } },
  { operation: 'file-write-data', facts: { path: '/private/tmp/a.lockx' } },
  { operation: 'mach-lookup', facts: { serviceName: 'com.example.forbidden', serviceKind: 'global' } },
  { operation: 'mach-lookup', facts: { serviceName: 'com.example.ok', serviceKind: 'global' } },
  { operation: 'sysctl-read', facts: { sysctlName: 'kern.osrelease' } },
];

describe('graph layer', () => {
  it('a decoded compiled blob decides as the SBPL it was compiled from', () => {
    const compiled = blobLayer(PLATFORM);
    const source = sbplLayer(engine(PLATFORM), 'platform.sb');
    const got = REQUESTS.map((r) => compiled.decide(r, false).decision);
    expect(got).toEqual(REQUESTS.map((r) => source.decide(r, false).decision));
    // and the profile really refuses some and allows others
    expect(got.filter((d) => d === 'deny')).toHaveLength(4);
  });

  it('as the platform layer under a process profile: says which layer decided, and walks the graph', () => {
    const layers = { process: sbplLayer(engine('(version 1)\n(allow default)\n'), 'process.sb'), platform: blobLayer(PLATFORM) };
    const v = decideLayered(layers, REQUESTS[0], true);
    expect([v.decision, v.decidingLayer]).toEqual(['deny', 'platform']);
    expect(v.platform.decidedBy).toMatch(/^terminal node \d+ \(deny\) from the file-read-data entry after 1 test$/);
    const detail = v.platform.detail as GraphLayerDetail;
    expect(detail.format).toBe('sonoma14');
    expect(detail.steps[0]).toMatchObject({ text: '(subpath "/private/secret")', matched: true });
    expect(detail.steps.at(-1)?.text).toBe('deny');
    expect(v.platform.text?.[0]).toBe('walk (2 nodes):');
    const ok = decideLayered(layers, REQUESTS[1], true);
    expect([ok.decision, ok.decidingLayer]).toEqual(['allow', 'both']);
    expect((ok.platform.detail as GraphLayerDetail).steps[0]).toMatchObject({ matched: false });
  });

  const realDir = join(sharedRoot, 'data', 'real-blobs', 'libsandbox-14.4.1');
  const real = join(realDir, 'pair_dt_any_inet_stream.json');
  if (!existsSync(real)) console.warn(`[skip] ${real} not found (no ../shared): the real libsandbox blob as a platform layer is not tested`);
  it.skipIf(!existsSync(real))('a real libsandbox 14.4.1 blob as the platform layer', () => {
    // its source: (deny default) (allow network-outbound (require-any (socket-domain AF_INET) (socket-type SOCK_STREAM)))
    const blob = JSON.parse(readFileSync(real, 'utf8')) as { bytes_hex: string };
    const bytes = Uint8Array.from(blob.bytes_hex.replace(/\?\?/g, '00').match(/../g)!.map((h) => parseInt(h, 16)));
    const platform = graphLayer(decodeBlob(bytes, vocab).graph, vocab, { source: 'pair_dt_any_inet_stream', format: 'sonoma14' });
    const layers = { process: sbplLayer(engine('(version 1)\n(allow default)\n'), 'process.sb'), platform };
    const out = decideLayered(layers, { operation: 'network-outbound', facts: { socketDomain: 2, socketType: 2 } });
    expect([out.decision, out.decidingLayer]).toEqual(['allow', 'both']);
    const unix = decideLayered(layers, { operation: 'network-outbound', facts: { socketDomain: 1, socketType: 2 } });
    expect([unix.decision, unix.decidingLayer]).toEqual(['deny', 'platform']);
    const read = decideLayered(layers, { operation: 'file-read-data', facts: { path: '/etc/hosts' } });
    expect([read.decision, read.decidingLayer]).toEqual(['deny', 'platform']);
  });
});
