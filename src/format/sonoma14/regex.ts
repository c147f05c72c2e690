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
  const code = emitCode(nfa);
  if (code.length > 0xffff) throw new RegexCodeError(`regex ${JSON.stringify(source)} compiles to ${code.length} bytes of code (limit 65535)`, 0);
  const out = new Uint8Array(HEADER + code.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, REGEX.magic, true);
  dv.setUint16(4, code.length, true);
  out.set(code, HEADER);
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
        this.byteSet(s.negated ? complementRanges(s.ranges) : s.ranges, s.out, next);
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
