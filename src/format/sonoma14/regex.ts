// Regex data items: the Thompson NFA of src/decide/regex serialised as AppleMatch-style byte code
// (descriptor.ts REGEX), and read back into dialect source text by state elimination.

import { buildNfa, checkRegex, MAX_GROUP_DEPTH, MAX_NFA_STATES, parseRegex, type ByteRange, type Nfa, type NfaState, type RegexNode } from '../../decide/regex/index.js';
import { REGEX } from './descriptor.js';

export class RegexCodeError extends Error {
  constructor(
    message: string,
    /** Offset into the item payload. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'RegexCodeError';
  }
}

const HEADER = 6; // u32 magic + u16 code length

/** Compile dialect source to an item payload (magic, length, code). Throws the parser's errors. */
export function encodeRegex(source: string): Uint8Array {
  const nfa = buildNfa(parseRegex(source).ast);
  const code = emitCode(nfa);
  if (code.length > 0xffff) throw new RegexCodeError(`regex ${JSON.stringify(source)} compiles to ${code.length} bytes of code (limit 65535)`, 0);
  const out = new Uint8Array(HEADER + code.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, REGEX.magic, true);
  dv.setUint16(4, code.length, true);
  out.set(code, HEADER);
  return out;
}

function complement(ranges: readonly ByteRange[]): ByteRange[] {
  const out: ByteRange[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 255) out.push([next, 255]);
  return out;
}

// Laid-out instructions: one entry per instruction, in code order (targets are resolved when writing).
const I_CHAR = 0; // arg = the byte
const I_CLASS = 1; // ranges
const I_FIXED = 2; // arg = the opcode
const I_DEAD = 3; // matches nothing: "$" then "."
const I_FORK = 4; // arg = target
const I_GOTO = 5; // arg = target

/**
 * Lays out the instructions of an NFA in one pass. Targets are base state ids (>= 0) or, for the states
 * holding the rest of a class with more ranges than one instruction holds, -(extra index + 1).
 */
class CodeLayout {
  readonly kinds: number[] = [];
  readonly args: number[] = [];
  readonly classes: Array<readonly ByteRange[] | null> = [];
  readonly extras: Array<{ ranges: readonly ByteRange[]; out: number }> = [];
  private readonly extraAt: number[] = [];
  private readonly stateAt: Int32Array;
  private size = 0;

  constructor(n: number) {
    this.stateAt = new Int32Array(n).fill(-1);
  }

  private push(kind: number, arg: number, ranges: readonly ByteRange[] | null): void {
    this.kinds.push(kind);
    this.args.push(arg);
    this.classes.push(ranges);
    this.size += kind === I_CHAR || kind === I_DEAD ? 2 : kind === I_FIXED ? 1 : kind === I_CLASS ? 1 + 2 * ranges!.length : 3;
  }

  private bytes(ranges: readonly ByteRange[]): void {
    if (ranges.length === 1 && ranges[0][0] === ranges[0][1]) this.push(I_CHAR, ranges[0][0], null);
    else this.push(I_CLASS, 0, ranges);
  }

  /** A byte-set state: its class (split when longer than one instruction holds), then its successor. */
  private byteSet(ranges: readonly ByteRange[], out: number, next: number): void {
    if (ranges.length === 0) {
      this.push(I_DEAD, 0, null); // matches nothing: a dead end
      return;
    }
    if (ranges.length <= REGEX.maxRangesPerClass) {
      this.bytes(ranges);
      if (out !== next) this.push(I_GOTO, out, null);
      return;
    }
    // more ranges than one class holds: fork to a state holding the rest, both continue to `out`
    this.extras.push({ ranges: ranges.slice(REGEX.maxRangesPerClass), out });
    this.push(I_FORK, -this.extras.length, null);
    this.bytes(ranges.slice(0, REGEX.maxRangesPerClass));
    this.push(I_GOTO, out, null);
  }

  /** State `id`, followed in the code by state `next` (-1: none), so `out === next` falls through. */
  state(id: number, s: NfaState, next: number): void {
    this.stateAt[id] = this.size;
    switch (s.kind) {
      case 'bytes':
        this.byteSet(s.negated ? complement(s.ranges) : s.ranges, s.out, next);
        return;
      case 'any':
      case 'bol':
      case 'eol':
        this.push(I_FIXED, s.kind === 'any' ? REGEX.any : s.kind === 'bol' ? REGEX.start : REGEX.end, null);
        if (s.out !== next) this.push(I_GOTO, s.out, null);
        return;
      case 'split':
        this.push(I_FORK, s.out2, null);
        if (s.out !== next) this.push(I_GOTO, s.out, null);
        return;
      case 'eps':
        if (s.out !== next) this.push(I_GOTO, s.out, null);
        return;
      case 'match':
        this.push(I_FIXED, REGEX.match, null);
        return;
    }
  }

  /** Extra state `e` (placed after every base state, in creation order; may create more extras). */
  extra(e: number): void {
    this.extraAt[e] = this.size;
    const x = this.extras[e];
    this.byteSet(x.ranges, x.out, -1);
  }

  write(): Uint8Array {
    const out = new Uint8Array(this.size);
    const { kinds, args, classes } = this;
    let i = 0;
    for (let k = 0; k < kinds.length; k++) {
      switch (kinds[k]) {
        case I_CHAR:
          out[i++] = REGEX.char;
          out[i++] = args[k];
          break;
        case I_CLASS: {
          const ranges = classes[k]!;
          out[i++] = (ranges.length << 4) | REGEX.classLowNibble;
          for (const [lo, hi] of ranges) {
            out[i++] = lo;
            out[i++] = hi;
          }
          break;
        }
        case I_FIXED:
          out[i++] = args[k];
          break;
        case I_DEAD:
          // dead end: "$" then "." can never both hold
          out[i++] = REGEX.end;
          out[i++] = REGEX.any;
          break;
        default: {
          const to = args[k];
          const t = to >= 0 ? this.stateAt[to] : this.extraAt[-to - 1];
          if (t === undefined || t < 0) throw new RegexCodeError(`internal: jump to unplaced state ${to}`, i);
          out[i++] = kinds[k] === I_FORK ? REGEX.fork : REGEX.jump;
          out[i++] = t & 0xff;
          out[i++] = t >> 8;
        }
      }
    }
    return out;
  }
}

function emitCode(nfa: Nfa): Uint8Array {
  const states = nfa.states;
  // order: depth-first from the start, `out` before `out2`, so most successors fall through
  const order: number[] = [];
  const seen = new Uint8Array(states.length);
  const todo = [nfa.start];
  while (todo.length > 0) {
    let id = todo.pop()!;
    while (!seen[id]) {
      seen[id] = 1;
      order.push(id);
      const s = states[id];
      if (s.kind === 'split') todo.push(s.out2);
      if (s.kind === 'match') break;
      id = s.out;
    }
  }
  const layout = new CodeLayout(states.length);
  for (let i = 0; i < order.length; i++) layout.state(order[i], states[order[i]], i + 1 < order.length ? order[i + 1] : -1);
  // states appended while splitting classes with more ranges than one instruction holds
  for (let e = 0; e < layout.extras.length; e++) layout.extra(e);
  return layout.write();
}

// ---------------------------------------------------------------------------------------------------
// Decoding

// Automaton tables: what state elimination reads, straight from byte code (decodeRegex) or from an Nfa.
const K_SET = 0;
const K_ANY = 1;
const K_BOL = 2;
const K_EOL = 3;
const K_SPLIT = 4;
const K_EPS = 5;
const K_MATCH = 6;

interface Tables {
  n: number;
  start: number;
  kind: Uint8Array;
  out: Int32Array;
  out2: Int32Array;
  /** K_SET: the bytes consumed (negation applied); null for an empty, non-negated set, which adds no edge. */
  sets: Array<readonly ByteRange[] | null>;
}

/**
 * [b, b] for every byte: the ranges of a char instruction, shared by every table and Re node (internal: they
 * are never changed, and regexPayloadToNfa hands out copies). Not frozen: frozen arrays leave V8's fast paths.
 */
const BYTE_RANGES: ReadonlyArray<readonly ByteRange[]> = Array.from({ length: 256 }, (_, b): ByteRange[] => [[b, b]]);

/** Validate a regex item payload and read its instructions into tables (one state per instruction, then dead). */
function readCode(payload: Uint8Array): Tables {
  if (payload.length < HEADER) throw new RegexCodeError(`regex item of ${payload.length} bytes is shorter than its 6-byte header`, 0);
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const magic = dv.getUint32(0, true);
  if (magic !== REGEX.magic) throw new RegexCodeError(`regex item magic is 0x${magic.toString(16)}, expected 0x${REGEX.magic.toString(16)}`, 0);
  const len = dv.getUint16(4, true);
  if (HEADER + len > payload.length) throw new RegexCodeError(`regex code length ${len} runs past the item (${payload.length - HEADER} bytes)`, 4);
  const code = payload.subarray(HEADER, HEADER + len);
  // first pass: instruction boundaries (index: code offset -> instruction number, -1 inside an instruction)
  const starts: number[] = [];
  const index = new Int32Array(code.length).fill(-1);
  let i = 0;
  while (i < code.length) {
    const b = code[i];
    let size: number;
    if (b === REGEX.char) size = 2;
    else if (b === REGEX.any || b === REGEX.start || b === REGEX.end) size = 1;
    else if (b === REGEX.fork) size = 3;
    else if ((b & 0x0f) === REGEX.match) size = 1;
    else if ((b & 0x0f) === REGEX.jump) size = 3;
    else if ((b & 0x0f) === REGEX.classLowNibble) {
      const n = b >> 4;
      if (n === 0) throw new RegexCodeError(`character class with no ranges at code offset ${i}`, HEADER + i);
      size = 1 + 2 * n;
    } else throw new RegexCodeError(`unknown regex opcode 0x${b.toString(16).padStart(2, '0')} at code offset ${i}`, HEADER + i);
    if (i + size > code.length) throw new RegexCodeError(`regex instruction at code offset ${i} runs past the end of the code`, HEADER + i);
    index[i] = starts.length;
    starts.push(i);
    i += size;
  }
  const dead = starts.length; // state after the last instruction: matches nothing
  const n = dead + 1;
  const kind = new Uint8Array(n);
  const out = new Int32Array(n);
  const out2 = new Int32Array(n);
  const sets: Array<readonly ByteRange[] | null> = new Array(n).fill(null);
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k];
    const b = code[s];
    out[k] = k + 1 < starts.length ? k + 1 : dead;
    if (b === REGEX.char) {
      kind[k] = K_SET;
      sets[k] = BYTE_RANGES[code[s + 1]];
    } else if (b === REGEX.any) kind[k] = K_ANY;
    else if (b === REGEX.start) kind[k] = K_BOL;
    else if (b === REGEX.end) kind[k] = K_EOL;
    else if (b === REGEX.fork) {
      kind[k] = K_SPLIT;
      out2[k] = jumpTarget(code, index, s);
    } else if ((b & 0x0f) === REGEX.match) kind[k] = K_MATCH;
    else if ((b & 0x0f) === REGEX.jump) {
      kind[k] = K_EPS;
      out[k] = jumpTarget(code, index, s);
    } else {
      const ranges: ByteRange[] = [];
      for (let r = 0; r < b >> 4; r++) {
        const lo = code[s + 1 + 2 * r];
        const hi = code[s + 2 + 2 * r];
        if (lo > hi) throw new RegexCodeError(`reversed range ${lo}-${hi} in class at code offset ${s}`, HEADER + s);
        ranges.push([lo, hi]);
      }
      kind[k] = K_SET;
      sets[k] = ranges;
    }
  }
  kind[dead] = K_SET; // dead: consumes nothing, goes nowhere
  out[dead] = dead;
  return { n, start: starts.length > 0 ? 0 : dead, kind, out, out2, sets };
}

/** Instruction number of the u16 target of the jump at code offset `at`. */
function jumpTarget(code: Uint8Array, index: Int32Array, at: number): number {
  const t = code[at + 1] | (code[at + 2] << 8);
  const k = t < index.length ? index[t] : -1;
  if (k < 0) throw new RegexCodeError(`regex jump at code offset ${at} targets ${t}, not an instruction`, HEADER + at);
  return k;
}

/** Parse a regex item payload into an NFA over its instructions (the last state, after the code, is dead). */
export function regexPayloadToNfa(payload: Uint8Array): Nfa {
  const t = readCode(payload);
  const states: NfaState[] = [];
  for (let k = 0; k < t.n; k++) {
    switch (t.kind[k]) {
      case K_SET:
        states.push({ kind: 'bytes', ranges: (t.sets[k] ?? []).map(([lo, hi]): ByteRange => [lo, hi]), negated: false, out: t.out[k] });
        break;
      case K_ANY:
        states.push({ kind: 'any', out: t.out[k] });
        break;
      case K_BOL:
        states.push({ kind: 'bol', out: t.out[k] });
        break;
      case K_EOL:
        states.push({ kind: 'eol', out: t.out[k] });
        break;
      case K_SPLIT:
        states.push({ kind: 'split', out: t.out[k], out2: t.out2[k] });
        break;
      case K_EPS:
        states.push({ kind: 'eps', out: t.out[k] });
        break;
      default:
        states.push({ kind: 'match' });
    }
  }
  return { states, start: t.start };
}

/** Tables of any NFA (negated sets become their complement). */
function tablesOf(nfa: Nfa): Tables {
  const n = nfa.states.length;
  const kind = new Uint8Array(n);
  const out = new Int32Array(n);
  const out2 = new Int32Array(n);
  const sets: Array<readonly ByteRange[] | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const s = nfa.states[i];
    switch (s.kind) {
      case 'bytes':
        kind[i] = K_SET;
        out[i] = s.out;
        if (s.ranges.length > 0 || s.negated) sets[i] = s.negated ? complement(s.ranges) : s.ranges;
        break;
      case 'any':
      case 'bol':
      case 'eol':
      case 'eps':
        kind[i] = s.kind === 'any' ? K_ANY : s.kind === 'bol' ? K_BOL : s.kind === 'eol' ? K_EOL : K_EPS;
        out[i] = s.out;
        break;
      case 'split':
        kind[i] = K_SPLIT;
        out[i] = s.out;
        out2[i] = s.out2;
        break;
      case 'match':
        kind[i] = K_MATCH;
        break;
    }
  }
  return { n, start: nfa.start, kind, out, out2, sets };
}

const MAX_EXPR = 200_000;
/** Automata larger than this are not turned back into text (state elimination is cubic). */
const MAX_STATES = 2000;

/** Read a regex item back to dialect source text. Throws RegexCodeError when it cannot. */
export function decodeRegex(payload: Uint8Array): string {
  const { source, sure } = printTables(readCode(payload));
  // the text must be something the matcher accepts, or evaluation would fail later instead of here. The printer
  // only writes what the parser reads (test/format/regex-printer.test.ts checks this on random automata); what
  // it cannot vouch for (group nesting the parser refuses, an empty class, a huge expression) is parsed again.
  if (!sure) {
    const check = checkRegex(source);
    if (!check.ok) throw new RegexCodeError(`regex read back as ${JSON.stringify(source)}, which the regex parser rejects: ${check.message}`, 0);
  }
  return source;
}

// Regular expressions as a small algebra for state elimination. Nodes remember their size, and (once asked) a
// structural id: equal ids = equal structure, which is what alternation uses to drop duplicate branches. Every
// node has every field, in one order, so all kinds share one object shape.
interface ReBase {
  size: number;
  /** -1 until asked. */
  id: number;
}
type Re =
  | (ReBase & { t: 'eps' | 'any' | 'bol' | 'eol'; ranges: null; items: null; item: null })
  | (ReBase & { t: 'set'; ranges: readonly ByteRange[]; items: null; item: null })
  | (ReBase & { t: 'cat' | 'alt'; ranges: null; items: Re[]; item: null })
  | (ReBase & { t: 'star'; ranges: null; items: null; item: Re });

function atomRe(t: 'eps' | 'any' | 'bol' | 'eol'): Re {
  return { t, size: 1, id: -1, ranges: null, items: null, item: null };
}

function setRe(ranges: readonly ByteRange[]): Re {
  return { t: 'set', size: 1, id: -1, ranges, items: null, item: null };
}

function listRe(t: 'cat' | 'alt', items: Re[]): Re {
  let size = 1;
  for (const x of items) size += x.size;
  return { t, size, id: -1, ranges: null, items, item: null };
}

function starRe(item: Re): Re {
  return { t: 'star', size: 1 + item.size, id: -1, ranges: null, items: null, item };
}

// atoms carry no per-call data (their ids are fixed), so one node each serves every call
const EPS: Re = atomRe('eps');
const ANY: Re = atomRe('any');
const BOL: Re = atomRe('bol');
const EOL: Re = atomRe('eol');

/** Concatenation without flattening (nested cats are flattened when printed): O(parts), not O(length). */
function cat(a: Re, b: Re, c: Re): Re {
  if (a.t === 'eps') return cat2(b, c);
  if (b.t === 'eps') return cat2(a, c);
  if (c.t === 'eps') return listRe('cat', [a, b]);
  return listRe('cat', [a, b, c]);
}

function cat2(a: Re, b: Re): Re {
  if (a.t === 'eps') return b;
  if (b.t === 'eps') return a;
  return listRe('cat', [a, b]);
}

function flatCat(r: Re, into: Re[]): Re[] {
  if (r.t === 'cat') for (const x of r.items) flatCat(x, into);
  else into.push(r);
  return into;
}

function star(r: Re | null): Re {
  if (r === null || r.t === 'eps') return EPS;
  if (r.t === 'star') return r;
  return starRe(r);
}

/**
 * State elimination (GNFA) over an NFA with states 0..n-1, start S = n and accept A = n+1.
 *
 * The text depends on the order edges are visited, so the lists keep the order a map and a set would: each
 * state's out-edges in insertion order (a merged edge keeps its place, a new one goes last, a deleted one
 * leaves the rest in order) and its in-edges in creation order. Edges are only deleted when one of their ends is
 * eliminated, so a (from, to) pair is created at most once while both ends live: for a live source, its entry in
 * the in-list is the live edge itself. All edges sit in one typed array of links (no per-state lists).
 */
class Eliminator {
  private readonly S: number;
  private readonly A: number;
  /** Edge e is E[5e ..]: from, to, next out-edge of from, previous out-edge of from, next edge into to. */
  private E: Int32Array; // replaced by a larger copy when full: loops read it through `this`
  private readonly eRe: Re[] = [];
  private edges = 0;
  /** Per state, in blocks of W = n + 2: first out-edge, last out-edge, first in-edge, last in-edge, alive. */
  private readonly V: Int32Array;
  private readonly W: number;
  private readonly ids = new Map<string, number>();
  /** One node per byte for char states (nodes are per call: they memoize their id). */
  private readonly byteSets: Array<Re | undefined> = new Array(256);
  private total = 0;

  constructor(private readonly n: number) {
    this.S = n;
    this.A = n + 1;
    this.W = n + 2;
    this.E = new Int32Array(5 * (2 * n + 8));
    this.V = new Int32Array(5 * this.W).fill(-1, 0, 4 * this.W).fill(1, 4 * this.W, 4 * this.W + n);
  }

  /** Structural id (atoms fixed, the rest interned by kind and the ids of their parts). */
  private id(r: Re): number {
    switch (r.t) {
      case 'eps':
        return 0;
      case 'any':
        return 1;
      case 'bol':
        return 2;
      case 'eol':
        return 3;
    }
    if (r.id >= 0) return r.id;
    let k: string;
    if (r.t === 'set') {
      k = 's';
      for (const [a, b] of r.ranges) k += `${a}-${b},`;
    } else if (r.t === 'star') k = `x${this.id(r.item)}`;
    else {
      k = r.t === 'cat' ? 'c' : 'a';
      for (const x of r.items) k += `${this.id(x)},`;
    }
    let v = this.ids.get(k);
    if (v === undefined) {
      v = this.ids.size + 4;
      this.ids.set(k, v);
    }
    r.id = v;
    return v;
  }

  /** a | b, flattening alternations and dropping structurally equal branches (first one kept). */
  private alt(a: Re, b: Re): Re {
    const items: Re[] = [];
    const seen: number[] = [];
    this.altItems(a, items, seen);
    this.altItems(b, items, seen);
    return items.length === 1 ? items[0] : listRe('alt', items);
  }

  private altItems(p: Re, items: Re[], seen: number[]): void {
    if (p.t !== 'alt') {
      const k = this.id(p);
      if (!seen.includes(k)) {
        seen.push(k);
        items.push(p);
      }
      return;
    }
    for (const x of p.items) {
      const k = this.id(x);
      if (!seen.includes(k)) {
        seen.push(k);
        items.push(x);
      }
    }
  }

  private setOf(ranges: readonly ByteRange[]): Re {
    if (ranges.length !== 1 || ranges[0][0] !== ranges[0][1]) return setRe(ranges);
    const b = ranges[0][0];
    return (this.byteSets[b] ??= setRe(ranges));
  }

  private outEdge(from: number, to: number): number {
    const E = this.E;
    for (let e = this.V[from]; e >= 0; e = E[5 * e + 2]) if (E[5 * e + 1] === to) return e;
    return -1;
  }

  private add(from: number, to: number, r: Re): void {
    const at = this.outEdge(from, to);
    if (at >= 0) {
      const cur = this.eRe[at];
      const next = this.alt(cur, r);
      this.total += next.size - cur.size;
      if (this.total > MAX_EXPR) throw new RegexCodeError('regex automaton too complex to write back as text', 0);
      this.eRe[at] = next;
      return;
    }
    this.total += r.size;
    if (this.total > MAX_EXPR) throw new RegexCodeError('regex automaton too complex to write back as text', 0);
    if (5 * this.edges === this.E.length) {
      const more = new Int32Array(2 * this.E.length);
      more.set(this.E);
      this.E = more;
    }
    const { E, V, W } = this;
    const e = this.edges++;
    const tail = V[W + from];
    const b = 5 * e;
    // from, to, next out-edge (none yet), previous out-edge, next in-edge (none yet)
    E[b] = from;
    E[b + 1] = to;
    E[b + 2] = -1;
    E[b + 3] = tail;
    E[b + 4] = -1;
    this.eRe.push(r);
    // last in from's out-list
    if (tail >= 0) E[5 * tail + 2] = e;
    else V[from] = e;
    V[W + from] = e;
    // last in to's in-list
    const inTail = V[3 * W + to];
    if (inTail >= 0) E[5 * inTail + 4] = e;
    else V[2 * W + to] = e;
    V[3 * W + to] = e;
  }

  /** Take edge e out of its source's out-list (the rest keep their order). */
  private unlink(e: number): void {
    const { E, V, W } = this;
    const from = E[5 * e];
    const prev = E[5 * e + 3];
    const next = E[5 * e + 2];
    if (prev >= 0) E[5 * prev + 2] = next;
    else V[from] = next;
    if (next >= 0) E[5 * next + 3] = prev;
    else V[W + from] = prev;
  }

  private isAlive(k: number): boolean {
    return this.V[4 * this.W + k] === 1;
  }

  private liveSource(i: number): boolean {
    return i === this.S || (i < this.n && this.isAlive(i));
  }

  private liveTarget(j: number): boolean {
    return j === this.A || (j < this.n && this.isAlive(j));
  }

  /** Live sources of edges into k (not counting a loop). */
  private inDegree(k: number): number {
    const E = this.E;
    let d = 0;
    for (let e = this.V[2 * this.W + k]; e >= 0; e = E[5 * e + 4]) {
      const i = E[5 * e];
      if (i !== k && this.liveSource(i)) d++;
    }
    return d;
  }

  /** Live targets of edges out of k (not counting a loop). */
  private outDegree(k: number): number {
    const E = this.E;
    let d = 0;
    for (let e = this.V[k]; e >= 0; e = E[5 * e + 2]) {
      const j = E[5 * e + 1];
      if (j !== k && this.liveTarget(j)) d++;
    }
    return d;
  }

  private eliminate(k: number): void {
    this.V[4 * this.W + k] = 0;
    const self = this.outEdge(k, k);
    const loop = self < 0 ? EPS : star(this.eRe[self]);
    for (let ein = this.V[2 * this.W + k]; ein >= 0; ein = this.E[5 * ein + 4]) {
      const i = this.E[5 * ein];
      if (i === k || !this.liveSource(i)) continue;
      // a live source's in-list entry is its live edge i -> k
      const rik = this.eRe[ein];
      for (let eout = this.V[k]; eout >= 0; eout = this.E[5 * eout + 2]) {
        const j = this.E[5 * eout + 1];
        if (j === k || !this.liveTarget(j)) continue;
        this.add(i, j, cat(rik, loop, this.eRe[eout]));
      }
      this.total -= rik.size;
      this.unlink(ein);
    }
    // k's own edges go with it (the lists of a dead state are never read again)
    for (let e = this.V[k]; e >= 0; e = this.E[5 * e + 2]) this.total -= this.eRe[e].size;
  }

  run(t: Tables): Re | null {
    const { n, S, A } = this;
    this.add(S, t.start, EPS);
    for (let i = 0; i < n; i++) {
      switch (t.kind[i]) {
        case K_SET: {
          const ranges = t.sets[i];
          if (ranges !== null) this.add(i, t.out[i], this.setOf(ranges));
          break;
        }
        case K_ANY:
          this.add(i, t.out[i], ANY);
          break;
        case K_BOL:
          this.add(i, t.out[i], BOL);
          break;
        case K_EOL:
          this.add(i, t.out[i], EOL);
          break;
        case K_SPLIT:
          this.add(i, t.out[i], EPS);
          this.add(i, t.out2[i], EPS);
          break;
        case K_EPS:
          this.add(i, t.out[i], EPS);
          break;
        case K_MATCH:
          this.add(i, A, EPS);
          break;
      }
    }
    let left = n;
    // pass 1: states on a simple path (one way in, one way out, no loop) cost nothing to remove; removing one
    // can make its neighbours simple, so they go back on the work list
    const work: number[] = [];
    for (let k = n - 1; k >= 0; k--) work.push(k);
    while (work.length > 0) {
      const k = work.pop()!;
      if (!this.isAlive(k)) continue;
      if (this.outEdge(k, k) >= 0 || this.inDegree(k) > 1 || this.outDegree(k) > 1) continue;
      // neighbours, sources first (every source it ever had), before the elimination
      const E = this.E;
      for (let e = this.V[2 * this.W + k]; e >= 0; e = E[5 * e + 4]) {
        const x = E[5 * e];
        if (x < n && x !== k && this.isAlive(x)) work.push(x);
      }
      for (let e = this.V[k]; e >= 0; e = E[5 * e + 2]) {
        const x = E[5 * e + 1];
        if (x < n && x !== k && this.isAlive(x)) work.push(x);
      }
      this.eliminate(k);
      left--;
    }
    // pass 2: the rest, fewest paths through first
    while (left > 0) {
      let best = -1;
      let bestCost = Infinity;
      for (let k = 0; k < n; k++) {
        if (!this.isAlive(k)) continue;
        const cost = this.inDegree(k) * this.outDegree(k);
        if (cost < bestCost) {
          bestCost = cost;
          best = k;
          if (cost <= 1) break;
        }
      }
      this.eliminate(best);
      left--;
    }
    const at = this.outEdge(S, A);
    return at < 0 ? null : this.eRe[at];
  }
}

/** NFA -> dialect source by state elimination (GNFA). */
export function nfaToSource(nfa: Nfa): string {
  if (nfa.states.length > MAX_STATES) throw tooManyStates(nfa.states.length);
  return printTables(tablesOf(nfa)).source;
}

function tooManyStates(n: number): RegexCodeError {
  return new RegexCodeError(`regex automaton of ${n} states is too large to write back as text (limit ${MAX_STATES})`, 0);
}

/** The text, and whether the printer vouches that the regex parser accepts it. */
function printTables(t: Tables): { source: string; sure: boolean } {
  const n = t.n;
  if (n > MAX_STATES) throw tooManyStates(n);
  const r = new Eliminator(n).run(t);
  if (!r) return { source: '$.', sure: true }; // matches nothing: end of string followed by a byte
  const p = new Printer();
  const source = p.print(r, 0, 0);
  // the parser's automaton has at most one state per expression node, so a small expression cannot outgrow it
  return { source, sure: !p.unsure && p.maxDepth <= MAX_GROUP_DEPTH && r.size <= MAX_NFA_STATES / 2 };
}

const META = new Set([...'\\.^$|()[]{}*+?']);
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Print with precedence: 0 alternation, 1 concatenation, 2 atom. Records the deepest group nesting written
 * (the parser refuses more than MAX_GROUP_DEPTH) and whether anything it cannot vouch for was written.
 */
class Printer {
  maxDepth = 0;
  unsure = false;

  /** `depth`: groups open around this text. */
  print(r: Re, ctx: number, depth: number): string {
    switch (r.t) {
      case 'eps':
        if (ctx < 2) return '';
        this.open(depth + 1);
        return '()';
      case 'any':
        return '.';
      case 'bol':
        return '^';
      case 'eol':
        return '$';
      case 'set':
        return this.set(r.ranges);
      case 'star':
        return this.atom(r.item, depth) + '*';
      case 'cat': {
        const inner = ctx >= 2 ? depth + 1 : depth;
        if (ctx >= 2) this.open(inner);
        // merge runs of single bytes >= 0x80 into UTF-8 characters
        let s = '';
        let run: number[] = [];
        for (const it of flatCat(r, [])) {
          if (it.t === 'set' && it.ranges.length === 1 && it.ranges[0][0] === it.ranges[0][1] && it.ranges[0][0] >= 0x80) {
            run.push(it.ranges[0][0]);
            continue;
          }
          if (run.length > 0) {
            s += utf8Run(run);
            run = [];
          }
          s += this.print(it, 1, inner);
        }
        if (run.length > 0) s += utf8Run(run);
        return ctx >= 2 ? `(${s})` : s;
      }
      case 'alt': {
        let hasEps = false;
        const rest: Re[] = [];
        for (const x of r.items) {
          if (x.t === 'eps') hasEps = true;
          else rest.push(x);
        }
        if (hasEps && rest.length > 0) {
          const body = rest.length === 1 ? rest[0] : listRe('alt', rest);
          return this.atom(body, depth) + '?';
        }
        const inner = ctx >= 1 ? depth + 1 : depth;
        if (ctx >= 1) this.open(inner);
        let s = '';
        for (let k = 0; k < rest.length; k++) s += (k > 0 ? '|' : '') + this.print(rest[k], 0, inner);
        return ctx >= 1 ? `(${s})` : s;
      }
    }
  }

  private set(ranges: readonly ByteRange[]): string {
    const s = printSet(ranges);
    if (s === '[]' || s === '[^]') this.unsure = true; // an empty class list is not a class to the parser
    return s;
  }

  /** What a quantifier applies to: a class or `.` as it is, anything else in a group. */
  private atom(r: Re, depth: number): string {
    if (r.t === 'set' || r.t === 'any') return this.print(r, 2, depth);
    this.open(depth + 1);
    return `(${this.print(r, 0, depth + 1)})`;
  }

  private open(depth: number): void {
    if (depth > this.maxDepth) this.maxDepth = depth;
  }
}

function utf8Run(run: number[]): string {
  try {
    return utf8Decoder.decode(Uint8Array.from(run));
  } catch {
    throw new RegexCodeError('regex contains bytes that are not UTF-8 text and cannot be written as dialect source', 0);
  }
}

function printSet(ranges: readonly ByteRange[]): string {
  if (ranges.length === 1 && ranges[0][0] === ranges[0][1]) {
    const b = ranges[0][0];
    if (b >= 0x80) throw new RegexCodeError(`regex matches the lone byte 0x${b.toString(16)}, which dialect source cannot express`, 0);
    const c = String.fromCharCode(b);
    return META.has(c) ? '\\' + c : c;
  }
  if (ranges.length === 1 && ranges[0][0] === 0 && ranges[0][1] === 255) return '.';
  // prefer a negated class when it is shorter
  const comp = complement(ranges);
  const neg = comp.length < ranges.length;
  const list = neg ? comp : ranges;
  let s = neg ? '[^' : '[';
  for (const [lo, hi] of list) s += lo === hi ? classMember(lo) : `${classMember(lo)}-${classMember(hi)}`;
  return s + ']';
}

function classMember(b: number): string {
  if (b >= 0x80) throw new RegexCodeError(`regex class holds byte 0x${b.toString(16)}, which dialect source cannot express`, 0);
  const c = String.fromCharCode(b);
  return c === ']' || c === '\\' || c === '^' || c === '-' ? '\\' + c : c;
}

export type { RegexNode };
