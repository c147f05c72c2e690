// Map JSON paths to line/column in the source text, so schema errors can point into the file.
// A small scanner over standard JSON (RFC 8259); it only records where each value starts.

export type JsonPath = ReadonlyArray<string | number>;

export interface TextLocation {
  line: number;
  column: number;
  offset: number;
}

/** `$.profiles[2].expect["read hosts"]` */
export function formatJsonPath(path: JsonPath): string {
  let s = '$';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)) s += `.${p}`;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}

export function offsetToLocation(text: string, offset: number): TextLocation {
  let line = 1;
  let col = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col, offset };
}

/** Where the value at `path` starts, or the deepest existing ancestor's value when the path does not exist. */
export function locateJsonPath(text: string, path: JsonPath): TextLocation | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.ws();
    let found = scanner.pos;
    for (const seg of path) {
      const next = scanner.descend(seg);
      if (next === undefined) break;
      found = next;
    }
    return offsetToLocation(text, found);
  } catch {
    return undefined;
  }
}

/** Line/column of a JSON.parse failure, from the "position N" Node puts in its message. */
export function jsonSyntaxLocation(text: string, message: string): TextLocation | undefined {
  const m = /position (\d+)/.exec(message);
  if (m) return offsetToLocation(text, Number(m[1]));
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), offset: -1 };
  // Node 20 names no position for some errors ("Unexpected end of JSON input", "Unexpected token 'x', ..."):
  // find the first offending character ourselves
  const at = jsonErrorOffset(text);
  return at === undefined ? undefined : offsetToLocation(text, at);
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Offset of the first character where `text` stops being JSON (RFC 8259), `text.length` if it ends too early,
 *  undefined if it is valid. Iterative (an explicit stack), so deep nesting cannot overflow the call stack. */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let i = 0;
  const ws = () => { while (i < n && isWs(text.charCodeAt(i))) i++; };
  /** Scan a string at i; false (i at the bad character) if it is not one. */
  const string = (): boolean => {
    if (text.charCodeAt(i) !== 0x22) return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return true; }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return (i += 2), false; i += 6; }
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return (i += 1), false;
      } else i++;
    }
    return false;
  };
  for (;;) {
    // at a value
    ws();
    if (i >= n) return n;
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      i++;
      ws();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) { stack.pop(); i++; }
      else if (c === 0x7b) {
        if (!string()) return i;
        ws();
        if (text.charCodeAt(i) !== 0x3a) return i;
        i++;
        continue;
      } else continue;
    } else if (c === 0x22) {
      if (!string()) return i;
    } else {
      const re = c === 0x2d || (c >= 0x30 && c <= 0x39) ? NUMBER : LITERAL;
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) return i;
      i += m[0].length;
    }
    // after a value: close containers or move to the next member
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : undefined;
      if (i >= n) return n;
      const d = text.charCodeAt(i);
      if (d === (top === 0x7b ? 0x7d : 0x5d)) { stack.pop(); i++; continue; }
      if (d !== 0x2c) return i;
      i++;
      if (top === 0x7b) {
        ws();
        if (!string()) return i;
        ws();
        if (text.charCodeAt(i) !== 0x3a) return i;
        i++;
      }
      break;
    }
  }
}

class Scanner {
  pos = 0;
  constructor(private readonly t: string) {}

  ws(): void {
    while (this.pos < this.t.length && /\s/.test(this.t[this.pos])) this.pos++;
  }

  /** At a value: move into child `seg` and return its start offset (positioned there). */
  descend(seg: string | number): number | undefined {
    this.ws();
    const c = this.t[this.pos];
    if (c === '{' && typeof seg === 'string') {
      this.pos++;
      for (;;) {
        this.ws();
        if (this.t[this.pos] === '}') return undefined;
        const key = this.string();
        this.ws();
        this.expect(':');
        this.ws();
        if (key === seg) return this.pos;
        this.skipValue();
        this.ws();
        if (this.t[this.pos] === ',') this.pos++;
        else return undefined;
      }
    }
    if (c === '[' && typeof seg === 'number') {
      this.pos++;
      for (let i = 0; ; i++) {
        this.ws();
        if (this.t[this.pos] === ']') return undefined;
        if (i === seg) return this.pos;
        this.skipValue();
        this.ws();
        if (this.t[this.pos] === ',') this.pos++;
        else return undefined;
      }
    }
    return undefined;
  }

  private expect(ch: string): void {
    if (this.t[this.pos] !== ch) throw new Error(`expected ${ch}`);
    this.pos++;
  }

  private string(): string {
    const start = this.pos;
    this.expect('"');
    while (this.pos < this.t.length) {
      const ch = this.t[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') {
        this.pos++;
        return JSON.parse(this.t.slice(start, this.pos)) as string;
      } else this.pos++;
    }
    throw new Error('unterminated string');
  }

  private skipValue(): void {
    this.ws();
    const c = this.t[this.pos];
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.pos++;
      for (;;) {
        this.ws();
        if (this.t[this.pos] === close) {
          this.pos++;
          return;
        }
        if (c === '{') {
          this.string();
          this.ws();
          this.expect(':');
        }
        this.skipValue();
        this.ws();
        if (this.t[this.pos] === ',') this.pos++;
        else if (this.t[this.pos] !== close) throw new Error('bad container');
      }
    }
    // number, true, false, null
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.t.slice(this.pos, this.pos + 64));
    if (!m) throw new Error('bad value');
    this.pos += m[0].length;
  }
}
