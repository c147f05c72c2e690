// Sonoma 14 blob bytes -> PolicyGraph, for our blobs and Apple's. Every read is bounds-checked: a truncated,
// cyclic or lying blob gives a DecodeError naming the byte offset; contents we cannot interpret (an unknown
// filter, program or regex opcode) become opaque tests with a warning that also names the offset.

import { StageError } from '../../diagnostics/diagnostic.js';
import type { FilterInfo, Vocab } from '../../vocab/index.js';
import { entitlementValueOf, type Modifier } from '../../sbpl/profile.js';
import { findCycle, type GraphNode, type NodeTest, type PolicyGraph, type Provenance } from '../../graph/model.js';
import type { SourceSpan } from '../../diagnostics/diagnostic.js';
import {
  DATA_UNIT,
  FILTER_BYTE_OFFSET,
  HEADER,
  INLINE_MODIFIERS,
  ITEM_LENGTH_BYTES,
  MODIFIER_FLAGS,
  NODE_ALIGN,
  NODE_KIND_TERMINAL,
  NODE_KIND_TEST,
  NODE_SIZE,
  OP_TABLE_SIZE,
  REGEX_FILTER_FLAG,
  TERMINAL,
} from './descriptor.js';
import { ArgumentError, decodeArgument, newArgumentMemo, type ArgumentSource } from './args.js';
import { ProgramError, decodeStringProgram } from './strings.js';
import { RegexCodeError } from './regex.js';
import { toHex } from '../writer.js';
import { plainText, textArgumentTest } from './plain-text.js';
import { indexedNameTest, type NameTable } from './indexed-args.js';
import { valueSetTest } from './value-sets.js';
import { networkUnitTest } from './network-unit.js';
import { messageFilterAction, readActionList, type InlineAction, type MessageFilterTable, type MessageFilterUse } from './actions.js';

export class DecodeError extends StageError {
  constructor(
    message: string,
    /** Byte offset in the blob where the problem is. */
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset}, 0x${offset.toString(16)})`, 'format/decode', 'input', { byteOffset: offset });
    this.name = 'DecodeError';
  }
}

export interface RawHeader {
  profileType: number;
  nodeCount: number;
  opCount: number;
  varCount: number;
  stateCount: number;
  pad: number;
  profileCount: number;
  regexCount: number;
  policyCount: number;
}

export interface RawNode {
  index: number;
  offset: number;
  hex: string;
  kind: 'test' | 'terminal';
  /** test: filter byte, argument, edges */
  filterByte?: number;
  argument?: number;
  match?: number;
  unmatch?: number;
  /** terminal: 24-bit flags and the inline bytes */
  flags?: number;
  inline?: number[];
}

export interface RawItem {
  /** Absolute offset of the length word. */
  offset: number;
  length: number;
  hex: string;
  /** Nodes that reference it. */
  nodes: number[];
  kind: 'string' | 'regex' | 'other';
}

export interface RawSonoma14 {
  length: number;
  header: RawHeader;
  regexOffsets: number[];
  policies: number[];
  opTable: number[];
  opTableOffset: number;
  nodesOffset: number;
  dataOffset: number;
  nodes: RawNode[];
  items: RawItem[];
}

export interface DecodeResult {
  graph: PolicyGraph;
  raw: RawSonoma14;
  warnings: string[];
}

export class Reader {
  constructor(readonly b: Uint8Array) {}
  need(at: number, n: number, what: string): void {
    if (at < 0 || at + n > this.b.length) {
      throw new DecodeError(`${what} needs ${n} byte(s) at ${at} but the blob is ${this.b.length} bytes long`, Math.min(Math.max(at, 0), this.b.length));
    }
  }
  u8(at: number, what: string): number {
    this.need(at, 1, what);
    return this.b[at];
  }
  u16(at: number, what: string): number {
    this.need(at, 2, what);
    return this.b[at] | (this.b[at + 1] << 8);
  }
}

export interface DecodeOptions {
  /** Require the op-table size byte to be 190 (default false: other sizes decode with a warning). */
  strictOpCount?: boolean;
}

export function decodeSonoma14(bytes: Uint8Array, vocab: Vocab, options: DecodeOptions = {}): DecodeResult {
  const r = new Reader(bytes);
  const warnings: string[] = [];
  const header: RawHeader = {
    profileType: r.u16(HEADER.profileType, 'header profile type'),
    nodeCount: r.u16(HEADER.nodeCount, 'header node count'),
    opCount: r.u8(HEADER.opCount, 'header op-table size'),
    varCount: r.u8(HEADER.varCount, 'header variable count'),
    stateCount: r.u8(HEADER.states, 'header state count'),
    pad: r.u8(HEADER.pad, 'header padding'),
    profileCount: r.u16(HEADER.profileCount, 'header profile count'),
    regexCount: r.u16(HEADER.regexCount, 'header regex count'),
    policyCount: r.u16(HEADER.policyCount, 'header policy count'),
  };
  if (header.profileCount !== 0) throw new DecodeError(`header says ${header.profileCount} profiles: bundles are not supported`, HEADER.profileCount);
  if (header.opCount !== OP_TABLE_SIZE) {
    if (options.strictOpCount) throw new DecodeError(`op-table size ${header.opCount}, expected ${OP_TABLE_SIZE}`, HEADER.opCount);
    warnings.push(`op-table size is ${header.opCount}, not ${OP_TABLE_SIZE}: probably not a Sonoma 14 profile`);
  }
  if (header.nodeCount === 0 && header.opCount > 0) throw new DecodeError('header says 0 nodes but the op table needs entry nodes', HEADER.nodeCount);
  let at = HEADER.size;
  const table = (count: number, what: string): number[] => {
    r.need(at, 2 * count, what);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(r.u16(at + 2 * i, what));
    at += 2 * count;
    return out;
  };
  const regexOffsets = table(header.regexCount, 'regex offset table');
  const variableUnits = table(header.varCount, 'variable table');
  table(header.stateCount, 'state table');
  const policies = table(header.policyCount, 'policy table');
  const opTableOffset = at;
  const opTable = table(header.opCount, 'op table');
  const nodesOffset = Math.ceil(at / NODE_ALIGN) * NODE_ALIGN;
  const n = header.nodeCount;
  r.need(nodesOffset, NODE_SIZE * n, `node array (${n} nodes)`);
  const dataOffset = nodesOffset + NODE_SIZE * n;
  opTable.forEach((e, i) => {
    if (e >= n) throw new DecodeError(`op-table entry ${i} points at node ${e}, but there are ${n} nodes`, opTableOffset + 2 * i);
  });
  policies.forEach((p, i) => {
    if (p >= n) warnings.push(`policy word ${i} (${p}) at byte ${HEADER.size + 2 * (header.regexCount + header.varCount + header.stateCount + i)} is not a node index`);
  });

  const variables = variableNames(bytes, dataOffset, variableUnits);
  const { nodes, rawNodes, items } = decodeNodeRegion(bytes, vocab, { nodesOffset, nodeCount: n, dataOffset, regexOffsets, regexTableOffset: HEADER.size, variables }, warnings);
  const graph: PolicyGraph = { os: vocab.id, profileType: header.profileType, entries: opTable, nodes, policies, notes: warnings };
  const cyc = findCycle(graph);
  if (cyc !== null) throw new DecodeError(`node ${cyc} lies on a cycle: a policy graph must be acyclic`, nodesOffset + NODE_SIZE * cyc);
  const used = items;
  return {
    graph,
    warnings,
    raw: { length: bytes.length, header, regexOffsets, policies, opTable, opTableOffset, nodesOffset, dataOffset, nodes: rawNodes, items: used },
  };
}

/**
 * The names of the pattern-variable table: each entry names a data item of u16 length + text, NUL-terminated
 * in Apple's blobs (HOME, FRONT_USER_HOME; macOS 15: any_user_home). An entry past the blob has no name.
 */
export function variableNames(bytes: Uint8Array, dataOffset: number, units: readonly number[]): Array<string | undefined> {
  const text = new TextDecoder();
  return units.map((unit) => {
    const span = itemSpan(bytes, dataOffset, unit);
    return span === null ? undefined : text.decode(bytes.subarray(span[0] + ITEM_LENGTH_BYTES, span[1])).replace(/\0+$/, '');
  });
}

/** [start, end) of the data item (u16 length, then the payload) at data unit `unit`, or null when it runs past the blob. */
export function itemSpan(bytes: Uint8Array, dataOffset: number, unit: number): [number, number] | null {
  const at = dataOffset + DATA_UNIT * unit;
  if (at + ITEM_LENGTH_BYTES > bytes.length) return null;
  const end = at + ITEM_LENGTH_BYTES + (bytes[at] | (bytes[at + 1] << 8));
  return end <= bytes.length ? [at, end] : null;
}

/**
 * The provenance of every decoded node: no rule, no span. One frozen object for all (a collection has 40k nodes,
 * and three objects each were a tenth of its decode); nothing writes a decoded node's provenance, and a write
 * would throw rather than change every node.
 */
const DECODED: Provenance = Object.freeze({ ruleIds: Object.freeze([]) as unknown as number[], spans: Object.freeze([]) as unknown as SourceSpan[], origin: 'decoded' });

/** Where the node array, data region and regex table of a blob are (every Apple format shares the node encoding). */
export interface NodeRegion {
  nodesOffset: number;
  nodeCount: number;
  dataOffset: number;
  /** Regex-table entries (data units from dataOffset). */
  regexOffsets: number[];
  /** Byte offset of the regex table (for error offsets). */
  regexTableOffset: number;
  /** Pattern-variable names by index (the variable table's items), for string programs that refer to them. */
  variables?: ReadonlyArray<string | undefined>;
  /** Filters (by name) whose argument indexes a table of names instead of naming a data unit (indexed-args.ts). */
  indexedArguments?: ReadonlyMap<string, NameTable>;
  /** The format's message filters (actions.ts); absent: a message-filter action is not interpreted. */
  messageFilters?: MessageFilterTable;
  /** 'unit': network arguments are 8-byte data units (iOS 26, network-unit.ts); default: length-prefixed items. */
  networkLayout?: 'unit' | 'item';
  /** false: leave rawNodes empty (the caller builds them when asked, rawNodesOf). */
  rawNodes?: boolean;
}

/** The raw record of node `i` at byte `off` (hex and fields, for --json and listings). */
function rawNode(bytes: Uint8Array, i: number, off: number): RawNode {
  const rec = bytes.subarray(off, off + NODE_SIZE);
  const hex = toHex(rec);
  if (rec[0] === NODE_KIND_TEST) return { index: i, offset: off, hex, kind: 'test', filterByte: rec[1], argument: rec[2] | (rec[3] << 8), match: rec[4] | (rec[5] << 8), unmatch: rec[6] | (rec[7] << 8) };
  return { index: i, offset: off, hex, kind: 'terminal', flags: rec[1] | (rec[2] << 8) | (rec[3] << 16), inline: [rec[4], rec[5], rec[6] | (rec[7] << 8)] };
}

/** The raw records of `count` nodes from `nodesOffset` (already validated by decodeNodeRegion). */
export function rawNodesOf(bytes: Uint8Array, nodesOffset: number, count: number): RawNode[] {
  const out: RawNode[] = [];
  for (let i = 0; i < count; i++) out.push(rawNode(bytes, i, nodesOffset + NODE_SIZE * i));
  return out;
}

/** What decodeNodeRegion read. */
export interface NodeRegionResult {
  nodes: GraphNode[];
  rawNodes: RawNode[];
  items: RawItem[];
  /** Byte spans of action lists terminals name and of value sets (not length-prefixed items). */
  actionLists: Array<[number, number]>;
  valueSets: Array<[number, number]>;
  messageFilterUses: MessageFilterUse[];
}

/** Decode the 8-byte node records and the data items they name; warnings for what is not understood. */
export function decodeNodeRegion(bytes: Uint8Array, vocab: Vocab, region: NodeRegion, warnings: string[]): NodeRegionResult {
  // items and regexes, with absolute offsets in every error
  const r = new Reader(bytes);
  const { nodesOffset, nodeCount: n, dataOffset, regexOffsets } = region;
  const reader = new ItemReader(r, dataOffset, regexOffsets, region.regexTableOffset, region.variables);
  const items = reader.items;
  const memo = newArgumentMemo();
  // the text reading of an item, once per item (most items are named by many nodes)
  const texts = new Map<number, string | null>();
  const textOf = (unit: number): string | null => {
    let t = texts.get(unit);
    if (t === undefined) texts.set(unit, (t = plainText(reader.item(unit))));
    else reader.item(unit);
    return t;
  };
  const indexedByByte = indexedTables(vocab, region.indexedArguments);
  const terminals: TerminalContext = { bytes, dataOffset, src: reader, warnings, messageFilters: region.messageFilters, uses: [], actionLists: [] };
  const valueSets: Array<[number, number]> = [];

  const rawNodes: RawNode[] = [];
  const wantRaw = region.rawNodes !== false;
  const nodes: GraphNode[] = [];
  for (let i = 0; i < n; i++) {
    const off = nodesOffset + NODE_SIZE * i;
    const kind = bytes[off];
    if (kind === NODE_KIND_TEST) {
      const filterByte = bytes[off + 1];
      const arg = bytes[off + 2] | (bytes[off + 3] << 8);
      const match = bytes[off + 4] | (bytes[off + 5] << 8);
      const unmatch = bytes[off + 6] | (bytes[off + 7] << 8);
      if (match >= n) throw new DecodeError(`node ${i}: match edge ${match} is not a node (0..${n - 1})`, off + 4);
      if (unmatch >= n) throw new DecodeError(`node ${i}: unmatch edge ${unmatch} is not a node (0..${n - 1})`, off + 6);
      if (wantRaw) rawNodes.push(rawNode(bytes, i, off));
      let test: NodeTest;
      let warned = false;
      reader.at(i, off + 2, isStringFilter(vocab, filterByte) ? 'string' : 'other');
      const indexed = indexedByByte[filterByte];
      try {
        const netUnit = region.networkLayout === 'unit' && !(filterByte & REGEX_FILTER_FLAG) ? vocab.filterById(filterByte - FILTER_BYTE_OFFSET) : undefined;
        if (netUnit?.argKind === 'network') test = networkUnitTest(netUnit, netUnit.id, arg, bytes, dataOffset, valueSets);
        else if (indexed) test = indexedNameTest(indexed[0], indexed[0].id, filterByte, arg, indexed[1], dataOffset, (u) => reader.item(u));
        else
        // plain text first: a string program always holds non-printable opcodes, so no program is mistaken for text
        test = valueSetTest(filterByte, arg, vocab, (u) => reader.item(u), bytes, dataOffset, valueSets) ?? (filterByte & REGEX_FILTER_FLAG ? null : plainTextTest((filterByte & ~REGEX_FILTER_FLAG) - 1, arg, vocab, textOf)) ?? decodeArgument(filterByte, arg, vocab, reader, memo);
      } catch (e) {
        if (e instanceof DecodeError) throw e;
        if (e instanceof ProgramError || e instanceof RegexCodeError || e instanceof ArgumentError) {
          const fid = (filterByte & ~REGEX_FILTER_FLAG) - 1;
          const text = filterByte & REGEX_FILTER_FLAG ? null : plainTextTest(fid, arg, vocab, textOf);
          if (text) test = text;
          else {
            const where = e instanceof ArgumentError ? off + 2 : reader.lastOffset + ITEM_LENGTH_BYTES + (e as ProgramError | RegexCodeError).offset;
            warnings.push(`node ${i}: argument not understood at byte ${where}: ${e.message}`);
            warned = true;
            test = { filter: vocab.filterById(fid)?.name ?? `#${fid}`, filterId: fid, alternatives: [], opaque: { reason: e.message, rawFilter: filterByte, rawArgument: arg } };
          }
        } else throw e;
      }
      if (test.opaque && !warned) warnings.push(`node ${i} (byte ${off}): ${test.opaque.reason}`);
      if (test.approximate) warnings.push(`node ${i} (byte ${off}): ${test.approximate}`);
      nodes.push({ kind: 'test', test, match, unmatch, prov: DECODED });
    } else if (kind === NODE_KIND_TERMINAL) {
      const rec = bytes.subarray(off, off + NODE_SIZE);
      const flags = rec[1] | (rec[2] << 8) | (rec[3] << 16);
      if (wantRaw) rawNodes.push(rawNode(bytes, i, off));
      reader.at(i, off + 6, 'string');
      nodes.push(decodeTerminal(flags, rec, i, off, terminals));
    } else {
      throw new DecodeError(`node ${i}: kind byte 0x${kind.toString(16).padStart(2, '0')} is neither 0 (test) nor 1 (terminal)`, off);
    }
  }
  return { nodes, rawNodes, items: [...items.values()].sort((a, b) => a.offset - b.offset), actionLists: terminals.actionLists, valueSets, messageFilterUses: terminals.uses };
}

/** Per filter byte (no regex flag), the filter and name table of an indexed argument. */
function indexedTables(vocab: Vocab, tables: ReadonlyMap<string, NameTable> | undefined): Array<[FilterInfo, NameTable] | undefined> {
  const out: Array<[FilterInfo, NameTable] | undefined> = [];
  if (!tables) return out;
  for (const [name, table] of tables) {
    const f = vocab.filter(name);
    if (f) out[f.id + FILTER_BYTE_OFFSET] = [f, table];
  }
  return out;
}

function plainTextTest(fid: number, arg: number, vocab: Vocab, textOf: (unit: number) => string | null): NodeTest | null {
  const f = vocab.filterById(fid);
  if (!f || (f.argKind !== 'path' && f.argKind !== 'string' && f.argKind !== 'entitlement')) return null;
  const value = textOf(arg);
  if (value === null) return null;
  // Apple's is-bool-true / is-present tests hold the entitlement key as plain text: an entitlement test on that
  // key (what the reader makes of the same spelling); %entitlement-load stays text (its value test follows it)
  if (f.name === '%entitlement-is-bool-true' || f.name === '%entitlement-is-present') return textArgumentTest(f, fid, { kind: 'entitlement', key: value, value: entitlementValueOf(f.name) });
  return textArgumentTest(f, fid, { kind: 'literal', value });
}


/**
 * The data items nodes name (read with absolute offsets in every error), and the argument source of the node
 * being read: at() names the node, the byte its argument sits at and the kind its items are recorded as.
 */
class ItemReader implements ArgumentSource {
  readonly items = new Map<number, RawItem>();
  /** Payload views by item offset, made once. */
  private readonly payloads = new Map<number, Uint8Array>();
  private node = 0;
  private from = 0;
  private kind: RawItem['kind'] = 'other';
  /** Offset of the item read last (where a program error's offset counts from). */
  lastOffset = 0;

  constructor(
    private readonly r: Reader,
    private readonly dataOffset: number,
    private readonly regexOffsets: number[],
    private readonly regexTableOffset: number,
    readonly variables?: ReadonlyArray<string | undefined>,
  ) {}

  at(node: number, from: number, kind: RawItem['kind']): void {
    this.node = node;
    this.from = from;
    this.kind = kind;
  }

  item(unit: number): Uint8Array {
    return this.read(unit, this.kind, this.from);
  }

  regex(index: number): Uint8Array {
    if (index >= this.regexOffsets.length) throw new DecodeError(`node ${this.node} names regex ${index}, but the regex table has ${this.regexOffsets.length} entries`, this.from);
    return this.read(this.regexOffsets[index], 'regex', this.regexTableOffset + 2 * index);
  }

  private read(unit: number, kind: RawItem['kind'], from: number): Uint8Array {
    const bytes = this.r.b;
    const off = this.dataOffset + unit * DATA_UNIT;
    const known = this.payloads.get(off);
    if (known !== undefined) {
      // nodes are read in order, so a node naming the item again is its last one
      const seen = this.items.get(off)!.nodes;
      if (seen[seen.length - 1] !== this.node) seen.push(this.node);
      this.lastOffset = off;
      return known;
    }
    if (off + ITEM_LENGTH_BYTES > bytes.length) throw new DecodeError(`node ${this.node} names data item ${unit} at byte ${off}, past the end of the blob`, from);
    const len = this.r.u16(off, 'data item length');
    if (off + ITEM_LENGTH_BYTES + len > bytes.length) throw new DecodeError(`data item at byte ${off} says ${len} bytes but the blob ends ${bytes.length - off - ITEM_LENGTH_BYTES} bytes later`, off);
    const payload = bytes.subarray(off + ITEM_LENGTH_BYTES, off + ITEM_LENGTH_BYTES + len);
    this.lastOffset = off;
    let it = this.items.get(off);
    if (it === undefined) {
      it = { offset: off, length: len, hex: toHex(payload), nodes: [], kind };
      this.items.set(off, it);
    }
    if (!it.nodes.includes(this.node)) it.nodes.push(this.node);
    this.payloads.set(off, payload);
    return payload;
  }
}

function isStringFilter(vocab: Vocab, filterByte: number): boolean {
  const f = vocab.filterById((filterByte & ~REGEX_FILTER_FLAG) - 1);
  return !!f && (f.argKind === 'path' || f.argKind === 'string');
}

// longest masks first (telemetry-backtrace 0x180 contains telemetry 0x80)
const FLAGS_WIDEST_FIRST = Object.entries(MODIFIER_FLAGS).sort((a, b) => b[1] - a[1]);

/** What terminals are read with: the blob, the item source, the message filters, and what they collect. */
interface TerminalContext {
  bytes: Uint8Array;
  dataOffset: number;
  src: ArgumentSource;
  warnings: string[];
  messageFilters?: MessageFilterTable;
  uses: MessageFilterUse[];
  actionLists: Array<[number, number]>;
}

function decodeTerminal(flags: number, rec: Uint8Array, i: number, off: number, ctx: TerminalContext): GraphNode {
  const { warnings } = ctx;
  const deny = (flags & TERMINAL.denyBit) !== 0;
  const mods: Modifier[] = [];
  const mod = (name: string, args: Array<string | number> = []) => mods.push({ name, args, spelled: name });
  const report = (flags & TERMINAL.reportBit) !== 0;
  if (deny && !report) mod('no-report');
  if (!deny && report) mod('report');
  let rest = flags & ~(TERMINAL.denyBit | TERMINAL.reportBit | TERMINAL.inlineBit);
  for (const [name, bits] of FLAGS_WIDEST_FIRST) {
    if ((rest & bits) === bits) {
      mod(name);
      rest &= ~bits;
    }
  }
  if (rest !== 0) warnings.push(`node ${i} (byte ${off}): terminal flag bits 0x${rest.toString(16)} are not understood`);
  const arg = rec[6] | (rec[7] << 8);
  if (flags & TERMINAL.inlineBit) inlineAction({ at: off + 4, id: rec[4], op: rec[5], arg }, i, ctx, mod);
  else if (rec[4] !== 0) {
    // no inline flag, byte 4 = n: a list of n actions at the data unit in bytes 6..7 (actions.ts)
    const list = readActionList(ctx.bytes, ctx.dataOffset, rec[4], arg);
    if (list === null) throw new DecodeError(`node ${i}: a list of ${rec[4]} actions at data unit ${arg} runs past the end of the blob`, off + 6);
    ctx.actionLists.push(list.span);
    for (const a of list.actions) inlineAction(a, i, ctx, mod);
  } else if (rec[5] !== 0 || arg !== 0) warnings.push(`node ${i} (byte ${off + 5}): terminal bytes 5..7 are set without an action; not understood`);
  return { kind: 'terminal', decision: deny ? 'deny' : 'allow', modifiers: mods, prov: DECODED };
}

/** One inline action: a modifier, a message filter (noted), or a warning naming the byte. */
function inlineAction(a: InlineAction, i: number, ctx: TerminalContext, mod: (name: string, args?: Array<string | number>) => void): void {
  const { warnings, src } = ctx;
  if (ctx.messageFilters && a.id === ctx.messageFilters.modifierId) return messageFilterAction(ctx.messageFilters, i, a.at, a.op, a.arg, ctx.uses, warnings);
  const entry = Object.entries(INLINE_MODIFIERS).find(([, v]) => v.id === a.id);
  if (a.op !== 0) warnings.push(`node ${i} (byte ${a.at + 1}): inline action names operation ${a.op} (an inline policy); not interpreted`);
  else if (!entry) warnings.push(`node ${i} (byte ${a.at}): inline modifier id ${a.id} is not understood`);
  else if (entry[1].arg === 'integer') mod(entry[0], [a.arg]);
  else {
    let text = '';
    try {
      const prog = decodeStringProgram(src.item(a.arg));
      const lit = prog.alternatives[0];
      text = lit && lit.kind === 'literal' ? lit.value : '';
    } catch (e) {
      if (e instanceof DecodeError) throw e;
      const plain = plainText(src.item(a.arg));
      if (plain !== null) text = plain;
      else warnings.push(`node ${i}: inline '${entry[0]}' text not understood: ${(e as Error).message}`);
    }
    mod(entry[0], [text]);
  }
}
