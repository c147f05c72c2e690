// Regex data items: the Thompson NFA of src/regex serialised as AppleMatch-style byte code (descriptor.ts
// REGEX), and read back into automaton tables, which src/regex turns into dialect source text.

import {
  BYTE_RANGES,
  buildNfa,
  checkRegex,
  complementRanges,
  K_ANY,
  K_BOL,
  K_EOL,
  K_EPS,
  K_MATCH,
  K_SET,
  K_SPLIT,
  nfaOfTables,
  normalizeRanges,
  parseRegex,
  RegexCodeError,
  tablesToSource,
  type AutomatonTables,
  type ByteRange,
  type Nfa,
  type NfaState,
  type RegexNode,
} from '../../regex/index.js';
import { REGEX } from './descriptor.js';

export { RegexCodeError };

const HEADER = 6; // u32 magic + u16 code length

/** Compile dialect source to an item payload (magic, length, code). Throws the parser's errors. */
export function encodeRegex(source: string): Uint8Array {
  const nfa = buildNfa(parseRegex(source).ast);
  const code = new CodeWriter(nfa);
  code.run(null); // measure: every state's offset
  const length = code.size;
  if (length > 0xffff) throw new RegexCodeError(`regex ${JSON.stringify(source)} compiles to ${length} bytes of code (limit 65535)`, 0);
  const out = new Uint8Array(HEADER + length);
  out[0] = REGEX.magic & 0xff; // u32 little-endian
  out[1] = (REGEX.magic >>> 8) & 0xff;
  out[2] = (REGEX.magic >>> 16) & 0xff;
  out[3] = REGEX.magic >>> 24;
  out[4] = length & 0xff;
  out[5] = length >> 8;
  code.run(out); // write, the code after the header
  return out;
}

/**
 * Writes the instructions of an NFA, depth first from the start (`out` before `out2`, so most successors fall
 * through). Run twice: without an output it only measures (the offset of every state), then it writes the same
 * instructions with their jump targets resolved, straight into the item. Targets are base state ids (>= 0) or,
 * for the states holding the rest of a class with more ranges than one instruction holds, -(extra index + 1).
 */
class CodeWriter {
  /** Code offset of each state, and of each extra state (set when measuring). */
  private readonly stateAt: Int32Array;
  private readonly extraAt: number[] = [];
  private extras: Array<{ ranges: readonly ByteRange[]; out: number }> = [];
  /** Negated classes' ranges, complemented once (while measuring). */
  private readonly complemented: Array<readonly ByteRange[] | undefined> = [];
  private readonly order: number[] = [];
  private out: Uint8Array | null = null;
  private at = 0;

  constructor(private readonly nfa: Nfa) {
    this.stateAt = new Int32Array(nfa.states.length).fill(-1);
    const states = nfa.states;
    const seen = new Uint8Array(states.length);
    const todo = [nfa.start];
    while (todo.length > 0) {
      let id = todo.pop()!;
      while (!seen[id]) {
        seen[id] = 1;
        this.order.push(id);
        const s = states[id];
        if (s.kind === 'split') todo.push(s.out2);
        if (s.kind === 'match') break;
        id = s.out;
      }
    }
  }

  /** Bytes of code (after measuring). */
  get size(): number {
    return this.at - (this.out === null ? 0 : HEADER);
  }

  /** Measure (`out` null) or write the code at HEADER in `out`. */
  run(out: Uint8Array | null): void {
    this.out = out;
    this.at = out === null ? 0 : HEADER;
    this.extras = [];
    const { order } = this;
    const states = this.nfa.states;
    for (let i = 0; i < order.length; i++) this.state(order[i], states[order[i]], i + 1 < order.length ? order[i + 1] : -1);
    // states appended while splitting classes with more ranges than one instruction holds
    for (let e = 0; e < this.extras.length; e++) {
      if (out === null) this.extraAt[e] = this.at;
      this.byteSet(this.extras[e].ranges, this.extras[e].out, -1);
    }
  }

  /** State `id`, followed in the code by state `next` (-1: none), so `out === next` falls through. */
  private state(id: number, s: NfaState, next: number): void {
    if (this.out === null) this.stateAt[id] = this.at;
    switch (s.kind) {
      case 'bytes': {
        let ranges: readonly ByteRange[] = s.ranges;
        if (s.negated) {
          ranges = this.complemented[id] ?? complementRanges(s.ranges);
          this.complemented[id] = ranges;
        }
        this.byteSet(ranges, s.out, next);
        return;
      }
      case 'any':
      case 'bol':
      case 'eol':
        this.byte(s.kind === 'any' ? REGEX.any : s.kind === 'bol' ? REGEX.start : REGEX.end);
        if (s.out !== next) this.jump(REGEX.jump, s.out);
        return;
      case 'split':
        this.jump(REGEX.fork, s.out2);
        if (s.out !== next) this.jump(REGEX.jump, s.out);
        return;
      case 'eps':
        if (s.out !== next) this.jump(REGEX.jump, s.out);
        return;
      case 'match':
        this.byte(REGEX.match);
        return;
    }
  }

  /** A byte-set state: its class (split when longer than one instruction holds), then its successor. */
  private byteSet(ranges: readonly ByteRange[], out: number, next: number): void {
    if (ranges.length === 0) {
      // matches nothing, a dead end: "$" then "." can never both hold
      this.byte(REGEX.end);
      this.byte(REGEX.any);
      return;
    }
    if (ranges.length <= REGEX.maxRangesPerClass) {
      this.bytes(ranges);
      if (out !== next) this.jump(REGEX.jump, out);
      return;
    }
    // more ranges than one class holds: fork to a state holding the rest, both continue to `out`
    this.extras.push({ ranges: ranges.slice(REGEX.maxRangesPerClass), out });
    this.jump(REGEX.fork, -this.extras.length);
    this.bytes(ranges.slice(0, REGEX.maxRangesPerClass));
    this.jump(REGEX.jump, out);
  }

  private bytes(ranges: readonly ByteRange[]): void {
    if (ranges.length === 1 && ranges[0][0] === ranges[0][1]) {
      this.byte(REGEX.char);
      this.byte(ranges[0][0]);
      return;
    }
    this.byte((ranges.length << 4) | REGEX.classLowNibble);
    for (const [lo, hi] of ranges) {
      this.byte(lo);
      this.byte(hi);
    }
  }

  private byte(b: number): void {
    if (this.out !== null) this.out[this.at] = b;
    this.at++;
  }

  /** A fork or jump to state `to`: its offset is known once measured. */
  private jump(op: number, to: number): void {
    if (this.out !== null) {
      const t = to >= 0 ? this.stateAt[to] : this.extraAt[-to - 1];
      if (t === undefined || t < 0) throw new RegexCodeError(`internal: jump to unplaced state ${to}`, this.at - HEADER);
      this.out[this.at] = op;
      this.out[this.at + 1] = t & 0xff;
      this.out[this.at + 2] = t >> 8;
    }
    this.at += 3;
  }
}

// ---------------------------------------------------------------------------------------------------
// Decoding. Two containers hold the same program: a regex item (u32 big-endian format version, u16 LE code
// length, code: profiles' regex tables, SandBlaster's test inputs) and the bare program (ipsw's test inputs).

/** Regex item format versions whose code this reader knows (SandBlaster regex_parser and ipsw nfa_test: 3). */
const KNOWN_VERSIONS: readonly number[] = [3];

/** The code of a regex item, checked against its header; `base`: offset of the code in the item. */
function itemCode(payload: Uint8Array): { code: Uint8Array; base: number } {
  if (payload.length < HEADER) throw new RegexCodeError(`regex item of ${payload.length} bytes is shorter than its 6-byte header (u32 version, u16 length)`, 0);
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  // big-endian version 3 is the bytes 00 00 00 03, which our encoder writes as REGEX.magic (little-endian)
  const version = dv.getUint32(0, false);
  if (!KNOWN_VERSIONS.includes(version)) {
    throw new RegexCodeError(`regex item format version ${version} (u32 big-endian at byte 0) is not one this reader knows (expected ${KNOWN_VERSIONS.join(' or ')})`, 0);
  }
  const len = dv.getUint16(4, true);
  if (HEADER + len > payload.length) throw new RegexCodeError(`regex code length ${len} runs past the item (${payload.length - HEADER} bytes)`, 4);
  return { code: payload.subarray(HEADER, HEADER + len), base: HEADER };
}

/**
 * Read a program's instructions into tables (one state per instruction, then dead). `base` is added to every
 * error offset (where the code starts in what the caller holds).
 */
function readCode(code: Uint8Array, base: number): AutomatonTables {
  // first pass: instruction boundaries (index: code offset -> instruction number, -1 inside an instruction)
  const starts: number[] = [];
  const index = new Int32Array(code.length).fill(-1);
  let i = 0;
  while (i < code.length) {
    const b = code[i];
    let size: number;
    if (b === MATCH_PAD && i > 0 && index[i - 1] >= 0 && (code[i - 1] & 0x0f) === REGEX.match) {
      i += 1; // padding after a match: no instruction, nothing jumps here
      continue;
    }
    if (b === REGEX.char) size = 2;
    else if (b === REGEX.any || b === REGEX.start || b === REGEX.end) size = 1;
    else if (b === REGEX.fork) size = 3;
    else if ((b & 0x0f) === REGEX.match) size = 1;
    else if ((b & 0x0f) === REGEX.jump) size = 3;
    else if ((b & 0x0f) === REGEX.classLowNibble) {
      const n = b >> 4;
      if (n === 0) throw new RegexCodeError(`character class with no ranges at code offset ${i}`, base + i);
      size = 1 + 2 * n;
    } else throw new RegexCodeError(`unknown regex opcode 0x${b.toString(16).padStart(2, '0')} at code offset ${i} (expected an instruction: 02 char, 09 any, 19 ^, 29 $, x5 match, xa jump, 2f fork, nb class)`, base + i);
    if (i + size > code.length) throw new RegexCodeError(`regex instruction at code offset ${i} runs past the end of the ${code.length}-byte code`, base + i);
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
      out2[k] = jumpTarget(code, index, s, base);
    } else if ((b & 0x0f) === REGEX.match) kind[k] = K_MATCH;
    else if ((b & 0x0f) === REGEX.jump) {
      kind[k] = K_EPS;
      out[k] = jumpTarget(code, index, s, base);
    } else {
      kind[k] = K_SET;
      sets[k] = classRanges(code, s, base);
    }
  }
  kind[dead] = K_SET; // dead: consumes nothing, goes nowhere
  out[dead] = dead;
  return { n, start: starts.length > 0 ? 0 : dead, kind, out, out2, sets };
}

/**
 * [X] Apple ends a match as 15 00 (every SandBlaster and ipsw fixture, every match of the real blobs in
 * ../shared): the 00 is read as padding that belongs to no instruction (SandBlaster skips it as an unknown byte);
 * a 00 anywhere else is an unknown opcode.
 */
const MATCH_PAD = 0x00;

/**
 * The bytes a class instruction at `at` consumes. [X] Pairs (lo, hi) list the bytes it holds; when the first
 * byte value of the list is above the last, the class is negated and the bytes it leaves out are the gaps
 * between the pairs, taken circularly: last hi + 1 .. first lo - 1, then each hi + 1 .. next lo - 1
 * (SandBlaster regex_parser/parser.py; `[^/]` = 1b 30 2e, `[^./]` = 2b 2f 2e 30 2d in its tests).
 */
function classRanges(code: Uint8Array, at: number, base: number): ByteRange[] {
  const count = code[at] >> 4;
  const v = (j: number) => code[at + 1 + j];
  const last = v(2 * count - 1);
  if (v(0) <= last) {
    const ranges: ByteRange[] = [];
    for (let r = 0; r < count; r++) {
      const lo = v(2 * r);
      const hi = v(2 * r + 1);
      if (lo > hi) throw new RegexCodeError(`reversed range 0x${hex(lo)}-0x${hex(hi)} in class at code offset ${at}`, base + at + 1 + 2 * r);
      ranges.push([lo, hi]);
    }
    return ranges;
  }
  const left: Array<[number, number]> = [[last + 1, v(0) - 1]];
  for (let r = 1; r < count; r++) {
    const lo = v(2 * r - 1) + 1;
    const hi = v(2 * r) - 1;
    if (lo > hi + 1) throw new RegexCodeError(`negated class at code offset ${at}: pair ${r} starts at 0x${hex(v(2 * r))}, before the end of the gap it follows (0x${hex(v(2 * r - 1))})`, base + at + 1 + 2 * r);
    if (lo <= hi) left.push([lo, hi]);
  }
  return complementRanges(normalizeRanges(left));
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Instruction number of the u16 target of the jump at code offset `at`. */
function jumpTarget(code: Uint8Array, index: Int32Array, at: number, base: number): number {
  const t = code[at + 1] | (code[at + 2] << 8);
  const k = t < index.length ? index[t] : -1;
  if (k < 0) throw new RegexCodeError(`regex jump at code offset ${at} targets ${t}, not an instruction (the code has ${code.length} bytes)`, base + at);
  return k;
}

/** Parse a regex item payload into an NFA over its instructions (the last state, after the code, is dead). */
export function regexPayloadToNfa(payload: Uint8Array): Nfa {
  const { code, base } = itemCode(payload);
  return nfaOfTables(readCode(code, base));
}

/** The NFA of a bare program (no header), as regexPayloadToNfa. */
export function regexProgramToNfa(code: Uint8Array): Nfa {
  return nfaOfTables(readCode(code, 0));
}

/** Read a regex item back to dialect source text. Throws RegexCodeError (offset into the item) when it cannot. */
export function decodeRegex(payload: Uint8Array): string {
  const { code, base } = itemCode(payload);
  return tablesText(readCode(code, base));
}

/** Read a bare program (no version or length: ipsw's form) back to dialect source text, as decodeRegex. */
export function decodeRegexProgram(code: Uint8Array): string {
  return tablesText(readCode(code, 0));
}

function tablesText(t: AutomatonTables): string {
  const { source, sure } = tablesToSource(t);
  // the text must be something the matcher accepts, or evaluation would fail later instead of here. The printer
  // only writes what the parser reads (test/format/sonoma14/regex-printer.test.ts checks this on random automata); what
  // it cannot vouch for (group nesting the parser refuses, an empty class, a huge expression) is parsed again.
  if (!sure) {
    const check = checkRegex(source);
    if (!check.ok) throw new RegexCodeError(`regex read back as ${JSON.stringify(source)}, which the regex parser rejects: ${check.message}`, 0);
  }
  return source;
}

export type { RegexNode };
