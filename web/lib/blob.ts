// The playground's blob panel: a dropped compiled profile read through the format entry point
// (src/format decodeBlob), so every format the package learns to decode is shown here too.

import { decodeBlob, DecodeError, decompileGraph, DecompileError, sha256Hex, type PolicyGraph, type Vocab } from './core.js';

export interface BlobReading {
  ok: boolean;
  /** Summary lines (format, size, graph shape) or the error. */
  lines: string[];
  warnings: string[];
  graph?: PolicyGraph;
  /** SBPL that decides as the blob does, or why it could not be written. */
  sbpl?: string;
}

export function readBlob(name: string, bytes: Uint8Array, vocab: Vocab): BlobReading {
  let decoded;
  try {
    decoded = decodeBlob(bytes, vocab);
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, lines: [`${name}: not a blob this version can decode: ${e.message}`], warnings: [] };
    throw e;
  }
  const g = decoded.graph;
  const tests = g.nodes.filter((n) => n.kind === 'test').length;
  const lines = [
    `${name}: ${bytes.length} bytes, format ${decoded.format}, sha256 ${sha256Hex(bytes)}`,
    `graph: ${g.nodes.length} nodes (${tests} filter tests, ${g.nodes.length - tests} decisions), ${g.entries.length} op-table entries, ${new Set(g.entries).size} distinct entry nodes`,
    ...g.notes.map((n) => `note: ${n}`),
  ];
  let sbpl: string;
  try {
    sbpl = decompileGraph(g, vocab, { header: [`decompiled from ${name} (${decoded.format}, ${bytes.length} bytes)`] });
  } catch (e) {
    if (!(e instanceof DecompileError)) throw e;
    sbpl = `; not decompiled: ${e.message}\n`;
  }
  return { ok: true, lines, warnings: decoded.warnings, graph: g, sbpl };
}
