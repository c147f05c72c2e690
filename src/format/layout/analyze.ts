// Layout analysis for blobs of unknown or newer formats: what the earlier effort's analyze.py summarised
// (docs/formats.md: preamble, op-table entry points, node region, literal pool, stride 8/12/16 statistics, tag
// sets, in-bounds edge counts, tail records, printable runs), plus the corrected reading when the blob
// decodes as a format we know.

import type { Vocab } from '../../vocab/index.js';
import { sha256Hex } from '../sha256.js';
import { toHex } from '../writer.js';
import { decodeSonoma14, DecodeError } from '../sonoma14/decode.js';
import { FORMAT_ID as SONOMA14 } from '../sonoma14/descriptor.js';

export interface StrideStats {
  stride: number;
  records: number;
  remainder: number;
  /** byte 0 of each record -> count */
  tags: Record<string, number>;
  /** u16 at +2 and +4 read as edges (node indices): how many fall inside the record count. */
  edgesInBounds: number;
  edgesTotal: number;
  /** Last records (hex) and the trailing bytes that do not fill a record. */
  tailRecords: string[];
  tailBytes: string;
}

export interface PrintableRun {
  offset: number;
  text: string;
}

export interface HeuristicReading {
  /** format.md part A: "legacy decision tree" when u16[0]*8 lands inside the blob after a 4-byte header. */
  variant: 'legacy-decision-tree' | 'modern-heuristic';
  /** u16[1], which the earlier effort read as the operation count. */
  opCountWord: number;
  opTable: { offset: number; count: number; entries: number[] };
  nodesStart: number;
  literalStart: number;
  sections: { opTable: number; nodes: number; literals: number };
}

export interface CorrectedReading {
  format: string;
  ok: boolean;
  error?: string;
  errorOffset?: number;
  header?: Record<string, number>;
  opTableOffset?: number;
  nodesOffset?: number;
  dataOffset?: number;
  nodeCount?: number;
  /** Distinct entry nodes and how many operations use each. */
  entryNodes?: Record<string, number>;
  terminals?: number;
  items?: Array<{ offset: number; length: number; kind: string }>;
  warnings?: string[];
}

export interface BlobLayout {
  name: string;
  length: number;
  sha256: string;
  preamble: { hex: string; u16: number[] };
  heuristic: HeuristicReading;
  strides: StrideStats[];
  printableRuns: PrintableRun[];
  corrected: CorrectedReading[];
}

export interface LayoutSummary {
  tool: string;
  blobs: BlobLayout[];
}

const u16 = (b: Uint8Array, at: number) => (at + 1 < b.length ? b[at] | (b[at + 1] << 8) : 0);

export function printableRuns(b: Uint8Array, start = 0, end = b.length, minLength = 4): PrintableRun[] {
  const out: PrintableRun[] = [];
  let runStart = -1;
  const flush = (i: number) => {
    if (runStart >= 0 && i - runStart >= minLength) out.push({ offset: runStart, text: String.fromCharCode(...b.subarray(runStart, i)) });
    runStart = -1;
  };
  for (let i = start; i < end; i++) {
    const c = b[i];
    const printable = (c >= 0x20 && c < 0x7f) || c === 0x0a;
    if (printable) {
      if (runStart < 0) runStart = i;
    } else flush(i);
  }
  flush(end);
  return out;
}

function heuristic(b: Uint8Array): HeuristicReading {
  const w0 = u16(b, 0);
  const legacy = w0 * 8 < b.length && w0 * 8 > 4 && (w0 * 8 - 4) % 2 === 0 && w0 !== 0;
  const opCountWord = u16(b, 2);
  const opStart = 16;
  const count = Math.max(0, Math.min(opCountWord, Math.floor((b.length - opStart) / 2)));
  const entries: number[] = [];
  for (let i = 0; i < count; i++) entries.push(u16(b, opStart + 2 * i));
  const nodesStart = Math.min(b.length, opStart + 2 * count);
  const maxEntry = entries.length ? Math.max(...entries) : 0;
  const searchFrom = Math.min(b.length, nodesStart + (maxEntry + 1) * 8);
  const runs = printableRuns(b, searchFrom);
  const literalStart = runs.length ? runs[0].offset : b.length;
  return {
    variant: legacy ? 'legacy-decision-tree' : 'modern-heuristic',
    opCountWord,
    opTable: { offset: opStart, count, entries },
    nodesStart,
    literalStart,
    sections: { opTable: 2 * count, nodes: Math.max(0, literalStart - nodesStart), literals: b.length - literalStart },
  };
}

function strideStats(b: Uint8Array, start: number, end: number, stride: number): StrideStats {
  const len = Math.max(0, end - start);
  const records = Math.floor(len / stride);
  const tags: Record<string, number> = {};
  let inBounds = 0;
  for (let r = 0; r < records; r++) {
    const at = start + r * stride;
    tags[b[at]] = (tags[b[at]] ?? 0) + 1;
    for (const k of [2, 4]) if (u16(b, at + k) < records) inBounds++;
  }
  const tailRecords: string[] = [];
  for (let r = Math.max(0, records - 3); r < records; r++) tailRecords.push(toHex(b.subarray(start + r * stride, start + (r + 1) * stride)));
  return { stride, records, remainder: len % stride, tags, edgesInBounds: inBounds, edgesTotal: 2 * records, tailRecords, tailBytes: toHex(b.subarray(start + records * stride, end)) };
}

function corrected(b: Uint8Array, vocab: Vocab): CorrectedReading {
  try {
    const d = decodeSonoma14(b, vocab, { strictOpCount: true });
    const entryNodes: Record<string, number> = {};
    for (const e of d.graph.entries) entryNodes[e] = (entryNodes[e] ?? 0) + 1;
    return {
      format: SONOMA14,
      ok: true,
      header: { ...d.raw.header },
      opTableOffset: d.raw.opTableOffset,
      nodesOffset: d.raw.nodesOffset,
      dataOffset: d.raw.dataOffset,
      nodeCount: d.graph.nodes.length,
      entryNodes,
      terminals: d.graph.nodes.filter((x) => x.kind === 'terminal').length,
      items: d.raw.items.map((i) => ({ offset: i.offset, length: i.length, kind: i.kind })),
      warnings: d.warnings,
    };
  } catch (e) {
    if (e instanceof DecodeError) return { format: SONOMA14, ok: false, error: e.message, errorOffset: e.offset };
    throw e;
  }
}

export function analyzeLayout(name: string, b: Uint8Array, vocab: Vocab): BlobLayout {
  const h = heuristic(b);
  return {
    name,
    length: b.length,
    sha256: sha256Hex(b),
    preamble: { hex: toHex(b.subarray(0, 16)), u16: Array.from({ length: Math.min(8, Math.floor(b.length / 2)) }, (_, i) => u16(b, 2 * i)) },
    heuristic: h,
    strides: [8, 12, 16].map((s) => strideStats(b, h.nodesStart, h.literalStart, s)),
    printableRuns: printableRuns(b),
    corrected: [corrected(b, vocab)],
  };
}

export function analyzeLayouts(blobs: Array<{ name: string; bytes: Uint8Array }>, vocab: Vocab, tool = 'sbpl layout'): LayoutSummary {
  return { tool, blobs: blobs.map((x) => analyzeLayout(x.name, x.bytes, vocab)) };
}
