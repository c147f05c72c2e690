// The decoder on 100,000+ mutated and random blobs: it returns a well-formed graph or throws a DecodeError
// whose offset lies inside the blob — never another exception, an out-of-range read or a hang.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../../src/sbpl/index.js';
import { getVocab } from '../../../src/vocab/index.js';
import { compileProfileToBlob } from '../../../src/format/index.js';
import { decodeSonoma14, DecodeError } from '../../../src/format/sonoma14/decode.js';
import { validateGraph } from '../../../src/graph/model.js';
import { GraphEvaluator } from '../../../src/graph/evaluate.js';
import { decompileGraph, DecompileError } from '../../../src/graph/decompile.js';
import { DecideError } from '../../../src/decide/engine.js';

const vocab = getVocab('sonoma-14.4.1');

const SEED_PROFILES = [
  `(version 1)\n(deny default)\n(allow network-outbound (require-all (socket-domain AF_INET) (socket-type SOCK_STREAM)))\n`,
  `(version 1)\n(deny default)\n(allow process*)\n(allow file-read* (subpath "/System") (subpath "/usr") (literal "/etc/hosts"))\n(deny file-read-data (regex #"^/private/(tmp|var)/[a-z]+\\.txt$") (with no-report))\n`,
  `(version 1)\n(allow default)\n(deny file-write* (prefix "/Users") (with send-signal 9))\n(allow mach-lookup (global-name "com.apple.x") (with message "m"))\n(deny network-outbound (remote tcp "*:443") (local ip "localhost:8080"))\n(deny file-ioctl (require-entitlement "com.x" (entitlement-value "y")))\n`,
  `(version 1)\n(deny default)\n(allow sysctl-read (sysctl-name-regex #"^kern\\.(ostype|osrelease)$") (sysctl-name "hw.ncpu"))\n(allow signal (target others))\n(allow file-write* (require-all (subpath "/tmp") (require-not (vnode-type SYMLINK)) (file-mode #o0644)))\n`,
];

/** xorshift32: reproducible without a dependency; the failing seed is printed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function mutate(base: Uint8Array, other: Uint8Array, r: () => number): Uint8Array {
  const int = (n: number) => Math.floor(r() * n);
  let b = base.slice();
  const rounds = 1 + int(4);
  for (let k = 0; k < rounds; k++) {
    switch (int(9)) {
      case 0: // flip bits
        if (b.length) b[int(b.length)] ^= 1 << int(8);
        break;
      case 1: // random byte
        if (b.length) b[int(b.length)] = int(256);
        break;
      case 2: {
        // interesting u16 values in structural places: header, op table, node edges, item lengths
        if (b.length < 2) break;
        const at = r() < 0.5 ? int(Math.min(b.length - 1, 420)) : int(b.length - 1);
        const vals = [0, 1, 0xffff, 0x7fff, 0x8000, b.length, b.length >> 3, (b[2] | (b[3] << 8)) - 1, b[2] | (b[3] << 8), int(65536)];
        const v = vals[int(vals.length)] & 0xffff;
        b[at] = v & 0xff;
        b[at + 1] = v >> 8;
        break;
      }
      case 3: // truncate
        b = b.slice(0, int(b.length + 1));
        break;
      case 4: {
        // append random bytes
        const extra = new Uint8Array(int(64));
        for (let i = 0; i < extra.length; i++) extra[i] = int(256);
        const n = new Uint8Array(b.length + extra.length);
        n.set(b);
        n.set(extra, b.length);
        b = n;
        break;
      }
      case 5: {
        // splice in a piece of another blob
        if (!other.length || !b.length) break;
        const from = int(other.length);
        const len = int(Math.min(64, other.length - from));
        const at = int(b.length);
        b.set(other.subarray(from, from + Math.min(len, b.length - at)), at);
        break;
      }
      case 6: // make a node point at itself or earlier (cycles)
        if (b.length > 416) {
          const n = b[2] | (b[3] << 8);
          const node = int(Math.max(1, n));
          const at = 400 + 8 * node + (r() < 0.5 ? 4 : 6);
          if (at + 1 < b.length) {
            const t = int(node + 1);
            b[at] = t & 0xff;
            b[at + 1] = t >> 8;
          }
        }
        break;
      case 7: // shuffle the kind / filter byte of a node
        if (b.length > 408) {
          const at = 400 + 8 * int(Math.floor((b.length - 400) / 8));
          if (at + 1 < b.length) {
            b[at] = int(3);
            b[at + 1] = int(256);
          }
        }
        break;
      case 8: {
        // corrupt inside the data region
        const n = b[2] | (b[3] << 8);
        const data = 400 + 8 * n;
        if (data < b.length) b[data + int(b.length - data)] = int(256);
        break;
      }
    }
  }
  return b;
}

function randomBlob(r: () => number): Uint8Array {
  const len = Math.floor(r() * 1200);
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) b[i] = Math.floor(r() * 256);
  if (len >= 14 && r() < 0.7) {
    // plausible header so the decoder gets past the first checks
    b[0] = 0;
    b[1] = 0;
    const n = Math.floor(r() * 40);
    b[2] = n;
    b[3] = 0;
    b[4] = 190;
    b.fill(0, 5, 14);
    if (r() < 0.3) b[10] = Math.floor(r() * 3);
  }
  return b;
}

function checkOne(bytes: Uint8Array, deep: boolean): void {
  let result;
  try {
    result = decodeSonoma14(bytes, vocab);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw new Error(`non-DecodeError ${(e as Error)?.name}: ${(e as Error)?.message}`);
    if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > bytes.length) throw new Error(`DecodeError offset ${e.offset} outside 0..${bytes.length}: ${e.message}`);
    if (!/byte \d+/.test(e.message)) throw new Error(`DecodeError message names no byte: ${e.message}`);
    return;
  }
  const problems = validateGraph(result.graph);
  if (problems.length) throw new Error(`decoded graph is not well formed: ${problems[0]}`);
  if (!deep) return;
  const ev = new GraphEvaluator(result.graph, vocab);
  for (const req of [
    { operation: 'file-read-data', facts: { path: '/usr/lib/x', pathIsResolved: true } },
    { operation: 'network-outbound', facts: { socketDomain: 2, socketType: 1 } },
    { operation: 'sysctl-read', facts: { sysctlName: 'kern.ostype' } },
  ]) {
    try {
      const v = ev.decide(req);
      if (v.decision !== 'allow' && v.decision !== 'deny') throw new Error(`bad decision ${String(v.decision)}`);
    } catch (e) {
      if (!(e instanceof DecideError)) throw e;
    }
  }
  try {
    decompileGraph(result.graph, vocab, { maxRules: 2000 });
  } catch (e) {
    if (!(e instanceof DecompileError)) throw e;
  }
}

describe('decoder fuzzing', () => {
  it('survives 100,000 mutated and random blobs, naming an offset for every rejection', () => {
    const seeds = SEED_PROFILES.map((t) => {
      const r = readProfile(t, {});
      expect(r.ok).toBe(true);
      return compileProfileToBlob(r.profile, vocab).bytes;
    });
    for (const s of seeds) expect(() => decodeSonoma14(s, vocab)).not.toThrow();
    const seed = Number(process.env.SBPL_FUZZ_SEED ?? 0x5eed);
    const total = Number(process.env.SBPL_FUZZ_COUNT ?? 100_000);
    const r = rng(seed);
    let rejected = 0;
    for (let i = 0; i < total; i++) {
      const bytes = i % 10 === 9 ? randomBlob(r) : mutate(seeds[i % seeds.length], seeds[(i + 1) % seeds.length], r);
      try {
        checkOne(bytes, i % 50 === 0);
      } catch (e) {
        throw new Error(`input ${i} (SBPL_FUZZ_SEED=${seed}, hex ${Buffer.from(bytes).toString('hex').slice(0, 200)}...): ${(e as Error).message}`);
      }
      try {
        decodeSonoma14(bytes, vocab);
      } catch {
        rejected++;
      }
    }
    console.log(`fuzz: ${total} inputs, ${rejected} rejected with an offset, ${total - rejected} decoded`);
    expect(rejected).toBeGreaterThan(0);
    expect(total - rejected).toBeGreaterThan(0);
  });
});
