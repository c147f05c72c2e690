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
  return undefined;
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
