// A deliberately small, lenient s-expression reader used only by the vocabulary tests to walk real profiles.
// It never throws: unknown `#` syntax becomes a symbol, unbalanced lists close at end of input.

export type Sx =
  | { t: 'list'; items: Sx[]; line: number }
  | { t: 'sym'; v: string; line: number }
  | { t: 'str'; v: string; line: number }
  | { t: 'num'; v: number; line: number }
  | { t: 'other'; v: string; line: number };

const DELIM = new Set(['(', ')', '"', ';', "'", '`', ',']);

export function readAll(text: string): Sx[] {
  let i = 0;
  let line = 1;
  const n = text.length;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

  function skip(): void {
    while (i < n) {
      const c = text[i];
      if (c === '\n') { line++; i++; }
      else if (isSpace(c)) i++;
      else if (c === ';') { while (i < n && text[i] !== '\n') i++; }
      else if (c === '#' && text[i + 1] === '|') {
        i += 2;
        while (i < n && !(text[i] === '|' && text[i + 1] === '#')) { if (text[i] === '\n') line++; i++; }
        i += 2;
      } else break;
    }
  }

  function readString(raw: boolean): string {
    let s = '';
    i++; // opening quote
    while (i < n && text[i] !== '"') {
      const c = text[i];
      if (c === '\n') line++;
      if (c === '\\' && !raw && i + 1 < n) { s += text[i + 1]; i += 2; continue; }
      if (c === '\\' && raw && text[i + 1] === '"') { s += '\\"'; i += 2; continue; }
      s += c;
      i++;
    }
    i++; // closing quote
    return s;
  }

  function readAtom(): string {
    const start = i;
    while (i < n && !isSpace(text[i]) && !DELIM.has(text[i])) i++;
    return text.slice(start, i);
  }

  function read(): Sx | undefined {
    skip();
    if (i >= n) return undefined;
    const c = text[i];
    const at = line;
    if (c === '(') {
      i++;
      const items: Sx[] = [];
      for (;;) {
        skip();
        if (i >= n) break;
        if (text[i] === ')') { i++; break; }
        const x = read();
        if (x) items.push(x);
      }
      return { t: 'list', items, line: at };
    }
    if (c === ')') { i++; return { t: 'other', v: ')', line: at }; }
    if (c === '"') return { t: 'str', v: readString(false), line: at };
    if (c === "'" || c === '`' || c === ',') {
      i++;
      if (c === ',' && text[i] === '@') i++;
      const inner = read();
      const head = c === "'" ? 'quote' : c === '`' ? 'quasiquote' : 'unquote';
      return { t: 'list', items: [{ t: 'sym', v: head, line: at }, ...(inner ? [inner] : [])], line: at };
    }
    if (c === '#') {
      if (text[i + 1] === '"') { i++; return { t: 'str', v: readString(true), line: at }; }
      if (text[i + 1] === '\\') { const a = text.slice(i, i + 3); i += 3; readAtom(); return { t: 'other', v: a, line: at }; }
      const a = readAtom() || (i++, '#');
      const radix = /^#([oxbd])([0-9a-fA-F]+)$/.exec(a);
      if (radix) {
        const base = { o: 8, x: 16, b: 2, d: 10 }[radix[1] as 'o' | 'x' | 'b' | 'd'];
        return { t: 'num', v: parseInt(radix[2], base), line: at };
      }
      return { t: 'other', v: a, line: at };
    }
    const a = readAtom();
    if (a === '') { i++; return undefined; }
    if (/^[+-]?\d+(\.\d+)?$/.test(a)) return { t: 'num', v: Number(a), line: at };
    return { t: 'sym', v: a, line: at };
  }

  const out: Sx[] = [];
  while (i < n) {
    const x = read();
    if (x) out.push(x);
    else skip();
  }
  return out;
}
