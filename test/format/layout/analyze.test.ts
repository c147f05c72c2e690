// Layout analysis: the earlier effort's summary fields for any blob, plus the corrected reading.
import { describe, expect, it } from 'vitest';
import { readProfile } from '../../../src/sbpl/index.js';
import { getVocab } from '../../../src/vocab/index.js';
import { compileProfileToBlob } from '../../../src/format/index.js';
import { analyzeLayout, printableRuns } from '../../../src/format/layout/analyze.js';

const vocab = getVocab('sonoma-14.4.1');

describe('layout analysis', () => {
  const r = readProfile('(version 1)(deny default)(allow file-read* (subpath "/tmp/foo"))', {});
  const blob = compileProfileToBlob(r.profile, vocab).bytes;

  it('summarises a known blob and gives the corrected reading', () => {
    const s = analyzeLayout('v11.sb.bin', blob, vocab);
    expect(s.length).toBe(467); // seeds/002 v1: 467 bytes
    expect(s.preamble.u16.slice(0, 3)).toEqual([0, 6, 190]);
    expect(s.heuristic.opCountWord).toBe(6);
    expect(s.heuristic.opTable.entries).toEqual([5, 5, 5, 5, 5, 5]); // the earlier reading's "buckets"
    expect(s.strides.map((x) => x.stride)).toEqual([8, 12, 16]);
    for (const st of s.strides) expect(st.records * st.stride + st.remainder).toBe(s.heuristic.literalStart - s.heuristic.nodesStart);
    expect(s.printableRuns.map((p) => p.text)).toContain('G/tmp/foo');
    expect(s.corrected[0]).toMatchObject({ format: 'sonoma14', ok: true, nodesOffset: 400, dataOffset: 448, nodeCount: 6, terminals: 2 });
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('still summarises bytes that are not a blob, and says where the corrected reading failed', () => {
    const junk = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff);
    const s = analyzeLayout('junk', junk, vocab);
    expect(s.corrected[0].ok).toBe(false);
    expect(typeof s.corrected[0].errorOffset).toBe('number');
    expect(s.strides).toHaveLength(3);
  });

  it('finds printable runs of four or more bytes', () => {
    expect(printableRuns(Uint8Array.from([0, 65, 66, 67, 68, 0, 65, 66, 10, 0]))).toEqual([{ offset: 1, text: 'ABCD' }]);
  });
});
