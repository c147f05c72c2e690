// The decoder: our blobs read back to the graph we encoded; lying blobs are rejected at the right byte.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../../src/sbpl/index.js';
import { getVocab } from '../../../src/vocab/index.js';
import { compileProfileToBlob } from '../../../src/format/index.js';
import { decodeSonoma14, DecodeError } from '../../../src/format/sonoma14/decode.js';
import { encodeSonoma14 } from '../../../src/format/sonoma14/encode.js';

const vocab = getVocab('sonoma-14.4.1');
const blobOf = (text: string) => {
  const r = readProfile(text, {});
  expect(r.ok).toBe(true);
  return compileProfileToBlob(r.profile, vocab);
};
const SAMPLE = `(version 1)(deny default)
(allow file-read* (subpath "/usr") (regex #"^/Library/.*\\.plist$"))
(allow network-outbound (require-all (socket-domain AF_INET) (socket-type SOCK_STREAM)))
(deny file-write* (prefix "/Users") (with message "no"))`;

function rejects(bytes: Uint8Array, offset: number, what: RegExp): void {
  let err: unknown;
  try {
    decodeSonoma14(bytes, vocab);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DecodeError);
  expect((err as DecodeError).offset).toBe(offset);
  expect((err as DecodeError).message).toMatch(what);
  expect((err as DecodeError).message).toContain(`at byte ${offset}`);
}

describe('Sonoma 14 decoder', () => {
  it('reads our blob back to the same graph', () => {
    const c = blobOf(SAMPLE);
    const d = decodeSonoma14(c.bytes, vocab);
    expect(d.warnings).toEqual([]);
    expect(d.graph.entries).toEqual(c.graph.entries);
    expect(d.raw.header).toMatchObject({ nodeCount: c.graph.nodes.length, opCount: 190, regexCount: 1, policyCount: 0 });
    expect(d.raw.opTableOffset).toBe(16); // after the one-entry regex table
    expect(d.raw.regexOffsets).toHaveLength(1);
    expect(d.raw.nodesOffset).toBe(400);
    d.graph.nodes.forEach((n, i) => {
      const o = c.graph.nodes[i];
      expect(n.kind).toBe(o.kind);
      if (n.kind === 'test' && o.kind === 'test') {
        expect([n.match, n.unmatch]).toEqual([o.match, o.unmatch]);
        expect(n.test.filterId).toBe(o.test.filterId);
        // integers come back with the vocabulary's name for their value (AF_INET for 2)
        const bare = (a: object) => ({ ...a, symbol: undefined });
        expect(n.test.alternatives.map((a) => bare(a.arg))).toEqual(o.test.alternatives.map((a) => bare(a.arg)));
      }
    });
    // the regex went through the regex table; its item is listed
    expect(d.raw.items.some((i) => i.kind === 'regex')).toBe(true);
  });

  it('places the op table after the regex and policy tables (airlock: 1 + 7 words, op table at byte 30)', () => {
    const c = blobOf('(version 1)(deny default)(allow file-read* (regex #"^/x"))');
    const g = { ...c.graph, profileType: 0x4000, policies: [100, 90, 80, 78, 67, 60, 56].map((p) => p % c.graph.nodes.length) };
    const bytes = encodeSonoma14(g, vocab).bytes;
    const d = decodeSonoma14(bytes, vocab);
    expect(d.raw.opTableOffset).toBe(30);
    expect(d.raw.nodesOffset).toBe(416);
    expect(d.raw.policies).toEqual(g.policies);
    expect(d.graph.profileType).toBe(0x4000);
  });

  it('rejects truncated, lying and cyclic blobs at the offending byte', () => {
    const { bytes } = blobOf(SAMPLE);
    rejects(bytes.slice(0, 9), 8, /header profile count/);
    rejects(bytes.slice(0, 300), 16, /op table needs 380 byte/);
    const n = bytes[2] | (bytes[3] << 8);
    // op-table entry for op 5 pointing past the nodes
    const e = bytes.slice();
    e[16 + 10] = n & 0xff;
    e[17 + 10] = n >> 8;
    rejects(e, 26, /op-table entry 5 points at node/);
    // a node kind byte that is neither test nor terminal
    const k = bytes.slice();
    k[400 + 8] = 7;
    rejects(k, 408, /kind byte 0x07/);
    // an unmatch edge out of range
    const u = bytes.slice();
    const testAt = 400 + 8 * [...Array(n).keys()].find((i) => bytes[400 + 8 * i] === 0)!;
    u[testAt + 6] = 0xff;
    u[testAt + 7] = 0xff;
    rejects(u, testAt + 6, /unmatch edge 65535/);
    // a cycle: a test whose match edge points at itself
    const cyc = bytes.slice();
    const self = (testAt - 400) / 8;
    cyc[testAt + 4] = self & 0xff;
    cyc[testAt + 5] = self >> 8;
    rejects(cyc, testAt, /lies on a cycle/);
    // a data item that claims more bytes than the blob has
    const data = 400 + 8 * n;
    const it = bytes.slice();
    it[data] = 0xff;
    it[data + 1] = 0xff;
    rejects(it, data, /says 65535 bytes/);
  });

  it('keeps going on contents it cannot interpret: opaque test and a warning naming the byte', () => {
    const { bytes } = blobOf(SAMPLE);
    const n = bytes[2] | (bytes[3] << 8);
    const at = 400 + 8 * [...Array(n).keys()].find((i) => bytes[400 + 8 * i] === 0 && bytes[400 + 8 * i + 1] === 0x0b)!;
    const b = bytes.slice();
    b[at + 1] = 0x7e; // filter id 125: not in the vocabulary
    const d = decodeSonoma14(b, vocab);
    const node = d.graph.nodes[(at - 400) / 8];
    expect(node.kind === 'test' && node.test.opaque?.reason).toMatch(/names no filter/);
    expect(d.warnings.join('\n')).toContain(`byte ${at}`);
  });
});
