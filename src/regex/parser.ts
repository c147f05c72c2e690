// Parser for Apple's regex dialect (the `regex` / `*-regex` filters of SBPL) -> byte AST.
//
// The dialect is POSIX-extended-like: literals, `.`, `^`, `$`, bracket classes with ranges and `^`
// negation, `*` `+` `?` `{n}` `{n,}` `{n,m}`, `|`, `( )`. Matching is over the UTF-8 bytes of the subject.
//
// Constructs other engines have and AppleMatch does not are NOT errors in Apple's compiler: profiles using
// them load, and the construct quietly means something else. This parser implements that documented
// behaviour and reports each one as a warning diagnostic (codes `regex/...`):
//   * a quantifier with nothing to repeat (`(?:x)`, `(?=x)`, `(?!x)`, `(?<=x)`, a leading `*`) is a
//     literal character, so `(?:.*/)?` requires the text "?:" and never matches ordinary paths — the
//     behaviour measured by nolabs-ai/nono#1763/#1764 ("Seatbelt ignores the non-capturing group";
//     changing `(?:` to `(` fixed it) [C];
//   * an escaped letter or digit is that character: `\d` is "d", `\w` is "w", `\s` is "s", `\b` is "b",
//     `\1` is "1" (the byte-code has no class shorthands, word boundaries or back-references) [B: SandBlaster
//     op vocabulary; H for the exact fallback];
//   * `[[:alpha:]]` is a class of the characters `[ : a l p h` followed by a literal `]` (no POSIX classes) [H];
//   * a lazy quantifier `*?` / `+?` / `??` is a quantifier applied twice; match/no-match is unchanged [H];
//   * non-ASCII characters are matched as their UTF-8 bytes; inside a class they become single-byte members [H].
// Errors (the profile is rejected): unbalanced parentheses, an unterminated class, a trailing backslash,
// a reversed range or interval, an interval count over 255 (POSIX RE_DUP_MAX), or a pattern too large.

import { StageError } from '../diagnostics/diagnostic.js';
import { normalizeRanges, type ByteRange, type RegexNode } from './ast.js';

export type RegexDiagnosticCode =
  | 'regex/literal-quantifier'
  | 'regex/non-capturing-group'
  | 'regex/lookaround'
  | 'regex/named-group'
  | 'regex/inline-flags'
  | 'regex/shorthand-class'
  | 'regex/word-boundary'
  | 'regex/backreference'
  | 'regex/escape-sequence'
  | 'regex/posix-class'
  | 'regex/lazy-quantifier'
  | 'regex/non-ascii'
  | 'regex/brace-literal';

export interface RegexDiagnostic {
  severity: 'warning';
  code: RegexDiagnosticCode;
  message: string;
  /** UTF-16 offsets into the pattern. */
  offset: number;
  end: number;
  hint?: string;
}

export class RegexSyntaxError extends StageError {
  constructor(
    message: string,
    /** UTF-16 offset into the pattern where the problem is. */
    readonly offset: number,
    readonly pattern: string,
  ) {
    super(`${message} at offset ${offset} in regex ${JSON.stringify(pattern)}`, 'regex/syntax', 'input');
    this.name = 'RegexSyntaxError';
  }
  /** The message without the position suffix. */
  get reason(): string {
    return this.message.replace(/ at offset \d+ in regex .*$/s, '');
  }
}

export interface ParsedRegex {
  source: string;
  ast: RegexNode;
  diagnostics: RegexDiagnostic[];
  /** Number of `( )` groups (AppleMatch sub-matches). */
  groups: number;
}

/** POSIX RE_DUP_MAX. */
export const MAX_REPEAT = 255;
/** Upper bound on AST size after interval expansion is checked by the NFA builder; this limits group nesting. */
export const MAX_GROUP_DEPTH = 500;

export function parseRegex(source: string): ParsedRegex {
  return new Parser(source).run();
}

const QUANTIFIER_CHARS = '*+?';

class Parser {
  private pos = 0;
  private depth = 0;
  private groups = 0;
  readonly diagnostics: RegexDiagnostic[] = [];
  constructor(private readonly src: string) {}

  run(): ParsedRegex {
    const ast = this.alternation();
    if (this.pos < this.src.length) {
      // only a stray ')' can stop the top-level alternation early
      throw new RegexSyntaxError("unmatched ')'", this.pos, this.src);
    }
    return { source: this.src, ast, diagnostics: this.diagnostics, groups: this.groups };
  }

  private warn(code: RegexDiagnosticCode, message: string, offset: number, end: number, hint?: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, offset, end, hint });
  }

  private alternation(): RegexNode {
    const start = this.pos;
    const items = [this.branch()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      items.push(this.branch());
    }
    if (items.length === 1) return items[0];
    return { type: 'alt', items, offset: start, end: this.pos };
  }

  private branch(): RegexNode {
    const start = this.pos;
    const items: RegexNode[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '|' || c === ')') break;
      const atom = this.atom(items.length === 0);
      items.push(this.quantifiers(atom));
    }
    if (items.length === 0) return { type: 'empty', offset: start, end: start };
    if (items.length === 1) return items[0];
    return { type: 'concat', items, offset: start, end: this.pos };
  }

  /** `atBranchStart`: a quantifier here has nothing to repeat and is a literal. */
  private atom(atBranchStart: boolean): RegexNode {
    const start = this.pos;
    const c = this.src[this.pos];
    if (QUANTIFIER_CHARS.includes(c) || (c === '{' && this.intervalAt(this.pos) !== null)) {
      if (atBranchStart) return this.literalQuantifier();
    }
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.bracket();
      case '.':
        this.pos++;
        return { type: 'any', offset: start, end: this.pos };
      case '^':
        this.pos++;
        return { type: 'bol', offset: start, end: this.pos };
      case '$':
        this.pos++;
        return { type: 'eol', offset: start, end: this.pos };
      case '\\':
        return this.escape();
      case '{':
        // not a valid interval: a literal brace
        this.pos++;
        this.warn('regex/brace-literal', "'{' does not start an interval here and matches a literal '{'", start, this.pos,
          'write \\{ to make the literal intent explicit, or use {n}, {n,} or {n,m}');
        return { type: 'byte', value: 0x7b, offset: start, end: this.pos };
      default:
        return this.literalChar();
    }
  }

  /** A quantifier character where nothing precedes it: AppleMatch takes it literally. */
  private literalQuantifier(): RegexNode {
    const start = this.pos;
    const c = this.src[this.pos];
    const prev = this.src[this.pos - 1];
    if (c === '?' && prev === '(') {
      // (?:  (?=  (?!  (?<=  (?<!  (?P<  (?<name>  (?i)
      const next = this.src[this.pos + 1];
      const next2 = this.src[this.pos + 2];
      if (next === ':') {
        this.warn('regex/non-capturing-group',
          "'(?:' is not a non-capturing group in Apple's regex dialect: '?' has nothing to repeat and matches a literal '?', so the group requires the text '?:'",
          start - 1, start + 2, "use a plain group '(' ... ')' (groups do not change what matches)");
      } else if (next === '=' || next === '!' || (next === '<' && (next2 === '=' || next2 === '!'))) {
        this.warn('regex/lookaround',
          "look-around '(?" + next + (next === '<' ? next2 : '') + "' is not supported: the '?' and what follows are literal characters",
          start - 1, start + (next === '<' ? 3 : 2), 'rewrite without look-around (split into several rules, or use require-not around a second regex filter)');
      } else if (next === 'P' || next === '<') {
        this.warn('regex/named-group', "named groups are not supported: '?' and the name are literal characters", start - 1, start + 2,
          "use a plain group '(' ... ')'");
      } else if (next !== undefined && /[a-zA-Z-]/.test(next)) {
        this.warn('regex/inline-flags', "inline flags '(?...)' are not supported: '?' and the flags are literal characters", start - 1, start + 2,
          'matching is always case-sensitive and byte-exact; spell out alternatives such as [Aa]');
      } else {
        this.warn('regex/literal-quantifier', "'?' right after '(' has nothing to repeat and matches a literal '?'", start, start + 1,
          "write \\? for a literal question mark");
      }
    } else if (c === '{') {
      const iv = this.intervalAt(this.pos)!;
      this.warn('regex/literal-quantifier', `interval '${this.src.slice(start, iv.end)}' has nothing to repeat; '{' matches a literal '{'`, start, iv.end);
    } else {
      this.warn('regex/literal-quantifier', `'${c}' has nothing to repeat and matches a literal '${c}'`, start, start + 1,
        `write \\${c} for a literal '${c}', or put the quantifier after what it should repeat`);
    }
    this.pos++;
    return { type: 'byte', value: c.charCodeAt(0), offset: start, end: this.pos };
  }

  private quantifiers(atom: RegexNode): RegexNode {
    let node = atom;
    let count = 0;
    for (;;) {
      const start = this.pos;
      const c = this.src[this.pos];
      let min: number;
      let max: number | null;
      if (c === '*') {
        min = 0;
        max = null;
        this.pos++;
      } else if (c === '+') {
        min = 1;
        max = null;
        this.pos++;
      } else if (c === '?') {
        min = 0;
        max = 1;
        this.pos++;
      } else if (c === '{') {
        const iv = this.intervalAt(this.pos);
        if (!iv) return node;
        if (iv.min > MAX_REPEAT || (iv.max !== null && iv.max > MAX_REPEAT)) {
          throw new RegexSyntaxError(`interval count exceeds ${MAX_REPEAT}`, this.pos, this.src);
        }
        if (iv.max !== null && iv.max < iv.min) {
          throw new RegexSyntaxError(`invalid interval {${iv.min},${iv.max}}: maximum below minimum`, this.pos, this.src);
        }
        min = iv.min;
        max = iv.max;
        this.pos = iv.end;
      } else {
        return node;
      }
      if (atom.type === 'bol' || atom.type === 'eol') {
        // `^*` and the like: repeating an anchor changes nothing useful; AppleMatch treats the quantifier
        // as having nothing to repeat.
        this.warn('regex/literal-quantifier', `'${this.src.slice(start, this.pos)}' after an anchor has nothing to repeat and matches literally`, start, this.pos);
        const lit: RegexNode[] = [];
        for (let i = start; i < this.pos; i++) lit.push({ type: 'byte', value: this.src.charCodeAt(i), offset: i, end: i + 1 });
        return { type: 'concat', items: [node, ...lit], offset: node.offset, end: this.pos };
      }
      if (count > 0 && c === '?' && this.src.slice(start - 1, start) !== '}') {
        this.warn('regex/lazy-quantifier',
          `'${this.src[start - 1]}?' is not a lazy quantifier: '?' applies to the repeat before it; whether the pattern matches is unchanged`,
          start - 1, this.pos, 'drop the extra ? (matching is yes/no; laziness has no meaning here)');
      } else if (count > 0 && c === '+') {
        this.warn('regex/lazy-quantifier', `'${this.src[start - 1]}+' is not a possessive quantifier: '+' applies to the repeat before it`, start - 1, this.pos);
      }
      node = { type: 'repeat', item: node, min, max, offset: atom.offset, end: this.pos };
      count++;
    }
  }

  /** `{n}`, `{n,}`, `{n,m}` at `at`, or null when the text there is not an interval. */
  private intervalAt(at: number): { min: number; max: number | null; end: number } | null {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(at, at + 24));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]);
    return { min, max, end: at + m[0].length };
  }

  private group(): RegexNode {
    const start = this.pos;
    this.pos++;
    if (++this.depth > MAX_GROUP_DEPTH) throw new RegexSyntaxError('groups nested too deeply', start, this.src);
    this.groups++;
    const inner = this.alternation();
    if (this.src[this.pos] !== ')') throw new RegexSyntaxError("unmatched '('", start, this.src);
    this.pos++;
    this.depth--;
    return { type: 'group', item: inner, offset: start, end: this.pos };
  }

  private escape(): RegexNode {
    const start = this.pos;
    this.pos++;
    if (this.pos >= this.src.length) throw new RegexSyntaxError('trailing backslash', start, this.src);
    const cp = this.src.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    this.noteEscape(ch, start, this.pos, false);
    return this.bytesNode(cp, start, this.pos);
  }

  /** Warn about escapes that mean something else in other engines. */
  private noteEscape(ch: string, start: number, end: number, inClass: boolean): void {
    const where = inClass ? ' inside a class' : '';
    if ('dDwWsS'.includes(ch)) {
      const meaning: Record<string, string> = { d: '[0-9]', D: '[^0-9]', w: '[A-Za-z0-9_]', W: '[^A-Za-z0-9_]', s: '[ \\t\\n]', S: '[^ \\t\\n]' };
      this.warn('regex/shorthand-class', `'\\${ch}'${where} is the letter '${ch}' in Apple's regex dialect, not a character class`, start, end,
        inClass ? `spell the class out, e.g. ${meaning[ch].slice(1, -1)} inside the brackets` : `spell the class out: ${meaning[ch]}`);
    } else if (ch === 'b' || ch === 'B' || ch === 'A' || ch === 'z' || ch === 'Z' || ch === 'G') {
      this.warn('regex/word-boundary', `'\\${ch}'${where} is the letter '${ch}', not an anchor or boundary`, start, end,
        ch === 'A' ? 'use ^' : ch === 'z' || ch === 'Z' ? 'use $' : 'express the boundary with explicit characters, e.g. (^|/)');
    } else if (/[1-9]/.test(ch) && !inClass) {
      this.warn('regex/backreference', `'\\${ch}' is the digit '${ch}', not a back-reference`, start, end,
        'repeat the text explicitly; back-references are not supported');
    } else if ('ntrfvae0xucpPkKhHRXNQE'.includes(ch) || /[a-zA-Z0-9]/.test(ch)) {
      const ctl: Record<string, string> = { n: 'newline', t: 'tab', r: 'carriage return', f: 'form feed', v: 'vertical tab', e: 'escape', a: 'bell', '0': 'NUL' };
      this.warn('regex/escape-sequence', `'\\${ch}'${where} is the character '${ch}'${ctl[ch] ? `, not a ${ctl[ch]}` : ''}: Apple's regex dialect has no escape sequences besides quoting a character`,
        start, end, ctl[ch] ? `write the ${ctl[ch]} character itself (in a "..." string: \\${ch})` : `write '${ch}' without the backslash`);
    }
  }

  private literalChar(): RegexNode {
    const start = this.pos;
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return this.bytesNode(cp, start, this.pos);
  }

  /** A code point as its UTF-8 bytes (one node, or a concat of byte nodes). */
  private bytesNode(cp: number, start: number, end: number): RegexNode {
    const bytes = utf8Bytes(cp);
    if (bytes.length === 1) return { type: 'byte', value: bytes[0], offset: start, end };
    this.warn('regex/non-ascii', `non-ASCII character '${String.fromCodePoint(cp)}' is matched as its ${bytes.length} UTF-8 bytes`, start, end,
      "a following quantifier repeats only the last byte; wrap the character in '(' ')' to repeat it whole");
    return { type: 'concat', items: bytes.map((value) => ({ type: 'byte' as const, value, offset: start, end })), offset: start, end };
  }

  private bracket(): RegexNode {
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: ByteRange[] = [];
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw new RegexSyntaxError("unterminated character class: missing ']'", start, this.src);
      const c = this.src[this.pos];
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      if (c === '[' && this.src[this.pos + 1] === ':') {
        const close = this.src.indexOf(':]', this.pos + 2);
        if (close > 0 && /^[a-z]+$/.test(this.src.slice(this.pos + 2, close))) {
          this.warn('regex/posix-class',
            `POSIX class '${this.src.slice(this.pos, close + 2)}' is not supported: '[', ':' and the letters are class members and the class ends at the first ']'`,
            this.pos, close + 2, 'spell the class out with ranges, e.g. [A-Za-z] for [[:alpha:]]');
        }
      } else if (c === '[' && (this.src[this.pos + 1] === '=' || this.src[this.pos + 1] === '.')) {
        this.warn('regex/posix-class', `collating element '[${this.src[this.pos + 1]}' is not supported: its characters are class members`, this.pos, this.pos + 2);
      }
      first = false;
      const lo = this.classMember();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        const dash = this.pos;
        this.pos++;
        const hi = this.classMember();
        if (lo.length !== 1 || hi.length !== 1) {
          throw new RegexSyntaxError('range endpoints must be single-byte (ASCII) characters', dash, this.src);
        }
        if (hi[0] < lo[0]) throw new RegexSyntaxError(`invalid range: '${String.fromCharCode(lo[0])}' > '${String.fromCharCode(hi[0])}'`, dash, this.src);
        ranges.push([lo[0], hi[0]]);
      } else {
        for (const b of lo) ranges.push([b, b]);
      }
    }
    return { type: 'class', negated, ranges: normalizeRanges(ranges), offset: start, end: this.pos };
  }

  /** One class member: its bytes (several for a non-ASCII character). */
  private classMember(): number[] {
    const start = this.pos;
    let cp = this.src.codePointAt(this.pos)!;
    if (cp === 0x5c /* \ */) {
      this.pos++;
      if (this.pos >= this.src.length) throw new RegexSyntaxError("unterminated character class: missing ']'", start, this.src);
      cp = this.src.codePointAt(this.pos)!;
      const ch = String.fromCodePoint(cp);
      this.pos += ch.length;
      this.noteEscape(ch, start, this.pos, true);
    } else {
      this.pos += cp > 0xffff ? 2 : 1;
    }
    const bytes = utf8Bytes(cp);
    if (bytes.length > 1) {
      this.warn('regex/non-ascii', `non-ASCII character '${String.fromCodePoint(cp)}' in a class adds each of its ${bytes.length} UTF-8 bytes as a separate member`,
        start, this.pos, "use an alternation '(é|è)' to match whole characters");
    }
    return bytes;
  }
}

export function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}
