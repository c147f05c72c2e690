// Apple's regex dialect (AppleMatch) as an AST over BYTES.
//
// What the compiled form can express (SandBlaster's AppleMatch byte-code parsers, malus-security/sandblaster
// `reverse-sandbox/regex_parser_v1.py`, 0x3c3e/sandblaster `parsers/regex_parser/opcode.py`): single bytes,
// `.` (any byte), `^`, `$`, byte-range classes (optionally negated), jumps (alternation / repetition) and a
// match state. There are no class shorthands, word boundaries, back-references or look-around; every
// construct below maps onto that vocabulary.

/** Source position: UTF-16 offsets into the pattern text, end exclusive. */
export interface RegexPos {
  offset: number;
  end: number;
}

/** Inclusive byte range [lo, hi], 0..255. */
export type ByteRange = readonly [number, number];

export type RegexNode =
  | ({ type: 'empty' } & RegexPos)
  /** One byte (an ASCII character, or one byte of a UTF-8 sequence written in the pattern). */
  | ({ type: 'byte'; value: number } & RegexPos)
  /** `.`: any single byte. */
  | ({ type: 'any' } & RegexPos)
  /** `[...]`: ranges are normalised (sorted, merged); `negated` inverts membership over 0..255. */
  | ({ type: 'class'; negated: boolean; ranges: ByteRange[] } & RegexPos)
  /** `^`: only at the start of the subject. */
  | ({ type: 'bol' } & RegexPos)
  /** `$`: only at the end of the subject (no newline special case). */
  | ({ type: 'eol' } & RegexPos)
  | ({ type: 'concat'; items: RegexNode[] } & RegexPos)
  | ({ type: 'alt'; items: RegexNode[] } & RegexPos)
  /** `( ... )`: AppleMatch records sub-matches, which do not change whether the pattern matches. */
  | ({ type: 'group'; item: RegexNode } & RegexPos)
  /** `*` `+` `?` `{n}` `{n,}` `{n,m}`; max null = unbounded. */
  | ({ type: 'repeat'; item: RegexNode; min: number; max: number | null } & RegexPos);

/** Byte-membership test for a class node. */
export function classHas(node: { negated: boolean; ranges: readonly ByteRange[] }, b: number): boolean {
  let inside = false;
  for (const [lo, hi] of node.ranges) {
    if (b >= lo && b <= hi) {
      inside = true;
      break;
    }
  }
  return inside !== node.negated;
}

/** Sort and merge byte ranges. */
export function normalizeRanges(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The bytes 0..255 not in sorted, disjoint `ranges`. */
export function complementRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const out: ByteRange[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 255) out.push([next, 255]);
  return out;
}

/** Characters the dialect reads as operators outside a class. */
export const REGEX_META: ReadonlySet<string> = new Set([...'\\.^$|()[]{}*+?']);

/** One character as dialect text outside a class (operators quoted with a backslash). */
export function escapeRegexChar(c: string): string {
  return REGEX_META.has(c) ? '\\' + c : c;
}

/** One character as a class member (`]`, backslash, `^` and `-` quoted). */
export function escapeClassChar(c: string): string {
  return c === ']' || c === '\\' || c === '^' || c === '-' ? '\\' + c : c;
}

/** Render an AST back to dialect source (used by diagnostics and tests). */
export function regexToSource(node: RegexNode): string {
  switch (node.type) {
    case 'empty':
      return '';
    case 'byte':
      return escapeByte(node.value);
    case 'any':
      return '.';
    case 'bol':
      return '^';
    case 'eol':
      return '$';
    case 'class': {
      let s = '[' + (node.negated ? '^' : '');
      for (const [lo, hi] of node.ranges) s += lo === hi ? classByte(lo) : `${classByte(lo)}-${classByte(hi)}`;
      return s + ']';
    }
    case 'concat': {
      // runs of non-ASCII bytes print as the UTF-8 text they came from
      let out = '';
      let run: number[] = [];
      const flush = () => {
        if (run.length) out += utf8Text(run);
        run = [];
      };
      for (const n of node.items) {
        if (n.type === 'byte' && n.value >= 0x80) {
          run.push(n.value);
          continue;
        }
        flush();
        out += n.type === 'alt' ? `(${regexToSource(n)})` : regexToSource(n);
      }
      flush();
      return out;
    }
    case 'alt':
      return node.items.map(regexToSource).join('|');
    case 'group':
      return `(${regexToSource(node.item)})`;
    case 'repeat': {
      // one multi-byte character is a unit for a quantifier, as the parser reads it
      const oneChar = node.item.type === 'concat' && node.item.items.length > 0 && node.item.items.every((i) => i.type === 'byte' && i.value >= 0x80);
      const inner = node.item.type === 'byte' || node.item.type === 'any' || node.item.type === 'class' || node.item.type === 'group' || oneChar
        ? regexToSource(node.item)
        : `(${regexToSource(node.item)})`;
      const { min, max } = node;
      let q: string;
      if (min === 0 && max === null) q = '*';
      else if (min === 1 && max === null) q = '+';
      else if (min === 0 && max === 1) q = '?';
      else if (max === min) q = `{${min}}`;
      else if (max === null) q = `{${min},}`;
      else q = `{${min},${max}}`;
      return inner + q;
    }
  }
}

function escapeByte(b: number): string {
  // the dialect has no \xHH escape (the parser reads it as the letter x): control bytes stand as themselves
  if (b < 0x80) return escapeRegexChar(String.fromCharCode(b));
  return utf8Text([b]);
}

/** UTF-8 bytes back to text; a byte that is not part of valid UTF-8 cannot be written in the dialect. */
function utf8Text(bytes: number[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return bytes.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  }
}

function classByte(b: number): string {
  if (b >= 0x80) return `\\x${b.toString(16).padStart(2, '0')}`;
  return escapeClassChar(String.fromCharCode(b));
}
