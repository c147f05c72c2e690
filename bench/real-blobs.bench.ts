// Real Apple blobs (../shared/data/real-blobs, read in place): decode time of each, the 715 KB iOS 26 collection
// against its budget (< 200 ms), and the linear decompile of the platform profiles. Skipped without ../shared.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './run.js';
import { decodeAnyBlob } from '../dist/format/formats.js';
import { decompileGraphBlocks } from '../dist/graph/decompile-blocks.js';
import { decodeRegex } from '../dist/format/sonoma14/regex.js';
import { getVocab } from '../dist/vocab/index.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data', 'real-blobs');
const BLOBS = ['ios26beta-collection.bin', 'ios17-protobox.bin', 'ios26beta-platform.bin', 'ios17-platform.bin', 'macos15-platform.bin'];

export default async function (ctx: BenchContext): Promise<void> {
  if (!existsSync(join(dir, BLOBS[0]))) {
    console.log('note: ../shared/data/real-blobs not found; real-blob benchmarks are skipped');
    return;
  }
  for (const f of BLOBS) {
    const bytes = new Uint8Array(readFileSync(join(dir, f)));
    const r = ctx.time(() => decodeAnyBlob(bytes), 1500);
    const ms = (1000 * r.seconds) / r.iterations;
    const budget = f === 'ios26beta-collection.bin' ? ` (budget 200 ms: ${ms < 200 ? 'met' : 'MISSED'})` : '';
    ctx.report(`decode ${f} (${(bytes.length / 1024).toFixed(0)} KB)${budget}`, ms, 'ms');
  }
  // regex reconstruction (state elimination + printing), the part of decode src/regex/eliminate.ts does
  {
    const bytes = new Uint8Array(readFileSync(join(dir, BLOBS[0])));
    const d = decodeAnyBlob(bytes);
    const payloads = d.tables.regexOffsets.map((u: number) => {
      const at = d.dataOffset + 8 * u;
      return bytes.subarray(at + 2, at + 2 + (bytes[at] | (bytes[at + 1] << 8)));
    });
    const r = ctx.time(() => payloads.forEach((p: Uint8Array) => decodeRegex(p)), 1500);
    ctx.report(`regex text of the collection's ${payloads.length} regexes`, (1000 * r.seconds) / r.iterations, 'ms');
  }
  for (const f of ['ios26beta-platform.bin', 'macos15-platform.bin']) {
    const d = decodeAnyBlob(new Uint8Array(readFileSync(join(dir, f))));
    const vocab = getVocab(d.vocabulary);
    const r = ctx.time(() => decompileGraphBlocks(d.profiles[0].graph, vocab), 1500);
    ctx.report(`decompile (linear) ${f}`, (1000 * r.seconds) / r.iterations, 'ms');
  }
}
