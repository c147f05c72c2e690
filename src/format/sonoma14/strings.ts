// String programs: how a string filter's literal / prefix / subpath arguments are stored in the data region.
// Several strings of one test become one trie-shaped program (descriptor.ts "String programs").
//
// Encoding a trie node that has already matched its path so far:
//   * prefix ends here      -> 0a (accept whatever follows)
//   * otherwise, for each child edge (shorter label first, ties in source order):
//       LIT(label) 0f <child>                    for the last alternative
//       LIT(label) JNE(skip to next alt) <child> for the others
//     and, if a literal ends here, a final alternative 00 0f 0a (at end of string: accept).
// A subpath S is "literal S" plus "prefix S/".

import { StageError } from '../../diagnostics/diagnostic.js';
import {
  JNE_SHORT_MAX,
  LITERAL_EXT_MAX,
  LITERAL_EXT_MIN,
  LITERAL_SHORT_MAX,
  SP,
  SUBPATH_TRAILING_SLASH,
} from './descriptor.js';
import type { StringMatch } from '../../sbpl/profile.js';
import { byteSetText, complementRanges, escapeRegexBytes, normalizeRanges, RegexCodeError, type ByteRange } from '../../regex/index.js';

export type PatternArg = Extract<StringMatch, { kind: 'literal' | 'prefix' | 'subpath' }>;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * A radix trie: edges carry byte labels, and a node exists only where a string ends (`end` literal, `all`
 * prefix) or paths branch. Edges stay in insertion order of their first byte, so this is the byte trie with its
 * single-child chains already contracted. A label is a range of its string's bytes (no copies); `size` and
 * `rest` are the code sizes the emitter measures before it writes, so the program is written once, in place.
 */
interface TrieNode {
  edges: TrieEdge[];
  end: boolean;
  all: boolean;
  /** Bytes of this node's code (set by measure()). */
  size: number;
}

interface TrieEdge {
  /** The label is bytes[from, to). */
  bytes: Uint8Array;
  from: number;
  to: number;
  target: TrieNode;
  /** Bytes after the edge's first literal token and its assert / JNE: the other tokens and the target's code. */
  rest: number;
}

function newNode(): TrieNode {
  return { edges: [], end: false, all: false, size: 0 };
}

/** The node where bytes[0, length) ends, splitting an edge when it ends (or leaves the trie) inside one. */
function walk(root: TrieNode, bytes: Uint8Array, length: number): TrieNode {
  let n = root;
  let i = 0;
  while (i < length) {
    const b = bytes[i];
    let e: TrieEdge | undefined;
    for (const x of n.edges) {
      if (x.bytes[x.from] === b) {
        e = x;
        break;
      }
    }
    if (!e) {
      const leaf = newNode();
      n.edges.push({ bytes, from: i, to: length, target: leaf, rest: 0 });
      return leaf;
    }
    const labelLength = e.to - e.from;
    let c = 1;
    while (c < labelLength && i + c < length && e.bytes[e.from + c] === bytes[i + c]) c++;
    if (c < labelLength) {
      const mid = newNode();
      mid.edges.push({ bytes: e.bytes, from: e.from + c, to: e.to, target: e.target, rest: 0 });
      e.to = e.from + c;
      e.target = mid;
    }
    n = e.target;
    i += c;
  }
  return n;
}

/** UTF-8 bytes of `s` with `spare` zero bytes after them (ASCII without the encoder). */
function utf8Of(s: string, spare: number): Uint8Array {
  const out = new Uint8Array(s.length + spare);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      const encoded = utf8.encode(s);
      if (spare === 0) return encoded;
      const wide = new Uint8Array(encoded.length + spare);
      wide.set(encoded);
      return wide;
    }
    out[i] = c;
  }
  return out;
}

/** Where oneStringProgram puts a string's UTF-8 bytes (read before the next call: nothing keeps it). */
let scratch = new Uint8Array(256);

/** UTF-8 of `s` into `scratch` (grown as needed); returns the byte count. */
function utf8Into(s: string): number {
  if (3 * s.length > scratch.length) scratch = new Uint8Array(3 * s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return utf8.encodeInto(s, scratch).written;
    scratch[i] = c;
  }
  return s.length;
}

/** Normalised subpath value (descriptor SUBPATH_TRAILING_SLASH). */
export function subpathBase(value: string): string {
  if (SUBPATH_TRAILING_SLASH === 'strip' && value.length > 1 && value.endsWith('/')) return value.replace(/\/+$/, '') || '/';
  return value;
}

const SLASH = Uint8Array.of(0x2f);

/** Encode the OR of `alts` (in source order) as one string program. */
export function encodeStringProgram(alts: readonly PatternArg[]): Uint8Array {
  if (alts.length === 0) throw new Error('encodeStringProgram: no strings');
  if (alts.length === 1) return oneStringProgram(alts[0]);
  const root = newNode();
  for (const a of alts) {
    if (a.kind === 'literal') {
      const bytes = utf8Of(a.value, 0);
      walk(root, bytes, bytes.length).end = true;
    } else if (a.kind === 'prefix') {
      const bytes = utf8Of(a.value, 0);
      walk(root, bytes, bytes.length).all = true;
    } else {
      const v = subpathBase(a.value);
      if (v === '/') walk(root, SLASH, 1).all = true;
      else {
        const bytes = utf8Of(v, 1);
        const length = bytes.length - 1;
        walk(root, bytes, length).end = true;
        bytes[length] = 0x2f; // "/" cannot complete a character, so this is the UTF-8 of v + "/"
        walk(root, bytes, length + 1).all = true;
      }
    }
  }
  const out = new Uint8Array(measure(root));
  const end = emitNode(root, out, 0);
  if (end !== out.length) throw new Error(`internal: string program of ${end} bytes, measured ${out.length}`);
  return out;
}

/** What follows a string's own tokens in its one-string program (the trie's last node, see oneStringProgram). */
const LITERAL_END = Uint8Array.of(SP.assertEos, SP.assert, SP.success);
const PREFIX_END = Uint8Array.of(SP.success);
const SUBPATH_END = Uint8Array.of(SP.literalShortFirst, 0x2f, SP.jneShortFirst, SP.success, SP.assertEos, SP.assert, SP.success);

/**
 * The program of one string (most tests have one), written without building its trie: the trie is then a chain,
 * root -S-> end, whose code is S's literal tokens, each asserted (one edge is always the last alternative), then
 * the end node's code: a literal's `00 0f 0a`, a prefix's `0a`, a subpath's node with the edge "/" to a prefix
 * end plus a literal end (`LIT("/") JNE(1) 0a 00 0f 0a`). `(subpath "/")` is the prefix "/". The same bytes as
 * the trie gives (test/format/sonoma14/strings.test.ts compares the two).
 */
function oneStringProgram(a: PatternArg): Uint8Array {
  let value = a.value;
  let end = a.kind === 'literal' ? LITERAL_END : a.kind === 'prefix' ? PREFIX_END : SUBPATH_END;
  if (a.kind === 'subpath') {
    value = subpathBase(value);
    if (value === '/') end = PREFIX_END;
  }
  const length = utf8Into(value);
  const bytes = scratch;
  const out = new Uint8Array(literalTokensSize(length) + Math.ceil(length / LITERAL_EXT_MAX) + end.length);
  let at = 0;
  for (let p = 0; p < length; p += LITERAL_EXT_MAX) {
    at = writeLiteral(bytes, p, Math.min(length - p, LITERAL_EXT_MAX), out, at);
    out[at++] = SP.assert;
  }
  out.set(end, at);
  return out;
}

/** Bytes of the literal tokens of a label of `length` bytes (tokens of at most LITERAL_EXT_MAX bytes). */
function literalTokensSize(length: number): number {
  let size = 0;
  for (let left = length; left > 0; left -= LITERAL_EXT_MAX) {
    const n = Math.min(left, LITERAL_EXT_MAX);
    size += (n <= LITERAL_SHORT_MAX ? 1 : 2) + n;
  }
  return size;
}

/** Stable insertion sort by label length (a node has few edges; Array#sort allocates a work copy per call). */
function sortByLabelLength(edges: TrieEdge[]): void {
  for (let i = 1; i < edges.length; i++) {
    const e = edges[i];
    const length = e.to - e.from;
    let j = i;
    for (; j > 0 && edges[j - 1].to - edges[j - 1].from > length; j--) edges[j] = edges[j - 1];
    edges[j] = e;
  }
}

function jneSize(skip: number): number {
  return skip <= JNE_SHORT_MAX ? 1 : 3;
}

/**
 * The size of `n`'s code, and of its edges' rests; puts the edges in emission order (descriptor
 * TRIE_CHILD_ORDER: shorter label first, ties in insertion (source) order — the sort is stable).
 */
function measure(n: TrieNode): number {
  if (n.all) return (n.size = 1);
  const edges = n.edges;
  if (edges.length > 1) sortByLabelLength(edges);
  let size = n.end ? 3 : 0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    const length = e.to - e.from;
    const first = Math.min(length, LITERAL_EXT_MAX);
    // every token after the first is followed by an assert
    e.rest = literalTokensSize(length - first) + Math.ceil((length - first) / LITERAL_EXT_MAX) + measure(e.target);
    const last = i === edges.length - 1 && !n.end;
    size += literalTokensSize(first) + (last ? 1 : jneSize(e.rest)) + e.rest;
  }
  return (n.size = size);
}

/**
 * Write `n`'s code at `at` (measured): for each edge its first literal token, then an assert when it is the last
 * alternative or else a JNE over the rest, then the rest (the label's other tokens, each asserted, and the
 * target's code); a literal ending here adds a final alternative `00 0f 0a`. Returns the end offset.
 */
function emitNode(n: TrieNode, out: Uint8Array, at: number): number {
  if (n.all) {
    out[at++] = SP.success;
    return at;
  }
  const edges = n.edges;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    const first = Math.min(e.to - e.from, LITERAL_EXT_MAX);
    at = writeLiteral(e.bytes, e.from, first, out, at);
    if (i === edges.length - 1 && !n.end) out[at++] = SP.assert;
    else at = writeJne(e.rest, out, at);
    for (let p = e.from + first; p < e.to; p += LITERAL_EXT_MAX) {
      at = writeLiteral(e.bytes, p, Math.min(e.to - p, LITERAL_EXT_MAX), out, at);
      out[at++] = SP.assert;
    }
    at = emitNode(e.target, out, at);
  }
  if (n.end) {
    out[at++] = SP.assertEos;
    out[at++] = SP.assert;
    out[at++] = SP.success;
  }
  return at;
}

function writeLiteral(bytes: Uint8Array, from: number, length: number, out: Uint8Array, at: number): number {
  if (length <= LITERAL_SHORT_MAX) out[at++] = SP.literalShortFirst + length - 1;
  else {
    out[at++] = SP.literalExt;
    out[at++] = length - LITERAL_EXT_MIN;
  }
  // (labels are short: a loop beats a subarray view per token)
  for (let i = 0; i < length; i++) out[at++] = bytes[from + i];
  return at;
}

function writeJne(skip: number, out: Uint8Array, at: number): number {
  if (skip < 1) throw new Error('string program: empty alternative');
  if (skip <= JNE_SHORT_MAX) out[at++] = SP.jneShortFirst + skip - 1;
  else {
    const v = skip - 0x81;
    if (v > 0xffff) throw new Error(`string program: alternative of ${skip} bytes is too long to skip`);
    out[at++] = SP.jneExt;
    out[at++] = v & 0xff;
    out[at++] = v >> 8;
  }
  return at;
}

// ---------------------------------------------------------------------------------------------------
// Decoding

export class ProgramError extends StageError {
  constructor(
    message: string,
    /** Offset into the program. */
    readonly offset: number,
  ) {
    super(message, 'format/string-program', 'input', { byteOffset: offset });
    this.name = 'ProgramError';
  }
}

type Instr =
  | { op: 'lit'; bytes: Uint8Array; at: number; size: number }
  | { op: 'eos'; at: number; size: number }
  | { op: 'range'; ranges: Array<[number, number]>; negated: boolean; at: number; size: number }
  | { op: 'matchbyte'; code: number; byte: number; at: number; size: number }
  | { op: 'assert'; at: number; size: number }
  | { op: 'jne'; target: number; at: number; size: number }
  | { op: 'success'; at: number; size: number }
  | { op: 'callback'; index: number; at: number; size: number }
  | { op: 'state'; code: number; at: number; size: number };

/** Split a program into instructions; every read is bounds-checked. */
export function parseProgram(p: Uint8Array): Instr[] {
  const out: Instr[] = [];
  let i = 0;
  const need = (n: number, what: string) => {
    if (i + n > p.length) throw new ProgramError(`${what} at offset ${i} runs past the end of the ${p.length}-byte program`, i);
  };
  while (i < p.length) {
    const b = p[i];
    const at = i;
    if (b >= SP.literalShortFirst && b <= SP.literalShortLast) {
      const n = (b & 0x3f) + 1;
      need(1 + n, 'literal');
      out.push({ op: 'lit', bytes: p.subarray(i + 1, i + 1 + n), at, size: 1 + n });
      i += 1 + n;
    } else if (b >= SP.jneShortFirst) {
      out.push({ op: 'jne', target: i + 1 + (b & 0x7f) + 1, at, size: 1 });
      i += 1;
    } else if (b >= SP.callbackShortFirst && b <= SP.callbackShortLast) {
      out.push({ op: 'callback', index: b & 0x0f, at, size: 1 });
      i += 1;
    } else {
      switch (b) {
        case SP.assertEos:
          out.push({ op: 'eos', at, size: 1 });
          i += 1;
          break;
        case SP.callbackExt:
          need(3, 'variable reference');
          out.push({ op: 'callback', index: p[i + 1] | (p[i + 2] << 8), at, size: 3 });
          i += 3;
          break;
        case SP.matchByte:
        case SP.matchSeq:
          need(2, 'byte match');
          out.push({ op: 'matchbyte', code: b, byte: p[i + 1], at, size: 2 });
          i += 2;
          break;
        case SP.literalExt: {
          need(2, 'long literal');
          const n = p[i + 1] + LITERAL_EXT_MIN;
          need(2 + n, 'long literal');
          out.push({ op: 'lit', bytes: p.subarray(i + 2, i + 2 + n), at, size: 2 + n });
          i += 2 + n;
          break;
        }
        case SP.restorePos:
        case SP.pushState:
        case SP.popState:
          out.push({ op: 'state', code: b, at, size: 1 });
          i += 1;
          break;
        case SP.jneExt:
          need(3, 'long jump');
          out.push({ op: 'jne', target: i + 3 + (p[i + 1] | (p[i + 2] << 8)) + 0x81, at, size: 3 });
          i += 3;
          break;
        case SP.success:
          out.push({ op: 'success', at, size: 1 });
          i += 1;
          break;
        case SP.range: {
          need(2, 'character range');
          const flags = p[i + 1];
          const count = (flags & 0x7f) + 1;
          need(2 + 2 * count, 'character range');
          const ranges: Array<[number, number]> = [];
          for (let k = 0; k < count; k++) ranges.push([p[i + 2 + 2 * k], p[i + 3 + 2 * k]]);
          out.push({ op: 'range', ranges, negated: (flags & 0x80) !== 0, at, size: 2 + 2 * count });
          i += 2 + 2 * count;
          break;
        }
        case SP.assert:
          out.push({ op: 'assert', at, size: 1 });
          i += 1;
          break;
        default:
          throw new ProgramError(`unknown string-program opcode 0x${b.toString(16).padStart(2, '0')} at offset ${i}`, i);
      }
    }
  }
  return out;
}

/** A run of literal bytes (the literals' own slices of the program, in order), or a piece of regex text. */
type Piece = { kind: 'bytes'; parts: Uint8Array[] } | { kind: 'regex'; text: string };

/**
 * Where a path through the program stands: the pieces matched so far, whether the end of the string was
 * asserted, whether the match may start anywhere in the string (a leading 03 scan), and the positions saved
 * by 06 (innermost last). Shared between paths, so never changed in place.
 */
interface Cursor {
  pieces: Piece[];
  atEnd: boolean;
  anywhere: boolean;
  /** A named pattern variable was read (as its text `${NAME}`). */
  vars: boolean;
  saved: Cursor[];
}

export interface DecodedProgram {
  /** What the program accepts, as OR-ed arguments (literal / prefix / subpath, or regex where needed). */
  alternatives: StringMatch[];
  /** Set when the reading dropped a constraint (negative tests, unnamed variables): the alternatives approximate. */
  approximate?: string;
}

export interface ProgramReadOptions {
  /**
   * The profile's pattern-variable names by index (its variable table: HOME, FRONT_USER_HOME ...). A variable
   * reference is written `${NAME}`, as SBPL strings write them; without a name it is read as ".*" (approximate).
   */
  variables?: ReadonlyArray<string | undefined>;
}

const MAX_PATHS = 4096;
const MAX_STEPS = 200_000;

/** Read a program back into the strings it accepts. Throws ProgramError (with offset) on malformed input. */
export function decodeStringProgram(p: Uint8Array, options: ProgramReadOptions = {}): DecodedProgram {
  const ins = parseProgram(p);
  // instruction number at each offset (-1 inside an instruction); one more slot for "just past the end"
  const byOffset = new Int32Array(p.length + 1).fill(-1);
  for (let k = 0; k < ins.length; k++) byOffset[ins[k].at] = k;
  const results: Cursor[] = [];
  let approximate: string | undefined;
  let steps = 0;
  // explicit stack of paths: instruction index and cursor
  const stack: Array<{ k: number; c: Cursor }> = [{ k: 0, c: { pieces: [], atEnd: false, anywhere: false, vars: false, saved: [] } }];
  while (stack.length > 0) {
    let { k, c } = stack.pop()!;
    for (;;) {
      if (++steps > MAX_STEPS) throw new ProgramError('string program too complex to read back', 0);
      if (k >= ins.length) break; // ran off the end: rejected
      const x = ins[k];
      if (x.op === 'success') {
        results.push(c);
        if (results.length > MAX_PATHS) throw new ProgramError(`string program accepts more than ${MAX_PATHS} strings`, x.at);
        break;
      }
      if (x.op === 'assert') {
        k++;
        continue;
      }
      if (x.op === 'jne') {
        // a jump not preceded by a test: both ways are possible
        stack.push({ k: jumpTo(ins, byOffset, p, x, x.target), c });
        k++;
        continue;
      }
      if (x.op === 'callback') {
        const name = options.variables?.[x.index];
        if (name === undefined) {
          approximate ??= `the program refers to pattern variable ${x.index}, which has no name here: read as ".*"`;
          c = { ...c, pieces: [...c.pieces, { kind: 'regex', text: '.*' }] };
        } else c = { ...c, vars: true, pieces: appendBytes(c.pieces, utf8.encode(`\${${name}}`)) };
        k++;
        continue;
      }
      if (x.op === 'state') {
        c = positionOp(x, c, (why) => (approximate ??= why));
        k++;
        continue;
      }
      // a test: literal, end of string, class, byte scan
      const next = ins[k + 1];
      const onSuccess = c.atEnd && x.op !== 'eos' ? null : afterTest(x, c); // nothing can follow the end
      if (next && next.op === 'jne') {
        // failure path: the test did not hold (negative constraint dropped)
        // trie siblings start with different bytes, so "not this literal" is implied; other tests lose it
        if (x.op !== 'lit') approximate ??= 'a negative test was dropped when reading alternatives';
        stack.push({ k: jumpTo(ins, byOffset, p, next, next.target), c });
        if (!onSuccess) break;
        c = onSuccess;
        k += 2;
        continue;
      }
      if (!onSuccess) break;
      c = onSuccess;
      k += next && next.op === 'assert' ? 2 : 1;
    }
  }
  if (results.some((r) => r.vars && (r.anywhere || r.pieces.some((x) => x.kind === 'regex')))) {
    approximate ??= 'a pattern variable inside a regex is written as the text ${NAME}, which the regex matches literally';
  }
  return { alternatives: toMatches(results), approximate };
}

/**
 * 06 saves the position, 05 goes back to the last saved one, 07 drops it [X: the 06 / 05 pairs of the real
 * blobs in ../shared: 06, a test whose failure jumps to 05, then a second alternative from the same position;
 * SandBlaster's reading of 05 cuts the path back to the 06]. Tests passed between the save and the restore
 * were a look-ahead whose constraint is dropped (noted).
 */
function positionOp(x: Extract<Instr, { op: 'state' }>, c: Cursor, note: (why: string) => void): Cursor {
  if (x.code === SP.pushState) return { ...c, saved: [...c.saved, c] };
  const top = c.saved[c.saved.length - 1];
  if (top === undefined) {
    const what = x.code === SP.restorePos ? 'restore position (05)' : 'drop saved position (07)';
    throw new ProgramError(`string-program ${what} at offset ${x.at} has no position saved (06) before it on this path`, x.at);
  }
  if (x.code === SP.popState) return { ...c, saved: c.saved.slice(0, -1) };
  if (c.pieces !== top.pieces) note('a look-ahead test (between a saved position and its restore) was dropped');
  return { ...top, saved: c.saved };
}

/** The cursor after test `x` held. */
function afterTest(x: Exclude<Instr, { op: 'success' | 'assert' | 'jne' | 'callback' | 'state' }>, c: Cursor): Cursor {
  switch (x.op) {
    case 'eos':
      return { ...c, atEnd: true };
    case 'lit':
      return { ...c, pieces: appendBytes(c.pieces, x.bytes) };
    case 'range': {
      const ranges = x.negated ? complementRanges(normalizeRanges(x.ranges)) : x.ranges;
      return { ...c, pieces: [...c.pieces, { kind: 'regex', text: atomText(ranges, x.at) }] };
    }
    case 'matchbyte': {
      // the string may start anywhere when the program opens with a scan for any earlier bytes
      if (x.code === SP.matchSeq && c.pieces.length === 0 && !c.anywhere) return { ...c, anywhere: true, pieces: appendBytes(c.pieces, Uint8Array.of(x.byte)) };
      return { ...c, pieces: appendScan(c.pieces, x) };
    }
  }
}

/**
 * [X] 03 b: any bytes, then b (`.*b`); 02 b: bytes other than b up to the first b (`[^b]*b`) (descriptor
 * MATCH_BYTE_READING). A class [^b] just before 02 b makes `[^b]+b`.
 */
function appendScan(pieces: Piece[], x: Extract<Instr, { op: 'matchbyte' }>): Piece[] {
  const b = escapeRegexBytes([x.byte]);
  if (x.code === SP.matchSeq) return [...pieces, { kind: 'regex', text: `.*${b}` }];
  const notB = atomText(complementRanges([[x.byte, x.byte]]), x.at);
  const last = pieces[pieces.length - 1];
  if (last !== undefined && last.kind === 'regex' && last.text === notB) return [...pieces.slice(0, -1), { kind: 'regex', text: `${notB}+${b}` }];
  return [...pieces, { kind: 'regex', text: `${notB}*${b}` }];
}

/** A byte set as regex text, or a located error when the dialect has no atom for it. */
function atomText(ranges: readonly ByteRange[], at: number): string {
  try {
    return byteSetText(ranges);
  } catch (e) {
    if (e instanceof RegexCodeError) throw new ProgramError(`string-program byte test at offset ${at}: ${e.message}`, at);
    throw e;
  }
}

/** Instruction number a jump lands on (the end of the program counts); only forward jumps. */
function jumpTo(ins: Instr[], byOffset: Int32Array, p: Uint8Array, from: Instr, target: number): number {
  const k = target < byOffset.length ? byOffset[target] : -1;
  if (k < 0) {
    if (target === p.length) return ins.length;
    throw new ProgramError(`jump at offset ${from.at} lands at ${target}, which is not an instruction boundary`, from.at);
  }
  if (target <= from.at) throw new ProgramError(`jump at offset ${from.at} goes backwards (to ${target}): string programs only jump forward`, from.at);
  return k;
}

/** The pieces with `bytes` appended (merged into a trailing run of bytes); `pieces` is shared, so copied. */
function appendBytes(pieces: Piece[], bytes: Uint8Array): Piece[] {
  const last = pieces[pieces.length - 1];
  if (last !== undefined && last.kind === 'bytes') {
    const out = pieces.slice(0, -1);
    const parts = last.parts.slice();
    parts.push(bytes);
    out.push({ kind: 'bytes', parts });
    return out;
  }
  const out = pieces.slice();
  out.push({ kind: 'bytes', parts: [bytes] });
  return out;
}

/** The bytes of a run, as one array. */
function joined(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const x of parts) n += x.length;
  const out = new Uint8Array(n);
  n = 0;
  for (const x of parts) {
    out.set(x, n);
    n += x.length;
  }
  return out;
}

/** UTF-8 (invalid sequences replaced) to text. */
function textOf(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

function toMatches(results: Cursor[]): StringMatch[] {
  const plain: StringMatch[] = [];
  for (const r of results) {
    if (r.anywhere) {
      // found anywhere in the string: an unanchored regex
      const body = r.pieces.map((p) => (p.kind === 'bytes' ? escapeRegexBytes(joined(p.parts)) : p.text)).join('');
      plain.push({ kind: 'regex', source: `${body}${r.atEnd ? '$' : ''}` });
    } else if (r.pieces.length === 1 && r.pieces[0].kind === 'bytes') {
      const text = textOf(joined(r.pieces[0].parts));
      plain.push(r.atEnd ? { kind: 'literal', value: text } : { kind: 'prefix', value: text });
    } else if (r.pieces.length === 0) {
      plain.push(r.atEnd ? { kind: 'literal', value: '' } : { kind: 'prefix', value: '' });
    } else {
      const body = r.pieces.map((p) => (p.kind === 'bytes' ? escapeRegexBytes(joined(p.parts)) : p.text)).join('');
      plain.push({ kind: 'regex', source: `^${body}${r.atEnd ? '$' : ''}` });
    }
  }
  // literal S + prefix S/ = subpath S (indexed, so thousands of strings stay linear)
  const literalAt = new Map<string, number[]>();
  const prefixAt = new Map<string, number[]>();
  plain.forEach((m, i) => {
    if (m.kind === 'literal' || m.kind === 'prefix') {
      const table = m.kind === 'literal' ? literalAt : prefixAt;
      const list = table.get(m.value) ?? [];
      list.push(i);
      table.set(m.value, list);
    }
  });
  const used = new Set<number>();
  const out: StringMatch[] = [];
  plain.forEach((m, i) => {
    if (used.has(i)) return;
    used.add(i);
    if (m.kind === 'literal') {
      const j = take(prefixAt, m.value + '/', used);
      if (j !== undefined) {
        used.add(j);
        out.push({ kind: 'subpath', value: m.value });
        return;
      }
    }
    if (m.kind === 'prefix' && m.value.endsWith('/') && m.value.length > 1) {
      const j = take(literalAt, m.value.slice(0, -1), used);
      if (j !== undefined) {
        used.add(j);
        out.push({ kind: 'subpath', value: m.value.slice(0, -1) });
        return;
      }
    }
    out.push(m);
  });
  return out;
}

/** The first not yet used index listed for `value`. */
function take(table: Map<string, number[]>, value: string, used: Set<number>): number | undefined {
  const list = table.get(value);
  if (!list) return undefined;
  while (list.length > 0 && used.has(list[0])) list.shift();
  return list[0];
}
