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

import {
  JNE_SHORT_MAX,
  LITERAL_EXT_MAX,
  LITERAL_EXT_MIN,
  LITERAL_SHORT_MAX,
  MATCH_BYTE_READING,
  SP,
  SUBPATH_TRAILING_SLASH,
} from './descriptor.js';
import type { StringMatch } from '../../sbpl/profile.js';

export type PatternArg = Extract<StringMatch, { kind: 'literal' | 'prefix' | 'subpath' }>;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

interface TrieNode {
  children: Map<number, TrieNode>;
  end: boolean;
  all: boolean;
}

function newNode(): TrieNode {
  return { children: new Map(), end: false, all: false };
}

function walk(root: TrieNode, bytes: Uint8Array): TrieNode {
  let n = root;
  for (const b of bytes) {
    let c = n.children.get(b);
    if (!c) {
      c = newNode();
      n.children.set(b, c);
    }
    n = c;
  }
  return n;
}

/** Normalised subpath value (descriptor SUBPATH_TRAILING_SLASH). */
export function subpathBase(value: string): string {
  if (SUBPATH_TRAILING_SLASH === 'strip' && value.length > 1 && value.endsWith('/')) return value.replace(/\/+$/, '') || '/';
  return value;
}

/** Encode the OR of `alts` (in source order) as one string program. */
export function encodeStringProgram(alts: readonly PatternArg[]): Uint8Array {
  if (alts.length === 0) throw new Error('encodeStringProgram: no strings');
  const root = newNode();
  for (const a of alts) {
    if (a.kind === 'literal') walk(root, utf8.encode(a.value)).end = true;
    else if (a.kind === 'prefix') walk(root, utf8.encode(a.value)).all = true;
    else {
      const v = subpathBase(a.value);
      if (v === '/') walk(root, utf8.encode('/')).all = true;
      else {
        walk(root, utf8.encode(v)).end = true;
        walk(root, utf8.encode(v + '/')).all = true;
      }
    }
  }
  const out: number[] = [];
  emitNode(root, out);
  return Uint8Array.from(out);
}

interface Edge {
  label: number[];
  target: TrieNode;
  order: number;
}

function edgesOf(n: TrieNode): Edge[] {
  const edges: Edge[] = [];
  let order = 0;
  for (const [b, child] of n.children) {
    const label = [b];
    let t = child;
    while (!t.end && !t.all && t.children.size === 1) {
      const [[nb, nc]] = t.children;
      label.push(nb);
      t = nc;
    }
    edges.push({ label, target: t, order: order++ });
  }
  // descriptor TRIE_CHILD_ORDER: shorter label first, ties in insertion (source) order
  edges.sort((a, b) => a.label.length - b.label.length || a.order - b.order);
  return edges;
}

function emitNode(n: TrieNode, out: number[]): void {
  if (n.all) {
    out.push(SP.success);
    return;
  }
  const edges = edgesOf(n);
  edges.forEach((e, i) => {
    const last = i === edges.length - 1 && !n.end;
    const chunks = splitLabel(e.label);
    const rest: number[] = [];
    for (let c = 1; c < chunks.length; c++) {
      pushLiteral(chunks[c], rest);
      rest.push(SP.assert);
    }
    emitNode(e.target, rest);
    pushLiteral(chunks[0], out);
    if (last) out.push(SP.assert);
    else pushJne(rest.length, out);
    for (const b of rest) out.push(b);
  });
  if (n.end) out.push(SP.assertEos, SP.assert, SP.success);
}

function splitLabel(label: number[]): number[][] {
  const chunks: number[][] = [];
  for (let i = 0; i < label.length; i += LITERAL_EXT_MAX) chunks.push(label.slice(i, i + LITERAL_EXT_MAX));
  return chunks;
}

function pushLiteral(bytes: number[], out: number[]): void {
  if (bytes.length <= LITERAL_SHORT_MAX) out.push(SP.literalShortFirst + bytes.length - 1);
  else out.push(SP.literalExt, bytes.length - LITERAL_EXT_MIN);
  for (const b of bytes) out.push(b);
}

function pushJne(skip: number, out: number[]): void {
  if (skip < 1) throw new Error('string program: empty alternative');
  if (skip <= JNE_SHORT_MAX) out.push(SP.jneShortFirst + skip - 1);
  else {
    const v = skip - 0x81;
    if (v > 0xffff) throw new Error(`string program: alternative of ${skip} bytes is too long to skip`);
    out.push(SP.jneExt, v & 0xff, v >> 8);
  }
}

// ---------------------------------------------------------------------------------------------------
// Decoding

export class ProgramError extends Error {
  constructor(
    message: string,
    /** Offset into the program. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ProgramError';
  }
}

type Instr =
  | { op: 'lit'; bytes: Uint8Array; at: number; size: number }
  | { op: 'eos'; at: number; size: number }
  | { op: 'range'; ranges: Array<[number, number]>; negated: boolean; at: number; size: number }
  | { op: 'matchbyte'; byte: number; at: number; size: number }
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
          out.push({ op: 'matchbyte', byte: p[i + 1], at, size: 2 });
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

type Piece = { kind: 'bytes'; bytes: number[] } | { kind: 'regex'; text: string };

export interface DecodedProgram {
  /** What the program accepts, as OR-ed arguments (literal / prefix / subpath, or regex where needed). */
  alternatives: StringMatch[];
  /** Set when the reading dropped a constraint (negative tests, variables): the alternatives approximate. */
  approximate?: string;
}

const MAX_PATHS = 4096;
const MAX_STEPS = 200_000;

/** Read a program back into the strings it accepts. Throws ProgramError (with offset) on malformed input. */
export function decodeStringProgram(p: Uint8Array): DecodedProgram {
  const ins = parseProgram(p);
  const byOffset = new Map<number, number>();
  ins.forEach((x, k) => byOffset.set(x.at, k));
  const results: Array<{ pieces: Piece[]; atEnd: boolean }> = [];
  let approximate: string | undefined;
  let steps = 0;
  // explicit stack of paths: instruction index, pieces so far, end-of-string asserted
  const stack: Array<{ k: number; pieces: Piece[]; atEnd: boolean }> = [{ k: 0, pieces: [], atEnd: false }];
  const jumpTo = (from: Instr, target: number): number => {
    const k = byOffset.get(target);
    if (k === undefined) {
      if (target === p.length) return ins.length;
      throw new ProgramError(`jump at offset ${from.at} lands at ${target}, which is not an instruction boundary`, from.at);
    }
    if (target <= from.at) throw new ProgramError(`jump at offset ${from.at} goes backwards (to ${target}): string programs only jump forward`, from.at);
    return k;
  };
  while (stack.length > 0) {
    const s = stack.pop()!;
    let { k, pieces, atEnd } = s;
    for (;;) {
      if (++steps > MAX_STEPS) throw new ProgramError('string program too complex to read back', 0);
      if (k >= ins.length) break; // ran off the end: rejected
      const x = ins[k];
      if (x.op === 'success') {
        results.push({ pieces, atEnd });
        if (results.length > MAX_PATHS) throw new ProgramError(`string program accepts more than ${MAX_PATHS} strings`, x.at);
        break;
      }
      if (x.op === 'assert') {
        k++;
        continue;
      }
      if (x.op === 'jne') {
        // a jump not preceded by a test: both ways are possible
        stack.push({ k: jumpTo(x, x.target), pieces, atEnd });
        k++;
        continue;
      }
      if (x.op === 'callback') {
        approximate = 'the program refers to pattern variables, read as ".*"';
        pieces = [...pieces, { kind: 'regex', text: '.*' }];
        k++;
        continue;
      }
      if (x.op === 'state') {
        throw new ProgramError(`string-program opcode 0x0${x.code} (position save/restore) at offset ${x.at} is not supported`, x.at);
      }
      // a test: literal, end of string, class, byte match
      const next = ins[k + 1];
      let onSuccess: { pieces: Piece[]; atEnd: boolean } | null;
      if (x.op === 'eos') onSuccess = { pieces, atEnd: true };
      else if (atEnd) onSuccess = null; // nothing can follow the end
      else if (x.op === 'lit') onSuccess = { pieces: appendBytes(pieces, x.bytes), atEnd };
      else if (x.op === 'range') onSuccess = { pieces: [...pieces, { kind: 'regex', text: classText(x.ranges, x.negated) }], atEnd };
      else onSuccess = { pieces: [...pieces, { kind: 'regex', text: MATCH_BYTE_READING === '.+b' ? `.+${escapeRegexByte(x.byte)}` : '' }], atEnd };
      if (next && next.op === 'jne') {
        // failure path: the test did not hold (negative constraint dropped)
        // trie siblings start with different bytes, so "not this literal" is implied; other tests lose it
        if (x.op !== 'lit') approximate ??= 'a negative test was dropped when reading alternatives';
        stack.push({ k: jumpTo(next, next.target), pieces, atEnd });
        if (!onSuccess) break;
        ({ pieces, atEnd } = onSuccess);
        k += 2;
        continue;
      }
      if (!onSuccess) break;
      ({ pieces, atEnd } = onSuccess);
      k += next && next.op === 'assert' ? 2 : 1;
    }
  }
  return { alternatives: toMatches(results), approximate };
}

function appendBytes(pieces: Piece[], bytes: Uint8Array): Piece[] {
  const last = pieces[pieces.length - 1];
  if (last && last.kind === 'bytes') return [...pieces.slice(0, -1), { kind: 'bytes', bytes: [...last.bytes, ...bytes] }];
  return [...pieces, { kind: 'bytes', bytes: [...bytes] }];
}

function toMatches(results: Array<{ pieces: Piece[]; atEnd: boolean }>): StringMatch[] {
  const plain: StringMatch[] = [];
  for (const r of results) {
    if (r.pieces.length === 1 && r.pieces[0].kind === 'bytes') {
      const text = utf8Decoder.decode(Uint8Array.from(r.pieces[0].bytes));
      plain.push(r.atEnd ? { kind: 'literal', value: text } : { kind: 'prefix', value: text });
    } else if (r.pieces.length === 0) {
      plain.push(r.atEnd ? { kind: 'literal', value: '' } : { kind: 'prefix', value: '' });
    } else {
      const body = r.pieces.map((p) => (p.kind === 'bytes' ? escapeRegexBytes(p.bytes) : p.text)).join('');
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
  const take = (table: Map<string, number[]>, value: string): number | undefined => {
    const list = table.get(value);
    if (!list) return undefined;
    while (list.length > 0 && used.has(list[0])) list.shift();
    return list[0];
  };
  const out: StringMatch[] = [];
  plain.forEach((m, i) => {
    if (used.has(i)) return;
    used.add(i);
    if (m.kind === 'literal') {
      const j = take(prefixAt, m.value + '/');
      if (j !== undefined) {
        used.add(j);
        out.push({ kind: 'subpath', value: m.value });
        return;
      }
    }
    if (m.kind === 'prefix' && m.value.endsWith('/') && m.value.length > 1) {
      const j = take(literalAt, m.value.slice(0, -1));
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

const REGEX_META = new Set([...'\\.^$|()[]{}*+?']);

/** Bytes as Apple-dialect regex text: metacharacters escaped, UTF-8 sequences kept as characters. */
export function escapeRegexBytes(bytes: readonly number[]): string {
  const text = utf8Decoder.decode(Uint8Array.from(bytes));
  let s = '';
  for (const ch of text) s += REGEX_META.has(ch) ? '\\' + ch : ch;
  return s;
}

function escapeRegexByte(b: number): string {
  return escapeRegexBytes([b]);
}

function classText(ranges: Array<[number, number]>, negated: boolean): string {
  const member = (b: number) => {
    const c = String.fromCharCode(b);
    return c === ']' || c === '\\' || c === '^' || c === '-' ? '\\' + c : c;
  };
  return `[${negated ? '^' : ''}${ranges.map(([lo, hi]) => (lo === hi ? member(lo) : `${member(lo)}-${member(hi)}`)).join('')}]`;
}
