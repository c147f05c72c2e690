// One registry of the compiled-profile formats we read, detection from the header, and decodeAnyBlob: bytes of
// any of them -> named profiles, each a PolicyGraph (the model src/graph/ evaluates and decompiles).

import type { PolicyGraph } from '../graph/model.js';
import { findCycle } from '../graph/model.js';
import { getVocab, type Vocab } from '../vocab/all.js';
import { DecodeError, decodeNodeRegion, itemSpan, rawNodesOf, variableNames, type RawItem, type RawNode } from './sonoma14/decode.js';
import type { NameTable } from './sonoma14/indexed-args.js';
import type { MessageFilterTable, MessageFilterUse } from './sonoma14/actions.js';
import { BUNDLE_TYPE, FormatDecodeError, readHeader, readTables, type BlobHeader, type HeaderShape, type Tables } from './apple/header.js';
import { readProfileRecords, type ProfileRecord } from './apple/bundle/records.js';
import { byteCoverage } from './apple/coverage.js';

export interface FormatDescriptor {
  id: string;
  title: string;
  header: HeaderShape;
  /** Op-table entries per profile (header byte 4). */
  opCount: number;
  /** Bytes before the op entries of a collection's profile record. */
  recordHead: number;
  /** Vocabulary id used for names unless one is given. */
  vocabulary: string;
  /** Filters whose argument indexes a header table of names (h16: state-flag, profile-flag; indexed-args.ts). */
  indexedArguments?: Readonly<Record<string, 'states' | 'profileFlags'>>;
  /** Modifier id of a message-filter action (actions.ts), when known for the format. */
  messageFilterModifier?: number;
  /** How network arguments are stored (network-unit.ts); default: length-prefixed items. */
  networkLayout?: 'unit' | 'item';
}

// [W: the iOS 26 collection, every state-flag / profile-flag node] the two tables' only readers; the same header
// on macOS 15 (whose one blob has neither filter) is read the same way
const H16_INDEXED = { 'state-flag': 'states', 'profile-flag': 'profileFlags' } as const;

/**
 * [X] The message operations after the op table, in Sonoma 14.4.1's order (its ids 190..195 outside the op table,
 * karmaz95's list); iOS 26's actions name 196..199 with the filters these take (actions.ts).
 */
function messageOperations(): string[] {
  return getVocab('sonoma-14.4.1').operations.filter((o) => o.notInOpTable).map((o) => o.name);
}

/** Every format, in detection order (the first whose header fits wins; `--format` forces one). */
export const BLOB_FORMATS: readonly FormatDescriptor[] = [
  { id: 'sonoma14', title: 'macOS 14 (libsandbox 14.4.1); iOS 17 uses the same layout', header: 'h14', opCount: 190, recordHead: 4, vocabulary: 'sonoma-14.4.1' },
  { id: 'ios17', title: 'iOS 17 (layout of Sonoma 14; collections such as protobox)', header: 'h14', opCount: 190, recordHead: 4, vocabulary: 'ios-17' },
  // message-filter modifier: 19 in macOS 15.2's modifier table (0x3c3e/sandblaster modifiers.json); 21 in every
  // message-filter action of the iOS 26 collection
  { id: 'macos15', title: 'macOS 15 (16-byte header, 192 operations)', header: 'h16', opCount: 192, recordHead: 8, vocabulary: 'macos-15', indexedArguments: H16_INDEXED, messageFilterModifier: 19 },
  { id: 'ios26', title: 'iOS 26 beta (16-byte header, 195 operations)', header: 'h16', opCount: 195, recordHead: 8, vocabulary: 'ios-26', indexedArguments: H16_INDEXED, messageFilterModifier: 21, networkLayout: 'unit' },
];

export function formatById(id: string): FormatDescriptor {
  const f = BLOB_FORMATS.find((x) => x.id === id);
  if (!f) throw new FormatDecodeError(`unknown format '${id}' (known: ${BLOB_FORMATS.map((x) => x.id).join(', ')})`, 0, 'a known format name');
  return f;
}

/** The format whose header the bytes fit: op-table size first, then the tables must fit inside the blob. */
export function detectFormat(bytes: Uint8Array): FormatDescriptor {
  if (bytes.length < 16) throw new FormatDecodeError(`the blob is ${bytes.length} bytes, shorter than any header`, bytes.length, 'a 14- or 16-byte header');
  const opCount = bytes[4];
  const candidates = BLOB_FORMATS.filter((f) => f.opCount === opCount);
  const bundle = (bytes[0] | (bytes[1] << 8)) === BUNDLE_TYPE;
  // Sonoma 14 and iOS 17 share a layout: a collection is iOS 17's (no macOS 14 collection is known)
  const ordered = bundle ? [...candidates].sort((a, b) => Number(b.id === 'ios17') - Number(a.id === 'ios17')) : candidates;
  let failed: FormatDecodeError | undefined;
  for (const f of ordered) {
    try {
      readTables(bytes, readHeader(bytes, f.header));
      return f;
    } catch (e) {
      if (!(e instanceof FormatDecodeError)) throw e;
      failed ??= e;
    }
  }
  // the op count is a known format's, its tables are not there (a truncated blob): say where they stop
  if (failed !== undefined) throw failed;
  throw new FormatDecodeError(`op-table size ${opCount} is none of the known formats'`, 4, `an op-table size of ${[...new Set(BLOB_FORMATS.map((f) => f.opCount))].join(', ')}`);
}

export interface DecodedProfile {
  name: string;
  graph: PolicyGraph;
  /** Byte offset of its op table (or record). */
  offset: number;
}

export interface DecodedBlob {
  format: FormatDescriptor;
  vocabulary: string;
  length: number;
  header: BlobHeader;
  tables: Tables;
  nodesOffset: number;
  dataOffset: number;
  profiles: DecodedProfile[];
  records?: ProfileRecord[];
  /** Message-filter actions: which terminal applies which nested rules, on which message operation. */
  messageFilters: MessageFilterUse[];
  nodes: RawNode[];
  items: RawItem[];
  /** Fraction of the bytes attributed to a known structure, and the spans that are not. */
  coverage: { known: number; fraction: number; unknown: Array<[number, number]> };
  warnings: string[];
}

export interface DecodeAnyOptions {
  /** Force a format id (BLOB_FORMATS). */
  format?: string;
  /** Keep only the profile of this name. */
  profile?: string;
  /** Vocabulary for names (default: the format's). */
  vocab?: Vocab;
}

/** Decode any blob we know. Throws FormatDecodeError (offset, what was expected) when the bytes do not fit. */
export function decodeAnyBlob(bytes: Uint8Array, options: DecodeAnyOptions = {}): DecodedBlob {
  const format = options.format ? formatById(options.format) : detectFormat(bytes);
  const vocab = options.vocab ?? getVocab(format.vocabulary);
  const header = readHeader(bytes, format.header);
  if (header.opCount !== format.opCount) throw new FormatDecodeError(`op-table size ${header.opCount} is not ${format.id}'s`, 4, `${format.opCount}`);
  const tables = readTables(bytes, header);
  const warnings: string[] = [];
  const bundle = (header.profileType & BUNDLE_TYPE) !== 0;
  if (tables.extraA.length) warnings.push(`header byte 7: the rule-set name table at byte ${tables.offsets.extraA} (${tables.extraA.length} names); what refers to it is not known`);
  const tableEnd = bundle ? tables.end + header.profileCount * (format.recordHead + 2 * header.opCount) : tables.end + 2 * header.opCount;
  if (tableEnd > bytes.length) throw new FormatDecodeError(`${bundle ? `${header.profileCount} profile records` : 'the op table'} run past the end of the blob`, tables.end, `${tableEnd - tables.end} bytes`);
  const nodesOffset = Math.ceil(tableEnd / 8) * 8;
  const dataOffset = nodesOffset + 8 * header.nodeCount;
  if (dataOffset > bytes.length) throw new FormatDecodeError(`${header.nodeCount} nodes run past the end of the blob`, nodesOffset, `${8 * header.nodeCount} bytes of nodes`);
  tables.extraB.forEach((e, i) => {
    if (e >= header.nodeCount) throw new FormatDecodeError(`message filter ${i} starts at node ${e}, but there are ${header.nodeCount} nodes`, tables.offsets.extraB + 2 * i, 'a node index');
  });
  let region;
  try {
    const variables = variableNames(bytes, dataOffset, tables.vars);
    const nodeRegion = { nodesOffset, nodeCount: header.nodeCount, dataOffset, regexOffsets: tables.regexOffsets, regexTableOffset: tables.regexTableOffset, variables, rawNodes: false, networkLayout: format.networkLayout, ...formatTables(format, tables) };
    region = decodeNodeRegion(bytes, vocab, nodeRegion, warnings);
  } catch (e) {
    if (e instanceof DecodeError) throw new FormatDecodeError(e.message.replace(/ \(at byte \d+, 0x[0-9a-f]+\)$/, ''), e.offset, `a ${format.id} node or data item`);
    throw e;
  }
  const graphOf = (entries: number[], at: number): PolicyGraph => {
    entries.forEach((e, i) => {
      if (e >= header.nodeCount) throw new FormatDecodeError(`op-table entry ${i} names node ${e}, but there are ${header.nodeCount} nodes`, at + 2 * i, 'a node index');
    });
    return { os: vocab.id, profileType: header.profileType, entries, nodes: region.nodes, policies: tables.entitlements, notes: warnings };
  };
  let profiles: DecodedProfile[];
  let records: ProfileRecord[] | undefined;
  if (bundle) {
    records = readProfileRecords(bytes, tables.end, header.profileCount, format.recordHead, header.opCount, dataOffset, warnings);
    profiles = records.map((r) => ({ name: r.name, offset: r.offset, graph: graphOf(r.entries, r.offset + format.recordHead) }));
  } else {
    const entries: number[] = [];
    for (let i = 0; i < header.opCount; i++) entries.push(bytes[tables.end + 2 * i] | (bytes[tables.end + 2 * i + 1] << 8));
    profiles = [{ name: 'profile', offset: tables.end, graph: graphOf(entries, tables.end) }];
  }
  if (!profiles.length) throw new FormatDecodeError('the collection holds no profile', format.header === 'h16' ? 10 : 8, 'a profile count of at least 1');
  const cyc = findCycle(profiles[0].graph);
  if (cyc !== null) throw new FormatDecodeError(`node ${cyc} lies on a cycle`, nodesOffset + 8 * cyc, 'an acyclic graph');
  if (options.profile !== undefined) {
    const hit = profiles.filter((p) => p.name === options.profile);
    if (!hit.length) throw new FormatDecodeError(`no profile named '${options.profile}' (the blob has ${profiles.length}: ${profiles.slice(0, 8).map((p) => p.name).join(', ')}${profiles.length > 8 ? ', ...' : ''})`, tables.end, 'a profile name of the collection');
    profiles = hit;
  }
  const named: Array<[number, number]> = records?.flatMap((r) => [r.nameItem, r.bitSet]).filter((x): x is [number, number] => x !== undefined) ?? [];
  // names of the pattern variables, states, profile flags and rule sets: data items (u16 length + text), like
  // profile names
  for (const units of [tables.vars, tables.states, header.size === 16 ? tables.entitlements : [], tables.extraA]) {
    for (const unit of units) {
      const span = itemSpan(bytes, dataOffset, unit);
      if (span !== null) named.push(span);
    }
  }
  const coverage = byteCoverage(bytes, [[0, tableEnd], [nodesOffset, dataOffset], ...region.actionLists, ...region.valueSets], region.items, named);
  // raw node records (hex and fields) are made when read: most callers want the graphs, and a collection has 40k
  let raw: RawNode[] | undefined;
  return {
    format, vocabulary: vocab.id, length: bytes.length, header, tables, nodesOffset, dataOffset, profiles, records, messageFilters: region.messageFilterUses,
    get nodes() {
      return (raw ??= rawNodesOf(bytes, nodesOffset, header.nodeCount));
    },
    items: region.items, coverage, warnings,
  };
}

/** The header tables the node region reads through: indexed arguments' name tables and the message filters. */
function formatTables(format: FormatDescriptor, tables: Tables): { indexedArguments?: Map<string, NameTable>; messageFilters?: MessageFilterTable } {
  const named: Record<'states' | 'profileFlags', NameTable> = {
    states: { what: 'state table', units: tables.states, offset: tables.offsets.states },
    profileFlags: { what: 'profile-flag table', units: tables.entitlements, offset: tables.offsets.entitlements },
  };
  const indexedArguments = format.indexedArguments ? new Map(Object.entries(format.indexedArguments).map(([filter, t]) => [filter, named[t]])) : undefined;
  const messageFilters = format.messageFilterModifier === undefined ? undefined : { modifierId: format.messageFilterModifier, entries: tables.extraB, offset: tables.offsets.extraB, firstOperation: format.opCount, operations: messageOperations() };
  return { indexedArguments, messageFilters };
}
