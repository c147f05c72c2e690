// Filter arguments of non-terminal nodes: immediate u16 values, string programs, regexes and our own item
// layouts for network addresses and entitlements (descriptor.ts "Arguments").

import { StageError } from '../../diagnostics/diagnostic.js';
import type { EntitlementValueMatch, FilterArgument, FilterTest, NetProto, StringMatch } from '../../sbpl/profile.js';
import type { FilterInfo, Vocab } from '../../vocab/index.js';
import type { NodeTest } from '../../graph/model.js';
import { ENTITLEMENT_VALUE_KINDS, FILTER_BYTE_OFFSET, NETWORK_ITEM, REGEX_FILTER_FLAG, STRING_MATCH_KINDS } from './descriptor.js';
import { decodeStringProgram, encodeStringProgram, subpathBase, type DecodedProgram, type PatternArg } from './strings.js';
import { decodeRegex, encodeRegex } from './regex.js';
import { escapeRegexChar } from '../../regex/index.js';

/** [X] protocol words of (local|remote PROTO ...) as libsandbox numbers them (simbple catalina local_args). */
const NET_PROTO_CODES: Record<string, number> = { ip: 3, ip4: 1, ip6: 2, tcp: 7, tcp4: 5, tcp6: 6, udp: 11, udp4: 9, udp6: 10, unix: NETWORK_ITEM.unix, 'unix-socket': NETWORK_ITEM.unixSocket };

export class ArgumentError extends StageError {
  constructor(message: string) {
    super(message, 'format/argument', 'input');
    this.name = 'ArgumentError';
  }
}

export type ArgumentPlan =
  | { kind: 'immediate'; filterByte: number; value: number }
  | { kind: 'item'; filterByte: number; payload: Uint8Array }
  | { kind: 'regex'; filterByte: number; payload: Uint8Array };

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

function u16(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new ArgumentError(`${what} ${v} does not fit the node's 16-bit argument (0..65535)`);
  return v;
}

/**
 * What one encode has compiled so far: a regex source, or the string test a node shares with others (the same
 * FilterTest object, lowered into several nodes), is compiled once. Scoped to one encode.
 */
export interface PlanMemo {
  regexes: Map<string, Uint8Array>;
  programs: Map<FilterTest, Uint8Array>;
}

export function newPlanMemo(): PlanMemo {
  return { regexes: new Map(), programs: new Map() };
}

/** How one test node's argument is stored. */
export function planArgument(t: NodeTest, vocab: Vocab, memo?: PlanMemo): ArgumentPlan {
  if (t.opaque) throw new ArgumentError(`opaque test (${t.opaque.reason}) cannot be re-encoded`);
  const filterByte = t.filterId + FILTER_BYTE_OFFSET;
  if (filterByte > 0x7f) throw new ArgumentError(`filter id ${t.filterId} does not fit the node's filter byte`);
  const alts = t.alternatives;
  if (alts.length === 0) throw new ArgumentError(`test on '${t.filter}' has no arguments`);
  if (alts.every(isPatternTest)) {
    if (memo && alts.length === 1) {
      let payload = memo.programs.get(alts[0]);
      if (payload === undefined) {
        payload = encodeStringProgram([alts[0].arg as PatternArg]);
        memo.programs.set(alts[0], payload);
      }
      return { kind: 'item', filterByte, payload };
    }
    return { kind: 'item', filterByte, payload: encodeStringProgram(alts.map((a) => a.arg as PatternArg)) };
  }
  if (alts.length !== 1) {
    const kinds = new Set(alts.map((a) => a.arg.kind));
    throw new ArgumentError(`test on '${t.filter}' ORs ${alts.length} arguments of kinds ${[...kinds].join(', ')}: only string arguments share a node`);
  }
  const arg = alts[0].arg;
  switch (arg.kind) {
    case 'regex': {
      let payload = memo?.regexes.get(arg.source);
      if (payload === undefined) {
        payload = encodeRegex(arg.source);
        memo?.regexes.set(arg.source, payload);
      }
      return { kind: 'regex', filterByte: filterByte | REGEX_FILTER_FLAG, payload };
    }
    case 'integer':
      return { kind: 'immediate', filterByte, value: u16(arg.value, `'${t.filter}' value`) };
    case 'mode-bits':
      return { kind: 'immediate', filterByte, value: u16(arg.value, `'${t.filter}' mode`) };
    case 'boolean':
      return { kind: 'immediate', filterByte, value: arg.value ? 1 : 0 };
    case 'symbol': {
      const n = symbolValue(vocab.filterById(t.filterId), arg.name) ?? vocab.data.constants[arg.name];
      if (n === undefined) throw new ArgumentError(`'${t.filter}' value '${arg.name}' has no known number`);
      return { kind: 'immediate', filterByte, value: u16(n, `'${t.filter}' value ${arg.name} =`) };
    }
    case 'network':
      return { kind: 'item', filterByte, payload: encodeNetwork(arg) };
    case 'entitlement':
      return { kind: 'item', filterByte, payload: encodeEntitlement(arg.key, arg.value) };
    default:
      throw new ArgumentError(`argument kind '${(arg as FilterArgument).kind}' has no encoding`);
  }
}

function isPatternTest(a: FilterTest): boolean {
  const k = a.arg.kind;
  return k === 'literal' || k === 'prefix' || k === 'subpath';
}

function symbolValue(f: FilterInfo | undefined, name: string): number | undefined {
  return f?.values?.[name];
}

function encodeNetwork(a: Extract<FilterArgument, { kind: 'network' }>): Uint8Array {
  const code = NET_PROTO_CODES[a.proto];
  if (code === undefined) throw new ArgumentError(`network protocol '${a.proto}' has no code`);
  const port = a.port === '*' ? 0 : u16(a.port, 'port');
  return Uint8Array.from([code, a.host === '*' ? NETWORK_ITEM.hostAny : NETWORK_ITEM.hostLocalhost, a.port === '*' ? 0 : 1, port & 0xff, port >> 8]);
}

function pushText(out: number[], s: string): void {
  const b = utf8.encode(s);
  if (b.length > 0xffff) throw new ArgumentError('entitlement text longer than 65535 bytes');
  out.push(b.length & 0xff, b.length >> 8, ...b);
}

function encodeEntitlement(key: string, v: EntitlementValueMatch): Uint8Array {
  const out: number[] = [];
  pushText(out, key);
  out.push(ENTITLEMENT_VALUE_KINDS.indexOf(v.kind));
  if (v.kind === 'boolean') out.push(v.value ? 1 : 0);
  if (v.kind === 'string') {
    out.push(STRING_MATCH_KINDS.indexOf(v.match.kind));
    pushText(out, v.match.kind === 'regex' ? v.match.source : v.match.value);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------
// Decoding

export interface ArgumentSource {
  /** Payload of the data item `unitOffset` data units into the data region. Throws with an offset. */
  item(unitOffset: number): Uint8Array;
  /** Payload of regex-table entry `index`. Throws with an offset. */
  regex(index: number): Uint8Array;
  /** Pattern-variable names by index (string programs refer to them); absent: read as ".*", approximate. */
  readonly variables?: ReadonlyArray<string | undefined>;
}

/**
 * What one decode has read so far: a regex (by table index) or string program (by item unit) that several nodes
 * name is read back once. Scoped to one decode: entries hold the text, or the error reading it gave.
 */
export interface ArgumentMemo {
  regexes: Map<number, string | Error>;
  programs: Map<number, DecodedProgram | Error>;
}

export function newArgumentMemo(): ArgumentMemo {
  return { regexes: new Map(), programs: new Map() };
}

function memoized<T>(memo: Map<number, T | Error>, key: number, payload: Uint8Array, read: (p: Uint8Array) => T): T {
  const hit = memo.get(key);
  if (hit instanceof Error) throw hit;
  if (hit !== undefined) return hit;
  let value: T;
  try {
    value = read(payload);
  } catch (e) {
    if (e instanceof Error) memo.set(key, e);
    throw e;
  }
  memo.set(key, value);
  return value;
}

/** Name of the SBPL spelling for a string match kind on `f` (`subpath`, `global-name-prefix` ...). */
export function spellingFor(f: FilterInfo | undefined, kind: StringMatch['kind'] | 'value'): string {
  if (!f) return kind;
  const wanted = kind === 'value' ? ['value', 'literal'] : kind === 'literal' ? ['literal', 'value'] : [kind];
  for (const w of wanted) {
    const s = f.spellings.find((x) => x.match === w);
    if (s) return s.name;
  }
  return f.name === 'path' ? kind : `${f.name}${kind === 'literal' || kind === 'value' ? '' : '-' + kind}`;
}

/**
 * A string program's match as a test of `f`. A kind the filter has no spelling for (macOS 15 compiles
 * `mount-relative-path` subpaths, whose SBPL spellings are literal and regex only) is written as the regex it
 * equals, so the text reads back and means the same: a prefix X is `^X`, a subpath X is `^X(/|$)`.
 */
function decodedTest(f: FilterInfo, m: StringMatch): FilterTest {
  const arg: StringMatch = m.kind === 'subpath' ? { kind: 'subpath', value: subpathBase(m.value) } : { ...m };
  const regex = f.spellings.find((x) => x.match === 'regex');
  if ((arg.kind === 'subpath' || arg.kind === 'prefix') && f.name !== 'path' && regex && !f.spellings.some((x) => x.match === arg.kind)) {
    const v = arg.value;
    const end = arg.kind === 'prefix' || v.endsWith('/') ? '' : '(/|$)';
    return { type: 'test', filter: f.name, arg: { kind: 'regex', source: `^${[...v].map(escapeRegexChar).join('')}${end}` }, spelled: regex.name };
  }
  return { type: 'test', filter: f.name, arg, spelled: spellingFor(f, arg.kind) };
}

/** Interpret a node's filter byte and argument. Unknown filters give an opaque test, never an exception. */
export function decodeArgument(filterByte: number, arg: number, vocab: Vocab, src: ArgumentSource, memo?: ArgumentMemo): NodeTest {
  const isRegex = (filterByte & REGEX_FILTER_FLAG) !== 0;
  const filterId = (filterByte & ~REGEX_FILTER_FLAG) - FILTER_BYTE_OFFSET;
  const f = vocab.filterById(filterId);
  if (!f || filterId < 0) return opaqueTest(f?.name ?? `#${filterId}`, filterId, filterByte, arg, `filter byte 0x${filterByte.toString(16)} names no filter in ${vocab.id}`);
  if (isRegex) {
    const payload = src.regex(arg);
    const source = memo ? memoized(memo.regexes, arg, payload, decodeRegex) : decodeRegex(payload);
    return { filter: f.name, filterId, alternatives: [testOf(f.name, { kind: 'regex', source }, spellingFor(f, 'regex'))] };
  }
  switch (f.argKind) {
    case 'path':
    case 'string': {
      const payload = src.item(arg);
      const read = (p: Uint8Array) => decodeStringProgram(p, { variables: src.variables });
      const prog = memo ? memoized(memo.programs, arg, payload, read) : read(payload);
      const test: NodeTest = {
        filter: f.name,
        filterId,
        // fresh argument objects per node: a memoized program is shared, the graph's tests are not
        alternatives: prog.alternatives.map((m) => decodedTest(f, m)),
      };
      if (prog.approximate) test.approximate = prog.approximate;
      return test;
    }
    case 'integer': {
      const name = f.values ? Object.keys(f.values).find((k) => f.values![k] === arg) : undefined;
      return { filter: f.name, filterId, alternatives: [testOf(f.name, name !== undefined ? { kind: 'integer', value: arg, symbol: name } : { kind: 'integer', value: arg }, spellingFor(f, 'value'))] };
    }
    case 'symbol': {
      const name = f.values ? Object.keys(f.values).find((k) => f.values![k] === arg) : undefined;
      if (name === undefined) return opaqueTest(f.name, filterId, filterByte, arg, `'${f.name}' value ${arg} has no name in ${vocab.id}`);
      return { filter: f.name, filterId, alternatives: [testOf(f.name, { kind: 'symbol', name }, spellingFor(f, 'value'))] };
    }
    case 'mode':
      return { filter: f.name, filterId, alternatives: [testOf(f.name, { kind: 'mode-bits', value: arg }, spellingFor(f, 'value'))] };
    case 'boolean':
    case 'none':
      return { filter: f.name, filterId, alternatives: [testOf(f.name, { kind: 'boolean', value: arg !== 0 }, spellingFor(f, 'value'))] };
    case 'network':
      return networkTest(f, filterId, src.item(arg));
    case 'entitlement': {
      const e = decodeEntitlement(src.item(arg));
      // our compiles name entitlement tests 'entitlement' (the front end's require-entitlement)
      const name = f.name.startsWith('%entitlement') ? 'entitlement' : f.name;
      const spelled = name === 'entitlement' ? 'require-entitlement' : spellingFor(f, 'value');
      return { filter: name, filterId, alternatives: [{ type: 'test', filter: name, arg: e, spelled }] };
    }
  }
}

function testOf(filter: string, arg: FilterArgument, spelled: string): FilterTest {
  return { type: 'test', filter, arg, spelled };
}

function opaqueTest(filter: string, filterId: number, rawFilter: number, rawArgument: number, reason: string): NodeTest {
  return { filter, filterId, alternatives: [], opaque: { reason, rawFilter, rawArgument } };
}

/** A local / remote test from a network payload (code, host, has-port, u16 port). */
export function networkTest(f: FilterInfo, filterId: number, payload: Uint8Array): NodeTest {
  return { filter: f.name, filterId, alternatives: [testOf(f.name, decodeNetwork(payload), spellingFor(f, 'value'))] };
}

function decodeNetwork(p: Uint8Array): FilterArgument {
  if (p.length < 5) throw new ArgumentError(`network item of ${p.length} bytes is shorter than 5`);
  const proto = Object.keys(NET_PROTO_CODES).find((k) => NET_PROTO_CODES[k] === p[0]);
  if (!proto) throw new ArgumentError(`network item protocol code ${p[0]} is unknown`);
  if (p[1] !== NETWORK_ITEM.hostAny && p[1] !== NETWORK_ITEM.hostLocalhost) throw new ArgumentError(`network item host code ${p[1]} is unknown`);
  return { kind: 'network', proto: proto as NetProto, host: p[1] === NETWORK_ITEM.hostAny ? '*' : 'localhost', port: p[2] ? p[3] | (p[4] << 8) : '*' };
}

function readText(p: Uint8Array, at: number): [string, number] {
  if (at + 2 > p.length) throw new ArgumentError(`entitlement item: text length at ${at} runs past the item`);
  const n = p[at] | (p[at + 1] << 8);
  if (at + 2 + n > p.length) throw new ArgumentError(`entitlement item: ${n}-byte text at ${at} runs past the item`);
  return [utf8Decoder.decode(p.subarray(at + 2, at + 2 + n)), at + 2 + n];
}

function decodeEntitlement(p: Uint8Array): FilterArgument {
  const [key, at] = readText(p, 0);
  if (at >= p.length) throw new ArgumentError('entitlement item ends before its value kind');
  const kind = ENTITLEMENT_VALUE_KINDS[p[at]];
  if (!kind) throw new ArgumentError(`entitlement item value kind ${p[at]} is unknown`);
  let value: EntitlementValueMatch;
  if (kind === 'boolean') {
    if (at + 1 >= p.length) throw new ArgumentError('entitlement item ends before its boolean value');
    value = { kind, value: p[at + 1] !== 0 };
  } else if (kind === 'string') {
    if (at + 1 >= p.length) throw new ArgumentError('entitlement item ends before its match kind');
    const mk = STRING_MATCH_KINDS[p[at + 1]];
    if (!mk) throw new ArgumentError(`entitlement item match kind ${p[at + 1]} is unknown`);
    const [text] = readText(p, at + 2);
    value = { kind, match: mk === 'regex' ? { kind: 'regex', source: text } : { kind: mk, value: text } };
  } else value = { kind };
  return { kind: 'entitlement', key, value };
}
