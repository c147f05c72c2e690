// sbpl decode / decompile for every blob format we read (src/format/formats.ts): collections list their
// profiles, decompile writes one NAME.sb per profile. Plain Sonoma 14 blobs keep the detailed listing of
// graph-commands.ts.

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeAnyBlob, detectFormat, BLOB_FORMATS, type DecodedBlob } from '../format/formats.js';
import { FormatDecodeError } from '../format/apple/header.js';
import { BUNDLE_TYPE } from '../format/apple/header.js';
import { DecompileError } from '../graph/decompile.js';
import { decompileGraphBlocks } from '../graph/decompile-blocks.js';
import { decompileGraphLinear } from '../graph/decompile-linear.js';
import { sha256Hex } from '../format/sha256.js';
import { getVocab, hasVocabulary, listVocabularies, normalizeOsId, type Vocab } from '../vocab/all.js';
import { CommandFailure, readBinaryFile, UsageError, writeJson, writeOutputFile } from './common.js';

export interface BlobCliOptions {
  os?: string;
  format?: string;
  profile?: string;
  json?: boolean;
  output?: string;
}

/** True when the blob should take the generic path: a forced format or profile, or not a plain Sonoma 14 profile. */
export function wantsGenericDecode(bytes: Uint8Array, opts: BlobCliOptions): boolean {
  if (opts.format !== undefined || opts.profile !== undefined) return true;
  if (opts.output !== undefined && (opts.output.endsWith('/') || (existsSync(opts.output) && statSync(opts.output).isDirectory()))) return true;
  try {
    const f = detectFormat(bytes);
    return f.id !== 'sonoma14' || ((bytes[0] | (bytes[1] << 8)) & BUNDLE_TYPE) !== 0;
  } catch {
    // a Sonoma 14 op count: the Sonoma decoder names what is wrong; another known format's: its own reading does
    return !BLOB_FORMATS.some((f) => f.id === 'sonoma14' && f.opCount === bytes[4]) && BLOB_FORMATS.some((f) => f.opCount === bytes[4]);
  }
}

function vocabOption(os: string | undefined): Vocab | undefined {
  if (os === undefined) return undefined;
  if (!hasVocabulary(normalizeOsId(os)) || normalizeOsId(os) === 'any') throw new UsageError(`unknown --os '${os}' for decoding (known: ${listVocabularies().filter((v) => v !== 'any').join(', ')})`);
  return getVocab(os);
}

export function decodeGeneric(file: string, opts: BlobCliOptions, bytes = readBinaryFile(file, 'blob')): DecodedBlob {
  if (opts.format !== undefined && !BLOB_FORMATS.some((f) => f.id === opts.format)) throw new UsageError(`unknown --format '${opts.format}' (known: ${BLOB_FORMATS.map((f) => f.id).join(', ')})`);
  try {
    return decodeAnyBlob(bytes, { format: opts.format, profile: opts.profile, vocab: vocabOption(opts.os) });
  } catch (e) {
    if (e instanceof FormatDecodeError) throw new CommandFailure(`${file}: ${e.message}`);
    throw e;
  }
}

export function printGenericDecode(file: string, opts: BlobCliOptions, bytes: Uint8Array): void {
  const d = decodeGeneric(file, opts, bytes);
  const vocab = getVocab(d.vocabulary);
  const opName = (i: number) => vocab.operationById(i)?.name ?? `op#${i}`;
  const h = d.header;
  if (opts.json) {
    writeJson({
      file,
      format: d.format.id,
      vocabulary: d.vocabulary,
      length: d.length,
      sha256: sha256Hex(bytes),
      header: h,
      // the 16-byte header's word 8 table holds profile flags, the 14-byte header's entitlement words (docs/formats.md)
      tables: h.size === 16
        ? { regexTable: d.tables.regexOffsets, patternVariables: d.tables.vars, states: d.tables.states, profileFlags: d.tables.entitlements, ruleSetNames: d.tables.extraA, messageFilters: d.tables.extraB }
        : { regexTable: d.tables.regexOffsets, patternVariables: d.tables.vars, states: d.tables.states, entitlements: d.tables.entitlements },
      messageFilterUses: d.messageFilters,
      nodesOffset: d.nodesOffset,
      dataOffset: d.dataOffset,
      profiles: d.profiles.map((p) => ({ name: p.name, offset: p.offset, opTable: p.graph.entries.map((node, i) => ({ operation: opName(i), node })) })),
      nodes: d.nodes,
      items: d.items,
      coverage: { knownBytes: d.coverage.known, fraction: d.coverage.fraction, unknownSpans: d.coverage.unknown },
      warnings: d.warnings,
    });
    return;
  }
  const out: string[] = [];
  out.push(`${file}: ${d.length} bytes, format ${d.format.id} (${d.format.title}), vocabulary ${d.vocabulary}`);
  out.push(`header: type 0x${h.profileType.toString(16)}, ${h.nodeCount} nodes, ${h.opCount} operations, ${h.regexCount} regexes, ${h.varCount} pattern variables, ${h.stateCount} states, ${h.size === 16 ? `${h.entitlementCount} profile flags, ${h.byte7} rule-set names, ${h.word14} message filters` : `${h.entitlementCount} entitlement words`}, ${h.profileCount} profiles`);
  out.push(`nodes at ${d.nodesOffset}, data at ${d.dataOffset}; ${d.items.length} data items`);
  out.push(`coverage: ${d.coverage.known} of ${d.length} bytes (${(100 * d.coverage.fraction).toFixed(3)}%) attributed to a known structure; ${d.coverage.unknown.length} unknown spans${d.coverage.unknown.length ? ', first at byte ' + d.coverage.unknown[0][0] : ''}`);
  out.push('', `profiles (${d.profiles.length}):`);
  for (const p of d.profiles) {
    const ruled = p.graph.entries.filter((e) => e !== p.graph.entries[0]).length;
    out.push(`  ${p.name}  (record at byte ${p.offset}; default enters node ${p.graph.entries[0]}; ${ruled} operations enter other nodes)`);
  }
  if (d.warnings.length) {
    out.push('', `${d.warnings.length} warnings (what was not understood, with byte offsets; --json lists all):`);
    for (const w of d.warnings.slice(0, 20)) out.push(`  ${w}`);
    if (d.warnings.length > 20) out.push(`  ... ${d.warnings.length - 20} more`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** A file name for a profile name (collections name profiles by path or identifier). */
export function profileFileName(name: string): string {
  let s = name.replace(/^\/+/, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  // file systems take 255 bytes a name (protobox names are long bundle paths): keep both ends and a hash
  if (s.length > MAX_NAME) s = `${s.slice(0, 100)}~${sha256Hex(new TextEncoder().encode(name)).slice(0, 12)}~${s.slice(-(MAX_NAME - 114))}`;
  return `${s || 'profile'}.sb`;
}
const MAX_NAME = 200;

export function decompileGeneric(file: string, opts: BlobCliOptions, bytes: Uint8Array): void {
  const d = decodeGeneric(file, opts, bytes);
  const vocab = getVocab(d.vocabulary);
  const text = (name: string, graph: DecodedBlob['profiles'][number]['graph']): string => {
    const header = [
      `decompiled from ${basename(file)} (${d.format.id}, ${d.length} bytes, sha256 ${sha256Hex(bytes)}), profile ${name}, vocabulary ${d.vocabulary}`,
      'op#N: an op-table slot whose operation name is not known; unknown-filter-0xFF: a test that was not understood (see sbpl decode)',
      `${d.warnings.length} decode warnings (sbpl decode --json lists them)`,
    ];
    try {
      return decompileGraphBlocks(graph, vocab, { header });
    } catch (e) {
      if (!(e instanceof DecompileError)) throw e;
      // the graph is not a rule list we can undo: the shared-condition form (exact, but its defines expand
      // beyond what the reader accepts for platform-sized graphs)
      process.stderr.write(`${file}: profile ${name}: ${e.message}; writing shared conditions instead (sbpl check will reject it: too deep once expanded)\n`);
      try {
        return decompileGraphLinear(graph, vocab, { header: [...header, `shared-condition form: ${e.message}`] });
      } catch (e2) {
        if (e2 instanceof DecompileError) throw new CommandFailure(`${file}: profile ${name}: ${e2.message}`);
        throw e2;
      }
    }
  };
  const single = d.profiles.length === 1;
  const isDir = opts.output !== undefined && (opts.output.endsWith('/') || (existsSync(opts.output) && statSync(opts.output).isDirectory()));
  if (single && !isDir) {
    const t = text(d.profiles[0].name, d.profiles[0].graph);
    if (opts.output) writeOutputFile(opts.output, t);
    else process.stdout.write(t);
    return;
  }
  if (opts.output === undefined) throw new UsageError(`${file} holds ${d.profiles.length} profiles: give -o DIR (one NAME.sb each) or --profile NAME`);
  mkdirSync(opts.output, { recursive: true });
  const names = new Set<string>();
  for (const p of d.profiles) {
    let fname = single ? profileFileName(basename(file).replace(/\.bin$|\.sb\.bin$/, '')) : profileFileName(p.name);
    for (let k = 2; names.has(fname); k++) fname = fname.replace(/(#\d+)?\.sb$/, `#${k}.sb`);
    names.add(fname);
    writeOutputFile(join(opts.output, fname), text(p.name, p.graph));
  }
  process.stderr.write(`${file}: wrote ${d.profiles.length} profile(s) to ${opts.output}\n`);
}
