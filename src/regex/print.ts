// Regex source text: the Re algebra printed as dialect source, and byte strings and classes as dialect text.

import { complementRanges, escapeClassChar, escapeRegexChar, normalizeRanges, type ByteRange } from './ast.js';
import { RegexCodeError } from './errors.js';
import { flatCat, listRe, sameRe, type Re } from './re.js';

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8Decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Print with precedence: 0 alternation, 1 concatenation, 2 atom. Records the deepest group nesting written
 * (the parser refuses more than MAX_GROUP_DEPTH) and whether anything it cannot vouch for was written.
 */
export class Printer {
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
        for (const it of plusRuns(flatCat(r, []))) {
          if (it.t === 'set' && it.ranges.length === 1 && it.ranges[0][0] === it.ranges[0][1] && it.ranges[0][0] >= 0x80) {
            run.push(it.ranges[0][0]);
            continue;
          }
          if (run.length > 0) {
            s += utf8Run(run);
            run = [];
          }
          s += it.t === 'plus' ? this.atom(it.item, inner) + '+' : this.print(it, 1, inner);
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
    const s = byteSetText(ranges);
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

/** `X X*` as one `X+` item (X one item or several, as state elimination writes a loop after its first turn). */
function plusRuns(items: Re[]): Array<Re | { t: 'plus'; item: Re }> {
  const out: Array<Re | { t: 'plus'; item: Re }> = [];
  for (const it of items) {
    if (it.t === 'star') {
      const body = flatCat(it.item, []);
      const from = out.length - body.length;
      if (from >= 0 && body.every((b, k) => { const o = out[from + k]; return o.t !== 'plus' && sameRe(o, b); })) {
        out.length = from;
        out.push({ t: 'plus', item: it.item });
        continue;
      }
    }
    out.push(it);
  }
  return out;
}

function utf8Run(run: number[]): string {
  try {
    return utf8Decoder.decode(Uint8Array.from(run));
  } catch {
    throw new RegexCodeError('regex contains bytes that are not UTF-8 text and cannot be written as dialect source', 0);
  }
}

/**
 * The bytes of `ranges` (any order, overlaps allowed) as one dialect atom: a character, `.` or a class. Throws
 * RegexCodeError when no atom holds exactly them (a lone byte >= 0x80; some but not all of 0x80..0xff).
 */
export function byteSetText(ranges: readonly ByteRange[]): string {
  if (ranges.length === 1 && ranges[0][0] === ranges[0][1]) {
    const b = ranges[0][0];
    if (b >= 0x80) throw new RegexCodeError(`regex matches the lone byte 0x${b.toString(16)}, which dialect source cannot express`, 0);
    return escapeRegexChar(String.fromCharCode(b));
  }
  if (ranges.length === 1 && ranges[0][0] === 0 && ranges[0][1] === 255) return '.';
  // a class member is one byte below 0x80 (the parser reads any other character as its UTF-8 bytes), and `[^...]`
  // holds every byte it does not list: so a class holding all of 0x80..0xff is written negated, one holding none
  // of them as it is, and one holding some of them is no class the dialect can write
  const sorted = sortedDisjoint(ranges) ? ranges : normalizeRanges([...ranges]); // byte code may list them any way
  const high = highBytes(sorted);
  if (high !== 0 && high !== 0x80) throw new RegexCodeError(`regex class holds ${high} of the 128 bytes 0x80..0xff, which dialect source cannot express as a class`, 0);
  const neg = high === 0x80;
  const list = neg ? complementRanges(sorted) : sorted;
  if (neg && list.length === 0) return '.'; // every byte, listed in pieces
  let s = neg ? '[^' : '[';
  // two neighbours as two members ("./", not ".-/")
  for (const [lo, hi] of list) s += lo === hi ? classMember(lo) : hi === lo + 1 ? classMember(lo) + classMember(hi) : `${classMember(lo)}-${classMember(hi)}`;
  // a '-' first in the list is a member as it is (the parser reads a range only after a member)
  const head = neg ? 2 : 1;
  if (s.startsWith('\\-', head) && !s.startsWith('\\--', head)) s = s.slice(0, head) + s.slice(head + 1);
  return s + ']';
}

function sortedDisjoint(ranges: readonly ByteRange[]): boolean {
  for (let k = 0; k < ranges.length; k++) if (ranges[k][0] > ranges[k][1] || (k > 0 && ranges[k][0] <= ranges[k - 1][1])) return false;
  return true;
}

/** How many bytes 0x80..0xff sorted, disjoint `ranges` hold. */
function highBytes(ranges: readonly ByteRange[]): number {
  let n = 0;
  for (const [lo, hi] of ranges) if (hi >= 0x80) n += hi - Math.max(lo, 0x80) + 1;
  return n;
}

function classMember(b: number): string {
  if (b >= 0x80) throw new RegexCodeError(`regex class holds byte 0x${b.toString(16)}, which dialect source cannot express`, 0);
  return escapeClassChar(String.fromCharCode(b));
}

/** Bytes as dialect text: metacharacters escaped, UTF-8 sequences kept as characters. */
export function escapeRegexBytes(bytes: ArrayLike<number>): string {
  const text = lenientUtf8Decoder.decode(Uint8Array.from(bytes));
  let s = '';
  for (const ch of text) s += escapeRegexChar(ch);
  return s;
}
